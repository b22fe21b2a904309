//! The hits of every keystroke of `archive_bench`'s query list on a second
//! start of the reader over an archive it wrote (the reader's own pieces,
//! as the benchmark runs them), one line per keystroke: the prefix typed,
//! then each hit as `source#article score field`. Two builds' outputs are
//! compared to check that a change to the search left its hits alone.
//!
//! ```sh
//! cargo run --release --example keystroke_hits -- target/archive-bench/30000-2023 > hits.txt
//! ```

#[path = "common/keystrokes.rs"]
mod keystrokes;
#[path = "common/measure.rs"]
mod measure;
use measure::KEYSTROKE_QUERIES as QUERIES;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

/// Long enough for any archive on any machine: this prints, it does not time.
const PATIENCE: Duration = Duration::from_secs(24 * 3600);

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("keystroke_hits: name the archive's folder (as archive_bench wrote it)");
        std::process::exit(2);
    };
    lvread::memory::limit_malloc_arenas();
    let result =
        keystrokes::start(Path::new(&dir), PATIENCE).and_then(|mut s| keystrokes::hits(&mut s, QUERIES, PATIENCE));
    match result {
        Ok(hits) => {
            let _ = std::io::stdout().lock().write_all(hits.as_bytes());
        }
        Err(e) => {
            eprintln!("keystroke_hits: {e}");
            std::process::exit(1);
        }
    }
}
