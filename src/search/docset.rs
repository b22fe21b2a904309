//! Compact document sets for the postings: a sorted list while a key is
//! rare, a bitmap once it is dense (more than one document in 32), so no key
//! costs more than one bit per document of its segment.

use super::bytes::{Buf, Trust};

/// The documents of one key within one segment (numbered from the
/// segment's first document).
#[derive(Debug, Clone)]
pub enum DocSet {
    /// Sorted document numbers.
    List(Vec<u32>),
    /// Bit n of the bitmap: document n.
    Bits(Vec<u64>),
}

/// Postings of a run of consecutive documents being built: one set per
/// possible key.
#[derive(Debug)]
pub struct SegmentBuilder {
    len: u32,
    sets: Vec<Slot>,
}

/// One key's set under construction. A bitmap's bits land first in the
/// word kept beside it (`word`, the bitmap's word `at`), written to the
/// bitmap only when a document of another word comes or at the end: the
/// documents of a part come in order, so a frequent key touches its
/// bitmap once per 64 documents instead of once per document (each touch
/// a cache miss, the bitmaps of thousands of keys being far apart).
#[derive(Debug)]
struct Slot {
    set: DocSet,
    /// Which word of the bitmap `word` holds (`u32::MAX`: none yet).
    at: u32,
    /// Bits not yet written to the bitmap.
    word: u64,
}

impl Slot {
    /// Writes the kept word to the bitmap.
    fn flush(&mut self) {
        if let DocSet::Bits(b) = &mut self.set
            && let Some(w) = b.get_mut(self.at as usize)
        {
            *w |= self.word;
        }
        self.word = 0;
    }
}

/// The postings of a run of consecutive documents, documents numbered from
/// 0 (the index adds where the run starts, so a segment is reused as is
/// when documents are added before it): the keys present, sorted, and
/// their sets — every list end to end in one buffer and every bitmap in
/// another, so a segment is five allocations whatever its number of keys
/// (a stored one is read back with a copy of each buffer, not one
/// allocation per key; a stored one read from a mapped part file is used
/// where it lies, [`Buf`]).
#[derive(Debug, Default)]
pub struct Segment {
    len: u32,
    keys: Buf<u32>,
    /// Per key: the length of its list, or [`BITMAP`] for a bitmap.
    lens: Buf<u32>,
    /// Per key: where its set starts, in `lists` or in `bits`.
    starts: Buf<u32>,
    /// Every list, end to end, in key order.
    lists: Buf<u32>,
    /// Every bitmap (of `len.div_ceil(64)` words), end to end, in key order.
    bits: Buf<u64>,
}

/// The length of a key's set that is a bitmap.
const BITMAP: u32 = u32::MAX;

/// A borrowed view of a set, for intersections.
#[derive(Debug, Clone, Copy)]
pub enum SetRef<'a> {
    List(&'a [u32]),
    Bits(&'a [u64]),
}

impl SegmentBuilder {
    /// An empty segment for `len` documents and `keys` keys.
    pub fn new(len: u32, keys: usize) -> SegmentBuilder {
        SegmentBuilder {
            len,
            sets: (0..keys).map(|_| Slot { set: DocSet::List(Vec::new()), at: u32::MAX, word: 0 }).collect(),
        }
    }

    fn limit(&self) -> usize {
        (self.len as usize / 32).max(8)
    }

    /// Adds document `doc` (0-based in the segment; documents must come in
    /// increasing order per key).
    pub fn push(&mut self, key: usize, doc: u32) {
        let limit = self.limit();
        let words = (self.len as usize).div_ceil(64);
        let Some(slot) = self.sets.get_mut(key) else { return };
        match &mut slot.set {
            DocSet::List(v) => {
                v.push(doc);
                if v.len() > limit {
                    let mut bits = vec![0u64; words];
                    for &d in v.iter() {
                        bits[d as usize / 64] |= 1 << (d % 64);
                    }
                    slot.set = DocSet::Bits(bits);
                }
            }
            DocSet::Bits(_) => {
                let at = doc / 64;
                if at != slot.at {
                    slot.flush();
                    slot.at = at;
                }
                slot.word |= 1 << (doc % 64);
            }
        }
    }

    /// The segment built: only the keys present are kept.
    pub fn finish(self) -> Segment {
        let (mut keys, mut lens, mut starts, mut lists, mut bits) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (k, mut slot) in self.sets.into_iter().enumerate() {
            slot.flush();
            match slot.set {
                DocSet::List(v) if v.is_empty() => {}
                DocSet::List(v) => {
                    keys.push(k as u32);
                    lens.push(v.len() as u32);
                    starts.push(lists.len() as u32);
                    lists.extend_from_slice(&v);
                }
                DocSet::Bits(b) => {
                    keys.push(k as u32);
                    lens.push(BITMAP);
                    starts.push(bits.len() as u32);
                    bits.extend_from_slice(&b);
                }
            }
        }
        keys.shrink_to_fit();
        lens.shrink_to_fit();
        starts.shrink_to_fit();
        lists.shrink_to_fit();
        bits.shrink_to_fit();
        Segment {
            len: self.len,
            keys: keys.into(),
            lens: lens.into(),
            starts: starts.into(),
            lists: lists.into(),
            bits: bits.into(),
        }
    }
}

impl Segment {
    /// Number of documents covered.
    pub fn len(&self) -> u32 {
        self.len
    }

    /// True when it covers no document.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The set of `key`.
    pub fn get(&self, key: u32) -> SetRef<'_> {
        let Ok(i) = self.keys.binary_search(&key) else { return SetRef::List(&[]) };
        let (Some(&n), Some(&at)) = (self.lens.get(i), self.starts.get(i)) else { return SetRef::List(&[]) };
        let at = at as usize;
        match n {
            BITMAP => SetRef::Bits(self.bits.get(at..at + self.words()).unwrap_or(&[])),
            n => SetRef::List(self.lists.get(at..at + n as usize).unwrap_or(&[])),
        }
    }

    /// Words of a bitmap of this segment.
    fn words(&self) -> usize {
        (self.len as usize).div_ceil(64)
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.keys.bytes() + self.lens.bytes() + self.starts.bytes() + self.lists.bytes() + self.bits.bytes()
    }
}

impl Segment {
    /// Writes the segment ([`Segment::decode`] reads it back).
    pub fn encode(&self, w: &mut super::bytes::Writer) {
        w.u32(self.len);
        w.u32s(&self.keys);
        w.u32s(&self.lens);
        w.u32s(&self.starts);
        w.u32s(&self.lists);
        w.u64s(&self.bits);
    }

    /// Reads a segment back; None unless it is well formed for `keys` keys:
    /// keys increasing and below `keys`, every set starting where the sets
    /// before it end, exactly the lists and bitmaps the lengths call for,
    /// and (unless the bytes are [`Trust::Checksummed`]) every list sorted
    /// and within the segment. (The starts are stored, not summed again,
    /// so that a segment read from a mapped file is used where it lies.)
    pub fn decode(r: &mut super::bytes::Reader<'_>, keys: u32, trust: Trust) -> Option<Segment> {
        let len = r.u32()?;
        let key_list = r.u32s()?;
        if key_list.windows(2).any(|w| w[0] >= w[1]) || key_list.last().is_some_and(|&k| k >= keys) {
            return None;
        }
        let lens = r.u32s()?;
        let starts = r.u32s()?;
        let lists = r.u32s()?;
        let bits = r.u64s()?;
        if lens.len() != key_list.len() || starts.len() != lens.len() {
            return None;
        }
        let words = (len as usize).div_ceil(64);
        let (mut in_lists, mut in_bits) = (0usize, 0usize);
        for (&n, &start) in lens.iter().zip(starts.iter()) {
            match n {
                BITMAP => {
                    if start as usize != in_bits {
                        return None;
                    }
                    in_bits += words;
                }
                0 => return None,
                n => {
                    if start as usize != in_lists {
                        return None;
                    }
                    let list = lists.get(in_lists..in_lists + n as usize)?;
                    if trust == Trust::Nothing && !sorted_below(list, len) {
                        return None;
                    }
                    in_lists += n as usize;
                }
            }
        }
        if in_lists != lists.len() || in_bits != bits.len() {
            return None;
        }
        Some(Segment { len, keys: key_list, lens, starts, lists, bits })
    }
}

/// True when `list` is strictly increasing and its last value below `len`.
fn sorted_below(list: &[u32], len: u32) -> bool {
    // (Pairs compared without an early exit: a loop the compiler can widen.)
    let increasing = list.windows(2).fold(true, |ok, w| ok & (w[0] < w[1]));
    increasing && list.last().is_some_and(|&d| d < len)
}

impl SetRef<'_> {
    /// At least the number of documents (a list's length; a bitmap's bits,
    /// without counting them).
    fn count_upper(&self) -> usize {
        match self {
            SetRef::List(v) => v.len(),
            SetRef::Bits(b) => b.len() * 64,
        }
    }

    fn count(&self) -> usize {
        match self {
            SetRef::List(v) => v.len(),
            SetRef::Bits(b) => b.iter().map(|w| w.count_ones() as usize).sum(),
        }
    }

    /// True when document `doc` is in the set.
    pub fn has(&self, doc: u32) -> bool {
        match self {
            SetRef::List(v) => v.binary_search(&doc).is_ok(),
            SetRef::Bits(b) => b.get(doc as usize / 64).is_some_and(|w| w >> (doc % 64) & 1 == 1),
        }
    }

    /// Every document of the set, sorted.
    pub fn to_vec(&self) -> Vec<u32> {
        match self {
            SetRef::List(v) => v.to_vec(),
            SetRef::Bits(b) => bits_to_vec(b.iter().copied()),
        }
    }
}

/// The documents of a bitmap, sorted.
fn bits_to_vec(words: impl Iterator<Item = u64>) -> Vec<u32> {
    let mut out = Vec::new();
    for (i, mut w) in words.enumerate() {
        while w != 0 {
            let t = w.trailing_zeros();
            out.push(i as u32 * 64 + t);
            w &= w - 1;
        }
    }
    out
}

/// Intersection of sets (sorted result).
pub fn intersect(mut sets: Vec<SetRef<'_>>) -> Vec<u32> {
    if sets.is_empty() {
        return Vec::new();
    }
    let mut counted: Vec<(usize, SetRef<'_>)> = sets.drain(..).map(|s| (s.count(), s)).collect();
    counted.sort_by_key(|c| c.0);
    let lists: Vec<&[u32]> =
        counted.iter().filter_map(|(_, s)| if let SetRef::List(v) = s { Some(*v) } else { None }).collect();
    let bits: Vec<&[u64]> =
        counted.iter().filter_map(|(_, s)| if let SetRef::Bits(b) = s { Some(*b) } else { None }).collect();
    let mut out = if lists.is_empty() {
        let words = bits.iter().map(|b| b.len()).min().unwrap_or(0);
        bits_to_vec((0..words).map(|i| bits.iter().fold(u64::MAX, |acc, b| acc & b[i])))
    } else {
        let mut out = super::sorted::intersect(lists);
        out.retain(|&d| bits.iter().all(|b| b.get((d / 64) as usize).is_some_and(|w| w >> (d % 64) & 1 == 1)));
        out
    };
    out.shrink_to_fit();
    out
}

/// Union of sets (sorted, without duplicates).
pub fn union(sets: Vec<SetRef<'_>>) -> Vec<u32> {
    let total: usize = sets.iter().map(|s| s.count_upper()).sum();
    let words = sets
        .iter()
        .map(|s| match s {
            SetRef::List(v) => v.last().map_or(0, |&d| d as usize / 64 + 1),
            SetRef::Bits(b) => b.len(),
        })
        .max()
        .unwrap_or(0);
    if words > 0 && words <= total {
        // Dense enough (or a bitmap among them): the sets ORed into a
        // bitmap, read in order, cost less than sorting their documents
        // (the same list).
        let mut bits = vec![0u64; words];
        for s in &sets {
            match s {
                SetRef::List(v) => v.iter().for_each(|&d| bits[d as usize / 64] |= 1 << (d % 64)),
                SetRef::Bits(b) => bits.iter_mut().zip(*b).for_each(|(w, x)| *w |= x),
            }
        }
        return bits_to_vec(bits.into_iter());
    }
    let mut out: Vec<u32> = Vec::with_capacity(total);
    for s in sets {
        match s {
            SetRef::List(v) => out.extend_from_slice(v),
            SetRef::Bits(_) => out.extend(s.to_vec()),
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_turn_into_bitmaps_and_still_intersect() {
        let mut seg = SegmentBuilder::new(640, 3);
        for d in 0..640 {
            if d % 2 == 0 {
                seg.push(0, d);
            }
            if d % 3 == 0 {
                seg.push(1, d);
            }
        }
        seg.push(2, 2);
        seg.push(2, 5);
        seg.push(2, 6);
        let seg = seg.finish();
        assert!(matches!(seg.get(0), SetRef::Bits(..)));
        assert!(matches!(seg.get(2), SetRef::List(_)));
        let both = intersect(vec![seg.get(0), seg.get(1)]);
        assert_eq!(both, (0..640).filter(|d| d % 6 == 0).collect::<Vec<_>>());
        assert_eq!(intersect(vec![seg.get(0), seg.get(1), seg.get(2)]), vec![6]);
        assert_eq!(union(vec![seg.get(2), SetRef::List(&[1, 2])]), vec![1, 2, 5, 6]);
        // With a bitmap among the sets: the same as every document sorted.
        let mut all: Vec<u32> = (0..640).filter(|d| d % 2 == 0).chain([1, 2, 5, 6, 639]).collect();
        all.sort_unstable();
        all.dedup();
        assert_eq!(union(vec![seg.get(0), seg.get(2), SetRef::List(&[1, 639])]), all);
        // Sparse lists far apart: sorted as before.
        assert_eq!(union(vec![SetRef::List(&[7, 100_000]), SetRef::List(&[3, 7])]), vec![3, 7, 100_000]);
        assert!(matches!(seg.get(7), SetRef::List(&[])), "a key absent from the segment");
        let mut w = crate::search::bytes::Writer::default();
        seg.encode(&mut w);
        let back = Segment::decode(&mut crate::search::bytes::Reader::new(&w.out), 3, Trust::Nothing).expect("decodes");
        assert_eq!(intersect(vec![back.get(0), back.get(1), back.get(2)]), vec![6], "the same sets back");
        assert!(
            Segment::decode(&mut crate::search::bytes::Reader::new(&w.out), 2, Trust::Nothing).is_none(),
            "a key out of range"
        );
        assert!(
            Segment::decode(&mut crate::search::bytes::Reader::new(&w.out[..w.out.len() / 2]), 3, Trust::Nothing)
                .is_none()
        );
    }

    #[test]
    fn a_bitmaps_bits_kept_beside_it_all_reach_it() {
        // (len, how docs pick keys): every document of a frequent key,
        // across many 64-document words and the last partial one, comes
        // back, whichever keys come in between.
        for (len, step) in [(64u32, 1u32), (65, 2), (1000, 3), (4097, 7), (300, 1)] {
            let keys = 5usize;
            let mut b = SegmentBuilder::new(len, keys);
            let mut want: Vec<Vec<u32>> = vec![Vec::new(); keys];
            for d in 0..len {
                for k in 0..keys as u32 {
                    if (d * step + k * 13) % (k + 2) != 1 {
                        b.push(k as usize, d);
                        want[k as usize].push(d);
                    }
                }
            }
            // A document beyond the segment is left out, as before.
            b.push(0, len + 64);
            let seg = b.finish();
            for (k, docs) in want.iter().enumerate() {
                let set = seg.get(k as u32);
                assert_eq!(set.to_vec(), *docs, "len {len} step {step} key {k}");
                let dense = docs.len() > (len as usize / 32).max(8);
                assert_eq!(matches!(set, SetRef::Bits(_)), dense, "len {len} key {k}");
            }
        }
    }

    #[test]
    fn a_damaged_stored_segment_is_refused() {
        let mut seg = SegmentBuilder::new(100, 4);
        for (key, doc) in [(0, 3), (0, 9), (1, 50), (3, 7), (3, 99)] {
            seg.push(key, doc);
        }
        let mut w = crate::search::bytes::Writer::default();
        seg.finish().encode(&mut w);
        let read = |bytes: &[u8]| Segment::decode(&mut crate::search::bytes::Reader::new(bytes), 4, Trust::Nothing);
        let back = read(&w.out).expect("decodes");
        assert_eq!(back.get(3).to_vec(), vec![7, 99]);
        assert_eq!(back.get(2).to_vec(), Vec::<u32>::new());
        // The lists end to end are 3 9 50 7 99, after len, the keys, the
        // lengths and the starts (4 + 3 * (4 + 3 * 4) bytes) and their own
        // length.
        let lists = 4 + 3 * (4 + 12) + 4;
        let at = |n: usize| lists + 4 * n;
        let with = |n: usize, v: u32| {
            let mut b = w.out.clone();
            b[at(n)..at(n) + 4].copy_from_slice(&v.to_le_bytes());
            b
        };
        assert!(read(&with(1, 9)).is_some(), "the same bytes");
        assert!(read(&with(1, 2)).is_none(), "a list out of order");
        assert!(read(&with(4, 100)).is_none(), "a document past the segment");
        let mut cut_len = w.out.clone();
        // The first key's length says 1 where its list holds 2.
        cut_len[4 + 4 + 12 + 4..4 + 4 + 12 + 4 + 4].copy_from_slice(&1u32.to_le_bytes());
        assert!(read(&cut_len).is_none(), "lengths that do not add up to the lists");
        let mut moved = w.out.clone();
        // The second key's start says 1 where the first key's list ends at 2.
        moved[4 + 2 * (4 + 12) + 4 + 4..4 + 2 * (4 + 12) + 4 + 8].copy_from_slice(&1u32.to_le_bytes());
        assert!(read(&moved).is_none(), "a set that does not start where the one before ends");
    }
}
