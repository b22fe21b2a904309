//! Where the reader is in the lists: the selected issue and article, the
//! focused pane and how far each list is scrolled. Indices only: the
//! caller ([`super::update`], [`super::app::App`]) knows the issues and
//! keeps them in range ([`Navigation::clamp`]).

use super::geometry::Pane;

/// The selection in the issue and article lists, and the focused pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Navigation {
    issue: usize,
    article: usize,
    focus: Pane,
    issue_offset: usize,
    article_offset: usize,
    /// True once the user (a key, a click) or the restored position has
    /// chosen the place; until then the reader stays on the newest issue
    /// whatever order the pages arrive in.
    chosen: bool,
}

impl Default for Navigation {
    /// The first article of the first issue, the article list focused.
    fn default() -> Navigation {
        Navigation { issue: 0, article: 0, focus: Pane::Articles, issue_offset: 0, article_offset: 0, chosen: false }
    }
}

impl Navigation {
    /// Index of the selected issue.
    pub fn issue(&self) -> usize {
        self.issue
    }

    /// Index of the selected article within the issue (page order).
    pub fn article(&self) -> usize {
        self.article
    }

    /// The focused pane.
    pub fn focus(&self) -> Pane {
        self.focus
    }

    /// First visible row of the issue list.
    pub fn issue_offset(&self) -> usize {
        self.issue_offset
    }

    /// First visible row of the article list.
    pub fn article_offset(&self) -> usize {
        self.article_offset
    }

    /// True once the place was chosen (by the user or the restored position).
    pub fn chosen(&self) -> bool {
        self.chosen
    }

    /// Notes that the place was chosen: arriving pages no longer move the
    /// selection to the newest issue.
    pub fn choose(&mut self) {
        self.chosen = true;
    }

    /// Focuses `pane`.
    pub fn set_focus(&mut self, pane: Pane) {
        self.focus = pane;
    }

    /// Selects issue `issue` and, when it is another one, its first
    /// article with the article list at its top. True when it changed.
    pub fn select_issue(&mut self, issue: usize) -> bool {
        if issue == self.issue {
            return false;
        }
        self.issue = issue;
        self.article = 0;
        self.article_offset = 0;
        true
    }

    /// Selects article `article` of the current issue; true when it changed.
    pub fn select_article(&mut self, article: usize) -> bool {
        let changed = article != self.article;
        self.article = article;
        changed
    }

    /// Selects article `article` of issue `issue`, the lists kept where
    /// they are (pages arrived and moved the article being read).
    pub fn select(&mut self, issue: usize, article: usize) {
        self.issue = issue;
        self.article = article;
    }

    /// Shows the article list from its top (the selection is brought into
    /// view by [`Navigation::show_selection`]).
    pub fn rewind_article_list(&mut self) {
        self.article_offset = 0;
    }

    /// Keeps the selection within `issues` issues, and the article within
    /// `articles(issue)` articles of the selected issue.
    pub fn clamp(&mut self, issues: usize, articles: impl Fn(usize) -> usize) {
        self.issue = self.issue.min(issues.saturating_sub(1));
        self.article = self.article.min(articles(self.issue).saturating_sub(1));
    }

    /// Scrolls the lists the least that shows the selections, with
    /// `issue_rows` issues visible, and `articles` = (rows visible, the
    /// selected article's row: the list may leave articles out) (None: that
    /// list is not on screen).
    pub fn show_selection(&mut self, issue_rows: Option<usize>, articles: Option<(usize, usize)>) {
        if let Some(rows) = issue_rows {
            self.issue_offset = visible_offset(self.issue_offset, self.issue, rows);
        }
        if let Some((rows, row)) = articles {
            self.article_offset = visible_offset(self.article_offset, row, rows);
        }
    }
}

/// Where the reader is (selection, focus, body): see [`super::app::App::place`], [`super::navigate::go_to`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The selection and focus.
    pub nav: Navigation,
    /// The body's position, zoom and highlights.
    pub reader: super::reader::Reader,
}

/// The smallest change of `offset` that shows row `selected` among `rows`.
fn visible_offset(offset: usize, selected: usize, rows: usize) -> usize {
    if selected < offset {
        selected
    } else if selected >= offset + rows {
        selected + 1 - rows
    } else {
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_issue_starts_at_its_first_article_and_the_lists_follow_the_selection() {
        let mut nav = Navigation::default();
        nav.select_article(7);
        nav.show_selection(Some(3), Some((5, 7)));
        assert_eq!(nav.article_offset(), 3, "article 7 is the last of five rows");
        assert!(!nav.select_issue(0), "the same issue keeps the article");
        assert_eq!(nav.article(), 7);
        assert!(nav.select_issue(4));
        assert_eq!((nav.issue(), nav.article(), nav.article_offset()), (4, 0, 0));
        nav.show_selection(Some(3), None);
        assert_eq!(nav.issue_offset(), 2);
        nav.clamp(2, |_| 0);
        assert_eq!((nav.issue(), nav.article()), (1, 0));
    }
}
