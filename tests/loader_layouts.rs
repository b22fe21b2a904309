//! The loader on pages built here, laid out the ways PDF pages come: other
//! column widths, headlines after, before or clustered away from their
//! bodies (in another order), wrapped headlines, blank lines between lines,
//! letter-spaced lines. What matters is that each body gets its headline
//! and its paragraphs back.

use lvread::loader;
use lvread::model::Page;
use unicode_width::UnicodeWidthStr;

struct Story {
    title: &'static str,
    byline: &'static str,
    paragraphs: &'static [&'static str],
}

const STORIES: &[Story] = &[
    Story {
        title: "汾阳市召开杏花村酒业集群发展推进会",
        byline: "本报讯 （记者 王晓东）",
        paragraphs: &[
            "5月12日，汾阳市召开杏花村酒业集群发展推进会，总结一季度工作，部署下一阶段重点任务。",
            "会议指出，酒业集群是汾阳转型发展的主导产业，要坚持龙头带动，推动上下游企业协同发展，加快建设原粮基地和包装配套园区。",
            "会议要求，各部门要强化服务保障，帮助企业解决用地、融资和用工难题，确保全年目标任务顺利完成。",
        ],
    },
    Story {
        title: "岚县土豆宴走进省城",
        byline: "本报讯 （通讯员 李春燕）",
        paragraphs: &[
            "5月10日，以“岚县土豆宴”为主题的推介活动在太原举行，二十余家餐饮企业现场展示了一百多道土豆菜品。",
            "活动现场，厨师们用蒸、炸、烩等技法烹制的土豆美食吸引了众多市民品尝，不少游客表示要到岚县实地看看。",
            "近年来，岚县把马铃薯产业作为富民产业，种植面积稳定在二十万亩以上，带动农户持续增收。",
        ],
    },
    Story {
        title: "石楼县完成黄河滩区生态修复一期工程",
        byline: "本报讯 （记者 张海峰 通讯员 刘燕）",
        paragraphs: &[
            "记者日前从石楼县林业局获悉，该县黄河滩区生态修复一期工程已全面完工，累计栽植沙棘、油松等苗木三十二万株。",
            "工程实施过程中，石楼县坚持宜林则林、宜草则草，对沿河十二个村的荒滩进行了系统治理，新增绿化面积一万八千亩。",
            "下一步，石楼县将加强后期管护，确保苗木成活率达到百分之九十以上，让黄河岸边绿起来、美起来。",
        ],
    },
    Story {
        title: "方山县开展农村养老服务质量提升行动",
        byline: "本报讯 （记者 赵丽娟）",
        paragraphs: &[
            "为进一步提升农村养老服务水平，方山县近日启动农村养老服务质量提升行动，重点改造乡镇敬老院和村级日间照料中心。",
            "行动期间，方山县将为全县六十岁以上独居老人安装紧急呼叫设备，并组织医护人员每月上门开展健康巡诊。",
            "县民政局负责人表示，到年底前全县所有日间照料中心将实现正常运营，让农村老人在家门口享受养老服务。",
        ],
    },
];

/// Breaks text into lines of `cols` display columns; a paragraph's first
/// line is indented by two characters (so it is four columns shorter).
/// Closing punctuation never starts a line.
fn wrap(text: &str, cols: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut limit = cols - 4;
    for c in text.chars() {
        let w = UnicodeWidthStr::width(c.to_string().as_str());
        if UnicodeWidthStr::width(cur.as_str()) + w > limit && !"，。、；：！？”）".contains(c) {
            out.push(std::mem::take(&mut cur));
            limit = cols;
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[derive(Clone, Copy)]
enum Placement {
    After,
    Before,
    ClusterShuffled,
}

/// Lays the stories out as a PDF extractor would print the page.
fn layout(place: Placement, cols: usize, blank_lines: bool, wrap_titles: bool) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut cluster: Vec<Vec<String>> = Vec::new();
    for (k, s) in STORIES.iter().enumerate() {
        let title: Vec<String> = if wrap_titles && s.title.chars().count() > 12 {
            let cut = s.title.chars().count() / 2 + 1;
            vec![s.title.chars().take(cut).collect(), s.title.chars().skip(cut).collect()]
        } else {
            vec![s.title.to_string()]
        };
        let mut body: Vec<String> = Vec::new();
        for (i, p) in s.paragraphs.iter().enumerate() {
            let mut ls = wrap(p, cols);
            if i == 0 {
                ls[0] = format!("{} {}", s.byline, ls[0]);
            }
            // Letter-space one full line, as a justified line is extracted.
            if i == 1 && ls.len() > 2 && k % 2 == 0 {
                ls[1] = ls[1].chars().map(|c| c.to_string()).collect::<Vec<_>>().join(" ");
            }
            body.extend(ls);
        }
        match place {
            Placement::After => {
                lines.extend(body);
                lines.extend(title);
            }
            Placement::Before => {
                lines.extend(title);
                lines.extend(body);
            }
            Placement::ClusterShuffled => {
                lines.extend(body);
                cluster.push(title);
            }
        }
    }
    // Another order than the bodies'.
    for i in [2usize, 0, 3, 1] {
        if let Some(t) = cluster.get(i) {
            lines.extend(t.iter().cloned());
        }
    }
    lines.join(if blank_lines { "\n\n" } else { "\n" })
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn check(page: &Page, what: &str) {
    assert_eq!(
        page.articles.len(),
        STORIES.len(),
        "{what}: {:#?}",
        page.articles.iter().map(|a| &a.title).collect::<Vec<_>>()
    );
    for (a, s) in page.articles.iter().zip(STORIES) {
        assert_eq!(squash(&a.title), squash(s.title), "{what}: headline of the story starting {:?}", s.paragraphs[0]);
        assert!(!a.title_inferred, "{what}");
        let got: Vec<String> = a.paragraphs.iter().map(|p| squash(p)).collect();
        let want: Vec<String> = s.paragraphs.iter().map(|p| squash(p)).collect();
        assert_eq!(got, want, "{what}: paragraphs of {}", s.title);
        assert_eq!(a.byline.as_deref().map(squash), Some(squash(s.byline)), "{what}");
    }
    assert!(page.fragments.is_empty(), "{what}: {:?}", page.fragments);
}

#[test]
fn headlines_after_their_bodies() {
    for cols in [20, 26, 32, 40, 48] {
        for blank in [false, true] {
            let text = layout(Placement::After, cols, blank, false);
            check(
                &loader::load_text("p.txt", &text, Vec::new()),
                &format!("after, {cols} columns, blank lines {blank}"),
            );
        }
    }
}

#[test]
fn headlines_before_their_bodies() {
    for cols in [20, 28, 36, 44] {
        let text = layout(Placement::Before, cols, cols % 8 == 4, false);
        check(&loader::load_text("p.txt", &text, Vec::new()), &format!("before, {cols} columns"));
    }
}

#[test]
fn headlines_clustered_at_the_end_in_another_order() {
    for cols in [22, 30, 38, 46] {
        let text = layout(Placement::ClusterShuffled, cols, cols % 4 == 2, false);
        check(&loader::load_text("p.txt", &text, Vec::new()), &format!("cluster, {cols} columns"));
    }
}

#[test]
fn headlines_wrapped_over_two_lines() {
    for (place, name) in [(Placement::After, "after"), (Placement::ClusterShuffled, "cluster")] {
        for cols in [24, 34, 44] {
            let text = layout(place, cols, false, true);
            check(&loader::load_text("p.txt", &text, Vec::new()), &format!("{name} wrapped, {cols} columns"));
        }
    }
}

#[test]
fn pages_printed_one_paragraph_per_line() {
    let mut lines = Vec::new();
    for s in STORIES {
        lines.push(s.title.to_string());
        for (i, p) in s.paragraphs.iter().enumerate() {
            lines.push(if i == 0 { format!("{}{}", s.byline, p) } else { p.to_string() });
        }
    }
    check(&loader::load_text("p.txt", &lines.join("\n"), Vec::new()), "one paragraph per line");
}

#[test]
fn a_subheading_inside_an_article_stays_in_it() {
    // Headlines after bodies; the second story has a subheading between two
    // of its paragraphs.
    let mut lines = Vec::new();
    for (k, s) in STORIES.iter().enumerate() {
        for (i, p) in s.paragraphs.iter().enumerate() {
            if k == 1 && i == 2 {
                lines.push("马铃薯产业链越拉越长".to_string());
            }
            let mut ls = wrap(p, 30);
            if i == 0 {
                ls[0] = format!("{} {}", s.byline, ls[0]);
            }
            lines.extend(ls);
        }
        lines.push(s.title.to_string());
    }
    let page = loader::load_text("p.txt", &lines.join("\n"), Vec::new());
    assert_eq!(page.articles.len(), STORIES.len(), "{:#?}", page.articles.iter().map(|a| &a.title).collect::<Vec<_>>());
    let a = &page.articles[1];
    assert_eq!(a.title, STORIES[1].title);
    assert_eq!(a.paragraphs.len(), 4, "{:#?}", a.paragraphs);
    assert_eq!(a.paragraphs[2], "马铃薯产业链越拉越长");
    // Marked as a subheading; no ordinary paragraph is.
    assert_eq!(a.subheadings, vec![2]);
    assert!(page.articles.iter().enumerate().all(|(k, b)| k == 1 || b.subheadings.is_empty()));
    assert!(page.fragments.is_empty(), "{:?}", page.fragments);
}

#[test]
fn crlf_and_gb18030_give_the_same_tree() {
    let text = layout(Placement::After, 30, false, false);
    let plain = loader::load_bytes("p.txt", text.as_bytes()).expect("utf-8");
    let crlf = loader::load_bytes("p.txt", text.replace('\n', "\r\n").as_bytes()).expect("crlf");
    let (gb, _, _) = encoding_rs::GB18030.encode(&text);
    let gb = loader::load_bytes("p.txt", &gb).expect("gb18030");
    assert_eq!(plain.articles, crlf.articles);
    assert_eq!(plain.articles, gb.articles);
    check(&plain, "utf-8");
}
