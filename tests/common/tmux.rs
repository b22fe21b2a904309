//! A private tmux server running one shell script: the one helper of every
//! end-to-end test (`#[path = "common/tmux.rs"] mod tmux;`). Everything
//! waits by polling for a condition with a generous timeout, never by a
//! fixed sleep that a loaded machine could outrun.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// The lvread binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_lvread");

/// How long any wait lasts before the test fails: long, because a debug
/// build on a shared machine at a load of 20 can take tens of seconds to
/// start and load jieba; a passing wait returns as soon as its screen shows.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// One tmux server with one pane, killed when dropped.
pub struct Tmux {
    socket: String,
    /// The folder with the script, `exit`, `stderr`, `stty`, `raw`.
    pub home: PathBuf,
}

impl Tmux {
    /// Runs `command` (a shell command line) in a `w`×`h` pane; when it ends,
    /// `home/stty` gets the terminal modes and `home/exit` its status. The
    /// pane's raw output is copied to `home/raw` (everything the program
    /// sent to the terminal) when `record` is set.
    pub fn run(home: &Path, w: u16, h: u16, command: &str, record: bool) -> Tmux {
        let version = Command::new("tmux").arg("-V").output();
        assert!(
            version.as_ref().is_ok_and(|o| o.status.success()),
            "tmux is needed (apt-get install tmux; .ci/run does it)"
        );
        let d = home.display();
        // A second run in the same folder (a restart) starts afresh.
        for f in ["go", "exit", "stty"] {
            let _ = std::fs::remove_file(home.join(f));
        }
        let script = home.join("run.sh");
        // Recording starts before the command: wait for the `go` file.
        std::fs::write(
            &script,
            format!(
                "export LVREAD_CACHE_DIR='{d}/cache'\nwhile [ ! -e '{d}/go' ]; do sleep 0.05; done\n{command}\necho \"EXIT=$?\" > '{d}/exit.tmp'\nstty -a > '{d}/stty' 2>&1\nmv '{d}/exit.tmp' '{d}/exit'\nsleep 60\n"
            ),
        )
        .unwrap();
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        let t = Tmux { socket: format!("lvread-e2e-{}-{nanos}", std::process::id()), home: home.to_path_buf() };
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
        if record {
            let out = t.cmd(&["pipe-pane", "-o", "-t", "0", &format!("cat >> '{d}/raw'")]);
            assert!(out.status.success(), "pipe-pane");
        }
        std::fs::write(home.join("go"), "").unwrap();
        t
    }

    /// Runs lvread with its state and config in `home`, after `env`
    /// (`NAME=value …`) and with `args`; its stderr goes to `home/stderr`.
    pub fn lvread(home: &Path, w: u16, h: u16, env: &str, args: &str) -> Tmux {
        let q = sh_quote(&home.display().to_string());
        let cmd = format!("LVREAD_DATA_DIR={q} LVREAD_CONFIG_DIR={q} {env} {} {args} 2> {q}/stderr", sh_quote(BIN));
        Tmux::run(home, w, h, &cmd, false)
    }

    /// What lvread wrote to stderr (see [`Tmux::lvread`]).
    pub fn stderr(&self) -> String {
        std::fs::read_to_string(self.home.join("stderr")).unwrap_or_default()
    }

    /// Resizes the pane.
    pub fn resize(&self, w: u16, h: u16) {
        let out = self.cmd(&["resize-window", "-t", "0", "-x", &w.to_string(), "-y", &h.to_string()]);
        assert!(out.status.success(), "resize-window: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// Runs a tmux command on this server.
    pub fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux").arg("-L").arg(&self.socket).arg("-f").arg("/dev/null").args(args).output().unwrap()
    }

    /// Sends keys (tmux key names). An `Escape` is followed by a short
    /// pause, so that the key after it is not read with it as Alt+key (no
    /// assertion depends on the pause).
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            assert!(self.cmd(&["send-keys", "-t", "0", k]).status.success(), "send-keys {k}");
            if *k == "Escape" {
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    }

    /// Sends `text` as typed, byte for byte (escape sequences included).
    pub fn literal(&self, text: &str) {
        assert!(self.cmd(&["send-keys", "-t", "0", "-l", text]).status.success(), "send-keys -l");
    }

    /// The pane's text as shown.
    pub fn capture(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "0"]).stdout).into_owned()
    }

    /// Waits until the screen satisfies `ok`; returns it.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.capture();
            if ok(&s) {
                return s;
            }
            assert!(start.elapsed() < PATIENCE, "timed out waiting for {what}; screen:\n{s}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for the command to end; returns its exit status line (`EXIT=0`).
    pub fn wait_exit(&self) -> String {
        let start = Instant::now();
        loop {
            if let Ok(s) = std::fs::read_to_string(self.home.join("exit")) {
                return s.trim().to_string();
            }
            assert!(start.elapsed() < PATIENCE, "the command did not exit; screen:\n{}", self.capture());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The pid of the process running in the pane's shell whose command
    /// line contains `name` (pgrep's oldest match under this pane).
    pub fn pid_of(&self, name: &str) -> u32 {
        let start = Instant::now();
        let shell = String::from_utf8_lossy(&self.cmd(&["display-message", "-p", "-t", "0", "#{pane_pid}"]).stdout)
            .trim()
            .to_string();
        loop {
            let out = Command::new("pgrep").args(["-P", &shell, "-f", name]).output().unwrap();
            if let Some(pid) = String::from_utf8_lossy(&out.stdout).lines().next().and_then(|l| l.trim().parse().ok()) {
                return pid;
            }
            assert!(start.elapsed() < PATIENCE, "no process {name} under the pane");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The last non-blank row of the screen (the status bar).
    pub fn status_line(screen: &str) -> String {
        screen.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("").to_string()
    }

    /// Raw mode off, echo on, main screen, no mouse reporting, cursor shown.
    pub fn assert_terminal_restored(&self) {
        let modes = std::fs::read_to_string(self.home.join("stty")).unwrap_or_default();
        let words: Vec<&str> = modes.split_whitespace().collect();
        assert!(words.contains(&"icanon") && words.contains(&"echo"), "raw mode / echo left: {modes}");
        let flags = String::from_utf8_lossy(
            &self.cmd(&["display-message", "-p", "-t", "0", "#{alternate_on} #{mouse_any_flag} #{cursor_flag}"]).stdout,
        )
        .trim()
        .to_string();
        assert_eq!(flags, "0 0 1", "alternate screen / mouse reporting / hidden cursor left (alternate mouse cursor)");
    }

    /// What the program wrote to the terminal (see [`Tmux::run`]'s `record`).
    pub fn raw(&self) -> Vec<u8> {
        std::fs::read(self.home.join("raw")).unwrap_or_default()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}

/// Single-quotes `s` for sh.
pub fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}
