//! Random key sequences and terminal sizes never panic, and the state stays valid.

use lvread::ui::action::Action;
use lvread::ui::app::App;
use lvread::ui::update::update;
use lvread::ui::view;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Every action a key can be bound to (the defaults file's `[keys]`).
fn bindable() -> Vec<Action> {
    lvread::config::key_help().into_iter().map(|(a, _)| a).collect()
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        6 => prop::sample::select(bindable().into_iter().filter(|a| *a != Action::Quit).collect::<Vec<_>>()),
        1 => (1u16..=160, 1u16..=60).prop_map(|(w, h)| Action::Resize(w, h)),
        1 => (0u16..=170, 0u16..=70).prop_map(|(x, y)| Action::Click(x, y)),
        1 => (0u16..=170, 0u16..=70, prop::sample::select(vec![-3i16, 3])).prop_map(|(x, y, d)| Action::Wheel(x, y, d)),
    ]
}

fn check(app: &App) {
    if let Some(issue) = app.current_issue() {
        assert!(app.nav.article() < issue.article_count().max(1));
    }
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("terminal");
    t.draw(|f| view::draw(f, app)).expect("draw");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_and_sizes_never_panic(
        w in 1u16..=160,
        h in 1u16..=60,
        actions in prop::collection::vec(action(), 0..40),
        bundled: bool,
    ) {
        let issues = if bundled { lvread::archive::group(lvread::loader::bundled()) } else { Vec::new() };
        let mut app = App::new(issues, (w, h));
        check(&app);
        for a in actions {
            update(&mut app, a);
            check(&app);
        }
    }
}

#[test]
fn one_by_one_terminal_survives_every_action() {
    let mut app = App::new(lvread::archive::group(lvread::loader::bundled()), (1, 1));
    for a in bindable() {
        if a != Action::Quit {
            update(&mut app, a);
            check(&app);
        }
    }
    update(&mut app, Action::Click(0, 0));
    update(&mut app, Action::Wheel(0, 0, 3));
    check(&app);
}
