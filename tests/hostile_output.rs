#![allow(clippy::unwrap_used)]
//! Escape sequences in file names, page text, arguments and queries never
//! reach the terminal, whichever command prints them: `dump --json`,
//! `dump --explain`, `search` (text and JSON), errors, warnings, usage
//! errors, and the reader itself (its raw output recorded through tmux).
#![cfg(unix)]

#[path = "common/tmux.rs"]
mod tmux;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use tmux::{BIN, Tmux, sh_quote};

/// Sets the terminal's title and writes its clipboard when printed raw.
const OSC_NAME: &str = "esc\u{1b}]0;PWNED\u{7}\u{1b}]52;c;UFdORUQ=\u{7}.txt";

const PAGE: &str = "本报讯（记者 王丽）11月3日，我市召开会议，部署冬季安全生产工作。\n会议强调，要压实责任。\n";

/// A folder of pages and broken files whose names (and some of whose text)
/// carry escape sequences, C1 controls and bidi overrides.
fn hostile_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join(OSC_NAME), PAGE).unwrap();
    std::fs::write(d.join("c1\u{9b}31mred\u{9d}0;T\u{9c}.txt"), PAGE).unwrap();
    std::fs::write(d.join("bidi\u{202E}lmth.txt"), PAGE).unwrap();
    // A name that is not UTF-8: a raw 8-bit CSI byte.
    std::fs::write(d.join(OsStr::from_bytes(b"raw\x9b2J.txt")), PAGE).unwrap();
    // Text with escapes inside.
    std::fs::write(d.join("text.txt"), format!("会议\u{1b}]0;IN-TEXT\u{7}召开\u{202E}。\n{PAGE}")).unwrap();
    // An error (binary) and a warning (a bad byte), both with hostile names.
    std::fs::write(d.join("bin\u{1b}[2J\u{1b}]0;BIN\u{7}.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3].repeat(40)).unwrap();
    let mut bad = PAGE.repeat(3).into_bytes();
    bad.insert(40, 0xFF);
    std::fs::write(d.join("warn\u{1b}]0;WARN\u{7}\u{202E}.txt"), bad).unwrap();
    assert!(Command::new("mkfifo").arg(d.join("fifo\u{1b}]0;FIFO\u{7}.txt")).status().unwrap().success());
    dir
}

/// Fails when `bytes` (something lvread printed) holds anything a terminal
/// would act on: ESC, BEL, other C0 controls but line ends and tabs, C1
/// controls (raw or UTF-8), bidi controls.
fn assert_inert(what: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8 ({e}): {bytes:?}"));
    for c in text.chars() {
        let bad = (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{61C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        assert!(!bad, "{what}: {c:?} reaches the terminal in:\n{text}");
    }
}

fn run(args: &[&OsStr]) -> (Vec<u8>, Vec<u8>) {
    let out = Command::new("timeout").arg("120").arg(BIN).args(args).arg("--no-cache").output().unwrap();
    (out.stdout, out.stderr)
}

#[test]
fn every_command_prints_hostile_names_and_text_inertly() {
    let dir = hostile_folder();
    let d = dir.path().as_os_str();
    let missing = PathBuf::from("missing\u{1b}]0;MISSING\u{7}\u{9b}2J");
    let m = missing.as_os_str();
    let os = |s: &'static str| OsStr::new(s);
    let runs: Vec<(&str, Vec<&OsStr>)> = vec![
        ("dump --json", vec![os("dump"), os("--json"), d]),
        ("dump --explain", vec![os("dump"), os("--explain"), d]),
        ("search", vec![os("search"), os("会议"), d]),
        ("search --json", vec![os("search"), os("--json"), os("会议"), d]),
        ("search, no match", vec![os("search"), os("\u{1b}]0;Q\u{7}\u{202E}没有"), d]),
        ("search --json, hostile query", vec![os("search"), os("--json"), os("会\u{9b}议\u{202E}"), d]),
        ("dump, missing path", vec![os("dump"), os("--json"), m]),
        ("dump --explain, missing path", vec![os("dump"), os("--explain"), m]),
        ("search, missing path", vec![os("search"), os("会议"), m]),
        ("reader, missing path", vec![m]),
        ("reader, not a terminal", vec![d]),
        ("too big", vec![os("dump"), os("--json"), os("--max-page-size"), os("1"), d]),
        ("usage error", vec![os("dump"), os("--json"), os("--no\u{1b}]0;ARG\u{7}")]),
    ];
    for (what, args) in runs {
        let (out, err) = run(&args);
        assert_inert(&format!("{what} (stdout)"), &out);
        assert_inert(&format!("{what} (stderr)"), &err);
    }
    // And they did print the names (made visible), not nothing.
    let (out, err) = run(&[os("dump"), os("--explain"), d]);
    let (out, err) = (String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap());
    assert!(out.contains("== ") && out.contains("esc\\u{1b}]0;PWNED\\u{7}"), "{out}");
    assert!(err.contains("bin\\u{1b}[2J") && err.contains("fifo\\u{1b}]0;FIFO"), "{err}");
    let (out, _) = run(&[os("dump"), os("--json"), d]);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["issues"].as_array().map(Vec::len), Some(6), "the six pages that are pages");
}

#[test]
fn the_reader_sends_no_escape_from_names_or_text_to_the_terminal() {
    let dir = hostile_folder();
    let home = tempfile::tempdir().unwrap();
    let h = home.path().display().to_string();
    let cmd = format!(
        "LVREAD_DATA_DIR={q} LVREAD_CONFIG_DIR={q} {bin} {dir} 2> {q}/stderr",
        q = sh_quote(&h),
        bin = sh_quote(BIN),
        dir = sh_quote(&dir.path().display().to_string())
    );
    let t = Tmux::run(home.path(), 120, 30, &cmd, true);
    t.wait_for("the reader", |s| s.contains("Issues"));
    // Through every issue, into each article's body (the header shows the file name).
    for _ in 0..6 {
        t.keys(&["Enter", "Enter", "Escape", "Escape", "}"]);
    }
    t.keys(&["/"]);
    t.literal("会议");
    t.wait_for("search results", |s| s.contains(" hits"));
    // Esc and q sent together would read as Alt-q: one at a time.
    t.keys(&["Escape"]);
    // Closed means the results are gone (the status bar's hints alone do not
    // say so): a `q` sent while the search is still open would be read with
    // the Esc before it as Alt-q.
    t.wait_for("the search closed", |s| s.contains("q quit") && !s.contains(" hits"));
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "EXIT=0");
    let raw = t.raw();
    assert!(!raw.is_empty(), "the reader's output was recorded");
    let text = String::from_utf8_lossy(&raw);
    for (bad, name) in [("\u{1b}]", "OSC"), ("\u{1b}P", "DCS"), ("\u{1b}_", "APC"), ("\u{1b}^", "PM"), ("\u{7}", "BEL")]
    {
        assert!(!text.contains(bad), "{name} reached the terminal");
    }
    assert!(!text.contains("PWNED\u{7}") && !text.contains("IN-TEXT\u{7}"));
    assert!(
        !text
            .chars()
            .any(|c| ('\u{80}'..='\u{9f}').contains(&c)
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')),
        "a C1 or bidi control reached the terminal"
    );
    let stderr = std::fs::read(Path::new(&h).join("stderr")).unwrap();
    assert_inert("the reader's stderr", &stderr);
    assert!(String::from_utf8_lossy(&stderr).contains("bin\\u{1b}[2J"), "the errors were reported");
}
