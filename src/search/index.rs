//! The search index: every article of every issue is a document; postings
//! map keys (a folded character, a pinyin syllable, a pair of consecutive
//! pinyin initials) to the sorted documents that contain them. The index
//! only narrows the candidates; the matchers in [`super::engine`] decide.
//!
//! The index is made of [`Part`]s, one per [`Group`] of pages (the pages
//! of a quarter; boundaries that do not depend on the order pages arrive
//! in). Pages arrive while the reader loads: [`Index::update`] keeps the
//! parts of the previous index whose group is unchanged (they are shared,
//! not copied) and builds only the groups that changed — read back whole
//! from the page cache when it holds the group as it is now
//! ([`super::stored_part`]), else from the pages' keys.

use super::bytes::Buf;
use super::docset::{self, Segment, SegmentBuilder, SetRef};
use super::fold::fold_lower;
use super::pairs::PairPostings;
use super::pinyin::{self, Chunk, Table};
use super::prefetch::{self, Found};
use super::signature::{self, Pairs, Signatures};
use super::sorted::union;
use super::stored::PageKeys;
use super::stored_part::{self, PartId};
use crate::cache::db::FileKey;
use crate::model::{Article, Issue, Page};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Keys below this are folded, lower-cased BMP characters.
const CHAR_KEYS: u32 = 0x1_0000;
/// Syllable keys: `SYL_BASE + syllable id`.
const SYL_BASE: u32 = CHAR_KEYS;
const SYL_KEYS: u32 = 2048;
/// Initial-pair keys: `PAIR_BASE + a * 26 + b` for consecutive Hanzi whose
/// readings begin with letters a and b.
const PAIR_BASE: u32 = SYL_BASE + SYL_KEYS;
/// Headline keys only (never in the postings of every field), of the
/// headline itself (not its kicker or subtitle): a syllable of a character
/// that begins a jieba word (`WORD_START + syllable id`), one that ends a
/// word (`WORD_END + id`), and [`NO_BOUNDS`] for a headline too long for
/// precomputed word boundaries. A word-aligned headline match begins and
/// ends on such characters.
const WORD_START: u32 = PAIR_BASE + 26 * 26;
const WORD_END: u32 = WORD_START + SYL_KEYS;
/// A character read `id` that is a word of its own: `WORD_ONE + id`.
const WORD_ONE: u32 = WORD_END + SYL_KEYS;
const NO_BOUNDS: u32 = WORD_ONE + SYL_KEYS;
/// Headline keys of a Latin letter or digit of the headline itself (folded,
/// lower-cased: `LATIN_START + byte`), as the word keys of a Hanzi: one
/// that begins a jieba word, and one that is a word of its own
/// (`LATIN_ONE + byte`). A literal query beginning with one (`2`, `z`,
/// `5g`) is word-aligned only in a headline holding its key.
const LATIN_START: u32 = NO_BOUNDS + 1;
const LATIN_ONE: u32 = LATIN_START + 128;
/// Keys are below this.
pub const KEYS: u32 = LATIN_ONE + 128;

/// The key of two adjacent Hanzi whose readings begin with letters `a`
/// and `b` (in the postings of every field and of the headlines).
pub(crate) fn initials_key(a: u8, b: u8) -> Option<u32> {
    (a.is_ascii_lowercase() && b.is_ascii_lowercase()).then(|| PAIR_BASE + (a - b'a') as u32 * 26 + (b - b'a') as u32)
}

/// The key of a character read `id` (in the postings of every field and
/// of the headlines).
pub(crate) fn syllable_key(id: u16) -> Option<u32> {
    ((id as u32) < SYL_KEYS).then_some(SYL_BASE + id as u32)
}

/// The headline key of a character read `id` that begins a word.
pub(crate) fn word_start_key(id: u16) -> Option<u32> {
    ((id as u32) < SYL_KEYS).then_some(WORD_START + id as u32)
}

/// The headline key of a character read `id` that ends a word.
pub(crate) fn word_end_key(id: u16) -> Option<u32> {
    ((id as u32) < SYL_KEYS).then_some(WORD_END + id as u32)
}

/// The headline key of a character read `id` that is a word of its own.
pub(crate) fn word_one_key(id: u16) -> Option<u32> {
    ((id as u32) < SYL_KEYS).then_some(WORD_ONE + id as u32)
}

/// True for a folded, lower-cased Latin letter or digit.
fn latin(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// The headline key of a Latin letter or digit (folded, lower-cased) that
/// begins a word.
pub(crate) fn latin_start_key(c: char) -> Option<u32> {
    latin(c).then(|| LATIN_START + c as u32)
}

/// The headline key of a Latin letter or digit (folded, lower-cased) that
/// is a word of its own.
pub(crate) fn latin_one_key(c: char) -> Option<u32> {
    latin(c).then(|| LATIN_ONE + c as u32)
}

/// The headline key of a headline whose word boundaries are found at
/// search time.
pub(crate) const fn no_bounds_key() -> u32 {
    NO_BOUNDS
}

/// Gives the word keys of a headline text whose word boundaries are
/// `mask` ([`super::words::mask`]; 0 when unknown) to `key`.
pub(crate) fn add_word_keys(t: &Table, text: &str, mask: u64, mut key: impl FnMut(u32)) {
    if mask == 0 {
        key(NO_BOUNDS);
        return;
    }
    for (i, c) in text.chars().enumerate().take(63) {
        let starts = mask >> i & 1 == 1;
        let ends = mask >> (i + 1) & 1 == 1;
        let f = fold_lower(c);
        if starts && let Some(k) = latin_start_key(f) {
            key(k);
        }
        if starts
            && ends
            && let Some(k) = latin_one_key(f)
        {
            key(k);
        }
        for &id in t.readings(c) {
            if starts && let Some(k) = word_start_key(id) {
                key(k);
            }
            if ends && let Some(k) = word_end_key(id) {
                key(k);
            }
            if starts
                && ends
                && let Some(k) = word_one_key(id)
            {
                key(k);
            }
        }
    }
}

/// Where a document lives in the issues the index was built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocRef {
    /// Index of the issue in the issue list.
    pub issue: u32,
    /// Index of the page within the issue.
    pub page: u32,
    /// Index of the article within the page.
    pub article_in_page: u32,
    /// Index of the article within the issue (as [`Issue::article`]).
    pub article: u32,
}

/// The index of a run of consecutive pages, built together; successive
/// indexes share it.
pub struct Part {
    /// The pages covered, in order (compared by identity to reuse the part).
    pub(super) pages: Vec<Arc<Page>>,
    /// Keys of every field of each article.
    pub(super) all: Segment,
    /// Keys of the headline, kicker and subtitle only.
    pub(super) heads: Segment,
    /// Per document: jieba word boundaries of title, kicker and subtitle
    /// ([`super::words::mask`]; 0 when too long to precompute).
    pub(super) bounds: Buf<[u64; 3]>,
    /// Per document: which pairs of adjacent characters it holds.
    pub(super) sigs: Signatures,
    /// The documents of each pair of adjacent characters in headlines.
    pub(super) pairs: PairPostings,
    /// Where the part is kept in the page cache (None: pages not from files).
    id: Option<PartId>,
    /// True once the page cache holds this part.
    stored: AtomicBool,
}

impl Part {
    /// Number of documents (articles) covered.
    pub fn len(&self) -> u32 {
        self.bounds.len() as u32
    }

    /// True when the pages hold no article.
    pub fn is_empty(&self) -> bool {
        self.bounds.is_empty()
    }

    /// True when this part was read back whole from the page cache, or
    /// stored there since.
    pub fn is_stored(&self) -> bool {
        self.stored.load(Ordering::Relaxed)
    }

    fn bytes(&self) -> usize {
        self.all.bytes() + self.heads.bytes() + self.sigs.bytes() + self.pairs.bytes() + self.bounds.bytes()
    }

    /// The part of `group`: taken from the parts read ahead
    /// ([`super::prefetch`]) or read back whole from the page cache when
    /// either holds the group's pages as they are now, else built from the
    /// pages' keys ([`Part::build`]). None while pages are still loading
    /// (not `settled`) and the group looks incomplete ([`Found::Later`]):
    /// it is left out of the index for now.
    fn load_or_build(group: Group, progress: &AtomicUsize, settled: bool) -> Option<Part> {
        let cache = crate::cache::shared().filter(|c| c.is_on());
        let keys: Vec<Option<FileKey>> = match cache {
            Some(_) => group.pages.iter().map(|p| file_key(p)).collect(),
            None => Vec::new(),
        };
        let id = cache.and_then(|_| PartId::of(&group, &keys));
        let read = |id: &PartId| match prefetch::take(id, stored_part::documents(&group.pages), settled) {
            Found::Part(pieces) => Some(Some(*pieces)),
            Found::Later => None,
            Found::NotHere => Some(cache.and_then(|c| {
                c.read_part(&id.grp, &id.pages, stored_part::FORMAT, |bytes| {
                    stored_part::decode(bytes, &group.pages, KEYS)
                })
            })),
        };
        let stored = match &id {
            Some(id) => read(id)?,
            None => None,
        };
        if let Some((all, heads, bounds, sigs, pairs)) = stored {
            progress.fetch_add(group.pages.len(), Ordering::Relaxed);
            return Some(Part { pages: group.pages, all, heads, bounds, sigs, pairs, id, stored: true.into() });
        }
        let mut part = Part::build(group.pages, &keys, progress);
        part.id = id;
        Some(part)
    }

    /// Stores the part in the page cache unless it came from there. (A part
    /// built was looked for there first, under the same id: it was missing,
    /// or damaged and is replaced.)
    fn store(&self) {
        let (Some(id), Some(c)) = (&self.id, crate::cache::shared()) else { return };
        if self.is_stored() || !c.is_on() {
            return;
        }
        let blob = stored_part::encode(&self.all, &self.heads, &self.bounds, &self.sigs, &self.pairs);
        c.put_part(&id.grp, &id.pages, stored_part::FORMAT, &blob);
        self.stored.store(true, Ordering::Relaxed);
    }

    /// Indexes `pages` (their articles in order), counting each page done
    /// in `progress`. Each page's keys are read back from the page cache
    /// when it has them ([`PageKeys::load_or_compute`]; `keys` are the
    /// pages' files, when known).
    fn build(pages: Vec<Arc<Page>>, keys: &[Option<FileKey>], progress: &AtomicUsize) -> Part {
        let t = pinyin::table();
        let len: usize = pages.iter().map(|p| p.articles.len()).sum();
        let mut all = SegmentBuilder::new(len as u32, KEYS as usize);
        let mut heads = SegmentBuilder::new(len as u32, KEYS as usize);
        let mut bounds = Vec::with_capacity(len);
        let mut sigs = signature::Builder::default();
        let mut doc = 0u32;
        let mut merged = Vec::new();
        let mut pair_entries: Vec<(u32, u32)> = Vec::new();
        for (k, page) in pages.iter().enumerate() {
            let key = keys.get(k).and_then(Option::as_ref);
            for a in PageKeys::load_or_compute(t, page, key, KEYS).articles {
                bounds.push(a.bounds);
                for &key in &a.heads {
                    heads.push(key as usize, doc);
                }
                sigs.push_words(&a.sig);
                pair_entries.extend(a.head_pairs.iter().map(|&k| (k, doc)));
                // Documents come in order, so every key's list stays sorted.
                // (Word keys are for headlines only.)
                merged.clear();
                merged.extend(a.heads.iter().copied().filter(|&k| k < WORD_START));
                merged.extend_from_slice(&a.rest);
                for &key in &merged {
                    all.push(key as usize, doc);
                }
                doc += 1;
            }
            progress.fetch_add(1, Ordering::Relaxed);
        }
        bounds.shrink_to_fit();
        Part {
            pages,
            all: all.finish(),
            heads: heads.finish(),
            bounds: bounds.into(),
            sigs: sigs.finish(),
            pairs: PairPostings::build(len as u32, pair_entries),
            id: None,
            stored: false.into(),
        }
    }
}

/// The page cache's key of a page's file: the one a page holding its
/// headlines only carries ([`crate::model::TextRef`]), else looked up.
fn file_key(p: &Page) -> Option<FileKey> {
    match &p.text {
        Some(t) => Some(t.file.clone()),
        None => p.path.as_deref().and_then(FileKey::of),
    }
}

/// An index over every article of a list of issues (which it shares).
pub struct Index {
    issues: Arc<Vec<Issue>>,
    docs: Vec<DocRef>,
    /// The parts, in document order.
    parts: Vec<Arc<Part>>,
    /// The first document of each part.
    starts: Vec<u32>,
    keywords: Vec<Vec<String>>,
    /// False to search without the signatures (for measurements).
    use_sigs: bool,
}

/// Sorted document lists per key, part by part (a view of an [`Index`]).
pub struct Postings<'a>(Vec<(u32, &'a Segment)>);

/// The headline texts of an article: title, kicker, subtitle.
pub(crate) fn head_texts(a: &Article) -> impl Iterator<Item = &str> {
    std::iter::once(a.title.as_str()).chain(a.kicker.as_deref()).chain(a.subtitle.as_deref())
}

/// The other searchable texts of an article.
pub(crate) fn body_texts(a: &Article) -> impl Iterator<Item = &str> {
    a.byline
        .as_deref()
        .into_iter()
        .chain(a.paragraphs.iter().map(String::as_str))
        .chain(a.captions.iter().map(String::as_str))
        .chain(a.keywords.iter().map(String::as_str))
}

/// Gives the keys of `text` (with repeats) to `key`, and appends the pair
/// signature keys of its adjacent characters to `sig` (as
/// [`signature::pairs`] does): one pass over the text, each character
/// folded and its readings looked up once for both.
pub(crate) fn keys_and_pairs(t: &Table, text: &str, mut key: impl FnMut(u32), sig: &mut Vec<u64>) {
    // (The readings of the character itself for the keys, of its folded
    // form for the signature: they differ only where folding changes it.)
    let mut prev: &[u16] = &[];
    let mut prev_folded: Option<(char, &[u16])> = None;
    for c in text.chars() {
        let f = fold_lower(c);
        let rf = t.readings(f);
        let r = if f == c { rf } else { t.readings(c) };
        if (f as u32) < CHAR_KEYS {
            key(f as u32);
        }
        for &id in r {
            if (id as u32) < SYL_KEYS {
                key(SYL_BASE + id as u32);
            }
        }
        for &a in prev {
            for &b in r {
                if let (Some(x), Some(y)) = (letter(t, a), letter(t, b)) {
                    key(PAIR_BASE + x * 26 + y);
                }
            }
        }
        prev = r;
        if let Some((p, pr)) = prev_folded {
            signature::push_pair(p, pr, f, rf, sig);
        }
        prev_folded = Some((f, rf));
    }
}

/// Appends the keys of `text` (with repeats) to `keys` (what
/// [`keys_and_pairs`] gives, computed on their own: the reference the
/// tests hold it to).
#[cfg(test)]
pub(crate) fn add_keys(t: &Table, text: &str, keys: &mut Vec<u32>) {
    let mut prev: &[u16] = &[];
    for c in text.chars() {
        let f = fold_lower(c) as u32;
        if f < CHAR_KEYS {
            keys.push(f);
        }
        let r = t.readings(c);
        for &id in r {
            if (id as u32) < SYL_KEYS {
                keys.push(SYL_BASE + id as u32);
            }
        }
        for &a in prev {
            for &b in r {
                if let (Some(x), Some(y)) = (letter(t, a), letter(t, b)) {
                    keys.push(PAIR_BASE + x * 26 + y);
                }
            }
        }
        prev = r;
    }
}

fn letter(t: &Table, id: u16) -> Option<u32> {
    t.initial(id).map(u32::from)
}

/// Most pages in one part: a larger group of pages (e.g. a quarter of a
/// very busy archive, or many undated pages) is cut into pieces this long.
pub const MAX_PART_PAGES: usize = 2048;

/// A run of consecutive pages indexed together: the pages of one quarter
/// (by their issue's date; undated pages together), cut at
/// [`MAX_PART_PAGES`]. The boundaries depend only on the pages, never on
/// the order they arrived in, so the parts of one start are the parts of
/// the next, and can be stored whole in the page cache.
pub struct Group {
    /// Names the group within its folder (`2023Q4#0`, `undated#1`).
    pub label: String,
    /// The pages, in order.
    pub pages: Vec<Arc<Page>>,
}

/// The quarter a page belongs to (None for an undated page).
fn quarter(page: &Page) -> Option<(u16, u8)> {
    page.date.map(|d| (d.year, d.month.saturating_sub(1) / 3 + 1))
}

/// Cuts the page order into [`Group`]s.
pub fn groups(pages: &[Arc<Page>]) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let mut current: Option<Option<(u16, u8)>> = None;
    let mut piece = 0usize;
    for p in pages {
        let q = quarter(p);
        let same = current == Some(q);
        let full = out.last().is_some_and(|g| g.pages.len() >= MAX_PART_PAGES);
        if !same || full {
            piece = if same { piece + 1 } else { 0 };
            current = Some(q);
            let label = match q {
                Some((y, q)) => format!("{y}Q{q}#{piece}"),
                None => format!("undated#{piece}"),
            };
            out.push(Group { label, pages: Vec::new() });
        }
        if let Some(g) = out.last_mut() {
            g.pages.push(p.clone());
        }
    }
    out
}

/// One group of the new order: a part of the previous index kept as is,
/// or pages to index.
enum Run {
    Kept(Arc<Part>),
    Build(Group),
}

/// The runs of the new page order `pages`: each group whose part in `prev`
/// covers exactly its pages is kept, the others are built.
fn plan(prev: Option<&Index>, pages: &[Arc<Page>]) -> Vec<Run> {
    let by_first: HashMap<*const Page, &Arc<Part>> = prev
        .map_or(&[][..], |p| &p.parts[..])
        .iter()
        .filter_map(|part| part.pages.first().map(|p| (Arc::as_ptr(p), part)))
        .collect();
    groups(pages)
        .into_iter()
        .map(|g| {
            let same = g.pages.first().and_then(|p| by_first.get(&Arc::as_ptr(p))).filter(|part| {
                part.pages.len() == g.pages.len() && part.pages.iter().zip(&g.pages).all(|(a, b)| Arc::ptr_eq(a, b))
            });
            match same {
                Some(part) => Run::Kept((*part).clone()),
                None => Run::Build(g),
            }
        })
        .collect()
}

impl Index {
    /// Builds the index (on every available core; about a second per
    /// 100 MB of text).
    pub fn build(issues: Arc<Vec<Issue>>) -> Index {
        Index::update(None, issues, &AtomicUsize::new(0), true)
    }

    /// The index of `issues`, sharing the parts of `prev` (an index of an
    /// earlier list of the same pages) that still apply: only groups of
    /// pages ([`groups`]) that changed are indexed (on every available
    /// core), each read back whole from the page cache when it holds the
    /// group as it is now. `progress` counts the pages done, those of kept
    /// parts first. `settled`: no more pages are coming (loading is over),
    /// so the parts not yet in the page cache are stored there.
    pub fn update(prev: Option<&Index>, issues: Arc<Vec<Issue>>, progress: &AtomicUsize, settled: bool) -> Index {
        let pages: Vec<Arc<Page>> = issues.iter().flat_map(|i| i.pages.iter().cloned()).collect();
        let runs = plan(prev, &pages);
        drop(pages);
        let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).clamp(1, 8);
        // Jobs: (slot in the list of parts, group to index).
        let mut slots: Vec<Option<Arc<Part>>> = Vec::new();
        let mut jobs: Vec<(usize, Group)> = Vec::new();
        for r in runs {
            match r {
                Run::Kept(p) => {
                    progress.fetch_add(p.pages.len(), Ordering::Relaxed);
                    slots.push(Some(p));
                }
                Run::Build(g) => {
                    jobs.push((slots.len(), g));
                    slots.push(None);
                }
            }
        }
        // Newest first (taken from the end).
        jobs.reverse();
        let built_any = !jobs.is_empty();
        let jobs = std::sync::Mutex::new(jobs);
        let built: Vec<(usize, Part)> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|_| {
                    let jobs = &jobs;
                    s.spawn(move || {
                        let mut out = Vec::new();
                        loop {
                            let job = jobs.lock().ok().and_then(|mut j| j.pop());
                            let Some((slot, group)) = job else { break };
                            if let Some(part) = Part::load_or_build(group, progress, settled) {
                                out.push((slot, part));
                            }
                        }
                        out
                    })
                })
                .collect();
            handles.into_iter().filter_map(|h| h.join().ok()).flatten().collect()
        });
        for (slot, part) in built {
            slots[slot] = Some(Arc::new(part));
        }
        if built_any && let Some(c) = crate::cache::shared() {
            // The pages' keys computed now, for the next start.
            c.flush();
        }
        if settled {
            for part in slots.iter().flatten() {
                part.store();
            }
            // Every group is in: what was read ahead and not used goes.
            prefetch::stop();
        }
        // The documents of the pages of the parts there are (a group left
        // out for now has no part: its pages are not searched yet).
        let left_out = slots.iter().any(Option::is_none);
        let covered: std::collections::HashSet<*const Page> = match left_out {
            true => slots.iter().flatten().flat_map(|p| p.pages.iter().map(Arc::as_ptr)).collect(),
            false => Default::default(),
        };
        // (Room for the parts' documents, which the list matches, at once,
        // its memory mapped in one request: the list is made again at each
        // update while pages load, a million entries at 100,000 pages.)
        let mut docs = super::bytes::room(slots.iter().flatten().map(|p| p.len() as usize).sum());
        for (i, issue) in issues.iter().enumerate() {
            let mut n = 0u32;
            for (p, page) in issue.pages.iter().enumerate() {
                let len = page.articles.len() as u32;
                if !left_out || covered.contains(&Arc::as_ptr(page)) {
                    docs.extend((0..len).map(|a| DocRef {
                        issue: i as u32,
                        page: p as u32,
                        article_in_page: a,
                        article: n + a,
                    }));
                }
                n += len;
            }
        }
        let mut parts = Vec::with_capacity(slots.len());
        let mut starts = Vec::with_capacity(slots.len());
        let mut n = 0u32;
        for part in slots.into_iter().flatten() {
            starts.push(n);
            n += part.len();
            parts.push(part);
        }
        debug_assert_eq!(n as usize, docs.len());
        // (Filled as keywords come: see `set_keywords`.)
        Index { issues, docs, parts, starts, keywords: Vec::new(), use_sigs: true }
    }

    /// The parts, in document order (each shared with the indexes updated
    /// from this one).
    pub fn parts(&self) -> &[Arc<Part>] {
        &self.parts
    }

    /// Part `k` (in document order) and its first document.
    pub(super) fn part_at(&self, k: usize) -> Option<(u32, &Part)> {
        Some((*self.starts.get(k)?, self.parts.get(k)?.as_ref()))
    }

    /// The part holding document `doc`, and `doc`'s number within it.
    fn part_of(&self, doc: u32) -> Option<(&Part, u32)> {
        let k = self.starts.partition_point(|&s| s <= doc).checked_sub(1)?;
        let part = self.parts.get(k)?;
        let local = doc - self.starts[k];
        (local < part.len()).then_some((part.as_ref(), local))
    }

    /// The issues this index was built from.
    pub fn issues(&self) -> &Arc<Vec<Issue>> {
        &self.issues
    }

    /// Number of documents (articles).
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when there is no article at all.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Where document `doc` lives.
    pub fn doc(&self, doc: u32) -> DocRef {
        self.docs[doc as usize]
    }

    /// The document number of article `article` (index within the issue) of
    /// issue `issue`.
    pub fn doc_of(&self, issue: usize, article: usize) -> Option<u32> {
        // (Documents are in issue and article order; a page left out for
        // now has none.)
        let key = (issue, article);
        let d = self.docs.partition_point(|d| (d.issue as usize, d.article as usize) < key);
        self.docs.get(d).filter(|x| (x.issue as usize, x.article as usize) == key).map(|_| d as u32)
    }

    /// The article of document `doc`.
    pub fn article(&self, doc: u32) -> &Article {
        let d = self.docs[doc as usize];
        &self.issues[d.issue as usize].pages[d.page as usize].articles[d.article_in_page as usize]
    }

    /// The article of document `doc` with all its text: for a page holding
    /// its headlines only, read on demand ([`crate::page_text`]).
    pub fn article_text(&self, doc: u32) -> Option<crate::page_text::ArticleText> {
        let d = self.docs[doc as usize];
        let page = &self.issues[d.issue as usize].pages[d.page as usize];
        crate::page_text::article_of(page, d.article_in_page as usize)
    }

    /// Keywords found later (e.g. by jieba) for document `doc`; searched too.
    pub fn extra_keywords(&self, doc: u32) -> &[String] {
        self.keywords.get(doc as usize).map_or(&[], Vec::as_slice)
    }

    /// Precomputed word boundaries of the `n`-th headline text (title,
    /// kicker, subtitle in that order of those present) of `doc`.
    pub fn head_bounds(&self, doc: u32, n: usize) -> Option<u64> {
        let (part, local) = self.part_of(doc)?;
        part.bounds.get(local as usize).map(|b| b[n.min(2)]).filter(|&m| m != 0)
    }

    /// Stores keywords of an article (its body words: the postings need no
    /// change, since keywords are made of the body's characters).
    pub fn set_keywords(&mut self, doc: u32, words: Vec<String>) {
        let doc = doc as usize;
        if doc >= self.docs.len() {
            return;
        }
        if self.keywords.len() <= doc {
            self.keywords.resize_with(doc + 1, Vec::new);
        }
        self.keywords[doc] = words;
    }

    /// Bytes held by the postings and pair signatures (for the benchmark).
    pub fn postings_bytes(&self) -> usize {
        self.parts.iter().map(|p| p.bytes()).sum()
    }

    /// True when document `doc` may hold every pair `need` asks for (its
    /// pair signature).
    pub fn may_match(&self, doc: u32, need: &Pairs) -> bool {
        self.part_of(doc).is_none_or(|(part, local)| part.sigs.may_match(local, need))
    }

    /// Whether searches take their shortcuts — the pair signatures, the
    /// headline pairs and the headline pass's reach
    /// ([`super::reach`]: headlines that cannot outrank the hits in hand are
    /// not read) — on unless turned off, which only the benchmark and the
    /// tests do, to measure what they save and check the hits are the same.
    pub fn set_use_signatures(&mut self, on: bool) {
        self.use_sigs = on;
    }

    /// True when searches test the pair signatures.
    pub fn uses_signatures(&self) -> bool {
        self.use_sigs
    }

    /// Postings of every field.
    pub fn all(&self) -> Postings<'_> {
        Postings(self.starts.iter().zip(&self.parts).map(|(&s, p)| (s, &p.all)).collect())
    }

    /// Postings of headline, kicker and subtitle.
    pub fn heads(&self) -> Postings<'_> {
        Postings(self.starts.iter().zip(&self.parts).map(|(&s, p)| (s, &p.heads)).collect())
    }
}

impl<'a> Postings<'a> {
    /// Number of parts.
    pub fn parts(&self) -> usize {
        self.0.len()
    }

    /// The postings of parts `range` only (clamped to the parts there are).
    pub fn slice(&self, range: std::ops::Range<usize>) -> Postings<'a> {
        let end = range.end.min(self.0.len());
        Postings(self.0[range.start.min(end)..end].to_vec())
    }

    /// The documents covered (index documents).
    pub fn docs(&self) -> std::ops::Range<u32> {
        match (self.0.first(), self.0.last()) {
            (Some(&(start, _)), Some(&(last, seg))) => start..last + seg.len(),
            _ => 0..0,
        }
    }

    /// Runs `f` on each segment (documents numbered within it),
    /// concatenating the results as index documents.
    fn per_segment(&self, mut f: impl FnMut(&Segment) -> Option<Vec<u32>>) -> Option<Vec<u32>> {
        let mut out: Vec<u32> = Vec::new();
        for &(start, seg) in &self.0 {
            if seg.is_empty() {
                continue;
            }
            out.extend(f(seg)?.into_iter().map(|d| d + start));
        }
        Some(out)
    }

    /// Documents that may contain the folded, lower-cased chars `chars` (in
    /// any order); None means "no restriction" (no indexable char).
    pub fn literal_candidates(&self, chars: &[char]) -> Option<Vec<u32>> {
        let mut keys: Vec<u32> = chars.iter().map(|&c| c as u32).filter(|&k| k < CHAR_KEYS).collect();
        keys.sort_unstable();
        keys.dedup();
        if keys.is_empty() {
            return None;
        }
        self.per_segment(|seg| Some(docset::intersect(keys.iter().map(|&k| seg.get(k)).collect())))
    }

    /// Of `docs` (index documents), those among
    /// [`Postings::literal_candidates`]`(chars)` (all of them when that is
    /// None), told document by document without making the list: cheaper
    /// for a few documents than intersecting lists of thousands.
    pub fn holding_chars(&self, chars: &[char], docs: &[u32]) -> Vec<u32> {
        let mut keys: Vec<u32> = chars.iter().map(|&c| c as u32).filter(|&k| k < CHAR_KEYS).collect();
        keys.sort_unstable();
        keys.dedup();
        if keys.is_empty() {
            return docs.to_vec();
        }
        let segs: Vec<(u32, u32, Vec<SetRef<'_>>)> =
            self.0.iter().map(|&(start, seg)| (start, seg.len(), keys.iter().map(|&k| seg.get(k)).collect())).collect();
        let holds = |d: u32| {
            segs.iter().any(|(start, len, sets)| {
                d.checked_sub(*start).is_some_and(|local| local < *len && sets.iter().all(|s| s.has(local)))
            })
        };
        docs.iter().copied().filter(|&d| holds(d)).collect()
    }

    /// Documents that may match the pinyin query `q` (a superset; the flag
    /// says so). None when the query cannot be narrowed (too short to be
    /// worth a pinyin search).
    ///
    /// Every reading of the query needs its syllables and the initials of
    /// each adjacent pair; the readings are walked as the query's lattice
    /// ([`pinyin::lattice`]), step by step, so a long query with thousands
    /// of readings costs a few dozen steps.
    pub fn pinyin_candidates(&self, q: &[u8]) -> Option<(Vec<u32>, bool)> {
        let t = pinyin::table();
        let steps = pinyin::lattice(t, q);
        if steps.is_empty() {
            return Some((Vec::new(), true));
        }
        if steps.iter().any(|s| s.from == 0 && s.to == q.len() && !narrows(&s.chunk)) {
            // A lone short chunk ("x", "zh"): not worth a pinyin search.
            return None;
        }
        let found = self.per_segment(|seg_lists| {
            let list = |key: u32| seg_lists.get(key);
            let pair = |a: &Chunk, b: &Chunk| initials_key(a.letter(t), b.letter(t)).map(list);
            // held[s]: the documents holding every list of some chain of
            // steps from the first letter through step s (None: no list yet).
            let mut held: Vec<Option<Vec<u32>>> = Vec::with_capacity(steps.len());
            for s in &steps {
                let own = match &s.chunk {
                    Chunk::Full(id) => Some(list(SYL_BASE + *id as u32).to_vec()),
                    Chunk::Partial(_, ids) if !ids.is_empty() => {
                        Some(docset::union(ids.iter().map(|&id| list(SYL_BASE + id as u32)).collect()))
                    }
                    _ => None,
                };
                let before = if s.from == 0 {
                    None
                } else {
                    let mut via: Vec<Vec<u32>> = Vec::new();
                    for (a, prev) in steps.iter().enumerate().filter(|(_, p)| p.to == s.from) {
                        let mut sets: Vec<SetRef<'_>> = Vec::new();
                        if let Some(Some(h)) = held.get(a) {
                            sets.push(SetRef::List(h));
                        }
                        sets.extend(pair(&prev.chunk, &s.chunk));
                        if sets.is_empty() {
                            return None;
                        }
                        via.push(docset::intersect(sets));
                    }
                    Some(union(via.iter().map(Vec::as_slice).collect()))
                };
                held.push(match (own, before) {
                    (Some(o), Some(b)) => Some(docset::intersect(vec![SetRef::List(&o), SetRef::List(&b)])),
                    (o, b) => o.or(b),
                });
            }
            let mut ends: Vec<&[u32]> = Vec::new();
            for (s, h) in steps.iter().zip(&held) {
                if s.to == q.len() {
                    ends.push(h.as_ref()?);
                }
            }
            Some(union(ends))
        })?;
        Some((found, true))
    }
}

/// True when a chunk alone narrows a pinyin search (its syllables are
/// listed).
fn narrows(c: &Chunk) -> bool {
    match c {
        Chunk::Full(_) => true,
        Chunk::Partial(_, ids) => !ids.is_empty(),
        Chunk::Initial(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;
    use crate::search::{Cache, Query};

    /// `n` one-page issues (page k dated k days after the first), each
    /// holding bundled articles.
    fn pages(n: usize) -> Vec<Arc<Page>> {
        let bundled: Vec<Article> = crate::loader::bundled().into_iter().flat_map(|p| p.articles).collect();
        (0..n)
            .map(|k| {
                let articles = (0..4).map(|i| bundled[(k * 3 + i) % bundled.len()].clone()).collect();
                let date = Date::new(2000 + (k / 336) as u32, (k / 28 % 12) as u32 + 1, (k % 28) as u32 + 1);
                Arc::new(Page { source: format!("p{k}.txt"), date, articles, ..Page::default() })
            })
            .collect()
    }

    fn issues(pages: &[Arc<Page>]) -> Arc<Vec<Issue>> {
        let mut out = Vec::new();
        for p in pages {
            crate::archive::insert_page(&mut out, p.clone());
        }
        Arc::new(out)
    }

    fn hits(index: &Index, q: &str) -> Vec<(String, String, crate::search::Field)> {
        let r = index.search(&Query::new(q), 50, &mut Cache::default(), &|| false).unwrap_or_default();
        r.hits.into_iter().map(|h| (h.source, h.article_id, h.matched.field)).collect()
    }

    #[test]
    fn documents_holding_chars_are_the_literal_candidates() {
        // Told document by document, over several parts and over one, for
        // rare and common characters (lists and bitmaps) and for none
        // indexable (every document asked about).
        let index = Index::build(issues(&pages(200)));
        assert!(index.parts().len() > 1, "{} parts", index.parts().len());
        let all = index.heads();
        for heads in [all.slice(0..all.parts()), all.slice(1..2)] {
            let asked: Vec<u32> = heads.docs().collect();
            for q in ["吕梁", "的", "改造", "区", "2", "ab", "吕梁市老旧小区", "", "\u{10000}"] {
                let chars: Vec<char> = q.chars().collect();
                let want = heads.literal_candidates(&chars).unwrap_or_else(|| asked.clone());
                assert_eq!(heads.holding_chars(&chars, &asked), want, "{q}");
            }
        }
        // Documents past the postings hold nothing.
        assert!(all.holding_chars(&['的'], &[index.len() as u32, index.len() as u32 + 7]).is_empty());
    }

    #[test]
    fn a_long_pinyin_query_finds_its_headline() {
        // Queries of more than 64 readings: each finds the headline it was
        // typed from (the candidates walk every reading, not the first 64).
        let t = pinyin::table();
        let index = Index::build(issues(&pages(40)));
        let mut checked = 0;
        for doc in 0..index.len() as u32 {
            let a = index.article(doc);
            let title: Vec<char> = a.title.chars().collect();
            let Some(hanzi) = title.windows(6).find(|w| w.iter().all(|&c| !t.readings(c).is_empty())) else {
                continue;
            };
            let py: String = hanzi.iter().map(|&c| t.syllable(t.readings(c)[0])).collect();
            if pinyin::segmentations(t, py.as_bytes(), 64).1 {
                continue;
            }
            let r = index.search(&Query::new(&py), 100_000, &mut Cache::default(), &|| false).unwrap_or_default();
            assert!(r.hits.iter().any(|h| h.title == a.title), "{py} finds {}", a.title);
            checked += 1;
        }
        assert!(checked > 10, "{checked} long queries checked");
    }

    #[test]
    fn pages_that_arrive_are_indexed_alone_and_found_like_a_fresh_index() {
        let all = pages(600);
        // Pages arrive newest first in batches (as the loader sends them),
        // a few out of order; the last batch fills a hole in the middle.
        let mut order: Vec<usize> = (0..600).rev().filter(|k| !(250..270).contains(k)).collect();
        order.extend(250..270);
        let mut arrived: Vec<Arc<Page>> = Vec::new();
        let mut index: Option<Index> = None;
        let mut at = 0;
        for size in [150, 100, 5, 15, 3, 200, 10, 97, 20] {
            let batch = &order[at..at + size];
            at += size;
            arrived.extend(batch.iter().map(|&k| all[k].clone()));
            let progress = AtomicUsize::new(0);
            let next = Index::update(index.as_ref(), issues(&arrived), &progress, false);
            assert_eq!(progress.load(Ordering::Relaxed), arrived.len(), "every page counted once");
            if let Some(prev) = &index
                && batch.len() <= 20
                && at < order.len()
            {
                // A few older pages more: most of the earlier index is kept
                // as is. (The last batch falls inside a part, which is built
                // again with them.)
                let kept: u32 = next
                    .parts()
                    .iter()
                    .filter(|p| prev.parts().iter().any(|q| Arc::ptr_eq(p, q)))
                    .map(|p| p.len())
                    .sum();
                assert!(kept as usize >= prev.len() / 2, "{kept} of {} documents kept", prev.len());
            }
            index = Some(next);
        }
        assert_eq!(at, all.len());
        let index = index.unwrap_or_else(|| Index::build(issues(&all)));
        let fresh = Index::build(issues(&all));
        assert_eq!(index.len(), fresh.len());
        assert!(index.parts().len() <= 40, "parts stay few: {}", index.parts().len());
        for q in ["吕梁", "lvliang", "老旧小区改造", "ly", "zhongmei", "2023", "孙大军", "sdj"] {
            let (a, b) = (hits(&index, q), hits(&fresh, q));
            assert!(!b.is_empty(), "{q} finds something");
            assert_eq!(a, b, "{q}: the index updated page by page finds what a fresh one finds");
        }
    }
}
