//! The review of imported minutes, on both backends: minutes with shaky fields are listed
//! (newest first, by scope, paginated), a correction changes what the public reads and the
//! search feed sees, sets the field's confidence to 1, is kept and audited, survives a
//! re-import of the same file and is applied again to a new reading of the minutes; bad values
//! are refused naming the field.

mod builder;

use std::sync::Arc;

use builder::ProtocolBuilder;
use chrono::{DateTime, NaiveDate, Utc};
use kansli_core::protocol::ParsedProtocol;
use kansli_core::review::ReviewField;
use kansli_store::{
    Actor, AuditFilter, ImportOutcome, NewPassage, ReviewScope, Store, StoreConfig, StoreError,
};

const ITSAM: &str = "Kommunalförbundet Itsam";
const A: &str = "kommunalforbundet-itsam";
const B: &str = "direktionen";
const M: &str = "2024-03-05";

async fn stores() -> Vec<(Store, tempfile::TempDir)> {
    let mut urls = vec![None];
    if let Some(url) = kansli_testpg::fresh_database_url() {
        urls.push(Some(url));
    }
    let now: DateTime<Utc> = "2026-11-30T09:00:00Z".parse().expect("time");
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

/// The Itsam sample as a parser unsure of its chair and without the notice's first day.
fn shaky() -> ParsedProtocol {
    ProtocolBuilder::itsam()
        .with(|p| {
            p.notice.posted = None;
            p.confidence.insert("chair".into(), 0.6);
            p.confidence.insert("notice.posted".into(), 0.0);
            p.confidence.insert("participants".into(), 1.0);
            p.confidence.insert("items.title".into(), 1.0);
            p.warnings.push("no chair (ordförande) found".into());
        })
        .build()
}

fn secretary() -> Actor {
    Actor {
        user_id: None,
        label: "sara@itsam.se".into(),
        via: "test".into(),
        address: None,
    }
}

const ORIGINAL: &[u8] = b"PROTOKOLL Direktionen 2024-03-05 (the original as imported)";

#[tokio::test]
async fn shaky_minutes_are_listed_by_scope_newest_first() {
    for (store, _dir) in stores().await {
        store
            .import_protocol(&shaky(), ORIGINAL, "a.txt", ITSAM)
            .await
            .unwrap();
        let later = ProtocolBuilder::itsam()
            .date(2024, 4, 9)
            .first_paragraph(5)
            .with(|p| {
                p.confidence.insert("justerare".into(), 0.5);
            })
            .build();
        store
            .import_protocol(&later, b"the later original", "b.txt", ITSAM)
            .await
            .unwrap();
        let sure = ProtocolBuilder::itsam()
            .date(2024, 5, 7)
            .first_paragraph(9)
            .build();
        store
            .import_protocol(&sure, b"a sure original", "c.txt", ITSAM)
            .await
            .unwrap();

        let all = store
            .import_reviews(&ReviewScope::All, 1, 20)
            .await
            .unwrap();
        assert_eq!(all.total, 2, "{all:?}");
        let dates: Vec<&str> = all
            .items
            .iter()
            .map(|i| i.meeting.meeting_date.as_str())
            .collect();
        assert_eq!(dates, ["2024-04-09", M]);
        assert!(all.items[1].fields.contains(&"chair".to_string()));
        assert!(all.items[1].fields.contains(&"notice.posted".to_string()));
        assert!(!all.items[1].fields.contains(&"justerare".to_string()));

        let page2 = store.import_reviews(&ReviewScope::All, 2, 1).await.unwrap();
        assert_eq!(page2.items.len(), 1);
        assert_eq!(page2.items[0].meeting.meeting_date, M);
        let mine = ReviewScope::Bodies(vec![(A.into(), B.into())]);
        assert_eq!(store.import_reviews(&mine, 1, 20).await.unwrap().total, 2);
        let other = ReviewScope::Bodies(vec![(A.into(), "arbetsutskottet".into())]);
        assert_eq!(store.import_reviews(&other, 1, 20).await.unwrap().total, 0);
        assert!(
            store
                .import_reviews(&ReviewScope::All, 5000, 20)
                .await
                .unwrap()
                .items
                .is_empty()
        );
    }
}

#[tokio::test]
async fn a_correction_reaches_the_public_read_is_audited_and_survives_reimport() {
    for (store, _dir) in stores().await {
        store
            .import_protocol(&shaky(), ORIGINAL, "a.txt", ITSAM)
            .await
            .unwrap();
        let posted = ReviewField::NoticePosted;
        let done = store
            .correct_imported_field(
                A,
                B,
                M,
                &posted,
                Some(&["2024-03-11".to_string()]),
                Some("läst i originalet"),
                &secretary(),
            )
            .await
            .unwrap()
            .expect("the meeting");
        assert_eq!(done.before, Vec::<String>::new());
        assert_eq!(done.after, ["2024-03-11"]);
        let title = ReviewField::ItemTitle(2);
        store
            .correct_imported_field(
                A,
                B,
                M,
                &title,
                Some(&["Budget för 2025, rättad".to_string()]),
                None,
                &secretary(),
            )
            .await
            .unwrap();
        store
            .correct_imported_field(A, B, M, &ReviewField::Chair, None, None, &secretary())
            .await
            .unwrap();

        let check = |store: Store| async move {
            let view = store.meeting(A, B, M).await.unwrap().expect("public");
            assert_eq!(
                view.header.notices[0].posted,
                NaiveDate::from_ymd_opt(2024, 3, 11)
            );
            let p2 = view.paragraphs.iter().find(|p| p.number == 2).unwrap();
            assert_eq!(p2.title, "Budget för 2025, rättad");
            let review = store.import_review(A, B, M).await.unwrap().unwrap();
            assert_eq!(
                ReviewField::NoticePosted.confidence(&review.reading),
                Some(1.0)
            );
            assert_eq!(ReviewField::Chair.confidence(&review.reading), Some(1.0));
            assert_eq!(
                review.confirmed(),
                ["chair", "items.2.title", "notice.posted"]
            );
            // Nothing left to check: the list no longer shows the minutes.
            assert_eq!(
                store
                    .import_reviews(&ReviewScope::All, 1, 20)
                    .await
                    .unwrap()
                    .total,
                0
            );
        };
        check(store.clone()).await;
        // The search index follows the change log: the correction is a change, and the feed
        // gives the corrected title.
        let changes = store.changes_after(0, 100).await.unwrap();
        let minutes_id = changes.last().unwrap().entity_id;
        assert!(
            changes.len() >= 4,
            "the import and three corrections: {changes:?}"
        );
        let docs = store.search_documents(&[minutes_id]).await.unwrap();
        assert!(
            docs.iter().any(|d| d.title == "Budget för 2025, rättad"),
            "{:?}",
            docs.iter().map(|d| &d.title).collect::<Vec<_>>()
        );

        let (events, _) = store
            .audit_events(&AuditFilter {
                limit: 50,
                ..Default::default()
            })
            .await
            .unwrap();
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        assert!(actions.contains(&"minutes.review.correct"), "{actions:?}");
        assert!(actions.contains(&"minutes.review.confirm"), "{actions:?}");
        let e = events
            .iter()
            .find(|e| e.action == "minutes.review.correct")
            .unwrap();
        assert_eq!(e.actor, "sara@itsam.se");
        assert_eq!(e.entity, format!("meeting:{A}/{B}/{M}"));

        // The same file again: unchanged, the corrections stay.
        let again = store
            .import_protocol(&shaky(), ORIGINAL, "a.txt", ITSAM)
            .await
            .unwrap();
        assert!(
            matches!(again, ImportOutcome::Unchanged { .. }),
            "{again:?}"
        );
        check(store.clone()).await;

        // A new reading of the minutes (another file): the corrections are applied again; one
        // the new reading contradicts is kept with a warning.
        let newer = shaky().tap(|p| {
            p.items[0].decision = Some("Direktionen beslutar annorlunda.".into());
            p.items[1].title = "Budget 2025 (omläst)".into();
        });
        let outcome = store
            .import_protocol(&newer, b"another scan of the minutes", "a2.txt", ITSAM)
            .await
            .unwrap();
        assert!(
            matches!(outcome, ImportOutcome::Updated { .. }),
            "{outcome:?}"
        );
        check(store.clone()).await;
        let review = store.import_review(A, B, M).await.unwrap().unwrap();
        assert!(
            review
                .reading
                .warnings
                .iter()
                .any(|w| w.starts_with("items.2.title: the new reading gives")),
            "{:?}",
            review.reading.warnings
        );
        assert_eq!(
            review.reading.items[0].decision.as_deref(),
            Some("Direktionen beslutar annorlunda.")
        );
    }
}

#[tokio::test]
async fn bad_values_are_refused_naming_the_field() {
    for (store, _dir) in stores().await {
        store
            .import_protocol(&shaky(), ORIGINAL, "a.txt", ITSAM)
            .await
            .unwrap();
        let refused = |r: Result<_, StoreError>| match r {
            Err(StoreError::Invalid(m)) => m,
            other => panic!("{other:?}"),
        };
        let m = refused(
            store
                .correct_imported_field(
                    A,
                    B,
                    M,
                    &ReviewField::NoticeRemoval,
                    Some(&["2024-02-30".to_string()]),
                    None,
                    &secretary(),
                )
                .await,
        );
        assert!(m.starts_with("notice.removal:"), "{m}");
        let m = refused(
            store
                .correct_imported_field(
                    A,
                    B,
                    M,
                    &ReviewField::ItemTitle(99),
                    Some(&["X".to_string()]),
                    None,
                    &secretary(),
                )
                .await,
        );
        assert!(m.contains("§ 99"), "{m}");
        let m = refused(
            store
                .correct_imported_field(
                    A,
                    B,
                    M,
                    &ReviewField::Authority,
                    Some(&["Lomma kommun".to_string()]),
                    None,
                    &secretary(),
                )
                .await,
        );
        assert!(m.starts_with("authority:"), "{m}");
        // Nothing was changed or kept.
        let review = store.import_review(A, B, M).await.unwrap().unwrap();
        assert!(review.corrections.is_empty());
        assert!(
            store
                .correct_imported_field(
                    A,
                    B,
                    "2030-01-01",
                    &ReviewField::Chair,
                    None,
                    None,
                    &secretary()
                )
                .await
                .unwrap()
                .is_none()
        );
    }
}

/// The public refuses the original of masked minutes; the review still shows it (to the staff
/// the server lets through), and only as an original of that very meeting.
#[tokio::test]
async fn the_review_serves_the_original_of_masked_minutes() {
    for (store, _dir) in stores().await {
        store
            .import_protocol(&shaky(), ORIGINAL, "a.txt", ITSAM)
            .await
            .unwrap();
        let review = store.import_review(A, B, M).await.unwrap().unwrap();
        let sha = review.originals[0].sha256.clone();
        assert!(store.file(&sha).await.unwrap().is_some());
        store
            .mark_redaction(
                &secretary(),
                review.minutes_id,
                &NewPassage {
                    paragraph: None,
                    text: "Jacob Käll".into(),
                    ground: "OSL 21 kap. 7 §".into(),
                },
            )
            .await
            .unwrap();
        assert!(
            store.file(&sha).await.unwrap().is_none(),
            "masked: not public"
        );
        let original = store.import_original(A, B, M, &sha).await.unwrap().unwrap();
        assert_eq!(original.bytes, ORIGINAL);
        assert!(
            store
                .import_original(A, B, "2030-01-01", &sha)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            store
                .import_original(A, B, M, &"0".repeat(64))
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn a_move_keeps_the_corrections() {
    for (store, _dir) in stores().await {
        let outcome = store
            .import_protocol(&shaky(), ORIGINAL, "a.txt", ITSAM)
            .await
            .unwrap();
        let ImportOutcome::Imported { meeting_id } = outcome else {
            panic!("{outcome:?}");
        };
        store
            .correct_imported_field(
                A,
                B,
                M,
                &ReviewField::Justerare,
                Some(&["Thomas Lidberg\nAnna Andersson".to_string()]),
                None,
                &secretary(),
            )
            .await
            .unwrap();
        let moved = store
            .move_imported_meeting(meeting_id, "Linköpings kommun", None, &secretary())
            .await
            .unwrap();
        let to = moved.to;
        let view = store
            .meeting(&to.authority_slug, &to.body_slug, &to.meeting_slug)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(view.header.justerare, ["Thomas Lidberg", "Anna Andersson"]);
        let review = store
            .import_review(&to.authority_slug, &to.body_slug, &to.meeting_slug)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(review.corrections.len(), 1);
    }
}

trait Tap: Sized {
    fn tap(self, f: impl FnOnce(&mut Self)) -> Self;
}

impl Tap for ParsedProtocol {
    fn tap(mut self, f: impl FnOnce(&mut Self)) -> Self {
        f(&mut self);
        self
    }
}

/// Two people correcting two fields of the same minutes at once: both corrections hold.
#[tokio::test]
async fn concurrent_corrections_are_both_kept() {
    for (store, _dir) in stores().await {
        store
            .import_protocol(&shaky(), ORIGINAL, "a.txt", ITSAM)
            .await
            .unwrap();
        let posted = ["2024-03-11".to_string()];
        let chair = ["Jacob Käll (ordf.)".to_string()];
        let (actor_a, actor_b) = (secretary(), secretary());
        let (a, b) = tokio::join!(
            store.correct_imported_field(
                A,
                B,
                M,
                &ReviewField::NoticePosted,
                Some(&posted),
                None,
                &actor_a
            ),
            store.correct_imported_field(
                A,
                B,
                M,
                &ReviewField::Chair,
                Some(&chair),
                None,
                &actor_b
            ),
        );
        a.unwrap();
        b.unwrap();
        let review = store.import_review(A, B, M).await.unwrap().unwrap();
        assert_eq!(
            review.reading.notice.posted,
            NaiveDate::from_ymd_opt(2024, 3, 11)
        );
        assert_eq!(review.reading.chair.as_deref(), Some("Jacob Käll (ordf.)"));
    }
}
