//! Pages whose columns an extractor set side by side (`pdftotext -layout`):
//! the loader reads them column by column and finds each article whole.

/// Lays out articles side by side as `pdftotext -layout` prints them: each
/// article's headline over its two columns, a blank line, then the columns,
/// `width` characters each, padded with spaces.
fn side_by_side(articles: &[(&str, &str)], width: usize) -> String {
    const GUTTER: usize = 6;
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count())));
    let columns: Vec<(Vec<String>, Vec<String>)> = articles
        .iter()
        .map(|(_, body)| {
            let chars: Vec<char> = body.chars().collect();
            let lines: Vec<String> = chars.chunks(width).map(|c| c.iter().collect()).collect();
            let half = lines.len().div_ceil(2);
            (lines[..half].to_vec(), lines[half..].to_vec())
        })
        .collect();
    let mut page = String::new();
    for (k, (head, _)) in articles.iter().enumerate() {
        let last = k + 1 == articles.len();
        page.push_str(&if last { head.to_string() } else { pad(head, 2 * (width + GUTTER)) });
    }
    page.push_str("\n\n");
    let rows = columns.iter().map(|(a, _)| a.len()).max().unwrap_or(0);
    for r in 0..rows {
        let mut line = String::new();
        for (a, b) in &columns {
            for col in [a, b] {
                line.push_str(&pad(col.get(r).map_or("", String::as_str), width + GUTTER));
            }
        }
        page.push_str(line.trim_end());
        page.push('\n');
    }
    page
}

const ARTICLES: [(&str, &str); 2] = [
    (
        "春耕备耕有序推进",
        "本报讯（记者 张三）连日来，我市各地抓住有利天气，组织农民开展春耕备耕，确保粮食生产开好局。在城郊的田野里，农机手驾驶拖拉机来回翻耕土地，一派繁忙景象。农技人员深入田间地头，指导农民科学施肥，选用良种，做好病虫害防治。",
    ),
    (
        "老旧小区改造惠民生",
        "本报讯（记者 李四）今年以来，我市加快推进老旧小区改造，完善水电气暖等配套设施，居民的生活环境明显改善。改造后的小区道路平整，绿树成荫，休闲广场上老人们下棋聊天，孩子们嬉戏玩耍，处处是欢声笑语。",
    ),
];

#[test]
fn articles_set_side_by_side_come_out_whole() {
    for width in [10, 12, 16] {
        let page = lvread::loader::load_text("layout.txt", &side_by_side(&ARTICLES, width), Vec::new());
        let got: Vec<(String, Option<String>, String)> =
            page.articles.iter().map(|a| (a.title.clone(), a.byline.clone(), a.paragraphs.concat())).collect();
        let want: Vec<(String, Option<String>, String)> = ARTICLES
            .iter()
            .map(|(head, body)| {
                let (byline, text) = body.split_at(body.find('）').map_or(0, |i| i + '）'.len_utf8()));
                (head.to_string(), Some(byline.to_string()), text.to_string())
            })
            .collect();
        assert_eq!(got, want, "columns {width} wide:\n{}", side_by_side(&ARTICLES, width));
    }
}

#[test]
fn a_paragraph_that_only_its_indent_opens_is_kept_apart() {
    // pdftotext -layout: two articles side by side; the first article's
    // second paragraph fills one indented line, between two full lines:
    // only its indent shows that it is a paragraph of its own.
    let path = format!("{}/tests/pages/layout_indent_only_break.txt", env!("CARGO_MANIFEST_DIR"));
    let page = lvread::loader::load_file(std::path::Path::new(&path)).unwrap_or_else(|e| panic!("{e}"));
    let got: Vec<(&str, Vec<&str>)> =
        page.articles.iter().map(|a| (a.title.as_str(), a.paragraphs.iter().map(String::as_str).collect())).collect();
    assert_eq!(
        got,
        [
            (
                "城东新区道路改造完工",
                vec![
                    "城东新区三条主干道改造工程日前全部完工，新铺沥青路面十二公里，全换新灯。",
                    "沿线十个路口全部加装信号灯。",
                    "改造后的道路拓宽了人行道，增设了非机动车道和公交港湾，沿线居民出行更加便利。"
                ]
            ),
            (
                "社区食堂开到家门口",
                vec![
                    "近日，南关社区老年食堂正式开门迎客，每天为辖区老人提供两顿热饭菜。",
                    "食堂实行明码标价，八十岁以上老人就餐还可享受优惠，不少老人成了这里的常客。"
                ]
            ),
        ]
    );
}

#[test]
fn a_box_in_another_column_grid_does_not_cut_the_lines_of_the_next() {
    // pdftotext -layout: a three-column article over a two-column one over
    // a one-column one. The middle article's columns run past where the
    // upper one's columns start; its lines must not be cut there, nor read
    // row by row across its two columns.
    let path = format!("{}/tests/pages/layout_two_column_grids.txt", env!("CARGO_MANIFEST_DIR"));
    let page = lvread::loader::load_file(std::path::Path::new(&path)).unwrap_or_else(|e| panic!("{e}"));
    let got: Vec<(&str, Option<&str>, String)> =
        page.articles.iter().map(|a| (a.title.as_str(), a.byline.as_deref(), a.paragraphs.concat())).collect();
    let want = [
        (
            "全市秋粮收获进度过半",
            "本报讯（记者 王强）",
            "连日来，全市各地抢抓晴好天气，组织农机手开展秋粮收获，截至目前收获进度已过半。农业部门派出技术人员深入田间，指导农户科学晾晒，确保颗粒归仓。各县区还设立了粮食收购点，方便农户就近售粮，并加强市场监测，让农户卖上放心粮，确保秋粮应收尽收。",
        ),
        (
            "老城区供热管网改造完工",
            "本报讯（记者 李静）",
            "记者从市住建局获悉，老城区供热管网改造工程已全部完工，共更换老旧管道二十六公里，惠及居民一万二千余户。改造后的管网保温性能明显提升，热损耗大幅降低，今冬居民家中室温有望提高两到三度。住建部门同时对换热站进行了智能化升级，可根据室外温度自动调节供热量，居民还可通过手机查询供热情况并反映问题。",
        ),
        (
            "图书馆延长开放时间",
            "本报讯（记者 赵敏）",
            "为满足读者需求，市图书馆自下月起延长开放时间，工作日晚间开放至九点，周末全天开放。馆内还新增了自习座位二百个，并开设少儿阅读专区，欢迎广大市民前来借阅。",
        ),
    ];
    let want: Vec<(&str, Option<&str>, String)> = want.iter().map(|(t, b, p)| (*t, Some(*b), p.to_string())).collect();
    assert_eq!(got, want);
}

#[test]
fn two_items_whose_lines_fall_on_alternate_rows_come_out_whole() {
    // pdftotext -layout: two items side by side whose baselines alternate,
    // so each row holds one item's line only (the headlines share a row):
    // the page is still read column by column, not row by row.
    let path = format!("{}/tests/pages/layout_alternate_rows.txt", env!("CARGO_MANIFEST_DIR"));
    let page = lvread::loader::load_file(std::path::Path::new(&path)).unwrap_or_else(|e| panic!("{e}"));
    let got: Vec<(&str, Option<&str>, String)> =
        page.articles.iter().map(|a| (a.title.as_str(), a.byline.as_deref(), a.paragraphs.concat())).collect();
    let want = [
        (
            "城西公园改造完工开园",
            "本报讯（记者 周文）",
            "城西公园改造工程日前全部完工，公园正式向市民开放。改造后的公园新增步道三公里，栽种乔木两千余株。公园还新建了儿童乐园和健身广场，并增设了二十处休息座椅，周边居民纷纷前来散步游玩。园林部门表示，今后将定期养护，让公园四季有景。",
        ),
        (
            "南山村建起光伏电站",
            "本报讯（记者 吴刚）",
            "南山村光伏电站近日并网发电，年发电量可达八十万千瓦时。电站收益将用于村里的公益事业和困难群众帮扶，村民对此十分欢迎。村党支部书记介绍，下一步将在村里的闲置屋顶上继续铺设光伏板，让更多农户增加收入。",
        ),
    ];
    let want: Vec<(&str, Option<&str>, String)> = want.iter().map(|(t, b, p)| (*t, Some(*b), p.to_string())).collect();
    assert_eq!(got, want);
}

#[test]
fn a_headline_centred_over_its_columns_is_read_before_them() {
    // pdftotext -layout: an item in three columns beside a one-column item;
    // its headline, centred over its columns, is printed where the second
    // column starts. It is read before the first column, and the item stays
    // one article.
    let path = format!("{}/tests/pages/layout_headline_centred_over_columns.txt", env!("CARGO_MANIFEST_DIR"));
    let page = lvread::loader::load_file(std::path::Path::new(&path)).unwrap_or_else(|e| panic!("{e}"));
    let got: Vec<(&str, usize)> = page.articles.iter().map(|a| (a.title.as_str(), a.paragraphs.len())).collect();
    assert_eq!(got, [("交口县举办农民丰收节", 3), ("全市农村公路建设任务全面完成", 3)]);
}
