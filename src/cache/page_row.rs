//! A page row read back the fast way: the layout of [`super::record`]
//! (postcard), its strings checked by [`super::text`] (SIMD UTF-8) rather
//! than by serde's `String`, which was most of the cost of reading a page's
//! text back (the search's body pass reads a page for each candidate it has
//! not read yet, about 200 for a one-letter query).
//!
//! The layout is `record`'s, written out again here because `record.rs` is
//! part of the loader's fingerprint (`build.rs`): a change there would have
//! every archive parsed again. A test holds the two to the same pages for
//! the same bytes (and to refusing the same damaged ones).

use super::text::{opt_string, string, strings};
use crate::model::{Article, Date, Kind, Page};
use serde::Deserialize;
use std::path::Path;

/// [`super::record`]'s article, field for field.
#[derive(Deserialize)]
struct ArticleRow {
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

/// [`super::record`]'s page, field for field.
#[derive(Deserialize)]
struct PageRow {
    #[serde(deserialize_with = "string")]
    source: String,
    page: Option<u32>,
    date: Option<(u16, u8, u8)>,
    date_inferred: bool,
    articles: Vec<ArticleRow>,
    #[serde(deserialize_with = "strings")]
    fragments: Vec<String>,
    #[serde(deserialize_with = "strings")]
    warnings: Vec<String>,
}

fn page(r: PageRow, path: &Path) -> Option<Page> {
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

/// The pages of the file at `path` from its row (postcard, as
/// [`super::record::encode`] writes it); None when the bytes are not pages.
/// The same as [`super::record::decode`], faster.
pub fn decode(bytes: &[u8], path: &Path) -> Option<Vec<Page>> {
    let r: Vec<PageRow> = postcard::from_bytes(bytes).ok()?;
    r.into_iter().map(|r| page(r, path)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::record::{self, Encoding};

    /// Pages with every field of the record set somewhere.
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
    fn rows_read_back_as_the_record_reads_them() {
        let path = Path::new("/archive/2023/11/04/p03.txt");
        let pages = pages();
        for n in [0, 1, pages.len()] {
            let bytes = record::encode(&pages[..n], Encoding::Postcard);
            let theirs = record::decode(&bytes, path, Encoding::Postcard);
            assert!(theirs.is_some());
            assert_eq!(decode(&bytes, path), theirs, "{n} pages");
        }
        let bytes = record::encode(&pages[..1], Encoding::Postcard);
        // Damaged rows: refused (or read) alike, a byte changed at a time.
        for at in (0..bytes.len()).step_by(7) {
            let mut b = bytes.clone();
            b[at] ^= 0xC0;
            assert_eq!(decode(&b, path), record::decode(&b, path, Encoding::Postcard), "byte {at}");
        }
        assert!(decode(&bytes[..bytes.len() / 2], path).is_none(), "cut short");
    }
}
