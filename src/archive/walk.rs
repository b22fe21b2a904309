//! Which files to open: the user's paths expanded, folders walked for the
//! file types lvread reads ([`EXTENSIONS`]).

use crate::loader::LoadError;
use std::path::{Path, PathBuf};

/// The file extensions (lower case) picked up when a folder is walked: the
/// one list of the formats [`super::load_file`] reads.
pub const EXTENSIONS: &[&str] = &["txt", "pdf"];

/// True when `path` has one of the [`EXTENSIONS`] (in any case).
pub fn has_known_extension(path: &Path) -> bool {
    path.extension().is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Expands the user's PATH arguments into files: a file stands for itself, a
/// folder for every file with one of the [`EXTENSIONS`] below it (recursively, sorted by path). Folders
/// that cannot be read are reported, the rest are walked.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut files, &mut errors, 0),
            Ok(_) => files.push(p.clone()),
            Err(err) => errors.push(LoadError::Io { path: p.display().to_string(), err }),
        }
    }
    (files, errors)
}

/// Deepest folder nesting followed (guards against symlink loops).
const MAX_DEPTH: usize = 32;

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<LoadError>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(err) => {
            errors.push(LoadError::Io { path: dir.display().to_string(), err });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, files, errors, depth + 1);
        } else if has_known_extension(&p) {
            files.push(p);
        }
    }
}
