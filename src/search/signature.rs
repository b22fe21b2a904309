//! Pair signatures: per article, a small Bloom filter of the pairs of
//! adjacent characters it contains — the pair of pinyin syllables for two
//! adjacent Hanzi (every reading of each), the pair of folded characters
//! otherwise. A query of two or more characters (or pinyin syllables)
//! matches contiguously only in an article whose signature holds every pair
//! of the query, so the body pass reads the text of few articles that turn
//! out not to match. A signature is about [`BITS_PER_PAIR`] bits per pair
//! of the article (false positives per pair about 1 in 5; a query of three
//! pairs lets through about 1 article in 100 that lacks them).
//!
//! The postings ([`super::index`]) narrow by single keys; signatures then
//! tell, per candidate, whether the keys are side by side. They cost a
//! fraction of what positional bigram postings would (a bit or two per
//! character instead of a position per character).

use super::bytes::Buf;
use super::fold::fold_lower;
use super::pinyin::{self, Chunk, Table};

/// Bits of signature per pair of adjacent characters.
pub const BITS_PER_PAIR: usize = 4;

/// The signatures of every document, end to end.
#[derive(Debug, Default)]
pub struct Signatures {
    words: Buf<u64>,
    /// Per document: where its words start (one extra entry at the end).
    starts: Buf<u32>,
}

fn syllable_pair(a: u16, b: u16) -> u64 {
    (1 << 62) | ((a as u64) << 16) | b as u64
}

fn char_pair(a: char, b: char) -> u64 {
    (2 << 62) | ((a as u64) << 21) | b as u64
}

fn mix(key: u64) -> u64 {
    let mut h = key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^= h >> 29;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^ (h >> 32)
}

/// The pairs of adjacent characters in `text`, as keys (appended to `out`).
pub fn pairs(t: &Table, text: &str, out: &mut Vec<u64>) {
    let mut prev: Option<(char, &[u16])> = None;
    for c in text.chars() {
        let f = fold_lower(c);
        let r = t.readings(f);
        if let Some((p, pr)) = prev {
            push_pair(p, pr, f, r, out);
        }
        prev = Some((f, r));
    }
}

/// Appends the keys of the pair of folded characters `p` and `f`, read
/// `pr` and `r` ([`Table::readings`]), to `out` (as [`pairs`] does).
#[inline]
pub(crate) fn push_pair(p: char, pr: &[u16], f: char, r: &[u16], out: &mut Vec<u64>) {
    if pr.is_empty() || r.is_empty() {
        out.push(mix(char_pair(p, f)));
    } else {
        for &a in pr {
            for &b in r {
                out.push(mix(syllable_pair(a, b)));
            }
        }
    }
}

fn bit(hash: u64, bits: usize) -> usize {
    ((hash as u128 * bits as u128) >> 64) as usize
}

/// Builds signatures document by document.
#[derive(Debug, Default)]
pub struct Builder {
    words: Vec<u64>,
    starts: Vec<u32>,
}

/// The signature words of a document, given the keys of its pairs ([`pairs`]).
pub fn words_of(keys: &[u64]) -> Vec<u64> {
    let mut words = vec![0u64; (keys.len() * BITS_PER_PAIR).div_ceil(64)];
    let bits = words.len() * 64;
    for &k in keys {
        let b = bit(k, bits);
        words[b / 64] |= 1u64 << (b % 64);
    }
    words
}

impl Builder {
    /// Adds the next document, given the keys of its pairs ([`pairs`]).
    pub fn push(&mut self, keys: &[u64]) {
        self.push_words(&words_of(keys));
    }

    /// Adds the next document, given its signature words ([`words_of`]).
    pub fn push_words(&mut self, words: &[u64]) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.words.extend_from_slice(words);
        self.starts.push(self.words.len() as u32);
    }

    /// The signatures built.
    pub fn finish(mut self) -> Signatures {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.words.shrink_to_fit();
        Signatures { words: self.words.into(), starts: self.starts.into() }
    }
}

impl Signatures {
    /// Joins the signatures of consecutive document ranges.
    pub fn concat(parts: Vec<Signatures>) -> Signatures {
        let (mut words, mut starts) = (Vec::with_capacity(parts.iter().map(|p| p.words.len()).sum()), vec![0]);
        for p in parts {
            let base = words.len() as u32;
            starts.extend(p.starts.iter().skip(1).map(|s| s + base));
            words.extend_from_slice(&p.words);
        }
        Signatures { words: Buf::Owned(words), starts: Buf::Owned(starts) }
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.words.bytes() + self.starts.bytes()
    }

    /// Writes the signatures ([`Signatures::decode`] reads them back).
    pub fn encode(&self, w: &mut super::bytes::Writer) {
        w.u64s(&self.words);
        w.u32s(&self.starts);
    }

    /// Reads the signatures of `docs` documents back; None unless well
    /// formed (every document's words within the words stored).
    pub fn decode(r: &mut super::bytes::Reader<'_>, docs: u32) -> Option<Signatures> {
        let words = r.u64s()?;
        let starts = r.u32s()?;
        let fits = starts.len() == docs as usize + 1
            && starts.first() == Some(&0)
            && starts.windows(2).all(|w| w[0] <= w[1])
            && starts.last().is_some_and(|&l| l as usize == words.len());
        fits.then_some(Signatures { words, starts })
    }

    fn holds(&self, doc: u32, hash: u64) -> bool {
        let (Some(&a), Some(&b)) = (self.starts.get(doc as usize), self.starts.get(doc as usize + 1)) else {
            return true;
        };
        let words = &self.words[a as usize..b as usize];
        if words.is_empty() {
            return false;
        }
        let i = bit(hash, words.len() * 64);
        (words[i / 64] >> (i % 64)) & 1 == 1
    }

    /// True when document `doc` may hold every pair `need` asks for.
    pub fn may_match(&self, doc: u32, need: &Pairs) -> bool {
        match need {
            Pairs::Any => true,
            Pairs::OneOf(alternatives) => {
                alternatives.iter().any(|clauses| clauses.iter().all(|any| any.iter().any(|&h| self.holds(doc, h))))
            }
        }
    }
}

/// The pairs a contiguous match of a query needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pairs {
    /// No test possible (a single character, or too many pinyin readings).
    Any,
    /// A document may match when, for one of the alternatives, every clause
    /// has one of its pairs.
    OneOf(Vec<Vec<Vec<u64>>>),
}

impl Pairs {
    /// The pairs of a query: its folded, lower-cased chars `chars`, and its
    /// pinyin letters when it reads as pinyin.
    pub fn of_query(chars: &[char], pinyin_letters: Option<&[u8]>) -> Pairs {
        let t = pinyin::table();
        let mut alternatives = Vec::new();
        let literal: Vec<Vec<u64>> = chars
            .windows(2)
            .map(|w| {
                let (ra, rb) = (t.readings(w[0]), t.readings(w[1]));
                match (ra.first(), rb.first()) {
                    (Some(&a), Some(&b)) => vec![mix(syllable_pair(a, b))],
                    _ => vec![mix(char_pair(w[0], w[1]))],
                }
            })
            .collect();
        if literal.is_empty() {
            return Pairs::Any;
        }
        alternatives.push(literal);
        if let Some(q) = pinyin_letters {
            let (segs, complete) = pinyin::segmentations(t, q, 64);
            if !complete {
                return Pairs::Any;
            }
            for seg in segs {
                let mut clauses = Vec::new();
                for w in seg.windows(2) {
                    match (&w[0], &w[1]) {
                        (Chunk::Full(a), Chunk::Full(b)) => clauses.push(vec![mix(syllable_pair(*a, *b))]),
                        (Chunk::Full(a), Chunk::Partial(_, ids)) if !ids.is_empty() => {
                            clauses.push(ids.iter().map(|&b| mix(syllable_pair(*a, b))).collect())
                        }
                        _ => {}
                    }
                }
                if clauses.is_empty() {
                    return Pairs::Any;
                }
                alternatives.push(clauses);
            }
        }
        Pairs::OneOf(alternatives)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::pinyin::normalise_query;

    fn sigs(texts: &[&str]) -> Signatures {
        let t = pinyin::table();
        let mut b = Builder::default();
        for text in texts {
            let mut keys = Vec::new();
            pairs(t, text, &mut keys);
            b.push(&keys);
        }
        b.finish()
    }

    fn need(q: &str) -> Pairs {
        let chars: Vec<char> = q.chars().map(fold_lower).collect();
        Pairs::of_query(&chars, normalise_query(q).as_deref())
    }

    #[test]
    fn a_signature_holds_the_pairs_of_its_text() {
        let s = sigs(&["吕梁市老旧小区改造工程 2023年", "孙大军在会上讲话", ""]);
        for q in ["吕梁", "老旧小区改造", "lvliang", "lvlian", "lyuliangshi", "2023", "孙大军", "sundajun"] {
            assert!(s.may_match(0, &need(q)) || s.may_match(1, &need(q)), "{q}");
        }
        assert!(s.may_match(0, &need("吕梁")));
        assert!(s.may_match(1, &need("sundajun")));
        assert!(!s.may_match(2, &need("吕梁")), "an empty article holds no pair");
        assert_eq!(need("吕"), Pairs::Any, "one character: no pair to test");
        assert_eq!(need("sdj"), Pairs::Any, "initials only: the postings narrow those");
    }

    #[test]
    fn pairs_not_side_by_side_are_mostly_told_apart() {
        // Varied articles holding 改 and 造 but never side by side.
        let words = ["改正", "制造", "建造", "改革", "发展", "桥梁", "城市", "农村", "学校", "医院", "道路", "工作"];
        let mut x = 7u64;
        let texts: Vec<String> = (0..200)
            .map(|_| {
                (0..16)
                    .map(|_| {
                        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                        words[(x >> 33) as usize % words.len()]
                    })
                    .collect::<Vec<_>>()
                    .join("，")
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let s = sigs(&refs);
        let passed = (0..200).filter(|&d| s.may_match(d, &need("改造"))).count();
        assert!(passed < 100, "{passed} of 200 articles without 改造 passed");
        for (d, text) in texts.iter().enumerate() {
            for q in ["改正", "制造", "学校，医院"] {
                if text.contains(q) {
                    assert!(s.may_match(d as u32, &need(q)), "{q} in {text}");
                }
            }
        }
    }

    #[test]
    fn no_article_loses_a_run_of_its_own_text() {
        // Every run of 2–4 characters of every bundled article, typed as
        // Hanzi and as full pinyin, passes its own article's signature.
        let t = pinyin::table();
        let index = crate::search::Index::build(std::sync::Arc::new(crate::archive::group(crate::loader::bundled())));
        let mut checked = 0;
        for doc in 0..index.len() as u32 {
            let a = index.article(doc);
            for text in std::iter::once(a.title.as_str()).chain(a.paragraphs.iter().map(String::as_str).take(3)) {
                let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).take(40).collect();
                for len in 2..=4 {
                    for w in chars.windows(len).step_by(3) {
                        let q: String = w.iter().collect();
                        if q.chars().count() != len || !text.contains(&q) {
                            continue;
                        }
                        assert!(index.may_match(doc, &need(&q)), "{q} in doc {doc}");
                        if w.iter().all(|&c| !t.readings(c).is_empty()) {
                            let py: String = w.iter().map(|&c| t.syllable(t.readings(c)[0])).collect();
                            // (Only readings the pinyin matcher accepts: a vowel syllable only first.)
                            if pinyin::find_all(t, w, py.as_bytes(), 1).is_empty() {
                                continue;
                            }
                            assert!(index.may_match(doc, &need(&py)), "{py} ({q}) in doc {doc}");
                        }
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn concat_keeps_each_documents_signature() {
        let a = sigs(&["吕梁市", "晋绥"]);
        let b = sigs(&["孙大军"]);
        let s = Signatures::concat(vec![a, b]);
        assert!(s.may_match(0, &need("吕梁")));
        assert!(s.may_match(1, &need("晋绥")));
        assert!(s.may_match(2, &need("大军")));
        assert!(s.may_match(2, &need("sundajun")));
    }
}
