//! A page many megabytes long (the bundled pages printed one after another,
//! over and over) loads in work that grows linearly with its length: a
//! headline is paired only with the bodies near it.

use lvread::loader::{self, assemble::assemble};

#[test]
fn pairing_work_on_a_long_page_grows_linearly() {
    let issue: String = loader::BUNDLED.iter().map(|(_, t)| *t).collect::<Vec<_>>().join("\n");
    let small = assemble(&issue.repeat(4));
    let big = assemble(&issue.repeat(32));
    assert!(issue.len() * 32 > 2_500_000, "{}", issue.len());
    // Eight times the text: about eight times the articles…
    assert!(big.articles.len() >= small.articles.len() * 7, "{} vs {}", big.articles.len(), small.articles.len());
    // …and about eight times the pairing work, not sixty-four.
    assert!(small.pair_evaluations > 0);
    assert!(
        big.pair_evaluations <= small.pair_evaluations * 9,
        "{} vs {}",
        big.pair_evaluations,
        small.pair_evaluations
    );
}
