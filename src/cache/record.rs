//! The pages of one file as stored in the cache (a text file gives one, a
//! PDF issue several): every field of [`Page`] but its path (the cache's
//! key), in a fixed order, so a compact binary encoding
//! (postcard) can store it. The JSON shape of `Page` is tuned for
//! `lvread dump` (fields left out when empty), which binary encodings
//! cannot read back; this record is the cache's own. Its strings are read
//! back with a SIMD UTF-8 check ([`super::text`]) rather than serde's
//! `String`, which was most of the cost of reading a page's text back (the
//! search's body pass reads a page for each candidate it has not read yet,
//! about 200 for a one-letter query).

use super::text::{opt_string, string, strings};
use crate::model::{Article, Date, Kind, Page};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Serialize, Deserialize)]
struct ArticleRecord {
    #[serde(deserialize_with = "string")]
    id: String,
    #[serde(deserialize_with = "string")]
    title: String,
    title_inferred: bool,
    #[serde(deserialize_with = "opt_string")]
    kicker: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    subtitle: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    byline: Option<String>,
    kind: Kind,
    #[serde(deserialize_with = "strings")]
    paragraphs: Vec<String>,
    subheadings: Vec<u32>,
    #[serde(deserialize_with = "strings")]
    captions: Vec<String>,
    #[serde(deserialize_with = "strings")]
    keywords: Vec<String>,
    line: u64,
}

#[derive(Serialize, Deserialize)]
struct PageRecord {
    #[serde(deserialize_with = "string")]
    source: String,
    page: Option<u32>,
    date: Option<(u16, u8, u8)>,
    date_inferred: bool,
    articles: Vec<ArticleRecord>,
    #[serde(deserialize_with = "strings")]
    fragments: Vec<String>,
    #[serde(deserialize_with = "strings")]
    warnings: Vec<String>,
}

/// How a page is encoded in the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// postcard: compact binary (the cache's format).
    Postcard,
    /// serde_json (measured against postcard by `examples/cache_bench.rs`).
    Json,
}

fn record(p: &Page) -> PageRecord {
    PageRecord {
        source: p.source.clone(),
        page: p.page,
        date: p.date.map(|d| (d.year, d.month, d.day)),
        date_inferred: p.date_inferred,
        articles: p
            .articles
            .iter()
            .map(|a| ArticleRecord {
                id: a.id.clone(),
                title: a.title.clone(),
                title_inferred: a.title_inferred,
                kicker: a.kicker.clone(),
                subtitle: a.subtitle.clone(),
                byline: a.byline.clone(),
                kind: a.kind,
                paragraphs: a.paragraphs.clone(),
                subheadings: a.subheadings.iter().map(|&i| i as u32).collect(),
                captions: a.captions.clone(),
                keywords: a.keywords.clone(),
                line: a.line as u64,
            })
            .collect(),
        fragments: p.fragments.clone(),
        warnings: p.warnings.clone(),
    }
}

fn page(r: PageRecord, path: &Path) -> Option<Page> {
    let date = match r.date {
        Some((y, m, d)) => Some(Date::new(y as u32, m as u32, d as u32)?),
        None => None,
    };
    Some(Page {
        source: r.source,
        path: Some(path.to_path_buf()),
        page: r.page,
        date,
        date_inferred: r.date_inferred,
        articles: r
            .articles
            .into_iter()
            .map(|a| Article {
                id: a.id,
                title: a.title,
                title_inferred: a.title_inferred,
                kicker: a.kicker,
                subtitle: a.subtitle,
                byline: a.byline,
                kind: a.kind,
                paragraphs: a.paragraphs,
                subheadings: a.subheadings.into_iter().map(|i| i as usize).collect(),
                captions: a.captions,
                keywords: a.keywords,
                line: a.line as usize,
            })
            .collect(),
        fragments: r.fragments,
        warnings: r.warnings,
        text: None,
    })
}

/// Encodes the pages of one file (their path is not stored).
pub fn encode(pages: &[Page], how: Encoding) -> Vec<u8> {
    let r: Vec<PageRecord> = pages.iter().map(record).collect();
    match how {
        Encoding::Postcard => postcard::to_stdvec(&r).unwrap_or_default(),
        Encoding::Json => serde_json::to_vec(&r).unwrap_or_default(),
    }
}

/// Decodes the pages of the file at `path`; None when the bytes are not
/// pages (damaged or written by another format).
pub fn decode(bytes: &[u8], path: &Path, how: Encoding) -> Option<Vec<Page>> {
    let r: Vec<PageRecord> = match how {
        Encoding::Postcard => postcard::from_bytes(bytes).ok()?,
        Encoding::Json => serde_json::from_slice(bytes).ok()?,
    };
    r.into_iter().map(|r| page(r, path)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bundled pages with every field of the record set somewhere.
    fn pages() -> Vec<Page> {
        let mut pages = crate::loader::bundled();
        let p = &mut pages[0];
        p.page = Some(3);
        p.date = Date::new(2023, 11, 4);
        p.date_inferred = true;
        p.fragments = vec!["吕梁日报社出版".into(), String::new()];
        p.warnings = vec!["invalid UTF-8 replaced by \u{FFFD}".into()];
        let a = &mut p.articles[0];
        a.kicker = Some("引题".into());
        a.subtitle = Some("——副题".into());
        a.byline = Some("本报讯（记者 孙大军）".into());
        a.kind = Kind::Commentary;
        a.subheadings = vec![0, 2];
        a.captions = vec!["图为离石区老旧小区改造现场。".into()];
        a.keywords = vec!["老旧小区".into(), "改造".into()];
        a.title_inferred = true;
        a.line = 77;
        pages
    }

    #[test]
    fn pages_come_back_the_same_in_both_encodings() {
        let pages = pages();
        let path = Path::new("/archive/2023/p01.txt");
        let mut expected = pages.clone();
        for p in &mut expected {
            p.path = Some(path.to_path_buf());
        }
        for how in [Encoding::Postcard, Encoding::Json] {
            for n in [0, 1, pages.len()] {
                let bytes = encode(&pages[..n], how);
                assert_eq!(decode(&bytes, path, how).as_ref(), Some(&expected[..n].to_vec()), "{how:?} {n}");
            }
        }
        let bytes = encode(&pages, Encoding::Postcard);
        assert!(decode(&bytes[..bytes.len() / 2], path, Encoding::Postcard).is_none(), "cut short");
    }

    #[test]
    fn a_damaged_row_is_refused_or_read_as_valid_text() {
        let path = Path::new("/archive/2023/11/04/p03.txt");
        let bytes = encode(&pages()[..1], Encoding::Postcard);
        let mut refused = 0;
        for at in 0..bytes.len() {
            let mut b = bytes.clone();
            b[at] ^= 0xC0;
            // Strings come back as checked UTF-8 (a `String` could not hold
            // anything else); what matters is that nothing panics and bytes
            // made invalid inside a string are refused.
            match decode(&b, path, Encoding::Postcard) {
                Some(p) => assert!(p.iter().all(|p| p.articles.iter().all(|a| !a.title.contains('\u{FFFD}')))),
                None => refused += 1,
            }
        }
        assert!(refused > bytes.len() / 2, "{refused} of {} damaged rows refused", bytes.len());
    }
}
