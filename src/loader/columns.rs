//! Pages printed side by side: the text of `pdftotext -layout` (and other
//! extractors that keep the page's geometry) sets a newspaper's columns next
//! to each other on one line, padded with runs of spaces. Read line by line,
//! such a page mixes every column's sentences. This stage finds the columns
//! and gives the rest of the loader the page column by column, in reading
//! order, as an extractor's plain mode would print it. Any other page is left
//! as it is.
//!
//! The steps: each line is cut into chunks at runs of two or more spaces;
//! chunk starts that many lines share are column starts (where the most
//! used place is a short item's paragraph indent, its flush lines a few
//! characters left of it, at least half as many, mark the start); a column's
//! chunks form a block (a blank line — two where the columns sit on
//! baselines of their own —, more than seven rows without the column's text,
//! a line of large type after more rows without text than the block's lines
//! are apart, or a chunk crossing into the next column ends it; a chunk off
//! any start in use goes with the column left of it; the few lines of a
//! headline in large type, which `-layout` prints with blank rows between,
//! stay one block; after rows without the column's text, a line reaching
//! past a column start that none of a text block's lines reached is a
//! headline over several columns and starts a block of its own); blocks
//! are ordered by recursive
//! cuts — a gap no block crosses from left to right (a block whose lines
//! reach past the next column's start crosses it, though that column holds
//! no text beside them) splits the page into left and right, one
//! no block crosses from top to bottom into top and bottom — the way one
//! reads a newspaper page. Where several column boundaries can split a part
//! of the page, the one taken is the one whose reading order carries the
//! most columns on across their feet (a column that stops mid-sentence, the
//! next one read going on flush with the word cut at the seam, a pair of
//! characters the page prints elsewhere): a boundary through an article's
//! columns (beside a column of another article running down the page) would
//! read its last column after the article under it.
//!
//! A line set two to five characters in from its column's start, in a block
//! of running text, after a finished sentence or a short line (or, at the top
//! of a block, reaching the column's far edge), is a paragraph's first line
//! and keeps a two-space indent, so a one-line paragraph between full lines
//! stays a paragraph of its own. A column start counts for a line only where
//! some piece starts right at it (within five characters) within four rows of
//! it, so boxes set in another column grid elsewhere on the page are not cut
//! into pieces read row by row. `pdftotext -layout` sets rows by baseline, so
//! beside a column of other leading or type a column's lines come out on every
//! other row: a column's block runs on across up to seven rows without its
//! text, and, on a page where that is common, across one blank row too.
//!
//! Headlines set larger than the text come out with blank rows between
//! their lines, the more the larger the type: after more rows without the
//! column's text than twice its lines' spacing (and at least four), a line
//! that stands as far apart from the next line is a line of large type and
//! starts a block of its own instead of running on the item above it (but
//! not a line ending a sentence, flush at the column's start, under a
//! column whose last line runs to its edge mid-sentence: that is the
//! sentence's end set on a baseline rows lower, beside other type), as
//! does a line of Chinese reaching past the edge where the lines of the
//! running text above it end (most of them: one holding digits reaches
//! further) (a headline in larger type); and a
//! block of up to three such lines goes on across blank rows (up to twelve)
//! with the next one, when nothing on the rows between crosses either and
//! that line stands apart from the next too or lies at least four rows under
//! the block (a headline's last line can sit right over its text), even
//! where under running text such a line would start a block of its own.
//! Beside another column's text a headline's lines can come out on rows
//! next to each other and its last line rows under them: a block of up to
//! three lines none of which ends a sentence goes on with a short line (at
//! most two thirds of its longest) within its span rows under it, nothing
//! crossing between.
//! Such lines at the top of a block, each more rows apart from the next
//! than the block's text lines (which sit on rows next to each other), are
//! given with a blank line under them, as a headline over its text.
//!
//! A page counts as printed side by side when a quarter of its lines, or
//! six lines whatever their share (a band of columns over or under one wide
//! article), hold two pieces of Chinese text apart; a line clear of the line
//! right above or under it (two columns whose baselines alternate, one line
//! a row) counts as two. A headline centred over an item's columns, whose
//! text starts under it left and right of it, is a line across them, read
//! before its first column, also where it reaches past a column start
//! itself, or where a subtitle lies between (so is a subtitle centred
//! under a headline across them, and a kicker over it); a
//! headline's short last line right over its text stays with its other
//! lines. A blank row (where a photo or large
//! type elsewhere sets no baseline) does not end a column whose last line
//! runs to its edge mid-sentence (the place most of its lines end: a line
//! holding digits, which the extractor places narrower than Chinese, reaches
//! past it): a line set flush at its start a few rows under it, as wide (or
//! ending a sentence), carries it on. An article set
//! across columns under them (its lines crossing their starts) is one block: a
//! line starting where the line above it starts carries it on when it
//! crosses too or when the columns it spans hold no text there, or when it
//! ends a sentence under two such lines. A short name or date set flush
//! right inside a box wider than its column (a notice's signatory and
//! date), right under the box's closing sentence, stays with the box instead
//! of opening the column it reaches into.

/// A piece of one line: where it starts (in characters, as the extractor
/// placed it) and its text.
#[derive(Debug, Clone)]
struct Chunk<'a> {
    row: usize,
    start: usize,
    end: usize,
    text: &'a str,
}

/// A run of chunks in one column (or a chunk across several): rows
/// `top..=bottom`, columns `left..=right`.
#[derive(Debug, Clone)]
struct Block {
    top: usize,
    bottom: usize,
    left: usize,
    right: usize,
    lines: Vec<String>,
    /// How far each line starts right of its column's start (characters).
    offsets: Vec<usize>,
    /// The row each line is on.
    rows: Vec<usize>,
    /// Rows between the last two lines (0 while the block has one line).
    pitch: usize,
    /// Whether two of its lines sit on rows next to each other (`step` apart).
    tight: bool,
    /// Where its last line starts and ends on the page (characters).
    span: (usize, usize),
    /// How far right its widest line reaches on the page (characters).
    far: usize,
    /// How far right its widest line of running text reaches: of the lines
    /// set on rows next to each other (0 while there are none). A banner
    /// or a headline in large type that joined the block over its first
    /// column, set apart by blank rows, does not widen it, so a headline
    /// under the text still stands out as wider than the text.
    text_far: usize,
}

impl Block {
    /// A block of one line, on `row`, spanning columns `left..=right`.
    fn one_line(row: usize, left: usize, right: usize, c: &Chunk<'_>, offset: usize) -> Block {
        Block {
            top: row,
            bottom: row,
            left,
            right,
            lines: vec![c.text.to_string()],
            offsets: vec![offset],
            rows: vec![row],
            pitch: 0,
            tight: false,
            span: (c.start, c.end),
            far: c.end,
            text_far: 0,
        }
    }

    /// Whether chunk `c`, rows under the block's last line, is the short last
    /// line of the headline the block holds: `pdftotext -layout` sets a
    /// headline's lines in large type on rows next to each other where other
    /// columns print text beside them, and its last line rows under them
    /// where they print none. The block is a few lines none of which ends a
    /// sentence; `c` ends none either, is at most two thirds as long as its
    /// longest line and lies within the block's span.
    fn takes_tail(&self, c: &Chunk<'_>, step: usize) -> bool {
        let open = |l: &str| !l.ends_with(['。', '！', '？', '”', '；', '…', '）', ')', '，', '、']);
        let longest = self.lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        self.lines.len() <= LARGE_LINES
            && c.row > self.bottom + step
            && self.lines.iter().all(|l| open(l))
            && open(c.text)
            && !c.text.ends_with('：')
            && c.text.chars().count() * 3 <= longest * 2
            && c.start + START_SLACK >= self.span.0
            && c.end <= self.far
    }

    /// How many lines at the top of the block are in large type (a
    /// headline): each set more than `step` rows apart from the next, the
    /// lines under them on rows next to each other. 0 when there are none.
    /// The headline's last line can sit right over its text: the first line
    /// on rows next to each other counts too when it stops well short of
    /// the column's far edge (under three quarters of the text's width; a
    /// paragraph's first line reaches it) without ending on punctuation, and
    /// the text goes on under it.
    fn large_lines(&self, step: usize) -> usize {
        let r = &self.rows;
        let lead = (1..r.len()).take_while(|&i| r[i] - r[i - 1] > step).count();
        let tight_after = r.len() >= lead + 2 && (lead + 1..r.len()).all(|i| r[i] - r[i - 1] == step);
        if !(1..=LARGE_LINES).contains(&lead) || !tight_after {
            return 0;
        }
        let reach = |k: usize| self.offsets[k] + self.lines[k].chars().count();
        let widest = (lead + 1..self.lines.len()).map(reach).max().unwrap_or(0);
        let last = &self.lines[lead];
        let short = reach(lead) * 4 < widest * 3;
        let ends = last.ends_with(['。', '！', '？', '”', '；', '：', '…', '）', ')', '，', '、']);
        if short && !ends && r.len() >= lead + 3 { lead + 1 } else { lead }
    }

    /// The far edge of the block's running text ([`Block::text_far`]), or of
    /// all its lines while none sit on rows next to each other.
    fn text_edge(&self) -> usize {
        if self.text_far > 0 { self.text_far } else { self.far }
    }

    /// Where most of the block's lines end on the page (characters), its
    /// column starting at `start`: the far edge of its running text. A line
    /// holding digits or Latin letters, which the extractor places narrower
    /// than Chinese, reaches a few characters past it; the widest such line
    /// is no measure of where the column's lines end. Of ends equally
    /// common, the farthest.
    fn edge(&self, start: usize) -> usize {
        let mut ends: Vec<usize> =
            (0..self.lines.len()).map(|k| start + self.offsets[k] + self.lines[k].chars().count()).collect();
        super::heads::most_common(&mut ends).map_or(0, |(end, _)| end)
    }

    /// Line `i` as the rest of the loader gets it: in a block of running
    /// text (some of its lines start at the column's edge), a line set two to
    /// [`START_SLACK`] characters in is a paragraph's first line and keeps an
    /// indent of two spaces, so that a paragraph that only its indent opens
    /// is still seen to begin. Under another line it must follow a finished
    /// sentence or a line that stops short; at the top of the block it must
    /// reach the column's far edge (a shorter one is a headline centred over
    /// the text), and so must one under short lines none of which ends a
    /// sentence (a shorter one is the last line of such a headline).
    fn line(&self, i: usize) -> String {
        let reach = |k: usize| self.offsets[k] + self.lines[k].chars().count();
        let Some(l) = self.lines.get(i) else { return String::new() };
        let indented = (2..=START_SLACK).contains(&self.offsets[i]);
        // Running text: some lines start at the column's edge.
        let running = self.offsets.iter().any(|&o| o < 2);
        let widest = (0..self.lines.len()).map(reach).max().unwrap_or(0);
        let opens = match i.checked_sub(1) {
            None => reach(i) >= widest,
            Some(p) => {
                let ends = |k: usize| self.lines[k].ends_with(['。', '！', '？', '”', '；', '：', '…']);
                // Under the open lines at the top of the block (a headline)
                // a short line is the headline's centred last line, not a
                // paragraph: a paragraph's first line reaches the far edge.
                let headline = (0..=p).all(|k| !ends(k) && reach(k) + 2 < widest) && reach(i) * 4 < widest * 3;
                ends(p) || (reach(p) + 2 < widest && !headline)
            }
        };
        if indented && running && opens { format!("  {l}") } else { l.clone() }
    }
}

/// The marks a line of running text ends on when it ends a sentence, as
/// this stage reads a column's text before the lines' roles are known (a
/// full stop, `！`, `？`, or a closing quote after one); the later stages
/// ask [`super::lines::is_sentence_end`], which also takes `；` `：` `…`.
const STOPS: [char; 4] = ['。', '！', '？', '”'];

/// A column start is in use for a line when a chunk starts there this many
/// rows above or below it (or on it).
const NEAR_ROWS: usize = 4;
/// Most rows without a line of a column that its text runs on across.
/// `pdftotext -layout` sets rows by baseline: beside a column of another
/// leading or font size (a headline, a box in other type), a column's lines
/// come out on every other row or with empty rows between them; a wider gap
/// is the space between two items.
const SKIP_ROWS: usize = 7;
/// Most blank lines (beyond those the page puts between all its lines) that
/// do not yet close every block on a page whose columns sit on baselines of
/// their own ([`baselines_apart`]): one comes from baselines apart in the
/// same way; more part the page into bands. On other pages any blank line
/// closes them.
const BLANK_ROWS: usize = 1;
/// Most rows under a column's last line, cut mid-sentence by a blank row,
/// that a line carrying its text on may lie (see [`blocks`]); more rows part
/// the page into bands, as do two blank rows in a row. Four: beside the
/// column, a blank row, a headline's line in the column next to it and a
/// blank row under that.
const RUN_ON_ROWS: usize = 4;
/// Most blocks a page is unfolded with (a newspaper page has a few hundred).
const MAX_BLOCKS: usize = 5_000;
/// Fewest chunks that must start at one place for it to be a column start.
const COLUMN_CHUNKS: usize = 3;
/// Chunk starts this close (in characters) belong to one column (paragraph
/// indents, centred lines).
const START_SLACK: usize = 5;
/// Most characters a paragraph's first line is set in from its column's
/// start (two ems, one more where `-layout` rounds the place).
const INDENT_CHARS: usize = 3;

/// The page re-read column by column when its lines hold several columns side
/// by side; `None` when they do not (the text is then used as it is).
pub fn unfold(text: &str) -> Option<String> {
    // Cheap first: a page without five lines holding a wide gap is not one.
    if lines_with_gaps(text, 5) < 5 {
        return None;
    }
    let chunks = chunks(text);
    if !side_by_side(&chunks) {
        return None;
    }
    let starts = column_starts(&chunks);
    if starts.len() < 2 {
        return None;
    }
    let step = row_step(&chunks, &starts);
    let blocks = blocks(&chunks, &starts, step);
    if blocks.len() > MAX_BLOCKS {
        // Not a newspaper page; ordering this many blocks is not worth it.
        return None;
    }
    let mut order = Vec::with_capacity(blocks.len());
    let all: Vec<usize> = (0..blocks.len()).collect();
    let seams = Seams::of(&blocks);
    cut(&blocks, &starts, all, step, Some(&seams), &mut order);
    let mut out = String::with_capacity(text.len());
    for (n, &b) in order.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let large = blocks[b].large_lines(step);
        for i in 0..blocks[b].lines.len() {
            if i > 0 && i == large {
                out.push('\n');
            }
            // A headline's last line right over its text is given as it
            // is, without an indent.
            if i + 1 == large && blocks[b].rows[i] + step == blocks[b].rows[i + 1] {
                out.push_str(&blocks[b].lines[i]);
            } else {
                out.push_str(&blocks[b].line(i));
            }
            out.push('\n');
        }
    }
    Some(out)
}

/// How many lines (at most `enough`) hold a gap of three spaces between
/// their first and last characters, or start [`FAR_IN`] spaces in or more:
/// one search over the whole text, not one per line.
fn lines_with_gaps(text: &str, enough: usize) -> usize {
    let mut found = 0;
    let mut from = 0;
    // (A vectorised search for the gap: much faster than `str::find` over
    // a page without one.)
    let gap = memchr::memmem::Finder::new(b"   ");
    while found < enough
        && let Some(k) = gap.find(&text.as_bytes()[from..])
    {
        let at = from + k;
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = text[start..end].strip_suffix('\r').unwrap_or(&text[start..end]);
        // A line set far in (a column's line on a row of its own) counts too.
        let far_in = line.chars().take_while(|&c| c == ' ').count() >= FAR_IN;
        if line.trim().contains("   ") || far_in {
            found += 1;
        }
        if end == text.len() {
            break;
        }
        from = end + 1;
    }
    found
}

/// Fewest spaces before a line's text for the line to be set in another
/// column than the page's first (a paragraph's indent is fewer).
const FAR_IN: usize = 8;

/// Cuts every line at runs of two or more spaces.
fn chunks(text: &str) -> Vec<Chunk<'_>> {
    let mut out = Vec::new();
    for (row, line) in text.lines().enumerate() {
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i].1 == ' ' {
                i += 1;
                continue;
            }
            // A chunk runs to the next run of two spaces (or a tab).
            let first = i;
            let mut last = i;
            while i < chars.len() {
                let c = chars[i].1;
                if c == '\t' || (c == ' ' && chars.get(i + 1).is_none_or(|&(_, n)| n == ' ')) {
                    break;
                }
                if c != ' ' {
                    last = i;
                }
                i += 1;
            }
            let from = chars[first].0;
            let to = chars[last].0 + chars[last].1.len_utf8();
            out.push(Chunk { row, start: first, end: last + 1, text: &line[from..to] });
        }
    }
    out
}

/// Whether the page sets columns side by side: at least five lines, and a
/// quarter of the lines with text, hold two chunks of Chinese text apart;
/// or [`BAND_ROWS`] lines do (a band of columns side by side over or under
/// one wide article, which holds most of the page's lines). Two columns
/// whose baselines alternate come out on every other row, one chunk a row:
/// a line of Chinese text that lies clear of the lines right above and right
/// under it (each wholly left or right of it) counts as holding two too.
fn side_by_side(chunks: &[Chunk<'_>]) -> bool {
    let han = |s: &str| s.chars().filter(|&c| super::normalize::is_han(c)).count() >= 2;
    // Per row with text: its row, where its text starts and ends, and how
    // many chunks of Chinese text it holds.
    let mut rows: Vec<(usize, usize, usize, usize)> = Vec::new();
    for c in chunks {
        match rows.last_mut() {
            Some(r) if r.0 == c.row => {
                r.1 = r.1.min(c.start);
                r.2 = r.2.max(c.end);
                r.3 += usize::from(han(c.text));
            }
            _ => rows.push((c.row, c.start, c.end, usize::from(han(c.text)))),
        }
    }
    // Whether rows `a` and `b` are next to each other, both with Chinese
    // text, one wholly left of the other (two characters apart at least).
    let clear = |a: &(usize, usize, usize, usize), b: &(usize, usize, usize, usize)| {
        a.0 + 1 == b.0 && a.3 > 0 && b.3 > 0 && (a.2 + 2 <= b.1 || b.2 + 2 <= a.1)
    };
    let split = (0..rows.len())
        .filter(|&i| {
            rows[i].3 >= 2
                || (i > 0 && clear(&rows[i - 1], &rows[i]))
                || (i + 1 < rows.len() && clear(&rows[i], &rows[i + 1]))
        })
        .count();
    let rows = rows.len();
    split >= 5 && (split * 4 >= rows || split >= BAND_ROWS)
}

/// Fewest lines holding two chunks of Chinese text apart that make a page
/// one with columns side by side, however many other lines it has.
const BAND_ROWS: usize = 6;

/// Column starts: the places where most chunks start, at least
/// [`COLUMN_CHUNKS`] of them; a paragraph's indent or a centred line a few
/// characters in counts for the column it is in.
fn column_starts(chunks: &[Chunk<'_>]) -> Vec<usize> {
    let mut count: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for c in chunks {
        *count.entry(c.start).or_default() += 1;
    }
    // Each place with the chunks starting there and the few characters
    // after it (indents); the most used exact places are taken first.
    let mut by_count: Vec<(usize, usize, usize)> = count
        .iter()
        .map(|(&at, &n)| (at, n, count.range(at..=at + START_SLACK).map(|(_, &m)| m).sum::<usize>()))
        .filter(|&(_, _, near)| near >= COLUMN_CHUNKS)
        .collect();
    by_count.sort_by_key(|&(at, n, near)| (std::cmp::Reverse(n), std::cmp::Reverse(near), at));
    let mut out: Vec<usize> = Vec::new();
    for (at, _, _) in by_count {
        if out.iter().all(|&s| s.abs_diff(at) > START_SLACK) {
            out.push(at);
        }
    }
    out.sort_unstable();
    // A column whose most used place is its paragraphs' indent (a short
    // item of few, wide lines): its flush lines start up to an indent
    // ([`INDENT_CHARS`]) left of it, where no column's indents reach, and
    // are at least half as many (a few lines set a character or two left by
    // the extractor's rounding are not).
    for i in 0..out.len() {
        let after_last = i.checked_sub(1).map_or(0, |j| out[j] + START_SLACK + 1);
        let from = out[i].saturating_sub(INDENT_CHARS).max(after_last);
        let here = count.get(&out[i]).copied().unwrap_or(0);
        let left: usize = count.range(from..out[i]).map(|(_, &n)| n).sum();
        let most = count.range(from..out[i]).max_by_key(|&(&p, &n)| (n, std::cmp::Reverse(p)));
        if let Some((&p, &n)) = most
            && n >= 2
            && left * 2 >= here
        {
            out[i] = p;
        }
    }
    if out.first().is_some_and(|&s| s > 0) {
        // Text left of the first column start still belongs to a column.
        out.insert(0, 0);
    }
    out
}

/// The column a position falls in.
fn column_of(starts: &[usize], pos: usize) -> usize {
    starts.iter().rposition(|&s| s <= pos + 1).unwrap_or(0)
}

/// How many rows apart a column's lines are: 1, or 2 on a page printed with
/// a blank line between every two lines.
fn row_step(chunks: &[Chunk<'_>], starts: &[usize]) -> usize {
    let mut last: Vec<Option<usize>> = vec![None; starts.len()];
    let (mut one, mut two) = (0usize, 0usize);
    for c in chunks {
        let col = column_of(starts, c.start);
        match last[col].map(|r| c.row - r) {
            Some(1) => one += 1,
            Some(2) => two += 1,
            _ => {}
        }
        last[col] = Some(c.row);
    }
    if two > one * 2 { 2 } else { 1 }
}

/// Whether the page's columns sit on baselines of their own: a column's next
/// line often comes more than one row under its last (with other columns'
/// text on the rows between), at least once for every [`APART_SHARE`] times
/// it comes right under it. Blank rows on such a page come from baselines
/// too, not only from space between items.
fn baselines_apart(chunks: &[Chunk<'_>], starts: &[usize], step: usize) -> bool {
    let rows = chunks.last().map_or(0, |c| c.row + 1);
    let mut filled = vec![false; rows];
    for c in chunks {
        filled[c.row] = true;
    }
    let mut last: Vec<Option<usize>> = vec![None; starts.len()];
    let (mut next, mut apart) = (0usize, 0usize);
    for c in chunks {
        let col = column_of(starts, c.start);
        if let Some(r) = last[col] {
            let gap = c.row - r;
            if gap == step {
                next += 1;
            } else if gap > step && gap <= step * (1 + SKIP_ROWS) && filled[c.row - step] {
                apart += 1;
            }
        }
        last[col] = Some(c.row);
    }
    apart * APART_SHARE >= next && apart > 0
}

/// See [`baselines_apart`].
const APART_SHARE: usize = 8;
/// Fewest rows without a column's text before a line that stands apart from
/// the next for that line to start a block of its own (see [`blocks`]).
const APART_ROWS: usize = 4;
/// Most lines of large type (a headline) that `pdftotext -layout` prints with
/// blank rows between them and the loader still reads as one block.
const LARGE_LINES: usize = 3;
/// Most rows between two lines of one headline in large type.
const LARGE_ROWS: usize = 12;

/// For each chunk, how many rows below it the next chunk starting in its
/// column is (`usize::MAX` when none is).
fn next_gaps(chunks: &[Chunk<'_>], starts: &[usize]) -> Vec<usize> {
    let mut out = vec![usize::MAX; chunks.len()];
    let mut below: Vec<Option<usize>> = vec![None; starts.len()];
    for (i, c) in chunks.iter().enumerate().rev() {
        let col = column_of(starts, c.start);
        if let Some(r) = below[col] {
            out[i] = r - c.row;
        }
        if below[col].is_none_or(|r| r > c.row) {
            below[col] = Some(c.row);
        }
    }
    out
}

/// Blocks: each column's consecutive chunks; a chunk reaching past the next
/// column's start is a block of its own across those columns.
fn blocks(chunks: &[Chunk<'_>], starts: &[usize], step: usize) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    // The open block of each column, by index into `blocks`.
    let mut open: Vec<Option<usize>> = vec![None; starts.len()];
    // The block each column had before blank rows closed it.
    let mut closed: Vec<Option<usize>> = vec![None; starts.len()];
    let mut last_row = None;
    // The last block of one line across columns.
    let mut wide: Option<usize> = None;
    let next_gap = next_gaps(chunks, starts);
    // The first chunk on or after each row.
    let rows = chunks.last().map_or(0, |c| c.row + 1);
    let mut row_first = vec![chunks.len(); rows + 1];
    for (i, c) in chunks.iter().enumerate().rev() {
        row_first[c.row] = i;
    }
    for r in (0..rows).rev() {
        row_first[r] = row_first[r].min(row_first[r + 1]);
    }
    // Whether row `r` holds no text.
    let empty = |r: usize| r >= rows || row_first[r] == row_first[r + 1];
    // Whether any chunk on rows `from..to` overlaps columns `a..b`.
    let crossed = |from: usize, to: usize, (a, b): (usize, usize)| {
        chunks[row_first[from.min(rows)]..row_first[to.min(rows)]].iter().any(|x| x.start < b && x.end > a)
    };
    // The rows where chunks start in each column: a column start counts
    // only where the page uses it (boxes set in other column grids elsewhere
    // on the page do not cut this box's lines).
    let mut used: Vec<Vec<usize>> = vec![Vec::new(); starts.len()];
    // Only chunks that start at a column's start use it: a signatory set
    // right, or a line centred in a wide box, inside another grid's column
    // does not; nor does one that happens to start at a column's start
    // inside a box ([`set_inside`]).
    let inside = set_inside(chunks, &row_first);
    for (c, &inside) in chunks.iter().zip(&inside) {
        let k = column_of(starts, c.start);
        if c.start <= starts[k] + START_SLACK && inside == 0 {
            used[k].push(c.row);
        }
    }
    let near = |k: usize, row: usize| {
        let rows = &used[k];
        let i = rows.partition_point(|&r| r + NEAR_ROWS < row);
        rows.get(i).is_some_and(|&r| r <= row + NEAR_ROWS)
    };
    let blank_rows = if baselines_apart(chunks, starts, step) { BLANK_ROWS } else { 0 };
    for (ci, c) in chunks.iter().enumerate() {
        if last_row.is_some_and(|r| c.row > r + step * (1 + blank_rows)) {
            // Blank lines (more than the page puts between its lines) close every block.
            for (o, was) in open.iter_mut().zip(closed.iter_mut()) {
                if o.is_some() {
                    *was = o.take();
                }
            }
        }
        last_row = Some(c.row);
        // A chunk off its column's start where that column is not in use
        // belongs to the nearest column left of it that is (set right or
        // centred in a box wider than the columns beside it).
        let at = column_of(starts, c.start);
        let left = (0..=at).rev().find(|&k| near(k, c.row)).unwrap_or(at);
        // A short line without punctuation (a name, a date) set flush right inside
        // a box wider than its column, right under the box's last line,
        // with no text of the column it starts in over it: the box's
        // signatory or date, not a line of the column it reaches into.
        if let Some(b) = boxed(&blocks, &open, wide, starts, c, at, step) {
            let w = &mut blocks[b];
            w.bottom = c.row;
            w.lines.push(c.text.to_string());
            w.offsets.push(c.start.saturating_sub(starts[w.left]));
            w.rows.push(c.row);
            continue;
        }
        let reach = column_of(starts, c.end.saturating_sub(2)).max(left);
        let right = (left + 1..=reach).rev().find(|&k| near(k, c.row)).unwrap_or(left);
        // A headline centred over an item's columns, whose text starts under
        // it in columns left and right of it: a line across those columns,
        // read before them (also when it reaches past a column start itself:
        // it spans the columns its text starts in under it, not only those).
        let (left, right) = {
            let fresh = |x: &Chunk<'_>| open[column_of(starts, x.start)].is_none();
            // (The last line across columns sets nothing over a line centred
            // under it: a headline over its subtitle, `——北京纪实`.)
            let across = wide.map(|b| (blocks[b].bottom, blocks[b].span));
            let crossed = |from: usize, to: usize, (a, b): (usize, usize)| {
                chunks[row_first[from.min(rows)]..row_first[to.min(rows)]]
                    .iter()
                    .any(|x| x.start < b && x.end > a && across != Some((x.row, (x.start, x.end))))
            };
            centred_over(chunks, &row_first, ci, step, right > left, &crossed, &fresh).map_or(
                (left, right),
                |(lo, hi)| {
                    let l = (0..=column_of(starts, lo)).rev().find(|&k| near(k, c.row + step)).unwrap_or(left);
                    (l.min(left), column_of(starts, hi.saturating_sub(2)).max(right))
                },
            )
        };
        // A line under a line across columns, starting where it starts,
        // carries it on when it crosses the same columns too, when the
        // columns it crosses hold no text here, or when it ends a sentence
        // under two lines or more across them, or under one line of text
        // (two commas or more; a headline has few) across them (a
        // paragraph's short last line): one article set across them.
        let carried = wide.filter(|&b| {
            let w = &blocks[b];
            w.left == left
                && w.bottom + step == c.row
                && c.start + START_SLACK >= w.span.0
                && c.start <= w.span.0 + START_SLACK
                && (right > left
                    || reach > left
                    || !(left + 1..=w.right).any(|k| near(k, c.row))
                    || ((w.lines.len() > 1 || w.lines.last().is_some_and(|l| l.matches(['，', '、']).count() >= 2))
                        && c.text.ends_with(STOPS)))
        });
        if let Some(b) = carried {
            for k in left..=reach.max(right) {
                open[k] = None;
                closed[k] = None;
            }
            let offset = c.start.saturating_sub(starts[left]);
            let w = &mut blocks[b];
            w.right = w.right.max(right);
            w.pitch = step;
            w.tight = true;
            w.bottom = c.row;
            w.lines.push(c.text.to_string());
            w.offsets.push(offset);
            w.rows.push(c.row);
            w.span = (c.start, c.end);
            w.far = w.far.max(c.end);
            continue;
        }
        if right > left {
            for k in left..=right {
                open[k] = None;
                closed[k] = None;
            }
            blocks.push(Block::one_line(c.row, left, right, c, 0));
            wide = Some(blocks.len() - 1);
            continue;
        }
        let offset = c.start.saturating_sub(starts[left]);
        // Whether the chunk stands apart from the next line of its column
        // by more rows than `b`'s lines are apart.
        let isolated = |b: &Block| next_gap[ci] > b.pitch.max(step);
        let mut target = match open[left] {
            Some(b) if blocks[b].bottom + step * (1 + SKIP_ROWS) >= c.row => {
                let block = &blocks[b];
                let gap = c.row - block.bottom;
                // Rows without the column's text, more than twice as many as
                // its lines are apart, before a line that stands apart from
                // the next: a line of large type (a headline) under the end of
                // another item's text, not that text running on.
                let mut parted = block.pitch > 0 && gap >= APART_ROWS && gap > 2 * block.pitch && isolated(block);
                // A headline ends no sentence: a line that does, set flush
                // at the column's start under a column whose last line runs
                // to its far edge mid-sentence, is the end of that sentence
                // set on a baseline rows further down (beside large type in
                // the next column), not a line of large type.
                parted &= !(super::lines::is_sentence_end(c.text)
                    && offset <= 1
                    && block.tight
                    && block.span.1 + 1 >= block.edge(starts[left])
                    && block.lines.last().is_some_and(|l| !super::lines::is_sentence_end(l)));
                // After rows without the column's text, a line reaching past
                // the next column's start, which no line of a block of
                // running text reached: a headline over several columns.
                // After rows without the column's text, a line of Chinese
                // reaching past the edge where the lines of running text
                // above it end ([`Block::edge`]; a line of theirs holding
                // digits reaches further): a headline in larger type.
                parted |= block.tight
                    && gap >= APART_ROWS
                    && gap > 2 * block.pitch
                    && c.end > block.edge(starts[left])
                    && !c.text.chars().any(|ch| ch.is_ascii_alphanumeric());
                let text = block.tight || block.lines.len() > LARGE_LINES;
                parted |= text
                    && gap > step
                    && c.end > block.text_edge() + 2
                    && starts[left + 1..].iter().any(|&s| block.text_edge() <= s && c.end > s);
                (!parted).then_some(b)
            }
            _ => None,
        };
        // A block parted from the line above is still open to lines of
        // large type.
        if target.is_none() {
            target = closed[left].or(open[left]).filter(|&b| {
                // Lines of large type: `pdftotext -layout` leaves blank rows
                // (or more rows than a column skips) between them. A block
                // of a few lines each set apart from the last goes on with a
                // line set apart from the next, or with a headline's short
                // last line, when nothing on the rows between them crosses
                // either.
                let block = &blocks[b];
                let large = !block.tight && (next_gap[ci] > step || c.row - block.bottom >= APART_ROWS);
                (large || block.takes_tail(c, step))
                    && block.lines.len() <= LARGE_LINES
                    && c.row > block.bottom
                    && c.row <= block.bottom + LARGE_ROWS
                    && !crossed(block.bottom + 1, c.row, block.span)
                    && !crossed(block.bottom + 1, c.row, (c.start, c.end))
            });
        }
        // A blank row (where a photo or large type elsewhere sets no
        // baseline) cuts a column's running text mid-sentence: a block whose
        // last line runs to its far edge ([`Block::edge`], where most of its
        // lines end) without ending a sentence goes on
        // with a line set flush at its column's start within
        // [`RUN_ON_ROWS`] rows, as wide as its lines (or a paragraph's last
        // line, ending a sentence), when nothing on the rows between
        // crosses the column. (More rows part the page into bands; a
        // shorter line there is a headline.)
        if target.is_none() {
            target = closed[left].filter(|&b| {
                let block = &blocks[b];
                if !block.tight || block.lines.len() < 2 {
                    return false;
                }
                // (Where most of its lines end: one holding digits reaches
                // past it.)
                let edge = block.edge(starts[left]);
                block.span.1 + 1 >= edge
                    && block
                        .lines
                        .last()
                        .is_some_and(|l| !l.ends_with(['。', '！', '？', '”', '；', '：', '…', '）', ')']))
                    && offset <= 1
                    && c.row > block.bottom
                    && c.row <= block.bottom + step * RUN_ON_ROWS
                    && c.end <= block.far + 2
                    && (c.end + 1 >= edge || c.text.ends_with(STOPS))
                    && !crossed(block.bottom + 1, c.row, (block.span.0, block.far))
                    // Two blank rows in a row part the page into bands.
                    && !(block.bottom + 1..c.row).any(|r| r + 1 < c.row && empty(r) && empty(r + 1))
            });
        }
        match target {
            Some(b) => {
                let block = &mut blocks[b];
                block.far = block.far.max(c.end);
                if block.bottom == c.row {
                    // Two chunks of one line in one column: one line again.
                    if let Some(l) = block.lines.last_mut() {
                        l.push(' ');
                        l.push_str(c.text);
                    }
                } else {
                    if c.row - block.bottom <= step {
                        block.text_far = block.text_far.max(block.span.1).max(c.end);
                    }
                    block.pitch = c.row - block.bottom;
                    block.tight |= block.pitch <= step;
                    block.bottom = c.row;
                    block.lines.push(c.text.to_string());
                    block.offsets.push(offset);
                    block.rows.push(c.row);
                    block.span = (c.start, c.end);
                }
                open[left] = Some(b);
                closed[left] = None;
            }
            None => {
                blocks.push(Block::one_line(c.row, left, right, c, offset));
                open[left] = Some(blocks.len() - 1);
                closed[left] = None;
            }
        }
    }
    blocks
}

/// For each chunk, whether it is a short run of text without punctuation
/// (a name, a date: at most [`SIGN_CHARS`] characters) set inside a box:
/// the nearest line above it (within [`NEAR_ROWS`] rows) that reaches over
/// it starts more than [`START_SLACK`] characters left of it (1: the
/// box's text runs on over it, a notice's signatory set right), or is
/// such a run itself (2: the date under the signatory). 0 otherwise.
/// Such a run starts no column, whatever column start it falls on.
fn set_inside(chunks: &[Chunk<'_>], row_first: &[usize]) -> Vec<u8> {
    let mut inside = vec![0u8; chunks.len()];
    for (i, c) in chunks.iter().enumerate() {
        if c.text.chars().count() > SIGN_CHARS || c.text.chars().any(|ch| "，。、；：！？,;:“”".contains(ch))
        {
            continue;
        }
        for r in (c.row.saturating_sub(NEAR_ROWS)..c.row).rev() {
            let over = (row_first[r]..row_first[r + 1]).find(|&j| chunks[j].start < c.end && chunks[j].end > c.start);
            if let Some(j) = over {
                inside[i] = if chunks[j].start + START_SLACK < c.start {
                    1
                } else if inside[j] == 1 {
                    2
                } else {
                    0
                };
                break;
            }
        }
    }
    inside
}

/// Most characters of a signatory or date set inside a box ([`set_inside`]).
const SIGN_CHARS: usize = 16;

/// The block chunk `c` (starting in column `at`) closes as a line set right
/// inside it: a block of three lines or more, one of its last two ending a
/// sentence (`特此公告。`, or that and the signatory over a date), open in a
/// column left of `at` (or the last line across columns), whose last line
/// ends at most two lines over `c`, whose text reaches past `c`'s start and
/// ends where `c` ends (two characters' slack), its last line starting more
/// than an indent left of `c`; `c` is a short run of text without
/// punctuation or quotes (a name, a date) at most half as wide as that box,
/// and column `at` holds no block running on over it.
fn boxed(
    blocks: &[Block],
    open: &[Option<usize>],
    wide: Option<usize>,
    starts: &[usize],
    c: &Chunk<'_>,
    at: usize,
    step: usize,
) -> Option<usize> {
    if c.text.chars().any(|ch| "，。、；：！？,;:“”".contains(ch)) {
        return None;
    }
    if open[at].is_some_and(|o| blocks[o].bottom + step * (1 + SKIP_ROWS) >= c.row) {
        return None;
    }
    let width = c.end - c.start;
    open[..at.min(open.len())]
        .iter()
        .flatten()
        .copied()
        .chain(wide)
        .filter(|&b| {
            let w = &blocks[b];
            let n = w.lines.len();
            w.left < at
                && n >= 3
                && w.lines[n - 2..].iter().any(|l| l.ends_with(STOPS))
                && w.bottom < c.row
                && c.row <= w.bottom + 2 * step
                && c.start > w.span.0 + START_SLACK
                && c.start < w.far
                && c.end + 2 >= w.far
                && width * 2 <= w.far.saturating_sub(w.span.0)
                && starts.get(w.left).is_some()
        })
        .max_by_key(|&b| blocks[b].bottom)
}

/// Where the columns under chunk `ci` start and end (characters) when it
/// is a headline centred over them (under it, maybe, its subtitle, or under
/// a kicker the headline; a headline reaching past a column start (`across`) already stands
/// alone on its row over text running on from column to column): nothing is set on the two rows over it
/// (nor over those columns, whose blocks are closed, as its own column's
/// is; `crossed` tells, and passes over a line across columns right over
/// it, a headline over its centred subtitle), it does not end a sentence,
/// the next row with
/// text (within two rows) starts text in a column left of it, and the text
/// starting there spans it with it near the middle, no other chunk on its
/// row reaching into that span.
fn centred_over(
    chunks: &[Chunk<'_>],
    row_first: &[usize],
    ci: usize,
    step: usize,
    across: bool,
    crossed: &dyn Fn(usize, usize, (usize, usize)) -> bool,
    fresh: &dyn Fn(&Chunk<'_>) -> bool,
) -> Option<(usize, usize)> {
    let c = &chunks[ci];
    if !fresh(c) {
        return None;
    }
    if c.text.ends_with(STOPS) || c.text.chars().count() < 4 {
        return None;
    }
    let above = c.row.saturating_sub(2 * step);
    // (At the top of the page a column's first line may stand alone on
    // its row.)
    if c.row < 2 * step || crossed(above, c.row, (c.start.saturating_sub(START_SLACK), c.end + START_SLACK)) {
        return None;
    }
    let rows = row_first.len() - 1;
    let first_under = |from: usize| {
        (from + 1..=(from + 2 * step).min(rows.saturating_sub(1))).find(|&r| row_first[r] < row_first[r + 1])
    };
    let mut next = first_under(c.row)?;
    // A subtitle centred under it, or the headline under a kicker (a row
    // of one piece starting right of its start or reaching under it, not
    // ending a sentence): the columns start under that.
    for _ in 0..2 {
        let under = &chunks[row_first[next]..row_first[next + 1]];
        if let [x] = under
            && (x.start + START_SLACK >= c.start || x.end > c.start)
            && !x.text.ends_with(STOPS)
        {
            next = first_under(next)?;
        } else {
            break;
        }
    }
    let fresh: Vec<&Chunk<'_>> = chunks[row_first[next]..row_first[next + 1]]
        .iter()
        .filter(|x| fresh(x) && !crossed(above, c.row, (x.start, x.end)))
        .collect();
    if !fresh.iter().any(|x| x.end + 2 <= c.start) {
        return None;
    }
    let lo = fresh.iter().map(|x| x.start).min()?;
    let hi = fresh.iter().map(|x| x.end).max()?;
    let (mid, span) = (c.start + c.end, hi - lo);
    let centred = lo <= c.start && c.end <= hi && lo * 4 + span <= mid * 2 && mid * 2 <= lo * 4 + span * 3;
    let alone = chunks[row_first[c.row]..row_first[c.row + 1]]
        .iter()
        .all(|x| std::ptr::eq(x, c) || x.end <= lo || x.start >= hi);
    // A headline that reaches past a column start itself stands alone on
    // its row, and the text under it runs on from column to column, no gap
    // between its pieces wider than the headline.
    let alone = alone && (!across || row_first[c.row + 1] - row_first[c.row] == 1);
    let mut starts: Vec<(usize, usize)> = fresh.iter().map(|x| (x.start, x.end)).collect();
    starts.sort_unstable();
    let joined = !across || starts.windows(2).all(|w| w[1].0 < w[0].1 + (c.end - c.start));
    (centred && alone && joined).then_some((lo, hi))
}

/// What tells that a block reads on from the block before it: the
/// character pairs the page prints within its lines.
struct Seams {
    seen: rustc_hash::FxHashSet<(char, char)>,
}

impl Seams {
    /// The pairs of Han characters printed next to each other on the page.
    fn of(blocks: &[Block]) -> Seams {
        let mut seen = rustc_hash::FxHashSet::default();
        for b in blocks {
            for l in &b.lines {
                let mut prev: Option<char> = None;
                for c in l.chars() {
                    if let Some(p) = prev {
                        seen.insert((p, c));
                    }
                    prev = super::normalize::is_han(c).then_some(c);
                }
            }
        }
        Seams { seen }
    }

    /// Whether block `q` carries on the text of block `p` read right before
    /// it: `p` is running text (two lines or more; a headline's line alone
    /// carries nothing on) whose last line stops mid-sentence, and `q` (two
    /// lines or more too) goes on flush at
    /// its column's start with the word cut at the seam (the pair of
    /// characters across it printed elsewhere on the page) or with
    /// punctuation that only follows text.
    fn reads_on(&self, p: &Block, q: &Block) -> bool {
        let (Some(last), Some(first)) = (p.lines.last(), q.lines.first()) else { return false };
        if p.lines.len() < 2 || q.lines.len() < 2 || q.offsets.first().is_some_and(|&o| o >= 2) {
            return false;
        }
        if super::lines::is_sentence_end(last) {
            return false;
        }
        first.starts_with(['，', '。', '、', '；', '：', '？', '！', '）', '”', '》'])
            || match (last.chars().last(), first.chars().next()) {
                (Some(a), Some(b)) => {
                    super::normalize::is_han(a) && super::normalize::is_han(b) && self.seen.contains(&(a, b))
                }
                _ => false,
            }
    }

    /// How many blocks of `order` carry on the text of the block before.
    fn carried(&self, blocks: &[Block], order: &[usize]) -> usize {
        order.windows(2).filter(|w| self.reads_on(&blocks[w[0]], &blocks[w[1]])).count()
    }
}

/// Where `ids` (sorted by top row) part into blocks above and below more
/// than `gap` blank rows that no block straddles: the first below.
///
/// Blank rows under nothing but short blocks (headlines set over their
/// columns, a banner) do not part bands: the headlines belong to the
/// columns under them.
fn row_cut(blocks: &[Block], ids: &[usize], gap: usize) -> Option<usize> {
    let mut bottom = blocks[*ids.first()?].bottom;
    let mut tallest = blocks[ids[0]].lines.len();
    for (k, &i) in ids.iter().enumerate().skip(1) {
        if blocks[i].top > bottom + gap && (gap == 0 || tallest >= 3) {
            return Some(k);
        }
        bottom = bottom.max(blocks[i].bottom);
        tallest = tallest.max(blocks[i].lines.len());
    }
    None
}

/// How a column boundary splits a part of the page: whether a side then
/// parts into bands, and how evenly (columns on the smaller side).
type CutScore = (bool, usize);

/// Orders `ids` by recursive cuts: above blank rows no block crosses before
/// below them (a band of the page); then left of a column boundary no block
/// crosses before right of it; then above a row boundary before below it.
/// With `seams`, of several column boundaries the one whose order (each
/// side ordered without them) carries the most columns on across their
/// feet ([`Seams::carried`]) is taken, ties going as without them (a side
/// that parts into bands, then the most even); without them, as in ties.
fn cut(
    blocks: &[Block],
    starts: &[usize],
    mut ids: Vec<usize>,
    step: usize,
    seams: Option<&Seams>,
    out: &mut Vec<usize>,
) {
    if ids.len() <= 1 {
        out.extend(ids);
        return;
    }
    ids.sort_by_key(|&i| (blocks[i].top, blocks[i].left));
    // Blank rows no block straddles part the page into bands.
    if let Some(k) = row_cut(blocks, &ids, step) {
        let below = ids.split_off(k);
        cut(blocks, starts, ids, step, seams, out);
        cut(blocks, starts, below, step, seams, out);
        return;
    }
    // A vertical cut: a column boundary no block straddles. Of several, the
    // one after which a side parts into bands (two articles stacked in two
    // columns beside a third), else the most even.
    let lo = ids.iter().map(|&i| blocks[i].left).min().unwrap_or(0);
    let hi = ids.iter().map(|&i| blocks[i].right).max().unwrap_or(0);
    let mut best: Option<(usize, CutScore)> = None;
    let mut valid: Vec<(usize, CutScore)> = Vec::new();
    for gap in lo..hi {
        // A block left of the boundary whose lines run on past the next
        // column's start (an article set across columns where the column
        // beside it holds no text) crosses it too.
        let over = |i: usize| starts.get(gap + 1).is_some_and(|&s| blocks[i].far > s);
        if ids.iter().all(|&i| (blocks[i].right <= gap && !over(i)) || blocks[i].left > gap) {
            let (left, right): (Vec<usize>, Vec<usize>) = ids.iter().partition(|&&i| blocks[i].right <= gap);
            let bands = |side: &[usize]| {
                let mut side = side.to_vec();
                side.sort_by_key(|&i| (blocks[i].top, blocks[i].left));
                row_cut(blocks, &side, step).is_some()
            };
            let score = (bands(&left) || bands(&right), (gap + 1 - lo).min(hi - gap));
            valid.push((gap, score));
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((gap, score));
            }
        }
    }
    // Of several, the one whose reading order carries the most columns on
    // across their feet (see [`Seams`]): a column cut mid-sentence goes on
    // at the top of the column read after it.
    if let Some(seams) = seams
        && valid.len() > 1
    {
        let order_with = |gap: usize| {
            let (left, right): (Vec<usize>, Vec<usize>) = ids.iter().partition(|&&i| blocks[i].right <= gap);
            let mut o = Vec::with_capacity(ids.len());
            cut(blocks, starts, left, step, None, &mut o);
            cut(blocks, starts, right, step, None, &mut o);
            o
        };
        let mut chosen: Option<(usize, (usize, CutScore))> = None;
        for &(gap, score) in &valid {
            let key = (seams.carried(blocks, &order_with(gap)), score);
            if chosen.is_none_or(|(_, k)| key > k) {
                chosen = Some((gap, key));
            }
        }
        best = chosen.map(|(gap, (_, score))| (gap, score));
    }
    if let Some((gap, _)) = best {
        let (left, right): (Vec<usize>, Vec<usize>) = ids.into_iter().partition(|&i| blocks[i].right <= gap);
        cut(blocks, starts, left, step, seams, out);
        cut(blocks, starts, right, step, seams, out);
        return;
    }
    // Else the first row boundary no block straddles (a headline right
    // above its columns).
    if let Some(k) = row_cut(blocks, &ids, 0) {
        let below = ids.split_off(k);
        cut(blocks, starts, ids, step, seams, out);
        cut(blocks, starts, below, step, seams, out);
        return;
    }
    // No cut: top to bottom, left to right.
    out.extend(ids);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_with_gaps_counts_as_a_search_line_by_line_would() {
        let by_line = |text: &str, enough: usize| {
            text.lines()
                .filter(|l| l.trim().contains("   ") || l.chars().take_while(|&c| c == ' ').count() >= FAR_IN)
                .count()
                .min(enough)
        };
        let cases = [
            "",
            "甲文   乙文",
            "甲文   乙文\n丙文\n丁文    戊文\n",
            "        远远设在右边的一行\n  缩进\n尾部空格   \n",
            "甲   乙\r\n丙   丁\r\n",
            SIDE_BY_SIDE,
        ];
        for text in cases {
            for enough in [1, 2, 5] {
                assert_eq!(lines_with_gaps(text, enough), by_line(text, enough), "{text:?} {enough}");
            }
        }
    }

    /// Two articles side by side, each over two columns, as `pdftotext -layout` prints them.
    const SIDE_BY_SIDE: &str = r"  甲标题在这里                              乙标题在这里
甲文第一行内容甚多      甲文第四行内容      乙文第一行内容      乙文第四行内容
甲文第二行内容甚多      甲文第五行内容      乙文第二行内容      乙文第五行内容
甲文第三行完。          甲文第六行完。      乙文第三行完。      乙文第六行完。

丙标题            丁标题
丙文第一行内容        丁文第一行内容
丙文第二行完。        丁文第二行完。
";

    #[test]
    fn columns_side_by_side_are_read_one_after_another() {
        let text = unfold(SIDE_BY_SIDE).unwrap_or_default();
        let order: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            order,
            [
                "甲标题在这里",
                "甲文第一行内容甚多",
                "甲文第二行内容甚多",
                "甲文第三行完。",
                "甲文第四行内容",
                "甲文第五行内容",
                "甲文第六行完。",
                "乙标题在这里",
                "乙文第一行内容",
                "乙文第二行内容",
                "乙文第三行完。",
                "乙文第四行内容",
                "乙文第五行内容",
                "乙文第六行完。",
                "丙标题",
                "丙文第一行内容",
                "丙文第二行完。",
                "丁标题",
                "丁文第一行内容",
                "丁文第二行完。",
            ]
        );
    }

    #[test]
    fn a_paragraph_indent_inside_a_column_is_kept() {
        let page = [
            "   甲文第一段开头   乙文第一行内容",
            "甲文第一段末行。    乙文第二行内容",
            "   甲文第二段开头   乙文第三行内容",
            "甲文第二段第二行    乙文第四行内容",
            "甲文第二段完。      乙文第五行完。",
            "",
            "   一个标题在此",
        ]
        .join("\n");
        let text = unfold(&page).unwrap_or_default();
        let lines: Vec<&str> = text.lines().filter(|l| l.contains('甲') || l.contains('标')).collect();
        assert_eq!(
            lines,
            [
                "  甲文第一段开头",
                "甲文第一段末行。",
                "  甲文第二段开头",
                "甲文第二段第二行",
                "甲文第二段完。",
                "一个标题在此"
            ]
        );
    }

    #[test]
    fn a_column_cut_mid_sentence_by_a_blank_row_runs_on_under_it() {
        // A blank row across the page (`-layout` leaves one where a photo
        // or large type elsewhere on the page sets no baseline): each
        // column's last line over it runs to the column's edge
        // mid-sentence, and its text goes on under the blank row.
        let page = [
            "  春耕时节田野忙",
            "村民们一早来到田间，      大家整地播种施肥浇水",
            "翻地平整忙个不停。今      样样不落下，田间一派",
            "年村里的合作社添置了      繁忙景象。种粮大户老",
            "多台新农机，合作社的      王告诉记者，他家今年",
            "农机手驾驶着新购入的      种了两百亩玉米。大家",
            "",
            "拖拉机往来穿梭，帮助      说今年墒情好，丰收有",
            "农户抢抓农时。         盼头。",
        ]
        .join("\n");
        let text = unfold(&page).unwrap_or_default();
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let at = |l: &str| lines.iter().position(|x| *x == l).unwrap_or(usize::MAX);
        assert_eq!(at("拖拉机往来穿梭，帮助"), at("农机手驾驶着新购入的") + 1, "{lines:?}");
        assert_eq!(at("农户抢抓农时。"), at("拖拉机往来穿梭，帮助") + 1, "{lines:?}");
        assert_eq!(at("大家整地播种施肥浇水"), at("农户抢抓农时。") + 1, "{lines:?}");
        assert_eq!(at("说今年墒情好，丰收有"), at("种了两百亩玉米。大家") + 1, "{lines:?}");
    }

    #[test]
    fn a_line_holding_digits_does_not_widen_the_edge_a_column_runs_on_from() {
        // The left column's third line holds a year, which `-layout` sets
        // three characters wider than the column's other lines; its last
        // line over the blank row still runs to the column's edge
        // mid-sentence, and its text goes on under the blank row.
        let rows = [
            ("村民们一早来到田间，", "大家整地播种施肥浇水"),
            ("翻地平整忙个不停。今", "样样不落下，田间一派"),
            ("年村里2023年添置的新农", "繁忙景象。种粮大户老"),
            ("机多台，合作社的农机", "王告诉记者，他家今年"),
            ("手驾驶着新购入的一台", "种了两百亩玉米。大家"),
            ("", ""),
            ("拖拉机往来穿梭，帮助", "说今年墒情好，丰收有"),
            ("农户抢抓农时。", "盼头。"),
        ];
        let mut page = vec!["  春耕时节田野忙".to_string()];
        for (left, right) in rows {
            let pad = if right.is_empty() { 0 } else { 16 - left.chars().count() };
            page.push(format!("{left}{}{right}", " ".repeat(pad)));
        }
        let text = unfold(&page.join("\n")).unwrap_or_default();
        assert!(groups(&text).iter().any(|g| g.contains("手驾驶着新购入的一台|拖拉机往来穿梭，帮助")), "{text}");
    }

    /// The lines of `text` between blank lines, each group joined by `|`.
    fn groups(text: &str) -> Vec<String> {
        text.split("\n\n").map(|g| g.lines().map(str::trim).collect::<Vec<_>>().join("|")).collect()
    }

    /// A box of two columns over a box set on the page's rows, whose right
    /// column's baselines sit between the left box's: each column's lines
    /// come out on every other row (with one blank row among them when
    /// `blank` is set).
    fn alternate_rows_page(blank: bool) -> String {
        let mut page = vec![
            "丁文第一行内容甚多                 戊文第一行内容",
            "丁文第二行内容甚多                 戊文第二行内容",
            "丁文第三行内容甚多                 戊文第三行内容",
            "丁文第四行内容甚多                 戊文第四行内容",
            "丁文第五行内容甚多                 戊文第五行内容",
            "丁文第六行内容甚多                 戊文第六行内容",
            "丁文第七行内容甚多                 戊文第七行内容",
            "",
            "",
            "甲文第一行内容     丙文第一行内容",
            "                          乙文第一行内容",
            "甲文第二行内容     丙文第二行内容",
            "                          乙文第二行内容",
            "甲文第三行完。     丙文第三行完。",
            "                          乙文第三行完。",
            "甲文第四行内容     丙文第四行内容",
            "                          乙文第四行内容",
            "甲文第五行完。     丙文第五行完。",
            "                          乙文第五行完。",
        ];
        if blank {
            page.insert(14, "");
        }
        page.join("\n")
    }

    /// The lower box's three columns, each whole, in reading order.
    const ALTERNATE_ROWS_COLUMNS: [&str; 3] = [
        "甲文第一行内容|甲文第二行内容|甲文第三行完。|甲文第四行内容|甲文第五行完。",
        "丙文第一行内容|丙文第二行内容|丙文第三行完。|丙文第四行内容|丙文第五行完。",
        "乙文第一行内容|乙文第二行内容|乙文第三行完。|乙文第四行内容|乙文第五行完。",
    ];

    #[test]
    fn columns_printed_on_alternate_rows_stay_whole() {
        let text = unfold(&alternate_rows_page(false)).unwrap_or_default();
        assert_eq!(groups(&text)[2..], ALTERNATE_ROWS_COLUMNS);
    }

    #[test]
    fn one_blank_row_between_alternate_rows_does_not_cut_the_columns() {
        let text = unfold(&alternate_rows_page(true)).unwrap_or_default();
        assert_eq!(groups(&text)[2..], ALTERNATE_ROWS_COLUMNS);
    }

    #[test]
    fn a_signatory_set_right_stays_with_its_notice() {
        // A notice as wide as two columns of the box under it, its
        // signatory and date set right, inside the second column's span.
        let page = [
            "某某局关于停水的通知全文在此                        乙文第一行内容",
            "通知第二行内容甚多通知第二行                        乙文第二行内容",
            "通知第三行完。                               乙文第三行内容",
            "                某某局办公室                乙文第四行内容",
            "               二〇二二年十月                乙文第五行完。",
            "",
            "",
            "",
            "",
            "丙文一行内容  丙文四行内容",
            "丙文二行内容  丙文五行内容",
            "丙文三行完。  丙文六行完。",
        ]
        .join("\n");
        let text = unfold(&page).unwrap_or_default();
        assert_eq!(
            groups(&text)[0],
            "某某局关于停水的通知全文在此|通知第二行内容甚多通知第二行|通知第三行完。|某某局办公室|二〇二二年十月"
        );
    }

    /// A row of `pieces`, each set at its place (in characters).
    fn row(pieces: &[(usize, &str)]) -> String {
        let mut out = String::new();
        for &(at, text) in pieces {
            let n = out.chars().count();
            out.push_str(&" ".repeat(at.saturating_sub(n).max(if n > 0 { 2 } else { 0 })));
            out.push_str(text);
        }
        out
    }

    #[test]
    fn a_signatory_on_a_column_start_does_not_cut_its_notice() {
        // A notice in one wide box beside a column: its signatory and date
        // set right fall on the start of a column of the box under it. The
        // notice's line reaching over that start, near the signatory, is
        // still a line of the notice (with its indent), not a line across
        // columns.
        let page = [
            row(&[(0, "某某局关于停水的通知"), (40, "乙文第一行内容甚多")]),
            row(&[(0, "  为做好停水工作，现将有关事项通知如下："), (40, "乙文第二行内容甚多")]),
            row(&[(0, "  一、自十月一日起全市停水一天请市民"), (40, "乙文第三行内容甚多")]),
            row(&[(0, "予以支持配合。"), (40, "乙文第四行内容甚多")]),
            row(&[(0, "  特此通知。"), (40, "乙文第五行完。")]),
            row(&[(18, "某某局办公室")]),
            row(&[(18, "二〇二二年十月")]),
            String::new(),
            String::new(),
            row(&[(0, "丙文一行内容甚多"), (18, "丁文一行内容甚多")]),
            row(&[(0, "丙文二行内容甚多"), (18, "丁文二行内容甚多")]),
            row(&[(0, "丙文三行完。"), (18, "丁文三行完。")]),
        ]
        .join("\n");
        let text = unfold(&page).unwrap_or_default();
        assert_eq!(
            groups(&text)[0],
            "某某局关于停水的通知|为做好停水工作，现将有关事项通知如下：|一、自十月一日起全市停水一天请市民|\
             予以支持配合。|特此通知。|某某局办公室|二〇二二年十月"
        );
        assert!(text.contains("\n  一、自十月一日起"), "{text}");
    }

    #[test]
    fn a_headline_under_the_end_of_another_item_starts_a_block() {
        // The right column's first item ends on row 3; five rows later
        // (the left column runs on beside them) comes the next item's
        // headline in large type, its lines two rows apart: a block of its
        // own, set apart from the item above and from its text below (on
        // rows next to each other).
        let mut page: Vec<String> = Vec::new();
        let right = [
            (0, "戊文第一行内容甚多"),
            (1, "戊文第二行内容甚多"),
            (2, "戊文第三行内容完。"),
            (8, "己标题第一行"),
            (10, "  己标题第二行"),
            (12, "己文第一行内容甚多"),
            (13, "己文第二行内容甚多"),
            (14, "己文第三行内容完。"),
        ];
        for row in 0..15 {
            let mut line = format!("丁文第{row:02}行内容甚多甚多");
            if let Some((_, text)) = right.iter().find(|(r, _)| *r == row) {
                line.push_str(&format!("        {text}"));
            }
            page.push(line);
        }
        let text = unfold(&page.join("\n")).unwrap_or_default();
        assert_eq!(
            groups(&text)[1..],
            [
                "戊文第一行内容甚多|戊文第二行内容甚多|戊文第三行内容完。",
                "己标题第一行|己标题第二行",
                "己文第一行内容甚多|己文第二行内容甚多|己文第三行内容完。"
            ]
        );
    }

    #[test]
    fn a_headline_wider_than_the_text_above_after_rows_without_it_starts_a_block() {
        // Column 甲's text stops on row 4 (a sentence left open) while 戊
        // beside it runs on; five rows later comes a headline whose first
        // line reaches a character past every line of 甲's text, its last
        // line right under it: a block of its own, not 甲 running on. A line
        // of text no wider than 甲's after the same gap still runs on.
        for (first, own) in [("乙标题第一行在此长", true), ("甲文第五行内容", false)] {
            let mut page = Vec::new();
            for row in 0..12 {
                let left = match row {
                    0..=4 => format!("甲文第{row}行内容"),
                    9 => first.to_string(),
                    10 => "乙标题末行".to_string(),
                    11 => "乙文第一行内容".to_string(),
                    _ => String::new(),
                };
                let pad = 16 - left.chars().count();
                page.push(format!("{left}{}戊文第{row:02}行内容甚多", " ".repeat(pad)));
            }
            let text = unfold(&page.join("\n")).unwrap_or_default();
            let groups = groups(&text);
            assert_eq!(groups[0].contains(first), !own, "{text}");
        }
    }

    #[test]
    fn a_headline_past_where_the_text_above_ends_starts_a_block_though_a_line_with_digits_reaches_it() {
        // Column 甲's third line holds a year, three characters wider than
        // its other lines; five rows under 甲's last line comes a headline
        // a character wider than those, its byline right under it: a block
        // of its own, not 甲 running on.
        let mut page = Vec::new();
        for row in 0..12 {
            let left = match row {
                2 => "甲文2024年行内容多".to_string(),
                0..=4 => format!("甲文第{row}行内容多"),
                9 => "乙标题第一行在此长".to_string(),
                10 => "□ 本报记者 某某".to_string(),
                11 => "乙文第一行内容多".to_string(),
                _ => String::new(),
            };
            let pad = 16 - left.chars().count();
            page.push(format!("{left}{}戊文第{row:02}行内容甚多", " ".repeat(pad)));
        }
        let text = unfold(&page.join("\n")).unwrap_or_default();
        assert!(!groups(&text)[0].contains("乙标题第一行在此长"), "{text}");
    }

    #[test]
    fn a_headline_in_large_type_stays_whole_across_blank_rows() {
        let page = [
            "丁文第一行内容甚多甚多        戊文第一行内容甚多",
            "丁文第二行内容甚多甚多        戊文第二行内容甚多",
            "丁文第三行内容甚多完。        戊文第三行内容完。",
            "",
            "                              己标题第一行",
            "",
            "                              己标题第二行",
            "",
            "庚文第一行内容甚多甚多        己文第一行内容甚多",
            "庚文第二行内容甚多甚多        己文第二行内容甚多",
            "庚文第三行内容甚多完。        己文第三行内容完。",
        ]
        .join("\n");
        let text = unfold(&page).unwrap_or_default();
        assert!(groups(&text).contains(&"己标题第一行|己标题第二行".to_string()), "{text}");
    }

    #[test]
    fn a_headline_line_right_over_its_text_stays_with_the_line_above() {
        // A headline in large type: its first line on row 0, then, five rows
        // under it (blank rows between, the column beside it running on),
        // the line right over its text. A short line that ends on no
        // punctuation is the headline's last line, given with the first;
        // a line as wide as the text, or one ending a sentence, is the
        // text's first line.
        let cases = [
            (" 丁标题末行", "丁标题第一行|丁标题末行", "丁文第1行"),
            ("丁文第0行内容甚多", "丁标题第一行", "丁文第0行内容甚多|丁文第1行"),
            (" 丁文短段。", "丁标题第一行", "丁文短段。|丁文第1行"),
        ];
        for (last, head, text_start) in cases {
            let right = |n: usize| format!("戊文第{n}行内容甚多");
            let mut page = vec![format!("丁标题第一行{}{}", " ".repeat(18), right(1))];
            page.extend((2..=3).map(|n| format!("{}{}", " ".repeat(24), right(n))));
            page.extend(["", ""].map(String::from));
            let pad = 24 - last.chars().count();
            page.push(format!("{last}{}{}", " ".repeat(pad), right(4)));
            page.extend((1..=5).map(|n| format!("丁文第{n}行内容甚多{}{}", " ".repeat(14), right(n + 4))));
            let text = unfold(&page.join("\n")).unwrap_or_default();
            let groups = groups(&text);
            assert_eq!(groups[0], head, "{text}");
            assert!(groups[1].starts_with(text_start), "{text}");
        }
    }

    #[test]
    fn an_article_under_a_column_it_runs_past_is_read_after_it() {
        // Article 甲 in three columns over article 丙, whose second column
        // starts left of 甲's third and runs on under it; 丁 beside them
        // all, in two columns. 甲's third column is read before 丙, not
        // after it.
        let at = |line: &mut String, col: usize, text: &str| {
            let pad = col.saturating_sub(line.chars().count());
            line.push_str(&" ".repeat(pad));
            line.push_str(text);
        };
        let mut page = Vec::new();
        for row in 0..21 {
            let mut line = String::new();
            if row < 5 {
                at(&mut line, 0, &format!("甲文一栏第{row}行内"));
                at(&mut line, 18, &format!("甲文二栏第{row}行内"));
                at(&mut line, 36, &format!("甲文三栏第{row}行内"));
            } else if row >= 13 {
                at(&mut line, 0, &format!("丙文一栏第{row:02}行内容甚"));
                at(&mut line, 24, &format!("丙文二栏第{row:02}行内容甚多甚"));
            }
            at(&mut line, 50, &format!("丁文一栏第{row:02}行"));
            at(&mut line, 66, &format!("丁文二栏第{row:02}行"));
            page.push(line);
        }
        let text = unfold(&page.join("\n")).unwrap_or_default();
        let order: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        let first = |p: &str| order.iter().position(|l| l.starts_with(p)).unwrap_or(usize::MAX);
        assert!(first("甲文三栏") < first("丙文一栏"), "{text}");
        assert!(first("丙文二栏") < first("丁文"), "{text}");
    }

    #[test]
    fn a_band_of_columns_over_a_wide_article_is_unfolded() {
        // Two items side by side over one wide article that holds most of
        // the page's lines: fewer than a quarter of them hold two columns.
        let band = [
            ("甲标题在这里", "乙标题在这里"),
            ("甲文第一行内容甚多", "乙文第一行内容甚多"),
            ("甲文第二行内容甚多", "乙文第二行内容甚多"),
            ("甲文第三行内容甚多", "乙文第三行内容甚多"),
            ("甲文第四行内容甚多", "乙文第四行内容甚多"),
            ("甲文第五行完。", "乙文第五行完。"),
        ];
        let mut page: Vec<String> =
            band.iter().map(|(a, b)| format!("{a}{}{b}", " ".repeat(24 - a.chars().count()))).collect();
        page.push(String::new());
        page.push("丙标题在这里".to_string());
        page.extend((1..=20).map(|n| format!("丙文第{n:02}行内容甚多甚多甚多甚多甚多甚多甚多甚多")));
        let Some(text) = unfold(&page.join("\n")) else { panic!("the page was not unfolded") };
        let groups = groups(&text);
        assert_eq!(
            groups[..2],
            [
                "甲标题在这里|甲文第一行内容甚多|甲文第二行内容甚多|甲文第三行内容甚多|甲文第四行内容甚多|甲文第五行完。",
                "乙标题在这里|乙文第一行内容甚多|乙文第二行内容甚多|乙文第三行内容甚多|乙文第四行内容甚多|乙文第五行完。",
            ],
            "{text}"
        );
        assert!(groups[2].starts_with("丙标题在这里|丙文第01行"), "{text}");
    }

    #[test]
    fn a_subtitle_centred_under_a_headline_across_columns_is_read_after_it() {
        // A headline in large type across columns (its characters, wider
        // than the text's, stop short of where it ends), a subtitle centred
        // under it left of the third column's start, then the columns: the
        // subtitle is read right after the headline, not at the top of the
        // second column.
        let mut page = vec![
            String::new(),
            String::new(),
            format!("{}甲乙丙丁标题在这里横跨四栏甚多甚多甚多甚多甚多甚多甚多甚多甚", " ".repeat(3)),
            format!("{}——某地纪实", " ".repeat(37)),
        ];
        for n in 0..8 {
            let cells = ["一", "二", "三", "四"].map(|c| format!("第{c}栏第{n}行内容甚多甚多"));
            page.push(format!(
                " {}{}{}{}{}{}{}",
                cells[0],
                " ".repeat(8),
                cells[1],
                " ".repeat(11),
                cells[2],
                " ".repeat(11),
                cells[3]
            ));
        }
        let text = unfold(&page.join("\n")).unwrap_or_default();
        let order: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        let first = |p: &str| order.iter().position(|l| l.trim_start().starts_with(p)).unwrap_or(usize::MAX);
        assert_eq!(first("甲乙丙丁标题"), 0, "{text}");
        assert_eq!(first("——某地纪实"), 1, "{text}");
        assert_eq!(first("第一栏第0行"), 2, "{text}");
        assert!(first("第二栏第0行") > first("第一栏第7行"), "{text}");
    }

    #[test]
    fn an_article_across_columns_under_them_stays_one_block() {
        // The band's columns end; the article under them runs across both
        // from the next row on, its first lines near the columns' text.
        let mut page: Vec<String> =
            (1..=6).map(|n| format!("甲文第{n}行内容甚多{}乙文第{n}行内容甚多", " ".repeat(14))).collect();
        page.push(String::new());
        page.extend((1..=20).map(|n| format!("丙文第{n:02}行内容甚多甚多甚多甚多甚多甚多甚多甚多")));
        let Some(text) = unfold(&page.join("\n")) else { panic!("the page was not unfolded") };
        let wide: Vec<String> =
            (1..=20).map(|n| format!("丙文第{n:02}行内容甚多甚多甚多甚多甚多甚多甚多甚多")).collect();
        assert_eq!(groups(&text).last(), Some(&wide.join("|")), "{text}");
    }

    #[test]
    fn a_sentence_s_last_line_under_one_line_of_text_across_columns_goes_with_it() {
        // A notice under two columns: each item's first line (text, with its
        // commas) reaches past the second column's start, its short last
        // line ends the sentence under it, and the signatory set right
        // starts near the second column's start a few rows below.
        let mut page: Vec<String> =
            (1..=4).map(|n| format!("甲文第{n}行内容甚多{}乙文第{n}行内容甚多", " ".repeat(14))).collect();
        page.push(String::new());
        page.push("  一、丙项内容，丙项内容甚多，丙项内容甚多甚多甚多甚多甚多".to_string());
        page.push("丙项完。".to_string());
        page.push("  二、丁项内容，丁项内容甚多，丁项内容甚多甚多甚多甚多甚多".to_string());
        page.push("丁项完。".to_string());
        page.push(format!("{}某某县人民政府", " ".repeat(27)));
        let Some(text) = unfold(&page.join("\n")) else { panic!("the page was not unfolded") };
        let gs = groups(&text);
        for item in [
            "一、丙项内容，丙项内容甚多，丙项内容甚多甚多甚多甚多甚多|丙项完。",
            "二、丁项内容，丁项内容甚多，丁项内容甚多甚多甚多甚多甚多|丁项完。",
        ] {
            assert!(gs.iter().any(|g| g.contains(item)), "{text}");
        }
    }

    #[test]
    fn a_headline_reaching_into_the_next_column_ends_the_column_above() {
        // Item 甲 in two columns ends on row 5; a column 丁 beside it runs on,
        // so no row is blank. Five rows later item 乙's headline, wider than
        // 甲's column, reaches past the start of 甲's second column, its text
        // right under it set across both: 乙 is read after 甲's second
        // column, not run on from its first.
        let mut page = Vec::new();
        for row in 0..17 {
            let mut line = match row {
                0..=5 => format!("甲文一栏第{row}行内容甚多   甲文二栏第{row}行内容甚多"),
                10 => "乙标题在这里横跨两栏甚多甚多甚".to_string(),
                11..=16 => format!("乙文第{row}行内容甚多甚多甚多甚多甚多"),
                _ => String::new(),
            };
            let pad = 40 - line.chars().count();
            line.push_str(&" ".repeat(pad));
            line.push_str(&format!("丁文第{row:02}行内容"));
            page.push(line);
        }
        let text = unfold(&page.join("\n")).unwrap_or_default();
        let order: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        let first = |p: &str| order.iter().position(|l| l.starts_with(p)).unwrap_or(usize::MAX);
        assert!(first("甲文二栏第5行") < first("乙标题"), "{text}");
        assert_eq!(first("乙标题") + 1, first("乙文第11行"), "{text}");
    }

    #[test]
    fn a_column_whose_indents_outnumber_its_flush_lines_keeps_them() {
        // Item 乙 beside column 甲: three paragraphs, so more lines set in
        // by an indent than flush with the column's edge. Its flush lines
        // are its own, not lines across both columns, and its paragraphs
        // keep their indents.
        let right = [
            (42, "乙文一段开头内容甚多"),
            (40, "乙文一段末行内容甚多完。"),
            (42, "乙文二段开头内容甚多"),
            (40, "乙文二段末行内容甚多完。"),
            (42, "乙文三段仅一行完。"),
        ];
        let mut page = Vec::new();
        for row in 0..6 {
            let mut line = format!("甲文第{row}行内容甚多");
            if let Some((at, text)) = right.get(row) {
                let pad = at - line.chars().count();
                line.push_str(&" ".repeat(pad));
                line.push_str(text);
            }
            page.push(line);
        }
        let text = unfold(&page.join("\n")).unwrap_or_default();
        let mine: Vec<&str> = text.lines().filter(|l| l.contains('乙')).collect();
        assert_eq!(
            mine,
            [
                "  乙文一段开头内容甚多",
                "乙文一段末行内容甚多完。",
                "  乙文二段开头内容甚多",
                "乙文二段末行内容甚多完。",
                "  乙文三段仅一行完。"
            ],
            "{text}"
        );
        let left: Vec<String> = (0..6).map(|row| format!("甲文第{row}行内容甚多")).collect();
        assert_eq!(groups(&text)[0], left.join("|"), "{text}");
    }

    #[test]
    fn a_centred_last_line_of_a_headline_gets_no_indent() {
        // (lines with their offsets, line asked for, indent expected): a
        // short line set in under the open lines at the top of a block is a
        // headline's centred last line; one reaching the far edge opens the
        // text's first paragraph; under a finished sentence any set-in line
        // opens one.
        type Lines<'a> = &'a [(usize, &'a str)];
        let cases: [(Lines<'_>, usize, bool); 4] = [
            (&[(0, "甲标题第一行在此甲"), (2, "乙标题尾"), (0, "正文第一行内容甚多甚多甚多")], 1, false),
            (&[(0, "甲标题第一行在此甲"), (2, "正文首行内容甚多甚多甚"), (0, "正文第二行内容甚多甚多甚多")], 1, true),
            (&[(0, "正文一段末行。"), (2, "短段"), (0, "正文第二行内容甚多甚多甚多")], 1, true),
            (
                &[(0, "正文一段末行内容甚多甚多甚多"), (0, "末行无标点"), (2, "短段"), (0, "正文内容甚多甚多甚多甚多")],
                2,
                true,
            ),
        ];
        for (lines, i, indent) in cases {
            let block = Block {
                top: 0,
                bottom: lines.len() - 1,
                left: 0,
                right: 0,
                lines: lines.iter().map(|(_, l)| l.to_string()).collect(),
                offsets: lines.iter().map(|&(o, _)| o).collect(),
                rows: (0..lines.len()).collect(),
                pitch: 1,
                tight: true,
                span: (0, 0),
                far: 0,
                text_far: 0,
            };
            assert_eq!(block.line(i).starts_with("  "), indent, "{lines:?}");
        }
    }

    #[test]
    fn pages_of_one_column_are_left_alone() {
        for text in [
            "临县：乘势而上 开启高质量发展新征程\n本报讯 （记者 罗丽 康桂芳） 11 月 3 日，\n友 好 省 州\n",
            "第一行\n\n第二行\n",
            "",
        ] {
            assert_eq!(unfold(text), None, "{text}");
        }
    }

    #[test]
    fn nothing_is_lost_when_unfolding() {
        let text = unfold(SIDE_BY_SIDE).unwrap_or_default();
        let mut a: Vec<char> = SIDE_BY_SIDE.chars().filter(|c| !c.is_whitespace()).collect();
        let mut b: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b);
    }

    /// A `-layout` page of two items set in three columns (starting at
    /// columns 0, 18 and 36): four rows of the item above (`上文…`), three
    /// blank rows, `heads` (the second item's headline lines, already set
    /// in), then six rows of the second item (`甲文…`).
    fn three_column_items(heads: &[String]) -> String {
        let at = |line: &mut String, col: usize, text: &str| {
            let pad = col.saturating_sub(line.chars().count());
            line.push_str(&" ".repeat(pad));
            line.push_str(text);
        };
        let mut page = Vec::new();
        for (item, rows) in [("上", 4), ("甲", 6)] {
            if item == "甲" {
                page.extend(["", "", ""].map(String::from));
                page.extend(heads.iter().cloned());
            }
            for n in 0..rows {
                let mut line = String::new();
                for (col, name) in [(0, "一"), (18, "二"), (36, "三")] {
                    at(&mut line, col, &format!("{item}文{name}栏第{n}行内容甚"));
                }
                page.push(line);
            }
        }
        page.join("\n")
    }

    #[test]
    fn a_centred_headline_reaching_past_a_column_start_is_read_before_the_first_column() {
        // After blank rows, a headline centred over three columns starts in
        // the second and reaches past the third's start; the text under it
        // starts in the first. It is read before the first column, not
        // after it.
        let text = unfold(&three_column_items(&[format!("{}甲乙会见丙丁代表团成员并座谈", " ".repeat(26))]))
            .unwrap_or_default();
        let order: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        let first = |p: &str| order.iter().position(|l| l.starts_with(p)).unwrap_or(usize::MAX);
        assert!(first("上文三栏第3行") < first("甲乙会见"), "{text}");
        assert_eq!(first("甲乙会见") + 1, first("甲文一栏第0行"), "{text}");
    }

    #[test]
    fn a_centred_headline_over_its_subtitle_is_read_before_the_first_column() {
        // After blank rows, a headline centred over three columns, and a
        // subtitle under it set in from its start: both are read before the
        // first column, not after it.
        let heads = [format!("{}甲乙会见丙丁代表团", " ".repeat(20)), format!("{}——某地某某纪实甚多", " ".repeat(22))];
        let text = unfold(&three_column_items(&heads)).unwrap_or_default();
        let order: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        let first = |p: &str| order.iter().position(|l| l.starts_with(p)).unwrap_or(usize::MAX);
        assert!(first("上文三栏第3行") < first("甲乙会见"), "{text}");
        assert_eq!(first("甲乙会见") + 1, first("——某地"), "{text}");
        assert_eq!(first("——某地") + 1, first("甲文一栏第0行"), "{text}");
    }
}
