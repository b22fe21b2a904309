#![allow(clippy::unwrap_used)]
//! The reading state when saving fails or the state is huge: a failure
//! stays in the status bar until a save succeeds and is returned at quit
//! (for stderr and the exit status); 20,000 bookmarks keep `m` cheap.

use lvread::model::{Article, Date, Issue, Page};
use lvread::store::{Bookmark, Store};
use lvread::ui::action::Action;
use lvread::ui::app::App;
use lvread::ui::session::Session;
use lvread::ui::update::update;
use std::time::{Duration, Instant};

fn sample() -> Vec<Issue> {
    let articles: Vec<Article> = (0..4)
        .map(|n| Article {
            id: format!("id-{n}"),
            title: format!("第{n}篇新闻的标题"),
            paragraphs: vec!["正文。".repeat(20)],
            ..Article::default()
        })
        .collect();
    let date = Date::new(2023, 11, 4);
    vec![Issue {
        date,
        date_inferred: false,
        pages: vec![Page { source: "2023-11-04.txt".into(), date, articles, ..Page::default() }.into()],
    }]
}

/// A reader whose state store fails every save: a file stands where the data
/// folder should be once the state was opened (as on a read-only folder or a
/// full disk; the tests may run as root, who can write anywhere). Returns the
/// data path (remove the file and saves work again), the app and its session.
fn failing_saves(dir: &std::path::Path) -> (std::path::PathBuf, App, Session) {
    let data = dir.join("data");
    let store = Store::open(&data);
    std::fs::write(&data, b"").unwrap();
    let mut app = App::new(sample(), (120, 30));
    let mut s = Session::new(store);
    s.restore(&mut app);
    (data, app, s)
}

fn press(app: &mut App, session: &mut Session, actions: &[Action], now: Instant) {
    for &a in actions {
        session.on_action(a);
        for effect in update(app, a) {
            session.apply(effect);
        }
        session.tick(app, now);
    }
}

#[test]
fn a_failing_save_stays_in_the_status_bar_and_is_returned_at_quit() {
    let dir = tempfile::tempdir().unwrap();
    let (_data, mut app, mut s) = failing_saves(dir.path());
    let t0 = Instant::now();
    press(&mut app, &mut s, &[Action::ToggleBookmark], t0);
    let failing = |app: &App| app.status_message().is_some_and(|m| m.contains("cannot save reading state"));
    // The notice for `m` may show until the next key; then the failure does.
    press(&mut app, &mut s, &[Action::Down], t0 + Duration::from_millis(10));
    assert!(failing(&app), "{:?}", app.status_message());
    // Esc clears messages, but not this one while it is true.
    press(&mut app, &mut s, &[Action::Back, Action::Back], t0 + Duration::from_millis(20));
    assert!(failing(&app), "{:?}", app.status_message());
    // Another message later does not hide it either.
    app.message("something else");
    s.tick(&mut app, t0 + Duration::from_millis(30));
    assert!(failing(&app), "{:?}", app.status_message());
    // At quit the failure is returned, for stderr and the exit status.
    let unsaved = s.finish(&mut app);
    assert!(unsaved.as_deref().is_some_and(|e| e.contains("cannot save reading state")), "{unsaved:?}");
}

#[test]
fn a_save_that_works_again_clears_the_failure() {
    let dir = tempfile::tempdir().unwrap();
    let (data, mut app, mut s) = failing_saves(dir.path());
    let t0 = Instant::now();
    press(&mut app, &mut s, &[Action::ToggleBookmark, Action::Down], t0);
    assert!(app.status_message().is_some_and(|m| m.contains("cannot save")));
    std::fs::remove_file(&data).unwrap();
    s.tick(&mut app, t0 + Duration::from_secs(2));
    assert!(!app.status.messages.iter().any(|m| m.contains("cannot save")), "{:?}", app.status.messages);
    assert_eq!(s.finish(&mut app), None, "saved: nothing to report at quit");
    assert_eq!(Store::open(&data).bookmarks().len(), 1);
}

#[test]
fn m_with_twenty_thousand_bookmarks_saves_the_new_one() {
    // Copying bookmarks to the store used to compare every bookmark with
    // every other (4.2 s for one `m` with 20,000); now sets are used.
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path());
    for i in 0..20_000 {
        store.toggle_bookmark(&format!("old{i}"), "旧", "2023-11-01");
    }
    assert!(store.flush());
    let mut app = App::new(sample(), (120, 30));
    let mut s = Session::new(Store::open(dir.path()));
    s.restore(&mut app);
    assert_eq!(app.marks.bookmarks.len(), 20_000);
    let t0 = Instant::now();
    press(&mut app, &mut s, &[Action::ToggleBookmark], t0);
    press(&mut app, &mut s, &[Action::Down, Action::ToggleBookmark], t0 + Duration::from_secs(2));
    press(&mut app, &mut s, &[Action::Up, Action::ToggleBookmark], t0 + Duration::from_secs(4));
    assert_eq!(s.finish(&mut app), None);
    let saved: Vec<Bookmark> = Store::open(dir.path()).bookmarks().to_vec();
    assert_eq!(saved.len(), 20_001, "id-0 added and removed again, id-1 added");
    assert!(saved.iter().any(|b| b.id == "id-1") && !saved.iter().any(|b| b.id == "id-0"));
}
