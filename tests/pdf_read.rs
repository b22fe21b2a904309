//! Reading PDFs: pages built from known articles come back as the same tree,
//! whatever the font encoding; the engine's text is cleaned up.

mod pdfgen;

use lvread::model::Article;
use pdfgen::{Encoding, Rng, Style};

fn style(encoding: Encoding) -> Style {
    Style {
        encoding,
        strips: 2,
        body_size: 10.0,
        space_indent: false,
        centre_heads: true,
        fake_bold: false,
        heads_last: false,
        radicals: false,
        seed: 7,
    }
}

fn known() -> Vec<Article> {
    vec![
        Article {
            title: "吕梁市人民政府召开常务会议".into(),
            kicker: Some("聚焦民生实事".into()),
            byline: Some("本报讯（记者 王小明）".into()),
            paragraphs: vec![
                "会议研究了人民群众关心的几件大事，决定加快推进城市更新和老旧小区改造。".into(),
                "会议强调，要把民生工程办实办好，2024年底前完成全部30个项目。".into(),
            ],
            ..Article::default()
        },
        Article {
            title: "秋收时节 田间地头一片繁忙".into(),
            subtitle: Some("——各地抢抓晴好天气收获秋粮".into()),
            byline: Some("□ 本报记者 李红".into()),
            paragraphs: vec!["连日来，农民们抢抓晴好天气收获玉米和谷子，田间地头一片繁忙景象。".into()],
            captions: vec!["图为农民在收获玉米。 记者 李红 摄".into()],
            ..Article::default()
        },
        Article {
            title: "新华社电 全国铁路客运量创新高".into(),
            byline: Some("新华社北京11月3日电（记者 赵强）".into()),
            paragraphs: vec![
                "记者从国家铁路集团获悉，今年前十个月全国铁路发送旅客超过三十亿人次。".into(),
                "其中，高铁发送旅客占比超过七成，同比增长明显。".into(),
            ],
            ..Article::default()
        },
    ]
}

fn read(pdf: &[u8]) -> Vec<Vec<Article>> {
    lvread::pdf::read_bytes("test.pdf", pdf)
        .unwrap_or_else(|e| panic!("the PDF did not read: {e}"))
        .into_iter()
        .map(|p| p.page.articles)
        .collect()
}

fn assert_same(pdf: &[u8], expected: &[Vec<Article>]) {
    let got = read(pdf);
    assert_eq!(got.len(), expected.len(), "page count");
    for (want, got) in expected.iter().zip(&got) {
        let (s, why) = pdfgen::score::score(want, got);
        assert_eq!(s.exact, want.len(), "{why:#?}");
        assert_eq!(s.spurious, 0, "spurious articles: {got:#?}");
    }
}

#[test]
fn ucs2_cid_fonts_without_a_unicode_map_read_back_exactly() {
    let (pdf, expected) = pdfgen::build(&known(), &style(Encoding::Ucs2));
    assert_same(&pdf, &expected);
}

#[test]
fn gbk_cid_fonts_without_a_unicode_map_read_back_exactly() {
    let (pdf, expected) = pdfgen::build(&known(), &style(Encoding::Gbk));
    assert_same(&pdf, &expected);
}

#[test]
fn identity_fonts_with_a_tounicode_map_read_back_exactly() {
    let (pdf, expected) = pdfgen::build(&known(), &style(Encoding::IdentityToUnicode));
    assert_same(&pdf, &expected);
}

#[test]
fn radical_code_points_are_folded_to_the_ideographs() {
    let st = Style { radicals: true, ..style(Encoding::IdentityToUnicode) };
    let (pdf, expected) = pdfgen::build(&known(), &st);
    let got = read(&pdf);
    let text = format!("{got:?}");
    assert!(!text.contains('\u{2F08}') && !text.contains('\u{2EA0}'), "radicals left: {text}");
    assert_same(&pdf, &expected);
}

#[test]
fn glyphs_drawn_twice_for_fake_bold_count_once() {
    let st = Style { fake_bold: true, ..style(Encoding::Ucs2) };
    let (pdf, expected) = pdfgen::build(&known(), &st);
    assert_same(&pdf, &expected);
}

#[test]
fn indents_of_ideographic_spaces_and_headlines_painted_last_read_the_same() {
    let st = Style { space_indent: true, heads_last: true, centre_heads: false, strips: 1, ..style(Encoding::Gbk) };
    let (pdf, expected) = pdfgen::build(&known(), &st);
    assert_same(&pdf, &expected);
}

#[test]
fn a_multi_page_pdf_gives_its_pages_in_order_with_numbers() {
    let mut rng = Rng::new(11);
    let articles: Vec<Article> = (0..14).map(|_| pdfgen::article(&mut rng)).collect();
    let st = Style { strips: 1, ..style(Encoding::Ucs2) };
    let (pdf, expected) = pdfgen::build(&articles, &st);
    assert!(expected.len() >= 2, "the generator should need several pages");
    let pages = lvread::pdf::read_bytes("issue.pdf", &pdf).unwrap_or_else(|e| panic!("{e}"));
    let numbers: Vec<Option<u32>> = pages.iter().map(|p| p.page.page).collect();
    let want: Vec<Option<u32>> = (1..=expected.len() as u32).map(Some).collect();
    assert_eq!(numbers, want);
    for (p, want) in pages.iter().zip(&expected) {
        assert_eq!(p.page.articles.first().map(|a| &a.title), want.first().map(|a| &a.title));
    }
}

/// The shared material, when present.
fn shared(name: &str) -> Option<Vec<u8>> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/pdf").join(name);
    match std::fs::read(&p) {
        Ok(b) => Some(b),
        Err(_) => {
            println!("skipped: {} is absent", p.display());
            None
        }
    }
}

fn all_text(pages: &[lvread::pdf::ReadPage]) -> String {
    let mut s = String::new();
    for p in pages {
        for a in &p.page.articles {
            s.push_str(&a.title);
            s.extend(a.paragraphs.iter().map(String::as_str));
        }
        s.extend(p.page.fragments.iter().map(String::as_str));
    }
    s
}

#[test]
fn pdfjs_chinese_fixtures_read_as_chinese() {
    // A GBK-EUC-H font with a GBK-encoded Chinese name and no Unicode map.
    if let Some(b) = shared("pdfjs/issue2128r.pdf") {
        let text = all_text(&lvread::pdf::read_bytes("issue2128r.pdf", &b).unwrap_or_else(|e| panic!("{e}")));
        assert!(text.contains("校长的魅力"), "{text}");
    }
    // A CID TrueType font drawn twice for bold: each glyph once.
    if let Some(b) = shared("pdfjs/issue12823.pdf") {
        let text = all_text(&lvread::pdf::read_bytes("issue12823.pdf", &b).unwrap_or_else(|e| panic!("{e}")));
        assert!(text.contains("知识库简介") && !text.contains("知知"), "{text}");
    }
    // A CFF-based CID font; 一 comes as the Kangxi radical ⼀ and is folded.
    if let Some(b) = shared("pdfjs/issue15340.pdf") {
        let text = all_text(&lvread::pdf::read_bytes("issue15340.pdf", &b).unwrap_or_else(|e| panic!("{e}")));
        assert!(text.contains("漏電遮断機構") && text.contains("一つの箱") && !text.contains('\u{2F00}'), "{text}");
    }
}

#[test]
fn chromium_pages_map_radicals_back() {
    if let Some(b) = shared("chromium_000.pdf") {
        let text = all_text(&lvread::pdf::read_bytes("chromium_000.pdf", &b).unwrap_or_else(|e| panic!("{e}")));
        assert!(text.contains("中非") && text.contains("人民"), "radicals not folded");
        assert!(!text.chars().any(|c| ('\u{2E80}'..='\u{2FDF}').contains(&c)), "radicals left");
    }
}

/// Folds a field as the shared scorer compares it: white space removed, NFKC.
fn folded(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.split_whitespace().collect::<String>().nfkc().collect()
}

/// The e-paper pages in ../shared/pdf come out exactly as their perfect
/// trees: every article's title, kicker, subtitle, byline, paragraphs and
/// captions. (The Founder-style page sets digits a full em wide, so its
/// lines overrun their columns; the Chromium pages map glyphs to radicals.)
#[test]
fn shared_epaper_pages_come_out_exactly_as_their_perfect_trees() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/pdf");
    for family in ["chromium", "founder"] {
        let Ok(json) = std::fs::read_to_string(dir.join(format!("perfect_{family}.json"))) else {
            println!("skipped: perfect_{family}.json is absent");
            return;
        };
        let perfect: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        for issue in perfect["issues"].as_array().into_iter().flatten() {
            let source = issue["source"].as_str().unwrap_or_default();
            let Some(bytes) = shared(source) else { continue };
            let pages = lvread::pdf::read_bytes(source, &bytes).unwrap_or_else(|e| panic!("{source}: {e}"));
            let got: Vec<&lvread::model::Article> = pages.iter().flat_map(|p| &p.page.articles).collect();
            let want = issue["articles"].as_array().cloned().unwrap_or_default();
            assert_eq!(got.len(), want.len(), "{source}: article count");
            for w in &want {
                let title = folded(w["title"].as_str().unwrap_or_default());
                let Some(a) = got.iter().find(|a| folded(&a.title) == title) else {
                    panic!("{source}: no article titled {title}");
                };
                let opt = |v: &serde_json::Value| v.as_str().map(folded);
                let list = |v: &serde_json::Value| -> Vec<String> {
                    v.as_array().into_iter().flatten().filter_map(|s| s.as_str()).map(folded).collect()
                };
                assert_eq!(a.kicker.as_deref().map(folded), opt(&w["kicker"]), "{source} {title}: kicker");
                assert_eq!(a.subtitle.as_deref().map(folded), opt(&w["subtitle"]), "{source} {title}: subtitle");
                assert_eq!(a.byline.as_deref().map(folded), opt(&w["byline"]), "{source} {title}: byline");
                let paragraphs: Vec<String> = a.paragraphs.iter().map(|p| folded(p)).collect();
                assert_eq!(paragraphs, list(&w["paragraphs"]), "{source} {title}: paragraphs");
                let captions: Vec<String> = a.captions.iter().map(|p| folded(p)).collect();
                assert_eq!(captions, list(&w["captions"]), "{source} {title}: captions");
            }
        }
    }
}

/// A page of other layouts: a masthead over a banner row, framed boxes side
/// by side whose lines share baselines less than an em apart, headlines in a
/// column of their own left of their text, two-em dashes.
#[test]
fn boxes_side_by_side_side_headlines_and_a_masthead_read_back_exactly() {
    for seed in [1, 2, 3] {
        let page = pdfgen::boxes::boxes_page(seed);
        if let Ok(dir) = std::env::var("PDF_BOXES_SAVE") {
            let _ = std::fs::write(format!("{dir}/boxes{seed}.pdf"), &page.pdf);
        }
        let pages = lvread::pdf::read_bytes("boxes.pdf", &page.pdf).unwrap_or_else(|e| panic!("{e}"));
        let got = &pages[0].page;
        let (s, why) = pdfgen::score::score(&page.articles, &got.articles);
        assert_eq!(s.exact, page.articles.len(), "seed {seed}: {why:#?}\n{:#?}", got.articles);
        assert_eq!(s.spurious, 0, "seed {seed}: spurious articles: {:#?}", got.articles);
        for b in &page.banner {
            assert!(
                got.fragments.iter().any(|f| folded(f) == folded(b)),
                "seed {seed}: banner {b} not a fragment: {:?}",
                got.fragments
            );
        }
        let text = format!("{:?}", got.articles);
        assert!(!text.contains('\u{2E3A}'), "seed {seed}: two-em dash left");
        // The file's name gives no date: the page is dated by its banner.
        let dated = page.banner.iter().find(|b| b.contains('年')).unwrap_or_else(|| panic!("no dated banner"));
        let ymd: Vec<u32> = dated.split(['年', '月', '日']).take(3).map(|n| n.trim().parse().unwrap_or(0)).collect();
        let want = lvread::model::Date::new(ymd[0], ymd[1], ymd[2]);
        assert!(want.is_some(), "seed {seed}: {dated}");
        assert_eq!(got.date, want, "seed {seed}: banner {dated}");
        assert!(!got.date_inferred, "seed {seed}: a printed date is not a guess");
    }
}

/// Briefs titled only a little larger than their text (11 pt over 9 pt) are
/// items of their own, not one long untitled one.
#[test]
fn briefs_with_titles_a_little_larger_than_the_body_read_back_exactly() {
    for seed in [1, 2, 3] {
        let (pdf, want) = pdfgen::boxes::briefs_page(seed);
        let got = read(&pdf).remove(0);
        let (s, why) = pdfgen::score::score(&want, &got);
        assert_eq!(s.exact, want.len(), "seed {seed}: {why:#?}");
        assert_eq!(s.spurious, 0, "seed {seed}: spurious articles: {got:#?}");
    }
}

/// A PDF page's items are finished as a text page's are (one grammar for
/// both): a byline closing the text (`…。（王芳）`) signs the item instead
/// of staying in its last paragraph, a continuation mark (`（上接1版）`)
/// opening the text goes to the kicker and makes the item a continuation, a
/// caption run into the last paragraph (`…图为…。 记者 王益炜 摄`) is a
/// caption, and a notice's headline makes it a notice. (A notice's issuer
/// and date set apart as paragraphs of their own: `pdf::layout`'s tests.)
#[test]
fn closing_bylines_continuations_inline_captions_and_notices_read_as_on_text_pages() {
    let printed = vec![
        Article {
            title: "孝义市图书馆延长开放时间".into(),
            paragraphs: vec![
                "从本月起，孝义市图书馆每天开放时间延长至晚上九点，方便上班族和学生读书学习。".into(),
                "图书馆还新增了自助借还设备和电子阅览区。（王芳）".into(),
            ],
            ..Article::default()
        },
        Article {
            title: "离石区开展安全生产大检查".into(),
            byline: Some("本报讯（通讯员 李华）".into()),
            paragraphs: vec![
                "（上接1版）检查组深入企业车间、建筑工地和人员密集场所，对发现的问题隐患逐一登记。".into(),
                "检查组要求明确整改时限和责任人。图为检查组在企业车间检查。 记者 王益炜 摄".into(),
            ],
            ..Article::default()
        },
        Article {
            title: "关于开展冬季供暖安全检查的通知".into(),
            paragraphs: vec![
                "各县（市、区）住建局：为确保冬季供暖安全，现就开展供暖安全检查有关事项通知如下。".into(),
                "吕梁市住房和城乡建设局".into(),
                "2024年11月20日".into(),
            ],
            ..Article::default()
        },
    ];
    let mut s = style(Encoding::Ucs2);
    s.strips = 1;
    let (pdf, _) = pdfgen::build(&printed, &s);
    let got: Vec<Article> = read(&pdf).into_iter().flatten().collect();
    let by_title =
        |t: &str| got.iter().find(|a| a.title == t).unwrap_or_else(|| panic!("no item titled {t}: {got:#?}"));
    let signed = by_title("孝义市图书馆延长开放时间");
    assert_eq!(signed.byline.as_deref(), Some("（王芳）"));
    assert!(signed.paragraphs.last().is_some_and(|p| p.ends_with("电子阅览区。")), "{signed:#?}");
    let continued = by_title("离石区开展安全生产大检查");
    assert_eq!(continued.kind, lvread::model::Kind::Continuation);
    assert_eq!(continued.kicker.as_deref(), Some("（上接1版）"));
    assert!(continued.paragraphs[0].starts_with("检查组深入企业车间"), "{:?}", continued.paragraphs);
    assert_eq!(continued.paragraphs.last().map(String::as_str), Some("检查组要求明确整改时限和责任人。"));
    assert_eq!(continued.captions, ["图为检查组在企业车间检查。 记者 王益炜 摄"]);
    let notice = by_title("关于开展冬季供暖安全检查的通知");
    assert_eq!(notice.kind, lvread::model::Kind::Notice);
}
