//! The message log overlay: every message and notice of this run, in
//! full (the status bar has room for the latest one only, often cut).

use super::help::{FRAME, draw_overlay, overlay_rect};
use crate::layout::char_width;
use crate::ui::app::App;
use crate::ui::text::sanitize;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// The log as lines of at most `width` columns, oldest first: each
/// message wrapped, its later lines indented under its first.
pub fn message_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let log = app.status.log_lines();
    if log.is_empty() {
        return vec![Line::styled("No messages yet", app.settings.theme.dim)];
    }
    let width = width.max(3);
    let mut lines = Vec::new();
    for m in log {
        let mut cur = String::from("• ");
        let mut w = 2;
        for c in sanitize(m).chars() {
            let cw = char_width(c);
            if w + cw > width {
                lines.push(Line::raw(std::mem::replace(&mut cur, String::from("  "))));
                w = 2;
            }
            cur.push(c);
            w += cw;
        }
        lines.push(Line::raw(cur));
    }
    lines
}

/// The lines at the screen's size.
fn lines_for(app: &App, area: Rect) -> Vec<Line<'static>> {
    message_lines(app, (area.width as usize).saturating_sub(FRAME).min(196))
}

/// The largest useful scroll offset of the log at the app's size (the
/// newest messages at the bottom).
pub fn max_scroll(app: &App) -> usize {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let lines = lines_for(app, area);
    let r = overlay_rect(area, &lines);
    lines.len().saturating_sub(r.height.saturating_sub(2) as usize)
}

/// Draws the log over the screen, scrolled by `offset` lines.
pub fn draw_messages(frame: &mut Frame, area: Rect, app: &App, offset: usize) {
    let lines = lines_for(app, area);
    let title = format!(" Messages {} — Esc closes ", app.status.log_lines().len());
    draw_overlay(frame, area, app, &title, lines, offset);
}
