//! Feeds arbitrary bytes to the loader: it must never panic, and whatever it
//! loads must be free of control characters (they would reach the terminal).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(page) = lvread::loader::load_bytes("fuzz.txt", data) {
        let texts = page
            .fragments
            .iter()
            .chain(page.articles.iter().flat_map(|a| {
                std::iter::once(&a.title)
                    .chain(a.paragraphs.iter())
                    .chain(a.captions.iter())
                    .chain(a.kicker.iter())
                    .chain(a.subtitle.iter())
                    .chain(a.byline.iter())
            }));
        for t in texts {
            assert!(!t.chars().any(char::is_control), "control character in {t:?}");
        }
    }
});
