//! Article layouts kept per (article, width), so scrolling and redrawing
//! never reflow twice.

use super::article::ArticleLayout;
use crate::model::Article;
use std::collections::HashMap;
use std::sync::Arc;

/// A bounded cache of [`ArticleLayout`]s keyed by an article key and a width.
#[derive(Debug, Default)]
pub struct LayoutCache {
    map: HashMap<(String, usize), Arc<ArticleLayout>>,
    breaking: super::Breaking,
}

/// At most this many layouts are kept; beyond that the cache starts afresh.
pub const CAPACITY: usize = 256;

impl LayoutCache {
    /// An empty cache.
    pub fn new() -> LayoutCache {
        LayoutCache::default()
    }

    /// The layout of `article` (known as `key`) at `width`, computed on first use.
    pub fn get(&mut self, key: &str, article: &Article, width: usize) -> Arc<ArticleLayout> {
        if let Some(l) = self.map.get(&(key.to_string(), width)) {
            return Arc::clone(l);
        }
        if self.map.len() >= CAPACITY {
            self.map.clear();
        }
        let l = Arc::new(ArticleLayout::new_with(article, width, self.breaking));
        self.map.insert((key.to_string(), width), Arc::clone(&l));
        l
    }

    /// The layout if it is already cached.
    pub fn peek(&self, key: &str, width: usize) -> Option<Arc<ArticleLayout>> {
        self.map.get(&(key.to_string(), width)).cloned()
    }

    /// How lines break in the layouts made from now on.
    pub fn breaking(&self) -> super::Breaking {
        self.breaking
    }

    /// Changes how lines break (the `line_break` setting), forgetting the
    /// layouts made the other way.
    pub fn set_breaking(&mut self, breaking: super::Breaking) {
        if breaking != self.breaking {
            self.breaking = breaking;
            self.map.clear();
        }
    }

    /// Forgets every layout (e.g. when articles changed).
    pub fn clear(&mut self) {
        self.map.clear();
    }

    /// Number of cached layouts.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_are_reused_per_key_and_width() {
        let a = Article { title: "标题".into(), paragraphs: vec!["正文".into()], ..Article::default() };
        let mut c = LayoutCache::new();
        let x = c.get("a", &a, 20);
        let y = c.get("a", &a, 20);
        assert!(Arc::ptr_eq(&x, &y));
        let z = c.get("a", &a, 30);
        assert_eq!(z.width, 30);
        assert_eq!(c.len(), 2);
        assert!(c.peek("b", 20).is_none());
    }
}
