//! The user's archive: which files to open, what their paths say (date, page
//! number), loading them in parallel in the background, and how loaded pages
//! group into issues.
//!
//! Dates come from file names (`2023-11-04…`, `20231104…`, `2023年11月4日…`)
//! or from folders (`2023/11/04/`, `2023-11/04/`, `20231104/`); page numbers
//! from file names (`…_p03.txt`, `第3版`, `03.txt`, `2023-11-04_03.txt`).

use crate::loader::{self, LoadError};
use crate::model::{Date, Issue, Page};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

/// Pages that loaded and files that did not.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The pages that loaded, in path order.
    pub pages: Vec<Page>,
    /// The files (and folders) that could not be loaded.
    pub errors: Vec<LoadError>,
}

/// Expands the user's PATH arguments into files: a file stands for itself, a
/// folder for every `*.txt` below it (recursively, sorted by path). Folders
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
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")) || crate::pdf::is_pdf_path(&p) {
            files.push(p);
        }
    }
}

// ---------------------------------------------------------------- dates and page numbers

/// Runs of ASCII digits in `s` with their byte offsets.
fn digit_runs(s: &str) -> Vec<(usize, &str)> {
    let b = s.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((start, &s[start..i]));
        } else {
            i += 1;
        }
    }
    runs
}

fn num(s: &str) -> Option<u32> {
    s.parse().ok()
}

/// A date written in a file name: `2023-11-04`, `2023_11_04`, `2023.11.4`,
/// `20231104`, `2023年11月4日`. The first valid one wins.
pub fn date_from_name(name: &str) -> Option<Date> {
    date_span(name).map(|(d, _)| d)
}

/// [`date_from_name`] and the byte offset where the date's text ends.
fn date_span(name: &str) -> Option<(Date, usize)> {
    let runs = digit_runs(name);
    for (k, &(start, run)) in runs.iter().enumerate() {
        if run.len() == 8 {
            if let Some(d) = Date::new(num(&run[..4])?, num(&run[4..6])?, num(&run[6..])?) {
                return Some((d, start + 8));
            }
            continue;
        }
        if run.len() != 4 || k + 2 >= runs.len() {
            continue;
        }
        let (s2, m) = runs[k + 1];
        let (s3, d) = runs[k + 2];
        let sep1 = &name[start + 4..s2];
        let sep2 = &name[s2 + m.len()..s3];
        let ok_sep = |sep: &str, cn: &str| matches!(sep, "-" | "_" | "." | " ") || sep == cn;
        if m.len() <= 2
            && d.len() <= 2
            && ok_sep(sep1, "年")
            && ok_sep(sep2, "月")
            && (sep1 == "年") == (sep2 == "月")
            && let Some(date) = Date::new(num(run)?, num(m)?, num(d)?)
        {
            return Some((date, s3 + d.len()));
        }
    }
    None
}

/// A date given by the folders a file is in: `2023/11/04/`, `2023/1104/`,
/// `2023-11/04/`, or one folder named like a dated file (`2023-11-04/`,
/// `20231104/`). The nearest folders win.
pub fn date_from_folders(path: &Path) -> Option<Date> {
    let dirs: Vec<String> = path
        .parent()?
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    for end in (1..=dirs.len()).rev() {
        let last = &dirs[end - 1];
        // y/m/d
        if end >= 3 {
            let (y, m, d) = (&dirs[end - 3], &dirs[end - 2], last);
            if y.len() == 4
                && all_digits(y)
                && m.len() <= 2
                && all_digits(m)
                && d.len() <= 2
                && all_digits(d)
                && let Some(date) = Date::new(num(y)?, num(m)?, num(d)?)
            {
                return Some(date);
            }
        }
        if end >= 2 {
            let prev = &dirs[end - 2];
            // y/mmdd
            if prev.len() == 4
                && all_digits(prev)
                && last.len() == 4
                && all_digits(last)
                && let Some(date) = Date::new(num(prev)?, num(&last[..2])?, num(&last[2..])?)
            {
                return Some(date);
            }
            // y-m/d
            if last.len() <= 2 && all_digits(last) {
                let runs = digit_runs(prev);
                if runs.len() == 2
                    && runs[0].1.len() == 4
                    && runs[1].1.len() <= 2
                    && prev.len() <= 8
                    && let Some(date) = Date::new(num(runs[0].1)?, num(runs[1].1)?, num(last)?)
                {
                    return Some(date);
                }
            }
        }
        if let Some(date) = date_from_name(last) {
            return Some(date);
        }
    }
    None
}

/// The page number a file name gives: `…_p03`, `page3`, `P-3`, `第3版`, `3版`,
/// a name that is only a number (`03.txt`), or a number right after a date
/// (`2023-11-04_03.txt`, `20231104-3.txt`).
pub fn page_from_name(name: &str) -> Option<u32> {
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
    let plausible = |n: u32| (n <= 999).then_some(n);
    let runs = digit_runs(stem);
    // 第3版 / 3版
    for &(start, run) in &runs {
        if stem[start + run.len()..].starts_with('版') {
            return num(run).and_then(plausible);
        }
    }
    // p03 / page3 / pg3 / P-3, where the letters start a word.
    let lower = stem.to_ascii_lowercase();
    for &(start, run) in &runs {
        let before = &lower[..start];
        let before = before.strip_suffix(['-', '_', ' ']).unwrap_or(before);
        for tag in ["page", "pg", "p"] {
            if let Some(head) = before.strip_suffix(tag)
                && !head.chars().next_back().is_some_and(|c| c.is_ascii_alphabetic())
                && run.len() <= 3
            {
                return num(run).and_then(plausible);
            }
        }
    }
    // 03.txt
    if !stem.is_empty() && stem.len() <= 3 && stem.bytes().all(|b| b.is_ascii_digit()) {
        return num(stem).and_then(plausible);
    }
    // 2023-11-04_03 / 20231104-3: the run after the date, ending the name.
    if let Some((_, date_end)) = date_span(stem)
        && let Some(&(start, run)) = runs.last()
        && start >= date_end
        && start + run.len() == stem.len()
        && run.len() <= 3
        && start > 0
        && matches!(stem.as_bytes()[start - 1], b'-' | b'_' | b' ' | b'.')
    {
        return num(run).and_then(plausible);
    }
    None
}

/// Completes a loaded page with what its path says: the page number from the
/// file name, and the date from the file name or the folders when the loader
/// found none or only guessed one from the text (a path date is not inferred).
pub fn apply_path_info(page: &mut Page, path: &Path) {
    if page.page.is_none() {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        page.page = page_from_name(&name);
    }
    if page.date.is_none() || page.date_inferred {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if let Some(d) = date_from_name(&name).or_else(|| date_from_folders(path)) {
            page.date = Some(d);
            page.date_inferred = false;
        }
    }
}

/// The date a file's path gives, for loading the newest issues first.
fn path_date(path: &Path) -> Option<Date> {
    path.file_name().and_then(|n| date_from_name(&n.to_string_lossy())).or_else(|| date_from_folders(path))
}

// ---------------------------------------------------------------- loading

/// Loads one file and completes it with its path's date and page number.
pub fn load_one(path: &Path) -> Result<Page, LoadError> {
    let mut page = loader::load_file(path)?;
    apply_path_info(&mut page, path);
    // Ids for the reading state: unique within the page.
    crate::state::assign_ids(&mut page);
    Ok(page)
}

/// Loads every page of one file: a text file gives one page, a PDF (by its
/// extension or its first bytes) one page per PDF page, in order, each with
/// its page number.
pub fn load_file_pages(path: &Path) -> Result<Vec<Page>, LoadError> {
    if !is_pdf_file(path) {
        return load_one(path).map(|p| vec![p]);
    }
    let mut pages =
        crate::pdf::load_file(path).map_err(|why| LoadError::Pdf { path: path.display().to_string(), why })?;
    for page in &mut pages {
        apply_path_info(page, path);
        page.page = page.page.or(Some(1));
        crate::state::assign_ids(page);
    }
    Ok(pages)
}

/// True for a `.pdf` file, or a file of another name that starts like one.
fn is_pdf_file(path: &Path) -> bool {
    if crate::pdf::is_pdf_path(path) {
        return true;
    }
    let mut head = [0u8; 1024];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .is_ok_and(|n| crate::pdf::looks_like_pdf(&head[..n]))
}

/// What the background loader reports, in this order: one `Started`, one
/// `File` per file, one `Finished`.
#[derive(Debug)]
pub enum LoadEvent {
    /// The folders were walked: `total` files will load; `errors` are paths
    /// that could not be read at all.
    Started {
        /// Files that will load.
        total: usize,
        /// Paths that could not be read.
        errors: Vec<LoadError>,
    },
    /// One file loaded (or failed); `done` of `total` files are finished.
    File {
        /// The file's pages (one for a text file, each page of a PDF), or why it did not load.
        result: Result<Vec<Page>, LoadError>,
        /// Files finished so far, this one included.
        done: usize,
        /// Files in all.
        total: usize,
    },
    /// Every file is done.
    Finished,
}

/// How many threads load files: one per core (at least one, at most 16).
fn worker_count(files: usize) -> usize {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    cores.clamp(1, 16).min(files.max(1))
}

/// Loads `paths` in the background, in parallel across cores, newest dates
/// first, reporting each file over the returned channel (see [`LoadEvent`]).
/// The caller keeps working while pages arrive; dropping the receiver stops
/// the loading early.
pub fn load_in_background(paths: Vec<PathBuf>) -> Receiver<LoadEvent> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("lvread-load".into())
        .spawn(move || run_loading(&paths, &tx))
        .map_err(|e| eprintln!("lvread: cannot start the loading thread: {e}"))
        .ok();
    rx
}

fn run_loading(paths: &[PathBuf], tx: &Sender<LoadEvent>) {
    let (mut files, errors) = collect_files(paths);
    // Newest first, so the issue shown first is complete first.
    let mut keyed: Vec<(Option<Date>, PathBuf)> = files.drain(..).map(|f| (path_date(&f), f)).collect();
    keyed.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let files: Vec<PathBuf> = keyed.into_iter().map(|(_, f)| f).collect();
    let total = files.len();
    if tx.send(LoadEvent::Started { total, errors }).is_err() {
        return;
    }
    let next = Arc::new(AtomicUsize::new(0));
    let done = Arc::new(AtomicUsize::new(0));
    std::thread::scope(|s| {
        for _ in 0..worker_count(total) {
            let (next, done, tx, files) = (next.clone(), done.clone(), tx.clone(), &files);
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    let result = load_guarded(path);
                    let d = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if tx.send(LoadEvent::File { result, done: d, total }).is_err() {
                        // The receiver is gone: stop.
                        next.store(usize::MAX / 2, Ordering::Relaxed);
                        break;
                    }
                }
            });
        }
    });
    let _ = tx.send(LoadEvent::Finished);
}

/// [`load_one`], turning a panic in the loader into an error for that file
/// so one bad file never takes the others down.
fn load_guarded(path: &Path) -> Result<Vec<Page>, LoadError> {
    std::panic::catch_unwind(|| load_file_pages(path)).unwrap_or_else(|_| {
        Err(LoadError::NotText {
            path: path.display().to_string(),
            why: "the loader failed on this file (a bug; please report it)".to_string(),
        })
    })
}

/// Loads every file named by `paths` (see [`collect_files`]) in parallel and
/// waits for all; pages come back in path order.
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let (files, mut errors) = collect_files(paths);
    let mut slots: Vec<Option<Result<Vec<Page>, LoadError>>> = (0..files.len()).map(|_| None).collect();
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|s| {
        for _ in 0..worker_count(files.len()) {
            let (tx, files, next) = (tx.clone(), &files, &next);
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    if tx.send((i, load_guarded(path))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, r) in rx {
            slots[i] = Some(r);
        }
    });
    let mut pages = Vec::with_capacity(files.len());
    for r in slots.into_iter().flatten() {
        match r {
            Ok(p) => pages.extend(p),
            Err(e) => errors.push(e),
        }
    }
    Loaded { pages, errors }
}

// ---------------------------------------------------------------- grouping

/// Issues being built page by page (for background loading): pages of one
/// date form one issue, in page order; newest issue first, undated pages
/// last, each on its own.
#[derive(Debug, Clone, Default)]
pub struct Library {
    issues: Vec<Issue>,
}

impl Library {
    /// An empty library.
    pub fn new() -> Library {
        Library::default()
    }

    /// The issues so far, newest first.
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// Takes the issues out.
    pub fn into_issues(self) -> Vec<Issue> {
        self.issues
    }

    /// Adds a page; returns the index of its issue and whether that issue is
    /// new (every issue from that index on moved down by one).
    pub fn insert(&mut self, page: Page) -> (usize, bool) {
        insert_page(&mut self.issues, page)
    }
}

/// Adds a page to issues in [`group`]'s order (see [`Library::insert`]):
/// returns the index of its issue and whether that issue is new.
pub fn insert_page(issues: &mut Vec<Issue>, page: Page) -> (usize, bool) {
    // Pages of one date make an issue; so do the undated pages of one PDF.
    let same_pdf = |i: &Issue| {
        page.date.is_none()
            && i.date.is_none()
            && page.path.as_deref().is_some_and(crate::pdf::is_pdf_path)
            && i.pages.first().is_some_and(|p| p.path == page.path)
    };
    if let Some(i) = issues.iter().position(|i| page.date.is_some_and(|d| i.date == Some(d)) || same_pdf(i)) {
        let issue = &mut issues[i];
        issue.date_inferred &= page.date_inferred;
        let at = issue.pages.partition_point(|p| page_order(p, &page).is_le());
        issue.pages.insert(at, page);
        return (i, false);
    }
    let issue = Issue { date: page.date, date_inferred: page.date_inferred, pages: vec![page] };
    let at = issues.partition_point(|i| issue_order(i, &issue).is_le());
    issues.insert(at, issue);
    (at, true)
}

/// Page order inside an issue: page number (numbered pages first), then file name, then path.
fn page_order(a: &Page, b: &Page) -> std::cmp::Ordering {
    a.page
        .unwrap_or(u32::MAX)
        .cmp(&b.page.unwrap_or(u32::MAX))
        .then_with(|| a.source.cmp(&b.source))
        .then_with(|| a.path.cmp(&b.path))
}

/// Issue order: newest date first, then name; undated issues last, by name.
fn issue_order(a: &Issue, b: &Issue) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    match (a.date, b.date) {
        (Some(x), Some(y)) => y.cmp(&x).then_with(|| a.label().cmp(&b.label())),
        (Some(_), None) => Less,
        (None, Some(_)) => Greater,
        (None, None) => a
            .label()
            .cmp(&b.label())
            .then_with(|| a.pages.first().map(|p| &p.path).cmp(&b.pages.first().map(|p| &p.path))),
    }
}

/// Groups pages into issues (see [`Library`]): pages of one date form one
/// issue in page order; undated pages stand alone. Newest issue first,
/// undated ones last.
pub fn group(pages: Vec<Page>) -> Vec<Issue> {
    let mut lib = Library::new();
    for p in pages {
        lib.insert(p);
    }
    lib.into_issues()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: u32, m: u32, day: u32) -> Option<Date> {
        Date::new(y, m, day)
    }

    #[test]
    fn dates_in_file_names() {
        assert_eq!(date_from_name("2023-11-04_p01.txt"), d(2023, 11, 4));
        assert_eq!(date_from_name("lvrb20231104-03.txt"), d(2023, 11, 4));
        assert_eq!(date_from_name("吕梁日报2023年11月4日第3版.txt"), d(2023, 11, 4));
        assert_eq!(date_from_name("2023.1.9.txt"), d(2023, 1, 9));
        assert_eq!(date_from_name("2023_11_04.txt"), d(2023, 11, 4));
        assert_eq!(date_from_name("000_ca2976e5d243cd64.txt"), None);
        assert_eq!(date_from_name("20231399.txt"), None);
        assert_eq!(date_from_name("2023-11月04.txt"), None, "mixed separators");
        assert_eq!(date_from_name("123456789.txt"), None);
    }

    #[test]
    fn dates_in_folders() {
        assert_eq!(date_from_folders(Path::new("arch/2023/11/04/p1.txt")), d(2023, 11, 4));
        assert_eq!(date_from_folders(Path::new("arch/2023/1104/p1.txt")), d(2023, 11, 4));
        assert_eq!(date_from_folders(Path::new("arch/2023-11/04/p1.txt")), d(2023, 11, 4));
        assert_eq!(date_from_folders(Path::new("arch/2023-11-04/p1.txt")), d(2023, 11, 4));
        assert_eq!(date_from_folders(Path::new("/x/20231104/a/p1.txt")), d(2023, 11, 4));
        assert_eq!(date_from_folders(Path::new("arch/2023/13/04/p1.txt")), None);
        assert_eq!(date_from_folders(Path::new("arch/misc/p1.txt")), None);
        assert_eq!(date_from_folders(Path::new("p1.txt")), None);
    }

    #[test]
    fn page_numbers_in_file_names() {
        assert_eq!(page_from_name("2023-11-04_p03.txt"), Some(3));
        assert_eq!(page_from_name("2023-11-04-P12.txt"), Some(12));
        assert_eq!(page_from_name("page7.txt"), Some(7));
        assert_eq!(page_from_name("吕梁日报第3版.txt"), Some(3));
        assert_eq!(page_from_name("2023年11月4日 第03版 要闻.txt"), Some(3));
        assert_eq!(page_from_name("03.txt"), Some(3));
        assert_eq!(page_from_name("2023-11-04_03.txt"), Some(3));
        assert_eq!(page_from_name("20231104-2.txt"), Some(2));
        assert_eq!(page_from_name("000_ca2976e5d243cd64.txt"), None);
        assert_eq!(page_from_name("2023-11-04.txt"), None, "the day is not a page");
        assert_eq!(page_from_name("shop12.txt"), None, "p inside a word");
        assert_eq!(page_from_name("notes.txt"), None);
    }

    fn page(source: &str, date: Option<Date>, n: Option<u32>) -> Page {
        Page { source: source.into(), date, page: n, ..Page::default() }
    }

    #[test]
    fn grouping_keeps_page_order_and_sorts_issues() {
        let issues = group(vec![
            page("b.txt", d(2023, 11, 4), Some(2)),
            page("x.txt", None, None),
            page("old.txt", d(2023, 11, 3), None),
            page("a.txt", d(2023, 11, 4), Some(10)),
            page("c.txt", d(2023, 11, 4), Some(1)),
            page("zz.txt", d(2023, 11, 4), None),
            page("a-undated.txt", None, None),
        ]);
        let labels: Vec<String> = issues.iter().map(|i| i.label()).collect();
        assert_eq!(labels, ["2023-11-04", "2023-11-03", "a-undated.txt", "x.txt"]);
        let order: Vec<&str> = issues[0].pages.iter().map(|p| p.source.as_str()).collect();
        assert_eq!(order, ["c.txt", "b.txt", "a.txt", "zz.txt"]);
    }

    #[test]
    fn an_inferred_date_joins_the_issue_of_that_date() {
        let mut p = page("text-dated.txt", d(2023, 11, 4), None);
        p.date_inferred = true;
        let issues = group(vec![p.clone(), page("named.txt", d(2023, 11, 4), Some(1))]);
        assert_eq!(issues.len(), 1);
        assert!(!issues[0].date_inferred, "one page with a named date makes the issue's date certain");
        let alone = group(vec![p]);
        assert!(alone[0].date_inferred);
    }

    #[test]
    fn library_reports_where_issues_go() {
        let mut lib = Library::new();
        assert_eq!(lib.insert(page("a", d(2023, 11, 3), None)), (0, true));
        assert_eq!(lib.insert(page("b", d(2023, 11, 5), None)), (0, true));
        assert_eq!(lib.insert(page("c", d(2023, 11, 3), Some(1))), (1, false));
        assert_eq!(lib.insert(page("d", None, None)), (2, true));
        assert_eq!(lib.issues()[1].pages[0].source, "c");
    }

    #[test]
    fn path_info_fills_page_and_date() {
        let mut p = page("p03.txt", None, None);
        apply_path_info(&mut p, Path::new("arch/2023/11/04/p03.txt"));
        assert_eq!((p.date, p.date_inferred, p.page), (d(2023, 11, 4), false, Some(3)));
        // A guessed date gives way to the folder's.
        let mut p = page("p03.txt", d(2020, 1, 1), None);
        p.date_inferred = true;
        apply_path_info(&mut p, Path::new("arch/2023/11/04/p03.txt"));
        assert_eq!((p.date, p.date_inferred), (d(2023, 11, 4), false));
        // A date the loader took from the file name stays.
        let mut p = page("2023-11-05.txt", d(2023, 11, 5), None);
        apply_path_info(&mut p, Path::new("arch/2023/11/04/2023-11-05.txt"));
        assert_eq!(p.date, d(2023, 11, 5));
    }

    fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn folders_are_walked_for_txt_and_pdf_files() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "2023/11/04/p02.txt", "第二版\n");
        write(dir.path(), "2023/11/04/p01.TXT", "第一版\n");
        write(dir.path(), "2023/11/04/scan.pdf", "x");
        write(dir.path(), "2023/11/04/notes.doc", "x");
        write(dir.path(), "2023/11/03/01.txt", "前一天\n");
        write(dir.path(), ".hidden/2023-01-01.txt", "隐藏\n");
        let (files, errors) = collect_files(&[dir.path().to_path_buf(), dir.path().join("missing")]);
        assert_eq!(files.len(), 4, "{files:?}");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].to_string().contains("missing"));
        let loaded = load_paths(&[dir.path().to_path_buf()]);
        // The PDF that is not one is reported; the text pages load.
        assert_eq!(loaded.errors.len(), 1);
        assert!(loaded.errors[0].to_string().contains("scan.pdf: not a readable PDF"), "{}", loaded.errors[0]);
        let issues = group(loaded.pages);
        assert_eq!(issues.len(), 2);
        assert_eq!(issues[0].label(), "2023-11-04");
        assert!(!issues[0].date_inferred);
        let pages: Vec<Option<u32>> = issues[0].pages.iter().map(|p| p.page).collect();
        assert_eq!(pages, [Some(1), Some(2)]);
    }

    #[test]
    fn background_loading_reports_progress_and_failures() {
        let dir = tempfile::tempdir().unwrap();
        for i in 1..=20 {
            write(dir.path(), &format!("2023-11-{i:02}_p01.txt"), &format!("第{i}天的新闻。\n"));
        }
        std::fs::write(dir.path().join("binary.txt"), [0u8, 1, 2, 3, 0, 0xff, 0xfe, 0].repeat(100)).unwrap();
        let rx = load_in_background(vec![dir.path().to_path_buf()]);
        let mut total = None;
        let mut dones = Vec::new();
        let mut pages = Vec::new();
        let mut failed = Vec::new();
        let mut finished = false;
        for ev in rx {
            match ev {
                LoadEvent::Started { total: t, errors } => {
                    assert!(errors.is_empty());
                    total = Some(t);
                }
                LoadEvent::File { result, done, total: t } => {
                    assert_eq!(Some(t), total, "Started comes first");
                    dones.push(done);
                    match result {
                        Ok(p) => pages.extend(p),
                        Err(e) => failed.push(e.to_string()),
                    }
                }
                LoadEvent::Finished => finished = true,
            }
        }
        assert!(finished);
        assert_eq!(total, Some(21));
        dones.sort();
        assert_eq!(dones, (1..=21).collect::<Vec<_>>());
        assert_eq!(pages.len(), 20);
        assert_eq!(failed.len(), 1);
        assert!(failed[0].contains("binary.txt"), "{failed:?}");
        let issues = group(pages);
        assert_eq!(issues[0].label(), "2023-11-20");
    }
}
