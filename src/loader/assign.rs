//! Pairing by content: how much a headline (or caption) shares with a body,
//! and the best one-to-one assignment of headlines to bodies for a page.
//!
//! Overlap is measured on character bigrams of Han text and on whole Latin
//! or digit tokens, each weighted by its rarity on the page (IDF) and by the
//! body's lead, so that a shared `老旧小区` counts for more than a shared `工作`.
//! The best assignment for the whole page is found with the Hungarian method
//! (greedily on huge pages). Each body's terms are read once per page into
//! flat postings, reused when bodies are joined or split.

use super::normalize::{is_han, three_byte_code};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Terms of a text: Han bigrams and alphanumeric tokens, hashed.
pub fn terms(text: &str) -> Vec<u64> {
    // (About one term per character of Han text, three bytes each.)
    let mut out = Vec::with_capacity(text.len() / 3 + 1);
    let mut scan = Scanner::default();
    scan.feed(text, &mut |g| out.push(g));
    scan.finish(&mut |g| out.push(g));
    out
}

/// The terms of a text as a set (how headlines are scored).
pub fn term_set(text: &str) -> HashSet<u64> {
    terms(text).into_iter().collect()
}

/// Reads the terms of a text given in pieces as if they were one string,
/// without allocating: each term is handed to a callback as it ends.
#[derive(Default, Clone)]
pub(crate) struct Scanner {
    /// The Han character before, for the next bigram (0: none).
    prev: u32,
    /// The alphanumeric token being read: its hash so far.
    token: Option<u64>,
}

/// FNV-1a's offset basis and prime (tokens are hashed as they are read).
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

impl Scanner {
    /// Reads one more piece of text.
    pub(crate) fn feed(&mut self, text: &str, f: &mut impl FnMut(u64)) {
        self.read(text.as_bytes(), 0, usize::MAX, f);
    }

    /// Reads at most `left` characters of `b` (valid UTF-8) from byte
    /// `at` on, as `push_code` would each (what the tests read the index's
    /// terms with), and returns where it stopped: one loop over the bytes,
    /// the scanner's state in registers, a Han character (three bytes)
    /// read and looked up inline.
    #[inline(always)]
    fn read(&mut self, b: &[u8], mut at: usize, mut left: usize, f: &mut impl Sink) -> usize {
        let mut prev = self.prev;
        let mut token = self.token;
        while left > 0
            && let Some(&x) = b.get(at)
        {
            left -= 1;
            if x < 0x80 {
                at += 1;
                prev = 0;
                if x.is_ascii_alphanumeric() {
                    let h = token.unwrap_or(FNV_OFFSET) ^ x.to_ascii_lowercase() as u64;
                    token = Some(h.wrapping_mul(FNV_PRIME));
                } else if let Some(h) = token.take() {
                    f.term(token_term(h));
                }
                continue;
            }
            let (c, han) = if x & 0xF0 == 0xE0
                && let Some(&[y1, y2]) = b.get(at + 1..at + 3)
            {
                at += 3;
                let c = three_byte_code(x, y1, y2);
                (c, HAN3[(c >> 6) as usize & 1023] >> (c & 63) & 1 != 0)
            } else {
                let mut one = HanChars { bytes: b, at };
                let Some(next) = one.next() else { break };
                at = one.at;
                next
            };
            // (Not ASCII: no token goes on; at most one term ends here, as
            // a token is open only after a character that is no Han one.)
            if han {
                if prev != 0 {
                    f.term(hash2(prev, c));
                }
                prev = c;
            } else {
                prev = 0;
            }
            if let Some(h) = token.take() {
                f.term(token_term(h));
            }
        }
        self.prev = prev;
        self.token = token;
        at
    }

    /// Reads one more character, given as its code point and whether it
    /// is Han ([`is_han`]): [`Scanner::read`] does so for each character
    /// of a text, in one loop.
    #[cfg(test)]
    fn push_code(&mut self, c: u32, han: bool, f: &mut impl Sink) {
        if han {
            if self.prev != 0 {
                f.term(hash2(self.prev, c));
            }
            self.prev = c;
        } else {
            self.prev = 0;
        }
        if c < 0x80 && (c as u8).is_ascii_alphanumeric() {
            let h = self.token.unwrap_or(FNV_OFFSET) ^ (c as u8).to_ascii_lowercase() as u64;
            self.token = Some(h.wrapping_mul(FNV_PRIME));
        } else if let Some(h) = self.token.take() {
            f.term(token_term(h));
        }
    }

    /// The scanner as it stands after reading `before` (a Han character
    /// ending it kept for the bigram across the seam), to read `after`
    /// with, when the terms of `before` followed by `after` are those of
    /// `before` and those read so: `None` when a token runs across the seam.
    fn after(before: &str, after: &str) -> Option<Scanner> {
        let last = before.chars().next_back();
        let next = after.chars().next();
        if last.is_some_and(|c| c.is_ascii_alphanumeric()) && next.is_some_and(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        let prev = last.filter(|&c| is_han(c)).map_or(0, |c| c as u32);
        Some(Scanner { prev, token: None })
    }

    /// The token still open at the end of the text, if any (the scanner
    /// is left as it was).
    pub(crate) fn pending(&self) -> Option<u64> {
        self.token.map(token_term)
    }

    /// Ends the text: the last token, if any, is a term.
    pub(crate) fn finish(&mut self, f: &mut impl FnMut(u64)) {
        if let Some(h) = self.token.take() {
            f(token_term(h));
        }
        self.prev = 0;
    }
}

/// Where a [`Scanner`] hands each term it reads: a closure, or a
/// [`Noter`] (its work inlined into the reading loop).
trait Sink {
    /// Takes term `g`.
    fn term(&mut self, g: u64);
}

impl<F: FnMut(u64)> Sink for F {
    #[inline(always)]
    fn term(&mut self, g: u64) {
        self(g)
    }
}

/// The characters of a text as (code point, whether it is Han), read
/// straight from its UTF-8 bytes: the Han test of a three-byte character
/// (all of CJK) is one bit of [`HAN3`].
pub(crate) struct HanChars<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> HanChars<'a> {
    /// The characters of `text`.
    pub(crate) fn of(text: &'a str) -> HanChars<'a> {
        HanChars { bytes: text.as_bytes(), at: 0 }
    }
}

impl Iterator for HanChars<'_> {
    type Item = (u32, bool);

    #[inline(always)]
    fn next(&mut self) -> Option<(u32, bool)> {
        let b = self.bytes;
        let i = self.at;
        let x = *b.get(i)? as u32;
        // Three bytes (all of CJK, the common case) first.
        // (The text is valid UTF-8: a lead byte's continuation bytes are there.)
        if x & 0xF0 == 0xE0
            && let Some(&[y1, y2]) = b.get(i + 1..i + 3)
        {
            self.at = i + 3;
            let c = three_byte_code(x as u8, y1, y2);
            return Some((c, HAN3[(c >> 6) as usize] >> (c & 63) & 1 != 0));
        }
        let cont = |k: usize| b.get(i + k).map_or(0, |&y| (y & 0x3F) as u32);
        if x < 0x80 {
            self.at = i + 1;
            Some((x, false))
        } else if x < 0xE0 {
            // Two bytes: below U+0800, never Han.
            self.at = i + 2;
            Some((((x & 0x1F) << 6) | cont(1), false))
        } else if x < 0xF0 {
            self.at = i + 3;
            let c = ((x & 0x0F) << 12) | (cont(1) << 6) | cont(2);
            Some((c, HAN3[(c >> 6) as usize] >> (c & 63) & 1 != 0))
        } else {
            self.at = i + 4;
            let c = ((x & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
            Some((c, char::from_u32(c).is_some_and(is_han)))
        }
    }
}

/// Per block of 64 code points below U+10000, one bit per code point:
/// whether it is Han ([`is_han`]).
static HAN3: [u64; 1024] = {
    let mut t = [0u64; 1024];
    let mut k = 0;
    while k < 1024 {
        let mut bits = 0u64;
        let mut j = 0;
        while j < 64 {
            if let Some(ch) = char::from_u32(((k as u32) << 6) | j)
                && is_han(ch)
            {
                bits |= 1 << j;
            }
            j += 1;
        }
        t[k] = bits;
        k += 1;
    }
    t
};

fn hash2(a: u32, b: u32) -> u64 {
    ((a as u64) << 32) | b as u64
}

/// A token's FNV-1a hash as a term, with the top bit set so that it never
/// collides with a bigram.
fn token_term(h: u64) -> u64 {
    h | (1 << 63)
}

/// Term → entry: an open-addressed table (linear probing) of the page's
/// terms. No term is 0 (a bigram holds a Han character, a token has its top
/// bit set), so 0 marks a free slot.
#[derive(Clone, Default)]
struct TermIndex {
    /// Each slot's term (0: free) and its entry, side by side: a term
    /// looked up (once for every term of every body read) finds its entry
    /// in the memory its key was read from, where two tables cost two
    /// reads from far apart in a table larger than the first-level cache.
    slots: Vec<(u64, u32)>,
    /// Terms held.
    len: usize,
    /// The slots holding a term, so that the table is emptied by clearing
    /// those alone ([`TermIndex::recycle`]).
    used: Vec<u32>,
}

impl TermIndex {
    /// A table for about `n` terms (it grows past three quarters full):
    /// the one the last page indexed on this thread left ([`Spare`]) when
    /// it is at least that large and not much larger, else a new one.
    fn with_capacity(n: usize) -> TermIndex {
        let size = (n + n / 3).next_power_of_two().max(16);
        let fits = |t: &mut TermIndex| (size..=4 * size).contains(&t.slots.len());
        if let Some(t) = SPARE.with_borrow_mut(|s| s.index.take_if(fits)) {
            return t;
        }
        TermIndex { slots: vec![(0, 0); size], len: 0, used: Vec::with_capacity(size * 3 / 4) }
    }

    /// Leaves the table, emptied, to the next page indexed on this thread
    /// ([`Spare`]), unless it is empty or very large. Only the keys are
    /// cleared: an entry is read only where its slot's key is a term.
    fn recycle(mut self) {
        if self.slots.is_empty() || self.slots.len() > MAX_SPARE_SLOTS {
            return;
        }
        // (Only the slots in use are written: most of a table is free.)
        for &k in &self.used {
            self.slots[k as usize].0 = 0;
        }
        self.used.clear();
        self.len = 0;
        SPARE.with_borrow_mut(|s| s.index = Some(self));
    }

    /// How many terms it holds.
    fn len(&self) -> usize {
        self.len
    }

    /// The slot term `g` is looked for from.
    #[inline(always)]
    fn slot(&self, g: u64) -> usize {
        let bits = self.slots.len().trailing_zeros();
        (g.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    }

    /// The entry of term `g`, if it has one.
    #[inline]
    fn get(&self, g: u64) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut k = self.slot(g);
        loop {
            let (key, entry) = self.slots[k];
            if key == g {
                return Some(entry);
            }
            if key == 0 {
                return None;
            }
            k = (k + 1) & mask;
        }
    }

    /// The entry of term `g`, made `next` if it has none.
    #[inline(always)]
    fn get_or_insert(&mut self, g: u64, next: u32) -> u32 {
        debug_assert!(g != 0);
        // (The table is grown once a term added fills it past three
        // quarters, so a term found costs no check of its fill; an empty
        // table, which has no slot, is grown first.)
        let mask = self.slots.len().wrapping_sub(1);
        let mut k = self.slot(g);
        loop {
            match self.slots.get(k) {
                Some(&(key, entry)) if key == g => return entry,
                Some((0, _)) => {
                    self.slots[k] = (g, next);
                    self.len += 1;
                    self.used.push(k as u32);
                    if 4 * self.len > 3 * self.slots.len() {
                        self.grow();
                    }
                    return next;
                }
                Some(_) => k = (k + 1) & mask,
                None => {
                    self.grow();
                    return self.get_or_insert(g, next);
                }
            }
        }
    }

    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let size = self.slots.len().max(8) * 2;
        let slots = std::mem::replace(&mut self.slots, vec![(0, 0); size]);
        let mask = size - 1;
        self.used.clear();
        for (g, e) in slots.into_iter().filter(|x| x.0 != 0) {
            let mut k = self.slot(g);
            while self.slots[k].0 != 0 {
                k = (k + 1) & mask;
            }
            self.slots[k] = (g, e);
            self.used.push(k as u32);
        }
    }
}

/// The largest term table kept for the next page ([`Spare`]): a very long
/// page's is dropped rather than held.
const MAX_SPARE_SLOTS: usize = 1 << 16;

/// The buffers a page's index leaves, when dropped, to the next page
/// indexed on the same thread: its term table (emptied) and its postings,
/// so that neither is allocated and zeroed again for every page.
#[derive(Default)]
struct Spare {
    index: Option<TermIndex>,
    postings: Vec<u32>,
}

thread_local! {
    static SPARE: std::cell::RefCell<Spare> = Default::default();
}

/// A body's text grown at its end: the scanner to read the part added
/// with, as it stands after the old text, when the new text's terms are
/// the old text's (with their lead marks) and the added part's (none in
/// the lead).
struct Extension;

impl Extension {
    /// The scanner for the rest of `new` past `old`, if `new` is `old`
    /// with more after it, `old` fills the lead ([`LEAD_CHARS`]: the
    /// added part has no lead term) and no token runs across the seam
    /// (`old`'s last token is one of its terms as it is): a Han character
    /// ending `old` is kept for the bigram across the seam.
    fn of(old: &str, new: &str) -> Option<Scanner> {
        if old.is_empty() || new.len() <= old.len() || !new.starts_with(old) {
            return None;
        }
        // (Each character is at most four bytes.)
        if old.len() < 4 * LEAD_CHARS && old.chars().nth(LEAD_CHARS - 1).is_none() {
            return None;
        }
        Scanner::after(old, &new[old.len()..])
    }
}

/// The bodies of a page, indexed for scoring.
pub struct Bodies {
    /// The body texts.
    texts: Vec<String>,
    /// Each body's terms (their entries in `index`), each once, in the
    /// order read, [`IN_LEAD`] set where the body's lead ([`LEAD_CHARS`])
    /// holds it (as in `postings`).
    terms: Vec<Vec<u32>>,
    /// Term → its entry in `info`. Kept from one indexing of the page to
    /// the next, so a term's entry never changes on a page (a term left in
    /// no body has an empty run and the weight of an unknown term).
    index: TermIndex,
    /// Per term: its weight (IDF) and its run of `postings`.
    info: Vec<(f32, u32, u32)>,
    /// Each term's bodies, in print order, as runs; [`IN_LEAD`] marks a
    /// body whose lead holds the term.
    postings: Vec<u32>,
    /// (text, body) pairs scored so far: the pairing work done on the page.
    evaluations: std::cell::Cell<usize>,
    /// [`Bodies::scores_in`]'s answers so far. A headline line is scored
    /// on its own, as a wrap's half and as its unit's text; each is read
    /// against the index once.
    memo: std::cell::RefCell<Memo>,
    /// Buffers [`Bodies::read_scores`] reuses from one text to the next.
    scratch: std::cell::RefCell<Scratch>,
}

impl Drop for Bodies {
    /// Leaves the term table and the postings buffer to the next page
    /// indexed on this thread (kept in a thread-local `Spare`).
    fn drop(&mut self) {
        std::mem::take(&mut self.index).recycle();
        let postings = std::mem::take(&mut self.postings);
        if postings.capacity() > 0 && postings.capacity() <= 4 * MAX_SPARE_SLOTS {
            SPARE.with_borrow_mut(|s| s.postings = postings);
        }
    }
}

/// [`Bodies::read_scores`]'s buffers: the terms read, the sets of distinct
/// terms kept by how many terms were read ([`Scratch::set_for`]), each
/// distinct one's weight and entry, and the sums per body.
#[derive(Default)]
struct Scratch {
    terms: Vec<u64>,
    sets: Vec<Option<HashSet<u64>>>,
    found: Vec<(f32, Option<u32>)>,
    acc: Vec<f32>,
    /// A headline's terms found in a text ([`Bodies::score_against_body`]).
    held: HashSet<u64>,
}

/// The most terms read for which [`Scratch`] keeps a set (a headline's or
/// caption's few dozen): a longer text gets a set of its own.
const KEPT_SETS: usize = 96;

impl Scratch {
    /// An empty set for the distinct terms of `n` terms read, that gives
    /// the terms put in it in the order a new one made with room for `n`
    /// gives them: the one kept for `n`, emptied (its table as large as a
    /// new one's, and a table emptied and filled again with the same terms
    /// in the same order holds them where a new one would), made the first
    /// time. A page scores some thousand texts: each would otherwise
    /// allocate and free a table. (`fresh` holds the set of a long text.)
    fn set_for<'a>(
        sets: &'a mut Vec<Option<HashSet<u64>>>,
        fresh: &'a mut Option<HashSet<u64>>,
        n: usize,
    ) -> &'a mut HashSet<u64> {
        let new = || HashSet::with_capacity_and_hasher(n, Default::default());
        if n >= KEPT_SETS {
            return fresh.insert(new());
        }
        if sets.len() <= n {
            sets.resize_with(n + 1, || None);
        }
        let set = sets[n].get_or_insert_with(new);
        set.clear();
        set
    }

    /// A headline's terms as [`term_set`] gives them (read into the kept
    /// buffers: [`Scratch::set_for`]), and an empty set for those of them
    /// a text holds (`fresh`: as [`Scratch::set_for`]'s).
    fn headline_terms<'a>(
        &'a mut self,
        headline: &str,
        fresh: &'a mut Option<HashSet<u64>>,
    ) -> (&'a HashSet<u64>, &'a mut HashSet<u64>) {
        let Scratch { terms: read, sets, held, .. } = self;
        read.clear();
        let mut scan = Scanner::default();
        scan.feed(headline, &mut |g| read.push(g));
        scan.finish(&mut |g| read.push(g));
        let ts = Scratch::set_for(sets, fresh, read.len());
        ts.extend(read.iter().copied());
        held.clear();
        (ts, held)
    }
}

/// [`Bodies::scores_in`]'s answers on a page, kept without allocating for
/// each: the texts one after another in one string, the scores in one
/// vector, and per text's hash its answers as a chain.
#[derive(Default)]
struct Memo {
    /// The texts answered, one after another.
    texts: String,
    /// The answers' scores, one after another.
    scores: Vec<(usize, f32)>,
    /// Each answer: its text (a range of `texts`), the bodies' range
    /// (`lo`, `hi`), its scores (a range of `scores`), and the answer
    /// before it for a text of the same hash (`u32::MAX`: none).
    answers: Vec<Answer>,
    /// A text's hash → its latest answer.
    latest: HashMap<u64, u32>,
}

/// One answer of [`Bodies::scores_in`] kept in a [`Memo`].
struct Answer {
    text: std::ops::Range<u32>,
    lo: usize,
    hi: usize,
    scores: std::ops::Range<u32>,
    before: u32,
}

impl Memo {
    /// The scores kept for `text` (of hash `key`) over the bodies `lo..hi`.
    fn find(&self, key: u64, text: &str, lo: usize, hi: usize) -> Option<&[(usize, f32)]> {
        let mut at = *self.latest.get(&key)?;
        while let Some(a) = self.answers.get(at as usize) {
            if a.lo == lo && a.hi == hi && self.texts.get(a.text.start as usize..a.text.end as usize) == Some(text) {
                return self.scores.get(a.scores.start as usize..a.scores.end as usize);
            }
            at = a.before;
        }
        None
    }

    /// Keeps the scores pushed onto `scores` from `from` on as the answer
    /// for `text` (of hash `key`) over `lo..hi`, and gives them.
    fn keep(&mut self, key: u64, text: &str, lo: usize, hi: usize, from: usize) -> &[(usize, f32)] {
        let start = self.texts.len() as u32;
        self.texts.push_str(text);
        let before = self.latest.insert(key, self.answers.len() as u32).unwrap_or(u32::MAX);
        let scores = from as u32..self.scores.len() as u32;
        self.answers.push(Answer { text: start..self.texts.len() as u32, lo, hi, scores, before });
        &self.scores[from..]
    }
}

/// In [`Bodies`]'s postings: the term is in the body's lead.
const IN_LEAD: u32 = 1 << 31;

/// How many bodies on each side of a headline (or caption) it may be
/// paired with: a page prints a headline near its body, and bounding the
/// candidates keeps the work on a very long page linear in its length.
pub const PAIR_WINDOW: usize = 24;

/// The bodies a text standing between bodies `prev` and `next` (either
/// may be missing) may be paired with: [`PAIR_WINDOW`] on each side.
pub fn window(prev: Option<usize>, next: Option<usize>) -> std::ops::Range<usize> {
    let (lo, hi) = match (prev, next) {
        (Some(p), Some(n)) => (p.min(n), p.max(n)),
        (Some(x), None) | (None, Some(x)) => (x, x),
        (None, None) => (0, 0),
    };
    lo.saturating_sub(PAIR_WINDOW)..hi.saturating_add(PAIR_WINDOW + 1)
}

/// Notes term `g` read in body `body` (1-based): its entry in `index` (a new
/// one with no body yet if unseen), one more body holding it in `seen` (its
/// bodies and the last that held it) the first time this body reads it, and
/// then the entry in the body's terms `mine`, `lead` if read in its lead.
#[inline(always)]
fn note_term(index: &mut TermIndex, seen: &mut Vec<(u32, u32)>, mine: &mut Vec<u32>, body: u32, g: u64, lead: bool) {
    let next = seen.len() as u32;
    let e = index.get_or_insert(g, next);
    debug_assert!(e < IN_LEAD);
    let mark = if lead { IN_LEAD } else { 0 };
    if e == next {
        // (A new term: this body is its first.)
        seen.push((1, body));
        mine.push(e | mark);
        return;
    }
    let x = &mut seen[e as usize];
    if x.1 != body {
        *x = (x.0 + 1, body);
        mine.push(e | mark);
    }
}

/// A body's terms noted as they are read ([`note_term`]), `lead` while its
/// lead is read: a [`Sink`] whose work is inlined into the reading loop,
/// not called per term.
struct Noter<'a> {
    index: &'a mut TermIndex,
    seen: &'a mut Vec<(u32, u32)>,
    mine: &'a mut Vec<u32>,
    body: u32,
    lead: bool,
}

impl Sink for Noter<'_> {
    #[inline(always)]
    fn term(&mut self, g: u64) {
        note_term(self.index, self.seen, self.mine, self.body, g, self.lead);
    }
}

/// The weight of a term found in none of a page's `bodies` bodies.
fn unknown_weight(bodies: usize) -> f32 {
    ((bodies as f32 + 1.0).ln()) + 0.2
}

/// How many characters of a body count as its lead.
const LEAD_CHARS: usize = 160;

impl Bodies {
    /// Indexes the given body texts.
    pub fn new(texts: &[String]) -> Bodies {
        Bodies::from_texts(texts.to_vec())
    }

    /// As [`Bodies::new`], keeping the texts given.
    pub fn from_texts(texts: Vec<String>) -> Bodies {
        Bodies::index(texts, None)
    }

    /// Indexes the given body texts, taking the terms of those unchanged
    /// since `old` (the same text, in the same place or moved by a body
    /// split before it) from it instead of reading them again.
    pub fn reindex(texts: Vec<String>, old: Bodies) -> Bodies {
        Bodies::index(texts, Some(old))
    }

    fn index(texts: Vec<String>, old: Option<Bodies>) -> Bodies {
        // (A page's distinct terms are fewer than half its characters, most
        // of three bytes: a table for that many is rarely grown, and far
        // less to clear than one for every character.)
        let guess = texts.iter().map(String::len).sum::<usize>() / 6;
        // Term → entry, kept from the page's last indexing: the terms of
        // the bodies unchanged since then are entries already.
        // (And the buffers for scoring, kept too.)
        // (The postings buffer too: every place in it is written below.)
        let (old_texts, mut old_terms, mut index, scratch, mut postings) = match old {
            Some(mut o) => (
                std::mem::take(&mut o.texts),
                std::mem::take(&mut o.terms),
                std::mem::take(&mut o.index),
                std::mem::take(&mut o.scratch),
                std::mem::take(&mut o.postings),
            ),
            None => (
                Vec::new(),
                Vec::new(),
                TermIndex::with_capacity(guess),
                Default::default(),
                SPARE.with_borrow_mut(|s| std::mem::take(&mut s.postings)),
            ),
        };
        // Per entry the bodies holding it (its document frequency) and the
        // last body that did (1-based).
        // (Room for the page's terms when it is read afresh: `seen` then grows
        // one term at a time; indexed again, room past the terms already
        // entered too, as the first new term would copy them all. A page of
        // Han text has about as many distinct terms as a third of its
        // bytes, more than the table's guess: room for that many, so that
        // the vector is not copied as it grows.)
        let mut seen: Vec<(u32, u32)> = Vec::with_capacity(index.len() + 2 * guess);
        seen.resize(index.len(), (0, 0));
        let mut terms: Vec<Vec<u32>> = Vec::with_capacity(texts.len());
        // The old bodies taken over, and (once one is not found in its
        // place) where each old text was.
        let mut taken = vec![false; old_texts.len()];
        let mut moved: Option<HashMap<&str, usize>> = None;
        for (b, t) in texts.iter().enumerate() {
            let body = b as u32 + 1;
            // A body unchanged, in its place: its terms as they were.
            let same = (old_texts.get(b) == Some(t) && !taken[b]).then_some(b);
            // A body that grew at its end (another joined to it): its old
            // terms are the new text's up to the seam, only the rest is read.
            let grown = match same {
                None if !taken.get(b).copied().unwrap_or(true) => {
                    old_texts.get(b).and_then(|old| Some((old.len(), Extension::of(old, t)?)))
                }
                _ => None,
            };
            // Else a body unchanged but moved (by a split before it).
            let same = if same.is_some() || grown.is_some() || t.is_empty() || old_texts.is_empty() {
                same
            } else {
                let moved = moved
                    .get_or_insert_with(|| old_texts.iter().enumerate().rev().map(|(k, x)| (x.as_str(), k)).collect());
                moved.get(t.as_str()).copied().filter(|&k| !taken[k])
            };
            if let Some(k) = same {
                taken[k] = true;
                let mine = std::mem::take(&mut old_terms[k]);
                for &x in &mine {
                    seen[(x & !IN_LEAD) as usize].0 += 1;
                }
                terms.push(mine);
                continue;
            }
            if let Some((old_len, scan)) = grown {
                taken[b] = true;
                let mut mine = std::mem::take(&mut old_terms[b]);
                // (Room for the terms of the part added.)
                mine.reserve((t.len() - old_len) / 3 + 1);
                for &x in &mine {
                    let e = (x & !IN_LEAD) as usize;
                    seen[e] = (seen[e].0 + 1, body);
                }
                let mut scan = scan;
                {
                    // (Noted as the fresh bodies below are: inlined into
                    // the reading loop.)
                    let mut noter = Noter { index: &mut index, seen: &mut seen, mine: &mut mine, body, lead: false };
                    scan.read(&t.as_bytes()[old_len..], 0, usize::MAX, &mut noter);
                    scan.finish(&mut |g| noter.term(g));
                }
                terms.push(mine);
                continue;
            }
            let mut mine: Vec<u32> = Vec::with_capacity(t.len() / 3 + 1);
            let mut scan = Scanner::default();
            let mut pending: Option<u64> = None;
            {
                let mut noter = Noter { index: &mut index, seen: &mut seen, mine: &mut mine, body, lead: true };
                // The lead's characters, then (if the text goes on past
                // them) the rest's.
                let bytes = t.as_bytes();
                let at = scan.read(bytes, 0, LEAD_CHARS, &mut noter);
                let longer = at < bytes.len();
                if longer {
                    // The lead ends: a token open here is one of its terms.
                    pending = scan.pending();
                    noter.lead = false;
                    scan.read(bytes, at, usize::MAX, &mut noter);
                }
                noter.lead = !longer;
                scan.finish(&mut |g| noter.term(g));
            }
            if let Some(g) = pending
                && let Some(e) = index.get(g)
                && let Some(k) = mine.iter().position(|&x| x & !IN_LEAD == e)
            {
                mine[k] |= IN_LEAD;
            }
            terms.push(mine);
        }
        let n = texts.len().max(1) as f32;
        let unknown = unknown_weight(texts.len());
        // The weight of each document frequency, worked out the first time
        // it is met (a term is in at most every body: room for each).
        let mut idf_of_df: Vec<f32> = vec![f32::NAN; texts.len() + 1];
        let mut at = 0u32;
        // (Filled from the slice by `extend`: no capacity check per term.)
        let mut info: Vec<(f32, u32, u32)> = Vec::with_capacity(seen.len());
        info.extend(seen.iter().map(|&(d, _)| {
            let w = match idf_of_df.get(d as usize) {
                Some(&w) if !w.is_nan() => w,
                _ => {
                    // A term left in no body weighs as one never seen.
                    let w = if d == 0 { unknown } else { ((n + 1.0) / d as f32).ln() + 0.2 };
                    if let Some(x) = idf_of_df.get_mut(d as usize) {
                        *x = w;
                    }
                    w
                }
            };
            let run = (w, at, at + d);
            at += d;
            run
        }));
        // Each term's run of postings, filled in print order. (Each of the
        // `at` places is written once: what the buffer held is no matter.)
        postings.truncate(at as usize);
        postings.resize(at as usize, 0);
        // (Where each run is filled to, kept in `seen`, done with: a
        // vector of one word per term, read and written in one place.)
        for (x, run) in seen.iter_mut().zip(&info) {
            x.1 = run.1;
        }
        for (b, mine) in terms.iter().enumerate() {
            let b = b as u32;
            for &x in mine {
                let end = &mut seen[(x & !IN_LEAD) as usize].1;
                postings[*end as usize] = b | (x & IN_LEAD);
                *end += 1;
            }
        }
        Bodies {
            texts,
            terms,
            index,
            info,
            postings,
            evaluations: std::cell::Cell::new(0),
            memo: Default::default(),
            scratch,
        }
    }

    /// The text of body `b` (empty for a body merged into another).
    pub fn text(&self, b: usize) -> &str {
        self.texts.get(b).map_or("", String::as_str)
    }

    /// The score of a text against every body that shares a term with it
    /// (the others score 0), without visiting the others.
    pub fn scores(&self, text: &str) -> Vec<(usize, f32)> {
        self.scores_in(text, 0..usize::MAX)
    }

    /// As [`Bodies::scores`], for the bodies in `range` only (see [`window`]).
    pub fn scores_in(&self, text: &str, range: std::ops::Range<usize>) -> Vec<(usize, f32)> {
        self.with_scores_in(text, range, <[(usize, f32)]>::to_vec)
    }

    /// Hands [`Bodies::scores_in`]'s answer to `f` as it is kept, without a
    /// copy of it (read from the index and kept the first time).
    fn with_scores_in<R>(&self, text: &str, range: std::ops::Range<usize>, f: impl FnOnce(&[(usize, f32)]) -> R) -> R {
        use std::hash::BuildHasher;
        let hi = range.end.min(self.texts.len());
        let lo = range.start.min(hi);
        let key = rustc_hash::FxBuildHasher.hash_one(text);
        if let Some(scores) = self.memo.borrow().find(key, text, lo, hi) {
            return f(scores);
        }
        let mut memo = self.memo.borrow_mut();
        let from = memo.scores.len();
        self.read_scores(text, lo, hi, &mut memo.scores);
        f(memo.keep(key, text, lo, hi, from))
    }

    /// [`Bodies::scores_in`] for the bodies `lo..hi`, read from the index,
    /// pushed onto `out`.
    fn read_scores(&self, text: &str, lo: usize, hi: usize, out: &mut Vec<(usize, f32)>) {
        let mut scratch = self.scratch.borrow_mut();
        let Scratch { terms: read, sets, found, acc, .. } = &mut *scratch;
        // The text's terms, read into a buffer kept for the page.
        read.clear();
        let mut scan = Scanner::default();
        scan.feed(text, &mut |g| read.push(g));
        scan.finish(&mut |g| read.push(g));
        // (A set as `terms(text)` collected into one makes it: room for
        // every term read, filled in their order, so it gives them in the
        // same order and every sum below is the same to the bit.)
        let mut fresh = None;
        let ts = Scratch::set_for(sets, &mut fresh, read.len());
        ts.extend(read.iter().copied());
        // Each term's entry, looked up once (with its weight).
        found.clear();
        found.extend(ts.iter().map(|&g| self.entry(g)));
        let total: f32 = found.iter().map(|x| x.0).sum();
        if total == 0.0 {
            return;
        }
        // Every weight is positive: a body scored is one with a sum above 0.
        acc.clear();
        acc.resize(hi - lo, 0.0);
        let (lo32, hi32) = (lo as u32, hi as u32);
        for &(_, e) in found.iter() {
            let Some(e) = e else { continue };
            let (w, from, to) = self.info[e as usize];
            let all = &self.postings[from as usize..to as usize];
            let near =
                &all[all.partition_point(|&p| p & !IN_LEAD < lo32)..all.partition_point(|&p| p & !IN_LEAD < hi32)];
            self.evaluations.set(self.evaluations.get() + near.len());
            for &p in near {
                let lead = p & IN_LEAD != 0;
                acc[((p & !IN_LEAD) - lo32) as usize] += if lead { 1.5 * w } else { w };
            }
        }
        out.extend(acc.iter().enumerate().filter(|(_, h)| **h > 0.0).map(|(k, &h)| (lo + k, h / (1.5 * total))));
    }

    /// The body a text scores best against, with its score.
    pub fn best(&self, text: &str) -> Option<(usize, f32)> {
        self.best_in(text, 0..usize::MAX)
    }

    /// As [`Bodies::best`], for the bodies in `range` only.
    pub fn best_in(&self, text: &str, range: std::ops::Range<usize>) -> Option<(usize, f32)> {
        self.with_scores_in(text, range, |scores| {
            scores.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        })
    }

    /// (Text, body) term lookups made so far on this page.
    pub fn evaluations(&self) -> usize {
        self.evaluations.get()
    }

    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// Weight of a term: rare on the page counts more; a term found in no
    /// body still counts (it makes the headline's total).
    fn weight(&self, g: u64) -> f32 {
        self.entry(g).0
    }

    /// A term's weight ([`Bodies::weight`]) and its entry, if it has one.
    fn entry(&self, g: u64) -> (f32, Option<u32>) {
        match self.index.get(g) {
            Some(e) => (self.info[e as usize].0, Some(e)),
            None => (unknown_weight(self.texts.len()), None),
        }
    }

    /// Share (0–1) of a text's weighted terms found in body `b`, with the
    /// body's lead counting extra.
    pub fn score(&self, text: &str, b: usize) -> f32 {
        let ts: HashSet<u64> = terms(text).into_iter().collect();
        self.score_terms(&ts, b)
    }

    /// Share (0–1) of a headline's weighted terms found in any text (not one
    /// of the indexed bodies), with the page's weights.
    pub fn score_against(&self, headline: &str, text: &str) -> f32 {
        self.score_against_pieces(headline, std::iter::once(text))
    }

    /// As [`Bodies::score_against`], for a text given in pieces read as one.
    pub fn score_against_pieces<'a>(&self, headline: &str, text: impl IntoIterator<Item = &'a str>) -> f32 {
        let mut scratch = self.scratch.borrow_mut();
        let mut fresh = None;
        let (ts, found) = scratch.headline_terms(headline, &mut fresh);
        if ts.is_empty() {
            return 0.0;
        }
        // The headline's terms found in the text, read without indexing it.
        // (Most of the text's terms are none of them: a filter of the
        // headline's few terms turns those away before the hash look-up.)
        let filter = TermFilter::of(ts);
        let mut scan = Scanner::default();
        let mut see = |g: u64| {
            if filter.may_hold(g) && ts.contains(&g) {
                found.insert(g);
            }
        };
        for piece in text {
            scan.feed(piece, &mut see);
        }
        scan.finish(&mut see);
        self.score_terms_with(ts, |g, _| found.contains(g))
    }

    /// As [`Bodies::score_against_pieces`], for the text of body `b` given
    /// in pieces: while the pieces are still the text indexed for body `b`
    /// (a body not joined or split since), its terms are read from the
    /// index instead of from the text (the same terms: the index read that
    /// very text), else from the pieces.
    pub fn score_against_body<'a, I>(&self, headline: &str, b: usize, pieces: I) -> f32
    where
        I: IntoIterator<Item = &'a str> + Clone,
    {
        let Some((k, at, scan)) = self.read_past_text_of(b, pieces.clone()) else {
            return self.score_against_pieces(headline, pieces);
        };
        let mut scratch = self.scratch.borrow_mut();
        let mut fresh = None;
        let (ts, found) = scratch.headline_terms(headline, &mut fresh);
        if ts.is_empty() {
            return 0.0;
        }
        let held = |e: Option<u32>| e.is_some_and(|e| self.holds_entry(b, e));
        let Some(mut scan) = scan else {
            return self.score_terms_with(ts, |_, e| held(e));
        };
        // The text indexed for body `b` and more after it (a body joined
        // to it): the terms up to the seam are the index's, the rest read.
        let filter = TermFilter::of(ts);
        let mut see = |g: u64| {
            if filter.may_hold(g) && ts.contains(&g) {
                found.insert(g);
            }
        };
        for (i, piece) in pieces.into_iter().enumerate().skip(k) {
            scan.feed(if i == k { &piece[at..] } else { piece }, &mut see);
        }
        scan.finish(&mut see);
        self.score_terms_with(ts, |g, e| found.contains(g) || held(e))
    }

    /// Do `pieces`, read as one, open with the text indexed for body `b`?
    /// If so, where the rest starts (piece, byte) and the scanner to read
    /// it with, as it stands after that text (`None`: nothing after it).
    /// Not when a token runs across the seam: the index's terms would not
    /// be the text's up to it.
    fn read_past_text_of<'a>(
        &self,
        b: usize,
        pieces: impl IntoIterator<Item = &'a str>,
    ) -> Option<(usize, usize, Option<Scanner>)> {
        let text = self.texts.get(b)?;
        let mut rest = text.as_bytes();
        for (k, p) in pieces.into_iter().enumerate() {
            if rest.is_empty() {
                if p.is_empty() {
                    continue;
                }
                return Scanner::after(text, p).map(|s| (k, 0, Some(s)));
            }
            if let Some(r) = rest.strip_prefix(p.as_bytes()) {
                rest = r;
            } else if let Some(tail) = p.as_bytes().strip_prefix(rest) {
                let at = p.len() - tail.len();
                rest = &[];
                if !tail.is_empty() {
                    return Scanner::after(text, &p[at..]).map(|s| (k, at, Some(s)));
                }
            } else {
                return None;
            }
        }
        rest.is_empty().then_some((usize::MAX, 0, None))
    }

    /// Are `pieces`, read as one, the very text indexed for body `b` (its
    /// terms then the index's, [`Bodies::holds`])?
    pub(crate) fn indexes_as<'a>(&self, b: usize, pieces: impl IntoIterator<Item = &'a str>) -> bool {
        matches!(self.read_past_text_of(b, pieces), Some((_, _, None)))
    }

    /// Does body `b`'s indexed text hold term `g`?
    pub(crate) fn holds(&self, b: usize, g: u64) -> bool {
        self.index.get(g).is_some_and(|e| self.holds_entry(b, e))
    }

    /// Does body `b`'s indexed text hold the term of entry `e`?
    fn holds_entry(&self, b: usize, e: u32) -> bool {
        let (_, from, to) = self.info[e as usize];
        let run = &self.postings[from as usize..to as usize];
        let at = run.partition_point(|&p| (p & !IN_LEAD) < b as u32);
        run.get(at).is_some_and(|&p| p & !IN_LEAD == b as u32)
    }

    /// As [`Bodies::score_against`], for a headline's terms ([`term_set`])
    /// and a text's told by `found`.
    pub fn score_terms_found(&self, ts: &HashSet<u64>, found: impl Fn(&u64) -> bool) -> f32 {
        self.score_terms_with(ts, |g, _| found(g))
    }

    /// [`Bodies::score_terms_found`], `found` told each term and its entry
    /// ([`Bodies::entry`]): each term looked up once, the weights of all
    /// and of those found summed in one pass, in the set's order as two
    /// sums over it would (from -0.0, as `Sum` for `f32` starts): the same
    /// sums to the bit.
    fn score_terms_with(&self, ts: &HashSet<u64>, found: impl Fn(&u64, Option<u32>) -> bool) -> f32 {
        let (mut total, mut hit) = (-0.0f32, -0.0f32);
        for g in ts {
            let (w, e) = self.entry(*g);
            total += w;
            if found(g, e) {
                hit += w;
            }
        }
        if total == 0.0 {
            return 0.0;
        }
        hit / total
    }

    /// A headline's terms ([`term_set`]) with their weights, looked up
    /// once, to be scored against many texts ([`Weighted::share`]).
    pub fn weighted(&self, ts: &HashSet<u64>) -> Weighted {
        let terms: Vec<(u64, f32)> = ts.iter().map(|&g| (g, self.weight(g))).collect();
        let total: f32 = terms.iter().map(|x| x.1).sum();
        Weighted { terms, total }
    }

    /// As [`Bodies::score`], for terms already computed.
    pub fn score_terms(&self, ts: &HashSet<u64>, b: usize) -> f32 {
        if b >= self.texts.len() {
            return 0.0;
        }
        let mut total = 0.0;
        let mut hit = 0.0;
        let mut hit_lead = 0.0;
        for &g in ts {
            let (w, e) = self.entry(g);
            total += w;
            let Some(e) = e else { continue };
            let (_, from, to) = self.info[e as usize];
            let run = &self.postings[from as usize..to as usize];
            // The run is in print order: look for body `b` in it.
            let at = run.partition_point(|&p| (p & !IN_LEAD) < b as u32);
            if let Some(&p) = run.get(at).filter(|&&p| p & !IN_LEAD == b as u32) {
                hit += w;
                if p & IN_LEAD != 0 {
                    hit_lead += w;
                }
            }
        }
        if total == 0.0 {
            return 0.0;
        }
        (hit + 0.5 * hit_lead) / (1.5 * total)
    }
}

/// A headline's terms with their weights ([`Bodies::weighted`]), in the
/// order its set gives them.
pub struct Weighted {
    terms: Vec<(u64, f32)>,
    total: f32,
}

impl Weighted {
    /// [`Bodies::score_terms_found`] of the same terms, to the bit: the
    /// same weights summed in the same order.
    pub fn share(&self, found: impl Fn(&u64) -> bool) -> f32 {
        if self.total == 0.0 {
            return 0.0;
        }
        self.terms.iter().filter(|x| found(&x.0)).map(|x| x.1).sum::<f32>() / self.total
    }
}

/// A set of terms as 1024 bits, one per term: a term whose bit is unset
/// is not in the set; one whose bit is set may be (a Bloom filter with one
/// hash).
pub(crate) struct TermFilter([u64; 16]);

impl TermFilter {
    /// The filter of a set of terms.
    pub(crate) fn of<'a>(terms: impl IntoIterator<Item = &'a u64>) -> TermFilter {
        let mut bits = [0u64; 16];
        for &g in terms {
            let k = Self::bit(g);
            bits[k / 64] |= 1 << (k % 64);
        }
        TermFilter(bits)
    }

    /// The term's bit: its characters (or its token hash) mixed.
    fn bit(g: u64) -> usize {
        ((g ^ (g >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54) as usize
    }

    /// False when the term is surely not in the set.
    #[inline]
    pub(crate) fn may_hold(&self, g: u64) -> bool {
        let k = Self::bit(g);
        self.0[k / 64] & (1 << (k % 64)) != 0
    }
}

/// Best assignment of rows to columns maximising the summed score, with
/// each row taking at most one column and each column at most one row.
/// Pairs scoring below `min` are never made; such rows stay unassigned.
pub fn assign(scores: &[Vec<f32>], min: f32) -> Vec<Option<usize>> {
    let n = scores.len();
    let m = scores.first().map_or(0, Vec::len);
    if n == 0 || m == 0 {
        return vec![None; n];
    }
    if n * m > 250_000 {
        return greedy(scores, min);
    }
    // Hungarian method (minimisation) on an n × (m + n) matrix: the extra
    // columns mean "unassigned" and cost nothing.
    let cols = m + n;
    const FORBID: f64 = 1e9;
    let cost = |i: usize, j: usize| -> f64 {
        if j < m {
            let s = scores[i][j];
            if s >= min { -(s as f64) } else { FORBID }
        } else {
            0.0
        }
    };
    // e-maxx formulation, 1-based, rows ≤ columns.
    let mut u = vec![0f64; n + 1];
    let mut v = vec![0f64; cols + 1];
    let mut p = vec![0usize; cols + 1];
    let mut way = vec![0usize; cols + 1];
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0usize;
        let mut minv = vec![f64::INFINITY; cols + 1];
        let mut used = vec![false; cols + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = f64::INFINITY;
            let mut j1 = 0usize;
            for j in 1..=cols {
                if !used[j] {
                    let cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=cols {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut out = vec![None; n];
    for j in 1..=cols {
        if p[j] != 0 && j - 1 < m && scores[p[j] - 1][j - 1] >= min {
            out[p[j] - 1] = Some(j - 1);
        }
    }
    out
}

/// As [`assign`], for sparse rows of `(column, score)` over `m` columns;
/// large pages are paired greedily, best pairs first.
pub fn assign_sparse(rows: &[Vec<(usize, f32)>], m: usize, min: f32) -> Vec<Option<usize>> {
    if rows.len() * m <= 250_000 {
        let dense: Vec<Vec<f32>> = rows
            .iter()
            .map(|r| {
                let mut d = vec![0.0; m];
                for &(j, s) in r {
                    if j < m {
                        d[j] = s;
                    }
                }
                d
            })
            .collect();
        return assign(&dense, min);
    }
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        for &(j, s) in row {
            if s >= min && j < m {
                pairs.push((s, i, j));
            }
        }
    }
    pick_best_pairs(pairs, rows.len())
}

fn pick_best_pairs(mut pairs: Vec<(f32, usize, usize)>, n: usize) -> Vec<Option<usize>> {
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out = vec![None; n];
    let mut taken = HashSet::default();
    for (_, i, j) in pairs {
        if out[i].is_none() && !taken.contains(&j) {
            out[i] = Some(j);
            taken.insert(j);
        }
    }
    out
}

/// Best pairs first: for pages too large for the exact method.
fn greedy(scores: &[Vec<f32>], min: f32) -> Vec<Option<usize>> {
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (i, row) in scores.iter().enumerate() {
        for (j, &s) in row.iter().enumerate() {
            if s >= min {
                pairs.push((s, i, j));
            }
        }
    }
    pick_best_pairs(pairs, scores.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The terms of a text read char by char, as the scanner did before it
    /// read bytes: the reference its byte reading must match exactly.
    fn terms_by_chars(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        let (mut prev, mut token): (Option<char>, Option<u64>) = (None, None);
        for c in text.chars() {
            if is_han(c) {
                if let Some(p) = prev {
                    out.push(((p as u64) << 32) | c as u64);
                }
                prev = Some(c);
            } else {
                prev = None;
            }
            if c.is_ascii_alphanumeric() {
                let h = token.unwrap_or(FNV_OFFSET) ^ c.to_ascii_lowercase() as u64;
                token = Some(h.wrapping_mul(FNV_PRIME));
            } else if let Some(h) = token.take() {
                out.push(token_term(h));
            }
        }
        out.extend(token.map(token_term));
        out
    }

    /// Each term of a body with whether its lead holds it, read as the
    /// indexing did before it split the text at the lead's end: a term
    /// ending within the first [`LEAD_CHARS`] characters is in the lead
    /// (all of them in a text no longer than that), and so is a token left
    /// open at the lead's end, if a term of the text is read the same.
    fn leads_by_counting(text: &str) -> Vec<(u64, bool)> {
        let mut out: Vec<(u64, bool)> = Vec::new();
        let mut see = |g: u64, lead: bool| {
            if !out.iter().any(|x| x.0 == g) {
                out.push((g, lead));
            }
        };
        let (mut scan, mut pending, mut chars) = (Scanner::default(), None, 0);
        for c in text.chars() {
            if chars == LEAD_CHARS {
                pending = scan.pending();
            }
            let lead = chars < LEAD_CHARS;
            scan.push_code(c as u32, is_han(c), &mut |g| see(g, lead));
            chars += 1;
        }
        scan.finish(&mut |g| see(g, chars <= LEAD_CHARS));
        if let Some(g) = pending
            && let Some(x) = out.iter_mut().find(|x| x.0 == g)
        {
            x.1 = true;
        }
        out
    }

    #[test]
    fn a_body_s_lead_ends_after_its_160th_character() {
        let han: Vec<char> = "吕梁市召开会议部署工作张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗".chars().collect();
        let filler = |n: usize| -> String { (0..n).map(|k| han[(k * 7 + k / 5) % han.len()]).collect() };
        let texts = [
            filler(159),
            filler(160),
            filler(161),
            filler(200),
            // A token across the lead's end, one ending at it, one after it.
            filler(158) + "abc123" + &filler(10),
            filler(157) + "ab3 " + &filler(10) + " ab3",
            filler(160) + "G20",
            filler(159) + "x",
            // A token open at the lead's end read as another term too.
            "ab ".to_string() + &filler(157) + "abcd",
            "短".to_string(),
            String::new(),
        ];
        let bodies = Bodies::new(&texts);
        for (b, t) in texts.iter().enumerate() {
            let got: Vec<(u64, bool)> = bodies.terms[b]
                .iter()
                .map(|&x| {
                    let e = x & !IN_LEAD;
                    let g = bodies.index.slots.iter().find(|x| x.0 != 0 && x.1 == e).map(|x| x.0);
                    (g.unwrap_or(0), x & IN_LEAD != 0)
                })
                .collect();
            assert_eq!(got, leads_by_counting(t), "body {b}");
        }
    }

    /// Each body's terms (as terms, in the order read, with their lead
    /// marks) and each term's weight and postings.
    type Indexed = (Vec<Vec<(u64, bool)>>, Vec<(u64, f32, Vec<u32>)>);

    /// [`Indexed`] for a page's bodies, for comparing two indexings.
    fn indexed(bodies: &Bodies) -> Indexed {
        let term_of = |e: u32| bodies.index.slots.iter().find(|x| x.0 != 0 && x.1 == e).map_or(0, |x| x.0);
        let terms = bodies
            .terms
            .iter()
            .map(|mine| mine.iter().map(|&x| (term_of(x & !IN_LEAD), x & IN_LEAD != 0)).collect())
            .collect();
        let mut postings: Vec<(u64, f32, Vec<u32>)> = (0..bodies.info.len() as u32)
            .map(|e| {
                let (w, from, to) = bodies.info[e as usize];
                (term_of(e), w, bodies.postings[from as usize..to as usize].to_vec())
            })
            .filter(|x| !x.2.is_empty())
            .collect();
        postings.sort_by_key(|x| x.0);
        (terms, postings)
    }

    #[test]
    fn a_body_grown_at_its_end_is_indexed_as_if_read_afresh() {
        let han: Vec<char> = "吕梁市召开会议部署工作张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗".chars().collect();
        let filler = |n: usize| -> String { (0..n).map(|k| han[(k * 7 + k / 5) % han.len()]).collect() };
        // (old text, text joined to it, whether only the part joined is read)
        let cases = [
            // Han on both sides of the seam: the bigram across it is new.
            (filler(200), "会议部署新工作。".to_string(), true),
            (filler(160), "新区".to_string(), true),
            (filler(161) + "。", "新区".to_string(), true),
            // A token ending the old text, none starting the part joined.
            (filler(160) + "G20", "峰会".to_string(), true),
            (filler(159) + "x", "，新区".to_string(), true),
            (filler(157) + "ab3 " + &filler(10), " ab3 cd".to_string(), true),
            // A token open at the lead's end, read again after the seam.
            ("ab ".to_string() + &filler(157) + "abcd", "（ab）".to_string(), true),
            // A token across the seam, or an old text within the lead: read again.
            (filler(200) + "G2", "0峰会".to_string(), false),
            (filler(100), "会议部署新工作".to_string(), false),
            (filler(159), "新区".to_string(), false),
        ];
        for (old, added, extends) in cases {
            let joined = old.clone() + &added;
            assert_eq!(Extension::of(&old, &joined).is_some(), extends, "{old:?} + {added:?}");
            let before = vec![filler(30), old.clone(), added.clone(), "部署工作".to_string()];
            let after = vec![filler(30), joined, String::new(), "部署工作".to_string()];
            let fresh = Bodies::from_texts(after.clone());
            let again = Bodies::reindex(after, Bodies::from_texts(before));
            assert_eq!(indexed(&again), indexed(&fresh), "{old:?} + {added:?}");
        }
    }

    #[test]
    fn byte_scanner_reads_the_terms_chars_do() {
        // Every width of UTF-8, the edges of the Han blocks (〇 among CJK
        // punctuation, the end of Hangul inside its block, kana, extension
        // B), tokens glued to Han text and at the very end.
        let cases = [
            "",
            "吕梁市召开会议",
            "5G网络覆盖APP用户，〇一二〇年",
            "abc中文def",
            "é中ü文ß",
            "\u{3006}\u{3007}\u{3008}\u{303F}\u{3040}\u{30FF}\u{3100}",
            "\u{33FF}\u{3400}\u{4DBF}\u{4DC0}\u{4DFF}\u{4E00}\u{9FFF}\u{A000}",
            "\u{ABFF}\u{AC00}\u{D7AF}\u{D7B0}\u{D7BF}\u{F8FF}\u{F900}\u{FAFF}\u{FB00}",
            "\u{1F600}\u{20000}\u{2A6D6}\u{3134F}\u{31350}𠀀𠀁x9",
            "Ｇ２０峰会 ＡＢ 12x",
            "中",
            "Z",
        ];
        for text in cases {
            assert_eq!(terms(text), terms_by_chars(text), "{text:?}");
            let got: Vec<(u32, bool)> = HanChars::of(text).collect();
            let want: Vec<(u32, bool)> = text.chars().map(|c| (c as u32, is_han(c))).collect();
            assert_eq!(got, want, "{text:?}");
        }
        // Every character below U+10000 (surrogates aside), one at a time.
        for c in (0x80u32..0x10000).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(HanChars::of(&s).collect::<Vec<_>>(), vec![(c as u32, is_han(c))], "{c:?}");
        }
    }

    #[test]
    fn term_index_keeps_each_terms_first_entry() {
        // Past several doublings, with terms of both kinds and repeats.
        let mut index = TermIndex::with_capacity(1);
        let mut want: HashMap<u64, u32> = HashMap::default();
        for k in 1..5000u64 {
            let g = if k % 3 == 0 {
                token_term(k.wrapping_mul(FNV_PRIME))
            } else {
                hash2(0x4E00 + (k % 700) as u32, 0x4E00 + k as u32 % 13)
            };
            let next = want.len() as u32;
            let e = *want.entry(g).or_insert(next);
            assert_eq!(index.get_or_insert(g, next), e);
            assert_eq!(index.len(), want.len());
        }
        for (&g, &e) in &want {
            assert_eq!(index.get(g), Some(e));
        }
        assert_eq!(index.get(hash2(0x4E00, 0x9FFF)), None);
    }

    #[test]
    fn a_recycled_term_table_is_empty_and_indexes_as_a_new_one() {
        // Grown past its first size, then left for the next page.
        let mut index = TermIndex::with_capacity(100);
        for k in 1..300u32 {
            index.get_or_insert(hash2(0x4E00 + k, 0x4E01), k);
        }
        let size = index.slots.len();
        index.recycle();
        let mut again = TermIndex::with_capacity(size / 2);
        assert_eq!(again.slots.len(), size, "the table left is taken");
        assert_eq!(again.len(), 0);
        assert!(again.slots.iter().all(|x| x.0 == 0) && again.used.is_empty());
        for k in 1..50u32 {
            assert_eq!(again.get_or_insert(hash2(0x4E00 + 2 * k, 0x4E02), k), k);
        }
        assert_eq!(again.get(hash2(0x4E01, 0x4E01)), None);
        assert_eq!(again.get(hash2(0x4E00 + 10, 0x4E02)), Some(5));
        // A table much larger than asked for is not taken.
        again.recycle();
        assert_eq!(TermIndex::with_capacity(4).slots.len(), 16);
    }

    #[test]
    fn a_page_indexed_after_another_is_indexed_as_if_first() {
        let han: Vec<char> = "吕梁市召开会议部署工作张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗".chars().collect();
        let filler =
            |n: usize, k0: usize| -> String { (0..n).map(|k| han[(k * 7 + k / 5 + k0) % han.len()]).collect() };
        let first = vec![filler(900, 1), filler(700, 2) + "G20", "会议".to_string()];
        let second = vec![filler(800, 3), "部署工作 APP".to_string(), filler(900, 4)];
        // (Each test has a thread of its own: the first page's table is new.)
        let fresh = indexed(&Bodies::from_texts(second.clone()));
        drop(Bodies::reindex(first.clone(), Bodies::from_texts(first)));
        let again = Bodies::from_texts(second.clone());
        assert_eq!(indexed(&again), fresh);
        let text = "会议部署工作";
        assert_eq!(again.scores(text), Bodies::new(&second).scores(text));
    }

    #[test]
    fn rare_shared_words_score_high() {
        let bodies = Bodies::new(&[
            "市委书记孙大军深入离石区调研老旧小区改造工作。".to_string(),
            "全市青少年工作联席会议第四次全体会议召开。".to_string(),
        ]);
        let s0 = bodies.score("孙大军在离石区调研老旧小区改造工作", 0);
        let s1 = bodies.score("孙大军在离石区调研老旧小区改造工作", 1);
        assert!(s0 > 0.6 && s1 < 0.1, "{s0} {s1}");
    }

    #[test]
    fn the_assignment_is_best_for_the_whole_page() {
        // Row 0 prefers column 0 slightly, but row 1 can only use column 0.
        let scores = vec![vec![0.9, 0.8], vec![0.85, 0.0]];
        assert_eq!(assign(&scores, 0.1), vec![Some(1), Some(0)]);
        // Below the minimum nothing is paired.
        assert_eq!(assign(&[vec![0.05, 0.02]], 0.1), vec![None]);
        // More rows than columns: the weakest row is left out.
        assert_eq!(assign(&[vec![0.5], vec![0.9], vec![0.3]], 0.1), vec![None, Some(0), None]);
    }

    #[test]
    fn sparse_scores_agree_with_single_scores() {
        let bodies = Bodies::new(&["吕梁市召开会议".to_string(), "交口县召开会议".to_string(), "无关".to_string()]);
        let sparse = bodies.scores("交口县会议");
        for (b, s) in &sparse {
            assert!((bodies.score("交口县会议", *b) - s).abs() < 1e-5);
        }
        assert!(sparse.iter().all(|(b, _)| *b != 2));
        assert_eq!(bodies.best("交口县会议").map(|x| x.0), Some(1));
    }

    #[test]
    fn the_best_body_is_the_best_of_the_scores_kept_or_read_afresh() {
        let texts = [
            "吕梁市召开会议".to_string(),
            "交口县召开会议".to_string(),
            "无关".to_string(),
            "交口县召开会议部署工作".to_string(),
        ];
        for (text, range) in [("交口县会议", 0..4), ("交口县会议", 0..2), ("召开会议", 1..9), ("无", 0..4), ("", 0..4)]
        {
            let want = Bodies::new(&texts)
                .scores_in(text, range.clone())
                .into_iter()
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            // Asked first (read from the index) and then again (kept).
            let bodies = Bodies::new(&texts);
            assert_eq!(bodies.best_in(text, range.clone()), want, "{text} {range:?}");
            assert_eq!(bodies.best_in(text, range.clone()), want, "{text} {range:?}");
            // Asked after the scores were kept.
            let bodies = Bodies::new(&texts);
            let scores = bodies.scores_in(text, range.clone());
            assert_eq!(bodies.best_in(text, range.clone()), want, "{text} {range:?}");
            assert_eq!(bodies.scores_in(text, range.clone()), scores, "{text} {range:?}");
        }
    }

    #[test]
    fn the_term_filter_holds_every_term_of_its_set_and_turns_most_others_away() {
        let ts = term_set("孙大军在离石区调研老旧小区改造工作 5G APP");
        let filter = TermFilter::of(&ts);
        assert!(ts.iter().all(|&g| filter.may_hold(g)));
        let others: Vec<u64> = terms("全市青少年工作联席会议第四次全体会议召开，交口县新建三所乡村幼儿园")
            .into_iter()
            .filter(|g| !ts.contains(g))
            .collect();
        let passed = others.iter().filter(|&&g| filter.may_hold(g)).count();
        assert!(passed * 4 < others.len(), "{passed} of {}", others.len());
        // A score read through the filter is the score read without it.
        let bodies = Bodies::new(&["孙大军调研老旧小区改造".to_string(), "全市青少年工作会议".to_string()]);
        let s = bodies.score_against("孙大军调研老旧小区改造工作", "市委书记孙大军到离石区调研老旧小区改造工作");
        let all: HashSet<u64> = terms("市委书记孙大军到离石区调研老旧小区改造工作").into_iter().collect();
        let want = bodies.score_terms_found(&term_set("孙大军调研老旧小区改造工作"), |g| all.contains(g));
        assert_eq!(s.to_bits(), want.to_bits());
    }

    #[test]
    fn a_score_against_a_body_read_from_the_index_is_the_score_read_from_its_text() {
        let texts = [
            "本报讯 市委书记孙大军到离石区调研老旧小区改造工作。".to_string(),
            "全市青少年工作会议召开，GDP增长。".to_string(),
            String::new(),
        ];
        let mut texts = texts.to_vec();
        // A body ending in a token: one across the seam is read afresh.
        texts.push("会议召开，GDP".to_string());
        let bodies = Bodies::new(&texts);
        assert!(bodies.read_past_text_of(3, ["会议召开，GDP", "5G增长"]).is_none());
        assert!(bodies.read_past_text_of(3, ["会议召开，GDP", "，增长"]).is_some());
        assert!(bodies.read_past_text_of(1, ["全市青少年工作会议召开，GDP增长。", "调研"]).is_some());
        for headline in ["孙大军调研老旧小区改造", "青少年工作会议", "GDP增长", "无关", ""] {
            for (b, pieces) in [
                (0, vec!["本报讯 市委书记孙大军到离石区", "调研老旧小区改造工作。"]),
                (1, vec!["全市青少年工作会议召开，GDP", "增长。"]),
                // Pieces that are no longer the body's text: read from them.
                (0, vec!["本报讯 市委书记孙大军到离石区"]),
                (1, vec!["全市青少年工作会议召开，GDP增长。", "孙大军调研"]),
                // The body's text and more after it (a body joined to it):
                // within a piece, after one, across a seam of Han text or
                // of a token.
                (1, vec!["全市青少年工作会议召开，GDP增长。孙大军", "调研", "", "老旧小区"]),
                (1, vec!["全市青少年工作会议召开，GDP", "增长。", "", "年工作会议"]),
                (0, vec!["本报讯 市委书记孙大军到离石区调研老旧小区改造工作。", "GDP增长"]),
                (1, vec!["全市青少年工作会议召开，G", "DP增长。", ""]),
                (2, vec![]),
                (2, vec!["孙大军"]),
                (7, vec!["孙大军"]),
                (3, vec!["会议召开，GDP", "增长"]),
                (3, vec!["会议召开，GDP", "5G增长"]),
                (3, vec!["会议召开，GDP", "，孙大军调研"]),
            ] {
                let want = bodies.score_against_pieces(headline, pieces.iter().copied());
                let got = bodies.score_against_body(headline, b, pieces.iter().copied());
                assert_eq!(got.to_bits(), want.to_bits(), "{headline} / {pieces:?}");
            }
        }
    }

    #[test]
    fn scores_read_with_kept_sets_are_the_scores_of_fresh_ones_to_the_bit() {
        let texts: Vec<String> = [
            "本报讯 市委书记孙大军到离石区调研老旧小区改造工作，强调要把好事办好。",
            "全市青少年工作会议召开，交口县新建三所乡村幼儿园，GDP增长。",
            "吕梁市召开会议部署冬季供暖工作，确保群众温暖过冬。",
        ]
        .map(String::from)
        .to_vec();
        // Texts of the same and of other lengths, each asked of one index
        // in turn (its sets and answers kept from one to the next) and of
        // an index of its own (asked first: every set new).
        let asked = [
            "孙大军调研老旧小区改造",
            "青少年工作会议",
            "孙大军调研老旧小区改造",
            "吕梁市部署供暖工作",
            "交口县新建乡村幼儿园",
            "GDP增长",
            "",
            "确保群众温暖过冬 吕梁市召开会议部署冬季供暖工作 青少年",
        ];
        let kept = Bodies::new(&texts);
        for text in asked {
            for range in [0..3, 1..2] {
                let fresh = Bodies::new(&texts).scores_in(text, range.clone());
                let got = kept.scores_in(text, range.clone());
                let bits = |v: &[(usize, f32)]| v.iter().map(|&(b, s)| (b, s.to_bits())).collect::<Vec<_>>();
                assert_eq!(bits(&got), bits(&fresh), "{text} {range:?}");
            }
            // A headline's share of a text: one pass over its terms, from
            // kept sets, as two sums over a set of its own.
            let body = "市委书记孙大军到离石区调研老旧小区改造工作，吕梁市部署供暖";
            let ts = term_set(text);
            let all: HashSet<u64> = terms(body).into_iter().collect();
            let total: f32 = ts.iter().map(|&g| kept.weight(g)).sum();
            let hit: f32 = ts.iter().filter(|g| all.contains(g)).map(|&g| kept.weight(g)).sum();
            let want = if total == 0.0 { 0.0 } else { hit / total };
            assert_eq!(kept.score_against(text, body).to_bits(), want.to_bits(), "{text}");
            assert_eq!(
                kept.score_against_body(text, 0, [texts[0].as_str()]).to_bits(),
                {
                    let hit: f32 = ts.iter().filter(|&&g| kept.holds(0, g)).map(|&g| kept.weight(g)).sum();
                    if total == 0.0 { 0.0f32 } else { hit / total }
                }
                .to_bits()
            );
        }
    }

    #[test]
    fn greedy_agrees_on_clear_cases() {
        let scores = vec![vec![0.9, 0.1], vec![0.2, 0.8]];
        assert_eq!(greedy(&scores, 0.1), vec![Some(0), Some(1)]);
    }
}
