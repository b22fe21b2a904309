//! Reader defects found by a QA pass, each pinned by a test: fragments,
//! focus on empty lists, marks, zoom position, page numbers, notices.

mod common;
use lvread::model::{Article, Date, Issue, Page};
use lvread::ui::action::Action;
use lvread::ui::app::{App, Pane};
use lvread::ui::update::update;
use lvread::ui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The screen as rows of text (wide characters once).
fn draw(app: &App) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("test terminal");
    let frame = t.draw(|f| view::draw(f, app)).expect("draw");
    common::rows(frame.buffer)
}

fn press(app: &mut App, actions: &[Action]) {
    for &a in actions {
        update(app, a);
    }
}

fn article(id: &str, title: &str, paras: usize) -> Article {
    Article {
        id: id.into(),
        title: title.into(),
        byline: Some("本报讯".into()),
        paragraphs: (0..paras).map(|p| format!("{title}第{p}段正文内容。").repeat(5)).collect(),
        ..Article::default()
    }
}

fn page(source: &str, date: Date, number: Option<u32>, articles: Vec<Article>, fragments: &[&str]) -> Page {
    Page {
        source: source.into(),
        page: number,
        date: Some(date),
        articles,
        fragments: fragments.iter().map(|s| s.to_string()).collect(),
        ..Page::default()
    }
}

fn date(d: u32) -> Date {
    Date::new(2023, 11, d).expect("valid date")
}

/// One page of 4 November with two short articles (第一篇新闻, 第二篇新闻).
fn two_articles_page() -> Page {
    page("2023-11-04-1.txt", date(4), Some(1), vec![article("a", "第一篇新闻", 3), article("b", "第二篇新闻", 3)], &[])
}

/// The issues of [`two_articles_page`] alone.
fn two_articles() -> Vec<Issue> {
    lvread::archive::group(vec![two_articles_page()])
}

#[test]
fn a_page_of_fragments_only_is_readable_in_the_reader() {
    let p = page("2023-11-04-4.txt", date(4), Some(4), vec![], &["吕梁日报社出版发行", "（记者 李明）"]);
    let issues = lvread::archive::group(vec![p]);
    let mut app = App::new(issues, (120, 30));
    let screen = draw(&app).join("\n");
    assert!(screen.contains("（版面其他文字）"), "the fragments have a list entry:\n{screen}");
    assert!(screen.contains("1篇"), "the issue counts it:\n{screen}");
    assert!(!screen.contains("No articles"), "{screen}");
    press(&mut app, &[Action::Open]);
    assert_eq!(app.nav.focus(), Pane::Body);
    let screen = draw(&app).join("\n");
    assert!(screen.contains("吕梁日报社出版发行"), "the body shows the fragments:\n{screen}");
    let key = app.current_key().expect("an article is selected");
    assert!(app.marks.read.contains(&key), "reading it marks it read");
}

#[test]
fn fragments_come_after_their_pages_articles_and_keep_their_id_when_pages_arrive() {
    let p1 = page("2023-11-04-1.txt", date(4), Some(1), vec![article("a", "头版新闻标题", 3)], &["报头 吕梁日报"]);
    let p2 = page("2023-11-04-2.txt", date(4), Some(2), vec![article("b", "二版新闻标题", 3)], &[]);
    let mut app = App::new(lvread::archive::group(vec![p1]), (120, 30));
    let titles = |app: &App| {
        app.current_issue().map(|i| i.articles().map(|a| a.title.clone()).collect::<Vec<_>>()).unwrap_or_default()
    };
    assert_eq!(titles(&app), vec!["头版新闻标题", "（版面其他文字）"]);
    press(&mut app, &[Action::Down, Action::Open]);
    let key = app.current_key().expect("selected");
    app.add_pages(vec![p2]);
    assert_eq!(titles(&app), vec!["头版新闻标题", "（版面其他文字）", "二版新闻标题"]);
    assert_eq!(app.current_key(), Some(key), "the fragments entry stays selected");
    assert_eq!(app.current_article().map(|a| a.title.as_str()), Some("（版面其他文字）"));
}

/// Issue 1 (newest) has no articles at all; issue 2 has two.
fn empty_first_issue() -> Vec<lvread::model::Issue> {
    let empty = page("2023-11-05-1.txt", date(5), Some(1), vec![], &[]);
    let full = two_articles_page();
    lvread::archive::group(vec![empty, full])
}

#[test]
fn an_empty_first_issue_starts_on_the_issue_list_and_j_moves_on() {
    let mut app = App::new(empty_first_issue(), (120, 30));
    assert_eq!(app.current_issue().map(|i| i.article_count()), Some(0), "the newest issue is the empty one");
    assert_eq!(app.nav.focus(), Pane::Issues, "focus starts where j does something");
    press(&mut app, &[Action::Down]);
    assert_eq!(app.nav.issue(), 1);
    assert!(draw(&app).join("\n").contains("第一篇新闻"));
}

#[test]
fn an_empty_first_issue_loaded_in_the_background_also_starts_on_the_issue_list() {
    let mut app = App::new(Vec::new(), (120, 30));
    assert_eq!(app.nav.focus(), Pane::Articles);
    app.add_pages(empty_first_issue().into_iter().flat_map(|i| i.pages));
    assert_eq!(app.current_issue().map(|i| i.article_count()), Some(0));
    assert_eq!(app.nav.focus(), Pane::Issues);
}

#[test]
fn j_and_k_in_an_empty_article_list_move_through_the_issues() {
    let mut app = App::new(empty_first_issue(), (120, 30));
    app.nav.set_focus(Pane::Articles);
    press(&mut app, &[Action::Down]);
    assert_eq!(app.nav.issue(), 1, "j in the empty list goes to the next issue");
    assert_eq!(app.nav.article(), 0);
    press(&mut app, &[Action::Down]);
    assert_eq!((app.nav.issue(), app.nav.article()), (1, 1), "then moves through its articles");
}

#[test]
fn a_bookmarked_article_shows_its_read_mark_too() {
    let issues = two_articles();
    let mut app = App::new(issues, (120, 30));
    let row = |app: &App| draw(app).into_iter().find(|r| r.contains("第一篇新闻")).unwrap_or_default();
    press(&mut app, &[Action::Open, Action::ToggleBookmark]);
    let read = row(&app);
    assert!(read.contains('★') && read.contains('✓'), "bookmarked and read: {read}");
    press(&mut app, &[Action::MarkUnread]);
    let unread = row(&app);
    assert!(unread.contains('★') && !unread.contains('✓'), "u visibly marks it unread: {unread}");
}

/// The (part, byte offset) of the body's top line.
fn top_anchor(app: &App) -> (lvread::layout::article::Part, usize) {
    let s = app.screen();
    let width =
        lvread::ui::geometry::body_text(s.body.expect("body shown"), app.settings.max_body_width).width as usize;
    app.layout_at(width).and_then(|l| l.anchor(app.reader.scroll())).expect("a top line")
}

#[test]
fn zooming_in_and_out_at_the_end_of_an_article_keeps_the_top_line() {
    let issues = lvread::archive::group(vec![page(
        "2023-11-04-1.txt",
        date(4),
        Some(1),
        vec![article("a", "长篇新闻", 30), article("b", "第二篇", 3)],
        &[],
    )]);
    for back in [Action::Zoom, Action::Back] {
        let mut app = App::new(issues.clone(), (120, 30));
        press(&mut app, &[Action::Open, Action::Bottom]);
        assert!(app.reader.scroll() > 0);
        let before = top_anchor(&app);
        press(&mut app, &[Action::Zoom]);
        assert!(app.reader.zoom());
        press(&mut app, &[back]);
        assert!(!app.reader.zoom());
        assert_eq!(top_anchor(&app), before, "the same line at the top after zoom and {back:?}");
        // And in the middle, with a zoom that scrolls in between.
        press(&mut app, &[Action::Top, Action::HalfPageDown, Action::HalfPageDown]);
        let before = top_anchor(&app);
        press(&mut app, &[Action::Zoom]);
        let zoomed = top_anchor(&app);
        assert_eq!(zoomed.0, before.0, "the same paragraph at the top while zoomed");
        press(&mut app, &[back]);
        assert_eq!(top_anchor(&app), before);
    }
}

#[test]
fn an_unnumbered_page_shows_no_made_up_number() {
    let upper = page("UPPER.TXT", date(4), None, vec![article("u", "无版号文章", 2)], &[]);
    let third = page("第3版.txt", date(4), Some(3), vec![article("t", "三版文章", 2)], &[]);
    let app = App::new(lvread::archive::group(vec![upper, third]), (120, 30));
    let rows = draw(&app);
    let row = |t: &str| rows.iter().find(|r| r.contains(t)).cloned().unwrap_or_default();
    let unnumbered = row("无版号文章");
    let list_part = unnumbered.split('┃').nth(1).unwrap_or(&unnumbered).to_string();
    assert!(!list_part.chars().take(3).any(|c| c.is_ascii_digit()), "no page number made up: {unnumbered}");
    assert!(list_part.starts_with('-') || list_part.starts_with(' '), "{unnumbered}");
    assert!(row("三版文章").contains("┃3 "), "the numbered page keeps its number: {}", row("三版文章"));
}

#[test]
fn the_first_run_notice_goes_away_at_the_next_key_and_errors_stay() {
    let dir = tempfile::tempdir().expect("temp dir");
    let issues = two_articles();
    let mut app = App::new(issues, (120, 30));
    let mut session = lvread::ui::session::Session::new(lvread::store::Store::open(dir.path()));
    session.restore(&mut app);
    let status = |app: &App| draw(app).last().cloned().unwrap_or_default();
    assert!(status(&app).contains("no reading state yet"), "shown at first: {}", status(&app));
    press(&mut app, &[Action::Resize(120, 30)]);
    assert!(status(&app).contains("no reading state yet"), "a resize is not a key press");
    press(&mut app, &[Action::Down]);
    assert!(!status(&app).contains("no reading state yet"), "gone after a key: {}", status(&app));
    // Feedback to an action is a notice too; an error stays.
    app.message("failed to load bad.txt: not text");
    press(&mut app, &[Action::ToggleBookmark]);
    assert!(status(&app).contains("bookmarked"), "{}", status(&app));
    press(&mut app, &[Action::Up]);
    assert!(status(&app).contains("failed to load bad.txt"), "the error is back in view: {}", status(&app));
    press(&mut app, &[Action::Down, Action::Down]);
    assert!(status(&app).contains("failed to load bad.txt"), "errors stay: {}", status(&app));
}

#[test]
fn a_message_after_a_notice_is_not_hidden_by_it() {
    let issues = lvread::archive::group(vec![page(
        "2023-11-04-1.txt",
        date(4),
        Some(1),
        vec![article("a", "第一篇新闻", 3)],
        &[],
    )]);
    let mut app = App::new(issues, (120, 30));
    app.notice("no reading state yet; starting fresh");
    app.message("config.toml line 4: unknown colour");
    assert_eq!(app.status_message(), Some("config.toml line 4: unknown colour"));
}

#[test]
fn the_fragments_are_found_by_the_reader_search_and_open() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
    use lvread::ui::search_driver::SearchDriver;
    let p = page(
        "2023-11-04-4.txt",
        date(4),
        Some(4),
        vec![article("a", "头版新闻标题", 3)],
        &["本版责编 王晓明 校对 刘丽"],
    );
    let mut app = App::new(lvread::archive::group(vec![p]), (120, 30));
    let mut search = SearchDriver::new();
    let mut key = |app: &mut App, code| {
        let ev = Event::Key(KeyEvent {
            code,
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        });
        if let Some(a) = lvread::ui::keys::event_to_action(app, &ev) {
            for effect in update(app, a) {
                if let lvread::ui::effect::Effect::Search(query) = effect {
                    search.dispatch(app, query);
                }
            }
        }
        for _ in 0..100 {
            if !search.busy() {
                break;
            }
            search.wait(app, std::time::Duration::from_millis(100));
        }
    };
    key(&mut app, KeyCode::Char('/'));
    for c in "王晓明".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.current_article().map(|a| a.title.as_str()),
        Some("（版面其他文字）"),
        "the search opens the fragments"
    );
    assert!(draw(&app).join("\n").contains("本版责编"));
}
