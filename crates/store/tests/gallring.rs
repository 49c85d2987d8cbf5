//! Gallring on both backends: rules per document type, what is due and when, the run that
//! deletes content under a rule and logs it, and that nothing of a bevaras type (or untyped,
//! or in an open case) is ever deleted.

use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use kansli_core::DnrFormat;
use kansli_store::{
    Actor, AuditFilter, NewAuthority, NewDocument, Retention, Store, StoreConfig, StoreError,
};

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
        let fixed = Utc.with_ymd_and_hms(2026, 1, 15, 10, 0, 0).unwrap();
        out.push((store.with_clock(Arc::new(move || fixed)), dir));
    }
    out
}

fn doc(title: &str, bytes: &[u8]) -> NewDocument {
    NewDocument {
        title: title.into(),
        direction: "incoming".into(),
        confidential: false,
        secrecy_ground: None,
        file_name: format!("{title}.pdf"),
        media_type: "application/pdf".into(),
        content: bytes.to_vec(),
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[tokio::test]
async fn only_what_a_gallras_rule_makes_due_is_deleted_and_it_is_logged() {
    for (store, _dir) in stores().await {
        let actor = Actor::shell();
        let a = "kommunalforbundet-itsam";
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
        let two_years = Retention::Gallras { years: 2 };
        store
            .set_retention_rule(&actor, a, "Anbud", two_years)
            .await
            .unwrap()
            .unwrap();
        store
            .set_retention_rule(&actor, a, "Beslut", Retention::Bevaras)
            .await
            .unwrap()
            .unwrap();
        assert!(
            store
                .set_retention_rule(&actor, "nobody", "x", Retention::Bevaras)
                .await
                .unwrap()
                .is_none()
        );

        let case = store
            .register_case(&actor, a, "Upphandling", None)
            .await
            .unwrap()
            .unwrap();
        let mut ids = Vec::new();
        for (title, bytes) in [
            ("Anbud", b"anbud".as_slice()),
            ("Beslut", b"beslut".as_slice()),
            ("Kopia av anbudet", b"anbud".as_slice()),
        ] {
            ids.push(
                store
                    .add_case_document(&actor, a, &case.key, &doc(title, bytes))
                    .await
                    .unwrap()
                    .unwrap()
                    .id,
            );
        }
        // The type's spelling in any case; an unplanned type is refused.
        assert_eq!(
            store
                .set_document_type(&actor, a, ids[0], "anbud")
                .await
                .unwrap()
                .as_deref(),
            Some("Anbud")
        );
        store
            .set_document_type(&actor, a, ids[1], "Beslut")
            .await
            .unwrap()
            .unwrap();
        let err = store
            .set_document_type(&actor, a, ids[2], "Okänd typ")
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Refused(_)), "{err}");
        assert!(
            store
                .set_document_type(&actor, "nobody", ids[0], "Anbud")
                .await
                .unwrap()
                .is_none()
        );

        // An open case's documents are never due.
        let open = store
            .register_case(&actor, a, "Pågående", None)
            .await
            .unwrap()
            .unwrap();
        let open_doc = store
            .add_case_document(&actor, a, &open.key, &doc("Anbud 2", b"anbud 2"))
            .await
            .unwrap()
            .unwrap()
            .id;
        store
            .set_document_type(&actor, a, open_doc, "Anbud")
            .await
            .unwrap()
            .unwrap();
        assert!(
            store
                .gallring_due(a, day(2099, 1, 1))
                .await
                .unwrap()
                .is_empty(),
            "nothing closed yet"
        );

        store
            .set_case_status(&actor, a, &case.key, true, None)
            .await
            .unwrap()
            .unwrap();
        assert!(
            store
                .gallring_due(a, day(2028, 1, 14))
                .await
                .unwrap()
                .is_empty(),
            "two years not passed"
        );
        let due = store.gallring_due(a, day(2028, 1, 15)).await.unwrap();
        assert_eq!(due.len(), 1, "{due:?}");
        assert_eq!(
            (due[0].document_id, due[0].due.as_str()),
            (ids[0], "2028-01-15")
        );
        assert_eq!(due[0].rule, "gallras efter 2 år");

        // Changed to bevaras, it is protected at once: the run deletes nothing.
        store
            .set_retention_rule(&actor, a, "ANBUD", Retention::Bevaras)
            .await
            .unwrap()
            .unwrap();
        assert!(
            store
                .run_gallring(&actor, a, day(2099, 1, 1))
                .await
                .unwrap()
                .is_empty()
        );
        assert!(store.document_content(ids[0]).await.unwrap().is_some());
        store
            .set_retention_rule(&actor, a, "Anbud", two_years)
            .await
            .unwrap()
            .unwrap();

        let gone = store
            .run_gallring(&actor, a, day(2030, 6, 1))
            .await
            .unwrap();
        assert_eq!(gone.len(), 1, "{gone:?}");
        assert_eq!(gone[0].document_id, ids[0]);
        assert_eq!(gone[0].rule, "gallras efter 2 år");
        assert_eq!(gone[0].file_size, Some(5));
        assert!(
            store.document_content(ids[0]).await.unwrap().is_none(),
            "content deleted"
        );
        assert_eq!(
            store.document_content(ids[1]).await.unwrap().unwrap().2,
            b"beslut",
            "bevaras kept"
        );
        assert_eq!(
            store.document_content(ids[2]).await.unwrap().unwrap().2,
            b"anbud",
            "same bytes, other document: kept"
        );
        assert!(
            store.document_content(open_doc).await.unwrap().is_some(),
            "open case kept"
        );
        let file = store.case_file(a, &case.key).await.unwrap().unwrap();
        assert_eq!(file.documents.len(), 3, "the registration stays");
        assert_eq!(file.documents[0].sha256, None);
        let export = store.case_export(a, &case.key).await.unwrap().unwrap();
        assert_eq!(export.documents.len(), 2, "the export carries what is left");

        assert!(
            store
                .run_gallring(&actor, a, day(2099, 1, 1))
                .await
                .unwrap()
                .is_empty(),
            "once"
        );
        let log = store.gallring_log(a).await.unwrap();
        assert_eq!(log, gone);
        assert!(
            store
                .execute_raw_for_tests("DELETE FROM gallring_log")
                .await
                .is_err(),
            "append-only"
        );
        let (events, _) = store
            .audit_events(&AuditFilter {
                limit: 100,
                ..Default::default()
            })
            .await
            .unwrap();
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions.iter().filter(|a| **a == "gallring.delete").count(),
            1
        );
        assert_eq!(actions.iter().filter(|a| **a == "gallring.rule").count(), 4);
        assert_eq!(actions.iter().filter(|a| **a == "document.type").count(), 3);
        let rules = store.retention_rules(a).await.unwrap();
        assert_eq!(
            rules
                .iter()
                .map(|r| (r.document_type.as_str(), r.retention))
                .collect::<Vec<_>>(),
            [("Anbud", two_years), ("Beslut", Retention::Bevaras)]
        );
    }
}
