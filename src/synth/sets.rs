//! The fixed page sets the loader is fitted and evaluated on: each half of
//! the material ([`Half`]) printed in each [`Shape`], deterministically.
//!
//! A page takes two to seven consecutive stories of one corpus day (sometimes
//! with a story of the bundled pages of the same half), composed
//! ([`super::compose`]) and printed ([`super::typeset`]). The fitting and the
//! evaluation sets never share a day, a bundled story or a seed.

use super::Rng;
use super::compose::compose;
use super::source::{Half, Material, Story};
use super::typeset::{Shape, SynthPage, typeset};

/// The seed of one half printed in one shape, in draw `draw` (draw 0 is
/// the fixed set).
fn seed(half: Half, shape: Shape, draw: u64) -> u64 {
    let h = match half {
        Half::Fit => 0x0F17_5EED_u64,
        Half::Eval => 0xE7A1_0000_u64,
    };
    let s = Shape::ALL.iter().position(|x| *x == shape).unwrap_or(0) as u64;
    h.wrapping_mul(0x9E37_79B9).wrapping_add(s * 0x1_0001) ^ draw.wrapping_mul(0xD1B5_4A32_D192_ED03)
}

/// The pages of one set, at most `max_pages` of them (the first ones: a
/// smaller slice is a prefix of the full set).
pub fn pages(material: &Material, half: Half, shape: Shape, max_pages: usize) -> Vec<SynthPage> {
    pages_of_draw(material, half, shape, max_pages, 0)
}

/// The pages of one set in another **draw**: the same days and stories,
/// composed and printed with other random choices (which stories share a
/// page, their layout, widths, bylines, line breaks). Draw 0 is the fixed
/// set [`pages`] gives.
///
/// A draw other than 0 tells what a change does on pages nobody tuned on,
/// without touching the evaluation set: rules and weights chosen on draw 0
/// fit its pages' particular choices, and at 4f940a8 a fresh draw of the
/// same training days scored 366 items fewer exactly right (11869 against
/// 12235), about what the evaluation set loses against training.
pub fn pages_of_draw(material: &Material, half: Half, shape: Shape, max_pages: usize, draw: u64) -> Vec<SynthPage> {
    walk(material, half, seed(half, shape, draw), max_pages, |name, items, frame, rng| {
        typeset(name, &items, &frame, shape, rng)
    })
}

/// The draws of the fitting set that changes to the loader are judged on
/// (`loader_eval --set fit --draw 7,8,9`): no fitter may fit or search on
/// them ([`fit_draws`]), or the judge would measure the fit itself.
pub const JUDGE_DRAWS: [u64; 3] = [7, 8, 9];

/// The draws a `--draw`/`--draws N,N,…` argument names (0 is the fixed
/// set), each once, in order; at least one.
pub fn parse_draws(arg: &str) -> Result<Vec<u64>, String> {
    let mut draws = Vec::new();
    for d in arg.split(',') {
        let d = d
            .trim()
            .parse::<u64>()
            .map_err(|_| format!("draws are numbers, comma-separated (0 is the fixed set), not {arg:?}"))?;
        if !draws.contains(&d) {
            draws.push(d);
        }
    }
    Ok(draws)
}

/// As [`parse_draws`], for a fitter: the judge's draws ([`JUDGE_DRAWS`])
/// are refused.
pub fn fit_draws(arg: &str) -> Result<Vec<u64>, String> {
    let draws = parse_draws(arg)?;
    match draws.iter().find(|d| JUDGE_DRAWS.contains(d)) {
        Some(d) => Err(format!(
            "draw {d} is one of the draws changes are judged on ({JUDGE_DRAWS:?}, `loader_eval --set fit --draw 7,8,9`): fit on draws 0 to 6"
        )),
        None => Ok(draws),
    }
}

/// One page's items before printing, for printers outside this module (PDF
/// pages for real extractors): its file name, items, frame and a seed for
/// the printer's own choices.
#[derive(Debug, Clone)]
pub struct ComposedPage {
    pub name: String,
    pub items: Vec<super::compose::Item>,
    pub frame: super::compose::PageFrame,
    pub seed: u64,
}

/// The composed pages of one half for printers outside this module, at most
/// `max_pages` (a prefix of the full set); `stream` tells sets of one half
/// apart (each gets its own stories per page and its own seeds), and is
/// never one of the text shapes' seeds. Stream 0 is the fixed set; another
/// stream is another draw (see [`pages_of_draw`]).
pub fn composed(material: &Material, half: Half, stream: u64, max_pages: usize) -> Vec<ComposedPage> {
    let seed = seed(half, Shape::ALL[0], 0) ^ 0x7EA1_5EED_u64.wrapping_mul(stream + 1);
    walk(material, half, seed, max_pages, |name, items, frame, rng| ComposedPage {
        name: name.to_string(),
        items,
        frame,
        seed: rng.next_u64(),
    })
}

/// Composes the pages of one half, two to seven consecutive stories of a
/// day each, and hands each to `print` with the generator.
fn walk<T>(
    material: &Material,
    half: Half,
    seed: u64,
    max_pages: usize,
    mut print: impl FnMut(&str, Vec<super::compose::Item>, super::compose::PageFrame, &mut Rng) -> T,
) -> Vec<T> {
    let mut rng = Rng::new(seed);
    let bundled = material.bundled_of(half);
    let mut out = Vec::new();
    for day in material.days_of(half) {
        let date = day.date.as_deref();
        let mut at = 0;
        let mut page = 1;
        while at < day.stories.len() && out.len() < max_pages {
            let n = (2 + rng.below(6)).min(day.stories.len() - at);
            let mut stories: Vec<&Story> = day.stories[at..at + n].iter().collect();
            if !bundled.is_empty() && rng.chance(250) {
                stories.insert(rng.below(stories.len() + 1), bundled[rng.below(bundled.len())]);
            }
            let (items, frame) = compose(&stories, date, page, &mut rng);
            let name = format!("{}_p{page:02}.txt", date.unwrap_or("2000-01-01"));
            out.push(print(&name, items, frame, &mut rng));
            at += n;
            page += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_are_read_once_each_and_fitters_may_not_take_the_judges() {
        assert_eq!(parse_draws("0, 3,3,1"), Ok(vec![0, 3, 1]));
        assert!(parse_draws("").is_err());
        assert!(parse_draws("1,x").is_err());
        assert_eq!(fit_draws("0,1,2"), Ok(vec![0, 1, 2]));
        assert!(fit_draws("1,8").is_err_and(|e| e.contains("draw 8")));
        assert_eq!(parse_draws("7,8,9"), Ok(JUDGE_DRAWS.to_vec()));
    }
}
