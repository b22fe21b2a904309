//! PDFs through the real binary: `dump --json`, `dump --explain` and
//! `search` take them, beside text pages, and a bad PDF costs one message.

mod pdfgen;

use lvread::model::Article;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_lvread");

fn two_page_pdf() -> (Vec<u8>, Vec<Vec<Article>>) {
    let mut rng = pdfgen::Rng::new(9);
    let mut articles: Vec<Article> = (0..12).map(|_| pdfgen::article(&mut rng)).collect();
    articles[0].title = "吕梁市举办秋季农产品展销会".into();
    let st = pdfgen::Style { strips: 1, ..pdfgen::Style::random(&mut rng) };
    pdfgen::build(&articles, &st)
}

#[test]
fn a_folder_of_pdfs_and_text_pages_dumps_every_page() {
    let dir = tempfile::tempdir().expect("tmp");
    let (pdf, expected) = two_page_pdf();
    assert!(expected.len() >= 2);
    std::fs::write(dir.path().join("issue.pdf"), &pdf).expect("write");
    std::fs::write(dir.path().join("note.txt"), "本报讯 （记者 王丽） 11月3日，我市召开会议。\n").expect("write");
    std::fs::write(dir.path().join("broken.pdf"), b"%PDF-1.7\nnot really").expect("write");
    let out = Command::new(BIN).args(["dump", "--json"]).arg("--no-cache").arg(dir.path()).output().expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let issues = v["issues"].as_array().cloned().unwrap_or_default();
    let pdf_pages: Vec<&serde_json::Value> = issues.iter().filter(|p| p["source"] == "issue.pdf").collect();
    assert_eq!(pdf_pages.len(), expected.len(), "every page of the PDF");
    let numbers: Vec<u64> = pdf_pages.iter().filter_map(|p| p["page"].as_u64()).collect();
    assert_eq!(numbers, (1..=expected.len() as u64).collect::<Vec<_>>());
    assert_eq!(pdf_pages[0]["articles"][0]["title"], "吕梁市举办秋季农产品展销会");
    assert!(issues.iter().any(|p| p["source"] == "note.txt"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.pdf") && err.contains("not a readable PDF"), "{err}");
}

#[test]
fn explain_shows_each_pdf_line_with_size_and_role() {
    let dir = tempfile::tempdir().expect("tmp");
    let (pdf, _) = two_page_pdf();
    let path = dir.path().join("issue.pdf");
    std::fs::write(&path, &pdf).expect("write");
    let out = Command::new(BIN).args(["dump", "--explain"]).arg("--no-cache").arg(&path).output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    let head = text.lines().find(|l| l.contains("吕梁市举办秋季农产品展销会")).unwrap_or_default();
    assert!(head.contains("headline") && head.contains("pt"), "{text}");
    assert!(text.lines().any(|l| l.trim_start().starts_with("body")), "{text}");
}

#[test]
fn search_finds_pdf_articles_by_hanzi_and_pinyin() {
    let dir = tempfile::tempdir().expect("tmp");
    let (pdf, _) = two_page_pdf();
    std::fs::write(dir.path().join("issue.pdf"), &pdf).expect("write");
    for query in ["展销会", "zhanxiaohui"] {
        let out = Command::new(BIN)
            .args(["search", "--json", query])
            .arg("--no-cache")
            .arg(dir.path())
            .output()
            .expect("run");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("吕梁市举办秋季农产品展销会"), "{query}: {text}");
    }
}

#[test]
fn an_encrypted_or_scanned_only_folder_fails_with_the_reason() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("x.pdf"), b"").expect("write");
    let out = Command::new(BIN)
        .args(["dump", "--json"])
        .arg("--no-cache")
        .arg(dir.path().join("x.pdf"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("x.pdf: not a readable PDF"));
}
