//! Property tests: whatever bytes or line soups the loader is fed, it never
//! panics and never loses (or invents) text.

use lvread::loader;
use lvread::model::Page;
use proptest::prelude::*;
use std::collections::HashMap;

fn counts(s: &str) -> HashMap<char, i64> {
    let mut m = HashMap::new();
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        *m.entry(c).or_default() += 1;
    }
    m
}

/// Every non-space character of the cleaned input, in exactly one field.
fn assert_kept(input: &str, p: &Page) {
    let mut out = String::new();
    for a in &p.articles {
        if !a.title_inferred {
            out.push_str(&a.title);
        }
        for s in [&a.kicker, &a.subtitle, &a.byline].into_iter().flatten() {
            out.push_str(s);
        }
        for s in a.paragraphs.iter().chain(a.captions.iter()) {
            out.push_str(s);
        }
    }
    for f in &p.fragments {
        out.push_str(f);
    }
    let want = counts(&loader::decode::clean(input));
    let got = counts(&out);
    assert_eq!(want, got, "text lost or invented for input {input:?}");
    for a in &p.articles {
        assert!(!a.title.is_empty(), "empty title");
        for s in a.paragraphs.iter().chain(a.captions.iter()).chain(std::iter::once(&a.title)) {
            assert!(!s.chars().any(|c| c.is_control()), "control character in {s:?}");
        }
    }
}

/// Lines in the forms real pages have, and noise.
fn line() -> impl Strategy<Value = String> {
    let bundled: Vec<String> = loader::BUNDLED
        .iter()
        .flat_map(|(_, t)| t.lines().map(str::to_string))
        .filter(|l| !l.trim().is_empty())
        .collect();
    prop_oneof![
        4 => proptest::sample::select(bundled),
        1 => Just(String::new()),
        1 => "[本报讯（）记者 图为摄作□新华社北京月日电上接1版。，、“”]{0,20}",
        1 => "\\PC{0,30}",
        1 => "[ a-z0-9\u{3000}\u{1b}\\[\u{7}]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(page) = loader::load_bytes("fuzz.txt", &bytes) {
            for a in &page.articles {
                prop_assert!(!a.title.is_empty());
            }
        }
    }

    #[test]
    fn arbitrary_text_is_kept(text in "\\PC{0,400}") {
        let page = loader::load_text("t.txt", &text, Vec::new());
        assert_kept(&text, &page);
    }

    #[test]
    fn line_soups_are_kept(lines in proptest::collection::vec(line(), 0..60), blank in any::<bool>()) {
        let text = lines.join(if blank { "\n\n" } else { "\n" });
        let page = loader::load_text("soup.txt", &text, Vec::new());
        assert_kept(&text, &page);
    }

    #[test]
    fn shuffled_bundled_pages_are_kept(seed in any::<u64>(), page_no in 0usize..5) {
        // The page's lines in another order, as a bad extractor might print them.
        let mut lines: Vec<&str> = loader::BUNDLED[page_no].1.lines().collect();
        let mut s = seed | 1;
        for i in (1..lines.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            lines.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let text = lines.join("\n");
        assert_kept(&text, &loader::load_text("shuffled.txt", &text, Vec::new()));
    }
}

#[test]
fn empty_and_blank_files_give_no_articles_and_a_warning() {
    for text in ["", "\n\n\n", "   \n\u{3000}\n"] {
        let p = loader::load_text("empty.txt", text, Vec::new());
        assert!(p.articles.is_empty());
        assert_eq!(p.warnings.len(), 1, "{text:?}");
    }
}

#[test]
fn a_long_page_without_line_breaks_loads() {
    let text: String =
        loader::BUNDLED.iter().flat_map(|(_, t)| t.chars()).filter(|c| *c != '\n').collect::<String>().repeat(3);
    let p = loader::load_text("one-line.txt", &text, Vec::new());
    assert_kept(&text, &p);
}
