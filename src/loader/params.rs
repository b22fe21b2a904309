//! The loader's tunable numbers in one value: the boundary score's weights
//! ([`boundary::WEIGHTS`]) and the hand-set thresholds read beside them.
//! The loader reads them from a [`Params`] passed down by reference; its
//! [`Default`] (and [`Params::COMMITTED`]) is the committed table, what
//! every loading function uses. Only a fitter (`examples/fit_boundary.rs
//! --items`) loads pages with another candidate table, to score it by the
//! items it gets right.

use super::boundary::{self, Term};

/// The boundary weights and the thresholds the loader reads at run time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// The weight of each [`Term`], indexed by `term as usize` (the order of
    /// [`boundary::WEIGHTS`]).
    pub weights: [f32; boundary::WEIGHTS.len()],
    /// The least text an item must keep before a photo item is cut off it
    /// ([`boundary::PHOTO_BEFORE_MIN`]).
    pub photo_before_min: usize,
    /// The fewest words the first sentence after an opener must hold to
    /// tell a turn of subject ([`boundary::OPENER_TURN_MIN_TERMS`]).
    pub opener_turn_min_terms: usize,
    /// The fewest words a headline must share with the first sentence after
    /// a gap for that sentence to name its subject
    /// ([`boundary::HEADLINE_SHARED_MIN`]).
    pub headline_shared_min: usize,
    /// The most characters of a kicker over a labelled title
    /// ([`units::MAX_KICKER_CHARS`](super::units::MAX_KICKER_CHARS)).
    pub max_kicker_chars: usize,
}

impl Params {
    /// The committed table: the constants of `boundary.rs` and `units.rs`.
    pub const COMMITTED: Params = Params {
        weights: committed_weights(),
        photo_before_min: boundary::PHOTO_BEFORE_MIN,
        opener_turn_min_terms: boundary::OPENER_TURN_MIN_TERMS,
        headline_shared_min: boundary::HEADLINE_SHARED_MIN,
        max_kicker_chars: super::units::MAX_KICKER_CHARS,
    };

    /// The weight of `term`.
    #[inline]
    pub fn weight(&self, term: Term) -> f32 {
        self.weights[term as usize]
    }
}

impl Default for Params {
    fn default() -> Params {
        Params::COMMITTED
    }
}

/// The weights of [`boundary::WEIGHTS`], in its order.
const fn committed_weights() -> [f32; boundary::WEIGHTS.len()] {
    let mut w = [0.0; boundary::WEIGHTS.len()];
    let mut k = 0;
    while k < w.len() {
        w[k] = boundary::WEIGHTS[k].1;
        k += 1;
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_the_committed_table() {
        let p = Params::default();
        for (k, (t, w)) in boundary::WEIGHTS.iter().enumerate() {
            assert_eq!(*t as usize, k);
            assert_eq!(p.weight(*t), *w, "{t:?}");
        }
        assert_eq!(p, Params::COMMITTED);
    }
}
