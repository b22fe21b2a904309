//! Moving the reader: selecting issues and articles, opening one in the
//! body, jumping to a line, going back to a saved place. The update and
//! the features (search, bookmarks, the restored position) move the
//! reader through these, which keep the body's state in step with the
//! selection (another article starts at its top, unhighlighted).

use super::app::{App, Pane, Place};

/// Opens article `article` of issue `issue` in the body (clamped to what
/// exists), at the top, and focuses the body. For search results and
/// bookmarks.
pub fn open_article(app: &mut App, issue: usize, article: usize) {
    select_issue(app, issue as isize);
    let count = app.current_issue().map_or(0, |i| i.article_count());
    select_article(app, article.min(count.saturating_sub(1)));
    app.nav.set_focus(Pane::Body);
    app.sync();
}

/// Goes back to a saved place: article `article` of issue `issue` and,
/// when `saved` is that very article's position, its line (where its
/// anchor is in today's layout), reopened when they were reading it. For
/// the position restored at start ([`super::session`]).
pub fn return_to(app: &mut App, (issue, article): (usize, usize), saved: Option<&crate::store::Position>) {
    app.nav.choose();
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
    app.sync();
}

/// Goes back to `place`: the same article (if still there), pane, zoom,
/// line and highlights.
pub fn go_to(app: &mut App, place: Place) {
    let Place { nav, reader } = place;
    // Straight back to the saved pane: passing through the body would mark
    // an article read that the user only had selected.
    select_issue(app, nav.issue() as isize);
    let count = app.current_issue().map_or(0, |i| i.article_count());
    select_article(app, nav.article().min(count.saturating_sub(1)));
    app.nav.set_focus(nav.focus());
    app.reader.set_zoom(reader.zoom());
    app.reader.scroll_to_line(reader.scroll());
    app.reader.set_highlights(reader.highlights().to_vec());
    app.sync();
}

/// Shows `highlights` in the current article's body (search matches).
pub fn highlight(app: &mut App, highlights: Vec<super::app::Highlight>) {
    app.reader.set_highlights(highlights);
}

/// Scrolls the body so that byte `offset` of `part` of the current article
/// is on screen, two lines below the top when possible (a search match).
pub fn scroll_to(app: &mut App, part: crate::layout::article::Part, offset: usize) {
    app.sync();
    if let Some(line) = app.layout_at(app.reader.width()).and_then(|l| l.line_of(part, offset)) {
        app.reader.scroll_to_line(line.saturating_sub(2));
    }
    app.sync();
}

/// Selects issue `n` (clamped) and its first article (its first unread
/// one when the list shows unread articles only).
pub fn select_issue(app: &mut App, n: isize) {
    let n = n.clamp(0, app.issues.len().saturating_sub(1) as isize) as usize;
    if app.nav.select_issue(n) {
        if app.marks.unread_only
            && let Some(first) = app.read_flags(n).iter().position(|read| !read)
        {
            app.nav.select_article(first);
        }
        app.reader.start_article();
    }
}

/// Toggles [`super::app::Marks::unread_only`] and says which list is shown.
pub fn toggle_unread_only(app: &mut App) {
    app.marks.unread_only = !app.marks.unread_only;
    app.emit(super::effect::Effect::SetUnreadOnly(app.marks.unread_only));
    app.notice(if app.marks.unread_only { "unread articles only" } else { "every article" });
}

/// Selects article `n` of the current issue.
pub fn select_article(app: &mut App, n: usize) {
    if app.nav.select_article(n) {
        app.reader.start_article();
    }
}

/// Opens the next unread article in reading order: the selected one when
/// it is unread and not open yet, else the rest of its issue, then the
/// older issues, then from the newest issue round to where the reader is.
/// Says so when every article has been read.
pub fn next_unread(app: &mut App) {
    let (issue, article) = (app.nav.issue(), app.nav.article());
    let opened = app.nav.focus() == Pane::Body;
    // Every (issue, article) in reading order, starting at the selection.
    let order: Vec<(usize, usize)> = (0..app.issues.len())
        .map(|k| (issue + k) % app.issues.len().max(1))
        .flat_map(|i| (0..app.issues[i].article_count()).map(move |n| (i, n)))
        .collect();
    let start = order.iter().position(|&p| p == (issue, article)).unwrap_or(0);
    let found = order[start..]
        .iter()
        .chain(&order[..start])
        .copied()
        .filter(|&p| !(opened && p == (issue, article)))
        .find(|&(i, n)| !app.is_read(i, n));
    match found {
        Some((i, n)) => open_article(app, i, n),
        None => app.notice("no unread article left"),
    }
}

/// The next (or previous) article, going on into the next (previous)
/// issue; with unread articles only, the next (previous) unread one.
pub fn next_article(app: &mut App, dir: isize) {
    if app.marks.unread_only {
        return next_listed(app, dir);
    }
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

/// The next (previous) article the list shows, unread only: later
/// (earlier) in this issue, else the first (last) unread one of the next
/// (previous) issue that has one.
fn next_listed(app: &mut App, dir: isize) {
    let (issue, article) = (app.nav.issue(), app.nav.article());
    let here = app.listed_articles(issue);
    let found = if dir > 0 {
        here.iter().find(|&&n| n > article).map(|&n| (issue, n)).or_else(|| {
            (issue + 1..app.issues.len()).find_map(|i| app.read_flags(i).iter().position(|read| !read).map(|n| (i, n)))
        })
    } else {
        here.iter()
            .rev()
            .find(|&&n| n < article)
            .map(|&n| (issue, n))
            .or_else(|| (0..issue).rev().find_map(|i| app.read_flags(i).iter().rposition(|read| !read).map(|n| (i, n))))
    };
    match found {
        Some((i, n)) => {
            select_issue(app, i as isize);
            select_article(app, n);
        }
        None => {
            app.notice(if dir > 0 { "no unread article after this one" } else { "no unread article before this one" })
        }
    }
}
