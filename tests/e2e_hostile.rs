#![allow(clippy::unwrap_used)]
//! The reader in a hostile world, through the real binary in tmux: killed
//! by a signal it restores the terminal, saves the last bookmarks and exits
//! 128 + the signal; when its terminal goes away while SIGHUP is ignored it
//! saves and exits instead of spinning; a paste is text, never commands; a
//! burst of input does not stall the keys after it; a save that fails at
//! quit is on stderr and in the exit status.
#![cfg(unix)]

#[path = "common/tmux.rs"]
mod tmux;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use tmux::{BIN, PATIENCE, Tmux, sh_quote};

/// The reader on the bundled pages with its state and config in `home`.
fn reader(home: &Path, prefix: &str) -> Tmux {
    let h = sh_quote(&home.display().to_string());
    let cmd = format!("{prefix} LVREAD_DATA_DIR={h} LVREAD_CONFIG_DIR={h} {} 2> {h}/stderr", sh_quote(BIN));
    let t = Tmux::run(home, 120, 30, &cmd, false);
    t.wait_for("the reader", |s| s.contains("Issues"));
    t
}

/// The bookmarks saved in `home/state.json`.
fn saved_bookmarks(home: &Path) -> usize {
    std::fs::read(home.join("state.json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|v| v["bookmarks"].as_array().map(Vec::len))
        .unwrap_or(0)
}

fn wait_until(what: &str, ok: impl Fn() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < PATIENCE, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn stars(screen: &str) -> usize {
    screen.matches('★').count()
}

#[test]
fn each_termination_signal_restores_the_terminal_saves_and_exits_128_plus_n() {
    for (name, n) in [("TERM", 15), ("HUP", 1), ("INT", 2), ("QUIT", 3)] {
        let home = tempfile::tempdir().unwrap();
        let t = reader(home.path(), "");
        t.keys(&["m"]);
        // The first change is written at once; the next one waits up to a second.
        wait_until("the first bookmark saved", || saved_bookmarks(home.path()) == 1);
        t.keys(&["]", "m"]);
        t.wait_for("two bookmarks on screen", |s| stars(s) >= 2);
        let pid = t.pid_of("lvread");
        assert!(Command::new("kill").arg(format!("-{name}")).arg(pid.to_string()).status().unwrap().success());
        assert_eq!(t.wait_exit(), format!("EXIT={}", 128 + n), "SIG{name}");
        t.assert_terminal_restored();
        assert_eq!(saved_bookmarks(home.path()), 2, "SIG{name}: the last bookmark was saved");
    }
}

#[test]
fn a_terminal_that_goes_away_under_nohup_ends_the_reader_with_its_state_saved() {
    let home = tempfile::tempdir().unwrap();
    // SIGHUP ignored, as under nohup (and kept ignored by lvread).
    let t = reader(home.path(), "trap '' HUP;");
    t.keys(&["m"]);
    wait_until("the bookmark saved", || saved_bookmarks(home.path()) == 1);
    t.keys(&["]", "m"]);
    t.wait_for("two bookmarks on screen", |s| stars(s) >= 2);
    let pid = t.pid_of("lvread");
    // Close the terminal: the tmux server and its pty go.
    drop(t);
    wait_until("lvread to exit", || !Path::new(&format!("/proc/{pid}")).exists());
    assert_eq!(saved_bookmarks(home.path()), 2, "saved before leaving");
    let err = std::fs::read_to_string(home.path().join("stderr")).unwrap_or_default();
    assert!(err.contains("terminal has gone"), "{err}");
}

#[test]
fn a_paste_over_search_results_goes_into_the_search_line() {
    let home = tempfile::tempdir().unwrap();
    let t = reader(home.path(), "");
    t.keys(&["/"]);
    t.literal("吕梁");
    t.wait_for("search results", |s| s.contains("吕梁") && s.contains("Search"));
    assert!(t.cmd(&["set-buffer", "-b", "p", "市\nmR q"]).status.success());
    // -p: bracketed, since the reader asked for it.
    assert!(t.cmd(&["paste-buffer", "-p", "-b", "p", "-t", "0"]).status.success());
    t.wait_for("the paste in the search line", |s| s.contains("吕梁市 mR q"));
    assert!(!home.path().join("exit").exists(), "the paste did not quit");
    // Esc and q sent together would read as Alt-q: one at a time.
    t.keys(&["Escape"]);
    t.wait_for("the search closed", |s| !s.contains("mR q"));
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "EXIT=0");
    assert_eq!(saved_bookmarks(home.path()), 0, "nor bookmark");
    let state = std::fs::read_to_string(home.path().join("state.json")).unwrap_or_default();
    let v: serde_json::Value = serde_json::from_str(&state).unwrap_or_default();
    // The article open at start is read; `R` would have marked the eight.
    assert!(v["read"].as_array().map_or(0, Vec::len) <= 1, "nor mark the issue read: {state}");
}

#[test]
fn keys_after_a_burst_of_input_are_read_at_once() {
    let home = tempfile::tempdir().unwrap();
    let t = reader(home.path(), "");
    // 5,000 key presses typed at once (not a bracketed paste), then q.
    t.literal(&"j".repeat(5000));
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "EXIT=0", "q was read after the burst");
    t.assert_terminal_restored();
}

#[test]
fn a_save_that_fails_at_quit_is_on_stderr_and_in_the_exit_status() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let h = sh_quote(&home.path().display().to_string());
    // The data folder turns into a file once the reader has started (the
    // tests run as root, who may write into a read-only folder).
    let cmd = format!(
        "LVREAD_DATA_DIR={} LVREAD_CONFIG_DIR={h} {} 2> {h}/stderr",
        sh_quote(&data.display().to_string()),
        sh_quote(BIN)
    );
    let t = Tmux::run(home.path(), 120, 30, &cmd, false);
    t.wait_for("the reader", |s| s.contains("Issues"));
    // (The reader may have made the folder already, to lock its state
    // file: it goes, and a file takes its place.)
    // (It may make it between the look and the write: try again then.)
    wait_until("a file in place of the data folder", || {
        if data.is_dir() {
            let _ = std::fs::remove_dir_all(&data);
        }
        std::fs::write(&data, b"").is_ok() && data.is_file()
    });
    // The notice for `m` shows until the next key.
    t.keys(&["m", "]"]);
    t.wait_for("the failure in the status bar", |s| s.contains("cannot save reading state"));
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "EXIT=3");
    let err = std::fs::read_to_string(home.path().join("stderr")).unwrap();
    assert!(err.contains("cannot save reading state") && err.contains("NOT saved"), "{err}");
}
