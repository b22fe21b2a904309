//! Article starts told by content: a line left in the body that names the
//! text after it, not the text before it, is that text's headline.
//!
//! An item printed with no opening byline (a notice, a photo item, a
//! reprint signed only at its end) runs straight on from the body before
//! it, so its headline, a line as wide as the column, reads like one more
//! body line and the item merges into its neighbour. What gives the
//! headline away is what it says: its words come back in the text below it
//! (a notice's title in its first sentence and its signatory, a news
//! headline in its lead) and not in the text above it. A candidate is a
//! line set apart by a blank line that stands after a finished sentence (or
//! a caption or closing byline) and before body text, and neither finishes
//! a sentence itself nor holds a comma (a paragraph's first clause does); its boundary score is the line model's heading margin
//! plus [`CONTENT_WEIGHT`] times how much better its words match the text
//! after it than the text before it (or, at [`BACK_WEIGHT`], the other way
//! round: a headline printed after its body). A score above
//! [`line_model::MAKE_HEAD`] makes it a headline. The weights and the floor
//! were chosen on the fitting set.

use super::line_model;
use super::lines::{Line, Role, is_sentence_end};
use super::normalize::is_han;

/// How much a headline's content match (share of its words found in the
/// text after it, less the share found in the text before) adds to its
/// heading margin.
pub const CONTENT_WEIGHT: f32 = 500.0;

/// The same for a line matching the text before it better than the text
/// after it (headlines printed after their bodies): weaker, since a
/// paragraph's first line often sums up what was just said.
pub const BACK_WEIGHT: f32 = 0.6;

/// Lines the model is this sure are body are never promoted.
pub const FLOOR: f32 = -200.0;

/// How many characters of text on each side a candidate is matched with.
const WINDOW: usize = 300;

/// The shortest and longest headline (in Han characters) considered.
const MIN_HAN: usize = 5;
const MAX_HAN: usize = 48;

/// Turns into headlines the body lines that start an item by content (see
/// the module's doc). `sure` is the line model's heading margin per line;
/// `head` the headline verdicts so far, changed in place.
pub fn promote(lines: &[Line], sure: &[f32], head: &mut [bool]) {
    let mut terms: Vec<u64> = Vec::new();
    for i in 0..lines.len() {
        if head[i] || lines[i].role != Role::Text || sure[i] <= FLOOR {
            continue;
        }
        let text = lines[i].text.as_str();
        let han = text.chars().filter(|&c| is_han(c)).count();
        if !(MIN_HAN..=MAX_HAN).contains(&han) || is_sentence_end(text) || text.contains(['。', '，', ',']) {
            continue;
        }
        // It stands where an item may start: after a finished sentence (or
        // a caption, credit or closing byline) and before body text.
        let (Some(p), n) = (i.checked_sub(1), i + 1) else { continue };
        let after_end = match lines[p].role {
            Role::Text => !head[p] && is_sentence_end(&lines[p].text),
            Role::Caption { .. } | Role::PhotoCredit | Role::TrailByline | Role::Jump => true,
            _ => false,
        };
        if !after_end || n >= lines.len() || lines[n].role != Role::Text || head[n] {
            continue;
        }
        // Set apart by a blank line on either side.
        if lines[p].no + 1 == lines[i].no && lines[n].no == lines[i].no + 1 {
            continue;
        }
        // Upper bound first: even a perfect match would not be enough.
        if sure[i] + CONTENT_WEIGHT <= line_model::MAKE_HEAD {
            continue;
        }
        terms.clear();
        bigrams(text.chars(), |g| terms.push(g));
        terms.sort_unstable();
        terms.dedup();
        if terms.len() < 3 {
            continue;
        }
        let fwd = share(&terms, lines, head, i + 1..lines.len());
        let bwd = share(&terms, lines, head, (0..i).rev());
        let gain = (fwd - bwd).max(BACK_WEIGHT * (bwd - fwd));
        if sure[i] + CONTENT_WEIGHT * gain > line_model::MAKE_HEAD {
            head[i] = true;
        }
    }
}

/// The bigrams of the body text met going through `order` (line indices),
/// up to [`WINDOW`] characters, stopping at a headline or a byline.
fn window(lines: &[Line], head: &[bool], order: impl Iterator<Item = usize>, mut f: impl FnMut(u64)) {
    let mut taken = 0;
    for j in order {
        if taken >= WINDOW {
            break;
        }
        let l = &lines[j];
        match l.role {
            Role::Text if head[j] => break,
            Role::Text | Role::Caption { .. } => {}
            Role::Byline { .. } => break,
            _ => continue,
        }
        taken += l.text.chars().count();
        bigrams(l.text.chars(), &mut f);
    }
}

/// Share of `terms` (sorted, each once) found in the [`window`] of body
/// text met going through `order`.
fn share(terms: &[u64], lines: &[Line], head: &[bool], order: impl Iterator<Item = usize>) -> f32 {
    if terms.is_empty() {
        return 0.0;
    }
    let mut seen = vec![false; terms.len()];
    window(lines, head, order, |g| {
        if let Ok(k) = terms.binary_search(&g) {
            seen[k] = true;
        }
    });
    let found = seen.iter().filter(|&&x| x).count();
    found as f32 / terms.len() as f32
}

fn bigrams(text: impl Iterator<Item = char>, mut f: impl FnMut(u64)) {
    let mut prev: Option<char> = None;
    for c in text {
        if is_han(c) {
            if let Some(p) = prev {
                f(((p as u64) << 32) | c as u64);
            }
            prev = Some(c);
        } else {
            prev = None;
        }
    }
}
