//! Build script: a fingerprint of the loader's source, so the page cache
//! knows when the loader changed and cached pages must be parsed again.
//! Comment lines and blank lines do not count: a change to the loader's
//! documentation alone does not make a user's archive parse again.

use std::path::{Path, PathBuf};

/// The files whose content decides what a loaded page looks like.
fn loader_sources() -> Vec<PathBuf> {
    let mut files = vec![
        PathBuf::from("src/model.rs"),
        PathBuf::from("src/text.rs"),
        PathBuf::from("src/archive/path_info.rs"),
        PathBuf::from("src/archive/load.rs"),
        PathBuf::from("src/cache/record.rs"),
    ];
    let mut dirs = vec![PathBuf::from("src/loader"), PathBuf::from("src/pdf")];
    while let Some(d) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

fn fnv(hash: &mut u64, bytes: &[u8]) {
    for &b in bytes {
        *hash ^= b as u64;
        *hash = hash.wrapping_mul(0x100_0000_01b3);
    }
}

/// The lines of a source file that are code: comment and blank lines left
/// out, trailing spaces trimmed.
fn code_lines(bytes: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::with_capacity(bytes.len());
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with("//") {
            continue;
        }
        out.extend_from_slice(line.trim_end().as_bytes());
        out.push(b'\n');
    }
    out
}

fn main() {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for dir in ["src/loader", "src/pdf"] {
        if Path::new(dir).is_dir() {
            println!("cargo:rerun-if-changed={dir}");
        }
    }
    for f in loader_sources() {
        println!("cargo:rerun-if-changed={}", f.display());
        fnv(&mut hash, f.to_string_lossy().as_bytes());
        fnv(&mut hash, &code_lines(&std::fs::read(Path::new(&f)).unwrap_or_default()));
    }
    println!("cargo:rustc-env=LVREAD_LOADER_HASH={hash:016x}");
}
