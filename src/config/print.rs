//! The defaults, as one file: `assets/config.toml`. It is read like a
//! user's file ([`super::Config::default`]), printed as it is by
//! `lvread --print-config`, and the reader's help is drawn from its
//! `[keys]` table ([`key_help`]).

use crate::action::Action;

/// The default settings, commented (`assets/config.toml`, embedded).
pub const DEFAULT_TOML: &str = include_str!("../../assets/config.toml");

/// The defaults as a commented TOML file (`lvread --print-config`); it
/// parses back to [`super::Config::default`].
pub fn default_toml() -> &'static str {
    DEFAULT_TOML
}

/// Every bindable action with what it does, in help order: the lines of
/// the `[keys]` table of [`DEFAULT_TOML`] (`name = [keys]  # what it does`).
pub fn key_help() -> Vec<(Action, &'static str)> {
    let mut out = Vec::new();
    let mut in_keys = false;
    for line in DEFAULT_TOML.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_keys = line == "[keys]";
            continue;
        }
        if !in_keys || line.starts_with('#') {
            continue;
        }
        let Some((name, rest)) = line.split_once('=') else { continue };
        let Some(action) = Action::from_name(name.trim()) else { continue };
        let what = rest.rsplit_once(" # ").map_or("", |(_, w)| w.trim());
        out.push((action, what));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bindable_action_is_in_the_defaults_once_with_a_description() {
        let help = key_help();
        // serde lists every named variant when it meets an unknown one.
        let err = toml::Value::String("?".into()).try_into::<Action>().expect_err("unknown").to_string();
        let listed = err.split("expected one of").nth(1).expect("serde lists the variants");
        let names: Vec<&str> =
            listed.split(',').map(|n| n.trim().trim_matches('`')).filter(|n| !n.is_empty()).collect();
        assert!(names.len() > 20, "{err}");
        for n in names {
            let action = Action::from_name(n).expect("a listed name parses");
            assert_eq!(help.iter().filter(|(a, _)| *a == action).count(), 1, "{n} once in assets/config.toml");
        }
        assert!(help.iter().all(|(_, what)| !what.is_empty()), "every line says what it does");
        assert_eq!(
            help.iter().find(|(a, _)| *a == Action::PageDown).map(|(_, w)| *w),
            Some("a page down; at the end, next article")
        );
    }
}
