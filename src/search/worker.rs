//! A search thread for the reader: the UI submits each keystroke's query and
//! polls for results; a newer query cancels the running one (generation
//! counter), so the drawing thread never waits.

use super::engine::{Cache, Query, Results};
use super::index::Index;
use super::keywords::ArticleKeywords;
use crate::model::Issue;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::time::{Duration, Instant};

enum Request {
    Search { generation: u64, query: String, limit: usize },
    Keywords(Vec<ArticleKeywords>),
}

/// Results of one query, tagged with the generation it was submitted as.
#[derive(Debug, Clone)]
pub struct Response {
    pub generation: u64,
    pub results: Results,
    /// Time spent searching.
    pub elapsed: Duration,
}

/// Handle to the search thread.
pub struct SearchWorker {
    tx: Sender<Request>,
    rx: Receiver<Response>,
    generation: Arc<AtomicU64>,
    ready: Arc<AtomicU64>,
}

impl SearchWorker {
    /// Starts the thread; it builds the index over `issues` first (the UI
    /// does not wait for that) and loads jieba in the background.
    pub fn spawn(issues: Arc<Vec<Issue>>) -> SearchWorker {
        let (tx, req_rx) = mpsc::channel::<Request>();
        let (resp_tx, rx) = mpsc::channel();
        let generation = Arc::new(AtomicU64::new(0));
        let ready = Arc::new(AtomicU64::new(0));
        let (g, r) = (generation.clone(), ready.clone());
        super::words::preload();
        let _ = std::thread::Builder::new().name("search".into()).spawn(move || {
            let mut index = Index::build(issues);
            r.store(1, Ordering::Release);
            let mut cache = Cache::default();
            while let Ok(first) = req_rx.recv() {
                // Only the newest search of what is waiting matters.
                let mut pending = vec![first];
                pending.extend(req_rx.try_iter());
                let mut search = None;
                for req in pending {
                    match req {
                        Request::Keywords(batch) => {
                            for k in batch {
                                if let Some(doc) = index.doc_of(k.issue, k.article) {
                                    index.set_keywords(doc, k.words);
                                }
                            }
                            cache.clear();
                        }
                        s @ Request::Search { .. } => search = Some(s),
                    }
                }
                let Some(Request::Search { generation, query, limit }) = search else { continue };
                if g.load(Ordering::Acquire) != generation {
                    continue;
                }
                let started = Instant::now();
                let q = Query::new(&query);
                let stale = || g.load(Ordering::Relaxed) != generation;
                if let Some(results) = index.search(&q, limit, &mut cache, &stale)
                    && resp_tx.send(Response { generation, results, elapsed: started.elapsed() }).is_err()
                {
                    return;
                }
            }
        });
        SearchWorker { tx, rx, generation, ready }
    }

    /// Submits a query; any older query still running is abandoned.
    /// Returns the query's generation.
    pub fn submit(&self, query: &str, limit: usize) -> u64 {
        let generation = self.generation.fetch_add(1, Ordering::AcqRel) + 1;
        let _ = self.tx.send(Request::Search { generation, query: query.to_string(), limit });
        generation
    }

    /// Abandons the running query (results of older generations are dropped).
    pub fn cancel(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// The generation of the newest submitted query.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// True once the index is built.
    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::Acquire) == 1
    }

    /// Hands keywords found in the background to the index.
    pub fn add_keywords(&self, batch: Vec<ArticleKeywords>) {
        let _ = self.tx.send(Request::Keywords(batch));
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
