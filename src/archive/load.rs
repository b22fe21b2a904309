//! Loading files in parallel: in the background with progress events, or all
//! at once.

use super::path_info::{apply_path_info, path_date};
use super::walk::collect_files;
use crate::loader::{self, LoadError};
use crate::model::{Date, Page};
use std::path::{Path, PathBuf};
use std::sync::Arc;
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

/// Loads one file and completes it with its path's date and page number.
pub fn load_one(path: &Path) -> Result<Page, LoadError> {
    let mut page = loader::load_file(path)?;
    apply_path_info(&mut page, path);
    // Ids for the reading state: unique within the page.
    crate::store::assign_ids(&mut page);
    Ok(page)
}

/// What the background loader reports, in this order: one `Started`, one
/// `File` per file, one `Finished`.
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
        /// The page, or why the file did not load.
        result: Result<Box<Page>, LoadError>,
        /// Files finished so far, this one included.
        done: usize,
        /// Files in all.
        total: usize,
    },
    /// Every file is done.
    Finished,
}

/// How many threads load files: one per core (at least one, at most 16).
fn worker_count(files: usize) -> usize {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    cores.clamp(1, 16).min(files.max(1))
}

/// Loads `paths` in the background, in parallel across cores, newest dates
/// first, reporting each file over the returned channel (see [`LoadEvent`]).
/// The caller keeps working while pages arrive; dropping the receiver stops
/// the loading early.
pub fn load_in_background(paths: Vec<PathBuf>) -> Receiver<LoadEvent> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("lvread-load".into())
        .spawn(move || run_loading(&paths, &tx))
        .map_err(|e| crate::text::report(format_args!("cannot start the loading thread: {e}")))
        .ok();
    rx
}

fn run_loading(paths: &[PathBuf], tx: &Sender<LoadEvent>) {
    let (mut files, errors) = collect_files(paths);
    // Newest first, so the issue shown first is complete first.
    let mut keyed: Vec<(Option<Date>, PathBuf)> = files.drain(..).map(|f| (path_date(&f), f)).collect();
    keyed.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let files: Vec<PathBuf> = keyed.into_iter().map(|(_, f)| f).collect();
    let total = files.len();
    if tx.send(LoadEvent::Started { total, errors }).is_err() {
        return;
    }
    let next = Arc::new(AtomicUsize::new(0));
    let done = Arc::new(AtomicUsize::new(0));
    std::thread::scope(|s| {
        for _ in 0..worker_count(total) {
            let (next, done, tx, files) = (next.clone(), done.clone(), tx.clone(), &files);
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    let result = load_guarded(path).map(Box::new);
                    let d = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if tx.send(LoadEvent::File { result, done: d, total }).is_err() {
                        // The receiver is gone: stop.
                        next.store(usize::MAX / 2, Ordering::Relaxed);
                        break;
                    }
                }
            });
        }
    });
    let _ = tx.send(LoadEvent::Finished);
}

/// [`load_one`], turning a panic in the loader into an error for that file
/// so one bad file never takes the others down.
fn load_guarded(path: &Path) -> Result<Page, LoadError> {
    std::panic::catch_unwind(|| load_one(path)).unwrap_or_else(|_| {
        Err(LoadError::NotText {
            path: path.display().to_string(),
            why: "the loader failed on this file (a bug; please report it)".to_string(),
        })
    })
}

/// Loads every file named by `paths` (see [`collect_files`]) in parallel and
/// waits for all; pages come back in path order.
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let (files, mut errors) = collect_files(paths);
    let mut slots: Vec<Option<Result<Page, LoadError>>> = (0..files.len()).map(|_| None).collect();
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|s| {
        for _ in 0..worker_count(files.len()) {
            let (tx, files, next) = (tx.clone(), &files, &next);
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    if tx.send((i, load_guarded(path))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, r) in rx {
            slots[i] = Some(r);
        }
    });
    let mut pages = Vec::with_capacity(files.len());
    for r in slots.into_iter().flatten() {
        match r {
            Ok(p) => pages.push(p),
            Err(e) => errors.push(e),
        }
    }
    Loaded { pages, errors }
}
