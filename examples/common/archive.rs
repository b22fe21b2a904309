//! A synthetic archive on disk for the benchmarks: pages
//! `lvread::synth::page(k, seed)` for `k` in `0..n`, in folders of
//! `per_folder` pages (`block00`, `block01`, …), written once.

use std::io;
use std::path::Path;

/// Writes the archive under `root` unless a complete one with the same
/// `n` and `seed` is there, and returns its text size in bytes. A hidden
/// marker file (which the reader's folder walk skips) records that the
/// archive is complete and its size, so an interrupted run writes it again.
pub fn write_archive(root: &Path, n: usize, seed: u64, per_folder: usize, who: &str) -> io::Result<u64> {
    let done = root.join(format!(".complete-{n}-{seed}"));
    if let Ok(s) = std::fs::read_to_string(&done)
        && let Ok(bytes) = s.trim().parse()
    {
        return Ok(bytes);
    }
    let per_folder = per_folder.max(1);
    let mut bytes = 0u64;
    for k in 0..n {
        let folder = root.join(format!("block{:02}", k / per_folder));
        if k % per_folder == 0 {
            std::fs::create_dir_all(&folder)?;
            if n > per_folder {
                eprintln!("{who}: writing pages {k}..");
            }
        }
        let (name, text) = lvread::synth::page(k, seed);
        bytes += text.len() as u64;
        std::fs::write(folder.join(name), text)?;
    }
    std::fs::write(&done, bytes.to_string())?;
    Ok(bytes)
}
