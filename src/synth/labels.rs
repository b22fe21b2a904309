//! The gold roles of the loader's lines on a synthetic page: each line the
//! loader reads ([`crate::loader::lines::Line`], numbered as in the raw
//! text) gets the state of the page grammar the typesetter printed it as,
//! for fitting and checking the line model ([`crate::loader::line_model`]).

use super::typeset::{LineRole, SynthPage};
use crate::loader::line_model::State;
use crate::loader::lines::Line;

/// The gold state of each of `lines` (read from `page.raw`). Lines told by
/// their form keep their fixed state; a plain text line takes its printed
/// role: kicker, headline, subtitle and banner lines are headline lines;
/// a byline, caption or credit the loader did not recognise by its form is
/// read as a paragraph of its own.
pub fn gold_states(page: &SynthPage, lines: &[Line]) -> Vec<State> {
    lines
        .iter()
        .map(|l| {
            if let Some(s) = State::fixed(&l.role) {
                return s;
            }
            let role = l.no.checked_sub(1).and_then(|k| page.labels.get(k)).map_or(LineRole::Blank, |x| x.role);
            match role {
                LineRole::Kicker | LineRole::Headline | LineRole::Subtitle | LineRole::Banner | LineRole::Continued => {
                    State::Head
                }
                LineRole::Subheading => State::Sub,
                LineRole::ParaFirst | LineRole::Byline => State::First,
                LineRole::ParaMiddle => State::Middle,
                LineRole::ParaLast => State::Last,
                LineRole::ParaWhole | LineRole::Caption | LineRole::Credit | LineRole::Blank => State::Whole,
            }
        })
        .collect()
}

/// The lines the loader reads from a synthetic page (as `load_text` does).
pub fn loader_lines(page: &SynthPage) -> Vec<Line> {
    crate::loader::lines::read_lines(&crate::loader::decode::clean(&page.raw))
}
