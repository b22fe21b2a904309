//! The user's archive: which files to open, and how loaded pages group into issues.

use crate::loader::{self, LoadError};
use crate::model::{Issue, Page};
use std::path::{Path, PathBuf};

/// Pages that loaded and files that did not.
#[derive(Debug, Default)]
pub struct Loaded {
    pub pages: Vec<Page>,
    pub errors: Vec<LoadError>,
}

/// Expands the user's PATH arguments into files: a file stands for itself, a
/// folder for every `*.txt` below it (recursively, sorted by path).
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut files, &mut errors),
            Ok(_) => files.push(p.clone()),
            Err(err) => errors.push(LoadError::Io { path: p.display().to_string(), err }),
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<LoadError>) {
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
        if p.is_dir() {
            walk(&p, files, errors);
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")) {
            files.push(p);
        }
    }
}

/// Loads every file named by `paths` (see [`collect_files`]).
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let (files, mut errors) = collect_files(paths);
    let mut pages = Vec::with_capacity(files.len());
    for f in &files {
        match loader::load_file(f) {
            Ok(p) => pages.push(p),
            Err(e) => errors.push(e),
        }
    }
    Loaded { pages, errors }
}

/// Groups pages into issues: pages of one date form one issue (in page
/// order, then by name); undated pages stand alone. Newest issue first,
/// undated ones last.
pub fn group(pages: Vec<Page>) -> Vec<Issue> {
    let mut issues: Vec<Issue> = Vec::new();
    for page in pages {
        let slot = match page.date {
            Some(d) => issues.iter_mut().find(|i| i.date == Some(d) && i.date_inferred == page.date_inferred),
            None => None,
        };
        match slot {
            Some(issue) => issue.pages.push(page),
            None => issues.push(Issue { date: page.date, date_inferred: page.date_inferred, pages: vec![page] }),
        }
    }
    for issue in &mut issues {
        issue.pages.sort_by(|a, b| a.page.unwrap_or(u32::MAX).cmp(&b.page.unwrap_or(u32::MAX)).then_with(|| a.source.cmp(&b.source)));
    }
    issues.sort_by(|a, b| match (a.date, b.date) {
        (Some(x), Some(y)) => y.cmp(&x).then_with(|| a.label().cmp(&b.label())),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.label().cmp(&b.label()),
    });
    issues
}
