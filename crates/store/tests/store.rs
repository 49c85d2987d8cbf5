//! The store's conformance suite: every test runs against each backend — SQLite in a fresh data
//! directory, and PostgreSQL in a fresh database on this binary's throwaway cluster
//! (`kansli-testpg`; skipped with a loud message when PostgreSQL is not installed outside CI).

mod builder;

use kansli_store::{Backend, Store, StoreConfig};

/// What keeps a test store alive, and how to reach its database again.
struct Env {
    /// The data directory.
    dir: tempfile::TempDir,
    /// How the store was opened.
    config: StoreConfig,
}

/// A fresh, empty installation on each backend: SQLite in a new data directory, and
/// PostgreSQL (a new database) when installed.
fn envs() -> Vec<Env> {
    let mut urls = vec![None];
    if let Some(url) = kansli_testpg::fresh_database_url() {
        urls.push(Some(url));
    }
    urls.into_iter()
        .map(|database_url| {
            let dir = tempfile::tempdir().expect("temp dir");
            let config = StoreConfig {
                data_dir: dir.path().to_path_buf(),
                database_url,
            };
            Env { dir, config }
        })
        .collect()
}

/// A fresh store on each backend.
async fn stores() -> Vec<(Store, Env)> {
    let mut out = Vec::new();
    for env in envs() {
        let store = Store::open(&env.config).await.expect("open store");
        eprintln!("-- on {:?}", store.backend());
        out.push((store, env));
    }
    out
}

#[tokio::test]
async fn migrations_apply_and_reopen_is_idempotent() {
    for (store, env) in stores().await {
        let backend = store.backend();
        store.close().await;
        let again = Store::open(&env.config).await.expect("reopen");
        let dir = env.dir.path();
        assert_eq!(
            dir.join("kansli.sqlite3").exists(),
            backend == Backend::Sqlite
        );
        assert!(dir.join("files").is_dir());
        assert!(dir.join("index").is_dir());
        assert_eq!(again.authorities().await.unwrap(), vec![]);
    }
}

use builder::{ProtocolBuilder, item};
use kansli_store::ImportOutcome;

const ITSAM: &str = "Kommunalförbundet Itsam";

/// Row counts of every table, as a map.
async fn counts(store: &Store) -> std::collections::BTreeMap<String, i64> {
    store
        .table_counts()
        .await
        .expect("counts")
        .into_iter()
        .collect()
}

#[tokio::test]
async fn import_stores_everything_and_reads_it_back() {
    for (store, _env) in stores().await {
        let protocol = ProtocolBuilder::itsam().build();
        let outcome = store
            .import_protocol(&protocol, b"original text", "itsam-2024-03-05.txt", ITSAM)
            .await
            .expect("import");
        assert!(matches!(outcome, ImportOutcome::Imported { .. }));

        let authorities = store.authorities().await.unwrap();
        assert_eq!(authorities.len(), 1);
        let a = &authorities[0];
        assert_eq!(a.authority.slug, "kommunalforbundet-itsam");
        assert_eq!(a.authority.kind, "kommunalforbund");
        assert_eq!(
            (a.body_count, a.meeting_count, a.paragraph_count),
            (1, 1, 4)
        );
        assert_eq!(a.first_meeting, Some(protocol.meeting_date));

        let view = store
            .authority("kommunalforbundet-itsam")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(view.bodies.len(), 1);
        assert_eq!(view.bodies[0].body.slug, "direktionen");
        assert_eq!(view.bodies[0].body.kind, "direktion");
        assert_eq!(view.bodies[0].seats, None);
        assert_eq!(view.bodies[0].last_meeting, Some(protocol.meeting_date));

        let page = store
            .body_meetings("kommunalforbundet-itsam", "direktionen", None, 0, 20)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(page.year, Some(2024));
        assert_eq!(page.total, 1);
        assert_eq!(page.meetings[0].slug, "2024-03-05");
        assert_eq!(page.meetings[0].paragraph_count, 4);
        assert_eq!(page.meetings[0].minutes_state.as_deref(), Some("posted"));

        let m = store
            .meeting("kommunalforbundet-itsam", "direktionen", "2024-03-05")
            .await
            .unwrap()
            .unwrap();
        let h = &m.header;
        assert_eq!(h.start_time.as_deref(), Some("13:00"));
        assert_eq!(h.end_time.as_deref(), Some("14:45"));
        assert_eq!(h.place, protocol.place);
        assert_eq!((h.paragraph_first, h.paragraph_last), (Some(1), Some(4)));
        assert_eq!(h.chair.as_deref(), Some("Jacob Käll"));
        assert_eq!(h.secretary.as_deref(), Some("Joakim Karlsson"));
        assert_eq!(h.justerare, vec!["Thomas Lidberg".to_string()]);
        assert_eq!(h.justering.place.as_deref(), Some("Digitalt"));
        assert_eq!(h.notices.len(), 1);
        assert_eq!(h.notices[0].posted, protocol.notice.posted);
        assert_eq!(h.notices[0].removal, protocol.notice.removal);
        assert_eq!(h.notices[0].kept_at.as_deref(), Some("Itsam"));
        assert_eq!(h.notices[0].board.as_deref(), Some(ITSAM));
        assert_eq!(h.signatures.len(), 2);
        assert_eq!(h.signatures[0].signed_at, protocol.signatures[0].signed_at);
        assert_eq!(m.participants.len(), protocol.participants.len());
        assert_eq!(m.participants[4].paragraphs.as_deref(), Some("§§ 1-2"));
        assert_eq!(m.participants[5].category, "ersättare");
        assert_eq!(
            m.participants[0].represents.as_deref(),
            Some("Vimmerby kommun")
        );
        assert_eq!(m.agenda.len(), 4);
        assert_eq!(m.agenda[0].case_key.as_deref(), Some("ITSAM-2024-25"));
        assert_eq!(m.paragraphs.len(), 4);
        let p4 = &m.paragraphs[3];
        let i4 = &protocol.items[3];
        assert_eq!(p4.number, 4);
        assert_eq!(p4.case_key.as_deref(), Some("ITSAM-2024-8"));
        assert_eq!(p4.dnr, i4.dnr);
        assert_eq!(p4.title, i4.title);
        assert_eq!(p4.decision, i4.decision);
        assert_eq!(p4.summary, i4.summary);
        assert_eq!(p4.basis, i4.basis);
        assert_eq!(p4.motions.len(), 1);
        assert_eq!(p4.motions[0].movers, i4.motions[0].movers);
        assert_eq!(p4.motions[0].text, i4.motions[0].text);
        assert_eq!(p4.proposition_order, i4.proposition_order);
        assert_eq!(p4.vote, i4.vote);
        assert_eq!(p4.reservations, i4.reservations);
        assert_eq!(p4.notes, i4.notes);
        assert_eq!(p4.disqualifications, i4.disqualifications);
        assert_eq!(p4.dispatch, i4.dispatch);
        assert_eq!(p4.sections[0].heading, "Överläggning");
        assert_eq!(m.appendices, protocol.appendices);
        assert_eq!(m.warnings, protocol.warnings);
        assert_eq!(m.files.len(), 1);
        assert_eq!(m.files[0].name, "itsam-2024-03-05.txt");
        assert_eq!(m.files[0].size, 13);
        assert_eq!(m.files[0].media_type, "text/plain; charset=utf-8");

        let para = store
            .paragraph("kommunalforbundet-itsam", "direktionen", "2024-03-05", 2)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(para.paragraph.title, "Information från verksamheten");
        assert_eq!((para.prev, para.next), (Some(1), Some(3)));
        assert_eq!(para.meeting.slug, "2024-03-05");
        assert!(
            store
                .paragraph("kommunalforbundet-itsam", "direktionen", "2024-03-05", 99)
                .await
                .unwrap()
                .is_none()
        );

        let case = store
            .case("kommunalforbundet-itsam", "itsam 2024:025")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(case.key, "ITSAM-2024-25");
        assert_eq!((case.year, case.number), (2024, 25));
        assert_eq!(case.paragraphs.len(), 1);

        let latest = store.latest_meetings(10).await.unwrap();
        assert_eq!(latest.len(), 1);
        assert_eq!(latest[0].authority.name, ITSAM);

        let file = store.file(&m.files[0].sha256).await.unwrap().unwrap();
        assert_eq!(file.bytes, b"original text");
        assert_eq!(file.info.name, "itsam-2024-03-05.txt");
        assert!(store.file("not-a-hash").await.unwrap().is_none());
        assert!(
            store
                .meeting("kommunalforbundet-itsam", "direktionen", "2024-03-06")
                .await
                .unwrap()
                .is_none()
        );
        assert!(store.authority("nobody").await.unwrap().is_none());
    }
}

#[tokio::test]
async fn the_same_file_twice_changes_nothing() {
    for (store, _env) in stores().await {
        let protocol = ProtocolBuilder::itsam().build();
        let first = store
            .import_protocol(&protocol, b"x", "a.txt", ITSAM)
            .await
            .unwrap();
        let before = counts(&store).await;
        let second = store
            .import_protocol(&protocol, b"x", "a.txt", ITSAM)
            .await
            .unwrap();
        assert_eq!(
            second,
            ImportOutcome::Unchanged {
                meeting_id: first.meeting_id()
            }
        );
        let mut after = counts(&store).await;
        // Only the import log grows.
        assert_eq!(after.remove("import_log"), Some(before["import_log"] + 1));
        let mut before = before;
        before.remove("import_log");
        assert_eq!(before, after);
    }
}

#[tokio::test]
async fn another_file_with_the_same_content_is_linked_as_a_source() {
    for (store, _env) in stores().await {
        let protocol = ProtocolBuilder::itsam().build();
        store
            .import_protocol(&protocol, b"%PDF-1.7 ...", "a.pdf", ITSAM)
            .await
            .unwrap();
        let outcome = store
            .import_protocol(&protocol, b"text", "a.txt", ITSAM)
            .await
            .unwrap();
        assert!(matches!(outcome, ImportOutcome::Unchanged { .. }));
        let m = store
            .meeting("kommunalforbundet-itsam", "direktionen", "2024-03-05")
            .await
            .unwrap()
            .unwrap();
        let mut types: Vec<_> = m.files.iter().map(|f| f.media_type.as_str()).collect();
        types.sort();
        assert_eq!(types, ["application/pdf", "text/plain; charset=utf-8"]);
        assert_eq!(counts(&store).await["paragraphs"], 4);
    }
}

#[tokio::test]
async fn a_case_shared_by_two_meetings_is_one_case() {
    for (store, _env) in stores().await {
        let first = ProtocolBuilder::itsam().build();
        let second = ProtocolBuilder::itsam()
            .date(2024, 4, 16)
            .items(vec![
                item(
                    5,
                    Some("ITSAM 2024/25"),
                    "Information angående säkerhetsarbetet, uppföljning",
                ),
                item(6, Some("Itsam 2024:099"), "Nytt ärende"),
            ])
            .build();
        store
            .import_protocol(&first, b"1", "1.txt", ITSAM)
            .await
            .unwrap();
        store
            .import_protocol(&second, b"2", "2.txt", ITSAM)
            .await
            .unwrap();
        let case = store
            .case("kommunalforbundet-itsam", "ITSAM-2024-25")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(case.paragraphs.len(), 2);
        assert_eq!(case.paragraphs[0].meeting_slug, "2024-03-05");
        assert_eq!(case.paragraphs[1].meeting_slug, "2024-04-16");
        assert_eq!(case.paragraphs[1].number, 5);
        assert_eq!(case.title, "Information angående säkerhetsarbetet");
        // 4 cases from the first, 1 new from the second.
        assert_eq!(counts(&store).await["cases"], 5);
    }
}

#[tokio::test]
async fn a_different_reading_of_a_meeting_replaces_its_minutes() {
    for (store, _env) in stores().await {
        let first = ProtocolBuilder::itsam().build();
        let imported = store
            .import_protocol(&first, b"v1", "v1.txt", ITSAM)
            .await
            .unwrap();
        let changed = ProtocolBuilder::itsam()
            .items(vec![
                item(
                    1,
                    Some("ITSAM 2024/25"),
                    "Information angående säkerhetsarbetet",
                ),
                item(2, Some("ITSAM 2024/77"), "Ett annat ärende"),
            ])
            .with(|p| p.participants.truncate(3))
            .build();
        let updated = store
            .import_protocol(&changed, b"v2", "v2.txt", ITSAM)
            .await
            .unwrap();
        assert_eq!(
            updated,
            ImportOutcome::Updated {
                meeting_id: imported.meeting_id()
            }
        );
        let c = counts(&store).await;
        assert_eq!(c["meetings"], 1);
        assert_eq!(c["minutes"], 1);
        assert_eq!(c["paragraphs"], 2);
        assert_eq!(c["agenda_items"], 2);
        assert_eq!(c["attendance"], 3);
        assert_eq!(c["motions"], 0, "children of replaced paragraphs are gone");
        assert_eq!(c["basis_documents"], 2);
        assert_eq!(c["dispatches"], 2);
        assert_eq!(c["cases"], 2, "cases no protocol names any more are gone");
        assert_eq!(c["minutes_sources"], 2);
        let m = store
            .meeting("kommunalforbundet-itsam", "direktionen", "2024-03-05")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(m.paragraphs[1].title, "Ett annat ärende");
        assert!(
            store
                .case("kommunalforbundet-itsam", "ITSAM-2024-8")
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn two_copies_of_a_meeting_read_differently_settle_after_one_run() {
    for (store, _env) in stores().await {
        // The PDF and a text copy of one meeting, read a little differently (the text copy
        // lost a participant).
        let pdf = ProtocolBuilder::itsam().build();
        let txt = ProtocolBuilder::itsam()
            .with(|p| p.participants.truncate(3))
            .build();
        let run = |store: &Store| {
            let (store, pdf, txt) = (store.clone(), pdf.clone(), txt.clone());
            async move {
                let a = store
                    .import_protocol(&pdf, b"%PDF-1.7 a", "a.pdf", ITSAM)
                    .await
                    .unwrap();
                let b = store
                    .import_protocol(&txt, b"a as text", "a.txt", ITSAM)
                    .await
                    .unwrap();
                (a, b)
            }
        };
        let (a, b) = run(&store).await;
        assert!(matches!(a, ImportOutcome::Imported { .. }), "{a:?}");
        // The later file of the first run is read (it may be a later publication).
        assert!(matches!(b, ImportOutcome::Updated { .. }), "{b:?}");
        let before = counts(&store).await;
        // Every later run over the same two files changes nothing.
        for _ in 0..2 {
            let (a, b) = run(&store).await;
            assert!(matches!(a, ImportOutcome::Unchanged { .. }), "{a:?}");
            assert!(matches!(b, ImportOutcome::Unchanged { .. }), "{b:?}");
        }
        let mut after = counts(&store).await;
        after.remove("import_log");
        let mut before = before;
        before.remove("import_log");
        assert_eq!(before, after);
        assert_eq!(after["minutes_sources"], 2);
        assert_eq!(after["attendance"], 3, "the reading stays the text copy's");
        // A file new to the meeting is still read: it replaces the reading.
        let third = ProtocolBuilder::itsam()
            .with(|p| p.participants.truncate(2))
            .build();
        let c = store
            .import_protocol(&third, b"a corrected", "a-rattad.txt", ITSAM)
            .await
            .unwrap();
        assert!(matches!(c, ImportOutcome::Updated { .. }), "{c:?}");
        assert_eq!(counts(&store).await["attendance"], 2);
    }
}

#[tokio::test]
async fn two_meetings_on_one_day_get_distinct_slugs() {
    for (store, _env) in stores().await {
        let morning = ProtocolBuilder::itsam().build();
        let afternoon = ProtocolBuilder::itsam().first_paragraph(5).build();
        let a = store
            .import_protocol(&morning, b"a", "a.txt", ITSAM)
            .await
            .unwrap();
        let b = store
            .import_protocol(&afternoon, b"b", "b.txt", ITSAM)
            .await
            .unwrap();
        assert!(matches!(b, ImportOutcome::Imported { .. }));
        assert_ne!(a.meeting_id(), b.meeting_id());
        let page = store
            .body_meetings("kommunalforbundet-itsam", "direktionen", Some(2024), 0, 10)
            .await
            .unwrap()
            .unwrap();
        let slugs: Vec<_> = page.meetings.iter().map(|m| m.slug.as_str()).collect();
        assert_eq!(slugs, ["2024-03-05-2", "2024-03-05"]);
    }
}

#[tokio::test]
async fn swedish_names_fold_to_one_authority_body_and_person() {
    for (store, _env) in stores().await {
        let a = ProtocolBuilder::itsam()
            .body("Kultur- och fritidsnämnden")
            .build();
        let b = ProtocolBuilder::itsam()
            .body("KULTUR- OCH  FRITIDSNÄMNDEN")
            .date(2024, 5, 1)
            .with(|p| p.chair = Some("JACOB KÄLL".into()))
            .build();
        store
            .import_protocol(&a, b"a", "a.txt", "Ödeshögs kommun")
            .await
            .unwrap();
        store
            .import_protocol(&b, b"b", "b.txt", "ÖDESHÖGS  KOMMUN")
            .await
            .unwrap();
        let c = counts(&store).await;
        assert_eq!(c["authorities"], 1);
        assert_eq!(c["bodies"], 1);
        let authorities = store.authorities().await.unwrap();
        assert_eq!(authorities[0].authority.slug, "odeshogs-kommun");
        assert_eq!(authorities[0].authority.kind, "kommun");
        let view = store.authority("odeshogs-kommun").await.unwrap().unwrap();
        assert_eq!(view.bodies[0].body.slug, "kultur-och-fritidsnamnden");
        assert_eq!(view.bodies[0].body.kind, "namnd");
        assert_eq!(view.bodies[0].meeting_count, 2);
        // Every name of the builder, once, though "Jacob Käll" was also written in capitals.
        let names = ProtocolBuilder::itsam().build().participants.len();
        assert_eq!(c["persons"] as usize, names);
    }
}

#[tokio::test]
async fn items_without_a_parsable_dnr_keep_the_printed_one() {
    for (store, _env) in stores().await {
        let protocol = ProtocolBuilder::itsam()
            .items(vec![
                item(1, Some("Dnr saknas"), "Övrigt"),
                item(2, None, "Information"),
            ])
            .build();
        store
            .import_protocol(&protocol, b"x", "x.txt", ITSAM)
            .await
            .unwrap();
        let m = store
            .meeting("kommunalforbundet-itsam", "direktionen", "2024-03-05")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(m.paragraphs[0].dnr.as_deref(), Some("Dnr saknas"));
        assert_eq!(m.paragraphs[0].case_key, None);
        assert_eq!(counts(&store).await["cases"], 0);
    }
}

#[tokio::test]
async fn attendance_per_paragraph_follows_the_attendance_line() {
    for (store, _env) in stores().await {
        store
            .import_protocol(&ProtocolBuilder::itsam().build(), b"x", "x.txt", ITSAM)
            .await
            .unwrap();
        let ids = store.published_minutes_ids().await.unwrap();
        let docs = store.search_documents(&ids).await.unwrap();
        assert_eq!(docs.len(), 4);
        // Conny Forsberg attended §§ 1-2 only; the seven others the whole meeting.
        for doc in &docs {
            let conny = doc.persons.iter().any(|p| p == "Conny Forsberg");
            assert_eq!(
                conny,
                doc.number <= 2,
                "§ {}: {:?}",
                doc.number,
                doc.persons
            );
            let whole_meeting = doc
                .persons
                .iter()
                .filter(|p| *p != "Conny Forsberg")
                .count();
            assert!(whole_meeting >= 7, "§ {}: {:?}", doc.number, doc.persons);
        }
    }
}

#[tokio::test]
async fn an_empty_body_name_is_refused_without_a_trace() {
    for (store, _env) in stores().await {
        let protocol = ProtocolBuilder::itsam().body("  ").build();
        let err = store
            .import_protocol(&protocol, b"x", "x.txt", ITSAM)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("body"), "{err}");
        let c = counts(&store).await;
        assert_eq!(c["minutes"], 0);
    }
}

#[tokio::test]
async fn a_corrupt_database_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("kansli.sqlite3"), vec![0x42u8; 8192]).unwrap();
    let err = Store::open(&StoreConfig {
        data_dir: dir.path().to_path_buf(),
        database_url: None,
    })
    .await
    .unwrap_err();
    let message = err.to_string();
    assert!(message.contains("kansli.sqlite3"), "{message}");
}

#[tokio::test]
async fn an_unknown_database_url_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open(&StoreConfig {
        data_dir: dir.path().to_path_buf(),
        database_url: Some("mysql://localhost/kansli".into()),
    })
    .await
    .unwrap_err();
    assert!(matches!(
        err,
        kansli_store::StoreError::UnsupportedDatabase(_)
    ));
}

#[tokio::test]
async fn a_failed_import_leaves_no_half_protocol_and_keeps_what_was_committed() {
    for (store, env) in stores().await {
        let first = ProtocolBuilder::itsam().build();
        store
            .import_protocol(&first, b"1", "1.txt", ITSAM)
            .await
            .unwrap();
        let before = counts(&store).await;
        // Make the last step of an import fail, after paragraphs and attendance were written.
        let trigger = Trigger::install(&store, &env).await;
        let second = ProtocolBuilder::itsam()
            .date(2024, 4, 16)
            .first_paragraph(5)
            .build();
        let err = store
            .import_protocol(&second, b"2", "2.txt", ITSAM)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("injected failure"), "{err}");
        let mut after = counts(&store).await;
        // Only the failure is logged; the stored file stays (content-addressed, harmless).
        assert_eq!(after.remove("import_log"), Some(before["import_log"] + 1));
        let mut before = before;
        before.remove("import_log");
        assert_eq!(before, after);
        assert!(
            store
                .meeting("kommunalforbundet-itsam", "direktionen", "2024-03-05")
                .await
                .unwrap()
                .is_some()
        );
        trigger.remove().await;
        let retried = store
            .import_protocol(&second, b"2", "2.txt", ITSAM)
            .await
            .unwrap();
        assert!(matches!(retried, ImportOutcome::Imported { .. }));
    }
}

#[tokio::test]
async fn the_parsers_reading_is_kept_and_replaced_with_the_minutes() {
    for (store, _env) in stores().await {
        let first = ProtocolBuilder::itsam().build();
        store
            .import_protocol(&first, b"first", "first.txt", "Kommunalförbundet Itsam")
            .await
            .unwrap();
        let readings = store.readings(None, None).await.unwrap();
        assert_eq!(readings.len(), 1);
        assert_eq!(readings[0].protocol, first);
        assert_eq!(readings[0].authority_slug, "kommunalforbundet-itsam");

        let mut changed = first.clone();
        changed.items[0].title = "En ny rubrik".into();
        store
            .import_protocol(&changed, b"second", "second.txt", "Kommunalförbundet Itsam")
            .await
            .unwrap();
        let readings = store
            .readings(
                Some("kommunalforbundet-itsam"),
                Some(&readings[0].body_slug),
            )
            .await
            .unwrap();
        assert_eq!(readings.len(), 1, "an update replaces the reading");
        assert_eq!(readings[0].protocol.items[0].title, "En ny rubrik");
        assert!(
            store
                .readings(Some("lomma-kommun"), None)
                .await
                .unwrap()
                .is_empty()
        );
    }
}

#[tokio::test]
async fn a_batch_stores_what_one_by_one_stores_and_a_bad_protocol_fails_alone() {
    // 30 generated protocols, one of them twice (the second `Unchanged`), one with an empty
    // body (refused before the database) and one that fails inside the database (a trigger
    // refuses its warnings): the batch's outcomes and rows must be those of importing one by
    // one, in order, on a fresh database of the same backend.
    let mut protocols: Vec<(kansli_core::protocol::ParsedProtocol, String)> =
        (0..30).map(builder::generated).collect();
    for (p, _) in &mut protocols {
        p.warnings.clear();
    }
    protocols.insert(10, protocols[3].clone());
    let mut empty_body = protocols[5].0.clone();
    empty_body.body = " ".into();
    protocols.insert(12, (empty_body, ITSAM.to_string()));
    let mut warned = ProtocolBuilder::itsam().date(2030, 1, 2).build();
    warned.warnings.push("a warning the trigger refuses".into());
    protocols.insert(20, (warned, ITSAM.to_string()));
    let files: Vec<Vec<u8>> = (0..protocols.len())
        .map(|i| format!("file {i}").into_bytes())
        .collect();
    let jobs: Vec<kansli_store::ImportJob<'_>> = protocols
        .iter()
        .zip(&files)
        .map(|((parsed, authority), original)| kansli_store::ImportJob {
            parsed,
            original,
            file_name: "f.txt",
            authority,
        })
        .collect();
    let summary = |r: &Result<ImportOutcome, kansli_store::StoreError>| match r {
        Ok(ImportOutcome::Imported { .. }) => "imported".to_string(),
        Ok(ImportOutcome::Updated { .. }) => "updated".to_string(),
        Ok(ImportOutcome::Unchanged { .. }) => "unchanged".to_string(),
        Err(e) => format!("failed: {e}"),
    };
    let mut results = Vec::new();
    for batched in [false, true] {
        for env in envs() {
            let store = Store::open(&env.config).await.expect("open");
            let trigger = Trigger::install(&store, &env).await;
            let outcomes: Vec<String> = if batched {
                store
                    .import_protocols(&jobs)
                    .await
                    .iter()
                    .map(summary)
                    .collect()
            } else {
                let mut out = Vec::new();
                for job in &jobs {
                    let r = store
                        .import_protocol(job.parsed, job.original, job.file_name, job.authority)
                        .await;
                    out.push(summary(&r));
                }
                out
            };
            trigger.remove().await;
            let c = counts(&store).await;
            results.push(((batched, store.backend()), outcomes, c));
            store.close().await;
        }
    }
    let (one_by_one, batched): (Vec<_>, Vec<_>) = results.into_iter().partition(|r| !r.0.0);
    for (alone, batch) in one_by_one.iter().zip(&batched) {
        eprintln!("-- on {:?}", alone.0.1);
        assert_eq!(alone.1, batch.1, "outcomes");
        assert_eq!(alone.1[10], "unchanged");
        assert!(alone.1[12].contains("body"), "{}", alone.1[12]);
        assert!(alone.1[20].contains("injected failure"), "{}", alone.1[20]);
        assert_eq!(alone.2, batch.2, "rows");
    }
}

/// A trigger that makes every insert into `minutes_warnings` fail, on either backend.
enum Trigger {
    Sqlite(sqlx::SqliteConnection),
    Postgres(sqlx::PgConnection),
}

impl Trigger {
    async fn install(store: &Store, env: &Env) -> Trigger {
        use sqlx::{Connection, Executor};
        match store.backend() {
            Backend::Sqlite => {
                let url = format!(
                    "sqlite://{}",
                    env.dir.path().join("kansli.sqlite3").display()
                );
                let mut raw = sqlx::SqliteConnection::connect(&url).await.unwrap();
                raw.execute(
                    "CREATE TRIGGER fail_warnings BEFORE INSERT ON minutes_warnings \
                     BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
                )
                .await
                .unwrap();
                Trigger::Sqlite(raw)
            }
            Backend::Postgres => {
                let url = env.config.database_url.as_deref().unwrap();
                let mut raw = sqlx::PgConnection::connect(url).await.unwrap();
                raw.execute(
                    "CREATE FUNCTION fail_warnings() RETURNS trigger LANGUAGE plpgsql AS \
                     $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$; \
                     CREATE TRIGGER fail_warnings BEFORE INSERT ON minutes_warnings \
                     FOR EACH ROW EXECUTE FUNCTION fail_warnings()",
                )
                .await
                .unwrap();
                Trigger::Postgres(raw)
            }
        }
    }

    async fn remove(self) {
        use sqlx::Executor;
        match self {
            Trigger::Sqlite(mut raw) => {
                raw.execute("DROP TRIGGER fail_warnings").await.unwrap();
            }
            Trigger::Postgres(mut raw) => {
                raw.execute("DROP TRIGGER fail_warnings ON minutes_warnings")
                    .await
                    .unwrap();
            }
        }
    }
}

/// A second handle on the same database, as another process would open it: its own pool and
/// its own data directory.
async fn another_process(env: &Env) -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let database_url = Some(env.config.database_url.clone().unwrap_or_else(|| {
        format!(
            "sqlite://{}",
            env.config.data_dir.join("kansli.sqlite3").display()
        )
    }));
    let store = Store::open(&StoreConfig {
        data_dir: dir.path().to_path_buf(),
        database_url,
    })
    .await
    .expect("open the same database again");
    (store, dir)
}

#[tokio::test]
async fn concurrent_first_starts_apply_each_migration_once() {
    for env in envs() {
        let opens = (0..4).map(|_| {
            let config = env.config.clone();
            tokio::spawn(async move { Store::open(&config).await })
        });
        let mut stores = Vec::new();
        for open in opens {
            stores.push(open.await.expect("task").expect("open"));
        }
        eprintln!("-- on {:?}", stores[0].backend());
        let versions = stores[0].schema_versions().await.expect("versions");
        let known: Vec<i64> = kansli_store::MIGRATIONS.iter().map(|m| m.version).collect();
        assert_eq!(versions, known, "each migration recorded once");
    }
}

#[tokio::test]
async fn two_importers_at_once_store_every_protocol_exactly_once() {
    let protocols: Vec<_> = (0..40).map(builder::generated).collect();
    for (store, env) in stores().await {
        // The reference: one importer alone, on a fresh database of the same backend.
        let reference = {
            let fresh = envs()
                .into_iter()
                .find(|e| {
                    (e.config.database_url.is_some()) == (store.backend() == Backend::Postgres)
                })
                .expect("same backend");
            let alone = Store::open(&fresh.config).await.expect("open");
            for (i, (p, authority)) in protocols.iter().enumerate() {
                alone
                    .import_protocol(p, format!("file {i}").as_bytes(), "f.txt", authority)
                    .await
                    .expect("import alone");
            }
            let c = counts(&alone).await;
            alone.close().await;
            c
        };
        let (other, _other_dir) = another_process(&env).await;
        let forward = {
            let (store, protocols) = (store.clone(), protocols.clone());
            tokio::spawn(async move {
                for (i, (p, authority)) in protocols.iter().enumerate() {
                    store
                        .import_protocol(p, format!("file {i}").as_bytes(), "f.txt", authority)
                        .await
                        .expect("import forward");
                }
            })
        };
        let backward = {
            let protocols = protocols.clone();
            tokio::spawn(async move {
                for (i, (p, authority)) in protocols.iter().enumerate().rev() {
                    other
                        .import_protocol(p, format!("file {i}").as_bytes(), "f.txt", authority)
                        .await
                        .expect("import backward");
                }
            })
        };
        forward.await.expect("forward task");
        backward.await.expect("backward task");
        let mut together = counts(&store).await;
        let mut reference = reference;
        assert_eq!(together.remove("import_log"), Some(2 * 40));
        reference.remove("import_log");
        assert_eq!(together, reference);
    }
}

#[tokio::test]
async fn originals_are_served_from_the_database_by_any_process() {
    for (store, env) in stores().await {
        let protocol = ProtocolBuilder::itsam().build();
        store
            .import_protocol(&protocol, b"%PDF-1.7 the original", "a.pdf", ITSAM)
            .await
            .unwrap();
        let (other, other_dir) = another_process(&env).await;
        let m = other
            .meeting("kommunalforbundet-itsam", "direktionen", "2024-03-05")
            .await
            .unwrap()
            .unwrap();
        let file = other
            .file(&m.files[0].sha256)
            .await
            .unwrap()
            .expect("the file, from the database alone");
        assert_eq!(file.bytes, b"%PDF-1.7 the original");
        assert_eq!(file.info.media_type, "application/pdf");
        // Nothing of it in either process's data directory.
        for dir in [env.dir.path(), other_dir.path()] {
            let stored: Vec<_> = walk(&dir.join("files"));
            assert!(stored.is_empty(), "{stored:?}");
        }
    }
}

/// Every file under a folder.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[tokio::test]
async fn postgres_connection_failures_say_where_and_what_to_do() {
    let Some(cluster) = kansli_testpg::shared() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let open = |url: String| {
        let data_dir = dir.path().to_path_buf();
        async move {
            Store::open(&StoreConfig {
                data_dir,
                database_url: Some(url),
            })
            .await
            .expect_err("must fail")
            .to_string()
        }
    };
    // Nothing listens on a port just freed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let message = open(format!(
        "postgres://kansli:topsecret@127.0.0.1:{port}/arkiv"
    ))
    .await;
    assert!(message.contains(&format!("127.0.0.1:{port}")), "{message}");
    assert!(message.contains("is PostgreSQL running"), "{message}");
    assert!(!message.contains("topsecret"), "{message}");

    let wrong = cluster
        .url("postgres")
        .replace(kansli_testpg::PASSWORD, "wrong-secret");
    let message = open(wrong).await;
    assert!(message.contains("credentials"), "{message}");
    assert!(!message.contains("wrong-secret"), "{message}");

    let missing = cluster.url("no_such_db");
    let message = open(missing).await;
    assert!(
        message.contains("\"no_such_db\" does not exist"),
        "{message}"
    );
    assert!(message.contains("createdb"), "{message}");
    assert!(!message.contains(kansli_testpg::PASSWORD), "{message}");
}

#[tokio::test]
async fn a_copy_is_complete_verified_and_safe_to_run_twice() {
    // The source: SQLite, with generated protocols and a stored original.
    let source_dir = tempfile::tempdir().unwrap();
    let source = Store::open(&StoreConfig {
        data_dir: source_dir.path().to_path_buf(),
        database_url: None,
    })
    .await
    .unwrap();
    for n in 0..30 {
        let (p, authority) = builder::generated(n);
        source
            .import_protocol(&p, format!("original {n}").as_bytes(), "f.txt", &authority)
            .await
            .unwrap();
    }
    let expected = counts(&source).await;
    for env in envs() {
        let target = Store::open(&env.config).await.unwrap();
        eprintln!("-- into {:?}", target.backend());
        let outcome = source.copy_to(&target).await.expect("copy");
        assert!(matches!(outcome, kansli_store::CopyOutcome::Copied(_)));
        assert!(outcome.tables().iter().all(|t| t.equal()));
        assert_eq!(counts(&target).await, expected);
        let meeting = source.latest_meetings(1).await.unwrap().remove(0);
        let there = target.latest_meetings(1).await.unwrap().remove(0);
        assert_eq!(format!("{meeting:?}"), format!("{there:?}"));

        // Twice: identical, nothing written.
        let again = source.copy_to(&target).await.expect("copy again");
        assert!(matches!(
            again,
            kansli_store::CopyOutcome::AlreadyIdentical(_)
        ));

        // The target goes on by itself: new ids do not collide with copied ones.
        let (p, authority) = builder::generated(30);
        target
            .import_protocol(&p, b"new", "new.txt", &authority)
            .await
            .expect("import after the copy");
        let err = source.copy_to(&target).await.expect_err("differs now");
        assert!(err.to_string().contains("not empty"), "{err}");
    }
}

#[tokio::test]
async fn originals_left_in_the_data_directory_by_older_versions_move_into_the_database() {
    for (store, env) in stores().await {
        let protocol = ProtocolBuilder::itsam().build();
        let original = b"an original from before";
        store
            .import_protocol(&protocol, original, "old.txt", ITSAM)
            .await
            .unwrap();
        let sha = {
            let m = store
                .meeting("kommunalforbundet-itsam", "direktionen", "2024-03-05")
                .await
                .unwrap()
                .unwrap();
            m.files[0].sha256.clone()
        };
        // As an older Kansli left it: the content only on disk.
        let path = env.dir.path().join("files").join(&sha[..2]).join(&sha);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, original).unwrap();
        clear_contents(&store, &env).await;
        assert_eq!(store.file(&sha).await.unwrap().unwrap().bytes, original);
        assert_eq!(store.absorb_data_dir_files().await.unwrap(), 1);
        std::fs::remove_file(&path).unwrap();
        assert_eq!(store.file(&sha).await.unwrap().unwrap().bytes, original);
        assert_eq!(store.absorb_data_dir_files().await.unwrap(), 0);
    }
}

/// Sets every stored file's content to NULL, bypassing the store.
async fn clear_contents(store: &Store, env: &Env) {
    use sqlx::{Connection, Executor};
    const SQL: &str = "UPDATE stored_files SET content = NULL";
    match store.backend() {
        Backend::Sqlite => {
            let url = format!(
                "sqlite://{}",
                env.dir.path().join("kansli.sqlite3").display()
            );
            let mut raw = sqlx::SqliteConnection::connect(&url).await.unwrap();
            raw.execute(SQL).await.unwrap();
        }
        Backend::Postgres => {
            let url = env.config.database_url.as_deref().unwrap();
            let mut raw = sqlx::PgConnection::connect(url).await.unwrap();
            raw.execute(SQL).await.unwrap();
        }
    }
}

#[tokio::test]
async fn a_bodys_readings_of_one_year() {
    for (store, _env) in stores().await {
        for (date, first, file) in [
            ((2023, 12, 12), 100, "a"),
            ((2024, 3, 5), 1, "b"),
            ((2024, 4, 16), 10, "c"),
            ((2025, 1, 20), 1, "d"),
        ] {
            let p = ProtocolBuilder::itsam()
                .date(date.0, date.1, date.2)
                .first_paragraph(first)
                .build();
            store
                .import_protocol(&p, file.as_bytes(), file, ITSAM)
                .await
                .unwrap();
        }
        let year = store
            .body_readings_in_year("kommunalforbundet-itsam", "direktionen", 2024)
            .await
            .unwrap();
        let slugs: Vec<_> = year.iter().map(|r| r.meeting_slug.as_str()).collect();
        assert_eq!(slugs, ["2024-03-05", "2024-04-16"]);
        assert_eq!(store.readings(None, None).await.unwrap().len(), 4);
    }
}

/// The audit rows of meetings, oldest first.
async fn meeting_audit(store: &Store) -> Vec<kansli_store::AuditEvent> {
    let (mut events, _) = store
        .audit_events(&kansli_store::AuditFilter {
            entity: Some("meeting:".into()),
            limit: 100,
            ..Default::default()
        })
        .await
        .expect("audit log");
    events.reverse();
    events
}

/// A meeting imported under the wrong authority is moved (its paragraphs and original with
/// it), then to another body, then removed; each step is in the audit log with what it was
/// before, the old meeting is gone, and the search index is told of the deletion.
#[tokio::test]
async fn imported_meetings_are_moved_and_removed_with_an_audit_trail() {
    use kansli_store::{Actor, StoreError};
    for (store, _env) in stores().await {
        let actor = Actor::shell();
        let protocol = ProtocolBuilder::itsam().build();
        let paragraphs = protocol.items.len();
        let wrong = store
            .import_protocol(&protocol, b"original bytes", "p.txt", "Okänd myndighet")
            .await
            .expect("import");
        let wrong_ref = store
            .meeting_ref(wrong.meeting_id())
            .await
            .unwrap()
            .expect("stored");
        let sha = store
            .meeting(
                &wrong_ref.authority_slug,
                &wrong_ref.body_slug,
                &wrong_ref.meeting_slug,
            )
            .await
            .unwrap()
            .expect("meeting")
            .files[0]
            .sha256
            .clone();

        let moved = store
            .move_imported_meeting(wrong.meeting_id(), ITSAM, None, &actor)
            .await
            .expect("moved");
        assert_eq!(moved.from, wrong_ref);
        assert_eq!(moved.to.authority_name, ITSAM);
        assert_eq!(moved.to.body_name, wrong_ref.body_name);
        assert!(
            store
                .meeting_ref(wrong.meeting_id())
                .await
                .unwrap()
                .is_none()
        );
        let view = store
            .meeting(
                &moved.to.authority_slug,
                &moved.to.body_slug,
                &moved.to.meeting_slug,
            )
            .await
            .unwrap()
            .expect("at the new place");
        assert_eq!(view.paragraphs.len(), paragraphs);
        assert_eq!(view.files[0].sha256, sha);
        assert!(store.file(&sha).await.unwrap().is_some(), "still served");
        assert_eq!(
            store.meetings_of_file(&sha).await.unwrap(),
            vec![moved.to.clone()]
        );
        // The authority the import made is left with nothing: it is no longer listed.
        let listed: Vec<String> = store
            .authorities()
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.authority.name)
            .collect();
        assert_eq!(listed, [ITSAM], "an empty authority is not listed");

        let to_body = store
            .move_imported_meeting(moved.to.meeting_id, ITSAM, Some("Arbetsutskottet"), &actor)
            .await
            .expect("moved to another body");
        assert_eq!(to_body.to.body_name, "Arbetsutskottet");
        assert!(matches!(
            store
                .move_imported_meeting(
                    to_body.to.meeting_id,
                    ITSAM,
                    Some("arbetsutskottet"),
                    &actor
                )
                .await,
            Err(StoreError::Refused(_))
        ));
        assert!(matches!(
            store.remove_imported_meeting(999_999, &actor, None).await,
            Err(StoreError::Refused(_))
        ));

        let removed = store
            .remove_imported_meeting(to_body.to.meeting_id, &actor, Some("fel fil"))
            .await
            .expect("removed");
        assert_eq!(removed, to_body.to);
        assert!(
            store
                .find_meetings(&removed.spec())
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            store.file(&sha).await.unwrap().is_none(),
            "no longer served"
        );
        assert!(store.latest_meetings(10).await.unwrap().is_empty());
        assert!(
            store.authorities().await.unwrap().is_empty(),
            "no meetings and no registry: nothing listed"
        );

        let audit = meeting_audit(&store).await;
        let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["meeting.move", "meeting.move", "meeting.remove"]);
        assert_eq!(audit[0].actor, "kansli (kommandoraden)");
        assert_eq!(
            audit[0].before.as_ref().unwrap()["authority"],
            "Okänd myndighet"
        );
        assert_eq!(audit[0].after.as_ref().unwrap()["authority"], ITSAM);
        assert_eq!(
            audit[0].before.as_ref().unwrap()["files"][0]["sha256"],
            sha.as_str()
        );
        assert_eq!(audit[2].after.as_ref().unwrap()["reason"], "fel fil");

        let changes = store.changes_after(0, 100).await.unwrap();
        assert_eq!(
            changes.iter().filter(|c| c.action == "delete").count(),
            3,
            "every removed minutes is a delete for the index"
        );
    }
}

/// Importing a file again with `--authority` moves the meeting it made before under another
/// authority instead of keeping two copies; a third time changes nothing.
#[tokio::test]
async fn reimporting_with_an_authority_moves_instead_of_copying() {
    use kansli_store::Actor;
    for (store, _env) in stores().await {
        let protocol = ProtocolBuilder::itsam().build();
        store
            .import_protocol(&protocol, b"the file", "p.txt", "Okänd myndighet")
            .await
            .expect("first import");
        let (outcome, moved) = store
            .import_protocol_moving(&protocol, b"the file", "p.txt", ITSAM, &Actor::shell())
            .await
            .expect("again with an authority");
        assert!(matches!(outcome, ImportOutcome::Imported { .. }));
        assert_eq!(moved.len(), 1);
        assert_eq!(moved[0].from.authority_name, "Okänd myndighet");
        assert_eq!(moved[0].to.meeting_id, outcome.meeting_id());
        let all = store.latest_meetings(10).await.unwrap();
        assert_eq!(all.len(), 1, "one meeting, not two");
        assert_eq!(all[0].authority.name, ITSAM);
        let (again, moved) = store
            .import_protocol_moving(&protocol, b"the file", "p.txt", ITSAM, &Actor::shell())
            .await
            .expect("a third time");
        assert!(matches!(again, ImportOutcome::Unchanged { .. }));
        assert!(moved.is_empty());
        assert_eq!(meeting_audit(&store).await.len(), 1);
    }
}

/// An omedelbart justerad protokollsutdrag of the Itsam meeting: § 3 as the extract prints it
/// (the full protocol's text must win) and § 5, which only the extract holds.
fn itsam_extract() -> kansli_core::protocol::ParsedProtocol {
    ProtocolBuilder::itsam()
        .items(vec![
            item(3, Some("ITSAM 2024/2"), "Personal (utdrag)"),
            item(5, Some("ITSAM 2024/9"), "Omedelbart justerat ärende"),
        ])
        .with(|p| {
            p.warnings
                .push(kansli_core::protocol::EXTRACT_WARNING.into())
        })
        .build()
}

/// One meeting, every paragraph once (the full protocol's where both have it), both files kept.
async fn assert_one_meeting_of_both(store: &Store) {
    let c = counts(store).await;
    assert_eq!(c["meetings"], 1);
    assert_eq!(c["minutes"], 1);
    assert_eq!(
        c["minutes_sources"], 2,
        "both files are the meeting's originals"
    );
    let m = store
        .meeting("kommunalforbundet-itsam", "direktionen", "2024-03-05")
        .await
        .unwrap()
        .unwrap();
    let numbers: Vec<i64> = m.paragraphs.iter().map(|p| p.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
    assert_eq!(m.paragraphs[2].title, "Personal");
    assert_eq!(m.paragraphs[4].title, "Omedelbart justerat ärende");
    assert_eq!(m.files.len(), 2);
}

#[tokio::test]
async fn an_extract_and_the_full_protocol_make_one_meeting_in_either_order() {
    for (store, _env) in stores().await {
        let full = ProtocolBuilder::itsam().build();
        let extract = itsam_extract();
        let first = store
            .import_protocol(&full, b"full", "protokoll.txt", ITSAM)
            .await
            .unwrap();
        let second = store
            .import_protocol(&extract, b"extract", "utdrag.txt", ITSAM)
            .await
            .unwrap();
        assert_eq!(second.meeting_id(), first.meeting_id());
        assert_one_meeting_of_both(&store).await;
        // The extract again adds nothing.
        let again = store
            .import_protocol(&extract, b"extract", "utdrag.txt", ITSAM)
            .await
            .unwrap();
        assert_eq!(
            again,
            ImportOutcome::Unchanged {
                meeting_id: first.meeting_id()
            }
        );
        assert_one_meeting_of_both(&store).await;
    }
    for (store, _env) in stores().await {
        let extract = itsam_extract();
        let first = store
            .import_protocol(&extract, b"extract", "utdrag.txt", ITSAM)
            .await
            .unwrap();
        // The extract alone: a meeting with just its paragraphs.
        let m = store
            .meeting("kommunalforbundet-itsam", "direktionen", "2024-03-05")
            .await
            .unwrap()
            .unwrap();
        let numbers: Vec<i64> = m.paragraphs.iter().map(|p| p.number).collect();
        assert_eq!(numbers, [3, 5]);
        let full = ProtocolBuilder::itsam().build();
        let second = store
            .import_protocol(&full, b"full", "protokoll.txt", ITSAM)
            .await
            .unwrap();
        assert_eq!(second.meeting_id(), first.meeting_id());
        assert_one_meeting_of_both(&store).await;
    }
}

#[tokio::test]
async fn importing_both_files_again_keeps_the_extracts_paragraph() {
    // A second run over the same folder, or a new reading of the full protocol, never loses
    // the paragraph only the extract holds.
    for extract_first in [true, false] {
        for (store, _env) in stores().await {
            let full = ProtocolBuilder::itsam().build();
            let extract = itsam_extract();
            let files = [
                (&extract, b"extract".as_slice(), "utdrag.txt"),
                (&full, b"full".as_slice(), "protokoll.txt"),
            ];
            let order = if extract_first {
                [files[0], files[1]]
            } else {
                [files[1], files[0]]
            };
            for (p, bytes, name) in order {
                store.import_protocol(p, bytes, name, ITSAM).await.unwrap();
            }
            for (p, bytes, name) in order {
                let again = store.import_protocol(p, bytes, name, ITSAM).await.unwrap();
                assert!(
                    matches!(again, ImportOutcome::Unchanged { .. }),
                    "{name}: {again:?}"
                );
            }
            assert_one_meeting_of_both(&store).await;
            // A new reading of the full protocol (another title for § 1) keeps § 5.
            let reread = ProtocolBuilder::itsam()
                .with(|p| p.items[0].title = "Information om säkerhetsarbetet".into())
                .build();
            store
                .import_protocol(&reread, b"full, read again", "protokoll.txt", ITSAM)
                .await
                .unwrap();
            let m = store
                .meeting("kommunalforbundet-itsam", "direktionen", "2024-03-05")
                .await
                .unwrap()
                .unwrap();
            let numbers: Vec<i64> = m.paragraphs.iter().map(|p| p.number).collect();
            assert_eq!(numbers, [1, 2, 3, 4, 5]);
            assert_eq!(m.paragraphs[0].title, "Information om säkerhetsarbetet");
        }
    }
}

#[tokio::test]
async fn an_extract_and_the_full_protocol_in_one_batch_make_one_meeting() {
    let full = ProtocolBuilder::itsam().build();
    let extract = itsam_extract();
    let full_job = kansli_store::ImportJob {
        parsed: &full,
        original: b"full",
        file_name: "protokoll.txt",
        authority: ITSAM,
    };
    let extract_job = kansli_store::ImportJob {
        parsed: &extract,
        original: b"extract",
        file_name: "utdrag.txt",
        authority: ITSAM,
    };
    for jobs in [[full_job, extract_job], [extract_job, full_job]] {
        for (store, _env) in stores().await {
            for outcome in store.import_protocols(&jobs).await {
                outcome.unwrap();
            }
            assert_one_meeting_of_both(&store).await;
        }
    }
}

#[tokio::test]
async fn an_import_never_touches_minutes_recorded_in_kansli() {
    for (store, _env) in stores().await {
        // The authority and body from an import of another meeting, then the 2024-03-05
        // meeting planned and its minutes recorded as a draft.
        let other = ProtocolBuilder::itsam().date(2024, 2, 1).build();
        store
            .import_protocol(&other, b"other", "other.txt", ITSAM)
            .await
            .unwrap();
        let planned = store
            .plan_meeting(
                &kansli_store::Actor::shell(),
                "kommunalforbundet-itsam",
                "direktionen",
                &kansli_store::NewMeeting {
                    date: chrono::NaiveDate::from_ymd_opt(2024, 3, 5).unwrap(),
                    start_time: None,
                    end_time: None,
                    place: None,
                },
            )
            .await
            .unwrap()
            .expect("the body exists");
        let record = ProtocolBuilder::itsam().build();
        store
            .save_minutes_draft(&kansli_store::Actor::shell(), planned.id, 0, &record)
            .await
            .unwrap();
        let before = counts(&store).await;
        for (p, file) in [(itsam_extract(), "utdrag.txt"), (record, "protokoll.txt")] {
            let refused = store
                .import_protocol(&p, file.as_bytes(), file, ITSAM)
                .await
                .unwrap_err();
            assert!(
                matches!(&refused, kansli_store::StoreError::Refused(m) if m.contains("recorded in Kansli")),
                "{refused}"
            );
        }
        let mut after = counts(&store).await;
        after.remove("import_log");
        let mut before = before;
        before.remove("import_log");
        assert_eq!(before, after, "the recorded minutes are as they were");
    }
}

/// Justerade recorded minutes are locked in the database itself, whatever writes to it: on
/// PostgreSQL the check runs once per statement (migration 16), on SQLite once per row; both
/// refuse a statement that touches one locked row, also among many, and leave other minutes
/// alone.
#[tokio::test]
async fn justerade_recorded_minutes_are_locked_in_the_database() {
    for (store, env) in stores().await {
        store
            .import_protocol(&ProtocolBuilder::itsam().build(), b"x", "x.txt", ITSAM)
            .await
            .unwrap();
        let other = ProtocolBuilder::itsam().date(2024, 4, 9).build();
        store
            .import_protocol(&other, b"y", "y.txt", ITSAM)
            .await
            .unwrap();
        sqlx::any::install_default_drivers();
        let url = env.config.database_url.clone().unwrap_or_else(|| {
            format!(
                "sqlite://{}",
                env.dir.path().join("kansli.sqlite3").display()
            )
        });
        let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&url)
            .await
            .unwrap();
        let one = |sql: &str| sqlx::query(sqlx::AssertSqlSafe(sql.to_string()));
        let minutes: Vec<i64> = sqlx::query_scalar::<_, i64>("SELECT id FROM minutes ORDER BY id")
            .fetch_all(&mut conn)
            .await
            .unwrap();
        let (locked, open) = (minutes[0], minutes[1]);
        // Imported minutes are not locked; recorded and justerade ones are.
        one(&format!(
            "UPDATE minutes SET origin = 'recorded' WHERE id = {locked}"
        ))
        .execute(&mut conn)
        .await
        .unwrap();
        let paragraph = |m: i64| format!("(SELECT MIN(id) FROM paragraphs WHERE minutes_id = {m})");
        let refused = [
            format!(
                "INSERT INTO paragraph_sections (paragraph_id, position, heading, body) VALUES \
                 ({}, 90, 'a', 'b'), ({}, 91, 'a', 'b')",
                paragraph(open),
                paragraph(locked)
            ),
            format!("UPDATE paragraphs SET title = 'x' WHERE minutes_id = {locked}"),
            format!("DELETE FROM attendance WHERE minutes_id = {locked}"),
            format!(
                "INSERT INTO justerare (minutes_id, position, name) VALUES ({locked}, 90, 'X')"
            ),
        ];
        for sql in &refused {
            let error = one(sql)
                .execute(&mut conn)
                .await
                .expect_err(&format!("{:?} refuses {sql}", store.backend()));
            assert!(
                error.to_string().contains("cannot change"),
                "{:?}: {sql}: {error}",
                store.backend()
            );
        }
        // Nothing of a refused statement stays; the open minutes take the same writes.
        let kept: i64 = sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM paragraph_sections WHERE position >= 90",
        )
        .fetch_one(&mut conn)
        .await
        .unwrap();
        assert_eq!(kept, 0);
        for sql in [
            format!(
                "INSERT INTO paragraph_sections (paragraph_id, position, heading, body) VALUES \
                 ({}, 90, 'a', 'b')",
                paragraph(open)
            ),
            format!("UPDATE paragraphs SET title = 'x' WHERE minutes_id = {open}"),
            format!("DELETE FROM attendance WHERE minutes_id = {open}"),
        ] {
            one(&sql).execute(&mut conn).await.unwrap();
        }
    }
}

/// A bulk import keeps PostgreSQL's statistics in step (`analyze.rs`): a fresh database is
/// analysed once the import has stored 64 meetings, so the foreign-key checks and triggers
/// are replanned for tables that are no longer a page long (planned on the empty tables they
/// scanned `persons` and `minutes` whole for every row: issue 18). Autovacuum would analyse
/// only after a minute at the earliest.
#[tokio::test]
async fn a_bulk_import_on_postgresql_analyses_the_tables_it_grew() {
    use sqlx::Connection;
    for env in envs() {
        let store = Store::open(&env.config).await.expect("open");
        if store.backend() != Backend::Postgres {
            continue;
        }
        let url = env.config.database_url.as_deref().unwrap();
        let analysed = || async {
            let mut raw = sqlx::PgConnection::connect(url).await.unwrap();
            sqlx::query_scalar::<_, f32>(
                "SELECT reltuples FROM pg_class WHERE oid = CAST('persons' AS regclass)",
            )
            .fetch_one(&mut raw)
            .await
            .unwrap()
        };
        assert!(
            analysed().await < 0.0,
            "a fresh table has never been analysed"
        );
        let protocols: Vec<_> = (0..70u32)
            .map(|i| {
                builder::ProtocolBuilder::itsam()
                    .date(2001 + i32::try_from(i / 12).unwrap(), i % 12 + 1, 5)
                    .build()
            })
            .collect();
        let files: Vec<Vec<u8>> = (0..protocols.len())
            .map(|i| format!("file {i}").into_bytes())
            .collect();
        let jobs: Vec<kansli_store::ImportJob<'_>> = protocols
            .iter()
            .zip(&files)
            .map(|(parsed, original)| kansli_store::ImportJob {
                parsed,
                original,
                file_name: "f.txt",
                authority: ITSAM,
            })
            .collect();
        for batch in jobs.chunks(35) {
            let outcomes = store.import_protocols(batch).await;
            assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
        }
        assert!(
            analysed().await > 0.0,
            "after 70 new meetings the import's tables have been analysed"
        );
    }
}
