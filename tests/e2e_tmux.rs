//! End to end: the real binary in a real pseudo-terminal (tmux), driven by
//! keys, read back with capture-pane. Fails loudly when tmux is missing
//! (`.ci/run` installs it).

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_lvread");

/// A private tmux server, killed when dropped (also when a test fails).
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(w: u16, h: u16, script: &Path) -> Tmux {
        let version = Command::new("tmux").arg("-V").output();
        assert!(
            version.as_ref().is_ok_and(|o| o.status.success()),
            "tmux is needed for the end-to-end test but is not installed (apt-get install tmux; .ci/run does it)"
        );
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
        let socket = format!("lvread-e2e-{}-{nanos}", std::process::id());
        let t = Tmux { socket };
        let out = t.cmd(&[
            "new-session",
            "-d",
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
            "sh",
            &script.display().to_string(),
        ]);
        assert!(out.status.success(), "tmux new-session failed: {}", String::from_utf8_lossy(&out.stderr));
        t
    }

    fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("-f")
            .arg("/dev/null")
            .args(args)
            .output()
            .expect("run tmux")
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            let out = self.cmd(&["send-keys", "-t", "0", k]);
            assert!(out.status.success(), "send-keys {k}: {}", String::from_utf8_lossy(&out.stderr));
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn resize(&self, w: u16, h: u16) {
        let out = self.cmd(&["resize-window", "-t", "0", "-x", &w.to_string(), "-y", &h.to_string()]);
        assert!(out.status.success(), "resize-window: {}", String::from_utf8_lossy(&out.stderr));
    }

    fn capture(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "0"]).stdout).into_owned()
    }

    /// Waits until the screen satisfies `ok`, or fails with the last screen.
    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.capture();
            if ok(&s) {
                return s;
            }
            assert!(start.elapsed() < Duration::from_secs(15), "timed out waiting for {what}; screen:\n{s}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}

fn wait_file(path: &Path) -> String {
    let start = Instant::now();
    loop {
        if let Ok(s) = std::fs::read_to_string(path)
            && s.ends_with('\n')
        {
            return s;
        }
        assert!(start.elapsed() < Duration::from_secs(15), "the reader did not exit");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn status_line(screen: &str) -> String {
    screen.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("").to_string()
}

#[test]
fn reader_opens_scrolls_and_quits_cleanly_in_a_real_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let exit = dir.path().join("exit");
    let err = dir.path().join("stderr");
    let script = dir.path().join("run.sh");
    let stty = dir.path().join("stty");
    std::fs::write(
        &script,
        format!(
            "LVREAD_DATA_DIR='{d}' LVREAD_CONFIG_DIR='{d}' LVREAD_CACHE_DIR='{d}/cache' LVREAD_TIMING=1 '{BIN}' 2> '{}'\necho \"EXIT=$?\" > '{}.tmp'\nstty -a > '{}'\nmv '{}.tmp' '{}'\nsleep 30\n",
            err.display(),
            exit.display(),
            stty.display(),
            exit.display(),
            exit.display(),
            d = dir.path().display()
        ),
    )
    .expect("script");

    // What the reader should show, taken from the model itself.
    let issues = lvread::archive::group(lvread::loader::bundled());
    let first = &issues[0];
    let (longest, article) = first.articles().enumerate().max_by_key(|(_, a)| a.body_chars()).expect("an article");
    assert!(article.body_chars() > 300, "the longest article of the first issue is long enough to scroll");
    let head = |s: &str, n: usize| s.chars().filter(|c| !c.is_control()).take(n).collect::<String>();

    let tmux = Tmux::start(100, 14, &script);
    let screen = tmux.wait_for("the article list", |s| s.contains("Articles"));
    let first_title = head(&first.articles().next().expect("article").title, 4);
    assert!(screen.contains(&first_title), "first headline {first_title:?} listed:\n{screen}");
    assert!(status_line(&screen).contains(&format!("issue 1/{}", issues.len())), "status bar:\n{screen}");

    // Select the longest article and open it.
    for _ in 0..longest {
        tmux.keys(&["j"]);
    }
    tmux.keys(&["Enter"]);
    let title = head(&article.title, 4);
    let opened = tmux.wait_for("the article open", |s| s.contains(&title) && status_line(s).contains("Top"));
    assert!(status_line(&opened).contains(&format!("article {}/", longest + 1)), "{opened}");

    // Scroll: a page down, then a few lines.
    tmux.keys(&["Space", "j", "j"]);
    let scrolled = tmux.wait_for("the body scrolled", |s| !status_line(s).contains("Top"));
    assert_ne!(opened, scrolled, "the screen changed");
    let st = status_line(&scrolled);
    assert!(st.contains('%') || st.contains("End"), "position shown: {st}");

    // Resizes reflow at once; even 1×1 does not kill the reader.
    let width_of = |s: &str| s.lines().map(lvread::layout::str_width).max().unwrap_or(0);
    let article_pos = format!("article {}/", longest + 1);
    tmux.resize(70, 14);
    let narrow = tmux.wait_for("the narrow screen", |s| width_of(s) <= 70 && status_line(s).contains(&article_pos));
    assert!(!narrow.contains("Issues"), "two panes at 70 columns:\n{narrow}");
    assert!(!status_line(&narrow).contains("Top"), "the reading position survives the resize:\n{narrow}");
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
    let code = wait_file(&exit);
    assert_eq!(code.trim(), "EXIT=0", "lvread exits 0 on q");
    let timing = std::fs::read_to_string(&err).unwrap_or_default();
    assert!(timing.contains("first frame"), "LVREAD_TIMING=1 reports the first frame: {timing:?}");
    // The terminal is back to normal: the alternate screen is gone.
    let after = tmux.capture();
    assert!(!after.contains("Articles"), "alternate screen left:\n{after}");
    assert_terminal_restored(&tmux, &stty);
}

/// Raw mode off (line editing and echo back), main screen, no mouse reporting.
fn assert_terminal_restored(tmux: &Tmux, stty: &Path) {
    let modes = std::fs::read_to_string(stty).unwrap_or_default();
    let words: Vec<&str> = modes.split_whitespace().collect();
    assert!(words.contains(&"icanon") && words.contains(&"echo"), "raw mode left on: {modes}");
    let flags = String::from_utf8_lossy(
        &tmux.cmd(&["display-message", "-p", "-t", "0", "#{alternate_on} #{mouse_any_flag}"]).stdout,
    )
    .trim()
    .to_string();
    assert_eq!(flags, "0 0", "alternate screen / mouse reporting left on");
}

#[test]
fn terminal_is_restored_after_a_panic() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (exit, err, stty, script) =
        (dir.path().join("exit"), dir.path().join("stderr"), dir.path().join("stty"), dir.path().join("run.sh"));
    std::fs::write(
        &script,
        format!(
            "LVREAD_DATA_DIR='{d}' LVREAD_CONFIG_DIR='{d}' LVREAD_CACHE_DIR='{d}/cache' LVREAD_DEBUG_PANIC=1 '{BIN}' 2> '{}'\necho \"EXIT=$?\" > '{}.tmp'\nstty -a > '{}'\nmv '{}.tmp' '{}'\nsleep 30\n",
            err.display(),
            exit.display(),
            stty.display(),
            exit.display(),
            exit.display(),
            d = dir.path().display()
        ),
    )
    .expect("script");
    let tmux = Tmux::start(80, 20, &script);
    let code = wait_file(&exit);
    assert_ne!(code.trim(), "EXIT=0", "a panic is a failure");
    let msg = std::fs::read_to_string(&err).unwrap_or_default();
    assert!(msg.contains("deliberate panic"), "the panic message reaches stderr: {msg:?}");
    assert_terminal_restored(&tmux, &stty);
}

#[test]
fn reader_refuses_a_non_terminal_stdout() {
    let out = Command::new(BIN).arg("--no-cache").output().expect("run lvread");
    assert!(!out.status.success(), "non-zero exit when stdout is a pipe");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a terminal"), "says why: {err}");
    assert!(out.stdout.is_empty(), "nothing written to the pipe");
}

#[test]
fn a_mistyped_path_is_reported_without_opening_the_reader() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("2023-11-04_p1.txt");
    let out = Command::new(BIN).arg("--no-cache").arg(&missing).output().expect("run lvread");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2023-11-04_p1.txt: no such file or folder"), "says which and why: {err}");
}

#[test]
fn search_results_appear_while_typing_without_another_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("run.sh");
    std::fs::write(
        &script,
        format!(
            "LVREAD_DATA_DIR='{d}' LVREAD_CONFIG_DIR='{d}' LVREAD_CACHE_DIR='{d}/cache' '{BIN}'\nsleep 30\n",
            d = dir.path().display()
        ),
    )
    .expect("script");
    let tmux = Tmux::start(120, 30, &script);
    tmux.wait_for("the article list", |s| s.contains("Articles"));
    // Let the background work of start-up (jieba, keywords) finish, so that
    // nothing but the search can wake the reader: the first article's
    // keyword line shows when it has.
    tmux.wait_for("the keywords", |s| s.contains("关键词"));
    tmux.keys(&["/", "s", "u", "n", "d", "j"]);
    // No further key: the results must be drawn when the search finishes.
    let screen = tmux.wait_for("search hits", |s| s.contains("hits") && s.contains("孙大军"));
    assert!(screen.contains("/sundj"), "{screen}");
}

#[test]
fn the_panic_message_stays_on_screen_after_the_restore() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (exit, script) = (dir.path().join("exit"), dir.path().join("run.sh"));
    std::fs::write(
        &script,
        format!(
            "echo BEFORE-READER\nRUST_BACKTRACE=0 LVREAD_DATA_DIR='{d}' LVREAD_CONFIG_DIR='{d}' LVREAD_CACHE_DIR='{d}/cache' LVREAD_DEBUG_PANIC=1 '{BIN}'\necho \"EXIT=$?\" > '{}.tmp'\necho AFTER-READER\nmv '{}.tmp' '{}'\nsleep 30\n",
            exit.display(),
            exit.display(),
            exit.display(),
            d = dir.path().display()
        ),
    )
    .expect("script");
    let tmux = Tmux::start(100, 20, &script);
    wait_file(&exit);
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
    let script = dir.path().join("run.sh");
    std::fs::write(
        &script,
        format!(
            "LVREAD_DATA_DIR='{d}' LVREAD_CONFIG_DIR='{d}' LVREAD_CACHE_DIR='{d}/cache' LVREAD_SAVE_DIR='{d}/saved' '{BIN}' --no-state\nsleep 30\n",
            d = dir.path().display()
        ),
    )
    .expect("script");
    let issues = lvread::archive::group(lvread::loader::bundled());
    let title = issues[0].articles().next().expect("an article").title.clone();
    let tmux = Tmux::start(80, 24, &script);
    // tmux keeps what an application copies with OSC 52 as a paste buffer.
    let out = tmux.cmd(&["set-option", "-g", "set-clipboard", "on"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    tmux.wait_for("the article list", |s| s.contains("Articles"));
    tmux.keys(&["y"]);
    tmux.wait_for("the copy notice", |s| status_line(s).contains("copied"));
    let start = Instant::now();
    let buffer = loop {
        let b = String::from_utf8_lossy(&tmux.cmd(&["show-buffer"]).stdout).into_owned();
        if b.contains(&title) || start.elapsed() > Duration::from_secs(15) {
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
    let script = dir.path().join("run.sh");
    std::fs::write(
        &script,
        format!(
            "LVREAD_DATA_DIR='{d}' LVREAD_CONFIG_DIR='{d}' LVREAD_CACHE_DIR='{d}/cache' '{BIN}'\nsleep 30\n",
            d = dir.path().display()
        ),
    )
    .expect("script");
    let issues = lvread::archive::group(lvread::loader::bundled());
    let (n0, n1) = (issues[0].article_count(), issues[1].article_count());
    let tmux = Tmux::start(120, 40, &script);
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
