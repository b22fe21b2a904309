//! What computing a page's search keys costs (issue 13: on a first start
//! the index threads spend about half their time there): N synthetic pages
//! ([`lvread::synth`], loaded with [`lvread::loader::load_text`], not
//! timed) each given to [`PageKeys::of`], R rounds, on this thread. Prints
//! one JSON object: the thread's CPU time per round (min and median) and a
//! hash of every page's stored keys, which a change that must not change
//! the keys leaves as it was.
//!
//! ```sh
//! cargo run --release --example page_keys_bench -- [--pages 1000] [--seed 2023] [--rounds 5]
//! ```

use lvread::search::stored::PageKeys;
use lvread::search::{pinyin, words};
use lvread::{loader, synth};
use std::time::Instant;

#[path = "common/measure.rs"]
mod measure;
use measure::round;

/// This thread's CPU time so far, in ms (`/proc/thread-self/schedstat`,
/// in nanoseconds).
fn thread_cpu_ms() -> f64 {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    s.split_whitespace().next().and_then(|v| v.parse::<f64>().ok()).unwrap_or(f64::NAN) / 1e6
}

fn main() {
    let (mut n, mut seed, mut rounds) = (1000usize, 2023u64, 5usize);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut num = || args.next().and_then(|v| v.parse::<u64>().ok());
        match a.as_str() {
            "--pages" => n = num().map_or(n, |v| v as usize),
            "--seed" => seed = num().unwrap_or(seed),
            "--rounds" => rounds = num().map_or(rounds, |v| v as usize),
            other => {
                eprintln!("page_keys_bench: unknown argument {other:?} (use --pages N [--seed S] [--rounds R])");
                std::process::exit(2);
            }
        }
    }
    let pages: Vec<_> = (0..n)
        .map(|k| {
            let (name, raw) = synth::page(k, seed);
            loader::load_text(&name, &raw, Vec::new())
        })
        .collect();
    let t = pinyin::table();
    let jieba = words::jieba();
    let articles: usize = pages.iter().map(|p| p.articles.len()).sum();
    let mut times = Vec::new();
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for r in 0..rounds {
        let wall = Instant::now();
        let cpu = thread_cpu_ms();
        let mut bytes = 0usize;
        for p in &pages {
            let keys = PageKeys::of(t, jieba, p);
            if r == 0 {
                for b in keys.encode() {
                    hash = (hash ^ b as u64).wrapping_mul(0x0100_0000_01b3);
                }
            }
            bytes += keys.articles.len();
        }
        std::hint::black_box(bytes);
        times.push((thread_cpu_ms() - cpu, wall.elapsed().as_secs_f64() * 1000.0));
    }
    let mut cpu: Vec<f64> = times.iter().map(|t| t.0).collect();
    cpu.sort_by(f64::total_cmp);
    let out = serde_json::json!({
        "pages": n,
        "articles": articles,
        "rounds": rounds,
        "cpu_ms_min": round(cpu[0], 1),
        "cpu_ms_median": round(cpu[cpu.len() / 2], 1),
        "cpu_ms_each": cpu.iter().map(|&c| round(c, 1)).collect::<Vec<_>>(),
        "keys_hash": format!("{hash:016x}"),
    });
    println!("{out}");
}
