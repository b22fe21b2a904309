//! Where the config file lives (`$LVREAD_CONFIG_DIR`, XDG) and loading it,
//! with the environment (`COLORFGBG`, `NO_COLOR`).

use super::{Config, ConfigError, parse_lenient};
use std::path::{Path, PathBuf};

/// The config file's name inside the config directory.
pub const CONFIG_FILE: &str = "config.toml";

/// The largest config file read (a real one is a few KB).
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Environment variable that overrides the config directory (tests, portable set-ups).
pub const CONFIG_DIR_ENV: &str = "LVREAD_CONFIG_DIR";

/// `$LVREAD_CONFIG_DIR/config.toml` when that is set and non-empty, else the
/// platform's config directory (`$XDG_CONFIG_HOME/lvread/config.toml` on Linux).
pub fn default_path() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join(CONFIG_FILE));
    }
    directories::ProjectDirs::from("", "", "lvread").map(|p| p.config_dir().join(CONFIG_FILE))
}

/// True when `NO_COLOR` is set to something non-empty (<https://no-color.org>).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Loads the config at `path` (a missing file gives the defaults): every
/// valid setting is applied and each mistake returned. `no_color` turns colours off.
pub fn load_from(path: &Path, colorfgbg: Option<&str>, no_color: bool) -> (Config, Vec<ConfigError>) {
    let shown = path.display().to_string();
    let defaults = || parse_lenient("", &shown, colorfgbg).0;
    let (cfg, errors) = match crate::files::read_regular(path, MAX_CONFIG_BYTES, "a config file") {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => parse_lenient(&text, &shown, colorfgbg),
            Err(_) => (
                defaults(),
                vec![ConfigError {
                    path: shown.clone(),
                    line: None,
                    message: "not UTF-8 text; using the defaults".to_string(),
                }],
            ),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (defaults(), Vec::new()),
        Err(e) => (
            defaults(),
            vec![ConfigError {
                path: shown.clone(),
                line: None,
                message: format!("cannot read: {e}; using the defaults"),
            }],
        ),
    };
    (if no_color { cfg.without_color() } else { cfg }, errors)
}

/// Loads the config from [`default_path`], honouring `COLORFGBG` and `NO_COLOR`.
pub fn load() -> (Config, Vec<ConfigError>) {
    let fgbg = std::env::var("COLORFGBG").ok();
    let no_color = no_color_requested();
    match default_path() {
        Some(p) => load_from(&p, fgbg.as_deref(), no_color),
        None => {
            let c = parse_lenient("", "config", fgbg.as_deref()).0;
            (if no_color { c.without_color() } else { c }, Vec::new())
        }
    }
}
