//! Search over the real sample protocols: inflected forms, compounds, phrases, filters, facets,
//! typos, suggestions, and the index converging on the database after interruptions.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use kansli_search::{SearchIndex, SearchRequest, SearchResults, Sort};
use kansli_store::{Store, StoreConfig};

const SAMPLES: &[&str] = &[
    "itsam-direktionen-2021-11-18.txt",
    "itsam-direktionen-2024-03-05.txt",
    "itsam-direktionen-2025-03-27.txt",
    "lomma-barn-och-utbildningsnamnden-2024-05-14.txt",
    "lomma-kommunfullmaktige-2024-09-26.txt",
    "lomma-kultur-och-fritidsnamnden-2025-02-03.txt",
];

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_780_000_000, 0).unwrap_or_default()
}

async fn store_in(dir: &Path) -> Store {
    Store::open(&StoreConfig {
        data_dir: dir.to_path_buf(),
        database_url: None,
    })
    .await
    .expect("open store")
}

async fn import(store: &Store, names: &[&str]) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/samples");
    for name in names {
        let bytes = std::fs::read(root.join(name)).expect("sample");
        let parsed = kansli_import::parse_bytes(&bytes).expect("parse");
        let authority = parsed
            .authority
            .clone()
            .unwrap_or_else(|| "Lomma kommun".to_string());
        store
            .import_protocol(&parsed, &bytes, name, &authority)
            .await
            .expect("import");
    }
}

async fn archive() -> (tempfile::TempDir, Store, SearchIndex) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_in(dir.path()).await;
    import(&store, SAMPLES).await;
    let index = SearchIndex::open_for(&store).expect("open index");
    let report = index.catch_up(&store, now()).await.expect("catch up");
    assert!(report.paragraphs > 50, "{report:?}");
    (dir, store, index)
}

fn q(text: &str) -> SearchRequest {
    SearchRequest {
        query: text.to_string(),
        limit: 20,
        ..SearchRequest::default()
    }
}

fn titles(r: &SearchResults) -> Vec<String> {
    r.hits
        .iter()
        .map(|h| {
            format!(
                "{} {} § {} {}",
                h.body, h.meeting_date, h.paragraph, h.title
            )
        })
        .collect()
}

#[tokio::test]
async fn searches_over_the_samples() {
    let (_dir, _store, index) = archive().await;
    let search = |r: SearchRequest| index.search(&r).expect("search");

    // Inflected forms meet: "ringnät" finds "ringnätet", "ringnätsprojektet" …
    let r = search(q("ringnät"));
    assert!(r.total >= 1, "ringnät: {:?}", titles(&r));
    assert!(
        r.hits[0].snippet_html.contains("<mark>"),
        "{}",
        r.hits[0].snippet_html
    );
    let r2 = search(q("ringnäten"));
    assert_eq!(r.hits[0].paragraph_id, r2.hits[0].paragraph_id);

    let r = search(q("dataskyddsombud"));
    assert!(r.total >= 1, "dataskyddsombud");
    // The agenda says "dataskyddsombud", the paragraph itself "dataskyddsbud": found either way.
    assert!(
        r.hits.iter().any(|h| h.paragraph == 18
            && h.meeting_date == NaiveDate::from_ymd_opt(2025, 3, 27).unwrap_or_default()),
        "{:?}",
        titles(&r)
    );
    assert!(!r.fuzzy);

    // "Kindas utträde" in the minutes.
    let r = search(q("Kinda utträde"));
    assert!(r.total >= 1, "Kinda utträde");
    assert!(r.hits.iter().all(|h| h.authority.contains("itsam")));

    // A phrase, and the same words out of order that the phrase does not match.
    let phrase = search(q("\"Kindas utträde\""));
    assert!(phrase.total >= 1);
    let reversed = search(q("\"utträde Kindas\""));
    assert!(reversed.total < phrase.total || reversed.total == 0);

    // Facets count all matches per authority, body and year.
    let r = search(q("beslutar"));
    assert!(r.facets.authorities.len() >= 2, "{:?}", r.facets);
    let sum: u64 = r.facets.authorities.iter().map(|f| f.count).sum();
    assert_eq!(sum as usize, r.total);
    assert!(r.facets.bodies.len() >= 3);
    assert!(r.facets.years.iter().any(|y| y.value == "2024"));
    assert!(
        r.facets
            .authorities
            .iter()
            .any(|a| a.label == "Lomma kommun"),
        "{:?}",
        r.facets.authorities
    );

    // Filters: authority, body, dates, Dnr, person.
    let lomma = search(SearchRequest {
        authority: Some("lomma-kommun".into()),
        ..q("beslutar")
    });
    assert!(lomma.total > 0 && lomma.total < r.total);
    assert!(lomma.hits.iter().all(|h| h.authority == "lomma-kommun"));
    let body = &lomma.facets.bodies[0];
    let one_body = search(SearchRequest {
        authority: Some("lomma-kommun".into()),
        body: Some(body.value.clone()),
        ..q("beslutar")
    });
    assert_eq!(one_body.total as u64, body.count);
    let dated = search(SearchRequest {
        from: NaiveDate::from_ymd_opt(2024, 1, 1),
        to: NaiveDate::from_ymd_opt(2024, 12, 31),
        ..q("beslutar")
    });
    assert!(dated.total > 0 && dated.total < r.total);
    assert!(
        dated
            .hits
            .iter()
            .all(|h| h.meeting_date.format("%Y").to_string() == "2024")
    );
    // Bounds beyond the years the index can hold mean no bound (they once overflowed).
    let unbounded = search(SearchRequest {
        from: NaiveDate::from_ymd_opt(1, 1, 1),
        to: NaiveDate::from_ymd_opt(6690, 5, 8),
        ..q("beslutar")
    });
    assert_eq!(unbounded.total, r.total);
    let with_dnr = search(q("ringnät"))
        .hits
        .into_iter()
        .find_map(|h| h.dnr)
        .expect("a ringnät paragraph with a Dnr");
    let by_dnr = search(SearchRequest {
        dnr: Some(with_dnr.clone()),
        ..q("")
    });
    assert!(by_dnr.total >= 1);
    assert!(
        by_dnr
            .hits
            .iter()
            .all(|h| h.dnr.as_deref() == Some(with_dnr.as_str()))
    );
    let newest = search(SearchRequest {
        sort: Sort::Newest,
        ..q("beslutar")
    });
    let dates: Vec<NaiveDate> = newest.hits.iter().map(|h| h.meeting_date).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
}

#[tokio::test]
async fn person_filter_typos_and_suggestions() {
    let (_dir, _store, index) = archive().await;
    let search = |r: SearchRequest| index.search(&r).expect("search");

    // Someone who attended the Itsam meeting of 2024-03-05.
    let all = search(q("direktionen"));
    assert!(all.total > 0);
    let person = search(SearchRequest {
        person: Some("Peter Wallentin".into()),
        ..q("")
    });
    let anyone = search(SearchRequest {
        person: Some("Nobody Nameless".into()),
        ..q("")
    });
    assert_eq!(anyone.total, 0);
    // Peter Wallentin is named in the text; as a filter he must be a participant, which the
    // parser may or may not record: the filter must not fail either way.
    let _ = person;
    // Marie Nilsson chairs Lomma's kommunfullmäktige: every paragraph she attended, and only
    // Lomma's; with a query word too.
    let chair = search(SearchRequest {
        person: Some("Marie Nilsson".into()),
        limit: 100,
        ..q("")
    });
    assert!(chair.total > 5, "{}", chair.total);
    assert!(chair.hits.iter().all(|h| h.authority == "lomma-kommun"));
    let both = search(SearchRequest {
        person: Some("marie nilsson".into()),
        ..q("beslutar")
    });
    assert!(both.total > 0 && both.total <= chair.total);

    // A typo in a place name still finds it, with a suggestion.
    let r = search(q("Kinnda"));
    assert!(r.total >= 1, "typo");
    assert!(r.fuzzy);
    assert_eq!(r.suggestion.as_deref(), Some("Kinda"), "{:?}", r.suggestion);
    assert!(
        r.hits[0].snippet_html.contains("<mark>"),
        "{}",
        r.hits[0].snippet_html
    );

    let r = search(q("dataskydsombud"));
    assert!(r.total >= 1);
    assert_eq!(r.suggestion.as_deref(), Some("dataskyddsombud"));

    // Nothing at all: no hits, maybe a suggestion, never an error.
    let r = search(q("xqzwvk"));
    assert_eq!(r.total, 0);
    let r = search(q("och att"));
    assert_eq!(r.total, 0);
}

#[tokio::test]
async fn compounds_match_their_parts() {
    let (_dir, _store, index) = archive().await;
    let search = |r: SearchRequest| index.search(&r).expect("search");
    // "ringnät" is a compound of ring + nät: "nät" alone finds it through the parts field.
    let whole = search(q("ringnät"));
    let part = search(q("nät"));
    assert!(
        part.total >= whole.total,
        "{} < {}",
        part.total,
        whole.total
    );
}

/// The search page's hint, kept: a word finds its inflections, and a compound's first part finds
/// the compound even when that part never stands alone in the archive (issue 17: `skyfall` found
/// nothing though Lomma's kommunfullmäktige decided on a "skyfallsplan"; `gymnasiet` did not find
/// "gymnasieskola").
#[tokio::test]
async fn words_find_their_inflections_and_the_compounds_they_begin() {
    let (_dir, _store, index) = archive().await;
    let search = |r: SearchRequest| index.search(&r).expect("search");
    let found = |query: &str, title_or_snippet: &str| {
        let r = search(q(query));
        assert!(
            r.hits.iter().any(|h| {
                h.title.to_lowercase().contains(title_or_snippet)
                    || h.snippet.to_lowercase().contains(title_or_snippet)
            }),
            "{query:?} should find {title_or_snippet:?}: {:?}",
            titles(&r)
        );
        r
    };
    let r = found("skyfall", "skyfallsplan");
    assert!(r.hits[0].snippet_html.contains("<mark>"), "{:?}", r.hits[0]);
    assert!(r.hits.iter().all(|h| h.authority == "lomma-kommun"));
    found("skyfallsplanen", "skyfallsplan");
    found("gymnasiet", "gymnasieskola");
    found("gymnasieskolan", "gymnasieskola");
    // Inflections both ways, also those Snowball leaves whole ("gymnasiet").
    assert!(search(q("ringnätet")).total > 0);
    assert!(search(q("ringnät")).total > 0);
    assert!(search(q("investeringarna")).total > 0);
    found("gymnasiets", "gymnasieskola");
    // The -an pair the stemmer leaves apart: "skola" finds "skolan".
    found("skola", "skolan");
}

/// A person search finds paragraphs the person took part in and paragraphs naming them, and
/// says which.
#[tokio::test]
async fn a_person_search_says_why_a_paragraph_matched() {
    use kansli_search::PersonMatch;
    let (_dir, _store, index) = archive().await;
    let search = |r: SearchRequest| index.search(&r).expect("search");
    // Peter Wallentin is named in the text of Itsam's paragraphs of 2024-03-05.
    let named = search(SearchRequest {
        person: Some("Peter Wallentin".into()),
        limit: 100,
        ..q("")
    });
    assert!(named.total > 0);
    assert!(
        named.hits.iter().any(|h| matches!(
            h.person_match,
            Some(PersonMatch::NamedInText | PersonMatch::AttendedAndNamed)
        )),
        "{:?}",
        named
            .hits
            .iter()
            .map(|h| h.person_match)
            .collect::<Vec<_>>()
    );
    // The chair of Lomma's kommunfullmäktige attended every paragraph of her meeting.
    let chair = search(SearchRequest {
        person: Some("Marie Nilsson".into()),
        limit: 100,
        ..q("")
    });
    assert!(chair.total > 5);
    assert!(
        chair.hits.iter().all(|h| h.person_match.is_some()),
        "every hit says why"
    );
    assert!(chair.hits.iter().any(|h| matches!(
        h.person_match,
        Some(PersonMatch::Attended | PersonMatch::AttendedAndNamed)
    )));
    // No person searched: no reason given.
    let plain = search(q("direktionen"));
    assert!(plain.hits.iter().all(|h| h.person_match.is_none()));
}

#[tokio::test]
async fn the_index_converges_on_the_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_in(dir.path()).await;
    import(&store, &SAMPLES[..2]).await;
    let index = SearchIndex::open_for(&store).expect("open index");
    let first = index.catch_up(&store, now()).await.expect("catch up");
    assert!(first.rebuilt);
    let before = index.num_docs();
    // Imports the index has not seen (a crash after the database committed).
    import(&store, &SAMPLES[2..]).await;
    assert_eq!(index.num_docs(), before);
    drop(index);
    let index = SearchIndex::open_for(&store).expect("reopen index");
    let second = index.catch_up(&store, now()).await.expect("catch up");
    assert!(!second.rebuilt);
    assert_eq!(second.minutes, SAMPLES.len() - 2);
    let incremental = index.num_docs();
    assert!(incremental > before);
    // Nothing new: nothing written.
    let third = index.catch_up(&store, now()).await.expect("catch up");
    assert_eq!(third.paragraphs, 0);
    // The same protocol again changes nothing; the index stays equal.
    import(&store, &SAMPLES[..1]).await;
    index.catch_up(&store, now()).await.expect("catch up");
    assert_eq!(index.num_docs(), incremental);

    let queries = [
        "ringnät",
        "Kinda utträde",
        "beslutar",
        "dataskyddsombud",
        "budget",
    ];
    let before: Vec<_> = queries
        .iter()
        .map(|t| index.search(&q(t)).expect("search"))
        .collect();
    drop(index);
    // Rebuilding from the database gives the same documents and the same hits.
    let report = SearchIndex::rebuild(&store, now()).await.expect("rebuild");
    assert!(report.rebuilt);
    let index = SearchIndex::open_for(&store).expect("open rebuilt");
    assert_eq!(index.num_docs(), incremental);
    for (t, b) in queries.iter().zip(before) {
        let a = index.search(&q(t)).expect("search");
        let ids = |r: &SearchResults| {
            let mut v: Vec<i64> = r.hits.iter().map(|h| h.paragraph_id).collect();
            v.sort_unstable();
            v
        };
        assert_eq!(a.total, b.total, "{t}");
        assert_eq!(ids(&a), ids(&b), "{t}");
    }
    assert!(!dir.path().join("index.new").exists());
}

#[tokio::test]
async fn long_queries_are_refused_and_the_worst_bounded_one_is_answered() {
    use kansli_search::limits::{MAX_QUERY_CHARS, MAX_QUERY_TERMS, Refusal};
    let (_dir, _store, index) = archive().await;
    // The query of issue 17: 3,000 words.
    let long = "investeringsbudget Kinnda ".repeat(1500);
    match index.search(&q(&long)) {
        Err(kansli_search::SearchError::Refused(Refusal::QueryTooLong { .. })) => {}
        other => panic!("refused as too long, not {other:?}"),
    }
    // The worst within the bounds: the most words, each unknown (typo tolerance, suggestion) and
    // long enough to be tried as a compound. Answered (the caps on expansions keep it cheap;
    // bench/abuse.sh measures the memory).
    let letters: Vec<char> = "abcdefghijklmnopqrstuvwxyzåäö".chars().collect();
    let worst: Vec<String> = (0..MAX_QUERY_TERMS)
        .map(|i| format!("budgetpl{}{}", letters[i % 29], letters[(i / 29) % 29]))
        .collect();
    let worst = worst.join(" ");
    assert!(worst.chars().count() <= MAX_QUERY_CHARS);
    let r = index.search(&q(&worst)).expect("answered");
    assert_eq!(r.total, 0);
    // One word too many is refused.
    let too_many = format!("{worst} budget");
    assert!(matches!(
        index.search(&q(&too_many)),
        Err(kansli_search::SearchError::Refused(
            Refusal::TooManyTerms { .. }
        ))
    ));
    // Paging deeper than the window is refused; a misspelt word still finds its paragraph.
    let mut deep = q("budget");
    deep.offset = kansli_search::limits::MAX_RESULT_WINDOW;
    assert!(index.search(&deep).is_err());
    let typo = index.search(&q("Kinnda utträde")).expect("search");
    assert!(typo.total > 0 && typo.fuzzy, "{typo:?}");
}
