//! Where tether keeps its config and data.

use std::path::PathBuf;

/// The environment variable that puts everything under one folder.
pub const HOME_ENV: &str = "TETHER_HOME";

/// The resolved locations of the config file and the data folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Home {
    /// `config.toml`.
    pub config_file: PathBuf,
    /// The data folder (the store's root).
    pub data_dir: PathBuf,
}

/// Why no home could be found.
#[derive(Debug, thiserror::Error)]
pub enum NoHome {
    /// Neither `--home` nor the platform names one.
    #[error("cannot find a home folder for tether's data: set {HOME_ENV}=DIR or pass --home DIR")]
    Unknown,
    /// `--home` (or `TETHER_HOME`) names something that is not a folder.
    #[error(
        "{HOME_ENV} (or --home) names a file, not a folder: {}; point it at a folder (tether makes one that does not exist)",
        .0.display()
    )]
    NotAFolder(PathBuf),
}

impl Home {
    /// Everything under `dir`: `dir/config.toml` and `dir` as the data folder.
    pub fn under(dir: impl Into<PathBuf>) -> Self {
        let dir = dir.into();
        Home {
            config_file: dir.join("config.toml"),
            data_dir: dir,
        }
    }

    /// `--home` (or `TETHER_HOME`) when given, the platform's folders otherwise.
    pub fn resolve(explicit: Option<PathBuf>) -> Result<Self, NoHome> {
        if let Some(dir) = explicit.filter(|d| !d.as_os_str().is_empty()) {
            let not_a_folder = match std::fs::metadata(&dir) {
                Ok(meta) => !meta.is_dir(),
                Err(e) => e.kind() == std::io::ErrorKind::NotADirectory, // under a file
            };
            if not_a_folder {
                return Err(NoHome::NotAFolder(dir));
            }
            return Ok(Home::under(dir));
        }
        let dirs = directories::ProjectDirs::from("", "", "tether").ok_or(NoHome::Unknown)?;
        Ok(Home {
            config_file: dirs.config_dir().join("config.toml"),
            data_dir: dirs.data_dir().to_path_buf(),
        })
    }
}
