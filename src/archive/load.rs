//! The one loader pipeline: the user's paths → files ([`super::walk`]) →
//! pages, on a rayon thread pool, reported as [`LoadEvent`]s. The reader
//! runs it in the background ([`load_in_background`]); `dump` and `search`
//! wait for it ([`load_paths`]).
//!
//! [`load_file`] is the one per-file call: a text file gives one page; a
//! format that holds several pages (a PDF issue) gives several.

use super::heads::HeadTables;
use super::path_info::{apply_path_info, path_date};
use super::walk::collect_files;
use crate::loader::{self, LoadError};
use crate::model::{Date, Page};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

/// Pages that loaded and files that did not.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The pages that loaded, in path order.
    pub pages: Vec<Page>,
    /// The files (and folders) that could not be loaded.
    pub errors: Vec<LoadError>,
}

/// Loads one file: its pages (one for a text file), each completed with its
/// path's date and page number. With the page cache on
/// ([`crate::cache::init`]), a file unchanged since this loader last parsed
/// it is read back from the cache instead; a parsed file is stored there.
pub fn load_file(path: &Path) -> Result<Vec<Page>, LoadError> {
    load_file_in(path, None)
}

/// [`load_file`], first looking in the headline table when `heads` is given
/// (the pages then hold their headlines only, see [`super::heads`]); a file
/// loaded the usual way is noted for its folder's row.
fn load_file_in(path: &Path, heads: Option<&HeadTables>) -> Result<Vec<Page>, LoadError> {
    if let Some(pages) = heads.and_then(|h| h.pages(path)) {
        return Ok(pages);
    }
    let Some(cache) = crate::cache::shared() else { return parse_file(path) };
    // The key is taken before the file is read: a file changed meanwhile is
    // parsed again next time.
    let key = crate::cache::db::FileKey::of(path);
    // With `heads` (the reader), the pages are handed on holding their
    // headlines only, their text read back from the cache on demand: whole
    // pages kept would hold the archive's text twice over at a first start.
    if let Some(k) = &key
        && let Some(pages) = cache.get(k, path)
    {
        let shells = heads.and_then(|h| h.note(path, k, &pages));
        return Ok(shells.unwrap_or(pages));
    }
    let pages = parse_file(path)?;
    let Some(k) = key else { return Ok(pages) };
    let shells = heads.and_then(|h| h.note(path, &k, &pages));
    cache.put(k, &pages);
    Ok(match shells {
        // (Only while the cache still takes rows: a page's text must be
        // there to read back.)
        Some(s) if cache.is_on() => s,
        _ => pages,
    })
}

/// Parses one file (no cache). Every format is read here: a text file gives
/// one page; a PDF (known by its extension or its first bytes) one page per
/// PDF page, in order, each with its page number.
pub fn parse_file(path: &Path) -> Result<Vec<Page>, LoadError> {
    if !is_pdf_file(path) {
        let mut page = loader::load_file(path)?;
        apply_path_info(&mut page, path);
        return Ok(vec![page]);
    }
    let mut pages =
        crate::pdf::load_file(path).map_err(|why| LoadError::Pdf { path: path.display().to_string(), why })?;
    for page in &mut pages {
        apply_path_info(page, path);
        page.page = page.page.or(Some(1));
    }
    Ok(pages)
}

/// True for a `.pdf` file, or a file of another name that starts like one.
pub fn is_pdf_file(path: &Path) -> bool {
    if crate::pdf::is_pdf_path(path) {
        return true;
    }
    // Only a regular file is looked into: opening a FIFO would wait for a writer.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut head = [0u8; 1024];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .is_ok_and(|n| crate::pdf::looks_like_pdf(&head[..n]))
}

/// Once every file named by `paths` is done: writes the pages the cache
/// still holds and forgets cached files gone from these folders.
fn finish_cache(paths: &[PathBuf]) {
    if let Some(c) = crate::cache::shared() {
        c.flush();
        let dirs: Vec<PathBuf> =
            paths.iter().filter(|p| p.is_dir()).filter_map(|p| std::fs::canonicalize(p).ok()).collect();
        if !dirs.is_empty() {
            c.prune(&dirs);
        }
    }
}

/// What the pipeline reports, in this order: one `Started`, one `File` per
/// file, one `Finished`.
#[derive(Debug)]
pub enum LoadEvent {
    /// The folders were walked: `total` files will load; `errors` are paths
    /// that could not be read at all.
    Started {
        /// Files that will load.
        total: usize,
        /// Paths that could not be read.
        errors: Vec<LoadError>,
    },
    /// One file loaded (or failed); `done` of `total` files are finished.
    File {
        /// The file's place in the order the files were taken in.
        index: usize,
        /// The file's pages, or why the file did not load.
        result: Result<Vec<Page>, LoadError>,
        /// Files finished so far, this one included.
        done: usize,
        /// Files in all.
        total: usize,
    },
    /// Every file is done.
    Finished,
}

/// In which order the files are taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Newest date first (from the paths), so the issue shown first is
    /// complete first: the reader's order.
    NewestFirst,
    /// The order of [`collect_files`]: the user's paths, folders sorted.
    Paths,
}

/// Runs the pipeline: walks `paths`, loads every file on the rayon pool
/// (taken roughly in `order`, so the first files finish first) and sends
/// the events to `tx`. Returns when every file is done, or early when the
/// receiver is gone.
pub fn run(paths: &[PathBuf], order: Order, tx: &Sender<LoadEvent>) {
    run_with(paths, order, false, tx)
}

/// [`run`]; with `headlines`, a file the page cache's headline table holds
/// as it is now gives pages holding their headlines only, their text read
/// on demand ([`crate::page_text`]) — the reader's way in. A file parsed
/// (or read back whole) gives them too once its pages are stored in the
/// cache, so a first start does not hold the archive's text either.
pub fn run_with(paths: &[PathBuf], order: Order, headlines: bool, tx: &Sender<LoadEvent>) {
    let heads = if headlines { crate::cache::shared().filter(|c| c.is_on()).map(HeadTables::new) } else { None };
    let (mut files, errors) = collect_files(paths);
    if order == Order::NewestFirst {
        let mut keyed: Vec<(Option<Date>, PathBuf)> = files.drain(..).map(|f| (path_date(&f), f)).collect();
        keyed.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        files = keyed.into_iter().map(|(_, f)| f).collect();
    }
    let total = files.len();
    if let Some(h) = &heads {
        h.expect(total);
    }
    if tx.send(LoadEvent::Started { total, errors }).is_err() {
        return;
    }
    // One task per pool thread, each taking the next file in order, so the
    // first files (the newest issue) finish first.
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    rayon::scope(|scope| {
        for _ in 0..rayon::current_num_threads().min(total).max(1) {
            let (next, done, files, tx, heads) = (&next, &done, &files, tx.clone(), heads.as_ref());
            scope.spawn(move |_| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(index) else { break };
                    let result = load_guarded(path, heads);
                    let d = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if tx.send(LoadEvent::File { index, result, done: d, total }).is_err() {
                        // The receiver is gone: stop every task.
                        next.store(usize::MAX / 2, Ordering::Relaxed);
                        break;
                    }
                }
            });
        }
    });
    // (Only after a complete load: one cut short would forget the folders'
    // files not reached.)
    if let Some(h) = heads
        && done.load(Ordering::Relaxed) == total
    {
        h.finish();
    }
    finish_cache(paths);
    let _ = tx.send(LoadEvent::Finished);
}

/// Runs the pipeline on its own thread, newest dates first; the caller
/// keeps working while pages arrive. Dropping the receiver stops the
/// loading early. Pages the page cache's headline table holds come with
/// their headlines only ([`run_with`]).
pub fn load_in_background(paths: Vec<PathBuf>) -> Receiver<LoadEvent> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("lvread-load".into())
        .spawn(move || run_with(&paths, Order::NewestFirst, true, &tx))
        .map_err(|e| crate::text::report(format_args!("cannot start the loading thread: {e}")))
        .ok();
    rx
}

/// Runs the pipeline and waits for every file; pages come back in path order.
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let (tx, rx) = mpsc::channel();
    let mut errors = Vec::new();
    let mut slots: Vec<Option<Result<Vec<Page>, LoadError>>> = Vec::new();
    // The pipeline runs beside this thread, which takes the pages as they come.
    std::thread::scope(|scope| {
        scope.spawn(move || run(paths, Order::Paths, &tx));
        collect(rx, &mut errors, &mut slots);
    });
    let mut pages = Vec::with_capacity(slots.len());
    for result in slots.into_iter().flatten() {
        match result {
            Ok(p) => pages.extend(p),
            Err(e) => errors.push(e),
        }
    }
    Loaded { pages, errors }
}

/// Puts each file's result in its slot (by index), as the events arrive.
pub(crate) fn collect(
    rx: Receiver<LoadEvent>,
    errors: &mut Vec<LoadError>,
    slots: &mut Vec<Option<Result<Vec<Page>, LoadError>>>,
) {
    for event in rx {
        match event {
            LoadEvent::Started { total, errors: e } => {
                errors.extend(e);
                slots.resize_with(total, || None);
            }
            LoadEvent::File { index, result, .. } => {
                if let Some(slot) = slots.get_mut(index) {
                    *slot = Some(result);
                }
            }
            LoadEvent::Finished => {}
        }
    }
}

/// [`load_file`], turning a panic in the loader into an error for that file
/// so one bad file never takes the others down.
fn load_guarded(path: &Path, heads: Option<&HeadTables>) -> Result<Vec<Page>, LoadError> {
    std::panic::catch_unwind(|| load_file_in(path, heads)).unwrap_or_else(|_| {
        Err(LoadError::NotText {
            path: path.display().to_string(),
            why: "the loader failed on this file (a bug; please report it)".to_string(),
        })
    })
}
