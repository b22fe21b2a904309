#![allow(clippy::unwrap_used)]
//! The reader's `/` search on ratatui's TestBackend: type, see results, open
//! the article at the match, step through matches, go back.

mod common;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use lvread::layout::article::Part;
use lvread::ui::app::{App, Mode, Pane};
use lvread::ui::effect::Effect;
use lvread::ui::search_driver::SearchDriver;
use lvread::ui::{keys, update::update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Duration;

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent { code, modifiers: KeyModifiers::NONE, kind: KeyEventKind::Press, state: KeyEventState::NONE })
}

fn press(app: &mut App, search: &mut SearchDriver, ev: Event) {
    if let Some(a) = keys::event_to_action(app, &ev) {
        for effect in update(app, a) {
            if let Effect::Search(query) = effect {
                search.dispatch(app, query);
            }
        }
    }
}

fn type_str(app: &mut App, search: &mut SearchDriver, s: &str) {
    for c in s.chars() {
        press(app, search, key(KeyCode::Char(c)));
    }
    // Wait for the results of the whole query.
    for _ in 0..200 {
        if !search.busy() {
            break;
        }
        search.wait(app, Duration::from_millis(100));
    }
    assert!(!search.busy(), "the search answered");
}

fn screen(app: &App) -> (Vec<String>, (u16, u16)) {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("terminal");
    let frame = t.draw(|f| view::draw(f, app)).expect("draw");
    let rows = common::rows(frame.buffer);
    let pos = t.get_cursor_position().expect("cursor");
    (rows, (pos.x, pos.y))
}

fn reader() -> App {
    App::new(lvread::archive::group(lvread::loader::bundled()), (120, 40))
}

#[test]
fn typing_a_query_and_enter_opens_the_article_at_the_match() {
    let mut app = reader();
    let mut search = SearchDriver::new();
    press(&mut app, &mut search, key(KeyCode::Char('/')));
    assert_eq!(app.mode, Mode::Search);
    type_str(&mut app, &mut search, "老旧小区改造");
    let (rows, cursor) = screen(&app);
    let last = rows.last().unwrap();
    assert!(last.starts_with("/老旧小区改造"), "{last}");
    assert_eq!(cursor, (1 + 12, 39), "cursor after six wide characters");
    assert!(
        rows.iter().any(|r| r.contains("孙大军在离石区调研老旧小区改造工作")),
        "results list shows the headline:\n{}",
        rows.join("\n")
    );
    let first_hit = rows.iter().position(|r| r.contains("孙大军在离石区调研老旧小区改造工作")).unwrap();
    assert!(
        rows.iter()
            .all(|r| !r.contains("全市青少年工作联席会议") || rows.iter().position(|x| x == r).unwrap() > first_hit)
    );

    press(&mut app, &mut search, key(KeyCode::Enter));
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.nav.focus(), Pane::Body);
    assert_eq!(app.current_article().map(|a| a.title.as_str()), Some("孙大军在离石区调研老旧小区改造工作"));
    assert!(app.reader.highlights().iter().any(|h| h.part == Part::Title), "the headline match is highlighted");
    assert!(app.reader.highlights().len() >= 2, "body matches too: {:?}", app.reader.highlights());
    let (rows, _) = screen(&app);
    assert!(rows.iter().any(|r| r.contains("老旧小区改造")), "the match is on screen");

    // n goes to the next match, which is then on screen.
    let before = app.search.current_match;
    press(&mut app, &mut search, key(KeyCode::Char('n')));
    assert_eq!(app.search.current_match, before + 1);
    let h = app.reader.highlights()[app.search.current_match].clone();
    let a = app.current_article().unwrap().clone();
    let text = match h.part {
        Part::Paragraph(n) => a.paragraphs[n].clone(),
        Part::Title => a.title.clone(),
        _ => String::new(),
    };
    assert_eq!(&text[h.range.clone()], "老旧小区改造");
    press(&mut app, &mut search, key(KeyCode::Char('N')));
    assert_eq!(app.search.current_match, before);
}

#[test]
fn pinyin_initials_find_the_headline() {
    let mut app = reader();
    let mut search = SearchDriver::new();
    press(&mut app, &mut search, key(KeyCode::Char('/')));
    type_str(&mut app, &mut search, "qsngzlxhy");
    assert_eq!(app.search.results.first().map(|h| h.title.as_str()), Some("全市青少年工作联席会议第四次全体会议召开"));
    press(&mut app, &mut search, key(KeyCode::Enter));
    assert_eq!(app.current_article().map(|a| a.title.as_str()), Some("全市青少年工作联席会议第四次全体会议召开"));
    let title_hl: Vec<_> = app.reader.highlights().iter().filter(|h| h.part == Part::Title).collect();
    assert_eq!(&app.current_article().unwrap().title[title_hl[0].range.clone()], "青少年工作联席会议");
}

#[test]
fn escape_returns_and_history_comes_back() {
    let mut app = reader();
    let mut search = SearchDriver::new();
    press(&mut app, &mut search, key(KeyCode::Char('j')));
    let before = (app.nav.issue(), app.nav.article(), app.nav.focus());
    press(&mut app, &mut search, key(KeyCode::Char('/')));
    type_str(&mut app, &mut search, "lvliang");
    press(&mut app, &mut search, key(KeyCode::Down));
    assert_eq!(app.search.selected, 1);
    press(&mut app, &mut search, key(KeyCode::Esc));
    assert_eq!((app.nav.issue(), app.nav.article(), app.nav.focus()), before);
    assert_eq!(app.mode, Mode::Normal);

    press(&mut app, &mut search, key(KeyCode::Char('/')));
    type_str(&mut app, &mut search, "sundj");
    press(&mut app, &mut search, key(KeyCode::Enter));
    press(&mut app, &mut search, key(KeyCode::Char('/')));
    press(&mut app, &mut search, key(KeyCode::Up));
    assert_eq!(app.search.query, "sundj");
    // A query left with Esc after looking at its results comes back too.
    press(&mut app, &mut search, key(KeyCode::Up));
    assert_eq!(app.search.query, "lvliang");
    // One that found nothing does not (an empty line neither).
    let ctrl_u = Event::Key(KeyEvent {
        code: KeyCode::Char('u'),
        modifiers: KeyModifiers::CONTROL,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    });
    press(&mut app, &mut search, ctrl_u);
    assert_eq!(app.search.query, "");
    press(&mut app, &mut search, key(KeyCode::Esc));
    press(&mut app, &mut search, key(KeyCode::Char('/')));
    type_str(&mut app, &mut search, "qqqqxxxx");
    assert!(app.search.results.is_empty());
    press(&mut app, &mut search, key(KeyCode::Esc));
    press(&mut app, &mut search, key(KeyCode::Char('/')));
    press(&mut app, &mut search, key(KeyCode::Up));
    assert_eq!(app.search.query, "sundj");
}

#[test]
fn tiny_terminals_do_not_panic_while_searching() {
    for (w, h) in [(1, 1), (10, 3), (40, 15), (80, 24)] {
        let mut app = App::new(lvread::archive::group(lvread::loader::bundled()), (w, h));
        let mut search = SearchDriver::new();
        press(&mut app, &mut search, key(KeyCode::Char('/')));
        type_str(&mut app, &mut search, "吕梁");
        let _ = screen(&app);
        press(&mut app, &mut search, key(KeyCode::Enter));
        let _ = screen(&app);
    }
}

#[test]
fn keywords_fill_in_the_background_and_show_in_the_body() {
    let mut app = reader();
    let mut search = SearchDriver::new();
    let _ = lvread::search::words::jieba();
    // The reader is halfway down the longest article when keywords arrive.
    let (i, n) = (0..app.issues.len())
        .flat_map(|i| (0..app.issues[i].article_count()).map(move |n| (i, n)))
        .max_by_key(|&(i, n)| app.issues[i].article(n).unwrap().body_chars())
        .unwrap();
    lvread::ui::navigate::open_article(&mut app, i, n);
    app.reader.set_zoom(true);
    for _ in 0..12 {
        update(&mut app, lvread::ui::Action::Down);
    }
    assert!(app.reader.scroll() > 0);
    let (before, _) = screen(&app);
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    search.keywords(&mut app, true);
    while search.keywords_running() && std::time::Instant::now() < deadline {
        search.keywords(&mut app, true);
        std::thread::sleep(Duration::from_millis(20));
    }
    let with = app.issues.iter().flat_map(|i| i.articles()).filter(|a| !a.keywords.is_empty()).count();
    let total: usize = app.issues.iter().map(|i| i.article_count()).sum();
    assert!(with * 2 > total, "{with} of {total} articles have keywords");
    assert!(!app.current_article().unwrap().keywords.is_empty());
    let (after, _) = screen(&app);
    assert_eq!(after[..5], before[..5], "the lines being read stay put when the header grows");
    // The keywords are drawn in the header, under the byline.
    update(&mut app, lvread::ui::Action::Top);
    let kw = app.current_article().unwrap().keywords[0].clone();
    let (rows, _) = screen(&app);
    let at = rows
        .iter()
        .position(|r| r.contains(&kw) && r.contains("关键词"))
        .unwrap_or_else(|| panic!("keyword {kw} on screen:\n{}", rows.join("\n")));
    assert!(at < 8, "keywords in the header:\n{}", rows.join("\n"));
}

#[test]
fn enter_before_the_results_opens_the_first_when_they_arrive() {
    let mut app = reader();
    let mut search = SearchDriver::new();
    press(&mut app, &mut search, key(KeyCode::Char('/')));
    for c in "zhongmeiyoucheng".chars() {
        press(&mut app, &mut search, key(KeyCode::Char(c)));
    }
    press(&mut app, &mut search, key(KeyCode::Enter));
    for _ in 0..200 {
        if !search.busy() {
            break;
        }
        search.wait(&mut app, Duration::from_millis(100));
    }
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.current_article().map(|a| a.title.as_str()), Some("习近平向第五届中美友城大会致信"));
}

#[test]
fn pages_are_indexed_as_they_arrive_before_any_search() {
    let mut pages = lvread::loader::bundled();
    let later = pages.split_off(2);
    let mut app = App::new(lvread::archive::group(pages), (120, 40));
    let mut search = SearchDriver::new();
    // The reader's loop, no key pressed: the first pages get indexed.
    let mut waited = 0;
    while !search.ready() && waited < 600 {
        search.refresh(&mut app);
        std::thread::sleep(Duration::from_millis(50));
        waited += 1;
    }
    assert!(search.ready(), "an index was built without a search");
    let title = later.iter().flat_map(|p| &p.articles).find(|a| !a.title_inferred).map(|a| a.title.clone());
    let title = title.expect("a later page has a headline");
    app.add_pages(later);
    // More pages: indexed too, and the status line says so until done.
    let mut waited = 0;
    loop {
        search.refresh(&mut app);
        if !search.indexing() || waited >= 600 {
            break;
        }
        assert!(app.status.indexing.is_some(), "the status line shows the indexing");
        std::thread::sleep(Duration::from_millis(50));
        waited += 1;
    }
    search.refresh(&mut app);
    assert!(!search.indexing(), "indexing ended");
    assert_eq!(app.status.indexing, None, "and the status line no longer shows it");
    // A search now finds a headline of the pages that came later at once.
    press(&mut app, &mut search, key(KeyCode::Char('/')));
    type_str(&mut app, &mut search, &title);
    search.wait(&mut app, Duration::from_secs(30));
    assert!(app.search.results.iter().any(|h| h.title == title), "{title} found");
}

#[test]
fn a_query_typed_before_its_pages_arrive_finds_them_when_they_do() {
    // The reader starts with part of the archive; the rest arrives while a
    // query is on the search line.
    let mut pages = lvread::loader::bundled();
    let later = pages.split_off(1);
    let mut app = App::new(lvread::archive::group(pages), (120, 40));
    let mut search = SearchDriver::new();
    press(&mut app, &mut search, key(KeyCode::Char('/')));
    // A word of a later page that the first page lacks.
    let first_text: String = app.issues.iter().flat_map(|i| i.articles()).map(|a| a.paragraphs.concat()).collect();
    let word = later
        .iter()
        .flat_map(|p| p.articles.iter())
        .flat_map(|a| a.paragraphs.iter())
        .flat_map(|p| {
            let chars: Vec<char> = p.chars().collect();
            chars.windows(4).map(|w| w.iter().collect::<String>()).collect::<Vec<_>>()
        })
        .find(|w| w.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)) && !first_text.contains(w.as_str()))
        .expect("a later page has a word the first lacks");
    type_str(&mut app, &mut search, &word);
    assert!(app.search.results.is_empty(), "{word}: nothing loaded has it yet");
    let sources: Vec<String> = later.iter().map(|p| p.source.clone()).collect();
    app.add_pages(later);
    // The reader's loop: refresh after pages arrive, then collect results.
    let mut found = false;
    for _ in 0..300 {
        search.refresh(&mut app);
        search.wait(&mut app, Duration::from_millis(100));
        if app.search.results.iter().any(|h| sources.contains(&h.source)) {
            found = true;
            break;
        }
    }
    assert!(found, "the query {word} ran again on the pages that arrived");
    assert_eq!(app.search.results_for, word);
}

#[test]
fn n_wraps_round_after_the_last_match_and_says_so_and_one_hit_is_one_hit() {
    let mut app = reader();
    let mut search = SearchDriver::new();
    press(&mut app, &mut search, key(KeyCode::Char('/')));
    type_str(&mut app, &mut search, "老旧小区改造");
    let results = app.search.results.len();
    assert!(results >= 1);
    press(&mut app, &mut search, key(KeyCode::Enter));
    let first = app.current_article().map(|a| a.id.clone());
    // Step past every match of every result.
    let total: usize = (0..200)
        .take_while(|_| {
            press(&mut app, &mut search, key(KeyCode::Char('n')));
            !app.status_message().is_some_and(|m| m.contains("search hit BOTTOM"))
        })
        .count();
    assert!(total < 199, "n came round");
    let (rows, _) = screen(&app);
    assert!(rows.last().unwrap().contains("search hit BOTTOM, continuing at TOP"), "{}", rows.last().unwrap());
    assert_eq!(app.current_article().map(|a| a.id.clone()), first, "back at the first result");
    assert_eq!(app.search.current_match, 0, "at its first match");
    press(&mut app, &mut search, key(KeyCode::Char('N')));
    assert!(app.status_message().is_some_and(|m| m.contains("search hit TOP, continuing at BOTTOM")));
    // A query with one result says `1 hit`.
    let title = "孙大军在离石区调研老旧小区改造工作";
    press(&mut app, &mut search, key(KeyCode::Char('/')));
    type_str(&mut app, &mut search, title);
    let (rows, _) = screen(&app);
    let text = rows.join("\n");
    assert_eq!(app.search.results.len(), 1, "the whole headline finds one article");
    assert!(text.contains(" 1 hit") && !text.contains(" 1 hits"), "{text}");
}

/// The drawn screen's buffer.
fn buffer(app: &App) -> ratatui::buffer::Buffer {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("terminal");
    t.draw(|f| view::draw(f, app)).expect("draw").buffer.clone()
}

/// The text of the body pane and of the result list.
fn panes(app: &App) -> (String, Vec<String>) {
    let buf = buffer(app);
    let s = app.screen();
    let body = common::region(&buf, s.body.expect("a body on screen")).join("\n");
    let area = lvread::ui::view::search_view::results_area(&s, buf.area);
    let inner = lvread::ui::geometry::inner(area);
    (body, common::region(&buf, inner))
}

#[test]
fn the_body_previews_the_selected_result_and_nothing_is_read() {
    for size in [(80, 24), (120, 40)] {
        let mut app = reader();
        update(&mut app, lvread::ui::action::Action::Resize(size.0, size.1));
        let mut search = SearchDriver::new();
        let before: Vec<(usize, usize, bool)> = (0..app.issues.len())
            .flat_map(|i| (0..app.issues[i].article_count()).map(move |n| (i, n)))
            .map(|(i, n)| (i, n, app.is_read(i, n)))
            .collect();
        press(&mut app, &mut search, key(KeyCode::Char('/')));
        type_str(&mut app, &mut search, "lvliang");
        assert!(app.search.results.len() >= 3);
        let mut shown = Vec::new();
        for k in 0..3 {
            let hit = app.search.results[k].clone();
            let (body, _) = panes(&app);
            let head: String = hit.title.chars().take(8).collect();
            assert!(body.replace('\n', "").contains(&head), "{size:?}: result {k} ({}) previewed:\n{body}", hit.title);
            // The match is scrolled into view and highlighted.
            let buf = buffer(&app);
            let r = app.screen().body.expect("body");
            let hl = app.settings.theme.highlight;
            let lit = (r.y..r.y + r.height)
                .flat_map(|y| (r.x..r.x + r.width).map(move |x| (x, y)))
                .any(|p| hl.bg.is_some_and(|bg| buf[p].bg == bg) || hl.fg.is_some_and(|fg| buf[p].fg == fg));
            assert!(lit, "{size:?}: a highlighted match in the preview of {k}:\n{body}");
            shown.push(body);
            press(&mut app, &mut search, key(KeyCode::Down));
        }
        assert_ne!(shown[0], shown[1], "moving in the list changes the preview");
        press(&mut app, &mut search, key(KeyCode::Esc));
        let after: Vec<(usize, usize, bool)> = (0..app.issues.len())
            .flat_map(|i| (0..app.issues[i].article_count()).map(move |n| (i, n)))
            .map(|(i, n)| (i, n, app.is_read(i, n)))
            .collect();
        assert_eq!(before, after, "{size:?}: previews read nothing");
        assert_eq!((app.nav.issue(), app.nav.article(), app.mode.clone()), (0, 0, Mode::Normal));
    }
}

#[test]
fn every_result_shows_its_match_at_80_columns_and_a_headline_is_not_repeated() {
    let mut app = reader();
    update(&mut app, lvread::ui::action::Action::Resize(80, 24));
    let mut search = SearchDriver::new();
    press(&mut app, &mut search, key(KeyCode::Char('/')));
    type_str(&mut app, &mut search, "caomei");
    assert!(!app.search.results.is_empty());
    let (_, rows) = panes(&app);
    for (k, hit) in app.search.results.iter().enumerate().take(rows.len() / 2) {
        let pair = format!("{}{}", rows[2 * k], rows[2 * k + 1]);
        assert!(pair.contains("草莓"), "result {k} shows 草莓: {pair}");
        if hit.matched.field == lvread::search::Field::Title {
            let head: String = hit.title.chars().take(5).collect();
            assert!(!rows[2 * k + 1].trim_start().starts_with(&head), "headline repeated: {}", rows[2 * k + 1]);
        }
    }
    // A match deep in a long paragraph shows at 80 columns too.
    press(&mut app, &mut search, key(KeyCode::Esc));
    press(&mut app, &mut search, key(KeyCode::Char('/')));
    type_str(&mut app, &mut search, "lvliang");
    let (_, rows) = panes(&app);
    let buf = buffer(&app);
    let area = lvread::ui::geometry::inner(lvread::ui::view::search_view::results_area(&app.screen(), buf.area));
    let hl = app.settings.theme.highlight;
    let lit_row = |y: u16| {
        (area.x..area.x + area.width)
            .any(|x| hl.bg.is_some_and(|bg| buf[(x, y)].bg == bg) || hl.fg.is_some_and(|fg| buf[(x, y)].fg == fg))
    };
    for k in 0..(rows.len() / 2).min(app.search.results.len()) {
        let y = area.y + 2 * k as u16;
        assert!(lit_row(y) || lit_row(y + 1), "result {k} shows its match: {} / {}", rows[2 * k], rows[2 * k + 1]);
    }
}
