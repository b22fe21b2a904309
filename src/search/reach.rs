//! How good a headline match can still be, told from the postings alone
//! (no text read): the headline pass skips a headline whose best possible
//! match cannot outrank the hits already in hand.
//!
//! For a query and a part of the index, three lists of headlines:
//! - those that may match side by side: every adjacent pair of the query is
//!   among the headline's pairs ([`super::pairs`]);
//! - those where a pinyin match may end on a whole syllable: the last two
//!   chunks of the query as a pair whose second syllable is spelled like an
//!   ending of the query (`lvli` needs (lv, li): 吕梁 cannot), or a literal
//!   match;
//! - those where a match may begin and end on word boundaries: a character
//!   read like the query's first syllable begins a word (the headline's
//!   word keys, `index::add_word_keys`) and the query's last pair
//!   ends one ([`super::pairs::ending_a_word`]; for a one-character match,
//!   a character read so is a word of its own), or a literal match, or a
//!   headline whose boundaries are found at search time.
//!
//! Each list is a superset of what the matcher finds, so a headline outside
//! them cannot reach that quality; the hits are the same as when every
//! headline is read.

use super::docset::SetRef;
use super::engine::Quality;
use super::index::{Part, no_bounds_key, word_end_key, word_one_key, word_start_key};
use super::pairs::{char_pair, ending_a_word, syllable_pair};
use super::pinyin::{self, Chunk, Table};

/// Most pair keys in one clause (a clause with more is dropped: the test
/// is looser, never wrong).
const MAX_CLAUSE: usize = 64;

/// For one of the alternatives, every clause holds one of its pair keys.
type Alternatives = Vec<Vec<Vec<u32>>>;

/// What a query's headline matches need, as keys.
#[derive(Debug, Clone)]
pub struct Reach {
    /// Pairs of a contiguous match (None: no test possible).
    contiguous: Option<Alternatives>,
    /// For a pinyin query: pairs of a match ending on a whole syllable
    /// (None when every match ends whole: not a pinyin query).
    whole: Option<Whole>,
    /// What a word-aligned match begins and ends on, for one of the
    /// alternatives (None: no test).
    aligned: Option<Vec<Aligned>>,
}

/// A word-aligned match, one way: a character beginning a word (headline
/// keys; empty: not tested) and an end.
#[derive(Debug, Clone)]
struct Aligned {
    start: Vec<u32>,
    /// Keys of pairs ending a word ([`ending_a_word`]) when `end_pair`,
    /// else headline keys (a character ending a word, or a word of its own).
    end: Vec<u32>,
    end_pair: bool,
}

#[derive(Debug, Clone)]
struct Whole {
    pairs: Alternatives,
    /// Some reading of the query is one chunk (or its pairs are too many):
    /// the headlines holding a character read like an ending count too.
    single: bool,
}

/// The headlines of one part that may reach each quality; None: every
/// headline may.
#[derive(Debug, Clone, Default)]
pub struct PartReach {
    /// False when only `contiguous` was computed (the others then say
    /// "every headline").
    pub full: bool,
    /// The part's first document.
    start: u32,
    contiguous: Option<Bits>,
    whole: Option<Bits>,
    aligned: Option<Bits>,
}

/// The syllables a chunk of a pinyin query may be read as.
fn ids(t: &Table, c: &Chunk) -> Vec<u16> {
    match c {
        Chunk::Full(id) => vec![*id],
        Chunk::Partial(_, ids) if !ids.is_empty() => ids.clone(),
        Chunk::Partial(l, _) | Chunk::Initial(l) => {
            std::str::from_utf8(std::slice::from_ref(l)).map_or_else(|_| Vec::new(), |s| t.with_prefix(s).to_vec())
        }
    }
}

/// The pair keys of two adjacent chunks read `a` then `b` (None when too many).
fn clause(a: &[u16], b: &[u16]) -> Option<Vec<u32>> {
    if a.is_empty() || b.is_empty() || a.len() * b.len() > MAX_CLAUSE {
        return None;
    }
    Some(a.iter().flat_map(|&x| b.iter().map(move |&y| syllable_pair(x, y))).collect())
}

/// The key of two adjacent query characters (as [`super::pairs::keys_of`]
/// makes them for the text).
fn literal_pair(t: &Table, a: char, b: char) -> u32 {
    match (t.readings(a).first(), t.readings(b).first()) {
        (Some(&x), Some(&y)) => syllable_pair(x, y),
        _ => char_pair(a, b),
    }
}

impl Reach {
    /// What the query with folded, lower-cased chars `chars` and pinyin
    /// letters `py` (when it reads as pinyin) needs.
    pub fn of(chars: &[char], py: Option<&[u8]>) -> Reach {
        let t = pinyin::table();
        let segs = py.map(|q| pinyin::segmentations(t, q, 64));
        let contiguous = (|| {
            if chars.len() < 2 {
                return None;
            }
            let mut alts = vec![chars.windows(2).map(|w| vec![literal_pair(t, w[0], w[1])]).collect::<Vec<_>>()];
            if let Some((segs, complete)) = &segs {
                if !complete {
                    return None;
                }
                for seg in segs {
                    let clauses: Vec<Vec<u32>> =
                        seg.windows(2).filter_map(|w| clause(&ids(t, &w[0]), &ids(t, &w[1]))).collect();
                    if clauses.is_empty() {
                        return None;
                    }
                    alts.push(clauses);
                }
            }
            Some(alts)
        })();
        let whole = match (py, &segs) {
            // Readings cut short: any ending character counts.
            (Some(_), Some((_, false))) => Some(Whole { pairs: Vec::new(), single: true }),
            (Some(q), Some((segs, true))) => {
                // Syllables spelled like an ending of the query.
                let mut ends: Vec<u16> =
                    (0..q.len()).filter_map(|k| std::str::from_utf8(&q[k..]).ok().and_then(|s| t.spelled(s))).collect();
                ends.sort_unstable();
                ends.dedup();
                let mut w = Whole { pairs: Vec::new(), single: false };
                for seg in segs {
                    match seg.len() {
                        0 => {}
                        1 => w.single = true,
                        n => match clause(&ids(t, &seg[n - 2]), &ends) {
                            Some(c) => w.pairs.push(vec![c]),
                            None => w.single |= !ends.is_empty(),
                        },
                    }
                }
                Some(w)
            }
            _ => None,
        };
        let aligned = match &segs {
            Some((_, false)) => None,
            Some((segs, true)) => {
                let mut alts = Vec::new();
                for seg in segs {
                    let n = seg.len();
                    let Some(last) = seg.last() else { continue };
                    let last_ids = ids(t, last);
                    if n == 1 {
                        let end = last_ids.into_iter().filter_map(word_one_key).collect();
                        alts.push(Aligned { start: Vec::new(), end, end_pair: false });
                        continue;
                    }
                    let start = ids(t, &seg[0]).into_iter().filter_map(word_start_key).collect();
                    alts.push(match clause(&ids(t, &seg[n - 2]), &last_ids) {
                        Some(c) => Aligned { start, end: c.into_iter().map(ending_a_word).collect(), end_pair: true },
                        None => {
                            let end = last_ids.into_iter().filter_map(word_end_key).collect();
                            Aligned { start, end, end_pair: false }
                        }
                    });
                }
                Some(alts)
            }
            None => {
                let first = chars.first().and_then(|&c| t.readings(c).first().copied());
                match chars {
                    [] => None,
                    [_] => first
                        .and_then(word_one_key)
                        .map(|k| vec![Aligned { start: Vec::new(), end: vec![k], end_pair: false }]),
                    [.., y, z] => Some(vec![Aligned {
                        start: first.and_then(word_start_key).into_iter().collect(),
                        end: vec![ending_a_word(literal_pair(t, *y, *z))],
                        end_pair: true,
                    }]),
                }
            }
        };
        Reach { contiguous, whole, aligned }
    }

    /// The lists of `part` (whose first document is `start`): `literal`
    /// holds its headlines that may match the query literally (index
    /// documents; only asked for a pinyin query), `whole_single` those
    /// holding a character read like an ending of the query. Unless
    /// `full`, only the first list is computed.
    pub fn in_part(
        &self,
        part: &Part,
        start: u32,
        full: bool,
        literal: impl FnOnce() -> Vec<u32>,
        whole_single: impl FnOnce() -> Vec<u32>,
    ) -> PartReach {
        let len = part.len();
        let empty = || Bits::new(len);
        let of_alts = |alts: &Alternatives| {
            let mut out = empty();
            // Many readings of a query share clauses: each is read once.
            let mut seen: std::collections::HashMap<&[u32], Bits> = std::collections::HashMap::new();
            for alt in alts {
                let mut hit: Option<Bits> = None;
                for clause in alt {
                    let any = seen.entry(clause.as_slice()).or_insert_with(|| {
                        let mut any = empty();
                        for &k in clause {
                            part.pairs.set_bits(k, &mut any.0);
                        }
                        any
                    });
                    hit = Some(match hit {
                        Some(h) => h.and(any),
                        None => any.clone(),
                    });
                }
                if let Some(h) = hit {
                    out = out.or(&h);
                }
            }
            out
        };
        let contiguous = self.contiguous.as_ref().map(of_alts);
        if !full {
            return PartReach { full, start, contiguous, whole: None, aligned: None };
        }
        let literal = if self.whole.is_some() { Bits::of_global(len, start, &literal()) } else { empty() };
        let whole = self.whole.as_ref().map(|w| {
            let mut out = of_alts(&w.pairs).or(&literal);
            if w.single {
                out = out.or(&Bits::of_global(len, start, &whole_single()));
            }
            out
        });
        let aligned = self.aligned.as_ref().map(|alts| {
            let heads_any = |keys: &[u32]| {
                let mut b = empty();
                for &k in keys {
                    b.add(part.heads.get(k));
                }
                b
            };
            let mut out = literal.clone();
            out.add(part.heads.get(no_bounds_key()));
            let mut starts: std::collections::HashMap<&[u32], Bits> = std::collections::HashMap::new();
            for a in alts {
                let mut end = if a.end_pair {
                    let mut b = empty();
                    for &k in &a.end {
                        part.pairs.set_bits(k, &mut b.0);
                    }
                    b
                } else {
                    heads_any(&a.end)
                };
                if !a.start.is_empty() {
                    end = end.and(starts.entry(a.start.as_slice()).or_insert_with(|| heads_any(&a.start)));
                }
                out = out.or(&end);
            }
            out
        });
        PartReach { full, start, contiguous, whole, aligned }
    }
}

/// A set of the documents of one part, one bit each.
#[derive(Debug, Clone, Default)]
struct Bits(Vec<u64>);

impl Bits {
    fn new(len: u32) -> Bits {
        Bits(vec![0; (len as usize).div_ceil(64)])
    }

    /// The documents of `global` (index documents) that fall in the part
    /// starting at `start`.
    fn of_global(len: u32, start: u32, global: &[u32]) -> Bits {
        let mut b = Bits::new(len);
        for &d in global {
            if let Some(local) = d.checked_sub(start) {
                b.set(local);
            }
        }
        b
    }

    fn set(&mut self, d: u32) {
        if let Some(w) = self.0.get_mut(d as usize / 64) {
            *w |= 1 << (d % 64);
        }
    }

    fn has(&self, d: u32) -> bool {
        self.0.get(d as usize / 64).is_some_and(|w| w >> (d % 64) & 1 == 1)
    }

    fn add(&mut self, s: SetRef<'_>) {
        match s {
            SetRef::List(v) => v.iter().for_each(|&d| self.set(d)),
            SetRef::Bits(b) => self.0.iter_mut().zip(b).for_each(|(w, x)| *w |= x),
        }
    }

    fn and(mut self, o: &Bits) -> Bits {
        self.0.iter_mut().zip(&o.0).for_each(|(w, x)| *w &= x);
        self
    }

    fn or(mut self, o: &Bits) -> Bits {
        self.0.iter_mut().zip(&o.0).for_each(|(w, x)| *w |= x);
        self
    }
}

fn holds(set: &Option<Bits>, local: u32) -> bool {
    set.as_ref().is_none_or(|b| b.has(local))
}

impl PartReach {
    fn local(&self, doc: u32) -> u32 {
        doc.wrapping_sub(self.start)
    }

    /// True when `doc` (an index document of the part) may hold the query
    /// side by side.
    pub fn contiguous(&self, doc: u32) -> bool {
        holds(&self.contiguous, self.local(doc))
    }

    /// The best headline match `doc` may hold, when side by side.
    pub fn best(&self, doc: u32) -> Quality {
        let d = self.local(doc);
        Quality { contiguous: true, tier: 2, whole: holds(&self.whole, d), aligned: holds(&self.aligned, d) }
    }

    /// Of `docs` (sorted index documents; None: every headline of the
    /// part), those whose best possible match is better than `bar` (None:
    /// no list tells, every headline may be).
    pub fn above(&self, docs: Option<&[u32]>, bar: Quality) -> Option<Vec<u32>> {
        let mut sets: Vec<&Bits> = self.contiguous.iter().collect();
        // Tier 2 and side by side: only whole and aligned can still help.
        let either;
        if bar.contiguous && bar.tier >= 2 {
            match (bar.whole, bar.aligned) {
                (false, false) => {
                    if let (Some(w), Some(a)) = (&self.whole, &self.aligned) {
                        either = w.clone().or(a);
                        sets.push(&either);
                    }
                }
                (false, true) => sets.extend(&self.whole),
                (true, false) => {
                    sets.extend(&self.whole);
                    sets.extend(&self.aligned);
                }
                (true, true) => return Some(Vec::new()),
            }
        }
        let keep = |d: u32| self.best(d) > bar && sets.iter().all(|s| s.has(self.local(d)));
        match docs {
            Some(docs) => Some(docs.iter().copied().filter(|&d| keep(d)).collect()),
            None => {
                let (first, rest) = sets.split_first()?;
                let mut all = (*first).clone();
                for s in rest {
                    all = all.and(s);
                }
                let mut out = Vec::new();
                for (i, mut w) in all.0.into_iter().enumerate() {
                    while w != 0 {
                        let d = self.start + i as u32 * 64 + w.trailing_zeros();
                        w &= w - 1;
                        if keep(d) {
                            out.push(d);
                        }
                    }
                }
                Some(out)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold::fold_lower;
    use crate::search::{Cache, Index, Query, words};
    use std::sync::Arc;

    /// The queries a headline gives: runs of 1–4 of its characters, as
    /// Hanzi, as full pinyin and as full pinyin less its last letter.
    fn queries_of(t: &Table, title: &str, out: &mut Vec<String>) {
        let chars: Vec<char> = title.chars().filter(|c| !c.is_whitespace()).take(30).collect();
        for len in 1..=4 {
            for w in chars.windows(len).step_by(2) {
                out.push(w.iter().collect());
                if w.iter().all(|&c| !t.readings(c).is_empty()) {
                    let py: String = w.iter().map(|&c| t.syllable(t.readings(c)[0])).collect();
                    if py.len() > 2 {
                        out.push(py[..py.len() - 1].to_string());
                    }
                    out.push(py);
                }
            }
        }
    }

    #[test]
    fn no_headline_match_is_better_than_its_reach() {
        // Every headline hit of every query (all of them: the list is never
        // full here) is within what the reach allowed for its headline.
        let _ = words::jieba();
        let t = pinyin::table();
        let index = Index::build(Arc::new(crate::archive::group(crate::loader::bundled())));
        let mut queries = Vec::new();
        for doc in 0..index.len() as u32 {
            queries_of(t, &index.article(doc).title, &mut queries);
        }
        queries.sort();
        queries.dedup();
        let mut checked = 0;
        for q in &queries {
            let query = Query::new(q);
            let chars: Vec<char> = q.chars().map(fold_lower).filter(|c| !c.is_whitespace()).collect();
            let py = pinyin::normalise_query(q).filter(|p| p.len() >= 2);
            let reach = Reach::of(&chars, py.as_deref());
            let Some(r) = index.search(&query, 100_000, &mut Cache::default(), &|| false) else { continue };
            for h in r.hits.iter().filter(|h| h.matched.quality.tier > 0 && h.matched.quality.contiguous) {
                let k = (0..index.parts().len())
                    .rfind(|&k| index.part_at(k).is_some_and(|(s, _)| s <= h.doc))
                    .expect("the hit's part");
                let (start, part) = index.part_at(k).expect("a part");
                let heads = index.heads().slice(k..k + 1);
                let pr = reach.in_part(
                    part,
                    start,
                    true,
                    || heads.literal_candidates(&chars).unwrap_or_default(),
                    || py.as_deref().map(|p| heads.whole_ending_candidates(p)).unwrap_or_default(),
                );
                let (got, best) = (h.matched.quality, pr.best(h.doc));
                assert!(pr.contiguous(h.doc), "{q}: {} matches side by side", h.title);
                assert!(!got.whole || best.whole, "{q}: {} ends on a whole syllable", h.title);
                assert!(!got.aligned || best.aligned, "{q}: {} is word-aligned", h.title);
                checked += 1;
            }
        }
        assert!(checked > 1000, "{checked} headline hits checked");
    }
}
