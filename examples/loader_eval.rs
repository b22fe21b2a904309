//! The loader measured on the synthetic corpus:
//! `cargo run --release --example loader_eval [-- OPTIONS]`.
//!
//! Lays out the fixed fitting and evaluation sets ([`lvread::synth::sets`]:
//! news corpus days from `../shared/corpus/` and the bundled pages' stories,
//! each printed in four text shapes), loads every page with the loader and
//! scores it against what went in ([`lvread::synth::score`], the port of
//! `../shared/tools/score_tree.py`). Prints a table, set by set, and a last
//! line of JSON with the figures.
//!
//! Three more shapes come from a real extractor: the sets' stories, composed
//! the same way, are typeset as PDF pages (`tests/pdfgen/items.rs`) and read
//! back with poppler's `pdftotext` (`real-pdftotext`), `pdftotext -raw`
//! (`real-raw`) and `pdftotext -layout` (`real-layout`, columns side by
//! side). They are skipped, with a notice, when `pdftotext` is not installed.
//!
//! Options:
//! - `--pages N`: at most N pages per set (default: all);
//! - `--set fit|eval`, `--shape NAME` (`columns`, `lines`, `pdftotext`,
//!   `pdftotext-raw`, `real-pdftotext`, `real-raw`, `real-layout`): only those;
//! - `--part train|check`: only the fitting set's training pages, or only
//!   its check pages (every fourth fitting day, [`Material::check_dates`]):
//!   tune on `train`, and keep a change only if `check` holds too;
//! - `--draw N[,N…]`: the same sets in other draws
//!   ([`sets::pages_of_draw`]: the same days and stories, composed and
//!   printed with other random choices; draw 0, the default, is the fixed
//!   set). A set in draw N is named `…@dN`, each draw ends with a line of
//!   its sums over the shapes, and with several draws a last table sums
//!   each shape over them. Draw 0 is what rules and weights were
//!   tuned on; other draws of the training days tell whether a change
//!   carries over to pages nobody tuned on (a draw of `--set eval` is still
//!   the evaluation set: never tune on it);
//! - `--verbose`: every problem, page by page (an item right but not exact
//!   with each field that differs and how: `split`/`joined` paragraphs at a
//!   boundary, `more`/`less` text than the perfect field, or where the text
//!   first differs);
//! - `--write DIR`: for each set, `DIR/SET-SHAPE/` gets every page's raw text,
//!   `perfect.json` (the dump a perfect loader would print), `gold.json`
//!   (the shape of `../shared/gold/seeds.json`) and `dump.json` (what the
//!   loader printed), so that
//!   `python3 ../shared/tools/score_tree.py DIR/S/gold.json DIR/S/dump.json --raw-dir DIR/S --exact DIR/S/perfect.json`
//!   gives the same figures;
//! - `--no-cache`: run `pdftotext` on every typeset page. By default its
//!   output is kept in `target/loader_eval_cache/`, named by the PDF's hash,
//!   so a second run of the real shapes reads it back instead (the pages are
//!   still typeset; a changed typesetter makes new PDFs, and so new names).

#[path = "../tests/pdfgen/mod.rs"]
mod pdfgen;

use lvread::synth::source::{self, Half, Material};
use lvread::synth::tree::{GoldFile, Tree};
use lvread::synth::{Score, Shape, SynthPage, load, score_issue, sets};
use pdfgen::items::{self, Real, have_pdftotext};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

struct Options {
    pages: usize,
    half: Option<Half>,
    /// `Some(true)`: only the fitting set's check days; `Some(false)`: only
    /// its other (training) days; `None`: every page.
    check: Option<bool>,
    /// A shape's name: one of [`Shape::ALL`] or [`Real::ALL`].
    shape: Option<String>,
    /// The draws to measure (0: the fixed sets).
    draws: Vec<u64>,
    verbose: bool,
    write: Option<PathBuf>,
    /// Where `pdftotext`'s output is kept between runs (`None`: not kept).
    cache: Option<PathBuf>,
}

impl Options {
    fn wants(&self, shape: &str) -> bool {
        self.shape.as_deref().is_none_or(|s| s == shape)
    }
}

fn options() -> Result<Options, String> {
    let cache = Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("loader_eval_cache"));
    let mut o = Options {
        pages: usize::MAX,
        half: None,
        check: None,
        shape: None,
        draws: vec![0],
        verbose: false,
        write: None,
        cache,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pages" => {
                o.pages = args.next().and_then(|v| v.parse().ok()).ok_or("--pages needs a number")?;
            }
            "--set" => {
                o.half = match args.next().as_deref() {
                    Some("fit") => Some(Half::Fit),
                    Some("eval") => Some(Half::Eval),
                    _ => return Err("--set needs fit or eval".into()),
                }
            }
            "--part" => {
                o.check = match args.next().as_deref() {
                    Some("train") => Some(false),
                    Some("check") => Some(true),
                    _ => return Err("--part needs train or check".into()),
                };
                o.half = Some(Half::Fit);
            }
            "--shape" => {
                let v = args.next().unwrap_or_default();
                if !Shape::ALL.iter().any(|s| s.name() == v) && !Real::ALL.iter().any(|s| s.name() == v) {
                    return Err(format!("unknown shape {v:?}"));
                }
                o.shape = Some(v);
            }
            "--draw" => o.draws = sets::parse_draws(&args.next().unwrap_or_default())?,
            "--verbose" => o.verbose = true,
            "--no-cache" => o.cache = None,
            "--write" => o.write = Some(args.next().ok_or("--write needs a folder")?.into()),
            "-h" | "--help" => {
                return Err(
                    "usage: loader_eval [--pages N] [--set fit|eval] [--part train|check] [--shape columns|lines|pdftotext|pdftotext-raw|real-pdftotext|real-raw|real-layout] [--draw N,…] [--verbose] [--write DIR] [--no-cache]"
                        .into(),
                );
            }
            other => return Err(format!("unknown option {other:?} (try --help)")),
        }
    }
    Ok(o)
}

/// The wanted real shapes of one half (in [`Real::ALL`] order, empty for
/// shapes not wanted).
fn real_pages(material: &Material, half: Half, draw: u64, o: &Options) -> Result<Vec<Vec<SynthPage>>, String> {
    let wanted: Vec<bool> = Real::ALL.iter().map(|r| o.wants(r.name())).collect();
    items::real_pages(material, half, draw, o.pages, &wanted, o.cache.as_deref())
}

/// Writes a set's pages, perfect tree, gold and the loader's dump.
fn write_set(dir: &Path, pages: &[SynthPage]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut gold = GoldFile {
        about: "Synthetic pages of lvread's loader corpus (src/synth): the gold of every item.".into(),
        ..GoldFile::default()
    };
    let mut perfect = Tree::default();
    let mut dump = Tree::default();
    for p in pages {
        std::fs::write(dir.join(&p.name), &p.raw)?;
        gold.issues.insert(p.name.clone(), p.gold.clone());
        perfect.issues.push(p.perfect.clone());
        dump.issues.push(load(p));
    }
    std::fs::write(dir.join("gold.json"), json(&gold))?;
    std::fs::write(dir.join("perfect.json"), json(&perfect))?;
    std::fs::write(dir.join("dump.json"), json(&dump))?;
    Ok(())
}

/// Pretty JSON of a tree.
fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// Writes a line to stdout; a closed pipe (`| head`) ends the run quietly.
macro_rules! say {
    ($out:expr, $($t:tt)*) => {
        if writeln!($out, $($t)*).is_err() {
            return ExitCode::SUCCESS;
        }
    };
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 }
}

fn main() -> ExitCode {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let material = match source::load(root) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("loader_eval: the shared material is missing, nothing to measure ({e})");
            return ExitCode::SUCCESS;
        }
    };
    let mut stdout = std::io::stdout().lock();
    say!(
        stdout,
        "{:<20} {:>5} {:>6} {:>14} {:>7} {:>6} {:>8} {:>14} {:>10}",
        "set",
        "pages",
        "items",
        "right",
        "wrong",
        "lost",
        "spurious",
        "exact",
        "chars lost"
    );
    let mut json = Vec::new();
    // Per part and shape, summed over the draws (printed when there are several).
    let mut over_draws: Vec<(String, Score)> = Vec::new();
    let real = Real::ALL.iter().any(|r| o.wants(r.name()));
    if real && !have_pdftotext() {
        eprintln!("loader_eval: pdftotext (poppler-utils) is not installed; the real-extractor shapes are skipped");
    }
    let real = real && have_pdftotext();
    let halves = [Half::Fit, Half::Eval].into_iter().filter(|&h| o.half.is_none_or(|w| w == h));
    let runs: Vec<(Half, u64)> = halves.flat_map(|h| o.draws.iter().map(move |&d| (h, d))).collect();
    for (half, draw) in runs {
        let mut sums = Score::default();
        let mut shaped: Vec<(String, Vec<SynthPage>)> = Vec::new();
        for shape in Shape::ALL {
            if o.wants(shape.name()) {
                shaped.push((shape.name().to_string(), sets::pages_of_draw(&material, half, shape, o.pages, draw)));
            }
        }
        if real {
            match real_pages(&material, half, draw, &o) {
                Ok(pages) => {
                    for (r, pages) in Real::ALL.iter().zip(pages) {
                        if o.wants(r.name()) {
                            shaped.push((r.name().to_string(), pages));
                        }
                    }
                }
                Err(e) => {
                    eprintln!("loader_eval: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        if let Some(check) = o.check {
            let dates = material.check_dates();
            let on_check = |p: &SynthPage| dates.iter().any(|d| p.name.starts_with(d.as_str()));
            for (_, pages) in &mut shaped {
                pages.retain(|p| on_check(p) == check);
            }
        }
        let part = match o.check {
            Some(true) => "check",
            Some(false) => "train",
            None => half.name(),
        };
        let suffix = if draw == 0 { String::new() } else { format!("@d{draw}") };
        for (shape, pages) in &shaped {
            let set = format!("{part}-{shape}{suffix}");
            let mut total = Score::default();
            for p in pages {
                let out = load(p);
                let (s, report) = score_issue(&p.gold, &out, Some(&p.raw), Some(&p.perfect), true);
                total += s;
                sums += s;
                let key = format!("{part}-{shape}");
                match over_draws.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, t)) => *t += s,
                    None => over_draws.push((key, s)),
                }
                if o.verbose && !report.is_empty() {
                    say!(stdout, "{}:", p.name);
                    for l in &report {
                        say!(stdout, "{l}");
                    }
                }
            }
            let chars: usize = pages.iter().map(|p| p.raw.chars().filter(|c| !c.is_whitespace()).count()).sum();
            say!(
                stdout,
                "{:<20} {:>5} {:>6} {:>6} {:>6.1}% {:>7} {:>6} {:>8} {:>6} {:>6.1}% {:>10}",
                set,
                pages.len(),
                total.total,
                total.right,
                pct(total.right, total.total),
                total.wrong,
                total.lost,
                total.spurious,
                total.exact,
                pct(total.exact, total.total),
                total.chars_lost
            );
            json.push(format!(
                "\"{set}\": {{\"pages\": {}, \"articles\": {}, \"right\": {}, \"wrong\": {}, \"lost\": {}, \"spurious\": {}, \"exact\": {}, \"chars\": {chars}, \"chars_lost\": {}, \"chars_extra\": {}}}",
                pages.len(),
                total.total,
                total.right,
                total.wrong,
                total.lost,
                total.spurious,
                total.exact,
                total.chars_lost,
                total.chars_extra
            ));
            if let Some(dir) = &o.write
                && let Err(e) = write_set(&dir.join(&set), pages)
            {
                eprintln!("loader_eval: cannot write {}: {e}", dir.join(&set).display());
                return ExitCode::FAILURE;
            }
        }
        say!(
            stdout,
            "{:<20} sum over {} shapes: right {}, exact {}, spurious {}, lost {}, of {} items",
            format!("{part}{suffix}"),
            shaped.len(),
            sums.right,
            sums.exact,
            sums.spurious,
            sums.lost,
            sums.total
        );
    }
    if o.draws.len() > 1 {
        let draws: Vec<String> = o.draws.iter().map(u64::to_string).collect();
        say!(stdout, "summed over draws {}:", draws.join(","));
        let mut all = Score::default();
        for (key, t) in &over_draws {
            all += *t;
            say!(
                stdout,
                "{:<20} right {:>6} exact {:>6} spurious {:>5} lost {:>5} of {:>6}",
                key,
                t.right,
                t.exact,
                t.spurious,
                t.lost,
                t.total
            );
        }
        say!(
            stdout,
            "{:<20} right {:>6} exact {:>6} spurious {:>5} lost {:>5} of {:>6}",
            "all",
            all.right,
            all.exact,
            all.spurious,
            all.lost,
            all.total
        );
    }
    say!(stdout, "{{{}}}", json.join(", "));
    ExitCode::SUCCESS
}
