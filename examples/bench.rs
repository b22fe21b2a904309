//! Search benchmark: `cargo run --release --example bench -- --pages N`.
//!
//! Builds an archive of N synthetic pages ([`lvread::synth`]), loads it
//! page by page through `loader::load_text` (the raw text of each page is
//! dropped once loaded, as the reader does with files), indexes it, then
//! types real queries character by character (Hanzi and pinyin) and times
//! each keystroke's complete search (top 200 hits, the reader's list size).
//! Prints one JSON object.

use lvread::search::{Cache, Index, Query, words};
use lvread::{archive, loader, synth};
use std::sync::Arc;
use std::time::Instant;

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

fn peak_rss_mb() -> f64 {
    status_mb("VmHWM:")
}

fn status_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

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

    let t = Instant::now();
    let index = Index::build(issues.clone());
    let index_s = t.elapsed().as_secs_f64();
    let index_rss = status_mb("VmRSS:");
    let index_hwm = status_mb("VmHWM:");
    let _ = words::jieba();

    let mut times = Vec::new();
    let mut worst = (0.0f64, String::new());
    let mut hits_total = 0usize;
    for q in QUERIES {
        let mut cache = Cache::default();
        let mut typed = String::new();
        for c in q.chars() {
            typed.push(c);
            let t = Instant::now();
            let r = index.search(&Query::new(&typed), limit, &mut cache, &|| false);
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            hits_total += r.as_ref().map_or(0, |r| r.hits.len());
            if ms > worst.0 {
                worst = (ms, typed.clone());
            }
            if std::env::var_os("BENCH_VERBOSE").is_some() {
                eprintln!("{typed}\t{ms:.2} ms\t{} hits", r.as_ref().map_or(0, |r| r.hits.len()));
            }
            times.push(ms);
        }
    }
    times.sort_by(|a, b| a.total_cmp(b));
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
        "hits_per_keystroke": hits_total / times.len().max(1),
        "postings_mb": (index.postings_bytes() as f64 / 1_048_576.0 * 10.0).round() / 10.0,
        "peak_rss_mb": (peak_rss_mb() * 10.0).round() / 10.0,
        "rss_after_load_mb": (loaded_rss * 10.0).round() / 10.0,
        "rss_after_index_mb": (index_rss * 10.0).round() / 10.0,
        "peak_rss_during_index_mb": (index_hwm * 10.0).round() / 10.0,
        "threads": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
    });
    println!("{out}");
}
