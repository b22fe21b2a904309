//! Command line: `lvread [PATH…]`, `lvread dump --json`, `lvread search`.

use crate::archive;
use crate::loader;
use crate::model::Page;
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// A terminal reader for Chinese newspaper pages extracted from PDF.
#[derive(Debug, Parser)]
#[command(name = "lvread", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Options of the reader (no subcommand).
#[derive(Debug, Clone, Args, Default)]
pub struct ReadArgs {
    /// Issue files (text or PDF), or folders searched for *.txt and *.pdf (default: the bundled issues).
    pub paths: Vec<PathBuf>,
    /// Neither read nor write the reading state (read marks, bookmarks, position).
    #[arg(long)]
    pub no_state: bool,
    /// Print the default configuration as a commented TOML file and exit.
    #[arg(long)]
    pub print_config: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the issue/article tree of the pages.
    Dump {
        /// Print JSON (the only format for now).
        #[arg(long)]
        json: bool,
        /// Instead of the tree, show how each line was read (role, width, column).
        #[arg(long)]
        explain: bool,
        /// Issue files or folders (default: the bundled issues).
        paths: Vec<PathBuf>,
    },
    /// Search every page and print ranked hits.
    Search {
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// At most this many hits.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// What to look for: Hanzi, pinyin or initials.
        query: String,
        /// Issue files or folders (default: the bundled issues).
        paths: Vec<PathBuf>,
    },
}

/// Loads the pages named on the command line, or the bundled ones. Files that
/// fail are reported on stderr and skipped.
pub fn load_pages(paths: &[PathBuf]) -> Vec<Page> {
    load_pages_counting(paths).0
}

/// As [`load_pages`], also saying how many files or paths failed.
pub fn load_pages_counting(paths: &[PathBuf]) -> (Vec<Page>, usize) {
    if paths.is_empty() {
        return (loader::bundled(), 0);
    }
    let loaded = archive::load_paths(paths);
    for e in &loaded.errors {
        eprintln!("lvread: {e}");
    }
    (loaded.pages, loaded.errors.len())
}

/// The exit code when every path the user named failed: a script must see it.
fn nothing_loaded(pages: usize, failures: usize) -> ExitCode {
    if pages == 0 && failures > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// Runs the command line; returns the process's exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Dump { json: _, explain: true, paths }) => explain(&paths),
        Some(Command::Dump { json: _, explain: false, paths }) => dump(&paths),
        Some(Command::Search { json, limit, query, paths }) => crate::search::run_cli(&query, &paths, json, limit),
        None if cli.read.print_config => print_config(),
        None => crate::ui::run(&cli.read),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("lvread: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// True when an error comes from writing to a closed pipe (`lvread dump | head`).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>().and_then(|j| j.io_error_kind())
                == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// `lvread --print-config`: the default settings as a commented TOML file.
fn print_config() -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    out.write_all(crate::config::default_toml().as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `lvread dump --json`: the tree of every page as one JSON document.
fn dump(paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let (pages, failures) = load_pages_counting(paths);
    for p in &pages {
        for w in &p.warnings {
            let name = p.path.as_ref().map_or_else(|| p.source.clone(), |x| x.display().to_string());
            eprintln!("lvread: {}: {}", loader::decode::printable(&name), loader::decode::printable(w));
        }
    }
    #[derive(serde::Serialize)]
    struct Dump<'a> {
        issues: &'a [Page],
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    serde_json::to_writer_pretty(&mut out, &Dump { issues: &pages })?;
    writeln!(out)?;
    out.flush()?;
    Ok(nothing_loaded(pages.len(), failures))
}

/// `lvread dump --explain`: how the loader read each line of each page.
fn explain(paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let mut failures = 0usize;
    let mut pdfs: Vec<(String, String)> = Vec::new();
    let texts: Vec<(String, String)> = if paths.is_empty() {
        loader::BUNDLED.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect()
    } else {
        let (files, errors) = archive::collect_files(paths);
        for e in &errors {
            eprintln!("lvread: {e}");
        }
        failures += errors.len();
        let mut v = Vec::new();
        for f in files {
            let bytes = std::fs::read(&f).map_err(|e| e.to_string());
            if let Ok(b) = &bytes
                && (crate::pdf::is_pdf_path(&f) || crate::pdf::looks_like_pdf(b))
            {
                // A PDF: each line with its size, position and role.
                let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                match crate::pdf::explain(&name, b) {
                    Ok(text) => pdfs.push((f.display().to_string(), text)),
                    Err(e) => {
                        failures += 1;
                        eprintln!("lvread: {}: {e}", loader::decode::printable(&f.display().to_string()));
                    }
                }
                continue;
            }
            match bytes.and_then(|b| loader::decode::decode(&b)) {
                Ok(d) => v.push((f.display().to_string(), d.text)),
                Err(e) => {
                    failures += 1;
                    eprintln!("lvread: {}: {e}", loader::decode::printable(&f.display().to_string()));
                }
            }
        }
        v
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let count = texts.len() + pdfs.len();
    for (name, text) in texts {
        writeln!(out, "== {name}")?;
        out.write_all(loader::page::explain(&text).as_bytes())?;
    }
    for (name, text) in pdfs {
        writeln!(out, "== {name}")?;
        out.write_all(text.as_bytes())?;
    }
    out.flush()?;
    Ok(nothing_loaded(count, failures))
}
