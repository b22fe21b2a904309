//! Text the loader could not attach to any article (stray lines, banners, a
//! lone byline) is still news to a reader: when pages enter the reader, a
//! page's fragments become one extra article at the end of its list, so
//! they can be read, marked and searched like the rest. The loader's output
//! (and `lvread dump`) keeps them apart; only the reader's copy changes.

use crate::model::{Article, Issue, Kind, Page};

/// Title of the article made of a page's fragments.
pub const FRAGMENTS_TITLE: &str = "（版面其他文字）";

/// Moves `page`'s fragments into an extra article at the end of its
/// articles (nothing when it has none; calling it again adds nothing). The
/// article's id depends only on the page's source, so its read mark and
/// bookmark survive a re-load.
///
/// A page holding its headlines only ([`Page::text`]) gets the article
/// without its text (read on demand, [`crate::page_text`]) when it has
/// fragments.
pub fn absorb(page: &mut Page) {
    let paragraphs: Vec<String> =
        std::mem::take(&mut page.fragments).into_iter().filter(|f| !f.trim().is_empty()).collect();
    let shell_has_fragments =
        page.text.as_ref().is_some_and(|t| t.fragments && page.articles.len() == t.articles as usize);
    if paragraphs.is_empty() && !shell_has_fragments {
        return;
    }
    page.articles.push(Article {
        id: fragments_id(page),
        title: FRAGMENTS_TITLE.to_string(),
        title_inferred: true,
        kind: Kind::News,
        paragraphs,
        ..Article::default()
    });
}

/// The id of the article made of `page`'s fragments (it depends only on
/// the page's source).
fn fragments_id(page: &Page) -> String {
    let id_source = Article { title: FRAGMENTS_TITLE.to_string(), ..Article::default() };
    crate::loader::meta::article_id(&format!("{}#fragments", page.source), &id_source)
}

/// True when article `k` of `page` is the one [`absorb`] made of the
/// page's fragments (not an article of the loader's).
pub fn is_fragments(page: &Page, k: usize) -> bool {
    k + 1 == page.articles.len()
        && page.articles[k].title == FRAGMENTS_TITLE
        && page.articles[k].id == fragments_id(page)
}

/// [`absorb`] on every page of `issues`.
pub fn absorb_all(issues: &mut [Issue]) {
    for page in issues.iter_mut().flat_map(|i| i.pages.iter_mut()) {
        absorb(std::sync::Arc::make_mut(page));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(fragments: &[&str]) -> Page {
        Page {
            source: "2023-11-04-2.txt".into(),
            fragments: fragments.iter().map(|s| s.to_string()).collect(),
            ..Page::default()
        }
    }

    #[test]
    fn fragments_become_one_article_with_a_stable_id() {
        let mut p = page(&["吕梁日报社出版", "（记者 李明）"]);
        absorb(&mut p);
        assert_eq!(p.articles.len(), 1);
        let a = p.articles[0].clone();
        assert_eq!(a.title, FRAGMENTS_TITLE);
        assert!(a.title_inferred);
        assert_eq!(a.paragraphs, vec!["吕梁日报社出版", "（记者 李明）"]);
        assert!(p.fragments.is_empty());
        absorb(&mut p);
        assert_eq!(p.articles.len(), 1, "absorbing twice adds nothing");
        let mut q = page(&["另一行"]);
        absorb(&mut q);
        assert_eq!(q.articles[0].id, a.id, "the id depends on the page, not on the text");
        let mut other = Page { source: "2023-11-04-3.txt".into(), ..page(&["x"]) };
        absorb(&mut other);
        assert_ne!(other.articles[0].id, a.id);
        assert!(is_fragments(&other, 0));
        let mut with_news = page(&["一行"]);
        with_news.articles.push(Article { title: FRAGMENTS_TITLE.into(), id: "x".into(), ..Article::default() });
        assert!(!is_fragments(&with_news, 0), "an article of the loader's, whatever its headline");
        absorb(&mut with_news);
        assert!(is_fragments(&with_news, 1) && !is_fragments(&with_news, 0));
    }

    #[test]
    fn pages_without_fragments_are_unchanged() {
        let mut p = page(&["  "]);
        absorb(&mut p);
        assert!(p.articles.is_empty());
    }
}
