//! Matching and ranking: which articles match a query, where, and in which
//! order.
//!
//! Ranking, best first:
//! 1. contiguous matches (the query's characters side by side, or a pinyin
//!    run) before scattered fuzzy ones;
//! 2. headline before kicker/subtitle before body (paragraphs, captions,
//!    byline, keywords);
//! 3. a match that begins and ends on jieba word boundaries before one that
//!    cuts through words;
//! 4. among equally good contiguous matches the newest issue first (page and
//!    article order within an issue); among scattered ones the higher
//!    SkimMatcherV2 score first. (SkimMatcherV2 finds and scores the
//!    scattered matches; an exact run needs no scoring beyond 1–3, which
//!    keeps a keystroke cheap.)
//!
//! One hit per article: its best field.

use super::fold::{fold_char, fold_lower};
use super::index::Index;
use super::pinyin;
use super::reach::Reach;
use super::signature::Pairs;
use super::snippet::{Snippet, snippet};
use super::sorted::intersect;
use super::words;
use crate::model::{Article, Date};
use fuzzy_matcher::skim::SkimMatcherV2;
use std::ops::Range;

/// Which part of an article a match is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Title,
    Kicker,
    Subtitle,
    Byline,
    Paragraph,
    Caption,
    Keyword,
}

impl Field {
    /// `"title"` for the headline and its kicker and subtitle, else `"body"`.
    pub fn group(self) -> &'static str {
        match self {
            Field::Title | Field::Kicker | Field::Subtitle => "title",
            _ => "body",
        }
    }

    /// Lower-case name of the field.
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Kicker => "kicker",
            Field::Subtitle => "subtitle",
            Field::Byline => "byline",
            Field::Paragraph => "paragraph",
            Field::Caption => "caption",
            Field::Keyword => "keyword",
        }
    }

    fn tier(self) -> u8 {
        match self {
            Field::Title => 2,
            Field::Kicker | Field::Subtitle => 1,
            _ => 0,
        }
    }
}

/// The text of `field` number `index` of an article (None if absent).
pub fn field_text(a: &Article, field: Field, index: usize) -> Option<&str> {
    match field {
        Field::Title => Some(&a.title),
        Field::Kicker => a.kicker.as_deref(),
        Field::Subtitle => a.subtitle.as_deref(),
        Field::Byline => a.byline.as_deref(),
        Field::Paragraph => a.paragraphs.get(index).map(String::as_str),
        Field::Caption => a.captions.get(index).map(String::as_str),
        Field::Keyword => a.keywords.get(index).map(String::as_str),
    }
}

/// Every (field, index, text) of an article, headline first.
pub fn fields<'a>(a: &'a Article, extra_keywords: &'a [String]) -> impl Iterator<Item = (Field, usize, &'a str)> {
    std::iter::once((Field::Title, 0, a.title.as_str()))
        .chain(a.kicker.as_deref().map(|k| (Field::Kicker, 0, k)))
        .chain(a.subtitle.as_deref().map(|k| (Field::Subtitle, 0, k)))
        .chain(a.byline.as_deref().map(|k| (Field::Byline, 0, k)))
        .chain(a.paragraphs.iter().enumerate().map(|(i, p)| (Field::Paragraph, i, p.as_str())))
        .chain(a.captions.iter().enumerate().map(|(i, p)| (Field::Caption, i, p.as_str())))
        .chain(a.keywords.iter().chain(extra_keywords).enumerate().map(|(i, p)| (Field::Keyword, i, p.as_str())))
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// What the user typed.
    pub raw: String,
    /// Folded chars to match literally (whitespace removed).
    chars: Vec<char>,
    /// The pattern given to SkimMatcherV2.
    pattern: String,
    /// Smart case: an upper-case letter in the query makes it case-sensitive.
    case_sensitive: bool,
    /// The query as pinyin letters, when it is pinyin-like.
    pinyin: Option<Vec<u8>>,
}

/// Longest query kept (longer input is cut; nothing that long matches anyway).
pub const MAX_QUERY_CHARS: usize = 512;

impl Query {
    /// Parses what the user typed.
    pub fn new(raw: &str) -> Query {
        let chars: Vec<char> = raw
            .chars()
            .map(fold_char)
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .take(MAX_QUERY_CHARS)
            .collect();
        let case_sensitive = chars.iter().any(|c| c.is_uppercase());
        let meaningful = chars.iter().any(|c| c.is_alphanumeric());
        let chars = if meaningful { chars } else { Vec::new() };
        let pattern: String = chars.iter().collect();
        let pinyin = if meaningful { pinyin::normalise_query(raw).filter(|q| q.len() >= 2) } else { None };
        Query { raw: raw.to_string(), chars, pattern, case_sensitive, pinyin }
    }

    /// True when there is nothing to look for (empty, or only spaces and
    /// punctuation).
    pub fn is_blank(&self) -> bool {
        self.chars.is_empty()
    }

    /// True when `self` only adds characters to the end of `prev` (so every
    /// match of `self` is a match of `prev`).
    pub fn extends(&self, prev: &Query) -> bool {
        self.case_sensitive == prev.case_sensitive
            && self.pinyin.is_some() == prev.pinyin.is_some()
            && self.chars.starts_with(&prev.chars)
            && match (&self.pinyin, &prev.pinyin) {
                (Some(a), Some(b)) => a.starts_with(b),
                _ => true,
            }
    }

    fn lower_chars(&self) -> Vec<char> {
        self.chars.iter().map(|&c| fold_lower(c)).collect()
    }
}

/// How good one match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Quality {
    /// The matched chars are side by side.
    pub contiguous: bool,
    /// 2 headline, 1 kicker/subtitle, 0 body.
    pub tier: u8,
    /// A pinyin query ends on a whole syllable of the last matched char
    /// (`xian` → 县 rather than the `xian…` of 乡 xiang); always true for
    /// literal matches.
    pub whole: bool,
    /// The match begins and ends on word boundaries (jieba).
    pub aligned: bool,
}

/// One match inside one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMatch {
    pub field: Field,
    /// Paragraph / caption / keyword number (0 for single fields).
    pub index: usize,
    /// Matched char ranges in the field's text.
    pub ranges: Vec<Range<usize>>,
    /// SkimMatcherV2's score (a comparable score for pinyin runs).
    pub score: i64,
    /// True when found through pinyin.
    pub pinyin: bool,
    pub quality: Quality,
}

/// One ranked result: the best match in one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Document number in the index.
    pub doc: u32,
    /// Index of the issue in the issue list the index was built from.
    pub issue: usize,
    /// Index of the article within the issue ([`crate::model::Issue::article`]).
    pub article: usize,
    /// Index of the page within the issue, and of the article within the page.
    pub page: usize,
    pub article_in_page: usize,
    /// The page's file name and the issue date.
    pub source: String,
    pub date: Option<Date>,
    /// The article's id and headline.
    pub article_id: String,
    pub title: String,
    /// Where the best match is.
    pub matched: FieldMatch,
    /// A one-line excerpt around the match, with its highlights.
    pub snippet: Snippet,
    /// A single number that orders hits like the ranking (higher is better).
    pub score: i64,
}

/// Result of one search.
#[derive(Debug, Clone, Default)]
pub struct Results {
    pub query: String,
    /// Best first.
    pub hits: Vec<Hit>,
    /// Articles looked at (after the index narrowed the candidates).
    pub examined: usize,
    /// True when the search stopped early because the list was full of
    /// hits nothing later could beat.
    pub truncated: bool,
}

/// Remembers the candidates of the last query, so a query that only grew
/// starts from them instead of the whole index.
#[derive(Debug, Default, Clone)]
pub struct Cache {
    /// The query, its body candidates, and the documents they cover (the
    /// candidates are computed part by part, newest first, only as far as
    /// the search went: every candidate below the bound is listed).
    last: Option<(Query, Vec<u32>, u32)>,
    /// The headlines holding the pairs the last searches tested.
    pairs: super::reach::Memo,
}

impl Cache {
    /// Forgets everything (e.g. when the index changes).
    pub fn clear(&mut self) {
        self.last = None;
        self.pairs = super::reach::Memo::default();
    }
}

/// The matcher for one query, reusable across fields.
pub struct Matcher<'q> {
    q: &'q Query,
    skim: SkimMatcherV2,
    lower: Vec<char>,
    /// Every query char is a CJK ideograph (folding and case change
    /// nothing), so plain substring search finds contiguous matches.
    plain: bool,
    /// Forms of the first query char that every match contains (empty: no
    /// quick check possible).
    anchors: Vec<char>,
    chars: Vec<char>,
    buf: String,
    /// For each query char, the length of the run of digits or Latin
    /// letters starting there (0 inside a run or for other chars): a run
    /// matches only whole, never scattered.
    run_len: Vec<usize>,
    /// Precomputed word boundaries of the text being matched, if known.
    bounds: Option<u64>,
}

fn ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

fn full_width(c: char) -> Option<char> {
    ('!'..='~').contains(&c).then(|| char::from_u32(c as u32 + 0xFEE0)).flatten()
}

/// At most this many occurrences per field are checked for word alignment
/// (the first aligned one wins, else the first one).
const MAX_CHECKED: usize = 4;

/// Largest span (in chars) of a scattered match of `n` query chars.
fn scatter_window(n: usize) -> usize {
    (3 * n).max(12)
}

impl<'q> Matcher<'q> {
    /// A matcher for `q`.
    pub fn new(q: &'q Query) -> Matcher<'q> {
        let skim = if q.case_sensitive {
            SkimMatcherV2::default().respect_case()
        } else {
            SkimMatcherV2::default().ignore_case()
        };
        let plain = !q.chars.is_empty() && q.chars.iter().all(|&c| ideograph(c));
        let anchors = match q.chars.first() {
            Some(&c) if ideograph(c) => vec![c],
            Some(&c) if c.is_ascii_alphanumeric() => {
                let mut v = vec![c];
                if !q.case_sensitive {
                    v.push(c.to_ascii_lowercase());
                    v.push(c.to_ascii_uppercase());
                }
                let fw: Vec<char> = v.iter().filter_map(|&c| full_width(c)).collect();
                v.extend(fw);
                v.sort_unstable();
                v.dedup();
                v
            }
            _ => Vec::new(),
        };
        let run_len = query_runs(&q.chars);
        Matcher {
            q,
            skim,
            lower: q.lower_chars(),
            plain,
            anchors,
            chars: Vec::new(),
            buf: String::new(),
            run_len,
            bounds: None,
        }
    }

    fn eq(&self, a: char, qi: usize) -> bool {
        if self.q.case_sensitive { fold_char(a) == self.q.chars[qi] } else { fold_lower(a) == self.lower[qi] }
    }

    fn load(&mut self, text: &str) {
        self.chars.clear();
        self.chars.extend(text.chars());
    }

    /// The best match of the query in `text` (None when it does not match).
    pub fn best(&mut self, field: Field, index: usize, text: &str) -> Option<FieldMatch> {
        if self.q.is_blank() {
            return None;
        }
        let mut loaded = false;
        let mut best: Option<FieldMatch> = None;
        if self.anchors.is_empty() || self.anchors.iter().any(|&a| text.contains(a)) {
            best = self.literal(field, index, text);
            loaded = true;
        }
        if let Some(py) = &self.q.pinyin
            && best.as_ref().is_none_or(|b| !(b.quality.contiguous && b.quality.aligned))
        {
            if !loaded {
                self.load(text);
            }
            let t = pinyin::table();
            for r in pinyin::find_all(t, &self.chars, py, MAX_CHECKED) {
                let m = self.make(field, index, vec![r.clone()], 16 * py.len() as i64, true);
                if best.as_ref().is_none_or(|b| m.quality > b.quality) {
                    let done = m.quality.aligned && m.quality.whole;
                    best = Some(m);
                    if done {
                        break;
                    }
                }
            }
        }
        best
    }

    /// Literal match: loads `text` into `self.chars` (always).
    fn literal(&mut self, field: Field, index: usize, text: &str) -> Option<FieldMatch> {
        let n = self.q.chars.len();
        let mut first_contig = None;
        if self.plain {
            let mut at_char = 0;
            let mut at_byte = 0;
            let mut loaded = false;
            for (b, _) in text.match_indices(self.q.pattern.as_str()).take(MAX_CHECKED) {
                at_char += text[at_byte..b].chars().count();
                at_byte = b;
                if !loaded {
                    self.load(text);
                    loaded = true;
                }
                let found = at_char..at_char + n;
                let m = self.make(field, index, vec![found], 0, false);
                if m.quality.aligned {
                    return Some(m);
                }
                first_contig.get_or_insert(m);
            }
            if !loaded {
                self.load(text);
            }
        } else {
            self.load(text);
            let mut i = 0;
            let mut checked = 0;
            while i + n <= self.chars.len() && checked < MAX_CHECKED {
                if (0..n).all(|k| self.eq(self.chars[i + k], k)) {
                    let found = i..i + n;
                    let m = self.make(field, index, vec![found], 0, false);
                    if m.quality.aligned {
                        return Some(m);
                    }
                    first_contig.get_or_insert(m);
                    checked += 1;
                    i += n;
                } else {
                    i += 1;
                }
            }
        }
        if let Some(m) = first_contig {
            return Some(m);
        }
        self.scattered(field, index)
    }

    /// The best scattered match whose span is at most [`scatter_window`]
    /// chars (a few tries), scored by SkimMatcherV2.
    fn scattered(&mut self, field: Field, index: usize) -> Option<FieldMatch> {
        let n = self.q.chars.len();
        if n < 2 || n > self.chars.len() {
            return None;
        }
        let w = scatter_window(n);
        let mut best: Option<(i64, Vec<usize>)> = None;
        let mut tries = 0;
        for i in 0..self.chars.len() {
            if !self.piece_at(i, 0) {
                continue;
            }
            // Greedy, piece by piece: a digit or Latin run whole, any other
            // query char on its own.
            let end = (i + w).min(self.chars.len());
            let mut greedy = Vec::with_capacity(n);
            let mut qi = 0;
            let mut j = i;
            while j < end && qi < n {
                let len = self.run_len[qi].max(1);
                if j + len <= end && self.piece_at(j, qi) {
                    greedy.extend(j..j + len);
                    qi += len;
                    j += len;
                } else {
                    j += 1;
                }
            }
            if qi < n {
                continue;
            }
            tries += 1;
            self.buf.clear();
            self.buf.extend(self.chars[i..j].iter().map(|&c| fold_char(c)));
            if let Some((score, pos)) =
                fuzzy_matcher::FuzzyMatcher::fuzzy_indices(&self.skim, &self.buf, &self.q.pattern)
                && best.as_ref().is_none_or(|b| score > b.0)
            {
                let pos: Vec<usize> = pos.into_iter().map(|p| p + i).collect();
                // SkimMatcherV2 may scatter a run it could have kept whole;
                // the greedy positions keep it whole.
                let pos = if self.runs_whole(&pos) { pos } else { greedy };
                best = Some((score, pos));
            }
            if tries >= 8 {
                break;
            }
        }
        let (score, pos) = best?;
        Some(self.make(field, index, runs(&pos), score, false))
    }

    /// True when the query piece starting at query char `qi` (a whole run,
    /// or one char) matches the text at char `at`.
    fn piece_at(&self, at: usize, qi: usize) -> bool {
        let len = self.run_len.get(qi).copied().unwrap_or(0).max(1);
        at + len <= self.chars.len() && (0..len).all(|k| self.eq(self.chars[at + k], qi + k))
    }

    /// True when `pos` (one text position per query char) keeps every run
    /// of the query side by side.
    fn runs_whole(&self, pos: &[usize]) -> bool {
        pos.len() == self.run_len.len()
            && self.run_len.iter().enumerate().all(|(qi, &len)| (1..len).all(|k| pos[qi + k] == pos[qi] + k))
    }

    fn make(&self, field: Field, index: usize, ranges: Vec<Range<usize>>, score: i64, pinyin: bool) -> FieldMatch {
        let contiguous = ranges.len() == 1;
        let aligned = match (self.bounds, words::try_jieba()) {
            (Some(m), _) => ranges.iter().all(|r| r.end < 64 && m >> r.start & 1 == 1 && m >> r.end & 1 == 1),
            (None, Some(j)) => ranges.iter().all(|r| words::aligned(j, &self.chars, r.start, r.end)),
            (None, None) => false,
        };
        let whole = !pinyin
            || match (&self.q.pinyin, ranges.last()) {
                (Some(py), Some(r)) if r.end > 0 => {
                    self.chars.get(r.end - 1).is_some_and(|&c| pinyin::ends_syllable(pinyin::table(), c, py))
                }
                _ => true,
            };
        FieldMatch {
            field,
            index,
            ranges,
            score,
            pinyin,
            quality: Quality { contiguous, tier: field.tier(), whole, aligned },
        }
    }

    /// Every match of the query in `text`: all contiguous occurrences (or
    /// pinyin runs); failing those, the best scattered match.
    pub fn all(&mut self, text: &str) -> Vec<Range<usize>> {
        if self.q.is_blank() {
            return Vec::new();
        }
        self.load(text);
        let n = self.q.chars.len();
        let mut out = Vec::new();
        let mut i = 0;
        while i + n <= self.chars.len() {
            if (0..n).all(|k| self.eq(self.chars[i + k], k)) {
                out.push(i..i + n);
                i += n;
            } else {
                i += 1;
            }
        }
        if let Some(py) = &self.q.pinyin {
            for r in pinyin::find_all(pinyin::table(), &self.chars, py, usize::MAX) {
                if !out.iter().any(|o: &Range<usize>| o.start < r.end && r.start < o.end) {
                    out.push(r);
                }
            }
            out.sort_by_key(|r| r.start);
        }
        if out.is_empty()
            && let Some(m) = self.scattered(Field::Paragraph, 0)
        {
            out = m.ranges;
        }
        out
    }
}

/// Digits and Latin letters (after folding) form runs that match whole.
fn run_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// For each query char, the length of the run of [`run_char`]s starting
/// there when it is at least 2 long; 0 elsewhere.
fn query_runs(chars: &[char]) -> Vec<usize> {
    let mut out = vec![0; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        let len = chars[i..].iter().take_while(|&&c| run_char(c)).count();
        if len >= 2 {
            out[i] = len;
        }
        i += len.max(1);
    }
    out
}

/// Maximal runs of consecutive char positions.
fn runs(pos: &[usize]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for &p in pos {
        match out.last_mut() {
            Some(r) if r.end == p => r.end = p + 1,
            _ => out.push(p..p + 1),
        }
    }
    out
}

/// Every match of `query` in an article, field by field, in reading order
/// (headline, kicker, subtitle, byline, paragraphs, captions): for body
/// highlighting and `n`/`N`.
pub fn article_matches(a: &Article, query: &Query) -> Vec<FieldMatch> {
    let mut m = Matcher::new(query);
    let mut out = Vec::new();
    for (field, index, text) in fields(a, &[]) {
        if field == Field::Keyword {
            continue;
        }
        let ranges = m.all(text);
        if !ranges.is_empty() {
            let contiguous = ranges.iter().all(|r| r.len() == query.chars.len()) || query.pinyin.is_some();
            out.push(FieldMatch {
                field,
                index,
                ranges,
                score: 0,
                pinyin: false,
                quality: Quality { contiguous, tier: field.tier(), whole: true, aligned: false },
            });
        }
    }
    out
}

/// The `limit` best of `hits`, best first (by [`rank_key`]; hits of equal
/// rank in the order found): what a stable sort of them all and a cut
/// would give, with the few kept picked first and only small keys moved,
/// not the matches (a keystroke can find thousands).
fn best_first(hits: Vec<(u32, FieldMatch)>, limit: usize) -> Vec<(u32, FieldMatch)> {
    if limit == 0 {
        return Vec::new();
    }
    // (The place found breaks ties: every key differs, so an unstable
    // order of the keys is the stable order of the hits.)
    let mut order: Vec<_> =
        hits.iter().enumerate().map(|(i, h)| (std::cmp::Reverse(rank_key(h.1.quality, h.1.score, h.0)), i)).collect();
    if order.len() > limit {
        order.select_nth_unstable(limit - 1);
        order.truncate(limit);
    }
    order.sort_unstable();
    let mut slots: Vec<Option<(u32, FieldMatch)>> = hits.into_iter().map(Some).collect();
    order.into_iter().filter_map(|(_, i)| slots[i].take()).collect()
}

fn rank_key(q: Quality, score: i64, doc: u32) -> (Quality, i64, i64) {
    if q.contiguous { (q, 0, -(doc as i64)) } else { (q, score, -(doc as i64)) }
}

/// The single number reported as a hit's score: never increases down the
/// ranking (equally good contiguous hits tie; newer ones come first).
fn display_score(q: Quality, score: i64) -> i64 {
    let skim = if q.contiguous { 0 } else { score.clamp(0, 9_999) };
    (q.contiguous as i64) * 100_000
        + q.tier as i64 * 30_000
        + (q.whole as i64) * 20_000
        + (q.aligned as i64) * 10_000
        + skim
}

/// How many side-by-side headline hits of each quality are in hand.
#[derive(Debug, Default)]
struct Levels {
    /// Per quality (tier 2 or 1, whole, aligned), best first.
    counts: [usize; 8],
}

impl Levels {
    fn slot(q: Quality) -> usize {
        (2 - q.tier.clamp(1, 2) as usize) * 4 + (!q.whole as usize) * 2 + (!q.aligned as usize)
    }

    fn quality(slot: usize) -> Quality {
        Quality { contiguous: true, tier: 2 - (slot / 4) as u8, whole: slot & 2 == 0, aligned: slot & 1 == 0 }
    }

    fn add(&mut self, q: Quality) {
        if q.contiguous && q.tier > 0 {
            self.counts[Levels::slot(q)] += 1;
        }
    }

    /// The quality of the `window`-th best hit in hand (None while fewer).
    fn bar(&self, window: usize) -> Option<Quality> {
        let mut sum = 0;
        for (slot, &c) in self.counts.iter().enumerate() {
            sum += c;
            if sum >= window {
                return Some(Levels::quality(slot));
            }
        }
        None
    }
}

/// Once the list is full, a part's headlines that could still outrank it
/// are read without computing the part's candidates when they are at most
/// this many (reading one costs a few microseconds; the candidates of a
/// long pinyin query, a few hundred).
const FEW_ABOVE: usize = 128;

/// The best a hit can be: a contiguous, word-aligned headline match.
const PERFECT: Quality = Quality { contiguous: true, tier: 2, whole: true, aligned: true };

/// The body pass stops once this many contiguous hits are found (or the
/// caller's limit, when larger): the ranking is exact among the newest
/// `WINDOW` contiguous body matches and every headline match.
pub const WINDOW: usize = 200;

impl Index {
    /// Searches every article; at most `limit` hits, best first. `cancel`
    /// is polled now and then: when it returns true the search stops and
    /// returns None. `cache` carries candidates from one keystroke to the
    /// next.
    ///
    /// Two passes: headlines, part by part, newest first, until the
    /// [`WINDOW`] best side-by-side headline hits in hand are such that no
    /// older headline can outrank them ([`Reach`] tells, from the postings,
    /// the best match a headline may hold); then article bodies newest
    /// first until [`WINDOW`] contiguous hits are found (hits nothing later
    /// in date order can outrank, except an older word-aligned body match
    /// over a newer unaligned one).
    pub fn search(&self, query: &Query, limit: usize, cache: &mut Cache, cancel: &dyn Fn() -> bool) -> Option<Results> {
        let (mut res, ranked) = self.rank(query, limit, cache, cancel)?;
        res.hits = ranked.into_iter().map(|(doc, fm)| self.hit(doc, fm)).collect();
        Some(res)
    }

    /// [`Index::search`] without making the hits: the best matches, best
    /// first, as (document, match), and the results without their hits.
    /// [`Index::hit`] makes each hit (reading a body hit's text for its
    /// excerpt), so a caller can print them one by one.
    pub fn rank(
        &self,
        query: &Query,
        limit: usize,
        cache: &mut Cache,
        cancel: &dyn Fn() -> bool,
    ) -> Option<(Results, Vec<(u32, FieldMatch)>)> {
        let mut res = Results { query: query.raw.clone(), ..Results::default() };
        if query.is_blank() || limit == 0 {
            return Some((res, Vec::new()));
        }
        let window = limit.max(WINDOW);
        let mut m = Matcher::new(query);
        let mut hits: Vec<(u32, FieldMatch)> = Vec::new();
        let mut contiguous = 0usize;
        // Pass 1: headlines; those lacking the query's pairs (no contiguous
        // match possible) wait for pass 1b. (The body pass tests the pair
        // signatures, `need`.)
        let need = if self.uses_signatures() {
            Pairs::of_query(&query.lower_chars(), query.pinyin.as_deref())
        } else {
            Pairs::Any
        };
        let mut head_done: Vec<u32> = Vec::new();
        let mut head_scattered: std::collections::HashMap<u32, usize> = std::collections::HashMap::new();
        let mut head_deferred: Vec<u32> = Vec::new();
        let mut perfect = 0usize;
        // With the shortcuts: what each headline can still reach, from the
        // postings (no text read). Once `window` side-by-side headline hits
        // are in hand, a headline whose best possible match is not better
        // than the worst of them cannot reach the list (it is older than
        // all of them), nor can the bodies (ranked below every headline
        // match), so it is not read.
        let reach = self.uses_signatures().then(|| Reach::of(&query.lower_chars(), query.pinyin.as_deref()));
        let mut found = Levels::default();
        let heads_postings = self.heads();
        let mut n = 0usize;
        cache.pairs.next_search();
        'heads: for k in 0..heads_postings.parts() {
            let in_part = heads_postings.slice(k..k + 1);
            let bar = found.bar(window);
            let reach_of = |bar: Option<Quality>, memo: &mut super::reach::Memo| {
                let (r, (start, _), part) = (reach.as_ref()?, self.part_at(k)?, self.parts().get(k)?);
                Some(r.in_part(part, start, bar, memo, || {
                    in_part.literal_candidates(&query.lower_chars()).unwrap_or_else(|| in_part.docs().collect())
                }))
            };
            if reach.is_some() && bar == Some(PERFECT) {
                // Word-aligned headline hits, newest first: nothing older beats them.
                res.truncated = true;
                break;
            }
            let mut part_reach = reach_of(bar, &mut cache.pairs);
            // With a full list: the headlines that could still outrank it.
            let above = match (&part_reach, bar) {
                (Some(r), Some(bar)) => r.above(None, bar),
                _ => None,
            };
            if above.as_ref().is_some_and(|d| d.is_empty()) {
                // Nothing in this part can reach the list.
                res.truncated = true;
                continue;
            }
            let docs = match above {
                // A few: read them (the matcher tells; a pinyin query's
                // candidates would cost more than they could spare). Those
                // of a literal query lacking one of its characters are
                // left out first, a test each (for `营`, any character
                // read ying that is a word of its own may outrank the
                // list by the postings).
                Some(few) if few.len() <= FEW_ABOVE => match query.pinyin {
                    Some(_) => few,
                    None => in_part.holding_chars(&query.lower_chars(), &few),
                },
                _ => {
                    let (cands, _) = candidates_in(&in_part, query);
                    match (&part_reach, bar) {
                        (Some(r), Some(bar)) => r.above(Some(&cands), bar).unwrap_or(cands),
                        _ => cands,
                    }
                }
            };
            for doc in docs {
                if n.is_multiple_of(64) && cancel() {
                    return None;
                }
                n += 1;
                if perfect >= window {
                    // Word-aligned headline hits, newest first: nothing older beats them.
                    res.truncated = true;
                    break 'heads;
                }
                if let Some(r) = &mut part_reach {
                    if !r.contiguous(doc) {
                        // No side-by-side match possible: read only if the
                        // list is not filled with better ones (pass 1b).
                        head_deferred.push(doc);
                        continue;
                    }
                    if let Some(bar) = found.bar(window) {
                        if !r.full {
                            *r = reach_of(Some(bar), &mut cache.pairs).unwrap_or_default();
                        }
                        if r.best(doc) <= bar {
                            res.truncated = true;
                            continue;
                        }
                    }
                }
                res.examined += 1;
                if let Some(b) = self.examine_head(doc, &mut m) {
                    if b.quality.contiguous {
                        contiguous += 1;
                        found.add(b.quality);
                        head_done.push(doc);
                        if b.quality == PERFECT {
                            perfect += 1;
                        }
                    } else {
                        head_scattered.insert(doc, hits.len());
                    }
                    hits.push((doc, b));
                }
            }
        }
        // Pass 2: bodies, newest first (not even looked up when headlines
        // alone fill the window): the candidates of each part are computed
        // only when the pass reaches it.
        if contiguous >= window {
            res.truncated = true;
        }
        let mut body = BodyCandidates::new(self, query, cache);
        // Pass 2a: articles whose pair signature holds the query's pairs
        // (every contiguous match is among them), newest first, until the
        // window is full. Pass 2b, only when it is not: the others, for
        // scattered matches (which rank below every contiguous one).
        let mut deferred: Vec<u32> = Vec::new();
        let mut n = 0usize;
        'parts: while contiguous < window {
            let Some(chunk) = body.next_part() else { break };
            for doc in chunk {
                if n.is_multiple_of(64) && cancel() {
                    return None;
                }
                n += 1;
                if contiguous >= window {
                    res.truncated = true;
                    break 'parts;
                }
                if head_done.binary_search(&doc).is_ok() {
                    continue;
                }
                if !self.may_match(doc, &need) {
                    deferred.push(doc);
                    continue;
                }
                self.examine_body(doc, &mut m, &mut res, &mut contiguous, &mut hits, &head_scattered);
            }
        }
        if contiguous >= window && body.has_more() {
            res.truncated = true;
        }
        body.remember(cache);
        if contiguous < window {
            // Pass 1b: headlines without the pairs (scattered matches only).
            for (n, &doc) in head_deferred.iter().enumerate() {
                if n % 64 == 0 && cancel() {
                    return None;
                }
                res.examined += 1;
                if let Some(b) = self.examine_head(doc, &mut m) {
                    if b.quality.contiguous {
                        // (Only if a signature missed a pair; kept correct anyway.)
                        contiguous += 1;
                        let at = head_done.partition_point(|&d| d < doc);
                        head_done.insert(at, doc);
                    } else {
                        head_scattered.insert(doc, hits.len());
                    }
                    hits.push((doc, b));
                }
            }
            // Pass 2b: bodies without the pairs.
            for (n, &doc) in deferred.iter().enumerate() {
                if n % 64 == 0 && cancel() {
                    return None;
                }
                if head_done.binary_search(&doc).is_ok() {
                    continue;
                }
                self.examine_body(doc, &mut m, &mut res, &mut contiguous, &mut hits, &head_scattered);
            }
        }
        Some((res, best_first(hits, limit)))
    }

    /// The best match in the headline, kicker or subtitle of `doc`.
    fn examine_head(&self, doc: u32, m: &mut Matcher<'_>) -> Option<FieldMatch> {
        let a = self.article(doc);
        let mut best: Option<FieldMatch> = None;
        for (n, (field, index, text)) in fields(a, &[]).take_while(|f| f.0.tier() > 0).enumerate() {
            m.bounds = self.head_bounds(doc, n);
            let found = m.best(field, index, text);
            m.bounds = None;
            if let Some(fm) = found
                && best
                    .as_ref()
                    .is_none_or(|b| fm.quality > b.quality || (fm.quality == b.quality && fm.score > b.score))
            {
                best = Some(fm);
            }
        }
        best
    }

    /// Matches the body fields of `doc`; records its best match (or improves
    /// on its scattered headline match).
    fn examine_body(
        &self,
        doc: u32,
        m: &mut Matcher<'_>,
        res: &mut Results,
        contiguous: &mut usize,
        hits: &mut Vec<(u32, FieldMatch)>,
        head_scattered: &std::collections::HashMap<u32, usize>,
    ) {
        res.examined += 1;
        // The body's text (read on demand for a page holding headlines only).
        let Some(a) = self.article_text(doc) else { return };
        let mut best: Option<FieldMatch> = None;
        for (field, index, text) in fields(&a, self.extra_keywords(doc)).skip_while(|f| f.0.tier() > 0) {
            if let Some(fm) = m.best(field, index, text) {
                let better = best
                    .as_ref()
                    .is_none_or(|b| rank_key(fm.quality, fm.score, doc) > rank_key(b.quality, b.score, doc));
                if better {
                    let stop = fm.quality.contiguous && fm.quality.aligned;
                    best = Some(fm);
                    if stop {
                        break;
                    }
                }
            }
        }
        let Some(b) = best else { return };
        if b.quality.contiguous {
            *contiguous += 1;
        }
        match head_scattered.get(&doc) {
            Some(&i) => {
                if rank_key(b.quality, b.score, doc) > rank_key(hits[i].1.quality, hits[i].1.score, doc) {
                    hits[i].1 = b;
                }
            }
            None => hits.push((doc, b)),
        }
    }

    /// The hit of document `doc` matched by `fm` (as [`Index::rank`] gives
    /// them): where it is, its headline, score and excerpt.
    pub fn hit(&self, doc: u32, fm: FieldMatch) -> Hit {
        let d = self.doc(doc);
        let issue = &self.issues()[d.issue as usize];
        let page = &issue.pages[d.page as usize];
        let a = &page.articles[d.article_in_page as usize];
        // A body hit's snippet comes from the text (read on demand).
        let full = (fm.field.tier() == 0).then(|| self.article_text(doc)).flatten();
        let a = full.as_deref().unwrap_or(a);
        let text = match fm.field {
            Field::Keyword => a.keywords.iter().chain(self.extra_keywords(doc)).nth(fm.index).map(String::as_str),
            f => field_text(a, f, fm.index),
        }
        .unwrap_or("");
        let snippet = snippet(text, &fm.ranges, 60);
        Hit {
            doc,
            issue: d.issue as usize,
            article: d.article as usize,
            page: d.page as usize,
            article_in_page: d.article_in_page as usize,
            source: page.source.clone(),
            date: page.date.or(issue.date),
            article_id: a.id.clone(),
            title: a.title.clone(),
            score: display_score(fm.quality, fm.score),
            matched: fm,
            snippet,
        }
    }
}

/// Candidates from one set of postings; the flag is false when the pinyin
/// reading of the query had to be cut short (the set may then miss some).
/// The body candidates of a query, computed part by part (newest first) as
/// the body pass asks for them, narrowed by the candidates of the query
/// before when this one only grew from it.
struct BodyCandidates<'a> {
    query: &'a Query,
    all: super::index::Postings<'a>,
    /// The next part to compute.
    next: usize,
    /// The previous query (which this one extends), its candidates and the
    /// documents they cover.
    prev: Option<(Query, Vec<u32>, u32)>,
    /// Candidates computed so far, while every part so far was complete.
    seen: Option<Vec<u32>>,
}

impl<'a> BodyCandidates<'a> {
    fn new(index: &'a Index, query: &'a Query, cache: &mut Cache) -> BodyCandidates<'a> {
        let prev = cache.last.take().filter(|(q, _, _)| query.extends(q));
        BodyCandidates { query, all: index.all(), next: 0, prev, seen: Some(Vec::new()) }
    }

    /// The candidates of the next part (None after the last).
    fn next_part(&mut self) -> Option<Vec<u32>> {
        if self.next >= self.all.parts() {
            return None;
        }
        let part = self.all.slice(self.next..self.next + 1);
        self.next += 1;
        let (mut c, complete) = candidates_in(&part, self.query);
        if complete
            && let Some((_, prev, covered)) = &self.prev
            && part.docs().end <= *covered
        {
            c = intersect(vec![&c, prev]);
        }
        match &mut self.seen {
            Some(seen) if complete => seen.extend_from_slice(&c),
            _ => self.seen = None,
        }
        Some(c)
    }

    fn has_more(&self) -> bool {
        self.next < self.all.parts()
    }

    /// Keeps the candidates computed (if all were complete) for the next query.
    /// (Untouched when no part was computed: the query before still helps.)
    fn remember(self, cache: &mut Cache) {
        if self.next == 0 {
            cache.last = self.prev;
            return;
        }
        let covered = self.all.slice(0..self.next).docs().end;
        cache.last = self.seen.map(|c| (self.query.clone(), c, covered));
    }
}

fn candidates_in(postings: &super::index::Postings<'_>, query: &Query) -> (Vec<u32>, bool) {
    let lit = postings.literal_candidates(&query.lower_chars());
    let (py, complete) = match &query.pinyin {
        Some(p) => match postings.pinyin_candidates(p) {
            Some((c, complete)) => (Some(c), complete),
            None => (None, false),
        },
        None => (None, true),
    };
    let c = match (lit, py) {
        (Some(a), Some(b)) => super::sorted::union(vec![&a, &b]),
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => postings.docs().collect(),
    };
    (c, complete)
}

#[cfg(test)]
mod best_first_tests {
    use super::*;

    fn fm(contiguous: bool, tier: u8, score: i64) -> FieldMatch {
        FieldMatch {
            field: Field::Paragraph,
            index: tier as usize,
            ranges: vec![Range { start: 0, end: 1 }],
            score,
            pinyin: false,
            quality: Quality { contiguous, tier, whole: true, aligned: score % 2 == 0 },
        }
    }

    #[test]
    fn the_best_hits_are_those_of_a_stable_sort_and_a_cut() {
        // Hits with many equal ranks (the same document twice, equal
        // scores) in a scrambled order.
        let mut hits = Vec::new();
        for i in 0..500u32 {
            let doc = (i * 7919) % 97;
            hits.push((doc, fm(i % 3 != 0, (i % 5 % 3) as u8, i64::from(i % 4))));
        }
        for limit in [0, 1, 2, 50, 199, 200, 499, 500, 900] {
            let mut sorted = hits.clone();
            sorted.sort_by_key(|h| std::cmp::Reverse(rank_key(h.1.quality, h.1.score, h.0)));
            sorted.truncate(limit);
            assert_eq!(best_first(hits.clone(), limit), sorted, "limit {limit}");
        }
    }
}
