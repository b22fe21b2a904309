//! Postings of adjacent pairs in headlines: for each pair of adjacent
//! characters of a headline, kicker or subtitle — the pair of pinyin
//! syllables for two Hanzi (every reading of each), else a hash of the two
//! folded characters — the documents holding it. A query matches a
//! headline side by side only where every pair of the query is, so the
//! headline pass narrows `lvli` to headlines holding (lv, li…) before it
//! reads any text, and tells which headlines can end a pinyin match on a
//! whole syllable (`lvli` needs (lv, li) itself: 吕梁 cannot).
//!
//! Lists are stored as gaps in a variable-length encoding (a byte or two
//! per document for most pairs), all keys of a part in one buffer.

use super::bytes::Buf;
use super::fold::fold_lower;
use super::pinyin::Table;

/// Pairs of syllables are `a * SYLLABLES + b`; pairs of other characters
/// are hashed above [`CHAR_PAIR`].
const SYLLABLES: u32 = 2048;
const CHAR_PAIR: u32 = 1 << 30;
/// Added to a pair's key when its second character ends a jieba word.
const WORD_END: u32 = 1 << 31;

/// The key of pair `key` when its second character ends a word.
pub fn ending_a_word(key: u32) -> u32 {
    key | WORD_END
}

/// The key of two adjacent Hanzi read `a` and `b`.
pub fn syllable_pair(a: u16, b: u16) -> u32 {
    a as u32 * SYLLABLES + b as u32
}

/// The key of two adjacent folded, lower-cased characters, one of them not
/// a Hanzi.
pub fn char_pair(a: char, b: char) -> u32 {
    let mut h = (((a as u64) << 21) | b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^= h >> 29;
    CHAR_PAIR | (h as u32 & (CHAR_PAIR - 1))
}

/// The pair keys of `text` (with repeats), appended to `out`; `mask`:
/// its word boundaries ([`super::words::mask`]; 0 when unknown: every
/// pair may end a word), which add the keys of the pairs ending a word
/// ([`ending_a_word`]); None for a text whose word-aligned matches are not
/// bounded by keys (a kicker or subtitle: see [`super::reach`]).
pub fn keys_of(t: &Table, text: &str, mask: Option<u64>, out: &mut Vec<u32>) {
    let mut prev: Option<(char, &[u16])> = None;
    for (i, c) in text.chars().enumerate() {
        let f = fold_lower(c);
        let r = t.readings(f);
        if let Some((p, pr)) = prev {
            let at = out.len();
            if pr.is_empty() || r.is_empty() {
                out.push(char_pair(p, f));
            } else {
                for &a in pr {
                    for &b in r {
                        out.push(syllable_pair(a, b));
                    }
                }
            }
            if mask.is_some_and(|m| m == 0 || (i + 1 < 64 && m >> (i + 1) & 1 == 1)) {
                for k in at..out.len() {
                    out.push(ending_a_word(out[k]));
                }
            }
        }
        prev = Some((f, r));
    }
}

/// The documents of each pair key of a run of documents (numbered from 0).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PairPostings {
    len: u32,
    /// The keys present, sorted.
    keys: Buf<u32>,
    /// Where each key's list starts in `lists` (one extra entry at the end).
    starts: Buf<u32>,
    /// Every list, as gaps between documents (the first from -1), each a
    /// little-endian base-128 number.
    lists: Buf<u8>,
}

fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7F) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads the list `bytes` back (None when damaged: a number cut short or
/// too long, or a document at or past `len`).
fn read_list(bytes: &[u8], len: u32, out: &mut Vec<u32>) -> Option<()> {
    let mut at: i64 = -1;
    let mut v: u64 = 0;
    let mut shift = 0;
    for &b in bytes {
        v |= ((b & 0x7F) as u64) << shift;
        if b & 0x80 != 0 {
            shift += 7;
            if shift > 28 {
                return None;
            }
            continue;
        }
        if v == 0 {
            return None;
        }
        at += v as i64;
        if at >= len as i64 {
            return None;
        }
        out.push(at as u32);
        v = 0;
        shift = 0;
    }
    (shift == 0).then_some(())
}

/// Some(()) when `bytes` is a well-formed list for documents below `len`
/// (what [`read_list`] accepts), without keeping the documents: a second
/// start checks every list it reads from the page cache. A list whose gaps
/// all fit in one byte (most) is checked and summed a slice at a time.
fn check_list(bytes: &[u8], len: u32) -> Option<()> {
    // Gaps of 1..=127, one byte each: the last document is their sum - 1.
    if bytes.iter().all(|&b| b.wrapping_sub(1) < 0x7F) {
        let sum: u64 = bytes.iter().map(|&b| b as u64).sum();
        return (sum <= len as u64).then_some(());
    }
    // Else without a branch per byte (a list of large gaps mixes one-,
    // two- and three-byte numbers: branches on them are mispredicted).
    let (mut sum, mut v, mut shift, mut bad) = (0u64, 0u64, 0u32, false);
    for &b in bytes {
        let more = (b >> 7) as u64;
        v |= ((b & 0x7F) as u64) << shift;
        let ends = 1 - more;
        sum += v * ends;
        bad |= ends == 1 && v == 0;
        v *= more;
        shift = (shift + 7).min(35) * more as u32;
        bad |= shift > 28;
    }
    (!bad && shift == 0 && sum <= len as u64).then_some(())
}

impl PairPostings {
    /// The postings of `len` documents from (key, document) entries, in any
    /// order (repeats allowed).
    pub fn build(len: u32, mut entries: Vec<(u32, u32)>) -> PairPostings {
        entries.sort_unstable();
        entries.dedup();
        let (mut keys, mut starts, mut lists) = (Vec::new(), Vec::new(), Vec::new());
        let mut last: Option<(u32, u32)> = None;
        for (key, doc) in entries {
            if doc >= len {
                continue;
            }
            let prev_doc = match last {
                Some((k, d)) if k == key => d as i64,
                _ => {
                    keys.push(key);
                    starts.push(lists.len() as u32);
                    -1
                }
            };
            put_varint(&mut lists, (doc as i64 - prev_doc) as u32);
            last = Some((key, doc));
        }
        starts.push(lists.len() as u32);
        keys.shrink_to_fit();
        starts.shrink_to_fit();
        lists.shrink_to_fit();
        PairPostings { len, keys: keys.into(), starts: starts.into(), lists: lists.into() }
    }

    /// Number of documents covered.
    pub fn len(&self) -> u32 {
        self.len
    }

    /// True when no document is covered.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The documents holding pair `key`, sorted.
    pub fn get(&self, key: u32) -> Vec<u32> {
        let mut out = Vec::new();
        if let Ok(i) = self.keys.binary_search(&key)
            && let (Some(&a), Some(&b)) = (self.starts.get(i), self.starts.get(i + 1))
            && let Some(bytes) = self.lists.get(a as usize..b as usize)
        {
            // Checked when decoded; a damaged list reads as far as it goes.
            let _ = read_list(bytes, self.len, &mut out);
        }
        out
    }

    /// Sets bit n of `bits` for each document n holding pair `key`.
    pub fn set_bits(&self, key: u32, bits: &mut [u64]) {
        if let Ok(i) = self.keys.binary_search(&key) {
            self.set_bits_at(i, bits);
        }
    }

    /// Sets bit n of `bits` for each document n holding one of `keys`
    /// (sorted): one pass through the part's keys, however many are asked
    /// (the pairs of two initials, `(z…, l…)`, are a thousand keys).
    pub fn set_bits_any(&self, keys: &[u32], bits: &mut [u64]) {
        let mut from = 0;
        for &k in keys {
            // Galloping from the key before: the keys asked are clustered
            // (one first syllable, a run of second ones), so the next is
            // most often a few keys on.
            let mut step = 1;
            let mut hi = from;
            while hi < self.keys.len() && self.keys[hi] < k {
                from = hi + 1;
                hi = from + step;
                step *= 2;
            }
            let hi = hi.min(self.keys.len());
            let i = from + self.keys[from..hi].partition_point(|&x| x < k);
            if self.keys.get(i) == Some(&k) {
                self.set_bits_at(i, bits);
            }
            from = i;
        }
    }

    /// Sets the bits of the documents of the `i`-th key's list.
    fn set_bits_at(&self, i: usize, bits: &mut [u64]) {
        let (Some(&a), Some(&b)) = (self.starts.get(i), self.starts.get(i + 1)) else { return };
        let Some(bytes) = self.lists.get(a as usize..b as usize) else { return };
        let mut at: u32 = 0;
        let mut first = true;
        let mut v: u32 = 0;
        let mut shift = 0;
        for &byte in bytes {
            v |= ((byte & 0x7F) as u32).checked_shl(shift).unwrap_or(0);
            if byte & 0x80 != 0 {
                shift += 7;
                continue;
            }
            // (Lists were checked when built or decoded.)
            at = if first { v.wrapping_sub(1) } else { at.wrapping_add(v) };
            first = false;
            if let Some(w) = bits.get_mut(at as usize / 64) {
                *w |= 1 << (at % 64);
            }
            v = 0;
            shift = 0;
        }
    }

    /// The documents holding one of `keys`, sorted.
    pub fn any(&self, keys: &[u32]) -> Vec<u32> {
        let mut out = Vec::new();
        for &k in keys {
            out.extend(self.get(k));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.keys.bytes() + self.starts.bytes() + self.lists.bytes()
    }

    /// Writes the postings ([`PairPostings::decode`] reads them back).
    pub fn encode(&self, w: &mut super::bytes::Writer) {
        w.u32(self.len);
        w.u32s(&self.keys);
        w.u32s(&self.starts);
        w.u32(self.lists.len() as u32);
        w.out.extend_from_slice(&self.lists);
    }

    /// Reads the postings back; None unless well formed (keys increasing,
    /// every list within the buffer and, unless the bytes are
    /// [`Checksummed`](super::bytes::Trust::Checksummed), its documents
    /// increasing and within `len`).
    pub fn decode(r: &mut super::bytes::Reader<'_>, trust: super::bytes::Trust) -> Option<PairPostings> {
        let len = r.u32()?;
        let keys = r.u32s()?;
        let starts = r.u32s()?;
        let n = r.u32()? as usize;
        let lists = r.bytes_buf(n)?;
        let fits = keys.windows(2).all(|w| w[0] < w[1])
            && starts.len() == keys.len() + 1
            && starts.first().is_some_and(|&s| s == 0)
            && starts.windows(2).all(|w| w[0] < w[1])
            && starts.last().is_some_and(|&s| s as usize == lists.len());
        if !fits {
            return None;
        }
        if trust == super::bytes::Trust::Nothing {
            for w in starts.windows(2) {
                check_list(&lists[w[0] as usize..w[1] as usize], len)?;
            }
        }
        Some(PairPostings { len, keys, starts, lists })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::bytes::{Reader, Trust, Writer};

    #[test]
    fn lists_come_back_in_order_and_damage_is_caught() {
        let entries = vec![(7, 3), (7, 0), (7, 300), (2, 5), (7, 3), (9, 70_000)];
        let p = PairPostings::build(70_001, entries);
        assert_eq!(p.get(7), vec![0, 3, 300]);
        assert_eq!(p.get(2), vec![5]);
        assert_eq!(p.get(9), vec![70_000]);
        assert!(p.get(8).is_empty());
        assert_eq!(p.any(&[2, 7, 8]), vec![0, 3, 5, 300]);
        let mut bits = vec![0u64; 70_001usize.div_ceil(64)];
        p.set_bits(7, &mut bits);
        p.set_bits(9, &mut bits);
        let set_of = |bits: &[u64]| -> Vec<u32> {
            (0..70_001u32).filter(|&d| bits[d as usize / 64] >> (d % 64) & 1 == 1).collect()
        };
        assert_eq!(set_of(&bits), vec![0, 3, 300, 70_000], "the same documents as bits");
        let mut any = vec![0u64; 70_001usize.div_ceil(64)];
        p.set_bits_any(&[1, 2, 8, 9, 10], &mut any);
        assert_eq!(set_of(&any), vec![5, 70_000], "keys asked together, absent ones skipped");
        let mut w = Writer::default();
        p.encode(&mut w);
        assert_eq!(PairPostings::decode(&mut Reader::new(&w.out), Trust::Nothing), Some(p.clone()));
        assert!(
            PairPostings::decode(&mut Reader::new(&w.out[..w.out.len() - 1]), Trust::Nothing).is_none(),
            "cut short"
        );
        let mut bad = w.out.clone();
        let last = bad.len() - 1;
        bad[last] = 0x80; // a number that never ends
        assert!(PairPostings::decode(&mut Reader::new(&bad), Trust::Nothing).is_none(), "damaged list");
    }

    #[test]
    fn a_list_is_checked_as_it_reads() {
        let mut bytes = Vec::new();
        for gaps in [&[1u32, 5, 127][..], &[3, 300, 1], &[128, 70_000], &[], &[0], &[2, 0], &[u32::MAX]] {
            bytes.clear();
            gaps.iter().for_each(|&g| put_varint(&mut bytes, g));
            for len in [0, 1, 133, 304, 70_128, 70_129, u32::MAX] {
                let mut out = Vec::new();
                let read = read_list(&bytes, len, &mut out);
                assert_eq!(check_list(&bytes, len), read, "{gaps:?} below {len}");
            }
        }
        for bad in [&[0x80u8][..], &[5, 0x81], &[0x80, 0x80, 0x80, 0x80, 0x80, 1]] {
            assert_eq!(check_list(bad, u32::MAX), None, "{bad:?}");
            assert_eq!(read_list(bad, u32::MAX, &mut Vec::new()), None, "{bad:?}");
        }
    }

    #[test]
    fn pairs_of_hanzi_are_their_readings() {
        let t = crate::search::pinyin::table();
        let mut keys = Vec::new();
        // 吕梁|a1: the word 吕梁 ends at 梁 (boundaries before 0, 2, 4).
        keys_of(t, "吕梁a1", Some(0b10101), &mut keys);
        let lv = t.readings('吕')[0];
        let liang = t.readings('梁')[0];
        assert!(keys.contains(&syllable_pair(lv, liang)));
        assert!(keys.contains(&char_pair('梁', 'a')));
        assert!(keys.contains(&char_pair('a', '1')));
        assert!(keys.contains(&ending_a_word(syllable_pair(lv, liang))));
        assert!(keys.contains(&ending_a_word(char_pair('a', '1'))));
        assert!(!keys.contains(&ending_a_word(char_pair('梁', 'a'))), "a does not end a word");
        assert_eq!(keys.len(), 2 * t.readings('梁').len() + 3);
        // Without word boundaries to key (a kicker, a subtitle): the pairs
        // alone.
        let mut plain = Vec::new();
        keys_of(t, "吕梁a1", None, &mut plain);
        assert_eq!(plain.len(), t.readings('梁').len() + 2);
        assert!(plain.iter().all(|&k| k != ending_a_word(k)));
    }
}
