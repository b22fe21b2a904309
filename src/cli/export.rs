//! `lvread export`: articles or whole issues as plain text or Markdown, for scripts.

use super::{load_pages_counting, nothing_loaded};
use crate::archive;
use crate::export::{self, Format};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Prints every article of the pages at `paths` (the bundled ones when
/// empty), issue by issue, newest first, in page order — or only those
/// whose id is in `ids` (ids as `lvread dump --json` and `lvread search
/// --json` give them). Fails when `ids` names an article not found.
pub fn run(paths: &[PathBuf], format: Format, ids: &[String]) -> anyhow::Result<ExitCode> {
    let (pages, failures) = load_pages_counting(paths);
    let loaded = pages.len();
    let issues = archive::group(pages);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut found = Vec::new();
    let mut first = true;
    for issue in &issues {
        for page in &issue.pages {
            for a in &page.articles {
                if !ids.is_empty() && !ids.contains(&a.id) {
                    continue;
                }
                if !first {
                    out.write_all(export::separator(format).as_bytes())?;
                }
                first = false;
                out.write_all(export::article(a, page, format).as_bytes())?;
                found.push(a.id.as_str());
            }
        }
    }
    out.flush()?;
    let missing: Vec<&String> = ids.iter().filter(|id| !found.contains(&id.as_str())).collect();
    for id in &missing {
        eprintln!("lvread: no article with id {}", crate::text::printable(id));
    }
    if !missing.is_empty() {
        return Ok(ExitCode::FAILURE);
    }
    Ok(nothing_loaded(loaded, failures))
}
