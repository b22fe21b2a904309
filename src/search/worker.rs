//! A search thread for the reader: the UI submits each keystroke's query and
//! polls for results; a newer query cancels the running one (generation
//! counter), so the drawing thread never waits. The index is built on a
//! thread of its own and brought up to date as pages arrive
//! ([`SearchWorker::reindex`]): searches keep running on the previous index
//! meanwhile, and each response says which index it came from.

use super::engine::{Cache, Query, Results};
use super::index::Index;
use crate::model::Issue;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

enum Request {
    Search {
        generation: u64,
        query: String,
        limit: usize,
    },
    /// An index finished building.
    Built(Arc<Index>),
}

/// Results of one query, tagged with the generation it was submitted as.
#[derive(Debug, Clone)]
pub struct Response {
    pub generation: u64,
    pub results: Results,
    /// Time spent searching.
    pub elapsed: Duration,
    /// The version of the index searched ([`SearchWorker::index_version`]).
    pub index_version: u64,
}

/// Issues to index, and whether they are settled (no more pages coming).
type Wanted = (Arc<Vec<Issue>>, bool);

/// What the worker and its index builder share with the UI.
#[derive(Default)]
struct Shared {
    generation: AtomicU64,
    /// Number of indexes built so far (0: none yet).
    version: AtomicU64,
    /// The issues to index next (and whether they are settled: no more
    /// pages coming), and whether a builder thread is running.
    queue: Mutex<(Option<Wanted>, bool)>,
    /// Mirrors the queue's flag, for the UI.
    building: AtomicBool,
    /// The newest index built (the next build starts from it).
    last: Mutex<Option<Arc<Index>>>,
    /// Pages indexed (or kept from the previous index) by the running build.
    pages_done: AtomicUsize,
    /// Pages of the running build.
    pages_total: AtomicUsize,
}

/// Handle to the search thread.
pub struct SearchWorker {
    tx: Sender<Request>,
    rx: Receiver<Response>,
    shared: Arc<Shared>,
}

/// Asks for an index of `issues`: starts a builder thread unless one is
/// running (it takes the newest issues asked for when it is done).
fn request_build(issues: Arc<Vec<Issue>>, settled: bool, shared: &Arc<Shared>, tx: &Sender<Request>) {
    let Ok(mut queue) = shared.queue.lock() else { return };
    queue.0 = Some((issues, settled));
    if queue.1 {
        return;
    }
    queue.1 = true;
    shared.building.store(true, Ordering::Release);
    let (shared, tx) = (shared.clone(), tx.clone());
    let spawned = std::thread::Builder::new().name("index".into()).spawn(move || run_builds(&shared, &tx));
    if spawned.is_err() {
        queue.1 = false;
    }
}

/// The builder thread: indexes the issues asked for, each time from the
/// previous index, until none are waiting.
fn run_builds(shared: &Shared, tx: &Sender<Request>) {
    loop {
        let (issues, settled) = {
            let Ok(mut queue) = shared.queue.lock() else { return };
            match queue.0.take() {
                Some(next) => next,
                None => {
                    queue.1 = false;
                    shared.building.store(false, Ordering::Release);
                    return;
                }
            }
        };
        shared.pages_done.store(0, Ordering::Release);
        shared.pages_total.store(issues.iter().map(|i| i.pages.len()).sum(), Ordering::Release);
        let prev = shared.last.lock().ok().and_then(|l| l.clone());
        let index = Arc::new(Index::update(prev.as_deref(), issues, &shared.pages_done, settled));
        drop(prev);
        if let Ok(mut last) = shared.last.lock() {
            *last = Some(index.clone());
        }
        if tx.send(Request::Built(index)).is_err() {
            return;
        }
    }
}

impl SearchWorker {
    /// Starts the thread; the index of `issues` is built in the background
    /// (the UI does not wait for it; a search waits for the first index) and
    /// jieba loads in the background.
    pub fn spawn(issues: Arc<Vec<Issue>>) -> SearchWorker {
        SearchWorker::spawn_loading(issues, false)
    }

    /// The search thread, with no index asked for yet.
    fn spawn_idle() -> SearchWorker {
        let (tx, req_rx) = mpsc::channel::<Request>();
        let (resp_tx, rx) = mpsc::channel();
        let shared = Arc::new(Shared::default());
        let s = shared.clone();
        let _ = std::thread::Builder::new().name("search".into()).spawn(move || {
            // The pinyin table, built lazily, would otherwise cost the
            // first keystroke a few milliseconds; here it is built while
            // the index is (the caller does not wait).
            super::pinyin::preload();
            let mut index: Option<Arc<Index>> = None;
            let mut search: Option<Request> = None;
            let mut cache = Cache::default();
            while let Ok(first) = req_rx.recv() {
                // Only the newest search of what is waiting matters.
                let mut pending = vec![first];
                pending.extend(req_rx.try_iter());
                for req in pending {
                    match req {
                        Request::Built(built) => {
                            index = Some(built);
                            cache.clear();
                            s.version.fetch_add(1, Ordering::AcqRel);
                        }
                        r @ Request::Search { .. } => search = Some(r),
                    }
                }
                // (A search waits for the first index.)
                let Some(ix) = &index else { continue };
                let Some(Request::Search { generation, query, limit }) = search.take() else { continue };
                if s.generation.load(Ordering::Acquire) != generation {
                    continue;
                }
                let started = Instant::now();
                let q = Query::new(&query);
                let stale = || s.generation.load(Ordering::Relaxed) != generation;
                let index_version = s.version.load(Ordering::Acquire);
                if let Some(results) = ix.search(&q, limit, &mut cache, &stale)
                    && resp_tx
                        .send(Response { generation, results, elapsed: started.elapsed(), index_version })
                        .is_err()
                {
                    return;
                }
            }
        });
        SearchWorker { tx, rx, shared }
    }

    /// Submits a query; any older query still running is abandoned.
    /// Returns the query's generation.
    pub fn submit(&self, query: &str, limit: usize) -> u64 {
        let generation = self.shared.generation.fetch_add(1, Ordering::AcqRel) + 1;
        let _ = self.tx.send(Request::Search { generation, query: query.to_string(), limit });
        generation
    }

    /// Brings the index up to date with `issues` in the background (pages
    /// arrived): the parts of the current index that still apply are kept,
    /// the new pages indexed. While a build runs, only the newest issues
    /// asked for are indexed next. The parts are stored in the page cache.
    pub fn reindex(&self, issues: Arc<Vec<Issue>>) {
        self.reindex_loading(issues, false);
    }

    /// As [`SearchWorker::reindex`]; `loading`: more pages are coming, so
    /// the parts are not stored in the page cache yet (a group of pages
    /// still loading would replace the stored one of the whole group).
    pub fn reindex_loading(&self, issues: Arc<Vec<Issue>>, loading: bool) {
        request_build(issues, !loading, &self.shared, &self.tx);
    }

    /// As [`SearchWorker::spawn`], while pages are still loading (see
    /// [`SearchWorker::reindex_loading`]).
    pub fn spawn_loading(issues: Arc<Vec<Issue>>, loading: bool) -> SearchWorker {
        if !loading {
            // The pages are in: jieba loads beside the index. (While pages
            // load, the caller loads it once they are searchable.)
            super::words::preload();
        }
        let w = SearchWorker::spawn_idle();
        request_build(issues, !loading, &w.shared, &w.tx);
        w
    }

    /// Abandons the running query (results of older generations are dropped).
    pub fn cancel(&self) {
        self.shared.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// The generation of the newest submitted query.
    pub fn generation(&self) -> u64 {
        self.shared.generation.load(Ordering::Acquire)
    }

    /// True once an index is built.
    pub fn is_ready(&self) -> bool {
        self.index_version() > 0
    }

    /// How many indexes were built so far: grows each time an index of
    /// newer issues replaces the previous one.
    pub fn index_version(&self) -> u64 {
        self.shared.version.load(Ordering::Acquire)
    }

    /// While an index is being built: (pages indexed, pages in all).
    pub fn indexing(&self) -> Option<(usize, usize)> {
        self.shared.building.load(Ordering::Acquire).then(|| {
            let total = self.shared.pages_total.load(Ordering::Acquire);
            (self.shared.pages_done.load(Ordering::Acquire).min(total), total)
        })
    }

    /// The newest response for the current generation, if one arrived;
    /// never blocks. Stale responses are dropped.
    pub fn poll(&self) -> Option<Response> {
        let mut newest = None;
        loop {
            match self.rx.try_recv() {
                Ok(r) if r.generation == self.generation() => newest = Some(r),
                Ok(_) => {}
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return newest,
            }
        }
    }

    /// Waits up to `timeout` for the response of the current generation.
    pub fn wait(&self, timeout: Duration) -> Option<Response> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            match self.rx.recv_timeout(left) {
                Ok(r) if r.generation == self.generation() => return Some(r),
                Ok(_) => {}
                Err(_) => return None,
            }
        }
    }
}
