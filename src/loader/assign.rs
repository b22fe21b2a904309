//! Pairing by content: how much a headline (or caption) shares with a body,
//! and the best one-to-one assignment of headlines to bodies for a page.
//!
//! Overlap is measured on character bigrams of Han text and on whole Latin
//! or digit tokens, each weighted by its rarity on the page (IDF), so that a
//! shared `老旧小区` counts for more than a shared `工作`.

use super::normalize::is_han;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Terms of a text: Han bigrams and alphanumeric tokens, hashed.
pub fn terms(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut token = String::new();
    for c in text.chars() {
        if is_han(c) {
            if let Some(p) = prev {
                out.push(hash2(p, c));
            }
            prev = Some(c);
        } else {
            prev = None;
        }
        if c.is_ascii_alphanumeric() {
            token.push(c.to_ascii_lowercase());
        } else if !token.is_empty() {
            out.push(hash_str(&token));
            token.clear();
        }
    }
    if !token.is_empty() {
        out.push(hash_str(&token));
    }
    out
}

fn hash2(a: char, b: char) -> u64 {
    ((a as u64) << 32) | b as u64
}

fn hash_str(s: &str) -> u64 {
    // FNV-1a, with the top bit set so it never collides with a bigram.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h | (1 << 63)
}

/// The bodies of a page, indexed for scoring.
pub struct Bodies {
    sets: Vec<HashSet<u64>>,
    leads: Vec<HashSet<u64>>,
    idf: HashMap<u64, f32>,
    /// Term → the bodies holding it, in print order.
    postings: HashMap<u64, Vec<u32>>,
    /// (text, body) pairs scored so far: the pairing work done on the page.
    evaluations: std::cell::Cell<usize>,
}

/// How many bodies on each side of a headline (or caption) it may be
/// paired with: a page prints a headline near its body, and bounding the
/// candidates keeps the work on a very long page linear in its length.
pub const PAIR_WINDOW: usize = 24;

/// The bodies a text standing between bodies `prev` and `next` (either
/// may be missing) may be paired with: [`PAIR_WINDOW`] on each side.
pub fn window(prev: Option<usize>, next: Option<usize>) -> std::ops::Range<usize> {
    let (lo, hi) = match (prev, next) {
        (Some(p), Some(n)) => (p.min(n), p.max(n)),
        (Some(x), None) | (None, Some(x)) => (x, x),
        (None, None) => (0, 0),
    };
    lo.saturating_sub(PAIR_WINDOW)..hi.saturating_add(PAIR_WINDOW + 1)
}

/// How many characters of a body count as its lead.
const LEAD_CHARS: usize = 160;

impl Bodies {
    /// Indexes the given body texts.
    pub fn new(texts: &[String]) -> Bodies {
        let sets: Vec<HashSet<u64>> = texts.iter().map(|t| terms(t).into_iter().collect()).collect();
        let leads = texts
            .iter()
            .map(|t| {
                let lead: String = t.chars().take(LEAD_CHARS).collect();
                terms(&lead).into_iter().collect()
            })
            .collect();
        let mut df: HashMap<u64, u32> = HashMap::default();
        for s in &sets {
            for &g in s {
                *df.entry(g).or_default() += 1;
            }
        }
        let n = sets.len().max(1) as f32;
        let idf = df.into_iter().map(|(g, d)| (g, ((n + 1.0) / d as f32).ln() + 0.2)).collect();
        let mut postings: HashMap<u64, Vec<u32>> = HashMap::default();
        for (b, s) in sets.iter().enumerate() {
            for &g in s {
                postings.entry(g).or_default().push(b as u32);
            }
        }
        Bodies { sets, leads, idf, postings, evaluations: std::cell::Cell::new(0) }
    }

    /// The score of a text against every body that shares a term with it
    /// (the others score 0), without visiting the others.
    pub fn scores(&self, text: &str) -> Vec<(usize, f32)> {
        self.scores_in(text, 0..usize::MAX)
    }

    /// As [`Bodies::scores`], for the bodies in `range` only (see [`window`]).
    pub fn scores_in(&self, text: &str, range: std::ops::Range<usize>) -> Vec<(usize, f32)> {
        let ts: HashSet<u64> = terms(text).into_iter().collect();
        let total: f32 = ts.iter().map(|&g| self.weight(g)).sum();
        if total == 0.0 {
            return Vec::new();
        }
        let (lo, hi) = (range.start.min(u32::MAX as usize) as u32, range.end.min(u32::MAX as usize) as u32);
        let mut acc: HashMap<u32, f32> = HashMap::default();
        for &g in &ts {
            let w = self.weight(g);
            let all = self.postings.get(&g).map(Vec::as_slice).unwrap_or(&[]);
            let near = &all[all.partition_point(|&b| b < lo)..all.partition_point(|&b| b < hi)];
            self.evaluations.set(self.evaluations.get() + near.len());
            for &b in near {
                let lead = self.leads[b as usize].contains(&g);
                *acc.entry(b).or_default() += if lead { 1.5 * w } else { w };
            }
        }
        let mut out: Vec<(usize, f32)> = acc.into_iter().map(|(b, h)| (b as usize, h / (1.5 * total))).collect();
        out.sort_by_key(|x| x.0);
        out
    }

    /// The body a text scores best against, with its score.
    pub fn best(&self, text: &str) -> Option<(usize, f32)> {
        self.best_in(text, 0..usize::MAX)
    }

    /// As [`Bodies::best`], for the bodies in `range` only.
    pub fn best_in(&self, text: &str, range: std::ops::Range<usize>) -> Option<(usize, f32)> {
        self.scores_in(text, range).into_iter().max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
    }

    /// (Text, body) term lookups made so far on this page.
    pub fn evaluations(&self) -> usize {
        self.evaluations.get()
    }

    pub fn len(&self) -> usize {
        self.sets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sets.is_empty()
    }

    /// Weight of a term: rare on the page counts more; a term found in no
    /// body still counts (it makes the headline's total).
    fn weight(&self, g: u64) -> f32 {
        self.idf.get(&g).copied().unwrap_or(((self.sets.len() as f32 + 1.0).ln()) + 0.2)
    }

    /// Share (0–1) of a text's weighted terms found in body `b`, with the
    /// body's lead counting extra.
    pub fn score(&self, text: &str, b: usize) -> f32 {
        let ts: HashSet<u64> = terms(text).into_iter().collect();
        self.score_terms(&ts, b)
    }

    /// Share (0–1) of a headline's weighted terms found in any text (not one
    /// of the indexed bodies), with the page's weights.
    pub fn score_against(&self, headline: &str, text: &str) -> f32 {
        let ts: HashSet<u64> = terms(headline).into_iter().collect();
        let body: HashSet<u64> = terms(text).into_iter().collect();
        let total: f32 = ts.iter().map(|&g| self.weight(g)).sum();
        if total == 0.0 {
            return 0.0;
        }
        ts.iter().filter(|g| body.contains(g)).map(|&g| self.weight(g)).sum::<f32>() / total
    }

    /// As [`Bodies::score`], for terms already computed.
    pub fn score_terms(&self, ts: &HashSet<u64>, b: usize) -> f32 {
        let (Some(set), Some(lead)) = (self.sets.get(b), self.leads.get(b)) else {
            return 0.0;
        };
        let mut total = 0.0;
        let mut hit = 0.0;
        let mut hit_lead = 0.0;
        for &g in ts {
            let w = self.weight(g);
            total += w;
            if set.contains(&g) {
                hit += w;
                if lead.contains(&g) {
                    hit_lead += w;
                }
            }
        }
        if total == 0.0 {
            return 0.0;
        }
        (hit + 0.5 * hit_lead) / (1.5 * total)
    }
}

/// Best assignment of rows to columns maximising the summed score, with
/// each row taking at most one column and each column at most one row.
/// Pairs scoring below `min` are never made; such rows stay unassigned.
pub fn assign(scores: &[Vec<f32>], min: f32) -> Vec<Option<usize>> {
    let n = scores.len();
    let m = scores.first().map_or(0, Vec::len);
    if n == 0 || m == 0 {
        return vec![None; n];
    }
    if n * m > 250_000 {
        return greedy(scores, min);
    }
    // Hungarian method (minimisation) on an n × (m + n) matrix: the extra
    // columns mean "unassigned" and cost nothing.
    let cols = m + n;
    const FORBID: f64 = 1e9;
    let cost = |i: usize, j: usize| -> f64 {
        if j < m {
            let s = scores[i][j];
            if s >= min { -(s as f64) } else { FORBID }
        } else {
            0.0
        }
    };
    // e-maxx formulation, 1-based, rows ≤ columns.
    let mut u = vec![0f64; n + 1];
    let mut v = vec![0f64; cols + 1];
    let mut p = vec![0usize; cols + 1];
    let mut way = vec![0usize; cols + 1];
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0usize;
        let mut minv = vec![f64::INFINITY; cols + 1];
        let mut used = vec![false; cols + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = f64::INFINITY;
            let mut j1 = 0usize;
            for j in 1..=cols {
                if !used[j] {
                    let cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=cols {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut out = vec![None; n];
    for j in 1..=cols {
        if p[j] != 0 && j - 1 < m && scores[p[j] - 1][j - 1] >= min {
            out[p[j] - 1] = Some(j - 1);
        }
    }
    out
}

/// As [`assign`], for sparse rows of `(column, score)` over `m` columns;
/// large pages are paired greedily, best pairs first.
pub fn assign_sparse(rows: &[Vec<(usize, f32)>], m: usize, min: f32) -> Vec<Option<usize>> {
    if rows.len() * m <= 250_000 {
        let dense: Vec<Vec<f32>> = rows
            .iter()
            .map(|r| {
                let mut d = vec![0.0; m];
                for &(j, s) in r {
                    if j < m {
                        d[j] = s;
                    }
                }
                d
            })
            .collect();
        return assign(&dense, min);
    }
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        for &(j, s) in row {
            if s >= min && j < m {
                pairs.push((s, i, j));
            }
        }
    }
    pick_best_pairs(pairs, rows.len())
}

fn pick_best_pairs(mut pairs: Vec<(f32, usize, usize)>, n: usize) -> Vec<Option<usize>> {
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out = vec![None; n];
    let mut taken = HashSet::default();
    for (_, i, j) in pairs {
        if out[i].is_none() && !taken.contains(&j) {
            out[i] = Some(j);
            taken.insert(j);
        }
    }
    out
}

/// Best pairs first: for pages too large for the exact method.
fn greedy(scores: &[Vec<f32>], min: f32) -> Vec<Option<usize>> {
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (i, row) in scores.iter().enumerate() {
        for (j, &s) in row.iter().enumerate() {
            if s >= min {
                pairs.push((s, i, j));
            }
        }
    }
    pick_best_pairs(pairs, scores.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_shared_words_score_high() {
        let bodies = Bodies::new(&[
            "市委书记孙大军深入离石区调研老旧小区改造工作。".to_string(),
            "全市青少年工作联席会议第四次全体会议召开。".to_string(),
        ]);
        let s0 = bodies.score("孙大军在离石区调研老旧小区改造工作", 0);
        let s1 = bodies.score("孙大军在离石区调研老旧小区改造工作", 1);
        assert!(s0 > 0.6 && s1 < 0.1, "{s0} {s1}");
    }

    #[test]
    fn the_assignment_is_best_for_the_whole_page() {
        // Row 0 prefers column 0 slightly, but row 1 can only use column 0.
        let scores = vec![vec![0.9, 0.8], vec![0.85, 0.0]];
        assert_eq!(assign(&scores, 0.1), vec![Some(1), Some(0)]);
        // Below the minimum nothing is paired.
        assert_eq!(assign(&[vec![0.05, 0.02]], 0.1), vec![None]);
        // More rows than columns: the weakest row is left out.
        assert_eq!(assign(&[vec![0.5], vec![0.9], vec![0.3]], 0.1), vec![None, Some(0), None]);
    }

    #[test]
    fn sparse_scores_agree_with_single_scores() {
        let bodies = Bodies::new(&["吕梁市召开会议".to_string(), "交口县召开会议".to_string(), "无关".to_string()]);
        let sparse = bodies.scores("交口县会议");
        for (b, s) in &sparse {
            assert!((bodies.score("交口县会议", *b) - s).abs() < 1e-5);
        }
        assert!(sparse.iter().all(|(b, _)| *b != 2));
        assert_eq!(bodies.best("交口县会议").map(|x| x.0), Some(1));
    }

    #[test]
    fn greedy_agrees_on_clear_cases() {
        let scores = vec![vec![0.9, 0.1], vec![0.2, 0.8]];
        assert_eq!(greedy(&scores, 0.1), vec![Some(0), Some(1)]);
    }
}
