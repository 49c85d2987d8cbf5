//! Golden files of the text output: each sample parsed, rendered as text (the protocol, and for
//! one sample the extract, kallelse and anslag), compared with `tests/golden/`.
//! `UPDATE_GOLDEN=1 cargo test -p kansli-render --test golden` rewrites them.

use kansli_render::{DocumentKind, Format, RenderOptions, render};

const SAMPLES: &[&str] = &[
    "itsam-direktionen-2021-11-18.pdf",
    "itsam-direktionen-2024-03-05.pdf",
    "itsam-direktionen-2025-03-27.pdf",
    "lomma-kommunfullmaktige-2024-09-26.txt",
    "lomma-barn-och-utbildningsnamnden-2024-05-14.txt",
    "lomma-kultur-och-fritidsnamnden-2025-02-03.txt",
];

fn dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn check(name: &str, actual: &str) {
    let path = dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", path.display()));
    assert!(
        expected == actual,
        "{name} differs from its golden file; rerun with UPDATE_GOLDEN=1 if the change is intended"
    );
}

fn parsed(sample: &str) -> kansli_core::protocol::ParsedProtocol {
    let path = format!(
        "{}/../../fixtures/samples/{sample}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    kansli_import::parse_bytes(&bytes).expect("the sample parses")
}

fn text(p: &kansli_core::protocol::ParsedProtocol, kind: &DocumentKind) -> String {
    let bytes = render(p, kind, Format::Txt, &RenderOptions::default()).expect("renders");
    String::from_utf8(bytes).expect("UTF-8")
}

#[test]
fn protocols_as_text() {
    for sample in SAMPLES {
        let p = parsed(sample);
        check(
            &format!("{sample}.txt"),
            &text(&p, &DocumentKind::Protokoll),
        );
    }
}

#[test]
fn extract_kallelse_and_anslag_as_text() {
    let p = parsed("itsam-direktionen-2025-03-27.pdf");
    check(
        "utdrag-14-15.txt",
        &text(&p, &DocumentKind::Utdrag(vec![14, 15])),
    );
    check("kallelse.txt", &text(&p, &DocumentKind::Kallelse));
    check("anslag.txt", &text(&p, &DocumentKind::Anslag));
}

#[test]
fn html_is_escaped_and_complete() {
    let mut p = parsed("itsam-direktionen-2024-03-05.pdf");
    p.items[0].title = "Skola <script>alert(1)</script> & förskola".into();
    let html = String::from_utf8(
        render(
            &p,
            &DocumentKind::Protokoll,
            Format::Html,
            &RenderOptions::default(),
        )
        .expect("renders"),
    )
    .expect("UTF-8");
    assert!(html.contains("Skola &#60;script&#62;") || html.contains("Skola &lt;script&gt;"));
    assert!(!html.contains("<script>"));
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("lang=\"sv\""));
    for n in 1..=9 {
        assert!(html.contains(&format!("id=\"p{n}\"")), "§ {n}");
    }
}

/// Every page of the PDF says whose minutes of which meeting it is (authority, body,
/// "Sammanträdesdatum", "Sida N av M"); the metadata names the authority, and the creation date
/// is the moment of rendering given by the caller (issue 17).
#[test]
fn every_pdf_page_names_the_authority_the_body_and_the_meeting_date() {
    let p = parsed("lomma-kommunfullmaktige-2024-09-26.txt");
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-29T09:15:30Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let options = RenderOptions {
        rendered_at: Some(at),
        ..RenderOptions::default()
    };
    let pdf = render(&p, &DocumentKind::Protokoll, Format::Pdf, &options).expect("renders");
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("2026-11-29T09:15:30"), "CreateDate");
    assert!(raw.contains("Lomma kommun, Kommunfullmäktige"), "title");
    let text = kansli_import::extract_text(&pdf).expect("text").text;
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|t| !t.trim().is_empty())
        .collect();
    assert!(pages.len() > 3, "{} pages", pages.len());
    let m = pages.len();
    for (i, page) in pages.iter().enumerate() {
        for wanted in [
            "Lomma kommun".to_string(),
            "Kommunfullmäktige".to_string(),
            "Sammanträdesdatum 2024-09-26".to_string(),
            format!("Sida {} av {m}", i + 1),
        ] {
            assert!(
                page.contains(&wanted),
                "page {}: no {wanted:?}:\n{page}",
                i + 1
            );
        }
    }
    assert!(pages[0].contains("2024-09-26 kl. 18:00"), "{}", pages[0]);
}
