//! Loader throughput: `cargo run --release --example loader_bench -- --pages N`.
//!
//! Builds N synthetic pages from the bundled ones ([`lvread::synth`]: blocks
//! swapped between pages, characters and digits varied, so nothing repeats
//! verbatim), then loads each through the whole loader (decode from bytes,
//! normalise, classify, headlines, pairing, paragraphs) on one thread, three
//! times, and prints the best run as one JSON object. The loader uses no
//! dictionary (headlines are paired on character bigrams), so nothing is
//! loaded per page but the page itself.
//!
//! `cpu_mb_per_s` is the same figure in CPU time of the loading thread
//! (from `/proc/thread-self/schedstat`; `null` where there is none): on a
//! machine shared with other work it varies far less than the wall clock.
//!
//! `--digest` adds `digest`: a hash of everything the loader made of every
//! page (the two hard shapes included), so that a change meant only to make
//! the loader faster can be shown to leave its output exactly as it was.

use lvread::{loader, synth};
use std::time::Instant;

fn main() {
    let mut pages = 2000usize;
    let mut digest = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pages" => pages = args.next().and_then(|v| v.parse().ok()).unwrap_or(pages),
            "--digest" => digest = true,
            "-h" | "--help" => {
                println!("usage: loader_bench [--pages N] [--digest]");
                return;
            }
            _ => {}
        }
    }
    let archive = synth::pages(pages, 7);
    let bytes: usize = archive.iter().map(|(_, t)| t.len()).sum();
    let mut best = f64::INFINITY;
    let mut best_cpu = f64::INFINITY;
    let mut articles = 0usize;
    let mut fragments = 0usize;
    for _ in 0..3 {
        let start = Instant::now();
        let cpu_start = cpu_s();
        articles = 0;
        fragments = 0;
        for (name, text) in &archive {
            match loader::load_bytes(name, text.as_bytes()) {
                Ok(p) => {
                    articles += p.articles.len();
                    fragments += p.fragments.len();
                }
                Err(e) => eprintln!("{name}: {e}"),
            }
        }
        best = best.min(start.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu_start, cpu_s()) {
            best_cpu = best_cpu.min(b - a);
        }
    }
    let cpu_rate = if best_cpu.is_finite() && best_cpu > 0.0 {
        format!("{:.2}", bytes as f64 / 1e6 / best_cpu)
    } else {
        "null".to_string()
    };
    let mb = bytes as f64 / 1e6;
    // Hard shapes: a page of 20,000 short headline-like lines, and one of
    // 5,000 bylined items; both must stay linear.
    let mut rng = synth::Rng::new(3);
    let han: Vec<char> = "吕梁市召开会议部署工作张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗".chars().collect();
    let mut word = |n: usize| -> String { (0..n).map(|_| han[rng.below(han.len())]).collect() };
    let heads: String = (0..20_000).map(|i| word(4 + i % 9) + "\n").collect();
    let items: String = (0..5_000).map(|_| format!("{}\n本报讯 {}。\n", word(10), word(30))).collect();
    let time = |text: &str| {
        let start = Instant::now();
        let p = loader::load_text("hard.txt", text, Vec::new());
        (start.elapsed().as_secs_f64(), p.articles.len())
    };
    let (heads_s, _) = time(&heads);
    let (items_s, items_n) = time(&items);
    let digest = if digest {
        let mut h = Fnv::default();
        for (name, text) in &archive {
            match loader::load_bytes(name, text.as_bytes()) {
                Ok(p) => h.write(&format!("{p:?}")),
                Err(e) => h.write(&e.to_string()),
            }
        }
        for text in [&heads, &items] {
            h.write(&format!("{:?}", loader::load_text("hard.txt", text, Vec::new())));
        }
        format!(", \"digest\": \"{:016x}\"", h.0)
    } else {
        String::new()
    };
    println!(
        "{{\"pages\": {pages}, \"articles\": {articles}, \"fragments\": {fragments}, \"corpus_mb\": {mb:.2}, \"load_s\": {best:.3}, \"mb_per_s\": {:.2}, \"cpu_mb_per_s\": {cpu_rate}, \"pages_per_s\": {:.0}, \"threads\": 1, \"headline_lines_20k_s\": {heads_s:.3}, \"items_5k_s\": {items_s:.3}, \"items_5k_articles\": {items_n}{digest}}}",
        mb / best,
        pages as f64 / best
    );
}

/// CPU time used so far by this thread, in seconds (Linux; `None` elsewhere).
fn cpu_s() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// FNV-1a over the bytes written (the output digest).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, s: &str) {
        for &b in s.as_bytes() {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
}
