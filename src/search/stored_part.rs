//! A part of the search index ([`super::index::Part`]: the postings,
//! headline word boundaries, pair signatures and headline pair postings of
//! one group of pages, a quarter of issues) as stored whole in the page
//! cache: a second start reads a group's part back in one piece instead of
//! page by page.
//!
//! A stored part is used only for exactly the pages it was made from: it is
//! keyed by the group ([`PartId::grp`]) and checked against the key of every
//! page's file as it is now (path, size, modification time), its page
//! number and its number of articles ([`PartId::pages`]); the cache adds the
//! loader version and [`FORMAT`]. Bytes that do not read back as a
//! well-formed part of these pages are not used (the part is built again).
//!
//! A stored part carries a checksum (CRC-32) of its bytes: bytes that match
//! it are as this program wrote them, so reading them back checks only
//! their shape (the lengths and offsets reading relies on), not every
//! document of every list one by one — a second start reads a gigabyte of
//! parts, and those checks were a fifth of its CPU. Damaged bytes fail the
//! checksum and are not used.

use super::bytes::{Buf, Reader, Trust, Writer};
use super::docset::Segment;
use super::index::Group;
use super::pairs::PairPostings;
use super::signature::Signatures;
use crate::cache::db::FileKey;
use crate::cache::mapped::SharedBytes;
use crate::model::Page;
use std::sync::Arc;

/// Version of the stored form; change it with the layout below or with the
/// meaning of the keys ([`super::stored::FORMAT`]). (5: arrays aligned and
/// a segment's starts stored, so that a part is used where it lies in its
/// mapped file; the part in a file of its own beside the database.)
pub const FORMAT: u32 = 5 + 1000 * super::stored::FORMAT;

/// Marks the start of a stored part.
const MAGIC: &[u8; 4] = b"LVPT";

/// Where a part is kept in the page cache and which pages it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartId {
    /// The group: its label and the folder of its first page.
    pub grp: Vec<u8>,
    /// Every page's file key, page number and number of articles, end to end.
    pub pages: Vec<u8>,
}

impl PartId {
    /// The id of `group`, whose pages' files have the keys `keys` (None
    /// when a page has no file, e.g. the bundled pages).
    pub fn of(group: &Group, keys: &[Option<FileKey>]) -> Option<PartId> {
        if keys.len() != group.pages.len() {
            return None;
        }
        let mut pages = Vec::new();
        for (page, key) in group.pages.iter().zip(keys) {
            key.as_ref()?.append_to(&mut pages);
            pages.extend_from_slice(&page.page.map_or(-1i64, i64::from).to_le_bytes());
            pages.extend_from_slice(&(page.articles.len() as u64).to_le_bytes());
        }
        let first = keys.first()?.as_ref()?.path_bytes();
        let folder = first.iter().rposition(|&b| b == b'/' || b == b'\\').map_or(first, |i| &first[..i]);
        let mut grp = group.label.as_bytes().to_vec();
        grp.push(0);
        grp.extend_from_slice(folder);
        Some(PartId { grp, pages })
    }
}

/// The stored form of a part's pieces.
pub fn encode(all: &Segment, heads: &Segment, bounds: &[[u64; 3]], sigs: &Signatures, pairs: &PairPostings) -> Vec<u8> {
    let mut w = Writer::default();
    w.out.extend_from_slice(MAGIC);
    // (The checksum of what follows it, filled in at the end.)
    w.u32(0);
    w.u32(bounds.len() as u32);
    all.encode(&mut w);
    heads.encode(&mut w);
    let flat: Vec<u64> = bounds.iter().flatten().copied().collect();
    w.u64s(&flat);
    sigs.encode(&mut w);
    pairs.encode(&mut w);
    let sum = crc32fast::hash(&w.out[MAGIC.len() + 4..]);
    w.out[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&sum.to_le_bytes());
    w.out
}

/// A part's pieces, read back.
pub type Pieces = (Segment, Segment, Buf<[u64; 3]>, Signatures, PairPostings);

/// Reads a stored part back for `pages`, whose documents it must cover
/// exactly, with keys below `keys`; None when the bytes are damaged or do
/// not fit.
pub fn decode(bytes: &SharedBytes, pages: &[Arc<Page>], keys: u32) -> Option<Pieces> {
    let (docs, pieces) = decode_any(bytes, keys)?;
    (docs as usize == documents(pages)).then_some(pieces)
}

/// The number of documents (articles) of `pages`, which a part made for
/// them covers.
pub fn documents(pages: &[Arc<Page>]) -> usize {
    pages.iter().map(|p| p.articles.len()).sum()
}

/// Reads a stored part back whatever pages it is for: its number of
/// documents and its pieces, with keys below `keys`; None when the bytes
/// are damaged (they do not match their checksum, or are not well formed).
/// (The caller checks the documents against the pages.) The pieces' arrays
/// are used where they lie in `bytes` (a mapped part file: no copy), which
/// they keep.
pub fn decode_any(bytes: &SharedBytes, keys: u32) -> Option<(u32, Pieces)> {
    let (sum, body) = bytes.as_slice().strip_prefix(MAGIC)?.split_first_chunk::<4>()?;
    if crc32fast::hash(body) != u32::from_le_bytes(*sum) {
        return None;
    }
    let trust = Trust::Checksummed;
    // (The body starts 8 bytes in, as the writer's did: aligned alike.)
    let mut r = Reader::shared(bytes, MAGIC.len() + 4);
    let docs = r.u32()?;
    let all = Segment::decode(&mut r, keys, trust)?;
    let heads = Segment::decode(&mut r, keys, trust)?;
    let bounds = r.u64_triples()?;
    let sigs = Signatures::decode(&mut r, docs)?;
    let pairs = PairPostings::decode(&mut r, trust)?;
    if all.len() != docs || heads.len() != docs || pairs.len() != docs || bounds.len() != docs as usize || !r.at_end() {
        return None;
    }
    Some((docs, (all, heads, bounds, sigs, pairs)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::docset::SegmentBuilder;
    use crate::search::signature::Builder;

    /// A part of two documents, as stored.
    fn stored() -> Vec<u8> {
        let segment = || {
            let mut b = SegmentBuilder::new(2, 8);
            b.push(3, 0);
            b.push(3, 1);
            b.push(5, 1);
            b.finish()
        };
        let mut sigs = Builder::default();
        sigs.push_words(&[0xF0]);
        sigs.push_words(&[0x0F]);
        let pairs = PairPostings::build(2, vec![(7, 0), (7, 1), (9, 1)]);
        encode(&segment(), &segment(), &[[1, 2, 3], [4, 5, 6]], &sigs.finish(), &pairs)
    }

    #[test]
    fn a_part_whose_bytes_changed_is_refused_even_when_they_are_well_formed() {
        let bytes = stored();
        let decode_any = |b: &[u8], keys| decode_any(&SharedBytes::copy_of(b), keys);
        let (docs, (all, heads, bounds, _, pairs)) = decode_any(&bytes, 8).expect("reads back");
        assert_eq!(docs, 2);
        assert_eq!((all.get(3).to_vec(), heads.get(5).to_vec()), (vec![0, 1], vec![1]));
        assert_eq!(bounds.to_vec(), vec![[1, 2, 3], [4, 5, 6]]);
        assert!(matches!(bounds, Buf::Shared(..)), "used where it lies");
        assert_eq!((pairs.get(7), pairs.get(9)), (vec![0, 1], vec![1]));
        // Every byte changed in turn: many changes leave the part well
        // formed (a headline's word boundaries, a signature's bits, a gap
        // of a pair list), and would give other hits; none is used.
        for at in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[at] ^= 0x02;
            assert!(decode_any(&changed, 8).is_none(), "byte {at} changed");
        }
        assert!(decode_any(&bytes[..bytes.len() - 1], 8).is_none(), "cut short");
        assert!(decode_any(&bytes, 5).is_none(), "a key out of range");
    }
}
