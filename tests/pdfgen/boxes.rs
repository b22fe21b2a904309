//! A page in other layouts than the newspaper strips of the parent module:
//! a masthead (the paper's name over a banner row: date, page count, serial
//! number), framed boxes set side by side with their text on shared
//! baselines and less than an em apart, headlines set in a column of their
//! own beside their text, and two-em dashes (`⸺`, read as `——`).

use super::{Encoding, MARGIN, PAGE_H, PAGE_W, Rng, Run, sentence, words, words_in, write};
use lvread::model::Article;

/// Body text size on the page.
const BODY: f32 = 10.0;
/// A box's frame: its padding, and the space between two boxes.
const PAD: f32 = 3.0;
const BOX_GAP: f32 = 3.0;

/// A generated page: the PDF, the articles it must give back, the banner's texts.
pub struct BoxesPage {
    pub pdf: Vec<u8>,
    pub articles: Vec<Article>,
    pub banner: Vec<String>,
}

/// An invented article of `paras` paragraphs, each longer than `cpl`
/// characters (a one-line paragraph shows no indent against its column),
/// some with a two-em dash.
fn item(rng: &mut Rng, paras: usize, cpl: usize) -> Article {
    let mut a = Article { title: words_in(rng, 6, 12), ..Article::default() };
    for _ in 0..paras {
        let mut p = String::new();
        let sentences = rng.range(1, 4);
        for k in 0.. {
            if k >= sentences && p.chars().count() > cpl {
                break;
            }
            p.push_str(&sentence(rng));
            if rng.chance(30) {
                p.push('\u{2E3A}');
                p.push_str(&words(rng, 4));
                p.push('。');
            }
        }
        a.paragraphs.push(p);
    }
    a
}

/// Body lines of `cpl` characters: (text, indented).
fn body_lines(a: &Article, cpl: usize) -> Vec<(String, bool)> {
    super::wrap(&a.paragraphs, cpl)
}

/// The article as it reads back: the two-em dash as two em dashes.
fn as_read(a: &Article) -> Article {
    let mut a = a.clone();
    for p in &mut a.paragraphs {
        *p = p.replace('\u{2E3A}', "——");
    }
    a
}

fn frame(rules: &mut Vec<[f32; 4]>, x: f32, y: f32, w: f32, h: f32) {
    rules.push([x, y, w, 0.6]);
    rules.push([x, y + h, w, 0.6]);
    rules.push([x, y, 0.6, h]);
    rules.push([x + w, y, 0.6, h]);
}

/// Lays out one body line at (x, baseline y).
fn body_run(text: &str, indented: bool, x: f32, y: f32) -> Run {
    let x = if indented { x + 2.0 * BODY } else { x };
    Run { font: 0, size: BODY, x, y, text: text.to_string(), bold: false, head: false }
}

/// Builds the page from a seed.
pub fn boxes_page(seed: u64) -> BoxesPage {
    let mut rng = Rng::new(seed);
    let lead = BODY * 1.6;
    let mut runs: Vec<Run> = Vec::new();
    let mut rules: Vec<[f32; 4]> = Vec::new();
    let mut articles = Vec::new();
    let width = PAGE_W - 2.0 * MARGIN;
    // The masthead and the banner row under it.
    let mast = format!("{}晚报", words(&mut rng, 2));
    let mast_size = 40.0;
    let mast_w = mast.chars().count() as f32 * mast_size;
    runs.push(Run {
        font: 1,
        size: mast_size,
        x: MARGIN + (width - mast_w) / 2.0,
        y: MARGIN + mast_size,
        text: mast,
        bold: false,
        head: true,
    });
    let row_y = MARGIN + mast_size + 24.0;
    let date = format!(
        "2026年{}月{}日 星期{}",
        rng.range(1, 13),
        rng.range(1, 29),
        "一二三四五六日".chars().nth(rng.range(0, 7)).unwrap_or('一')
    );
    let pages = format!("今日{}版", [8, 12, 16][rng.range(0, 3)]);
    let serial = format!("国内统一连续出版物号 CN{}-{:04}", rng.range(10, 66), rng.range(1, 100));
    let right_x = PAGE_W - MARGIN - serial.chars().count() as f32 * BODY;
    for (text, x) in
        [(date.clone(), MARGIN), (pages.clone(), MARGIN + width / 2.0 - 2.0 * BODY), (serial.clone(), right_x)]
    {
        runs.push(Run { font: 0, size: BODY, x, y: row_y, text, bold: false, head: false });
    }
    rules.push([MARGIN, row_y + 6.0, width, 1.2]);
    let mut y = row_y + 20.0;
    // Two rows of two framed boxes side by side.
    let cpl = ((width - BOX_GAP) / 2.0 - 2.0 * PAD).div_euclid(BODY) as usize;
    let box_w = cpl as f32 * BODY + 2.0 * PAD;
    for _ in 0..2 {
        let (n0, n1) = (rng.range(2, 4), rng.range(1, 3));
        let pair = [item(&mut rng, n0, cpl), item(&mut rng, n1, cpl)];
        let mut height: f32 = 0.0;
        for (k, a) in pair.iter().enumerate() {
            let bx = MARGIN + k as f32 * (box_w + BOX_GAP);
            let head = 16.0;
            let mut by = y + PAD + head;
            runs.push(Run { font: 1, size: head, x: bx + PAD, y: by, text: a.title.clone(), bold: false, head: true });
            by += BODY * 1.8;
            for (text, indented) in body_lines(a, cpl) {
                runs.push(body_run(&text, indented, bx + PAD, by));
                by += lead;
            }
            height = height.max(by - y);
        }
        for k in 0..2 {
            frame(&mut rules, MARGIN + k as f32 * (box_w + BOX_GAP), y, box_w, height);
        }
        articles.extend(pair.iter().map(as_read));
        y += height + 14.0;
    }
    // Two sections with their headline in a column of its own, left of two columns.
    let head = 20.0;
    let head_w = 6.0 * head;
    let col_x = MARGIN + head_w + 14.0;
    let col_cpl = ((PAGE_W - MARGIN - col_x - 20.0) / 2.0 / BODY).floor() as usize;
    let col_w = col_cpl as f32 * BODY + 20.0;
    for _ in 0..2 {
        let n = rng.range(2, 4);
        let a = item(&mut rng, n, col_cpl);
        rules.push([MARGIN, y, width, 0.8]);
        let top = y + 8.0;
        let chars: Vec<char> = a.title.chars().collect();
        let mut hy = top + head;
        for chunk in chars.chunks(6) {
            runs.push(Run {
                font: 1,
                size: head,
                x: MARGIN,
                y: hy,
                text: chunk.iter().collect(),
                bold: false,
                head: true,
            });
            hy += head * 1.3;
        }
        let lines = body_lines(&a, col_cpl);
        let per_col = lines.len().div_ceil(2).max(chars.len().div_ceil(6) * 2);
        for (i, (text, indented)) in lines.iter().enumerate() {
            let (col, row) = (i / per_col, i % per_col);
            runs.push(body_run(text, *indented, col_x + col as f32 * col_w, top + BODY + row as f32 * lead));
        }
        articles.push(as_read(&a));
        y = (top + BODY + per_col as f32 * lead).max(hy) + 12.0;
    }
    let pdf = write(&[((runs, rules), PAGE_H)], Encoding::IdentityToUnicode, false, false);
    BoxesPage { pdf, articles, banner: vec![date, pages, serial] }
}

/// A briefs page: short items one under another across the page, each
/// titled in a size only a little larger than the body (11 pt over 9 pt).
pub fn briefs_page(seed: u64) -> (Vec<u8>, Vec<Article>) {
    let mut rng = Rng::new(seed);
    let (body, title) = (9.0, 11.0);
    let cpl = ((PAGE_W - 2.0 * MARGIN) / body).floor() as usize;
    let mut runs: Vec<Run> = Vec::new();
    let mut articles = Vec::new();
    let mut y = MARGIN;
    for _ in 0..8 {
        let n = rng.range(1, 3);
        let a = item(&mut rng, n, cpl);
        y += title;
        runs.push(Run { font: 1, size: title, x: MARGIN, y, text: a.title.clone(), bold: false, head: true });
        y += body * 1.8;
        for (text, indented) in body_lines(&a, cpl) {
            let x = if indented { MARGIN + 2.0 * body } else { MARGIN };
            runs.push(Run { font: 0, size: body, x, y, text, bold: false, head: false });
            y += body * 1.6;
        }
        y += body;
        articles.push(as_read(&a));
    }
    (write(&[((runs, Vec::new()), PAGE_H)], Encoding::IdentityToUnicode, false, false), articles)
}
