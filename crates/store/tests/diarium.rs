//! The registry and the diarium on both backends: authorities configured (imported ones
//! included), bodies and seats, Dnr numbers that run per year and are never reused or
//! skipped — also when many registrars register at the same moment — and documents stored by
//! content.

mod builder;

use kansli_core::DnrFormat;
use kansli_store::{
    Actor, AuditFilter, NewAuthority, NewBody, NewDocument, NewMember, Store, StoreConfig,
    StoreError,
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
        out.push((store, dir));
    }
    out
}

fn itsam() -> NewAuthority {
    NewAuthority {
        name: "Kommunalförbundet Itsam".into(),
        kind: "kommunalforbund".into(),
        dnr_series: Some("ITSAM".into()),
        dnr_format: DnrFormat::standard(),
    }
}

#[tokio::test]
async fn the_registry_configures_what_the_import_created() {
    for (store, _dir) in stores().await {
        let actor = Actor::shell();
        builder::import_itsam(&store).await;
        let (authority, created) = store.create_authority(&actor, &itsam()).await.unwrap();
        assert!(!created, "the imported authority is the one configured");
        assert_eq!(authority.slug, "kommunalforbundet-itsam");
        assert_eq!(authority.dnr_series.as_deref(), Some("ITSAM"));
        assert_eq!(store.authorities().await.unwrap().len(), 1);

        let (beredning, created) = store
            .create_body(
                &actor,
                "kommunalforbundet-itsam",
                &NewBody {
                    name: "Kommunchefsberedningen".into(),
                    kind: "beredning".into(),
                    seats: Some(6),
                    prepares_for: Some("direktionen".into()),
                    joint_for: vec![],
                },
            )
            .await
            .unwrap()
            .unwrap();
        assert!(created);
        assert_eq!(beredning.prepares_for.as_deref(), Some("direktionen"));
        // The same request again answers with the body as it is; another configuration under
        // the same name is a conflict, and the first configuration stays.
        let same = NewBody {
            name: "kommunchefsberedningen ".into(),
            kind: "beredning".into(),
            seats: Some(6),
            prepares_for: Some("Direktionen".into()),
            joint_for: vec![],
        };
        let (again, created) = store
            .create_body(&actor, "kommunalforbundet-itsam", &same)
            .await
            .unwrap()
            .unwrap();
        assert!(!created);
        assert_eq!(again, beredning);
        let err = store
            .create_body(
                &actor,
                "kommunalforbundet-itsam",
                &NewBody {
                    seats: Some(9),
                    ..same.clone()
                },
            )
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Conflict(_)), "{err}");
        let (kept, _) = store
            .create_body(&actor, "kommunalforbundet-itsam", &same)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(kept.seats, Some(6), "the first configuration stays");
        let err = store
            .create_body(
                &actor,
                "kommunalforbundet-itsam",
                &NewBody {
                    name: "Utskottet".into(),
                    kind: "utskott".into(),
                    seats: None,
                    prepares_for: Some("finns-inte".into()),
                    joint_for: vec![],
                },
            )
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Refused(_)), "{err}");

        let seat = store
            .add_member(
                &actor,
                "kommunalforbundet-itsam",
                "direktionen",
                &NewMember {
                    name: "Anna Andersson".into(),
                    role: "chair".into(),
                    party: Some("S".into()),
                    represents: Some("Kinda kommun".into()),
                    from: Some("2023-01-01".into()),
                    to: Some("2026-12-31".into()),
                    substitute_order: None,
                    email: None,
                },
            )
            .await
            .unwrap();
        assert!(seat.is_some());
        assert!(
            store
                .add_member(
                    &actor,
                    "kommunalforbundet-itsam",
                    "finns-inte",
                    &NewMember {
                        name: "X".into(),
                        role: "member".into(),
                        party: None,
                        represents: None,
                        from: None,
                        to: None,
                        substitute_order: None,
                        email: None,
                    }
                )
                .await
                .unwrap()
                .is_none()
        );
        let (events, _) = store
            .audit_events(&AuditFilter {
                limit: 10,
                ..AuditFilter::default()
            })
            .await
            .unwrap();
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            ["member.create", "body.create", "authority.update"]
        );
        // Configuring what the import created records what it replaced.
        let update = &events[2];
        assert!(update.before.is_some(), "{update:?}");
    }
}

#[tokio::test]
async fn numbers_run_per_year_and_pass_over_numbers_imported_minutes_use() {
    for (store, _dir) in stores().await {
        let actor = Actor::shell();
        // Imported minutes of 2024 name ITSAM 2024/1, /2, /8 and /25.
        builder::import_itsam(&store).await;
        store.create_authority(&actor, &itsam()).await.unwrap();
        let store = store.with_clock(std::sync::Arc::new(|| {
            chrono::DateTime::parse_from_rfc3339("2024-12-31T22:30:00Z")
                .unwrap()
                .to_utc()
        }));
        let mut printed = Vec::new();
        for i in 0..3 {
            let case = store
                .register_case(
                    &actor,
                    "kommunalforbundet-itsam",
                    &format!("Ärende {i}"),
                    None,
                )
                .await
                .unwrap()
                .unwrap();
            printed.push(case.dnr);
        }
        // 23:30 Swedish time on New Year's Eve is still 2024; 1 and 2 were taken.
        assert_eq!(printed, ["ITSAM 2024/3", "ITSAM 2024/4", "ITSAM 2024/5"]);
        let store = store.with_clock(std::sync::Arc::new(|| {
            chrono::DateTime::parse_from_rfc3339("2024-12-31T23:30:00Z")
                .unwrap()
                .to_utc()
        }));
        let case = store
            .register_case(
                &actor,
                "kommunalforbundet-itsam",
                "Nytt år",
                Some("Bo Berg"),
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!(case.dnr, "ITSAM 2025/1");
        assert_eq!(case.key, "ITSAM-2025-1");
        assert_eq!(case.status, "open");
        assert_eq!(case.handler.as_deref(), Some("Bo Berg"));

        let closed = store
            .set_case_status(
                &actor,
                "kommunalforbundet-itsam",
                "ITSAM 2025/1",
                true,
                Some(1),
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!(closed.status, "closed");
        // A closed case takes no new document until it is reopened.
        let late = store
            .add_case_document(
                &actor,
                "kommunalforbundet-itsam",
                "ITSAM-2025-1",
                &NewDocument {
                    title: "Sent inkommen skrivelse".into(),
                    direction: "incoming".into(),
                    confidential: false,
                    secrecy_ground: None,
                    file_name: "skrivelse.pdf".into(),
                    media_type: "application/pdf".into(),
                    content: b"%PDF-1.7 late".to_vec(),
                },
            )
            .await
            .unwrap_err();
        assert!(
            matches!(&late, StoreError::Conflict(m) if m.contains("ITSAM 2025/1 is closed")),
            "{late}"
        );
        let file = store
            .case_file("kommunalforbundet-itsam", "ITSAM-2025-1")
            .await
            .unwrap()
            .unwrap();
        assert!(file.documents.is_empty(), "nothing was registered");
        let stale = store
            .set_case_status(
                &actor,
                "kommunalforbundet-itsam",
                "ITSAM-2025-1",
                false,
                Some(1),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(stale, StoreError::Stale { current: 2, .. }),
            "{stale}"
        );
        // Closing it again is refused: its closing date (gallring's clock) stays.
        let again = store
            .set_case_status(
                &actor,
                "kommunalforbundet-itsam",
                "ITSAM-2025-1",
                true,
                Some(2),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(&again, StoreError::Refused(m) if m.contains("already closed")),
            "{again}"
        );
    }
}

#[tokio::test]
async fn registrars_at_the_same_moment_get_consecutive_numbers() {
    for (store, _dir) in stores().await {
        let actor = Actor::shell();
        store
            .create_authority(
                &actor,
                &NewAuthority {
                    name: "Testby kommun".into(),
                    kind: "kommun".into(),
                    dnr_series: Some("KS".into()),
                    dnr_format: DnrFormat::parse("{series} {number}/{year}", Some("KS")).unwrap(),
                },
            )
            .await
            .unwrap();
        let mut tasks = Vec::new();
        for i in 0..24 {
            let store = store.clone();
            let actor = actor.clone();
            tasks.push(tokio::spawn(async move {
                store
                    .register_case(&actor, "testby-kommun", &format!("Ärende {i}"), None)
                    .await
            }));
        }
        let mut numbers = Vec::new();
        for t in tasks {
            let case = t.await.unwrap().expect("registered").unwrap();
            // Printed number/year, as this authority's format says: `KS 7/2026`.
            let year = kansli_core::law::checks::swedish_local_date(store.now_utc()).to_string();
            let rest = case.dnr.strip_prefix("KS ").expect("the series first");
            let (number, printed_year) = rest.split_once('/').expect("number/year");
            assert_eq!(printed_year, &year[..4], "{}", case.dnr);
            numbers.push(number.parse::<u32>().unwrap());
        }
        numbers.sort_unstable();
        assert_eq!(
            numbers,
            (1..=24).collect::<Vec<u32>>(),
            "no number reused or skipped"
        );
    }
}

#[tokio::test]
async fn documents_are_stored_by_content_and_listed_with_their_secrecy() {
    for (store, _dir) in stores().await {
        let actor = Actor::shell();
        store.create_authority(&actor, &itsam()).await.unwrap();
        let case = store
            .register_case(&actor, "kommunalforbundet-itsam", "Upphandling", None)
            .await
            .unwrap()
            .unwrap();
        let doc = |title: &str, confidential: bool, content: &[u8]| NewDocument {
            title: title.into(),
            direction: "incoming".into(),
            confidential,
            secrecy_ground: confidential.then(|| "OSL 31 kap. 16 §".to_string()),
            file_name: format!("{title}.pdf"),
            media_type: "application/pdf".into(),
            content: content.to_vec(),
        };
        let open = store
            .add_case_document(
                &actor,
                "kommunalforbundet-itsam",
                &case.key,
                &doc("Anbud", false, b"%PDF-1.7 a"),
            )
            .await
            .unwrap()
            .unwrap();
        let secret = store
            .add_case_document(
                &actor,
                "kommunalforbundet-itsam",
                &case.key,
                &doc("Kalkyl", true, b"%PDF-1.7 b"),
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!(open.size, Some(10));
        assert_ne!(open.sha256, secret.sha256);
        let file = store
            .case_file("kommunalforbundet-itsam", &case.dnr)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(file.documents.len(), 2);
        assert!(file.documents[1].confidential);
        assert_eq!(
            file.documents[1].secrecy_ground.as_deref(),
            Some("OSL 31 kap. 16 §")
        );
        let (record, authority, bytes) = store.document_content(secret.id).await.unwrap().unwrap();
        assert_eq!(
            (record.title.as_str(), authority.as_str()),
            ("Kalkyl", "kommunalforbundet-itsam")
        );
        assert_eq!(bytes, b"%PDF-1.7 b");
    }
}

/// Imported cases are found by words of their titles whatever the case of Å, Ä and Ö (SQLite
/// lower-cases only ASCII: the import stores the folded title).
#[tokio::test]
async fn imported_case_titles_are_found_by_swedish_words_in_any_case() {
    for (store, _dir) in stores().await {
        let mut protocol = builder::ProtocolBuilder::itsam().build();
        let item = protocol
            .items
            .iter_mut()
            .find(|i| i.dnr.is_some())
            .expect("a paragraph with a Dnr");
        item.title = "Återbudgetering av ÖVERSKOTT".into();
        store
            .import_protocol(&protocol, b"original", "p.txt", "Kommunalförbundet Itsam")
            .await
            .unwrap();
        // Registered in its Dnr's year, never on the day it was imported.
        let year: String = protocol
            .items
            .iter()
            .find(|i| i.title.starts_with("Återbudgetering"))
            .and_then(|i| i.parsed_dnr())
            .map(|d| d.year().to_string())
            .unwrap();
        for (from, to, found) in [
            (
                Some(format!("{year}-01-01")),
                Some(format!("{year}-12-31")),
                true,
            ),
            (None, Some(format!("{year}-06-30")), true),
            (
                Some(format!("{}-01-01", year.parse::<i32>().unwrap() + 1)),
                None,
                false,
            ),
        ] {
            let (hits, _) = store
                .search_cases(
                    "kommunalforbundet-itsam",
                    &kansli_store::CaseQuery {
                        text: Some("återbudgetering".into()),
                        from: from.clone(),
                        to: to.clone(),
                        limit: 10,
                        ..Default::default()
                    },
                )
                .await
                .unwrap();
            assert_eq!(hits.len() == 1, found, "{from:?}–{to:?}");
        }
        for words in ["återbudgetering", "Återbudgetering", "överskott", "ÅTER"] {
            let (found, _) = store
                .search_cases(
                    "kommunalforbundet-itsam",
                    &kansli_store::CaseQuery {
                        text: Some(words.into()),
                        limit: 10,
                        ..Default::default()
                    },
                )
                .await
                .unwrap();
            assert_eq!(
                found.iter().map(|c| c.title.as_str()).collect::<Vec<_>>(),
                ["Återbudgetering av ÖVERSKOTT"],
                "{words}"
            );
        }
    }
}

/// Beslutförhet's denominator (KL 6 kap. 21 §): the seats the registry gives a body, else
/// the ordinary seats (chair, vice chair, members; never ersättare) held on the meeting's
/// date, else unknown — never guessed.
#[tokio::test]
async fn a_body_counts_its_seats_on_a_date() {
    for (store, _dir) in stores().await {
        let actor = Actor::shell();
        builder::import_itsam(&store).await;
        store.create_authority(&actor, &itsam()).await.unwrap();
        let on = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let a = "kommunalforbundet-itsam";
        assert_eq!(
            store
                .seat_count(a, "direktionen", on("2024-06-01"))
                .await
                .unwrap(),
            None,
            "no seats known: unknown, not zero"
        );
        assert_eq!(
            store
                .seat_count(a, "finns-inte", on("2024-06-01"))
                .await
                .unwrap(),
            None
        );
        for (name, role, from, to) in [
            (
                "Anna Andersson",
                "chair",
                Some("2023-01-01"),
                Some("2026-12-31"),
            ),
            ("Bo Berg", "member", Some("2023-01-01"), Some("2024-12-31")),
            ("Cecilia Ek", "member", None, None),
            ("Dan Fors", "vice_chair", Some("2025-01-01"), None),
            ("Eva Gran", "substitute", None, None),
        ] {
            store
                .add_member(
                    &actor,
                    a,
                    "direktionen",
                    &NewMember {
                        name: name.into(),
                        role: role.into(),
                        party: None,
                        represents: None,
                        from: from.map(str::to_string),
                        to: to.map(str::to_string),
                        substitute_order: (role == "substitute").then_some(1),
                        email: None,
                    },
                )
                .await
                .unwrap()
                .unwrap();
        }
        let count = |d: &'static str| store.seat_count(a, "direktionen", on(d));
        assert_eq!(count("2024-06-01").await.unwrap(), Some(3));
        assert_eq!(
            count("2024-12-31").await.unwrap(),
            Some(3),
            "a term's last day"
        );
        assert_eq!(
            count("2025-06-01").await.unwrap(),
            Some(3),
            "Bo out, Dan in"
        );
        assert_eq!(count("2027-01-01").await.unwrap(), Some(2));
        assert_eq!(count("2022-06-01").await.unwrap(), Some(1));
        // The registry's number of seats goes before the seats held, once it is given.
        let configure = |seats| NewBody {
            name: "Direktionen".into(),
            kind: "direktion".into(),
            seats,
            prepares_for: None,
            joint_for: vec![],
        };
        store
            .create_body(&actor, a, &configure(Some(7)))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(count("2024-06-01").await.unwrap(), Some(7));
        store
            .create_body(
                &actor,
                a,
                &NewBody {
                    name: "Kommunchefsberedningen".into(),
                    kind: "beredning".into(),
                    seats: Some(6),
                    prepares_for: Some("direktionen".into()),
                    joint_for: vec![],
                },
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            store
                .seat_count(a, "kommunchefsberedningen", on("2024-06-01"))
                .await
                .unwrap(),
            Some(6),
            "the registry's number of seats"
        );
    }
}
