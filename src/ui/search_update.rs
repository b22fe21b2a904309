//! What the search keys do: the query line, the results, the matches
//! visited with `n`/`N` ([`super::search_state`] is the state). No I/O; the search itself runs on a
//! worker thread driven by [`super::search_driver`] (the update only asks
//! for it, with an [`Effect::Search`]).

use super::action::Action;
use super::app::{App, Highlight, Mode};
use super::effect::Effect;
use crate::layout::article::Part;
use crate::search::{Field, FieldMatch, Hit, Query, article_matches};
use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};

pub use crate::action::Edit;

/// Keys on the search line: editing, moving in the results, `Enter`, `Esc`.
/// Only presses count; other events (resize) keep their usual action.
pub fn translate(event: &Event) -> Option<Action> {
    let k = match event {
        Event::Key(k) if k.kind == KeyEventKind::Press => k,
        Event::Key(_) => return None,
        Event::Resize(w, h) => return Some(Action::Resize(*w, *h)),
        Event::Mouse(_) => return None,
        // Pasted text: see `super::input::paste_actions`.
        _ => return None,
    };
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let e = match k.code {
        KeyCode::Char('c') if ctrl => return Some(Action::Interrupt),
        KeyCode::Char('w') if ctrl => Edit::DeleteWord,
        KeyCode::Char('u') if ctrl => Edit::DeleteToStart,
        KeyCode::Char('a') if ctrl => Edit::Home,
        KeyCode::Char('e') if ctrl => Edit::End,
        KeyCode::Char('b') if ctrl => Edit::Left,
        KeyCode::Char('f') if ctrl => Edit::Right,
        KeyCode::Char('h') if ctrl => Edit::Backspace,
        KeyCode::Char('p') if ctrl => Edit::PrevResult,
        KeyCode::Char('n') if ctrl => Edit::NextResult,
        KeyCode::Char(_) if ctrl || k.modifiers.contains(KeyModifiers::ALT) => return None,
        KeyCode::Char(c) if !c.is_control() => Edit::Insert(c),
        KeyCode::Backspace => Edit::Backspace,
        KeyCode::Delete => Edit::Delete,
        KeyCode::Left => Edit::Left,
        KeyCode::Right => Edit::Right,
        KeyCode::Home => Edit::Home,
        KeyCode::End => Edit::End,
        KeyCode::Up => Edit::Up,
        KeyCode::Down => Edit::Down,
        KeyCode::Tab => Edit::NextResult,
        KeyCode::BackTab => Edit::PrevResult,
        KeyCode::Enter => Edit::Submit,
        KeyCode::Esc => Edit::Cancel,
        _ => return None,
    };
    Some(Action::SearchEdit(e))
}

/// `/`: opens the search line, remembering where the user was.
pub fn open(app: &mut App) {
    let place = app.place();
    let s = &mut app.search;
    s.saved = Some(place);
    s.query.clear();
    s.cursor = 0;
    s.results.clear();
    s.results_for.clear();
    s.selected = 0;
    s.offset = 0;
    s.history_pos = None;
    s.pending = false;
    s.enter_pending = false;
    app.overlay = None;
    app.mode = Mode::Search;
    // The results take the lists' place and the body previews the
    // selected one: the layout of the article list's focus, unzoomed
    // (`Esc` brings back the pane and zoom).
    app.reader.set_zoom(false);
    app.nav.set_focus(super::app::Pane::Articles);
    app.sync();
}

/// Shows the selected result in the body, its matches highlighted and the
/// best one scrolled into view, as fzf's preview does; with no result, the
/// article the search started from. Nothing is marked read while
/// searching ([`App::sync`]).
fn preview(app: &mut App) {
    let hit = app.search.results.get(app.search.selected).cloned();
    let Some((hit, (issue, article))) = hit.and_then(|h| locate(app, &h).map(|at| (h, at))) else {
        if let Some(saved) = app.search.saved.clone() {
            super::navigate::go_to(app, saved);
            app.reader.set_zoom(false);
            app.nav.set_focus(super::app::Pane::Articles);
            app.sync();
        }
        return;
    };
    super::navigate::select_issue(app, issue as isize);
    super::navigate::select_article(app, article);
    let query = app.search.results_for.clone();
    let highlights = highlights_for(app, &query);
    super::navigate::highlight(app, highlights);
    let idx = own_match(app, &hit).unwrap_or(0);
    if let Some(h) = app.reader.highlights().get(idx).cloned() {
        super::navigate::scroll_to(app, h.part, h.range.start);
    } else {
        app.sync();
    }
}

fn byte_at(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(b, _)| b)
}

/// Applies a key typed on the search line.
pub fn edit(app: &mut App, e: Edit) {
    let s = &mut app.search;
    let len = s.query.chars().count();
    s.cursor = s.cursor.min(len);
    let before = s.query.clone();
    match e {
        Edit::Insert(c) => {
            if s.query.chars().count() < crate::search::engine::MAX_QUERY_CHARS {
                let at = byte_at(&s.query, s.cursor);
                s.query.insert(at, c);
                s.cursor += 1;
            }
        }
        Edit::Backspace if s.cursor > 0 => {
            let at = byte_at(&s.query, s.cursor - 1);
            s.query.remove(at);
            s.cursor -= 1;
        }
        Edit::Delete if s.cursor < len => {
            let at = byte_at(&s.query, s.cursor);
            s.query.remove(at);
        }
        Edit::DeleteWord => {
            let chars: Vec<char> = s.query.chars().collect();
            let mut i = s.cursor;
            while i > 0 && chars[i - 1].is_whitespace() {
                i -= 1;
            }
            let alnum = |c: char| c.is_ascii_alphanumeric();
            if i > 0 {
                let kind = alnum(chars[i - 1]);
                while i > 0 && !chars[i - 1].is_whitespace() && alnum(chars[i - 1]) == kind {
                    i -= 1;
                }
            }
            s.query = chars[..i].iter().chain(&chars[s.cursor..]).collect();
            s.cursor = i;
        }
        Edit::DeleteToStart => {
            s.query = s.query.chars().skip(s.cursor).collect();
            s.cursor = 0;
        }
        Edit::Left => s.cursor = s.cursor.saturating_sub(1),
        Edit::Right => s.cursor = (s.cursor + 1).min(len),
        Edit::Home => s.cursor = 0,
        Edit::End => s.cursor = len,
        Edit::Up if s.query.is_empty() || s.history_pos.is_some() => {
            let pos = match s.history_pos {
                Some(p) => p.saturating_sub(1),
                None => s.history.len().saturating_sub(1),
            };
            if let Some(q) = s.history.get(pos) {
                s.query = q.clone();
                s.cursor = s.query.chars().count();
                s.history_pos = Some(pos);
                s.pending = true;
                let query = s.query.clone();
                app.emit(Effect::Search(query));
            }
            return;
        }
        Edit::Down if s.history_pos.is_some() => {
            let pos = s.history_pos.map_or(0, |p| p + 1);
            if let Some(q) = s.history.get(pos) {
                s.query = q.clone();
                s.history_pos = Some(pos);
            } else {
                s.query.clear();
                s.history_pos = None;
            }
            s.cursor = s.query.chars().count();
            s.pending = true;
            let query = s.query.clone();
            app.emit(Effect::Search(query));
            return;
        }
        Edit::Up | Edit::PrevResult => select(app, -1),
        Edit::Down | Edit::NextResult => select(app, 1),
        Edit::Submit => submit(app),
        Edit::Cancel => cancel(app),
        Edit::Backspace | Edit::Delete => {}
    }
    let s = &mut app.search;
    if s.query != before {
        s.enter_pending = false;
        s.history_pos = None;
        s.pending = true;
        let query = s.query.clone();
        app.emit(Effect::Search(query));
    }
}

fn select(app: &mut App, delta: isize) {
    let s = &mut app.search;
    if s.results.is_empty() {
        return;
    }
    s.selected = (s.selected as isize + delta).clamp(0, s.results.len() as isize - 1) as usize;
    preview(app);
}

/// Takes the results of a search (ignored when the query moved on).
pub fn receive(app: &mut App, query: &str, hits: Vec<Hit>, elapsed_ms: f64) {
    let s = &mut app.search;
    if app.mode != Mode::Search || query != s.query {
        return;
    }
    s.results_for = query.to_string();
    s.results = hits;
    s.selected = 0;
    s.offset = 0;
    s.elapsed_ms = Some(elapsed_ms);
    // The event loop sends each query as soon as it is typed: results for
    // the query on the line leave nothing waiting.
    s.pending = false;
    preview(app);
    let s = &mut app.search;
    if s.enter_pending && !s.pending {
        s.enter_pending = false;
        if !s.results.is_empty() {
            submit(app);
        }
    }
}

fn cancel(app: &mut App) {
    // A query that found something is worth coming back to, even when the
    // user only looked at the results.
    if !app.search.results.is_empty() {
        app.search.remember();
    }
    app.mode = Mode::Normal;
    app.search.pending = false;
    if let Some(saved) = app.search.saved.take() {
        super::navigate::go_to(app, saved);
    }
}

fn submit(app: &mut App) {
    let s = &mut app.search;
    if s.pending {
        s.enter_pending = true;
        return;
    }
    if s.results.is_empty() {
        return;
    }
    s.remember();
    s.visiting = Some(s.results_for.clone());
    let n = s.selected;
    app.mode = Mode::Normal;
    open_result(app, n, true);
}

/// Where hit `hit` is in the reader's issues: (issue, article in issue).
/// Found by the page's file name, since the index may have been built on
/// an earlier list of issues.
pub fn locate(app: &App, hit: &Hit) -> Option<(usize, usize)> {
    let same = |i: usize| app.issues.get(i).and_then(|x| x.pages.get(hit.page)).is_some_and(|p| p.source == hit.source);
    let issue = if same(hit.issue) {
        Some(hit.issue)
    } else {
        app.issues.iter().position(|x| x.pages.iter().any(|p| p.source == hit.source))
    }?;
    let mut n = 0;
    for p in &app.issues[issue].pages {
        if p.source == hit.source {
            return (hit.article_in_page < p.articles.len()).then_some((issue, n + hit.article_in_page));
        }
        n += p.articles.len();
    }
    None
}

/// The layout part of a search field.
fn part(field: Field, index: usize) -> Option<Part> {
    Some(match field {
        Field::Title => Part::Title,
        Field::Kicker => Part::Kicker,
        Field::Subtitle => Part::Subtitle,
        Field::Byline => Part::Byline,
        Field::Paragraph => Part::Paragraph(index),
        Field::Caption => Part::Caption(index),
        Field::Keyword => return None,
    })
}

fn part_rank(p: Part) -> (usize, usize) {
    match p {
        Part::Kicker => (0, 0),
        Part::Title => (1, 0),
        Part::Subtitle => (2, 0),
        Part::Byline => (3, 0),
        Part::Keywords => (4, 0),
        Part::Paragraph(n) => (5, n),
        Part::Caption(n) => (6, n),
        Part::Blank => (7, 0),
    }
}

/// Byte ranges of char ranges in `text`.
fn byte_ranges(text: &str, ranges: &[std::ops::Range<usize>]) -> Vec<std::ops::Range<usize>> {
    let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
    ranges.iter().filter_map(|r| Some(*starts.get(r.start)?..*starts.get(r.end)?)).collect()
}

/// Every match of `query` in the current article as highlights, in reading order.
pub fn highlights_for(app: &App, query: &str) -> Vec<Highlight> {
    let Some(a) = app.current_text() else { return Vec::new() };
    let mut out: Vec<Highlight> = Vec::new();
    for m in article_matches(&a, &Query::new(query)) {
        let FieldMatch { field, index, ranges, .. } = m;
        let Some(p) = part(field, index) else { continue };
        let text = crate::search::field_text(&a, field, index).unwrap_or("");
        out.extend(byte_ranges(text, &ranges).into_iter().map(|range| Highlight { part: p, range }));
    }
    out.sort_by_key(|h| (part_rank(h.part), h.range.start));
    out
}

/// Opens result `n` with every match highlighted, at its first match
/// (`first`) or its last.
fn open_result(app: &mut App, n: usize, first: bool) {
    let Some(hit) = app.search.results.get(n).cloned() else { return };
    let Some((issue, article)) = locate(app, &hit) else {
        app.notice("this result is no longer loaded");
        return;
    };
    super::navigate::open_article(app, issue, article);
    app.search.opened = n;
    app.search.selected = n;
    let query = app.search.visiting.clone().unwrap_or_default();
    let highlights = highlights_for(app, &query);
    super::navigate::highlight(app, highlights);
    // Start at the hit's own match when going forward.
    let own = own_match(app, &hit);
    let idx = if first { own.unwrap_or(0) } else { app.reader.highlights().len().saturating_sub(1) };
    show_match(app, idx);
}

/// Which of the body's highlights is the hit's own (best) match.
fn own_match(app: &App, hit: &Hit) -> Option<usize> {
    let p = part(hit.matched.field, hit.matched.index)?;
    let a = app.current_text()?;
    let text = crate::search::field_text(&a, hit.matched.field, hit.matched.index)?;
    let start = byte_ranges(text, &hit.matched.ranges[..1.min(hit.matched.ranges.len())]).first()?.start;
    app.reader.highlights().iter().position(|h| h.part == p && h.range.start == start)
}

fn show_match(app: &mut App, idx: usize) {
    app.search.current_match = idx;
    if let Some(h) = app.reader.highlights().get(idx).cloned() {
        super::navigate::scroll_to(app, h.part, h.range.start);
        app.notice(format!(
            "match {}/{} · result {}/{}",
            idx + 1,
            app.reader.highlights().len(),
            app.search.opened + 1,
            app.search.results.len()
        ));
    }
}

/// `n` / `N`: the next / previous match in the article, then in the next /
/// previous result.
pub fn next_match(app: &mut App, dir: isize) {
    if app.search.visiting.is_none() || app.search.results.is_empty() {
        app.notice("no search: press / to search");
        return;
    }
    // The reader may have moved to another article: matches are recomputed there.
    let opened = app.search.results.get(app.search.opened).and_then(|h| locate(app, h));
    if opened != Some((app.nav.issue(), app.nav.article())) {
        let q = app.search.visiting.clone().unwrap_or_default();
        let highlights = highlights_for(app, &q);
        super::navigate::highlight(app, highlights);
        app.search.current_match = if dir > 0 { usize::MAX } else { app.reader.highlights().len() };
    }
    let cur = app.search.current_match;
    let next = if dir > 0 { cur.wrapping_add(1) } else { cur.wrapping_sub(1) };
    if next < app.reader.highlights().len() {
        show_match(app, next);
        return;
    }
    // Past the last result's last match: round to the first, as vim does (and says).
    let len = app.search.results.len() as isize;
    let n = app.search.opened as isize + dir;
    let wrapped = n < 0 || n >= len;
    open_result(app, n.rem_euclid(len) as usize, dir > 0);
    if dir > 0 {
        show_match(app, 0);
    }
    if wrapped {
        let wrap =
            if dir > 0 { "search hit BOTTOM, continuing at TOP" } else { "search hit TOP, continuing at BOTTOM" };
        let at = app.status.notice.take().map(|(n, _)| format!(" · {n}")).unwrap_or_default();
        app.notice(format!("{wrap}{at}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app() -> App {
        let mut a = App::new(Vec::new(), (80, 24));
        open(&mut a);
        a
    }

    fn typed(a: &mut App, s: &str) {
        for c in s.chars() {
            edit(a, Edit::Insert(c));
        }
    }

    #[test]
    fn editing_works_on_wide_characters() {
        let mut a = app();
        typed(&mut a, "吕梁市");
        edit(&mut a, Edit::Left);
        edit(&mut a, Edit::Backspace);
        assert_eq!((a.search.query.as_str(), a.search.cursor), ("吕市", 1));
        edit(&mut a, Edit::End);
        typed(&mut a, " lvliang");
        edit(&mut a, Edit::DeleteWord);
        assert_eq!(a.search.query, "吕市 ");
        edit(&mut a, Edit::DeleteWord);
        assert_eq!(a.search.query, "");
        typed(&mut a, "孙大军");
        edit(&mut a, Edit::Home);
        edit(&mut a, Edit::Delete);
        assert_eq!(a.search.query, "大军");
        edit(&mut a, Edit::End);
        edit(&mut a, Edit::DeleteToStart);
        assert_eq!((a.search.query.as_str(), a.search.cursor), ("", 0));
        assert_eq!(a.take_effects().last(), Some(&Effect::Search(String::new())), "every change asks for a search");
    }

    #[test]
    fn up_on_an_empty_line_recalls_older_queries() {
        let mut a = app();
        a.search.history = vec!["吕梁".into(), "sundj".into()];
        edit(&mut a, Edit::Up);
        assert_eq!(a.search.query, "sundj");
        edit(&mut a, Edit::Up);
        assert_eq!(a.search.query, "吕梁");
        edit(&mut a, Edit::Down);
        assert_eq!(a.search.query, "sundj");
        edit(&mut a, Edit::Down);
        assert_eq!(a.search.query, "");
    }

    #[test]
    fn escape_returns_to_where_the_user_was() {
        let mut a = App::new(crate::archive::group(crate::loader::bundled()), (120, 40));
        super::super::navigate::open_article(&mut a, 1, 2);
        for _ in 0..3 {
            super::super::update::update(&mut a, crate::action::Action::Down);
        }
        let before = (a.nav.issue(), a.nav.article(), a.nav.focus(), a.reader.scroll());
        open(&mut a);
        typed(&mut a, "吕梁");
        edit(&mut a, Edit::Cancel);
        assert_eq!((a.nav.issue(), a.nav.article(), a.nav.focus(), a.reader.scroll()), before);
        assert_eq!(a.mode, Mode::Normal);
    }
}
