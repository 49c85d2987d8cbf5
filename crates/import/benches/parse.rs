//! Parse throughput: figures to read, not a timed test.
//!
//! (a) `parse_text` on the sample text protocols, repeated to a few MB; (b) PDF text extraction
//! in Rust (`extract_text`) and the whole chain (`parse_bytes`) on the sample PDFs; (c) poppler's
//! `pdftotext` on the same PDFs in the same run, for reference (a process per file, as a user
//! would run it; skipped if it is not installed). Run it pinned to one core with
//! `bench/parse.sh`, or `cargo bench -p kansli-import --bench parse`.
//!
//! Environment: `KANSLI_BENCH_TEXT_MB` (default 8) sets how much text (a) parses;
//! `KANSLI_BENCH_PDF_ROUNDS` (default 20) how often each PDF is read in (b) and (c).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/samples")
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn mb_per_s(bytes: usize, elapsed: Duration) -> f64 {
    bytes as f64 / 1e6 / elapsed.as_secs_f64()
}

fn sample_files(extension: &str) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(samples_dir())
        .expect("fixtures/samples")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .map(|p| {
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let bytes = std::fs::read(&p).expect("read sample");
            (name, bytes)
        })
        .collect();
    files.sort();
    files
}

fn main() {
    let text_mb = env_number("KANSLI_BENCH_TEXT_MB", 8);
    let rounds = env_number("KANSLI_BENCH_PDF_ROUNDS", 20).max(1);
    let cpus = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    println!("kansli-import parse benchmark ({cpus} CPU(s) available to this process)");

    bench_text(text_mb);
    bench_pdf(rounds);
}

/// (a) The parser on text: the samples again and again until `text_mb` MB have been parsed.
fn bench_text(text_mb: usize) {
    let texts: Vec<(String, String)> = sample_files("txt")
        .into_iter()
        .map(|(name, bytes)| (name, String::from_utf8(bytes).expect("samples are UTF-8")))
        .collect();
    let one_round: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let rounds = (text_mb * 1_000_000).div_ceil(one_round.max(1)).max(1);

    // Warm-up, and a note of what the parser currently makes of the samples.
    let mut ok = 0;
    for (_, text) in &texts {
        if kansli_import::parse_text(text).is_ok() {
            ok += 1;
        }
    }

    let start = Instant::now();
    for _ in 0..rounds {
        for (_, text) in &texts {
            let _ = black_box(kansli_import::parse_text(black_box(text)));
        }
    }
    let elapsed = start.elapsed();
    let bytes = one_round * rounds;
    println!();
    println!(
        "(a) text parsing: parse_text on {} sample .txt files",
        texts.len()
    );
    println!(
        "    {:.1} MB in {:.3} s = {:.1} MB/s ({:.3} ms per protocol; {ok}/{} samples parse Ok)",
        bytes as f64 / 1e6,
        elapsed.as_secs_f64(),
        mb_per_s(bytes, elapsed),
        elapsed.as_secs_f64() * 1e3 / (rounds * texts.len()) as f64,
        texts.len(),
    );
    for (name, text) in &texts {
        let n = rounds.clamp(5, 200);
        let start = Instant::now();
        for _ in 0..n {
            let _ = black_box(kansli_import::parse_text(black_box(text)));
        }
        let per = start.elapsed() / n as u32;
        println!(
            "    {name:<52} {:>7.1} KB {:>8.3} ms {:>7.1} MB/s",
            text.len() as f64 / 1e3,
            per.as_secs_f64() * 1e3,
            mb_per_s(text.len(), per)
        );
    }
}

/// What one way of reading the PDFs cost in total.
#[derive(Default)]
struct Totals {
    pdf_bytes: usize,
    text_bytes: usize,
    elapsed: Duration,
}

impl Totals {
    fn add(&mut self, pdf: usize, text: usize, elapsed: Duration) {
        self.pdf_bytes += pdf;
        self.text_bytes += text;
        self.elapsed += elapsed;
    }

    fn print(&self, label: &str) {
        println!(
            "    {label:<32} {:>7.2} MB/s of PDF {:>7.2} MB/s of text",
            mb_per_s(self.pdf_bytes, self.elapsed),
            mb_per_s(self.text_bytes, self.elapsed)
        );
    }
}

/// (b) and (c): the sample PDFs through the Rust extractor, the whole chain, and pdftotext.
fn bench_pdf(rounds: usize) {
    let pdfs = sample_files("pdf");
    let pdftotext = Command::new("pdftotext").arg("-v").output().is_ok();
    println!();
    println!(
        "(b) PDF text extraction in Rust, (c) poppler pdftotext for reference; {rounds} rounds"
    );
    println!(
        "    {:<36} {:>8} {:>8} {:>10} {:>10} {:>11} {:>11}",
        "file", "PDF KB", "text KB", "extract ms", "parse ms", "pdftotext", "-layout ms"
    );
    let mut extract_totals = Totals::default();
    let mut chain_totals = Totals::default();
    let mut poppler_totals = Totals::default();
    let mut layout_totals = Totals::default();
    for (name, pdf) in &pdfs {
        let text_len = match kansli_import::extract_text(pdf) {
            Ok(t) => t.text.len(),
            Err(e) => {
                println!("    {name}: {e}");
                continue;
            }
        };
        let start = Instant::now();
        for _ in 0..rounds {
            let _ = black_box(kansli_import::extract_text(black_box(pdf)));
        }
        let extract = start.elapsed();
        extract_totals.add(pdf.len() * rounds, text_len * rounds, extract);

        let start = Instant::now();
        for _ in 0..rounds {
            let _ = black_box(kansli_import::parse_bytes(black_box(pdf)));
        }
        let chain = start.elapsed();
        chain_totals.add(pdf.len() * rounds, text_len * rounds, chain);

        let path = samples_dir().join(name);
        let (plain, layout) = if pdftotext {
            let plain = run_pdftotext(&path, &[], rounds);
            let layout = run_pdftotext(&path, &["-layout"], rounds);
            poppler_totals.add(pdf.len() * rounds, plain.1 * rounds, plain.0);
            layout_totals.add(pdf.len() * rounds, layout.1 * rounds, layout.0);
            (Some(plain.0), Some(layout.0))
        } else {
            (None, None)
        };
        let ms = |d: Option<Duration>| match d {
            Some(d) => format!("{:.2}", d.as_secs_f64() * 1e3 / rounds as f64),
            None => "-".to_owned(),
        };
        println!(
            "    {name:<36} {:>8.1} {:>8.1} {:>10} {:>10} {:>11} {:>11}",
            pdf.len() as f64 / 1e3,
            text_len as f64 / 1e3,
            ms(Some(extract)),
            ms(Some(chain)),
            ms(plain),
            ms(layout),
        );
    }
    println!("    totals:");
    extract_totals.print("extract_text (Rust)");
    chain_totals.print("parse_bytes (extract + parse)");
    if pdftotext {
        poppler_totals.print("pdftotext (process per file)");
        layout_totals.print("pdftotext -layout");
    } else {
        println!("    pdftotext not installed: no reference figures");
    }
}

/// Runs `pdftotext [args] FILE -` `rounds` times; total time and the text length.
fn run_pdftotext(path: &Path, args: &[&str], rounds: usize) -> (Duration, usize) {
    let mut text_len = 0;
    let start = Instant::now();
    for _ in 0..rounds {
        let out = Command::new("pdftotext")
            .args(args)
            .arg(path)
            .arg("-")
            .stderr(Stdio::null())
            .output()
            .expect("pdftotext");
        text_len = out.stdout.len();
    }
    (start.elapsed(), text_len)
}
