//! Settings: an optional TOML file in the platform's config directory
//! (`$XDG_CONFIG_HOME/lvread/config.toml` on Linux): key bindings, colours,
//! the widest body line and how strictly lines break.
//!
//! A file with a mistake is reported (one line, naming the line of the
//! file) and lvread starts with the defaults. `lvread --print-config`
//! prints [`default_toml`], a commented file that parses back to the defaults.
//!
//! This module knows no terminal library: keys and colours are its own small
//! types, which the UI converts.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The config file's name inside the config directory.
pub const CONFIG_FILE: &str = "config.toml";

/// Environment variable that overrides the config directory (tests, portable set-ups).
pub const CONFIG_DIR_ENV: &str = "LVREAD_CONFIG_DIR";

/// Default widest body line, in Han characters (two columns each).
pub const DEFAULT_MAX_WIDTH: u16 = 40;

/// Every action a key can be bound to: name, what it does, default keys.
/// The names are the keys of the `[keys]` table.
pub const ACTIONS: &[(&str, &str, &[&str])] = &[
    ("down", "next item / scroll down", &["j", "down"]),
    ("up", "previous item / scroll up", &["k", "up"]),
    ("focus_left", "pane to the left", &["h", "left"]),
    ("focus_right", "pane to the right", &["l", "right"]),
    ("focus_next", "next pane", &["tab"]),
    ("focus_prev", "previous pane", &["shift-tab"]),
    ("open", "open issue or article", &["enter"]),
    ("top", "first item / top", &["g", "home"]),
    ("bottom", "last item / end", &["G", "end"]),
    ("half_page_down", "half a page down", &["ctrl-d"]),
    ("half_page_up", "half a page up", &["ctrl-u"]),
    ("page_down", "a page down", &["pagedown", "space"]),
    ("page_up", "a page up", &["pageup", "b"]),
    ("prev_article", "previous article", &["["]),
    ("next_article", "next article", &["]"]),
    ("prev_issue", "previous issue", &["{"]),
    ("next_issue", "next issue", &["}"]),
    ("zoom", "zoom the body to the full screen", &["z"]),
    ("search", "search every issue", &["/"]),
    ("next_match", "next search match", &["n"]),
    ("prev_match", "previous search match", &["N"]),
    ("toggle_bookmark", "bookmark / unbookmark the article", &["m"]),
    ("bookmarks", "list bookmarks", &["'"]),
    ("mark_unread", "mark the article unread", &["u"]),
    ("mark_issue_read", "mark the whole issue read", &["R"]),
    ("help", "this help", &["?"]),
    ("back", "close overlay / leave zoom / back", &["esc"]),
    ("quit", "quit", &["q", "ctrl-c"]),
];

/// The action names, in [`ACTIONS`] order.
pub fn action_names() -> impl Iterator<Item = &'static str> {
    ACTIONS.iter().map(|(n, _, _)| *n)
}

// ---------------------------------------------------------------- keys

/// The key that always quits, whatever the config says.
pub const ALWAYS_QUITS: &str = "ctrl-c";

/// A key without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    /// A printable character (upper-case letters mean Shift + letter).
    Char(char),
    /// The Enter key.
    Enter,
    /// The Esc key.
    Esc,
    /// The Tab key.
    Tab,
    /// Shift-Tab.
    BackTab,
    /// The Backspace key.
    Backspace,
    /// The Delete key.
    Delete,
    /// The Insert key.
    Insert,
    /// The Home key.
    Home,
    /// The End key.
    End,
    /// The PageUp key.
    PageUp,
    /// The PageDown key.
    PageDown,
    /// The Up key.
    Up,
    /// The Down key.
    Down,
    /// The Left key.
    Left,
    /// The Right key.
    Right,
    /// F1 … F24.
    F(u8),
}

/// A key with Ctrl / Alt. Shift is part of the character (`G`) or of the
/// code (`BackTab`), so `shift-g` and `G` are the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    /// The key itself.
    pub code: KeyCode,
    /// Held with Control.
    pub ctrl: bool,
    /// Held with Alt (Meta).
    pub alt: bool,
}

impl Key {
    /// A key with no modifiers.
    pub const fn plain(code: KeyCode) -> Key {
        Key { code, ctrl: false, alt: false }
    }

    /// Parses `j`, `G`, `down`, `ctrl-d`, `alt-x`, `shift-tab`, `space`, `f5`, `C-d`, `M-x` ….
    pub fn parse(s: &str) -> Result<Key, String> {
        let bad = || {
            format!(
                "unknown key {s:?} (examples: \"j\", \"G\", \"down\", \"ctrl-d\", \"shift-tab\", \"space\", \"f5\")"
            )
        };
        if s.is_empty() {
            return Err("empty key name".to_string());
        }
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        let mut rest = s;
        // Modifiers: "ctrl-", "alt-", "shift-" (also C-, M-, A-, S-, and '+').
        loop {
            let lower = rest.to_ascii_lowercase();
            let mut matched = false;
            for (prefix, flag) in [
                ("ctrl", 0),
                ("control", 0),
                ("c", 0),
                ("alt", 1),
                ("meta", 1),
                ("m", 1),
                ("a", 1),
                ("shift", 2),
                ("s", 2),
            ] {
                for sep in ['-', '+'] {
                    let p = format!("{prefix}{sep}");
                    if lower.starts_with(&p) && rest.len() > p.len() {
                        match flag {
                            0 => ctrl = true,
                            1 => alt = true,
                            _ => shift = true,
                        }
                        rest = &rest[p.len()..];
                        matched = true;
                        break;
                    }
                }
                if matched {
                    break;
                }
            }
            if !matched {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if c.is_control() {
                    return Err(bad());
                }
                if shift && c.is_ascii_lowercase() {
                    shift = false;
                    KeyCode::Char(c.to_ascii_uppercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" | "ret" | "cr" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if shift => {
                    shift = false;
                    KeyCode::BackTab
                }
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" | "bs" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" | "page_up" | "page-up" => KeyCode::PageUp,
                "pagedown" | "pgdn" | "pgdown" | "page_down" | "page-down" => KeyCode::PageDown,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "space" | "spc" => KeyCode::Char(' '),
                "minus" => KeyCode::Char('-'),
                "plus" => KeyCode::Char('+'),
                f if f.starts_with('f') && f.len() > 1 => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=24) => KeyCode::F(n),
                    _ => return Err(bad()),
                },
                _ => return Err(bad()),
            },
        };
        if shift {
            // Shift with a key that has no shifted form we can express.
            return Err(format!("{s:?}: shift- only combines with letters and tab (write \"G\" for shift-g)"));
        }
        Ok(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    /// The canonical name, as [`Key::parse`] reads it (`ctrl-d`, `G`, `space`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Insert => f.write_str("insert"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::PageUp => f.write_str("pageup"),
            KeyCode::PageDown => f.write_str("pagedown"),
            KeyCode::Up => f.write_str("up"),
            KeyCode::Down => f.write_str("down"),
            KeyCode::Left => f.write_str("left"),
            KeyCode::Right => f.write_str("right"),
            KeyCode::F(n) => write!(f, "f{n}"),
        }
    }
}

/// Which keys trigger which action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// (action name, its keys), in [`ACTIONS`] order.
    bindings: Vec<(&'static str, Vec<Key>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = ACTIONS
            .iter()
            .map(|(name, _, keys)| (*name, keys.iter().filter_map(|k| Key::parse(k).ok()).collect()))
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    /// The action bound to a key, if any.
    pub fn action(&self, key: &Key) -> Option<&'static str> {
        self.bindings.iter().find(|(_, keys)| keys.contains(key)).map(|(n, _)| *n)
    }

    /// The keys bound to an action (empty for an unknown name).
    pub fn keys(&self, action: &str) -> &[Key] {
        self.bindings.iter().find(|(n, _)| *n == action).map(|(_, k)| k.as_slice()).unwrap_or(&[])
    }

    /// Every (action, keys) pair, in [`ACTIONS`] order.
    pub fn bindings(&self) -> impl Iterator<Item = (&'static str, &[Key])> {
        self.bindings.iter().map(|(n, k)| (*n, k.as_slice()))
    }

    /// Binds `keys` to `action`, replacing its defaults; another action that
    /// had one of these keys by default loses it.
    fn rebind(&mut self, action: &'static str, keys: Vec<Key>) {
        for (n, ks) in &mut self.bindings {
            if *n != action {
                ks.retain(|k| !keys.contains(k));
            }
        }
        if let Some((_, ks)) = self.bindings.iter_mut().find(|(n, _)| *n == action) {
            *ks = keys;
        }
    }
}

// ---------------------------------------------------------------- colours

/// A terminal colour (the 16 named ones, the 256 palette, or RGB).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Color {
    /// The terminal's own foreground or background.
    Reset,
    /// ANSI Black.
    Black,
    /// ANSI Red.
    Red,
    /// ANSI Green.
    Green,
    /// ANSI Yellow.
    Yellow,
    /// ANSI Blue.
    Blue,
    /// ANSI Magenta.
    Magenta,
    /// ANSI Cyan.
    Cyan,
    /// ANSI Gray.
    Gray,
    /// ANSI DarkGray.
    DarkGray,
    /// ANSI LightRed.
    LightRed,
    /// ANSI LightGreen.
    LightGreen,
    /// ANSI LightYellow.
    LightYellow,
    /// ANSI LightBlue.
    LightBlue,
    /// ANSI LightMagenta.
    LightMagenta,
    /// ANSI LightCyan.
    LightCyan,
    /// ANSI White.
    White,
    /// An entry of the 256-colour palette.
    Indexed(u8),
    /// A 24-bit colour.
    Rgb(u8, u8, u8),
}

const COLOR_NAMES: &[(&str, Color)] = &[
    ("default", Color::Reset),
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("dark-gray", Color::DarkGray),
    ("light-red", Color::LightRed),
    ("light-green", Color::LightGreen),
    ("light-yellow", Color::LightYellow),
    ("light-blue", Color::LightBlue),
    ("light-magenta", Color::LightMagenta),
    ("light-cyan", Color::LightCyan),
    ("white", Color::White),
];

impl Color {
    /// Parses a name (`light-blue`, `dark_gray`, `default`), `#rrggbb` or a palette index `0`–`255`.
    pub fn parse(s: &str) -> Result<Color, String> {
        let t = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        let t = t.replace("grey", "gray");
        if t == "reset" || t == "none" {
            return Ok(Color::Reset);
        }
        if let Some((_, c)) = COLOR_NAMES.iter().find(|(n, _)| *n == t || n.replace('-', "") == t) {
            return Ok(*c);
        }
        if let Some(hex) = t.strip_prefix('#')
            && hex.len() == 6
            && hex.chars().all(|c| c.is_ascii_hexdigit())
        {
            let v = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
            return Ok(Color::Rgb(v(0), v(2), v(4)));
        }
        if let Ok(n) = t.parse::<u8>() {
            return Ok(Color::Indexed(n));
        }
        Err(format!("unknown colour {s:?} (use a name like \"light-blue\", \"#rrggbb\" or a number 0-255)"))
    }
}

impl fmt::Display for Color {
    /// The form [`Color::parse`] reads.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Color::Indexed(n) => write!(f, "{n}"),
            Color::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
            c => f.write_str(COLOR_NAMES.iter().find(|(_, x)| x == c).map(|(n, _)| *n).unwrap_or("default")),
        }
    }
}

/// Which preset the colours start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeBase {
    /// Dark unless `COLORFGBG` says the background is light.
    #[default]
    Auto,
    /// Colours for a dark background.
    Dark,
    /// Colours for a light background.
    Light,
}

impl ThemeBase {
    /// Resolves `Auto` with `$COLORFGBG` (`"0;15"`: dark text on a light
    /// background); gives `Dark` or `Light`.
    pub fn resolve(self, colorfgbg: Option<&str>) -> ThemeBase {
        match self {
            ThemeBase::Auto => {
                let bg = colorfgbg.and_then(|v| v.rsplit(';').next()).and_then(|b| b.trim().parse::<u8>().ok());
                match bg {
                    Some(7) | Some(9..=15) => ThemeBase::Light,
                    _ => ThemeBase::Dark,
                }
            }
            other => other,
        }
    }
}

/// Every colour role the `[colors]` table can set (the foreground of that
/// part of the screen), with what it colours. The UI owns the defaults.
pub const COLOR_ROLES: &[(&str, &str)] = &[
    ("border", "borders of unfocused panes"),
    ("border_focused", "the focused pane's border"),
    ("pane_title", "pane titles"),
    ("date", "issue dates"),
    ("inferred", "the ~ mark of guessed dates and titles"),
    ("count", "article counts"),
    ("kind_marker", "kind markers (图 漫 告 评 续)"),
    ("unread_marker", "the read mark in the article list"),
    ("bookmark", "the bookmark mark"),
    ("read_title", "titles of articles already read"),
    ("fallback_title", "titles made from the body"),
    ("kicker", "kicker (引题)"),
    ("headline", "headlines (always bold)"),
    ("subtitle", "subtitle (副题)"),
    ("byline", "bylines"),
    ("paragraph", "body text"),
    ("caption", "photo captions"),
    ("keywords", "the keyword line"),
    ("highlight", "search matches"),
    ("status", "the status bar"),
    ("key", "key names in the status bar and help"),
    ("message", "messages in the status bar"),
    ("progress", "the loading progress bar"),
    ("scrollbar", "the scrollbar"),
    ("dim", "placeholder text"),
];

// ---------------------------------------------------------------- config

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
    fn default() -> Self {
        Config {
            max_width: DEFAULT_MAX_WIDTH,
            line_break: LineBreak::default(),
            theme_base: ThemeBase::Dark,
            colors: Vec::new(),
            color: true,
            keys: Keymap::default(),
        }
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

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    max_width: Option<Spanned<i64>>,
    line_break: Option<Spanned<String>>,
    #[serde(default)]
    colors: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}

/// Parses a config file's text; `origin` names the file in errors.
/// `colorfgbg` is the value of `$COLORFGBG` (for `theme = "auto"`).
pub fn parse(text: &str, origin: &str, colorfgbg: Option<&str>) -> Result<Config, ConfigError> {
    let err = |span: Option<std::ops::Range<usize>>, message: String| ConfigError {
        path: origin.to_string(),
        line: span.map(|s| line_of(text, s.start)),
        message,
    };
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        err(e.span(), e.message().trim().replace('\n', " ").replace("expected i64", "expected a whole number"))
    })?;
    let mut cfg = Config { theme_base: ThemeBase::Auto, ..Config::default() };
    if let Some(w) = raw.max_width {
        match u16::try_from(*w.get_ref()) {
            Ok(v) if v == 0 || (8..=500).contains(&v) => cfg.max_width = v,
            _ => {
                return Err(err(
                    Some(w.span()),
                    format!("max_width = {}: use 0 (no limit) or 8 to 500 Han characters", w.get_ref()),
                ));
            }
        }
    }
    if let Some(lb) = raw.line_break {
        cfg.line_break = match lb.get_ref().as_str() {
            "strict" => LineBreak::Strict,
            "loose" => LineBreak::Loose,
            other => return Err(err(Some(lb.span()), format!("line_break = {other:?}: use \"strict\" or \"loose\""))),
        };
    }
    // In the file's order, so the first mistake is the one reported.
    let mut colors: Vec<_> = raw.colors.iter().collect();
    colors.sort_by_key(|(role, _)| role.span().start);
    for (role, value) in colors {
        if role.get_ref() == "theme" {
            cfg.theme_base = match value.get_ref().as_str() {
                "auto" => ThemeBase::Auto,
                "dark" => ThemeBase::Dark,
                "light" => ThemeBase::Light,
                other => {
                    return Err(err(
                        Some(value.span()),
                        format!("theme = {other:?}: use \"auto\", \"dark\" or \"light\""),
                    ));
                }
            };
            continue;
        }
        let Some(&(name, _)) = COLOR_ROLES.iter().find(|(r, _)| r == role.get_ref()) else {
            let known: Vec<&str> = COLOR_ROLES.iter().map(|(r, _)| *r).collect();
            return Err(err(
                Some(role.span()),
                format!("unknown colour {:?} in [colors] (known: theme, {})", role.get_ref(), known.join(", ")),
            ));
        };
        let c = Color::parse(value.get_ref()).map_err(|m| err(Some(value.span()), m))?;
        cfg.colors.push((name, c));
    }
    cfg.theme_base = cfg.theme_base.resolve(colorfgbg);
    let mut claimed: BTreeMap<Key, &str> = BTreeMap::new();
    let mut bindings: Vec<_> = raw.keys.iter().collect();
    bindings.sort_by_key(|(action, _)| action.span().start);
    for (action, keys) in bindings {
        let Some(name) = action_names().find(|n| n == action.get_ref()) else {
            return Err(err(
                Some(action.span()),
                format!(
                    "unknown action {:?} in [keys] (known: {})",
                    action.get_ref(),
                    action_names().collect::<Vec<_>>().join(", ")
                ),
            ));
        };
        let not_keys = || {
            err(Some(keys.span()), format!("{name} = …: expected a key (\"j\") or a list of keys ([\"j\", \"down\"])"))
        };
        let list: Vec<&str> = match keys.get_ref() {
            toml::Value::String(k) => vec![k.as_str()],
            toml::Value::Array(ks) => ks.iter().map(|k| k.as_str().ok_or_else(not_keys)).collect::<Result<_, _>>()?,
            _ => return Err(not_keys()),
        };
        if list.is_empty() {
            return Err(err(
                Some(keys.span()),
                format!("{name} = []: every action needs a key (delete the line to keep the defaults)"),
            ));
        }
        let mut parsed = Vec::new();
        for k in list {
            let key = Key::parse(k).map_err(|m| err(Some(keys.span()), m))?;
            if Key::parse(ALWAYS_QUITS).ok() == Some(key) && name != "quit" {
                return Err(err(
                    Some(keys.span()),
                    format!("key \"{key}\" always quits; it cannot be bound to {name}"),
                ));
            }
            if let Some(other) = claimed.insert(key, name)
                && other != name
            {
                return Err(err(Some(keys.span()), format!("key \"{key}\" is bound to both {other} and {name}")));
            }
            if !parsed.contains(&key) {
                parsed.push(key);
            }
        }
        cfg.keys.rebind(name, parsed);
    }
    Ok(cfg)
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

/// `$LVREAD_CONFIG_DIR/config.toml` when that is set and non-empty, else the
/// platform's config directory (`$XDG_CONFIG_HOME/lvread/config.toml` on Linux).
pub fn default_path() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join(CONFIG_FILE));
    }
    directories::ProjectDirs::from("", "", "lvread").map(|p| p.config_dir().join(CONFIG_FILE))
}

/// True when `NO_COLOR` is set to something non-empty (<https://no-color.org>).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Loads the config at `path` (a missing file gives the defaults). On any
/// mistake returns the defaults and the error to show. `no_color` turns colours off.
pub fn load_from(path: &Path, colorfgbg: Option<&str>, no_color: bool) -> (Config, Option<ConfigError>) {
    let shown = path.display().to_string();
    let (cfg, error) = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => match parse(&text, &shown, colorfgbg) {
                Ok(c) => (c, None),
                Err(e) => (parse("", &shown, colorfgbg).unwrap_or_default(), Some(e)),
            },
            Err(_) => (
                parse("", &shown, colorfgbg).unwrap_or_default(),
                Some(ConfigError {
                    path: shown,
                    line: None,
                    message: "not UTF-8 text; using the defaults".to_string(),
                }),
            ),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (parse("", &shown, colorfgbg).unwrap_or_default(), None),
        Err(e) => (
            parse("", &shown, colorfgbg).unwrap_or_default(),
            Some(ConfigError { path: shown, line: None, message: format!("cannot read: {e}; using the defaults") }),
        ),
    };
    (if no_color { cfg.without_color() } else { cfg }, error)
}

/// Loads the config from [`default_path`], honouring `COLORFGBG` and `NO_COLOR`.
pub fn load() -> (Config, Option<ConfigError>) {
    let fgbg = std::env::var("COLORFGBG").ok();
    let no_color = no_color_requested();
    match default_path() {
        Some(p) => load_from(&p, fgbg.as_deref(), no_color),
        None => {
            let c = parse("", "config", fgbg.as_deref()).unwrap_or_default();
            (if no_color { c.without_color() } else { c }, None)
        }
    }
}

/// The defaults as a commented TOML file (`lvread --print-config`); it
/// parses back to [`Config::default`].
pub fn default_toml() -> String {
    let mut s = String::new();
    let path = default_path()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "lvread/config.toml in your config directory".to_string());
    s.push_str("# lvread configuration: the defaults.\n");
    s.push_str(&format!("# Save as {path}\n"));
    s.push_str("# (or in $LVREAD_CONFIG_DIR) and change what you like; anything left out\n");
    s.push_str("# keeps its default. A mistake is reported with its line and lvread\n");
    s.push_str("# then starts with the defaults. NO_COLOR=1 turns colours off.\n\n");
    s.push_str("# Widest body line, in Han characters (two columns each); 0 = the pane's width.\n");
    s.push_str(&format!("max_width = {DEFAULT_MAX_WIDTH}\n\n"));
    s.push_str("# Chinese line breaking: \"strict\" (no line starts with closing or ends\n");
    s.push_str("# with opening punctuation; numbers and Latin words stay whole) or\n");
    s.push_str("# \"loose\" (break wherever the width is reached).\n");
    s.push_str(&format!("line_break = \"{}\"\n\n", LineBreak::default().name()));
    s.push_str("[colors]\n");
    s.push_str("# \"auto\" (dark unless $COLORFGBG says the background is light), \"dark\" or \"light\".\n");
    s.push_str("theme = \"auto\"\n");
    s.push_str("# Override single colours: role = a name (default, black, red, green,\n");
    s.push_str("# yellow, blue, magenta, cyan, gray, dark-gray, light-red, light-green,\n");
    s.push_str("# light-yellow, light-blue, light-magenta, light-cyan, white), \"#rrggbb\"\n");
    s.push_str("# or \"0\"-\"255\". For example:\n");
    s.push_str("# headline = \"light-yellow\"\n");
    s.push_str("# The roles:\n");
    for (role, doc) in COLOR_ROLES {
        s.push_str(&format!("#   {role:<16} {doc}\n"));
    }
    s.push_str("\n[keys]\n");
    s.push_str("# action = [\"key\", …]: a binding replaces that action's default keys.\n");
    s.push_str("# Every action needs at least one key; Ctrl-c always quits.\n");
    s.push_str("# Keys: a character (\"j\", \"G\", \"/\"), a name (enter, esc, tab, shift-tab,\n");
    s.push_str("# backspace, delete, insert, home, end, pageup, pagedown, up, down, left,\n");
    s.push_str("# right, space, f1…f24), optionally with ctrl- or alt- (\"ctrl-d\").\n");
    let keymap = Keymap::default();
    for (name, doc, _) in ACTIONS {
        let keys: Vec<String> = keymap.keys(name).iter().map(|k| toml_string(&k.to_string())).collect();
        let line = format!("{name} = [{}]", keys.join(", "));
        s.push_str(&format!("{line:<40} # {doc}\n"));
    }
    s
}

/// A TOML basic string literal.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
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
        assert_eq!(Config::default().keys.action(&Key::parse("j").unwrap()), Some("down"));
        assert_eq!(Config::default().max_columns(), Some(80));
    }

    #[test]
    fn printed_defaults_parse_back_to_the_defaults() {
        let text = default_toml();
        assert!(text.lines().filter(|l| l.starts_with('#')).count() > 10, "commented");
        assert_eq!(parse_ok(&text), Config::default());
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
        for (name, _, keys) in ACTIONS {
            for k in *keys {
                let key = Key::parse(k).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(Key::parse(&key.to_string()), Ok(key), "display round-trips");
                assert!(seen.insert(key, *name).is_none(), "{k} bound twice");
            }
        }
    }

    #[test]
    fn key_strings() {
        let k = |s: &str| Key::parse(s).unwrap();
        assert_eq!(k("ctrl-d"), Key { code: KeyCode::Char('d'), ctrl: true, alt: false });
        assert_eq!(k("C-d"), k("ctrl-d"));
        assert_eq!(k("Ctrl+D"), Key { code: KeyCode::Char('D'), ctrl: true, alt: false });
        assert_eq!(k("shift-tab"), Key::plain(KeyCode::BackTab));
        assert_eq!(k("shift-g"), k("G"));
        assert!(k("alt-x").alt);
        assert_eq!(k("space"), Key::plain(KeyCode::Char(' ')));
        assert_eq!(k("PgDn"), Key::plain(KeyCode::PageDown));
        assert_eq!(k("f12"), Key::plain(KeyCode::F(12)));
        assert_eq!(k("-"), Key::plain(KeyCode::Char('-')));
        assert_eq!(k("c"), Key::plain(KeyCode::Char('c')), "a lone c is the letter");
        assert_eq!(k("翻"), Key::plain(KeyCode::Char('翻')));
        for bad in ["", "ctrl-", "f0", "f99", "nope", "shift-1", "\u{7}"] {
            assert!(Key::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn colours() {
        assert_eq!(Color::parse("light-blue"), Ok(Color::LightBlue));
        assert_eq!(Color::parse("LightBlue"), Ok(Color::LightBlue));
        assert_eq!(Color::parse("dark_grey"), Ok(Color::DarkGray));
        assert_eq!(Color::parse("#FF8000"), Ok(Color::Rgb(255, 128, 0)));
        assert_eq!(Color::parse("208"), Ok(Color::Indexed(208)));
        assert!(Color::parse("#12345").is_err());
        assert!(Color::parse("256").is_err());
        assert!(Color::parse("purplish").is_err());
        for c in [Color::Reset, Color::DarkGray, Color::LightCyan, Color::Indexed(17), Color::Rgb(1, 2, 255)] {
            assert_eq!(Color::parse(&c.to_string()), Ok(c), "{c}");
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
        assert_eq!(c.keys.action(&key("n")), Some("down"));
        assert_eq!(c.keys.action(&key("ctrl-n")), Some("down"));
        assert_eq!(c.keys.action(&key("j")), None, "a binding replaces the defaults");
        assert_eq!(c.keys.action(&key("x")), Some("quit"));
        assert_eq!(c.keys.action(&key("q")), None);
        assert_eq!(c.keys.action(&key("k")), Some("up"), "others keep theirs");
    }

    #[test]
    fn rebinding_a_default_key_takes_it_from_its_old_action() {
        let c = parse_ok("[keys]\nsearch = [\"/\", \"s\"]\nmark_unread = \"b\"\n");
        let key = |s| Key::parse(s).unwrap();
        assert_eq!(c.keys.action(&key("b")), Some("mark_unread"));
        assert_eq!(c.keys.keys("page_up"), &[key("pageup")]);
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
        assert_eq!(c.keys.action(&Key::parse("ctrl-c").unwrap()), Some("quit"));
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
        assert_eq!((c, e), (Config::default(), None), "no file: defaults, no message");
        std::fs::write(&path, "max_width = 30\n").unwrap();
        assert_eq!(load_from(&path, None, false).0.max_width, 30);
        std::fs::write(&path, "max_width = 30\nfoo = 1\n").unwrap();
        let (c, e) = load_from(&path, None, false);
        assert_eq!(c, Config::default(), "a mistake gives the defaults");
        let e = e.unwrap();
        assert_eq!(e.line, Some(2));
        assert!(e.to_string().contains(&path.display().to_string()));
        std::fs::write(&path, b"max_width = 30\n\xff\n").unwrap();
        assert!(load_from(&path, None, false).1.unwrap().message.contains("UTF-8"));
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
