//! The reader as a daily tool (issue 11): overlays, search, resizes,
//! start-up place. Drawn to ratatui's TestBackend where the screen matters.

use lvread::model::{Article, Date, Issue, Page};
use lvread::ui::action::{Action, Edit};
use lvread::ui::app::{App, Overlay, Pane};
use lvread::ui::update::update;
use lvread::ui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod common;
use common::rows;

fn screen_text(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("test terminal");
    let frame = t.draw(|f| view::draw(f, app)).expect("draw");
    rows(frame.buffer).join("\n")
}

fn press(app: &mut App, actions: &[Action]) {
    for &a in actions {
        update(app, a);
    }
}

/// `issues` dated issues (newest first) of `per` articles with long bodies.
fn issues(count: u32, per: usize) -> Vec<Issue> {
    (0..count).map(|i| issue(i, per)).collect()
}

fn issue(i: u32, per: usize) -> Issue {
    let date = Date::new(2024, 3, 20 - i);
    let articles = (0..per)
        .map(|n| Article {
            id: format!("{i}-{n}"),
            title: format!("第{i}期第{n}篇新闻标题"),
            byline: Some("本报讯（记者 王小明）".into()),
            paragraphs: (0..40).map(|p| format!("第{i}期{n}篇第{p}段文字。").repeat(4)).collect(),
            ..Article::default()
        })
        .collect();
    let page = Page { source: format!("{date:?}-{i}.txt"), page: Some(1), date, articles, ..Page::default() };
    Issue { date, date_inferred: false, pages: vec![page.into()] }
}

#[test]
fn q_closes_the_help_and_the_bookmark_list_and_quits_only_from_the_main_screen() {
    let mut app = App::new(issues(2, 3), (80, 24));
    press(&mut app, &[Action::Help, Action::Quit]);
    assert!(!app.quit, "q in the help closes it");
    assert_eq!(app.overlay, None);
    press(&mut app, &[Action::Bookmarks, Action::Quit]);
    assert!(!app.quit, "q in the bookmark list closes it");
    assert_eq!(app.overlay, None);
    assert!(!screen_text(&app).contains("Bookmarks"));
    press(&mut app, &[Action::Quit]);
    assert!(app.quit, "q on the main screen quits");
    // Ctrl-c quits from an overlay too.
    let mut app = App::new(issues(2, 3), (80, 24));
    press(&mut app, &[Action::Help]);
    let ctrl_c = crossterm::event::Event::Key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('c'),
        crossterm::event::KeyModifiers::CONTROL,
    ));
    let action = lvread::ui::keys::event_to_action(&app, &ctrl_c).expect("an action");
    press(&mut app, &[action]);
    assert!(app.quit, "Ctrl-c in the help quits");
}

#[test]
fn opening_and_leaving_search_does_not_mark_the_article_read() {
    let mut app = App::new(issues(2, 3), (120, 40));
    // Select the second article in the list without opening it.
    if app.nav.focus() == Pane::Issues {
        press(&mut app, &[Action::Open]);
    }
    press(&mut app, &[Action::Down]);
    assert_eq!(app.nav.focus(), Pane::Articles);
    let before: Vec<bool> = (0..3).map(|n| app.is_read(0, n)).collect();
    press(&mut app, &[Action::Search, Action::SearchEdit(Edit::Cancel)]);
    screen_text(&app);
    let after: Vec<bool> = (0..3).map(|n| app.is_read(0, n)).collect();
    assert_eq!(before, after, "search opened and left: read marks unchanged");
    assert_eq!(app.nav.article(), 1, "the same article stays selected");
}

#[test]
fn a_shrink_to_one_or_two_columns_keeps_the_reading_place() {
    for tiny in [(1, 1), (2, 2), (1, 10), (2, 1), (3, 12), (4, 12), (5, 3)] {
        let mut app = App::new(issues(1, 2), (45, 12));
        press(&mut app, &[Action::Open, Action::Open]);
        assert_eq!(app.nav.focus(), Pane::Body);
        for _ in 0..40 {
            update(&mut app, Action::Down);
        }
        let before = app.position().expect("a place").anchor;
        assert!(before.is_some(), "scrolled into the article");
        update(&mut app, Action::Resize(tiny.0, tiny.1));
        screen_text(&app);
        update(&mut app, Action::Resize(45, 12));
        let text = screen_text(&app);
        let after = app.position().expect("a place").anchor;
        assert_eq!(after, before, "the same line at the top after {tiny:?} and back:\n{text}");
        assert!(!text.contains("End"), "not thrown to the end after {tiny:?}:\n{text}");
    }
}

#[test]
fn overlays_are_left_with_back_too() {
    let mut app = App::new(issues(1, 2), (80, 24));
    press(&mut app, &[Action::Help]);
    assert!(matches!(app.overlay, Some(Overlay::Help(_))));
    press(&mut app, &[Action::Back]);
    assert_eq!(app.overlay, None);
}

#[test]
fn a_folder_opens_on_the_newest_issue_whatever_order_the_pages_arrive_in() {
    let all = issues(7, 7);
    for order in [[2usize, 0, 1, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1, 0], [3, 6, 0, 2, 5, 1, 4]] {
        let mut app = App::new(Vec::new(), (120, 40));
        for (k, &i) in order.iter().enumerate() {
            app.add_pages(all[i].pages.clone());
            if k == 0 {
                screen_text(&app);
            }
        }
        assert_eq!((app.nav.issue(), app.nav.article()), (0, 0), "order {order:?}");
        assert_eq!(app.current_issue().and_then(|i| i.date), Date::new(2024, 3, 20));
        let text = screen_text(&app);
        assert!(text.contains("issue 1/7"), "order {order:?}:\n{text}");
    }
    // Once the user has moved, arriving pages leave the selection on its article.
    let mut app = App::new(Vec::new(), (120, 40));
    app.add_pages(all[3].pages.clone());
    press(&mut app, &[Action::Down]);
    app.add_pages(all[0].pages.clone());
    assert_eq!(app.current_article().map(|a| a.id.as_str()), Some("3-1"));
}

#[test]
fn the_open_article_is_copied_and_saved_as_clean_text() {
    use lvread::ui::effect::Effect;
    let mut all = issues(1, 2);
    std::sync::Arc::make_mut(&mut all[0].pages[0]).articles[0].paragraphs[0] =
        "第一段\u{1b}]52;c;aGk=\u{7}文字。".into();
    let mut app = App::new(all, (80, 24));
    let effects = update(&mut app, Action::CopyArticle);
    let Some(Effect::Copy(text)) = effects.iter().find(|e| matches!(e, Effect::Copy(_))) else {
        panic!("no copy: {effects:?}");
    };
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "第0期第0篇新闻标题");
    assert_eq!(lines[1], "本报讯（记者 王小明） · 2024-03-20 第1版");
    assert!(text.contains("\n\n第一段文字。\n\n"), "{text}");
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
    let effects = update(&mut app, Action::SaveArticle);
    let Some(Effect::Save { name, text: saved }) = effects.iter().find(|e| matches!(e, Effect::Save { .. })) else {
        panic!("no save: {effects:?}");
    };
    assert_eq!(name, "2024-03-20_第1版_第0期第0篇新闻标题.txt");
    assert_eq!(saved, text);
    // The clipboard sequence carries exactly that text.
    let seq = lvread::ui::clipboard::osc52(text);
    assert!(seq.starts_with("\u{1b}]52;c;") && seq.ends_with('\u{7}'));
}

#[test]
fn next_unread_reads_through_every_issue_and_the_list_counts_unread() {
    let mut app = App::new(issues(3, 3), (120, 40));
    assert!(screen_text(&app).contains("3/3篇"), "nothing read yet:\n{}", screen_text(&app));
    let mut seen = Vec::new();
    for _ in 0..9 {
        press(&mut app, &[Action::NextUnread]);
        assert_eq!(app.nav.focus(), Pane::Body, "the article is open");
        seen.push(app.current_article().map(|a| a.id.clone()).unwrap_or_default());
        if seen.len() == 2 {
            let text = screen_text(&app);
            assert!(text.contains("1/3篇") && text.contains("3/3篇"), "counts after two:\n{text}");
        }
    }
    let expected: Vec<String> = (0..3).flat_map(|i| (0..3).map(move |n| format!("{i}-{n}"))).collect();
    assert_eq!(seen, expected, "newest issue first, in page order, then the older issues");
    let text = screen_text(&app);
    assert_eq!(text.matches("✓3篇").count(), 3, "every issue read:\n{text}");
    press(&mut app, &[Action::NextUnread]);
    assert!(screen_text(&app).contains("no unread article left"));
    // From another issue, the search starts there.
    let mut again = App::new(issues(3, 3), (120, 40));
    press(&mut again, &[Action::NextIssue, Action::NextUnread]);
    assert_eq!(again.current_article().map(|a| a.id.as_str()), Some("1-0"), "from the selected issue on");
}

#[test]
fn marking_an_issue_read_can_be_undone() {
    use lvread::ui::effect::Effect;
    let mut app = App::new(issues(2, 3), (120, 40));
    press(&mut app, &[Action::NextUnread]); // 0-0 read by opening it
    press(&mut app, &[Action::MarkIssueRead]);
    assert!((0..3).all(|n| app.is_read(0, n)));
    assert!(screen_text(&app).contains("U undoes"), "the notice says how to undo");
    let effects = update(&mut app, Action::Undo);
    assert!(app.is_read(0, 0), "what was read before stays read");
    assert!(!app.is_read(0, 1) && !app.is_read(0, 2), "the rest is unread again");
    let unread: Vec<&Effect> = effects.iter().filter(|e| matches!(e, Effect::SetRead(_, false))).collect();
    assert_eq!(unread.len(), 2, "the store is told: {effects:?}");
    assert!(screen_text(&app).contains("2/3篇"));
    press(&mut app, &[Action::Undo]);
    assert!(screen_text(&app).contains("nothing to undo"));
}

#[test]
fn a_notice_is_plain_an_error_is_in_the_message_colour_both_after_a_separator() {
    let mut app = App::new(issues(1, 2), (80, 24));
    let style_of = |app: &App, text: &str| {
        let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("test terminal");
        let frame = t.draw(|f| view::draw(f, app)).expect("draw");
        let buf = frame.buffer.clone();
        let y = app.size.1 - 1;
        let row: String = (0..app.size.0).map(|x| buf[(x, y)].symbol().to_string()).collect();
        let at = row.find(text).unwrap_or_else(|| panic!("{text} not in {row}"));
        let x = row[..at].chars().count() as u16;
        (row, buf[(x, y)].fg)
    };
    app.notice("no reading state yet");
    let (row, notice_fg) = style_of(&app, "no reading state yet");
    assert!(row.contains("│ no reading state yet"), "a separator: {row}");
    assert!(row.contains("? help") && row.contains("q quit"), "the key hints stay: {row}");
    app.message("config.toml line 1: unclosed table");
    let (row, error_fg) = style_of(&app, "config.toml line 1");
    assert!(row.contains("│ config.toml"), "{row}");
    assert_ne!(notice_fg, error_fg, "a notice is not drawn like an error");
    assert_eq!(notice_fg, app.theme.status.fg.unwrap_or(ratatui::style::Color::Reset), "plain: {row}");
}

#[test]
fn the_body_is_titled_with_date_and_page_not_a_file_name() {
    let mut all = issues(1, 1);
    std::sync::Arc::make_mut(&mut all[0].pages[0]).source = "004_f29a86dd7812ed2b.txt".into();
    std::sync::Arc::make_mut(&mut all[0].pages[0]).page = Some(3);
    let app = App::new(all.clone(), (120, 40));
    let text = screen_text(&app);
    assert!(text.contains(" 2024-03-20 第3版 "), "{text}");
    assert!(!text.contains("f29a86dd"), "{text}");
    // A guessed date says so; with no page the date alone.
    std::sync::Arc::make_mut(&mut all[0].pages[0]).page = None;
    std::sync::Arc::make_mut(&mut all[0].pages[0]).date_inferred = true;
    let text = screen_text(&App::new(all, (120, 40)));
    assert!(text.contains(" 约2024-03-20 ") && !text.contains("f29a86dd"), "{text}");
}
