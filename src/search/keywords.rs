//! Per-article keywords from jieba's TF-IDF extractor: shown in the body
//! header and searched. Extraction needs the jieba dictionary, so run it off
//! the drawing thread ([`spawn`]).

use super::words;
use crate::model::{Article, Issue, Page};
use jieba_rs::{KeywordExtract, TfIdf};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, OnceLock};

/// How many keywords per article.
pub const PER_ARTICLE: usize = 5;

static TFIDF: OnceLock<TfIdf> = OnceLock::new();

fn tfidf() -> &'static TfIdf {
    TFIDF.get_or_init(TfIdf::default)
}

/// Parts of speech worth a keyword: nouns, place and person names,
/// organisations, verbal nouns.
fn allowed() -> Vec<String> {
    ["n", "nr", "ns", "nt", "nz", "vn", "eng"].iter().map(|s| s.to_string()).collect()
}

/// The keywords of one article, best first (blocks while jieba loads).
pub fn for_article(a: &Article) -> Vec<String> {
    let text: String =
        std::iter::once(a.title.as_str()).chain(a.paragraphs.iter().map(String::as_str)).collect::<Vec<_>>().join("\n");
    if text.trim().is_empty() {
        return Vec::new();
    }
    tfidf()
        .extract_keywords(words::jieba(), &text, PER_ARTICLE, allowed())
        .into_iter()
        .map(|k| k.keyword)
        .filter(|k| k.chars().count() >= 2)
        .collect()
}

/// The keywords of every article of a page, in article order.
pub fn extract(page: &Page) -> Vec<Vec<String>> {
    page.articles.iter().map(for_article).collect()
}

/// Fills `Article.keywords` of every article of a page that has none.
pub fn fill(page: &mut Page) {
    for a in &mut page.articles {
        if a.keywords.is_empty() {
            a.keywords = for_article(a);
        }
    }
}

/// Keywords of one article, delivered by [`spawn`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleKeywords {
    /// Index of the issue and of the article in the issue.
    pub issue: usize,
    pub article: usize,
    pub words: Vec<String>,
}

/// Extracts the keywords of every article on a background thread (newest
/// issue first), sending them in batches of about one issue.
pub fn spawn(issues: Arc<Vec<Issue>>) -> Receiver<Vec<ArticleKeywords>> {
    let (tx, rx) = mpsc::channel();
    let _ = std::thread::Builder::new().name("keywords".into()).spawn(move || {
        for (i, issue) in issues.iter().enumerate() {
            let batch: Vec<ArticleKeywords> = issue
                .articles()
                .enumerate()
                .map(|(n, a)| ArticleKeywords { issue: i, article: n, words: for_article(a) })
                .collect();
            if tx.send(batch).is_err() {
                return;
            }
        }
    });
    rx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_come_from_the_article() {
        let a = Article {
            title: "孙大军在离石区调研老旧小区改造工作".into(),
            paragraphs: vec![
                "孙大军来到离石区老旧小区改造现场，详细了解老旧小区改造进展。老旧小区改造是民生工程。".into(),
            ],
            ..Article::default()
        };
        let k = for_article(&a);
        assert!(!k.is_empty() && k.len() <= PER_ARTICLE, "{k:?}");
        let body = format!("{}{}", a.title, a.paragraphs[0]);
        assert!(k.iter().all(|w| body.contains(w.as_str())), "{k:?}");
    }
}
