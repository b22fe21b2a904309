//! What the user can ask for. Keys and mouse events become [`Action`]s
//! (see [`super::keys`]); [`super::update`] applies them to the state.

/// One thing to do. The bindable actions have stable snake_case names
/// ([`Action::name`]) used in help and as keys of the configuration's key
/// bindings; the others come from the mouse and the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// `down`: next item of a list, or scroll the body one line down.
    Down,
    /// `up`: previous item, or scroll one line up.
    Up,
    /// `focus_left`: focus the pane to the left.
    FocusLeft,
    /// `focus_right`: focus the pane to the right (opens the article from the list).
    FocusRight,
    /// `focus_next`: focus the next pane, wrapping around.
    FocusNext,
    /// `focus_prev`: focus the previous pane, wrapping around.
    FocusPrev,
    /// `open`: open the selected issue or article.
    Open,
    /// `top`: first item, or top of the article.
    Top,
    /// `bottom`: last item, or end of the article.
    Bottom,
    /// `half_page_down`.
    HalfPageDown,
    /// `half_page_up`.
    HalfPageUp,
    /// `page_down` (in the body at the end of an article: the next article).
    PageDown,
    /// `page_up`.
    PageUp,
    /// `next_article`: the next article (into the next issue at the end).
    NextArticle,
    /// `prev_article`: the previous article.
    PrevArticle,
    /// `next_issue`: the next issue in the list (older).
    NextIssue,
    /// `prev_issue`: the previous issue in the list (newer).
    PrevIssue,
    /// `zoom`: show the body alone on the whole screen, or stop doing so.
    Zoom,
    /// `toggle_bookmark`: bookmark the current article, or remove its bookmark.
    ToggleBookmark,
    /// `bookmarks`: list the bookmarks.
    Bookmarks,
    /// `mark_unread`: mark the current article unread.
    MarkUnread,
    /// `mark_issue_read`: mark every article of the current issue read.
    MarkIssueRead,
    /// `help`: show or hide the key help.
    Help,
    /// `back`: close an overlay, leave zoom, or step back a pane.
    Back,
    /// `quit`.
    Quit,
    /// `search`: open the search line (`/`).
    Search,
    /// `next_match`: the next search match (into the next result at the end).
    NextMatch,
    /// `prev_match`: the previous search match.
    PrevMatch,
    /// A key typed on the search line (see [`super::search_state`]).
    SearchEdit(super::search_state::Edit),
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// A left click at (column, row).
    Click(u16, u16),
    /// The wheel turned at (column, row): positive scrolls down.
    Wheel(u16, u16, i16),
}

impl Action {
    /// Every action that keys can be bound to, in help order.
    pub const BINDABLE: &'static [Action] = &[
        Action::Down,
        Action::Up,
        Action::FocusLeft,
        Action::FocusRight,
        Action::FocusNext,
        Action::FocusPrev,
        Action::Open,
        Action::Top,
        Action::Bottom,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::PageDown,
        Action::PageUp,
        Action::PrevArticle,
        Action::NextArticle,
        Action::PrevIssue,
        Action::NextIssue,
        Action::Zoom,
        Action::ToggleBookmark,
        Action::Bookmarks,
        Action::MarkUnread,
        Action::MarkIssueRead,
        Action::Search,
        Action::NextMatch,
        Action::PrevMatch,
        Action::Help,
        Action::Back,
        Action::Quit,
    ];

    /// The stable name (`scroll`-agnostic: `down` moves in lists and scrolls the body).
    /// None for mouse and terminal events.
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            Action::Down => "down",
            Action::Up => "up",
            Action::FocusLeft => "focus_left",
            Action::FocusRight => "focus_right",
            Action::FocusNext => "focus_next",
            Action::FocusPrev => "focus_prev",
            Action::Open => "open",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::HalfPageDown => "half_page_down",
            Action::HalfPageUp => "half_page_up",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::NextArticle => "next_article",
            Action::PrevArticle => "prev_article",
            Action::NextIssue => "next_issue",
            Action::PrevIssue => "prev_issue",
            Action::Zoom => "zoom",
            Action::ToggleBookmark => "toggle_bookmark",
            Action::Bookmarks => "bookmarks",
            Action::MarkUnread => "mark_unread",
            Action::MarkIssueRead => "mark_issue_read",
            Action::Help => "help",
            Action::Back => "back",
            Action::Quit => "quit",
            Action::Search => "search",
            Action::NextMatch => "next_match",
            Action::PrevMatch => "prev_match",
            Action::SearchEdit(_) | Action::Resize(..) | Action::Click(..) | Action::Wheel(..) => return None,
        })
    }

    /// The bindable action with this name.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::BINDABLE.iter().copied().find(|a| a.name() == Some(name))
    }

    /// What the action does, for the help overlay.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Down => "next item / scroll down",
            Action::Up => "previous item / scroll up",
            Action::FocusLeft => "pane to the left",
            Action::FocusRight => "pane to the right",
            Action::FocusNext => "next pane",
            Action::FocusPrev => "previous pane",
            Action::Open => "open issue or article",
            Action::Top => "first item / top",
            Action::Bottom => "last item / end",
            Action::HalfPageDown => "half a page down",
            Action::HalfPageUp => "half a page up",
            Action::PageDown => "a page down; at the end, next article",
            Action::PageUp => "a page up",
            Action::NextArticle => "next article",
            Action::PrevArticle => "previous article",
            Action::NextIssue => "next issue",
            Action::PrevIssue => "previous issue",
            Action::Zoom => "zoom the body to the full screen",
            Action::ToggleBookmark => "bookmark / unbookmark the article",
            Action::Bookmarks => "list bookmarks",
            Action::MarkUnread => "mark the article unread",
            Action::MarkIssueRead => "mark the whole issue read",
            Action::Help => "this help",
            Action::Back => "close overlay / leave zoom / back",
            Action::Quit => "quit",
            Action::Search => "search every issue (Hanzi or pinyin)",
            Action::NextMatch => "next search match",
            Action::PrevMatch => "previous search match",
            Action::SearchEdit(_) => "edit the search line",
            Action::Resize(..) => "terminal resized",
            Action::Click(..) => "mouse click",
            Action::Wheel(..) => "mouse wheel",
        }
    }
}

/// Something that arrives from another thread while the reader runs (see
/// [`super::terminal::run_app`]); applied by [`super::update::receive`].
#[derive(Debug)]
pub enum Background {
    /// More pages have loaded.
    Pages(Vec<crate::model::Page>),
    /// A line for the status bar (e.g. a file that failed to load).
    Message(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for &a in Action::BINDABLE {
            let n = a.name().expect("bindable actions have names");
            assert!(seen.insert(n), "duplicate name {n}");
            assert_eq!(Action::from_name(n), Some(a));
        }
        assert_eq!(Action::from_name("scroll_sideways"), None);
        assert_eq!(Action::Resize(1, 1).name(), None);
    }
}
