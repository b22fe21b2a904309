//! Actions change the state. No I/O here and no drawing: what needs the
//! world outside (a search, saving a mark) comes back as [`Effect`]s.

use super::action::Action;
use super::app::{App, Overlay, Pane};
use super::effect::Effect;
use super::geometry::{self, ISSUE_ROWS};
use super::navigate::{next_article, select_article, select_issue};

/// Applies one action to the state, then restores its invariants
/// ([`App::sync`]); returns what the event loop must do about it.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    if !matches!(action, Action::Resize(..) | Action::Interrupt) {
        // A key or a click: the user has chosen where to be.
        app.nav.choose();
    }
    apply(app, action);
    app.take_effects()
}

fn apply(app: &mut App, action: Action) {
    app.mend_titles();
    if let Action::Resize(w, h) = action {
        app.size = (w, h);
        app.sync();
        return;
    }
    if action == Action::Interrupt {
        app.quit = true;
        return;
    }
    // A notice lasts until the next key press (or click).
    app.status.notice = None;
    if let Some(overlay) = app.overlay {
        overlay_action(app, overlay, action);
        app.sync();
        return;
    }
    let pane = app.nav.focus();
    match action {
        Action::Search => super::search_update::open(app),
        Action::NextMatch => super::search_update::next_match(app, 1),
        Action::PrevMatch => super::search_update::next_match(app, -1),
        Action::SearchEdit(e) => super::search_update::edit(app, e),
        Action::Quit => app.quit = true,
        Action::Help => app.overlay = Some(Overlay::Help(0)),
        Action::ToggleBookmark => super::marks::toggle_bookmark(app),
        Action::Bookmarks => super::marks::open_bookmarks(app),
        Action::MarkUnread => super::marks::mark_unread(app),
        Action::MarkIssueRead => super::marks::mark_issue_read(app),
        Action::CopyArticle | Action::SaveArticle => take_out(app, action),
        Action::NextUnread => super::navigate::next_unread(app),
        Action::Undo => super::marks::undo(app),
        Action::ToggleUnreadOnly => super::navigate::toggle_unread_only(app),
        Action::Messages => app.overlay = Some(Overlay::Messages(super::view::messages::max_scroll(app))),
        Action::Zoom => {
            let zoom = !app.reader.zoom();
            app.reader.set_zoom(zoom);
            if zoom {
                app.nav.set_focus(Pane::Body);
            }
        }
        Action::Back => {
            if app.reader.zoom() {
                app.reader.set_zoom(false);
            } else if app.nav.focus() == Pane::Body {
                app.nav.set_focus(Pane::Articles);
            } else {
                app.status.messages.clear();
            }
        }
        Action::Down => step(app, pane, 1),
        Action::Up => step(app, pane, -1),
        Action::HalfPageDown => step(app, pane, page(app, pane) / 2),
        Action::HalfPageUp => step(app, pane, -(page(app, pane) / 2)),
        Action::PageDown if pane == Pane::Body && at_end(app) => next_article(app, 1),
        Action::PageDown => step(app, pane, page(app, pane)),
        Action::PageUp => step(app, pane, -page(app, pane)),
        Action::Top => step(app, pane, isize::MIN / 2),
        Action::Bottom => step(app, pane, isize::MAX / 2),
        Action::FocusLeft => {
            app.reader.set_zoom(false);
            app.nav.set_focus(match pane {
                Pane::Body => Pane::Articles,
                _ => Pane::Issues,
            })
        }
        Action::FocusRight => app.nav.set_focus(match pane {
            Pane::Issues => Pane::Articles,
            _ => Pane::Body,
        }),
        Action::FocusNext => {
            app.reader.set_zoom(false);
            app.nav.set_focus(match pane {
                Pane::Issues => Pane::Articles,
                Pane::Articles => Pane::Body,
                Pane::Body => Pane::Issues,
            })
        }
        Action::FocusPrev => {
            app.reader.set_zoom(false);
            app.nav.set_focus(match pane {
                Pane::Issues => Pane::Body,
                Pane::Articles => Pane::Issues,
                Pane::Body => Pane::Articles,
            })
        }
        Action::Open => app.nav.set_focus(match pane {
            Pane::Issues => Pane::Articles,
            _ => Pane::Body,
        }),
        Action::NextArticle => next_article(app, 1),
        Action::PrevArticle => next_article(app, -1),
        Action::NextIssue => select_issue(app, app.nav.issue() as isize + 1),
        Action::PrevIssue => select_issue(app, app.nav.issue() as isize - 1),
        Action::Click(x, y) => click(app, x, y),
        Action::Wheel(x, y, delta) => {
            let screen = app.screen();
            match screen.pane_at(x, y) {
                Some(Pane::Body) => scroll_body(app, delta as isize),
                Some(p) => step(app, p, delta.signum() as isize),
                None => {}
            }
        }
        Action::Resize(..) | Action::Interrupt => {}
    }
    app.sync();
}

/// Keys while an overlay is open: it scrolls, and `back`/`help`/`messages`/`quit` close it.
fn overlay_action(app: &mut App, overlay: Overlay, action: Action) {
    let (off, max, make): (usize, usize, fn(usize) -> Overlay) = match overlay {
        Overlay::Help(off) => (off, super::view::help::max_scroll(app), Overlay::Help),
        Overlay::Messages(off) => (off, super::view::messages::max_scroll(app), Overlay::Messages),
        Overlay::Bookmarks(sel) => return super::marks::bookmarks_action(app, sel, action),
    };
    let new = match action {
        // As in less and newsboat, `q` closes an overlay; only the main screen quits.
        Action::Back | Action::Help | Action::Messages | Action::Quit => {
            app.overlay = None;
            return;
        }
        Action::Down | Action::Wheel(_, _, 1..) => off + 1,
        Action::Up | Action::Wheel(_, _, ..=-1) => off.saturating_sub(1),
        Action::PageDown | Action::HalfPageDown => off + (app.size.1 as usize / 2).max(1),
        Action::PageUp | Action::HalfPageUp => off.saturating_sub((app.size.1 as usize / 2).max(1)),
        Action::Top => 0,
        Action::Bottom => usize::MAX / 2,
        _ => off,
    };
    app.overlay = Some(make(new.min(max)));
}

/// `copy_article` / `save_article`: the open article as clean text, to
/// the clipboard or a file (the event loop does the writing).
fn take_out(app: &mut App, action: Action) {
    let Some(a) = app.current_text() else {
        app.notice("no article to take out");
        return;
    };
    let page = a.page();
    let text = crate::export::article(&a, page, crate::export::Format::Text);
    let effect = if action == Action::CopyArticle {
        Effect::Copy(text)
    } else {
        Effect::Save { name: crate::export::file_name(&a, page), text }
    };
    app.emit(effect);
}

/// Rows a page moves in a pane (its visible items, or body lines).
fn page(app: &App, pane: Pane) -> isize {
    let screen = app.screen();
    let rows = match pane {
        Pane::Body => screen.body.map(|r| geometry::body_text(r, app.settings.max_body_width).height),
        Pane::Issues => screen.issues.map(|r| geometry::inner(r).height / ISSUE_ROWS),
        Pane::Articles => screen.articles.map(|r| geometry::inner(r).height),
    };
    rows.unwrap_or(1).max(1) as isize
}

/// Moves the selection of a list, or scrolls the body, by `delta`.
fn step(app: &mut App, pane: Pane, delta: isize) {
    match pane {
        Pane::Issues => select_issue(app, (app.nav.issue() as isize).saturating_add(delta)),
        // An empty article list (or body): the keys move through the issues.
        Pane::Articles | Pane::Body if app.current_issue().is_some_and(|i| i.article_count() == 0) => {
            select_issue(app, (app.nav.issue() as isize).saturating_add(delta.signum()))
        }
        Pane::Articles => {
            // Among the articles the list shows (unread only, or all).
            let listed = app.listed_articles(app.nav.issue());
            let row = listed.iter().position(|&n| n == app.nav.article()).unwrap_or(0);
            let to = (row as isize).saturating_add(delta).clamp(0, listed.len().saturating_sub(1) as isize);
            if let Some(&n) = listed.get(to as usize) {
                select_article(app, n);
            }
        }
        Pane::Body => scroll_body(app, delta),
    }
}

fn scroll_body(app: &mut App, delta: isize) {
    app.reader.scroll_by(delta);
}

/// True when the body shows the end of the article.
fn at_end(app: &App) -> bool {
    let screen = app.screen();
    let Some(body) = screen.body else { return false };
    let text = geometry::body_text(body, app.settings.max_body_width);
    app.layout_at(text.width as usize).is_some_and(|l| app.reader.scroll() + text.height as usize >= l.lines.len())
}

/// A left click: selects the clicked row of a list, or focuses the body.
fn click(app: &mut App, x: u16, y: u16) {
    let screen = app.screen();
    let Some(pane) = screen.pane_at(x, y) else { return };
    app.nav.set_focus(pane);
    let Some(rect) = screen.rect(pane) else { return };
    let inner = geometry::inner(rect);
    if y < inner.y || y >= inner.y + inner.height {
        return;
    }
    let row = (y - inner.y) as usize;
    match pane {
        Pane::Issues => select_issue(app, (app.nav.issue_offset() + row / ISSUE_ROWS as usize) as isize),
        Pane::Articles => {
            if let Some(&n) = app.listed_articles(app.nav.issue()).get(app.nav.article_offset() + row) {
                select_article(app, n);
            }
        }
        Pane::Body => {}
    }
}
