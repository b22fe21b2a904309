//! Pinyin matching: a query of Latin letters finds Hanzi by full syllables
//! (`lvliang`, `lüliang`, `lyuliang` → 吕梁), initials (`sdj` → 孙大军) and
//! mixes (`sundj`). Every reading of a polyphone (长 chang/zhang, 行 xing/hang)
//! counts. Matches are runs of consecutive Hanzi, so their char positions
//! highlight the original text exactly.

use pinyin::ToPinyinMulti;
use std::collections::HashMap;
use std::sync::OnceLock;

/// First code point covered by the reading table.
const FIRST: u32 = 0x3400;
/// One past the last code point covered.
const LAST: u32 = 0xA000;

/// Readings of every Hanzi, as syllable ids, plus the syllable spellings.
pub struct Table {
    /// Per code point (offset by `FIRST`): start and count in `readings`.
    spans: Vec<(u32, u8)>,
    /// Per code point: bit n set when a reading begins with letter `a` + n.
    masks: Vec<u32>,
    readings: Vec<u16>,
    /// Canonical spelling of each syllable id (toneless, ü written `v`).
    syllables: Vec<String>,
    /// Per syllable id: its first letter, 0 for `a` to 25 for `z` (read
    /// for every Hanzi the index keys, without going to the spelling).
    initials: Vec<u8>,
    /// Every accepted spelling (canonical and variants such as `lyu`, `lue`)
    /// → syllable id.
    spellings: HashMap<String, u16>,
    /// Every proper or full prefix of an accepted spelling → the syllables
    /// spelled so.
    prefixes: HashMap<String, Vec<u16>>,
    /// Per syllable id: its accepted spellings.
    spelled: Vec<Vec<String>>,
    /// The name of the thread that built the table (None: unnamed).
    built_on: Option<String>,
}

static TABLE: OnceLock<Table> = OnceLock::new();

/// The reading table (built on first use, a few milliseconds).
pub fn table() -> &'static Table {
    TABLE.get_or_init(Table::build)
}

/// Builds the reading table now, on the calling thread, unless it is built
/// already. The search thread calls it as it starts, so the first keystroke
/// does not pay for it.
pub fn preload() {
    let _ = table();
}

/// The reading table if it is built; never builds it.
pub fn try_table() -> Option<&'static Table> {
    TABLE.get()
}

fn canonical(plain: &str) -> String {
    plain.replace('ü', "v")
}

fn variants(canon: &str) -> Vec<String> {
    let mut v = vec![canon.to_string()];
    if canon.contains('v') {
        // lü → lyu, lüe → lyue and the common lue/nue.
        v.push(canon.replace('v', "yu"));
        if canon.ends_with("ve") {
            v.push(canon.replace('v', "u"));
        }
    }
    v
}

impl Table {
    fn build() -> Table {
        let mut t = Table {
            spans: Vec::with_capacity((LAST - FIRST) as usize),
            masks: Vec::with_capacity((LAST - FIRST) as usize),
            readings: Vec::new(),
            syllables: Vec::new(),
            initials: Vec::new(),
            spellings: HashMap::new(),
            prefixes: HashMap::new(),
            spelled: Vec::new(),
            built_on: std::thread::current().name().map(str::to_string),
        };
        let mut ids: HashMap<String, u16> = HashMap::new();
        for cp in FIRST..LAST {
            let start = t.readings.len() as u32;
            let mut n = 0u8;
            if let Some(multi) = char::from_u32(cp).and_then(|c| c.to_pinyin_multi()) {
                for p in multi {
                    let canon = canonical(p.plain());
                    if canon.is_empty() || !canon.bytes().all(|b| b.is_ascii_lowercase()) {
                        continue;
                    }
                    let next = ids.len() as u16;
                    let id = *ids.entry(canon.clone()).or_insert(next);
                    if id as usize == t.syllables.len() {
                        t.initials.push(canon.as_bytes()[0] - b'a');
                        t.syllables.push(canon);
                    }
                    if !t.readings[start as usize..].contains(&id) && n < u8::MAX {
                        t.readings.push(id);
                        n += 1;
                    }
                }
            }
            t.spans.push((start, n));
            let mut mask = 0u32;
            for &id in &t.readings[start as usize..] {
                mask |= 1 << (t.syllables[id as usize].as_bytes()[0] - b'a');
            }
            t.masks.push(mask);
        }
        for (id, canon) in t.syllables.iter().enumerate() {
            let vs = variants(canon);
            for s in &vs {
                t.spellings.insert(s.clone(), id as u16);
                for k in 1..=s.len() {
                    let e = t.prefixes.entry(s[..k].to_string()).or_default();
                    if !e.contains(&(id as u16)) {
                        e.push(id as u16);
                    }
                }
            }
            t.spelled.push(vs);
        }
        t
    }

    /// Syllable ids of the readings of `c` (empty for non-Hanzi).
    pub fn readings(&self, c: char) -> &[u16] {
        let cp = c as u32;
        if !(FIRST..LAST).contains(&cp) {
            return &[];
        }
        let (start, n) = self.spans[(cp - FIRST) as usize];
        &self.readings[start as usize..start as usize + n as usize]
    }

    /// Bit n set when a reading of `c` begins with letter `a` + n (0 for non-Hanzi).
    pub fn mask(&self, c: char) -> u32 {
        let cp = c as u32;
        if (FIRST..LAST).contains(&cp) { self.masks[(cp - FIRST) as usize] } else { 0 }
    }

    /// The name of the thread that built the table (None: an unnamed one).
    pub fn built_on(&self) -> Option<&str> {
        self.built_on.as_deref()
    }

    /// Number of distinct syllables.
    pub fn syllable_count(&self) -> usize {
        self.syllables.len()
    }

    /// Canonical spelling of a syllable id.
    pub fn syllable(&self, id: u16) -> &str {
        &self.syllables[id as usize]
    }

    /// The first letter of a syllable id's spelling: 0 for `a` to 25 for
    /// `z` (None for an id out of range).
    pub fn initial(&self, id: u16) -> Option<u8> {
        self.initials.get(id as usize).copied()
    }

    /// Syllable ids whose spelling (or variant) starts with `prefix`.
    pub fn with_prefix(&self, prefix: &str) -> &[u16] {
        self.prefixes.get(prefix).map(Vec::as_slice).unwrap_or(&[])
    }

    /// True when `s` is the whole spelling of a syllable (or a variant).
    pub fn is_spelling(&self, s: &str) -> bool {
        self.spellings.contains_key(s)
    }

    /// The syllable `s` spells (or a variant of it spells), if any.
    pub fn spelled(&self, s: &str) -> Option<u16> {
        self.spellings.get(s).copied()
    }
}

/// A query as pinyin: lower-case ASCII letters, `ü` written `v`; None when
/// the query is not pinyin-like (anything but letters, spaces and `'`).
/// Tone marks are ignored (`lǚliáng` is `lvliang`), precomposed or typed as
/// combining marks.
pub fn normalise_query(q: &str) -> Option<Vec<u8>> {
    use unicode_normalization::UnicodeNormalization;
    let mut out = Vec::new();
    // Decomposed: `ǚ` is `u`, a diaeresis and a caron.
    for c in q.nfd() {
        match c {
            'a'..='z' => out.push(c as u8),
            'A'..='Z' => out.push(c.to_ascii_lowercase() as u8),
            // The diaeresis makes the `u` before it `ü`, written `v`.
            '\u{0308}' if out.last() == Some(&b'u') => {
                out.pop();
                out.push(b'v');
            }
            // Tone marks (macron, acute, caron, grave) and other accents.
            '\u{0300}'..='\u{036F}' => {}
            ' ' | '\'' | '’' | '\u{3000}' => {}
            _ => {
                let f = super::fold::fold_lower(c);
                if f.is_ascii_lowercase() {
                    out.push(f as u8)
                } else {
                    return None;
                }
            }
        }
    }
    if out.is_empty() || out.len() > 64 { None } else { Some(out) }
}

/// One way a char can consume query letters, by the number of letters.
/// (letters consumed, whether only an initial was consumed), longest first.
fn consumptions(t: &Table, c: char, rest: &[u8], out: &mut Opts) {
    out.n = 0;
    for &id in t.readings(c) {
        for s in &t.spelled[id as usize] {
            let s = s.as_bytes();
            if s[0] != rest[0] {
                continue;
            }
            let common = s.iter().zip(rest).take_while(|(a, b)| a == b).count();
            if common == s.len() || common == rest.len() {
                // The whole syllable, or the rest of the query is a prefix of it.
                out.push((common, false));
            }
            if s.len() > 1 {
                out.push((1, true));
                if common >= 2 && s[1] == b'h' && matches!(s[0], b'z' | b'c' | b's') && s.len() > 2 {
                    out.push((2, true));
                }
            }
        }
    }
    out.sort();
}

/// Does the query end with a whole spelling of one of `c`'s readings (so a
/// match ending at `c` used up its syllable rather than a prefix of it)?
pub fn ends_syllable(t: &Table, c: char, q: &[u8]) -> bool {
    t.readings(c).iter().any(|&id| t.spelled[id as usize].iter().any(|s| q.ends_with(s.as_bytes())))
}

/// A small fixed list of consumption options (no allocation per char).
struct Opts {
    items: [(usize, bool); 32],
    n: usize,
}

impl Opts {
    fn new() -> Opts {
        Opts { items: [(0, false); 32], n: 0 }
    }
    fn push(&mut self, x: (usize, bool)) {
        if self.n < self.items.len() && !self.items[..self.n].iter().any(|y| y.0 == x.0) {
            self.items[self.n] = x;
            self.n += 1;
        }
    }
    /// Longest consumption first.
    fn sort(&mut self) {
        if self.n > 1 {
            self.items[..self.n].sort_unstable_by(|a, b| b.cmp(a));
        }
    }
}

/// Matches the pinyin query `q` against consecutive chars from `start`;
/// returns the end (exclusive) of the matched run.
pub fn match_at(t: &Table, chars: &[char], start: usize, q: &[u8]) -> Option<usize> {
    let mut budget = 4096u32;
    if q.is_empty() {
        return None;
    }
    match_rec(t, chars, start, q, true, &mut budget)
}

/// A vowel-initial syllable (an, ou, e …) only begins a query: inside one,
/// `xian` is 先 and never 西安 (standard pinyin writes that split xi'an);
/// this keeps the ways to read a query few.
fn vowel(b: u8) -> bool {
    matches!(b, b'a' | b'o' | b'e')
}

fn match_rec(t: &Table, chars: &[char], i: usize, q: &[u8], first: bool, budget: &mut u32) -> Option<usize> {
    if q.is_empty() {
        return Some(i);
    }
    if i >= chars.len() || *budget == 0 || (!first && vowel(q[0])) {
        return None;
    }
    *budget -= 1;
    let mut opts = Opts::new();
    consumptions(t, chars[i], q, &mut opts);
    for &(n, _) in &opts.items[..opts.n] {
        if let Some(end) = match_rec(t, chars, i + 1, &q[n..], false, budget) {
            return Some(end);
        }
    }
    None
}

/// Every non-overlapping pinyin match in `chars`, leftmost first, as char
/// ranges (at most `max`).
pub fn find_all(t: &Table, chars: &[char], q: &[u8], max: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    if q.is_empty() {
        return out;
    }
    let mut i = 0;
    let bit = 1u32 << (q.first().map_or(0, |b| b.wrapping_sub(b'a')) % 32);
    while i < chars.len() && out.len() < max {
        if t.mask(chars[i]) & bit != 0
            && let Some(end) = match_at(t, chars, i, q)
        {
            out.push(i..end);
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

/// How a segmentation chunk can be found in the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chunk {
    /// A full syllable (not the last chunk).
    Full(u16),
    /// An initial: the first letter of the char's reading.
    Initial(u8),
    /// The last chunk: a prefix of these syllables (empty: too many to list).
    Partial(u8, Vec<u16>),
}

impl Chunk {
    /// The first letter of the readings this chunk stands for.
    pub fn letter(&self, t: &Table) -> u8 {
        match self {
            Chunk::Full(id) => t.syllable(*id).as_bytes()[0],
            Chunk::Initial(l) | Chunk::Partial(l, _) => *l,
        }
    }
}

/// Every way (up to `cap`) to split a pinyin query into per-char chunks, as
/// the matcher may consume it; the flag is false when the cap cut some off.
pub fn segmentations(t: &Table, q: &[u8], cap: usize) -> (Vec<Vec<Chunk>>, bool) {
    let mut out = Vec::new();
    if q.is_empty() || !q.iter().all(u8::is_ascii_lowercase) {
        return (out, true);
    }
    let mut cur = Vec::new();
    let mut steps = 0u32;
    let complete = seg_rec(t, q, 0, &mut cur, &mut out, cap, &mut steps);
    // Fewest chunks first: the most natural readings.
    out.sort_by_key(|s: &Vec<Chunk>| s.len());
    (out, complete)
}

fn seg_rec(
    t: &Table,
    q: &[u8],
    p: usize,
    cur: &mut Vec<Chunk>,
    out: &mut Vec<Vec<Chunk>>,
    cap: usize,
    steps: &mut u32,
) -> bool {
    *steps += 1;
    if *steps > 20_000 || out.len() >= cap {
        return false;
    }
    let rest = std::str::from_utf8(&q[p..]).unwrap_or("");
    let mut complete = true;
    // The rest as the last chunk.
    let syl = t.with_prefix(rest);
    if !syl.is_empty() {
        let listed = if rest.len() >= 2 && syl.len() <= 16 { syl.to_vec() } else { Vec::new() };
        cur.push(Chunk::Partial(q[p], listed));
        out.push(cur.clone());
        cur.pop();
    }
    // A non-last chunk: an initial, zh/ch/sh, or a full syllable.
    if p > 0 && vowel(q[p]) {
        return true;
    }
    // Longest first, so the natural reading is found before the cap.
    let mut lens: Vec<(usize, Chunk)> = Vec::new();
    for n in (2..=6.min(rest.len() - 1)).rev() {
        if let Some(&id) = t.spellings.get(&rest[..n]) {
            lens.push((n, Chunk::Full(id)));
        }
    }
    if rest.len() > 2 && matches!(&rest[..2], "zh" | "ch" | "sh") {
        lens.push((2, Chunk::Initial(q[p])));
    }
    if !t.with_prefix(&rest[..1]).is_empty() {
        lens.push((1, Chunk::Initial(q[p])));
    }
    for (n, chunk) in lens {
        if p + n >= q.len() {
            continue;
        }
        cur.push(chunk);
        complete &= seg_rec(t, q, p + n, cur, out, cap, steps);
        cur.pop();
    }
    complete
}

/// One chunk of a pinyin query as a step of its syllable lattice: the
/// letters `from..to` read as `chunk`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The first letter.
    pub from: usize,
    /// One past the last letter.
    pub to: usize,
    /// How those letters are read.
    pub chunk: Chunk,
}

/// Every way of reading `q` (lower-case ASCII letters) as chunks, as a
/// lattice rather than a list: the steps of [`segmentations`] (same rules,
/// no cap) that lie on a reading of the whole query, sorted by `from`.
/// A reading is a chain of steps from letter 0 to `q.len()`; a query with
/// thousands of readings has a few dozen steps.
pub fn lattice(t: &Table, q: &[u8]) -> Vec<Step> {
    let n = q.len();
    if n == 0 || !q.iter().all(u8::is_ascii_lowercase) {
        return Vec::new();
    }
    let mut reached = vec![false; n + 1];
    reached[0] = true;
    let mut steps = Vec::new();
    for p in 0..n {
        if !reached[p] {
            continue;
        }
        let rest = std::str::from_utf8(&q[p..]).unwrap_or("");
        // The rest as the last chunk.
        let syl = t.with_prefix(rest);
        if !syl.is_empty() {
            let listed = if rest.len() >= 2 && syl.len() <= 16 { syl.to_vec() } else { Vec::new() };
            steps.push(Step { from: p, to: n, chunk: Chunk::Partial(q[p], listed) });
        }
        if p > 0 && vowel(q[p]) {
            continue;
        }
        let mut add = |len: usize, chunk: Chunk| {
            if p + len < n {
                reached[p + len] = true;
                steps.push(Step { from: p, to: p + len, chunk });
            }
        };
        for len in (2..=6.min(rest.len() - 1)).rev() {
            if let Some(&id) = t.spellings.get(&rest[..len]) {
                add(len, Chunk::Full(id));
            }
        }
        if rest.len() > 2 && matches!(&rest[..2], "zh" | "ch" | "sh") {
            add(2, Chunk::Initial(q[p]));
        }
        if !t.with_prefix(&rest[..1]).is_empty() {
            add(1, Chunk::Initial(q[p]));
        }
    }
    // Keep the steps from which the end can be reached.
    let mut ends = vec![false; n + 1];
    ends[n] = true;
    for s in steps.iter().rev() {
        if ends[s.to] {
            ends[s.from] = true;
        }
    }
    steps.retain(|s| ends[s.to]);
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn a_syllables_initial_is_the_first_letter_of_its_spelling() {
        let t = table();
        let lv = t.readings('吕').first().copied().unwrap_or(u16::MAX);
        assert_eq!(t.initial(lv), Some(b'l' - b'a'));
        for id in 0..t.syllable_count() as u16 {
            let first = t.syllable(id).as_bytes()[0];
            assert_eq!(t.initial(id), Some(first - b'a'), "{}", t.syllable(id));
        }
        assert_eq!(t.initial(t.syllable_count() as u16), None);
    }

    #[test]
    fn polyphones_have_every_reading() {
        let t = table();
        let r: Vec<&str> = t.readings('长').iter().map(|&id| t.syllable(id)).collect();
        assert!(r.contains(&"chang") && r.contains(&"zhang"), "{r:?}");
        let r: Vec<&str> = t.readings('吕').iter().map(|&id| t.syllable(id)).collect();
        assert_eq!(r, ["lv"]);
    }

    #[test]
    fn tone_marks_are_ignored() {
        assert_eq!(normalise_query("lǚliáng").as_deref(), Some(&b"lvliang"[..]));
        assert_eq!(normalise_query("Sūn Dàjūn").as_deref(), Some(&b"sundajun"[..]));
        assert_eq!(normalise_query("nǚ'ér").as_deref(), Some(&b"nver"[..]));
        assert_eq!(normalise_query("吕梁"), None, "Hanzi are not pinyin");
    }

    #[test]
    fn full_initials_mixed_and_u_umlaut_spellings() {
        let t = table();
        let text = chars("在吕梁市见到孙大军");
        for q in [
            "lvliang",
            "lyuliang",
            "lüliang",
            "ll",
            "lvl",
            "lvlian",
            "lǚliáng",
            "Lǚ Liáng",
            "lu\u{308}\u{30c}lia\u{301}ng",
        ] {
            let q = normalise_query(q).unwrap();
            assert_eq!(find_all(t, &text, &q, 9), vec![1..3], "{}", String::from_utf8_lossy(&q));
        }
        for q in ["sundajun", "sdj", "sundj", "sdajun"] {
            let q = normalise_query(q).unwrap();
            assert_eq!(find_all(t, &text, &q, 9), vec![6..9], "{}", String::from_utf8_lossy(&q));
        }
        assert!(find_all(t, &text, b"lvx", 9).is_empty());
    }

    #[test]
    fn the_lattice_holds_every_reading() {
        // Each reading of a query is a chain of lattice steps, and each
        // chain from the first letter to the last is a reading.
        let t = table();
        for q in ["zhongmeiyoucheng", "qsngzlxhy", "lvliang", "xian", "gaozhiliangfazha"] {
            let q = q.as_bytes();
            let steps = lattice(t, q);
            let (segs, complete) = segmentations(t, q, 100_000);
            assert!(complete, "{}", String::from_utf8_lossy(q));
            let mut chains: Vec<Vec<Chunk>> = Vec::new();
            let mut open: Vec<(usize, Vec<Chunk>)> = vec![(0, Vec::new())];
            while let Some((at, chain)) = open.pop() {
                if at == q.len() {
                    chains.push(chain);
                    continue;
                }
                for s in steps.iter().filter(|s| s.from == at) {
                    let mut c = chain.clone();
                    c.push(s.chunk.clone());
                    open.push((s.to, c));
                }
            }
            let mut segs = segs;
            segs.sort_by_key(|s| format!("{s:?}"));
            chains.sort_by_key(|s| format!("{s:?}"));
            assert_eq!(chains, segs, "{}", String::from_utf8_lossy(q));
        }
        assert!(lattice(t, b"gaozhiliangfazha").len() < 100, "a few dozen steps");
    }

    #[test]
    fn segmentations_cover_the_natural_reading() {
        let t = table();
        let (segs, complete) = segmentations(t, b"zhongmeiyoucheng", 64);
        assert!(complete);
        assert!(segs.iter().any(|s| s.len() == 4), "{segs:?}");
        let (segs, _) = segmentations(t, b"qsngzlxhy", 64);
        assert!(segs.iter().any(|s| s.len() == 9));
    }
}
