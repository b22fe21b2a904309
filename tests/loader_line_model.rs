//! The line model (`src/loader/line_model.rs`) decodes generated pages it
//! was fitted on the kind of: on the first pages of each fitting set, most
//! plain text lines get the role the typesetter printed them as, and nearly
//! every headline-or-not decision is right. Reads the news corpus from
//! `../shared`; skipped with a notice when it is absent.

use lvread::loader::line_model::{Model, State, features};
use lvread::synth::labels::{gold_states, loader_lines};
use lvread::synth::source::{self, Half};
use lvread::synth::{Shape, sets};
use std::path::Path;

#[test]
fn decoding_generated_pages_gives_their_gold_roles() {
    let material = match source::load(Path::new(env!("CARGO_MANIFEST_DIR"))) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("skipped: the shared corpus is missing ({e})");
            return;
        }
    };
    for shape in Shape::ALL {
        let (mut n, mut right, mut heading_right) = (0usize, 0usize, 0usize);
        for page in sets::pages(&material, Half::Fit, shape, 15) {
            let lines = loader_lines(&page);
            let gold = gold_states(&page, &lines);
            let decoded = Model::fitted().decode(&lines, &features(&lines));
            for (g, d) in gold.iter().zip(&decoded) {
                if g.index() < State::TEXT {
                    n += 1;
                    right += usize::from(g == d);
                    heading_right += usize::from(g.is_heading() == d.is_heading());
                }
            }
        }
        assert!(n > 200, "{shape:?}: only {n} text lines");
        let share = |k: usize| k as f64 / n as f64;
        assert!(share(right) >= 0.93, "{shape:?}: {right} of {n} lines get their gold role");
        assert!(share(heading_right) >= 0.98, "{shape:?}: {heading_right} of {n} headline decisions right");
    }
}

#[test]
fn an_unfitted_model_does_not_pass_for_a_fitted_one() {
    // The check above can fail: a model with every weight zero gets the
    // roles of plain text lines mostly wrong.
    let material = match source::load(Path::new(env!("CARGO_MANIFEST_DIR"))) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("skipped: the shared corpus is missing ({e})");
            return;
        }
    };
    let (mut n, mut right) = (0usize, 0usize);
    for page in sets::pages(&material, Half::Fit, Shape::Columns, 5) {
        let lines = loader_lines(&page);
        let gold = gold_states(&page, &lines);
        let decoded = Model::zero().decode(&lines, &features(&lines));
        for (g, d) in gold.iter().zip(&decoded) {
            if g.index() < State::TEXT {
                n += 1;
                right += usize::from(g == d);
            }
        }
    }
    assert!((right as f64) < 0.9 * n as f64, "{right} of {n}");
}
