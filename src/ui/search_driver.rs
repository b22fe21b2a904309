//! Runs the reader's searches on a worker thread: takes the query the update
//! left in [`super::search_state::SearchState::outbox`], hands it to a
//! [`SearchWorker`] (a newer query cancels an older one), and brings the
//! results back into the state. The index is built on the worker thread from
//! a snapshot of the issues, again when the issues change (pages loading).

use super::search_state;
use super::state::App;
use crate::search::SearchWorker;
use std::sync::Arc;
use std::time::Duration;

/// The worker and what it was built on.
#[derive(Default)]
pub struct SearchDriver {
    worker: Option<SearchWorker>,
    /// (issues, articles) of the snapshot the index was built on.
    built_on: (usize, usize),
    /// The query sent last, waiting for its results.
    waiting: Option<(u64, String)>,
}

fn signature(app: &App) -> (usize, usize) {
    (app.issues.len(), app.issues.iter().map(|i| i.article_count()).sum())
}

impl SearchDriver {
    /// A driver with no worker yet (it starts on the first search).
    pub fn new() -> SearchDriver {
        SearchDriver::default()
    }

    /// Sends the query waiting in the state, if any (after each update).
    pub fn dispatch(&mut self, app: &mut App) {
        let Some(query) = app.search.outbox.take() else { return };
        let sig = signature(app);
        if self.worker.is_none() || self.built_on != sig {
            self.worker = Some(SearchWorker::spawn(Arc::new(app.issues.clone())));
            self.built_on = sig;
        }
        if let Some(w) = &self.worker {
            let generation = w.submit(&query, search_state::RESULT_LIMIT);
            self.waiting = Some((generation, query));
        }
    }

    /// True while a search is running: the event loop should come back soon.
    pub fn busy(&self) -> bool {
        self.waiting.is_some()
    }

    /// Brings finished results into the state; true when something changed.
    pub fn poll(&mut self, app: &mut App) -> bool {
        let Some(w) = &self.worker else { return false };
        match w.poll() {
            Some(r) => self.take(app, r),
            None => false,
        }
    }

    /// Waits up to `timeout` for the running search (tests, scripts).
    pub fn wait(&mut self, app: &mut App, timeout: Duration) -> bool {
        let Some(w) = &self.worker else { return false };
        match w.wait(timeout) {
            Some(r) => self.take(app, r),
            None => false,
        }
    }

    fn take(&mut self, app: &mut App, r: crate::search::Response) -> bool {
        match &self.waiting {
            Some((g, _)) if *g == r.generation => self.waiting = None,
            _ => return false,
        }
        let ms = r.elapsed.as_secs_f64() * 1000.0;
        search_state::receive(app, &r.results.query, r.results.hits, ms);
        true
    }
}
