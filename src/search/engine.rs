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
//!    SkimMatcherV2 score first.
//!
//! One hit per article: its best field.

use super::fold::{fold_char, fold_lower};
use super::index::{Index, intersect};
use super::pinyin;
use super::snippet::{Snippet, snippet};
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
        let chars: Vec<char> = raw.chars().map(fold_char).filter(|c| !c.is_whitespace() && !c.is_control()).take(MAX_QUERY_CHARS).collect();
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
    last: Option<(Query, Vec<u32>)>,
}

impl Cache {
    /// Forgets everything (e.g. when the index changes).
    pub fn clear(&mut self) {
        self.last = None;
    }
}

/// The matcher for one query, reusable across fields.
pub struct Matcher<'q> {
    q: &'q Query,
    skim: SkimMatcherV2,
    lower: Vec<char>,
    buf: String,
    chars: Vec<char>,
}

impl<'q> Matcher<'q> {
    /// A matcher for `q`.
    pub fn new(q: &'q Query) -> Matcher<'q> {
        let skim = if q.case_sensitive { SkimMatcherV2::default().respect_case() } else { SkimMatcherV2::default().ignore_case() };
        Matcher { q, skim, lower: q.lower_chars(), buf: String::new(), chars: Vec::new() }
    }

    fn eq(&self, a: char, qi: usize) -> bool {
        if self.q.case_sensitive { fold_char(a) == self.q.chars[qi] } else { fold_lower(a) == self.lower[qi] }
    }

    /// The best match of the query in `text` (None when it does not match).
    pub fn best(&mut self, field: Field, index: usize, text: &str) -> Option<FieldMatch> {
        if self.q.is_blank() {
            return None;
        }
        self.chars.clear();
        self.chars.extend(text.chars());
        let mut best: Option<FieldMatch> = None;
        if let Some(m) = self.literal(field, index) {
            best = Some(m);
        }
        if let Some(py) = &self.q.pinyin {
            if best.as_ref().is_none_or(|b| !(b.quality.contiguous && b.quality.aligned)) {
                let t = pinyin::table();
                for r in pinyin::find_all(t, &self.chars, py, 8) {
                    let m = self.make(field, index, vec![r.clone()], 16 * py.len() as i64, true);
                    if best.as_ref().is_none_or(|b| m.quality > b.quality) {
                        let done = m.quality.aligned;
                        best = Some(m);
                        if done {
                            break;
                        }
                    }
                }
            }
        }
        best
    }

    fn literal(&mut self, field: Field, index: usize) -> Option<FieldMatch> {
        let n = self.q.chars.len();
        if n > self.chars.len() {
            return None;
        }
        // Contiguous occurrences first: the best one wins outright.
        let mut first_contig = None;
        let mut i = 0;
        while i + n <= self.chars.len() {
            if (0..n).all(|k| self.eq(self.chars[i + k], k)) {
                let m = self.make(field, index, vec![i..i + n], 0, false);
                if m.quality.aligned {
                    return Some(self.with_skim(m));
                }
                first_contig.get_or_insert(m);
                i += n;
            } else {
                i += 1;
            }
        }
        if let Some(m) = first_contig {
            return Some(self.with_skim(m));
        }
        // Subsequence check before the quadratic scorer.
        let mut qi = 0;
        for &c in &self.chars {
            if qi < n && self.eq(c, qi) {
                qi += 1;
            }
        }
        if qi < n {
            return None;
        }
        super::fold::fold_into(&self.chars.iter().collect::<String>(), &mut self.buf);
        let (score, pos) = fuzzy_matcher::FuzzyMatcher::fuzzy_indices(&self.skim, &self.buf, &self.q.pattern)?;
        let ranges = runs(&pos);
        Some(self.make(field, index, ranges, score, false))
    }

    fn with_skim(&mut self, mut m: FieldMatch) -> FieldMatch {
        super::fold::fold_into(&self.chars.iter().collect::<String>(), &mut self.buf);
        if let Some(s) = fuzzy_matcher::FuzzyMatcher::fuzzy_match(&self.skim, &self.buf, &self.q.pattern) {
            m.score = s;
        }
        m
    }

    fn make(&self, field: Field, index: usize, ranges: Vec<Range<usize>>, score: i64, pinyin: bool) -> FieldMatch {
        let contiguous = ranges.len() == 1;
        let aligned = match words::try_jieba() {
            Some(j) => ranges.iter().all(|r| words::aligned(j, &self.chars, r.start, r.end)),
            None => false,
        };
        FieldMatch { field, index, ranges, score, pinyin, quality: Quality { contiguous, tier: field.tier(), aligned } }
    }

    /// Every match of the query in `text`: all contiguous occurrences (or
    /// pinyin runs); failing those, the best scattered match.
    pub fn all(&mut self, text: &str) -> Vec<Range<usize>> {
        if self.q.is_blank() {
            return Vec::new();
        }
        self.chars.clear();
        self.chars.extend(text.chars());
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
        if out.is_empty() {
            if let Some(m) = self.literal(Field::Paragraph, 0) {
                out = m.ranges;
            }
        }
        out
    }
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
            out.push(FieldMatch { field, index, ranges, score: 0, pinyin: false, quality: Quality { contiguous, tier: field.tier(), aligned: false } });
        }
    }
    out
}

fn rank_key(q: Quality, score: i64, doc: u32) -> (Quality, i64, i64) {
    if q.contiguous { (q, 0, -(doc as i64)) } else { (q, score, -(doc as i64)) }
}

/// The single number reported as a hit's score: orders like the ranking.
fn display_score(q: Quality, score: i64) -> i64 {
    (q.contiguous as i64) * 100_000 + q.tier as i64 * 20_000 + (q.aligned as i64) * 10_000 + score.clamp(0, 9_999)
}

const PERFECT: Quality = Quality { contiguous: true, tier: 2, aligned: true };

impl Index {
    /// Searches every article; at most `limit` hits, best first. `cancel`
    /// is polled now and then: when it returns true the search stops and
    /// returns None. `cache` carries candidates from one keystroke to the
    /// next.
    pub fn search(&self, query: &Query, limit: usize, cache: &mut Cache, cancel: &dyn Fn() -> bool) -> Option<Results> {
        let mut res = Results { query: query.raw.clone(), ..Results::default() };
        if query.is_blank() || limit == 0 {
            return Some(res);
        }
        let candidates = self.candidates(query, cache);
        let mut m = Matcher::new(query);
        let mut hits: Vec<(Quality, i64, u32, FieldMatch)> = Vec::new();
        let mut perfect = 0usize;
        for (n, &doc) in candidates.iter().enumerate() {
            if n % 64 == 0 && cancel() {
                return None;
            }
            res.examined += 1;
            let a = self.article(doc);
            let mut best: Option<FieldMatch> = None;
            for (field, index, text) in fields(a, self.extra_keywords(doc)) {
                if best.as_ref().is_some_and(|b| b.quality.tier > field.tier() && b.quality.contiguous) {
                    break;
                }
                if let Some(fm) = m.best(field, index, text) {
                    let better = best.as_ref().is_none_or(|b| rank_key(fm.quality, fm.score, doc) > rank_key(b.quality, b.score, doc));
                    if better {
                        let stop = fm.quality.contiguous && fm.quality.aligned;
                        best = Some(fm);
                        if stop {
                            break;
                        }
                    }
                }
            }
            if let Some(b) = best {
                if b.quality == PERFECT {
                    perfect += 1;
                }
                hits.push((b.quality, b.score, doc, b));
                if hits.len() >= limit * 4 + 64 {
                    sort_hits(&mut hits);
                    hits.truncate(limit);
                }
                if perfect >= limit {
                    res.truncated = n + 1 < candidates.len();
                    break;
                }
            }
        }
        sort_hits(&mut hits);
        hits.truncate(limit);
        res.hits = hits.into_iter().map(|(_, _, doc, fm)| self.hit(doc, fm)).collect();
        Some(res)
    }

    fn candidates(&self, query: &Query, cache: &mut Cache) -> Vec<u32> {
        let lower = query.lower_chars();
        let lit = self.literal_candidates(&lower);
        let (py, complete) = match &query.pinyin {
            Some(p) => match self.pinyin_candidates(p) {
                Some((c, complete)) => (Some(c), complete),
                None => (None, false),
            },
            None => (None, true),
        };
        let mut c = match (lit, py) {
            (Some(a), Some(b)) => super::index::union(vec![&a, &b]),
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => (0..self.len() as u32).collect(),
        };
        if let Some((prev, prev_c)) = &cache.last {
            if query.extends(prev) && complete {
                c = intersect(vec![&c, prev_c]);
            }
        }
        cache.last = complete.then(|| (query.clone(), c.clone()));
        c
    }

    fn hit(&self, doc: u32, fm: FieldMatch) -> Hit {
        let d = self.doc(doc);
        let issue = &self.issues()[d.issue as usize];
        let page = &issue.pages[d.page as usize];
        let a = &page.articles[d.article_in_page as usize];
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

fn sort_hits(hits: &mut [(Quality, i64, u32, FieldMatch)]) {
    hits.sort_by(|a, b| rank_key(b.0, b.1, b.2).cmp(&rank_key(a.0, a.1, a.2)));
}
