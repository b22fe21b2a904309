//! Pairing by content: headline units and captions to the bodies they
//! describe, the best one-to-one assignment for the page.
//!
//! A headline or caption is only paired with the 24 bodies on each side of
//! where it stands, so a page of many megabytes loads in time and memory
//! linear in its length. Captions are paired by content too, so a caption
//! printed between two articles goes to the one it describes: one score per
//! candidate body (`CAPTION_WEIGHTS`) weighs the caption's words found in
//! it against where it stands (before or after the caption, a photo item
//! with no headline of its own).
//!
//! In the assignment a headline standing alone in its run weighs more than
//! one standing with others, which can still be their kicker, so a slogan
//! quoted in another item's text does not take that item from its own
//! headline; where headlines come before their bodies, one or two short lines
//! over a title that name no body of their own are its kicker, and such a
//! line is not given, for the few common words it shares, to a body with no
//! headline elsewhere.
//!
//! Placement counts as evidence by how consistent the page is: a headline
//! standing right next to a body on the page's side (after it where
//! headlines follow their bodies) gains more for that body when every run
//! between bodies that names one side names this one, and little when no
//! run tells the side (`adjacent_weight`).

use super::assign::{self, Bodies};
use super::params::{Cut, Params};
use super::segments::{Builder, Orientation};
use super::units::Unit;

/// The least votes (all on one side) that settle a page's placement.
const SETTLED_VOTES: f32 = 2.0;

/// The weight of standing next to a body on the page's side, from the
/// page's placement votes (after, before): [`Cut::AdjacentUnsettled`]
/// where no run tells the side, [`Cut::AdjacentSettled`] where all runs
/// naming one side (two at least) name it, else [`Cut::Adjacent`].
fn adjacent_weight((after, before): (f32, f32), p: &Params) -> f32 {
    if after == before {
        p.cut(Cut::AdjacentUnsettled)
    } else if after.min(before) == 0.0 && after.max(before) >= SETTLED_VOTES {
        p.cut(Cut::AdjacentSettled)
    } else {
        p.cut(Cut::Adjacent)
    }
}

/// The most lines a kicker over a title is printed on.
const MAX_KICKER_LINES: usize = 2;

impl Builder {
    /// Assigns units to segments: each segment takes at most one headline
    /// (the best one-to-one assignment for the page); units left over may
    /// stand as kicker or subtitle of a neighbouring unit's segment.
    /// `votes` are the page's placement votes (after, before), which weigh
    /// how much standing next to a body on side `o` counts.
    pub(crate) fn assign_units(
        &self,
        units: &[Unit],
        bodies: &Bodies,
        o: Orientation,
        votes: (f32, f32),
    ) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
        let n = self.segs.len();
        let adj = adjacent_weight(votes, &self.params);
        let (min_pair, lone_headline) = (self.params.cut(Cut::MinPair), self.params.cut(Cut::LoneHeadline));
        // Sparse rows: only the bodies a unit shares words with, plus the
        // body it stands next to.
        let mut rows: Vec<Vec<(usize, f32)>> = Vec::with_capacity(units.len());
        for (ui, u) in units.iter().enumerate() {
            let run = &self.runs[u.run];
            let first_of_run = ui == 0 || units[ui - 1].run != u.run;
            let last_of_run = ui + 1 == units.len() || units[ui + 1].run != u.run;
            let adjacent = match o {
                Orientation::After if first_of_run => run.prev.map(|p| self.find(p)),
                Orientation::Before if last_of_run => run.next.map(|x| self.find(x)),
                _ => None,
            };
            let near = assign::window(run.prev.map(|p| self.find(p)), run.next.map(|x| self.find(x)));
            let mut row: Vec<(usize, f32)> =
                bodies.scores_in(&u.text(), near).into_iter().filter(|(si, _)| self.segs[*si].into.is_none()).collect();
            if let Some(a) = adjacent {
                match row.iter_mut().find(|(si, _)| *si == a) {
                    Some(e) => e.1 += adj,
                    None => row.push((a, adj)),
                }
            }
            rows.push(row);
        }
        let score = |ui: usize, si: usize| rows[ui].iter().find(|(s, _)| *s == si).map_or(0.0, |x| x.1);
        // Body → the units that score against it.
        let mut by_body: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (ui, row) in rows.iter().enumerate() {
            for &(si, _) in row {
                if let Some(v) = by_body.get_mut(si) {
                    v.push(ui);
                }
            }
        }
        // A headline given no body is lost (it ends as a fragment) unless
        // another headline of its run takes it as kicker or subtitle: where
        // a lone headline and a line standing with other headlines both name
        // a body, the lone one weighs more in the page's assignment (a slogan
        // over a title, quoted in another item's text, does not take that
        // item from the headline printed beside it).
        let weighted: Vec<Vec<(usize, f32)>> = rows
            .iter()
            .enumerate()
            .map(|(ui, row)| {
                let lone = (ui == 0 || units[ui - 1].run != units[ui].run)
                    && (ui + 1 == units.len() || units[ui + 1].run != units[ui].run);
                row.iter().map(|&(si, sc)| (si, if lone && sc >= min_pair { sc + lone_headline } else { sc })).collect()
            })
            .collect();
        let mut titles = assign::assign_sparse(&weighted, n, min_pair);
        // A headline that shares little with any body (a figurative one) still
        // goes to an untitled body when that body is clearly its best.
        let mut taken: Vec<bool> = vec![false; n];
        for t in titles.iter().flatten() {
            taken[*t] = true;
        }
        // The body of the headline a unit stands over as its kicker (引题),
        // by placement: a line standing first in a run, right above a
        // headline that heads the body below, is that headline's kicker,
        // even when it shares no words with the body (`聚力乡村振兴
        // 绘就美好画卷`). So are two such lines (a kicker printed over two
        // lines, `奋进新征程` / `建功新时代`): every headline of the run
        // before the title is one line with no body of its own. A headline
        // stacked over the body with the one before it, the body's two parts
        // sharing none of the other's words ([`Unit::apart`]), has no
        // kicker: the line over it heads the first part.
        let kicker_of = |ui: usize, titles: &[Option<usize>]| {
            let run = &self.runs[units[ui].run];
            let same_run = |k: &usize| units[*k].run == units[ui].run;
            // (Only a run's first lines can be kickers: the title is at most
            // [`MAX_KICKER_LINES`] after the run's start, so neither walk
            // goes further than that, however long the run.)
            let start = (ui.saturating_sub(MAX_KICKER_LINES + 1)..ui).rev().take_while(same_run).last().unwrap_or(ui);
            let nb = (ui + 1..units.len().min(start + MAX_KICKER_LINES + 1))
                .take_while(same_run)
                .find(|&k| titles[k].is_some())?;
            let s = titles[nb]?;
            ((o == Orientation::Before || run.prev.is_none())
                && nb - start <= MAX_KICKER_LINES
                && (start..nb).all(|k| (k == ui || titles[k].is_none()) && units[k].texts.len() == 1)
                && !(start + 1..=nb).any(|k| units[k].apart)
                && run.next.map(|x| self.find(x)) == Some(s))
            .then_some(s)
        };
        for ui in 0..units.len() {
            // (Not a line standing as the kicker of the headline under it:
            // a slogan's words are the page's common ones, so some body
            // with no headline is bound to share a few of them.)
            if titles[ui].is_some() || kicker_of(ui, &titles).is_some() {
                continue;
            }
            let mut ranked: Vec<(usize, f32)> = rows[ui].iter().copied().filter(|&(s, _)| !taken[s]).collect();
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
            if let Some(&(s, best)) = ranked.first()
                && best >= self.params.cut(Cut::LeftOverBest)
                && ranked.get(1).is_none_or(|r| best >= self.params.cut(Cut::LeftOverRatio) * r.1)
                && by_body[s].iter().filter(|&&o| titles[o].is_none() && o != ui).all(|&o| score(o, s) < best)
            {
                titles[ui] = Some(s);
                taken[s] = true;
            }
        }
        // A headline at the very top of the page, right above a body that
        // has none, heads it whatever words it shares with it.
        for ui in 0..units.len() {
            let run = &self.runs[units[ui].run];
            let last_of_run = ui + 1 == units.len() || units[ui + 1].run != units[ui].run;
            if titles[ui].is_none()
                && last_of_run
                && run.prev.is_none()
                && let Some(next) = run.next.map(|x| self.find(x))
                && !taken[next]
            {
                titles[ui] = Some(next);
                taken[next] = true;
            }
        }
        let mut extra = vec![None; units.len()];
        for ui in 0..units.len() {
            if titles[ui].is_some() {
                continue;
            }
            // A neighbour in the same run that got a body.
            let neighbours = [ui.checked_add(1), ui.checked_sub(1)];
            for nb in neighbours.into_iter().flatten() {
                // (Not a headline stacked over the same body as its
                // neighbour: each heads an article of its own.)
                if nb < units.len()
                    && units[nb].run == units[ui].run
                    && !units[nb.max(ui)].stacked
                    && let Some(s) = titles[nb]
                    && score(ui, s) >= self.params.cut(Cut::NeighbourExtra)
                {
                    extra[ui] = Some(s);
                    break;
                }
            }
            if extra[ui].is_none() {
                extra[ui] = kicker_of(ui, &titles);
            }
        }
        (titles, extra)
    }

    /// Attaches each caption to the body it describes: the body scoring
    /// best on [`CAPTION_WEIGHTS`] (its words against the caption's, where
    /// it stands against the caption), if any scores at least
    /// [`Cut::CaptionMin`] and holds some of its words or is a photo item next
    /// to it; else the body the caption stands right under (not between
    /// the next body's headline and its text), else the one after it.
    /// `titles` is each headline unit's body ([`Builder::assign_units`]).
    pub(crate) fn assign_captions(&mut self, bodies: &Bodies, units: &[Unit], titles: &[Option<usize>]) {
        let mut headed = vec![false; self.segs.len()];
        for &si in titles.iter().flatten() {
            if let Some(h) = headed.get_mut(si) {
                *h = true;
            }
        }
        let caps = std::mem::take(&mut self.captions);
        let mut left = Vec::new();
        for c in caps {
            let (prev, next) = (c.prev.map(|p| self.find(p)), c.next.map(|x| self.find(x)));
            // Right under `prev`'s article unless the headline between heads
            // the body after the caption: it stands over that one's text.
            let under = !c.run.is_some_and(|r| {
                units.iter().zip(titles).any(|(u, t)| u.run == r && next.is_some() && t.map(|s| self.find(s)) == next)
            });
            let mut cands: Vec<(usize, f32)> = bodies
                .scores_in(&c.text, assign::window(prev, next))
                .into_iter()
                .filter(|(si, _)| self.segs[*si].into.is_none())
                .collect();
            for near in [prev, next].into_iter().flatten() {
                if !cands.iter().any(|(s, _)| *s == near) {
                    cands.push((near, 0.0));
                }
            }
            // Standing next to a body is no evidence on its own: a body
            // takes the caption by score only if it holds some of the
            // caption's words or is a photo item beside it.
            let scored =
                cands.into_iter().filter(|&(si, content)| content > 0.0 || !headed[si]).map(|(si, content)| {
                    let (before, after) = (prev == Some(si), next == Some(si));
                    let terms = [
                        (CaptionTerm::Content, content),
                        (CaptionTerm::Before, f32::from(u8::from(before))),
                        (CaptionTerm::After, f32::from(u8::from(after))),
                        (CaptionTerm::Inside, f32::from(u8::from(before && after))),
                        (CaptionTerm::Untitled, f32::from(u8::from((before || after) && !headed[si]))),
                    ];
                    (si, terms.iter().map(|&(t, x)| CAPTION_WEIGHTS[t as usize] * x).sum::<f32>())
                });
            let best = scored.max_by(|a, b| a.1.total_cmp(&b.1));
            match best {
                Some((si, s)) if s >= self.params.cut(Cut::CaptionMin) => self.segs[si].captions.push(c.text),
                // No evidence either way: the body the caption stands right
                // under, else the one it stands over.
                _ => match if under { prev.or(next) } else { next.or(prev) } {
                    Some(si) => self.segs[si].captions.push(c.text),
                    None => left.push(c),
                },
            }
        }
        self.captions = left;
    }
}

/// The evidence a caption is weighed on against a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CaptionTerm {
    /// The share of the caption's weighted terms the body holds (0–1,
    /// [`Bodies::scores_in`]).
    Content,
    /// The body ends right before the caption.
    Before,
    /// The body starts right after the caption.
    After,
    /// The caption stands inside the body (before and after it).
    Inside,
    /// The body next to the caption has no headline of its own: a photo
    /// item (a sentence or two and the photo's caption).
    Untitled,
}

/// Weight of each [`CaptionTerm`], in its order (set on the FIT pages):
/// a caption goes to the body whose words it repeats, the body printed
/// before it weighing a little more than the one after, and a photo item
/// next to it (no headline of its own) more than an article.
pub(crate) const CAPTION_WEIGHTS: [f32; 5] = [
    1.0,   // Content
    0.15,  // Before
    0.1,   // After
    -0.15, // Inside (with Before and After: 0.1 in all)
    0.3,   // Untitled
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standing_next_to_a_body_counts_by_how_settled_the_page_placement_is() {
        // (after, before) votes → the weight of the adjacent body.
        let p = Params::COMMITTED;
        let table = [
            ((0.0, 0.0), Cut::AdjacentUnsettled),
            ((1.5, 1.5), Cut::AdjacentUnsettled),
            ((1.0, 0.0), Cut::Adjacent),
            ((0.0, 1.5), Cut::Adjacent),
            ((3.0, 1.0), Cut::Adjacent),
            ((2.0, 0.0), Cut::AdjacentSettled),
            ((0.0, 2.5), Cut::AdjacentSettled),
        ];
        for (votes, want) in table {
            assert_eq!(adjacent_weight(votes, &p), p.cut(want), "{votes:?}");
        }
    }
}
