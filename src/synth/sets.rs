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
