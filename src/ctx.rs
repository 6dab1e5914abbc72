//! What every front end runs with: where the data lives, the settings, the store, the
//! clock and where colour is used.

use std::path::PathBuf;
use std::sync::Arc;

use color_eyre::eyre::Result;

use crate::clock::{self, Clock};
use crate::color::{ColorChoice, Colors};
use crate::config::Config;
use crate::home::Home;
use crate::store::{Store, UnsafeFolder, unsafe_folder};

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
    /// The data or config folder another user could plant files in, if any: every
    /// command refuses to run but `doctor`, which reports it (see [`Ctx::refuse_unsafe`]).
    pub unsafe_folders: Vec<UnsafeFolder>,
}

impl Ctx {
    /// Resolves the home, reads the config and opens the store. The config's warnings
    /// (unknown keys) are left in `config.warnings` for the front end to show, and a
    /// folder another user could write to in `unsafe_folders`, for it to refuse.
    pub fn load(home: Option<PathBuf>, color: ColorChoice) -> Result<Self> {
        let home = Home::resolve(home)?;
        let store = Store::open(&home.data_dir)?;
        let mut unsafe_folders: Vec<UnsafeFolder> = unsafe_folder(store.root(), "data folder")
            .into_iter()
            .collect();
        if let Some(dir) = home.config_file.parent()
            && std::fs::canonicalize(dir).ok().as_deref() != Some(store.root())
        {
            unsafe_folders.extend(unsafe_folder(dir, "config folder"));
        }
        let config = Config::load(&home.config_file)?;
        let store = store.with_lock_timeout(config.lock_timeout);
        let clock = Arc::from(clock::from_env()?);
        Ok(Ctx {
            home,
            config,
            store,
            clock,
            color: Colors::from_env(color),
            unsafe_folders,
        })
    }

    /// Refuses to go on when the data or config folder is one another user could plant
    /// files in, saying how to fix it.
    pub fn refuse_unsafe(&self) -> Result<(), UnsafeFolder> {
        match self.unsafe_folders.first() {
            Some(folder) => Err(folder.clone()),
            None => Ok(()),
        }
    }
}
