use super::*;
use proptest::prelude::*;

fn texts<'a>(text: &'a str, lines: &[Line]) -> Vec<&'a str> {
    lines.iter().map(|l| &text[l.range.clone()]).collect()
}

fn non_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Checks the invariants every wrap must keep; returns the line texts.
fn check(text: &str, width: usize, indent: bool) -> Vec<String> {
    check_lines(text, width, indent, wrap(text, width, indent))
}

fn check_lines(text: &str, width: usize, indent: bool, lines: Vec<Line>) -> Vec<String> {
    let mut joined = String::new();
    let mut last = 0;
    for (n, l) in lines.iter().enumerate() {
        assert!(l.range.start >= last, "ranges overlap at line {n}");
        assert!(text.is_char_boundary(l.range.start) && text.is_char_boundary(l.range.end));
        assert!(text[last..l.range.start].chars().all(char::is_whitespace), "text dropped between lines");
        let s = &text[l.range.clone()];
        assert!(!s.is_empty(), "empty line {n}");
        let w = str_width(s) + if l.indent { INDENT_WIDTH } else { 0 };
        assert_eq!(w, l.width, "width of line {n} {s:?}");
        let single_wide = s.chars().filter(|c| char_width(*c) > 0).count() == 1;
        assert!(l.width <= width || single_wide, "line {n} {s:?} is {w} wide, more than {width}");
        assert!(!l.indent || (n == 0 && indent && width >= MIN_WIDTH_FOR_INDENT), "bad indent on line {n}");
        joined.push_str(s);
        last = l.range.end;
    }
    assert!(text[last..].chars().all(char::is_whitespace), "text dropped at the end");
    assert_eq!(non_space(&joined), non_space(text), "text lost or changed");
    texts(text, &lines).into_iter().map(String::from).collect()
}

#[test]
fn short_text_stays_on_one_line() {
    assert_eq!(check("吕梁日报", 20, false), vec!["吕梁日报"]);
    assert!(wrap("", 10, true).is_empty());
    assert!(wrap("   ", 10, true).is_empty());
}

#[test]
fn han_characters_take_two_columns() {
    // 10 characters at width 8: four per line.
    assert_eq!(check("一二三四五六七八九十", 8, false), vec!["一二三四", "五六七八", "九十"]);
    // An odd width cannot hold half a character.
    assert_eq!(check("一二三四五", 5, false), vec!["一二", "三四", "五"]);
}

#[test]
fn first_line_is_indented_by_two_ideographic_spaces() {
    let lines = wrap("一二三四五六七八九十", 12, true);
    assert!(lines[0].indent);
    assert_eq!(lines[0].width, 12);
    assert_eq!(lines[0].range, 0..12, "four characters after the indent");
    assert!(!lines[1].indent);
    // Too narrow for an indent: none.
    assert!(!wrap("一二三四五六", 6, true)[0].indent);
}

#[test]
fn closing_punctuation_never_starts_a_line() {
    // 一二三四 fill width 8; "。" must not start line 2: 四 comes down with it.
    assert_eq!(check("一二三四。五六", 8, false), vec!["一二三", "四。五六"]);
    for p in ["、", "，", "：", "；", "！", "？", "”", "’", "」", "』", "）", "》", "】", "％", "‰", "℃"]
    {
        let text = format!("一二三四{p}五六七八");
        for l in check(&text, 8, false).iter().skip(1) {
            assert!(!l.starts_with(p), "{text:?} broke before {p}");
        }
    }
    // A chain of closing marks is kept together too.
    assert_eq!(check("一二三四。”五六", 8, false), vec!["一二三", "四。”五", "六"]);
}

#[test]
fn opening_punctuation_never_ends_a_line() {
    assert_eq!(check("一二三《四五》", 8, false), vec!["一二三", "《四五》"]);
    for p in ["“", "‘", "「", "『", "（", "〔", "【", "〖", "［", "｛", "〈", "《"] {
        let text = format!("一二三{p}四五六七");
        for l in check(&text, 8, false) {
            assert!(!l.ends_with(p), "{text:?} ended a line with {p}");
        }
    }
}

#[test]
fn dashes_and_ellipses_are_never_split() {
    // "——" is two columns; at width 8 after three Han characters only one column is left.
    for pair in ["——", "……"] {
        let text = format!("一二三{pair}四五六");
        let lines = check(&text, 7, false);
        assert!(lines.iter().any(|l| l.contains(pair)), "{pair} split in {lines:?}");
    }
}

#[test]
fn latin_and_digit_runs_stay_whole() {
    let lines = check("举报电话0358-8253111和0358-8223111，也可拨打12345政务服务热线", 16, false);
    assert!(lines.iter().any(|l| l.contains("0358-8253111")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("0358-8223111")), "{lines:?}");
    let lines = check("一二三2023年", 8, false);
    assert_eq!(lines, vec!["一二三", "2023年"]);
    let lines = check("一二三四10KV线路", 9, false);
    assert!(lines.iter().any(|l| l.contains("10KV")), "{lines:?}");
    let lines = check("一二三投资1.4亿元", 12, false);
    assert!(lines.iter().any(|l| l.contains("1.4亿")), "{lines:?}");
    let lines = check("邮箱llstszx@163.com。每天", 20, false);
    assert!(lines.iter().any(|l| l.contains("llstszx@163.com")), "{lines:?}");
}

#[test]
fn a_run_longer_than_the_line_is_split_without_overflow() {
    let lines = check("0358-8253111", 5, false);
    assert_eq!(lines.concat(), "0358-8253111");
    assert!(lines.len() >= 3);
}

#[test]
fn spaces_at_breaks_are_dropped() {
    assert_eq!(check("hello world again", 11, false), vec!["hello world", "again"]);
    assert_eq!(check("  一二  ", 10, false), vec!["一二"]);
}

#[test]
fn width_one_puts_each_narrow_char_on_a_line_and_wide_ones_alone() {
    let lines = check("ab中", 1, false);
    assert_eq!(lines, vec!["a", "b", "中"]);
}

/// Real paragraphs of the bundled pages obey the rules at every usual width.
#[test]
fn bundled_paragraphs_obey_the_rules() {
    let pages = crate::loader::bundled();
    let paragraphs: Vec<&String> =
        pages.iter().flat_map(|p| p.articles.iter()).flat_map(|a| a.paragraphs.iter()).collect();
    assert!(!paragraphs.is_empty());
    for width in [12, 17, 20, 31, 40, 80] {
        for p in &paragraphs {
            let lines = check(p, width, true);
            for (n, l) in lines.iter().enumerate() {
                // A Latin/digit run that fills a line on its own cannot take
                // its punctuation along without being split: the one allowed exception.
                let run_alone =
                    |s: &str| s.chars().all(|c| is_word_char(c) || is_connector(c)) && str_width(s) + 2 > width;
                if n > 0 && !run_alone(&lines[n - 1]) {
                    let c = l.chars().next().unwrap_or(' ');
                    assert!(!NO_LINE_START.contains(c), "width {width}: line starts with {c}: {l:?}");
                }
                if n + 1 < lines.len() {
                    let c = l.chars().last().unwrap_or(' ');
                    assert!(!NO_LINE_END.contains(c), "width {width}: line ends with {c}: {l:?}");
                }
            }
        }
    }
}

fn text_strategy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "中",
        "国",
        "吕",
        "梁",
        "。",
        "，",
        "、",
        "“",
        "”",
        "《",
        "》",
        "（",
        "）",
        "——",
        "……",
        "—",
        "…",
        " ",
        "  ",
        "　",
        "2023",
        "0358-8253111",
        "10KV",
        "1.4",
        "abc",
        "x",
        ".",
        "-",
        "%",
        "é",
        "\u{301}",
        "\u{200b}",
        "\t",
        "\u{7}",
        "ｱ",
        "𠀀",
        "😀",
        "Ｗ",
        "１２",
    ]);
    prop::collection::vec(pieces, 0..120).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn wrap_never_panics_overflows_or_loses_text(text in text_strategy(), width in 1usize..=200, indent: bool) {
        check(&text, width, indent);
    }

    #[test]
    fn wrap_handles_arbitrary_strings(text in ".{0,200}", width in 1usize..=200) {
        check(&text, width, true);
    }

    #[test]
    fn loose_wrap_never_panics_overflows_or_loses_text(text in text_strategy(), width in 1usize..=200, indent: bool) {
        check_lines(&text, width, indent, wrap_loose(&text, width, indent));
    }

    #[test]
    fn loose_wrap_handles_arbitrary_strings(text in ".{0,200}", width in 1usize..=200) {
        check_lines(&text, width, true, wrap_loose(&text, width, true));
    }
}

#[test]
fn a_url_or_address_is_one_run() {
    let text = "详情请登录网站https://www.llrb.cn/a?id=5查询，或发邮件至llrb_news@163.com咨询。";
    for width in [28, 30, 40, 60] {
        let lines = check(text, width, false);
        assert!(lines.iter().any(|l| l.contains("https://www.llrb.cn/a?id=5")), "URL split at {width}: {lines:?}");
        assert!(lines.iter().any(|l| l.contains("llrb_news@163.com")), "address split at {width}: {lines:?}");
    }
    // Longer than the line: split, but the line is filled (no line of a lone `/`).
    let long = "网址https://www.example.com/news/2023/11/04/content_123456.html。";
    let lines = check(long, 24, false);
    let url_lines: Vec<&String> = lines.iter().filter(|l| l.is_ascii()).collect();
    assert!(url_lines.len() >= 2, "{lines:?}");
    for l in &url_lines {
        assert_eq!(str_width(l), 24, "the URL fills its lines: {lines:?}");
    }
}

#[test]
fn unit_signs_stay_with_their_number() {
    for sign in ["㎡", "％", "℃", "‰", "㎞"] {
        let text = format!("这是一个关于面积的句子建筑面积达15000{sign}以上");
        for width in 8..40 {
            let lines = check(&text, width, false);
            assert!(!lines.iter().any(|l| l.starts_with(sign)), "{sign} starts a line at {width}: {lines:?}");
            if lines.iter().any(|l| l.contains("15000")) && width >= 8 {
                assert!(
                    lines.iter().any(|l| l.contains(&format!("15000{sign}"))),
                    "{sign} left its number at {width}: {lines:?}"
                );
            }
        }
    }
}

#[test]
fn emoji_sequences_are_one_unit_as_wide_as_the_terminal_draws_them() {
    // A family (joined by ZWJ), a thumb with a skin tone, a flag (two
    // regional indicators), a symbol with VS16: each is one cluster, two
    // columns wide, never split across lines.
    let text = "家庭👨\u{200d}👩\u{200d}👧合影，点赞👍🏽，国旗🇨🇳，笑脸☺\u{fe0f}。".repeat(6);
    let bounds: std::collections::HashSet<usize> =
        text.grapheme_indices(true).map(|(i, _)| i).chain([text.len()]).collect();
    for width in [4, 5, 6, 7, 10, 21, 40] {
        for (name, lines) in [("wrap", wrap(&text, width, false)), ("loose", wrap_loose(&text, width, false))] {
            let shown = check_lines(&text, width, false, lines.clone());
            for (l, s) in lines.iter().zip(&shown) {
                let drawn: usize = s.graphemes(true).map(UnicodeWidthStr::width).sum();
                assert_eq!(l.width, drawn, "{name} at {width}: {s:?} is drawn {drawn} wide");
                assert!(l.width <= width, "{name} at {width}: {s:?}");
                assert!(
                    bounds.contains(&l.range.start) && bounds.contains(&l.range.end),
                    "{name}: cluster split: {s:?}"
                );
            }
        }
    }
    assert_eq!(str_width("👨\u{200d}👩\u{200d}👧"), 2);
    assert_eq!(str_width("a🇨🇳b"), 4);
}

#[test]
fn a_lone_ellipsis_never_starts_a_line() {
    // An inferred headline ends in a single `…` where it was cut.
    let text = "人勤春来早草莓迎来了成熟期…";
    for width in 3..40 {
        let lines = check(text, width, false);
        for (n, l) in lines.iter().enumerate().skip(1) {
            assert!(!l.starts_with('…'), "`…` starts line {n} at {width}: {lines:?}");
        }
    }
}

#[test]
fn closing_punctuation_after_a_url_that_fills_the_line_does_not_start_a_line() {
    let url = "https://www.llrb.cn/a?id=5";
    let text = format!("{url}。详情见网站。");
    for width in [str_width(url), str_width(url) + 1] {
        let lines = check(&text, width, false);
        for (n, l) in lines.iter().enumerate().skip(1) {
            assert!(!l.starts_with('。'), "`。` starts line {n} at {width}: {lines:?}");
        }
    }
    // Inside a paragraph, with text before the URL.
    let text = format!("登录{url}。");
    let lines = check(&text, str_width(url), false);
    assert!(lines.iter().skip(1).all(|l| !l.starts_with('。')), "{lines:?}");
}

#[test]
fn a_headline_breaks_at_its_space_when_it_can() {
    let title = "我市全方位优化营商环境 提升服务效能";
    for width in 24..35 {
        let lines = check_lines(title, width, false, wrap_title(title, width));
        assert_eq!(lines, ["我市全方位优化营商环境", "提升服务效能"], "at {width}");
    }
    // Fits on one line: one line.
    assert_eq!(check_lines(title, 40, false, wrap_title(title, 40)).len(), 1);
    // A part longer than the line still wraps by the usual rules.
    let lines = check_lines(title, 10, false, wrap_title(title, 10));
    assert!(lines.iter().all(|l| str_width(l) <= 10), "{lines:?}");
    // No space: the same as `wrap`.
    let plain = "我市全方位优化营商环境提升服务效能";
    assert_eq!(wrap_title(plain, 24), wrap(plain, 24, false));
}

proptest! {
    #[test]
    fn title_wrap_never_panics_overflows_or_loses_text(text in text_strategy(), width in 1usize..=200) {
        check_lines(&text, width, false, wrap_title(&text, width));
    }
}
