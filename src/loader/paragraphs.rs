//! Reflowing body lines into paragraphs.
//!
//! Column and page breaks are joined. Each body's lines are measured once
//! (`Block`), with East Asian ambiguous punctuation (`“”…—`) two columns wide
//! as Chinese text prints it; the column is the widest width two nearby lines
//! reach (closing marks hanging past the edge left out), made whole
//! characters: an odd width is one column short (a line stopped before a
//! character that did not fit) unless lines end one column narrower with
//! nothing hanging (a half-width digit overran it). A paragraph ends
//! where a sentence ends short of the column by more than the lines inside
//! sentences show (one column on a typeset page, a character where a real
//! page's justified lines vary) and more than the next line's opening
//! explains (an opening quote or a number is never left at a line's end,
//! but a gap it would have fitted in is not explained by it);
//! before an indented line; or, after a full line, before a line set two
//! characters in with its indent dropped (`pdftotext`). Each body learns from
//! its sure paragraph starts whether its first lines are set in; where they
//! are, a first line ending a sentence there is full and its paragraph goes
//! on, and so does one whose first line, led by a single space (a
//! one-column indent), reaches the column. A body too short to tell reads
//! the page's other bodies (a page is typeset one way), and a body whose
//! sure first lines reach the column it read where the other bodies' are
//! set in (short paragraphs, no line inside one to show the column) reads
//! its column two characters wider. A body's last line
//! ending a sentence set in, its trailing byline put on the next line
//! though the byline's first piece would have fitted after it, opens the
//! last paragraph. A number broken at its decimal point
//! (`25.` / `6万亩`) and a date alone on a line inside a sentence do not end a
//! paragraph. A paragraph starting after a full line with no indent shows nothing
//! on the page and reads on, but an item of a list (`一、…`, `（二）…`) printed
//! whole on its line after a finished sentence is a paragraph of its own. A paragraph cut by a caption or a page break
//! stays one paragraph; on pages printed one paragraph per line, lines are
//! paragraphs. A subheading read as a body line (short, no end mark, between
//! two paragraphs, naming nothing the text under it says) ends its
//! paragraph, and the one before it though that one's last sentence ends
//! at the column's edge. A subheading kept inside a body stands as its own paragraph
//! and is marked in the article's `subheadings` (a jump mark such as
//! `（下转5版）` is not). The bodies signing a notice over its date stand a
//! line each, a name wrapped over two lines (`…纪律检查委` / `员会`) one.

use super::heads::{column_width, column_width_before, is_first_line_shaped, is_long};
use super::lines::{Line, Role, ends_with_credit, is_date_line, is_sentence_end};
use super::normalize::{self, is_latin};
use regex::Regex;
use std::sync::LazyLock;
use unicode_width::UnicodeWidthChar;

/// One piece of a body, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyPart {
    /// A body line (index into the page's lines).
    Line(usize),
    /// A line that must stand as its own paragraph (a subheading).
    Own(String),
}

/// Joins two pieces of a paragraph: no space between Chinese, one between
/// two Latin words.
pub fn join_into(par: &mut String, next: &str) {
    let a = par.chars().last();
    let b = next.chars().next();
    if let (Some(a), Some(b)) = (a, b)
        && a.is_ascii_alphabetic()
        && b.is_ascii_alphabetic()
        && is_latin(a)
        && is_latin(b)
    {
        par.push(' ');
    }
    par.push_str(next);
}

/// How far short of its column a line may end and still run on into the
/// next line: one column (a half-width character that did not fit), more
/// where the block's lines show it (a real page's justified lines vary by
/// a character), up to [`MAX_SLACK`].
const SLACK: usize = 1;
const MAX_SLACK: usize = 4;

/// The body lines of one segment, measured once: each line's printed fill
/// and the width of the column it sits in.
pub(crate) struct Block {
    /// Line indices, in order.
    seq: Vec<usize>,
    /// Display width of each line's text, East Asian ambiguous characters
    /// (`“”…—`) two columns wide, as Chinese text prints them.
    fill: Vec<usize>,
    /// Each line's fill without the closing marks (`，。”`) that may hang
    /// past the column's edge.
    inner: Vec<usize>,
    /// The column's width around each line (`None` with too few lines to
    /// tell).
    col: Vec<Option<usize>>,
    /// Paragraphs' first lines are set two characters in, though the text
    /// shows no indent (an extractor dropped it): a first line that ends
    /// there is full. `None` when the block has no paragraph start that
    /// tells.
    set_in: Option<bool>,
    /// How far short of the column a line may end and run on: [`SLACK`],
    /// or what the block's lines inside sentences show.
    slack: usize,
    /// Each line ends a sentence ([`is_sentence_end`], asked once a line).
    ends: Vec<bool>,
    /// Each line is an organisation signing a notice ([`is_signatory`]).
    signs: Vec<bool>,
    /// The lines that fill the column mostly end a sentence: the box is
    /// wider than its paragraphs' lines, each a paragraph of one line (a
    /// full line shows no paragraph going on).
    lines_are_paragraphs: bool,
}

/// The display width a body line fills on the page: its text, and the
/// opening byline (`本报讯（记者 …）`, `新华社北京3月1日电`) printed before it
/// on the same line.
fn printed_width(l: &Line) -> usize {
    let text = l.cjk_width;
    match &l.role {
        Role::Byline { byline } if !l.text.is_empty() => text + normalize::width_cjk(byline),
        _ => text,
    }
}

/// A block whose lines filling the column end a sentence at least this
/// share of the time (and at least one does) is one of paragraphs of one
/// line each, in a box wider than they are: there a full line shows no
/// paragraph going on. Fitted on FIT (`loader_eval --set fit`, with at
/// least one full line): every share from 0.7 to 1.0 gives the same
/// figures (exact summed over the shapes +21 over none), 2/3 two more on
/// the real shapes but one exact fewer on `pdftotext-raw`, 1/2 fewer
/// (+13); asking for two full lines or more gains only +6 (three, +0).
const FULL_LINES_ENDING: (usize, usize) = (7, 10);

/// Lines either side of a line whose widths give its column.
const WINDOW: usize = 12;

/// Characters that may hang past a line's end (a typesetter keeps them on
/// the line rather than open the next one with them).
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '”'
            | '’'
            | '）'
            | '》'
            | '」'
            | '』'
            | '…'
            | '%'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
    )
}

/// The width of the closing marks ([`is_closing`], at most two) that end
/// `text` and may hang past its column's edge: two columns for a
/// full-width or East Asian ambiguous mark (`，` `”` `…`), one for an
/// ASCII one, as [`UnicodeWidthChar::width_cjk`] measures them (read
/// without its tables: a line ends on one of them nearly every time).
fn hanging_width(text: &str) -> usize {
    let mut cs = text.chars().rev();
    let mut hang = 0;
    for _ in 0..2 {
        match cs.next() {
            Some(c) if is_closing(c) => hang += if c.is_ascii() { 1 } else { 2 },
            _ => break,
        }
    }
    hang
}

/// The working vectors [`Block::new`] measures a body's lines with, kept
/// from one body to the next of a page ([`page_blocks`]) rather than
/// allocated for each: per line, whether it is plain, its widths with
/// those of the lines not plain as 0, the plain lines before it, and
/// [`windowed_columns`]' block starts and ends.
#[derive(Default)]
struct Measures {
    plain: Vec<bool>,
    plain_fill: Vec<usize>,
    plain_inner: Vec<usize>,
    plain_before: Vec<usize>,
    starts: Vec<Top>,
    ends: Vec<Top>,
}

impl Block {
    /// The block of `parts`, whether its first lines are set in read from
    /// its own lines alone ([`page_blocks`] reads the page's where they do
    /// not tell).
    fn new(lines: &[Line], parts: &[BodyPart], m: &mut Measures) -> Block {
        // Each line measured in one pass, into vectors of the size needed.
        let n = parts.len();
        let mut seq: Vec<usize> = Vec::with_capacity(n);
        let mut fill: Vec<usize> = Vec::with_capacity(n);
        // Each line's width without the closing marks that may hang past
        // the column's edge: no more than the column.
        let mut inner: Vec<usize> = Vec::with_capacity(n);
        // Lines not indented tell the column (a letter-spaced line's text
        // is no wider than its column).
        let plain = &mut m.plain;
        plain.clear();
        // The widths of the lines that are not plain set to 0, below any
        // plain line's, and how many lines before each are plain.
        let plain_fill = &mut m.plain_fill;
        let plain_inner = &mut m.plain_inner;
        let plain_before = &mut m.plain_before;
        plain_fill.clear();
        plain_inner.clear();
        plain_before.clear();
        plain_before.push(0);
        let mut ends: Vec<bool> = Vec::with_capacity(n);
        let mut signs: Vec<bool> = Vec::with_capacity(n);
        for p in parts {
            let BodyPart::Line(i) = *p else { continue };
            let l = &lines[i];
            if l.text.is_empty() {
                continue;
            }
            let f = printed_width(l);
            let hang = hanging_width(&l.text);
            let p = !l.indented && !l.lead_space;
            seq.push(i);
            fill.push(f);
            inner.push(f - hang);
            plain.push(p);
            plain_fill.push(if p { f } else { 0 });
            plain_inner.push(if p { f - hang } else { 0 });
            plain_before.push(plain_before[plain_before.len() - 1] + p as usize);
            // A line of closing marks alone (`”` hanging below the line
            // it closes) ends a sentence where that line does.
            let closes_only = !l.text.is_empty() && l.text.chars().all(super::lines::is_closing_mark);
            ends.push(if closes_only { ends.last().copied().unwrap_or(false) } else { is_sentence_end(&l.text) });
            signs.push(is_signatory(lines, i));
        }
        let col = windowed_columns(plain_inner, plain_fill, plain_before, (&mut m.starts, &mut m.ends));
        let mut col = narrow_runs(col, &fill, &inner, &m.plain, &ends);
        // A column holds whole characters, two columns each: a column the
        // lines tell one narrower (a line reaching it with a half-width
        // character at its end, the full line before it hanging a closing
        // mark) is one column wider, and one they tell one wider (half-width
        // digits print narrower than half a character, so a line of them
        // can overrun the column by one) is one column narrower
        // ([`whole_column`]).
        for (k, c) in col.iter_mut().enumerate() {
            if let Some(c) = c {
                *c = whole_column(*c, k, plain_fill, plain_inner);
            }
        }
        let mut block =
            Block { seq, fill, inner, col, set_in: None, slack: SLACK, ends, signs, lines_are_paragraphs: false };
        block.slack = block.measure_slack(lines);
        block.set_in = block.sets_first_lines_in(lines);
        block.lines_are_paragraphs = block.full_lines_end_sentences(lines);
        block
    }

    /// How many columns line `k` ends short of its column (`None` when the
    /// column is unknown; 0 for a letter-spaced line, which fills it).
    fn shortfall(&self, lines: &[Line], k: usize) -> Option<usize> {
        let col = self.col[k]?;
        let l = &lines[self.seq[k]];
        if l.justified {
            return Some(0);
        }
        // An indented line's text starts two characters in; a line led by
        // one space (an indent of one column) one column in.
        let indent = if l.indented {
            4
        } else if l.lead_space {
            1
        } else {
            0
        };
        Some(col.saturating_sub(self.fill[k] + indent))
    }

    /// Does line `k` fill its column and run on into a line after it (no
    /// sentence ends there)?
    fn wraps(&self, lines: &[Line], k: usize) -> bool {
        k + 1 < self.seq.len() && !self.ends[k] && self.shortfall(lines, k).is_some_and(|s| s <= self.slack)
    }

    /// Does line `k` end a paragraph of its own: its sentence ends (no
    /// number broken at its point) and the next line is indented, is
    /// shaped like a first line set in ([`Block::first_line_shaped`]: two
    /// characters or so short of the column, or so once the closing mark
    /// hanging past its room is left out, as a first line's comma hangs;
    /// a full line ending in a comma is no first line) or shorter still (a
    /// line of its own, `特此公告。`), or there is none?
    fn ends_paragraph(&self, lines: &[Line], k: usize) -> bool {
        let text = &lines[self.seq[k]].text;
        let Some(&c) = self.seq.get(k + 1) else { return self.ends[k] };
        let lc = &lines[c];
        let set_in = self.first_line_shaped(lines, k + 1);
        let short = self.shortfall(lines, k + 1).is_some_and(|s| s > self.slack + 5);
        self.ends[k] && !splits_number(text, &lc.text) && (lc.indented || lc.lead_space || set_in || short)
    }

    /// The gap at the end of lines that surely run on (inside a sentence,
    /// not a paragraph's first line, not explained by the next line's
    /// opening): the widest that at least two lines and a seventh of them
    /// show, between [`SLACK`] and [`MAX_SLACK`].
    fn measure_slack(&self, lines: &[Line]) -> usize {
        let mut gaps: Vec<usize> = Vec::new();
        let mut considered = 0;
        for k in 1..self.seq.len().saturating_sub(1) {
            let l = &lines[self.seq[k]];
            if l.justified || l.indented || l.lead_space || self.ends[k] {
                continue;
            }
            if self.ends[k - 1] {
                continue;
            }
            let Some(col) = self.col[k] else { continue };
            considered += 1;
            let gap = col.saturating_sub(self.fill[k]);
            if gap > SLACK && gap > pushed_room(&lines[self.seq[k + 1]].text) {
                gaps.push(gap);
            }
        }
        let need = 2.max(considered / 7);
        if gaps.len() < need {
            return SLACK;
        }
        gaps.sort_unstable_by(|a, b| b.cmp(a));
        gaps[need - 1].min(MAX_SLACK)
    }

    /// Do the lines that fill the column (all but the last) mostly end a
    /// sentence?
    fn full_lines_end_sentences(&self, lines: &[Line]) -> bool {
        let (mut full, mut ending) = (0usize, 0usize);
        for k in 0..self.seq.len().saturating_sub(1) {
            if lines[self.seq[k]].justified {
                continue;
            }
            if self.shortfall(lines, k).is_some_and(|s| s <= self.slack) {
                full += 1;
                ending += usize::from(self.ends[k]);
            }
        }
        full >= 1 && ending * FULL_LINES_ENDING.1 >= full * FULL_LINES_ENDING.0
    }

    /// Is line `k` shaped like a paragraph's first line set two characters
    /// in (its indent dropped): about four columns short, or so once the
    /// closing marks hanging past its end are left out?
    fn first_line_shaped(&self, lines: &[Line], k: usize) -> bool {
        let Some(col) = self.col[k] else { return false };
        if lines[self.seq[k]].justified {
            return false;
        }
        let set_in = |w: usize| (SLACK + 2..=self.slack + 5).contains(&col.saturating_sub(w));
        set_in(self.fill[k]) || self.fill[k] <= col && set_in(self.inner[k])
    }

    /// Reads the block's column two characters wider than its lines told
    /// (and measures again what the column decides). A body of short
    /// paragraphs (a notice's appointments, one or two lines each) has no
    /// line inside a paragraph to show the column: its widest lines are
    /// first lines, set two characters in, so the column taken from them is
    /// their room, and every first line looks full, a paragraph starting
    /// after a sentence ending there unseen. The page tells it: where the
    /// other bodies' first lines are set in but this body's sure first lines
    /// reach its column ([`page_blocks`]), a page being set one way, the
    /// column is wider by the indent. (Not for a block of one-line
    /// paragraphs in a box wider than they are, whose full lines are whole
    /// paragraphs: [`Block::full_lines_end_sentences`].)
    fn widen_by_indent(&mut self, lines: &[Line]) {
        for c in self.col.iter_mut().flatten() {
            *c += 4;
        }
        self.slack = self.measure_slack(lines);
        self.set_in = self.sets_first_lines_in(lines);
        self.lines_are_paragraphs = self.full_lines_end_sentences(lines);
    }

    /// Are paragraphs' first lines set in with no indent shown? Told by the
    /// lines that surely open a paragraph (after a sentence ending well
    /// short of the column) and run on into another line: most end about
    /// two characters short of the column rather than at its edge.
    fn sets_first_lines_in(&self, lines: &[Line]) -> Option<bool> {
        let (set_in, full) = self.first_line_votes(lines);
        (set_in + full > 0).then_some(set_in > full)
    }

    /// The lines that surely open a paragraph and run on into another
    /// line, counted as (ending about two characters short of the column,
    /// reaching it): what [`Block::sets_first_lines_in`] weighs.
    fn first_line_votes(&self, lines: &[Line]) -> (usize, usize) {
        let (mut set_in, mut full) = (0, 0);
        for k in 1..self.seq.len().saturating_sub(1) {
            let opens = self.ends[k - 1]
                && self.shortfall(lines, k - 1).is_some_and(|s| s >= self.slack + 5)
                && !lines[self.seq[k]].indented
                && !lines[self.seq[k]].lead_space;
            if !opens {
                continue;
            }
            match self.shortfall(lines, k) {
                Some(s) if s <= self.slack => full += 1,
                Some(s) if s <= self.slack + 4 && s >= SLACK + 2 => set_in += 1,
                _ => {}
            }
        }
        (set_in, full)
    }
}

/// The page's bodies (`bodies`, each its parts, `None` for one not read)
/// measured once each, for their reflow ([`reflow_block`]). A page is
/// typeset one way throughout, so a body too short to tell by itself
/// whether its first lines are set in ([`Block::sets_first_lines_in`] is
/// `None`) reads the page's way: the sure paragraph starts of all its
/// bodies, counted together; and a body whose sure first lines reach its
/// column where the other bodies' are clearly set in had its column read
/// from first lines, and is read two characters wider
/// ([`Block::widen_by_indent`]).
pub(crate) fn page_blocks<'a>(
    lines: &[Line],
    bodies: impl Iterator<Item = Option<&'a [BodyPart]>>,
) -> Vec<Option<Block>> {
    let mut m = Measures::default();
    let mut blocks: Vec<Option<Block>> =
        bodies.map(|parts| parts.map(|parts| Block::new(lines, parts, &mut m))).collect();
    // Each body's sure first lines (set in, reaching the column), counted
    // once: the page's totals and each body against the others read them.
    let votes: Vec<(usize, usize)> = blocks.iter().flatten().map(|b| b.first_line_votes(lines)).collect();
    let (set_in, full) = votes.iter().fold((0, 0), |(a, b), &(s, f)| (a + s, b + f));
    let page = (set_in + full > 0).then_some(set_in > full);
    for (block, &(s, f)) in blocks.iter_mut().flatten().zip(&votes) {
        if f > s && outvoted_by_page(set_in - s, full - f) && !block.lines_are_paragraphs {
            block.widen_by_indent(lines);
        }
        block.set_in = block.set_in.or(page);
    }
    blocks
}

/// How many times more of the other bodies' sure first lines must be set in
/// than reach the column, and how many set in at least, for a body whose own
/// sure first lines reach its column to be read as one whose column was
/// taken too narrow ([`outvoted_by_page`]). Fitted on FIT training pages:
/// 2 and 3 give the same figures (real `pdftotext` +5 exact, real `-raw` +6,
/// no shape losing; check unchanged); 1 also widened a body on a page of
/// one set-in line against five full ones (`pdftotext -raw` −1).
const PAGE_SET_IN_MARGIN: usize = 2;

/// Do the other bodies of a page (`set_in` of their sure first lines set in,
/// `full` reaching the column) say clearly that the page sets first lines
/// in ([`PAGE_SET_IN_MARGIN`])?
fn outvoted_by_page(set_in: usize, full: usize) -> bool {
    set_in >= PAGE_SET_IN_MARGIN && set_in > PAGE_SET_IN_MARGIN * full
}

/// The column `c` the lines around line `k` tell, made whole characters
/// (an even width). An odd width comes of a half-width character at a
/// line's end: either the line stopped one column short (the next
/// character, full-width, did not fit) and the column is one wider, or its
/// half-width digits or letters, printed narrower than half a character,
/// let it overrun by one and the column is one narrower. The lines show
/// which: where at least two plain lines in the window end exactly one
/// column narrower with nothing hanging past their end (a line stopping
/// two columns short of its column with no mark to hang is rare; lines
/// reaching the column are common), that is the column. Rounding up there
/// would set every full line one character short and hide the paragraph
/// ends that are. `fill` and `inner` give the lines not plain as 0.
fn whole_column(c: usize, k: usize, fill: &[usize], inner: &[usize]) -> usize {
    if c.is_multiple_of(2) {
        return c;
    }
    let lo = k.saturating_sub(WINDOW);
    let hi = (k + WINDOW + 1).min(fill.len());
    let reach_below = (lo..hi).filter(|&j| fill[j] + 1 == c && inner[j] == fill[j]).count();
    if reach_below >= 2 { c - 1 } else { c + 1 }
}

/// Lines on one side of a line that tell whether it sits in a narrower
/// column than the wider window's lines say.
const NEAR: usize = 5;

/// A body can run from one column into another of a different width (an
/// item the boundaries did not cut, a block set wider below a photo): the
/// lines of the wider column then widen the window's column for the
/// narrower lines near them, and every line there looks short. Where the
/// lines within [`NEAR`] on one side of a line (itself included) tell a
/// column narrower by more than four characters, and at least three of
/// them that run on into the next line (no sentence ends there, as `ends`
/// tells; a run of one-line paragraphs does not count) reach it, that is
/// its column.
fn narrow_runs(
    mut col: Vec<Option<usize>>,
    fill: &[usize],
    inner: &[usize],
    plain: &[bool],
    ends: &[bool],
) -> Vec<Option<usize>> {
    let n = col.len();
    for k in 0..n {
        let Some(wide) = col[k] else { continue };
        if fill[k] + 8 >= wide {
            // The line itself reaches about the wide column.
            continue;
        }
        for (lo, hi) in [(k.saturating_sub(NEAR), k + 1), (k, (k + NEAR + 1).min(n))] {
            // The window's plain lines, read in place (a window is a
            // handful of lines: read again rather than copied out).
            let window = (lo..hi).filter(|&j| plain[j]);
            let Some(near) = column_of_pairs(window.clone().map(|j| (inner[j], fill[j]))) else { continue };
            let reach =
                window.filter(|&j| !ends[j] && (fill[j].abs_diff(near) <= 2 || inner[j].abs_diff(near) <= 1)).count();
            if near + 8 < col[k].unwrap_or(wide) && reach >= 3 {
                col[k] = Some(near);
            }
        }
    }
    col
}

/// The column's width told by lines' widths (fills) and their widths
/// without hanging closing marks (inner widths), given as (inner, fill)
/// pairs: the widest inner width that at least two lines reach, so that
/// one line from elsewhere does not widen it.
fn column_of_pairs(lines: impl Iterator<Item = (usize, usize)> + Clone) -> Option<usize> {
    // The second widest fill, and the widest inner width up to it (no sort).
    let (mut first, mut second) = (None, None);
    for (_, f) in lines.clone() {
        if first.is_none_or(|x| f > x) {
            (first, second) = (Some(f), first);
        } else if second.is_none_or(|x| f > x) {
            second = Some(f);
        }
    }
    let second = second?;
    lines.map(|x| x.0).filter(|&v| v <= second).max()
}

/// [`column_of_pairs`] of the lines' `inners` and `fills` (the reference
/// the tests hold [`column_masked`] to).
#[cfg(test)]
fn column_of(inners: &[usize], fills: &[usize]) -> Option<usize> {
    column_of_pairs(inners.iter().copied().zip(fills.iter().copied()))
}

/// [`column_of_pairs`] for the plain lines of a window holding two or more,
/// read in place: the widths of the lines that are not plain are given as
/// 0, which changes neither the second widest fill (at least two plain
/// fills are 0 or more) nor the widest inner width up to it (the line
/// with that fill has an inner width no wider).
fn column_masked(inners: &[usize], fills: &[usize]) -> Option<usize> {
    let (mut first, mut second) = (0, 0);
    for &f in fills {
        if f > first {
            (first, second) = (f, first);
        } else if f > second {
            second = f;
        }
    }
    inners.iter().copied().filter(|&v| v <= second).max()
}

/// The widths [`column_masked`] reads: the widest and second widest fill
/// (counted as a multiset, 0 if none) of some lines, the widest one's inner
/// width, and the widest inner width of the others (`None` if none).
#[derive(Clone, Copy)]
struct Top {
    first: usize,
    second: usize,
    first_inner: usize,
    others_inner: Option<usize>,
}

impl Top {
    fn one(fill: usize, inner: usize) -> Top {
        Top { first: fill, second: 0, first_inner: inner, others_inner: None }
    }

    /// The lines of `self` and those of `next`.
    fn then(self, next: Top) -> Top {
        let (top, other) = if next.first > self.first { (next, self) } else { (self, next) };
        let others = [top.others_inner, other.others_inner, Some(other.first_inner)].into_iter().flatten().max();
        Top {
            first: top.first,
            second: top.second.max(other.first),
            first_inner: top.first_inner,
            others_inner: others,
        }
    }

    /// [`column_masked`] of the lines: the widest inner width up to the
    /// second widest fill. (Every line but the widest has a fill, so an
    /// inner width, no wider than that; the widest one's inner width counts
    /// when it is no wider either.)
    fn column(self) -> Option<usize> {
        let own = (self.first_inner <= self.second).then_some(self.first_inner);
        match (self.others_inner, own) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }
}

/// Each line's column as [`column_masked`] reads it over the lines within
/// [`WINDOW`] either side (`None` where fewer than two of them are plain,
/// as `plain_before`, the plain lines before each, tells), in one pass
/// rather than a pass over each line's window: the lines are cut into
/// blocks as long as a window, each window is the end of one block and
/// the start of the next, and each block's starts and ends are read once.
fn windowed_columns(
    inner: &[usize],
    fill: &[usize],
    plain_before: &[usize],
    (starts, ends): (&mut Vec<Top>, &mut Vec<Top>),
) -> Vec<Option<usize>> {
    const SPAN: usize = 2 * WINDOW + 1;
    let n = fill.len();
    let one = |j: usize| Top::one(fill[j], inner[j]);
    // starts[j]: the lines from j's block's first to j; ends[j]: from j to
    // its block's last. (Vectors kept from the body before: emptied here.)
    starts.clear();
    for j in 0..n {
        starts.push(if j % SPAN == 0 { one(j) } else { starts[j - 1].then(one(j)) });
    }
    ends.clear();
    ends.resize(n, Top::one(0, 0));
    for j in (0..n).rev() {
        ends[j] = if j + 1 == n || (j + 1) % SPAN == 0 { one(j) } else { one(j).then(ends[j + 1]) };
    }
    (0..n)
        .map(|k| {
            let lo = k.saturating_sub(WINDOW);
            let hi = (k + WINDOW + 1).min(n);
            if plain_before[hi] - plain_before[lo] < 2 {
                return None;
            }
            let last = hi - 1;
            let (block_lo, block_last) = (lo / SPAN, last / SPAN);
            if block_lo + 1 == block_last {
                ends[lo].then(starts[last]).column()
            } else if block_lo == block_last && lo % SPAN == 0 {
                starts[last].column()
            } else if block_lo == block_last && (hi == n || hi.is_multiple_of(SPAN)) {
                ends[lo].column()
            } else {
                column_masked(&inner[lo..hi], &fill[lo..hi])
            }
        })
        .collect()
}

/// The piece a line opens with that the line before it cannot end short
/// of: the width of its opening quotes and brackets (they never end a
/// line, so they go down with what follows), the length of the number or
/// Latin word after them (not broken; at most 9 counted), and the width of
/// the character after the quotes when no such word follows.
struct OpeningPiece {
    quotes: usize,
    word: usize,
    other: usize,
}

impl OpeningPiece {
    fn of(next: &str) -> OpeningPiece {
        let mut quotes = 0;
        let mut cs = next.chars().peekable();
        while let Some(&c) = cs.peek() {
            if matches!(c, '“' | '‘' | '（' | '《' | '「' | '『' | '(' | '"' | '\'') {
                quotes += UnicodeWidthChar::width_cjk(c).unwrap_or(0);
                cs.next();
            } else {
                break;
            }
        }
        let word = cs.clone().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '%' | '-')).count().min(9);
        let other = if word > 0 { 0 } else { cs.next().and_then(UnicodeWidthChar::width_cjk).unwrap_or(0) };
        OpeningPiece { quotes, word, other }
    }
}

/// The widest gap at a line's end that `next`'s first characters explain:
/// its opening quotes and the number or Latin word after them
/// ([`OpeningPiece`]), so the line before them may end that much short of
/// its column and still run on.
fn pushed_room(next: &str) -> usize {
    let p = OpeningPiece::of(next);
    p.quotes + p.word
}

/// The width of the piece `next` opens with ([`OpeningPiece`]): its opening
/// quotes and the number or Latin word after them, or the one character
/// after them when no such word follows.
fn pushed_width(next: &str) -> usize {
    let p = OpeningPiece::of(next);
    p.quotes + if p.word > 0 { p.word } else { p.other }
}

/// Does a line that ends `short` columns before its column run on into
/// `next` as far as its end tells? It does when the gap is no wider than
/// the block's `slack`, or when the piece `next` opens with
/// ([`pushed_width`]) did not fit in it. A gap the piece would have filled
/// is not explained by it: a line ending two columns short before `5日`
/// or four before `2023年` could have held the number, so its sentence
/// ends there. (A character of two columns that did not fit leaves a gap
/// of one, [`SLACK`]; a wider piece leaves one column less than its width,
/// and the block's slack beyond [`SLACK`] widens that as it widens the
/// plain gap.)
fn runs_on_short(short: usize, slack: usize, next: &str) -> bool {
    short <= slack || short + SLACK < slack + pushed_width(next)
}

/// Should a paragraph end after the block's line `k`, given its next line?
/// `a_opens`: line `k` is the first line of its paragraph.
fn breaks_after(lines: &[Line], block: &Block, k: usize, one_per_line: bool, a_opens: bool) -> bool {
    let a = block.seq[k];
    let Some(&b) = block.seq.get(k + 1) else { return true };
    let la = &lines[a];
    let lb = &lines[b];
    // A notice's date stands alone; a date inside a sentence that wrapped
    // to fill a line (`2023年3月20日` / `至22日，…`) does not.
    let runs_on = |i: usize| block.seq.get(i).is_some_and(|&j| continues_date(&lines[j].text));
    if is_date_line(&la.text) && !runs_on(k + 1) || is_date_line(&lb.text) && !runs_on(k + 2) {
        return true;
    }
    if joins_signatory(lines, a, b) {
        // One body's name wrapped over two lines (`中共某市纪律检查委` /
        // `员会`): one paragraph.
        return false;
    }
    if block.signs[k] || block.signs[k + 1] || block.seq.get(k + 2).is_some_and(|&c| joins_signatory(lines, b, c)) {
        // The bodies signing a notice: a line each, apart from the text
        // (`联系电话：…`) above them.
        return true;
    }
    if la.text.starts_with("附件") {
        // A notice's attachment line stands alone.
        return true;
    }
    // An interview's question and answer each open with their label
    // (`问：…` / `答：…`, `记者：…？`): a question, however short, ends its
    // paragraph, and a label after a finished sentence opens one.
    let asks = super::heads::opens_dialogue(&la.text);
    if asks && block.ends[k] || super::heads::opens_dialogue(&lb.text) && (asks || block.ends[k]) {
        return true;
    }
    if !one_per_line && stands_apart(lines, block, k, a_opens) {
        return true;
    }
    if !one_per_line && block.ends[k] && stands_apart(lines, block, k + 1, true) {
        // The next line is a subheading kept in the body, after a paragraph
        // whose last sentence ends at the column's edge: nothing but the
        // subheading shows that paragraph ending (a sentence ending short
        // of the column ends it anyway).
        return true;
    }
    if !block.ends[k] && !ends_with_credit(&la.text) || splits_number(&la.text, &lb.text) {
        // The sentence goes on (a decimal number broken at its point,
        // `25.` / `6万亩`, included).
        return false;
    }
    if one_per_line || lb.indented || lb.lead_space || block.lines_are_paragraphs {
        return true;
    }
    if is_long(la) || is_long(lb) {
        // A line printed as a whole paragraph ends it, unless it opens its
        // paragraph a little short of the next line, which fills the
        // block's column and runs on: the body is set in a wide column, and
        // the line is a first line set in whose sentence ends at its edge.
        let set_in = block.fill[k + 1].saturating_sub(block.fill[k]);
        return !(a_opens && (2..=4).contains(&set_in) && block.wraps(lines, k + 1));
    }
    if let Some(mut short) = block.shortfall(lines, k) {
        let full = short <= block.slack;
        if a_opens && !la.indented {
            match block.set_in {
                // A first line's room ends two characters before the column.
                Some(true) => short = short.saturating_sub(4),
                // With nothing to tell, a first line ending about two
                // characters short before a full line is taken as set in.
                None if (block.slack + 2..=block.slack + 4).contains(&short)
                    && block.shortfall(lines, k + 1).is_some_and(|s| s <= block.slack) =>
                {
                    return false;
                }
                _ => {}
            }
        }
        // The sentence ends before the column does, by more than the next
        // line's opening explains: the paragraph ends.
        if !runs_on_short(short, block.slack, &lb.text) {
            return true;
        }
        // The line fills its column. A paragraph starting after it shows
        // only by its first line: set two characters in (the indent an
        // extractor dropped), running on into the line after it.
        // On a page whose first lines are set in, such a line ending a
        // sentence is a paragraph too.
        // A paragraph of one line (its sentence ending, a paragraph's
        // start after it) shows nothing there either and reads on.
        // The body's last line, a sentence set in, whose trailing byline
        // (`（王五）`) went to the next line though its first piece had
        // fitted in the column: the line's room ended short of the column,
        // so it is a first line, and its paragraph is the last.
        if k + 2 == block.seq.len()
            && block.ends[k + 1]
            && block.set_in != Some(false)
            && let Some(col) = block.col[k + 1]
            && let Some((printed, rest)) = trailed_by(lines, b)
        {
            let short = col.saturating_sub(printed);
            return (SLACK + 2..=block.slack + 5).contains(&short) && !runs_on_short(short, block.slack, &rest);
        }
        return block.first_line_shaped(lines, k + 1)
            && (block.set_in == Some(true) || !block.ends[k + 1])
            && !(full && block.ends_paragraph(lines, k + 1))
            && block.seq.get(k + 2).is_some_and(|&c| {
                block.shortfall(lines, k + 1).is_some_and(|sb| !runs_on_short(sb, block.slack, &lines[c].text))
            });
    }
    breaks_by_estimate(lines, a, b)
}

/// The width a body's last line `i` fills with the part of its trailing
/// byline printed after it (`…参加会见。（龙` / `永洋）`), and the rest of the
/// byline, printed on the next line; `None` when no trailing byline
/// follows, or all of it is on the line (it fitted there).
fn trailed_by(lines: &[Line], i: usize) -> Option<(usize, String)> {
    let l = &lines[i];
    let t = lines.get(i + 1).filter(|t| t.role == Role::TrailByline)?;
    let text = printed_width(l);
    if t.no != l.no {
        return Some((text, t.text.clone()));
    }
    // The byline was read off the end of this line: skip the part of it
    // the line printed.
    let on_line = l.width.saturating_sub(text);
    let mut seen = 0;
    let rest: String = t
        .text
        .chars()
        .skip_while(|&c| {
            let before = seen;
            seen += UnicodeWidthChar::width_cjk(c).unwrap_or(0);
            before < on_line
        })
        .collect();
    let rest = rest.trim_start().to_string();
    (!rest.is_empty()).then_some((l.width, rest))
}

/// Is the block's line `k` a subheading kept in the body: a line of its own
/// between two paragraphs (`a_opens`: the paragraph before ended, and it is
/// not the body's first line) that ends no sentence and no clause, short of
/// the column by more than a first line's indent explains, with a new
/// paragraph's first line after it (indented, or set two characters in, or
/// full where first lines are not set in) that runs on into another line
/// (so the subheading does not end the body)? Such a line would otherwise
/// read on into the paragraph after it.
fn stands_apart(lines: &[Line], block: &Block, k: usize, a_opens: bool) -> bool {
    if !a_opens || k == 0 || k + 2 >= block.seq.len() {
        return false;
    }
    let la = &lines[block.seq[k]];
    let lb = &lines[block.seq[k + 1]];
    let t = la.text.trim_end();
    if la.justified
        || t.chars().count() < 2
        || t.contains(['。', '！', '？', '；', '!', '?', ';'])
        || t.ends_with(|c: char| is_closing(c) || "“‘（《「『(—－-·".contains(c))
    {
        return false;
    }
    let Some(short) = block.shortfall(lines, k) else { return false };
    if short <= block.slack + 4 + pushed_room(&lb.text) {
        return false;
    }
    let next_short = block.shortfall(lines, k + 1);
    lb.indented
        || lb.lead_space
        || match block.set_in {
            Some(false) => next_short.is_some_and(|s| s <= block.slack),
            _ => block.first_line_shaped(lines, k + 1),
        }
}

/// Does a line open by running on from a date before it (`至22日`,
/// `起施行`, `，`)?
fn continues_date(text: &str) -> bool {
    text.starts_with(['至', '到', '起', '以', '前', '后', '—', '－', '～', '~', '，', ',', '、'])
}

/// Is a number broken over two lines at its decimal point (`25.` / `6万亩`)?
fn splits_number(a: &str, b: &str) -> bool {
    let mut end = a.chars().rev();
    matches!(end.next(), Some('.' | '．'))
        && end.next().is_some_and(|c| c.is_ascii_digit())
        && b.starts_with(|c: char| c.is_ascii_digit())
}

/// [`breaks_after`] for a block too short to measure its column: by the
/// column widths estimated around the two lines.
fn breaks_by_estimate(lines: &[Line], a: usize, b: usize) -> bool {
    let la = &lines[a];
    let lb = &lines[b];
    if lines
        .iter()
        .skip(a + 1)
        .take(b.saturating_sub(a + 1))
        .any(|l| matches!(l.role, Role::Caption { .. } | Role::PhotoCredit))
    {
        // A caption between two lines: the paragraph may go on after it.
        if !is_first_line_shaped(lb, column_width(lines, b)) {
            return false;
        }
    }
    let col = column_width(lines, b).max(column_width_before(lines, a));
    // The sentence ends before the column does: the paragraph ends.
    if !la.justified && la.width + 3 < col {
        return true;
    }
    // The next line is indented like a first line.
    if is_first_line_shaped(lb, col) && !is_sentence_end(&lb.text) {
        return true;
    }
    // The next line opens with a lead-in (`生态建设成效明显。`, `一是…`) and is
    // a little short of the column, as an indented line is.
    opens_paragraph(&lb.text) && lb.width + 2 <= col
}

/// How an organisation's name ends (`…委员会`, `…局`, `…中心`): the one list
/// [`ORG_NAME`] and its cheap pre-test [`ends_like_org`] both read.
const ORG_SUFFIXES: [&str; 18] = [
    "委员会",
    "局",
    "厅",
    "委",
    "院",
    "办公室",
    "政府",
    "支队",
    "大队",
    "中心",
    "公司",
    "协会",
    "联合会",
    "中队",
    "所",
    "站",
    "部",
    "会",
];

/// An organisation's name alone on its line: 4–24 Han characters (brackets
/// allowed) ending as one of [`ORG_SUFFIXES`].
static ORG_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^[\x{{4E00}}-\x{{9FFF}}（）()]{{4,24}}(?:{})$", ORG_SUFFIXES.join("|"))).expect("valid regex")
});

/// Does `t` end as an organisation's name can ([`ORG_NAME`]): the cheap
/// test asked before the pattern?
fn ends_like_org(t: &str) -> bool {
    ORG_SUFFIXES.iter().any(|s| t.ends_with(s))
}

/// Is line `i` an organisation signing a notice: a name alone on its line,
/// with the notice's date at most three lines below?
fn is_signatory(lines: &[Line], i: usize) -> bool {
    let t = &lines[i].text;
    ends_like_org(t) && ORG_NAME.is_match(t) && lines[i + 1..].iter().take(3).any(|l| is_date_line(&l.text))
}

/// Are lines `a` and `b` one organisation signing a notice, its name
/// wrapped where the column ended: the two read together are a name
/// ([`ORG_NAME`]) though one of them alone is not (a name cut short,
/// `中共某市纪律`, or the tail of one, `员会`), with the notice's date at
/// most three lines below, and `a` the wider (it filled its line; the
/// rest went down). Two names each whole on its line stay apart, and so
/// does a name after the tail of one wrapped above it (`员会` /
/// `某市监察委员会`).
fn joins_signatory(lines: &[Line], a: usize, b: usize) -> bool {
    let (ta, tb) = (&lines[a].text, &lines[b].text);
    if lines[a].cjk_width < lines[b].cjk_width
        || !ends_like_org(tb)
        || ta.is_empty()
        || !ORG_NAME.is_match(&format!("{ta}{tb}"))
        || ORG_NAME.is_match(ta) && ORG_NAME.is_match(tb)
    {
        return false;
    }
    lines[b + 1..].iter().take(3).any(|l| is_date_line(&l.text))
}

static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[^，。！？；：,]{2,9}[。！？]|[一二三四五六七八九十]是|[（(][一二三四五六七八九十0-9]{1,2}[）)]|第[一二三四五六七八九十]，|[0-9]{1,2}[.、．])").expect("valid regex")
});

/// Does a line begin the way paragraphs begin: a short lead-in sentence or
/// a list marker?
fn opens_paragraph(text: &str) -> bool {
    // Cheap check first: a short sentence holds its end mark; the other
    // forms open with a numeral, a bracket, `第` or a digit.
    (text.contains(['。', '！', '？'])
        || text.starts_with(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '（', '(', '第'])
        || text.starts_with(|c: char| c.is_ascii_digit()))
        && LEAD_IN.is_match(text)
}

/// Reflows body parts into paragraphs. On a page printed one paragraph
/// per line (`one_per_line`), every line that ends a sentence ends its
/// paragraph.
pub fn reflow(lines: &[Line], parts: &[BodyPart], one_per_line: bool) -> Vec<String> {
    reflow_marked(lines, parts, one_per_line).0
}

/// [`reflow`], with the indices of the paragraphs that are subheadings:
/// the parts standing on their own that are no jump mark (`（下转5版）`).
pub fn reflow_marked(lines: &[Line], parts: &[BodyPart], one_per_line: bool) -> (Vec<String>, Vec<usize>) {
    reflow_block(lines, parts, one_per_line, &Block::new(lines, parts, &mut Measures::default()))
}

/// [`reflow_marked`] with the body's lines measured already (`block`, of
/// these `parts`: [`page_blocks`]).
pub(crate) fn reflow_block(
    lines: &[Line],
    parts: &[BodyPart],
    one_per_line: bool,
    block: &Block,
) -> (Vec<String>, Vec<usize>) {
    let mut out: Vec<String> = Vec::new();
    let mut subheads: Vec<usize> = Vec::new();
    // The texts of the paragraph's lines so far (joined once it ends, into
    // a string of the size it needs).
    // (Room for every part: no growing while a long paragraph is read.)
    let mut cur: Vec<&str> = Vec::with_capacity(parts.len());
    // The block's line last joined, if no part of its own came after it.
    let mut last: Option<usize> = None;
    // The block's next line.
    let mut k = 0;
    // The last line began its paragraph.
    let mut last_opened = false;
    for part in parts {
        match part {
            BodyPart::Own(t) => {
                if !cur.is_empty() {
                    out.push(joined(&mut cur));
                }
                if !lines.iter().any(|l| matches!(l.role, Role::Jump) && l.text == *t) {
                    subheads.push(out.len());
                }
                out.push(t.clone());
                last = None;
            }
            BodyPart::Line(i) => {
                let text = &lines[*i].text;
                if text.is_empty() {
                    continue;
                }
                if let Some(p) = last
                    && breaks_after(lines, block, p, one_per_line, last_opened)
                    && !cur.is_empty()
                {
                    out.push(joined(&mut cur));
                }
                last_opened = cur.is_empty();
                cur.push(text);
                last = Some(k);
                k += 1;
            }
        }
    }
    if !cur.is_empty() {
        out.push(joined(&mut cur));
    }
    (out, subheads)
}

/// The paragraph of the texts in `parts` ([`join_into`] each), which is
/// left empty.
fn joined(parts: &mut Vec<&str>) -> String {
    // (At most one space between two texts.)
    let mut par = String::with_capacity(parts.iter().map(|t| t.len() + 1).sum());
    for t in parts.drain(..) {
        join_into(&mut par, t);
    }
    par
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hanging_width_is_the_closing_marks_width_as_unicode_measures_it() {
        // Every closing mark, and characters that are not one, at the end.
        let marks = "，。、；：？！”’）》」』…%,.;:?!)";
        let ends: Vec<String> = marks.chars().chain("中a“（ 1é𠀀".chars()).map(String::from).collect();
        for a in &ends {
            for b in &ends {
                for lead in ["", "会议", "x"] {
                    let t = format!("{lead}{a}{b}");
                    let reference: usize = t
                        .chars()
                        .rev()
                        .take(2)
                        .take_while(|&c| is_closing(c))
                        .map(|c| UnicodeWidthChar::width_cjk(c).unwrap_or(0))
                        .sum();
                    assert_eq!(hanging_width(&t), reference, "{t:?}");
                }
            }
        }
        assert_eq!(hanging_width(""), 0);
    }
    use crate::loader::lines::read_lines;

    fn paras(text: &str) -> Vec<String> {
        let lines = read_lines(text);
        let parts: Vec<BodyPart> = (0..lines.len()).map(BodyPart::Line).collect();
        reflow(&lines, &parts, false)
    }

    #[test]
    fn windowed_columns_are_each_window_read_whole() {
        // Widths as a block gives them: inner widths no wider than fills,
        // lines not plain as 0 (pseudo-random, with many ties).
        let mut seed = 7u64;
        let mut next = |m: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 33) % m) as usize
        };
        for n in (0..80usize).chain([100, 151, 260]) {
            let mut fill = Vec::new();
            let mut inner = Vec::new();
            let mut plain_before = vec![0];
            for _ in 0..n {
                let plain = next(5) > 0;
                let f = if plain { 30 + next(12) } else { 0 };
                fill.push(f);
                inner.push(f - next(3).min(f));
                plain_before.push(plain_before.last().unwrap() + usize::from(plain));
            }
            let direct: Vec<Option<usize>> = (0..n)
                .map(|k| {
                    let lo = k.saturating_sub(WINDOW);
                    let hi = (k + WINDOW + 1).min(n);
                    if plain_before[hi] - plain_before[lo] < 2 {
                        return None;
                    }
                    column_masked(&inner[lo..hi], &fill[lo..hi])
                })
                .collect();
            let (mut starts, mut ends) = (vec![Top::one(1, 1); 3], Vec::new());
            assert_eq!(windowed_columns(&inner, &fill, &plain_before, (&mut starts, &mut ends)), direct, "{n}");
        }
    }

    #[test]
    fn a_paragraph_joined_at_once_is_the_paragraph_joined_line_by_line() {
        let cases: [&[&str]; 5] = [
            &["全县新建", "标准化厂房。"],
            &["the GDP", "grew", "5.2%", "今年"],
            &["“我们", "要”", "……"],
            &["单独一行"],
            &["CPU", "和", "GPU"],
        ];
        for texts in cases {
            let mut want = String::new();
            for t in texts {
                join_into(&mut want, t);
            }
            let mut parts = texts.to_vec();
            assert_eq!(joined(&mut parts), want);
            assert!(parts.is_empty());
        }
    }

    #[test]
    fn only_a_number_or_word_that_would_have_fitted_changes_what_a_gap_explains() {
        // Before a character or a quote, a gap is explained as far as it
        // was by the slack and the quote's width; before a number, a gap
        // as wide as the number is not.
        for slack in SLACK..=MAX_SLACK {
            for short in 0..14 {
                for next in ["你好", "“你好", "（《你", "，好"] {
                    let before = short <= slack + pushed_room(next);
                    assert_eq!(runs_on_short(short, slack, next), before, "{short} {slack} {next}");
                }
            }
        }
        assert!(runs_on_short(3, 1, "2024年"));
        assert!(!runs_on_short(4, 1, "2024年"));
        assert!(runs_on_short(1, 1, "8日"));
        assert!(!runs_on_short(2, 1, "8日"));
        assert!(runs_on_short(5, 1, "“2024年"));
        assert!(!runs_on_short(6, 1, "“2024年"));
    }

    #[test]
    fn closing_and_opening_marks_are_the_listed_ones() {
        for c in "，。、；：？！”’）》」』…%,.;:?!)“‘（《「『(\"'.-—·吕aZ9 ".chars() {
            assert_eq!(is_closing(c), "，。、；：？！”’）》」』…%,.;:?!)".contains(c), "{c}");
            let pushed = if "“‘（《「『(\"'".contains(c) { 2 } else { 0 };
            assert_eq!(
                pushed_room(&format!("{c}{c}")) > 0,
                pushed > 0 || c.is_ascii_alphanumeric() || ".%-".contains(c),
                "{c}"
            );
        }
    }

    #[test]
    fn a_window_s_column_is_the_column_of_its_plain_lines() {
        // (inner widths, fills, plain)
        let cases: [(&[usize], &[usize], &[bool]); 8] = [
            (&[], &[], &[]),
            (&[20], &[22], &[true]),
            (&[20, 24, 18], &[22, 26, 20], &[true, true, true]),
            (&[20, 24, 18], &[22, 26, 20], &[true, false, true]),
            (&[26, 26, 10, 25], &[26, 26, 12, 27], &[true, true, true, false]),
            (&[30, 12, 26, 26, 40], &[30, 14, 28, 28, 44], &[false, true, true, true, false]),
            // Ties at the widest, and plain lines of no width.
            (&[24, 24, 10], &[24, 24, 12], &[true, true, true]),
            (&[0, 0, 30], &[0, 0, 32], &[true, true, false]),
        ];
        for (inners, fills, plain) in cases {
            let kept = |v: &[usize]| -> Vec<usize> { v.iter().zip(plain).filter(|x| *x.1).map(|x| *x.0).collect() };
            let want = column_of(&kept(inners), &kept(fills));
            if kept(fills).len() < 2 {
                assert_eq!(want, None);
                continue;
            }
            let masked =
                |v: &[usize]| -> Vec<usize> { v.iter().zip(plain).map(|(&w, &p)| if p { w } else { 0 }).collect() };
            assert_eq!(column_masked(&masked(inners), &masked(fills)), want, "{inners:?} {fills:?} {plain:?}");
        }
        assert_eq!(column_masked(&[20, 0, 18], &[22, 0, 20]), Some(20));
    }

    #[test]
    fn parts_of_their_own_are_subheadings_but_jump_marks_are_not() {
        let lines = read_lines("全县新建标准化厂房十二万平\n方米，引进企业二十六家。\n（下转5版）");
        let jump = lines.iter().position(|l| matches!(l.role, Role::Jump)).expect("a jump line");
        let parts = vec![
            BodyPart::Own("做大核桃产业".into()),
            BodyPart::Line(0),
            BodyPart::Line(1),
            BodyPart::Own(lines[jump].text.clone()),
        ];
        let (p, subheads) = reflow_marked(&lines, &parts, false);
        assert_eq!(p, vec!["做大核桃产业", "全县新建标准化厂房十二万平方米，引进企业二十六家。", "（下转5版）"]);
        assert_eq!(subheads, vec![0]);
    }

    #[test]
    fn column_breaks_join_and_short_sentence_ends_break() {
        let p = paras(
            "习近平指出，中美关系的\n\n基础在民间，力量源泉在人民\n\n友好。友好省州和友好城市是\n\n带来了实实在在的利益。\n\n习近平强调，中美友城大会\n\n是中美地方交流的重要机制，创\n\n化友城合作发挥了积极作用。",
        );
        assert_eq!(
            p,
            vec![
                "习近平指出，中美关系的基础在民间，力量源泉在人民友好。友好省州和友好城市是带来了实实在在的利益。",
                "习近平强调，中美友城大会是中美地方交流的重要机制，创化友城合作发挥了积极作用。"
            ]
        );
    }

    #[test]
    fn a_full_line_ending_a_sentence_breaks_before_an_indented_line() {
        let p = paras(
            "市跨越浩瀚的太平洋，共同为推\n动中美关系健康稳定发展、增进\n两国人民福祉发挥更大作用。\n第五届中美友城大会当日\n在江苏省苏州市举办，主题为\n和江苏省人民政府共同主办。",
        );
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[1].starts_with("第五届中美友城大会当日在江苏"));
    }

    #[test]
    fn a_full_line_ending_a_sentence_mid_paragraph_does_not_break() {
        let p = paras(
            "基础在民间，力量源泉在人民\n友好。友好省州和友好城市是\n深化中美人民友谊、实现互利\n共赢的重要载体。自1979年缔\n结第一对友城关系至今，中美\n已经建立284对友好省州和友",
        );
        assert_eq!(p.len(), 1, "{p:?}");
    }

    #[test]
    fn an_indented_first_line_ending_a_sentence_at_the_edge_goes_on() {
        // The next line is full: it cannot open a paragraph.
        let p = paras(
            "优化营商环境，关键在人。\n每一名干部都是营商环境的代言\n人，一次热情的接待、一次高效\n的办理，都会在企业心中留下印\n象。",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        // A short one-line paragraph before an indented line still ends.
        let p = paras(
            "会议要求。\n每一名干部都是营商环境的代言\n人，一次热情的接待、一次高效\n的办理。\n都会在企业心中留下印象，推动\n营商环境持续优化，不断提升。",
        );
        assert_eq!(p[0], "会议要求。");
    }

    #[test]
    fn a_signatory_ends_with_an_organisations_last_character_over_a_date() {
        let page = |org: &str| format!("{org}\n2023年5月8日\n");
        let cases = [
            ("吕梁市人民政府办公室", true),
            ("吕梁市交通运输局", true),
            ("吕梁市消防救援支队", true),
            ("吕梁市人民代表大会常务委员会", true),
            ("吕梁市人民政府办公", false),
            ("局", false),
        ];
        for (org, want) in cases {
            let lines = crate::loader::lines::read_lines(&page(org));
            assert_eq!(is_signatory(&lines, 0), want, "{org}");
        }
    }

    #[test]
    fn two_signatories_of_a_notice_stay_apart() {
        let p = paras("每天24小时全天候\n受理。\n吕梁市公安局交通警察支队\n吕梁市交通运输局\n2024年6月1日");
        assert_eq!(p, vec!["每天24小时全天候受理。", "吕梁市公安局交通警察支队", "吕梁市交通运输局", "2024年6月1日"]);
        // Without a date below, lines ending in 局 are running text.
        let p = paras("会议由市公安局\n交通警察支队和市交通运输局\n联合召开。");
        assert_eq!(p.len(), 1);
    }

    #[test]
    fn one_paragraph_per_line_pages() {
        let long1 = "会上,市委副书记任凯汇报文明城市创建工作总体推进情况。创建指挥部各指挥长、市直有关单位和离石区主要负责同志分别汇报创建工作推进情况。";
        let long2 = "孙大军充分肯定文明城市创建工作取得的阶段性成效,要求全市各级各部门把创建文明城市作为提升城市品质的总抓手,扎实做好项目调度、管理和服务工作,";
        let long3 = "创城办要强化进度督查,组建创城项目推进专班,建立项目手续办理“急事急办、绿色通道”制度,推动项目早日开工、早日建成。";
        let p = paras(&format!("{long1}\n{long2}\n{long3}"));
        assert_eq!(p.len(), 2);
        assert!(p[1].contains("服务工作,创城办要强化进度督查"));
    }

    #[test]
    fn a_wider_column_below_does_not_hide_first_lines_set_in() {
        // Four paragraphs ten characters wide, each first line set two
        // characters in with its indent dropped and each last line full,
        // then a block set wider (the body ran into another column): the
        // wide lines must not widen the narrow lines' column.
        let p = paras(
            "今年春天，县里组\n织农技人员下乡帮助农\n户选种育苗，整修水渠\n三十多条，新栽果树两\n千多棵，成活率很高。\n各村成立互助小组\n轮流照看新栽果树，农\n户还学会了嫁接修剪，\n果园收入比去年明显增\n加，大家的干劲更足。\n合作社办起夜校，\n请专家讲授病虫害防治\n和果品储存，学员已有\n两百多人，报名的人越\n来越多，常座无虚席。\n县里还修通了通往\n各个果园的道路，运输\n车辆可以直接开到地头\n，水果采摘以后当天就\n能运到城里的大市场。\n与此同时，县里还在各乡镇建起了十二个农产品收购点，方便农户就近出售水果和\n蔬菜，减少了中间环节，也让城里的居民买到了新鲜实惠的农产品，收购点每天早\n上六点开门，一直营业到晚上八点，周末也不休息。",
        );
        assert!(p.len() >= 4, "{p:?}");
        assert!(p[1].starts_with("各村成立互助小组"), "{p:?}");
        assert!(p[2].starts_with("合作社办起夜校"), "{p:?}");
        assert!(p[3].starts_with("县里还修通了通往"), "{p:?}");
    }

    #[test]
    fn a_subheading_read_as_a_body_line_stands_as_its_own_paragraph() {
        // pdftotext dropped the indents (first lines end two characters
        // short); a short line with no end mark between two paragraphs,
        // naming nothing the text under it says, is a subheading.
        let p = paras(
            "今年以来，岚县把马铃\n薯作为富民增收的主导作物，\n新建种薯繁育基地三处，带\n动全县农户扩大种植面积。\n县农业农村局组织技术\n人员深入田间地头，指导农\n户科学施肥、合理灌溉，全\n县马铃薯长势良好。\n延伸产业链条\n全县已建成马铃薯加工\n企业十二家，年加工能力达\n到三十万吨，产品销往全国\n二十多个省市。\n县里还在各乡镇建起收\n购点，方便农户就近出售，\n减少了中间环节，农户收入\n明显增加。",
        );
        assert_eq!(p.len(), 5, "{p:?}");
        assert_eq!(p[2], "延伸产业链条");
        assert!(p[3].starts_with("全县已建成马铃薯加工企业"), "{p:?}");
    }

    #[test]
    fn first_lines_ending_a_sentence_at_their_edge_go_on() {
        // Each case: the page's lines (first lines set two characters in,
        // the indent dropped), and the paragraphs a reader of it sees.
        let cases: [(&str, &[&str]); 2] = [
            // The opening byline is printed on the first line: with it, the
            // line ends where a first line set in does, and the full line
            // after it goes on with its paragraph.
            (
                "本报讯（王明）全县新栽果树。\n今年春天县里组织农技人员下乡帮助\n农户选种育苗。\n各村成立互助小组轮流照看新栽\n果树，农户学会了嫁接修剪，果园收\n入明显增加。",
                &[
                    "全县新栽果树。今年春天县里组织农技人员下乡帮助农户选种育苗。",
                    "各村成立互助小组轮流照看新栽果树，农户学会了嫁接修剪，果园收入明显增加。",
                ],
            ),
            // A column wider than a line of a page printed one paragraph per
            // line: its lines wrap, and a first line two characters short of
            // the full line after it is no paragraph of its own.
            (
                "今年以来，全县新建标准化厂房十二万平方米，引进企业二十六家，新增就业岗位三千多个，税收增长一成。\n县里还组织农技人员下乡帮助农户选种育苗，整修水渠三十多条，新栽果树两千多棵，成活率很高，农户们还学会\n了嫁接修剪，果园收入明显增加。\n合作社办起夜校，请专家讲授病虫害防治和果品储存，学员已有两百多人，报名的人也越来越多，县里还修通\n了通往各个果园的道路，运输车辆可以直接开到地头，水果采摘以后当天就能运到城里的大市场，方便农户们就近\n出售。",
                &[
                    "今年以来，全县新建标准化厂房十二万平方米，引进企业二十六家，新增就业岗位三千多个，税收增长一成。县里还组织农技人员下乡帮助农户选种育苗，整修水渠三十多条，新栽果树两千多棵，成活率很高，农户们还学会了嫁接修剪，果园收入明显增加。",
                    "合作社办起夜校，请专家讲授病虫害防治和果品储存，学员已有两百多人，报名的人也越来越多，县里还修通了通往各个果园的道路，运输车辆可以直接开到地头，水果采摘以后当天就能运到城里的大市场，方便农户们就近出售。",
                ],
            ),
        ];
        for (page, want) in cases {
            assert_eq!(paras(page), want.to_vec(), "{page}");
        }
    }

    #[test]
    fn a_one_line_paragraph_after_a_full_line_reads_on() {
        // Nothing shows the second paragraph's start (its indent dropped,
        // the line before full): it reads on, as the gold joins it. The
        // later paragraphs' starts show by the short lines before them.
        let p = paras(
            "今年春天，县里组织农\n技人员下乡帮助农户育苗。\n各村成立了互助小组。\n全县今年新栽果树两千\n多棵，成活率很高，农户学\n会了嫁接修剪。\n合作社办起了一所夜校\n请专家讲授病虫害防治和果\n品储存。",
        );
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p[0].ends_with("育苗。各村成立了互助小组。"), "{p:?}");
    }

    #[test]
    fn a_last_line_shaped_like_a_first_line_after_a_full_line_reads_on() {
        // The line after a full line ends two characters or so short, as a
        // first line set in does, but a short line follows it, no first
        // line: it is its paragraph's last line (or a paragraph of one line,
        // which shows no start either).
        let p = paras(
            "一、请各单位和广\n大市民配合。\n二、对工作中发现\n的问题，欢迎社会各界\n监督举报。联系电话：\n0358-1234567。\n特此公告。",
        );
        assert_eq!(
            p,
            vec![
                "一、请各单位和广大市民配合。",
                "二、对工作中发现的问题，欢迎社会各界监督举报。联系电话：0358-1234567。",
                "特此公告。"
            ]
        );
    }

    #[test]
    fn latin_words_split_over_lines_get_a_space() {
        let mut s = "Hello".to_string();
        join_into(&mut s, "world");
        assert_eq!(s, "Hello world");
        let mut s = "邮箱llstszx@".to_string();
        join_into(&mut s, "163.com。");
        assert_eq!(s, "邮箱llstszx@163.com。");
    }

    #[test]
    fn a_closing_quote_alone_on_its_line_ends_the_sentence_it_closes() {
        // The closing quote of a finished sentence printed on a line of its
        // own: the paragraph ends there, and the full line after it opens
        // the next one.
        let p = paras(
            "县里组织农技人员下乡\n帮助农户选种育苗，他\n说：“我们一定要办好。\n”\n各村成立互助小组轮流\n照看新栽果树，农户还\n学会了嫁接修剪技术。",
        );
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].ends_with("办好。”"), "{p:?}");
        assert!(p[1].starts_with("各村成立互助小组"), "{p:?}");
    }

    #[test]
    fn full_lines_that_all_end_a_sentence_are_paragraphs_of_one_line() {
        // A box wider than its one-line paragraphs: the two widest lines
        // both end a sentence, so a full line shows no paragraph going on.
        let p = paras(
            "上午十时，两国领导人在广场出席了隆重的欢迎仪式。\n双方代表团成员分别陪同出席今天上午的欢迎仪式。\n军乐团奏两国国歌，鸣礼炮十九响。\n随后两国领导人举行了会谈。",
        );
        assert_eq!(p.len(), 4, "{p:?}");
        assert!(p[2].starts_with("军乐团"), "{p:?}");
    }

    #[test]
    fn a_column_is_whole_characters_wide() {
        // Thirteen characters a line: the full lines either hang a comma
        // or end in a digit, so the lines tell a column one narrower; a
        // sentence ending a character short of the whole column ends its
        // paragraph, and the short line after it is one of its own.
        let p = paras(
            "春耕时节全县组织农技人员，\n深入田间地头指导农户播种2\n万亩，全县春播进展顺利。\n大家干劲很足。\n县里还修通了通往果园的道，\n运输车辆可以直接开到地头3\n万辆次，水果当天运到城里。",
        );
        assert_eq!(p.len(), 3, "{p:?}");
        assert_eq!(p[1], "大家干劲很足。");
    }
}
