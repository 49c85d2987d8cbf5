//! `kansli export earkiv` end to end, on both backends: a protocol imported from its PDF and a
//! case registered, given documents (one confidential) and closed, exported as E-ARK SIPs;
//! each package read back byte for byte (checksums), validated against the official schemas
//! with xmllint and by PyPI's eark-validator run offline; and the refusals a person meets.

#[path = "../../earkiv/tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use kansli_core::DnrFormat;
use kansli_store::{Actor, AuditFilter, NewAuthority, NewDocument, Store, StoreConfig};

const ITSAM: &str = "Kommunalförbundet Itsam";

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/samples")
}

fn kansli(data: &Path, database: &Option<String>) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kansli"));
    command
        .env_remove("KANSLI_DATA_DIR")
        .env_remove("KANSLI_DATABASE")
        .env("KANSLI_NOW", "2026-11-29T12:00:00Z")
        .arg("--data-dir")
        .arg(data);
    if let Some(url) = database {
        command.arg("--database").arg(url);
    }
    command
}

fn ok(output: Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn fails(output: Output) -> String {
    assert!(!output.status.success(), "should fail");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

fn databases() -> Vec<Option<String>> {
    let mut out = vec![None];
    if let Some(url) = kansli_testpg::fresh_database_url() {
        out.push(Some(url));
    }
    out
}

fn document(title: &str, direction: &str, ground: Option<&str>, bytes: &[u8]) -> NewDocument {
    NewDocument {
        title: title.into(),
        direction: direction.into(),
        confidential: ground.is_some(),
        secrecy_ground: ground.map(str::to_string),
        file_name: format!("{title}.pdf"),
        media_type: "application/pdf".into(),
        content: bytes.to_vec(),
    }
}

/// The diarium as the secretariat leaves it: Itsam's series configured, a document added to
/// the case the imported minutes handled (ITSAM 2024/25, § 1) and the case closed; a new case
/// registered with a public and a confidential document and closed; one case left open.
/// Returns (Dnr key, the documents' bytes) of the two closed cases and the open case's key.
async fn diarium(data: &Path, database: &Option<String>) -> (Vec<(String, Vec<Vec<u8>>)>, String) {
    let store = Store::open(&StoreConfig {
        data_dir: data.to_path_buf(),
        database_url: database.clone(),
    })
    .await
    .unwrap();
    let actor = Actor::shell();
    let a = "kommunalforbundet-itsam";
    store
        .create_authority(
            &actor,
            &NewAuthority {
                name: ITSAM.into(),
                kind: "kommunalforbund".into(),
                dnr_series: Some("ITSAM".into()),
                dnr_format: DnrFormat::standard(),
            },
        )
        .await
        .unwrap();
    let old = b"%PDF-1.7\nSakerhetsrapport \x00\x01\x02\xff".to_vec();
    store
        .add_case_document(
            &actor,
            a,
            "ITSAM-2024-25",
            &document(
                "Säkerhetsrapport",
                "incoming",
                Some("OSL 18 kap. 8 §"),
                &old,
            ),
        )
        .await
        .unwrap()
        .unwrap();
    store
        .set_case_status(&actor, a, "ITSAM-2024-25", true, None)
        .await
        .unwrap()
        .unwrap();
    let case = store
        .register_case(
            &actor,
            a,
            "Avtal om drift av nätverk",
            Some("Hanna Handläggare"),
        )
        .await
        .unwrap()
        .unwrap();
    let public = b"%PDF-1.7 tjansteskrivelse".to_vec();
    let secret = b"%PDF-1.7 anbud med affarshemligheter".to_vec();
    store
        .add_case_document(
            &actor,
            a,
            &case.key,
            &document("Tjänsteskrivelse", "internal", None, &public),
        )
        .await
        .unwrap()
        .unwrap();
    store
        .add_case_document(
            &actor,
            a,
            &case.key,
            &document("Anbud", "incoming", Some("OSL 31 kap. 16 §"), &secret),
        )
        .await
        .unwrap()
        .unwrap();
    store
        .set_case_status(&actor, a, &case.key, true, None)
        .await
        .unwrap()
        .unwrap();
    let open = store
        .register_case(&actor, a, "Pågående", None)
        .await
        .unwrap()
        .unwrap();
    store.close().await;
    (
        vec![
            ("ITSAM-2024-25".to_string(), vec![old]),
            (case.key, vec![public, secret]),
        ],
        open.key,
    )
}

/// The contents of the registered documents of a case package (`001-…`, `002-…`), in order.
fn data_files(package: &Path) -> Vec<Vec<u8>> {
    let mut out: Vec<(PathBuf, Vec<u8>)> =
        std::fs::read_dir(package.join("representations/rep1/data"))
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("00"))
            .map(|e| (e.path(), std::fs::read(e.path()).unwrap()))
            .collect();
    out.sort();
    out.into_iter().map(|(_, b)| b).collect()
}

/// Everything issue 15 asks of a package; returns a line of figures.
fn check_package(package: &Path) {
    let check = kansli_earkiv::verify(package).unwrap();
    assert!(check.is_ok(), "{}: {:?}", package.display(), check.problems);
    if common::xmllint_available().is_some() {
        common::assert_schema_valid(package);
    }
    if let Some(python) = common::eark_python() {
        common::assert_eark_valid(&python, package);
    }
}

#[tokio::test]
async fn closed_cases_and_justerade_minutes_become_valid_packages() {
    for database in databases() {
        let data = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let pdf = samples().join("itsam-direktionen-2024-03-05.pdf");
        ok(kansli(data.path(), &database)
            .args(["import", "--authority", ITSAM])
            .arg(&pdf)
            .output()
            .unwrap());
        let (closed, open) = diarium(data.path(), &database).await;

        // One case by its Dnr as printed.
        let stdout = ok(kansli(data.path(), &database)
            .args([
                "export",
                "earkiv",
                "--authority",
                ITSAM,
                "--case",
                "ITSAM 2024/25",
                "-o",
            ])
            .arg(out.path())
            .output()
            .unwrap());
        let case_dir = PathBuf::from(stdout.trim());
        assert_eq!(
            case_dir,
            out.path().join("kommunalforbundet-itsam_ITSAM-2024-25")
        );
        check_package(&case_dir);
        assert_eq!(
            data_files(&case_dir),
            closed[0].1,
            "every document back byte for byte"
        );
        let erms = std::fs::read_to_string(case_dir.join("metadata/descriptive/erms.xml")).unwrap();
        assert!(
            erms.contains("<objectId>ITSAM 2024/25</objectId>"),
            "{erms}"
        );
        assert!(
            erms.contains("<regulation>OSL 18 kap. 8 §</regulation>"),
            "{erms}"
        );
        assert!(
            erms.contains("Direktionen 2024-03-05 § 1"),
            "where it was handled: {erms}"
        );
        // The paragraph that handled it, as a protokollsutdrag rendered from the minutes.
        let extract =
            case_dir.join("representations/rep1/data/utdrag-direktionen-2024-03-05-p1.pdf");
        assert!(std::fs::read(&extract).unwrap().starts_with(b"%PDF-"));
        assert!(
            erms.contains("Protokollsutdrag Direktionen 2024-03-05 § 1"),
            "{erms}"
        );

        // The justerade minutes: the original PDF as imported, the reading as JSON.
        let stdout = ok(kansli(data.path(), &database)
            .args(["export", "earkiv", "--authority", "kommunalforbundet-itsam"])
            .args(["--minutes", "Direktionen/2024-03-05", "-o"])
            .arg(out.path())
            .output()
            .unwrap());
        let minutes_dir = PathBuf::from(stdout.trim());
        check_package(&minutes_dir);
        let data_dir = minutes_dir.join("representations/rep1/data");
        assert_eq!(
            std::fs::read(data_dir.join("protokoll.pdf")).unwrap(),
            std::fs::read(&pdf).unwrap()
        );
        let record: serde_json::Value =
            serde_json::from_slice(&std::fs::read(data_dir.join("protokoll.json")).unwrap())
                .unwrap();
        assert_eq!(record["body"], "Direktionen");
        assert_eq!(record["meeting_date"], "2024-03-05");
        let justering: serde_json::Value =
            serde_json::from_slice(&std::fs::read(data_dir.join("justering.json")).unwrap())
                .unwrap();
        assert_eq!(justering["signature_verification"]["verified"], false);

        // Every case closed before a day: the one not yet exported is written, the other kept.
        let output = kansli(data.path(), &database)
            .args([
                "export",
                "earkiv",
                "--authority",
                ITSAM,
                "--closed-before",
                "2999-01-01",
                "-o",
            ])
            .arg(out.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        let stdout = ok(output);
        let new_dir = PathBuf::from(stdout.trim());
        assert_eq!(
            new_dir,
            out.path()
                .join(format!("kommunalforbundet-itsam_{}", closed[1].0))
        );
        assert!(
            stderr.contains("1 package(s) written, 1 already there"),
            "{stderr}"
        );
        check_package(&new_dir);
        assert_eq!(data_files(&new_dir), closed[1].1);
        let erms = std::fs::read_to_string(new_dir.join("metadata/descriptive/erms.xml")).unwrap();
        assert_eq!(
            erms.matches(r#"restrictionType="confidential""#).count(),
            1,
            "{erms}"
        );
        assert!(
            !out.path()
                .join(format!("kommunalforbundet-itsam_{open}"))
                .exists()
        );

        // Each export is in the audit log.
        let store = Store::open(&StoreConfig {
            data_dir: data.path().to_path_buf(),
            database_url: database.clone(),
        })
        .await
        .unwrap();
        let (events, _) = store
            .audit_events(&AuditFilter {
                limit: 100,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(
            events
                .iter()
                .filter(|e| e.action == "earkiv.export")
                .count(),
            3
        );
        store.close().await;

        // What a person gets wrong is said plainly.
        let export = |args: &[&str]| {
            kansli(data.path(), &database)
                .args(["export", "earkiv"])
                .args(args)
                .arg("-o")
                .arg(out.path())
                .output()
                .unwrap()
        };
        let err = fails(export(&["--authority", "Okänd kommun", "--case", "X-1"]));
        assert!(
            err.contains("no authority \"Okänd kommun\"") && err.contains(ITSAM),
            "{err}"
        );
        let err = fails(export(&["--authority", ITSAM, "--case", &open]));
        assert!(err.contains("is open"), "{err}");
        let err = fails(export(&["--authority", ITSAM, "--case", "ITSAM 1999/1"]));
        assert!(err.contains("no case \"ITSAM 1999/1\""), "{err}");
        let err = fails(export(&["--authority", ITSAM, "--case", "ITSAM 2024/25"]));
        assert!(err.contains("already exists"), "{err}");
        let err = fails(export(&[
            "--authority",
            ITSAM,
            "--minutes",
            "direktionen/2099-01-01",
        ]));
        assert!(err.contains("no meeting"), "{err}");
        let err = fails(export(&["--authority", ITSAM, "--minutes", "2024-03-05"]));
        assert!(err.contains("BODY/DATE"), "{err}");
        let err = fails(export(&["--authority", ITSAM, "--closed-before", "igår"]));
        assert!(err.contains("not a date"), "{err}");
        let err = fails(export(&["--authority", ITSAM]));
        assert!(
            err.contains("--case") && err.contains("--closed-before"),
            "{err}"
        );
    }
}
