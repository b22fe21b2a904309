//! Reading order: an extractor that reads two articles set side by side
//! row by row prints a column of the first, then a column of the second,
//! then the first's next column, and so on, so one article's body is
//! interrupted by the other's paragraphs. This stage finds where the text
//! jumps to another thread and puts each run of lines back after the run it
//! continues, before lines become items.
//!
//! The page is cut into runs at blank lines (where an extractor prints a
//! column's foot). A seam between two runs of running text scores how well
//! the second reads on from the first: the first ends mid-sentence and the
//! bigram across the seam is one the page prints elsewhere (a word cut at
//! the line's end), or the second opens with punctuation that only follows
//! text, or (weaker) the first stops in a word at a column's foot and is
//! about as tall as a column; and the share of character bigrams the two runs have in common
//! (shrunk for short runs). A run (with up to three runs after it that read
//! on from it) moves back to right after an earlier run that a headline run
//! broke off, when the seams it makes there and the seam it closes behind
//! it score better by a clear margin than the seams it breaks, it reads on
//! from its new place better than from its old one, and a sentence is left
//! open at one end of the move or the other. A caption never breaks a
//! thread itself (an article's own photo sits inside its text). A run
//! opening with a byline
//! (`本报讯（记者 …）`, `□ 本报记者 …`) starts an item as a headline does: a
//! thread of running text cut at a column's foot right before it can be
//! rejoined there too, and it never moves itself. Headline runs (up to three
//! lines with no sentence in them) and captions are never moved, a run right
//! under a headline stays there, and a page of short runs (blank lines
//! between most lines) is left as it is. The weights were set on the
//! fitting pages (`examples/order_moves.rs` counts the moves right and
//! wrong against the pages' perfect trees).

use super::lines::{count_lines, ends_with_credit, is_sentence_end, split_byline, split_lines};
use super::normalize::{is_han, trim, width};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

/// The reading-order stage's numbers: how far and how many runs may move,
/// what a move must gain, and the seam score's weights. The committed table
/// is [`Knobs::COMMITTED`]; `examples/fit_order.rs` searches them on the
/// fitting pages (a fitter loads pages with a candidate through
/// [`restore_with`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Knobs {
    /// How far back (in runs) a run may be moved.
    pub reach: usize,
    /// How many runs in a row may move together.
    pub block: usize,
    /// The score a move must gain to be made.
    pub margin: f32,
    /// How much better the moved runs must read on from their new place
    /// than from their old one.
    pub fit: f32,
    /// The least score of a seam inside runs moved together.
    pub inside: f32,
    /// A seam's score when the first run ends mid-sentence and the second
    /// reads on from it (`Context::joined`).
    pub w_joined: f32,
    /// A seam's score per unit of the runs' shared bigrams (their cosine).
    pub w_shared: f32,
    /// Bigrams added to each run's count when measuring what two runs
    /// share.
    pub shrink: usize,
    /// A seam's score when the first run stops mid-sentence at a column's
    /// foot and the second goes on with a word, though the bigram across
    /// the seam is printed nowhere else (`Context::open_at_foot`).
    pub w_open: f32,
    /// A run stops at a column's foot when its last line is at least this
    /// many tenths as wide as its widest other line (`Context::cut_at_foot`).
    pub foot_width_tenths: usize,
    /// A run is about as tall as a column when it has at least this many
    /// tenths of the lines of the page's tallest run of text
    /// (`Context::open_at_foot`).
    pub column_tall_tenths: usize,
}

impl Knobs {
    /// The committed table, searched by `examples/fit_order.rs` on the
    /// fitting pages (two sweeps of a coordinate search from the table the
    /// stage was written with, objective right + exact - spurious over the
    /// seven shapes 31354 -> 31361): `reach` 8 -> 6, `w_open` 0.7 -> 0.88,
    /// `w_joined` 2.9 -> 2.61, each worth two or three items; no other
    /// value of the grid gained two without a shape losing more than one.
    /// Twenty-first round, searched again on the round's merged loader
    /// (sweeps of every knob, then `--knobs w_open`): only `w_open` 0.88 ->
    /// 1.1 moved (objective 31911 -> 31916: pdftotext +1 right / +6 exact,
    /// real `pdftotext` -1 / -1; the twentieth round's 1.05 had cost real
    /// `pdftotext` more than one item on that round's loader).
    pub const COMMITTED: Knobs = Knobs {
        reach: 6,
        block: 4,
        margin: 1.5,
        fit: 0.2,
        inside: 1.5,
        w_joined: 2.61,
        w_shared: 14.0,
        shrink: 40,
        w_open: 1.1,
        foot_width_tenths: 8,
        column_tall_tenths: 6,
    };
}

impl Default for Knobs {
    fn default() -> Knobs {
        Knobs::COMMITTED
    }
}

/// Runs of lines moved together: `runs` (each a range of 0-based line
/// indices into the text), which followed line `from`, are put right after
/// line `after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub runs: Vec<Range<usize>>,
    pub from: usize,
    pub after: usize,
}

/// One run of non-blank lines.
struct Run<'a> {
    lines: Range<usize>,
    first: &'a str,
    last: &'a str,
    /// Running text (not a headline run nor a caption).
    text: bool,
    /// A headline run.
    heading: bool,
    /// Running text that opens with a byline (`本报讯（记者 …）`,
    /// `新华社北京5月3日电`, `□ 本报记者 …`): an item starts there.
    opens_item: bool,
    /// A line of the run holds a comma or a full stop.
    clause: bool,
}

/// The text with its runs in restored reading order, or `None` when
/// nothing moves.
pub fn restore(text: &str) -> Option<String> {
    restore_with(text, &Knobs::COMMITTED)
}

/// [`restore`] with the numbers `k` (a fitter's candidate table).
pub fn restore_with(text: &str, k: &Knobs) -> Option<String> {
    let mut raw: Vec<&str> = Vec::with_capacity(count_lines(text));
    raw.extend(split_lines(text));
    // (Each line trimmed once.)
    let trimmed: Vec<&str> = raw.iter().map(|l| super::normalize::trim(l)).collect();
    let spans = spans(&trimmed);
    // A page of short runs is left as it is ([`reorder`]): its runs need
    // not be read.
    if short_runs(spans.iter().map(|r| r.len())) {
        return None;
    }
    let runs = runs(&raw, &trimmed, spans);
    let (order, moves) = reorder(&raw, &runs, k);
    if moves.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 2 * runs.len());
    for (k, &r) in order.iter().enumerate() {
        if k > 0 {
            out.push_str("\n\n");
        }
        for (j, line) in raw[runs[r].lines.clone()].iter().enumerate() {
            if j > 0 {
                out.push('\n');
            }
            out.push_str(line);
        }
    }
    out.push('\n');
    Some(out)
}

/// The moves [`restore`] makes on `text`, in the order made.
pub fn plan(text: &str) -> Vec<Move> {
    let raw: Vec<&str> = split_lines(text).collect();
    let trimmed: Vec<&str> = raw.iter().map(|l| super::normalize::trim(l)).collect();
    reorder(&raw, &runs(&raw, &trimmed, spans(&trimmed)), &Knobs::COMMITTED).1
}

/// The runs of non-blank lines of the page (`trimmed`: its lines trimmed),
/// as ranges of line indices.
fn spans(trimmed: &[&str]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < trimmed.len() {
        if trimmed[i].is_empty() {
            i += 1;
            continue;
        }
        let start = i;
        while i < trimmed.len() && !trimmed[i].is_empty() {
            i += 1;
        }
        out.push(start..i);
    }
    out
}

/// A page whose runs (their lengths in lines) are mostly a line or two:
/// blank lines between lines, not at columns' feet.
fn short_runs(lens: impl Iterator<Item = usize>) -> bool {
    let (mut long, mut all) = (0, 0);
    for n in lens {
        all += n;
        if n >= 3 {
            long += n;
        }
    }
    long * 10 < all * 7
}

/// The runs of non-blank lines of the page: its lines (`raw`, and
/// `trimmed`) in the ranges [`spans`] gives.
fn runs<'a>(raw: &[&'a str], trimmed: &[&'a str], spans: Vec<Range<usize>>) -> Vec<Run<'a>> {
    let mut out = Vec::with_capacity(spans.len());
    for Range { start, end: i } in spans {
        let lines = &raw[start..i];
        let (first, last) = (trimmed[start], trimmed[i - 1]);
        // Headline runs: a few lines, none ending a sentence, no full stop.
        // A headline may wrap after an enumeration comma (`…播出第九、` /
        // `十集`).
        let heading = lines.len() <= 3
            && !lines.iter().any(|l| {
                is_sentence_end(l) || l.contains('。') || l.contains('！') || l.contains('？') || l.trim_end().ends_with(['，', ','])
            })
            // (Each character searched for on its own: much faster than a
            // search for any of several.)
            && lines.iter().map(|l| l.matches('，').count() + l.matches(',').count()).sum::<usize>() < 2;
        // Captions go where the photo is, not with a thread.
        let caption = first.starts_with("图为") || ends_with_credit(last);
        let text = !heading && !caption;
        let opens_item = text && split_byline(first).is_some();
        let clause = lines.iter().any(|l| l.contains(['，', '。', ',']));
        out.push(Run { lines: start..i, first, last, text, heading, opens_item, clause });
    }
    out
}

/// The runs in restored order, and the moves made.
fn reorder(raw: &[&str], runs: &[Run], k: &Knobs) -> (Vec<usize>, Vec<Move>) {
    let mut order: Vec<usize> = (0..runs.len()).collect();
    let mut moves = Vec::new();
    // Fewer than four runs of text, or a page whose runs are mostly a line
    // or two (blank lines between lines, not at columns' feet): no threads
    // to untangle.
    if runs.iter().filter(|r| r.text).count() < 4 || short_runs(runs.iter().map(|r| r.lines.len())) {
        return (order, moves);
    }
    let mut ctx = Context::new(raw, runs, k);
    let mut y = 2;
    while y < order.len() {
        if let Some((r, j)) = best_move(&mut ctx, &order, y) {
            moves.push(Move {
                runs: order[y..=j].iter().map(|&k| runs[k].lines.clone()).collect(),
                from: runs[order[y - 1]].lines.end - 1,
                after: runs[order[r]].lines.end - 1,
            });
            apply(&mut order, r, y, j);
        }
        y += 1;
    }
    (order, moves)
}

/// Moves `order[y..=j]` to right after `order[r]` (`r < y - 1`).
fn apply(order: &mut [usize], r: usize, y: usize, j: usize) {
    order[r + 1..=j].rotate_right(j + 1 - y);
}

/// The best move of the runs starting at position `y` of `order`: back to
/// after position `r`, the runs `y..=j` together; `None` when no move gains
/// [`Knobs::margin`].
fn best_move(ctx: &mut Context, order: &[usize], y: usize) -> Option<(usize, usize)> {
    let x = order[y - 1];
    if !ctx.runs[x].text || !ctx.runs[order[y]].text || ctx.runs[order[y]].opens_item {
        return None;
    }
    let mut best: Option<(f32, usize, usize)> = None;
    let x_open = ctx.runs[x].text && !is_sentence_end(ctx.runs[x].last);
    let k = ctx.k;
    for j in y..(y + k.block).min(order.len()) {
        if !ctx.runs[order[j]].text
            || ctx.runs[order[j]].opens_item
            || (j > y && ctx.seam(order[j - 1], Some(order[j])) < k.inside)
        {
            break;
        }
        let z = order.get(j + 1).copied();
        let (first, last) = (order[y], order[j]);
        let old_out = ctx.seam(x, Some(first)) + ctx.seam(last, z);
        let closed = ctx.seam(x, z);
        for r in y.saturating_sub(1 + k.reach)..y - 1 {
            let (rr, s) = (order[r], order[r + 1]);
            // A thread broken off where another item's headline (or byline) starts.
            // (Before a byline, the thread is running text: a run with a
            // sentence or clause in it, not a long headline.)
            let breaks = ctx.runs[s].heading || ctx.runs[s].opens_item && ctx.runs[rr].clause && ctx.cut_at_foot(rr);
            if !ctx.runs[rr].text || !breaks || ctx.joined(rr, s) {
                continue;
            }
            // A sentence left open at one end of the move or the other.
            if !x_open && is_sentence_end(ctx.runs[rr].last) {
                continue;
            }
            let fit = ctx.seam(rr, Some(first)) - ctx.seam(x, Some(first));
            if fit <= k.fit {
                continue;
            }
            let gain = ctx.seam(rr, Some(first)) + ctx.seam(last, Some(s)) + closed - ctx.seam(rr, Some(s)) - old_out;
            if gain > k.margin && best.is_none_or(|(g, ..)| gain > g) {
                best = Some((gain, r, j));
            }
        }
    }
    best.map(|(_, r, j)| (r, j))
}

/// What the seam scores are computed from, read once per page as needed.
struct Context<'a> {
    raw: &'a [&'a str],
    runs: &'a [Run<'a>],
    /// The bigrams printed within lines on the page (filled on first use).
    seen: Option<HashSet<u64>>,
    /// Each run's bigrams, sorted (filled on first use).
    grams: Vec<Option<Vec<u64>>>,
    scores: HashMap<(usize, usize), f32>,
    /// The most lines in a run of running text.
    tallest: usize,
    /// The numbers weighed.
    k: &'a Knobs,
}

fn gram(a: char, b: char) -> u64 {
    (u64::from(a as u32) << 32) | u64::from(b as u32)
}

impl<'a> Context<'a> {
    fn new(raw: &'a [&'a str], runs: &'a [Run<'a>], k: &'a Knobs) -> Context<'a> {
        let tallest = runs.iter().filter(|r| r.text).map(|r| r.lines.len()).max().unwrap_or(0);
        Context { raw, runs, seen: None, grams: vec![None; runs.len()], scores: HashMap::default(), tallest, k }
    }

    /// Run `r` stops at a column's foot: its last line is at least
    /// [`Knobs::foot_width_tenths`] (four fifths) as wide as its widest
    /// other line and no wider (a headline
    /// printed right under the text is wider, a paragraph's last line
    /// usually shorter).
    fn cut_at_foot(&self, r: usize) -> bool {
        let lines = &self.raw[self.runs[r].lines.clone()];
        let Some((last, rest)) = lines.split_last() else { return false };
        let widest = rest.iter().map(|l| width(trim(l))).max().unwrap_or(0);
        let w = width(trim(last));
        widest > 0 && w <= widest && w * 10 >= widest * self.k.foot_width_tenths
    }

    /// Run `p` stops mid-sentence (in a word, a number or after a comma)
    /// at a column's foot, and run `q` goes on with a character or a digit
    /// (not a byline): weaker evidence than [`Context::joined`]'s, for a
    /// word cut at the seam that the page prints nowhere else. The foot is
    /// a column's when `p` is about as tall as a column (at least
    /// [`Knobs::column_tall_tenths`] of the page's tallest run of text),
    /// not a blank line an extractor printed inside a column.
    fn open_at_foot(&self, p: usize, q: usize) -> bool {
        let (last, first) = (self.runs[p].last, self.runs[q].first);
        if self.runs[q].opens_item
            || self.runs[p].lines.len() * 10 < self.tallest * self.k.column_tall_tenths
            || is_sentence_end(last)
        {
            return false;
        }
        let (Some(a), Some(b)) = (last.chars().last(), first.chars().next()) else { return false };
        (is_han(b) || b.is_ascii_digit())
            && (is_han(a) || a.is_ascii_digit() || a == '、' || a == '，')
            && self.cut_at_foot(p)
    }

    fn seen(&mut self, g: u64) -> bool {
        let raw = self.raw;
        self.seen
            .get_or_insert_with(|| {
                let mut s = HashSet::default();
                for l in raw {
                    let mut prev = None;
                    for c in l.chars() {
                        if let Some(p) = prev {
                            s.insert(gram(p, c));
                        }
                        prev = is_han(c).then_some(c);
                    }
                }
                s
            })
            .contains(&g)
    }

    fn grams(&mut self, r: usize) -> &[u64] {
        let (raw, run) = (self.raw, &self.runs[r]);
        self.grams[r].get_or_insert_with(|| {
            let mut v = Vec::new();
            for l in &raw[run.lines.clone()] {
                let mut prev = None;
                for c in l.chars() {
                    if let Some(p) = prev {
                        v.push(gram(p, c));
                    }
                    prev = is_han(c).then_some(c);
                }
            }
            v.sort_unstable();
            v.dedup();
            v
        })
    }

    /// Run `p` ends mid-sentence and run `q` reads on from it: the bigram
    /// across the seam is printed elsewhere on the page, or `q` opens with
    /// punctuation.
    fn joined(&mut self, p: usize, q: usize) -> bool {
        let (last, first) = (self.runs[p].last, self.runs[q].first);
        if is_sentence_end(last) {
            return false;
        }
        first.starts_with(['，', '。', '、', '；', '：', '？', '！', '）', '”', '’', '》', ',', '.', ';', ':', ')'])
            || match (last.chars().last(), first.chars().next()) {
                (Some(a), Some(b)) if is_han(a) && is_han(b) => self.seen(gram(a, b)),
                _ => false,
            }
    }

    /// How well run `q` reads on from run `p` (0 when `q` is none or a
    /// headline run: a seam before a headline tells nothing; 0 too when `p`
    /// is not running text).
    fn seam(&mut self, p: usize, q: Option<usize>) -> f32 {
        let Some(q) = q.filter(|&q| self.runs[q].text && self.runs[p].text) else { return 0.0 };
        if let Some(&s) = self.scores.get(&(p, q)) {
            return s;
        }
        let mut s = if self.joined(p, q) {
            self.k.w_joined
        } else if self.open_at_foot(p, q) {
            self.k.w_open
        } else {
            0.0
        };
        let (a, b) = (self.grams(p).len(), self.grams(q).len());
        if a > 0 && b > 0 {
            let (ga, gb) = (self.grams[p].as_deref().unwrap_or(&[]), self.grams[q].as_deref().unwrap_or(&[]));
            // (Short runs share words by chance: their measure is shrunk.)
            let (w, shrink) = (self.k.w_shared, self.k.shrink);
            s += w * shared(ga, gb) as f32 / (((a + shrink) * (b + shrink)) as f32).sqrt();
        }
        self.scores.insert((p, q), s);
        s
    }
}

/// How many items two sorted lists share.
fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two articles in two columns each, `A1 B1 A2 B2` as pdftotext reads
    /// them when set side by side.
    const A: [&str; 2] = [
        "本报讯（记者 王明）今年以来，离石区把城区供水\n管网改造作为民生实事来抓，累计更换老旧供水管道\n四十二公里，惠及居民一万三千余户。据介绍，改造\n后城区供水管网漏损率由百分之十八降至百分之九，\n高峰时段的水压也稳定了许多。离石区水务局负责人",
        "介绍，明年将继续改造城区剩余的老旧供水管道，让\n供水管网改造惠及更多居民，城区居民用水将更加安\n全放心。",
    ];
    const B: [&str; 2] = [
        "本报讯（记者 李红）九月一日，交城县新建的三所乡\n村幼儿园同时开园，全县一千二百名幼儿在家门口就\n能上幼儿园。这三所幼儿园由县财政投入两千四百万\n元建设，每所幼儿园都配有室内活动室、午休室和户\n外游戏场地。县教育局负责人表示，今后三年，全",
        "县还将新建和改扩建幼儿园六所，让每个乡镇都有一\n所公办幼儿园。开园当天，不少家长早早带着孩子来\n到幼儿园，孩子们在老师的带领下做游戏、唱儿歌，\n很快就熟悉了新环境。",
    ];
    const HA: &str = "离石区完成城区供水管网改造";
    const HB: &str = "交城县新建三所乡村幼儿园";

    #[test]
    fn runs_are_split_at_blank_lines_and_their_ends_trimmed() {
        // (A line of spaces, ideographic ones included, is blank.)
        let raw =
            ["  吕梁市召开会议  ", "", "\u{3000}\u{3000}", "　本报讯 近日，全市召开会议。", "会议要求落实。 ", "   "];
        let runs = |raw: &[&'static str]| {
            let trimmed: Vec<&str> = raw.iter().map(|l| crate::loader::normalize::trim(l)).collect();
            runs(raw, &trimmed, spans(&trimmed))
        };
        let rs = runs(&raw);
        assert_eq!(rs.len(), 2);
        assert_eq!((rs[0].lines.clone(), rs[0].first, rs[0].last), (0..1, "吕梁市召开会议", "吕梁市召开会议"));
        assert!(rs[0].heading && !rs[0].text);
        assert_eq!(
            (rs[1].lines.clone(), rs[1].first, rs[1].last),
            (3..5, "本报讯 近日，全市召开会议。", "会议要求落实。")
        );
        assert!(!rs[1].heading && rs[1].text);
        assert!(runs(&["", " "]).is_empty());
    }

    #[test]
    fn a_headline_wrapped_after_an_enumeration_comma_breaks_a_thread() {
        let hb = "交城县新建三所乡村幼儿园、\n两所小学";
        let mixed = [HA, A[0], hb, B[0], A[1], B[1]].join("\n\n") + "\n";
        let whole = [HA, A[0], A[1], hb, B[0], B[1]].join("\n\n") + "\n";
        assert_eq!(restore(&mixed).as_deref(), Some(whole.as_str()));
    }

    #[test]
    fn columns_read_in_turn_go_back_to_their_threads_and_threads_in_order_stay() {
        let mixed = [HA, A[0], HB, B[0], A[1], B[1]].join("\n\n") + "\n";
        let whole = [HA, A[0], A[1], HB, B[0], B[1]].join("\n\n") + "\n";
        assert_eq!(restore(&mixed).as_deref(), Some(whole.as_str()));
        assert_eq!(restore(&whole), None);
    }

    #[test]
    fn a_thread_cut_before_an_item_opening_with_a_byline_is_rejoined() {
        // B has no headline run of its own (the extractor printed it
        // elsewhere): its byline opens the item.
        let mixed = [HA, A[0], B[0], A[1], B[1]].join("\n\n") + "\n";
        let whole = [HA, A[0], A[1], B[0], B[1]].join("\n\n") + "\n";
        assert_eq!(restore(&mixed).as_deref(), Some(whole.as_str()));
        // (The runs opening with a byline: A's under its headline, and B's.)
        let raw: Vec<&str> = mixed.split('\n').collect();
        let rs = runs(&raw, &raw, spans(&raw));
        assert!(rs[1].opens_item && rs[2].opens_item && !rs[3].opens_item);
    }

    #[test]
    fn a_headline_line_glued_under_the_text_is_no_column_foot() {
        // A's first column ends in the next item's headline (no blank line
        // between): the byline under it starts that item, not a column cut.
        let glued = format!("{}\n{HB}", A[0]);
        let mixed = [HA, &glued, B[0], A[1], B[1]].join("\n\n") + "\n";
        assert_eq!(restore(&mixed), None);
    }

    #[test]
    fn a_thread_cut_in_a_word_printed_nowhere_else_at_a_columns_foot_is_rejoined() {
        // A's first column stops in `下一步` (`下一` printed nowhere else);
        // B's text ends a sentence, so only the column's foot says A's last
        // run reads on from its first.
        let a = [
            "本报讯（记者 张华）今年以来，汾阳市在城区新建\n五处城市书房，每处藏书三千余册，全天向市民免费\n开放。城市书房设有阅读区、自习区和少儿阅读区，\n市民刷身份证就能进门借书还书。市图书馆负责人介\n绍，城市书房开放以来，已接待读者两万余人次，下",
            "一步将在各乡镇新建一批城市书房，让更多群众在家\n门口借书读书，并定期开展阅读活动，培养全民阅\n读习惯。",
        ];
        let b = [
            "本报讯（记者 赵丽）九月二十三日，孝义市农民丰收\n节在堡镇开幕，全市各村的农民带着自家种的小\n米、红枣、核桃等农产品参加展销，现场人头攒动。\n丰收节期间还举办了农民运动会和农民歌手大赛，吸\n引了周边县市的游客前来参观。",
            "据了解，今年孝义市粮食总产量预计达到三十万吨，\n比去年增长百分之五，农民人均收入也有较大幅度\n的提高。",
        ];
        let (ha, hb) = ("汾阳市城区新建五处城市书房", "孝义市举办农民丰收节");
        let mixed = [ha, a[0], hb, b[0], b[1], a[1]].join("\n\n") + "\n";
        let whole = [ha, a[0], a[1], hb, b[0], b[1]].join("\n\n") + "\n";
        assert_eq!(restore(&mixed).as_deref(), Some(whole.as_str()));
        // The numbers passed are the ones weighed: with the column's foot
        // worth nothing, the thread stays cut.
        let blind = Knobs { w_open: 0.0, ..Knobs::COMMITTED };
        assert_ne!(restore_with(&mixed, &blind).as_deref(), Some(whole.as_str()));
    }

    #[test]
    fn a_page_of_short_runs_is_left_as_it_is() {
        // (Read before its runs are: the same answer as `reorder`'s.)
        let mixed = [HA, A[0], HB, B[0], A[1], B[1]].join("\n\n") + "\n";
        let spaced = mixed.replace('\n', "\n\n");
        let trimmed: Vec<&str> = spaced.split('\n').map(str::trim).collect();
        assert!(short_runs(spans(&trimmed).iter().map(|r| r.len())));
        assert_eq!(restore(&spaced), None);
        assert!(plan(&spaced).is_empty());
        assert!(!plan(&mixed).is_empty());
    }
}
