//! Keys as written in the config file (`ctrl-d`, `G`, `pagedown`) and the
//! key map: which keys trigger which [`Action`].

use crate::action::Action;
use std::fmt;
use std::str::FromStr;

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
                if ctrl && shift && c.is_ascii_alphabetic() {
                    // A terminal sends the same byte for Ctrl-Shift-x and Ctrl-x.
                    return Err(format!(
                        "{s:?}: a terminal cannot tell ctrl-shift-{0} from ctrl-{0}; bind \"ctrl-{0}\" or another key",
                        c.to_ascii_lowercase()
                    ));
                }
                if ctrl && c.is_ascii_uppercase() {
                    // `Ctrl+D` is how menus write ctrl-d: the terminal sends one key.
                    KeyCode::Char(c.to_ascii_lowercase())
                } else if shift && c.is_ascii_lowercase() {
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

impl FromStr for Key {
    type Err = String;

    /// See [`Key::parse`].
    fn from_str(s: &str) -> Result<Key, String> {
        Key::parse(s)
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
    /// (action, its keys), in the order of `assets/config.toml`.
    bindings: Vec<(Action, Vec<Key>)>,
}

impl Default for Keymap {
    /// The default keys: the `[keys]` table of `assets/config.toml`.
    fn default() -> Keymap {
        super::Config::default().keys
    }
}

impl Keymap {
    /// No key bound to anything (the defaults are read onto it).
    pub(crate) fn empty() -> Keymap {
        Keymap { bindings: Vec::new() }
    }

    /// The action bound to a key, if any.
    pub fn action(&self, key: &Key) -> Option<Action> {
        self.bindings.iter().find(|(_, keys)| keys.contains(key)).map(|(a, _)| *a)
    }

    /// The keys bound to an action (empty for one without keys).
    pub fn keys(&self, action: Action) -> &[Key] {
        self.bindings.iter().find(|(a, _)| *a == action).map(|(_, k)| k.as_slice()).unwrap_or(&[])
    }

    /// Every (action, keys) pair, in the order of `assets/config.toml`.
    pub fn bindings(&self) -> impl Iterator<Item = (Action, &[Key])> {
        self.bindings.iter().map(|(a, k)| (*a, k.as_slice()))
    }

    /// Binds `keys` to `action`, replacing its keys (an action not bound
    /// yet goes last); another action that had one of these keys loses it.
    pub fn rebind(&mut self, action: Action, keys: Vec<Key>) {
        for (a, ks) in &mut self.bindings {
            if *a != action {
                ks.retain(|k| !keys.contains(k));
            }
        }
        match self.bindings.iter_mut().find(|(a, _)| *a == action) {
            Some((_, ks)) => *ks = keys,
            None => self.bindings.push((action, keys)),
        }
    }
}
