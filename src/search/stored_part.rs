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

use super::bytes::{Reader, Writer};
use super::docset::Segment;
use super::index::Group;
use super::pairs::PairPostings;
use super::signature::Signatures;
use crate::cache::db::FileKey;
use crate::model::Page;
use std::sync::Arc;

/// Version of the stored form; change it with the layout below or with the
/// meaning of the keys ([`super::stored::FORMAT`]).
pub const FORMAT: u32 = 3 + 1000 * super::stored::FORMAT;

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
    w.u32(bounds.len() as u32);
    all.encode(&mut w);
    heads.encode(&mut w);
    let flat: Vec<u64> = bounds.iter().flatten().copied().collect();
    w.u64s(&flat);
    sigs.encode(&mut w);
    pairs.encode(&mut w);
    w.out
}

/// A part's pieces, read back.
pub type Pieces = (Segment, Segment, Vec<[u64; 3]>, Signatures, PairPostings);

/// Reads a stored part back for `pages`, whose documents it must cover
/// exactly, with keys below `keys`; None when the bytes are damaged or do
/// not fit.
pub fn decode(bytes: &[u8], pages: &[Arc<Page>], keys: u32) -> Option<Pieces> {
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
/// are damaged. (The caller checks the documents against the pages.)
pub fn decode_any(bytes: &[u8], keys: u32) -> Option<(u32, Pieces)> {
    let body = bytes.strip_prefix(MAGIC)?;
    let mut r = Reader::new(body);
    let docs = r.u32()?;
    let all = Segment::decode(&mut r, keys)?;
    let heads = Segment::decode(&mut r, keys)?;
    let flat = r.u64s()?;
    let sigs = Signatures::decode(&mut r, docs)?;
    let pairs = PairPostings::decode(&mut r)?;
    if all.len() != docs || heads.len() != docs || pairs.len() != docs || flat.len() != docs as usize * 3 || !r.at_end()
    {
        return None;
    }
    let bounds = flat.chunks_exact(3).map(|c| [c[0], c[1], c[2]]).collect();
    Some((docs, (all, heads, bounds, sigs, pairs)))
}
