//! Reading e-paper PDFs directly: glyphs and their geometry → the same
//! [`Page`] tree the text loader builds.
//!
//! Stages: [`extract`] runs the engine (hayro, pure Rust) and collects each
//! glyph with its position and size → [`clean`] resolves and folds the text
//! → [`lines`] groups glyphs into lines → [`layout`] reads columns, blocks and
//! roles and builds the articles. Every page is bounded (glyphs, drawing
//! operations, unpacked content size) and the engine runs under
//! `catch_unwind`, so a hostile file costs one error message.

pub mod clean;
pub mod extract;
pub mod guard;
pub mod layout;
pub mod lines;

use crate::model::Page;
use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

/// Files larger than this are not opened (bytes).
pub const MAX_FILE_BYTES: u64 = 512 << 20;
/// At most this many pages are read from one file; the rest are reported.
pub const MAX_PAGES: usize = 5000;

/// The message for a page without a text layer.
pub const NO_TEXT_LAYER: &str = "no text layer: this page is an image; run OCR first";

/// Why a PDF could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    #[error("the PDF is encrypted (password-protected); lvread cannot open it")]
    Encrypted,
    #[error("not a readable PDF (damaged or truncated)")]
    Malformed,
    #[error("the PDF has no pages")]
    NoPages,
    #[error("{0}")]
    NoText(String),
    #[error("the file is too large ({0} MB; at most {max} MB)", max = MAX_FILE_BYTES >> 20)]
    TooLarge(u64),
    #[error("the PDF engine failed on this file")]
    EngineFailed,
}

/// True when the bytes start like a PDF (`%PDF-` within the first KB, as readers allow).
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-")
}

/// True when the file names an encryption dictionary (`/Encrypt`).
fn mentions_encryption(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|w| w == b"/Encrypt")
}

/// True when the path names a PDF by its extension.
pub fn is_pdf_path(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// One page read from a PDF, with how its lines were read (for `dump --explain`).
#[derive(Debug, Clone)]
pub struct ReadPage {
    pub page: Page,
    pub layout: layout::Layout,
}

/// Reads every page of a PDF held in memory. `name` is the file name (for
/// the pages' `source`, ids and date). A page that cannot be read (no text
/// layer, too large, engine failure) comes back empty with a warning; the
/// whole file fails only when it cannot be opened or no page has text.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Vec<ReadPage>, PdfError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(PdfError::TooLarge(bytes.len() as u64 >> 20));
    }
    let data = bytes.to_vec();
    let opened = catch_unwind(AssertUnwindSafe(|| Pdf::new(data))).map_err(|_| PdfError::EngineFailed)?;
    let pdf = match opened {
        Ok(p) => p,
        Err(LoadPdfError::Decryption(_)) => return Err(PdfError::Encrypted),
        // An encryption dictionary the engine could not even get past.
        Err(LoadPdfError::Invalid) if mentions_encryption(bytes) => return Err(PdfError::Encrypted),
        Err(LoadPdfError::Invalid) => return Err(PdfError::Malformed),
    };
    let pages = catch_unwind(AssertUnwindSafe(|| pdf.pages().len())).map_err(|_| PdfError::EngineFailed)?;
    if pages == 0 {
        return Err(PdfError::NoPages);
    }
    let mut out = Vec::with_capacity(pages.min(MAX_PAGES));
    let mut texts = 0usize;
    // Fonts and CMaps parsed once per file, not once per page.
    let cache = hayro_interpret::InterpreterCache::new();
    for i in 0..pages.min(MAX_PAGES) {
        let number = i as u32 + 1;
        let mut warnings = Vec::new();
        let read = catch_unwind(AssertUnwindSafe(|| read_page(&pdf, i, &cache)))
            .unwrap_or_else(|_| Err("the PDF engine failed on this page".to_string()));
        let (mut page, layout) = match read {
            Ok((layout, mut w)) => {
                warnings.append(&mut w);
                (page_from(&layout), layout)
            }
            Err(why) => {
                warnings.push(why);
                (Page::default(), layout::Layout::default())
            }
        };
        if !page.articles.is_empty() || !page.fragments.is_empty() {
            texts += 1;
        }
        page.source = crate::loader::decode::clean(name);
        // A one-page file takes its number from its name (see the archive).
        page.page = (pages > 1).then_some(number);
        if pages > 1 {
            page.warnings.extend(warnings.into_iter().map(|w| format!("page {number}: {w}")));
        } else {
            page.warnings.extend(warnings);
        }
        crate::loader::meta::assign_ids(&mut page);
        // (Per PDF page: its banner may print the date the name does not give.)
        crate::loader::meta::date_page(name, &mut page);
        out.push(ReadPage { page, layout });
    }
    if pages > MAX_PAGES
        && let Some(last) = out.last_mut()
    {
        last.page.warnings.push(format!("only the first {MAX_PAGES} of {pages} pages were read"));
    }
    if texts == 0 {
        let why = out
            .iter()
            .flat_map(|p| p.page.warnings.first())
            .next()
            .cloned()
            .unwrap_or_else(|| NO_TEXT_LAYER.to_string());
        return Err(PdfError::NoText(if pages > 1 { format!("no page has text ({why})") } else { why }));
    }
    Ok(out)
}

/// Reads a PDF file's pages.
pub fn load_file(path: &Path) -> Result<Vec<Page>, String> {
    // A regular file only (a FIFO or a device named *.pdf is refused at once).
    let bytes = crate::files::read_regular(path, MAX_FILE_BYTES, "a PDF").map_err(|e| format!("cannot read: {e}"))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let pages = read_bytes(&name, &bytes).map_err(|e| e.to_string())?;
    Ok(pages
        .into_iter()
        .map(|r| {
            let mut p = r.page;
            p.path = Some(path.to_path_buf());
            p
        })
        .collect())
}

/// How each line of each page was read: size, position, role.
pub fn explain(name: &str, bytes: &[u8]) -> Result<String, PdfError> {
    use std::fmt::Write;
    let pages = read_bytes(name, bytes)?;
    let mut s = String::new();
    for r in &pages {
        let _ = writeln!(
            s,
            "-- page {} (body {:.1} pt){}",
            r.page.page.unwrap_or(0),
            r.layout.body_size,
            r.page.warnings.iter().map(|w| format!("; {w}")).collect::<String>()
        );
        for (l, role) in &r.layout.lines {
            let _ = writeln!(
                s,
                "{:>9} {:5.1}pt x {:6.1}-{:6.1} y {:7.1}{} | {}",
                role.name(),
                l.size,
                l.x0,
                l.x1,
                l.y,
                if l.bold { " bold" } else { "" },
                crate::loader::decode::clean(&l.text)
            );
        }
    }
    Ok(s)
}

fn page_from(layout: &layout::Layout) -> Page {
    Page { articles: layout.articles.clone(), fragments: layout.fragments.clone(), ..Page::default() }
}

/// Reads one page: the layout and the warnings, or why nothing could be read.
fn read_page<'a>(
    pdf: &'a Pdf,
    index: usize,
    cache: &hayro_interpret::InterpreterCache<'a>,
) -> Result<(layout::Layout, Vec<String>), String> {
    let page = pdf.pages().get(index).ok_or_else(|| "the page is missing".to_string())?;
    if let Some(why) = guard::check(page) {
        return Err(why);
    }
    let raw = extract::page(page, cache);
    let mut warnings = Vec::new();
    if raw.truncated {
        warnings.push("the page draws too much; only its first part was read".to_string());
    }
    let (mut glyphs, unreadable) = clean::resolve(&raw);
    if glyphs.iter().all(|g| g.text.as_deref().is_none_or(|t| t.trim().is_empty())) {
        return Err(if unreadable > 0 {
            "the page's fonts have no Unicode map lvread can read; its text is lost".to_string()
        } else {
            NO_TEXT_LAYER.to_string()
        });
    }
    if unreadable * 10 > glyphs.len() {
        warnings.push(format!("{unreadable} glyphs had no readable text"));
    }
    clean::drop_doubles(&mut glyphs);
    let lines = lines::lines(&glyphs, &raw.fonts, &raw.rules);
    Ok((layout::read(lines), warnings))
}
