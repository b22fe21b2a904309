//! The page cache: pages come back unchanged, a changed file or a new
//! loader parses again, a damaged or foreign cache file is set aside and
//! rebuilt, and two users of one cache do not corrupt it.

use lvread::cache::PageCache;
use lvread::cache::db::FileKey;
use lvread::model::Page;
use std::path::{Path, PathBuf};

const V1: &str = "loader-1";

fn page_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write a page file");
    p
}

fn parse(path: &Path) -> Vec<Page> {
    lvread::archive::load_file(path).expect("the page loads")
}

fn cache_page(cache: &PageCache, path: &Path) -> Option<Vec<Page>> {
    cache.get(&FileKey::of(path)?, path)
}

fn store(cache: &PageCache, path: &Path) -> Vec<Page> {
    let pages = parse(path);
    cache.put(FileKey::of(path).expect("the file exists"), &pages);
    cache.flush();
    pages
}

#[test]
fn a_stored_page_comes_back_until_its_file_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache/pages.sqlite");
    let file = page_file(
        dir.path(),
        "2023-11-04_p01.txt",
        "吕梁日报\n\n老旧小区改造有序推进\n\n本报讯 今年以来，我市老旧小区改造工作有序推进。\n",
    );
    let page = {
        let cache = PageCache::open(&db, V1).unwrap();
        assert!(cache_page(&cache, &file).is_none(), "nothing cached yet");
        store(&cache, &file)
    };
    let cache = PageCache::open(&db, V1).unwrap();
    assert_eq!(cache_page(&cache, &file), Some(page), "a second start reads the page back");
    assert_eq!(cache.len(), 1);
    // The file changes (other size): the cached page is not used.
    std::fs::write(&file, "吕梁日报\n\n新的标题\n\n本报讯 完全不同的内容，长度也不一样了。\n").unwrap();
    assert!(cache_page(&cache, &file).is_none(), "a changed file is parsed again");
    let fresh = store(&cache, &file);
    assert!(fresh[0].articles.iter().any(|a| a.paragraphs.iter().any(|p| p.contains("完全不同"))));
    assert_eq!(cache_page(&cache, &file), Some(fresh));
    assert_eq!(cache.len(), 1, "the new page replaced the old one");
}

#[test]
fn a_page_not_yet_written_comes_back_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache/pages.sqlite");
    let file = page_file(dir.path(), "2023-11-04_p01.txt", "吕梁日报\n\n标题在此\n\n本报讯 这一版的正文在这里。\n");
    let cache = PageCache::open(&db, V1).unwrap();
    let pages = parse(&file);
    // (Fewer rows than a batch: the row waits to be written.)
    cache.put(FileKey::of(&file).unwrap(), &pages);
    assert_eq!(cache_page(&cache, &file), Some(pages.clone()), "read back before it is written");
    let other = PageCache::open(&db, V1).unwrap();
    assert!(cache_page(&other, &file).is_none(), "not in the database yet");
    cache.flush();
    assert_eq!(cache_page(&other, &file), Some(pages), "written by the flush");
}

#[test]
fn a_new_loader_parses_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pages.sqlite");
    let file = page_file(dir.path(), "p01.txt", "标题\n\n正文第一段。\n");
    store(&PageCache::open(&db, V1).unwrap(), &file);
    assert!(cache_page(&PageCache::open(&db, V1).unwrap(), &file).is_some());
    assert!(cache_page(&PageCache::open(&db, "loader-2").unwrap(), &file).is_none());
}

fn bad_files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("the folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".bad"))
        .collect();
    v.sort();
    v
}

#[test]
fn a_file_that_is_not_a_cache_is_set_aside_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pages.sqlite");
    let file = page_file(dir.path(), "p01.txt", "标题\n\n正文第一段。\n");
    std::fs::write(&db, "this is not a database at all, just some text that was here before".repeat(50)).unwrap();
    let cache = PageCache::open(&db, V1).unwrap();
    let notice = cache.take_notice().expect("the user is told");
    assert!(notice.contains("set aside"), "{notice}");
    assert_eq!(bad_files(dir.path()), ["pages.sqlite.bad"]);
    assert!(std::fs::read_to_string(dir.path().join("pages.sqlite.bad")).unwrap().starts_with("this is not"));
    store(&cache, &file);
    assert!(cache_page(&cache, &file).is_some(), "the new cache works");

    // Another program's SQLite database is not ours either.
    drop(cache);
    let other = dir.path().join("other.sqlite");
    make_foreign(&other);
    let cache = PageCache::open(&other, V1).unwrap();
    assert!(cache.take_notice().is_some());
    assert!(dir.path().join("other.sqlite.bad").exists());
}

/// An SQLite database of another program: a cache file whose header says
/// another application (bytes 68..72: the application id).
fn make_foreign(path: &Path) {
    let c = PageCache::open(path, V1).expect("a new cache");
    drop(c);
    let mut bytes = std::fs::read(path).expect("the cache file");
    bytes[68..72].copy_from_slice(&0x1234_5678u32.to_be_bytes());
    std::fs::write(path, bytes).expect("rewrite the cache file");
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

#[test]
fn a_cache_cut_short_is_set_aside_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pages.sqlite");
    let mut files = Vec::new();
    {
        let cache = PageCache::open(&db, V1).unwrap();
        for i in 0..40 {
            let text =
                format!("第{i}版标题\n\n{}\n", "本报讯 这是一段足够长的正文，用来让缓存文件有很多页。".repeat(40));
            let f = page_file(dir.path(), &format!("p{i:02}.txt"), &text);
            store(&cache, &f);
            files.push(f);
        }
    }
    // Fold the log into the main file, then cut the file in half.
    {
        let cache = PageCache::open(&db, V1).unwrap();
        assert!(cache_page(&cache, &files[0]).is_some());
    }
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let len = std::fs::metadata(&db).unwrap().len();
    assert!(len > 8192, "the cache has several pages ({len} bytes)");
    let f = std::fs::OpenOptions::new().write(true).open(&db).unwrap();
    f.set_len(len / 2).unwrap();
    drop(f);
    let cache = PageCache::open(&db, V1).unwrap();
    let found = files.iter().filter(|f| cache_page(&cache, f).is_some()).count();
    assert_eq!(found, 0, "nothing is trusted from a damaged cache");
    assert!(cache.take_notice().is_some_and(|n| n.contains("set aside")));
    assert_eq!(bad_files(dir.path()), ["pages.sqlite.bad"]);
    store(&cache, &files[1]);
    assert!(cache_page(&cache, &files[1]).is_some(), "the rebuilt cache works");
}

#[test]
fn two_users_of_one_cache_do_not_corrupt_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pages.sqlite");
    let files: Vec<PathBuf> = (0..150)
        .map(|i| page_file(dir.path(), &format!("p{i:03}.txt"), &format!("标题{i}\n\n本报讯 第{i}篇文章的正文。\n")))
        .collect();
    let pages: Vec<Vec<Page>> = files.iter().map(|f| parse(f)).collect();
    std::thread::scope(|s| {
        for t in 0..2 {
            let (db, files, pages) = (&db, &files, &pages);
            s.spawn(move || {
                let cache = PageCache::open(db, V1).unwrap();
                // Each writes every page (the same ones, in opposite orders) and reads them back.
                let order: Vec<usize> = if t == 0 { (0..150).collect() } else { (0..150).rev().collect() };
                for &i in &order {
                    cache.put(FileKey::of(&files[i]).unwrap(), &pages[i]);
                    let _ = cache_page(&cache, &files[(i * 7) % 150]);
                }
                cache.flush();
                assert!(cache.take_notice().is_none(), "no error in thread {t}");
            });
        }
    });
    let cache = PageCache::open(&db, V1).unwrap();
    assert!(cache.take_notice().is_none());
    assert_eq!(cache.len(), 150);
    for (f, p) in files.iter().zip(&pages) {
        assert_eq!(cache_page(&cache, f).as_ref(), Some(p));
    }
}

#[test]
fn pages_of_deleted_files_are_forgotten() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db/pages.sqlite");
    let arch = dir.path().join("arch");
    std::fs::create_dir_all(&arch).unwrap();
    let a = page_file(&arch, "a.txt", "甲\n\n正文。\n");
    let b = page_file(&arch, "b.txt", "乙\n\n正文。\n");
    let cache = PageCache::open(&db, V1).unwrap();
    store(&cache, &a);
    store(&cache, &b);
    std::fs::remove_file(&b).unwrap();
    assert_eq!(cache.prune(&[std::fs::canonicalize(&arch).unwrap()]), 1);
    assert_eq!(cache.len(), 1);
    assert!(cache_page(&cache, &a).is_some());
}

#[test]
fn files_just_loaded_are_taken_as_there_when_pruning() {
    // A second start loads every file a moment before pruning: those are
    // not looked at again (here both files are gone, but only the one not
    // noted as loaded is forgotten), and the notes last one prune.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db/pages.sqlite");
    let arch = dir.path().join("arch");
    std::fs::create_dir_all(&arch).unwrap();
    let a = page_file(&arch, "a.txt", "甲\n\n正文。\n");
    let b = page_file(&arch, "b.txt", "乙\n\n正文。\n");
    let cache = PageCache::open(&db, V1).unwrap();
    store(&cache, &a);
    store(&cache, &b);
    cache.note_loaded(FileKey::of(&a).expect("a is there").path_bytes());
    std::fs::remove_file(&a).unwrap();
    std::fs::remove_file(&b).unwrap();
    let roots = [std::fs::canonicalize(&arch).unwrap()];
    assert_eq!(cache.prune(&roots), 1);
    assert_eq!(cache.len(), 1);
    assert_eq!(cache.prune(&roots), 1, "a looked at this time: gone");
    assert_eq!(cache.len(), 0);
}
