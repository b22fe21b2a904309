//! Text made safe and fitted for the screen.

use crate::layout::{grapheme_width, str_width};
use std::borrow::Cow;

/// Replaces every control character with a harmless one-column character
/// (a tab becomes a space, anything else `�`), so no escape sequence from a
/// file ever reaches the terminal. The loader already strips them; this is
/// the view's own guard. Display width is kept as [`crate::layout::char_width`] counts it.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_replacing) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if c == '\t' {
                    ' '
                } else if needs_replacing(c) {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect(),
    )
}

fn needs_replacing(c: char) -> bool {
    crate::layout::is_unsafe(c)
}

/// Cuts `s` to at most `width` columns, ending with `…` when cut.
pub fn fit(s: &str, width: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    if str_width(s) <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    // By grapheme cluster: an emoji sequence is kept whole or cut whole.
    for g in s.graphemes(true) {
        let cw = grapheme_width(g);
        if w + cw > width - 1 {
            break;
        }
        out.push_str(g);
        w += cw;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_pass() {
        let s = sanitize("a\u{1b}[31mb\u{7}\u{9b}c\td\u{202e}");
        assert!(!s.chars().any(|c| c.is_control()), "{s:?}");
        assert_eq!(s, "a\u{FFFD}[31mb\u{FFFD}\u{FFFD}c d\u{FFFD}");
        assert!(matches!(sanitize("吕梁"), Cow::Borrowed(_)));
    }

    #[test]
    fn fit_cuts_at_display_width() {
        assert_eq!(fit("吕梁日报", 8), "吕梁日报");
        assert_eq!(fit("吕梁日报", 7), "吕梁日…");
        assert_eq!(fit("吕梁日报", 6), "吕梁…");
        assert_eq!(fit("吕梁日报", 1), "…");
        assert_eq!(fit("吕梁日报", 0), "");
        assert_eq!(fit("a👨\u{200d}👩\u{200d}👧bc", 4), "a👨\u{200d}👩\u{200d}👧…", "an emoji sequence is two columns");
        assert_eq!(fit("a👨\u{200d}👩\u{200d}👧bc", 3), "a…", "and is never cut inside");
    }
}
