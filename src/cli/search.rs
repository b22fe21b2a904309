//! `lvread search`: ranked hits on stdout, as text or JSON.

use crate::search::{Cache, Hit, Index, Query, Results, words};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

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

/// Searches `paths` (or the bundled pages) with the reader's ranking,
/// loading jieba first so word boundaries count.
pub fn search_pages(query: &str, paths: &[PathBuf], limit: usize) -> Results {
    search_loaded(query, super::load_pages(paths), limit)
}

/// Searches pages already loaded.
fn search_loaded(query: &str, pages: Vec<crate::model::Page>, limit: usize) -> Results {
    words::preload();
    let issues = Arc::new(crate::archive::group(pages));
    let index = Index::build(issues);
    let _ = words::jieba();
    let mut cache = Cache::default();
    index.search(&Query::new(query), limit, &mut cache, &|| false).unwrap_or_default()
}

/// `lvread search`: prints ranked hits, one per line (or JSON). Exits 1
/// when every path named failed to load (no match is not an error).
pub fn run(query: &str, paths: &[PathBuf], json: bool, limit: usize) -> anyhow::Result<ExitCode> {
    let (pages, failures) = super::load_pages_counting(paths);
    let nothing_loaded = pages.is_empty() && failures > 0;
    let results = search_loaded(query, pages, limit);
    let stdout = std::io::stdout();
    let tty = stdout.is_terminal();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if json {
        #[derive(serde::Serialize)]
        struct Doc<'a> {
            query: &'a str,
            hits: Vec<JsonHit<'a>>,
        }
        let doc = Doc { query, hits: results.hits.iter().map(JsonHit::of).collect() };
        writeln!(out, "{}", crate::text::json_safe(&serde_json::to_string_pretty(&doc)?))?;
    } else {
        if results.hits.is_empty() && !nothing_loaded {
            crate::text::report(format_args!("no match for “{query}”"));
        }
        for h in &results.hits {
            writeln!(out, "{}", text_line(h, tty))?;
        }
    }
    out.flush()?;
    Ok(if nothing_loaded { ExitCode::FAILURE } else { ExitCode::SUCCESS })
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
