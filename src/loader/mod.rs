//! The loader: raw text of one newspaper page → [`Page`].
//!
//! Stages, each in its own module, in order: [`decode`] bytes to clean
//! text; [`runs`] joins printed lines an extractor broke at their spaces;
//! [`columns`] unfolds columns an extractor printed side by side;
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
pub mod params;
pub mod pieces;
pub mod runs;
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

/// A page's text read up to the steps the boundary weights and thresholds
/// ([`params::Params`]) weigh: what a fitter reads once per page, then
/// loads with each candidate table ([`load_prepared`]).
pub struct Prepared(assemble::Read);

/// Reads text that is already decoded (it is still cleaned of control
/// characters, as [`load_text`] does) up to the steps [`params::Params`]
/// weighs.
pub fn prepare(text: &str) -> Prepared {
    let clean = decode::clean(text);
    let (unfolded, ordered) = reading_order(&clean, &order::Knobs::COMMITTED);
    let text = ordered.as_deref().or(unfolded.as_deref()).unwrap_or(&clean);
    Prepared(assemble::Read::of(text))
}

/// Loads a [`Prepared`] page (`name`: the file name it came from) with the
/// boundary weights and thresholds `p`: with [`params::Params::COMMITTED`],
/// the page [`load_text`] gives. Every boundary weighed is pushed to
/// `every` when given ([`assemble::assemble_with`]).
pub fn load_prepared(
    name: &str,
    prepared: &Prepared,
    p: &params::Params,
    every: Option<&mut Vec<boundary::Boundary>>,
) -> Page {
    finish(name, assemble::assemble_with(&prepared.0, p, every), Vec::new())
}

/// Builds the page from clean text.
fn build(name: &str, text: &str, warnings: Vec<String>) -> Page {
    build_ordered(name, text, warnings, &order::Knobs::COMMITTED)
}

/// [`build`] with the reading-order stage's numbers `k`.
fn build_ordered(name: &str, text: &str, warnings: Vec<String>, k: &order::Knobs) -> Page {
    let (unfolded, ordered) = reading_order(text, k);
    let text = ordered.as_deref().or(unfolded.as_deref()).unwrap_or(text);
    finish(name, assemble::assemble(text), warnings)
}

/// Clean text in reading order: printed lines an extractor broke at their
/// spaces joined again ([`runs`]), then columns set side by side
/// (`pdftotext -layout`) unfolded and read one by one (the first value:
/// the unfolded text, or else the rejoined one), or else runs of lines an
/// extractor read out of order put back in their thread with the numbers
/// `k` (the second; a page unfolded column by column is in its reading
/// order already). `None` where nothing changes.
fn reading_order(text: &str, k: &order::Knobs) -> (Option<String>, Option<String>) {
    let rejoined = runs::rejoin(text);
    let text = rejoined.as_deref().unwrap_or(text);
    let unfolded = columns::unfold(text);
    let ordered = if unfolded.is_some() { None } else { order::restore_with(text, k) };
    (unfolded.or(rejoined), ordered)
}

/// What the reading-order stage makes of decoded `text` with the numbers
/// `k` (a fitter's candidate, `examples/fit_order.rs`): the runs it moves
/// back to their thread, `None` when it moves none (or the page's columns
/// are unfolded instead, which `k` does not weigh).
pub fn ordered_with(text: &str, k: &order::Knobs) -> Option<String> {
    reading_order(&decode::clean(text), k).1
}

/// Loads decoded text as [`load_text`] does, with the reading-order
/// stage's numbers `k` (with [`order::Knobs::COMMITTED`], [`load_text`]'s
/// page).
pub fn load_text_ordered(name: &str, text: &str, k: &order::Knobs) -> Page {
    build_ordered(name, &decode::clean(text), Vec::new(), k)
}

/// The page of the `assembled` articles: ids, date, warnings.
fn finish(name: &str, assembled: assemble::Assembled, mut warnings: Vec<String>) -> Page {
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
    meta::date_page(name, &mut page);
    page.warnings = warnings;
    page
}

#[cfg(test)]
mod tests {
    use super::params::Params;
    use super::*;

    /// The bundled pages and the hand-written test pages.
    fn pages() -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = BUNDLED.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages");
        let mut files: Vec<_> = std::fs::read_dir(&dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files {
            if let (Some(name), Ok(text)) = (f.file_name(), std::fs::read_to_string(&f)) {
                out.push((name.to_string_lossy().into_owned(), text));
            }
        }
        out
    }

    #[test]
    fn a_prepared_page_loads_with_the_committed_table_as_load_text_loads_it() {
        let pages = pages();
        assert!(pages.len() > 50, "{}", pages.len());
        for (name, text) in &pages {
            let prepared = prepare(text);
            let mut every = Vec::new();
            let p = load_prepared(name, &prepared, &Params::COMMITTED, Some(&mut every));
            assert_eq!(p, load_text(name, text, Vec::new()), "{name}");
            assert_eq!(load_prepared(name, &prepared, &Params::default(), None), p, "{name}");
        }
    }

    #[test]
    fn the_boundary_weights_passed_are_the_ones_weighed() {
        // A notice signed and dated, then an item in a column of another
        // width: the closing date and the width change pay for the gap.
        let text = "临县文化和旅游局关于开放冬季滑雪场的公告\n\n为丰富群众冬季文体生活，经研究决定，湫水河畔滑雪场\n自本月二十日起对外开放，现将有关事项公告如下：\n一、开放时间为每日上午九时至下午五时，周一闭馆检修。\n二、游客须服从工作人员指挥，注意安全，文明游览。\n特此公告。\n\n临县文化和旅游局\n\n2024年12月16日\n\n兴县农技人员连日来走进各乡镇的\n温室大棚，手把手指导农户做好越\n冬蔬菜的保温防冻工作，帮助群众\n稳产增收，确保元旦春节期间蔬菜\n供应充足，价格平稳。\n";
        let prepared = prepare(text);
        let mut every = Vec::new();
        let committed = load_prepared("t.txt", &prepared, &Params::COMMITTED, Some(&mut every));
        assert_eq!(committed.articles.len(), 2);
        assert!(every.iter().any(|b| b.starts()), "{every:?}");
        // A gap made dearer than all its evidence: the item runs on.
        let mut dear = Params::COMMITTED;
        dear.weights[boundary::Term::Gap as usize] = -1000.0;
        let joined = load_prepared("t.txt", &prepared, &dear, None);
        assert_eq!(joined.articles.len(), 1, "{:?}", joined.articles);
    }
}
