//! The real terminal: set-up and restore (also on error and panic), the
//! event loop, and start-up timings (`LVREAD_TIMING=1`).

use super::app::App;
use super::effect::Effect;
use super::keys;
use super::session::Session;
use super::update::update;
use super::view;
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::Stdout;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

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
    let _ = execute!(
        out,
        crossterm::event::DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
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

/// Runs the reader on the terminal until the user quits: sets the terminal
/// up, restores it however this ends (return, error, panic), and between
/// events lets the [`Session`] bring in pages from the loader and save the
/// reading state. `start` is when the process began its work, for the
/// first-frame timing recorded in `timings`. The caller calls
/// [`Session::finish`] afterwards.
pub fn run(app: &mut App, session: &mut Session, start: Instant, timings: &mut Timings) -> anyhow::Result<()> {
    install_panic_hook();
    super::signals::install();
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let guard = Guard;
    execute!(std::io::stdout(), EnterAlternateScreen, EnableMouseCapture, crossterm::event::EnableBracketedPaste)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
    let result = event_loop(&mut terminal, app, session, start, timings);
    drop(terminal);
    drop(guard);
    result
}

/// How often the loop wakes while jieba or keywords are still on their way.
const BACKGROUND_POLL: Duration = Duration::from_millis(50);

/// How long the loop waits for more input before drawing a frame.
const DRAIN_POLL: Duration = Duration::from_millis(1);

/// The most events handled between two frames.
const MAX_EVENTS_PER_FRAME: usize = 4096;

/// How often the loop looks for search results while a search runs.
const SEARCH_POLL: Duration = Duration::from_millis(8);

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    session: &mut Session,
    start: Instant,
    timings: &mut Timings,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    for effect in update(app, super::Action::Resize(size.width, size.height)) {
        session.apply(effect);
    }
    terminal.draw(|f| view::draw(f, app))?;
    timings.first_frame = Some(start.elapsed());
    if std::env::var_os("LVREAD_DEBUG_PANIC").is_some() {
        // Test hook: proves the terminal is restored when the reader panics.
        panic!("LVREAD_DEBUG_PANIC is set: deliberate panic after the first frame");
    }
    // (jieba, for search word boundaries and keywords, loads in the
    // background once the pages are searchable: see `SearchDriver`.)
    let mut search = super::search_driver::SearchDriver::new();
    while !app.quit {
        let mut changed = search.poll(app);
        // Sleep until a key, or until loading or saving has work.
        let wait = session.wake_in();
        // A search is running: come back soon for its results.
        let wait = if search.busy() {
            Some(wait.map_or(SEARCH_POLL, |w| w.min(SEARCH_POLL)))
        } else if search.keywords_running()
            || search.indexing()
            || search.jieba_loading()
            || session.mending_titles(app)
        {
            Some(wait.map_or(BACKGROUND_POLL, |w| w.min(BACKGROUND_POLL)))
        } else {
            wait
        };
        // Show what arrived (search results, pages) before sleeping.
        if changed {
            terminal.draw(|f| view::draw(f, app))?;
            changed = false;
        }
        // Never asleep for long: a signal must be seen (see `signals`).
        let wait = wait.map_or(super::signals::CHECK_EVERY, |w| w.min(super::signals::CHECK_EVERY));
        if event::poll(wait)? {
            // Everything waiting is handled before the next frame: a burst
            // (a long paste typed in, mouse motion) costs one draw.
            for _ in 0..MAX_EVENTS_PER_FRAME {
                let ev = event::read()?;
                let actions = match &ev {
                    // Pasted text is text, never commands.
                    event::Event::Paste(text) => super::input::paste_actions(app, text),
                    ev => keys::event_to_action(app, ev).into_iter().collect(),
                };
                for action in actions {
                    session.on_action(action);
                    // The update's effects: searches to the worker, marks to the store.
                    for effect in update(app, action) {
                        match effect {
                            Effect::Search(query) => search.dispatch(app, query),
                            Effect::Copy(text) => copy(terminal, app, &text),
                            Effect::Save { name, text } => save(app, &name, &text),
                            effect => session.apply(effect),
                        }
                    }
                    changed = true;
                }
                // Not zero: crossterm's poll with a zero timeout does not
                // even look at the events it has already read and parsed.
                if app.quit || !event::poll(DRAIN_POLL)? {
                    break;
                }
            }
        } else if super::signals::terminal_gone() {
            // End of input or a hang-up (SIGHUP ignored, as under nohup):
            // leave, so that the state is saved, instead of spinning.
            anyhow::bail!("the terminal has gone (end of input); leaving");
        }
        if super::signals::received().is_some() {
            // The caller saves the state and exits with 128 + the signal.
            break;
        }
        changed |= session.tick(app, Instant::now());
        // Pages arrived: index them; an open search runs again on them.
        let indexing = app.status.indexing;
        search.set_loading(session.is_loading());
        search.refresh(app);
        changed |= app.status.indexing != indexing;
        changed |= search.keywords(app, !session.is_loading());
        if changed && !app.quit {
            terminal.draw(|f| view::draw(f, app))?;
        }
    }
    Ok(())
}

/// Puts `text` on the clipboard through the terminal (OSC 52) and says so.
fn copy(terminal: &mut Terminal<CrosstermBackend<Stdout>>, app: &mut App, text: &str) {
    let seq = super::clipboard::osc52(text);
    let out = terminal.backend_mut();
    match std::io::Write::write_all(out, seq.as_bytes()).and_then(|()| std::io::Write::flush(out)) {
        Ok(()) => app.notice(format!("copied {} characters (OSC 52)", text.chars().count())),
        Err(e) => app.message(format!("cannot copy: {e}")),
    }
}

/// Saves `text` as `name` in the save folder and says where.
fn save(app: &mut App, name: &str, text: &str) {
    let dir = crate::export::save_dir();
    match crate::export::save_text(&dir, name, text) {
        Ok(path) => app.notice(format!("saved to {}", crate::text::printable(&path.display().to_string()))),
        Err(e) => app.message(format!(
            "cannot save in {}: {}",
            crate::text::printable(&dir.display().to_string()),
            crate::text::printable(&e.to_string())
        )),
    }
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
