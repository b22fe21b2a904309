//! The user's archive: which files to open, what their paths say (date, page
//! number), loading them in parallel in the background, and how loaded pages
//! group into issues.
//!
//! Dates come from file names (`2023-11-04…`, `20231104…`, `2023年11月4日…`)
//! or from folders (`2023/11/04/`, `2023-11/04/`, `20231104/`); page numbers
//! from file names (`…_p03.txt`, `第3版`, `03.txt`, `2023-11-04_03.txt`).
//!
//! - [`walk`]: the user's paths → files;
//! - [`fuzz_tree`]: hostile trees for the fuzz target and property tests;
//! - [`path_info`]: dates and page numbers from paths;
//! - [`load`]: loading in parallel;
//! - [`heads`]: pages made from the page cache's headline table (text on demand);
//! - [`group`](mod@group): pages → issues.

pub mod fuzz_tree;
pub mod group;
pub mod heads;
pub mod load;
pub mod path_info;
pub mod walk;

pub use group::*;
pub use load::*;
pub use path_info::*;
pub use walk::*;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Page};
    use std::path::{Path, PathBuf};

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
                LoadEvent::File { result, done, total: t, .. } => {
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
