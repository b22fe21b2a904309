//! The page cache through the real binary: `dump` and `search` fill it and
//! read it back, a changed file is parsed again, `--no-cache` leaves it
//! alone, `lvread cache --clear` deletes it.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_lvread");

fn run(cache_dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(BIN)
        .args(args)
        .env("LVREAD_CACHE_DIR", cache_dir)
        .env("LVREAD_DATA_DIR", cache_dir)
        .env("LVREAD_CONFIG_DIR", cache_dir)
        .output()
        .expect("run lvread");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn the_cache_is_filled_used_refreshed_and_cleared() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = dir.path().join("cache");
    let arch = dir.path().join("arch");
    std::fs::create_dir_all(&arch).expect("archive folder");
    for (i, (name, raw)) in lvread::synth::pages(6, 7).into_iter().enumerate() {
        std::fs::write(arch.join(format!("{i}-{name}")), raw).expect("write page");
    }
    let a = arch.to_str().expect("utf-8 path");

    // --no-cache: no cache file.
    let plain = run(&cache, &["dump", "--json", "--no-cache", a]);
    assert!(!cache.join("pages.sqlite").exists(), "--no-cache wrote a cache");

    // First run fills the cache; the second reads it back: same output.
    let first = run(&cache, &["dump", "--json", a]);
    assert!(cache.join("pages.sqlite").exists());
    let info = text(&run(&cache, &["cache"]));
    assert!(info.contains("6 pages"), "{info}");
    let second = run(&cache, &["dump", "--json", a]);
    assert_eq!(text(&first), text(&plain));
    assert_eq!(text(&second), text(&plain), "pages read back from the cache are the ones parsed");

    // A changed file is parsed again; a deleted one is forgotten.
    let mut files: Vec<_> = std::fs::read_dir(&arch).expect("list").flatten().map(|e| e.path()).collect();
    files.sort();
    std::fs::write(&files[0], "吕梁日报\n\n缓存测试的新标题\n\n本报讯 这一版刚刚改过，缓存里的旧版不能再用。\n")
        .expect("rewrite");
    std::fs::remove_file(&files[1]).expect("delete");
    let found = text(&run(&cache, &["search", "缓存里的旧版", a]));
    assert!(found.contains("缓存测试的新标题"), "{found}");
    let info = text(&run(&cache, &["cache"]));
    assert!(info.contains("5 pages"), "{info}");

    // --clear deletes it.
    let cleared = text(&run(&cache, &["cache", "--clear"]));
    assert!(cleared.contains("deleted"), "{cleared}");
    assert!(!cache.join("pages.sqlite").exists());
}
