//! The body being read: how far it is scrolled (and the line to keep at
//! the top when the width changes), whether it fills the screen, and the
//! search matches highlighted in it.

use crate::layout::article::{ArticleLayout, Part};
use std::ops::Range;
use std::sync::Arc;

/// A highlighted range of the current article's text (e.g. a search match).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    /// The part of the article the range is in.
    pub part: Part,
    /// Byte range in that part's text.
    pub range: Range<usize>,
}

/// The reading position in the body, its zoom and highlights.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reader {
    /// First body line shown, as an index into the layout at `width`.
    scroll: usize,
    /// The width `scroll` refers to (kept so a resize keeps the paragraph at the top).
    width: usize,
    /// The line the reader put at the top (article key, part, byte offset)
    /// and the scroll it was last shown at: a width change (resize, zoom)
    /// puts this line back at the top, even when a narrower or wider
    /// layout had to scroll elsewhere in between (the end of an article).
    top_anchor: Option<(String, Part, usize, usize)>,
    zoom: bool,
    highlights: Vec<Highlight>,
}

impl Reader {
    /// First body line shown, in the layout at [`Reader::width`].
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// The body width (columns) [`Reader::scroll`] counts lines at; 0 before the body was shown.
    pub fn width(&self) -> usize {
        self.width
    }

    /// True when the body fills the screen.
    pub fn zoom(&self) -> bool {
        self.zoom
    }

    /// Makes the body fill the screen (true) or share it with the lists.
    pub fn set_zoom(&mut self, zoom: bool) {
        self.zoom = zoom;
    }

    /// Highlights in the current article's body.
    pub fn highlights(&self) -> &[Highlight] {
        &self.highlights
    }

    /// Replaces the highlights (the matches of a search in this article).
    pub fn set_highlights(&mut self, highlights: Vec<Highlight>) {
        self.highlights = highlights;
    }

    /// Another article: its top, nothing highlighted.
    pub fn start_article(&mut self) {
        self.scroll = 0;
        self.highlights.clear();
    }

    /// Scrolls by `delta` lines (kept within the article by [`Reader::fit`]).
    pub fn scroll_by(&mut self, delta: isize) {
        self.scroll = (self.scroll as isize).saturating_add(delta).max(0) as usize;
    }

    /// Shows line `line` at the top.
    pub fn scroll_to_line(&mut self, line: usize) {
        self.scroll = line;
    }

    /// Goes back to a saved place: line `scroll` of the layout at `width`.
    pub fn restore(&mut self, scroll: usize, width: usize) {
        self.scroll = scroll;
        self.width = width;
    }

    /// The line at the top (part, byte offset) of article `key`: the one
    /// the reader chose when it is still shown, else the one `layout` (at
    /// [`Reader::width`]) has there. None at the top of the article.
    pub fn top_line(&self, key: Option<&str>, layout: Option<Arc<ArticleLayout>>) -> Option<(Part, usize)> {
        if self.scroll == 0 {
            return None;
        }
        match &self.top_anchor {
            Some((k, part, off, shown)) if Some(k.as_str()) == key && *shown == self.scroll => Some((*part, *off)),
            _ => layout.and_then(|l| l.anchor(self.scroll)),
        }
    }

    /// The article was laid out again (its header changed): `line` now has
    /// the line that was at the top.
    pub fn relaid(&mut self, line: usize) {
        self.scroll = line;
        if let Some(t) = &mut self.top_anchor {
            t.3 = line;
        }
    }

    /// Fits the position to article `key` shown `width` columns wide and
    /// `height` lines high: after a width change the line at the top stays
    /// at the top, the scroll stays within the article, and the line shown
    /// at the top is remembered. `layout(width)` lays the article out.
    pub fn fit(
        &mut self,
        key: &str,
        width: usize,
        height: usize,
        mut layout: impl FnMut(usize) -> Option<Arc<ArticleLayout>>,
    ) {
        if width == 0 || height == 0 {
            // Nothing of the body is shown (a terminal one or two columns
            // wide): the place stays as it was, for when the body is back.
            return;
        }
        // The line the reader chose, unless they have scrolled (or moved) since.
        let kept = self
            .top_anchor
            .as_ref()
            .filter(|(k, _, _, shown)| k == key && *shown == self.scroll)
            .map(|&(_, part, off, _)| (part, off));
        let width_changed = self.width != width && self.width != 0;
        // Keep the line at the top when the width changed.
        let mut anchor = None;
        if width_changed {
            anchor = kept.or_else(|| anchor_at(&mut layout, self.scroll, self.width));
            if let Some((part, off)) = anchor
                && let Some(l) = layout(width)
            {
                self.scroll = l.line_of(part, off).unwrap_or(0);
            }
        }
        self.width = width;
        if let Some(l) = layout(width) {
            self.scroll = self.scroll.min(l.lines.len().saturating_sub(height));
        }
        // Remember the chosen line, and the scroll it is shown at (maybe
        // clamped: the end of the article at this width).
        if !width_changed {
            anchor = kept.or_else(|| anchor_at(&mut layout, self.scroll, width));
        }
        self.top_anchor = anchor.map(|(part, off)| (key.to_string(), part, off, self.scroll));
    }
}

/// The line at `scroll` of the layout at `width` (None at the top).
fn anchor_at(
    layout: &mut impl FnMut(usize) -> Option<Arc<ArticleLayout>>,
    scroll: usize,
    width: usize,
) -> Option<(Part, usize)> {
    if scroll > 0 { layout(width).and_then(|l| l.anchor(scroll)) } else { None }
}
