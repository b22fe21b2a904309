//! Fits the boundary score's weights ([`lvread::loader::boundary::WEIGHTS`])
//! on the corpus' **fitting** pages, and with `--write` writes them into
//! `src/loader/boundary.rs`: `cargo run --release --example fit_boundary [-- --pages N --write --from-scratch --trade --gaps FILE]`,
//! or on the items those pages give, with the thresholds read beside the
//! weights: `-- --items [--draws N,N --sweeps N --threads N --pages N --write]`.
//!
//! **The draws (`--draws N,N,…`, 0 by default).** The fitting pages are
//! those of every draw listed ([`sets::pages_of_draw`]: the same days
//! composed and printed with other random choices; draw 0 is the fixed
//! set), a shape's figures summed over them. Every table before the
//! twenty-sixth round was searched on draw 0 alone, and fresh draws of the
//! same days score ~3 items fewer exactly right: a coordinate search taking
//! moves that gain 2 picks up moves that fit one draw's pages. Over several
//! draws a move must gain 2 per draw, and a shape may lose one item per
//! draw ([`gains_over`]). Draws 7, 8 and 9 are refused: they judge a refit
//! (`loader_eval -- --set fit --draw 7,8,9`, by the keep rule: exact up by
//! 10 at least, right not down, no shape's exact down by more than 6), so
//! no search may see them. A full `--items` search on several draws takes
//! hours on two shared cores; `--pages 150 --draws 1,2,3,4 --sweeps 1
//! --threads 1` (4,200 pages, about one draw's worth, ~25 minutes) tells
//! which knobs move at all, and `--knobs` then searches those on more
//! pages. Every candidate's objective is printed (`  sweep S KNOB=VALUE`):
//! read whether the committed value beats its neighbours on the draws.
//! Then check the moves on draws the search did not see, without a
//! rebuild: `--draws 5,6 --sweeps 0 --at KNOB=VALUE …` prints the table so
//! moved (`--at:`) beside the committed one; keep only the moves that hold
//! there (twenty-sixth round: of five moves found on draws 1–4, the two
//! photo cut-offs lost on draws 5 and 6 and the other three gained 56;
//! those three passed the judge, exact +70).
//!
//! **On the items (`--items`)**, the objective is `loader_eval`'s own:
//! a candidate table ([`Params`]: the weights, the thresholds
//! `PHOTO_BEFORE_MIN`, `OPENER_TURN_MIN_TERMS`, `HEADLINE_SHARED_MIN` of
//! `boundary.rs` and `MAX_KICKER_CHARS` of `units.rs`, and the cut-offs of
//! [`CUTS`] that `joins.rs`, `units.rs`, `pairing.rs` and `boundary.rs` read) loads every
//! fitting page ([`loader::load_prepared`]) and is scored per shape by the
//! items right, exactly right and spurious, as `loader_eval --set fit`
//! counts them. The objective ([`objective`]) is, over all shapes, the
//! items right plus exactly right minus spurious; a move is taken only
//! when it raises it by [`MIN_GAIN`](lvread::loader::params::MIN_GAIN) (2)
//! at least, and no shape loses more than one item right or exactly right
//! or gains more than one spurious item against the table the search
//! started from ([`gains`]: the rule a change must pass to be committed).
//! `--knobs cuts` (or `weights`, or names joined by commas) searches only
//! those knobs. The pages are read once ([`loader::prepare`]: lines, the
//! line model, which no table changes); each candidate reloads only the
//! pages where it may decide a boundary otherwise (a weight's move: the
//! pages with a boundary holding its term), scores only the pages whose
//! tree changed, on `--threads` threads (2 by default): a candidate takes
//! about 0.1–8 s on two cores. The search is a coordinate search
//! from the committed table ([`Params::COMMITTED`]): each knob in turn
//! (a weight scaled by 0–1.5 or moved by 5–50 points, never turned over
//! and keeping [`RULES`], the heading margin's weight, the unit, kept; a
//! threshold moved by a few steps) to the value that gains most, for
//! `--sweeps` sweeps (3 by default) or until one moves nothing (`--knobs
//! all|weights|cuts|NAME,NAME` moves only those knobs, e.g. a new term's
//! weight, or only the boundary weights, or only `params::CUTS`); every move
//! is printed with its figures (`--at KNOB=VALUE`, repeated, starts from
//! the committed table so moved, e.g. `--at ClosingByline=102 --sweeps 0
//! --write` to write the moves a run printed). To refit: run it without `--write`, read
//! the moves (a move gaining an item or two on one shape is worth
//! checking on its neighbouring values: a knife edge does not hold on the
//! evaluation set); then with `--write` (the weights into [`WEIGHTS`], the
//! thresholds into their constants), rebuild, check
//! `loader_eval -- --set fit` gives the printed figures and
//! `cargo test --release --test loader_bundled` (and the loader's other
//! tests) still pass, and commit.
//!
//! **On the gaps** (the default):
//!
//! Every fitting page (the four text shapes, and the three real-extractor
//! shapes when `pdftotext` is installed) is read by the loader; at each
//! candidate gap it weighed ([`lvread::loader::assemble::boundaries`]) the
//! units of evidence of each term are recorded with the gold answer the
//! page's perfect tree gives: for a line set apart that the score may make
//! a headline (its terms hold [`Term::HeadingMargin`]), is its text part of
//! a headline; for any other gap, does the line after it belong to another
//! item than the text before it (lines too short to place are passed
//! over).
//!
//! The fit starts from the committed table ([`WEIGHTS`], as compiled from
//! `boundary.rs`) and moves each weight in turn (coordinate search: scaled,
//! or moved by a few points, never turned over; the heading margin's
//! weight, the unit, stays 1) while that decides fewer gaps wrong and
//! every gap decided right before still right (`--trade` drops that: a
//! move may then trade gaps, which cost items the gaps do not show),
//! keeping the few decisions hand-written test pages hold (`RULES`). A table no
//! move improves comes back unchanged, so a refit never decides more gaps
//! wrong than the table it started from. `--from-scratch` starts instead
//! from a logistic regression on the gaps (every weight but the costs of a
//! gap and of a line set apart kept at zero or above), scaled so that the
//! heading margin counts one point per point: it lands far from the
//! committed table (over 2,500 gaps wrong against its 1,453 at 06d3860),
//! since the negative terms (`Subheading`, `GoesOn`) cannot go below zero
//! there. The evaluation set is never used here.
//!
//! To refit: run it without `--write` and read the gaps decided wrong (in
//! all and per shape) of the table now and of the refit, and each weight's
//! move; then with `--write`, rebuild, and keep the written table only if
//! `cargo run --release --example loader_eval -- --set fit` loses no item
//! right or exactly right on any shape and raises no shape's spurious
//! items (the gaps are counted, not the items: a gap decided right may
//! still cost an item). A new [`Term`] needs its row in [`WEIGHTS`] (a
//! unit test checks every term has one); give it a small weight of its
//! sign and let the search move it.

#[path = "common/bundled.rs"]
mod bundled;
#[path = "../tests/pdfgen/mod.rs"]
mod pdfgen;

use lvread::loader::boundary::{Boundary, Term, WEIGHTS};
use lvread::loader::params::{CUTS, Figures, Params, gains_over, objective};
use lvread::loader::{self, assemble, columns, decode, lines};
use lvread::synth::source::{self, Half};
use lvread::synth::tree::{TreeIssue, fold, fold_opt};
use lvread::synth::{Shape, SynthPage, score_issue, sets};
use pdfgen::items::{self, Real, have_pdftotext};
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

/// How many terms the score has.
const NT: usize = WEIGHTS.len();

/// One candidate gap: its evidence per term, the gold answer, its shape
/// (an index into the shapes' names).
struct Gap {
    x: [f32; NT],
    starts: bool,
    shape: usize,
}

/// What the perfect tree of a page says of a line's text (folded).
struct Gold {
    /// Per article, all its text: headline lines, byline, paragraphs, captions.
    whole: Vec<String>,
    /// Per article, its kicker, title and subtitle.
    heads: Vec<String>,
    /// Per article, its byline, paragraphs and captions.
    body: Vec<String>,
}

/// The shortest line text (folded, in characters) placed by the tree: a
/// shorter one may stand in more than one place.
const MIN_CHARS: usize = 4;

impl Gold {
    fn of(tree: &TreeIssue) -> Gold {
        let heads: Vec<String> = tree
            .articles
            .iter()
            .map(|a| format!("{}{}{}", fold_opt(&a.kicker), fold(&a.title), fold_opt(&a.subtitle)))
            .collect();
        let body: Vec<String> = tree
            .articles
            .iter()
            .map(|a| {
                let mut t = fold_opt(&a.byline);
                a.paragraphs.iter().chain(&a.captions).for_each(|p| t.push_str(&fold(p)));
                t
            })
            .collect();
        let whole = heads.iter().zip(&body).map(|(h, b)| format!("{h}{b}")).collect();
        Gold { whole, heads, body }
    }

    /// The one article whose text holds `text`.
    fn article(&self, text: &str) -> Option<usize> {
        let t = fold(text);
        if t.chars().count() < MIN_CHARS {
            return None;
        }
        let mut found = self.whole.iter().enumerate().filter(|(_, w)| w.contains(&t)).map(|(k, _)| k);
        let k = found.next()?;
        found.next().is_none().then_some(k)
    }

    /// Is `text` part of a headline (and of no body), or of a body (and of
    /// no headline)?
    fn is_headline(&self, text: &str) -> Option<bool> {
        let t = fold(text);
        if t.chars().count() < MIN_CHARS {
            return None;
        }
        let in_heads = self.heads.iter().any(|h| h.contains(&t));
        let in_body = self.body.iter().any(|b| b.contains(&t));
        (in_heads != in_body).then_some(in_heads)
    }
}

/// The gaps the loader weighed on one page, each labelled from the page's
/// perfect tree (gaps it cannot place are left out).
fn gaps_of(page: &SynthPage, shape: usize) -> Vec<Gap> {
    let clean = decode::clean(&page.raw);
    let unfolded = columns::unfold(&clean);
    let text = unfolded.as_deref().unwrap_or(&clean);
    let lines = lines::read_lines(text);
    let gold = Gold::of(&page.perfect);
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    let mut out = Vec::new();
    for b in assemble::boundaries(text) {
        let Some(starts) = label(&b, &texts, &gold) else { continue };
        let mut x = [0f32; NT];
        for &(t, amount) in b.terms() {
            x[t as usize] += amount;
        }
        out.push(Gap { x, starts, shape });
    }
    out
}

/// The gold answer at gap `b` (`texts`: the page's lines): is the line set
/// apart a headline, or does another item start at the gap? `None` when
/// the tree does not say.
fn label(b: &Boundary, texts: &[&str], gold: &Gold) -> Option<bool> {
    let first = texts.get(b.line)?;
    if b.terms().iter().any(|(t, _)| *t == Term::HeadingMargin) {
        return gold.is_headline(first);
    }
    let after = gold.article(first)?;
    let before = texts[..b.line].iter().rev().find_map(|t| gold.article(t))?;
    Some(after != before)
}

fn score(w: &[f32; NT], x: &[f32; NT]) -> f32 {
    w.iter().zip(x).map(|(a, b)| a * b).sum()
}

/// How many gaps `w` decides wrong.
fn errors(w: &[f32; NT], gaps: &[Gap]) -> usize {
    gaps.iter().filter(|g| (score(w, &g.x) > 0.0) != g.starts).count()
}

/// Logistic regression by gradient descent, each term's evidence scaled to
/// unit size first (the heading margin runs to hundreds of points, the
/// other terms are 0 or 1); a little L2 keeps terms seen rarely small.
/// Every term but the costs (of a gap, of a line set apart) is evidence for
/// a new item: its weight is kept at zero or above (a term seen mostly where no item starts
/// would otherwise turn against the very gaps it is counted for).
fn logistic(gaps: &[Gap]) -> [f32; NT] {
    let mut scale = [1f32; NT];
    for (k, s) in scale.iter_mut().enumerate() {
        let n = gaps.iter().filter(|g| g.x[k] != 0.0).count().max(1) as f32;
        let ms = gaps.iter().map(|g| g.x[k] * g.x[k]).sum::<f32>() / n;
        if ms > 0.0 {
            *s = ms.sqrt();
        }
    }
    let xs: Vec<[f32; NT]> = gaps.iter().map(|g| std::array::from_fn(|k| g.x[k] / scale[k])).collect();
    let mut w = [0f32; NT];
    let n = gaps.len().max(1) as f32;
    let (rate, l2) = (1.0f32, 1e-4f32);
    for _ in 0..4000 {
        let mut grad = [0f32; NT];
        for (x, g) in xs.iter().zip(gaps) {
            let p = 1.0 / (1.0 + (-score(&w, x)).exp());
            let err = p - f32::from(u8::from(g.starts));
            for k in 0..NT {
                grad[k] += err * x[k];
            }
        }
        for k in 0..NT {
            w[k] -= rate * (grad[k] / n + l2 * w[k]);
            if k != Term::Gap as usize && k != Term::SetApart as usize {
                w[k] = w[k].max(0.0);
            }
        }
    }
    std::array::from_fn(|k| w[k] / scale[k])
}

/// Decisions the score must keep whatever the fitting pages say, each
/// tested on a hand-written page of `tests/`: the terms at such a gap, and
/// whether an item starts there.
const RULES: &[(&[Term], bool)] = &[
    // An opener where the column's width changes starts an item
    // (tests/pages/unbylined_item_opens_at_width_change.txt).
    (&[Term::Gap, Term::Opener, Term::WidthChange], true),
    // A text after a dated notice, in a column of another width, does
    // (tests/pages/item_after_dated_notice_other_width.txt).
    (&[Term::Gap, Term::ClosingDate, Term::WidthChange], true),
    // An opener alone is common inside an article.
    (&[Term::Gap, Term::Opener], false),
    // So is a date wrapped alone onto its line mid-sentence
    // (tests/pages/paragraph_breaks_not_shown.txt).
    (&[Term::Gap, Term::ClosingDate], false),
    // A lead naming its subject before its day, whose first sentence
    // shares none of the words before it, starts an item in a column of the
    // same width (tests/pages/items_turning_away_same_width.txt); such a
    // lead alone does not.
    (&[Term::Gap, Term::SubjectLead, Term::TopicShift], true),
    (&[Term::Gap, Term::SubjectLead], false),
    // An opener giving its date whose first sentence turns to another
    // subject starts an item in a column of the same width
    // (tests/pages/item_opens_with_date_on_another_subject_same_width.txt).
    (&[Term::Gap, Term::Opener, Term::OpenerShift], true),
    // A notice's preamble (`为进一步做好…，现将有关事项公告如下：`) straight
    // after another item's text starts an item
    // (tests/pages/notice_after_item_no_headline_between.txt).
    (&[Term::Gap, Term::NoticeOpens], true),
];

/// Does `w` decide every gap of [`RULES`] as it says?
fn keeps_rules(w: &[f32; NT]) -> bool {
    RULES.iter().all(|(terms, starts)| (terms.iter().map(|&t| w[t as usize]).sum::<f32>() > 0.0) == *starts)
}

/// `w` moved as little as [`RULES`] need: a notice's date alone weighed
/// under the cost of a gap, the width change at least as much as an opener
/// or a date beside it need (the fitting pages hold few gaps where the
/// width changes).
fn with_rules(mut w: [f32; NT]) -> [f32; NT] {
    let (gap, opener, date, width) =
        (Term::Gap as usize, Term::Opener as usize, Term::ClosingDate as usize, Term::WidthChange as usize);
    w[date] = w[date].min(-w[gap] * 0.9);
    let need = -(w[gap] + w[opener].min(w[date])) * 1.1;
    w[width] = w[width].max(need);
    w
}

/// Coordinate search from `w`: each weight in turn scaled (or zeroed) or
/// moved by a few points, never turned over (its sign is what the term
/// means: evidence for a new item, or against one), while that decides
/// fewer gaps wrong and keeps [`RULES`], until no move helps. Unless
/// `trade`, a move must also decide right every gap decided right before
/// it: a move trading gaps (some right, others wrong) was seen to cost
/// items the gaps do not show (on FIT pdftotext, 9 items lost by a table
/// that decided as many of its gaps wrong). The heading margin's weight,
/// the score's unit, stays as it is. Started from a table no move
/// improves, the search returns that table unchanged.
fn refine(w: [f32; NT], gaps: &[Gap], trade: bool) -> [f32; NT] {
    let mut w = with_rules(w);
    let mut wrong = wrong_gaps(&w, gaps);
    let mut best = wrong.iter().filter(|&&x| x).count();
    let unit = Term::HeadingMargin as usize;
    for _ in 0..30 {
        let mut moved = false;
        for k in (0..NT).filter(|&k| k != unit) {
            let scaled = [0.0, 0.5, 0.7, 0.85, 0.95, 1.05, 1.2, 1.5, 2.0].map(|f| w[k] * f);
            let stepped = [-50.0, -20.0, -10.0, -5.0, 5.0, 10.0, 20.0, 50.0].map(|d| w[k] + d);
            for x in scaled.into_iter().chain(stepped) {
                if x * w[k] < 0.0 || (w[k] == 0.0 && !may_start_at_zero(k, x)) {
                    continue;
                }
                let mut v = w;
                v[k] = x;
                let now = wrong_gaps(&v, gaps);
                let e = now.iter().filter(|&&x| x).count();
                let kept = trade || now.iter().zip(&wrong).all(|(&n, &o)| !n || o);
                if e < best && kept && keeps_rules(&v) {
                    (best, w, wrong, moved) = (e, v, now, true);
                }
            }
        }
        if !moved {
            break;
        }
    }
    w
}

/// Per gap, does `w` decide it wrong?
fn wrong_gaps(w: &[f32; NT], gaps: &[Gap]) -> Vec<bool> {
    gaps.iter().map(|g| (score(w, &g.x) > 0.0) != g.starts).collect()
}

/// May a weight at zero move to `x`: the costs (of a gap, of a line set
/// apart) only below zero, every other term only above (evidence for a new
/// item, as [`logistic`] keeps them).
fn may_start_at_zero(k: usize, x: f32) -> bool {
    if [Term::Gap, Term::SetApart, Term::Unspaced].iter().any(|&t| t as usize == k) { x < 0.0 } else { x > 0.0 }
}

/// `w` scaled so that the heading margin counts one point per point (the
/// score's unit), when its weight is positive.
fn in_points(w: [f32; NT]) -> [f32; NT] {
    let hm = w[Term::HeadingMargin as usize];
    let k = if hm > 1e-6 { 1.0 / hm } else { 150.0 / w[Term::Gap as usize].abs().max(1e-6) };
    std::array::from_fn(|i| (w[i] * k * 10.0).round() / 10.0)
}

fn per_shape(w: &[f32; NT], gaps: &[Gap], names: &[&str]) -> String {
    let mut out = String::new();
    for (s, name) in names.iter().enumerate() {
        let mine: Vec<&Gap> = gaps.iter().filter(|g| g.shape == s).collect();
        let wrong = mine.iter().filter(|g| (score(w, &g.x) > 0.0) != g.starts).count();
        let _ = write!(out, " {name} {wrong}/{}", mine.len());
    }
    out
}

/// The table as Rust source, with its doc comment.
/// (`items`: fitted on the items, `--items`, else on the gaps.)
fn table(w: &[f32; NT], about: &str, items: bool) -> String {
    let mut s = String::new();
    s.push_str("/// The weight of each [`Term`], in points of heading margin per unit of\n");
    s.push_str("/// evidence (a gap starts an item when its terms sum above zero). Written\n");
    if items {
        s.push_str("/// by `cargo run --release --example fit_boundary -- --items` (do not edit\n");
        s.push_str("/// by hand, fit again): from the table before, a coordinate search on the\n");
        s.push_str("/// items `loader_eval` counts on the fitting pages, moving a weight (or a\n");
        s.push_str("/// threshold of [`Params`]) while no shape loses an\n");
        s.push_str("/// item right or exactly right or gains a spurious one and the items right\n");
        s.push_str("/// plus exactly right grow, keeping the decisions hand-written test pages\n");
        s.push_str("/// hold (an opener or a notice's date where the column's width changes\n");
        s.push_str("/// starts an item, either alone does not), one point per point of heading\n");
        s.push_str("/// margin.\n");
    } else {
        s.push_str("/// by `cargo run --release --example fit_boundary` (do not edit by hand,\n");
        s.push_str("/// fit again): from the table before, a coordinate search on the gaps the\n");
        s.push_str("/// loader weighs on the fitting pages, each labelled from the page's\n");
        s.push_str("/// perfect tree (a headline line, or a new item after the gap), moving a\n");
        s.push_str("/// weight while that decides fewer gaps wrong and keeps the decisions\n");
        s.push_str("/// hand-written test pages hold (an opener or a notice's date where the\n");
        s.push_str("/// column's width changes starts an item, either alone does not), one\n");
        s.push_str("/// point per point of heading margin.\n");
    }
    for l in about.lines() {
        let _ = writeln!(s, "/// {l}");
    }
    let _ = writeln!(s, "#[rustfmt::skip]\npub const WEIGHTS: [(Term, f32); {NT}] = [");
    for (k, (t, _)) in WEIGHTS.iter().enumerate() {
        let _ = writeln!(s, "    (Term::{t:?}, {:?}),", w[k]);
    }
    s.push_str("];\n");
    s
}

/// Puts `table` in place of the one in `source` (from its doc comment's
/// first line to the end of the constant).
fn replace_table(source: &str, table: &str) -> Option<String> {
    let start = source.find("/// The weight of each [`Term`]")?;
    let konst = start + source[start..].find("pub const WEIGHTS")?;
    let end = konst + source[konst..].find("\n];\n")? + "\n];\n".len();
    Some(format!("{}{table}{}", &source[..start], &source[end..]))
}

// ---------------------------------------------------------------------------
// The item-level objective (`--items`).

/// One fitting page read once ([`loader::prepare`]): what the candidates
/// are loaded from.
struct Ready<'a> {
    page: &'a SynthPage,
    prepared: loader::Prepared,
    shape: usize,
}

/// What a table made of one page: its tree, its items right, exact and
/// spurious, and the terms of every boundary weighed (a bit per [`Term`]).
struct Out {
    tree: TreeIssue,
    fig: (usize, usize, usize),
    terms: u32,
}

/// Loads every page with `p` (on `threads` threads) and scores it as
/// `loader_eval` does. With `base` (what the best table so far made of each
/// page), a page none of whose boundaries holds a term of `touches` (the
/// terms whose weight `p` changes; `u32::MAX`, a threshold's move or one
/// [`promote`](lvread::loader::boundary::promote) reads ahead: every page
/// is loaded, one weighing no boundary too) is left out (`None`): every
/// decision on it stays, and so does its tree; a page whose tree comes out
/// the same keeps its score.
fn run(ready: &[Ready], p: &Params, base: Option<&[Out]>, touches: u32, threads: usize) -> Vec<Option<Out>> {
    let chunk = ready.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|sc| {
        let handles: Vec<_> = ready
            .chunks(chunk)
            .enumerate()
            .map(|(c, part)| {
                sc.spawn(move || {
                    let mut every = Vec::new();
                    part.iter()
                        .enumerate()
                        .map(|(k, r)| {
                            let old = base.map(|b| &b[c * chunk + k]);
                            if touches != u32::MAX && old.is_some_and(|o| o.terms & touches == 0) {
                                return None;
                            }
                            every.clear();
                            let page = loader::load_prepared(&r.page.name, &r.prepared, p, Some(&mut every));
                            let terms = every.iter().flat_map(|b| b.terms()).fold(0u32, |m, (t, _)| m | 1 << *t as u32);
                            let tree = TreeIssue::from(&page);
                            let fig = match old {
                                Some(o) if o.tree == tree => o.fig,
                                _ => {
                                    let (s, _) = score_issue(&r.page.gold, &tree, None, Some(&r.page.perfect), true);
                                    (s.right, s.exact, s.spurious)
                                }
                            };
                            Some(Out { tree, fig, terms })
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    })
}

/// The figures per shape of `outs` (a page left out: its `base`).
fn figures(ready: &[Ready], outs: &[Option<Out>], base: Option<&[Out]>, shapes: usize) -> Figures {
    let mut f = vec![(0, 0, 0); shapes];
    for (k, r) in ready.iter().enumerate() {
        let fig = match (outs.get(k).and_then(Option::as_ref), base) {
            (Some(o), _) => o.fig,
            (None, Some(b)) => b[k].fig,
            (None, None) => (0, 0, 0),
        };
        let x = &mut f[r.shape];
        (x.0, x.1, x.2) = (x.0 + fig.0, x.1 + fig.1, x.2 + fig.2);
    }
    f
}

fn show(f: &Figures, names: &[&str]) -> String {
    let mut out = String::new();
    for ((r, e, s), name) in f.iter().zip(names) {
        let _ = write!(out, " {name} {r}/{e}/{s}");
    }
    let _ = write!(out, " (objective {})", objective(f));
    out
}

/// A value of one knob a candidate table may move: a boundary weight, or a
/// threshold.
#[derive(Clone, Copy, Debug)]
enum Knob {
    Weight(usize),
    PhotoBeforeMin,
    OpenerTurnMinTerms,
    HeadlineSharedMin,
    MaxKickerChars,
    /// A cut-off of [`CUTS`], by its index.
    Cut(usize),
}

impl Knob {
    fn name(self) -> String {
        match self {
            Knob::Weight(k) => format!("{:?}", WEIGHTS[k].0),
            Knob::Cut(k) => format!("{:?}", CUTS[k].0),
            other => format!("{other:?}"),
        }
    }

    /// The values tried from `p`: a weight scaled or moved by a few points
    /// (never turned over, the costs below zero, the rest above), a
    /// threshold moved by a few steps, a cut-off by one or two of its steps
    /// ([`CUTS`]; never below zero).
    fn tries(self, p: &Params) -> Vec<Params> {
        let mut out = Vec::new();
        match self {
            Knob::Cut(k) => {
                let (now, step) = (p.cuts[k], CUTS[k].2);
                for d in [-2.0, -1.0, 1.0, 2.0] {
                    let x = ((now + d * step) * 1000.0).round() / 1000.0;
                    if x < 0.0 {
                        continue;
                    }
                    let mut v = *p;
                    v.cuts[k] = x;
                    out.push(v);
                }
            }
            Knob::Weight(k) => {
                let w = p.weights[k];
                let scaled = [0.0, 0.5, 0.8, 0.9, 0.95, 0.98, 1.02, 1.05, 1.1, 1.25, 1.5].map(|f| w * f);
                let stepped = [-50.0, -20.0, -10.0, -5.0, 5.0, 10.0, 20.0, 50.0].map(|d| w + d);
                for x in scaled.into_iter().chain(stepped) {
                    if x == w || x * w < 0.0 || (w == 0.0 && !may_start_at_zero(k, x)) {
                        continue;
                    }
                    let mut v = *p;
                    v.weights[k] = x;
                    if keeps_rules(&v.weights) {
                        out.push(v);
                    }
                }
            }
            _ => {
                let now = self.get(p);
                let steps: &[isize] = match self {
                    Knob::PhotoBeforeMin => &[-60, -30, -15, 15, 30, 60],
                    _ => &[-4, -2, -1, 1, 2, 4],
                };
                for &d in steps {
                    let Some(x) = now.checked_add_signed(d).filter(|&x| x >= 1) else { continue };
                    let mut v = *p;
                    self.set(&mut v, x);
                    out.push(v);
                }
            }
        }
        out
    }

    /// The terms whose boundaries a move of this knob may decide otherwise
    /// (a bit per [`Term`]): its own, or every one for a threshold or for a
    /// weight [`promote`](lvread::loader::boundary::promote) reads before
    /// it weighs a line (a line it passed over may then be weighed).
    fn touches(self) -> u32 {
        match self {
            Knob::Weight(k)
                if ![
                    Term::Gap,
                    Term::SetApart,
                    Term::Unspaced,
                    Term::HeadingMargin,
                    Term::ContentMatch,
                    Term::NoticeTitle,
                ]
                .iter()
                .any(|&t| t as usize == k) =>
            {
                1 << k
            }
            _ => u32::MAX,
        }
    }

    fn get(self, p: &Params) -> usize {
        match self {
            Knob::Weight(_) | Knob::Cut(_) => 0,
            Knob::PhotoBeforeMin => p.photo_before_min,
            Knob::OpenerTurnMinTerms => p.opener_turn_min_terms,
            Knob::HeadlineSharedMin => p.headline_shared_min,
            Knob::MaxKickerChars => p.max_kicker_chars,
        }
    }

    fn set(self, p: &mut Params, x: usize) {
        match self {
            Knob::Weight(_) | Knob::Cut(_) => {}
            Knob::PhotoBeforeMin => p.photo_before_min = x,
            Knob::OpenerTurnMinTerms => p.opener_turn_min_terms = x,
            Knob::HeadlineSharedMin => p.headline_shared_min = x,
            Knob::MaxKickerChars => p.max_kicker_chars = x,
        }
    }
}

/// Coordinate search on the items (`--items`): from `start`, each knob in
/// turn ([`Knob::tries`]) moved to the value that [`gains`] most (the
/// [`objective`]: items right plus exactly right minus spurious, over all
/// shapes, up by [`MIN_GAIN`](lvread::loader::params::MIN_GAIN) at least,
/// no shape losing more than one item right or exact or gaining more than
/// one spurious item against `start`) over the best table so far, until a
/// sweep moves nothing or `sweeps` sweeps are done (`base`: what `start`
/// makes of each page; `knobs`: the knobs searched). Every move is
/// printed.
#[allow(clippy::too_many_arguments)]
fn search_items(
    ready: &[Ready],
    guard: &bundled::Guard,
    start: Params,
    mut base: Vec<Out>,
    names: &[&str],
    threads: usize,
    sweeps: usize,
    knobs: &[Knob],
    draws: usize,
) -> (Params, Figures) {
    let shapes = names.len();
    let mut best = start;
    let mut now = figures(ready, &[], Some(&base), shapes);
    let first = now.clone();
    println!("start:{}", show(&now, names));
    let total = objective;
    for sweep in 0..sweeps {
        let mut moved = false;
        for &knob in knobs {
            let clock = std::time::Instant::now();
            let mut found: Option<(Params, Figures, Vec<Option<Out>>)> = None;
            let tries = knob.tries(&best);
            for v in &tries {
                let outs = run(ready, v, Some(&base), knob.touches(), threads);
                let f = figures(ready, &outs, Some(&base), shapes);
                let over = found.as_ref().map_or(&now, |(_, g, _)| g);
                println!(
                    "  sweep {sweep} {}={}: objective {} ({:+})",
                    knob.name(),
                    value(knob, v),
                    total(&f),
                    total(&f) - total(&now)
                );
                if gains_over(&f, &now, &first, draws) && (found.is_none() || total(&f) > total(over)) {
                    // (Taken only if no bundled page changes under it.)
                    if let Some(page) = guard.changed(|n, t| bundled_tree(n, t, v)) {
                        println!(
                            "  {} {}: gains, but changes the bundled {page}: not taken",
                            knob.name(),
                            value(knob, v)
                        );
                        continue;
                    }
                    found = Some((*v, f, outs));
                }
            }
            eprintln!("  {} ({} tries, {:.1} s)", knob.name(), tries.len(), clock.elapsed().as_secs_f64());
            if let Some((v, f, outs)) = found {
                println!(
                    "sweep {sweep}: {} {} -> {}:{}",
                    knob.name(),
                    value(knob, &best),
                    value(knob, &v),
                    show(&f, names)
                );
                for (b, o) in base.iter_mut().zip(outs) {
                    if let Some(o) = o {
                        *b = o;
                    }
                }
                (best, now, moved) = (v, f, true);
            }
        }
        if !moved {
            break;
        }
    }
    (best, now)
}

/// Sets one knob of `p` from `NAME=VALUE` (`--at`): a [`Term`]'s name as
/// [`Knob::name`] prints it, or a threshold's.
fn set_knob(p: &mut Params, at: &str) -> Result<(), String> {
    let (name, x) = at.split_once('=').ok_or("no =")?;
    let mut knobs: Vec<Knob> = (0..NT).map(Knob::Weight).collect();
    knobs.extend([Knob::PhotoBeforeMin, Knob::OpenerTurnMinTerms, Knob::HeadlineSharedMin, Knob::MaxKickerChars]);
    knobs.extend((0..CUTS.len()).map(Knob::Cut));
    let knob = knobs.into_iter().find(|k| k.name() == name).ok_or("no such knob")?;
    match knob {
        Knob::Weight(k) => p.weights[k] = x.parse().map_err(|_| "not a number")?,
        Knob::Cut(k) => p.cuts[k] = x.parse().map_err(|_| "not a number")?,
        other => other.set(p, x.parse().map_err(|_| "not a whole number")?),
    }
    Ok(())
}

fn value(knob: Knob, p: &Params) -> String {
    match knob {
        Knob::Weight(k) => format!("{:?}", p.weights[k]),
        Knob::Cut(k) => format!("{:?}", p.cuts[k]),
        other => other.get(p).to_string(),
    }
}

/// Puts the thresholds of `p` into `boundary.rs` and `units.rs` (their
/// `pub const` lines), the weights into [`WEIGHTS`] (`boundary`: the source
/// of `boundary.rs`).
fn write_params(root: &Path, p: &Params, about: &str) -> Result<(), String> {
    let set = |src: &str, name: &str, x: usize| -> Result<String, String> {
        let key = format!("pub const {name}: usize = ");
        let at = src.find(&key).ok_or(format!("no {name}"))? + key.len();
        let end = at + src[at..].find(';').ok_or(format!("no {name}"))?;
        Ok(format!("{}{x}{}", &src[..at], &src[end..]))
    };
    let path = root.join("src/loader/boundary.rs");
    let src = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
    let w: [f32; NT] = p.weights;
    let src = replace_table(&src, &table(&w, about, true)).ok_or("no WEIGHTS table")?;
    let src = set(&src, "PHOTO_BEFORE_MIN", p.photo_before_min)?;
    let src = set(&src, "OPENER_TURN_MIN_TERMS", p.opener_turn_min_terms)?;
    let src = set(&src, "HEADLINE_SHARED_MIN", p.headline_shared_min)?;
    std::fs::write(&path, src).map_err(|e| e.to_string())?;
    let path = root.join("src/loader/units.rs");
    let src = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
    let src = set(&src, "MAX_KICKER_CHARS", p.max_kicker_chars)?;
    std::fs::write(&path, src).map_err(|e| e.to_string())?;
    let path = root.join("src/loader/params.rs");
    let src = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
    let src = replace_cuts(&src, &cuts_table(p, about)).ok_or("no CUTS table")?;
    std::fs::write(&path, src).map_err(|e| e.to_string())
}

/// The cut-offs of `p` as the Rust source of [`CUTS`], with its doc comment.
fn cuts_table(p: &Params, about: &str) -> String {
    let mut s = String::new();
    s.push_str("/// The committed cut-offs ([`Cut`]): each with its value and the step the\n");
    s.push_str("/// fitter moves it by. Written by `cargo run --release --example\n");
    s.push_str("/// fit_boundary -- --items --write` (do not edit by hand, fit again).\n");
    for l in about.lines() {
        let _ = writeln!(s, "/// {l}");
    }
    let _ = writeln!(s, "#[rustfmt::skip]\npub const CUTS: [(Cut, f32, f32); {}] = [", CUTS.len());
    for (k, (c, _, step)) in CUTS.iter().enumerate() {
        let _ = writeln!(s, "    (Cut::{c:?}, {:?}, {step:?}),", p.cuts[k]);
    }
    s.push_str("];\n");
    s
}

/// Puts `table` in place of [`CUTS`] in `source` (from its doc comment's
/// first line to the end of the constant).
fn replace_cuts(source: &str, table: &str) -> Option<String> {
    let start = source.find("/// The committed cut-offs ([`Cut`])")?;
    let konst = start + source[start..].find("pub const CUTS")?;
    let end = konst + source[konst..].find("\n];\n")? + "\n];\n".len();
    Some(format!("{}{table}{}", &source[..start], &source[end..]))
}

fn main() -> ExitCode {
    let mut max_pages = usize::MAX;
    let mut write = false;
    let mut from_scratch = false;
    let mut trade = false;
    let mut table_out: Option<String> = None;
    let mut items = false;
    let mut threads = 2;
    let mut sweeps = 3;
    let mut at: Vec<String> = Vec::new();
    let mut which = String::from("all");
    let mut draws: Vec<u64> = vec![0];
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pages" => max_pages = args.next().and_then(|v| v.parse().ok()).unwrap_or(max_pages),
            "--write" => write = true,
            "--from-scratch" => from_scratch = true,
            "--trade" => trade = true,
            "--gaps" => table_out = args.next(),
            "--items" => items = true,
            "--threads" => threads = args.next().and_then(|v| v.parse().ok()).unwrap_or(threads),
            "--sweeps" => sweeps = args.next().and_then(|v| v.parse().ok()).unwrap_or(sweeps),
            "--at" => at.extend(args.next()),
            "--knobs" => which = args.next().unwrap_or(which),
            "--draws" => match sets::fit_draws(&args.next().unwrap_or_default()) {
                Ok(d) => draws = d,
                Err(e) => {
                    eprintln!("fit_boundary: {e}");
                    return ExitCode::from(2);
                }
            },
            other => {
                eprintln!(
                    "unknown option {other:?} (--pages N, --write, --from-scratch, --trade, --gaps FILE, --items, --threads N, --sweeps N, --at KNOB=VALUE, --knobs all|weights|cuts|NAME,NAME, --draws N,N)"
                );
                return ExitCode::from(2);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let material = match source::load(root) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("fit_boundary: the shared material is missing, nothing to fit ({e})");
            return ExitCode::SUCCESS;
        }
    };
    // Per shape, its pages in every draw asked for (a shape's figures are
    // summed over the draws).
    let mut shaped: Vec<(&str, Vec<SynthPage>)> = Shape::ALL.iter().map(|&shape| (shape.name(), Vec::new())).collect();
    let real = have_pdftotext();
    if real {
        shaped.extend(Real::ALL.iter().map(|r| (r.name(), Vec::new())));
    } else {
        eprintln!("fit_boundary: pdftotext (poppler-utils) is not installed; the real-extractor shapes are left out");
    }
    for &draw in &draws {
        for (k, &shape) in Shape::ALL.iter().enumerate() {
            shaped[k].1.extend(sets::pages_of_draw(&material, Half::Fit, shape, max_pages, draw));
        }
        if real {
            let cache = root.join("target/loader_eval_cache");
            let wanted = [true; Real::ALL.len()];
            match items::real_pages(&material, Half::Fit, draw, max_pages, &wanted, Some(&cache)) {
                Ok(found) => {
                    for (k, p) in found.into_iter().enumerate() {
                        shaped[Shape::ALL.len() + k].1.extend(p);
                    }
                }
                Err(e) => {
                    eprintln!("fit_boundary: the real-extractor shapes of draw {draw} are missing ({e})");
                    return ExitCode::FAILURE;
                }
            }
        }
    }
    let named: Vec<String> = draws.iter().map(u64::to_string).collect();
    println!("draws {}", named.join(","));
    let names: Vec<&str> = shaped.iter().map(|(n, _)| *n).collect();
    let pages: usize = shaped.iter().map(|(_, p)| p.len()).sum();
    if items {
        let mut start = Params::COMMITTED;
        for a in &at {
            if let Err(e) = set_knob(&mut start, a) {
                eprintln!("fit_boundary: --at {a}: {e}");
                return ExitCode::from(2);
            }
        }
        let unit = Term::HeadingMargin as usize;
        let weights = (0..NT).filter(|&k| k != unit).map(Knob::Weight).chain([
            Knob::PhotoBeforeMin,
            Knob::OpenerTurnMinTerms,
            Knob::HeadlineSharedMin,
            Knob::MaxKickerChars,
        ]);
        let cuts = (0..CUTS.len()).map(Knob::Cut);
        let knobs: Vec<Knob> = match which.as_str() {
            "all" => weights.chain(cuts).collect(),
            "weights" => weights.collect(),
            "cuts" => cuts.collect(),
            list => {
                let wanted: Vec<&str> = list.split(',').collect();
                weights.chain(cuts).filter(|k| wanted.contains(&k.name().as_str())).collect()
            }
        };
        return fit_items(root, &shaped, &names, start, threads, sweeps, write, &knobs, draws.len());
    }
    let gaps: Vec<Gap> =
        shaped.iter().enumerate().flat_map(|(s, (_, ps))| ps.iter().flat_map(move |p| gaps_of(p, s))).collect();
    let starts = gaps.iter().filter(|g| g.starts).count();
    println!(
        "{} gaps placed by the perfect trees of {pages} fitting pages, {starts} of them start an item",
        gaps.len()
    );
    if let Some(path) = &table_out {
        let mut csv = String::from("shape,starts");
        WEIGHTS.iter().for_each(|(t, _)| {
            let _ = write!(csv, ",{t:?}");
        });
        csv.push('\n');
        for g in &gaps {
            let _ = write!(csv, "{},{}", names[g.shape], u8::from(g.starts));
            g.x.iter().for_each(|x| {
                let _ = write!(csv, ",{x}");
            });
            csv.push('\n');
        }
        if let Err(e) = std::fs::write(path, csv) {
            eprintln!("fit_boundary: cannot write {path}: {e}");
            return ExitCode::FAILURE;
        }
    }
    let now: [f32; NT] = std::array::from_fn(|k| WEIGHTS[k].1);
    let refined = if from_scratch {
        let fitted = logistic(&gaps);
        println!(
            "logistic regression: {} gaps decided wrong;{}",
            errors(&in_points(fitted), &gaps),
            per_shape(&in_points(fitted), &gaps, &names)
        );
        in_points(refine(in_points(fitted), &gaps, true))
    } else {
        in_points(refine(now, &gaps, trade))
    };
    for (name, w) in [("the table now", now), ("refined", refined)] {
        println!("{name}: {} gaps decided wrong;{}", errors(&w, &gaps), per_shape(&w, &gaps, &names));
    }
    for (k, (t, old)) in WEIGHTS.iter().enumerate() {
        let seen = gaps.iter().filter(|g| g.x[k] != 0.0).count();
        println!("  {:<15} {old:>8.1} -> {:>8.1}  (in {seen} gaps)", format!("{t:?}"), refined[k]);
    }
    if !write {
        return ExitCode::SUCCESS;
    }
    let about = format!(
        "Fitted on {} gaps of {pages} fitting pages: {} decided wrong\n(the table before: {}).",
        gaps.len(),
        errors(&refined, &gaps),
        errors(&now, &gaps)
    );
    let path = root.join("src/loader/boundary.rs");
    let written = std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|src| {
            replace_table(&src, &table(&refined, &about, false)).ok_or_else(|| "no WEIGHTS table".to_string())
        })
        .and_then(|src| std::fs::write(&path, src).map_err(|e| e.to_string()));
    match written {
        Ok(()) => {
            println!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("fit_boundary: cannot write {}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}

/// A bundled page's tree under the table `p` (the [`bundled::Guard`]'s
/// loader).
fn bundled_tree(name: &str, text: &str, p: &Params) -> lvread::model::Page {
    loader::load_prepared(name, &loader::prepare(text), p, None)
}

/// `--items`: every fitting page read once, then the coordinate search on
/// the items ([`search_items`]) from the committed table; with `write`, a
/// table that [`gains`] is written into the sources.
#[allow(clippy::too_many_arguments)]
fn fit_items(
    root: &Path,
    shaped: &[(&str, Vec<SynthPage>)],
    names: &[&str],
    start: Params,
    threads: usize,
    sweeps: usize,
    write: bool,
    knobs: &[Knob],
    draws: usize,
) -> ExitCode {
    let clock = std::time::Instant::now();
    let all: Vec<(usize, &SynthPage)> =
        shaped.iter().enumerate().flat_map(|(s, (_, ps))| ps.iter().map(move |p| (s, p))).collect();
    let chunk = all.len().div_ceil(threads.max(1)).max(1);
    let ready: Vec<Ready> = std::thread::scope(|sc| {
        let handles: Vec<_> = all
            .chunks(chunk)
            .map(|part| {
                sc.spawn(move || {
                    part.iter()
                        .map(|&(shape, page)| Ready { page, prepared: loader::prepare(&page.raw), shape })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).flatten().collect()
    });
    println!("{} fitting pages read in {:.1} s", ready.len(), clock.elapsed().as_secs_f64());
    let clock = std::time::Instant::now();
    let outs = run(&ready, &Params::COMMITTED, None, u32::MAX, threads);
    let committed = figures(&ready, &outs, None, names.len());
    println!(
        "the committed table: right/exact/spurious{} ({:.1} s for every page)",
        show(&committed, names),
        clock.elapsed().as_secs_f64()
    );
    let mut base: Vec<Out> = outs.into_iter().flatten().collect();
    if start != Params::COMMITTED {
        base = run(&ready, &start, None, u32::MAX, threads).into_iter().flatten().collect();
        println!("--at:{}", show(&figures(&ready, &[], Some(&base), names.len()), names));
    }
    let guard = match bundled::Guard::read(root, |n, t| bundled_tree(n, t, &Params::COMMITTED)) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("fit_boundary: cannot read the bundled pages: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("{} bundled pages guarded: a table changing one is not taken", guard.len());
    let (best, now) = search_items(&ready, &guard, start, base, names, threads, sweeps, knobs, draws);
    if best == Params::COMMITTED || !gains_over(&now, &committed, &committed, draws) {
        println!("no table gains over the committed one: it stays");
        return ExitCode::SUCCESS;
    }
    println!("refitted:{}", show(&now, names));
    println!("{best:?}");
    if !write {
        return ExitCode::SUCCESS;
    }
    let about = format!(
        "Refitted on the items of {} fitting pages (`--items`): right/exact/spurious\n{}\n(the table before:{}).",
        ready.len(),
        show(&now, names).trim(),
        show(&committed, names)
    );
    match write_params(root, &best, &about) {
        Ok(()) => {
            println!("wrote src/loader/boundary.rs, src/loader/units.rs and src/loader/params.rs");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("fit_boundary: cannot write the table: {e}");
            ExitCode::FAILURE
        }
    }
}
