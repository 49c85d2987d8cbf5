//! Golden files: every sample protocol (fixtures/samples/*.txt and tests/fixtures/synthetic/*.txt) parsed
//! to pretty JSON and compared with tests/golden/<name>.json. `UPDATE_GOLDEN=1` rewrites them.

use std::path::{Path, PathBuf};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn inputs() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in [
        manifest().join("../../fixtures/samples"),
        manifest().join("tests/fixtures/synthetic"),
    ] {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn check(name: &str, json: &str) -> Option<String> {
    let golden = manifest().join("tests/golden").join(format!("{name}.json"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, json).expect("write golden");
        return None;
    }
    match std::fs::read_to_string(&golden) {
        Ok(expected) if expected == json => None,
        Ok(_) => Some(format!("{name}: differs from {}", golden.display())),
        Err(_) => Some(format!("{name}: no golden file {}", golden.display())),
    }
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn text_samples_match_their_golden_files() {
    let inputs = inputs();
    assert!(inputs.len() >= 6, "samples not found");
    let mut failures = Vec::new();
    for p in inputs {
        let text = std::fs::read_to_string(&p).expect("read sample");
        let parsed =
            kansli_import::parse_text(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let json = serde_json::to_string_pretty(&parsed).expect("json") + "\n";
        if let Some(f) = check(&stem(&p), &json) {
            failures.push(f);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
