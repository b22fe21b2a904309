//! The reading-order stage ([`lvread::loader::order`]) measured on the
//! fitting pages of every shape: `cargo run --release --example
//! order_moves [-- --verbose]`. Each run of lines the stage moves is looked
//! up in the page's perfect tree: a move is right when the run lands after
//! text of its own article and had not been there, wrong when it lands
//! after another article's text (or was in its place already), unknown when
//! the lines cannot be told apart. Prints the counts per shape.

#[path = "../tests/pdfgen/mod.rs"]
mod pdfgen;

use lvread::loader::{columns, order};
use lvread::synth::source::{self, Half};
use lvread::synth::tree::TreeIssue;
use lvread::synth::{Shape, SynthPage, sets};
use pdfgen::items::{self, Real, have_pdftotext};
use std::path::Path;

/// A text with white space left out and half-width punctuation as
/// full-width, as both the pages and the trees can be compared in.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            ',' => '，',
            '(' => '（',
            ')' => '）',
            ':' => '：',
            ';' => '；',
            '!' => '！',
            '?' => '？',
            c => c,
        })
        .collect()
}

/// The article whose text holds a line of `lines` (the first line found in
/// exactly one article), trying them in the order given.
fn article_of(texts: &[String], lines: impl Iterator<Item = String>) -> Option<usize> {
    for l in lines {
        let l = fold(&l);
        if l.chars().count() < 6 {
            continue;
        }
        let hits: Vec<usize> = (0..texts.len()).filter(|&k| texts[k].contains(&l)).collect();
        if hits.len() == 1 {
            return Some(hits[0]);
        }
    }
    None
}

fn article_texts(t: &TreeIssue) -> Vec<String> {
    t.articles
        .iter()
        .map(|a| {
            let mut s = String::new();
            for p in a.kicker.iter().chain([&a.title]).chain(&a.subtitle).chain(&a.byline) {
                s.push_str(p);
            }
            for p in a.paragraphs.iter().chain(&a.captions) {
                s.push_str(p);
            }
            fold(&s)
        })
        .collect()
}

/// Each article's paragraphs alone, folded.
fn body_texts(t: &TreeIssue) -> Vec<String> {
    t.articles.iter().map(|a| fold(&a.paragraphs.concat())).collect()
}

/// The articles whose body lines are out of thread in `text`: a body line
/// of theirs printed before an earlier one, or another article's body
/// line between two of theirs. (Lines of under 6 characters, and lines found in
/// no body or in more than one, are not read.)
fn broken(texts: &[String], whole: &[String], t: &TreeIssue, text: &str) -> Vec<bool> {
    let p_other = |k: usize| {
        let a = &t.articles[k];
        let mut s = String::new();
        for p in a.kicker.iter().chain([&a.title]).chain(&a.subtitle).chain(&a.byline).chain(&a.captions) {
            s.push_str(p);
        }
        s
    };
    let mut last: Vec<Option<usize>> = vec![None; texts.len()];
    let mut out = vec![false; texts.len()];
    let mut prev: Option<usize> = None;
    for l in text.split('\n') {
        let l = fold(l);
        if l.chars().count() < 6 {
            continue;
        }
        let hits: Vec<(usize, usize)> = (0..texts.len())
            .filter_map(|k| {
                let from = last[k].unwrap_or(0);
                texts[k][from..].find(&l).map(|o| o + from).or_else(|| texts[k].find(&l)).map(|o| (k, o))
            })
            .collect();
        let [(k, o)] = hits[..] else { continue };
        if whole.iter().filter(|w| w.contains(&l)).count() > 1 || fold(&p_other(k)).contains(&l) {
            continue;
        }
        if last[k].is_some_and(|p| p > o) || (prev.is_some_and(|p| p != k) && last[k].is_some()) {
            out[k] = true;
            if std::env::var_os("THREAD_WHY").is_some() {
                println!("WHY {k} {o} {:?} {:?} {l}", last[k], prev);
            }
        }
        last[k] = Some(o);
        prev = Some(k);
    }
    out
}

/// Per page and article, whether its body is out of thread before and after
/// the reading-order stage: `THREAD page raw/restored title`.
fn threads(name: &str, pages: &[SynthPage]) {
    let (mut raw_n, mut after_n, mut fixed, mut made) = (0, 0, 0, 0);
    for p in pages {
        let text = columns::unfold(&p.raw).unwrap_or_else(|| p.raw.clone());
        let restored = order::restore(&text).unwrap_or_else(|| text.clone());
        if let Some(dir) = std::env::var_os("THREAD_WRITE") {
            let dir = Path::new(&dir).join(name);
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(dir.join(&p.name), &restored);
        }
        let texts = body_texts(&p.perfect);
        let whole = article_texts(&p.perfect);
        let (a, b) = (broken(&texts, &whole, &p.perfect, &text), broken(&texts, &whole, &p.perfect, &restored));
        for k in 0..texts.len() {
            raw_n += a[k] as usize;
            after_n += b[k] as usize;
            fixed += (a[k] && !b[k]) as usize;
            made += (!a[k] && b[k]) as usize;
            if a[k] || b[k] {
                println!("THREAD\t{name}\t{}\t{}\t{}\t{}", p.name, a[k] as u8, b[k] as u8, p.perfect.articles[k].title);
            }
        }
    }
    println!("{name:<20} out of thread: raw {raw_n:>4}  restored {after_n:>4}  (fixed {fixed}, made {made})");
}

fn measure(name: &str, pages: &[SynthPage], verbose: bool) {
    if std::env::args().any(|a| a == "--threads") {
        return threads(name, pages);
    }
    let (mut right, mut wrong, mut unknown) = (0, 0, 0);
    for p in pages {
        // (As the loader sees it: a `-layout` page unfolded first.)
        let text = columns::unfold(&p.raw).unwrap_or_else(|| p.raw.clone());
        let raw: Vec<&str> = text.split('\n').collect();
        let texts = article_texts(&p.perfect);
        for m in order::plan(&text) {
            let y = article_of(&texts, m.runs.iter().flat_map(|r| raw[r.clone()].iter().map(|s| s.to_string())));
            let r = article_of(&texts, (0..=m.after).rev().take(4).map(|i| raw[i].to_string()));
            let x = article_of(&texts, (0..=m.from).rev().take(4).map(|i| raw[i].to_string()));
            let verdict = match (y, r, x) {
                (Some(y), Some(r), x) if y == r && x != Some(y) => "right",
                (Some(_), Some(_), _) => "wrong",
                _ => "unknown",
            };
            match verdict {
                "right" => right += 1,
                "wrong" => wrong += 1,
                _ => unknown += 1,
            }
            if verbose {
                println!(
                    "{name} {} {verdict}: lines {:?} after {} ({:?} after {:?}, was after {:?}) {:?}",
                    p.name,
                    m.runs,
                    m.after + 1,
                    y,
                    r,
                    x,
                    raw[m.runs[0].start]
                );
            }
        }
    }
    println!("{name:<20} moves right {right:>4}  wrong {wrong:>4}  unknown {unknown:>4}");
}

fn main() {
    let verbose = std::env::args().any(|a| a == "--verbose");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let Ok(material) = source::load(root) else {
        eprintln!("order_moves: the shared material is missing, nothing to measure");
        return;
    };
    for shape in Shape::ALL {
        measure(shape.name(), &sets::pages(&material, Half::Fit, shape, usize::MAX), verbose);
    }
    if have_pdftotext() {
        let cache = root.join("target").join("loader_eval_cache");
        match items::real_pages(&material, Half::Fit, 0, usize::MAX, &[true; 3], Some(&cache)) {
            Ok(pages) => {
                for (r, pages) in Real::ALL.iter().zip(pages) {
                    measure(r.name(), &pages, verbose);
                }
            }
            Err(e) => eprintln!("order_moves: {e}"),
        }
    }
}
