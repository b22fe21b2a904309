//! From stories to the items of a printed page: what a newspaper adds to bare
//! news text — bylines of every kind (opening `本报讯（记者 …）`, datelines
//! `新华社北京3月5日电（记者 …）`, `□ 本报记者 …`, `□ 本报评论员`, trailing
//! `（张三）`), kickers and subtitles, photo captions with credits, photo items
//! and items with no printed headline, notices (title, body, signatory,
//! date), continuations (`（上接1版）`) and jumps (`（下转2版）`). Names,
//! places and slogans come from small lists written here; the rest is taken
//! from the story's own text. Nothing here decides how the page is printed
//! (see [`super::typeset`]).

use super::Rng;
use super::source::Story;
use crate::model::Kind;

/// Where a byline is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BylinePlace {
    /// Run into the first paragraph: `本报讯（记者 张三）3月5日，…`.
    Lead,
    /// On a line of its own above the body.
    OwnLine,
    /// After the last sentence: `…抓落实。（张三）`.
    Trailing,
}

/// A byline and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Byline {
    pub text: String,
    pub place: BylinePlace,
}

/// A photo caption with its credit, and where it is printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caption {
    /// `图为…。`
    pub text: String,
    /// `记者 王五 摄`.
    pub credit: String,
    /// Printed after this paragraph (or inside it, when `inside`).
    pub after: usize,
    /// Printed between two lines of paragraph `after`.
    pub inside: bool,
}

impl Caption {
    /// The caption as the perfect tree holds it: text and credit.
    pub fn full(&self) -> String {
        format!("{} {}", self.text, self.credit)
    }
}

/// One item of a page, as printed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Item {
    pub kind: Kind,
    /// The printed headline; None when the page prints none.
    pub title: Option<String>,
    pub kicker: Option<String>,
    pub subtitle: Option<String>,
    pub byline: Option<Byline>,
    /// Paragraphs in order; subheadings are paragraphs too.
    pub paragraphs: Vec<String>,
    /// Indices of the paragraphs that are subheadings (short lines of their own).
    pub subheads: Vec<usize>,
    /// Indices of the paragraphs that are a notice's signatory and date lines.
    pub sign_lines: Vec<usize>,
    pub captions: Vec<Caption>,
    /// `（上接1版）` printed before the body (the perfect tree's kicker).
    pub continued: Option<String>,
    /// `（下转2版）` printed after the last sentence (the perfect tree's last
    /// paragraph).
    pub jump: Option<String>,
}

impl Item {
    /// Paragraph `i` as the page prints it: the first opens with `lead` (a
    /// byline run into the text), the last ends with a trailing byline and
    /// the jump mark, if any.
    pub fn printed_paragraph(&self, i: usize, lead: &str) -> String {
        let p = self.paragraphs.get(i).map(String::as_str).unwrap_or("");
        let mut text = if i == 0 { format!("{lead}{p}") } else { p.to_string() };
        if i + 1 == self.paragraphs.len() {
            if let Some(b) = self.byline.as_ref().filter(|b| b.place == BylinePlace::Trailing) {
                text.push_str(&b.text);
            }
            if let Some(j) = &self.jump {
                text.push_str(j);
            }
        }
        text
    }

    /// The title the perfect loader gives: the headline, or the first clause of the body.
    pub fn shown_title(&self) -> (String, bool) {
        match &self.title {
            Some(t) => (t.clone(), false),
            None => (fallback_title(self.paragraphs.first().map(String::as_str).unwrap_or("")), true),
        }
    }
}

/// The first clause of a text (after a leading `近日，` or date), at most 24 characters.
pub fn fallback_title(text: &str) -> String {
    let clauses: Vec<&str> = text.split(['，', '。', '！', '？', '；', ',']).filter(|c| !c.trim().is_empty()).collect();
    let mut pick = clauses.first().copied().unwrap_or(text);
    if pick.chars().count() <= 6 && clauses.len() > 1 {
        pick = clauses[1];
    }
    let t: String = pick.trim().chars().take(24).collect();
    if t.is_empty() { "图片新闻".to_string() } else { t }
}

const SURNAMES: &str = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文";
const GIVEN: &str = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红文斌宇浩凯晨雪梅琳鹏飞晓峰海燕欣怡子璇思远佳妮雅萍少伟茜永德卫益炜利锋丽霞桂芳凯治鹏艳";
const CITIES: &[&str] = &[
    "北京",
    "上海",
    "天津",
    "重庆",
    "太原",
    "石家庄",
    "郑州",
    "武汉",
    "长沙",
    "广州",
    "深圳",
    "南京",
    "杭州",
    "福州",
    "成都",
    "西安",
    "兰州",
    "银川",
    "西宁",
    "乌鲁木齐",
    "拉萨",
    "昆明",
    "贵阳",
    "南宁",
    "海口",
    "哈尔滨",
    "长春",
    "沈阳",
    "呼和浩特",
    "济南",
    "合肥",
    "南昌",
    "香港",
    "澳门",
    "日内瓦",
    "纽约",
    "莫斯科",
    "布鲁塞尔",
    "东京",
    "巴黎",
    "开罗",
    "联合国",
];
const PAPERS: &[&str] =
    &["吕梁日报", "山西日报", "人民日报", "光明日报", "经济日报", "太原日报", "晋中日报", "大同日报"];
const KICKERS: &[&str] = &[
    "学习贯彻党的二十大精神",
    "奋进新征程 建功新时代",
    "聚焦高质量发展",
    "新时代 新征程 新伟业",
    "深入学习贯彻习近平新时代中国特色社会主义思想主题教育",
    "坚定信心 真抓实干",
    "推动黄河流域生态保护和高质量发展",
    "喜迎国庆",
    "乡村振兴进行时",
    "优化营商环境在行动",
    "两会特别报道",
    "权威发布",
];
const ORGS: &[&str] = &[
    "吕梁市人民政府办公室",
    "吕梁市市场监督管理局",
    "吕梁市自然资源局",
    "离石区住房和城乡建设局",
    "吕梁市公安局交通警察支队",
    "中共吕梁市纪律检查委员会",
    "吕梁市生态环境局",
    "柳林县人民政府",
    "吕梁市卫生健康委员会",
    "交城县教育局",
];
const NOTICE_TOPICS: &[(&str, &str)] = &[
    ("开展城市道路交通秩序集中整治", "公告"),
    ("征集市级重点项目建议", "公告"),
    ("公开招聘社区工作者", "公告"),
    ("收回国有建设用地使用权", "公告"),
    ("调整城区部分公交线路", "通知"),
    ("开展春季森林防火工作", "通告"),
    ("举办优化营商环境专题培训", "通知"),
    ("遗失公章", "启事"),
    ("征求意见", "公告"),
    ("开展燃气安全隐患排查", "通告"),
];

/// A Chinese name of two or three characters.
pub fn name(rng: &mut Rng) -> String {
    let s: Vec<char> = SURNAMES.chars().collect();
    let g: Vec<char> = GIVEN.chars().collect();
    let mut n = String::new();
    n.push(s[rng.below(s.len())]);
    n.push(g[rng.below(g.len())]);
    if rng.chance(600) {
        n.push(g[rng.below(g.len())]);
    }
    n
}

/// One to `max` names, space-separated.
fn names(rng: &mut Rng, max: usize) -> String {
    let k = 1 + rng.below(max);
    (0..k).map(|_| name(rng)).collect::<Vec<_>>().join(" ")
}

/// Month and day of a `YYYY-MM-DD` date, the day before (events are
/// reported the next day), defaulting to 3月5日.
fn month_day(date: Option<&str>) -> (u32, u32) {
    let parts: Vec<u32> = date.unwrap_or("").split('-').filter_map(|p| p.parse().ok()).collect();
    match parts.as_slice() {
        [_, m, d] if *d > 1 => (*m, d - 1),
        [_, m, d] => (*m, *d),
        _ => (3, 5),
    }
}

/// A byline for a story that has none, in one of the printed forms.
fn invent_byline(story: &Story, rng: &mut Rng) -> Option<Byline> {
    let (m, d) = month_day(story.date.as_deref());
    let who = |rng: &mut Rng| match rng.below(6) {
        0 => format!("记者 {} 通讯员 {}", names(rng, 1), names(rng, 1)),
        1 => format!("通讯员 {}", names(rng, 2)),
        2 => names(rng, 1),
        3 => format!("实习记者 {}", names(rng, 1)),
        _ => format!("记者 {}", names(rng, 3)),
    };
    let city = CITIES[rng.below(CITIES.len())];
    let (text, place) = match rng.below(100) {
        0..=29 => (format!("本报讯（{}）", who(rng)), BylinePlace::Lead),
        30..=44 => (format!("新华社{city}{m}月{d}日电（记者 {}）", names(rng, 3)), BylinePlace::Lead),
        45..=52 => (format!("新华社{city}{m}月{d}日电"), BylinePlace::Lead),
        53..=57 => (format!("本报{city}{m}月{d}日电（记者 {}）", names(rng, 2)), BylinePlace::Lead),
        58..=69 => (format!("□ 本报记者 {}", names(rng, 2)), BylinePlace::OwnLine),
        70..=81 => (format!("（{}）", names(rng, 2)), BylinePlace::Trailing),
        82..=85 => (format!("据新华社{city}{m}月{d}日电"), BylinePlace::Lead),
        _ => return None,
    };
    Some(Byline { text, place })
}

/// A broadcast-style headline `习近平在…时强调 踔厉奋发… 夺取…` printed the
/// newspaper way: the clause that says who spoke as the kicker (引题), the
/// rest as the headline.
fn split_kicker(title: &str) -> Option<(String, String)> {
    let (first, rest) = title.split_once(' ')?;
    let says = ["强调", "指出", "表示", "讲话", "致辞", "致信", "致电", "贺信", "署名文章"];
    if first.chars().count() < 6 || rest.trim().chars().count() < 4 || !says.iter().any(|s| first.ends_with(s)) {
        return None;
    }
    Some((first.to_string(), rest.trim().to_string()))
}

/// The place of a byline a story already has.
fn place_of(byline: &str) -> BylinePlace {
    let b = byline.trim();
    if b.starts_with('□') {
        BylinePlace::OwnLine
    } else if b.starts_with('（') || b.starts_with('(') {
        BylinePlace::Trailing
    } else {
        BylinePlace::Lead
    }
}

/// The clauses of a text (split at Chinese commas and stops).
fn clauses(text: &str) -> Vec<&str> {
    text.split(['，', '。', '；', '：', '！', '？']).map(str::trim).filter(|c| !c.is_empty()).collect()
}

/// A headline without a series tag, spaces or quotes, for use inside a caption.
fn plain_title(t: &str) -> String {
    let t = match (t.find('【'), t.find('】')) {
        (Some(0), Some(e)) => &t[e + '】'.len_utf8()..],
        _ => t,
    };
    t.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A caption (`图为…。`) with a credit, made from the story.
fn invent_caption(story: &Story, rng: &mut Rng) -> Caption {
    let text = if rng.chance(450) {
        let place = plain_title(&story.title);
        format!("图为{}现场。", place.trim_end_matches(['。', '！']))
    } else {
        let all: Vec<&str> = story
            .paragraphs
            .iter()
            .flat_map(|p| clauses(p))
            .filter(|c| (6..=30).contains(&c.chars().count()))
            .collect();
        match all.get(rng.below(all.len().max(1))) {
            Some(c) => format!("图为{c}。"),
            None => format!("图为{}。", plain_title(&story.title)),
        }
    };
    let credit = match rng.below(5) {
        0 => format!("{} 摄", name(rng)),
        1 => format!("新华社记者 {} 摄", name(rng)),
        2 => format!("记者 {} {} 摄", name(rng), name(rng)),
        _ => format!("记者 {} 摄", name(rng)),
    };
    let after = rng.below(story.paragraphs.len().max(1));
    Caption { text, credit, after, inside: rng.chance(300) }
}

/// A subtitle: who attended, or a dash and a phrase of the story.
fn invent_subtitle(story: &Story, rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => format!("{}{}", name(rng), ["出席", "主持会议并讲话", "作具体部署", "主持"][rng.below(4)]),
        1 => {
            let c: Vec<&str> = story
                .paragraphs
                .iter()
                .skip(1)
                .flat_map(|p| clauses(p))
                .filter(|c| (6..=18).contains(&c.chars().count()))
                .collect();
            match c.get(rng.below(c.len().max(1))) {
                Some(c) => format!("——{c}"),
                None => format!("——{}综述", plain_title(&story.title)),
            }
        }
        _ => format!("——{}纪实", CITIES[rng.below(8)]),
    }
}

const SUBHEADS: &[&str] = &[
    "坚持高位推动",
    "强化责任落实",
    "聚焦民生关切",
    "创新工作机制",
    "筑牢安全底线",
    "厚植发展优势",
    "激活改革动能",
    "补齐短板弱项",
    "做优特色产业",
    "守护绿水青山",
    "提升服务效能",
    "夯实基层基础",
    "深化开放合作",
    "把握工作重点",
];

/// Short subheadings (lines of their own, no closing stop) before some
/// paragraphs of a long story.
fn add_subheads(item: &mut Item, rng: &mut Rng) {
    let n = item.paragraphs.len();
    let mut at: Vec<usize> = (1..n).filter(|_| rng.chance(300)).take(3).collect();
    if at.is_empty() {
        at.push(1 + rng.below(n - 1));
    }
    let first = rng.below(SUBHEADS.len());
    for (k, &i) in at.iter().enumerate().rev() {
        item.paragraphs.insert(i, SUBHEADS[(first + k) % SUBHEADS.len()].to_string());
    }
    item.subheads = at.iter().enumerate().map(|(k, &i)| i + k).collect();
}

/// What the page adds around the items.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageFrame {
    /// `吕梁日报 2024年6月12日 星期三 第3版`, printed at the top or bottom.
    pub banner: Option<String>,
    pub banner_at_top: bool,
}

/// Days since 1970-01-01 of a civil date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A page banner for a `YYYY-MM-DD` date and page number.
pub fn banner(date: &str, page: usize, rng: &mut Rng) -> Option<String> {
    let p: Vec<i64> = date.split('-').filter_map(|x| x.parse().ok()).collect();
    let [y, m, d] = p.as_slice() else { return None };
    let w = ["四", "五", "六", "日", "一", "二", "三"][days_from_civil(*y, *m, *d).rem_euclid(7) as usize];
    let paper = PAPERS[rng.below(PAPERS.len())];
    Some(match rng.below(3) {
        0 => format!("{paper} {y}年{m}月{d}日 星期{w} 第{page}版"),
        1 => format!("{y}年{m}月{d}日 星期{w} {paper} 第{page}版"),
        _ => format!("{paper} {y}年{m}月{d}日 第{page}版"),
    })
}

/// A notice: title, body paragraphs, signatory and date.
fn notice(date: Option<&str>, rng: &mut Rng) -> Item {
    let org = ORGS[rng.below(ORGS.len())];
    let (topic, what) = NOTICE_TOPICS[rng.below(NOTICE_TOPICS.len())];
    let (y, m, d) = {
        let p: Vec<u32> = date.unwrap_or("").split('-').filter_map(|x| x.parse().ok()).collect();
        match p.as_slice() {
            [y, m, d] => (*y, *m, *d),
            _ => (2023, 5, 8),
        }
    };
    let phone = format!("0358-{}", 8_200_000 + rng.below(99_999));
    let mut paragraphs = vec![
        format!(
            "为进一步做好{topic}{}，根据有关法律法规和上级部门要求，结合我市实际，现将有关事项{what}如下：",
            if topic.ends_with("工作") { "" } else { "工作" }
        ),
        format!("一、自{y}年{m}月{d}日起，{topic}工作在全市范围内全面开展，请各单位和广大市民予以支持配合。"),
    ];
    if rng.chance(600) {
        paragraphs.push(format!("二、对工作中发现的问题，欢迎社会各界监督举报。联系电话：{phone}。"));
    }
    paragraphs.push(format!("特此{what}。"));
    let first_sign = paragraphs.len();
    paragraphs.push(org.to_string());
    paragraphs.push(format!("{y}年{m}月{d}日"));
    Item {
        kind: Kind::Notice,
        title: Some(format!("{org}关于{topic}的{what}")),
        paragraphs,
        sign_lines: vec![first_sign, first_sign + 1],
        ..Item::default()
    }
}

/// The first sentences of a text, at most about `max` characters.
fn first_sentences(text: &str, max: usize) -> String {
    let mut out = String::new();
    for s in text.split_inclusive(['。', '！', '？']) {
        if !out.is_empty() && out.chars().count() + s.chars().count() > max {
            break;
        }
        out.push_str(s);
    }
    out
}

/// The items of one page made from `stories` (in order), for a page dated
/// `date` (`YYYY-MM-DD`) numbered `page`.
pub fn compose(stories: &[&Story], date: Option<&str>, page: usize, rng: &mut Rng) -> (Vec<Item>, PageFrame) {
    let mut items = Vec::new();
    let n = stories.len();
    for (k, s) in stories.iter().enumerate() {
        let mut item = Item {
            kind: s.kind,
            title: Some(s.title.clone()),
            kicker: s.kicker.clone(),
            subtitle: s.subtitle.clone(),
            byline: s.byline.as_ref().map(|b| Byline { text: b.clone(), place: place_of(b) }),
            paragraphs: s.paragraphs.clone(),
            ..Item::default()
        };
        let bare = s.byline.is_none() && s.kicker.is_none() && s.subtitle.is_none() && s.captions.is_empty();
        if bare {
            let roll = rng.below(1000);
            if roll < 50 && !item.paragraphs.is_empty() {
                // A photo item: a short text, a caption, no headline.
                let text = first_sentences(&item.paragraphs[0], 90);
                item.paragraphs = vec![text];
                item.kind = Kind::Photo;
                item.title = None;
                let mut c = invent_caption(s, rng);
                c.after = 0;
                c.inside = false;
                item.captions.push(c);
            } else if roll < 90 {
                item.kind = Kind::Commentary;
                item.byline = Some(Byline { text: "□ 本报评论员".into(), place: BylinePlace::OwnLine });
            } else {
                item.byline = invent_byline(s, rng);
                if let Some((kicker, title)) = split_kicker(&s.title).filter(|_| rng.chance(700)) {
                    item.kicker = Some(kicker);
                    item.title = Some(title);
                }
                if roll < 130 {
                    item.title = None;
                }
                if item.kicker.is_none() && rng.chance(100) {
                    item.kicker = Some(KICKERS[rng.below(KICKERS.len())].to_string());
                }
                if rng.chance(100) {
                    item.subtitle = Some(invent_subtitle(s, rng));
                }
                if item.paragraphs.len() >= 5 && rng.chance(150) {
                    add_subheads(&mut item, rng);
                }
                if rng.chance(150) {
                    let c = invent_caption(s, rng);
                    item.captions.push(c);
                }
            }
        } else {
            // A story with its own byline and captions (the bundled pages):
            // captions go after a paragraph, credit split off when present.
            for (i, c) in s.captions.iter().enumerate() {
                let (text, credit) = match c.rfind("。") {
                    Some(at) => (c[..at + '。'.len_utf8()].to_string(), c[at + '。'.len_utf8()..].trim().to_string()),
                    None => (c.clone(), String::new()),
                };
                let after = (i + 1).min(item.paragraphs.len().saturating_sub(1));
                item.captions.push(Caption { text, credit, after, inside: false });
            }
        }
        if k == 0 && n > 1 && page > 1 && rng.chance(100) && item.paragraphs.len() > 2 && item.kind == Kind::News {
            // The rest of an article begun on an earlier page.
            let cut = 1 + rng.below(item.paragraphs.len() - 2);
            item.paragraphs.drain(..cut);
            item.subheads.clear();
            item.captions.retain(|c| c.after >= cut);
            item.captions.iter_mut().for_each(|c| c.after -= cut);
            item.kind = Kind::Continuation;
            item.kicker = None;
            item.subtitle = None;
            item.byline = None;
            item.continued = Some(format!("（上接{}版）", 1 + rng.below(page - 1)));
        } else if k + 1 == n && n > 1 && rng.chance(100) && item.paragraphs.len() > 2 {
            // An article jumping to a later page: cut after a sentence.
            let keep = 1 + rng.below(item.paragraphs.len() - 1);
            item.paragraphs.truncate(keep);
            item.subheads.retain(|&i| i < keep);
            if let Some(p) = item.paragraphs.last_mut() {
                let cut = first_sentences(p, p.chars().count() / 2);
                if !cut.is_empty() {
                    *p = cut;
                }
            }
            item.captions.retain(|c| c.after < keep);
            if item.byline.as_ref().is_some_and(|b| b.place == BylinePlace::Trailing) {
                item.byline = None;
            }
            item.jump = Some(format!("（下转{}版）", page + 1 + rng.below(4)));
        }
        if item.paragraphs.iter().all(|p| p.trim().is_empty()) {
            continue;
        }
        items.push(item);
    }
    if rng.chance(200) {
        let at = rng.below(items.len() + 1);
        items.insert(at, notice(date, rng));
    }
    let frame = PageFrame {
        banner: if rng.chance(300) { date.and_then(|d| banner(d, page, rng)) } else { None },
        banner_at_top: rng.chance(700),
    };
    (items, frame)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broadcast_headlines_split_into_kicker_and_title() {
        assert_eq!(
            split_kicker(
                "习近平在出席军队领导干部会议时强调 认真学习宣传贯彻党的二十大精神 奋力实现建军一百年奋斗目标"
            ),
            Some((
                "习近平在出席军队领导干部会议时强调".to_string(),
                "认真学习宣传贯彻党的二十大精神 奋力实现建军一百年奋斗目标".to_string()
            ))
        );
        assert_eq!(split_kicker("临县：乘势而上 开启高质量发展新征程"), None);
        assert_eq!(split_kicker("全市财政工作会议召开"), None);
    }

    #[test]
    fn banners_name_the_weekday() {
        let mut rng = Rng::new(1);
        for _ in 0..10 {
            let b = banner("2024-06-12", 3, &mut rng).unwrap_or_default();
            assert!(b.contains("2024年6月12日") && b.contains("第3版"), "{b}");
            assert!(b.contains("星期三") || !b.contains("星期"), "{b}");
        }
    }
}
