//! The one loader pipeline: the user's paths → files ([`super::walk`]) →
//! pages, on a rayon thread pool, reported as [`LoadEvent`]s. The reader
//! runs it in the background ([`load_in_background`]); `dump` and `search`
//! wait for it ([`load_paths`]).
//!
//! [`load_file`] is the one per-file call: a text file gives one page; a
//! format that holds several pages (a PDF issue) gives several.

use super::path_info::{apply_path_info, path_date};
use super::walk::collect_files;
use crate::loader::{self, LoadError};
use crate::model::{Date, Page};
use rayon::iter::{ParallelBridge, ParallelIterator};
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
/// path's date and page number. Every format is read here.
pub fn load_file(path: &Path) -> Result<Vec<Page>, LoadError> {
    let mut page = loader::load_file(path)?;
    apply_path_info(&mut page, path);
    Ok(vec![page])
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
    let (mut files, errors) = collect_files(paths);
    if order == Order::NewestFirst {
        let mut keyed: Vec<(Option<Date>, PathBuf)> = files.drain(..).map(|f| (path_date(&f), f)).collect();
        keyed.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        files = keyed.into_iter().map(|(_, f)| f).collect();
    }
    let total = files.len();
    if tx.send(LoadEvent::Started { total, errors }).is_err() {
        return;
    }
    let done = AtomicUsize::new(0);
    // `par_bridge` hands the files out in order, one at a time, to
    // whichever thread is free.
    let _stopped = files.iter().enumerate().par_bridge().try_for_each_with(tx.clone(), |tx, (index, path)| {
        let result = load_guarded(path);
        let done = done.fetch_add(1, Ordering::Relaxed) + 1;
        tx.send(LoadEvent::File { index, result, done, total })
    });
    let _ = tx.send(LoadEvent::Finished);
}

/// Runs the pipeline on its own thread, newest dates first; the caller
/// keeps working while pages arrive. Dropping the receiver stops the
/// loading early.
pub fn load_in_background(paths: Vec<PathBuf>) -> Receiver<LoadEvent> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("lvread-load".into())
        .spawn(move || run(&paths, Order::NewestFirst, &tx))
        .map_err(|e| crate::text::report(format_args!("cannot start the loading thread: {e}")))
        .ok();
    rx
}

/// Runs the pipeline and waits for every file; pages come back in path order.
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let (tx, rx) = mpsc::channel();
    run(paths, Order::Paths, &tx);
    drop(tx);
    let mut errors = Vec::new();
    let mut slots: Vec<Option<Result<Vec<Page>, LoadError>>> = Vec::new();
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
    let mut pages = Vec::with_capacity(slots.len());
    for result in slots.into_iter().flatten() {
        match result {
            Ok(p) => pages.extend(p),
            Err(e) => errors.push(e),
        }
    }
    Loaded { pages, errors }
}

/// [`load_file`], turning a panic in the loader into an error for that file
/// so one bad file never takes the others down.
fn load_guarded(path: &Path) -> Result<Vec<Page>, LoadError> {
    std::panic::catch_unwind(|| load_file(path)).unwrap_or_else(|_| {
        Err(LoadError::NotText {
            path: path.display().to_string(),
            why: "the loader failed on this file (a bug; please report it)".to_string(),
        })
    })
}
