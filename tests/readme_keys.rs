//! One place for the keys: the README's key table, the reader's help and
//! `lvread --print-config` all come from `assets/config.toml`.

use lvread::config::{DEFAULT_TOML, Keymap, key_help};
use lvread::ui::keys::label;
use std::process::Command;

/// The key table as the README must show it: one row per bindable action,
/// in the order of `assets/config.toml`, with its default keys as the
/// reader's help shows them and the line's description.
fn key_table() -> String {
    let keymap = Keymap::default();
    let mut table = String::from("| Keys | Action (config name) |\n|---|---|\n");
    for (action, what) in key_help() {
        let keys: Vec<String> = keymap.keys(action).iter().map(|k| format!("`{}`", label(k))).collect();
        table.push_str(&format!("| {} | {what} (`{action}`) |\n", keys.join(" ")));
    }
    table
}

#[test]
fn the_readme_key_table_is_the_defaults_file() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md");
    let table = key_table();
    assert!(table.lines().count() > 20, "{table}");
    assert!(readme.contains(&table), "README.md's key table should read:\n{table}");
}

#[test]
fn print_config_prints_the_defaults_file_as_it_is() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = Command::new(env!("CARGO_BIN_EXE_lvread"))
        .arg("--print-config")
        .env("LVREAD_CONFIG_DIR", dir.path())
        .env("LVREAD_CACHE_DIR", dir.path())
        .output()
        .expect("run");
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).expect("UTF-8"), DEFAULT_TOML);
}
