//! End to end: the real binary in a real pseudo-terminal (tmux), driven by
//! keys, read back with capture-pane. Fails loudly when tmux is missing
//! (`.ci/run` installs it).

#![cfg(unix)]

#[path = "common/tmux.rs"]
mod tmux;

use std::process::Command;
use std::time::{Duration, Instant};
use tmux::{BIN, PATIENCE, Tmux, sh_quote};

fn status_line(screen: &str) -> String {
    Tmux::status_line(screen)
}

#[test]
fn reader_opens_scrolls_and_quits_cleanly_in_a_real_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    // What the reader should show, taken from the model itself.
    let issues = lvread::archive::group(lvread::loader::bundled());
    let first = &issues[0];
    let (longest, article) = first.articles().enumerate().max_by_key(|(_, a)| a.body_chars()).expect("an article");
    assert!(article.body_chars() > 300, "the longest article of the first issue is long enough to scroll");
    let head = |s: &str, n: usize| s.chars().filter(|c| !c.is_control()).take(n).collect::<String>();

    let tmux = Tmux::lvread(dir.path(), 100, 14, "LVREAD_TIMING=1", "");
    // (A capture can catch a frame half drawn: wait for all of it.)
    let first_title = head(&first.articles().next().expect("article").title, 4);
    let issue_pos = format!("issue 1/{}", issues.len());
    tmux.wait_for("the article list with the first headline and the issue in the status bar", |s| {
        s.contains("Articles") && s.contains(&first_title) && status_line(s).contains(&issue_pos)
    });

    // Select the longest article and open it.
    for _ in 0..longest {
        tmux.keys(&["j"]);
    }
    tmux.keys(&["Enter"]);
    let title = head(&article.title, 4);
    let article_pos = format!("article {}/", longest + 1);
    // (Keys come faster than frames: wait for the whole of the last one.)
    let opened = tmux.wait_for("the article open", |s| {
        s.contains(&title) && status_line(s).contains("Top") && status_line(s).contains(&article_pos)
    });

    // Scroll: a page down, then a few lines.
    tmux.keys(&["Space", "j", "j"]);
    let scrolled = tmux.wait_for("the body scrolled", |s| !status_line(s).contains("Top"));
    assert_ne!(opened, scrolled, "the screen changed");
    let st = status_line(&scrolled);
    assert!(st.contains('%') || st.contains("End"), "position shown: {st}");

    // Resizes reflow at once; even 1×1 does not kill the reader.
    let width_of = |s: &str| s.lines().map(lvread::layout::str_width).max().unwrap_or(0);
    tmux.resize(70, 14);
    // Two panes at 70 columns (no issue list), the reading position kept.
    tmux.wait_for("the narrow screen, two panes, still scrolled", |s| {
        width_of(s) <= 70
            && status_line(s).contains(&article_pos)
            && !s.contains("Issues")
            && !status_line(s).contains("Top")
    });
    tmux.resize(1, 1);
    tmux.wait_for("the 1×1 screen", |s| width_of(s) <= 1);
    tmux.resize(100, 14);
    tmux.wait_for("the reader back at 100 columns", |s| status_line(s).contains(&article_pos));

    // Help, then back, then quit.
    tmux.keys(&["?"]);
    tmux.wait_for("the help", |s| s.contains("Esc closes"));
    tmux.keys(&["Escape"]);
    tmux.wait_for("the help closed", |s| !s.contains("Esc closes"));
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "EXIT=0", "lvread exits 0 on q");
    let timing = tmux.stderr();
    assert!(timing.contains("first frame"), "LVREAD_TIMING=1 reports the first frame: {timing:?}");
    // The terminal is back to normal: the alternate screen is gone.
    let after = tmux.capture();
    assert!(!after.contains("Articles"), "alternate screen left:\n{after}");
    tmux.assert_terminal_restored();
}

#[test]
fn terminal_is_restored_after_a_panic() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmux = Tmux::lvread(dir.path(), 80, 20, "LVREAD_DEBUG_PANIC=1", "");
    assert_ne!(tmux.wait_exit(), "EXIT=0", "a panic is a failure");
    let msg = tmux.stderr();
    assert!(msg.contains("deliberate panic"), "the panic message reaches stderr: {msg:?}");
    tmux.assert_terminal_restored();
}

#[test]
fn reader_refuses_a_non_terminal_stdout() {
    let out = Command::new(BIN).output().expect("run lvread");
    assert!(!out.status.success(), "non-zero exit when stdout is a pipe");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a terminal"), "says why: {err}");
    assert!(out.stdout.is_empty(), "nothing written to the pipe");
}

#[test]
fn a_mistyped_path_is_reported_without_opening_the_reader() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("2023-11-04_p1.txt");
    let out = Command::new(BIN).arg(&missing).output().expect("run lvread");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2023-11-04_p1.txt: no such file or folder"), "says which and why: {err}");
}

#[test]
fn search_results_appear_while_typing_without_another_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmux = Tmux::lvread(dir.path(), 120, 30, "", "");
    tmux.wait_for("the article list", |s| s.contains("Articles"));
    // Let the background work of start-up (jieba, keywords) finish, so that
    // nothing but the search can wake the reader: the first article's
    // keyword line shows when it has.
    tmux.wait_for("the keywords", |s| s.contains("关键词"));
    tmux.keys(&["/", "s", "u", "n", "d", "j"]);
    // No further key: the results must be drawn when the search finishes.
    // (On a busy machine the keys may come in two reads, and the hits of
    // `sund` be drawn first: wait for those of the whole query.)
    let screen = tmux.wait_for("search hits", |s| s.contains("hits") && s.contains("孙大军") && s.contains("/sundj"));
    assert!(screen.contains("/sundj"), "{screen}");
}

#[test]
fn the_panic_message_stays_on_screen_after_the_restore() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = sh_quote(&dir.path().display().to_string());
    let cmd = format!(
        "echo BEFORE-READER\nRUST_BACKTRACE=0 LVREAD_DATA_DIR={d} LVREAD_CONFIG_DIR={d} LVREAD_DEBUG_PANIC=1 {}\ns=$?\necho AFTER-READER\n(exit $s)",
        sh_quote(BIN)
    );
    let tmux = Tmux::run(dir.path(), 100, 20, &cmd, false);
    tmux.wait_exit();
    let screen = tmux.wait_for("the shell's next line", |s| s.contains("AFTER-READER"));
    let rows: Vec<&str> = screen.lines().collect();
    let at = |what: &str| rows.iter().position(|r| r.contains(what));
    let (before, msg, after) = (at("BEFORE-READER"), at("deliberate panic"), at("AFTER-READER"));
    assert!(msg.is_some(), "the panic message is visible:\n{screen}");
    assert!(before < msg && msg < after, "the message is below the earlier output and above what follows:\n{screen}");
}

#[test]
fn y_copies_the_article_through_osc_52_and_s_saves_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let saved = sh_quote(&dir.path().join("saved").display().to_string());
    let issues = lvread::archive::group(lvread::loader::bundled());
    let title = issues[0].articles().next().expect("an article").title.clone();
    let tmux = Tmux::lvread(dir.path(), 80, 24, &format!("LVREAD_SAVE_DIR={saved}"), "--no-state");
    // tmux keeps what an application copies with OSC 52 as a paste buffer.
    let out = tmux.cmd(&["set-option", "-g", "set-clipboard", "on"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    tmux.wait_for("the article list", |s| s.contains("Articles"));
    tmux.keys(&["y"]);
    tmux.wait_for("the copy notice", |s| status_line(s).contains("copied"));
    let start = Instant::now();
    let buffer = loop {
        let b = String::from_utf8_lossy(&tmux.cmd(&["show-buffer"]).stdout).into_owned();
        if b.contains(&title) || start.elapsed() > PATIENCE {
            break b;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(buffer.lines().next(), Some(title.as_str()), "the headline first: {buffer}");
    assert!(buffer.lines().nth(1).is_some_and(|l| l.contains("2024-03-07")), "byline and date: {buffer}");
    tmux.keys(&["s"]);
    tmux.wait_for("the save notice", |s| status_line(s).contains("saved to"));
    let saved: Vec<_> = std::fs::read_dir(dir.path().join("saved")).expect("saved folder").flatten().collect();
    assert_eq!(saved.len(), 1);
    let text = std::fs::read_to_string(saved[0].path()).expect("saved file");
    assert_eq!(text, buffer, "the file holds what was copied");
}

#[test]
fn next_unread_reads_an_issue_through_from_a_fresh_state() {
    let dir = tempfile::tempdir().expect("temp dir");
    let issues = lvread::archive::group(lvread::loader::bundled());
    let (n0, n1) = (issues[0].article_count(), issues[1].article_count());
    let tmux = Tmux::lvread(dir.path(), 120, 40, "", "");
    let screen = tmux.wait_for("the issue list", |s| s.contains("Issues"));
    assert!(screen.contains(&format!("{n0}/{n0}篇")), "nothing read at first:\n{screen}");
    for k in 1..=n0 {
        tmux.keys(&["."]);
        let want = format!("article {k}/{n0}");
        tmux.wait_for(&want, |s| status_line(s).contains(&want));
    }
    let screen = tmux.wait_for("the first issue read", |s| s.contains(&format!("✓{n0}篇")));
    assert!(screen.contains(&format!("{n1}/{n1}篇")), "the next issue untouched:\n{screen}");
    // One more goes on into the next issue.
    tmux.keys(&["."]);
    let screen = tmux.wait_for("the next issue", |s| status_line(s).contains("issue 2/"));
    assert!(screen.contains(&format!("{}/{n1}篇", n1 - 1)), "{screen}");
}

#[test]
fn at_80_columns_search_previews_its_results_and_unread_only_and_the_message_log_work() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmux = Tmux::lvread(dir.path(), 80, 24, "", "");
    tmux.wait_for("the reader", |s| s.contains("Articles") && status_line(s).contains("article 1/"));
    tmux.keys(&["/", "c", "a", "o", "m", "e", "i"]);
    let screen = tmux.wait_for("the results", |s| s.contains("/caomei") && s.contains(" hit"));
    // Every result row shows the match, and the body beside the list
    // previews the selected result while the search line is open.
    let (mut results, mut preview) = (Vec::new(), String::new());
    for row in screen.lines() {
        if let Some((list, body)) = row.split_once("┃│") {
            results.push(list.to_string());
            preview.push_str(body);
        }
    }
    let dated: Vec<&String> = results.iter().filter(|r| r.contains("20")).collect();
    assert!(!dated.is_empty(), "{screen}");
    for (k, r) in results.iter().enumerate().step_by(2).take(dated.len()) {
        let pair = format!("{r}{}", results.get(k + 1).map_or("", String::as_str));
        assert!(pair.contains("草莓"), "a result without its match: {pair}\n{screen}");
    }
    assert!(preview.contains("草莓"), "the body previews the result:\n{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("the search closed", |s| !s.contains("/caomei") && status_line(s).contains("article 1/"));
    tmux.keys(&["f"]);
    tmux.wait_for("unread only", |s| status_line(s).contains("unread") && s.contains("Unread"));
    tmux.keys(&["M"]);
    tmux.wait_for("the message log", |s| s.contains("Messages") && s.contains("unread articles only"));
    tmux.keys(&["q"]);
    tmux.wait_for("the log closed", |s| !s.contains("Messages"));
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), "EXIT=0");
}
