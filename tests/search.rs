#![allow(clippy::unwrap_used)]
//! Search behaviour on pages built in the test (independent of the loader).

use lvread::model::{Article, Date, Issue, Page};
use lvread::search::{Cache, Field, Index, Query, SearchWorker, article_matches, field_text, words};
use std::sync::Arc;
use std::time::Duration;

/// An article as (title, paragraphs).
type ArticleSpec<'a> = (&'a str, &'a [&'a str]);

/// One issue per (date, articles), newest first as `archive::group` gives them.
fn archive(issues: &[(&str, &[ArticleSpec<'_>])]) -> Arc<Vec<Issue>> {
    let mut out = Vec::new();
    for (n, (date, arts)) in issues.iter().enumerate() {
        let articles = arts
            .iter()
            .enumerate()
            .map(|(i, (title, paras))| Article {
                id: format!("{n}-{i}"),
                title: title.to_string(),
                paragraphs: paras.iter().map(|p| p.to_string()).collect(),
                ..Article::default()
            })
            .collect();
        let page = Page { source: format!("{date}_p01.txt"), date: Date::parse(date), articles, ..Page::default() };
        out.push(page);
    }
    Arc::new(lvread::archive::group(out))
}

/// One issue per (date, headline), each holding one article of that
/// headline over a one-sentence body.
fn one_headline_each(issues: &[(String, &str)]) -> Arc<Vec<Issue>> {
    let specs: Vec<[ArticleSpec<'_>; 1]> = issues.iter().map(|(_, t)| [(*t, &["正文。"][..])]).collect();
    let list: Vec<(&str, &[ArticleSpec<'_>])> =
        issues.iter().zip(&specs).map(|((d, _), s)| (d.as_str(), &s[..])).collect();
    archive(&list)
}

fn search(index: &Index, q: &str) -> Vec<lvread::search::Hit> {
    let _ = words::jieba();
    index.search(&Query::new(q), 50, &mut Cache::default(), &|| false).expect("not cancelled").hits
}

fn titles(index: &Index, q: &str) -> Vec<String> {
    search(index, q).into_iter().map(|h| h.title).collect()
}

fn matched_text(index: &Index, h: &lvread::search::Hit) -> Vec<String> {
    let a = index.article(h.doc);
    let text: Vec<char> = field_text(a, h.matched.field, h.matched.index).unwrap().chars().collect();
    h.matched.ranges.iter().map(|r| text[r.clone()].iter().collect()).collect()
}

#[test]
fn headline_matches_rank_above_body_matches() {
    let idx = Index::build(archive(&[
        ("2024-03-02", &[("全市经济工作会议召开", &["会上，吕梁市委书记作了讲话。"])]),
        ("2024-03-01", &[("吕梁市召开植树造林动员会", &["会议强调要抓好春季造林。"])]),
    ]));
    let t = titles(&idx, "吕梁");
    assert_eq!(t, ["吕梁市召开植树造林动员会", "全市经济工作会议召开"], "the older headline hit comes first");
    let hits = search(&idx, "吕梁");
    assert_eq!(hits[0].matched.field.group(), "title");
    assert_eq!(hits[1].matched.field.group(), "body");
    assert!(hits[0].score > hits[1].score);
}

#[test]
fn word_aligned_matches_rank_above_matches_across_words() {
    let j = words::jieba();
    let straddling: Vec<char> = "两者大小区别不大".chars().collect();
    let aligned: Vec<char> = "这个小区环境很好".chars().collect();
    assert!(!words::aligned(j, &straddling, 3, 5), "precondition: 小区 straddles 大小|区别");
    assert!(words::aligned(j, &aligned, 2, 4), "precondition: 小区 is a word");
    let idx = Index::build(archive(&[
        ("2024-05-03", &[("甲", &["两者大小区别不大。"])]),
        ("2024-05-02", &[("乙", &["这个小区环境很好。"])]),
    ]));
    assert_eq!(titles(&idx, "小区"), ["乙", "甲"]);
}

#[test]
fn contiguous_matches_rank_above_scattered_ones() {
    let idx = Index::build(archive(&[
        ("2024-05-03", &[("甲", &["小张在区里改造房子。"])]),
        ("2024-05-02", &[("乙", &["全力推进小区改造。"])]),
    ]));
    let hits = search(&idx, "小区改造");
    assert_eq!(hits.iter().map(|h| h.title.as_str()).collect::<Vec<_>>(), ["乙", "甲"]);
    assert_eq!(matched_text(&idx, &hits[0]), ["小区改造"]);
    assert_eq!(matched_text(&idx, &hits[1]), ["小", "区", "改造"], "the fuzzy hit highlights each matched char");
}

fn pinyin_archive() -> Index {
    Index::build(archive(&[(
        "2023-11-04",
        &[
            ("孙大军在离石区调研老旧小区改造工作", &["市委书记孙大军深入离石区调研。"]),
            ("全市青少年工作联席会议第四次全体会议召开", &["会议总结了全市青少年工作。"]),
            ("习近平向第五届中美友城大会致信", &["中美友城大会在美国举行。"]),
            ("吕梁新区建设步伐加快", &["吕梁新区一派繁忙景象。"]),
            ("长城脚下的银行行长", &["他是一家银行的行长。"]),
        ],
    )]))
}

#[test]
fn pinyin_full_syllables_and_u_umlaut_spellings() {
    let idx = pinyin_archive();
    for q in ["lvliang", "lüliang", "lyuliang", "LvLiang"] {
        let hits = search(&idx, q);
        assert_eq!(hits.first().map(|h| h.title.as_str()), Some("吕梁新区建设步伐加快"), "{q}");
        assert_eq!(matched_text(&idx, &hits[0]), ["吕梁"], "{q}");
        assert!(hits[0].matched.pinyin);
    }
    assert_eq!(titles(&idx, "zhongmeiyoucheng").first().map(String::as_str), Some("习近平向第五届中美友城大会致信"));
}

#[test]
fn pinyin_initials_and_mixes() {
    let idx = pinyin_archive();
    assert_eq!(titles(&idx, "qsngzlxhy").first().map(String::as_str), Some("全市青少年工作联席会议第四次全体会议召开"));
    for q in ["sdj", "sundj", "sundajun", "sdajun"] {
        let hits = search(&idx, q);
        assert_eq!(hits.first().map(|h| h.title.as_str()), Some("孙大军在离石区调研老旧小区改造工作"), "{q}");
        assert_eq!(matched_text(&idx, &hits[0]), ["孙大军"], "{q}");
    }
}

#[test]
fn a_whole_syllable_ranks_above_the_start_of_a_longer_one() {
    // `xian` is 县; it is also how 向 (xiang) and 乡 (xiang) begin. The
    // word-aligned 向 must not push the county below them.
    let idx = Index::build(archive(&[(
        "2023-11-04",
        &[
            ("习近平向大会致信", &["大会在美国举行。"]),
            ("吕梁市县两级开展服务", &["服务队走访企业。"]),
            ("助力乡村振兴", &["乡村一派繁忙景象。"]),
        ],
    )]));
    let hits = search(&idx, "xian");
    assert_eq!(hits.first().map(|h| h.title.as_str()), Some("吕梁市县两级开展服务"));
    assert_eq!(matched_text(&idx, &hits[0]), ["县"]);
    assert!(hits[0].score > hits[1].score, "{hits:?}");
    // While the syllable is still being typed, all three match.
    assert_eq!(search(&idx, "xia").len(), 3);
}

#[test]
fn polyphones_match_by_every_reading() {
    let idx = pinyin_archive();
    for q in ["changcheng", "hangzhang", "yinhang", "zhangcheng"] {
        assert!(!search(&idx, q).is_empty(), "{q}");
    }
    let hits = search(&idx, "hangzhang");
    assert_eq!(matched_text(&idx, &hits[0]), ["行长"]);
}

#[test]
fn highlights_land_on_the_hanzi() {
    let idx = pinyin_archive();
    for q in ["老旧小区", "ljxq"] {
        let hits = search(&idx, q);
        let h = &hits[0];
        assert_eq!(h.matched.field, Field::Title);
        assert_eq!(h.matched.ranges, vec![9..13], "{q}");
        let snip: Vec<char> = h.snippet.text.chars().collect();
        let lit: Vec<String> = h.snippet.highlights.iter().map(|r| snip[r.clone()].iter().collect()).collect();
        assert_eq!(lit, ["老旧小区"], "{q}");
    }
}

#[test]
fn every_match_in_an_article_for_body_highlighting() {
    let idx = pinyin_archive();
    let a = idx.article(idx.doc_of(0, 3).unwrap());
    let m = article_matches(a, &Query::new("吕梁"));
    assert_eq!(m.len(), 2);
    let first_two = 0..2;
    assert_eq!((m[0].field, m[0].ranges.clone()), (Field::Title, vec![first_two.clone()]));
    assert_eq!((m[1].field, m[1].index, m[1].ranges.clone()), (Field::Paragraph, 0, vec![first_two]));
    let m = article_matches(idx.article(idx.doc_of(0, 4).unwrap()), &Query::new("hang"));
    let para: Vec<_> = m.iter().filter(|f| f.field == Field::Paragraph).collect();
    assert_eq!(para[0].ranges, vec![5..6, 7..8], "both 行 of 银行的行长");
}

#[test]
fn full_width_and_half_width_fold_together() {
    let idx = Index::build(archive(&[(
        "2024-01-01",
        &[
            ("２０２４年工作要点", &["全年目标。"]),
            ("2024年预算报告", &["ABC公司中标。"]),
            ("其他", &["ｘｙｚ集团成立。"]),
        ],
    )]));
    let mut t = titles(&idx, "２０２４");
    t.sort();
    assert_eq!(t, ["2024年预算报告", "２０２４年工作要点"]);
    assert_eq!(titles(&idx, "2024").len(), 2);
    assert_eq!(titles(&idx, "abc"), ["2024年预算报告"], "lower case ignores case");
    assert!(titles(&idx, "aBC").is_empty(), "a capital makes the query case-sensitive");
    assert_eq!(titles(&idx, "xyz"), ["其他"]);
    let h = &search(&idx, "xyz")[0];
    assert_eq!(h.matched.ranges, vec![0..3]);
}

#[test]
fn empty_blank_punctuation_missing_and_huge_queries() {
    let idx = pinyin_archive();
    for q in ["", "   ", "\u{3000}\u{3000}", "，。！？", "...", "“”《》"] {
        assert!(Query::new(q).is_blank(), "{q:?}");
        assert!(search(&idx, q).is_empty(), "{q:?}");
    }
    assert!(search(&idx, "不存在的词").is_empty());
    assert!(search(&idx, "xqzv").is_empty());
    let long: String = "孙大军在离石区调研老旧小区改造工作".chars().cycle().take(500).collect();
    assert!(search(&idx, &long).is_empty());
    let long_latin: String = "zhongmeiyoucheng".chars().cycle().take(500).collect();
    assert!(search(&idx, &long_latin).is_empty());
}

#[test]
fn typing_char_by_char_with_the_cache_gives_the_same_results() {
    let idx = pinyin_archive();
    for q in ["孙大军调研", "qsngzlxhy", "lvliang", "zhongmeiyoucheng"] {
        let mut cache = Cache::default();
        let mut typed = String::new();
        for c in q.chars() {
            typed.push(c);
            let incremental = idx.search(&Query::new(&typed), 50, &mut cache, &|| false).unwrap();
            let fresh = idx.search(&Query::new(&typed), 50, &mut Cache::default(), &|| false).unwrap();
            assert_eq!(incremental.hits, fresh.hits, "{typed}");
        }
    }
}

#[test]
fn a_cancelled_search_returns_nothing() {
    let idx = pinyin_archive();
    assert!(idx.search(&Query::new("吕梁"), 50, &mut Cache::default(), &|| true).is_none());
}

#[test]
fn the_worker_answers_the_newest_query() {
    let w = SearchWorker::spawn(pinyin_archive().issues().clone());
    w.submit("孙大", 20);
    let g = w.submit("lvliang", 20);
    let r = w.wait(Duration::from_secs(20)).expect("an answer");
    assert_eq!(r.generation, g);
    assert_eq!(r.results.query, "lvliang");
    assert_eq!(r.results.hits[0].title, "吕梁新区建设步伐加快");
    assert!(w.poll().is_none());
}

#[test]
fn digits_and_latin_match_as_runs_not_scattered() {
    let idx = Index::build(archive(&[
        ("2024-03-03", &[("三年行动计划", &["【202】1年4月以来，全市新建项目40个。"])]),
        ("2024-03-02", &[("全市经济工作会议召开", &["2024年全市经济工作要点。"])]),
        ("2024-03-01", &[("乡村振兴", &["2023年，全市粮食产量达到24万吨。"])]),
    ]));
    let t = titles(&idx, "2024");
    assert_eq!(t, ["全市经济工作会议召开"], "only the article holding the run 2024");
    // A run inside a mixed query must still be whole; the rest may scatter.
    let t = titles(&idx, "2024要点");
    assert_eq!(t, ["全市经济工作会议召开"]);
    let t = titles(&idx, "2024经济要点");
    assert_eq!(t, ["全市经济工作会议召开"], "a run plus scattered hanzi");
    // Latin letters too: `ab` does not match `a…b`.
    let idx = Index::build(archive(&[("2024-03-01", &[("标题", &["a公司与b公司签约。"])])]));
    assert!(titles(&idx, "ab").is_empty());
}

#[test]
fn shortcuts_never_change_the_hits() {
    // Pair signatures and the headline early stop only skip articles that
    // cannot reach the list: every prefix of these queries gives the same
    // hits, in the same order, with and without them.
    words::preload();
    let _ = words::jieba();
    let pages: Vec<Page> = lvread::synth::pages(400, 11)
        .iter()
        .map(|(name, raw)| lvread::loader::load_text(name, raw, Vec::new()))
        .collect();
    let mut index = Index::build(Arc::new(lvread::archive::group(pages)));
    let mut checked = 0;
    for q in [
        "qsngzlxhy",
        "lyuliang",
        "lvlian",
        "sundj",
        "zhongmei",
        "老旧小区改造",
        "营商环境",
        "gaozhiliang",
        "2023",
        "吕梁市",
    ] {
        let mut caches = [Cache::default(), Cache::default()];
        let mut typed = String::new();
        for c in q.chars() {
            typed.push(c);
            let mut found = Vec::new();
            for (k, on) in [false, true].into_iter().enumerate() {
                index.set_use_signatures(on);
                let r = index.search(&Query::new(&typed), 200, &mut caches[k], &|| false).unwrap();
                found.push(r.hits.iter().map(|h| (h.doc, h.score)).collect::<Vec<_>>());
            }
            assert_eq!(found[0], found[1], "{typed}");
            checked += found[1].len();
        }
    }
    assert!(checked > 2000, "the queries find plenty ({checked} hits in all)");
}

/// `n` recent issues with headline `recent`, and one old issue (2001)
/// with headline `old`.
fn recent_and_old(recent: &str, n: usize, old: &str) -> Index {
    let dates: Vec<String> =
        (0..n).map(|k| format!("20{:02}-{:02}-{:02}", 10 + k / 300, k / 28 % 10 + 1, k % 28 + 1)).collect();
    let recent_spec: [ArticleSpec<'_>; 1] = [(recent, &["正文。"])];
    let old_spec: [ArticleSpec<'_>; 1] = [(old, &["正文。"])];
    let mut issues: Vec<(&str, &[ArticleSpec<'_>])> = dates.iter().map(|d| (d.as_str(), &recent_spec[..])).collect();
    issues.push(("2001-05-01", &old_spec[..]));
    Index::build(archive(&issues))
}

/// The hits of `q` (doc, score, headline) with the shortcuts off and on,
/// asserted the same either way, and how many headlines the search read
/// with them on.
fn hits_both_ways(index: &mut Index, q: &str) -> (Vec<(u32, i64, String)>, usize) {
    let mut found = Vec::new();
    let mut examined = 0;
    for on in [false, true] {
        index.set_use_signatures(on);
        let r = index.search(&Query::new(q), 200, &mut Cache::default(), &|| false).unwrap();
        found.push(r.hits.iter().map(|h| (h.doc, h.score, h.title.clone())).collect::<Vec<_>>());
        examined = r.examined;
    }
    assert_eq!(found[0], found[1], "{q}: the same hits with and without the shortcuts");
    (found.pop().unwrap_or_default(), examined)
}

/// The first hit's headline (the same hits with the shortcuts off and on).
fn first_hit_both_ways(index: &mut Index, q: &str) -> String {
    let _ = words::jieba();
    let (hits, _) = hits_both_ways(index, q);
    hits.first().map(|h| h.2.clone()).unwrap_or_default()
}

#[test]
fn an_old_headline_ending_on_a_whole_syllable_outranks_many_newer_ones() {
    // 250 newer headlines hold 吕梁 (`lvli` is only the start of liang);
    // the oldest holds 吕里 (li whole): the headline pass must not stop
    // once 200 吕梁 are in hand.
    let mut index = recent_and_old("吕梁市召开会议", 250, "吕里村新貌");
    assert_eq!(first_hit_both_ways(&mut index, "lvli"), "吕里村新貌");
    assert_eq!(first_hit_both_ways(&mut index, "lyuli"), "吕里村新貌");
    assert_eq!(first_hit_both_ways(&mut index, "lvliang"), "吕梁市召开会议", "吕梁 whole: the newest first");
}

#[test]
fn an_old_word_aligned_headline_outranks_many_newer_ones_across_words() {
    // 250 newer headlines hold 中美 across two words (集中|美化); the oldest
    // as a word of its own: it comes first, by Hanzi and by pinyin.
    let mut index = recent_and_old("集中美化环境", 250, "中美友城合作");
    assert_eq!(first_hit_both_ways(&mut index, "中美"), "中美友城合作");
    assert_eq!(first_hit_both_ways(&mut index, "zhongmei"), "中美友城合作");
}

#[test]
fn a_word_in_the_subtitle_does_not_make_a_headline_word_aligned() {
    // 250 newer articles hold 中美 across two words in the headline
    // (集中|美化) and as a word in the subtitle (中美|友好): neither makes a
    // word-aligned headline match, so once 200 of them are in hand the
    // other 50 are not read; the oldest holds 中美 as a word in its
    // headline and still comes first. (A subtitle match ranks below every
    // side-by-side headline match, word-aligned or not.)
    let _ = words::jieba();
    let mut pages = Vec::new();
    for k in 0..250 {
        let date = format!("20{:02}-{:02}-{:02}", 10 + k / 300, k / 28 % 10 + 1, k % 28 + 1);
        let a = Article {
            id: format!("{k}"),
            title: "集中美化环境".into(),
            subtitle: Some("中美友好交流".into()),
            paragraphs: vec!["正文。".into()],
            ..Article::default()
        };
        pages.push(Page {
            source: format!("{date}_p01.txt"),
            date: Date::parse(&date),
            articles: vec![a],
            ..Page::default()
        });
    }
    let old = Article {
        id: "old".into(),
        title: "中美友城合作".into(),
        paragraphs: vec!["正文。".into()],
        ..Article::default()
    };
    pages.push(Page {
        source: "2001-05-01_p01.txt".into(),
        date: Date::parse("2001-05-01"),
        articles: vec![old],
        ..Page::default()
    });
    let mut index = Index::build(Arc::new(lvread::archive::group(pages)));
    for q in ["中美", "zhongmei", "zhongm"] {
        let (hits, examined) = hits_both_ways(&mut index, q);
        assert_eq!(hits.first().map(|h| h.2.as_str()), Some("中美友城合作"), "{q}");
        assert_eq!(hits.len(), 200, "{q}");
        assert!(examined < 210, "{q}: {examined} headlines read (of 251)");
    }
}

#[test]
fn a_literal_query_reads_only_headlines_holding_its_characters() {
    // 250 newer headlines hold 营 inside a word (营商); 50 older ones are
    // 赢 alone, read ying like 营 and a word of its own, which is all the
    // postings tell of a word-aligned 营. Once 200 营商 are in hand those
    // 50 may outrank them by the postings, but lacking 营 they are not
    // read (nor are the 50 older 营商, which cannot).
    let _ = words::jieba();
    let mut issues: Vec<(String, &str)> = (0..250)
        .map(|k| (format!("20{:02}-{:02}-{:02}", 10 + k / 300, k / 28 % 10 + 1, k % 28 + 1), "优化营商环境"))
        .collect();
    issues.extend((0..50).map(|k| (format!("2001-{:02}-{:02}", k / 28 + 1, k % 28 + 1), "赢")));
    let mut index = Index::build(one_headline_each(&issues));
    let (hits, examined) = hits_both_ways(&mut index, "营");
    assert_eq!(hits.len(), 200);
    assert!(examined < 220, "{examined} headlines read (of 300)");
}

#[test]
fn a_digit_or_latin_letter_alone_reads_only_headlines_where_it_may_be_a_word() {
    // 250 newer headlines hold 2 and Z inside words (2023, XYZ), 50 older
    // ones too; the oldest holds them as words of their own (jieba: 2|号线,
    // Z|字). Once 200 newer hits are in hand, only a word-aligned match can
    // outrank them: the Latin letters' and digits' word keys tell which
    // headline may hold one, so the 50 older are not read.
    let _ = words::jieba();
    let mut issues: Vec<(String, &str)> = (0..250)
        .map(|k| (format!("20{:02}-{:02}-{:02}", 10 + k / 300, k / 28 % 10 + 1, k % 28 + 1), "2023年XYZ工作要点"))
        .collect();
    issues.extend((0..50).map(|k| (format!("2001-{:02}-{:02}", k / 28 + 1, k % 28 + 1), "2022年XYZ工作总结")));
    issues.push(("2000-01-01".into(), "地铁2号线Z字路口"));
    let mut index = Index::build(one_headline_each(&issues));
    for q in ["2", "z", "Z"] {
        let (hits, examined) = hits_both_ways(&mut index, q);
        assert_eq!(hits.len(), 200, "{q}");
        assert_eq!(hits[0].2, "地铁2号线Z字路口", "{q}: the word-aligned match first");
        assert!(examined < 220, "{q}: {examined} headlines read (of 301)");
    }
}
