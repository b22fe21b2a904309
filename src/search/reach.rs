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
//!   headline whose boundaries are found at search time. Told for the
//!   headline itself only (its kicker and subtitle have no word keys nor
//!   pairs ending a word): a kicker or subtitle match ranks below every
//!   side-by-side headline match, and the lists are asked about only once
//!   the worst hit in hand is one (see [`PartReach::above`]), so the test
//!   is not fooled by a match starting in the headline and a word ending
//!   in the subtitle.
//!
//! Each list is a superset of what the matcher finds, so a headline outside
//! them cannot reach that quality; the hits are the same as when every
//! headline is read.

use super::docset::SetRef;
use super::engine::Quality;
use super::index::{
    Part, initials_key, latin_one_key, latin_start_key, no_bounds_key, syllable_key, word_end_key, word_one_key,
    word_start_key,
};
use super::pairs::{char_pair, ending_a_word, syllable_pair};
use super::pinyin::{self, Chunk, Table};
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

/// Most pair keys in one clause (a clause with more is dropped: the test
/// is looser, never wrong; two adjacent steps of a pinyin query are then
/// tested on their first letters, see [`Lattice`]).
const MAX_CLAUSE: usize = 64;

/// Most pair keys of the end of a word-aligned match (tested once per part
/// and query, not per reading).
const MAX_END_CLAUSE: usize = 1024;

/// A clause: keys, sorted, one of which a headline must hold — pair keys
/// ([`super::pairs`]) or headline keys (word keys, initials) — shared (the
/// [`Memo`] keeps one set per clause and part) and hashed once.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Keys {
    hash: u64,
    /// True for headline keys (`part.heads`), false for pair keys.
    heads: bool,
    keys: Arc<[u32]>,
}

impl std::hash::Hash for Keys {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

impl Keys {
    /// A clause of pair keys.
    fn new(keys: Vec<u32>) -> Keys {
        Keys::of(false, keys)
    }

    /// A clause of headline keys.
    fn heads(keys: Vec<u32>) -> Keys {
        Keys::of(true, keys)
    }

    fn of(heads: bool, mut keys: Vec<u32>) -> Keys {
        use std::hash::{Hash, Hasher};
        keys.sort_unstable();
        keys.dedup();
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (heads, &keys).hash(&mut h);
        Keys { hash: h.finish(), heads, keys: keys.into() }
    }
}

/// For one of the alternatives, every clause holds one of its pair keys.
type Alternatives = Vec<Vec<Keys>>;

/// The pairs of a side-by-side match: the literal alternatives, or a
/// reading of the pinyin query through its lattice.
#[derive(Debug, Clone)]
struct Contiguous {
    alts: Alternatives,
    lattice: Option<Lattice>,
}

/// The readings of a pinyin query as a lattice of chunks
/// ([`pinyin::lattice`]): a headline may hold a reading when some chain of
/// steps from the first letter to the last has every pair of adjacent steps
/// among its pairs. Tested step by step, as many readings as the query has
/// cost a few dozen steps.
#[derive(Debug, Clone)]
struct Lattice {
    /// Each step's first letter.
    from: Vec<usize>,
    /// The steps ending the query.
    last: Vec<usize>,
    /// Adjacent steps (the first ending where the second begins) and what
    /// a headline holding them side by side holds (None: no test): one of
    /// the syllable pairs of the two steps, or when those are too many to
    /// list (`qs`, `zl`), two adjacent Hanzi read with their first letters
    /// (a headline key, [`initials_key`]: looser, but one list).
    links: Vec<(usize, usize, Option<Keys>)>,
}

/// What a query's headline matches need, as keys.
#[derive(Debug, Clone)]
pub struct Reach {
    /// Pairs of a contiguous match (None: no test possible).
    contiguous: Option<Contiguous>,
    /// For a pinyin query: pairs of a match ending on a whole syllable
    /// (None when every match ends whole: not a pinyin query).
    whole: Option<Whole>,
    /// What a word-aligned match begins and ends on, for one of the
    /// alternatives (None: no test).
    aligned: Option<Vec<Aligned>>,
    /// For a pinyin query: what a word-aligned literal match of its letters
    /// begins and ends on (None: no test).
    literal_aligned: Option<Vec<Aligned>>,
}

/// A word-aligned match, one way: a character beginning a word (headline
/// keys; None: not tested) and an end: one of a set of pairs ending a word
/// ([`ending_a_word`]), or a character ending a word or a word of its own
/// (headline keys).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Aligned {
    start: Option<Keys>,
    end: Keys,
}

#[derive(Debug, Clone)]
struct Whole {
    pairs: Alternatives,
    /// Some reading of the query is one chunk (or its pairs are too many):
    /// the headlines holding a character read like an ending count too.
    single: bool,
    /// The syllable keys of the characters read like an ending of the
    /// query (headline keys, read when `single`).
    ends: Keys,
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

/// The pair keys of two adjacent chunks read `a` then `b`, with `f`
/// applied to each (None when too many).
fn clause_with(a: &[u16], b: &[u16], max: usize, f: impl Fn(u32) -> u32) -> Option<Keys> {
    if a.is_empty() || b.is_empty() || a.len() * b.len() > max {
        return None;
    }
    let f = &f;
    Some(Keys::new(a.iter().flat_map(|&x| b.iter().map(move |&y| f(syllable_pair(x, y)))).collect()))
}

/// The pair keys of two adjacent chunks read `a` then `b` (None when too many).
fn clause(a: &[u16], b: &[u16]) -> Option<Keys> {
    clause_with(a, b, MAX_CLAUSE, |k| k)
}

/// The key of two adjacent query characters (as [`super::pairs::keys_of`]
/// makes them for the text).
fn literal_pair(t: &Table, a: char, b: char) -> u32 {
    match (t.readings(a).first(), t.readings(b).first()) {
        (Some(&x), Some(&y)) => syllable_pair(x, y),
        _ => char_pair(a, b),
    }
}

/// The lattice of pinyin query `q` with the pair keys of each pair of
/// adjacent steps (None when a reading is a single chunk: no pair to test).
fn lattice_of(t: &Table, q: &[u8]) -> Option<Lattice> {
    let steps = pinyin::lattice(t, q);
    if steps.iter().any(|s| s.from == 0 && s.to == q.len()) {
        return None;
    }
    let ids: Vec<Vec<u16>> = steps.iter().map(|s| ids(t, &s.chunk)).collect();
    let mut links = Vec::new();
    for (a, sa) in steps.iter().enumerate() {
        for (b, sb) in steps.iter().enumerate() {
            if sa.to == sb.from {
                let link = clause(&ids[a], &ids[b])
                    .or_else(|| initials_key(sa.chunk.letter(t), sb.chunk.letter(t)).map(|k| Keys::heads(vec![k])));
                links.push((a, b, link));
            }
        }
    }
    Some(Lattice {
        from: steps.iter().map(|s| s.from).collect(),
        last: (0..steps.len()).filter(|&i| steps[i].to == q.len()).collect(),
        links,
    })
}

/// The word-aligned alternatives of the pinyin query `q`: for each reading,
/// its first chunk begins a word and its last pair (or chunk) ends one.
/// Readings sharing first and last chunks give one alternative.
fn aligned_of(t: &Table, q: &[u8]) -> Vec<Aligned> {
    let steps = pinyin::lattice(t, q);
    let n = q.len();
    // reach[a][b]: a chain of steps leads from letter a to letter b.
    let mut reach = vec![vec![false; n + 1]; n + 1];
    for a in (0..=n).rev() {
        reach[a][a] = true;
        for s in steps.iter().filter(|s| s.from == a) {
            let after = reach[s.to].clone();
            reach[a].iter_mut().zip(after).for_each(|(x, y)| *x |= y);
        }
    }
    let mut alts: Vec<Aligned> = Vec::new();
    let mut push = |a: Aligned| {
        if !alts.contains(&a) {
            alts.push(a);
        }
    };
    for last in steps.iter().filter(|s| s.to == n) {
        let last_ids = ids(t, &last.chunk);
        if last.from == 0 {
            let end = last_ids.iter().copied().filter_map(word_one_key).collect();
            push(Aligned { start: None, end: Keys::heads(end) });
            continue;
        }
        for prev in steps.iter().filter(|s| s.to == last.from) {
            // (Two initials, `zl`, make up to a thousand pairs: still far
            // fewer headlines than a character read l… ending a word.)
            let end = match clause_with(&ids(t, &prev.chunk), &last_ids, MAX_END_CLAUSE, ending_a_word) {
                Some(c) => c,
                None => Keys::heads(last_ids.iter().copied().filter_map(word_end_key).collect()),
            };
            let leads = |first: &&pinyin::Step| {
                first.from == 0 && (*first == prev || (first.to <= prev.from && reach[first.to][prev.from]))
            };
            for first in steps.iter().filter(leads) {
                let start = ids(t, &first.chunk).into_iter().filter_map(word_start_key).collect();
                push(Aligned { start: Some(Keys::heads(start)), end: end.clone() });
            }
        }
    }
    alts
}

/// The word-aligned alternative of the literal query `chars` (folded,
/// lower-cased): its first character begins a word (a Hanzi by its
/// reading, a Latin letter or digit as itself) and its last pair ends one;
/// a one-character query is a word of its own. None: no test.
fn literal_aligned(t: &Table, chars: &[char]) -> Option<Vec<Aligned>> {
    let first = *chars.first()?;
    let reading = t.readings(first).first().copied();
    match chars {
        [] => None,
        [_] => reading
            .and_then(word_one_key)
            .or_else(|| latin_one_key(first))
            .map(|k| vec![Aligned { start: None, end: Keys::heads(vec![k]) }]),
        [.., y, z] => Some(vec![Aligned {
            start: reading.and_then(word_start_key).or_else(|| latin_start_key(first)).map(|k| Keys::heads(vec![k])),
            end: Keys::new(vec![ending_a_word(literal_pair(t, *y, *z))]),
        }]),
    }
}

impl Reach {
    /// What the query with folded, lower-cased chars `chars` and pinyin
    /// letters `py` (when it reads as pinyin) needs.
    pub fn of(chars: &[char], py: Option<&[u8]>) -> Reach {
        let t = pinyin::table();
        let contiguous = (|| {
            if chars.len() < 2 {
                return None;
            }
            let alts = vec![chars.windows(2).map(|w| Keys::new(vec![literal_pair(t, w[0], w[1])])).collect::<Vec<_>>()];
            let lattice = match py {
                Some(q) if !pinyin::lattice(t, q).is_empty() => Some(lattice_of(t, q)?),
                _ => None,
            };
            Some(Contiguous { alts, lattice })
        })();
        let whole = py.map(|q| {
            // Syllables spelled like an ending of the query.
            let mut ends: Vec<u16> =
                (0..q.len()).filter_map(|k| std::str::from_utf8(&q[k..]).ok().and_then(|s| t.spelled(s))).collect();
            ends.sort_unstable();
            ends.dedup();
            let steps = pinyin::lattice(t, q);
            let end_keys = Keys::heads(ends.iter().copied().filter_map(syllable_key).collect());
            let mut w = Whole { pairs: Vec::new(), single: false, ends: end_keys };
            for last in steps.iter().filter(|s| s.to == q.len()) {
                if last.from == 0 {
                    w.single = true;
                }
                for prev in steps.iter().filter(|s| s.to == last.from) {
                    match clause(&ids(t, &prev.chunk), &ends) {
                        Some(c) if !w.pairs.iter().any(|p| p[0] == c) => w.pairs.push(vec![c]),
                        Some(_) => {}
                        None => w.single |= !ends.is_empty(),
                    }
                }
            }
            w
        });
        let (aligned, literal_aligned) = match py {
            Some(q) => (Some(aligned_of(t, q)), literal_aligned(t, chars)),
            None => (literal_aligned(t, chars), None),
        };
        Reach { contiguous, whole, aligned, literal_aligned }
    }

    /// The lists of `part` (whose first document is `start`): `literal`
    /// holds its headlines that may match the query literally (index
    /// documents; only asked for a pinyin query). Without a `bar` (the
    /// worst hit of a full list), only the first list is computed; nor is
    /// the word-aligned one when it cannot help a headline past the bar
    /// (the bar is word-aligned but does not end on a whole syllable: only
    /// a whole ending can outrank it). A part where no headline may match
    /// side by side gets every list empty at once.
    /// `memo` keeps the headlines holding each set of pairs read, for the
    /// next keystrokes (which share most of their pairs with this one).
    pub fn in_part(
        &self,
        arc: &Arc<Part>,
        start: u32,
        bar: Option<Quality>,
        memo: &mut Memo,
        literal: impl FnOnce() -> Vec<u32>,
    ) -> PartReach {
        let part: &Part = arc;
        let len = part.len();
        let full = bar.is_some();
        let empty = || Bits::new(len);
        let of_alts = |alts: &Alternatives, memo: &mut Memo| {
            let mut out = empty();
            for alt in alts {
                if let [clause] = alt.as_slice() {
                    // (One clause: its set as it is, no copy.)
                    out.or_assign(memo.set(arc, clause));
                    continue;
                }
                let mut hit: Option<Bits> = None;
                for clause in alt {
                    if hit.as_ref().is_some_and(Bits::is_empty) {
                        break;
                    }
                    let any = memo.set(arc, clause);
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
        let contiguous = self.contiguous.as_ref().map(|c| {
            let out = of_alts(&c.alts, memo);
            match &c.lattice {
                Some(l) => out.or(&l.in_part(arc, memo)),
                None => out,
            }
        });
        if !full {
            return PartReach { full, start, contiguous, whole: None, aligned: None };
        }
        if contiguous.as_ref().is_some_and(Bits::is_empty) {
            return PartReach { full, start, contiguous, whole: Some(empty()), aligned: Some(empty()) };
        }
        let literal = if self.whole.is_some() { Bits::of_global(len, start, &literal()) } else { empty() };
        let whole = self.whole.as_ref().map(|w| {
            let mut out = of_alts(&w.pairs, memo).or(&literal);
            if w.single {
                out = out.or(memo.set(arc, &w.ends));
            }
            out
        });
        let aligned_helps = bar.is_none_or(|b| !(b.contiguous && b.tier >= 2 && !b.whole && b.aligned));
        let aligned = self.aligned.as_ref().filter(|_| aligned_helps).map(|alts| {
            // A literal match of a pinyin query's letters, word-aligned.
            let mut out = match &self.literal_aligned {
                Some(lits) => {
                    let mut any = empty();
                    for a in lits {
                        let mut end = memo.set(arc, &a.end).clone();
                        if let Some(start) = &a.start {
                            end = end.and(memo.set(arc, start));
                        }
                        any = any.or(&end);
                    }
                    any.and(&literal)
                }
                None => literal.clone(),
            };
            out.add(part.heads.get(no_bounds_key()));
            // Only headlines that may match side by side are ever asked
            // about (`above`, `best` after `contiguous`): an end, the
            // costliest set (a thousand pairs for two initials), is read
            // only where one of them begins a word as the match must.
            let within = |b: Bits| match &contiguous {
                Some(c) => b.and(c),
                None => b,
            };
            let mut starts: HashMap<&Keys, Bits> = HashMap::default();
            for a in alts {
                let start = a
                    .start
                    .as_ref()
                    .map(|keys| &*starts.entry(keys).or_insert_with(|| within(memo.set(arc, keys).clone())));
                if start.is_some_and(Bits::is_empty) {
                    continue;
                }
                let end = memo.set(arc, &a.end);
                match start {
                    Some(start) => out.or_and(end, start),
                    None => out.or_assign(end),
                }
            }
            out
        });
        PartReach { full, start, contiguous, whole, aligned }
    }
}

impl Lattice {
    /// The headlines of `part` holding, for some chain of steps through
    /// the query, every pair of adjacent steps.
    fn in_part(&self, part: &Arc<Part>, memo: &mut Memo) -> Bits {
        let len = part.len();
        // held[s]: the headlines holding every pair of some chain from the
        // first letter up to step s (steps are sorted by first letter, and a
        // link goes to a later one).
        let mut held: Vec<Option<Bits>> = self.from.iter().map(|&f| (f == 0).then(|| Bits::full(len))).collect();
        let mut links: Vec<&(usize, usize, Option<Keys>)> = self.links.iter().collect();
        links.sort_by_key(|l| self.from[l.1]);
        for (a, b, link) in links {
            // (No chain reaches step a: nothing to read for this link. A
            // step linked to itself would add nothing.)
            if a == b || held[*a].as_ref().is_none_or(Bits::is_empty) {
                continue;
            }
            let set = link.as_ref().map(|keys| memo.set(part, keys));
            // held[b] |= held[a] & set, in place (no copy per link).
            let mut after = held[*b].take();
            let Some(before) = held[*a].as_ref() else { continue };
            match (&mut after, set) {
                (Some(h), Some(set)) => h.or_and(before, set),
                (Some(h), None) => h.or_assign(before),
                (None, Some(set)) => after = Some(before.clone().and(set)),
                (None, None) => after = Some(before.clone()),
            }
            held[*b] = after;
        }
        let mut out = Bits::new(len);
        for &s in &self.last {
            if let Some(h) = &held[s] {
                out = out.or(h);
            }
        }
        out
    }
}

/// The headlines of each part holding one of a set of keys, as read by
/// past searches: the keystrokes of one query share most of their pairs
/// (`lvlia` and `lvlian` both need (lv, li)) and their first syllable
/// (a character read zh… beginning a word, for every keystroke of
/// `zhongmeiyoucheng`), so each set is read from the part's postings once.
/// Holds the parts it has sets of (a part's address is never another
/// part's while it is held). Past 32 MB of sets it forgets those the
/// current search has not used (the sets of the keystroke before, which
/// the next one mostly reads again, stay), everything only when those
/// alone are past the budget.
#[derive(Clone, Default)]
pub struct Memo {
    parts: HashMap<usize, (Arc<Part>, PartSets)>,
    bytes: usize,
    /// The current search (see [`Memo::next_search`]); each set records
    /// the last search that used it.
    search: u64,
}

/// The sets a [`Memo`] holds for one part, with the last search that
/// used each.
type PartSets = HashMap<Keys, (Bits, u64)>;

/// Bytes of sets a [`Memo`] keeps at most (about 20,000 sets of a part of
/// 12,000 headlines).
const MEMO_BUDGET: usize = 32 << 20;

/// Bytes a set of a part of `len` documents takes in a [`Memo`].
fn set_bytes(len: u32) -> usize {
    (len as usize).div_ceil(64) * 8 + 64
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memo").field("parts", &self.parts.len()).field("bytes", &self.bytes).finish()
    }
}

impl Memo {
    /// Marks the start of a new search: sets used from now on are the
    /// ones kept first when the budget is reached.
    pub fn next_search(&mut self) {
        self.search += 1;
    }

    /// Forgets the sets the current search has not used (and, when those
    /// left are still past the budget, everything).
    fn evict(&mut self) {
        let search = self.search;
        let mut bytes = 0;
        self.parts.retain(|_, (part, sets)| {
            sets.retain(|_, (_, used)| *used == search);
            bytes += sets.len() * set_bytes(part.len());
            !sets.is_empty()
        });
        self.bytes = bytes;
        if self.bytes > MEMO_BUDGET / 2 {
            self.parts.clear();
            self.bytes = 0;
        }
    }

    /// The headlines of `part` holding one of `keys`.
    fn set(&mut self, part: &Arc<Part>, keys: &Keys) -> &Bits {
        let size = set_bytes(part.len());
        if self.bytes + size > MEMO_BUDGET {
            self.evict();
        }
        let search = self.search;
        let (_, sets) =
            self.parts.entry(Arc::as_ptr(part) as usize).or_insert_with(|| (part.clone(), HashMap::default()));
        let bytes = &mut self.bytes;
        let (bits, used) = sets.entry(keys.clone()).or_insert_with(|| {
            let mut any = Bits::new(part.len());
            if keys.heads {
                keys.keys.iter().for_each(|&k| any.add(part.heads.get(k)));
            } else {
                part.pairs.set_bits_any(&keys.keys, &mut any.0);
            }
            *bytes += size;
            (any, search)
        });
        *used = search;
        bits
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

    /// Every document of a part of `len`.
    fn full(len: u32) -> Bits {
        let mut b = Bits(vec![u64::MAX; (len as usize).div_ceil(64)]);
        if let Some(w) = b.0.last_mut()
            && !len.is_multiple_of(64)
        {
            *w = (1u64 << (len % 64)) - 1;
        }
        b
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(|&w| w == 0)
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
        self.or_assign(o);
        self
    }

    fn or_assign(&mut self, o: &Bits) {
        self.0.iter_mut().zip(&o.0).for_each(|(w, x)| *w |= x);
    }

    /// Adds the documents in both `a` and `b`.
    fn or_and(&mut self, a: &Bits, b: &Bits) {
        self.0.iter_mut().zip(a.0.iter().zip(&b.0)).for_each(|(w, (x, y))| *w |= x & y);
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

    /// The best headline match `doc` may hold, when side by side (a
    /// bound: a kicker or subtitle match, of a lower tier, is below it
    /// whether word-aligned or not).
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

    /// The queries a headline gives: runs of 1–4 of its characters, as
    /// Hanzi, as full pinyin, as full pinyin less its last letter and as
    /// initials.
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
                    if len > 1 {
                        // Initials (`qsn`): a word-aligned end tested on
                        // pairs too many to list.
                        out.push(
                            w.iter().map(|&c| t.syllable(t.readings(c)[0]).chars().next().unwrap_or('a')).collect(),
                        );
                    }
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
                let (start, _) = index.part_at(k).expect("a part");
                let heads = index.heads().slice(k..k + 1);
                let pr = reach.in_part(
                    &index.parts()[k],
                    start,
                    Some(Quality { contiguous: false, tier: 0, whole: false, aligned: false }),
                    &mut Memo::default(),
                    || heads.literal_candidates(&chars).unwrap_or_default(),
                );
                let (got, best) = (h.matched.quality, pr.best(h.doc));
                assert!(pr.contiguous(h.doc), "{q}: {} matches side by side", h.title);
                assert!(!got.whole || best.whole, "{q}: {} ends on a whole syllable", h.title);
                // (Word-aligned is told for the headline itself: a
                // kicker or subtitle match ranks below `best` anyway.)
                assert!(got <= best, "{q}: {} holds {got:?}, above {best:?}", h.title);
                assert!(got.tier < 2 || !got.aligned || best.aligned, "{q}: {} is word-aligned", h.title);
                checked += 1;
            }
        }
        assert!(checked > 1000, "{checked} headline hits checked");
    }

    #[test]
    fn a_full_memo_keeps_the_sets_of_the_current_search() {
        // Past its budget the memo forgets the sets the keystroke being
        // searched has not used, not the ones it is reading again.
        let index = Index::build(Arc::new(crate::archive::group(crate::loader::bundled())));
        let part = &index.parts()[0];
        let t = pinyin::table();
        let key = |s: &str| {
            let id = t.spelled(s).expect("a syllable");
            Keys::heads(vec![word_start_key(id).expect("a key")])
        };
        let (old, kept) = (key("lv"), key("zhong"));
        let mut memo = Memo::default();
        memo.next_search();
        let old_set = memo.set(part, &old).clone();
        memo.set(part, &kept);
        memo.next_search();
        let kept_set = memo.set(part, &kept).clone();
        memo.evict();
        let sets = &memo.parts.values().next().expect("the part's sets").1;
        assert!(sets.contains_key(&kept) && !sets.contains_key(&old));
        assert_eq!(memo.bytes, set_bytes(part.len()));
        // Read again, a forgotten set is the same as before.
        assert_eq!(memo.set(part, &old).0, old_set.0);
        assert_eq!(memo.set(part, &kept).0, kept_set.0);
    }
}
