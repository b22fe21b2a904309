//! The layout of a whole article at one width: header lines, reflowed
//! paragraphs, captions and keywords, as lines that point into the
//! article's own text.

use super::Line;
use crate::model::Article;
use std::ops::Range;

/// Which part of an article a body line shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Part {
    /// 引题, above the headline.
    Kicker,
    /// The headline.
    Title,
    /// 副题, below the headline.
    Subtitle,
    /// The byline.
    Byline,
    /// Paragraph n of `Article::paragraphs`.
    Paragraph(usize),
    /// Caption n of `Article::captions`.
    Caption(usize),
    /// The keyword line ([`ArticleLayout::keywords`]).
    Keywords,
    /// An empty separating line.
    Blank,
}

/// One line of an article's body as drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyLine {
    /// The part the text comes from.
    pub part: Part,
    /// Byte range of the text within the part (see [`ArticleLayout::part_text`]).
    pub range: Range<usize>,
    /// True when drawn after the paragraph indent.
    pub indent: bool,
    /// Display width, indent included.
    pub width: usize,
}

/// An article wrapped to a width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleLayout {
    /// The width the article was wrapped to.
    pub width: usize,
    /// Every line, top to bottom.
    pub lines: Vec<BodyLine>,
    /// The text of the keyword line (empty when the article has no keywords).
    pub keywords: String,
}

/// Label in front of the keywords.
pub const KEYWORDS_LABEL: &str = "关键词：";

impl ArticleLayout {
    /// Lays `article` out at `width` columns: kicker, headline, subtitle,
    /// byline, keywords, a blank line, the paragraphs (first lines
    /// indented), then the captions after a blank line.
    pub fn new(article: &Article, width: usize) -> ArticleLayout {
        ArticleLayout::new_with(article, width, super::Breaking::Strict)
    }

    /// [`ArticleLayout::new`] with the given line-breaking strictness.
    pub fn new_with(article: &Article, width: usize, breaking: super::Breaking) -> ArticleLayout {
        let keywords = if article.keywords.is_empty() {
            String::new()
        } else {
            format!("{KEYWORDS_LABEL}{}", article.keywords.join("、"))
        };
        let mut out = ArticleLayout { width, lines: Vec::new(), keywords };
        let add = |lines: &mut Vec<BodyLine>, part: Part, text: &str, indent: bool| {
            for Line { range, indent, width } in super::wrap_with(text, width, indent, breaking) {
                lines.push(BodyLine { part, range, indent, width });
            }
        };
        let blank = |lines: &mut Vec<BodyLine>| {
            if lines.last().is_some_and(|l| l.part != Part::Blank) {
                lines.push(BodyLine { part: Part::Blank, range: 0..0, indent: false, width: 0 });
            }
        };
        let lines = &mut out.lines;
        if let Some(k) = &article.kicker {
            add(lines, Part::Kicker, k, false);
        }
        let title = match breaking {
            super::Breaking::Strict => super::wrap_title(&article.title, width),
            super::Breaking::Loose => super::wrap_loose(&article.title, width, false),
        };
        for Line { range, indent, width } in title {
            lines.push(BodyLine { part: Part::Title, range, indent, width });
        }
        if let Some(s) = &article.subtitle {
            add(lines, Part::Subtitle, s, false);
        }
        if let Some(b) = &article.byline {
            add(lines, Part::Byline, b, false);
        }
        if !out.keywords.is_empty() {
            add(lines, Part::Keywords, &out.keywords, false);
        }
        blank(lines);
        for (n, p) in article.paragraphs.iter().enumerate() {
            if article.is_subheading(n) {
                // A subheading: after a blank line (one for a run of them),
                // not indented.
                if n == 0 || !article.is_subheading(n - 1) {
                    blank(lines);
                }
                add(lines, Part::Paragraph(n), p, false);
            } else {
                add(lines, Part::Paragraph(n), p, true);
            }
        }
        if !article.captions.is_empty() {
            blank(lines);
            for (n, c) in article.captions.iter().enumerate() {
                add(lines, Part::Caption(n), c, false);
            }
        }
        out
    }

    /// The whole text of a part.
    pub fn part_text<'a>(&'a self, article: &'a Article, part: Part) -> &'a str {
        match part {
            Part::Kicker => article.kicker.as_deref().unwrap_or(""),
            Part::Title => &article.title,
            Part::Subtitle => article.subtitle.as_deref().unwrap_or(""),
            Part::Byline => article.byline.as_deref().unwrap_or(""),
            Part::Paragraph(n) => article.paragraphs.get(n).map(String::as_str).unwrap_or(""),
            Part::Caption(n) => article.captions.get(n).map(String::as_str).unwrap_or(""),
            Part::Keywords => &self.keywords,
            Part::Blank => "",
        }
    }

    /// The text of line `n` (empty when out of range).
    pub fn line_text<'a>(&'a self, article: &'a Article, n: usize) -> &'a str {
        match self.lines.get(n) {
            Some(l) => self.part_text(article, l.part).get(l.range.clone()).unwrap_or(""),
            None => "",
        }
    }

    /// Where line `n` begins: its part and byte offset, for keeping the
    /// reading position across widths.
    pub fn anchor(&self, n: usize) -> Option<(Part, usize)> {
        let l = self.lines.get(n)?;
        Some((l.part, l.range.start))
    }

    /// The line that shows byte `offset` of `part` (or the nearest line of
    /// the part before it); None when the part is not laid out.
    pub fn line_of(&self, part: Part, offset: usize) -> Option<usize> {
        let mut found = None;
        for (n, l) in self.lines.iter().enumerate() {
            if l.part == part {
                if l.range.start <= offset || found.is_none() {
                    found = Some(n);
                }
                if offset < l.range.end {
                    break;
                }
            } else if found.is_some() {
                break;
            }
        }
        found
    }

    /// The first line of paragraph `n`.
    pub fn paragraph_start(&self, n: usize) -> Option<usize> {
        self.lines.iter().position(|l| l.part == Part::Paragraph(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        Article {
            title: "吕梁市召开会议".into(),
            kicker: Some("引题".into()),
            subtitle: Some("副题".into()),
            byline: Some("本报讯（记者 王）".into()),
            paragraphs: vec!["一二三四五六七八九十".repeat(3), "第二段。".into()],
            captions: vec!["图为会议现场。".into()],
            keywords: vec!["吕梁".into(), "会议".into()],
            ..Article::default()
        }
    }

    #[test]
    fn header_then_paragraphs_then_captions_and_keywords() {
        let a = article();
        let l = ArticleLayout::new(&a, 20);
        let parts: Vec<Part> = l.lines.iter().map(|x| x.part).collect();
        assert_eq!(
            &parts[..6],
            &[Part::Kicker, Part::Title, Part::Subtitle, Part::Byline, Part::Keywords, Part::Blank]
        );
        assert_eq!(l.line_text(&a, 1), "吕梁市召开会议");
        assert_eq!(l.line_text(&a, 4), "关键词：吕梁、会议");
        assert!(l.lines[6].indent, "first paragraph line is indented");
        assert_eq!(parts.last(), Some(&Part::Caption(0)));
        assert!(l.lines.iter().all(|x| x.width <= 20));
    }

    #[test]
    fn anchors_survive_a_change_of_width() {
        let a = article();
        let wide = ArticleLayout::new(&a, 40);
        let narrow = ArticleLayout::new(&a, 12);
        let top = wide.paragraph_start(1).unwrap();
        let (part, off) = wide.anchor(top).unwrap();
        let n = narrow.line_of(part, off).unwrap();
        assert_eq!(narrow.lines[n].part, Part::Paragraph(1));
        assert_eq!(narrow.line_text(&a, n), "第二段。");
        // An offset in the middle of a paragraph finds the line holding it.
        let mid = narrow.line_of(Part::Paragraph(0), 40).unwrap();
        assert!(narrow.lines[mid].range.contains(&40));
    }

    #[test]
    fn a_subheading_stands_after_a_blank_line_unindented() {
        let a = Article {
            paragraphs: vec!["第一段。".into(), "做大核桃产业".into(), "第二段。".into()],
            subheadings: vec![1],
            ..article()
        };
        let l = ArticleLayout::new(&a, 30);
        let at = l.paragraph_start(1).unwrap();
        assert_eq!(l.lines[at - 1].part, Part::Blank);
        assert!(!l.lines[at].indent, "a subheading is not indented");
        assert_eq!(l.line_text(&a, at), "做大核桃产业");
        // The paragraph after it follows at once, indented.
        assert_eq!(l.lines[at + 1].part, Part::Paragraph(2));
        assert!(l.lines[at + 1].indent);
        // No subheadings: paragraphs follow each other with no blank line.
        // Two subheadings in a row stay together.
        let two = Article { subheadings: vec![1, 2], ..a.clone() };
        let l = ArticleLayout::new(&two, 30);
        let at = l.paragraph_start(2).unwrap();
        assert_eq!(l.lines[at - 1].part, Part::Paragraph(1));
        assert!(!l.lines[at].indent);
        let plain = ArticleLayout::new(&Article { subheadings: vec![], ..a.clone() }, 30);
        let at = plain.paragraph_start(1).unwrap();
        assert_eq!(plain.lines[at - 1].part, Part::Paragraph(0));
        assert!(plain.lines[at].indent);
    }

    #[test]
    fn no_keywords_no_keyword_line() {
        let a = Article { keywords: vec![], ..article() };
        let l = ArticleLayout::new(&a, 30);
        assert!(l.lines.iter().all(|x| x.part != Part::Keywords));
    }
}
