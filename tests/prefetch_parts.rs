//! A second start reads the index parts stored in the page cache while its
//! pages are still arriving (`search::prefetch`): a quarter whose pages are
//! all in is searchable from its stored part, a quarter caught half loaded
//! is left out until its pages are in (and searched once they are), and a
//! part read ahead that does not fit the pages as they are now (a file
//! changed, the bytes damaged) is never used.

#[path = "common/bundled_archive.rs"]
mod bundled_archive;

use bundled_archive::{archive, load};
use lvread::cache;
use lvread::model::{Issue, Page};
use lvread::search::{Cache, Index, Query, prefetch};
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

fn issues(pages: &[Page]) -> Arc<Vec<Issue>> {
    Arc::new(lvread::archive::group(pages.to_vec()))
}

fn update(issues: Arc<Vec<Issue>>, settled: bool) -> Index {
    Index::update(None, issues, &AtomicUsize::new(0), settled)
}

fn finds(index: &Index, q: &str) -> Vec<(String, String)> {
    let r = index.search(&Query::new(q), 50, &mut Cache::default(), &|| false).unwrap_or_default();
    r.hits.into_iter().map(|h| (h.source, h.title)).collect()
}

const QUERIES: &[&str] = &["吕梁", "lvliang", "孙大军", "2023", "ly"];

#[test]
fn parts_read_ahead_are_used_only_for_their_pages_complete_and_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let _ = cache::init_at(Some(&dir.path().join("cache").join(cache::CACHE_FILE)));
    let files_dir = dir.path().join("files");
    std::fs::create_dir_all(&files_dir).unwrap();
    let files = archive(&files_dir);

    // First start: every page parsed, the index built and its part stored.
    let first = load(&files_dir);
    let fresh = update(issues(&first), true);
    assert!(fresh.parts().iter().all(|p| p.is_stored()), "the part is stored");
    let expected: Vec<_> = QUERIES.iter().map(|q| finds(&fresh, q)).collect();
    assert!(expected.iter().all(|h| !h.is_empty()), "every query finds something");

    // Second start: the part is read ahead while the pages arrive.
    prefetch::start(std::slice::from_ref(&files_dir));
    let second = load(&files_dir);
    assert!(second.iter().all(Page::is_headlines_only), "pages from the headline table");
    let half = &second[..second.len() / 2];
    let early = update(issues(half), false);
    assert_eq!(early.len(), 0, "a quarter caught half loaded is left out while pages load");
    assert!(finds(&early, "2023").is_empty());
    let whole = update(issues(&second), false);
    assert!(whole.parts().iter().all(|p| p.is_stored()), "the quarter complete comes from its stored part");
    for (q, hits) in QUERIES.iter().zip(&expected) {
        assert_eq!(&finds(&whole, q), hits, "{q}: the part read ahead finds what a fresh index finds");
    }
    let done = update(issues(&second), true);
    assert_eq!(done.len(), fresh.len());
    assert!(!prefetch::active(), "the prefetch ends with the settled index");

    // Loading over with half the pages (the others gone): they are indexed.
    prefetch::start(std::slice::from_ref(&files_dir));
    let settled = update(issues(half), true);
    let in_half: usize = half.iter().map(|p| p.articles.len()).sum();
    assert_eq!(settled.len(), in_half, "once loading is over every page is searched");

    // A file changed (now holding another page's text): the part read
    // ahead no longer fits and is not used; the file is searched as it is.
    let old = first[0]
        .articles
        .iter()
        .map(|a| a.title.clone())
        .find(|t| t.chars().count() >= 4 && first[1..].iter().all(|p| p.articles.iter().all(|b| &b.title != t)));
    let old = old.expect("a headline of the first page alone");
    let new = first[1].articles[0].title.clone();
    std::fs::write(&files[0], lvread::loader::BUNDLED[1].1).unwrap();
    prefetch::start(std::slice::from_ref(&files_dir));
    let changed = load(&files_dir);
    let index = update(issues(&changed), true);
    let source = &first[0].source;
    assert!(!finds(&index, &old).iter().any(|(s, t)| s == source && t == &old), "{old}: the old text is gone");
    assert!(finds(&index, &new).iter().any(|(s, _)| s == source), "{new}: the new text is found in {source}");
}
