//! Builds newspaper-like PDF pages from known articles, so tests know the
//! exact tree that went in. Pure Rust (pdf-writer), no font file: the text is
//! set in non-embedded Adobe-GB1 CID fonts (`STSong-Light` body,
//! `STHeiti-Regular` headlines) with one of three encodings. Every glyph is
//! one em wide, which the fonts' default width says too.
#![allow(dead_code)]

use lvread::model::Article;
use pdf_writer::types::{CidFontType, FontFlags};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};

pub mod boxes;
pub mod items;
pub mod score;

/// How the text bytes are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// `UniGB-UCS2-H`, no ToUnicode map (UCS-2 code units).
    Ucs2,
    /// `GBK-EUC-H`, no ToUnicode map (GBK bytes).
    Gbk,
    /// `Identity-H` with a ToUnicode map (codes are our own glyph numbers).
    IdentityToUnicode,
}

/// A small deterministic random generator (no dependency).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// A number in `lo..hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo).max(1) as u64) as usize
    }
    pub fn chance(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
}

const HANZI: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理世车";
const SURNAMES: &str = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段";
const CITIES: &[&str] = &["北京", "太原", "吕梁", "上海", "广州", "成都", "西安", "武汉", "杭州", "南京"];

fn pick(rng: &mut Rng, s: &str) -> char {
    let v: Vec<char> = s.chars().collect();
    v[rng.range(0, v.len())]
}

fn words(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| pick(rng, HANZI)).collect()
}

fn words_in(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let n = rng.range(lo, hi);
    words(rng, n)
}

fn name(rng: &mut Rng) -> String {
    let mut s = String::new();
    s.push(pick(rng, SURNAMES));
    for _ in 0..rng.range(1, 3) {
        s.push(pick(rng, HANZI));
    }
    s
}

/// A sentence of invented text (never real articles).
fn sentence(rng: &mut Rng) -> String {
    let mut s = String::new();
    for i in 0..rng.range(1, 4) {
        if i > 0 {
            s.push('，');
        }
        s.push_str(&words_in(rng, 4, 14));
        if rng.chance(12) {
            s.push_str(&format!("{}", rng.range(2, 2030)));
            s.push_str(&words(rng, 2));
        }
        if rng.chance(8) {
            s.push('“');
            s.push_str(&words_in(rng, 2, 6));
            s.push('”');
        }
    }
    s.push(if rng.chance(8) { '！' } else { '。' });
    s
}

/// An invented article: title, maybe kicker and subtitle, a byline, paragraphs, a caption.
pub fn article(rng: &mut Rng) -> Article {
    let mut a = Article { title: words_in(rng, 6, 20), ..Article::default() };
    if rng.chance(15) {
        a.title = format!("{} {}", a.title, words_in(rng, 4, 10));
    }
    if rng.chance(25) {
        a.kicker = Some(words_in(rng, 6, 14));
    }
    if rng.chance(25) {
        a.subtitle = Some(format!("——{}", words_in(rng, 6, 16)));
    }
    a.byline = match rng.range(0, 4) {
        0 => Some(format!("□ 本报记者 {}", name(rng))),
        1 => Some(format!(
            "新华社{}{}月{}日电（记者 {}）",
            CITIES[rng.range(0, CITIES.len())],
            rng.range(1, 13),
            rng.range(1, 29),
            name(rng)
        )),
        2 => Some(format!("本报讯（记者 {} 通讯员 {}）", name(rng), name(rng))),
        _ => None,
    };
    for _ in 0..rng.range(1, 7) {
        let mut p = String::new();
        for _ in 0..rng.range(1, 5) {
            p.push_str(&sentence(rng));
        }
        a.paragraphs.push(p);
    }
    if rng.chance(30) {
        a.captions.push(format!("图为{}。 记者 {} 摄", words_in(rng, 8, 20), name(rng)));
    }
    a
}

/// The look of one generated page set.
#[derive(Debug, Clone)]
pub struct Style {
    pub encoding: Encoding,
    /// Page strips (1–3), each a stack of boxes.
    pub strips: usize,
    pub body_size: f32,
    /// Indent paragraphs with two ideographic spaces instead of moving the line.
    pub space_indent: bool,
    /// Centred (true) or left-aligned headlines.
    pub centre_heads: bool,
    /// Draw each glyph twice, a hair apart (fake bold) in headlines.
    pub fake_bold: bool,
    /// Paint headlines after the bodies in the content stream.
    pub heads_last: bool,
    /// With a ToUnicode map: map 人 and 民 to radical code points (⼈ U+2F08,
    /// ⺠ U+2EA0), as some producers do for shared glyphs.
    pub radicals: bool,
    pub seed: u64,
}

impl Style {
    pub fn random(rng: &mut Rng) -> Style {
        Style {
            encoding: [Encoding::Ucs2, Encoding::Gbk, Encoding::IdentityToUnicode][rng.range(0, 3)],
            strips: rng.range(1, 4),
            body_size: [9.0, 9.5, 10.0, 10.5, 11.0][rng.range(0, 5)],
            space_indent: rng.chance(40),
            centre_heads: rng.chance(60),
            fake_bold: rng.chance(30),
            heads_last: rng.chance(40),
            radicals: false,
            seed: rng.next(),
        }
    }
}

const PAGE_W: f32 = 842.0;
const PAGE_H: f32 = 1191.0;
const MARGIN: f32 = 40.0;
const GUTTER: f32 = 24.0;

/// One glyph run to paint: font (0 body, 1 head), size, x, baseline y (from the top), text.
#[derive(Debug, Clone)]
struct Run {
    font: usize,
    size: f32,
    x: f32,
    y: f32,
    text: String,
    bold: bool,
    head: bool,
}

/// Lays out text in lines of `cpl` characters; the first line of each
/// paragraph indented two characters. Returns (line text, indented?, paragraph start?).
fn wrap(paragraphs: &[String], cpl: usize) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for p in paragraphs {
        let chars: Vec<char> = p.chars().collect();
        let mut i = 0;
        let mut first = true;
        while i < chars.len() {
            let room = if first { cpl.saturating_sub(2).max(1) } else { cpl.max(1) };
            let end = (i + room).min(chars.len());
            out.push((chars[i..end].iter().collect(), first));
            i = end;
            first = false;
        }
    }
    out
}

fn head_lines(text: &str, max_chars: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    chars.chunks(max_chars.max(1)).map(|c| c.iter().collect::<String>().trim().to_string()).collect()
}

/// Lays out the articles page by page; returns per page the runs and rules,
/// and the articles as they must come back (in page order).
/// One laid-out page: glyph runs and grey rectangles (x, y from the top, width, height).
type LaidPage = (Vec<Run>, Vec<[f32; 4]>);

fn layout(articles: &[Article], style: &Style) -> (Vec<LaidPage>, Vec<Vec<Article>>) {
    let mut rng = Rng::new(style.seed);
    let body = style.body_size;
    let lead = body * 1.6;
    let strip_w = (PAGE_W - 2.0 * MARGIN - GUTTER * (style.strips as f32 - 1.0)) / style.strips as f32;
    let mut pages = Vec::new();
    let mut expected = Vec::new();
    let mut runs: Vec<Run> = Vec::new();
    let mut rules: Vec<[f32; 4]> = Vec::new();
    let mut exp: Vec<Article> = Vec::new();
    let mut strip = 0usize;
    let mut y = MARGIN;
    let mut idx = 0usize;
    while let Some(a) = articles.get(idx) {
        let x0 = MARGIN + strip as f32 * (strip_w + GUTTER);
        let cols = if strip_w > 500.0 {
            rng.range(2, 5)
        } else if strip_w > 300.0 {
            rng.range(1, 4)
        } else {
            rng.range(1, 3)
        };
        let col_w = (strip_w - GUTTER * (cols as f32 - 1.0)) / cols as f32;
        let cpl = (col_w / body).floor() as usize;
        let col_w = cpl as f32 * body;
        let box_w = col_w * cols as f32 + GUTTER * (cols as f32 - 1.0);
        let head_size = [16.0f32, 18.0, 20.0, 22.0, 24.0, 26.0][rng.range(0, 6)].max(body * 1.6);
        let head_max = (box_w / head_size).floor() as usize;
        let title_lines = head_lines(&a.title, head_max);
        let kick_size = (head_size * 0.6).max(body * 1.2);
        // Body text: an inline byline opens the first paragraph.
        let mut paras = a.paragraphs.clone();
        let mut own_byline = None;
        if let Some(b) = &a.byline {
            if b.starts_with('□') {
                own_byline = Some(b.clone());
            } else if let Some(p) = paras.first_mut() {
                *p = format!("{b}{p}");
            }
        }
        let lines = wrap(&paras, cpl);
        let per_col = lines.len().div_ceil(cols);
        let cap_size = (body * 0.8).round();
        let cap_lines: Vec<Vec<String>> =
            a.captions.iter().map(|c| head_lines(c, (box_w / cap_size) as usize)).collect();
        let mut height = title_lines.len() as f32 * head_size * 1.25 + body * 1.5 + per_col as f32 * lead;
        if a.kicker.is_some() {
            height += kick_size * 1.6;
        }
        if a.subtitle.is_some() {
            height += kick_size * 1.6;
        }
        if own_byline.is_some() {
            height += lead;
        }
        if !cap_lines.is_empty() {
            height += 90.0 + cap_lines.iter().map(|c| c.len()).sum::<usize>() as f32 * cap_size * 1.5 + body;
        }
        if y + height > PAGE_H - MARGIN {
            if y == MARGIN {
                // Too tall for an empty strip: leave it out.
                idx += 1;
                continue;
            }
            strip += 1;
            y = MARGIN;
            if strip == style.strips {
                pages.push((std::mem::take(&mut runs), std::mem::take(&mut rules)));
                expected.push(std::mem::take(&mut exp));
                strip = 0;
            }
            continue;
        }
        idx += 1;
        let place = |text: &str, size: f32| -> f32 {
            let w = text.chars().count() as f32 * size;
            if style.centre_heads { x0 + (box_w - w) / 2.0 } else { x0 }
        };
        let mut hy = y;
        let mut head_runs = Vec::new();
        if let Some(k) = &a.kicker {
            hy += kick_size;
            head_runs.push(Run {
                font: 1,
                size: kick_size,
                x: place(k, kick_size),
                y: hy,
                text: k.clone(),
                bold: false,
                head: true,
            });
            hy += kick_size * 0.6;
        }
        for t in &title_lines {
            hy += head_size;
            head_runs.push(Run {
                font: 1,
                size: head_size,
                x: place(t, head_size),
                y: hy,
                text: t.clone(),
                bold: style.fake_bold,
                head: true,
            });
            hy += head_size * 0.25;
        }
        if let Some(s) = &a.subtitle {
            hy += kick_size * 1.1;
            head_runs.push(Run {
                font: 1,
                size: kick_size,
                x: place(s, kick_size),
                y: hy,
                text: s.clone(),
                bold: false,
                head: true,
            });
            hy += kick_size * 0.5;
        }
        let mut by = hy + body * 1.5;
        let mut body_runs = Vec::new();
        if let Some(b) = &own_byline {
            body_runs.push(Run { font: 0, size: body, x: x0, y: by, text: b.clone(), bold: false, head: false });
            by += lead;
        }
        for (i, (text, indented)) in lines.iter().enumerate() {
            let col = i / per_col.max(1);
            let row = i % per_col.max(1);
            let cx = x0 + col as f32 * (col_w + GUTTER);
            let (x, text) = if *indented {
                if style.space_indent {
                    (cx, format!("\u{3000}\u{3000}{text}"))
                } else {
                    (cx + 2.0 * body, text.clone())
                }
            } else {
                (cx, text.clone())
            };
            body_runs.push(Run { font: 0, size: body, x, y: by + row as f32 * lead, text, bold: false, head: false });
        }
        let mut bottom = by + per_col as f32 * lead;
        if !cap_lines.is_empty() {
            // The photo: a grey box, its caption under it.
            rules.push([x0, bottom, box_w, 80.0]);
            bottom += 80.0 + cap_size * 1.5;
            for c in cap_lines.iter().flatten() {
                body_runs.push(Run {
                    font: 0,
                    size: cap_size,
                    x: x0,
                    y: bottom,
                    text: c.clone(),
                    bold: false,
                    head: false,
                });
                bottom += cap_size * 1.5;
            }
        }
        if style.heads_last {
            runs.extend(body_runs);
            runs.extend(head_runs);
        } else {
            runs.extend(head_runs);
            runs.extend(body_runs);
        }
        // A rule under the box.
        rules.push([x0, bottom + body * 0.5, box_w, 0.8]);
        y = bottom + body * 2.5;
        exp.push(a.clone());
    }
    if !runs.is_empty() {
        pages.push((runs, rules));
        expected.push(exp);
    }
    (pages, expected)
}

/// Writes the articles as a PDF in the given style. Returns the PDF and the
/// articles each page must give back (articles too tall for a page are left out).
pub fn build(articles: &[Article], style: &Style) -> (Vec<u8>, Vec<Vec<Article>>) {
    let (pages, expected) = layout(articles, style);
    let pages: Vec<(LaidPage, f32)> = pages.into_iter().map(|p| (p, PAGE_H)).collect();
    (write(&pages, style.encoding, style.radicals, false), expected)
}

/// Writes laid-out pages (each with its height in points) as a PDF. With
/// `half_ascii` (and `Identity-H`), ASCII characters are half an em wide.
fn write(pages: &[(LaidPage, f32)], encoding: Encoding, radicals: bool, half_ascii: bool) -> Vec<u8> {
    // Identity-H codes: our own numbering of the characters used.
    let mut chars: Vec<char> = pages.iter().flat_map(|p| p.0.0.iter()).flat_map(|r| r.text.chars()).collect();
    chars.sort();
    chars.dedup();
    let code_of = |c: char| chars.binary_search(&c).map(|i| i as u16 + 1).unwrap_or(0);
    let encode = |s: &str| -> Vec<u8> {
        match encoding {
            Encoding::Ucs2 => s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect(),
            Encoding::Gbk => encoding_rs::GBK.encode(s).0.into_owned(),
            Encoding::IdentityToUnicode => s.chars().flat_map(|c| code_of(c).to_be_bytes()).collect(),
        }
    };
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let mut next = 3;
    let mut alloc = || {
        next += 1;
        Ref::new(next)
    };
    let fonts: Vec<(Ref, Ref, Ref, &str)> =
        ["STSong-Light", "STHeiti-Regular"].iter().map(|n| (alloc(), alloc(), alloc(), *n)).collect();
    let cmap_ref = alloc();
    let page_refs: Vec<(Ref, Ref)> = pages.iter().map(|_| (alloc(), alloc())).collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids(page_refs.iter().map(|p| p.0)).count(pages.len() as i32);
    let info = pdf_writer::types::SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"GB1"), supplement: 5 };
    let cmap_name = match encoding {
        Encoding::Ucs2 => "UniGB-UCS2-H",
        Encoding::Gbk => "GBK-EUC-H",
        Encoding::IdentityToUnicode => "Identity-H",
    };
    for (type0, cid, desc, base) in &fonts {
        let full = format!("{base}-{cmap_name}");
        let mut f = pdf.type0_font(*type0);
        f.base_font(Name(full.as_bytes())).encoding_predefined(Name(cmap_name.as_bytes())).descendant_font(*cid);
        if encoding == Encoding::IdentityToUnicode {
            f.to_unicode(cmap_ref);
        }
        f.finish();
        let mut cid_font = pdf.cid_font(*cid);
        cid_font
            .subtype(CidFontType::Type0)
            .base_font(Name(base.as_bytes()))
            .system_info(info)
            .font_descriptor(*desc)
            .default_width(1000.0);
        if half_ascii && encoding == Encoding::IdentityToUnicode {
            let mut w = cid_font.widths();
            for (i, c) in chars.iter().enumerate() {
                if c.is_ascii() {
                    w.same(i as u16 + 1, i as u16 + 1, 500.0);
                }
            }
        }
        cid_font.finish();
        pdf.font_descriptor(*desc)
            .name(Name(base.as_bytes()))
            .flags(FontFlags::SYMBOLIC)
            .bbox(Rect::new(0.0, -200.0, 1000.0, 900.0))
            .italic_angle(0.0)
            .ascent(880.0)
            .descent(-120.0)
            .cap_height(700.0)
            .stem_v(80.0);
    }
    if encoding == Encoding::IdentityToUnicode {
        let mut cmap = pdf_writer::types::UnicodeCmap::new(Name(b"Custom"), info);
        for (i, &c) in chars.iter().enumerate() {
            let c = match c {
                '人' if radicals => '\u{2F08}',
                '民' if radicals => '\u{2EA0}',
                c => c,
            };
            cmap.pair(i as u16 + 1, c);
        }
        pdf.cmap(cmap_ref, &cmap.finish());
    }
    for (((runs, rules), page_h), (page_ref, content_ref)) in pages.iter().zip(&page_refs) {
        let page_h = *page_h;
        let mut page = pdf.page(*page_ref);
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, page_h)).parent(tree).contents(*content_ref);
        let mut res = page.resources();
        let mut fdict = res.fonts();
        fdict.pair(Name(b"F0"), fonts[0].0);
        fdict.pair(Name(b"F1"), fonts[1].0);
        fdict.finish();
        res.finish();
        page.finish();
        let mut c = Content::new();
        c.set_fill_gray(0.8);
        for r in rules {
            c.rect(r[0], page_h - r[1] - r[3], r[2], r[3]);
            c.fill_nonzero();
        }
        c.set_fill_gray(0.0);
        for r in runs {
            let font = if r.font == 0 { b"F0".as_slice() } else { b"F1".as_slice() };
            let times = if r.bold { 2 } else { 1 };
            for t in 0..times {
                c.begin_text();
                c.set_font(Name(font), r.size);
                c.set_text_matrix([1.0, 0.0, 0.0, 1.0, r.x + t as f32 * 0.3, page_h - r.y]);
                c.show(Str(&encode(&r.text)));
                c.end_text();
            }
        }
        pdf.stream(*content_ref, &c.finish());
    }
    pdf.finish()
}
