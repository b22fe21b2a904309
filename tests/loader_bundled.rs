#![allow(clippy::unwrap_used)]
//! Whole-issue checks of the loader on the bundled pages: what a reader of
//! these pages must see (headlines, where each article starts and ends, its
//! paragraphs and captions), and that no text is lost.

use lvread::loader;
use lvread::model::{Article, Kind, Page};
use std::collections::HashMap;

fn page(n: usize) -> Page {
    let (name, text) = loader::BUNDLED[n];
    loader::load_text(name, text, Vec::new())
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The article whose printed headline is `title` (spaces ignored).
fn by_title<'a>(p: &'a Page, title: &str) -> &'a Article {
    let t = squash(title);
    p.articles.iter().find(|a| !a.title_inferred && squash(&a.title) == t).unwrap_or_else(|| {
        panic!(
            "{}: no article titled {title}; titles: {:?}",
            p.source,
            p.articles.iter().map(|a| &a.title).collect::<Vec<_>>()
        )
    })
}

fn body(a: &Article) -> String {
    squash(&a.paragraphs.concat())
}

fn assert_article(a: &Article, start: &str, end: &str, paragraph_starts: &[&str]) {
    let b = body(a);
    assert!(b.starts_with(&squash(start)), "{}: body starts {:?}", a.title, b.chars().take(30).collect::<String>());
    let full = format!("{b}{}", squash(&a.captions.concat()));
    assert!(
        full.ends_with(&squash(end)) || b.ends_with(&squash(end)),
        "{}: body ends {:?}",
        a.title,
        b.chars().rev().take(30).collect::<String>()
    );
    for p in paragraph_starts {
        assert!(
            a.paragraphs.iter().any(|q| squash(q).starts_with(&squash(p))),
            "{}: no paragraph starts with {p}",
            a.title
        );
    }
}

#[test]
fn page_with_headlines_after_bodies_and_a_cluster_at_the_end() {
    let p = page(0);
    let titles: Vec<&str> = p.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "吕梁市纪委监委关于开设营商环境投诉举报监督专线的公告",
            "习近平向第五届中美友城大会致信",
            "我市与人民日报“行走黄河看吕梁”调研行采访团举行座谈",
            "市政府与知识产权发展研究中心举行合作协议签约仪式并向民间资本推介专利技术",
            "全市青少年工作联席会议第四次全体会议召开",
            "孙大军在离石区调研老旧小区改造工作",
            "我市召开巩固拓展脱贫攻坚成果同乡村振兴有效衔接领导小组（扩大）会议",
        ]
    );
    let notice = &p.articles[0];
    assert_eq!(notice.kind, Kind::Notice);
    assert!(body(notice).contains("投诉举报电话0358-8253111和0358-8223111"));
    assert_article(notice, "为进一步优化营商环境", "2023年5月8日", &[]);
    let xi = by_title(&p, "习近平向第五届中美友城大会致信");
    assert_eq!(xi.byline.as_deref(), Some("新华社北京11月3日电"));
    assert_article(
        xi,
        "11月3日，国家主席习近平",
        "江苏省人民政府共同主办。",
        &["习近平指出，中美关系的基础在民间", "习近平强调，中美友城大会", "第五届中美友城大会当日"],
    );
    // A deliberate space inside a slogan survives; the PDF's do not.
    assert!(xi.paragraphs[3].contains("“共建绿色城市 共享民生福祉”"));
    assert!(xi.paragraphs[1].contains("自1979年缔结第一对友城关系至今，中美已经建立284对友好省州和友好城市关系。40多年来，两国友好省州和友好城市密切合作"));
    let youth = by_title(&p, "全市青少年工作联席会议第四次全体会议召开");
    assert_eq!(youth.subtitle.as_deref(), Some("张利锋出席"));
    assert_eq!(youth.byline.as_deref(), Some("本报讯（记者 刘丽霞）"));
    assert_article(
        youth,
        "10月31日，全市青少年工作联席会议",
        "相关负责同志作交流发言。",
        &["张利锋强调", "会议审议通过"],
    );
    let old = by_title(&p, "孙大军在离石区调研老旧小区改造工作");
    assert!(body(old).contains("减少燃烧标准煤约3.67吨，减少排放二氧化碳量约2.46吨。"));
    assert_article(
        old,
        "11月2日，市委书记孙大军深入离石区",
        "共建共治共享新格局。",
        &["安居小区建成于1998年", "金盾小区始建于1990年", "龙腾苑小区始建于2000年", "孙大军强调，老旧小区改造"],
    );
    let last = p.articles.last().unwrap();
    assert_eq!(last.subtitle.as_deref(), Some("孙大军主持会议并讲话 张广勇作具体部署"));
    assert_eq!(
        last.captions,
        vec!["图为市巩固拓展脱贫攻坚成果同乡村振兴有效衔接领导小组（扩大）会议现场。 记者 王益炜 摄"]
    );
    assert_article(
        last,
        "11月3日，我市召开巩固拓展脱贫攻坚成果",
        "8个工作专班作了书面汇报。",
        &["孙大军强调", "张广勇强调", "会上，市级10个工作专班"],
    );
    assert!(p.fragments.is_empty(), "{:?}", p.fragments);
}

#[test]
fn page_with_a_photo_a_cartoon_wrapped_headlines_and_a_trailing_byline() {
    let p = page(1);
    let photo = &p.articles[0];
    assert!(photo.title_inferred);
    assert_eq!(photo.kind, Kind::Photo);
    assert_eq!(photo.title, "随着吕梁新区建设步伐加快");
    assert_eq!(photo.captions, vec!["图为工程建设已具雏形，争取早日投入使用。 侯利军 摄"]);
    let linxian = by_title(&p, "临县：乘势而上 开启高质量发展新征程");
    assert_article(
        linxian,
        "近日，临县召开第十五届委员会第五次全体会议",
        "全力打造平安临县。",
        &["过去的一年，临县抓学习重实践", "今年是党的二十大召开之年", "强化巩固提升谋振兴", "强化底线意识防风险"],
    );
    let jobs = by_title(&p, "吕梁市县两级“就业服务队”打通服务企业最后“一公里”");
    assert_eq!(jobs.byline.as_deref(), Some("本报讯（董艳婷）"));
    assert_article(jobs, "近日，市人社局组成一支10余名市县两级", "提供了专项服务和政策支持。", &[]);
    let coop = by_title(&p, "市供销合作社召开第一届理事会第三次全体会议暨党风廉政建设工作会议");
    assert_eq!(coop.byline.as_deref(), Some("本报讯（记者 臧媛慧）"));
    assert_article(
        coop,
        "2月16日，吕梁市供销合作社",
        "推进全面从严治党。",
        &["会议要求，全市供销社", "会议强调，今年的供销合作"],
    );
    let visit = by_title(&p, "任磊走访慰问来吕服务和外派学习专家人才");
    assert_article(visit, "2月16日，副市长任磊走访慰问", "为吕梁高质量发展贡献更多力量。", &[]);
    let mobil = by_title(&p, "全市开展入企进村服务工作动员部署会议召开");
    assert_eq!(mobil.byline.as_deref(), Some("本报讯（刘华 康桂芳）"));
    let cartoon = by_title(&p, "“低价”的背后");
    assert_eq!(cartoon.kind, Kind::Cartoon);
    assert_eq!(cartoon.byline.as_deref(), Some("新华社发 徐骏 作"));
    let jc = by_title(&p, "交城县：凝心聚力 推动各项工作落地实施");
    assert_eq!(jc.kicker.as_deref(), Some("学习贯彻市委五届二次全会暨全市经济工作会议精神"));
    assert_article(jc, "1月11日，交城县召开十六届四次全体会议", "一步一个脚印推动各项工作落地落实。", &[]);
    assert_eq!(p.articles.len(), 10);
}

#[test]
fn page_with_kicker_caption_between_articles_and_an_untitled_item() {
    let p = page(2);
    assert_eq!(p.fragments, vec!["□ 本报记者 刘少伟"]);
    let zy = by_title(&p, "中阳县：奋力打造“一心五区”县域经济发展新格局");
    assert_article(
        zy,
        "实干开新局，奋进正当时。",
        "奋力推动全县各项工作再上新台阶。",
        &["着力推动产业转型", "着力统筹发展和安全", "机遇与挑战并存"],
    );
    let party = by_title(&p, "建强小区党支部 做好居民自治“大文章”");
    assert_eq!(party.kicker.as_deref(), Some("孙大军在离石区滨河街道美景华庭小区调研座谈时强调"));
    assert_eq!(party.captions, vec!["图为市委书记孙大军在离石区滨河街道美景华庭小区与居民代表座谈。 记者 王益炜 摄"]);
    let untitled = &p.articles[3];
    assert!(untitled.title_inferred);
    assert_article(
        untitled,
        "4月3日，学习贯彻习近平新时代中国特色社会主义思想主题教育工作会议在北京召开",
        "副教授刘志明表示。",
        &[],
    );
    // The caption printed before the quiz article belongs to it.
    let quiz = by_title(&p, "吕梁市政府办公室口举办学习贯彻党的二十大精神知识竞答“擂台争霸赛”");
    assert_eq!(
        quiz.captions,
        vec!["图为吕梁市政府办口学习贯彻党的二十大精神知识竞答“擂台争霸赛”现场。 记者 侯利军 摄"]
    );
    assert!(untitled.captions.is_empty());
}

#[test]
fn page_printed_one_paragraph_per_line_with_headlines_before_bodies() {
    let p = page(3);
    let civ = by_title(&p, "孙大军主持召开文明城市创建工作专题汇报会");
    // A paragraph cut by a photo caption and by page breaks is one paragraph.
    assert!(body(civ).contains("扎实做好项目调度、管理和服务工作,创城办要强化进度督查"));
    assert!(body(civ).contains("全民共创、人人奉献”的浓厚创城氛围"));
    assert_eq!(civ.captions, vec!["图为市委书记孙大军主持召开文明城市创建工作专题汇报会。 记者 王益炜 摄"]);
    let cppcc = by_title(&p, "市政协党组暨三届六十八次主席会议召开");
    assert_eq!(cppcc.subtitle.as_deref(), Some("张稳科主持"));
    let feature = by_title(&p, "情系民生聚民心");
    assert_eq!(feature.subtitle.as_deref(), Some("——柳林县“我为群众办实事”实践活动综述"));
    assert_eq!(feature.byline.as_deref(), Some("□ 本报记者 穆佳妮"));
    assert!(
        feature.paragraphs.iter().any(|q| q == "以党史学习教育为牵引 解决群众“急难愁盼”问题"),
        "subheadings stay in the body"
    );
    let marked: Vec<&str> = feature.subheadings.iter().map(|&i| feature.paragraphs[i].as_str()).collect();
    assert!(marked.contains(&"以党史学习教育为牵引 解决群众“急难愁盼”问题"), "{marked:?}");
    assert!(marked.iter().all(|q| q.chars().count() <= 30), "only short lines are subheadings: {marked:?}");
    assert!(p.articles.iter().filter(|a| a.title != feature.title).all(|a| a.subheadings.is_empty()));
    let comment = p.articles.iter().find(|a| a.kind == Kind::Commentary).expect("a commentary");
    assert!(comment.title_inferred);
    assert_eq!(comment.byline.as_deref(), Some("□ 本报评论员"));
    assert_article(comment, "“以史为鉴,可以知兴替。”", "开创更加美丽幸福的新生活。", &[]);
    let forest = by_title(&p, "让绿色“颜值”再提升");
    assert_eq!(forest.subtitle.as_deref(), Some("我市全力创建国家森林城市"));
    assert!(body(forest).contains("其中,交城县、中阳县、交口县在2023年完成“创森”目标"));
    for a in &p.articles {
        assert!(a.paragraphs.iter().all(|q| q.chars().count() > 3), "{}: {:?}", a.title, a.paragraphs);
    }
}

#[test]
fn page_with_a_photo_item_and_a_continued_article() {
    let p = page(4);
    let biz = by_title(&p, "我市全方位优化营商环境 提升服务效能");
    assert!(body(biz).contains("累计帮办39686件，受理34806件，统一出证36638件。"));
    assert_article(biz, "一年之计在于春，重大项目建设“打头阵”。", "市行政审批服务管理局相关负责人表示。", &[]);
    let loans = by_title(&p, "我市抓实小额信贷 助力乡村振兴");
    assert!(body(loans).contains("到期前一天及时跟进资金到账情况。稳妥处理逾期贷款，区别情况、分类处置逾期贷款，通过续贷、转化、上门催收等措施化解处置。"));
    assert_article(
        loans,
        "为进一步巩固拓展脱贫攻坚成果同乡村振兴有效衔接",
        "确保做到应贷尽贷、用途合规和控制逾期。",
        &["健全机制，压实责任。", "加强管理，防控风险。", "包联督导，狠抓整改。", "同时，持续加大逾期处置力度。"],
    );
    let photo = p.articles.iter().find(|a| a.kind == Kind::Photo).expect("a photo item");
    assert_eq!(photo.captions, vec!["图为游客在大棚内采摘草莓。 薛力娜 张志茹 摄"]);
    assert_article(photo, "近日，离石区信义镇东泰绿谷农业园温室大棚的草莓", "尽享田园的休闲与惬意。", &[]);
    let zy =
        p.articles.iter().find(|a| body(a).starts_with("去年以来，中阳县委")).expect("the untitled Zhongyang item");
    assert!(zy.title_inferred);
    assert!(body(zy).contains("种植木耳4860万棒，产量480万斤，产值1.4亿元。"));
    assert!(body(zy).contains("累计识别监测对象237户608人，风险消除30户73人。"));
    assert_article(
        zy,
        "去年以来",
        "大病患者不出县”就医目标。",
        &["经济运行总体平稳。", "产业结构持续优化。", "乡村振兴全面推进。", "生态建设成效明显。", "民生福祉不断改善。"],
    );
    let cont = p.articles.last().unwrap();
    assert_eq!(cont.kind, Kind::Continuation);
    assert_eq!(cont.title, "“坚定信心、真抓实干，把各方面的干劲带起来”");
    assert_eq!(cont.byline.as_deref(), Some("新华社北京3月6日电"));
    assert_eq!(cont.kicker.as_deref(), Some("（上接1版）"));
    for t in [
        "全市财政工作会议召开",
        "梁志锋出席市总工会三届三次全委（扩大）会议暨党风廉政建设会议",
        "全市政务公开工作推进会议召开",
    ] {
        let a = by_title(&p, t);
        assert!(a.byline.as_deref().is_some_and(|b| b.starts_with("本报讯")));
    }
}

/// Every non-space character of the file appears in exactly one field of
/// its page (fallback titles aside, since they repeat body text).
pub fn assert_nothing_lost(raw: &str, p: &Page) {
    let mut want: HashMap<char, i64> = HashMap::new();
    for c in loader::decode::clean(raw).chars().filter(|c| !c.is_whitespace()) {
        *want.entry(c).or_default() += 1;
    }
    let mut got: HashMap<char, i64> = HashMap::new();
    let mut add = |s: &str| {
        for c in s.chars().filter(|c| !c.is_whitespace()) {
            *got.entry(c).or_default() += 1;
        }
    };
    for a in &p.articles {
        if !a.title_inferred {
            add(&a.title);
        }
        for s in [&a.kicker, &a.subtitle, &a.byline].into_iter().flatten() {
            add(s);
        }
        a.paragraphs.iter().chain(a.captions.iter()).for_each(|s| add(s));
    }
    p.fragments.iter().for_each(|s| add(s));
    let mut diff: Vec<(char, i64)> =
        want.iter().map(|(c, n)| (*c, n - got.get(c).copied().unwrap_or(0))).filter(|x| x.1 != 0).collect();
    diff.extend(got.iter().filter(|(c, _)| !want.contains_key(c)).map(|(c, n)| (*c, -n)));
    assert!(diff.is_empty(), "{}: characters lost (+) or added (-): {diff:?}", p.source);
}

#[test]
fn no_text_is_lost_on_any_bundled_page() {
    for (i, (_, raw)) in loader::BUNDLED.iter().enumerate() {
        assert_nothing_lost(raw, &page(i));
    }
}

#[test]
fn every_bundled_page_has_an_inferred_date_and_stable_ids() {
    let want = ["2023-11", "2022-02", "2023-04", "2021-08", "2024-03"];
    for (i, w) in want.iter().enumerate() {
        let p = page(i);
        assert!(p.date_inferred);
        assert!(p.date.map(|d| d.to_string()).is_some_and(|d| d.starts_with(w)), "{}: {:?}", p.source, p.date);
        let ids: std::collections::HashSet<&str> = p.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids.len(), p.articles.len(), "ids are distinct");
        assert_eq!(
            page(i).articles.iter().map(|a| a.id.clone()).collect::<Vec<_>>(),
            p.articles.iter().map(|a| a.id.clone()).collect::<Vec<_>>()
        );
    }
}

#[test]
fn a_date_in_the_file_name_wins() {
    let p = loader::load_text("2023-11-04_p02.txt", loader::BUNDLED[0].1, Vec::new());
    assert_eq!(p.date.map(|d| d.to_string()).as_deref(), Some("2023-11-04"));
    assert!(!p.date_inferred);
}
