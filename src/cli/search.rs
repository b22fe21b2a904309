//! `lvread search`: ranked hits on stdout, as text or JSON.
//!
//! It takes the reader's way in: with the page cache warm, the pages come
//! from the headline table (headlines only), the index from its parts
//! stored whole, and text is read only for the candidates whose bodies the
//! search matches and for the hits printed (their excerpts), each hit
//! written as soon as it is made.

use crate::archive;
use crate::model::{Issue, Page};
use crate::search::{Cache, FieldMatch, Hit, Index, Query, words};
use crate::ui::fragments;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, mpsc};
use std::time::Instant;

/// One hit as printed by `lvread search --json`.
#[derive(Debug, serde::Serialize)]
pub struct JsonHit<'a> {
    pub source: &'a str,
    pub date: Option<crate::model::Date>,
    pub title: &'a str,
    /// Index of the article within its page (as in `lvread dump`).
    pub article: usize,
    /// The article's stable id.
    pub id: &'a str,
    pub score: i64,
    /// `"title"` or `"body"`.
    pub field: &'static str,
    /// The precise part: title, kicker, subtitle, byline, paragraph, caption, keyword.
    pub part: &'static str,
    /// Paragraph / caption number within the part.
    pub index: usize,
    pub snippet: &'a str,
    /// Char ranges `[start, end)` of the matches in `snippet`.
    pub highlights: Vec<[usize; 2]>,
    /// True when matched through pinyin.
    pub pinyin: bool,
}

impl<'a> JsonHit<'a> {
    /// The JSON view of a hit.
    pub fn of(h: &'a Hit) -> JsonHit<'a> {
        JsonHit {
            source: &h.source,
            date: h.date,
            title: &h.title,
            article: h.article_in_page,
            id: &h.article_id,
            score: h.score,
            field: h.matched.field.group(),
            part: h.matched.field.name(),
            index: h.matched.index,
            snippet: &h.snippet.text,
            highlights: h.snippet.highlights.iter().map(|r| [r.start, r.end]).collect(),
            pinyin: h.matched.pinyin,
        }
    }
}

/// The issues of `paths` (or the bundled pages) as the reader holds them,
/// how many pages they have and how many paths failed (reported on
/// stderr). The reader's way in: with the page cache on, a file its
/// headline table holds as it is now gives pages holding their headlines
/// only ([`archive::run_with`]); the text is read when the search wants it
/// ([`crate::page_text`]). Each page's fragments become an article, as in
/// the reader ([`fragments::absorb`]), so the index is the reader's and its
/// parts stored in the page cache serve both.
fn load_issues(paths: &[PathBuf]) -> (Vec<Issue>, usize, usize) {
    let (pages, failures) = if paths.is_empty() { (crate::loader::bundled(), 0) } else { load_files(paths) };
    let count = pages.len();
    let mut library = archive::Library::new();
    for mut page in pages {
        fragments::absorb(&mut page);
        library.insert(page);
    }
    (library.into_issues(), count, failures)
}

/// The pages of the files under `paths` in path order (headlines only where
/// the headline table has them), and how many paths failed.
fn load_files(paths: &[PathBuf]) -> (Vec<Page>, usize) {
    let (tx, rx) = mpsc::channel();
    let mut errors = Vec::new();
    let mut slots: Vec<Option<Result<Vec<Page>, crate::loader::LoadError>>> = Vec::new();
    std::thread::scope(|scope| {
        scope.spawn(move || archive::run_with(paths, archive::Order::Paths, true, &tx));
        archive::load::collect(rx, &mut errors, &mut slots);
    });
    let mut pages = Vec::with_capacity(slots.len());
    for result in slots.into_iter().flatten() {
        match result {
            Ok(p) => pages.extend(p),
            Err(e) => errors.push(e),
        }
    }
    for e in &errors {
        crate::text::report(e);
    }
    (pages, errors.len())
}

/// The `limit` best matches of `query`, best first, leaving out the
/// articles made of pages' fragments (the reader's own: `dump` and
/// `export` do not know them). Nothing is read beyond the candidates the
/// search examines.
fn ranked(index: &Index, query: &str, limit: usize) -> Vec<(u32, FieldMatch)> {
    let query = Query::new(query);
    let mut ask = limit;
    loop {
        let (_, found) = index.rank(&query, ask, &mut Cache::default(), &|| false).unwrap_or_default();
        let complete = found.len() < ask;
        let mut kept: Vec<(u32, FieldMatch)> =
            found.into_iter().filter(|(doc, _)| !is_fragments(index, *doc)).collect();
        if kept.len() >= limit || complete || ask == usize::MAX {
            kept.truncate(limit);
            return kept;
        }
        // Fragment articles took places: ask for more.
        ask = ask.saturating_mul(2);
    }
}

/// True when document `doc` is an article made of a page's fragments.
fn is_fragments(index: &Index, doc: u32) -> bool {
    let d = index.doc(doc);
    index
        .issues()
        .get(d.issue as usize)
        .and_then(|i| i.pages.get(d.page as usize))
        .is_some_and(|p| fragments::is_fragments(p, d.article_in_page as usize))
}

/// `lvread search`: prints ranked hits, one per line (or JSON), each as
/// soon as it is made (a body hit's excerpt is the only text read for
/// it). Exits 1 when every path named failed to load (no match is not an
/// error).
pub fn run(query: &str, paths: &[PathBuf], json: bool, limit: usize) -> anyhow::Result<ExitCode> {
    let mut times = Times::start();
    // jieba loads while the pages do (word boundaries count in the ranking).
    words::preload();
    let (issues, pages, failures) = load_issues(paths);
    times.lap("load");
    let nothing_loaded = pages == 0 && failures > 0;
    let index = Index::build(Arc::new(issues));
    times.lap("index");
    let _ = words::jieba();
    times.lap("jieba_wait");
    let ranked = ranked(&index, query, limit);
    times.lap("rank");
    let stdout = std::io::stdout();
    let tty = stdout.is_terminal();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if json {
        // `{"query": …, "hits": [ … ]}` pretty-printed, a hit at a time.
        let query_json = crate::text::json_safe(&serde_json::to_string(query)?);
        write!(out, "{{\n  \"query\": {query_json},\n  \"hits\": [")?;
        let any = !ranked.is_empty();
        for (n, (doc, fm)) in ranked.into_iter().enumerate() {
            let hit = index.hit(doc, fm);
            let pretty = crate::text::json_safe(&serde_json::to_string_pretty(&JsonHit::of(&hit))?);
            out.write_all(if n == 0 { b"\n" } else { b",\n" })?;
            for (k, line) in pretty.lines().enumerate() {
                if k > 0 {
                    out.write_all(b"\n")?;
                }
                write!(out, "    {line}")?;
            }
        }
        writeln!(out, "{}]\n}}", if any { "\n  " } else { "" })?;
    } else {
        if ranked.is_empty() && !nothing_loaded {
            crate::text::report(format_args!("no match for “{query}”"));
        }
        for (doc, fm) in ranked {
            writeln!(out, "{}", text_line(&index.hit(doc, fm), tty))?;
            if tty {
                out.flush()?;
            }
        }
    }
    out.flush()?;
    times.lap("print");
    times.report();
    Ok(if nothing_loaded { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// Environment variable: when set, `lvread search` ends with its time per
/// step on stderr (`lvread: search times {"load_ms": …}`), for the
/// benchmarks.
pub const TIMES_ENV: &str = "LVREAD_SEARCH_TIMES";

/// The time each step of a search took, kept when [`TIMES_ENV`] is set.
struct Times {
    last: Option<Instant>,
    laps: Vec<(&'static str, f64)>,
}

impl Times {
    fn start() -> Times {
        let on = std::env::var_os(TIMES_ENV).is_some_and(|v| !v.is_empty());
        Times { last: on.then(Instant::now), laps: Vec::new() }
    }

    /// Ends step `what`.
    fn lap(&mut self, what: &'static str) {
        if let Some(last) = &mut self.last {
            self.laps.push((what, last.elapsed().as_secs_f64() * 1000.0));
            *last = Instant::now();
        }
    }

    fn report(&self) {
        if self.last.is_some() {
            let fields: serde_json::Map<String, serde_json::Value> =
                self.laps.iter().map(|(k, ms)| (format!("{k}_ms"), ((ms * 10.0).round() / 10.0).into())).collect();
            eprintln!("lvread: search times {}", serde_json::Value::Object(fields));
        }
    }
}

/// One hit as a line of text: date, headline, where, snippet (matches in
/// bold on a terminal, else between 【】 marks).
pub fn text_line(h: &Hit, bold: bool) -> String {
    let (on, off) = if bold { ("\x1b[1m", "\x1b[0m") } else { ("【", "】") };
    let mut snip = String::new();
    for (i, c) in h.snippet.text.chars().enumerate() {
        if h.snippet.highlights.iter().any(|r| r.start == i) {
            snip.push_str(on);
        }
        snip.push(if crate::text::is_terminal_unsafe(c) { ' ' } else { c });
        if h.snippet.highlights.iter().any(|r| r.end == i + 1) {
            snip.push_str(off);
        }
    }
    let date = h.date.map(|d| d.to_string()).unwrap_or_else(|| "----------".into());
    let title: String = h.title.chars().map(|c| if crate::text::is_terminal_unsafe(c) { ' ' } else { c }).collect();
    format!("{date}  {title}  [{}#{}]  {snip}", h.matched.field.name(), h.article_in_page)
}
