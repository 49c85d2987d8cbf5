//! Redaction for publication, on both backends: a personnummer in imported minutes is proposed
//! and masked at once in every public read (the meeting, a paragraph, a case, the documents'
//! reading, the search feed, the original file), while the original stays whole; a person
//! confirms or rejects it, marks a passage on a legal ground, and avpublicering masks names
//! after the body's rule with a fixed clock. Every change is audited.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use kansli_core::protocol::{Item, ParsedProtocol, Participant, ParticipantCategory};
use kansli_store::{Actor, AuditFilter, NewPassage, Store, StoreConfig};

const PNR: &str = "811218-9876";
const BAD_LUHN: &str = "811218-9875";

async fn stores(now: &str) -> Vec<(Store, tempfile::TempDir)> {
    let mut urls = vec![None];
    if let Some(url) = kansli_testpg::fresh_database_url() {
        urls.push(Some(url));
    }
    let now: DateTime<Utc> = now.parse().expect("time");
    let mut out = Vec::new();
    for database_url in urls {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&StoreConfig {
            data_dir: dir.path().to_path_buf(),
            database_url,
        })
        .await
        .expect("open store")
        .with_clock(Arc::new(move || now));
        eprintln!("-- on {:?}", store.backend());
        out.push((store, dir));
    }
    out
}

fn person(name: &str) -> Participant {
    Participant {
        name: name.into(),
        category: ParticipantCategory::Beslutande,
        role: None,
        represents: None,
        party: Some("S".into()),
        paragraphs: None,
        serves_for: None,
    }
}

fn item(number: u32, dnr: Option<&str>, title: &str, summary: &str, decision: &str) -> Item {
    Item {
        paragraph: number,
        dnr: dnr.map(str::to_string),
        title: title.into(),
        decision: Some(decision.into()),
        summary: Some(summary.into()),
        basis: vec![],
        motions: vec![],
        proposition_order: None,
        vote: None,
        reservations: vec![],
        notes: vec![],
        disqualifications: vec![],
        dispatch: vec![],
        sections: vec![],
        recorded: Default::default(),
    }
}

/// Minutes of a social services committee with a personnummer, a name and a health detail,
/// and the look-alikes that must stay: a date range, a Dnr, a phone number, a bad check digit.
fn minutes() -> ParsedProtocol {
    let mut p = ParsedProtocol::new(
        "Socialnämnden",
        NaiveDate::from_ymd_opt(2024, 3, 5).expect("date"),
    );
    p.layout = "test".into();
    p.chair = Some("Karin Berg".into());
    p.justerare = vec!["Olof Lind".into()];
    p.participants = vec![person("Karin Berg"), person("Olof Lind")];
    p.items = vec![
        item(
            12,
            Some("SN 2024/7"),
            "Ansökan om ekonomiskt bistånd",
            &format!(
                "Ärendet gäller Maja Ek, {PNR}, som har diabetes typ 1. Handläggaren nås på \
                 070-123 45 67. Registrerat som KS 2024-0123; numret {BAD_LUHN} är ogiltigt."
            ),
            "Socialnämnden beslutar att bevilja bistånd för perioden 2024-01-01 - 2024-12-31.",
        ),
        item(
            13,
            None,
            "Plan för tillsyn",
            "Karin Berg föredrar planen.",
            "Socialnämnden beslutar att anta planen.",
        ),
    ];
    p
}

fn secretary() -> Actor {
    Actor {
        user_id: None,
        label: "sekreterare@prov.se".into(),
        via: "test".into(),
        address: None,
    }
}

fn meeting_json(view: &impl serde::Serialize) -> String {
    serde_json::to_string(view).expect("json")
}

#[tokio::test]
async fn a_personnummer_is_masked_in_every_public_read_and_kept_in_the_original() {
    for (store, _dir) in stores("2024-06-01T12:00:00Z").await {
        let p = minutes();
        let original = serde_json::to_vec(&p).expect("json");
        let meeting_id = store
            .import_protocol(&p, &original, "sn.json", "Provkommunen")
            .await
            .expect("import")
            .meeting_id();
        let stored = store
            .meeting_minutes(meeting_id)
            .await
            .unwrap()
            .expect("minutes");
        // Kansli proposed the mask on import.
        let masks = store.redactions(stored.minutes_id).await.unwrap();
        assert_eq!(masks.len(), 1, "{masks:?}");
        assert_eq!(
            (
                masks[0].kind.as_str(),
                masks[0].state.as_str(),
                masks[0].text.as_str()
            ),
            ("personnummer", "proposed", PNR)
        );

        // The public meeting: masked at once, while the proposal waits.
        let view = store
            .meeting("provkommunen", "socialnamnden", "2024-03-05")
            .await
            .unwrap()
            .expect("meeting");
        let json = meeting_json(&view);
        assert!(!json.contains(PNR), "{json}");
        assert!(json.contains("[personnummer maskerat]"));
        for kept in [
            BAD_LUHN,
            "2024-01-01 - 2024-12-31",
            "KS 2024-0123",
            "070-123 45 67",
        ] {
            assert!(json.contains(kept), "{kept} must not be masked");
        }
        assert_eq!(view.header.masked_places, 1);
        assert!(view.files.is_empty(), "the original is not offered");
        let page = store
            .paragraph("provkommunen", "socialnamnden", "2024-03-05", 12)
            .await
            .unwrap()
            .expect("paragraph");
        assert!(!meeting_json(&page).contains(PNR));
        assert_eq!(page.meeting.masked_places, 1);
        // The documents' reading and the search feed hold the published copy.
        let (published, masked) = store
            .published_reading(meeting_id)
            .await
            .unwrap()
            .expect("published");
        assert_eq!(masked, 1);
        assert!(!meeting_json(&published.protocol).contains(PNR));
        let docs = store.search_documents(&[stored.minutes_id]).await.unwrap();
        assert!(!meeting_json(&docs).contains(PNR));
        assert!(meeting_json(&docs).contains(BAD_LUHN));
        // The original file is not served to the public.
        let sha = hex_sha256(&original);
        assert!(store.file(&sha).await.unwrap().is_none());
        // The original: the secretariat's record and the archive's reading are whole.
        assert!(meeting_json(&stored.record).contains(PNR));
        let archive = store.meeting_reading(meeting_id).await.unwrap().unwrap();
        assert!(meeting_json(&archive.protocol).contains(PNR));

        // Rejected (not a personnummer after all): published as written.
        let actor = secretary();
        let rejected = store
            .decide_redaction(&actor, masks[0].id, false)
            .await
            .unwrap();
        assert_eq!(rejected.state, "rejected");
        let view = store
            .meeting("provkommunen", "socialnamnden", "2024-03-05")
            .await
            .unwrap()
            .unwrap();
        assert!(meeting_json(&view).contains(PNR));
        assert_eq!(view.header.masked_places, 0);
        assert!(store.file(&sha).await.unwrap().is_some());
        // Confirmed: masked again.
        store
            .decide_redaction(&actor, masks[0].id, true)
            .await
            .unwrap();
        let view = store
            .meeting("provkommunen", "socialnamnden", "2024-03-05")
            .await
            .unwrap()
            .unwrap();
        assert!(!meeting_json(&view).contains(PNR));

        // A marked passage, with its legal ground, in its paragraph.
        let marked = store
            .mark_redaction(
                &actor,
                stored.minutes_id,
                &NewPassage {
                    paragraph: Some(12),
                    text: "diabetes typ 1".into(),
                    ground: "OSL 26 kap. 1 §".into(),
                },
            )
            .await
            .unwrap();
        assert_eq!(marked.marker, "[uppgift maskerad enligt OSL 26 kap. 1 §]");
        let view = store
            .meeting("provkommunen", "socialnamnden", "2024-03-05")
            .await
            .unwrap()
            .unwrap();
        let json = meeting_json(&view);
        assert!(!json.contains("diabetes"));
        assert!(json.contains("[uppgift maskerad enligt OSL 26 kap. 1 §]"));
        assert_eq!(view.header.masked_places, 2);
        // A passage not in the minutes (or not in the paragraph named) is refused.
        for (paragraph, text) in [(Some(13), "diabetes typ 1"), (None, "finns inte")] {
            let err = store
                .mark_redaction(
                    &actor,
                    stored.minutes_id,
                    &NewPassage {
                        paragraph,
                        text: text.into(),
                        ground: "GDPR art. 9".into(),
                    },
                )
                .await
                .expect_err("refused");
            assert!(matches!(err, kansli_store::StoreError::Invalid(_)), "{err}");
        }
        // The case page shows the masked copy too.
        let case = store
            .case("provkommunen", "SN 2024/7")
            .await
            .unwrap()
            .expect("case");
        assert!(!meeting_json(&case).contains("diabetes"));
        // The original is still whole.
        let stored = store.meeting_minutes(meeting_id).await.unwrap().unwrap();
        assert!(meeting_json(&stored.record).contains("diabetes typ 1"));

        // Every decision is in the audit log.
        let (events, _) = store
            .audit_events(&AuditFilter {
                limit: 100,
                ..AuditFilter::default()
            })
            .await
            .unwrap();
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        for action in [
            "redaction.propose",
            "redaction.reject",
            "redaction.confirm",
            "redaction.mark",
        ] {
            assert!(actions.contains(&action), "{action} in {actions:?}");
        }
    }
}

#[tokio::test]
async fn avpublicering_masks_the_names_after_the_bodys_months_on_the_web_only() {
    for (store, _dir) in stores("2026-03-04T12:00:00Z").await {
        let p = minutes();
        let original = serde_json::to_vec(&p).expect("json");
        let meeting_id = store
            .import_protocol(&p, &original, "sn.json", "Provkommunen")
            .await
            .unwrap()
            .meeting_id();
        let actor = secretary();
        store
            .set_depublication(&actor, "provkommunen", Some("socialnamnden"), Some(24))
            .await
            .unwrap();
        let rules = store.depublication_rules("provkommunen").await.unwrap();
        assert_eq!(rules.len(), 1);
        assert_eq!(rules[0].months, 24);
        // One day before two years have passed: names are shown.
        let view = store
            .meeting("provkommunen", "socialnamnden", "2024-03-05")
            .await
            .unwrap()
            .unwrap();
        assert!(meeting_json(&view).contains("Karin Berg"));
        assert_eq!(store.mark_depublications_due().await.unwrap(), 0);

        // On the day: every name in the published copy is masked, also in the text.
        let later: DateTime<Utc> = "2026-03-05T08:00:00Z".parse().unwrap();
        let store = store.with_clock(Arc::new(move || later));
        let view = store
            .meeting("provkommunen", "socialnamnden", "2024-03-05")
            .await
            .unwrap()
            .unwrap();
        let json = meeting_json(&view);
        for name in ["Karin Berg", "Olof Lind"] {
            assert!(!json.contains(name), "{name} in {json}");
        }
        assert!(json.contains("[namn maskerat]"));
        let minutes_id = store
            .meeting_minutes(meeting_id)
            .await
            .unwrap()
            .unwrap()
            .minutes_id;
        let docs = store.search_documents(&[minutes_id]).await.unwrap();
        let docs_json = meeting_json(&docs);
        assert!(!docs_json.contains("Karin Berg"), "{docs_json}");
        assert!(docs.iter().all(|d| d.persons.is_empty()));
        // The search index is told once.
        assert_eq!(store.mark_depublications_due().await.unwrap(), 1);
        assert_eq!(store.mark_depublications_due().await.unwrap(), 0);
        // The archive's copy stays whole.
        let archive = store.meeting_reading(meeting_id).await.unwrap().unwrap();
        assert!(meeting_json(&archive.protocol).contains("Karin Berg"));
        // Removing the rule publishes the names again.
        store
            .set_depublication(&actor, "provkommunen", Some("socialnamnden"), None)
            .await
            .unwrap();
        let view = store
            .meeting("provkommunen", "socialnamnden", "2024-03-05")
            .await
            .unwrap()
            .unwrap();
        assert!(meeting_json(&view).contains("Karin Berg"));
        // A rule for the whole authority applies to the body without its own.
        store
            .set_depublication(&actor, "provkommunen", None, Some(12))
            .await
            .unwrap();
        let view = store
            .meeting("provkommunen", "socialnamnden", "2024-03-05")
            .await
            .unwrap()
            .unwrap();
        assert!(!meeting_json(&view).contains("Karin Berg"));
        assert!(
            store
                .set_depublication(&actor, "provkommunen", Some("finns-inte"), Some(12))
                .await
                .is_err()
        );
    }
}

fn hex_sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
