//! Measuring helpers shared by the benchmark examples (each includes this
//! file with `#[path]`; not every example uses every helper).
#![allow(dead_code)]

/// A `/proc/self/status` memory field (`VmRSS:`, `VmHWM:`) in MB; 0 where
/// there is no such file.
pub fn status_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// The process's peak resident memory so far, in MB.
pub fn peak_rss_mb() -> f64 {
    status_mb("VmHWM:")
}

/// `x` rounded to `places` decimals, for printing.
pub fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

/// The `p` quantile (0–1) of sorted figures; 0 for none.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// The keystroke benchmark's queries (`archive_bench`, `keystroke_hits`),
/// typed one character at a time (Hanzi, full pinyin, initials,
/// mixed, digits, and the short prefixes that used to walk everything).
pub const KEYSTROKE_QUERIES: &[&str] = &[
    "老旧小区改造",
    "吕梁",
    "lvliang",
    "lvlian",
    "qsngzlxhy",
    "zhongmeiyoucheng",
    "sundj",
    "孙大军",
    "青少年工作",
    "2023",
    "gaozhiliangfazhan",
    "营商环境",
    "lyuliangshi",
    "su",
    "qs",
];
