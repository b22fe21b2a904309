//! The status bar: position, the latest message, the keys that matter now.

use crate::layout::str_width;
use crate::ui::action::Action;
use crate::ui::app::{App, Pane};
use crate::ui::geometry;
use crate::ui::text::{fit, sanitize};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// "issue 1/5 · article 3/12 · 42%" ("1/5 · 3/12 · 42%" when `compact`).
pub fn position(app: &App, compact: bool) -> String {
    let Some(issue) = app.current_issue() else {
        return "no issues".to_string();
    };
    let (i, a) = if compact { ("", "") } else { ("issue ", "article ") };
    let mut s = format!(
        "{i}{}/{} · {a}{}/{}",
        app.nav.issue() + 1,
        app.issues.len(),
        (app.nav.article() + 1).min(issue.article_count()),
        issue.article_count()
    );
    if app.marks.unread_only {
        s.push_str(if compact { " · unread" } else { " · unread only" });
    }
    let screen = app.screen();
    if let Some(body) = screen.body {
        let text = geometry::body_text(body, app.settings.max_body_width);
        if let Some(l) = app.layout_at(text.width as usize) {
            s.push_str(" · ");
            s.push_str(&super::body::position_label(app.reader.scroll(), l.lines.len(), text.height as usize));
        }
    }
    s
}

/// The actions worth showing for the current focus.
pub fn hints(app: &App) -> Vec<(Action, &'static str)> {
    if app.overlay.is_some() {
        return vec![(Action::Down, "scroll"), (Action::Back, "close")];
    }
    let mut v = match app.nav.focus() {
        Pane::Issues => vec![(Action::Down, "move"), (Action::Open, "open")],
        Pane::Articles => vec![(Action::Down, "move"), (Action::Open, "read"), (Action::NextIssue, "issue")],
        Pane::Body => vec![(Action::PageDown, "page"), (Action::NextArticle, "next"), (Action::Zoom, "zoom")],
    };
    v.push((Action::Search, "search"));
    v.push((Action::Help, "help"));
    v.push((Action::Quit, "quit"));
    v
}

/// Between the position (and progress) and a message.
pub const SEPARATOR: &str = "│ ";

/// A bar of `cells` cells, filled in proportion to `done` of `total`.
pub fn progress_bar(done: usize, total: usize, cells: usize) -> String {
    let filled = (done.min(total) * cells).checked_div(total).unwrap_or(cells);
    format!("{}{}", "█".repeat(filled), "░".repeat(cells - filled))
}

/// Below this many columns for a message, the message takes the place of
/// the position on the left (the body's border still shows `Top`, `42%`…).
const MIN_MESSAGE: usize = 12;

/// A notice may take this many columns from the key hints (more when the
/// hints leave more); the message log (`M`) has it in full.
const NOTICE_ROOM: usize = 48;

/// Draws the status bar: position on the left, then loading progress and
/// the latest message, and on the right as many key hints as fit. Help and
/// quit come before any message; a harmless notice takes only the columns
/// the hints leave, or `NOTICE_ROOM` (48) at most, so it pushes out few hints
/// (an error or warning may take every other column). A message cut short
/// brings the message log's key (`M more`).
pub fn draw_status(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.settings.theme;
    let width = area.width as usize;
    let message = app.status_message().map(|m| sanitize(m).into_owned());
    let notice = message.is_some() && app.status_is_notice();
    let pos = position(app, width < 64);
    let mut spans = vec![Span::raw(format!(" {pos} "))];
    let mut used = str_width(&pos) + 2;

    let mut hints: Vec<(String, &str)> = hints(app)
        .into_iter()
        .filter_map(|(action, what)| {
            app.settings.keymap.keys(action).first().map(|k| (crate::ui::keys::label(k), what))
        })
        .collect();
    let hint_w = |(k, what): &(String, &str)| str_width(k) + str_width(what) + 3;
    // Hints are placed in this order: the last `kept` (help, quit), then the rest.
    let order =
        |n: usize, kept: usize| -> Vec<usize> { (0..n).rev().take(kept).chain(0..n.saturating_sub(kept)).collect() };
    // The columns left by every hint that fits.
    let left_by_hints = {
        let mut w = used;
        for i in order(hints.len(), 2) {
            if w + hint_w(&hints[i]) > width {
                break;
            }
            w += hint_w(&hints[i]);
        }
        width - w.min(width)
    };
    // The most a message may take (after its separator and a space).
    let cap = if notice { left_by_hints.saturating_sub(1 + str_width(SEPARATOR)).max(NOTICE_ROOM) } else { usize::MAX };
    // The last two hints (help, quit) are kept before the others and before a message.
    let mut essential: usize = hints.iter().rev().take(2).map(hint_w).sum();
    let mut kept = 2;
    if let Some(m) = &message
        && width.saturating_sub(used + 1 + essential + str_width(SEPARATOR)).min(cap) < MIN_MESSAGE.min(str_width(m))
    {
        // A narrow screen: the message, not the position, and of the
        // hints quit alone is kept before it.
        spans = vec![Span::raw(" ")];
        used = 1;
        essential = hints.last().map(hint_w).unwrap_or(0);
        kept = 1;
    }
    if let Some(m) = &message
        && let Some(key) = app.settings.keymap.keys(Action::Messages).first()
    {
        // A message that will not fit whole: the key that shows it in full comes first.
        // (After a notice, it comes after the other hints.)
        let log = (crate::ui::keys::label(key), "more");
        let room = width.saturating_sub(used + 1 + essential + str_width(SEPARATOR)).min(cap);
        if notice && str_width(m) > room {
            hints.insert(hints.len().saturating_sub(2), log);
        } else if str_width(m) > room.saturating_sub(hint_w(&log)) {
            essential += hint_w(&log);
            hints.insert(hints.len().saturating_sub(2), log);
            kept = 3;
        }
    }
    if let Some((done, total)) = app.status.progress {
        let bar = progress_bar(done, total, 10);
        let label = format!(" {done}/{total} pages ");
        if used + str_width(&bar) + str_width(&label) + 8 + essential <= width {
            used += str_width(&bar) + str_width(&label) + 8;
            spans.push(Span::raw("loading "));
            spans.push(Span::styled(bar, t.progress));
            spans.push(Span::raw(label));
        }
    }
    if let Some((done, total)) = app.status.indexing {
        // Indexing for search, while it runs (shorter: after the loading bar).
        let label = format!("indexing {}% ", (done * 100).checked_div(total).unwrap_or(100));
        if used + str_width(&label) + 1 + essential <= width {
            used += str_width(&label) + 1;
            spans.push(Span::raw(format!(" {label}")));
        }
    }
    if let Some(m) = &message {
        // A separator, then the message: an error or warning in the
        // message colour, a harmless notice plain.
        let room = width.saturating_sub(used + 1 + essential + str_width(SEPARATOR)).min(cap);
        let m = fit(m, room);
        if !m.is_empty() {
            used += str_width(&m) + 1 + str_width(SEPARATOR);
            spans.push(Span::styled(SEPARATOR, t.dim));
            spans.push(Span::styled(m, if notice { t.status } else { t.message }));
            spans.push(Span::raw(" "));
        }
    }
    let mut shown = vec![false; hints.len()];
    let mut right_w = 0;
    for i in order(hints.len(), kept) {
        let w = hint_w(&hints[i]);
        if used + right_w + w > width {
            break;
        }
        shown[i] = true;
        right_w += w;
    }
    spans.push(Span::raw(" ".repeat(width.saturating_sub(used + right_w))));
    for (i, (key, what)) in hints.into_iter().enumerate() {
        if shown[i] {
            spans.push(Span::styled(key, t.key));
            spans.push(Span::raw(format!(" {what}  ")));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(t.status), area);
}
