//! Pieces → segments: one per article body, with the headline runs and
//! captions standing between them, and the page's orientation (do
//! headlines follow or precede their bodies?).
//!
//! An item starts at an opening byline or a headline run; where the text
//! alone says so (an opener where the column width changes, a photo item,
//! a closing caption, a closing byline or a notice's date before the gap),
//! the decision is [`super::boundary`]'s one score per gap. Its photo-item
//! and caption terms are read off a first segmentation of the page, then the
//! page is segmented again with them.

use super::article::caption_text;
use super::assign::{self, Bodies};
use super::boundary::{Boundary, Breaks, caption_gap, opening_caption_gap};
use super::lines::{self, Line, is_sentence_end};
use super::paragraphs::BodyPart;
use super::params::Params;
use super::pieces::Piece;
use super::units::Unit;

/// The text of one article as it is being collected.
#[derive(Debug, Default, Clone)]
pub(crate) struct Segment {
    pub(crate) byline: Option<String>,
    pub(crate) continued: Option<String>,
    pub(crate) trail: Vec<String>,
    /// For each of `trail`, how many parts the body held when it was
    /// printed (a byline closing the first of two articles read as one
    /// body stands before the second's parts).
    pub(crate) trail_at: Vec<usize>,
    pub(crate) parts: Vec<BodyPart>,
    pub(crate) captions: Vec<String>,
    /// Started by a byline or continuation mark (not merely after a headline).
    pub(crate) hard: bool,
    pub(crate) first_line: usize,
    /// Merged into another segment (which may itself have been merged).
    pub(crate) into: Option<usize>,
}

impl Segment {
    pub(crate) fn lines<'a>(&'a self, lines: &'a [Line]) -> impl Iterator<Item = &'a Line> + 'a {
        self.parts.iter().filter_map(move |p| match p {
            BodyPart::Line(i) => Some(&lines[*i]),
            BodyPart::Own(_) => None,
        })
    }

    pub(crate) fn text(&self, lines: &[Line]) -> String {
        let mut text = String::with_capacity(self.pieces(lines).map(str::len).sum());
        text.extend(self.pieces(lines));
        text
    }

    /// The segment's text in pieces (its lines and parts of its own).
    pub(crate) fn pieces<'a>(&'a self, lines: &'a [Line]) -> impl Iterator<Item = &'a str> + Clone + 'a {
        parts_text(&self.parts, lines)
    }

    pub(crate) fn has_text(&self, lines: &[Line]) -> bool {
        self.lines(lines).any(|l| !l.text.is_empty()) || self.parts.iter().any(|p| matches!(p, BodyPart::Own(_)))
    }
}

/// A run of headline lines between bodies.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    pub(crate) lines: Vec<usize>,
    pub(crate) prev: Option<usize>,
    pub(crate) next: Option<usize>,
    /// Became subheadings inside a body.
    pub(crate) absorbed: bool,
    /// The segment opened by a continuation mark (`（上接1版）`) printed
    /// right over the run, with no text of its own: the mark belongs to
    /// the item the run's headline is paired with ([`Builder::place_marks`]).
    pub(crate) mark: Option<usize>,
}

/// A caption and where it stood.
#[derive(Debug, Clone)]
pub(crate) struct Caption {
    pub(crate) text: String,
    pub(crate) prev: Option<usize>,
    pub(crate) next: Option<usize>,
    /// The last headline run between `prev`'s text and the caption, if any.
    pub(crate) run: Option<usize>,
}

/// Which side of its body a page prints headlines on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Orientation {
    After,
    Before,
}

impl Orientation {
    /// The side the votes (after, before) choose; after on a tie.
    pub(crate) fn from_votes((after, before): (f32, f32)) -> Orientation {
        if before > after { Orientation::Before } else { Orientation::After }
    }
}

#[derive(Default)]
pub(crate) struct Builder {
    /// The page prints one paragraph per line.
    pub(crate) one_per_line: bool,
    pub(crate) segs: Vec<Segment>,
    pub(crate) runs: Vec<Run>,
    pub(crate) captions: Vec<Caption>,
    pub(crate) cartoons: Vec<usize>,
    /// Captions standing after a finished sentence inside a body: where
    /// that body may end (segment, part index, the caption's piece).
    pub(crate) caption_breaks: Vec<(usize, usize, usize)>,
    /// The candidate boundaries weighed, in print order (for `lvread dump
    /// --explain`), kept only when `tracing` ([`Builder::note`]).
    pub(crate) boundaries: Vec<Boundary>,
    /// The boundaries weighed are kept in `boundaries`: a trace asks for
    /// them, nothing else reads them (a page weighs a gap at nearly every
    /// body line, each some 270 bytes: not kept for nothing).
    pub(crate) tracing: bool,
    /// Per line: the line model decodes it as a subheading.
    pub(crate) subheads: Vec<bool>,
    /// The boundary weights and thresholds read ([`Params::COMMITTED`] but
    /// in a fitter).
    pub(crate) params: Params,
    /// A gap's turn of subject after a lead naming its subject before its
    /// day was weighed and not found ([`Builder::turns_away`]): the page's
    /// common words ([`Breaks::common`]) may find it.
    pub(crate) turn_missed: std::cell::Cell<bool>,
}

impl Builder {
    /// Keeps boundary `b`, weighed, for the trace when there is one
    /// ([`Builder::tracing`]).
    pub(crate) fn note(&mut self, b: Boundary) {
        if self.tracing {
            self.boundaries.push(b);
        }
    }

    /// Pieces → segments, runs and captions; the captions at the pieces in
    /// `breaks.closing` close the item before them, the body lines in
    /// `breaks.opening` open one.
    pub(crate) fn segment(&mut self, lines: &[Line], pieces: &[Piece], breaks: &Breaks, fragments: &mut Vec<String>) {
        let closing = &breaks.closing;
        let mut cur: Option<usize> = None;
        let mut split = true; // the next body line starts a new segment
        let mut signed = false; // a closing byline follows the last body line
        let mut waiting_runs: Vec<usize> = Vec::new();
        let mut waiting_caps: Vec<usize> = Vec::new();
        // The last headline run between the last body line and here.
        let mut run_since: Option<usize> = None;
        // The photo item being read, until a caption: a photo credit closing
        // one of its lines (`…踏雪赏景。 记者 李四 摄`) closes it.
        let mut photo: Option<usize> = None;
        for (pi, piece) in pieces.iter().enumerate() {
            match piece {
                Piece::Start { byline, continued } => {
                    self.segs.push(Segment {
                        byline: byline.clone(),
                        continued: continued.clone(),
                        hard: true,
                        ..Segment::default()
                    });
                    let s = self.segs.len() - 1;
                    for r in waiting_runs.drain(..) {
                        self.runs[r].next = Some(s);
                    }
                    for c in waiting_caps.drain(..) {
                        self.captions[c].next = Some(s);
                    }
                    cur = Some(s);
                    split = false;
                }
                Piece::Body(i) => {
                    let gap = match cur {
                        Some(s) if !split => self.body_gap(lines, s, *i, &pieces[pi..], breaks, signed),
                        _ => None,
                    };
                    let starts = gap.as_ref().is_some_and(Boundary::starts);
                    if let Some(gap) = gap {
                        self.note(gap);
                    }
                    let s = match cur {
                        Some(s) if !split && !starts => s,
                        _ => {
                            self.segs.push(Segment::default());
                            let s = self.segs.len() - 1;
                            // (A paragraph of a photo item's shape that
                            // starts an item is closed by a credit too.)
                            photo = (breaks.opening.contains(i) || breaks.photo_shaped.contains_key(i)).then_some(s);
                            s
                        }
                    };
                    for r in waiting_runs.drain(..) {
                        self.runs[r].next = Some(s);
                    }
                    for c in waiting_caps.drain(..) {
                        self.captions[c].next = Some(s);
                    }
                    let seg = &mut self.segs[s];
                    if seg.first_line == 0 {
                        seg.first_line = lines[*i].no;
                    }
                    seg.parts.push(BodyPart::Line(*i));
                    cur = Some(s);
                    split = false;
                    signed = false;
                    run_since = None;
                    // A sentence closed by a photo credit on its line
                    // (`…踏雪赏景。 记者 李四 摄`): a caption's end.
                    if closes_with_credit(&lines[*i].text) {
                        split = self.credit_point(
                            s,
                            pi,
                            caption_gap(&self.params, lines, *i + 1, &pieces[pi + 1..]),
                            &mut photo,
                            closing,
                        );
                    }
                }
                Piece::Heads(run) => {
                    let prev = cur.filter(|&s| self.segs[s].has_text(lines));
                    let mark = cur.filter(|&s| {
                        let seg = &self.segs[s];
                        seg.continued.is_some() && seg.byline.is_none() && seg.parts.is_empty() && !split
                    });
                    self.runs.push(Run { lines: run.clone(), prev, next: None, absorbed: false, mark });
                    waiting_runs.push(self.runs.len() - 1);
                    split = true;
                    run_since = Some(self.runs.len() - 1);
                }
                Piece::Caption(ls) => {
                    let text = caption_text(ls.iter().map(|&i| lines[i].text.as_str()));
                    // The photo item being read ends at a caption, which is
                    // weighed as any caption is: on fresh draws, closing the
                    // item there and giving it the caption outright made
                    // more items wrong than right.
                    photo = None;
                    // A caption after a finished sentence may open the item
                    // after it (its words come back there, the text turning
                    // from the text before): it goes with that item.
                    if breaks.opening_captions.contains(&pi) {
                        let first = ls.first().copied().unwrap_or(0);
                        let b = opening_caption_gap(&self.params, lines, first, &pieces[pi + 1..]);
                        let starts = b.starts();
                        self.note(b);
                        if starts {
                            self.captions.push(Caption { text, prev: None, next: None, run: run_since });
                            waiting_caps.push(self.captions.len() - 1);
                            split = true;
                            continue;
                        }
                    }
                    self.captions.push(Caption { text, prev: cur, next: None, run: run_since });
                    // A caption after a finished sentence may close an item
                    // (the text after it turns to another subject).
                    if closing.contains(&pi) {
                        let b = caption_gap(&self.params, lines, ls.last().map_or(0, |&l| l + 1), &pieces[pi + 1..]);
                        let starts = b.starts();
                        self.note(b);
                        if starts {
                            split = true;
                            continue;
                        }
                    }
                    if let Some(s) = cur.filter(|&s| !split && self.ends_sentence(lines, s)) {
                        self.caption_breaks.push((s, self.segs[s].parts.len(), pi));
                    }
                    waiting_caps.push(self.captions.len() - 1);
                }
                Piece::Credit(i) => match cur {
                    Some(s) if !split => {
                        self.segs[s].captions.push(lines[*i].text.clone());
                        if self.ends_sentence(lines, s) {
                            split = self.credit_point(
                                s,
                                pi,
                                caption_gap(&self.params, lines, *i + 1, &pieces[pi + 1..]),
                                &mut photo,
                                closing,
                            );
                        }
                    }
                    _ => {
                        self.captions.push(Caption {
                            text: lines[*i].text.clone(),
                            prev: cur,
                            next: None,
                            run: run_since,
                        });
                        waiting_caps.push(self.captions.len() - 1);
                    }
                },
                Piece::Cartoon(i) => {
                    self.cartoons.push(*i);
                    split = true;
                }
                Piece::Trail(t) => match cur {
                    Some(s) => {
                        let at = self.segs[s].parts.len();
                        self.segs[s].trail.push(t.clone());
                        self.segs[s].trail_at.push(at);
                        signed = true;
                    }
                    None => fragments.push(t.clone()),
                },
                Piece::Jump(i) => match cur {
                    Some(s) => self.segs[s].parts.push(BodyPart::Own(lines[*i].text.clone())),
                    None => fragments.push(lines[*i].text.clone()),
                },
                Piece::Banner(i) => fragments.push(lines[*i].text.clone()),
            }
        }
        for seg in &mut self.segs {
            if seg.first_line == 0 {
                seg.first_line = seg
                    .parts
                    .iter()
                    .find_map(|p| match p {
                        BodyPart::Line(i) => Some(lines[*i].no),
                        _ => None,
                    })
                    .unwrap_or(usize::MAX);
            }
        }
    }

    /// A photo credit closing segment `s`'s text so far (piece `pi`: a
    /// credit on its own line, or a line ending in one): the photo item
    /// being read (`photo`) ends there, as an item closed by its caption
    /// does (`closing`); else the item may end there, a caption's end
    /// ([`Builder::caption_breaks`]). `gap` is the gap after the credit
    /// ([`caption_gap`]).
    /// Does an item end?
    fn credit_point(
        &mut self,
        s: usize,
        pi: usize,
        gap: Boundary,
        photo: &mut Option<usize>,
        closing: &rustc_hash::FxHashSet<usize>,
    ) -> bool {
        if photo.take_if(|&mut p| p == s).is_some() {
            return true;
        }
        if closing.contains(&pi) {
            let starts = gap.starts();
            self.note(gap);
            if starts {
                return true;
            }
        }
        self.caption_breaks.push((s, self.segs[s].parts.len(), pi));
        false
    }

    /// Continuation marks (`（上接1版）`) standing alone over a headline run
    /// (no text between mark and run) go to the item the run's first
    /// headline to head an item is paired with (`titles`, per unit of
    /// `units`): on a page printing headlines before their bodies that is
    /// the body under the run, on one printing them after, the body before
    /// the mark, so the mark is placed only once the run is paired. A mark
    /// whose segment got text or a headline of its own, or an item already
    /// continued, is left as it is.
    pub(crate) fn place_marks(
        &mut self,
        lines: &[Line],
        units: &[Unit],
        titles: &[Option<usize>],
        extra: &[Option<usize>],
    ) {
        for r in 0..self.runs.len() {
            let Some(m) = self.runs[r].mark else { continue };
            if self.runs[r].absorbed
                || self.segs[m].into.is_some()
                || self.segs[m].has_text(lines)
                || titles.iter().chain(extra).any(|&t| t == Some(m))
            {
                continue;
            }
            let Some(t) = units.iter().zip(titles).find_map(|(u, &t)| t.filter(|_| u.run == r)) else { continue };
            let t = self.find(t);
            if t == m || self.segs[t].continued.is_some() {
                continue;
            }
            self.segs[t].continued = self.segs[m].continued.take();
        }
    }

    /// Does segment `s` end, so far, with a line that finishes a sentence?
    fn ends_sentence(&self, lines: &[Line], s: usize) -> bool {
        match self.segs[s].parts.last() {
            Some(BodyPart::Line(p)) => is_sentence_end(&lines[*p].text),
            _ => false,
        }
    }

    /// The current body texts, indexed for scoring (merged segments are empty).
    pub(crate) fn bodies(&self, lines: &[Line]) -> Bodies {
        Bodies::from_texts(self.body_texts(lines))
    }

    /// [`Builder::bodies`] again after bodies were joined or split: the
    /// terms of the bodies that did not change are taken from `old`.
    pub(crate) fn rebodies(&self, lines: &[Line], old: Bodies) -> Bodies {
        Bodies::reindex(self.body_texts(lines), old)
    }

    fn body_texts(&self, lines: &[Line]) -> Vec<String> {
        self.segs.iter().map(|s| if s.into.is_some() { String::new() } else { s.text(lines) }).collect()
    }

    /// Votes on the page's orientation from runs standing between two
    /// bodies: (after, before), a run naming the body before it better
    /// voting for after, one naming the body after it better for before
    /// ([`Orientation::from_votes`] decides the side).
    pub(crate) fn orientation_votes(&self, lines: &[Line], bodies: &Bodies) -> (f32, f32) {
        let (mut after, mut before) = (0.0f32, 0.0f32);
        for r in &self.runs {
            let text: String = r.lines.iter().map(|&i| lines[i].text.as_str()).collect();
            // (The run's terms read once for both sides.)
            let ts = assign::term_set(&text);
            let sp = r.prev.map_or(0.0, |p| bodies.score_terms(&ts, self.find(p)));
            let sn = r.next.map_or(0.0, |n| bodies.score_terms(&ts, self.find(n)));
            if sp > sn + 0.1 {
                after += 1.0;
            } else if sn > sp + 0.1 {
                // Weigh a run heading a bylined body fully; others half.
                before += if r.next.is_some_and(|n| self.segs[n].hard) { 1.0 } else { 0.5 };
            }
        }
        (after, before)
    }

    /// Moves segment `from`'s text to the end of segment `to`.
    pub(crate) fn merge(&mut self, from: usize, to: usize) {
        let mut moved = std::mem::take(&mut self.segs[from]);
        let seg = &mut self.segs[to];
        let offset = seg.parts.len();
        seg.parts.append(&mut moved.parts);
        seg.trail.append(&mut moved.trail);
        seg.trail_at.extend(moved.trail_at.iter().map(|&at| at + offset));
        seg.captions.append(&mut moved.captions);
        self.segs[from].into = Some(to);
        self.segs[from].first_line = usize::MAX;
    }

    /// The segment that now holds segment `s`'s text.
    pub(crate) fn find(&self, mut s: usize) -> usize {
        while let Some(t) = self.segs[s].into {
            s = t;
        }
        s
    }
}

/// Does a body line end with a photo credit after a finished sentence
/// (`…踏雪赏景。 记者 李四 摄`, `…若隐若现。（新华社发 吴勇 摄）`)?
pub(crate) fn closes_with_credit(text: &str) -> bool {
    lines::credit_start(text).is_some_and(|at| at > 0 && is_sentence_end(text[..at].trim_end()))
}

/// The text of body parts, in pieces.
pub(crate) fn parts_text<'a>(parts: &'a [BodyPart], lines: &'a [Line]) -> impl Iterator<Item = &'a str> + Clone + 'a {
    parts.iter().map(move |p| match p {
        BodyPart::Line(i) => lines[*i].text.as_str(),
        BodyPart::Own(t) => t.as_str(),
    })
}
