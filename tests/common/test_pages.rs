//! The hand-written test pages in `tests/pages/`, loaded as a user's file
//! would be, and an article list as a reader sees it.

use lvread::loader;
use lvread::model::Page;

/// The page `tests/pages/NAME` through the loader (a failure to read it
/// fails the test with its message).
pub fn load(name: &str) -> Page {
    let path = format!("{}/tests/pages/{name}", env!("CARGO_MANIFEST_DIR"));
    loader::load_file(std::path::Path::new(&path)).unwrap_or_else(|e| panic!("{e}"))
}

/// The page's titles, an inferred one (no printed headline) marked `~`.
#[allow(dead_code)]
pub fn titles(p: &Page) -> Vec<String> {
    p.articles.iter().map(|a| if a.title_inferred { format!("~{}", a.title) } else { a.title.clone() }).collect()
}
