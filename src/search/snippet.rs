//! One-line excerpts around a match, with the highlight ranges moved along.

use std::ops::Range;

/// A one-line excerpt: `text` has no line breaks or control characters;
/// `highlights` are char ranges in `text`.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

/// An excerpt of at most `max` chars of `text` (plus `…` marks) with the
/// first of `ranges` (char ranges in `text`) in its middle. Only the chars
/// of the excerpt are copied (a body's whole text is not).
pub fn snippet(text: &str, ranges: &[Range<usize>], max: usize) -> Snippet {
    let n = text.chars().count();
    let first = ranges.first().map_or(0, |r| r.start).min(n);
    let len = ranges.first().map_or(0, |r| r.end.saturating_sub(r.start));
    // As much context before the match as after it; the view centres it
    // again at its own width ([`window`]).
    let start = first.saturating_sub(max.saturating_sub(len) / 2).min(n.saturating_sub(max));
    let end = (start + max).min(n);
    let mut out = String::with_capacity((end - start) * 3 + 6);
    let mut shift = 0usize;
    if start > 0 {
        out.push('…');
        shift = 1;
    }
    // The excerpt's bytes, copied whole when no char of it is replaced (a
    // char at a time otherwise).
    let from = skip_chars(text, start);
    let excerpt = &from[..from.len() - skip_chars(from, end - start).len()];
    if plain(excerpt) {
        out.push_str(excerpt);
    } else {
        for c in excerpt.chars() {
            out.push(blanked(c));
        }
    }
    if end < n {
        out.push('…');
    }
    let highlights = ranges
        .iter()
        .filter(|r| r.end > start && r.start < end)
        .map(|r| (r.start.max(start) - start + shift)..(r.end.min(end) - start + shift))
        .collect();
    Snippet { text: out, highlights }
}

/// A char as an excerpt shows it: a control character or a line or
/// paragraph separator (U+2028, U+2029) becomes a space, so no excerpt
/// breaks a list row or reaches the terminal as a control.
fn blanked(c: char) -> char {
    if c.is_control() || c == '\u{2028}' || c == '\u{2029}' { ' ' } else { c }
}

/// `s` after its first `n` chars (empty when it has fewer).
fn skip_chars(s: &str, n: usize) -> &str {
    let mut chars = s.chars();
    if n > 0 {
        let _ = chars.nth(n - 1);
    }
    chars.as_str()
}

/// True when no char of `s` is a control character or a line or paragraph
/// separator (U+2028, U+2029), the chars an excerpt replaces by a space:
/// C0 controls and DEL are single bytes, C1 controls (U+0080–U+009F) begin
/// with 0xC2 then 0x80–0x9F, the separators are E2 80 A8 and E2 80 A9.
fn plain(s: &str) -> bool {
    let b = s.as_bytes();
    // (Single bytes folded without an early exit, a loop the compiler can
    // widen; then the few lead bytes 0xC2 and 0xE2, found by memchr.)
    let controls = b.iter().fold(false, |any, &c| any | (c < 0x20) | (c == 0x7F));
    !controls
        && memchr::memchr2_iter(0xC2, 0xE2, b).all(|i| match b[i] {
            0xC2 => b.get(i + 1).is_none_or(|&d| d >= 0xA0),
            _ => !(b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9))),
        })
}

/// `text` (one line, `highlights` char ranges in it) cut to at most
/// `width` columns with its first highlight in the middle, as much as fits
/// of it, and `…` where text was cut off: a list row of any width shows
/// the match. Control characters become spaces.
pub fn window(text: &str, highlights: &[Range<usize>], width: usize) -> Snippet {
    use crate::layout::char_width;
    let chars: Vec<char> = text.chars().map(blanked).collect();
    let w: Vec<usize> = chars.iter().map(|&c| char_width(c)).collect();
    let n = chars.len();
    let total: usize = w.iter().sum();
    let (s, e) = if total <= width {
        (0, n)
    } else if width == 0 {
        (0, 0)
    } else {
        let first = highlights.iter().find(|r| r.start < n).cloned().unwrap_or(0..0);
        let (hs, he) = (first.start.min(n), first.end.min(n));
        let match_w: usize = w[hs..he.max(hs)].iter().sum();
        // Context on the left: half of what the match leaves, less the `…`.
        let left_room = width.saturating_sub(match_w) / 2;
        let mut s = hs;
        let mut lw = 1;
        while s > 0 && lw + w[s - 1] <= left_room {
            s -= 1;
            lw += w[s];
        }
        // Then to the right as far as fits, keeping a column for `…`.
        let mut used = usize::from(s > 0);
        let mut e = s;
        while e < n {
            let mark = usize::from(e + 1 < n);
            if used + w[e] + mark > width {
                break;
            }
            used += w[e];
            e += 1;
        }
        // The end reached with room to spare: more context on the left.
        while e == n && s > 0 {
            let mark_saved = usize::from(s == 1);
            if used + w[s - 1] > width + mark_saved {
                break;
            }
            used = used + w[s - 1] - mark_saved;
            s -= 1;
        }
        (s, e)
    };
    let mut out = String::new();
    let shift = usize::from(s > 0);
    if s > 0 {
        out.push('…');
    }
    out.extend(&chars[s..e]);
    if e < n {
        out.push('…');
    }
    let highlights = highlights
        .iter()
        .filter(|r| r.end > s && r.start < e)
        .map(|r| (r.start.max(s) - s + shift)..(r.end.min(e) - s + shift))
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

    fn shown(s: &Snippet) -> Vec<String> {
        let chars: Vec<char> = s.text.chars().collect();
        s.highlights.iter().map(|r| chars[r.clone()].iter().collect()).collect()
    }

    #[test]
    fn a_window_of_any_width_shows_the_match_in_its_middle() {
        let text = "离石区信义镇东泰绿谷农业园温室大棚草莓迎来了成熟期，吸引了众多游客前来采摘";
        let m: Range<usize> = 17..19; // 草莓
        for width in 6..60 {
            let s = window(text, std::slice::from_ref(&m), width);
            assert!(crate::layout::str_width(&s.text) <= width, "{width}: {}", s.text);
            assert_eq!(shown(&s), ["草莓"], "{width}: {}", s.text);
        }
        let s = window(text, std::slice::from_ref(&m), 26);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'), "{}", s.text);
        let before = s.text.find("草莓").map(|b| s.text[..b].chars().count()).unwrap_or(0);
        let after = s.text.chars().count() - before - 2;
        assert!(before.abs_diff(after) <= 2, "centred: {}", s.text);
        // Near the end: the window uses the whole width.
        let s = window(text, &[Range { start: 35, end: 37 }], 20);
        assert_eq!(crate::layout::str_width(&s.text), 19, "{}", s.text);
        assert!(s.text.ends_with("采摘") && s.text.starts_with('…'));
        // Fits whole: unchanged.
        assert_eq!(window("草莓熟了", &[Range { start: 0, end: 2 }], 8).text, "草莓熟了");
    }

    /// The excerpt as it was made before: every char of the text collected
    /// first.
    fn snippet_collected(text: &str, ranges: &[Range<usize>], max: usize) -> Snippet {
        let chars: Vec<char> = text.chars().collect();
        let first = ranges.first().map_or(0, |r| r.start).min(chars.len());
        let len = ranges.first().map_or(0, |r| r.end.saturating_sub(r.start));
        let start = first.saturating_sub(max.saturating_sub(len) / 2).min(chars.len().saturating_sub(max));
        let end = (start + max).min(chars.len());
        let mut out = String::new();
        let mut shift = 0usize;
        if start > 0 {
            out.push('…');
            shift = 1;
        }
        for &c in &chars[start..end] {
            out.push(blanked(c));
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

    #[test]
    fn excerpts_are_those_of_the_whole_text_collected() {
        let texts = [
            "",
            "吕梁",
            "a\nb\u{1b}c\u{2028}d",
            "吕梁\u{85}离石\u{7f}区\u{2029}草莓\u{a0}迎来…“成熟”\u{2027}期\u{202a}。",
            "一二三四五六七八九十一二三四五六七八九十吕梁一二三四五六七八九十",
            "离石区信义镇东泰绿谷农业园温室大棚草莓迎来了成熟期，吸引了众多游客前来采摘。2023年10KV线路改造完成，老旧小区改造工作稳步推进。",
        ];
        for text in texts {
            let n = text.chars().count();
            for max in [0, 1, 5, 20, 60, 200] {
                for start in (0..n + 3).step_by(3) {
                    for len in [0, 1, 2, 7] {
                        let ranges = [start..start + len, (start + 5)..(start + 9), (n + 2)..(n + 4)];
                        for rs in [&ranges[..1], &ranges[..], &[][..]] {
                            assert_eq!(
                                snippet(text, rs, max),
                                snippet_collected(text, rs, max),
                                "{text:?} {rs:?} max {max}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn plain_tells_every_char_an_excerpt_replaces() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let replaced = blanked(c) != c;
            let one: &str = c.encode_utf8(&mut buf);
            assert_eq!(plain(one), !replaced, "{c:?}");
            assert_eq!(plain(&format!("吕{c}梁")), !replaced, "{c:?} among others");
        }
    }

    #[test]
    fn no_line_breaks_survive() {
        let found = 0..1;
        let s = snippet("a\nb\u{1b}c", &[found], 10);
        assert_eq!(s.text, "a b c");
    }
}
