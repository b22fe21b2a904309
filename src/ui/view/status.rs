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
    let screen = app.screen();
    if let Some(body) = screen.body {
        let text = geometry::body_text(body, app.max_body_width);
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

/// Draws the status bar: position on the left, then loading progress and
/// the latest message, and on the right as many key hints as fit (help and
/// quit first).
pub fn draw_status(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let width = area.width as usize;
    let pos = position(app, width < 64);
    let mut spans = vec![Span::raw(format!(" {pos} "))];
    let mut used = str_width(&pos) + 2;

    let hints: Vec<(String, &str)> = hints(app)
        .into_iter()
        .filter_map(|(action, what)| app.keymap.keys(action).first().map(|k| (crate::ui::keys::label(k), what)))
        .collect();
    let hint_w = |(k, what): &(String, &str)| str_width(k) + str_width(what) + 3;
    // The last two hints (help, quit) are kept before the others and before a message.
    let essential: usize = hints.iter().rev().take(2).map(hint_w).sum();
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
    if let Some(m) = app.status_message() {
        // A separator, then the message: an error or warning in the
        // message colour, a harmless notice plain.
        let room = width.saturating_sub(used + 1 + essential + str_width(SEPARATOR));
        let m = fit(&sanitize(m), room);
        if !m.is_empty() {
            used += str_width(&m) + 1 + str_width(SEPARATOR);
            spans.push(Span::styled(SEPARATOR, t.dim));
            spans.push(Span::styled(m, if app.status_is_notice() { t.status } else { t.message }));
            spans.push(Span::raw(" "));
        }
    }
    let mut shown = vec![false; hints.len()];
    let mut right_w = 0;
    let order: Vec<usize> = (0..hints.len()).rev().take(2).chain(0..hints.len().saturating_sub(2)).collect();
    for i in order {
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
