//! Text on demand: a second start makes its pages from the page cache's
//! headline table (headlines only), and a first start hands on the pages it
//! parses the same way once their text is in the cache; an article's text
//! is read when it is opened or searched, and a stale entry is never
//! trusted: a changed file is loaded again, a row that went missing or is
//! damaged is parsed again, and a text that cannot be read any more says so.

#[path = "common/bundled_archive.rs"]
mod bundled_archive;

use bundled_archive::{archive, load};
use lvread::cache;
use lvread::model::{Issue, Page};
use lvread::page_text;
use lvread::search::{Cache, Index, Query};
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The process-wide cache, in a folder of its own (one per test process).
fn cache_dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder"));
    let _ = cache::init_at(Some(&dir.path().join(cache::CACHE_FILE)));
    dir.path()
}

/// The pages of `files` parsed whole (no cache), in the order of [`load`].
fn parsed(files: &[std::path::PathBuf]) -> Vec<Page> {
    let mut pages: Vec<Page> =
        files.iter().flat_map(|f| lvread::archive::parse_file(f).expect("the page parses")).collect();
    pages.sort_by(|a, b| a.source.cmp(&b.source));
    pages
}

fn texts(p: &Page) -> Vec<Vec<String>> {
    p.articles.iter().map(|a| a.paragraphs.clone()).collect()
}

#[test]
fn a_first_and_a_second_start_give_headlines_and_read_the_text_when_wanted() {
    cache_dir();
    let dir = tempfile::tempdir().unwrap();
    let first = parsed(&archive(dir.path()));
    let parsed_now = load(dir.path());
    assert_eq!(parsed_now.len(), first.len());
    // A first start parses every file and keeps only the headlines too:
    // the text is in the cache, not held twice.
    for (s, f) in parsed_now.iter().zip(&first) {
        assert!(s.is_headlines_only(), "{}: parsed, then held as headlines", s.source);
        assert!(s.articles.iter().all(|a| a.paragraphs.is_empty()), "no text held");
        assert_eq!(texts(&page_text::text(&Arc::new(s.clone()))), texts(f), "{}: the text comes back", s.source);
    }
    let second = load(dir.path());
    assert_eq!(second.len(), first.len());
    for (s, f) in second.iter().zip(&first) {
        assert!(s.is_headlines_only(), "{}: made from the headline table", s.source);
        let titles = |p: &Page| p.articles.iter().map(|a| (a.id.clone(), a.title.clone())).collect::<Vec<_>>();
        assert_eq!(titles(s), titles(f), "the lists see the same articles");
        assert!(s.articles.iter().all(|a| a.paragraphs.is_empty()), "no text held");
        let full = page_text::text(&Arc::new(s.clone()));
        assert_eq!(texts(&full), texts(f), "{}: the text read on demand is the page's", s.source);
        assert_eq!(full.fragments, f.fragments);
    }
    // The search finds a body's words through the text read on demand.
    let issues: Vec<Issue> = lvread::archive::group(second.clone());
    let word = first[0].articles.iter().flat_map(|a| a.paragraphs.iter()).find(|p| p.chars().count() > 30).unwrap();
    let needle: String = word.chars().skip(10).take(8).collect();
    let index = Index::build(Arc::new(issues));
    let hits = index.search(&Query::new(&needle), 20, &mut Cache::default(), &|| false).unwrap_or_default().hits;
    assert!(hits.iter().any(|h| h.source == first[0].source), "{needle} found in {}", first[0].source);
    assert!(hits.iter().any(|h| h.snippet.text.contains(&needle)), "the snippet comes from the text");
}

#[test]
fn the_reader_opens_an_article_of_a_page_holding_headlines_only() {
    cache_dir();
    let dir = tempfile::tempdir().unwrap();
    let whole = parsed(&archive(dir.path()));
    let shells = load(dir.path());
    assert!(shells.iter().all(Page::is_headlines_only));
    let app_whole = lvread::ui::app::App::new(lvread::archive::group(whole), (120, 40));
    let mut app = lvread::ui::app::App::new(Vec::new(), (120, 40));
    app.add_pages(shells);
    assert_eq!(app.issues.len(), app_whole.issues.len());
    for i in 0..app.issues.len() {
        let count = app.issues[i].article_count();
        assert_eq!(count, app_whole.issues[i].article_count(), "fragments make an article in both");
        for n in 0..count {
            let shown = page_text::article(&app.issues[i], n).expect("the article");
            let expected = page_text::article(&app_whole.issues[i], n).expect("the article");
            assert_eq!(shown.title, expected.title);
            assert_eq!(shown.paragraphs, expected.paragraphs, "issue {i} article {n}");
        }
    }
    app.nav.select(0, 0);
    app.sync();
    let a = app.current_text().expect("an article is open");
    assert!(!a.paragraphs.is_empty(), "opened with its text");
    assert!(app.layout_at(60).is_some_and(|l| l.lines.len() > 2), "laid out from its text");
}

/// Runs `sql` on the cache file with its own connection.
fn sql(sql: &str, file: &Path) {
    let conn = rusqlite::Connection::open(cache_dir().join(cache::CACHE_FILE)).expect("the cache opens");
    conn.busy_timeout(std::time::Duration::from_secs(10)).expect("a busy wait");
    let key = std::fs::canonicalize(file).expect("the file").into_os_string().into_encoded_bytes();
    conn.execute(sql, rusqlite::params![key]).expect("the statement runs");
}

#[test]
fn a_changed_file_is_loaded_again_and_its_headlines_replaced() {
    cache_dir();
    let dir = tempfile::tempdir().unwrap();
    let files = archive(dir.path());
    load(dir.path());
    assert!(load(dir.path()).iter().all(Page::is_headlines_only));
    std::fs::write(&files[1], "吕梁日报\n\n全新的标题出现了\n\n本报讯 这一版的内容已经完全改写，长度也不一样。\n")
        .unwrap();
    let third = load(dir.path());
    let changed = third.iter().find(|p| p.path.as_deref() == Some(files[1].as_path())).unwrap();
    assert!(changed.articles.iter().any(|a| a.title.contains("全新的标题")), "loaded again, not taken from the table");
    let full = page_text::text(&Arc::new(changed.clone()));
    assert!(full.articles.iter().any(|a| a.paragraphs.iter().any(|p| p.contains("完全改写"))));
    assert!(third.iter().all(Page::is_headlines_only), "the others stay; the changed one is held as headlines");
    // The folder's row now holds the new headlines.
    let fourth = load(dir.path());
    let changed = fourth.iter().find(|p| p.path.as_deref() == Some(files[1].as_path())).unwrap();
    assert!(changed.is_headlines_only());
    assert!(changed.articles.iter().any(|a| a.title.contains("全新的标题")), "{:?}", changed.articles);
    let full = page_text::text(&Arc::new(changed.clone()));
    assert!(full.articles.iter().any(|a| a.paragraphs.iter().any(|p| p.contains("完全改写"))));
}

#[test]
fn a_page_whose_row_went_missing_or_is_damaged_is_parsed_again() {
    cache_dir();
    let dir = tempfile::tempdir().unwrap();
    let files = archive(dir.path());
    let whole = parsed(&files);
    load(dir.path());
    let shells = load(dir.path());
    assert!(shells.iter().all(Page::is_headlines_only));
    sql("DELETE FROM pages WHERE path = ?1", &files[0]);
    sql("UPDATE pages SET page = x'ff00ff' WHERE path = ?1", &files[1]);
    page_text::forget_all();
    for k in 0..2 {
        let full = page_text::text(&Arc::new(shells[k].clone()));
        assert_eq!(texts(&full), texts(&whole[k]), "{}: parsed again", shells[k].source);
    }
    // Stored anew: the next start finds the row.
    let cache = cache::shared().unwrap();
    let key = lvread::cache::db::FileKey::of(&files[0]).unwrap();
    assert!(cache.get(&key, &files[0]).is_some(), "the row was written again");
    // The file changed after its headlines were read: the text says so.
    page_text::forget_all();
    std::fs::write(&files[2], "另一个文件\n\n完全不同的内容。\n").unwrap();
    sql("DELETE FROM pages WHERE path = ?1", &files[2]);
    let full = page_text::text(&Arc::new(shells[2].clone()));
    assert_eq!(full.articles.len(), shells[2].articles.len());
    let said = &full.articles[0].paragraphs;
    assert!(said.len() == 1 && said[0].contains("could not be read") && said[0].contains("changed"), "{said:?}");
}

#[test]
fn a_damaged_headline_row_is_not_used_and_a_gone_file_leaves_it() {
    cache_dir();
    let dir = tempfile::tempdir().unwrap();
    let files = archive(dir.path());
    load(dir.path());
    assert!(load(dir.path()).iter().all(Page::is_headlines_only));
    // The folder's row is damaged: every file loads the usual way, and the
    // row is written anew.
    let conn = rusqlite::Connection::open(cache_dir().join(cache::CACHE_FILE)).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(10)).unwrap();
    let folder = std::fs::canonicalize(dir.path()).unwrap().into_os_string().into_encoded_bytes();
    let n = conn.execute("UPDATE heads SET files = x'ffffff01' WHERE dir = ?1", rusqlite::params![folder]).unwrap();
    assert_eq!(n, 1, "the folder has its row");
    let pages = load(dir.path());
    assert_eq!(pages.len(), files.len());
    for (p, f) in pages.iter().zip(parsed(&files)) {
        assert_eq!(texts(&page_text::text(&Arc::new(p.clone()))), texts(&f), "{}: loaded whole again", p.source);
    }
    assert!(load(dir.path()).iter().all(Page::is_headlines_only), "the row was written anew");
    // A file goes away: the others still come from the row, which forgets it.
    std::fs::remove_file(&files[0]).unwrap();
    let pages = load(dir.path());
    assert_eq!(pages.len(), files.len() - 1);
    assert!(pages.iter().all(Page::is_headlines_only));
    let row: Vec<u8> =
        conn.query_row("SELECT files FROM heads WHERE dir = ?1", rusqlite::params![folder], |r| r.get(0)).unwrap();
    let names: Vec<Vec<u8>> = lvread::cache::heads::decode(&row).unwrap().into_iter().map(|e| e.name).collect();
    assert_eq!(names.len(), files.len() - 1, "the gone file left the row");
}
