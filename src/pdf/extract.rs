//! The PDF engine (hayro) → positioned glyphs and rules, one page at a time.
//!
//! Coordinates are in points with the origin at the page's top left and `y`
//! growing downwards, so that sorting by `y` reads from the top.

use hayro_interpret::font::GlyphRun;
use hayro_interpret::hayro_syntax::object::{Dict, Name, Object};
use hayro_interpret::hayro_syntax::page::Page as PdfPage;
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect, Shape};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps, InterpreterCache,
    InterpreterSettings, SoftMask, interpret_page,
};

/// At most this many glyphs are kept from one page; the rest is dropped with
/// a warning (a newspaper page holds well under 40,000).
pub const MAX_GLYPHS: usize = 200_000;
/// At most this many drawing operations (paths, images, runs) are looked at on one page.
pub const MAX_OPS: usize = 400_000;

/// One glyph as drawn: its text (as the PDF maps it), where it stands and how big it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The Unicode text of the glyph, or `None` when the font gives none.
    pub text: Option<String>,
    /// The character code that selected the glyph (for encoding fallbacks).
    pub code: u32,
    /// Which font drew it (an index into [`RawPage::fonts`]).
    pub font: usize,
    /// Left edge of the glyph origin, in points from the page's left.
    pub x: f32,
    /// Baseline, in points from the page's top.
    pub y: f32,
    /// Advance width in points.
    pub width: f32,
    /// Font size in points (the height of an em).
    pub size: f32,
    /// Which text-showing operation drew it (glyphs drawn together share it).
    pub stroke: u32,
}

/// A font as the page's glyphs use it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FontInfo {
    /// The PostScript name, when known.
    pub name: Option<String>,
    /// True when the name or weight says bold.
    pub bold: bool,
}

/// A horizontal or vertical rule (a thin filled or stroked rectangle or line).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rule {
    /// True for a rule wider than tall.
    pub fn horizontal(&self) -> bool {
        self.x1 - self.x0 >= self.y1 - self.y0
    }
}

/// What the engine saw on one page.
#[derive(Debug, Clone, Default)]
pub struct RawPage {
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub fonts: Vec<FontInfo>,
    pub rules: Vec<Rule>,
    /// Area of the page covered by images, as a share of the page (0–1, may exceed 1 with overlaps).
    pub image_cover: f32,
    /// True when the page hit [`MAX_GLYPHS`] or [`MAX_OPS`].
    pub truncated: bool,
    /// Encodings of fonts that have no Unicode map (`GBK-EUC-H`, …), by font name.
    pub unmapped_encodings: Vec<(String, String)>,
}

struct Collector {
    flip: Affine,
    page: RawPage,
    ops: usize,
    strokes: u32,
}

impl Collector {
    fn budget(&mut self) -> bool {
        self.ops += 1;
        if self.ops > MAX_OPS || self.page.glyphs.len() >= MAX_GLYPHS {
            self.page.truncated = true;
            return false;
        }
        true
    }

    fn font_index(&mut self, info: FontInfo) -> usize {
        match self.page.fonts.iter().position(|f| *f == info) {
            Some(i) => i,
            None => {
                self.page.fonts.push(info);
                self.page.fonts.len() - 1
            }
        }
    }
}

/// At most this many rules are kept from one page.
pub const MAX_RULES: usize = 20_000;

/// True when the path is made of axis-aligned rectangles (a box's frame or
/// fill, also a frame drawn as an outer and an inner outline): straight
/// segments only, each horizontal or vertical, one or two outlines.
fn is_rectangle(path: &BezPath) -> bool {
    use hayro_interpret::kurbo::PathEl;
    let mut last = Point::ZERO;
    let mut segments = 0;
    for el in path.elements() {
        match *el {
            PathEl::MoveTo(p) => last = p,
            PathEl::LineTo(p) => {
                segments += 1;
                if (p.x - last.x).abs() > 0.01 && (p.y - last.y).abs() > 0.01 {
                    return false;
                }
                last = p;
            }
            PathEl::ClosePath => {}
            _ => return false,
        }
    }
    let outlines = path.elements().iter().filter(|e| matches!(e, PathEl::MoveTo(_))).count();
    (3..=10).contains(&segments) && (1..=2).contains(&outlines)
}

fn is_bold_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    ["bold", "black", "heavy", "semibold", "demi", "-bd", "hei", "zhongsong", "xbs", "fzcc", "dabiaosong"]
        .iter()
        .any(|k| n.contains(k))
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, _mode: &DrawMode) {
        if !self.budget() {
            return;
        }
        let drawn = self.flip * props.transform * path.clone();
        let b = drawn.bounding_box();
        if !b.is_finite() || self.page.rules.len() >= MAX_RULES {
            return;
        }
        let (w, h) = (b.width() as f32, b.height() as f32);
        let (x0, y0, x1, y1) = (b.x0 as f32, b.y0 as f32, b.x1 as f32, b.y1 as f32);
        // A rule: long and thin.
        if (w > 20.0 && h < 3.0) || (h > 20.0 && w < 3.0) {
            self.page.rules.push(Rule { x0, y0, x1, y1 });
        } else if w > 20.0 && h > 20.0 && is_rectangle(&drawn) {
            // A box (framed or filled): its four edges are rules too.
            self.page.rules.extend([
                Rule { x0, y0, x1: x0, y1 },
                Rule { x0: x1, y0, x1, y1 },
                Rule { x0, y0, x1, y1: y0 },
                Rule { x0, y0: y1, x1, y1 },
            ]);
        }
    }

    fn push_clip_path(&mut self, _: &ClipPath) {}

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _mode: &DrawMode) {
        let glyphs = run.glyphs();
        let Some(first) = glyphs.first() else { return };
        if !self.budget() {
            return;
        }
        let info = match &**first {
            hayro_interpret::font::Glyph::Outline(o) => match o.font_data() {
                Some(d) => {
                    let name = d.postscript_name.clone();
                    let bold = d.weight.is_some_and(|w| w >= 600) || name.as_deref().is_some_and(is_bold_name);
                    FontInfo { name, bold }
                }
                None => FontInfo::default(),
            },
            hayro_interpret::font::Glyph::Type3(_) => FontInfo::default(),
        };
        let font = self.font_index(info);
        self.strokes = self.strokes.wrapping_add(1);
        for g in glyphs {
            if self.page.glyphs.len() >= MAX_GLYPHS {
                self.page.truncated = true;
                return;
            }
            let t = self.flip * props.transform * g.transform();
            let origin = t * Point::ZERO;
            // Glyph space is 1000 units to the em.
            let up = t * Point::new(0.0, 1000.0) - origin;
            let size = up.hypot() as f32;
            let adv = match &**g {
                hayro_interpret::font::Glyph::Outline(o) => o.advance_width().unwrap_or(1000.0),
                hayro_interpret::font::Glyph::Type3(t3) => t3.advance_width().unwrap_or(1000.0),
            };
            let width = (t * Point::new(adv as f64, 0.0) - origin).hypot() as f32;
            if !origin.x.is_finite() || !origin.y.is_finite() || !size.is_finite() || size <= 0.0 {
                continue;
            }
            let text = g.as_unicode().map(|s| match s {
                hayro_interpret::hayro_cmap::BfString::Char(c) => c.to_string(),
                hayro_interpret::hayro_cmap::BfString::String(s) => s,
            });
            self.page.glyphs.push(Glyph {
                text,
                code: g.char_code(),
                font,
                x: origin.x as f32,
                y: origin.y as f32,
                width: if width.is_finite() { width } else { size },
                size,
                stroke: self.strokes,
            });
        }
    }

    fn draw_image(&mut self, image: Image<'a, '_>, props: ImageDrawProps<'a>) {
        let _ = image;
        if !self.budget() {
            return;
        }
        let b = (self.flip * props.transform * Rect::new(0.0, 0.0, 1.0, 1.0).to_path(0.1)).bounding_box();
        let area = (self.page.width * self.page.height).max(1.0);
        if b.is_finite() {
            self.page.image_cover += (b.area() as f32 / area).min(1.0);
        }
    }

    fn pop_clip(&mut self) {}

    fn pop_transparency_group(&mut self) {}
}

/// Names of the Type0 fonts on a page (and its forms, one level down) that
/// carry no ToUnicode map, with the name of their CMap encoding.
fn unmapped_encodings(page: &PdfPage<'_>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let fonts = page.raw().get::<Dict<'_>>(b"Resources".as_slice()).and_then(|r| r.get::<Dict<'_>>(b"Font".as_slice()));
    let Some(fonts) = fonts else { return out };
    for key in fonts.keys().take(256) {
        let Some(font) = fonts.get::<Dict<'_>>(key.as_ref()) else { continue };
        if font.contains_key(b"ToUnicode".as_slice()) {
            continue;
        }
        let base = font.get::<Name<'_>>(b"BaseFont".as_slice()).map(|n| n.as_str().to_string()).unwrap_or_default();
        if let Some(Object::Name(enc)) = font.get::<Object<'_>>(b"Encoding".as_slice()) {
            out.push((base, enc.as_str().to_string()));
        }
    }
    out
}

/// Runs the engine over one page. `cache` keeps the fonts and CMaps
/// parsed for earlier pages of the same file.
pub fn page<'a>(pdf_page: &PdfPage<'a>, cache: &InterpreterCache<'a>) -> RawPage {
    let (w, h) = pdf_page.render_dimensions();
    let settings = InterpreterSettings::default();
    let mut ctx =
        Context::new(Affine::IDENTITY, Rect::new(0.0, 0.0, w as f64, h as f64), cache, pdf_page.xref(), settings);
    // The page's own transform (crop box, rotation) with y pointing down.
    let flip = Affine::new(pdf_page.initial_transform(true).as_coeffs());
    let mut c = Collector { flip, page: RawPage { width: w, height: h, ..RawPage::default() }, ops: 0, strokes: 0 };
    c.page.unmapped_encodings = unmapped_encodings(pdf_page);
    interpret_page(pdf_page, &mut ctx, &mut c);
    c.page
}
