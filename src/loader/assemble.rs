//! Assembling a page: lines → pieces (bodies, headline runs, captions, …)
//! → segments (one per article body) → headlines and captions assigned by
//! content → articles.

use super::article::split_cartoon;
use super::boundary::{self, Boundary};
use super::heads;
use super::line_model::{self, Model};
use super::lines::{self, Line};
use super::params::Params;
use super::pieces::{is_long_page, pieces};
use super::segments::{Builder, Orientation};
use super::units::Unit;
use crate::model::{Article, Kind};

/// The result of assembling one page.
pub struct Assembled {
    pub articles: Vec<Article>,
    pub fragments: Vec<String>,
    /// The pairing work done: (text, body) lookups made while pairing
    /// headlines and captions with bodies. It grows linearly with the
    /// page's length, as pairing looks only at neighbouring bodies.
    pub pair_evaluations: usize,
}

/// Builds the articles of a page from its (decoded, cleaned) text.
pub fn assemble(text: &str) -> Assembled {
    assemble_traced(text, None)
}

/// A page's lines as read before any step [`Params`] weighs: the lines,
/// the line model's verdicts ([`line_model::decided_and_subheads`]). A
/// fitter reads its pages once and assembles them again for every
/// candidate table ([`assemble_with`]).
pub struct Read {
    lines: Vec<Line>,
    /// Per line: a headline line, before [`boundary::promote`].
    head: Vec<bool>,
    /// Per line: the line model's heading margin.
    sure: Vec<f32>,
    /// Per line: decoded as a subheading.
    subheads: Vec<bool>,
    /// Per line: its characters and whether it ends a sentence
    /// ([`line_model::Decided::sizes`]).
    sizes: Vec<(usize, bool)>,
}

impl Read {
    /// Reads the page of `text` (decoded, cleaned, in its reading order).
    pub fn of(text: &str) -> Read {
        let lines = lines::read_lines(text);
        let d = line_model::decided_and_subheads(&lines);
        Read { lines, head: d.head, sure: d.sure, subheads: d.subheads, sizes: d.sizes }
    }
}

/// [`assemble`] of a page already [`Read`], weighed by `p`: with
/// [`Params::COMMITTED`], the same articles. Every boundary weighed is
/// pushed to `every` when given, those of a first segmentation made again
/// and of the lines set apart included: a table that decides each of them
/// as `p` does gives the same page.
pub fn assemble_with(read: &Read, p: &Params, mut every: Option<&mut Vec<Boundary>>) -> Assembled {
    let mut head = read.head.clone();
    boundary::promote(p, &read.lines, &read.sure, &mut head, every.as_deref_mut());
    assemble_lines(&read.lines, head, read.subheads.clone(), &read.sizes, p, every, true)
}

/// [`assemble`], the boundaries weighed between bodies pushed to `trace`
/// when given.
fn assemble_traced(text: &str, trace: Option<&mut Vec<Boundary>>) -> Assembled {
    let lines = lines::read_lines(text);
    let d = line_model::headings_and_subheads(&lines);
    let assembled = assemble_lines(&lines, d.head, d.subheads, &d.sizes, &Params::COMMITTED, trace, false);
    // (The lines' strings serve the next page's lines.)
    lines::recycle(lines);
    assembled
}

/// [`assemble_traced`] from the page's `lines`, their headline verdicts
/// `head`, subheadings `subheads` and `sizes` ([`line_model::Decided`]),
/// weighed by `p` (`first_too`: the boundaries of a first segmentation
/// made again are traced too).
fn assemble_lines(
    lines: &[Line],
    head: Vec<bool>,
    subheads: Vec<bool>,
    sizes: &[(usize, bool)],
    p: &Params,
    mut trace: Option<&mut Vec<Boundary>>,
    first_too: bool,
) -> Assembled {
    let pieces = pieces(lines, &head);
    let mut fragments = Vec::new();
    let tracing = trace.is_some();
    let mut b = Builder { subheads: subheads.clone(), params: *p, tracing, ..Builder::default() };
    b.segment(lines, &pieces, &Default::default(), &mut fragments);
    // Items closed by their captions and photo items opening after
    // another item's text: segment again, in print order.
    let breaks = b.breaks(lines, &pieces);
    if !breaks.is_empty() {
        fragments.clear();
        if first_too && let Some(t) = trace.as_deref_mut() {
            t.append(&mut b.boundaries);
        }
        b = Builder { subheads, params: *p, tracing, ..Builder::default() };
        b.segment(lines, &pieces, &breaks, &mut fragments);
    }
    let (long_page, heads_per_line) = is_long_page(lines, &head, sizes);
    b.one_per_line = long_page;

    // Orientation: do headlines follow their bodies or precede them?
    let bodies = b.bodies(lines);
    let votes = b.orientation_votes(lines, &bodies);
    let orientation = Orientation::from_votes(votes);
    let before = b.segs.iter().filter(|s| s.into.is_none()).count();
    b.absorb_decoded_subheads(lines, &bodies);
    match orientation {
        Orientation::Before => b.absorb_subheads(lines, &bodies),
        Orientation::After => b.join_interrupted(lines),
    }
    b.absorb_sibling_subheads(lines);
    let merged = b.segs.iter().filter(|s| s.into.is_none()).count() != before;
    // A headline's wrapped tail read as its body's first line goes back to it.
    // (Read without the index: the bodies are indexed again once, after
    // both changes, if either changed any.)
    let tails = b.take_title_tails(lines, heads_per_line, orientation);
    let mut work = 0;
    let bodies = if merged || tails {
        work += bodies.evaluations();
        b.rebodies(lines, bodies)
    } else {
        bodies
    };
    let mut units = b.units(lines, &bodies, heads_per_line);
    let (mut titles, mut extra) = b.assign_units(&units, &bodies, orientation, votes);
    if orientation == Orientation::After {
        b.keep_subheads(&units, &mut titles, &mut extra, lines, &bodies);
    }
    let segs_before = b.segs.len();
    b.split_for_orphans(lines, &units, &bodies, &mut titles, &extra);
    // Headlines set apart as two over one body that was not split after all.
    Builder::rejoin_stacked(&mut units, &mut titles, &mut extra);
    // A body split in two: captions may belong to either part.
    let bodies = if b.segs.len() == segs_before {
        bodies
    } else {
        work += bodies.evaluations();
        b.rebodies(lines, bodies)
    };
    b.assign_captions(&bodies, &units, &titles);
    b.place_marks(lines, &units, &titles, &extra);

    // Each segment's headline units (title or not), in print order.
    let mut heads_of: Vec<Vec<(usize, &Unit, bool)>> = vec![Vec::new(); b.segs.len()];
    for (ui, u) in units.iter().enumerate() {
        if let Some(h) = titles[ui].and_then(|si| heads_of.get_mut(si)) {
            h.push((ui, u, true));
        }
        if let Some(si) = extra[ui].filter(|&si| titles[ui] != Some(si))
            && let Some(h) = heads_of.get_mut(si)
        {
            h.push((ui, u, false));
        }
    }
    // Each body's lines measured once, whether its first lines are set in
    // read from the page's bodies where its own do not tell.
    let blocks =
        super::paragraphs::page_blocks(lines, b.segs.iter().map(|s| s.into.is_none().then_some(s.parts.as_slice())));
    let mut articles: Vec<(usize, Article)> = Vec::new();
    for (si, (seg, heads)) in b.segs.iter().zip(heads_of).enumerate() {
        if seg.into.is_some() {
            continue;
        }
        if !seg.has_text(lines) && heads.is_empty() {
            // A byline with nothing after it: page furniture.
            fragments.extend(seg.byline.iter().cloned());
            fragments.extend(seg.trail.iter().cloned());
            fragments.extend(seg.captions.iter().cloned());
            fragments.extend(seg.continued.iter().cloned());
            continue;
        }
        articles.push((seg.first_line, b.article(si, seg, &heads, lines, &bodies, blocks[si].as_ref())));
    }
    for (ui, u) in units.iter().enumerate() {
        if titles[ui].is_none() && extra[ui].is_none() && !b.runs[u.run].absorbed {
            fragments.push(u.texts.join(" "));
        }
    }
    for &ci in &b.cartoons {
        let (title, credit) = split_cartoon(&lines[ci].text);
        let mut a =
            Article { title, byline: Some(credit), kind: Kind::Cartoon, line: lines[ci].no, ..Article::default() };
        if a.title.is_empty() {
            a.title = "漫画".to_string();
            a.title_inferred = true;
        }
        articles.push((lines[ci].no, a));
    }
    for c in b.captions.iter().filter(|c| !c.text.is_empty()) {
        fragments.push(c.text.clone());
    }
    articles.sort_by_key(|(line, _)| *line);
    work += bodies.evaluations();
    if let Some(t) = trace {
        t.append(&mut b.boundaries);
    }
    Assembled { articles: articles.into_iter().map(|(_, a)| a).collect(), fragments, pair_evaluations: work }
}

/// Every candidate boundary weighed on a page (see [`boundary`]), in print
/// order: what `lvread dump --explain` shows, and what
/// `examples/fit_boundary.rs` fits the boundary weights on.
pub fn boundaries(text: &str) -> Vec<Boundary> {
    let lines = lines::read_lines(text);
    let lay = heads::Layout::new(&lines);
    let rules = heads::find_heads_in(&lines, &lay);
    let feats = line_model::features_in(&lines, &lay, &rules);
    let sure = Model::fitted().heading_margins(&lines, &feats);
    let mut head = line_model::decide_on_page(&lines, &lay, &rules, &sure);
    gaps_of(text, &lines, &sure, &mut head)
}

/// The boundaries weighed on the page of `text` (its `lines`, `sure` their
/// heading margins): those [`boundary::promote`] weighs on `head`, changed
/// in place, and those weighed while segmenting, sorted by line.
fn gaps_of(text: &str, lines: &[lines::Line], sure: &[f32], head: &mut [bool]) -> Vec<Boundary> {
    let mut gaps = Vec::new();
    boundary::promote(&Params::COMMITTED, lines, sure, head, Some(&mut gaps));
    assemble_traced(text, Some(&mut gaps));
    gaps.sort_by_key(|b| b.line);
    gaps
}

/// A line-by-line account of how the loader read a page (for
/// `lvread dump --explain`): line number, the role the loader gave it
/// (headlines as [`line_model::headings`] decides), width and estimated
/// column, and the role the line model ([`line_model`]) decodes for it, with
/// its score and the runner-up's, and how sure the model is that the line is
/// a heading ([`Model::heading_margins`]: positive for heading, negative for
/// body), with the placement features it holds in brackets
/// ([`line_model::placements`]). Before a line, each candidate boundary
/// weighed at the gap before it ([`boundary`]): whether a new item starts
/// there, the score and its terms.
pub fn explain(text: &str) -> String {
    let lines = lines::read_lines(text);
    let lay = heads::Layout::new(&lines);
    let rules = heads::find_heads_in(&lines, &lay);
    let model = Model::fitted();
    let feats = line_model::features_in(&lines, &lay, &rules);
    let states = model.decode(&lines, &feats);
    let margins = model.margins(&lines, &feats, &states);
    let sure = model.heading_margins(&lines, &feats);
    let mut head = line_model::decide_on_page(&lines, &lay, &rules, &sure);
    let gaps = gaps_of(text, &lines, &sure, &mut head);
    let mut gaps = gaps.iter().peekable();
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        while let Some(b) = gaps.next_if(|b| b.line <= i) {
            out.push_str(&format!("{:>5} {}\n", "", b.describe()));
        }
        let role = match &l.role {
            lines::Role::Text if head[i] => "HEAD".to_string(),
            lines::Role::Text => "body".to_string(),
            lines::Role::Byline { byline } => format!("BYLINE[{byline}]"),
            r => format!("{r:?}").to_uppercase(),
        };
        let (score, other) = margins[i];
        let why = match other {
            Some((s, v)) => format!("{:<7} {score:>6.1} > {:<7} {v:>6.1}", states[i].name(), s.name()),
            None => format!("{:<7} {:>6}", states[i].name(), "form"),
        };
        // (The placement features the line holds, beside the margin they move.)
        let placed: String = line_model::placements(&feats[i]).map(|name| format!("[{name}] ")).collect();
        out.push_str(&format!(
            "{:>5} {:<12} w{:<3} col{:<3}{} model: {why:<31} heading {:>+7.1} {placed}{}\n",
            l.no,
            role,
            l.width,
            lay.col[i],
            if l.justified { "J" } else { " " },
            sure[i],
            l.text
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cartoon_titles_and_credits() {
        let cases = [
            ("“低价”的背后 新华社发 徐骏 作", "“低价”的背后", "新华社发 徐骏 作"),
            ("“吃饭”新华社发 商海春 作", "“吃饭”", "新华社发 商海春 作"),
            ("春耕图 王强 作", "春耕图", "王强 作"),
        ];
        for (line, title, credit) in cases {
            assert_eq!(split_cartoon(line), (title.to_string(), credit.to_string()), "{line}");
        }
    }

    #[test]
    fn a_headline_wrapped_after_a_place_and_colon_is_one_title() {
        let after = "本报讯 （记者 韩笑） 8 月 5 日，记者走进汾阳\n市杏花村镇，酒厂、酒坊、酒文化博物馆沿街而\n立，前来参观的游客络绎不绝。\n汾阳市杏花村镇：\n“酒旅融合”激活乡村经济";
        let before = "汾阳市杏花村镇：\n“酒旅融合”激活乡村经济\n本报讯 （记者 韩笑） 8 月 5 日，记者走进汾阳\n市杏花村镇，酒厂、酒坊、酒文化博物馆沿街而\n立，前来参观的游客络绎不绝。";
        for page in [after, before] {
            let a = assemble(page).articles;
            assert_eq!(a.len(), 1);
            assert_eq!(a[0].title, "汾阳市杏花村镇：“酒旅融合”激活乡村经济");
            assert_eq!(a[0].paragraphs.len(), 1, "{:?}", a[0].paragraphs);
        }
    }

    #[test]
    fn a_headline_on_top_of_a_one_item_page_is_its_title() {
        // It shares no word with the body, and nothing else could be it.
        let a = assemble("测试标题\n\n这是正文，提到了吕梁。\n").articles;
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].title, "测试标题");
        assert!(!a[0].title_inferred);
    }
}
