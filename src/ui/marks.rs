//! Read marks and bookmarks: what `u`, `R`, `m` and the bookmark list (`'`)
//! do to the state. No I/O: each change is also an [`Effect`] that the
//! event loop hands to [`super::session`] for the state file.

use super::action::Action;
use super::app::{App, Overlay};
use super::effect::Effect;
use crate::store::Bookmark;

/// Bookmarks the current article, or removes its bookmark.
pub fn toggle_bookmark(app: &mut App) {
    let Some(key) = app.current_key() else {
        app.notice("no article to bookmark");
        return;
    };
    if let Some(i) = app.marks.bookmarks.iter().position(|b| b.id == key) {
        app.marks.bookmarks.remove(i);
        app.emit(Effect::RemoveBookmark(key));
        app.notice("bookmark removed");
    } else {
        let title = app.current_article().map(|a| a.title.clone()).unwrap_or_default();
        let issue = app.current_issue().map(|i| i.label()).unwrap_or_default();
        // `added` is filled in when the state is saved (no clock here).
        let bookmark = Bookmark { id: key, title, issue, added: 0 };
        app.marks.bookmarks.push(bookmark.clone());
        app.emit(Effect::AddBookmark(bookmark));
        app.notice("bookmarked — ' lists bookmarks");
    }
}

/// True when article `n` of issue `i` is bookmarked.
pub fn is_bookmarked(app: &App, i: usize, n: usize) -> bool {
    app.article_key(i, n).is_some_and(|k| app.marks.bookmarks.iter().any(|b| b.id == k))
}

/// Marks the current article unread; it stays unread while it stays open.
pub fn mark_unread(app: &mut App) {
    if let Some(key) = app.current_key() {
        app.marks.read.remove(&key);
        app.emit(Effect::SetRead(key.clone(), false));
        app.marks.unread_hold = Some(key);
        app.notice("marked unread");
    }
}

/// Marks every article of the current issue read.
pub fn mark_issue_read(app: &mut App) {
    let Some(issue) = app.current_issue() else { return };
    let n = issue.article_count();
    let keys: Vec<String> = (0..n).filter_map(|k| app.article_key(app.nav.issue(), k)).collect();
    let mut marked = Vec::new();
    for key in keys {
        if app.marks.read.insert(key.clone()) {
            marked.push(key.clone());
        }
        app.emit(Effect::SetRead(key, true));
    }
    app.marks.unread_hold = None;
    app.marks.last_marked = marked;
    let undo = crate::ui::keys::keys_label(&app.settings.keymap, crate::action::Action::Undo);
    // Short, so that the status bar has room for it beside the key hints.
    let articles = if n == 1 { "article" } else { "articles" };
    app.notice(format!("{n} {articles} marked read ({undo} undoes)"));
}

/// Undoes the last `mark_issue_read`: the articles it marked are unread again.
pub fn undo(app: &mut App) {
    let keys = std::mem::take(&mut app.marks.last_marked);
    if keys.is_empty() {
        app.notice("nothing to undo");
        return;
    }
    let n = keys.len();
    for key in keys {
        app.marks.read.remove(&key);
        app.emit(Effect::SetRead(key, false));
    }
    app.notice(format!("{n} articles unread again"));
}

/// Opens the bookmark list on the current article's bookmark (else the first).
pub fn open_bookmarks(app: &mut App) {
    let key = app.current_key();
    let sel = app.marks.bookmarks.iter().position(|b| Some(&b.id) == key.as_ref()).unwrap_or(0);
    app.overlay = Some(Overlay::Bookmarks(sel));
}

/// Keys while the bookmark list is open: move, open (jump to the article),
/// remove (`m` / the bookmark key), close.
pub fn bookmarks_action(app: &mut App, sel: usize, action: Action) {
    let count = app.marks.bookmarks.len();
    let last = count.saturating_sub(1);
    let page = (app.size.1 as usize / 2).max(1);
    let sel = match action {
        // `q` closes the list, as in less and newsboat.
        Action::Back | Action::Bookmarks | Action::Quit => {
            app.overlay = None;
            return;
        }
        Action::Open | Action::FocusRight => {
            open_bookmark(app, sel);
            return;
        }
        Action::ToggleBookmark => {
            if sel < count {
                let gone = app.marks.bookmarks.remove(sel);
                app.emit(Effect::RemoveBookmark(gone.id));
                app.notice("bookmark removed");
            }
            sel.min(app.marks.bookmarks.len().saturating_sub(1))
        }
        Action::Down | Action::Wheel(_, _, 1..) => (sel + 1).min(last),
        Action::Up | Action::Wheel(_, _, ..=-1) => sel.saturating_sub(1),
        Action::PageDown | Action::HalfPageDown => (sel + page).min(last),
        Action::PageUp | Action::HalfPageUp => sel.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => last,
        _ => sel,
    };
    app.overlay = Some(Overlay::Bookmarks(sel));
}

/// Jumps to the article of bookmark `sel` and closes the list.
fn open_bookmark(app: &mut App, sel: usize) {
    let Some(b) = app.marks.bookmarks.get(sel) else {
        app.overlay = None;
        return;
    };
    match app.locate(&b.id, Some(&b.issue)) {
        Some((i, n)) => {
            app.overlay = None;
            super::navigate::open_article(app, i, n);
        }
        None => {
            let what = format!("“{}” ({}) is not in the loaded issues", b.title, b.issue);
            app.notice(what);
        }
    }
}
