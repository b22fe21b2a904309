//! The page cache: pages already parsed, kept in an SQLite database so a
//! second start reads them back instead of parsing every file again.
//!
//! - Where: `$LVREAD_CACHE_DIR/pages.sqlite` when that is set, else the
//!   platform's cache directory (`$XDG_CACHE_HOME/lvread/pages.sqlite`, i.e.
//!   `~/.cache/lvread/` on Linux). `lvread cache --clear` deletes it;
//!   `--no-cache` neither reads nor writes it.
//! - Key: the file's canonical path, its size and modification time, and
//!   [`LOADER_VERSION`] (a fingerprint of the loader's source), so a changed
//!   file or a new loader parses again. Pages are stored with postcard
//!   ([`record`]).
//! - Safety: a file that is not our database, or is damaged (e.g. cut
//!   short), is renamed to `pages.sqlite.bad` (or `.bad.N`) and a new cache
//!   is started; it is never trusted. Several processes may share the cache:
//!   SQLite's write-ahead log lets readers and one writer work at once, each
//!   write batch is one transaction, and a busy database is waited for.
//! - Failure never stops loading: a cache that cannot be opened or written
//!   is turned off for the run, with one notice.

pub mod db;
pub mod heads;
pub mod mapped;
pub mod record;
pub mod text;

pub use db::{CacheError, PageCache};

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Fingerprint of the loader's source (model, loader, path rules): cached
/// pages made by another loader are parsed again.
pub const LOADER_VERSION: &str = env!("LVREAD_LOADER_HASH");

/// The cache file's name inside the cache directory.
pub const CACHE_FILE: &str = "pages.sqlite";

/// Environment variable that overrides the cache directory.
pub const CACHE_DIR_ENV: &str = "LVREAD_CACHE_DIR";

/// The cache directory: `$LVREAD_CACHE_DIR` when set and non-empty, else
/// the platform's cache directory for lvread.
pub fn default_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CACHE_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "lvread").map(|p| p.cache_dir().to_path_buf())
}

/// The cache file: [`default_dir`] / [`CACHE_FILE`].
pub fn default_path() -> Option<PathBuf> {
    default_dir().map(|d| d.join(CACHE_FILE))
}

static SHARED: OnceLock<Option<PageCache>> = OnceLock::new();

/// Turns the process-wide cache on (at [`default_path`]) or off; the first
/// call wins. Returns a notice when the cache could not be used as it was
/// (set aside, or turned off).
pub fn init(enabled: bool) -> Option<String> {
    init_at(if enabled { default_path() } else { None }.as_deref())
}

/// As [`init`], with the cache file at `path` (None: no cache).
pub fn init_at(path: Option<&Path>) -> Option<String> {
    let mut notice = None;
    SHARED.get_or_init(|| match PageCache::open(path?, LOADER_VERSION) {
        Ok(c) => {
            notice = c.take_notice();
            Some(c)
        }
        Err(e) => {
            notice = Some(format!("page cache off: {e}"));
            None
        }
    });
    notice
}

/// The process-wide cache, when [`init`] turned it on.
pub fn shared() -> Option<&'static PageCache> {
    SHARED.get().and_then(Option::as_ref)
}

/// Writes what the process-wide cache still holds in memory.
pub fn flush_shared() {
    if let Some(c) = shared() {
        c.flush();
    }
}

/// Deletes the cache file at [`default_path`] (and its journal files and
/// the folder of its index parts' files). Returns the path deleted, or
/// None when there was none.
pub fn clear() -> std::io::Result<Option<PathBuf>> {
    let Some(path) = default_path() else { return Ok(None) };
    let existed = path.exists();
    for p in db::files_of(&path) {
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    match std::fs::remove_dir_all(db::parts_dir_of(&path)) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    Ok(existed.then_some(path))
}
