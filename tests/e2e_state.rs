#![allow(clippy::unwrap_used)]
//! End to end, through the real binary in tmux: the reading state survives a
//! restart, a broken config file is reported in the status bar, and
//! `--print-config` prints a file that reads back as the defaults.
//! Fails loudly when tmux is missing (`.ci/run` installs it).

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_lvread");

/// A private tmux server running one lvread, killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    /// Runs lvread with its state and config in `home`, plus `env` and `args`;
    /// the exit status is written to `home/exit` when it ends.
    fn run(w: u16, h: u16, home: &Path, env: &str, args: &str) -> Tmux {
        let version = Command::new("tmux").arg("-V").output();
        assert!(
            version.as_ref().is_ok_and(|o| o.status.success()),
            "tmux is needed (apt-get install tmux; .ci/run does it)"
        );
        let _ = std::fs::remove_file(home.join("exit"));
        let script = home.join("run.sh");
        let d = home.display();
        std::fs::write(
            &script,
            format!("LVREAD_DATA_DIR='{d}' LVREAD_CONFIG_DIR='{d}' LVREAD_CACHE_DIR='{d}/cache' {env} '{BIN}' {args} 2> '{d}/stderr'\necho \"EXIT=$?\" > '{d}/exit.tmp'\nmv '{d}/exit.tmp' '{d}/exit'\nsleep 30\n"),
        )
        .expect("script");
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
        let t = Tmux { socket: format!("lvread-e2e-state-{}-{nanos}", std::process::id()) };
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
            assert!(out.status.success(), "send-keys {k}");
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn capture(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "0"]).stdout).into_owned()
    }

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

fn wait_exit(home: &Path) -> String {
    let start = Instant::now();
    loop {
        if let Ok(s) = std::fs::read_to_string(home.join("exit")) {
            return s;
        }
        assert!(start.elapsed() < Duration::from_secs(15), "lvread did not exit");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn status_line(screen: &str) -> String {
    screen.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("").to_string()
}

/// "issue 1/5 · article 3/8 · 42%" → ("issue 1/5", "article 3/8", "42%").
fn position(screen: &str) -> Vec<String> {
    let status = status_line(screen);
    let parts: Vec<&str> = status.split('·').map(str::trim).collect();
    let pct = parts.get(2).and_then(|p| p.split_whitespace().next()).unwrap_or("");
    vec![
        parts.first().copied().unwrap_or("").to_string(),
        parts.get(1).copied().unwrap_or("").to_string(),
        pct.to_string(),
    ]
}

/// The text of the body pane's first row (right of its left border).
fn body_top(screen: &str) -> String {
    screen.lines().nth(1).and_then(|l| l.split('┃').nth(1)).unwrap_or("").trim().to_string()
}

#[test]
fn the_reader_comes_back_to_the_same_article_and_line_after_a_restart() {
    let home = tempfile::tempdir().expect("temp dir");
    let t = Tmux::run(110, 20, home.path(), "", "");
    t.wait_for("the reader", |s| s.contains("Articles"));
    // Second issue, third article, open it, scroll into it, bookmark it.
    t.keys(&["}", "j", "j", "Enter"]);
    t.keys(&["j"; 9]);
    t.keys(&["m"]);
    let before =
        t.wait_for("the bookmark", |s| status_line(s).contains("bookmarked") && status_line(s).contains("article 3/"));
    let pos = position(&before);
    assert!(pos[0].starts_with("issue 2/") && pos[1].starts_with("article 3/"), "{pos:?}\n{before}");
    assert!(pos[2] != "Top", "scrolled: {pos:?}");
    let top = body_top(&before);
    t.keys(&["q"]);
    assert_eq!(wait_exit(home.path()).trim(), "EXIT=0");
    drop(t);
    let state = std::fs::read_to_string(home.path().join("state.json")).expect("state written on quit");
    assert!(state.contains("\"bookmarks\"") && state.contains("\"position\""), "{state}");

    let t = Tmux::run(110, 20, home.path(), "", "");
    // The screen may be caught mid-frame: wait for the whole status line.
    // The same line of text at the top of the body (the percentage may
    // differ: keywords can join the header after a restart).
    let same = |s: &str| s.contains("Articles") && position(s)[..2] == pos[..2] && body_top(s) == top;
    let after = t.wait_for("the same issue, article and line", same);
    assert_eq!(body_top(&after), top, "same line at the top:\n{after}");
    // …and it stays there once the background work (keywords) is done.
    std::thread::sleep(Duration::from_millis(2500));
    let later = t.capture();
    assert_eq!(body_top(&later), top, "still the same line:\n{later}");
    assert!(after.contains('★'), "the bookmark is shown:\n{after}");
    t.keys(&["'"]);
    t.wait_for("the bookmark list", |s| s.contains("Bookmarks 1"));
    // `q` closes the list (as in less and newsboat); a second `q` quits.
    t.keys(&["q"]);
    t.wait_for("the list closed", |s| !s.contains("Bookmarks 1") && s.contains("Articles"));
    t.keys(&["q"]);
    assert_eq!(wait_exit(home.path()).trim(), "EXIT=0");
}

#[test]
fn no_state_reads_and_writes_nothing() {
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::write(home.path().join("state.json"), "{\"read\": [\"x\"], \"position\": {\"issue\": \"nope\"}}").unwrap();
    let t = Tmux::run(110, 20, home.path(), "", "--no-state");
    t.wait_for("the reader", |s| s.contains("Articles"));
    t.keys(&["j", "Enter", "m", "q"]);
    assert_eq!(wait_exit(home.path()).trim(), "EXIT=0");
    assert_eq!(
        std::fs::read_to_string(home.path().join("state.json")).unwrap(),
        "{\"read\": [\"x\"], \"position\": {\"issue\": \"nope\"}}"
    );
}

#[test]
fn a_broken_config_is_reported_with_its_line_and_the_rest_applies() {
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::write(home.path().join("config.toml"), "max_width = 30\n\n[colors]\nheadlne = \"red\"\n").unwrap();
    let t = Tmux::run(160, 20, home.path(), "", "");
    let screen = t.wait_for("the config error in the status bar", |s| {
        s.contains("Articles") && status_line(s).contains("config.toml line 4")
    });
    assert!(status_line(&screen).contains("headlne"), "{screen}");
    t.keys(&["j"]);
    t.keys(&["q"]);
    assert_eq!(wait_exit(home.path()).trim(), "EXIT=0");
    let stderr = std::fs::read_to_string(home.path().join("stderr")).unwrap_or_default();
    assert!(stderr.contains("config.toml line 4") && stderr.contains("headlne"), "{stderr}");
}

#[test]
fn a_config_rebinds_keys() {
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::write(home.path().join("config.toml"), "[keys]\nquit = \"x\"\n").unwrap();
    let t = Tmux::run(110, 20, home.path(), "", "");
    t.wait_for("the reader", |s| s.contains("Articles"));
    t.keys(&["q"]);
    std::thread::sleep(Duration::from_millis(300));
    assert!(!home.path().join("exit").exists(), "q no longer quits");
    t.keys(&["x"]);
    assert_eq!(wait_exit(home.path()).trim(), "EXIT=0");
}

#[test]
fn print_config_prints_the_defaults_as_toml_that_reads_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = Command::new(BIN)
        .arg("--no-cache")
        .arg("--print-config")
        .env("LVREAD_CONFIG_DIR", dir.path())
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.contains("$LVREAD_CONFIG_DIR") && text.contains("$XDG_CONFIG_HOME/lvread/"), "says where to save it");
    assert_eq!(lvread::config::parse(&text, "printed", None).expect("valid"), lvread::config::Config::default());
}
