//! Headline runs → units: one headline each, with its wrapped lines,
//! kicker and subtitles.
//!
//! Two headline lines are one wrapped line on evidence from the text, not
//! their lengths: a bracket or quotation left open (`【江河奔腾看中` / `国】…`),
//! a word cut at the seam (the bigram across it is printed in the bodies near
//! the run: `…优` / `化营商环境…`), or both lines naming what one body reports
//! — a kicker (a column slogan) names little of it, and a line less than
//! half as long as the one under it naming the body clearly less than that
//! one is a kicker even where the body echoes it. A line opening with a
//! label `【…】`, a dash or a name and `出席`/`主持会议并讲话` is not a
//! continuation, nor is a line of two clauses set apart by a space next to a
//! plain one (a kicker over its title, a subtitle under it) unless the break
//! cuts a clause much shorter than the others on its line
//! (`服务业加快恢复 拉动` / `经济动能增强`); a label alone on its line
//! (`【新思想引领新征程】`) always goes with the title under it, and a short
//! plain line over a labelled title (`乡村振兴进行时` / `【记者手记】…`) is
//! that title's kicker, in its unit (the label frames the title: the line
//! over it heads no body of its own). A one- or
//! two-character tail is joined. The page's orientation (headlines after or
//! before their bodies) is voted from the runs standing between two bodies.
//! A headline's tail read as its body's first line is given back to the run
//! first (`Builder::take_title_tails`).

use super::assign::{self, Bodies};
use super::heads;
use super::joins;
use super::lines::{self, Line, Role};
use super::normalize::is_han;
use super::paragraphs::BodyPart;
use super::params::{Cut, Params};
use super::segments::{Builder, Orientation};
use regex::Regex;
use std::sync::LazyLock;

/// A headline: one or more logical lines (a wrapped line joined).
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub(crate) run: usize,
    /// Logical lines, in print order.
    pub(crate) texts: Vec<String>,
    /// Printed right under the unit before it in its run, both naming one
    /// body that holds both their articles ([`Builder::two_heads`]): this
    /// one heads an article of its own, not the other's subtitle.
    pub(crate) stacked: bool,
    /// Its first line would have been read as the tail of the line before
    /// (a wrapped headline) but for [`Builder::two_heads`].
    pub(crate) cut: bool,
    /// Stacked ([`Unit::stacked`]) over a body whose two parts share
    /// next to none of the other headline's words ([`joins::Turn::cross`]):
    /// the unit before is a headline of its own, never this one's kicker.
    pub(crate) apart: bool,
}

impl Unit {
    pub(crate) fn text(&self) -> String {
        self.texts.concat()
    }
}

/// Per segment, its body's terms as [`joins::part_terms`] reads them.
pub(crate) type BodyTerms = std::cell::RefCell<rustc_hash::FxHashMap<usize, Vec<(u64, u32)>>>;

impl Builder {
    /// Splits headline runs into units (one headline each, with its
    /// wrapped lines, kicker and subtitle). `bodies` indexes the
    /// current segments ([`Builder::bodies`]).
    pub(crate) fn units(&self, lines: &[Line], bodies: &Bodies, long_page: bool) -> Vec<Unit> {
        let mut out = Vec::new();
        // The bodies' terms as [`Builder::two_heads`] reads them, per
        // segment (the segments do not change here).
        let read = BodyTerms::default();
        for (ri, run) in self.runs.iter().enumerate() {
            if run.absorbed {
                continue;
            }
            // Only bodies near the run can be its headlines'.
            let near = assign::window(run.prev.map(|p| self.find(p)), run.next.map(|x| self.find(x)));
            // Physical lines → logical lines (wrapped headlines joined).
            // Two lines naming one body that turns from the subject of one
            // to the other's are two headlines over it.
            let turn = |a: &str, b: &str| self.two_heads(a, b, lines, bodies, near.clone(), &read);
            let two = |a: &str, b: &str| turn(a, b).is_some();
            // Whether `two` kept the line read last from joining the one before.
            let cut = std::cell::Cell::new(false);
            let two_cut = |a: &str, b: &str| {
                let r = two(a, b);
                cut.set(r);
                r
            };
            // Logical lines, each with whether it is one cut from the line
            // before by `two` alone.
            let mut logical: Vec<String> = Vec::new();
            let mut cuts: Vec<bool> = Vec::new();
            let mut last_phys: Option<&str> = None;
            let mut last_width = 0;
            // The width of the body column under the run, read from its
            // first plain line (a byline's line holds less than the column
            // does), 0 where none is under it.
            let column = run
                .lines
                .last()
                .and_then(|&l| (l + 1..lines.len()).take(3).find(|&k| lines[k].role == Role::Text))
                .map_or(0, |k| heads::column_width(lines, k));
            let p = &self.params;
            let apart_names = p.cut(Cut::ApartNames);
            // Seams inside a headline wrapped line after line at one width.
            let filled = filled_seams(
                &run.lines,
                lines,
                self.params.count(Cut::MinFilledWidth),
                &|prev: &str, next: &str| cut_in_headline(prev, next, bodies, near.clone()),
                &|before: &str, next: &str| match (
                    bodies.best_in(before, near.clone()),
                    bodies.best_in(next, near.clone()),
                ) {
                    (Some((a, sa)), Some((b, sb))) => a != b && sa >= apart_names && sb >= apart_names,
                    _ => false,
                },
            );
            // A subtitle naming who chaired or spoke broken over two lines
            // (`孙浩超主持会` / `议并讲话`): a line that is no such subtitle
            // alone but is one with the line under it starts a logical line
            // of its own, and the line under it goes on with it.
            let cut_subtitle = |k: usize| {
                let t = lines[run.lines[k]].text.as_str();
                SUBTITLE_NAME_HEAD.is_match(t)
                    && run.lines.get(k + 1).is_some_and(|&j| SUBTITLE_NAME.is_match(&format!("{t}{}", lines[j].text)))
            };
            let mut open_subtitle = false;
            for (k, &i) in run.lines.iter().enumerate() {
                let t = lines[i].text.as_str();
                cut.set(false);
                let opened = std::mem::replace(&mut open_subtitle, !long_page && cut_subtitle(k));
                match (logical.last_mut(), last_phys) {
                    (Some(cur), Some(_)) if opened => cur.push_str(t),
                    (Some(_), Some(_)) if open_subtitle => {
                        logical.push(t.to_string());
                        cuts.push(false);
                    }
                    (Some(cur), Some(_)) if !long_page && k > 0 && filled[k - 1] == Some(true) => cur.push_str(t),
                    (Some(_), Some(_)) if !long_page && k > 0 && filled[k - 1] == Some(false) => {
                        logical.push(t.to_string());
                        cuts.push(false);
                    }
                    // A headline wraps over two or three lines, no more.
                    (Some(cur), Some(prev))
                        if !long_page
                            && (cur.chars().count() < p.count(Cut::MaxWrappedChars)
                                // Whether two headlines meet here is read
                                // on the whole headline so far, not its last
                                // wrapped line alone (`…总书记参加` / `广西代
                                // 表团讨论引发热烈反响` / `习近平同乌干达…`).
                                && wraps(
                                    prev,
                                    t,
                                    [last_width, lines[i].width, column],
                                    bodies,
                                    near.clone(),
                                    p,
                                    &|_: &str, n: &str| two_cut(cur.as_str(), n),
                                )
                                || word_across_seam(prev, t, bodies, near.clone())) =>
                    {
                        cur.push_str(t)
                    }
                    _ => {
                        logical.push(t.to_string());
                        cuts.push(cut.get());
                    }
                }
                last_phys = Some(t);
                last_width = lines[i].width;
            }
            // Logical lines → units. (A logical line is a whole headline,
            // or none, if it ends on a word that reads on.)
            let whole = |t: &str| !t.trim_end().ends_with(READS_ON);
            let best = |t: &str| bodies.best_in(t, near.clone());
            // Each logical line's best body, found once.
            let line_best: Vec<Option<(usize, f32)>> = logical.iter().map(|t| best(t)).collect();
            let mut units: Vec<Unit> = Vec::new();
            for (li, t) in logical.iter().enumerate() {
                let joined = match units.last() {
                    // Kicker, headline and subtitles: a handful of lines at most.
                    Some(u) if u.texts.len() >= MAX_UNIT_LINES => false,
                    Some(u) => {
                        let prev = u.texts.last().map(String::as_str).unwrap_or("");
                        let mine = line_best[li];
                        // A kicker joined over a labelled title
                        // ([`kicker_over_label`]) names no body for the
                        // lines under the title: they are read against the
                        // title as if it stood alone.
                        let head = match u.texts.as_slice() {
                            [k, title, ..] if kicker_over_label(k, title, self.params.max_kicker_chars) => {
                                u.texts[1..].concat()
                            }
                            _ => u.text(),
                        };
                        let unit_best = best(&head);
                        // A line that names no body of its own (the tail of a
                        // wrapped headline, a subtitle) goes with the one before,
                        // unless the line after it names another body: then it
                        // heads that line (`小香菇撑起致富伞` / `——交口县…`).
                        let weak = mine.is_none_or(|(_, s)| s < p.cut(Cut::WeakLine));
                        let next_elsewhere = line_best.get(li + 1).copied().flatten().is_some_and(|(b, s)| {
                            s >= p.cut(Cut::NextElsewhere) && unit_best.is_none_or(|(ub, _)| ub != b)
                        });
                        let same_body = match (unit_best, mine) {
                            (Some((a, sa)), Some((b, sb))) => {
                                a == b && sa >= p.cut(Cut::SameBody) && sb >= p.cut(Cut::SameBody)
                            }
                            _ => false,
                        };
                        let subtitle =
                            t.starts_with('—') || SUBTITLE_NAME.is_match(t) || (is_subtitle(t) && !next_elsewhere);
                        // Two lines naming two bodies are two headlines.
                        let apart = match (unit_best, mine) {
                            (Some((a, sa)), Some((b, sb))) => {
                                a != b && sa >= p.cut(Cut::UnitsApart) && sb >= p.cut(Cut::UnitsApart)
                            }
                            _ => false,
                        };
                        subtitle
                            || is_kicker(prev)
                            || u.texts.len() == 1 && kicker_over_label(prev, t, self.params.max_kicker_chars) && !apart
                            || (same_body || weak && !long_page && !next_elsewhere) && !(whole(t) && two(&head, t))
                    }
                    None => false,
                };
                if joined && let Some(u) = units.last_mut() {
                    // A line cut from the one before by `two` alone, which
                    // the whole headline before it does not confirm, is the
                    // tail of that line again.
                    match u.texts.last_mut() {
                        Some(last) if cuts[li] => last.push_str(t),
                        _ => u.texts.push(t.clone()),
                    }
                } else {
                    let turn = if whole(t) { units.last().and_then(|u| turn(&u.text(), t)) } else { None };
                    let apart = turn.is_some_and(|tn| tn.cross < p.cut(Cut::ApartCross));
                    units.push(Unit { run: ri, texts: vec![t.clone()], stacked: turn.is_some(), cut: cuts[li], apart });
                }
            }
            out.extend(units);
        }
        out
    }
}

impl Builder {
    /// Are `first` and `second`, two headline lines one after the other
    /// that both name what one body reports, two headlines over a body
    /// holding both their articles (printed one after the other with no
    /// byline or headline between them)? They are when the body turns from
    /// the subject of one to the other's ([`joins::turn_between`]): the
    /// turn is returned.
    pub(crate) fn two_heads(
        &self,
        first: &str,
        second: &str,
        lines: &[Line],
        bodies: &Bodies,
        near: std::ops::Range<usize>,
        read: &BodyTerms,
    ) -> Option<joins::Turn> {
        // A headline is a whole phrase: the first does not end on a word
        // that reads on (`…联合制作的`).
        if first.trim_end().ends_with(READS_ON) {
            return None;
        }
        let (s, _) = bodies.best_in(&concat(first, second), near)?;
        let seg = &self.segs[s];
        if seg.into.is_some() {
            return None;
        }
        // (The index may tell already that a headline finds too few of its
        // words in the body: then the body is not read.)
        if joins::no_turn_by_index(&seg.parts, lines, bodies, s, (first, second), &self.params) {
            return None;
        }
        // (A body is looked at for many pairs of lines: read once.)
        let mut read = read.borrow_mut();
        let terms = read.entry(s).or_insert_with(|| joins::part_terms(&seg.parts, lines));
        joins::turn_between_read(
            &seg.parts,
            lines,
            bodies,
            (first, second),
            joins::TurnKind::Stacked,
            &self.params,
            Some(terms),
        )
    }
}

impl Builder {
    /// Joins again each headline stacked under the one before it
    /// ([`Unit::stacked`]) when no second article was found for it: the two
    /// head the same body, or one of them heads none. They were one
    /// headline (a title of two clauses printed over two lines) or a title
    /// and its subtitle, as read before [`Builder::two_heads`] set them
    /// apart. `titles` and `extra` are each unit's body as title and as
    /// kicker or subtitle ([`Builder::assign_units`]).
    pub(crate) fn rejoin_stacked(
        units: &mut Vec<Unit>,
        titles: &mut Vec<Option<usize>>,
        extra: &mut Vec<Option<usize>>,
    ) {
        for ui in (1..units.len()).rev() {
            if !units[ui].stacked || units[ui - 1].run != units[ui].run {
                continue;
            }
            let (a, b) = (titles[ui - 1].or(extra[ui - 1]), titles[ui].or(extra[ui]));
            if a.is_some() && b.is_some() && a != b {
                continue;
            }
            let u = units.remove(ui);
            let prev = &mut units[ui - 1];
            let mut texts = u.texts.into_iter();
            if u.cut
                && let (Some(last), Some(first)) = (prev.texts.last_mut(), texts.next())
            {
                last.push_str(&first);
            }
            prev.texts.extend(texts);
            let (t, e) = (titles.remove(ui), extra.remove(ui));
            titles[ui - 1] = titles[ui - 1].or(t);
            extra[ui - 1] = if titles[ui - 1].is_some() { None } else { extra[ui - 1].or(e) };
        }
    }

    /// Gives each headline run back the tail of its last line that was
    /// read as the first line of the body after it (`吕梁市自然资源局关于公开招`
    /// / `聘社区工作者的公告`, `中共中央印发《中` / `国共产党纪律处分条例》`): a
    /// line right under the run (blank lines apart), opening the body, shaped
    /// like no sentence (no clause or sentence mark), no wider than the
    /// headline line over it unless the body prints a word of three
    /// characters across the seam ([`word_across`]), where the headline line
    /// stops in the middle of something ([`cut_at_seam`]) or the extractor
    /// prints the line in the headline's block ([`tail_in_head_block`]).
    /// Returns whether a body changed (its text must then be read again).
    pub(crate) fn take_title_tails(&mut self, lines: &[Line], long_page: bool, orientation: Orientation) -> bool {
        if long_page {
            return false;
        }
        let mut changed = false;
        for r in 0..self.runs.len() {
            // (A headline wrapped over several lines can leave several of
            // them to its body: they go back one by one.)
            while self.runs[r].lines.len() < MAX_UNIT_LINES && self.take_title_tail(lines, r, orientation) {
                changed = true;
            }
        }
        changed
    }

    /// [`Builder::take_title_tails`] for run `r`: gives it back a line.
    /// Where the lines under the tail are shaped like a headline's and run
    /// on to a paragraph's indented first line, they go back with it; a
    /// tail that reads on into the line under it, or stops in a number,
    /// goes back only so (`俄称在多方向占据更` /
    /// `有利阵地 乌称打击` / `俄防空系统` / `  俄罗斯国防部17日称，…`):
    /// [`rest_of_headline`].
    ///
    /// On a page printing headlines after their bodies (`orientation`), the
    /// headline's own body is the one over it: a word cut at the seam may be
    /// printed there (`拉共体峰会强调一` / `体化 呼吁…`, the body above
    /// printing `一体化`).
    fn take_title_tail(&mut self, lines: &[Line], r: usize, orientation: Orientation) -> bool {
        let run = &self.runs[r];
        let (Some(&last), Some(next)) = (run.lines.last(), run.next) else { return false };
        if run.absorbed {
            return false;
        }
        // The run's widest line: a centred headline's lines are not each
        // narrower than the one over it.
        let widest = run.lines.iter().map(|&i| lines[i].text_width).max().unwrap_or(0);
        let room = MAX_UNIT_LINES - run.lines.len();
        let s = self.find(next);
        let seg = &self.segs[s];
        // The body's first two printed lines (blank lines between
        // them and the headline, as a page with blank lines between
        // all lines prints them, are passed over).
        let printed: Vec<(usize, usize)> = seg
            .parts
            .iter()
            .enumerate()
            .filter_map(|(k, p)| match p {
                &BodyPart::Line(i) if !lines[i].text.is_empty() => Some((k, i)),
                _ => None,
            })
            .collect();
        let (Some(&(k, t)), Some(&(_, after))) = (printed.first(), printed.get(1)) else { return false };
        if t <= last
            || !lines[last + 1..t].iter().all(|l| l.text.is_empty())
            || seg.byline.is_some()
            || seg.continued.is_some()
        {
            return false;
        }
        let (head, tail) = (&lines[last], &lines[t]);
        // A word the rest of the body prints across the seam as three
        // characters (`拉共体峰会强调一` / `体化 呼吁…`, the body printing
        // `一体化`) carries a tail wider than the headline line too: a
        // headline broken by hand is broken anywhere.
        let rest: String = seg.pieces(lines).skip(k + 1).collect();
        // So does a notice's title cut in `关于` (`…委员会关` /
        // `于开展…的公告`), whatever its body prints.
        let own = match (orientation, run.prev) {
            (Orientation::After, Some(p)) => self.segs[self.find(p)].text(lines),
            _ => String::new(),
        };
        let word = word_across(&head.text, &tail.text, &rest)
            || word_across(&head.text, &tail.text, &own)
            || cut_in_guanyu(&head.text, &tail.text);
        // (How many of the body's first lines go back: the tail, or the
        // rest of the headline it opens.)
        let rest_of_head = rest_of_headline(lines, &printed, widest, room);
        // A tail set in (a centred headline's second line, as `-layout`
        // prints it) yet wider than the column of the body under it is no
        // line of that body when the line right under it opens one of its
        // paragraphs.
        let col = heads::column_width(lines, after);
        let set_in_ok = rest_of_head == Some(1) && tail.width > col;
        if !is_headline_tail(head, tail, word || tail.text_width <= widest, set_in_ok) {
            return false;
        }
        // The word cut at the seam is one the rest of the body prints,
        // and the tail stops where a headline stops, not in a word or a
        // number that reads on into the line under it — unless the lines
        // under it are the rest of the headline.
        //
        // Or the tail, set flush and ending no sentence, runs on (alone or
        // with lines under it shaped like a headline's) to a paragraph's
        // indented first line: running text does not stop short of a
        // sentence's end before a new paragraph, a wrapped headline does
        // (`全国某某会议在京召开` / `某某出席并讲话` / `  会议指出，…`).
        //
        // Or the extractor prints the tail in the headline's block of
        // text, a blank line setting it apart from the body under it
        // ([`tail_in_head_block`]).
        let next_line = lines[after].text.as_str();
        if !(word
            || rest_of_head.is_some()
            || cut_at_seam(&head.text, &tail.text, seg.pieces(lines).skip(k + 1))
            || tail_in_head_block(lines, last, &printed))
        {
            return false;
        }
        let take = if tail.text.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '.')
            || cut_at_seam(&tail.text, next_line, seg.pieces(lines).skip(k + 2))
        {
            match rest_of_head {
                Some(n) => n,
                None => return false,
            }
        } else {
            rest_of_head.unwrap_or(1)
        };
        let taken: Vec<usize> = printed[..take].iter().map(|&(_, i)| i).collect();
        let Some(&(_, first)) = printed.get(take) else { return false };
        self.runs[r].lines.extend(taken);
        let seg = &mut self.segs[s];
        for &(k, _) in printed[..take].iter().rev() {
            seg.parts.remove(k);
        }
        seg.first_line = lines[first].no;
        true
    }
}

/// Is the body's first printed line (of `printed`: part index, line) set in
/// the headline's block of text, not the body's? `pdftotext` prints a
/// blank line between blocks, none inside one: a line right under headline
/// line `last` (no blank line between them), with a blank line under it and
/// the body then running on line under line, is the headline's wrapped
/// tail (`【…】为实现` / `高原河湖长治久清建功立业` / blank / `西藏自治区…`),
/// while a body's first line sits in the body's block. Not where the
/// extractor prints a blank line after every body line (the body's lines
/// under it are then set apart alike).
fn tail_in_head_block(lines: &[Line], last: usize, printed: &[(usize, usize)]) -> bool {
    let (Some(&(_, t)), Some(&(_, after)), Some(&(_, under))) = (printed.first(), printed.get(1), printed.get(2))
    else {
        return false;
    };
    t == last + 1
        && after == t + 1
        && lines[t].no == lines[last].no + 1
        && lines[after].no > lines[t].no + 1
        && lines[under].no == lines[after].no + 1
}

/// How many of the first of `printed` (a body's printed lines: part index,
/// line) are the rest of a headline, at most `room` lines of it: each after
/// the first shaped like a headline's wrapped tail ([`is_headline_tail`],
/// no wider than the headline's widest line `widest`), right under the one
/// before it, and then a paragraph's indented first line. `None` when they
/// do not run on to such a line.
fn rest_of_headline(lines: &[Line], printed: &[(usize, usize)], widest: usize, room: usize) -> Option<usize> {
    for (n, w) in printed.windows(2).enumerate() {
        let (prev, cur) = (&lines[w[0].1], &lines[w[1].1]);
        if cur.no != prev.no + 1 {
            return None;
        }
        if cur.indented || sets_in(lines, w[1].1, printed.get(n + 2).map(|p| p.1)) {
            return Some(n + 1);
        }
        if n + 2 > room || !is_headline_tail(prev, cur, cur.text_width <= widest, false) {
            return None;
        }
    }
    None
}

/// Is line `i` set in as a paragraph's first line by its width alone (an
/// extractor that drops the indent's spaces, `pdftotext -raw`): two
/// characters short of its column (four columns, five where a half-width
/// character wraps early), the line `below` it, right under it, running on
/// as wide as the column.
pub(crate) fn sets_in(lines: &[Line], i: usize, below: Option<usize>) -> bool {
    let (l, Some(b)) = (&lines[i], below) else { return false };
    let under = &lines[b];
    if l.justified || l.role != Role::Text || under.role != Role::Text || under.no != l.no + 1 {
        return false;
    }
    let col = heads::column_width(lines, b);
    l.width + 4 <= col && l.width + 5 >= col && !lines::is_sentence_end(&l.text) && heads::is_full(under, col)
}

/// Is `tail`, the line under headline line `head`, shaped like the rest of
/// a wrapped headline rather than a body's first line? It is plain text set
/// flush (or set in, where the line under it opens a paragraph:
/// `set_in_ok`), holds no clause or sentence mark, opens no subtitle, label
/// or kicker, and is no wider than the line it would carry on (unless a
/// word cut at the seam says so: `wider_ok`).
fn is_headline_tail(head: &Line, tail: &Line, wider_ok: bool, set_in_ok: bool) -> bool {
    let t = tail.text.as_str();
    tail.role == Role::Text
        && (set_in_ok || !tail.indented)
        && (1..=24).contains(&t.chars().count())
        && !t.contains(['。', '，', '；', '！', '？', ',', ';', '!', '?'])
        && !t.starts_with(['—', '【', '□', '（', '('])
        && !SUBTITLE_NAME.is_match(t)
        && !is_kicker(t)
        && !is_kicker(&head.text)
        && !head.text.starts_with('—')
        && !lines::is_sentence_end(&head.text)
        && (wider_ok || tail.text_width <= head.text_width)
}

/// Is `关于` cut at the break between `prev` and `next` (`…委员会关` /
/// `于开展…的公告`), as a notice's title wraps?
fn cut_in_guanyu(prev: &str, next: &str) -> bool {
    prev.ends_with('关') && next.starts_with('于')
}

/// Does the break between headline line `prev` and the line under it cut
/// something that reads on across it? A bracket or quotation left open
/// (`…《中` / `国共产党…》`; round brackets open bylines too, so not those),
/// a line opening with a closing mark, or a word
/// cut at the seam: the two characters either side of it make a bigram
/// that `text` (the body the lines head, without the line under the
/// headline) prints (`…关于公` / `开招聘…`, the body printing `公开招聘`).
fn cut_at_seam<'a>(prev: &str, next: &str, text: impl Iterator<Item = &'a str>) -> bool {
    // (Round brackets are left out: a reporters' bracket opened at the end
    // of a line, `本报讯（记者 范国` / `子 谢强浩）…`, opens a byline.)
    if left_open_but_round(prev) || next.starts_with(['】', '”', '》', '」']) {
        return true;
    }
    // `关于` cut (`吕梁市市场监督管理局关` / `于征求意见的公告`): a notice's
    // title, whatever its body prints.
    if cut_in_guanyu(prev, next) {
        return true;
    }
    let (Some(last), Some(first)) = (prev.chars().last(), next.chars().next()) else { return false };
    if !is_han(last) || !is_han(first) {
        return false;
    }
    let mut buf = [0u8; 8];
    let seam = pair(last, first, &mut buf);
    text.into_iter().any(|piece| piece.contains(seam))
}

/// What follows a number as its unit (`年`, `届`, `万`, `%`): a headline
/// line ending on a number and the line under it opening on one are one
/// line ([`wraps`]).
const NUMBER_UNITS: [char; 20] = [
    '年', '月', '日', '届', '次', '个', '名', '万', '亿', '元', '%', '％', '号', '期', '周', '天', '家', '项', '倍',
    '岁',
];

/// What a headline line ending on reads on into the line under it: a
/// conjunction, a preposition, `的`, an opening mark, a pause.
pub(crate) const READS_ON: [char; 18] =
    ['同', '和', '与', '及', '的', '暨', '在', '对', '把', '为', '向', '从', '“', '《', '（', '、', '，', '—'];

/// The most logical lines one headline (kicker, title, subtitles) takes.
pub(crate) const MAX_UNIT_LINES: usize = 5;

/// Do two physical headline lines make one wrapped line? A long headline
/// wraps where the line is full, often in the middle of a word, so the
/// evidence is read from the text and the bodies near the run rather than
/// from the lines' lengths alone:
/// - a bracket or quotation left open (`【江河奔腾看中` / `国】松花江…`), a
///   dash cut in two (`…向复兴—` / `—热烈祝贺…`) or a line opening with a
///   closing mark continues the line before;
/// - a word cut at the seam: the two characters on either side of it make a
///   bigram the bodies near the run print (`…优` / `化营商环境…`), which the
///   end of a kicker and the start of its title almost never do;
/// - a line opening like a subtitle (`——…`, `张三出席`) or a second label
///   (`【…】`), or a line before it that reads like a kicker (`…时强调`), is
///   no continuation;
/// - otherwise the two lines are one headline when each names what the same
///   body reports: a kicker (a column slogan, a campaign's name) shares
///   little with the body its title heads, a subtitle names other things;
///   unless `two_heads` finds that body turning from the subject of one
///   line to the other's (two headlines over two articles printed as one
///   body, [`Builder::two_heads`]);
/// - but a line less than half as long as the one under it that names the
///   body clearly less is a kicker over its title, even where the body
///   echoes its words (`喜迎国庆` / `全国交通客流…`: [`kicker_over_title`]),
///   and a pair of characters across the seam that only another body prints
///   is then chance, not a word cut.
///
/// `widths`: the printed widths of `prev`, of `next` and of the body column under the
/// run (0: no body under it).
#[allow(clippy::too_many_arguments)]
pub(crate) fn wraps(
    prev: &str,
    next: &str,
    widths: [usize; 3],
    bodies: &Bodies,
    near: std::ops::Range<usize>,
    p: &Params,
    two_heads: &dyn Fn(&str, &str) -> bool,
) -> bool {
    if heads::is_place_colon(prev) && !next.starts_with('—') {
        return true;
    }
    // (Counted, not collected: the lines' lengths and the characters
    // either side of the seam are all that is read of them.)
    let (pn, nn) = (prev.chars().count(), next.chars().count());
    if pn < 2 || nn == 0 {
        return false;
    }
    if left_open(prev) || next.starts_with(['】', '”', '》', '）', '」', '、', '，', ')', '：', ':']) {
        return true;
    }
    // A number is not set apart from the unit it counts (`2024` /
    // `年冬季农产品展销会开幕`, `第17` / `届…`).
    if prev.ends_with(|c: char| c.is_ascii_digit()) && next.starts_with(NUMBER_UNITS) {
        return true;
    }
    // A column label alone on its line is part of the title under it
    // (`【新思想引领新征程】` / `以科技创新引领产业创新 激发创造活力`).
    if is_label_only(prev) && !next.starts_with(['—', '【']) && !is_kicker(next) {
        return true;
    }
    // A dash cut in two by the line break (`…向复兴—` / `—热烈祝贺…`) is
    // one mark: the line under it carries on the line it ends, whatever
    // follows the dash (a title quoting its own `——…` is one title).
    if cut_dash(prev) && next.starts_with('—') {
        return true;
    }
    if next.starts_with('—') || next.starts_with('【') || is_kicker(prev) {
        return false;
    }
    // (A name and what they did, `王德雅作具体部署`, opens a subtitle, even
    // under a line ending on a character that may read on, `…各地积极应对`.)
    if prev.ends_with(READS_ON) && !SUBTITLE_NAME.is_match(next) || next.starts_with(['暨', '及', '之']) {
        return true;
    }
    // A line opening on the paper's own place (`我市…`, `我县…`) starts a
    // clause of its own: a subtitle under its title (`让绿色“颜值”再提升`
    // / `我市全力创建国家森林城市`), not the title's wrapped tail.
    if OWN_PLACE.iter().any(|w| next.starts_with(w)) {
        return false;
    }
    // A tail of one or two characters is no headline of its own (`…改造工`
    // / `作`, `…焕发新` / `活力`).
    if nn == 1 && pn >= 6 || nn == 2 && pn >= 12 {
        return true;
    }
    let (bp, bn) = (bodies.best_in(prev, near.clone()), bodies.best_in(next, near.clone()));
    // The body both lines together name best, if they name one, and
    // whether the first line reads as a kicker over the second there.
    let joint = bodies.best_in(&concat(prev, next), near).filter(|&(_, s)| s >= p.cut(Cut::JointNames));
    let kicker = joint.is_some_and(|(b, _)| kicker_over_title(prev, next, widths, b, bodies, p.cut(Cut::KickerMargin)));
    // A word cut at the seam, as the body either line names prints it
    // (not where the first line is a kicker and only another body prints
    // the pair: a kicker's last character and its title's first meet by
    // chance, `…建功新时代` / `中央…`, another body printing `时代中`).
    let (Some(last), Some(first)) = (prev.chars().next_back(), next.chars().next()) else { return false };
    if is_han(last) && is_han(first) {
        let mut buf = [0u8; 8];
        let seam = pair(last, first, &mut buf);
        let printed = |b: usize| bodies.score(seam, b) > 0.0;
        let chance = kicker && joint.is_some_and(|(b, _)| !printed(b));
        if !chance && [bp, bn].iter().flatten().any(|&(b, _)| printed(b)) {
            return true;
        }
    }
    // Two lines that each name a different body are two headlines.
    if let (Some((a, sa)), Some((b, sb))) = (bp, bn)
        && a != b
        && sa >= p.cut(Cut::WrapsApart)
        && sb >= p.cut(Cut::WrapsApart)
    {
        return false;
    }
    let spaced = next.contains(' ') || prev.contains(' ');
    if SUBTITLE_NAME.is_match(next) {
        return false;
    }
    // A clause cut at the seam: the line break falls inside a clause
    // much shorter than the others on its line (`服务业加快恢复 拉动` /
    // `经济动能增强`, `下半年首场寒潮来` / `袭 北方多地降雪降温`).
    if cut_clause_at_seam(prev, next) {
        return true;
    }
    // A kicker of two clauses set apart by a space over a plain title
    // (`聚焦项目建设 跑出发展加速度` / `文水县重点工程…`), or such a subtitle
    // under one (`守护好吕梁的绿水青山` / `坚持生态优先 推动绿色发展`).
    // A plain line at most two thirds as long as the spaced one under it
    // may also be the head of a wrapped title (`以军继续在叙` /
    // `境内开展军事行动 多国反对`), and so may a plain line holding as many
    // characters as the spaced one under it, both filling the headline's
    // width (`也门胡塞武装称袭` / `击美国货轮 美称`): the content test below
    // tells them apart, a kicker naming less of the body than a title.
    let short_head = !heads::has_clause_space(prev) && pn * 3 <= nn * 2;
    if heads::has_clause_space(prev) != heads::has_clause_space(next)
        && !short_head
        && !full_over_spaced(prev, next, pn, nn)
    {
        return false;
    }
    // Both lines name what one body reports (where a space sets clauses
    // apart, each line on its own names that body best).
    if let Some((b, _)) = joint {
        // A kicker names the body too, less than its title (`喜迎国庆` /
        // `全国交通客流持续高位运行`, the body telling of 国庆).
        if kicker {
            return false;
        }
        let names = |t: &str, n: usize| n <= 3 || bodies.score(t, b) >= p.cut(Cut::NamesBody);
        let own = |x: Option<(usize, f32)>| x.is_some_and(|(o, _)| o == b);
        return names(prev, pn) && names(next, nn) && (!spaced || own(bp) && own(bn)) && !two_heads(prev, next);
    }
    let (a, b) = (pn as i64, nn as i64);
    // No body to read: two lines of even length.
    a >= 8 && (a - b).abs() <= 2 && !spaced
}

/// Is headline line `prev` a kicker (引题) over the title `next`, both
/// naming body `b`, rather than the head of a title wrapped onto `next`? A
/// kicker is a phrase of its own, set in its own line (`喜迎国庆`,
/// `聚焦高质量发展`): less than half as long as the title under it (a
/// title wraps where its line is full, or at worst a third of the way in,
/// and a word cut there is read at the seam first),
/// naming what the body reports clearly less than the title does
/// (by `margin`, [`Cut::KickerMargin`]) — a slogan's words are the page's common ones, the
/// title's the item's own. A plain line over a title of two clauses set
/// apart by a space may be the head of that title cut short (`汾阳市举办`
/// / `杏花村酒文化节 游客突破十万`): less than a third as long, then.
/// But a plain line ending well short of the body column under the run
/// (`widths`: `prev`'s, `next`'s and the column's) over such a title as
/// wide as that column or wider (`聚焦高质量发展` / `春耕备耕正当时
/// 孝义市农资供应充足` over a narrow column) was not cut where its line
/// was full, the title's box being that wide: it is set apart, a kicker
/// however long.
fn kicker_over_title(prev: &str, next: &str, widths: [usize; 3], b: usize, bodies: &Bodies, margin: f32) -> bool {
    let chars = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
    let cut_short = !heads::has_clause_space(prev) && heads::has_clause_space(next);
    let times = if cut_short { 3 } else { 2 };
    let [pw, nw, column] = widths;
    let set_apart = cut_short && column > 0 && pw + 3 < column && nw >= column;
    (chars(prev) * times < chars(next) || set_apart) && bodies.score(next, b) >= bodies.score(prev, b) + margin
}

/// Which seams of a headline run (`run`: its lines, in print order; seam
/// `k` between `run[k]` and `run[k + 1]`) fall inside one headline wrapped
/// at its box's width (`Some(true)`), and which set such a headline apart
/// from the line over it, a blank line between them (`Some(false)`); the
/// others are left to [`wraps`] (`None`). One headline wrapped at its box's
/// width is a stretch of lines printed one right under the
/// other (no blank line between them), all of one width give or take a
/// character (a closing mark hangs past the edge, an opening one moves to
/// the next line), then a shorter last line, three lines at least (or four
/// of one width and no shorter one), its first line no wider than the
/// others by two columns or more unless a mark hangs from it ([`hangs`]:
/// a slogan a character wider is a kicker in a box of its own). Wrapped
/// lines fill the box's width wherever they break (`中国外交部发言人强调` /
/// `一个中国原则不容任何` / `挑战`); a kicker or subtitle is set in its own
/// type and holds as many characters as the title's lines only by chance,
/// which two lines in a row of one width make rare; and at least one break
/// in the stretch cuts a word or a phrase (`cut`, [`cut_in_headline`]), so
/// whole headlines of even length stacked one under the other are not
/// read as one, nor a line naming another body than the lines over it
/// (`apart`). A line opening with a
/// subtitle's dash (not the second half of a dash the line before cut,
/// `…添砖加瓦—` / `—美国…`, nor a dash set in the title's own type, as
/// wide as the line over it and wrapped onto a line as wide again), a
/// label `【` or a name and `出席` starts something
/// new, and so does the line under a kicker's wrapped last line
/// (`孙大军在…美景` / `华庭小区调研座谈时强调` / title) or under a line in a
/// kicker's form heading the run (`习近平在…时强调` / title), though it
/// holds as many characters as the title's lines.
fn filled_seams(
    run: &[usize],
    lines: &[Line],
    min_width: usize,
    cut: &dyn Fn(&str, &str) -> bool,
    apart: &dyn Fn(&str, &str) -> bool,
) -> Vec<Option<bool>> {
    let n = run.len();
    let mut out = vec![None; n.saturating_sub(1)];
    let width = |k: usize| lines[run[k]].width;
    // A line opening with a dash under line `k`, as wide as it (a space
    // counted one column against a character's two) and itself wrapped
    // onto a line as wide again right under it: the dash and its phrase
    // are set in the title's own type, filling the title's width line
    // after line (`躬耕教坛 强国有我` / `——习近平总书记致` / `信全国优秀教师代表`
    // / `引发热烈反响`). A subtitle is set in a smaller type of its own and
    // wraps at another count of characters, so its lines match the
    // title's width only by chance, two of them in a row hardly ever.
    let dash_in_title_type = |k: usize| {
        k + 2 < n
            && lines[run[k + 1]].no == lines[run[k]].no + 1
            && lines[run[k + 2]].no == lines[run[k + 1]].no + 1
            && width(k + 1).abs_diff(width(k)) <= 1
            && width(k + 2).abs_diff(width(k + 1)) <= 1
            && !lines[run[k + 2]].text.starts_with(['—', '【'])
    };
    let opens_new = |k: usize| {
        let (prev, next) = (lines[run[k]].text.as_str(), lines[run[k + 1]].text.as_str());
        // A kicker's last line (`…时强调`) under another line of it, or
        // a line in a kicker's form heading the run.
        let kicker_end = is_kicker(prev) && (k == 0 || lines[run[k]].no == lines[run[k - 1]].no + 1);
        kicker_end
            || next.starts_with('【')
            || SUBTITLE_NAME.is_match(next)
            || next.starts_with('—') && !cut_dash(prev) && !dash_in_title_type(k)
    };
    let joins = |k: usize| lines[run[k + 1]].no == lines[run[k]].no + 1 && !opens_new(k);
    let mut a = 0;
    while a < n {
        // The lines a..=b filling one width.
        let (mut lo, mut hi) = (width(a), width(a));
        let mut b = a;
        let mut text = lines[run[a]].text.clone();
        let joins = |k: usize, text: &str| joins(k) && (k == a || !apart(text, &lines[run[k + 1]].text));
        while b + 1 < n && joins(b, &text) {
            let w = width(b + 1);
            if w.max(hi) - w.min(lo) > 2 {
                break;
            }
            (lo, hi) = (lo.min(w), hi.max(w));
            b += 1;
            text.push_str(&lines[run[b]].text);
        }
        // A first line two columns or more wider than every other line of
        // the stretch, with no mark hanging past the edge to explain the
        // extra width, was not wrapped at the stretch's width: it is set in
        // a box of its own over the headline (a slogan kicker of nine
        // characters over a title wrapped at eight, `聚焦高质量发展…`). A
        // title's lines fill one box, so its first line is no wider than
        // the ones under it but for a hanging mark.
        if b > a && (a + 1..=b).all(|k| width(k) + 2 <= width(a)) && !hangs(&lines[run[a]].text) {
            a += 1;
            continue;
        }
        // The shorter last line.
        let tail = b + 1 < n && joins(b, &text) && width(b + 1) < lo && !lines[run[b + 1]].text.is_empty();
        let end = if tail { b + 1 } else { b };
        if lo >= min_width
            && b > a
            && (tail && end - a >= 2 || b - a >= 3)
            && (a..end).any(|k| cut(&lines[run[k]].text, &lines[run[k + 1]].text))
        {
            for seam in &mut out[a..end] {
                *seam = Some(true);
            }
            // A blank line over the headline sets it apart from the lines
            // over it (a kicker of its own).
            if a > 0 && lines[run[a]].no > lines[run[a - 1]].no + 1 {
                out[a - 1] = Some(false);
            }
            a = end + 1;
        } else {
            a = b + 1;
        }
    }
    out
}

/// Does headline line `text` end on a mark that hangs past the edge of
/// its box (a comma, a stop, a closing quote or bracket), making the line
/// look wider than the lines it was wrapped with?
fn hangs(text: &str) -> bool {
    text.trim_end()
        .chars()
        .last()
        .is_some_and(|c| lines::is_closing_mark(c) || matches!(c, '，' | '。' | '、' | '；' | '：' | '！' | '？'))
}

/// Does a headline line end on half a dash (`…添砖加瓦—`), the other half
/// opening the line under it?
fn cut_dash(prev: &str) -> bool {
    prev.ends_with('—') && !prev.ends_with("——")
}

/// Does the break between headline lines `prev` and `next` cut something
/// that reads on across it: a bracket or quotation left open, a line
/// opening with a closing mark, a line ending on a word that reads on
/// (`的`, `和`), a dash cut in two (`…添砖加瓦—` / `—美国…`), or a word, the
/// two characters either side of the seam making a bigram the body both
/// lines name best prints (`…科学精准有` / `效做好…`)?
fn cut_in_headline(prev: &str, next: &str, bodies: &Bodies, near: std::ops::Range<usize>) -> bool {
    if left_open(prev)
        || next.starts_with(['】', '”', '》', '）', '」', '、', '，', ')'])
        || prev.ends_with(READS_ON) && !prev.ends_with("——")
    {
        return true;
    }
    let (Some(last), Some(first)) = (prev.chars().last(), next.chars().next()) else { return false };
    if !is_han(last) || !is_han(first) {
        return false;
    }
    let mut buf = [0u8; 8];
    let seam = pair(last, first, &mut buf);
    bodies.best_in(&concat(prev, next), near).is_some_and(|(b, _)| bodies.score(seam, b) > 0.0)
}

/// Is plain headline line `prev` (no clause space) the full first part of a
/// title wrapped onto spaced line `next`? A wrapped line fills the
/// headline's width, so the two hold as many characters (the space counted),
/// at least eight: a kicker or subtitle in its own type rarely matches its
/// title's count exactly. `pn` and `nn`: how many characters each holds.
fn full_over_spaced(prev: &str, next: &str, pn: usize, nn: usize) -> bool {
    pn >= 8 && pn == nn && !prev.contains(' ') && next.contains(' ')
}

/// Is a word cut at the seam between headline lines `prev` and `next`, as
/// three characters the bodies near the run print across it (`…总书记习` /
/// `近平主持会议`: `习近平`)? Stronger than a bigram, so it joins a
/// headline however long it already is, and a line shaped like a subtitle
/// (`近平主持会议`) to it.
fn word_across_seam(prev: &str, next: &str, bodies: &Bodies, near: std::ops::Range<usize>) -> bool {
    bodies.best_in(&concat(prev, next), near).is_some_and(|(b, _)| word_across(prev, next, bodies.text(b)))
}

/// Does `text` print three characters read across the seam between `prev`
/// and `next` (the last two of `prev` and the first of `next`, or the last
/// of `prev` and the first two of `next`), all of them Han?
fn word_across(prev: &str, next: &str, text: &str) -> bool {
    let mut p = prev.chars().rev();
    let mut n = next.chars();
    let (Some(p0), Some(p1), Some(n0), Some(n1)) = (p.next(), p.next(), n.next(), n.next()) else { return false };
    if ![p0, p1, n0, n1].into_iter().all(is_han) {
        return false;
    }
    let (mut l, mut r) = ([0u8; 12], [0u8; 12]);
    text.contains(three(p1, p0, n0, &mut l)) || text.contains(three(p0, n0, n1, &mut r))
}

/// Is headline line `prev` the kicker (引题) of the labelled title `next`
/// printed under it (`乡村振兴进行时` / `【记者手记】一粒种子 一村希望`)? A
/// column label `【…】` opening a title is that title's frame, so the plain
/// line over it is no headline of its own but a kicker: a phrase shorter
/// than the title under it (of at most `max_chars` characters:
/// [`MAX_KICKER_CHARS`] by default), carrying no label itself.
fn kicker_over_label(prev: &str, next: &str, max_chars: usize) -> bool {
    let chars = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
    next.starts_with('【')
        && next.contains('】')
        && !is_label_only(next)
        && !prev.contains(['【', '】'])
        && !prev.starts_with('—')
        && chars(prev) <= max_chars
        && chars(prev) < chars(next)
}

/// The most characters of a kicker over a labelled title
/// (`kicker_over_label`; read from
/// [`Params::max_kicker_chars`](super::params::Params::max_kicker_chars)).
pub const MAX_KICKER_CHARS: usize = 16;

/// A line that is only a column label (`【新思想引领新征程】`).
fn is_label_only(t: &str) -> bool {
    t.starts_with('【') && t.ends_with('】') && t.matches('【').count() == 1 && t.chars().count() >= 4
}

/// The clauses of a headline line, as a space sets them apart
/// ([`heads::has_clause_space`]) and, where `colon`, as a full-width colon
/// closes one: a place or a speaker named before a colon (`交口县：`,
/// `…获得者薛其坤：`) is a clause of its own, the title's statement
/// opening after it. The colon counts with the clause it closes, so a line
/// ending on one ends on a whole clause; one clause where no mark sets any
/// apart.
fn clause_lengths(t: &str, colon: bool) -> Vec<usize> {
    let pieces: Vec<&str> = if heads::has_clause_space(t) { t.split(' ').collect() } else { vec![t] };
    if colon {
        pieces.iter().flat_map(|c| c.split_inclusive('：')).map(|c| c.chars().count()).collect()
    } else {
        pieces.iter().map(|c| c.chars().count()).collect()
    }
}

/// Does the break between two headline lines cut a clause? Where one line
/// sets clauses apart with a space and the other does not, the clause
/// touching the seam on the spaced line is a fragment when it is short
/// (at most five characters) and well under the longest other clause of its
/// line: a kicker's or a subtitle's clauses are of even length
/// (`聚焦项目建设 跑出发展加速度`, `新时代 新征程 新伟业`).
fn cut_clause_at_seam(prev: &str, next: &str) -> bool {
    // A colon sets clauses apart on the line over the seam only: a short
    // name and its colon opening the line under it are a whole clause
    // (`两会特别报道` / `多国人士：中国…`), no fragment of a cut one.
    let (p, n) = (clause_lengths(prev, true), clause_lengths(next, false));
    let fragment = |cs: &[usize], touching: usize| {
        let longest_other = cs.iter().enumerate().filter(|&(i, _)| i != touching).map(|(_, &c)| c).max().unwrap_or(0);
        (1..=5).contains(&cs[touching]) && cs[touching] * 5 < longest_other * 3
    };
    // The plain line carries the rest of the cut clause, so it is longer
    // than the fragment (`下半年首场寒潮来` / `袭 北方多地…`): a short whole
    // line over a spaced title is a kicker (`喜迎国庆` / `迎接新学期 全国…`).
    match (p.len() > 1, n.len() > 1) {
        // The first line's last clause cut short, the second line's first
        // longer, carrying the rest of it; the second line may hold several
        // clauses itself (`交口县：夯基` / `蓄势稳中进 步履铿锵勇向前`).
        (true, _) => fragment(&p, p.len() - 1) && n[0] > p[p.len() - 1],
        (false, true) => fragment(&n, 0) && p[0] > n[0],
        (false, false) => false,
    }
}

/// Does a line leave a bracket or quotation open (`【江河奔腾看中`)?
pub(crate) fn left_open(t: &str) -> bool {
    let mut depth = 0i32;
    for c in t.chars() {
        match c {
            '【' | '“' | '《' | '（' | '「' | '(' => depth += 1,
            '】' | '”' | '》' | '）' | '」' | ')' => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// [`left_open`] with round brackets left out (`（`, `(`, `）`, `)`):
/// whether the line leaves another bracket or a quotation open.
fn left_open_but_round(t: &str) -> bool {
    let mut depth = 0i32;
    for c in t.chars() {
        match c {
            '【' | '“' | '《' | '「' => depth += 1,
            '】' | '”' | '》' | '」' => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// `a` and `b` as one text, in a string of the size it needs (the key
/// [`Bodies::best_in`] is asked with).
fn concat(a: &str, b: &str) -> String {
    let mut s = String::with_capacity(a.len() + b.len());
    s.push_str(a);
    s.push_str(b);
    s
}

/// The two characters `a` and `b` as a text, written into `buf` (no
/// string allocated for a seam's pair).
fn pair(a: char, b: char, buf: &mut [u8; 8]) -> &str {
    let n = a.encode_utf8(&mut buf[..4]).len();
    let m = b.encode_utf8(&mut buf[n..]).len();
    std::str::from_utf8(&buf[..n + m]).unwrap_or_default()
}

/// The three characters `a`, `b` and `c` as a text, written into `buf`.
fn three(a: char, b: char, c: char, buf: &mut [u8; 12]) -> &str {
    let n = a.encode_utf8(&mut buf[..4]).len();
    let m = b.encode_utf8(&mut buf[n..n + 4]).len();
    let k = c.encode_utf8(&mut buf[n + m..]).len();
    std::str::from_utf8(&buf[..n + m + k]).unwrap_or_default()
}

pub(crate) static SUBTITLE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}〇]{2,4}(?:出席|主持(?:会议)?(?:并讲话)?|讲话|参加|致辞|调研|部署|宣讲|作(?:具体|重要)?(?:部署|讲话|报告)|带队|一行|陪同|督导|检查|慰问|看望|视察|考察)(?:\s.*)?$").expect("valid regex")
});

/// The first line of a [`SUBTITLE_NAME`] subtitle broken inside what the
/// person did (`孙浩超主持会` / `议并讲话`): a name, then the head of the
/// verb, cut short.
static SUBTITLE_NAME_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}〇]{2,4}(?:出|主|主持会|主持会议并|主持会议并讲|讲|参|致|调|部|宣|作|作具|作具体|作具体部|作重|作重要|作重要讲|带|一|陪|督|检|慰|看|视|考)$").expect("valid regex")
});

/// How a line naming the paper's own place as its subject opens
/// ([`wraps`]).
const OWN_PLACE: [&str; 4] = ["我市", "我县", "我区", "我省"];

/// A subtitle (副题): `——柳林县…综述`, or a short `张利锋出席`.
pub(crate) fn is_subtitle(t: &str) -> bool {
    t.starts_with('—') || t.starts_with("--") || SUBTITLE_NAME.is_match(t) || t.chars().count() <= 6
}

/// A kicker (引题): `孙大军在…调研座谈时强调`, `学习贯彻…精神`.
pub(crate) fn is_kicker(t: &str) -> bool {
    t.ends_with("强调")
        || t.ends_with("指出")
        || t.ends_with("表示")
        || t.ends_with("时说")
        || t.ends_with('：')
        || t.ends_with(':')
        || t.ends_with("精神")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_line_over_a_labelled_title_is_its_kicker() {
        for (prev, next, want) in [
            ("乡村振兴进行时", "【记者手记】一粒种子 一村希望", true),
            ("坚定信心真抓实干", "【新春走基层】村医夫妻：当好健康守门人", true),
            // A label alone on its line, a labelled line over another, a
            // subtitle's dash: no kicker over a labelled title.
            ("乡村振兴进行时", "【新思想引领新征程】", false),
            ("【冬日走基层】交城供热", "【记者手记】一粒种子 一村希望", false),
            ("——记交口县回龙镇", "【记者手记】一粒种子", false),
            // A line as long as the title under it is a headline of its own.
            ("交口县回龙镇辣椒产业带动群众增收", "【记者手记】一粒种子", false),
        ] {
            assert_eq!(kicker_over_label(prev, next, MAX_KICKER_CHARS), want, "{prev} / {next}");
        }
    }

    #[test]
    fn a_headline_tail_runs_on_to_a_first_line_set_in_by_its_width_alone() {
        // An extractor that drops the indent's spaces (`pdftotext -raw`):
        // the body's first line is two characters short of its column, the
        // lines under it full; the line over it, short and ending no
        // sentence, is the rest of the headline.
        let text = "全县冬季供暖工作推进会召开\n王明出席并讲话\n本县冬季供暖工作推进\n会12日在县城召开。会议听\n取了各乡镇供暖准备情况汇\n报，对今冬供暖工作作出部\n署。\n";
        let lines = lines::read_lines(text);
        let printed: Vec<(usize, usize)> = (1..lines.len()).map(|i| (i - 1, i)).collect();
        assert_eq!(rest_of_headline(&lines, &printed, lines[0].text_width, 3), Some(1));
        // A line as wide as the column under it opens no paragraph: no
        // headline runs on to it.
        let flush = text.replace("本县冬季供暖工作推进\n会", "本县冬季供暖工作推进会\n");
        let lines = lines::read_lines(&flush);
        assert_eq!(rest_of_headline(&lines, &printed, lines[0].text_width, 3), None);
    }

    #[test]
    fn a_word_cut_at_the_seam_is_one_the_body_prints() {
        let body = ["为进一步做好公开招聘", "护林员工作，根据有关"];
        // `招` / `聘`: the body prints `招聘`.
        assert!(cut_at_seam("吕梁市自然资源局关于公开招", "聘护林员工作的公告", body.into_iter()));
        // `演` / `暖`: no word the body prints.
        assert!(!cut_at_seam("中阳县举办丰收节展演", "暖泉镇十二支文艺队伍", body.into_iter()));
        // A title left open (`《中`) reads on whatever the body prints.
        assert!(cut_at_seam("中共中央印发《中", "国共产党纪律处分条例》", std::iter::empty()));
        // A reporters' bracket opened at the end of a line is a byline's.
        assert!(!cut_at_seam("坚决反对“台独”本报讯（记者 范国", "子 谢强浩 陈梅）以色列", std::iter::empty()));
    }
}
