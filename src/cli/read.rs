//! `lvread [PATH…]`: the reader's options, and `--print-config`.

use crate::store::Store;
use crate::text::printable;
use crate::ui::session::Session;
use crate::ui::terminal::Timings;
use crate::ui::{self, App};
use crate::{archive, loader};
use clap::Args;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Options of the reader (no subcommand).
#[derive(Debug, Clone, Args, Default)]
pub struct ReadArgs {
    /// Issue files (text or PDF), or folders searched for *.txt and *.pdf (default: the bundled issues).
    pub paths: Vec<PathBuf>,
    /// Neither read nor write the reading state (read marks, bookmarks, position).
    #[arg(long)]
    pub no_state: bool,
    /// Print the default configuration as a commented TOML file and exit.
    #[arg(long)]
    pub print_config: bool,
}

/// `lvread --print-config`: the default settings as a commented TOML file
/// (`assets/config.toml` as it is); on a terminal, where to save it goes to
/// stderr.
pub fn print_config() -> anyhow::Result<ExitCode> {
    if std::io::stderr().is_terminal()
        && let Some(path) = crate::config::default_path()
    {
        crate::text::report(format_args!("save this as {} and change what you like", path.display()));
    }
    let mut out = std::io::stdout().lock();
    out.write_all(crate::config::default_toml().as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Exit code when standard output is not a terminal.
pub const EXIT_NOT_A_TERMINAL: u8 = 2;

/// Exit code when the reading state could not be saved at quit (the
/// session's marks and bookmarks are lost; stderr says why).
pub const EXIT_STATE_NOT_SAVED: u8 = 3;

/// `lvread [PATH…]`: the full-screen reader over the pages named in `args`
/// (or the bundled ones). Loads the settings and the reading state, starts
/// the loader, and hands over to [`ui::run`]. Exits with
/// [`EXIT_NOT_A_TERMINAL`] when stdout is not a terminal, and with 1 when
/// none of the paths named exists.
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
    // pages are small enough to load at once. Sequential: measured no
    // faster on two threads (the loader's lazy regexes are built once,
    // whichever thread comes first).
    let pages = if args.paths.is_empty() {
        let t = Instant::now();
        let pages = loader::bundled();
        timings.record("decode+load (bundled)", t.elapsed());
        pages
    } else {
        Vec::new()
    };
    let t = Instant::now();
    let issues = archive::group(pages);
    timings.record("group", t.elapsed());

    let t = Instant::now();
    let (config, config_errors) = crate::config::load();
    let store = Store::open_default(args.no_state);
    timings.record("settings+state", t.elapsed());
    let mut app = App::new(issues, crossterm::terminal::size().unwrap_or((80, 24)));
    ui::settings::apply(&mut app, &config);
    let mut session = Session::new(store);
    session.restore(&mut app);
    // After the state's notices: the status bar shows the latest message.
    if let Some(e) = config_errors.first() {
        let more = match config_errors.len() {
            1 => String::new(),
            n => format!(" and {} more mistake{}", n - 1, if n > 2 { "s" } else { "" }),
        };
        app.message(format!("{}{more} — ignored, the rest applied (details on stderr at exit)", e.short()));
    }
    if args.paths.is_empty() {
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

    let result = ui::run(&mut app, &mut session, start, &mut timings);
    let unsaved = session.finish(&mut app);
    for e in &config_errors {
        crate::text::report(format_args!("{e} (ignored; the rest of the file was applied)"));
    }
    for e in &session.errors {
        crate::text::report(e);
    }
    for w in &session.warnings {
        crate::text::report(w);
    }
    if let Some(d) = session.loaded_in {
        timings.record("background load (all files)", d);
    }
    if timing {
        eprintln!("{}", printable(&timings.report()));
    }
    if let Some(e) = &unsaved {
        crate::text::report(format_args!("{e} — the read marks and bookmarks of this session were NOT saved"));
    }
    result?;
    if let Some(sig) = ui::signals::received() {
        // Restored and saved: now die of it, as far as the shell can tell.
        return Ok(ExitCode::from(ui::signals::exit_status(sig)));
    }
    Ok(if unsaved.is_some() { ExitCode::from(EXIT_STATE_NOT_SAVED) } else { ExitCode::SUCCESS })
}
