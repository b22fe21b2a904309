//! Measures loading a user's archive: one thread versus the parallel loader,
//! and how soon the background loader delivers the first (newest) issue.
//!
//! ```sh
//! cargo run --release --example archive_load -- [DAYS] [PAGES_PER_DAY]
//! ```
//!
//! Builds a temporary archive `YYYY/MM/DD/pNN.txt` from the bundled pages
//! (default 120 days × 8 pages = 960 files) and prints the figures.

use lvread::archive::{self, LoadEvent};
use lvread::loader::BUNDLED;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>().unwrap_or(0));
    let days = args.next().filter(|&n| n > 0).unwrap_or(120);
    let per_day = args.next().filter(|&n| n > 0).unwrap_or(8);
    let dir = std::env::temp_dir().join(format!("lvread-archive-bench-{}", std::process::id()));
    let mut bytes = 0;
    for d in 0..days {
        let folder = dir.join(format!("{}/{:02}/{:02}", 2020 + d / 336, d / 28 % 12 + 1, d % 28 + 1));
        if let Err(e) = std::fs::create_dir_all(&folder) {
            eprintln!("cannot create {}: {e}", folder.display());
            return;
        }
        for p in 0..per_day {
            let text = BUNDLED[(d + p) % BUNDLED.len()].1;
            bytes += text.len();
            if let Err(e) = std::fs::write(folder.join(format!("p{:02}.txt", p + 1)), text) {
                eprintln!("cannot write: {e}");
                return;
            }
        }
    }
    let files = days * per_day;
    println!(
        "archive: {files} files, {:.1} MB, {} cores",
        bytes as f64 / 1e6,
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );

    let paths = vec![dir.clone()];
    let t = Instant::now();
    let (list, _) = archive::collect_files(&paths);
    let mut n = 0;
    for f in &list {
        if archive::load_file(f).is_ok() {
            n += 1;
        }
    }
    let one = t.elapsed();
    println!(
        "one thread:          {n} pages in {:>8.1} ms ({:.2} ms/page)",
        one.as_secs_f64() * 1e3,
        one.as_secs_f64() * 1e3 / n.max(1) as f64
    );

    let t = Instant::now();
    let loaded = archive::load_paths(&paths);
    let all = t.elapsed();
    println!(
        "parallel load_paths: {} pages in {:>8.1} ms ({:.1}× faster)",
        loaded.pages.len(),
        all.as_secs_f64() * 1e3,
        one.as_secs_f64() / all.as_secs_f64()
    );

    let t = Instant::now();
    let rx = archive::load_in_background(paths);
    let (mut first_page, mut first_issue, mut done_at) = (None, None, None);
    let mut newest = Vec::new();
    for ev in rx {
        match ev {
            LoadEvent::File { result: Ok(pages), done, .. } => {
                first_page.get_or_insert(t.elapsed());
                for p in pages {
                    if newest.is_empty() || p.date == newest.first().and_then(|x: &lvread::model::Page| x.date) {
                        newest.push(p);
                    }
                }
                if newest.len() == per_day && first_issue.is_none() {
                    first_issue = Some((t.elapsed(), done));
                }
            }
            LoadEvent::Finished => done_at = Some(t.elapsed()),
            _ => {}
        }
    }
    let ms = |d: Option<std::time::Duration>| {
        d.map(|d| format!("{:.1} ms", d.as_secs_f64() * 1e3)).unwrap_or_else(|| "-".into())
    };
    println!(
        "background: first page after {}, first full issue ({per_day} pages) after {} (file {} of {files}), all after {}",
        ms(first_page),
        ms(first_issue.map(|x| x.0)),
        first_issue.map(|x| x.1).unwrap_or(0),
        ms(done_at)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
