//! Headlines made from the body ([`crate::model::Article::title_inferred`])
//! are the body's first clause cut at 24 characters, which can cut a word
//! (`…草莓迎来了成…`, where the text goes on `成熟`). The reader shows them
//! cut at the last word boundary instead (`…草莓迎来了…`), found with the
//! shared jieba segmenter once it has loaded in the background (until then
//! the loader's cut shows; the first frame never waits for the dictionary).

use crate::model::{Article, Issue, Page};
use jieba_rs::Jieba;

/// The mark the loader ends a cut headline with.
const CUT: char = crate::model::TITLE_CUT;
/// How many characters of the text after the cut help find the boundary.
const LOOK_AHEAD: usize = 8;

/// Cuts a made-up headline that ends inside a word at the word's start.
/// Returns true when it changed. Headlines the page printed, headlines not
/// cut, and those whose text cannot be found in the body are left alone.
pub fn mend(article: &mut Article, jieba: &Jieba) -> bool {
    match mended(article, article.after_cut_title(), jieba) {
        Some(title) => {
            article.title = title;
            true
        }
        None => false,
    }
}

/// The headline [`mend`] would give `article`, when it would change;
/// `after` is where its body goes on after the cut
/// ([`Article::after_cut_title`], or [`Page::after_cut_title`] for a page
/// holding its headlines only).
pub fn mended(article: &Article, after: Option<&str>, jieba: &Jieba) -> Option<String> {
    if !article.title_inferred {
        return None;
    }
    let prefix = article.title.strip_suffix(CUT)?;
    if prefix.is_empty() {
        return None;
    }
    let after = after?;
    let mut chars: Vec<char> = prefix.chars().collect();
    let cut = chars.len();
    chars.extend(after.chars().take(LOOK_AHEAD));
    if chars.len() == cut {
        return None;
    }
    let flags = crate::search::words::boundaries(jieba, &chars, 0, chars.len());
    if flags[cut] {
        return None;
    }
    // The last boundary before the cut, keeping at least half the headline.
    let at = (cut / 2..cut).rev().find(|&i| flags[i])?;
    let kept: String = chars[..at].iter().collect();
    let kept = kept.trim_end_matches(['，', '、', '；', '：', ',', ' ']);
    Some(format!("{kept}{CUT}"))
}

/// The mended headlines of `page`: (article, headline).
fn fixes(page: &Page, jieba: &Jieba) -> Vec<(usize, String)> {
    page.articles
        .iter()
        .enumerate()
        .filter_map(|(k, a)| mended(a, page.after_cut_title(k), jieba).map(|t| (k, t)))
        .collect()
}

/// [`mend`] on every article of `pages`; true when any changed.
pub fn mend_pages<'a>(pages: impl IntoIterator<Item = &'a mut Page>, jieba: &Jieba) -> bool {
    let mut changed = false;
    for page in pages {
        for (k, title) in fixes(page, jieba) {
            page.articles[k].title = title;
            changed = true;
        }
    }
    changed
}

/// [`mend`] on every article of `issues`; true when any changed.
/// Pages are shared with the search index: only a page with a headline to
/// mend is copied (the index goes on showing its own, mended at display).
pub fn mend_issues(issues: &mut [Issue], jieba: &Jieba) -> bool {
    let mut changed = false;
    for page in issues.iter_mut().flat_map(|i| i.pages.iter_mut()) {
        let fixes = fixes(page, jieba);
        if fixes.is_empty() {
            continue;
        }
        let page = std::sync::Arc::make_mut(page);
        for (k, title) in fixes {
            page.articles[k].title = title;
        }
        changed = true;
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inferred(title: &str, body: &str) -> Article {
        Article { title: title.into(), title_inferred: true, paragraphs: vec![body.into()], ..Article::default() }
    }

    #[test]
    fn a_cut_word_goes_whole_to_the_next_line_of_thought() {
        let j = crate::search::words::jieba();
        let body = "近日，离石区信义镇东泰绿谷农业园温室大棚的草莓迎来了成熟采摘与上市的季节。";
        let mut a = inferred("离石区信义镇东泰绿谷农业园温室大棚的草莓迎来了成…", body);
        assert!(mend(&mut a, j));
        assert_eq!(a.title, "离石区信义镇东泰绿谷农业园温室大棚的草莓迎来了…");
        // Cut on a boundary already: unchanged.
        let mut b = inferred("离石区信义镇东泰绿谷农业园温室大棚的草莓…", body);
        assert!(!mend(&mut b, j));
        // A printed headline, or one not cut, is never touched.
        let mut c = inferred("离石区信义镇东泰绿谷农业园温室大棚的草莓迎来了成…", body);
        c.title_inferred = false;
        assert!(!mend(&mut c, j));
        let mut d = inferred("草莓迎来了成熟采摘", body);
        assert!(!mend(&mut d, j));
    }
}
