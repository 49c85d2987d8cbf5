//! Rendering speed: a protocol of about 20 pages to PDF and to HTML, warm (the fonts and the
//! template loaded once), median and p95 over N runs. No criterion: plain `std::time`.
//!
//! `cargo bench -p kansli-render --bench render [-- RUNS]`; `KANSLI_BENCH_OUT=DIR` also writes
//! the PDF and HTML it measured (bench/render.sh hands the HTML to LibreOffice).

use std::time::{Duration, Instant};

use kansli_core::protocol::ParsedProtocol;
use kansli_render::{Document, DocumentKind, Format, RenderOptions, render_document};

fn parsed(name: &str) -> ParsedProtocol {
    let path = format!(
        "{}/../../fixtures/samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    kansli_import::parse_bytes(&bytes).expect("the sample parses")
}

/// The 2025-03-27 minutes (16 pages rendered) with four paragraphs of the 2024-03-05 minutes
/// appended and renumbered: 21 pages, tables included.
fn sample() -> ParsedProtocol {
    let mut p = parsed("itsam-direktionen-2025-03-27.pdf");
    let extra = parsed("itsam-direktionen-2024-03-05.pdf");
    let next = p.items.last().map_or(1, |i| i.paragraph + 1);
    for (n, mut item) in (next..).zip(extra.items.into_iter().take(4)) {
        item.paragraph = n;
        p.items.push(item);
    }
    p.agenda.clear();
    p.paragraphs = None;
    p
}

fn stats(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    let median = times[times.len() / 2];
    let p95 = times[((times.len() as f64) * 0.95).ceil() as usize - 1];
    (median, p95)
}

fn main() {
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(30);
    let protocol = sample();
    let document = Document::build(
        &protocol,
        &DocumentKind::Protokoll,
        &RenderOptions::default(),
    )
    .expect("builds");
    let cold = Instant::now();
    let pdf = render_document(&document, Format::Pdf).expect("renders");
    let cold = cold.elapsed();
    let pages = lopdf_pages(&pdf);
    // "new": Typst's memo cache cleared before each run, as for a document not rendered
    // before (fonts stay loaded); "same": the same document again, served partly from Typst's
    // memo cache.
    for (format, label, fresh) in [
        (Format::Pdf, "pdf", true),
        (Format::Pdf, "pdf", false),
        (Format::Html, "html", false),
    ] {
        let mut times = Vec::with_capacity(runs);
        let mut out = Vec::new();
        for _ in 0..runs {
            if fresh {
                kansli_render::typeset::clear_cache();
            }
            let t = Instant::now();
            out = render_document(&document, format).expect("renders");
            times.push(t.elapsed());
        }
        let (median, p95) = stats(times);
        let kind = match (format, fresh) {
            (Format::Html, _) => "",
            (_, true) => " (new document: memo cache cleared)",
            (_, false) => " (same document again)",
        };
        println!(
            "render {label}{kind}: {pages} pages, {} bytes, median {:.2} ms, p95 {:.2} ms over {runs} warm runs",
            out.len(),
            median.as_secs_f64() * 1e3,
            p95.as_secs_f64() * 1e3
        );
        if let Some(dir) = std::env::var_os("KANSLI_BENCH_OUT") {
            let path = std::path::Path::new(&dir).join(format!("protokoll.{label}"));
            std::fs::write(&path, &out).expect("write output");
        }
    }
    println!(
        "render pdf cold (fonts parsed, template compiled): {:.1} ms",
        cold.as_secs_f64() * 1e3
    );
}

/// Counts pages by their `/Type /Page` objects (no PDF library needed for a count).
fn lopdf_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type/Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's')
        .count()
}
