//! lvread: a terminal reader for Chinese newspaper pages.
//!
//! Data flows one way: files → [`loader`] (or the page [`cache`]) → [`model`]
//! → [`search`] / [`ui`].

pub mod action;
pub mod archive;
pub mod cache;
pub mod cli;
pub mod config;
pub mod export;
pub mod files;
pub mod layout;
pub mod loader;
pub mod memory;
pub mod model;
pub mod page_text;
pub mod pdf;
pub mod search;
pub mod store;
pub mod synth;
pub mod text;
pub mod ui;
