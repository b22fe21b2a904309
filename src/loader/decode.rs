//! Decoding: bytes → clean text.
//!
//! UTF-8 with or without a BOM; UTF-16 with a BOM, or without one when its NUL
//! bytes fall on every other byte; otherwise the legacy encoding chardetng
//! detects (GB18030/GBK, Big5). CR and CRLF line ends become LF, tabs are
//! expanded, and control characters, escape sequences and bidi overrides are
//! removed, so nothing from a file can drive the terminal. A binary file is
//! refused with a reason; invalid bytes in a text file are replaced, with a
//! warning.

use encoding_rs::{BIG5, Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

pub use crate::text::{clean, printable};

/// Decoded text and what was noticed on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding that was used (e.g. "UTF-8", "gb18030").
    pub encoding: &'static str,
    pub warnings: Vec<String>,
}

/// Decodes a file's bytes. Errors (with a reason) when the bytes are not text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let mut warnings = Vec::new();
    // Text already checked to be UTF-8 is not decoded again.
    let mut checked: Option<&str> = None;
    let (enc, body): (&'static Encoding, &[u8]) = if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        (enc, &bytes[bom..])
    } else if let Some(enc) = utf16_without_bom(bytes) {
        (enc, bytes)
    } else if looks_binary(bytes) {
        return Err("binary data".to_string());
    } else if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        checked = Some(text);
        (UTF_8, bytes)
    } else {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(bytes, true);
        // No top-level-domain hint: with `cn` the detector never says Big5.
        let guess = det.guess(None, chardetng::Utf8Detection::Allow);
        // Chinese pages are GB18030 (a superset of GBK) or Big5 when they are
        // not UTF-8; a UTF-8 file with a few bad bytes stays UTF-8.
        if guess == UTF_8 || mostly_utf8(bytes) {
            (UTF_8, bytes)
        } else if guess == BIG5 {
            (BIG5, bytes)
        } else {
            (GB18030, bytes)
        }
    };
    if (enc == UTF_16LE || enc == UTF_16BE) && body.len() % 2 == 1 {
        warnings.push("odd number of bytes in a UTF-16 file".to_string());
    }
    let (text, had_errors) = match checked {
        Some(text) => (std::borrow::Cow::Borrowed(text), false),
        None => enc.decode_without_bom_handling(body),
    };
    if had_errors {
        if enc == UTF_8 {
            warnings.push("invalid UTF-8 bytes were replaced with �".to_string());
        } else {
            warnings.push(format!("bytes invalid in {} were replaced with �", enc.name()));
        }
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        if bad * 3 > text.chars().count().max(1) {
            return Err(format!("not text in {} or any known encoding", enc.name()));
        }
    }
    // NULs past the sample `looks_binary` checks (or in a UTF-16 file) are
    // removed with the other control characters: say so.
    let nuls = if has_nul(text.as_bytes()) { text.bytes().filter(|&b| b == 0).count() } else { 0 };
    if nuls > 0 {
        warnings.push(format!("{nuls} NUL byte{} removed", if nuls == 1 { " was" } else { "s were" }));
    }
    Ok(Decoded { text: clean(&text), encoding: enc.name(), warnings })
}

/// Does `bytes` hold a NUL? (Searched with `memchr`'s vectorised search:
/// every page is searched up to three times, and the slice's own
/// `contains` reads it a word at a time.)
fn has_nul(bytes: &[u8]) -> bool {
    memchr::memchr(0, bytes).is_some()
}

/// UTF-16 without a byte-order mark, told by its NUL pattern: the ASCII
/// characters of a page (line ends, digits, spaces) have a zero high byte,
/// so in the first 8 KiB the NULs sit mostly at odd offsets (little-endian)
/// or mostly at even ones (big-endian) — a Han character such as 开
/// (U+5F00) puts one on the other side now and then — and the bytes decode
/// as UTF-16 to text without stray control characters.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(8192) & !1];
    // (Most files hold no NUL at all: one quick search tells.)
    if !has_nul(sample) {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in sample.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    // A few line ends at least, nearly all NULs on one side.
    let enc = if odd >= 2 && even * 3 <= odd {
        UTF_16LE
    } else if even >= 2 && odd * 3 <= even {
        UTF_16BE
    } else {
        return None;
    };
    let (text, had_errors) = enc.decode_without_bom_handling(sample);
    if had_errors && text.chars().filter(|&c| c == '\u{FFFD}').count() > 1 {
        return None;
    }
    let total = text.chars().count().max(1);
    let controls = text.chars().filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')).count();
    (controls * 50 <= total).then_some(enc)
}

/// True for bytes that are clearly not text: NUL bytes outside a UTF-16 file,
/// or many control bytes.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if has_nul(sample) {
        return true;
    }
    // (Counted first with the allowed ones, in a loop the compiler
    // vectorises: a text file's line ends and tabs are too few to matter.)
    let below = count_below(sample, 0x20);
    if below * 20 <= sample.len() {
        return false;
    }
    let ctrl = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x1b | 0x0c)).count();
    ctrl * 20 > sample.len()
}

/// How many of `bytes` are below `limit`: counted in byte-wide lanes, a
/// chunk of at most 255 bytes at a time (so that no count overflows), which
/// the compiler vectorises sixteen or thirty-two bytes a step.
fn count_below(bytes: &[u8], limit: u8) -> usize {
    bytes.chunks(255).map(|c| usize::from(c.iter().fold(0u8, |n, &b| n + u8::from(b < limit)))).sum()
}

/// True when nearly every multi-byte sequence is valid UTF-8 (a UTF-8 file
/// with some corruption).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut good = 0usize;
    let mut bad = 0usize;
    let mut in_bad_run = false;
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.valid().is_empty() {
            in_bad_run = false;
        }
        // A run of bad bytes counts once.
        if !chunk.invalid().is_empty() && !in_bad_run {
            bad += 1;
            in_bad_run = true;
        }
    }
    // GB18030 or Big5 bytes rarely form valid UTF-8 sequences; a few bad
    // bytes among many good characters are damage to a UTF-8 file.
    good >= 2 && bad * 4 <= good
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_below_a_limit_are_counted_as_one_by_one() {
        let mixed: Vec<u8> = (0..2000u32).map(|i| (i * 37 % 256) as u8).collect();
        let lows = vec![0x01u8; 1000];
        let cases: [(&[u8], u8); 6] =
            [(b"", 0x20), (b"a\nb\tc", 0x20), (&mixed, 0x20), (&mixed, 0x80), (&lows, 0x20), (&lows, 0x01)];
        for (bytes, limit) in cases {
            assert_eq!(count_below(bytes, limit), bytes.iter().filter(|&&b| b < limit).count(), "{limit}");
        }
    }

    #[test]
    fn utf8_is_told_as_the_standard_library_tells_it() {
        let long = "吕梁日报".repeat(40);
        let mut cut = long.as_bytes().to_vec();
        cut.pop();
        let cases: [&[u8]; 8] = [
            "吕梁\n".as_bytes(),
            long.as_bytes(),
            &cut,
            &[0xC0, 0x80],
            &[0xED, 0xA0, 0x80],
            &[0xF4, 0x90, 0x80, 0x80],
            &[0x61, 0xE5, 0x90],
            b"plain ascii",
        ];
        for b in cases {
            let enc = if std::str::from_utf8(b).is_ok() { Some("UTF-8") } else { None };
            let got = decode(b).ok().map(|d| d.encoding).filter(|e| *e == "UTF-8" && d_ok(b));
            assert_eq!(got, enc, "{b:?}");
        }
    }

    /// Decoded as UTF-8 with no replacement.
    fn d_ok(b: &[u8]) -> bool {
        decode(b).is_ok_and(|d| d.warnings.is_empty() && d.text.as_bytes() == b)
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("吕梁\n".as_bytes()).unwrap().text, "吕梁\n");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("吕梁".as_bytes());
        assert_eq!(decode(&b).unwrap().text, "吕梁");
    }

    #[test]
    fn gb18030_is_detected() {
        let (bytes, _, _) = GB18030.encode("本报讯（记者 罗丽）11月3日，我市召开会议。\r\n吕梁日报社主办。\r\n");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "gb18030");
        assert_eq!(d.text, "本报讯（记者 罗丽）11月3日，我市召开会议。\n吕梁日报社主办。\n");
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        for u in "吕梁\r\n".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, "吕梁\n");
        let mut be = vec![0xFE, 0xFF];
        for u in "吕梁".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap().text, "吕梁");
    }

    #[test]
    fn binary_data_is_told_as_by_counting_its_controls() {
        let reference = |bytes: &[u8]| {
            let sample = &bytes[..bytes.len().min(8192)];
            let ctrl =
                sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x1b | 0x0c)).count();
            sample.contains(&0) || ctrl * 20 > sample.len()
        };
        let cases: Vec<Vec<u8>> = vec![
            Vec::new(),
            "吕梁\n".as_bytes().to_vec(),
            b"a\n".repeat(50),
            b"a\x01".repeat(50),
            b"\t\t\x1b[1m\x0c\r\n".repeat(30),
            b"abcdefghij\x02".repeat(20),
            b"abcdefghijklmnopqrstuvwxyz\x02".repeat(20),
            [b"x".repeat(9000), b"\x01".repeat(900)].concat(),
            b"\x00abc".to_vec(),
        ];
        for b in &cases {
            assert_eq!(looks_binary(b), reference(b), "{b:?}");
            if !b.contains(&0) {
                assert_eq!(utf16_without_bom(b), None);
            }
        }
    }

    #[test]
    fn utf16_without_bom_is_told_by_its_nul_pattern() {
        let text = "本报讯（记者 王丽）11月3日，我市召开会议。\r\n吕梁日报社主办。\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = decode(&le).unwrap();
        assert_eq!(d.encoding, "UTF-16LE");
        assert_eq!(d.text, "本报讯（记者 王丽）11月3日，我市召开会议。\n吕梁日报社主办。\n");
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&be).unwrap().encoding, "UTF-16BE");
        // A Han character with a zero byte (开 is U+5F00) does not mislead it.
        let kai = "本报讯 我市召开会议。\n11月3日，会议召开。\n";
        let le: Vec<u8> = kai.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&le).unwrap().text, kai);
        // English in UTF-16 too.
        let en: Vec<u8> = "Lvliang Daily\nPage 3\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&en).unwrap().text, "Lvliang Daily\nPage 3\n");
    }

    #[test]
    fn a_nul_after_the_first_8_kib_is_removed_with_a_warning() {
        let mut b = "吕梁市召开会议，部署工作。\n".repeat(400).into_bytes();
        assert!(b.len() > 8192);
        b.insert(b.len() - 10, 0);
        let d = decode(&b).unwrap();
        assert!(!d.text.contains('\0'));
        assert_eq!(d.warnings, vec!["1 NUL byte was removed".to_string()]);
    }

    #[test]
    fn binary_is_refused() {
        let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
        assert!(decode(&bytes).is_err());
        assert!(decode(b"\x7fELF\x02\x01\x01\x00\x00\x00").is_err());
    }

    #[test]
    fn bad_utf8_in_the_middle_is_replaced_with_a_warning() {
        let mut b = "吕梁市召开会议，部署工作。".repeat(20).into_bytes();
        b.insert(30, 0xFF);
        let d = decode(&b).unwrap();
        assert!(d.text.contains('\u{FFFD}'));
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn big5_is_detected() {
        let (bytes, _, _) = BIG5.encode(
            "本報訊 記者王麗報導：呂梁市召開會議，部署冬季安全生產工作。會議強調，要壓實責任，確保群眾溫暖過冬。",
        );
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "Big5");
        assert!(d.text.starts_with("本報訊"));
    }

    #[test]
    fn a_short_utf8_file_with_a_bad_byte_stays_utf8() {
        let d = decode(b"\xe6\xad\xa3\xe5\xb8\xb8\xe5\xbc\x80\xe5\xa4\xb4\xff\xfe\xe4\xb8\xad\xe9\x97\xb4\n").unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.starts_with("正常开头"));
        assert_eq!(d.warnings.len(), 1);
    }
}
