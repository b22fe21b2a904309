//! `lvread dump`: the issue/article tree as JSON, or how each line was read.

use super::{load_pages_counting, nothing_loaded};
use crate::archive;
use crate::loader;
use crate::model::Page;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// `lvread dump --json`: the tree of every page as one JSON document.
pub fn dump(paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let (pages, failures) = load_pages_counting(paths);
    for p in &pages {
        for w in &p.warnings {
            let name = p.path.as_ref().map_or_else(|| p.source.clone(), |x| x.display().to_string());
            crate::text::report(format_args!("{name}: {w}"));
        }
    }
    #[derive(serde::Serialize)]
    struct Dump<'a> {
        issues: &'a [Page],
    }
    let json = serde_json::to_string_pretty(&Dump { issues: &pages })?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    writeln!(out, "{}", crate::text::json_safe(&json))?;
    out.flush()?;
    Ok(nothing_loaded(pages.len(), failures))
}

/// `lvread dump --explain`: how the loader read each line of each page.
pub fn explain(paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let mut failures = 0usize;
    let mut pdfs: Vec<(String, String)> = Vec::new();
    let texts: Vec<(String, String)> = if paths.is_empty() {
        loader::BUNDLED.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect()
    } else {
        let (files, errors) = archive::collect_files(paths);
        for e in &errors {
            crate::text::report(e);
        }
        failures += errors.len();
        let mut v = Vec::new();
        for f in files {
            let bytes = if crate::pdf::is_pdf_path(&f) {
                crate::files::read_regular(&f, crate::pdf::MAX_FILE_BYTES, "a PDF")
            } else {
                crate::files::read_page(&f)
            }
            .map_err(|e| e.to_string());
            if let Ok(b) = &bytes
                && (crate::pdf::is_pdf_path(&f) || crate::pdf::looks_like_pdf(b))
            {
                // A PDF: each line with its size, position and role.
                let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                match crate::pdf::explain(&name, b) {
                    Ok(text) => pdfs.push((f.display().to_string(), text)),
                    Err(e) => {
                        failures += 1;
                        crate::text::report(format_args!("{}: {e}", f.display()));
                    }
                }
                continue;
            }
            match bytes.and_then(|b| loader::decode::decode(&b)) {
                Ok(d) => v.push((f.display().to_string(), d.text)),
                Err(e) => {
                    failures += 1;
                    crate::text::report(format_args!("{}: {e}", f.display()));
                }
            }
        }
        v
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let count = texts.len() + pdfs.len();
    for (name, text) in texts {
        writeln!(out, "== {}", crate::text::printable(&name))?;
        // Columns set side by side are explained as the loader reads them: one by one;
        // runs of lines read out of order as the loader puts them back.
        let text = match loader::columns::unfold(&text) {
            Some(unfolded) => {
                writeln!(out, "-- columns side by side, read one after another")?;
                unfolded
            }
            None => match loader::order::restore(&text) {
                Some(ordered) => {
                    writeln!(
                        out,
                        "-- runs of lines put back in reading order (line numbers are the reordered text's)"
                    )?;
                    ordered
                }
                None => text,
            },
        };
        out.write_all(crate::text::printable_lines(&loader::assemble::explain(&text)).as_bytes())?;
    }
    for (name, text) in pdfs {
        writeln!(out, "== {}", crate::text::printable(&name))?;
        out.write_all(crate::text::printable_lines(&text).as_bytes())?;
    }
    out.flush()?;
    Ok(nothing_loaded(count, failures))
}
