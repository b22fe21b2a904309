//! The 30-year archive benchmark (issue 13): a second start of the reader
//! over N synthetic pages with a warm cache, and `lvread search` against
//! `fzf --filter` on a 10,000-page slice of it. Prints one JSON object.
//!
//! ```sh
//! cargo run --release --example archive_bench -- [--pages 100000] [--seed 2023] [--dir D] [--skip-fzf]
//! ```
//!
//! - The archive: N pages of [`lvread::synth`] written as files under
//!   `D/files/blockNN/` (10,000 a folder), D defaulting to
//!   `target/archive-bench/N-SEED` (kept: generating and parsing it once
//!   takes long). Its page cache is `D/cache/`. The first run parses every
//!   file and indexes every page (filling the cache: pages and index parts)
//!   and says how long that took.
//! - A second start, in a fresh process (this program run with `--child`):
//!   the reader's own pieces (App, Session, SearchDriver, the view drawn on
//!   a test backend) from nothing to the first frame, to every page loaded
//!   and to every page indexed (searchable); then the query list typed one
//!   character at a time, each keystroke waited for, its search time taken
//!   from the reader's status (`elapsed_ms`), and the CPU time the search
//!   thread spent on it (`keystroke_cpu_ms_*`: what a busy machine does not
//!   inflate), per query too (`per_query`); peak RSS (`VmHWM`) against the
//!   archive's text, and RSS and peak RSS when every page is loaded and when
//!   every page is indexed (for the first start as well).
//! - `lvread search QUERY D/files/block00` (10,000 pages, warm cache) and
//!   `fzf --filter QUERY` over the same articles written one a line, each
//!   timed as a whole process, side by side for each query: one untimed
//!   run each, then [`RUNS`] runs each, turn about; best and median, and
//!   lvread's own breakdown (`LVREAD_SEARCH_TIMES`) of its fastest run.

use lvread::ui::search_driver::SearchDriver;
use lvread::ui::session::Session;
use lvread::ui::update::update;
use lvread::ui::{Action, App};
use lvread::{archive, cache, search};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[path = "common/archive.rs"]
mod archive_files;
#[path = "common/measure.rs"]
mod measure;
use measure::{KEYSTROKE_QUERIES as QUERIES, percentile, round, status_mb};

/// Queries for the `lvread search` / fzf comparison.
const VS_FZF: &[&str] = &["吕梁", "老旧小区改造", "lvliang"];

/// Pages per folder of the archive (the fzf comparison uses the first).
const BLOCK: usize = 10_000;

/// A second start: the reader's pieces, timed. Prints its JSON on stdout.
fn child(dir: &Path) {
    // As the reader does (`lvread::cli::run`).
    lvread::memory::limit_malloc_arenas();
    let start = Instant::now();
    let _ = cache::init_at(Some(&dir.join("cache").join(cache::CACHE_FILE)));
    let mut app = App::new(Vec::new(), (120, 40));
    let mut session = Session::new(lvread::store::Store::open_default(true));
    session.load_in_background(vec![dir.join("files")]);
    // (jieba loads once the pages are searchable, asked by the driver.)
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("test terminal");
    session.tick(&mut app, Instant::now());
    term.draw(|f| lvread::ui::view::draw(f, &app)).expect("draw");
    let first_frame = start.elapsed();
    let mut driver = SearchDriver::new();
    let mut loaded = None;
    // (RSS and peak RSS the moment every page is loaded.)
    let mut rss_loaded = (0.0, 0.0);
    let mut cpu_loaded = 0.0;
    let searchable = loop {
        session.tick(&mut app, Instant::now());
        driver.set_loading(session.is_loading());
        driver.refresh(&mut app);
        if loaded.is_none() && !session.is_loading() {
            loaded = Some(start.elapsed());
            rss_loaded = (status_mb("VmRSS:"), status_mb("VmHWM:"));
            cpu_loaded = process_cpu_s();
        }
        if loaded.is_some() && driver.ready() && !driver.indexing() {
            break start.elapsed();
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let pages: usize = app.issues.iter().map(|i| i.pages.len()).sum();
    let articles: usize = app.issues.iter().map(|i| i.article_count()).sum();
    let cpu_searchable = process_cpu_s();
    let faults_searchable = minor_faults();
    let rss_searchable = status_mb("VmRSS:");
    let hwm_searchable = status_mb("VmHWM:");
    let text_kept = lvread::page_text::kept().1 as f64 / 1_048_576.0;
    // jieba, asked for once the pages were searchable: the wait for it, and
    // for the made-up headlines it mends (on a thread of their own; the
    // longest call on this thread is the reader's pause for them).
    let t = Instant::now();
    let _ = search::words::jieba();
    let jieba_wait = t.elapsed();
    let t = Instant::now();
    let mut mend_pause = Duration::ZERO;
    loop {
        let call = Instant::now();
        session.tick(&mut app, Instant::now());
        mend_pause = mend_pause.max(call.elapsed());
        if !session.mending_titles(&app) || t.elapsed() > Duration::from_secs(120) {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let mend = t.elapsed();

    // Keystrokes: each waited for; its time is the search's own.
    let mut times = Vec::new();
    let mut slowest = (0.0f64, String::new());
    let mut per_query = Vec::new();
    let mut cpu_times = Vec::new();
    for q in QUERIES {
        let mut mine = Vec::new();
        let mut mine_cpu = Vec::new();
        act(&mut app, &mut driver, Action::Search);
        let mut typed = String::new();
        for c in q.chars() {
            typed.push(c);
            let cpu_before = search_thread_cpu_ms();
            act(&mut app, &mut driver, Action::SearchEdit(lvread::action::Edit::Insert(c)));
            let deadline = Instant::now() + Duration::from_secs(120);
            while app.search.results_for != typed && Instant::now() < deadline {
                driver.wait(&mut app, Duration::from_millis(100));
            }
            let ms = app.search.elapsed_ms.unwrap_or(f64::NAN);
            let cpu = search_thread_cpu_ms() - cpu_before;
            if ms > slowest.0 {
                slowest = (ms, typed.clone());
            }
            if std::env::var_os("BENCH_VERBOSE").is_some() {
                eprintln!("{typed}\t{ms:.2} ms\t(cpu {cpu:.2} ms)\t{} hits", app.search.results.len());
            }
            times.push(ms);
            mine.push(round(ms, 2));
            mine_cpu.push(round(cpu, 2));
            cpu_times.push(cpu);
        }
        per_query.push(serde_json::json!({ "query": q, "keystroke_ms": mine, "keystroke_cpu_ms": mine_cpu }));
        act(&mut app, &mut driver, Action::SearchEdit(lvread::action::Edit::Cancel));
    }
    times.sort_by(|a, b| a.total_cmp(b));
    cpu_times.sort_by(|a, b| a.total_cmp(b));
    let out = serde_json::json!({
        "pages": pages,
        "articles": articles,
        "first_frame_ms": round(first_frame.as_secs_f64() * 1000.0, 1),
        "all_loaded_s": round(loaded.unwrap_or_default().as_secs_f64(), 2),
        "searchable_s": round(searchable.as_secs_f64(), 2),
        "cpu_s_when_loaded": round(cpu_loaded, 2),
        "cpu_s_when_searchable": round(cpu_searchable, 2),
        "minor_faults_when_searchable": faults_searchable,
        "keystrokes": times.len(),
        "keystroke_ms_p50": round(percentile(&times, 0.5), 2),
        "keystroke_ms_p99": round(percentile(&times, 0.99), 2),
        "keystroke_ms_max": round(times.last().copied().unwrap_or(0.0), 2),
        "slowest_prefix": slowest.1,
        "keystroke_cpu_ms_p50": round(percentile(&cpu_times, 0.5), 2),
        "keystroke_cpu_ms_p99": round(percentile(&cpu_times, 0.99), 2),
        "keystroke_cpu_ms_max": round(cpu_times.last().copied().unwrap_or(0.0), 2),
        "per_query": per_query,
        "jieba_after_searchable_ms": round(jieba_wait.as_secs_f64() * 1000.0, 1),
        "titles_mended_ms": round(mend.as_secs_f64() * 1000.0, 1),
        "titles_longest_pause_ms": round(mend_pause.as_secs_f64() * 1000.0, 1),
        "rss_when_loaded_mb": round(rss_loaded.0, 1),
        "peak_rss_when_loaded_mb": round(rss_loaded.1, 1),
        "rss_when_searchable_mb": round(rss_searchable, 1),
        "peak_rss_when_searchable_mb": round(hwm_searchable, 1),
        "page_text_kept_when_searchable_mb": round(text_kept, 1),
        "peak_rss_mb": round(status_mb("VmHWM:"), 1),
    });
    println!("{out}");
}

/// CPU time (user + system) used so far by this process, every thread
/// included, in seconds (`/proc/self/stat`, in clock ticks of 10 ms): on a
/// busy machine it says more than wall time about what a start costs.
fn process_cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // (Fields after the command name, which is in parentheses.)
    let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(f64::NAN);
    // utime and stime: fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}

/// Minor page faults of this process so far (`/proc/self/stat`).
fn minor_faults() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
    fields.get(7).and_then(|v| v.parse::<f64>().ok()).unwrap_or(f64::NAN)
}

/// CPU time used so far by the reader's search thread (the thread named
/// `search`), in ms: unlike a keystroke's wall time, it does not count
/// the time the thread waited for a core on a busy machine.
fn search_thread_cpu_ms() -> f64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else { return f64::NAN };
    let mut ns = 0u64;
    for t in tasks.flatten() {
        let comm = std::fs::read_to_string(t.path().join("comm")).unwrap_or_default();
        if comm.trim_end() != "search" {
            continue;
        }
        let stat = std::fs::read_to_string(t.path().join("schedstat")).unwrap_or_default();
        ns += stat.split_whitespace().next().and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    }
    ns as f64 / 1e6
}

fn act(app: &mut App, driver: &mut SearchDriver, action: Action) {
    for effect in update(app, action) {
        if let lvread::ui::effect::Effect::Search(q) = effect {
            driver.dispatch(app, q);
        }
    }
}

/// Runs a command, returning its wall time, how many lines it printed and
/// what it wrote on stderr.
fn timed(cmd: &mut std::process::Command) -> (f64, usize, String) {
    let t = Instant::now();
    let out = cmd.output();
    let s = t.elapsed().as_secs_f64();
    match out {
        Ok(o) => (
            s,
            o.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        ),
        Err(e) => (s, 0, e.to_string()),
    }
}

/// Timed runs of each command of the comparison (after one untimed run
/// each: the page cache and the files in the OS's cache, both warm).
const RUNS: usize = 5;

/// The best and median of some timings, in seconds.
fn best_median(mut times: Vec<f64>) -> (f64, f64) {
    times.sort_by(|a, b| a.total_cmp(b));
    (times.first().copied().unwrap_or(f64::NAN), percentile(&times, 0.5))
}

/// `lvread search`'s own breakdown of a run (its `LVREAD_SEARCH_TIMES`
/// line on stderr).
fn breakdown(stderr: &str) -> serde_json::Value {
    stderr
        .lines()
        .find_map(|l| l.strip_prefix("lvread: search times "))
        .and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or(serde_json::Value::Null)
}

/// `lvread search` on the first folder (warm cache) against `fzf --filter`
/// over its articles, one a line: each query run by both, turn about,
/// [`RUNS`] times after a warm-up; best and median wall time of each, and
/// lvread's breakdown (load, index, search, print) of its fastest run.
fn versus_fzf(dir: &Path, lvread_bin: &Path) -> serde_json::Value {
    let block = dir.join("files").join("block00");
    let lines = dir.join("block00-articles.txt");
    if !lines.exists() {
        let loaded = archive::load_paths(std::slice::from_ref(&block));
        let mut out = std::io::BufWriter::new(std::fs::File::create(&lines).expect("write the lines"));
        for p in &loaded.pages {
            for a in &p.articles {
                let text: String = std::iter::once(a.title.as_str())
                    .chain(a.paragraphs.iter().map(String::as_str))
                    .collect::<Vec<_>>()
                    .join(" ")
                    .replace('\n', " ");
                let _ = writeln!(out, "{}\t{text}", p.source);
            }
        }
    }
    let cache_dir = dir.join("cache");
    let mut rows = Vec::new();
    for q in VS_FZF {
        let lvread = || {
            let mut c = std::process::Command::new(lvread_bin);
            c.env("LVREAD_CACHE_DIR", &cache_dir)
                .env(lvread::cli::search::TIMES_ENV, "1")
                .args(["search", "--limit", "200", q])
                .arg(&block);
            c
        };
        let fzf = || {
            let mut c = std::process::Command::new("sh");
            c.arg("-c").arg(format!("fzf --filter '{q}' < '{}' | head -200", lines.display()));
            c
        };
        let _ = timed(&mut lvread());
        let _ = timed(&mut fzf());
        let (mut lv, mut fz) = (Vec::new(), Vec::new());
        let (mut lv_n, mut fzf_n) = (0, 0);
        let mut fastest: (f64, serde_json::Value) = (f64::INFINITY, serde_json::Value::Null);
        for _ in 0..RUNS {
            let (s, n, err) = timed(&mut lvread());
            if s < fastest.0 {
                fastest = (s, breakdown(&err));
            }
            lv.push(s);
            lv_n = n;
            let (s, n, _) = timed(&mut fzf());
            fz.push(s);
            fzf_n = n;
        }
        let ((lv_best, lv_med), (fz_best, fz_med)) = (best_median(lv), best_median(fz));
        rows.push(serde_json::json!({
            "query": q,
            "runs": RUNS,
            "lvread_search_best_s": round(lv_best, 3), "lvread_search_median_s": round(lv_med, 3),
            "lvread_hits": lv_n,
            "fzf_filter_best_s": round(fz_best, 3), "fzf_filter_median_s": round(fz_med, 3),
            "fzf_hits": fzf_n,
            "lvread_faster": lv_med < fz_med,
            "lvread_breakdown_ms": fastest.1,
        }));
    }
    serde_json::json!(rows)
}

fn main() {
    let mut n = 100_000usize;
    let mut seed = 2023u64;
    let mut dir: Option<PathBuf> = None;
    let mut fzf = true;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pages" => n = args.next().and_then(|v| v.parse().ok()).unwrap_or(n),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).unwrap_or(seed),
            "--dir" => dir = args.next().map(PathBuf::from),
            "--skip-fzf" => fzf = false,
            "--child" => {
                let Some(d) = args.next() else { std::process::exit(2) };
                child(Path::new(&d));
                return;
            }
            other => {
                eprintln!(
                    "archive_bench: unknown argument {other:?} (use --pages N [--seed S] [--dir D] [--skip-fzf])"
                );
                std::process::exit(2);
            }
        }
    }
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let dir = dir.unwrap_or_else(|| target.join("archive-bench").join(format!("{n}-{seed}")));
    let t = Instant::now();
    let text = match archive_files::write_archive(&dir.join("files"), n, seed, BLOCK, "archive_bench") {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("archive_bench: cannot write the archive under {}: {e}", dir.display());
            std::process::exit(1);
        }
    };
    let write_s = t.elapsed().as_secs_f64();

    // First load: parse everything, index everything (fills the cache),
    // unless a run before did it.
    let db = dir.join("cache").join(cache::CACHE_FILE);
    let mut first = serde_json::Value::Null;
    let warm = lvread::cache::PageCache::open(&db, cache::LOADER_VERSION).map(|c| c.len()).unwrap_or(0);
    // (The path taken now: a rebuild while this runs replaces the file.)
    let me = std::env::current_exe().expect("own path");
    let start = |what: &str| -> serde_json::Value {
        let t = Instant::now();
        // (The child's stderr, e.g. `BENCH_VERBOSE`'s lines, passes through.)
        let out =
            std::process::Command::new(&me).arg("--child").arg(&dir).stderr(std::process::Stdio::inherit()).output();
        let s = t.elapsed().as_secs_f64();
        match out {
            Ok(o) => serde_json::json!({
                "process_s": round(s, 1),
                "reader": serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap_or(serde_json::Value::Null),
            }),
            Err(e) => serde_json::json!(format!("{what}: cannot run {}: {e}", me.display())),
        }
    };
    if warm < n {
        first = start("first start");
    }
    // The second start, in a fresh process.
    let second = start("second start");
    let lvread_bin = me.parent().and_then(Path::parent).map(|p| p.join("lvread")).filter(|p| p.exists());
    let have_fzf = std::process::Command::new("fzf").arg("--version").output().is_ok_and(|o| o.status.success());
    let vs = match (&lvread_bin, fzf && have_fzf && n >= BLOCK) {
        (Some(bin), true) => versus_fzf(&dir, bin),
        _ => serde_json::json!("skipped (needs fzf, the lvread binary of this profile, and 10,000 pages)"),
    };
    let rss = second.pointer("/reader/peak_rss_mb").and_then(|v| v.as_f64()).unwrap_or(0.0);
    let text_mb = text as f64 / 1_048_576.0;
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let result = serde_json::json!({
        "pages": n,
        "text_mb": round(text_mb, 1),
        "write_files_s": round(write_s, 1),
        "first_load": first,
        "second_start": second,
        "peak_rss_vs_text": round(rss / text_mb.max(1e-9), 2),
        "first_start_peak_rss_vs_text": first
            .pointer("/reader/peak_rss_mb")
            .and_then(|v| v.as_f64())
            .map(|r| round(r / text_mb.max(1e-9), 2)),
        "search_vs_fzf_10k_pages": vs,
        "load_average": load.split_whitespace().take(3).collect::<Vec<_>>().join(" "),
        "threads": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
    });
    println!("{result}");
}
