//! Compact document sets for the postings: a sorted list while a key is
//! rare, a bitmap once it is dense (more than one document in 32), so no key
//! costs more than one bit per document of its segment.

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
    sets: Vec<DocSet>,
}

/// The postings of a run of consecutive documents, documents numbered from
/// 0 (the index adds where the run starts, so a segment is reused as is
/// when documents are added before it): the keys present, sorted, and
/// their sets.
#[derive(Debug, Default)]
pub struct Segment {
    len: u32,
    keys: Vec<u32>,
    sets: Vec<DocSet>,
}

/// A borrowed view of a set, for intersections.
#[derive(Debug, Clone, Copy)]
pub enum SetRef<'a> {
    List(&'a [u32]),
    Bits(&'a [u64]),
}

impl SegmentBuilder {
    /// An empty segment for `len` documents and `keys` keys.
    pub fn new(len: u32, keys: usize) -> SegmentBuilder {
        SegmentBuilder { len, sets: (0..keys).map(|_| DocSet::List(Vec::new())).collect() }
    }

    fn limit(&self) -> usize {
        (self.len as usize / 32).max(8)
    }

    /// Adds document `doc` (0-based in the segment; documents must come in
    /// increasing order per key).
    pub fn push(&mut self, key: usize, doc: u32) {
        let limit = self.limit();
        let words = (self.len as usize).div_ceil(64);
        let Some(set) = self.sets.get_mut(key) else { return };
        match set {
            DocSet::List(v) => {
                v.push(doc);
                if v.len() > limit {
                    let mut bits = vec![0u64; words];
                    for &d in v.iter() {
                        bits[d as usize / 64] |= 1 << (d % 64);
                    }
                    *set = DocSet::Bits(bits);
                }
            }
            DocSet::Bits(b) => {
                if let Some(w) = b.get_mut(doc as usize / 64) {
                    *w |= 1 << (doc % 64);
                }
            }
        }
    }

    /// The segment built: only the keys present are kept.
    pub fn finish(self) -> Segment {
        let mut keys = Vec::new();
        let mut sets = Vec::new();
        for (k, set) in self.sets.into_iter().enumerate() {
            match set {
                DocSet::List(v) if v.is_empty() => {}
                DocSet::List(mut v) => {
                    v.shrink_to_fit();
                    keys.push(k as u32);
                    sets.push(DocSet::List(v));
                }
                bits => {
                    keys.push(k as u32);
                    sets.push(bits);
                }
            }
        }
        keys.shrink_to_fit();
        sets.shrink_to_fit();
        Segment { len: self.len, keys, sets }
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
        match self.keys.binary_search(&key).ok().and_then(|i| self.sets.get(i)) {
            Some(DocSet::List(v)) => SetRef::List(v),
            Some(DocSet::Bits(b)) => SetRef::Bits(b),
            None => SetRef::List(&[]),
        }
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.keys.capacity() * 4
            + self
                .sets
                .iter()
                .map(|s| {
                    std::mem::size_of::<DocSet>()
                        + match s {
                            DocSet::List(v) => v.capacity() * 4,
                            DocSet::Bits(b) => b.capacity() * 8,
                        }
                })
                .sum::<usize>()
    }
}

impl Segment {
    /// Writes the segment ([`Segment::decode`] reads it back).
    pub fn encode(&self, w: &mut super::bytes::Writer) {
        w.u32(self.len);
        w.u32s(&self.keys);
        for set in &self.sets {
            match set {
                DocSet::List(v) => {
                    w.u8(0);
                    w.u32s(v);
                }
                DocSet::Bits(b) => {
                    w.u8(1);
                    w.u64s(b);
                }
            }
        }
    }

    /// Reads a segment back; None unless it is well formed for `keys` keys:
    /// keys increasing and below `keys`, lists sorted and within the
    /// segment, bitmaps of the segment's length.
    pub fn decode(r: &mut super::bytes::Reader<'_>, keys: u32) -> Option<Segment> {
        let len = r.u32()?;
        let key_list = r.u32s()?;
        if key_list.windows(2).any(|w| w[0] >= w[1]) || key_list.last().is_some_and(|&k| k >= keys) {
            return None;
        }
        let words = (len as usize).div_ceil(64);
        let mut sets = Vec::with_capacity(key_list.len());
        for _ in 0..key_list.len() {
            let set = match r.u8()? {
                0 => {
                    let v = r.u32s()?;
                    if v.windows(2).any(|w| w[0] >= w[1]) || v.last().is_some_and(|&d| d >= len) {
                        return None;
                    }
                    DocSet::List(v)
                }
                1 => {
                    let b = r.u64s()?;
                    if b.len() != words {
                        return None;
                    }
                    DocSet::Bits(b)
                }
                _ => return None,
            };
            sets.push(set);
        }
        Some(Segment { len, keys: key_list, sets })
    }
}

impl SetRef<'_> {
    fn count(&self) -> usize {
        match self {
            SetRef::List(v) => v.len(),
            SetRef::Bits(b) => b.iter().map(|w| w.count_ones() as usize).sum(),
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
    let mut out: Vec<u32> = Vec::new();
    for s in sets {
        out.extend(s.to_vec());
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
        assert!(matches!(seg.get(7), SetRef::List(&[])), "a key absent from the segment");
        let mut w = crate::search::bytes::Writer::default();
        seg.encode(&mut w);
        let back = Segment::decode(&mut crate::search::bytes::Reader::new(&w.out), 3).expect("decodes");
        assert_eq!(intersect(vec![back.get(0), back.get(1), back.get(2)]), vec![6], "the same sets back");
        assert!(Segment::decode(&mut crate::search::bytes::Reader::new(&w.out), 2).is_none(), "a key out of range");
        assert!(Segment::decode(&mut crate::search::bytes::Reader::new(&w.out[..w.out.len() / 2]), 3).is_none());
    }
}
