//! Copying text to the terminal's clipboard with OSC 52, which works over
//! ssh and inside tmux (with `set-clipboard on`, tmux's default for
//! terminals that support it) because the terminal, not the machine
//! lvread runs on, owns the clipboard.

/// Most terminals take no more than this many bytes of clipboard text.
pub const MAX_BYTES: usize = 74_994;

/// The escape sequence that puts `text` on the clipboard: `ESC ] 52 ; c ;`
/// base64 `BEL`. The text is cut (at a character boundary) to
/// [`MAX_BYTES`]; the caller cleans it first (no control characters).
pub fn osc52(text: &str) -> String {
    let mut end = text.len().min(MAX_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("\u{1b}]52;c;{}\u{7}", base64(&text.as_bytes()[..end]))
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ABC[(n >> (18 - 6 * k) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_vectors() {
        for (plain, coded) in
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE=")]
        {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
        assert_eq!(base64("吕梁".as_bytes()), "5ZCV5qKB");
    }

    #[test]
    fn the_sequence_is_osc_52_and_long_text_is_cut_on_a_character() {
        assert_eq!(osc52("吕梁"), "\u{1b}]52;c;5ZCV5qKB\u{7}");
        let long = "吕".repeat(MAX_BYTES);
        let s = osc52(&long);
        assert!(s.len() < MAX_BYTES * 4 / 3 + 16);
    }
}
