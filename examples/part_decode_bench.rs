//! How long a second start spends on the index parts stored in a page
//! cache, on one thread: reading each part's bytes from SQLite and decoding
//! them ([`lvread::search::stored_part::decode_any`]), as the read-ahead
//! thread does ([`lvread::search::prefetch`]). CPU time of this thread and
//! its page faults are given beside the wall time, so a busy machine
//! changes the figures less.
//!
//! ```sh
//! cargo run --release --example part_decode_bench -- DIR/cache/CACHE_FILE [--rounds N]
//! ```
//!
//! (archive_bench's cache is `target/archive-bench/N-SEED/cache/`.) Prints
//! one JSON object.

use lvread::cache;
use lvread::search::{index, stored_part};
use std::path::PathBuf;
use std::time::Instant;

#[path = "common/measure.rs"]
mod measure;
use measure::round;

/// This thread's CPU time (ms), minor and major page faults so far.
fn thread_usage() -> (f64, u64, u64) {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<u64> = rest.split_whitespace().map(|v| v.parse().unwrap_or(0)).collect();
    // (state is field 3; minflt 10, majflt 12, utime 14, stime 15 — here
    // counted from field 3 at index 0.)
    let get = |n: usize| f.get(n - 3).copied().unwrap_or(0);
    let ticks = 100.0;
    ((get(14) + get(15)) as f64 * 1000.0 / ticks, get(10), get(12))
}

fn main() {
    let mut db: Option<PathBuf> = None;
    let mut rounds = 1usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rounds" => rounds = args.next().and_then(|v| v.parse().ok()).unwrap_or(rounds),
            other => db = Some(PathBuf::from(other)),
        }
    }
    let Some(db) = db else {
        eprintln!(
            "part_decode_bench: give the cache file (e.g. target/archive-bench/100000-2023/cache/{})",
            cache::CACHE_FILE
        );
        std::process::exit(2);
    };
    let c = match cache::PageCache::open(&db, cache::LOADER_VERSION) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("part_decode_bench: cannot open {}: {e}", db.display());
            std::process::exit(1);
        }
    };
    let groups = c.list_parts(stored_part::FORMAT);
    let mut runs = Vec::new();
    for _ in 0..rounds {
        let (cpu0, min0, maj0) = thread_usage();
        let t = Instant::now();
        let (mut bytes, mut docs, mut failed) = (0usize, 0u64, 0usize);
        let mut kept = Vec::new();
        for (grp, _) in &groups {
            let read = c.read_part_of_group(grp, stored_part::FORMAT, |_, blob| {
                bytes += blob.len();
                stored_part::decode_any(blob, index::KEYS)
            });
            match read {
                Some((n, pieces)) => {
                    docs += u64::from(n);
                    // Kept, as a second start keeps them.
                    kept.push(pieces);
                }
                None => failed += 1,
            }
        }
        let wall = t.elapsed().as_secs_f64();
        let (cpu1, min1, maj1) = thread_usage();
        let t = Instant::now();
        drop(kept);
        let drop_s = t.elapsed().as_secs_f64();
        runs.push(serde_json::json!({
            "parts": groups.len(),
            "failed": failed,
            "documents": docs,
            "mb": round(bytes as f64 / 1_048_576.0, 1),
            "wall_s": round(wall, 3),
            "cpu_s": round((cpu1 - cpu0) / 1000.0, 3),
            "minor_faults": min1 - min0,
            "major_faults": maj1 - maj0,
            "drop_s": round(drop_s, 3),
        }));
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let out = serde_json::json!({
        "runs": runs,
        "load_average": load.split_whitespace().take(3).collect::<Vec<_>>().join(" "),
    });
    println!("{out}");
}
