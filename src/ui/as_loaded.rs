//! The pages as they were loaded, for the search index.
//!
//! The reader changes some pages after they are loaded: it mends made-up
//! headlines cut inside a word ([`super::titles`]) once the word segmenter
//! is in. When that happens is a matter of timing — before the pages are
//! indexed at a first start (computing their keys loads the segmenter), or
//! long after at a second start (the keys come from the page cache) — while
//! the index, and the keys the page cache keeps for it, must say the same
//! thing at every start: the index searches the headline the loader made
//! (the result list shows the reader's, see `search_view`). So the index
//! is handed each page as loaded ([`AsLoaded::issues`]), whatever the
//! reader did to its own copy since: the same archive gives the same hits
//! on a first start, a second, and a start whose stored keys are computed
//! again.

use crate::model::{Issue, Page};
use std::collections::HashMap;
use std::sync::Arc;

/// The reader's changed pages and each one as loaded.
#[derive(Debug, Default)]
pub struct AsLoaded {
    /// By the address of the page the reader holds: (that page, the page
    /// as loaded). The reader's page is held too, so that no other page
    /// takes its address while it is listed.
    changed: HashMap<usize, (Arc<Page>, Arc<Page>)>,
}

fn addr(page: &Arc<Page>) -> usize {
    Arc::as_ptr(page) as usize
}

impl AsLoaded {
    /// Changes the reader's `page` with `f` (a copy when the page is shared,
    /// with the index say), keeping the page as it was loaded for the index.
    pub fn change(&mut self, page: &mut Arc<Page>, f: impl FnOnce(&mut Page)) {
        let loaded = match self.changed.remove(&addr(page)) {
            Some((_, loaded)) => loaded,
            None => page.clone(),
        };
        f(Arc::make_mut(page));
        self.changed.insert(addr(page), (page.clone(), loaded));
    }

    /// Changes the reader's `page` and the page as loaded alike, with `f`
    /// (what the index is to see too: keywords).
    pub fn change_both(&mut self, page: &mut Arc<Page>, f: impl Fn(&mut Page)) {
        match self.changed.remove(&addr(page)) {
            Some((held, mut loaded)) => {
                drop(held);
                f(Arc::make_mut(&mut loaded));
                f(Arc::make_mut(page));
                self.changed.insert(addr(page), (page.clone(), loaded));
            }
            None => f(Arc::make_mut(page)),
        }
    }

    /// The page the index is given for the reader's `page`.
    pub fn of<'a>(&'a self, page: &'a Arc<Page>) -> &'a Arc<Page> {
        self.changed.get(&addr(page)).map_or(page, |(_, loaded)| loaded)
    }

    /// `issues` (the reader's) with each page as loaded, for the index
    /// (sharing the pages).
    pub fn issues(&self, issues: &[Issue]) -> Vec<Issue> {
        let mut out = issues.to_vec();
        if !self.changed.is_empty() {
            for page in out.iter_mut().flat_map(|i| i.pages.iter_mut()) {
                if let Some((_, loaded)) = self.changed.get(&addr(page)) {
                    *page = loaded.clone();
                }
            }
        }
        out
    }

    /// How many of the reader's pages differ from the pages as loaded.
    pub fn len(&self) -> usize {
        self.changed.len()
    }

    /// True when the reader changed no page.
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;

    fn page(title: &str) -> Arc<Page> {
        Arc::new(Page { articles: vec![Article { title: title.into(), ..Article::default() }], ..Page::default() })
    }

    #[test]
    fn the_index_gets_each_page_as_loaded_however_often_the_reader_changed_it() {
        let mut a = AsLoaded::default();
        let issues = vec![Issue { pages: vec![page("甲乙丙丁…"), page("戊己")], ..Issue::default() }];
        let mut reader = issues.clone();
        a.change(&mut reader[0].pages[0], |p| p.articles[0].title = "甲乙…".into());
        assert!(Arc::ptr_eq(&a.issues(&reader)[0].pages[0], &issues[0].pages[0]), "as loaded, shared");
        assert_eq!(reader[0].pages[0].articles[0].title, "甲乙…", "the reader's copy changed");
        assert_eq!(issues[0].pages[0].articles[0].title, "甲乙丙丁…", "not the page as loaded");
        // Changed again: still the page as loaded.
        a.change(&mut reader[0].pages[0], |p| p.articles[0].title = "甲…".into());
        // Keywords reach both.
        a.change_both(&mut reader[0].pages[0], |p| p.articles[0].keywords = vec!["丙丁".into()]);
        a.change_both(&mut reader[0].pages[1], |p| p.articles[0].keywords = vec!["戊".into()]);
        assert_eq!(a.len(), 1);
        let index = a.issues(&reader);
        assert_eq!(index[0].pages[0].articles[0].title, "甲乙丙丁…");
        assert_eq!(index[0].pages[0].articles[0].keywords, ["丙丁"]);
        assert_eq!(reader[0].pages[0].articles[0].title, "甲…");
        assert_eq!(reader[0].pages[0].articles[0].keywords, ["丙丁"]);
        assert!(Arc::ptr_eq(&index[0].pages[1], &reader[0].pages[1]), "an unmended page is the reader's");
        assert_eq!(index[0].pages[1].articles[0].keywords, ["戊"]);
        assert!(Arc::ptr_eq(a.of(&reader[0].pages[0]), &index[0].pages[0]));
    }
}
