//! The search on screen: the query line at the bottom (in place of the status
//! bar) and the results in place of the article list (or over the whole
//! screen when the list is hidden). Pure: draws [`App::search`].

use super::super::app::{App, Mode, Pane};
use super::super::geometry::{Screen, inner};
use super::super::text::{fit, sanitize};
use crate::layout::{char_width, str_width};
use crate::search::Hit;
use crate::search::snippet::window;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use std::ops::Range;

/// Rows per result: headline, snippet.
pub const ROWS_PER_HIT: usize = 2;

/// The rectangle the results take: the issue and article lists together
/// (the lists come back when the search closes), else the whole screen
/// above the search line.
pub fn results_area(screen: &Screen, full: Rect) -> Rect {
    match (screen.issues, screen.articles) {
        (Some(i), Some(a)) => return i.union(a),
        (None, Some(a)) => return a,
        _ => {}
    }
    let bottom = screen.status.map_or(full.height, |s| s.y.saturating_sub(full.y));
    Rect { x: full.x, y: full.y, width: full.width, height: bottom }
}

/// Draws the search line and results while searching.
pub fn draw(frame: &mut Frame, app: &App, screen: &Screen) {
    if app.mode != Mode::Search {
        return;
    }
    let full = frame.area();
    let area = results_area(screen, full);
    if area.width >= 2 && area.height >= 2 {
        frame.render_widget(Clear, area);
        draw_results(frame, area, app);
    }
    let line = screen.status.unwrap_or(Rect {
        x: full.x,
        y: full.y + full.height.saturating_sub(1),
        width: full.width,
        height: full.height.min(1),
    });
    if line.height > 0 && line.width > 0 {
        draw_query(frame, line, app);
    }
}

fn title(app: &App) -> String {
    let s = &app.search;
    if s.query.trim().is_empty() {
        " Search: type Hanzi or pinyin ".to_string()
    } else if s.pending && s.results_for != s.query {
        " Searching… ".to_string()
    } else if s.results.is_empty() {
        " No match ".to_string()
    } else {
        let more = if s.results.len() >= super::super::search_state::RESULT_LIMIT { "+" } else { "" };
        let ms = s.elapsed_ms.map(|m| format!(", {m:.0} ms")).unwrap_or_default();
        let n = s.results.len();
        format!(" {n}{more} {}{ms} ", if n == 1 && more.is_empty() { "hit" } else { "hits" })
    }
}

/// Spans of `text` with `ranges` (char ranges) highlighted, cut to `width` columns.
fn highlighted<'a>(text: &str, ranges: &[Range<usize>], width: usize, base: Style, hl: Style) -> Vec<Span<'a>> {
    let mut spans: Vec<Span> = Vec::new();
    let mut cur = String::new();
    let mut cur_hl = false;
    let mut w = 0;
    let clean = sanitize(text);
    let cut = str_width(&clean) > width;
    let width = if cut { width.saturating_sub(1) } else { width };
    for (i, c) in clean.chars().enumerate() {
        let cw = char_width(c);
        if w + cw > width {
            break;
        }
        w += cw;
        let h = ranges.iter().any(|r| r.contains(&i));
        if h != cur_hl && !cur.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut cur), if cur_hl { base.patch(hl) } else { base }));
        }
        cur_hl = h;
        cur.push(c);
    }
    if !cur.is_empty() {
        spans.push(Span::styled(cur, if cur_hl { base.patch(hl) } else { base }));
    }
    if cut && width > 0 {
        spans.push(Span::styled("…", base));
    }
    spans
}

/// The text under a result's headline: for a match in the headline, the
/// start of the article's text (the headline is on the row above); else the
/// excerpt around the match.
fn hit_excerpt(app: &App, hit: &Hit) -> (String, Vec<Range<usize>>) {
    if hit.matched.field == crate::search::Field::Title {
        // (Read on demand for a page holding its headlines only.)
        let a = super::super::search_update::locate(app, hit)
            .and_then(|(i, n)| crate::page_text::article(app.issues.get(i)?, n));
        let text = a
            .as_deref()
            .and_then(crate::model::Article::lead)
            .map(|t| t.chars().take(200).collect())
            .unwrap_or_default();
        return (text, Vec::new());
    }
    (hit.snippet.text.clone(), hit.snippet.highlights.clone())
}

fn hit_lines<'a>(app: &App, hit: &Hit, width: usize, selected: bool) -> [Line<'a>; 2] {
    let t = &app.settings.theme;
    let row = if selected { t.selected } else { Style::new() };
    let date = hit.date.map(|d| d.to_string()).unwrap_or_else(|| "----------".into());
    let date_w = str_width(&date) + 1;
    let mut first: Vec<Span> = vec![Span::styled(format!("{date} "), row.patch(t.date))];
    // The headline as the reader shows it (a made-up one may have been cut
    // at a word since the index was built: the matches in the cut-off tail
    // are left out).
    let shown = super::super::search_update::locate(app, hit)
        .and_then(|(i, n)| app.issues.get(i).and_then(|x| x.article(n)))
        .map_or(hit.title.as_str(), |a| a.title.as_str());
    let kept = if shown == hit.title { usize::MAX } else { shown.chars().count().saturating_sub(1) };
    let title_ranges: Vec<Range<usize>> = if hit.matched.field == crate::search::Field::Title {
        hit.matched.ranges.iter().filter(|r| r.end <= kept).cloned().collect()
    } else {
        Vec::new()
    };
    // Cut around the match, so that a narrow list still shows it.
    let title_w = width.saturating_sub(date_w);
    let title = window(shown, &title_ranges, title_w);
    first.extend(highlighted(&title.text, &title.highlights, title_w, row.patch(t.headline), t.highlight));
    let snippet_w = width.saturating_sub(2);
    let (text, ranges) = hit_excerpt(app, hit);
    let excerpt = window(&text, &ranges, snippet_w);
    let mut second: Vec<Span> = vec![Span::styled("  ", row)];
    second.extend(highlighted(&excerpt.text, &excerpt.highlights, snippet_w, row.patch(t.dim), t.highlight));
    [Line::from(first), Line::from(second)]
}

fn draw_results(frame: &mut Frame, area: Rect, app: &App) {
    let block = super::pane_block(app, Pane::Articles, title(app));
    super::render_block(frame, area, block);
    let body = inner(area);
    if body.width == 0 || body.height == 0 {
        return;
    }
    let s = &app.search;
    let visible = (body.height as usize / ROWS_PER_HIT).max(1);
    // Keep the selection on screen (the state's offset is a hint).
    let offset = if s.selected < s.offset {
        s.selected
    } else if s.selected >= s.offset + visible {
        s.selected + 1 - visible
    } else {
        s.offset
    };
    let mut lines: Vec<Line> = Vec::new();
    for (n, hit) in s.results.iter().enumerate().skip(offset).take(visible) {
        lines.extend(hit_lines(app, hit, body.width as usize, n == s.selected));
    }
    if s.results.is_empty() && !s.query.trim().is_empty() && !(s.pending && s.results_for != s.query) {
        lines.push(Line::from(Span::styled(
            fit(&format!("no match for {}", s.query), body.width as usize),
            app.settings.theme.dim,
        )));
    }
    frame.render_widget(Paragraph::new(lines), body);
}

/// The part of the query shown, and the cursor's column in it, so that the
/// cursor stays visible on a narrow line.
pub fn query_view(query: &str, cursor: usize, width: usize) -> (String, usize) {
    let chars: Vec<char> = query.chars().map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect();
    let cursor = cursor.min(chars.len());
    let col = |from: usize, to: usize| chars[from..to].iter().map(|&c| char_width(c)).sum::<usize>();
    let mut start = 0;
    while start < cursor && col(start, cursor) + 1 > width {
        start += 1;
    }
    let mut shown = String::new();
    let mut w = 0;
    for &c in &chars[start..] {
        if w + char_width(c) > width {
            break;
        }
        w += char_width(c);
        shown.push(c);
    }
    (shown, col(start, cursor))
}

fn draw_query(frame: &mut Frame, line: Rect, app: &App) {
    let t = &app.settings.theme;
    let prompt = "/";
    let room = (line.width as usize).saturating_sub(str_width(prompt));
    let (shown, col) = query_view(&app.search.query, app.search.cursor, room);
    let spans = vec![Span::styled(prompt, t.key), Span::raw(shown)];
    frame.render_widget(Clear, line);
    frame.render_widget(Paragraph::new(Line::from(spans)).style(t.status), line);
    let x = line.x + (str_width(prompt) + col).min(line.width.saturating_sub(1) as usize) as u16;
    frame.set_cursor_position((x, line.y));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_column_counts_wide_characters() {
        assert_eq!(query_view("吕梁ab", 2, 40), ("吕梁ab".to_string(), 4));
        assert_eq!(query_view("吕梁ab", 4, 40).1, 6);
        let (shown, col) = query_view("一二三四五六七八九十", 10, 9);
        assert!(col <= 9 - 1 + 1 && shown.ends_with('十'), "{shown} {col}");
    }
}
