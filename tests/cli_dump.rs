//! `lvread dump` through the real binary: exit codes and what reaches stderr.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_lvread");

#[test]
fn dump_fails_when_nothing_could_be_loaded() {
    let out =
        Command::new(BIN).args(["dump", "--json", "/nonexistent/lvread-test"]).arg("--no-cache").output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
    let out = Command::new(BIN)
        .args(["dump", "--explain", "/nonexistent/lvread-test"])
        .arg("--no-cache")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn dump_succeeds_when_some_files_load() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("good.txt"), "本报讯 （记者 王丽） 11月3日，我市召开会议。\n").expect("write");
    std::fs::write(dir.path().join("bad.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3]).expect("write");
    let out = Command::new(BIN).args(["dump", "--json"]).arg("--no-cache").arg(dir.path()).output().expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["issues"].as_array().map(Vec::len), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.txt: not a text file"));
    // The path says which `good.txt` it was.
    assert_eq!(v["issues"][0]["source"], "good.txt");
    assert_eq!(v["issues"][0]["path"].as_str(), dir.path().join("good.txt").to_str());
}

#[test]
fn a_page_named_with_escapes_dumps_a_clean_path() {
    let dir = tempfile::tempdir().expect("tmp");
    let name = "p\u{1b}]0;x\u{7}01.txt";
    std::fs::write(dir.path().join(name), "本报讯 （记者 王丽） 11月3日，我市召开会议。\n").expect("write");
    let out = Command::new(BIN).args(["dump", "--json"]).arg("--no-cache").arg(dir.path()).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("\\u001b") && !text.contains("\\u0007") && !text.contains('\u{1b}'), "{text}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["issues"][0]["source"], "p01.txt");
}

#[test]
fn escapes_in_file_names_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("tmp");
    let name = "b\u{1b}[2Jin.txt";
    std::fs::write(dir.path().join(name), [0u8, 1, 2, 3, 0, 0]).expect("write");
    let out =
        Command::new(BIN).args(["dump", "--json"]).arg("--no-cache").arg(dir.path().join(name)).output().expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(err.contains("\\u{1b}[2Jin.txt"), "{err:?}");
}

#[test]
fn big5_pages_are_read_as_big5() {
    let dir = tempfile::tempdir().expect("tmp");
    let text = "本報訊 （記者 王麗） 11月3日，呂梁市召開會議，部署冬季安全生產工作。\n會議強調，要壓實責任，確保群眾溫暖過冬。\n";
    let (bytes, _, _) = encoding_rs::BIG5.encode(text);
    std::fs::write(dir.path().join("big5.txt"), &bytes).expect("write");
    let out = Command::new(BIN)
        .args(["dump", "--json"])
        .arg("--no-cache")
        .arg(dir.path().join("big5.txt"))
        .output()
        .expect("run");
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("呂梁市召開會議"), "{s}");
}
