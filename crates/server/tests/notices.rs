//! Justering, the anslagstavla and expediering over HTTP on both backends, as the contract
//! drives them (`markJusterad`, `listNotices`, `getNoticeFeed`, `postNotice`,
//! `listDispatches`, `markDispatched`): a meeting is recorded and released through the API
//! (the set-up of `recording.rs`), marked justerad, and its notice appears on the anslagstavla
//! of the body's authority and of the cooperating kommun with the law engine's dates — with a
//! clock standing across påsk and across midsommar, so that the appeal period's last day
//! moves as lag 1930:173 says; the notice comes down on the right day when the clock moves on;
//! the Atom feed parses in Python's feedparser; the dispatches become a checklist that is
//! marked sent; and every operation refuses the roles outside its `x-kansli-roles`.

mod common;
use common::token;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use kansli_auth::{Grant, Role};
use kansli_core::protocol::ParsedProtocol;
use kansli_server::{AppState, router};
use kansli_store::{Store, StoreConfig};
use reqwest::StatusCode;
use serde_json::{Value, json};

const ITSAM: &str = "kommunalforbundet-itsam";
const KINDA: &str = "kinda-kommun";

/// The seven seats (name, role, party, kommun) and two substitutes.
const SEATS: [(&str, &str, &str, &str); 9] = [
    ("Anna Ordförande", "chair", "S", "Kinda kommun"),
    ("Bo Lund", "member", "M", "Ydre kommun"),
    ("Cecilia Ceder", "member", "C", "Boxholms kommun"),
    ("David Dahl", "member", "S", "Åtvidabergs kommun"),
    ("Eva Ek", "member", "M", "Vimmerby kommun"),
    ("Fredrik Fors", "member", "L", "Valdemarsviks kommun"),
    ("Greta Gran", "member", "KD", "Kinda kommun"),
    ("Hans Holm", "substitute", "M", "Ydre kommun"),
    ("Ida Ivarsson", "substitute", "S", "Åtvidabergs kommun"),
];

struct App {
    base: String,
    client: reqwest::Client,
    secretary: String,
    member: String,
    /// A secretary of another body of the same authority.
    other: String,
    clock: Arc<Mutex<DateTime<Utc>>>,
    meeting: String,
    _dir: tempfile::TempDir,
}

fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339).unwrap().to_utc()
}

impl App {
    async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        common::call(&self.client, &self.base, (method, path), token, body).await
    }

    async fn text(&self, path: &str, token: Option<&str>) -> (StatusCode, String, String) {
        let mut r = self.client.get(format!("{}{path}", self.base));
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        let r = r.send().await.unwrap();
        let status = r.status();
        let ct = r
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        (status, ct, r.text().await.unwrap())
    }

    /// Sets the clock of the store and of today's date (RFC 3339).
    fn set_now(&self, rfc3339: &str) {
        *self.clock.lock().unwrap() = at(rfc3339);
    }

    fn meeting_api(&self) -> String {
        format!(
            "/api/v1/authorities/{ITSAM}/bodies/direktionen/meetings/{}",
            self.meeting
        )
    }

    async fn notices(&self, a: &str, current: bool) -> Vec<Value> {
        let (s, v) = self
            .call(
                "GET",
                &format!("/api/v1/authorities/{a}/notices?current={current}"),
                None,
                None,
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        v["data"].as_array().unwrap().clone()
    }
}

/// A direktion (whose notices also go on Kinda kommun's board) with a meeting on `meeting`,
/// its agenda of a case and an information item, and the clock at noon that day.
async fn spawn(database_url: Option<String>, meeting: &str) -> App {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(Mutex::new(at(&format!("{meeting}T12:00:00Z"))));
    let c = clock.clone();
    let store = Store::open(&StoreConfig {
        data_dir: dir.path().join("data"),
        database_url,
    })
    .await
    .unwrap()
    .with_clock(Arc::new(move || *c.lock().unwrap()));
    eprintln!("-- on {:?}, meeting {meeting}", store.backend());
    let admin = token(
        &store,
        "admin@itsam.se",
        "Admin",
        vec![Grant::new(Role::Admin, None, None).unwrap()],
    )
    .await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mut state = AppState::new(store.clone());
    let c = clock.clone();
    state.today =
        Arc::new(move || kansli_core::law::checks::swedish_local_date(*c.lock().unwrap()));
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let mut app = App {
        base: format!("http://{addr}"),
        client: reqwest::Client::new(),
        secretary: String::new(),
        member: String::new(),
        other: String::new(),
        clock,
        meeting: meeting.into(),
        _dir: dir,
    };
    let admin = Some(admin.as_str());
    let (s, v) = app
        .call(
            "POST",
            "/api/v1/authorities",
            admin,
            Some(json!({"name": "Kommunalförbundet Itsam", "kind": "kommunalförbund", "dnr_series": "ITSAM"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    for (name, joint) in [
        ("Direktionen", json!(["Kinda kommun"])),
        ("Arbetsutskottet", json!([])),
    ] {
        let (s, v) = app
            .call(
                "POST",
                &format!("/api/v1/authorities/{ITSAM}/bodies"),
                admin,
                Some(json!({"name": name, "kind": "direktion", "seats": 7, "prepares_for": null, "joint_for": joint})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    for (name, role, party, represents) in SEATS {
        let (s, v) = app
            .call(
                "POST",
                &format!("/api/v1/authorities/{ITSAM}/bodies/direktionen/members"),
                admin,
                Some(
                    json!({"name": name, "role": role, "party": party, "represents": represents,
                    "from": "2023-01-01", "to": "2026-12-31",
                    "substitute_order": if role == "substitute" { Some(1) } else { None }}),
                ),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{name}: {v}");
    }
    let grant = |role, b: &str| Grant::new(role, Some(ITSAM.into()), Some(b.into())).unwrap();
    app.secretary = token(
        &store,
        "sekreterare@itsam.se",
        "Sara Sekreterare",
        vec![grant(Role::Secretary, "direktionen")],
    )
    .await;
    app.member = token(
        &store,
        "bo@ydre.se",
        "Bo Lund",
        vec![grant(Role::Member, "direktionen")],
    )
    .await;
    app.other = token(
        &store,
        "au@itsam.se",
        "Åsa Utskott",
        vec![grant(Role::Secretary, "arbetsutskottet")],
    )
    .await;
    let secretary = Some(app.secretary.as_str());
    let (s, v) = app
        .call(
            "POST",
            &format!("/api/v1/authorities/{ITSAM}/cases"),
            secretary,
            Some(json!({"title": "Upphandling av nätverk", "handler": "Eva Handläggare"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (s, v) = app
        .call(
            "POST",
            &format!("/api/v1/authorities/{ITSAM}/bodies/direktionen/meetings"),
            secretary,
            Some(json!({"date": meeting, "start_time": "09:00", "end_time": "12:00", "place": "Kommunhuset, Kinda"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let agenda = format!("{}/agenda", app.meeting_api());
    for item in [
        json!({"case": "ITSAM 2026/1", "proposal": "Direktionen beslutar att anta anbudet.", "presenter": "Eva Handläggare"}),
        json!({"kind": "information", "title": "Förbundschefen informerar"}),
    ] {
        let (s, v) = app.call("POST", &agenda, secretary, Some(item)).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    app
}

/// Records the meeting (decisions, each paragraph's recipients) and releases it for justering
/// by Cecilia Ceder.
/// Records the meeting and releases it for justering, planned for `planned` (a day) or none.
async fn record_and_release(app: &App, planned: Option<&str>) {
    let secretary = Some(app.secretary.as_str());
    let record_path = format!("{}/record", app.meeting_api());
    let (s, v) = app.call("GET", &record_path, secretary, None).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let mut record: ParsedProtocol = serde_json::from_value(v["record"].clone()).unwrap();
    record.items[0].decision = Some("Direktionen beslutar att anta anbudet.".into());
    record.items[0].dispatch = vec!["Akt".into(), "Ekonomienheten".into()];
    record.items[1].decision =
        Some("Direktionen beslutar att notera informationen till protokollet.".into());
    record.items[1].dispatch = vec!["Akt".into()];
    let (s, v) = app
        .call(
            "PUT",
            &record_path,
            secretary,
            Some(json!({"version": 0, "record": record})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let version = v["version"].clone();
    let (s, v) = app
        .call(
            "POST",
            &format!("{record_path}/release"),
            secretary,
            Some(json!({"version": version, "justerare": ["Cecilia Ceder"], "justering": {"place": "Digitalt", "date": planned}})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["state"], "released");
}

/// Parses an Atom feed with Python's feedparser: (bozo, version, entry titles). `None` outside
/// CI when feedparser is missing (CI installs it).
fn feedparser(xml: &str) -> Option<(bool, String, Vec<String>)> {
    let script = r#"
import sys, json, feedparser
d = feedparser.parse(sys.stdin.read())
print(json.dumps({"bozo": bool(d.bozo), "version": d.version,
    "titles": [e.title for e in d.entries],
    "published": [e.published for e in d.entries],
    "links": [e.link for e in d.entries]}))
"#;
    let child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        assert!(std::env::var_os("CI").is_none(), "CI needs python3");
        eprintln!("SKIPPED: no python3");
        return None;
    };
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(xml.as_bytes())
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("No module named 'feedparser'") {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must pip install feedparser"
        );
        eprintln!("SKIPPED: Python's feedparser is not installed (pip install feedparser)");
        return None;
    }
    assert!(out.status.success(), "feedparser failed: {stderr}\n{xml}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    eprintln!("feedparser: {v}");
    Some((
        v["bozo"].as_bool().unwrap(),
        v["version"].as_str().unwrap().to_string(),
        v["titles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap().to_string())
            .collect(),
    ))
}

fn backends() -> Vec<Option<String>> {
    let mut urls = vec![None];
    if let Some(url) = kansli_testpg::fresh_database_url() {
        urls.push(Some(url));
    }
    urls
}

/// Påsk 2026: justerad and posted Friday 13 March; three weeks on is långfredagen 3 April, then
/// påskafton, påskdagen and annandag påsk: the appeal period ends Tuesday 7 April and the
/// notice comes down Wednesday 8 April. The posting deadline (Sunday 15 March) moves to Monday
/// 16 March.
#[tokio::test]
async fn justering_posts_the_notice_across_pask_and_the_anslagstavla_serves_it() {
    for url in backends() {
        let app = spawn(url, "2026-03-12").await;
        let secretary = Some(app.secretary.as_str());
        let justera = format!("{}/justering", app.meeting_api());

        // Draft minutes cannot be justerade.
        let (s, v) = app
            .call(
                "POST",
                &justera,
                secretary,
                Some(json!({"date": "2026-03-12"})),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "{v}");
        record_and_release(&app, Some("2026-03-20")).await;
        assert!(app.notices(ITSAM, true).await.is_empty());
        let (s, _) = app
            .call("GET", "/api/v1/dispatches?unsent=true", secretary, None)
            .await;
        assert_eq!(s, StatusCode::OK);

        // Roles: the public and a member may not mark minutes justerade.
        let (s, _) = app
            .call("POST", &justera, None, Some(json!({"date": "2026-03-13"})))
            .await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        let (s, _) = app
            .call(
                "POST",
                &justera,
                Some(&app.member),
                Some(json!({"date": "2026-03-13"})),
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, _) = app
            .call(
                "POST",
                &justera,
                Some(&app.other),
                Some(json!({"date": "2026-03-13"})),
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);

        // Signed on paper on Friday 13 March and marked that morning.
        app.set_now("2026-03-13T08:30:00Z");
        let (s, v) = app
            .call(
                "POST",
                &justera,
                secretary,
                Some(json!({"date": "2026-03-14"})),
            )
            .await;
        assert_eq!(
            s,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a day in the future: {v}"
        );
        let (s, v) = app
            .call(
                "POST",
                &justera,
                secretary,
                Some(json!({"date": "2026-03-13"})),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        eprintln!("påsk: {v}");
        assert_eq!(v["state"], "posted");
        assert_eq!(v["justerad_on"], "2026-03-13");
        // Planned for the 20th at release, justerad on the 13th: the minutes say the 13th.
        let (_, r) = app
            .call(
                "GET",
                &format!("{}/record", app.meeting_api()),
                secretary,
                None,
            )
            .await;
        assert_eq!(r["record"]["justering"]["date"], "2026-03-13", "{r}");
        assert_eq!(v["posting_deadline"], "2026-03-16");
        assert_eq!(v["appeal_last_day"], "2026-04-07");
        assert_eq!(v["dispatches"], 3);
        let boards: Vec<&str> = v["notices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["board"].as_str().unwrap())
            .collect();
        assert_eq!(boards, [ITSAM, KINDA]);
        for n in v["notices"].as_array().unwrap() {
            assert_eq!(n["posted"], "2026-03-13");
            assert_eq!(n["removal"], "2026-04-08");
            assert_eq!(n["kept_at"], "Kommunalförbundet Itsam");
        }
        let (s, v) = app
            .call(
                "POST",
                &justera,
                secretary,
                Some(json!({"date": "2026-03-13"})),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "justerade twice: {v}");

        // The anslagstavla of the authority and of the cooperating kommun.
        for board in [ITSAM, KINDA] {
            let current = app.notices(board, true).await;
            assert_eq!(current.len(), 1, "{board}: {current:?}");
            let n = &current[0];
            assert_eq!(n["kind"], "justering");
            assert_eq!(n["body"], "Direktionen");
            assert_eq!(n["meeting_date"], "2026-03-12");
            assert_eq!(n["paragraphs"], "§§ 1–2");
            assert_eq!(n["posted"], "2026-03-13");
            assert_eq!(n["removal"], "2026-04-08");
            assert_eq!(n["kept_at"], "Kommunalförbundet Itsam");
            assert_eq!(n["appeal_last_day"], "2026-04-07");
            assert!(
                n["minutes_url"]
                    .as_str()
                    .unwrap()
                    .ends_with("/kommunalforbundet-itsam/direktionen/2026-03-12"),
                "{n}"
            );
            assert!(app.notices(board, false).await.is_empty());
        }
        let (s, v) = app
            .call("GET", "/api/v1/authorities/ingen/notices", None, None)
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
        let (s, v) = app
            .call(
                "GET",
                &format!("/api/v1/authorities/{ITSAM}/notices?current=x"),
                None,
                None,
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");

        // The minutes are public and posted.
        let (_, v) = app
            .call(
                "GET",
                &format!("{}/record", app.meeting_api()),
                secretary,
                None,
            )
            .await;
        assert_eq!(v["state"], "posted", "{v}");

        // The page: easy to find from the authority's page and the frame, dates in words.
        let (s, _, page) = app.text(&format!("/{ITSAM}"), None).await;
        assert_eq!(s, StatusCode::OK);
        assert!(
            page.contains(&format!("href=\"/{ITSAM}/anslagstavla\"")),
            "{page}"
        );
        assert!(
            page.contains("href=\"/anslagstavla\""),
            "the frame links the board"
        );
        let (s, _, page) = app.text(&format!("/{ITSAM}/anslagstavla"), None).await;
        assert_eq!(s, StatusCode::OK, "{page}");
        for text in [
            "Anslagstavla – Kommunalförbundet Itsam",
            "Tillkännagivande av justering",
            "Direktionen, sammanträde 2026-03-12, §§ 1–2",
            "fredag 13 mars 2026",
            "onsdag 8 april 2026",
            "senast tisdag 7 april 2026",
            "/kommunalforbundet-itsam/direktionen/2026-03-12",
            "/kommunalforbundet-itsam/anslagstavla/overklaga",
        ] {
            assert!(page.contains(text), "the board lacks {text:?}:\n{page}");
        }
        let (s, _, page) = app
            .text(&format!("/{ITSAM}/anslagstavla/overklaga"), None)
            .await;
        assert_eq!(s, StatusCode::OK);
        assert!(page.contains("inom tre veckor"), "{page}");
        assert!(page.contains("förvaltningsrätten"), "{page}");
        let (s, _, _) = app.text("/ingen/anslagstavla", None).await;
        assert_eq!(s, StatusCode::NOT_FOUND);

        // The feed.
        let (s, ct, xml) = app
            .text(&format!("/api/v1/authorities/{ITSAM}/notices.atom"), None)
            .await;
        assert_eq!(s, StatusCode::OK, "{xml}");
        assert!(ct.starts_with("application/atom+xml"), "{ct}");
        assert!(
            xml.contains("2026-03-13T00:00:00+01:00"),
            "Stockholm time: {xml}"
        );
        if let Some((bozo, version, titles)) = feedparser(&xml) {
            assert!(!bozo, "{xml}");
            assert_eq!(version, "atom10");
            assert_eq!(
                titles,
                ["Tillkännagivande av justering: Direktionen, sammanträde 2026-03-12, §§ 1–2"]
            );
        }

        // A kungörelse posted by hand; only the secretariat posts.
        let kungorelse = json!({"kind": "kungörelse", "title": "Sammanträde med direktionen 2026-04-23",
            "text": "Direktionen sammanträder i Kinda kommunhus kl. 09.00.", "posted": "2026-03-13", "removal": "2026-04-24"});
        let notices = format!("/api/v1/authorities/{ITSAM}/notices");
        let (s, _) = app
            .call("POST", &notices, None, Some(kungorelse.clone()))
            .await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        let (s, _) = app
            .call(
                "POST",
                &notices,
                Some(&app.member),
                Some(kungorelse.clone()),
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let mut backdated = kungorelse.clone();
        backdated["posted"] = json!("2026-03-12");
        let (s, v) = app.call("POST", &notices, secretary, Some(backdated)).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        let mut wrong = kungorelse.clone();
        wrong["kind"] = json!("reklam");
        let (s, v) = app.call("POST", &notices, secretary, Some(wrong)).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        let (s, v) = app
            .call("POST", &notices, secretary, Some(kungorelse.clone()))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        assert_eq!(v["kind"], "kungörelse");
        let current = app.notices(ITSAM, true).await;
        assert_eq!(current.len(), 2, "{current:?}");
        assert!(current.iter().any(|n| n["kind"] == "kungörelse"));
        assert_eq!(
            app.notices(KINDA, true).await.len(),
            1,
            "the kungörelse is Itsam's own"
        );

        // Expediering: the checklist of the justerade minutes, for their secretary only.
        let (s, _) = app
            .call("GET", "/api/v1/dispatches?unsent=true", None, None)
            .await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        let (s, _) = app
            .call(
                "GET",
                "/api/v1/dispatches?unsent=true",
                Some(&app.member),
                None,
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, v) = app
            .call(
                "GET",
                "/api/v1/dispatches?unsent=true",
                Some(&app.other),
                None,
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(v["data"], json!([]), "another body's secretary sees none");
        let (s, v) = app
            .call("GET", "/api/v1/dispatches?unsent=true", secretary, None)
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        let list = v["data"].as_array().unwrap().clone();
        let rows: Vec<(i64, &str)> = list
            .iter()
            .map(|d| {
                (
                    d["paragraph"].as_i64().unwrap(),
                    d["recipient"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(rows, [(1, "Akt"), (1, "Ekonomienheten"), (2, "Akt")]);
        assert!(
            list.iter()
                .all(|d| d["meeting"] == "2026-03-12" && d["sent_at"].is_null())
        );
        let id = list[1]["id"].as_i64().unwrap();
        let mark = format!("/api/v1/dispatches/{id}");
        let sent = json!({"sent_at": "2026-03-13", "how": "e-post"});
        let (s, _) = app
            .call("POST", &mark, Some(&app.member), Some(sent.clone()))
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, _) = app
            .call("POST", &mark, Some(&app.other), Some(sent.clone()))
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "another body's dispatch");
        let (s, v) = app
            .call(
                "POST",
                &mark,
                secretary,
                Some(json!({"sent_at": "2026-03-13", "how": "duva"})),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        let (s, v) = app
            .call(
                "POST",
                &mark,
                secretary,
                Some(json!({"sent_at": "2026-03-11", "how": "e-post"})),
            )
            .await;
        assert_eq!(
            s,
            StatusCode::UNPROCESSABLE_ENTITY,
            "sent before the meeting: {v}"
        );
        // The meeting's day, but before the justering on the 13th.
        let (s, v) = app
            .call(
                "POST",
                &mark,
                secretary,
                Some(json!({"sent_at": "2026-03-12", "how": "e-post"})),
            )
            .await;
        assert_eq!(
            s,
            StatusCode::UNPROCESSABLE_ENTITY,
            "sent before the justering: {v}"
        );
        assert!(v["detail"].as_str().unwrap().contains("justerad"), "{v}");
        let (s, v) = app
            .call(
                "POST",
                "/api/v1/dispatches/999999",
                secretary,
                Some(sent.clone()),
            )
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
        // An id that is no number: 400, saying what could not be read.
        let (s, v) = app
            .call(
                "POST",
                "/api/v1/dispatches/abc",
                secretary,
                Some(sent.clone()),
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
        assert!(v["detail"].as_str().unwrap().contains("`abc`"), "{v}");
        let (s, v) = app.call("POST", &mark, secretary, Some(sent.clone())).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["sent_at"], "2026-03-13");
        assert_eq!(v["how"], "e-post");
        assert_eq!(v["recipient"], "Ekonomienheten");
        // Sent once: the same marking again changes nothing, another is refused.
        let (s, v) = app.call("POST", &mark, secretary, Some(sent)).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        let (s, v) = app
            .call(
                "POST",
                &mark,
                secretary,
                Some(json!({"sent_at": "2026-03-13", "how": "post"})),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "{v}");
        let (_, v) = app.call("GET", "/api/v1/dispatches", secretary, None).await;
        assert!(
            v["data"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["id"] == id && d["how"] == "e-post"),
            "{v}"
        );
        // Marked by mistake: taken back (only by the body's secretary), then marked again.
        let unmark = format!("/api/v1/dispatches/{id}/sent");
        let (s, _) = app.call("DELETE", &unmark, Some(&app.member), None).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, v) = app.call("DELETE", &unmark, secretary, None).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert!(v["sent_at"].is_null() && v["how"].is_null(), "{v}");
        let (s, v) = app.call("DELETE", &unmark, secretary, None).await;
        assert_eq!(s, StatusCode::CONFLICT, "{v}");
        let (s, v) = app
            .call(
                "POST",
                &mark,
                secretary,
                Some(json!({"sent_at": "2026-03-13", "how": "e-post"})),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");

        // The certified extract for a recipient is made once and kept: the same file each time,
        // and a check of it finds the justerade minutes and their signers.
        let extract = format!("{}/api/v1/dispatches/{id}/extract.pdf", app.base);
        let fetch = || async {
            let r = app
                .client
                .get(&extract)
                .bearer_auth(&app.secretary)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            r.bytes().await.unwrap().to_vec()
        };
        let first = fetch().await;
        app.set_now("2026-03-16T10:00:00Z");
        assert_eq!(
            fetch().await,
            first,
            "the extract sent is kept as it was made"
        );
        let form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(first.clone()).file_name("utdrag.pdf"),
        );
        let report: Value = app
            .client
            .post(format!("{}/api/v1/verify", app.base))
            .multipart(form)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(report["valid"], true, "{report}");
        // Justerade on paper here: the secretary's bestyrkande and the seal vouch for it.
        assert_eq!(
            report["certified_by"], "Sara Sekreterare, sekreterare",
            "{report}"
        );
        // Kept, it is still no public file.
        let sha = report["sha256"].as_str().unwrap().to_string();
        let (s, _, _) = app.text(&format!("/filer/{sha}"), None).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let (_, v) = app
            .call("GET", "/api/v1/dispatches?unsent=true", secretary, None)
            .await;
        assert_eq!(v["data"].as_array().unwrap().len(), 2, "{v}");
        let (_, v) = app.call("GET", "/api/v1/dispatches", secretary, None).await;
        assert_eq!(v["data"].as_array().unwrap().len(), 3, "{v}");
        let (s, _, page) = app.text("/kansli/expediering", secretary).await;
        assert_eq!(s, StatusCode::OK, "{page}");
        assert!(page.contains("Inte skickat (2)"), "{page}");
        assert!(
            page.contains("2026-03-13, e-post (sekreterare@itsam.se)"),
            "{page}"
        );
        let (s, _, _) = app.text("/kansli/expediering", Some(&app.member)).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        // A refused "skickat" (a day in the future) shows the list again with what was chosen.
        let (_, v) = app
            .call("GET", "/api/v1/dispatches?unsent=true", secretary, None)
            .await;
        let unsent = v["data"][0]["id"].as_i64().unwrap();
        let r = app
            .client
            .post(format!("{}/kansli/expediering/{unsent}", app.base))
            .bearer_auth(&app.secretary)
            .form(&[("sent_at", "2099-01-01"), ("how", "post")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = r.text().await.unwrap();
        assert!(page.contains(r#"value="2099-01-01""#), "{page}");
        assert!(page.contains(r#"<option value="post" selected>"#), "{page}");

        // Up on the last day of the appeal period (Tuesday 7 April, late evening in Sweden)…
        app.set_now("2026-04-07T21:30:00Z");
        let current = app.notices(ITSAM, true).await;
        assert!(
            current.iter().any(|n| n["kind"] == "justering"),
            "{current:?}"
        );
        // …and down at midnight: the record (bevis) keeps it, with both dates.
        app.set_now("2026-04-07T22:30:00Z");
        let current = app.notices(ITSAM, true).await;
        assert!(
            !current.iter().any(|n| n["kind"] == "justering"),
            "{current:?}"
        );
        let past = app.notices(KINDA, false).await;
        assert_eq!(past.len(), 1, "{past:?}");
        assert_eq!(past[0]["posted"], "2026-03-13");
        assert_eq!(past[0]["removal"], "2026-04-08");
        let (_, _, page) = app.text(&format!("/{KINDA}/anslagstavla"), None).await;
        assert!(
            page.contains("Det finns inga anslag på anslagstavlan just nu."),
            "{page}"
        );
        assert!(page.contains("Tidigare anslag (bevis)"));
        assert!(page.contains("onsdag 8 april 2026"), "{page}");
    }
}

/// Midsommar 2026: justerad and posted Friday 29 May; three weeks on is midsommarafton 19 June,
/// then midsommardagen and a Sunday: the appeal period ends Monday 22 June, the notice comes
/// down Tuesday 23 June. The posting deadline (Sunday 31 May) moves to Monday 1 June. Marked
/// late instead (on Wednesday 3 June, after that deadline), the notice is posted that day —
/// never backdated — and the appeal period runs from it.
#[tokio::test]
async fn justering_across_midsommar_and_a_late_marking() {
    for url in backends() {
        let app = spawn(url.clone(), "2026-05-28").await;
        record_and_release(&app, None).await;
        app.set_now("2026-05-29T10:00:00Z");
        // Two at once (two tabs, or a last signature beside a paper marking): one justerar,
        // the other is told the minutes are no longer released; one notice per board.
        let path = format!("{}/justering", app.meeting_api());
        let body = json!({"date": "2026-05-29"});
        let (first, second) = tokio::join!(
            app.call("POST", &path, Some(&app.secretary), Some(body.clone())),
            app.call("POST", &path, Some(&app.secretary), Some(body.clone())),
        );
        let mut statuses = [first.0, second.0];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::CONFLICT],
            "{first:?} {second:?}"
        );
        let (s, v) = if first.0 == StatusCode::OK {
            first
        } else {
            second
        };
        assert_eq!(s, StatusCode::OK, "{v}");
        eprintln!("midsommar: {v}");
        assert_eq!(v["posting_deadline"], "2026-06-01");
        assert_eq!(v["appeal_last_day"], "2026-06-22");
        assert_eq!(v["notices"][0]["posted"], "2026-05-29");
        assert_eq!(v["notices"][0]["removal"], "2026-06-23");
        app.set_now("2026-06-22T12:00:00Z");
        assert_eq!(app.notices(ITSAM, true).await.len(), 1);
        assert_eq!(app.notices(KINDA, true).await.len(), 1);
        app.set_now("2026-06-23T06:00:00Z");
        assert!(app.notices(ITSAM, true).await.is_empty());
        assert_eq!(app.notices(ITSAM, false).await.len(), 1);
        // The record of past notices reaches a year back: the board stays one page however
        // long the archive; the minutes keep the notice's days.
        app.set_now("2027-06-22T12:00:00Z");
        assert_eq!(app.notices(ITSAM, false).await.len(), 1);
        app.set_now("2027-06-24T12:00:00Z");
        assert!(app.notices(ITSAM, false).await.is_empty());
        let (s, _, page) = app
            .text("/kommunalforbundet-itsam/anslagstavla", None)
            .await;
        assert_eq!(s, StatusCode::OK);
        assert!(
            page.contains("Inga anslag har tagits ned det senaste året"),
            "{page}"
        );

        // The same meeting, signed on paper on 29 May but marked only on 3 June.
        let url = if url.is_some() {
            kansli_testpg::fresh_database_url()
        } else {
            None
        };
        let app = spawn(url, "2026-05-28").await;
        record_and_release(&app, None).await;
        app.set_now("2026-06-03T07:00:00Z");
        let (s, v) = app
            .call(
                "POST",
                &format!("{}/justering", app.meeting_api()),
                Some(&app.secretary),
                Some(json!({"date": "2026-05-29"})),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        eprintln!("marked late: {v}");
        assert_eq!(v["justerad_on"], "2026-05-29");
        assert_eq!(v["notices"][0]["posted"], "2026-06-03");
        assert_eq!(v["appeal_last_day"], "2026-06-24");
        assert_eq!(v["notices"][0]["removal"], "2026-06-25");
    }
}
