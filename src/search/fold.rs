//! Folding of text and queries so that full-width and half-width forms match
//! (NFKC-style: `２０２４` finds `2024`, `ＡＢＣ` finds `abc`).
//!
//! Folding maps every character to exactly one character, so a char index in
//! folded text is the same char index in the original text: match positions
//! found in folded text highlight the original exactly.

use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// [`fold_char`] and [`fold_lower`] of 256 consecutive BMP characters.
struct Block {
    fold: [char; 256],
    lower: [char; 256],
}

/// The blocks of the BMP, each computed the first time a character of it
/// (other than ASCII and the common Hanzi, which fold to themselves) is
/// folded: NFKC and lower-casing once per character rather than at every
/// occurrence (the index folds every character of every article, and
/// Chinese punctuation is NFKC's slow case).
static BLOCKS: [OnceLock<Box<Block>>; 256] = [const { OnceLock::new() }; 256];

fn block(cp: u32) -> &'static Block {
    BLOCKS[(cp >> 8) as usize & 0xFF].get_or_init(|| {
        let at = |i: usize| char::from_u32((cp & !0xFF) | i as u32);
        Box::new(Block {
            fold: std::array::from_fn(|i| at(i).map_or('\0', fold_char_now)),
            lower: std::array::from_fn(|i| at(i).map_or('\0', fold_lower_now)),
        })
    })
}

/// The folded form of one character: its NFKC form when that is a single
/// character (full-width Latin, digits and punctuation, the ideographic
/// space …), else the character itself.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return c;
    }
    let cp = c as u32;
    if cp < 0x1_0000 { block(cp).fold[(cp & 0xFF) as usize] } else { fold_char_now(c) }
}

/// [`fold_char`] followed by lower-casing (when the lower case is a single character).
pub fn fold_lower(c: char) -> char {
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return c;
    }
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let cp = c as u32;
    if cp < 0x1_0000 { block(cp).lower[(cp & 0xFF) as usize] } else { fold_lower_now(c) }
}

/// [`fold_char`], computed.
fn fold_char_now(c: char) -> char {
    if c.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return c;
    }
    let mut it = std::iter::once(c).nfkc();
    match (it.next(), it.next()) {
        (Some(f), None) => f,
        _ => c,
    }
}

/// [`fold_lower`], computed.
fn fold_lower_now(c: char) -> char {
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return c;
    }
    let f = fold_char_now(c);
    if f.is_ascii() {
        return f.to_ascii_lowercase();
    }
    let mut l = f.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) => x,
        _ => f,
    }
}

/// Folds a string character by character (same number of chars as `s`).
pub fn fold_str(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Folds into a reusable buffer (same number of chars as `s`).
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    out.extend(s.chars().map(fold_char));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_folds_to_ascii() {
        assert_eq!(fold_str("２０２４年ＡＢｃ"), "2024年ABc");
        assert_eq!(fold_str("，"), ",");
        assert_eq!(fold_lower('Ａ'), 'a');
    }

    #[test]
    fn the_blocks_fold_every_character_as_computing_it_does() {
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            assert_eq!(fold_char(c), fold_char_now(c), "{c:?}");
            assert_eq!(fold_lower(c), fold_lower_now(c), "{c:?}");
        }
        assert_eq!(fold_lower('Ａ'), 'a');
        assert_eq!(fold_lower('⼀'), '一', "a Kangxi radical folds to its Hanzi");
        assert_eq!(fold_lower('，'), ',');
    }

    #[test]
    fn folding_keeps_the_char_count() {
        for s in ["ﬁ㎏㍱", "２０２４", "吕梁　市", "…—"] {
            assert_eq!(fold_str(s).chars().count(), s.chars().count(), "{s}");
        }
    }
}
