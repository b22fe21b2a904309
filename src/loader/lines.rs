//! Lines and their roles: what each printed line is, judged by its own form.
//!
//! Opening bylines (`本报讯（…）`, `新华社北京…电`, `本报哈尔滨9月23日电`,
//! `□ 本报评论员`, also with the bracket closing on the next line, or glued by
//! pdftotext to the end of the line before, and put back together where a
//! narrow column wrapped them: a dateline broken before its `电`, a
//! reporters' bracket opened at a line's end or run onto a third line, a
//! boxed byline's last name on the next line, text run on after its names);
//! trailing bylines (`（董艳婷）`, on
//! its own line or after the last sentence, even wrapped: `…45台。（李鹏` /
//! `飞）`; a bracket is a byline only when it holds names, so `（排名不分先后）`
//! stays text); photo captions and credits (`图为… 记者 王益炜 摄`); cartoon
//! credits (`… 新华社发 徐骏 作`); continuation and jump marks (`（上接1版）`,
//! `…参赛。（下转2版）`, also wrapped over two lines); banners. Cheap byte tests
//! run before any regex. Whether a plain text line is body or headline is
//! decided later, from its neighbours ([`super::heads`], [`super::line_model`]).

use super::normalize::{self, BOXES, is_han};
use regex::Regex;
use std::sync::LazyLock;

/// One non-blank line of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the file.
    pub no: usize,
    /// The normalised text.
    pub text: String,
    /// Estimated printed width in columns (the raw line's display width,
    /// its quotes and dashes as wide as the page prints them: [`Ambiguous`]).
    pub width: usize,
    /// Display width of the normalised text (for a letter-spaced line, a
    /// lower bound of its column's width).
    pub text_width: usize,
    /// Display width of `text` with East Asian ambiguous characters two
    /// columns wide ([`normalize::width_cjk`]): what the reflow measures a
    /// body line by against its column. Measured by [`read_lines`] once the
    /// lines' forms are read, from the line's first measure where its text
    /// is still as read (most lines), so a line is not measured twice.
    pub cjk_width: usize,
    /// Letter-spaced, i.e. a justified line that fills its column.
    pub justified: bool,
    /// The raw line began with an indent (two spaces or an ideographic space).
    pub indented: bool,
    /// The raw line began with any white space (a single space is how some
    /// extractors mark a paragraph's indent).
    pub lead_space: bool,
    pub role: Role,
}

/// What a line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// Running text or a headline: decided later.
    Text,
    /// An opening byline (`本报讯（记者 …）`, `新华社北京11月3日电`, `□ 本报评论员`);
    /// the line's text after it is body text.
    Byline { byline: String },
    /// A byline printed after the body: `（董艳婷）`.
    TrailByline,
    /// `（上接1版）`: the start of a continued article.
    Continued,
    /// `（下转2版）`: the end of a jumped article.
    Jump,
    /// A photo caption (one line of it); `first` marks its first line.
    Caption { first: bool },
    /// A photo credit alone on a line (`记者 侯利军 摄`).
    PhotoCredit,
    /// A cartoon with its credit: `“低价”的背后 新华社发 徐骏 作`.
    Cartoon,
    /// Page furniture: a running head with date, page number or editors.
    Banner,
}

macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($pat).expect("valid regex"));
    };
}

re!(
    BENBAO,
    r"^【?(?:本[报報](?:讯|訊|消息|综合消息|綜合消息)|本[报報][\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}〇]{2,4}[讯訊])】?"
);
re!(
    XINHUA,
    r"^(据?(?:新[华華]社|中新社|人民[网網]|央[视視][网網]|人民日[报報]|本[报報])[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}〇]{0,12}?[0-9一二三四五六七八九十〇]{1,2}月[0-9一二三四五六七八九十〇]{1,3}日[电電])"
);
re!(XINHUA_REPORTERS, r"^\s*[（(][记記]者[^）)]{1,30}[）)]");
re!(BOXED, &boxed(r"^[BOX]\s*[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}〇·\s]{2,24}$"));
re!(
    BOXED_WITH_TEXT,
    &boxed(
        r"^([BOX]\s*(?:本报|新华社)?(?:特约)?(?:评论员|记者|通讯员)(?:\s+[\x{4E00}-\x{9FFF}·]{2,4}(?:\s+[\x{4E00}-\x{9FFF}·]{2,4})*)?)\s+(\S.*[，。：；！？,].*)$"
    )
);
re!(
    BOXED_GLUED,
    &boxed(
        r"^([BOX]\s*(?:本报|新华社)?(?:特约)?(?:评论员|记者|通讯员)(?:\s+[\x{4E00}-\x{9FFF}·]{2,4})*)\s*([0-9“‘《].*)$"
    )
);
re!(BOXED_ROLE, &boxed(r"^[BOX]\s*(?:本报|新华社)?(?:特约)?(?:评论员|记者|通讯员)"));
re!(
    REPORTER_LINE,
    r"^本[报報](?:特约|特約)?(?:记者|記者|评论员|評論員|通讯员|通訊員)(?:\s*[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}〇·]{2,4}){0,4}$"
);
re!(TRAIL, r"^[（(][\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}〇·/／\s]{2,20}[）)]$");
re!(CONTINUED, r"^[（(](?:上接|接上|上转|接)第?[0-9一二三四五六七八九十〇A-Z]{1,3}版[）)]");
re!(JUMP, r"[（(](?:下转|转|转下|转第)第?[0-9一二三四五六七八九十〇A-Z]{1,3}版[）)]$");
re!(CAPTION_START, r"^(?:图为|图：|图:|图片：|图片为|上图|下图|左图|右图|组图|图[①-⑳1-9一二三四五六七八九])");
re!(
    PHOTO_CREDIT,
    r"^(?:(?:本报|新华社|特约)?(?:记者|通讯员|实习生|摄影)\s*)?[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}〇·]{2,4}(?:\s+[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}〇·]{2,4}){0,3}\s*摄$"
);
// A cartoon's credit: the artist's name set apart from the `作`/`绘`/`画`
// after it (`王强 作`), or glued to it only after an agency's `…发` credit
// (`新华社发 徐骏作`). Without either a headline's last words would read as
// a name and its verb: `花开中国 江山如画`, `拥军优属 拥政爱民工作`,
// `共迎挑战 谱写亚太合作` end the way a credit does.
re!(
    CARTOON,
    r"^\S.{0,30}\s(?:\S{1,12}[社报网]?发\s+[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}〇·]{2,5}\s*|[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}〇·]{2,5}\s+)(?:作|绘|画)$"
);
re!(
    BANNER_EDITOR,
    r"(?:责任编辑|责编|美编|校对|版式设计|组版|排版|版面编辑|本版编辑|值班编辑)\s*[：:|｜]?\s*[\x{4E00}-\x{9FFF}]{2,4}"
);
re!(
    BANNER_PAGE,
    r"第\s*[0-9一二三四五六七八九十]{1,3}\s*版|[0-9]{1,2}\s*版|星期[一二三四五六日天]|[（(]?(?:19|20)[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日[）)]?|农历|要闻|综合新闻|国内新闻|时政|专版"
);
re!(
    DATE_LINE,
    r"^(?:[0-9]{4}|[〇○零一二三四五六七八九]{4})年[0-9〇○一二三四五六七八九十]{1,2}月[0-9〇○一二三四五六七八九十]{1,3}日$"
);

/// The text's lines, exactly as `text.split('\n')` gives them (the last one
/// empty when the text ends with a line end), the line ends found with a
/// vectorised search (much faster than `split` on a page of short lines).
pub fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        match ends.next() {
            Some(end) => {
                start = Some(end + 1);
                Some(&text[from..end])
            }
            None => {
                start = None;
                Some(&text[from..])
            }
        }
    })
}

/// How many lines [`split_lines`] gives for `text`.
pub fn count_lines(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1
}

thread_local! {
    /// The strings of the lines of the pages loaded before on this thread
    /// ([`recycle`]), which [`read_lines`] fills again with the next page's
    /// lines: every line of a page holds its text in a string of its own,
    /// and a page's lines are made and freed together, too many at once for
    /// the allocator's small caches (each would be allocated and freed
    /// the long way).
    static SPARE_TEXTS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The most line strings kept for the next page ([`SPARE_TEXTS`]): more
/// than a long page's lines.
const MAX_SPARE_TEXTS: usize = 4096;

/// The largest string kept for the next page ([`SPARE_TEXTS`]): a line's
/// (a very long line, a page printed without line ends, is let go).
const MAX_SPARE_TEXT_BYTES: usize = 512;

/// Leaves the strings of a page's `lines`, done with, to the next page read
/// on this thread ([`read_lines`]).
pub(crate) fn recycle(lines: Vec<Line>) {
    SPARE_TEXTS.with_borrow_mut(|spare| {
        let room = MAX_SPARE_TEXTS.saturating_sub(spare.len());
        spare.extend(
            lines.into_iter().map(|l| l.text).filter(|t| (1..=MAX_SPARE_TEXT_BYTES).contains(&t.capacity())).take(room),
        );
    });
}

/// Splits the raw text into lines with their first-pass roles. Blank lines
/// are dropped (they mean nothing in this material).
pub fn read_lines(text: &str) -> Vec<Line> {
    // (The strings the pages before left, filled again: see `SPARE_TEXTS`.)
    let mut spare = SPARE_TEXTS.take();
    let mut copy = |t: &str| match spare.pop() {
        Some(mut s) => {
            s.clear();
            s.push_str(t);
            s
        }
        None => t.to_string(),
    };
    let n = count_lines(text);
    let mut out: Vec<Line> = Vec::with_capacity(n);
    let mut count: Vec<usize> = Vec::with_capacity(n);
    // Per line of the file: its text as read and its `cjk_width`, for a line
    // measured in the common characters and not changed by normalising
    // (most lines). `classify` cuts and joins a few lines' texts: a line
    // whose text is no longer the one read is measured again.
    let mut as_read: Vec<Option<(&str, usize)>> = Vec::with_capacity(n);
    for (i, raw) in split_lines(text).enumerate() {
        let trimmed = normalize::trim(raw);
        as_read.push(None);
        if trimmed.is_empty() {
            continue;
        }
        let indented = raw.starts_with("  ") || raw.starts_with('\u{3000}');
        let lead_space = raw.starts_with(char::is_whitespace);
        let measured = normalize::measure_counting(trimmed);
        let (justified, t, width, text_width) = match measured {
            // (Most lines: no space to undo, measured in one pass; as wide
            // with the ambiguous characters two columns as one more each.)
            Some((w, false, a)) => {
                as_read[i] = Some((trimmed, w + a));
                (false, copy(trimmed), w, w)
            }
            _ => {
                let justified = normalize::is_letter_spaced(trimmed);
                let t = normalize::normalize_trimmed(trimmed, justified);
                let width = measured.map_or_else(|| normalize::width(trimmed), |(w, _, _)| w);
                // Normalising only removes spaces: the same length is the same text.
                let text_width = if t.len() == trimmed.len() { width } else { normalize::width(&t) };
                (justified, t, width, text_width)
            }
        };
        // (Counted once: the vote and the widening read the same counts.
        // Normalising only removes spaces, so a line measured in the common
        // characters has the count measured with its width.)
        count.push(measured.map_or_else(|| normalize::ambiguous(&t), |(_, _, n)| n));
        out.push(Line {
            no: i + 1,
            width,
            text_width,
            cjk_width: 0,
            justified,
            indented,
            lead_space,
            text: t,
            role: Role::Text,
        });
    }
    SPARE_TEXTS.set(spare);
    let wide = Ambiguous::of(&out, &count) == Ambiguous::Wide;
    if wide {
        for (l, n) in out.iter_mut().zip(count) {
            l.width += n;
            l.text_width += n;
        }
    }
    classify(&mut out, wide);
    for l in &mut out {
        l.cjk_width = match as_read.get(l.no - 1) {
            Some(&Some((t, w))) if l.text == t => w,
            _ => normalize::width_cjk(&l.text),
        };
    }
    out
}

/// Lines on either side of a blank line whose gaps tell whether blank lines
/// are rare around it ([`set_apart`]).
const BLANK_WINDOW: usize = 10;

/// For each line, whether it is set apart from the line before it by a blank
/// line (the lines keep their numbers in the file, so a blank line shows as
/// a gap in them) where blank lines are rare: fewer than a third of the gaps
/// between the lines around it, up to ten on either side, are
/// blank. A page (or a block of one) that puts a blank line between most of
/// its lines says nothing by one; on a page that keeps them for the starts of
/// its blocks (`pdftotext -layout`, an extractor's block breaks) one marks
/// where something new begins, such as a headline's first line under the
/// body above it.
pub fn set_apart(lines: &[Line]) -> Vec<bool> {
    let n = lines.len();
    let gap = |j: usize| j > 0 && lines[j].no > lines[j - 1].no + 1;
    // blanks[j]: how many of the lines before line j stand after a blank line.
    let mut blanks = vec![0usize; n + 1];
    for j in 0..n {
        blanks[j + 1] = blanks[j] + usize::from(gap(j));
    }
    (0..n)
        .map(|i| {
            if !gap(i) {
                return false;
            }
            // The gaps before lines lo..=hi.
            let lo = i.saturating_sub(BLANK_WINDOW).max(1);
            let hi = (i + BLANK_WINDOW).min(n - 1);
            let gaps = hi + 1 - lo;
            let blank = blanks[hi + 1] - blanks[lo];
            blank * 3 < gaps
        })
        .collect()
}

/// How a page prints the East Asian ambiguous characters (`“”‘’—…·`): a
/// Chinese font sets them a full column wide, as two display columns, but
/// some newspapers' fonts set quotes half as wide, as one. Told from the page
/// itself: where a line holding them stands among plain full lines of its
/// column, the measure that makes it as wide as they are is the page's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ambiguous {
    /// Two columns each (the default, as Chinese text prints them).
    Wide,
    /// One column each.
    Narrow,
}

impl Ambiguous {
    /// The measure the page's lines (each measured [`Ambiguous::Narrow`])
    /// show; [`Ambiguous::Wide`] when no line tells.
    /// `count`: how many of them each line holds ([`normalize::ambiguous`]).
    pub fn of(lines: &[Line], count: &[usize]) -> Ambiguous {
        // Lines within this many either side give a line's column.
        const NEAR: usize = 4;
        // (A letter-spaced line's width is its spacing's, not its text's.)
        let count: Vec<usize> = lines.iter().zip(count).map(|(l, &n)| if l.justified { 0 } else { n }).collect();
        if count.iter().all(|&n| n == 0) {
            return Ambiguous::Wide;
        }
        let (mut wide, mut narrow) = (0usize, 0usize);
        let mut near: Vec<usize> = Vec::with_capacity(2 * NEAR);
        for (i, l) in lines.iter().enumerate() {
            let n = count[i];
            if n == 0 {
                continue;
            }
            // The column: a width at least two plain lines nearby fill.
            near.clear();
            let lo = i.saturating_sub(NEAR);
            let hi = (i + NEAR + 1).min(lines.len());
            near.extend((lo..hi).filter(|&j| j != i && count[j] == 0 && !lines[j].justified).map(|j| lines[j].width));
            near.sort_unstable();
            let Some(col) = near.windows(2).rev().find(|w| w[0] == w[1]).map(|w| w[0]) else {
                continue;
            };
            let (as_narrow, as_wide) = (l.width, l.width + n);
            if as_wide.abs_diff(col) <= 1 && as_narrow + 2 <= col {
                wide += 1;
            } else if as_narrow.abs_diff(col) <= 1 && as_wide >= col + 2 {
                narrow += 1;
            }
        }
        if narrow > wide { Ambiguous::Narrow } else { Ambiguous::Wide }
    }
}

/// Gives each line its role from its own form, splitting opening bylines
/// from the text that follows them on the same line.
/// `wide`: the page prints the ambiguous characters two columns wide
/// ([`Ambiguous`]).
fn classify(lines: &mut Vec<Line>, wide: bool) {
    let mut i = 0;
    while i < lines.len() {
        if lines[i].role != Role::Text {
            // Already taken by a caption above.
            i += 1;
            continue;
        }
        // `张稳科主持 本报讯（记者 刘洋） 11月12日，…`: an extractor glued the
        // opening byline to the end of the line before it; the byline
        // starts a line of its own.
        let mut marks = Marks::of(&lines[i].text);
        if marks.has(Marks::BAO_SHE)
            && let Some(at) = glued_byline(&lines[i].text, lines.get(i + 1).map(|l| l.text.as_str()))
        {
            let mut rest = lines[i].clone();
            rest.text = lines[i].text[at..].to_string();
            rest.indented = false;
            rest.lead_space = false;
            lines[i].text = lines[i].text[..at].trim_end().to_string();
            // Each part is as wide as its own text (the glued line was
            // wider than any line of the column).
            for l in [&mut lines[i], &mut rest] {
                l.width = normalize::width(&l.text) + if wide { normalize::ambiguous(&l.text) } else { 0 };
                l.text_width = l.width;
                l.justified = false;
            }
            lines.insert(i + 1, rest);
            marks = Marks::of(&lines[i].text);
        }
        // `…持续为发展注入强大动力。（下转5` / `版）`, `…仪式。（下` /
        // `转4版）`: a jump mark wrapped over two lines is put back together.
        if let Some(next) = lines.get(i + 1)
            && next.role == Role::Text
            && next.text.len() <= 24
            && next.text.ends_with(['）', ')'])
            && next.text.contains('版')
            && let Some(open) = open_jump_head(&lines[i].text)
            && JUMP.find(&format!("{}{}", &lines[i].text[open..], next.text)).is_some_and(|m| m.start() == 0)
        {
            let tail = lines.remove(i + 1).text;
            lines[i].text.push_str(&tail);
            marks = Marks::of(&lines[i].text);
        }
        if !may_have_form(&lines[i].text, marks) {
            // Only a banner is left for a line that opens and ends like
            // running text (no copy of its text needed to tell).
            if is_banner(&lines[i].text, marks) {
                lines[i].role = Role::Banner;
            }
            i += 1;
            continue;
        }
        // `新华社成都10月` / `14日电国家卫生健康…`: a dateline wrapped over
        // two lines is put back on the first.
        if let Some(next) = lines.get(i + 1)
            && next.role == Role::Text
            && let Some(cut) = wrapped_dateline(&lines[i].text, &next.text)
        {
            let tail = lines[i + 1].text[..cut].to_string();
            lines[i + 1].text = lines[i + 1].text[cut..].trim_start().to_string();
            lines[i].text.push_str(&tail);
        }
        let text = lines[i].text.clone();
        if let Some((byline, rest)) = split_byline(&text) {
            let (mut byline, rest) = complete_byline(byline, rest, lines, i);
            // `新华社北京11月3日电` / `（记者 刘敏） 国家统计局…`: the reporters
            // printed at the start of the next line belong to the dateline.
            if rest.is_empty()
                && byline.ends_with('电')
                && let Some(next) = lines.get_mut(i + 1)
                && next.role == Role::Text
            {
                if let Some(m) = XINHUA_REPORTERS.find(&next.text) {
                    byline.push_str(m.as_str().trim());
                    next.text = next.text[m.end()..].trim().to_string();
                } else if next.text.starts_with(['（', '('])
                    && next.text.chars().count() <= 20
                    && next.text.contains("记者")
                    && !next.text.contains(['）', ')'])
                {
                    // `（记者 乔英 石芳 石` / `霞）…`: the reporters wrapped
                    // onto a third line.
                    let reporters = std::mem::take(&mut next.text);
                    let (joined, _) = complete_byline(format!("{byline}{reporters}"), String::new(), lines, i + 1);
                    byline = joined;
                }
            }
            let mut rest = rest;
            if rest.is_empty() && byline.starts_with(BOXES) {
                // (A letter-spaced line has lost the spaces between names.)
                let at = if lines[i].justified { None } else { boxed_text_start(&byline) };
                if let Some(at) = at {
                    // `□ 本报记者 梁强伟 国务院联防联控机制今天`: the text
                    // runs on after the names.
                    rest = byline[at..].to_string();
                    byline.truncate(at);
                    byline.truncate(byline.trim_end().len());
                } else if let Some(next) = lines.get_mut(i + 1)
                    && next.role == Role::Text
                {
                    let last_alone = byline.rsplit(' ').next().is_some_and(|t| t.chars().count() == 1);
                    if is_names_line(&next.text, if last_alone { 1 } else { 2 }) {
                        // `□ 本报记者 苏志艳` / `廖浩炜`: the last name on a
                        // line of its own (`邱` / `德`: broken inside).
                        if !last_alone {
                            byline.push(' ');
                        }
                        byline.push_str(&std::mem::take(&mut next.text));
                    } else if let Some((own, cut)) = name_tail(&byline, &next.text) {
                        // `□ 本报记者 吴欣 尹明` / `思 国家主席…`: a name
                        // broken at the line's end, its tail set apart from
                        // the text by a space (or glued to a number); or a
                        // whole name there (`武治英 十四届…`).
                        if own {
                            byline.push(' ');
                        }
                        byline.push_str(&next.text[..cut]);
                        next.text = next.text[cut..].trim_start().to_string();
                    }
                }
            }
            lines[i].role = Role::Byline { byline };
            // `本报讯（记者 …）…通电话。（下转3版）`: a whole paragraph after
            // the byline, the jump mark at its end.
            let jump = glued_jump(&rest);
            lines[i].text = rest;
            if let Some(at) = jump {
                split_jump(lines, i, at);
            }
            // A line whose text all went into the byline is gone (an empty
            // line could be read as anything, a headline included).
            while lines.get(i + 1).is_some_and(|l| l.role == Role::Text && l.text.is_empty()) {
                lines.remove(i + 1);
            }
        } else if let Some(m) = continued_mark_end(&text) {
            let rest = text[m..].trim().to_string();
            lines[i].text = text[..m].to_string();
            lines[i].role = Role::Continued;
            if !rest.is_empty() {
                let mut extra = lines[i].clone();
                extra.text = rest;
                extra.role = Role::Text;
                lines.insert(i + 1, extra);
            }
        } else if text.ends_with(['）', ')'])
            && text.contains('版')
            && text.chars().count() <= 12
            && JUMP.find(&text).is_some_and(|m| m.start() == 0)
        {
            lines[i].role = Role::Jump;
        } else if is_trail_byline(&text) {
            lines[i].role = Role::TrailByline;
        } else if let Some((at, joined)) = wrapped_trailing_names(&text, lines.get(i + 1).map(|l| l.text.as_str())) {
            // `…出动车辆45台。（李鹏` / `飞）`: the byline closes on the next line.
            let mut trail = lines[i].clone();
            trail.text = joined;
            trail.role = Role::TrailByline;
            lines[i].text = text[..at].trim_end().to_string();
            lines.remove(i + 1);
            lines.insert(i + 1, trail);
            i += 1;
        } else if let Some(at) = glued_jump(&text) {
            // `…2000余名运动员参赛。（下转2版）`: the jump mark on its own.
            split_jump(lines, i, at);
            i += 1;
        } else if let Some(at) = trailing_names(&text) {
            // `…现场达成就业意向320人。（李鹏飞）`: the sentence, then the
            // byline that closes the item, as two lines.
            let mut trail = lines[i].clone();
            trail.text = text[at..].to_string();
            trail.role = Role::TrailByline;
            lines[i].text = text[..at].trim_end().to_string();
            lines.insert(i + 1, trail);
            i += 1;
        } else if text.starts_with(['图', '上', '下', '左', '右', '组']) && CAPTION_START.is_match(&text)
            || text.starts_with(['▲', '△']) && credit_within_caption(lines, i)
        {
            // (`▲交城县的梨花竞相绽放。 通讯员 武斌 摄`: a triangle opens a
            // caption when a photo credit closes it; as a bullet it does not.)
            mark_caption(lines, i);
        } else if is_photo_credit(&text) {
            lines[i].role = Role::PhotoCredit;
        } else if text.ends_with(['作', '绘', '画']) && CARTOON.is_match(&text) && text.chars().count() <= 40 {
            lines[i].role = Role::Cartoon;
        } else if is_banner(&text, Marks::of(&text)) {
            lines[i].role = Role::Banner;
        }
        i += 1;
    }
}

/// Can the line be told by its form as something other than a banner?
/// A cheap test of how it opens and ends that every form but the banner
/// needs to pass ([`classify`]'s tests before [`is_banner`]): a byline,
/// a continuation or caption opening; a bracket, credit or cartoon ending;
/// a bracket inside (a byline wrapped onto the next line).
fn may_have_form(text: &str, marks: Marks) -> bool {
    const OPENS: [char; 22] = [
        '本', '据', '新', '中', '人', '央', '□', '■', '◆', '●', '▲', '△', '★', '【', '（', '(', '图', '上', '下', '左',
        '右', '组',
    ];
    marks.has(Marks::BRACKET) || text.starts_with(OPENS) || text.ends_with(['）', ')', '摄', '作', '绘', '画'])
}

/// Which of the characters [`classify`]'s first tests look for a line
/// holds, found in one pass over it (instead of a search for each).
#[derive(Clone, Copy)]
struct Marks(u8);

impl Marks {
    /// An opening bracket, `（` or `(`.
    const BRACKET: u8 = 1;
    /// `转` (a jump mark).
    const TURN: u8 = 2;
    /// `报` or `社`: every opening byline [`glued_byline`] finds holds one
    /// (`本报`, `新华社`, `中新社`).
    const BAO_SHE: u8 = 4;
    /// One of the characters every banner holds ([`is_banner`]).
    const BANNER: u8 = 8;
    /// A full-width comma (no banner holds one).
    const COMMA: u8 = 16;
    /// A colon, `：` or `:` (every label [`is_web_furniture`] finds holds one).
    const COLON: u8 = 32;
    /// A full stop, `。` (no masthead's small print holds one).
    const STOP: u8 = 64;
    /// `号`, `C` or `c`: every serial number [`is_masthead_furniture`]
    /// finds holds one (`刊号`, `CN 14-0040`).
    const SERIAL: u8 = 128;

    /// The characters marked that are not ASCII (all of them encoded in
    /// three bytes).
    const WIDE: [char; 16] =
        ['（', '转', '报', '社', '编', '校', '版', '期', '年', '农', '闻', '政', '，', '：', '。', '号'];

    /// The low six bits of the code points of [`Marks::WIDE`], as a set: a
    /// character encoded in three bytes keeps them in its last byte, so a
    /// character whose last byte is not in the set is none of them.
    const WIDE_LOW_BITS: u64 = {
        let mut set = 0u64;
        let mut k = 0;
        while k < Marks::WIDE.len() {
            set |= 1 << (Marks::WIDE[k] as u32 & 0x3F);
            k += 1;
        }
        set
    };

    /// The mark of one character (0 for most).
    fn of_char(c: char) -> u8 {
        match c {
            '（' | '(' => Marks::BRACKET,
            '转' => Marks::TURN,
            '报' | '社' => Marks::BAO_SHE,
            '编' | '校' | '版' | '期' | '年' | '农' | '闻' | '政' => Marks::BANNER,
            '，' => Marks::COMMA,
            '：' | ':' => Marks::COLON,
            '。' => Marks::STOP,
            '号' | 'C' | 'c' => Marks::SERIAL,
            _ => 0,
        }
    }

    fn of(text: &str) -> Marks {
        let b = text.as_bytes();
        let mut m = 0;
        let mut i = 0;
        // (On the bytes: most characters are three-byte ones none of the
        // marked, told by their last byte alone without being decoded;
        // two- and four-byte characters are never marked.)
        while let Some(&lead) = b.get(i) {
            let len = match lead {
                0..0x80 => 1,
                0x80..0xE0 => 2,
                0xE0..0xF0 => 3,
                _ => 4,
            };
            let maybe = match len {
                1 => true,
                // (A valid string has the continuation bytes.)
                3 => Marks::WIDE_LOW_BITS >> (b[i + 2] & 0x3F) & 1 == 1,
                _ => false,
            };
            if maybe && let Some(c) = text[i..].chars().next() {
                m |= Marks::of_char(c);
            }
            i += len;
        }
        Marks(m)
    }

    fn has(self, mark: u8) -> bool {
        self.0 & mark != 0
    }
}

re!(
    TRAIL_NAMES,
    r"[。！？”](\s*[（(](?:(?:本报)?(?:记者|通讯员|实习生)\s*)?[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}〇·]{2,4}(?:\s+(?:(?:记者|通讯员|实习生)\s*)?[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}〇·]{2,4}){0,5}[）)])$"
);

/// Where a byline closing a text begins, as the line roles read one: the
/// whole text (`（董艳婷）`, `（记者 王芳 李明）`: `Some(0)`), or names
/// bracketed after its last sentence (`…现场达成就业意向320人。（李鹏飞）`,
/// a notice's date signed `2023年5月8日（乔茜 汤敏）`). A note in brackets
/// (`（扩大）`, `（排名不分先后）`) is none. The PDF reader asks this of an
/// item's last paragraph, so both front ends sign items alike.
pub(crate) fn closing_byline_at(text: &str) -> Option<usize> {
    if is_trail_byline(text) { Some(0) } else { trailing_names(text) }
}

/// Is the whole text a byline of names in brackets (`（董艳婷）`,
/// `（记者 王芳 李明）`), not a note (`（扩大）`)?
fn is_trail_byline(text: &str) -> bool {
    text.starts_with(['（', '(']) && text.ends_with(['）', ')']) && TRAIL.is_match(text) && names_only(text)
}

/// Where a continuation mark opening a text ends (`（上接1版）`,
/// `（接第2版）`), if the text opens with one.
pub(crate) fn continued_mark_end(text: &str) -> Option<usize> {
    if !text.starts_with(['（', '(']) {
        return None;
    }
    CONTINUED.find(text).map(|m| m.end())
}

/// Where a jump mark printed at the end of a sentence begins
/// (`…2000余名运动员参赛。（下转2版）`), if the line ends with one.
fn glued_jump(text: &str) -> Option<usize> {
    if !(text.ends_with(['）', ')']) && text.contains('版')) {
        return None;
    }
    JUMP.find(text).map(|m| m.start()).filter(|&at| at > 0 && is_sentence_end(text[..at].trim_end()))
}

/// Sets the jump mark at byte `at` of line `i` apart as a line of its own
/// after it.
fn split_jump(lines: &mut Vec<Line>, i: usize, at: usize) {
    let mut jump = lines[i].clone();
    jump.text = lines[i].text[at..].to_string();
    jump.role = Role::Jump;
    let kept = lines[i].text[..at].trim_end().len();
    lines[i].text.truncate(kept);
    lines.insert(i + 1, jump);
}

/// Where a jump mark left open at the end of a line begins (`…仪式。（下`,
/// `…动力。（下转5`): an opening bracket among the line's last five
/// characters with no closing one after it.
fn open_jump_head(text: &str) -> Option<usize> {
    let (open, _) = text.char_indices().rev().take(5).find(|&(_, c)| matches!(c, '（' | '(' | '）' | ')'))?;
    text[open..].starts_with(['（', '(']).then_some(open)
}

/// Where a byline of names printed at the end of a sentence begins
/// (`…320人。（李鹏飞）`, `…。（记者 王 李明）`), if the line ends with one.
fn trailing_names(text: &str) -> Option<usize> {
    if !text.ends_with(['）', ')']) {
        return None;
    }
    // A notice's date signed as a text is (`2023年5月8日（乔茜 汤敏）`): the
    // date closes the notice, the names sign it.
    if let Some(at) = text.rfind(['（', '('])
        && at > 0
        && is_date_line(text[..at].trim_end())
        && names_only(&text[at..])
        && !["星期", "农历", "上午", "下午", "晚", "时"].iter().any(|w| text[at..].contains(w))
    {
        return Some(at);
    }
    let c = TRAIL_NAMES.captures(text)?;
    let m = c.get(1)?;
    if !names_only(m.as_str()) {
        return None;
    }
    Some(m.start() + (m.as_str().len() - m.as_str().trim_start().len()))
}

/// Is a bracketed text a list of names (`（董艳婷）`, `（记者 王 李明）`)
/// rather than a note (`（扩大）`, `（排名不分先后）`)? Each word, once
/// `记者`/`通讯员` is set aside, has two to four characters.
fn names_only(bracketed: &str) -> bool {
    let inner = bracketed.trim().trim_start_matches(['（', '(']).trim_end_matches(['）', ')']);
    // Words that are not names: `（扩大）`, `（试行）`, `（完）`.
    let not_names = [
        "扩大", "试行", "草案", "节选", "摘要", "续完", "待续", "全文", "删节", "图文", "排名", "先后", "以下", "单位",
        "名单",
    ];
    if not_names.iter().any(|w| inner.contains(w)) {
        return false;
    }
    let mut words = 0;
    for w in inner.split_whitespace() {
        // (`文/图`, `图／文`, `摄影`: who wrote or photographed, not a name.)
        if ["文/图", "图/文", "文／图", "图／文", "文", "图", "摄影"].contains(&w) {
            continue;
        }
        let w =
            ["本报记者", "特约记者", "记者", "通讯员", "实习生"].iter().fold(w, |w, r| w.strip_prefix(r).unwrap_or(w));
        if w.is_empty() {
            continue;
        }
        let n = w.chars().count();
        if !(2..=4).contains(&n) {
            return false;
        }
        words += 1;
    }
    words > 0
}

re!(
    OPEN_NAMES,
    r"[。！？”](\s*[（(](?:(?:本报)?(?:记者|通讯员|实习生)\s*)?[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}〇·\s]{1,12})$"
);
re!(CLOSE_NAMES, r"^([\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}〇·\s]{1,12}[）)])");

/// A byline of names opened after the last sentence and closed on the
/// next line (`…45台。（李鹏` + `飞）`, a name broken; `…生命线。（魏娟军` +
/// `张峰）`, broken between two names): where it begins on this line, and
/// the byline put back together (the next line must close it whole).
fn wrapped_trailing_names(text: &str, next: Option<&str>) -> Option<(usize, String)> {
    let next = next?;
    if !next.ends_with(['）', ')']) || !text.contains(['（', '(']) {
        return None;
    }
    let m = OPEN_NAMES.captures(text)?.get(1)?;
    let tail = CLOSE_NAMES.captures(next)?.get(1)?.as_str();
    if tail.len() != next.len() {
        return None;
    }
    let head = m.as_str().trim();
    let joined = [format!("{head}{tail}"), format!("{head} {tail}")].into_iter().find(|j| names_only(j))?;
    Some((m.start() + (m.as_str().len() - m.as_str().trim_start().len()), joined))
}

/// True when a line alone reads as page furniture, as the loader's line
/// roles read it: a running head naming the editors, a page number with a
/// date, a masthead's small print (`今日8版`, serial numbers), web labels.
pub fn is_banner_text(text: &str) -> bool {
    is_banner(text, Marks::of(text))
}

/// Page furniture: a running head naming the editors, or the page number
/// with a date or weekday (`2023年11月4日 星期六 第2版 要闻`); `marks`:
/// the text's [`Marks`].
fn is_banner(text: &str, marks: Marks) -> bool {
    if is_web_furniture(text, marks) || is_masthead_furniture(text, marks) {
        return true;
    }
    // (Cheapest first: every editor's title and page mark below holds one
    // of the `BANNER` characters.)
    if !marks.has(Marks::BANNER) || marks.has(Marks::COMMA) || text.len() > 60 && text.chars().count() > 60 {
        return false;
    }
    if is_sentence_end(text) {
        return false;
    }
    // (Cheap checks first: every editor's title holds 编, 校 or 版; every
    // page mark one of 版, 期, 年, 农, 闻 or 政, so two marks hold two.)
    const PAGE_MARKS: [char; 6] = ['版', '期', '年', '农', '闻', '政'];
    (text.contains('编') || text.contains('校') || text.contains('版')) && BANNER_EDITOR.is_match(text)
        || text.chars().filter(|c| PAGE_MARKS.contains(c)).nth(1).is_some() && BANNER_PAGE.find_iter(text).count() >= 2
}

re!(WEB_LABEL, r"(?:来源|发布时间|发布日期|发表时间|作者|编辑|责任编辑|浏览次数|浏览量|点击数|阅读数|字号)\s*[：:]");
re!(BREADCRUMB, r"^(?:首页|主页|当前位置|您的位置|你的位置|您现在的位置)\s*[：:>＞»›]");

/// A web page's furniture copied with its article: the line of labels
/// (`来源：… 发布时间：… 作者：… 浏览次数：…`, two labels or more) and the
/// breadcrumb (`首页 > 新闻中心 > 本地要闻`); `marks`: the text's [`Marks`].
fn is_web_furniture(text: &str, marks: Marks) -> bool {
    // (Cheap checks first: every label holds `：` or `:`, every
    // breadcrumb opens with one of these.)
    (marks.has(Marks::COLON) && two_colons(text) && WEB_LABEL.find_iter(text).nth(1).is_some())
        || (text.starts_with(['首', '主', '当', '您', '你']) && BREADCRUMB.is_match(text))
}

/// Does `text` hold two colons (`：` or `:`)? Two labels [`WEB_LABEL`]
/// finds end with one each. (Found on the bytes: `:` is one byte, `：` is
/// EF BC 9A.)
fn two_colons(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(b':', 0x9A, b)
        .filter(|&i| b[i] == b':' || i >= 2 && b[i - 2] == 0xEF && b[i - 1] == 0xBC)
        .nth(1)
        .is_some()
}

re!(PAGE_COUNT, r"今日\s*[0-9０-９一二三四五六七八九十]+\s*版");
re!(SERIAL_NUMBER, r"连续出版物号|国内统一刊号|邮发代号|(?i:CN)\s*[0-9]{2}\s*[-－–]\s*[0-9]{4}");

/// The small print of a front page's masthead, on a line of its own:
/// the page count (`今日8版`) and the paper's serial numbers
/// (`国内统一连续出版物号 CN 14-0040`, `国内统一刊号`, `邮发代号 21-30`). A sentence that
/// names them (it holds a comma or a full stop) is not furniture.
fn is_masthead_furniture(text: &str, marks: Marks) -> bool {
    text.len() <= 90
        && !marks.has(Marks::COMMA)
        && !marks.has(Marks::STOP)
        && (marks.has(Marks::BANNER) && text.contains('版') && PAGE_COUNT.is_match(text)
            || marks.has(Marks::SERIAL) && SERIAL_NUMBER.is_match(text))
}

/// A photo credit alone on a line (`记者 侯利军 摄`), or in brackets
/// (`（新华社发 吴勇 摄）`).
fn is_photo_credit(text: &str) -> bool {
    if text.chars().count() > 26 {
        return false;
    }
    match bracketed_credit(text) {
        Some(at) => at == 0,
        None => text.ends_with('摄') && PHOTO_CREDIT.is_match(text),
    }
}

/// Where a photo credit in brackets closing the text begins
/// (`…若隐若现。（新华社发 吴勇 摄）`, `（本报记者 李四 摄）`): the brackets
/// set it apart, no space is needed before it.
fn bracketed_credit(text: &str) -> Option<usize> {
    let inner = text.strip_suffix(['）', ')'])?;
    let open = inner.rfind(['（', '('])?;
    let credit = inner[open..].trim_start_matches(['（', '(']).trim();
    (credit.ends_with('摄') && PHOTO_CREDIT.is_match(credit)).then_some(open)
}

/// Where an opening byline (`本报讯（…）`, `新华社…电`) starts after a space
/// inside a line (or right after a closing quote or bracket, whose space
/// is not kept: `坚决反对“台独”本报讯（…`), with text before it that does
/// not end a sentence; the byline must be followed by a bracket or by text,
/// or be a dateline that `next` (the next line) completes
/// (`…总统 新华社香港1月10` / `日电…`).
fn glued_byline(text: &str, next: Option<&str>) -> Option<usize> {
    if !(text.contains("本报") || text.contains("新华社") || text.contains("中新社")) {
        return None;
    }
    let wraps = |rest: &str| next.is_some_and(|n| wrapped_dateline(rest, n).is_some());
    let at = text.char_indices().find_map(|(k, c)| {
        let rest = &text[k + c.len_utf8()..];
        if BOXES.contains(&c) {
            // (The space before a box is not kept in a line's text.)
            return (k > 0 && is_boxed_byline(&text[k..])).then_some(k);
        }
        let apart = c.is_whitespace() || "”’》）)」』".contains(c);
        (apart && k > 0 && (BENBAO.is_match(rest) || XINHUA.is_match(rest) || wraps(rest))).then(|| k + c.len_utf8())
    })?;
    let before = text[..at].trim_end();
    let after = &text[at..];
    // (`国家卫生健康委通报最新疫情 □ 本报记者 邵伟`: a boxed byline after a
    // headline.)
    let boxed = after.starts_with(BOXES) && is_boxed_byline(after);
    let bracketed = BENBAO.find(after).is_some_and(|m| after[m.end()..].trim_start().starts_with(['（', '(']))
        || XINHUA.is_match(after)
        || wraps(after)
        || boxed;
    // (`…产业集群发展。 □ 本报记者 张三 李四`: a boxed byline naming the
    // reporters' role, the next item's, glued after the last sentence of
    // the item before: a box and a role after a full stop are no text.)
    let signed = boxed && BOXED_ROLE.is_match(after);
    (!before.is_empty() && (signed || !is_sentence_end(before)) && bracketed).then_some(at)
}

/// Splits an opening byline from the start of a line: returns (byline, rest).
pub fn split_byline(text: &str) -> Option<(String, String)> {
    // Every byline form opens with one of these (cheap check before the
    // regexes): `本报…`, `据…`, `新华社…`, `中新社…`, `人民网…`, `央视网…`, `□ …`.
    if !text.starts_with(['本', '据', '新', '中', '人', '央', '□', '■', '◆', '●', '▲', '★', '【']) {
        return None;
    }
    // (Each regex below is anchored at the line's start: one that cannot
    // open with the line's first character is not run.)
    if text.starts_with(['本', '【'])
        && let Some(m) = BENBAO.find(text)
    {
        let mut end = m.end();
        let after = &text[end..];
        let after_trim = after.trim_start();
        if after_trim.starts_with(['（', '(']) {
            end += after.len() - after_trim.len();
            match after_trim.find(['）', ')']) {
                Some(close) => {
                    let close_len = after_trim[close..].chars().next().map_or(1, char::len_utf8);
                    end += close + close_len;
                }
                None => end = text.len(),
            }
        }
        return Some((text[..end].trim().to_string(), text[end..].trim().to_string()));
    }
    if text.starts_with(['据', '新', '中', '人', '央', '本'])
        && let Some(m) = XINHUA.find(text)
    {
        let mut end = m.end();
        let after = text[end..].trim_start();
        if let Some(r) = XINHUA_REPORTERS.find(&text[end..]) {
            end += r.end();
        } else if let Some(inside) = after.strip_prefix(['（', '('])
            && (inside.starts_with("记者") || !inside.is_empty() && "记者".starts_with(inside) || inside.is_empty())
            && !inside.contains(['）', ')'])
        {
            // `新华社太原5月8日电（记者 王学` / `涛）…`, `…电（记` / `者 王学涛）…`:
            // the bracket closes on the next line.
            end = text.len();
        }
        return Some((text[..end].trim().to_string(), text[end..].trim().to_string()));
    }
    let boxed = text.starts_with(BOXES);
    if (boxed && is_boxed_byline(text) || text.starts_with('本') && REPORTER_LINE.is_match(text))
        && text.chars().count() <= 26
    {
        return Some((text.to_string(), String::new()));
    }
    if !boxed {
        // (The forms below all open with a box.)
        return None;
    }
    // `□ 本报记者 康凯4月1日出版的…`, `□ 本报评论员“五一”假期…`: the text
    // glued to the byline (the space before a number or a quote dropped);
    // a word after the names that is no name is the text's too.
    if let Some(c) = BOXED_GLUED.captures(text) {
        let (Some(b), Some(r)) = (c.get(1), c.get(2)) else { return None };
        let (b, r) = (b.as_str().trim(), r.as_str().trim());
        return Some(match boxed_text_start(b) {
            Some(at) => (b[..at].trim_end().to_string(), format!("{}{r}", &b[at..])),
            None => (b.to_string(), r.to_string()),
        });
    }
    // `□ 本报评论员 生态环境没有替代品，…`: the byline and the text on one line.
    if let Some(c) = BOXED_WITH_TEXT.captures(text) {
        let (Some(b), Some(r)) = (c.get(1), c.get(2)) else { return None };
        return Some((b.as_str().trim().to_string(), r.as_str().trim().to_string()));
    }
    // `□ 本报记者 马桂 俄罗斯总统普京14日在`: a word after the names that is
    // no name opens the text (a space after the role: a letter-spaced line
    // has lost the spaces that tell).
    if let Some(m) = BOXED_ROLE.find(text)
        && text[m.end()..].starts_with(' ')
        && let Some(at) = boxed_text_start(text)
    {
        return Some((text[..at].trim_end().to_string(), text[at..].trim().to_string()));
    }
    None
}

/// Where a dateline (`新华社成都10月14日电`, `本报北京1月5日电`) that starts
/// line `text` and breaks off before its `电` ends on the next line: the
/// byte length of `next`'s part that completes it.
fn wrapped_dateline(text: &str, next: &str) -> Option<usize> {
    // (Cheap checks first: every dateline `XINHUA` knows opens with one of
    // these characters.)
    if !text.starts_with(['新', '本', '据', '中', '人', '央']) || text.contains('电') || text.chars().count() > 24
    {
        return None;
    }
    // (A dateline ends with `电` or `電`, within the next line's first
    // twelve characters as asked below: no text to join without one.)
    if !next.chars().take(12).any(|c| matches!(c, '电' | '電')) {
        return None;
    }
    let joined = format!("{text}{next}");
    let m = XINHUA.find(&joined)?;
    // The dateline must reach over the break, and end within the next
    // line's first few characters.
    let cut = m.end().checked_sub(text.len())?;
    (cut > 0 && next[..cut].chars().count() <= 12).then_some(cut)
}

/// A boxed byline (`□ 本报评论员`, `■ 本报记者 张三 李四`, `□ 张丽萍`): a box
/// and names, the first word a reporter's role or a name. A boxed line whose
/// first word is longer than a name and names no role is a subheading
/// (`■ 一片林子守了二十八年`), not a byline.
fn is_boxed_byline(text: &str) -> bool {
    if !BOXED.is_match(text) {
        return false;
    }
    let first = text.trim_start_matches(BOXES).split_whitespace().next().unwrap_or("");
    const ROLES: [&str; 9] = ["本报", "本報", "记者", "記者", "评论员", "評論員", "通讯员", "通訊員", "特约"];
    let n = first.chars().filter(|&c| c != '·').count();
    ROLES.iter().any(|r| first.contains(r)) || (2..=4).contains(&n) || (first.contains('·') && n <= 10)
}

/// `pattern` with its `BOX` standing for the characters of [`BOXES`] (one list
/// of the marks for the code and the patterns).
fn boxed(pattern: &str) -> String {
    pattern.replace("BOX", &BOXES.iter().collect::<String>())
}

/// Where text starts inside a boxed byline line: the first word after the
/// reporters' role longer than a name (`□ 本报记者 侯子欣 据美国全国广播公司`),
/// or after a first name one that opens with no common surname
/// (`□ 本报记者 江建 国家` / `卫生健康委今天…`).
fn boxed_text_start(byline: &str) -> Option<usize> {
    let role = ["记者", "评论员", "通讯员"].iter().filter_map(|r| byline.find(r).map(|p| p + r.len())).min()?;
    // A commentator (`本报评论员`) signs no names: the first word after the
    // role is a name only if it opens with a surname.
    let commentator = byline[..role].ends_with("评论员");
    let mut at = role;
    let mut names = 0;
    for word in byline[role..].split(' ') {
        let surname = word.chars().next().is_some_and(normalize::is_surname);
        if word.chars().count() > 4 || ((names > 0 || commentator) && !word.is_empty() && !surname) {
            return Some(at);
        }
        names += usize::from(!word.is_empty());
        at += word.len() + 1;
    }
    None
}

/// The names a boxed byline line (`byline`) carries on to the start of the
/// next line, before its text: the tail of a name broken at the line's end,
/// one or two Chinese characters set apart from the text by a space
/// (`思 国家主席…`) or one character alone on the line (`雪`); or, after a whole name, another whole
/// name opening with a common surname (`武治英 十四届…`). Returns whether it
/// is a name of its own (set apart by a space) and its byte length.
fn name_tail(byline: &str, next: &str) -> Option<(bool, usize)> {
    let last = byline.rsplit(' ').next().map_or(0, |t| t.chars().count());
    let mut cs = next.chars();
    let first = cs.next().filter(|&c| is_han(c))?;
    if cs.next().is_none() {
        // One character alone on the line.
        return (last < 4).then_some((false, next.len()));
    }
    let (word, text) = next.split_once(' ')?;
    let n = word.chars().count();
    if text.is_empty() || !word.chars().all(is_han) {
        return None;
    }
    if (2..=3).contains(&n) && last >= 2 && normalize::is_surname(first) {
        return Some((true, word.len()));
    }
    (n <= 2 && last + n <= 4).then_some((false, word.len()))
}

/// A line holding only one to three personal names (`廖浩炜`, `张三 李四`),
/// the first at least `first_min` characters long (one for the tail of a
/// name broken at the line before: `邱` / `德`). A whole name opens with a
/// common surname (`国务院 今天发布` is text), or holds a `·`.
fn is_names_line(text: &str, first_min: usize) -> bool {
    let names: Vec<&str> = text.split(' ').collect();
    names.len() <= 3
        && names.iter().enumerate().all(|(k, n)| {
            let least = if k == 0 { first_min } else { 2 };
            let whole = !(k == 0 && first_min < 2);
            (least..=4).contains(&n.chars().count())
                && n.chars().all(|c| is_han(c) || c == '·')
                && (!whole || n.contains('·') || n.chars().next().is_some_and(normalize::is_surname))
        })
}

/// A byline whose bracket is not closed on its line (`本报讯（记者 冯凯治`)
/// continues on the next line up to the closing bracket; that part moves
/// into the byline.
fn complete_byline(byline: String, rest: String, lines: &mut [Line], i: usize) -> (String, String) {
    let open = byline.matches(['（', '(']).count();
    let close = byline.matches(['）', ')']).count();
    let justified = lines[i].justified;
    let finish = |b: String| if justified { normalize::restore_byline_spaces(&b) } else { b };
    if open <= close || i + 1 >= lines.len() {
        return (finish(byline), rest);
    }
    let next = lines[i + 1].text.clone();
    let Some(pos) = next.find(['）', ')']) else {
        // `本报讯（记者 付永` / `文 通讯员 卫海平 解德` / `智）…`: a line of
        // names only, the bracket closing on the line after it.
        let closes = lines.get(i + 2).is_some_and(|l| l.text.find(['）', ')']).is_some_and(|p| p <= 48));
        if closes && next.chars().count() <= 16 && names_run(&next) {
            let joined = join_names(&byline, &next, justified || lines[i + 1].justified);
            lines[i + 1].text.clear();
            return complete_byline(joined, rest, lines, i + 1);
        }
        return (finish(byline), rest);
    };
    if next[..pos].chars().count() > 16 {
        return (finish(byline), rest);
    }
    let close_len = next[pos..].chars().next().map_or(1, char::len_utf8);
    // A name broken over the lines (`李` / `琦）`) joins without a space; so
    // does a letter-spaced byline, whose spaces are put back afterwards.
    let last_token = byline.rsplit([' ', '（', '(']).next().unwrap_or("");
    // A name has two to four characters: one character alone on either
    // side of the break is part of the name across it (`张瑞` / `峰）`).
    let first_next = next[..pos].split(' ').next().unwrap_or("");
    let tight = justified
        || lines[i + 1].justified
        || last_token.chars().count() == 1
        || first_next.chars().count() == 1 && first_next.chars().all(is_han)
        || !byline.ends_with(|c: char| is_han(c));
    let joined = format!("{}{}{}", byline, if tight { "" } else { " " }, &next[..pos + close_len]);
    lines[i + 1].text = next[pos + close_len..].trim().to_string();
    (if justified || lines[i + 1].justified { normalize::restore_byline_spaces(&joined) } else { joined }, rest)
}

/// The most lines after its first a caption runs over to its credit (a
/// long caption in a narrow column: `图为…` over five lines, the credit on
/// a sixth); without a credit in reach, it runs over at most
/// [`CAPTION_PLAIN_LINES`] more lines.
const CAPTION_MORE_LINES: usize = 5;

/// The most lines after its first a caption with no credit in reach runs
/// over, to the end of its first sentence.
const CAPTION_PLAIN_LINES: usize = 3;

/// A line of reporters' names only, as a byline's bracket holds them
/// (`文 通讯员 卫海平 解德`): words of one to four Chinese characters, a
/// role (`记者`, `通讯员`, `实习生`) set before a name or apart.
fn names_run(text: &str) -> bool {
    const ROLES: [&str; 4] = ["本报记者", "记者", "通讯员", "实习生"];
    text.split(' ').all(|w| {
        let name = ROLES.iter().fold(w, |w, r| w.strip_prefix(r).unwrap_or(w));
        (name.is_empty() && !w.is_empty() || (1..=4).contains(&name.chars().count()))
            && name.chars().all(|c| is_han(c) || c == '·')
    })
}

/// A byline and the next part of its names, broken at a line's end: no
/// space where a name is broken (one character alone on either side of the
/// break, or a letter-spaced line), one between two whole words.
fn join_names(byline: &str, next: &str, tight: bool) -> String {
    let last = byline.rsplit([' ', '（', '(']).next().unwrap_or("");
    let first = next.split(' ').next().unwrap_or("");
    let tight = tight
        || last.chars().count() == 1
        || first.chars().count() == 1 && first.chars().all(is_han)
        || !byline.ends_with(|c: char| is_han(c));
    format!("{byline}{}{next}", if tight { "" } else { " " })
}

/// Marks the caption starting at line `i`: it runs to the line that ends
/// with a photo credit (`… 摄`, [`caption_credit_line`]); without a credit,
/// to the end of its first sentence, over at most [`CAPTION_PLAIN_LINES`]
/// more lines.
fn mark_caption(lines: &mut [Line], i: usize) {
    lines[i].role = Role::Caption { first: true };
    if ends_with_credit(&lines[i].text) {
        return;
    }
    if let Some(end) = caption_credit_line(lines, i) {
        for l in &mut lines[i + 1..=end] {
            l.role = Role::Caption { first: false };
        }
        return;
    }
    let mut j = i + 1;
    let mut sentence_done = is_sentence_end(&lines[i].text);
    while j < lines.len() && j <= i + CAPTION_PLAIN_LINES {
        let t = &lines[j].text;
        if sentence_done || split_byline(t).is_some() {
            return;
        }
        lines[j].role = Role::Caption { first: false };
        sentence_done = is_sentence_end(t);
        j += 1;
    }
}

/// The line that closes with its photo credit the caption opening at line
/// `i`, within [`CAPTION_MORE_LINES`] more lines: a credit alone on its
/// line (its `摄` wrapped alone too) right after the caption's text, or a
/// line ending with one, a name broken across the seam
/// (`…新华社记者 王志` / `艳 摄`) included. None when the caption's sentence
/// ends first, or a byline comes.
fn caption_credit_line(lines: &[Line], i: usize) -> Option<usize> {
    let mut sentence_done = is_sentence_end(&lines[i].text);
    for j in i + 1..lines.len().min(i + CAPTION_MORE_LINES + 1) {
        let t = &lines[j].text;
        if is_photo_credit(t) || t == "摄" {
            return Some(j);
        }
        if sentence_done || split_byline(t).is_some() {
            return None;
        }
        if ends_with_credit(t) || t.ends_with('摄') && ends_with_credit(&format!("{}{t}", lines[j - 1].text)) {
            return Some(j);
        }
        sentence_done = is_sentence_end(t);
    }
    None
}

/// Whether the caption that line `i` would open ends in a photo credit
/// within the lines [`mark_caption`] takes ([`caption_credit_line`]).
fn credit_within_caption(lines: &[Line], i: usize) -> bool {
    ends_with_credit(&lines[i].text) || caption_credit_line(lines, i).is_some()
}

re!(
    CREDIT_TAIL,
    r"(?:^|[\s。！？”])((?:(?:本报|新华社|特约)?(?:记者|通讯员|实习生|摄影)\s*)?[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}〇·]{2,4}(?:\s+[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}〇·]{2,4}){0,3}\s*摄)$"
);

/// True when text ends with a photo credit such as `记者 王益炜 摄`.
pub fn ends_with_credit(text: &str) -> bool {
    credit_start(text).is_some()
}

/// Byte offset where a trailing photo credit begins.
pub fn credit_start(text: &str) -> Option<usize> {
    if text.ends_with(['）', ')']) {
        return bracketed_credit(text);
    }
    if !text.ends_with('摄') {
        return None;
    }
    let c = CREDIT_TAIL.captures(text)?;
    let m = c.get(1)?;
    // A credit is set apart by a space (or stands alone); `…的拍摄` is not one.
    let before = &text[..m.start()];
    if before.is_empty() || before.ends_with(char::is_whitespace) || m.as_str().contains(' ') {
        Some(m.start())
    } else {
        None
    }
}

/// A closing quote or bracket (`”’」』）)》`), printed after the sentence
/// it closes.
pub fn is_closing_mark(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '》')
}

/// A line that ends a sentence: `。！？…；：` possibly followed by closing
/// quotes or brackets.
#[inline]
pub fn is_sentence_end(text: &str) -> bool {
    // (Asked of every line several times over: a line broken mid-sentence
    // mostly ends on a Han ideograph (U+4E00–U+9FFF: E4 B8–BF or E5–E9,
    // then two more bytes), which is none of the marks nor space, told
    // here from its bytes; the rest is read out of line. In valid UTF-8 a
    // lead byte three bytes from the end is the last character's.)
    if let [.., x, y, _] = *text.as_bytes()
        && ((0xE5..=0xE9).contains(&x) || x == 0xE4 && y >= 0xB8)
    {
        return false;
    }
    sentence_end_by_last(text)
}

/// [`is_sentence_end`] for a line not ending on a Han ideograph.
fn sentence_end_by_last(text: &str) -> bool {
    // (Most lines end in a character that is neither space, a closing mark
    // nor a bracket: their last character alone tells.)
    if let Some(c) = text.chars().next_back()
        && !c.is_whitespace()
        && !(is_closing_mark(c) || matches!(c, '"' | '\''))
    {
        if c == '.' {
            return !decimal_point_cut(text);
        }
        return matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '…' | '：' | ':');
    }
    sentence_end_closed(text)
}

/// Does `text`, ending in `.`, end on a number's decimal point cut at
/// the line's end (`…外资1276.` / `9亿元`)? A Chinese sentence closes
/// with `。`, so a point right after a digit is a number running on into
/// the next line, not a full stop.
fn decimal_point_cut(text: &str) -> bool {
    let mut back = text.chars().rev();
    back.next() == Some('.') && back.next().is_some_and(|c| c.is_ascii_digit())
}

/// [`is_sentence_end`] for any line (one that ends in space, a closing
/// mark or a bracket included).
fn sentence_end_closed(text: &str) -> bool {
    // A note in brackets after the sentence (`…参赛。（下转2版）`,
    // `…入选。（排名不分先后）`) leaves it ended.
    let trimmed = text.trim_end();
    if trimmed.ends_with(['）', ')'])
        && let Some(open) = trimmed.rfind(['（', '('])
        && open > 0
        && trimmed[..open].trim_end().ends_with(['。', '！', '？', '!', '?'])
    {
        return true;
    }
    let t = text.trim_end_matches(['”', '’', '」', '』', '）', ')', '》', '"', '\'', ' ']);
    let closed_by_quote = t.len() != text.trim_end().len();
    match t.chars().last() {
        Some('。' | '！' | '？' | '!' | '?' | '；' | ';' | '…') => true,
        Some('：' | ':') => !closed_by_quote,
        Some('.') => !decimal_point_cut(t),
        _ => false,
    }
}

/// True for a line that is just a date (`2023年5月8日`), as printed at the
/// end of a notice.
pub fn is_date_line(text: &str) -> bool {
    text.ends_with('日') && DATE_LINE.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_read_into_the_strings_a_page_left_are_the_lines_read_afresh() {
        let long = "这是一行很长很长的正文，用来留下一个较大的字符串。\n".repeat(5000);
        let short = "短行\n\n  标题 Title\n正文第一行，\nab\n";
        let fresh: Vec<String> = read_lines(short).into_iter().map(|l| l.text).collect();
        recycle(read_lines(&long));
        SPARE_TEXTS.with_borrow(|s| assert!((1..=MAX_SPARE_TEXTS).contains(&s.len())));
        let again: Vec<String> = read_lines(short).into_iter().map(|l| l.text).collect();
        assert_eq!(again, fresh);
    }

    #[test]
    fn a_line_s_cjk_width_is_its_text_s_as_the_lines_are_read() {
        // Lines kept as read, letter-spaced, with quotes and an uncommon
        // character, and lines whose texts `classify` cuts and joins: an
        // opening byline glued to the line before, a jump mark and a
        // dateline wrapped over two lines, a closing byline after the
        // sentence, a byline's reporters on the next line.
        let made = "“春风”行动启动\n友 好 省 州 交 流\nCafé ① 展览开幕\n张稳科主持 本报讯（记者 刘洋） 11月12日，全县召开会议。\n\
                    会议强调要持续为发展注入强大动力。（下\n转4版）\n新华社成都10月\n14日电国家卫生健康委员会今天发布通知。\n\
                    现场达成就业意向320人。（李鹏飞）\n新华社北京11月3日电\n（记者 刘敏） 国家统计局今天发布数据。\n  “我们要……”他说。\n";
        let pages = crate::loader::BUNDLED.iter().map(|(_, t)| *t).chain([made]);
        for page in pages {
            for l in read_lines(page) {
                assert_eq!(l.cjk_width, normalize::width_cjk(&l.text), "{:?}", l.text);
            }
        }
    }

    #[test]
    fn a_sentence_end_read_from_the_last_bytes_is_the_one_read_from_the_text() {
        // Han ideographs at the ends of the block and next to it (the fast
        // path's), the marks, closing marks and brackets, space, and
        // characters of one, two and four bytes, alone and after text.
        let ends = "。|！|？|!|?|；|;|…|：|:|.|，|、|中|一|鿿|〇|㐀|豈|丶|䷿|ꀀ|”|’|」|』|）|)|》|\"|'| |\u{3000}|\u{2003}|é|𠀀|a|7|7.|。”|：”|。（下转2版）|（注）|。 |";
        for a in ends.split('|') {
            for b in ends.split('|') {
                for lead in ["", "会议", "2024"] {
                    let t = format!("{lead}{a}{b}");
                    assert_eq!(is_sentence_end(&t), sentence_end_closed(&t), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn marks_are_those_of_the_characters_read_one_by_one() {
        let reference = |t: &str| t.chars().fold(0, |m, c| m | Marks::of_char(c));
        for c in Marks::WIDE {
            assert_eq!(c.len_utf8(), 3);
            assert_ne!(Marks::of_char(c), 0, "{c}");
        }
        // Every character of the Basic Multilingual Plane, and some beyond,
        // alone and among others.
        let chars: Vec<char> = ('\0'..='\u{FFFF}').chain('\u{1F600}'..='\u{1F64F}').chain(['𠀀', '𪚥']).collect();
        for &c in &chars {
            let t = format!("吕{c}梁");
            assert_eq!(Marks::of(&t).0, reference(&t), "{c:?}");
            assert_eq!(
                Marks::of_char(c) != 0,
                c.is_ascii() && Marks::of_char(c) != 0 || Marks::WIDE.contains(&c),
                "{c:?}"
            );
        }
        for (_, page) in crate::loader::BUNDLED {
            for line in page.lines() {
                assert_eq!(Marks::of(line).0, reference(line), "{line}");
            }
        }
        let mixed: String = chars.iter().step_by(7).collect();
        assert_eq!(Marks::of(&mixed).0, reference(&mixed));
    }

    #[test]
    fn two_colons_counts_both_colons_and_nothing_else() {
        // (`业` is E4 B8 9A: its last byte is the last of `：`.)
        let cases = [
            ("来源：新华社 作者：张三", true),
            ("来源: 新华社 作者: 张三", true),
            ("来源：新华社 作者:张三", true),
            ("他说：好", false),
            ("业务：工作", false),
            ("业业业", false),
            ("", false),
        ];
        for (text, want) in cases {
            assert_eq!(two_colons(text), want, "{text}");
            assert_eq!(two_colons(text), text.matches(['：', ':']).count() >= 2, "{text}");
        }
    }

    #[test]
    fn byline_regexes_match_only_lines_opening_with_their_first_characters() {
        // split_byline runs each regex only on a line opening as it must.
        let bylines = [
            "本报讯（记者 张三）",
            "【本报讯】",
            "本报太原讯",
            "新华社北京11月3日电",
            "据新华社北京11月3日电",
            "中新社北京1月5日电",
            "人民网北京1月5日电",
            "央视网北京1月5日电",
            "本报北京1月5日电",
            "本报记者 张三 李四",
            "□ 本报记者 张三",
            "■ 本报评论员 生态环境没有替代品，要珍惜。",
            "◆ 本报记者 康凯4月1日出版的",
        ];
        let regexes: [(&Regex, &[char]); 7] = [
            (&BENBAO, &['本', '【']),
            (&XINHUA, &['据', '新', '中', '人', '央', '本']),
            (&REPORTER_LINE, &['本']),
            (&BOXED, &BOXES),
            (&BOXED_GLUED, &BOXES),
            (&BOXED_WITH_TEXT, &BOXES),
            (&BOXED_ROLE, &BOXES),
        ];
        let mut matched = 0;
        for (re, opens) in regexes {
            for b in bylines {
                for text in [b.to_string(), format!("在{b}"), format!(" {b}"), format!("（{b}")] {
                    if re.is_match(&text) {
                        matched += 1;
                        assert!(text.starts_with(opens), "{text}");
                    }
                }
            }
        }
        assert!(matched >= bylines.len(), "{matched}");
        for b in bylines {
            assert!(split_byline(b).is_some(), "{b}");
        }
    }

    #[test]
    fn masthead_small_print_is_told_with_its_marks() {
        for (text, furniture) in [
            ("今日8版", true),
            ("国内统一连续出版物号 CN 14-0040", true),
            ("国内统一刊号", true),
            ("邮发代号 21-30", true),
            ("cn 14-0040", true),
            ("今日8版。", false),
            ("邮发代号21-30，", false),
            ("吕梁日报社出版", false),
        ] {
            assert_eq!(is_masthead_furniture(text, Marks::of(text)), furniture, "{text}");
        }
    }

    #[test]
    fn split_lines_gives_what_split_gives() {
        let cases = [
            "",
            "\n",
            "\n\n",
            "吕梁",
            "吕梁\n",
            "\n吕梁",
            "本报讯 记者\n\n  十一月三日，\n全市召开会议。\n",
            "a\nb\n\n\nc",
            &"新闻\n".repeat(100),
        ];
        for text in cases {
            let want: Vec<&str> = text.split('\n').collect();
            assert_eq!(split_lines(text).collect::<Vec<_>>(), want, "{text:?}");
            assert_eq!(count_lines(text), want.len(), "{text:?}");
        }
    }

    fn roles(text: &str) -> Vec<(String, Role)> {
        read_lines(text).into_iter().map(|l| (l.text, l.role)).collect()
    }

    #[test]
    fn marks_tell_a_colon_as_a_search_for_one_would() {
        // (text, holds a colon): web furniture is looked for only with one.
        let cases = [
            ("来源：吕梁日报 发布时间：2023-11-04", true),
            ("作者:张华 编辑:李明", true),
            ("吕梁市召开全市经济工作会议", false),
            ("本报讯（记者 张华）近日，", false),
            ("", false),
        ];
        for (text, colon) in cases {
            assert_eq!(Marks::of(text).has(Marks::COLON), colon, "{text}");
            assert_eq!(Marks::of(text).has(Marks::COLON), text.contains(['：', ':']), "{text}");
        }
        assert!(is_web_furniture(
            "来源：吕梁日报 发布时间：2023-11-04",
            Marks::of("来源：吕梁日报 发布时间：2023-11-04")
        ));
        assert!(is_web_furniture("作者:张华 编辑:李明", Marks::of("作者:张华 编辑:李明")));
        assert!(!is_web_furniture("来源 吕梁日报 发布时间 2023", Marks::of("来源 吕梁日报 发布时间 2023")));
    }

    #[test]
    fn quotes_and_dashes_are_as_wide_as_the_page_prints_them() {
        // (page, how the page prints them, the width of its line 3)
        let cases = [
            // A Chinese font: the lines with quotes fill the 11-character
            // column only with each quote two columns wide.
            (
                "本报讯（记者 张华）近日，\n我市召开乡村振兴工作会\n议，市推进“千村示范”\n工程，打造“宜居之路”\n和“富民之路”，让越来\n越多农民享有幸福生活。\n",
                Ambiguous::Wide,
                22,
            ),
            // Half-width quotes: a line with four of them is as wide as
            // the plain lines around it counting them one column each.
            (
                "本报讯（记者 张华）近日，\n我市召开乡村振兴工作推进\n会议要求推进“千村示范”工\n程，打造“宜居之路”和“富\n民之路”，让越来越多农民\n享有幸福生活，日子越过越\n",
                Ambiguous::Narrow,
                24,
            ),
            // No line tells (the only quoted line is a short last line):
            // as Chinese text prints them.
            ("我市召开乡村振兴工作会\n议，全市推进乡村振兴工程\n，打造“宜居之路”。\n", Ambiguous::Wide, 20),
        ];
        for (page, measure, width) in cases {
            let lines = read_lines(page);
            let narrow = read_lines_narrow(page);
            let count: Vec<usize> = narrow.iter().map(|l| normalize::ambiguous(&l.text)).collect();
            assert_eq!(Ambiguous::of(&narrow, &count), measure, "{page}");
            assert_eq!(lines[2].width, width, "{page}");
        }
        // The widths every later stage reads follow the page's measure.
        let wide = read_lines(cases[0].0);
        assert!(wide[1..5].iter().all(|l| l.width == 22), "{wide:?}");
    }

    #[test]
    fn a_blank_line_sets_a_line_apart_only_where_blank_lines_are_rare() {
        let text_lines = |n: usize, sep: &str| (0..n).map(|k| format!("第{k}行文字")).collect::<Vec<_>>().join(sep);
        // (page, the lines set apart)
        let cases: Vec<(String, Vec<usize>)> = vec![
            // No blank line: none.
            (text_lines(12, "\n"), vec![]),
            // One blank line among a dozen lines: the line after it.
            (format!("{}\n\n{}", text_lines(6, "\n"), text_lines(6, "\n")), vec![6]),
            // Blank lines between all lines: none means anything.
            (text_lines(12, "\n\n"), vec![]),
            // Between half of them: still none.
            ((0..6).map(|_| text_lines(2, "\n")).collect::<Vec<_>>().join("\n\n"), vec![]),
        ];
        for (page, want) in cases {
            let lines = read_lines(&page);
            let got: Vec<usize> = set_apart(&lines).iter().enumerate().filter(|(_, a)| **a).map(|(i, _)| i).collect();
            assert_eq!(got, want, "{page:?}");
        }
    }

    /// The lines of `page` with every ambiguous character one column wide.
    fn read_lines_narrow(page: &str) -> Vec<Line> {
        let mut lines = read_lines(page);
        for l in &mut lines {
            l.width = normalize::width(&l.text);
        }
        lines
    }

    #[test]
    fn each_part_of_a_line_with_a_glued_byline_is_as_wide_as_its_text() {
        // pdftotext ran the subtitle and the next item's byline into one
        // line far wider than the column; neither part is that wide.
        let glued = "张稳科主持 本报讯（记者 刘洋） 11月12日，市长张稳科主持";
        let lines = read_lines(&format!("{glued}\n召开市政府常务会议。"));
        assert_eq!((lines[0].text.as_str(), lines[0].width), ("张稳科主持", 10));
        assert!(matches!(lines[1].role, Role::Byline { .. }), "{:?}", lines[1]);
        assert!(lines[1].width + 10 < normalize::width(glued), "{:?}", lines[1]);
    }

    #[test]
    fn a_jump_mark_wrapped_over_two_lines_is_one_mark() {
        let r = roles("持续为发\n展注入强大动力。（下转5\n版）\n李克强会见外国专家");
        assert_eq!(r[1], ("展注入强大动力。".to_string(), Role::Text));
        assert_eq!(r[2], ("（下转5版）".to_string(), Role::Jump));
        assert_eq!(r[3], ("李克强会见外国专家".to_string(), Role::Text));
        // Cut right after its opening bracket and its first character.
        let r = roles("贵宾出席欢迎仪式。（下\n转4版）\n李克强会见外国专家");
        assert_eq!(r[0], ("贵宾出席欢迎仪式。".to_string(), Role::Text));
        assert_eq!(r[1], ("（下转4版）".to_string(), Role::Jump));
        // A bracket of another kind left open is no jump mark.
        let r = roles("全市各县（市\n、区）版面");
        assert!(r.iter().all(|(_, role)| *role == Role::Text));
    }

    #[test]
    fn a_short_last_line_ending_in_a_jump_mark_keeps_its_words() {
        // The line is no longer than a jump mark and its words: only the
        // mark is the jump, the words are the sentence's end.
        let r = roles("在上海临港新片区重大项目正\n在紧张建设。（下转4版）");
        assert_eq!(r[1], ("在紧张建设。".to_string(), Role::Text));
        assert_eq!(r[2], ("（下转4版）".to_string(), Role::Jump));
        assert_eq!(roles("（下转4版）")[0].1, Role::Jump);
    }

    #[test]
    fn a_byline_glued_after_a_subtitle_starts_its_own_line() {
        let r = roles("张稳科主持 本报讯（记者 刘洋） 11月12日，市长张稳科主持");
        assert_eq!(r[0], ("张稳科主持".to_string(), Role::Text));
        assert_eq!(r[1].1, Role::Byline { byline: "本报讯（记者 刘洋）".to_string() });
    }

    #[test]
    fn bylines_are_split_from_their_text() {
        let cases = [
            ("本报讯 （记者 罗丽 康桂芳） 11 月 2", "本报讯（记者 罗丽 康桂芳）", "11月2"),
            ("本报讯 近日，市人社局组成一支 10", "本报讯", "近日，市人社局组成一支10"),
            ("本报讯(记者 李雅萍)8月10日,市委书记", "本报讯(记者 李雅萍)", "8月10日,市委书记"),
            ("新华社北京 11 月 3 日电", "新华社北京11月3日电", ""),
            ("□ 本报评论员", "□ 本报评论员", ""),
            ("□ 本报记者 刘少伟", "□ 本报记者 刘少伟", ""),
            ("□ 本报评论员 生态环境没有替代品，", "□ 本报评论员", "生态环境没有替代品，"),
            (
                "□ 本报记者 穆佳妮 以党史学习教育牵引民生项目加快推进，",
                "□ 本报记者 穆佳妮",
                "以党史学习教育牵引民生项目加快推进，",
            ),
            ("□ 张丽萍", "□ 张丽萍", ""),
            // After a name, a word opening with no surname is the text's.
            ("□ 本报记者 江建 国家", "□ 本报记者 江建", "国家"),
            ("□ 本报记者 江建 萧峰", "□ 本报记者 江建 萧峰", ""),
            ("□ 本报记者 傅强 十四届", "□ 本报记者 傅强", "十四届"),
            ("【本报讯】（记者 任芳）截至4月15日，", "【本报讯】（记者 任芳）", "截至4月15日，"),
            ("本報訊 香港特區政府昨日公布，", "本報訊", "香港特區政府昨日公布，"),
            ("本報記者 王小明", "本報記者 王小明", ""),
            ("新華社北京4月26日電（記者 王晨）記者26日從", "新華社北京4月26日電（記者 王晨）", "記者26日從"),
            // The text glued to the names (its space dropped before a
            // number or a quote).
            ("□ 本报记者 康凯 4月1日出版的第7期", "□ 本报记者 康凯", "4月1日出版的第7期"),
            ("□ 本报记者 武斌永 12月 15 日至 16 日，中央经济", "□ 本报记者 武斌永", "12月15日至16日，中央经济"),
            ("□ 本报评论员 “五一”假期临近，火车票、机", "□ 本报评论员", "“五一”假期临近，火车票、机"),
            ("□ 本报记者 唐晨 杜娜海 “全面推进中国式现", "□ 本报记者 唐晨 杜娜海", "“全面推进中国式现"),
            // Text after the names with no mark that tells it apart.
            ("□ 本报记者 马桂 俄罗斯总统普京14日在", "□ 本报记者 马桂", "俄罗斯总统普京14日在"),
            ("□ 本报记者 朱英佳 今天（9月22", "□ 本报记者 朱英佳", "今天（9月22"),
            ("□ 本报评论员 中共中央总书记、国家主席、中央", "□ 本报评论员", "中共中央总书记、国家主席、中央"),
            // A commentator signs no names: a word after the role that opens
            // with no common surname is the text's.
            ("□ 本报评论员 河北塞", "□ 本报评论员", "河北塞"),
            ("□ 本报评论员 重庆持续", "□ 本报评论员", "重庆持续"),
        ];
        for (raw, byline, rest) in cases {
            let r = roles(raw);
            assert_eq!(r[0].1, Role::Byline { byline: byline.to_string() }, "{raw}");
            assert_eq!(r[0].0, rest, "{raw}");
        }
    }

    #[test]
    fn a_mastheads_small_print_is_banner() {
        let r = roles(
            "今日8版\n国内统一连续出版物号 CN 14-0040 邮发代号 21-30\n全市春耕生产有序推进\n4月8日，全市春耕生产有序推进。",
        );
        assert_eq!(r[0].1, Role::Banner, "{r:?}");
        assert_eq!(r[1].1, Role::Banner, "{r:?}");
        assert_eq!(r[2].1, Role::Text);
        // A sentence that names them is text.
        assert_eq!(roles("本报今日8版，敬请关注。")[0].1, Role::Text);
        assert_eq!(roles("该刊取得国内统一连续出版物号后，")[0].1, Role::Text);
    }

    #[test]
    fn a_web_pages_furniture_is_banner() {
        let r = roles(
            "首页 > 新闻中心 > 本地要闻\n我市重点项目集中开工\n来源：吕梁日报　发布时间：2024-04-18 16:32　作者：李明　浏览次数：1024\n4月18日上午，我市重点项目集中开工。",
        );
        assert_eq!(r[0].1, Role::Banner, "{r:?}");
        assert_eq!(r[1].1, Role::Text);
        assert_eq!(r[2].1, Role::Banner, "{r:?}");
        assert_eq!(r[3].1, Role::Text);
        // One label in running text is no furniture.
        assert_eq!(roles("作者：李明，吕梁市作家协会会员")[0].1, Role::Text);
    }

    #[test]
    fn a_boxed_subheading_is_not_a_byline() {
        // A box before a phrase longer than a name that names no reporter
        // marks a section's title.
        for raw in ["■ 一片林子守了二十八年", "□ 走进新时代的山村"] {
            let r = roles(raw);
            assert!(!matches!(r[0].1, Role::Byline { .. }), "{raw}: {:?}", r[0]);
        }
    }

    #[test]
    fn a_triangle_opens_a_caption_only_when_a_credit_closes_it() {
        let r = roles(
            "▲交城县卦山景区的梨花竞相绽放。 通讯员 武斌 摄\n▲孝义市一家合作社的工人在大棚内采摘\n草莓。 本报记者 梁晨 摄",
        );
        let caption = |k: usize| matches!(r[k].1, Role::Caption { .. });
        assert!(caption(0) && caption(1) && caption(2), "{r:?}");
        let r = roles("▲全年完成造林二十八万亩。\n▲新建农村公路一百公里。");
        assert!(r.iter().all(|(_, role)| *role == Role::Text), "{r:?}");
    }

    #[test]
    fn boxed_bylines_whose_names_wrap_onto_the_next_line() {
        // (page, byline, the next line's text)
        let cases = [
            // The last name's last character alone on the next line.
            (
                "□ 本报记者 江燕 于志\n雪\n1 月 29 日，中国电影家协会",
                "□ 本报记者 江燕 于志雪",
                "1月29日，中国电影家协会",
            ),
            // A whole name opening the next line, set apart from the text.
            ("□ 本报记者 易洋宇\n武治英 十四届全国人\n大二次会议", "□ 本报记者 易洋宇 武治英", "十四届全国人"),
        ];
        for (page, byline, next) in cases {
            let r = roles(page);
            assert_eq!(r[0].1, Role::Byline { byline: byline.to_string() }, "{page}");
            let text: Vec<&str> = r.iter().map(|x| x.0.as_str()).filter(|t| !t.is_empty()).collect();
            assert_eq!(text[0], next, "{page}: {r:?}");
        }
        // A word on the next line that opens with no surname is text.
        let r = roles("□ 本报记者 易洋宇\n国务院 今天发布");
        assert_eq!(r[0].1, Role::Byline { byline: "□ 本报记者 易洋宇".to_string() });
        // A character glued to a number opens the text (`第77届`).
        let r = roles("□ 本报记者 张华 李明\n第 77 届世界卫生大会");
        assert_eq!(r[0].1, Role::Byline { byline: "□ 本报记者 张华 李明".to_string() });
    }

    #[test]
    fn a_byline_bracket_over_three_lines() {
        let r = roles("本报讯（记者 付永\n文 通讯员 卫海平 解德\n智）蓝图远景催奋进，实");
        assert_eq!(r[0].1, Role::Byline { byline: "本报讯（记者 付永文 通讯员 卫海平 解德智）".into() });
        assert_eq!(r[1].0, "蓝图远景催奋进，实");
        let r = roles("本报讯（记者\n吕子红 通讯员 吴霞\n芳）1月16日出版的");
        assert_eq!(r[0].1, Role::Byline { byline: "本报讯（记者 吕子红 通讯员 吴霞芳）".into() });
        assert_eq!(r[1].0, "1月16日出版的");
        // A bracket left open over lines of text is no byline's.
        let r = roles("本报讯（记者 付永\n文水县今年以来全力推进乡村振兴工作\n智）蓝图");
        assert!(!r.iter().any(|x| x.0.contains("蓝图") && matches!(x.1, Role::Byline { .. })), "{r:?}");
    }

    #[test]
    fn a_byline_glued_to_a_headline_ending_in_a_quote_or_a_wrapped_dateline() {
        // The space after the closing quote or bracket was not kept.
        let r = roles("坚决反对“台独” 本报讯（记者 范国\n子 谢强浩 陈梅）以色列");
        assert_eq!(r[0].0, "坚决反对“台独”");
        assert_eq!(r[1].1, Role::Byline { byline: "本报讯（记者 范国子 谢强浩 陈梅）".into() });
        assert_eq!(r[2].0, "以色列");
        let r = roles("《生态保护补偿条例》 新华社拉萨4月9日电全国人大常委会委员长赵乐");
        assert_eq!(r[0].0, "《生态保护补偿条例》");
        assert_eq!(r[1].1, Role::Byline { byline: "新华社拉萨4月9日电".into() });
        // A dateline glued to a headline and broken before its `电`.
        let r = roles("赵乐际会见马尔代夫总统 新华社香港1月10\n日电中国汽车工业协会");
        assert_eq!(r[0].0, "赵乐际会见马尔代夫总统");
        assert_eq!(r[1].1, Role::Byline { byline: "新华社香港1月10日电".into() });
        assert_eq!(r[1].0, "");
        assert_eq!(r[2].0, "中国汽车工业协会");
        let r = roles("会精神深入人心 新华社太原9月15\n日电（记者 魏芳桂 龚\n利秀 薛超国）有这样");
        assert_eq!(r[0].0, "会精神深入人心");
        assert_eq!(r[1].1, Role::Byline { byline: "新华社太原9月15日电（记者 魏芳桂 龚利秀 薛超国）".into() });
        assert!(r.iter().any(|x| x.0 == "有这样"), "{r:?}");
    }

    #[test]
    fn a_byline_bracket_closes_on_the_next_line() {
        let r = roles("本报讯 （记者 冯凯治\n\n高鹏艳） 2 月 16 日，我市召\n开会。");
        assert_eq!(r[0].1, Role::Byline { byline: "本报讯（记者 冯凯治 高鹏艳）".into() });
        assert_eq!(r[1].0, "2月16日，我市召");
    }

    #[test]
    fn wrapped_bylines_keep_names_whole() {
        // A name broken two characters + one.
        let r = roles("本报讯 （记者 高茜 通讯员 张瑞\n峰） 近日，交口县回龙镇高粱喜获丰收。");
        assert_eq!(r[0].1, Role::Byline { byline: "本报讯（记者 高茜 通讯员 张瑞峰）".into() });
        assert_eq!(r[1].0, "近日，交口县回龙镇高粱喜获丰收。");
        // A Xinhua dateline whose reporter bracket closes on the next line.
        let r = roles("新华社太原 5 月 8 日电 （记者 王学\n涛） 记者从山西省文化和旅游厅获悉，");
        assert_eq!(r[0].1, Role::Byline { byline: "新华社太原5月8日电（记者 王学涛）".into() });
        assert_eq!(r[1].0, "记者从山西省文化和旅游厅获悉，");
    }

    #[test]
    fn a_byline_printed_after_the_last_sentence_on_its_line() {
        let r = roles("现场达成就业意向\n320 人。（李鹏飞）\n柳林举办青年人");
        assert_eq!(r[1], ("320人。".to_string(), Role::Text));
        assert_eq!(r[2], ("（李鹏飞）".to_string(), Role::TrailByline));
        let r = roles("开办农家乐32家。（记者 王志强 李明）");
        assert_eq!(r[1], ("（记者 王志强 李明）".to_string(), Role::TrailByline));
        // Not names: the bracket is part of the text.
        for t in ["会议召开。（扩大）", "全文如下。（试行）", "他说。（完）", "目标任务（2024年）"]
        {
            assert!(roles(t).iter().all(|x| x.1 == Role::Text), "{t}");
        }
    }

    #[test]
    fn trailing_bylines_over_two_lines_and_notes_that_are_not_bylines() {
        let r = roles("出动车辆45台。（李鹏\n飞）\n交口县开展防汛应急演练");
        assert_eq!(r[0], ("出动车辆45台。".to_string(), Role::Text));
        assert_eq!(r[1], ("（李鹏飞）".to_string(), Role::TrailByline));
        assert_eq!(r[2].0, "交口县开展防汛应急演练");
        // Broken between two names (the space at the break gone).
        let r = roles("约占全省近一半。（董磊平 \n\n陆伟茜）\n成都大运会开幕");
        assert_eq!(r[0], ("约占全省近一半。".to_string(), Role::Text));
        assert_eq!(r[1], ("（董磊平 陆伟茜）".to_string(), Role::TrailByline));
        assert_eq!(r[2].0, "成都大运会开幕");
        assert_eq!(roles("（排名不分先后）")[0].1, Role::Text);
        assert_eq!(roles("（刘华 康桂芳）")[0].1, Role::TrailByline);
        assert_eq!(roles("（文/图　刘洋）")[0].1, Role::TrailByline);
        // A notice's date signed with names: the date, then the byline.
        let r = roles("特此公告。\n临县文化和旅游局\n2024年3月6日（贺兰 冯志）\n交口县开展防汛应急演练");
        assert_eq!(r[2], ("2024年3月6日".to_string(), Role::Text));
        assert_eq!(r[3], ("（贺兰 冯志）".to_string(), Role::TrailByline));
        assert!(roles("2024年3月6日（星期三）").iter().all(|(_, r)| *r != Role::TrailByline));
        assert!(roles("2024年3月6日（上午）").iter().all(|(_, r)| *r != Role::TrailByline));
        let r = roles("2000余名运动员参赛。（下转2版）");
        assert_eq!(r[1], ("（下转2版）".to_string(), Role::Jump));
        assert!(is_sentence_end("32个项目入选。（排名不分先后）"));
        assert!(!is_sentence_end("全市13个县（市、区）"));
    }

    #[test]
    fn reporters_on_the_line_after_a_dateline_and_a_credit_split_before_its_last_character() {
        let r = roles("新华社北京 11 月 3 日电\n（记者 刘敏） 国家统计局 3 日发布数据");
        assert_eq!(r[0].1, Role::Byline { byline: "新华社北京11月3日电（记者 刘敏）".into() });
        assert_eq!(r[1].0, "国家统计局3日发布数据");
        let r = roles("图为临县碛口古镇游客络绎不绝。 记者 王益炜\n摄\n让营商环境成为吕梁发展的“金字招牌”");
        assert_eq!(r[1].1, Role::Caption { first: false });
        assert_eq!(r[2].1, Role::Text, "the headline after the credit is not caption");
    }

    #[test]
    fn letter_spaced_bylines_over_two_lines() {
        let r = roles("本 报 讯 （记 者 臧 媛\n慧） 2 月 16 日，吕梁市供销");
        assert_eq!(r[0].1, Role::Byline { byline: "本报讯（记者 臧媛慧）".into() });
        let r = roles("本 报 讯 （刘 华 康 桂\n芳） 2 月 16 日，全市开展入");
        assert_eq!(r[0].1, Role::Byline { byline: "本报讯（刘华 康桂芳）".into() });
        let r = roles("本报讯 （记者 韩笑 实习生 李\n琦） 为持续推动学习贯彻党的二十大精");
        assert_eq!(r[0].1, Role::Byline { byline: "本报讯（记者 韩笑 实习生 李琦）".into() });
    }

    #[test]
    fn line_forms() {
        let r = roles(
            "（董艳婷）\n（上接1版）\n图为游客在大棚内采摘草莓。 薛力娜 张志茹 摄\n“低价”的背后 新华社发 徐骏 作\n记者 王益炜 摄\n（下转2版）",
        );
        let got: Vec<Role> = r.into_iter().map(|x| x.1).collect();
        assert_eq!(
            got,
            vec![
                Role::TrailByline,
                Role::Continued,
                Role::Caption { first: true },
                Role::Cartoon,
                Role::PhotoCredit,
                Role::Jump
            ]
        );
    }

    #[test]
    fn banners_need_more_than_one_word() {
        assert_eq!(roles("2023年11月4日 星期六 第2版 要闻")[0].1, Role::Banner);
        assert_eq!(roles("责任编辑：王丽 版式设计：李强")[0].1, Role::Banner);
        assert_eq!(roles("文化节期间，主办方推出民俗表")[0].1, Role::Text);
        assert_eq!(roles("由江苏省人民政府主办")[0].1, Role::Text);
        assert_eq!(roles("第五版")[0].1, Role::Text);
    }

    #[test]
    fn a_caption_runs_to_its_credit() {
        let r = roles(
            "图为吕梁市政府办口学习贯彻党的二十大精神知识竞答“擂台争霸赛”现场。\n记者 侯利军 摄\n本报讯 （记者 韩笑）",
        );
        assert_eq!(r[0].1, Role::Caption { first: true });
        assert_eq!(r[1].1, Role::Caption { first: false });
        assert!(matches!(r[2].1, Role::Byline { .. }));
    }

    #[test]
    fn a_caption_runs_to_its_credit_over_long_and_wrapped_lines() {
        // (caption lines, the lines after it that are not the caption's)
        let cases: [(&str, &str); 3] = [
            // Five lines of caption in a narrow column, the credit on a sixth.
            (
                "图为县城新建的体育公园\n内市民正在晨练，公园\n设有篮球场、健身步道\n和儿童游乐区，周边居\n民出行十分方便。\n新华社记者 王强 摄",
                "本报讯（记者 李明）近日，",
            ),
            // The credit's name broken at the line's end.
            ("图为游客在古镇游览。 新华社记者 王志\n艳 摄", "交城县新建三座农村幸福院"),
            // No credit in reach: the caption ends with its first sentence.
            ("图为游客在古镇游览。", "县里还组织了民俗表演。"),
        ];
        for (caption, after) in cases {
            let r = roles(&format!("{caption}\n{after}"));
            let n = caption.lines().count();
            for (k, (text, role)) in r.iter().enumerate() {
                let is_caption = matches!(role, Role::Caption { .. });
                assert_eq!(is_caption, k < n, "{text:?} {role:?}");
            }
        }
    }

    #[test]
    fn a_line_told_by_its_last_character_alone_ends_as_the_whole_test_says() {
        let ends = ["。", "！", "？", "!", "?", "；", ";", "…", "：", ":", ".", "字", "a", "1", "，", "、", "—", "·"];
        let before = ["", "正文", "正文。", "3", "“说", "（注", "”"];
        for b in before {
            for e in ends {
                let t = format!("{b}{e}");
                assert_eq!(is_sentence_end(&t), sentence_end_closed(&t), "{t}");
            }
        }
        assert!(!is_sentence_end(""));
    }

    #[test]
    fn sentence_ends_and_credits() {
        assert!(is_sentence_end("共同主办。"));
        assert!(is_sentence_end("真是无比自豪。”"));
        assert!(is_sentence_end("话语坚定有力："));
        assert!(!is_sentence_end("“坚定信心、真抓实干，把各方面的干劲带起来”"));
        assert!(!is_sentence_end("习近平向第五届中美友城大会致信"));
        assert!(!is_sentence_end("全国实际使用外资1276."));
        assert!(is_sentence_end("He said so."));
        assert!(ends_with_credit("入使用。 侯利军 摄"));
        assert!(ends_with_credit("现场。 记者 王益炜 摄"));
        assert!(!ends_with_credit("他们忙着拍摄"));
        assert!(ends_with_credit("雾中若隐若现。（新华社发 吴勇 摄）"));
        assert!(ends_with_credit("（本报记者 李四 摄）"));
        assert!(!ends_with_credit("他们忙着拍摄（视频）"));
        assert!(is_photo_credit("（新华社记者 吴勇 摄）"));
        assert!(!is_photo_credit("（王明 李华）"));
        assert!(is_date_line("2023年5月8日"));
        assert!(!is_date_line("2023年5月8日召开"));
    }
}
