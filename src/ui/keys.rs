//! Keys and mouse → [`Action`]. Key bindings are data (a table of
//! [`KeySpec`] → [`Action`]), so a configuration can replace them.

use super::action::Action;
use super::app::{App, Mode};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};
use std::fmt;

/// A key with its modifiers, e.g. `ctrl-d`, `G`, `pgdn`, `shift-tab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    /// The key.
    pub code: KeyCode,
    /// Control and Alt (Shift is part of the character for printable keys).
    pub mods: KeyModifiers,
}

impl KeySpec {
    /// A key without modifiers.
    pub const fn plain(code: KeyCode) -> KeySpec {
        KeySpec { code, mods: KeyModifiers::NONE }
    }

    /// A character key without modifiers.
    pub const fn ch(c: char) -> KeySpec {
        KeySpec::plain(KeyCode::Char(c))
    }

    /// Control and a character.
    pub const fn ctrl(c: char) -> KeySpec {
        KeySpec { code: KeyCode::Char(c), mods: KeyModifiers::CONTROL }
    }

    /// The spec of a key event, normalised so that it compares equal to the
    /// table's entries (Shift dropped from characters, `BackTab` without Shift).
    pub fn from_event(k: &KeyEvent) -> KeySpec {
        let mut mods = k.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(k.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        let code = match k.code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => KeyCode::Char(c.to_ascii_lowercase()),
            c => c,
        };
        KeySpec { code, mods }
    }

    /// Parses `j`, `G`, `?`, `space`, `enter`, `esc`, `tab`, `shift-tab`,
    /// `up`, `down`, `left`, `right`, `home`, `end`, `pgup`, `pgdn`,
    /// `backspace`, `f1`…`f12`, with `ctrl-` / `alt-` prefixes.
    pub fn parse(s: &str) -> Option<KeySpec> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && (lower.starts_with("ctrl-") || lower.starts_with("c-")) {
                mods |= KeyModifiers::CONTROL;
                rest = &rest[rest.find('-')? + 1..];
            } else if rest.chars().count() > 1 && (lower.starts_with("alt-") || lower.starts_with("m-")) {
                mods |= KeyModifiers::ALT;
                rest = &rest[rest.find('-')? + 1..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) { c.to_ascii_lowercase() } else { c })
            }
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "shift-tab" | "backtab" => KeyCode::BackTab,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" => KeyCode::Insert,
                f if f.starts_with('f') => KeyCode::F(f[1..].parse().ok().filter(|n| (1..=24).contains(n))?),
                _ => return None,
            },
        };
        Some(KeySpec { code, mods })
    }
}

impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The key bindings: an ordered table of (key, action).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    /// Bindings in help order; the first match wins.
    pub bindings: Vec<(KeySpec, Action)>,
}

/// The default bindings (vim keys and arrows).
pub const DEFAULT_BINDINGS: &[(KeySpec, Action)] = &[
    (KeySpec::ch('j'), Action::Down),
    (KeySpec::plain(KeyCode::Down), Action::Down),
    (KeySpec::ch('k'), Action::Up),
    (KeySpec::plain(KeyCode::Up), Action::Up),
    (KeySpec::ch('h'), Action::FocusLeft),
    (KeySpec::plain(KeyCode::Left), Action::FocusLeft),
    (KeySpec::ch('l'), Action::FocusRight),
    (KeySpec::plain(KeyCode::Right), Action::FocusRight),
    (KeySpec::plain(KeyCode::Tab), Action::FocusNext),
    (KeySpec::plain(KeyCode::BackTab), Action::FocusPrev),
    (KeySpec::plain(KeyCode::Enter), Action::Open),
    (KeySpec::ch('g'), Action::Top),
    (KeySpec::plain(KeyCode::Home), Action::Top),
    (KeySpec::ch('G'), Action::Bottom),
    (KeySpec::plain(KeyCode::End), Action::Bottom),
    (KeySpec::ctrl('d'), Action::HalfPageDown),
    (KeySpec::ctrl('u'), Action::HalfPageUp),
    (KeySpec::ch(' '), Action::PageDown),
    (KeySpec::plain(KeyCode::PageDown), Action::PageDown),
    (KeySpec::ch('b'), Action::PageUp),
    (KeySpec::plain(KeyCode::PageUp), Action::PageUp),
    (KeySpec::ch('['), Action::PrevArticle),
    (KeySpec::ch(']'), Action::NextArticle),
    (KeySpec::ch('{'), Action::PrevIssue),
    (KeySpec::ch('}'), Action::NextIssue),
    (KeySpec::ch('z'), Action::Zoom),
    (KeySpec::ch('m'), Action::ToggleBookmark),
    (KeySpec::ch('\''), Action::Bookmarks),
    (KeySpec::ch('u'), Action::MarkUnread),
    (KeySpec::ch('R'), Action::MarkIssueRead),
    (KeySpec::ch('/'), Action::Search),
    (KeySpec::ch('n'), Action::NextMatch),
    (KeySpec::ch('N'), Action::PrevMatch),
    (KeySpec::ch('?'), Action::Help),
    (KeySpec::plain(KeyCode::Esc), Action::Back),
    (KeySpec::ch('q'), Action::Quit),
    (KeySpec::ctrl('c'), Action::Quit),
];

impl Default for KeyMap {
    fn default() -> KeyMap {
        KeyMap { bindings: DEFAULT_BINDINGS.to_vec() }
    }
}

impl KeyMap {
    /// The action bound to a key.
    pub fn lookup(&self, key: KeySpec) -> Option<Action> {
        self.bindings.iter().find(|(k, _)| *k == key).map(|&(_, a)| a)
    }

    /// The keys bound to an action, in table order.
    pub fn keys_for(&self, action: Action) -> Vec<KeySpec> {
        self.bindings.iter().filter(|(_, a)| *a == action).map(|&(k, _)| k).collect()
    }

    /// Replaces the keys of `action` (a configuration's `action = [keys]`);
    /// the keys are taken away from any other action.
    pub fn bind(&mut self, action: Action, keys: &[KeySpec]) {
        self.bindings.retain(|(k, a)| *a != action && !keys.contains(k));
        let at = self.bindings.len();
        self.bindings.splice(at..at, keys.iter().map(|&k| (k, action)));
    }

    /// A short "keys" label for an action, e.g. `j/↓`.
    pub fn label(&self, action: Action) -> String {
        self.keys_for(action).iter().map(|k| k.to_string()).collect::<Vec<_>>().join("/")
    }
}

/// Turns a terminal event into an action for the app's current mode. Modes
/// that read text (search) add an arm here that turns their keys into
/// their own actions before the key map is consulted.
pub fn event_to_action(app: &App, event: &Event) -> Option<Action> {
    match app.mode {
        Mode::Normal => translate(&app.keymap, event),
        Mode::Search => super::search_state::translate(event),
    }
}

/// Turns a terminal event into an action with the given bindings. Only key
/// presses count (release and repeat events are ignored); the mouse wheel
/// and left clicks become [`Action::Wheel`] / [`Action::Click`].
pub fn translate(keymap: &KeyMap, event: &Event) -> Option<Action> {
    match event {
        Event::Key(k) if k.kind == KeyEventKind::Press => match KeySpec::from_event(k) {
            // Ctrl-c always quits, whatever the bindings say.
            spec if spec == KeySpec::ctrl('c') => Some(Action::Quit),
            spec => keymap.lookup(spec),
        },
        Event::Key(_) => None,
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Wheel(m.column, m.row, 3)),
            MouseEventKind::ScrollUp => Some(Action::Wheel(m.column, m.row, -3)),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyEventState, MouseEvent};

    fn key(code: KeyCode, mods: KeyModifiers, kind: KeyEventKind) -> Event {
        Event::Key(KeyEvent { code, modifiers: mods, kind, state: KeyEventState::NONE })
    }

    #[test]
    fn presses_map_to_actions_and_releases_are_ignored() {
        let m = KeyMap::default();
        assert_eq!(
            translate(&m, &key(KeyCode::Char('j'), KeyModifiers::NONE, KeyEventKind::Press)),
            Some(Action::Down)
        );
        assert_eq!(translate(&m, &key(KeyCode::Char('j'), KeyModifiers::NONE, KeyEventKind::Release)), None);
        assert_eq!(translate(&m, &key(KeyCode::Char('j'), KeyModifiers::NONE, KeyEventKind::Repeat)), None);
        // Shift is part of the character.
        assert_eq!(
            translate(&m, &key(KeyCode::Char('G'), KeyModifiers::SHIFT, KeyEventKind::Press)),
            Some(Action::Bottom)
        );
        assert_eq!(
            translate(&m, &key(KeyCode::Char('?'), KeyModifiers::SHIFT, KeyEventKind::Press)),
            Some(Action::Help)
        );
        assert_eq!(
            translate(&m, &key(KeyCode::BackTab, KeyModifiers::SHIFT, KeyEventKind::Press)),
            Some(Action::FocusPrev)
        );
        assert_eq!(
            translate(&m, &key(KeyCode::Char('c'), KeyModifiers::CONTROL, KeyEventKind::Press)),
            Some(Action::Quit)
        );
        assert_eq!(
            translate(&m, &key(KeyCode::Char('d'), KeyModifiers::CONTROL, KeyEventKind::Press)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(translate(&m, &key(KeyCode::Char('d'), KeyModifiers::NONE, KeyEventKind::Press)), None);
    }

    #[test]
    fn mouse_and_resize() {
        let m = KeyMap::default();
        let me = |kind| Event::Mouse(MouseEvent { kind, column: 5, row: 7, modifiers: KeyModifiers::NONE });
        assert_eq!(translate(&m, &me(MouseEventKind::ScrollDown)), Some(Action::Wheel(5, 7, 3)));
        assert_eq!(translate(&m, &me(MouseEventKind::Down(MouseButton::Left))), Some(Action::Click(5, 7)));
        assert_eq!(translate(&m, &me(MouseEventKind::Moved)), None);
        assert_eq!(translate(&m, &Event::Resize(80, 24)), Some(Action::Resize(80, 24)));
    }

    #[test]
    fn bindings_can_be_replaced() {
        let mut m = KeyMap::default();
        m.bind(Action::Down, &[KeySpec::parse("ctrl-n").unwrap(), KeySpec::parse("k").unwrap()]);
        assert_eq!(m.lookup(KeySpec::ctrl('n')), Some(Action::Down));
        assert_eq!(m.lookup(KeySpec::ch('k')), Some(Action::Down), "k was taken from up");
        assert_eq!(m.lookup(KeySpec::ch('j')), None);
        assert_eq!(m.keys_for(Action::Up), vec![KeySpec::plain(KeyCode::Up)]);
    }

    #[test]
    fn ctrl_c_quits_whatever_the_bindings() {
        let mut m = KeyMap::default();
        m.bind(Action::Quit, &[]);
        m.bind(Action::Down, &[KeySpec::ctrl('c')]);
        assert_eq!(
            translate(&m, &key(KeyCode::Char('c'), KeyModifiers::CONTROL, KeyEventKind::Press)),
            Some(Action::Quit)
        );
        assert_eq!(
            translate(&m, &key(KeyCode::Char('C'), KeyModifiers::CONTROL | KeyModifiers::SHIFT, KeyEventKind::Press)),
            Some(Action::Quit)
        );
    }

    #[test]
    fn specs_parse_and_print() {
        for (s, shown) in [
            ("j", "j"),
            ("G", "G"),
            ("ctrl-d", "Ctrl-d"),
            ("C-u", "Ctrl-u"),
            ("space", "Space"),
            ("pgdn", "PgDn"),
            ("shift-tab", "Shift-Tab"),
            ("f5", "F5"),
            ("-", "-"),
        ] {
            let k = KeySpec::parse(s).unwrap_or_else(|| panic!("{s} does not parse"));
            assert_eq!(k.to_string(), shown);
        }
        assert_eq!(KeySpec::parse("ctrl-"), None);
        assert_eq!(KeySpec::parse("nonsense"), None);
        assert_eq!(KeySpec::parse("f99"), None);
    }
}
