//! Search over every loaded page.

use std::path::PathBuf;
use std::process::ExitCode;

/// `lvread search`: prints ranked hits.
pub fn run_cli(_query: &str, _paths: &[PathBuf], _json: bool, _limit: usize) -> anyhow::Result<ExitCode> {
    anyhow::bail!("search is not built yet")
}
