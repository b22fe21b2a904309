#![allow(clippy::unwrap_used)]
//! Reading state in the reader: read marks, bookmarks, the last position
//! across a restart, settings and background loading. Drawn to ratatui's
//! TestBackend and checked on the screen a user would see.

use lvread::config::{self, Config};
use lvread::model::{Article, Date, Issue, Page};
use lvread::store::{STATE_FILE, Store};
use lvread::ui::action::Action;
use lvread::ui::app::{App, Overlay, Pane};
use lvread::ui::effect::Effect;
use lvread::ui::session::Session;
use lvread::ui::update::update;
use lvread::ui::{settings, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use std::path::Path;
use std::time::{Duration, Instant};

mod common;
use common::{region, rows};

fn draw_buffer(app: &App) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("test terminal");
    t.draw(|f| view::draw(f, app)).expect("draw").buffer.clone()
}

fn screen(app: &App) -> String {
    rows(&draw_buffer(app)).join("\n")
}

/// The article list's row showing `title` (it is unique in the sample).
fn list_row(app: &App, title: &str) -> String {
    let shown: String = title.chars().take(6).collect();
    let buf = draw_buffer(app);
    let r = app.screen().articles.expect("article list shown");
    region(&buf, r)
        .into_iter()
        .find(|row| row.contains(&shown))
        .unwrap_or_else(|| panic!("{title} not in the article list:\n{}", screen(app)))
}

/// The marks before the headline in a list row (bookmark, read, kind marker, space).
fn marks_of(row: &str, title: &str) -> String {
    let shown: String = title.chars().take(6).collect();
    let at = row.find(&shown).unwrap_or(0);
    let before: Vec<char> = row[..at].chars().collect();
    before[before.len().saturating_sub(5)..].iter().collect()
}

fn press(app: &mut App, session: &mut Session, actions: &[Action]) {
    for &a in actions {
        session.on_action(a);
        for effect in update(app, a) {
            session.apply(effect);
        }
        session.tick(app, Instant::now());
    }
}

/// Three issues of six articles with long bodies.
fn sample() -> Vec<Issue> {
    (0..3u32)
        .map(|i| {
            let articles: Vec<Article> = (0..6)
                .map(|n| Article {
                    id: format!("id-{i}-{n}"),
                    title: format!("第{i}期第{n}篇新闻的标题"),
                    paragraphs: (0..60).map(|p| format!("第{i}期{n}篇第{p}段的正文。").repeat(5)).collect(),
                    ..Article::default()
                })
                .collect();
            let date = Date::new(2023, 11, 4 - i);
            Issue {
                date,
                date_inferred: false,
                pages: vec![
                    Page { source: format!("2023-11-0{}.txt", 4 - i), date, articles, ..Page::default() }.into(),
                ],
            }
        })
        .collect()
}

fn title(i: usize, n: usize) -> String {
    format!("第{i}期第{n}篇新闻的标题")
}

/// A reader over the sample with its state in `dir`.
fn open(dir: &Path, size: (u16, u16)) -> (App, Session) {
    let mut app = App::new(sample(), size);
    let mut session = Session::new(Store::open(dir));
    session.restore(&mut app);
    (app, session)
}

#[test]
fn an_opened_article_is_marked_read_and_u_marks_it_unread() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut s) = open(dir.path(), (120, 40));
    assert!(!marks_of(&list_row(&app, &title(0, 1)), &title(0, 1)).contains('✓'));
    press(&mut app, &mut s, &[Action::Down, Action::Open]);
    assert_eq!(app.nav.focus(), Pane::Body);
    assert!(
        marks_of(&list_row(&app, &title(0, 1)), &title(0, 1)).contains('✓'),
        "read once opened: {:?}\n{}",
        list_row(&app, &title(0, 1)),
        screen(&app)
    );
    assert!(!marks_of(&list_row(&app, &title(0, 2)), &title(0, 2)).contains('✓'), "others stay unread");
    press(&mut app, &mut s, &[Action::MarkUnread]);
    assert!(!marks_of(&list_row(&app, &title(0, 1)), &title(0, 1)).contains('✓'), "u marks it unread while it is open");
    assert!(screen(&app).contains("marked unread"));
    // Scrolling on keeps it unread; leaving and coming back reads it again.
    press(&mut app, &mut s, &[Action::Down, Action::Down]);
    assert!(!app.is_read(0, 1));
    press(&mut app, &mut s, &[Action::NextArticle, Action::PrevArticle]);
    assert!(app.is_read(0, 1));
}

#[test]
fn capital_r_marks_the_whole_issue_read() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut s) = open(dir.path(), (120, 40));
    press(&mut app, &mut s, &[Action::MarkIssueRead]);
    for n in 0..6 {
        assert!(marks_of(&list_row(&app, &title(0, n)), &title(0, n)).contains('✓'), "article {n}");
    }
    assert!(!app.is_read(1, 0), "only this issue");
    assert!(screen(&app).contains("6 articles marked read"));
    // The issue list shows the issue as read.
    let text = screen(&app);
    assert!(text.lines().any(|l| l.contains("2023-11-04") && l.contains("✓6篇")), "{text}");
    assert!(text.lines().any(|l| l.contains("2023-11-03") && l.contains(" 6/6篇")), "unread/total: {text}");
}

#[test]
fn m_bookmarks_and_the_list_jumps_back_to_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut s) = open(dir.path(), (120, 40));
    press(&mut app, &mut s, &[Action::Down, Action::Down, Action::ToggleBookmark]);
    assert!(marks_of(&list_row(&app, &title(0, 2)), &title(0, 2)).contains('★'), "the list shows the bookmark");
    // Elsewhere, open the list and jump back.
    press(&mut app, &mut s, &[Action::NextIssue, Action::Down, Action::Bookmarks]);
    assert_eq!(app.overlay, Some(Overlay::Bookmarks(0)));
    let text = screen(&app);
    assert!(text.contains("Bookmarks 1") && text.contains(&title(0, 2)) && text.contains("2023-11-04"), "{text}");
    press(&mut app, &mut s, &[Action::Open]);
    assert_eq!(app.overlay, None);
    assert_eq!((app.nav.issue(), app.nav.article(), app.nav.focus()), (0, 2, Pane::Body));
    // m again removes it; the list then says how to add one.
    press(&mut app, &mut s, &[Action::ToggleBookmark, Action::Bookmarks]);
    assert!(screen(&app).contains("No bookmarks yet"));
    press(&mut app, &mut s, &[Action::Back]);
    assert_eq!(app.overlay, None);
    assert!(!marks_of(&list_row(&app, &title(0, 2)), &title(0, 2)).contains('★'));
}

#[test]
fn bookmarks_can_be_removed_from_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut s) = open(dir.path(), (100, 30));
    press(
        &mut app,
        &mut s,
        &[
            Action::ToggleBookmark,
            Action::Down,
            Action::ToggleBookmark,
            Action::Bookmarks,
            Action::Down,
            Action::ToggleBookmark,
        ],
    );
    assert_eq!(app.marks.bookmarks.len(), 1);
    assert_eq!(app.marks.bookmarks[0].title, title(0, 0));
    assert_eq!(app.overlay, Some(Overlay::Bookmarks(0)));
    // The list opens on the bookmark of the article being read.
    press(&mut app, &mut s, &[Action::Back, Action::Down, Action::ToggleBookmark, Action::Up, Action::Bookmarks]);
    assert_eq!(app.nav.article(), 1, "not bookmarked: the list opens on the first");
    assert_eq!(app.overlay, Some(Overlay::Bookmarks(0)));
    press(&mut app, &mut s, &[Action::Back, Action::Down, Action::Bookmarks]);
    assert_eq!(app.overlay, Some(Overlay::Bookmarks(1)));
}

#[test]
fn quitting_and_restarting_returns_to_the_same_article_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut s) = open(dir.path(), (120, 40));
    press(&mut app, &mut s, &[Action::NextIssue, Action::Down, Action::Down, Action::Down, Action::Open]);
    press(&mut app, &mut s, &[Action::Down; 23]);
    press(&mut app, &mut s, &[Action::ToggleBookmark]);
    let (issue, article, scroll) = (app.nav.issue(), app.nav.article(), app.reader.scroll());
    assert_eq!((issue, article), (1, 3));
    assert!(scroll >= 20, "scrolled: {scroll}");
    let before: Vec<String> = rows(&draw_buffer(&app)).into_iter().skip(1).take(20).collect();
    s.finish(&mut app);
    assert!(dir.path().join(STATE_FILE).exists());

    let (mut again, mut s2) = open(dir.path(), (120, 40));
    update(&mut again, Action::Resize(120, 40));
    s2.tick(&mut again, Instant::now());
    assert_eq!((again.nav.issue(), again.nav.article(), again.reader.scroll()), (issue, article, scroll));
    let after: Vec<String> = rows(&draw_buffer(&again)).into_iter().skip(1).take(20).collect();
    assert_eq!(after, before, "the same screen after a restart");
    assert!(again.is_read(1, 3));
    assert!(marks_of(&list_row(&again, &title(1, 3)), &title(1, 3)).contains('★'));
}

#[test]
fn unread_only_is_still_on_after_a_restart_and_off_once_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut s) = open(dir.path(), (120, 40));
    // Read the second article, list unread articles only, move on to the third.
    press(&mut app, &mut s, &[Action::Down, Action::Open, Action::Back, Action::ToggleUnreadOnly, Action::Down]);
    assert_eq!(app.nav.article(), 2);
    assert!(!screen(&app).contains(&title(0, 1)), "{}", screen(&app));
    s.finish(&mut app);

    let (mut again, mut s2) = open(dir.path(), (120, 40));
    let text = screen(&again);
    assert!(text.contains("unread only") && text.contains("Unread"), "still on after a restart:\n{text}");
    assert!(!text.contains(&title(0, 1)), "the read article is not listed:\n{text}");
    press(&mut again, &mut s2, &[Action::ToggleUnreadOnly]);
    s2.finish(&mut again);

    let (third, _s3) = open(dir.path(), (120, 40));
    let text = screen(&third);
    assert!(!text.contains("unread only") && text.contains(&title(0, 1)), "off after a restart:\n{text}");
}

#[test]
fn a_restart_in_a_narrower_terminal_keeps_the_paragraph_at_the_top() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut s) = open(dir.path(), (120, 40));
    press(&mut app, &mut s, &[Action::Open]);
    press(&mut app, &mut s, &[Action::Down; 30]);
    let top = app.layout_at(app.reader.width()).and_then(|l| l.anchor(app.reader.scroll())).expect("anchor");
    s.finish(&mut app);
    let (mut again, mut s2) = open(dir.path(), (70, 30));
    s2.tick(&mut again, Instant::now());
    let now = again.layout_at(again.reader.width()).and_then(|l| l.anchor(again.reader.scroll())).expect("anchor");
    assert_eq!(now.0, top.0, "same paragraph at the top");
}

#[test]
fn a_corrupt_state_file_is_reported_in_the_status_bar_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(STATE_FILE), "{ not json").unwrap();
    let (mut app, mut s) = open(dir.path(), (160, 30));
    let status = rows(&draw_buffer(&app)).pop().unwrap();
    assert!(status.contains("corrupt"), "{status}");
    assert_eq!(std::fs::read_to_string(dir.path().join("state.json.bad")).unwrap(), "{ not json");
    // And the reader goes on, saving a fresh state.
    press(&mut app, &mut s, &[Action::Open]);
    s.finish(&mut app);
    assert!(Store::open(dir.path()).is_read("id-0-0"));
}

#[test]
fn state_is_written_after_changes_at_most_once_a_second() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut s) = open(dir.path(), (120, 40));
    let t0 = Instant::now();
    update(&mut app, Action::Open).into_iter().for_each(|e| s.apply(e));
    s.tick(&mut app, t0);
    assert!(Store::open(dir.path()).is_read("id-0-0"), "written at once");
    update(&mut app, Action::NextArticle).into_iter().for_each(|e| s.apply(e));
    s.tick(&mut app, t0 + Duration::from_millis(200));
    assert!(!Store::open(dir.path()).is_read("id-0-1"), "not twice within a second");
    assert!(s.wake_in().is_some(), "the loop wakes up to write it");
    s.tick(&mut app, t0 + Duration::from_millis(1100));
    assert!(Store::open(dir.path()).is_read("id-0-1"));
}

#[test]
fn settings_rebind_keys_and_no_color_keeps_reverse_video() {
    let cfg = config::parse("[keys]\ntoggle_bookmark = \"B\"\n", "c", None).unwrap();
    let mut app = App::new(sample(), (120, 40));
    settings::apply(&mut app, &cfg);
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let key = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    assert_eq!(lvread::ui::keys::translate(&app.settings.keymap, &key('B')), Some(Action::ToggleBookmark));
    assert_eq!(lvread::ui::keys::translate(&app.settings.keymap, &key('m')), None);

    let mut plain = App::new(sample(), (120, 40));
    settings::apply(&mut plain, &Config::default().without_color());
    let buf = draw_buffer(&plain);
    let mut reversed = false;
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            assert_eq!((c.fg, c.bg), (ratatui::style::Color::Reset, ratatui::style::Color::Reset), "colour at {x},{y}");
            reversed |= c.modifier.contains(ratatui::style::Modifier::REVERSED);
        }
    }
    assert!(reversed, "the selection is still marked");
}

#[test]
fn max_width_limits_the_body() {
    let cfg = config::parse("max_width = 10\n", "c", None).unwrap();
    let mut app = App::new(sample(), (160, 40));
    settings::apply(&mut app, &cfg);
    let s = app.screen();
    let text = lvread::ui::geometry::body_text(s.body.unwrap(), app.settings.max_body_width);
    assert_eq!(text.width, 20);
}

fn write_archive(dir: &Path, days: u32, pages: u32) {
    for d in 1..=days {
        let folder = dir.join(format!("2023/10/{d:02}"));
        std::fs::create_dir_all(&folder).unwrap();
        for p in 1..=pages {
            // Pages of a realistic size (about 6 KB), so that loading them
            // takes a visible while even in a release build.
            let body = format!("全市各地各部门认真落实第{p}版会议精神，推动工作\n取得新成效，群众满意度不断提升。\n")
                .repeat(40);
            std::fs::write(
                folder.join(format!("p{p:02}.txt")),
                format!("第{d}日第{p}版\n本报讯 10月{d}日，第{p}版的新闻正文。\n{body}"),
            )
            .unwrap();
        }
    }
    std::fs::write(dir.join("2023/10/01/broken.txt"), [0u8, 159, 146, 150, 0, 0, 1, 2].repeat(64)).unwrap();
}

/// Ticks until loading is over, returning the progress values seen.
fn load_all(app: &mut App, s: &mut Session) -> Vec<(usize, usize)> {
    let mut seen = Vec::new();
    let until = Instant::now() + Duration::from_secs(60);
    while s.is_loading() && Instant::now() < until {
        s.tick(app, Instant::now());
        if let Some(p) = app.status.progress {
            seen.push(p);
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    s.tick(app, Instant::now());
    seen
}

#[test]
fn a_big_archive_loads_in_the_background_with_progress() {
    let dir = tempfile::tempdir().unwrap();
    write_archive(dir.path(), 30, 8);
    let state = tempfile::tempdir().unwrap();
    let mut app = App::new(Vec::new(), (120, 30));
    let mut s = Session::new(Store::open(state.path()));
    s.restore(&mut app);
    s.load_in_background(vec![dir.path().to_path_buf()]);
    let seen = load_all(&mut app, &mut s);
    assert!(!seen.is_empty(), "241 files show progress");
    assert!(seen.iter().all(|&(_, t)| t == 241));
    assert_eq!(app.status.progress, None, "the bar goes when done");
    assert_eq!(app.issues.len(), 30);
    assert_eq!(app.issues[0].label(), "2023-10-30", "newest first");
    let pages: Vec<Option<u32>> = app.issues[0].pages.iter().map(|p| p.page).collect();
    assert_eq!(pages, (1..=8).map(Some).collect::<Vec<_>>());
    assert_eq!(s.errors.len(), 1, "{:?}", s.errors);
    assert!(s.errors[0].contains("broken.txt"));
    let status = rows(&draw_buffer(&app)).pop().unwrap();
    assert!(status.contains("broken.txt"), "failure in the status bar: {status}");
}

#[test]
fn the_status_line_shows_a_progress_bar() {
    let mut app = App::new(sample(), (120, 30));
    app.status.progress = Some((150, 600));
    let status = rows(&draw_buffer(&app)).pop().unwrap();
    assert!(status.contains("loading") && status.contains("150/600"), "{status}");
    assert!(status.contains("██▌") || status.contains("██░"), "{status}");
}

#[test]
fn the_last_position_comes_back_once_its_issue_has_loaded() {
    let dir = tempfile::tempdir().unwrap();
    write_archive(dir.path(), 12, 2);
    let state = tempfile::tempdir().unwrap();
    // First run: read an old issue.
    let mut app = App::new(Vec::new(), (120, 30));
    let mut s = Session::new(Store::open(state.path()));
    s.restore(&mut app);
    s.load_in_background(vec![dir.path().to_path_buf()]);
    load_all(&mut app, &mut s);
    press(&mut app, &mut s, &[Action::FocusLeft, Action::Bottom, Action::Open, Action::Open]);
    let label = app.current_issue().unwrap().label();
    assert_eq!(label, "2023-10-01");
    let id = app.current_key().unwrap();
    s.finish(&mut app);
    // Second run: the position is restored though that issue loads last.
    let mut app = App::new(Vec::new(), (120, 30));
    let mut s = Session::new(Store::open(state.path()));
    s.restore(&mut app);
    s.load_in_background(vec![dir.path().to_path_buf()]);
    load_all(&mut app, &mut s);
    let saved = s.store().position().cloned();
    assert_eq!(
        app.current_issue().unwrap().label(),
        label,
        "saved {saved:?}, {} issues, errors {:?}",
        app.issues.len(),
        s.errors
    );
    assert_eq!(app.current_key().unwrap(), id);
    assert!(app.is_read(app.nav.issue(), app.nav.article()));
}

#[test]
fn the_article_being_read_stays_selected_while_pages_arrive() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("2023-12-01_p01.txt"), "本报讯 12月1日，新的一期。\n").unwrap();
    std::fs::write(dir.path().join("2023-11-03_p02.txt"), "本报讯 同一天的第二版。\n").unwrap();
    let mut app = App::new(sample(), (120, 30));
    let mut s = Session::new(Store::disabled());
    s.restore(&mut app);
    press(&mut app, &mut s, &[Action::NextIssue, Action::Down, Action::Down, Action::Down, Action::Open]);
    let (label, key) = (app.current_issue().unwrap().label(), app.current_key().unwrap());
    s.load_in_background(vec![dir.path().to_path_buf()]);
    load_all(&mut app, &mut s);
    assert_eq!(app.issues.len(), 4, "a new issue above");
    assert_eq!(app.issues[0].label(), "2023-12-01");
    assert_eq!(app.nav.issue(), 2, "the selection moved down with its issue");
    assert_eq!((app.current_issue().unwrap().label(), app.current_key().unwrap()), (label, key));
    assert_eq!(app.nav.focus(), Pane::Body);
}

#[test]
fn pages_that_load_with_problems_are_reported_once_loading_is_done() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("2023-11-01_p01.txt"), "本报讯 11月1日，一切正常的一版。\n").unwrap();
    std::fs::write(dir.path().join("2023-11-01_p02.txt"), "").unwrap();
    let mut bad = "本报讯 11月1日，市委召开会议，研究部署冬季安全生产工作。".repeat(10).into_bytes();
    bad.splice(60..60, [0xFF, 0xFE]);
    std::fs::write(dir.path().join("2023-11-01_p03.txt"), bad).unwrap();
    let mut app = App::new(Vec::new(), (160, 30));
    let mut s = Session::new(Store::disabled());
    s.restore(&mut app);
    s.load_in_background(vec![dir.path().to_path_buf()]);
    load_all(&mut app, &mut s);
    assert_eq!(app.issues.len(), 1);
    assert_eq!(app.issues[0].pages.len(), 3, "every page loaded");
    assert_eq!(s.warnings.len(), 2, "{:?}", s.warnings);
    assert!(
        s.warnings.iter().any(|w| w.contains("p02.txt"))
            && s.warnings.iter().any(|w| w.contains("p03.txt") && w.contains("UTF-8")),
        "{:?}",
        s.warnings
    );
    let status = rows(&draw_buffer(&app)).pop().unwrap();
    assert!(status.contains("2 warnings while loading"), "{status}");
}

#[test]
fn a_failed_file_and_warnings_are_reported_together() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("2023-11-01_p01.txt"), "本报讯 11月1日，一切正常的一版。\n").unwrap();
    std::fs::write(dir.path().join("2023-11-01_p02.txt"), "").unwrap();
    std::fs::write(dir.path().join("2023-11-01_p03.txt"), [0u8, 159, 146, 150, 0, 0, 1, 2].repeat(64)).unwrap();
    let mut app = App::new(Vec::new(), (200, 30));
    let mut s = Session::new(Store::disabled());
    s.restore(&mut app);
    s.load_in_background(vec![dir.path().to_path_buf()]);
    load_all(&mut app, &mut s);
    let status = rows(&draw_buffer(&app)).pop().unwrap();
    assert!(status.contains("failed to load") && status.contains("p03.txt"), "{status}");
    assert!(status.contains("warning: ") && status.contains("p02.txt"), "the warning is not hidden: {status}");
}

#[test]
fn when_nothing_loads_the_status_bar_says_why() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bin.txt"), [0u8, 159, 146, 150, 0, 0, 1, 2].repeat(64)).unwrap();
    let mut app = App::new(Vec::new(), (160, 30));
    let mut s = Session::new(Store::disabled());
    s.restore(&mut app);
    s.load_in_background(vec![dir.path().join("bin.txt")]);
    load_all(&mut app, &mut s);
    let status = rows(&draw_buffer(&app)).pop().unwrap();
    assert!(status.contains("nothing to read: failed to load") && status.contains("bin.txt"), "{status}");
}

#[test]
fn a_recurring_item_in_several_issues_keeps_the_right_one_selected() {
    // The same notice, under the same file name, in two issues: one id.
    let mut issues = sample();
    let notice = Article {
        id: "same-notice".into(),
        title: "本报启事".into(),
        paragraphs: vec!["本报地址：吕梁市。".into()],
        ..Article::default()
    };
    std::sync::Arc::make_mut(&mut issues[1].pages[0]).articles.push(notice.clone());
    std::sync::Arc::make_mut(&mut issues[2].pages[0]).articles.push(notice);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("2023-12-01_p01.txt"), "本报讯 12月1日，新的一期。\n").unwrap();
    let mut app = App::new(issues, (120, 30));
    let mut s = Session::new(Store::disabled());
    s.restore(&mut app);
    press(&mut app, &mut s, &[Action::NextIssue, Action::NextIssue, Action::Bottom, Action::Open]);
    assert_eq!((app.nav.issue(), app.current_key().unwrap().as_str()), (2, "same-notice"));
    s.load_in_background(vec![dir.path().to_path_buf()]);
    load_all(&mut app, &mut s);
    assert_eq!(app.current_issue().unwrap().label(), "2023-11-02", "not the other issue's copy");
    // A bookmark opens the copy in the issue it was made in.
    press(&mut app, &mut s, &[Action::ToggleBookmark, Action::PrevIssue, Action::Bookmarks, Action::Open]);
    assert_eq!(app.current_issue().unwrap().label(), "2023-11-02");
}

#[test]
fn two_readers_open_at_once_keep_each_others_marks() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut sa) = open(dir.path(), (120, 40));
    let (mut b, mut sb) = open(dir.path(), (120, 40));
    press(&mut a, &mut sa, &[Action::Open, Action::ToggleBookmark]);
    sa.finish(&mut a);
    press(&mut b, &mut sb, &[Action::NextIssue, Action::Open]);
    sb.finish(&mut b);
    let (again, _) = open(dir.path(), (120, 40));
    assert!(again.is_read(0, 0), "the first reader's mark survives the second one's save");
    assert!(again.is_read(1, 0));
    assert_eq!(again.marks.bookmarks.len(), 1);
    assert_eq!((again.nav.issue(), again.nav.article()), (1, 0), "the position of the last one to quit");
}

/// The positions to save among an update's effects.
fn positions(effects: Vec<Effect>) -> Vec<lvread::store::Position> {
    effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::SavePosition(p) => Some(p),
            _ => None,
        })
        .collect()
}

#[test]
fn the_position_is_saved_through_an_effect_only_when_it_changes() {
    let mut app = App::new(sample(), (120, 40));
    app.take_effects();
    let moved = positions(update(&mut app, Action::Down));
    assert_eq!(moved.len(), 1, "one position per move");
    assert_eq!((moved[0].article.as_deref(), moved[0].scroll), (Some("id-0-1"), 0));
    assert!(positions(update(&mut app, Action::Help)).is_empty(), "opening the help does not move");
    assert!(positions(update(&mut app, Action::Help)).is_empty(), "nor does closing it");
    update(&mut app, Action::Open);
    let scrolled = positions(update(&mut app, Action::Down));
    assert_eq!(scrolled.len(), 1);
    assert_eq!(scrolled[0].scroll, 1, "a line down is a new position");
    assert!(scrolled[0].anchor.is_some(), "with the line read, for another width");
    // Several moves not yet handed out leave only the latest.
    app.emit(Effect::SavePosition(scrolled[0].clone()));
    app.emit(Effect::SavePosition(lvread::store::Position::default()));
    assert_eq!(positions(app.take_effects()), vec![lvread::store::Position::default()]);
}

#[test]
fn a_big_archives_made_up_headlines_are_mended_by_the_session_off_the_readers_thread() {
    let body = "近日，离石区信义镇东泰绿谷农业园温室大棚的草莓迎来了成熟采摘与上市的季节。";
    let cut = "离石区信义镇东泰绿谷农业园温室大棚的草莓迎来了成…";
    let article =
        Article { title: cut.into(), title_inferred: true, paragraphs: vec![body.into()], ..Article::default() };
    let page = std::sync::Arc::new(Page { articles: vec![article], ..Page::default() });
    let issues: Vec<Issue> = (0..=lvread::ui::app::MEND_AT_ONCE_PAGES)
        .map(|_| Issue { pages: vec![std::sync::Arc::new((*page).clone())], ..Issue::default() })
        .collect();
    let _ = lvread::search::words::jieba();
    let mut app = App::new(issues, (80, 24));
    let mut s = Session::new(Store::disabled());
    let deadline = Instant::now() + Duration::from_secs(120);
    s.tick(&mut app, Instant::now());
    assert!(s.mending_titles(&app), "too many pages to mend on the reader's thread");
    while s.mending_titles(&app) && Instant::now() < deadline {
        s.tick(&mut app, Instant::now());
        std::thread::sleep(Duration::from_millis(2));
    }
    let titles: Vec<&str> =
        app.issues.iter().flat_map(|i| &i.pages).flat_map(|p| &p.articles).map(|a| a.title.as_str()).collect();
    assert_eq!(titles.len(), lvread::ui::app::MEND_AT_ONCE_PAGES + 1);
    assert!(titles.iter().all(|&t| t == "离石区信义镇东泰绿谷农业园温室大棚的草莓迎来了…"), "{:?}", &titles[..2]);
}
