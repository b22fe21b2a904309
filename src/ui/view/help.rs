//! The help overlay: every key, the mouse, and what the marks mean.

use crate::layout::str_width;
use crate::model::Kind;
use crate::ui::app::App;
use crate::ui::keys::keys_label;
use crate::ui::view::lists::{INFERRED_DATE_MARK, INFERRED_MARK, READ_MARK};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

/// Columns an overlay's border and margins take.
pub(crate) const FRAME: usize = 4;

/// The lines of the help at most `width` columns wide: one per action with
/// its keys, then the mouse and the marks; a description too long for the
/// width wraps at spaces, its later lines under its first.
pub fn help_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    help_entries(app).into_iter().flat_map(|l| wrap_entry(l, width.max(8))).collect()
}

/// The help's lines unwrapped; the description is each line's last span.
fn help_entries(app: &App) -> Vec<Line<'static>> {
    let t = &app.settings.theme;
    let mut lines = Vec::new();
    let labels: Vec<(String, &str)> =
        crate::config::key_help().into_iter().map(|(a, what)| (keys_label(&app.settings.keymap, a), what)).collect();
    let key_w = labels.iter().map(|(k, _)| str_width(k)).max().unwrap_or(0);
    for (keys, what) in labels {
        let keys = if keys.is_empty() { "(unbound)".to_string() } else { keys };
        let pad = " ".repeat(key_w.saturating_sub(str_width(&keys)) + 2);
        lines.push(Line::from(vec![Span::styled(keys, t.key), Span::raw(pad), Span::raw(what)]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![Span::styled("wheel", t.key), Span::raw("  scroll the pane under the pointer")]));
    lines.push(Line::from(vec![Span::styled("click", t.key), Span::raw("  select a row or focus a pane")]));
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![Span::styled(READ_MARK, t.unread_marker), Span::raw("  read")]));
    lines.push(Line::from(vec![Span::styled(super::bookmarks::BOOKMARK_MARK, t.bookmark), Span::raw("  bookmarked")]));
    lines.push(Line::from(vec![
        Span::styled(INFERRED_DATE_MARK, t.inferred),
        Span::raw(" date guessed from the text (约 = about), not given by the file"),
    ]));
    lines.push(Line::from(vec![
        Span::styled(INFERRED_MARK, t.inferred),
        Span::raw("  headline made from the body: the page printed none"),
    ]));
    for k in [Kind::Photo, Kind::Cartoon, Kind::Notice, Kind::Commentary, Kind::Continuation] {
        lines.push(Line::from(vec![
            Span::styled(k.marker().unwrap_or(""), t.kind_marker),
            Span::raw(format!(" {}", k.name())),
        ]));
    }
    lines
}

/// A help line wrapped to `width` columns: the description (the last span)
/// breaks at spaces (inside a word only when the word alone is too wide)
/// and goes on under where it began, or two columns in when the keys leave
/// too little room.
fn wrap_entry(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    if line.width() <= width || line.spans.is_empty() {
        return vec![line];
    }
    let mut spans = line.spans;
    let what = spans.pop().map(|s| s.content.into_owned()).unwrap_or_default();
    // Spaces before the description stay before it.
    let gap = what.len() - what.trim_start().len();
    spans.push(Span::raw(what[..gap].to_string()));
    let what = &what[gap..];
    let lead: usize = spans.iter().map(|s| s.width()).sum();
    let hang = if lead + 8 <= width { lead } else { 2 };
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut cur = String::new();
    let mut room = width.saturating_sub(lead);
    let flush = |cur: &mut String, out: &mut Vec<Line<'static>>, spans: &mut Vec<Span<'static>>| {
        let mut l = std::mem::take(spans);
        l.push(Span::raw(std::mem::take(cur)));
        out.push(Line::from(l));
        spans.push(Span::raw(" ".repeat(hang)));
    };
    if room < 4 {
        // The keys fill the line: the description starts on the next one.
        flush(&mut cur, &mut out, &mut spans);
        room = width - hang;
    }
    for word in what.split(' ') {
        let sep = usize::from(!cur.is_empty());
        if !cur.is_empty() && str_width(&cur) + sep + str_width(word) > room {
            flush(&mut cur, &mut out, &mut spans);
            room = width - hang;
        } else if sep == 1 {
            cur.push(' ');
        }
        for c in word.chars() {
            if str_width(&cur) + crate::layout::char_width(c) > room && !cur.is_empty() {
                flush(&mut cur, &mut out, &mut spans);
                room = width - hang;
            }
            cur.push(c);
        }
    }
    flush(&mut cur, &mut out, &mut spans);
    out
}

/// The overlay's rectangle: centred, as wide as the widest line (plus
/// border and margin) and as tall as the lines, within the screen.
pub(crate) fn overlay_rect(area: Rect, lines: &[Line]) -> Rect {
    let widest = lines.iter().map(|l| l.width()).max().unwrap_or(0);
    let w = area.width.min(widest.min(200) as u16 + 4);
    let lines = lines.len();
    let h = area.height.min(lines as u16 + 2);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// The largest useful scroll offset of the help at the app's size.
pub fn max_scroll(app: &App) -> usize {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let lines = lines_for(app, area);
    let r = overlay_rect(area, &lines);
    lines.len().saturating_sub(r.height.saturating_sub(2) as usize)
}

/// Blanks wide characters just left of `r`: their right half would cover
/// the overlay's left border.
fn clear_wide_edge(buf: &mut Buffer, r: Rect) {
    if r.x == 0 {
        return;
    }
    for y in r.y..r.y + r.height {
        if let Some(cell) = buf.cell_mut((r.x - 1, y))
            && str_width(cell.symbol()) > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// The help's lines at the screen's size.
fn lines_for(app: &App, area: Rect) -> Vec<Line<'static>> {
    help_lines(app, (area.width as usize).saturating_sub(FRAME).min(196))
}

/// Draws the help over the screen, scrolled by `offset` lines.
pub fn draw_help(frame: &mut Frame, area: Rect, app: &App, offset: usize) {
    draw_overlay(frame, area, app, " Keys — Esc closes ", lines_for(app, area), offset);
}

/// An overlay's title for a box `width` columns wide: the whole title
/// (` Keys — Esc closes `) when it fits between the corners, else only
/// its name (` Keys `), never a cut list of keys.
pub(crate) fn overlay_title(title: &str, width: u16) -> String {
    if str_width(title) + 2 <= width as usize {
        return title.to_string();
    }
    match title.split_once(" — ") {
        Some((name, _)) => format!("{name} "),
        None => title.to_string(),
    }
}

/// Draws `lines` in a bordered box over the screen, scrolled by `offset`
/// lines, saying when there is more below.
pub(crate) fn draw_overlay(frame: &mut Frame, area: Rect, app: &App, title: &str, lines: Vec<Line>, offset: usize) {
    let r = overlay_rect(area, &lines);
    let more = lines.len().saturating_sub(r.height.saturating_sub(2) as usize) > offset;
    frame.render_widget(Clear, r);
    clear_wide_edge(frame.buffer_mut(), r);
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(app.settings.theme.border_focused)
        .padding(ratatui::widgets::Padding::horizontal(1))
        .title(Span::styled(overlay_title(title, r.width), app.settings.theme.pane_title));
    if more {
        block = block.title_bottom(Line::from(" j/↓ more ").right_aligned());
    }
    let offset = offset.min(u16::MAX as usize) as u16;
    if r.width >= 2 && r.height >= 2 {
        frame.render_widget(Paragraph::new(lines).block(block).scroll((offset, 0)), r);
    } else {
        frame.render_widget(Paragraph::new(lines).scroll((offset, 0)), r);
    }
}
