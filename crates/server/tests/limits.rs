//! The server's bounds over HTTP (issue 17, "Abuse and limits"): over-long queries, bad and
//! out-of-range pages, inverted dates and control characters are answered with a reason (a
//! Swedish page, problem+json in the API); a burst from one address meets 429 with
//! `Retry-After`; more renderings at once than the server runs meet 503. A property test sends
//! arbitrary query strings to both search routes. The real server on a random loopback port,
//! the sample minutes in a fresh data directory.

use std::net::SocketAddr;
use std::time::Duration;

use kansli_server::limits::{Limits, MAX_QUERY_CHARS, MAX_QUERY_TERMS, RouteLimits};
use kansli_server::{AppState, router_with_limits};
use kansli_store::{Store, StoreConfig};
use serde_json::Value;

/// Limits that never get in the way, for the tests of other bounds.
fn roomy() -> Limits {
    let route = RouteLimits {
        per_second: 10_000,
        burst: 10_000,
        concurrent: 64,
        queue: 64,
        queue_wait: Duration::from_secs(30),
    };
    Limits {
        search: route,
        render: route,
        ..Limits::default()
    }
}

async fn start(limits: Limits) -> (String, tempfile::TempDir) {
    start_with(limits, false).await
}

/// The server, configured as behind a reverse proxy (`KANSLI_BEHIND_PROXY`) or not.
async fn start_with(limits: Limits, behind_proxy: bool) -> (String, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&StoreConfig {
        data_dir: dir.path().to_path_buf(),
        database_url: None,
    })
    .await
    .expect("open store");
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/samples");
    for name in [
        "itsam-direktionen-2024-03-05.txt",
        "lomma-kultur-och-fritidsnamnden-2025-02-03.txt",
    ] {
        let bytes = std::fs::read(samples.join(name)).expect("read sample");
        let parsed = kansli_import::parse_bytes(&bytes).expect("parse");
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
    let auth = kansli_server::secretariat::AuthSettings {
        behind_proxy,
        ..Default::default()
    };
    let state = AppState::new(store).with_auth(auth);
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
    let app = router_with_limits(state, limits).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move {
        axum::serve(listener, app).await.expect("server runs");
    });
    (format!("http://{addr}"), dir)
}

struct Answer {
    status: u16,
    content_type: String,
    retry_after: Option<String>,
    body: String,
}

async fn get(url: &str) -> Answer {
    let r = reqwest::get(url).await.expect("GET");
    let header = |name: &str| {
        r.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let content_type = header("content-type").unwrap_or_default();
    let retry_after = header("retry-after");
    Answer {
        status: r.status().as_u16(),
        content_type,
        retry_after,
        body: r.text().await.expect("body"),
    }
}

/// A Swedish page with `status` that says `says`.
async fn page(url: &str, status: u16, says: &str) -> Answer {
    let a = get(url).await;
    assert_eq!(a.status, status, "status of {url}: {}", a.body);
    assert!(a.content_type.starts_with("text/html"), "{url}");
    assert!(a.body.contains(says), "{url} says {says:?}: {}", a.body);
    a
}

/// Problem details (RFC 9457) with `status`.
async fn problem(url: &str, status: u16) -> Value {
    let a = get(url).await;
    assert_eq!(a.status, status, "status of {url}: {}", a.body);
    assert_eq!(a.content_type, "application/problem+json", "{url}");
    let v: Value = serde_json::from_str(&a.body).expect("JSON");
    assert_eq!(v["status"], status, "{v}");
    for key in ["type", "title", "detail"] {
        assert!(v[key].is_string(), "{url}: problem lacks {key}: {v}");
    }
    v
}

#[tokio::test]
async fn long_queries_are_refused_with_a_reason() {
    let (base, _dir) = start(roomy()).await;
    // The query of the issue: 3,000 words (known, misspelt, compounds: every expansion).
    let words: Vec<&str> = [
        "budget",
        "ringnätet",
        "Kinnda",
        "uträdet",
        "investeringsbudget",
    ]
    .into_iter()
    .cycle()
    .take(3000)
    .collect();
    let q = words.join("+");
    let a = page(&format!("{base}/sok?q={q}"), 400, "Sökfrågan är för lång").await;
    // The form comes back with the query cut to what may be searched.
    assert!(a.body.contains(r#"maxlength="400""#));
    assert!(!a.body.contains(&words[..100].join(" ")));
    let v = problem(&format!("{base}/api/v1/search?q={q}"), 400).await;
    assert!(v["detail"].as_str().unwrap_or("").contains("characters"));

    // Short words, too many of them.
    let many = vec!["ab"; MAX_QUERY_TERMS + 1].join("+");
    assert!(many.len() < MAX_QUERY_CHARS);
    page(&format!("{base}/sok?q={many}"), 400, "för många ord").await;
    problem(&format!("{base}/api/v1/search?q={many}"), 400).await;

    // Within the bounds: answered.
    let most = vec!["ab"; MAX_QUERY_TERMS].join("+");
    page(&format!("{base}/sok?q={most}"), 200, "Inga träffar").await;
}

#[tokio::test]
async fn pages_and_limits_are_checked_alike() {
    let (base, _dir) = start(roomy()).await;
    for (sv, en, value) in [
        ("sida", "page", "abc"),
        ("sida", "page", "0"),
        ("sida", "page", "-1"),
        ("sida", "page", "99999999999999999999999"),
        ("antal", "limit", "0"),
        ("antal", "limit", "1000"),
    ] {
        let a = get(&format!("{base}/sok?q=budget&{sv}={value}")).await;
        assert_eq!(a.status, 400, "{sv}={value}: {}", a.body);
        assert!(a.body.contains(r#"class="notice""#), "{sv}={value}");
        problem(&format!("{base}/api/v1/search?q=budget&{en}={value}"), 400).await;
    }
    // Past the deepest hit a request may reach: the API refuses it (400); the page, when the
    // hits end before it, says which page is the last instead.
    problem(&format!("{base}/api/v1/search?q=budget&page=9999"), 400).await;
    page(
        &format!("{base}/sok?q=budget&sida=9999"),
        404,
        "Sidan 9999 finns inte",
    )
    .await;
    // Past the last page but within the bounds: said, with a way back.
    let a = page(
        &format!("{base}/sok?q=budget&sida=50"),
        404,
        "Sidan 50 finns inte",
    )
    .await;
    assert!(!a.body.contains("Visar 0"), "no “Visar 0–…”");
    assert!(a.body.contains("Gå till"));
    problem(&format!("{base}/api/v1/search?q=budget&page=50"), 404).await;
    // A real page.
    page(&format!("{base}/sok?q=budget"), 200, "Visar 1–").await;
}

#[tokio::test]
async fn inverted_dates_are_said() {
    let (base, _dir) = start(roomy()).await;
    page(
        &format!("{base}/sok?q=budget&fran=2024-12-31&till=2024-01-01"),
        400,
        "Datumen är omkastade",
    )
    .await;
    problem(
        &format!("{base}/api/v1/search?q=budget&from=2024-12-31&to=2024-01-01"),
        400,
    )
    .await;
}

#[tokio::test]
async fn control_characters_never_reach_the_html() {
    let (base, _dir) = start(roomy()).await;
    for q in [
        "budget%00",
        "%00",
        "bud%1Bget",
        "%7F%00%01",
        "budget%0D%0A%00x",
    ] {
        let a = get(&format!("{base}/sok?q={q}&person=a%00b&dnr=%00")).await;
        assert!(a.status == 200 || a.status == 400, "{q}: {}", a.status);
        let bad: Vec<char> = a
            .body
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            .collect();
        assert!(
            bad.is_empty(),
            "{q}: control characters {bad:?} in the page"
        );
        let a = get(&format!("{base}/api/v1/search?q={q}")).await;
        assert!(a.status == 200 || a.status == 400, "{q}: {}", a.status);
        assert!(!a.body.contains("\\u0000"), "{q}: NUL in the JSON");
    }
}

#[tokio::test]
async fn a_burst_from_one_address_meets_429() {
    let mut limits = roomy();
    limits.search.per_second = 1;
    limits.search.burst = 3;
    let (base, _dir) = start(limits).await;
    let mut statuses = Vec::new();
    let mut refused = None;
    for _ in 0..6 {
        let a = get(&format!("{base}/sok?q=budget")).await;
        statuses.push(a.status);
        if a.status == 429 {
            refused = Some(a);
        }
    }
    assert_eq!(&statuses[..3], &[200, 200, 200], "{statuses:?}");
    let a = refused.expect("a 429 after the burst");
    assert!(a.body.contains("För många förfrågningar"), "{}", a.body);
    let wait: u64 = a
        .retry_after
        .as_deref()
        .and_then(|s| s.parse().ok())
        .expect("Retry-After in seconds");
    assert!((1..=2).contains(&wait), "{wait}");
    // The API shares the bucket and says it as problem+json.
    problem(&format!("{base}/api/v1/search?q=budget"), 429).await;
    // Other pages are not limited.
    page(&format!("{base}/"), 200, "<html").await;
}

#[tokio::test]
async fn more_renderings_at_once_than_slots_meet_503() {
    let mut limits = roomy();
    limits.render.concurrent = 1;
    limits.render.queue = 0;
    let (base, _dir) = start(limits).await;
    let meeting = format!("{base}/kommunalforbundet-itsam/direktionen/2024-03-05");
    // Different extracts, so that the cache of rendered documents does not answer.
    let urls: Vec<String> = (1..=8)
        .map(|n| format!("{meeting}/utdrag.pdf?paragrafer={n}"))
        .collect();
    let answers = futures_join(urls.into_iter().map(|u| async move { get(&u).await })).await;
    let statuses: Vec<u16> = answers.iter().map(|a| a.status).collect();
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 503),
        "{statuses:?}"
    );
    assert!(statuses.contains(&200), "{statuses:?}");
    let busy = answers
        .iter()
        .find(|a| a.status == 503)
        .unwrap_or_else(|| panic!("one rendering at a time and no queue: {statuses:?}"));
    assert!(busy.body.contains("hårt belastad"), "{}", busy.body);
    assert!(busy.retry_after.is_some());
    // Once the burst is over, the server renders again, and the same document twice is the
    // same bytes (the second from the cache).
    let once = reqwest::get(format!("{meeting}/protokoll.pdf"))
        .await
        .expect("GET");
    assert_eq!(once.status().as_u16(), 200);
    let once = once.bytes().await.expect("bytes");
    let twice = reqwest::get(format!("{meeting}/protokoll.pdf"))
        .await
        .expect("GET")
        .bytes()
        .await
        .expect("bytes");
    assert_eq!(once, twice);
    assert!(once.starts_with(b"%PDF-"));
}

/// Runs the futures at once on the test's runtime and collects their outputs in order.
async fn futures_join<F: std::future::Future<Output = Answer> + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<Answer> {
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.expect("request task"));
    }
    out
}

#[test]
fn arbitrary_queries_are_answered_never_failed() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let (base, _dir) = rt.block_on(start(roomy()));
    let client = reqwest::Client::new();
    let mut runner = TestRunner::new(Config {
        cases: 96,
        ..Config::default()
    });
    // Words, quotes, minus signs, control characters, long runs and odd Unicode; page and
    // limit as any text.
    let query = prop_oneof![
        "[a-zåäö \"\\-]{0,60}",
        "\\PC{0,80}",
        "[\\x00-\\x1f\\x7f a-z]{0,40}",
        "[a-zåäö]{1,30}( [a-zåäö]{1,30}){0,40}",
        Just("x".repeat(MAX_QUERY_CHARS + 1)),
    ];
    let number = prop_oneof!["[0-9]{0,4}", "-?[0-9a-z]{0,25}"];
    runner
        .run(&(query, number.clone(), number), |(q, page, limit)| {
            let enc = |s: &str| s.bytes().map(|b| format!("%{b:02X}")).collect::<String>();
            for url in [
                format!(
                    "{base}/sok?q={}&sida={}&antal={}",
                    enc(&q),
                    enc(&page),
                    enc(&limit)
                ),
                format!(
                    "{base}/api/v1/search?q={}&page={}&limit={}",
                    enc(&q),
                    enc(&page),
                    enc(&limit)
                ),
            ] {
                let (status, body) = rt.block_on(async {
                    let r = client.get(&url).send().await.expect("GET");
                    let status = r.status().as_u16();
                    (status, r.text().await.expect("body"))
                });
                prop_assert!(matches!(status, 200 | 400 | 404), "{url}: {status} {body}");
                prop_assert!(
                    !body
                        .chars()
                        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')),
                    "{url}: control characters in the answer"
                );
            }
            Ok(())
        })
        .expect("every query answered");
}

#[tokio::test]
async fn errors_without_a_body_of_ours_get_one() {
    let (base, _dir) = start(roomy()).await;
    let client = reqwest::Client::new();
    // A method the route does not take: axum's bare 405 becomes the Swedish page, or problem
    // details in the API, with the Allow header kept.
    let r = client
        .post(format!("{base}/sok"))
        .send()
        .await
        .expect("POST");
    assert_eq!(r.status().as_u16(), 405);
    assert!(r.headers().contains_key("allow"));
    let body = r.text().await.expect("body");
    assert!(body.contains("Otillåten metod"), "{body}");
    let r = client
        .post(format!("{base}/api/v1/search"))
        .send()
        .await
        .expect("POST");
    assert_eq!(r.status().as_u16(), 405);
    let ct = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert_eq!(ct, "application/problem+json");
}

/// GET with an `X-Forwarded-For` header.
async fn get_forwarded(url: &str, forwarded: &str) -> u16 {
    reqwest::Client::new()
        .get(url)
        .header("x-forwarded-for", forwarded)
        .send()
        .await
        .expect("GET")
        .status()
        .as_u16()
}

/// Behind a proxy the rate limit counts per client as the proxy reports it (the last address
/// of `X-Forwarded-For`, which the client cannot forge); without the setting the header is
/// ignored, so a client cannot escape its limit by sending one.
#[tokio::test]
async fn the_rate_limit_uses_the_forwarded_address_only_behind_a_proxy() {
    let mut limits = roomy();
    limits.search.per_second = 1;
    limits.search.burst = 1;
    let (proxied, _d1) = start_with(limits, true).await;
    let url = format!("{proxied}/api/v1/search?q=budget");
    assert_eq!(get_forwarded(&url, "203.0.113.1").await, 200);
    assert_eq!(
        get_forwarded(&url, "203.0.113.2").await,
        200,
        "another client"
    );
    assert_eq!(
        get_forwarded(&url, "203.0.113.1").await,
        429,
        "the same client again"
    );
    // A forged first entry does not make a new client: the proxy's own entry counts.
    assert_eq!(get_forwarded(&url, "198.51.100.9, 203.0.113.2").await, 429);

    let (direct, _d2) = start_with(limits, false).await;
    let url = format!("{direct}/api/v1/search?q=budget");
    assert_eq!(get_forwarded(&url, "203.0.113.1").await, 200);
    assert_eq!(
        get_forwarded(&url, "203.0.113.2").await,
        429,
        "not behind a proxy: the header is ignored"
    );
}
