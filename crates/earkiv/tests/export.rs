//! Packages written from hand-made inputs: sound by their own checksums, deterministic,
//! valid against the official schemas (xmllint) and by the E-ARK validator, and every document
//! back byte for byte.

mod common;

use std::path::Path;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use kansli_earkiv::{
    Authority, CaseDocument, CaseHandling, ClosedCase, DataFile, Direction, EarkivError,
    ExportContext, JusteradMinutes, MinutesCase, Problem, Signature, export_case, export_minutes,
    verify,
};

fn at(y: i32, mo: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, 0, 0).unwrap()
}

fn ctx() -> ExportContext {
    ExportContext {
        authority: Authority {
            name: "Kommunalförbundet Itsam".into(),
            slug: "kommunalforbundet-itsam".into(),
        },
        software: "Kansli".into(),
        software_version: "0.1.0".into(),
        created: at(2026, 11, 29, 12),
    }
}

fn file(name: &str, media_type: &str, bytes: &[u8]) -> DataFile {
    DataFile {
        original_name: name.into(),
        media_type: media_type.into(),
        stored_at: at(2026, 2, 3, 9),
        bytes: bytes.to_vec(),
    }
}

fn case() -> ClosedCase {
    ClosedCase {
        dnr: "ITSAM 2026/7".into(),
        key: "ITSAM-2026-7".into(),
        title: "Upphandling av <nätverk> &\n drift".into(),
        handler: Some("Hanna Handläggare".into()),
        registered_at: at(2026, 1, 12, 8),
        closed_at: at(2026, 3, 20, 15),
        documents: vec![
            CaseDocument {
                id: 11,
                title: "Anbud från leverantör".into(),
                direction: Some(Direction::Incoming),
                confidential: true,
                secrecy_ground: Some("OSL 31 kap. 16 §".into()),
                registered_at: at(2026, 1, 20, 10),
                file: file(
                    "Anbud – Nätverk AB.pdf",
                    "application/pdf",
                    b"%PDF-1.7\n\x00\x01\xff anbud",
                ),
            },
            CaseDocument {
                id: 12,
                title: "Tjänsteskrivelse\u{7}\u{c} (utkast)".into(),
                direction: Some(Direction::Internal),
                confidential: false,
                secrecy_ground: None,
                registered_at: at(2026, 2, 1, 10),
                file: file(
                    "tjänsteskrivelse.txt",
                    "text/plain; charset=utf-8",
                    "Förslag till beslut\u{c}\n".as_bytes(),
                ),
            },
            CaseDocument {
                id: 13,
                title: "Tilldelningsbeslut".into(),
                direction: Some(Direction::Outgoing),
                confidential: false,
                secrecy_ground: None,
                registered_at: at(2026, 3, 6, 10),
                file: file("beslut.pdf", "application/pdf", b"%PDF-1.7 beslut"),
            },
        ],
        handled: vec![CaseHandling {
            body: "Direktionen".into(),
            meeting_date: NaiveDate::from_ymd_opt(2026, 3, 5).unwrap(),
            paragraph: 12,
            title: "Upphandling av nätverk".into(),
            decision: Some("Direktionen beslutar att tilldela kontraktet.".into()),
            extract: Some(file("utdrag.pdf", "application/pdf", b"%PDF-1.7 utdrag")),
        }],
    }
}

fn minutes() -> JusteradMinutes {
    JusteradMinutes {
        body: "Direktionen".into(),
        body_slug: "direktionen".into(),
        meeting_slug: "2024-03-05".into(),
        meeting_date: NaiveDate::from_ymd_opt(2024, 3, 5).unwrap(),
        paragraphs: Some((1, 14)),
        chair: Some("Anna Ordförande".into()),
        secretary: Some("Sara Sekreterare".into()),
        justerare: vec!["Jan Justerare".into()],
        justering_date: NaiveDate::from_ymd_opt(2024, 3, 8),
        justering_place: Some("Digitalt".into()),
        signature_check: Some(kansli_earkiv::SignatureCheck {
            valid: true,
            problems: Vec::new(),
        }),
        signatures: vec![
            Signature {
                name: "Anna Ordförande".into(),
                role: Some("ordförande".into()),
                signed_at: Some(at(2024, 3, 7, 14)),
            },
            Signature {
                name: "Jan Justerare".into(),
                role: None,
                signed_at: Some(at(2024, 3, 8, 9)),
            },
        ],
        notice_posted: NaiveDate::from_ymd_opt(2024, 3, 11),
        original: file(
            "itsam-direktionen-2024-03-05.pdf",
            "application/pdf",
            b"%PDF-1.7 protokoll",
        ),
        record_json: br#"{"body":"Direktionen"}"#.to_vec(),
        cases: vec![MinutesCase {
            paragraph: 3,
            dnr: "ITSAM 2024/25".into(),
            title: "Budget".into(),
        }],
    }
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_case_package_is_sound_and_gives_back_every_document() {
    let out = tempfile::tempdir().unwrap();
    let case = case();
    let written = export_case(out.path(), &ctx(), &case).unwrap();
    assert_eq!(written.objid, "kommunalforbundet-itsam_ITSAM-2026-7");
    assert_eq!(written.path, out.path().join(&written.objid));
    let check = verify(&written.path).unwrap();
    assert!(check.is_ok(), "{:?}", check.problems);
    assert_eq!(
        check.files.len() + 1,
        written.files.len(),
        "all but the root METS listed"
    );
    for (n, document) in case.documents.iter().enumerate() {
        let name = match n {
            0 => "001-Anbud_Natverk_AB.pdf",
            1 => "002-tjansteskrivelse.txt",
            _ => "003-beslut.pdf",
        };
        let path = format!("representations/rep1/data/{name}");
        assert_eq!(
            read(&written.path.join(&path)),
            document.file.bytes,
            "{path}"
        );
        assert!(check.files.iter().any(|f| f.path == path));
    }
    let erms =
        String::from_utf8(read(&written.path.join("metadata/descriptive/erms.xml"))).unwrap();
    assert!(erms.contains(r#"aggregationType="caseFile""#));
    let extract = "representations/rep1/data/utdrag-direktionen-2026-03-05-p12.pdf";
    assert_eq!(read(&written.path.join(extract)), b"%PDF-1.7 utdrag");
    assert!(
        erms.contains(&format!(
            r#"name="Protokollsutdrag Direktionen 2026-03-05 § 12" path="{extract}""#
        )),
        "{erms}"
    );
    assert!(erms.contains("<objectId>ITSAM 2026/7</objectId>"));
    assert!(erms.contains("Upphandling av &lt;nätverk&gt; &amp;\n drift"));
    assert!(
        erms.contains("<title>Tjänsteskrivelse (utkast)</title>"),
        "control characters dropped"
    );
    assert!(erms.contains(r#"<restriction restrictionType="confidential">"#));
    assert!(erms.contains("<regulation>OSL 31 kap. 16 §</regulation>"));
    assert_eq!(
        erms.matches("<restriction ").count(),
        1,
        "only the secret one"
    );
    assert!(erms.contains(r#"directionDefinition="incoming""#));
    assert!(erms.contains(r#"directionDefinition="outgoing""#));
    assert!(erms.contains(r#"otherDirectionDefinition="internal""#));
    let mets = String::from_utf8(read(&written.path.join("METS.xml"))).unwrap();
    assert!(mets.contains(r#"csip:OAISPACKAGETYPE="SIP""#));
    assert!(mets.contains(r#"csip:CONTENTINFORMATIONTYPE="citserms_v2_1""#));
    assert!(mets.contains(r#"csip:NOTETYPE="SOFTWARE VERSION""#));
    assert!(mets.contains(r#"ROLE="ARCHIVIST" TYPE="ORGANIZATION""#));
    let premis = String::from_utf8(read(
        &written
            .path
            .join("representations/rep1/metadata/preservation/premis.xml"),
    ))
    .unwrap();
    assert_eq!(
        premis
            .matches("<premis:messageDigestAlgorithm>SHA-256")
            .count(),
        4
    );
    assert!(premis.contains("confidential (sekretess): OSL 31 kap. 16 §"));
}

#[test]
fn the_same_input_gives_the_same_package() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let one = export_minutes(a.path(), &ctx(), &minutes()).unwrap();
    let two = export_minutes(b.path(), &ctx(), &minutes()).unwrap();
    assert_eq!(one.files, two.files);
    let later = ExportContext {
        created: at(2026, 11, 30, 12),
        ..ctx()
    };
    let c = tempfile::tempdir().unwrap();
    let three = export_minutes(c.path(), &later, &minutes()).unwrap();
    assert_ne!(
        one.files, three.files,
        "the creation time is stated in the package"
    );
}

#[test]
fn a_package_is_never_written_over_and_unsafe_names_are_refused() {
    let out = tempfile::tempdir().unwrap();
    export_case(out.path(), &ctx(), &case()).unwrap();
    let again = export_case(out.path(), &ctx(), &case()).unwrap_err();
    assert!(matches!(again, EarkivError::Exists(_)), "{again}");
    let mut bad = case();
    bad.key = "../x".into();
    let err = export_case(out.path(), &ctx(), &bad).unwrap_err();
    assert!(matches!(err, EarkivError::Invalid(_)), "{err}");
    assert!(err.to_string().contains("\"../x\""), "{err}");
    let names: Vec<_> = std::fs::read_dir(out.path()).unwrap().flatten().collect();
    assert_eq!(
        names.len(),
        1,
        "nothing else written, no partial folder left"
    );
}

#[test]
fn verification_finds_a_changed_a_missing_and_an_unlisted_file() {
    let out = tempfile::tempdir().unwrap();
    let written = export_minutes(out.path(), &ctx(), &minutes()).unwrap();
    let data = written.path.join("representations/rep1/data");
    let mut pdf = read(&data.join("protokoll.pdf"));
    pdf[0] ^= 1;
    std::fs::write(data.join("protokoll.pdf"), pdf).unwrap();
    std::fs::remove_file(data.join("justering.json")).unwrap();
    std::fs::write(data.join("extra.txt"), b"x").unwrap();
    let check = verify(&written.path).unwrap();
    assert!(!check.is_ok());
    let has = |p: &dyn Fn(&Problem) -> bool| check.problems.iter().any(p);
    assert!(has(
        &|p| matches!(p, Problem::Changed { path, .. } if path.ends_with("protokoll.pdf"))
    ));
    assert!(has(
        &|p| matches!(p, Problem::Missing { path } if path.ends_with("justering.json"))
    ));
    assert!(has(
        &|p| matches!(p, Problem::Unlisted { path } if path.ends_with("extra.txt"))
    ));
    assert_eq!(check.problems.len(), 3, "{:?}", check.problems);
}

#[test]
fn both_kinds_validate_against_the_official_schemas() {
    if common::xmllint_available().is_none() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    for written in [
        export_case(out.path(), &ctx(), &case()).unwrap(),
        export_minutes(out.path(), &ctx(), &minutes()).unwrap(),
    ] {
        assert_eq!(common::assert_schema_valid(&written.path), 5);
    }
}

#[test]
fn the_schema_check_can_fail() {
    if common::xmllint_available().is_none() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let written = export_case(out.path(), &ctx(), &case()).unwrap();
    let mets = written.path.join("METS.xml");
    let text = String::from_utf8(read(&mets)).unwrap();
    std::fs::write(
        &mets,
        text.replace(
            r#"csip:OAISPACKAGETYPE="SIP""#,
            r#"csip:OAISPACKAGETYPE="XIP""#,
        ),
    )
    .unwrap();
    let (ok, output) = common::xmllint(&common::tools().join("mets-csip-sip.xsd"), &mets);
    assert!(!ok, "{output}");
    assert!(output.contains("XIP"), "{output}");
}

#[test]
fn both_kinds_pass_the_eark_validator() {
    let Some(python) = common::eark_python() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    for written in [
        export_case(out.path(), &ctx(), &case()).unwrap(),
        export_minutes(out.path(), &ctx(), &minutes()).unwrap(),
    ] {
        common::assert_eark_valid(&python, &written.path);
    }
}

#[test]
fn exports_of_the_same_package_at_once_never_mix() {
    let out = tempfile::tempdir().unwrap();
    let results: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| s.spawn(|| export_case(out.path(), &ctx(), &case())))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let written: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(written.len(), 1, "{results:?}");
    for r in &results {
        if let Err(e) = r {
            assert!(matches!(e, EarkivError::Exists(_)), "{e}");
        }
    }
    assert!(verify(&written[0].path).unwrap().is_ok());
    let left: Vec<_> = std::fs::read_dir(out.path()).unwrap().flatten().collect();
    assert_eq!(left.len(), 1, "no partial folder left behind");
}

#[test]
fn the_justering_is_an_event_also_when_only_the_signatures_date_it() {
    let out = tempfile::tempdir().unwrap();
    let mut m = minutes();
    m.justering_date = None;
    let written = export_minutes(out.path(), &ctx(), &m).unwrap();
    let premis =
        String::from_utf8(read(&written.path.join("metadata/preservation/premis.xml"))).unwrap();
    let justering = premis
        .split("<premis:event>")
        .find(|e| e.contains("<premis:eventType>justering</premis:eventType>"))
        .expect("a justering event");
    assert!(
        justering.contains("<premis:eventDateTime>2024-03-08</premis:eventDateTime>"),
        "{justering}"
    );
    assert!(
        justering.contains("dagen för den sista underskriften"),
        "{justering}"
    );
    assert_eq!(
        premis
            .matches("<premis:eventType>digital signature generation")
            .count(),
        2
    );
}

#[test]
fn verification_finds_entries_that_point_outside_or_have_no_location() {
    let out = tempfile::tempdir().unwrap();
    let written = export_case(out.path(), &ctx(), &case()).unwrap();
    let mets = written.path.join("representations/rep1/METS.xml");
    let text = String::from_utf8(read(&mets)).unwrap();
    let text = text.replacen("xlink:href=\"data/001-", "xlink:href=\"../../../001-", 1);
    let text = text.replacen(
        "<mets:FLocat LOCTYPE=\"URL\" xlink:type=\"simple\" xlink:href=\"data/002",
        "<mets:FContent/><mets:X a=\"data/002",
        1,
    );
    std::fs::write(&mets, text).unwrap();
    let check = verify(&written.path).unwrap();
    let messages: Vec<String> = check.problems.iter().map(ToString::to_string).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("not a path inside the package")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("a file without FLocat")),
        "{messages:?}"
    );
    // The root METS now lists a representation METS whose checksum changed.
    assert!(
        check
            .problems
            .iter()
            .any(|p| matches!(p, Problem::Changed { path, .. } if path.ends_with("rep1/METS.xml")))
    );
}
