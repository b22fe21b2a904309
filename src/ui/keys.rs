//! Terminal events → [`Action`]: crossterm's keys become the config's
//! [`Key`]s, looked up in the [`Keymap`]; the mouse and resizes become their
//! own actions. Also how keys are shown on the screen (`Ctrl-d`, `↓`, `PgDn`).

use super::app::{App, Mode};
use crate::action::Action;
use crate::config::{Key, KeyCode as K, Keymap};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};

/// The config [`Key`] of a key event (Shift is part of the character or of
/// `BackTab`; with Ctrl a letter is lower case). None for keys the config
/// cannot name (media keys, modifiers alone, Shift with a non-character key).
pub fn key_of(k: &KeyEvent) -> Option<Key> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let alt = k.modifiers.contains(KeyModifiers::ALT);
    let code = match k.code {
        KeyCode::Char(c) if ctrl => K::Char(c.to_ascii_lowercase()),
        KeyCode::Char(c) => K::Char(c),
        KeyCode::Enter => K::Enter,
        KeyCode::Esc => K::Esc,
        KeyCode::Tab if k.modifiers.contains(KeyModifiers::SHIFT) => K::BackTab,
        KeyCode::Tab => K::Tab,
        KeyCode::BackTab => K::BackTab,
        KeyCode::Backspace => K::Backspace,
        KeyCode::Delete => K::Delete,
        KeyCode::Insert => K::Insert,
        KeyCode::Home => K::Home,
        KeyCode::End => K::End,
        KeyCode::PageUp => K::PageUp,
        KeyCode::PageDown => K::PageDown,
        KeyCode::Up => K::Up,
        KeyCode::Down => K::Down,
        KeyCode::Left => K::Left,
        KeyCode::Right => K::Right,
        KeyCode::F(n) => K::F(n),
        _ => return None,
    };
    // Shift with any other key (Shift-↑) is a key no binding can name.
    if k.modifiers.contains(KeyModifiers::SHIFT)
        && !matches!(k.code, KeyCode::Char(_) | KeyCode::BackTab | KeyCode::Tab)
    {
        return None;
    }
    Some(Key { code, ctrl, alt })
}

/// A key as the screen shows it: `Ctrl-d`, `G`, `Space`, `↓`, `PgDn`.
pub fn label(key: &Key) -> String {
    let mut s = String::new();
    if key.ctrl {
        s.push_str("Ctrl-");
    }
    if key.alt {
        s.push_str("Alt-");
    }
    match key.code {
        K::Char(' ') => s.push_str("Space"),
        K::Char(c) => s.push(c),
        K::Enter => s.push_str("Enter"),
        K::Esc => s.push_str("Esc"),
        K::Tab => s.push_str("Tab"),
        K::BackTab => s.push_str("Shift-Tab"),
        K::Up => s.push('↑'),
        K::Down => s.push('↓'),
        K::Left => s.push('←'),
        K::Right => s.push('→'),
        K::Home => s.push_str("Home"),
        K::End => s.push_str("End"),
        K::PageUp => s.push_str("PgUp"),
        K::PageDown => s.push_str("PgDn"),
        K::Backspace => s.push_str("Backspace"),
        K::Delete => s.push_str("Del"),
        K::Insert => s.push_str("Ins"),
        K::F(n) => s.push_str(&format!("F{n}")),
    }
    s
}

/// The keys of an action as the help shows them, e.g. `j/↓`.
pub fn keys_label(keymap: &Keymap, action: Action) -> String {
    keymap.keys(action).iter().map(label).collect::<Vec<_>>().join("/")
}

/// Ctrl-c, which always quits.
fn ctrl_c() -> Key {
    Key { code: K::Char('c'), ctrl: true, alt: false }
}

/// Makes sure Ctrl-c is among the quit keys (and so in the help), whatever
/// the settings say: the config refuses it for any other action.
pub fn with_ctrl_c(mut keymap: Keymap) -> Keymap {
    if keymap.action(&ctrl_c()) != Some(Action::Quit) {
        let mut quit = keymap.keys(Action::Quit).to_vec();
        quit.push(ctrl_c());
        keymap.rebind(Action::Quit, quit);
    }
    keymap
}

/// Turns a terminal event into an action for the app's current mode. Modes
/// that read text (search) add an arm here that turns their keys into
/// their own actions before the key map is consulted.
pub fn event_to_action(app: &App, event: &Event) -> Option<Action> {
    match app.mode {
        Mode::Normal => translate(&app.settings.keymap, event),
        Mode::Search => super::search_update::translate(event),
    }
}

/// Turns a terminal event into an action with the given bindings. Only key
/// presses count (release and repeat events are ignored); the mouse wheel
/// and left clicks become [`Action::Wheel`] / [`Action::Click`].
pub fn translate(keymap: &Keymap, event: &Event) -> Option<Action> {
    match event {
        Event::Key(k) if k.kind == KeyEventKind::Press => match key_of(k)? {
            // Ctrl-c always quits, whatever the bindings say.
            key if key == ctrl_c() => Some(Action::Interrupt),
            key => keymap.action(&key),
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
        let m = Keymap::default();
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
            Some(Action::Interrupt)
        );
        assert_eq!(
            translate(&m, &key(KeyCode::Char('d'), KeyModifiers::CONTROL, KeyEventKind::Press)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(translate(&m, &key(KeyCode::Char('d'), KeyModifiers::NONE, KeyEventKind::Press)), None);
    }

    #[test]
    fn mouse_and_resize() {
        let m = Keymap::default();
        let me = |kind| Event::Mouse(MouseEvent { kind, column: 5, row: 7, modifiers: KeyModifiers::NONE });
        assert_eq!(translate(&m, &me(MouseEventKind::ScrollDown)), Some(Action::Wheel(5, 7, 3)));
        assert_eq!(translate(&m, &me(MouseEventKind::Down(MouseButton::Left))), Some(Action::Click(5, 7)));
        assert_eq!(translate(&m, &me(MouseEventKind::Moved)), None);
        assert_eq!(translate(&m, &Event::Resize(80, 24)), Some(Action::Resize(80, 24)));
    }

    #[test]
    fn bindings_can_be_replaced() {
        let k = |s: &str| s.parse::<Key>().unwrap();
        let mut m = Keymap::default();
        m.rebind(Action::Down, vec![k("ctrl-n"), k("k")]);
        assert_eq!(m.action(&k("ctrl-n")), Some(Action::Down));
        assert_eq!(m.action(&k("k")), Some(Action::Down), "k was taken from up");
        assert_eq!(m.action(&k("j")), None);
        assert_eq!(m.keys(Action::Up), &[k("up")]);
    }

    #[test]
    fn ctrl_c_quits_whatever_the_bindings() {
        let mut m = Keymap::default();
        m.rebind(Action::Quit, vec![]);
        m.rebind(Action::Down, vec![ctrl_c()]);
        assert_eq!(
            translate(&m, &key(KeyCode::Char('c'), KeyModifiers::CONTROL, KeyEventKind::Press)),
            Some(Action::Interrupt)
        );
        assert_eq!(
            translate(&m, &key(KeyCode::Char('C'), KeyModifiers::CONTROL | KeyModifiers::SHIFT, KeyEventKind::Press)),
            Some(Action::Interrupt)
        );
    }

    #[test]
    fn keys_are_shown_as_on_the_keyboard() {
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
            ("down", "↓"),
        ] {
            let k = s.parse::<Key>().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(label(&k), shown);
        }
        assert_eq!(keys_label(&Keymap::default(), Action::Down), "j/↓");
        let shift_tab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(key_of(&shift_tab), "shift-tab".parse().ok());
    }
}
