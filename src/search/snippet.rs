//! One-line excerpts around a match, with the highlight ranges moved along.

use std::ops::Range;

/// A one-line excerpt: `text` has no line breaks or control characters;
/// `highlights` are char ranges in `text`.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

/// How many chars of context to keep before the first match.
const LEAD: usize = 12;

/// An excerpt of at most `max` chars of `text` (plus `…` marks) around the
/// first of `ranges` (char ranges in `text`).
pub fn snippet(text: &str, ranges: &[Range<usize>], max: usize) -> Snippet {
    let chars: Vec<char> = text.chars().collect();
    let first = ranges.first().map_or(0, |r| r.start).min(chars.len());
    // The match stays near the start, so even a narrow list shows it.
    let start = first.saturating_sub(LEAD);
    let end = (start + max).min(chars.len());
    let mut out = String::new();
    let mut shift = 0usize;
    if start > 0 {
        out.push('…');
        shift = 1;
    }
    for &c in &chars[start..end] {
        out.push(if c.is_control() || c == '\u{2028}' || c == '\u{2029}' { ' ' } else { c });
    }
    if end < chars.len() {
        out.push('…');
    }
    let highlights = ranges
        .iter()
        .filter(|r| r.end > start && r.start < end)
        .map(|r| (r.start.max(start) - start + shift)..(r.end.min(end) - start + shift))
        .collect();
    Snippet { text: out, highlights }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_follow_the_cut() {
        let text = "一二三四五六七八九十一二三四五六七八九十吕梁一二三四五六七八九十";
        let found = 20..22;
        let s = snippet(text, &[found], 20);
        let chars: Vec<char> = s.text.chars().collect();
        let h = s.highlights[0].clone();
        assert_eq!(chars[h].iter().collect::<String>(), "吕梁");
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
    }

    #[test]
    fn no_line_breaks_survive() {
        let found = 0..1;
        let s = snippet("a\nb\u{1b}c", &[found], 10);
        assert_eq!(s.text, "a b c");
    }
}
