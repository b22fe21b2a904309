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

#[test]
fn explain_shows_the_lines_in_the_order_the_loader_reads_them() {
    // Two articles read side by side, as pdftotext may print them: A's
    // first column, B's first, A's second, B's second. The loader puts A's
    // second column back under its first; `--explain` must show the page
    // so, or its line numbers and roles would not be the loader's.
    let a0 = "本报讯（记者 王明）今年以来，离石区把城区供水\n管网改造作为民生实事来抓，累计更换老旧供水管道\n四十二公里，惠及居民一万三千余户。据介绍，改造\n后城区供水管网漏损率由百分之十八降至百分之九，\n高峰时段的水压也稳定了许多。离石区水务局负责人";
    let a1 = "介绍，明年将继续改造城区剩余的老旧供水管道，让\n供水管网改造惠及更多居民，城区居民用水将更加安\n全放心。";
    let b0 = "本报讯（记者 李红）九月一日，交城县新建的三所乡\n村幼儿园同时开园，全县一千二百名幼儿在家门口就\n能上幼儿园。这三所幼儿园由县财政投入两千四百万\n元建设，每所幼儿园都配有室内活动室、午休室和户\n外游戏场地。县教育局负责人表示，今后三年，全";
    let b1 = "县还将新建和改扩建幼儿园六所，让每个乡镇都有一\n所公办幼儿园。开园当天，不少家长早早带着孩子来\n到幼儿园，孩子们在老师的带领下做游戏、唱儿歌，\n很快就熟悉了新环境。";
    let page = ["离石区完成城区供水管网改造", a0, b0, a1, b1].join("\n\n") + "\n";
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("side_by_side.txt");
    std::fs::write(&file, page).expect("write");
    let out = Command::new(BIN).args(["dump", "--explain"]).arg("--no-cache").arg(&file).output().expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("put back in reading order"), "{text}");
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} not in {text}"));
    assert!(at("介绍，明年将继续改造") < at("本报讯（记者 李红）"), "{text}");
}
