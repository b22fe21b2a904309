//! A start of the reader's own pieces (App, Session, SearchDriver) over an
//! archive folder, and its hits for a query list typed one character at a
//! time, shared by `keystroke_hits` (two builds compared) and the test
//! `search_starts` (starts of one build compared).
#![allow(dead_code)]

use lvread::action::Edit;
use lvread::ui::effect::Effect;
use lvread::ui::search_driver::SearchDriver;
use lvread::ui::session::Session;
use lvread::ui::update::update;
use lvread::ui::{Action, App};
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

/// The reader's pieces after a start, every page loaded and indexed.
pub struct Started {
    /// The reader's state.
    pub app: App,
    /// The loading session (it mends made-up headlines).
    pub session: Session,
    /// The search thread's driver.
    pub driver: SearchDriver,
    /// The word segmenter was in while pages were still arriving.
    pub segmenter_while_loading: bool,
}

/// Starts the reader over `dir/files` with its cache in `dir/cache`, and
/// waits until every page is loaded and indexed, then (as a reader left
/// open) until the word segmenter is in and the headlines are mended.
/// `Err` when that takes longer than `limit`.
pub fn start(dir: &Path, limit: Duration) -> Result<Started, String> {
    start_mending(dir, limit, None)
}

/// [`start`], with made-up headlines mended on the reader's thread for up
/// to `mend_at_once` pages (`None`: the reader's own threshold), so that a
/// small archive takes the path of a large one.
pub fn start_mending(dir: &Path, limit: Duration, mend_at_once: Option<usize>) -> Result<Started, String> {
    let _ = lvread::cache::init_at(Some(&dir.join("cache").join(lvread::cache::CACHE_FILE)));
    let mut app = App::new(Vec::new(), (120, 40));
    if let Some(pages) = mend_at_once {
        app.set_mend_at_once_pages(pages);
    }
    let mut segmenter_while_loading = false;
    let mut session = Session::new(lvread::store::Store::open_default(true));
    session.load_in_background(vec![dir.join("files")]);
    let mut driver = SearchDriver::new();
    let began = Instant::now();
    loop {
        session.tick(&mut app, Instant::now());
        segmenter_while_loading |= session.is_loading() && lvread::search::words::try_jieba().is_some();
        driver.set_loading(session.is_loading());
        driver.refresh(&mut app);
        if !session.is_loading() && driver.ready() && !driver.indexing() {
            break;
        }
        if began.elapsed() > limit {
            return Err(format!("not searchable after {limit:?}"));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    // Word boundaries and the mended headlines count in the ranking.
    let _ = lvread::search::words::jieba();
    while session.mending_titles(&app) {
        session.tick(&mut app, Instant::now());
        if began.elapsed() > limit {
            return Err(format!("headlines not mended after {limit:?}"));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    Ok(Started { app, session, driver, segmenter_while_loading })
}

fn act(app: &mut App, driver: &mut SearchDriver, action: Action) {
    for effect in update(app, action) {
        if let Effect::Search(q) = effect {
            driver.dispatch(app, q);
        }
    }
}

/// Types every query one character at a time, waiting for each
/// keystroke's answer, and returns one line per keystroke: the prefix
/// typed, the number of hits, then each hit as `source#article score
/// field`. `Err` when a keystroke is not answered within `limit`.
pub fn hits(started: &mut Started, queries: &[impl AsRef<str>], limit: Duration) -> Result<String, String> {
    let Started { app, driver, .. } = started;
    let mut out = String::new();
    for q in queries {
        act(app, driver, Action::Search);
        let mut typed = String::new();
        for c in q.as_ref().chars() {
            typed.push(c);
            act(app, driver, Action::SearchEdit(Edit::Insert(c)));
            let asked = Instant::now();
            while app.search.results_for != typed {
                driver.wait(app, Duration::from_millis(100));
                if asked.elapsed() > limit {
                    return Err(format!("{typed} not answered after {limit:?}"));
                }
            }
            let _ = write!(out, "{typed}\t{}", app.search.results.len());
            for h in &app.search.results {
                let _ = write!(out, "\t{}#{} {} {}", h.source, h.article_in_page, h.score, h.matched.field.name());
            }
            out.push('\n');
        }
        act(app, driver, Action::SearchEdit(Edit::Cancel));
    }
    Ok(out)
}
