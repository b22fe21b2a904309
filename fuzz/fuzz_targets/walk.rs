//! Builds a hostile folder tree from the input (links to `.`, `..` and each
//! other, links to devices and to nothing, FIFOs, pages of random bytes; see
//! `lvread::archive::fuzz_tree`) and walks and loads it as every command
//! does: it must end, list each file once and only regular pages, and load
//! or refuse every one with a word. A hang shows as a libFuzzer timeout.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else { return };
    lvread::archive::fuzz_tree::build(dir.path(), data);
    if let Err(e) = lvread::archive::fuzz_tree::check(dir.path()) {
        panic!("{e}");
    }
});
