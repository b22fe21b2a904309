//! Per-article keywords: jieba's TF-IDF candidates, weighed again by how
//! rare each term is across the whole archive (a word in every other
//! article, `工作`, says little about this one), with a keyword contained
//! in a better one dropped (`文明城市` keeps neither `文明` nor `城市`).
//! Left-over page text (no printed headline, no byline) gets none. Shown in
//! the body header and searched. Extraction needs the jieba dictionary, so
//! run it off the drawing thread ([`spawn`]).

use super::words;
use crate::model::{Article, Issue, Page};
use jieba_rs::{KeywordExtract, TfIdf};
use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, OnceLock};

/// How many keywords per article.
pub const PER_ARTICLE: usize = 5;

/// Pieces of web and e-mail addresses, never keywords.
const URL_PARTS: &[&str] = &["com", "cn", "net", "org", "www", "http", "https", "html", "gov"];

/// Candidates kept per article for the second, archive-wide weighing.
const CANDIDATES: usize = 40;

static TFIDF: OnceLock<TfIdf> = OnceLock::new();

fn tfidf() -> &'static TfIdf {
    TFIDF.get_or_init(TfIdf::default)
}

/// Parts of speech worth a keyword: nouns, place and person names,
/// organisations, verbal nouns.
fn allowed() -> Vec<String> {
    ["n", "nr", "ns", "nt", "nz", "vn", "eng"].iter().map(|s| s.to_string()).collect()
}

/// True for text the loader could not give a headline or a byline: what is
/// left over on a page, not an article a keyword could describe.
pub fn is_left_over(a: &Article) -> bool {
    a.title_inferred && a.byline.is_none()
}

/// Every candidate term of an article with its jieba TF-IDF weight, best
/// first (blocks while jieba loads); none for left-over text.
fn candidates(a: &Article) -> Vec<(String, f64)> {
    if is_left_over(a) {
        return Vec::new();
    }
    let text: String =
        std::iter::once(a.title.as_str()).chain(a.paragraphs.iter().map(String::as_str)).collect::<Vec<_>>().join("\n");
    if text.trim().is_empty() {
        return Vec::new();
    }
    tfidf()
        .extract_keywords(words::jieba(), &text, usize::MAX, allowed())
        .into_iter()
        .filter(|k| k.keyword.chars().count() >= 2 && !URL_PARTS.contains(&k.keyword.to_ascii_lowercase().as_str()))
        .map(|k| (k.keyword, k.weight))
        .collect()
}

/// How many articles of the archive have each term among their candidates.
#[derive(Debug, Default)]
pub struct Rarity {
    articles: usize,
    df: HashMap<String, usize>,
}

impl Rarity {
    /// Counts the terms of every article's candidates.
    fn count<'a>(sets: impl IntoIterator<Item = &'a [(String, f64)]>) -> Rarity {
        let mut r = Rarity::default();
        for set in sets {
            r.articles += 1;
            for (w, _) in set {
                *r.df.entry(w.clone()).or_insert(0) += 1;
            }
        }
        r
    }

    /// The archive's weight of a term: ln(1 + articles / articles with the
    /// term) — high for a term few articles share.
    pub fn factor(&self, word: &str) -> f64 {
        let df = self.df.get(word).copied().unwrap_or(0).max(1);
        (1.0 + self.articles.max(1) as f64 / df as f64).ln()
    }
}

/// The best [`PER_ARTICLE`] keywords of weighed candidates: each weight is
/// multiplied by the term's archive rarity; a term contained in a better
/// chosen one is dropped, and a chosen term contained in a later, longer
/// one gives its place to it.
fn choose(cands: &[(String, f64)], rarity: &Rarity) -> Vec<String> {
    let mut scored: Vec<(&str, f64)> = cands.iter().map(|(w, s)| (w.as_str(), s * rarity.factor(w))).collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let mut out: Vec<String> = Vec::new();
    for (w, _) in scored {
        if out.len() >= PER_ARTICLE {
            break;
        }
        if out.iter().any(|o| o.contains(w)) {
            continue;
        }
        match out.iter().position(|o| w.contains(o.as_str())) {
            Some(i) => {
                out[i] = w.to_string();
                out.retain_mut(|o| o.as_str() == w || !w.contains(o.as_str()));
            }
            None => out.push(w.to_string()),
        }
    }
    out
}

/// The keywords of one article on its own, best first (no archive to
/// compare with: jieba's weights only).
pub fn for_article(a: &Article) -> Vec<String> {
    choose(&candidates(a), &Rarity::default())
}

/// The keywords of every article of a page, in article order, weighed
/// across the page.
pub fn extract(page: &Page) -> Vec<Vec<String>> {
    for_articles(&page.articles.iter().collect::<Vec<_>>())
}

/// The keywords of each article, weighed across all of them.
pub fn for_articles(articles: &[&Article]) -> Vec<Vec<String>> {
    let all: Vec<Vec<(String, f64)>> = articles.iter().map(|a| candidates(a)).collect();
    let rarity = Rarity::count(all.iter().map(Vec::as_slice));
    all.iter().map(|c| choose(c, &rarity)).collect()
}

/// Fills `Article.keywords` of every article of a page that has none.
pub fn fill(page: &mut Page) {
    let found = extract(page);
    for (a, k) in page.articles.iter_mut().zip(found) {
        if a.keywords.is_empty() {
            a.keywords = k;
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

/// Extracts the keywords of every article on a background thread: first
/// the candidates of the whole archive (to weigh terms by their rarity in
/// it), then the keywords, sent in batches of one issue, newest first.
pub fn spawn(issues: Arc<Vec<Issue>>) -> Receiver<Vec<ArticleKeywords>> {
    let (tx, rx) = mpsc::channel();
    let _ = std::thread::Builder::new().name("keywords".into()).spawn(move || {
        let mut all: Vec<Vec<Vec<(String, f64)>>> = Vec::with_capacity(issues.len());
        let mut rarity = Rarity::default();
        for issue in issues.iter() {
            let mut sets = Vec::new();
            // (The text of a page holding its headlines only is read on demand.)
            for a in issue.pages.iter().flat_map(|p| {
                let full = crate::page_text::text(p);
                (0..full.articles.len()).filter_map(move |k| crate::page_text::article_of(&full, k))
            }) {
                let mut c = candidates(&a);
                rarity.articles += 1;
                for (w, _) in &c {
                    *rarity.df.entry(w.clone()).or_insert(0) += 1;
                }
                c.truncate(CANDIDATES);
                sets.push(c);
            }
            all.push(sets);
        }
        for (i, sets) in all.iter().enumerate() {
            let batch: Vec<ArticleKeywords> = sets
                .iter()
                .enumerate()
                .map(|(n, c)| ArticleKeywords { issue: i, article: n, words: choose(c, &rarity) })
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

    fn article(title: &str, body: &str) -> Article {
        Article { title: title.into(), paragraphs: vec![body.into()], ..Article::default() }
    }

    #[test]
    fn a_keyword_inside_a_better_one_is_dropped() {
        let c = |v: &[(&str, f64)]| v.iter().map(|(w, s)| (w.to_string(), *s)).collect::<Vec<_>>();
        let k = choose(
            &c(&[("文明城市", 3.0), ("工作", 2.5), ("文明", 2.0), ("城市", 1.5), ("项目", 1.0)]),
            &Rarity::default(),
        );
        assert_eq!(k, ["文明城市", "工作", "项目"]);
        // The longer term coming later takes the shorter one's place.
        let k = choose(&c(&[("规范", 3.0), ("营商", 2.0), ("规范化", 1.0)]), &Rarity::default());
        assert_eq!(k, ["规范化", "营商"]);
    }

    #[test]
    fn a_term_shared_by_the_whole_archive_gives_way_to_a_rare_one() {
        // 工作 is in every article; 草莓 and 大棚 only in the first.
        let first =
            article("草莓大棚迎来采摘季", "今年草莓大棚工作顺利，工作扎实，草莓大棚收益好，各项工作有序，工作到位。");
        let others: Vec<Article> = (0..8)
            .map(|n| article(&format!("会议{n}"), "全市工作会议强调，要把工作做细，工作落实到位，推动工作。"))
            .collect();
        let alone = for_article(&first);
        let mut all = vec![&first];
        all.extend(others.iter());
        let archive = for_articles(&all);
        let rank = |k: &[String], w: &str| k.iter().position(|x| x == w).unwrap_or(usize::MAX);
        assert!(rank(&archive[0], "工作") > rank(&archive[0], "草莓"), "{:?} (alone: {alone:?})", archive[0]);
        assert!(rank(&archive[0], "工作") > rank(&alone, "工作"), "工作 falls: {:?} vs {alone:?}", archive[0]);
    }

    #[test]
    fn left_over_page_text_gets_no_keywords() {
        let a = Article {
            title_inferred: true,
            ..article("草莓迎来了成熟期…", "人勤春来早，草莓迎来了成熟期，大棚里一片繁忙。")
        };
        assert!(for_article(&a).is_empty());
        let with_byline = Article { byline: Some("本报记者 王".into()), ..a.clone() };
        assert!(!for_article(&with_byline).is_empty(), "a story with a byline keeps its keywords");
    }
}
