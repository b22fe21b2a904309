#![allow(clippy::unwrap_used)]
//! Hard inputs: every encoding a page comes in, junk files, huge files,
//! escape sequences, and a closed stdout pipe. The loader must give the same
//! tree for the same page, never panic, never let a control character
//! through, and the command line must keep going past bad files.

use lvread::loader::{self, BUNDLED};
use lvread::model::Page;
use proptest::prelude::*;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

/// A real page from the bundled issues.
fn sample() -> &'static str {
    BUNDLED[0].1
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    out
}

/// Every string of a page that can reach the screen or the JSON.
fn strings(p: &Page) -> Vec<&str> {
    let mut v: Vec<&str> = vec![p.source.as_str()];
    v.extend(p.fragments.iter().map(String::as_str));
    v.extend(p.warnings.iter().map(String::as_str));
    for a in &p.articles {
        v.extend([a.id.as_str(), a.title.as_str()]);
        v.extend(a.kicker.as_deref());
        v.extend(a.subtitle.as_deref());
        v.extend(a.byline.as_deref());
        v.extend(a.paragraphs.iter().map(String::as_str));
        v.extend(a.captions.iter().map(String::as_str));
        v.extend(a.keywords.iter().map(String::as_str));
    }
    v
}

/// No control character (C0, C1, DEL, ESC) in any string of the page.
fn assert_no_controls(p: &Page) {
    for s in strings(p) {
        assert!(!s.chars().any(|c| c.is_control()), "control character in {s:?}");
    }
}

/// How many non-space characters of text the page kept, anywhere.
fn kept_chars(p: &Page) -> usize {
    let mut n = 0;
    for a in &p.articles {
        for s in std::iter::once(&a.title)
            .chain(&a.paragraphs)
            .chain(&a.captions)
            .chain(a.kicker.iter())
            .chain(a.subtitle.iter())
            .chain(a.byline.iter())
        {
            n += s.chars().filter(|c| !c.is_whitespace()).count();
        }
    }
    n + p.fragments.iter().map(|f| f.chars().filter(|c| !c.is_whitespace()).count()).sum::<usize>()
}

/// The tree without what legitimately differs between encodings.
fn tree(p: &Page) -> (Vec<lvread::model::Article>, Vec<String>, Option<lvread::model::Date>) {
    (p.articles.clone(), p.fragments.clone(), p.date)
}

#[test]
fn the_same_page_in_every_encoding_gives_the_same_tree() {
    let text = sample();
    let reference = loader::load_bytes("page.txt", text.as_bytes()).expect("UTF-8 loads");
    assert!(!reference.articles.is_empty());
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    let variants: Vec<(&str, Vec<u8>)> = vec![
        ("UTF-8 with BOM", bom),
        ("UTF-8 with CRLF", crlf.clone().into_bytes()),
        ("GB18030", gb.into_owned()),
        ("GB18030 with CRLF", encoding_rs::GB18030.encode(&crlf).0.into_owned()),
        ("UTF-16LE with BOM", utf16(text, false)),
        ("UTF-16BE with BOM", utf16(text, true)),
        ("UTF-16LE with BOM and CRLF", utf16(&crlf, false)),
    ];
    for (what, bytes) in variants {
        let page = loader::load_bytes("page.txt", &bytes).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(tree(&page), tree(&reference), "{what} gives another tree");
        assert!(page.warnings.is_empty(), "{what}: unexpected warnings {:?}", page.warnings);
    }
}

#[test]
fn gbk_text_is_read_as_chinese() {
    // Text typical of a GBK page (GBK is a subset of GB18030).
    let text = "吕梁日报\n本报讯（记者 张三）11月3日，市委召开常委会议，研究部署冬季安全生产工作。\n会议强调，要压实责任，确保群众温暖过冬。\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let page = loader::load_bytes("gbk.txt", &gbk).unwrap();
    let all: String = strings(&page).concat();
    assert!(all.contains("市委召开常委会议"), "decoded as something else: {all}");
}

#[test]
fn an_empty_file_is_an_issue_without_articles_and_a_warning() {
    for bytes in [&b""[..], b"\n\n  \r\n", b"\xEF\xBB\xBF"] {
        let page = loader::load_bytes("empty.txt", bytes).expect("an empty file is not an error");
        assert!(page.articles.is_empty());
        assert!(!page.warnings.is_empty(), "{bytes:?}: no warning");
    }
}

#[test]
fn invalid_utf8_in_the_middle_is_replaced_with_a_warning() {
    let text = sample();
    let mut bytes = text.as_bytes().to_vec();
    // Somewhere in the middle, on a character boundary.
    let mut mid = bytes.len() / 2;
    while !text.is_char_boundary(mid) {
        mid += 1;
    }
    bytes.splice(mid..mid, [0xFF, 0xC3, 0x28, 0xFE]);
    let page = loader::load_bytes("page.txt", &bytes).expect("still loads");
    assert!(page.warnings.iter().any(|w| w.contains("UTF-8")), "warnings: {:?}", page.warnings);
    let all: String = strings(&page).concat();
    assert!(all.contains('\u{FFFD}'), "the bad bytes are shown as �");
    // The text around the damage is intact.
    let before: String = text[..mid]
        .chars()
        .rev()
        .filter(|c| !c.is_whitespace())
        .take(6)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert!(all.replace(char::is_whitespace, "").contains(&before), "lost {before:?}");
    assert!(kept_chars(&page) * 10 >= text.chars().filter(|c| !c.is_whitespace()).count() * 9);
}

/// Escape sequences and control characters of every kind.
const NASTY: &str = concat!(
    "\u{1b}[2J\u{1b}[H吕梁日报\u{1b}[0m\n",
    "本报讯\u{1b}[31m（记者 张三）\u{1b}[0m 市委召开会议。\u{7}\u{8}\u{7f}\n",
    "\u{1b}]0;pwned\u{7}标题被改\u{1b}]8;;http://x\u{1b}\\链接\u{1b}]8;;\u{1b}\\\n",
    "\u{9b}31m红色\u{9d}osc\u{9c}文字\u{1b}P+q\u{1b}\\\u{1b}(0线\u{1b}(B\u{85}下一行\u{202e}反向\u{2066}\n",
    "会议强调，要压实责任。\u{c}\u{b}\u{1}\u{2}\u{3}\u{1f}\n",
);

fn check_clean(page: &Page, kept: &[&str]) {
    assert_no_controls(page);
    let all: String = strings(page).concat();
    for gone in ["pwned", "[31m", "[2J", "http://x", "\u{202e}", "\u{2066}"] {
        assert!(!all.contains(gone), "{gone:?} got through: {all:?}");
    }
    for k in kept {
        assert!(all.contains(k), "{k:?} was lost: {all:?}");
    }
    let json = serde_json::to_string(page).unwrap();
    assert!(!json.contains("\\u001b") && !json.contains('\u{1b}') && !json.contains("\\u009b"), "{json}");
}

/// A real page with an escape sequence or control character on every line.
fn page_full_of_escapes() -> String {
    let mut text = String::new();
    for (i, line) in sample().lines().enumerate() {
        let junk = NASTY.lines().nth(i % 5).unwrap_or("");
        text.push_str(&format!("{}{line}\n", junk.replace(|c: char| c.is_alphanumeric() && !c.is_ascii(), "")));
    }
    text.push_str(NASTY);
    text
}

/// A real page with colour codes on every line, as saved from a terminal.
fn page_with_colour_codes() -> String {
    let mut text = String::new();
    for (i, line) in sample().lines().enumerate() {
        text.push_str(&format!("\u{1b}[1;3{}m{line}\u{1b}[0m{}\n", i % 8, if i % 10 == 0 { "\u{7}" } else { "" }));
    }
    text.push_str("\u{1b}]0;pwned\u{7}\u{1b}[2J");
    text
}

#[test]
fn escape_sequences_and_control_characters_never_get_through() {
    let dense = page_full_of_escapes();
    let coloured = page_with_colour_codes();
    let cases = [
        ("dense UTF-8", dense.as_bytes().to_vec()),
        ("dense UTF-16", utf16(&dense, false)),
        ("coloured UTF-8", coloured.as_bytes().to_vec()),
        ("coloured UTF-16", utf16(&coloured, true)),
    ];
    for (what, bytes) in cases {
        let page = loader::load_bytes("nasty.txt", &bytes).unwrap_or_else(|e| panic!("{what}: {e}"));
        let kept: &[&str] = if what.starts_with("dense") {
            &["优化营商环境", "市委召开会议", "链接", "会议强调"]
        } else {
            &["优化营商环境", "行走黄河看吕梁"]
        };
        check_clean(&page, kept);
    }
}

#[test]
fn a_gb18030_page_with_escapes_loads_like_its_utf8_twin() {
    let coloured = encoding_rs::GB18030.encode(&page_with_colour_codes()).0.into_owned();
    let page = loader::load_bytes("nasty.txt", &coloured).expect("coloured GB18030 loads like the UTF-8 version");
    check_clean(&page, &["优化营商环境", "行走黄河看吕梁"]);
    let dense = encoding_rs::GB18030.encode(&page_full_of_escapes()).0.into_owned();
    let page = loader::load_bytes("nasty.txt", &dense).expect("dense GB18030 loads like the UTF-8 version");
    check_clean(&page, &["优化营商环境", "市委召开会议", "链接", "会议强调"]);
}

#[test]
fn a_short_text_full_of_controls_is_clean_or_refused() {
    // Mostly control characters: refusing it as binary is fine, letting one through is not.
    for bytes in [NASTY.as_bytes().to_vec(), utf16(NASTY, true)] {
        if let Ok(page) = loader::load_bytes("nasty.txt", &bytes) {
            check_clean(&page, &["会议强调"]);
        }
    }
}

/// A page of `n` bytes of Chinese text with no line break at all.
fn one_line(n: usize) -> String {
    let unit = "吕梁市召开会议，部署冬季安全生产工作。会议强调，要压实责任，确保群众温暖过冬。";
    let mut s = unit.repeat(n / unit.len() + 1);
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

fn load_huge(text: &str) {
    let page = loader::load_bytes("huge.txt", text.as_bytes()).expect("a huge page loads");
    assert_no_controls(&page);
    let want = text.chars().filter(|c| !c.is_whitespace()).count();
    let kept = kept_chars(&page);
    assert!(kept * 10 >= want * 9, "kept {kept} of {want} characters");
}

#[test]
fn a_5_mb_page_without_line_breaks_loads() {
    load_huge(&one_line(5 << 20));
}

#[test]
fn a_50_mb_page_without_line_breaks_loads() {
    load_huge(&one_line(50 << 20));
}

#[test]
fn lines_of_100_000_characters_load() {
    let line: String = one_line(300_000).chars().take(100_000).collect();
    assert_eq!(line.chars().count(), 100_000);
    let text = format!("吕梁日报\n{line}\n\n{line}\n短的一行。\n{}\n", "a".repeat(100_000));
    load_huge(&text);
}

/// Deterministic pseudo-random bytes (xorshift), so failures reproduce.
fn random_bytes(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

#[test]
fn binary_and_random_bytes_are_refused_with_a_reason() {
    let elf = [b"\x7fELF\x02\x01\x01\x00".as_slice(), &[0u8; 64], &random_bytes(4000, 7)].concat();
    let png = [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".as_slice(), &random_bytes(4000, 9)].concat();
    for (what, bytes) in [("random", random_bytes(65536, 1)), ("elf", elf), ("png", png)] {
        match loader::load_bytes("junk.txt", &bytes) {
            Err(e) => assert!(e.to_string().contains("junk.txt"), "{what}: {e}"),
            Ok(p) => panic!("{what} loaded as text: {} articles", p.articles.len()),
        }
    }
}

// ---------------------------------------------------------------- the binary

fn lvread() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_lvread"));
    // Never touch the user's real state or config from tests.
    let tmp = std::env::temp_dir().join("lvread-hard-inputs-no-home");
    c.env("LVREAD_DATA_DIR", &tmp)
        .env("LVREAD_CONFIG_DIR", &tmp)
        .env("LVREAD_CACHE_DIR", tmp.join("cache"))
        .env_remove("NO_COLOR");
    c
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

#[test]
fn dump_skips_bad_files_reports_them_and_loads_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "2023-11-04_p01.txt", sample().as_bytes());
    write(dir.path(), "2023-11-04_p02.txt", b"");
    write(dir.path(), "2023-11-04_p03.txt", &random_bytes(20000, 3));
    write(dir.path(), "2023-11-04_p04.txt", &[b"\x7fELF\x02\x01\x01\x00".as_slice(), &[0u8; 512]].concat());
    let mut nasty = b"\x1b]0;pwnedtitle\x07\x1b[31m".to_vec();
    nasty.extend_from_slice(BUNDLED[1].1.as_bytes());
    write(dir.path(), "2023-11-04_p05.txt", &nasty);
    let out = lvread().arg("dump").arg("--json").arg(dir.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "status {:?}, stderr {stderr}", out.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("p03.txt") && stderr.contains("p04.txt"), "bad files not reported: {stderr}");
    assert!(stderr.contains("p02.txt"), "the empty file gives a warning: {stderr}");
    assert!(!out.stdout.contains(&0x1b), "an escape reached stdout");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let text = json.to_string();
    assert!(!text.contains("\\u001b") && !text.contains("pwned"), "escape sequence in the JSON");
    let sources: Vec<&str> = json["issues"].as_array().unwrap().iter().filter_map(|p| p["source"].as_str()).collect();
    assert!(
        sources.contains(&"2023-11-04_p01.txt")
            && sources.contains(&"2023-11-04_p02.txt")
            && sources.contains(&"2023-11-04_p05.txt"),
        "{sources:?}"
    );
    assert!(!sources.iter().any(|s| s.contains("p03") || s.contains("p04")), "{sources:?}");
}

#[test]
fn the_same_page_in_every_encoding_dumps_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let text = sample();
    let encodings: Vec<(&str, Vec<u8>)> = vec![
        ("utf8", text.as_bytes().to_vec()),
        ("gb18030", encoding_rs::GB18030.encode(&text.replace('\n', "\r\n")).0.into_owned()),
        ("utf16le", utf16(text, false)),
        ("utf16be", utf16(text, true)),
    ];
    let mut dumps = Vec::new();
    for (name, bytes) in encodings {
        let sub = dir.path().join(name);
        std::fs::create_dir(&sub).unwrap();
        write(&sub, "page.txt", &bytes);
        // Run from the folder, so that the dumped path is the same too.
        let out = lvread().current_dir(&sub).arg("dump").arg("--json").arg("page.txt").output().unwrap();
        assert!(out.status.success());
        dumps.push((name, String::from_utf8(out.stdout).unwrap()));
    }
    for (name, d) in &dumps[1..] {
        assert_eq!(d, &dumps[0].1, "{name} dumps differently from UTF-8");
    }
}

/// Runs lvread with its stdout closed before it writes; it must exit 0
/// without a panic message.
fn closed_pipe(args: &[&str], dir: &Path) {
    let mut child = lvread().args(args).arg(dir).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take());
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    assert!(!stderr.contains("Broken pipe") && !stderr.contains("os error 32"), "{args:?}: {stderr}");
    assert!(status.success(), "{args:?}: {status:?} {stderr}");
}

/// Enough pages that the output is far larger than a pipe's buffer.
fn many_pages() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        write(
            dir.path(),
            &format!("2023-11-{:02}_p01.txt", i % 28 + 1).replace("_p01", &format!("_p{:02}", i / 28 + 1)),
            BUNDLED[i % BUNDLED.len()].1.as_bytes(),
        );
    }
    dir
}

#[test]
fn dump_into_a_closed_pipe_exits_quietly() {
    let dir = many_pages();
    closed_pipe(&["dump", "--json"], dir.path());
}

#[test]
fn search_into_a_closed_pipe_exits_quietly() {
    let dir = many_pages();
    closed_pipe(&["search", "--limit", "100000", "吕梁"], dir.path());
    closed_pipe(&["search", "--json", "--limit", "100000", "会议"], dir.path());
}

#[test]
fn print_config_into_a_closed_pipe_exits_quietly() {
    let mut child = lvread().arg("--print-config").stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

// ---------------------------------------------------------------- properties

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Arbitrary bytes never panic the loader, and what loads is clean.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        if let Ok(page) = loader::load_bytes("fuzz.txt", &bytes) {
            assert_no_controls(&page);
        }
    }

    /// Text-like input (Han, punctuation, ASCII, controls, escapes, odd line
    /// ends) loads, and nothing that reaches the JSON is a control character.
    #[test]
    fn text_with_controls_loads_clean(parts in proptest::collection::vec(prop_oneof![
        Just("吕梁日报".to_string()), Just("本报讯（记者 张三）".to_string()), Just("。".to_string()),
        Just("\n".to_string()), Just("\r\n".to_string()), Just("\r".to_string()), Just("\t".to_string()),
        Just("\u{1b}[31m".to_string()), Just("\u{1b}]0;x\u{7}".to_string()), Just("\u{9b}".to_string()),
        Just("\u{1b}".to_string()), Just("——".to_string()), Just("2023年11月4日".to_string()),
        "[\\u{0}-\\u{ffff}]{0,8}",
    ], 0..60)) {
        let text = parts.concat();
        if let Ok(page) = loader::load_bytes("t.txt", text.as_bytes()) {
            assert_no_controls(&page);
            let json = serde_json::to_string(&page).unwrap();
            prop_assert!(!json.contains("\\u001b"));
        }
    }
}
