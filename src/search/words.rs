//! The shared jieba segmenter: loaded once, in the background, so it never
//! delays the reader's first frame (loading the dictionary takes ~120 ms).
//!
//! Boundaries are cut without the HMM for unknown words: faster, and a name
//! the dictionary lacks (孙大军 → 孙|大军) still begins and ends on a boundary.

use jieba_rs::Jieba;
use std::sync::OnceLock;

static JIEBA: OnceLock<Jieba> = OnceLock::new();

/// Starts loading the dictionary on a background thread (no-op when loaded
/// or already loading elsewhere).
pub fn preload() {
    if JIEBA.get().is_none() {
        let _ = std::thread::Builder::new().name("jieba-load".into()).spawn(|| {
            let _ = jieba();
        });
    }
}

/// The shared segmenter, loading it now if needed (blocks until loaded).
pub fn jieba() -> &'static Jieba {
    JIEBA.get_or_init(Jieba::new)
}

/// The shared segmenter if it has finished loading; never blocks.
pub fn try_jieba() -> Option<&'static Jieba> {
    JIEBA.get()
}

/// Word boundaries of `chars[lo..hi]`, as a list of flags: `flags[i]` is true
/// when a word boundary lies just before char `lo + i` (`flags[hi - lo]` is
/// the boundary at `hi`, always true).
pub fn boundaries(jieba: &Jieba, chars: &[char], lo: usize, hi: usize) -> Vec<bool> {
    let s: String = chars[lo..hi].iter().collect();
    let mut flags = vec![false; hi - lo + 1];
    for t in jieba.cut(&s, false) {
        flags[t.start] = true;
        flags[t.end] = true;
    }
    flags
}

/// Word boundaries of a short text as a bit mask (bit i: a boundary before
/// char i; bit n for the end), or None when longer than 63 chars.
pub fn mask(jieba: &Jieba, text: &str) -> Option<u64> {
    let n = text.chars().count();
    if n > 63 {
        return None;
    }
    let mut m = 1u64 | (1u64 << n);
    for t in jieba.cut(text, false) {
        m |= (1u64 << t.start) | (1u64 << t.end);
    }
    Some(m)
}

/// True when the char range `start..end` of `chars` begins and ends on jieba
/// word boundaries (a window of context around the range is segmented).
pub fn aligned(jieba: &Jieba, chars: &[char], start: usize, end: usize) -> bool {
    const CONTEXT: usize = 8;
    let lo = start.saturating_sub(CONTEXT);
    let hi = (end + CONTEXT).min(chars.len());
    let flags = boundaries(jieba, chars, lo, hi);
    flags[start - lo] && flags[end - lo]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_align_on_jieba_boundaries() {
        let j = jieba();
        let chars: Vec<char> = "孙大军在离石区调研老旧小区改造工作".chars().collect();
        // 老旧小区 starts at 9
        assert!(aligned(j, &chars, 9, 15));
        assert!(!aligned(j, &chars, 12, 14), "区改 straddles 小区|改造");
    }
}
