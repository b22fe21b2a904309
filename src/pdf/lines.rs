//! Glyphs → text lines: glyphs on one baseline, at one size, with no
//! column gutter between them, in left-to-right order.

use super::extract::{FontInfo, Glyph, Rule};

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

/// Whether a space the page shows between `a` and `b` is kept in the text.
/// Between a number or Latin word and Chinese it is typesetting (`2024 年`
/// is printed with a thin gap but written `2024年`), as the text loader
/// reads it too; elsewhere it is kept.
fn keep_space(a: Option<char>, b: Option<char>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    let latin = |c: char| c.is_ascii_alphanumeric();
    let cjk = |c: char| is_wide(c) && !c.is_whitespace();
    !((latin(a) && cjk(b)) || (cjk(a) && latin(b)))
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

/// Groups glyphs (text already resolved) into lines. `rules` are the
/// page's drawn rules and box edges: a line never runs across a vertical one
/// (two boxes set side by side keep their lines apart).
pub fn lines(glyphs: &[Glyph], fonts: &[FontInfo], rules: &[Rule]) -> Vec<Line> {
    // Vertical rules and box edges, left to right.
    let mut walls: Vec<&Rule> = rules.iter().filter(|r| !r.horizontal() && r.x1 - r.x0 < 3.0).collect();
    walls.sort_by(|a, b| a.x0.total_cmp(&b.x0));
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
        // The walls standing across this band's glyphs (their middle height).
        let mid = band.first().map_or(0.0, |&i| glyphs[i].y - 0.35 * glyphs[i].size);
        let band_walls: Vec<f32> =
            walls.iter().filter(|r| r.y0 <= mid && mid <= r.y1).map(|r| (r.x0 + r.x1) / 2.0).collect();
        let walled = |a: &Glyph, b: &Glyph| {
            let (from, to) = (a.x + 0.5 * a.width, b.x + 0.5 * b.width);
            band_walls.iter().any(|&x| from < x && x < to)
        };
        // Glyphs overlapping each other: a line that overran its column (a
        // font drawn wider than the typesetter meant) runs into the next
        // column's. Then the glyphs of one text-showing operation are kept
        // together. (Only then: some producers draw one line in many
        // interleaved operations, one per font subset.)
        let overlapping = band.windows(2).any(|w| {
            let (a, b) = (&glyphs[w[0]], &glyphs[w[1]]);
            b.x - a.x < 0.5 * a.size.min(b.size) && a.stroke != b.stroke
        });
        if overlapping {
            let mut left: rustc_hash::FxHashMap<u32, f32> = rustc_hash::FxHashMap::default();
            for &i in &band {
                let e = left.entry(glyphs[i].stroke).or_insert(f32::INFINITY);
                *e = e.min(glyphs[i].x);
            }
            let key = |i: usize| left.get(&glyphs[i].stroke).copied().unwrap_or(glyphs[i].x);
            band.sort_by(|&a, &b| key(a).total_cmp(&key(b)).then(glyphs[a].x.total_cmp(&glyphs[b].x)));
        }
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
                // A glyph starting 3/4 em or more before the last one ends
                // belongs to another line that overlaps this one (compressed
                // punctuation, `”；`, overlaps by half an em at most).
                let overlap = gap < -0.75 * size;
                if gap > 1.2 * size || bridged || ratio > 1.15 || overlap || walled(a, b) {
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
    // Text operations that draw one stretch of a line (none of another
    // operation between its glyphs): where one of at least four glyphs ends
    // and the next begins, two lines may meet. (Some producers draw a line in many
    // interleaved operations, one per font subset: those never count.)
    // Per operation: first and last position in reading order, and count.
    let mut span: rustc_hash::FxHashMap<u32, (usize, usize, usize)> = rustc_hash::FxHashMap::default();
    for (pos, &i) in runs.iter().flatten().enumerate() {
        let e = span.entry(glyphs[i].stroke).or_insert((pos, pos, 0));
        e.1 = pos;
        e.2 += 1;
    }
    let stretch =
        |stroke: u32, least: usize| span.get(&stroke).filter(|&&(b, e, n)| n >= least && e + 1 - b == n).copied();
    let mut pos = 0usize;
    let mut out = Vec::new();
    for r in runs {
        let mut piece: Vec<usize> = Vec::new();
        for i in r {
            if let Some(&p) = piece.last() {
                let (a, b) = (&glyphs[p], &glyphs[i]);
                // A gap, or one text operation ending and another beginning
                // (a line that overran its column leaves no gap), where a
                // column starts.
                let apart = b.x - (a.x + a.width) > 0.2 * a.size.max(b.size)
                    || (a.stroke != b.stroke
                        && stretch(a.stroke, 4).is_some_and(|(_, e, _)| e + 1 == pos)
                        && stretch(b.stroke, 1).is_some_and(|(b, _, _)| b == pos));
                if apart && is_start(b) {
                    out.extend(make_line(&piece, glyphs, fonts));
                    piece.clear();
                }
            }
            piece.push(i);
            pos += 1;
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
    // A space seen (a gap or a blank glyph) waits for the next character:
    // whether it is kept depends on both sides.
    let mut space = false;
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
        if prev_end.is_some_and(|end| g.x - end > min_gap * size) {
            space = true;
        }
        if is_blank(t) {
            space = true;
        } else {
            if space && keep_space(text.chars().next_back(), t.chars().next()) {
                text.push(' ');
            }
            space = false;
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
        Glyph { text: Some(t.into()), code: 0, font: 0, x, y, width: size, size, stroke: 0 }
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
        let l = lines(&v, &[], &[]);
        assert_eq!(l.len(), 3);
        assert_eq!((l[0].text.as_str(), l[0].x0), ("中国人民", 10.0));
        assert_eq!((l[1].text.as_str(), l[1].x0), ("中国人民", 80.0));
        assert_eq!((l[2].text.as_str(), l[2].size), ("大", 20.0));
    }

    #[test]
    fn gaps_become_spaces_and_blank_indents_are_kept_apart() {
        let v = vec![g("\u{3000}", 0.0, 10.0, 10.0), g("甲", 10.0, 10.0, 10.0), g("乙", 25.0, 10.0, 10.0)];
        let l = lines(&v, &[], &[]);
        assert_eq!(l[0].text, "甲 乙");
        assert_eq!((l[0].x0, l[0].text_x0), (0.0, 10.0));
    }

    #[test]
    fn gaps_between_numbers_and_hanzi_are_typesetting() {
        // `已有 2000 多名` printed with gaps around the number, then `A B` Latin words.
        let mut v = Vec::new();
        let mut x = 0.0;
        for (t, gap) in [
            ("已", 0.0),
            ("有", 0.0),
            ("2", 4.0),
            ("0", 0.0),
            ("0", 0.0),
            ("0", 0.0),
            ("多", 4.0),
            ("名", 0.0),
            ("A", 4.0),
            ("B", 4.0),
        ] {
            x += gap;
            v.push(Glyph { text: Some(t.into()), code: 0, font: 0, x, y: 10.0, width: 5.0, size: 10.0, stroke: 0 });
            x += 5.0;
        }
        let l = lines(&v, &[], &[]);
        assert_eq!(l[0].text, "已有2000多名A B");
    }

    #[test]
    fn a_line_overrunning_its_column_does_not_interleave_with_the_next() {
        // Column one's line is drawn with its digits a full em wide, so it
        // runs 15 pt into column two, which starts at x = 60.
        let mut v = Vec::new();
        for (k, c) in "国产大飞机C919".chars().enumerate() {
            v.push(Glyph {
                text: Some(c.to_string()),
                code: 0,
                font: 0,
                x: k as f32 * 10.0,
                y: 10.0,
                width: 10.0,
                size: 10.0,
                stroke: 1,
            });
        }
        for (k, c) in "商飞总装".chars().enumerate() {
            v.push(Glyph {
                text: Some(c.to_string()),
                code: 0,
                font: 0,
                x: 60.0 + k as f32 * 10.0,
                y: 10.0,
                width: 10.0,
                size: 10.0,
                stroke: 2,
            });
        }
        let l = lines(&v, &[], &[]);
        let texts: Vec<&str> = l.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["国产大飞机C919", "商飞总装"]);
    }

    #[test]
    fn a_box_edge_between_glyphs_parts_a_line() {
        // Two framed boxes side by side, their text 8 pt apart (under an em),
        // the frames' edges between them.
        let mut v = Vec::new();
        for (k, c) in "左框正文".chars().enumerate() {
            v.push(g(&c.to_string(), 10.0 + k as f32 * 10.0, 100.0, 10.0));
        }
        for (k, c) in "右框正文".chars().enumerate() {
            v.push(g(&c.to_string(), 58.0 + k as f32 * 10.0, 100.0, 10.0));
        }
        let texts = |l: Vec<Line>| l.into_iter().map(|l| l.text).collect::<Vec<_>>();
        assert_eq!(texts(lines(&v, &[], &[])), ["左框正文 右框正文"], "no edge: one line");
        let edges =
            [Rule { x0: 52.0, y0: 40.0, x1: 52.0, y1: 200.0 }, Rule { x0: 54.0, y0: 40.0, x1: 54.5, y1: 200.0 }];
        assert_eq!(texts(lines(&v, &[], &edges)), ["左框正文", "右框正文"]);
        // An edge above or below the line does not part it.
        let below = [Rule { x0: 52.0, y0: 110.0, x1: 52.0, y1: 200.0 }];
        assert_eq!(texts(lines(&v, &[], &below)).len(), 1);
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
