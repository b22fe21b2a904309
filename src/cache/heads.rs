//! The headline table: per folder, one row with every file's pages as the
//! reader's lists need them — per article its id, headline, kicker,
//! subtitle, kind, keywords and the start of its text — and none of the
//! text. A second start makes its pages from these rows (a folder in one
//! look-up) instead of decoding every page's row, and reads the text only
//! when it is wanted ([`crate::page_text`]).
//!
//! A file's entry is used only while the file has the size and
//! modification time stored with it (and the row was written by this
//! loader, in this [`FORMAT`]); the rest of the folder's entries stay good.

use super::db::FileKey;
use super::text;
use crate::model::{AFTER_CUT_CHARS, Article, Date, Kind, Page, TextRef};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::Arc;

/// Version of the rows' layout; a row of another format is not used.
pub const FORMAT: u32 = 1;

// (Strings are read back through `super::text`: a SIMD UTF-8 check, the
// same values; a second start reads every headline of the archive.)
#[derive(Serialize, Deserialize)]
struct ArticleHead {
    #[serde(deserialize_with = "text::string")]
    id: String,
    #[serde(deserialize_with = "text::string")]
    title: String,
    title_inferred: bool,
    #[serde(deserialize_with = "text::opt_string")]
    kicker: Option<String>,
    #[serde(deserialize_with = "text::opt_string")]
    subtitle: Option<String>,
    kind: Kind,
    #[serde(deserialize_with = "text::strings")]
    keywords: Vec<String>,
    line: u64,
    #[serde(deserialize_with = "text::opt_string")]
    after_cut: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct PageHead {
    #[serde(deserialize_with = "text::string")]
    source: String,
    page: Option<u32>,
    date: Option<(u16, u8, u8)>,
    date_inferred: bool,
    articles: Vec<ArticleHead>,
    fragments: bool,
    #[serde(deserialize_with = "text::strings")]
    warnings: Vec<String>,
}

/// One file's entry in a folder's row: its name, size and modification
/// time when its headlines were taken, and its pages' headlines (encoded).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    /// The file's name in the folder (bytes of the OS string).
    pub name: Vec<u8>,
    /// Size and modification time ([`FileKey::stamp`]).
    pub stamp: (i64, i64),
    #[serde(with = "run_of_bytes")]
    heads: Vec<u8>,
}

/// A `Vec<u8>` written as postcard writes any `Vec<u8>` (its length, then
/// its bytes) but read back in one copy rather than a byte at a time: a
/// second start reads every folder's row (12.5 MB for 10,000 pages).
mod run_of_bytes {
    use serde::{Deserializer, Serializer, de};

    pub fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(v)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        struct Bytes;
        impl<'de> de::Visitor<'de> for Bytes {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
                Ok(v.to_vec())
            }
            fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
                Ok(v)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u8>, A::Error> {
                let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 20));
                while let Some(b) = seq.next_element()? {
                    v.push(b);
                }
                Ok(v)
            }
        }
        d.deserialize_byte_buf(Bytes)
    }
}

fn first_chars(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => s[..i].to_string(),
        None => s.to_string(),
    }
}

fn head_of(a: &Article) -> ArticleHead {
    ArticleHead {
        id: a.id.clone(),
        title: a.title.clone(),
        title_inferred: a.title_inferred,
        kicker: a.kicker.clone(),
        subtitle: a.subtitle.clone(),
        kind: a.kind,
        keywords: a.keywords.clone(),
        line: a.line as u64,
        after_cut: a.after_cut_title().map(|s| first_chars(s, AFTER_CUT_CHARS)),
    }
}

impl FileEntry {
    /// The entry of the file `name` (key `key`) whose pages, as the loader
    /// made them, are `pages`.
    pub fn new(name: &std::ffi::OsStr, key: &FileKey, pages: &[Page]) -> FileEntry {
        let heads: Vec<PageHead> = pages
            .iter()
            .map(|p| PageHead {
                source: p.source.clone(),
                page: p.page,
                date: p.date.map(|d| (d.year, d.month, d.day)),
                date_inferred: p.date_inferred,
                articles: p.articles.iter().map(head_of).collect(),
                fragments: p.fragments.iter().any(|f| !f.trim().is_empty()),
                warnings: p.warnings.clone(),
            })
            .collect();
        FileEntry {
            name: name.as_encoded_bytes().to_vec(),
            stamp: key.stamp(),
            heads: postcard::to_stdvec(&heads).unwrap_or_default(),
        }
    }

    /// The file's pages holding their headlines only ([`Page::text`]
    /// pointing at `key`), read from `path`; None when the entry does not
    /// decode. (The key is taken, not borrowed: the last page keeps it, so
    /// a text file's one page costs no copy of its path.)
    pub fn pages(&self, path: &Path, key: FileKey) -> Option<Vec<Page>> {
        let heads: Vec<PageHead> = postcard::from_bytes(&self.heads).ok()?;
        let last = heads.len().checked_sub(1);
        let mut key = Some(key);
        heads
            .into_iter()
            .enumerate()
            .map(|(index, h)| {
                let date = match h.date {
                    Some((y, m, d)) => Some(Date::new(y as u32, m as u32, d as u32)?),
                    None => None,
                };
                let mut after_cut = Vec::new();
                let count = h.articles.len() as u32;
                // Room for the article the reader makes of the page's
                // fragments (`ui::fragments::absorb`), which would
                // otherwise move every article to a larger buffer.
                let mut articles = Vec::with_capacity(h.articles.len() + usize::from(h.fragments));
                articles.extend(h.articles.into_iter().enumerate().map(|(n, a)| {
                    if let Some(s) = a.after_cut {
                        after_cut.push((n as u32, s));
                    }
                    Article {
                        id: a.id,
                        title: a.title,
                        title_inferred: a.title_inferred,
                        kicker: a.kicker,
                        subtitle: a.subtitle,
                        kind: a.kind,
                        keywords: a.keywords,
                        line: a.line as usize,
                        ..Article::default()
                    }
                }));
                let file = match Some(index) == last {
                    true => key.take().unwrap_or_default(),
                    false => key.clone().unwrap_or_default(),
                };
                let text = TextRef { file, index: index as u32, after_cut, fragments: h.fragments, articles: count };
                Some(Page {
                    source: h.source,
                    path: Some(path.to_path_buf()),
                    page: h.page,
                    date,
                    date_inferred: h.date_inferred,
                    articles,
                    fragments: Vec::new(),
                    warnings: h.warnings,
                    text: Some(Arc::new(text)),
                })
            })
            .collect()
    }
}

/// A folder's row: its files' entries.
pub fn encode(entries: &[FileEntry]) -> Vec<u8> {
    postcard::to_stdvec(entries).unwrap_or_default()
}

/// A folder's row read back; None when damaged.
pub fn decode(bytes: &[u8]) -> Option<Vec<FileEntry>> {
    postcard::from_bytes(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_come_back_without_text_and_point_at_their_file() {
        let pages = crate::loader::bundled();
        let key = FileKey::default();
        let e = FileEntry::new(std::ffi::OsStr::new("p01.txt"), &key, &pages);
        let row = decode(&encode(std::slice::from_ref(&e))).unwrap();
        let back = row[0].pages(Path::new("/a/p01.txt"), key.clone()).unwrap();
        assert_eq!(back.len(), pages.len());
        for (k, (b, p)) in back.iter().zip(&pages).enumerate() {
            assert_eq!((&b.source, b.page, b.date), (&p.source, p.page, p.date));
            let titles = |x: &Page| x.articles.iter().map(|a| (a.id.clone(), a.title.clone())).collect::<Vec<_>>();
            assert_eq!(titles(b), titles(p));
            assert!(b.articles.iter().all(|a| a.paragraphs.is_empty()), "no text in the headlines");
            assert_eq!(b.text.as_ref().unwrap().index, k as u32);
            for n in 0..p.articles.len() {
                let after = p.after_cut_title(n).map(|s| first_chars(s, AFTER_CUT_CHARS));
                assert_eq!(b.after_cut_title(n).map(str::to_string), after);
            }
        }
        let bytes = encode(&[e]);
        assert!(decode(&bytes[..bytes.len() / 2]).is_none(), "cut short");
    }

    #[test]
    fn a_page_with_fragments_comes_back_with_room_for_their_article() {
        let mut pages = crate::loader::bundled();
        pages.truncate(2);
        pages[0].fragments = vec!["吕梁日报社出版".to_string()];
        pages[1].fragments.clear();
        let key = FileKey::default();
        let e = FileEntry::new(std::ffi::OsStr::new("p01.txt"), &key, &pages);
        let back = e.pages(Path::new("/a/p01.txt"), key.clone()).unwrap();
        assert!(back[0].articles.capacity() > back[0].articles.len(), "room for the fragments");
        assert_eq!(back[0].articles.len(), pages[0].articles.len());
        assert_eq!(back[1].articles.len(), pages[1].articles.len());
    }

    #[test]
    fn rows_written_before_the_bytes_were_read_in_one_copy_still_read() {
        // The layout of a row before: the headlines a plain `Vec<u8>`.
        #[derive(Serialize)]
        struct Before {
            name: Vec<u8>,
            stamp: (i64, i64),
            heads: Vec<u8>,
        }
        let pages = crate::loader::bundled();
        let e = FileEntry::new(std::ffi::OsStr::new("p01.txt"), &FileKey::default(), &pages);
        let before = Before { name: e.name.clone(), stamp: e.stamp, heads: e.heads.clone() };
        let old = postcard::to_stdvec(&vec![before]).unwrap();
        assert_eq!(old, encode(std::slice::from_ref(&e)), "the same bytes");
        assert_eq!(decode(&old), Some(vec![e]));
    }
}
