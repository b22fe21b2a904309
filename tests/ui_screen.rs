//! Whole-screen tests of the reader: draw to ratatui's TestBackend and
//! assert on what a user would see.

use lvread::layout::article::Part;
use lvread::layout::str_width;
use lvread::model::{Article, Date, Issue, Kind, Page};
use lvread::ui::action::Action;
use lvread::ui::app::{App, Highlight, Overlay, Pane};
use lvread::ui::keys::keys_label;
use lvread::ui::update::update;
use lvread::ui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod common;
use common::{region, rows};

/// The body pane's text rows.
fn body_rows(app: &App) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("test terminal");
    let frame = t.draw(|f| view::draw(f, app)).expect("draw");
    let s = app.screen();
    region(frame.buffer, lvread::ui::geometry::body_text(s.body.expect("body shown"), app.settings.max_body_width))
}

fn draw(app: &App) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("test terminal");
    let frame = t.draw(|f| view::draw(f, app)).expect("draw");
    rows(frame.buffer)
}

fn screen_text(app: &App) -> String {
    draw(app).join("\n")
}

fn press(app: &mut App, actions: &[Action]) {
    for &a in actions {
        update(app, a);
    }
}

/// The first `n` characters of a string.
fn head(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

fn bundled(w: u16, h: u16) -> App {
    let issues = lvread::archive::group(lvread::loader::bundled());
    assert!(!issues.is_empty(), "the bundled pages load");
    App::new(issues, (w, h))
}

/// Three issues of five articles each, with long bodies, made up for navigation tests.
fn sample() -> Vec<Issue> {
    (0..3u32)
        .map(|i| {
            let articles = (0..5)
                .map(|n| Article {
                    id: format!("{i}-{n}"),
                    title: format!("第{i}期第{n}篇新闻标题"),
                    kicker: (n == 0).then(|| format!("引题{i}")),
                    subtitle: (n == 0).then(|| "副题文字".to_string()),
                    byline: Some("本报讯（记者 王小明）".into()),
                    title_inferred: n == 4,
                    kind: [Kind::News, Kind::Photo, Kind::Notice, Kind::Commentary, Kind::Continuation][n],
                    paragraphs: (0..40).map(|p| format!("第{i}期{n}篇第{p}段。").repeat(4)).collect(),
                    captions: if n == 1 { vec!["图为会议现场。".into()] } else { vec![] },
                    keywords: if n == 0 { vec!["吕梁".into(), "营商环境".into()] } else { vec![] },
                    ..Article::default()
                })
                .collect();
            let date = Date::new(2023, 11, 4 - i);
            Issue {
                date,
                date_inferred: i == 2,
                pages: vec![
                    Page {
                        source: format!("2023-11-0{}-1.txt", 4 - i),
                        page: Some(1),
                        date,
                        date_inferred: i == 2,
                        articles,
                        ..Page::default()
                    }
                    .into(),
                ],
            }
        })
        .collect()
}

fn sample_app(w: u16, h: u16) -> App {
    App::new(sample(), (w, h))
}

#[test]
fn three_panes_at_120x40_show_issues_articles_body_and_status() {
    let app = bundled(120, 40);
    let screen = screen_text(&app);
    let rows = draw(&app);
    // Issue list: the first issues' labels and lead headlines.
    for issue in app.issues.iter().take(3) {
        assert!(screen.contains(&issue.label()), "issue {} listed", issue.label());
        let lead = issue.lead_title().unwrap_or_default();
        assert!(screen.contains(&head(lead, 4)), "lead headline {lead:?} shown");
    }
    // Article list: the selected issue's headlines.
    for a in app.issues[0].articles().take(5) {
        assert!(screen.contains(&head(&a.title, 5)), "article {:?} listed", a.title);
    }
    // Body: the headline and the beginning of the first paragraph, indented.
    let a = app.current_article().expect("an article");
    assert!(screen.contains(&head(&a.title, 5)));
    if let Some(p) = a.paragraphs.first() {
        let start = format!("　　{}", head(p, 3));
        assert!(rows.iter().any(|r| r.contains(&start)), "first paragraph indented: {start:?}\n{screen}");
    }
    // Status bar: position and keys.
    let status = rows.last().expect("rows");
    assert!(status.contains(&format!("issue 1/{}", app.issues.len())), "{status}");
    assert!(status.contains("article 1/"), "{status}");
    assert!(status.contains("help"), "{status}");
    assert!(rows.iter().all(|r| str_width(r) == 120), "every row fills the width exactly");
}

#[test]
fn two_panes_at_80x24_and_one_at_40x15() {
    let mut app = bundled(80, 24);
    let screen = screen_text(&app);
    assert!(!screen.contains("Issues"), "no issue list at 80 columns with the articles focused");
    assert!(screen.contains("Articles"));
    let a = app.current_article().expect("article").clone();
    assert!(screen.contains(&head(&a.title, 4)));
    update(&mut app, Action::FocusLeft);
    let screen = screen_text(&app);
    assert!(screen.contains("Issues") && screen.contains("Articles"), "issues and articles side by side");

    let mut app = bundled(40, 15);
    let rows = draw(&app);
    assert!(rows[0].contains("Articles"), "one pane: the article list");
    assert!(!rows.join("\n").contains("Issues"));
    update(&mut app, Action::Open);
    let rows = draw(&app);
    let a = app.current_article().expect("article");
    assert!(
        rows.iter().skip(1).take(3).any(|r| r.contains(&head(&a.title, 3))),
        "body shows the headline:\n{}",
        rows.join("\n")
    );
    assert!(rows.iter().all(|r| str_width(r) == 40));
    let n = app.issues.len();
    let count = app.issues[0].article_count();
    assert!(
        rows[14].starts_with(&format!(" 1/{n} · 1/{count} · ")),
        "compact position in the status bar: {}",
        rows[14]
    );
    assert!(rows[14].contains("? help"), "help hint kept when narrow: {}", rows[14]);
}

#[test]
fn moving_through_articles_and_issues() {
    let mut app = sample_app(120, 40);
    assert_eq!((app.nav.issue(), app.nav.article(), app.nav.focus()), (0, 0, Pane::Articles));
    press(&mut app, &[Action::Down, Action::Down]);
    assert_eq!(app.nav.article(), 2);
    assert!(screen_text(&app).contains("第0期第2篇新闻标题"), "body follows the selection");
    press(&mut app, &[Action::NextIssue]);
    assert_eq!((app.nav.issue(), app.nav.article()), (1, 0));
    assert!(screen_text(&app).contains("引题1"), "kicker of the new issue's first article");
    press(&mut app, &[Action::Bottom]);
    assert_eq!(app.nav.article(), 4);
    // `]` at the last article goes on into the next issue; `[` comes back.
    press(&mut app, &[Action::NextArticle]);
    assert_eq!((app.nav.issue(), app.nav.article()), (2, 0));
    press(&mut app, &[Action::PrevArticle]);
    assert_eq!((app.nav.issue(), app.nav.article()), (1, 4));
    // Issue pane: j/k move issues.
    press(&mut app, &[Action::FocusLeft, Action::Up]);
    assert_eq!((app.nav.focus(), app.nav.issue(), app.nav.article()), (Pane::Issues, 0, 0));
    press(&mut app, &[Action::Open, Action::Open]);
    assert_eq!(app.nav.focus(), Pane::Body);
    assert!(app.is_read(0, 0), "opening marks the article read");
    // Never past the ends.
    press(&mut app, &[Action::PrevIssue, Action::PrevIssue]);
    assert_eq!(app.nav.issue(), 0);
}

#[test]
fn scrolling_the_body() {
    let mut app = sample_app(120, 40);
    press(&mut app, &[Action::Open]);
    assert_eq!(app.nav.focus(), Pane::Body);
    let before = body_rows(&app);
    press(&mut app, &[Action::Down]);
    assert_eq!(app.reader.scroll(), 1);
    let after = body_rows(&app);
    assert_eq!(after[0], before[1], "the body moved up one line");
    assert_ne!(after[0], before[0]);
    press(&mut app, &[Action::PageDown]);
    assert!(app.reader.scroll() > 30, "a page is the body's height: {}", app.reader.scroll());
    press(&mut app, &[Action::Bottom]);
    let rows = draw(&app);
    assert!(rows.iter().any(|r| r.contains(" End ")), "at the end the body says so");
    assert!(rows.iter().any(|r| r.contains("第0期0篇第39段")), "last paragraph visible");
    let end = app.reader.scroll();
    press(&mut app, &[Action::Down]);
    assert_eq!(app.reader.scroll(), end, "no scrolling past the end");
    press(&mut app, &[Action::HalfPageUp]);
    assert!(app.reader.scroll() < end);
    press(&mut app, &[Action::Top]);
    assert_eq!(app.reader.scroll(), 0);
    assert!(draw(&app).iter().any(|r| r.contains(" Top ")));
    // Space at the end of an article goes on to the next one, at its top.
    press(&mut app, &[Action::Bottom, Action::PageDown]);
    assert_eq!((app.nav.article(), app.reader.scroll()), (1, 0));
    assert!(app.is_read(0, 1));
}

#[test]
fn resize_keeps_the_paragraph_at_the_top() {
    let mut app = sample_app(120, 40);
    press(&mut app, &[Action::Open]);
    for _ in 0..25 {
        update(&mut app, Action::Down);
    }
    let width = |app: &App| {
        let s = app.screen();
        lvread::ui::geometry::body_text(s.body.expect("body shown"), app.settings.max_body_width).width as usize
    };
    let layout = app.layout_at(width(&app)).expect("layout");
    let (part, offset) = layout.anchor(app.reader.scroll()).expect("anchor");
    assert!(matches!(part, Part::Paragraph(_)));
    for (w, h) in [(70, 30), (45, 20), (120, 40)] {
        update(&mut app, Action::Resize(w, h));
        let layout = app.layout_at(width(&app)).expect("layout");
        let top = &layout.lines[app.reader.scroll()];
        assert_eq!(top.part, part, "same paragraph at the top at {w}x{h}");
        assert!(
            top.range.start <= offset && offset < top.range.end.max(offset + 1),
            "the old top line's text is on the new top line at {w}x{h}"
        );
    }
}

#[test]
fn markers_in_the_article_list() {
    let mut app = sample_app(120, 40);
    let rows = draw(&app);
    let row = |n: usize| rows.iter().find(|r| r.contains(&format!("第0期第{n}篇"))).cloned().unwrap_or_default();
    assert!(row(1).contains("图"), "photo marker: {}", row(1));
    assert!(row(2).contains("告"), "notice marker");
    assert!(row(3).contains("评"), "commentary marker");
    assert!(
        row(4).contains("续") && row(4).contains("~第0期第4篇"),
        "continuation marker and fallback mark: {}",
        row(4)
    );
    assert!(!row(0).contains('✓'));
    press(&mut app, &[Action::Open]);
    let rows = draw(&app);
    assert!(rows.iter().any(|r| r.contains("✓") && r.contains("第0期第0篇")), "read marker after opening");
    // Issue list: date, inferred mark, count.
    let screen = screen_text(&app);
    assert!(screen.contains("2023-11-04"));
    assert!(screen.contains("约2023-11-02"), "inferred date marked");
    assert!(screen.contains("5篇"));
}

#[test]
fn body_shows_header_captions_and_keywords() {
    let app = sample_app(120, 40);
    let screen = screen_text(&app);
    // Keywords belong to the header, under the byline.
    for s in ["引题0", "第0期第0篇新闻标题", "副题文字", "本报讯（记者 王小明）", "关键词：吕梁、营商环境"]
    {
        assert!(screen.contains(s), "{s} shown");
    }
    let row_of = |s: &str| screen.lines().position(|l| l.contains(s));
    assert!(row_of("关键词：吕梁、营商环境") == row_of("本报讯（记者 王小明）").map(|r| r + 1), "{screen}");
    let mut app = sample_app(120, 40);
    press(&mut app, &[Action::Down, Action::Open, Action::Bottom]);
    assert!(screen_text(&app).contains("图为会议现场。"), "caption shown");
    // The headline is bold.
    let mut t = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let app = sample_app(120, 40);
    let frame = t.draw(|f| view::draw(f, &app)).expect("draw");
    let buf = frame.buffer.clone();
    let text = lvread::ui::geometry::body_text(app.screen().body.expect("body"), app.settings.max_body_width);
    let body = region(&buf, text);
    assert_eq!(body[0].trim_end(), "引题0", "kicker first");
    assert_eq!(body[1].trim_end(), "第0期第0篇新闻标题", "headline second");
    assert!(buf[(text.x, text.y + 1)].modifier.contains(ratatui::style::Modifier::BOLD), "headline is bold");
    assert!(!buf[(text.x, text.y)].modifier.contains(ratatui::style::Modifier::BOLD), "kicker is not");
}

#[test]
fn highlights_style_exact_ranges() {
    let mut app = sample_app(120, 40);
    // Highlight "第0段" in the first paragraph.
    let p = &app.current_article().expect("article").paragraphs[0];
    let start = p.find("第0段").expect("text");
    app.reader.set_highlights(vec![Highlight { part: Part::Paragraph(0), range: start..start + "第0段".len() }]);
    let mut t = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let frame = t.draw(|f| view::draw(f, &app)).expect("draw");
    let buf = frame.buffer.clone();
    let styled: Vec<String> = (0..40u16)
        .flat_map(|y| (0..120u16).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            buf[(x, y)].bg == app.settings.theme.highlight.bg.unwrap_or_default() && buf[(x, y)].symbol() != " "
        })
        .map(|(x, y)| buf[(x, y)].symbol().to_string())
        .collect();
    assert_eq!(styled.concat(), "第0段", "only the match is highlighted");
}

#[test]
fn help_overlay_lists_every_key_and_closes_with_esc() {
    let mut app = sample_app(120, 40);
    press(&mut app, &[Action::Help]);
    assert_eq!(app.overlay, Some(Overlay::Help(0)));
    let screen = screen_text(&app);
    let help = lvread::config::key_help();
    for &(a, what) in &help {
        assert!(screen.contains(what), "help describes {a:?}");
        assert!(screen.contains(&keys_label(&app.settings.keymap, a)), "help shows the keys of {a:?}");
    }
    // Keys go to the overlay while it is open.
    press(&mut app, &[Action::Down]);
    assert_eq!(app.nav.article(), 0);
    press(&mut app, &[Action::Back]);
    assert_eq!(app.overlay, None);
    assert!(!screen_text(&app).contains("half a page down"));
    // Over real text, wide characters at the overlay's edge never eat its border.
    let mut app = bundled(80, 40);
    press(&mut app, &[Action::Help]);
    let rows = draw(&app);
    for &(a, _) in &help {
        let label = format!("│ {}", keys_label(&app.settings.keymap, a));
        assert!(rows.iter().any(|r| r.contains(&label)), "border before {label:?}:\n{}", rows.join("\n"));
    }
    // At a small size the help scrolls.
    let mut app = sample_app(40, 12);
    press(&mut app, &[Action::Help, Action::Bottom]);
    assert!(screen_text(&app).contains("continuation"), "the end of the help is reachable");
}

#[test]
fn zoom_shows_the_body_alone() {
    let mut app = sample_app(120, 40);
    press(&mut app, &[Action::Zoom]);
    let screen = screen_text(&app);
    assert!(!screen.contains("Issues") && !screen.contains("Articles"));
    assert!(screen.contains("第0期第0篇新闻标题"));
    press(&mut app, &[Action::Back]);
    assert!(screen_text(&app).contains("Issues"));
}

#[test]
fn mouse_clicks_select_and_the_wheel_scrolls() {
    let mut app = sample_app(120, 40);
    // The issue list starts at row 1 inside its border; issue n takes rows 1+2n, 2+2n.
    update(&mut app, Action::Click(3, 3));
    assert_eq!((app.nav.focus(), app.nav.issue()), (Pane::Issues, 1));
    let s = app.screen();
    let articles = s.articles.expect("article list");
    update(&mut app, Action::Click(articles.x + 3, articles.y + 3));
    assert_eq!((app.nav.focus(), app.nav.article()), (Pane::Articles, 2));
    let body = s.body.expect("body");
    update(&mut app, Action::Wheel(body.x + 5, body.y + 5, 3));
    assert_eq!(app.reader.scroll(), 3);
    update(&mut app, Action::Click(body.x + 5, body.y + 5));
    assert_eq!(app.nav.focus(), Pane::Body);
    update(&mut app, Action::Wheel(articles.x + 2, articles.y + 2, 3));
    assert_eq!(app.nav.article(), 3, "the wheel over a list moves its selection");
}

#[test]
fn text_from_files_never_reaches_the_terminal_raw() {
    let mut issues = sample();
    let a = &mut std::sync::Arc::make_mut(&mut issues[0].pages[0]).articles[0];
    a.title = "标题\u{1b}[2J\u{1b}]0;pwned\u{7}".into();
    a.paragraphs[0] = "正文\u{1b}[31m红\u{9b}1m\r\n".into();
    let app = App::new(issues, (120, 40));
    let mut t = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let frame = t.draw(|f| view::draw(f, &app)).expect("draw");
    for cell in frame.buffer.content() {
        assert!(!cell.symbol().chars().any(|c| c.is_control()), "control character in cell {:?}", cell.symbol());
    }
}

#[test]
fn empty_archive_says_so() {
    let app = App::new(Vec::new(), (100, 20));
    let screen = screen_text(&app);
    assert!(screen.contains("No issues loaded"));
    assert!(screen.contains("no issues"));
    let mut app = app;
    for (a, _) in lvread::config::key_help() {
        if a != Action::Quit {
            update(&mut app, a);
            draw(&app);
        }
    }
}

#[test]
fn tiny_terminals_draw_without_panicking() {
    for (w, h) in [(1, 1), (2, 1), (1, 5), (3, 3), (10, 2), (59, 4), (100, 3)] {
        let mut app = sample_app(w, h);
        draw(&app);
        press(&mut app, &[Action::Open, Action::PageDown, Action::Zoom, Action::Help, Action::Bottom]);
        draw(&app);
    }
}

#[test]
fn articles_of_several_pages_show_their_page_number() {
    let mut issues = sample();
    let mut second = (*issues[0].pages[0]).clone();
    second.page = Some(3);
    second.articles.truncate(2);
    for a in &mut second.articles {
        a.id.push_str("-p3");
        a.title = a.title.replace("新闻", "三版");
    }
    issues[0].pages.push(second.into());
    let app = App::new(issues, (120, 40));
    let rows = draw(&app);
    let row = |t: &str| rows.iter().find(|r| r.contains(t)).cloned().unwrap_or_default();
    assert!(row("第0期第0篇新闻标题").contains("┃1 "), "page 1: {}", row("第0期第0篇新闻标题"));
    assert!(row("第0期第1篇三版标题").contains("┃3 "), "page 3: {}", row("第0期第1篇三版标题"));
    assert!(rows.iter().any(|r| r.contains("7篇")), "the issue counts both pages");
}

#[test]
fn pages_arriving_later_keep_the_reader_in_place() {
    let mut all = sample();
    let newest = all.remove(0); // 2023-11-04 arrives later
    let mut app = App::new(all, (120, 40));
    press(&mut app, &[Action::Down, Action::Down, Action::Open, Action::Down, Action::Down, Action::Down]);
    let (title, scroll) = (app.current_article().expect("article").title.clone(), app.reader.scroll());
    assert_eq!(app.nav.issue(), 0);
    app.add_pages(newest.pages);
    assert_eq!(app.issues.len(), 3);
    assert_eq!(app.issues[0].label(), "2023-11-04", "the newer issue goes first");
    assert_eq!(app.nav.issue(), 1, "the selection followed its issue");
    assert_eq!(app.current_article().expect("article").title, title);
    assert_eq!(app.reader.scroll(), scroll, "same place in the article");
    app.message("b.txt: not a text file");
    assert!(draw(&app).last().expect("status").contains("b.txt: not a text file"));
}

#[test]
fn opening_an_article_at_a_place_shows_that_place() {
    let mut app = sample_app(100, 30);
    lvread::ui::navigate::open_article(&mut app, 2, 3);
    assert_eq!((app.nav.issue(), app.nav.article(), app.nav.focus()), (2, 3, Pane::Body));
    assert!(app.is_read(2, 3));
    let p = &app.current_article().expect("article").paragraphs[10];
    let at = p.find("第10段").expect("text");
    lvread::ui::navigate::scroll_to(&mut app, Part::Paragraph(10), at);
    let rows = body_rows(&app);
    assert!(
        rows.iter().take(4).any(|r| r.contains("第2期3篇第10段")),
        "paragraph 10 near the top:\n{}",
        rows.join("\n")
    );
    // Out of range requests are clamped, not panics.
    lvread::ui::navigate::open_article(&mut app, 99, 99);
    assert_eq!((app.nav.issue(), app.nav.article()), (2, 4));
}
