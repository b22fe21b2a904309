//! The cache database: opening (and setting aside a damaged or foreign
//! file), reading a page back, writing pages in batches.

use super::mapped::SharedBytes;
use super::record::{self, Encoding};
use crate::model::Page;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, params};
use rustc_hash::FxHashSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, UNIX_EPOCH};

/// Marks the database as lvread's page cache (`PRAGMA application_id`).
const APPLICATION_ID: i32 = 0x4C56_5244; // "LVRD"

/// Pages written per transaction.
const BATCH: usize = 64;

/// How long to wait for another process holding the database.
const BUSY_WAIT: Duration = Duration::from_secs(10);

/// Why the cache could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("{path}: {err}")]
    Io { path: String, err: std::io::Error },
    #[error("{path}: {err}")]
    Sqlite { path: String, err: rusqlite::Error },
}

/// Which file a page came from, as the cache keys it: canonical path,
/// size and modification time (taken before the file is read, so a file
/// changed while being read is parsed again next time).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct FileKey {
    path: Vec<u8>,
    size: i64,
    mtime: i64,
}

impl FileKey {
    /// The key of the file at `path` (None when it cannot be looked at).
    pub fn of(path: &Path) -> Option<FileKey> {
        let canon = std::fs::canonicalize(path).ok()?;
        let meta = std::fs::metadata(&canon).ok()?;
        let mtime = meta.modified().ok()?.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as i64);
        Some(FileKey { path: canon.into_os_string().into_encoded_bytes(), size: meta.len() as i64, mtime })
    }

    /// The key of the file named `name` in the folder whose canonical path
    /// is `dir`, with metadata `meta` — what [`FileKey::of`] gives for a
    /// file that is not a link, without resolving the path again.
    pub fn in_dir(dir: &Path, name: &std::ffi::OsStr, meta: &std::fs::Metadata) -> Option<FileKey> {
        let mtime = meta.modified().ok()?.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as i64);
        let path = crate::files::join(dir, name);
        Some(FileKey { path: path.into_os_string().into_encoded_bytes(), size: meta.len() as i64, mtime })
    }

    /// The key of the file named `name` in the folder whose canonical path
    /// is `dir`, whose size and modification time (nanoseconds since the
    /// epoch, 0 before it) are `stamp`: [`FileKey::in_dir`] for a file
    /// looked at another way.
    pub fn with_stamp(dir: &Path, name: &std::ffi::OsStr, stamp: (i64, i64)) -> FileKey {
        let path = crate::files::join(dir, name);
        FileKey { path: path.into_os_string().into_encoded_bytes(), size: stamp.0, mtime: stamp.1 }
    }

    /// The key's size and modification time (nanoseconds).
    pub fn stamp(&self) -> (i64, i64) {
        (self.size, self.mtime)
    }

    /// Appends the key to `out` (path length, path, size, mtime), so that
    /// keys end to end say exactly which files, as they were, a stored
    /// index part covers.
    pub fn append_to(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.path.len() as u64).to_le_bytes());
        out.extend_from_slice(&self.path);
        out.extend_from_slice(&self.size.to_le_bytes());
        out.extend_from_slice(&self.mtime.to_le_bytes());
    }

    /// The file's canonical path, as bytes.
    pub fn path_bytes(&self) -> &[u8] {
        &self.path
    }
}

struct Row {
    key: FileKey,
    page: Vec<u8>,
}

/// A page's part of the search index, waiting to be written.
struct SearchRow {
    key: FileKey,
    page: i64,
    format: u32,
    keys: Vec<u8>,
}

/// The table of the pages' parts of the search index: keyed like the pages
/// (plus the page's number within its file), and by the index's format.
const SEARCH_TABLE: &str = "CREATE TABLE IF NOT EXISTS search(path BLOB NOT NULL, page INTEGER NOT NULL,
    size INTEGER NOT NULL, mtime INTEGER NOT NULL, loader TEXT NOT NULL, format INTEGER NOT NULL,
    keys BLOB NOT NULL, PRIMARY KEY(path, page))";

/// The table of the search index's parts stored whole: one row per group
/// of pages (`grp`, e.g. the pages of a quarter in one folder), valid for
/// exactly the pages listed in `pages` (their keys, end to end), this
/// loader and index format.
const PARTS_TABLE: &str = "CREATE TABLE IF NOT EXISTS parts(grp BLOB PRIMARY KEY, pages BLOB NOT NULL,
    loader TEXT NOT NULL, format INTEGER NOT NULL, part BLOB NOT NULL)";

/// The headline table ([`super::heads`]): one row per folder (its
/// canonical path), this loader and row format.
const HEADS_TABLE: &str = "CREATE TABLE IF NOT EXISTS heads(dir BLOB PRIMARY KEY, loader TEXT NOT NULL,
    format INTEGER NOT NULL, files BLOB NOT NULL)";

/// Starts a part's row's pointer to its file ([`PageCache::put_part`]):
/// then the write's number (8 bytes) and the part's length (8 bytes).
const POINTER_MAGIC: &[u8; 4] = b"LVPR";

/// Starts a part file: then its format (4 bytes), the write's number and
/// the part's length (8 bytes each), 8 zero bytes, and the part (aligned:
/// [`crate::search::bytes::Buf`]).
const PART_MAGIC: &[u8; 4] = b"LVPF";

/// The part file's own format.
const PART_FILE_FORMAT: u32 = 1;

/// Bytes before the part in a part file.
const PART_HEADER: usize = 32;

/// The header of a part file for write `write` of a part of `len` bytes.
fn part_header(write: [u8; 8], len: u64) -> [u8; PART_HEADER] {
    let mut h = [0u8; PART_HEADER];
    h[..4].copy_from_slice(PART_MAGIC);
    h[4..8].copy_from_slice(&PART_FILE_FORMAT.to_le_bytes());
    h[8..16].copy_from_slice(&write);
    h[16..24].copy_from_slice(&len.to_le_bytes());
    h
}

/// A number for one write of a part file, different from every other
/// write's (of this process or another) as far as it matters: the time,
/// the process and a count, mixed.
fn write_number() -> [u8; 8] {
    static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let nanos = std::time::SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut h = nanos ^ (u64::from(std::process::id()) << 40) ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^= h >> 31;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    (h ^ (h >> 29)).to_le_bytes()
}

/// The folder of the index parts' files of the database at `path`.
pub fn parts_dir_of(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".parts");
    PathBuf::from(s)
}

/// How old a part file being written must be to be taken for one a
/// process left when it ended mid-write (a part is written in well under a
/// second).
const LEFT_OVER: Duration = Duration::from_secs(3600);

/// Removes from the parts' folder `dir` the files being written that a
/// process left behind (it ended before renaming them into place: see
/// [`super::mapped::write_whole`]), once older than [`LEFT_OVER`].
fn sweep_left_over(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name();
        let old = e.metadata().ok().and_then(|m| m.modified().ok()).and_then(|t| t.elapsed().ok());
        if name.to_string_lossy().contains(".tmp.") && old.is_some_and(|age| age > LEFT_OVER) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// An open page cache (safe to share between threads).
pub struct PageCache {
    path: PathBuf,
    version: String,
    /// None once turned off after an error it could not get over.
    conn: Mutex<Option<Connection>>,
    /// Read-only connections for reading index parts on several threads at
    /// once (the database is in WAL mode: readers do not wait for each
    /// other nor for the writer).
    readers: Mutex<Vec<Connection>>,
    pending: Mutex<Vec<Row>>,
    pending_search: Mutex<Vec<SearchRow>>,
    notice: Mutex<Option<String>>,
    /// Key paths of the files loaded since the last prune
    /// ([`PageCache::note_loaded`]): there a moment ago.
    loaded: Mutex<FxHashSet<Vec<u8>>>,
}

/// The path a key's bytes stand for.
#[cfg(unix)]
fn key_path(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

/// The path a key's bytes stand for.
#[cfg(not(unix))]
fn key_path(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

/// The database file and its journal files.
pub fn files_of(path: &Path) -> [PathBuf; 3] {
    let with = |suffix: &str| {
        let mut s = path.as_os_str().to_owned();
        s.push(suffix);
        PathBuf::from(s)
    };
    [path.to_path_buf(), with("-wal"), with("-shm")]
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn damaged(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt))
}

/// Cheap look at the file's header: an SQLite file whose header promises
/// more pages than the file holds was cut short.
fn cut_short(path: &Path) -> bool {
    let Ok(bytes) = std::fs::File::open(path).and_then(|mut f| {
        let mut b = [0u8; 100];
        std::io::Read::read(&mut f, &mut b).map(|n| b[..n].to_vec())
    }) else {
        return false;
    };
    if bytes.is_empty() {
        return false;
    }
    if bytes.len() < 100 || !bytes.starts_with(b"SQLite format 3\0") {
        return true;
    }
    let page_size = match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65536u64,
        n => n as u64,
    };
    let pages = u32::from_be_bytes([bytes[28], bytes[29], bytes[30], bytes[31]]) as u64;
    let len = std::fs::metadata(path).map_or(0, |m| m.len());
    len < pages * page_size
}

/// Renames a damaged or foreign database to `NAME.bad` (or `NAME.bad.N`)
/// and removes its journal files; returns the new name.
fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let mut n = 0;
    let target = loop {
        let mut s = path.as_os_str().to_owned();
        s.push(if n == 0 { ".bad".to_string() } else { format!(".bad.{n}") });
        let t = PathBuf::from(s);
        if !t.exists() {
            break t;
        }
        n += 1;
    };
    std::fs::rename(path, &target)?;
    for p in &files_of(path)[1..] {
        let _ = std::fs::remove_file(p);
    }
    Ok(target)
}

/// Opens (creating if needed) the database; Err(true) when the file is
/// damaged or not ours.
fn connect(path: &Path) -> Result<Connection, (bool, rusqlite::Error)> {
    let conn = Connection::open(path).map_err(|e| (damaged(&e), e))?;
    let setup = || -> rusqlite::Result<bool> {
        conn.busy_timeout(BUSY_WAIT)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        let ours = if id == 0 && tables == 0 {
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
            conn.execute_batch(
                "CREATE TABLE pages(path BLOB PRIMARY KEY, size INTEGER NOT NULL, mtime INTEGER NOT NULL,
                                    loader TEXT NOT NULL, page BLOB NOT NULL)",
            )?;
            true
        } else {
            id == APPLICATION_ID
        };
        if ours {
            // (Caches made before the search table existed get it here.)
            conn.execute_batch(SEARCH_TABLE)?;
            conn.execute_batch(PARTS_TABLE)?;
            conn.execute_batch(HEADS_TABLE)?;
        }
        conn.execute_batch("COMMIT")?;
        Ok(ours)
    };
    // (Another process setting the same file up at the same moment can make
    // SQLite answer "busy" at once, without waiting the busy timeout: when
    // it switches the journal to WAL, say. Such a setup is tried again.)
    let started = std::time::Instant::now();
    loop {
        match setup() {
            Ok(true) => return Ok(conn),
            Ok(false) => return Err((true, rusqlite::Error::InvalidQuery)),
            Err(e) if is_busy(&e) && started.elapsed() < BUSY_WAIT => {
                let _ = conn.execute_batch("ROLLBACK");
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => return Err((damaged(&e), e)),
        }
    }
}

/// True for SQLite's "the database is busy or locked" (another connection
/// holds it).
fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

impl PageCache {
    /// Opens the cache at `path` for pages made by loader `version`. A file
    /// that is damaged or not a page cache is set aside (see
    /// [`PageCache::take_notice`]) and a new one started.
    pub fn open(path: &Path, version: &str) -> Result<PageCache, CacheError> {
        let shown = path.display().to_string();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|err| CacheError::Io { path: shown.clone(), err })?;
        }
        let mut notice = None;
        let mut bad = path.exists() && cut_short(path);
        let mut tries = 0;
        let conn = loop {
            if bad {
                let aside = set_aside(path).map_err(|err| CacheError::Io { path: shown.clone(), err })?;
                notice = Some(format!(
                    "the page cache {shown} was damaged or not lvread's: set aside as {} and started anew",
                    aside.display()
                ));
            }
            match connect(path) {
                Ok(c) => break c,
                Err((true, _)) if tries == 0 => bad = true,
                Err((_, err)) => return Err(CacheError::Sqlite { path: shown, err }),
            }
            tries += 1;
        };
        sweep_left_over(&parts_dir_of(path));
        Ok(PageCache {
            path: path.to_path_buf(),
            version: version.to_string(),
            conn: Mutex::new(Some(conn)),
            readers: Mutex::new(Vec::new()),
            pending: Mutex::new(Vec::new()),
            pending_search: Mutex::new(Vec::new()),
            notice: Mutex::new(notice),
            loaded: Mutex::default(),
        })
    }

    /// Where the cache lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What went wrong with the cache since the last call, if anything.
    pub fn take_notice(&self) -> Option<String> {
        lock(&self.notice).take()
    }

    /// True while the cache is in use (not turned off by an error).
    pub fn is_on(&self) -> bool {
        lock(&self.conn).is_some()
    }

    /// An error while in use: a damaged file is set aside and a new cache
    /// started; anything else turns the cache off for this run.
    fn failed(&self, conn: &mut Option<Connection>, err: rusqlite::Error) {
        *conn = None;
        let shown = self.path.display();
        let note = if damaged(&err) {
            match set_aside(&self.path).ok().and_then(|aside| connect(&self.path).ok().map(|c| (aside, c))) {
                Some((aside, c)) => {
                    *conn = Some(c);
                    format!(
                        "the page cache {shown} was damaged ({err}): set aside as {} and started anew",
                        aside.display()
                    )
                }
                None => format!("the page cache {shown} is damaged ({err}); not used this time"),
            }
        } else {
            format!("page cache {shown} off: {err}")
        };
        lock(&self.notice).get_or_insert(note);
    }

    /// The pages cached for this file, if the file has not changed since
    /// and the same loader made them.
    /// (A row still waiting to be written is found too: the reader's
    /// headline-only pages of a first start read their text back at once.)
    pub fn get(&self, key: &FileKey, path: &Path) -> Option<Vec<Page>> {
        let waiting = lock(&self.pending).iter().rev().find(|r| r.key == *key).map(|r| r.page.clone());
        if let Some(blob) = waiting {
            return record::decode(&blob, path, Encoding::Postcard);
        }
        // (A batch taken from the waiting rows is written holding the
        // connection, taken before they were let go: a row not waiting
        // any more is in the database once the connection is had.)
        let blob = {
            let mut guard = lock(&self.conn);
            let conn = guard.as_ref()?;
            let found = conn
                .prepare_cached("SELECT page FROM pages WHERE path = ?1 AND size = ?2 AND mtime = ?3 AND loader = ?4")
                .and_then(|mut s| {
                    s.query_row(params![key.path, key.size, key.mtime, self.version], |r| r.get::<_, Vec<u8>>(0))
                        .optional()
                });
            match found {
                Ok(b) => b?,
                Err(e) => {
                    self.failed(&mut guard, e);
                    return None;
                }
            }
        };
        record::decode(&blob, path, Encoding::Postcard)
    }

    /// Stores the freshly parsed pages of a file (written with the next batch).
    pub fn put(&self, key: FileKey, pages: &[Page]) {
        let row = Row { key, page: record::encode(pages, Encoding::Postcard) };
        let mut pending = lock(&self.pending);
        pending.push(row);
        if pending.len() < BATCH {
            return;
        }
        let batch = std::mem::take(&mut *pending);
        let guard = lock(&self.conn);
        drop(pending);
        self.write(guard, batch);
    }

    /// Writes every page (and index part) still waiting.
    pub fn flush(&self) {
        {
            let mut pending = lock(&self.pending);
            if !pending.is_empty() {
                let batch = std::mem::take(&mut *pending);
                let guard = lock(&self.conn);
                drop(pending);
                self.write(guard, batch);
            }
        }
        let batch = std::mem::take(&mut *lock(&self.pending_search));
        if !batch.is_empty() {
            self.write_search(batch);
        }
    }

    /// The search index's part for page `page` (its number within the
    /// file) of this file, stored in format `format`, if the file has not
    /// changed since and the same loader made the page.
    pub fn get_search(&self, key: &FileKey, page: i64, format: u32) -> Option<Vec<u8>> {
        let mut guard = lock(&self.conn);
        let conn = guard.as_ref()?;
        let found = conn
            .prepare_cached(
                "SELECT keys FROM search WHERE path = ?1 AND page = ?2 AND size = ?3 AND mtime = ?4 AND loader = ?5
                 AND format = ?6",
            )
            .and_then(|mut s| {
                s.query_row(params![key.path, page, key.size, key.mtime, self.version, format], |r| {
                    r.get::<_, Vec<u8>>(0)
                })
                .optional()
            });
        match found {
            Ok(b) => b,
            Err(e) => {
                self.failed(&mut guard, e);
                None
            }
        }
    }

    /// The index part stored for group `grp` if it was made for exactly
    /// these `pages` (see [`FileKey::append_to`]), by this loader, in
    /// format `format`: its bytes, copied out of its file.
    pub fn get_part(&self, grp: &[u8], pages: &[u8], format: u32) -> Option<Vec<u8>> {
        self.read_part(grp, pages, format, |bytes| Some(bytes.as_slice().to_vec()))
    }

    /// Runs `f` on a read-only connection of its own (taken from a pool,
    /// so that several threads read at once); None when no such connection
    /// could be had, the cache is turned off, or the read failed.
    fn reading<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Option<T> {
        if lock(&self.conn).is_none() {
            // Turned off after an error.
            return None;
        }
        let conn = match lock(&self.readers).pop() {
            Some(c) => c,
            None => {
                let c = Connection::open_with_flags(&self.path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
                c.busy_timeout(BUSY_WAIT).ok()?;
                c
            }
        };
        let found = f(&conn).ok()?;
        lock(&self.readers).push(conn);
        Some(found)
    }

    /// Every index part stored by this loader in format `format`: its group
    /// and the length of its list of pages (nothing is read but these).
    /// Empty when the cache cannot be read.
    pub fn list_parts(&self, format: u32) -> Vec<(Vec<u8>, usize)> {
        self.reading(|conn| {
            let mut s = conn.prepare("SELECT grp, length(pages) FROM parts WHERE loader = ?1 AND format = ?2")?;
            let rows = s.query_map(params![self.version, format], |r| {
                Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, i64>(1)?.max(0) as usize))
            })?;
            rows.collect()
        })
        .unwrap_or_default()
    }

    /// Reads the index part stored for group `grp` by this loader in
    /// format `format`: `read` gets the list of pages it was made for (see
    /// [`PageCache::get_part`]) and the part's bytes, mapped from its file
    /// ([`PageCache::part_file`]) and used where they lie (the pieces read
    /// from them may keep them). None when there is no such part, its file
    /// is missing, cut short, foreign or not the one the row was written
    /// with, or `read` gives None.
    ///
    /// A second start reads a gigabyte of parts: copied out of SQLite and
    /// decoded into fresh memory, which the kernel zeroes page by page,
    /// they cost more than the rest of the start; mapped, they cost the
    /// checksum's one read of the OS's file cache.
    pub fn read_part_of_group<T>(
        &self,
        grp: &[u8],
        format: u32,
        read: impl FnOnce(&[u8], &SharedBytes) -> Option<T>,
    ) -> Option<T> {
        let (pages, pointer) = self.part_row(grp, format)?;
        let bytes = self.open_part(grp, &pointer)?;
        read(&pages, &bytes)
    }

    /// The row of group `grp`'s part by this loader in format `format`: the
    /// pages it was made for and the pointer to its file. Read on a
    /// read-only connection of its own when one can be had (several threads
    /// read parts at once), else on the main one (which reports errors).
    fn part_row(&self, grp: &[u8], format: u32) -> Option<(Vec<u8>, Vec<u8>)> {
        let find = "SELECT pages, part FROM parts WHERE grp = ?1 AND loader = ?2 AND format = ?3";
        let query = |conn: &Connection| {
            conn.prepare_cached(find).and_then(|mut s| {
                s.query_row(params![grp, self.version, format], |r| Ok((r.get(0)?, r.get(1)?))).optional()
            })
        };
        if let Some(found) = self.reading(query) {
            return found;
        }
        let mut guard = lock(&self.conn);
        let conn = guard.as_ref()?;
        match query(conn) {
            Ok(found) => found,
            Err(e) => {
                self.failed(&mut guard, e);
                None
            }
        }
    }

    /// The index part stored for group `grp` if it was made for exactly
    /// these `pages`, by this loader, in format `format`, read as
    /// [`PageCache::read_part_of_group`] reads it: `read` gets its bytes.
    pub fn read_part<T>(
        &self,
        grp: &[u8],
        pages: &[u8],
        format: u32,
        read: impl FnOnce(&SharedBytes) -> Option<T>,
    ) -> Option<T> {
        self.read_part_of_group(grp, format, |stored, bytes| if stored == pages { read(bytes) } else { None })
    }

    /// The folder of the index parts' files: beside the database, named
    /// after it (`pages.sqlite.parts`).
    pub fn parts_dir(&self) -> PathBuf {
        parts_dir_of(&self.path)
    }

    /// The file of group `grp`'s part, named by a hash of the group (two
    /// groups of one name, which the hash makes unlikely, replace each
    /// other's file: each is then found not to be its row's and built
    /// again, never used for the other).
    pub fn part_file(&self, grp: &[u8]) -> PathBuf {
        // (FNV-1a: the same name on every run and build.)
        let hash = grp.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3));
        self.parts_dir().join(format!("{hash:016x}.part"))
    }

    /// The bytes of a part, mapped from the file of group `grp` when it is
    /// the one `pointer` (its row) says: its header names the same write
    /// (a number drawn when it was written) and length, and the file is as
    /// long as its header says. None otherwise (missing, cut short,
    /// another program's, replaced by another process's write since the
    /// row was read, or an older format).
    fn open_part(&self, grp: &[u8], pointer: &[u8]) -> Option<SharedBytes> {
        let (magic, rest) = pointer.split_first_chunk::<4>()?;
        let (write, rest) = rest.split_first_chunk::<8>()?;
        let len = u64::from_le_bytes(*rest.first_chunk::<8>()?);
        if magic != POINTER_MAGIC || rest.len() != 8 {
            return None;
        }
        let file = std::fs::File::open(self.part_file(grp)).ok()?;
        let size = file.metadata().ok()?.len();
        if size != PART_HEADER as u64 + len {
            return None;
        }
        // (The file is never written in place: what was measured is what is
        // mapped, whatever another process writes meanwhile.)
        let bytes = SharedBytes::map_file(&file, usize::try_from(size).ok()?)?;
        let header = part_header(*write, len);
        if bytes.as_slice().get(..PART_HEADER)? != header {
            return None;
        }
        bytes.slice(PART_HEADER, usize::try_from(len).ok()?)
    }

    /// Stores the index part of group `grp` (replacing the group's older
    /// one): its bytes in a file of their own ([`PageCache::part_file`],
    /// written whole and renamed into place, so that a process mapping
    /// the one before keeps it whole), then its row, in its own
    /// transaction, pointing to that write of the file.
    pub fn put_part(&self, grp: &[u8], pages: &[u8], format: u32, part: &[u8]) {
        let write = write_number();
        let header = part_header(write, part.len() as u64);
        let file = self.part_file(grp);
        let written = std::fs::create_dir_all(self.parts_dir())
            .and_then(|()| super::mapped::write_whole(&file, &[&header, part]));
        if written.is_err() {
            // (No file, no row: the group is built again next time.)
            return;
        }
        let mut pointer = POINTER_MAGIC.to_vec();
        pointer.extend_from_slice(&write);
        pointer.extend_from_slice(&(part.len() as u64).to_le_bytes());
        let mut guard = lock(&self.conn);
        let Some(conn) = guard.as_mut() else { return };
        let result = (|| -> rusqlite::Result<()> {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            tx.prepare_cached(
                "INSERT OR REPLACE INTO parts(grp, pages, loader, format, part) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![grp, pages, self.version, format, pointer])?;
            tx.commit()
        })();
        if let Err(e) = result {
            self.failed(&mut guard, e);
        }
    }

    /// On a read-only connection of its own, in one read transaction: the
    /// row `find` (selecting its rowid and a blob) finds, and the blob in
    /// `column` of that row of `table` (`at`), read into memory of its own;
    /// `read` gets both. Some(None) when there is no such row or `read`
    /// gives None; None when no read-only connection could be had or the
    /// read failed.
    fn read_blob<T>(
        &self,
        find: &str,
        params: impl rusqlite::Params,
        (table, column): (&str, &str),
        read: impl FnOnce(&[u8], &[u8]) -> Option<T>,
    ) -> Option<Option<T>> {
        self.reading(|conn| {
            let tx = conn.unchecked_transaction()?;
            let found = tx
                .prepare_cached(find)?
                .query_row(params, |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))
                .optional()?;
            let Some((row, first)) = found else { return Ok(None) };
            let blob = tx.blob_open(rusqlite::MAIN_DB, table, column, row, true)?;
            let n = blob.len();
            let mut buf = vec![0; n];
            let filled = blob.read_at_exact(&mut buf, 0);
            drop(blob);
            tx.commit()?;
            filled?;
            Ok(read(&first, &buf))
        })
    }

    /// The headline row of the folder `dir` (canonical), written by this
    /// loader in format `format`.
    pub fn get_heads(&self, dir: &Path, format: u32) -> Option<Vec<u8>> {
        self.read_heads(dir, format, |row| Some(row.to_vec()))
    }

    /// [`PageCache::get_heads`], giving `read` the row's bytes (gone when
    /// it returns) instead of a copy.
    pub fn read_heads<T>(&self, dir: &Path, format: u32, read: impl FnOnce(&[u8]) -> Option<T>) -> Option<T> {
        let key = dir.as_os_str().as_encoded_bytes();
        let find = "SELECT rowid, X'' FROM heads WHERE dir = ?1 AND loader = ?2 AND format = ?3";
        let mut read = Some(read);
        // (Not kept: the loading threads live on, and a row is read once.)
        let found = self.read_blob(find, params![key, self.version, format], ("heads", "files"), |_, row| {
            read.take().and_then(|f| f(row))
        });
        if let Some(found) = found {
            return found;
        }
        let read = read?;
        // No reader connection: through the main one (which reports errors).
        let mut guard = lock(&self.conn);
        let conn = guard.as_ref()?;
        let found = conn
            .prepare_cached("SELECT files FROM heads WHERE dir = ?1 AND loader = ?2 AND format = ?3")
            .and_then(|mut s| s.query_row(params![key, self.version, format], |r| r.get::<_, Vec<u8>>(0)).optional());
        match found {
            Ok(b) => {
                drop(guard);
                b.and_then(|b| read(&b))
            }
            Err(e) => {
                self.failed(&mut guard, e);
                None
            }
        }
    }

    /// Stores the headline row of the folder `dir` (replacing the older
    /// one), at once in its own transaction.
    pub fn put_heads(&self, dir: &Path, format: u32, files: &[u8]) {
        let mut guard = lock(&self.conn);
        let Some(conn) = guard.as_mut() else { return };
        let dir = dir.as_os_str().as_encoded_bytes();
        let result = (|| -> rusqlite::Result<()> {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            tx.prepare_cached("INSERT OR REPLACE INTO heads(dir, loader, format, files) VALUES (?1, ?2, ?3, ?4)")?
                .execute(params![dir, self.version, format, files])?;
            tx.commit()
        })();
        if let Err(e) = result {
            self.failed(&mut guard, e);
        }
    }

    /// Stores the search index's part for a page of this file (written with
    /// the next batch, or at [`PageCache::flush`]).
    pub fn put_search(&self, key: FileKey, page: i64, format: u32, keys: Vec<u8>) {
        let batch = {
            let mut pending = lock(&self.pending_search);
            pending.push(SearchRow { key, page, format, keys });
            if pending.len() < BATCH {
                return;
            }
            std::mem::take(&mut *pending)
        };
        self.write_search(batch);
    }

    fn write_search(&self, rows: Vec<SearchRow>) {
        let mut guard = lock(&self.conn);
        let Some(conn) = guard.as_mut() else { return };
        let result = (|| -> rusqlite::Result<()> {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            {
                let mut s = tx.prepare_cached(
                    "INSERT OR REPLACE INTO search(path, page, size, mtime, loader, format, keys)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?;
                for r in &rows {
                    s.execute(params![r.key.path, r.page, r.key.size, r.key.mtime, self.version, r.format, r.keys])?;
                }
            }
            tx.commit()
        })();
        if let Err(e) = result {
            self.failed(&mut guard, e);
        }
    }

    /// Writes `rows` on the connection `guard` holds.
    fn write(&self, mut guard: MutexGuard<'_, Option<Connection>>, rows: Vec<Row>) {
        let Some(conn) = guard.as_mut() else { return };
        let result = (|| -> rusqlite::Result<()> {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            {
                let mut s = tx.prepare_cached(
                    "INSERT OR REPLACE INTO pages(path, size, mtime, loader, page) VALUES (?1, ?2, ?3, ?4, ?5)",
                )?;
                for r in &rows {
                    s.execute(params![r.key.path, r.key.size, r.key.mtime, self.version, r.page])?;
                }
            }
            tx.commit()
        })();
        if let Err(e) = result {
            self.failed(&mut guard, e);
        }
    }

    /// Notes that the file whose key path ([`FileKey::path_bytes`]) is
    /// `path` was just loaded: the next [`PageCache::prune`] takes it as
    /// there without looking.
    pub fn note_loaded(&self, path: &[u8]) {
        lock(&self.loaded).insert(path.to_vec());
    }

    /// `files` more files are about to be noted ([`PageCache::note_loaded`]):
    /// room for them at once, so the set is not rehashed again and again
    /// while every file of the archive is noted.
    pub fn expect_loaded(&self, files: usize) {
        lock(&self.loaded).reserve(files);
    }

    /// Forgets pages of files under `roots` (canonical folders) that no
    /// longer exist. Returns how many were forgotten. The files noted as
    /// loaded since the last prune ([`PageCache::note_loaded`]) are taken
    /// as there without looking ([`PageCache::prune_except`]); the notes
    /// are then forgotten.
    pub fn prune(&self, roots: &[PathBuf]) -> usize {
        let loaded = std::mem::take(&mut *lock(&self.loaded));
        self.prune_except(roots, &loaded)
    }

    /// [`PageCache::prune`], taking the files whose key paths
    /// ([`FileKey::path_bytes`]) are in `loaded` as there without looking:
    /// the files loaded a moment ago, which at a second start of the reader
    /// are every file (at 30,000 pages, looking at each took 75 ms on one
    /// thread, with the cache's connection held, so reading the index
    /// parts waited). The files are looked at without holding the
    /// connection.
    pub fn prune_except(&self, roots: &[PathBuf], loaded: &FxHashSet<Vec<u8>>) -> usize {
        let roots: Vec<Vec<u8>> = roots
            .iter()
            .map(|r| {
                let mut b = r.as_os_str().as_encoded_bytes().to_vec();
                b.push(std::path::MAIN_SEPARATOR as u8);
                b
            })
            .collect();
        let under_roots = |p: &[u8]| roots.iter().any(|r| p.starts_with(r));
        let (paths, dirs) = {
            let mut guard = lock(&self.conn);
            let Some(conn) = guard.as_ref() else { return 0 };
            // Only the paths that may be gone are copied out: each row's
            // path is looked at where SQLite holds it, and at a second
            // start every file was just loaded (copying every path of the
            // archive out was an allocation and a free per file).
            let paths = (|| -> rusqlite::Result<Vec<Vec<u8>>> {
                let mut stmt = conn.prepare("SELECT path FROM pages")?;
                let mut rows = stmt.query([])?;
                let mut maybe_gone = Vec::new();
                while let Some(row) = rows.next()? {
                    let p = row.get_ref(0)?.as_blob().map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Blob, Box::new(e))
                    })?;
                    if under_roots(p) && !loaded.contains(p) {
                        maybe_gone.push(p.to_vec());
                    }
                }
                Ok(maybe_gone)
            })();
            let paths = match paths {
                Ok(p) => p,
                Err(e) => {
                    self.failed(&mut guard, e);
                    return 0;
                }
            };
            let dirs: Vec<Vec<u8>> = conn
                .prepare("SELECT dir FROM heads")
                .and_then(|mut s| s.query_map([], |r| r.get::<_, Vec<u8>>(0))?.collect())
                .unwrap_or_default();
            (paths, dirs)
        };
        let gone: Vec<Vec<u8>> = paths.into_iter().filter(|p| !key_path(p).exists()).collect();
        let dirs_gone: Vec<Vec<u8>> =
            dirs.into_iter().filter(|d| under_roots(d)).filter(|d| !key_path(d).is_dir()).collect();
        if gone.is_empty() && dirs_gone.is_empty() {
            return 0;
        }
        let mut guard = lock(&self.conn);
        let Some(conn) = guard.as_ref() else { return 0 };
        let result = (|| -> rusqlite::Result<()> {
            let tx = conn.unchecked_transaction()?;
            for p in &gone {
                tx.execute("DELETE FROM pages WHERE path = ?1", params![p])?;
                tx.execute("DELETE FROM search WHERE path = ?1", params![p])?;
            }
            for d in &dirs_gone {
                tx.execute("DELETE FROM heads WHERE dir = ?1", params![d])?;
            }
            tx.commit()
        })();
        if let Err(e) = result {
            self.failed(&mut guard, e);
            return 0;
        }
        gone.len()
    }

    /// Number of pages cached.
    pub fn len(&self) -> usize {
        let guard = lock(&self.conn);
        guard
            .as_ref()
            .and_then(|c| c.query_row("SELECT count(*) FROM pages", [], |r| r.get::<_, i64>(0)).ok())
            .unwrap_or(0) as usize
    }

    /// True when no page is cached.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Drop for PageCache {
    fn drop(&mut self) {
        self.flush();
    }
}
