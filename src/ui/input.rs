//! Pasted text (bracketed paste): it is text, never commands. In the search
//! line it is typed in (line ends become spaces, control characters are
//! dropped, at most [`MAX_PASTE`] characters); anywhere else it is ignored.
//! Without bracketed paste, `市\nmR q`
//! pasted over search results opened one, bookmarked it, marked the issue
//! read and quit.

use super::app::{App, Mode};
use crate::action::{Action, Edit};

/// The most characters a paste adds to the search line.
pub const MAX_PASTE: usize = 200;

/// What a paste does: the actions typing it into the search line (in
/// search mode), or none.
pub fn paste_actions(app: &App, text: &str) -> Vec<Action> {
    if app.mode != Mode::Search {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut last_space = false;
    for c in text.chars() {
        let c = if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c };
        if crate::text::is_terminal_unsafe(c) || (c == ' ' && last_space) {
            continue;
        }
        last_space = c == ' ';
        out.push(Action::SearchEdit(Edit::Insert(c)));
        if out.len() == MAX_PASTE {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(actions: &[Action]) -> String {
        actions
            .iter()
            .map(|a| match a {
                Action::SearchEdit(Edit::Insert(c)) => *c,
                other => panic!("not typing: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_paste_is_typed_into_the_search_line_never_run() {
        let mut app = App::new(Vec::new(), (80, 24));
        assert!(paste_actions(&app, "市\nmR q").is_empty(), "outside search: ignored");
        app.mode = Mode::Search;
        assert_eq!(typed(&paste_actions(&app, "市\nmR q")), "市 mR q");
        assert_eq!(typed(&paste_actions(&app, "a\r\n\r\nb\u{1b}[2J\u{202E}c")), "a b[2Jc");
        assert_eq!(paste_actions(&app, &"吕".repeat(5000)).len(), MAX_PASTE);
    }
}
