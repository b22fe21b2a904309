//! Page cache benchmark: `cargo run --release --example cache_bench -- --pages N [--dir D]`.
//!
//! Writes N synthetic pages ([`lvread::synth`]) as files into D (kept, so a
//! second run reuses them; default: a folder in the system's temp dir),
//! then with a fresh cache in D/cache:
//! - encodes and decodes every page with postcard and with serde_json
//!   (time and size of each);
//! - loads the folder cold (parse every file and fill the cache), then warm
//!   (every page read back from the cache), as `lvread` does.
//!
//! Prints one JSON object.

use lvread::cache::record::{self, Encoding};
use lvread::{archive, cache};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[path = "common/archive.rs"]
mod archive_files;
#[path = "common/measure.rs"]
mod measure;
use measure::{round, status_mb};

fn main() {
    let mut n = 1000usize;
    let mut seed = 2023u64;
    let mut dir: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pages" => n = args.next().and_then(|v| v.parse().ok()).unwrap_or(n),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).unwrap_or(seed),
            "--dir" => dir = args.next().map(PathBuf::from),
            other => {
                eprintln!("cache_bench: unknown argument {other:?} (use --pages N [--seed S] [--dir D])");
                std::process::exit(2);
            }
        }
    }
    let dir = dir.unwrap_or_else(|| std::env::temp_dir().join(format!("lvread-cache-bench-{n}-{seed}")));
    let t = Instant::now();
    let corpus = match archive_files::write_archive(&dir.join("pages"), n, seed, 10_000, "cache_bench") {
        Ok(bytes) => bytes as usize,
        Err(e) => {
            eprintln!("cache_bench: cannot write the archive under {}: {e}", dir.display());
            std::process::exit(1);
        }
    };
    let write_s = t.elapsed().as_secs_f64();
    let cache_dir = dir.join("cache");
    let _ = std::fs::remove_dir_all(&cache_dir);
    if let Some(n) = cache::init_at(Some(&cache_dir.join(cache::CACHE_FILE))) {
        eprintln!("cache_bench: {n}");
    }
    let roots = vec![dir.join("pages")];

    let t = Instant::now();
    let cold = archive::load_paths(&roots);
    let cold_s = t.elapsed().as_secs_f64();
    let db_bytes: u64 = cache::db::files_of(&cache_dir.join(cache::CACHE_FILE))
        .iter()
        .filter_map(|p| p.metadata().ok())
        .map(|m| m.len())
        .sum();

    // Encodings compared on the same pages.
    let mut enc = serde_json::Map::new();
    for (name, how) in [("postcard", Encoding::Postcard), ("serde_json", Encoding::Json)] {
        let t = Instant::now();
        let blobs: Vec<Vec<u8>> = cold.pages.iter().map(|p| record::encode(std::slice::from_ref(p), how)).collect();
        let encode_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let back = blobs.iter().filter(|b| record::decode(b, Path::new("x"), how).is_some()).count();
        let decode_s = t.elapsed().as_secs_f64();
        assert_eq!(back, blobs.len());
        enc.insert(
            name.to_string(),
            serde_json::json!({
                "mb": round(blobs.iter().map(Vec::len).sum::<usize>() as f64 / 1_048_576.0, 1),
                "encode_s": round(encode_s, 3),
                "decode_s": round(decode_s, 3),
            }),
        );
    }
    drop(cold);
    let rss_before_warm = status_mb("VmRSS:");

    let t = Instant::now();
    let warm = archive::load_paths(&roots);
    let warm_s = t.elapsed().as_secs_f64();
    let articles: usize = warm.pages.iter().map(|p| p.articles.len()).sum();

    let out = serde_json::json!({
        "pages": n,
        "loaded": warm.pages.len(),
        "articles": articles,
        "corpus_mb": round(corpus as f64 / 1_048_576.0, 1),
        "write_files_s": round(write_s, 2),
        "cold_load_s": round(cold_s, 3),
        "warm_load_s": round(warm_s, 3),
        "cache_mb": round(db_bytes as f64 / 1_048_576.0, 1),
        "encodings": enc,
        "rss_before_warm_mb": round(rss_before_warm, 1),
        "threads": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
    });
    println!("{out}");
}
