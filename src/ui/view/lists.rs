//! The issue list and the article list.

use super::{pane_block, render_block, row_style};
use crate::layout::str_width;
use crate::ui::app::{App, Pane};
use crate::ui::geometry::{self, ISSUE_ROWS};
use crate::ui::text::{fit, sanitize};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Mark after an inferred date, and before a headline made from the body.
pub const INFERRED_MARK: &str = "~";
/// Before a date guessed from the text (not given by the file name): `约`,
/// "about", which a Chinese reader takes as it is meant (`~` after a date
/// reads as "from this date on").
pub const INFERRED_DATE_MARK: &str = "约";
/// Mark of an article already read.
pub const READ_MARK: &str = "✓";

/// Columns of an issue's name kept before its article count is dropped.
const MIN_LABEL: usize = 8;

/// Pads a line with spaces to `width` columns so a row style fills the row.
fn pad(mut spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let used: usize = spans.iter().map(|s| str_width(&s.content)).sum();
    if used < width {
        spans.push(Span::raw(" ".repeat(width - used)));
    }
    spans
}

/// Issues, newest first: date (after [`INFERRED_DATE_MARK`] when guessed) and
/// unread/total articles, then the lead headline.
pub fn draw_issues(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.settings.theme;
    render_block(frame, area, pane_block(app, Pane::Issues, format!(" Issues {} ", app.issues.len())));
    let inner = geometry::inner(area);
    let width = inner.width as usize;
    if width == 0 || inner.height == 0 {
        return;
    }
    let mut lines: Vec<Line> = Vec::new();
    if app.issues.is_empty() {
        lines.push(Line::styled(fit("No issues loaded", width), t.dim));
    }
    let rows = (inner.height / ISSUE_ROWS).max(1) as usize;
    for (i, issue) in app.issues.iter().enumerate().skip(app.nav.issue_offset()).take(rows) {
        let style = row_style(app, Pane::Issues, i == app.nav.issue());
        let label = sanitize(&issue.label()).into_owned();
        let mark = if issue.date_inferred { INFERRED_DATE_MARK } else { "" };
        let n = issue.article_count();
        // Unread of all (`3/8篇`); `✓8篇` once every article has been read.
        let unread = app.read_flags(i).iter().filter(|&&read| !read).count();
        let count = if n > 0 && unread == 0 { format!("{READ_MARK}{n}篇") } else { format!("{unread}/{n}篇") };
        // A long name (an undated file's) is cut to leave room for the
        // count, as long as a useful part of it stays.
        let room = width.saturating_sub(str_width(mark));
        let with_count = room >= str_width(&count) + 1 + MIN_LABEL;
        let left = fit(&label, if with_count { room - str_width(&count) - 1 } else { room });
        let gap = width.saturating_sub(str_width(&left) + str_width(mark) + str_width(&count) + 1);
        let mut first = vec![Span::styled(mark, t.inferred), Span::styled(left, t.date)];
        if with_count {
            first.push(Span::raw(" ".repeat(gap + 1)));
            first.push(Span::styled(count, t.count));
        }
        lines.push(Line::from(pad(first, width)).style(style));
        let lead = issue.lead_title().unwrap_or("");
        let second = vec![Span::raw(" "), Span::raw(fit(&sanitize(lead), width.saturating_sub(1)))];
        lines.push(Line::from(pad(second, width)).style(style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The selected issue's articles in page order: bookmark and read marks, kind marker,
/// headline (a made-up headline in italics after [`INFERRED_MARK`]).
pub fn draw_articles(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.settings.theme;
    let listed = app.listed_articles(app.nav.issue());
    // `Unread` when the list leaves read articles out.
    let name = if app.marks.unread_only { "Unread" } else { "Articles" };
    let title = match app.current_issue() {
        Some(_) => format!(" {name} {}/{} ", (app.article_row() + 1).min(listed.len()), listed.len()),
        None => format!(" {name} "),
    };
    render_block(frame, area, pane_block(app, Pane::Articles, title));
    let inner = geometry::inner(area);
    let width = inner.width as usize;
    if width == 0 || inner.height == 0 {
        return;
    }
    let mut lines: Vec<Line> = Vec::new();
    match app.current_issue() {
        Some(issue) if issue.article_count() > 0 => {
            // With several pages, each row starts with its page number
            // (`-` for a page whose number is unknown: none is made up);
            // no column when no page's number is known.
            let pages: Vec<String> = issue
                .pages
                .iter()
                .flat_map(|p| {
                    std::iter::repeat_n(p.page.map_or_else(|| "-".to_string(), |n| n.to_string()), p.articles.len())
                })
                .collect();
            let page_w = if issue.pages.len() > 1 && issue.pages.iter().any(|p| p.page.is_some()) {
                pages.iter().map(|p| p.len()).max().unwrap_or(0) + 1
            } else {
                0
            };
            let articles: Vec<_> = issue.articles().collect();
            let read_flags = app.read_flags(app.nav.issue());
            let rows = listed.iter().skip(app.nav.article_offset()).take(inner.height as usize);
            for (n, a) in rows.filter_map(|&n| articles.get(n).map(|a| (n, *a))) {
                let style = row_style(app, Pane::Articles, n == app.nav.article());
                let read = read_flags.get(n).copied().unwrap_or(false);
                let mut spans = Vec::new();
                if page_w > 0 && width >= page_w + 12 {
                    let p = pages.get(n).map(String::as_str).unwrap_or("");
                    spans.push(Span::styled(format!("{p:>w$} ", w = page_w - 1), t.count));
                }
                let used = 5 + spans.iter().map(|s| str_width(&s.content)).sum::<usize>();
                // Two columns: bookmark, then read (both can be on).
                let bookmarked = crate::ui::marks::is_bookmarked(app, app.nav.issue(), n);
                spans.extend([
                    Span::styled(if bookmarked { super::bookmarks::BOOKMARK_MARK } else { " " }, t.bookmark),
                    Span::styled(if read { READ_MARK } else { " " }, t.unread_marker),
                    Span::styled(a.kind.marker().unwrap_or("  "), t.kind_marker),
                    Span::raw(" "),
                ]);
                let mut title_style = if read { t.read_title } else { ratatui::style::Style::new() };
                let mut room = width.saturating_sub(used);
                if a.title_inferred {
                    spans.push(Span::styled(INFERRED_MARK, t.inferred));
                    room = room.saturating_sub(1);
                    title_style = title_style.patch(t.fallback_title);
                }
                spans.push(Span::styled(fit(&sanitize(&a.title), room), title_style));
                // The markers are dropped first when the pane is very narrow.
                if width < used + 2 {
                    spans = vec![Span::raw(fit(&sanitize(&a.title), width))];
                }
                lines.push(Line::from(pad(spans, width)).style(style));
            }
        }
        Some(_) => lines.push(Line::styled(fit("No articles in this issue", width), t.dim)),
        None => {}
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
