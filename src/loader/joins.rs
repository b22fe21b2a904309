//! Joining and splitting bodies: subheadings absorbed into the body they
//! stand in, a body cut by a headline run joined again, and a body holding
//! two articles split where a left-over headline finds its subject.
//!
//! On pages with headlines first, a run between two bodies is a subheading
//! unless it starts a new item: a notice's title, text after a dated notice
//! or a closing byline, or under a news item (`本报讯…`) a headline-length
//! line naming the text below — and under a feature (`□ 本报记者 …`) too when
//! the feature's own headline shares almost none of its words with the text
//! below (under a fifth of them, weighted by rarity: a feature's sections
//! keep to the subject its headline names, another item does not). On pages
//! with headlines after their bodies, a body cut by a headline run is joined
//! again, and a left-over headline splits the body it matches where the text
//! turns to its subject.

use super::assign::{self, Bodies};
use super::boundary;
use super::heads;
use super::lines::{self, Line, is_sentence_end};
use super::meta;
use super::paragraphs::BodyPart;
use super::segments::{Builder, Segment};
use super::units::Unit;

/// Below this share of its words found in the text after a headline-like
/// line, a feature's headline does not cover that text: the line heads an
/// item of its own rather than a section of the feature (chosen on the
/// fitting set).
const FEATURE_TOPIC: f32 = 0.2;

/// A run between two bodies that names the text after it better than the
/// text before starts an item of its own when the headline over the body
/// before matches the text after at under this share of how well it matches
/// its own body (chosen on the fitting set: 0.1-0.3 all did better than
/// absorbing such runs as subheadings).
const TITLE_LEAVES: f32 = 0.2;

/// A left-over headline splits only a body matching it at least this well
/// (its best match on the page): a weaker match is as often a headline
/// printed away from its body, and the split cut a whole item in two
/// (chosen on the fitting set: 0.3 split more items wrongly than rightly).
const ORPHAN_MATCH: f32 = 0.4;

impl Builder {
    /// Runs between two bodies that nothing closes or opens, on any page:
    /// a run the line model reads as a subheading (every line of it, see
    /// [`boundary::at_run`]) stands inside one article, and the two bodies
    /// are one with the run as a paragraph of its own.
    pub(crate) fn absorb_decoded_subheads(&mut self, lines: &[Line], bodies: &Bodies) {
        for r in 0..self.runs.len() {
            let (Some(p), Some(n)) = (self.runs[r].prev, self.runs[r].next) else { continue };
            let (p, n) = (self.find(p), self.find(n));
            if p == n || self.segs[n].hard || !self.segs[p].trail.is_empty() {
                continue;
            }
            // A notice signed and dated has ended.
            if self.segs[p].lines(lines).last().is_some_and(|l| lines::is_date_line(&l.text)) {
                continue;
            }
            let run = &self.runs[r].lines;
            let Some(&first) = run.first() else { continue };
            let sub = run.iter().all(|&i| self.subheads.get(i).copied().unwrap_or(false));
            // A run naming the text after it better than the text before,
            // where the headline over the body before says little of the
            // text after (see [`TITLE_LEAVES`]), is a headline however short:
            // left to [`Builder::absorb_subheads`].
            let text: String = run.iter().map(|&i| lines[i].text.as_str()).collect();
            let to_p = bodies.score_against_pieces(&text, self.segs[p].pieces(lines));
            let to_n = bodies.score_against_pieces(&text, self.segs[n].pieces(lines));
            if sub && to_n > to_p && self.title_leaves(r, p, n, lines, bodies) {
                continue;
            }
            let b = boundary::at_run(first, sub);
            let starts = b.starts();
            self.boundaries.push(b);
            if starts {
                continue;
            }
            let subheads: Vec<BodyPart> =
                self.runs[r].lines.iter().map(|&i| BodyPart::Own(lines[i].text.clone())).collect();
            self.segs[p].parts.extend(subheads);
            self.merge(n, p);
            self.runs[r].absorbed = true;
        }
    }

    /// Pages with headlines before their bodies: a run followed by a body
    /// with no byline, after another body, is a subheading of that body.
    pub(crate) fn absorb_subheads(&mut self, lines: &[Line], bodies: &Bodies) {
        for r in 0..self.runs.len() {
            let (Some(p), Some(n)) = (self.runs[r].prev, self.runs[r].next) else { continue };
            let (p, n) = (self.find(p), self.find(n));
            if p == n || self.segs[n].hard {
                continue;
            }
            // A body that has closed with its byline is finished; and a
            // bylined body does not take a second byline from the text
            // after the run: that text is an article of its own.
            if !self.segs[p].trail.is_empty() || self.segs[p].byline.is_some() && !self.segs[n].trail.is_empty() {
                continue;
            }
            // A notice's title is never a subheading; nor, under a news
            // item (`本报讯…`, `新华社…电`), is a line naming what the text
            // after it reports and not what the item before it does.
            let run: String = self.runs[r].lines.iter().map(|&i| lines[i].text.as_str()).collect();
            let news = self.segs[p]
                .byline
                .as_deref()
                .is_some_and(|b| b.contains('讯') || b.ends_with('电') || b.contains("电（") || b.contains("电("));
            let (to_p, to_n) = (
                bodies.score_against_pieces(&run, self.segs[p].pieces(lines)),
                bodies.score_against_pieces(&run, self.segs[n].pieces(lines)),
            );
            // A notice signed and dated (`2024年9月27日`) has ended.
            let dated = self.segs[p].lines(lines).last().is_some_and(|l| lines::is_date_line(&l.text));
            // (A subheading is short: `做大核桃产业`; a headline names who
            // did what, where: `兴县蔡家崖村红色旅游持续升温`.)
            let headline_like = run.chars().count() >= 10;
            // Outside a feature (`□ 本报记者 …`, whose sections may open with
            // a date), a line over a text that opens like a news item
            // (`近日，…`) is that item's headline.
            let feature = self.segs[p].byline.as_deref().is_some_and(|b| b.starts_with(super::normalize::BOXES));
            let opens_item = self.segs[n].lines(lines).next().is_some_and(|l| meta::opens_with_time(&l.text));
            // Nor, under a text that no byline marks as a feature, a
            // headline-like line naming what the text after it reports
            // rather than the text before it (items without bylines, their
            // headlines over them).
            let names_next = headline_like && to_n >= 0.3 && to_n > to_p + 0.2;
            // Under a feature, such a line starts an item of its own when the
            // feature's own headline says nothing of the text after it: a
            // feature's sections keep to the subject its headline names.
            let strays = feature
                && names_next
                && self
                    .title_of(r, p, lines)
                    .is_some_and(|title| bodies.score_against(&title, &self.segs[n].text(lines)) < FEATURE_TOPIC);
            // And any run that names the text after it better than the text
            // before starts an item when the headline over the body before
            // says little of the text after: under a fifth of how well it
            // matches its own body (a subheading's section keeps to the
            // subject of its article's headline).
            let leaves_title = to_n > to_p && self.title_leaves(r, p, n, lines, bodies);
            if dated
                || meta::is_notice_title(&run)
                || (news || !feature) && names_next
                || strays
                || leaves_title
                || !feature && opens_item && run.chars().count() >= 8
            {
                continue;
            }
            let subheads: Vec<BodyPart> =
                self.runs[r].lines.iter().map(|&i| BodyPart::Own(lines[i].text.clone())).collect();
            self.segs[p].parts.extend(subheads);
            self.merge(n, p);
            self.runs[r].absorbed = true;
        }
    }

    /// Does the headline over segment `p` (before run `r`) say little of
    /// segment `n`'s text: under [`TITLE_LEAVES`] of how well it matches
    /// its own body?
    fn title_leaves(&self, r: usize, p: usize, n: usize, lines: &[Line], bodies: &Bodies) -> bool {
        self.title_of(r, p, lines).is_some_and(|title| {
            let own = bodies.score_against_pieces(&title, self.segs[p].pieces(lines));
            bodies.score_against(&title, &self.segs[n].text(lines)) < TITLE_LEAVES * own
        })
    }

    /// The headline run over segment `p` (the last run before run `r` that
    /// leads into it and was not taken as a subheading), as one text.
    fn title_of(&self, r: usize, p: usize, lines: &[Line]) -> Option<String> {
        let t = (0..r).rev().find(|&t| {
            let run = &self.runs[t];
            !run.absorbed && run.next.is_some_and(|x| self.find(x) == p)
        })?;
        Some(self.runs[t].lines.iter().map(|&i| lines[i].text.as_str()).collect())
    }

    /// Pages with headlines after their bodies: a body cut mid-sentence by
    /// a run of headlines goes on in the unbylined body after the run (a
    /// body closed by a byline or a notice's date has not been cut).
    pub(crate) fn join_interrupted(&mut self, lines: &[Line]) {
        for r in 0..self.runs.len() {
            let (Some(p), Some(n)) = (self.runs[r].prev, self.runs[r].next) else { continue };
            let (p, n) = (self.find(p), self.find(n));
            if p == n || self.segs[n].hard {
                continue;
            }
            // A body signed with a closing byline, or a notice signed and
            // dated (`2024年6月30日`), has ended though no sentence mark
            // closes it.
            let open = self.segs[p].trail.is_empty()
                && self.segs[p].lines(lines).last().is_some_and(|l| {
                    !is_sentence_end(&l.text) && !lines::ends_with_credit(&l.text) && !lines::is_date_line(&l.text)
                });
            let first = self.segs[n].parts.iter().find_map(|x| match x {
                BodyPart::Line(i) => Some(*i),
                _ => None,
            });
            let Some(first) = first else { continue };
            let fresh = heads::is_first_line_shaped(&lines[first], heads::column_width(lines, first));
            if open && !fresh {
                self.merge(n, p);
            }
        }
    }

    /// On a page whose headlines follow their bodies, a headline that heads
    /// the unbylined body after it (rather than the body before it) is a
    /// subheading inside one article: the two bodies are one, with the
    /// subheading as a paragraph of its own.
    pub(crate) fn keep_subheads(&mut self, units: &[Unit], titles: &mut [Option<usize>], extra: &mut [Option<usize>]) {
        let mut by_run: Vec<Vec<usize>> = vec![Vec::new(); self.runs.len()];
        for (u, unit) in units.iter().enumerate() {
            by_run[unit.run].push(u);
        }
        for (r, mine) in by_run.into_iter().enumerate() {
            let (Some(p), Some(n)) = (self.runs[r].prev, self.runs[r].next) else { continue };
            let (p, n) = (self.find(p), self.find(n));
            if p == n || self.segs[n].hard {
                continue;
            }
            let heads_next = mine.iter().any(|&u| titles[u] == Some(n));
            let heads_prev = mine.iter().any(|&u| titles[u] == Some(p) || extra[u] == Some(p));
            if !heads_next || heads_prev || mine.iter().any(|&u| titles[u].is_some_and(|t| t != n)) {
                continue;
            }
            let mut sub: Vec<BodyPart> = mine.iter().map(|&u| BodyPart::Own(units[u].texts.join(" "))).collect();
            sub.append(&mut self.segs[n].parts);
            self.segs[n].parts = sub;
            for &u in &mine {
                titles[u] = None;
                extra[u] = None;
            }
            self.runs[r].absorbed = true;
            self.merge(n, p);
        }
    }

    /// Two articles printed one after the other with no byline or headline
    /// between them come out as one body, and the second one's headline
    /// (printed elsewhere) is left over. Such a headline splits the body it
    /// matches at the paragraph start where the text turns to its subject:
    /// the part before must still match that body's own headline.
    pub(crate) fn split_for_orphans(
        &mut self,
        lines: &[Line],
        units: &[Unit],
        bodies: &Bodies,
        titles: &mut [Option<usize>],
        extra: &[Option<usize>],
    ) {
        // Body → the unit that heads it.
        let mut owners: rustc_hash::FxHashMap<usize, usize> =
            titles.iter().enumerate().filter_map(|(u, t)| t.map(|s| (s, u))).collect();
        for u in 0..units.len() {
            let run = &self.runs[units[u].run];
            if titles[u].is_some() || extra[u].is_some() || run.absorbed {
                continue;
            }
            let orphan = units[u].text();
            let near = assign::window(run.prev.map(|p| self.find(p)), run.next.map(|x| self.find(x)));
            let Some((s, score)) = bodies.best_in(&orphan, near) else { continue };
            let Some(&owner) = owners.get(&s) else { continue };
            if score < ORPHAN_MATCH || self.segs[s].into.is_some() {
                continue;
            }
            let own = units[owner].text();
            let parts = &self.segs[s].parts;
            let (orphan_terms, own_terms) = (assign::term_set(&orphan), assign::term_set(&own));
            // Where the two headlines' terms stand in the body: the first and
            // last part each is read in. A line ending a sentence ends in a
            // mark no term spans, so at a paragraph start every term lies
            // wholly before or wholly after it.
            let mut span: rustc_hash::FxHashMap<u64, (usize, usize)> = rustc_hash::FxHashMap::default();
            let mut scan = assign::Scanner::default();
            let mut at = 0;
            let mut see = |g: u64, at: usize| {
                if orphan_terms.contains(&g) || own_terms.contains(&g) {
                    span.entry(g).and_modify(|e| e.1 = at).or_insert((at, at));
                }
            };
            for (j, part) in parts.iter().enumerate() {
                if let BodyPart::Line(i) = part {
                    at = j;
                    scan.feed(&lines[*i].text, &mut |g| see(g, j));
                }
            }
            scan.finish(&mut |g| see(g, at));
            // Paragraph starts: a line after one that ends a sentence.
            let mut best: Option<(usize, f32, bool)> = None;
            for k in 1..parts.len() {
                let (BodyPart::Line(p), BodyPart::Line(q)) = (&parts[k - 1], &parts[k]) else { continue };
                if !is_sentence_end(&lines[*p].text) || lines[*q].text.is_empty() {
                    continue;
                }
                let before = |g: &u64| span.get(g).is_some_and(|&(first, _)| first < k);
                let after = |g: &u64| span.get(g).is_some_and(|&(_, last)| last >= k);
                let (ob, oa) =
                    (bodies.score_terms_found(&orphan_terms, before), bodies.score_terms_found(&orphan_terms, after));
                let (wb, wa) =
                    (bodies.score_terms_found(&own_terms, before), bodies.score_terms_found(&own_terms, after));
                // Each headline must find its subject on its own side; the
                // left-over one may head either part.
                for (orphan_after, o_mine, o_other, w_mine, w_other) in
                    [(true, oa, ob, wb, wa), (false, ob, oa, wa, wb)]
                {
                    if o_mine >= 0.3 && w_mine >= 0.3 && o_mine > o_other + 0.15 && w_mine > w_other + 0.15 {
                        let fit = o_mine + w_mine - o_other - w_other;
                        if best.is_none_or(|b| fit > b.1) {
                            best = Some((k, fit, orphan_after));
                        }
                    }
                }
            }
            let Some((k, _, orphan_after)) = best else { continue };
            let tail: Vec<BodyPart> = self.segs[s].parts.split_off(k);
            let first_line = tail
                .iter()
                .find_map(|x| if let BodyPart::Line(i) = x { Some(lines[*i].no) } else { None })
                .unwrap_or(usize::MAX);
            // A byline printed after the body belongs to the second article.
            let trail = std::mem::take(&mut self.segs[s].trail);
            self.segs.push(Segment { parts: tail, trail, first_line, ..Segment::default() });
            let new = self.segs.len() - 1;
            if orphan_after {
                titles[u] = Some(new);
                owners.insert(new, u);
            } else {
                titles[u] = Some(s);
                titles[owner] = Some(new);
                owners.insert(s, u);
                owners.insert(new, owner);
            }
        }
    }
}
