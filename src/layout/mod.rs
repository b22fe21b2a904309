//! Line breaking for Chinese text, with no terminal code.
//!
//! [`wrap`] breaks one paragraph into lines no wider than a number of
//! terminal columns (display widths from `unicode-width`: a Han character
//! takes two columns), following the basic rules of W3C *Requirements for
//! Chinese Text Layout* (clreq):
//!
//! - no line starts with closing punctuation ([`NO_LINE_START`]);
//! - no line ends with opening punctuation ([`NO_LINE_END`]);
//! - `——` and `……` are never split;
//! - a run of Latin letters or digits (`0358-8253111`, `2023`, `10KV`, the
//!   `1.4` of `1.4亿`) is never split unless it is longer than the line;
//!   nor is a URL or e-mail address (`https://www.llrb.cn/a?id=5`);
//! - a unit sign ([`UNIT_SIGNS`]: `㎡`, `℃`, `％`…) stays with its number.
//!
//! When a rule would be broken the previous character is pulled down to the
//! next line with the punctuation; no line ever grows beyond the width. A
//! rule is broken only when nothing else fits (a run longer than the line).
//!
//! Lines are byte ranges into the paragraph, so callers can style any
//! sub-range (search highlights) without copying text. [`article`] lays out
//! a whole article; [`cache`] keeps layouts per (article, width).

pub mod article;
pub mod cache;

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The first-line indent of a paragraph: two ideographic spaces.
pub const INDENT: &str = "\u{3000}\u{3000}";
/// Display width of [`INDENT`].
pub const INDENT_WIDTH: usize = 4;
/// Paragraphs are indented only when the line has at least this many columns.
pub const MIN_WIDTH_FOR_INDENT: usize = 12;

/// Characters that must not begin a line (closing punctuation and the like).
pub const NO_LINE_START: &str = "、，。．：；！？”’」』）〕】〗］｝〉》％‰℃〙〛·・,.;:!?)]}%";
/// Unit signs that stay with the number before them (`15000㎡`, `30℃`):
/// like closing punctuation, they never begin a line.
pub const UNIT_SIGNS: &str = "㎡㎥㎞㎝㎜㎎㎏㎖㎗㎘㏄㎠㎢℃℉％‰°′″";
/// Characters that must not begin a line when they stand alone: a single
/// `…` (where a headline was cut) belongs to the word before it; the pair
/// `……` is a unit of its own.
pub const LONE_NO_LINE_START: &str = "…⋯";
/// Characters that must not end a line (opening punctuation).
pub const NO_LINE_END: &str = "“‘「『（〔【〖［｛〈《〘〚([{";

/// One wrapped line of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Byte range of the line's text in the paragraph (spaces at the break excluded).
    pub range: Range<usize>,
    /// True when the line is drawn after [`INDENT`] (first line of a paragraph).
    pub indent: bool,
    /// Display width of the line, indent included.
    pub width: usize,
}

/// True for characters the view never sends to the terminal as they are
/// ([`crate::text::is_terminal_unsafe`]: controls and bidi controls). The
/// view draws each as a one-column placeholder.
pub fn is_unsafe(c: char) -> bool {
    crate::text::is_terminal_unsafe(c)
}

/// Display width of one character as the reader draws it: characters the
/// view replaces by a one-column placeholder ([`is_unsafe`]) count 1.
pub fn char_width(c: char) -> usize {
    if is_unsafe(c) { 1 } else { c.width().unwrap_or(0) }
}

/// Display width of a string, as the terminal (and ratatui) draw it: by
/// grapheme cluster, so an emoji sequence (`👨‍👩‍👧`, `👍🏽`, `🇨🇳`, `☺️`) counts
/// two columns, not the sum of its characters (see [`grapheme_width`]).
pub fn str_width(s: &str) -> usize {
    if s.is_ascii() {
        // Every ASCII character is one column (a control one placeholder).
        return s.len();
    }
    if !s.chars().any(may_join) {
        // No character that clusters with its neighbours: no need to segment.
        return s.chars().map(char_width).sum();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// True for a character that can make a grapheme cluster with another:
/// zero-width ones (joiners, variation selectors, combining marks), emoji
/// modifiers, regional indicators (flags), Hangul jamo.
fn may_join(c: char) -> bool {
    !c.is_ascii()
        && !('\u{4E00}'..='\u{9FFF}').contains(&c)
        && (char_width(c) == 0
            || ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
            || ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
            || ('\u{1100}'..='\u{11FF}').contains(&c)
            || ('\u{A960}'..='\u{A97F}').contains(&c)
            || ('\u{D7B0}'..='\u{D7FF}').contains(&c))
}

/// Display width of one grapheme cluster: a single character as
/// [`char_width`] says; a sequence (emoji with joiners, modifiers, flags,
/// variation selectors, combining marks) as `unicode-width` measures the
/// whole, which is what ratatui puts on screen.
pub fn grapheme_width(g: &str) -> usize {
    let mut chars = g.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => char_width(c),
        (None, _) => 0,
        _ if g.chars().any(is_unsafe) => g.chars().map(char_width).sum(),
        _ => UnicodeWidthStr::width(g),
    }
}

/// The grapheme cluster starting at byte `at` of `text`, when it is longer
/// than one character (an emoji sequence, a letter with combining marks).
fn cluster_at(text: &str, at: usize) -> Option<&str> {
    let g = text[at..].graphemes(true).next()?;
    (g.chars().nth(1).is_some()).then_some(g)
}

/// How a unit behaves at a line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A space: a break opportunity, dropped at the ends of lines.
    Space,
    /// Opening punctuation: sticks to what follows.
    Open,
    /// Closing punctuation: sticks to what precedes.
    Close,
    /// Anything else (a Han character, a Latin/digit run, a `——` pair).
    Other,
}

/// An unbreakable piece of text.
#[derive(Debug, Clone, Copy)]
struct Unit {
    start: usize,
    end: usize,
    width: usize,
    class: Class,
}

fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() && char_width(c) == 1)
        || ('\u{FF10}'..='\u{FF19}').contains(&c)
        || ('\u{FF21}'..='\u{FF3A}').contains(&c)
        || ('\u{FF41}'..='\u{FF5A}').contains(&c)
}

/// Characters that join two word characters into one run (`0358-8253111`,
/// `1.4`, `llstszx@163.com`, `1,000`).
fn is_connector(c: char) -> bool {
    matches!(c, '.' | '-' | '_' | '@' | '/' | ':' | '+' | '&' | ',' | '\'' | '#')
}

/// Characters of a URL or e-mail address run besides ASCII letters and digits.
const URL_CHARS: &str = ":/._-@?=&%#+~";

/// Where a URL or e-mail address starting at `chars[i]` ends (exclusive),
/// if one starts there: a run of ASCII letters, digits and [`URL_CHARS`]
/// holding `://`, starting with `www.`, or holding `@` with a `.` after
/// it. Punctuation that ends a sentence (`.`, `:`, `?`, `,`…) is left out.
fn url_end(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let mut j = i;
    while j < chars.len() && (chars[j].1.is_ascii_alphanumeric() || URL_CHARS.contains(chars[j].1)) {
        j += 1;
    }
    while j > i + 1 && matches!(chars[j - 1].1, '.' | ':' | '?' | '&' | '=' | '#' | '-' | '_' | '+' | '~' | '@') {
        j -= 1;
    }
    let run: String = chars[i..j].iter().map(|&(_, c)| c).collect();
    let lower = run.to_ascii_lowercase();
    let url = run.contains("://") || lower.starts_with("www.");
    let mail = run.find('@').is_some_and(|at| at > 0 && run[at + 1..].contains('.'));
    (url || mail).then_some(j)
}

fn classify(c: char) -> Class {
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        Class::Other
    } else if c.is_whitespace() {
        Class::Space
    } else if NO_LINE_START.contains(c) || UNIT_SIGNS.contains(c) || LONE_NO_LINE_START.contains(c) {
        Class::Close
    } else if NO_LINE_END.contains(c) {
        Class::Open
    } else {
        Class::Other
    }
}

/// Splits text into units that are never broken inside.
fn units(text: &str) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(text.len() / 3 + 1);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map(|&(b, _)| b).unwrap_or(text.len());
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let w = char_width(c);
        if w == 0 && !c.is_whitespace() {
            // A combining mark or zero-width character joins the previous unit.
            match out.last_mut() {
                Some(u) if u.class != Class::Space => u.end = end_of(i + 1),
                _ => out.push(Unit { start, end: end_of(i + 1), width: 0, class: Class::Other }),
            }
            i += 1;
            continue;
        }
        if !c.is_ascii() && ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            // Fast path for the common case: a Han character.
            out.push(Unit { start, end: start + c.len_utf8(), width: 2, class: Class::Other });
            i += 1;
            continue;
        }
        if !c.is_ascii()
            && chars.get(i + 1).is_some_and(|&(_, d)| !d.is_ascii())
            && let Some(g) = cluster_at(text, start)
        {
            // An emoji sequence is one unit as wide as the terminal draws it.
            let n = g.chars().count();
            out.push(Unit { start, end: start + g.len(), width: grapheme_width(g), class: Class::Other });
            i += n;
            continue;
        }
        if c.is_ascii_alphanumeric()
            && let Some(j) = url_end(&chars, i)
        {
            let width = chars[i..j].iter().map(|&(_, d)| char_width(d)).sum();
            out.push(Unit { start, end: end_of(j), width, class: Class::Other });
            i = j;
            continue;
        }
        if is_word_char(c) {
            let mut j = i + 1;
            let mut width = w;
            while j < chars.len() {
                let d = chars[j].1;
                if is_word_char(d) {
                    width += char_width(d);
                    j += 1;
                } else if is_connector(d) && chars.get(j + 1).is_some_and(|&(_, e)| is_word_char(e)) {
                    width += char_width(d) + char_width(chars[j + 1].1);
                    j += 2;
                } else {
                    break;
                }
            }
            out.push(Unit { start, end: end_of(j), width, class: Class::Other });
            i = j;
            continue;
        }
        if (c == '—' || c == '…') && chars.get(i + 1).is_some_and(|&(_, d)| d == c) {
            out.push(Unit { start, end: end_of(i + 2), width: w + char_width(c), class: Class::Other });
            i += 2;
            continue;
        }
        out.push(Unit { start, end: end_of(i + 1), width: w, class: classify(c) });
        i += 1;
    }
    out
}

/// For each unit, whether a line may break before it: never before closing
/// punctuation or after opening punctuation, spaces in between or not.
fn break_points(units: &[Unit]) -> Vec<bool> {
    let mut out = vec![true; units.len()];
    let mut prev: Option<Class> = None;
    for (b, u) in out.iter_mut().zip(units) {
        if u.class == Class::Space {
            continue;
        }
        *b = prev.is_some_and(|p| p != Class::Open) && u.class != Class::Close;
        prev = Some(u.class);
    }
    out
}

/// Builds lines greedily, keeping track of trailing spaces.
struct Filler {
    width: usize,
    limit: usize,
    indent: bool,
    lines: Vec<Line>,
    start: Option<usize>,
    end: usize,
    w_end: usize,
    w: usize,
    /// Start and width of the last piece pushed (for pulling it down).
    last: (usize, usize),
}

impl Filler {
    fn flush(&mut self) {
        if let Some(start) = self.start.take() {
            let indent = self.indent && self.lines.is_empty();
            let extra = if indent { INDENT_WIDTH } else { 0 };
            self.lines.push(Line { range: start..self.end, indent, width: self.w_end + extra });
        }
        self.limit = self.width;
        self.w = 0;
        self.w_end = 0;
    }

    fn push_space(&mut self, width: usize) {
        if self.start.is_some() {
            self.w += width;
        }
    }

    /// Appends an unbreakable piece, breaking the line before it if needed.
    fn push(&mut self, start: usize, end: usize, width: usize) {
        if self.start.is_some() && self.w + width > self.limit {
            self.flush();
        }
        if self.start.is_none() {
            self.start = Some(start);
        }
        self.w += width;
        self.end = end;
        self.w_end = self.w;
        self.last = (start, width);
    }

    /// Appends closing punctuation; when it does not fit, the piece before
    /// it comes down to the next line with it rather than the mark starting
    /// a line.
    fn push_close(&mut self, start: usize, end: usize, width: usize) {
        let (ls, lw) = self.last;
        if let Some(s) = self.start
            && self.w + width > self.limit
            && ls > s
            && self.w == self.w_end
        {
            self.end = ls;
            self.w_end -= lw;
            self.flush();
            self.push(ls, start, lw);
        }
        self.push(start, end, width);
    }
}

/// How strictly lines break (the `line_break` setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Breaking {
    /// The clreq rules of [`wrap`].
    #[default]
    Strict,
    /// Break wherever the width is reached ([`wrap_loose`]): full lines, no rules.
    Loose,
}

/// [`wrap`] or [`wrap_loose`], as `breaking` says.
pub fn wrap_with(text: &str, width: usize, indent: bool, breaking: Breaking) -> Vec<Line> {
    match breaking {
        Breaking::Strict => wrap(text, width, indent),
        Breaking::Loose => wrap_loose(text, width, indent),
    }
}

/// Wraps `text` into lines of at most `width` columns, breaking before any
/// character that does not fit (no punctuation rules, runs may split);
/// spaces at the start of a line are dropped. The indent is as in [`wrap`].
pub fn wrap_loose(text: &str, width: usize, indent: bool) -> Vec<Line> {
    let width = width.max(1);
    let indent = indent && width >= MIN_WIDTH_FOR_INDENT;
    let mut lines: Vec<Line> = Vec::new();
    let line = |lines: &Vec<Line>, s: usize, end: usize| {
        let first = indent && lines.is_empty();
        let t = text[s..end].trim_end();
        Line { range: s..s + t.len(), indent: first, width: str_width(t) + if first { INDENT_WIDTH } else { 0 } }
    };
    let mut start: Option<usize> = None;
    let (mut end, mut w) = (0, 0);
    for (i, g) in text.trim_end().grapheme_indices(true) {
        let cw = grapheme_width(g);
        let limit = if indent && lines.is_empty() { width - INDENT_WIDTH } else { width };
        if let Some(s) = start
            && w + cw > limit
            && cw > 0
        {
            let l = line(&lines, s, end);
            lines.push(l);
            start = None;
            w = 0;
        }
        if start.is_none() {
            if g.chars().all(char::is_whitespace) {
                continue;
            }
            start = Some(i);
        }
        w += cw;
        end = i + g.len();
    }
    if let Some(s) = start {
        let l = line(&lines, s, end);
        lines.push(l);
    }
    lines
}

/// Wraps `text` into lines of at most `width` columns; the first line is
/// indented by [`INDENT`] when `indent` is set and the width allows it
/// (at least [`MIN_WIDTH_FOR_INDENT`], and the first unbreakable piece fits after it). Leading and trailing white space is
/// dropped. No line is wider than `width`, except a line holding a single
/// character wider than `width` (a Han character when `width` is 1).
pub fn wrap(text: &str, width: usize, indent: bool) -> Vec<Line> {
    let width = width.max(1);
    let indent = indent && width >= MIN_WIDTH_FOR_INDENT;
    let first = if indent { width - INDENT_WIDTH } else { width };
    let mut f =
        Filler { width, limit: first, indent, lines: Vec::new(), start: None, end: 0, w_end: 0, w: 0, last: (0, 0) };
    let units = units(text);
    let breakable = break_points(&units);
    let mut pending_space = 0;
    let mut i = 0;
    while i < units.len() {
        if units[i].class == Class::Space {
            pending_space += units[i].width;
            i += 1;
            continue;
        }
        // A segment: units that may not be separated (with any spaces between them).
        let mut j = i + 1;
        let mut seg_w = units[i].width;
        loop {
            let mut k = j;
            let mut spaces = 0;
            while k < units.len() && units[k].class == Class::Space {
                spaces += units[k].width;
                k += 1;
            }
            if k < units.len() && !breakable[k] {
                seg_w += spaces + units[k].width;
                j = k + 1;
            } else {
                break;
            }
        }
        f.push_space(std::mem::take(&mut pending_space));
        let seg = &units[i..j];
        if f.start.is_some() && f.w + seg_w > f.limit {
            f.flush();
        }
        if seg_w > f.limit && f.indent && f.lines.is_empty() && f.start.is_none() && seg_w <= f.width {
            // The first piece fits a full line but not after the indent: drop the indent.
            f.indent = false;
            f.limit = f.width;
        }
        if seg_w <= f.limit {
            f.push(seg[0].start, seg[seg.len() - 1].end, seg_w);
        } else {
            // Longer than a whole line: break inside, between units first,
            // then inside units that are themselves too long.
            for (n, u) in seg.iter().enumerate() {
                if u.class == Class::Space {
                    f.push_space(u.width);
                } else if u.class == Class::Close {
                    f.push_close(u.start, u.end, u.width);
                } else if u.width <= f.limit {
                    // A run (a URL) that fills its line alone, with closing
                    // punctuation after it: its last character comes down
                    // with the mark, so the mark never starts a line.
                    let close =
                        seg[n + 1..].iter().find(|v| v.class != Class::Space).filter(|v| v.class == Class::Close);
                    let alone = f.start.is_none() || f.w + u.width > f.limit;
                    let limit = if f.start.is_some() { f.width } else { f.limit };
                    let split = close
                        .filter(|c| alone && u.width + c.width > limit)
                        .and_then(|_| text[u.start..u.end].char_indices().rev().find(|&(_, c)| char_width(c) > 0))
                        .filter(|&(k, _)| k > 0);
                    match split {
                        Some((k, c)) => {
                            let w = char_width(c);
                            f.push(u.start, u.start + k, u.width - w);
                            f.push(u.start + k, u.end, w);
                        }
                        None => f.push(u.start, u.end, u.width),
                    }
                } else {
                    for (k, g) in text[u.start..u.end].grapheme_indices(true) {
                        let s = u.start + k;
                        let cw = grapheme_width(g);
                        if cw == 0 && f.start.is_some() {
                            f.end = s + g.len();
                        } else {
                            f.push(s, s + g.len(), cw);
                        }
                    }
                }
            }
        }
        i = j;
    }
    f.flush();
    f.lines
}

/// Wraps a headline: like [`wrap`] with no indent, but where the headline
/// has spaces (`我市全方位优化营商环境 提升服务效能`) a line breaks at a
/// space rather than inside the words between, as long as those words fit
/// a line; words longer than a line wrap by the usual rules.
pub fn wrap_title(text: &str, width: usize) -> Vec<Line> {
    let width = width.max(1);
    let words: Vec<Range<usize>> = text
        .split_whitespace()
        .map(|w| {
            let start = w.as_ptr() as usize - text.as_ptr() as usize;
            start..start + w.len()
        })
        .collect();
    if words.len() < 2 {
        return wrap(text, width, false);
    }
    let mut lines: Vec<Line> = Vec::new();
    let mut current: Option<Line> = None;
    for word in words {
        let w = str_width(&text[word.clone()]);
        if let Some(line) = current.as_mut() {
            let gap = str_width(&text[line.range.end..word.start]);
            if line.width + gap + w <= width {
                line.range.end = word.end;
                line.width += gap + w;
                continue;
            }
            lines.extend(current.take());
        }
        let mut pieces = wrap(&text[word.clone()], width, false);
        for p in &mut pieces {
            p.range = p.range.start + word.start..p.range.end + word.start;
        }
        current = pieces.pop();
        lines.extend(pieces);
    }
    lines.extend(current);
    lines
}

#[cfg(test)]
mod tests;
