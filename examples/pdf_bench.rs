//! Reading speed per PDF page: lvread's PDF reader (engine, clean-up and the
//! whole tree) beside `pdftotext` (poppler, text only) on the same files, in
//! one run. `pdftotext` is run when it is installed (`apt-get install
//! poppler-utils`); its time includes starting the process once per file.
//!
//! `cargo run --release --example pdf_bench`

#[path = "../tests/pdfgen/mod.rs"]
mod pdfgen;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Best of `n` runs: the least disturbed by other work on the machine.
fn best(n: usize, mut f: impl FnMut()) -> Duration {
    (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/pdf");
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in [shared.clone(), shared.join("pdfjs")] {
        if let Ok(rd) = std::fs::read_dir(&dir) {
            let mut v: Vec<PathBuf> =
                rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| lvread::pdf::is_pdf_path(p)).collect();
            v.sort();
            files.extend(v);
        }
    }
    if files.is_empty() {
        println!("notice: {} is absent; timing generated pages only", shared.display());
    }
    // A generated issue of many pages, written out so pdftotext can read it too.
    let tmp = std::env::temp_dir().join(format!("lvread-bench-{}.pdf", std::process::id()));
    let mut rng = pdfgen::Rng::new(77);
    let articles: Vec<_> = (0..120).map(|_| pdfgen::article(&mut rng)).collect();
    let style = pdfgen::Style { strips: 2, ..pdfgen::Style::random(&mut rng) };
    let (pdf, _) = pdfgen::build(&articles, &style);
    if std::fs::write(&tmp, &pdf).is_ok() {
        files.push(tmp.clone());
    }
    let has_pdftotext = std::process::Command::new("pdftotext").arg("-v").output().is_ok();
    if !has_pdftotext {
        println!("notice: pdftotext is not installed; timing lvread only");
    }
    println!("{:<22} {:>5} {:>14} {:>16}", "file", "pages", "lvread ms/page", "pdftotext ms/page");
    let (mut ours, mut theirs, mut pages_all) = (Duration::ZERO, Duration::ZERO, 0usize);
    for f in &files {
        let Ok(bytes) = std::fs::read(f) else { continue };
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let pages = lvread::pdf::read_bytes(&name, &bytes).map(|p| p.len()).unwrap_or(0).max(1);
        let t_ours = best(5, || {
            let _ = lvread::pdf::read_bytes(&name, &bytes);
        });
        let t_theirs = if has_pdftotext {
            best(5, || {
                let _ = std::process::Command::new("pdftotext").arg(f).arg("-").output();
            })
        } else {
            Duration::ZERO
        };
        ours += t_ours;
        theirs += t_theirs;
        pages_all += pages;
        let per = |d: Duration| d.as_secs_f64() * 1e3 / pages as f64;
        let shown: String = if name.starts_with("lvread-bench") { "generated.pdf".into() } else { name };
        println!("{shown:<22} {pages:>5} {:>14.2} {:>16.2}", per(t_ours), per(t_theirs));
    }
    let per = |d: Duration| d.as_secs_f64() * 1e3 / pages_all.max(1) as f64;
    println!("{:<22} {pages_all:>5} {:>14.2} {:>16.2}", "all", per(ours), per(theirs));
    let _ = std::fs::remove_file(&tmp);
}
