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
use super::params::{Cut, Params};
use super::segments::{Builder, Segment};
use super::units::Unit;
use regex::Regex;
use std::sync::LazyLock;

/// The parts a headline run taken into a body stands as there: each line
/// a paragraph of its own (a subheading), except a run of one line that
/// reads as a line of the body's text the headline decision took for a
/// heading. A subheading is set apart in a larger or bolder type and is
/// short, so it seldom fills the body's column in body characters; a line
/// that does (to within one character), printed with no space between
/// clauses (`奋斗百年路 启航新征程`) and ending inside its sentence (no
/// end or clause mark: `…十四届全国人大` / `常委会履职以来…`), is text running
/// on into the line after it. It goes back to the body as a line, and the
/// reflow ([`super::paragraphs`]) decides where its paragraph starts and ends.
/// (On a page printed one paragraph per line, `one_per_line`, every line
/// fills its own column: there width tells nothing.)
fn run_parts(lines: &[Line], run: &[usize], one_per_line: bool) -> Vec<BodyPart> {
    if let [i] = *run
        && !one_per_line
        && reads_as_body_line(lines, i)
    {
        return vec![BodyPart::Line(i)];
    }
    run.iter().map(|&i| BodyPart::Own(lines[i].text.clone())).collect()
}

/// Does headline line `i` read as a body line ([`run_parts`]): not
/// letter-spaced, filling its column to within one character and no wider
/// than a hanging mark takes it, no space inside, and its last character a
/// letter, digit or Han character (its sentence goes on)?
fn reads_as_body_line(lines: &[Line], i: usize) -> bool {
    let l = &lines[i];
    let col = heads::column_width(lines, i);
    !l.justified
        && !l.indented
        && l.width + 2 >= col
        && l.width <= col + 2
        && !l.text.contains(' ')
        && l.text.chars().next_back().is_some_and(char::is_alphanumeric)
}

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
            // text after (see [`Cut::TitleLeaves`]), is a headline however short:
            // left to [`Builder::absorb_subheads`].
            // (Only a run read as a subheading is scored: the scores decide
            // nothing for the others.)
            if sub {
                let text: String = run.iter().map(|&i| lines[i].text.as_str()).collect();
                let to_p = bodies.score_against_body(&text, p, self.segs[p].pieces(lines));
                let to_n = bodies.score_against_body(&text, n, self.segs[n].pieces(lines));
                if to_n > to_p && self.title_leaves(r, p, n, lines, bodies) {
                    continue;
                }
            }
            let b = boundary::at_run(&self.params, first, sub);
            let starts = b.starts();
            self.note(b);
            if starts {
                continue;
            }
            let subheads = run_parts(lines, &self.runs[r].lines, self.one_per_line);
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
            // A notice signed and dated (`2024年9月27日`) has ended.
            let dated = self.segs[p].lines(lines).last().is_some_and(|l| lines::is_date_line(&l.text));
            // (Those two need no scores: none is read for them.)
            if dated || meta::is_notice_title(&run) {
                continue;
            }
            let (to_p, to_n) = (
                bodies.score_against_body(&run, p, self.segs[p].pieces(lines)),
                bodies.score_against_body(&run, n, self.segs[n].pieces(lines)),
            );
            // (A subheading is short: `做大核桃产业`; a headline names who
            // did what, where: `兴县蔡家崖村红色旅游持续升温`.)
            let headline_like = run.chars().count() >= self.params.count(Cut::HeadlineLikeChars);
            // Outside a feature (`□ 本报记者 …`, whose sections may open with
            // a date), a line over a text that opens like a news item
            // (`近日，…`) is that item's headline.
            let feature = self.segs[p].byline.as_deref().is_some_and(|b| b.starts_with(super::normalize::BOXES));
            let opens_item = self.segs[n].lines(lines).next().is_some_and(|l| meta::opens_with_time(&l.text));
            // Nor, under a text that no byline marks as a feature, a
            // headline-like line naming what the text after it reports
            // rather than the text before it (items without bylines, their
            // headlines over them).
            let names_next = headline_like
                && to_n >= self.params.cut(Cut::NamesNext)
                && to_n > to_p + self.params.cut(Cut::NamesNextMargin);
            // Under a feature, such a line starts an item of its own when the
            // feature's own headline says nothing of the text after it: a
            // feature's sections keep to the subject its headline names.
            let strays = feature
                && names_next
                && self.title_of(r, p, lines).is_some_and(|title| {
                    bodies.score_against_body(&title, n, self.segs[n].pieces(lines))
                        < self.params.cut(Cut::FeatureTopic)
                });
            // And any run that names the text after it better than the text
            // before starts an item when the headline over the body before
            // says little of the text after: under a fifth of how well it
            // matches its own body (a subheading's section keeps to the
            // subject of its article's headline).
            let leaves_title = to_n > to_p && self.title_leaves(r, p, n, lines, bodies);
            if (news || !feature) && names_next
                || strays
                || leaves_title
                || !feature && opens_item && run.chars().count() >= self.params.count(Cut::OpensItemChars)
            {
                continue;
            }
            let subheads = run_parts(lines, &self.runs[r].lines, self.one_per_line);
            self.segs[p].parts.extend(subheads);
            self.merge(n, p);
            self.runs[r].absorbed = true;
        }
    }

    /// Runs between two bodies shaped like a subheading already taken into
    /// one of them ([`same_form`]: the same numbering or mark, or short
    /// lines of one length with no end punctuation) are that article's
    /// subheadings too, whatever they say: a feature's subheadings share
    /// their form, and its first one is no headline because the others
    /// were read as subheadings. Nothing may close the body before (a
    /// closing byline, a notice's date) or open the one after (an opening
    /// byline). Runs are read again until none is taken.
    pub(crate) fn absorb_sibling_subheads(&mut self, lines: &[Line]) {
        let one_line = |run: &super::segments::Run| match run.lines.as_slice() {
            [i] => Some(lines[*i].text.as_str()),
            _ => None,
        };
        loop {
            let mut taken = false;
            for r in 0..self.runs.len() {
                let (Some(p), Some(n)) = (self.runs[r].prev, self.runs[r].next) else { continue };
                let (p, n) = (self.find(p), self.find(n));
                if self.runs[r].absorbed || p == n || self.segs[n].hard || !self.segs[p].trail.is_empty() {
                    continue;
                }
                if self.segs[p].lines(lines).last().is_some_and(|l| lines::is_date_line(&l.text)) {
                    continue;
                }
                let Some(text) = one_line(&self.runs[r]) else { continue };
                let sibling = self.runs.iter().any(|other| {
                    other.absorbed
                        && other.prev.is_some_and(|q| [p, n].contains(&self.find(q)))
                        && one_line(other).is_some_and(|t| same_form(t, text, self.params.count(Cut::MaxSubheadChars)))
                });
                if !sibling {
                    continue;
                }
                self.segs[p].parts.push(BodyPart::Own(text.to_string()));
                self.merge(n, p);
                self.runs[r].absorbed = true;
                taken = true;
            }
            if !taken {
                break;
            }
        }
    }

    /// Does the headline over segment `p` (before run `r`) say little of
    /// segment `n`'s text: under [`Cut::TitleLeaves`] of how well it matches
    /// its own body?
    fn title_leaves(&self, r: usize, p: usize, n: usize, lines: &[Line], bodies: &Bodies) -> bool {
        self.title_of(r, p, lines).is_some_and(|title| {
            let own = bodies.score_against_body(&title, p, self.segs[p].pieces(lines));
            bodies.score_against_body(&title, n, self.segs[n].pieces(lines)) < self.params.cut(Cut::TitleLeaves) * own
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
    /// body closed by a byline or a notice's date has not been cut), even
    /// where that body's first line is shaped as a paragraph's first: a
    /// sentence left open does not end an item, and the shape of the line
    /// after the run kept apart as many bodies that go on as items that
    /// start (on fresh draws of the fitting days it only made spurious
    /// items).
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
            let first = self.segs[n].parts.iter().find(|x| matches!(x, BodyPart::Line(_)));
            if open && first.is_some() {
                self.merge(n, p);
            }
        }
    }

    /// On a page whose headlines follow their bodies, a headline that heads
    /// the unbylined body after it (rather than the body before it) is a
    /// subheading inside one article: the two bodies are one, with the
    /// subheading as a paragraph of its own. So is a run given to the body
    /// before it (or to none) when the headline after the next body names
    /// the text before the run too ([`Builder::title_reaches_back`]); the
    /// headline after the next body then heads the joined article.
    pub(crate) fn keep_subheads(
        &mut self,
        units: &[Unit],
        titles: &mut [Option<usize>],
        extra: &mut [Option<usize>],
        lines: &[Line],
        bodies: &Bodies,
    ) {
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
            let inside = heads_next && !heads_prev && !mine.iter().any(|&u| titles[u].is_some_and(|t| t != n));
            if !inside && !self.title_reaches_back(r, p, n, units, titles, lines, bodies) {
                continue;
            }
            // The headline over the body after the run heads the article
            // both bodies make.
            for u in 0..units.len() {
                if units[u].run != r {
                    if titles[u] == Some(n) {
                        titles[u] = Some(p);
                    }
                    if extra[u] == Some(n) {
                        extra[u] = Some(p);
                    }
                }
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

    /// On a page whose headlines follow their bodies, is run `r` (between
    /// bodies `p` and `n`, given to `p` as its headline or to none) a
    /// subheading inside one article? Nothing closes `p` (no closing
    /// byline, no opening one on `n`), the run names the text after it
    /// better than the text before (a subheading names its own section),
    /// and the headline after `n` names `p`'s text as well as at least
    /// [`Cut::TitleReaches`] of how well it names `n`'s: a title names its
    /// whole article, the text before the run too.
    #[allow(clippy::too_many_arguments)]
    fn title_reaches_back(
        &self,
        r: usize,
        p: usize,
        n: usize,
        units: &[Unit],
        titles: &[Option<usize>],
        lines: &[Line],
        bodies: &Bodies,
    ) -> bool {
        let mine = || units.iter().enumerate().filter(|(_, u)| u.run == r).map(|(k, _)| k);
        if self.segs[n].hard || !self.segs[p].trail.is_empty() || mine().any(|u| titles[u].is_some_and(|t| t != p)) {
            return false;
        }
        let text: String = self.runs[r].lines.iter().map(|&i| lines[i].text.as_str()).collect();
        let to_p = bodies.score_against_body(&text, p, self.segs[p].pieces(lines));
        let to_n = bodies.score_against_body(&text, n, self.segs[n].pieces(lines));
        if to_n <= to_p {
            return false;
        }
        let Some(title) = units.iter().zip(titles).find(|(u, t)| u.run != r && **t == Some(n)).map(|(u, _)| u.text())
        else {
            return false;
        };
        let (up, un) = (
            bodies.score_against_body(&title, p, self.segs[p].pieces(lines)),
            bodies.score_against_body(&title, n, self.segs[n].pieces(lines)),
        );
        up >= self.params.cut(Cut::TitleReachesMin) && up >= self.params.cut(Cut::TitleReaches) * un
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
        // (Indexed body, a part split from it.)
        let mut parts_of: Vec<(usize, usize)> = Vec::new();
        for u in 0..units.len() {
            let run = &self.runs[units[u].run];
            if titles[u].is_some() || extra[u].is_some() || run.absorbed {
                continue;
            }
            let orphan = units[u].text();
            let near = assign::window(run.prev.map(|p| self.find(p)), run.next.map(|x| self.find(x)));
            let Some((s, score)) = bodies.best_in(&orphan, near) else { continue };
            // (A headline stacked under another over one body that matches
            // it more weakly is left alone too: splitting there at a turn
            // where the two parts share next to none of each other's
            // headline words made no item exactly right on fresh draws of
            // the fitting days, and two spurious ones.)
            if score < self.params.cut(Cut::OrphanMatch) {
                continue;
            }
            // A body split already (three articles read as one): the part
            // naming the headline best (a body never split is its own).
            let s = if !parts_of.iter().any(|&(from, _)| from == s) {
                s
            } else {
                parts_of
                    .iter()
                    .filter(|&&(from, _)| from == s)
                    .map(|&(_, part)| part)
                    .chain([s])
                    .map(|p| (p, bodies.score_against_body(&orphan, p, self.segs[p].pieces(lines))))
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .map_or(s, |(p, _)| p)
            };
            let Some(&owner) = owners.get(&s) else { continue };
            if self.segs[s].into.is_some() {
                continue;
            }
            let own = units[owner].text();
            // The left-over headline may head either part; one stacked over
            // the same body with the other ([`Unit::stacked`]) heads the
            // part in its place in print order.
            let (k, orphan_after) = if units[u].stacked {
                let (first, second) = if owner < u { (&own, &orphan) } else { (&orphan, &own) };
                let Some(turn) =
                    turn_between(&self.segs[s].parts, lines, bodies, first, second, TurnKind::Stacked, &self.params)
                else {
                    continue;
                };
                (turn.at, owner < u)
            } else {
                let Some(turn) =
                    turn_between(&self.segs[s].parts, lines, bodies, &own, &orphan, TurnKind::Orphan, &self.params)
                else {
                    continue;
                };
                (turn.at, turn.first_before)
            };
            let tail: Vec<BodyPart> = self.segs[s].parts.split_off(k);
            let first_line = tail
                .iter()
                .find_map(|x| if let BodyPart::Line(i) = x { Some(lines[*i].no) } else { None })
                .unwrap_or(usize::MAX);
            // A byline printed after the turn belongs to the second article.
            let seg = &mut self.segs[s];
            let mine = seg.trail_at.iter().take_while(|&&at| at <= k).count();
            let trail = seg.trail.split_off(mine);
            let trail_at: Vec<usize> = seg.trail_at.split_off(mine).into_iter().map(|at| at - k).collect();
            self.segs.push(Segment { parts: tail, trail, trail_at, first_line, ..Segment::default() });
            let new = self.segs.len() - 1;
            let from = parts_of.iter().find(|&&(_, part)| part == s).map_or(s, |&(from, _)| from);
            parts_of.push((from, new));
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

/// How a subheading is marked at its start: numbered (`一、`, `（二）`,
/// `3.`, `第四`), or with a mark (`■`, `◆`, …), or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SubheadMark {
    Numbered,
    Mark(char),
    Plain,
}

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十0-9]{1,3}[）)]|[0-9]{1,2}[、．.）)]|第[一二三四五六七八九十]{1,3}[，、：:　 ]?)")
        .expect("valid regex")
});

/// How line `text` is marked as a subheading ([`SubheadMark`]).
fn subhead_mark(text: &str) -> SubheadMark {
    match text.chars().next() {
        Some(c) if super::normalize::BOXES.contains(&c) || matches!(c, '◇' | '○' | '☆' | '▶' | '►') => {
            SubheadMark::Mark(c)
        }
        _ if NUMBERED.is_match(text) => SubheadMark::Numbered,
        _ => SubheadMark::Plain,
    }
}

/// Are two lines shaped alike as subheadings of one article: neither ends
/// in punctuation, and both are numbered or carry the same mark, or both are
/// plain, short (at most `max_chars`, [`Cut::MaxSubheadChars`]) and of one
/// length?
pub(crate) fn same_form(a: &str, b: &str, max_chars: usize) -> bool {
    let (a, b) = (a.trim(), b.trim());
    let unpunctuated = |t: &str| {
        t.chars().next_back().is_some_and(|c| {
            !matches!(c, '。' | '！' | '？' | '；' | '，' | '、' | '：' | ':' | ';' | ',' | '.' | '!' | '?')
        })
    };
    if !unpunctuated(a) || !unpunctuated(b) {
        return false;
    }
    let len = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
    match (subhead_mark(a), subhead_mark(b)) {
        (SubheadMark::Plain, SubheadMark::Plain) => len(a) == len(b) && len(a) <= max_chars && len(a) >= 2,
        (x, y) => x == y,
    }
}

/// Where the text of one body turns from one article to the next
/// ([`turn_between`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Turn {
    /// The part the second article starts at.
    pub(crate) at: usize,
    /// Headline `first` heads the part before the turn (else the part after).
    pub(crate) first_before: bool,
    /// How much better each headline names its own part than the other
    /// (the sum of both margins).
    pub(crate) fit: f32,
    /// The larger share of either headline's weighted terms found in the
    /// other's part: near 0 where the two articles share no subject.
    pub(crate) cross: f32,
}

/// Which turns [`turn_between`] looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TurnKind {
    /// A left-over headline printed away from its body: it may head either
    /// part.
    Orphan,
    /// Two headlines printed one after the other over the body: the first
    /// heads the part before the turn, and each part opens on its
    /// headline's subject (its first [`Cut::LeadChars`] characters hold at
    /// least [`Cut::TurnLead`] of the headline's weighted terms), as a news
    /// item's first sentence says what its headline does.
    Stacked,
}

/// Where in a body (its `parts`) the text turns from the subject of one of
/// two headlines to the other's: at a paragraph start (a line after one that
/// ends a sentence, blank lines passed over) where each headline finds its
/// subject on its own side (at least [`Cut::TurnOwn`] of its weighted terms,
/// and [`Cut::TurnMargin`] more than on the other side; `p` holds the
/// cut-offs). A line ending a sentence
/// ends in a mark no term spans, so at a paragraph start every term lies
/// wholly before or wholly after it. The best-fitting start is returned.
pub(crate) fn turn_between(
    parts: &[BodyPart],
    lines: &[Line],
    bodies: &Bodies,
    first: &str,
    second: &str,
    kind: TurnKind,
    p: &Params,
) -> Option<Turn> {
    turn_between_read(parts, lines, bodies, (first, second), kind, p, None)
}

/// A body's terms (its `parts`' lines read as one text, as
/// [`turn_between`] reads them), each with the part it is read in: read
/// once for a body [`turn_between_read`] looks at several times.
pub(crate) fn part_terms(parts: &[BodyPart], lines: &[Line]) -> Vec<(u64, u32)> {
    let mut out = Vec::new();
    let mut scan = assign::Scanner::default();
    let mut at = 0;
    for (j, part) in parts.iter().enumerate() {
        if let BodyPart::Line(i) = part {
            at = j as u32;
            scan.feed(&lines[*i].text, &mut |g| out.push((g, at)));
        }
    }
    scan.finish(&mut |g| out.push((g, at)));
    out
}

/// Does [`turn_between`] find no turn in body `b` (its `parts`) for the
/// headlines `heads`, as its first test tells from the index alone: a
/// headline holding no term, or one finding less than [`Cut::TurnOwn`] of
/// its weighted terms in the whole body? Told only where the body is the
/// text indexed for `b` and all of it lines ([`part_terms`] reads the
/// lines alone): its terms are then the index's; `false` elsewhere.
pub(crate) fn no_turn_by_index(
    parts: &[BodyPart],
    lines: &[Line],
    bodies: &Bodies,
    b: usize,
    heads: (&str, &str),
    p: &Params,
) -> bool {
    if !parts.iter().all(|x| matches!(x, BodyPart::Line(_)))
        || !bodies.indexes_as(b, super::segments::parts_text(parts, lines))
    {
        return false;
    }
    let (a_terms, b_terms) = (assign::term_set(heads.0), assign::term_set(heads.1));
    if a_terms.is_empty() || b_terms.is_empty() {
        return true;
    }
    // (The same weighted shares, to the bit, as `turn_between_read` takes
    // of the terms it reads.)
    let own = p.cut(Cut::TurnOwn);
    let held = |g: &u64| bodies.holds(b, *g);
    bodies.weighted(&a_terms).share(held) < own || bodies.weighted(&b_terms).share(held) < own
}

/// [`turn_between`], the body's terms given as [`part_terms`] reads them
/// (`read`), or read here when not given; `heads` the first and the
/// second headline.
pub(crate) fn turn_between_read(
    parts: &[BodyPart],
    lines: &[Line],
    bodies: &Bodies,
    heads: (&str, &str),
    kind: TurnKind,
    p: &Params,
    read: Option<&[(u64, u32)]>,
) -> Option<Turn> {
    let (turn_own, turn_margin, turn_lead, turn_named) =
        (p.cut(Cut::TurnOwn), p.cut(Cut::TurnMargin), p.cut(Cut::TurnLead), p.cut(Cut::TurnNamed));
    let lead_chars = p.count(Cut::LeadChars);
    let (first, second) = heads;
    let (a_terms, b_terms) = (assign::term_set(first), assign::term_set(second));
    if a_terms.is_empty() || b_terms.is_empty() {
        return None;
    }
    // The lead of the text starting at part `k`: its first sentence, at
    // most [`Cut::LeadChars`] characters.
    let lead_text = |k: usize| {
        let mut out = String::new();
        let mut n = 0;
        'parts: for p in &parts[k..] {
            let t = match p {
                BodyPart::Line(i) => lines[*i].text.as_str(),
                BodyPart::Own(t) => t.as_str(),
            };
            for c in t.chars() {
                out.push(c);
                n += 1;
                if n >= lead_chars || matches!(c, '。' | '！' | '？' | '!' | '?') {
                    break 'parts;
                }
            }
        }
        out
    };
    // Each headline's terms with their weights, looked up once.
    let (a_w, b_w) = (bodies.weighted(&a_terms), bodies.weighted(&b_terms));
    // How well a headline's terms are found in a lead.
    let in_lead = |terms: &assign::Weighted, lead: &str| {
        let found = assign::term_set(lead);
        terms.share(|g| found.contains(g))
    };
    let stacked = kind == TurnKind::Stacked;
    // A first headline its body's lead names too little (a slogan over
    // the title, `奋力谱写…新篇章——…`) needs a clean turn: the second
    // article opens like a news item on its own headline's subject, and
    // neither part holds the other headline's words. (Told only for a
    // turn that passes the other tests: few do.)
    let weak_first = std::cell::OnceCell::new();
    let weak_first = || *weak_first.get_or_init(|| stacked && in_lead(&a_w, &lead_text(0)) < turn_lead);
    // Where the two headlines' terms stand in the body: the first and last
    // part each is read in (the whole body read only once the lead test
    // above is passed).
    let mut span: rustc_hash::FxHashMap<u64, (usize, usize)> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(a_terms.len() + b_terms.len(), Default::default());
    let mut scan = assign::Scanner::default();
    let mut at = 0;
    // (Most of the body's terms are neither headline's: a filter of their
    // few terms turns those away before the hash look-ups.)
    let filter = assign::TermFilter::of(a_terms.iter().chain(&b_terms));
    let mut see = |g: u64, at: usize| {
        if filter.may_hold(g) && (a_terms.contains(&g) || b_terms.contains(&g)) {
            span.entry(g).and_modify(|e| e.1 = at).or_insert((at, at));
        }
    };
    match read {
        Some(terms) => {
            for &(g, j) in terms {
                see(g, j as usize);
            }
        }
        None => {
            for (j, part) in parts.iter().enumerate() {
                if let BodyPart::Line(i) = part {
                    at = j;
                    scan.feed(&lines[*i].text, &mut |g| see(g, j));
                }
            }
            scan.finish(&mut |g| see(g, at));
        }
    }
    // Each headline must find at least `TurnOwn` of its weighted terms on
    // its own side of a turn, and a side holds no more of them than the
    // whole body: a body holding less of either headline has no turn.
    if a_w.share(|g| span.contains_key(g)) < turn_own || b_w.share(|g| span.contains_key(g)) < turn_own {
        return None;
    }
    let notice = meta::is_notice_title(second);
    let mut best: Option<Turn> = None;
    // The last printed line before the part read.
    let mut prev: Option<usize> = None;
    for (k, part) in parts.iter().enumerate() {
        let BodyPart::Line(q) = part else {
            prev = None;
            continue;
        };
        if lines[*q].text.is_empty() {
            continue;
        }
        let start = prev.is_some_and(|p| is_sentence_end(&lines[p].text));
        prev = Some(*q);
        if !start {
            continue;
        }
        let before = |g: &u64| span.get(g).is_some_and(|&(first, _)| first < k);
        let after = |g: &u64| span.get(g).is_some_and(|&(_, last)| last >= k);
        let (ab, aa) = (a_w.share(before), a_w.share(after));
        let (bb, ba) = (b_w.share(before), b_w.share(after));
        let orders: &[_] =
            if stacked { &[(true, ab, aa, ba, bb)] } else { &[(true, ab, aa, ba, bb), (false, aa, ab, bb, ba)] };
        for &(first_before, a_mine, a_other, b_mine, b_other) in orders {
            let fit = a_mine + b_mine - a_other - b_other;
            if a_mine < turn_own
                || b_mine < turn_own
                || a_mine <= a_other + turn_margin
                || b_mine <= b_other + turn_margin
                || best.is_some_and(|b| fit <= b.fit)
            {
                continue;
            }
            // The second article opens on its headline's subject, as a news
            // item opens, or says it all in its first sentence.
            if stacked {
                let lead = lead_text(k);
                let named = in_lead(&b_w, &lead);
                let opens = opens_news_item(&lead, notice);
                let full = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count() >= p.count(Cut::TurnFullHeadline);
                if named < turn_lead
                    || weak_first()
                        && (!opens || named < turn_named || a_other.max(b_other) >= p.cut(Cut::CleanTurnCross))
                    || refers_back(&lead)
                    || !opens
                        && (named < turn_named
                            || !full(first)
                            || !full(second)
                            || in_lead(&a_w, &lead) >= p.cut(Cut::TurnOtherLead))
                {
                    continue;
                }
            }
            best = Some(Turn { at: k, first_before, fit, cross: a_other.max(b_other) });
        }
    }
    best
}

/// How a news item's first sentence opens (see [`opens_news_item`]).
static NEWS_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        // A date or a time word, then a comma: `11月9日下午，`, `近日，`.
        r"^(?:(?:[0-9]{4}年)?(?:[0-9]{1,2}月)?[0-9]{1,2}日(?:上午|下午|晚上|晚间|晚|凌晨|早上|中午)?|近日|日前|近期|近来|连日来|今年以来|去年以来)[，,]",
        // `9月10日是…`, `今天（10月12日），…`, `当地时间…`.
        r"|^(?:[0-9]{1,2}月)?[0-9]{1,2}日是|^(?:今天|昨天|今日)[（(上下]|^当地时间",
        // A dateline or a source: `新华社北京…电`, `本报讯`, `据…报道，`.
        r"|^(?:新华社|本报讯|据[^，。]{1,16}(?:报道|介绍|消息|电))",
        // Who, then when, in the first clause: `国务院总理李克强11月1日向…`.
        r"|^[^，。,0-9]{2,16}?(?:今天|昨天|(?:[0-9]{1,2}月)?[0-9]{1,2}日)",
    ))
    .expect("valid regex")
});

/// Does a line open a news item's first sentence: a date or time word
/// (`11月9日下午，`, `近日，`, `今天（10月12日），`), a dateline or source
/// (`新华社…电`, `本报讯`, `据…报道`), or who did it and when, before the
/// first comma (`国务院总理李克强11月1日向…`)? Under a notice's title
/// (`notice`), the purpose a notice opens with (`为进一步做好…`,
/// `根据…`) opens it too.
fn opens_news_item(text: &str, notice: bool) -> bool {
    NEWS_LEAD.is_match(text) || notice && text.starts_with(['为', '根'])
}

/// Does a lead open by referring back to the text before it (`同日，`,
/// `会上，`, `此外，`, `他表示`): the same article goes on?
fn refers_back(lead: &str) -> bool {
    const BACK: [&str; 20] = [
        "同日", "当日", "当天", "同时", "此外", "另外", "此前", "随后", "会上", "会后", "会前", "其间", "期间", "对此",
        "为此", "其中", "他", "她", "该", "此",
    ];
    BACK.iter().any(|w| lead.starts_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subheadings_of_one_form() {
        // (a, b, shaped alike)
        let cases = [
            ("打好基础牌", "做足特色戏", true),
            ("坚持高位推动", "筑牢安全底线", true),
            ("一、守住耕地红线", "二、稳住粮食产量的基本盘", true),
            ("（一）加强组织领导", "（二）压实工作责任", true),
            ("■ 老街换新颜", "■ 民宿有客来了", true),
            ("■ 老街换新颜", "◆ 民宿有客来", false),
            ("打好基础牌", "做足特色戏曲", false),
            ("打好基础牌", "一、做足特色戏", false),
            ("打好基础牌", "做足特色戏。", false),
            ("全省秋粮收购工作全面启动", "各地扎实推进冬季造林绿化", false),
        ];
        for (a, b, alike) in cases {
            assert_eq!(same_form(a, b, Params::COMMITTED.count(Cut::MaxSubheadChars)), alike, "{a} / {b}");
        }
    }

    #[test]
    fn the_index_rules_out_a_turn_only_where_the_body_read_would() {
        let lines = lines::read_lines(
            "石楼县红枣加工企业新上三条生产线，红枣\n加工产值有望突破两亿元。\n全县冬季造林绿化工作全面启动，\n各乡镇完成栽植任务。",
        );
        let parts: Vec<BodyPart> = (0..lines.len()).map(BodyPart::Line).collect();
        let text: String = super::super::segments::parts_text(&parts, &lines).collect();
        let bodies = Bodies::new(&[String::new(), text]);
        let p = Params::COMMITTED;
        // (first, second, ruled out by the index)
        let cases = [
            ("石楼县红枣加工企业新上生产线", "全县冬季造林绿化全面启动", false),
            ("石楼县红枣加工企业新上生产线", "省城地铁新线开通运营", true),
            ("港口吞吐量创新高", "全县冬季造林绿化全面启动", true),
            ("石楼县红枣", "……", true),
        ];
        for (first, second, out) in cases {
            let ruled = no_turn_by_index(&parts, &lines, &bodies, 1, (first, second), &p);
            assert_eq!(ruled, out, "{first} / {second}");
            if ruled {
                for kind in [TurnKind::Stacked, TurnKind::Orphan] {
                    assert!(turn_between(&parts, &lines, &bodies, first, second, kind, &p).is_none());
                }
            }
        }
        // Not told where the body is not the text indexed for it, or holds
        // a part of its own (read by the index, not by `part_terms`).
        let (first, second) = ("港口吞吐量创新高", "全县冬季造林绿化全面启动");
        assert!(!no_turn_by_index(&parts, &lines, &bodies, 0, (first, second), &p));
        let mut own = parts.clone();
        own.push(BodyPart::Own("港口".into()));
        assert!(!no_turn_by_index(&own, &lines, &bodies, 1, (first, second), &p));
    }

    #[test]
    fn a_part_opens_a_news_item_unless_it_refers_back() {
        // (lead, under a notice title?, opens a news item, refers back)
        let cases = [
            ("近日，石楼县多家红枣加工企业新上生产线。", false, true, false),
            ("11月9日下午，全市安全生产会议召开。", false, true, false),
            ("今天（10月12日），全省秋粮收购启动。", false, true, false),
            ("当地时间3日，俄罗斯总统普京表示", false, true, false),
            ("据了解，今年全县红枣加工产值有望突破两亿元。", false, false, false),
            ("为进一步规范城市管理，现将有关事项通告如下：", true, true, false),
            ("为进一步规范城市管理，市里出台新规。", false, false, false),
            ("同日，省委常委会召开会议。", false, false, true),
            ("会上，与会人员观看了专题片。", false, false, true),
            ("他表示，要把实事办好。", false, false, true),
        ];
        for (lead, notice, opens, back) in cases {
            assert_eq!(opens_news_item(lead, notice), opens, "{lead}");
            assert_eq!(refers_back(lead), back, "{lead}");
        }
    }
}
