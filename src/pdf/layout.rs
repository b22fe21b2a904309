//! Lines and their geometry → articles.
//!
//! Lines much larger than the body text are headlines (with the smaller lines
//! stacked on them as kicker and subtitle); body-size lines stacked at one
//! pitch make column blocks; smaller lines make caption blocks. Each block
//! belongs to the nearest headline above it whose box (the headline and the
//! columns right under it) covers the block. An article's blocks are read
//! column by column; a paragraph starts at an indent, or after a line that
//! stops short.

use super::lines::{Line, join};
use crate::loader::meta;
use crate::model::Article;
use regex::Regex;
use std::sync::LazyLock;

/// What a line was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Headline,
    Kicker,
    Subtitle,
    Byline,
    Body,
    Caption,
    /// Text that belongs to no article (banners, page furniture).
    Fragment,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Headline => "headline",
            Role::Kicker => "kicker",
            Role::Subtitle => "subtitle",
            Role::Byline => "byline",
            Role::Body => "body",
            Role::Caption => "caption",
            Role::Fragment => "fragment",
        }
    }
}

/// The result of reading one page's lines.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub articles: Vec<Article>,
    pub fragments: Vec<String>,
    /// Each line with the role it was given, in reading order.
    pub lines: Vec<(Line, Role)>,
    /// The body text size the roles were measured against.
    pub body_size: f32,
}

/// A headline with the lines stacked on it.
#[derive(Debug, Clone)]
struct Head {
    lines: Vec<usize>,
    title: Vec<usize>,
    kicker: Vec<usize>,
    subtitle: Vec<usize>,
    x0: f32,
    x1: f32,
    top: f32,
    bottom: f32,
    /// The box: the headline and the columns right under it, left to right.
    span: (f32, f32),
    /// Set in a column of its own beside its text, not above it: its
    /// columns start level with its top.
    side: bool,
}

impl Head {
    /// The highest a block of this headline's may start.
    fn reach(&self, body: f32) -> f32 {
        if self.side { self.top - body } else { self.bottom - body * 0.5 }
    }
}

/// Lines stacked in one column at one pitch.
#[derive(Debug, Clone)]
struct Block {
    lines: Vec<usize>,
    caption: bool,
    x0: f32,
    x1: f32,
    top: f32,
    /// Top of the second line (the first when there is one line).
    second_top: f32,
    bottom: f32,
    size: f32,
}

impl Block {
    fn center(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
}

fn overlap(a: (f32, f32), b: (f32, f32)) -> f32 {
    (a.1.min(b.1) - a.0.max(b.0)).max(0.0)
}

/// The size most of the page's characters are set in.
pub fn body_size(lines: &[Line]) -> f32 {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for l in lines {
        let k = (l.size * 2.0).round() as i32;
        let n = l.text.chars().count();
        match counts.iter_mut().find(|(s, _)| *s == k) {
            Some(c) => c.1 += n,
            None => counts.push((k, n)),
        }
    }
    counts.iter().max_by_key(|c| (c.1, -c.0)).map_or(10.0, |c| c.0 as f32 / 2.0)
}

/// Reads the page.
pub fn read(mut lines: Vec<Line>) -> Layout {
    lines.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let body = body_size(&lines);
    let minor = minor_heads(&lines, body);
    let is_head = |k: usize| lines[k].size >= body * 1.3 || minor[k];
    let is_small = |l: &Line| l.size <= body * 0.93;
    let mut heads = group_heads(&lines, body, &is_head);
    let mut taken = vec![false; lines.len()];
    for h in &heads {
        for &k in &h.lines {
            taken[k] = true;
        }
    }
    let banner = banner_lines(&lines, &taken);
    for &k in &banner {
        taken[k] = true;
    }
    let blocks = group_blocks(&lines, &taken, &is_small);
    spans(&mut heads, &blocks, body);

    // Each block's owner: the nearest headline above whose box covers it.
    let mut owned: Vec<Vec<usize>> = vec![Vec::new(); heads.len()];
    let mut orphans: Vec<usize> = Vec::new();
    for (bi, b) in blocks.iter().enumerate() {
        let owner = heads
            .iter()
            .enumerate()
            .filter(|(_, h)| h.reach(body) <= b.top && h.span.0 - body <= b.center() && b.center() <= h.span.1 + body)
            .max_by(|a, b| a.1.bottom.total_cmp(&b.1.bottom))
            .map(|(i, _)| i);
        match owner {
            Some(h) => owned[h].push(bi),
            None => orphans.push(bi),
        }
    }

    let mut layout = Layout { body_size: body, ..Layout::default() };
    for &k in &banner {
        layout.fragments.push(lines[k].text.clone());
        layout.lines.push((lines[k].clone(), Role::Fragment));
    }
    // Articles in the order of their boxes: strips left to right, then down.
    let mut order: Vec<usize> = (0..heads.len()).collect();
    order.sort_by(|&a, &b| {
        let (ha, hb) = (&heads[a], &heads[b]);
        if overlap(ha.span, hb.span) > 0.0 { ha.top.total_cmp(&hb.top) } else { ha.span.0.total_cmp(&hb.span.0) }
    });
    // The orphans first (page top matter, untitled items), grouped by rows.
    for group in orphan_groups(&orphans, &blocks, body) {
        let (article, roles) = build(None, &group, &lines, &blocks);
        match article {
            Some(a) => layout.articles.push(a),
            None => layout.fragments.extend(group.iter().map(|&b| block_text(&blocks[b], &lines))),
        }
        layout.lines.extend(roles);
    }
    for h in order {
        let mut mine = owned[h].clone();
        sort_reading(&mut mine, &blocks);
        let (article, roles) = build(Some(&heads[h]), &mine, &lines, &blocks);
        match article {
            Some(a) => layout.articles.push(a),
            None => layout.fragments.push(head_text(&heads[h].lines, &lines)),
        }
        layout.lines.extend(roles);
    }
    layout
}

fn head_text(ids: &[usize], lines: &[Line]) -> String {
    let mut s = String::new();
    for &i in ids {
        join(&mut s, &lines[i].text);
    }
    s
}

fn block_text(b: &Block, lines: &[Line]) -> String {
    head_text(&b.lines, lines)
}

/// Headlines of a briefs column, set only a little larger than the body
/// (1.15–1.3×): a stack of at most three such lines, none ending a sentence,
/// with a body-size line right under it.
fn minor_heads(lines: &[Line], body: f32) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    let in_band = |l: &Line| l.size >= body * 1.15 && l.size < body * 1.3;
    let ends_sentence = |l: &Line| l.text.ends_with(['。', '！', '？', '；', '”', '.']);
    // The line stacked right under line `j` whose size passes `fits`.
    let next = |j: usize, fits: &dyn Fn(&Line) -> bool| {
        let a = &lines[j];
        (j + 1..lines.len()).find(|&m| {
            let b = &lines[m];
            let gap = b.top() - a.bottom();
            fits(b)
                && gap > -a.size * 0.5
                && gap < a.size.max(b.size) * 0.9
                && overlap((a.x0, a.x1), (b.x0, b.x1)) > 0.0
        })
    };
    for k in 0..lines.len() {
        if out[k] || !in_band(&lines[k]) {
            continue;
        }
        let size = lines[k].size;
        // Not the second line of a stack already looked at.
        let same = |l: &Line| (l.size - size).abs() <= size * 0.05;
        if (0..k).any(|j| same(&lines[j]) && next(j, &same) == Some(k)) {
            continue;
        }
        let mut stack = vec![k];
        while let Some(m) = next(*stack.last().unwrap_or(&k), &same) {
            stack.push(m);
            if stack.len() > 3 {
                break;
            }
        }
        let last = *stack.last().unwrap_or(&k);
        let under = next(last, &|l: &Line| l.size <= body * 1.05 && l.size >= body * 0.95);
        if stack.len() <= 3 && under.is_some() && !stack.iter().any(|&j| ends_sentence(&lines[j])) {
            for j in stack {
                out[j] = true;
            }
        }
    }
    out
}

/// Headline lines stacked close together make one headline; the largest
/// lines are the title, smaller ones above the kicker, below the subtitle.
fn group_heads(lines: &[Line], body: f32, is_head: &dyn Fn(usize) -> bool) -> Vec<Head> {
    let mut heads: Vec<Head> = Vec::new();
    let mut used = vec![false; lines.len()];
    for i in 0..lines.len() {
        if used[i] || !is_head(i) {
            continue;
        }
        used[i] = true;
        let mut group = vec![i];
        // Pull in lines below that stack on the group: headline-size lines,
        // or a smaller display line (kicker/subtitle) centred on it.
        loop {
            let last = &lines[*group.last().unwrap_or(&i)];
            let (gx0, gx1) =
                group.iter().fold((f32::MAX, f32::MIN), |a, &k| (a.0.min(lines[k].x0), a.1.max(lines[k].x1)));
            let next = (0..lines.len()).filter(|&k| !used[k]).find(|&k| {
                let l = &lines[k];
                let gap = l.top() - last.bottom();
                let centred = (l.center() - (gx0 + gx1) / 2.0).abs() < body * 1.5 || (l.x0 - gx0).abs() < body * 0.5;
                let aligned = overlap((l.x0, l.x1), (gx0, gx1)) > 0.5 * l.width().min(gx1 - gx0);
                gap > -body * 0.5
                    && gap < last.size.max(l.size) * 0.9
                    && aligned
                    && (is_head(k) || (l.size > body * 1.05 && centred))
            });
            match next {
                Some(k) => {
                    used[k] = true;
                    group.push(k);
                }
                None => break,
            }
        }
        heads.push(make_head(group, lines));
    }
    // A smaller display line just above a headline and centred on it is its kicker.
    for h in &mut heads {
        let first = &lines[h.lines[0]];
        let above = (0..lines.len()).filter(|&k| !used[k]).find(|&k| {
            let l = &lines[k];
            let gap = first.top() - l.bottom();
            l.size > body * 1.05
                && l.size < first.size
                && (0.0..first.size * 0.9).contains(&gap)
                && ((l.center() - (h.x0 + h.x1) / 2.0).abs() < body * 1.5 || (l.x0 - h.x0).abs() < body * 0.5)
        });
        if let Some(k) = above {
            used[k] = true;
            let mut ids = vec![k];
            ids.extend(&h.lines);
            *h = make_head(ids, lines);
        }
    }
    heads
}

fn make_head(ids: Vec<usize>, lines: &[Line]) -> Head {
    let max = ids.iter().map(|&k| lines[k].size).fold(0.0, f32::max);
    let is_title = |k: usize| lines[k].size >= max * 0.88;
    let first_title = ids.iter().position(|&k| is_title(k)).unwrap_or(0);
    let last_title = ids.iter().rposition(|&k| is_title(k)).unwrap_or(0);
    Head {
        title: ids[first_title..=last_title].to_vec(),
        kicker: ids[..first_title].to_vec(),
        subtitle: ids[last_title + 1..].to_vec(),
        x0: ids.iter().map(|&k| lines[k].x0).fold(f32::MAX, f32::min),
        x1: ids.iter().map(|&k| lines[k].x1).fold(f32::MIN, f32::max),
        top: ids.iter().map(|&k| lines[k].top()).fold(f32::MAX, f32::min),
        bottom: ids.iter().map(|&k| lines[k].bottom()).fold(f32::MIN, f32::max),
        span: (0.0, 0.0),
        side: false,
        lines: ids,
    }
}

/// Body and caption lines stacked at one pitch in one column.
fn group_blocks(lines: &[Line], taken: &[bool], is_small: &dyn Fn(&Line) -> bool) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    // Display lines (kickers and subtitles) were taken by the headlines;
    // those the headlines left are read as body.
    for (i, l) in lines.iter().enumerate() {
        if taken[i] {
            continue;
        }
        let caption = is_small(l);
        let fit = blocks.iter().rposition(|b| {
            let last = &lines[*b.lines.last().unwrap_or(&0)];
            let pitch = l.y - last.y;
            b.caption == caption
                && (l.size - b.size).abs() <= b.size * 0.1
                && pitch > 0.0
                && pitch <= l.size.max(last.size) * 2.0
                && (overlap((l.x0, l.x1), (b.x0, b.x1)) > 0.5 * l.width().min(b.x1 - b.x0)
                    // A short last line under an indented first one.
                    || (overlap((l.x0, l.x1), (b.x0, b.x1)) > 0.0 && (l.x0 - b.x0).abs() <= l.size * 2.5))
        });
        match fit {
            Some(k) => {
                let b = &mut blocks[k];
                if b.lines.len() == 1 {
                    b.second_top = l.top();
                }
                b.lines.push(i);
                b.x0 = b.x0.min(l.x0);
                b.x1 = b.x1.max(l.x1);
                b.bottom = l.bottom();
            }
            None => blocks.push(Block {
                lines: vec![i],
                caption,
                x0: l.x0,
                x1: l.x1,
                top: l.top(),
                second_top: l.top(),
                bottom: l.bottom(),
                size: l.size,
            }),
        }
    }
    blocks
}

/// A headline's box: its own width, widened to the columns that start right
/// under it and those beside them at the same height.
fn spans(heads: &mut [Head], blocks: &[Block], body: f32) {
    let boxes: Vec<(f32, f32, f32, f32)> = heads.iter().map(|h| (h.x0, h.x1, h.top, h.bottom)).collect();
    for (hi, slot) in heads.iter_mut().enumerate() {
        let h = slot.clone();
        let mut span = (h.x0, h.x1);
        // A headline beside its text: nothing under it in its own width, and
        // columns just right of it starting level with its top.
        let below = blocks.iter().any(|b| {
            !b.caption
                && b.top >= h.bottom - body * 0.5
                && b.top <= h.bottom + body * 3.0
                && overlap((b.x0, b.x1), span) > 0.0
        });
        let beside: Vec<&Block> = blocks
            .iter()
            .filter(|b| {
                !b.caption
                    && b.x0 >= h.x1 - body * 0.2
                    && b.x0 - h.x1 <= body * 6.0
                    && b.top >= h.top - body
                    && b.top <= h.top + body * 1.5
            })
            .collect();
        slot.side = !below && !beside.is_empty();
        // Blocks starting within a few lines under the headline (beside it:
        // level with it).
        let from = if slot.side { h.top - body } else { h.bottom - body * 0.5 };
        let to = if slot.side { h.top + body * 5.0 } else { h.bottom + body * 5.0 };
        let under = |b: &Block| b.top >= from && b.top <= to;
        let mut seeds: Vec<&Block> = if slot.side {
            beside
        } else {
            blocks.iter().filter(|b| under(b) && !b.caption && overlap((b.x0, b.x1), span) > 0.0).collect()
        };
        if seeds.is_empty() {
            // A short headline over columns it does not reach (a one-line
            // item set left): the first row of blocks right under it.
            let first = blocks.iter().filter(|b| under(b) && !b.caption).map(|b| b.top).fold(f32::MAX, f32::min);
            seeds = blocks.iter().filter(|b| under(b) && !b.caption && (b.top - first).abs() <= body * 0.3).collect();
        }
        let row_top = seeds.iter().map(|b| b.top).fold(f32::MAX, f32::min);
        // The columns' width and the gutter between them, as the seeds show them.
        let col_w = seeds.iter().map(|b| b.x1 - b.x0).fold(0.0, f32::max);
        let mut xs: Vec<(f32, f32)> = seeds.iter().map(|b| (b.x0, b.x1)).collect();
        xs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let gutter = xs.windows(2).map(|w| w[1].0 - w[0].1).filter(|g| *g > 0.0).fold(f32::MAX, f32::min);
        let mut tops: Vec<f32> = Vec::new();
        loop {
            let before = span;
            for b in seeds.iter() {
                span = (span.0.min(b.x0), span.1.max(b.x1));
                // Where the block's first full line stands: a byline may sit above it.
                tops.push(b.top);
                tops.push(b.second_top);
            }
            let more: Vec<&Block> = blocks
                .iter()
                .filter(|b| {
                    let gap = (b.x0 - span.1).max(span.0 - b.x1);
                    let same_width = ((b.x1 - b.x0) - col_w).abs() <= col_w * 0.12;
                    let on_grid = gutter < f32::MAX && (gap - gutter).abs() <= body * 0.5;
                    // Columns of one box start on one baseline.
                    let level = tops.iter().any(|t| (b.top - t).abs() <= body * 0.3);
                    // A block right under another headline belongs to that one.
                    let claimed = boxes.iter().enumerate().any(|(k, &(x0, x1, _, bottom))| {
                        k != hi
                            && bottom <= b.top + body * 0.5
                            && bottom >= h.top - body
                            && overlap((x0, x1), (b.x0, b.x1)) > 0.0
                    });
                    under(b)
                        && !b.caption
                        && (b.top - row_top).abs() <= body * 2.5
                        && overlap((b.x0, b.x1), span) == 0.0
                        // Level columns may sit wider apart than a gutter when the
                        // headline spans only part of its box.
                        && (gap < body * 3.0 || (level && gap < col_w.max(body * 3.0)))
                        && (same_width || on_grid || level)
                        && !claimed
                })
                .collect();
            if more.is_empty() && before == span {
                break;
            }
            seeds = more;
        }
        slot.span = span;
    }
}

/// Orphan blocks grouped into items: blocks side by side with tops level
/// make one item.
fn orphan_groups(orphans: &[usize], blocks: &[Block], body: f32) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut sorted = orphans.to_vec();
    sorted.sort_by(|&a, &b| blocks[a].top.total_cmp(&blocks[b].top));
    for b in sorted {
        let fit = groups.iter().position(|g| {
            g.iter().any(|&o| {
                (blocks[o].top - blocks[b].top).abs() <= body * 1.5
                    || (blocks[b].caption
                        && !blocks[o].caption
                        && blocks[b].top >= blocks[o].bottom
                        && blocks[b].top - blocks[o].bottom < body * 3.0)
            })
        });
        match fit {
            Some(k) => groups[k].push(b),
            None => groups.push(vec![b]),
        }
    }
    for g in &mut groups {
        sort_reading(g, blocks);
    }
    groups
}

/// Column by column, left to right; top to bottom within a column. Blocks
/// that overlap left to right by half the narrower one share a column.
fn sort_reading(ids: &mut [usize], blocks: &[Block]) {
    let mut cols: Vec<(f32, f32)> = Vec::new();
    let mut col_of: Vec<usize> = Vec::with_capacity(ids.len());
    for &i in ids.iter() {
        let b = &blocks[i];
        let w = b.x1 - b.x0;
        let found = cols.iter().position(|&(x0, x1)| overlap((x0, x1), (b.x0, b.x1)) > 0.5 * w.min(x1 - x0));
        match found {
            Some(c) => {
                cols[c] = (cols[c].0.min(b.x0), cols[c].1.max(b.x1));
                col_of.push(c);
            }
            None => {
                cols.push((b.x0, b.x1));
                col_of.push(cols.len() - 1);
            }
        }
    }
    let mut keyed: Vec<(f32, f32, usize)> =
        ids.iter().zip(&col_of).map(|(&i, &c)| (cols[c].0, blocks[i].top, i)).collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    for (slot, k) in ids.iter_mut().zip(keyed) {
        *slot = k.2;
    }
}

/// What a banner's row also holds: a date, a weekday, a page number, alone.
static BANNER_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日|星期[一二三四五六日天]|农历\S{2,10}|第\s*[0-9一二三四五六七八九十]{1,3}\s*版|[0-9A-Z]{1,3}\s*版|\S{2,4}版|\s)+$")
        .unwrap_or_else(|_| unreachable!("the pattern is fixed"))
});

/// The page banner's lines (not taken by headlines): lines that read as a
/// banner on their own (an editor's credit, a page number with a date, a
/// masthead mark), and the short dates, weekdays and page numbers on a row
/// with one of them.
fn banner_lines(lines: &[Line], taken: &[bool]) -> Vec<usize> {
    let free = |k: usize| !taken[k];
    let strong: Vec<usize> =
        (0..lines.len()).filter(|&k| free(k) && crate::loader::lines::is_banner_text(&lines[k].text)).collect();
    let mut out = strong.clone();
    for k in 0..lines.len() {
        if !free(k) || out.contains(&k) || lines[k].text.chars().count() > 20 {
            continue;
        }
        let l = &lines[k];
        let on_row = strong.iter().any(|&s| (lines[s].y - l.y).abs() <= lines[s].size.min(l.size) * 0.3);
        if on_row && BANNER_PART.is_match(&l.text) {
            out.push(k);
        }
    }
    out.sort_unstable();
    out
}

static NEWS_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(本报讯\s*(?:[（(][^）)]{0,40}[）)])?|(?:新华社|中新社|本报|人民日报|央视网?|光明日报|经济日报)[^，。；：（）()]{0,24}?电\s*(?:[（(][^）)]{0,40}[）)])?)\s*")
        .unwrap_or_else(|_| unreachable!("the pattern is fixed"))
});

static BYLINE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[□■◇◆●○]\s*\S.{0,30}|(?:本报记者|记者|通讯员|特约记者|实习生)\s*\S[^，。！？]{0,30})$")
        .unwrap_or_else(|_| unreachable!("the pattern is fixed"))
});

/// Builds one article from a headline (if any) and its blocks; also the
/// role of every line.
fn build(
    head: Option<&Head>,
    blocks_ids: &[usize],
    lines: &[Line],
    blocks: &[Block],
) -> (Option<Article>, Vec<(Line, Role)>) {
    let mut roles: Vec<(Line, Role)> = Vec::new();
    let mut article = Article::default();
    if let Some(h) = head {
        for &k in &h.kicker {
            roles.push((lines[k].clone(), Role::Kicker));
        }
        for &k in &h.title {
            roles.push((lines[k].clone(), Role::Headline));
        }
        for &k in &h.subtitle {
            roles.push((lines[k].clone(), Role::Subtitle));
        }
        article.title = head_text(&h.title, lines);
        if !h.kicker.is_empty() {
            article.kicker = Some(head_text(&h.kicker, lines));
        }
        if !h.subtitle.is_empty() {
            article.subtitle = Some(head_text(&h.subtitle, lines));
        }
    }
    // The width of the article's columns: its widest body block.
    let col_w = blocks_ids
        .iter()
        .map(|&i| &blocks[i])
        .filter(|b| !b.caption)
        .map(|b| right_edge(b, lines) - b.x0)
        .fold(0.0, f32::max);
    // Paragraphs: body blocks in reading order; captions apart.
    let mut paragraphs: Vec<(String, Vec<usize>)> = Vec::new();
    let mut captions: Vec<String> = Vec::new();
    // The column edges of the last body block read, and whether its last
    // line stopped short.
    let mut frame: Option<(f32, f32)> = None;
    let mut prev_short = false;
    for &bi in blocks_ids {
        let b = &blocks[bi];
        if b.caption {
            let text = block_text(b, lines);
            for &k in &b.lines {
                roles.push((lines[k].clone(), Role::Caption));
            }
            captions.push(text);
            continue;
        }
        // The column's left edge: where its lines start, or — for a column
        // of only indented lines — its right edge less the columns' width.
        let own_left = b.lines.iter().map(|&k| lines[k].x0).fold(f32::MAX, f32::min);
        let own_right = right_edge(b, lines);
        let by_width = own_right - col_w;
        let own = if by_width < own_left && own_left - by_width <= b.size * 3.0 {
            (by_width, own_right)
        } else {
            (own_left, own_right)
        };
        // A block of one or two lines inside the column the block before
        // it set (a notice's issuer and date under its text, each a block
        // of its own where the page spaces them apart) has no edges of its
        // own to measure by: it is measured by that column's.
        let (left, right) = match frame {
            Some((l, r)) if b.lines.len() <= 2 && own_left >= l - b.size && own_right <= r + b.size => (l, r),
            _ => own,
        };
        frame = Some((left, right));
        // (A paragraph closed by a short line ends there, whatever block
        // comes next; one that fills its column's last line runs on into
        // the next column.)
        for (n, &k) in b.lines.iter().enumerate() {
            let l = &lines[k];
            // Two ems in print; a wrapped line opening with a word space is not an indent.
            let indented = l.text_x0 - left >= l.size * 1.5;
            // A line centred in the column with room on both sides stands alone.
            let alone = l.x0 - left >= l.size * 1.5 && right - l.x1 >= l.size * 1.5;
            let start = paragraphs.is_empty() || indented || (n > 0 && prev_short) || alone;
            if start {
                paragraphs.push((String::new(), Vec::new()));
            }
            if let Some(p) = paragraphs.last_mut() {
                join(&mut p.0, &l.text);
                p.1.push(k);
            }
            prev_short = right - l.x1 >= l.size * 1.5 || alone;
        }
    }
    // A byline: an agency's dateline opening the first paragraph, or a
    // short signature paragraph before the text.
    let mut byline_lines: Vec<usize> = Vec::new();
    if let Some((first, ids)) = paragraphs.first().cloned() {
        if BYLINE_LINE.is_match(&first) && paragraphs.len() > 1 {
            article.byline = Some(first.trim().to_string());
            byline_lines = ids;
            paragraphs.remove(0);
            if let Some(m) = paragraphs.first().and_then(|(p, _)| NEWS_AGENCY.find(p)) {
                let (p, ids) = paragraphs[0].clone();
                let rest = p[m.end()..].trim().to_string();
                article.byline = Some(format!("{} {}", first.trim(), m.as_str().trim()));
                if rest.is_empty() {
                    paragraphs.remove(0);
                    byline_lines.extend(ids);
                } else {
                    paragraphs[0].0 = rest;
                }
            }
        } else if let Some(m) = NEWS_AGENCY.find(&first) {
            let rest = first[m.end()..].trim().to_string();
            article.byline = Some(m.as_str().trim().to_string());
            if rest.is_empty() {
                paragraphs.remove(0);
                byline_lines = ids;
            } else {
                paragraphs[0].0 = rest;
            }
        }
    }
    // The item finished as the text loader finishes one, so a PDF page
    // reads as the same page's text would: a continuation mark opening the
    // text (`（上接1版）`) goes before the kicker, a byline closing it
    // (`…。（张三）`) signs it.
    let mut continued: Option<String> = None;
    let mut mark_lines: Vec<usize> = Vec::new();
    if let Some((first, ids)) = paragraphs.first_mut()
        && let Some(end) = crate::loader::lines::continued_mark_end(first)
    {
        continued = Some(first[..end].to_string());
        *first = first[end..].trim_start().to_string();
        if first.is_empty() {
            mark_lines = std::mem::take(ids);
            paragraphs.remove(0);
        }
    }
    if let Some((last, ids)) = paragraphs.last_mut()
        && let Some(at) = crate::loader::lines::closing_byline_at(last)
    {
        article.byline = meta::signed(article.byline.take(), last[at..].trim());
        last.truncate(last[..at].trim_end().len());
        if last.is_empty() {
            byline_lines.append(ids);
            paragraphs.pop();
        }
    }
    for &bi in blocks_ids {
        if blocks[bi].caption {
            continue;
        }
        for &k in &blocks[bi].lines {
            let role = if byline_lines.contains(&k) {
                Role::Byline
            } else if mark_lines.contains(&k) {
                Role::Kicker
            } else {
                Role::Body
            };
            roles.push((lines[k].clone(), role));
        }
    }
    article.paragraphs = paragraphs.into_iter().map(|(p, _)| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
    article.captions = captions;
    // (A caption run into the last paragraph, `…图为…。 记者 王五 摄`.)
    crate::loader::article::extract_photo_captions(&mut article.paragraphs, &mut article.captions);
    if let Some(mark) = &continued {
        article.kicker = meta::marked_kicker(mark, article.kicker.take());
    }
    if article.title.is_empty() {
        if article.paragraphs.is_empty() && article.captions.is_empty() {
            for r in &mut roles {
                r.1 = Role::Fragment;
            }
            return (None, roles);
        }
        article.title_inferred = true;
        article.title = meta::fallback_title(&article);
    }
    article.kind = meta::kind_of(&article, continued.is_some());
    if article.paragraphs.is_empty() && article.captions.is_empty() && article.byline.is_none() {
        // A headline with nothing under it: a banner or a stray title.
        for r in &mut roles {
            r.1 = Role::Fragment;
        }
        return (None, roles);
    }
    (Some(article), roles)
}

/// A column block's right edge: where most of its lines end (justified
/// lines share it), not the furthest end — a line drawn wider than the
/// typesetter meant (digits a full em wide in a font without its widths)
/// overruns the column, and the column's other lines are not short for it.
fn right_edge(b: &Block, lines: &[Line]) -> f32 {
    let ends: Vec<f32> = b.lines.iter().map(|&k| lines[k].x1).collect();
    let tol = b.size * 0.5;
    let mut best = (0usize, b.x1);
    for &e in &ends {
        let n = ends.iter().filter(|&&o| (o - e).abs() <= tol).count();
        if n > best.0 || (n == best.0 && e > best.1) {
            best = (n, e);
        }
    }
    // Too few lines agree: keep the furthest end.
    if best.0 * 3 < ends.len() || best.0 < 2 { b.x1 } else { best.1 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    fn line(text: &str, x0: f32, x1: f32, y: f32, size: f32) -> Line {
        Line { text: text.to_string(), x0, text_x0: x0, x1, y, size, bold: false }
    }

    /// A notice as a page-layout engine sets it (MuPDF's `Story`, one
    /// column): its text, then the issuer and the date, each indented and
    /// spaced apart from the text by a gap wider than the line pitch, so
    /// that each is a block of one line. They are paragraphs of their own,
    /// not one run on into the text, and the item is a notice.
    #[test]
    fn a_notices_issuer_and_date_spaced_apart_are_paragraphs_of_their_own() {
        let lines = vec![
            line("关于开展冬季供暖安全检查的", 53.0, 287.0, 201.4, 18.0),
            line("通知", 152.0, 188.0, 223.0, 18.0),
            line("各县（市、区）住建局：为确保冬季供暖安全，", 72.0, 282.0, 252.4, 10.0),
            line("现就开展供暖安全检查有关事项通知如下。", 52.0, 242.0, 264.4, 10.0),
            line("吕梁市住房和城乡建设局", 72.0, 182.0, 286.4, 10.0),
            line("2024年11月20日", 72.0, 146.5, 308.4, 10.0),
        ];
        let got = read(lines);
        assert_eq!(got.articles.len(), 1, "{:#?}", got.articles);
        let a = &got.articles[0];
        assert_eq!(a.title, "关于开展冬季供暖安全检查的通知");
        assert_eq!(
            a.paragraphs,
            [
                "各县（市、区）住建局：为确保冬季供暖安全，现就开展供暖安全检查有关事项通知如下。",
                "吕梁市住房和城乡建设局",
                "2024年11月20日"
            ]
        );
        assert_eq!(a.kind, Kind::Notice);
    }
}
