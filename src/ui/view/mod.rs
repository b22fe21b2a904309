//! Drawing: pure functions of the state. Nothing here changes [`App`].

pub mod body;
pub mod bookmarks;
pub mod help;
pub mod lists;
pub mod messages;
pub mod search_view;
pub mod status;

use super::app::{App, Overlay, Pane};
use super::geometry;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, BorderType};

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let screen = geometry::screen_for(area, app.nav.focus(), app.reader.zoom(), app.settings.max_body_width);
    if let Some(r) = screen.issues {
        lists::draw_issues(frame, r, app);
    }
    if let Some(r) = screen.articles {
        lists::draw_articles(frame, r, app);
    }
    if let Some(r) = screen.body {
        body::draw_body(frame, r, app);
    }
    if let Some(r) = screen.status {
        status::draw_status(frame, r, app);
    }
    search_view::draw(frame, app, &screen);
    match app.overlay {
        Some(Overlay::Help(off)) => help::draw_help(frame, area, app, off),
        Some(Overlay::Bookmarks(sel)) => bookmarks::draw_bookmarks(frame, area, app, sel),
        Some(Overlay::Messages(off)) => messages::draw_messages(frame, area, app, off),
        None => {}
    }
}

/// A pane's bordered block, highlighted when focused.
pub(crate) fn pane_block<'a>(app: &App, pane: Pane, title: String) -> Block<'a> {
    let focused = app.nav.focus() == pane;
    let t = &app.settings.theme;
    Block::bordered()
        .border_type(if focused { BorderType::Thick } else { BorderType::Plain })
        .border_style(if focused { t.border_focused } else { t.border })
        .title(ratatui::text::Span::styled(title, t.pane_title))
}

/// Draws a bordered block only when the area can hold a border.
pub(crate) fn render_block(frame: &mut Frame, area: Rect, block: Block) {
    if area.width >= 2 && area.height >= 2 {
        frame.render_widget(block, area);
    }
}

/// A style for a selectable row.
pub(crate) fn row_style(app: &App, pane: Pane, selected: bool) -> Style {
    match (selected, app.nav.focus() == pane) {
        (true, true) => app.settings.theme.selected,
        (true, false) => app.settings.theme.selected_unfocused,
        _ => Style::new(),
    }
}
