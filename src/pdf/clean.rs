//! Text clean-up the PDF engine leaves to us: CJK radicals and compatibility
//! forms folded to the ideographs they stand for, glyphs drawn twice for fake
//! bold dropped, and codes of fonts without a Unicode map decoded by their
//! CMap's encoding (GBK, UCS-2).

use super::extract::{Glyph, RawPage};
use unicode_normalization::UnicodeNormalization;

/// CJK Radicals Supplement code points (U+2E80–U+2EF3) that some PDF
/// producers map shared glyphs to, with the ideograph meant. (The Kangxi
/// radicals, U+2F00–U+2FD5, are folded by NFKC.)
const RADICALS: &[(char, char)] = &[
    ('\u{2E81}', '厂'),
    ('\u{2E84}', '乙'),
    ('\u{2E87}', '几'),
    ('\u{2E8A}', '卜'),
    ('\u{2E8C}', '小'),
    ('\u{2E8D}', '小'),
    ('\u{2E8E}', '兀'),
    ('\u{2E8F}', '尢'),
    ('\u{2E93}', '幺'),
    ('\u{2E95}', '彐'),
    ('\u{2E97}', '心'),
    ('\u{2E9B}', '旡'),
    ('\u{2E9D}', '月'),
    ('\u{2E9F}', '母'),
    ('\u{2EA0}', '民'),
    ('\u{2EA2}', '水'),
    ('\u{2EA3}', '火'),
    ('\u{2EA7}', '牛'),
    ('\u{2EA8}', '犭'),
    ('\u{2EA9}', '王'),
    ('\u{2EAA}', '疋'),
    ('\u{2EAB}', '目'),
    ('\u{2EAC}', '示'),
    ('\u{2EAD}', '礻'),
    ('\u{2EAE}', '竹'),
    ('\u{2EAF}', '糸'),
    ('\u{2EB0}', '纟'),
    ('\u{2EB3}', '网'),
    ('\u{2EB6}', '羊'),
    ('\u{2EB7}', '羊'),
    ('\u{2EB9}', '老'),
    ('\u{2EBB}', '聿'),
    ('\u{2EBC}', '月'),
    ('\u{2EBD}', '臼'),
    ('\u{2EBE}', '艹'),
    ('\u{2EBF}', '艹'),
    ('\u{2EC0}', '艹'),
    ('\u{2EC1}', '虎'),
    ('\u{2EC2}', '衤'),
    ('\u{2EC3}', '覀'),
    ('\u{2EC4}', '西'),
    ('\u{2EC5}', '见'),
    ('\u{2EC6}', '角'),
    ('\u{2EC7}', '角'),
    ('\u{2EC8}', '讠'),
    ('\u{2EC9}', '贝'),
    ('\u{2ECA}', '足'),
    ('\u{2ECB}', '车'),
    ('\u{2ECC}', '辶'),
    ('\u{2ECD}', '辶'),
    ('\u{2ECF}', '阝'),
    ('\u{2ED0}', '钅'),
    ('\u{2ED1}', '長'),
    ('\u{2ED3}', '长'),
    ('\u{2ED4}', '门'),
    ('\u{2ED6}', '阝'),
    ('\u{2ED7}', '雨'),
    ('\u{2ED8}', '青'),
    ('\u{2ED9}', '韦'),
    ('\u{2EDA}', '页'),
    ('\u{2EDB}', '风'),
    ('\u{2EDC}', '飞'),
    ('\u{2EDD}', '食'),
    ('\u{2EE0}', '饣'),
    ('\u{2EE1}', '首'),
    ('\u{2EE2}', '马'),
    ('\u{2EE3}', '骨'),
    ('\u{2EE4}', '鬼'),
    ('\u{2EE5}', '鱼'),
    ('\u{2EE6}', '鸟'),
    ('\u{2EE7}', '卤'),
    ('\u{2EE8}', '麦'),
    ('\u{2EE9}', '黄'),
    ('\u{2EEA}', '黾'),
    ('\u{2EEB}', '齐'),
    ('\u{2EEC}', '齐'),
    ('\u{2EED}', '齿'),
    ('\u{2EEE}', '齿'),
    ('\u{2EF0}', '龙'),
    ('\u{2EF3}', '龟'),
];

/// Glyphs some producers map to a variant code point of the character
/// meant: the traditional 戶 for 户 (one glyph in many CJK fonts), a
/// horizontal bar for the em dash of 1—8月.
const VARIANTS: &[(char, char)] = &[('\u{2015}', '—'), ('戶', '户')];

/// The ideograph a variant stands for (itself when it is none).
fn variant(c: char) -> char {
    VARIANTS.iter().find(|&&(from, _)| from == c).map_or(c, |&(_, v)| v)
}

/// Folds one glyph's text: radicals to ideographs, then NFKC for the
/// Kangxi radicals and compatibility ideographs — but not for full-width
/// punctuation, which Chinese text keeps (`，` stays `，`, `（` stays `（`).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if let Ok(i) = RADICALS.binary_search_by_key(&c, |&(r, _)| r) {
            out.push(RADICALS[i].1);
        } else if c == '\u{2E3A}' || c == '\u{2E3B}' {
            // The two- and three-em dashes: Chinese text writes them as em
            // dashes (`⸺` is `——`).
            let n = if c == '\u{2E3A}' { 2 } else { 3 };
            out.extend(std::iter::repeat_n('—', n));
        } else if VARIANTS.iter().any(|&(from, _)| from == c) {
            out.push(variant(c));
        } else if ('\u{2F00}'..='\u{2FDF}').contains(&c)
            || ('\u{F900}'..='\u{FAFF}').contains(&c)
            || ('\u{2E80}'..='\u{2EFF}').contains(&c)
            || ('\u{FB00}'..='\u{FB4F}').contains(&c)
            || ('\u{FF10}'..='\u{FF19}').contains(&c)
            || ('\u{FF21}'..='\u{FF3A}').contains(&c)
            || ('\u{FF41}'..='\u{FF5A}').contains(&c)
        {
            // NFKC may land on a variant (the Kangxi radical ⼾ gives 戶).
            out.extend(c.to_string().nfkc().map(variant));
        } else if c.is_control() || c == '\u{FFFD}' || c == '\u{FEFF}' || c == '\u{AD}' {
            // Control characters and unmapped glyphs never reach the screen.
        } else {
            out.push(c);
        }
    }
    out
}

/// How a font without a Unicode map encodes its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// Codes are GBK (or GB 2312) bytes: one byte for ASCII, two for Hanzi.
    Gbk,
    /// Codes are UCS-2 code units.
    Ucs2,
}

/// The fallback for a predefined CMap name, if it is a Chinese one we know.
pub fn fallback_for_cmap(cmap: &str) -> Option<Fallback> {
    let c = cmap.to_ascii_uppercase();
    if c.starts_with("UNIGB-UCS2") || c.starts_with("UNIGB-UTF16") {
        Some(Fallback::Ucs2)
    } else if c.starts_with("GBK") || c.starts_with("GB-EUC") || c.starts_with("GBPC-EUC") || c.starts_with("GBK2K") {
        Some(Fallback::Gbk)
    } else {
        None
    }
}

/// Decodes one character code by a fallback encoding.
pub fn decode_code(code: u32, how: Fallback) -> Option<String> {
    match how {
        Fallback::Ucs2 => char::from_u32(code).map(String::from),
        Fallback::Gbk => {
            let bytes: Vec<u8> = if code > 0xFF { vec![(code >> 8) as u8, code as u8] } else { vec![code as u8] };
            let (s, _, bad) = encoding_rs::GBK.decode(&bytes);
            (!bad).then(|| s.into_owned())
        }
    }
}

/// The page's glyphs with their text resolved and folded; glyphs without
/// text are dropped. Returns the glyphs and the number left unreadable.
pub fn resolve(raw: &RawPage) -> (Vec<Glyph>, usize) {
    let fallbacks: Vec<Option<Fallback>> = raw
        .fonts
        .iter()
        .map(|f| {
            let name = f.name.as_deref()?;
            raw.unmapped_encodings.iter().find(|(n, _)| n == name).and_then(|(_, enc)| fallback_for_cmap(enc))
        })
        .collect();
    let mut unreadable = 0;
    let mut out = Vec::with_capacity(raw.glyphs.len());
    for g in &raw.glyphs {
        let text = match &g.text {
            Some(t) => Some(t.clone()),
            None => fallbacks.get(g.font).copied().flatten().and_then(|f| decode_code(g.code, f)),
        };
        let Some(text) = text else {
            unreadable += 1;
            continue;
        };
        let text = fold(&text);
        if text.is_empty() {
            continue;
        }
        out.push(Glyph { text: Some(text), ..g.clone() });
    }
    (out, unreadable)
}

/// Drops glyphs drawn again on (nearly) the same spot with the same text —
/// the way some producers fake a bold face. Returns how many were dropped.
/// `glyphs` must be in drawing order.
pub fn drop_doubles(glyphs: &mut Vec<Glyph>) -> usize {
    use rustc_hash::FxHashMap;
    // Glyphs seen, by text and a coarse grid cell; a glyph is a double when
    // one with its text stands within a fifth of an em (and of its width).
    let mut seen: FxHashMap<(String, i64, i64), Vec<(f32, f32)>> = FxHashMap::default();
    let before = glyphs.len();
    glyphs.retain(|g| {
        let text = g.text.clone().unwrap_or_default();
        if text.trim().is_empty() {
            return true;
        }
        let step = g.size.max(1.0);
        let (gx, gy) = ((g.x / step).floor() as i64, (g.y / step).floor() as i64);
        let near = (0.2 * g.size).min(0.5 * g.width.max(0.1));
        let mut dup = false;
        for dx in -1..=1 {
            for dy in -1..=1 {
                if let Some(v) = seen.get(&(text.clone(), gx + dx, gy + dy)) {
                    dup |= v.iter().any(|&(x, y)| (x - g.x).abs() < near && (y - g.y).abs() < near);
                }
            }
        }
        if !dup {
            seen.entry((text, gx, gy)).or_default().push((g.x, g.y));
        }
        !dup
    });
    before - glyphs.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radicals_and_kangxi_fold_to_ideographs() {
        assert_eq!(fold("⼈⺠⻓⾼"), "人民长高");
        assert_eq!(fold("中⽂，（１２３）"), "中文，（123）");
        assert_eq!(fold("农戶1―8月"), "农户1—8月");
        assert_eq!(fold("他说\u{2E3A}好"), "他说——好");
        assert_eq!(fold("\u{2E3B}"), "———");
        // The Kangxi radical for "door", as Chromium maps a shared glyph.
        assert_eq!(fold("农\u{2F3E}"), "农户");
    }

    #[test]
    fn fallback_encodings_decode_codes() {
        assert_eq!(fallback_for_cmap("GBK-EUC-H"), Some(Fallback::Gbk));
        assert_eq!(fallback_for_cmap("UniGB-UCS2-H"), Some(Fallback::Ucs2));
        assert_eq!(fallback_for_cmap("Identity-H"), None);
        assert_eq!(decode_code(0xD6D0, Fallback::Gbk).as_deref(), Some("中"));
        assert_eq!(decode_code(0x41, Fallback::Gbk).as_deref(), Some("A"));
        assert_eq!(decode_code(0x4E2D, Fallback::Ucs2).as_deref(), Some("中"));
    }

    #[test]
    fn doubled_glyphs_are_dropped_once() {
        let g = |t: &str, x: f32| Glyph {
            text: Some(t.into()),
            code: 0,
            font: 0,
            x,
            y: 100.0,
            width: 10.0,
            size: 10.0,
            stroke: 0,
        };
        let mut v = vec![g("愿", 0.0), g("愿", 0.4), g("景", 10.0), g("景", 10.4), g("景", 20.0)];
        assert_eq!(drop_doubles(&mut v), 2);
        let text: String = v.iter().filter_map(|g| g.text.clone()).collect();
        assert_eq!(text, "愿景景", "a real repeat one em away stays");
        // Narrow digits side by side are not doubles.
        let mut v = vec![g("1", 0.0), g("1", 4.5)];
        v.iter_mut().for_each(|g| g.width = 4.5);
        assert_eq!(drop_doubles(&mut v), 0);
    }
}
