//! Applies the settings ([`crate::config`]) to the reader: key bindings,
//! colours (dark or light preset, the file's overrides, `NO_COLOR`) and the
//! widest body line.

use super::app::App;
use super::theme::Theme;
use crate::config::{self, Config, ThemeBase};
use ratatui::style::{Color, Style};

/// The settings in force in the reader: styles, key bindings and the
/// widest body line ([`apply`] sets them from the config file).
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Styles.
    pub theme: Theme,
    /// Key bindings.
    pub keymap: crate::config::Keymap,
    /// Maximum width of the body text in columns; the body is centred in wider panes.
    pub max_body_width: u16,
}

impl Default for Settings {
    /// The default theme and keys, a body at most
    /// [`super::app::DEFAULT_MAX_BODY_WIDTH`] columns wide.
    fn default() -> Settings {
        Settings {
            theme: Theme::default(),
            keymap: crate::config::Keymap::default(),
            max_body_width: super::app::DEFAULT_MAX_BODY_WIDTH,
        }
    }
}

/// The preset for light backgrounds: the default theme with the colours
/// that wash out on white (cyan, yellow, light grey) made darker.
pub fn light_theme() -> Theme {
    let mut t = Theme::default();
    let darker = |s: Style| -> Style {
        match s.fg {
            Some(Color::Cyan) | Some(Color::LightCyan) => s.fg(Color::Blue),
            Some(Color::Yellow) | Some(Color::LightYellow) => s.fg(Color::Magenta),
            Some(Color::Green) | Some(Color::LightGreen) => s.fg(Color::Green),
            Some(Color::DarkGray) => s.fg(Color::Gray),
            _ => s,
        }
    };
    for s in roles_mut(&mut t).into_iter().map(|(_, s)| s) {
        *s = darker(*s);
    }
    t
}

/// Every style of the theme by its config role name.
fn roles_mut(t: &mut Theme) -> Vec<(&'static str, &mut Style)> {
    vec![
        ("border", &mut t.border),
        ("border_focused", &mut t.border_focused),
        ("pane_title", &mut t.pane_title),
        ("date", &mut t.date),
        ("inferred", &mut t.inferred),
        ("count", &mut t.count),
        ("kind_marker", &mut t.kind_marker),
        ("unread_marker", &mut t.unread_marker),
        ("bookmark", &mut t.bookmark),
        ("read_title", &mut t.read_title),
        ("fallback_title", &mut t.fallback_title),
        ("kicker", &mut t.kicker),
        ("headline", &mut t.headline),
        ("subtitle", &mut t.subtitle),
        ("byline", &mut t.byline),
        ("paragraph", &mut t.paragraph),
        ("subheading", &mut t.subheading),
        ("caption", &mut t.caption),
        ("keywords", &mut t.keywords),
        ("highlight", &mut t.highlight),
        ("status", &mut t.status),
        ("key", &mut t.key),
        ("message", &mut t.message),
        ("progress", &mut t.progress),
        ("scrollbar", &mut t.scrollbar),
        ("dim", &mut t.dim),
    ]
}

/// The theme the settings describe.
pub fn theme(cfg: &Config) -> Theme {
    if !cfg.color {
        return Theme::plain();
    }
    let mut t = match cfg.theme_base {
        ThemeBase::Light => light_theme(),
        _ => Theme::default(),
    };
    for (role, c) in &cfg.colors {
        if let Some((_, s)) = roles_mut(&mut t).into_iter().find(|(r, _)| r == role) {
            *s = s.fg(*c);
        }
    }
    t
}

/// Applies the settings to the reader.
pub fn apply(app: &mut App, cfg: &Config) {
    app.settings.keymap = super::keys::with_ctrl_c(cfg.keys.clone());
    app.settings.theme = theme(cfg);
    app.settings.max_body_width = cfg.max_columns().unwrap_or(u16::MAX);
    app.layouts.set_breaking(match cfg.line_break {
        config::LineBreak::Strict => crate::layout::Breaking::Strict,
        config::LineBreak::Loose => crate::layout::Breaking::Loose,
    });
    app.sync();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;

    #[test]
    fn the_default_theme_is_the_readers() {
        assert_eq!(theme(&Config::default()), Theme::default());
    }

    #[test]
    fn every_colour_role_is_a_theme_style() {
        let mut t = Theme::default();
        let names: Vec<&str> = roles_mut(&mut t).into_iter().map(|(n, _)| n).collect();
        for (role, _) in config::COLOR_ROLES {
            assert!(names.contains(role), "{role} has no style");
        }
    }

    #[test]
    fn ctrl_c_still_quits_when_quit_is_rebound() {
        let cfg = config::parse("[keys]\nquit = \"x\"\n", "c", None).unwrap();
        let mut app = App::new(Vec::new(), (80, 24));
        apply(&mut app, &cfg);
        let key = |s: &str| s.parse::<config::Key>().unwrap();
        assert_eq!(app.settings.keymap.action(&key("x")), Some(Action::Quit));
        assert_eq!(app.settings.keymap.action(&key("q")), None);
        assert_eq!(app.settings.keymap.action(&key("ctrl-c")), Some(Action::Quit), "listed in the help too");
    }

    #[test]
    fn settings_change_keys_colours_and_width() {
        let cfg = config::parse("max_width = 30\n[colors]\nheadline = \"#ff0000\"\n[keys]\ndown = \"n\"\n", "c", None)
            .unwrap();
        let key = |s: &str| s.parse::<config::Key>().unwrap();
        assert_eq!(cfg.keys.action(&key("n")), Some(Action::Down));
        assert_eq!(cfg.keys.action(&key("j")), None);
        assert_eq!(cfg.keys.action(&key("ctrl-d")), Some(Action::HalfPageDown));
        let t = theme(&cfg);
        assert_eq!(t.headline.fg, Some(Color::Rgb(255, 0, 0)));
        assert!(t.headline.add_modifier.contains(ratatui::style::Modifier::BOLD), "headlines stay bold");
        assert_eq!(cfg.max_columns(), Some(60));
        let light = theme(&config::parse("[colors]\ntheme = \"light\"\n", "c", None).unwrap());
        assert_ne!(light, Theme::default());
        assert!(roles_mut(&mut light.clone()).iter().all(|(_, s)| !matches!(s.fg, Some(Color::Yellow | Color::Cyan))));
    }

    #[test]
    fn no_color_keeps_reverse_and_bold() {
        let t = theme(&Config::default().without_color());
        assert_eq!(t, Theme::plain());
        assert!(t.selected.add_modifier.contains(ratatui::style::Modifier::REVERSED));
        assert!(t.headline.add_modifier.contains(ratatui::style::Modifier::BOLD));
        let mut t2 = t.clone();
        assert!(roles_mut(&mut t2).iter().all(|(_, s)| s.fg.is_none() && s.bg.is_none()));
    }

    #[test]
    fn loose_breaking_fills_lines_and_strict_keeps_the_rules() {
        use crate::layout::{Breaking, str_width, wrap_with};
        let text = "吕梁市召开会议，部署冬季安全生产工作。会议强调，要压实责任，确保群众温暖过冬。2023年投资1.4亿元。";
        for width in 1..60 {
            let lines = wrap_with(text, width, true, Breaking::Loose);
            let joined: String = lines.iter().map(|l| &text[l.range.clone()]).collect();
            assert_eq!(joined, text, "nothing lost at {width}");
            for (k, l) in lines.iter().enumerate() {
                assert!(l.width <= width || text[l.range.clone()].chars().count() == 1, "too wide at {width}");
                // A line ends only when the next character (≤ 2 columns) does not fit.
                if k + 1 < lines.len() {
                    assert!(l.width + 2 > width, "line {k} not full at {width}: {}", l.width);
                }
            }
        }
        // At 12 columns: loose fills every line; strict never starts one with `，` or `。`.
        let strict = wrap_with(text, 12, false, Breaking::Strict);
        let loose = wrap_with(text, 12, false, Breaking::Loose);
        assert_ne!(strict, loose);
        assert!(strict.iter().all(|l| !text[l.range.clone()].starts_with(['，', '。'])));
        assert!(loose.iter().any(|l| text[l.range.clone()].starts_with(['，', '。'])), "loose ignores the rules");
        assert!(loose[..loose.len() - 1].iter().all(|l| str_width(&text[l.range.clone()]) >= 11));
        let cfg = config::parse("line_break = \"loose\"\n", "c", None).unwrap();
        let mut app = App::new(Vec::new(), (80, 24));
        apply(&mut app, &cfg);
        assert_eq!(app.layouts.breaking(), Breaking::Loose);
    }
}
