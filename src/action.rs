//! What the user can ask for, as plain data (no terminal library here):
//! the reader's keys, the mouse and the terminal become [`Action`]s, which
//! the settings bind keys to and the reader's update applies.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One thing to do. The bindable actions have stable snake_case names (their
/// serde names, [`Action::name`]): the keys of the `[keys]` table in
/// `assets/config.toml`, which also gives their default keys, their help
/// text and the help's order. The others come from the search line, the
/// mouse and the terminal, and have no name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
    /// `next_unread`: open the next unread article, across issues (newsboat's `n`).
    NextUnread,
    /// `undo`: undo the last `mark_issue_read`.
    Undo,
    /// `toggle_unread_only`: list only the unread articles (and the one
    /// selected), or every article again.
    ToggleUnreadOnly,
    /// `copy_article`: copy the open article as text to the terminal's clipboard (OSC 52).
    CopyArticle,
    /// `save_article`: save the open article as a text file.
    SaveArticle,
    /// `help`: show or hide the key help.
    Help,
    /// `messages`: show or hide the message log (every message in full).
    Messages,
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
    /// Ctrl-c: quits from anywhere, an overlay or the search line included
    /// (`quit` only closes an overlay).
    #[serde(skip)]
    Interrupt,
    /// A key typed on the search line.
    #[serde(skip)]
    SearchEdit(Edit),
    /// The terminal now has this many columns and rows.
    #[serde(skip)]
    Resize(u16, u16),
    /// A left click at (column, row).
    #[serde(skip)]
    Click(u16, u16),
    /// The wheel turned at (column, row): positive scrolls down.
    #[serde(skip)]
    Wheel(u16, u16, i16),
}

impl Action {
    /// The stable name (`down`, `page_down`, …) of a bindable action; None
    /// for the search line, the mouse and the terminal.
    pub fn name(self) -> Option<String> {
        match toml::Value::try_from(self) {
            Ok(toml::Value::String(s)) => Some(s),
            _ => None,
        }
    }

    /// The bindable action with this name.
    pub fn from_name(name: &str) -> Option<Action> {
        toml::Value::String(name.to_string()).try_into().ok()
    }
}

impl fmt::Display for Action {
    /// The name of a bindable action, else the variant (`Resize(80, 24)`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => f.write_str(&n),
            None => write!(f, "{self:?}"),
        }
    }
}

/// One key typed on the search line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edit {
    /// Insert a character at the cursor.
    Insert(char),
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    /// Delete the word before the cursor (`Ctrl-w`).
    DeleteWord,
    /// Delete everything before the cursor (`Ctrl-u`).
    DeleteToStart,
    /// Cursor one character left / right, to the start / end.
    Left,
    Right,
    Home,
    End,
    /// `↑`: previous result, or an older query when the line is empty.
    Up,
    /// `↓`: next result, or a newer query while going through the history.
    Down,
    /// `Ctrl-p` / `Ctrl-n`: previous / next result.
    PrevResult,
    NextResult,
    /// `Enter`: open the selected result.
    Submit,
    /// `Esc`: close the search and go back to where the user was.
    Cancel,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        assert_eq!(Action::PageDown.name().as_deref(), Some("page_down"));
        assert_eq!(Action::from_name("mark_issue_read"), Some(Action::MarkIssueRead));
        assert_eq!(Action::from_name("scroll_sideways"), None);
        assert_eq!(Action::from_name("resize"), None);
        assert_eq!(Action::Resize(1, 1).name(), None);
        assert_eq!(Action::SearchEdit(Edit::Submit).name(), None);
    }
}
