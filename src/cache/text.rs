//! Strings read back from the cache's postcard rows with a SIMD UTF-8
//! check (`simdutf8`) instead of the standard library's byte-at-a-time one.
//!
//! postcard writes a string as its length and its bytes, as it writes a
//! byte array; serde's own `String` reads them through `str::from_utf8`,
//! which took about 85% of decoding a page's row (Chinese text is
//! multi-byte throughout) and much of decoding a folder's headline row.
//! These functions, given to `#[serde(deserialize_with = …)]`, read the same
//! bytes as bytes and check them with `simdutf8`: the values, and what is
//! refused (bytes that are not UTF-8), are the same.

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use std::fmt;

/// Reads a string's bytes and checks them.
struct StrVisitor;

impl<'de> Visitor<'de> for StrVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<String, E> {
        match simdutf8::basic::from_utf8(v) {
            Ok(s) => Ok(s.to_owned()),
            Err(_) => Err(E::invalid_value(de::Unexpected::Bytes(v), &self)),
        }
    }

    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<String, E> {
        String::from_utf8(v).map_err(|e| E::invalid_value(de::Unexpected::Bytes(e.as_bytes()), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
}

/// A `String` (as postcard writes one).
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_bytes(StrVisitor)
}

/// A string read by [`string`], as a list element.
struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        string(d).map(Text)
    }
}

/// An `Option<String>`.
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an optional string")
        }
        fn visit_none<E: de::Error>(self) -> Result<Option<String>, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Option<String>, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
            string(d).map(Some)
        }
    }
    d.deserialize_option(V)
}

/// A `Vec<String>`.
pub fn strings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of strings")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
            // (Room as serde gives it: bounded, whatever a damaged length says.)
            let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(Text(s)) = seq.next_element()? {
                v.push(s);
            }
            Ok(v)
        }
    }
    d.deserialize_seq(V)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Plain {
        a: String,
        b: Option<String>,
        c: Option<String>,
        d: Vec<String>,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Checked {
        #[serde(deserialize_with = "string")]
        a: String,
        #[serde(deserialize_with = "opt_string")]
        b: Option<String>,
        #[serde(deserialize_with = "opt_string")]
        c: Option<String>,
        #[serde(deserialize_with = "strings")]
        d: Vec<String>,
    }

    #[test]
    fn strings_read_as_serde_reads_them_and_bad_bytes_are_refused() {
        let long = "吕梁市离石区老旧小区改造，2023年10KV线路。".repeat(20);
        let v = Plain {
            a: "孙大军".into(),
            b: None,
            c: Some(long.clone()),
            d: vec![String::new(), "a\u{85}b".into(), long],
        };
        let bytes = postcard::to_stdvec(&v).unwrap();
        let back: Checked = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(Plain { a: back.a, b: back.b, c: back.c, d: back.d }, v);
        // Every byte changed in turn: refused exactly when serde's own
        // `String` refuses it (or reads the same values).
        for at in 0..bytes.len() {
            for flip in [0x80u8, 0x40, 0xFF] {
                let mut b = bytes.clone();
                b[at] ^= flip;
                let theirs = postcard::from_bytes::<Plain>(&b).ok();
                let ours = postcard::from_bytes::<Checked>(&b).ok().map(|c| Plain { a: c.a, b: c.b, c: c.c, d: c.d });
                assert_eq!(ours, theirs, "byte {at} ^ {flip:#x}");
            }
        }
        assert!(postcard::from_bytes::<Checked>(&bytes[..bytes.len() - 1]).is_err(), "cut short");
    }
}
