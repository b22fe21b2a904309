//! The in-memory tree: a [`Page`] is one loaded file (one newspaper page),
//! made of [`Article`]s and left-over fragments; an [`Issue`] groups the pages
//! of one date.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// What sort of item an article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// An ordinary news story.
    #[default]
    News,
    /// A photo with its caption text (图片新闻).
    Photo,
    /// A cartoon (漫画) credit.
    Cartoon,
    /// A public notice (公告, 通知, 启事).
    Notice,
    /// An editorial or commentary (本报评论员, 评论).
    Commentary,
    /// The continuation of an article from another page (上接…版).
    Continuation,
}

impl Kind {
    /// The lower-case name used in JSON and on screen.
    pub fn name(self) -> &'static str {
        match self {
            Kind::News => "news",
            Kind::Photo => "photo",
            Kind::Cartoon => "cartoon",
            Kind::Notice => "notice",
            Kind::Commentary => "commentary",
            Kind::Continuation => "continuation",
        }
    }

    /// A one-character marker for lists (None for plain news).
    pub fn marker(self) -> Option<&'static str> {
        match self {
            Kind::News => None,
            Kind::Photo => Some("图"),
            Kind::Cartoon => Some("漫"),
            Kind::Notice => Some("告"),
            Kind::Commentary => Some("评"),
            Kind::Continuation => Some("续"),
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A calendar date (no time zone); printed and serialised as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A date if the numbers make a plausible newspaper date (1900–2199).
    pub fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        if !(1900..2200).contains(&year) || day == 0 || day > days {
            return None;
        }
        Some(Date { year: year as u16, month: month as u8, day: day as u8 })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let mut it = s.trim().splitn(3, '-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        Date::new(y, m, d)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("bad date {s:?}")))
    }
}

/// One item of a page: a story, a photo, a cartoon, a notice, a commentary.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier: a hash of the source file name and the article's
    /// first characters, so reading state survives reloading and reordering.
    pub id: String,
    /// The headline; never empty. A fallback when `title_inferred`.
    pub title: String,
    /// True when the page printed no headline and `title` was made from the body.
    pub title_inferred: bool,
    /// 引题: the line printed above the headline.
    pub kicker: Option<String>,
    /// 副题: the line printed below the headline.
    pub subtitle: Option<String>,
    /// `本报讯（记者 …）`, `新华社北京11月3日电`, `□ 本报评论员` …
    pub byline: Option<String>,
    pub kind: Kind,
    /// Clean paragraphs, in order.
    pub paragraphs: Vec<String>,
    /// Which paragraphs are subheadings (小标题 inside a feature): indices
    /// into `paragraphs`, ascending. Left out of JSON when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subheadings: Vec<usize>,
    /// Photo captions with their credits.
    pub captions: Vec<String>,
    /// Keywords (filled in later, e.g. by jieba); may be empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// 1-based line of the source file where the article's text begins.
    #[serde(default)]
    pub line: usize,
}

impl Article {
    /// Number of characters of body text.
    pub fn body_chars(&self) -> usize {
        self.paragraphs.iter().map(|p| p.chars().count()).sum()
    }

    /// Is paragraph `n` a subheading (小标题)?
    pub fn is_subheading(&self, n: usize) -> bool {
        self.subheadings.contains(&n)
    }

    /// The start of the article's text shown under a headline (its first
    /// paragraph, else caption, else byline).
    pub fn lead(&self) -> Option<&str> {
        self.paragraphs.first().or(self.captions.first()).or(self.byline.as_ref()).map(String::as_str)
    }

    /// For a headline made from the body and cut ([`TITLE_CUT`]): where
    /// the body goes on after the cut (in its first three paragraphs).
    pub fn after_cut_title(&self) -> Option<&str> {
        if !self.title_inferred {
            return None;
        }
        let prefix = self.title.strip_suffix(TITLE_CUT).filter(|p| !p.is_empty())?;
        self.paragraphs.iter().take(3).find_map(|p| p.find(prefix).map(|at| &p[at + prefix.len()..]))
    }
}

/// One loaded file: one printed newspaper page.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Page {
    /// The file's name (last path component).
    pub source: String,
    /// Where the file was read from; None for bundled pages. Dumped as
    /// `path` (text; a name that is not UTF-8 is shown lossily), so that
    /// two `p01.txt` from different folders can be told apart.
    #[serde(default, skip_deserializing, skip_serializing_if = "Option::is_none", serialize_with = "path_as_text")]
    pub path: Option<PathBuf>,
    /// The page number, when the file name gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    pub date: Option<Date>,
    /// True when the date was guessed from the text, not given by the file name.
    pub date_inferred: bool,
    pub articles: Vec<Article>,
    /// Text that belongs to no article: banners, stray lines.
    pub fragments: Vec<String>,
    /// Problems met while loading (the page loaded anyway).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Set on a page read back from the page cache's headline table: its
    /// articles hold their headlines only (id, title, kicker, subtitle,
    /// kind, keywords, line) and no text (no byline, paragraphs, captions
    /// or fragments); the text is read from the cache on demand
    /// ([`crate::page_text::text`]). None: the page holds all its text.
    #[serde(skip)]
    pub text: Option<Arc<TextRef>>,
}

/// Where the text of a page holding only its headlines is kept, and the
/// little of that text the lists need before it is read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextRef {
    /// The page's file as the page cache keys it (canonical path, size,
    /// modification time).
    pub file: crate::cache::db::FileKey,
    /// The page's place among the pages of its file (0 for a text file).
    pub index: u32,
    /// The articles of the loader's page whose headline was made from the
    /// body and cut ([`Article::after_cut_title`]): (article, the few
    /// characters of text after the cut).
    pub after_cut: Vec<(u32, String)>,
    /// True when the page has fragments (text outside its articles).
    pub fragments: bool,
    /// Number of articles of the loader's page.
    pub articles: u32,
}

/// How many characters after a made-up headline's cut are kept for a page
/// holding only its headlines.
pub const AFTER_CUT_CHARS: usize = 16;

/// The mark the loader ends a headline made from the body with, when it
/// cut the body's first clause.
pub const TITLE_CUT: char = '…';

impl Page {
    /// True when the page holds its headlines only and its text is read on
    /// demand ([`Page::text`]).
    pub fn is_headlines_only(&self) -> bool {
        self.text.is_some()
    }

    /// Where the body of article `k` goes on after its made-up headline's
    /// cut ([`Article::after_cut_title`]).
    pub fn after_cut_title(&self, k: usize) -> Option<&str> {
        match &self.text {
            None => self.articles.get(k)?.after_cut_title(),
            Some(t) => t.after_cut.iter().find(|(n, _)| *n as usize == k).map(|(_, s)| s.as_str()),
        }
    }
}

/// All pages of one date (or one undated page).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Issue {
    pub date: Option<Date>,
    pub date_inferred: bool,
    /// Pages in page order. Shared, never copied: the search index and the
    /// keyword job hold the same pages as the reader (a change to a page
    /// goes through [`Arc::make_mut`]).
    pub pages: Vec<Arc<Page>>,
}

impl Issue {
    /// Every article of the issue, page by page, in page order.
    pub fn articles(&self) -> impl Iterator<Item = &Article> {
        self.pages.iter().flat_map(|p| p.articles.iter())
    }

    /// The n-th article in page order.
    pub fn article(&self, n: usize) -> Option<&Article> {
        self.articles().nth(n)
    }

    pub fn article_count(&self) -> usize {
        self.pages.iter().map(|p| p.articles.len()).sum()
    }

    /// The headline of the first article with a printed headline, for lists.
    pub fn lead_title(&self) -> Option<&str> {
        self.articles().find(|a| !a.title_inferred).or_else(|| self.articles().next()).map(|a| a.title.as_str())
    }

    /// A name for lists: the date, or the first page's file name.
    pub fn label(&self) -> String {
        match self.date {
            Some(d) => d.to_string(),
            None => self.pages.first().map(|p| p.source.clone()).unwrap_or_default(),
        }
    }
}

/// Serialises a path as text, cleaned of control characters.
fn path_as_text<S: serde::Serializer>(p: &Option<PathBuf>, s: S) -> Result<S::Ok, S::Error> {
    match p {
        Some(p) => s.serialize_str(&crate::text::clean(&p.to_string_lossy())),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_and_printed() {
        assert_eq!(Date::new(2023, 11, 4).unwrap().to_string(), "2023-11-04");
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2023, 13, 1).is_none());
        assert_eq!(Date::parse("2024-03-07"), Date::new(2024, 3, 7));
    }

    #[test]
    fn kind_serialises_lower_case() {
        assert_eq!(serde_json::to_string(&Kind::Continuation).unwrap(), "\"continuation\"");
    }
}
