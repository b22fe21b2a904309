#![allow(clippy::unwrap_used)]
//! `lvread search` through the real binary.

use std::io::Read;
use std::process::{Command, Stdio};

fn lvread(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_lvread")).args(args).arg("--no-cache").output().expect("run lvread")
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = lvread(args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn json_output_has_the_documented_shape() {
    let v = json(&["search", "--json", "--limit", "3", "吕梁"]);
    assert_eq!(v["query"], "吕梁");
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 3);
    for h in hits {
        for key in ["source", "date", "title", "article", "score", "field", "snippet"] {
            assert!(h.get(key).is_some(), "{key} missing in {h}");
        }
        assert!(matches!(h["field"].as_str(), Some("title" | "body")));
        assert!(h["snippet"].as_str().unwrap().contains("吕梁"));
        assert!(h["source"].as_str().unwrap().ends_with(".txt"));
    }
    let scores: Vec<i64> = hits.iter().map(|h| h["score"].as_i64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first: {scores:?}");
}

#[test]
fn pinyin_queries_work_from_the_command_line() {
    let v = json(&["search", "--json", "sundj"]);
    let first = &v["hits"][0];
    assert!(first["snippet"].as_str().unwrap().contains("孙大军"), "{first}");
}

#[test]
fn text_output_is_one_line_per_hit() {
    let out = lvread(&["search", "--limit", "5", "吕梁"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 5);
    assert!(text.lines().all(|l| l.contains("吕梁") && !l.contains('\x1b')), "{text}");
}

#[test]
fn no_match_is_not_an_error() {
    let v = json(&["search", "--json", "这是一个不存在的查询词"]);
    assert_eq!(v["hits"].as_array().unwrap().len(), 0);
    let v = json(&["search", "--json", "，。"]);
    assert_eq!(v["hits"].as_array().unwrap().len(), 0);
}

#[test]
fn a_path_that_cannot_be_read_is_reported_and_fails_only_when_nothing_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.txt");
    let missing = missing.to_str().unwrap();
    let out = lvread(&["search", "吕梁", missing]);
    assert_eq!(out.status.code(), Some(1), "nothing could be searched");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("nope.txt").count(), 1, "reported once: {err}");
    assert!(!err.contains("no match"), "{err}");
    std::fs::write(dir.path().join("2024-01-02_p01.txt"), "测试标题\n\n这是正文，提到了吕梁。\n").unwrap();
    let good = dir.path().join("2024-01-02_p01.txt");
    let out = lvread(&["search", "吕梁", missing, good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "the other file was searched");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("2024-01-02  测试标题"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn searches_the_users_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("2024-01-02_p01.txt"), "测试标题\n\n这是正文，提到了汾阳杏花村。\n").unwrap();
    let p = dir.path().to_str().unwrap();
    let v = json(&["search", "--json", "fenyang", p]);
    assert_eq!(v["hits"].as_array().unwrap().len(), 1);
    assert_eq!(v["hits"][0]["source"], "2024-01-02_p01.txt");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // Enough hits to overflow the pipe's buffer.
    let dir = tempfile::tempdir().unwrap();
    for i in 0..800 {
        std::fs::write(
            dir.path().join(format!("2024-01-{:02}_p{i:03}.txt", i % 28 + 1)),
            format!("第{i}号标题\n\n吕梁市的新闻正文，内容第{i}段，吕梁。\n"),
        )
        .unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_lvread"))
        .args(["search", "--no-cache", "--limit", "100000", "吕梁", dir.path().to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?} {err}");
    assert!(err.is_empty(), "{err}");
}

fn first_title(q: &str) -> String {
    let v = json(&["search", "--json", q]);
    v["hits"][0]["title"].as_str().unwrap_or_default().to_string()
}

#[test]
fn done_when_old_housing_renovation_ranks_its_headline_first() {
    assert_eq!(first_title("老旧小区改造"), "孙大军在离石区调研老旧小区改造工作");
}

#[test]
fn done_when_initials_rank_the_youth_work_meeting_first() {
    assert_eq!(first_title("qsngzlxhy"), "全市青少年工作联席会议第四次全体会议召开");
}

#[test]
fn done_when_full_pinyin_ranks_the_sister_cities_letter_first() {
    assert_eq!(first_title("zhongmeiyoucheng"), "习近平向第五届中美友城大会致信");
}

#[test]
fn tone_marked_pinyin_finds_what_plain_pinyin_finds() {
    let plain = json(&["search", "--json", "--limit", "5", "lvliang"]);
    let marked = json(&["search", "--json", "--limit", "5", "lǚliáng"]);
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap_or("").to_string()).collect()
    };
    assert!(!ids(&plain).is_empty());
    assert_eq!(ids(&marked), ids(&plain));
}

/// `lvread search` with the page cache in `cache` (None: `--no-cache`).
fn search_with(cache: Option<&std::path::Path>, args: &[&str]) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lvread"));
    cmd.arg("search").args(args);
    match cache {
        Some(dir) => cmd.env("LVREAD_CACHE_DIR", dir),
        None => cmd.arg("--no-cache"),
    };
    cmd.output().expect("run lvread")
}

#[test]
fn a_warm_cache_prints_what_a_cold_one_and_no_cache_print() {
    // The bundled pages as files, in two quarters' folders (two parts of
    // the index). A warm search reads headlines from the headline table,
    // the index from its stored parts and text only for what it prints; a
    // cold one parses every file; `--no-cache` neither reads nor writes.
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let files = dir.path().join("files");
    for (k, (_, text)) in lvread::loader::BUNDLED.iter().enumerate() {
        let folder = files.join(if k < 3 { "2023-11" } else { "2024-02" });
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join(format!("{}_p0{}.txt", if k < 3 { "2023-11-04" } else { "2024-02-01" }, k + 1)),
            text,
        )
        .unwrap();
    }
    let root = files.to_str().unwrap();
    let queries: &[&[&str]] = &[
        &["吕梁", root],
        &["--limit", "100", "lvliang", root],
        &["--json", "老旧小区改造", root],
        // Only in a page's fragments (the reader's extra article): no hit,
        // whichever way the pages come.
        &["--json", "刘少伟", root],
    ];
    let lines = |out: std::process::Output| {
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    for args in queries {
        let cold = lines(search_with(Some(&cache), args));
        let warm = lines(search_with(Some(&cache), args));
        let none = lines(search_with(None, args));
        assert!(!cold.0.is_empty() || cold.1.contains("no match"), "{args:?} prints something");
        assert_eq!(warm, cold, "{args:?}: a warm cache prints what a cold one printed");
        assert_eq!(none, cold, "{args:?}: --no-cache prints the same");
    }
    assert!(cache.join(lvread::cache::CACHE_FILE).exists(), "the searches filled the cache");
    // Every hit is an article `dump` and `export` know (ids that work with `export --id`).
    let dump =
        Command::new(env!("CARGO_BIN_EXE_lvread")).args(["dump", "--json", "--no-cache", root]).output().unwrap();
    let dump: serde_json::Value = serde_json::from_slice(&dump.stdout).unwrap();
    let ids: Vec<&str> = dump["issues"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["articles"].as_array().unwrap())
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    for q in ["刘少伟", "ls"] {
        let out = search_with(Some(&cache), &["--json", "--limit", "1000", q, root]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        for h in v["hits"].as_array().unwrap() {
            assert!(ids.contains(&h["id"].as_str().unwrap()), "{q}: {h} is an article of the pages");
        }
    }
}
