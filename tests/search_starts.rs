//! The same archive gives the same hits for the same query on a first
//! start (empty page cache), a second start (the index read back from the
//! cache), and a start whose stored keys are computed again (as after a
//! change of their format), each a fresh process running the reader's own
//! pieces (App, Session, SearchDriver) the way `keystroke_hits` does.
//!
//! What used to differ: the reader mends made-up headlines cut inside a
//! word once the word segmenter is in, and a start that computes keys
//! loads the segmenter while pages are still arriving, so its index was
//! built (and its keys stored) partly from mended headlines, while a second
//! start indexes the loader's headlines before the segmenter loads.

#[path = "../examples/common/keystrokes.rs"]
mod keystrokes;
#[path = "../examples/common/measure.rs"]
mod measure;

use std::path::{Path, PathBuf};
use std::time::Duration;

/// Set in a child process: the archive's folder (a start runs there).
const START_ENV: &str = "LVREAD_TEST_START";
/// Set in a child process: the queries, one a line.
const QUERIES_ENV: &str = "LVREAD_TEST_QUERIES";

/// Pages of the archive: enough that loading outlasts the segmenter's (in
/// a debug build; the test checks it there) and more than [`MEND_AT_ONCE`].
const PAGES: usize = 500;

/// Made-up headlines are mended on the reader's thread up to this many
/// pages (`App::set_mend_at_once_pages`), on a thread of their own for more,
/// as in an archive of more than `MEND_AT_ONCE_PAGES`.
const MEND_AT_ONCE: usize = 200;

/// Marks the line a child prints when the segmenter came in while pages
/// were still arriving.
const SEGMENTER_EARLY: &str = "segmenter in while loading";

/// One start of the reader over `dir/files` with its cache in `dir/cache`:
/// every query typed one character at a time, the hits of each keystroke.
/// The second value: the segmenter was in while pages were still arriving.
fn start(dir: &Path, queries: &[String]) -> (String, bool) {
    let mut started =
        keystrokes::start_mending(dir, Duration::from_secs(600), Some(MEND_AT_ONCE)).expect("the archive loads");
    let early = started.segmenter_while_loading;
    let out = keystrokes::hits(&mut started, queries, Duration::from_secs(60)).expect("every keystroke is answered");
    lvread::cache::flush_shared();
    (out, early)
}

/// Run by the test below in a process of its own (does nothing otherwise):
/// one start, its hits on stdout between markers.
#[test]
fn one_start_of_the_reader() {
    let Some(dir) = std::env::var_os(START_ENV) else { return };
    let queries: Vec<String> = std::env::var(QUERIES_ENV).unwrap_or_default().lines().map(str::to_string).collect();
    let (hits, early) = start(Path::new(&dir), &queries);
    if early {
        println!("{SEGMENTER_EARLY}");
    }
    println!("<<<HITS\n{hits}HITS>>>");
}

/// A start in a fresh process (the segmenter, the cache and the page text
/// kept are the process's own, as in the reader); the second value as for
/// [`start`].
fn start_in_child(dir: &Path, queries: &[String]) -> (String, bool) {
    let out = std::process::Command::new(std::env::current_exe().expect("the test binary"))
        .args(["--exact", "one_start_of_the_reader", "--nocapture", "--test-threads", "1"])
        .env(START_ENV, dir)
        .env(QUERIES_ENV, queries.join("\n"))
        .output()
        .expect("the test binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "the start failed: {stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let hits = stdout.split("<<<HITS\n").nth(1).and_then(|s| s.split("HITS>>>").next());
    (hits.expect("the start printed its hits").to_string(), stdout.contains(SEGMENTER_EARLY))
}

/// Queries aimed at the made-up headlines the reader mends: the end of the
/// loader's headline (what mending cuts off), in Hanzi, in pinyin and as
/// initials, and the whole headline.
fn mended_queries(files: &Path) -> Vec<String> {
    let loaded = lvread::archive::load_paths(&[files.to_path_buf()]);
    let jieba = lvread::search::words::jieba();
    let t = lvread::search::pinyin::table();
    let mut out = Vec::new();
    for page in &loaded.pages {
        for (k, a) in page.articles.iter().enumerate() {
            if out.len() >= 16 || lvread::ui::titles::mended(a, page.after_cut_title(k), jieba).is_none() {
                continue;
            }
            let head: Vec<char> = a.title.trim_end_matches(lvread::model::TITLE_CUT).chars().collect();
            let end: Vec<char> = head[head.len().saturating_sub(4)..].to_vec();
            if end.len() < 4 || end.iter().any(|&c| t.readings(c).is_empty()) {
                continue;
            }
            let syllables: Vec<&str> = end.iter().map(|&c| t.syllable(t.readings(c)[0])).collect();
            out.push(end.iter().collect());
            out.push(syllables.concat());
            out.push(syllables.iter().filter_map(|s| s.get(..1)).collect());
            out.push(head.iter().collect());
        }
    }
    out
}

/// Forgets every page's stored keys and every stored index part, as a new
/// format of the keys does: the next start computes them again.
fn forget_keys(dir: &Path) {
    let db = rusqlite::Connection::open(dir.join("cache").join(lvread::cache::CACHE_FILE)).expect("the cache opens");
    db.execute_batch("DELETE FROM search; DELETE FROM parts;").expect("keys forgotten");
}

#[test]
fn the_same_archive_gives_the_same_hits_on_every_start() {
    if std::env::var_os(START_ENV).is_some() {
        return;
    }
    let dir = tempfile::tempdir().expect("a folder");
    let files: PathBuf = dir.path().join("files");
    std::fs::create_dir_all(&files).expect("the archive's folder");
    for k in 0..PAGES {
        let (name, text) = lvread::synth::page(k, 2023);
        std::fs::write(files.join(name), text).expect("a page written");
    }
    let mut queries: Vec<String> = measure::KEYSTROKE_QUERIES.iter().map(|q| q.to_string()).collect();
    let mended = mended_queries(&files);
    assert!(mended.len() >= 16, "the archive has made-up headlines to mend: {mended:?}");
    queries.extend(mended);

    let (first, first_early) = start_in_child(dir.path(), &queries);
    assert!(first.lines().count() > 200 && first.contains(" title"), "{first}");
    let (second, _) = start_in_child(dir.path(), &queries);
    forget_keys(dir.path());
    let (recomputed, _) = start_in_child(dir.path(), &queries);
    let (after, _) = start_in_child(dir.path(), &queries);
    // What this test is about: a first start, which computes keys, has the
    // segmenter in while pages still arrive (a second start reads them back
    // and has not). An optimised build loads the pages too fast for that
    // (the test still compares the hits there).
    if cfg!(debug_assertions) {
        assert!(first_early, "loading did not outlast the segmenter's: more pages are needed");
    }
    let differ = |a: &str, b: &str| -> Vec<String> {
        a.lines().zip(b.lines()).filter(|(x, y)| x != y).map(|(x, _)| x.chars().take(160).collect()).collect()
    };
    for (what, hits) in [("second start", &second), ("keys computed again", &recomputed), ("the start after", &after)] {
        assert_eq!(hits.lines().count(), first.lines().count());
        let d = differ(&first, hits);
        assert!(d.is_empty(), "{what}: {} keystrokes give other hits than the first start: {d:#?}", d.len());
    }
}
