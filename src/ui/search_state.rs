//! The reader's search state: the query line, the results, the matches
//! visited with `n`/`N`, the place to go back to. What the keys do with it
//! is in [`super::search_update`]; the search itself runs on a worker
//! thread driven by [`super::search_driver`].

use crate::search::Hit;

/// The state of the search.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchState {
    /// The query line.
    pub query: String,
    /// Cursor position in the query, in chars.
    pub cursor: usize,
    /// True while the results lag behind the query.
    pub pending: bool,
    /// The query the results are for, and the results, best first.
    pub results_for: String,
    pub results: Vec<Hit>,
    /// Milliseconds the last search took.
    pub elapsed_ms: Option<f64>,
    /// Selected result and first visible result.
    pub selected: usize,
    pub offset: usize,
    /// Earlier queries, oldest first, and the one being recalled.
    pub history: Vec<String>,
    pub history_pos: Option<usize>,
    /// Where to go back to on `Esc`.
    pub saved: Option<super::navigation::Place>,
    /// `Enter` came before the results: open the first one when they arrive.
    pub enter_pending: bool,
    /// After `Enter`: the query whose matches `n`/`N` visit, the result
    /// opened, and the current match among [`super::reader::Reader::highlights`].
    pub visiting: Option<String>,
    pub opened: usize,
    pub current_match: usize,
}

/// How many results a search returns to the reader.
pub const RESULT_LIMIT: usize = 200;
/// How many queries the history keeps.
pub const HISTORY: usize = 50;

impl SearchState {
    /// Puts the current query at the end of the history (once).
    pub fn remember(&mut self) {
        let s = self;
        let q = s.query.trim().to_string();
        if !q.is_empty() {
            s.history.retain(|h| *h != q);
            s.history.push(q);
            if s.history.len() > HISTORY {
                s.history.remove(0);
            }
        }
    }
}
