//! Builds PDF pages from invented articles in many layouts (columns,
//! headline sizes and placements, kickers, subtitles, bylines, captions,
//! three font encodings), reads them back and prints how many articles
//! came back right and exactly right. (The e-paper pages in ../shared/pdf are
//! checked against their perfect trees by `tests/pdf_read.rs`.)
//!
//! `cargo run --release --example pdf_eval [PAGES] [-v]`

#[path = "../tests/pdfgen/mod.rs"]
mod pdfgen;
use pdfgen::score;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sets: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(200);
    let verbose = args.iter().any(|a| a == "-v");
    let mut rng = pdfgen::Rng::new(2024);
    let mut total = score::Score::default();
    let mut pages = 0;
    let t = std::time::Instant::now();
    for set in 0..sets {
        let style = pdfgen::Style::random(&mut rng);
        let articles: Vec<_> = (0..rng.range(4, 14)).map(|_| pdfgen::article(&mut rng)).collect();
        let (pdf, expected) = pdfgen::build(&articles, &style);
        if let Ok(dir) = std::env::var("PDF_EVAL_SAVE") {
            let _ = std::fs::write(format!("{dir}/set{set}.pdf"), &pdf);
        }
        let got = match lvread::pdf::read_bytes(&format!("set{set}.pdf"), &pdf) {
            Ok(p) => p,
            Err(e) => {
                println!("set {set}: {e}");
                continue;
            }
        };
        for (i, want) in expected.iter().enumerate() {
            pages += 1;
            let got_articles = got.get(i).map(|p| p.page.articles.clone()).unwrap_or_default();
            let (s, why) = score::score(want, &got_articles);
            total.add(s);
            if verbose {
                for w in why {
                    println!("set {set} page {} {style:?}: {w}", i + 1);
                }
            }
        }
    }
    println!(
        "generated: {pages} pages, articles {}/{} right ({:.1}%), {}/{} exactly right ({:.1}%), spurious {} [{:.2?}]",
        total.right,
        total.expected,
        total.right_pct(),
        total.exact,
        total.expected,
        total.exact_pct(),
        total.spurious,
        t.elapsed()
    );
}
