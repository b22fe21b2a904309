#![allow(clippy::unwrap_used)]
//! The folder walk over random hostile trees (links to `.`, the root and each
//! other, links to devices and to nothing, FIFOs, hidden and upper-case
//! names): it ends, lists each file once, lists only regular pages, and
//! every file loads or is refused with a word. The same trees as the fuzz
//! target `fuzz/fuzz_targets/walk.rs` (see `lvread::archive::fuzz_tree`).
#![cfg(unix)]

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn hostile_trees_are_walked_once_and_safely(data in proptest::collection::vec(any::<u8>(), 0..400)) {
        let dir = tempfile::tempdir().unwrap();
        lvread::archive::fuzz_tree::build(dir.path(), &data);
        if let Err(e) = lvread::archive::fuzz_tree::check(dir.path()) {
            prop_assert!(false, "{}", e);
        }
    }
}

#[test]
fn a_tree_of_self_links_and_devices_is_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    // A page, two links to the root, a link to /dev/zero named like a page,
    // a FIFO page, a folder with a link back up.
    let data = [
        1, 2, 0, 3, 0xE5, 0x90, 0x95, // p.txt: 吕
        3, 0, 0, // a -> .
        3, 1, 0, // b -> .
        6, 3, 0, // q.txt -> /dev/zero
        7, 4, 0, // R.TXT: a FIFO
        0, 6, 0, // sub/
        4, 7, 3, // sub/x -> the root
    ];
    lvread::archive::fuzz_tree::build(dir.path(), &data);
    lvread::archive::fuzz_tree::check(dir.path()).unwrap();
    let (files, errors) = lvread::archive::collect_files(&[dir.path().to_path_buf()]);
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(errors.len() >= 2, "the device link and the FIFO are reported: {errors:?}");
}
