//! Articles as text to take out of lvread: the clipboard copy, the saved
//! file and `lvread export` all print an article here, as plain text or
//! Markdown — kicker, headline, subtitle, byline, date and page, then the
//! paragraphs and captions. Every piece is cleaned ([`crate::text::clean`]):
//! no control character or escape sequence from a file leaves lvread.

use crate::model::{Article, Page};

/// How an exported article is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Plain text: the header lines, a blank line, paragraphs separated by blank lines.
    #[default]
    Text,
    /// Markdown: `#` headline, the kicker and subtitle as emphasis, escaped text.
    Markdown,
}

/// Where an article was printed: `2024-03-07 第3版`; a guessed date is
/// marked `约` (`约2024-03-07`); None when neither date nor page is known.
pub fn place(page: &Page) -> Option<String> {
    let date = page.date.map(|d| if page.date_inferred { format!("约{d}") } else { d.to_string() });
    let number = page.page.map(|n| format!("第{n}版"));
    match (date, number) {
        (Some(d), Some(n)) => Some(format!("{d} {n}")),
        (d, n) => d.or(n),
    }
}

/// One field made safe and on one line: cleaned, line breaks and runs of
/// spaces turned into one space.
fn one_line(s: &str) -> String {
    crate::text::clean(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text escaped for Markdown: characters that would start formatting get a backslash.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    // A line that would read as a list item or a heading.
    if out.starts_with(['-', '+']) || out.split_once(". ").is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit())) {
        out.insert(0, '\\');
    }
    out
}

/// An article as `format`, ending with one newline. `page` is the page it
/// was printed on (for the date and page number).
pub fn article(a: &Article, page: &Page, format: Format) -> String {
    let esc = |s: &str| match format {
        Format::Text => one_line(s),
        Format::Markdown => md_escape(&one_line(s)),
    };
    let mut head: Vec<String> = Vec::new();
    let kicker = a.kicker.as_deref().map(esc).filter(|s| !s.is_empty());
    let subtitle = a.subtitle.as_deref().map(esc).filter(|s| !s.is_empty());
    match format {
        Format::Text => {
            head.extend(kicker);
            head.push(esc(&a.title));
            head.extend(subtitle);
        }
        Format::Markdown => {
            head.extend(kicker.map(|k| format!("*{k}*")));
            head.push(format!("# {}", esc(&a.title)));
            head.extend(subtitle.map(|s| format!("*{s}*")));
        }
    }
    let byline = a.byline.as_deref().map(esc).filter(|s| !s.is_empty());
    let place = place(page).map(|p| esc(&p));
    let about: Vec<String> = byline.into_iter().chain(place).collect();
    if !about.is_empty() {
        if format == Format::Markdown && head.len() > 1 {
            head.push(String::new());
        }
        head.push(about.join(" · "));
    }
    let mut blocks = vec![head.join("\n")];
    blocks.extend(a.paragraphs.iter().enumerate().map(|(n, p)| (n, esc(p))).filter(|(_, p)| !p.is_empty()).map(
        |(n, p)| match format {
            Format::Markdown if a.is_subheading(n) => format!("## {p}"),
            _ => p,
        },
    ));
    let captions: Vec<String> = a.captions.iter().map(|c| esc(c)).filter(|c| !c.is_empty()).collect();
    blocks.extend(captions.into_iter().map(|c| match format {
        Format::Text => format!("图：{c}"),
        Format::Markdown => format!("> {c}"),
    }));
    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}

/// Environment variable naming the folder articles are saved in.
pub const SAVE_DIR_ENV: &str = "LVREAD_SAVE_DIR";

/// Where the reader saves articles: `$LVREAD_SAVE_DIR` when set, else the
/// user's Downloads folder, else the home folder, else the current one.
pub fn save_dir() -> std::path::PathBuf {
    if let Some(d) = std::env::var_os(SAVE_DIR_ENV).filter(|d| !d.is_empty()) {
        return d.into();
    }
    let dirs = directories::UserDirs::new();
    dirs.as_ref()
        .and_then(|u| u.download_dir().map(std::path::Path::to_path_buf))
        .or_else(|| dirs.as_ref().map(|u| u.home_dir().to_path_buf()))
        .unwrap_or_else(|| std::path::PathBuf::from("."))
}

/// The line between two exported articles.
pub fn separator(format: Format) -> &'static str {
    match format {
        Format::Text => "\n* * *\n\n",
        Format::Markdown => "\n---\n\n",
    }
}

/// A file name for an article: `2024-03-07_第3版_标题.txt`, from what is
/// known, with characters that files cannot hold (`/`, `\\`, `:`, control
/// characters…) left out and the headline cut to 30 characters.
pub fn file_name(a: &Article, page: &Page) -> String {
    let title: String = crate::text::clean(&a.title)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '…'))
        .filter(|c| !c.is_control())
        .take(30)
        .collect();
    let title = title.trim_start_matches('.');
    let mut parts: Vec<String> = Vec::new();
    parts.extend(page.date.map(|d| d.to_string()));
    parts.extend(page.page.map(|n| format!("第{n}版")));
    if !title.is_empty() {
        parts.push(title.to_string());
    }
    if parts.is_empty() {
        parts.push("article".to_string());
    }
    format!("{}.txt", parts.join("_"))
}

/// Saves an article as plain text in `dir` under [`file_name`] (never over
/// an existing file: `-2`, `-3`… are added); returns the path written.
pub fn save(dir: &std::path::Path, a: &Article, page: &Page) -> std::io::Result<std::path::PathBuf> {
    save_text(dir, &file_name(a, page), &article(a, page, Format::Text))
}

/// Writes `text` in `dir` as `name` (a `.txt` name), never over an existing
/// file (`-2`, `-3`… are added); returns the path written.
pub fn save_text(dir: &std::path::Path, name: &str, text: &str) -> std::io::Result<std::path::PathBuf> {
    let stem = name.trim_end_matches(".txt");
    std::fs::create_dir_all(dir)?;
    for n in 1..1000 {
        let path = if n == 1 { dir.join(name) } else { dir.join(format!("{stem}-{n}.txt")) };
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut f) => {
                std::io::Write::write_all(&mut f, text.as_bytes())?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(format!("too many files named {name}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn page() -> Page {
        Page { date: Date::new(2024, 3, 7), page: Some(3), ..Page::default() }
    }

    fn story() -> Article {
        Article {
            title: "我市全方位优化营商环境\u{1b}[31m".into(),
            kicker: Some("引题".into()),
            byline: Some("本报记者 王\n小明".into()),
            paragraphs: vec!["第一段*重要*。".into(), "第二段\u{7}。".into()],
            captions: vec!["图为现场。".into()],
            ..Article::default()
        }
    }

    #[test]
    fn plain_text_has_header_place_and_paragraphs_cleaned() {
        let t = article(&story(), &page(), Format::Text);
        assert_eq!(
            t,
            "引题\n我市全方位优化营商环境\n本报记者 王 小明 · 2024-03-07 第3版\n\n第一段*重要*。\n\n第二段。\n\n图：图为现场。\n"
        );
    }

    #[test]
    fn markdown_escapes_and_marks_the_headline() {
        let t = article(&story(), &page(), Format::Markdown);
        assert!(t.starts_with("*引题*\n# 我市全方位优化营商环境\n\n本报记者 王 小明 · 2024-03-07 第3版\n\n"), "{t}");
        assert!(t.contains("第一段\\*重要\\*。"), "{t}");
        assert!(t.contains("> 图为现场。"), "{t}");
        assert!(!t.contains('\u{1b}') && !t.contains('\u{7}'));
    }

    #[test]
    fn a_subheading_is_a_markdown_heading_and_a_line_of_its_own_in_text() {
        let mut a = story();
        a.paragraphs.insert(1, "做大*核桃*产业".into());
        a.subheadings = vec![1];
        let md = article(&a, &page(), Format::Markdown);
        assert!(md.contains("第一段\\*重要\\*。\n\n## 做大\\*核桃\\*产业\n\n第二段。"), "{md}");
        assert_eq!(md.matches("## ").count(), 1, "only the subheading: {md}");
        let text = article(&a, &page(), Format::Text);
        assert!(text.contains("第一段*重要*。\n\n做大*核桃*产业\n\n第二段。"), "{text}");
    }

    #[test]
    fn place_says_what_is_known() {
        assert_eq!(place(&page()).as_deref(), Some("2024-03-07 第3版"));
        assert_eq!(place(&Page { date_inferred: true, page: None, ..page() }).as_deref(), Some("约2024-03-07"));
        assert_eq!(place(&Page::default()), None);
    }

    #[test]
    fn saved_files_have_readable_names_and_never_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let a = Article { title: "a/b:c 我市\u{1b}召开会议…".into(), ..story() };
        assert_eq!(file_name(&a, &page()), "2024-03-07_第3版_abc我市召开会议.txt");
        let first = save(dir.path(), &a, &page()).unwrap();
        let second = save(dir.path(), &a, &page()).unwrap();
        assert_ne!(first, second);
        assert!(second.to_string_lossy().ends_with("-2.txt"));
        let text = std::fs::read_to_string(&first).unwrap();
        assert_eq!(text, article(&a, &page(), Format::Text));
        assert_eq!(file_name(&Article { title: "..".into(), ..a }, &Page::default()), "article.txt");
    }
}
