//! How loaded pages group into issues, and in which order.

use crate::model::{Issue, Page};
use std::sync::Arc;

/// Issues being built page by page (for background loading): pages of one
/// date form one issue, in page order; newest issue first, undated pages
/// last, each on its own.
#[derive(Debug, Clone, Default)]
pub struct Library {
    issues: Vec<Issue>,
}

impl Library {
    /// An empty library.
    pub fn new() -> Library {
        Library::default()
    }

    /// The issues so far, newest first.
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// Takes the issues out.
    pub fn into_issues(self) -> Vec<Issue> {
        self.issues
    }

    /// Adds a page; returns the index of its issue and whether that issue is
    /// new (every issue from that index on moved down by one).
    pub fn insert(&mut self, page: impl Into<Arc<Page>>) -> (usize, bool) {
        insert_page(&mut self.issues, page)
    }
}

/// Adds a page to issues in [`group`]'s order (see [`Library::insert`]):
/// returns the index of its issue and whether that issue is new.
pub fn insert_page(issues: &mut Vec<Issue>, page: impl Into<Arc<Page>>) -> (usize, bool) {
    let page: Arc<Page> = page.into();
    // Pages of one date make an issue; so do the undated pages of one PDF.
    let same_pdf = |i: &Issue| {
        page.date.is_none()
            && i.date.is_none()
            && page.path.as_deref().is_some_and(crate::pdf::is_pdf_path)
            && i.pages.first().is_some_and(|p| p.path == page.path)
    };
    // Dated issues come first, newest first: the page's date is looked up
    // by bisection; undated pages look at the undated issues only.
    let dated = issues.partition_point(|i| i.date.is_some());
    let found = match page.date {
        Some(d) => {
            let at = issues[..dated].partition_point(|i| i.date > Some(d));
            (at < dated && issues[at].date == Some(d)).then_some(at)
        }
        None => issues[dated..].iter().position(same_pdf).map(|i| dated + i),
    };
    if let Some(i) = found {
        let issue = &mut issues[i];
        issue.date_inferred &= page.date_inferred;
        let at = issue.pages.partition_point(|p| page_order(p, &page).is_le());
        issue.pages.insert(at, page);
        return (i, false);
    }
    let issue = Issue { date: page.date, date_inferred: page.date_inferred, pages: vec![page] };
    let at = issues.partition_point(|i| issue_order(i, &issue).is_le());
    issues.insert(at, issue);
    (at, true)
}

/// Page order inside an issue: page number (numbered pages first), then file name, then path.
fn page_order(a: &Page, b: &Page) -> std::cmp::Ordering {
    a.page
        .unwrap_or(u32::MAX)
        .cmp(&b.page.unwrap_or(u32::MAX))
        .then_with(|| a.source.cmp(&b.source))
        .then_with(|| a.path.cmp(&b.path))
}

/// Issue order: newest date first, then name; undated issues last, by name.
fn issue_order(a: &Issue, b: &Issue) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    match (a.date, b.date) {
        (Some(x), Some(y)) => y.cmp(&x).then_with(|| a.label().cmp(&b.label())),
        (Some(_), None) => Less,
        (None, Some(_)) => Greater,
        (None, None) => a
            .label()
            .cmp(&b.label())
            .then_with(|| a.pages.first().map(|p| &p.path).cmp(&b.pages.first().map(|p| &p.path))),
    }
}

/// Groups pages into issues (see [`Library`]): pages of one date form one
/// issue in page order; undated pages stand alone. Newest issue first,
/// undated ones last.
pub fn group(pages: Vec<Page>) -> Vec<Issue> {
    let mut lib = Library::new();
    for p in pages {
        lib.insert(p);
    }
    lib.into_issues()
}
