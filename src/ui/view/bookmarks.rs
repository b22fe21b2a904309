//! The bookmark list (`'`): every bookmark, oldest first, with its issue;
//! bookmarks whose file is not loaded are shown dimmed.

use crate::layout::str_width;
use crate::ui::app::App;
use crate::ui::text::{fit, sanitize};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

/// Mark of a bookmarked article in the article list.
pub const BOOKMARK_MARK: &str = "★";

/// One line per bookmark: issue label, headline.
pub fn bookmark_lines(app: &App, width: usize, sel: usize) -> Vec<Line<'static>> {
    let t = &app.settings.theme;
    if app.marks.bookmarks.is_empty() {
        return vec![Line::styled(fit("No bookmarks yet: m bookmarks the article you read", width), t.dim)];
    }
    app.marks
        .bookmarks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let loaded = app.locate(&b.id, Some(&b.issue));
            // The loaded article's title is fresher than the saved one.
            let title = loaded
                .and_then(|(i, n)| app.issues.get(i)?.article(n))
                .map(|a| a.title.clone())
                .unwrap_or_else(|| b.title.clone());
            let label = fit(&sanitize(&b.issue), 12);
            let pad = " ".repeat(12usize.saturating_sub(str_width(&label)) + 1);
            let room = width.saturating_sub(str_width(&label) + pad.len() + 2);
            let mut spans = vec![
                Span::styled(BOOKMARK_MARK, t.bookmark),
                Span::raw(" "),
                Span::styled(label, t.date),
                Span::raw(pad),
            ];
            let title = fit(&sanitize(&title), room);
            spans.push(if loaded.is_some() { Span::raw(title) } else { Span::styled(title, t.dim) });
            let used: usize = spans.iter().map(|s| str_width(&s.content)).sum();
            spans.push(Span::raw(" ".repeat(width.saturating_sub(used))));
            let line = Line::from(spans);
            if i == sel { line.style(t.selected) } else { line }
        })
        .collect()
}

/// Draws the bookmark list over the screen with row `sel` selected.
pub fn draw_bookmarks(frame: &mut Frame, area: Rect, app: &App, sel: usize) {
    let w = area.width.min(72);
    let rows = app.marks.bookmarks.len().max(1) as u16;
    let h = area.height.min(rows.saturating_add(2));
    let r = Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h };
    frame.render_widget(Clear, r);
    let inner_w = r.width.saturating_sub(2) as usize;
    let visible = r.height.saturating_sub(2).max(1) as usize;
    let offset = sel.saturating_sub(visible.saturating_sub(1));
    let lines: Vec<Line> = bookmark_lines(app, inner_w, sel).into_iter().skip(offset).collect();
    let title = format!(" Bookmarks {} — Enter opens, m removes, Esc closes ", app.marks.bookmarks.len());
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(app.settings.theme.border_focused)
        .title(Span::styled(super::help::overlay_title(&title, r.width), app.settings.theme.pane_title));
    if r.width >= 2 && r.height >= 2 {
        frame.render_widget(Paragraph::new(lines).block(block), r);
    } else {
        frame.render_widget(Paragraph::new(lines), r);
    }
}
