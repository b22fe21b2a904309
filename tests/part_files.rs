//! The index parts stored whole live in files of their own beside the page
//! cache's database (`pages.sqlite.parts/`), mapped and used where they lie
//! on a second start. A file that is damaged, cut short, foreign, stale
//! (not the write its row points to) or missing is never used: the group
//! is indexed from its pages' keys and its part written anew; a file
//! replaced while another reader (another process) holds it mapped leaves
//! that reader's index as it was.

use lvread::cache::{self, PageCache};
use lvread::model::Page;
use lvread::search::stored_part::{self, PartId};
use lvread::search::{Cache, Index, Query};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use stored_parts::{index_of, part_id};

#[path = "common/stored_parts.rs"]
mod stored_parts;

fn finds(index: &Index, q: &str) -> Vec<String> {
    let r = index.search(&Query::new(q), 20, &mut Cache::default(), &|| false).unwrap_or_default();
    r.hits.into_iter().map(|h| format!("{} {}", h.source, h.title)).collect()
}

/// Three bundled pages of one quarter written as files in `dir`.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    lvread::loader::BUNDLED
        .iter()
        .take(3)
        .enumerate()
        .map(|(k, (_, text))| {
            let f = dir.join(format!("2023-11-0{}_p01.txt", k + 1));
            std::fs::write(&f, text).expect("a page written");
            f
        })
        .collect()
}

const QUERIES: &[&str] = &["lvliang", "老旧小区", "2023", "ly"];

/// Three bundled pages written in `dir`, indexed a first time (filling the
/// page cache and storing their group's part): the files, and what each of
/// [`QUERIES`] finds.
fn first_index(dir: &Path) -> (Vec<PathBuf>, Vec<Vec<String>>) {
    let files = files_in(dir);
    let first = index_of(&files);
    (files, QUERIES.iter().map(|q| finds(&first, q)).collect())
}

/// The page cache is one per process (`cache::init_at`): the tests share
/// it (each its own folder of files) and take turns.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The process's page cache, in a folder of its own: its database's path.
fn shared_db() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let dir = DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder"));
    let db = dir.path().join("cache").join(cache::CACHE_FILE);
    assert!(cache::init_at(Some(&db)).is_none(), "the cache opens");
    cache::shared().expect("on").path()
}

/// True when the group's part reads back whole and fits `pages`.
fn usable(cache: &PageCache, id: &PartId, pages: &[Arc<Page>]) -> bool {
    cache.read_part(&id.grp, &id.pages, stored_part::FORMAT, |b| stored_part::decode(b, pages, u32::MAX)).is_some()
}

#[test]
fn a_part_file_damaged_cut_short_foreign_stale_or_missing_is_never_used() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let db = shared_db();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (files, expected) = first_index(dir.path());
    assert!(expected.iter().all(|h| !h.is_empty()), "every query finds something");
    let other = PageCache::open(db, cache::LOADER_VERSION).expect("opens");
    let (id, pages) = part_id(&files);
    let file = other.part_file(&id.grp);
    assert!(file.starts_with(other.parts_dir()), "beside the database");
    let whole = std::fs::read(&file).expect("the group's part has a file");
    let part = other.get_part(&id.grp, &id.pages, stored_part::FORMAT).expect("and reads back");
    assert!(whole.ends_with(&part), "the file holds the part after its header");

    // A second start uses it.
    let second = index_of(&files);
    assert!(second.parts().iter().all(|p| p.is_stored()), "read back whole");
    for (q, hits) in QUERIES.iter().zip(&expected) {
        assert_eq!(&finds(&second, q), hits, "{q}");
    }

    // Each kind of damage: the part is not used (the group is indexed from
    // its pages' keys, finding the same), and a whole file is written again.
    let foreign = {
        let mut f = b"LVPF".to_vec();
        f.resize(whole.len(), 0x5A);
        f
    };
    let mut flipped = whole.clone();
    let mid = whole.len() - part.len() / 2;
    flipped[mid] ^= 0x10;
    let mut header = whole.clone();
    header[9] ^= 1;
    let damages: Vec<(&str, Option<Vec<u8>>)> = vec![
        ("a byte of the part changed", Some(flipped)),
        ("cut short", Some(whole[..whole.len() - 100].to_vec())),
        ("one byte too many", Some([&whole[..], &[0]].concat())),
        ("another program's file", Some(foreign)),
        ("another write's header (stale)", Some(header)),
        ("an empty file", Some(Vec::new())),
        ("missing", None),
    ];
    for (what, bytes) in damages {
        match &bytes {
            Some(b) => std::fs::write(&file, b).expect("written"),
            None => std::fs::remove_file(&file).expect("removed"),
        }
        assert!(!usable(&other, &id, &pages), "{what}: not used");
        let again = index_of(&files);
        for (q, hits) in QUERIES.iter().zip(&expected) {
            assert_eq!(&finds(&again, q), hits, "{what}: {q}");
        }
        assert!(usable(&other, &id, &pages), "{what}: written again whole");
        let third = index_of(&files);
        assert!(third.parts().iter().all(|p| p.is_stored()), "{what}: and used next time");
    }

    // The row of an older write: a file left from before (another
    // process's, or put back) is not the row's and is not used.
    let older = std::fs::read(&file).expect("read");
    other.put_part(&id.grp, &id.pages, stored_part::FORMAT, &part);
    assert!(usable(&other, &id, &pages));
    std::fs::write(&file, &older).expect("written");
    assert!(
        !usable(&other, &id, &pages) && other.get_part(&id.grp, &id.pages, stored_part::FORMAT).is_none(),
        "a file of another write"
    );
    let names: Vec<_> =
        std::fs::read_dir(other.parts_dir()).expect("listed").flatten().map(|e| e.file_name()).collect();
    // (The folder is shared with the other test here, which may have run
    // first: its group has a file too.)
    let ours = file.file_name().expect("a file name");
    assert!(names.iter().any(|n| n == ours), "the group's file is there: {names:?}");
    assert!(names.iter().all(|n| !n.to_string_lossy().contains(".tmp.")), "no temporary file left: {names:?}");

    // A file a process left half written (it ended before renaming it into
    // place) is removed once old; one being written now is left alone.
    let left = other.parts_dir().join("0123456789abcdef.part.tmp.1.0");
    let now = other.parts_dir().join("0123456789abcdef.part.tmp.2.0");
    for f in [&left, &now] {
        std::fs::write(f, b"LVPF half").expect("written");
    }
    let hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 3600);
    std::fs::File::options().write(true).open(&left).and_then(|f| f.set_modified(hours_ago)).expect("dated");
    drop(PageCache::open(db, cache::LOADER_VERSION).expect("opens"));
    assert!(!left.exists() && now.exists(), "the old one swept, the new one kept");
    let _ = std::fs::remove_file(&now);
}

#[test]
fn a_part_replaced_while_another_reader_holds_it_leaves_that_reader_as_it_was() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let db = shared_db();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (files, expected) = first_index(dir.path());
    // A reader holding the mapped part (the index of a second start).
    let held = index_of(&files);
    assert!(held.parts().iter().all(|p| p.is_stored()), "read back whole");
    // Another process (its own connection) writes the group's part over and
    // over, whole and damaged, while this one reads it: each read is the
    // part whole or nothing, and the index held reads as it did.
    let (id, pages) = part_id(&files);
    let other = Arc::new(PageCache::open(db, cache::LOADER_VERSION).expect("opens"));
    let part = other.get_part(&id.grp, &id.pages, stored_part::FORMAT).expect("stored");
    let writer = {
        let (other, id, part) = (other.clone(), id.clone(), part.clone());
        std::thread::spawn(move || {
            for k in 0..40 {
                let bytes = if k % 3 == 2 { &part[..part.len() / 2] } else { &part[..] };
                other.put_part(&id.grp, &id.pages, stored_part::FORMAT, bytes);
            }
        })
    };
    let reader = PageCache::open(db, cache::LOADER_VERSION).expect("opens");
    let (mut whole, mut halves) = (0, 0);
    while !writer.is_finished() {
        if let Some(b) = reader.get_part(&id.grp, &id.pages, stored_part::FORMAT) {
            match b == part {
                true => whole += 1,
                false => {
                    assert_eq!(b, part[..part.len() / 2], "a part as some write wrote it");
                    halves += 1;
                }
            }
        }
        for (q, hits) in QUERIES.iter().zip(&expected) {
            assert_eq!(&finds(&held, q), hits, "{q}: the index held reads as it did");
        }
    }
    writer.join().expect("the writer ends");
    eprintln!("reads while written: {whole} whole, {halves} cut (as written)");
    let shared = lvread::cache::mapped::SharedBytes::copy_of(&part);
    assert!(stored_part::decode(&shared, &pages, u32::MAX).is_some());
    // The last write was whole (k = 39): a new start uses it.
    let last = index_of(&files);
    assert!(last.parts().iter().all(|p| p.is_stored()));
    for (q, hits) in QUERIES.iter().zip(&expected) {
        assert_eq!(&finds(&last, q), hits, "{q}");
    }
}
