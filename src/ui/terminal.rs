//! The real terminal: set-up and restore (also on error and panic), the
//! event loop, and start-up timings (`LVREAD_TIMING=1`).

use super::action::Background;
use super::app::App;
use super::keys;
use super::update::{receive, update};
use super::view;
use crate::archive;
use crate::cli::ReadArgs;
use crate::loader;
use crate::model::Page;
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{IsTerminal, Stdout};
use std::process::ExitCode;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// Exit code when standard output is not a terminal.
pub const EXIT_NOT_A_TERMINAL: u8 = 2;

/// Exit code when the reading state could not be saved at quit (the
/// session's marks and bookmarks are lost; stderr says why).
pub const EXIT_STATE_NOT_SAVED: u8 = 3;

/// How long start-up took, printed to stderr at exit with `LVREAD_TIMING=1`.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    /// Named phases and their durations, in order.
    pub phases: Vec<(&'static str, Duration)>,
    /// From entering the reader to the first frame on screen.
    pub first_frame: Option<Duration>,
}

impl Timings {
    /// Records a phase.
    pub fn record(&mut self, name: &'static str, d: Duration) {
        self.phases.push((name, d));
    }

    /// One line for stderr.
    pub fn report(&self) -> String {
        let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
        let mut parts: Vec<String> = self.phases.iter().map(|(n, d)| format!("{n} {}", ms(*d))).collect();
        if let Some(f) = self.first_frame {
            parts.push(format!("first frame {} after start", ms(f)));
        }
        format!("lvread timing: {}", parts.join(", "))
    }
}

/// Maps `f` over `items` on every core, keeping the order.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len()).max(1);
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let f = &f;
    let mut slots: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    items.iter().enumerate().skip(t).step_by(threads).map(|(i, x)| (i, f(x))).collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            // A panic in a loader thread is re-raised here (the terminal is not set up yet).
            let done = h.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            for (i, r) in done {
                slots[i] = Some(r);
            }
        }
    });
    slots.into_iter().flatten().collect()
}

/// Pages and the files that failed, with timings of reading and decoding.
/// The user's files are loaded on every core.
fn load(args: &ReadArgs, timings: &mut Timings) -> (Vec<Page>, Vec<String>) {
    if args.paths.is_empty() {
        let t = Instant::now();
        // Sequential: measured no faster on two threads (the loader's lazy
        // regexes are built once, whichever thread comes first).
        let pages = loader::bundled();
        timings.record("decode+load (bundled)", t.elapsed());
        return (pages, Vec::new());
    }
    let t = Instant::now();
    let (files, errors) = archive::collect_files(&args.paths);
    let mut errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
    timings.record("list files", t.elapsed());
    let t = Instant::now();
    let results = par_map(&files, |f| -> Result<Page, String> {
        let bytes = crate::files::read_page(f).map_err(|e| format!("{}: cannot read: {e}", f.display()))?;
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| f.display().to_string());
        let mut p = loader::load_bytes(&name, &bytes).map_err(|e| format!("{}: {e}", f.display()))?;
        p.path = Some(f.clone());
        Ok(p)
    });
    timings.record("read+decode+load", t.elapsed());
    let mut pages = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(p) => pages.push(p),
            Err(e) => errors.push(e),
        }
    }
    (pages, errors)
}

/// True while the terminal is set up for the reader (raw mode, alternate
/// screen): restoring it happens once, whoever comes first (the panic hook,
/// or the guard while unwinding). Leaving the alternate screen twice would
/// move the cursor back over the panic message printed in between.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Leaves raw mode, the alternate screen and mouse capture and shows the
/// cursor, if the reader had set them up and nobody restored them yet.
fn restore() {
    restore_once(&ACTIVE, &mut std::io::stdout(), true);
}

/// [`restore`] writing to `out`; `raw` leaves raw mode too. Returns true
/// when it restored (false when `active` says it was done already).
fn restore_once(active: &AtomicBool, out: &mut impl std::io::Write, raw: bool) -> bool {
    if !active.swap(false, Ordering::SeqCst) {
        return false;
    }
    if raw {
        let _ = disable_raw_mode();
    }
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, crossterm::cursor::Show);
    true
}

/// Restores the terminal when dropped: on normal exit, on error (`?`) and
/// while unwinding from a panic.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Restores the terminal before the panic message is printed.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// Runs the full-screen reader over the pages named in `args` (or the
/// bundled ones). Exits with [`EXIT_NOT_A_TERMINAL`] when stdout is not a
/// terminal, and with 1 when none of the paths named exists.
pub fn run(args: &ReadArgs) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    // Every path named is missing (a typo): say so, rather than open an
    // empty reader.
    if !args.paths.is_empty() && args.paths.iter().all(|p| std::fs::metadata(p).is_err()) {
        for p in &args.paths {
            crate::text::report(format_args!("{}: no such file or folder", p.display()));
        }
        return Ok(ExitCode::FAILURE);
    }
    if !std::io::stdout().is_terminal() {
        crate::text::report(
            "standard output is not a terminal; the reader needs one (for scripts use `lvread dump --json` or `lvread search`)",
        );
        return Ok(ExitCode::from(EXIT_NOT_A_TERMINAL));
    }
    let timing = std::env::var_os("LVREAD_TIMING").is_some_and(|v| !v.is_empty() && v != "0");
    let mut timings = Timings::default();
    // The user's files load in the background (see `Session`); the bundled
    // pages are small enough to load at once.
    let (pages, mut errors) = if args.paths.is_empty() { load(args, &mut timings) } else { (Vec::new(), Vec::new()) };
    let t = Instant::now();
    let issues = archive::group(pages);
    timings.record("group", t.elapsed());

    let t = Instant::now();
    let (config, config_error) = crate::config::load();
    let store = crate::store::Store::open_default(args.no_state);
    timings.record("settings+state", t.elapsed());
    let mut app = App::new(issues, crossterm::terminal::size().unwrap_or((80, 24)));
    super::settings::apply(&mut app, &config);
    let mut session = super::session::Session::new(store);
    session.restore(&mut app);
    // After the state's notices: the status bar shows the latest message.
    if let Some(e) = &config_error {
        app.message(format!("{} — defaults used (details on stderr at exit)", e.short()));
    }
    if args.paths.is_empty() {
        match errors.len() {
            0 => {}
            1 => app.message(format!("failed to load {}", errors[0])),
            n => app.message(format!("{n} files failed to load, e.g. {}", errors[0])),
        }
        if app.issues.is_empty() {
            app.message("nothing to read: no page loaded");
        }
    } else {
        session.load_in_background(args.paths.clone());
        // Small archives are in before the first frame; big ones show progress.
        let until = Instant::now() + Duration::from_millis(40);
        while session.is_loading() && Instant::now() < until {
            session.tick(&mut app, Instant::now());
            std::thread::sleep(Duration::from_millis(2));
        }
        session.tick(&mut app, Instant::now());
    }

    let result = run_app_with(&mut app, None, &mut session, start, &mut timings);
    let unsaved = session.finish(&mut app);
    if let Some(e) = &config_error {
        crate::text::report(format_args!("{e} (the defaults were used)"));
    }
    errors.append(&mut session.errors);
    for e in &errors {
        crate::text::report(e);
    }
    for w in &session.warnings {
        crate::text::report(w);
    }
    if let Some(d) = session.loaded_in {
        timings.record("background load (all files)", d);
    }
    if timing {
        eprintln!("{}", crate::text::printable(&timings.report()));
    }
    if let Some(e) = &unsaved {
        crate::text::report(format_args!("{e} — the read marks and bookmarks of this session were NOT saved"));
    }
    result?;
    Ok(if unsaved.is_some() { ExitCode::from(EXIT_STATE_NOT_SAVED) } else { ExitCode::SUCCESS })
}

/// Runs the reader on the terminal until the user quits: sets the terminal
/// up, restores it however this ends (return, error, panic), and applies
/// whatever arrives on `inbox` (pages loading in the background) between
/// events. `start` is when the process began its work, for the first-frame
/// timing recorded in `timings`. Keeps no reading state (see [`run_app_with`]).
pub fn run_app(
    app: &mut App,
    inbox: Option<Receiver<Background>>,
    start: Instant,
    timings: &mut Timings,
) -> anyhow::Result<()> {
    let mut session = super::session::Session::new(crate::store::Store::disabled());
    run_app_with(app, inbox, &mut session, start, timings)
}

/// [`run_app`] with a [`super::session::Session`]: the reading state is
/// kept up to date (and written at most once a second) and the session's
/// background loading feeds the reader. The caller calls
/// [`super::session::Session::finish`] afterwards.
pub fn run_app_with(
    app: &mut App,
    inbox: Option<Receiver<Background>>,
    session: &mut super::session::Session,
    start: Instant,
    timings: &mut Timings,
) -> anyhow::Result<()> {
    install_panic_hook();
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let guard = Guard;
    execute!(std::io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
    let result = event_loop(&mut terminal, app, inbox, session, start, timings);
    drop(terminal);
    drop(guard);
    result
}

/// How often the loop looks at the inbox while no key arrives.
const INBOX_POLL: Duration = Duration::from_millis(50);

/// How often the loop looks for search results while a search runs.
const SEARCH_POLL: Duration = Duration::from_millis(8);

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    mut inbox: Option<Receiver<Background>>,
    session: &mut super::session::Session,
    start: Instant,
    timings: &mut Timings,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    update(app, super::Action::Resize(size.width, size.height));
    terminal.draw(|f| view::draw(f, app))?;
    timings.first_frame = Some(start.elapsed());
    if std::env::var_os("LVREAD_DEBUG_PANIC").is_some() {
        // Test hook: proves the terminal is restored when the reader panics.
        panic!("LVREAD_DEBUG_PANIC is set: deliberate panic after the first frame");
    }
    let mut search = super::search_driver::SearchDriver::new();
    // jieba (search word boundaries, keywords) loads in the background.
    crate::search::words::preload();
    while !app.quit {
        let mut changed = search.poll(app);
        if let Some(rx) = &inbox {
            loop {
                match rx.try_recv() {
                    Ok(msg) => {
                        receive(app, msg);
                        changed = true;
                    }
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        inbox = None;
                        break;
                    }
                }
            }
        }
        // Sleep until a key, or until the inbox, loading or saving has work.
        let wait = match (inbox.is_some(), session.wake_in()) {
            (true, Some(w)) => Some(w.min(INBOX_POLL)),
            (true, None) => Some(INBOX_POLL),
            (false, w) => w,
        };
        // A search is running: come back soon for its results.
        let wait = if search.busy() {
            Some(wait.map_or(SEARCH_POLL, |w| w.min(SEARCH_POLL)))
        } else if search.keywords_running() || crate::search::words::try_jieba().is_none() {
            Some(wait.map_or(INBOX_POLL, |w| w.min(INBOX_POLL)))
        } else {
            wait
        };
        // Show what arrived (search results, pages) before sleeping.
        if changed {
            terminal.draw(|f| view::draw(f, app))?;
            changed = false;
        }
        if event::poll(wait.unwrap_or(Duration::from_secs(3600)))? {
            let ev = event::read()?;
            if let Some(action) = keys::event_to_action(app, &ev) {
                session.on_action(action);
                update(app, action);
                search.dispatch(app);
                changed = true;
            }
        }
        changed |= session.tick(app, Instant::now());
        changed |= search.keywords(app, !session.is_loading());
        if changed && !app.quit {
            terminal.draw(|f| view::draw(f, app))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_terminal_is_restored_exactly_once() {
        // The panic hook restores, prints the message, then the guard drops
        // while unwinding: only the first may leave the alternate screen.
        let active = AtomicBool::new(true);
        let mut out = Vec::new();
        assert!(restore_once(&active, &mut out, false));
        assert!(!restore_once(&active, &mut out, false));
        let text = String::from_utf8_lossy(&out);
        assert_eq!(text.matches("\x1b[?1049l").count(), 1, "left the alternate screen once: {text:?}");
        assert!(text.contains("\x1b[?25h"), "the cursor is shown");
        active.store(true, Ordering::SeqCst);
        assert!(restore_once(&active, &mut out, false), "set up again, restored again");
    }
}
