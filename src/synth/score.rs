//! The scorer: the team's notion of an article "right" (the port of
//! `../shared/tools/score_tree.py`, which must give the same figures), used by
//! the evaluation example and the corpus tests.
//!
//! A gold item is found in the output by its `start` (within the first 80
//! characters of an article's byline + body) or, with no start, by its title;
//! it is right when the title matches, the attached kicker/subtitle sit in the
//! headline, the body reaches the `end`, holds what it must `contain`, every
//! listed paragraph begins one, no headline stands in the body, and captions
//! are captions. It is exactly right when, moreover, every field equals the
//! perfect tree's article (folded). Output articles matched by no gold item are
//! spurious; characters of the raw page found in no field are lost.

use super::tree::{GoldArticle, GoldIssue, TreeArticle, TreeIssue, fold, fold_opt};
use std::collections::HashMap;

/// The figures of one page, or summed over many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Score {
    /// Gold items (not optional).
    pub total: usize,
    /// Gold items found and right.
    pub right: usize,
    /// Of the right ones, those equal to the perfect tree in every field.
    pub exact: usize,
    /// Gold items found but wrong.
    pub wrong: usize,
    /// Gold items not found, or found merged into another item's article.
    pub lost: usize,
    /// Output articles that match no gold item.
    pub spurious: usize,
    /// Characters of the raw page found in no field of the output.
    pub chars_lost: usize,
    /// Characters of the output that the raw page does not hold.
    pub chars_extra: usize,
    /// Pages whose date had to be found, and those where it was.
    pub dates_total: usize,
    pub dates_ok: usize,
}

impl std::ops::AddAssign for Score {
    fn add_assign(&mut self, o: Score) {
        self.total += o.total;
        self.right += o.right;
        self.exact += o.exact;
        self.wrong += o.wrong;
        self.lost += o.lost;
        self.spurious += o.spurious;
        self.chars_lost += o.chars_lost;
        self.chars_extra += o.chars_extra;
        self.dates_total += o.dates_total;
        self.dates_ok += o.dates_ok;
    }
}

/// An output article's fields, folded.
struct Fields {
    title: String,
    head: String,
    byline: String,
    paras: Vec<String>,
    body: String,
    caps: String,
    stray: Vec<String>,
}

fn fields(a: &TreeArticle) -> Fields {
    let paras: Vec<String> = a.paragraphs.iter().map(|p| fold(p)).collect();
    let caps: String = a.captions.iter().map(|c| fold(c)).collect();
    Fields {
        title: fold(&a.title),
        head: fold_opt(&a.kicker) + &fold(&a.title) + &fold_opt(&a.subtitle),
        byline: fold_opt(&a.byline),
        body: paras.concat(),
        paras,
        caps,
        stray: Vec::new(),
    }
}

/// The first `n` characters of `s`.
fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The last `n` characters of `s`.
fn suffix(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    match s.char_indices().nth(count.saturating_sub(n)) {
        Some((i, _)) => &s[i..],
        None => s,
    }
}

/// The failures of output article `out` against gold item `g`.
fn check_article(g: &GoldArticle, out: &Fields, others_titles: &[String]) -> Vec<String> {
    let mut fails = Vec::new();
    let lead = out.byline.clone() + &out.body;
    let full = lead + &out.caps;
    let gt = fold_opt(&g.title);
    if !gt.is_empty() {
        if out.title.is_empty() {
            fails.push("empty title".to_string());
        } else if !out.head.contains(&gt) || !(gt.contains(&out.title) || out.title.contains(&gt)) {
            fails.push(format!("title {:?} != {:?}", out.title, gt));
        }
    } else if out.title.is_empty() {
        fails.push("empty fallback title".to_string());
    } else if others_titles.contains(&out.title) {
        fails.push(format!("fallback title is another item's headline: {:?}", out.title));
    }
    for t in &g.attached {
        let t = fold(t);
        if !out.head.contains(&t) {
            fails.push(format!("not attached to headline: {t:?}"));
        } else if out.paras.iter().any(|q| *q == t || q.starts_with(&t) || q.ends_with(&t)) {
            fails.push(format!("headline text left in body: {t:?}"));
        }
    }
    let end = fold_opt(&g.end);
    if !end.is_empty() && !full.contains(&end) {
        fails.push(format!("body does not reach end {end:?} (ends {:?})", suffix(&full, 30)));
    }
    for c in &g.contains {
        let c = fold(c);
        if !out.body.contains(&c) {
            fails.push(format!("body lacks {c:?}"));
        }
    }
    for p in &g.paragraphs {
        let p = fold(p);
        let mut ok = out.paras.iter().any(|q| q.starts_with(&p));
        if !ok && let Some(first) = out.paras.first() {
            ok = first.find(&p).is_some_and(|i| first[..i].chars().count() <= 30);
        }
        if !ok {
            fails.push(format!("no paragraph starts with {p:?}"));
        }
    }
    for t in &out.stray {
        fails.push(format!("a headline stands in the body: {t:?}"));
    }
    for c in &g.captions {
        let c = fold(c);
        if !out.caps.contains(&c) {
            fails.push(format!("caption missing {c:?}"));
        } else if out.body.contains(&c) {
            fails.push(format!("caption left in body {c:?}"));
        }
    }
    fails
}

/// A field of an article in the form the exact comparison uses.
fn exact_form(a: &TreeArticle, key: &str) -> Vec<String> {
    let list = |v: &[String]| v.iter().map(|p| fold(p)).filter(|p| !p.is_empty()).collect();
    match key {
        "title" => vec![fold(&a.title)],
        "kicker" => vec![fold_opt(&a.kicker)],
        "subtitle" => vec![fold_opt(&a.subtitle)],
        "byline" => vec![fold_opt(&a.byline)],
        "paragraphs" => list(&a.paragraphs),
        _ => list(&a.captions),
    }
}

/// The perfect tree's article for gold item `g`: the one whose first
/// paragraph starts with the gold start, else the one with the gold title.
fn perfect_article<'a>(g: &GoldArticle, perfect: &'a TreeIssue) -> Option<&'a TreeArticle> {
    let start = fold_opt(&g.start);
    let title = fold_opt(&g.title);
    let mut cands = Vec::new();
    for a in &perfect.articles {
        let first = a.paragraphs.first().map(|p| fold(p)).unwrap_or_default();
        let lead = fold_opt(&a.byline) + &first;
        let by_start = !start.is_empty()
            && (first.starts_with(&start) || prefix(&lead, 80 + start.chars().count()).contains(&start));
        let by_title = start.is_empty() && !title.is_empty() && fold(&a.title) == title;
        if by_start || by_title {
            cands.push(a);
        }
    }
    let same = cands.iter().find(|a| !title.is_empty() && fold(&a.title) == title);
    same.or(cands.first()).copied()
}

/// The fields in which `out` differs from the perfect article for `g`, each
/// with a short description of how (see [`describe_diff`]).
fn exact_diffs(g: &GoldArticle, out: &TreeArticle, perfect: Option<&TreeIssue>) -> Vec<String> {
    let Some(perfect) = perfect else { return vec!["no perfect issue".to_string()] };
    let Some(p) = perfect_article(g, perfect) else { return vec!["no perfect article".to_string()] };
    let mut diffs = Vec::new();
    for k in ["title", "kicker", "subtitle", "byline", "paragraphs", "captions"] {
        if k == "title" && g.title.as_deref().unwrap_or("").is_empty() {
            continue;
        }
        let (o, want) = (exact_form(out, k), exact_form(p, k));
        if o != want {
            diffs.push(format!("{k}[{}]", describe_diff(&o, &want)));
        }
    }
    diffs
}

/// How a field's pieces `got` differ from the perfect ones `want`: `split`
/// (same text, more pieces) or `joined` (fewer) with the text either side
/// of the first boundary that differs; else `more` (the output holds the
/// perfect text and more), `less` (part of it), or `text`, with the first
/// place the two differ.
fn describe_diff(got: &[String], want: &[String]) -> String {
    let (a, b) = (got.concat(), want.concat());
    let ends = |v: &[String]| -> Vec<usize> {
        v.iter()
            .scan(0, |n, p| {
                *n += p.chars().count();
                Some(*n)
            })
            .collect()
    };
    let around = |s: &str, at: usize| -> String {
        let chars: Vec<char> = s.chars().collect();
        let lo = at.saturating_sub(12);
        let hi = (at + 12).min(chars.len());
        let left: String = chars[lo..at.min(chars.len())].iter().collect();
        let right: String = chars[at.min(chars.len())..hi].iter().collect();
        format!("{left}|{right}")
    };
    if a == b {
        let (ea, eb) = (ends(got), ends(want));
        let kind = if got.len() > want.len() { "split" } else { "joined" };
        let at = if got.len() > want.len() {
            ea.iter().find(|e| !eb.contains(e))
        } else {
            eb.iter().find(|e| !ea.contains(e))
        };
        return format!("{kind} {}->{} at {:?}", want.len(), got.len(), around(&a, at.copied().unwrap_or(0)));
    }
    let short = |s: &str| prefix(s, 40).to_string();
    if a.contains(&b) {
        let i = a.find(&b).map_or(0, |i| a[..i].chars().count());
        let extra_before = prefix(&a, i).to_string();
        let extra_after = a.get(a.find(&b).unwrap_or(0) + b.len()..).unwrap_or("").to_string();
        return format!("more: before {:?} after {:?}", short(&extra_before), short(&extra_after));
    }
    if b.contains(&a) {
        let i = b.find(&a).map_or(0, |i| b[..i].chars().count());
        let missing_before = prefix(&b, i).to_string();
        let missing_after = b.get(b.find(&a).unwrap_or(0) + a.len()..).unwrap_or("").to_string();
        return format!("less: before {:?} after {:?}", short(&missing_before), short(&missing_after));
    }
    let same = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    format!("text at {same}: got {:?} want {:?}", around(&a, same), around(&b, same))
}

/// Every non-space character an issue's fields hold (fallback titles excepted), folded.
fn issue_text(issue: &TreeIssue) -> String {
    let mut all = String::new();
    for a in &issue.articles {
        if !a.title_inferred {
            all.push_str(&a.title);
        }
        for f in [&a.kicker, &a.subtitle, &a.byline] {
            all.push_str(f.as_deref().unwrap_or(""));
        }
        a.paragraphs.iter().chain(&a.captions).for_each(|p| all.push_str(p));
    }
    issue.fragments.iter().for_each(|f| all.push_str(f));
    fold(&all)
}

fn counts(s: &str) -> HashMap<char, usize> {
    let mut m = HashMap::new();
    for c in s.chars() {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

/// Characters of `a` not in `b` (as multisets), in sorted order.
fn missing(a: &HashMap<char, usize>, b: &HashMap<char, usize>) -> Vec<char> {
    let mut out = Vec::new();
    for (&c, &n) in a {
        let m = b.get(&c).copied().unwrap_or(0);
        out.extend(std::iter::repeat_n(c, n.saturating_sub(m)));
    }
    out.sort_unstable();
    out
}

/// Scores one page: the loader's output `out` against `gold`, with the raw
/// text (for lost characters) and the perfect tree (for exact articles) when
/// given. Returns the figures and a report line per problem.
pub fn score_issue(
    gold: &GoldIssue,
    out: &TreeIssue,
    raw: Option<&str>,
    perfect: Option<&TreeIssue>,
    with_exact: bool,
) -> (Score, Vec<String>) {
    let mut outs: Vec<Fields> = out.articles.iter().map(fields).collect();
    let mut score = Score::default();
    let mut report = Vec::new();
    let gold_titles: Vec<String> = gold
        .articles
        .iter()
        .filter(|g| g.title.as_deref().is_some_and(|t| !t.is_empty()))
        .map(|g| fold_opt(&g.title))
        .collect();
    let mut heads: Vec<String> = Vec::new();
    for g in &gold.articles {
        for t in g.title.iter().chain(&g.attached) {
            let f = fold(t);
            if !t.is_empty() && f.chars().count() >= 4 && !heads.contains(&f) {
                heads.push(f);
            }
        }
    }
    heads.sort();
    for o in &mut outs {
        for t in &heads {
            let last_closes = t.chars().last().is_some_and(|c| "。！？”".contains(c));
            for q in &o.paras {
                if q == t || (q.ends_with(t.as_str()) && !last_closes) {
                    o.stray.push(t.clone());
                }
            }
        }
    }
    let mut used: HashMap<usize, String> = HashMap::new();
    for g in &gold.articles {
        let start = fold_opt(&g.start);
        let name = g.title.clone().or(g.start.clone()).unwrap_or_default();
        if !g.optional {
            score.total += 1;
        }
        let cand = if !start.is_empty() {
            let n = 80 + start.chars().count();
            outs.iter().position(|o| prefix(&(o.byline.clone() + &o.body), n).contains(&start))
        } else {
            let gt = fold_opt(&g.title);
            outs.iter().position(|o| o.title == gt || (!gt.is_empty() && o.head.contains(&gt)))
        };
        let Some(i) = cand else {
            if !g.optional {
                score.lost += 1;
                report.push(format!("  MISSING {name}"));
            }
            continue;
        };
        if let Some(other) = used.get(&i) {
            report.push(format!("  MERGED {name:?} into the item of {other:?}"));
            if !g.optional {
                score.lost += 1;
            }
            continue;
        }
        used.insert(i, name.clone());
        if g.optional {
            continue;
        }
        let own = fold_opt(&g.title);
        let others: Vec<String> = gold_titles.iter().filter(|t| **t != own).cloned().collect();
        let fails = check_article(g, &outs[i], &others);
        if fails.is_empty() {
            score.right += 1;
            if with_exact {
                let d = exact_diffs(g, &out.articles[i], perfect);
                if d.is_empty() {
                    score.exact += 1;
                } else {
                    report.push(format!("  INEXACT {name}: {}", d.join(", ")));
                }
            }
        } else {
            score.wrong += 1;
            report.push(format!("  WRONG {name}: {}", fails.join("; ")));
        }
    }
    for (i, o) in outs.iter().enumerate() {
        if !used.contains_key(&i) {
            score.spurious += 1;
            report.push(format!("  SPURIOUS {:?}: {:?}", o.title, prefix(&(o.byline.clone() + &o.body), 40)));
        }
    }
    if let Some(raw) = raw {
        let (a, b) = (counts(&fold(raw)), counts(&issue_text(out)));
        let (lost, extra) = (missing(&a, &b), missing(&b, &a));
        score.chars_lost = lost.len();
        score.chars_extra = extra.len();
        if !lost.is_empty() || !extra.is_empty() {
            let show = |v: &[char]| v.iter().take(60).collect::<String>();
            report.push(format!(
                "  TEXT lost {} chars {:?}, extra {} chars {:?}",
                lost.len(),
                show(&lost),
                extra.len(),
                show(&extra)
            ));
        }
    }
    if let Some(date) = &gold.date {
        score.dates_total = 1;
        if out.date.as_deref() == Some(date.as_str()) && !out.date_inferred {
            score.dates_ok = 1;
        } else {
            report.push(format!("  DATE {:?} (inferred {}), expected {date:?}", out.date, out.date_inferred));
        }
    }
    (score, report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(title: &str, byline: Option<&str>, paras: &[&str], caps: &[&str]) -> TreeArticle {
        TreeArticle {
            title: title.to_string(),
            byline: byline.map(str::to_string),
            paragraphs: paras.iter().map(|p| p.to_string()).collect(),
            captions: caps.iter().map(|p| p.to_string()).collect(),
            ..TreeArticle::default()
        }
    }

    fn gold_item(title: &str, start: &str, end: &str, paras: &[&str]) -> GoldArticle {
        GoldArticle {
            title: Some(title.to_string()),
            start: Some(start.to_string()),
            end: Some(end.to_string()),
            paragraphs: paras.iter().map(|p| p.to_string()).collect(),
            ..GoldArticle::default()
        }
    }

    #[test]
    fn right_exact_wrong_spurious_and_lost_characters() {
        let raw =
            "全市会议召开\n本报讯（记者 张三）3月5日，全市会议召开。\n会议强调，要抓落实。\n另一条新闻\n别的内容。\n";
        let perfect = TreeIssue {
            source: "p.txt".into(),
            articles: vec![
                art(
                    "全市会议召开",
                    Some("本报讯（记者 张三）"),
                    &["3月5日，全市会议召开。", "会议强调，要抓落实。"],
                    &[],
                ),
                art("另一条新闻", None, &["别的内容。"], &[]),
            ],
            ..TreeIssue::default()
        };
        let gold = GoldIssue {
            date: None,
            articles: vec![
                gold_item("全市会议召开", "3月5日，全市会议", "要抓落实。", &["会议强调"]),
                gold_item("另一条新闻", "别的内容", "别的内容。", &[]),
            ],
        };
        let (s, _) = score_issue(&gold, &perfect, Some(raw), Some(&perfect), true);
        assert_eq!((s.total, s.right, s.exact, s.spurious, s.chars_lost, s.chars_extra), (2, 2, 2, 0, 0, 0));

        // One paragraph instead of two: still right (a listed paragraph may
        // start within the first 30 characters of the first one), not exact.
        let mut joined = perfect.clone();
        joined.articles[0].paragraphs = vec!["3月5日，全市会议召开。会议强调，要抓落实。".into()];
        let (s, report) = score_issue(&gold, &joined, Some(raw), Some(&perfect), true);
        assert_eq!((s.right, s.exact), (2, 1), "{report:?}");

        // A headline run into the body's end is wrong.
        let mut glued = perfect.clone();
        glued.articles[0].paragraphs[1].push_str("另一条新闻");
        glued.articles[1].title = "别的内容".into();
        let (s, report) = score_issue(&gold, &glued, None, None, false);
        assert_eq!((s.right, s.wrong), (0, 2), "{report:?}");

        // The second item merged into the first, its headline left as a paragraph.
        let mut merged = perfect.clone();
        let second = merged.articles.remove(1);
        merged.articles[0].paragraphs.push("另一条新闻".into());
        merged.articles[0].paragraphs.extend(second.paragraphs);
        let (s, _) = score_issue(&gold, &merged, Some(raw), Some(&perfect), true);
        assert_eq!((s.right, s.lost, s.spurious), (0, 1, 0));

        // A dropped paragraph is lost text; an extra article is spurious.
        let mut dropped = perfect.clone();
        dropped.articles[0].paragraphs.pop();
        dropped.articles.push(art("多余", None, &["多余"], &[]));
        let (s, _) = score_issue(&gold, &dropped, Some(raw), Some(&perfect), true);
        assert_eq!((s.spurious, s.chars_lost, s.chars_extra), (1, "会议强调，要抓落实。".chars().count(), 4));
    }

    #[test]
    fn fold_drops_spaces_and_folds_width() {
        assert_eq!(fold(" 本报讯 （记者　张三）, 11 月"), "本报讯(记者张三),11月");
    }
}
