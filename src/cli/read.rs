//! `lvread [PATH…]`: the reader's options, and `--print-config`.

use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of the reader (no subcommand).
#[derive(Debug, Clone, Args, Default)]
pub struct ReadArgs {
    /// Issue files, or folders searched for *.txt (default: the bundled issues).
    pub paths: Vec<PathBuf>,
    /// Neither read nor write the reading state (read marks, bookmarks, position).
    #[arg(long)]
    pub no_state: bool,
    /// Print the default configuration as a commented TOML file and exit.
    #[arg(long)]
    pub print_config: bool,
}

/// `lvread --print-config`: the default settings as a commented TOML file.
pub fn print_config() -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    out.write_all(crate::config::default_toml().as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
