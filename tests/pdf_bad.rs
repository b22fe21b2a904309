//! Bad PDFs get a clear word for that file, never a panic or a hang, and the
//! other files still load.

mod pdfgen;

use lvread::model::Article;
use lvread::pdf::{PdfError, read_bytes};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref};
use proptest::prelude::*;

fn good_pdf() -> Vec<u8> {
    let mut rng = pdfgen::Rng::new(5);
    let articles: Vec<Article> = (0..4).map(|_| pdfgen::article(&mut rng)).collect();
    let mut st = pdfgen::Style::random(&mut rng);
    st.encoding = pdfgen::Encoding::Ucs2;
    pdfgen::build(&articles, &st).0
}

/// A PDF with the given content streams, one page each (no fonts).
fn raw_pdf(contents: &[Vec<u8>], flate: bool) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let (catalog, tree) = (Ref::new(1), Ref::new(2));
    let refs: Vec<(Ref, Ref)> =
        (0..contents.len()).map(|i| (Ref::new(10 + 2 * i as i32), Ref::new(11 + 2 * i as i32))).collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids(refs.iter().map(|r| r.0)).count(refs.len() as i32);
    for (c, (p, s)) in contents.iter().zip(&refs) {
        pdf.page(*p).media_box(Rect::new(0.0, 0.0, 595.0, 842.0)).parent(tree).contents(*s);
        if flate {
            use std::io::Write;
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
            let _ = z.write_all(c);
            let packed = z.finish().unwrap_or_default();
            pdf.stream(*s, &packed).filter(pdf_writer::Filter::FlateDecode);
        } else {
            pdf.stream(*s, c);
        }
    }
    pdf.finish()
}

#[test]
fn an_encrypted_pdf_is_named_as_such() {
    let pdf = good_pdf();
    let text = String::from_utf8_lossy(&pdf).into_owned();
    // Point the trailer at an encryption dictionary whose password check fails.
    let at = text.rfind("trailer").unwrap_or(0);
    let mut bytes = pdf[..at].to_vec();
    let rest = &text[at..];
    let encrypt = "/Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <0000000000000000000000000000000000000000000000000000000000000000> /U <1111111111111111111111111111111111111111111111111111111111111111> >> /ID [<01020304050607080910111213141516> <01020304050607080910111213141516>]";
    bytes.extend(rest.replacen("<<", &format!("<< {encrypt}"), 1).as_bytes());
    assert_eq!(read_bytes("locked.pdf", &bytes).err(), Some(PdfError::Encrypted));
}

#[test]
fn a_scanned_page_without_text_asks_for_ocr() {
    // A page that only paints an image.
    let mut pdf = Pdf::new();
    let (catalog, tree, page, content, image) = (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4), Ref::new(5));
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page]).count(1);
    let mut p = pdf.page(page);
    p.media_box(Rect::new(0.0, 0.0, 595.0, 842.0)).parent(tree).contents(content);
    p.resources().x_objects().pair(Name(b"Im0"), image);
    p.finish();
    let pixels = vec![128u8; 16 * 16];
    let mut img = pdf.image_xobject(image, &pixels);
    img.width(16).height(16).color_space().device_gray();
    img.bits_per_component(8);
    img.finish();
    let mut c = Content::new();
    c.save_state().transform([595.0, 0.0, 0.0, 842.0, 0.0, 0.0]).x_object(Name(b"Im0")).restore_state();
    pdf.stream(content, &c.finish());
    let err = read_bytes("scan.pdf", &pdf.finish()).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("no text layer") && err.contains("OCR"), "{err}");
}

#[test]
fn a_truncated_or_garbled_file_is_reported_not_panicked() {
    let pdf = good_pdf();
    assert_eq!(read_bytes("x.pdf", b"%PDF-1.7\n%garbage").err(), Some(PdfError::Malformed));
    assert_eq!(read_bytes("x.pdf", b"").err(), Some(PdfError::Malformed));
    // Cut anywhere: an error or whatever pages survive, never a panic.
    for cut in [10, 100, pdf.len() / 3, pdf.len() / 2, pdf.len() - 30] {
        match read_bytes("cut.pdf", &pdf[..cut]) {
            Ok(pages) => assert!(!pages.is_empty()),
            Err(e) => assert_ne!(e, PdfError::EngineFailed, "the engine panicked on a cut at {cut}"),
        }
    }
}

#[test]
fn two_thousand_pages_load_each_with_its_number() {
    // One line per page, in the engine's stand-in font (none is named).
    let pages: Vec<Vec<u8>> =
        (0..2000).map(|i| format!("BT /F1 12 Tf 72 720 Td (page {i}) Tj ET").into_bytes()).collect();
    let pdf = raw_pdf(&pages, false);
    let read = read_bytes("big.pdf", &pdf).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read.len(), 2000);
    assert_eq!(read[1999].page.page, Some(2000));
    let last = &read[1999].page;
    assert!(last.articles.iter().any(|a| a.paragraphs.concat() == "page 1999"), "{last:?}");
    // And a long PDF with text reads every page, in order.
    let mut rng = pdfgen::Rng::new(3);
    let articles: Vec<Article> = (0..150).map(|_| pdfgen::article(&mut rng)).collect();
    let st = pdfgen::Style { strips: 1, ..pdfgen::Style::random(&mut rng) };
    let (pdf, expected) = pdfgen::build(&articles, &st);
    let pages = read_bytes("long.pdf", &pdf).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pages.len(), expected.len());
    assert!(pages.iter().enumerate().all(|(i, p)| p.page.page == Some(i as u32 + 1)));
}

#[test]
fn a_content_bomb_is_skipped_with_a_word() {
    // 80 MB of spaces packs into a few hundred KB.
    let bomb = vec![b' '; 80 << 20];
    let pdf = raw_pdf(&[bomb], true);
    let err = read_bytes("bomb.pdf", &pdf).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("too large"), "{err}");
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let mut c = Vec::new();
    for _ in 0..100_000 {
        c.extend_from_slice(b"q [");
    }
    for _ in 0..100_000 {
        c.extend_from_slice(b"] Q ");
    }
    let pdf = raw_pdf(&[c], false);
    let r = read_bytes("deep.pdf", &pdf);
    assert!(!matches!(r, Err(PdfError::EngineFailed)), "{:?}", r.err());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn corrupted_pdfs_never_panic(flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..20), cut in any::<usize>()) {
        let mut pdf = good_pdf();
        for (at, b) in flips {
            let n = pdf.len();
            pdf[at % n] = b;
        }
        let keep = pdf.len() - cut % (pdf.len() / 4);
        pdf.truncate(keep);
        let r = read_bytes("fuzz.pdf", &pdf);
        prop_assert!(!matches!(r, Err(PdfError::EngineFailed)), "the engine panicked");
    }
}

#[test]
fn forms_that_draw_themselves_are_refused_not_looped() {
    // Form X0 draws itself twice: 2^50 draws before the engine's depth limit.
    let mut pdf = Pdf::new();
    let (catalog, tree, page, content, form) = (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4), Ref::new(5));
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page]).count(1);
    let mut p = pdf.page(page);
    p.media_box(Rect::new(0.0, 0.0, 595.0, 842.0)).parent(tree).contents(content);
    p.resources().x_objects().pair(Name(b"X0"), form);
    p.finish();
    let mut f = pdf.form_xobject(form, b"/X0 Do /X0 Do");
    f.bbox(Rect::new(0.0, 0.0, 10.0, 10.0));
    f.resources().x_objects().pair(Name(b"X0"), form);
    f.finish();
    pdf.stream(content, b"/X0 Do");
    let err = read_bytes("loop.pdf", &pdf.finish()).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("refer to themselves"), "{err}");
}
