//! Command line: `lvread [PATH…]`, `lvread dump --json`, `lvread search`, `lvread export`.
//!
//! The top floor: parses the arguments with clap and hands plain values to
//! the library. Nothing below this module imports it.
//!
//! - [`read`]: the reader (`lvread [PATH…]`, `--print-config`);
//! - [`dump`]: `lvread dump --json` / `--explain`;
//! - [`search`]: `lvread search`;
//! - [`export`]: `lvread export`.

pub mod dump;
pub mod export;
pub mod read;
pub mod search;

pub use read::ReadArgs;

use crate::archive;
use crate::loader;
use crate::model::Page;
use clap::{Parser, Subcommand};
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
    /// Neither read nor write the page cache (parse every file).
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Refuse page files larger than this many MiB (default 16).
    #[arg(long, global = true, value_name = "MIB", value_parser = clap::value_parser!(u64).range(1..=1_048_576))]
    pub max_page_size: Option<u64>,
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
    /// Print articles (or whole issues) as plain text or Markdown.
    Export {
        /// Markdown: `#` headlines, escaped text.
        #[arg(long, conflicts_with = "text")]
        markdown: bool,
        /// Plain text (the default).
        #[arg(long)]
        text: bool,
        /// Only the article with this id (as `dump --json` and `search --json` give it); repeatable.
        #[arg(long = "id", value_name = "ID")]
        ids: Vec<String>,
        /// Issue files or folders (default: the bundled issues).
        paths: Vec<PathBuf>,
    },
    /// Show where the page cache is and how many pages it holds.
    Cache {
        /// Delete the page cache.
        #[arg(long)]
        clear: bool,
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
        crate::text::report(e);
    }
    (loaded.pages, loaded.errors.len())
}

/// The exit code when every path the user named failed: a script must see it.
pub(crate) fn nothing_loaded(pages: usize, failures: usize) -> ExitCode {
    if pages == 0 && failures > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// Runs the command line; returns the process's exit code.
pub fn run() -> ExitCode {
    crate::memory::limit_malloc_arenas();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    if let Some(mib) = cli.max_page_size {
        crate::files::set_page_limit(mib << 20);
    }
    let use_cache = !cli.no_cache && !matches!(cli.command, Some(Command::Cache { .. }));
    if let Some(notice) = crate::cache::init(use_cache) {
        crate::text::report(notice);
    }
    let result = match cli.command {
        Some(Command::Cache { clear }) => cache_command(clear),
        Some(Command::Dump { json: _, explain: true, paths }) => dump::explain(&paths),
        Some(Command::Dump { json: _, explain: false, paths }) => dump::dump(&paths),
        Some(Command::Search { json, limit, query, paths }) => search::run(&query, &paths, json, limit),
        Some(Command::Export { markdown, text: _, ids, paths }) => {
            let format = if markdown { crate::export::Format::Markdown } else { crate::export::Format::Text };
            export::run(&paths, format, &ids)
        }
        None if cli.read.print_config => read::print_config(),
        None => read::run(&cli.read),
    };
    if let Some(notice) = crate::cache::shared().and_then(|c| c.take_notice()) {
        eprintln!("lvread: {notice}");
    }
    match result {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            crate::text::report(format_args!("{e:#}"));
            ExitCode::FAILURE
        }
    }
}

/// Prints clap's message (an error, `--help`, `--version`) as plain text,
/// made printable: an argument echoed back (a file name from a glob) cannot
/// carry an escape sequence to the terminal.
fn usage_error(e: &clap::Error) -> ExitCode {
    let text = crate::text::printable_lines(&e.render().to_string());
    let written = if e.use_stderr() {
        std::io::Write::write_all(&mut std::io::stderr(), text.as_bytes())
    } else {
        std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes())
    };
    if written.is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// `lvread cache [--clear]`.
fn cache_command(clear: bool) -> anyhow::Result<ExitCode> {
    let Some(path) = crate::cache::default_path() else {
        anyhow::bail!("no cache directory on this system (set {})", crate::cache::CACHE_DIR_ENV);
    };
    if clear {
        match crate::cache::clear()? {
            Some(p) => println!("deleted the page cache {}", crate::text::printable(&p.display().to_string())),
            None => println!("no page cache at {}", crate::text::printable(&path.display().to_string())),
        }
        return Ok(ExitCode::SUCCESS);
    }
    if !path.exists() {
        println!("no page cache at {} yet", crate::text::printable(&path.display().to_string()));
        return Ok(ExitCode::SUCCESS);
    }
    let cache = crate::cache::PageCache::open(&path, crate::cache::LOADER_VERSION)?;
    if let Some(notice) = cache.take_notice() {
        crate::text::report(notice);
    }
    let parts = std::fs::read_dir(cache.parts_dir()).into_iter().flatten().flatten();
    let bytes =
        crate::cache::db::files_of(&path).iter().filter_map(|p| p.metadata().ok()).map(|m| m.len()).sum::<u64>()
            + parts.filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum::<u64>();
    let shown = crate::text::printable(&path.display().to_string());
    println!("page cache {shown}: {} pages, {:.1} MB", cache.len(), bytes as f64 / 1_048_576.0);
    Ok(ExitCode::SUCCESS)
}

/// True when an error comes from writing to a closed pipe (`lvread dump | head`).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>().and_then(|j| j.io_error_kind())
                == Some(std::io::ErrorKind::BrokenPipe)
    })
}
