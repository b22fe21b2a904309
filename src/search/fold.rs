//! Folding of text and queries so that full-width and half-width forms match
//! (NFKC-style: `２０２４` finds `2024`, `ＡＢＣ` finds `abc`).
//!
//! Folding maps every character to exactly one character, so a char index in
//! folded text is the same char index in the original text: match positions
//! found in folded text highlight the original exactly.

use unicode_normalization::UnicodeNormalization;

/// The folded form of one character: its NFKC form when that is a single
/// character (full-width Latin, digits and punctuation, the ideographic
/// space …), else the character itself.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return c;
    }
    let mut it = std::iter::once(c).nfkc();
    match (it.next(), it.next()) {
        (Some(f), None) => f,
        _ => c,
    }
}

/// [`fold_char`] followed by lower-casing (when the lower case is a single character).
pub fn fold_lower(c: char) -> char {
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return c;
    }
    let f = fold_char(c);
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
    fn folding_keeps_the_char_count() {
        for s in ["ﬁ㎏㍱", "２０２４", "吕梁　市", "…—"] {
            assert_eq!(fold_str(s).chars().count(), s.chars().count(), "{s}");
        }
    }
}
