//! Reflow benchmark: lays out the longest bundled article (by characters of
//! body text) at several widths and prints the median time per layout.
//!
//! Run with `cargo bench --bench reflow`.

use lvread::layout::article::ArticleLayout;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn main() {
    let pages = lvread::loader::bundled();
    let Some(article) = pages.iter().flat_map(|p| p.articles.iter()).max_by_key(|a| a.body_chars()) else {
        eprintln!("no bundled article");
        return;
    };
    println!(
        "longest bundled article: {} characters of body text, {} paragraphs",
        article.body_chars(),
        article.paragraphs.len()
    );
    for width in [40usize, 80, 200] {
        let mut samples: Vec<Duration> = Vec::new();
        let mut lines = 0;
        for _ in 0..200 {
            let t = Instant::now();
            let l = black_box(ArticleLayout::new(black_box(article), width));
            samples.push(t.elapsed());
            lines = l.lines.len();
        }
        samples.sort();
        let median = samples[samples.len() / 2];
        let worst = samples[samples.len() - 1];
        println!(
            "width {width:>3}: {lines:>4} lines, median {:>7.1} µs, max {:>7.1} µs",
            median.as_secs_f64() * 1e6,
            worst.as_secs_f64() * 1e6
        );
    }
}
