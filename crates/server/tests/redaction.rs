//! Redaction for publication over HTTP, on both backends: an invented protocol
//! (`fixtures/redaction/`) with a valid personnummer, a date range, a Dnr, a phone number and a
//! number with a wrong check digit (750101-1235) is imported; the personnummer is absent from the public page,
//! the API, the served PDF (`pdftotext`), HTML and text, and search (the digits and the parts),
//! and present in the secretariat's record; a passage marked with its legal ground likewise;
//! avpublicering masks the names with a fixed clock; the masking page and its forms work.

mod common;
use common::token;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use kansli_auth::{Grant, Role};
use kansli_server::{AppState, router};
use kansli_store::{Store, StoreConfig};
use reqwest::StatusCode;
use serde_json::{Value, json};

const PNR: &str = "811218-9876";
const A: &str = "provkommunen";
const B: &str = "socialnamnden";
const M: &str = "2024-03-05";

struct App {
    base: String,
    client: reqwest::Client,
    secretary: String,
    store: Store,
    state: AppState,
    clock: Arc<Mutex<DateTime<Utc>>>,
    _dir: tempfile::TempDir,
}

impl App {
    async fn get(&self, path: &str, token: Option<&str>) -> (StatusCode, Vec<u8>) {
        let mut r = self.client.get(format!("{}{path}", self.base));
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        let r = r.send().await.unwrap();
        (r.status(), r.bytes().await.unwrap().to_vec())
    }

    async fn text(&self, path: &str) -> String {
        let (s, body) = self.get(path, None).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        String::from_utf8(body).unwrap()
    }

    async fn call(&self, method: &str, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        common::call(
            &self.client,
            &self.base,
            (method, path),
            Some(&self.secretary),
            body,
        )
        .await
    }

    /// Brings the search index up to date, as the server's background task does.
    async fn catch_up(&self) {
        self.store.mark_depublications_due().await.unwrap();
        let index = self.state.search.clone().expect("index");
        // Read the clock first: the store's clock locks the same mutex.
        let now = *self.clock.lock().unwrap();
        index.catch_up(&self.store, now).await.expect("catch up");
    }

    /// The public search's hits as JSON text.
    async fn search(&self, q: &str) -> String {
        let (s, body) = self
            .get(
                &format!(
                    "/api/v1/search?q={}",
                    url::form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()
                ),
                None,
            )
            .await;
        assert_eq!(s, StatusCode::OK, "search {q}");
        String::from_utf8(body).unwrap()
    }

    /// Everything the public reads of the meeting, as text.
    async fn public_copies(&self) -> Vec<(String, String)> {
        let mut out = vec![
            (
                "page".to_string(),
                self.text(&format!("/{A}/{B}/{M}")).await,
            ),
            (
                "paragraph page".to_string(),
                self.text(&format!("/{A}/{B}/{M}/paragraf/12")).await,
            ),
            (
                "api".to_string(),
                self.text(&format!("/api/v1/authorities/{A}/bodies/{B}/meetings/{M}"))
                    .await,
            ),
            (
                "html".to_string(),
                self.text(&format!("/{A}/{B}/{M}/protokoll.html")).await,
            ),
            (
                "txt".to_string(),
                self.text(&format!("/{A}/{B}/{M}/protokoll.txt")).await,
            ),
        ];
        let (s, pdf) = self.get(&format!("/{A}/{B}/{M}/protokoll.pdf"), None).await;
        assert_eq!(s, StatusCode::OK);
        if let Some(text) = pdftotext(&pdf) {
            out.push(("pdf".to_string(), text));
        }
        out
    }
}

/// The text of a PDF through poppler's `pdftotext`, when it is installed.
fn pdftotext(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output();
    match out {
        Ok(o) if o.status.success() => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        _ => {
            eprintln!("pdftotext is not installed: the PDF's text is not checked");
            None
        }
    }
}

async fn spawn(database_url: Option<String>) -> App {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(Mutex::new(
        DateTime::parse_from_rfc3339("2024-06-01T12:00:00Z")
            .unwrap()
            .to_utc(),
    ));
    let c = clock.clone();
    let store = Store::open(&StoreConfig {
        data_dir: dir.path().join("data"),
        database_url,
    })
    .await
    .unwrap()
    .with_clock(Arc::new(move || *c.lock().unwrap()));
    eprintln!("-- on {:?}", store.backend());
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/redaction/socialnamnden-2024-03-05.txt");
    let bytes = std::fs::read(&path).unwrap();
    let parsed = kansli_import::parse_bytes(&bytes).expect("parse");
    store
        .import_protocol(
            &parsed,
            &bytes,
            "socialnamnden-2024-03-05.txt",
            "Provkommunen",
        )
        .await
        .expect("import");
    let secretary = token(
        &store,
        "sekreterare@provkommunen.se",
        "Sara Sekreterare",
        vec![Grant::new(Role::Secretary, Some(A.into()), Some(B.into())).unwrap()],
    )
    .await;
    let mut state = AppState::new(store.clone());
    let c = clock.clone();
    state.today =
        Arc::new(move || kansli_core::law::checks::swedish_local_date(*c.lock().unwrap()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let app = App {
        base: format!("http://{addr}"),
        client: reqwest::Client::new(),
        secretary,
        store,
        state,
        clock,
        _dir: dir,
    };
    app.catch_up().await;
    app
}

async fn apps() -> Vec<App> {
    let mut out = vec![spawn(None).await];
    if let Some(url) = kansli_testpg::fresh_database_url() {
        out.push(spawn(Some(url)).await);
    }
    out
}

#[tokio::test]
async fn a_personnummer_and_a_marked_passage_never_reach_the_public() {
    for app in apps().await {
        // The import proposed the mask, and the public copies are masked at once.
        let (s, masks) = app
            .call(
                "GET",
                &format!("/api/v1/authorities/{A}/bodies/{B}/meetings/{M}/redactions"),
                None,
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{masks}");
        let data = masks["data"].as_array().unwrap();
        assert_eq!(data.len(), 1, "{masks}");
        assert_eq!(data[0]["state"], "proposed");
        assert_eq!(data[0]["text"], PNR);
        for (what, text) in app.public_copies().await {
            assert!(!text.contains(PNR), "{what} shows the personnummer");
            assert!(!text.contains("811218"), "{what} shows its date part");
            assert!(!text.contains("9876"), "{what} shows its last four");
            assert!(
                text.contains("personnummer maskerat"),
                "{what} says where: {text}"
            );
            // What only looks like one is published as written.
            for kept in ["750101-1235", "KS 2024-0123", "070-123 45 67"] {
                assert!(text.contains(kept), "{what} lost {kept}");
            }
            assert!(
                text.contains("2024-01-01 - 2024-12-31")
                    || text.contains("2024-01-01 – 2024-12-31"),
                "{what} lost the date range"
            );
        }
        let page = app.text(&format!("/{A}/{B}/{M}")).await;
        assert!(
            page.contains("Protokollet är maskerat för publicering på webben på ett ställe"),
            "{page}"
        );
        // The original file is not offered to the public.
        assert!(!page.contains("/filer/"), "no link to the original");
        // Search: neither the number nor its parts find anything, and no hit shows them.
        let hits = app.search("tillsyn").await;
        assert!(
            hits.contains("/paragraf/13"),
            "the minutes are indexed: {hits}"
        );
        for q in [PNR, "811218", "9876", "811218 9876", "8112189876"] {
            let hits = app.search(q).await;
            let v: Value = serde_json::from_str(&hits).unwrap();
            assert!(
                !v["data"].to_string().contains("9876"),
                "search {q}: {hits}"
            );
            assert_eq!(
                v["pagination"]["totalElements"], 0,
                "search {q} finds the masked paragraph: {hits}"
            );
        }
        let hits = app.search("bistånd").await;
        assert!(
            hits.contains("/paragraf/12"),
            "the paragraph is still found: {hits}"
        );
        assert!(!hits.contains("9876"));
        // The secretariat's record (the original) keeps it.
        let (s, record) = app
            .call(
                "GET",
                &format!("/api/v1/authorities/{A}/bodies/{B}/meetings/{M}/record"),
                None,
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        assert!(record.to_string().contains(PNR));

        // The secretary confirms it and marks a health detail on a legal ground.
        let id = data[0]["id"].as_i64().unwrap();
        let (s, v) = app
            .call(
                "POST",
                &format!("/api/v1/authorities/{A}/bodies/{B}/meetings/{M}/redactions/{id}"),
                Some(json!({"decision": "confirm"})),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["state"], "confirmed");
        let (s, v) = app
            .call(
                "POST",
                &format!("/api/v1/authorities/{A}/bodies/{B}/meetings/{M}/redactions"),
                Some(
                    json!({"paragraph": 12, "text": "diabetes typ 1", "ground": "OSL 26 kap. 1 §"}),
                ),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        assert_eq!(v["marker"], "[uppgift maskerad enligt OSL 26 kap. 1 §]");
        let (s, v) = app
            .call(
                "POST",
                &format!("/api/v1/authorities/{A}/bodies/{B}/meetings/{M}/redactions"),
                Some(
                    json!({"paragraph": 13, "text": "diabetes typ 1", "ground": "OSL 26 kap. 1 §"}),
                ),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "not in § 13: {v}");
        // A name marked in § 13 is masked there only: the chair stays in the attendance list
        // (an elected member's name is public), and a § it is not in is refused.
        let (s, v) = app
            .call(
                "POST",
                &format!("/api/v1/authorities/{A}/bodies/{B}/meetings/{M}/redactions"),
                Some(json!({"paragraph": 12, "text": "Karin Berg", "ground": "OSL 26 kap. 1 §"})),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "not in § 12: {v}");
        let (s, v) = app
            .call(
                "POST",
                &format!("/api/v1/authorities/{A}/bodies/{B}/meetings/{M}/redactions"),
                Some(json!({"paragraph": 13, "text": "Karin Berg", "ground": "OSL 26 kap. 1 §"})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        app.catch_up().await;
        let meeting = app
            .text(&format!("/api/v1/authorities/{A}/bodies/{B}/meetings/{M}"))
            .await;
        assert!(
            meeting.contains("Karin Berg"),
            "the attendance keeps the chair: {meeting}"
        );
        let paragraph: Value = serde_json::from_str(
            &app.text(&format!(
                "/api/v1/authorities/{A}/bodies/{B}/meetings/{M}/paragraphs/13"
            ))
            .await,
        )
        .unwrap();
        let summary = paragraph["summary"].as_str().unwrap_or_default();
        assert!(
            summary.contains("[uppgift maskerad enligt OSL 26 kap. 1 §] föredrar"),
            "{paragraph}"
        );
        app.catch_up().await;
        for (what, text) in app.public_copies().await {
            assert!(!text.contains("diabetes"), "{what} shows the health detail");
            assert!(!text.contains(PNR), "{what}");
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                flat.contains("[uppgift maskerad enligt OSL 26 kap. 1 §]"),
                "{what} names the ground: {flat}"
            );
        }
        let hits = app.search("diabetes").await;
        let v: Value = serde_json::from_str(&hits).unwrap();
        assert_eq!(v["pagination"]["totalElements"], 0, "{hits}");
        let (_, record) = app
            .call(
                "GET",
                &format!("/api/v1/authorities/{A}/bodies/{B}/meetings/{M}/record"),
                None,
            )
            .await;
        assert!(
            record.to_string().contains("diabetes typ 1"),
            "the original keeps it"
        );

        // The masking page lists both, with the context and the ground.
        let (s, page) = app
            .get(
                &format!("/kansli/protokoll/{A}/{B}/{M}/maskering"),
                Some(&app.secretary),
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains("Maskering för publicering"), "{page}");
        assert!(page.contains("OSL 26 kap. 1 §"));
        assert!(
            page.contains("Maja Ek, 811218-9876, som"),
            "context: {page}"
        );
        // The anonymous public may not see it.
        let (s, _) = app
            .get(&format!("/kansli/protokoll/{A}/{B}/{M}/maskering"), None)
            .await;
        assert!(s == StatusCode::UNAUTHORIZED || s.is_redirection(), "{s}");

        // Rejecting the personnummer (a false positive) publishes it as written.
        let r = app
            .client
            .post(format!(
                "{}/kansli/protokoll/{A}/{B}/{M}/maskering/{id}",
                app.base
            ))
            .bearer_auth(&app.secretary)
            .form(&[("beslut", "avvisa")])
            .send()
            .await
            .unwrap();
        assert!(
            r.status().is_success() || r.status().is_redirection(),
            "{}",
            r.status()
        );
        let page = app.text(&format!("/{A}/{B}/{M}")).await;
        assert!(page.contains(PNR));
        // Searching again finds nothing new: the rejected number stays rejected.
        let r = app
            .client
            .post(format!(
                "{}/kansli/protokoll/{A}/{B}/{M}/maskering/sok",
                app.base
            ))
            .bearer_auth(&app.secretary)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.text().await.unwrap().contains("inga nya personnummer"));
        assert!(app.text(&format!("/{A}/{B}/{M}")).await.contains(PNR));
    }
}

#[tokio::test]
async fn avpublicering_masks_names_on_the_web_after_the_bodys_months() {
    for app in apps().await {
        let (s, v) = app
            .call(
                "PUT",
                &format!("/api/v1/authorities/{A}/bodies/{B}/depublication"),
                Some(json!({"months": 24})),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        app.catch_up().await;
        assert!(
            app.text(&format!("/{A}/{B}/{M}"))
                .await
                .contains("Karin Berg")
        );
        assert!(
            app.search("Karin").await.contains("/paragraf/13"),
            "the name is searchable"
        );

        // Two years after the meeting.
        *app.clock.lock().unwrap() = DateTime::parse_from_rfc3339("2026-03-05T09:00:00Z")
            .unwrap()
            .to_utc();
        app.catch_up().await;
        for (what, text) in app.public_copies().await {
            for name in ["Karin Berg", "Olof Lind", "Stina Holm"] {
                assert!(!text.contains(name), "{what} shows {name}");
            }
            assert!(text.contains("namn maskerat"), "{what}");
        }
        let hits = app.search("Karin").await;
        let v: Value = serde_json::from_str(&hits).unwrap();
        assert!(!v["data"].to_string().contains("Karin"), "{hits}");
        assert_eq!(v["pagination"]["totalElements"], 0, "{hits}");
        // The archive's record keeps the names.
        let (_, record) = app
            .call(
                "GET",
                &format!("/api/v1/authorities/{A}/bodies/{B}/meetings/{M}/record"),
                None,
            )
            .await;
        assert!(record.to_string().contains("Karin Berg"));
        // The secretary sees what is masked without a mark, and why.
        let (s, masks) = app
            .call(
                "GET",
                &format!("/api/v1/authorities/{A}/bodies/{B}/meetings/{M}/redactions"),
                None,
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{masks}");
        let automatic = masks["automatic"].as_array().unwrap();
        assert!(
            automatic
                .iter()
                .any(|m| m["kind"] == "depublished_name" && m["text"] == "Karin Berg"),
            "{masks}"
        );
    }
}
