//! Printing items as the raw text an extractor gives for a page, in one of
//! four shapes, with the perfect tree and the gold of what was printed.
//!
//! Widths are measured in terminal columns: CJK characters and CJK (and
//! East Asian ambiguous) punctuation count two, ASCII one; a page's column
//! holds 10 to 24 CJK characters (rarely up to 48).

use super::Rng;
use super::compose::{BylinePlace, Item, PageFrame};
use super::tree::{GoldArticle, GoldIssue, TreeArticle, TreeIssue, fold};
use unicode_width::UnicodeWidthChar;

/// How the page's text is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// Column text as the bundled pages have it: lines broken at the column
    /// width, blank lines between lines or blocks (or none), letter-spaced
    /// justified lines, spaces around digits, headlines after or before.
    Columns,
    /// One paragraph per line, headlines before their bodies.
    Lines,
    /// What `pdftotext` prints: no indents, a blank line around headlines and
    /// captions and at column breaks, paragraphs run together.
    PdfPlain,
    /// What `pdftotext -raw` prints: content-stream order, no blank lines,
    /// captions moved ahead of their article's text.
    PdfRaw,
}

impl Shape {
    /// Every shape, in the order the evaluation prints them.
    pub const ALL: [Shape; 4] = [Shape::Columns, Shape::Lines, Shape::PdfPlain, Shape::PdfRaw];

    /// The shape's name in tables and file names.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Columns => "columns",
            Shape::Lines => "lines",
            Shape::PdfPlain => "pdftotext",
            Shape::PdfRaw => "pdftotext-raw",
        }
    }
}

/// What a printed line is: its gold role, known because the typesetter
/// printed it (the supervision the loader's line model is fitted on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineRole {
    /// A blank line (or the page's closing form feed).
    Blank,
    /// Page furniture: the running head with date and page number.
    Banner,
    /// A line of the kicker (引题) printed above the headline.
    Kicker,
    /// A line of the headline.
    Headline,
    /// A line of the subtitle (副题) printed below the headline.
    Subtitle,
    /// A subheading inside a feature's body.
    Subheading,
    /// An opening byline on a line of its own.
    Byline,
    /// `（上接1版）`: the continuation mark.
    Continued,
    /// The first line of a paragraph of several lines.
    ParaFirst,
    /// A line inside a paragraph.
    ParaMiddle,
    /// The last line of a paragraph of several lines.
    ParaLast,
    /// A paragraph on one line (also a notice's signatory or date).
    ParaWhole,
    /// A line of a photo caption.
    Caption,
    /// A photo credit on a line of its own (`记者 王五 摄`).
    Credit,
}

impl LineRole {
    /// Is this a line of a paragraph (of body text)?
    pub fn is_body(self) -> bool {
        matches!(self, LineRole::ParaFirst | LineRole::ParaMiddle | LineRole::ParaLast | LineRole::ParaWhole)
    }
}

/// The gold of one raw line: its role and the item (index in print order
/// of the page's items) it belongs to; `None` for blank lines and banners.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineLabel {
    pub role: LineRole,
    pub article: Option<usize>,
}

/// One synthetic page: its file name, raw text, perfect tree and gold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthPage {
    pub name: String,
    pub raw: String,
    pub perfect: TreeIssue,
    pub gold: GoldIssue,
    /// The gold of every line of `raw` (`raw.split('\n')`, in order).
    pub labels: Vec<LineLabel>,
}

/// The page's printing habits, drawn once per page.
#[derive(Debug, Clone)]
struct Style {
    shape: Shape,
    /// Column width in terminal columns.
    width: usize,
    head_width: usize,
    head_after: bool,
    /// Every headline of the page printed together (before or after all
    /// the bodies, as `head_after` says), as some extractors order them.
    clustered: bool,
    indent: &'static str,
    /// Per mille: a blank line between two lines of a block.
    blank_line: u64,
    /// Per mille: a blank line between two blocks.
    blank_block: u64,
    /// Per mille: a justified line is letter-spaced.
    spaced: u64,
    /// Per mille: a space between digits and Han characters.
    digit_space: u64,
    /// Per mille: a headline is broken over two lines.
    head_break: u64,
    /// `，（）：；` printed half-width.
    ascii_punct: bool,
    /// PdfPlain: lines per column (a blank line after each column).
    column_lines: usize,
}

impl Style {
    fn draw(shape: Shape, rng: &mut Rng) -> Style {
        let chars = match rng.below(20) {
            0 => 25 + rng.below(24),
            1..=3 => 10 + rng.below(3),
            _ => 12 + rng.below(13),
        };
        let width = chars * 2;
        let mut s = Style {
            shape,
            width,
            head_width: width + 4 + rng.below(width),
            head_after: rng.chance(400),
            clustered: false,
            indent: ["", "", "　　", "  ", " "][rng.below(5)],
            blank_line: [0, 0, 1000, 1000, 850, 300][rng.below(6)],
            blank_block: [1000, 1000, 700, 0][rng.below(4)],
            spaced: [0, 20, 50, 80][rng.below(4)],
            digit_space: [0, 0, 500, 900][rng.below(4)],
            head_break: [0, 300, 600][rng.below(3)],
            ascii_punct: false,
            column_lines: 18 + rng.below(40),
        };
        match shape {
            Shape::Columns => s.clustered = rng.chance(60),
            Shape::Lines => {
                s.head_after = false;
                s.indent = ["", "", "　　"][rng.below(3)];
                s.blank_line = [0, 1000, 1000][rng.below(3)];
                s.spaced = 0;
                s.digit_space = [0, 0, 300][rng.below(3)];
                s.head_break = 0;
                s.ascii_punct = rng.chance(300);
            }
            Shape::PdfPlain | Shape::PdfRaw => {
                s.indent = "";
                s.blank_line = 0;
                s.spaced = 0;
                s.head_break = 1000;
                if shape == Shape::PdfRaw {
                    s.clustered = rng.chance(150);
                    s.digit_space = 0;
                    s.blank_block = 0;
                }
            }
        }
        s
    }
}

/// Width of a character in terminal columns (CJK and ambiguous: two).
pub fn cols(c: char) -> usize {
    if c.is_ascii() { 1 } else { c.width_cjk().unwrap_or(0) }
}

fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{9FFF}').contains(&c) || ('\u{F900}'..='\u{FAFF}').contains(&c)
}

/// Characters that never start a line: the typesetter keeps them on the line before.
fn closing(c: char) -> bool {
    "，。、；：？！”’）》」』…—%,.;:?!)".contains(c)
}

/// A line with spaces between its characters (runs of ASCII kept together).
fn letter_spaced(line: &str) -> String {
    let mut out = String::new();
    let mut prev_ascii = false;
    for c in line.chars() {
        let ascii = c.is_ascii_alphanumeric() || c == '.' || c == '-';
        if !(out.is_empty() || ascii && prev_ascii) {
            out.push(' ');
        }
        out.push(c);
        prev_ascii = ascii;
    }
    out
}

/// Spaces between digits and the Han characters around them (`11 月 3 日`).
fn digit_spaced(line: &str, per_mille: u64, rng: &mut Rng) -> String {
    if per_mille == 0 {
        return line.to_string();
    }
    let mut out = String::new();
    let mut prev: Option<char> = None;
    for c in line.chars() {
        if let Some(p) = prev
            && ((p.is_ascii_digit() && is_han(c)) || (is_han(p) && c.is_ascii_digit()))
            && rng.chance(per_mille)
        {
            out.push(' ');
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// `text` broken into lines of at most `width` columns (the first line also
/// holds `indent`), some justified lines letter-spaced.
fn wrap(text: &str, width: usize, style: &Style, rng: &mut Rng, indent: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let first = lines.is_empty();
        let spaced = style.spaced > 0 && rng.chance(style.spaced);
        let indent_cols: usize = if first { indent.chars().map(cols).sum() } else { 0 };
        let avail = width.saturating_sub(indent_cols + if spaced { 2 + 2 * rng.below(2) } else { 0 }).max(4);
        let mut w = 0;
        let mut j = i;
        while j < chars.len() && (j == i || w + cols(chars[j]) <= avail) {
            w += cols(chars[j]);
            j += 1;
        }
        // Numbers and Latin words of up to 8 characters are not broken.
        if j < chars.len() && chars[j].is_ascii_alphanumeric() {
            let run = |c: char| c.is_ascii_alphanumeric() || ".%-".contains(c);
            let mut k = j;
            while k > i && run(chars[k - 1]) {
                k -= 1;
            }
            let mut end = j;
            while end < chars.len() && run(chars[end]) {
                end += 1;
            }
            if k > i && end - k <= 8 {
                j = k;
            }
        }
        let mut extra = 0;
        while j < chars.len() && closing(chars[j]) && extra < 2 {
            j += 1;
            extra += 1;
        }
        // An opening bracket or quote never ends a line.
        while j > i + 1 && j < chars.len() && "“‘（《「『(".contains(chars[j - 1]) {
            j -= 1;
        }
        let piece: String = chars[i..j].iter().collect();
        let last = j >= chars.len();
        let mut line = if spaced && !last && piece.chars().count() > 3 {
            letter_spaced(&piece)
        } else {
            digit_spaced(&piece, style.digit_space, rng)
        };
        if first {
            line = format!("{indent}{line}");
        }
        lines.push(line);
        i = j;
    }
    lines
}

/// What a block of lines is, for the blank lines around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    Head,
    Body,
    Caption,
}

#[derive(Debug, Clone)]
struct Block {
    kind: BlockKind,
    lines: Vec<String>,
    /// The gold role of each line.
    roles: Vec<LineRole>,
    /// The item the block belongs to (None: the banner).
    item: Option<usize>,
    /// The first line is glued to the end of the line before (after a space),
    /// as extractors print a byline set beside the text above it.
    glue: bool,
    /// A column break comes before it (pdftotext prints a blank line).
    column_break: bool,
}

impl Block {
    fn new(kind: BlockKind, lines: Vec<String>, roles: Vec<LineRole>) -> Block {
        debug_assert_eq!(lines.len(), roles.len());
        Block { kind, lines, roles, item: None, glue: false, column_break: false }
    }

    /// A block whose lines all have one role.
    fn of(kind: BlockKind, lines: Vec<String>, role: LineRole) -> Block {
        let roles = vec![role; lines.len()];
        Block::new(kind, lines, roles)
    }
}

/// The roles of the lines of one paragraph printed over `n` lines.
fn para_roles(n: usize) -> Vec<LineRole> {
    (0..n)
        .map(|k| match (k == 0, k + 1 == n) {
            (true, true) => LineRole::ParaWhole,
            (true, false) => LineRole::ParaFirst,
            (false, true) => LineRole::ParaLast,
            (false, false) => LineRole::ParaMiddle,
        })
        .collect()
}

/// Two articles set side by side, as pdftotext reads them row by row: the
/// first headline, a column of the first body, the second headline, a
/// column of the second body, the next column of the first, and so on.
fn side_by_side(a: (Option<Block>, Vec<Block>), b: (Option<Block>, Vec<Block>), column: usize) -> Vec<Block> {
    let columns = |body: Vec<Block>| -> Vec<Block> {
        let item = body.first().and_then(|b| b.item);
        let lines: Vec<(String, LineRole)> = body.into_iter().flat_map(|b| b.lines.into_iter().zip(b.roles)).collect();
        lines
            .chunks(column.max(3))
            .map(|c| Block {
                column_break: true,
                item,
                ..Block::new(BlockKind::Body, c.iter().map(|l| l.0.clone()).collect(), c.iter().map(|l| l.1).collect())
            })
            .collect::<Vec<_>>()
    };
    let (mut ca, mut cb) = (columns(a.1).into_iter(), columns(b.1).into_iter());
    let mut out: Vec<Block> = a.0.into_iter().collect();
    out.extend(ca.next());
    out.extend(b.0);
    out.extend(cb.next());
    loop {
        let (x, y) = (ca.next(), cb.next());
        if x.is_none() && y.is_none() {
            return out;
        }
        out.extend(x);
        out.extend(y);
    }
}

/// A headline over one or more lines.
fn head_lines(text: &str, style: &Style, rng: &mut Rng) -> Vec<String> {
    let n = text.chars().count();
    if style.shape == Shape::PdfPlain || style.shape == Shape::PdfRaw {
        let mut s = style.clone();
        s.spaced = 0;
        return wrap(text, style.head_width, &s, rng, "");
    }
    if n > 8 && rng.chance(style.head_break) {
        let at = n / 3 + rng.below(n / 3 + 1);
        let a: String = text.chars().take(at).collect();
        let b: String = text.chars().skip(at).collect();
        return vec![a, b];
    }
    vec![text.to_string()]
}

/// The blocks of one item: its headline block, its body blocks, and the
/// paragraphs whose start the printed page does not show (see [`seen_item`]).
fn item_blocks(item: &Item, style: &Style, rng: &mut Rng) -> (Option<Block>, Vec<Block>, Vec<usize>) {
    let mut head = Vec::new();
    let mut head_roles = Vec::new();
    for (text, role) in
        [(&item.kicker, LineRole::Kicker), (&item.title, LineRole::Headline), (&item.subtitle, LineRole::Subtitle)]
    {
        if let Some(t) = text {
            let lines = head_lines(t, style, rng);
            head_roles.extend(std::iter::repeat_n(role, lines.len()));
            head.extend(lines);
        }
    }
    let head = (!head.is_empty()).then_some(Block::new(BlockKind::Head, head, head_roles));

    let mut body: Vec<Block> = Vec::new();
    let one_line = style.shape == Shape::Lines;
    let pdf = matches!(style.shape, Shape::PdfPlain | Shape::PdfRaw);
    if let Some(c) = &item.continued {
        body.push(Block::of(BlockKind::Body, vec![c.clone()], LineRole::Continued));
    }
    let mut lead = String::new();
    if let Some(b) = &item.byline {
        let dateline = b.text.contains("电");
        // `□ 本报评论员 生态环境没有替代品，…`: a boxed byline run into the text.
        let boxed_lead = b.place == BylinePlace::OwnLine && !one_line && rng.chance(150);
        let own = (b.place == BylinePlace::OwnLine && !boxed_lead)
            || (b.place == BylinePlace::Lead && (pdf || dateline) && rng.chance(if pdf { 500 } else { 300 }));
        if own {
            let lines = if one_line || !pdf {
                // Column text sometimes letter-spaces a byline line to the column's width.
                if style.shape == Shape::Columns && rng.chance(150) {
                    vec![letter_spaced(&b.text.replace(' ', ""))]
                } else {
                    vec![b.text.clone()]
                }
            } else {
                wrap(&b.text, style.width, style, rng, "")
            };
            let mut block = Block::of(BlockKind::Body, lines, LineRole::Byline);
            block.glue = pdf && b.place == BylinePlace::OwnLine && rng.chance(250);
            body.push(block);
        } else if b.place == BylinePlace::Lead || boxed_lead {
            lead = b.text.clone();
            if boxed_lead || rng.chance(300) {
                lead.push(' ');
            }
        }
    }
    let mut caption_blocks = Vec::new();
    for c in &item.captions {
        let mut s = style.clone();
        s.spaced = 0;
        // The credit on the caption's last line (and wrapped with it, `记者
        // 王益炜` / `摄`), or on a line of its own.
        let same = !one_line && !c.credit.is_empty() && rng.chance(600);
        let mut lines = if one_line {
            vec![c.text.clone()]
        } else if same {
            wrap(&c.full(), style.width + 4, &s, rng, "")
        } else {
            wrap(&c.text, style.width + 4, &s, rng, "")
        };
        let mut roles = vec![LineRole::Caption; lines.len()];
        if !c.credit.is_empty() && !same {
            lines.push(c.credit.clone());
            roles.push(LineRole::Credit);
        }
        caption_blocks.push((c.after, c.inside, Block::new(BlockKind::Caption, lines, roles)));
    }
    let raw_captions_first = style.shape == Shape::PdfRaw && rng.chance(600);
    if raw_captions_first {
        for (_, _, b) in caption_blocks.drain(..) {
            body.insert(0, b);
        }
    }
    let mut hidden = Vec::new();
    let mut prev_full = false;
    for i in 0..item.paragraphs.len() {
        let text = item.printed_paragraph(i, &lead);
        let short = item.subheads.contains(&i) || item.sign_lines.contains(&i);
        let lines = if one_line {
            vec![format!("{}{}", if short { "" } else { style.indent }, digit_spaced(&text, style.digit_space, rng))]
        } else if short {
            let pad = if item.sign_lines.contains(&i) && style.shape == Shape::Columns && rng.chance(500) {
                " ".repeat(2 + rng.below(style.width / 2))
            } else {
                String::new()
            };
            vec![format!("{pad}{text}")]
        } else {
            wrap(&text, style.width, style, rng, style.indent)
        };
        // A paragraph that starts with no indent after a line filled to the
        // column's edge shows no break at all: nothing on the page tells it
        // from the line before, so the perfect tree joins them.
        let mut roles = if item.subheads.contains(&i) { vec![LineRole::Subheading] } else { para_roles(lines.len()) };
        if i > 0 && prev_full && !short && !one_line && style.indent.is_empty() {
            hidden.push(i);
            // The two paragraphs read as one: the line before goes on, and
            // this one does not start anything.
            if let Some(r) = body.iter_mut().rev().find(|b| b.kind == BlockKind::Body).and_then(|b| b.roles.last_mut())
            {
                *r = match *r {
                    LineRole::ParaLast => LineRole::ParaMiddle,
                    LineRole::ParaWhole => LineRole::ParaFirst,
                    r => r,
                };
            }
            roles[0] = match roles[0] {
                LineRole::ParaFirst => LineRole::ParaMiddle,
                LineRole::ParaWhole => LineRole::ParaLast,
                r => r,
            };
        }
        prev_full = !short
            && lines.last().is_some_and(|l| l.chars().filter(|c| *c != ' ').map(cols).sum::<usize>() + 2 > style.width);
        let mine: Vec<usize> = (0..caption_blocks.len()).filter(|&k| caption_blocks[k].0 == i).collect();
        let inside = mine.iter().find(|&&k| caption_blocks[k].1).copied().filter(|_| lines.len() >= 2);
        if let Some(k) = inside {
            let cut = 1 + rng.below(lines.len() - 1);
            body.push(Block::new(BlockKind::Body, lines[..cut].to_vec(), roles[..cut].to_vec()));
            body.push(caption_blocks[k].2.clone());
            body.push(Block::new(BlockKind::Body, lines[cut..].to_vec(), roles[cut..].to_vec()));
        } else {
            body.push(Block::new(BlockKind::Body, lines, roles));
        }
        for &k in mine.iter().filter(|&&k| Some(k) != inside) {
            body.push(caption_blocks[k].2.clone());
        }
    }
    (head, body, hidden)
}

/// The item as its printed page shows it: each paragraph whose start is
/// hidden joined to the paragraph before.
fn seen_item(item: &Item, hidden: &[usize]) -> Item {
    let mut seen = item.clone();
    seen.paragraphs.clear();
    for (i, p) in item.paragraphs.iter().enumerate() {
        match seen.paragraphs.last_mut() {
            Some(last) if hidden.contains(&i) => last.push_str(p),
            _ => seen.paragraphs.push(p.clone()),
        }
    }
    // The jump mark, printed after the last sentence, tells the reader where
    // the article goes on: it is the article's (as the continuation mark is
    // its kicker), a last paragraph of its own, as the loader sets it apart.
    if let Some(jump) = seen.jump.take() {
        seen.paragraphs.push(jump);
    }
    seen
}

/// The perfect tree's article for an item.
fn perfect_article(item: &Item) -> TreeArticle {
    let (title, title_inferred) = item.shown_title();
    TreeArticle {
        title,
        title_inferred,
        kicker: item.continued.clone().or(item.kicker.clone()),
        subtitle: item.subtitle.clone(),
        byline: item.byline.as_ref().map(|b| b.text.clone()),
        kind: item.kind,
        paragraphs: item.paragraphs.clone(),
        captions: item.captions.iter().map(|c| if c.credit.is_empty() { c.text.clone() } else { c.full() }).collect(),
    }
}

fn first_chars(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

fn last_chars(s: &str, n: usize) -> String {
    let v: Vec<char> = s.chars().collect();
    v[v.len().saturating_sub(n)..].iter().collect()
}

/// The gold of the items of a page.
fn gold_of(items: &[Item]) -> GoldIssue {
    let leads: Vec<String> = items
        .iter()
        .map(|it| fold(&(it.byline.as_ref().map(|b| b.text.clone()).unwrap_or_default() + &it.paragraphs.concat())))
        .collect();
    let mut articles = Vec::new();
    for (k, it) in items.iter().enumerate() {
        let first = fold(it.paragraphs.first().map(String::as_str).unwrap_or(""));
        // A start no other item shows near its own start.
        let mut n = 16;
        let mut start = first_chars(&first, n);
        while n < 60
            && leads
                .iter()
                .enumerate()
                .any(|(j, l)| j != k && first_chars(l, 80 + start.chars().count()).contains(start.as_str()))
        {
            n += 8;
            start = first_chars(&first, n);
        }
        let last = fold(it.paragraphs.last().map(String::as_str).unwrap_or(""));
        articles.push(GoldArticle {
            title: it.title.clone(),
            kind: Some(it.kind),
            start: Some(start),
            end: Some(last_chars(&last, 10)),
            paragraphs: it
                .paragraphs
                .iter()
                .skip(1)
                .map(|p| first_chars(&fold(p), 10))
                .filter(|p| !p.is_empty())
                .collect(),
            captions: it.captions.iter().map(|c| fold(&c.text)).collect(),
            attached: it.kicker.iter().chain(&it.subtitle).cloned().collect(),
            ..GoldArticle::default()
        });
    }
    GoldIssue { date: None, articles }
}

/// `，（）：；！？` as their half-width forms.
fn half_width_punct(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '，' => ',',
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '；' => ';',
            '！' => '!',
            '？' => '?',
            c => c,
        })
        .collect()
}

/// Prints `items` (with the page's banner) in `shape` as page `name`.
pub fn typeset(name: &str, items: &[Item], frame: &PageFrame, shape: Shape, rng: &mut Rng) -> SynthPage {
    let style = Style::draw(shape, rng);
    let mut blocks: Vec<Block> = Vec::new();
    let mut fragments = Vec::new();
    if let Some(b) = frame.banner.as_ref().filter(|_| frame.banner_at_top) {
        blocks.push(Block::of(BlockKind::Head, vec![b.clone()], LineRole::Banner));
        fragments.push(b.clone());
    }
    let mut heads = Vec::new();
    let mut pending: Option<(Option<Block>, Vec<Block>)> = None;
    let mut seen = Vec::with_capacity(items.len());
    for (k, item) in items.iter().enumerate() {
        let (mut head, mut body, hidden) = item_blocks(item, &style, rng);
        for b in head.iter_mut().chain(body.iter_mut()) {
            b.item = Some(k);
        }
        seen.push(seen_item(item, &hidden));
        if let Some(first) = pending.take() {
            blocks.extend(side_by_side(first, (head, body), style.column_lines / 2));
        } else if shape == Shape::PdfPlain && !style.clustered && !style.head_after && rng.chance(200) {
            pending = Some((head, body));
        } else if style.clustered {
            heads.extend(head);
            blocks.extend(body);
        } else if style.head_after {
            blocks.extend(body);
            blocks.extend(head);
        } else {
            blocks.extend(head);
            blocks.extend(body);
        }
    }
    if let Some((head, body)) = pending {
        blocks.extend(head);
        blocks.extend(body);
    }
    if style.clustered {
        let at =
            if style.head_after { blocks.len() } else { usize::from(frame.banner.is_some() && frame.banner_at_top) };
        blocks.splice(at..at, heads);
    }
    // A photo printed away from its article: its caption comes where the
    // extractor meets it, between the lines of another column.
    if matches!(shape, Shape::Columns | Shape::PdfPlain) && blocks.len() > 2 {
        for k in 0..blocks.len() {
            if blocks[k].kind == BlockKind::Caption && rng.chance(150) {
                let b = blocks.remove(k);
                let to = 1 + rng.below(blocks.len() - 1);
                blocks.insert(to, b);
            }
        }
    }
    if let Some(b) = frame.banner.as_ref().filter(|_| !frame.banner_at_top) {
        blocks.push(Block::of(BlockKind::Head, vec![b.clone()], LineRole::Banner));
        fragments.push(b.clone());
    }
    let mut raw = String::new();
    let mut labels = Vec::new();
    let blank_label = LineLabel { role: LineRole::Blank, article: None };
    let mut count = 0usize;
    let mut prev_kind: Option<BlockKind> = None;
    for b in &blocks {
        for (i, line) in b.lines.iter().enumerate() {
            if i == 0 && b.glue && !raw.is_empty() {
                raw.push(' ');
            } else if !raw.is_empty() {
                let blank = match style.shape {
                    Shape::PdfRaw => false,
                    Shape::PdfPlain => {
                        (i == 0 && (b.kind != BlockKind::Body || prev_kind != Some(BlockKind::Body) || b.column_break))
                            || count.is_multiple_of(style.column_lines)
                    }
                    Shape::Lines => (i == 0 && b.kind == BlockKind::Caption) || rng.chance(style.blank_line),
                    Shape::Columns => rng.chance(if i == 0 { style.blank_block } else { style.blank_line }),
                };
                raw.push_str(if blank { "\n\n" } else { "\n" });
                if blank {
                    labels.push(blank_label);
                }
                labels.push(LineLabel { role: b.roles[i], article: b.item });
            } else {
                labels.push(LineLabel { role: b.roles[i], article: b.item });
            }
            raw.push_str(if style.ascii_punct { half_width_punct(line) } else { line.clone() }.as_str());
            count += 1;
        }
        prev_kind = Some(b.kind);
    }
    raw.push('\n');
    if matches!(shape, Shape::PdfPlain | Shape::PdfRaw) && rng.chance(500) {
        raw.push('\u{c}');
    }
    labels.resize(raw.split('\n').count(), blank_label);
    let (perfect, gold) = seen_trees(name, &seen, fragments);
    SynthPage { name: name.to_string(), raw, perfect, gold, labels }
}

/// The perfect tree and the gold of a page printing `items` (with the
/// page's `fragments`: the banner), for pages printed by other means
/// than [`typeset`] (PDF pages read by an extractor): `hidden[k]` lists item
/// `k`'s paragraphs whose start the extractor's text does not show (see
/// [`unshown_breaks`]); each is joined to the paragraph before, as
/// [`typeset`] does for the breaks its own pages hide.
pub fn page_trees(name: &str, items: &[Item], hidden: &[Vec<usize>], fragments: Vec<String>) -> (TreeIssue, GoldIssue) {
    let seen: Vec<Item> =
        items.iter().enumerate().map(|(k, item)| seen_item(item, hidden.get(k).map_or(&[], Vec::as_slice))).collect();
    seen_trees(name, &seen, fragments)
}

/// One line of an extractor's text as a reader of it sees it.
struct ExtractedLine {
    /// The line with its white space (and form feeds) left out.
    text: String,
    /// Starts with white space: the extractor kept the paragraph's indent.
    indented: bool,
    /// The printed width in half ems (ASCII and spaces half an em, all else
    /// one), not counting the white space at either end.
    halves: usize,
}

impl ExtractedLine {
    fn of(raw: &str) -> ExtractedLine {
        let blank = |c: char| c.is_whitespace() || c == '\u{c}';
        let trimmed = raw.trim_matches(blank);
        ExtractedLine {
            text: raw.chars().filter(|&c| !blank(c)).collect(),
            indented: raw.trim_start_matches('\u{c}').starts_with(char::is_whitespace) && !trimmed.is_empty(),
            halves: trimmed.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum(),
        }
    }
}

/// The paragraph breaks of each item that an extractor's `text` of the
/// page does not show, by item (paragraph indices into `items[k]`, as
/// [`page_trees`] takes them). `columns[k]` is how many ems item `k`'s full
/// body lines hold. A break is unseen where the paragraph is one line of the
/// text, printed with no indent, and the line just before it is the end of
/// the paragraph before, full (short of the column by less than one em: no
/// further character would have fitted): a reader of the text takes the
/// short line for the last line of the paragraph before. Subheadings and a
/// notice's signatory lines are set apart on the page and never count.
pub fn unshown_breaks(text: &str, items: &[Item], columns: &[usize]) -> Vec<Vec<usize>> {
    let lines: Vec<ExtractedLine> = text.split('\n').map(ExtractedLine::of).collect();
    let mut at: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (j, l) in lines.iter().enumerate().skip(1) {
        if !l.text.is_empty() && !l.indented {
            at.entry(l.text.as_str()).or_default().push(j);
        }
    }
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let mut out = vec![Vec::new(); items.len()];
    for (k, item) in items.iter().enumerate() {
        let Some(&cpl) = columns.get(k) else { continue };
        let lead = item.byline.as_ref().filter(|b| b.place == BylinePlace::Lead).map_or("", |b| b.text.as_str());
        let set_apart = |i: usize| item.subheads.contains(&i) || item.sign_lines.contains(&i);
        for i in 1..item.paragraphs.len() {
            if set_apart(i) || set_apart(i - 1) {
                continue;
            }
            let Some(found) = at.get(squeeze(&item.printed_paragraph(i, lead)).as_str()) else { continue };
            let before = squeeze(&item.printed_paragraph(i - 1, lead));
            let unseen = found.iter().any(|&j| {
                let prev = &lines[j - 1];
                !prev.text.is_empty() && before.ends_with(&prev.text) && prev.halves + 2 > 2 * cpl
            });
            if unseen {
                out[k].push(i);
            }
        }
    }
    out
}

/// The perfect tree and gold of items as the page shows them.
fn seen_trees(name: &str, seen: &[Item], fragments: Vec<String>) -> (TreeIssue, GoldIssue) {
    let perfect = TreeIssue {
        source: name.to_string(),
        date: None,
        date_inferred: false,
        articles: seen.iter().map(perfect_article).collect(),
        fragments,
    };
    (perfect, gold_of(seen))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn width(line: &str) -> usize {
        line.chars().map(cols).sum()
    }

    /// The unseen breaks of one item of `paragraphs` (subheadings at
    /// `subheads`) in a column of six ems, printed as `text`.
    fn unseen(text: &str, paragraphs: &[&str], subheads: &[usize]) -> Vec<usize> {
        let item = Item {
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            subheads: subheads.to_vec(),
            ..Item::default()
        };
        unshown_breaks(text, &[item], &[6]).concat()
    }

    #[test]
    fn an_extractor_hides_a_one_line_paragraph_after_a_full_line() {
        let three = ["甲乙丙丁戊己庚辛壬癸。", "寅卯辰。", "巳午未申酉戌亥甲乙丙。"];
        // The indent dropped, the line before full (six ems, the column's
        // width, its full stop hanging): the second paragraph's break does
        // not show; the third's line before is short, so its break shows.
        let dropped = "甲乙丙丁\n戊己庚辛壬癸。\n寅卯辰。\n巳午未申\n酉戌亥甲乙丙。\n";
        assert_eq!(unseen(dropped, &three, &[]), vec![1]);
        // The same lines with the indent kept show the break.
        let kept = "  甲乙丙丁\n戊己庚辛壬癸。\n  寅卯辰。\n  巳午未申\n酉戌亥甲乙丙。\n";
        assert_eq!(unseen(kept, &three, &[]), Vec::<usize>::new());
        // A line before half an em short (ASCII at its end) is full: no
        // further character fits; a whole em short shows its paragraph ended.
        let ascii = ["甲乙丙丁戊己庚辛壬a", "寅卯辰。"];
        assert_eq!(unseen("甲乙丙丁\n戊己庚辛壬a\n寅卯辰。\n", &ascii, &[]), vec![1]);
        let short = ["甲乙丙丁戊己庚辛壬", "寅卯辰。"];
        assert_eq!(unseen("甲乙丙丁\n戊己庚辛壬\n寅卯辰。\n", &short, &[]), Vec::<usize>::new());
        // A paragraph of two lines after a full line: its first line, short
        // by the indent's room, shows its start.
        let two = ["甲乙丙丁戊己庚辛壬癸", "寅卯辰巳午未申酉。"];
        assert_eq!(unseen("甲乙丙丁\n戊己庚辛壬癸\n寅卯辰巳\n午未申酉。\n", &two, &[]), Vec::<usize>::new());
        // A subheading is set apart on the page and never counts.
        let sub = ["甲乙丙丁戊己庚辛壬癸", "寅卯辰", "巳午未申酉戌亥。"];
        let text = "甲乙丙丁\n戊己庚辛壬癸\n寅卯辰\n巳午未申\n酉戌亥。\n";
        assert_eq!(unseen(text, &sub, &[]), vec![1]);
        assert_eq!(unseen(text, &sub, &[1]), Vec::<usize>::new());
        // The joined paragraphs in the perfect tree and the gold.
        let item = Item { paragraphs: three.iter().map(|p| p.to_string()).collect(), ..Item::default() };
        let (perfect, gold) = page_trees("p", &[item], &[vec![1]], Vec::new());
        assert_eq!(perfect.articles[0].paragraphs, vec!["甲乙丙丁戊己庚辛壬癸。寅卯辰。", "巳午未申酉戌亥甲乙丙。"]);
        assert_eq!(gold.articles[0].paragraphs, vec!["巳午未申酉戌亥甲乙丙"]);
    }

    #[test]
    fn a_break_the_page_does_not_show_is_joined_in_the_perfect_tree() {
        // Unindented paragraphs: the first ends exactly at the column's edge
        // (6 characters in a 12-column line), the second ends short.
        let style = Style { indent: "", spaced: 0, digit_space: 0, ..Style::draw(Shape::Columns, &mut Rng::new(7)) };
        let style = Style { width: 12, ..style };
        let item = Item {
            paragraphs: vec!["甲乙丙丁戊。".into(), "己庚辛。".into(), "壬癸。".into()],
            ..Item::default()
        };
        let (_, _, hidden) = item_blocks(&item, &style, &mut Rng::new(1));
        assert_eq!(hidden, vec![1]);
        assert_eq!(seen_item(&item, &hidden).paragraphs, vec!["甲乙丙丁戊。己庚辛。", "壬癸。"]);
        let indented = Style { indent: "　　", ..style };
        let (_, _, hidden) = item_blocks(&item, &indented, &mut Rng::new(1));
        assert!(hidden.is_empty(), "an indent shows every break");
    }

    #[test]
    fn lines_keep_to_the_column_and_lose_nothing() {
        let text = "习近平指出，中美关系的基础在民间，力量源泉在人民友好。自1979年缔结第一对友城关系至今，中美已经建立284对友好省州和友好城市关系（“共建绿色城市 共享民生福祉”）。";
        let mut rng = Rng::new(5);
        for shape in Shape::ALL {
            let mut style = Style::draw(shape, &mut rng);
            style.width = 24;
            let lines = wrap(text, style.width, &style, &mut rng, style.indent);
            let joined: String = lines.concat();
            assert_eq!(fold(&joined), fold(text));
            for l in &lines {
                let spaced = l.trim().contains(' ') && l.chars().filter(|c| *c == ' ').count() > 3;
                // Closing punctuation may hang over the edge by two characters.
                assert!(spaced || width(l.trim_start()) <= 24 + 4, "{l:?} too wide");
                assert!(!l.ends_with(['“', '（']), "{l:?} ends with an opening mark");
            }
            assert!(!lines.iter().any(|l| l.trim_start().starts_with(['，', '。', '”'])), "{lines:?}");
        }
    }

    /// Three items with every kind of line: kicker, headline, subtitle,
    /// bylines, subheading, captions with credits, a continuation mark.
    fn sample_items() -> Vec<Item> {
        use super::super::compose::{Byline, Caption};
        let para = |s: &str| s.repeat(3);
        vec![
            Item {
                kicker: Some("深化改革 扩大开放".into()),
                title: Some("我市召开全市经济工作会议部署明年重点任务".into()),
                subtitle: Some("——聚焦高质量发展".into()),
                byline: Some(Byline { text: "本报讯（记者 王五）".into(), place: BylinePlace::Lead }),
                paragraphs: vec![
                    para("会议强调，要坚持稳中求进工作总基调，推动经济实现质的有效提升。"),
                    "抓好项目建设".into(),
                    para("各地要抓住有利时机，扎实推进重点项目建设，确保按期完工。"),
                ],
                subheads: vec![1],
                captions: vec![Caption {
                    text: "图为会议现场。".into(),
                    credit: "记者 赵六 摄".into(),
                    after: 0,
                    inside: true,
                }],
                ..Item::default()
            },
            Item {
                title: Some("乡村振兴见实效".into()),
                byline: Some(Byline { text: "□ 本报记者 李四".into(), place: BylinePlace::OwnLine }),
                continued: Some("（上接1版）".into()),
                paragraphs: vec![
                    para("近日，记者走进离石区信义镇，大棚里的草莓迎来了成熟采摘的季节。"),
                    "短段。".into(),
                ],
                ..Item::default()
            },
            Item {
                byline: Some(Byline { text: "（张三）".into(), place: BylinePlace::Trailing }),
                paragraphs: vec![para("3月5日，全县春耕生产全面展开，农机手们抢抓农时，田间地头一派繁忙景象。")],
                ..Item::default()
            },
        ]
    }

    #[test]
    fn every_line_is_labelled_with_its_role_and_item() {
        let items = sample_items();
        let frame =
            PageFrame { banner: Some("吕梁日报 2024年6月12日 星期三 第3版".into()), banner_at_top: true };
        for seed in 0..40 {
            for shape in Shape::ALL {
                let page = typeset("t.txt", &items, &frame, shape, &mut Rng::new(seed));
                let raw: Vec<&str> = page.raw.split('\n').collect();
                assert_eq!(raw.len(), page.labels.len(), "{shape:?} {seed}");
                for (line, label) in raw.iter().zip(&page.labels) {
                    let blank = line.trim_matches([' ', '\u{c}']).is_empty();
                    assert_eq!(blank, label.role == LineRole::Blank, "{shape:?} {seed}: {line:?} {label:?}");
                    assert_eq!(label.article.is_none(), matches!(label.role, LineRole::Blank | LineRole::Banner));
                }
                let text_of = |k: usize, role: LineRole| -> String {
                    let ls = raw.iter().zip(&page.labels).filter(|(_, l)| l.article == Some(k) && l.role == role);
                    fold(&ls.map(|(t, _)| *t).collect::<String>())
                };
                for (k, item) in items.iter().enumerate() {
                    assert_eq!(text_of(k, LineRole::Headline), fold(item.title.as_deref().unwrap_or("")));
                    assert_eq!(text_of(k, LineRole::Kicker), fold(item.kicker.as_deref().unwrap_or("")));
                    assert_eq!(text_of(k, LineRole::Subtitle), fold(item.subtitle.as_deref().unwrap_or("")));
                    let subheads: String = item.subheads.iter().map(|&i| item.paragraphs[i].as_str()).collect();
                    assert_eq!(text_of(k, LineRole::Subheading), fold(&subheads));
                    // Paragraph lines read First Middle* Last or Whole, and
                    // there are as many starts as the perfect tree has
                    // paragraphs (other than subheadings).
                    let roles: Vec<LineRole> = page
                        .labels
                        .iter()
                        .filter(|l| l.article == Some(k) && l.role.is_body())
                        .map(|l| l.role)
                        .collect();
                    let mut open = false;
                    for r in &roles {
                        let starts = matches!(r, LineRole::ParaFirst | LineRole::ParaWhole);
                        assert_eq!(starts, !open, "{shape:?} {seed} item {k}: {roles:?}");
                        open = matches!(r, LineRole::ParaFirst | LineRole::ParaMiddle);
                    }
                    assert!(!open, "{shape:?} {seed} item {k}: {roles:?}");
                    let starts =
                        roles.iter().filter(|r| matches!(r, LineRole::ParaFirst | LineRole::ParaWhole)).count();
                    assert_eq!(starts, page.perfect.articles[k].paragraphs.len() - item.subheads.len());
                }
            }
        }
    }

    #[test]
    fn cjk_and_ambiguous_punctuation_count_two_columns() {
        assert_eq!(width("中文ab“”…"), 2 + 2 + 1 + 1 + 2 + 2 + 2);
    }
}
