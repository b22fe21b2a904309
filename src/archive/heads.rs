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
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

/// A folder's row as read at the start, and what became of its entries.
struct Dir {
    /// The folder's canonical path (the row's key).
    canon: PathBuf,
    /// The folder, open: its files are looked at by name within it
    /// ([`stamp_in`]), not by their whole path.
    #[cfg(unix)]
    open: Option<std::fs::File>,
    /// Entries not yet used, by file name.
    entries: Mutex<FxHashMap<Vec<u8>, FileEntry>>,
    /// Names whose entry was used (kept when the row is written again).
    used: Mutex<FxHashSet<Vec<u8>>>,
}

/// A folder's row, read once by whichever loading thread gets there first
/// (None: the folder cannot be resolved).
type DirCell = Arc<OnceLock<Option<Arc<Dir>>>>;

/// The headline rows of the folders met during one load. (Its maps are
/// hashed with Fx: every file looks its folder up, and the paths are the
/// user's own, not an attacker's.)
pub struct HeadTables {
    cache: &'static PageCache,
    dirs: Mutex<FxHashMap<PathBuf, DirCell>>,
    /// Entries made this run (files loaded the usual way), per folder.
    fresh: Mutex<FxHashMap<PathBuf, Vec<FileEntry>>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The size and modification time ([`FileKey::stamp`]) of the file `name`
/// in the open folder `dir`, when it is a regular file (not a link): what
/// [`plain_file`] and [`FileKey::in_dir`] give, with the name looked up in
/// the folder alone rather than along the whole path (a second start looks
/// at every file of the archive once; the walk of seven or eight names per
/// file was most of that).
#[cfg(unix)]
#[allow(clippy::unnecessary_cast)] // (time_t, off_t and long are i64 on some targets only)
fn stamp_in(dir: &std::fs::File, name: &std::ffi::OsStr) -> Option<(i64, i64)> {
    use std::os::fd::AsRawFd;
    use std::os::unix::ffi::OsStrExt;
    let bytes = name.as_bytes();
    if bytes.contains(&0) {
        return None;
    }
    // The name NUL-terminated: on the stack when it fits (a file name is
    // at most 255 bytes on the usual file systems), so that looking at
    // every file of the archive allocates nothing here.
    let mut buf = [0u8; 256];
    let heap;
    let name: &std::ffi::CStr = if bytes.len() < buf.len() {
        buf[..bytes.len()].copy_from_slice(bytes);
        std::ffi::CStr::from_bytes_until_nul(&buf).ok()?
    } else {
        heap = std::ffi::CString::new(bytes).ok()?;
        &heap
    };
    // SAFETY: `stat` is plain data, all zeros a valid value; fstatat writes
    // only into it, given an open folder and a NUL-terminated name that
    // outlive the call.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    let done = unsafe { libc::fstatat(dir.as_raw_fd(), name.as_ptr(), &mut st, libc::AT_SYMLINK_NOFOLLOW) };
    if done != 0 || st.st_mode & libc::S_IFMT != libc::S_IFREG {
        return None;
    }
    // (As `Metadata::modified` since the epoch: 0 before it.)
    let mtime = if st.st_mtime < 0 { 0 } else { st.st_mtime as i64 * 1_000_000_000 + st.st_mtime_nsec as i64 };
    Some((st.st_size as i64, mtime))
}

/// The stamp of the file `name` of `dir` looked up in the open folder
/// (None: not a regular file there, or no open folder).
#[cfg(unix)]
fn stamp_of(dir: &Dir, name: &std::ffi::OsStr) -> Option<(i64, i64)> {
    dir.open.as_ref().and_then(|f| stamp_in(f, name))
}

/// (Elsewhere files are looked at by their whole path.)
#[cfg(not(unix))]
fn stamp_of(_dir: &Dir, _name: &std::ffi::OsStr) -> Option<(i64, i64)> {
    None
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

    /// `files` files are about to load: the cache's set of files loaded
    /// ([`PageCache::note_loaded`]) makes room for them at once rather than
    /// growing (and rehashing) step by step as they come.
    pub fn expect(&self, files: usize) {
        self.cache.expect_loaded(files);
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
            let entries: FxHashMap<Vec<u8>, FileEntry> = self
                .cache
                .read_heads(&canon, heads::FORMAT, heads::decode)
                .unwrap_or_default()
                .into_iter()
                .map(|e| (e.name.clone(), e))
                .collect();
            Some(Arc::new(Dir {
                #[cfg(unix)]
                open: std::fs::File::open(&canon).ok(),
                canon,
                // (Room for every entry's name: at a second start each
                // is used, and the set would otherwise grow step by step.)
                used: Mutex::new(FxHashSet::with_capacity_and_hasher(entries.len(), Default::default())),
                entries: Mutex::new(entries),
            }))
        })
        .clone()
    }

    /// The pages of the file at `path`, holding their headlines only, when
    /// the table has the file as it is now.
    pub fn pages(&self, path: &Path) -> Option<Vec<Page>> {
        let (parent, name) = (path.parent()?, path.file_name()?);
        let dir = self.dir(parent)?;
        let key = match stamp_of(&dir, name) {
            Some(stamp) => FileKey::with_stamp(&dir.canon, name, stamp),
            None => {
                let (_, _, meta) = plain_file(path)?;
                FileKey::in_dir(&dir.canon, name, &meta)?
            }
        };
        let entry = lock(&dir.entries).remove(name.as_encoded_bytes())?;
        if entry.stamp != key.stamp() {
            return None;
        }
        // (So that pruning the cache once loading is over does not look
        // at each file again.)
        self.cache.note_loaded(key.path_bytes());
        let pages = entry.pages(path, key)?;
        lock(&dir.used).insert(entry.name);
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
        let shells = entry.pages(path, key.clone());
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
        let mut changed: FxHashSet<PathBuf> = fresh.keys().cloned().collect();
        let mut known: FxHashMap<PathBuf, Arc<Dir>> = FxHashMap::default();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn a_file_looked_up_in_its_open_folder_has_the_stamp_of_its_whole_path() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = std::fs::canonicalize(tmp.path()).unwrap();
        let file = dir.join("2023-11-04_p01.txt");
        std::fs::write(&file, "吕梁日报\n").unwrap();
        std::fs::create_dir(dir.join("sub.txt")).unwrap();
        std::os::unix::fs::symlink(&file, dir.join("link.txt")).unwrap();
        let open = std::fs::File::open(&dir).unwrap();
        let name = std::ffi::OsStr::new("2023-11-04_p01.txt");
        let (_, _, meta) = plain_file(&file).unwrap();
        let key = FileKey::in_dir(&dir, name, &meta).unwrap();
        assert_eq!(stamp_in(&open, name), Some(key.stamp()));
        assert_eq!(FileKey::with_stamp(&dir, name, key.stamp()), key);
        assert_eq!(FileKey::of(&file), Some(key));
        // The longest name a folder holds (255 bytes) fills the name's
        // buffer on the stack but for its NUL; a longer one is looked up
        // as it is (and is not there).
        let long = "页".repeat(85);
        std::fs::write(dir.join(&long), "吕梁").unwrap();
        let (_, _, meta) = plain_file(&dir.join(&long)).unwrap();
        let key = FileKey::in_dir(&dir, long.as_ref(), &meta).unwrap();
        assert_eq!(stamp_in(&open, long.as_ref()), Some(key.stamp()));
        assert_eq!(stamp_in(&open, std::ffi::OsStr::new(&format!("{long}x"))), None);
        assert_eq!(stamp_in(&open, std::ffi::OsStr::new("a\0b")), None);
        // Not regular files, or not there: None, as `plain_file` says.
        for other in ["sub.txt", "link.txt", "gone.txt"] {
            assert_eq!(stamp_in(&open, std::ffi::OsStr::new(other)), None, "{other}");
            assert!(plain_file(&dir.join(other)).is_none(), "{other}");
        }
    }
}
