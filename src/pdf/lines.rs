//! Glyphs → text lines: glyphs on one baseline, at one size, with no
//! column gutter between them, in left-to-right order.

use super::extract::{FontInfo, Glyph};

/// One printed line of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The text, white space inside kept as single spaces, none at the ends.
    pub text: String,
    /// Left edge of the first glyph (a leading blank counts: it is an indent).
    pub x0: f32,
    /// Left edge of the first glyph that is not blank.
    pub text_x0: f32,
    /// Right edge of the last glyph.
    pub x1: f32,
    /// Baseline, from the page's top.
    pub y: f32,
    /// Font size in points (the median of the glyphs').
    pub size: f32,
    /// True when most glyphs come from a bold font.
    pub bold: bool,
}

impl Line {
    /// Top of the line's glyphs.
    pub fn top(&self) -> f32 {
        self.y - self.size * 0.9
    }

    /// Bottom of the line's glyphs.
    pub fn bottom(&self) -> f32 {
        self.y + self.size * 0.2
    }

    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    /// Middle of the line, left to right.
    pub fn center(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
}

fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace())
}

/// True for a character after which a line wrap needs no space (CJK text).
fn is_wide(c: char) -> bool {
    ('\u{2E80}'..='\u{9FFF}').contains(&c)
        || ('\u{F900}'..='\u{FAFF}').contains(&c)
        || ('\u{FF00}'..='\u{FFEF}').contains(&c)
        || ('\u{3000}'..='\u{303F}').contains(&c)
        || ('\u{2010}'..='\u{206F}').contains(&c)
}

/// Joins two pieces of running text: nothing between Hanzi, a space between
/// two Latin words.
pub fn join(a: &mut String, b: &str) {
    let last = a.chars().next_back();
    let first = b.chars().next();
    if let (Some(l), Some(f)) = (last, first)
        && !is_wide(l)
        && !is_wide(f)
        && l.is_alphanumeric()
        && f.is_alphanumeric()
        && (l.is_ascii_alphabetic() || f.is_ascii_alphabetic())
    {
        a.push(' ');
    }
    a.push_str(b);
}

/// Groups glyphs (text already resolved) into lines.
pub fn lines(glyphs: &[Glyph], fonts: &[FontInfo]) -> Vec<Line> {
    let mut order: Vec<usize> = (0..glyphs.len()).collect();
    order.sort_by(|&a, &b| glyphs[a].y.total_cmp(&glyphs[b].y).then(glyphs[a].x.total_cmp(&glyphs[b].x)));
    // Baseline bands: glyphs whose baselines lie within a quarter of their size.
    let mut bands: Vec<Vec<usize>> = Vec::new();
    for i in order {
        let g = &glyphs[i];
        let joined = bands.last_mut().is_some_and(|band| {
            let f = &glyphs[band[0]];
            (g.y - f.y).abs() <= 0.25 * f.size.min(g.size)
        });
        if joined {
            if let Some(b) = bands.last_mut() {
                b.push(i);
            }
        } else {
            bands.push(vec![i]);
        }
    }
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for mut band in bands {
        band.sort_by(|&a, &b| glyphs[a].x.total_cmp(&glyphs[b].x));
        let mut run: Vec<usize> = Vec::new();
        // The last glyph with ink in the run: blanks padding a column's line
        // out to its edge must not bridge the gutter to the next column.
        let mut ink: Option<usize> = None;
        for i in band {
            if let Some(&p) = run.last() {
                let (a, b) = (&glyphs[p], &glyphs[i]);
                let size = a.size.max(b.size);
                let gap = b.x - (a.x + a.width);
                let ink_gap = ink.map_or(0.0, |k| b.x - (glyphs[k].x + glyphs[k].width));
                let bridged = ink != Some(p) && ink_gap > 1.5 * size && !is_blank(b.text.as_deref().unwrap_or(""));
                let ratio = a.size.max(b.size) / a.size.min(b.size).max(0.1);
                if gap > 1.2 * size || bridged || ratio > 1.15 {
                    runs.push(std::mem::take(&mut run));
                    ink = None;
                }
            }
            if !is_blank(glyphs[i].text.as_deref().unwrap_or("")) {
                ink = Some(i);
            }
            run.push(i);
        }
        runs.push(run);
    }
    // Where columns start: the left edges many runs share. A run running on
    // into a gutter narrower than usual is split where the next column starts.
    // Counted per text size: a headline's words do not start columns.
    let mut starts: rustc_hash::FxHashMap<(i64, i64), usize> = rustc_hash::FxHashMap::default();
    for r in &runs {
        if let Some(&f) = r.first() {
            *starts.entry((glyphs[f].x.round() as i64, (glyphs[f].size * 2.0).round() as i64)).or_default() += 1;
        }
    }
    let is_start = |g: &Glyph| {
        let (k, z) = (g.x.round() as i64, (g.size * 2.0).round() as i64);
        (k - 1..=k + 1).map(|k| starts.get(&(k, z)).copied().unwrap_or(0)).sum::<usize>() >= 4
    };
    let mut out = Vec::new();
    for r in runs {
        let mut piece: Vec<usize> = Vec::new();
        for i in r {
            if let Some(&p) = piece.last() {
                let (a, b) = (&glyphs[p], &glyphs[i]);
                if b.x - (a.x + a.width) > 0.2 * a.size.max(b.size) && is_start(b) {
                    out.extend(make_line(&piece, glyphs, fonts));
                    piece.clear();
                }
            }
            piece.push(i);
        }
        out.extend(make_line(&piece, glyphs, fonts));
    }
    out
}

fn make_line(run: &[usize], glyphs: &[Glyph], fonts: &[FontInfo]) -> Option<Line> {
    let first_ink = run.iter().position(|&i| !is_blank(glyphs[i].text.as_deref().unwrap_or("")))?;
    let mut sizes: Vec<f32> = run.iter().map(|&i| glyphs[i].size).collect();
    sizes.sort_by(f32::total_cmp);
    let size = sizes[sizes.len() / 2];
    let mut text = String::new();
    let mut prev_end: Option<f32> = None;
    let mut bold = 0usize;
    for &i in &run[first_ink..] {
        let g = &glyphs[i];
        let t = g.text.as_deref().unwrap_or("");
        if fonts.get(g.font).is_some_and(|f| f.bold) {
            bold += 1;
        }
        // A gap is a space; between Hanzi only a wide one (justified lines
        // spread their characters apart).
        let wide_pair = text.chars().next_back().is_some_and(is_wide) && t.chars().next().is_some_and(is_wide);
        let min_gap = if wide_pair { 0.45 } else { 0.25 };
        if let Some(end) = prev_end
            && g.x - end > min_gap * size
            && !text.ends_with(' ')
        {
            text.push(' ');
        }
        if is_blank(t) {
            if !text.ends_with(' ') {
                text.push(' ');
            }
        } else {
            text.push_str(t);
        }
        prev_end = Some(g.x + g.width);
    }
    let text = text.trim().to_string();
    if text.is_empty() {
        return None;
    }
    let last = &glyphs[*run.last()?];
    Some(Line {
        text,
        x0: glyphs[run[0]].x,
        text_x0: glyphs[run[first_ink]].x,
        x1: last.x + last.width,
        y: glyphs[run[0]].y,
        size,
        bold: bold * 2 > run.len() - first_ink,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(t: &str, x: f32, y: f32, size: f32) -> Glyph {
        Glyph { text: Some(t.into()), code: 0, font: 0, x, y, width: size, size }
    }

    #[test]
    fn glyphs_make_lines_split_at_gutters() {
        let mut v = Vec::new();
        for (i, c) in "中国人民".chars().enumerate() {
            v.push(g(&c.to_string(), 10.0 + i as f32 * 10.0, 100.0, 10.0));
            // A second column 30 pt to the right.
            v.push(g(&c.to_string(), 80.0 + i as f32 * 10.0, 100.3, 10.0));
        }
        v.push(g("大", 10.0, 130.0, 20.0));
        let l = lines(&v, &[]);
        assert_eq!(l.len(), 3);
        assert_eq!((l[0].text.as_str(), l[0].x0), ("中国人民", 10.0));
        assert_eq!((l[1].text.as_str(), l[1].x0), ("中国人民", 80.0));
        assert_eq!((l[2].text.as_str(), l[2].size), ("大", 20.0));
    }

    #[test]
    fn gaps_become_spaces_and_blank_indents_are_kept_apart() {
        let v = vec![g("\u{3000}", 0.0, 10.0, 10.0), g("甲", 10.0, 10.0, 10.0), g("乙", 25.0, 10.0, 10.0)];
        let l = lines(&v, &[]);
        assert_eq!(l[0].text, "甲 乙");
        assert_eq!((l[0].x0, l[0].text_x0), (0.0, 10.0));
    }

    #[test]
    fn latin_words_wrapped_keep_a_space() {
        let mut s = "C919".to_string();
        join(&mut s, "大飞机");
        assert_eq!(s, "C919大飞机");
        let mut s = "New".to_string();
        join(&mut s, "York");
        assert_eq!(s, "New York");
    }
}
