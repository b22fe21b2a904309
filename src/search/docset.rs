//! Compact document sets for the postings: a sorted list while a key is
//! rare, a bitmap once it is dense (more than one document in 32), so no key
//! costs more than one bit per document of its segment.

/// The documents of one key within one segment.
#[derive(Debug, Clone)]
pub enum DocSet {
    /// Sorted absolute document numbers.
    List(Vec<u32>),
    /// Bit n of the bitmap: document `base + n`.
    Bits(Vec<u64>),
}

/// The postings of a consecutive range of documents.
#[derive(Debug)]
pub struct Segment {
    base: u32,
    len: u32,
    sets: Vec<DocSet>,
}

/// A borrowed view of a set, for intersections.
#[derive(Debug, Clone, Copy)]
pub enum SetRef<'a> {
    List(&'a [u32]),
    Bits(&'a [u64], u32),
}

impl Segment {
    /// An empty segment for documents `base..base + len` and `keys` keys.
    pub fn new(base: u32, len: u32, keys: usize) -> Segment {
        Segment { base, len, sets: (0..keys).map(|_| DocSet::List(Vec::new())).collect() }
    }

    fn limit(&self) -> usize {
        (self.len as usize / 32).max(8)
    }

    /// Adds `doc` (documents must come in increasing order per key).
    pub fn push(&mut self, key: usize, doc: u32) {
        let limit = self.limit();
        let (base, words) = (self.base, (self.len as usize).div_ceil(64));
        let Some(set) = self.sets.get_mut(key) else { return };
        match set {
            DocSet::List(v) => {
                v.push(doc);
                if v.len() > limit {
                    let mut bits = vec![0u64; words];
                    for &d in v.iter() {
                        let i = (d - base) as usize;
                        bits[i / 64] |= 1 << (i % 64);
                    }
                    *set = DocSet::Bits(bits);
                }
            }
            DocSet::Bits(b) => {
                let i = (doc - base) as usize;
                b[i / 64] |= 1 << (i % 64);
            }
        }
    }

    /// Frees spare capacity once built.
    pub fn finish(&mut self) {
        for s in &mut self.sets {
            if let DocSet::List(v) = s {
                v.shrink_to_fit();
            }
        }
    }

    /// The set of `key`.
    pub fn get(&self, key: u32) -> SetRef<'_> {
        match self.sets.get(key as usize) {
            Some(DocSet::List(v)) => SetRef::List(v),
            Some(DocSet::Bits(b)) => SetRef::Bits(b, self.base),
            None => SetRef::List(&[]),
        }
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.sets
            .iter()
            .map(|s| {
                32 + match s {
                    DocSet::List(v) => v.capacity() * 4,
                    DocSet::Bits(b) => b.capacity() * 8,
                }
            })
            .sum()
    }
}

impl SetRef<'_> {
    fn count(&self) -> usize {
        match self {
            SetRef::List(v) => v.len(),
            SetRef::Bits(b, _) => b.iter().map(|w| w.count_ones() as usize).sum(),
        }
    }

    /// Every document of the set, sorted.
    pub fn to_vec(&self) -> Vec<u32> {
        match self {
            SetRef::List(v) => v.to_vec(),
            SetRef::Bits(b, base) => bits_to_vec(b.iter().copied(), *base),
        }
    }
}

fn bits_to_vec(words: impl Iterator<Item = u64>, base: u32) -> Vec<u32> {
    let mut out = Vec::new();
    for (i, mut w) in words.enumerate() {
        while w != 0 {
            let t = w.trailing_zeros();
            out.push(base + i as u32 * 64 + t);
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
    let bits: Vec<(&[u64], u32)> = counted
        .iter()
        .filter_map(|(_, s)| if let SetRef::Bits(b, base) = s { Some((*b, *base)) } else { None })
        .collect();
    let mut out = if lists.is_empty() {
        let words = bits.iter().map(|b| b.0.len()).min().unwrap_or(0);
        let base = bits.first().map_or(0, |b| b.1);
        bits_to_vec((0..words).map(|i| bits.iter().fold(u64::MAX, |acc, b| acc & b.0[i])), base)
    } else {
        let mut out = super::sorted::intersect(lists);
        out.retain(|&d| {
            bits.iter().all(|(b, base)| {
                d >= *base && b.get(((d - base) / 64) as usize).is_some_and(|w| w >> ((d - base) % 64) & 1 == 1)
            })
        });
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
        let mut seg = Segment::new(1000, 640, 3);
        for d in 1000..1640 {
            if d % 2 == 0 {
                seg.push(0, d);
            }
            if d % 3 == 0 {
                seg.push(1, d);
            }
        }
        seg.push(2, 1002);
        seg.push(2, 1005);
        seg.push(2, 1006);
        assert!(matches!(seg.get(0), SetRef::Bits(..)));
        assert!(matches!(seg.get(2), SetRef::List(_)));
        let both = intersect(vec![seg.get(0), seg.get(1)]);
        assert_eq!(both, (1000..1640).filter(|d| d % 6 == 0).collect::<Vec<_>>());
        assert_eq!(intersect(vec![seg.get(0), seg.get(1), seg.get(2)]), vec![1002]);
        assert_eq!(union(vec![seg.get(2), SetRef::List(&[1001, 1002])]), vec![1001, 1002, 1005, 1006]);
    }
}
