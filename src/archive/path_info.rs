//! What a file's path says: the date (file name or folders) and the page number.

use crate::model::{Date, Page};
use std::path::Path;

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
pub(crate) fn path_date(path: &Path) -> Option<Date> {
    path.file_name().and_then(|n| date_from_name(&n.to_string_lossy())).or_else(|| date_from_folders(path))
}
