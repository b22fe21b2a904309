//! Body or headline? A plain text line is a headline when it cannot be part
//! of running text: it does not end a sentence, follows the end of one, and
//! does not flow into the next line the way a paragraph's lines do (an
//! indented first line, then full-width lines, then a shorter last line).
//! A line opening with a time and a comma (`近日，`, `4月3日，`) is never a
//! headline, and one opening with `近日，`/`日前，` after a possible headline
//! shows that line is one. Column widths vary from block to block, so they
//! are estimated locally; letter-spaced lines count as full.
//!
//! The page is measured once ([`Layout`]: each line's facts — length,
//! sentence end, date, credit, openers, whether it could be a headline — and
//! its column width after and before it); these rules and the line model
//! ([`super::line_model`]) both read those measures instead of rescanning
//! neighbours line by line. The rules' verdict is one of the line model's
//! features, and stands unless the model is sure otherwise.

use super::lines::{Line, Role, ends_with_credit, is_date_line, is_sentence_end};
use regex::Regex;
use std::sync::LazyLock;

/// How a news item's first sentence opens: a vague time word and a comma
/// (`近日，`, `日前，`). A line opening this way after a run of possible
/// headlines starts a new body. (A date such as `4月29日，` is not enough:
/// features open paragraphs with dates under their subheadings.)
const NEWS_OPENING: [&str; 4] = ["近日", "日前", "近期", "连日来"];

/// How a line of an interview opens: the question's or the answer's label
/// (`问：`, `答：`, `记者：`, `主持人：`), before white space and a colon.
const DIALOGUE: [&str; 7] = ["问", "答", "记者", "本报记者", "主持人", "Q", "A"];

/// Does the line open with an interview's label (`问：…`, `记者：…`)? Such a
/// line is a question or an answer inside the interview, never a headline.
pub fn opens_dialogue(text: &str) -> bool {
    // (A label, any white space, a colon: literal tests, no pattern; the
    // first character first, as most lines open with none of the labels'.)
    text.starts_with(['问', '答', '记', '本', '主', 'Q', 'A'])
        && DIALOGUE.iter().any(|w| {
            text.strip_prefix(w)
                .is_some_and(|rest| rest.trim_start_matches(char::is_whitespace).starts_with(['：', ':']))
        })
}

/// Does the line open a news item (`近日，…`)?
pub fn opens_item(text: &str) -> bool {
    // (The first character first: every opening starts with one of these.)
    text.starts_with(['近', '日', '连'])
        && NEWS_OPENING.iter().any(|w| text.strip_prefix(w).is_some_and(|rest| rest.starts_with(['，', ','])))
}

/// Does the line set two clauses apart with a space, as headlines do
/// (`聚焦项目建设 跑出发展加速度`), outside any quotation?
pub fn has_clause_space(text: &str) -> bool {
    const OPEN: [char; 6] = ['“', '‘', '《', '「', '（', '('];
    const CLOSE: [char; 6] = ['”', '’', '》', '」', '）', ')'];
    // (Most lines hold no space at all: nothing to look at then.)
    if !text.contains(' ') {
        return false;
    }
    let han = super::normalize::is_han;
    let mut depth = 0i32;
    // (The characters read in place, the one before kept: no copy of them.)
    let mut before = None;
    for (k, c) in text.char_indices() {
        if OPEN.contains(&c) {
            depth += 1;
        } else if CLOSE.contains(&c) {
            depth -= 1;
        } else if c == ' ' && depth == 0 && before.is_some_and(han) {
            // (The space is one byte: what follows it starts right after.)
            let mut after = text[k + 1..].chars();
            if after.clone().next().is_some_and(han) {
                // A quotation opened on an earlier line and closed later on
                // this one holds the space (`城市 共享民生福祉”，由…`).
                let closes_first =
                    after.find(|c| OPEN.contains(c) || CLOSE.contains(c)).is_some_and(|c| CLOSE.contains(&c));
                if !closes_first {
                    return true;
                }
            }
        }
        before = Some(c);
    }
    false
}

/// A reporting clause opening a line: a short subject, a verb of saying and
/// a comma (`李明指出，`, `会议强调，`; the verbs [`super::meta::REPORTING_VERBS`]).
static REPORTING_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = super::meta::REPORTING_VERBS.join("|");
    Regex::new(&format!(r"^[^，,：:。；“”《》（）()\s]{{1,10}}(?:{verbs})[，,]")).expect("valid regex")
});

/// Does the line read as running text rather than a headline: it holds two
/// commas or more outside any quotation (a headline has at most one clause
/// break: `人民日报社论：凝心聚力，推进强国建设`), or it opens with a
/// reporting clause (`李明指出，…`; a headline reports with a colon,
/// `李明强调：…`)? Commas before a quotation mark that closes one opened on an
/// earlier line count as inside it.
pub fn reads_as_sentence(text: &str) -> bool {
    // (Most lines hold no comma: one pass over the bytes tells.)
    if !holds_comma(text) {
        return false;
    }
    // The commas outside quotations, counted in one pass over the bytes:
    // every mark looked for is three bytes with a lead byte E2, E3 or EF,
    // which only ever starts a character. Two of them read as a sentence
    // whatever the reporting clause says, so the regex is left for last.
    // (The bytes are read a character at a time: a lead byte tells how
    // many bytes its character has, and the rest of them are none of the
    // bytes looked for.)
    let b = text.as_bytes();
    let (mut depth, mut commas) = (0usize, 0usize);
    let mut next = 0;
    while let Some(&c) = b.get(next) {
        let k = next;
        next += match c {
            0..0x80 => 1,
            0x80..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        };
        let mark = match c {
            b',' => {
                if depth == 0 && !b.get(k + 1).is_some_and(u8::is_ascii_digit) {
                    commas += 1;
                }
                continue;
            }
            0xE2 | 0xE3 | 0xEF => (c, b.get(k + 1).copied().unwrap_or(0), b.get(k + 2).copied().unwrap_or(0)),
            _ => continue,
        };
        match mark {
            // `“` `‘` `《` `「` `（`
            (0xE2, 0x80, 0x9C | 0x98) | (0xE3, 0x80, 0x8A | 0x8C) | (0xEF, 0xBC, 0x88) => depth += 1,
            // `”` `’` `》` `」` `）`
            (0xE2, 0x80, 0x9D | 0x99) | (0xE3, 0x80, 0x8B | 0x8D) | (0xEF, 0xBC, 0x89) => {
                if depth == 0 {
                    // Closes a quotation opened before this line: what came
                    // before was inside it.
                    commas = 0;
                } else {
                    depth -= 1;
                }
            }
            // `，`
            (0xEF, 0xBC, 0x8C) if depth == 0 => commas += 1,
            _ => {}
        }
    }
    commas >= 2 || may_open_with_reporting_clause(text) && REPORTING_CLAUSE.is_match(text)
}

/// [`reads_as_sentence`] of a line already read by [`Scan::of`].
fn reads_as_sentence_scanned(text: &str, scan: &Scan) -> bool {
    scan.first_comma < text.len()
        && (scan.commas >= 2 || reporting_head_before(text, scan.first_comma) && REPORTING_CLAUSE.is_match(text))
}

/// What a line's facts need of its characters, read in one pass over its
/// bytes ([`Facts::of`]) instead of a search for each: how many characters
/// and ASCII digits it holds, where its first comma and its first stop are,
/// the commas outside quotations [`reads_as_sentence`] counts, and whether
/// it holds a space. (Most characters are CJK ideographs, lead byte E4 to
/// E9, none of them marked: they are counted and passed over.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scan {
    /// Characters.
    pub chars: usize,
    /// ASCII digits.
    pub digits: usize,
    /// Byte offset of the first comma (`，` or `,`), the text's length when none.
    pub first_comma: usize,
    /// Byte offset of the first full stop or semicolon (`。`, `；`, `;`),
    /// the text's length when none.
    pub first_stop: usize,
    /// The commas outside quotations, as [`reads_as_sentence`] counts them.
    pub commas: usize,
    /// The text holds an ASCII space.
    pub space: bool,
}

impl Scan {
    /// Reads `text` once.
    pub fn of(text: &str) -> Scan {
        let b = text.as_bytes();
        let n = b.len();
        let mut s = Scan { chars: 0, digits: 0, first_comma: n, first_stop: n, commas: 0, space: false };
        let mut depth = 0usize;
        let mut i = 0;
        while let Some(&c) = b.get(i) {
            s.chars += 1;
            match c {
                0xE4..=0xE9 => {
                    i += 3;
                    continue;
                }
                b'0'..=b'9' => s.digits += 1,
                b',' => {
                    s.first_comma = s.first_comma.min(i);
                    if depth == 0 && !b.get(i + 1).is_some_and(u8::is_ascii_digit) {
                        s.commas += 1;
                    }
                }
                b';' => s.first_stop = s.first_stop.min(i),
                b' ' => s.space = true,
                0xE2 | 0xE3 | 0xEF => {
                    // (A valid string has the continuation bytes.)
                    match (c, b[i + 1], b[i + 2]) {
                        // `“` `‘` `《` `「` `（`
                        (0xE2, 0x80, 0x9C | 0x98) | (0xE3, 0x80, 0x8A | 0x8C) | (0xEF, 0xBC, 0x88) => depth += 1,
                        // `”` `’` `》` `」` `）`
                        (0xE2, 0x80, 0x9D | 0x99) | (0xE3, 0x80, 0x8B | 0x8D) | (0xEF, 0xBC, 0x89) => {
                            if depth == 0 {
                                s.commas = 0;
                            } else {
                                depth -= 1;
                            }
                        }
                        // `，`
                        (0xEF, 0xBC, 0x8C) => {
                            s.first_comma = s.first_comma.min(i);
                            if depth == 0 {
                                s.commas += 1;
                            }
                        }
                        // `。` `；`
                        (0xE3, 0x80, 0x82) | (0xEF, 0xBC, 0x9B) => s.first_stop = s.first_stop.min(i),
                        _ => {}
                    }
                    i += 3;
                    continue;
                }
                _ => {}
            }
            i += match c {
                0..0x80 => 1,
                0x80..0xE0 => 2,
                0xE0..0xF0 => 3,
                _ => 4,
            };
        }
        s
    }
}

/// Does the text hold a comma (`，` or `,`)? Told over the bytes in one
/// pass with no branch per byte (the compiler vectorizes it): `，` is
/// EF BC 8C, and EF only ever starts a character. (A search for the
/// character `，` stops at every Han character sharing its last byte.)
pub fn holds_comma(text: &str) -> bool {
    holds_seq(text.as_bytes(), b',', [0xEF, 0xBC, 0x8C], [0xEF, 0xBC, 0x8C])
}

/// Does `b` hold the byte `one`, or the three bytes `a` or `b3` in a row?
/// Every position is looked at (no early exit), so that the loop is a plain
/// reduction the compiler vectorizes; lines are short.
fn holds_seq(b: &[u8], one: u8, a: [u8; 3], b3: [u8; 3]) -> bool {
    let n = b.len();
    if n < 3 {
        return b.contains(&one);
    }
    let threes = b[..n - 2].iter().zip(&b[1..n - 1]).zip(&b[2..]).fold(false, |acc, ((&x, &y), &z)| {
        acc | (x == one) | ((x == a[0]) & (y == a[1]) & (z == a[2])) | ((x == b3[0]) & (y == b3[1]) & (z == b3[2]))
    });
    threes | (b[n - 2] == one) | (b[n - 1] == one)
}

/// What a line opening with [`REPORTING_CLAUSE`] must show, told without
/// the regex: its first comma comes after 2 to 12 characters (a subject of
/// 1 to 10 and a verb of 1 or 2, none a comma), the last of which ends a
/// verb of saying.
fn may_open_with_reporting_clause(text: &str) -> bool {
    let at = match (text.find('，'), text.find(',')) {
        (Some(a), Some(b)) => a.min(b),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => return false,
    };
    reporting_head_before(text, at)
}

/// [`may_open_with_reporting_clause`] of a line whose first comma is at
/// byte `at`.
fn reporting_head_before(text: &str, at: usize) -> bool {
    // (The regex's subject, and the longest verb.)
    const MOST: usize = 10 + 2;
    let head = &text[..at];
    head.len() <= MOST * 4
        && (2..=MOST).contains(&head.chars().count())
        && head.chars().next_back().is_some_and(|c| super::meta::REPORTING_VERBS.iter().any(|v| v.ends_with(c)))
}

/// The characters a short opening clause ([`opens_with_short_clause`])
/// holds none of (nor white space).
const NOT_IN_CLAUSE: [char; 14] = ['，', ',', '：', ':', '。', '；', '“', '”', '《', '》', '（', '）', '(', ')'];

/// Does the line open with a clause of at most two characters and a comma
/// (`今年，…`, `此外，…`, `5日，…`)? After the end of a sentence such a line
/// opens a paragraph: a headline's first clause is longer (`凝心聚力，…`),
/// and `革开放，…` is the middle of a wrapped headline, not its start.
/// (Three characters, `这几天，…`, was measured too: one item fewer exactly
/// right on `-layout` pages.)
pub fn opens_with_short_clause(text: &str) -> bool {
    // One or two characters of a clause, then a comma (which is no clause
    // character: the first comma decides).
    let in_clause = |c: char| !NOT_IN_CLAUSE.contains(&c) && !c.is_whitespace();
    let comma = |c: char| matches!(c, '，' | ',');
    let mut cs = text.chars();
    match (cs.next(), cs.next(), cs.next()) {
        (Some(a), Some(b), _) if in_clause(a) && comma(b) => true,
        (Some(a), Some(b), Some(c)) => in_clause(a) && in_clause(b) && comma(c),
        _ => false,
    }
}

/// Longest line (in characters) that can still be a headline; longer lines
/// are paragraphs of a page printed one paragraph per line.
pub const MAX_HEAD_CHARS: usize = 40;

/// Lines longer than this (in characters) are whole paragraphs.
pub const LONG_LINE_CHARS: usize = 48;

/// True for a line printed as a whole paragraph (one paragraph per line).
pub fn is_long(l: &Line) -> bool {
    l.text.chars().count() > LONG_LINE_CHARS
}

/// The words that end a place's name ([`is_place_colon`]).
const PLACE_ENDS: [&str; 15] =
    ["省", "市", "县", "区", "镇", "乡", "村", "州", "旗", "盟", "街道", "社区", "园区", "开发区", "新区"];

/// A place and a colon alone on a line: the first half of a headline
/// wrapped after it (`汾阳市杏花村镇：` / `“酒旅融合”激活乡村经济`): one to
/// twelve Han characters (U+4E00 to U+9FFF), a word ending a place's name
/// (all Han too), and the colon.
pub fn is_place_colon(text: &str) -> bool {
    let Some(name) = text.strip_suffix(['：', ':']) else { return false };
    let n = name.chars().count();
    name.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
        && PLACE_ENDS.iter().any(|w| name.ends_with(w) && (1..=12).contains(&(n - w.chars().count())))
}

/// What the headline rules and the line model need to know of one line,
/// measured once per page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Facts {
    /// Characters in the line's text.
    pub chars: usize,
    /// Printed as a whole paragraph ([`is_long`]).
    pub long: bool,
    /// The text ends a sentence ([`is_sentence_end`]).
    pub ends: bool,
    /// A plain text line that is a date (a notice's signature).
    pub date: bool,
    /// A plain text line ending in a photo credit.
    pub credit: bool,
    /// A plain text line opening with a time and a comma (`4月3日，`).
    pub time: bool,
    /// A plain text line opening like a news item (`近日，`).
    pub item: bool,
    /// A plain text line wholly in brackets (`（排名不分先后）`).
    pub bracketed: bool,
    /// A plain text line holding a full stop or semicolon before the
    /// closing marks at its end (`。`, `；`, `”`, `’`): no headline does.
    pub inner_stop: bool,
    /// A plain text line that is a place and a colon ([`is_place_colon`]).
    pub place_colon: bool,
    /// A plain text line opening with an interview's label ([`opens_dialogue`]).
    pub dialogue: bool,
    /// A plain text line that could be (part of) a headline, judged by itself.
    pub eligible: bool,
    /// The width the line fills: a letter-spaced line counts its text.
    pub width: usize,
    /// The text's last character (`'\0'` when empty).
    pub last: char,
    /// A plain text line's ASCII digits.
    pub digits: usize,
    /// A plain text line holding a comma before the commas at its end
    /// ([`holds_comma`] of its text without them).
    pub inner_comma: bool,
    /// A plain text line setting two clauses apart with a space ([`has_clause_space`]).
    pub clause_space: bool,
}

impl Facts {
    /// The facts of one line.
    /// (A plain text line's characters are read once, [`Scan::of`]: what
    /// the rules and the line model's features need of them is kept here.)
    pub fn of(l: &Line) -> Facts {
        let text = l.text.as_str();
        let width = if l.justified { l.text_width } else { l.width };
        let last = text.chars().next_back().unwrap_or('\0');
        if l.role != Role::Text {
            let chars = text.chars().count();
            return Facts {
                chars,
                long: chars > LONG_LINE_CHARS,
                ends: is_sentence_end(text),
                width,
                last,
                ..Facts::default()
            };
        }
        let scan = Scan::of(text);
        let chars = scan.chars;
        let mut f = Facts {
            chars,
            long: chars > LONG_LINE_CHARS,
            ends: is_sentence_end(text),
            width,
            last,
            digits: scan.digits,
            // (The commas and stops at the end are the last characters:
            // the first one is inside when it comes before them.)
            inner_comma: scan.first_comma < text.trim_end_matches(['，', ',']).len(),
            clause_space: scan.space && has_clause_space(text),
            ..Facts::default()
        };
        f.date = is_date_line(text);
        f.credit = ends_with_credit(text);
        f.time = super::meta::opens_with_time(text);
        f.item = opens_item(text);
        f.bracketed = text.starts_with(['（', '(']) && text.ends_with(['）', ')']);
        f.inner_stop = scan.first_stop < text.trim_end_matches(['。', '；', '”', '’']).len();
        f.place_colon = is_place_colon(text);
        f.dialogue = opens_dialogue(text);
        f.eligible = eligible(l, &f, &scan);
        f
    }
}

/// Does the text hold a full stop or semicolon (`。`, `；`, `;`) before the
/// closing marks at its end (`。`, `；`, `”`, `’`)? (One pass over the
/// bytes, the way [`holds_comma`] reads them: a search for the character
/// `。` or `；` stops at every Han character sharing its last byte.)
pub fn has_inner_stop(text: &str) -> bool {
    // `。` is E3 80 82, `；` EF BC 9B; E3 and EF only ever start a
    // character, so a match of their bytes anywhere is the character.
    holds_seq(text.trim_end_matches(['。', '；', '”', '’']).as_bytes(), b';', [0xE3, 0x80, 0x82], [0xEF, 0xBC, 0x9B])
}

/// Could this plain text line be (part of) a headline, judged by itself?
fn eligible(l: &Line, f: &Facts, scan: &Scan) -> bool {
    if f.place_colon {
        return true;
    }
    // A headline does not open with a time and a comma (`4月3日，…`,
    // `近日，…`): such a line opens a paragraph; `附件：…` ends a notice.
    // A line wholly in brackets is a note (`（排名不分先后）`), not a headline;
    // nor is an interview's question (`问：…`).
    if f.time || l.text.starts_with("附件") || f.bracketed || f.dialogue {
        return false;
    }
    // A headline never holds a full stop inside it.
    // (The costly test last.)
    (2..=MAX_HEAD_CHARS).contains(&f.chars)
        && !f.inner_stop
        && !f.ends
        && !f.date
        && !f.credit
        && !matches!(f.last, '，' | '、' | ',' | '-')
        && !reads_as_sentence_scanned(&l.text, scan)
}

/// The page's lines measured once: each line's [`Facts`] and its column
/// width after ([`column_width`]) and before ([`column_width_before`]).
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Per line.
    pub facts: Vec<Facts>,
    /// Per line, [`column_width`].
    pub col: Vec<usize>,
    /// Per line, [`column_width_before`].
    pub col_before: Vec<usize>,
    /// The page sets its paragraphs' first lines flush, as wide as the
    /// column (counted once per page): a short line is then no paragraph's
    /// first line.
    pub flush_first: bool,
    /// Per line, the width most of the running lines around it fill
    /// exactly: the column's measure, where the column estimate ([`col`](Self::col))
    /// reads the closing marks hanging past it. None where no width holds
    /// most of them.
    pub fill: Vec<Option<usize>>,
}

impl Layout {
    /// Measures the page.
    pub fn new(lines: &[Line]) -> Layout {
        let facts: Vec<Facts> = lines.iter().map(Facts::of).collect();
        // (Told once per line: each column estimate reads several lines.)
        let usable_at: Vec<Option<(usize, bool)>> = lines
            .iter()
            .zip(&facts)
            .map(|(l, f)| (l.role == Role::Text && !f.long).then_some((f.width, f.ends)))
            .collect();
        let usable = |k: usize| usable_at[k];
        let col: Vec<usize> = (0..lines.len()).map(|i| column_at(lines.len(), i, lines[i].width, usable)).collect();
        let col_before = (0..lines.len()).map(|i| column_before_at(i, usable).unwrap_or(col[i])).collect();
        let flush_first = first_lines_flush(lines, &facts, &col);
        let fill = (0..lines.len()).map(|i| fill_at(lines.len(), i, usable)).collect();
        Layout { facts, col, col_before, flush_first, fill }
    }

    /// Could line `i` be (part of) a headline, judged by itself?
    pub fn eligible(&self, i: usize) -> bool {
        self.facts.get(i).is_some_and(|f| f.eligible)
    }

    /// Does line `b` continue the paragraph that line `a` (which does not end a
    /// sentence) is part of?
    pub fn continues(&self, lines: &[Line], a: usize, b: usize) -> bool {
        let (la, lb) = (&lines[a], &lines[b]);
        let (fa, fb) = (&self.facts[a], &self.facts[b]);
        if lb.role != Role::Text {
            return false;
        }
        if fa.long || fb.long {
            // One paragraph per line: an unfinished long line goes on.
            return fa.long && !fa.ends;
        }
        let ends_b = fb.ends || fb.credit;
        // The column: from the following lines, or for a paragraph's last line
        // from the lines before it.
        let col = if ends_b { self.col_before[a] } else { self.col[b] };
        if la.justified {
            return true;
        }
        if la.text_width > col + 2 && !ends_b {
            // Wider than the column that follows (its text, without the
            // spaces an extractor put around digits): not part of it. A
            // typesetter never sets a column's line wider than the column.
            return false;
        }
        if self.flush_first && !fa.ends && self.stops_short(lines, a, b) {
            // A line a paragraph runs on from is filled to the column: the
            // typesetter breaks it early only where the next line's first
            // character may not stand at a line's end or be split from what
            // follows (an opening mark, a number or a Latin word). A line
            // that leaves room for a character before a line that opens with
            // neither ends there (on a page whose paragraphs start flush,
            // a short line is no paragraph's set-in first line).
            return false;
        }
        // A letter-spaced line fills its column, whatever its raw width.
        let wb = if lb.justified { col } else { lb.width };
        if !lb.justified && lb.width > la.width + 8 {
            // The next line is much wider: not the same column's paragraph.
            return false;
        }
        if is_full(la, col) || la.width + 3 >= wb && !ends_b {
            // A full line goes on unless the next one is clearly indented.
            return !(lb.indented
                || lb.lead_space
                || !lb.justified && lb.width + 4 < col && lb.width + 12 >= col && !ends_b);
        }
        // A short line that does not end a sentence: only a paragraph's
        // indented first line can be followed by more of it — a full line about
        // two characters wider, or the short last line of a two-line paragraph.
        if ends_b {
            return lb.width <= la.width + 8 && la.width + 10 >= col;
        }
        if self.flush_first {
            // No paragraph on this page starts set in: a short line before
            // a full one is not a first line.
            return false;
        }
        // The next line must be a full line, not itself indented; judge "full"
        // against the column above as well (one wide line of digits can inflate
        // the estimate below).
        let above = if a > 0 && lines[a - 1].role == Role::Text { self.col_before[a - 1] } else { col };
        let indent = wb.saturating_sub(la.width);
        (3..=8).contains(&indent) && is_full(lb, col.min(above))
    }

    /// Does line `a` stop at least one character (two columns) short of the
    /// width the lines around it fill ([`Layout::fill`]), where line `b`
    /// after it opens with a character that could have stood at its end
    /// (no opening mark, ASCII letter or digit, nor a character pushed
    /// down with the closing mark after it: `仓，`, where a typesetter that
    /// hangs no mark past the measure moves the last character to the next
    /// line with it)?
    fn stops_short(&self, lines: &[Line], a: usize, b: usize) -> bool {
        let (la, lb) = (&lines[a], &lines[b]);
        let Some(fill) = self.fill[a] else { return false };
        let mut opening = lb.text.chars();
        !la.justified
            && !lb.justified
            && la.width + 2 <= fill
            && opening.next().is_some_and(|c| !c.is_ascii() && !"“‘（《「『〔【".contains(c))
            && !opening.next().is_some_and(|c| "，。、；：？！”’）》」』…—%,.;:?!)".contains(c))
    }

    /// A headline's last character wrapped onto line `i` of its own
    /// (`孙大军在离石区调研老旧小区改造工` / `作`), after a long headline line.
    fn is_wrapped_tail(&self, lines: &[Line], i: usize) -> bool {
        let l = &lines[i];
        let mut cs = l.text.chars();
        i > 0
            && l.role == Role::Text
            && cs.next().is_some_and(super::normalize::is_han)
            && cs.next().is_none()
            && self.facts[i - 1].eligible
            && self.facts[i - 1].chars >= 8
    }

    /// Does line `i` end its sentence or block, so that what follows may start anew?
    fn closes(&self, lines: &[Line], i: usize) -> bool {
        let (l, f) = (&lines[i], &self.facts[i]);
        match &l.role {
            Role::Text => {
                f.ends
                    || f.date
                    || f.credit
                    || l.text.starts_with("附件")
                    // A note in brackets on its own line (`（排名不分先后）`).
                    || f.bracketed
            }
            // What follows an opening byline or a continuation mark is body,
            // unless the text after the byline on its line ends a sentence.
            Role::Byline { .. } => !l.text.is_empty() && f.ends,
            Role::Continued => false,
            // A dateline closing a body (`…来。”` / `新华社北京3月6日电`) is a trailing byline.
            _ => true,
        }
    }
}

/// True when the page's paragraphs start with lines as wide as their
/// column: of the lines that follow a sentence's end and run on into a full
/// line (a paragraph's first line, or a headline), at least three are full,
/// and at least three times as many as are set in (indented or short).
fn first_lines_flush(lines: &[Line], facts: &[Facts], col: &[usize]) -> bool {
    let (mut flush, mut set_in) = (0usize, 0usize);
    for i in 1..lines.len().saturating_sub(1) {
        let (p, l, n) = (&lines[i - 1], &lines[i], &lines[i + 1]);
        if p.role != Role::Text
            || l.role != Role::Text
            || n.role != Role::Text
            || !facts[i - 1].ends
            || facts[i].ends
            || facts[i].long
            || l.justified
            || !is_full(n, col[i + 1])
        {
            continue;
        }
        if l.indented || l.lead_space || l.width + 3 < col[i + 1] {
            set_in += 1;
        } else {
            flush += 1;
        }
    }
    flush >= 3 && flush >= set_in * 3
}

/// A line's filled width and whether it ends a sentence, when it is a plain
/// text line of a column (not a whole paragraph on one line).
fn usable_line(l: &Line) -> Option<(usize, bool)> {
    // A letter-spaced line fills its column: its text is at most as wide.
    (l.role == Role::Text && !is_long(l))
        .then(|| (if l.justified { l.text_width } else { l.width }, is_sentence_end(&l.text)))
}

/// Full lines are the commonest; first and last lines of paragraphs are
/// shorter: the upper third of the widths seen.
fn upper_third(ws: &mut [usize]) -> usize {
    // (The columns are estimated from six widths at most: two thirds up
    // their sorted list is the largest of up to three, the second largest
    // of four to six; found in one pass, no sort.)
    if ws.len() > 6 {
        ws.sort_unstable();
        return ws[ws.len() * 2 / 3];
    }
    let (mut first, mut second) = (0usize, 0usize);
    for &w in ws.iter() {
        if w > first {
            second = first;
            first = w;
        } else if w > second {
            second = w;
        }
    }
    if ws.len() <= 3 { first } else { second }
}

/// [`column_width`] over `n` lines, each line's width and sentence end given
/// by `usable` (None for a line that is not part of a column); `fallback`
/// when no line around `i` is.
fn column_at(n: usize, i: usize, fallback: usize, usable: impl Fn(usize) -> Option<(usize, bool)>) -> usize {
    let mut ws = [0usize; 6];
    let mut k = 0;
    for j in i..n {
        let Some((w, ends)) = usable(j) else { break };
        ws[k] = w;
        k += 1;
        if k == ws.len() || ends && k >= 2 {
            break;
        }
    }
    if k < 3 {
        // A short paragraph, or the end of a block: look back as well.
        let want = 3;
        for j in (0..i).rev() {
            let Some((w, _)) = usable(j) else { break };
            ws[k] = w;
            k += 1;
            if k == want {
                break;
            }
        }
    }
    if k == 0 { fallback } else { upper_third(&mut ws[..k]) }
}

/// The most lines on each side of line `i` whose widths [`fill_at`] reads.
const FILL_LINES: usize = 6;

/// The width that most of the lines around line `i` fill (up to
/// [`FILL_LINES`] on each side, in the same column: plain text lines that
/// end no sentence, so a paragraph's lines that run on), when at least
/// three of them and more than half fill it exactly; None otherwise. A
/// typesetter fills a running line to the column's measure, and the
/// closing marks it hangs past it make some lines wider: the upper third
/// of the widths ([`column_at`]) then reads the hanging width, this the
/// measure itself.
fn fill_at(n: usize, i: usize, usable: impl Fn(usize) -> Option<(usize, bool)>) -> Option<usize> {
    let mut ws = [0usize; 2 * FILL_LINES];
    let mut k = 0;
    let mut take = |j: usize, k: &mut usize| match usable(j) {
        None => false,
        Some((w, ends)) => {
            if !ends {
                ws[*k] = w;
                *k += 1;
            }
            true
        }
    };
    let mut seen = 0;
    for j in i + 1..n {
        if seen == FILL_LINES || !take(j, &mut k) {
            break;
        }
        seen += 1;
    }
    seen = 0;
    for j in (0..i).rev() {
        if seen == FILL_LINES || !take(j, &mut k) {
            break;
        }
        seen += 1;
    }
    let (best, most) = most_common(&mut ws[..k])?;
    (most >= 3 && most * 2 > k).then_some(best)
}

/// The value most of `values` hold and how many hold it (of values equally
/// common, the largest); None when there are none. Sorts `values`.
pub(crate) fn most_common(values: &mut [usize]) -> Option<(usize, usize)> {
    values.sort_unstable();
    let mut best = None;
    for run in values.chunk_by(|a, b| a == b) {
        if best.is_none_or(|(_, most)| run.len() >= most) {
            best = Some((run[0], run.len()));
        }
    }
    best
}

/// [`column_width_before`], None when line `i` is not part of a column.
fn column_before_at(i: usize, usable: impl Fn(usize) -> Option<(usize, bool)>) -> Option<usize> {
    let mut ws = [0usize; 5];
    let mut k = 0;
    for j in (0..=i).rev() {
        let Some((w, _)) = usable(j) else { break };
        ws[k] = w;
        k += 1;
        if k == ws.len() {
            break;
        }
    }
    (k > 0).then(|| upper_third(&mut ws[..k]))
}

/// The local column width at line `i`: the median width of the plain text
/// lines from `i` on (a few lines), skipping letter-spaced ones.
/// ([`Layout`] holds it for every line of a page.)
pub fn column_width(lines: &[Line], i: usize) -> usize {
    column_at(lines.len(), i, lines[i].width, |k| usable_line(&lines[k]))
}

/// The column width of the lines up to and including `i`.
pub fn column_width_before(lines: &[Line], i: usize) -> usize {
    column_before_at(i, |k| usable_line(&lines[k])).unwrap_or_else(|| column_width(lines, i))
}

/// Is the line as wide as its column (within a small tolerance)?
pub fn is_full(l: &Line, col: usize) -> bool {
    l.justified || l.width + 3 >= col
}

/// Is the line shaped like the first line of a paragraph in a column of
/// width `col`: indented by about two characters?
pub fn is_first_line_shaped(l: &Line, col: usize) -> bool {
    !l.justified && (l.indented || (l.width + 3 < col && l.width + 10 >= col))
}

/// Decides, for every line, whether it is a headline line.
pub fn find_heads(lines: &[Line]) -> Vec<bool> {
    find_heads_in(lines, &Layout::new(lines))
}

/// [`find_heads`] on a page already measured.
pub fn find_heads_in(lines: &[Line], lay: &Layout) -> Vec<bool> {
    let mut head = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let prev_closed = i == 0 || lay.closes(lines, i - 1) || is_trailing_dateline(lines, lay, i - 1);
        if !(prev_closed && lay.eligible(i) && !opens_with_short_clause(&lines[i].text)) {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && (lay.eligible(i) || i > start && lay.is_wrapped_tail(lines, i)) {
            i += 1;
        }
        let end = i; // run is start..end; `end` is the next line, if any
        let first_head_free = body_from(lines, lay, start, end);
        for h in head.iter_mut().take(first_head_free).skip(start) {
            *h = true;
        }
    }
    heads_over_bylines(lines, lay, &mut head);
    head
}

/// The most lines of a headline standing right over an opening byline
/// ([`heads_over_bylines`]).
const MAX_HEAD_OVER_BYLINE: usize = 4;

/// A headline stands right over its item's opening byline (`本报讯（记者
/// …）`, `新华社北京…电`): the plain lines that could be a headline right
/// over the byline, up to [`MAX_HEAD_OVER_BYLINE`] of them, are its lines
/// when they are set apart from what stands over them — that line closes a
/// sentence, or a blank line lies between (an extractor's block start), the
/// lines themselves following one another with none — even where they flow
/// like a paragraph (a centred short line looks indented). The line model
/// may still put a line of them back into the body.
fn heads_over_bylines(lines: &[Line], lay: &Layout, head: &mut [bool]) {
    let apart = |k: usize| lines[k].no > lines[k - 1].no + 1;
    // A long headline wraps after an enumeration comma too (`…会见巴巴多` /
    // `斯、新西兰、蒙古国、` / `越南总理`).
    let can_be = |k: usize| {
        let (l, f) = (&lines[k], &lay.facts[k]);
        f.eligible
            || l.role == Role::Text
                && l.text.ends_with('、')
                && (2..=MAX_HEAD_CHARS).contains(&f.chars)
                && !f.time
                && !f.bracketed
                && !l.text.contains(['。', '；', ';'])
    };
    for b in 1..lines.len() {
        if !matches!(lines[b].role, Role::Byline { .. }) || !lay.eligible(b - 1) {
            continue;
        }
        let mut k = b - 1;
        let start = loop {
            // (A continuation mark opens the item: a headline may stand
            // right under it, `（上接1版）` / `…` / `新华社…电`.)
            if k == 0 || lay.closes(lines, k - 1) || apart(k) || lines[k - 1].role == Role::Continued {
                break Some(k);
            }
            if b - k >= MAX_HEAD_OVER_BYLINE || !can_be(k - 1) {
                break None;
            }
            k -= 1;
        };
        if let Some(k) = start {
            for h in &mut head[k..b] {
                *h = true;
            }
        }
    }
}

/// The most lines before a headline that it reaches back over to a blank
/// line ([`reach_back_to_blank`]).
const MAX_REACH_BACK: usize = 3;

/// A headline's first lines read as the end of the body above it: where the
/// lines right before a headline line (up to three, none of
/// them ending a sentence or a clause nor holding a full stop — a
/// headline's colon or enumeration comma allowed: `【…】胡杨：` /
/// `消防救援冲锋在前`) run on from a line set apart by a blank line where
/// blank lines are rare ([`super::lines::set_apart`]), after a line that
/// closes a sentence (or a caption, a credit, a closing byline), the blank
/// line is where the headline starts and those lines are its. A paragraph's
/// lines after such a blank line end in a sentence's end before any
/// headline. `head` holds the verdicts so far, changed in place.
pub fn reach_back_to_blank(lines: &[Line], lay: &Layout, apart: &[bool], head: &mut [bool]) {
    let can_be = |k: usize| {
        let (l, f) = (&lines[k], &lay.facts[k]);
        let t = l.text.trim_end_matches(['”', '’', '》', '」', '）', ')']);
        l.role == Role::Text
            && (2..=LONG_LINE_CHARS).contains(&f.chars)
            && !t.ends_with(['。', '！', '？', '!', '?', '；', ';', '…', '，', ','])
            && !l.text.contains(['。', '；', ';'])
            && !f.time
            && !f.item
            && !f.bracketed
            && !f.date
            && !f.credit
            && !opens_dialogue(&l.text)
    };
    for i in 1..lines.len() {
        if !head[i] || head[i - 1] || lines[i].role != Role::Text {
            continue;
        }
        let mut start = None;
        for k in (i.saturating_sub(MAX_REACH_BACK)..i).rev() {
            // The lines follow one another with no blank line between.
            if lines[k + 1].no != lines[k].no + 1 || head[k] || !can_be(k) {
                break;
            }
            if apart[k] {
                if lay.closes(lines, k - 1) {
                    start = Some(k);
                }
                break;
            }
        }
        if let Some(k) = start {
            for h in &mut head[k..i] {
                *h = true;
            }
        }
    }
}

/// A dateline alone on its line right after the end of a sentence closes
/// the article before it rather than opening the next.
fn is_trailing_dateline(lines: &[Line], lay: &Layout, i: usize) -> bool {
    let l = &lines[i];
    matches!(&l.role, Role::Byline { byline } if l.text.is_empty() && byline.ends_with("电"))
        && i > 0
        && lines[i - 1].role == Role::Text
        && lay.facts[i - 1].ends
}

/// In the run `start..end` of possible headline lines, the index from which
/// the lines are body text (`end` when all are headlines).
fn body_from(lines: &[Line], lay: &Layout, start: usize, end: usize) -> usize {
    // A line opening a news item (`近日，…`), in the run or right after it:
    // the lines before it cannot be the start of a paragraph that goes on
    // there (unless the last of them leads into a date: `…截至` + `3月…`).
    let opener = (start + 1..=end).find(|&k| {
        lay.facts.get(k).is_some_and(|f| f.item)
            && !lines[k - 1].text.ends_with(['在', '于', '至', '到', '从', '自', '止', '及', '和', '与', '同', '的'])
    });
    if let Some(k) = opener {
        return k;
    }
    body_from_shape(lines, lay, start, end)
}

/// [`body_from`] by the shape of the lines alone.
fn body_from_shape(lines: &[Line], lay: &Layout, start: usize, end: usize) -> usize {
    let next = lines.get(end);
    match next {
        None => end,
        Some(n) => match n.role {
            Role::Text if lay.facts[end].date => start, // a notice's signature
            Role::Text => {
                let mut j = end;
                while j > start && lay.continues(lines, j - 1, j) {
                    j -= 1;
                }
                j
            }
            Role::TrailByline | Role::PhotoCredit | Role::Jump => start,
            Role::Caption { .. } => {
                // A caption inside a paragraph: the text after it goes on
                // where this run stopped.
                let after = lines[end..]
                    .iter()
                    .position(|l| !matches!(l.role, Role::Caption { .. } | Role::PhotoCredit))
                    .map(|k| end + k);
                // and reaches the end of a sentence before anything else.
                let reaches_end = |k: usize| {
                    let stop = (k..lines.len()).find(|&p| !lay.eligible(p));
                    stop.is_some_and(|s| lines[s].role == Role::Text && (lay.closes(lines, s) || lay.facts[s].long))
                };
                match after {
                    Some(k)
                        if lines[k].role == Role::Text
                            && reaches_end(k)
                            && lay.continues(lines, end - 1, k)
                            && (start..end).all(|j| j == start || lay.continues(lines, j - 1, j)) =>
                    {
                        start
                    }
                    _ => end,
                }
            }
            _ => end,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_common_width_of_equally_common_ones_is_the_widest() {
        for (mut values, want) in [
            (vec![], None),
            (vec![12], Some((12, 1))),
            (vec![14, 12, 12, 15, 12], Some((12, 3))),
            (vec![12, 15, 15, 12], Some((15, 2))),
        ] {
            assert_eq!(most_common(&mut values), want, "{values:?}");
        }
    }
    use crate::loader::lines::read_lines;

    fn heads_of(text: &str) -> Vec<String> {
        let lines = read_lines(text);
        let h = find_heads(&lines);
        lines.iter().zip(h).filter(|(_, h)| *h).map(|(l, _)| l.text.clone()).collect()
    }

    #[test]
    fn reading_as_a_sentence_on_the_bytes_is_reading_it_on_the_characters() {
        // The test as it is defined, character by character.
        fn by_chars(text: &str) -> bool {
            if !text.contains(['，', ',']) {
                return false;
            }
            if REPORTING_CLAUSE.is_match(text) {
                return true;
            }
            const OPEN: [char; 5] = ['“', '‘', '《', '「', '（'];
            const CLOSE: [char; 5] = ['”', '’', '》', '」', '）'];
            let (mut depth, mut commas) = (0usize, 0usize);
            let cs: Vec<char> = text.chars().collect();
            for (k, &c) in cs.iter().enumerate() {
                if OPEN.contains(&c) {
                    depth += 1;
                } else if CLOSE.contains(&c) {
                    if depth == 0 {
                        commas = 0;
                    } else {
                        depth -= 1;
                    }
                } else if depth == 0 && (c == '，' || c == ',' && !cs.get(k + 1).is_some_and(char::is_ascii_digit)) {
                    commas += 1;
                }
            }
            commas >= 2
        }
        let pages = crate::loader::BUNDLED.iter().flat_map(|(_, t)| t.lines());
        let made = [
            "“甲，乙，丙”，丁",
            "甲，乙”，丙，丁",
            "（甲，乙），丙",
            "1,000,000元，增长",
            "甲,乙,",
            "《甲，乙》，丙，",
            "‘甲，’乙，丙",
            "李明指出，",
            "李明指出,甲",
            "会上，李明指出，",
            "市委常委、副市长李明指出，",
            "一二三四五六七八九十表示，",
            "一二三四五六七八九十一表示，",
            "李明说，甲",
            // Characters of two and four bytes before the marks.
            "é，𠀀“甲，ü”，丙，",
            "𠀀𠀁,é,1",
            "李明：说，",
            "",
            ",",
        ];
        for line in pages.chain(made) {
            assert_eq!(reads_as_sentence(line), by_chars(line), "{line}");
        }
        // The quick test before the regex counts on verbs of two characters
        // at most.
        assert!(crate::loader::meta::REPORTING_VERBS.iter().all(|v| v.chars().count() <= 2));
    }

    #[test]
    fn a_lines_one_scan_tells_what_the_searches_tell() {
        let made = [
            "",
            ",",
            ";",
            "，",
            "。",
            "a,1",
            "1,000,000元，增长",
            "“甲，乙，丙”，丁",
            "甲，乙”，丙，丁",
            "《甲，乙》，丙，",
            "李明指出，",
            "会上，李明指出，",
            "会议。开始",
            "会议要求：“落实责任。”",
            "一;二；三。",
            "聚焦项目建设 跑出发展加速度",
            "城市 共享民生福祉”，由中国人民",
            "é，𠀀“甲，ü”，丙，",
            "𠀀𠀁,é,1 2",
            "鋌鋌鋌鋌鋌笌笌笌2024年",
            "ＡＢＣ１２３，，",
        ];
        let pages = crate::loader::BUNDLED.iter().flat_map(|(_, t)| t.lines());
        for t in made.into_iter().chain(pages) {
            let s = Scan::of(t);
            let first = |cs: &[char]| t.find(cs).unwrap_or(t.len());
            assert_eq!(s.chars, t.chars().count(), "{t:?}");
            assert_eq!(s.digits, t.bytes().filter(u8::is_ascii_digit).count(), "{t:?}");
            assert_eq!(s.first_comma, first(&['，', ',']), "{t:?}");
            assert_eq!(s.first_stop, first(&['。', '；', ';']), "{t:?}");
            assert_eq!(s.space, t.contains(' '), "{t:?}");
            assert_eq!(reads_as_sentence_scanned(t, &s), reads_as_sentence(t), "{t:?}");
            let l = Line { text: t.to_string(), ..read_lines("甲").remove(0) };
            let f = Facts::of(&l);
            assert_eq!(f.inner_stop, has_inner_stop(t), "{t:?}");
            assert_eq!(f.inner_comma, holds_comma(t.trim_end_matches(['，', ','])), "{t:?}");
            assert_eq!(f.clause_space, has_clause_space(t), "{t:?}");
            assert_eq!(f.chars, t.chars().count(), "{t:?}");
        }
    }

    #[test]
    fn openings_told_without_patterns_are_the_patterns() {
        let item = Regex::new(r"^(?:近日|日前|近期|连日来)[，,]").expect("valid regex");
        let dialogue = Regex::new(r"^(?:问|答|记者|本报记者|主持人|[QA])\s*[：:]").expect("valid regex");
        let short = Regex::new(r"^[^，,：:。；“”《》（）()\s]{1,2}[，,]").expect("valid regex");
        let place =
            Regex::new(r"^[\x{4E00}-\x{9FFF}]{1,12}(?:省|市|县|区|镇|乡|村|州|旗|盟|街道|社区|园区|开发区|新区)[：:]$")
                .expect("valid regex");
        let texts = [
            "",
            "近日",
            "近日，",
            "近日,全市",
            "近日 ，",
            "日前，某某",
            "近期，",
            "连日来，",
            "连日，",
            "近来，",
            "问：",
            "问 ：你好",
            "问\u{3000}:",
            "答:",
            "记者：",
            "本报记者：",
            "本报记者王明：",
            "主持人 ： 好",
            "Q:",
            "A :",
            "QA:",
            "问题：",
            "今年，",
            "此外，",
            "5日，",
            "这几天，",
            "革开放，",
            "，",
            "a,",
            "a b,",
            "“今，",
            "今年以来，",
            "汾阳市杏花村镇：",
            "汾阳市杏花村镇:",
            "市：",
            "某市：",
            "某某开发区：",
            "一二三四五六七八九十一二市：",
            "一二三四五六七八九十一二三市：",
            "一二三四五六七八九十一二开发区：",
            "城区：",
            "区区：",
            "汾阳市 杏花村镇：",
            "汾阳市杏花村镇：好",
            "Abc市：",
            "新区：",
            "某新区：",
            "街道：",
            "某街道：",
            "某园区:",
            "某社区：",
        ];
        for t in texts {
            assert_eq!(opens_item(t), item.is_match(t), "{t:?}");
            assert_eq!(opens_dialogue(t), dialogue.is_match(t), "{t:?}");
            assert_eq!(opens_with_short_clause(t), short.is_match(t), "{t:?}");
            assert_eq!(is_place_colon(t), place.is_match(t), "{t:?}");
        }
    }

    #[test]
    fn stops_and_commas_told_on_the_bytes_are_the_characters() {
        let by_chars = |t: &str| {
            let inner = t.trim_end_matches(['。', '；', '”', '’']);
            inner.contains(['。', '；', ';'])
        };
        for text in [
            "",
            ";",
            "，",
            ",",
            "a,",
            ",a",
            "ab",
            "城市",
            "会议。",
            "会议。”",
            "会议。开始",
            "一；二",
            "一;二",
            "他说，好",
            "他说,好",
            "钢铁：（二）",
            "据介绍，该项目总投资约12.5亿元。预计明年建成投产；",
            "蔬菜、水果、肉类供应充足”",
            "鋌鋌鋌鋌鋌鋌鋌鋌鋌鋌鋌鋌鋌鋌鋌鋌鋌鋌",
            "笌笌笌笌",
        ] {
            assert_eq!(has_inner_stop(text), by_chars(text), "{text:?}");
            assert_eq!(holds_comma(text), text.contains('，') || text.contains(','), "{text:?}");
        }
    }

    #[test]
    fn an_inner_stop_is_a_stop_before_the_closing_marks() {
        for (text, stop) in [
            ("吕梁市召开会议", false),
            ("吕梁市召开会议。", false),
            ("会议要求：“落实责任。”", false),
            ("会议召开。会议要求落实。", true),
            ("一是抓落实；二是抓推进", true),
            ("一是抓落实;二是抓推进", true),
            ("吕梁市召开会议;", true),
            ("“吕梁市召开会议。”。", false),
            ("", false),
            // Characters sharing bytes with the marks: `傂` (E5 82 82) and
            // `ｂ` (EF BD 82) end in `。`'s last byte, `雛` (E9 9B 9B) in
            // `；`'s; the ideographic space is E3 80 80.
            ("傂傂会议　召开ｂ雛", false),
            ("é会议ü；𠀀", true),
        ] {
            assert_eq!(has_inner_stop(text), stop, "{text}");
            // The same as one search for any of the marks.
            assert_eq!(stop, text.trim_end_matches(['。', '；', '”', '’']).contains(['。', '；', ';']), "{text}");
        }
    }

    #[test]
    fn a_headline_after_its_body_before_a_byline() {
        let page = "第五届中美友城大会当日\n在江苏省苏州市举办，主题为\n“共建绿色城市 共享民生福\n祉”，由中国人民对外友好协会\n和江苏省人民政府共同主办。\n习近平向第五届中美友城大会致信\n本报讯 （记者 罗丽） 11 月 2\n日，我市召开会议。";
        assert_eq!(heads_of(page), vec!["习近平向第五届中美友城大会致信"]);
    }

    #[test]
    fn a_headline_before_a_new_block_of_another_width() {
        let page = "和控制逾期。\n我市抓实小额信贷 助力乡村振兴\n近日，离石区信义镇东泰绿谷农业园温室大棚的草莓迎来了成熟采摘\n与上市的季节。\n走进东泰绿谷农业园大棚，大片草莓映入眼帘，翠绿的叶子，红彤彤的\n草莓，犹如小灯笼一般镶嵌在绿叶中。";
        assert_eq!(heads_of(page), vec!["我市抓实小额信贷 助力乡村振兴"]);
    }

    #[test]
    fn a_line_leaving_room_for_the_next_lines_first_character_does_not_run_on_into_it() {
        // `pdftotext -raw`: no blank lines, paragraphs starting flush, the
        // running lines filled to 38 columns (one hangs its full stop past
        // them). The second headline is 36 wide: within the slack a full
        // line gets, but it leaves room for the character that opens the
        // next line, so the typesetter did not break a running line there
        // (before, it ran on into the lead that repeats its words).
        let page = "交口县乡村公路改造工程全面完工\n今年以来，交口县投入资金一点二亿元，对\n全县四十六条乡村公路进行改造提升，新铺\n柏油路面一百二十余公里，沿线村民出行更\n加方便。\n县交通部门介绍，工程采取以工代赈方式，\n吸纳当地群众参与施工，带动农民增收。\n改造后的公路两旁栽种了行道树，设置了安\n全护栏和错车道，不少村庄还在路边建起了\n小广场，成为村民休闲的好去处。\n孝义市三座乡镇污水处理站建成投入运行\n孝义市三座乡镇污水处理站日前建成并投入\n运行，每天可处理生活污水六千吨，周边村\n庄的污水从此有了去处，河道水质明显改善。\n据了解，污水处理站采用生物处理工艺，运\n行费用低，管理方便，出水达到国家标准。\n市住建部门表示，下一步将继续推进乡镇污\n水管网建设，让更多群众受益。\n全市计划在年底前再新建五座污水处理站，\n覆盖所有乡镇。";
        assert_eq!(heads_of(page), vec!["交口县乡村公路改造工程全面完工", "孝义市三座乡镇污水处理站建成投入运行"]);
    }

    #[test]
    fn a_notice_signature_is_body_and_the_title_after_it_is_not() {
        let page = "卡要等问题的投诉举报。投\n诉举报电话全天候\n受理。\n中共吕梁市纪律检查委员会\n吕梁市监察委员会\n2023年5月8日\n吕梁市纪委监委关于开设营商\n环境投诉举报监督专线的公告\n新华社北京 11 月 3 日电";
        assert_eq!(heads_of(page), vec!["吕梁市纪委监委关于开设营商", "环境投诉举报监督专线的公告"]);
    }

    #[test]
    fn short_headlines_before_long_paragraph_lines() {
        let page = "孙大军主持召开文明城市创建工作专题汇报会\n本报讯(记者 李雅萍)8月10日,市委书记孙大军主持召开文明城市创建工作专题汇报会,听取我市文明城市创建工作推进情况汇报。\n情系民生聚民心\n——柳林县“我为群众办实事”实践活动综述\n□ 本报记者 穆佳妮\n以党史学习教育牵引民生项目加快推进,以党史学习教育牵引城乡治理能力提升,不断增强人民群众获得感。";
        assert_eq!(
            heads_of(page),
            vec!["孙大军主持召开文明城市创建工作专题汇报会", "情系民生聚民心", "——柳林县“我为群众办实事”实践活动综述"]
        );
    }

    #[test]
    fn paragraph_first_lines_are_not_headlines() {
        let page = "带来了实实在在的利益。\n习近平强调，中美友城大会\n是中美地方交流的重要机制，创\n立以来为推动中美友城发展、深\n化友城合作发挥了积极作用。";
        assert!(heads_of(page).is_empty());
    }

    #[test]
    fn a_headline_before_an_item_opening_with_a_time_word() {
        // Column-width lines, no byline on the second item: only its
        // opening `近日，` tells the headline from a paragraph's first line.
        let page = "该县还建立项目建设“红黑\n榜”，每月通报进展情况。\n文水县重点工程复工\n近日，交城县庞泉沟保护区\n工作人员在巡护中发现一群\n褐马鸡在林间觅食。";
        assert_eq!(heads_of(page), vec!["文水县重点工程复工"]);
        // …but a line ending in `截至` leads into what follows.
        let page = "该县还建立项目建设“红黑\n榜”，每月通报进展情况。\n据统计，截至\n近日，全县已完成投资\n12亿元，占全年的三成。";
        assert!(heads_of(page).is_empty());
    }

    #[test]
    fn a_headline_over_its_byline_wrapped_after_an_enumeration_comma() {
        // Even lines, the middle one ending in `、`, right over the byline.
        let page = "会议要求，各地要抓好落实。\n市委书记分别会见来吕考察\n的北京、天津、河北、\n山东客商代表团\n本报讯（记者 王明）11月2日，市委书记\n分别会见了来吕考察的客商代表团。";
        assert_eq!(heads_of(page), vec!["市委书记分别会见来吕考察", "的北京、天津、河北、", "山东客商代表团"]);
    }

    #[test]
    fn lines_that_read_as_sentences() {
        for (text, want) in [
            ("张华指出，要全面加强基层党的建设，深", true),
            ("市委强调，要持续推进", true),
            ("从投资看，一季度，全县固定资产投资", true),
            ("据县统计局统计，今年上半年，全县", true),
            ("人民日报社论：凝心聚力，推进强国建设", false),
            ("“坚定信心、真抓实干，把各方面的干劲带起来”", false),
            ("真抓实干，把各方面的干劲带起来”", false),
            ("全县完成投资1,065万元", false),
            ("吕梁市召开全市经济工作会议", false),
            ("张华强调：要持续推进乡村振兴", false),
        ] {
            assert_eq!(reads_as_sentence(text), want, "{text}");
        }
        for (text, want) in [
            ("今年，全县新增", true),
            ("此外，民航客运量", true),
            ("这几天，位于", false),
            ("5日，以色列", true),
            ("凝心聚力，推进强国建设", false),
            ("人民日报社论：凝心聚力，推进", false),
            ("吕梁市召开经济工作会议", false),
        ] {
            assert_eq!(opens_with_short_clause(text), want, "{text}");
        }
    }

    #[test]
    fn clause_spaces_read_in_place_are_those_read_on_a_copy_of_the_characters() {
        // The test as it was written, on a copy of the line's characters.
        fn on_copy(text: &str) -> bool {
            const OPEN: [char; 6] = ['“', '‘', '《', '「', '（', '('];
            const CLOSE: [char; 6] = ['”', '’', '》', '」', '）', ')'];
            let cs: Vec<char> = text.chars().collect();
            let han = crate::loader::normalize::is_han;
            let mut depth = 0i32;
            for (k, &c) in cs.iter().enumerate() {
                if OPEN.contains(&c) {
                    depth += 1;
                } else if CLOSE.contains(&c) {
                    depth -= 1;
                } else if c == ' ' && depth == 0 && k > 0 && han(cs[k - 1]) && cs.get(k + 1).is_some_and(|&n| han(n)) {
                    let closes_first = cs[k + 1..]
                        .iter()
                        .find(|c| OPEN.contains(c) || CLOSE.contains(c))
                        .is_some_and(|c| CLOSE.contains(c));
                    if !closes_first {
                        return true;
                    }
                }
            }
            false
        }
        let pages = crate::loader::BUNDLED.iter().flat_map(|(_, t)| t.lines());
        let made = [
            "",
            " ",
            "甲 ",
            " 乙",
            "甲 乙",
            "甲  乙",
            "a 乙",
            "甲 b",
            "“甲 乙”",
            "甲 乙”",
            "甲 乙”（丙）",
            "甲 乙（丙）”",
            "（甲）丙 丁",
            "甲）丙 丁",
            "é甲 𠀀乙",
        ];
        for line in pages.chain(made) {
            assert_eq!(has_clause_space(line), on_copy(line), "{line:?}");
        }
    }

    #[test]
    fn the_upper_third_found_in_one_pass_is_the_one_in_the_sorted_widths() {
        // Every list of one to seven widths from 0 to 3 (ties included).
        for len in 1..=7u32 {
            for code in 0..4usize.pow(len) {
                let ws: Vec<usize> = (0..len).map(|d| code / 4usize.pow(d) % 4).collect();
                let mut sorted = ws.clone();
                sorted.sort_unstable();
                assert_eq!(upper_third(&mut ws.clone()), sorted[ws.len() * 2 / 3], "{ws:?}");
            }
        }
    }

    #[test]
    fn clause_spaces_outside_quotations() {
        assert!(has_clause_space("聚焦项目建设 跑出发展加速度"));
        assert!(!has_clause_space("“共建绿色城市 共享民生福祉”"));
        assert!(!has_clause_space("城市 共享民生福祉”，由中国人民"));
        assert!(!has_clause_space("达91% 完成"));
    }
}
