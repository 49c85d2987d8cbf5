//! The public pages' response cache, on both backends: a page asked for twice is answered from
//! memory the second time (`x-cache: hit`), and every kind of change makes the next answer a
//! fresh one that shows it — a correction of the imported reading through this server's store,
//! a re-import through a second store on the same database (another server, or `kansli
//! import`, which the cache cannot be told about), a mask decided on (the published copy), and
//! the next day (the law status depends on today). The database's generation itself is checked
//! beside it: still without writes, moved by a write on any connection.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use kansli_core::review::ReviewField;
use kansli_server::{AppState, router};
use kansli_store::{Actor, Store, StoreConfig};
use reqwest::StatusCode;

const A: &str = "provkommunen";
const B: &str = "socialnamnden";
const M: &str = "2024-03-05";
const PNR: &str = "811218-9876";
/// What the numbering check says of a meeting whose numbers an earlier one of the year holds.
const CLASH: &str = "samma paragrafnummer återkommer";
const FIXTURE: &str = "../../fixtures/redaction/socialnamnden-2024-03-05.txt";

struct App {
    base: String,
    client: reqwest::Client,
    store: Store,
    config: StoreConfig,
    today: Arc<Mutex<NaiveDate>>,
    meeting_id: i64,
    _dir: tempfile::TempDir,
}

impl App {
    /// Status, `x-cache` and body of a GET.
    async fn get(&self, path: &str) -> (StatusCode, String, String) {
        let r = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        let status = r.status();
        let cache = r
            .headers()
            .get("x-cache")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        (status, cache, r.text().await.unwrap())
    }

    /// Asks for `path` until it is answered from the cache; returns that body.
    async fn cached(&self, path: &str) -> String {
        let on = self.store.backend();
        let (s, first, body) = self.get(path).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        assert_eq!(
            first, "miss",
            "{on:?} {path}: the first answer after a change is fresh"
        );
        let again = self.hit(path).await;
        assert_eq!(
            body, again,
            "{on:?} {path}: the cache answers the same bytes"
        );
        body
    }

    /// Waits until the generation no longer changes on its own: on PostgreSQL until the
    /// store's change feed listens (before it, the generation is the database's snapshot,
    /// and the switch makes one miss).
    async fn settled(&self) {
        let start = std::time::Instant::now();
        while self.store.backend() == kansli_store::Backend::Postgres
            && !format!("{:?}", self.store.generation().await.unwrap()).contains("feed:")
        {
            assert!(
                start.elapsed() < std::time::Duration::from_secs(5),
                "the change feed never started"
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// Waits until this server's store knows of a write another process committed (on
    /// PostgreSQL when its announcement arrives, within milliseconds; on SQLite at once).
    async fn knows_of_writes_since(&self, before: &kansli_store::Generation) {
        let start = std::time::Instant::now();
        while self.store.generation().await.unwrap().as_ref() == Some(before) {
            assert!(
                start.elapsed() < std::time::Duration::from_secs(5),
                "another store's write never reached this one"
            );
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
    }

    /// Asks for `path` until the cache answers, a few times at most: on PostgreSQL a write in
    /// another database of the cluster (the other tests') also moves the generation, so a
    /// miss here may be spurious; a hit never is.
    async fn hit(&self, path: &str) -> String {
        let on = self.store.backend();
        for _ in 0..5 {
            let (s, cache, body) = self.get(path).await;
            assert_eq!(s, StatusCode::OK, "{on:?} {path}");
            if cache == "hit" {
                return body;
            }
        }
        panic!("{on:?} {path}: never answered from the cache");
    }
}

fn original() -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE)).unwrap()
}

async fn spawn(database_url: Option<String>) -> App {
    let dir = tempfile::tempdir().unwrap();
    let config = StoreConfig {
        data_dir: dir.path().join("data"),
        database_url,
    };
    let store = Store::open(&config).await.unwrap();
    eprintln!("-- on {:?}", store.backend());
    let bytes = original();
    let parsed = kansli_import::parse_bytes(&bytes).expect("parse");
    let meeting_id = store
        .import_protocol(
            &parsed,
            &bytes,
            "socialnamnden-2024-03-05.txt",
            "Provkommunen",
        )
        .await
        .expect("import")
        .meeting_id();
    let today = Arc::new(Mutex::new(NaiveDate::from_ymd_opt(2024, 3, 20).unwrap()));
    let mut state = AppState::new(store.clone());
    let t = today.clone();
    state.today = Arc::new(move || *t.lock().unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    App {
        base: format!("http://{addr}"),
        client: reqwest::Client::new(),
        store,
        config,
        today,
        meeting_id,
        _dir: dir,
    }
}

async fn apps() -> Vec<App> {
    let mut out = vec![spawn(None).await];
    if let Some(url) = kansli_testpg::fresh_database_url() {
        out.push(spawn(Some(url)).await);
    }
    out
}

/// The public pages and API reads of the imported meeting that go through the cache.
fn pages() -> Vec<String> {
    vec![
        "/".to_string(),
        format!("/{A}"),
        format!("/{A}/{B}"),
        format!("/{A}/{B}/{M}"),
        format!("/{A}/{B}/{M}/paragraf/12"),
        format!("/api/v1/authorities/{A}"),
        format!("/api/v1/authorities/{A}/bodies/{B}"),
        format!("/api/v1/authorities/{A}/bodies/{B}/meetings/{M}"),
        format!("/api/v1/authorities/{A}/bodies/{B}/meetings/{M}/paragraphs/12"),
    ]
}

#[tokio::test]
async fn every_write_and_the_next_day_make_the_cached_pages_fresh() {
    for app in apps().await {
        let meeting = format!("/{A}/{B}/{M}");
        let paragraph = format!("/{A}/{B}/{M}/paragraf/12");
        let api = format!("/api/v1/authorities/{A}/bodies/{B}/meetings/{M}");
        for path in pages() {
            app.cached(&path).await;
        }
        // Nothing changed: every page is still answered from the cache.
        for path in pages() {
            let body = app.hit(&path).await;
            if path == meeting {
                assert!(body.contains("Ansökan om ekonomiskt bistånd"), "{body}");
            }
        }

        // 1. A correction through this server's own store.
        app.store
            .correct_imported_field(
                A,
                B,
                M,
                &ReviewField::parse("items.12.title").unwrap(),
                Some(&["Ansökan om bistånd, rättad rubrik".to_string()]),
                None,
                &Actor::shell(),
            )
            .await
            .expect("correction")
            .expect("the meeting");
        for path in [&meeting, &paragraph, &api] {
            let body = app.cached(path).await;
            assert!(
                body.contains("rättad rubrik"),
                "{path} after the correction"
            );
        }

        // 2. A re-import of a changed text through another store on the same database, as
        // a second server or `kansli import` would write it.
        let before = app.store.generation().await.unwrap().expect("a generation");
        let other = Store::open(&app.config).await.unwrap();
        let changed = String::from_utf8(original()).unwrap().replace(
            "Socialnämnden beslutar att bevilja",
            "Socialnämnden beslutar efter ny läsning att bevilja",
        );
        let parsed = kansli_import::parse_bytes(changed.as_bytes()).expect("parse");
        other
            .import_protocol(
                &parsed,
                changed.as_bytes(),
                "socialnamnden-2024-03-05.txt",
                "Provkommunen",
            )
            .await
            .expect("re-import");
        other.close().await;
        app.knows_of_writes_since(&before).await;
        for path in [&meeting, &paragraph, &api] {
            let body = app.cached(path).await;
            assert!(body.contains("ny läsning"), "{path} after the re-import");
        }

        // 2b. An earlier meeting of the same year, with the same paragraph numbers, imported
        // through another store: the meeting's numbering check reads its year anew (the
        // year's numbers are kept per generation too, so a kept list would hide the clash).
        let (_, _, before) = app.get(&meeting).await;
        assert!(!before.contains(CLASH), "no clash before: {before}");
        let before = app.store.generation().await.unwrap().expect("a generation");
        let other = Store::open(&app.config).await.unwrap();
        let february =
            String::from_utf8(original())
                .unwrap()
                .replacen("\n2024-03-05\n", "\n2024-02-20\n", 1);
        let parsed = kansli_import::parse_bytes(february.as_bytes()).expect("parse");
        other
            .import_protocol(
                &parsed,
                february.as_bytes(),
                "socialnamnden-2024-02-20.txt",
                "Provkommunen",
            )
            .await
            .expect("import of February");
        other.close().await;
        app.knows_of_writes_since(&before).await;
        for path in [&meeting, &api] {
            let body = app.cached(path).await;
            assert!(
                body.contains(CLASH),
                "{path} after February's import: {body}"
            );
        }

        // 3. The published copy: the proposed mask of the personnummer rejected.
        let (_, _, masked) = app.get(&meeting).await;
        assert!(masked.contains("Ansökan om"), "{masked}");
        assert!(!masked.contains(PNR), "masked at first");
        let minutes_id = app
            .store
            .public_minutes(app.meeting_id)
            .await
            .unwrap()
            .expect("minutes")
            .minutes_id;
        let redactions = app.store.redactions(minutes_id).await.unwrap();
        let proposed = redactions
            .iter()
            .find(|r| r.text == PNR)
            .expect("the proposed mask");
        app.store
            .decide_redaction(&Actor::shell(), proposed.id, false)
            .await
            .expect("reject");
        let shown = app.cached(&meeting).await;
        assert!(
            shown.contains(PNR),
            "the rejected mask is gone from the page"
        );

        // 4. The next day: the law status is computed for today.
        *app.today.lock().unwrap() = NaiveDate::from_ymd_opt(2024, 3, 21).unwrap();
        let (_, cache, _) = app.get(&meeting).await;
        assert_eq!(cache, "miss", "a new day, a new page");
    }
}

#[tokio::test]
async fn the_generation_stands_still_without_writes_and_moves_with_any() {
    for app in apps().await {
        // Reads do not move it. (On PostgreSQL autovacuum's analyses and the other tests'
        // writes in other databases of the cluster do, at any moment: a few tries.)
        let mut still = false;
        for _ in 0..5 {
            let before = app.store.generation().await.unwrap().expect("a generation");
            for path in pages() {
                app.get(&path).await;
            }
            if app.store.generation().await.unwrap().as_ref() == Some(&before) {
                still = true;
                break;
            }
        }
        assert!(still, "reads moved the generation");
        let first = app.store.generation().await.unwrap().expect("a generation");
        // A write through this store's pool moves it.
        app.store
            .correct_imported_field(A, B, M, &ReviewField::Chair, None, None, &Actor::shell())
            .await
            .expect("confirm")
            .expect("the meeting");
        let second = app.store.generation().await.unwrap().expect("a generation");
        assert_ne!(first, second, "a write through this store");
        // A write through another store on the same database moves it too (on PostgreSQL
        // when its announcement arrives).
        let other = Store::open(&app.config).await.unwrap();
        other
            .correct_imported_field(
                A,
                B,
                M,
                &ReviewField::Chair,
                None,
                Some("bekräftad igen"),
                &Actor::shell(),
            )
            .await
            .expect("confirm")
            .expect("the meeting");
        other.close().await;
        app.knows_of_writes_since(&second).await;
    }
}

/// A GET with the given `Accept-Encoding`: status, `x-cache`, `content-encoding`, whether
/// `Vary` names `accept-encoding`, and the body as sent (not decompressed).
async fn get_encoded(
    app: &App,
    path: &str,
    accept: Option<&str>,
) -> (StatusCode, String, Option<String>, bool, Vec<u8>) {
    let mut request = app.client.get(format!("{}{path}", app.base));
    if let Some(accept) = accept {
        request = request.header("accept-encoding", accept);
    }
    let r = request.send().await.unwrap();
    let header = |name: &str| {
        r.headers()
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let cache = header("x-cache");
    let encoding = Some(header("content-encoding")).filter(|e| !e.is_empty());
    let varies = header("vary")
        .to_ascii_lowercase()
        .contains("accept-encoding");
    (
        r.status(),
        cache,
        encoding,
        varies,
        r.bytes().await.unwrap().to_vec(),
    )
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read as _;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("a gzip body");
    out
}

#[tokio::test]
async fn a_browser_gets_the_kept_page_gzip_compressed_and_a_client_without_gzip_plain() {
    for app in apps().await {
        let on = app.store.backend();
        app.settled().await;
        for path in pages() {
            // The first answer, to a client that takes no compression: the page as made.
            let (status, _, encoding, _, plain) = get_encoded(&app, &path, None).await;
            assert_eq!(status, StatusCode::OK, "{on:?} {path}");
            assert_eq!(encoding, None, "{on:?} {path}: asked for no compression");
            // A browser: compressed, the same page, and said to vary by what is accepted;
            // once from the cache, the same bytes again.
            let browser = Some("gzip, deflate, br");
            let (_, cache, encoding, varies, kept) = get_encoded(&app, &path, browser).await;
            assert_eq!(
                cache, "hit",
                "{on:?} {path}: the entry the plain answer made"
            );
            assert_eq!(encoding.as_deref(), Some("gzip"), "{on:?} {path}");
            assert!(varies, "{on:?} {path}: Vary: accept-encoding");
            assert_eq!(gunzip(&kept), plain, "{on:?} {path}: the same page");
            let (_, cache, _, _, again) = get_encoded(&app, &path, browser).await;
            assert_eq!(cache, "hit", "{on:?} {path}");
            assert_eq!(again, kept, "{on:?} {path}: the kept bytes");
            // A client that refuses gzip, and one that names none, get the page as made,
            // from the same entry.
            for refusing in [Some("gzip;q=0, identity"), None] {
                let (_, cache, encoding, _, body) = get_encoded(&app, &path, refusing).await;
                assert_eq!(cache, "hit", "{on:?} {path} {refusing:?}");
                assert_eq!(encoding, None, "{on:?} {path} {refusing:?}");
                assert_eq!(body, plain, "{on:?} {path} {refusing:?}");
            }
        }
    }
}

/// A GET with `If-None-Match` (and optionally gzip): status, `ETag`, `Cache-Control`, body.
async fn revalidate(
    app: &App,
    path: &str,
    tag: Option<&str>,
    gzip: bool,
) -> (StatusCode, String, String, Vec<u8>) {
    let mut request = app.client.get(format!("{}{path}", app.base));
    if let Some(tag) = tag {
        request = request.header("if-none-match", tag);
    }
    if gzip {
        request = request.header("accept-encoding", "gzip");
    }
    let r = request.send().await.unwrap();
    let header = |name: &str| {
        r.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let (tag, control) = (header("etag"), header("cache-control"));
    (r.status(), tag, control, r.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn a_kept_page_is_revalidated_by_its_tag_until_a_write_changes_it() {
    for app in apps().await {
        let on = app.store.backend();
        app.settled().await;
        let meeting = format!("/{A}/{B}/{M}");
        for gzip in [false, true] {
            let (status, tag, control, body) = revalidate(&app, &meeting, None, gzip).await;
            assert_eq!(status, StatusCode::OK, "{on:?}");
            assert!(tag.starts_with('"') && tag.ends_with('"'), "{on:?}: {tag}");
            assert_eq!(
                control, "no-cache",
                "{on:?}: kept, but asked again each time"
            );
            assert!(!body.is_empty());
            // Asked again with its tag: not modified, no body, the same tag.
            let (status, again, _, body) = revalidate(&app, &meeting, Some(&tag), gzip).await;
            assert_eq!(status, StatusCode::NOT_MODIFIED, "{on:?} gzip {gzip}");
            assert_eq!(again, tag, "{on:?}");
            assert!(body.is_empty(), "{on:?}: a 304 has no body");
            // Another tag, or the other encoding's: the page.
            let (status, _, _, _) = revalidate(&app, &meeting, Some("\"other\""), gzip).await;
            assert_eq!(status, StatusCode::OK, "{on:?}");
            let (status, _, _, _) = revalidate(&app, &meeting, Some(&tag), !gzip).await;
            assert_eq!(
                status,
                StatusCode::OK,
                "{on:?}: the other representation's tag"
            );
        }
        // A correction changes the page: the old tag no longer matches.
        let (_, before, _, _) = revalidate(&app, &meeting, None, false).await;
        app.store
            .correct_imported_field(
                A,
                B,
                M,
                &ReviewField::parse("items.12.title").unwrap(),
                Some(&["Ansökan om bistånd, ny rubrik".to_string()]),
                None,
                &Actor::shell(),
            )
            .await
            .expect("correction")
            .expect("the meeting");
        let (status, after, _, body) = revalidate(&app, &meeting, Some(&before), false).await;
        assert_eq!(status, StatusCode::OK, "{on:?}: changed since");
        assert_ne!(after, before, "{on:?}");
        assert!(
            String::from_utf8_lossy(&body).contains("ny rubrik"),
            "{on:?}"
        );
    }
}
