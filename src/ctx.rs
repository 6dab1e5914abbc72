//! What every front end runs with: where the data lives, the settings, the store, the
//! clock and where colour is used.

use std::path::PathBuf;
use std::sync::Arc;

use color_eyre::eyre::Result;

use crate::clock::{self, Clock};
use crate::color::{ColorChoice, Colors};
use crate::config::Config;
use crate::home::Home;
use crate::store::Store;

/// What a command or the dashboard runs with.
#[derive(Clone)]
pub struct Ctx {
    /// Where config and data live.
    pub home: Home,
    /// The settings.
    pub config: Config,
    /// The store.
    pub store: Store,
    /// The clock (shared with the dashboard's worker thread).
    pub clock: Arc<dyn Clock>,
    /// Where colour is used.
    pub color: Colors,
}

impl Ctx {
    /// Resolves the home, reads the config and opens the store. The config's warnings
    /// (unknown keys) are left in `config.warnings` for the front end to show.
    pub fn load(home: Option<PathBuf>, color: ColorChoice) -> Result<Self> {
        let home = Home::resolve(home)?;
        let config = Config::load(&home.config_file)?;
        let store = Store::new(&home.data_dir).with_lock_timeout(config.lock_timeout);
        let clock = Arc::from(clock::from_env()?);
        Ok(Ctx {
            home,
            config,
            store,
            clock,
            color: Colors::from_env(color),
        })
    }
}
