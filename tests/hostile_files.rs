#![allow(clippy::unwrap_used)]
//! Hostile files and folders through the real binary: devices, FIFOs,
//! symlink cycles and huge files are refused or visited once, quickly, with
//! a word saying why. Every run is bounded by `timeout`, so a regression
//! hangs no longer than a minute.
#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_lvread");

const PAGE: &str = "本报讯（记者 王丽）11月3日，我市召开会议，部署冬季安全生产工作。\n";

/// Runs lvread with `args`, killed after 60 s (exit status 124 then).
fn lvread(args: &[&str], paths: &[&Path]) -> Output {
    Command::new("timeout")
        .arg("60")
        .arg(BIN)
        .args(args)
        .arg("--no-cache")
        .args(paths)
        .output()
        .expect("run lvread under timeout")
}

fn mkfifo(p: &Path) {
    assert!(Command::new("mkfifo").arg(p).status().is_ok_and(|s| s.success()));
}

fn issues(out: &Output) -> usize {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["issues"].as_array().map_or(0, Vec::len)
}

#[test]
fn a_device_named_directly_is_refused_at_once() {
    let out = lvread(&["dump", "--json"], &[Path::new("/dev/zero")]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/dev/zero") && err.contains("character device, not a regular file"), "{err}");
    let out = lvread(&["search", "吕梁"], &[Path::new("/dev/zero")]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
}

#[test]
fn a_folder_with_a_fifo_a_device_link_and_two_self_links_loads_its_page_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.txt"), PAGE).unwrap();
    mkfifo(&dir.path().join("f.txt"));
    symlink("/dev/zero", dir.path().join("zero.txt")).unwrap();
    symlink(".", dir.path().join("a")).unwrap();
    symlink(".", dir.path().join("b")).unwrap();
    let out = lvread(&["dump", "--json"], &[dir.path()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(issues(&out), 1, "the page once, not 2^33 times");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("f.txt") && err.contains("named pipe (FIFO)"), "{err}");
    assert!(err.contains("zero.txt") && err.contains("character device"), "{err}");
    // --explain and search walk the same way.
    let out = lvread(&["dump", "--explain"], &[dir.path()]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).matches("== ").count(), 1, "{out:?}");
    let out = lvread(&["search", "--json", "会议"], &[dir.path()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

#[test]
fn a_fifo_named_directly_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("f.txt");
    mkfifo(&f);
    let out = lvread(&["dump", "--json"], &[&f]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("named pipe (FIFO)"));
}

#[test]
fn a_page_over_the_size_limit_is_refused_and_the_limit_can_be_raised() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("small.txt"), PAGE).unwrap();
    // 1.5 MiB of text: over a 1 MiB limit.
    std::fs::write(dir.path().join("big.txt"), PAGE.repeat(1_572_864 / PAGE.len() + 1)).unwrap();
    let out = lvread(&["dump", "--json", "--max-page-size", "1"], &[dir.path()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(issues(&out), 1);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("big.txt") && err.contains("too big: 1.5 MiB is over the 1 MiB limit"), "{err}");
    let out = lvread(&["dump", "--max-page-size", "2", "--json"], &[dir.path()]);
    assert_eq!(issues(&out), 2, "{}", String::from_utf8_lossy(&out.stderr));
}
