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
    assert_eq!(notice_fg, app.settings.theme.status.fg.unwrap_or(ratatui::style::Color::Reset), "plain: {row}");
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

/// The titles the article list shows, top to bottom.
fn listed_titles(app: &App) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("test terminal");
    let frame = t.draw(|f| view::draw(f, app)).expect("draw");
    let pane = app.screen().articles.expect("the article list on screen");
    common::region(frame.buffer, pane)
        .iter()
        .filter_map(|row| row.find('第').map(|at| row[at..].trim_end_matches([' ', '│', '┃']).to_string()))
        .collect()
}

#[test]
fn unread_only_lists_and_moves_through_the_unread_articles() {
    let mut app = App::new(issues(2, 5), (120, 40));
    // Read articles 1 and 3 of the first issue, then go back to the list.
    press(&mut app, &[Action::Down, Action::Open, Action::Back, Action::Down, Action::Down, Action::Open]);
    press(&mut app, &[Action::Back, Action::Top]);
    assert!(app.is_read(0, 1) && app.is_read(0, 3) && !app.is_read(0, 0));
    assert_eq!(listed_titles(&app).len(), 5, "every article listed before the toggle:\n{}", screen_text(&app));
    press(&mut app, &[Action::ToggleUnreadOnly]);
    let text = screen_text(&app);
    assert!(text.contains("unread only"), "the status bar says the filter is on:\n{text}");
    assert!(text.contains(" Unread 1/3 "), "{text}");
    assert_eq!(listed_titles(&app), ["第0期第0篇新闻标题", "第0期第2篇新闻标题", "第0期第4篇新闻标题"]);
    // j skips the read articles.
    press(&mut app, &[Action::Down]);
    assert_eq!(app.nav.article(), 2);
    press(&mut app, &[Action::Down]);
    assert_eq!(app.nav.article(), 4);
    // Opening one reads it, yet it stays listed while selected.
    press(&mut app, &[Action::Open]);
    assert!(app.is_read(0, 4));
    assert!(listed_titles(&app).contains(&"第0期第4篇新闻标题".to_string()));
    // ] goes on to the next unread article, into the next issue.
    press(&mut app, &[Action::NextArticle]);
    assert_eq!((app.nav.issue(), app.nav.article()), (1, 0));
    // [ comes back to the last unread article of the first issue (4 is read now).
    press(&mut app, &[Action::PrevArticle]);
    assert_eq!((app.nav.issue(), app.nav.article()), (0, 2));
    // Off again: every article, and the status bar says nothing of it.
    press(&mut app, &[Action::ToggleUnreadOnly, Action::Back]);
    let text = screen_text(&app);
    assert!(!text.contains("unread only"), "{text}");
    assert_eq!(listed_titles(&app).len(), 5);
}

#[test]
fn unread_only_next_issue_starts_on_its_first_unread_article() {
    let mut app = App::new(issues(2, 3), (120, 40));
    press(&mut app, &[Action::NextIssue, Action::Open, Action::Back, Action::PrevIssue]);
    assert!(app.is_read(1, 0));
    press(&mut app, &[Action::ToggleUnreadOnly, Action::NextIssue]);
    assert_eq!((app.nav.issue(), app.nav.article()), (1, 1), "the read first article is skipped");
}

#[test]
fn every_message_can_be_read_in_full_in_the_message_log() {
    let mut app = App::new(issues(1, 2), (80, 24));
    let long = "config.toml line 1: unclosed table, expected `]` — the rest of the file is applied setting by setting";
    app.message(long);
    let text = screen_text(&app);
    let status = text.lines().last().unwrap_or("").to_string();
    assert!(!status.contains("setting by setting"), "cut in the status bar: {status}");
    assert!(status.contains("M more"), "the bar says how to read it all: {status}");
    assert!(status.contains("? help") && status.contains("q quit"), "{status}");
    press(&mut app, &[Action::Messages]);
    let text = screen_text(&app);
    let joined: String = text.lines().map(|l| l.trim_matches(|c: char| c == '│' || c == ' ')).collect();
    assert!(joined.contains(&long.replace(' ', "")) || text.contains("setting by setting"), "in full:\n{text}");
    assert!(text.contains("Messages"), "{text}");
    press(&mut app, &[Action::Quit]);
    assert!(!app.quit && app.overlay.is_none(), "q closes the log");
    // The help lists the key.
    let mut tall = App::new(issues(1, 2), (100, 60));
    press(&mut tall, &[Action::Help]);
    assert!(screen_text(&tall).contains("every message of this run"));
}

#[test]
fn a_made_up_headline_is_not_cut_inside_a_word() {
    // A page with no headline: the loader makes one from the first clause,
    // cut at 24 characters, which here falls inside 成熟.
    let text = "近日，城关镇东方红生态农业园区温室大棚里的草莓迎来了成熟采摘与上市的季节，游客纷纷前来。\n\
                走进大棚，大片草莓映入眼帘，红彤彤的果实挂满枝头，游客们带着家人一同体验采摘的乐趣。\n";
    let page = lvread::loader::load_text("2024-03-20-1.txt", text, Vec::new());
    let loaded = page.articles.first().map(|a| a.title.clone()).unwrap_or_default();
    lvread::search::words::jieba();
    let app = App::new(lvread::archive::group(vec![page]), (80, 24));
    let shown = app.current_article().map(|a| a.title.clone()).unwrap_or_default();
    let screen = screen_text(&app);
    assert!(!screen.contains("成…"), "no broken word on screen:\n{screen}");
    if loaded.ends_with("成…") {
        // (When the loader cuts elsewhere, there is nothing to mend.)
        assert!(shown.ends_with("迎来了…"), "cut before 成熟, not inside it: {shown}");
        assert!(screen.contains("草莓迎来了…"), "{screen}");
    }
}

#[test]
fn a_harmless_notice_leaves_the_key_hints_in_place() {
    let status = |app: &App| screen_text(app).lines().last().unwrap_or("").to_string();
    let hints = ["j move", "Enter read", "} issue", "/ search", "? help", "q quit"];
    let long = "no reading state yet (/home/someone/.local/share/lvread/state.json); starting fresh";
    // Wide enough: the notice whole and every hint.
    let mut app = App::new(issues(2, 3), (200, 40));
    app.notice(long);
    let wide = status(&app);
    assert!(wide.contains(long) && hints.iter().all(|h| wide.contains(h)), "{wide}");
    // At 120 columns a notice takes no more than its share: the hints that
    // move through the list stay, beside help and quit.
    let mut app = App::new(issues(2, 3), (120, 40));
    app.notice(long);
    let narrow = status(&app);
    assert!(narrow.contains("│ no reading state"), "{narrow}");
    for h in ["j move", "Enter read", "? help", "q quit"] {
        assert!(narrow.contains(h), "a notice pushed out {h}: {narrow}");
    }
    // An error of the same length may take every column but help and quit.
    let mut app = App::new(issues(2, 3), (120, 40));
    app.message(long);
    let err = status(&app);
    assert!(err.contains("? help") && err.contains("q quit") && !err.contains("j move"), "{err}");
    assert!(err.contains("lvread/") && !narrow.contains("lvread/"), "more of an error is shown: {err}");
}

#[test]
fn a_subheading_is_drawn_as_a_subheading_not_as_an_indented_paragraph() {
    // A news item with two subheadings, read by the loader as a file would be.
    let path = format!("{}/tests/pages/qa_subhead_after_benbaoxun_splits.txt", env!("CARGO_MANIFEST_DIR"));
    let page = lvread::loader::load_file(std::path::Path::new(&path)).unwrap_or_else(|e| panic!("{e}"));
    let date = page.date;
    let app = App::new(vec![Issue { date, date_inferred: page.date_inferred, pages: vec![page.into()] }], (120, 40));
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("test terminal");
    let frame = t.draw(|f| view::draw(f, &app)).expect("draw");
    let buf = frame.buffer.clone();
    let area = lvread::ui::geometry::body_text(app.screen().body.expect("body shown"), app.settings.max_body_width);
    let body = common::region(&buf, area);
    let theme = &app.settings.theme;
    for sub in ["做大核桃产业", "做优肉牛养殖"] {
        let y = body.iter().position(|r| r.contains(sub)).unwrap_or_else(|| panic!("{sub} not in {body:#?}"));
        assert!(body[y].starts_with(sub), "not indented like a paragraph: {:?}", body[y]);
        assert!(body[y - 1].trim().is_empty(), "a blank line before {sub}: {body:#?}");
        let cell = &buf[(area.x, area.y + y as u16)];
        assert_eq!(cell.fg, theme.subheading.fg.unwrap_or(ratatui::style::Color::Reset), "{sub}");
        assert!(cell.modifier.contains(ratatui::style::Modifier::BOLD), "{sub} is bold");
    }
    // The paragraphs around them are still paragraphs: indented, body text style.
    let y = body.iter().position(|r| r.contains("核桃产业是方山县")).expect("a paragraph");
    assert!(body[y].starts_with(lvread::layout::INDENT), "{:?}", body[y]);
    let x = area.x + lvread::layout::str_width(lvread::layout::INDENT) as u16;
    assert!(!buf[(x, area.y + y as u16)].modifier.contains(ratatui::style::Modifier::BOLD));
}

#[test]
fn at_30_columns_the_help_wraps_every_description_instead_of_cutting_it() {
    let mut app = App::new(issues(1, 2), (30, 10));
    press(&mut app, &[Action::Help]);
    // Every row the help shows, scrolling through it to the end.
    let mut seen: Vec<String> = Vec::new();
    for _ in 0..400 {
        let text = screen_text(&app);
        if seen.last() == Some(&text) {
            break;
        }
        seen.push(text);
        press(&mut app, &[Action::Down]);
    }
    let words: std::collections::HashSet<&str> =
        seen.iter().flat_map(|s| s.split(|c: char| c.is_whitespace() || c == '│')).collect();
    for (a, what) in lvread::config::key_help() {
        for w in what.split_whitespace() {
            assert!(
                words.contains(w),
                "{a:?}: {w:?} of {what:?} is not shown whole at 30 columns:\n{}",
                seen.join("\n")
            );
        }
    }
    assert!(words.contains("continuation"), "the end of the help is reachable");
}

#[test]
fn an_issue_of_pages_with_no_known_number_shows_no_column_of_dashes() {
    let mut all = issues(1, 2);
    let mut second = (*all[0].pages[0]).clone();
    second.source = "other.txt".into();
    second.articles.iter_mut().for_each(|a| a.id.push('b'));
    all[0].pages.push(second.into());
    all[0].pages.iter_mut().for_each(|p| std::sync::Arc::make_mut(p).page = None);
    let text = screen_text(&App::new(all.clone(), (120, 40)));
    let rows: Vec<&str> = text.lines().filter(|r| r.contains("篇新闻标题")).collect();
    assert!(!rows.is_empty(), "{text}");
    assert!(rows.iter().all(|r| !r.contains("┃-") && !r.contains("│-")), "no page column of `-`:\n{text}");
    // With one number known, the column is there and the unknown one is `-`.
    std::sync::Arc::make_mut(&mut all[0].pages[0]).page = Some(3);
    let text = screen_text(&App::new(all, (120, 40)));
    assert!(text.contains("┃3 ") || text.contains("│3 "), "{text}");
    assert!(text.contains("┃- ") || text.contains("│- "), "{text}");
}

#[test]
fn on_a_narrow_screen_an_overlay_is_titled_by_its_name_not_a_cut_list_of_keys() {
    let mut app = App::new(issues(1, 2), (30, 8));
    for (open, name) in [(Action::Bookmarks, " Bookmarks 0 "), (Action::Messages, " Messages 0 ")] {
        press(&mut app, &[open]);
        let text = screen_text(&app);
        assert!(text.contains(name), "{name}:\n{text}");
        assert!(!text.contains(" — "), "no cut key list:\n{text}");
        press(&mut app, &[Action::Back]);
    }
    // A title that fits stays whole.
    press(&mut app, &[Action::Help]);
    assert!(screen_text(&app).contains(" Keys — Esc closes "));
    // Where it fits, the whole title with its keys.
    let mut app = App::new(issues(1, 2), (120, 40));
    press(&mut app, &[Action::Bookmarks]);
    assert!(screen_text(&app).contains(" Bookmarks 0 — Enter opens, m removes, Esc closes "));
}

#[test]
fn an_issue_with_a_long_file_name_still_shows_its_unread_count() {
    let mut all = issues(1, 2);
    all[0].date = None;
    std::sync::Arc::make_mut(&mut all[0].pages[0]).date = None;
    std::sync::Arc::make_mut(&mut all[0].pages[0]).source = "qa_date_inferred_from_historic_mention.txt".into();
    for w in [100u16, 120, 200] {
        let text = screen_text(&App::new(all.clone(), (w, 30)));
        let row = text.lines().find(|r| r.contains("qa_date")).unwrap_or_else(|| panic!("{w}: {text}"));
        assert!(row.contains(" 2/2篇"), "{w} columns: {row}");
    }
}

#[test]
fn at_30_columns_a_message_is_shown_instead_of_the_position() {
    let mut app = App::new(issues(2, 2), (30, 8));
    press(&mut app, &[Action::MarkIssueRead]);
    let last = |app: &App| screen_text(app).lines().last().unwrap_or_default().to_string();
    let row = last(&app);
    assert!(row.contains("2 articles marke"), "the notice after R shows: {row}");
    assert!(row.contains("q quit"), "{row}");
    assert!(!row.contains("1/2"), "{row}");
    // With no message, the position.
    let fresh = App::new(issues(2, 2), (30, 8));
    assert!(last(&fresh).contains("1/2"), "{}", last(&fresh));
    // Wide enough, both.
    let mut app = App::new(issues(2, 2), (80, 24));
    press(&mut app, &[Action::MarkIssueRead]);
    let row = last(&app);
    assert!(row.contains("issue 1/2") && row.contains("2 articles marked read"), "{row}");
    // One article is one article.
    let mut app = App::new(issues(1, 1), (80, 24));
    press(&mut app, &[Action::MarkIssueRead]);
    assert!(last(&app).contains("1 article marked read"), "{}", last(&app));
}
