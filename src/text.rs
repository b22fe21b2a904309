//! Text made safe for a terminal: what the model, the loader and every
//! printer share. Control characters and escape sequences never reach the
//! terminal.
//!
//! One predicate, [`is_terminal_unsafe`], says which characters must not
//! reach a terminal as they are; every way out uses it: [`clean`] (page
//! text: removed), [`printable`] (names and messages: shown as `\u{1b}`),
//! [`json_safe`] (JSON output: `\u001b`-escaped), [`report`] (stderr), and
//! the reader's view (drawn as a placeholder, see
//! [`crate::layout::is_unsafe`]).

/// True for a character that must never reach a terminal as it is: C0 and
/// C1 controls (ESC, BEL, the 8-bit CSI U+009B…) and the bidirectional
/// controls that reorder what is shown (LRM/RLM/ALM, embeddings,
/// overrides, isolates).
pub fn is_terminal_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A file name or message made safe for a terminal: unsafe characters
/// ([`is_terminal_unsafe`], escape sequences included) are shown as
/// `\u{1b}` instead of acting.
pub fn printable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_terminal_unsafe(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// [`printable`], keeping line ends: for multi-line text printed to a
/// terminal (`dump --explain`).
pub fn printable_lines(s: &str) -> String {
    s.split('\n').map(printable).collect::<Vec<_>>().join("\n")
}

/// JSON text made safe for a terminal without changing what it means:
/// every unsafe character ([`is_terminal_unsafe`]) still raw in it (serde
/// escapes only C0 controls) becomes a `\uXXXX` escape. Such characters
/// can only stand inside JSON strings, where the escape is equivalent.
pub fn json_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_terminal_unsafe(c) && c != '\n' {
            // All unsafe characters are in the Basic Multilingual Plane.
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Prints `lvread: MESSAGE` on stderr, the message made [`printable`]: the
/// one way errors and warnings reach the terminal.
pub fn report(message: impl std::fmt::Display) {
    eprintln!("lvread: {}", printable(&message.to_string()));
}

/// Unifies line ends (CRLF, CR, U+2028/2029 → LF), expands tabs to spaces,
/// removes escape sequences (CSI, OSC, …) and every other control or format
/// character that could reach a terminal.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // The column (for tabs): `col` characters up to `out[..counted]`, plus
    // the characters pushed after it, none of them a line end.
    let mut col = 0usize;
    let mut counted = 0usize;
    let mut chars = text.chars();
    loop {
        // Characters that need no care go over as they are, a run at a time.
        let rest = chars.as_str();
        let plain = plain_len(rest);
        out.push_str(&rest[..plain]);
        chars = rest[plain..].chars();
        let Some(c) = chars.next() else { break };
        match c {
            '\r' => {
                if peek(&chars) == Some('\n') {
                    chars.next();
                }
                out.push('\n');
                col = 0;
                counted = out.len();
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{0085}' | '\u{000B}' | '\u{000C}' => {
                out.push('\n');
                col = 0;
                counted = out.len();
            }
            '\t' => {
                // (Line ends go over with the plain runs: the column
                // counts from the last one.)
                if let Some(k) = out[counted..].rfind('\n') {
                    col = 0;
                    counted += k + 1;
                }
                col += out[counted..].chars().count();
                let n = 4 - col % 4;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
                counted = out.len();
            }
            '\u{1b}' => skip_escape(&mut chars),
            // C1 CSI / OSC / DCS introducers.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\u{FEFF}' => {}
            // Other controls, and bidi controls that can reorder what the terminal shows.
            c if is_terminal_unsafe(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// The characters [`clean`] does not copy as they are ([`plain_len`] finds
/// them on the bytes).
#[cfg(test)]
fn needs_care(c: char) -> bool {
    is_terminal_unsafe(c) || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

/// The length of the text's first run of characters that need no care,
/// line ends (LF) counted as plain: the index of the first other
/// [`needs_care`] character, else the length. Found on the bytes, a
/// character at a time by its lead byte ([`LEAD`]): only a byte below
/// 0x20, DEL, or the lead byte of U+0080–U+009F (`C2`), U+061C (`D8`),
/// U+200E–U+2069 (`E2`) or U+FEFF (`EF`) can start one, and only those few
/// lead bytes need their next bytes looked at.
fn plain_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let step = LEAD[b[i] as usize];
        if step != 0 {
            i += step as usize;
            continue;
        }
        // (A lead byte of a valid string has its continuation bytes.)
        let (care, len) = match b[i] {
            0xC2 => ((0x80..=0x9F).contains(&b[i + 1]), 2),
            0xD8 => (b[i + 1] == 0x9C, 2),
            0xE2 => match (b[i + 1], b[i + 2]) {
                (0x80, x) => (matches!(x, 0x8E | 0x8F | 0xA8..=0xAE), 3),
                (0x81, x) => ((0xA6..=0xA9).contains(&x), 3),
                _ => (false, 3),
            },
            0xEF => (b[i + 1] == 0xBB && b[i + 2] == 0xBF, 3),
            _ => (true, 1),
        };
        if care {
            return i;
        }
        i += len;
    }
    b.len()
}

/// Per byte starting a character: the character's length in bytes, or 0
/// where [`plain_len`] looks closer (controls but LF, DEL, and the lead
/// bytes `C2`, `D8`, `E2`, `EF`). Continuation bytes never start one.
static LEAD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0usize;
    while b < 256 {
        t[b] = match b {
            0x0A => 1,
            0x00..=0x1F | 0x7F => 0,
            0xC2 | 0xD8 | 0xE2 | 0xEF => 0,
            0x20..=0xBF => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        b += 1;
    }
    t
};

/// The next character, left unread.
fn peek(chars: &std::str::Chars<'_>) -> Option<char> {
    chars.clone().next()
}

fn skip_escape(chars: &mut std::str::Chars<'_>) {
    match peek(chars) {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => {
            chars.next();
            skip_string(chars);
        }
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            // nF sequence: intermediates then a final byte.
            while let Some(c) = peek(chars) {
                chars.next();
                if !('\u{20}'..='\u{2f}').contains(&c) {
                    break;
                }
            }
        }
        Some(c) if ('\u{30}'..='\u{7e}').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

/// Skips CSI parameters up to and including the final byte.
fn skip_csi(chars: &mut std::str::Chars<'_>) {
    while let Some(c) = peek(chars) {
        if ('\u{20}'..='\u{3f}').contains(&c) {
            chars.next();
        } else {
            if ('\u{40}'..='\u{7e}').contains(&c) {
                chars.next();
            }
            break;
        }
    }
}

/// Skips an OSC/DCS/APC/PM/SOS string up to BEL or ST (ESC \ or U+009C).
fn skip_string(chars: &mut std::str::Chars<'_>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if peek(chars) == Some('\\') {
                    chars.next();
                }
                break;
            }
            '\n' => break,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_scan_stops_where_the_character_test_does() {
        // Every character, between plain ones and at the end.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for s in [format!("报{c}讯"), format!("a{c}"), format!("{c}")] {
                let want = s.find(|c| c != '\n' && needs_care(c)).unwrap_or(s.len());
                assert_eq!(plain_len(&s), want, "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn names_are_made_printable() {
        assert_eq!(printable("b\u{1b}[2Jin.txt"), "b\\u{1b}[2Jin.txt");
        assert_eq!(printable("吕梁.txt"), "吕梁.txt");
    }

    #[test]
    fn json_stays_json_and_loses_its_raw_controls() {
        let v = serde_json::json!({"name": "a\u{9b}2J\u{202E}b\u{1b}]0;x\u{7}"});
        let safe = json_safe(&serde_json::to_string_pretty(&v).unwrap());
        assert!(!safe.chars().any(|c| is_terminal_unsafe(c) && c != '\n'), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, v, "the same JSON");
    }

    #[test]
    fn every_unsafe_kind_is_caught() {
        for c in ['\u{1b}', '\u{7}', '\u{9b}', '\u{9d}', '\u{85}', '\u{202E}', '\u{2066}', '\u{200F}', '\u{61C}'] {
            assert!(is_terminal_unsafe(c), "{c:?}");
            assert!(!printable(&format!("a{c}b")).contains(c));
            assert!(!clean(&format!("a{c}b")).contains(c));
        }
        for c in ['吕', 'a', ' ', '　', '“'] {
            assert!(!is_terminal_unsafe(c), "{c:?}");
        }
    }

    #[test]
    fn escapes_and_controls_are_removed() {
        let s = "a\u{1b}[31mred\u{1b}[0m b\u{1b}]0;title\u{7}c\u{0}d\u{8}e\u{9b}2Jf\u{202E}g";
        assert_eq!(clean(s), "aredbcdefg".replace("redb", "red b"));
        assert_eq!(clean("x\r\ny\rz"), "x\ny\nz");
        assert_eq!(clean("a\tb"), "a   b");
        // A tab's column counts from the last line end, however it came.
        assert_eq!(clean("abc\nd\te\n\tf\r\nab\tc"), "abc\nd   e\n    f\nab  c");
        assert_eq!(clean("报\n汉字\t。\t\n\u{2028}\t"), "报\n汉字  。   \n\n    ");
    }
}
