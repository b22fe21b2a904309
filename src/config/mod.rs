//! Settings: an optional TOML file in the platform's config directory
//! (`$XDG_CONFIG_HOME/lvread/config.toml` on Linux): key bindings, colours,
//! the widest body line and how strictly lines break.
//!
//! The defaults are one file, `assets/config.toml` ([`DEFAULT_TOML`],
//! embedded): it is read like a user's file, `lvread --print-config`
//! prints it as it is, and the reader's help is drawn from its `[keys]`
//! table (order and descriptions, see [`key_help`]). A user's file is read
//! over the defaults. Each mistake is reported (one line, naming the line
//! of the file) and everything valid is applied; only a file that is not
//! TOML at all gives the defaults.
//!
//! This module knows no terminal library: keys are [`Key`]s, actions
//! [`crate::action::Action`]s; colours are ratatui's (parsed by ratatui).
//!
//! - [`keys`]: keys and the key map;
//! - [`color`]: colours, presets and colour roles;
//! - [`files`]: where the file lives and loading it;
//! - [`print`](mod@print): the defaults file and the help drawn from it.

pub mod color;
pub mod files;
pub mod keys;
pub mod print;

pub use color::*;
pub use files::*;
pub use keys::*;
pub use print::*;

use crate::action::Action;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use toml::Spanned;

/// How strictly body lines follow the Chinese line-breaking rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineBreak {
    /// The Chinese rules (clreq): no line starts with closing punctuation or
    /// ends with opening punctuation, `——`/`……` and runs of Latin letters or
    /// digits stay whole; a character is pulled down rather than break a rule.
    #[default]
    Strict,
    /// Break wherever the width is reached: every line full, no rules.
    Loose,
}

impl LineBreak {
    /// The name used in the config file.
    pub fn name(self) -> &'static str {
        match self {
            LineBreak::Strict => "strict",
            LineBreak::Loose => "loose",
        }
    }
}

/// Every setting, with defaults for what the file leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Widest body line in Han characters (two columns each); 0 = the pane's width.
    pub max_width: u16,
    /// How strictly lines break.
    pub line_break: LineBreak,
    /// The preset the colours start from (`Dark` or `Light` once loaded; `Auto` only in [`Config::default`]).
    pub theme_base: ThemeBase,
    /// Colours the file sets, by role ([`COLOR_ROLES`]), in file order.
    pub colors: Vec<(&'static str, Color)>,
    /// False when colours are off (`NO_COLOR`): draw with bold/reverse only.
    pub color: bool,
    /// Key bindings.
    pub keys: Keymap,
}

impl Default for Config {
    /// The settings of `assets/config.toml` (read once).
    fn default() -> Self {
        static DEFAULTS: std::sync::OnceLock<Config> = std::sync::OnceLock::new();
        DEFAULTS
            .get_or_init(|| {
                let base = Config {
                    max_width: 0,
                    line_break: LineBreak::default(),
                    theme_base: ThemeBase::Auto,
                    colors: Vec::new(),
                    color: true,
                    keys: Keymap::empty(),
                };
                // The embedded file parses (a test makes sure); were it
                // ever broken, the reader would still start, keyless but Ctrl-c.
                let (cfg, errors) = read_over(base.clone(), DEFAULT_TOML, "assets/config.toml", None);
                if errors.is_empty() { cfg } else { base }
            })
            .clone()
    }
}

impl Config {
    /// The widest body line in terminal columns (None: no limit).
    pub fn max_columns(&self) -> Option<u16> {
        (self.max_width > 0).then(|| self.max_width.saturating_mul(2))
    }

    /// Turns colours off, keeping bold and reverse video (`NO_COLOR`).
    pub fn without_color(mut self) -> Config {
        self.color = false;
        self.colors.clear();
        self
    }
}

/// The longest value quoted whole in a config message; longer ones are cut
/// in the middle (a 10 MB value must not be echoed to the terminal).
const MAX_QUOTED_CHARS: usize = 40;

/// The longest config message, whatever it holds.
const MAX_MESSAGE_CHARS: usize = 300;

/// A message about a config value, with every quoted value longer than
/// [`MAX_QUOTED_CHARS`] cut to its start and end around `…`, and the whole
/// at most [`MAX_MESSAGE_CHARS`] characters.
fn shorten_message(message: &str) -> String {
    let mut out = String::new();
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c != '"' {
            continue;
        }
        // A quoted value (Rust's `{:?}` escapes quotes inside it as `\"`).
        let mut value = String::new();
        let mut closed = false;
        while let Some(d) = chars.next() {
            if d == '\\' {
                value.push(d);
                if let Some(e) = chars.next() {
                    value.push(e);
                }
            } else if d == '"' {
                closed = true;
                break;
            } else {
                value.push(d);
            }
        }
        let n = value.chars().count();
        if n > MAX_QUOTED_CHARS {
            let head: String = value.chars().take(MAX_QUOTED_CHARS / 2).collect();
            let tail: String = value.chars().skip(n - 8).collect();
            out.push_str(&format!("{head}…{tail}"));
        } else {
            out.push_str(&value);
        }
        if closed {
            out.push('"');
        }
        if n > MAX_QUOTED_CHARS {
            out.push_str(&format!(" ({n} characters)"));
        }
    }
    if out.chars().count() > MAX_MESSAGE_CHARS {
        let cut: String = out.chars().take(MAX_MESSAGE_CHARS - 1).collect();
        return format!("{cut}…");
    }
    out
}

/// A mistake in the config file, with the line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file (or a name for text that came from elsewhere).
    pub path: String,
    /// 1-based line of the mistake, when known.
    pub line: Option<usize>,
    /// What is wrong, on one line.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{} line {l}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    /// A short form for the status bar: the file's name (not its whole
    /// path) and the mistake without the list of what is known.
    pub fn short(&self) -> String {
        let name = std::path::Path::new(&self.path)
            .file_name()
            .map_or(self.path.clone(), |n| n.to_string_lossy().into_owned());
        let message = self.message.split(" (known:").next().unwrap_or(&self.message);
        match self.line {
            Some(l) => format!("{name} line {l}: {message}"),
            None => format!("{name}: {message}"),
        }
    }
}

/// The top level of a config file: every setting with its place.
type RawTable = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

/// One section (`[colors]`, `[keys]`), read on its own so a mistake in one
/// leaves the other whole.
#[derive(Deserialize, Default)]
struct RawColors {
    #[serde(default)]
    colors: RawTable,
}

#[derive(Deserialize, Default)]
struct RawKeys {
    #[serde(default)]
    keys: RawTable,
}

/// Parses a config file's text over the defaults; `origin` names the file
/// in errors. `colorfgbg` is the value of `$COLORFGBG` (for `theme = "auto"`).
/// Strict: the first mistake is the error (see [`parse_lenient`]).
pub fn parse(text: &str, origin: &str, colorfgbg: Option<&str>) -> Result<Config, ConfigError> {
    let (cfg, mut errors) = parse_lenient(text, origin, colorfgbg);
    if errors.is_empty() { Ok(cfg) } else { Err(errors.remove(0)) }
}

/// Parses a config file's text over the defaults, applying every setting
/// that is valid and returning each mistake, in the file's order (a syntax
/// error that stops the whole file from being read gives the defaults).
pub fn parse_lenient(text: &str, origin: &str, colorfgbg: Option<&str>) -> (Config, Vec<ConfigError>) {
    read_over(Config { theme_base: ThemeBase::Auto, ..Config::default() }, text, origin, colorfgbg)
}

/// Reads the settings in `text` over `cfg`: what the text leaves out, or
/// gets wrong, keeps its value in `cfg`. Returns the mistakes too.
fn read_over(mut cfg: Config, text: &str, origin: &str, colorfgbg: Option<&str>) -> (Config, Vec<ConfigError>) {
    let err = |span: Option<std::ops::Range<usize>>, message: String| ConfigError {
        path: origin.to_string(),
        line: span.map(|s| line_of(text, s.start)),
        message: shorten_message(&message),
    };
    let toml_err = |e: toml::de::Error| {
        err(e.span(), e.message().trim().replace('\n', " ").replace("expected i64", "expected a whole number"))
    };
    let mut errors = Vec::new();
    let top: RawTable = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            errors.push(toml_err(e));
            cfg.theme_base = cfg.theme_base.resolve(colorfgbg);
            return (cfg, errors);
        }
    };
    let mut top: Vec<_> = top.iter().collect();
    top.sort_by_key(|(name, _)| name.span().start);
    for (name, value) in top {
        match (name.get_ref().as_str(), value.get_ref()) {
            ("max_width", toml::Value::Integer(w)) => match u16::try_from(*w) {
                Ok(v) if v == 0 || (8..=500).contains(&v) => cfg.max_width = v,
                _ => errors.push(err(
                    Some(value.span()),
                    format!("max_width = {w}: use 0 (no limit) or 8 to 500 Han characters"),
                )),
            },
            ("max_width", _) => errors.push(err(Some(value.span()), "max_width: expected a whole number".to_string())),
            ("line_break", v) => match v.as_str() {
                Some("strict") => cfg.line_break = LineBreak::Strict,
                Some("loose") => cfg.line_break = LineBreak::Loose,
                _ => errors.push(err(Some(value.span()), format!("line_break = {v}: use \"strict\" or \"loose\""))),
            },
            ("colors" | "keys", toml::Value::Table(_)) => {}
            ("colors" | "keys", _) => errors
                .push(err(Some(value.span()), format!("{}: expected a table ([{}])", name.get_ref(), name.get_ref()))),
            (other, _) => errors.push(err(
                Some(name.span()),
                format!("unknown setting {other:?} (known: max_width, line_break, [colors], [keys])"),
            )),
        }
    }
    let colors = toml::from_str::<RawColors>(text).map(|c| c.colors).unwrap_or_default();
    let keys = toml::from_str::<RawKeys>(text).map(|k| k.keys).unwrap_or_default();
    // In the file's order, so mistakes are reported top to bottom.
    let mut colors: Vec<_> = colors.iter().collect();
    colors.sort_by_key(|(role, _)| role.span().start);
    for (role, value) in colors {
        let Some(v) = value.get_ref().as_str() else {
            errors.push(err(Some(value.span()), format!("{} = …: expected a colour name in quotes", role.get_ref())));
            continue;
        };
        if role.get_ref() == "theme" {
            match v {
                "auto" => cfg.theme_base = ThemeBase::Auto,
                "dark" => cfg.theme_base = ThemeBase::Dark,
                "light" => cfg.theme_base = ThemeBase::Light,
                other => errors
                    .push(err(Some(value.span()), format!("theme = {other:?}: use \"auto\", \"dark\" or \"light\""))),
            }
            continue;
        }
        let Some(&(name, _)) = COLOR_ROLES.iter().find(|(r, _)| r == role.get_ref()) else {
            let known: Vec<&str> = COLOR_ROLES.iter().map(|(r, _)| *r).collect();
            errors.push(err(
                Some(role.span()),
                format!("unknown colour {:?} in [colors] (known: theme, {})", role.get_ref(), known.join(", ")),
            ));
            continue;
        };
        match parse_color(v) {
            Ok(c) => cfg.colors.push((name, c)),
            Err(m) => errors.push(err(Some(value.span()), m)),
        }
    }
    cfg.theme_base = cfg.theme_base.resolve(colorfgbg);
    let mut claimed: BTreeMap<Key, Action> = BTreeMap::new();
    let mut bindings: Vec<_> = keys.iter().collect();
    bindings.sort_by_key(|(action, _)| action.span().start);
    for (action, keys) in bindings {
        let Some(name) = Action::from_name(action.get_ref()) else {
            let known: Vec<String> = cfg.keys.bindings().filter_map(|(a, _)| a.name()).collect();
            errors.push(err(
                Some(action.span()),
                format!("unknown action {:?} in [keys] (known: {})", action.get_ref(), known.join(", ")),
            ));
            continue;
        };
        let not_keys = || {
            err(Some(keys.span()), format!("{name} = …: expected a key (\"j\") or a list of keys ([\"j\", \"down\"])"))
        };
        let list: Vec<&str> = match keys.get_ref() {
            toml::Value::String(k) => vec![k.as_str()],
            toml::Value::Array(ks) => match ks.iter().map(|k| k.as_str().ok_or_else(not_keys)).collect() {
                Ok(l) => l,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            },
            _ => {
                errors.push(not_keys());
                continue;
            }
        };
        let mut parsed = Vec::new();
        for k in list {
            let key = match Key::parse(k) {
                Ok(key) => key,
                Err(m) => {
                    errors.push(err(Some(keys.span()), m));
                    continue;
                }
            };
            if Key::parse(ALWAYS_QUITS).ok() == Some(key) && name != Action::Quit {
                errors
                    .push(err(Some(keys.span()), format!("key \"{key}\" always quits; it cannot be bound to {name}")));
                continue;
            }
            if let Some(&other) = claimed.get(&key)
                && other != name
            {
                errors.push(err(Some(keys.span()), format!("key \"{key}\" is bound to both {other} and {name}")));
                continue;
            }
            claimed.insert(key, name);
            if !parsed.contains(&key) {
                parsed.push(key);
            }
        }
        if parsed.is_empty() {
            // Nothing valid (or `[]`): the action keeps its keys.
            if matches!(keys.get_ref(), toml::Value::Array(a) if a.is_empty()) {
                errors.push(err(
                    Some(keys.span()),
                    format!("{name} = []: every action needs a key (delete the line to keep the defaults)"),
                ));
            }
            continue;
        }
        cfg.keys.rebind(name, parsed);
    }
    (cfg, errors)
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Config {
        parse(text, "config.toml", None).unwrap_or_else(|e| panic!("{e}"))
    }

    fn parse_err(text: &str) -> ConfigError {
        parse(text, "config.toml", None).expect_err("should be refused")
    }

    #[test]
    fn empty_file_gives_defaults() {
        assert_eq!(parse_ok(""), Config::default());
        assert_eq!(Config::default().keys.action(&Key::parse("j").unwrap()), Some(Action::Down));
        assert_eq!(Config::default().max_columns(), Some(80));
    }

    #[test]
    fn printed_defaults_parse_back_to_the_defaults() {
        let text = DEFAULT_TOML;
        assert!(text.lines().filter(|l| l.starts_with('#')).count() > 10, "commented");
        assert_eq!(parse_ok(text), Config::default());
        // The example colour line works when uncommented.
        let example = text.replace("# headline = ", "headline = ");
        assert_eq!(parse_ok(&example).colors, vec![("headline", Color::LightYellow)]);
        // Every role is listed.
        for (role, _) in COLOR_ROLES {
            assert!(text.contains(&format!("#   {role} ")), "{role} missing");
        }
    }

    #[test]
    fn every_default_key_parses_and_no_key_has_two_actions() {
        let mut seen = std::collections::HashMap::new();
        let defaults = Config::default();
        assert!(defaults.keys.bindings().count() > 20, "the defaults file was read");
        for (action, keys) in defaults.keys.bindings() {
            assert!(!keys.is_empty(), "{action} has a key");
            for &key in keys {
                assert_eq!(key.to_string().parse::<Key>(), Ok(key), "display round-trips");
                assert!(seen.insert(key, action).is_none(), "{key} bound twice");
            }
        }
    }

    #[test]
    fn key_strings() {
        let k = |s: &str| Key::parse(s).unwrap();
        assert_eq!(k("ctrl-d"), Key { code: KeyCode::Char('d'), ctrl: true, alt: false });
        assert_eq!(k("C-d"), k("ctrl-d"));
        assert_eq!(k("Ctrl+D"), k("ctrl-d"), "a terminal sends ctrl-d for both");
        assert_eq!(k("shift-tab"), Key::plain(KeyCode::BackTab));
        assert_eq!(k("shift-g"), k("G"));
        assert!(k("alt-x").alt);
        assert_eq!(k("space"), Key::plain(KeyCode::Char(' ')));
        assert_eq!(k("PgDn"), Key::plain(KeyCode::PageDown));
        assert_eq!(k("f12"), Key::plain(KeyCode::F(12)));
        assert_eq!(k("-"), Key::plain(KeyCode::Char('-')));
        assert_eq!(k("c"), Key::plain(KeyCode::Char('c')), "a lone c is the letter");
        assert_eq!(k("翻"), Key::plain(KeyCode::Char('翻')));
        for bad in ["", "ctrl-", "f0", "f99", "nope", "shift-1", "\u{7}", "ctrl-shift-x", "shift-ctrl-x", "C-S-x"] {
            assert!(Key::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn colours() {
        assert_eq!(parse_color("light-blue"), Ok(Color::LightBlue));
        assert_eq!(parse_color("LightBlue"), Ok(Color::LightBlue));
        assert_eq!(parse_color("dark_grey"), Ok(Color::DarkGray));
        assert_eq!(parse_color("#FF8000"), Ok(Color::Rgb(255, 128, 0)));
        assert_eq!(parse_color("208"), Ok(Color::Indexed(208)));
        assert_eq!(parse_color("default"), Ok(Color::Reset));
        assert!(parse_color("#12345").is_err());
        assert!(parse_color("256").is_err());
        assert!(parse_color("purplish").is_err());
        for c in [Color::Reset, Color::DarkGray, Color::LightCyan, Color::Indexed(17), Color::Rgb(1, 2, 255)] {
            assert_eq!(parse_color(&c.to_string()), Ok(c), "{c}");
        }
    }

    #[test]
    fn settings_are_read() {
        let c = parse_ok(
            "max_width = 0\nline_break = \"strict\"\n[colors]\ntheme = \"light\"\nheadline = \"#102030\"\n[keys]\ndown = [\"n\", \"ctrl-n\"]\nquit = \"x\"\n",
        );
        assert_eq!(c.max_width, 0);
        assert_eq!(c.max_columns(), None);
        assert_eq!(c.line_break, LineBreak::Strict);
        assert_eq!(c.colors, vec![("headline", Color::Rgb(0x10, 0x20, 0x30))]);
        assert_eq!(c.theme_base, ThemeBase::Light);
        let key = |s| Key::parse(s).unwrap();
        assert_eq!(c.keys.action(&key("n")), Some(Action::Down));
        assert_eq!(c.keys.action(&key("ctrl-n")), Some(Action::Down));
        assert_eq!(c.keys.action(&key("j")), None, "a binding replaces the defaults");
        assert_eq!(c.keys.action(&key("x")), Some(Action::Quit));
        assert_eq!(c.keys.action(&key("q")), None);
        assert_eq!(c.keys.action(&key("k")), Some(Action::Up), "others keep theirs");
    }

    #[test]
    fn rebinding_a_default_key_takes_it_from_its_old_action() {
        let c = parse_ok("[keys]\nsearch = [\"/\", \"s\"]\nmark_unread = \"b\"\n");
        let key = |s| Key::parse(s).unwrap();
        assert_eq!(c.keys.action(&key("b")), Some(Action::MarkUnread));
        assert_eq!(c.keys.keys(Action::PageUp), &[key("pageup")]);
    }

    #[test]
    fn the_short_form_fits_a_status_bar() {
        let e = parse("[colors]\nheadlne = \"red\"\n", "/home/someone/.config/lvread/config.toml", None).unwrap_err();
        assert_eq!(e.short(), "config.toml line 2: unknown colour \"headlne\" in [colors]");
        assert!(e.to_string().contains("/home/someone/.config/lvread/config.toml") && e.to_string().contains("known:"));
    }

    #[test]
    fn the_first_mistake_in_the_file_is_reported() {
        let e = parse("[colors]\nheadlne = \"red\"\nheadline = \"yelow\"\n", "c.toml", None).unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.message.contains("headlne"), "{e}");
        let e = parse("[keys]\nzoomm = \"z\"\nabc = \"x\"\n", "c.toml", None).unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
    }

    #[test]
    fn mistakes_name_their_line() {
        let e = parse_err("max_width = 40\n\n[colors]\nheadlne = \"red\"\n");
        assert_eq!(e.line, Some(4), "{e}");
        assert!(e.to_string().contains("headlne") && e.to_string().starts_with("config.toml line 4:"), "{e}");
        let e = parse_err("max_width = 40\nmax_widht = 3\n");
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.message.contains("max_widht"), "{e}");
        let e = parse_err("max_width = 2\n");
        assert_eq!(e.line, Some(1));
        let e = parse_err("max_width = \"wide\"\n");
        assert_eq!(e.line, Some(1), "{e}");
        let e = parse_err("\n\nline_break = \"sloppy\"\n");
        assert_eq!(e.line, Some(3));
        let e = parse_err("[colors]\nborder = \"purplish\"\n");
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("purplish"));
        let e = parse_err("[keys]\njump = \"j\"\n");
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("unknown action \"jump\""));
        let e = parse_err("[keys]\ndown = [\"j\"]\nup = [\"ctrl-q\", \"j\"]\n");
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("bound to both"), "{e}");
        let e = parse_err("max_width = 40\n[keys]\nquit = []\n");
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.message.contains("quit = []"), "{e}");
        let e = parse_err("[keys]\ndown = [\"ctrl-c\"]\n");
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.message.contains("always quits"), "{e}");
        let c = parse_ok("[keys]\nquit = [\"x\", \"ctrl-c\"]\n");
        assert_eq!(c.keys.action(&Key::parse("ctrl-c").unwrap()), Some(Action::Quit));
        let e = parse_err("[keys]\n\ndown = [\"hyper-j\"]\n");
        assert_eq!(e.line, Some(3));
        let e = parse_err("max_width = 40\n[colors\n");
        assert_eq!(e.line, Some(2), "syntax errors too: {e}");
        let e = parse_err("[keys]\ndown = 5\n");
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.message.contains("expected a key"), "{e}");
        let e = parse_err("[keys]\n\ndown = [\"j\", 5]\n");
        assert_eq!(e.line, Some(3), "{e}");
        for e in [parse_err("[bogus]\nx = 1\n"), parse_err("x = \"\u{1b}[31m\"\n")] {
            assert!(!e.to_string().contains('\n'), "one line: {e}");
        }
    }

    #[test]
    fn one_mistake_keeps_the_rest_and_every_mistake_is_reported() {
        let text = "max_width = 30\nmax_widht = 3\n[colors]\nheadline = \"yelow\"\nborder = \"red\"\n\
                    [keys]\ndown = [\"n\", \"hyper-j\"]\nzoomm = \"z\"\nquit = \"x\"\nup = \"ctrl-shift-k\"\n";
        let (c, errors) = parse_lenient(text, "c.toml", None);
        let lines: Vec<Option<usize>> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [Some(2), Some(4), Some(7), Some(8), Some(10)], "{errors:?}");
        assert!(errors[1].message.contains("yelow"), "{}", errors[1]);
        assert!(errors[4].message.contains("ctrl-shift-k"), "{}", errors[4]);
        assert_eq!(c.max_width, 30);
        assert_eq!(c.colors, vec![("border", Color::Red)], "the valid colour is applied");
        let key = |s| Key::parse(s).unwrap();
        assert_eq!(c.keys.action(&key("n")), Some(Action::Down), "the valid key of a list is bound");
        assert_eq!(c.keys.action(&key("x")), Some(Action::Quit), "remaps after a mistake are applied");
        assert_eq!(c.keys.action(&key("k")), Some(Action::Up), "an action whose keys are all bad keeps its own");
        assert_eq!(c.keys.action(&Key { code: KeyCode::Char('k'), ctrl: true, alt: false }), None);
        // A section of the wrong type is one mistake; the other section still applies.
        let (c, errors) = parse_lenient("colors = 5\n[keys]\nquit = \"x\"\n", "c.toml", None);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(c.keys.action(&key("x")), Some(Action::Quit));
    }

    #[test]
    fn auto_theme_follows_colorfgbg() {
        assert_eq!(ThemeBase::Auto.resolve(None), ThemeBase::Dark);
        assert_eq!(ThemeBase::Auto.resolve(Some("15;0")), ThemeBase::Dark);
        assert_eq!(ThemeBase::Auto.resolve(Some("0;15")), ThemeBase::Light);
        assert_eq!(ThemeBase::Auto.resolve(Some("0;default;7")), ThemeBase::Light);
        assert_eq!(ThemeBase::Dark.resolve(Some("0;15")), ThemeBase::Dark);
        assert_eq!(parse("", "c", Some("0;15")).unwrap().theme_base, ThemeBase::Light);
        assert_eq!(parse("[colors]\ntheme = \"dark\"\n", "c", Some("0;15")).unwrap().theme_base, ThemeBase::Dark);
    }

    #[test]
    fn files_missing_bad_or_good() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        let (c, e) = load_from(&path, None, false);
        assert_eq!((c, e), (Config::default(), Vec::new()), "no file: defaults, no message");
        std::fs::write(&path, "max_width = 30\n").unwrap();
        assert_eq!(load_from(&path, None, false).0.max_width, 30);
        std::fs::write(&path, "max_width = 30\nfoo = 1\n").unwrap();
        let (c, e) = load_from(&path, None, false);
        assert_eq!(c.max_width, 30, "a mistake leaves the rest applied");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, Some(2));
        assert!(e[0].to_string().contains(&path.display().to_string()));
        std::fs::write(&path, "max_width = 30\n[colors\n").unwrap();
        let (c, e) = load_from(&path, None, false);
        assert_eq!((c, e.len()), (Config::default(), 1), "not TOML at all: the defaults");
        std::fs::write(&path, b"max_width = 30\n\xff\n").unwrap();
        assert!(load_from(&path, None, false).1[0].message.contains("UTF-8"));
    }

    #[test]
    fn a_huge_value_is_not_echoed_whole() {
        // The config file is at most 1 MiB (files::read_regular refuses more).
        let huge = "x".repeat(200_000);
        for text in [
            format!("line_break = \"{huge}\"\n"),
            format!("theme = \"{huge}\"\n"),
            format!("[colors]\nheadline = \"{huge}\"\n"),
            format!("[colors]\n{huge} = \"red\"\n"),
            format!("[keys]\nquit = \"{huge}\"\n"),
            format!("max_width = {}\n", "9".repeat(200_000)),
            format!("{huge}\n"),
        ] {
            let e = parse_err(&text);
            let shown = e.to_string();
            assert!(shown.chars().count() < 400, "{} characters: {}…", shown.chars().count(), &shown[..200]);
            assert_eq!(e.line, Some(text.lines().count()), "{shown}");
        }
        let e = parse_err(&format!("line_break = \"{huge}\"\n"));
        assert!(e.message.contains("use \"strict\" or \"loose\"") && e.message.contains("200000 characters"), "{e}");
        // Short values are quoted whole.
        assert!(parse_err("line_break = \"wide\"\n").message.contains("\"wide\""));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_device_as_the_config_gives_the_defaults_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        crate::files::tests::make_fifo(&path);
        let (c, e) = load_from(&path, None, false);
        assert_eq!(c, Config::default());
        assert!(e.len() == 1 && e[0].message.contains("named pipe"), "{e:?}");
        let (_, e) = load_from(std::path::Path::new("/dev/zero"), None, false);
        assert!(e.len() == 1 && e[0].message.contains("character device"), "{e:?}");
    }

    #[test]
    fn no_color_keeps_nothing_but_the_terminal_colours() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        std::fs::write(&path, "[colors]\nheadline = \"red\"\n").unwrap();
        let (c, _) = load_from(&path, None, true);
        assert!(!c.color);
        assert!(c.colors.is_empty());
        let (c, _) = load_from(&path, None, false);
        assert!(c.color);
        assert_eq!(c.colors, vec![("headline", Color::Red)]);
    }
}
