//! The search index's part of each page is stored in the page cache with
//! the page, and each group's part whole: a second start reads them back
//! instead of computing them, a damaged or stale part is never trusted, and
//! a changed file gets a new part (and is found by its new text).

use lvread::cache::db::FileKey;
use lvread::cache::{self, PageCache};
use lvread::search::stored::{FORMAT, PageKeys};
use lvread::search::stored_part;
use lvread::search::{Cache, Index, Query, words};
use std::path::{Path, PathBuf};
use stored_parts::{index_of, part_id};

#[path = "common/stored_parts.rs"]
mod stored_parts;

fn finds(index: &Index, q: &str) -> Vec<String> {
    let r = index.search(&Query::new(q), 20, &mut Cache::default(), &|| false).unwrap_or_default();
    r.hits.into_iter().map(|h| h.source).collect()
}

fn stored(cache: &PageCache, file: &Path) -> Option<Vec<u8>> {
    cache.get_search(&FileKey::of(file)?, 1, FORMAT)
}

#[test]
fn each_pages_index_part_is_kept_in_the_cache_and_never_trusted_blindly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache").join(cache::CACHE_FILE);
    assert!(cache::init_at(Some(&db)).is_none(), "the cache opens");
    let files: Vec<PathBuf> = lvread::loader::BUNDLED
        .iter()
        .take(3)
        .enumerate()
        .map(|(k, (_, text))| {
            let f = dir.path().join(format!("2023-11-0{}_p01.txt", k + 1));
            std::fs::write(&f, text).unwrap();
            f
        })
        .collect();
    let first = index_of(&files);
    let other = PageCache::open(&db, cache::LOADER_VERSION).unwrap();
    // Every page's part is stored, and is what the page gives.
    let t = lvread::search::pinyin::table();
    for f in &files {
        let bytes = stored(&other, f).expect("the page's index part is stored");
        let page = &lvread::archive::load_paths(std::slice::from_ref(f)).pages[0];
        assert_eq!(PageKeys::decode(&bytes, page, u32::MAX), Some(PageKeys::of(t, words::jieba(), page)));
    }
    // A second start (parts read back) finds what the first found.
    let second = index_of(&files);
    let title = first.article(0).title.clone();
    assert!(!finds(&first, &title).is_empty());
    assert_eq!(finds(&second, &title), finds(&first, &title));

    // The group's part is stored whole too, and the second start read it
    // back in one piece.
    let (id, pages) = part_id(&files);
    let whole = other.get_part(&id.grp, &id.pages, stored_part::FORMAT).expect("the group's part is stored whole");
    assert!(second.parts().iter().all(|p| p.is_stored()), "read back whole");

    // A damaged part (and a damaged page's part under it) is not trusted:
    // computed again and stored anew.
    other.put_part(&id.grp, &id.pages, stored_part::FORMAT, &whole[..whole.len() / 2]);
    let key = FileKey::of(&files[0]).unwrap();
    other.put_search(key, 1, FORMAT, vec![0xFF; 7]);
    other.flush();
    let third = index_of(&files);
    for q in [title.as_str(), "lvliang", "老旧小区"] {
        assert_eq!(finds(&third, q), finds(&first, q), "{q}");
    }
    let page = &lvread::archive::load_paths(&files[..1]).pages[0];
    let bytes = stored(&other, &files[0]).expect("stored again");
    assert!(PageKeys::decode(&bytes, page, u32::MAX).is_some(), "the damaged part was replaced");
    let again = other.get_part(&id.grp, &id.pages, stored_part::FORMAT).expect("the group's part is stored again");
    let shared = lvread::cache::mapped::SharedBytes::copy_of;
    assert!(stored_part::decode(&shared(&again), &pages, u32::MAX).is_some(), "whole again, and it fits the pages");
    assert!(
        stored_part::decode(&shared(&whole[..whole.len() / 2]), &pages, u32::MAX).is_none(),
        "unlike the damaged one"
    );

    // A changed file: its old part is not used; the new text is found.
    std::fs::write(&files[1], "吕梁日报\n\n碛口古镇迎来游客高峰\n\n本报讯 国庆假期，碛口古镇迎来游客高峰。\n").unwrap();
    assert!(stored(&other, &files[1]).is_none(), "the part of the old file does not apply");
    let fourth = index_of(&files);
    let hits = finds(&fourth, "碛口古镇");
    assert!(hits.iter().any(|s| s == "2023-11-02_p01.txt"), "{hits:?}");
    assert!(stored(&other, &files[1]).is_some(), "and the new part is stored");
    let (changed, _) = part_id(&files);
    assert_ne!(changed.pages, id.pages, "the group's pages are not the same any more");
    assert!(other.get_part(&changed.grp, &changed.pages, stored_part::FORMAT).is_some(), "its new part is stored");
    assert!(other.get_part(&id.grp, &id.pages, stored_part::FORMAT).is_none(), "in place of the old one");
}
