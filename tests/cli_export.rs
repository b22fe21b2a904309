#![allow(clippy::unwrap_used)]
//! `lvread export` through the real binary.

use std::process::Command;

fn lvread(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_lvread")).args(args).arg("--no-cache").output().expect("run lvread")
}

fn first_hit_id(query: &str) -> String {
    let out = lvread(&["search", "--json", "--limit", "1", query]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["hits"][0]["id"].as_str().unwrap().to_string()
}

#[test]
fn one_article_by_id_as_text_and_markdown() {
    let id = first_hit_id("孙大军");
    let out = lvread(&["export", "--id", &id]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("孙大军"), "{text}");
    assert!(!text.contains("* * *"), "one article, no separator: {text}");
    let mut blocks = text.split("\n\n");
    let head = blocks.next().unwrap();
    assert!(head.lines().any(|l| l.contains("第") && l.contains("版") || l.contains("20")), "date or page: {head}");
    assert!(blocks.count() >= 1, "paragraphs follow the header: {text}");

    let md = String::from_utf8(lvread(&["export", "--markdown", "--id", &id]).stdout).unwrap();
    assert!(md.lines().any(|l| l.starts_with("# ")), "{md}");
}

#[test]
fn whole_issues_and_unknown_ids() {
    let out = lvread(&["export"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.matches("\n* * *\n").count() >= 10, "every bundled article, separated");
    assert!(!text.contains('\u{1b}'));
    let out = lvread(&["export", "--id", "no-such-id"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no article with id"));
    let out = lvread(&["export", "--markdown", "--text"]);
    assert!(!out.status.success(), "the two formats conflict");
}

#[test]
fn escape_sequences_in_a_file_never_reach_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2024-03-07_p03.txt");
    std::fs::write(
        &path,
        "我市召开\u{1b}]52;c;aGk=\u{7}会议\n\n    本报讯 全市经济工作会议\u{1b}[2J昨日召开，会议强调要抓好落实。\n",
    )
    .unwrap();
    let out = lvread(&["export", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
    assert!(text.contains("会议"), "{text}");
}
