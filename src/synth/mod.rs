//! Synthetic pages.
//!
//! Two generators live here:
//! - the **archive** generator for benchmarks ([`page`], [`pages`]): any
//!   number of raw pages made from the bundled ones, varied so that nothing is
//!   trivially cached or repeated verbatim;
//! - the **corpus** for measuring the loader: stories ([`source`]) composed
//!   into newspaper items ([`compose`]), printed in the shapes extractors give
//!   ([`typeset`]), with their perfect tree and gold, in fixed fitting and
//!   evaluation sets ([`sets`]), scored by [`score`] (the port of
//!   `../shared/tools/score_tree.py`) — see [`evaluate`].
//!
//! The archive generator: each synthetic page starts from one bundled page and
//! keeps its raw conventions (PDF-extractor line breaks, blank-line-separated
//! blocks, bylines, headlines); then, deterministically from the seed:
//! - about one block in four is swapped for a block of another bundled page;
//! - about 2% of Han characters are replaced by other Han characters of the
//!   bundled text, and about 10% of digits by other digits.
//!
//! Pages are named `YYYY-MM-DD_pNN.txt`: eight pages per issue, one issue a
//! day going back from 2023-11-30, so 10,000 pages span 1,250 dates.

pub mod compose;
pub mod labels;
pub mod score;
pub mod sets;
pub mod source;
pub mod tree;
pub mod typeset;

pub use score::{Score, score_issue};
pub use source::Half;
pub use typeset::{Shape, SynthPage};

use crate::loader::BUNDLED;

/// Pages per synthetic issue (date).
pub const PAGES_PER_ISSUE: usize = 8;

/// A small deterministic generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `per_mille / 1000`.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.next_u64() % 1000 < per_mille
    }
}

/// The blank-line-separated blocks of a raw page (each without the blank lines).
pub fn blocks(raw: &str) -> Vec<&str> {
    raw.split("\n\n").map(|b| b.trim_matches('\n')).filter(|b| !b.trim().is_empty()).collect()
}

/// The date `days` days before 2023-11-30, as `YYYY-MM-DD`.
pub fn date_before(days: usize) -> String {
    // Days since 1970-01-01 of 2023-11-30 is 19691.
    let z = 19691i64 - days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The material pages are made of, gathered once.
struct Material {
    per_page: Vec<Vec<&'static str>>,
    pool: Vec<&'static str>,
    han: Vec<char>,
}

fn material() -> &'static Material {
    static M: std::sync::OnceLock<Material> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        let per_page: Vec<Vec<&'static str>> = BUNDLED.iter().map(|(_, raw)| blocks(raw)).collect();
        let pool = per_page.iter().flatten().copied().collect();
        let han =
            BUNDLED.iter().flat_map(|(_, raw)| raw.chars()).filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c)).collect();
        Material { per_page, pool, han }
    })
}

/// The file name of synthetic page number `k`.
pub fn name(k: usize) -> String {
    format!("{}_p{:02}.txt", date_before(k / PAGES_PER_ISSUE), k % PAGES_PER_ISSUE + 1)
}

/// Synthetic page number `k` as `(file name, raw text)`: the same for the
/// same `(k, seed)`, so an archive can be made one page at a time.
pub fn page(k: usize, seed: u64) -> (String, String) {
    let m = material();
    let mut rng = Rng::new(seed ^ (k as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
    let base = &m.per_page[rng.below(m.per_page.len())];
    let mut text = String::with_capacity(BUNDLED[0].1.len() + 1024);
    for (i, block) in base.iter().enumerate() {
        let block = if i > 0 && rng.chance(250) { m.pool[rng.below(m.pool.len())] } else { block };
        if i > 0 {
            text.push_str("\n\n");
        }
        for c in block.chars() {
            let c = if ('\u{4E00}'..='\u{9FFF}').contains(&c) && rng.chance(20) && !m.han.is_empty() {
                m.han[rng.below(m.han.len())]
            } else if c.is_ascii_digit() && rng.chance(100) {
                (b'0' + rng.below(10) as u8) as char
            } else {
                c
            };
            text.push(c);
        }
    }
    text.push('\n');
    (name(k), text)
}

/// `n` synthetic raw pages as `(file name, raw text)`, the same for the same
/// `seed` (pages `0..n` of [`page`]).
pub fn pages(n: usize, seed: u64) -> Vec<(String, String)> {
    (0..n).map(|k| page(k, seed)).collect()
}

/// What the loader makes of a synthetic page, as a dump-shaped tree.
pub fn load(page: &SynthPage) -> tree::TreeIssue {
    tree::TreeIssue::from(&crate::loader::load_text(&page.name, &page.raw, Vec::new()))
}

/// Loads every page with the loader and scores it against its gold, raw
/// text and perfect tree: the sum, and per page its name and report lines
/// (problems only).
pub fn evaluate(pages: &[SynthPage]) -> (Score, Vec<(String, Vec<String>)>) {
    let mut total = Score::default();
    let mut reports = Vec::new();
    for p in pages {
        let out = load(p);
        let (s, report) = score_issue(&p.gold, &out, Some(&p.raw), Some(&p.perfect), true);
        total += s;
        if !report.is_empty() {
            reports.push((p.name.clone(), report));
        }
    }
    (total, reports)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_back_from_the_last_issue() {
        assert_eq!(date_before(0), "2023-11-30");
        assert_eq!(date_before(30), "2023-10-31");
        assert_eq!(date_before(365), "2022-11-30");
        assert_eq!(date_before(1370), "2020-02-29");
    }

    #[test]
    fn pages_are_varied_deterministic_and_dated() {
        let a = pages(40, 7);
        assert_eq!(a, pages(40, 7));
        assert_ne!(a, pages(40, 8));
        assert_eq!(a[0].0, "2023-11-30_p01.txt");
        assert_eq!(a[9].0, "2023-11-29_p02.txt");
        let distinct: std::collections::HashSet<&String> = a.iter().map(|(_, t)| t).collect();
        assert_eq!(distinct.len(), 40, "no two pages alike");
        for (_, t) in &a {
            assert!(t.contains("\n\n") && t.len() > 5_000);
            assert!(BUNDLED.iter().all(|(_, b)| b != t));
        }
    }
}
