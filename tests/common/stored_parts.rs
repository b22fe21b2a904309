//! An index built the reader's way over some page files, and the id of the
//! stored part of their group: shared by the tests of the stored index
//! parts (`search_cache.rs`, `part_files.rs`).

use lvread::cache::db::FileKey;
use lvread::model::Page;
use lvread::search::Index;
use lvread::search::index::groups;
use lvread::search::stored_part::PartId;
use std::path::PathBuf;
use std::sync::Arc;

/// The index of `files`, loaded and grouped as the reader does (through
/// the page cache when one is open).
pub fn index_of(files: &[PathBuf]) -> Index {
    let loaded = lvread::archive::load_paths(files);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    Index::build(Arc::new(lvread::archive::group(loaded.pages)))
}

/// The group of `files` (all of one quarter): its stored part's id and
/// its pages.
pub fn part_id(files: &[PathBuf]) -> (PartId, Vec<Arc<Page>>) {
    let issues = lvread::archive::group(lvread::archive::load_paths(files).pages);
    let pages: Vec<Arc<Page>> = issues.iter().flat_map(|i| i.pages.iter().cloned()).collect();
    let groups = groups(&pages);
    assert_eq!(groups.len(), 1, "one quarter");
    let keys: Vec<Option<FileKey>> = groups[0].pages.iter().map(|p| p.path.as_deref().and_then(FileKey::of)).collect();
    (PartId::of(&groups[0], &keys).expect("files have keys"), groups[0].pages.clone())
}
