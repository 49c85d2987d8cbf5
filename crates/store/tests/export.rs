//! What the e-arkiv export reads, on both backends: a closed case with every document's bytes
//! (the confidential one too) and the paragraph that handled it, the closed cases of a period,
//! justerade minutes with their original, justerare and signatures, and the audit event.

mod builder;

use kansli_core::DnrFormat;
use kansli_core::protocol::ParsedSignature;
use kansli_store::{Actor, AuditFilter, NewAuthority, NewDocument, Store, StoreConfig};

async fn stores() -> Vec<(Store, tempfile::TempDir)> {
    let mut urls = vec![None];
    if let Some(url) = kansli_testpg::fresh_database_url() {
        urls.push(Some(url));
    }
    let mut out = Vec::new();
    for database_url in urls {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&StoreConfig {
            data_dir: dir.path().to_path_buf(),
            database_url,
        })
        .await
        .expect("open store");
        eprintln!("-- on {:?}", store.backend());
        out.push((store, dir));
    }
    out
}

fn document(title: &str, direction: &str, secret: bool, bytes: &[u8]) -> NewDocument {
    NewDocument {
        title: title.into(),
        direction: direction.into(),
        confidential: secret,
        secrecy_ground: secret.then(|| "OSL 21 kap. 7 §".into()),
        file_name: format!("{title}.pdf"),
        media_type: "application/pdf".into(),
        content: bytes.to_vec(),
    }
}

#[tokio::test]
async fn a_closed_case_comes_with_its_documents_and_where_it_was_handled() {
    for (store, _dir) in stores().await {
        let actor = Actor::shell();
        let a = "kommunalforbundet-itsam";
        // The imported minutes name ITSAM 2024/25 in § 1.
        builder::import_itsam(&store).await;
        store
            .create_authority(
                &actor,
                &NewAuthority {
                    name: "Kommunalförbundet Itsam".into(),
                    kind: "kommunalforbund".into(),
                    dnr_series: Some("ITSAM".into()),
                    dnr_format: DnrFormat::standard(),
                },
            )
            .await
            .unwrap();
        let secret = b"%PDF-1.7\x00\xff secret".to_vec();
        for (title, dir, s, bytes) in [
            ("Anbud", "incoming", true, secret.as_slice()),
            ("Beslut", "outgoing", false, b"%PDF beslut".as_slice()),
        ] {
            store
                .add_case_document(&actor, a, "ITSAM-2024-25", &document(title, dir, s, bytes))
                .await
                .unwrap()
                .unwrap();
        }
        let open = store
            .register_case(&actor, a, "Öppet ärende", None)
            .await
            .unwrap()
            .unwrap();
        assert!(
            store
                .closed_cases_before(a, "9999-01-01")
                .await
                .unwrap()
                .is_empty()
        );
        store
            .set_case_status(&actor, a, "ITSAM-2024-25", true, None)
            .await
            .unwrap()
            .unwrap();

        let export = store
            .case_export(a, "itsam 2024/25")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(export.authority_name, "Kommunalförbundet Itsam");
        assert_eq!(export.case.dnr, "ITSAM 2024/25");
        assert_eq!(export.case.status, "closed");
        assert_eq!(export.documents.len(), 2);
        assert_eq!(export.documents[0].content, secret);
        assert!(export.documents[0].record.confidential);
        assert_eq!(export.documents[1].content, b"%PDF beslut");
        assert_eq!(export.handled.len(), 1);
        assert_eq!(export.handled[0].paragraph, 1);
        assert_eq!(export.handled[0].meeting_date, "2024-03-05");
        assert_eq!(export.handled[0].body_name, "Direktionen");
        assert!(
            store
                .case_export(a, "ITSAM-1999-1")
                .await
                .unwrap()
                .is_none()
        );

        let closed = store.closed_cases_before(a, "9999-01-01").await.unwrap();
        assert_eq!(
            closed.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(),
            ["ITSAM-2024-25"]
        );
        assert!(
            !closed.iter().any(|c| c.key == open.key),
            "open cases are not listed"
        );
        assert!(
            store
                .closed_cases_before(a, "2000-01-01")
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            store
                .closed_cases_before("nobody", "9999-01-01")
                .await
                .unwrap()
                .is_empty()
        );
    }
}

#[tokio::test]
async fn justerade_minutes_come_with_their_original_and_signatures() {
    for (store, _dir) in stores().await {
        let protocol = builder::ProtocolBuilder::itsam()
            .with(|p| {
                p.justering.date = chrono::NaiveDate::from_ymd_opt(2024, 3, 8);
                p.signatures = vec![ParsedSignature {
                    name: "Jacob Käll".into(),
                    signed_at: Some(
                        chrono::DateTime::parse_from_rfc3339("2024-03-08T09:15:00Z")
                            .unwrap()
                            .into(),
                    ),
                }];
            })
            .build();
        let original = b"%PDF-1.7 the signed minutes \x00\x01".to_vec();
        let id = store
            .import_protocol(
                &protocol,
                &original,
                "direktionen.pdf",
                "Kommunalförbundet Itsam",
            )
            .await
            .unwrap()
            .meeting_id();
        let m = store.minutes_export(id).await.unwrap().unwrap();
        assert_eq!(m.state, "posted");
        assert_eq!(m.authority_slug, "kommunalforbundet-itsam");
        assert_eq!(
            (m.body_slug.as_str(), m.meeting_slug.as_str()),
            ("direktionen", "2024-03-05")
        );
        assert_eq!(m.paragraphs, Some((1, 4)));
        assert_eq!(m.chair.as_deref(), Some("Jacob Käll"));
        assert_eq!(m.justerare, ["Thomas Lidberg"]);
        assert_eq!(m.justering_date.as_deref(), Some("2024-03-08"));
        assert_eq!(m.signatures.len(), 1);
        assert_eq!(
            m.signatures[0].signed_at.as_deref(),
            Some("2024-03-08T09:15:00Z")
        );
        assert_eq!(m.notice_posted.as_deref(), Some("2024-03-11"));
        let file = m.original.expect("original");
        assert_eq!(file.bytes, original);
        assert_eq!(file.name, "direktionen.pdf");
        assert_eq!(m.cases.len(), 4);
        assert_eq!(
            m.cases[0],
            (
                1,
                "ITSAM 2024/25".to_string(),
                "Information angående säkerhetsarbetet".to_string()
            )
        );
        assert!(store.minutes_export(id + 1000).await.unwrap().is_none());

        store
            .record_export(
                &Actor::shell(),
                "minutes:kommunalforbundet-itsam/direktionen/2024-03-05",
                "/tmp/out/x",
                &[("METS.xml".into(), "ab".repeat(32))],
            )
            .await
            .unwrap();
        let (events, _) = store
            .audit_events(&AuditFilter {
                entity: Some("minutes:".into()),
                limit: 10,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].action, "earkiv.export");
        assert_eq!(
            events[0].after.as_ref().unwrap()["files"][0]["path"],
            "METS.xml"
        );
    }
}
