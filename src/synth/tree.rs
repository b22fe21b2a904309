//! The trees the evaluation compares: a dump (the shape of `lvread dump
//! --json`, for the loader's output and for the perfect tree of a synthetic
//! page) and a gold file (the shape of `../shared/gold/seeds.json`: per item,
//! the snippets that must be found where they belong).

use crate::model::{Kind, Page};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

/// One article of a dump.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TreeArticle {
    pub title: String,
    #[serde(default)]
    pub title_inferred: bool,
    #[serde(default)]
    pub kicker: Option<String>,
    #[serde(default)]
    pub subtitle: Option<String>,
    #[serde(default)]
    pub byline: Option<String>,
    #[serde(default)]
    pub kind: Kind,
    #[serde(default)]
    pub paragraphs: Vec<String>,
    #[serde(default)]
    pub captions: Vec<String>,
}

/// One page (issue file) of a dump.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TreeIssue {
    pub source: String,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub date_inferred: bool,
    #[serde(default)]
    pub articles: Vec<TreeArticle>,
    #[serde(default)]
    pub fragments: Vec<String>,
}

/// A whole dump: `{"issues": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tree {
    pub issues: Vec<TreeIssue>,
}

impl From<&Page> for TreeIssue {
    fn from(p: &Page) -> TreeIssue {
        TreeIssue {
            source: p.source.clone(),
            date: p.date.map(|d| d.to_string()),
            date_inferred: p.date_inferred,
            articles: p
                .articles
                .iter()
                .map(|a| TreeArticle {
                    title: a.title.clone(),
                    title_inferred: a.title_inferred,
                    kicker: a.kicker.clone(),
                    subtitle: a.subtitle.clone(),
                    byline: a.byline.clone(),
                    kind: a.kind,
                    paragraphs: a.paragraphs.clone(),
                    captions: a.captions.clone(),
                })
                .collect(),
            fragments: p.fragments.clone(),
        }
    }
}

/// What the gold says of one item (every snippet compared folded, see [`fold`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GoldArticle {
    /// The printed headline; None when the page prints none.
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    /// Must occur within the first 80 characters of the item's byline + body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Must occur in the item's byline + body + captions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Must occur in the body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contains: Vec<String>,
    /// Each must begin a paragraph of the body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<String>,
    /// Each must be in the item's captions and not in its body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub captions: Vec<String>,
    /// Text that must be part of the headline (kicker, subtitle).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attached: Vec<String>,
    /// May be merged into a neighbour or stand alone.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
}

/// The gold of one page.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GoldIssue {
    /// `YYYY-MM-DD` when the page's date must be found (not inferred).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub articles: Vec<GoldArticle>,
}

/// A gold file: pages by file name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GoldFile {
    #[serde(default)]
    pub about: String,
    pub issues: BTreeMap<String, GoldIssue>,
}

/// True for the characters the scorer treats as white space.
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{3000}' | '\u{a0}' | '\u{feff}' | '\u{1c}'..='\u{1f}')
}

/// White space removed and NFKC-folded: the form in which every snippet is compared.
pub fn fold(s: &str) -> String {
    let stripped: String = s.chars().filter(|c| !is_space(*c)).collect();
    stripped.nfkc().collect()
}

/// [`fold`] of an optional field (None folds to "").
pub fn fold_opt(s: &Option<String>) -> String {
    s.as_deref().map(fold).unwrap_or_default()
}
