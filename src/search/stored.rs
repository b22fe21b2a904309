//! What one page gives the search index — per article, the sorted keys of
//! its headline and of the rest, its headline word boundaries and its pair
//! signature — computed from the text or read back from the page cache
//! ([`crate::cache`]), where it is stored with the page: a second start
//! builds the index from these without reading the text again (no pinyin,
//! no jieba, no hashing of pairs).

use super::index::{add_word_keys, body_texts, head_texts, keys_and_pairs};
use super::pairs;
use super::pinyin::Table;
use super::signature;
use super::words;
use crate::cache::db::FileKey;
use crate::model::Page;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Version of the stored form: a cache holding another format is not read
/// (the page's part is computed again and stored anew). Change it with the
/// keys, the signatures or the word boundaries. (4: word keys and pairs
/// ending a word are the headline's alone, not its kicker's and
/// subtitle's too; 5: word keys of Latin letters and digits.)
pub const FORMAT: u32 = 5;

/// One article's keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleKeys {
    /// Keys of the headline, kicker and subtitle, sorted, each once (stored
    /// as gaps from the previous key), the headline's word keys included
    /// (`index::add_word_keys`).
    pub heads: Vec<u32>,
    /// Keys of the adjacent pairs of headline, kicker and subtitle
    /// ([`super::pairs`]; those ending a word, the headline's only),
    /// sorted, each once (gaps).
    pub head_pairs: Vec<u32>,
    /// Keys of every other field that the headline lacks, sorted (gaps).
    pub rest: Vec<u32>,
    /// jieba word boundaries of title, kicker and subtitle.
    pub bounds: [u64; 3],
    /// The pair signature's words.
    pub sig: Vec<u64>,
}

/// Every article's keys, in the page's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageKeys {
    pub articles: Vec<ArticleKeys>,
}

/// Distinct keys: a bit per key (one set per thread, kept clear between
/// articles) drops repeats as the keys come, so only distinct keys are
/// kept and sorted. (A bit rather than a stamp per key: the set of every
/// key fits in 10 KB, close to the core, where a stamp per key took 300 KB.)
struct Distinct {
    seen: Vec<u64>,
}

thread_local! {
    static DISTINCT: std::cell::RefCell<Distinct> = const { std::cell::RefCell::new(Distinct { seen: Vec::new() }) };
}

/// From this many keys on, [`Distinct::take_sorted`] reads the keys off
/// the set in order instead of sorting them: a pass over its 10 KB costs
/// about what sorting this many keys does.
const READ_OFF_FROM: usize = 96;

impl Distinct {
    /// True the first time `key` is seen since it was last forgotten.
    fn first(&mut self, key: u32) -> bool {
        let (w, bit) = (key as usize / 64, 1u64 << (key % 64));
        if w >= self.seen.len() {
            self.seen.resize(w + 1, 0);
        }
        let fresh = self.seen[w] & bit == 0;
        self.seen[w] |= bit;
        fresh
    }

    /// Pushes `key` onto `out` the first time it is seen.
    fn keep(&mut self, key: u32, out: &mut Vec<u32>) {
        if self.first(key) {
            out.push(key);
        }
    }

    /// Clears `keys` (every key seen since the set was last clear), so the
    /// next article starts with none seen.
    fn forget(&mut self, keys: &[u32]) {
        for &k in keys {
            if let Some(w) = self.seen.get_mut(k as usize / 64) {
                *w &= !(1u64 << (k % 64));
            }
        }
    }

    /// Sorts `keys`, the only keys seen since the set was last clear, and
    /// clears them: many are read off the set in order (which clears it),
    /// a few sorted.
    fn take_sorted(&mut self, keys: &mut Vec<u32>) {
        if keys.len() < READ_OFF_FROM {
            self.forget(keys);
            keys.sort_unstable();
            return;
        }
        keys.clear();
        for (w, word) in self.seen.iter_mut().enumerate() {
            let mut bits = std::mem::take(word);
            while bits != 0 {
                keys.push(w as u32 * 64 + bits.trailing_zeros());
                bits &= bits - 1;
            }
        }
    }
}

/// Gaps between sorted keys (small numbers: a short encoding).
fn gaps(v: &[u32]) -> Vec<u32> {
    let mut prev = 0;
    v.iter()
        .map(|&k| {
            let g = k - prev;
            prev = k;
            g
        })
        .collect()
}

fn ungaps(v: &[u32]) -> Option<Vec<u32>> {
    let mut at = 0u32;
    v.iter()
        .enumerate()
        .map(|(i, &g)| {
            if i > 0 && g == 0 {
                return None;
            }
            at = at.checked_add(g)?;
            Some(at)
        })
        .collect()
}

/// The word-boundary masks of an article's headline texts (title, kicker,
/// subtitle; 0 where a text is missing or too long for a mask).
fn head_bounds(jieba: &jieba_rs::Jieba, a: &crate::model::Article) -> [u64; 3] {
    let mut bounds = [0u64; 3];
    for (slot, text) in bounds.iter_mut().zip(head_texts(a)) {
        *slot = words::mask(jieba, text).unwrap_or(0);
    }
    bounds
}

impl PageKeys {
    /// Computes the keys of every article of `page`.
    pub fn of(t: &Table, jieba: &jieba_rs::Jieba, page: &Page) -> PageKeys {
        let mut pair_keys = Vec::new();
        let mut pair_keys_32 = Vec::new();
        DISTINCT.with_borrow_mut(|d| {
            let articles = page
                .articles
                .iter()
                .map(|a| {
                    let bounds = head_bounds(jieba, a);
                    // Each key is kept the first time it comes (headline
                    // first: the rest holds only what the headline lacks).
                    pair_keys.clear();
                    let mut heads = Vec::new();
                    for text in head_texts(a) {
                        keys_and_pairs(t, text, |k| d.keep(k, &mut heads), &mut pair_keys);
                    }
                    // Word keys and pairs ending a word: the headline's only
                    // (the headline pass bounds word-aligned matches only
                    // there, see `reach`).
                    add_word_keys(t, &a.title, bounds[0], |k| d.keep(k, &mut heads));
                    pair_keys_32.clear();
                    for (n, (text, &mask)) in head_texts(a).zip(&bounds).enumerate() {
                        pairs::keys_of(t, text, (n == 0).then_some(mask), &mut pair_keys_32);
                    }
                    pair_keys_32.sort_unstable();
                    pair_keys_32.dedup();
                    let head_pairs = pair_keys_32.clone();
                    let mut rest = Vec::new();
                    for text in body_texts(a) {
                        keys_and_pairs(t, text, |k| d.keep(k, &mut rest), &mut pair_keys);
                    }
                    d.forget(&heads);
                    heads.sort_unstable();
                    d.take_sorted(&mut rest);
                    let sig = signature::words_of(&pair_keys);
                    ArticleKeys { heads, head_pairs, rest, bounds, sig }
                })
                .collect();
            PageKeys { articles }
        })
    }

    /// The stored form.
    pub fn encode(&self) -> Vec<u8> {
        let stored: Vec<ArticleKeys> = self
            .articles
            .iter()
            .map(|a| ArticleKeys {
                heads: gaps(&a.heads),
                head_pairs: gaps(&a.head_pairs),
                rest: gaps(&a.rest),
                bounds: a.bounds,
                sig: a.sig.clone(),
            })
            .collect();
        postcard::to_stdvec(&stored).unwrap_or_default()
    }

    /// Reads the stored form back for `page`; None when it is damaged or
    /// does not fit the page (another number of articles, keys out of range).
    pub fn decode(bytes: &[u8], page: &Page, keys: u32) -> Option<PageKeys> {
        let stored: Vec<ArticleKeys> = postcard::from_bytes(bytes).ok()?;
        if stored.len() != page.articles.len() {
            return None;
        }
        let articles = stored
            .into_iter()
            .map(|a| {
                let heads = ungaps(&a.heads)?;
                let rest = ungaps(&a.rest)?;
                let head_pairs = ungaps(&a.head_pairs)?;
                let fits = |v: &[u32]| v.last().is_none_or(|&k| k < keys);
                (fits(&heads) && fits(&rest)).then_some(ArticleKeys {
                    heads,
                    head_pairs,
                    rest,
                    bounds: a.bounds,
                    sig: a.sig,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(PageKeys { articles })
    }

    /// The keys of `page`: read back from the page cache when it holds them
    /// for this file as it is now, else computed (and stored there). `file`
    /// is the key of the page's file when the caller has it (else it is
    /// looked up). (jieba is waited for only when the keys are computed.)
    pub fn load_or_compute(t: &Table, page: &Arc<Page>, file: Option<&FileKey>, keys: u32) -> PageKeys {
        let cache = crate::cache::shared().filter(|c| c.is_on());
        let key = match (cache, file, page.path.as_deref()) {
            (Some(_), Some(k), _) => Some(k.clone()),
            (Some(_), None, Some(path)) => FileKey::of(path),
            _ => None,
        };
        let number = page.page.map_or(-1, i64::from);
        if let (Some(c), Some(k)) = (cache, &key)
            && let Some(found) = c.get_search(k, number, FORMAT).and_then(|b| PageKeys::decode(&b, page, keys))
        {
            return found;
        }
        // (A page holding its headlines only is indexed from its text.)
        let computed = PageKeys::of(t, words::jieba(), &crate::page_text::text_once(page));
        if let (Some(c), Some(k)) = (cache, key) {
            c.put_search(k, number, FORMAT, computed.encode());
        }
        computed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::add_keys;

    /// The keys as computed before the keys and signature pairs were taken
    /// in one pass and repeats dropped as they come: each text read once
    /// for the keys and once for the signature, every key with its
    /// repeats, then the distinct ones sorted.
    fn of_reference(t: &Table, jieba: &jieba_rs::Jieba, page: &Page) -> PageKeys {
        let articles = page
            .articles
            .iter()
            .map(|a| {
                let bounds = head_bounds(jieba, a);
                let mut keys = Vec::new();
                for text in head_texts(a) {
                    add_keys(t, text, &mut keys);
                }
                add_word_keys(t, &a.title, bounds[0], |k| keys.push(k));
                let mut head_pairs = Vec::new();
                for (n, (text, &mask)) in head_texts(a).zip(&bounds).enumerate() {
                    pairs::keys_of(t, text, (n == 0).then_some(mask), &mut head_pairs);
                }
                head_pairs.sort_unstable();
                head_pairs.dedup();
                let split = keys.len();
                for text in body_texts(a) {
                    add_keys(t, text, &mut keys);
                }
                let mut heads = keys[..split].to_vec();
                heads.sort_unstable();
                heads.dedup();
                let mut rest: Vec<u32> =
                    keys[split..].iter().copied().filter(|k| heads.binary_search(k).is_err()).collect();
                rest.sort_unstable();
                rest.dedup();
                let mut pair_keys = Vec::new();
                for text in head_texts(a).chain(body_texts(a)) {
                    signature::pairs(t, text, &mut pair_keys);
                }
                let sig = signature::words_of(&pair_keys);
                ArticleKeys { heads, head_pairs, rest, bounds, sig }
            })
            .collect();
        PageKeys { articles }
    }

    #[test]
    fn page_keys_are_those_of_the_reference() {
        let t = crate::search::pinyin::table();
        let j = words::jieba();
        let mut pages: Vec<Page> = (0..40)
            .map(|k| {
                let (name, raw) = crate::synth::page(k, 7);
                crate::loader::load_text(&name, &raw, Vec::new())
            })
            .collect();
        // Characters that folding changes (full-width Latin and digits, a
        // Kangxi radical and a compatibility ideograph folding to Hanzi,
        // Chinese punctuation), a Hanzi of extension A, polyphones, Latin words, a headline too
        // long for word boundaries, and an article of many keys.
        let mut odd = pages[0].clone();
        if let Some(a) = odd.articles.first_mut() {
            a.title = "ＡＢＣ２０２４年⼀季度\u{F900}行长重新增长，“吕梁”KV线路\u{3400}".into();
            a.kicker = Some("银行行动：长治".into());
            a.subtitle = Some("x".repeat(70) + "中美友城");
            a.paragraphs = vec!["孙大军在离石区调研老旧小区改造工作。".repeat(40), "Ｗｉ-Ｆｉ ⼆〇二三 ①②".into()];
        }
        pages.push(odd);
        for p in &pages {
            assert_eq!(PageKeys::of(t, j, p), of_reference(t, j, p));
        }
        // And again on this thread, its set of seen keys left clear.
        for p in pages.iter().rev() {
            assert_eq!(PageKeys::of(t, j, p), of_reference(t, j, p));
        }
    }

    #[test]
    fn distinct_keys_of_one_article_leave_none_seen_for_the_next() {
        // (heads, rest) of successive articles on one thread: each keeps
        // the first of every key, heads before rest, whatever came before.
        type Round<'a> = (&'a [u32], &'a [u32], &'a [u32], &'a [u32]);
        let rounds: &[Round] = &[
            (&[5, 3, 5, 70_000], &[3, 9, 9, 64], &[5, 3, 70_000], &[9, 64]),
            (&[9, 64], &[5, 5, 3, 70_000], &[9, 64], &[5, 3, 70_000]),
            (&[], &[0, 63, 64, 0, 127, 128], &[], &[0, 63, 64, 127, 128]),
            (&[0, 0], &[0], &[0], &[]),
        ];
        let mut d = Distinct { seen: Vec::new() };
        for &(heads, rest, want_heads, want_rest) in rounds {
            let h: Vec<u32> = heads.iter().copied().filter(|&k| d.first(k)).collect();
            let r: Vec<u32> = rest.iter().copied().filter(|&k| d.first(k)).collect();
            d.forget(&h);
            d.forget(&r);
            assert_eq!((h.as_slice(), r.as_slice()), (want_heads, want_rest));
            assert!(d.seen.iter().all(|&w| w == 0), "every key forgotten");
        }
    }
}
