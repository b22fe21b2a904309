//! The reader's state: what is loaded, what is selected, what is shown.
//! Pure data; [`super::update`] changes it, [`super::view`] draws it.

use super::effect::Effect;
use crate::layout::article::{ArticleLayout, Part};
use crate::layout::cache::LayoutCache;
use crate::model::{Article, Issue, Page};
use std::collections::HashSet;
use std::sync::Arc;

pub use super::geometry::Pane;
pub use super::navigation::{Navigation, Place};
pub use super::reader::{Highlight, Reader};

/// Something drawn over the panes that takes the keys while open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The key help; the number is its scroll offset.
    Help(usize),
    /// The bookmark list; the number is the selected row.
    Bookmarks(usize),
    /// The message log; the number is its scroll offset.
    Messages(usize),
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

/// Read marks and bookmarks (changed by [`super::marks`] and the update;
/// each change is also an [`Effect`] for the store).
#[derive(Debug, Clone, Default)]
pub struct Marks {
    /// Keys ([`App::article_key`]) of the articles read.
    pub read: HashSet<String>,
    /// Bookmarked articles, oldest first (see [`super::marks`]).
    pub bookmarks: Vec<crate::store::Bookmark>,
    /// The article just marked unread: it stays unread while it is open.
    pub unread_hold: Option<String>,
    /// The articles the last `mark_issue_read` marked (they were unread),
    /// for `undo`.
    pub last_marked: Vec<String>,
    /// The article list shows only the unread articles (and the selected
    /// one, so that the row being read does not vanish under the cursor);
    /// the moves between articles skip the others.
    pub unread_only: bool,
}

/// What the status bar shows besides the position.
#[derive(Debug, Clone, Default)]
pub struct Status {
    /// Pages loaded / total while loading in the background.
    pub progress: Option<(usize, usize)>,
    /// Pages indexed for search / total while the index is being built.
    pub indexing: Option<(usize, usize)>,
    /// Messages for the status bar (load errors, warnings); the last is shown.
    pub messages: Vec<String>,
    /// A passing notice (feedback to an action, a first start) and the
    /// number of messages when it came: shown in the status bar until the
    /// next key press, unless a message came after it.
    pub notice: Option<(String, usize)>,
    /// Every message and notice of this run, oldest first (at most
    /// [`LOG_LIMIT`]): the message log overlay shows them in full.
    pub log: Vec<String>,
}

/// How many messages the log keeps.
pub const LOG_LIMIT: usize = 500;

impl Status {
    /// Adds `text` to the log (not twice in a row).
    fn log(&mut self, text: &str) {
        if self.log.last().is_some_and(|l| l == text) {
            return;
        }
        self.log.push(text.to_string());
        if self.log.len() > LOG_LIMIT {
            self.log.remove(0);
        }
    }

    /// The log, with any message that reached the status bar without it.
    pub fn log_lines(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.log.iter().map(String::as_str).collect();
        for m in &self.messages {
            if !self.log.contains(m) {
                out.push(m);
            }
        }
        out
    }
}

/// The key ([`App::article_key`]) of article `a`, number `left` of page
/// `p`: its id, or `file#n` when the loader gave none.
fn key_in_page<'a>(p: &Page, left: usize, a: &'a Article) -> std::borrow::Cow<'a, str> {
    if a.id.is_empty() { format!("{}#{left}", p.source).into() } else { a.id.as_str().into() }
}

/// Up to this many pages, made-up headlines are mended on the reader's
/// thread as soon as the segmenter is in ([`App::mend_titles`]); more are
/// mended on a thread of their own (at 100,000 pages the pass takes the
/// better part of a second).
pub const MEND_AT_ONCE_PAGES: usize = 2_000;

/// Pages whose mended headlines [`App::mend_titles`] puts in place per
/// call, when they were worked out on a thread of their own (each such
/// page shared with the search index is copied).
pub const MEND_PER_CALL_PAGES: usize = 500;

/// The made-up headlines being mended away from the reader's thread.
#[derive(Debug)]
enum Mending {
    /// Asked for ([`Effect::MendTitles`]), not back yet.
    Asked,
    /// Worked out, being put in place a few pages per call.
    Applying(super::titles::Found),
}

/// Default maximum width of the body text, in columns (40 Han characters).
pub const DEFAULT_MAX_BODY_WIDTH: u16 = 80;

/// The whole state of the reader.
#[derive(Debug)]
pub struct App {
    /// Every issue, in list order (newest first). May grow while pages load:
    /// use [`App::add_pages`] to add pages keeping the selection.
    pub issues: Vec<Issue>,
    /// Which issue, article and pane are selected; the lists' scroll.
    pub nav: Navigation,
    /// The body's scroll, zoom and highlights.
    pub reader: Reader,
    /// An overlay drawn over everything, taking the keys.
    pub overlay: Option<Overlay>,
    /// How keys are read.
    pub mode: Mode,
    /// Read marks and bookmarks.
    pub marks: Marks,
    /// The status bar's messages, notice and loading progress.
    pub status: Status,
    /// Styles, key bindings, the widest body line.
    pub settings: super::settings::Settings,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Wrapped articles per (article, width).
    pub layouts: LayoutCache,
    /// Set by the quit action; the event loop ends.
    pub quit: bool,
    /// The search line, its results and the matches being visited.
    pub search: super::search_state::SearchState,
    /// Effects asked for and not yet handed out ([`App::take_effects`]).
    effects: Vec<Effect>,
    /// The position last handed out as [`Effect::SavePosition`].
    saved_position: Option<crate::store::Position>,
    /// Made-up headlines cut inside a word have been mended
    /// ([`super::titles`]; once the segmenter has loaded).
    titles_mended: bool,
    /// The headlines being mended on a thread of their own, for more pages
    /// than [`MEND_AT_ONCE_PAGES`] ([`App::mend_titles`]).
    mending: Option<Mending>,
    /// Pages that entered the reader ([`App::new`], [`App::add_pages`]).
    pages_added: usize,
    /// Up to this many pages, made-up headlines are mended on the reader's
    /// thread ([`MEND_AT_ONCE_PAGES`] unless
    /// [`App::set_mend_at_once_pages`] says otherwise).
    mend_at_once_pages: usize,
    /// The pages the reader changed since they were loaded (mended
    /// headlines), as loaded: what the search index is given
    /// ([`App::issues_as_loaded`]).
    as_loaded: super::as_loaded::AsLoaded,
}

impl App {
    /// A reader over `issues` in a terminal of `size` (columns, rows).
    /// Pages' fragments become an extra article each ([`super::fragments`]).
    pub fn new(mut issues: Vec<Issue>, size: (u16, u16)) -> App {
        super::fragments::absorb_all(&mut issues);
        let mut app = App {
            issues,
            nav: Navigation::default(),
            reader: Reader::default(),
            overlay: None,
            mode: Mode::Normal,
            marks: Marks::default(),
            status: Status::default(),
            settings: Default::default(),
            size,
            layouts: LayoutCache::new(),
            quit: false,
            search: Default::default(),
            effects: Vec::new(),
            saved_position: None,
            titles_mended: false,
            mending: None,
            pages_added: 0,
            mend_at_once_pages: MEND_AT_ONCE_PAGES,
            as_loaded: Default::default(),
        };
        app.pages_added = app.issues.iter().map(|i| i.pages.len()).sum();
        app.mend_titles();
        app.sync();
        // Nothing to move through in an empty article list: start on the issues.
        if app.current_issue().is_some_and(|i| i.article_count() == 0) {
            app.nav.set_focus(Pane::Issues);
        }
        app
    }

    /// Restores the invariants after any change: indices in range, the current
    /// article laid out at the body's width (cached), the reading position kept
    /// across width changes, scroll clamped, list selections visible, the
    /// article marked read when the body has the focus, and a changed position
    /// emitted ([`Effect::SavePosition`]).
    pub fn sync(&mut self) {
        let app = self;
        let App { issues, nav, .. } = &mut *app;
        nav.clamp(issues.len(), |i| issues.get(i).map_or(0, |x| x.article_count()));
        let screen = app.screen();

        if let Some(body) = screen.body {
            let text = super::geometry::body_text(body, app.settings.max_body_width);
            if let Some(key) = app.current_key() {
                let App { issues, layouts, nav, reader, .. } = &mut *app;
                if let Some(issue) = issues.get(nav.issue()) {
                    // The text is read (on demand) only for a layout not made yet.
                    let mut text_of = None;
                    reader.fit(&key, text.width as usize, text.height as usize, |w| {
                        if let Some(l) = layouts.peek(&key, w) {
                            return Some(l);
                        }
                        let a = text_of.get_or_insert_with(|| crate::page_text::article(issue, nav.article()));
                        Some(layouts.get(&key, a.as_deref()?, w))
                    });
                }
            }
        }

        let issue_rows =
            screen.issues.map(|r| (super::geometry::inner(r).height / super::geometry::ISSUE_ROWS).max(1) as usize);
        let article_rows = screen.articles.map(|r| super::geometry::inner(r).height.max(1) as usize);
        let article_row = app.article_row();
        app.nav.show_selection(issue_rows, article_rows.map(|rows| (rows, article_row)));
        let key = app.current_key();
        // While searching, the body only previews results: nothing is
        // read, no hold is let go, no position saved.
        let searching = app.mode == Mode::Search;
        if app.marks.unread_hold.is_some() && app.marks.unread_hold != key && !searching {
            app.marks.unread_hold = None;
        }
        if app.nav.focus() == Pane::Body
            && !searching
            && let Some(key) = key
            && app.marks.unread_hold.is_none()
            && !app.marks.read.contains(&key)
        {
            app.marks.read.insert(key.clone());
            app.emit(Effect::SetRead(key, true));
        }
        app.note_position();
    }

    /// Where the panes are at the current size, focus and zoom.
    pub fn screen(&self) -> super::geometry::Screen {
        super::geometry::screen_for(
            ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1),
            self.nav.focus(),
            self.reader.zoom(),
            self.settings.max_body_width,
        )
    }

    /// The selected issue.
    pub fn current_issue(&self) -> Option<&Issue> {
        self.issues.get(self.nav.issue())
    }

    /// The selected article as the issue holds it: for a page holding its
    /// headlines only, without its text (see [`App::current_text`]).
    pub fn current_article(&self) -> Option<&Article> {
        self.current_issue()?.article(self.nav.article())
    }

    /// The selected article with all its text (read on demand for a page
    /// holding its headlines only, [`crate::page_text`]).
    pub fn current_text(&self) -> Option<crate::page_text::ArticleText> {
        crate::page_text::article(self.current_issue()?, self.nav.article())
    }

    /// The page the selected article is printed on (its headlines; the
    /// full page is [`crate::page_text::ArticleText::page`]).
    pub fn current_page(&self) -> Option<&Page> {
        let issue = self.current_issue()?;
        let mut left = self.nav.article();
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
            if let Some(a) = p.articles.get(left) {
                return Some(key_in_page(p, left, a).into_owned());
            }
            left -= p.articles.len();
        }
        None
    }

    /// The key of the selected article.
    pub fn current_key(&self) -> Option<String> {
        self.article_key(self.nav.issue(), self.nav.article())
    }

    /// For each article of issue `i`, in order: has it been read?
    pub fn read_flags(&self, i: usize) -> Vec<bool> {
        let Some(issue) = self.issues.get(i) else { return Vec::new() };
        let mut out = Vec::with_capacity(issue.article_count());
        for p in &issue.pages {
            for (left, a) in p.articles.iter().enumerate() {
                out.push(self.marks.read.contains(key_in_page(p, left, a).as_ref()));
            }
        }
        out
    }

    /// The articles of issue `i` the article list shows, in order: every
    /// one, or with [`Marks::unread_only`] the unread ones and the
    /// selected one.
    pub fn listed_articles(&self, i: usize) -> Vec<usize> {
        let count = self.issues.get(i).map_or(0, Issue::article_count);
        if !self.marks.unread_only {
            return (0..count).collect();
        }
        let selected = (i == self.nav.issue()).then_some(self.nav.article());
        self.read_flags(i)
            .into_iter()
            .enumerate()
            .filter(|&(n, read)| !read || Some(n) == selected)
            .map(|(n, _)| n)
            .collect()
    }

    /// The selected article's row in the article list ([`App::listed_articles`]).
    pub fn article_row(&self) -> usize {
        let listed = self.listed_articles(self.nav.issue());
        listed.iter().position(|&n| n == self.nav.article()).unwrap_or(0)
    }

    /// True when article `n` of issue `i` has been read.
    pub fn is_read(&self, i: usize, n: usize) -> bool {
        self.article_key(i, n).is_some_and(|k| self.marks.read.contains(&k))
    }

    /// The current article's layout at `width`, from the cache when there.
    pub fn layout_at(&self, width: usize) -> Option<Arc<ArticleLayout>> {
        let key = self.current_key()?;
        match self.layouts.peek(&key, width) {
            Some(l) => Some(l),
            None => self.current_text().map(|a| Arc::new(ArticleLayout::new_with(&a, width, self.layouts.breaking()))),
        }
    }

    /// The issues as the search index is to see them: the reader's, each
    /// page as it was loaded (its headlines as the loader made them, not
    /// mended: see [`super::as_loaded`]), sharing the pages.
    pub fn issues_as_loaded(&self) -> Vec<Issue> {
        self.as_loaded.issues(&self.issues)
    }

    /// Changes page `page` of issue `issue` with `f`, and the page as
    /// loaded alike (keywords, which the search index is to see too).
    /// Nothing happens when there is no such page.
    pub fn change_page(&mut self, issue: usize, page: usize, f: impl Fn(&mut Page)) {
        if let Some(p) = self.issues.get_mut(issue).and_then(|i| i.pages.get_mut(page)) {
            self.as_loaded.change_both(p, f);
        }
    }

    /// How many pages entered the reader so far: changes whenever the
    /// issues do (a cheap way to tell, at every turn of the loop).
    pub fn pages_added(&self) -> usize {
        self.pages_added
    }

    /// Where the article `id` is among the loaded issues: (issue, article),
    /// looking first in the issue labelled `label` (the same recurring item can
    /// be in several issues under the same file name).
    pub fn locate(&self, id: &str, label: Option<&str>) -> Option<(usize, usize)> {
        let within = |i: usize| {
            (0..self.issues[i].article_count()).find(|&n| self.article_key(i, n).as_deref() == Some(id)).map(|n| (i, n))
        };
        label
            .and_then(|l| self.issues.iter().position(|x| x.label() == l))
            .and_then(within)
            .or_else(|| (0..self.issues.len()).find_map(within))
    }

    /// Adds pages that finished loading: each joins its issue (or makes a
    /// new one, in date order), its fragments become an article
    /// ([`super::fragments`]), and the article being read stays selected.
    /// After [`App::new`], the one way pages enter the reader.
    pub fn add_pages<P: Into<std::sync::Arc<Page>>>(&mut self, pages: impl IntoIterator<Item = P>) {
        let key = self.current_key();
        let label = self.current_issue().map(Issue::label);
        let first = self.issues.is_empty();
        // (Pages that come in while the headlines are mended on a thread of
        // their own are not among those it looks at: mended here.)
        let jieba = if self.titles_mended || self.mending.is_some() { crate::search::words::try_jieba() } else { None };
        // Where the selected issue went (new issues before it move it down).
        let mut current = (!first).then(|| self.nav.issue());
        for p in pages {
            let mut p = p.into();
            super::fragments::absorb(std::sync::Arc::make_mut(&mut p));
            if let Some(j) = jieba {
                super::titles::mend_page(&mut p, &mut self.as_loaded, j);
            }
            let (at, new) = crate::archive::insert_page(&mut self.issues, p);
            if let Some(c) = current.as_mut()
                && new
                && at <= *c
            {
                *c += 1;
            }
            self.pages_added += 1;
        }
        if !self.nav.chosen() {
            // Nobody chose a place yet: the newest issue, its first
            // article, whichever pages came in first.
            self.nav.select(0, 0);
            self.nav.rewind_article_list();
            self.reader.start_article();
        } else if let Some(k) = key {
            // Issues may have moved down the list: keep the same article
            // selected (looked for in the issue it was in, else everywhere).
            let in_current = current.filter(|&c| self.issues.get(c).map(Issue::label) == label).and_then(|c| {
                (0..self.issues[c].article_count())
                    .find(|&n| self.article_key(c, n).as_deref() == Some(k.as_str()))
                    .map(|n| (c, n))
            });
            if let Some((i, n)) = in_current.or_else(|| self.locate(&k, label.as_deref())) {
                self.nav.select(i, n);
            }
        }
        self.sync();
        // The first pages in, and the first issue has no articles: start on
        // the issue list, as with pages loaded at start.
        if first && self.nav.focus() == Pane::Articles && self.current_issue().is_some_and(|i| i.article_count() == 0) {
            self.nav.set_focus(Pane::Issues);
        }
    }

    /// Once the word segmenter has loaded (in the background), cuts the
    /// made-up headlines that end inside a word at the word's start
    /// ([`super::titles`]), keeping the line at the top of the body: at once
    /// for up to [`MEND_AT_ONCE_PAGES`] pages; for more, asks for them to be
    /// worked out on a thread of their own ([`Effect::MendTitles`]) and puts
    /// them in place a few pages per call once they are back
    /// ([`App::put_mended_titles`]). Cheap after the first time; called at
    /// each update and tick. True when a headline changed.
    pub fn mend_titles(&mut self) -> bool {
        if self.titles_mended {
            return false;
        }
        match self.mending.take() {
            Some(Mending::Asked) => {
                self.mending = Some(Mending::Asked);
                return false;
            }
            Some(Mending::Applying(mut found)) => {
                let top = self.top_line();
                let changed = found.apply(&mut self.issues, &mut self.as_loaded, MEND_PER_CALL_PAGES);
                if found.is_done() {
                    self.titles_mended = true;
                } else {
                    self.mending = Some(Mending::Applying(found));
                }
                if changed {
                    self.relayout(top);
                }
                return changed;
            }
            None => {}
        }
        let Some(jieba) = crate::search::words::try_jieba() else { return false };
        if self.pages_added > self.mend_at_once_pages {
            self.effects.push(Effect::MendTitles(self.issues.clone()));
            self.mending = Some(Mending::Asked);
            return false;
        }
        self.titles_mended = true;
        let top = self.top_line();
        let changed = super::titles::mend_issues(&mut self.issues, &mut self.as_loaded, jieba);
        if changed {
            self.relayout(top);
        }
        changed
    }

    /// Mends made-up headlines on the reader's thread for up to `pages`
    /// pages, on a thread of their own for more (instead of
    /// [`MEND_AT_ONCE_PAGES`]): lets a test or a benchmark take the path
    /// a large archive takes without loading one.
    pub fn set_mend_at_once_pages(&mut self, pages: usize) {
        self.mend_at_once_pages = pages;
    }

    /// The mended headlines asked for by [`Effect::MendTitles`], worked out
    /// ([`super::titles::find`]); None when they could not be (the headlines
    /// stay as the loader made them). [`App::mend_titles`] puts them in place.
    pub fn put_mended_titles(&mut self, found: Option<super::titles::Found>) {
        match found {
            Some(found) => self.mending = Some(Mending::Applying(found)),
            None => {
                self.mending = None;
                self.titles_mended = true;
            }
        }
    }

    /// True while the made-up headlines are being mended on a thread of
    /// their own (the loop should come back to put them in place).
    pub fn mending_titles(&self) -> bool {
        self.mending.is_some()
    }

    /// The line at the top of the body (part, byte offset): the one the
    /// reader chose, else the one shown there. None at the article's top.
    pub fn top_line(&self) -> Option<(Part, usize)> {
        if self.reader.scroll() == 0 {
            return None;
        }
        self.reader.top_line(self.current_key().as_deref(), self.layout_at(self.reader.width()))
    }

    /// The articles changed (keywords joined their headers): lays them out
    /// again, with `top` ([`App::top_line`], taken before the change) still
    /// at the top of the body.
    pub fn relayout(&mut self, top: Option<(Part, usize)>) {
        self.layouts.clear();
        if let Some((part, off)) = top
            && let Some(line) = self.layout_at(self.reader.width()).and_then(|l| l.line_of(part, off))
        {
            self.reader.relaid(line);
            self.note_position();
        }
    }

    /// Asks the event loop for an effect (a search, a mark to save). A
    /// position replaces one not yet handed out.
    pub fn emit(&mut self, effect: Effect) {
        if matches!(effect, Effect::SavePosition(_)) {
            self.effects.retain(|e| !matches!(e, Effect::SavePosition(_)));
        }
        self.effects.push(effect);
    }

    /// Where the reader is, as saved for the next start (None with nothing loaded).
    pub fn position(&self) -> Option<crate::store::Position> {
        let issue = self.current_issue()?;
        Some(crate::store::Position {
            issue: issue.label(),
            article: self.current_key(),
            article_index: self.nav.article(),
            scroll: self.reader.scroll(),
            width: self.reader.width(),
            anchor: if self.reader.scroll() > 0 {
                self.layout_at(self.reader.width()).and_then(|l| l.anchor(self.reader.scroll()))
            } else {
                None
            },
        })
    }

    /// Emits [`Effect::SavePosition`] when the position
    /// differs from the one last emitted.
    pub fn note_position(&mut self) {
        if self.mode == Mode::Search {
            // A preview of a result: not where the reader is.
            return;
        }
        let pos = self.position();
        if pos.is_some() && pos != self.saved_position {
            self.saved_position = pos.clone();
            if let Some(pos) = pos {
                self.emit(Effect::SavePosition(pos));
            }
        }
    }

    /// Forgets which position was emitted last, so that the next
    /// [`App::note_position`] emits it again (after a restored position).
    pub fn forget_saved_position(&mut self) {
        self.saved_position = None;
    }

    /// The effects asked for since the last call, oldest first.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Adds a message for the status bar (errors, warnings): it stays until
    /// `Esc` clears the messages.
    pub fn message(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.status.log(&text);
        self.status.messages.push(text);
    }

    /// Takes back the status bar messages that `which` picks (a load
    /// report replaced by a newer one, a failure to save that is over).
    pub fn withdraw_messages(&mut self, which: impl Fn(&str) -> bool) {
        self.status.messages.retain(|m| !which(m));
    }

    /// Shows the loading progress (pages loaded, total), or none.
    pub fn set_progress(&mut self, progress: Option<(usize, usize)>) {
        self.status.progress = progress;
    }

    /// Shows the progress of indexing for search (pages indexed, total), or none.
    pub fn set_indexing(&mut self, indexing: Option<(usize, usize)>) {
        self.status.indexing = indexing;
    }

    /// Puts in the read marks and bookmarks saved by earlier runs.
    pub fn load_marks(&mut self, read: impl IntoIterator<Item = String>, bookmarks: Vec<crate::store::Bookmark>) {
        self.marks.read = read.into_iter().collect();
        self.marks.bookmarks = bookmarks;
    }

    /// Shows a passing notice in the status bar until the next key press.
    pub fn notice(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.status.log(&text);
        self.status.notice = Some((text, self.status.messages.len()));
    }

    /// What the status bar shows: the notice, or else the latest message.
    pub fn status_message(&self) -> Option<&str> {
        match &self.status.notice {
            Some((n, at)) if self.status.messages.len() <= *at => Some(n),
            _ => self.status.messages.last().map(String::as_str),
        }
    }

    /// True when [`App::status_message`] is a passing notice (harmless:
    /// drawn plain), not an error or warning (drawn in the message colour).
    pub fn status_is_notice(&self) -> bool {
        matches!(&self.status.notice, Some((_, at)) if self.status.messages.len() <= *at)
    }

    /// Where the reader is now, to come back to with
    /// [`super::navigate::go_to`] (a search cancelled).
    pub fn place(&self) -> Place {
        Place { nav: self.nav.clone(), reader: self.reader.clone() }
    }
}
