//! The hits of every keystroke of `archive_bench`'s query list on a second
//! start of the reader over an archive it wrote (the reader's own pieces,
//! as the benchmark runs them), one line per keystroke: the prefix typed,
//! then each hit as `source#article score field`. Two builds' outputs are
//! compared to check that a change to the search left its hits alone.
//!
//! ```sh
//! cargo run --release --example keystroke_hits -- target/archive-bench/30000-2023 > hits.txt
//! ```

#[path = "common/measure.rs"]
mod measure;
use lvread::ui::search_driver::SearchDriver;
use lvread::ui::session::Session;
use lvread::ui::update::update;
use lvread::ui::{Action, App};
use lvread::{cache, search};
use measure::KEYSTROKE_QUERIES as QUERIES;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

fn act(app: &mut App, driver: &mut SearchDriver, action: Action) {
    for effect in update(app, action) {
        if let lvread::ui::effect::Effect::Search(q) = effect {
            driver.dispatch(app, q);
        }
    }
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("keystroke_hits: name the archive's folder (as archive_bench wrote it)");
        std::process::exit(2);
    };
    let dir = Path::new(&dir);
    lvread::memory::limit_malloc_arenas();
    let _ = cache::init_at(Some(&dir.join("cache").join(cache::CACHE_FILE)));
    let mut app = App::new(Vec::new(), (120, 40));
    let mut session = Session::new(lvread::store::Store::open_default(true));
    session.load_in_background(vec![dir.join("files")]);
    let mut driver = SearchDriver::new();
    loop {
        session.tick(&mut app, Instant::now());
        driver.set_loading(session.is_loading());
        driver.refresh(&mut app);
        if !session.is_loading() && driver.ready() && !driver.indexing() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    // Word boundaries and the mended headlines count in the ranking.
    let _ = search::words::jieba();
    while session.mending_titles(&app) {
        session.tick(&mut app, Instant::now());
        std::thread::sleep(Duration::from_millis(5));
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for q in QUERIES {
        act(&mut app, &mut driver, Action::Search);
        let mut typed = String::new();
        for c in q.chars() {
            typed.push(c);
            act(&mut app, &mut driver, Action::SearchEdit(lvread::action::Edit::Insert(c)));
            while app.search.results_for != typed {
                driver.wait(&mut app, Duration::from_millis(100));
            }
            let _ = write!(out, "{typed}\t{}", app.search.results.len());
            for h in &app.search.results {
                let _ = write!(out, "\t{}#{} {} {}", h.source, h.article_in_page, h.score, h.matched.field.name());
            }
            let _ = writeln!(out);
        }
        act(&mut app, &mut driver, Action::SearchEdit(lvread::action::Edit::Cancel));
    }
}
