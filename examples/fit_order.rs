//! Searches the reading-order stage's numbers ([`order::Knobs`]) on the
//! corpus' **fitting** pages: `cargo run --release --example fit_order
//! [-- --draws N,N --sweeps N --threads N --pages N --knobs NAME,NAME]`.
//!
//! The objective is `loader_eval --set fit`'s own: every fitting page of
//! every shape (the three real-extractor shapes too when `pdftotext` is
//! installed) in every draw of `--draws` (0 by default, the fixed set;
//! [`sets::pages_of_draw`]) is loaded with a candidate table and scored
//! against its gold; a candidate's worth is, over all shapes (each summed
//! over the draws), the items right plus exactly right minus spurious.
//! The search is a coordinate search from [`order::Knobs::COMMITTED`]:
//! each knob in turn to the value of its grid that gains most, for
//! `--sweeps` sweeps (2 by default) or until a sweep moves nothing. A move
//! is taken only when it gains 2 per draw at least and no shape loses more
//! than one item right or exactly right per draw, or gains more than one
//! spurious item per draw, against the committed table (the rule a change
//! must pass to be committed, [`gains_over`](lvread::loader::params::gains_over)).
//! Each candidate reloads only the pages whose restored reading order it
//! changes ([`loader::ordered_with`]); the rest keep the committed table's
//! score. Every candidate and every move is printed with its figures, and
//! at the end the table to write into `Knobs::COMMITTED` (by hand).
//!
//! **To refit**, search on several draws, never on draw 0 alone:
//! `--draws 1,2,3,4,5,6 --threads 1` (about 15 minutes on a loaded
//! machine; `--draws 0` alone was how every table before the twenty-sixth
//! round was searched, and a move gaining 2 there mostly fits draw 0's
//! pages: fresh draws of the same days score ~3 items fewer exactly
//! right). Draws 7, 8 and 9 are refused: they are the judge's. Then write
//! the table, rebuild and judge it with `loader_eval -- --set fit --draw
//! 7,8,9` by the keep rule (exact up by 10 at least, right not down, no
//! shape's exact down by more than 6), and run the loader's tests.
//!
//! What the twenty-sixth round found: on draws 1–6 the search moved
//! `reach` 6 -> 4, `w_shared` 14 -> 10.5, `column_tall_tenths` 6 -> 4 -> 2
//! and `margin` 1.5 -> 1.35 (objective 189171 -> 189348 there: right +68,
//! exact +98, spurious -11 over six draws), yet the table lost on the
//! judge's draws (right 48962 -> 48958, exact 46332 -> 46321, columns -18
//! exact) and on draw 0 (exact 15908 -> 15902), so the committed table
//! stayed. A knob of the reading order moves whole runs of a page at once
//! and few pages move: its gains are lumpy, and even six draws' +98 did
//! not carry over. Before keeping a refit, check it on a draw the search
//! did not see (0, or one of 1–6 left out) before the judge.

#[path = "common/bundled.rs"]
mod bundled;
#[path = "../tests/pdfgen/mod.rs"]
mod pdfgen;

use lvread::loader::{self, order::Knobs};
use lvread::synth::source::{self, Half};
use lvread::synth::tree::TreeIssue;
use lvread::synth::{Score, Shape, SynthPage, score_issue, sets};
use pdfgen::items::{self, Real, have_pdftotext};
use std::path::Path;
use std::process::ExitCode;

/// One fitting page: its shape (index into the names), the text the
/// committed table puts in order, and its committed score.
struct Ready {
    page: SynthPage,
    shape: usize,
    base_order: Option<String>,
    base: Score,
}

/// A knob of [`Knobs`]: its name and the values tried.
#[derive(Clone, Copy)]
enum Knob {
    Reach,
    Block,
    Margin,
    Fit,
    Inside,
    WJoined,
    WShared,
    Shrink,
    WOpen,
    FootWidth,
    ColumnTall,
}

const KNOBS: [Knob; 11] = [
    Knob::Reach,
    Knob::Block,
    Knob::Margin,
    Knob::Fit,
    Knob::Inside,
    Knob::WJoined,
    Knob::WShared,
    Knob::Shrink,
    Knob::WOpen,
    Knob::FootWidth,
    Knob::ColumnTall,
];

impl Knob {
    fn name(self) -> &'static str {
        match self {
            Knob::Reach => "reach",
            Knob::Block => "block",
            Knob::Margin => "margin",
            Knob::Fit => "fit",
            Knob::Inside => "inside",
            Knob::WJoined => "w_joined",
            Knob::WShared => "w_shared",
            Knob::Shrink => "shrink",
            Knob::WOpen => "w_open",
            Knob::FootWidth => "foot_width_tenths",
            Knob::ColumnTall => "column_tall_tenths",
        }
    }

    /// The candidates around the knob's value in `k`.
    fn candidates(self, k: &Knobs) -> Vec<Knobs> {
        let scaled = |v: f32| -> Vec<f32> {
            [0.5, 0.75, 0.9, 1.1, 1.25, 1.5, 2.0].iter().map(|f| (v * f * 100.0).round() / 100.0).collect()
        };
        let steps = |v: usize, lo: usize, hi: usize| -> Vec<usize> {
            [-2i64, -1, 1, 2]
                .iter()
                .map(|d| v as i64 + d)
                .filter(|&x| x >= lo as i64 && x <= hi as i64)
                .map(|x| x as usize)
                .collect()
        };
        let mut out = Vec::new();
        match self {
            Knob::Reach => steps(k.reach, 2, 16).into_iter().for_each(|v| out.push(Knobs { reach: v, ..*k })),
            Knob::Block => steps(k.block, 1, 8).into_iter().for_each(|v| out.push(Knobs { block: v, ..*k })),
            Knob::Margin => scaled(k.margin).into_iter().for_each(|v| out.push(Knobs { margin: v, ..*k })),
            Knob::Fit => {
                let mut vs = scaled(k.fit);
                vs.extend([0.0, 0.1, 0.3, 0.5]);
                vs.into_iter().for_each(|v| out.push(Knobs { fit: v, ..*k }))
            }
            Knob::Inside => scaled(k.inside).into_iter().for_each(|v| out.push(Knobs { inside: v, ..*k })),
            Knob::WJoined => scaled(k.w_joined).into_iter().for_each(|v| out.push(Knobs { w_joined: v, ..*k })),
            Knob::WShared => scaled(k.w_shared).into_iter().for_each(|v| out.push(Knobs { w_shared: v, ..*k })),
            Knob::Shrink => [k.shrink / 2, k.shrink * 3 / 4, k.shrink * 5 / 4, k.shrink * 3 / 2, k.shrink * 2]
                .into_iter()
                .for_each(|v| out.push(Knobs { shrink: v, ..*k })),
            Knob::WOpen => {
                let mut vs = scaled(k.w_open);
                vs.push(0.0);
                vs.into_iter().for_each(|v| out.push(Knobs { w_open: v, ..*k }))
            }
            Knob::FootWidth => steps(k.foot_width_tenths, 5, 10)
                .into_iter()
                .for_each(|v| out.push(Knobs { foot_width_tenths: v, ..*k })),
            Knob::ColumnTall => steps(k.column_tall_tenths, 2, 10)
                .into_iter()
                .for_each(|v| out.push(Knobs { column_tall_tenths: v, ..*k })),
        }
        // (Each value once, and not the one `k` holds.)
        let mut kept: Vec<Knobs> = Vec::with_capacity(out.len());
        for c in out {
            if c != *k && !kept.contains(&c) {
                kept.push(c);
            }
        }
        kept
    }

    fn value(self, k: &Knobs) -> String {
        match self {
            Knob::Reach => k.reach.to_string(),
            Knob::Block => k.block.to_string(),
            Knob::Margin => k.margin.to_string(),
            Knob::Fit => k.fit.to_string(),
            Knob::Inside => k.inside.to_string(),
            Knob::WJoined => k.w_joined.to_string(),
            Knob::WShared => k.w_shared.to_string(),
            Knob::Shrink => k.shrink.to_string(),
            Knob::WOpen => k.w_open.to_string(),
            Knob::FootWidth => k.foot_width_tenths.to_string(),
            Knob::ColumnTall => k.column_tall_tenths.to_string(),
        }
    }
}

/// The score of one page loaded with `k`.
fn score(r: &Ready, k: &Knobs) -> Score {
    if loader::ordered_with(&r.page.raw, k) == r.base_order {
        return r.base;
    }
    let out = TreeIssue::from(&loader::load_text_ordered(&r.page.name, &r.page.raw, k));
    score_issue(&r.page.gold, &out, Some(&r.page.raw), Some(&r.page.perfect), true).0
}

/// Per shape, the scores of every page with `k`, on `threads` threads.
fn run(ready: &[Ready], k: &Knobs, shapes: usize, threads: usize) -> Vec<Score> {
    let parts: Vec<Vec<Score>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                s.spawn(move || {
                    let mut per = vec![Score::default(); shapes];
                    for r in ready.iter().skip(t).step_by(threads) {
                        per[r.shape] += score(r, k);
                    }
                    per
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    let mut per = vec![Score::default(); shapes];
    for part in parts {
        for (p, s) in per.iter_mut().zip(part) {
            *p += s;
        }
    }
    per
}

fn objective(per: &[Score]) -> i64 {
    per.iter().map(|s| s.right as i64 + s.exact as i64 - s.spurious as i64).sum()
}

/// Whether `per` keeps every shape within one item per draw (`draws`) of
/// `base` (right, exactly right, spurious).
fn keeps(per: &[Score], base: &[Score], draws: usize) -> bool {
    per.iter()
        .zip(base)
        .all(|(p, b)| p.right + draws >= b.right && p.exact + draws >= b.exact && p.spurious <= b.spurious + draws)
}

fn show(per: &[Score], names: &[String]) -> String {
    names
        .iter()
        .zip(per)
        .map(|(n, s)| format!("{n} {}/{}/{}", s.right, s.exact, s.spurious))
        .collect::<Vec<_>>()
        .join(", ")
}

fn main() -> ExitCode {
    let (mut sweeps, mut threads, mut pages, mut only): (usize, usize, usize, Option<Vec<String>>) =
        (2, 2, usize::MAX, None);
    let mut draws: Vec<u64> = vec![0];
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut num = || args.next().and_then(|v| v.parse::<usize>().ok());
        match a.as_str() {
            "--sweeps" => sweeps = num().unwrap_or(sweeps),
            "--threads" => threads = num().unwrap_or(threads).max(1),
            "--pages" => pages = num().unwrap_or(pages),
            "--knobs" => only = args.next().map(|v| v.split(',').map(str::to_string).collect()),
            "--draws" => match sets::fit_draws(&args.next().unwrap_or_default()) {
                Ok(d) => draws = d,
                Err(e) => {
                    eprintln!("fit_order: {e}");
                    return ExitCode::from(2);
                }
            },
            _ => {
                eprintln!("usage: fit_order [--sweeps N] [--threads N] [--pages N] [--knobs NAME,NAME] [--draws N,N]");
                return ExitCode::from(2);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let material = match source::load(root) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("fit_order: the shared material is missing, nothing to fit ({e})");
            return ExitCode::SUCCESS;
        }
    };
    // Per shape, its pages in every draw asked for (a shape's figures are
    // summed over the draws).
    let mut names: Vec<String> = Shape::ALL.iter().map(|s| s.name().to_string()).collect();
    let mut shaped: Vec<Vec<SynthPage>> = vec![Vec::new(); Shape::ALL.len()];
    let real = have_pdftotext();
    if real {
        names.extend(Real::ALL.iter().map(|r| r.name().to_string()));
        shaped.extend(Real::ALL.iter().map(|_| Vec::new()));
    } else {
        eprintln!("fit_order: pdftotext (poppler-utils) is not installed; the real-extractor shapes are left out");
    }
    for &draw in &draws {
        for (k, &shape) in Shape::ALL.iter().enumerate() {
            shaped[k].extend(sets::pages_of_draw(&material, Half::Fit, shape, pages, draw));
        }
        if real {
            let cache = root.join("target").join("loader_eval_cache");
            match items::real_pages(&material, Half::Fit, draw, pages, &[true; Real::ALL.len()], Some(&cache)) {
                Ok(found) => {
                    for (k, p) in found.into_iter().enumerate() {
                        shaped[Shape::ALL.len() + k].extend(p);
                    }
                }
                Err(e) => {
                    eprintln!("fit_order: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
    }
    let draws_named: Vec<String> = draws.iter().map(u64::to_string).collect();
    println!("draws {}: {} fitting pages", draws_named.join(","), shaped.iter().map(Vec::len).sum::<usize>());
    let committed = Knobs::COMMITTED;
    let ready: Vec<Ready> = shaped
        .into_iter()
        .enumerate()
        .flat_map(|(shape, pages)| pages.into_iter().map(move |page| (shape, page)))
        .map(|(shape, page)| {
            let base_order = loader::ordered_with(&page.raw, &committed);
            let out = TreeIssue::from(&loader::load_text_ordered(&page.name, &page.raw, &committed));
            let base = score_issue(&page.gold, &out, Some(&page.raw), Some(&page.perfect), true).0;
            Ready { page, shape, base_order, base }
        })
        .collect();
    let shapes = names.len();
    let guard = match bundled::Guard::read(root, |n, t| loader::load_text_ordered(n, t, &committed)) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("fit_order: cannot read the bundled pages: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("{} bundled pages guarded: a table changing one is not taken", guard.len());
    let base = run(&ready, &committed, shapes, threads);
    println!("committed: {} (objective {})", show(&base, &names), objective(&base));
    let mut k = committed;
    let mut best = objective(&base);
    // (The least gain: 2 per draw, see `lvread::loader::params::gains_over`.)
    let min_gain = 2 * draws.len() as i64;
    for sweep in 0..sweeps {
        let mut moved = false;
        for knob in KNOBS {
            if only.as_ref().is_some_and(|o| !o.iter().any(|n| n == knob.name())) {
                continue;
            }
            let mut choice: Option<(i64, Knobs, Vec<Score>)> = None;
            for c in knob.candidates(&k) {
                let per = run(&ready, &c, shapes, threads);
                let o = objective(&per);
                println!("  sweep {sweep} {}={}: objective {o} ({:+})", knob.name(), knob.value(&c), o - best);
                if o >= best + min_gain
                    && keeps(&per, &base, draws.len())
                    && choice.as_ref().is_none_or(|(b, ..)| o > *b)
                {
                    // (Taken only if no bundled page changes under it.)
                    if let Some(page) = guard.changed(|n, t| loader::load_text_ordered(n, t, &c)) {
                        println!(
                            "  {}={}: gains, but changes the bundled {page}: not taken",
                            knob.name(),
                            knob.value(&c)
                        );
                        continue;
                    }
                    choice = Some((o, c, per));
                }
            }
            if let Some((o, c, per)) = choice {
                println!(
                    "move {} {} -> {}: objective {best} -> {o}: {}",
                    knob.name(),
                    knob.value(&k),
                    knob.value(&c),
                    show(&per, &names)
                );
                k = c;
                best = o;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    println!("table: {k:?}");
    println!("objective {} -> {best}", objective(&base));
    ExitCode::SUCCESS
}
