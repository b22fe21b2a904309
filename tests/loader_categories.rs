//! One page per failure category of issue 9 (each written for the test):
//! items with no opening byline, headline shapes, and pdftotext's glued
//! lines. Each asserts what a reader sees: the articles and their parts.

#[path = "common/test_pages.rs"]
mod test_pages;

use lvread::loader::params::{Cut, Params};
use lvread::loader::{self, line_model, lines};
use lvread::model::Page;
use test_pages::{load, titles};

#[test]
fn a_photo_item_closed_by_its_caption_is_not_merged_with_the_next() {
    // Two photo items one after the other; the second has no byline. The
    // first one's caption closes it.
    let p = load("photo_items_back_to_back.txt");
    assert_eq!(titles(&p), ["孝义市冬季运动会开幕", "贾家庄村大棚蔬菜喜丰收"]);
    assert_eq!(p.articles[0].captions, ["图为开幕式上的文艺表演。 记者 马丽 摄"]);
    assert_eq!(p.articles[1].captions, ["图为村民在大棚内采摘西红柿。 记者 田野 摄"]);
    assert!(p.articles[1].paragraphs[0].starts_with("初冬时节"), "{:?}", p.articles[1].paragraphs);
    assert!(p.fragments.is_empty(), "{:?}", p.fragments);
}

#[test]
fn an_item_after_a_closing_byline_turning_to_another_subject_stands_alone() {
    // An article signed at its end (`（王晓）`), then with no headline, no
    // byline and no date an item on another subject (none of its first
    // sentence's words are the article's): the signature closed the
    // article, and the text after it is an item of its own.
    let p = load("signed_item_then_another_subject.txt");
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "汾阳市推进农村道路提质改造");
    assert_eq!(p.articles[0].paragraphs.len(), 5, "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].title_inferred, "{:?}", titles(&p));
    assert!(p.articles[1].paragraphs[0].starts_with("交城县文化馆"), "{:?}", p.articles[1].paragraphs);
    assert_eq!(p.articles[1].paragraphs.len(), 2, "{:?}", p.articles[1].paragraphs);
}

#[test]
fn a_sentence_between_two_captions_is_the_second_photos_item_though_it_shares_words() {
    // An article closes with its photo's caption; then a sentence, naming
    // the same town and season as the article, and another caption: the
    // sentence goes with the photo under it (an item prints its photo's
    // caption once), not on as the article's last paragraph.
    let p = load("photo_item_between_two_captions.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "孝义市举办冬季农产品展销会");
    assert_eq!(p.articles[0].paragraphs.len(), 2, "{:?}", p.articles[0].paragraphs);
    assert_eq!(p.articles[0].captions, ["图为市民在展销会直播带货专区选购小米。 记者 李强 摄"]);
    let photo = &p.articles[1];
    assert!(photo.title_inferred, "{:?}", titles(&p));
    assert_eq!(photo.paragraphs.len(), 1, "{:?}", photo.paragraphs);
    assert!(photo.paragraphs[0].starts_with("孝义市各乡镇农民"), "{:?}", photo.paragraphs);
    assert_eq!(photo.captions, ["图为农民在大棚内采摘黄瓜。 记者 田野 摄"]);
    assert_eq!(p.articles[2].title, "交城县举办青少年书法展");
}

#[test]
fn a_caption_over_a_photo_item_opens_it_and_goes_with_it() {
    // An article, then a caption and its credit, then a photo item's text
    // (no headline, no byline) reporting what the caption names and
    // nothing the article does: the caption stands over the photo item,
    // which is an item of its own and keeps its caption.
    let p = load("caption_over_photo_item_opens_it.txt");
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "岚县马铃薯喜获丰收");
    assert!(p.articles[0].paragraphs.iter().all(|q| !q.contains("图书馆")), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[0].captions.is_empty(), "{:?}", p.articles[0].captions);
    assert!(p.articles[1].title_inferred, "{:?}", titles(&p));
    assert!(p.articles[1].paragraphs[0].starts_with("中阳县图书馆少儿阅览室"), "{:?}", p.articles[1].paragraphs);
    assert_eq!(p.articles[1].captions.len(), 1, "{:?}", p.articles[1].captions);
    assert!(p.articles[1].captions[0].starts_with("图为中阳县图书馆"), "{:?}", p.articles[1].captions);
}

#[test]
fn a_caption_over_a_photo_item_opens_it_though_the_text_shares_a_word_with_the_article() {
    // As above, but the photo item's text shares one word with the
    // article (`近日`) and many with its caption: one word in common does
    // not tie the text to the article.
    let p = load("caption_over_photo_item_sharing_a_word_opens_it.txt");
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "岚县马铃薯喜获丰收");
    assert!(p.articles[0].captions.is_empty(), "{:?}", p.articles[0].captions);
    assert!(p.articles[1].paragraphs[0].starts_with("中阳县图书馆少儿阅览室"), "{:?}", p.articles[1].paragraphs);
    assert_eq!(p.articles[1].captions.len(), 1, "{:?}", p.articles[1].captions);
}

#[test]
fn a_caption_over_a_short_photo_item_opens_it_though_the_next_item_shares_words_with_the_article() {
    // An article, then a caption over a short photo item's text, then a
    // second caption over another item whose text shares words with the
    // article (`马铃薯`, `脱毒种薯`): the first caption's text ends at the
    // second caption, so those words do not tie the photo item to the
    // article, and the first caption still opens its item.
    let p = load("caption_over_short_photo_item_before_another.txt");
    assert!(p.articles.len() >= 2, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "岚县马铃薯喜获丰收");
    assert!(p.articles[0].paragraphs.iter().all(|q| !q.contains("图书馆")), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[0].captions.iter().all(|c| !c.contains("图书馆")), "{:?}", p.articles[0].captions);
    assert!(p.articles[1].paragraphs[0].starts_with("中阳县图书馆少儿阅览室"), "{:?}", p.articles[1].paragraphs);
    assert!(p.articles[1].captions[0].starts_with("图为中阳县图书馆"), "{:?}", p.articles[1].captions);
}

#[test]
fn a_photo_item_after_an_article_with_no_headline_of_its_own_stands_alone() {
    // An article, then straight on a photo item (a sentence and its
    // caption, no headline, no byline), then the next headline: the photo
    // item is not the article's last paragraph, and keeps its caption.
    let p = load("photo_item_after_item_no_headline.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "汾阳市推进农村道路提质改造");
    assert!(p.articles[0].paragraphs.iter().all(|q| !q.contains("柳林")), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[0].captions.is_empty(), "{:?}", p.articles[0].captions);
    assert!(p.articles[1].title_inferred, "{:?}", titles(&p));
    assert_eq!(p.articles[1].paragraphs.len(), 1, "{:?}", p.articles[1].paragraphs);
    assert!(p.articles[1].paragraphs[0].starts_with("初冬时节，柳林县"), "{:?}", p.articles[1].paragraphs);
    assert_eq!(p.articles[1].captions, ["图为工人在车间内分拣红枣。 记者 李强 摄"]);
    assert_eq!(p.articles[2].title, "交城县举办青少年书法展");
}

#[test]
fn an_unbylined_item_opening_with_jinri_in_a_narrower_column_stands_alone() {
    let p = load("unbylined_item_opens_at_width_change.txt");
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "吕梁市启动冬季清洁取暖改造");
    assert!(p.articles[0].paragraphs.iter().all(|q| !q.contains("岚县")), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].title_inferred);
    assert!(p.articles[1].paragraphs[0].starts_with("近日，岚县组织农技人员"));
}

#[test]
fn an_unbylined_item_opening_with_local_time_in_a_narrower_column_stands_alone() {
    // `当地时间11月19日，` opens an item as `11月19日，` does.
    let p = load("item_opens_with_local_time_at_width_change.txt");
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "方山县举办冬季农产品展销会");
    assert!(p.articles[0].paragraphs.iter().all(|q| !q.contains("医疗队")), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].paragraphs[0].starts_with("当地时间11月19日，一支中国"), "{:?}", p.articles[1].paragraphs);
}

#[test]
fn a_headline_whose_last_character_wrapped_is_one_title() {
    let p = load("headline_one_char_tail.txt");
    assert_eq!(titles(&p), ["孙大军在离石区调研老旧小区改造工作", "交口县冬季供暖准备工作就绪"]);
    assert_eq!(p.articles[0].byline.as_deref(), Some("本报讯（记者 张华）"));
    assert_eq!(p.articles[0].paragraphs.len(), 2, "{:?}", p.articles[0].paragraphs);
}

#[test]
fn a_byline_glued_to_the_line_before_it_opens_the_item() {
    // pdftotext printed the subtitle and the byline on one line.
    let p = load("pdftotext_byline_glued.txt");
    assert_eq!(p.articles.len(), 1, "{:?}", titles(&p));
    let a = &p.articles[0];
    // A headline printed over two lines that both name what the body
    // reports is one title; the name line under it is the subtitle.
    assert_eq!(a.title, "市政府召开常务会议研究部署冬季安全生产工作");
    assert_eq!(a.byline.as_deref(), Some("本报讯（记者 刘洋）"));
    assert!(a.paragraphs[0].starts_with("11月12日，市长张稳科主持"), "{:?}", a.paragraphs);
    assert_eq!(a.subtitle.as_deref(), Some("张稳科主持"));
}

#[test]
fn a_newspaper_dateline_and_a_two_character_headline_tail() {
    // `本报离石11月20日电` with its reporters on the next line opens the item;
    // the headline's last two characters wrapped onto their own line.
    let p = load("pdftotext_dateline_and_short_tail.txt");
    assert_eq!(p.articles.len(), 1, "{:?}", titles(&p));
    let a = &p.articles[0];
    assert_eq!(a.title, "离石区老旧小区改造惠及两万余户居民生活品质明显提升");
    assert_eq!(a.subtitle, None);
    assert_eq!(a.byline.as_deref(), Some("本报离石11月20日电（记者 周明）"));
    assert!(a.paragraphs[0].starts_with("今年以来，离石区"), "{:?}", a.paragraphs);
}

#[test]
fn headlines_over_items_without_bylines_start_articles_not_subheadings() {
    // Three items, each a headline wider than the column over a text with
    // no byline (as plain pdftotext prints such pages): each headline names
    // the text under it, not the one before it, so none is a subheading.
    let p = load("unbylined_items_headlines_over_them.txt");
    assert_eq!(
        titles(&p),
        [
            "全市冬季供暖工作全面启动 各供热企业热源运行平稳",
            "城区新增三处口袋公园 市民在家门口有了休闲好去处",
            "农村公路建设明显提速 一批偏远村庄通村道路完工通车"
        ]
    );
    assert!(p.articles.iter().all(|a| a.subheadings.is_empty() && a.paragraphs.len() == 2), "{:?}", p.articles);
}

#[test]
fn a_headline_after_a_feature_over_an_item_on_another_subject_starts_that_item() {
    // A feature (`□ 本报记者`) with a short subheading, then a headline over
    // an item with no byline about something else: the feature keeps its
    // subheading, and the headline is the next item's title, not a second
    // subheading of the feature.
    let p = load("feature_then_unbylined_item.txt");
    assert_eq!(titles(&p), ["汾河湿地公园迎来越冬候鸟", "孝义市新建三座社区食堂方便老人就餐"]);
    let subs: Vec<&str> = p.articles[0].subheadings.iter().map(|&k| p.articles[0].paragraphs[k].as_str()).collect();
    assert_eq!(subs, ["护鸟志愿者坚守岸边"]);
    assert!(p.articles[0].paragraphs.iter().all(|q| !q.contains("食堂")), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].paragraphs[0].starts_with("为解决社区老年人"), "{:?}", p.articles[1].paragraphs);
    assert_eq!(p.articles[1].paragraphs.len(), 2);
}

/// The paragraphs of the page's only article, each by its first characters.
fn paragraph_starts(p: &Page) -> Vec<String> {
    assert_eq!(p.articles.len(), 1, "{:?}", titles(p));
    p.articles[0].paragraphs.iter().map(|q| q.chars().take(6).collect()).collect()
}

#[test]
fn a_paragraph_ending_one_character_short_of_the_column_ends_there() {
    // No indents (as pdftotext prints): the first paragraph's last line
    // stops one character before the column's edge, which only a
    // paragraph's end does. The second paragraph ends right at the edge,
    // so nothing shows that a third one starts after it: it reads on.
    let p = load("paragraph_end_one_character_short.txt");
    assert_eq!(paragraph_starts(&p), ["10月8日，", "今年以来，各"]);
    assert!(p.articles[0].paragraphs[1].ends_with("确保栽一棵活一棵。"), "{:?}", p.articles[0].paragraphs);
}

#[test]
fn first_lines_set_in_with_their_indent_dropped_start_paragraphs() {
    // Each paragraph's first line is two characters shorter than the
    // column (the extractor dropped the indent): after a sentence ending at
    // the column's edge, such a line opens a paragraph; and a first line
    // ending a sentence two characters short is full, so its paragraph
    // goes on.
    let p = load("paragraph_first_lines_set_in.txt");
    assert_eq!(paragraph_starts(&p), ["11月5日，", "大赛设置理论", "本次大赛吸引"]);
    assert!(p.articles[0].paragraphs[2].ends_with("展示才华的平台。"), "{:?}", p.articles[0].paragraphs);
}

#[test]
fn a_headline_wrapped_mid_word_is_one_title_and_a_slogan_above_stays_its_kicker() {
    // Three headlines wrapped where the line was full: after a column label
    // (`【…】柳林` / `县…`), in the middle of a word (`…供` / `暖…`), and onto a
    // longer second line. The slogan over the second names nothing its body
    // reports: a kicker.
    let p = load("headline_wrapped_mid_word.txt");
    assert_eq!(
        titles(&p),
        [
            "【乡村新貌】柳林县老旧小区改造完成年度任务",
            "交口县冬季供暖准备工作全面就绪",
            "中阳县乡村道路养护提质增效见实效"
        ]
    );
    assert_eq!(p.articles[0].subtitle, None);
    assert_eq!(p.articles[1].kicker.as_deref(), Some("共建美好家园"));
    assert!(p.articles.iter().all(|a| a.byline.as_deref().is_some_and(|b| b.starts_with("本报讯"))));
}

#[test]
fn a_notice_title_read_as_body_between_items_of_one_width_starts_the_notice() {
    // The notice's title is exactly as wide as the column, between two
    // paragraphs of full lines: the line model is sure it is body. Its
    // shape (an issuing body, `关于`, a closing noun, over `为进一步…`)
    // says it is the notice's title.
    let p = load("notice_title_at_column_width.txt");
    assert_eq!(
        titles(&p),
        ["临县新建两座乡村文化广场", "临县住房和城乡建设局关于开展老旧小区改造的通告", "方山县举办果树修剪技术培训班"]
    );
    assert!(p.articles[0].paragraphs.iter().all(|q| !q.contains("老旧小区")), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].paragraphs[0].starts_with("为进一步改善"), "{:?}", p.articles[1].paragraphs);
    assert!(p.articles[1].paragraphs.iter().any(|q| q.contains("2024年6月3日")), "{:?}", p.articles[1].paragraphs);
}

#[test]
fn a_notice_title_as_wide_as_the_column_starts_the_notice() {
    // The notice has no byline and its title, set apart by blank lines,
    // is nearly as wide as the column; its words come back in the notice
    // (its subject, its signatory), not in the item before it.
    let p = load("notice_after_item_no_byline.txt");
    assert_eq!(titles(&p), ["孝义市新建三座社区图书馆", "孝义市交通运输局关于调整公交线路的通告"]);
    assert!(p.articles[0].paragraphs.iter().all(|q| !q.contains("公交")), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].paragraphs[0].starts_with("为方便群众出行"), "{:?}", p.articles[1].paragraphs);
}

#[test]
fn a_headline_wrapped_inside_a_clause_or_under_a_label_alone_is_one_title() {
    // A column label alone on its line, then a headline wrapped inside its
    // last clause (`…冬储蔬菜 上市` / `保障市民菜篮子`); a headline wrapped
    // before its first clause ends (`…供热管网` / `改造 新增换热站十座`).
    // The two-clause slogan over the third headline, its clauses of even
    // length, stays its kicker.
    let p = load("headline_wrapped_across_clause_space.txt");
    assert_eq!(
        titles(&p),
        [
            "【新时代新气象】孝义市冬储蔬菜 上市保障市民菜篮子",
            "汾阳市供热管网改造 新增换热站十座",
            "文水县重点工程复工率超九成"
        ]
    );
    assert_eq!(p.articles[0].kicker, None);
    assert_eq!(p.articles[0].subtitle, None);
    assert_eq!(p.articles[1].subtitle, None);
    assert_eq!(p.articles[2].kicker.as_deref(), Some("聚焦项目建设 跑出发展加速度"));
}

#[test]
fn a_slogan_over_a_labelled_title_is_its_kicker_not_its_title() {
    // A slogan line over a title that opens with a column label, the two
    // naming one body (so read as one headline run): the label heads the
    // title, so the line over it is the kicker. A short line over one more
    // than twice as wide stays a kicker too.
    let p = load("slogan_over_labelled_title.txt");
    assert_eq!(titles(&p), ["【县域观察】临县红枣产业链越拉越长", "岚县为独居老人送去取暖煤和棉衣棉被"]);
    assert_eq!(p.articles[0].kicker.as_deref(), Some("做强特色产业链"));
    assert_eq!(p.articles[0].subtitle, None);
    assert_eq!(p.articles[1].kicker.as_deref(), Some("冬日暖阳"));
}

#[test]
fn a_short_kicker_the_body_echoes_is_not_joined_to_its_title() {
    // `喜迎国庆` over `交城县城区供热管网改造工程完工`, the body telling of
    // 国庆; `聚焦民生实事` over `孝义市今年改造老旧小区四十个`, the body
    // doing 民生实事: each short line names its body too, but much less
    // than the title under it, and is less than half as long: a kicker, not
    // the head of a wrapped title.
    let p = load("short_kicker_over_title_body_echoes_it.txt");
    assert_eq!(titles(&p), ["方山县召开干部大会", "交城县城区供热管网改造工程完工", "孝义市今年改造老旧小区四十个"]);
    let kickers: Vec<Option<&str>> = p.articles.iter().map(|a| a.kicker.as_deref()).collect();
    assert_eq!(kickers, [None, Some("喜迎国庆"), Some("聚焦民生实事")]);
    assert!(p.fragments.is_empty(), "{:?}", p.fragments);
}

#[test]
fn a_slogan_short_of_a_narrow_column_over_a_spaced_title_wider_than_it_is_its_kicker() {
    // `聚焦高质量发展` (seven characters) over `春耕备耕正当时 孝义市农资供应
    // 充足`, the body naming the slogan's words less than the title's, over a
    // column ten characters wide: the title is wider than the column, the
    // slogan ends well short of it, so it was not cut where its line was
    // full. It is the kicker, though more than a third as long as the title.
    let p = load("slogan_over_spaced_title_wider_than_column.txt");
    assert_eq!(titles(&p), ["岚县马铃薯喜获丰收 亩产创新高", "春耕备耕正当时 孝义市农资供应充足"]);
    let kickers: Vec<Option<&str>> = p.articles.iter().map(|a| a.kicker.as_deref()).collect();
    assert_eq!(kickers, [None, Some("聚焦高质量发展")]);
    assert!(p.fragments.is_empty(), "{:?}", p.fragments);
}

/// A small page and what the loader must make of it: (page, its two
/// titles, their kickers).
type TitledPage = (&'static str, [&'static str; 2], [Option<&'static str>; 2]);

#[test]
fn headlines_and_kickers_of_small_pages_go_with_the_right_titles() {
    // No page leaves a fragment.
    let pages: [TitledPage; 3] = [
        // `汾阳市举办` / `杏花村酒文化节 游客突破十万`: a title cut where the
        // line was full, its tail set in two clauses. Both lines name what
        // the body reports, so the short first line is no kicker.
        (
            "headline_wrap_short_head_over_spaced_tail.txt",
            ["汾阳市举办杏花村酒文化节 游客突破十万", "孝义市冬储蔬菜集中上市"],
            [None, None],
        ),
        // `聚焦高质量发展` stands over `交城县新建三座污水处理厂`, but the item
        // above, under its own headline, repeats the slogan's words: the lone
        // headline keeps its body and the slogan is the kicker of the title
        // under it.
        (
            "lone_headline_keeps_its_body.txt",
            ["岚县马铃薯喜获丰收", "交城县新建三座污水处理厂"],
            [None, Some("聚焦高质量发展")],
        ),
        // `奋进新征程` / `建功新时代` over `交城县新建三座污水处理厂`: the two
        // short lines name no body of their own (the first only echoes the
        // item above), so both are the kicker of the title under them.
        (
            "kicker_in_two_lines_over_title.txt",
            ["方山县召开干部大会", "交城县新建三座污水处理厂"],
            [None, Some("奋进新征程 建功新时代")],
        ),
    ];
    for (name, want_titles, want_kickers) in pages {
        let p = load(name);
        assert_eq!(titles(&p), want_titles, "{name}");
        let kickers: Vec<Option<&str>> = p.articles.iter().map(|a| a.kicker.as_deref()).collect();
        assert_eq!(kickers, want_kickers, "{name}");
        assert!(p.fragments.is_empty(), "{name}: {:?}", p.fragments);
    }
}

#[test]
fn an_item_after_a_notice_signed_and_dated_in_another_column_width_stands_alone() {
    // A notice ends with its signatory and date; the photo item after it
    // (no headline, no byline) is set in a narrower column: it is no part
    // of the notice.
    let p = load("item_after_dated_notice_other_width.txt");
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "临县文化和旅游局关于开放冬季滑雪场的公告");
    assert!(p.articles[0].paragraphs.iter().all(|q| !q.contains("兴县")), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[0].captions.is_empty(), "{:?}", p.articles[0].captions);
    assert!(p.articles[1].paragraphs[0].starts_with("兴县农技人员"), "{:?}", p.articles[1].paragraphs);
    assert_eq!(p.articles[1].captions, ["图为农技人员在大棚里查看黄瓜长势。 记者 王亮 摄"]);
}

#[test]
fn on_a_page_of_headlines_after_bodies_an_item_after_a_dated_notice_and_its_title_stands_alone() {
    // Headlines follow their bodies; a notice ends with its signatory and
    // date (no sentence mark), its title after it, then an item with no
    // headline: the notice was not cut mid-sentence by its title, so the
    // item is no part of it.
    let p = load("item_after_dated_notice_headlines_after.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    assert_eq!(p.articles[1].title, "临县住房和城乡建设局关于做好冬季供暖工作的通知");
    assert_eq!(p.articles[1].paragraphs.last().map(String::as_str), Some("2024年11月5日"));
    assert!(p.articles[2].paragraphs[0].starts_with("岚县农技人员"), "{:?}", p.articles[2].paragraphs);
}

#[test]
fn a_short_last_sentence_over_a_caption_on_another_subject_stays_in_its_item() {
    // An item ends with a one-clause sentence (who took part), then a
    // caption about something else: too short to be a photo item's text,
    // the sentence is the item's last paragraph, not an item of its own.
    let p = load("short_last_sentence_over_unrelated_caption.txt");
    assert_eq!(titles(&p), ["临县启动冬季清洁取暖改造工程", "交口县冬季供暖准备工作就绪"]);
    assert_eq!(p.articles[0].paragraphs.last().map(String::as_str), Some("县委副书记王强参加调研。"));
}

#[test]
fn a_paragraph_opening_with_jinri_under_a_headline_wider_than_the_column_stays_in_its_item() {
    // The headline over an item is wider than its column; a paragraph of
    // the item opening with `近日，` is set in that same column: the
    // column's width has not changed, so no item starts there.
    let p = load("opener_under_wide_headline.txt");
    assert_eq!(p.articles.len(), 1, "{:?}", titles(&p));
    assert!(p.articles[0].paragraphs.iter().any(|q| q.starts_with("近日，一列满载")), "{:?}", p.articles[0].paragraphs);
}

#[test]
fn a_headline_wrapped_onto_a_short_tail_is_one_title_not_title_and_subtitle() {
    // `吕梁市气象台连夜发布` / `寒潮橙色预警`: the tail names nothing the
    // body prints, yet it carries on the title (a subtitle opens with a
    // dash or names who attended). `刘建国作具体部署` stays a subtitle, and
    // so does a line wider than the title above it.
    let p = load("headline_wrapped_short_tail.txt");
    assert_eq!(
        titles(&p),
        ["吕梁市气象台连夜发布寒潮橙色预警", "汾阳市召开冬季安全生产工作会议", "胜溪湖公园建成开放"]
    );
    assert_eq!(p.articles[0].subtitle, None);
    assert_eq!(p.articles[1].subtitle.as_deref(), Some("刘建国作具体部署"));
    assert_eq!(p.articles[2].subtitle.as_deref(), Some("一座小城的幸福新答卷"));
    assert!(p.articles[0].paragraphs[0].starts_with("11月20日晚"), "{:?}", p.articles[0].paragraphs);
}

#[test]
fn a_caption_under_a_photo_item_stays_with_it_though_it_shares_words_with_another_item() {
    // A photo item (a sentence, no headline) and its caption open the page;
    // an item further down repeats a few of the caption's words (`推动特色
    // 农业`): the caption describes the photo printed with the sentence.
    let p = load("photo_item_caption_sharing_words_with_next.txt");
    let other = p.articles.iter().find(|a| a.title == "汾阳市加快发展核桃产业").expect("the other item");
    assert!(other.captions.is_empty(), "{:?}", other.captions);
    let photo = p
        .articles
        .iter()
        .find(|a| a.paragraphs.iter().any(|q| q.starts_with("11月20日，孝义市")))
        .expect("the photo item's sentence");
    assert_eq!(photo.captions, ["图为推动特色农业提质增效现场。 记者 李强 摄"]);
}

#[test]
fn headline_runs_wrapped_at_full_width_are_one_title_and_a_short_slogan_over_a_spaced_title_its_kicker() {
    // A narrow headline wrapped where each line was full: a plain line
    // over a spaced one holding as many characters (`岚县农村幼儿园建` /
    // `设提速 六所新园`), and a headline past 48 characters whose last
    // line, shaped like `张三主持会议`, opens inside a name the body prints
    // (`…市委书` / `记王建国主持会议`). A four-character slogan over a spaced
    // title is no clause cut at the seam: it is the kicker.
    let p = load("headline_runs_wrapped_full_width.txt");
    assert_eq!(
        titles(&p),
        [
            "岚县农村幼儿园建设提速 六所新园开学",
            "关爱到家 孝义市为困难群众送去棉衣",
            "吕梁市召开冬春季森林防火工作推进会议全面部署森林草原防灭火和安全生产重点任务市委副书记市长张卫东出席市委书记王建国主持会议"
        ]
    );
    assert!(p.articles.iter().all(|a| a.subtitle.is_none()), "{:?}", p.articles);
    assert_eq!(p.articles[1].kicker.as_deref(), Some("情暖冬日"));
    assert!(p.fragments.is_empty(), "{:?}", p.fragments);
}

#[test]
fn a_headline_tail_wider_than_its_head_or_a_notice_title_cut_in_guanyu_goes_back_to_the_title() {
    // On a page with blank lines between all lines, a headline broken by
    // hand inside a word the body prints (`…城乡` / `环境卫生…`), its tail
    // wider than the line over it; and a notice title cut inside `关于`.
    // Each tail was read as the first line of the body under it.
    let p = load("headline_tail_wider_read_as_body.txt");
    assert_eq!(titles(&p), ["岚县举办农民丰收节", "10月份交城县城乡环境卫生整治见实效"]);
    assert!(p.articles[1].paragraphs[0].starts_with("交城县城乡"), "{:?}", p.articles[1].paragraphs);
    let p = load("notice_title_cut_in_guanyu.txt");
    assert_eq!(titles(&p), ["岚县举办农民丰收节", "吕梁市市场监督管理局关于征求意见的公告"]);
    assert!(p.articles[1].paragraphs[0].starts_with("为进一步"), "{:?}", p.articles[1].paragraphs);
}

#[test]
fn a_line_opening_with_a_column_label_over_the_title_is_the_head_of_the_title_not_a_kicker() {
    // `【绿色发展 美丽吕梁】守护青山` over `汾河流域湿地面积持续扩大`: a
    // column label heads its title; a kicker is a slogan or a `…时强调` line.
    let p = load("label_line_over_title.txt");
    assert_eq!(titles(&p), ["【绿色发展 美丽吕梁】守护青山汾河流域湿地面积持续扩大", "岚县土豆喜获丰收"]);
    assert_eq!(p.articles[0].kicker, None);
}

/// The lines of `tests/pages/NAME` that the loader reads as headline lines
/// (what `lvread dump --explain` marks HEAD).
fn headline_lines(name: &str) -> Vec<String> {
    let path = format!("{}/tests/pages/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let read = lines::read_lines(&text);
    let head = line_model::headings(&read);
    read.iter().zip(head).filter(|(_, h)| *h).map(|(l, _)| l.text.clone()).collect()
}

#[test]
fn a_short_headline_between_paragraphs_that_start_flush_is_a_headline() {
    // `pdftotext -raw`: no blank lines, no indents; every paragraph starts
    // with a full line. The second headline is a little shorter than the
    // column, so it looked like a paragraph's indented first line.
    assert_eq!(
        headline_lines("raw_headline_after_flush_paragraphs.txt"),
        ["柳林县三个乡镇新建乡村图书室方便群众读书看报", "石楼县十万亩红枣喜获丰收枣农增收"]
    );
}

#[test]
fn a_line_wider_than_the_column_under_it_is_a_headline() {
    // `pdftotext -raw`: a headline a few characters wider than the column
    // it stands over, right after the end of the item before.
    assert_eq!(
        headline_lines("raw_headline_wider_than_column.txt"),
        ["临县秋冬季农业生产全面展开有序推进", "交口县冬季供暖设施全部检修完毕", "方山县新建两座乡镇卫生院投入使用"]
    );
}

#[test]
fn a_long_headline_on_a_page_printed_one_paragraph_per_line_is_a_headline() {
    // One paragraph per line: the headlines, a title and its subtitle on
    // one line, are longer than any column's line but end in no
    // punctuation, right after the end of a paragraph.
    let p = load("long_headlines_per_line.txt");
    assert_eq!(
        titles(&p),
        [
            "吕梁市召开全市重点项目建设推进会 要求加快项目审批全面提速增效确保全年各项目标任务如期圆满完成",
            "把握发展机遇 加快转型升级——离石区推动传统产业改造提升和新兴产业培育发展壮大的生动实践与有益探索综述",
        ]
    );
    assert_eq!(p.articles[1].paragraphs.len(), 3, "{:?}", p.articles[1].paragraphs);
}

#[test]
fn a_headline_wrapped_over_three_lines_gets_back_both_lines_read_as_body() {
    // A headline in a narrow column over its wider text (`pdftotext
    // -layout`): its second and third lines were read as a short paragraph
    // of the body. The word cut at the first seam (`顺` / `利`, printed
    // `顺利` in the body) and lines shaped like a headline's running on to
    // the paragraph's indented first line give both back, though the second
    // reads on into the third (`补` / `给`).
    let p = load("headline_rest_read_as_body.txt");
    assert_eq!(titles(&p), ["市图书馆开设周末读书课堂", "新型补给飞船当天顺利发射升空 货运补给将持续半年"]);
    assert!(p.articles[1].paragraphs[0].starts_with("据航天部门"), "{:?}", p.articles[1].paragraphs);
    assert!(p.fragments.is_empty(), "{:?}", p.fragments);
}

#[test]
fn a_headline_tail_read_as_the_first_line_of_its_body_goes_back_to_the_title() {
    // The second line of a notice's headline (`聘护林员工作的公告`) is no
    // wider than the body's column and was read as the body's first line:
    // the word cut at the seam (`招` / `聘`, printed `招聘` in the body)
    // gives it back to the title, and the body opens with its own first line.
    let p = load("headline_tail_read_as_body.txt");
    assert_eq!(titles(&p), ["吕梁市自然资源局关于公开招聘护林员工作的公告", "市委宣传部编印《吕梁红色故事汇》读本"]);
    assert!(p.articles[0].paragraphs[0].starts_with("为进一步做好"), "{:?}", p.articles[0].paragraphs);
    assert!(p.fragments.is_empty(), "{:?}", p.fragments);
}

#[test]
fn a_short_headline_between_two_unbylined_items_heads_the_second_not_a_subheading() {
    // Two items with no byline, one paragraph a line. The first has a
    // subheading whose section keeps to its headline's subject; the second
    // item's headline is as short as a subheading, but the first item's
    // headline says nothing of the text under it.
    let p = load("short_headline_between_unbylined_items.txt");
    assert_eq!(titles(&p), ["吕梁市召开农村人居环境整治推进会", "孝义举办书法大赛"]);
    assert!(p.articles[0].paragraphs.iter().any(|q| q == "抓好垃圾分类"), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].paragraphs[0].starts_with("书法大赛吸引了"), "{:?}", p.articles[1].paragraphs);
}

#[test]
fn short_subheadings_in_a_story_whose_headline_follows_it_stay_in_that_story() {
    // Headlines follow their bodies; one story holds two short subheadings
    // (lines of their own, no end punctuation, no byline after them): they
    // are sections of that story, not the titles of items of their own.
    let p = load("subheadings_headlines_after.txt");
    assert_eq!(titles(&p), ["方山县小杂粮种出增收好路子", "交城县检修农村电网保障冬季用电"]);
    let subs: Vec<&str> = p.articles[0].subheadings.iter().map(|&k| p.articles[0].paragraphs[k].as_str()).collect();
    assert_eq!(subs, ["打通销售渠道", "培育特色品牌"]);
    assert_eq!(p.articles[0].paragraphs.len(), 7, "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].paragraphs[0].starts_with("入冬以来"), "{:?}", p.articles[1].paragraphs);
}

#[test]
fn a_first_subheading_shaped_like_the_others_is_no_headline_headlines_after() {
    // Headlines follow their bodies; a feature (no opening byline, closed
    // by `（王芳）`) holds three subheadings of one form (five characters,
    // no end punctuation) that share few words with their sections. The
    // first, after a caption, is no headline of the lead before it: it
    // has the form of the two the story holds as subheadings.
    let p = load("first_subheading_headlines_after.txt");
    assert_eq!(titles(&p), ["交城县检修农村电网保障冬季用电", "碛口古镇冬游升温"]);
    let a = &p.articles[1];
    let subs: Vec<&str> = a.subheadings.iter().map(|&k| a.paragraphs[k].as_str()).collect();
    assert_eq!(subs, ["打好基础牌", "做足特色戏", "守住文化根"]);
    assert!(a.paragraphs[0].starts_with("初冬的临县碛口古镇"), "{:?}", a.paragraphs);
    assert_eq!(a.captions, ["图为游客在碛口古镇的民宿前拍照留念。 记者 刘强 摄"]);
    assert!(p.fragments.is_empty(), "{:?}", p.fragments);
}

#[test]
fn a_lone_subheading_after_a_caption_stays_inside_when_the_title_names_the_lead() {
    // Headlines follow their bodies; a feature (no opening byline, closed
    // by `（张华）`) has a lead, a caption and one subheading, set like a
    // headline, that shares a word only with the section after it. The
    // headline after the feature names that section better than the lead,
    // but the lead too (more than half as well): it heads both, and the
    // subheading is no headline of the lead.
    let p = load("one_subheading_title_names_lead_headlines_after.txt");
    assert_eq!(
        titles(&p),
        ["荷兰花卉代表团访问太原", "【乡村振兴进行时】用好冷库调度平台 保障红枣外运畅通", "全省粮食产量保持稳定"]
    );
    let a = &p.articles[1];
    let subs: Vec<&str> = a.subheadings.iter().map(|&k| a.paragraphs[k].as_str()).collect();
    assert_eq!(subs, ["找准服务方向"]);
    assert!(a.paragraphs[0].starts_with("入秋以来，临县"), "{:?}", a.paragraphs);
    assert_eq!(a.paragraphs.len(), 6, "{:?}", a.paragraphs);
    assert_eq!(a.captions, ["图为用好冷库调度平台保障红枣外运畅通现场。 记者 王亮 赵敏 摄"]);
    assert!(p.fragments.is_empty(), "{:?}", p.fragments);
}

#[test]
fn a_photo_item_after_a_short_notice_signed_and_dated_stands_alone() {
    // A notice too short for the subject test (its text shares no words with
    // the photo item, but is little to compare against) closes with its
    // signatory and date: the sentence over a caption after it is an item
    // of its own, not the notice's last paragraph.
    let p = load("photo_item_after_short_dated_notice.txt");
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "交城县自然资源局关于暂停受理宅基地审批的通知");
    assert!(p.articles[0].paragraphs.iter().all(|q| !q.contains("岚县")), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[0].captions.is_empty(), "{:?}", p.articles[0].captions);
    assert!(p.articles[1].paragraphs[0].starts_with("连日来，岚县"), "{:?}", p.articles[1].paragraphs);
    assert_eq!(p.articles[1].captions, ["图为村民在院子里晾晒粉条。 记者 王亮 摄"]);
}

#[test]
fn a_signed_last_paragraph_over_a_caption_is_no_photo_item() {
    // An article's last paragraph turns to another place (`此外，梧桐镇…`),
    // sharing few words with the text before, and stands over a caption:
    // shaped like a photo item, but signed with a closing byline, so it
    // ends the article, which keeps it, its signature and the caption.
    let p = load("signed_last_paragraph_over_caption.txt");
    assert_eq!(titles(&p), ["孝义市全力推进冬季供暖管网改造", "交城县举办青少年书法展"]);
    let a = &p.articles[0];
    assert_eq!(a.paragraphs.len(), 4, "{:?}", a.paragraphs);
    assert!(a.paragraphs[3].starts_with("此外，梧桐镇"), "{:?}", a.paragraphs);
    assert_eq!(a.captions, ["图为梧桐镇新建的生物质锅炉房投入运行。 记者 赵敏 摄"]);
}

#[test]
fn a_headline_between_two_items_on_a_page_that_shows_no_placement_goes_by_content() {
    // One headline between two bylined items, both about the same games:
    // it names the second item's lead a little better than the first. No
    // other run tells whether this page prints headlines before or after
    // their bodies, so standing right after the first body weighs little
    // and the headline heads the item it names best.
    let p = load("headline_between_items_no_placement_evidence.txt");
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    assert!(p.articles[0].title_inferred, "{:?}", titles(&p));
    assert!(p.articles[0].paragraphs[0].starts_with("为保障全市"), "{:?}", p.articles[0].paragraphs);
    assert_eq!(p.articles[1].title, "吕梁市第十届运动会开幕");
    assert_eq!(p.articles[1].byline.as_deref(), Some("本报讯（记者 李娜）"));
}

#[test]
fn two_articles_read_column_by_column_in_turn_are_each_read_whole() {
    // pdftotext read two articles set side by side row by row: the first
    // column of each, then the second column of each. Each article's second
    // column goes back after its first (the sentence left open at
    // `负责人` / `全` reads on in `介绍，` / `县还将`).
    let p = load("side_by_side_threads.txt");
    assert_eq!(titles(&p), ["离石区完成城区供水管网改造", "交城县新建三所乡村幼儿园"]);
    let a = p.articles[0].paragraphs.concat();
    let b = p.articles[1].paragraphs.concat();
    assert!(a.contains("离石区水务局负责人介绍，明年将继续改造"), "{a}");
    assert!(a.ends_with("城区居民用水将更加安全放心。"), "{a}");
    assert!(b.contains("今后三年，全县还将新建"), "{b}");
    assert!(b.ends_with("很快就熟悉了新环境。"), "{b}");
    assert!(!b.contains("供水"), "{b}");
}

/// Checks a page of two articles with a title-less photo item between
/// them: three items, the photo item's text and credit its own, the
/// neighbours' text theirs.
fn photo_item_between(p: &Page, opens: &str, credit: &str) {
    assert_eq!(p.articles.len(), 3, "{:?}", titles(p));
    assert_eq!(p.articles[0].title, "吕梁市召开全市经济运行调度会");
    assert_eq!(p.articles[0].paragraphs.len(), 3, "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[0].captions.is_empty(), "{:?}", p.articles[0].captions);
    let photo = &p.articles[1];
    assert!(photo.title_inferred, "{:?}", titles(p));
    assert_eq!(photo.kind, lvread::model::Kind::Photo);
    assert_eq!(photo.paragraphs.len(), 1, "{:?}", photo.paragraphs);
    assert!(photo.paragraphs[0].starts_with(opens), "{:?}", photo.paragraphs);
    assert_eq!(photo.captions, [credit]);
    assert_eq!(p.articles[2].title, "文水县新建三座农村幸福院");
    assert_eq!(p.articles[2].paragraphs.len(), 2, "{:?}", p.articles[2].paragraphs);
}

#[test]
fn a_photo_item_closed_by_a_credit_alone_on_its_line_stands_alone() {
    // A sentence or two and a credit on its own line (no `图为…`), between
    // two articles: the credit closes the photo item.
    let p = load("photo_item_credit_alone_between_items.txt");
    photo_item_between(&p, "11月24日，交城县卦山景区", "本报记者 李四 摄");
}

#[test]
fn a_photo_item_closed_by_a_bracketed_agency_credit_stands_alone() {
    // The credit in brackets after the last sentence (`（新华社发 … 摄）`).
    let p = load("photo_item_bracketed_credit_between_items.txt");
    photo_item_between(&p, "11月23日，游客在湖南张家界", "（新华社发 吴勇 摄）");
}

#[test]
fn an_interviews_questions_stay_in_it_each_a_paragraph_of_its_own() {
    // `问：` lines with no question mark (short, unpunctuated, as headlines
    // are) and `记者：…？` lines after lines as wide as the column: the
    // interview is one article, each question and answer a paragraph.
    for (page, ask, answer) in [
        ("interview_questions_read_as_headlines.txt", "问：", "答："),
        ("interview_questions_after_full_lines.txt", "记者：", "王建平："),
    ] {
        let p = load(page);
        assert_eq!(titles(&p), ["把小杂粮做成富民大产业", "交城县检修农村电网保障冬季用电"], "{page}");
        let a = &p.articles[0];
        assert!(a.subheadings.is_empty(), "{page}: {:?}", a.subheadings);
        assert_eq!(a.paragraphs.len(), 7, "{page}: {:?}", a.paragraphs);
        for (k, para) in a.paragraphs.iter().enumerate().skip(1) {
            let label = if k % 2 == 1 { ask } else { answer };
            assert!(para.starts_with(label), "{page}: {para}");
        }
        assert!(a.paragraphs[6].ends_with("让更多农户吃上产业饭。"), "{page}: {:?}", a.paragraphs);
    }
}

#[test]
fn two_headlines_together_under_one_unbroken_body_split_it_between_them() {
    // Two articles' text runs on as one body (no byline opens the second),
    // and their two headlines stand together after it: each headline takes
    // the part of the text it names, not one title of both over all of it.
    let p = load("two_headlines_after_one_unbroken_body.txt");
    assert_eq!(titles(&p), ["中阳县新建十座村级卫生室", "石楼县红枣加工企业扩产增效"]);
    assert_eq!(p.articles[0].byline.as_deref(), Some("本报讯（记者 王敏）"));
    assert_eq!(p.articles[0].paragraphs.len(), 2, "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].paragraphs[0].starts_with("近日，石楼县"), "{:?}", p.articles[1].paragraphs);
    assert_eq!(p.articles[1].paragraphs.len(), 2, "{:?}", p.articles[1].paragraphs);
}

#[test]
fn two_headlines_together_before_one_unbroken_body_head_an_article_each() {
    // An article, then two headlines standing together over one body that
    // holds both their articles (no byline or headline between them): the
    // first is no kicker of the second (the two halves of the text share
    // none of the other headline's words), so each heads its own half.
    let p = load("two_headlines_before_one_unbroken_body.txt");
    assert_eq!(titles(&p), ["交口县启动冬季森林防火宣传月", "中阳县新建十座村级卫生室", "石楼县红枣加工企业扩产增效"]);
    assert!(p.articles[1].kicker.is_none(), "{:?}", p.articles[1].kicker);
    assert_eq!(p.articles[1].byline.as_deref(), Some("本报讯（记者 王敏）"));
    assert_eq!(p.articles[1].paragraphs.len(), 2, "{:?}", p.articles[1].paragraphs);
    assert!(p.articles[2].paragraphs[0].starts_with("近日，石楼县"), "{:?}", p.articles[2].paragraphs);
    assert_eq!(p.articles[2].paragraphs.len(), 2, "{:?}", p.articles[2].paragraphs);
    assert!(p.fragments.is_empty(), "{:?}", p.fragments);
}

#[test]
fn a_slogan_over_a_labelled_title_after_its_body_stays_the_kicker() {
    // Headlines after their bodies: a slogan of two clauses (sharing a word
    // with the body) over a labelled title. The slogan stands right after
    // the body, but the title under it names the body better: it is the
    // title, and the slogan its kicker.
    let p = load("kicker_over_label_title_after_body.txt");
    assert_eq!(titles(&p), ["【冬日走基层】交城供热管网换新", "方山县举办农产品展销会"]);
    assert_eq!(p.articles[0].kicker.as_deref(), Some("冬日温暖 实干为民"));
    assert!(p.articles[0].subtitle.is_none(), "{:?}", p.articles[0].subtitle);
    assert!(p.fragments.is_empty(), "{:?}", p.fragments);
}

#[test]
fn a_caption_between_a_headline_and_its_text_sharing_no_words_goes_to_the_article_below() {
    // An article, then the next headline, a caption, and that headline's
    // text: the caption repeats no words of either article, and it does
    // not stand under the first one's text (a headline comes between), so
    // it describes the photo printed with the article below.
    let p = load("caption_under_headline_over_its_text.txt");
    assert_eq!(titles(&p), ["方山县启动冬季植树护绿行动", "中阳县老年大学新学期开课"]);
    assert!(p.articles[0].captions.is_empty(), "{:?}", p.articles[0].captions);
    assert_eq!(p.articles[1].captions, ["图为雪后的南山公园一角。 记者 韩雪 摄"]);
    assert!(p.articles[1].paragraphs[0].starts_with("本报讯") || p.articles[1].byline.is_some());
}

#[test]
fn an_unbylined_item_opening_with_a_day_named_from_the_issue_in_a_narrower_column_stands_alone() {
    // `今天（11月21日），` opens an item as `11月21日，` does, though the
    // narrow column cuts it after `今天（11月21日），一批`.
    let p = load("item_opens_with_day_named_from_issue_at_width_change.txt");
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "临县举办红枣文化节");
    assert!(p.articles[0].paragraphs.iter().all(|q| !q.contains("石楼")), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].paragraphs[0].starts_with("今天（11月21日），一批"), "{:?}", p.articles[1].paragraphs);
}

#[test]
fn items_opening_with_a_day_after_a_closing_formula_stand_alone_in_a_column_of_the_same_width() {
    // Three items with no headline between them, in columns of one width:
    // each of the first two closes with who attended (`…参加会见。`,
    // `…参加活动。`), and the next opens with a day (`当地时间12日，`,
    // `13日，`) and runs on about someone else. A paragraph opening with a
    // day after a short sentence that is no such formula stays in its item,
    // and so does one after a formula about the visitor just met
    // (`14日上午，某国驻华大使马丁一行参观了…`).
    let p = load("items_after_closing_formula_same_width.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "市长会见来访客商代表团");
    let a = &p.articles[0].paragraphs;
    assert!(a.iter().any(|q| q.starts_with("13日上午，代表团")), "{a:?}");
    assert_eq!(a.last().map(String::as_str), Some("副市长李华参加会见。"));
    let b = &p.articles[1].paragraphs;
    assert!(b[0].starts_with("当地时间12日，市委书记"), "{b:?}");
    assert_eq!(b.last().map(String::as_str), Some("市委常委、秘书长孙立参加活动。"));
    let c = &p.articles[2].paragraphs;
    assert!(c[0].starts_with("13日，省政协主席周平"), "{c:?}");
    assert!(c.iter().any(|q| q.starts_with("14日上午，某国驻华大使马丁")), "{c:?}");
}

#[test]
fn a_headline_over_its_byline_keeps_its_lines_that_flow_like_a_paragraph() {
    // `pdftotext -layout`, two columns: in the right one, a headline of
    // four lines of even width, its first centred (so set in like a
    // paragraph's first line), stands right over its item's byline. All
    // four lines are the headline, not a paragraph ending in its last one.
    let p = load("layout_headline_over_byline.txt");
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "文水县新建三座农村幸福院");
    let b = &p.articles[1];
    let head = format!("{} {}", b.kicker.as_deref().unwrap_or(""), b.title);
    assert!(head.contains("节日市场保供在行动"), "{head}");
    assert!(b.title.contains("吕梁市市场监督管理局开展食品安全专项检查"), "{}", b.title);
    assert!(b.title.ends_with("保障节日供应"), "{}", b.title);
    assert!(b.paragraphs[0].starts_with("为保障节日期间食品安全"), "{:?}", b.paragraphs);
    assert!(!p.articles[0].paragraphs.concat().contains("市场监督管理局"), "{:?}", p.articles[0].paragraphs);
}

#[test]
fn a_headline_whose_last_line_sits_under_a_blank_row_keeps_it() {
    // `pdftotext -layout`, two columns: in the left one, a headline in large
    // type whose first two lines sit on rows next to each other (the right
    // column's text runs beside them) and whose short last line comes after
    // a blank row, right over its byline. The three lines are one headline,
    // read before the right column's text, not the last a title of its own.
    let p = load("layout_headline_tail_under_blank_row.txt");
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    let a = p.articles.iter().find(|a| a.paragraphs.concat().contains("石门小学"));
    let Some(a) = a else { panic!("{:?}", titles(&p)) };
    let head = format!("{}{}", a.kicker.as_deref().unwrap_or(""), a.title);
    assert_eq!(head, "【新春走基层】山区小学迎来第一批专职音乐和美术教师", "{:?}", titles(&p));
    assert!(a.paragraphs[0].starts_with("开学第一天"), "{:?}", a.paragraphs);
    let b = p.articles.iter().find(|b| b.title == "县图书馆新添一批少儿读物");
    let Some(b) = b else { panic!("{:?}", titles(&p)) };
    assert!(b.paragraphs.concat().ends_with("深受家长欢迎。"), "{:?}", b.paragraphs);
}

#[test]
fn a_headline_set_apart_by_a_blank_line_keeps_its_first_line() {
    // A page with no blank lines between its lines but one: before a
    // headline of two lines, the first (a column's label and a place, ending
    // in a colon) as wide as the text above it. The blank line marks where
    // the headline starts: its first line is not the last of the body above.
    let p = load("layout_headline_after_blank_line.txt");
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    let b = &p.articles[1];
    let head = format!("{}{}", b.kicker.as_deref().unwrap_or(""), b.title);
    assert!(head.starts_with("【冬日暖阳·记者走基层】石楼县"), "{head}");
    assert!(head.ends_with("三百余户搬迁群众住进新居"), "{head}");
    assert!(!p.articles[0].paragraphs.concat().contains("石楼"), "{:?}", p.articles[0].paragraphs);
}

#[test]
fn items_turning_to_another_subject_stand_alone_in_a_column_of_the_same_width() {
    // Three items with no headline between them, in columns of one width:
    // the second and third open with their subject before their day
    // (`全国政协主席某某3日在京会见…`, `南方某省应急管理厅4日召开会议，`),
    // and the first sentence of each shares none of the words of the item
    // before it. A paragraph opening with a day that names the item's own
    // subject (`10日上午，临县红枣合作社…`) stays in its item.
    let p = load("items_turning_away_same_width.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "临县红枣喜获丰收");
    let a = &p.articles[0].paragraphs;
    assert!(a.iter().any(|q| q.starts_with("10日上午，临县红枣合作社")), "{a:?}");
    assert!(a.last().is_some_and(|q| q.starts_with("据了解，全县已建成")), "{a:?}");
    let b = &p.articles[1].paragraphs;
    assert!(b[0].starts_with("全国政协主席某某3日在京会见"), "{b:?}");
    assert!(b.last().is_some_and(|q| q.starts_with("马可一行还将赴上海")), "{b:?}");
    let c = &p.articles[2].paragraphs;
    assert!(c[0].starts_with("南方某省应急管理厅4日召开会议"), "{c:?}");
}

#[test]
fn a_paragraphs_first_lines_over_a_headline_that_read_as_sentences_are_body() {
    // A paragraph cut at a column's end (`刘洋指出，…，深` / `入开展…`)
    // stands right over the next item's headline: a line opening with a
    // reporting clause, or holding two commas, is running text, not a kicker.
    let p = load("paragraph_head_over_headline_reads_as_sentence.txt");
    assert_eq!(titles(&p), ["孝义市举办春季招聘会", "汾阳市启动春季植树活动"]);
    assert_eq!(p.articles[1].kicker, None);
    let last = p.articles[0].paragraphs.last().map_or("", String::as_str);
    assert!(last.starts_with("刘洋指出，要全面落实就业优先政策"), "{:?}", p.articles[0].paragraphs);
}

#[test]
fn a_paragraph_opening_with_a_short_clause_over_a_headline_is_body() {
    // `今年，…` after the end of a sentence opens a paragraph, here cut at
    // a column's end right over the next item's headline: not its kicker.
    let p = load("short_opening_clause_over_headline.txt");
    assert_eq!(titles(&p), ["文水县举办农民丰收节", "交城县开展秋季森林防火检查"]);
    assert_eq!(p.articles[1].kicker, None);
    let last = p.articles[0].paragraphs.last().map_or("", String::as_str);
    assert!(last.starts_with("今年，文水县粮食播种面积"), "{:?}", p.articles[0].paragraphs);
}

#[test]
fn a_headline_wrapped_line_after_line_at_its_box_width_is_one_title() {
    // Two headlines wrapped over lines of one width and a shorter last line,
    // as `pdftotext` prints a headline set in a narrow box: the first line
    // is no kicker (`…负责人强调`), the line under a dash cut in two
    // (`…明天—` / `—记…`) no subtitle. A kicker standing over the headline
    // a blank line apart stays its kicker.
    let p = load("headline_wrapped_at_box_width.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    assert_eq!(p.articles[1].title, "省农业农村厅负责人强调秋粮收购工作要做到应收尽收颗粒归仓");
    assert_eq!(p.articles[1].kicker.as_deref(), Some("金秋时节 粮丰人和"));
    assert_eq!(p.articles[2].title, "为了乡村更美好的明天——记交口县驻村第一书记王晓东");
    assert_eq!(p.articles[2].subtitle, None);
    assert!(p.fragments.is_empty(), "{:?}", p.fragments);
}

#[test]
fn a_short_line_over_a_labelled_title_is_its_kicker_not_the_title() {
    // `乡村振兴进行时` over `【记者手记】一粒种子 一村希望`, a blank line
    // between them: the body tells of 乡村振兴, not of the title's words,
    // yet a labelled title is the headline and the short line its kicker.
    let p = load("kicker_over_label_title_lines.txt");
    assert_eq!(
        titles(&p),
        ["岚县举办马铃薯产业发展论坛", "【记者手记】一粒种子 一村希望", "方山县冬季供暖准备工作就绪"]
    );
    assert_eq!(p.articles[1].kicker.as_deref(), Some("乡村振兴进行时"));
    assert!(p.articles[1].subtitle.is_none(), "{:?}", p.articles[1].subtitle);
}

#[test]
fn a_caption_inside_an_article_does_not_cut_off_the_paragraph_reporting_what_was_said_after_it() {
    // A caption on another subject stands between two paragraphs of one
    // article; the paragraph after it opens `据介绍，` (no day, no place of
    // its own): it goes on with the article, the caption starts no item.
    let p = load("caption_inside_article_reported_speech_after.txt");
    assert_eq!(titles(&p), ["方山县建成一批农村寄宿制学校", "中阳县开通城乡公交新线路"]);
    assert!(p.articles[0].paragraphs.iter().any(|q| q.starts_with("据介绍，接下来")), "{:?}", p.articles[0].paragraphs);
    assert_eq!(p.articles[0].captions, ["图为师生在操场上参加升旗仪式。 记者 赵敏 摄"]);
}

#[test]
fn a_headline_under_a_continuation_mark_is_a_headline_not_the_continued_body() {
    // `（上接1版）`, then a headline wrapped in a narrow column over a
    // dateline: the headline is one title, the body starts after the dateline.
    let p = load("headline_under_continuation_mark.txt");
    assert_eq!(titles(&p), ["交城县举办青少年书法展", "“守住耕地红线、牢牢把粮食生产的底子打牢”"]);
    assert!(p.articles[1].paragraphs[0].starts_with("“今年我们村的冬小麦"), "{:?}", p.articles[1].paragraphs);
}

#[test]
fn a_kicker_shaped_line_over_a_title_wrapped_at_its_box_width_stays_the_kicker() {
    // `…时强调` at the head of a headline run, as wide as the lines of the
    // title wrapped at its box width under it: the run's first line, in a
    // kicker's form, is the kicker, not the title's first line.
    let p = load("kicker_shaped_line_over_title_at_box_width.txt");
    assert_eq!(
        titles(&p),
        ["交城县举办秋季农产品展销会", "做好秋粮收购 确保农民售粮方便", "中阳县开展冬季森林防火演练"]
    );
    assert_eq!(p.articles[1].kicker.as_deref(), Some("孙大军在秋收会议上强调"));
    assert!(p.fragments.is_empty(), "{:?}", p.fragments);
}

#[test]
fn a_slogan_over_a_headline_is_its_kicker_not_the_title_of_an_untitled_item() {
    // `乡村振兴进行时` stands over `岚县马铃薯喜获丰收` and its text; an item
    // with no headline further down shares a word with the slogan
    // (`振兴`): the slogan is the kicker of the headline under it, and the
    // untitled item gets a title from its own text.
    let p = load("slogan_over_headline_untitled_item_after.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    assert_eq!(p.articles[1].title, "岚县马铃薯喜获丰收");
    assert_eq!(p.articles[1].kicker.as_deref(), Some("乡村振兴进行时"));
    assert!(p.articles[2].title_inferred, "{:?}", titles(&p));
    assert!(p.articles[2].paragraphs[0].starts_with("近日，临县"), "{:?}", p.articles[2].paragraphs);
}

#[test]
fn a_notice_title_cut_in_guanyu_keeps_a_tail_wider_than_its_head() {
    // `交口县自然资源局关` / `于开展…的通知`: the tail, wider than the line
    // over it and set apart from the text by a blank line, is read as the
    // text's first line unless the cut inside `关于` carries it back.
    let p = load("notice_title_cut_in_guanyu_tail_wider.txt");
    assert_eq!(titles(&p), ["孝义市举办秋季职业技能大赛", "交口县自然资源局关于开展耕地保护专项检查工作的通知"]);
    assert!(p.articles[1].paragraphs[0].starts_with("各乡镇人民政府"), "{:?}", p.articles[1].paragraphs);
}

#[test]
fn a_continuation_mark_over_a_headline_goes_to_the_item_that_headline_heads() {
    // `（上接1版）` printed over the headline, the body under it (headlines
    // before their bodies), and over the headline printed after its body
    // (headlines after): either way the mark is the kicker of the item the
    // headline is paired with, not a fragment of its own.
    for (page, n) in
        [("continuation_mark_over_headline_before_body.txt", 2), ("continuation_mark_over_headline_after_body.txt", 3)]
    {
        let p = load(page);
        assert_eq!(p.articles.len(), n, "{page}: {:?}", titles(&p));
        let a = &p.articles[1];
        assert_eq!(a.title, "“让每一块稻田都长出好日子”", "{page}: {:?}", titles(&p));
        assert_eq!(a.kicker.as_deref(), Some("（上接1版）"), "{page}");
        assert_eq!(a.kind, lvread::model::Kind::Continuation, "{page}");
        assert!(a.paragraphs[0].starts_with("走进稻田边的合作社"), "{page}: {:?}", a.paragraphs);
        assert!(p.fragments.is_empty(), "{page}: {:?}", p.fragments);
    }
}

#[test]
fn a_photo_item_sharing_only_words_other_items_print_too_stands_alone() {
    // A photo item after an article on the same broad theme: the words it
    // shares with the article before (`乡村振兴`, `推进`, `产业发展`) are
    // printed by the item after it too, so they say nothing of one subject.
    let p = load("photo_item_sharing_only_page_wide_words.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    assert!(p.articles[0].captions.is_empty(), "{:?}", p.articles[0].captions);
    assert!(p.articles[0].paragraphs.iter().all(|q| !q.contains("红枣")), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].title_inferred, "{:?}", titles(&p));
    assert!(p.articles[1].paragraphs[0].starts_with("近日，临县红枣加工厂"), "{:?}", p.articles[1].paragraphs);
    assert_eq!(p.articles[1].captions, ["图为工人在红枣加工厂分拣红枣。 记者 李明 摄"]);
    assert_eq!(p.articles[2].title, "岚县推进马铃薯产业发展");
}

#[test]
fn an_unbylined_item_opening_with_a_date_on_another_subject_in_a_column_of_the_same_width_stands_alone() {
    // A finished article, then `3月5日，` opening a text that shares none
    // of its words, in a column of the same width: another item.
    let p = load("item_opens_with_date_on_another_subject_same_width.txt");
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "临县推进冬季农田水利建设");
    assert!(p.articles[0].paragraphs.iter().all(|q| !q.contains("石楼")), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].paragraphs[0].starts_with("3月5日，石楼县图书馆"), "{:?}", p.articles[1].paragraphs);
}

#[test]
fn an_item_signed_with_a_closing_byline_ends_before_a_lead_naming_its_subject_before_its_day() {
    // `（李明）` signs the report of a meeting; the paragraph after it, in a
    // column of the same width, opens as a news item naming its subject
    // before its day (`临县县委书记王刚12日在…调研`): another item. (Either
    // alone is common inside one article; the boundary table fitted on the
    // items, `fit_boundary --items`, weighs the two together above the
    // cost of the gap.)
    let p = load("signed_item_then_subject_lead_same_width.txt");
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "吕梁市召开秋季植树造林工作推进会");
    assert!(p.articles[0].paragraphs.iter().all(|q| !q.contains("王刚")), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].paragraphs[0].starts_with("临县县委书记王刚12日"), "{:?}", p.articles[1].paragraphs);
}

#[test]
fn a_headline_stacked_under_a_slogan_title_its_lead_hardly_names_splits_the_body() {
    // Two headlines printed together over one unbroken body; the first is
    // a label and a slogan (`【奋进新征程】凝心聚力 谱写…崭新篇章`) its
    // body's lead names little of. The body turns cleanly to the second headline's
    // subject at a dated opener naming it, and neither part holds the
    // other headline's words: two articles, not one title of both lines.
    let p = load("raw_stacked_headline_under_slogan_title.txt");
    assert_eq!(titles(&p), ["【奋进新征程】凝心聚力 谱写乡村振兴崭新篇章", "孝义市同临县签署文旅合作协议"]);
    assert!(p.articles[0].paragraphs.iter().all(|q| !q.contains("孝义")), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].paragraphs[0].starts_with("10月18日，孝义市"), "{:?}", p.articles[1].paragraphs);
}

#[test]
fn a_notice_keeps_its_signatory_and_date_set_right_over_another_column() {
    // `pdftotext -layout`: a notice in a box wider than the columns under
    // it, its signatory and date set flush right, the date starting where
    // the right column of the item under the box starts. The two lines
    // close the notice, not open that column's text.
    let p = load("layout_notice_signatory_set_right.txt");
    let notice = p.articles.iter().find(|a| a.title.ends_with("防火检查的通告"));
    let Some(notice) = notice else { panic!("{:?}", titles(&p)) };
    let n = &notice.paragraphs;
    assert!(n.len() >= 3, "{n:?}");
    assert_eq!(n[n.len() - 2..], ["某某县自然资源局", "2024年12月1日"], "{n:?}");
    let library = p.articles.iter().find(|a| a.title == "某某县图书馆新添一批少儿读物");
    let Some(library) = library else { panic!("{:?}", titles(&p)) };
    let text = library.paragraphs.concat();
    assert!(!text.contains("自然资源局") && !text.contains("2024年"), "{:?}", library.paragraphs);
    assert!(text.contains("每周末举办读书会"), "{:?}", library.paragraphs);
}

#[test]
fn a_headline_stacked_under_a_title_wrapped_over_two_lines_splits_the_body() {
    // pdftotext -raw prints two headlines together over one unbroken body;
    // the first wraps onto a second line that names little of its body on
    // its own. Whether the next line is a headline of its own is read on
    // the whole first headline, not on its wrapped last line alone.
    let p = load("raw_stacked_headline_under_wrapped_title.txt");
    assert_eq!(
        titles(&p),
        [
            "文水县举办秋季农产品展销会并开展消费帮扶系列活动乡镇合作社踊跃参加引发热烈反响",
            "交城县致电祝贺新一届驻村工作队全体队员顺利到岗"
        ]
    );
    assert!(p.articles[1].paragraphs[0].starts_with("10月12日，交城县委"), "{:?}", p.articles[1].paragraphs);
}

#[test]
fn a_line_opening_on_the_papers_own_place_under_a_headline_is_its_subtitle() {
    // A short title, then a line opening on `我县` (the paper's own place
    // as the subject of a clause of its own): a subtitle, not the title's
    // wrapped tail.
    let p = load("headline_over_subtitle_on_own_place.txt");
    assert_eq!(titles(&p), ["临县今年新建改建农村公路一百二十公里", "让乡村“颜值”再提升"]);
    assert_eq!(p.articles[1].subtitle.as_deref(), Some("我县全力推进农村人居环境整治"));
    assert!(p.articles[1].paragraphs[0].starts_with("入冬以来"), "{:?}", p.articles[1].paragraphs);
}

#[test]
fn a_headline_among_body_lines_on_a_page_printing_no_blank_line_starts_its_item() {
    // As `pdftotext -raw` prints a page: no blank line anywhere, so the
    // second item's headline (no byline under it) stands among body lines,
    // after a finished sentence, its words coming back in the lead under
    // it and not in the text before it.
    let p = load("raw_headline_among_body_lines.txt");
    assert_eq!(titles(&p), ["交口县新建三座乡村图书室", "石楼县举办红枣产业技能培训班"]);
    assert!(p.articles[0].paragraphs.iter().all(|q| !q.contains("石楼")), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].paragraphs[0].starts_with("11月20日，石楼县"), "{:?}", p.articles[1].paragraphs);
}

#[test]
fn a_notice_opening_straight_after_an_item_with_no_headline_stands_alone() {
    // Headlines after their bodies; an item with no headline of its own,
    // then a notice whose preamble (`为进一步做好…现将有关事项通告如下：`)
    // follows its last sentence with nothing between: the notice is an
    // item of its own, with the title printed after it.
    let p = load("notice_after_item_no_headline_between.txt");
    let t = titles(&p);
    assert_eq!(p.articles.len(), 4, "{t:?}");
    assert!(p.articles[1].paragraphs.iter().all(|q| !q.contains("供暖")), "{:?}", p.articles[1].paragraphs);
    assert!(p.articles[1].paragraphs[0].starts_with("近日，临县"), "{:?}", p.articles[1].paragraphs);
    assert_eq!(p.articles[2].title, "方山县住房和城乡建设局关于做好冬季供暖保障工作的通告", "{t:?}");
    assert!(p.articles[2].paragraphs[0].starts_with("为进一步做好冬季供暖"), "{:?}", p.articles[2].paragraphs);
    assert_eq!(p.articles[3].title, "交口县部署农村人居环境整治工作", "{t:?}");
}

#[test]
fn a_headline_after_its_body_gets_back_a_tail_cutting_a_word_its_body_prints() {
    // Headlines after their bodies; the second headline is broken inside
    // `融合` (`岚县推动文旅深度融` / `合发展 多条冬季线路受热捧`) and its
    // tail, under a blank line, was read as the first line of the next
    // item's text. The body over the headline prints `融合发展`: the tail
    // goes back to its headline.
    let p = load("headline_after_tail_word_in_body_above.txt");
    let t = titles(&p);
    assert_eq!(p.articles.len(), 3, "{t:?}");
    assert_eq!(p.articles[1].title, "岚县推动文旅深度融合发展 多条冬季线路受热捧", "{t:?}");
    assert!(p.articles[2].paragraphs[0].starts_with("2日，方山县"), "{:?}", p.articles[2].paragraphs);
}

#[test]
fn a_subtitle_naming_who_chaired_stays_a_subtitle_when_broken_or_under_a_line_ending_on_dui() {
    // `刘建国主持会` / `议并讲话`: a subtitle broken over two lines is one
    // subtitle, no part of the title; `陈志明作具体部署` under a title
    // ending on `应对` (`对` may read on) is the subtitle too.
    let p = load("subtitle_name_broken_and_after_dui.txt");
    let t = titles(&p);
    assert_eq!(t, ["全市冬季安全生产工作会议召开", "寒潮来袭 各县区积极应对"]);
    assert_eq!(p.articles[0].subtitle.as_deref(), Some("刘建国主持会议并讲话"));
    assert_eq!(p.articles[1].subtitle.as_deref(), Some("陈志明作具体部署"));
}

#[test]
fn a_headline_number_cut_from_its_unit_is_one_title() {
    // `2024` / `年冬季农产品展销会开幕`: a number alone on its line is no
    // kicker; the line under it opens on its unit.
    let p = load("headline_number_cut_from_its_unit.txt");
    let t = titles(&p);
    assert_eq!(t.len(), 2, "{t:?}");
    assert_eq!(p.articles[1].title, "2024年冬季农产品展销会开幕", "{t:?}");
    assert_eq!(p.articles[1].kicker, None);
}

#[test]
fn a_boxed_byline_glued_after_the_last_sentence_of_the_item_before_starts_an_item() {
    // pdftotext glued the next item's boxed byline (`□ 本报记者 …`, its last
    // name wrapped onto a line of its own) to the end of the last line of
    // the item before, after its full stop: the byline is split off and
    // opens the second item.
    let p = load("pdftotext_boxed_byline_glued_after_a_full_stop.txt");
    assert_eq!(titles(&p), ["文水县农田水利建设成效明显", "交城县志愿者走进敬老院送温暖"]);
    let first = p.articles[0].paragraphs.concat();
    assert!(first.ends_with("种地更加省心省力。"), "{:?}", p.articles[0].paragraphs);
    assert_eq!(p.articles[1].byline.as_deref(), Some("□ 本报记者 王晓 刘明"));
    assert!(p.articles[1].paragraphs[0].starts_with("入冬以来"), "{:?}", p.articles[1].paragraphs);
}

#[test]
fn a_headline_as_wide_as_the_column_over_a_dated_lead_starts_an_item() {
    // pdftotext -raw prints no blank lines: the second item (no byline)
    // has its headline as wide as the column, between the last sentence of
    // the item before and a lead opening on its day (`今天（9月23日），`)
    // that names what the headline says.
    let p = load("raw_headline_as_wide_as_the_column_over_a_lead.txt");
    assert_eq!(titles(&p), ["文水县举办农民丰收节庆祝活动", "交城县为全县枣农举办骏枣科学管理技术专题培训班"]);
    assert!(p.articles[0].paragraphs.concat().ends_with("秋收秋种各项工作。"), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].paragraphs[0].starts_with("今天（9月23日）"), "{:?}", p.articles[1].paragraphs);
}

#[test]
fn a_notice_title_as_wide_as_the_column_with_no_blank_line_starts_an_item() {
    // pdftotext -raw sets nothing apart by blank lines: a notice's title
    // (`…关于…的通告`), as wide as the column, right after the last sentence
    // of the item before, still starts the notice.
    let p = load("raw_notice_title_as_wide_as_the_column.txt");
    assert_eq!(titles(&p), ["文水县举办农民丰收节庆祝活动", "某某县自然资源局关于开展秋冬季森林防火检查的通告"]);
    assert!(p.articles[0].paragraphs.concat().ends_with("秋收秋种各项工作。"), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].paragraphs[0].starts_with("为进一步做好"), "{:?}", p.articles[1].paragraphs);
}

#[test]
fn a_headline_over_a_lead_naming_its_subject_before_its_day_starts_an_item() {
    // No blank lines (pdftotext -raw): the second item's headline stands
    // between the last sentence of the item before and a lead naming its
    // subject before its day (`市长张某某22日在吕梁会见…`) that repeats the
    // headline's words.
    let p = load("raw_headline_over_a_lead_naming_its_subject.txt");
    assert_eq!(titles(&p), ["文水县举办农民丰收节庆祝活动", "吕梁市与某某集团签署新能源产业合作框架协议"]);
    assert!(p.articles[1].paragraphs[0].starts_with("市长张某某22日"), "{:?}", p.articles[1].paragraphs);
}

#[test]
fn a_short_headline_naming_the_text_under_it_after_a_news_item_starts_that_item() {
    // A news item (`本报讯`), then a headline of nine characters over an
    // unbylined text it names (and the item before does not): a headline,
    // not a subheading of the news item, though shorter than ten characters
    // (the fitted `Cut::HeadlineLikeChars`, `Cut::NamesNext`).
    let p = load("short_headline_over_item_after_news_item.txt");
    assert_eq!(titles(&p), ["文水县农民丰收节开幕", "交城县骏枣喜获丰收"]);
    assert!(p.articles[0].subheadings.is_empty(), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].paragraphs[0].starts_with("赶在农民丰收节前后"), "{:?}", p.articles[1].paragraphs);
}

#[test]
fn a_headline_wrapped_over_a_box_set_across_columns_is_one_title() {
    // A PDF page read by pdftotext: a box set across several columns gives
    // body lines as long as a paragraph, but they break mid-sentence, so
    // the page does not print one paragraph per line, and the headline
    // over the box wraps (`…提升群众出行` / `安全水平`, the body printing
    // `出行安全`): its tail is no subtitle.
    let p = load("wide_box_headline_wrapped.txt");
    assert_eq!(
        titles(&p),
        ["吕梁市交通运输局部署进一步加强农村公路养护管理提升群众出行安全水平", "孝义市举办冬季农产品展销会"]
    );
    assert_eq!(p.articles[0].subtitle, None);
    assert_eq!(p.articles[0].byline.as_deref(), Some("本报讯（记者 高晓峰）"));
}

#[test]
fn an_unbylined_item_whose_first_sentence_shares_one_word_of_twenty_two_stands_alone() {
    // A finished article on farmland, then `近日，` opening a report on a
    // school's sports day whose first sentence (22 words) shares one word
    // only, the county's name, with it: another subject, another item. The
    // share of words it may share is a fitted cut-off (`Cut::TurnShared`):
    // at 0.04, the value set by hand before, the report stayed in the
    // article (one word of 22 is 4.5%).
    let name = "item_opens_sharing_one_word_of_twenty_two.txt";
    let p = load(name);
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "岚县加快建设高标准农田");
    assert!(p.articles[0].paragraphs.iter().all(|q| !q.contains("运动会")), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].paragraphs[0].starts_with("近日，岚县第二中学"), "{:?}", p.articles[1].paragraphs);
    // The loader reads the cut-off from the table it is given.
    let text = std::fs::read_to_string(format!("{}/tests/pages/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut strict = Params::COMMITTED;
    strict.cuts[Cut::TurnShared as usize] = 0.04;
    let q = loader::load_prepared(name, &loader::prepare(&text), &strict, None);
    assert_eq!(q.articles.len(), 1, "{:?}", titles(&q));
}

#[test]
fn an_item_naming_its_subject_before_its_day_after_a_closing_formula_stands_alone() {
    // A meeting report closing with who attended (`…参加会见。`), then with
    // no headline, byline or date of its own a report naming its subject
    // before its day (`省政协主席周平13日在太原会见…`), a subject the report
    // before never names: the closing formula counts there as after a lead
    // opening with a day (`Term::ClosingFormula`, 102 fitted; at 100 the
    // gap tied at 0 and the two reports were one).
    let name = "subject_lead_after_closing_formula.txt";
    let p = load(name);
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "市长会见来访客商代表团");
    assert_eq!(p.articles[0].paragraphs.last().map(String::as_str), Some("副市长李华参加会见。"));
    assert!(p.articles[1].paragraphs[0].starts_with("省政协主席周平13日"), "{:?}", p.articles[1].paragraphs);
    // At the weights before (`SubjectLead` was 50 too), the gap ties at 0
    // and starts no item.
    let text = std::fs::read_to_string(format!("{}/tests/pages/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut before = Params::COMMITTED;
    before.weights[lvread::loader::boundary::Term::ClosingFormula as usize] = 100.0;
    before.weights[lvread::loader::boundary::Term::SubjectLead as usize] = 50.0;
    let q = loader::load_prepared(name, &loader::prepare(&text), &before, None);
    assert_eq!(q.articles.len(), 1, "{:?}", titles(&q));
}

#[test]
fn an_item_naming_its_subject_before_its_day_where_the_column_narrows_stands_alone() {
    // A news item, then with no headline, byline or date of its own a
    // report naming its subject before its day (`岚县县长王刚18日在…`) set
    // in a column eight or more characters narrower: as an opener with a
    // day (`近日，`) there, it starts an item (`Term::SubjectLead` 51
    // fitted; at 50 the gap tied at 0).
    let name = "subject_lead_at_width_change.txt";
    let p = load(name);
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "吕梁市启动冬季清洁取暖改造");
    assert!(p.articles[0].paragraphs.iter().all(|q| !q.contains("岚县")), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].paragraphs[0].starts_with("岚县县长王刚18日"), "{:?}", p.articles[1].paragraphs);
    let text = std::fs::read_to_string(format!("{}/tests/pages/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut before = Params::COMMITTED;
    before.weights[lvread::loader::boundary::Term::SubjectLead as usize] = 50.0;
    let q = loader::load_prepared(name, &loader::prepare(&text), &before, None);
    assert_eq!(q.articles.len(), 1, "{:?}", titles(&q));
}

/// The photo-item cuts as they were hand-set before they were fitted
/// (`Cut::PhotoTextShared`, `PhotoCaptionShared`, `PhotoTextUnnamed` all
/// 0.2): a test page loaded with them shows what the fit changed.
fn with_photo_cuts_hand_set(name: &str) -> Page {
    let text =
        std::fs::read_to_string(format!("{}/tests/pages/{name}", env!("CARGO_MANIFEST_DIR"))).expect("the test page");
    let mut before = Params::COMMITTED;
    for cut in [Cut::PhotoTextShared, Cut::PhotoCaptionShared, Cut::PhotoTextUnnamed] {
        before.cuts[cut as usize] = 0.2;
    }
    loader::load_prepared(name, &loader::prepare(&text), &before, None)
}

#[test]
fn a_last_paragraph_sharing_words_with_its_article_over_a_caption_not_naming_it_stays() {
    // An article's last paragraph shares a few of its words with the text
    // before (`水质`, `农村群众`, `放心`: between a tenth and a fifth of
    // its words) and stands over a caption that names neither it nor the
    // article: a photo item's caption names what its own text reports, so
    // the paragraph is no photo item (`Cut::PhotoTextUnnamed`, fitted).
    let name = "last_paragraph_over_a_caption_not_naming_it.txt";
    let p = load(name);
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "吕梁市城乡供水一体化工程全面完工");
    assert!(p.articles[0].paragraphs.last().is_some_and(|q| q.starts_with("下一步")), "{:?}", p.articles[0].paragraphs);
    // With the cuts hand-set, the paragraph was cut off as a photo item.
    assert_eq!(with_photo_cuts_hand_set(name).articles.len(), 3);
}

#[test]
fn a_photo_item_whose_caption_shares_a_few_words_with_the_article_before_stands_alone() {
    // A photo item's text shares next to none of the words of the article
    // before it; its caption names the text (`大棚`, `抢收`, `蔬菜`) and
    // shares more than a fifth of its words with the article (`农村群众`,
    // `新建`): the photo item stands alone (`Cut::PhotoCaptionShared`,
    // fitted, was 0.2).
    let name = "photo_item_under_a_caption_naming_it.txt";
    let p = load(name);
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    assert!(p.articles[0].paragraphs.iter().all(|q| !q.contains("孝义")), "{:?}", p.articles[0].paragraphs);
    let photo = &p.articles[1];
    assert!(photo.paragraphs[0].starts_with("孝义市各乡镇菜农"), "{:?}", photo.paragraphs);
    assert_eq!(photo.captions, ["图为农村群众在新建的大棚内抢收蔬菜。 记者 李强 摄"]);
    // With the cuts hand-set, it ran on in the article before; since
    // qsplit4 a paragraph of a photo item's shape that fails the cuts is
    // still weighed at its gap (`Term::PhotoShape`), and this one, sharing
    // next to none of the article's words, stands alone there too.
    assert_eq!(with_photo_cuts_hand_set(name).articles.len(), 3);
}

#[test]
fn a_sentence_ending_short_before_a_number_that_would_have_fitted_ends_its_paragraph() {
    // `pdftotext` text with no indents: a paragraph ends four columns
    // short before `2024年` and two short before `8日`. A number is not
    // broken, so a line may end short before one and run on, but only when
    // the number did not fit: `2024` is four columns and `8` one, so both
    // gaps would have held them, and each sentence ends its paragraph.
    let p = load("paragraph_end_before_a_number_that_would_fit.txt");
    assert_eq!(titles(&p), ["某某县举办农民丰收节"]);
    let paras = &p.articles[0].paragraphs;
    assert_eq!(paras.len(), 3, "{paras:?}");
    assert!(paras[0].ends_with("真热闹。"), "{paras:?}");
    assert!(paras[1].starts_with("2024年") && paras[1].ends_with("以上。"), "{paras:?}");
    assert!(paras[2].starts_with("8日"), "{paras:?}");
}

#[test]
fn a_headline_tail_set_in_wider_than_the_body_column_goes_with_the_headline() {
    // A centred headline's second line, set in with spaces yet wider than
    // the column of the body under it, over the body's first line set in
    // by its width alone: no line of that body, the rest of the headline.
    let p = load("headline_tail_set_in_wider_than_body_column.txt");
    assert_eq!(
        titles(&p),
        ["县热力公司扩建工程完工", "全县冬季供暖工作推进会在县城隆重召开王明出席会议并讲话部署冬季供暖工作"]
    );
    assert!(p.articles[1].paragraphs[0].starts_with("本县冬季供暖工作推进会"), "{:?}", p.articles[1].paragraphs);
}

// Task qtitle (twentieth round): wrong titles.

#[test]
fn a_headline_whose_last_words_end_like_a_cartoon_credit_stays_a_headline() {
    // Two headlines of two clauses each, the second clause ending in `画`
    // or `作` glued to the words before it (`景色如画`, `深化合作`), as a
    // cartoon's credit ends (`王强 作`). A credit sets the artist's name
    // apart from its verb; these are headlines over their bodies. The
    // cartoon at the foot, its credit set apart, is still a cartoon.
    let p = load("headline_ending_like_a_cartoon_credit.txt");
    assert_eq!(titles(&p), ["春到山乡 景色如画", "两地携手 深化合作", "丰收的喜悦"]);
    assert!(p.articles[0].paragraphs[0].starts_with("连日来"), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].paragraphs[0].starts_with("12日"), "{:?}", p.articles[1].paragraphs);
    assert_eq!(p.articles[2].kind, lvread::model::Kind::Cartoon);
    assert_eq!(p.articles[2].byline.as_deref(), Some("王强 作"));
}

#[test]
fn a_wrapped_headline_heading_the_page_over_a_set_in_line_is_a_headline() {
    // `pdftotext` text with the indents dropped: the page opens with two
    // lines that end no sentence, then a line two characters short of the
    // column over full lines: a paragraph's first line, set in. A paragraph
    // ends its sentence before the next opens, so the two lines over it
    // are the headline, wrapped in a narrow column, not the body's text.
    let p = load("wrapped_headline_at_page_head_over_set_in_text.txt");
    assert_eq!(titles(&p), ["某某县林业局部署今冬森林防火检查工作"]);
    let paras = &p.articles[0].paragraphs;
    assert_eq!(paras.len(), 2, "{paras:?}");
    assert!(paras[0].starts_with("为切实做好"), "{paras:?}");
}

// Task qpara (twentieth round): paragraph starts missed and paragraphs
// split wrongly.

#[test]
fn a_short_body_reads_its_first_lines_set_in_from_the_rest_of_the_page() {
    // `pdftotext` text with the indents dropped: the first article's
    // paragraphs open two characters in (16 of the column's 18), which its
    // sure paragraph starts show. The second article is too short to tell
    // by itself (its one sure start ends with a comma hanging past the
    // first line's room): its first line, ending a sentence two characters
    // short, is full for a first line, and its paragraph goes on into the
    // short line under it. Read alone, the gap ended the paragraph there.
    let p = load("first_lines_set_in_told_by_the_page.txt");
    assert_eq!(titles(&p), ["某某县全力做好冬季供暖保障工作", "某某村新修了文化广场"]);
    assert_eq!(p.articles[0].paragraphs.len(), 3, "{:?}", p.articles[0].paragraphs);
    let paras = &p.articles[1].paragraphs;
    assert_eq!(paras.len(), 2, "{paras:?}");
    assert_eq!(paras[0], "今年，某某村新修了一座文化广场。晚上村民都来跳舞。");
    assert!(paras[1].starts_with("村里在广场") && paras[1].ends_with("拉拉家常。"), "{paras:?}");
}

#[test]
fn a_one_line_paragraph_before_a_first_line_hanging_a_comma_reads_on_from_a_full_line() {
    // `pdftotext` text, indents dropped, first lines set two characters in:
    // a sentence of one line (`县水利局…指导。`) after a full line ending
    // a sentence shows no break (a reader takes it for the paragraph's
    // last line), though the first line after it, hanging its comma past
    // its room, is one column short of the column rather than two
    // characters: without the comma it is a first line set in.
    let p = load("one_line_paragraph_before_a_first_line_hanging_a_comma.txt");
    assert_eq!(titles(&p), ["某某县开展冬季农田水利建设"]);
    let paras = &p.articles[0].paragraphs;
    assert_eq!(paras.len(), 3, "{paras:?}");
    assert!(paras[1].starts_with("全县共投入") && paras[1].ends_with("驻村指导。"), "{paras:?}");
    assert!(paras[2].starts_with("各乡镇都"), "{paras:?}");
}

#[test]
fn a_last_line_set_in_over_its_trailing_byline_is_a_paragraph_of_its_own() {
    // `pdftotext` text, indents dropped, first lines set two characters in:
    // after a full line ending a sentence, the body's last line (one
    // sentence, four columns short of the column) is followed by its
    // trailing byline on a line of its own, though `（王` would have fitted
    // in the gap: the line's room ended two characters in, so it opens the
    // last paragraph.
    let p = load("last_line_set_in_over_its_trailing_byline.txt");
    assert_eq!(titles(&p), ["某某县举办全民健身运动会"]);
    let a = &p.articles[0];
    assert_eq!(a.paragraphs.len(), 3, "{:?}", a.paragraphs);
    assert_eq!(a.paragraphs[2], "县委副书记李四参加了当天的活动。");
    assert_eq!(a.byline.as_deref(), Some("（王五）"));
}

// Task qbound (twentieth round): items merged into the item before them.

#[test]
fn a_photo_item_after_a_closing_formula_stands_alone_though_it_names_the_same_leader() {
    // A meeting report closes with its formula (`副市长李华参加会见。`);
    // then a sentence opening like a lead (`11月12日上午，`) over a
    // caption: the same mayor at another event, so it shares many of the
    // report's words, yet the report has been closed and the sentence is
    // a photo item of its own, its caption with it.
    let p = load("photo_item_after_a_closing_formula.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "吕梁市市长会见来访企业代表团");
    assert!(
        p.articles[0].paragraphs.last().is_some_and(|q| q == "副市长李华参加会见。"),
        "{:?}",
        p.articles[0].paragraphs
    );
    assert!(p.articles[0].captions.is_empty(), "{:?}", p.articles[0].captions);
    let photo = &p.articles[1];
    assert!(photo.title_inferred, "{:?}", titles(&p));
    assert_eq!(photo.paragraphs.len(), 1, "{:?}", photo.paragraphs);
    assert!(photo.paragraphs[0].starts_with("11月12日上午"), "{:?}", photo.paragraphs);
    assert_eq!(photo.captions, ["图为推进会现场。 记者 王红 摄"]);
    assert_eq!(p.articles[2].title, "交城县举办青少年书法展");
}

#[test]
fn a_closing_formula_listing_many_names_still_closes_its_report() {
    // As above, but the formula names five officials (`副市长某某、市政府
    // 秘书长某某、…等参加会见。`), longer than a short formula: a list
    // joined by `、` with no clause of its own still closes the report, and
    // the sentence over the caption after it is a photo item of its own.
    let p = load("photo_item_after_a_closing_formula_listing_names.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    assert!(
        p.articles[0].paragraphs.last().is_some_and(|q| q.ends_with("等参加会见。")),
        "{:?}",
        p.articles[0].paragraphs
    );
    let photo = &p.articles[1];
    assert!(photo.title_inferred, "{:?}", titles(&p));
    assert!(photo.paragraphs[0].starts_with("11月12日上午"), "{:?}", photo.paragraphs);
    assert_eq!(photo.captions, ["图为推进会现场。 记者 王红 摄"]);
}

#[test]
fn a_photo_item_after_a_short_report_closed_by_a_formula_stands_alone() {
    // A report of one paragraph (too short for a photo item to be cut off
    // it by its words) closes with its formula; then a sentence opening
    // like a lead runs straight to a caption: the gap after the formula
    // starts an item (`Term::ClosingFormula`), its caption with it.
    let p = load("photo_item_after_a_short_report_closed_by_a_formula.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    assert_eq!(p.articles[0].paragraphs.len(), 2, "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[0].captions.is_empty(), "{:?}", p.articles[0].captions);
    let photo = &p.articles[1];
    assert!(photo.title_inferred, "{:?}", titles(&p));
    assert!(photo.paragraphs[0].starts_with("11月12日上午"), "{:?}", photo.paragraphs);
    assert_eq!(photo.captions, ["图为推进会现场。 记者 王红 摄"]);
}

#[test]
fn a_photo_item_after_a_signed_item_stands_alone_though_it_shares_its_words() {
    // An article signed at its end (`（王晓）`), then a sentence on the
    // same town's roads running straight to a caption: its words are the
    // article's, so no turn of subject tells, but the article has been
    // signed and the sentence over the caption is a photo item of its own
    // (`Term::CaptionRun`).
    let p = load("photo_item_after_a_signed_item.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "汾阳市推进农村道路提质改造");
    assert_eq!(p.articles[0].paragraphs.len(), 2, "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[0].captions.is_empty(), "{:?}", p.articles[0].captions);
    let photo = &p.articles[1];
    assert!(photo.title_inferred, "{:?}", titles(&p));
    assert!(photo.paragraphs[0].starts_with("汾阳市各乡镇"), "{:?}", photo.paragraphs);
    assert_eq!(photo.captions, ["图为施工现场。 记者 李强 摄"]);
}

// Task qmerge (twenty-first round): items run together.

#[test]
fn an_item_naming_its_subject_before_a_bracketed_today_where_the_column_narrows_stands_alone() {
    // A news item, then with no headline, byline or date line of its own a
    // report naming its subject before its day as broadcast news prints it,
    // the day named from the issue's with its date in brackets
    // (`方山县消防救援大队今天（3月13日）举行…`), set in a narrower column: a
    // lead naming its subject before its day (`meta::opens_with_subject_day`,
    // as `某某13日举行…` is), so the column's change starts an item there.
    let p = load("subject_today_lead_at_width_change.txt");
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "临县召开春季植树造林动员会");
    assert!(p.articles[0].paragraphs.iter().all(|q| !q.contains("方山县")), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].title_inferred, "{:?}", titles(&p));
    assert!(
        p.articles[1].paragraphs[0].starts_with("方山县消防救援大队今天（3月13日）"),
        "{:?}",
        p.articles[1].paragraphs
    );
}

#[test]
fn an_item_naming_its_source_before_its_news_where_the_column_narrows_stands_alone() {
    // A news item, then with no headline, byline or date of its own a
    // report opening by naming its source (`记者从市交通运输局了解到，`), set
    // in a narrower column: a lead as a subject before its day is
    // (`meta::opens_with_source`, weighed as `Term::SubjectLead`), so the
    // column's change starts an item there.
    let p = load("source_lead_at_width_change.txt");
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "交城县启动农村饮水安全巩固工程");
    assert!(p.articles[0].paragraphs.iter().all(|q| !q.contains("交通运输局")), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].title_inferred, "{:?}", titles(&p));
    assert!(p.articles[1].paragraphs[0].starts_with("记者从市交通运输局了解到"), "{:?}", p.articles[1].paragraphs);
}

#[test]
fn an_item_naming_its_subject_before_its_day_sharing_only_the_pages_stock_words_stands_alone() {
    // A news item, then in the same column with no headline, byline or
    // date line of its own a report naming its subject before its day
    // (`交城县统计局今天（5月8日）发布…`) whose first sentence shares with the
    // item before only words another item of the page prints too (`今年以来`,
    // `全县`, `持续推进`): the page's stock words say nothing of one item's
    // subject, so the report turns to another subject (`Term::TopicShift`)
    // and stands alone.
    let p = load("subject_today_lead_after_item_sharing_stock_words.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "文水县加快高标准农田建设");
    assert_eq!(p.articles[0].paragraphs.len(), 4, "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].title_inferred, "{:?}", titles(&p));
    assert!(p.articles[1].paragraphs[0].starts_with("交城县统计局今天（5月8日）"), "{:?}", p.articles[1].paragraphs);
    assert_eq!(p.articles[1].paragraphs.len(), 2, "{:?}", p.articles[1].paragraphs);
    assert_eq!(p.articles[2].title, "方山县开展文明交通宣传月活动");
}

// ---- Task qsplit (twenty-first round): items cut short, their rest read
// as another item (issue 9).

#[test]
fn on_a_page_printing_a_blank_line_after_every_line_a_paragraphs_first_line_is_not_set_apart() {
    // Every line is followed by a blank line, so a blank line sets nothing
    // apart. A paragraph's first line (no indent, no clause mark, its words
    // coming back two paragraphs on: `随后，各县市区文化馆和艺术团代表…`)
    // reads on into the line under it, a word cut at the seam (`艺术团|代表`):
    // it is not a headline left in the body, and the article stays whole.
    let p = load("double_spaced_paragraph_opening_line.txt");
    assert_eq!(titles(&p), ["吕梁市举办文化惠民演出季活动"]);
    let a = &p.articles[0];
    assert_eq!(a.paragraphs.len(), 4, "{:?}", a.paragraphs);
    assert!(a.paragraphs[1].starts_with("各县市区文化馆和艺术团代表在开幕式上"), "{:?}", a.paragraphs);
}

// Task qtitle (twenty-first round): wrong titles.

#[test]
fn a_headline_as_wide_as_the_column_between_two_paragraphs_is_a_headline() {
    // An extractor that prints each headline in the body's column, as wide
    // as its lines, with no indent and no blank line, after the text it
    // heads (`pdftotext -raw` reading a page whose headlines were drawn
    // last): after a paragraph that ends its sentence, a full line that
    // ends none (`市长会见新能源集团客商一行`), then a line set in by its
    // width. A body's full line would run on into the next, so the line is
    // a headline, the first report's (it names it), not a paragraph glued
    // to the second report's lead.
    let p = load("headline_between_paragraphs_as_wide_as_the_column.txt");
    assert_eq!(titles(&p), ["市长会见新能源集团客商一行", "副市长在交城县调研秋粮收购"]);
    assert_eq!(p.articles[0].paragraphs.len(), 3, "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[0].paragraphs[2].ends_with("开工建设。"), "{:?}", p.articles[0].paragraphs);
    assert_eq!(p.articles[1].paragraphs.len(), 2, "{:?}", p.articles[1].paragraphs);
    assert!(p.articles[1].paragraphs[0].starts_with("副市长李红三日"), "{:?}", p.articles[1].paragraphs);
}

#[test]
fn a_headline_wrapped_at_a_decimal_point_is_one_title() {
    // A headline in a narrow column wraps inside a number, after its
    // decimal point (`…达1276.` / `9亿元`): an ASCII point right after a
    // digit is the number running on, not a full stop (a Chinese sentence
    // closes with `。`), so the line does not end a sentence and the
    // headline keeps its three lines.
    let p = load("headline_wrapped_at_a_decimal_point.txt");
    assert_eq!(titles(&p), ["交城县举办青少年书法作品展", "前三季度全省规模以上工业增加值达1276.9亿元"]);
    assert_eq!(p.articles[1].byline.as_deref(), Some("本报讯（记者 王华）"));
    assert!(p.articles[1].paragraphs[0].starts_with("记者从省统计局获悉"), "{:?}", p.articles[1].paragraphs);
}

// Printed lines an extractor broke at their spaces (twenty-second round).

#[test]
fn a_byline_an_extractor_broke_at_its_spaces_is_still_the_byline() {
    // An extractor that ends an output line at every wide space of a
    // printed line, keeping the space (PyMuPDF on a browser-set page):
    // `本报讯 ` / `（记者 ` / `张明 ` / `实习生`, and `新华社太原10月9日电 ` /
    // `今天`. Read as they stand, `（记者` and `今天` are short lines the
    // column does not explain, taken for headlines; joined where the space
    // says the printed line goes on, they are the bylines and the bodies'
    // first words.
    let p = load("byline_broken_at_its_spaces.txt");
    assert_eq!(titles(&p), ["柳林县启动秋季植树造林行动", "交城县举办农民丰收节"]);
    assert_eq!(p.articles[0].byline.as_deref(), Some("本报讯（记者 张明 实习生 李芳）"));
    assert!(p.articles[0].paragraphs[0].starts_with("十月九日，柳林县"), "{:?}", p.articles[0].paragraphs);
    assert_eq!(p.articles[1].byline.as_deref(), Some("新华社太原10月9日电"));
    assert!(p.articles[1].paragraphs[0].starts_with("今天（10月9日）上午"), "{:?}", p.articles[1].paragraphs);
    assert_eq!(p.articles[1].paragraphs.len(), 2, "{:?}", p.articles[1].paragraphs);
}

// ---- Task qorder (twenty-second round): reading order, items whose rest
// lands elsewhere (issue 9).

#[test]
fn an_articles_last_column_is_read_before_the_article_under_it() {
    // `pdftotext -layout`: an article in three columns under a headline
    // over the first two, another article in the same three columns under
    // it, and beside both a third article's column running down the page.
    // Two column boundaries split the page with no block crossing them:
    // between the second and third columns and between the third column and
    // the column beside. Each column of the upper article stops mid-word at
    // its foot (`统一采|购`, `成立的合|作社`) and the next goes on with it, so
    // the page is split beside the third column: the upper article's last
    // column is read right after its second, not after the article under it.
    let p = load("layout_column_read_on_after_a_band.txt");
    assert_eq!(
        titles(&p),
        ["临县新建一批农民专业合作社带动增收", "方山县组织农技人员指导秋收", "吕梁开展全民阅读月活动"]
    );
    let a = &p.articles[0];
    assert_eq!(a.paragraphs.len(), 3, "{:?}", a.paragraphs);
    assert!(a.paragraphs[1].ends_with("今年种植谷子八百亩。"), "{:?}", a.paragraphs);
    assert!(a.paragraphs[2].ends_with("培育更多示范社。"), "{:?}", a.paragraphs);
    let b = &p.articles[1];
    assert!(b.paragraphs.concat().ends_with("秸秆还田面积超过五万亩。"), "{:?}", b.paragraphs);
    assert!(!b.paragraphs.concat().contains("示范社"), "{:?}", b.paragraphs);
}

// ---- Task qglue (twenty-second round): headlines the extractor glued onto
// the body or split, titles cut at the wrong line (issue 9).

#[test]
fn a_headline_printed_flush_over_its_lead_that_restates_it_is_a_headline() {
    // `pdftotext -raw` prints the headline in the body's column, as wide as
    // its lines, with no blank line under it and no indent on the body's
    // first line: only the words tell them apart. The page's first line
    // ends no sentence, holds no clause mark, and the lead under it says
    // the same thing again at once (`交城县首条城乡公交线路今日…开通运营`),
    // while no word runs across its end into the next line: it is the
    // headline, not the first line of a paragraph.
    let p = load("headline_restated_by_its_lead.txt");
    assert_eq!(titles(&p), ["交城县首条城乡公交线路今日开通运营"]);
    let a = &p.articles[0];
    assert!(!a.title_inferred);
    assert_eq!(a.paragraphs.len(), 2, "{:?}", a.paragraphs);
    assert!(a.paragraphs[0].starts_with("记者从交城县交通运输局了解到"), "{:?}", a.paragraphs);
}

// ---- Task qtail (twenty-second round): a headline's wrapped tail left in
// the body (issue 9).

#[test]
fn a_headline_tail_printed_in_the_headlines_block_goes_back_to_it() {
    // `pdftotext` prints a blank line between blocks of text and none
    // inside one. The headline's second line sits right under its first,
    // with a blank line under it and the body then running on line under
    // line: it is the headline's wrapped tail, though no word is cut at the
    // seam and no paragraph's indented first line follows it.
    let p = load("headline_tail_in_its_block.txt");
    assert_eq!(titles(&p), ["交城县举办秋季农民丰收节", "【乡村振兴进行时 奋进新征程】为建设山川秀美生态家园接续奋斗"]);
    let a = &p.articles[1];
    assert_eq!(a.paragraphs.len(), 1, "{:?}", a.paragraphs);
    assert!(a.paragraphs[0].starts_with("方山县林业局"), "{:?}", a.paragraphs);
}

// ---- Task qblocks (twenty-second round): -layout blocks that swallow the
// next item (issue 9).

#[test]
fn a_kicker_under_a_notice_whose_headline_is_wider_than_its_text_starts_the_next_item() {
    // `pdftotext -layout`: a notice in the right column under a headline in
    // large type wider than the notice's text, set apart from it by blank
    // rows; rows under the notice's closing line, beside the left column's
    // text, a kicker in brackets wider than the notice's text (though not
    // than its headline) over the next item's headline. Measured against
    // the notice's running text, not its headline, the kicker stands out
    // as wider after rows without the column's text: it opens a block of
    // its own (a blank line under the notice's closing line) and the next
    // item, instead of running on the notice's last block.
    let text = include_str!("pages/layout_kicker_under_a_notice_with_a_wide_headline.txt");
    let unfolded = loader::columns::unfold(text).unwrap_or_default();
    assert!(unfolded.contains("特此通告。\n\n践行新思想"), "{unfolded}");
    let p = load("layout_kicker_under_a_notice_with_a_wide_headline.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    let notice = &p.articles[1];
    assert_eq!(notice.title, "吕梁市交通运输局关于调整部分公交线路的通告");
    assert_eq!(notice.paragraphs.last().map(String::as_str), Some("特此通告。"), "{:?}", notice.paragraphs);
    assert!(!notice.paragraphs.concat().contains("践行"), "{:?}", notice.paragraphs);
    let next = &p.articles[2];
    assert!(next.title.ends_with("文水县义务植树"), "{:?}", next.title);
    let head = format!("{}{}", next.kicker.as_deref().unwrap_or(""), next.title);
    assert!(head.starts_with("践行新思想 建功在新时代"), "{head:?}");
    assert!(next.paragraphs.concat().starts_with("近日，文水县组织干部职工"), "{:?}", next.paragraphs);
}

// ---- Task rmodel (twenty-third round): the placement rules beside the line
// model become its features (issue 9).

#[test]
fn a_headline_wrapped_over_a_set_in_line_at_the_page_head_is_the_models_headline() {
    // `pdftotext` text with the indents dropped: three short lines that
    // end no sentence open the page, then a line two characters short of
    // the column over full lines (a paragraph's first line, set in). No
    // rule after the line model makes them a headline any more: the model
    // weighs that place (its feature `over_set_in`) with the rest of the
    // evidence, and its heading margin decides.
    let p = load("wrapped_headline_over_set_in_read_by_the_model.txt");
    assert_eq!(titles(&p), ["某某区教育局召开秋季学期校园安全工作推进会"]);
    let paras = &p.articles[0].paragraphs;
    assert_eq!(paras.len(), 2, "{paras:?}");
    assert!(paras[0].starts_with("为扎实做好秋季学期"), "{paras:?}");
    assert!(paras[1].starts_with("会议要求"), "{paras:?}");
}

// ---- Task qsplit2 (twenty-third round): items swallowed by the item
// before them (issue 9, category 1).

#[test]
fn a_photo_item_after_a_short_item_stands_alone_when_it_shares_no_word_with_it() {
    // A short item (headline, byline and a sentence, fewer characters than
    // an item keeps before a photo item is cut off it), then with no
    // headline or byline a sentence on another subject and its caption,
    // then the next item's headline. The sentence shares no word with the
    // short item's text: it is a photo item's text, not the short item's
    // last paragraph.
    let p = load("photo_item_after_a_short_item.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    let short = &p.articles[0];
    assert_eq!(short.title, "交城县新建五座村级养老服务站");
    assert_eq!(short.paragraphs.len(), 1, "{:?}", short.paragraphs);
    assert!(short.captions.is_empty(), "{:?}", short.captions);
    let photo = &p.articles[1];
    assert!(photo.title_inferred, "{:?}", titles(&p));
    assert!(photo.paragraphs[0].starts_with("秋收时节"), "{:?}", photo.paragraphs);
    assert_eq!(photo.captions, ["图为农机手在田间收割谷子。 记者 李强 摄"]);
    assert_eq!(p.articles[2].title, "汾阳市举办职业技能大赛");
}

#[test]
fn two_photo_items_after_an_article_are_each_an_item_of_their_own() {
    // An article, then two photo items one after the other, each a
    // sentence over its caption, with no headline or byline. The second
    // item's text takes up a word of the first's caption (`村民`), so the
    // first caption alone does not close the first item; but the second
    // text stands between two captions and goes with the photo under it,
    // and the first text, ending at the caption over it and sharing no word
    // with the article, is a photo item too.
    let p = load("two_photo_items_after_an_article.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    let article = &p.articles[0];
    assert_eq!(article.title, "孝义市冬季全民健身运动会开幕");
    assert!(article.captions.is_empty(), "{:?}", article.captions);
    assert!(!article.paragraphs.concat().contains("贾家庄村"), "{:?}", article.paragraphs);
    let first = &p.articles[1];
    assert!(first.title_inferred, "{:?}", titles(&p));
    assert!(first.paragraphs[0].starts_with("汾阳市贾家庄村"), "{:?}", first.paragraphs);
    assert_eq!(first.captions, ["图为贾家庄村村民在大棚内采摘蔬菜。 记者 田野 摄"]);
    let second = &p.articles[2];
    assert!(second.paragraphs[0].starts_with("交城县卦山景区"), "{:?}", second.paragraphs);
    assert_eq!(second.captions, ["图为游客在卦山景区观赏红叶。 记者 王芳 摄"]);
}

#[test]
fn a_photo_items_text_set_flush_at_another_width_in_an_indented_body_stands_alone() {
    // An article whose paragraphs' first lines are set in, then a photo
    // item's sentence set flush in a narrower box of its own over its
    // caption (as `pdftotext -layout` prints a photo item under an
    // article). The sentence after the article's last finished sentence is
    // not set in, but its width tells it from the article's column: it is
    // the photo item's text, not the article's paragraph's last lines.
    let p = load("flush_photo_item_in_an_indented_body.txt");
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    let article = &p.articles[0];
    assert_eq!(article.title, "汾阳市推进农村道路提质改造");
    assert_eq!(article.paragraphs.len(), 2, "{:?}", article.paragraphs);
    assert!(article.captions.is_empty(), "{:?}", article.captions);
    let photo = &p.articles[1];
    assert!(photo.title_inferred, "{:?}", titles(&p));
    assert_eq!(photo.paragraphs, ["交城县卦山景区的红叶近日进入最佳观赏期。"]);
    assert_eq!(photo.captions, ["图为游客观赏红叶。 记者 王芳 摄"]);
}

// ---- Task qsplit3 (twenty-third round): photo items printed caption
// first (issue 9).

#[test]
fn a_short_text_under_a_caption_sharing_no_word_with_the_article_before_is_a_photo_item() {
    // An article, then with no headline or byline a photo's caption and a
    // single sentence, then the next item's headline (as `pdftotext -raw`
    // prints a photo item: its caption before the text set under the
    // photo). The caption shares no word with the article, nor does the
    // sentence, which takes up none of the caption's words either: the
    // caption and the sentence are a photo item of their own, not the
    // article's photo and last paragraph.
    let p = load("photo_item_printed_caption_first.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    let article = &p.articles[0];
    assert_eq!(article.title, "文水县中小学完成校舍抗震加固");
    assert_eq!(article.paragraphs.len(), 2, "{:?}", article.paragraphs);
    assert!(article.captions.is_empty(), "{:?}", article.captions);
    let photo = &p.articles[1];
    assert!(photo.title_inferred, "{:?}", titles(&p));
    assert_eq!(photo.paragraphs, ["卦山景区新修的三条登山步道已向游人开放。"]);
    assert_eq!(photo.captions, ["图为志愿者在社区为老人义诊。 记者 李强 摄"]);
    assert_eq!(p.articles[2].title, "汾阳市举办职业技能大赛");
}

// ---- Task qpara (twenty-fourth round): paragraph breaks (issue 9).

#[test]
fn a_full_line_of_text_taken_for_a_heading_goes_on_with_its_paragraph() {
    // An article in a column eleven characters wide (a blank line between
    // its lines, as a column's text prints with gaps). After a long
    // paragraph, a line filling the column with no end or clause mark
    // (`卦山景区管委会主任王明`) whose words the text after it repeats is
    // read as a heading and taken back into the body as a subheading; but
    // a subheading set apart in its own type seldom fills the body's
    // column, and this line's sentence runs on into the next line
    // (`一同走进展区，…`): it opens the paragraph it starts, no paragraph of
    // its own.
    let p = load("full_line_of_text_read_as_a_heading.txt");
    assert_eq!(titles(&p), ["汾阳市举办首届农民丰收节"]);
    let a = &p.articles[0];
    assert_eq!(a.paragraphs.len(), 3, "{:?}", a.paragraphs);
    assert!(a.paragraphs[2].starts_with("卦山景区管委会主任王明一同走进展区，"), "{:?}", a.paragraphs);
    assert!(a.subheadings.is_empty(), "{:?}", a.subheadings);
}

// ---- Task qtitle (twenty-fourth round): the wrong headline on an article
// (issue 9, category 4).

#[test]
fn a_line_set_apart_by_blank_lines_after_a_closed_paragraph_is_a_headline() {
    // `pdftotext`: no indents, blank lines around headlines, each headline
    // printed under its body. The first item's headline is as wide as the
    // column and stands alone between two blank lines, under a paragraph
    // that closed its sentence; the text under it is the next item's body,
    // whose first line looks like a paragraph's middle line. A body's line
    // there would be a column of one line: the line is a headline, not the
    // first line of the paragraph under it.
    let name = "headline_set_apart_by_blank_lines.txt";
    let heads = headline_lines(name);
    assert!(heads.iter().any(|h| h == "汾阳市多措并举推动农民收入持续增长"), "{heads:?}");
    assert!(!heads.iter().any(|h| h.starts_with("多位老人")), "{heads:?}");
    let p = load(name);
    assert_eq!(
        titles(&p),
        [
            "汾阳市多措并举推动农民收入持续增长",
            "交城县村级养老服务站全部建成投用",
            "~孝义市城区老旧管网改造工程全部完工"
        ]
    );
    assert!(p.articles[1].paragraphs[0].starts_with("多位老人表示"), "{:?}", p.articles[1].paragraphs);
}

// qsplit4 (twenty-fourth round): items swallowed whose gap was never a
// candidate for the boundary score (issue 9, category 1).

#[test]
fn a_photo_item_sharing_some_words_with_the_article_before_stands_alone() {
    // An article on rural tourism, then with no headline or byline a
    // sentence opening like a lead (`近日，`) over a caption, then the next
    // item's headline. The sentence shares more of its words with the
    // article (`游客`, `村民`, `民宿`, `增收`) than a photo item's text may
    // share to be cut off by its shares alone, so its gap was never
    // weighed: it ran on as the article's last paragraph, the caption the
    // article's. Weighed now (`Term::PhotoShape`), its photo item's shape,
    // its opener and its caption naming it outweigh the words it shares.
    let p = load("photo_item_on_the_subject_of_the_article_before.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    let article = &p.articles[0];
    assert_eq!(article.title, "汾阳市推进乡村旅游提质升级");
    assert_eq!(article.paragraphs.len(), 1, "{:?}", article.paragraphs);
    assert!(article.captions.is_empty(), "{:?}", article.captions);
    let photo = &p.articles[1];
    assert!(photo.title_inferred, "{:?}", titles(&p));
    assert!(photo.paragraphs[0].starts_with("近日，交城县卦山景区"), "{:?}", photo.paragraphs);
    assert_eq!(photo.captions, ["图为游客在卦山景区观赏红叶。 记者 王芳 摄"]);
    assert_eq!(p.articles[2].title, "文水县举办农民丰收节");
}

#[test]
fn a_photo_item_opening_with_its_subject_and_day_stands_alone() {
    // As above, but the photo item's sentence opens naming its subject
    // before its day (`交城县副县长王平22日在…`) and shares still more of the
    // article's words (`景区服务设施`, `游客`, `民宿`): a lead naming its
    // subject before its day is an item's lead as an opener is, so it
    // weighs at a photo item's gap near what an opener does
    // (`Term::SubjectLead` refitted with the photo item's terms, 51 -> 140).
    let p = load("photo_item_opening_with_its_subject_and_day.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    let article = &p.articles[0];
    assert_eq!(article.paragraphs.len(), 1, "{:?}", article.paragraphs);
    assert!(article.captions.is_empty(), "{:?}", article.captions);
    let photo = &p.articles[1];
    assert!(photo.title_inferred, "{:?}", titles(&p));
    assert!(photo.paragraphs[0].starts_with("交城县副县长王平22日"), "{:?}", photo.paragraphs);
    assert_eq!(photo.captions, ["图为游客在卦山景区观赏红叶。 记者 王芳 摄"]);
    assert_eq!(p.articles[2].title, "文水县举办农民丰收节");
}

// ---- Task qheads2 (twenty-fourth round): how a headline group is cut
// into kicker, title and subtitle (issue 9).

#[test]
fn a_subtitle_alone_over_a_body_is_its_subtitle_and_the_title_is_read_from_the_body() {
    // An article, then a line led by a dash (`——…综述`) over a byline and
    // a body, then another article. A dash opens a subtitle, which says
    // more of a title: where no title stands over it, the line is the
    // item's subtitle and the title is read from the body, not the dash
    // line taken as the title.
    let p = load("subtitle_only_over_a_body.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    let item = &p.articles[1];
    assert!(item.title_inferred, "{:?}", titles(&p));
    assert_eq!(item.subtitle.as_deref(), Some("——孝义市推进乡村卫生室建设工作综述"));
    assert!(item.paragraphs[0].starts_with("近日，孝义市"), "{:?}", item.paragraphs);
    assert_eq!(p.articles[2].title, "汾阳市举办职业技能大赛");
}

#[test]
fn a_kicker_ending_on_a_verb_of_saying_alone_over_a_body_is_its_kicker() {
    // An article, then a line ending on `强调` over a byline and a body
    // with no title between them, then another article. A verb of saying
    // announces what the title under it says: the line is the item's
    // kicker, and the title is read from the body, not the kicker taken
    // as the title.
    let p = load("kicker_only_over_a_body.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    let item = &p.articles[1];
    assert!(item.title_inferred, "{:?}", titles(&p));
    assert_eq!(item.kicker.as_deref(), Some("王明在孝义市调研乡村卫生工作时强调"));
    assert!(item.paragraphs[0].starts_with("11月18日"), "{:?}", item.paragraphs);
    assert_eq!(p.articles[2].title, "汾阳市举办职业技能大赛");
}

// ---- Task qpara2 (twenty-fourth round): paragraph ends read against a
// column mis-measured by one line's half-width overrun (issue 9).

#[test]
fn a_line_overrunning_the_column_by_a_half_width_character_does_not_widen_it() {
    // No indents (as pdftotext prints), a column twelve characters wide.
    // One line (`…稳中有增，1—`) overruns it by a half-width digit, which
    // prints narrower than half a character, and two lines hang a comma
    // past its edge: the widths the lines reach read one column wider
    // than the column, an odd width. Rounded up, every full line looked
    // one character short and a sentence ending half a character short
    // (`…600.5亿斤以上。`) looked like a paragraph's end. Lines ending
    // exactly at the width below with nothing hanging show the column:
    // the sentence fills its line and the paragraph reads on to the one
    // that ends well short.
    let p = load("paragraph_column_overrun_by_a_half_width_digit.txt");
    assert_eq!(paragraph_starts(&p), ["入冬以来，全", "下一步，省农"]);
    assert!(p.articles[0].paragraphs[0].ends_with("为安全越冬打好基础。"), "{:?}", p.articles[0].paragraphs);
}

#[test]
fn a_notice_signatory_wrapped_over_two_lines_is_one_paragraph() {
    // A notice in a narrow column signed by two bodies over its date. The
    // first body's name fills its line and wraps (`中共汾阳市纪律检查委` /
    // `员会`); its first line alone reads as a name (`…委`), so each line
    // stood as a paragraph of its own. Read together the two lines are one
    // name, the second alone none, the first the wider: one paragraph. The
    // second body's name, whole on its line, stays apart from the tail
    // above it.
    let p = load("notice_signatories_wrapped_over_two_lines.txt");
    assert_eq!(p.articles.len(), 1, "{:?}", titles(&p));
    let paragraphs = &p.articles[0].paragraphs;
    let n = paragraphs.len();
    assert!(n >= 4, "{paragraphs:?}");
    assert_eq!(paragraphs[n - 4..], ["特此通告。", "中共汾阳市纪律检查委员会", "汾阳市监察委员会", "2024年11月20日"]);
}

// ---- Task qheads3 (twenty-fourth round): slogan kickers over their
// titles (issue 9, category 4).

#[test]
fn a_slogan_alone_over_a_body_naming_none_of_it_is_its_kicker() {
    // An article, then a lone headline line (`共筑美好家园`) over a byline
    // and a body that names none of its words, then another article. A
    // title names its item's own matter; a line naming next to nothing of
    // the body under it is a slogan kicker set over the page's items
    // (`Cut::LoneKicker`): the item's kicker, its title read from the body.
    let p = load("slogan_kicker_alone_over_a_body.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    let item = &p.articles[1];
    assert!(item.title_inferred, "{:?}", titles(&p));
    assert_eq!(item.kicker.as_deref(), Some("共筑美好家园"));
    assert!(item.paragraphs[0].starts_with("11月18日"), "{:?}", item.paragraphs);
    assert_eq!(p.articles[2].title, "汾阳市举办职业技能大赛");
}

// ---- qmiss (twenty-fifth round): items swallowed by a neighbour (issue 9,
// category 1).

#[test]
fn a_headline_wrapped_at_a_list_comma_in_the_body_heads_its_item() {
    // An article in a wide column, then with no blank line, byline or
    // indent a headline wrapped over two lines at an enumeration comma
    // (`…客商代表团、` / `新西兰…负责人`), both lines read as body, over an
    // item leading with its subject before its day. Its first line alone
    // reads on into the second (the comma), and neither line alone names
    // enough of the item under it; weighed as one, the two lines name that
    // item and not the article before: they are its title.
    let p = load("headline_wrapped_at_a_list_comma_left_in_the_body.txt");
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    assert_eq!(p.articles[0].paragraphs.len(), 2, "{:?}", p.articles[0].paragraphs);
    let item = &p.articles[1];
    assert_eq!(item.title, "孝义市长王明分别会见澳大利亚客商代表团、新西兰乳业协会代表团和荷兰花卉企业负责人");
    assert!(item.paragraphs[0].starts_with("孝义市市长王明18日"), "{:?}", item.paragraphs);
}

// ---- qpair (twenty-fifth round): headlines and captions given to the
// wrong body (issue 9, category 4).

// ---- Task qgroup (twenty-fifth round): a headline group split wrongly
// into kicker / title / subtitle (issue 9, category 4).

#[test]
fn a_dash_cut_in_two_at_a_title_line_break_is_one_title() {
    // An article, then a title quoting its own `——…` whose double dash the
    // line break cuts in two (`…新篇章—` / `—论…`), a byline and a body,
    // then another article. Half a dash opening a line carries on the line
    // that ends on the other half: one title, no subtitle.
    let p = load("title_quoting_a_dash_cut_at_the_line_break.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    let item = &p.articles[1];
    assert_eq!(item.title, "本报评论员文章：奋力书写城乡融合新篇章——论深入推进城乡融合发展");
    assert_eq!(item.subtitle, None);
    assert_eq!(p.articles[2].title, "汾阳市举办职业技能大赛");
}

#[test]
fn a_dash_phrase_wrapped_at_the_title_width_is_part_of_the_title() {
    // A title of two spaced clauses (`植绿护绿 久久为功`), then a dash and a
    // phrase wrapped over three lines, each as wide as the title's line (a
    // space counted one column) and the last shorter. A subtitle is set in
    // a smaller type and wraps at another count of characters; lines of the
    // title's width line after line are the title's own type: one title.
    let p = load("dash_phrase_wrapped_at_the_title_width.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    let item = &p.articles[1];
    assert_eq!(item.title, "植绿护绿 久久为功——孝义市干部群众开展冬季植树造林义务劳动侧记");
    assert_eq!(item.subtitle, None);
    assert_eq!(p.articles[2].title, "汾阳市举办职业技能大赛");
}

#[test]
fn a_title_tail_a_half_width_wider_than_its_head_is_the_title() {
    // A title wrapped over two lines: the first holds two clauses and the
    // space between them (27 columns), the second as many characters with
    // no space (28 columns). A tail one half-width column wider than the
    // line it wraps was still wrapped from it (the space is the
    // difference): the title goes on, it is no subtitle.
    let p = load("title_tail_a_half_width_wider.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    let item = &p.articles[1];
    assert_eq!(item.title, "稳住农业基本盘 守好三农基础孝义市农田水利冬修工程已开工");
    assert_eq!(item.subtitle, None);
    assert_eq!(item.kicker, None);
}

// ---- Task qpstart (twenty-fifth round): paragraph starts missed on
// extractor pages (issue 9).

#[test]
fn a_body_of_short_paragraphs_reads_its_column_wider_by_the_indent_the_page_shows() {
    // No indents shown (as pdftotext prints), first lines set two
    // characters in. The first article's paragraphs run over several
    // lines: its first lines end two characters short of its column. The
    // second is a list of appointments, a paragraph of one or two lines
    // each: no line inside a paragraph shows its column, so the widest
    // lines, first lines, were read as the column, and a paragraph ending
    // a sentence as wide (`…主任职务；`) read on into the next (`李平同志…`),
    // whose first line looked full. The page sets first lines in: where a
    // body's sure first lines reach the column it read, that column is the
    // first lines' room.
    let p = load("short_paragraphs_column_read_from_first_lines.txt");
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    assert_eq!(p.articles[0].paragraphs.len(), 3, "{:?}", p.articles[0].paragraphs);
    let starts: Vec<String> = p.articles[1].paragraphs.iter().map(|q| q.chars().take(6).collect()).collect();
    assert_eq!(starts, ["日前，中共东", "王林同志任东", "李平同志任东", "赵明同志任东"]);
}

#[test]
fn a_subheading_after_a_paragraph_ending_at_the_columns_edge_stands_apart() {
    // No indents shown, first lines set two characters in. The lead
    // paragraph's last sentence ends at the column's edge (`…91.5%。`),
    // then a subheading read as a body line (`加强长效管护`: short, no end
    // mark) and a paragraph whose first line is set in. Nothing showed the
    // lead ending, so the subheading and the paragraph under it ran on into
    // it; the subheading, standing apart between two paragraphs, shows it.
    let p = load("subheading_after_a_paragraph_ending_at_the_edge.txt");
    assert_eq!(paragraph_starts(&p), ["今年以来，南", "加强长效管护", "在县城东部清"]);
}

// ---- Task qbody (twenty-fifth round): bodies that stop short or mix
// columns (issue 9).

#[test]
fn a_sentence_end_set_rows_under_its_column_stays_with_its_column() {
    // `pdftotext -layout`, an article in two columns beside another: its
    // first column's last line runs to the column's edge mid-sentence
    // (`让农民多一份`), and the sentence's end (`收入。`) comes five rows
    // further down, flush at the column's start, beside the other article's
    // text (`-layout` sets rows by baseline). It is the end of that
    // sentence, not a line of large type (a headline ends no sentence), so
    // it is read before the article's second column, not after it with the
    // next item's headline that stands under it.
    let p = load("layout_sentence_end_rows_under_its_column.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    assert_eq!(p.articles[2].title, "临县建成一批村级");
    let b = &p.articles[1];
    assert_eq!(b.paragraphs.len(), 2, "{:?}", b.paragraphs);
    assert!(b.paragraphs[0].ends_with("让农民多一份收入。"), "{:?}", b.paragraphs);
    assert!(b.paragraphs[1].starts_with("县农业农村局负责人"), "{:?}", b.paragraphs);
    assert!(b.paragraphs[1].ends_with("带动乡村旅游发展。"), "{:?}", b.paragraphs);
}

#[test]
fn a_column_cut_mid_sentence_runs_on_four_rows_under_it_past_a_headline_beside() {
    // `pdftotext -layout`, two articles side by side: the right one's column
    // stops mid-sentence (`现场人头攒动，`) over a blank row; beside it, under
    // the left article, the next item's headline stands between two blank
    // rows, and the right column's text goes on four rows under its last
    // line, flush at its start, beside that item's text. The sentence goes
    // on there: the right article's body reaches its end, and the item
    // under the left article does not take its tail.
    let p = load("layout_column_runs_on_four_rows_under_a_blank_row.txt");
    // (The left column is read down to its foot before the right one.)
    assert_eq!(titles(&p), ["孝义市老旧小区完成改造", "交城县开通城乡公交", "汾阳市举办农民丰收节"]);
    let b = &p.articles[2];
    assert_eq!(b.paragraphs.len(), 1, "{:?}", b.paragraphs);
    assert!(b.paragraphs[0].ends_with("现场人头攒动，不少游客专程赶来选购土特产品。"), "{:?}", b.paragraphs);
    let c = &p.articles[1];
    assert_eq!(c.paragraphs.len(), 1, "{:?}", c.paragraphs);
    assert!(c.paragraphs[0].ends_with("民出行更加方便了。"), "{:?}", c.paragraphs);
}

// ---- qgroup2 (twenty-fifth round): a slogan kicker joined into a
// narrower title (issue 9, category 4).

#[test]
fn a_slogan_a_character_wider_than_the_title_wrapped_under_it_is_its_kicker() {
    // An article, then a slogan of nine characters (18 columns) over a
    // title wrapped at eight (16 columns) over three lines and a short
    // tail, the breaks cutting words (`农` / `村`), no blank line between
    // them, a body, then another article. The slogan is within a
    // character of the title's width, but a title's lines fill one box:
    // its first line is no wider than the ones under it but for a mark
    // hanging past the edge. A first line two columns wider with no such
    // mark is set in a box of its own: the kicker, not the title's head.
    let p = load("slogan_kicker_wider_than_its_wrapped_title.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    let item = &p.articles[1];
    assert_eq!(item.title, "孝义市全面推进农村人居环境整治提升工作取得明显成效", "{:?}", titles(&p));
    assert_eq!(item.kicker.as_deref(), Some("共建美丽乡村在行动"));
    assert_eq!(p.articles[2].title, "汾阳市举办职业技能大赛");
}

// ---- qlead (twenty-fifth round): news leads that name their subject
// before the day with a verb of reporting (issue 9).

#[test]
fn an_item_naming_its_subject_before_its_day_and_a_reporting_verb_stands_alone() {
    // A news item, then with no headline, byline or date of its own a report
    // opening `吕梁市气象台9日称，` (a subject, its day, and a verb of
    // reporting, as agency news leads are printed), set in a narrower
    // column: a lead naming its subject before its day
    // (`meta::opens_with_subject_day`, as `某某9日举行…` is), so the column's
    // change starts an item there.
    let p = load("subject_day_reporting_verb_at_width_change.txt");
    assert_eq!(p.articles.len(), 2, "{:?}", titles(&p));
    assert_eq!(p.articles[0].title, "孝义市启动秋季农田水利建设");
    assert!(p.articles[0].paragraphs.iter().all(|q| !q.contains("气象台")), "{:?}", p.articles[0].paragraphs);
    assert!(p.articles[1].title_inferred, "{:?}", titles(&p));
    assert!(p.articles[1].paragraphs[0].starts_with("吕梁市气象台9日称，"), "{:?}", p.articles[1].paragraphs);
}

// ---- qcolon (twenty-fifth round): a title cut after a colon clause
// (issue 9).

#[test]
fn a_title_cut_short_after_a_place_and_its_colon_is_one_title() {
    // A title naming a place and a colon, then two clauses set apart by a
    // space, wrapped after two characters of its first clause (`石楼县：强基`
    // / `固本谋发展 砥砺奋进谱新篇`), a body under it, then another
    // article. The colon closes a clause of its own (the place), so the
    // first line ends on a fragment far shorter than its place clause, and
    // the line under it opens on a longer clause carrying the rest: one
    // title cut mid-clause, not a kicker over a spaced title.
    let p = load("colon_title_cut_after_a_short_clause.txt");
    assert_eq!(titles(&p), ["石楼县：强基固本谋发展 砥砺奋进谱新篇", "汾阳市举办职业技能大赛"]);
    assert_eq!(p.articles[0].kicker, None);
    assert_eq!(p.articles[0].subtitle, None);
}

// --- fititems (twenty-sixth round): the item table refitted on draws 1–4.

#[test]
fn an_item_opening_with_a_date_that_shares_a_few_words_with_an_earlier_headline_still_stands_alone() {
    // A library's report, then a finished article, then `3月5日，` opening a
    // text on another subject in a column of the same width. Its first
    // sentence shares six words (Han bigrams: `石楼`, `图书`, `阅读`, …) with
    // the first article's headline: a few words in common, not a sentence
    // naming that headline's subject. Up to the twenty-fifth round a turn
    // of subject after an opener was not counted when a headline shared
    // `HEADLINE_SHARED_MIN` (3) words with the sentence, and the text was
    // read as the first article's, out of its order, and joined to the
    // second; the refitted table asked 7 words, and ablB took the exception
    // out (a sentence a headline names no longer holds the turn back).
    let p = load("item_opens_date_sharing_few_words_with_a_headline.txt");
    assert_eq!(p.articles.len(), 3, "{:?}", titles(&p));
    assert_eq!(p.articles[1].title, "临县推进冬季农田水利建设");
    assert!(p.articles[1].paragraphs.iter().all(|q| !q.contains("石楼")), "{:?}", p.articles[1].paragraphs);
    assert!(p.articles[2].paragraphs[0].starts_with("3月5日，石楼县图书馆"), "{:?}", p.articles[2].paragraphs);
}

// --- fitgroups (twenty-seventh round): the line model's content features
// refitted alone on draws 0–6.

#[test]
fn a_dash_subtitle_under_a_headline_over_a_spaced_lead_is_its_subtitle() {
    // A headline in two lines (a bracketed column label broken after its
    // first line), then a line opening with a dash (`——各项筹备工作…`, a
    // subtitle as papers set one), then the lead, its first line spaced out
    // to the column's width. The line model weighed a dash-opened line too
    // little (heading margin +49, under `MAKE_HEAD`), and the subtitle was
    // read into the first paragraph; its content features refitted on
    // draws 0–6 weigh it +145.
    let p = load("dash_subtitle_over_a_spaced_lead.txt");
    assert_eq!(titles(&p), ["某某县秋粮喜获丰收", "【迎接全国运动会】省体育局召开赛事筹备工作新闻发布会"]);
    assert_eq!(p.articles[1].subtitle.as_deref(), Some("——各项筹备工作已基本就绪"));
    assert!(p.articles[1].paragraphs[0].starts_with("今天（9月10日）上午"), "{:?}", p.articles[1].paragraphs);
}
