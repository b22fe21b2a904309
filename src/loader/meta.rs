//! What is known about an article or page beyond its text: fallback titles,
//! kinds, dates and stable ids.
//!
//! Kinds: `news`, `photo`, `cartoon`, `notice`, `commentary`, `continuation`.
//! A page's date comes from its file name (`2023-11-04`, `20231104`), its
//! printed banner (`吕梁日报 2024年6月12日 星期三 第3版`) or its folders;
//! otherwise it is inferred (and marked so) as the day after the latest event
//! date opening a lead (`11月2日，…`) or a dateline (`…11月3日电`), in the
//! latest year the page speaks of as past or present (a day cited in passing,
//! `据2019年10月1日报道`, does not count), or failing that the date a notice is
//! signed with.

use crate::model::{Article, Date, Kind, Page};
use regex::Regex;
use std::sync::LazyLock;

/// Verbs that close a reporting clause: a speaker reported (`李明指出，`,
/// `会议强调，`, `他说，`) or a source (`据介绍，`, `据了解，`). One list for
/// the headline test ([`super::heads::reads_as_sentence`]) and the boundary
/// term that keeps such a paragraph in its article (`boundary::goes_on`).
pub(crate) const REPORTING_VERBS: [&str; 12] =
    ["表示", "指出", "强调", "认为", "提出", "要求", "介绍", "了解", "透露", "坦言", "说", "称"];

static NAME_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])((?:19|20|21)[0-9]{2})[-_.年]?(0[1-9]|1[0-2])[-_.月]?(0[1-9]|[12][0-9]|3[01])(?:[^0-9]|$)")
        .expect("valid regex")
});
static LEAD_OPEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[0-9]{4}年)?([0-9]{1,2})月([0-9]{1,2})日").expect("valid regex"));
static CITED_DAY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^年[0-9]{1,2}月[0-9]{1,2}日").expect("valid regex"));
static DATELINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([0-9]{1,2})月([0-9]{1,2})日电").expect("valid regex"));
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|[^0-9])((?:19|20)[0-9]{2})年").expect("valid regex"));

/// A date written in a file name or path: `2023-11-04`, `20231104`, `2023_11_04`.
pub fn date_from_name(name: &str) -> Option<Date> {
    NAME_DATE.captures_iter(name).find_map(|c| {
        let y = c.get(1)?.as_str().parse().ok()?;
        let m = c.get(2)?.as_str().parse().ok()?;
        let d = c.get(3)?.as_str().parse().ok()?;
        Date::new(y, m, d)
    })
}

static PRINTED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)[0-9]{2})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日").expect("valid regex")
});
static BANNER_SIGN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"星期[一二三四五六日天]|第\s*[0-9一二三四五六七八九十]{1,3}\s*版|农历").expect("valid regex")
});

/// The date printed in the page's banner (`吕梁日报 2024年6月12日 星期三
/// 第3版`), from the lines set aside as page furniture.
pub fn date_from_banner(fragments: &[String]) -> Option<Date> {
    fragments.iter().filter(|f| f.chars().count() <= 60 && BANNER_SIGN.is_match(f)).find_map(|f| {
        let c = PRINTED_DATE.captures(f)?;
        Date::new(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
    })
}

/// Dates a page as every front end does (text pages and PDF pages alike):
/// the date in its file name, else the one printed in its banner (among
/// its fragments), else a guess from its articles ([`infer_date`]), then
/// marked as inferred.
pub fn date_page(name: &str, page: &mut Page) {
    match date_from_name(name).or_else(|| date_from_banner(&page.fragments)) {
        Some(d) => {
            page.date = Some(d);
            page.date_inferred = false;
        }
        None => {
            page.date = infer_date(&page.articles);
            page.date_inferred = page.date.is_some();
        }
    }
}

/// An article's byline once a closing byline (`（张三）`, `（记者 王芳）`)
/// signs it too: set after the opening one (a bracket right after it, a
/// word with a space), or alone when it had none.
pub fn signed(byline: Option<String>, trail: &str) -> Option<String> {
    Some(match byline {
        Some(b) if trail.starts_with(['（', '(']) => format!("{b}{trail}"),
        Some(b) => format!("{b} {trail}"),
        None => trail.to_string(),
    })
}

/// An article's kicker once a continuation mark (`（上接1版）`) opened its
/// text: the mark first, then the kicker it had, if any.
pub fn marked_kicker(mark: &str, kicker: Option<String>) -> Option<String> {
    Some(match kicker {
        Some(k) => format!("{mark} {k}"),
        None => mark.to_string(),
    })
}

/// Guesses the issue date from the text: the latest event date that opens
/// an article's lead (`11月3日，…`) or its dateline (`新华社北京11月3日电`), in
/// the latest year the page speaks of as past or present (`2023年`, not
/// `到2025年完成`), plus one day — a paper reports yesterday's news. Dates
/// elsewhere in the text (`据2019年10月1日报道`, `定于6月20日举办`) do not
/// count. Failing a lead date, the date a notice is signed with.
pub fn infer_date(articles: &[Article]) -> Option<Date> {
    let mut year: Option<u32> = None;
    let mut best: Option<(u32, u32)> = None;
    let mut signed: Option<Date> = None;
    for a in articles {
        let opening = a.paragraphs.first().and_then(|p| LEAD_OPEN.captures(p));
        let dateline = a.byline.as_deref().and_then(|b| DATELINE.captures(b));
        for c in opening.into_iter().chain(dateline) {
            let (Ok(m), Ok(d)) = (c[1].parse::<u32>(), c[2].parse::<u32>()) else { continue };
            if (1..=12).contains(&m) && (1..=31).contains(&d) && best.is_none_or(|b| (m, d) > b) {
                best = Some((m, d));
            }
        }
        for p in &a.paragraphs {
            if super::lines::is_date_line(p)
                && let Some(c) = PRINTED_DATE.captures(p)
                && let Some(d) =
                    Date::new(c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0), c[3].parse().unwrap_or(0))
                && signed.is_none_or(|x| d > x)
            {
                signed = Some(d);
            }
        }
        for p in &a.paragraphs {
            for c in YEAR.captures_iter(p) {
                let Some(m) = c.get(1) else { continue };
                let Ok(y) = m.as_str().parse::<u32>() else { continue };
                // A plan (`到2025年`), or a day in the past cited in passing
                // (`据2019年10月1日报道`), says nothing of the issue's year.
                if is_plan(p, m.start(), m.end()) || m.start() > 0 && CITED_DAY.is_match(&p[m.end()..]) {
                    continue;
                }
                if year.is_none_or(|x| y > x) {
                    year = Some(y);
                }
            }
        }
    }
    let Some((m, d)) = best else { return signed };
    let y = year?;
    let date = Date::new(y, m, d)?;
    Some(next_day(date))
}

/// A year named as a target (`到2025年`, `在2027年前完成`, `力争2023年末`),
/// or as the start of a span that runs to now (`2019年以来`, `2019年至今`),
/// which is a year before the issue's.
fn is_plan(text: &str, start: usize, end: usize) -> bool {
    let before: String = text[..start].chars().rev().take(3).collect::<Vec<_>>().into_iter().rev().collect();
    let after: String = text[end..].chars().take(6).collect();
    before.ends_with('到')
        || before.ends_with('至')
        || before.ends_with('在')
        || before.contains("力争")
        || ["年前", "年底", "年末", "年达到", "年完成", "年实现", "年建成", "年以来", "年至今", "年来"]
            .iter()
            .any(|p| after.starts_with(p))
}

fn next_day(d: Date) -> Date {
    Date::new(d.year as u32, d.month as u32, d.day as u32 + 1)
        .or_else(|| Date::new(d.year as u32, d.month as u32 + 1, 1))
        .or_else(|| Date::new(d.year as u32 + 1, 1, 1))
        .unwrap_or(d)
}

static LEADING_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:当地时间)?(?:[0-9]{4}年)?[0-9]{1,2}月[0-9]{1,2}日(?:上午|下午|晚上|晚|凌晨|早上)?|近日|日前|近期|近来|连日来|近年来|今年以来|去年以来)[，,]").expect("valid regex")
});

/// Does the text open with a date or time word and a comma (`4月3日，`,
/// `当地时间4月3日，`, `近日，`, `今年以来，`), as a paragraph does and a
/// headline does not?
pub fn opens_with_time(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '近' | '日' | '连' | '今' | '去' | '当'))
        && LEADING_DATE.is_match(text)
}

/// A day alone, or a span of days (`25日，`, `当地时间11日上午，`, `11月10日至11日，`).
static LEAD_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:当地时间)?(?:[0-9]{1,2}月)?[0-9]{1,2}日(?:至[0-9]{1,2}日)?(?:上午|下午|晚上|晚|凌晨|早上|中午)?[，,]",
    )
    .expect("valid regex")
});
/// A day named from the issue's (`今天（2月28日），`, `昨天上午，`; `今天，`
/// alone is as often said inside an item).
static LEAD_TODAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:今天|今日)(?:上午|下午|晚上|晚|凌晨|早上|中午)?[（(][0-9月日 ]{2,8}[）)]|(?:昨天|昨日)(?:上午|下午|晚上|晚|凌晨|早上|中午)?(?:[（(][0-9月日 ]{2,8}[）)])?)[，,]")
        .expect("valid regex")
});
/// Does the text open as a news item's lead does: with a date or time word
/// and a comma ([`opens_with_time`]), a day alone (`25日，`, `当地时间11日，`),
/// or a day named from the issue's (`今天（2月28日），`, `昨天上午，`)? These
/// open paragraphs inside an item too: evidence, not proof (the line model's
/// own feature keeps to [`opens_with_time`]).
pub fn opens_like_lead(text: &str) -> bool {
    // (Cheap checks first: a day opens with `当` or a figure, a day named
    // from the issue's with `今` or `昨`.)
    opens_with_time(text)
        || text.starts_with(|c: char| c.is_ascii_digit() || c == '当') && LEAD_DAY.is_match(text)
        || text.starts_with(['今', '昨']) && LEAD_TODAY.is_match(text)
}

/// The words that name the issue's own day (`今天（3月5日）`): a lead's
/// day, never part of the subject before it.
pub(crate) const TODAY_WORDS: [&str; 2] = ["今天", "今日"];

/// A day in a lead, as a pattern: `5日`, `3月5日`.
const DAY: &str = r"(?:[0-9]{1,2}月)?[0-9]{1,2}日";
/// [`TODAY_WORDS`] as a pattern.
const TODAY: &str = "(?:今天|今日)";
/// A day's date in brackets after [`TODAY`]: `（3月5日）`.
const BRACKETED_DAY: &str = r"(?:[（(](?:[0-9]{1,2}月)?[0-9]{1,2}日[）)])";
/// The time of day after a day: `上午`, `晚`.
const TIME_OF_DAY: &str = "(?:上午|下午|晚上|晚|凌晨|早上|中午)";

/// A lead naming its subject before its day (`国务院总理李强5日在京会见`,
/// `全国政协12日上午在北京举行`, `十四届全国人大常委会第三次委员长会议25日
/// 上午举行`): a person or organ (no comma, no date of its own), a day, the
/// time of day, and a verb of news (`在` `向` `同` `会见` `主持` `出席`
/// `举行` `召开` `致` `分别` `签署`). Not `新华社北京3日电` (a dateline).
/// The day may be named from the issue's with its date in brackets, as
/// broadcast news and its transcripts print it (`国务院新闻办公室今天（2月
/// 28日）举行`, `国家文物局今天上午（12月9日）在京发布`): on the fitting
/// set's pages 91 items open so and one paragraph inside an item does, so it
/// is as much a lead as the bare day (on its training pages +2 items exact
/// on real `-raw`, no shape losing an item or gaining a spurious one).
/// Agency leads name the day before a verb of reporting as often as before
/// a meeting's (`某国国防军6日称，`, `外交部发言人9日表示，`, `…9日宣布`),
/// and a subject may be an anniversary's meeting (`诞辰100周年座谈会9日
/// 在京召开`): a figure is taken in the subject only as `N周年`, so a year
/// or a date of its own is still no subject (fitting set, training pages:
/// +7 items exact, `lines` +6; check pages +2; no spurious item more).
static SUBJECT_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:[^，,。；;：:！？“”（）()0-9年月日 ]|[0-9]{{1,4}}周年){{2,30}}?[^0-9年月日至到前](?:{DAY}|{TODAY}{TIME_OF_DAY}?{BRACKETED_DAY}){TIME_OF_DAY}?(?:在|向|同|会见|主持|出席|举行|召开|致|分别|签署|集体|应约|称|表示|宣布|发布|公布|发表|通报|举办|开幕|闭幕|启动|抵达)"
    ))
    .expect("valid regex")
});

/// Does the text open as a news item's lead that names its subject before
/// its day (`全国政协主席某某3日在京会见…`: a subject, a day, a verb)?
/// Weaker evidence than [`opens_like_lead`]: a paragraph inside an item may
/// open so too.
pub fn opens_with_subject_day(text: &str) -> bool {
    const NOT_SUBJECT: [&str; 9] = ["截至", "于", "在", "从", "自", "到", "至", "据", "今年"];
    let head = text.char_indices().nth(48).map_or(text, |(end, _)| &text[..end]);
    // Cheap before the pattern: it needs a figure just before a `日`.
    let day = head.match_indices('日').any(|(i, _)| i > 0 && head.as_bytes()[i - 1].is_ascii_digit());
    day && !NOT_SUBJECT.iter().any(|w| head.starts_with(w)) && SUBJECT_DAY.is_match(head)
}

/// A lead naming its source before its news (`记者从国家林草局了解到，…`,
/// `记者今天（3月5日）从某部获悉，…`): the reporter, at most a day, `从`, the
/// body asked, and `了解到` or `获悉`.
static SOURCE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^记者(?:{DAY}|{TODAY}{BRACKETED_DAY}?|近日|日前)?从[^，,。；;：:！？]{{2,30}}?(?:了解到|获悉)"
    ))
    .expect("valid regex")
});

/// Does the text open as a news item's lead that names its source before
/// its news (`记者从某部了解到，…`)? On the fitting set's pages 36 items
/// open so and 3 paragraphs inside an item do: evidence as weak as
/// [`opens_with_subject_day`]'s, and weighed as it is at a gap in a body
/// (`Term::SubjectLead`; on the fitting set's training pages +6 items exact,
/// real `pdftotext` +2 and real `-layout` +4, no shape losing an item or
/// gaining a spurious one).
pub fn opens_with_source(text: &str) -> bool {
    text.starts_with("记者") && SOURCE_LEAD.is_match(text)
}

/// A title made from the body when the page prints none: its first clause
/// (after a leading date or time word such as `近日`), without a quotation
/// mark left open or unopened, at most 24 characters.
pub fn fallback_title(a: &Article) -> String {
    let text = a
        .paragraphs
        .iter()
        .find(|p| !p.trim().is_empty())
        .cloned()
        .or_else(|| a.captions.first().cloned())
        .or_else(|| a.byline.clone())
        .unwrap_or_default();
    let text = match LEADING_DATE.find(&text) {
        Some(m) if m.end() < text.len() => text[m.end()..].to_string(),
        _ => text,
    };
    // The first clause, with the next ones while it is only a time word
    // (`去年以来`) or a quotation is still open.
    let mut clause = String::new();
    let open = |c: &str| c.matches('“').count() > c.matches('”').count();
    // A whole quoted sentence loses its marks (`“以史为鉴，可以知兴替。”…`);
    // a quoted name stays as printed (`“晋善晋美·吕梁有礼”文明实践活动…`).
    let quoted_name = text.starts_with('“')
        && text.find('”').is_some_and(|close| !text[..close].contains(['，', '。', '！', '？', ',']));
    let text =
        if quoted_name { text.as_str() } else { text.trim_start_matches(['“', '"', '「', '《', '（', '(']) };
    for part in text.split(['，', '。', '！', '？', '；', '：', ',', ';', '!', '?']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if !clause.is_empty() {
            clause.push('，');
        }
        clause.push_str(part);
        if clause.chars().count() > 5 && !open(&clause) || clause.chars().count() > 24 {
            break;
        }
    }
    // A closing mark whose opening one was trimmed away goes too.
    if clause.matches('”').count() > clause.matches('“').count() {
        clause = clause.replacen('”', "", 1);
    }
    let clause = clause.trim_matches(['，', ' ']).to_string();
    let mut t: String = clause.chars().take(24).collect();
    if clause.chars().count() > 24 {
        t.push('…');
    }
    if t.is_empty() { "（无题）".to_string() } else { t }
}

/// Is this the title of a notice (`…公告`, `…通知`, `…启事（第2号）`)?
pub fn is_notice_title(t: &str) -> bool {
    let t = match t.rfind(['（', '(']) {
        Some(i) if t.ends_with(['）', ')']) => &t[..i],
        _ => t,
    };
    ["公告", "通告", "通知", "启事", "声明", "公示", "告知书", "倡议书"].iter().any(|w| t.ends_with(w))
}

/// The closing nouns of a notice's title ([`is_notice_heading`]).
const NOTICE_NOUNS: [&str; 7] = ["通告", "公告", "通知", "公示", "启事", "声明", "决定"];

/// Does `line`, followed by `next`, have the shape of a notice's title
/// (`某某县人民政府关于调整公交线路的通告`, `关于做好防汛工作的通知`,
/// `某某局干部任前公示` over `根据…`)? It ends in a closing noun
/// (`通告` `公告` `通知` `公示` `启事` `声明` `决定`, a number in brackets
/// after it allowed), finishes no sentence and holds no comma, and either
/// names its subject with `关于` or stands over a notice's text: `根据…`,
/// `为了…`, `为进一步…`, `按照…`, `依据…`, or an addressee line (`各…：`).
pub fn is_notice_heading(line: &str, next: &str) -> bool {
    let t = super::normalize::trim(line);
    // Cheap first: the line ends in a closing noun's last character or a
    // bracket.
    if !t.ends_with(['告', '知', '示', '事', '明', '定', '）', ')']) {
        return false;
    }
    if t.contains(['，', ',', '。', '；', '：', ':']) {
        return false;
    }
    let t = match t.rfind(['（', '(']) {
        Some(i) if t.ends_with(['）', ')']) => &t[..i],
        _ => t,
    };
    let Some(noun) = NOTICE_NOUNS.iter().find(|w| t.ends_with(*w)) else { return false };
    let before = &t[..t.len() - noun.len()];
    if before.chars().count() < 4 {
        return false;
    }
    let next = super::normalize::trim(next);
    let addressee = next.starts_with('各')
        && next.ends_with(['：', ':'])
        && next.chars().count() <= 24
        && !next.contains(['，', '。']);
    before.contains("关于")
        || addressee
        || ["根据", "为了", "为进一步", "按照", "依据"].iter().any(|w| next.starts_with(w))
}

/// The kind of an article, from its form and words.
pub fn kind_of(a: &Article, continued: bool) -> Kind {
    if continued {
        return Kind::Continuation;
    }
    let byline = a.byline.as_deref().unwrap_or("");
    if byline.contains("评论") || is_opinion_head(a.kicker.as_deref().unwrap_or(""), &a.title) {
        return Kind::Commentary;
    }
    if !a.title_inferred && is_notice_title(&a.title) {
        return Kind::Notice;
    }
    // (The body's characters counted last: only a bylineless item with a
    // caption asks.)
    if a.byline.is_none() && !a.captions.is_empty() && a.body_chars() < 600 {
        return Kind::Photo;
    }
    Kind::News
}

/// The labels an opinion column prints over or before its headline
/// (`时评｜…`, kicker `锐评`, `本报评论员文章`).
const OPINION_LABELS: [&str; 8] = ["时评", "快评", "锐评", "短评", "社论", "述评", "杂谈", "评论员"];

/// Whether a headline names an opinion column: a label in the kicker, or
/// among the title's first eight characters (a label opens the title, or
/// follows a paper's name: `人民时评｜…`), not one a long title happens to
/// hold further on.
fn is_opinion_head(kicker: &str, title: &str) -> bool {
    // (A slice of the title, not a copy.)
    let opening = title.char_indices().nth(8).map_or(title, |(end, _)| &title[..end]);
    OPINION_LABELS.iter().any(|l| kicker.contains(l) || opening.contains(l))
}

/// A stable id for an article: FNV-1a over the source file name and the
/// first characters of the article's byline and body.
pub fn article_id(source: &str, a: &Article) -> String {
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let byte = |h: &mut u64, b: u8| {
        *h ^= b as u64;
        *h = h.wrapping_mul(PRIME);
    };
    // Each text fed is closed by a byte 0xFF (which no UTF-8 text holds).
    for b in source.bytes() {
        byte(&mut h, b);
    }
    byte(&mut h, 0xff);
    // The first 32 characters that are not white space, fed as they are
    // read (the bytes of the text they would make).
    let mut taken = 0;
    'texts: for s in a.byline.iter().chain(&a.paragraphs).chain(&a.captions) {
        for c in s.chars().filter(|c| !c.is_whitespace()) {
            if taken == 32 {
                break 'texts;
            }
            for &b in c.encode_utf8(&mut [0u8; 4]).as_bytes() {
                byte(&mut h, b);
            }
            taken += 1;
        }
    }
    byte(&mut h, 0xff);
    if taken == 0 {
        for b in a.title.bytes() {
            byte(&mut h, b);
        }
        byte(&mut h, 0xff);
    }
    format!("{h:016x}")
}

/// Gives every article of a page an id: [`article_id`] where it has none,
/// and when two articles of the page still share one (two photos with the
/// same credit line), the later ones get `-2`, `-3`, … so that marking one
/// never marks the other.
pub fn assign_ids(page: &mut Page) {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for a in &mut page.articles {
        if a.id.is_empty() {
            a.id = article_id(&page.source, a);
        }
        let n = seen.entry(a.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            a.id = format!("{}-{n}", a.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(byline: Option<&str>, paras: &[&str]) -> Article {
        Article {
            byline: byline.map(str::to_string),
            paragraphs: paras.iter().map(|s| s.to_string()).collect(),
            ..Article::default()
        }
    }

    #[test]
    fn a_notice_heading_has_a_closing_noun_and_names_its_subject_or_stands_over_notice_text() {
        let cases = [
            ("某某县人民政府关于调整城区公交线路的通告", "三路公交车改经府前街。", true),
            ("关于做好今年防汛工作的通知", "各乡镇人民政府：", true),
            ("某某县教育局2024年干部任前公示", "根据干部选拔任用有关规定，", true),
            ("某某县教育局2024年干部任前公示", "近日，县里召开会议。", false),
            ("某某县卫生健康局遗失公章启事（第2号）", "为了避免造成损失，", true),
            ("各地认真学习贯彻会议精神", "根据会议要求，", false),
            ("会议强调，要认真贯彻落实国务院关于防汛的通知", "各乡镇：", false),
            ("发出通知", "根据要求，", false),
        ];
        for (line, next, want) in cases {
            assert_eq!(is_notice_heading(line, next), want, "{line} / {next}");
        }
    }

    #[test]
    fn opinion_heads() {
        // (kicker, title, an opinion column?)
        let cases = [
            ("", "时评｜让老旧小区改造更暖民心", true),
            ("锐评", "好政策要落到群众心坎上", true),
            ("", "人民时评：把实事办到群众心坎上", true),
            ("", "社论 奋力谱写新篇章", true),
            ("", "本报评论员：实干才能出实绩", true),
            ("", "市政协召开座谈会听取各界群众对时评栏目的意见", false),
            ("", "让老旧小区改造更暖民心", false),
            ("聚焦两会", "代表委员热议政府工作报告", false),
        ];
        for (kicker, title, opinion) in cases {
            assert_eq!(is_opinion_head(kicker, title), opinion, "{kicker} / {title}");
            let a = Article {
                kicker: (!kicker.is_empty()).then(|| kicker.to_string()),
                title: title.to_string(),
                paragraphs: vec!["正文。".to_string()],
                ..Article::default()
            };
            assert_eq!(kind_of(&a, false) == Kind::Commentary, opinion, "{title}");
        }
    }

    #[test]
    fn dates_from_file_names() {
        assert_eq!(date_from_name("2023-11-04_p01.txt"), Date::new(2023, 11, 4));
        assert_eq!(date_from_name("llrb20231104-02.txt"), Date::new(2023, 11, 4));
        assert_eq!(date_from_name("2023_11_04.txt"), Date::new(2023, 11, 4));
        assert_eq!(date_from_name("000_ca2976e5d243cd64.txt"), None);
        assert_eq!(date_from_name("20231399.txt"), None);
    }

    #[test]
    fn dates_inferred_from_leads_and_years() {
        let arts = vec![
            art(Some("新华社北京11月3日电"), &["11月3日，国家主席致信。"]),
            art(Some("本报讯"), &["11月2日，我市召开会议。该小区2022年8月启动改造，《2023年重点任务清单》。"]),
        ];
        assert_eq!(infer_date(&arts), Date::new(2023, 11, 4));
        let plans = vec![art(None, &["8月10日，会议召开。2021年市政协助学，力争在2025年完成目标，到2029年达到。"])];
        assert_eq!(infer_date(&plans), Date::new(2021, 8, 11));
        assert_eq!(infer_date(&[art(None, &["没有日期。"])]), None);
        // A date quoted in the text is no event date; a notice's own date is.
        let old = vec![art(Some("本报讯"), &["6月11日，记者获悉，据《吕梁日报》2019年10月1日报道，公园当年建成。"])];
        assert_eq!(infer_date(&old), None, "no year but 2019 given: the 2019 date is not the lead's");
        let notice = vec![art(None, &["定于6月20日举办专场招聘会。", "中共吕梁市委组织部", "2024年6月12日"])];
        assert_eq!(infer_date(&notice), Date::new(2024, 6, 12));
        // `2019年以来` (since 2019) names a year before the issue's: no year known.
        let since = vec![art(Some("本报讯"), &["3月28日，记者获悉，2019年以来，全市累计投入资金。"])];
        assert_eq!(infer_date(&since), None);
    }

    #[test]
    fn leads_opening_items() {
        // (text, opens like an item's lead?)
        let cases = [
            ("近日，岚县组织农技人员", true),
            ("3月5日下午，各代表团", true),
            ("当地时间11日，国务院总理", true),
            ("25日，以军继续在加沙", true),
            ("11月10日至11日，某某应邀访问", true),
            ("今天（2月28日），国务院新闻办", true),
            ("今天上午（12月9日），国家文物局", true),
            ("昨天上午，市政府召开", true),
            ("会议指出，要坚持", false),
            ("截至11月16日24时，据31个", false),
            ("2023年浦江创新论坛主题为", false),
            ("今天的活动吸引了", false),
            ("今天，某市开展了消防演练", false),
            ("全国政协主席某某3日在京会见", false),
        ];
        for (text, lead) in cases {
            assert_eq!(opens_like_lead(text), lead, "{text}");
            // (The cheap checks before the patterns change no answer.)
            let patterns = LEADING_DATE.is_match(text) || LEAD_DAY.is_match(text) || LEAD_TODAY.is_match(text);
            assert_eq!(patterns, lead, "{text}");
        }
    }

    #[test]
    fn leads_naming_their_source_before_the_news() {
        // (text, the reporter, at most a day, `从`, a source and its verb?)
        let cases = [
            ("记者从市交通运输局了解到，今年全市", true),
            ("记者今天（3月5日）从某部获悉，", true),
            ("记者5日从省气象台获悉，", true),
            ("记者近日从某县了解到，", true),
            ("记者采访了多位村民，", false),
            ("记者从村里出发，一路", false),
            ("据记者从某部了解到，", false),
        ];
        for (text, lead) in cases {
            assert_eq!(opens_with_source(text), lead, "{text}");
        }
    }

    #[test]
    fn leads_naming_their_subject_before_the_day() {
        // (text, a subject, a day and a verb of news?)
        let cases = [
            ("全国政协主席某某3日在京会见某国议长", true),
            ("国务院总理某某30日下午在京会见来华访问的", true),
            ("政协第十四届全国委员会常务委员会第二次会议27日上午举行全体会议", true),
            ("全国政协12日上午在北京中山公园中山堂举行仪式", true),
            ("中共中央政治局常委、国务院副总理某某25日在北京会见", true),
            ("首都规划建设委员会7月3日在京召开第45次全体会议", true),
            ("国务院新闻办公室今天（2月28日）举行新闻发布会", true),
            ("某省文物局今天上午（12月9日）在京发布", true),
            ("某市政府今天（3月5日）上午召开大会", true),
            ("某某今天（3月5日）的讲话", false),
            ("今天（2月28日），国务院新闻办", false),
            ("记者从市交通运输局了解到，", false),
            ("新华社北京3日电", false),
            ("截至11月16日24时，据31个省", false),
            ("某某3日还会见了", false),
            ("会议指出，某某3日在京会见", false),
            ("2023年浦江创新论坛主题为", false),
            ("今年1月5日在某地举行", false),
            ("11月10日至11日，某某应邀访问", false),
            ("某国国防军6日称，该国军队继续", true),
            ("某国外交部发言人9日表示，", true),
            ("纪念某某同志诞辰100周年座谈会9日在京召开", true),
            ("他说，去年9日称", false),
            ("2023年9日称", false),
        ];
        for (text, lead) in cases {
            assert_eq!(opens_with_subject_day(text), lead, "{text}");
        }
    }

    #[test]
    fn dates_printed_in_banners() {
        let f = |s: &str| date_from_banner(&[s.to_string()]);
        assert_eq!(f("吕梁日报 2024年6月12日 星期三 第3版"), Date::new(2024, 6, 12));
        assert_eq!(f("2023 年 11 月 4 日 星期六"), Date::new(2023, 11, 4));
        assert_eq!(f("第2版 要闻 责任编辑 王芳"), None);
        // A date inside left-over body text is no banner.
        assert_eq!(f("2023年11月4日，全市召开会议"), None);
    }

    #[test]
    fn fallback_titles_use_the_first_clause() {
        assert_eq!(
            fallback_title(&art(None, &["随着吕梁新区建设步伐加快，其配套设施也在加紧推进。"])),
            "随着吕梁新区建设步伐加快"
        );
        assert_eq!(
            fallback_title(&art(
                None,
                &["4月3日，学习贯彻习近平新时代中国特色社会主义思想主题教育工作会议在北京召开。"]
            )),
            "学习贯彻习近平新时代中国特色社会主义思想主题教育…"
        );
        assert_eq!(fallback_title(&art(None, &["“以史为鉴,可以知兴替。”在庆祝大会上"])), "以史为鉴，可以知兴替");
        assert_eq!(
            fallback_title(&art(None, &["近日，离石区信义镇的草莓迎来了成熟采摘的季节。"])),
            "离石区信义镇的草莓迎来了成熟采摘的季节"
        );
        assert_eq!(
            fallback_title(&art(None, &["日前，孝义市图书馆推出“夜读时光”服务，每周五延时开放。"])),
            "孝义市图书馆推出“夜读时光”服务"
        );
        assert_eq!(
            fallback_title(&art(None, &["全市开展“时时放心，处处安全”活动，共检查企业。"])),
            "全市开展“时时放心，处处安全”活动"
        );
        assert_eq!(
            fallback_title(&art(None, &["6月11日上午，“晋善晋美·吕梁有礼”文明实践活动启动，市民踊跃参加。"])),
            "“晋善晋美·吕梁有礼”文明实践活动启动"
        );
    }

    #[test]
    fn ids_are_stable_and_distinct() {
        let a = art(Some("本报讯"), &["11月2日，我市召开会议。"]);
        let b = art(Some("本报讯"), &["11月3日，我市召开会议。"]);
        assert_eq!(article_id("x.txt", &a), article_id("x.txt", &a.clone()));
        assert_ne!(article_id("x.txt", &a), article_id("x.txt", &b));
        assert_ne!(article_id("x.txt", &a), article_id("y.txt", &a));
        assert_eq!(article_id("x.txt", &a).len(), 16);
    }

    #[test]
    fn ids_hash_the_first_characters_as_one_text() {
        // FNV-1a over the source, then over the first 32 characters of the
        // byline, paragraphs and captions that are not white space, each
        // text closed by 0xFF; the title instead when those are empty.
        fn by_strings(source: &str, a: &Article) -> String {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            let mut feed = |s: &str| {
                for b in s.bytes().chain([0xff]) {
                    h ^= b as u64;
                    h = h.wrapping_mul(0x0100_0000_01b3);
                }
            };
            feed(source);
            let texts = a.byline.iter().chain(&a.paragraphs).chain(&a.captions);
            let start: String = texts.flat_map(|s| s.chars()).filter(|c| !c.is_whitespace()).take(32).collect();
            feed(&start);
            if start.is_empty() {
                feed(&a.title);
            }
            format!("{h:016x}")
        }
        let long = "本报讯 记者王明报道：11月2日，我市召开全市重点项目建设推进会议，部署下一阶段工作。";
        let mut cases = vec![
            art(Some("本报讯"), &["11月2日，我市召开会议。"]),
            art(None, &[long, "第二段。"]),
            art(Some(" 记者 王明 "), &["  ", "a b\tc"]),
            art(None, &["短", "句", "子"]),
            Article { title: "只有标题".into(), ..Article::default() },
            Article { captions: vec!["图为会议现场。".into()], ..Article::default() },
            Article::default(),
        ];
        cases.push(Article { title: "标题".into(), ..art(Some(long), &[long]) });
        for a in &cases {
            assert_eq!(article_id("p/x.txt", a), by_strings("p/x.txt", a), "{a:?}");
        }
    }
}
