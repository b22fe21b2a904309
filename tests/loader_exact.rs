//! Articles found but not exactly right (issue 9): each page, written for
//! the test, shows one way a part of an article (its byline, its
//! paragraphs) came out different from the page, and asserts what a reader
//! sees.

#[path = "common/test_pages.rs"]
mod test_pages;

use test_pages::load;

#[test]
fn bylines_wrapped_over_lines_are_whole_and_out_of_the_text() {
    let p = load("bylines_wrapped_over_lines.txt");
    let bylines: Vec<Option<&str>> = p.articles.iter().map(|a| a.byline.as_deref()).collect();
    assert_eq!(
        bylines,
        [
            // The dateline broken before its `电`.
            Some("新华社太原10月14日电"),
            // The reporters' bracket opened at the end of the line.
            Some("本报平遥3月5日电（记者 王强）"),
            // The reporters over two lines under the dateline.
            Some("新华社吕梁9月23日电（记者 李明 张华 赵刚）"),
            // The last name on a line of its own.
            Some("□ 本报记者 刘芳 陈伟"),
            // A boxed byline glued after its headline.
            Some("□ 本报记者 贺兰"),
            // A name broken inside, its tail alone on the next line.
            Some("□ 本报记者 韩明 石磊"),
            // A name broken inside, its tail set apart from the text.
            Some("□ 本报记者 温志 郭俊峰"),
            // The text run on after the names.
            Some("□ 本报记者 冯静"),
        ]
    );
    assert_eq!(p.articles[4].title, "方山县举办农民丰收节");
    let firsts: Vec<&str> = p.articles.iter().map(|a| a.paragraphs[0].as_str()).collect();
    let openings = [
        "记者从市园林局获悉",
        "平遥古城夜游项目",
        "吕梁山区三座光伏电站",
        "连日来",
        "丰收节当天",
        "柳林县",
        "岚县",
        "离石区",
    ];
    for (first, opening) in firsts.iter().zip(openings) {
        assert!(first.starts_with(opening), "{firsts:?}");
    }
}

#[test]
fn paragraphs_go_on_where_the_page_shows_no_break() {
    let p = load("paragraph_breaks_not_shown.txt");
    assert_eq!(p.articles.len(), 1, "{:?}", p.articles);
    assert_eq!(
        p.articles[0].paragraphs,
        [
            // A first line led by one space, full to its column, ending a
            // sentence: the paragraph goes on.
            "全县全力推进农田水利建设。今年以来，全县新建高标准农田八万亩，修缮灌溉渠道一百二十公里，受益农户一万三千余户。",
            // A number broken at its decimal point.
            "根据各乡镇气温变化，县农业农村局动态调整了全县25.6万亩小麦田间管理方案，并组织技术人员下乡指导农户。",
            // A date alone on a line inside a sentence.
            "全县春季农资展销会时间为2024年4月18日至20日，地点设在县体育中心，届时将有六十余家企业参展。",
        ]
    );
}
