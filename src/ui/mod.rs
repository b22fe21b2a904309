//! The reader (ratatui + crossterm). The only module that knows ratatui.
//!
//! Elm style: [`keys`] turns terminal events into [`action::Action`]s,
//! [`update`] applies them to the [`app::App`] and returns
//! [`effect::Effect`]s (a search to run, a mark to save) that the event loop
//! carries out, and [`view`] draws the state (pure functions, testable on
//! ratatui's `TestBackend`). [`terminal`] owns the real terminal: set-up,
//! restore, panic hook, loop.
//!
//! Extending:
//! - a new key command: add an [`Action`] variant, its line (name, default
//!   keys, what it does) in `assets/config.toml`, and its effect in
//!   [`update::update`]; the help and `--print-config` follow;
//! - a new mode that reads text (search): add a [`app::Mode`] variant,
//!   route its keys in [`keys::event_to_action`] (before the key map), and
//!   draw it from [`view::draw`];
//! - a new overlay: add an [`app::Overlay`] variant, its keys in
//!   `update::overlay_action`, its drawing in [`view::draw`];
//! - more pages: [`app::App::add_pages`] (the session feeds it from the
//!   loader pipeline, [`crate::archive::load_in_background`]); the
//!   selection and scroll stay on the article being read;
//! - state: [`app::App`] is the loaded issues plus sub-states, each with
//!   its own methods: [`navigation::Navigation`] (selection, focus, list
//!   scroll), [`reader::Reader`] (body scroll, zoom, highlights),
//!   [`app::Marks`], [`app::Status`], [`search_state::SearchState`],
//!   [`settings::Settings`];
//!   features change another's state through [`update`]
//!   ([`navigate::open_article`], [`navigate::scroll_to`], [`navigate::go_to`],
//!   [`navigate::return_to`] jump to a place: search results, bookmarks, the
//!   last position);
//! - reading state: [`app::Marks::read`] is a set of [`app::App::article_key`]s;
//!   a change is also an [`effect::Effect`] ([`app::App::emit`]), and so is a
//!   new position ([`effect::Effect::SavePosition`], from [`app::App::sync`]),
//!   that [`session::Session::apply`] saves;
//! - settings ([`app::App::settings`], set by [`settings::apply`]):
//!   [`settings::Settings::keymap`] ([`crate::config::Keymap::rebind`],
//!   [`crate::config::Key`], [`Action::from_name`]),
//!   [`settings::Settings::theme`] ([`theme::Theme::plain`] for `NO_COLOR`) and
//!   [`settings::Settings::max_body_width`];
//! - overlays: [`app::Overlay`] (help, bookmarks, the message log);
//! - search highlights: [`reader::Reader::highlights`] (byte ranges per article part).

pub mod app;
pub mod as_loaded;
pub mod clipboard;
pub mod effect;
pub mod fragments;
pub mod geometry;
pub mod input;
pub mod keys;
pub mod marks;
pub mod navigate;
pub mod navigation;
pub mod reader;
pub mod search_driver;
pub mod search_state;
pub mod search_update;
pub mod session;
pub mod settings;
pub mod signals;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod titles;
pub mod update;
pub mod view;

pub use crate::action::{self, Action};
pub use app::{App, Pane};
pub use terminal::run;
