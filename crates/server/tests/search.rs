//! The search page and API over HTTP: the real server on a random port, the sample minutes
//! imported into a fresh data directory, the index caught up as `serve` does at start.

use serde_json::Value;

use kansli_server::{AppState, router};
use kansli_store::{Store, StoreConfig};

async fn start() -> (String, tempfile::TempDir) {
    start_counting(None).await
}

/// The server, its index counting at most `cap` matches of a search exactly when given (so a
/// small archive shows a capped total and estimated facets).
async fn start_counting(cap: Option<u64>) -> (String, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&StoreConfig {
        data_dir: dir.path().to_path_buf(),
        database_url: None,
    })
    .await
    .expect("open store");
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/samples");
    for entry in std::fs::read_dir(&samples).expect("samples") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let bytes = std::fs::read(&path).expect("read sample");
        let parsed = kansli_import::parse_bytes(&bytes).expect("parse");
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("x");
        let authority = if name.starts_with("itsam") {
            "Kommunalförbundet Itsam"
        } else {
            "Lomma kommun"
        };
        store
            .import_protocol(&parsed, &bytes, name, authority)
            .await
            .expect("import");
    }
    let mut state = AppState::new(store);
    if let Some(cap) = cap {
        state.search = state.search.map(|i| i.with_count_cap(cap));
    }
    let index = state.search.clone().expect("index opens");
    index
        .catch_up(
            &state.store,
            chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap_or_default(),
        )
        .await
        .expect("catch up");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app = router(state);
    tokio::spawn(async move {
        axum::serve(listener, app).await.expect("server runs");
    });
    (format!("http://{addr}"), dir)
}

async fn get(url: &str) -> (u16, String) {
    let r = reqwest::get(url).await.expect("GET");
    let status = r.status().as_u16();
    (status, r.text().await.expect("body"))
}

#[tokio::test]
async fn search_page_and_api() {
    let (base, _dir) = start().await;

    // Every page has the search box.
    let (status, start) = get(&format!("{base}/")).await;
    assert_eq!(status, 200);
    assert!(start.contains(r#"role="search""#) && start.contains(r#"action="/sok""#));

    let (status, page) = get(&format!("{base}/sok?q=ringn%C3%A4tet")).await;
    assert_eq!(status, 200);
    assert!(page.contains("<mark>ringnät</mark>"), "{page}");
    assert!(page.contains("/kommunalforbundet-itsam/direktionen/2024-03-05/paragraf/4"));
    assert!(page.contains("Dnr ITSAM 2024/22"));

    // Facets link to filtered searches; a filter narrows.
    let (_, page) = get(&format!("{base}/sok?q=beslutar")).await;
    assert!(page.contains("myndighet=lomma-kommun"), "facet links");
    let (_, lomma) = get(&format!("{base}/sok?q=beslutar&myndighet=lomma-kommun")).await;
    assert!(!lomma.contains("/kommunalforbundet-itsam/direktionen/"));
    assert!(lomma.contains("Ta bort"));

    // A typo: hits and "Menade du".
    let (_, page) = get(&format!("{base}/sok?q=Kinnda")).await;
    assert!(page.contains("Menade du"), "suggestion");
    // Nothing at all.
    let (status, page) = get(&format!("{base}/sok?q=xqzwvkj")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Inga träffar"));
    // Bad date: said, not fatal.
    let (status, page) = get(&format!("{base}/sok?q=budget&fran=ig%C3%A5r")).await;
    assert_eq!(status, 200);
    assert!(page.contains("kunde inte läsas"));
    // The empty search page.
    let (status, _) = get(&format!("{base}/sok")).await;
    assert_eq!(status, 200);

    // The JSON twin.
    let (status, body) = get(&format!(
        "{base}/api/v1/search?q=Kinda%20uttr%C3%A4de&limit=3"
    ))
    .await;
    assert_eq!(status, 200);
    let v: Value = serde_json::from_str(&body).expect("json");
    assert!(v["pagination"]["totalElements"].as_u64().unwrap_or(0) >= 3);
    assert_eq!(v["data"].as_array().map(Vec::len), Some(3));
    let hit = &v["data"][0];
    for key in [
        "body",
        "meeting_date",
        "paragraph",
        "dnr",
        "title",
        "snippet",
        "score",
        "web",
        "id",
    ] {
        assert!(hit.get(key).is_some(), "hit lacks {key}: {hit}");
    }
    assert!(v["links"]["next"].as_str().unwrap_or("").contains("page=2"));
    assert!(v["facets"]["authorities"].is_array());
    let (status, _) = get(&format!("{base}/api/v1/search?q=x&from=nope")).await;
    assert_eq!(status, 400);
    // The schema's enum: an order it does not name is refused, both spellings accepted.
    let (status, body) = get(&format!("{base}/api/v1/search?q=budget&sort=foo")).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("sort must be relevance or newest"), "{body}");
    for order in ["relevance", "relevans", "newest", "nyast"] {
        let (status, body) = get(&format!("{base}/api/v1/search?q=budget&sort={order}")).await;
        assert_eq!(status, 200, "{order}: {body}");
    }
    let (_, body) = get(&format!("{base}/api/v1/search?q=dataskydsombud")).await;
    let v: Value = serde_json::from_str(&body).expect("json");
    assert_eq!(v["suggestion"], "dataskyddsombud");
}

#[tokio::test]
async fn past_the_count_cap_the_total_is_capped_the_facets_estimated_and_both_said() {
    let (exact_base, _exact_dir) = start().await;
    let (_, exact) = get(&format!("{exact_base}/api/v1/search?q=beslutar")).await;
    let exact: Value = serde_json::from_str(&exact).expect("json");
    let total = exact["pagination"]["totalElements"].as_u64().unwrap_or(0);
    assert!(total > 6, "beslutar matches many paragraphs: {total}");
    assert_eq!(exact["total_capped"], false, "{exact}");
    assert_eq!(exact["total_estimate"], total);
    assert_eq!(exact["facets_estimated"], false);

    // "beslutar" matches more than 3 paragraphs: the total is capped and said so, the facets
    // are estimates and the page says so.
    let (base, _dir) = start_counting(Some(3)).await;
    let (status, page) = get(&format!("{base}/sok?q=beslutar")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Fler än 3 träffar (ca "), "{page}");
    assert!(!page.contains(&format!("{total} träffar")), "{page}");
    assert!(
        page.contains("uppskattade"),
        "the facets say they are estimates"
    );
    assert!(page.contains("(ca "), "estimated facet counts: {page}");
    let (status, body) = get(&format!("{base}/api/v1/search?q=beslutar&limit=2")).await;
    assert_eq!(status, 200);
    let v: Value = serde_json::from_str(&body).expect("json");
    assert_eq!(v["pagination"]["totalElements"], 3, "{v}");
    assert_eq!(v["total_capped"], true);
    let estimate = v["total_estimate"].as_u64().unwrap_or(0);
    assert!(estimate > 3, "{v}");
    assert!(
        estimate.abs_diff(total) * 4 <= total,
        "the estimate is near the exact {total}: {v}"
    );
    assert_eq!(v["facets_estimated"], true);
    assert_eq!(v["data"].as_array().map(Vec::len), Some(2));
    // The page of hits is the same as when every match is counted.
    let (_, full) = get(&format!("{exact_base}/api/v1/search?q=beslutar&limit=2")).await;
    let full: Value = serde_json::from_str(&full).expect("json");
    let pages = |v: &Value| -> Vec<Value> {
        v["data"]
            .as_array()
            .map(|hits| hits.iter().map(|h| h["web"].clone()).collect())
            .unwrap_or_default()
    };
    assert_eq!(pages(&v), pages(&full));
    assert_eq!(pages(&v).len(), 2);

    // A search whose ranking visits every match (here: a filter) counts them all exactly, cap
    // or not.
    let filtered = "/api/v1/search?q=beslutar&myndighet=lomma-kommun";
    let (_, exact) = get(&format!("{exact_base}{filtered}")).await;
    let exact: Value = serde_json::from_str(&exact).expect("json");
    let exact_total = exact["pagination"]["totalElements"].as_u64().unwrap_or(0);
    assert!(exact_total > 3, "{exact}");
    let (_, body) = get(&format!("{base}{filtered}")).await;
    let v: Value = serde_json::from_str(&body).expect("json");
    assert_eq!(v["pagination"]["totalElements"], exact_total, "{v}");
    assert_eq!(v["total_capped"], false);

    // Fewer matches than the cap: exact facets, said as before.
    let (_, page) = get(&format!("{base}/sok?q=ringn%C3%A4tet")).await;
    assert!(!page.contains("uppskattade"), "{page}");
    assert!(!page.contains("(ca "));
    let (_, body) = get(&format!("{base}/api/v1/search?q=ringn%C3%A4tet")).await;
    let v: Value = serde_json::from_str(&body).expect("json");
    let total = v["pagination"]["totalElements"].as_u64().unwrap_or(0);
    assert!((1..=3).contains(&total), "{v}");
    assert_eq!(v["total_capped"], false);
    assert_eq!(v["facets_estimated"], false);
    let sum: u64 = v["facets"]["years"]
        .as_array()
        .map(|ys| ys.iter().filter_map(|y| y["count"].as_u64()).sum())
        .unwrap_or(0);
    assert_eq!(sum, total, "exact facets: {v}");
}

#[tokio::test]
async fn a_page_past_the_last_says_which_is_last_and_a_body_filter_is_named() {
    let (base, _dir) = start().await;
    let (status, first) = get(&format!("{base}/sok?q=ringn%C3%A4tet")).await;
    assert_eq!(status, 200);
    assert!(first.contains("Visar 1–2."), "one page of hits: {first}");
    // Just past the last page, and so far past it that the page lies beyond the deepest hit a
    // search may reach: both say which page is the last, with a link to it.
    for sida in ["2", "500"] {
        let (status, page) = get(&format!("{base}/sok?q=ringn%C3%A4tet&sida={sida}")).await;
        assert_eq!(status, 404, "sida={sida}: {page}");
        assert!(
            page.contains(&format!("Sidan {sida} finns inte, sista sidan är 1.")),
            "sida={sida}: {page}"
        );
        assert!(page.contains("Gå till sida 1</a>"), "{page}");
        assert!(
            !page.contains("Det går att bläddra fram till träff"),
            "{page}"
        );
    }

    // The filter chip names the body, not its slug.
    let (status, page) = get(&format!(
        "{base}/sok?q=beslutar&myndighet=kommunalforbundet-itsam&organ=direktionen"
    ))
    .await;
    assert_eq!(status, 200);
    assert!(page.contains("<li>Organ: Direktionen <a"), "{page}");
    assert!(!page.contains("Organ: direktionen"), "{page}");
}
