//! Pieces → segments: one per article body, with the headline runs and
//! captions standing between them, and the page's orientation (do
//! headlines follow or precede their bodies?).
//!
//! An item starts at an opening byline or a headline run, and also where the
//! text says so without a byline: a caption after a finished sentence closes
//! a photo item when the text after it (a paragraph or more) shares no word
//! of its own with the item or the caption; a body opening like a news item
//! (`近日，`, `3月5日，`) where the column width changes starts a new one; and a
//! photo item printed straight after another item's text — a short last
//! paragraph (a sentence or two) over a caption that ends the body, neither
//! of them sharing more than a fifth of their words with the text before —
//! stands as an item of its own and keeps its caption. These breaks are read
//! off a first segmentation of the page and decided together (`Breaks`),
//! then the page is segmented again with them.

use super::article::caption_text;
use super::assign::Bodies;
use super::heads;
use super::lines::{Line, is_date_line, is_sentence_end};
use super::meta;
use super::paragraphs::BodyPart;
use super::pieces::Piece;

/// The text of one article as it is being collected.
#[derive(Debug, Default, Clone)]
pub(crate) struct Segment {
    pub(crate) byline: Option<String>,
    pub(crate) continued: Option<String>,
    pub(crate) trail: Vec<String>,
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
        self.pieces(lines).collect()
    }

    /// The segment's text in pieces (its lines and parts of its own).
    pub(crate) fn pieces<'a>(&'a self, lines: &'a [Line]) -> impl Iterator<Item = &'a str> + 'a {
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
}

/// A caption and where it stood.
#[derive(Debug, Clone)]
pub(crate) struct Caption {
    pub(crate) text: String,
    pub(crate) prev: Option<usize>,
    pub(crate) next: Option<usize>,
}

/// Where items end and start inside what would otherwise run on as one
/// body, decided from the whole page's first segmentation (see
/// [`Builder::breaks`]).
#[derive(Debug, Default)]
pub(crate) struct Breaks {
    /// Caption pieces that close the item before them.
    pub(crate) closing: rustc_hash::FxHashSet<usize>,
    /// Body lines that open an item of their own (a photo item's text).
    pub(crate) opening: rustc_hash::FxHashSet<usize>,
}

impl Breaks {
    /// No break found: segmenting again would change nothing.
    pub(crate) fn is_empty(&self) -> bool {
        self.closing.is_empty() && self.opening.is_empty()
    }
}

/// The most characters a photo item's text (the paragraph over its
/// caption) holds: a sentence or two.
const PHOTO_TEXT_MAX: usize = 120;

/// The least text an item must keep before a photo item is cut off it
/// (against a shorter text, a paragraph going on with its subject shares
/// too few words with it to tell).
const PHOTO_BEFORE_MIN: usize = 200;

/// A paragraph sharing more than this share of its words with the text
/// before it goes on with that text's subject: it is no photo item.
const PHOTO_SHARED_MAX: f32 = 0.2;

/// Which side of its body a page prints headlines on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Orientation {
    After,
    Before,
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
}

impl Builder {
    /// Pieces → segments, runs and captions; the captions at the pieces in
    /// `breaks.closing` close the item before them, the body lines in
    /// `breaks.opening` open one.
    pub(crate) fn segment(&mut self, lines: &[Line], pieces: &[Piece], breaks: &Breaks, fragments: &mut Vec<String>) {
        let closing = &breaks.closing;
        let mut cur: Option<usize> = None;
        let mut split = true; // the next body line starts a new segment
        let mut waiting_runs: Vec<usize> = Vec::new();
        let mut waiting_caps: Vec<usize> = Vec::new();
        // The photo item being read, until its caption.
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
                    let s = match cur {
                        Some(s) if !split && !breaks.opening.contains(i) && !self.opens_new_item(lines, s, *i) => s,
                        _ => {
                            self.segs.push(Segment::default());
                            let s = self.segs.len() - 1;
                            photo = breaks.opening.contains(i).then_some(s);
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
                }
                Piece::Heads(run) => {
                    let prev = cur.filter(|&s| self.segs[s].has_text(lines));
                    self.runs.push(Run { lines: run.clone(), prev, next: None, absorbed: false });
                    waiting_runs.push(self.runs.len() - 1);
                    split = true;
                }
                Piece::Caption(ls) => {
                    let text = caption_text(ls.iter().map(|&i| lines[i].text.as_str()));
                    // A photo item's caption is its own and closes it.
                    if let Some(s) = photo.take().filter(|&s| cur == Some(s) && !split) {
                        self.segs[s].captions.push(text);
                        split = true;
                        continue;
                    }
                    self.captions.push(Caption { text, prev: cur, next: None });
                    // A caption after a finished sentence may close a photo
                    // item ([`Builder::closing_captions`] decides).
                    if closing.contains(&pi) {
                        split = true;
                        continue;
                    }
                    if let Some(s) = cur.filter(|&s| !split && self.ends_sentence(lines, s)) {
                        self.caption_breaks.push((s, self.segs[s].parts.len(), pi));
                    }
                    waiting_caps.push(self.captions.len() - 1);
                }
                Piece::Credit(i) => match cur {
                    Some(s) if !split => self.segs[s].captions.push(lines[*i].text.clone()),
                    _ => {
                        self.captions.push(Caption { text: lines[*i].text.clone(), prev: cur, next: None });
                        waiting_caps.push(self.captions.len() - 1);
                    }
                },
                Piece::Cartoon(i) => {
                    self.cartoons.push(*i);
                    split = true;
                }
                Piece::Trail(t) => match cur {
                    Some(s) => self.segs[s].trail.push(t.clone()),
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

    /// Where items end and start inside the bodies of this (first)
    /// segmentation: the captions that close an item
    /// ([`Builder::closing_captions`]) and the photo items' texts that open
    /// one ([`Builder::photo_openers`]).
    pub(crate) fn breaks(&self, lines: &[Line], pieces: &[Piece]) -> Breaks {
        let closing = self.closing_captions(lines, pieces);
        let opening = self.photo_openers(lines, pieces, &closing);
        Breaks { closing, opening }
    }

    /// The first lines of photo items printed straight after another item's
    /// text: a photo item is a paragraph of a sentence or two, then its
    /// caption, and nothing more, so a short last paragraph over a caption
    /// that ends the body (the body stops there, or the caption closes it)
    /// is an item of its own when neither it nor the caption goes on with
    /// the subject of the text before it (few of their words are found
    /// there).
    fn photo_openers(
        &self,
        lines: &[Line],
        pieces: &[Piece],
        closing: &rustc_hash::FxHashSet<usize>,
    ) -> rustc_hash::FxHashSet<usize> {
        let mut out = rustc_hash::FxHashSet::default();
        for &(s, k, piece) in &self.caption_breaks {
            let parts = &self.segs[s].parts;
            if k == 0 || (k < parts.len() && !closing.contains(&piece)) {
                continue;
            }
            // The last paragraph before the caption: from the line after the
            // last one that ends a sentence (or a notice's date), that line set in when the body
            // sets in its paragraphs' first lines.
            let indents = parts[..k].iter().filter(|p| matches!(p, BodyPart::Line(i) if lines[*i].indented)).count();
            let Some(j) = (1..k).rev().find(|&j| match (&parts[j - 1], &parts[j]) {
                (BodyPart::Line(p), BodyPart::Line(q)) => {
                    let closed = is_sentence_end(&lines[*p].text) || is_date_line(&lines[*p].text);
                    closed && (indents < 2 || lines[*q].indented)
                }
                _ => false,
            }) else {
                continue;
            };
            // A photo item's text is sentences (a signatory and date are not).
            if !parts_text(&parts[j..k], lines).any(|t| t.contains(['。', '！', '？'])) {
                continue;
            }
            let BodyPart::Line(first) = parts[j] else { continue };
            let chars = |ps: &[BodyPart]| parts_text(ps, lines).map(|t| t.chars().count()).sum::<usize>();
            if chars(&parts[j..k]) > PHOTO_TEXT_MAX || chars(&parts[..j]) < PHOTO_BEFORE_MIN {
                continue;
            }
            let mut before: Vec<u64> = Vec::new();
            topic_terms(parts_text(&parts[..j], lines).flat_map(str::chars), |g| before.push(g));
            before.sort_unstable();
            before.dedup();
            let shared = |text: &mut dyn Iterator<Item = char>| {
                let (mut all, mut found) = (0usize, 0usize);
                topic_terms(text, |g| {
                    all += 1;
                    found += usize::from(before.binary_search(&g).is_ok());
                });
                if all == 0 { 1.0 } else { found as f32 / all as f32 }
            };
            let text_shared = shared(&mut parts_text(&parts[j..k], lines).flat_map(str::chars));
            let caption_shared = match pieces.get(piece) {
                Some(Piece::Caption(ls)) => shared(&mut ls.iter().flat_map(|&i| lines[i].text.chars())),
                _ => 1.0,
            };
            if text_shared <= PHOTO_SHARED_MAX && caption_shared <= PHOTO_SHARED_MAX {
                out.insert(first);
            }
        }
        out
    }

    /// The captions (their pieces) that close a photo item: a caption
    /// after a finished sentence does when the text after it turns to
    /// another subject, i.e. shares no word (Han bigram, numbers aside)
    /// found nowhere else on the page with the text or the caption before
    /// it. The caption stays with the item it closes.
    fn closing_captions(&self, lines: &[Line], pieces: &[Piece]) -> rustc_hash::FxHashSet<usize> {
        let mut out = rustc_hash::FxHashSet::default();
        if self.caption_breaks.is_empty() {
            return out;
        }
        // Every body's terms, each body's once, sorted: a term's count
        // there is the number of bodies holding it.
        let mut df: Vec<u64> = Vec::new();
        let mut one: Vec<u64> = Vec::new();
        for seg in &self.segs {
            one.clear();
            topic_terms(seg.pieces(lines).flat_map(str::chars), |g| one.push(g));
            one.sort_unstable();
            one.dedup();
            df.extend_from_slice(&one);
        }
        df.sort_unstable();
        let in_one_body = |g: &u64| {
            let at = df.partition_point(|x| x < g);
            df.get(at) == Some(g) && df.get(at + 1) != Some(g)
        };
        for &(s, k, piece) in &self.caption_breaks {
            let parts = &self.segs[s].parts;
            if k == 0 || k >= parts.len() {
                continue;
            }
            let mut before: Vec<u64> = Vec::new();
            topic_terms(parts_text(&parts[..k], lines).flat_map(str::chars), |g| before.push(g));
            if let Some(Piece::Caption(ls)) = pieces.get(piece) {
                topic_terms(ls.iter().flat_map(|&i| lines[i].text.chars()), |g| before.push(g));
            }
            before.sort_unstable();
            // A sentence or two is no item of its own (`王毅参加上述活动。`).
            let lead = || parts_text(&parts[k..], lines).flat_map(str::chars).take(200);
            if lead().count() < 60 {
                continue;
            }
            let mut shared = false;
            topic_terms(lead(), |g| shared |= before.binary_search(&g).is_ok() && in_one_body(&g));
            if !shared {
                out.insert(piece);
            }
        }
        out
    }

    /// Does segment `s` end, so far, with a line that finishes a sentence?
    fn ends_sentence(&self, lines: &[Line], s: usize) -> bool {
        match self.segs[s].parts.last() {
            Some(BodyPart::Line(p)) => is_sentence_end(&lines[*p].text),
            _ => false,
        }
    }

    /// Does body line `i`, after segment `s` has finished a sentence, open
    /// a new item? It opens like one (`近日，`, `3月5日，`) where the column
    /// width changes. (Either alone is common inside an article.)
    fn opens_new_item(&self, lines: &[Line], s: usize, i: usize) -> bool {
        let Some(BodyPart::Line(p)) = self.segs[s].parts.last() else { return false };
        let (p, text) = (*p, lines[i].text.as_str());
        if !is_sentence_end(&lines[p].text) || !meta::opens_with_time(text) {
            return false;
        }
        // The widest of a few lines on each side is the column's width (a
        // paragraph's first and last lines are shorter).
        let text = |l: &&Line| l.role == super::lines::Role::Text && !heads::is_long(l);
        let w = |l: &Line| if l.justified { l.text_width } else { l.width };
        let before: Vec<usize> = lines[..=p].iter().rev().take_while(text).take(4).map(w).collect();
        let after: Vec<usize> = lines[i..].iter().take_while(text).take(4).map(w).collect();
        match (before.iter().max(), after.iter().max()) {
            (Some(&b), Some(&a)) => before.len() >= 2 && after.len() >= 2 && b.abs_diff(a) >= 8,
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

    /// Votes on the page's orientation from runs standing between two bodies.
    pub(crate) fn orientation(&self, lines: &[Line], bodies: &Bodies) -> Orientation {
        let (mut after, mut before) = (0.0f32, 0.0f32);
        for r in &self.runs {
            let text: String = r.lines.iter().map(|&i| lines[i].text.as_str()).collect();
            let sp = r.prev.map_or(0.0, |p| bodies.score(&text, self.find(p)));
            let sn = r.next.map_or(0.0, |n| bodies.score(&text, self.find(n)));
            if sp > sn + 0.1 {
                after += 1.0;
            } else if sn > sp + 0.1 {
                // Weigh a run heading a bylined body fully; others half.
                before += if r.next.is_some_and(|n| self.segs[n].hard) { 1.0 } else { 0.5 };
            }
        }
        if before > after { Orientation::Before } else { Orientation::After }
    }

    /// Moves segment `from`'s text to the end of segment `to`.
    pub(crate) fn merge(&mut self, from: usize, to: usize) {
        let mut moved = std::mem::take(&mut self.segs[from]);
        let seg = &mut self.segs[to];
        seg.parts.append(&mut moved.parts);
        seg.trail.append(&mut moved.trail);
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

/// The text of body parts, in pieces.
pub(crate) fn parts_text<'a>(parts: &'a [BodyPart], lines: &'a [Line]) -> impl Iterator<Item = &'a str> + 'a {
    parts.iter().map(move |p| match p {
        BodyPart::Line(i) => lines[*i].text.as_str(),
        BodyPart::Own(t) => t.as_str(),
    })
}

/// The words of a text (its characters) that say what it is about, each
/// handed to `f`: Han bigrams with no numeral in them (`二十`, `千余` say
/// nothing of the subject).
fn topic_terms(text: impl Iterator<Item = char>, mut f: impl FnMut(u64)) {
    let numeral = |c: char| {
        matches!(
            c,
            '〇' | '一'
                | '二'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
                | '百'
                | '千'
                | '万'
                | '亿'
                | '余'
                | '两'
        )
    };
    let mut prev: Option<char> = None;
    for c in text {
        if super::normalize::is_han(c) && !numeral(c) {
            if let Some(p) = prev {
                f(((p as u64) << 32) | c as u64);
            }
            prev = Some(c);
        } else {
            prev = None;
        }
    }
}
