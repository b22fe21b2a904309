//! The loader: raw text of one newspaper page → [`Page`].
//!
//! Stages, each in its own module, in order: [`decode`] bytes to clean
//! text; [`columns`] unfolds columns an extractor printed side by side;
//! [`lines`] (with [`normalize`]) gives each line its role by its own form;
//! [`heads`] and the fitted [`line_model`] tell headline lines from body
//! lines; [`pieces`] groups lines into bodies, headline runs and captions;
//! [`segments`] makes one segment per article body, cut where [`boundary`]
//! scores a new item; [`joins`] joins and splits bodies (subheadings,
//! interrupted bodies, two articles in one body); [`units`] splits headline
//! runs into headlines; [`pairing`] pairs headlines and captions with bodies
//! by content ([`assign`]); [`article`] builds the articles, with
//! [`paragraphs`] reflowed and [`meta`] (kind, date); [`assemble`] runs them.

pub mod article;
pub mod assemble;
pub mod assign;
pub mod boundary;
pub mod columns;
pub mod decode;
pub mod heads;
pub mod joins;
pub mod line_model;
pub mod lines;
pub mod meta;
pub mod normalize;
pub mod order;
pub mod pairing;
pub mod paragraphs;
pub mod pieces;
pub mod segments;
pub mod units;
pub mod weights;

use crate::model::Page;
use std::path::Path;

/// Why a file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: cannot read: {err}", decode::printable(.path))]
    Io { path: String, err: std::io::Error },
    #[error("{}: not a text file ({why})", decode::printable(.path))]
    NotText { path: String, why: String },
    /// A PDF that could not be read (encrypted, damaged, no text layer …).
    #[error("{}: {why}", decode::printable(.path))]
    Pdf { path: String, why: String },
}

impl LoadError {
    /// The path or name of the file concerned.
    pub fn path(&self) -> &str {
        match self {
            LoadError::Io { path, .. } | LoadError::NotText { path, .. } | LoadError::Pdf { path, .. } => path,
        }
    }
}

/// The pages bundled with lvread (embedded in the binary).
pub const BUNDLED: &[(&str, &str)] = &[
    ("000_ca2976e5d243cd64.txt", include_str!("../../assets/000_ca2976e5d243cd64.txt")),
    ("001_4d857ae41072681f.txt", include_str!("../../assets/001_4d857ae41072681f.txt")),
    ("002_1102c3be27cc357c.txt", include_str!("../../assets/002_1102c3be27cc357c.txt")),
    ("003_db375bca74bf85d3.txt", include_str!("../../assets/003_db375bca74bf85d3.txt")),
    ("004_f29a86dd7812ed2b.txt", include_str!("../../assets/004_f29a86dd7812ed2b.txt")),
];

/// Loads the bundled pages.
pub fn bundled() -> Vec<Page> {
    BUNDLED.iter().map(|(name, text)| load_text(name, text, Vec::new())).collect()
}

/// Loads one file from disk.
pub fn load_file(path: &Path) -> Result<Page, LoadError> {
    let shown = path.display().to_string();
    let bytes = crate::files::read_page(path).map_err(|err| LoadError::Io { path: shown.clone(), err })?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(shown.clone());
    let mut page = load_bytes(&name, &bytes).map_err(|e| match e {
        LoadError::NotText { why, .. } => LoadError::NotText { path: shown.clone(), why },
        other => other,
    })?;
    page.path = Some(path.to_path_buf());
    Ok(page)
}

/// Loads a page from raw bytes; `name` is the file name it came from.
pub fn load_bytes(name: &str, bytes: &[u8]) -> Result<Page, LoadError> {
    let decoded = decode::decode(bytes).map_err(|why| LoadError::NotText { path: name.to_string(), why })?;
    Ok(build(name, &decoded.text, decoded.warnings))
}

/// Loads a page from text that is already decoded (it is still cleaned of
/// control characters).
pub fn load_text(name: &str, text: &str, warnings: Vec<String>) -> Page {
    build(name, &decode::clean(text), warnings)
}

/// Builds the page from clean text.
fn build(name: &str, text: &str, mut warnings: Vec<String>) -> Page {
    // Columns set side by side (`pdftotext -layout`) are read one by one.
    let unfolded = columns::unfold(text);
    // Runs of lines an extractor read out of order go back to their thread
    // (a page unfolded column by column is in its reading order already).
    let ordered = if unfolded.is_some() { None } else { order::restore(text) };
    let text = unfolded.as_deref().unwrap_or(text);
    let assembled = assemble::assemble(ordered.as_deref().unwrap_or(text));
    // A file name is data too: no control characters or escapes in it.
    let mut page = Page {
        source: decode::clean(name),
        articles: assembled.articles,
        fragments: assembled.fragments,
        ..Page::default()
    };
    if page.articles.is_empty() && page.fragments.is_empty() {
        warnings.push("the file holds no text".to_string());
    }
    meta::assign_ids(&mut page);
    // The date in the file name, else the one printed in the page's
    // banner, else a guess from the articles' datelines.
    match meta::date_from_name(name).or_else(|| meta::date_from_banner(&page.fragments)) {
        Some(d) => page.date = Some(d),
        None => {
            page.date = meta::infer_date(&page.articles);
            page.date_inferred = page.date.is_some();
        }
    }
    page.warnings = warnings;
    page
}
