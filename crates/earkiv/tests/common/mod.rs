//! Checking an exported package with the official tools: `xmllint --nonet` against the
//! official schemas (METS with the CSIP and SIP extensions through `tools/earkiv/`'s wrapper
//! schema and XML catalog, PREMIS 3.0, CITS ERMS 2.1.2), and PyPI's `eark-validator` run
//! offline (`tools/earkiv/eark_offline.py`).
//!
//! Shared by the tests of `kansli-earkiv` and of the CLI (`#[path]`). A missing tool is a
//! loud skip outside CI ("SKIPPED: …" on stderr) and a failure when `CI` is set.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Schematron rules of eark-validator 1.1.3 known to be wrong (BLOCKS-WAVE2 §1.4): CSIP63's
/// test contradicts itself for every value but OTHER; SIP14 tests an unprefixed NOTETYPE that
/// the SIP profile does not have (it is `csip:NOTETYPE`) and METS does not allow.
pub const KNOWN_BOGUS_RULES: &[&str] = &["CSIP63", "SIP14"];

/// The crate's directory: as `cargo test` says when it runs the test, else as when it was
/// compiled. A test binary kept in a shared target directory may have been compiled in another
/// clone of the repository (CI's cache), whose path may no longer exist.
fn crate_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

/// `tools/earkiv/` of the repository.
pub fn tools() -> PathBuf {
    crate_dir().join("../../tools/earkiv")
}

/// The schemas the packages carry.
pub fn schemas() -> PathBuf {
    crate_dir().join("../../crates/earkiv/schemas")
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// `Some(())` when `what` is usable; otherwise a loud skip, or a failure under CI.
fn need(what: &str, available: bool, how: &str) -> Option<()> {
    if available {
        return Some(());
    }
    assert!(!in_ci(), "{what} is needed under CI: {how}");
    eprintln!("SKIPPED: {what} not available ({how})");
    None
}

/// Whether `xmllint` runs (Debian's `libxml2-utils`).
pub fn xmllint_available() -> Option<()> {
    let ok = Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    need("xmllint", ok, "apt-get install libxml2-utils")
}

/// Runs `xmllint --noout --nonet --schema SCHEMA DOC` with the catalog; (passed, output).
pub fn xmllint(schema: &Path, doc: &Path) -> (bool, String) {
    let out = Command::new("xmllint")
        .env("XML_CATALOG_FILES", tools().join("catalog.xml"))
        .args(["--noout", "--nonet", "--schema"])
        .arg(schema)
        .arg(doc)
        .output()
        .expect("run xmllint");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// Validates every XML document of the package against its official schema; panics naming
/// the first that fails. Returns how many documents were validated.
pub fn assert_schema_valid(package: &Path) -> usize {
    let checks = [
        ("METS.xml", tools().join("mets-csip-sip.xsd")),
        (
            "representations/rep1/METS.xml",
            tools().join("mets-csip-sip.xsd"),
        ),
        (
            "metadata/preservation/premis.xml",
            schemas().join("premis-v3-0.xsd"),
        ),
        (
            "representations/rep1/metadata/preservation/premis.xml",
            schemas().join("premis-v3-0.xsd"),
        ),
        ("metadata/descriptive/erms.xml", schemas().join("ERMS.xsd")),
    ];
    for (doc, schema) in &checks {
        let (ok, output) = xmllint(schema, &package.join(doc));
        assert!(
            ok,
            "{doc} does not validate against {}:\n{output}",
            schema.display()
        );
        assert!(output.contains("validates"), "{output}");
    }
    checks.len()
}

/// The Python that has `eark_validator`: `KANSLI_EARK_PYTHON` (the venv `.ci/run` makes), else
/// `python3` when it can import it.
pub fn eark_python() -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = std::env::var_os("KANSLI_EARK_PYTHON")
        .map(PathBuf::from)
        .into_iter()
        .chain([PathBuf::from("python3")])
        .collect();
    let found = candidates.into_iter().find(|python| {
        Command::new(python)
            .args(["-c", "import eark_validator"])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    need(
        "PyPI eark-validator",
        found.is_some(),
        "pip install eark-validator, or KANSLI_EARK_PYTHON=<a venv's python>",
    )?;
    found
}

/// What eark-validator said of a package.
#[derive(Debug)]
pub struct EarkReport {
    /// `structure.status` (`WellFormed`).
    pub structure: String,
    /// `metadata.schema_results.status` (`VALID`).
    pub schema: String,
    /// The rule ids of schematron messages of severity Error, in order.
    pub schematron_errors: Vec<String>,
    /// The whole JSON report.
    pub json: serde_json::Value,
}

/// Runs eark-validator offline on the package (`-r`: into the representations too).
pub fn eark_validate(python: &Path, package: &Path) -> EarkReport {
    let out = Command::new(python)
        .arg(tools().join("eark_offline.py"))
        .arg("-r")
        .arg(package)
        .output()
        .expect("run eark-validator");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let start = stdout.find('{').unwrap_or_else(|| {
        panic!(
            "eark-validator printed no JSON:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let json: serde_json::Value = serde_json::from_str(stdout[start..].trim())
        .unwrap_or_else(|e| panic!("eark-validator's JSON: {e}\n{stdout}"));
    let text = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
    let schematron_errors = json["metadata"]["schematron_results"]["messages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["severity"] == "Error")
        .map(|m| text(&m["rule_id"]))
        .collect();
    EarkReport {
        structure: text(&json["structure"]["status"]),
        schema: text(&json["metadata"]["schema_results"]["status"]),
        schematron_errors,
        json,
    }
}

/// Asserts what issue 15 asks of a package: structure WellFormed, schema VALID, schematron
/// errors only among the known-bogus rules. Returns the report (for figures).
pub fn assert_eark_valid(python: &Path, package: &Path) -> EarkReport {
    let report = eark_validate(python, package);
    assert_eq!(report.structure, "WellFormed", "{:#}", report.json);
    assert_eq!(report.schema, "VALID", "{:#}", report.json);
    let unexpected: Vec<&String> = report
        .schematron_errors
        .iter()
        .filter(|r| !KNOWN_BOGUS_RULES.contains(&r.as_str()))
        .collect();
    assert!(
        unexpected.is_empty(),
        "schematron errors beyond the known-bogus {KNOWN_BOGUS_RULES:?}: {unexpected:?}\n{:#}",
        report.json
    );
    eprintln!(
        "eark-validator: structure {}, schema {}, schematron errors {:?}",
        report.structure, report.schema, report.schematron_errors
    );
    report
}
