//! Pages written for the tests (not the bundled ones), in the conventions of
//! PDF-extracted newspaper pages, each with what a reader must get from it.

#[path = "common/test_pages.rs"]
mod test_pages;

use lvread::model::Kind;
use test_pages::{load, titles};

#[test]
fn narrow_columns_with_headlines_clustered_at_the_end() {
    let p = load("clustered_narrow.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    let potato = &p.articles[0];
    assert_eq!(potato.title, "岚县马铃薯播种进入高峰期");
    assert_eq!(potato.subtitle, None);
    assert!(
        potato.paragraphs.iter().any(|q| q.starts_with("为提高种植效益，县里与省农科院合作推广高垄滴灌技术")),
        "{:?}",
        potato.paragraphs
    );
    let mushroom = &p.articles[1];
    assert_eq!(mushroom.title, "小香菇撑起致富伞");
    assert_eq!(mushroom.subtitle.as_deref(), Some("——交口县回龙镇发展食用菌产业见闻"));
    assert_eq!(mushroom.captions.len(), 1);
    let road = &p.articles[2];
    assert_eq!(road.title, "吕临高速改扩建工程全面开工");
    assert_eq!(road.byline.as_deref(), Some("本报讯（高志强）"));
    assert!(p.fragments.is_empty(), "{:?}", p.fragments);
}

#[test]
fn a_headline_after_its_body_then_an_untitled_photo_item() {
    let p = load("headline_then_photo.txt");
    assert_eq!(titles(&p), vec!["方山县春耕备耕全面铺开".to_string(), "~孝义市胜溪湖公园内月季花竞相绽放".to_string()]);
    assert_eq!(p.articles[0].paragraphs.len(), 3);
    assert_eq!(p.articles[1].kind, Kind::Photo);
    assert_eq!(p.articles[1].captions, vec!["图为市民在花丛中拍照留念。 记者 郝文娟 摄"]);
}

#[test]
fn a_gb18030_page_with_a_commentary_byline_on_its_first_line() {
    let p = load("gb18030_commentary.txt");
    let c = p.articles.iter().find(|a| a.kind == Kind::Commentary).expect("a commentary");
    assert_eq!(c.title, "守护好吕梁的绿水青山");
    assert_eq!(c.byline.as_deref(), Some("□ 本报评论员"));
    assert!(c.paragraphs[0].starts_with("生态环境没有替代品"));
    assert!(p.fragments.is_empty(), "{:?}", p.fragments);
}

#[test]
fn a_letter_spaced_line_after_a_first_line_keeps_the_paragraph_whole() {
    let p = load("letter_spaced_after_first_line.txt");
    let a = &p.articles[0];
    assert!(
        a.paragraphs.iter().any(|q| q.starts_with("文化节期间，主办方推出民俗表演、农产品展销、摄影大赛等十余项活动")),
        "{:?}",
        a.paragraphs
    );
    assert!(p.fragments.is_empty(), "{:?}", p.fragments);
}

#[test]
fn a_crosshead_on_a_page_printed_one_paragraph_per_line() {
    let p = load("one_paragraph_per_line.txt");
    assert_eq!(p.articles[0].kind, Kind::Continuation);
    let dates = p.articles.iter().find(|a| a.title == "临县枣农开展夏季管护").expect("the dates article");
    assert_eq!(dates.byline.as_deref(), Some("□ 本报记者 刘艳红"));
    assert!(dates.paragraphs.iter().any(|q| q == "科技助力提质增效"), "{:?}", dates.paragraphs);
    assert!(dates.paragraphs.iter().any(|q| q.starts_with("今年，临县林业局")));
    assert_eq!(titles(&p)[1..], ["汾阳市杏花村酒业集聚区建设提速", "临县枣农开展夏季管护", "兴县开展防汛应急演练"]);
}

#[test]
fn two_articles_with_no_byline_or_headline_between_them_are_split_by_their_headlines() {
    let p = load("item_without_byline.txt");
    assert_eq!(titles(&p), vec!["岚县马铃薯播种进入高峰期", "小香菇撑起致富伞", "吕临高速改扩建工程全面开工"]);
    assert_eq!(p.articles[1].byline.as_deref(), Some("本报讯（记者 杨敏）"));
    assert_eq!(p.articles[1].captions.len(), 1);
    assert_eq!(p.articles[2].byline.as_deref(), Some("（高志强）"));
    assert!(p.articles[2].paragraphs[0].starts_with("记者从市交通运输局获悉"));
    assert!(p.fragments.is_empty(), "{:?}", p.fragments);
}

#[test]
fn an_item_closed_by_its_own_byline_is_not_a_subheading_of_the_one_before() {
    // One paragraph per line, headlines before bodies; the second item has
    // no opening byline, only `（贺晓斌）` at its end.
    let p = load("trailing_byline_item_per_line.txt");
    assert_eq!(titles(&p), vec!["汾阳市开展消费维权宣传活动", "兴县举办农民工技能培训班"]);
    assert_eq!(p.articles[0].byline.as_deref(), Some("本报讯（通讯员 田芳）"));
    assert_eq!(p.articles[1].byline.as_deref(), Some("（贺晓斌）"));
    assert!(p.articles[1].paragraphs[0].starts_with("近日，兴县人社局"));
}

#[test]
fn a_headline_before_an_item_opening_with_jinri_is_not_body_text() {
    // Headlines after bodies; the second item opens `近日，…` with no byline.
    let p = load("unbylined_item_after_headline.txt");
    assert_eq!(titles(&p), vec!["文水县重点工程复工", "庞泉沟褐马鸡种群稳步增长"]);
    assert!(
        p.articles[0].paragraphs.last().is_some_and(|q| q.ends_with("每月通报进展情况。")),
        "{:?}",
        p.articles[0].paragraphs
    );
    assert!(p.articles[1].paragraphs[0].starts_with("近日，交城县"));
    assert_eq!(p.articles[1].byline.as_deref(), Some("（李文华）"));
}

#[test]
fn short_headlines_wrapped_onto_a_short_line_are_one_title() {
    let p = load("short_wrapped_headlines.txt");
    let t = titles(&p);
    assert!(t.contains(&"中阳县万名干群植树造林忙".to_string()), "{t:?}");
    assert!(t.contains(&"碛口古镇游客服务中心建成投用".to_string()), "{t:?}");
    assert!(
        p.articles.iter().all(|a| a.subtitle.is_none()),
        "{:?}",
        p.articles.iter().map(|a| &a.subtitle).collect::<Vec<_>>()
    );
}

#[test]
fn kickers_above_headlines_are_kept_with_them() {
    let p = load("kicker_on_first_line.txt");
    assert_eq!(p.articles.len(), 1);
    let a = &p.articles[0];
    assert_eq!(a.kicker.as_deref(), Some("聚力乡村振兴 绘就美好画卷"));
    assert_eq!(a.title, "方山县“一村一品”带富一方百姓");
    assert_eq!(a.subtitle.as_deref(), Some("——来自北武当镇的调查"));
    assert!(p.fragments.is_empty(), "{:?}", p.fragments);

    let p = load("kickers_per_line.txt");
    let shop = p.articles.iter().find(|a| a.title.contains("消费维权")).expect("the 3·15 item");
    assert_eq!(shop.kicker.as_deref(), Some("守护消费安全 营造放心环境"));
    assert_eq!(shop.title, "汾阳市开展“3·15”消费维权宣传活动");
    assert_eq!(titles(&p).len(), 4, "{:?}", titles(&p));
    // The item with no headline is named by what it reports, not by `日前`.
    assert!(titles(&p).contains(&"~石楼县启动春季森林防火专项检查".to_string()), "{:?}", titles(&p));
}

#[test]
fn a_spaced_kicker_and_headline_after_a_body_in_columns() {
    let p = load("spaced_kicker_after_body.txt");
    assert_eq!(p.articles.len(), 4, "{:?}", titles(&p));
    let a = &p.articles[0];
    assert_eq!(a.kicker.as_deref(), Some("聚焦项目建设 跑出发展加速度"));
    assert_eq!(a.title, "文水县重点工程复工率超九成");
    assert!(a.paragraphs.last().is_some_and(|q| q.ends_with("责任单位负责人。")), "{:?}", a.paragraphs);
    assert_eq!(p.articles[1].title, "庞泉沟褐马鸡种群稳步增长");
    assert!(p.articles[1].paragraphs[0].starts_with("近日，交城县"));
    // An untitled item's fallback title does not stop inside a quotation.
    assert!(titles(&p).contains(&"~孝义市图书馆推出“夜读时光”服务".to_string()), "{:?}", titles(&p));
}

#[test]
fn a_caption_inside_a_run_on_item_goes_to_the_item_it_shows() {
    // Two items printed with nothing between them are split by their
    // headlines; the photo printed inside the second one belongs to it.
    let p = load("caption_in_split_item.txt");
    assert_eq!(titles(&p), vec!["岚县马铃薯播种进入高峰期", "小香菇撑起致富伞", "吕临高速改扩建工程全面开工"]);
    assert_eq!(p.articles[1].captions, vec!["图为交口县回龙镇农户在采摘香菇。 记者 杨敏 摄"]);
    assert_eq!(p.articles[2].captions, vec!["图为吕临高速改扩建工程施工现场。 记者 高志强 摄"]);
    assert!(
        p.articles[2].paragraphs[0].contains("改扩建工程日前全面开工，项目全长68公里"),
        "{:?}",
        p.articles[2].paragraphs
    );
}

#[test]
fn a_byline_after_the_last_sentence_ends_its_item() {
    // `…320 人。（李鹏飞）` then the headline: the headline is not body text.
    let p = load("trailing_byline_on_last_line.txt");
    assert_eq!(titles(&p), vec!["兴县新建5座标准化养殖场", "柳林举办青年人才招聘会"]);
    assert_eq!(p.articles[1].byline.as_deref(), Some("（李鹏飞）"));
    assert_eq!(p.articles[1].paragraphs.last().map(String::as_str), Some("现场达成就业意向320人。"));
}

#[test]
fn the_date_printed_in_the_banner_is_the_issue_date() {
    // The text also speaks of 2023 (last year's output): the banner wins.
    let p = load("banner_date.txt");
    assert_eq!(p.date, lvread::model::Date::new(2024, 6, 12));
    assert!(!p.date_inferred);
    assert_eq!(titles(&p), vec!["汾阳市白酒产业持续增长"]);
}

#[test]
fn on_pages_with_headlines_first_an_item_after_a_news_item_is_its_own_article() {
    // A news item (`本报讯…`) then a headline naming what follows, with no
    // byline: a second article, not a subheading of the first.
    let p = load("unbylined_item_per_line.txt");
    assert_eq!(titles(&p), vec!["临县召开三季度经济运行分析会", "兴县蔡家崖村红色旅游持续升温"]);
    assert!(p.articles[1].paragraphs[0].starts_with("国庆假期临近"));
}

#[test]
fn a_notice_between_items_keeps_its_numbered_subheadings_and_ends_at_its_date() {
    let p = load("notice_and_items_per_line.txt");
    let t = titles(&p);
    assert_eq!(t.len(), 3, "{t:?}");
    let notice = p.articles.iter().find(|a| a.title.ends_with("公告")).expect("the notice");
    assert_eq!(notice.kind, Kind::Notice);
    assert!(notice.paragraphs.iter().any(|q| q == "一、报名时间"), "{:?}", notice.paragraphs);
    assert!(notice.paragraphs.last().is_some_and(|q| q.ends_with("日")), "{:?}", notice.paragraphs);
    let item = p.articles.last().expect("the last item");
    assert_eq!(item.title, "兴县蔡家崖村红色旅游持续升温");
    assert_eq!(item.byline.as_deref(), Some("（王志强 刘晓慧）"));
}

// Pages cut down from a QA round: each shows one way the text around a
// headline can look.

#[test]
fn a_trailing_byline_wrapped_over_two_lines_ends_its_item() {
    let p = load("qa_trailing_byline_wrapped.txt");
    assert_eq!(titles(&p), vec!["交口县开展防汛应急演练", "孝义市举办人才培训班"]);
    assert_eq!(p.articles[0].byline.as_deref(), Some("（李鹏飞）"));
    assert!(p.articles[1].paragraphs[0].starts_with("孝义市举办首届乡村振兴人才培训班"));
}

#[test]
fn notes_in_brackets_after_the_last_sentence_do_not_hide_the_headline() {
    let p = load("qa_jumpline_same_line_swallows_headline.txt");
    assert_eq!(titles(&p), vec!["市第五届运动会开幕"]);
    assert!(p.articles[0].paragraphs[0].ends_with("参赛。"), "{:?}", p.articles[0].paragraphs);
    assert_eq!(p.articles[0].paragraphs.last().map(String::as_str), Some("（下转2版）"));
    let p = load("qa_paren_note_taken_as_byline.txt");
    assert_eq!(titles(&p), vec!["我市公布第三批非遗名录"]);
    assert_eq!(p.articles[0].byline.as_deref(), Some("本报讯"), "a note is no byline");
    assert_eq!(p.articles[0].kicker, None);
}

#[test]
fn short_subheadings_inside_a_news_item_stay_inside_it() {
    let p = load("qa_subhead_after_benbaoxun_splits.txt");
    assert_eq!(titles(&p), vec!["方山县做强特色产业带动群众增收"]);
    assert!(p.articles[0].paragraphs.iter().any(|q| q == "做大核桃产业"));
    assert!(p.articles[0].paragraphs.iter().any(|q| q == "做优肉牛养殖"));
    // Exactly the subheadings are marked as such.
    let a = &p.articles[0];
    let marked: Vec<&str> = a.subheadings.iter().map(|&i| a.paragraphs[i].as_str()).collect();
    assert_eq!(marked, ["做大核桃产业", "做优肉牛养殖"]);
}

#[test]
fn a_notice_keeps_its_contact_line_signatory_date_and_attachment_apart() {
    let p = load("qa_notice_contact_line_merges_signatory.txt");
    let n = &p.articles[0];
    assert_eq!(n.title, "关于举办专场招聘会的通知");
    assert_eq!(n.paragraphs[1..], ["联系电话：0358-8221234", "中共吕梁市委组织部", "2024年6月12日"]);
    // Dated by the notice, not by the event it announces (`定于6月20日`).
    assert_eq!(p.date, lvread::model::Date::new(2024, 6, 12));
    let p = load("qa_notice_attachment_joins_next_title.txt");
    assert_eq!(titles(&p), vec!["关于公开招聘工作人员的公告", "临县红枣喜获丰收"]);
    assert_eq!(p.articles[0].paragraphs.last().map(String::as_str), Some("附件：岗位信息表"));
}

#[test]
fn one_line_paragraphs_marked_by_a_leading_space_stay_apart() {
    let p = load("qa_one_line_paragraphs_merged.txt");
    let a = &p.articles[0];
    assert_eq!(a.paragraphs.len(), 4, "{:?}", a.paragraphs);
    assert_eq!(a.paragraphs[1], "会议要求，要坚决扛牢责任。");
}

#[test]
fn a_leader_leading_a_visit_is_a_subtitle() {
    let p = load("qa_speaker_subtitle_daidui_joined.txt");
    assert_eq!(p.articles[0].title, "市领导督导防汛工作");
    assert_eq!(p.articles[0].subtitle.as_deref(), Some("任凯带队"));
}

#[test]
fn a_day_cited_from_the_past_does_not_date_the_issue() {
    let p = load("qa_date_inferred_from_historic_mention.txt");
    assert_eq!(p.date, None, "no year for 6月11日 is given on the page");
}

#[test]
fn briefs_printed_headline_first_without_bylines_stay_apart() {
    let p = load("qa_briefs_headline_first.txt");
    assert_eq!(titles(&p), vec!["冬季供暖热线开通", "离石区开展消防安全检查"]);
    assert!(p.articles[1].paragraphs[0].starts_with("近日，离石区"));
}

#[test]
fn a_photo_credit_wrapped_before_its_last_character_ends_the_caption() {
    let p = load("qa_caption_credit_wrapped.txt");
    let c = p.articles.iter().find(|a| a.byline.as_deref() == Some("□ 本报评论员")).expect("the commentary");
    assert_eq!(c.title, "让营商环境成为吕梁发展的“金字招牌”");
    let captions: Vec<&String> = p.articles.iter().flat_map(|a| &a.captions).collect();
    assert_eq!(captions, vec!["图为临县碛口古镇游客络绎不绝。 记者 王益炜 摄"]);
}
