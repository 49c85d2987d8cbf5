//! Property tests: no input makes `parse_bytes` or `parse_text` panic or hang.
//!
//! Random bytes, random text, and sample PDFs with flipped bytes, overwritten runs and
//! truncations. Each case runs on its own thread with a deadline, so a hang fails the test
//! instead of stalling CI. cargo-fuzz (see `fuzz/README.md`) explores further; this runs in CI.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use proptest::prelude::*;

/// Far above what a single file takes (tens of ms; a debug build ~10x that), and above the
/// extractor's own limits being hit twice, which would show up as `PdfDamaged` rather than a hang.
const DEADLINE: Duration = Duration::from_secs(90);

fn sample(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../fixtures/samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn sample_pdfs() -> Vec<Vec<u8>> {
    [
        "itsam-direktionen-2021-11-18.pdf",
        "itsam-direktionen-2024-03-05.pdf",
        "itsam-direktionen-2025-03-27.pdf",
    ]
    .iter()
    .map(|name| sample(name))
    .collect()
}

/// Runs `parse_bytes` on a worker thread; fails on a panic or if the deadline passes.
fn parse_bytes_bounded(bytes: Vec<u8>) -> Result<(), TestCaseError> {
    let (tx, rx) = mpsc::channel();
    let len = bytes.len();
    thread::spawn(move || {
        let outcome = std::panic::catch_unwind(|| {
            let _ = kansli_import::parse_bytes(&bytes);
        });
        let _ = tx.send(outcome.is_ok());
    });
    match rx.recv_timeout(DEADLINE) {
        Ok(true) => Ok(()),
        Ok(false) => Err(TestCaseError::fail(format!(
            "parse_bytes panicked on {len} bytes"
        ))),
        Err(_) => Err(TestCaseError::fail(format!(
            "parse_bytes took over {DEADLINE:?}"
        ))),
    }
}

/// A mutation of a sample PDF.
#[derive(Debug, Clone)]
enum Mutation {
    /// XOR the byte at (position as a fraction of the length) with a mask.
    Flip(f64, u8),
    /// Overwrite a run of bytes at a fraction of the length.
    Overwrite(f64, Vec<u8>),
    /// Keep only the first fraction of the file.
    Truncate(f64),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (0.0..1.0f64, 1..=255u8).prop_map(|(at, mask)| Mutation::Flip(at, mask)),
        2 => (0.0..1.0f64, prop::collection::vec(any::<u8>(), 1..64))
            .prop_map(|(at, run)| Mutation::Overwrite(at, run)),
        1 => (0.0..1.0f64).prop_map(Mutation::Truncate),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let at = |fraction: f64| ((bytes.len() as f64) * fraction) as usize;
        match m {
            Mutation::Flip(f, mask) => {
                let i = at(*f).min(bytes.len().saturating_sub(1));
                if let Some(b) = bytes.get_mut(i) {
                    *b ^= mask;
                }
            }
            Mutation::Overwrite(f, run) => {
                let i = at(*f);
                for (j, b) in run.iter().enumerate() {
                    if let Some(slot) = bytes.get_mut(i + j) {
                        *slot = *b;
                    }
                }
            }
            Mutation::Truncate(f) => bytes.truncate(at(*f)),
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        parse_bytes_bounded(bytes)?;
    }

    #[test]
    fn random_bytes_after_a_pdf_header_never_panic(
        tail in prop::collection::vec(any::<u8>(), 0..4096)
    ) {
        let mut bytes = b"%PDF-1.7\n".to_vec();
        bytes.extend(tail);
        parse_bytes_bounded(bytes)?;
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,2000}") {
        let _ = kansli_import::parse_text(&text);
    }

    #[test]
    fn minutes_like_text_never_panics(
        lines in prop::collection::vec(
            prop_oneof![
                Just("Direktionen".to_owned()),
                Just("§ 1".to_owned()),
                Just("Dnr ITSAM 2024/25".to_owned()),
                Just("Justerandes sign".to_owned()),
                Just("Plats och tid\tTeknikringen 9, kl. 13:00 – 14:45".to_owned()),
                Just("Sammanträdesdatum 2024-03-05".to_owned()),
                Just("Beslutande\tLedamöter Jacob Käll, Vimmerby kommun, ordförande".to_owned()),
                Just("Direktionen beslutar att".to_owned()),
                Just("KS § 12".to_owned()),
                Just("\u{c}".to_owned()),
                "\\PC{0,80}",
            ],
            0..200,
        )
    ) {
        let _ = kansli_import::parse_text(&lines.join("\n"));
    }
}

proptest! {
    // Whole PDFs cost tens of ms each (more in a debug build): fewer cases.
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn mutated_sample_pdfs_never_panic(
        which in 0..3usize,
        mutations in prop::collection::vec(mutation(), 1..8),
    ) {
        let pdfs = sample_pdfs();
        parse_bytes_bounded(apply(pdfs[which].clone(), &mutations))?;
    }
}

/// Every single-byte truncation point class: header, body, xref, trailer.
#[test]
fn sample_pdf_truncations_never_panic() {
    for pdf in sample_pdfs() {
        for cut in [
            0,
            1,
            5,
            9,
            100,
            1024,
            2048,
            pdf.len() / 3,
            pdf.len() / 2,
            pdf.len() - 200,
        ] {
            if let Err(e) = parse_bytes_bounded(pdf[..cut.min(pdf.len())].to_vec()) {
                panic!("cut at {cut}: {e}");
            }
        }
    }
}
