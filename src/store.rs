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
//! written; a file it cannot read is left alone and nothing is written.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
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

/// The serialised form of the state. Unknown fields are ignored, missing ones
/// default, so older and newer lvread versions can share a file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct StateData {
    /// Format version (currently 1).
    pub version: u32,
    /// Ids of the articles that were read.
    pub read: BTreeSet<String>,
    /// Bookmarks, oldest first.
    pub bookmarks: Vec<Bookmark>,
    /// Where the reader was at the last quit.
    pub position: Option<Position>,
}

/// Reading state plus where it lives on disk and when it was last written.
#[derive(Debug)]
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
    /// a corrupt one is renamed to `state.json.bad` and reported; an
    /// unreadable one is reported and left alone, and this store will not
    /// write over it.
    pub fn open(dir: &Path) -> Store {
        let path = dir.join(STATE_FILE);
        let mut store = Store::disabled();
        match fs::read(&path) {
            Ok(bytes) => match serde_json::from_slice::<StateData>(&bytes) {
                Ok(data) => {
                    store.data = data;
                    store.data.version = 1;
                    store.path = Some(path);
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
        self.data.bookmarks.iter().any(|b| b.id == id)
    }

    /// Adds or removes a bookmark; returns true when the article is now bookmarked.
    pub fn toggle_bookmark(&mut self, id: &str, title: &str, issue: &str) -> bool {
        self.mark_dirty();
        if let Some(i) = self.data.bookmarks.iter().position(|b| b.id == id) {
            self.data.bookmarks.remove(i);
            self.changes.bookmarks.insert(id.to_string(), None);
            false
        } else {
            let added = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
            let b = Bookmark { id: id.to_string(), title: title.to_string(), issue: issue.to_string(), added };
            self.changes.bookmarks.insert(id.to_string(), Some(b.clone()));
            self.data.bookmarks.push(b);
            true
        }
    }

    /// Removes a bookmark; returns true when there was one.
    pub fn remove_bookmark(&mut self, id: &str) -> bool {
        let before = self.data.bookmarks.len();
        self.data.bookmarks.retain(|b| b.id != id);
        let changed = self.data.bookmarks.len() != before;
        if changed {
            self.changes.bookmarks.insert(id.to_string(), None);
            self.mark_dirty();
        }
        changed
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
        self.merge_from_disk(&path);
        match write_atomically(&path, &self.data) {
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
}

impl Store {
    /// Takes what another lvread wrote to the file since this one read or
    /// wrote it, and replays this one's unwritten changes on top: marks and
    /// bookmarks from both survive; the position is this one's. A file that
    /// no longer parses is kept aside first (and reported).
    fn merge_from_disk(&mut self, path: &Path) {
        let Ok(bytes) = fs::read(path) else { return };
        let mut disk = match serde_json::from_slice::<StateData>(&bytes) {
            Ok(d) => d,
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
        for (id, b) in &self.changes.bookmarks {
            disk.bookmarks.retain(|x| &x.id != id);
            if let Some(b) = b {
                disk.bookmarks.push(b.clone());
            }
        }
        disk.position = self.data.position.clone();
        disk.version = 1;
        self.data = disk;
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
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    for n in 1..1000 {
        let bad = if n == 1 {
            path.with_file_name(format!("{name}.bad"))
        } else {
            path.with_file_name(format!("{name}.bad.{n}"))
        };
        if !bad.exists() {
            fs::rename(path, &bad)?;
            return Ok(bad);
        }
    }
    Err(io::Error::other("too many .bad files"))
}

/// Writes JSON to a temporary file in the same directory, syncs it and
/// renames it over `path`, so a crash leaves either the old or the new file.
fn write_atomically<T: Serialize>(path: &Path, value: &T) -> io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = File::create(&tmp)?;
        let json = serde_json::to_vec_pretty(value).map_err(io::Error::other)?;
        f.write_all(&json)?;
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
    fn wrong_shape_counts_as_corrupt() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(STATE_FILE), b"{\"read\": 5}").unwrap();
        let mut s = Store::open(dir.path());
        assert!(s.take_warnings()[0].contains("corrupt"));
        assert!(dir.path().join("state.json.bad").exists());
    }

    #[test]
    fn unknown_fields_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(STATE_FILE), br#"{"version": 7, "read": ["a"], "future": {"x": 1}}"#).unwrap();
        let mut s = Store::open(dir.path());
        assert!(s.take_warnings().is_empty());
        assert!(s.is_read("a"));
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
        let names: Vec<String> =
            fs::read_dir(&sub).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert_eq!(names, vec![STATE_FILE.to_string()]);
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
