//! Where each pane goes for a terminal size, focus and zoom: pure
//! arithmetic shared by the views (to draw) and by update (page sizes,
//! mouse hits, body width). Knows nothing of the rest of the state.

use ratatui::layout::{Position, Rect};

/// The three panes, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pane {
    /// The list of issues.
    Issues,
    /// The selected issue's articles.
    Articles,
    /// The selected article's text.
    Body,
}

/// From this many columns on, all three panes are shown.
pub const THREE_PANES_MIN_WIDTH: u16 = 100;
/// From this many columns on, two panes are shown; below, one.
pub const TWO_PANES_MIN_WIDTH: u16 = 60;
/// Rows of one entry of the issue list.
pub const ISSUE_ROWS: u16 = 2;

/// The rectangles of the screen; a pane that is not shown is None.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Screen {
    /// The issue list (with its border).
    pub issues: Option<Rect>,
    /// The article list (with its border).
    pub articles: Option<Rect>,
    /// The body (with its border).
    pub body: Option<Rect>,
    /// The status bar (one row).
    pub status: Option<Rect>,
}

impl Screen {
    /// The pane under a point.
    pub fn pane_at(&self, x: u16, y: u16) -> Option<Pane> {
        let p = Position { x, y };
        [(self.issues, Pane::Issues), (self.articles, Pane::Articles), (self.body, Pane::Body)]
            .into_iter()
            .find_map(|(r, pane)| r.filter(|r| r.contains(p)).map(|_| pane))
    }

    /// The rectangle of a pane.
    pub fn rect(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Issues => self.issues,
            Pane::Articles => self.articles,
            Pane::Body => self.body,
        }
    }
}

/// Splits `area` for the given focus and zoom: three panes from
/// [`THREE_PANES_MIN_WIDTH`] columns, two from [`TWO_PANES_MIN_WIDTH`]
/// (the focused one and its neighbour), else the focused pane alone; zoom
/// shows the body alone. The last row is the status bar when there are at
/// least three rows.
pub fn screen(area: Rect, focus: Pane, zoom: bool) -> Screen {
    screen_for(area, focus, zoom, u16::MAX)
}

/// [`screen`] for a body whose text is at most `max_body` columns wide:
/// with three panes, the columns the body could not use (beyond its widest
/// line, border and margins) go to the lists, two fifths to the issues.
pub fn screen_for(area: Rect, focus: Pane, zoom: bool, max_body: u16) -> Screen {
    let mut s = screen_fixed(area, focus, zoom);
    if let (Some(issues), Some(articles), Some(body)) = (s.issues, s.articles, s.body) {
        let spare = body.width.saturating_sub(max_body.saturating_add(4));
        if spare > 0 {
            let to_issues = spare * 2 / 5;
            let issues = Rect { width: issues.width + to_issues, ..issues };
            let articles = Rect { x: issues.x + issues.width, width: articles.width + spare - to_issues, ..articles };
            let body = Rect { x: articles.x + articles.width, width: body.width - spare, ..body };
            (s.issues, s.articles, s.body) = (Some(issues), Some(articles), Some(body));
        }
    }
    s
}

/// The split before the body's width is known (see [`screen_for`]).
fn screen_fixed(area: Rect, focus: Pane, zoom: bool) -> Screen {
    let mut s = Screen::default();
    let mut main = area;
    if area.height >= 3 {
        main.height -= 1;
        s.status = Some(Rect { y: area.y + area.height - 1, height: 1, ..area });
    }
    let split = |r: Rect, w: u16| -> (Rect, Rect) {
        let w = w.min(r.width);
        (Rect { width: w, ..r }, Rect { x: r.x + w, width: r.width - w, ..r })
    };
    if zoom {
        s.body = Some(main);
    } else if area.width >= THREE_PANES_MIN_WIDTH {
        let (issues, rest) = split(main, (area.width * 22 / 100).clamp(22, 30));
        let (articles, body) = split(rest, (area.width * 28 / 100).clamp(28, 40));
        s.issues = Some(issues);
        s.articles = Some(articles);
        s.body = Some(body);
    } else if area.width >= TWO_PANES_MIN_WIDTH {
        if focus == Pane::Issues {
            let (issues, articles) = split(main, area.width * 2 / 5);
            s.issues = Some(issues);
            s.articles = Some(articles);
        } else {
            let (articles, body) = split(main, (area.width * 36 / 100).max(22));
            s.articles = Some(articles);
            s.body = Some(body);
        }
    } else {
        match focus {
            Pane::Issues => s.issues = Some(main),
            Pane::Articles => s.articles = Some(main),
            Pane::Body => s.body = Some(main),
        }
    }
    s
}

/// Inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    if r.width < 2 || r.height < 2 {
        return Rect { width: 0, height: 0, ..r };
    }
    Rect { x: r.x + 1, y: r.y + 1, width: r.width - 2, height: r.height - 2 }
}

/// Where the body text goes inside the body pane: inside the border, one
/// column of margin each side when there is room, at most `max_width` wide,
/// centred.
pub fn body_text(body: Rect, max_width: u16) -> Rect {
    let r = inner(body);
    let margin = if r.width >= 24 { 1 } else { 0 };
    let avail = r.width.saturating_sub(2 * margin);
    let width = avail.min(max_width.max(1));
    Rect { x: r.x + margin + (avail - width) / 2, width, ..r }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pane_count_follows_width() {
        let count = |w, focus, zoom| {
            let s = screen(Rect::new(0, 0, w, 30), focus, zoom);
            [s.issues, s.articles, s.body].iter().filter(|r| r.is_some()).count()
        };
        assert_eq!(count(120, Pane::Articles, false), 3);
        assert_eq!(count(80, Pane::Articles, false), 2);
        assert_eq!(count(50, Pane::Articles, false), 1);
        assert_eq!(count(120, Pane::Articles, true), 1);
        let s = screen(Rect::new(0, 0, 80, 24), Pane::Issues, false);
        assert!(s.issues.is_some() && s.articles.is_some() && s.body.is_none());
    }

    #[test]
    fn panes_tile_the_screen_without_overlap() {
        for w in [1, 2, 30, 59, 60, 99, 100, 250] {
            for h in [1, 2, 3, 24] {
                for focus in [Pane::Issues, Pane::Articles, Pane::Body] {
                    let s = screen(Rect::new(0, 0, w, h), focus, false);
                    let rects: Vec<Rect> = [s.issues, s.articles, s.body, s.status].into_iter().flatten().collect();
                    let area: u32 = rects.iter().map(|r| r.width as u32 * r.height as u32).sum();
                    assert_eq!(area, w as u32 * h as u32, "{w}x{h}");
                    for (i, a) in rects.iter().enumerate() {
                        for b in &rects[i + 1..] {
                            assert!(!a.intersects(*b), "{a:?} overlaps {b:?} at {w}x{h}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn wide_screens_give_the_lists_what_the_body_cannot_use() {
        let area = Rect::new(0, 0, 200, 60);
        let s = screen_for(area, Pane::Articles, false, 80);
        let (i, a, b) = (s.issues.unwrap(), s.articles.unwrap(), s.body.unwrap());
        assert_eq!(b.width, 84, "the body keeps its widest line, border and margins");
        assert_eq!(i.width + a.width + b.width, 200);
        assert!(i.width > 30 && a.width > 40, "the lists grow: {i:?} {a:?}");
        assert_eq!((a.x, b.x), (i.x + i.width, a.x + a.width), "side by side");
        assert_eq!(body_text(b, 80).width, 80, "the body still shows its widest line");
        // At 120 columns there is nothing to spare: the same as before.
        let area = Rect::new(0, 0, 120, 40);
        assert_eq!(screen_for(area, Pane::Articles, false, 80), screen(area, Pane::Articles, false));
    }

    #[test]
    fn body_text_is_centred_and_capped() {
        let r = body_text(Rect::new(0, 0, 122, 10), 80);
        assert_eq!(r.width, 80);
        assert_eq!(r.x, 1 + 1 + (118 - 80) / 2);
        assert_eq!(body_text(Rect::new(0, 0, 1, 1), 80).width, 0);
    }
}
