//! Golden files from the Itsam sample PDFs, read through `parse_bytes` (PDF text extraction in
//! Rust, then the parser): tests/golden/<name>.pdf.json. `UPDATE_GOLDEN=1` rewrites them.

use std::path::PathBuf;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn sample_pdfs_match_their_golden_files() {
    let dir = manifest().join("../../fixtures/samples");
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("samples")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    pdfs.sort();
    assert!(pdfs.len() >= 3, "sample PDFs not found");
    let mut failures = Vec::new();
    for p in pdfs {
        let name = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(&p).expect("read pdf");
        let parsed =
            kansli_import::parse_bytes(&bytes).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let json = serde_json::to_string_pretty(&parsed).expect("json") + "\n";
        let golden = manifest()
            .join("tests/golden")
            .join(format!("{name}.pdf.json"));
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&golden, &json).expect("write golden");
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(expected) if expected == json => {}
            Ok(_) => failures.push(format!("{name}: differs from {}", golden.display())),
            Err(_) => failures.push(format!("{name}: no golden file {}", golden.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
