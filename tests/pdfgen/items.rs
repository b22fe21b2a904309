//! The loader corpus' pages (`lvread::synth`: composed items with kickers,
//! subtitles, bylines of every kind, subheadings, notices, captions, jump
//! and continuation marks, banners) typeset as PDF pages, so that what real
//! extractors print from them can be scored against the same trees as the
//! corpus' text shapes.
//!
//! A page has one to three strips; each item is a box in the shortest strip:
//! its kicker, headline and subtitle over one to six columns of body text
//! (paragraph indents moved or set with ideographic spaces, subheadings
//! centred in the headline font, a notice's signatory and date set right),
//! the photo and its caption under them. The page is as tall as its longest
//! strip. Every glyph is one em wide (see the parent module).

use super::{Encoding, GUTTER, LaidPage, MARGIN, PAGE_W, Rng, Run, write};
use lvread::synth::compose::{BylinePlace, Item, PageFrame};
use lvread::synth::source::{Half, Material};
use lvread::synth::typeset::{page_trees, unshown_breaks};
use lvread::synth::{SynthPage, sets};
use std::path::Path;
use std::process::Command;

/// Most lines a body column is given before the box gets another column.
const COLUMN_LINES: usize = 48;
/// Fewest lines a column of a box of several columns holds.
const SHORTEST_COLUMN: usize = 6;

/// A synthetic page typeset as a PDF.
#[derive(Debug, Clone)]
pub struct ItemsPdf {
    pub pdf: Vec<u8>,
    /// Text that belongs to no item: the banner.
    pub fragments: Vec<String>,
    /// How many ems each item's full body lines hold, by item.
    pub columns: Vec<usize>,
}

/// How a body line sits in its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    /// Moved two ems right (a paragraph's first line).
    Indent,
    Right,
    Centre,
}

/// One line of an item's body column.
#[derive(Debug, Clone)]
struct BodyLine {
    text: String,
    align: Align,
    /// 0: body font, 1: headline font (subheadings).
    font: usize,
}

/// The page's habits.
#[derive(Debug, Clone)]
struct Look {
    strips: usize,
    body: f32,
    space_indent: bool,
    centre_heads: bool,
    heads_last: bool,
    /// Line pitch in ems of the body size.
    lead: f32,
}

/// Characters that never start a line (kept on the line before, hanging
/// into the gutter).
fn closing(c: char) -> bool {
    "，。、；：？！”’）》」』…%,.;:?!)".contains(c)
}

/// A character's width in half ems (ASCII is set half an em wide).
fn halves(c: char) -> usize {
    if c.is_ascii() { 1 } else { 2 }
}

/// A text's width in ems.
fn ems(text: &str) -> f32 {
    text.chars().map(halves).sum::<usize>() as f32 / 2.0
}

/// `text` broken into lines of `cpl` ems (the first `first_room`), closing
/// punctuation kept on its line (hanging), an opening mark never last.
fn wrap(text: &str, cpl: usize, first_room: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let room = 2 * if lines.is_empty() { first_room } else { cpl }.max(2);
        let mut j = i;
        let mut w = 0;
        while j < chars.len() && w + halves(chars[j]) <= room {
            w += halves(chars[j]);
            j += 1;
        }
        if j < chars.len() && closing(chars[j]) {
            j += 1;
        }
        while j > i + 1 && j < chars.len() && "“‘（《「『(".contains(chars[j - 1]) {
            j -= 1;
        }
        lines.push(chars[i..j].iter().collect());
        i = j;
    }
    lines
}

/// The body lines of an item in columns of `cpl` ems.
fn body_lines(item: &Item, cpl: usize, look: &Look) -> Vec<BodyLine> {
    let mut out = Vec::new();
    let left = |t: &str, out: &mut Vec<BodyLine>| {
        for l in wrap(t, cpl, cpl) {
            out.push(BodyLine { text: l, align: Align::Left, font: 0 });
        }
    };
    if let Some(c) = &item.continued {
        left(c, &mut out);
    }
    let mut lead = String::new();
    match &item.byline {
        Some(b) if b.place == BylinePlace::OwnLine => left(&b.text, &mut out),
        Some(b) if b.place == BylinePlace::Lead => lead = b.text.clone(),
        _ => {}
    }
    for i in 0..item.paragraphs.len() {
        let text = item.printed_paragraph(i, &lead);
        let (align, font) = if item.subheads.contains(&i) {
            (Align::Centre, 1)
        } else if item.sign_lines.contains(&i) {
            (Align::Right, 0)
        } else {
            (Align::Indent, 0)
        };
        if align != Align::Indent {
            for l in wrap(&text, cpl, cpl) {
                out.push(BodyLine { text: l, align, font });
            }
            continue;
        }
        let lines = if look.space_indent {
            wrap(&format!("\u{3000}\u{3000}{text}"), cpl, cpl)
        } else {
            wrap(&text, cpl, cpl - 2)
        };
        for (k, l) in lines.into_iter().enumerate() {
            let align = if k == 0 && !look.space_indent { Align::Indent } else { Align::Left };
            out.push(BodyLine { text: l, align, font: 0 });
        }
    }
    out
}

/// Head lines of at most `max` characters.
fn head_lines(text: &str, max: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    chars.chunks(max.max(1)).map(|c| c.iter().collect::<String>().trim().to_string()).collect()
}

/// One item laid out: its runs, its grey rectangles (photo, rule), where the
/// next box starts and how many ems its full body lines hold.
struct ItemBox {
    runs: Vec<Run>,
    rules: Vec<[f32; 4]>,
    next: f32,
    cpl: usize,
}

/// Lays out one item in a box `strip_w` wide at (x0, y).
fn item_box(item: &Item, look: &Look, x0: f32, y: f32, strip_w: f32, rng: &mut Rng) -> ItemBox {
    let body = look.body;
    let lead = body * look.lead;
    let max_cols = ((strip_w + GUTTER) / (8.0 * body + GUTTER)).floor().max(1.0) as usize;
    let mut cols = if strip_w > 500.0 {
        rng.range(2, 5)
    } else if strip_w > 300.0 {
        rng.range(1, 4)
    } else {
        rng.range(1, 3)
    };
    cols = cols.min(max_cols);
    let mut grown = false;
    let (lines, cpl) = loop {
        let col_w = (strip_w - GUTTER * (cols as f32 - 1.0)) / cols as f32;
        let cpl = (col_w / body).floor() as usize;
        let lines = body_lines(item, cpl, look);
        if cols > 1 && lines.len() < cols * SHORTEST_COLUMN && !grown {
            // A short text is not spread over columns of a few lines.
            cols -= 1;
            continue;
        }
        if lines.len().div_ceil(cols) <= COLUMN_LINES || cols >= max_cols {
            break (lines, cpl);
        }
        cols += 1;
        grown = true;
    };
    let col_w = cpl as f32 * body;
    let box_w = col_w * cols as f32 + GUTTER * (cols as f32 - 1.0);
    let per_col = lines.len().div_ceil(cols).max(1);
    let head_size = [16.0f32, 18.0, 20.0, 22.0, 24.0, 26.0][rng.range(0, 6)].max(body * 1.6);
    let kick_size = (head_size * 0.6).max(body * 1.2);
    let place = |text: &str, size: f32| -> f32 {
        let w = ems(text) * size;
        if look.centre_heads { x0 + ((box_w - w) / 2.0).max(0.0) } else { x0 }
    };
    let mut head_runs = Vec::new();
    let mut hy = y;
    let head_run = |text: &str, size: f32, y: f32| Run {
        font: 1,
        size,
        x: place(text, size),
        y,
        text: text.to_string(),
        bold: false,
        head: true,
    };
    if let Some(k) = &item.kicker {
        for l in head_lines(k, (box_w / kick_size) as usize) {
            hy += kick_size;
            head_runs.push(head_run(&l, kick_size, hy));
            hy += kick_size * 0.6;
        }
    }
    if let Some(t) = &item.title {
        for l in head_lines(t, (box_w / head_size) as usize) {
            hy += head_size;
            head_runs.push(head_run(&l, head_size, hy));
            hy += head_size * 0.25;
        }
    }
    if let Some(s) = &item.subtitle {
        for l in head_lines(s, (box_w / kick_size) as usize) {
            hy += kick_size * 1.1;
            head_runs.push(head_run(&l, kick_size, hy));
            hy += kick_size * 0.5;
        }
    }
    let by = hy + body * 1.5;
    let mut body_runs = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let cx = x0 + (i / per_col) as f32 * (col_w + GUTTER);
        let n = ems(&l.text);
        let x = match l.align {
            Align::Left => cx,
            Align::Indent => cx + 2.0 * body,
            Align::Right => cx + (col_w - n * body).max(0.0),
            Align::Centre => cx + ((col_w - n * body) / 2.0).max(0.0),
        };
        let text = l.text.clone();
        body_runs.push(Run {
            font: l.font,
            size: body,
            x,
            y: by + (i % per_col) as f32 * lead,
            text,
            bold: false,
            head: false,
        });
    }
    let mut bottom = by + per_col as f32 * lead;
    let mut rules = Vec::new();
    let cap_size = (body * 0.8).round();
    for c in &item.captions {
        rules.push([x0, bottom, box_w, 80.0]);
        bottom += 80.0 + cap_size * 1.5;
        let mut cap_lines = Vec::new();
        let per_line = (box_w / cap_size) as usize;
        if c.credit.is_empty() || rng.chance(60) {
            let text = if c.credit.is_empty() { c.text.clone() } else { c.full() };
            cap_lines.extend(head_lines(&text, per_line));
        } else {
            cap_lines.extend(head_lines(&c.text, per_line));
            cap_lines.push(c.credit.clone());
        }
        for l in cap_lines {
            body_runs.push(Run { font: 0, size: cap_size, x: x0, y: bottom, text: l, bold: false, head: false });
            bottom += cap_size * 1.5;
        }
    }
    let mut runs = Vec::new();
    if look.heads_last {
        runs.extend(body_runs);
        runs.extend(head_runs);
    } else {
        runs.extend(head_runs);
        runs.extend(body_runs);
    }
    rules.push([x0, bottom + body * 0.5, box_w, 0.8]);
    ItemBox { runs, rules, next: bottom + body * 2.5, cpl }
}

/// Typesets a composed page (its items and frame) as a one-page PDF, the
/// look drawn from `seed`.
pub fn items_pdf(items: &[Item], frame: &PageFrame, seed: u64) -> ItemsPdf {
    let mut rng = Rng::new(seed);
    let look = Look {
        strips: rng.range(1, 4),
        body: [9.0, 9.5, 10.0, 10.5, 11.0][rng.range(0, 5)],
        space_indent: rng.chance(40),
        centre_heads: rng.chance(60),
        heads_last: rng.chance(40),
        lead: [1.3, 1.35, 1.4, 1.45][rng.range(0, 4)],
    };
    // Identity-H with a Unicode map: any character, and widths of our own
    // (ASCII half an em, as real fonts set it).
    let encoding = Encoding::IdentityToUnicode;
    let strip_w = (PAGE_W - 2.0 * MARGIN - GUTTER * (look.strips as f32 - 1.0)) / look.strips as f32;
    let mut fragments = Vec::new();
    let mut runs = Vec::new();
    let mut rules = Vec::new();
    let mut columns = Vec::with_capacity(items.len());
    let banner = frame.banner.clone();
    let top = if banner.is_some() && frame.banner_at_top { MARGIN + look.body * 3.0 } else { MARGIN };
    let mut ys = vec![top; look.strips];
    for item in items {
        let strip = (0..look.strips).min_by(|&a, &b| ys[a].total_cmp(&ys[b])).unwrap_or(0);
        let x0 = MARGIN + strip as f32 * (strip_w + GUTTER);
        let laid = item_box(item, &look, x0, ys[strip], strip_w, &mut rng);
        runs.extend(laid.runs);
        rules.extend(laid.rules);
        ys[strip] = laid.next;
        columns.push(laid.cpl);
    }
    let mut height = ys.iter().copied().fold(MARGIN, f32::max);
    if let Some(b) = banner {
        let y = if frame.banner_at_top { MARGIN + look.body } else { height + look.body };
        if !frame.banner_at_top {
            height += look.body * 2.0;
        }
        runs.push(Run { font: 0, size: look.body, x: MARGIN, y, text: b.clone(), bold: false, head: false });
        fragments.insert(0, b);
    }
    let page: LaidPage = (runs, rules);
    let pdf = write(&[(page, height + MARGIN)], encoding, false, true);
    ItemsPdf { pdf, fragments, columns }
}

/// What a real extractor prints of the sets' pages typeset as PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Real {
    /// `pdftotext`: reading order, no indents.
    Plain,
    /// `pdftotext -raw`: content-stream order.
    Raw,
    /// `pdftotext -layout`: the page's geometry, columns side by side.
    Layout,
}

impl Real {
    pub const ALL: [Real; 3] = [Real::Plain, Real::Raw, Real::Layout];

    /// The shape's name in tables.
    pub fn name(self) -> &'static str {
        match self {
            Real::Plain => "real-pdftotext",
            Real::Raw => "real-raw",
            Real::Layout => "real-layout",
        }
    }

    /// Does the extracted text keep a paragraph's indent? `-layout` prints
    /// the page's geometry; the others drop the white space a line starts
    /// with (and the ideographic spaces of a set indent).
    pub fn keeps_indent(self) -> bool {
        self == Real::Layout
    }

    /// `pdftotext`'s options for it.
    pub fn flags(self) -> &'static [&'static str] {
        match self {
            Real::Plain => &[],
            Real::Raw => &["-raw"],
            Real::Layout => &["-layout"],
        }
    }
}

/// Is poppler's `pdftotext` installed?
pub fn have_pdftotext() -> bool {
    Command::new("pdftotext").arg("-v").output().is_ok()
}

/// A 64-bit FNV-1a hash: names a PDF's extracted text in the cache (stable
/// across runs and Rust releases, unlike `DefaultHasher`).
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// What `pdftotext` with `real`'s flags prints of `pdf`, taken from `cache`
/// when an earlier run stored it there (the file is named by the PDF's hash
/// and the shape, so a changed typesetter never reads a stale text).
fn extract(pdf: &Path, bytes: &[u8], real: Real, cache: Option<&Path>) -> Result<String, String> {
    let stored = cache.map(|c| c.join(format!("{:016x}-{}-{}.txt", fnv(bytes), bytes.len(), real.name())));
    if let Some(text) = stored.as_ref().and_then(|f| std::fs::read_to_string(f).ok()) {
        return Ok(text);
    }
    let run = Command::new("pdftotext")
        .args(real.flags())
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .map_err(|e| format!("pdftotext: {e}"))?;
    if !run.status.success() {
        return Err(format!("pdftotext failed on {}: {}", pdf.display(), String::from_utf8_lossy(&run.stderr)));
    }
    let text = String::from_utf8_lossy(&run.stdout).into_owned();
    if let Some(file) = &stored {
        // A cache that cannot be written only costs the next run time.
        let _ = file.parent().map(std::fs::create_dir_all);
        let _ = std::fs::write(file, &text);
    }
    Ok(text)
}

/// The first `max_pages` pages of one half of the corpus (composed as
/// [`sets::composed`] does) typeset as PDF and read back by `pdftotext` in
/// each real shape `wanted` says (by [`Real::ALL`] index; the others empty),
/// with their perfect tree and gold. With a `cache` folder, `pdftotext` runs
/// only on PDFs it has not read before. `draw` 0 is the fixed set; another
/// draw composes and typesets the same stories with other random choices
/// (`sets::pages_of_draw`).
pub fn real_pages(
    material: &Material,
    half: Half,
    draw: u64,
    max_pages: usize,
    wanted: &[bool],
    cache: Option<&Path>,
) -> Result<Vec<Vec<SynthPage>>, String> {
    let mut out = vec![Vec::new(); Real::ALL.len()];
    if !wanted.contains(&true) {
        return Ok(out);
    }
    let dir = tempfile::tempdir().map_err(|e| format!("no temporary folder: {e}"))?;
    for page in sets::composed(material, half, draw, max_pages) {
        let typeset = items_pdf(&page.items, &page.frame, page.seed);
        let pdf = dir.path().join(page.name.replace(".txt", ".pdf"));
        std::fs::write(&pdf, &typeset.pdf).map_err(|e| format!("cannot write {}: {e}", pdf.display()))?;
        for (k, real) in Real::ALL.iter().enumerate() {
            if !wanted.get(k).copied().unwrap_or(false) {
                continue;
            }
            let raw = extract(&pdf, &typeset.pdf, *real, cache)?;
            // Every paragraph's first line is indented on the page, but
            // where the extractor drops the indent a one-line paragraph after
            // a full line shows no break: the perfect tree joins those (the
            // rest is the items as they went in).
            let hidden =
                if real.keeps_indent() { Vec::new() } else { unshown_breaks(&raw, &page.items, &typeset.columns) };
            let (perfect, gold) = page_trees(&page.name, &page.items, &hidden, typeset.fragments.clone());
            out[k].push(SynthPage { name: page.name.clone(), raw, perfect, gold, labels: Vec::new() });
        }
    }
    Ok(out)
}
