//! An archive folder made of the bundled pages, and the reader's background
//! loading of it: shared by the tests of the page cache's second start.

use lvread::archive::{LoadEvent, load_in_background};
use lvread::model::Page;
use std::path::{Path, PathBuf};

/// The bundled pages written as files of `dir`, one a day (one quarter).
pub fn archive(dir: &Path) -> Vec<PathBuf> {
    lvread::loader::BUNDLED
        .iter()
        .enumerate()
        .map(|(k, (_, text))| {
            let f = dir.join(format!("2023-11-0{}_p01.txt", k + 1));
            std::fs::write(&f, text).expect("write a page");
            f
        })
        .collect()
}

/// Every page the reader's background loading gives for `dir` (headlines
/// from the cache when it has them), in file order.
pub fn load(dir: &Path) -> Vec<Page> {
    let mut pages = Vec::new();
    for ev in load_in_background(vec![dir.to_path_buf()]) {
        if let LoadEvent::File { result, .. } = ev {
            pages.extend(result.expect("the page loads"));
        }
    }
    pages.sort_by(|a, b| a.source.cmp(&b.source));
    pages
}
