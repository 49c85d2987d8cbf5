//! The kept summaries (meetings and published paragraphs per body and year) equal a fresh count
//! of the archive after every kind of write that changes them: import, batch import,
//! re-import with other paragraphs, a planned meeting, recorded minutes released and then
//! justerade, a meeting moved to another body and one removed. On both backends.

mod builder;

use builder::{ProtocolBuilder, generated, item};
use kansli_store::{Actor, AgendaKind, ImportJob, NewAgendaItem, NewMeeting, Store, StoreConfig};

const ITSAM: &str = "Kommunalförbundet Itsam";
const A: &str = "kommunalforbundet-itsam";

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
        .expect("open store")
        // Today is 2026-03-20 for this store: the recorded meeting below is two days before.
        .with_clock(std::sync::Arc::new(|| {
            chrono::DateTime::parse_from_rfc3339("2026-03-20T10:00:00Z")
                .unwrap()
                .to_utc()
        }));
        eprintln!("-- on {:?}", store.backend());
        out.push((store, dir));
    }
    out
}

/// Fails with the differences when the kept summaries are not a fresh count.
async fn agree(store: &Store, after: &str) {
    let drift = store.summary_drift().await.expect("count");
    assert!(drift.is_empty(), "after {after}: {drift:#?}");
}

/// Meetings and paragraphs of Itsam, as its page shows them, and the years of a body.
async fn itsam(store: &Store) -> (i64, i64) {
    let view = store.authority(A).await.unwrap().expect("itsam");
    (view.authority.meeting_count, view.authority.paragraph_count)
}

async fn years(store: &Store, body: &str) -> Vec<(i32, i64)> {
    store
        .body_meetings(A, body, None, 0, 10)
        .await
        .unwrap()
        .expect("body")
        .years
        .iter()
        .map(|y| (y.year, y.meetings))
        .collect()
}

#[tokio::test]
async fn summaries_equal_a_fresh_count_after_every_write() {
    for (store, _dir) in stores().await {
        let actor = Actor::shell();
        agree(&store, "opening").await;

        // Import: four paragraphs of 2024.
        let first = ProtocolBuilder::itsam().build();
        let n = first.items.len() as i64;
        store
            .import_protocol(&first, b"one", "one.txt", ITSAM)
            .await
            .expect("import");
        agree(&store, "an import").await;
        assert_eq!(itsam(&store).await, (1, n));
        let body = store.authority(A).await.unwrap().unwrap().bodies[0].clone();
        assert_eq!(
            (
                body.meeting_count,
                body.paragraph_count,
                body.first_meeting.map(|d| d.to_string()),
                body.last_meeting.map(|d| d.to_string()),
            ),
            (1, n, Some("2024-03-05".into()), Some("2024-03-05".into()))
        );

        // Re-import of the same meeting with two paragraphs only: an update.
        let fewer = ProtocolBuilder::itsam()
            .items(vec![item(1, None, "Ett"), item(2, None, "Två")])
            .build();
        let outcome = store
            .import_protocol(&fewer, b"fewer", "fewer.txt", ITSAM)
            .await
            .expect("re-import");
        assert!(matches!(
            outcome,
            kansli_store::ImportOutcome::Updated { .. }
        ));
        agree(&store, "a re-import").await;
        assert_eq!(itsam(&store).await, (1, 2));

        // A batch of generated protocols over several authorities, bodies and years.
        let mut batch: Vec<_> = (0..12).map(generated).collect();
        for (p, _) in &mut batch {
            p.warnings.clear();
        }
        let jobs: Vec<ImportJob> = batch
            .iter()
            .map(|(p, authority)| ImportJob {
                parsed: p,
                original: p.body.as_bytes(),
                file_name: "f.txt",
                authority,
            })
            .collect();
        for outcome in store.import_protocols(&jobs).await {
            outcome.expect("batch import");
        }
        agree(&store, "a batch import").await;
        let older = ProtocolBuilder::itsam()
            .date(2021, 11, 18)
            .body("Arbetsutskottet")
            .build();
        let au = store
            .import_protocol(&older, b"older", "older.txt", ITSAM)
            .await
            .expect("import");
        agree(&store, "an import into another body").await;
        assert_eq!(years(&store, "arbetsutskottet").await, [(2021, 1)]);

        // A planned meeting counts among the meetings; its minutes' paragraphs only once
        // they are justerade.
        let (meetings, paragraphs) = itsam(&store).await;
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 18).unwrap();
        let planned = store
            .plan_meeting(
                &actor,
                A,
                "direktionen",
                &NewMeeting {
                    date: day,
                    start_time: Some("13:00".into()),
                    end_time: Some("14:00".into()),
                    place: Some("Digitalt".into()),
                },
            )
            .await
            .expect("plan")
            .expect("the body exists");
        agree(&store, "a planned meeting").await;
        assert_eq!(itsam(&store).await, (meetings + 1, paragraphs));
        for title in ["Val av justerare", "Information"] {
            store
                .add_agenda_item(
                    &actor,
                    A,
                    "direktionen",
                    &planned.slug,
                    None,
                    &NewAgendaItem {
                        kind: AgendaKind::Information,
                        case: None,
                        title: Some(title.into()),
                        proposal: None,
                        presenter: None,
                        documents: Vec::new(),
                        prepared_in: None,
                    },
                )
                .await
                .expect("agenda item");
        }
        let agenda = store
            .meeting_agenda(A, "direktionen", &planned.slug)
            .await
            .unwrap()
            .expect("agenda");
        let seats = store.body_seats(A, "direktionen", day).await.unwrap();
        let first_number = store
            .next_paragraph_number(agenda.meeting_id)
            .await
            .unwrap();
        let mut record =
            kansli_store::record::propose_draft(&agenda, &seats, &[], first_number).unwrap();
        record.secretary = Some("Sara Sekreterare".into());
        for item in &mut record.items {
            item.decision = Some("Direktionen beslutar att notera informationen.".into());
        }
        let recorded = record.items.len() as i64;
        assert_eq!(recorded, 2);
        let version = store
            .save_minutes_draft(&actor, agenda.meeting_id, 0, &record)
            .await
            .expect("draft");
        store
            .release_minutes(
                &actor,
                agenda.meeting_id,
                version,
                &["Leif Ledamot".to_string()],
                Some("Digitalt"),
                Some(day),
            )
            .await
            .expect("release");
        agree(&store, "released minutes").await;
        assert_eq!(itsam(&store).await, (meetings + 1, paragraphs));
        store
            .justera_minutes(&actor, agenda.meeting_id, day)
            .await
            .expect("justera");
        agree(&store, "a justering").await;
        assert_eq!(itsam(&store).await, (meetings + 1, paragraphs + recorded));

        // Moved to another body, then removed.
        let in_2021 = |y: Vec<(i32, i64)>| y.iter().find(|c| c.0 == 2021).map_or(0, |c| c.1);
        let direktionen_2021 = in_2021(years(&store, "direktionen").await);
        let moved = store
            .move_imported_meeting(au.meeting_id(), ITSAM, Some("Direktionen"), &actor)
            .await
            .expect("moved");
        agree(&store, "a move").await;
        assert_eq!(years(&store, "arbetsutskottet").await, []);
        assert_eq!(
            in_2021(years(&store, "direktionen").await),
            direktionen_2021 + 1
        );
        store
            .remove_imported_meeting(moved.to.meeting_id, &actor, None)
            .await
            .expect("removed");
        agree(&store, "a removal").await;
        assert_eq!(
            itsam(&store).await,
            (meetings, paragraphs + recorded - older.items.len() as i64)
        );
    }
}

/// The paragraph numbers the law engine's numbering checks read for a body's year are those
/// `MeetingNumbers::of` takes from each public record, also for minutes without paragraphs
/// (their printed range) and not for minutes of other years or bodies.
#[tokio::test]
async fn the_years_paragraph_numbers_are_those_of_the_records() {
    use kansli_core::law::checks::MeetingNumbers;
    for (store, _dir) in stores().await {
        for n in 0..60 {
            let (p, authority) = generated(n);
            store
                .import_protocol(&p, format!("{n}").as_bytes(), "f.txt", &authority)
                .await
                .expect("import");
        }
        let bare = ProtocolBuilder::itsam()
            .date(1990, 12, 30)
            .first_paragraph(40)
            .with(|p| p.items.clear())
            .build();
        store
            .import_protocol(&bare, b"bare", "bare.txt", ITSAM)
            .await
            .expect("import");
        let (a, b, year) = (A, "direktionen", 1990);
        let records = store
            .minutes_between(a, b, "1990-01-01", "1991-01-01", true)
            .await
            .unwrap();
        assert!(records.len() > 2, "{} meetings", records.len());
        let expected: Vec<(i64, MeetingNumbers)> = records
            .iter()
            .map(|r| {
                // The numbers come in number order (the read keeps to an index).
                let mut numbers = MeetingNumbers::of(&r.record);
                numbers.paragraphs.sort_unstable();
                (r.meeting_id, numbers)
            })
            .collect();
        let read: Vec<(i64, MeetingNumbers)> = store
            .body_numbers_in_year(a, b, year)
            .await
            .unwrap()
            .into_iter()
            .map(|r| (r.meeting_id, r.numbers))
            .collect();
        assert_eq!(read, expected);
        assert!(
            read.iter()
                .any(|(_, n)| n.paragraphs == (40..=43).collect::<Vec<_>>()),
            "the bare minutes' printed range"
        );
    }
}
