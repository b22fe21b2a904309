//! Search over every loaded page, by Hanzi or by pinyin.
//!
//! - [`index`]: postings from characters, pinyin syllables and initial pairs
//!   to articles; narrows the candidates.
//! - [`signature`]: per article, a Bloom filter of adjacent character
//!   (or pinyin syllable) pairs; tells which candidates hold the query's
//!   characters side by side.
//! - [`pairs`]: postings of adjacent character (or syllable) pairs in
//!   headlines; exact, so a headline lacking a query's pairs is never read
//!   for a side-by-side match.
//! - [`reach`]: the best match a headline may hold, from the postings
//!   alone; lets the headline pass stop reading what cannot reach the list.
//! - [`engine`]: the query, the matchers (SkimMatcherV2 for text, a pinyin
//!   matcher for Latin queries) and the ranking.
//! - [`stored`]: what each page gives the index, kept in the page cache so
//!   a second start does not compute it again.
//! - [`stored_part`]: each part of the index (a quarter's pages) kept whole
//!   in the page cache, so a second start reads it back in one piece.
//! - [`worker`]: a search thread with cancellation for the reader.
//! - [`keywords`]: per-article keywords from jieba (TF-IDF).
//! - [`words`]: the shared jieba segmenter, loaded in the background.
//! - [`fold`], [`pinyin`], [`snippet`]: the pieces.
//!
//! Typical use:
//! ```
//! use lvread::search::{Index, Query, Cache};
//! use std::sync::Arc;
//! let issues = Arc::new(lvread::archive::group(lvread::loader::bundled()));
//! let index = Index::build(issues);
//! let mut cache = Cache::default();
//! let results = index.search(&Query::new("lvliang"), 20, &mut cache, &|| false).unwrap();
//! assert!(!results.hits.is_empty());
//! ```

pub mod bytes;
pub mod docset;
pub mod engine;
pub mod fold;
pub mod index;
pub mod keywords;
pub mod pairs;
pub mod pinyin;
pub mod prefetch;
pub mod reach;
pub mod signature;
pub mod snippet;
pub mod sorted;
pub mod stored;
pub mod stored_part;
pub mod words;
pub mod worker;

pub use engine::{Cache, Field, FieldMatch, Hit, Matcher, Quality, Query, Results, article_matches, field_text};
pub use index::{DocRef, Index};
pub use snippet::Snippet;
pub use worker::{Response, SearchWorker};
