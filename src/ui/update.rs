//! Actions change the state. No I/O here and no drawing.

use super::action::Action;
use super::app::{App, Overlay, Pane};
use super::geometry::{self, ISSUE_ROWS};

/// Applies one action to the state, then restores its invariants ([`sync`]).
pub fn update(app: &mut App, action: Action) {
    if let Action::Resize(w, h) = action {
        app.size = (w, h);
        sync(app);
        return;
    }
    // A notice lasts until the next key press (or click).
    app.notice = None;
    if let Some(overlay) = app.overlay {
        overlay_action(app, overlay, action);
        sync(app);
        return;
    }
    let pane = app.focus;
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
            app.zoom = !app.zoom;
            if app.zoom {
                app.focus = Pane::Body;
            }
        }
        Action::Back => {
            if app.zoom {
                app.zoom = false;
            } else if app.focus == Pane::Body {
                app.focus = Pane::Articles;
            } else {
                app.messages.clear();
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
            app.zoom = false;
            app.focus = match app.focus {
                Pane::Body => Pane::Articles,
                _ => Pane::Issues,
            }
        }
        Action::FocusRight => {
            app.focus = match app.focus {
                Pane::Issues => Pane::Articles,
                _ => Pane::Body,
            }
        }
        Action::FocusNext => {
            app.zoom = false;
            app.focus = match app.focus {
                Pane::Issues => Pane::Articles,
                Pane::Articles => Pane::Body,
                Pane::Body => Pane::Issues,
            }
        }
        Action::FocusPrev => {
            app.zoom = false;
            app.focus = match app.focus {
                Pane::Issues => Pane::Body,
                Pane::Articles => Pane::Issues,
                Pane::Body => Pane::Articles,
            }
        }
        Action::Open => {
            app.focus = match app.focus {
                Pane::Issues => Pane::Articles,
                _ => Pane::Body,
            }
        }
        Action::NextArticle => next_article(app, 1),
        Action::PrevArticle => next_article(app, -1),
        Action::NextIssue => select_issue(app, app.issue as isize + 1),
        Action::PrevIssue => select_issue(app, app.issue as isize - 1),
        Action::Click(x, y) => click(app, x, y),
        Action::Wheel(x, y, delta) => {
            let screen = geometry::app_screen(app);
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
    app.focus = Pane::Body;
    sync(app);
}

/// Scrolls the body so that byte `offset` of `part` of the current article
/// is on screen, two lines below the top when possible (a search match).
pub fn scroll_to(app: &mut App, part: crate::layout::article::Part, offset: usize) {
    sync(app);
    if let Some(line) = app.layout_at(app.scroll_width).and_then(|l| l.line_of(part, offset)) {
        app.scroll = line.saturating_sub(2);
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
    let screen = geometry::app_screen(app);
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
        Pane::Issues => select_issue(app, (app.issue as isize).saturating_add(delta)),
        // An empty article list (or body): the keys move through the issues.
        Pane::Articles | Pane::Body if app.current_issue().is_some_and(|i| i.article_count() == 0) => {
            select_issue(app, (app.issue as isize).saturating_add(delta.signum()))
        }
        Pane::Articles => {
            let count = app.current_issue().map_or(0, |i| i.article_count());
            select_article(
                app,
                (app.article as isize).saturating_add(delta).clamp(0, count.saturating_sub(1) as isize) as usize,
            );
        }
        Pane::Body => scroll_body(app, delta),
    }
}

fn scroll_body(app: &mut App, delta: isize) {
    app.scroll = (app.scroll as isize).saturating_add(delta).max(0) as usize;
}

/// True when the body shows the end of the article.
fn at_end(app: &App) -> bool {
    let screen = geometry::app_screen(app);
    let Some(body) = screen.body else { return false };
    let text = geometry::body_text(body, app.max_body_width);
    app.layout_at(text.width as usize).is_some_and(|l| app.scroll + text.height as usize >= l.lines.len())
}

/// Selects issue `n` (clamped) and its first article.
fn select_issue(app: &mut App, n: isize) {
    let n = n.clamp(0, app.issues.len().saturating_sub(1) as isize) as usize;
    if n != app.issue {
        app.issue = n;
        app.article = 0;
        app.article_offset = 0;
        app.scroll = 0;
        app.highlights.clear();
    }
}

/// Selects article `n` of the current issue.
fn select_article(app: &mut App, n: usize) {
    if n != app.article {
        app.article = n;
        app.scroll = 0;
        app.highlights.clear();
    }
}

/// The next (or previous) article, going on into the next (previous) issue.
fn next_article(app: &mut App, dir: isize) {
    let count = app.current_issue().map_or(0, |i| i.article_count());
    if dir > 0 {
        if app.article + 1 < count {
            select_article(app, app.article + 1);
        } else if app.issue + 1 < app.issues.len() {
            select_issue(app, app.issue as isize + 1);
        }
    } else if app.article > 0 {
        select_article(app, app.article - 1);
    } else if app.issue > 0 {
        select_issue(app, app.issue as isize - 1);
        let last = app.current_issue().map_or(0, |i| i.article_count().saturating_sub(1));
        select_article(app, last);
    }
}

/// A left click: selects the clicked row of a list, or focuses the body.
fn click(app: &mut App, x: u16, y: u16) {
    let screen = geometry::app_screen(app);
    let Some(pane) = screen.pane_at(x, y) else { return };
    app.focus = pane;
    let Some(rect) = screen.rect(pane) else { return };
    let inner = geometry::inner(rect);
    if y < inner.y || y >= inner.y + inner.height {
        return;
    }
    let row = (y - inner.y) as usize;
    match pane {
        Pane::Issues => select_issue(app, (app.issue_offset + row / ISSUE_ROWS as usize) as isize),
        Pane::Articles => {
            let n = app.article_offset + row;
            if n < app.current_issue().map_or(0, |i| i.article_count()) {
                select_article(app, n);
            }
        }
        Pane::Body => {}
    }
}

/// Restores the invariants after any change: indices in range, the current
/// article laid out at the body's width (cached), the reading position kept
/// across width changes, scroll clamped, list selections visible, and the
/// article marked read when the body has the focus.
pub fn sync(app: &mut App) {
    app.issue = app.issue.min(app.issues.len().saturating_sub(1));
    let count = app.current_issue().map_or(0, |i| i.article_count());
    app.article = app.article.min(count.saturating_sub(1));
    let screen = geometry::app_screen(app);

    if let Some(body) = screen.body {
        let text = geometry::body_text(body, app.max_body_width);
        let width = text.width as usize;
        if let Some(key) = app.current_key() {
            // The line the reader chose, unless they have scrolled (or moved) since.
            let kept = app
                .top_anchor
                .as_ref()
                .filter(|(k, _, _, shown)| *k == key && *shown == app.scroll)
                .map(|&(_, part, off, _)| (part, off));
            let top_of = |app: &App, width: usize| {
                if app.scroll > 0 { app.layout_at(width).and_then(|l| l.anchor(app.scroll)) } else { None }
            };
            let width_changed = app.scroll_width != width && app.scroll_width != 0;
            // Keep the line at the top when the width changed.
            let mut anchor = None;
            if width_changed {
                anchor = kept.or_else(|| top_of(app, app.scroll_width));
                if let Some((part, off)) = anchor {
                    let App { issues, layouts, issue, article, .. } = &mut *app;
                    if let Some(a) = issues.get(*issue).and_then(|i| i.article(*article)) {
                        app.scroll = layouts.get(&key, a, width).line_of(part, off).unwrap_or(0);
                    }
                }
            }
            app.scroll_width = width;
            let App { issues, layouts, issue, article, .. } = &mut *app;
            if let Some(a) = issues.get(*issue).and_then(|i| i.article(*article)) {
                let lines = layouts.get(&key, a, width).lines.len();
                app.scroll = app.scroll.min(lines.saturating_sub(text.height as usize));
            }
            // Remember the chosen line, and the scroll it is shown at (maybe
            // clamped: the end of the article at this width).
            if !width_changed {
                anchor = kept.or_else(|| top_of(app, width));
            }
            app.top_anchor = anchor.map(|(part, off)| (key, part, off, app.scroll));
        }
    }

    if let Some(r) = screen.issues {
        let rows = (geometry::inner(r).height / ISSUE_ROWS).max(1) as usize;
        app.issue_offset = visible_offset(app.issue_offset, app.issue, rows);
    }
    if let Some(r) = screen.articles {
        let rows = geometry::inner(r).height.max(1) as usize;
        app.article_offset = visible_offset(app.article_offset, app.article, rows);
    }
    let key = app.current_key();
    if app.unread_hold.is_some() && app.unread_hold != key {
        app.unread_hold = None;
    }
    if app.focus == Pane::Body
        && let Some(key) = key
        && app.unread_hold.is_none()
        && !app.read.contains(&key)
    {
        app.read.insert(key);
    }
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
