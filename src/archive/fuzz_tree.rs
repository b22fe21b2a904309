//! Hostile folder trees from arbitrary bytes, for the fuzz target
//! (`fuzz/fuzz_targets/walk.rs`) and the property test (`tests/walk_props.rs`):
//! folders, pages, links to `.`, up to the root, to other folders and files,
//! to devices and to nothing, FIFOs. No link leaves the tree. [`check`] walks and loads such a tree and
//! says what broke the walk's promises (each file once, only regular files,
//! every page loaded or refused with a word, nothing left to hang on).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The names entries get (hidden and upper-case ones included).
const NAMES: &[&str] = &["a", "b", "p.txt", "q.txt", "R.TXT", ".h.txt", "sub", "x"];

/// The most entries a tree gets.
const MAX_ENTRIES: usize = 48;

/// Builds a tree under `root` from `data`, three bytes an entry: what it is,
/// its name, and where it goes or what it points to (page text follows a
/// page's entry). Errors of the file system (a name taken) are skipped.
#[cfg(unix)]
pub fn build(root: &Path, data: &[u8]) {
    use std::os::unix::fs::symlink;
    let mut dirs: Vec<PathBuf> = vec![root.to_path_buf()];
    let mut all: Vec<PathBuf> = vec![root.to_path_buf()];
    let mut bytes = data.iter().copied();
    for _ in 0..MAX_ENTRIES {
        let (Some(kind), Some(name), Some(target)) = (bytes.next(), bytes.next(), bytes.next()) else { break };
        let dir = &dirs[usize::from(target) % dirs.len()];
        let path = dir.join(NAMES[usize::from(name) % NAMES.len()]);
        // A name taken stays as it is (writing into a FIFO would block).
        if std::fs::symlink_metadata(&path).is_ok() {
            if kind % 8 == 1 || kind % 8 == 2 {
                let len = usize::from(bytes.next().unwrap_or(0));
                bytes.by_ref().take(len).for_each(drop);
            }
            continue;
        }
        let made = match kind % 8 {
            0 => std::fs::create_dir(&path).is_ok(),
            1 | 2 => {
                let len = usize::from(bytes.next().unwrap_or(0));
                let text: Vec<u8> = bytes.by_ref().take(len).collect();
                std::fs::write(&path, text).is_ok()
            }
            3 => symlink(".", &path).is_ok(),
            // Up to the root (not `..`, which from the root's own folder
            // would leave the tree).
            4 => symlink(root, &path).is_ok(),
            5 => symlink(&all[usize::from(target) % all.len()], &path).is_ok(),
            6 => symlink(["/dev/zero", "/dev/null", "missing"][usize::from(target) % 3], &path).is_ok(),
            _ => make_fifo(&path),
        };
        if made {
            if path.is_dir() {
                dirs.push(path.clone());
            }
            all.push(path);
        }
    }
}

#[cfg(unix)]
fn make_fifo(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else { return false };
    // SAFETY: `c` is a NUL-terminated path that lives across the call.
    unsafe { libc::mkfifo(c.as_ptr(), 0o644) == 0 }
}

/// Walks and loads the tree at `root` the way every command does; returns
/// what went wrong: a file listed twice (by device and inode), a listed
/// file that is not a regular file or not a page, a hidden one, a file that
/// neither loaded nor was refused, a message that could act on a terminal.
#[cfg(unix)]
pub fn check(root: &Path) -> Result<(), String> {
    use std::os::unix::fs::MetadataExt;
    let (files, errors) = super::collect_files(&[root.to_path_buf()]);
    let mut seen = HashSet::new();
    for f in &files {
        let m = std::fs::metadata(f).map_err(|e| format!("{}: listed but {e}", f.display()))?;
        if !m.is_file() {
            return Err(format!("{}: listed but not a regular file", f.display()));
        }
        if !seen.insert((m.dev(), m.ino())) {
            return Err(format!("{}: listed twice", f.display()));
        }
        if !super::has_known_extension(f) {
            return Err(format!("{}: not a page", f.display()));
        }
        let rel = f.strip_prefix(root).unwrap_or(f);
        if rel.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.')) {
            return Err(format!("{}: hidden", f.display()));
        }
    }
    let loaded = super::load_paths(&[root.to_path_buf()]);
    let reported = loaded.errors.len() + loaded.pages.len();
    if reported < files.len() + errors.len() {
        return Err(format!("{} files and {} errors, but only {reported} reported", files.len(), errors.len()));
    }
    for e in &loaded.errors {
        let shown = crate::text::printable(&e.to_string());
        if shown.chars().any(crate::text::is_terminal_unsafe) {
            return Err(format!("an error message could act on a terminal: {shown:?}"));
        }
    }
    Ok(())
}
