//! Checks made before the engine draws a page, against PDF bombs: content
//! that unpacks to a huge size, and forms (XObjects) that draw themselves or
//! each other so often that drawing would never end.

use hayro_interpret::hayro_syntax::Filter;
use hayro_interpret::hayro_syntax::object::{Array, Dict, Name, Stream};
use hayro_interpret::hayro_syntax::page::Page;
use std::collections::HashMap;
use std::io::Read;

/// A page whose content streams unpack to more than this is skipped (bytes).
pub const MAX_CONTENT_BYTES: u64 = 64 << 20;
/// A page whose forms would be drawn more often than this is skipped.
pub const MAX_FORM_DRAWS: u64 = 100_000;

/// Unpacks a stream for counting, no further than `limit` bytes: Flate
/// streams are inflated here with a cap, others taken as they are stored.
fn bounded_bytes(s: &Stream<'_>, limit: u64) -> (Vec<u8>, u64) {
    let raw = s.raw_data();
    if s.filters().as_slice() == [Filter::FlateDecode] {
        let mut out = Vec::new();
        let mut z = flate2::read::ZlibDecoder::new(&raw[..]).take(limit + 1);
        let n = z.read_to_end(&mut out).unwrap_or(out.len()) as u64;
        (out, n)
    } else if s.filters().is_empty() {
        let n = raw.len() as u64;
        (raw.into_owned(), n)
    } else {
        // Other filters: the engine decodes them; count the stored size.
        (Vec::new(), raw.len() as u64)
    }
}

/// The names drawn with `Do` in a content stream, with how often.
fn drawn_names(content: &[u8]) -> HashMap<Vec<u8>, u64> {
    let mut out: HashMap<Vec<u8>, u64> = HashMap::new();
    let mut last_name: Option<&[u8]> = None;
    for tok in content.split(|b| b.is_ascii_whitespace() || *b == b'[' || *b == b']') {
        if tok.is_empty() {
            continue;
        }
        if tok == b"Do" {
            if let Some(n) = last_name {
                *out.entry(n.to_vec()).or_default() += 1;
            }
        } else if let Some(rest) = tok.strip_prefix(b"/") {
            last_name = Some(rest);
            continue;
        }
        last_name = None;
    }
    out
}

fn xobjects<'a>(resources: Option<Dict<'a>>) -> Option<Dict<'a>> {
    resources?.get::<Dict<'a>>(b"XObject".as_slice())
}

/// How many form draws a content stream causes, counting nested forms
/// (`usize::MAX`-like for a cycle). `stack` holds the forms being counted.
fn draws(content: &[u8], xobj: Option<&Dict<'_>>, stack: &mut Vec<Vec<u8>>, memo: &mut HashMap<Vec<u8>, u64>) -> u64 {
    let mut total = 0u64;
    let Some(xobj) = xobj else { return 0 };
    for (name, times) in drawn_names(content) {
        // A form is known by its object number; one drawing itself (even
        // through others) is a cycle, whether or not the engine resolves it.
        let key = match xobj.get_ref(name.as_slice()) {
            Some(r) => format!("{r:?}").into_bytes(),
            None => name.clone(),
        };
        if stack.contains(&key) {
            return u64::MAX;
        }
        let Some(form) = xobj.get::<Stream<'_>>(name.as_slice()) else { continue };
        let is_form = form.dict().get::<Name<'_>>(b"Subtype".as_slice()).is_some_and(|n| n.as_str() == "Form");
        if !is_form {
            total = total.saturating_add(times);
            continue;
        }
        let inner = if let Some(&m) = memo.get(&key) {
            m
        } else if stack.len() > 64 {
            u64::MAX
        } else {
            stack.push(key.clone());
            let (bytes, n) = bounded_bytes(&form, MAX_CONTENT_BYTES);
            let inner = if n > MAX_CONTENT_BYTES {
                u64::MAX
            } else {
                let own = xobjects(form.dict().get::<Dict<'_>>(b"Resources".as_slice()));
                draws(&bytes, own.as_ref().or(Some(xobj)), stack, memo)
            };
            stack.pop();
            memo.insert(key, inner);
            inner
        };
        total = total.saturating_add(times.saturating_mul(inner.saturating_add(1)));
        if total > MAX_FORM_DRAWS {
            return u64::MAX;
        }
    }
    total
}

/// Why the engine must not draw this page, if it must not.
pub fn check(page: &Page<'_>) -> Option<String> {
    let streams: Vec<Stream<'_>> = match page.raw().get::<Stream<'_>>(b"Contents".as_slice()) {
        Some(s) => vec![s],
        None => page
            .raw()
            .get::<Array<'_>>(b"Contents".as_slice())
            .map(|a| a.iter::<Stream<'_>>().take(10_000).collect())
            .unwrap_or_default(),
    };
    let mut content = Vec::new();
    let mut total = 0u64;
    for s in streams {
        let (bytes, n) = bounded_bytes(&s, MAX_CONTENT_BYTES.saturating_sub(total));
        total = total.saturating_add(n);
        if total > MAX_CONTENT_BYTES {
            return Some(format!(
                "the page's content is too large (over {} MB unpacked); skipped",
                MAX_CONTENT_BYTES >> 20
            ));
        }
        content.extend(bytes);
        content.push(b' ');
    }
    let xobj = xobjects(page.raw().get::<Dict<'_>>(b"Resources".as_slice()));
    let n = draws(&content, xobj.as_ref(), &mut Vec::new(), &mut HashMap::new());
    (n > MAX_FORM_DRAWS)
        .then(|| "the page's drawings refer to themselves without end (a PDF bomb); skipped".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    // A self-drawing form end to end: tests/pdf_bad.rs.
    #[test]
    fn do_operators_are_counted_by_name() {
        let m = drawn_names(b"q /Fm0 Do Q /Fm0 Do\n/Im1 Do /X /Y Do");
        assert_eq!(m.get(b"Fm0".as_slice()), Some(&2));
        assert_eq!(m.get(b"Im1".as_slice()), Some(&1));
        assert_eq!(m.get(b"Y".as_slice()), Some(&1));
        assert_eq!(m.get(b"X".as_slice()), None);
    }
}
