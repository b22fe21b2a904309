//! Actions change the state. No I/O here and no drawing: what needs the
//! world outside (a search, saving a mark) comes back as [`Effect`]s.

use super::action::Action;
use super::app::{App, Overlay, Pane};
use super::effect::Effect;
use super::geometry::{self, ISSUE_ROWS};

/// Applies one action to the state, then restores its invariants
/// ([`sync`]); returns what the event loop must do about it.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    apply(app, action);
    app.take_effects()
}

fn apply(app: &mut App, action: Action) {
    if let Action::Resize(w, h) = action {
        app.size = (w, h);
        sync(app);
        return;
    }
    // A notice lasts until the next key press (or click).
    app.status.notice = None;
    if let Some(overlay) = app.overlay {
        overlay_action(app, overlay, action);
        sync(app);
        return;
    }
    let pane = app.nav.focus();
    match action {
        Action::Search => super::search_state::open(app),
        Action::NextMatch => super::search_state::next_match(app, 1),
        Action::PrevMatch => super::search_state::next_match(app, -1),
        Action::SearchEdit(e) => super::search_state::edit(app, e),
        Action::Quit => app.quit = true,
        Action::Help => app.overlay = Some(Overlay::Help(0)),
        Action::ToggleBookmark => super::marks::toggle_bookmark(app),
        Action::Bookmarks => super::marks::open_bookmarks(app),
        Action::MarkUnread => super::marks::mark_unread(app),
        Action::MarkIssueRead => super::marks::mark_issue_read(app),
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
        Action::Resize(..) => {}
    }
    sync(app);
}

/// Opens article `article` of issue `issue` in the body (clamped to what
/// exists), at the top, and focuses the body. For search results and
/// bookmarks.
pub fn open_article(app: &mut App, issue: usize, article: usize) {
    select_issue(app, issue as isize);
    let count = app.current_issue().map_or(0, |i| i.article_count());
    select_article(app, article.min(count.saturating_sub(1)));
    app.nav.set_focus(Pane::Body);
    sync(app);
}

/// Goes back to a saved place: article `article` of issue `issue` and,
/// when `saved` is that very article's position, its line (where its
/// anchor is in today's layout), reopened when they were reading it. For
/// the position restored at start ([`super::session`]).
pub fn return_to(app: &mut App, (issue, article): (usize, usize), saved: Option<&crate::store::Position>) {
    app.nav.select(issue, article);
    app.nav.rewind_article_list();
    match saved {
        Some(pos) => {
            app.reader.restore(pos.scroll, pos.width);
            // The line they were reading, wherever it is in today's layout.
            if let Some((part, off)) = pos.anchor
                && pos.width > 0
                && let Some(line) = app.layout_at(pos.width).and_then(|l| l.line_of(part, off))
            {
                app.reader.scroll_to_line(line);
            }
            if pos.scroll > 0 {
                // They were reading it: open it again.
                app.nav.set_focus(Pane::Body);
            }
        }
        None => app.reader.scroll_to_line(0),
    }
    sync(app);
}

/// Where the reader is (selection, focus, body): see [`go_to`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    nav: super::navigation::Navigation,
    reader: super::reader::Reader,
}

/// Where the reader is now, to come back to with [`go_to`] (a search cancelled).
pub fn place(app: &App) -> Place {
    Place { nav: app.nav.clone(), reader: app.reader.clone() }
}

/// Goes back to `place`: the same article (if still there), pane, zoom,
/// line and highlights.
pub fn go_to(app: &mut App, place: Place) {
    open_article(app, place.nav.issue(), place.nav.article());
    app.nav.set_focus(place.nav.focus());
    let Place { reader, .. } = place;
    app.reader.set_zoom(reader.zoom());
    app.reader.scroll_to_line(reader.scroll());
    app.reader.set_highlights(reader.highlights().to_vec());
    sync(app);
}

/// Shows `highlights` in the current article's body (search matches).
pub fn highlight(app: &mut App, highlights: Vec<super::app::Highlight>) {
    app.reader.set_highlights(highlights);
}

/// Scrolls the body so that byte `offset` of `part` of the current article
/// is on screen, two lines below the top when possible (a search match).
pub fn scroll_to(app: &mut App, part: crate::layout::article::Part, offset: usize) {
    sync(app);
    if let Some(line) = app.layout_at(app.reader.width()).and_then(|l| l.line_of(part, offset)) {
        app.reader.scroll_to_line(line.saturating_sub(2));
    }
    sync(app);
}

/// Keys while an overlay is open: it scrolls, and `back`/`help` close it.
fn overlay_action(app: &mut App, overlay: Overlay, action: Action) {
    let off = match overlay {
        Overlay::Help(off) => off,
        Overlay::Bookmarks(sel) => return super::marks::bookmarks_action(app, sel, action),
    };
    let new = match action {
        Action::Back | Action::Help => {
            app.overlay = None;
            return;
        }
        Action::Quit => {
            app.quit = true;
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
    app.overlay = Some(Overlay::Help(new.min(super::view::help::max_scroll(app))));
}

/// Rows a page moves in a pane (its visible items, or body lines).
fn page(app: &App, pane: Pane) -> isize {
    let screen = app.screen();
    let rows = match pane {
        Pane::Body => screen.body.map(|r| geometry::body_text(r, app.max_body_width).height),
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
            let count = app.current_issue().map_or(0, |i| i.article_count());
            select_article(
                app,
                (app.nav.article() as isize).saturating_add(delta).clamp(0, count.saturating_sub(1) as isize) as usize,
            );
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
    let text = geometry::body_text(body, app.max_body_width);
    app.layout_at(text.width as usize).is_some_and(|l| app.reader.scroll() + text.height as usize >= l.lines.len())
}

/// Selects issue `n` (clamped) and its first article.
fn select_issue(app: &mut App, n: isize) {
    let n = n.clamp(0, app.issues.len().saturating_sub(1) as isize) as usize;
    if app.nav.select_issue(n) {
        app.reader.start_article();
    }
}

/// Selects article `n` of the current issue.
fn select_article(app: &mut App, n: usize) {
    if app.nav.select_article(n) {
        app.reader.start_article();
    }
}

/// The next (or previous) article, going on into the next (previous) issue.
fn next_article(app: &mut App, dir: isize) {
    let count = app.current_issue().map_or(0, |i| i.article_count());
    let (issue, article) = (app.nav.issue(), app.nav.article());
    if dir > 0 {
        if article + 1 < count {
            select_article(app, article + 1);
        } else if issue + 1 < app.issues.len() {
            select_issue(app, issue as isize + 1);
        }
    } else if article > 0 {
        select_article(app, article - 1);
    } else if issue > 0 {
        select_issue(app, issue as isize - 1);
        let last = app.current_issue().map_or(0, |i| i.article_count().saturating_sub(1));
        select_article(app, last);
    }
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
            let n = app.nav.article_offset() + row;
            if n < app.current_issue().map_or(0, |i| i.article_count()) {
                select_article(app, n);
            }
        }
        Pane::Body => {}
    }
}

/// Restores the invariants after any change: indices in range, the current
/// article laid out at the body's width (cached), the reading position kept
/// across width changes, scroll clamped, list selections visible, the
/// article marked read when the body has the focus, and a changed position
/// emitted ([`Effect::SavePosition`]).
pub fn sync(app: &mut App) {
    let App { issues, nav, .. } = &mut *app;
    nav.clamp(issues.len(), |i| issues.get(i).map_or(0, |x| x.article_count()));
    let screen = app.screen();

    if let Some(body) = screen.body {
        let text = geometry::body_text(body, app.max_body_width);
        if let Some(key) = app.current_key() {
            let App { issues, layouts, nav, reader, .. } = &mut *app;
            if let Some(a) = issues.get(nav.issue()).and_then(|i| i.article(nav.article())) {
                reader.fit(&key, text.width as usize, text.height as usize, |w| Some(layouts.get(&key, a, w)));
            }
        }
    }

    let issue_rows = screen.issues.map(|r| (geometry::inner(r).height / ISSUE_ROWS).max(1) as usize);
    let article_rows = screen.articles.map(|r| geometry::inner(r).height.max(1) as usize);
    app.nav.show_selection(issue_rows, article_rows);
    let key = app.current_key();
    if app.marks.unread_hold.is_some() && app.marks.unread_hold != key {
        app.marks.unread_hold = None;
    }
    if app.nav.focus() == Pane::Body
        && let Some(key) = key
        && app.marks.unread_hold.is_none()
        && !app.marks.read.contains(&key)
    {
        app.marks.read.insert(key.clone());
        app.emit(Effect::SetRead(key, true));
    }
    app.note_position();
}
