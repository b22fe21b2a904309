//! The search index: every article of every issue is a document; postings
//! map keys (a folded character, a pinyin syllable, a pair of consecutive
//! pinyin initials) to the sorted documents that contain them. The index
//! only narrows the candidates; the matchers in [`super::engine`] decide.

use super::docset::{self, Segment, SetRef};
use super::fold::fold_lower;
use super::pinyin::{self, Chunk, Table};
use super::signature::{self, Signatures};
use super::sorted::union;
use super::words;
use crate::model::{Article, Issue};
use std::sync::Arc;

/// Keys below this are folded, lower-cased BMP characters.
const CHAR_KEYS: u32 = 0x1_0000;
/// Syllable keys: `SYL_BASE + syllable id`.
const SYL_BASE: u32 = CHAR_KEYS;
const SYL_KEYS: u32 = 2048;
/// Initial-pair keys: `PAIR_BASE + a * 26 + b` for consecutive Hanzi whose
/// readings begin with letters a and b.
const PAIR_BASE: u32 = SYL_BASE + SYL_KEYS;
const KEYS: u32 = PAIR_BASE + 26 * 26;

/// Where a document lives in the issues the index was built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocRef {
    /// Index of the issue in the issue list.
    pub issue: u32,
    /// Index of the page within the issue.
    pub page: u32,
    /// Index of the article within the page.
    pub article_in_page: u32,
    /// Index of the article within the issue (as [`Issue::article`]).
    pub article: u32,
}

/// An index over every article of a list of issues (which it shares).
pub struct Index {
    issues: Arc<Vec<Issue>>,
    docs: Vec<DocRef>,
    /// Keys of every field of each article.
    all: Postings,
    /// Keys of the headline, kicker and subtitle only.
    heads: Postings,
    keywords: Vec<Vec<String>>,
    /// Per document: jieba word boundaries of title, kicker and subtitle
    /// ([`words::mask`]; 0 when too long to precompute).
    head_bounds: Vec<[u64; 3]>,
    /// Per document: which pairs of adjacent characters it holds.
    sigs: Signatures,
    /// False to search without the signatures (for measurements).
    use_sigs: bool,
}

/// Sorted document lists per key.
pub struct Postings(Vec<Segment>);

/// The headline texts of an article: title, kicker, subtitle.
pub(crate) fn head_texts(a: &Article) -> impl Iterator<Item = &str> {
    std::iter::once(a.title.as_str()).chain(a.kicker.as_deref()).chain(a.subtitle.as_deref())
}

/// The other searchable texts of an article.
pub(crate) fn body_texts(a: &Article) -> impl Iterator<Item = &str> {
    a.byline
        .as_deref()
        .into_iter()
        .chain(a.paragraphs.iter().map(String::as_str))
        .chain(a.captions.iter().map(String::as_str))
        .chain(a.keywords.iter().map(String::as_str))
}

fn add_keys(t: &Table, text: &str, keys: &mut Vec<u32>) {
    let mut prev: &[u16] = &[];
    for c in text.chars() {
        let f = fold_lower(c) as u32;
        if f < CHAR_KEYS {
            keys.push(f);
        }
        let r = t.readings(c);
        for &id in r {
            if (id as u32) < SYL_KEYS {
                keys.push(SYL_BASE + id as u32);
            }
        }
        for &a in prev {
            for &b in r {
                if let (Some(x), Some(y)) = (letter(t, a), letter(t, b)) {
                    keys.push(PAIR_BASE + x * 26 + y);
                }
            }
        }
        prev = r;
    }
}

fn letter(t: &Table, id: u16) -> Option<u32> {
    let l = *t.syllable(id).as_bytes().first()?;
    l.is_ascii_lowercase().then(|| (l - b'a') as u32)
}

impl Index {
    /// Builds the index (on every available core; about a second per
    /// 100 MB of text).
    pub fn build(issues: Arc<Vec<Issue>>) -> Index {
        let t = pinyin::table();
        let mut docs = Vec::new();
        for (i, issue) in issues.iter().enumerate() {
            let mut n = 0u32;
            for (p, page) in issue.pages.iter().enumerate() {
                for a in 0..page.articles.len() {
                    docs.push(DocRef { issue: i as u32, page: p as u32, article_in_page: a as u32, article: n });
                    n += 1;
                }
            }
        }
        let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).clamp(1, 8);
        let chunk = docs.len().div_ceil(threads).max(1);
        let jieba = words::jieba();
        let parts: Vec<(Segment, Segment, Vec<[u64; 3]>, Signatures)> = std::thread::scope(|s| {
            let handles: Vec<_> = docs
                .chunks(chunk)
                .enumerate()
                .map(|(ci, slice)| {
                    let issues = &issues;
                    s.spawn(move || {
                        let base = (ci * chunk) as u32;
                        let mut all = Segment::new(base, slice.len() as u32, KEYS as usize);
                        let mut heads = Segment::new(base, slice.len() as u32, KEYS as usize);
                        let mut keys = Vec::new();
                        // Per key: 1 + the last document that listed it (dedup without sorting).
                        let mut seen_head = vec![0u32; KEYS as usize];
                        let mut seen_all = vec![0u32; KEYS as usize];
                        let mut bounds = Vec::with_capacity(slice.len());
                        let mut sigs = signature::Builder::default();
                        let mut pair_keys = Vec::new();
                        for (k, d) in slice.iter().enumerate() {
                            let doc = (ci * chunk + k) as u32;
                            let a =
                                &issues[d.issue as usize].pages[d.page as usize].articles[d.article_in_page as usize];
                            let mut b = [0u64; 3];
                            for (slot, text) in b.iter_mut().zip(head_texts(a)) {
                                *slot = words::mask(jieba, text).unwrap_or(0);
                            }
                            bounds.push(b);
                            keys.clear();
                            for text in head_texts(a) {
                                add_keys(t, text, &mut keys);
                            }
                            for &key in &keys {
                                if seen_head[key as usize] != doc + 1 {
                                    seen_head[key as usize] = doc + 1;
                                    heads.push(key as usize, doc);
                                }
                            }
                            pair_keys.clear();
                            for text in head_texts(a).chain(body_texts(a)) {
                                signature::pairs(t, text, &mut pair_keys);
                            }
                            sigs.push(&pair_keys);
                            for text in body_texts(a) {
                                add_keys(t, text, &mut keys);
                            }
                            for &key in &keys {
                                if seen_all[key as usize] != doc + 1 {
                                    seen_all[key as usize] = doc + 1;
                                    all.push(key as usize, doc);
                                }
                            }
                        }
                        all.finish();
                        heads.finish();
                        (all, heads, bounds, sigs.finish())
                    })
                })
                .collect();
            handles.into_iter().filter_map(|h| h.join().ok()).collect()
        });
        let mut alls = Vec::new();
        let mut headss = Vec::new();
        let mut head_bounds = Vec::with_capacity(docs.len());
        let mut sig_parts = Vec::new();
        for (a, h, b, g) in parts {
            alls.push(a);
            headss.push(h);
            head_bounds.extend(b);
            sig_parts.push(g);
        }
        let keywords = vec![Vec::new(); docs.len()];
        let sigs = Signatures::concat(sig_parts);
        Index {
            issues,
            docs,
            all: Postings::merge(alls),
            heads: Postings::merge(headss),
            keywords,
            head_bounds,
            sigs,
            use_sigs: true,
        }
    }

    /// The issues this index was built from.
    pub fn issues(&self) -> &Arc<Vec<Issue>> {
        &self.issues
    }

    /// Number of documents (articles).
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when there is no article at all.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Where document `doc` lives.
    pub fn doc(&self, doc: u32) -> DocRef {
        self.docs[doc as usize]
    }

    /// The document number of article `article` (index within the issue) of
    /// issue `issue`.
    pub fn doc_of(&self, issue: usize, article: usize) -> Option<u32> {
        let start = self.docs.partition_point(|d| (d.issue as usize) < issue);
        let d = start + article;
        (self.docs.get(d)?.issue as usize == issue).then_some(d as u32)
    }

    /// The article of document `doc`.
    pub fn article(&self, doc: u32) -> &Article {
        let d = self.docs[doc as usize];
        &self.issues[d.issue as usize].pages[d.page as usize].articles[d.article_in_page as usize]
    }

    /// Keywords found later (e.g. by jieba) for document `doc`; searched too.
    pub fn extra_keywords(&self, doc: u32) -> &[String] {
        &self.keywords[doc as usize]
    }

    /// Precomputed word boundaries of the `n`-th headline text (title,
    /// kicker, subtitle in that order of those present) of `doc`.
    pub fn head_bounds(&self, doc: u32, n: usize) -> Option<u64> {
        self.head_bounds.get(doc as usize).map(|b| b[n.min(2)]).filter(|&m| m != 0)
    }

    /// Stores keywords of an article (its body words: the postings need no
    /// change, since keywords are made of the body's characters).
    pub fn set_keywords(&mut self, doc: u32, words: Vec<String>) {
        if let Some(k) = self.keywords.get_mut(doc as usize) {
            *k = words;
        }
    }

    /// Bytes held by the postings and pair signatures (for the benchmark).
    pub fn postings_bytes(&self) -> usize {
        self.all.bytes() + self.heads.bytes() + self.sigs.bytes()
    }

    /// The pair signatures of every document.
    pub fn signatures(&self) -> &Signatures {
        &self.sigs
    }

    /// Whether searches take their shortcuts — the pair signatures and the
    /// early stop of the headline pass for pinyin that cannot end on a whole
    /// syllable (on unless turned off, which only the benchmark does, to
    /// measure what they save; the hits are the same).
    pub fn set_use_signatures(&mut self, on: bool) {
        self.use_sigs = on;
    }

    /// True when searches test the pair signatures.
    pub fn uses_signatures(&self) -> bool {
        self.use_sigs
    }

    /// Postings of every field.
    pub fn all(&self) -> &Postings {
        &self.all
    }

    /// Postings of headline, kicker and subtitle.
    pub fn heads(&self) -> &Postings {
        &self.heads
    }
}

impl Postings {
    /// Per-thread postings cover consecutive document ranges, so they are
    /// kept as segments: no merge, no second copy while building.
    fn merge(parts: Vec<Segment>) -> Postings {
        Postings(parts)
    }

    fn bytes(&self) -> usize {
        self.0.iter().map(Segment::bytes).sum::<usize>()
    }

    /// Runs `f` on each segment (its list for a key), concatenating results.
    fn per_segment(&self, mut f: impl FnMut(&Segment) -> Option<Vec<u32>>) -> Option<Vec<u32>> {
        let mut out: Option<Vec<u32>> = None;
        for seg in &self.0 {
            match f(seg) {
                Some(v) => out.get_or_insert_with(Vec::new).extend(v),
                None => return None,
            }
        }
        Some(out.unwrap_or_default())
    }

    /// Documents that may contain the folded, lower-cased chars `chars` (in
    /// any order); None means "no restriction" (no indexable char).
    pub fn literal_candidates(&self, chars: &[char]) -> Option<Vec<u32>> {
        let mut keys: Vec<u32> = chars.iter().map(|&c| c as u32).filter(|&k| k < CHAR_KEYS).collect();
        keys.sort_unstable();
        keys.dedup();
        if keys.is_empty() {
            return None;
        }
        self.per_segment(|seg| Some(docset::intersect(keys.iter().map(|&k| seg.get(k)).collect())))
    }

    /// Documents that may match the pinyin query `q` (a superset, unless
    /// the flag is false: too many ways to read the query were cut off).
    /// None when the query cannot be narrowed (too short to be worth a
    /// pinyin search).
    pub fn pinyin_candidates(&self, q: &[u8]) -> Option<(Vec<u32>, bool)> {
        let t = pinyin::table();
        let (segs, complete) = pinyin::segmentations(t, q, 64);
        if segs.is_empty() {
            return Some((Vec::new(), complete));
        }
        let found = self.per_segment(|seg_lists| {
            let list = |key: u32| seg_lists.get(key);
            let mut all: Vec<u32> = Vec::new();
            for seg in &segs {
                let mut lists: Vec<Vec<u32>> = Vec::new();
                let mut borrowed: Vec<SetRef<'_>> = Vec::new();
                for (i, ch) in seg.iter().enumerate() {
                    match ch {
                        Chunk::Full(id) => borrowed.push(list(SYL_BASE + *id as u32)),
                        Chunk::Partial(_, ids) if !ids.is_empty() => {
                            lists.push(docset::union(ids.iter().map(|&id| list(SYL_BASE + id as u32)).collect()));
                        }
                        _ => {}
                    }
                    if i + 1 < seg.len() {
                        let (a, b) = (ch.letter(t), seg[i + 1].letter(t));
                        if a.is_ascii_lowercase() && b.is_ascii_lowercase() {
                            borrowed.push(list(PAIR_BASE + (a - b'a') as u32 * 26 + (b - b'a') as u32));
                        }
                    }
                }
                borrowed.extend(lists.iter().map(|l| SetRef::List(l)));
                if borrowed.is_empty() {
                    // A lone short chunk ("x", "zh"): not worth a pinyin search.
                    return None;
                }
                let hits = docset::intersect(borrowed);
                all = union(vec![&all, &hits]);
            }
            Some(all)
        })?;
        Some((found, complete))
    }
}
