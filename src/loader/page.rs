//! Assembling a page: lines → pieces (bodies, headline runs, captions, …)
//! → segments (one per article body) → headlines and captions assigned by
//! content → articles.

use super::assign::{self, Bodies};
use super::heads::{self, find_heads, is_long};
use super::lines::{self, Line, Role, is_sentence_end};
use super::meta;
use super::paragraphs::{BodyPart, reflow};
use crate::model::{Article, Kind};
use regex::Regex;
use std::sync::LazyLock;

/// A piece of the page, in print order.
#[derive(Debug, Clone)]
enum Piece {
    /// An opening byline or a continuation mark: a new article starts.
    Start {
        byline: Option<String>,
        continued: Option<String>,
    },
    Body(usize),
    Heads(Vec<usize>),
    Caption(Vec<usize>),
    Credit(usize),
    Cartoon(usize),
    Trail(String),
    Jump(usize),
    Banner(usize),
}

/// The text of one article as it is being collected.
#[derive(Debug, Default, Clone)]
struct Segment {
    byline: Option<String>,
    continued: Option<String>,
    trail: Vec<String>,
    parts: Vec<BodyPart>,
    captions: Vec<String>,
    /// Started by a byline or continuation mark (not merely after a headline).
    hard: bool,
    first_line: usize,
    /// Merged into another segment (which may itself have been merged).
    into: Option<usize>,
}

impl Segment {
    fn lines<'a>(&'a self, lines: &'a [Line]) -> impl Iterator<Item = &'a Line> + 'a {
        self.parts.iter().filter_map(move |p| match p {
            BodyPart::Line(i) => Some(&lines[*i]),
            BodyPart::Own(_) => None,
        })
    }

    fn text(&self, lines: &[Line]) -> String {
        let mut s = String::new();
        for p in &self.parts {
            match p {
                BodyPart::Line(i) => s.push_str(&lines[*i].text),
                BodyPart::Own(t) => s.push_str(t),
            }
        }
        s
    }

    fn has_text(&self, lines: &[Line]) -> bool {
        self.lines(lines).any(|l| !l.text.is_empty()) || self.parts.iter().any(|p| matches!(p, BodyPart::Own(_)))
    }
}

/// A run of headline lines between bodies.
#[derive(Debug, Clone)]
struct Run {
    lines: Vec<usize>,
    prev: Option<usize>,
    next: Option<usize>,
    /// Became subheadings inside a body.
    absorbed: bool,
}

/// A headline: one or more logical lines (a wrapped line joined).
#[derive(Debug, Clone)]
struct Unit {
    run: usize,
    /// Logical lines, in print order.
    texts: Vec<String>,
}

impl Unit {
    fn text(&self) -> String {
        self.texts.concat()
    }
}

/// A caption and where it stood.
#[derive(Debug, Clone)]
struct Caption {
    text: String,
    prev: Option<usize>,
    next: Option<usize>,
}

/// Which side of its body a page prints headlines on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Orientation {
    After,
    Before,
}

/// The result of assembling one page.
pub struct Assembled {
    pub articles: Vec<Article>,
    pub fragments: Vec<String>,
}

/// Builds the articles of a page from its (decoded, cleaned) text.
pub fn assemble(text: &str) -> Assembled {
    let lines = lines::read_lines(text);
    let head = find_heads(&lines);
    let pieces = pieces(&lines, &head);
    let mut fragments = Vec::new();
    let mut b = Builder::default();
    b.segment(&lines, &pieces, &mut fragments);
    let long_page = is_long_page(&lines, &head);
    b.one_per_line = long_page;

    // Orientation: do headlines follow their bodies or precede them?
    let bodies = b.bodies(&lines);
    let orientation = b.orientation(&lines, &bodies);
    let before = b.segs.iter().filter(|s| s.into.is_none()).count();
    match orientation {
        Orientation::Before => b.absorb_subheads(&lines, &bodies),
        Orientation::After => b.join_interrupted(&lines),
    }
    // Re-index only if bodies were merged.
    let bodies = if b.segs.iter().filter(|s| s.into.is_none()).count() == before { bodies } else { b.bodies(&lines) };
    let units = b.units(&lines, &bodies, long_page);
    let (mut titles, mut extra) = b.assign_units(&units, &bodies, orientation);
    if orientation == Orientation::After {
        b.keep_subheads(&units, &mut titles, &mut extra);
    }
    let segs_before = b.segs.len();
    b.split_for_orphans(&lines, &units, &bodies, &mut titles, &extra);
    // A body split in two: captions may belong to either part.
    let bodies = if b.segs.len() == segs_before { bodies } else { b.bodies(&lines) };
    b.assign_captions(&bodies);

    let mut articles: Vec<(usize, Article)> = Vec::new();
    for (si, seg) in b.segs.iter().enumerate() {
        if seg.into.is_some() {
            continue;
        }
        let mut heads: Vec<(usize, &Unit, bool)> = Vec::new();
        for (ui, u) in units.iter().enumerate() {
            if titles[ui] == Some(si) || extra[ui] == Some(si) {
                heads.push((ui, u, titles[ui] == Some(si)));
            }
        }
        if !seg.has_text(&lines) && heads.is_empty() {
            // A byline with nothing after it: page furniture.
            fragments.extend(seg.byline.iter().cloned());
            fragments.extend(seg.trail.iter().cloned());
            fragments.extend(seg.captions.iter().cloned());
            fragments.extend(seg.continued.iter().cloned());
            continue;
        }
        articles.push((seg.first_line, b.article(seg, &heads, &lines, &bodies)));
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
    Assembled { articles: articles.into_iter().map(|(_, a)| a).collect(), fragments }
}

/// Lines → pieces.
fn pieces(lines: &[Line], head: &[bool]) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        match &l.role {
            Role::Byline { byline } => {
                out.push(Piece::Start { byline: Some(byline.clone()), continued: None });
                if !l.text.is_empty() {
                    out.push(Piece::Body(i));
                }
            }
            Role::Continued => out.push(Piece::Start { byline: None, continued: Some(l.text.clone()) }),
            Role::Text if head[i] => match out.last_mut() {
                Some(Piece::Heads(run)) => run.push(i),
                _ => out.push(Piece::Heads(vec![i])),
            },
            Role::Text => out.push(Piece::Body(i)),
            Role::Caption { first } => match out.last_mut() {
                Some(Piece::Caption(c)) if !first => c.push(i),
                _ => out.push(Piece::Caption(vec![i])),
            },
            Role::PhotoCredit => match out.last_mut() {
                Some(Piece::Caption(c)) => c.push(i),
                _ => out.push(Piece::Credit(i)),
            },
            Role::Cartoon => out.push(Piece::Cartoon(i)),
            Role::TrailByline => out.push(Piece::Trail(l.text.clone())),
            Role::Jump => out.push(Piece::Jump(i)),
            Role::Banner => out.push(Piece::Banner(i)),
        }
    }
    // A dateline with no text after it, following a body, closes that body
    // (`新华社北京3月6日电` at the end of a continued article).
    for k in 0..out.len() {
        let followed_by_body = matches!(out.get(k + 1), Some(Piece::Body(_)));
        let after_body = k > 0 && matches!(out[k - 1], Piece::Body(_) | Piece::Trail(_));
        if let Piece::Start { byline: Some(b), continued: None } = &out[k]
            && !followed_by_body
            && after_body
            && !b.starts_with(['□', '■', '◆', '●', '▲', '★'])
        {
            out[k] = Piece::Trail(b.clone());
        }
    }
    out
}

/// True when the page prints one paragraph per line: most body text is in
/// long lines, or nearly every body line ends a sentence (in columns, most
/// lines break mid-sentence).
fn is_long_page(lines: &[Line], head: &[bool]) -> bool {
    let (mut long, mut all, mut ending, mut count) = (0usize, 0usize, 0usize, 0usize);
    for (l, h) in lines.iter().zip(head) {
        if !h && l.role == Role::Text {
            let n = l.text.chars().count();
            all += n;
            count += 1;
            if is_long(l) {
                long += n;
            }
            if is_long(l) || is_sentence_end(&l.text) {
                ending += 1;
            }
        }
    }
    all > 0 && (long * 2 > all || (count >= 3 && ending * 10 >= count * 7))
}

#[derive(Default)]
struct Builder {
    /// The page prints one paragraph per line.
    one_per_line: bool,
    segs: Vec<Segment>,
    runs: Vec<Run>,
    captions: Vec<Caption>,
    cartoons: Vec<usize>,
}

impl Builder {
    /// Pieces → segments, runs and captions.
    fn segment(&mut self, lines: &[Line], pieces: &[Piece], fragments: &mut Vec<String>) {
        let mut cur: Option<usize> = None;
        let mut split = true; // the next body line starts a new segment
        let mut waiting_runs: Vec<usize> = Vec::new();
        let mut waiting_caps: Vec<usize> = Vec::new();
        for piece in pieces {
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
                        Some(s) if !split => s,
                        _ => {
                            self.segs.push(Segment::default());
                            self.segs.len() - 1
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
                    self.captions.push(Caption { text, prev: cur, next: None });
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

    /// The current body texts, indexed for scoring (merged segments are empty).
    fn bodies(&self, lines: &[Line]) -> Bodies {
        let texts: Vec<String> =
            self.segs.iter().map(|s| if s.into.is_some() { String::new() } else { s.text(lines) }).collect();
        Bodies::new(&texts)
    }

    /// Votes on the page's orientation from runs standing between two bodies.
    fn orientation(&self, lines: &[Line], bodies: &Bodies) -> Orientation {
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

    /// Pages with headlines before their bodies: a run followed by a body
    /// with no byline, after another body, is a subheading of that body.
    fn absorb_subheads(&mut self, lines: &[Line], bodies: &Bodies) {
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
                bodies.score_against(&run, &self.segs[p].text(lines)),
                bodies.score_against(&run, &self.segs[n].text(lines)),
            );
            // A notice signed and dated (`2024年9月27日`) has ended.
            let dated = self.segs[p].lines(lines).last().is_some_and(|l| lines::is_date_line(&l.text));
            // (A subheading is short: `做大核桃产业`; a headline names who
            // did what, where: `兴县蔡家崖村红色旅游持续升温`.)
            let headline_like = run.chars().count() >= 10;
            // Outside a feature (`□ 本报记者 …`, whose sections may open with
            // a date), a line over a text that opens like a news item
            // (`近日，…`) is that item's headline.
            let feature = self.segs[p].byline.as_deref().is_some_and(|b| b.starts_with(['□', '■', '◆', '●', '▲', '★']));
            let opens_item = self.segs[n].lines(lines).next().is_some_and(|l| meta::opens_with_time(&l.text));
            if dated
                || meta::is_notice_title(&run)
                || news && headline_like && to_n >= 0.3 && to_n > to_p + 0.2
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

    /// Pages with headlines after their bodies: a body cut mid-sentence by
    /// a run of headlines goes on in the unbylined body after the run.
    fn join_interrupted(&mut self, lines: &[Line]) {
        for r in 0..self.runs.len() {
            let (Some(p), Some(n)) = (self.runs[r].prev, self.runs[r].next) else { continue };
            let (p, n) = (self.find(p), self.find(n));
            if p == n || self.segs[n].hard {
                continue;
            }
            let open = self.segs[p]
                .lines(lines)
                .last()
                .is_some_and(|l| !is_sentence_end(&l.text) && !lines::ends_with_credit(&l.text));
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
    fn keep_subheads(&mut self, units: &[Unit], titles: &mut [Option<usize>], extra: &mut [Option<usize>]) {
        for r in 0..self.runs.len() {
            let (Some(p), Some(n)) = (self.runs[r].prev, self.runs[r].next) else { continue };
            let (p, n) = (self.find(p), self.find(n));
            if p == n || self.segs[n].hard {
                continue;
            }
            let mine: Vec<usize> = (0..units.len()).filter(|&u| units[u].run == r).collect();
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
    fn split_for_orphans(
        &mut self,
        lines: &[Line],
        units: &[Unit],
        bodies: &Bodies,
        titles: &mut [Option<usize>],
        extra: &[Option<usize>],
    ) {
        for u in 0..units.len() {
            if titles[u].is_some() || extra[u].is_some() || self.runs[units[u].run].absorbed {
                continue;
            }
            let orphan = units[u].text();
            let Some((s, score)) = bodies.best(&orphan) else { continue };
            let Some(owner) = (0..units.len()).find(|&o| titles[o] == Some(s)) else { continue };
            if score < 0.3 || self.segs[s].into.is_some() {
                continue;
            }
            let own = units[owner].text();
            let parts = &self.segs[s].parts;
            // Paragraph starts: a line after one that ends a sentence.
            let mut best: Option<(usize, f32, bool)> = None;
            for k in 1..parts.len() {
                let (BodyPart::Line(p), BodyPart::Line(q)) = (&parts[k - 1], &parts[k]) else { continue };
                if !is_sentence_end(&lines[*p].text) || lines[*q].text.is_empty() {
                    continue;
                }
                let before: String = parts[..k]
                    .iter()
                    .filter_map(|x| if let BodyPart::Line(i) = x { Some(lines[*i].text.as_str()) } else { None })
                    .collect();
                let after: String = parts[k..]
                    .iter()
                    .filter_map(|x| if let BodyPart::Line(i) = x { Some(lines[*i].text.as_str()) } else { None })
                    .collect();
                let (ob, oa) = (bodies.score_against(&orphan, &before), bodies.score_against(&orphan, &after));
                let (wb, wa) = (bodies.score_against(&own, &before), bodies.score_against(&own, &after));
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
            } else {
                titles[u] = Some(s);
                titles[owner] = Some(new);
            }
        }
    }

    /// Moves segment `from`'s text to the end of segment `to`.
    fn merge(&mut self, from: usize, to: usize) {
        let mut moved = std::mem::take(&mut self.segs[from]);
        let seg = &mut self.segs[to];
        seg.parts.append(&mut moved.parts);
        seg.trail.append(&mut moved.trail);
        seg.captions.append(&mut moved.captions);
        self.segs[from].into = Some(to);
        self.segs[from].first_line = usize::MAX;
    }

    /// The segment that now holds segment `s`'s text.
    fn find(&self, mut s: usize) -> usize {
        while let Some(t) = self.segs[s].into {
            s = t;
        }
        s
    }

    /// Splits headline runs into units (one headline each, with its
    /// wrapped lines, kicker and subtitle).
    fn units(&self, lines: &[Line], bodies: &Bodies, long_page: bool) -> Vec<Unit> {
        let mut out = Vec::new();
        let texts: Vec<String> =
            self.segs.iter().map(|s| if s.into.is_none() { s.text(lines) } else { String::new() }).collect();
        for (ri, run) in self.runs.iter().enumerate() {
            if run.absorbed {
                continue;
            }
            // Physical lines → logical lines (wrapped headlines joined).
            let mut logical: Vec<String> = Vec::new();
            let mut last_phys: Option<&str> = None;
            for &i in &run.lines {
                let t = lines[i].text.as_str();
                match (logical.last_mut(), last_phys) {
                    // A headline wraps over two or three lines, no more.
                    (Some(cur), Some(prev))
                        if !long_page
                            && cur.chars().count() < 48
                            && wraps(prev, t, cur.as_str() == prev, bodies, &texts) =>
                    {
                        cur.push_str(t)
                    }
                    _ => logical.push(t.to_string()),
                }
                last_phys = Some(t);
            }
            // Logical lines → units.
            let best = |t: &str| bodies.best(t);
            let mut units: Vec<Unit> = Vec::new();
            for (li, t) in logical.iter().enumerate() {
                let joined = match units.last() {
                    // Kicker, headline and subtitles: a handful of lines at most.
                    Some(u) if u.texts.len() >= MAX_UNIT_LINES => false,
                    Some(u) => {
                        let prev = u.texts.last().map(String::as_str).unwrap_or("");
                        let mine = best(t);
                        let unit_best = best(&u.text());
                        // A line that names no body of its own (the tail of a
                        // wrapped headline, a subtitle) goes with the one before,
                        // unless the line after it names another body: then it
                        // heads that line (`小香菇撑起致富伞` / `——交口县…`).
                        let weak = mine.is_none_or(|(_, s)| s < 0.2);
                        let next_elsewhere = logical
                            .get(li + 1)
                            .and_then(|n| best(n))
                            .is_some_and(|(b, s)| s >= 0.3 && unit_best.is_none_or(|(ub, _)| ub != b));
                        let same_body = match (unit_best, mine) {
                            (Some((a, sa)), Some((b, sb))) => a == b && sa >= 0.25 && sb >= 0.25,
                            _ => false,
                        };
                        let subtitle =
                            t.starts_with('—') || SUBTITLE_NAME.is_match(t) || (is_subtitle(t) && !next_elsewhere);
                        subtitle || is_kicker(prev) || same_body || (weak && !long_page && !next_elsewhere)
                    }
                    None => false,
                };
                if joined && let Some(u) = units.last_mut() {
                    u.texts.push(t.clone());
                } else {
                    units.push(Unit { run: ri, texts: vec![t.clone()] });
                }
            }
            out.extend(units);
        }
        out
    }

    /// Assigns units to segments: each segment takes at most one headline
    /// (the best one-to-one assignment for the page); units left over may
    /// stand as kicker or subtitle of a neighbouring unit's segment.
    fn assign_units(
        &self,
        units: &[Unit],
        bodies: &Bodies,
        o: Orientation,
    ) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
        let n = self.segs.len();
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
            let mut row: Vec<(usize, f32)> =
                bodies.scores(&u.text()).into_iter().filter(|(si, _)| self.segs[*si].into.is_none()).collect();
            if let Some(a) = adjacent {
                match row.iter_mut().find(|(si, _)| *si == a) {
                    Some(e) => e.1 += 0.15,
                    None => row.push((a, 0.15)),
                }
            }
            rows.push(row);
        }
        let score = |ui: usize, si: usize| rows[ui].iter().find(|(s, _)| *s == si).map_or(0.0, |x| x.1);
        let mut titles = assign::assign_sparse(&rows, n, 0.2);
        // A headline that shares little with any body (a figurative one) still
        // goes to an untitled body when that body is clearly its best.
        let mut taken: Vec<bool> = vec![false; n];
        for t in titles.iter().flatten() {
            taken[*t] = true;
        }
        for ui in 0..units.len() {
            if titles[ui].is_some() {
                continue;
            }
            let mut ranked: Vec<(usize, f32)> = rows[ui].iter().copied().filter(|&(s, _)| !taken[s]).collect();
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
            if let Some(&(s, best)) = ranked.first()
                && best >= 0.08
                && ranked.get(1).is_none_or(|r| best >= 2.0 * r.1)
                && (0..units.len()).filter(|&o| titles[o].is_none() && o != ui).all(|o| score(o, s) < best)
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
                if nb < units.len()
                    && units[nb].run == units[ui].run
                    && let Some(s) = titles[nb]
                    && score(ui, s) >= 0.15
                {
                    extra[ui] = Some(s);
                    break;
                }
            }
            // A line standing first in a run, right above a headline that
            // heads the body below, is that headline's kicker (引题), even
            // when it shares no words with the body (`聚力乡村振兴 绘就美好画卷`).
            let run = &self.runs[units[ui].run];
            let first_of_run = ui == 0 || units[ui - 1].run != units[ui].run;
            if extra[ui].is_none()
                && first_of_run
                && (o == Orientation::Before || run.prev.is_none())
                && let Some(nb) = ui.checked_add(1).filter(|&nb| nb < units.len() && units[nb].run == units[ui].run)
                && let Some(s) = titles[nb]
                && run.next.map(|x| self.find(x)) == Some(s)
                && units[ui].texts.len() == 1
            {
                extra[ui] = Some(s);
            }
        }
        (titles, extra)
    }

    /// Attaches each caption to the body it describes (by content, with a
    /// preference for its neighbours).
    fn assign_captions(&mut self, bodies: &Bodies) {
        let caps = std::mem::take(&mut self.captions);
        let mut left = Vec::new();
        for c in caps {
            let (prev, next) = (c.prev.map(|p| self.find(p)), c.next.map(|x| self.find(x)));
            let mut cands: Vec<(usize, f32)> =
                bodies.scores(&c.text).into_iter().filter(|(si, _)| self.segs[*si].into.is_none()).collect();
            for near in [prev, next].into_iter().flatten() {
                if !cands.iter().any(|(s, _)| *s == near) {
                    cands.push((near, 0.0));
                }
            }
            for (si, s) in &mut cands {
                if prev == Some(*si) || next == Some(*si) {
                    *s += 0.1;
                }
                if prev == Some(*si) && next == Some(*si) {
                    *s += 0.2;
                }
            }
            let best = cands.into_iter().max_by(|a, b| a.1.total_cmp(&b.1));
            match best {
                Some((si, s)) if s >= 0.15 => self.segs[si].captions.push(c.text),
                _ => match prev.or(next) {
                    Some(si) => self.segs[si].captions.push(c.text),
                    None => left.push(c),
                },
            }
        }
        self.captions = left;
    }

    /// Builds the article of a segment with its headline units (each
    /// flagged when it is the one assigned as the segment's headline).
    fn article(&self, seg: &Segment, heads: &[(usize, &Unit, bool)], lines: &[Line], bodies: &Bodies) -> Article {
        let mut paragraphs = reflow(lines, &seg.parts, self.one_per_line);
        let mut captions = seg.captions.clone();
        extract_photo_captions(&mut paragraphs, &mut captions);
        let mut byline = seg.byline.clone();
        for t in &seg.trail {
            byline = Some(match byline {
                Some(b) if t.starts_with(['（', '(']) => format!("{b}{t}"),
                Some(b) => format!("{b} {t}"),
                None => t.clone(),
            });
        }
        let mut a = Article { byline, paragraphs, captions, line: seg.first_line, ..Article::default() };
        // Headline lines in print order: kicker(s), title, subtitle(s). The
        // title is in the unit assigned to the body: its first line that is
        // no kicker or subtitle by its form; units before it are kickers,
        // units after it subtitles.
        let mut sorted: Vec<&(usize, &Unit, bool)> = heads.iter().collect();
        sorted.sort_by_key(|(ui, _, _)| *ui);
        let mut texts: Vec<String> = Vec::new();
        let mut ti: Option<usize> = None;
        for (_, u, is_title) in sorted {
            if *is_title && ti.is_none() {
                let k = u.texts.iter().position(|t| !is_kicker(t) && !is_subtitle(t)).unwrap_or(0);
                ti = Some(texts.len() + k);
            }
            texts.extend(u.texts.iter().cloned());
        }
        if texts.is_empty() {
            a.title = meta::fallback_title(&a);
            a.title_inferred = true;
        } else {
            let mut ti = ti.unwrap_or_else(|| texts.iter().position(|t| !is_kicker(t) && !is_subtitle(t)).unwrap_or(0));
            // Two lines, the first two clauses set apart by a space and
            // sharing little with the body, the second a plain statement of
            // what the body reports: kicker and title (`聚焦项目建设
            // 跑出发展加速度` / `文水县重点工程复工率超九成`).
            if let Some(next) = texts.get(ti + 1)
                && heads::has_clause_space(&texts[ti])
                && !heads::has_clause_space(next)
                && !is_subtitle(next)
            {
                let body = a.paragraphs.join("");
                let (mine, theirs) = (bodies.score_against(&texts[ti], &body), bodies.score_against(next, &body));
                if theirs >= 0.5 && theirs >= mine + 0.25 {
                    ti += 1;
                }
            }
            let kicker: Vec<String> = texts[..ti].to_vec();
            let subtitle: Vec<String> = texts[ti + 1..].to_vec();
            a.title = texts[ti].clone();
            a.kicker = (!kicker.is_empty()).then(|| kicker.join(" "));
            a.subtitle = (!subtitle.is_empty()).then(|| subtitle.join(" "));
        }
        if let Some(c) = &seg.continued {
            a.kicker = Some(match a.kicker.take() {
                Some(k) => format!("{c} {k}"),
                None => c.clone(),
            });
        }
        a.kind = meta::kind_of(&a, seg.continued.is_some());
        a
    }
}

/// The most logical lines one headline (kicker, title, subtitles) takes.
const MAX_UNIT_LINES: usize = 5;

/// Do two physical headline lines make one wrapped line? In column pages a
/// long headline wraps: the join reads on in the bodies (`…成果同` +
/// `乡村振兴…`), or the lines are of even length with no sign of a
/// subtitle or kicker. `single`: `prev` is not itself the tail of a wrap.
fn wraps(prev: &str, next: &str, single: bool, bodies: &Bodies, texts: &[String]) -> bool {
    if heads::is_place_colon(prev) && !next.starts_with('—') {
        return true;
    }
    if next.starts_with('—') || is_kicker(prev) {
        return false;
    }
    let pc: Vec<char> = prev.chars().collect();
    let nc: Vec<char> = next.chars().collect();
    if pc.len() < 2 || nc.is_empty() {
        return false;
    }
    if prev.ends_with([
        '同', '和', '与', '及', '的', '暨', '在', '对', '把', '为', '向', '从', '“', '《', '（', '、', '，', '—',
    ]) || next.starts_with(['暨', '及', '之', '、', '”', '》', '）'])
    {
        return true;
    }
    let seam: String = pc[pc.len() - 2..].iter().chain(nc.iter().take(2)).collect();
    let (bp, bn) = (bodies.best(prev), bodies.best(next));
    let in_body = |b: Option<(usize, f32)>| b.and_then(|(i, _)| texts.get(i)).is_some_and(|t| t.contains(&seam));
    if nc.len() >= 2 && (in_body(bp) || in_body(bn)) {
        return true;
    }
    // Two lines that each name a different body are two headlines.
    if let (Some((a, sa)), Some((b, sb))) = (bp, bn)
        && a != b
        && sa >= 0.3
        && sb >= 0.3
    {
        return false;
    }
    let (a, b) = (pc.len() as i64, nc.len() as i64);
    let spaced = next.contains(' ') || prev.contains(' ');

    // A short headline wrapped once onto a shorter line (`中阳县万名干群` +
    // `植树造林忙`): a tail this short is no subtitle unless it reads like
    // one (`——…`, `张三出席`).
    if single && (4..=12).contains(&a) && b <= 6 && b <= a && !spaced && !SUBTITLE_NAME.is_match(next) {
        return true;
    }
    a >= 8 && (a - b).abs() <= 2 && !spaced
}

static SUBTITLE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}〇]{2,4}(?:出席|主持|讲话|参加|致辞|调研|部署|宣讲|作报告|带队|一行|陪同|督导|检查|慰问|看望|视察|考察)(?:\s.*)?$").expect("valid regex")
});

/// A subtitle (副题): `——柳林县…综述`, or a short `张利锋出席`.
fn is_subtitle(t: &str) -> bool {
    t.starts_with('—') || t.starts_with("--") || SUBTITLE_NAME.is_match(t) || t.chars().count() <= 6
}

/// A kicker (引题): `孙大军在…调研座谈时强调`, `学习贯彻…精神`.
fn is_kicker(t: &str) -> bool {
    t.ends_with("强调")
        || t.ends_with("指出")
        || t.ends_with("表示")
        || t.ends_with("时说")
        || t.ends_with('：')
        || t.ends_with(':')
        || t.ends_with("精神")
}

/// Joins the lines of a caption, with one space before its credit.
fn caption_text<'a>(ls: impl Iterator<Item = &'a str>) -> String {
    let mut s = String::new();
    for t in ls {
        if t == "摄" {
            // A credit's last character wrapped onto its own line.
            s.push(' ');
        }
        s.push_str(t);
    }
    match lines::credit_start(&s) {
        Some(p) if p > 0 => format!("{} {}", s[..p].trim_end(), s[p..].trim_start()),
        _ => s,
    }
}

static PHOTO_IN_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[。！？”])(图为[^。！？]{2,120}[。！？]?)\s*$").expect("valid regex"));

/// A paragraph that ends with a photo credit (`…图为工程建设已具雏形。 侯利军 摄`)
/// carries its caption inline: the `图为…` sentence and the credit move to
/// the captions.
fn extract_photo_captions(paragraphs: &mut Vec<String>, captions: &mut Vec<String>) {
    let Some(last) = paragraphs.last() else { return };
    let Some(cs) = lines::credit_start(last) else { return };
    let (text, credit) = last.split_at(cs);
    let text = text.trim_end();
    let (keep, caption) = match PHOTO_IN_TEXT.captures(text).and_then(|c| c.get(1)) {
        Some(m) => (text[..m.start()].to_string(), format!("{} {}", m.as_str(), credit.trim())),
        None => (text.to_string(), credit.trim().to_string()),
    };
    let n = paragraphs.len();
    if keep.trim().is_empty() {
        paragraphs.truncate(n - 1);
    } else {
        paragraphs[n - 1] = keep;
    }
    captions.insert(0, caption);
}

static CARTOON_SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.*?)\s+((?:\S{1,12}发\s+)?[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}〇·]{2,5}\s*(?:作|绘|画))$").expect("valid regex")
});

static CARTOON_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.+?)\s*((?:新华社|中新社|人民日报|人民网|新华网|中国日报|工人日报|法治日报)发\s+[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}〇·]{2,5}\s*(?:作|绘|画))$").expect("valid regex")
});

/// `“低价”的背后 新华社发 徐骏 作` → (title, credit). A known agency's
/// credit splits off even where the space before it was lost
/// (`“吃饭”新华社发 商海春 作`).
fn split_cartoon(t: &str) -> (String, String) {
    if let Some(c) = CARTOON_AGENCY.captures(t) {
        return (c[1].trim().to_string(), c[2].trim().to_string());
    }
    match CARTOON_SPLIT.captures(t) {
        Some(c) => (c[1].trim().to_string(), c[2].trim().to_string()),
        None => (String::new(), t.to_string()),
    }
}

/// A line-by-line account of how the loader read a page (for
/// `lvread dump --explain`): line number, role, estimated width and column.
pub fn explain(text: &str) -> String {
    let lines = lines::read_lines(text);
    let head = find_heads(&lines);
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        let role = match &l.role {
            Role::Text if head[i] => "HEAD".to_string(),
            Role::Text => "body".to_string(),
            Role::Byline { byline } => format!("BYLINE[{byline}]"),
            r => format!("{r:?}").to_uppercase(),
        };
        out.push_str(&format!(
            "{:>5} {:<12} w{:<3} col{:<3}{} {}\n",
            l.no,
            role,
            l.width,
            heads::column_width(&lines, i),
            if l.justified { "J" } else { " " },
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
