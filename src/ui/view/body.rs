//! The article body: header, reflowed paragraphs, captions, keywords, and
//! where the reader is (scrollbar and percentage).

use super::{pane_block, render_block};
use crate::layout::INDENT;
use crate::layout::article::{ArticleLayout, BodyLine, Part};
use crate::model::Article;
use crate::ui::app::{App, Pane};
use crate::ui::geometry;
use crate::ui::text::sanitize;
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

/// How far through the article the view is, as shown: `Top`, `42%`, `End`, `All`.
pub fn position_label(scroll: usize, lines: usize, height: usize) -> String {
    if lines <= height {
        "All".to_string()
    } else if scroll == 0 {
        "Top".to_string()
    } else if scroll + height >= lines {
        "End".to_string()
    } else {
        format!("{}%", (scroll + height) * 100 / lines)
    }
}

/// The style of a part of `article`.
pub fn part_style(theme: &Theme, article: &Article, part: Part) -> Style {
    match part {
        Part::Paragraph(n) if article.is_subheading(n) => theme.subheading,
        Part::Kicker => theme.kicker,
        Part::Title => theme.headline,
        Part::Subtitle => theme.subtitle,
        Part::Byline => theme.byline,
        Part::Paragraph(_) => theme.paragraph,
        Part::Caption(_) => theme.caption,
        Part::Keywords => theme.keywords,
        Part::Blank => Style::new(),
    }
}

/// One body line as styled spans, with the app's highlights applied.
pub fn body_line<'a>(app: &App, article: &'a Article, layout: &'a ArticleLayout, line: &BodyLine) -> Line<'a> {
    let style = part_style(&app.settings.theme, article, line.part);
    let text = layout.part_text(article, line.part);
    let mut spans: Vec<Span> = Vec::new();
    if line.indent {
        spans.push(Span::raw(INDENT));
    }
    let mut cuts: Vec<(usize, usize)> = app
        .reader
        .highlights()
        .iter()
        .filter(|h| h.part == line.part)
        .map(|h| (h.range.start.max(line.range.start), h.range.end.min(line.range.end)))
        .filter(|&(s, e)| s < e && text.is_char_boundary(s) && text.is_char_boundary(e))
        .collect();
    cuts.sort();
    let mut at = line.range.start;
    for (s, e) in cuts {
        if s < at {
            continue;
        }
        if s > at {
            spans.push(Span::styled(sanitize(&text[at..s]), style));
        }
        spans.push(Span::styled(sanitize(&text[s..e]), style.patch(app.settings.theme.highlight)));
        at = e;
    }
    if at < line.range.end && text.is_char_boundary(at) && text.is_char_boundary(line.range.end) {
        spans.push(Span::styled(sanitize(&text[at..line.range.end]), style));
    }
    Line::from(spans)
}

/// Draws the body pane.
pub fn draw_body(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.settings.theme;
    // Where it was printed (`2024-03-07 第3版`, `约` before a guessed
    // date); the file's name only when neither date nor page is known.
    let title = match app.current_page() {
        Some(p) => format!(" {} ", crate::export::place(p).unwrap_or_else(|| sanitize(&p.source).into_owned())),
        None => " Article ".to_string(),
    };
    let text_area = geometry::body_text(area, app.settings.max_body_width);
    let article = app.current_text();
    let layout = app.layout_at(text_area.width as usize);
    let height = text_area.height as usize;
    let (lines_total, scroll) = match &layout {
        Some(l) => (l.lines.len(), app.reader.scroll().min(l.lines.len())),
        None => (0, 0),
    };
    let mut block = pane_block(app, Pane::Body, title);
    if article.is_some() {
        block = block
            .title_bottom(Line::from(format!(" {} ", position_label(scroll, lines_total, height))).right_aligned());
    }
    render_block(frame, area, block);
    if text_area.width == 0 || text_area.height == 0 {
        return;
    }
    let (Some(article), Some(layout)) = (article, layout) else {
        frame.render_widget(Paragraph::new(Line::styled("No article", t.dim)), text_area);
        return;
    };
    let lines: Vec<Line> =
        layout.lines[scroll..].iter().take(height).map(|l| body_line(app, &article, &layout, l)).collect();
    frame.render_widget(Paragraph::new(lines), text_area);
    if lines_total > height && area.height > 2 {
        let mut state =
            ScrollbarState::new(lines_total.saturating_sub(height)).position(scroll).viewport_content_length(height);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .thumb_style(t.scrollbar);
        frame.render_stateful_widget(bar, area.inner(Margin { horizontal: 0, vertical: 1 }), &mut state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_labels() {
        assert_eq!(position_label(0, 10, 20), "All");
        assert_eq!(position_label(0, 100, 20), "Top");
        assert_eq!(position_label(80, 100, 20), "End");
        assert_eq!(position_label(30, 100, 20), "50%");
    }
}
