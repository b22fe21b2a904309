//! Headlines made from the body ([`crate::model::Article::title_inferred`])
//! are the body's first clause cut at 24 characters, which can cut a word
//! (`…草莓迎来了成…`, where the text goes on `成熟`). The reader shows them
//! cut at the last word boundary instead (`…草莓迎来了…`), found with the
//! shared jieba segmenter once it has loaded in the background (until then
//! the loader's cut shows; the first frame never waits for the dictionary).

use super::as_loaded::AsLoaded;
use crate::model::{Article, Issue, Page};
use jieba_rs::Jieba;
use std::sync::Arc;

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

/// [`mend`] on every article of the reader's `page` (a copy when the page
/// is shared); `as_loaded` keeps the page as loaded, for the search index
/// ([`super::as_loaded`]). True when a headline changed.
pub fn mend_page(page: &mut Arc<Page>, as_loaded: &mut AsLoaded, jieba: &Jieba) -> bool {
    let fixes = fixes(page, jieba);
    if fixes.is_empty() {
        return false;
    }
    as_loaded.change(page, |page| put(page, fixes));
    true
}

/// Puts the headlines `fixes` (article, headline) in place in `page`.
fn put(page: &mut Page, fixes: Vec<(usize, String)>) {
    for (k, title) in fixes {
        if let Some(a) = page.articles.get_mut(k) {
            a.title = title;
        }
    }
}

/// [`mend`] on every article of `issues`; true when any changed.
/// Pages are shared with the search index: only a page with a headline to
/// mend is copied, and `as_loaded` keeps it as loaded (the index searches
/// the loader's headlines, see [`super::as_loaded`]).
pub fn mend_issues(issues: &mut [Issue], as_loaded: &mut AsLoaded, jieba: &Jieba) -> bool {
    let mut changed = false;
    for page in issues.iter_mut().flat_map(|i| i.pages.iter_mut()) {
        changed |= mend_page(page, as_loaded, jieba);
    }
    changed
}

/// Mended headlines worked out away from the reader's thread ([`find`]),
/// put in place a few pages at a time by [`Found::apply`].
#[derive(Debug)]
pub struct Found {
    /// The pages looked at, held until every headline is in place (so that
    /// no other page takes the address of one of them meanwhile).
    _looked_at: Vec<Issue>,
    /// Per page with a headline to mend: its address, and (article, headline).
    fixes: std::collections::HashMap<usize, Vec<(usize, String)>>,
}

/// The mended headlines of every page of `issues` (a copy of the reader's
/// list, sharing its pages): the same as [`mend_issues`] would make,
/// worked out on any thread.
pub fn find(issues: Vec<Issue>, jieba: &Jieba) -> Found {
    let fixes = issues
        .iter()
        .flat_map(|i| i.pages.iter())
        .filter_map(|p| {
            let f = fixes(p, jieba);
            (!f.is_empty()).then_some((Arc::as_ptr(p) as usize, f))
        })
        .collect();
    Found { _looked_at: issues, fixes }
}

impl Found {
    /// Puts the headlines of up to `pages` pages in place, in the pages of
    /// `issues` that are still the ones [`find`] looked at (wherever they
    /// are now: issues may have come in before them meanwhile). A page
    /// shared with the search index is copied, so a few pages at a time
    /// keep the reader's thread free; `as_loaded` keeps it as loaded, for
    /// the search index. True when a headline changed. Pages that came in
    /// since were not looked at (mend them as they come).
    pub fn apply(&mut self, issues: &mut [Issue], as_loaded: &mut AsLoaded, pages: usize) -> bool {
        let mut changed = false;
        let mut done = 0;
        for page in issues.iter_mut().flat_map(|i| i.pages.iter_mut()) {
            if done == pages || self.fixes.is_empty() {
                break;
            }
            let Some(f) = self.fixes.remove(&(Arc::as_ptr(page) as usize)) else { continue };
            done += 1;
            changed |= f.iter().any(|(k, _)| *k < page.articles.len());
            as_loaded.change(page, |page| put(page, f));
        }
        if done < pages {
            // Every page was looked at: those left are gone.
            self.fixes.clear();
        }
        changed
    }

    /// True once every headline is in place.
    pub fn is_done(&self) -> bool {
        self.fixes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inferred(title: &str, body: &str) -> Article {
        Article { title: title.into(), title_inferred: true, paragraphs: vec![body.into()], ..Article::default() }
    }

    fn issue_of(title: &str, body: &str) -> Issue {
        let page = Page { articles: vec![inferred(title, body)], ..Page::default() };
        Issue { pages: vec![std::sync::Arc::new(page)], ..Issue::default() }
    }

    #[test]
    fn headlines_found_on_another_thread_land_on_their_pages_wherever_they_went() {
        let j = crate::search::words::jieba();
        let body = "近日，离石区信义镇东泰绿谷农业园温室大棚的草莓迎来了成熟采摘与上市的季节。";
        let cut = "离石区信义镇东泰绿谷农业园温室大棚的草莓迎来了成…";
        let issues = vec![issue_of(cut, body), issue_of("草莓迎来了成熟采摘", body)];
        let mut expected = issues.clone();
        assert!(mend_issues(&mut expected, &mut AsLoaded::default(), j));
        let mut found = std::thread::scope(|s| s.spawn(|| find(issues.clone(), j)).join().unwrap());
        // An issue came in before them meanwhile; nothing else changed.
        let mut now = issues.clone();
        now.insert(0, issue_of(cut, body));
        let mut as_loaded = AsLoaded::default();
        assert!(found.apply(&mut now, &mut as_loaded, 1), "one page at a time");
        assert!(found.is_done(), "the other page has no headline to mend");
        assert!(!found.apply(&mut now, &mut as_loaded, 1));
        assert_eq!(now[0].pages[0].articles[0].title, cut, "a page that came in since is not looked at");
        assert_eq!(now[1..], expected[..]);
        assert_eq!(now[1].pages[0].articles[0].title, "离石区信义镇东泰绿谷农业园温室大棚的草莓迎来了…");
        // The search index is given the pages as loaded.
        assert_eq!(as_loaded.issues(&now)[1..], issues[..]);
    }

    #[test]
    fn a_big_archive_has_its_headlines_mended_away_from_the_reader_and_new_pages_at_once() {
        let _ = crate::search::words::jieba();
        let body = "近日，离石区信义镇东泰绿谷农业园温室大棚的草莓迎来了成熟采摘与上市的季节。";
        let cut = "离石区信义镇东泰绿谷农业园温室大棚的草莓迎来了成…";
        let mended = "离石区信义镇东泰绿谷农业园温室大棚的草莓迎来了…";
        let issues: Vec<Issue> = (0..=crate::ui::app::MEND_AT_ONCE_PAGES).map(|_| issue_of(cut, body)).collect();
        let mut app = crate::ui::App::new(issues, (80, 24));
        assert!(app.mending_titles(), "more pages than are mended at once");
        // The reader's thread does not work them out: it asks for it.
        let asked: Vec<Issue> = app
            .take_effects()
            .into_iter()
            .find_map(|e| match e {
                crate::ui::effect::Effect::MendTitles(issues) => Some(issues),
                _ => None,
            })
            .expect("the mending is asked for as an effect");
        assert!(!app.mend_titles(), "nothing changes until the headlines come back");
        let page = Page { articles: vec![inferred(cut, body)], ..Page::default() };
        app.add_pages([page]);
        // As the session does: worked out on a thread, handed back.
        let found = std::thread::scope(|s| s.spawn(|| find(asked, crate::search::words::jieba())).join().unwrap());
        app.put_mended_titles(Some(found));
        let mut calls = 0;
        while app.mending_titles() && calls < 100 {
            app.mend_titles();
            calls += 1;
        }
        assert!(calls > 1, "put in place a few pages per call");
        assert!(!app.mending_titles());
        let titles: Vec<&str> =
            app.issues.iter().flat_map(|i| &i.pages).flat_map(|p| &p.articles).map(|a| a.title.as_str()).collect();
        assert_eq!(titles.len(), crate::ui::app::MEND_AT_ONCE_PAGES + 2);
        assert!(titles.iter().all(|&t| t == mended), "every headline mended once");
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
