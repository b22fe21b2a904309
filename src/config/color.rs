//! Colours as written in the config file, the presets and the colour roles.

/// A terminal colour: ratatui's (the 16 named ones, the 256 palette, or RGB).
pub use ratatui::style::Color;

/// Parses a colour of the `[colors]` table with ratatui's own parser (a
/// name such as `light-blue`, `LightBlue` or `dark_grey`, `#rrggbb`, or a
/// palette index `0`–`255`); `default` and `none` are the terminal's own
/// colour.
pub fn parse_color(s: &str) -> Result<Color, String> {
    let t = s.trim();
    if t.eq_ignore_ascii_case("default") || t.eq_ignore_ascii_case("none") {
        return Ok(Color::Reset);
    }
    t.parse::<Color>()
        .map_err(|_| format!("unknown colour {s:?} (use a name like \"light-blue\", \"#rrggbb\" or a number 0-255)"))
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
    ("subheading", "subheadings inside an article (always bold)"),
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
