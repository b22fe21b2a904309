//! Colours as written in the config file, the presets and the colour roles.

use std::fmt;

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
