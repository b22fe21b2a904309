//! What an update asks of the world outside the state. [`super::update::update`]
//! returns them; the event loop carries them out: searches go to the search
//! worker ([`super::search_driver`]), marks and the reading position to the
//! reading state on disk ([`super::session::Session::apply`]), and work too
//! long for the reader's thread to a thread of the session's. The state itself
//! does no I/O and starts no thread.

use crate::model::Issue;
use crate::store::{Bookmark, Position};

/// One thing for the event loop to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Run this query (the results come back to the search state).
    Search(String),
    /// Mark the article with this key read (true) or unread (false).
    SetRead(String, bool),
    /// Keep this bookmark.
    AddBookmark(Bookmark),
    /// Drop the bookmark of the article with this key.
    RemoveBookmark(String),
    /// The reading position changed: note it for the next start. Emitted
    /// once per change; a newer one replaces one not yet handed out, and
    /// the store writes at most once a second, so scrolling does not write
    /// on every key.
    SavePosition(Position),
    /// The article list now shows unread articles only (true) or every
    /// article (false): kept for the next start.
    SetUnreadOnly(bool),
    /// Put this text on the terminal's clipboard (OSC 52).
    Copy(String),
    /// Work out the mended made-up headlines of these issues (the reader's
    /// list, sharing its pages) on a thread of their own, and hand them to
    /// [`super::App::put_mended_titles`] ([`super::titles::find`]).
    MendTitles(Vec<Issue>),
    /// Save this text as a file with this name in the save folder.
    Save {
        /// The file's name ([`crate::export::file_name`]).
        name: String,
        /// What goes in it.
        text: String,
    },
}
