//! Fits the loader's line model ([`lvread::loader::line_model`]) on the
//! corpus' **fitting** pages and writes its weights to
//! `src/loader/weights.rs`: `cargo run --release --example fit_loader [-- --draws N[,N…] --epochs N --pages N --dry-run --out FILE --real --only FEATURE[,FEATURE…]]`.
//!
//! `--draws 0,1,…,6` fits on the fitting pages of each draw listed
//! (`lvread::synth::sets::pages_of_draw`: the same days composed and printed
//! with other random choices; with `--real`, those draws read back by
//! `pdftotext` too), and the test that decides whether the refit is written
//! (below) counts those draws' pages. The default is draw 0, the fixed set
//! the committed table was fitted on. Fit on several draws: weights fitted on
//! draw 0 alone fit its particular pages (a fresh draw of the same days
//! scores about 3 points fewer items exactly right). Draws 7, 8 and 9 are
//! refused: changes are judged on them (`loader_eval --set fit --draw
//! 7,8,9`, the JUDGE), and a table fitted on them would be judged on its own
//! training pages. Judge a refit with that command, not with the figures
//! printed here (they are on the pages fitted on).
//!
//! `--out FILE` writes the refit's table to `FILE` whatever the test says,
//! so that a refit the test refuses can still be judged (copy it over
//! `weights.rs`, rebuild, run the JUDGE).
//!
//! Tried at 6b82e1d (the `fitlines` round), each judged by the JUDGE
//! (baseline 46332 exact, 48962 right, 842 spurious):
//! - a whole refit from the committed table on draws 0–6, 8 epochs: fewer
//!   lines wrong on the four generated shapes of those draws (1265 → 1130
//!   columns, 429 → 350 lines, 1339 → 1263 pdftotext-raw) but more read back
//!   by pdftotext (19117 → 19228), so the test refuses it; the JUDGE agrees:
//!   46242 exact (right 48913, spurious 938), the generated shapes +33
//!   exact, the three real-extractor shapes −123 (draw 0: 15908 → 15862);
//! - the same on draws 0–3 only: 46281 (generated +35, real −86);
//! - the same with 16 epochs: 46265 (generated +62, real −129): more epochs
//!   on seven draws do not memorise more, but the real shapes still fall;
//! - the same with `--real`: 46050 (real-pdftotext +36, real-raw +18, but
//!   real-layout −227, which it does not fit on, and generated −109).
//!
//! What the generated shapes gain the real extractors' pages lose (likely
//! because the committed table's newer features were fitted with `--real
//! --only`, which a whole refit on generated pages undoes). The committed
//! table stays; a refit to try next is `--only` on feature groups.
//!
//! Tried at f15f1a5 (the `fitgroups` round, twenty-seventh): the features
//! refitted by groups with `--only`, on draws 0–6, from the committed table,
//! each judged by the JUDGE (baseline 46454 exact, 49046 right, 838
//! spurious); exact / right / spurious against it:
//! - with the `--only` decode as it was (each gold headline holding a
//!   fitted feature handicapped by `MAKE_HEAD` + `ROOM`), the lengths and
//!   `bias`: −179 / −182 / +368. Made for one sparse new feature, that
//!   handicap falls on every headline when the group is dense (a line has
//!   one length), and the fit makes headlines everywhere: `--no-room`
//!   (below) decodes plainly;
//! - `--no-room`, 8 epochs, by group: lengths and `bias` −34 / −43 / +147;
//!   punctuation (`ends_*`, `inner_*`, `clause_space`, `bracketed`) −269 /
//!   −274 / +336; widths and indents (`justified` … `wider_before`,
//!   `next_wider`, `next_narrower`, `next_indented`, `wrapped_tail`) −202 /
//!   −188 / +257; neighbours (`flows_*`, blanks, `prev_*`, `next_*` of
//!   form) −220 / −222 / +235; `eligible` and `elig_*` −305 / −331 / +372;
//!   page habits and runs (`*_page`, `run_*`) −10 / −45 / +89; the rules'
//!   verdict (`rules_*`) −100 / −85 / +50; the later features
//!   (`long_open*`, `never_closed*`, the four placement features) −42 / −44
//!   / +14; **content** (`date_line`, `opens_*`, `place_colon`, `dialogue`,
//!   `many_digits`, `next_date`, `date_within_3`, `next_opens_*`) +15 / +9
//!   / +12, the one group kept (every other group makes more headlines on
//!   fresh draws than it mends, what a whole refit does too);
//! - the content group with 4, 16, 32 epochs: +9 / +7, +21 / +14, +30 /
//!   +17 (spurious +9, +13, +17); with the lengths 33 and over as well, 8
//!   epochs: +24 / +9;
//! - `--rate 0.1 --epochs 2` (small steps, to see whether the groups fail
//!   by drifting far): content +2 / +1, the later features −9 / −15, page
//!   habits −16 / −39, lengths −45 / −63: the direction itself is wrong on
//!   fresh draws, not the step;
//! - `--real --no-room`: content −201 / −185 / +81, the later features −92
//!   / −128 / +5 (the read-backs' heading labels are noisy);
//! - stacked on the content group (8 epochs), each further group or part
//!   of one failed the keep rule (exact / right): the placement four −16 /
//!   −14, `long_open*` +1 / +1, `never_closed*` −29 / −39, `run_*` −65 /
//!   −110, page habits +1 / −1, rare punctuation −24 / −30, `inner_*` −23
//!   / −20, `prev_`/`next_` byline, caption, close, banner −6 / −15,
//!   blanks +4 / +4 (spurious +27), lengths 33 and over +8 / −1, `rules_*`
//!   −86 / −73.
//!
//! Kept: the content group, `--no-room --epochs 32` (the test here accepts
//! it: 23911 → 23807 lines decided wrong, fewer on every shape), JUDGE
//! exact 46454 → 46484, right 49046 → 49063, spurious 838 → 855 (no shape
//! down more than 4 exact); the command is in `weights.rs`'s header.
//!
//! `--no-room` decodes an `--only` fit plainly (no handicap; for a group
//! of features most lines hold); `--rate R` scales each perceptron step
//! (default 1); `--layout` also counts the fitting pages read back by
//! `pdftotext -layout` in the test that decides whether the refit is
//! written, as one more group that may not get worse. Off by default: on
//! the content refit kept (32 epochs) it counts 16049 → 16066 layout lines
//! decided wrong and refuses it, where the JUDGE's real-layout shape gains
//! (exact 6140 → 6145, right 6708 → 6708): `-layout` lines mix columns, and
//! their heading labels, from the tree's text, are noisier still than
//! plain and `-raw`'s.
//!
//! A structured perceptron, averaged: every fitting page (all four shapes)
//! is decoded with the current weights; where the decoded roles differ from
//! the gold roles the typesetter printed (`lvread::synth::labels`), the
//! weights move toward the gold. The evaluation set is never used here.
//! Prints the share of plain text lines given their gold role, and of
//! headline-or-not decisions, per shape; where the loader's headline
//! decision (the rules overruled by the model beyond its thresholds) goes
//! wrong, by cause, and how many lines other thresholds would get wrong;
//! with `FIT_CAUSES=<shape>` (e.g. `lines`) also each such line of that
//! shape, with its gold, the rules' verdict, the model's margin and the
//! lines around it.
//!
//! `--real` also fits on the fitting pages typeset as PDF and read back by
//! `pdftotext` (plain and `-raw`), headings labelled from their tree. Tried
//! once: it made FIT worse (the labels of pdftotext's lines are noisy), so
//! it is off by default.
//!
//! The fit starts from the committed table (`weights.rs`, as compiled:
//! [`Model::fitted`]); `--from-scratch` starts from zero instead (that no
//! longer reproduces the committed table: features were added to it one by
//! one since its last whole refit). The averaged weights replace the table
//! only when the loader's headline-or-not decision (the rules overruled by
//! the model, [`line_model::decide_on_page`]) gets fewer text lines of the
//! fitting pages wrong with them (or as many, and fewer roles) and no more
//! on any shape, the fitting pages read back by `pdftotext` (plain and
//! `-raw`, when it is installed) counted as one more shape: a refit judged
//! on the generated shapes alone (768 lines wrong → 731 at 06d3860) raised
//! spurious items on every real-extractor shape. Otherwise the table is
//! kept as it is and nothing is written.
//!
//! `--only FEATURE` fits that one feature's weights (a feature just added)
//! and keeps the rest of the current table as it is: what the new feature
//! changes is then the feature alone, not a refit of everything. Several
//! features, comma-separated, are fitted together the same way.
//!
//! To refit: `cargo run --release --example fit_loader -- --draws
//! 0,1,2,3,4,5,6 --dry-run --epochs N` prints the lines decided wrong by the
//! table now and by the refit; without `--dry-run` a better refit is written
//! to `weights.rs`. Rebuild, and keep it only by the JUDGE, `cargo run
//! --release --example loader_eval -- --set fit --draw 7,8,9`: exact items
//! up by at least 10, right items not down, no shape's exact down by more
//! than 6, spurious not up much (draw 0, `--set fit`, may fall). A new
//! feature needs its row in the table (a unit test checks each feature has
//! one, in order): add it with `--only FEATURE`.

use lvread::loader::line_model::{self, FEATURE_NAMES, Features, Model, NF, NS, State, features};
use lvread::loader::lines::Line;
use lvread::synth::labels::{gold_states, loader_lines};
use lvread::synth::source::{self, Half};
use lvread::synth::tree::TreeIssue;
use lvread::synth::{Shape, sets};
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

#[path = "../tests/pdfgen/mod.rs"]
mod pdfgen;

struct Example {
    /// None: a bundled page, whose gold says only which lines are headings.
    shape: Option<Shape>,
    heading: Vec<bool>,
    lines: Vec<Line>,
    feats: Vec<Features>,
    gold: Vec<State>,
}

/// One perceptron step toward the gold; with `only`, the weights of that
/// one feature alone move (the rest of the model stays as it is).
fn update(m: &mut Model, ex: &Example, pred: &[State], only: Option<u128>, rate: f32) {
    let moves = |k: usize| only.is_none_or(|o| o >> k & 1 == 1);
    for i in 0..ex.lines.len() {
        let (g, p) = (ex.gold[i], pred[i]);
        if g != p {
            if g.index() < State::TEXT {
                for (k, (w, x)) in m.emit[g.index()].iter_mut().zip(&ex.feats[i]).enumerate() {
                    if moves(k) {
                        *w += x * rate;
                    }
                }
            }
            if p.index() < State::TEXT {
                for (k, (w, x)) in m.emit[p.index()].iter_mut().zip(&ex.feats[i]).enumerate() {
                    if moves(k) {
                        *w -= x * rate;
                    }
                }
            }
        }
        if only.is_some() {
            continue;
        }
        if i == 0 {
            if g != p {
                m.start[g.index()] += rate;
                m.start[p.index()] -= rate;
            }
        } else if (ex.gold[i - 1], g) != (pred[i - 1], p) {
            m.trans[ex.gold[i - 1].index()][g.index()] += rate;
            m.trans[pred[i - 1].index()][p.index()] -= rate;
        }
    }
}

fn add(sum: &mut Model, m: &Model) {
    for (a, b) in sum.emit.iter_mut().zip(&m.emit) {
        for (x, y) in a.iter_mut().zip(b) {
            *x += y;
        }
    }
    for a in 0..NS {
        sum.start[a] += m.start[a];
        for b in 0..NS {
            sum.trans[a][b] += m.trans[a][b];
        }
    }
}

fn scaled(sum: &Model, k: f32) -> Model {
    let mut m = sum.clone();
    for row in m.emit.iter_mut() {
        for x in row.iter_mut() {
            *x /= k;
        }
    }
    for a in 0..NS {
        m.start[a] /= k;
        for b in 0..NS {
            m.trans[a][b] /= k;
        }
    }
    m
}

/// How far beyond the loader's threshold for making a headline of a line
/// the rules left in the body ([`line_model::MAKE_HEAD`]) a fit with
/// `--only` asks the heading margin of a gold headline line holding one of
/// the features fitted ([`decode_with_room`]).
const ROOM: f32 = 25.0;

/// The page decoded with each gold headline or subheading line that holds
/// one of the features in `mask` handicapped as a heading by
/// [`line_model::MAKE_HEAD`] + [`ROOM`]: the decode gives such a line its
/// gold state only when its heading margin clears the threshold the loader
/// asks of it, so a feature the model decodes right already but with a
/// margin under the threshold (which leaves the line to the rules' verdict)
/// still moves. The loss-augmented decode of a structured perceptron, for
/// the features a `--only` fit adds, where the plain decode is the fit's
/// as it was.
fn decode_with_room(m: &Model, ex: &Example, mask: u128) -> Vec<State> {
    let mut emit = m.page_emissions(&ex.lines, &ex.feats);
    for ((e, f), &h) in emit.iter_mut().zip(&ex.feats).zip(&ex.heading) {
        let holds = f.iter().enumerate().any(|(k, x)| *x != 0.0 && mask >> k & 1 == 1);
        if holds && h {
            for s in [State::Head, State::Sub] {
                e[s.index()] -= line_model::MAKE_HEAD + ROOM;
            }
        }
    }
    m.decode_emitted(&emit)
}

/// Share of text lines with the gold state, and of headline decisions right, per shape.
fn accuracy(m: &Model, examples: &[Example]) -> String {
    let mut out = String::new();
    for shape in Shape::ALL {
        let (mut n, mut right, mut head_right, mut rules_right) = (0usize, 0usize, 0usize, 0usize);
        for ex in examples.iter().filter(|e| e.shape == Some(shape)) {
            let pred = m.decode(&ex.lines, &ex.feats);
            let rules = lvread::loader::heads::find_heads(&ex.lines);
            for i in 0..ex.lines.len() {
                if ex.gold[i].index() < State::TEXT {
                    n += 1;
                    right += usize::from(pred[i] == ex.gold[i]);
                    head_right += usize::from(pred[i].is_heading() == ex.gold[i].is_heading());
                    rules_right += usize::from(rules[i] == ex.gold[i].is_heading());
                }
            }
        }
        let pct = |a: usize| if n == 0 { 0.0 } else { 100.0 * a as f64 / n as f64 };
        let _ = write!(
            out,
            "\n  {}: roles {:.1}%, headline or not {:.1}% (the rules of heads.rs: {:.1}%)",
            shape.name(),
            pct(right),
            pct(head_right),
            pct(rules_right)
        );
    }
    out
}

/// Where the headline-or-not decision of [`line_model::decide`] (the
/// rules, overruled by the model's heading margin beyond its thresholds)
/// goes wrong on the fitting pages, by cause, per shape; and how many lines
/// it would get wrong with other thresholds.
fn heading_causes(m: &Model, examples: &[Example], real: &[Example]) -> String {
    let mut out = String::from("headline-or-not errors of the rules overruled by the model (line_model::decide):");
    for shape in Shape::ALL {
        heading_causes_of(m, shape.name(), examples.iter().filter(|e| e.shape == Some(shape)), &mut out);
    }
    if !real.is_empty() {
        heading_causes_of(m, "read back by pdftotext", real.iter(), &mut out);
    }
    out
}

/// [`heading_causes`] of one group of pages, written to `out`.
fn heading_causes_of<'a>(m: &Model, name: &str, examples: impl Iterator<Item = &'a Example>, out: &mut String) {
    use lvread::loader::heads::{Layout, find_heads_in};
    const GRID: [(f32, f32); 7] =
        [(150.0, -300.0), (100.0, -200.0), (100.0, -150.0), (50.0, -150.0), (50.0, -50.0), (0.0, -100.0), (0.0, 0.0)];
    // unsure: the rules are wrong, the model right but within the thresholds;
    // both: the rules and the model are wrong; overruled: the rules were
    // right, the model overruled them; saved: the model overruled them rightly.
    let (mut unsure, mut both, mut overruled, mut saved) = (0usize, 0usize, 0usize, 0usize);
    let mut grid = [0usize; GRID.len()];
    for ex in examples {
        let lay = Layout::new(&ex.lines);
        let rules = find_heads_in(&ex.lines, &lay);
        let margins = m.heading_margins(&ex.lines, &ex.feats);
        let chosen = line_model::decide(&rules, &margins);
        for i in 0..ex.lines.len() {
            if ex.lines[i].role != lvread::loader::lines::Role::Text {
                continue;
            }
            let gold = ex.heading[i];
            let model_right = (margins[i] > 0.0) == gold;
            if chosen[i] != gold && std::env::var_os("FIT_CAUSES").is_some_and(|v| v == name) {
                let ctx = |k: usize| ex.lines.get(k).map_or(String::new(), |l| l.text.chars().take(30).collect());
                // `||` between lines that follow one another, `|_|` where a
                // blank line lies between.
                let sep = |a: usize, b: usize| match (ex.lines.get(a), ex.lines.get(b)) {
                    (Some(x), Some(y)) if y.no > x.no + 1 => "|_|",
                    _ => "||",
                };
                println!(
                    "    {name} gold={} rules={} margin={:.0} | {} {} {} {} {}",
                    gold,
                    rules[i],
                    margins[i],
                    if i > 0 { ctx(i - 1) } else { String::new() },
                    if i > 0 { sep(i - 1, i) } else { "||" },
                    ex.lines[i].text,
                    sep(i, i + 1),
                    ctx(i + 1)
                );
            }
            match (rules[i] == gold, chosen[i] == gold) {
                (false, false) if model_right => unsure += 1,
                (false, false) => both += 1,
                (true, false) => overruled += 1,
                (false, true) => saved += 1,
                (true, true) => {}
            }
            for (k, &(h, b)) in GRID.iter().enumerate() {
                let d = if rules[i] { margins[i] >= b } else { margins[i] > h };
                grid[k] += usize::from(d != gold);
            }
        }
    }
    let _ = write!(
        out,
        "\n  {name}: model unsure {unsure}, rules and model wrong {both}, model overruled the rules wrongly {overruled} (rightly {saved}); errors at thresholds"
    );
    for (k, (h, b)) in GRID.iter().enumerate() {
        let _ = write!(out, " {h}/{b}: {}", grid[k]);
    }
}

fn num(x: f32) -> String {
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 { "0.0".into() } else { format!("{r:?}") }
}

fn table(m: &Model, about: &str) -> String {
    let mut s = String::new();
    s.push_str("//! The line model's weights (see [`super::line_model`]), written by\n");
    s.push_str("//! `cargo run --release --example fit_loader`: do not edit by hand, fit again.\n");
    let _ = writeln!(s, "//! {about}\n");
    s.push_str("/// Per feature, its weight for each text state (Head, Sub, First, Middle, Last, Whole).\n");
    s.push_str("#[rustfmt::skip]\npub const EMIT: &[(&str, [f32; 6])] = &[\n");
    for (k, name) in FEATURE_NAMES.iter().enumerate() {
        let row: Vec<String> = (0..State::TEXT).map(|st| num(m.emit[st][k])).collect();
        let _ = writeln!(s, "    ({:<22} [{}]),", format!("\"{name}\","), row.join(", "));
    }
    s.push_str("];\n\n");
    s.push_str("/// Transition scores: `TRANS[a][b]` for state `b` right after state `a`\n");
    s.push_str("/// (Head, Sub, First, Middle, Last, Whole, Byline, Caption, Close, Banner).\n");
    s.push_str("#[rustfmt::skip]\npub const TRANS: [[f32; 10]; 10] = [\n");
    for (a, row) in m.trans.iter().enumerate() {
        let row: Vec<String> = row.iter().map(|x| num(*x)).collect();
        let _ = writeln!(s, "    [{}], // after {}", row.join(", "), State::ALL[a].name());
    }
    s.push_str("];\n\n/// Score of each state on a page's first line.\n#[rustfmt::skip]\n");
    let row: Vec<String> = m.start.iter().map(|x| num(*x)).collect();
    let _ = writeln!(s, "pub const START: [f32; 10] = [{}];", row.join(", "));
    s
}

/// One step on a page whose gold says only which lines are headings: the
/// gold sequence is the best one that gets the headings right.
fn fit_headings(m: &mut Model, ex: &Example, only: Option<u128>, room: bool, rate: f32) {
    let pred = match only {
        Some(mask) if room => decode_with_room(m, ex, mask),
        _ => m.decode(&ex.lines, &ex.feats),
    };
    if pred.iter().zip(&ex.heading).any(|(p, h)| p.is_heading() != *h) {
        let gold = m.decode_where(&ex.lines, &ex.feats, |i, s| s.is_heading() == ex.heading[i]);
        let ex = Example { gold, shape: None, heading: Vec::new(), lines: ex.lines.clone(), feats: ex.feats.clone() };
        update(m, &ex, &pred, only, rate);
    }
}

/// Per group of pages (each generated shape, then the pages read back by
/// `pdftotext` when there are any): how many text lines the loader's
/// headline-or-not decision gets wrong with `m` (the rules of `heads.rs`
/// overruled by `m`'s heading margins, [`line_model::decide_on_page`]), and
/// how many `m` decodes to another role than the gold (generated pages
/// only: a page read back says only which lines are headings).
fn decision_errors(m: &Model, examples: &[Example], real: &[Example], layout: &[Example]) -> Vec<(usize, usize)> {
    use lvread::loader::heads::{Layout, find_heads_in};
    use lvread::loader::lines::Role;
    let count = |pages: &mut dyn Iterator<Item = &Example>| {
        let (mut heads, mut roles) = (0usize, 0usize);
        for ex in pages {
            let lay = Layout::new(&ex.lines);
            let rules = find_heads_in(&ex.lines, &lay);
            let margins = m.heading_margins(&ex.lines, &ex.feats);
            let chosen = line_model::decide_on_page(&ex.lines, &lay, &rules, &margins);
            let pred = if ex.gold.is_empty() { Vec::new() } else { m.decode(&ex.lines, &ex.feats) };
            for (i, line) in ex.lines.iter().enumerate() {
                if line.role == Role::Text {
                    heads += usize::from(chosen.get(i) != ex.heading.get(i));
                }
                if let (Some(g), Some(p)) = (ex.gold.get(i), pred.get(i))
                    && g.index() < State::TEXT
                {
                    roles += usize::from(p != g);
                }
            }
        }
        (heads, roles)
    };
    let mut out: Vec<(usize, usize)> =
        Shape::ALL.iter().map(|&s| count(&mut examples.iter().filter(|e| e.shape == Some(s)))).collect();
    if !real.is_empty() {
        out.push(count(&mut real.iter()));
    }
    if !layout.is_empty() {
        out.push(count(&mut layout.iter()));
    }
    out
}

/// A page read back by `pdftotext` is shown once every this many generated pages.
const REAL_EVERY: usize = 2;

/// A bundled page is shown once every this many generated pages.
const BUNDLED_EVERY: usize = 25;

/// The bundled pages with, for each line, whether it is a heading, from
/// their tree (`tests/data/bundled_tree.json`, see [`heading_labels`]).
fn bundled_examples(root: &Path) -> Vec<Example> {
    use lvread::loader::decode::clean;
    use lvread::synth::tree::Tree;
    let Ok(json) = std::fs::read_to_string(root.join("tests/data/bundled_tree.json")) else { return Vec::new() };
    let Ok(tree) = serde_json::from_str::<Tree>(&json) else { return Vec::new() };
    let mut out = Vec::new();
    for (name, text) in lvread::loader::BUNDLED {
        let Some(issue) = tree.issues.iter().find(|i| i.source == *name) else { continue };
        let lines = lines_of(&clean(text));
        let heading = heading_labels(issue, &lines);
        let feats = features(&lines);
        out.push(Example { shape: None, heading, gold: Vec::new(), lines, feats });
    }
    out
}

/// For each line of a page, whether it is a heading, from the page's tree:
/// a line is a headline line when its text is part of an article's kicker,
/// title or subtitle and not of its paragraphs, and a subheading when it
/// is a short paragraph of its own that ends no sentence.
fn heading_labels(issue: &TreeIssue, lines: &[Line]) -> Vec<bool> {
    use lvread::loader::lines::{Role, is_sentence_end};
    use lvread::synth::tree::fold;
    let heads: Vec<String> = issue
        .articles
        .iter()
        .filter(|a| !a.title_inferred)
        .map(|a| {
            fold(&format!("{}{}{}", a.kicker.as_deref().unwrap_or(""), a.title, a.subtitle.as_deref().unwrap_or("")))
        })
        .chain(issue.fragments.iter().map(|f| fold(f)))
        .collect();
    let body: String = issue.articles.iter().flat_map(|a| a.paragraphs.iter()).map(|p| fold(p)).collect();
    // Subheadings stand between paragraphs (a notice's last lines, its
    // signatory and date, are paragraphs).
    let subs: Vec<String> = issue
        .articles
        .iter()
        .flat_map(|a| {
            let n = a.paragraphs.len();
            a.paragraphs.iter().enumerate().filter(move |(k, _)| *k > 0 && k + 3 < n).map(|(_, p)| p)
        })
        .filter(|p| p.chars().count() <= 40 && !is_sentence_end(p))
        .map(|p| fold(p))
        .collect();
    lines
        .iter()
        .map(|l| {
            let t = fold(&l.text);
            l.role == Role::Text
                && !t.is_empty()
                && ((heads.iter().any(|h| h.contains(&t)) && (t.chars().count() >= 5 || !body.contains(&t)))
                    || subs.contains(&t))
        })
        .collect()
}

/// The fitting pages typeset as PDF and read back by poppler's `pdftotext`
/// (plain and `-raw`, as `loader_eval` does, sharing its cache), each line
/// labelled heading or not from the page's tree ([`heading_labels`]): the
/// real extractor's line shapes, which the generated shapes only imitate.
/// Empty when `pdftotext` is not installed.
fn real_examples(
    material: &source::Material,
    root: &Path,
    draws: &[u64],
    max_pages: usize,
    layout: bool,
) -> Vec<Example> {
    use pdfgen::items::{Real, have_pdftotext, real_pages};
    if !have_pdftotext() {
        eprintln!("fit_loader: pdftotext is not installed, fitting on the generated shapes only");
        return Vec::new();
    }
    let wanted: Vec<bool> = Real::ALL
        .iter()
        .map(|r| if layout { matches!(r, Real::Layout) } else { matches!(r, Real::Plain | Real::Raw) })
        .collect();
    let cache = root.join("target").join("loader_eval_cache");
    let mut out = Vec::new();
    for &draw in draws {
        let pages = match real_pages(material, Half::Fit, draw, max_pages, &wanted, Some(&cache)) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("fit_loader: the real-extractor pages failed ({e}), fitting on the generated shapes only");
                return Vec::new();
            }
        };
        for page in pages.into_iter().flatten() {
            let lines = loader_lines(&page);
            let heading = heading_labels(&page.perfect, &lines);
            let feats = features(&lines);
            out.push(Example { shape: None, heading, gold: Vec::new(), lines, feats });
        }
    }
    out
}

fn lines_of(text: &str) -> Vec<Line> {
    lvread::loader::lines::read_lines(text)
}

fn main() -> ExitCode {
    let mut epochs = 8usize;
    let mut max_pages = usize::MAX;
    let mut dry = false;
    let mut with_real = false;
    let mut only = None;
    let mut from_scratch = false;
    let mut room = true;
    let mut with_layout = false;
    let mut rate = 1.0f32;
    let mut draws: Vec<u64> = vec![0];
    let mut out: Option<std::path::PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--epochs" => epochs = args.next().and_then(|v| v.parse().ok()).unwrap_or(epochs),
            "--pages" => max_pages = args.next().and_then(|v| v.parse().ok()).unwrap_or(max_pages),
            "--dry-run" => dry = true,
            "--real" => with_real = true,
            "--from-scratch" => from_scratch = true,
            "--no-room" => room = false,
            "--layout" => with_layout = true,
            "--rate" => rate = args.next().and_then(|v| v.parse().ok()).filter(|r: &f32| *r > 0.0).unwrap_or(rate),
            "--out" => out = args.next().map(Into::into),
            "--draws" => match sets::fit_draws(&args.next().unwrap_or_default()) {
                Ok(d) => draws = d,
                Err(e) => {
                    eprintln!("fit_loader: {e}");
                    return ExitCode::from(2);
                }
            },
            "--only" => {
                let names = args.next().unwrap_or_default();
                let mut mask = 0u128;
                for name in names.split(',') {
                    let Some(k) = FEATURE_NAMES.iter().position(|f| *f == name) else {
                        eprintln!("--only: no feature {name:?}");
                        return ExitCode::from(2);
                    };
                    mask |= 1 << k;
                }
                only = Some(mask);
            }
            other => {
                eprintln!(
                    "unknown option {other:?} (--epochs N, --pages N, --draws N[,N…], --dry-run, --out FILE, --real, --only FEATURE, --no-room, --rate R, --layout, --from-scratch)"
                );
                return ExitCode::from(2);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let material = match source::load(root) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("fit_loader: the shared material is missing, nothing to fit ({e})");
            return ExitCode::SUCCESS;
        }
    };
    let mut examples = Vec::new();
    for &draw in &draws {
        for shape in Shape::ALL {
            for page in sets::pages_of_draw(&material, Half::Fit, shape, max_pages, draw) {
                let lines = loader_lines(&page);
                let feats = features(&lines);
                let gold = gold_states(&page, &lines);
                let heading = gold.iter().map(|s| s.is_heading()).collect();
                examples.push(Example { shape: Some(shape), lines, feats, gold, heading });
            }
        }
    }
    let bundled = bundled_examples(root);
    let real = if with_real { real_examples(&material, root, &draws, max_pages, false) } else { Vec::new() };
    eprintln!(
        "{} fitting pages (draws {draws:?}), {} read back by pdftotext, {NF} features",
        examples.len(),
        real.len()
    );
    // Pages of the four shapes interleaved, in a fixed order.
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = lvread::synth::Rng::new(9);
    // The committed table is the start (with `--only`, only that feature's
    // weights move: a new feature fitted without refitting the rest); with
    // `--from-scratch`, every weight starts at zero.
    let mut m = if from_scratch { Model::zero() } else { Model::fitted().clone() };
    let mut sum = Model::zero();
    let mut count = 0f32;
    for epoch in 0..epochs {
        for k in (1..order.len()).rev() {
            order.swap(k, rng.below(k + 1));
        }
        let mut wrong = 0usize;
        for (j, &k) in order.iter().enumerate() {
            let ex = &examples[k];
            let pred = match only {
                Some(mask) if room => decode_with_room(&m, ex, mask),
                _ => m.decode(&ex.lines, &ex.feats),
            };
            if pred != ex.gold {
                wrong += 1;
                update(&mut m, ex, &pred, only, rate);
            }
            add(&mut sum, &m);
            count += 1.0;
            // A page read back by pdftotext after every few generated ones:
            // its gold is the best sequence that gets its headings right.
            if !real.is_empty() && j % REAL_EVERY == 0 {
                let ex = &real[(j / REAL_EVERY + epoch * 7) % real.len()];
                fit_headings(&mut m, ex, only, room, rate);
            }
            // The bundled pages, real print, among the generated ones: the
            // gold sequence is the best one that gets the headings right.
            if !bundled.is_empty() && j % BUNDLED_EVERY == 0 {
                fit_headings(&mut m, &bundled[(j / BUNDLED_EVERY) % bundled.len()], only, room, rate);
            }
        }
        eprintln!("epoch {}: {wrong} pages not all right", epoch + 1);
    }
    // With `--epochs 0`, the committed table itself (diagnosis only).
    let mut avg = if count == 0.0 { Model::fitted().clone() } else { scaled(&sum, count) };
    if let Some(mask) = only {
        // The rest of the table exactly as it was (the average of a weight
        // that never moved may differ from it in its last digit).
        let mut kept = Model::fitted().clone();
        for k in (0..NF).filter(|&k| mask >> k & 1 == 1) {
            for (e, a) in kept.emit.iter_mut().zip(&avg.emit) {
                e[k] = a[k];
            }
        }
        avg = kept;
    }
    // The refit replaces the committed table only when the loader's
    // headline decision gets fewer lines wrong with it in all (or as many,
    // and fewer roles) and no more on any shape, the pages read back by
    // `pdftotext` counted as one more shape: from the table, a fit that
    // finds nothing better gives the table back.
    let committed = Model::fitted();
    let judged = if real.is_empty() { real_examples(&material, root, &draws, max_pages, false) } else { real };
    let layout = if with_layout { real_examples(&material, root, &draws, max_pages, true) } else { Vec::new() };
    let now = decision_errors(committed, &examples, &judged, &layout);
    let fit = decision_errors(&avg, &examples, &judged, &layout);
    let sum = |v: &[(usize, usize)]| v.iter().fold((0, 0), |(a, b), &(h, r)| (a + h, b + r));
    let ((now_heads, now_roles), (fit_heads, fit_roles)) = (sum(&now), sum(&fit));
    println!(
        "text lines decided wrong (headline or not, role), per shape then read back by pdftotext: the table now {now:?}; refitted {fit:?}"
    );
    let better = (fit_heads, fit_roles) < (now_heads, now_roles) && fit.iter().zip(&now).all(|(f, n)| f.0 <= n.0);
    if let Some(file) = &out {
        // The refit whatever the test above says, for `loader_eval` to
        // judge on fresh draws (copied over `weights.rs` and rebuilt).
        let about = format!(
            "Refitted on draws {draws:?}, {epochs} epochs ({fit_heads} text lines' headline decision wrong; the table before: {now_heads}); written by --out, not by the test."
        );
        if let Err(e) = std::fs::write(file, table(&avg, &about)) {
            eprintln!("fit_loader: cannot write {}: {e}", file.display());
            return ExitCode::FAILURE;
        }
    }
    if !better {
        println!("the refit is no better on every shape: the committed table is kept");
        avg = committed.clone();
    }
    let acc = accuracy(&avg, &examples);
    println!("fitting set (averaged weights):{acc}");
    println!("{}", heading_causes(&avg, &examples, &judged));
    for ex in &bundled {
        let pred = avg.decode(&ex.lines, &ex.feats);
        let wrong = pred.iter().zip(&ex.heading).filter(|(p, h)| p.is_heading() != **h).count();
        let rules = lvread::loader::heads::find_heads(&ex.lines);
        let by_rules = rules.iter().zip(&ex.heading).filter(|(p, h)| *p != *h).count();
        println!(
            "  bundled page: {wrong} of {} lines' heading decision differ from its tree (the rules: {by_rules})",
            ex.lines.len()
        );
        if std::env::var_os("FIT_VERBOSE").is_some() {
            for (i, l) in ex.lines.iter().enumerate() {
                if pred[i].is_heading() != ex.heading[i] || rules[i] != ex.heading[i] {
                    println!(
                        "    {} tree={} rules={} model={} {}",
                        l.no,
                        ex.heading[i],
                        rules[i],
                        pred[i].name(),
                        l.text
                    );
                }
            }
        }
    }
    if !dry && better {
        let about = format!(
            "Fitted on {} fitting pages (draws {}), {epochs} epochs from {}:\n//! {fit_heads} text lines' headline decision wrong (the table before: {now_heads}).\n//! The command: `cargo run --release --example fit_loader -- {}`.",
            examples.len(),
            draws.iter().map(u64::to_string).collect::<Vec<_>>().join(","),
            if from_scratch { "zero" } else { "the table before" },
            std::env::args().skip(1).collect::<Vec<_>>().join(" ")
        );
        let path = root.join("src/loader/weights.rs");
        if let Err(e) = std::fs::write(&path, table(&avg, &about)) {
            eprintln!("fit_loader: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("wrote {}", path.display());
    }
    ExitCode::SUCCESS
}
