//! The styles the views use, in one place so a configuration can change them.

use ratatui::style::{Color, Modifier, Style};

/// Every style the reader draws with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// Borders of unfocused panes.
    pub border: Style,
    /// Border of the focused pane.
    pub border_focused: Style,
    /// Pane titles.
    pub pane_title: Style,
    /// The selected row of the focused list.
    pub selected: Style,
    /// The selected row of an unfocused list.
    pub selected_unfocused: Style,
    /// Issue dates.
    pub date: Style,
    /// The mark of an inferred date or title (`~`).
    pub inferred: Style,
    /// Article counts and other figures in lists.
    pub count: Style,
    /// Kind markers (图, 漫, 告, 评, 续).
    pub kind_marker: Style,
    /// The unread marker in the article list.
    pub unread_marker: Style,
    /// The bookmark mark in the article list.
    pub bookmark: Style,
    /// The loading progress bar in the status line.
    pub progress: Style,
    /// Titles of articles already read.
    pub read_title: Style,
    /// Titles made from the body (no printed headline).
    pub fallback_title: Style,
    /// 引题.
    pub kicker: Style,
    /// The headline in the body.
    pub headline: Style,
    /// 副题.
    pub subtitle: Style,
    /// The byline.
    pub byline: Style,
    /// Paragraph text.
    pub paragraph: Style,
    /// Subheadings (小标题) inside an article's body.
    pub subheading: Style,
    /// Photo captions.
    pub caption: Style,
    /// The keyword line.
    pub keywords: Style,
    /// Search matches in the body and lists.
    pub highlight: Style,
    /// The status bar.
    pub status: Style,
    /// Key names in the status bar and help.
    pub key: Style,
    /// Messages (load errors, warnings) in the status bar.
    pub message: Style,
    /// The scrollbar thumb.
    pub scrollbar: Style,
    /// Placeholder text ("no articles").
    pub dim: Style,
}

impl Default for Theme {
    /// Colours that read well on dark and light terminals (named ANSI colours only).
    fn default() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan),
            pane_title: Style::new().add_modifier(bold),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            selected_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
            date: Style::new().fg(Color::Cyan),
            inferred: Style::new().fg(Color::Yellow),
            count: Style::new().fg(Color::DarkGray),
            kind_marker: Style::new().fg(Color::Magenta),
            unread_marker: Style::new().fg(Color::Green).add_modifier(bold),
            bookmark: Style::new().fg(Color::Magenta).add_modifier(bold),
            progress: Style::new().fg(Color::Green).add_modifier(Modifier::REVERSED),
            read_title: Style::new().add_modifier(Modifier::DIM),
            fallback_title: Style::new().add_modifier(Modifier::ITALIC),
            kicker: Style::new().fg(Color::Blue),
            headline: Style::new().add_modifier(bold),
            subtitle: Style::new().fg(Color::Blue),
            byline: Style::new().add_modifier(Modifier::ITALIC),
            paragraph: Style::new(),
            subheading: Style::new().fg(Color::Cyan).add_modifier(bold),
            caption: Style::new().fg(Color::Magenta).add_modifier(Modifier::ITALIC),
            keywords: Style::new().fg(Color::DarkGray),
            highlight: Style::new().fg(Color::Black).bg(Color::Yellow),
            status: Style::new().add_modifier(Modifier::REVERSED),
            key: Style::new().add_modifier(bold),
            message: Style::new().fg(Color::Red).add_modifier(bold),
            scrollbar: Style::new().fg(Color::Cyan),
            dim: Style::new().add_modifier(Modifier::DIM),
        }
    }
}

impl Theme {
    /// No colours at all (for `NO_COLOR`): selection, headlines and
    /// highlights are still marked by reverse video, bold and underline.
    pub fn plain() -> Theme {
        let strip = |s: Style| Style { fg: None, bg: None, underline_color: None, ..s };
        let d = Theme::default();
        Theme {
            border: strip(d.border),
            border_focused: strip(d.border_focused).add_modifier(Modifier::BOLD),
            pane_title: strip(d.pane_title),
            selected: strip(d.selected),
            selected_unfocused: strip(d.selected_unfocused),
            date: strip(d.date),
            inferred: strip(d.inferred),
            count: strip(d.count),
            kind_marker: strip(d.kind_marker),
            unread_marker: strip(d.unread_marker),
            bookmark: strip(d.bookmark),
            progress: strip(d.progress),
            read_title: strip(d.read_title),
            fallback_title: strip(d.fallback_title),
            kicker: strip(d.kicker),
            headline: strip(d.headline),
            subtitle: strip(d.subtitle),
            byline: strip(d.byline),
            paragraph: strip(d.paragraph),
            subheading: strip(d.subheading),
            caption: strip(d.caption),
            keywords: strip(d.keywords),
            highlight: Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
            status: strip(d.status),
            key: strip(d.key),
            message: strip(d.message),
            scrollbar: strip(d.scrollbar),
            dim: strip(d.dim),
        }
    }
}
