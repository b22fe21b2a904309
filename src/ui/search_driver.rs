//! Runs the reader's searches on a worker thread: takes the query of an
//! [`super::effect::Effect::Search`] the update returned, hands it to a
//! [`SearchWorker`] (a newer query cancels an older one), and brings the
//! results back into the state. The index is built in the background as
//! soon as pages arrive (not on the first search) and brought up to date as
//! more arrive ([`SearchDriver::refresh`]); the issues are shared with it,
//! never copied. A query on the search line runs again on each newer index.

use super::app::{App, Mode};
use super::search_state;
use crate::search::SearchWorker;
use crate::search::keywords::{self, ArticleKeywords};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// While pages are loading, the index is brought up to date at most this
/// long after the last build ended (and first this long after loading
/// began), unless the index parts stored for the folders are read ahead
/// ([`REINDEX_WITH_STORED_PARTS`]). Without them, a quarter caught half
/// loaded is built from its pages' keys, and again once whole; loading that
/// parses files is slow enough for an index this often to keep up.
pub const REINDEX_WHILE_LOADING: Duration = Duration::from_millis(1500);

/// As [`REINDEX_WHILE_LOADING`] while the index parts stored for the
/// folders being loaded are read ahead ([`crate::search::prefetch`]): a
/// build then takes the parts of the groups complete and leaves out the
/// groups still loading, so it costs little and can come often.
pub const REINDEX_WITH_STORED_PARTS: Duration = Duration::from_millis(500);

/// Batches of keywords from [`keywords::spawn`].
type KeywordJob = Receiver<Vec<ArticleKeywords>>;

/// The worker and what it was built on.
#[derive(Default)]
pub struct SearchDriver {
    worker: Option<SearchWorker>,
    /// The keyword job (jieba TF-IDF) and the issues it runs on.
    keywords: Option<(KeywordJob, (usize, usize))>,
    keywords_done_for: Option<(usize, usize)>,
    /// (issues, articles) of the issues last handed to the index, and
    /// whether pages were still loading then.
    built_on: ((usize, usize), bool),
    /// Pages are still loading ([`SearchDriver::set_loading`]).
    loading: bool,
    /// While pages load: since when no build has been running (loading
    /// began, or the last build ended).
    quiet_since: Option<Instant>,
    /// The query sent last, waiting for its results.
    waiting: Option<(u64, String)>,
    /// The version of the index the results shown came from.
    searched_on: u64,
    /// jieba was asked to load ([`crate::search::words::preload`]).
    jieba_asked: bool,
}

/// Keywords are extracted automatically up to this many articles (about
/// a millisecond each on one core, in the background).
pub const KEYWORD_ARTICLES_MAX: usize = 20_000;

/// What the issues are now, cheaply: (issues, pages that entered).
fn signature(app: &App) -> (usize, usize) {
    (app.issues.len(), app.pages_added())
}

impl SearchDriver {
    /// A driver with no worker yet (it starts on the first search).
    pub fn new() -> SearchDriver {
        SearchDriver::default()
    }

    /// Sends a query to the worker (an [`super::effect::Effect::Search`]).
    pub fn dispatch(&mut self, app: &App, query: String) {
        self.index(app);
        if let Some(w) = &self.worker {
            let generation = w.submit(&query, search_state::RESULT_LIMIT);
            self.waiting = Some((generation, query));
        }
    }

    /// Starts the worker, or hands it the issues when pages arrived since
    /// it was last given them (it indexes only the new pages).
    fn index(&mut self, app: &App) {
        let sig = (signature(app), self.loading);
        match &self.worker {
            // (Each page as loaded: the index searches the loader's
            // headlines whenever the reader mended them.)
            None => self.worker = Some(SearchWorker::spawn_loading(Arc::new(app.issues_as_loaded()), self.loading)),
            Some(w) if self.built_on != sig => w.reindex_loading(Arc::new(app.issues_as_loaded()), self.loading),
            Some(_) => return,
        }
        self.built_on = sig;
    }

    /// Says whether pages are still loading (the reader's loop tells it
    /// each turn): while they are, the index's parts are not stored in the
    /// page cache; once loading is over they are (one more, cheap, build).
    pub fn set_loading(&mut self, loading: bool) {
        self.loading = loading;
        if !loading {
            self.quiet_since = None;
        } else if self.quiet_since.is_none() {
            self.quiet_since = Some(Instant::now());
        }
    }

    /// Call after pages arrive (the reader's loop calls it every turn):
    /// indexes the new pages in the background, shows the progress of
    /// indexing in the status bar, and runs the query on the search line
    /// again once a newer index is ready (so a query typed before its pages
    /// loaded finds them as they come).
    pub fn refresh(&mut self, app: &mut App) {
        if app.issues.is_empty() {
            return;
        }
        let building = self.worker.as_ref().and_then(SearchWorker::indexing);
        // One build at a time: new pages wait for the running one; while
        // pages load, a while after the last ([`REINDEX_WHILE_LOADING`]).
        if building.is_some() {
            if self.loading {
                self.quiet_since = None;
            }
        } else {
            let now = Instant::now();
            let wait = match crate::search::prefetch::active() {
                true => REINDEX_WITH_STORED_PARTS,
                false => REINDEX_WHILE_LOADING,
            };
            let due = !self.loading || now.duration_since(*self.quiet_since.get_or_insert(now)) >= wait;
            if due {
                self.index(app);
            }
        }
        let Some(w) = &self.worker else { return };
        app.set_indexing(w.indexing());
        // jieba's dictionary (query word boundaries, keywords) loads once
        // every page is in and searchable: loaded beside them it took a
        // tenth of a second start's CPU from the pages and the index.
        if !self.jieba_asked && !self.loading && w.is_ready() && w.indexing().is_none() {
            crate::search::words::preload();
            self.jieba_asked = true;
        }
        if app.mode != Mode::Search || self.waiting.is_some() || w.index_version() <= self.searched_on {
            return;
        }
        self.dispatch(app, app.search.query.clone());
    }

    /// True once an index is ready for searches.
    pub fn ready(&self) -> bool {
        self.worker.as_ref().is_some_and(SearchWorker::is_ready)
    }

    /// True while pages are being indexed (the loop should come back to
    /// show the progress).
    pub fn indexing(&self) -> bool {
        self.worker.as_ref().is_some_and(|w| w.indexing().is_some())
    }

    /// True while jieba, asked for, is still loading (the loop should come
    /// back: keywords start once it is in).
    pub fn jieba_loading(&self) -> bool {
        self.jieba_asked && crate::search::words::try_jieba().is_none()
    }

    /// True while a search is running: the event loop should come back soon.
    pub fn busy(&self) -> bool {
        self.waiting.is_some()
    }

    /// Brings finished results (and keywords) into the state; true when
    /// something changed.
    pub fn poll(&mut self, app: &mut App) -> bool {
        let changed = self.poll_keywords(app);
        let Some(w) = &self.worker else { return changed };
        match w.poll() {
            Some(r) => self.take(app, r) || changed,
            None => changed,
        }
    }

    /// Starts extracting keywords once jieba has loaded and no pages are
    /// arriving (`idle`), and fills `Article.keywords` (shown in the body
    /// header) as batches arrive. Restarts when the issues change.
    pub fn keywords(&mut self, app: &mut App, idle: bool) -> bool {
        if self.keywords.is_none() && idle && crate::search::words::try_jieba().is_some() {
            let sig = signature(app);
            if self.keywords_done_for != Some(sig) && !app.issues.is_empty() {
                if app.issues.iter().map(|i| i.article_count()).sum::<usize>() <= KEYWORD_ARTICLES_MAX {
                    self.keywords = Some((keywords::spawn(Arc::new(app.issues.clone())), sig));
                } else {
                    // Too many: not for these issues (asked again when they change).
                    self.keywords_done_for = Some(sig);
                }
            }
        }
        self.poll_keywords(app)
    }

    /// True while keywords are being extracted (the loop should come back).
    pub fn keywords_running(&self) -> bool {
        self.keywords.is_some()
    }

    fn poll_keywords(&mut self, app: &mut App) -> bool {
        let Some((rx, sig)) = &self.keywords else { return false };
        let sig = *sig;
        let mut changed = false;
        // Where the reader is, before any keywords change the layout.
        let top = app.top_line();
        loop {
            match rx.try_recv() {
                Ok(batch) => {
                    if signature(app) != sig {
                        // The issues changed under the job: start again later.
                        self.keywords = None;
                        return changed;
                    }
                    for k in batch {
                        let Some(issue) = app.issues.get(k.issue) else { continue };
                        // The page holding the article, and its place there.
                        let mut left = k.article;
                        let mut at = None;
                        for (n, p) in issue.pages.iter().enumerate() {
                            if left < p.articles.len() {
                                at = p.articles[left].keywords.is_empty().then_some(n);
                                break;
                            }
                            left -= p.articles.len();
                        }
                        if let Some(n) = at {
                            // (Copies the page if the index shares it.)
                            let words = k.words;
                            app.change_page(k.issue, n, |p| p.articles[left].keywords.clone_from(&words));
                            changed = true;
                        }
                    }
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.keywords = None;
                    self.keywords_done_for = Some(sig);
                    break;
                }
            }
        }
        if changed {
            // Keywords join the header: keep the line being read at the top.
            app.relayout(top);
        }
        changed
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
        self.searched_on = r.index_version;
        let ms = r.elapsed.as_secs_f64() * 1000.0;
        super::search_update::receive(app, &r.results.query, r.results.hits, ms);
        true
    }
}
