//! Segments with their headlines and captions → articles (title, kicker,
//! subtitle, byline, paragraphs, captions, kind), and cartoons.
//!
//! In a headline run the title is the first line not shaped like a kicker
//! (`…强调`, `…：`) or a subtitle (`——…`, `张三出席`), unless the next line opens
//! with a column label (a label heads the title: the line over it is the
//! kicker) or it is at most half as wide as the next and short or naming less
//! of the body; a short title over a line not twice as wide stays the title.
//! The lines of the units under the title's unit that name the body better
//! than it (a slogan paired as the title, the title set aside as its
//! subtitle) are read with it.
//! An item with no printed headline gets the first clause of its body (after
//! `近日，` or a date) as a title, marked inferred.

use super::assign::Bodies;
use super::heads;
use super::lines::{self, Line};
use super::meta;
use super::paragraphs::{Block, reflow_block, reflow_marked};
use super::params::Cut;
use super::segments::{Builder, Segment};
use super::units::{SUBTITLE_NAME, Unit, is_kicker, is_subtitle};
use crate::model::Article;
use regex::Regex;
use std::sync::LazyLock;

impl Builder {
    /// Builds the article of a segment with its headline units (each
    /// flagged when it is the one assigned as the segment's headline);
    /// `si`: the segment's body in `bodies` (its text read from the index
    /// while the article's paragraphs are still that text); `block`: the
    /// body's lines measured already for the page
    /// ([`super::paragraphs::page_blocks`]), or `None` to measure them here.
    pub(crate) fn article(
        &self,
        si: usize,
        seg: &Segment,
        heads: &[(usize, &Unit, bool)],
        lines: &[Line],
        bodies: &Bodies,
        block: Option<&Block>,
    ) -> Article {
        let (mut paragraphs, mut subheadings) = match block {
            Some(block) => reflow_block(lines, &seg.parts, self.one_per_line, block),
            None => reflow_marked(lines, &seg.parts, self.one_per_line),
        };
        let mut captions = seg.captions.clone();
        extract_photo_captions(&mut paragraphs, &mut captions);
        subheadings.retain(|&i| i < paragraphs.len());
        let mut byline = seg.byline.clone();
        for t in &seg.trail {
            byline = meta::signed(byline, t);
        }
        let mut a = Article { byline, paragraphs, subheadings, captions, line: seg.first_line, ..Article::default() };
        // Headline lines in print order: kicker(s), title, subtitle(s). The
        // title is in the unit assigned to the body: its first line that is
        // no kicker or subtitle by its form; units before it are kickers,
        // units after it subtitles.
        let mut sorted: Vec<&(usize, &Unit, bool)> = heads.iter().collect();
        sorted.sort_by_key(|(ui, _, _)| *ui);
        let mut texts: Vec<String> = Vec::new();
        let mut ti: Option<usize> = None;
        // Where the title's own unit ends in `texts`.
        let mut unit_end = 0;
        let match_body = |t: &str| bodies.score_against_body(t, si, a.paragraphs.iter().map(String::as_str));
        for (k, &&(ui, u, is_title)) in sorted.iter().enumerate() {
            if is_title && ti.is_none() {
                // The units standing right under the title's own unit in its
                // run, set aside as its subtitles, each naming the body
                // better than that unit: the title may be among their lines
                // (a slogan over the title, `冬日温暖 实干为民` /
                // `【冬日走基层】…`, paired with the body it stands next to).
                let mut own: Vec<String> = u.texts.clone();
                let mut ends = vec![u.texts.len()];
                let named = match_body(&u.text());
                for (j, &&(uj, v, t)) in sorted[k + 1..].iter().enumerate() {
                    if t || uj != ui + 1 + j || v.run != u.run || match_body(&v.text()) <= named {
                        break;
                    }
                    own.extend(v.texts.iter().cloned());
                    ends.push(own.len());
                }
                let at = title_line(&own, match_body);
                ti = Some(texts.len() + at);
                unit_end = texts.len() + ends.iter().copied().find(|&e| e > at).unwrap_or(u.texts.len());
            }
            texts.extend(u.texts.iter().cloned());
        }
        if texts.is_empty() {
            a.title = meta::fallback_title(&a);
            a.title_inferred = true;
        } else if texts.iter().all(|t| announces(t) || is_subtitle_shaped(t))
            || si > 0
                && texts.len() == 1
                && !texts[0].starts_with(['【', '“'])
                && match_body(&texts[0]) < self.params.cut(Cut::LoneKicker)
        {
            // Only a subtitle (`——…综述`, `张三出席`) or a kicker ending on a
            // verb of saying (`…时强调`) stands over the body: a dash or a
            // name and what the person did says more of a title, a verb of
            // saying announces one under it; neither is a title. So is a
            // lone line naming next to nothing of the body: a slogan kicker
            // (`聚焦…`, `…在行动`) set over the page's items, its words the
            // page's common ones, where a title names its item's own matter
            // (a column label, `【…】`, heads a title and a quotation,
            // `“…”`, is one; a line heading the page's first body is its
            // title, nothing above it to be set over with it). The
            // kickers are the lines before the first subtitle; the title
            // is read from the body.
            let k = texts.iter().position(|t| is_subtitle_shaped(t)).unwrap_or(texts.len());
            a.kicker = (k > 0).then(|| texts[..k].join(" "));
            a.subtitle = (k < texts.len()).then(|| texts[k..].join(" "));
            a.title = meta::fallback_title(&a);
            a.title_inferred = true;
        } else {
            let mut ti = ti.unwrap_or_else(|| title_line(&texts, match_body));
            // Two lines, the first two clauses set apart by a space and
            // sharing little with the body, the second a plain statement of
            // what the body reports: kicker and title (`聚焦项目建设
            // 跑出发展加速度` / `文水县重点工程复工率超九成`).
            if let Some(next) = texts.get(ti + 1)
                && heads::has_clause_space(&texts[ti])
                && !heads::has_clause_space(next)
                && !is_subtitle(next)
            {
                let body = || a.paragraphs.iter().map(String::as_str);
                let (mine, theirs) =
                    (bodies.score_against_body(&texts[ti], si, body()), bodies.score_against_body(next, si, body()));
                if theirs >= 0.5 && theirs >= mine + 0.25 {
                    ti += 1;
                }
            }
            // The lines after the title in its own unit that are shaped like
            // no subtitle are the rest of a title wrapped over several lines
            // (`国家卫生健康委通报` / `最新疫情`): a subtitle opens with a dash
            // or names who attended, where lines are wrapped at all; the
            // tail of a wrapped line is no wider than the line it wraps.
            let mut end = ti + 1;
            while !self.one_per_line && end < unit_end.max(ti + 1) && continues_title(&texts[end - 1], &texts[end]) {
                end += 1;
            }
            // A line opening with a column label right over the title is
            // its head, never a kicker (`【在希望的田野上】各` / `地秋收…`).
            let head =
                if ti > 0 && texts[ti - 1].starts_with('【') && !texts[ti].starts_with('【') { ti - 1 } else { ti };
            let kicker: Vec<String> = texts[..head].to_vec();
            let subtitle: Vec<String> = texts[end..].to_vec();
            a.title = texts[head..end].concat();
            a.kicker = (!kicker.is_empty()).then(|| kicker.join(" "));
            a.subtitle = (!subtitle.is_empty()).then(|| subtitle.join(" "));
        }
        if let Some(c) = &seg.continued {
            a.kicker = meta::marked_kicker(c, a.kicker.take());
        }
        a.kind = meta::kind_of(&a, seg.continued.is_some());
        a
    }
}

/// Is a headline line a subtitle (副题) by its form alone: led by a dash
/// (`——…综述`, `--…`) or naming who attended or spoke ([`SUBTITLE_NAME`],
/// `张三出席`)? Such a line says more of a title; it is never one.
fn is_subtitle_shaped(t: &str) -> bool {
    t.starts_with('—') || t.starts_with("--") || SUBTITLE_NAME.is_match(t)
}

/// Does a headline line end on a verb of saying (`…时强调`, `…指出`,
/// `…表示`, `…时说`)? It announces what is said in the title under it, as
/// a kicker does; a title says it and does not end there.
fn announces(t: &str) -> bool {
    ["强调", "指出", "表示", "时说"].iter().any(|v| t.ends_with(v))
}

/// Characters of a line short enough to be a kicker by its width alone,
/// over a line at least twice as wide.
const SHORT_KICKER: usize = 6;

/// Which line of a headline run is the title, the lines before it being
/// kickers and the lines after it subtitles. A line shaped like a kicker
/// (`…时强调`, `…：`) or a subtitle (`——…`, `张三出席`) is none; of the
/// others the first is the title unless the evidence says it is a kicker
/// over the next one:
/// - the next line opens with a column label (`聚焦高质量发展` /
///   `【新思想引领新征程】…`): a label heads the title, not what is over it;
/// - the line is at most about half as wide as the next, and either short
///   (`喜迎国庆`) or the next names what the body reports clearly better
///   (`聚焦高质量发展` / `人勤春来早 劳动力市场招工忙`).
///
/// A short line by itself is no kicker or subtitle: a short title over a
/// long subtitle stays the title. `match_body` scores a line against the
/// body (0–1).
pub(crate) fn title_line(texts: &[String], match_body: impl Fn(&str) -> f32) -> usize {
    let shaped = |t: &str| is_kicker(t) || t.starts_with('—') || t.starts_with("--") || SUBTITLE_NAME.is_match(t);
    let candidates: Vec<usize> = (0..texts.len()).filter(|&i| !shaped(&texts[i])).collect();
    let Some(&first) = candidates.first() else { return 0 };
    let Some(&next) = candidates.get(1).filter(|&&n| n == first + 1) else { return first };
    let (a, b) = (texts[first].as_str(), texts[next].as_str());
    let label = |t: &str| t.starts_with('【') && t.contains('】');
    if label(b) && !label(a) {
        return next;
    }
    let (wa, wb) = (a.chars().count(), b.chars().count());
    if wa * 2 <= wb + 1 && (wa <= SHORT_KICKER || match_body(b) >= match_body(a) + 0.15) {
        return next;
    }
    first
}

/// Does a headline line standing under the title carry on the title
/// rather than open a subtitle? A subtitle (副题) opens with a dash
/// (`——…综述`) or names who attended (`张三出席`); a column label
/// (`【…】`) or a kicker's form (`…时强调`) opens another headline. A
/// headline wraps where its line is full, so the tail (`t`) is no wider
/// than the line above it (`above`) but for a half-width character
/// ([`HALF_WIDTH`]: the line above may hold a space between clauses where
/// the tail holds a character); a line wider still under a title is its
/// subtitle (`让绿色“颜值”再提升` / `我市全力创建国家森林城市`).
pub(crate) fn continues_title(above: &str, t: &str) -> bool {
    let shaped = t.starts_with('—') || t.starts_with("--") || t.starts_with('【') || SUBTITLE_NAME.is_match(t);
    !shaped && !is_kicker(t) && width(t) <= width(above) + HALF_WIDTH
}

/// How many columns a wrapped title's tail may run past the line it wraps
/// ([`continues_title`]): one, a half-width character's (a space between
/// clauses, a Latin letter or digit) — lines holding as many characters
/// differ by that much where one holds a space, while a line wider by a
/// whole character or more was not wrapped from the one over it.
const HALF_WIDTH: usize = 1;

/// A line's printed width in columns: two for a Han character or a full-width
/// mark, one for ASCII.
fn width(t: &str) -> usize {
    t.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Joins the lines of a caption, with one space before its credit.
pub(crate) fn caption_text<'a>(ls: impl Iterator<Item = &'a str>) -> String {
    let mut s = String::new();
    for t in ls {
        if t == "摄" {
            // A credit's last character wrapped onto its own line.
            s.push(' ');
        }
        s.push_str(t);
    }
    match lines::credit_start(&s) {
        Some(p) if p > 0 => format!("{} {}", s[..p].trim_end(), s[p..].trim_start()),
        _ => s,
    }
}

pub(crate) static PHOTO_IN_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[。！？”])(图为[^。！？]{2,120}[。！？]?)\s*$").expect("valid regex"));

/// A paragraph that ends with a photo credit (`…图为工程建设已具雏形。 侯利军 摄`)
/// carries its caption inline: the `图为…` sentence and the credit move to
/// the captions.
pub(crate) fn extract_photo_captions(paragraphs: &mut Vec<String>, captions: &mut Vec<String>) {
    let Some(last) = paragraphs.last() else { return };
    let Some(cs) = lines::credit_start(last) else { return };
    let (text, credit) = last.split_at(cs);
    let text = text.trim_end();
    // (The pattern's captions open with `图为`: a paragraph without it is
    // not searched, a costly search on a long paragraph.)
    let inline = if text.contains("图为") { PHOTO_IN_TEXT.captures(text).and_then(|c| c.get(1)) } else { None };
    let (keep, caption) = match inline {
        Some(m) => (text[..m.start()].to_string(), format!("{} {}", m.as_str(), credit.trim())),
        None => (text.to_string(), credit.trim().to_string()),
    };
    let n = paragraphs.len();
    if keep.trim().is_empty() {
        paragraphs.truncate(n - 1);
    } else {
        paragraphs[n - 1] = keep;
    }
    captions.insert(0, caption);
}

pub(crate) static CARTOON_SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.*?)\s+((?:\S{1,12}发\s+)?[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}〇·]{2,5}\s*(?:作|绘|画))$").expect("valid regex")
});

pub(crate) static CARTOON_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.+?)\s*((?:新华社|中新社|人民日报|人民网|新华网|中国日报|工人日报|法治日报)发\s+[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}〇·]{2,5}\s*(?:作|绘|画))$").expect("valid regex")
});

/// `“低价”的背后 新华社发 徐骏 作` → (title, credit). A known agency's
/// credit splits off even where the space before it was lost
/// (`“吃饭”新华社发 商海春 作`).
pub(crate) fn split_cartoon(t: &str) -> (String, String) {
    if let Some(c) = CARTOON_AGENCY.captures(t) {
        return (c[1].trim().to_string(), c[2].trim().to_string());
    }
    match CARTOON_SPLIT.captures(t) {
        Some(c) => (c[1].trim().to_string(), c[2].trim().to_string()),
        None => (String::new(), t.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_is_the_line_a_kicker_stands_over() {
        // (lines, each line's share of the body's words, the title's index)
        let cases: [(&[&str], &[f32], usize); 4] = [
            // A title of longer clauses over a subtitle stays the title.
            (&["假日消费旺 经济活力足", "各地景区客流明显回升"], &[0.4, 0.8], 0),
            // A short line over one twice as wide is its kicker.
            (&["喜迎国庆", "交城县城区供热管网改造工程完工"], &[0.0, 0.8], 1),
            // A label heads the title, not the line over it.
            (&["凝心聚力 砥砺奋进", "【冬日走基层】交城供热管网换新"], &[0.2, 0.3], 1),
            // A line shaped like a kicker is none.
            (&["孙大军在交城县调研时强调", "抓好供热保障"], &[0.5, 0.2], 1),
        ];
        for (lines, scores, want) in cases {
            let texts: Vec<String> = lines.iter().map(|t| t.to_string()).collect();
            let score = |t: &str| lines.iter().position(|l| *l == t).map_or(0.0, |i| scores[i]);
            assert_eq!(title_line(&texts, score), want, "{lines:?}");
        }
    }
}
