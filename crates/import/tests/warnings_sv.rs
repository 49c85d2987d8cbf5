//! Every warning the parser writes has a Swedish form for the review page
//! (`kansli_core::warnings`): each `warnings.push(…)` in the import crate's source, filled with
//! values, matches a template of that table, and every warning the parser gives on the repository's protocols
//! (samples, synthetic protocols, the parse cases, the PDFs) reads in Swedish.

use std::path::{Path, PathBuf};

use kansli_core::warnings::in_swedish;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The format string of each `warnings.push(` in `source` (before its `#[cfg(test)]` part),
/// its `{…}` placeholders written `{}` and `\"` unescaped.
fn pushed_templates(source: &str) -> Vec<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or_default();
    let placeholder = regex::Regex::new(r"\{[A-Za-z0-9_.]*(?::\?)?\}").unwrap();
    let mut out = Vec::new();
    for (at, _) in code.match_indices("warnings.push(") {
        let after = code[at + "warnings.push(".len()..].trim_start();
        let after = after.strip_prefix("format!(").unwrap_or(after).trim_start();
        // A push of a value made elsewhere (`warnings.push(w)`) has no literal here.
        let Some(literal) = after.strip_prefix('"') else {
            continue;
        };
        let mut text = String::new();
        let mut chars = literal.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => text.extend(chars.next()),
                '"' => break,
                c => text.push(c),
            }
        }
        out.push(placeholder.replace_all(&text, "{}").into_owned());
    }
    out
}

#[test]
fn every_warning_the_parser_writes_has_a_swedish_template() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut seen = 0;
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        for template in pushed_templates(&source) {
            seen += 1;
            // Filled with markers, as the parser fills it with values.
            let mut filled = template.clone();
            let mut n = 0;
            while filled.contains("{}") {
                n += 1;
                filled = filled.replacen("{}", &format!("«{n}»"), 1);
            }
            assert!(
                in_swedish(&filled).is_some(),
                "{}: the warning {template:?} has no Swedish form in kansli_core::warnings",
                file.display()
            );
        }
    }
    assert!(seen > 30, "only {seen} warnings found: the scan is broken");
}

#[test]
fn every_warning_on_the_repositorys_protocols_reads_in_swedish() {
    let repo = root().join("../..");
    let mut inputs = Vec::new();
    for dir in [
        repo.join("fixtures/samples"),
        root().join("tests/cases"),
        root().join("tests/fixtures/synthetic"),
    ] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path
                .extension()
                .is_some_and(|e| e == "txt" || e == "pdf" || e == "md")
            {
                inputs.push(path);
            }
        }
    }
    assert!(inputs.len() > 20, "{inputs:?}");
    let mut warnings = 0;
    for path in inputs {
        let bytes = std::fs::read(&path).unwrap();
        let Ok(p) = kansli_import::parse_bytes(&bytes) else {
            continue;
        };
        for w in &p.warnings {
            warnings += 1;
            assert!(
                in_swedish(w).is_some(),
                "{}: {w:?} has no Swedish form",
                path.display()
            );
        }
    }
    assert!(warnings > 10, "only {warnings} warnings read");
}
