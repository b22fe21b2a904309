//! Reading state: which articles were read, bookmarks, and where the reader
//! was when it quit. Kept as JSON in the platform's data directory
//! (`$XDG_DATA_HOME/lvread/state.json` on Linux) and written atomically, at
//! most once a second.
//!
//! Articles are keyed by their stable id (the loader's
//! [`crate::loader::meta::article_id`]) so the state survives
//! reloading, reordering and new files in the archive.
//!
//! The store never loses the user's data: a file it cannot parse is renamed
//! to `state.json.bad` (or `state.json.bad.N`) before anything new is
//! written; a file with some bad entries keeps the rest (a copy of the
//! original goes to `state.json.bad`); fields it does not know (written by a
//! newer lvread) are kept as they are; a file it cannot read is left alone
//! and nothing is written. Every read → merge → write runs under an advisory
//! lock (`state.json.lock`), so two lvreads sharing the file never lose each
//! other's marks; temporary files left by a killed lvread are removed at the
//! next start.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The file name of the state inside the data directory.
pub const STATE_FILE: &str = "state.json";

/// Environment variable that overrides the data directory (tests, portable set-ups).
pub const DATA_DIR_ENV: &str = "LVREAD_DATA_DIR";

/// The shortest time between two writes of the state file.
pub const MIN_WRITE_INTERVAL: Duration = Duration::from_secs(1);

/// The lock file beside the state file, held while reading, merging and writing.
pub const LOCK_FILE: &str = "state.json.lock";

/// How long a write waits for another lvread to release the lock before
/// giving up for now (it is retried later, the changes are kept).
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

/// The largest state file read (20,000 bookmarks take about 3 MB).
pub const MAX_STATE_BYTES: u64 = 256 << 20;

/// Where the reader was: the issue (its label, e.g. `2023-11-04`), the
/// article (its id, and its index as a fallback) and the first body line shown.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Position {
    /// The issue's label ([`crate::model::Issue::label`]).
    pub issue: String,
    /// The article's id, if an article was selected.
    #[serde(default)]
    pub article: Option<String>,
    /// The article's index in the issue (used when the id is not found).
    #[serde(default)]
    pub article_index: usize,
    /// The first line of the reflowed body that was on screen.
    #[serde(default)]
    pub scroll: usize,
    /// The body width (columns) `scroll` counts lines at, so another
    /// terminal width can find the same paragraph; 0 when unknown.
    #[serde(default)]
    pub width: usize,
    /// The part of the article and byte offset shown on that line: finds
    /// the same line even when the article's layout has changed since
    /// (keywords added to its header, another width).
    #[serde(default)]
    pub anchor: Option<(crate::layout::article::Part, usize)>,
}

/// A bookmarked article, with enough to show it even when its file is not loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// The article's id.
    pub id: String,
    /// Its headline when it was bookmarked.
    #[serde(default)]
    pub title: String,
    /// The label of its issue when it was bookmarked.
    #[serde(default)]
    pub issue: String,
    /// When it was bookmarked (seconds since the Unix epoch).
    #[serde(default)]
    pub added: u64,
}

/// The serialised form of the state. Missing fields default; fields this
/// version does not know are kept in [`StateData::extra`] and written back,
/// so older and newer lvread versions can share a file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct StateData {
    /// Format version (1 here; a newer lvread's higher number is kept).
    pub version: u32,
    /// Ids of the articles that were read.
    pub read: BTreeSet<String>,
    /// Bookmarks, oldest first.
    pub bookmarks: Vec<Bookmark>,
    /// Where the reader was at the last quit.
    pub position: Option<Position>,
    /// Whether the article list showed unread articles only at the last quit.
    pub unread_only: bool,
    /// Fields written by a newer lvread (`notes`, `tags`, …), kept as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl StateData {
    /// Reads a state file's bytes, leniently: a UTF-8 BOM is skipped; an
    /// entry of the wrong shape (one bookmark, one read mark, the position)
    /// is dropped and described in the returned list, the rest is kept;
    /// unknown fields go to [`StateData::extra`]. Errs only when the bytes
    /// are not a JSON object at all.
    pub fn parse(bytes: &[u8]) -> Result<(StateData, Vec<String>), String> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let value: Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        let Value::Object(fields) = value else {
            return Err("not a JSON object".to_string());
        };
        let mut data = StateData { version: 1, ..StateData::default() };
        let mut dropped = Vec::new();
        for (key, value) in fields {
            match key.as_str() {
                "version" => match value.as_u64().and_then(|v| u32::try_from(v).ok()) {
                    Some(v) => data.version = v,
                    None => dropped.push(format!("version {}", short_json(&value))),
                },
                "read" => match value {
                    Value::Array(items) => {
                        for item in items {
                            match item {
                                Value::String(id) => {
                                    data.read.insert(id);
                                }
                                other => dropped.push(format!("read mark {}", short_json(&other))),
                            }
                        }
                    }
                    Value::Null => {}
                    other => dropped.push(format!("read marks {}", short_json(&other))),
                },
                "bookmarks" => match value {
                    Value::Array(items) => {
                        for item in items {
                            match serde_json::from_value::<Bookmark>(item.clone()) {
                                Ok(b) => data.bookmarks.push(b),
                                Err(e) => dropped.push(format!("bookmark {} ({e})", short_json(&item))),
                            }
                        }
                    }
                    Value::Null => {}
                    other => dropped.push(format!("bookmarks {}", short_json(&other))),
                },
                "unread_only" => match value {
                    Value::Bool(on) => data.unread_only = on,
                    Value::Null => {}
                    other => dropped.push(format!("unread_only {}", short_json(&other))),
                },
                "position" => match serde_json::from_value::<Option<Position>>(value.clone()) {
                    Ok(p) => data.position = p,
                    Err(e) => dropped.push(format!("position {} ({e})", short_json(&value))),
                },
                _ => {
                    data.extra.insert(key, value);
                }
            }
        }
        // One bookmark per article (a hand-edited file may repeat one).
        let mut seen = HashSet::new();
        data.bookmarks.retain(|b| seen.insert(b.id.clone()));
        Ok((data, dropped))
    }
}

/// A JSON value in at most 60 characters, for a warning.
fn short_json(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// Reading state plus where it lives on disk and when it was last written.
pub struct Store {
    /// The state file; None when nothing may be written (`--no-state`, no
    /// data directory, or a state file that could not be read).
    path: Option<PathBuf>,
    data: StateData,
    dirty: bool,
    last_write: Option<Instant>,
    warnings: Vec<String>,
    /// Passing news (a first start, saving works again), see [`Store::take_notices`].
    notices: Vec<String>,
    /// The last write error, while writes keep failing.
    failing: Option<String>,
    /// Changes since the last write, replayed onto the file on disk when
    /// writing, so that another lvread writing the same file in between
    /// keeps its marks: read (true) / unread (false) per id, and bookmarks
    /// added (Some) or removed (None) per id.
    changes: Changes,
    /// The ids in `data.bookmarks`, so that looking one up does not walk
    /// the list (20,000 bookmarks).
    bookmarked: HashSet<String>,
    /// The bad entries last reported for the file on disk (reported once,
    /// not again at every write until the file is rewritten).
    dropped_seen: Vec<String>,
    /// Test hook: runs while a write holds the lock, after merging and
    /// before the new file replaces the old one.
    #[cfg(test)]
    before_replace: Option<Box<dyn FnMut() + Send>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("dirty", &self.dirty)
            .field("failing", &self.failing)
            .field("bookmarks", &self.data.bookmarks.len())
            .field("read", &self.data.read.len())
            .finish_non_exhaustive()
    }
}

/// Changes not yet written (see [`Store`]).
#[derive(Debug, Default)]
struct Changes {
    read: BTreeMap<String, bool>,
    bookmarks: BTreeMap<String, Option<Bookmark>>,
}

impl Store {
    /// A store that reads and writes nothing (`--no-state`).
    pub fn disabled() -> Store {
        Store {
            path: None,
            data: StateData { version: 1, ..StateData::default() },
            dirty: false,
            last_write: None,
            warnings: Vec::new(),
            notices: Vec::new(),
            failing: None,
            changes: Changes::default(),
            bookmarked: HashSet::new(),
            dropped_seen: Vec::new(),
            #[cfg(test)]
            before_replace: None,
        }
    }

    /// Opens the state in the default place: `$LVREAD_DATA_DIR` when set and
    /// non-empty, else the platform's data directory. `no_state` gives
    /// [`Store::disabled`].
    pub fn open_default(no_state: bool) -> Store {
        if no_state {
            return Store::disabled();
        }
        match default_data_dir() {
            Some(dir) => Store::open(&dir),
            None => {
                let mut s = Store::disabled();
                s.warnings.push("no data directory (is HOME set?); reading state will not be saved".to_string());
                s
            }
        }
    }

    /// Opens `dir/state.json`. A missing file starts fresh (with a notice);
    /// a corrupt one is renamed to `state.json.bad` and reported; one with
    /// some bad entries keeps the rest (reported, the original copied to
    /// `state.json.bad`); an unreadable one is reported and left alone, and
    /// this store will not write over it. Temporary files a killed lvread
    /// left behind are removed.
    pub fn open(dir: &Path) -> Store {
        let path = dir.join(STATE_FILE);
        let mut store = Store::disabled();
        remove_stale_temp_files(dir);
        match read_state_file(&path) {
            Ok(bytes) => match StateData::parse(&bytes) {
                Ok((data, dropped)) => {
                    store.set_data(data);
                    store.path = Some(path.clone());
                    if !dropped.is_empty() {
                        store.warnings.push(dropped_warning(&path, &dropped, copy_aside(&path)));
                    }
                    store.dropped_seen = dropped;
                }
                Err(e) => match keep_aside(&path) {
                    Ok(bad) => {
                        store.warnings.push(format!(
                            "state file {} is corrupt ({e}); kept as {} and starting fresh",
                            path.display(),
                            bad.display()
                        ));
                        store.path = Some(path);
                    }
                    Err(err) => store.warnings.push(format!(
                        "state file {} is corrupt ({e}) and cannot be moved aside ({err}); starting fresh, reading state will not be saved",
                        path.display()
                    )),
                },
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                store.notices.push(format!("no reading state yet ({}); starting fresh", path.display()));
                store.path = Some(path);
            }
            Err(e) => store.warnings.push(format!(
                "cannot read state file {} ({e}); starting fresh, reading state will not be saved",
                path.display()
            )),
        }
        store
    }

    /// Replaces the state (and the bookmark index that goes with it).
    fn set_data(&mut self, data: StateData) {
        self.bookmarked = data.bookmarks.iter().map(|b| b.id.clone()).collect();
        self.data = data;
        self.data.version = self.data.version.max(1);
    }

    /// The last save error, while the reading state cannot be saved (changes
    /// are kept and retried): for the status bar during a session, and for
    /// stderr and the exit status at quit.
    pub fn save_error(&self) -> Option<&str> {
        if self.dirty { self.failing.as_deref() } else { None }
    }

    /// The state file this store writes, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// True when this store will write to disk.
    pub fn is_persistent(&self) -> bool {
        self.path.is_some()
    }

    /// The state itself (read-only).
    pub fn data(&self) -> &StateData {
        &self.data
    }

    /// Warnings gathered since the last call (for the status bar), oldest first.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// Passing notices gathered since the last call (a first start with no
    /// state file, saving working again): worth a moment in the status bar.
    pub fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }

    /// True when the article was read.
    pub fn is_read(&self, id: &str) -> bool {
        self.data.read.contains(id)
    }

    /// Marks an article read or unread; returns true when that changed anything.
    pub fn set_read(&mut self, id: &str, read: bool) -> bool {
        let changed = if read { self.data.read.insert(id.to_string()) } else { self.data.read.remove(id) };
        if changed {
            self.changes.read.insert(id.to_string(), read);
            self.mark_dirty();
        }
        changed
    }

    /// Marks many articles read (e.g. a whole issue); returns how many changed.
    pub fn mark_all_read<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) -> usize {
        let mut n = 0;
        for id in ids {
            if self.data.read.insert(id.to_string()) {
                self.changes.read.insert(id.to_string(), true);
                n += 1;
            }
        }
        if n > 0 {
            self.mark_dirty();
        }
        n
    }

    /// True when the article is bookmarked.
    pub fn is_bookmarked(&self, id: &str) -> bool {
        self.bookmarked.contains(id)
    }

    /// Adds or removes a bookmark; returns true when the article is now bookmarked.
    pub fn toggle_bookmark(&mut self, id: &str, title: &str, issue: &str) -> bool {
        if self.remove_bookmark(id) {
            return false;
        }
        let added = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        let b = Bookmark { id: id.to_string(), title: title.to_string(), issue: issue.to_string(), added };
        self.changes.bookmarks.insert(id.to_string(), Some(b.clone()));
        self.bookmarked.insert(id.to_string());
        self.data.bookmarks.push(b);
        self.mark_dirty();
        true
    }

    /// Removes a bookmark; returns true when there was one.
    pub fn remove_bookmark(&mut self, id: &str) -> bool {
        if !self.bookmarked.remove(id) {
            return false;
        }
        if let Some(i) = self.data.bookmarks.iter().position(|b| b.id == id) {
            self.data.bookmarks.remove(i);
        }
        self.changes.bookmarks.insert(id.to_string(), None);
        self.mark_dirty();
        true
    }

    /// Bookmarks, oldest first.
    pub fn bookmarks(&self) -> &[Bookmark] {
        &self.data.bookmarks
    }

    /// Where the reader was at the last quit.
    pub fn position(&self) -> Option<&Position> {
        self.data.position.as_ref()
    }

    /// Records the current position. Only a real change marks the state dirty.
    pub fn set_position(&mut self, pos: Position) {
        if self.data.position.as_ref() == Some(&pos) {
            return;
        }
        self.data.position = Some(pos);
        self.mark_dirty();
    }

    /// Whether the article list shows unread articles only.
    pub fn unread_only(&self) -> bool {
        self.data.unread_only
    }

    /// Records whether the article list shows unread articles only. Only a
    /// real change marks the state dirty.
    pub fn set_unread_only(&mut self, on: bool) {
        if self.data.unread_only != on {
            self.data.unread_only = on;
            self.mark_dirty();
        }
    }

    /// Notes that the state changed and should be written.
    pub fn mark_dirty(&mut self) {
        self.dirty = true;
    }

    /// True when there are changes not yet written.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Writes the state if it changed and the last write was at least
    /// [`MIN_WRITE_INTERVAL`] before `now`; returns true when it wrote.
    /// A failed write is reported through [`Store::take_warnings`] and retried
    /// no sooner than a second later.
    pub fn flush_if_due(&mut self, now: Instant) -> bool {
        if !self.dirty || self.last_write.is_some_and(|t| now.saturating_duration_since(t) < MIN_WRITE_INTERVAL) {
            return false;
        }
        self.write_at(now)
    }

    /// Writes the state now if it changed (on quit); returns true when it wrote.
    pub fn flush(&mut self) -> bool {
        if !self.dirty {
            return false;
        }
        self.write_at(Instant::now())
    }

    fn write_at(&mut self, now: Instant) -> bool {
        self.last_write = Some(now);
        let Some(path) = self.path.clone() else {
            self.dirty = false;
            return false;
        };
        let result = self.write_locked(&path);
        match result {
            Ok(()) => {
                self.dirty = false;
                self.changes = Changes::default();
                if self.failing.take().is_some() {
                    self.notices.push(format!("reading state saved to {} again", path.display()));
                }
                true
            }
            Err(e) => {
                // Reported once, not at every retry.
                let msg = format!("cannot save reading state to {}: {e}", path.display());
                if self.failing.as_ref() != Some(&msg) {
                    self.warnings.push(msg.clone());
                    self.failing = Some(msg);
                }
                false
            }
        }
    }

    /// Under the lock: takes in what another lvread wrote, then writes.
    fn write_locked(&mut self, path: &Path) -> io::Result<()> {
        let dir = parent_dir(path);
        fs::create_dir_all(dir)?;
        let _lock = StateLock::acquire(dir, LOCK_WAIT)?;
        self.merge_from_disk(path);
        let json = serde_json::to_vec_pretty(&self.data).map_err(io::Error::other)?;
        #[cfg(test)]
        if let Some(hook) = self.before_replace.as_mut() {
            hook();
        }
        write_atomically(path, &json)
    }
}

impl Store {
    /// Takes what another lvread wrote to the file since this one read or
    /// wrote it, and replays this one's unwritten changes on top: marks and
    /// bookmarks from both survive; the position and the unread-only list are this one's; fields this
    /// version does not know are kept. A file that no longer parses is kept
    /// aside first (and reported). Runs under the lock.
    fn merge_from_disk(&mut self, path: &Path) {
        let Ok(bytes) = read_state_file(path) else { return };
        let mut disk = match StateData::parse(&bytes) {
            Ok((d, dropped)) => {
                if !dropped.is_empty() && dropped != self.dropped_seen {
                    self.warnings.push(dropped_warning(path, &dropped, copy_aside(path)));
                }
                self.dropped_seen = dropped;
                d
            }
            Err(e) => {
                match keep_aside(path) {
                    Ok(bad) => self.warnings.push(format!(
                        "state file {} became corrupt ({e}); kept as {}",
                        path.display(),
                        bad.display()
                    )),
                    Err(err) => self.warnings.push(format!(
                        "state file {} became corrupt ({e}) and cannot be moved aside ({err})",
                        path.display()
                    )),
                }
                return;
            }
        };
        // The changes stay recorded until a write succeeds.
        for (id, &read) in &self.changes.read {
            if read {
                disk.read.insert(id.clone());
            } else {
                disk.read.remove(id);
            }
        }
        if !self.changes.bookmarks.is_empty() {
            disk.bookmarks.retain(|x| !self.changes.bookmarks.contains_key(&x.id));
            disk.bookmarks.extend(self.changes.bookmarks.values().flatten().cloned());
        }
        disk.position = self.data.position.clone();
        disk.unread_only = self.data.unread_only;
        // Fields only this store knows of (it read them from an older file
        // that was since replaced) are kept too.
        for (k, v) in &self.data.extra {
            disk.extra.entry(k.clone()).or_insert_with(|| v.clone());
        }
        disk.version = disk.version.max(self.data.version);
        self.set_data(disk);
    }
}

/// The state file's folder (`.` for a bare file name).
fn parent_dir(path: &Path) -> &Path {
    path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Reads the state file (a regular file of at most [`MAX_STATE_BYTES`]).
fn read_state_file(path: &Path) -> io::Result<Vec<u8>> {
    crate::files::read_regular(path, MAX_STATE_BYTES, "the reading state")
}

/// The warning for entries dropped from a state file.
fn dropped_warning(path: &Path, dropped: &[String], copy: io::Result<PathBuf>) -> String {
    let what = match dropped {
        [one] => format!("a bad entry was dropped: {one}"),
        [first, ..] => format!("{} bad entries were dropped, e.g. {first}", dropped.len()),
        [] => String::new(),
    };
    match copy {
        Ok(bad) => {
            format!("state file {}: {what}; the rest was kept (original copied to {})", path.display(), bad.display())
        }
        Err(e) => format!("state file {}: {what}; the rest was kept (no copy of the original: {e})", path.display()),
    }
}

/// The advisory lock on `state.json.lock`, held while it lives.
struct StateLock {
    _file: File,
}

impl StateLock {
    /// Takes the lock, waiting at most `wait` for another lvread to release it.
    fn acquire(dir: &Path, wait: Duration) -> io::Result<StateLock> {
        let file = fs::OpenOptions::new().create(true).truncate(false).write(true).open(dir.join(LOCK_FILE))?;
        let until = Instant::now() + wait;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(StateLock { _file: file }),
                Err(fs::TryLockError::WouldBlock) if Instant::now() < until => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(io::Error::new(
                        io::ErrorKind::WouldBlock,
                        format!("another lvread has held {LOCK_FILE} for {} s; will retry", wait.as_secs()),
                    ));
                }
                Err(fs::TryLockError::Error(e)) => return Err(e),
            }
        }
    }
}

/// Removes `.state.json.*.tmp` files left by an lvread killed while
/// writing. Only when the lock is free at once: a writer holds it for as
/// long as its temporary file exists.
fn remove_stale_temp_files(dir: &Path) {
    let Ok(_lock) = StateLock::acquire(dir, Duration::ZERO) else { return };
    let Ok(entries) = fs::read_dir(dir) else { return };
    let prefix = format!(".{STATE_FILE}.");
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(".tmp") && e.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// `$LVREAD_DATA_DIR` when set and non-empty, else the platform's data
/// directory for lvread (`$XDG_DATA_HOME/lvread` on Linux).
pub fn default_data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "lvread").map(|p| p.data_dir().to_path_buf())
}

/// Renames a corrupt file to `NAME.bad`, or `NAME.bad.2`, `.3`, … when that
/// exists, so no earlier copy is lost. Returns the new path.
fn keep_aside(path: &Path) -> io::Result<PathBuf> {
    let bad = free_bad_name(path)?;
    fs::rename(path, &bad)?;
    Ok(bad)
}

/// Copies a file with some bad entries to `NAME.bad` (or `.bad.N`), so the
/// entries dropped from it are not lost. Returns the copy's path.
fn copy_aside(path: &Path) -> io::Result<PathBuf> {
    let bad = free_bad_name(path)?;
    fs::copy(path, &bad)?;
    Ok(bad)
}

/// `NAME.bad`, or `NAME.bad.2`, `.3`, … the first that does not exist.
fn free_bad_name(path: &Path) -> io::Result<PathBuf> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    (1..1000)
        .map(|n| {
            if n == 1 {
                path.with_file_name(format!("{name}.bad"))
            } else {
                path.with_file_name(format!("{name}.bad.{n}"))
            }
        })
        .find(|bad| !bad.exists())
        .ok_or_else(|| io::Error::other("too many .bad files"))
}

/// Writes `json` to a temporary file in the same directory, syncs it and
/// renames it over `path`, so a crash leaves either the old or the new file
/// (and at worst a temporary file, removed at the next start).
fn write_atomically(path: &Path, json: &[u8]) -> io::Result<()> {
    let dir = parent_dir(path);
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(json)?;
        f.write_all(b"\n")?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        // Make the rename itself durable (best effort: not every platform
        // can open a directory).
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::meta::{article_id, assign_ids};
    use crate::model::{Article, Page};
    use std::sync::atomic::{AtomicBool, Ordering};

    fn article(title: &str, body: &str) -> Article {
        Article { title: title.into(), paragraphs: vec![body.into()], ..Article::default() }
    }

    #[test]
    fn ids_are_stable_and_depend_on_source_and_text() {
        let a = article("我市召开会议", "本报讯 11月3日，我市召开会议。");
        let id = article_id("2023-11-04_p01.txt", &a);
        assert_eq!(id, article_id("2023-11-04_p01.txt", &a.clone()));
        assert_eq!(id.len(), 16);
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(id, article_id("2023-11-04_p02.txt", &a));
        assert_ne!(id, article_id("2023-11-04_p01.txt", &article("我市召开会议", "本报讯 11月4日，我市召开会议。")));
        // Only the beginning counts: text added far into the article keeps the id.
        let mut b = article("标题", &"很长的正文".repeat(40));
        let before = article_id("x.txt", &b);
        b.paragraphs.push("后来补上的一段".into());
        assert_eq!(before, article_id("x.txt", &b));
    }

    #[test]
    fn article_id_is_pinned() {
        // Pinned: a change of the algorithm would forget every user's read
        // marks and bookmarks, so it must fail here first (and come with a
        // migration).
        assert_eq!(article_id("a.txt", &article("吕梁", "正文")), PINNED_ID);
    }

    /// `article_id("a.txt", 吕梁 / 正文)` as of the first release.
    const PINNED_ID: &str = "6a6d6d880cd78031";

    #[test]
    fn assign_ids_fills_missing_ids_and_keeps_ids_unique_within_a_page() {
        let mut page = Page {
            source: "p.txt".into(),
            articles: vec![
                article("图", "本报记者 摄"),
                article("图", "本报记者 摄"),
                article("别的", "x"),
                article("图", "本报记者 摄"),
            ],
            ..Page::default()
        };
        page.articles[2].id = "given".into();
        assign_ids(&mut page);
        let ids: Vec<&str> = page.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids[0], article_id("p.txt", &page.articles[0]));
        assert_eq!(ids[1], format!("{}-2", ids[0]));
        assert_eq!(ids[2], "given", "the loader's id is kept");
        assert_eq!(ids[3], format!("{}-3", ids[0]));
    }

    #[test]
    fn missing_file_starts_fresh_with_a_notice_and_saves() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path());
        assert_eq!(s.take_notices().len(), 1);
        assert!(s.take_warnings().is_empty(), "a first start is no problem");
        assert!(s.data().read.is_empty());
        assert!(s.set_read("abc", true));
        assert!(s.flush());
        let again = Store::open(dir.path());
        assert!(again.is_read("abc"));
    }

    #[test]
    fn state_round_trips_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path());
        s.set_read("a1", true);
        s.set_read("a2", true);
        s.set_read("a2", false);
        assert!(s.toggle_bookmark("b1", "标题", "2023-11-04"));
        s.set_position(Position {
            issue: "2023-11-04".into(),
            article: Some("b1".into()),
            article_index: 3,
            scroll: 17,
            width: 60,
            anchor: Some((crate::layout::article::Part::Paragraph(2), 30)),
        });
        assert!(s.flush());
        assert!(!s.flush(), "nothing changed since the last write");
        let mut t = Store::open(dir.path());
        assert!(t.take_warnings().is_empty());
        assert!(t.is_read("a1") && !t.is_read("a2"));
        assert!(t.is_bookmarked("b1"));
        assert_eq!(t.bookmarks()[0].title, "标题");
        assert_eq!(t.position().unwrap().scroll, 17);
        assert_eq!(t.position().unwrap().article_index, 3);
        assert_eq!(t.position().unwrap().anchor, Some((crate::layout::article::Part::Paragraph(2), 30)));
        assert!(!t.toggle_bookmark("b1", "", ""));
        assert!(!t.is_bookmarked("b1"));
    }

    #[test]
    fn corrupt_file_is_kept_aside_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STATE_FILE);
        fs::write(&path, b"{\"read\": [\"a\", ").unwrap();
        let mut s = Store::open(dir.path());
        let w = s.take_warnings();
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("corrupt") && w[0].contains("state.json.bad"), "{w:?}");
        assert!(!w[0].contains('\n'), "one line: {w:?}");
        assert_eq!(fs::read(dir.path().join("state.json.bad")).unwrap(), b"{\"read\": [\"a\", ");
        s.set_read("x", true);
        assert!(s.flush());
        assert!(Store::open(dir.path()).is_read("x"));
        // A second corrupt file does not overwrite the first one kept aside.
        fs::write(&path, b"not json").unwrap();
        let _ = Store::open(dir.path());
        assert_eq!(fs::read(dir.path().join("state.json.bad")).unwrap(), b"{\"read\": [\"a\", ");
        assert_eq!(fs::read(dir.path().join("state.json.bad.2")).unwrap(), b"not json");
    }

    #[test]
    fn a_file_that_is_not_an_object_counts_as_corrupt() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(STATE_FILE), b"[1, 2]").unwrap();
        let mut s = Store::open(dir.path());
        assert!(s.take_warnings()[0].contains("corrupt"));
        assert!(dir.path().join("state.json.bad").exists());
    }

    #[test]
    fn a_field_of_the_wrong_shape_is_dropped_and_the_rest_kept() {
        let dir = tempfile::tempdir().unwrap();
        let original = br#"{"read": 5, "bookmarks": [{"id": "b1", "title": "t"}]}"#;
        fs::write(dir.path().join(STATE_FILE), original).unwrap();
        let mut s = Store::open(dir.path());
        let w = s.take_warnings();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("read marks 5") && w[0].contains("state.json.bad"), "{w:?}");
        assert!(s.is_bookmarked("b1"), "the rest is kept");
        assert_eq!(fs::read(dir.path().join("state.json.bad")).unwrap(), original, "the original is copied aside");
    }

    #[test]
    fn one_bad_bookmark_is_dropped_with_a_warning_not_the_whole_state() {
        let dir = tempfile::tempdir().unwrap();
        let original = br#"{"version": 1, "read": ["a", 7, "b"],
            "bookmarks": [{"id": "good1"}, {"title": "no id"}, {"id": "good2", "added": "yesterday"}, {"id": "good3"}],
            "position": {"issue": "2023-11-04", "scroll": 3}}"#;
        fs::write(dir.path().join(STATE_FILE), original).unwrap();
        let mut s = Store::open(dir.path());
        let w = s.take_warnings();
        assert_eq!(w.len(), 1, "one warning for the file: {w:?}");
        assert!(w[0].contains("3 bad entries were dropped"), "{w:?}");
        assert!(s.is_read("a") && s.is_read("b"));
        assert!(s.is_bookmarked("good1") && s.is_bookmarked("good3") && !s.is_bookmarked("good2"));
        assert_eq!(s.position().map(|p| p.scroll), Some(3));
        assert_eq!(fs::read(dir.path().join("state.json.bad")).unwrap(), original);
        // Writing does not report (nor copy) the same bad entries again.
        s.set_read("c", true);
        assert!(s.flush());
        assert!(s.take_warnings().is_empty());
        assert!(!dir.path().join("state.json.bad.2").exists());
        let t = Store::open(dir.path());
        assert!(t.is_read("a") && t.is_read("c") && t.is_bookmarked("good3"));
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(br#"{"read": ["a"]}"#);
        fs::write(dir.path().join(STATE_FILE), bytes).unwrap();
        let mut s = Store::open(dir.path());
        assert!(s.take_warnings().is_empty());
        assert!(s.is_read("a"));
        assert!(!dir.path().join("state.json.bad").exists());
    }

    #[test]
    fn fields_of_a_newer_version_survive_a_write() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join(STATE_FILE),
            r#"{"version": 2, "read": ["a"], "notes": {"a": "重要"}, "tags": ["x", "y"],
                "bookmarks": [{"id": "b", "colour": "red"}]}"#,
        )
        .unwrap();
        let mut s = Store::open(dir.path());
        assert!(s.take_warnings().is_empty());
        s.set_position(Position { issue: "i".into(), ..Position::default() });
        s.set_read("c", true);
        assert!(s.flush());
        let json: Value = serde_json::from_slice(&fs::read(dir.path().join(STATE_FILE)).unwrap()).unwrap();
        assert_eq!(json["version"], 2, "{json}");
        assert_eq!(json["notes"]["a"], "重要", "{json}");
        assert_eq!(json["tags"][1], "y", "{json}");
        assert_eq!(json["read"], serde_json::json!(["a", "c"]));
        // Another lvread writing fields this one does not know, in between.
        let mut text = fs::read_to_string(dir.path().join(STATE_FILE)).unwrap();
        text = text.replacen('{', r#"{"later": true,"#, 1);
        fs::write(dir.path().join(STATE_FILE), text).unwrap();
        s.set_read("d", true);
        assert!(s.flush());
        let json: Value = serde_json::from_slice(&fs::read(dir.path().join(STATE_FILE)).unwrap()).unwrap();
        assert_eq!(json["later"], true, "{json}");
        assert_eq!(json["notes"]["a"], "重要", "{json}");
    }

    #[test]
    fn temporary_files_left_by_a_killed_lvread_are_removed_at_start() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".state.json.4242.tmp"), b"{half").unwrap();
        fs::write(dir.path().join(".state.json.99.tmp"), b"").unwrap();
        fs::write(dir.path().join("other.tmp"), b"not ours").unwrap();
        let _ = Store::open(dir.path());
        assert!(!dir.path().join(".state.json.4242.tmp").exists());
        assert!(!dir.path().join(".state.json.99.tmp").exists());
        assert!(dir.path().join("other.tmp").exists(), "only the state's own");
    }

    #[test]
    fn a_write_waits_for_another_lvread_holding_the_lock() {
        // b writes in the middle of a's write (after a merged what was on
        // disk, before a's file replaces it): with the lock b waits, so a
        // cannot write over b's bookmark.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().to_path_buf();
        let mut a = Store::open(&path);
        let b = std::sync::Arc::new(std::sync::Mutex::new(Store::open(&path)));
        a.toggle_bookmark("from-a", "甲", "i");
        b.lock().unwrap().toggle_bookmark("from-b", "乙", "i");
        let b2 = b.clone();
        a.before_replace = Some(Box::new(move || {
            let b3 = b2.clone();
            let done = std::sync::Arc::new(AtomicBool::new(false));
            let done2 = done.clone();
            std::thread::spawn(move || {
                b3.lock().unwrap().flush();
                done2.store(true, Ordering::SeqCst);
            });
            // Without the lock, b finishes long before this.
            let until = Instant::now() + Duration::from_millis(1500);
            while !done.load(Ordering::SeqCst) && Instant::now() < until {
                std::thread::sleep(Duration::from_millis(5));
            }
        }));
        assert!(a.flush());
        a.before_replace = None;
        // b's write, possibly retried (it only waits so long for the lock).
        let until = Instant::now() + Duration::from_secs(30);
        while b.lock().unwrap().is_dirty() && Instant::now() < until {
            b.lock().unwrap().flush();
        }
        let merged = Store::open(&path);
        assert!(merged.is_bookmarked("from-a"), "a's bookmark");
        assert!(merged.is_bookmarked("from-b"), "b's bookmark was not lost");
    }

    #[test]
    fn twenty_thousand_bookmarks_toggle_and_merge_correctly() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path());
        for i in 0..20_000 {
            s.toggle_bookmark(&format!("id{i}"), "标题", "2023-11-04");
        }
        assert!(s.flush());
        let mut t = Store::open(dir.path());
        assert_eq!(t.bookmarks().len(), 20_000);
        assert!(t.is_bookmarked("id19999"));
        assert!(!t.toggle_bookmark("id5", "", ""));
        assert!(t.toggle_bookmark("new", "", ""));
        assert!(t.flush());
        let u = Store::open(dir.path());
        assert_eq!(u.bookmarks().len(), 20_000);
        assert!(!u.is_bookmarked("id5") && u.is_bookmarked("new"));
        assert_eq!(u.bookmarks().last().map(|b| b.id.as_str()), Some("new"), "oldest first");
    }

    #[test]
    fn unreadable_file_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        // A directory where the file should be cannot be read as a file.
        fs::create_dir(dir.path().join(STATE_FILE)).unwrap();
        let mut s = Store::open(dir.path());
        assert!(s.take_warnings()[0].contains("cannot read"));
        assert!(!s.is_persistent());
        s.set_read("a", true);
        assert!(!s.flush());
        assert!(dir.path().join(STATE_FILE).is_dir());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_as_the_state_file_is_reported_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        crate::files::tests::make_fifo(&dir.path().join(STATE_FILE));
        let mut s = Store::open(dir.path());
        let w = s.take_warnings();
        assert!(w[0].contains("cannot read") && w[0].contains("named pipe"), "{w:?}");
        assert!(!s.is_persistent(), "nothing written over it");
    }

    #[test]
    fn writes_at_most_once_a_second() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path());
        let t0 = Instant::now();
        s.set_read("a", true);
        assert!(s.flush_if_due(t0), "the first change is written at once");
        s.set_read("b", true);
        assert!(!s.flush_if_due(t0 + Duration::from_millis(300)));
        assert!(!Store::open(dir.path()).is_read("b"));
        assert!(!s.flush_if_due(t0 + Duration::from_millis(999)));
        assert!(s.flush_if_due(t0 + Duration::from_millis(1000)));
        assert!(Store::open(dir.path()).is_read("b"));
        assert!(!s.flush_if_due(t0 + Duration::from_secs(5)), "nothing to write");
        s.set_read("c", true);
        assert!(s.flush(), "quitting writes at once");
        assert!(Store::open(dir.path()).is_read("c"));
    }

    #[test]
    fn two_readers_sharing_the_file_keep_each_others_marks() {
        let dir = tempfile::tempdir().unwrap();
        let mut first = Store::open(dir.path());
        first.set_read("old", true);
        first.toggle_bookmark("bm-old", "旧", "2023-11-01");
        assert!(first.flush());
        // Two instances start from the same file.
        let mut a = Store::open(dir.path());
        let mut b = Store::open(dir.path());
        a.set_read("from-a", true);
        a.toggle_bookmark("bm-a", "甲", "2023-11-02");
        assert!(a.flush());
        b.set_read("from-b", true);
        b.set_read("old", false);
        b.toggle_bookmark("bm-old", "", "");
        b.set_position(Position { issue: "b".into(), ..Position::default() });
        assert!(b.flush());
        let merged = Store::open(dir.path());
        assert!(merged.is_read("from-a") && merged.is_read("from-b"), "both readers' marks");
        assert!(!merged.is_read("old"), "b's unread mark wins over the old mark");
        assert!(merged.is_bookmarked("bm-a") && !merged.is_bookmarked("bm-old"));
        assert_eq!(merged.position().unwrap().issue, "b", "the last writer's position");
        // And a writes again later without undoing b.
        a.set_read("again-a", true);
        assert!(a.flush());
        let merged = Store::open(dir.path());
        assert!(merged.is_read("from-b") && merged.is_read("again-a") && !merged.is_read("old"));
        assert!(a.is_read("from-b"), "a now knows b's marks too");
    }

    #[test]
    fn changes_survive_a_failed_write() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        let mut s = Store::open(&sub);
        s.set_read("a", true);
        assert!(s.flush());
        s.set_read("b", true);
        // Make the write fail: a file where the directory should be.
        fs::remove_dir_all(&sub).unwrap();
        fs::write(&sub, b"").unwrap();
        assert!(!s.flush());
        fs::remove_file(&sub).unwrap();
        assert!(s.flush());
        let again = Store::open(&sub);
        assert!(again.is_read("a") && again.is_read("b"), "nothing lost to the failed write");
    }

    #[test]
    fn a_file_corrupted_by_someone_else_is_kept_aside_before_writing() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path());
        s.set_read("a", true);
        assert!(s.flush());
        fs::write(dir.path().join(STATE_FILE), b"garbage").unwrap();
        s.set_read("b", true);
        s.take_warnings();
        assert!(s.flush());
        assert!(s.take_warnings().iter().any(|w| w.contains("corrupt")));
        assert_eq!(fs::read(dir.path().join("state.json.bad")).unwrap(), b"garbage");
        let again = Store::open(dir.path());
        assert!(again.is_read("a") && again.is_read("b"));
    }

    #[test]
    fn unchanged_position_does_not_dirty() {
        let mut s = Store::disabled();
        let p = Position { issue: "i".into(), article: None, article_index: 0, scroll: 0, width: 0, anchor: None };
        s.set_position(p.clone());
        assert!(s.is_dirty());
        assert!(!s.flush(), "a disabled store writes nothing");
        assert!(!s.is_dirty());
        s.set_position(p);
        assert!(!s.is_dirty());
        assert!(!s.set_read("x", false));
        assert!(!s.is_dirty());
    }

    #[test]
    fn writing_creates_the_directory_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        let mut s = Store::open(&sub);
        s.set_read("z", true);
        assert!(s.flush());
        let mut names: Vec<String> =
            fs::read_dir(&sub).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        assert_eq!(names, vec![STATE_FILE.to_string(), LOCK_FILE.to_string()], "the state and its lock file only");
        let json: serde_json::Value = serde_json::from_slice(&fs::read(sub.join(STATE_FILE)).unwrap()).unwrap();
        assert_eq!(json["read"][0], "z");
        assert_eq!(json["version"], 1);
    }

    #[test]
    fn failed_write_is_reported_and_retried() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        let mut s = Store::open(&sub);
        s.take_warnings();
        s.take_notices();
        // A file where the directory should be makes every write fail.
        fs::write(&sub, b"").unwrap();
        s.set_read("a", true);
        let t0 = Instant::now();
        assert!(!s.flush_if_due(t0));
        let w = s.take_warnings();
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("cannot save"), "{w:?}");
        assert!(s.is_dirty(), "kept for a retry");
        assert!(!s.flush_if_due(t0 + Duration::from_millis(500)));
        assert!(s.take_warnings().is_empty(), "no retry within the second");
        assert!(!s.flush_if_due(t0 + Duration::from_millis(1500)));
        assert!(s.take_warnings().is_empty(), "the same failure is reported once");
        // The directory comes back: the next write succeeds and says so.
        fs::remove_file(&sub).unwrap();
        assert!(s.flush_if_due(t0 + Duration::from_millis(2600)));
        assert!(s.take_notices()[0].contains("saved"));
        assert!(Store::open(&sub).is_read("a"));
    }

    #[test]
    fn disabled_store_touches_nothing() {
        let mut s = Store::open_default(true);
        assert!(!s.is_persistent());
        s.set_read("a", true);
        s.toggle_bookmark("a", "t", "i");
        assert!(!s.flush());
        assert!(s.take_warnings().is_empty());
    }
}
