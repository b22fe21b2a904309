//! Search benchmark: `cargo run --release --example bench -- --pages N`.
//!
//! Builds an archive of N synthetic pages ([`lvread::synth`]), loads it
//! page by page through `loader::load_text` (the raw text of each page is
//! dropped once loaded, as the reader does with files), indexes it, then
//! types real queries character by character (Hanzi and pinyin) and times
//! each keystroke's complete search (top 200 hits, the reader's list size),
//! once without the shortcuts (pair signatures, the headline pass's reach)
//! and once with them (same load on the machine for both; the hits must be
//! the same). Prints one JSON object.

use lvread::search::{Cache, Index, Query, words};
use lvread::{archive, loader, synth};
use std::sync::Arc;
use std::time::Instant;

#[path = "common/measure.rs"]
mod measure;
use measure::{peak_rss_mb, percentile, status_mb};

const QUERIES: &[&str] = &[
    "老旧小区改造",
    "吕梁",
    "lvliang",
    "qsngzlxhy",
    "zhongmeiyoucheng",
    "sundj",
    "孙大军",
    "青少年工作",
    "2023",
    "gaozhiliangfazhan",
    "营商环境",
    "lyuliangshi",
];

fn main() {
    let mut n = 1000usize;
    let mut seed = 2023u64;
    let mut limit = 200usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pages" => n = args.next().and_then(|v| v.parse().ok()).unwrap_or(n),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).unwrap_or(seed),
            "--limit" => limit = args.next().and_then(|v| v.parse().ok()).unwrap_or(limit),
            other => {
                eprintln!("bench: unknown argument {other:?} (use --pages N [--seed S] [--limit L])");
                std::process::exit(2);
            }
        }
    }
    words::preload();

    // Load page by page: generation is not timed, loading is.
    let mut corpus = 0usize;
    let mut pages = Vec::with_capacity(n);
    let mut load = 0.0f64;
    for k in 0..n {
        let (name, raw) = synth::page(k, seed);
        corpus += raw.len();
        let t = Instant::now();
        pages.push(loader::load_text(&name, &raw, Vec::new()));
        load += t.elapsed().as_secs_f64();
    }
    let t = Instant::now();
    let issues = Arc::new(archive::group(pages));
    load += t.elapsed().as_secs_f64();
    let articles: usize = issues.iter().map(|i| i.article_count()).sum();
    let loaded_rss = status_mb("VmRSS:");
    // What the reader hands the search worker: a copy of its issue list,
    // which shares the pages (`Arc<Page>`), so it costs a pointer a page.
    let snapshot: Arc<Vec<lvread::model::Issue>> = Arc::new(issues.as_ref().clone());
    let snapshot_mb = status_mb("VmRSS:") - loaded_rss;

    let t = Instant::now();
    let mut index = Index::build(snapshot);
    let index_s = t.elapsed().as_secs_f64();
    let index_rss = status_mb("VmRSS:");
    let index_hwm = status_mb("VmHWM:");
    let _ = words::jieba();

    // Each keystroke is timed with the pair signatures off, then on (same
    // machine load for both), and the hits compared.
    let mut times = Vec::new();
    let mut times_without = Vec::new();
    let mut worst = (0.0f64, String::new());
    let mut hits_total = 0usize;
    let mut differ = 0usize;
    for q in QUERIES {
        let mut caches = [Cache::default(), Cache::default()];
        let mut typed = String::new();
        for c in q.chars() {
            typed.push(c);
            let mut ms = [0.0f64; 2];
            let mut found = [Vec::new(), Vec::new()];
            for (k, on) in [false, true].into_iter().enumerate() {
                index.set_use_signatures(on);
                let t = Instant::now();
                let r = index.search(&Query::new(&typed), limit, &mut caches[k], &|| false);
                ms[k] = t.elapsed().as_secs_f64() * 1000.0;
                found[k] = r.map(|r| r.hits.into_iter().map(|h| h.doc).collect::<Vec<_>>()).unwrap_or_default();
            }
            differ += usize::from(found[0] != found[1]);
            hits_total += found[1].len();
            if ms[1] > worst.0 {
                worst = (ms[1], typed.clone());
            }
            if std::env::var_os("BENCH_VERBOSE").is_some() {
                eprintln!("{typed}\t{:.2} ms\t(without signatures {:.2} ms)\t{} hits", ms[1], ms[0], found[1].len());
            }
            times.push(ms[1]);
            times_without.push(ms[0]);
        }
    }
    times_without.sort_by(|a, b| a.total_cmp(b));
    times.sort_by(|a, b| a.total_cmp(b));
    // For comparison: the deep copy the reader made before the pages were
    // shared (measured last, so it does not disturb the other figures).
    let before = status_mb("VmRSS:");
    let deep: Vec<lvread::model::Issue> = issues
        .iter()
        .map(|i| lvread::model::Issue {
            pages: i.pages.iter().map(|p| Arc::new(p.as_ref().clone())).collect(),
            ..i.clone()
        })
        .collect();
    let deep_copy_mb = status_mb("VmRSS:") - before;
    drop(deep);
    let out = serde_json::json!({
        "pages": n,
        "articles": articles,
        "corpus_mb": (corpus as f64 / 1_048_576.0 * 10.0).round() / 10.0,
        "load_s": (load * 1000.0).round() / 1000.0,
        "index_s": (index_s * 1000.0).round() / 1000.0,
        "keystrokes": times.len(),
        "keystroke_ms_p50": (percentile(&times, 0.5) * 100.0).round() / 100.0,
        "keystroke_ms_p99": (percentile(&times, 0.99) * 100.0).round() / 100.0,
        "keystroke_ms_max": (times.last().copied().unwrap_or(0.0) * 100.0).round() / 100.0,
        "slowest_prefix": worst.1,
        "without_signatures_ms_p50": (percentile(&times_without, 0.5) * 100.0).round() / 100.0,
        "without_signatures_ms_p99": (percentile(&times_without, 0.99) * 100.0).round() / 100.0,
        "keystrokes_with_other_hits": differ,
        "hits_per_keystroke": hits_total / times.len().max(1),
        "postings_mb": (index.postings_bytes() as f64 / 1_048_576.0 * 10.0).round() / 10.0,
        "peak_rss_mb": (peak_rss_mb() * 10.0).round() / 10.0,
        "rss_after_load_mb": (loaded_rss * 10.0).round() / 10.0,
        "rss_after_index_mb": (index_rss * 10.0).round() / 10.0,
        "peak_rss_during_index_mb": (index_hwm * 10.0).round() / 10.0,
        "search_snapshot_mb": (snapshot_mb * 10.0).round() / 10.0,
        "deep_copy_would_cost_mb": (deep_copy_mb * 10.0).round() / 10.0,
        "threads": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
    });
    println!("{out}");
}
