//! The reader's fast way in: pages made from the page cache's headline
//! table ([`crate::cache::heads`]), a folder's row at a time, holding
//! their headlines only; their text is read on demand
//! ([`crate::page_text`]). A file whose entry is missing or stale (another
//! size or modification time) loads as usual, and once loading is over the
//! rows of the folders that changed are written again.

use crate::cache::PageCache;
use crate::cache::db::FileKey;
use crate::cache::heads::{self, FileEntry};
use crate::model::Page;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

/// A folder's row as read at the start, and what became of its entries.
struct Dir {
    /// The folder's canonical path (the row's key).
    canon: PathBuf,
    /// Entries not yet used, by file name.
    entries: Mutex<FxHashMap<Vec<u8>, FileEntry>>,
    /// Names whose entry was used (kept when the row is written again).
    used: Mutex<FxHashSet<Vec<u8>>>,
}

/// A folder's row, read once by whichever loading thread gets there first
/// (None: the folder cannot be resolved).
type DirCell = Arc<OnceLock<Option<Arc<Dir>>>>;

/// The headline rows of the folders met during one load.
pub struct HeadTables {
    cache: &'static PageCache,
    dirs: Mutex<HashMap<PathBuf, DirCell>>,
    /// Entries made this run (files loaded the usual way), per folder.
    fresh: Mutex<HashMap<PathBuf, Vec<FileEntry>>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A regular file (not a link) and its metadata, with its folder and name.
fn plain_file(path: &Path) -> Option<(&Path, &std::ffi::OsStr, std::fs::Metadata)> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    Some((path.parent()?, path.file_name()?, meta))
}

impl HeadTables {
    /// The tables of `cache`.
    pub fn new(cache: &'static PageCache) -> HeadTables {
        HeadTables { cache, dirs: Mutex::default(), fresh: Mutex::default() }
    }

    fn dir(&self, parent: &Path) -> Option<Arc<Dir>> {
        let cell = {
            let mut dirs = lock(&self.dirs);
            match dirs.get(parent) {
                Some(c) => c.clone(),
                None => dirs.entry(parent.to_path_buf()).or_default().clone(),
            }
        };
        cell.get_or_init(|| {
            let canon = std::fs::canonicalize(parent).ok()?;
            let entries = self
                .cache
                .read_heads(&canon, heads::FORMAT, heads::decode)
                .unwrap_or_default()
                .into_iter()
                .map(|e| (e.name.clone(), e))
                .collect();
            Some(Arc::new(Dir { canon, entries: Mutex::new(entries), used: Mutex::default() }))
        })
        .clone()
    }

    /// The pages of the file at `path`, holding their headlines only, when
    /// the table has the file as it is now.
    pub fn pages(&self, path: &Path) -> Option<Vec<Page>> {
        let (parent, name, meta) = plain_file(path)?;
        let dir = self.dir(parent)?;
        let name = name.as_encoded_bytes();
        let entry = lock(&dir.entries).remove(name)?;
        let key = FileKey::in_dir(&dir.canon, path.file_name()?, &meta)?;
        if entry.stamp != key.stamp() {
            return None;
        }
        let pages = entry.pages(path, &key)?;
        lock(&dir.used).insert(entry.name);
        // (So that pruning the cache once loading is over does not look
        // at each file again.)
        self.cache.note_loaded(key.path_bytes());
        Some(pages)
    }

    /// Notes the pages of a file loaded the usual way (parsed, or read back
    /// whole), whose key was `key`, for its folder's row. Returns the same
    /// pages holding their headlines only, as a later start makes them from
    /// the row (None when the file is not noted): the caller keeps these
    /// once the pages' row is in the page cache, so a first start holds no
    /// more text than a second one.
    pub fn note(&self, path: &Path, key: &FileKey, pages: &[Page]) -> Option<Vec<Page>> {
        let (parent, name, _) = plain_file(path)?;
        let entry = FileEntry::new(name, key, pages);
        let shells = entry.pages(path, key);
        lock(&self.fresh).entry(parent.to_path_buf()).or_default().push(entry);
        self.cache.note_loaded(key.path_bytes());
        shells
    }

    /// Once every file is done: writes again the row of every folder that
    /// changed (a file loaded the usual way, or an entry left unused: a
    /// file changed or gone).
    pub fn finish(self) {
        let mut fresh = std::mem::take(&mut *lock(&self.fresh));
        let dirs = std::mem::take(&mut *lock(&self.dirs));
        let mut changed: HashSet<PathBuf> = fresh.keys().cloned().collect();
        let mut known: HashMap<PathBuf, Arc<Dir>> = HashMap::new();
        for (parent, cell) in dirs {
            let Some(Some(dir)) = cell.get() else { continue };
            if !lock(&dir.entries).is_empty() {
                changed.insert(parent.clone());
            }
            known.insert(parent, dir.clone());
        }
        for parent in changed {
            let (canon, used) = match known.get(&parent) {
                Some(d) => (d.canon.clone(), std::mem::take(&mut *lock(&d.used))),
                None => match std::fs::canonicalize(&parent) {
                    Ok(c) => (c, FxHashSet::default()),
                    Err(_) => continue,
                },
            };
            let mut entries: Vec<FileEntry> = match used.is_empty() {
                true => Vec::new(),
                false => self
                    .cache
                    .read_heads(&canon, heads::FORMAT, heads::decode)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|e| used.contains(&e.name))
                    .collect(),
            };
            entries.extend(fresh.remove(&parent).unwrap_or_default());
            entries.sort_by(|a, b| a.name.cmp(&b.name));
            entries.dedup_by(|a, b| a.name == b.name);
            self.cache.put_heads(&canon, heads::FORMAT, &heads::encode(&entries));
        }
    }
}
