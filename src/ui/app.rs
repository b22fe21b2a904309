//! The reader's state: what is loaded, what is selected, what is shown.
//! Pure data; [`super::update`] changes it, [`super::view`] draws it.

use super::theme::Theme;
use crate::layout::article::{ArticleLayout, Part};
use crate::layout::cache::LayoutCache;
use crate::model::{Article, Issue, Page};
use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

/// The three panes, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pane {
    /// The list of issues.
    Issues,
    /// The selected issue's articles.
    Articles,
    /// The selected article's text.
    Body,
}

/// Something drawn over the panes that takes the keys while open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The key help; the number is its scroll offset.
    Help(usize),
    /// The bookmark list; the number is the selected row.
    Bookmarks(usize),
}

/// How keys are interpreted. Modes that read text (search) add variants here
/// and are dispatched in [`super::update::update`] / [`super::keys::translate`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Mode {
    /// Browsing: the key map applies.
    #[default]
    Normal,
    /// Typing on the search line (see [`super::search_state`]).
    Search,
}

/// A highlighted range of the current article's text (e.g. a search match).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    /// The part of the article the range is in.
    pub part: Part,
    /// Byte range in that part's text.
    pub range: Range<usize>,
}

/// Default maximum width of the body text, in columns (40 Han characters).
pub const DEFAULT_MAX_BODY_WIDTH: u16 = 80;

/// The whole state of the reader.
#[derive(Debug)]
pub struct App {
    /// Every issue, in list order (newest first). May grow while pages load:
    /// use [`App::add_pages`] to add pages keeping the selection.
    pub issues: Vec<Issue>,
    /// Index of the selected issue.
    pub issue: usize,
    /// Index of the selected article within the issue (page order).
    pub article: usize,
    /// The focused pane.
    pub focus: Pane,
    /// The body fills the screen.
    pub zoom: bool,
    /// An overlay drawn over everything, taking the keys.
    pub overlay: Option<Overlay>,
    /// How keys are read.
    pub mode: Mode,
    /// First body line shown, as an index into the layout at [`App::scroll_width`].
    pub scroll: usize,
    /// The width `scroll` refers to (kept so a resize keeps the paragraph at the top).
    pub scroll_width: usize,
    /// The line the reader put at the top (article key, part, byte offset)
    /// and the scroll it was last shown at: a width change (resize, zoom)
    /// puts this line back at the top, even when a narrower or wider
    /// layout had to scroll elsewhere in between (the end of an article).
    pub top_anchor: Option<(String, Part, usize, usize)>,
    /// First visible row of the issue list.
    pub issue_offset: usize,
    /// First visible row of the article list.
    pub article_offset: usize,
    /// Keys ([`App::article_key`]) of the articles read.
    pub read: HashSet<String>,
    /// Bookmarked articles, oldest first (see [`super::marks`]).
    pub bookmarks: Vec<crate::store::Bookmark>,
    /// The article just marked unread: it stays unread while it is open.
    pub unread_hold: Option<String>,
    /// Pages loaded / total while loading in the background.
    pub progress: Option<(usize, usize)>,
    /// Messages for the status bar (load errors, warnings); the last is shown.
    pub messages: Vec<String>,
    /// A passing notice (feedback to an action, a first start) and the
    /// number of messages when it came: shown in the status bar until the
    /// next key press, unless a message came after it.
    pub notice: Option<(String, usize)>,
    /// Highlights in the current article's body.
    pub highlights: Vec<Highlight>,
    /// Styles.
    pub theme: Theme,
    /// Key bindings.
    pub keymap: crate::config::Keymap,
    /// Maximum width of the body text in columns; the body is centred in wider panes.
    pub max_body_width: u16,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Wrapped articles per (article, width).
    pub layouts: LayoutCache,
    /// Set by the quit action; the event loop ends.
    pub quit: bool,
    /// The search line, its results and the matches being visited.
    pub search: super::search_state::SearchState,
}

impl App {
    /// A reader over `issues` in a terminal of `size` (columns, rows).
    /// Pages' fragments become an extra article each ([`super::fragments`]).
    pub fn new(mut issues: Vec<Issue>, size: (u16, u16)) -> App {
        super::fragments::absorb_all(&mut issues);
        let mut app = App {
            issues,
            issue: 0,
            article: 0,
            focus: Pane::Articles,
            zoom: false,
            overlay: None,
            mode: Mode::Normal,
            scroll: 0,
            scroll_width: 0,
            top_anchor: None,
            issue_offset: 0,
            article_offset: 0,
            read: HashSet::new(),
            bookmarks: Vec::new(),
            unread_hold: None,
            progress: None,
            messages: Vec::new(),
            notice: None,
            highlights: Vec::new(),
            theme: Theme::default(),
            keymap: crate::config::Keymap::default(),
            max_body_width: DEFAULT_MAX_BODY_WIDTH,
            size,
            layouts: LayoutCache::new(),
            quit: false,
            search: Default::default(),
        };
        super::update::sync(&mut app);
        // Nothing to move through in an empty article list: start on the issues.
        if app.current_issue().is_some_and(|i| i.article_count() == 0) {
            app.focus = Pane::Issues;
        }
        app
    }

    /// The selected issue.
    pub fn current_issue(&self) -> Option<&Issue> {
        self.issues.get(self.issue)
    }

    /// The selected article.
    pub fn current_article(&self) -> Option<&Article> {
        self.current_issue()?.article(self.article)
    }

    /// The page the selected article is printed on.
    pub fn current_page(&self) -> Option<&Page> {
        let issue = self.current_issue()?;
        let mut left = self.article;
        for p in &issue.pages {
            if left < p.articles.len() {
                return Some(p);
            }
            left -= p.articles.len();
        }
        None
    }

    /// A key identifying article `n` of issue `i` for read marks and caches:
    /// the article's id, or `file#n` when the loader gave none.
    pub fn article_key(&self, i: usize, n: usize) -> Option<String> {
        let issue = self.issues.get(i)?;
        let mut left = n;
        for p in &issue.pages {
            if left < p.articles.len() {
                let a = &p.articles[left];
                return Some(if a.id.is_empty() { format!("{}#{left}", p.source) } else { a.id.clone() });
            }
            left -= p.articles.len();
        }
        None
    }

    /// The key of the selected article.
    pub fn current_key(&self) -> Option<String> {
        self.article_key(self.issue, self.article)
    }

    /// True when article `n` of issue `i` has been read.
    pub fn is_read(&self, i: usize, n: usize) -> bool {
        self.article_key(i, n).is_some_and(|k| self.read.contains(&k))
    }

    /// The current article's layout at `width`, from the cache when there.
    pub fn layout_at(&self, width: usize) -> Option<Arc<ArticleLayout>> {
        let key = self.current_key()?;
        match self.layouts.peek(&key, width) {
            Some(l) => Some(l),
            None => {
                self.current_article().map(|a| Arc::new(ArticleLayout::new_with(a, width, self.layouts.breaking())))
            }
        }
    }

    /// Adds pages that finished loading: each joins its issue (or makes a
    /// new one, in date order), its fragments become an article
    /// ([`super::fragments`]), and the article being read stays selected.
    /// After [`App::new`], the one way pages enter the reader.
    pub fn add_pages(&mut self, pages: impl IntoIterator<Item = Page>) {
        let key = self.current_key();
        let label = self.current_issue().map(Issue::label);
        let first = self.issues.is_empty();
        for mut p in pages {
            super::fragments::absorb(&mut p);
            crate::archive::insert_page(&mut self.issues, p);
        }
        // Issues may have moved down the list: keep the same article selected.
        if let Some((i, n)) = key.and_then(|k| super::marks::locate(self, &k, label.as_deref())) {
            self.issue = i;
            self.article = n;
        }
        super::update::sync(self);
        // The first pages in, and the first issue has no articles: start on
        // the issue list, as with pages loaded at start.
        if first && self.focus == Pane::Articles && self.current_issue().is_some_and(|i| i.article_count() == 0) {
            self.focus = Pane::Issues;
        }
    }

    /// Adds a message for the status bar (errors, warnings): it stays until
    /// `Esc` clears the messages.
    pub fn message(&mut self, text: impl Into<String>) {
        self.messages.push(text.into());
    }

    /// Shows a passing notice in the status bar until the next key press.
    pub fn notice(&mut self, text: impl Into<String>) {
        self.notice = Some((text.into(), self.messages.len()));
    }

    /// What the status bar shows: the notice, or else the latest message.
    pub fn status_message(&self) -> Option<&str> {
        match &self.notice {
            Some((n, at)) if self.messages.len() <= *at => Some(n),
            _ => self.messages.last().map(String::as_str),
        }
    }
}
