//! The reader (ratatui + crossterm). The only module that knows ratatui.

use crate::cli::ReadArgs;
use std::process::ExitCode;

/// Runs the full-screen reader.
pub fn run(args: &ReadArgs) -> anyhow::Result<ExitCode> {
    let pages = crate::cli::load_pages(&args.paths);
    let issues = crate::archive::group(pages);
    for i in &issues {
        println!("{}  {}  {} articles", i.label(), i.lead_title().unwrap_or(""), i.article_count());
    }
    Ok(ExitCode::SUCCESS)
}
