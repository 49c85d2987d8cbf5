//! One model of minutes: what an import stores in the tables reads back as the same record
//! the parser produced (every golden reading of the samples, on both backends), and the parts
//! only a recording has (motion kinds, votering, jäv, absences, omedelbar justering) survive
//! the tables too.

use std::path::Path;

use kansli_core::protocol::{
    Absent, CastVote, MotionKind, ParsedMotion, ParsedProtocol, TieBreak, VoteChoice, Votering,
};
use kansli_store::{Store, StoreConfig};

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

fn goldens() -> Vec<(String, ParsedProtocol)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../import/tests/golden");
    let mut out: Vec<(String, ParsedProtocol)> = std::fs::read_dir(&dir)
        .expect("golden dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let json = std::fs::read_to_string(&p).expect("read golden");
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            (name, serde_json::from_str(&json).expect("golden parses"))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 10, "the samples' golden readings are there");
    out
}

/// Imports `p` under its own authority and reads its record back.
async fn round_trip(store: &Store, authority: &str, p: &ParsedProtocol) -> ParsedProtocol {
    let original = serde_json::to_vec(p).expect("json");
    let outcome = store
        .import_protocol(p, &original, "reading.json", authority)
        .await
        .expect("import");
    let meeting_id = outcome.meeting_id();
    let stored = store
        .meeting_minutes(meeting_id)
        .await
        .expect("read record")
        .expect("the meeting has minutes");
    stored.record
}

#[tokio::test]
async fn every_imported_sample_reads_back_as_the_parsers_record() {
    for (store, _dir) in stores().await {
        for (i, (name, reading)) in goldens().into_iter().enumerate() {
            let authority = format!("Provkommun {i}");
            let record = round_trip(&store, &authority, &reading).await;
            // The store names the authority and body as its registry does.
            let mut expected = reading.clone();
            expected.authority = Some(authority.clone());
            expected.body = record.body.clone();
            assert_eq!(
                kansli_core::text::fold(&record.body),
                kansli_core::text::fold(
                    &reading
                        .body
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
                "{name}: body"
            );
            let a = serde_json::to_value(&record).unwrap();
            let b = serde_json::to_value(&expected).unwrap();
            if a != b {
                for (key, value) in b.as_object().unwrap() {
                    assert_eq!(
                        &a[key], value,
                        "{name}: field {key} differs after the tables"
                    );
                }
            }
            assert_eq!(record, expected, "{name}");
        }
    }
}

#[tokio::test]
async fn what_only_a_recording_has_survives_the_tables() {
    let mut p = goldens()
        .into_iter()
        .find(|(n, _)| n == "itsam-direktionen-2021-11-18.json")
        .expect("the 2021-11-18 sample")
        .1;
    p.absent.push(Absent {
        name: "Eva Exempel".into(),
        party: Some("C".into()),
        reason: Some("förhinder".into()),
    });
    let item = &mut p.items[0];
    item.motions = vec![
        ParsedMotion {
            movers: vec!["Anna Andersson (S)".into()],
            text: "bifall till förslaget".into(),
            kind: Some(MotionKind::Bifall),
        },
        ParsedMotion {
            movers: vec!["Bo Berg (M)".into(), "Cia Ceder (M)".into()],
            text: "återremiss".into(),
            kind: Some(MotionKind::Aterremiss),
        },
    ];
    item.recorded.adopted = Some(0);
    item.recorded.immediately_justerad = true;
    item.recorded.disqualified = vec!["Dan Dahl".into()];
    item.disqualifications = vec!["Dan Dahl (L) anmäler jäv.".into()];
    item.vote = Some("Omröstning begärs.".into());
    item.recorded.votering = Some(Votering {
        ja: "bifall till förslaget".into(),
        nej: "återremiss".into(),
        casts: vec![
            CastVote {
                name: "Anna Andersson".into(),
                choice: VoteChoice::Ja,
            },
            CastVote {
                name: "Bo Berg".into(),
                choice: VoteChoice::Nej,
            },
            CastVote {
                name: "Cia Ceder".into(),
                choice: VoteChoice::Avstar,
            },
        ],
        tie_break: Some(TieBreak::UtslagsrostJa),
    });
    for (store, _dir) in stores().await {
        let record = round_trip(&store, "Provförbundet", &p).await;
        assert_eq!(record.absent, p.absent);
        assert_eq!(record.items[0], {
            let mut i = p.items[0].clone();
            i.recorded.votering.as_mut().unwrap().tie_break = Some(TieBreak::UtslagsrostJa);
            i
        });
    }
}

#[tokio::test]
async fn every_paragraphs_page_is_its_paragraph_on_the_meeting_page() {
    for (store, _dir) in stores().await {
        let mut readings = goldens();
        // A jäv row without text (a recorded member's jäv is kept apart): no page shows it.
        let (_, first) = &mut readings[0];
        first.items[0].disqualifications = vec![String::new(), "Anna Andersson (S) jäv".into()];
        for (i, (name, reading)) in readings.into_iter().enumerate() {
            let original = serde_json::to_vec(&reading).expect("json");
            let outcome = store
                .import_protocol(
                    &reading,
                    &original,
                    "reading.json",
                    &format!("Provkommun {i}"),
                )
                .await
                .expect("import");
            let at = store
                .meeting_reading(outcome.meeting_id())
                .await
                .unwrap()
                .expect("public minutes");
            let (a, b, m) = (&at.authority_slug, &at.body_slug, &at.meeting_slug);
            let view = store.meeting(a, b, m).await.unwrap().expect("meeting");
            assert!(!view.paragraphs.is_empty(), "{name}");
            for (k, p) in view.paragraphs.iter().enumerate() {
                let first = view.paragraphs.iter().position(|x| x.number == p.number);
                if first != Some(k) {
                    continue; // a repeated number opens the first paragraph with it
                }
                let page = store
                    .paragraph(a, b, m, p.number)
                    .await
                    .unwrap()
                    .unwrap_or_else(|| panic!("{name}: § {}", p.number));
                assert_eq!(&page.paragraph, p, "{name}: § {}", p.number);
                assert!(
                    page.paragraph
                        .disqualifications
                        .iter()
                        .all(|d| !d.is_empty()),
                    "{name}: an empty jäv"
                );
                let prev = k.checked_sub(1).map(|j| view.paragraphs[j].number);
                let next = view.paragraphs.get(k + 1).map(|x| x.number);
                assert_eq!((page.prev, page.next), (prev, next), "{name}");
            }
        }
        let missing = store
            .paragraph("provkommun-0", "x", "2000-01-01", 1)
            .await
            .unwrap();
        assert!(missing.is_none());
    }
}
