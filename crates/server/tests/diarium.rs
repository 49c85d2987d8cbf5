//! The registry and the diarium over HTTP on both backends, as the contract drives them: Itsam
//! set up as the samples show it (direktion, kommunchefsberedning preparing for it, seats),
//! cases registered with the next Dnr (also many at once), a confidential document uploaded,
//! the case record for staff, and nothing confidential for the public.

mod common;
use common::token;

use std::net::SocketAddr;
use std::sync::Arc;

use kansli_auth::{Email, Grant, Role};
use kansli_server::secretariat::AuthSettings;
use kansli_server::{AppState, router};
use kansli_store::{Actor, NewUser, Store, StoreConfig};
use reqwest::StatusCode;
use serde_json::{Value, json};

const ITSAM: &str = "kommunalforbundet-itsam";

struct App {
    base: String,
    client: reqwest::Client,
    admin: String,
    registrar: String,
    secretary: String,
    member: String,
    _dir: tempfile::TempDir,
}

impl App {
    /// `addCaseDocument` as the registrar: multipart with the file and the text parts.
    async fn add_document(
        &self,
        url: &str,
        (name, bytes): (&str, Vec<u8>),
        parts: &[(&str, &str)],
    ) -> (StatusCode, Value) {
        let mut form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        );
        for (k, v) in parts {
            form = form.text(k.to_string(), v.to_string());
        }
        let r = self
            .client
            .post(url)
            .bearer_auth(&self.registrar)
            .multipart(form)
            .send()
            .await
            .unwrap();
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// A JSON request with a bearer token (`path` absolute, as built in the tests); the status
    /// and the JSON answer (null when none).
    async fn call(
        &self,
        method: &str,
        url: &str,
        token: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut r = self
            .client
            .request(reqwest::Method::from_bytes(method.as_bytes()).unwrap(), url)
            .bearer_auth(token);
        if let Some(body) = body {
            r = r.json(&body);
        }
        let r = r.send().await.unwrap();
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }
}

async fn apps() -> Vec<App> {
    let mut out = vec![spawn(None).await];
    if let Some(url) = kansli_testpg::fresh_database_url() {
        out.push(spawn(Some(url)).await);
    }
    out
}

async fn spawn(database_url: Option<String>) -> App {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&StoreConfig {
        data_dir: dir.path().join("data"),
        database_url,
    })
    .await
    .unwrap()
    .with_clock(Arc::new(|| {
        chrono::DateTime::parse_from_rfc3339("2026-03-02T08:00:00Z")
            .unwrap()
            .to_utc()
    }));
    eprintln!("-- on {:?}", store.backend());
    let admin = token(
        &store,
        "admin@itsam.se",
        "admin@itsam.se",
        vec![Grant::new(Role::Admin, None, None).unwrap()],
    )
    .await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let settings = AuthSettings {
        max_upload: 64 * 1024,
        ..AuthSettings::default()
    };
    // Today as the store's clock says: a meeting planned after it has not been held yet.
    let state = AppState::new(store.clone())
        .with_auth(settings)
        .with_today(chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = reqwest::Client::new();
    let base = format!("http://{addr}");
    // The authority and its bodies first (grants name existing bodies).
    let r = client
        .post(format!("{base}/api/v1/authorities"))
        .bearer_auth(&admin)
        .json(&json!({"name": "Kommunalförbundet Itsam", "kind": "kommunalförbund", "dnr_series": "ITSAM"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let authority: Value = r.json().await.unwrap();
    assert_eq!(authority["slug"], ITSAM);
    for (name, kind, seats, prepares) in [
        ("Direktionen", "direktion", 8, None),
        (
            "Kommunchefsberedningen",
            "beredning",
            8,
            Some("direktionen"),
        ),
    ] {
        let r = client
            .post(format!("{base}/api/v1/authorities/{ITSAM}/bodies"))
            .bearer_auth(&admin)
            .json(&json!({"name": name, "kind": kind, "seats": seats, "prepares_for": prepares, "joint_for": []}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED, "{name}");
    }
    let registrar = token(
        &store,
        "registrator@itsam.se",
        "registrator@itsam.se",
        vec![Grant::new(Role::Registrar, Some(ITSAM.into()), None).unwrap()],
    )
    .await;
    let secretary = token(
        &store,
        "sekreterare@itsam.se",
        "sekreterare@itsam.se",
        vec![
            Grant::new(
                Role::Secretary,
                Some(ITSAM.into()),
                Some("direktionen".into()),
            )
            .unwrap(),
        ],
    )
    .await;
    let member = token(
        &store,
        "ledamot@itsam.se",
        "ledamot@itsam.se",
        vec![Grant::new(Role::Member, Some(ITSAM.into()), Some("direktionen".into())).unwrap()],
    )
    .await;
    App {
        base,
        client,
        admin,
        registrar,
        secretary,
        member,
        _dir: dir,
    }
}

#[tokio::test]
async fn itsam_registers_cases_and_keeps_confidential_documents_from_the_public() {
    for app in apps().await {
        let base = &app.base;
        // Seats, with the kommun each represents and the substitutes' order.
        for (name, role, represents, order) in [
            ("Anna Ordförande", "chair", "Kinda kommun", None),
            ("Bo Ledamot", "member", "Ydre kommun", None),
            ("Cia Ersättare", "substitute", "Kinda kommun", Some(1)),
        ] {
            let r = app
                .client
                .post(format!(
                    "{base}/api/v1/authorities/{ITSAM}/bodies/direktionen/members"
                ))
                .bearer_auth(&app.admin)
                .json(
                    &json!({"name": name, "role": role, "party": null, "represents": represents,
                              "from": "2023-01-01", "to": "2026-12-31", "substitute_order": order}),
                )
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::CREATED, "{name}");
        }
        let r = app
            .client
            .post(format!(
                "{base}/api/v1/authorities/{ITSAM}/bodies/direktionen/members"
            ))
            .bearer_auth(&app.admin)
            .json(&json!({"name": "X", "role": "kung"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

        // Cases: ITSAM 2026/1, then /2 by the secretary.
        let register = |token: &str, title: &str| {
            app.client
                .post(format!("{base}/api/v1/authorities/{ITSAM}/cases"))
                .bearer_auth(token)
                .json(&json!({"title": title, "handler": "Eva Handläggare"}))
        };
        let r = register(&app.registrar, "Upphandling av nätverk")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
        let location = r.headers()["location"].to_str().unwrap().to_string();
        let first: Value = r.json().await.unwrap();
        assert_eq!(first["dnr"], "ITSAM 2026/1");
        assert_eq!(first["key"], "ITSAM-2026-1");
        assert_eq!(first["status"], "open");
        let second: Value = register(&app.secretary, "Budget 2027")
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(second["dnr"], "ITSAM 2026/2");
        // Many registrars at the same moment: consecutive numbers, none twice.
        let mut pending = Vec::new();
        for i in 0..12 {
            pending.push(register(&app.registrar, &format!("Ärende {i}")).send());
        }
        let mut numbers = Vec::new();
        for r in futures_util::future::join_all(pending).await {
            let v: Value = r.unwrap().json().await.unwrap();
            numbers.push(
                v["dnr"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .parse::<u32>()
                    .unwrap(),
            );
        }
        numbers.sort_unstable();
        assert_eq!(numbers, (3..=14).collect::<Vec<_>>());
        // A member does not keep the diarium.
        assert_eq!(
            register(&app.member, "x").send().await.unwrap().status(),
            StatusCode::FORBIDDEN
        );

        // A confidential document, uploaded; its media type comes from its content.
        let pdf = b"%PDF-1.7\n% anbud med priser\n".to_vec();
        let form = reqwest::multipart::Form::new()
            .part(
                "file",
                reqwest::multipart::Part::bytes(pdf.clone()).file_name("anbud.txt"),
            )
            .text("title", "Anbud från leverantör A")
            .text("direction", "incoming")
            .text("confidential", "true")
            .text("secrecy_ground", "OSL 31 kap. 16 §");
        let r = app
            .client
            .post(format!(
                "{base}/api/v1/authorities/{ITSAM}/cases/ITSAM-2026-1/documents"
            ))
            .bearer_auth(&app.registrar)
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
        let document: Value = r.json().await.unwrap();
        assert_eq!(document["media_type"], "application/pdf");
        assert_eq!(document["size"], pdf.len());
        assert_eq!(document["confidential"], true);
        let sha = document["sha256"].as_str().unwrap().to_string();

        // A misspelt part is refused, not dropped: the document would lose its ground.
        let misspelt = reqwest::multipart::Form::new()
            .part(
                "file",
                reqwest::multipart::Part::bytes(pdf.clone()).file_name("b.pdf"),
            )
            .text("title", "Anbud från leverantör B")
            .text("direction", "incoming")
            .text("confidential", "true")
            .text("secrecy_grund", "OSL 31 kap. 16 §");
        let r = app
            .client
            .post(format!(
                "{base}/api/v1/authorities/{ITSAM}/cases/ITSAM-2026-1/documents"
            ))
            .bearer_auth(&app.registrar)
            .multipart(misspelt)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let problem: Value = r.json().await.unwrap();
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .contains("secrecy_grund"),
            "{problem}"
        );

        // Confidential without its ground: taken (the contract's field is a bool), with a
        // warning naming what to add.
        let documents = format!("{base}/api/v1/authorities/{ITSAM}/cases/ITSAM-2026-1/documents");
        let (s, bare) = app
            .add_document(
                &documents,
                ("kalkyl.txt", b"Kalkyl".to_vec()),
                &[
                    ("title", "Kalkyl"),
                    ("direction", "internal"),
                    ("confidential", "true"),
                ],
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        assert!(
            bare["warnings"][0]
                .as_str()
                .unwrap()
                .starts_with("secrecy_ground:"),
            "{bare}"
        );
        // The same file again on the case: taken, with a warning naming the first.
        let (s, twice) = app
            .add_document(
                &documents,
                ("anbud-igen.pdf", pdf.clone()),
                &[
                    ("title", "Anbud från leverantör A, igen"),
                    ("direction", "incoming"),
                ],
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        assert!(
            twice["warnings"][0]
                .as_str()
                .unwrap()
                .contains("same file is registered on this case already"),
            "{twice}"
        );

        // Too large: 413 naming the limit.
        let big = reqwest::multipart::Form::new()
            .part(
                "file",
                reqwest::multipart::Part::bytes(vec![b'x'; 200 * 1024]).file_name("stor.txt"),
            )
            .text("title", "Stor")
            .text("direction", "incoming");
        let r = app
            .client
            .post(format!(
                "{base}/api/v1/authorities/{ITSAM}/cases/ITSAM-2026-1/documents"
            ))
            .bearer_auth(&app.registrar)
            .multipart(big)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);

        // Staff see the case whole.
        let record: Value = app
            .client
            .get(format!("{base}{location}"))
            .bearer_auth(&app.secretary)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(record["documents"][0]["title"], "Anbud från leverantör A");
        assert_eq!(record["documents"][0]["secrecy_ground"], "OSL 31 kap. 16 §");
        // Its `links.documents` leads to the same documents.
        let listed: Value = app
            .client
            .get(format!(
                "{base}{}",
                record["links"]["documents"].as_str().unwrap()
            ))
            .bearer_auth(&app.registrar)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(listed["data"], record["documents"], "{listed}");
        let file = app
            .client
            .get(format!("{base}/api/v1/documents/{}", document["id"]))
            .bearer_auth(&app.registrar)
            .send()
            .await
            .unwrap();
        assert_eq!(file.status(), StatusCode::OK);
        assert_eq!(file.headers()["content-type"], "application/pdf");
        assert_eq!(file.bytes().await.unwrap().to_vec(), pdf);
        // A member reads it only from an issued kallelse; the public never.
        for (who, token, status) in [
            ("member", Some(&app.member), StatusCode::FORBIDDEN),
            ("public", None, StatusCode::UNAUTHORIZED),
        ] {
            let mut r = app
                .client
                .get(format!("{base}/api/v1/documents/{}", document["id"]));
            if let Some(t) = token {
                r = r.bearer_auth(t);
            }
            assert_eq!(r.send().await.unwrap().status(), status, "{who}");
        }
        // Nothing of it on the public side.
        for path in [
            format!("/api/v1/authorities/{ITSAM}/cases/ITSAM-2026-1"),
            format!("/{ITSAM}/arenden/ITSAM-2026-1"),
            format!("/api/v1/files/{sha}"),
            format!("/filer/{sha}"),
            "/sok?q=anbud".to_string(),
        ] {
            let r = app
                .client
                .get(format!("{base}{path}"))
                .send()
                .await
                .unwrap();
            let text = r.text().await.unwrap();
            assert!(
                !text.contains("Anbud från leverantör") && !text.contains("anbud med priser"),
                "{path}: {text}"
            );
        }

        // Close with the version read; a stale version is 409; reopen.
        let close = |version: i64| {
            app.client
                .post(format!(
                    "{base}/api/v1/authorities/{ITSAM}/cases/ITSAM-2026-1/close"
                ))
                .bearer_auth(&app.registrar)
                .json(&json!({"version": version}))
        };
        let v = record["version"].as_i64().unwrap();
        let case_url = format!("{base}/api/v1/authorities/{ITSAM}/cases/ITSAM-2026-1");
        // Without the version read, nothing is closed (400); a stale If-Match is a conflict.
        let r = app
            .client
            .post(format!("{case_url}/close"))
            .bearer_auth(&app.registrar)
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let r = app
            .client
            .post(format!("{case_url}/close"))
            .bearer_auth(&app.registrar)
            .header("If-Match", format!("\"{}\"", v + 7))
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let closed: Value = close(v).send().await.unwrap().json().await.unwrap();
        assert_eq!(closed["status"], "closed");
        assert_eq!(
            close(v).send().await.unwrap().status(),
            StatusCode::CONFLICT
        );
        // A closed case takes no document: 409, naming what to do.
        let (s, problem) = app
            .add_document(
                &format!("{case_url}/documents"),
                ("svar.txt", b"Sent svar".to_vec()),
                &[("title", "Sent inkommet svar"), ("direction", "incoming")],
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT);
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .contains("is closed: reopen it"),
            "{problem}"
        );
        let r = app
            .client
            .post(format!("{case_url}/reopen"))
            .bearer_auth(&app.registrar)
            .header("If-Match", format!("\"{}\"", closed["version"]))
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        let reopened: Value = r.json().await.unwrap();
        assert_eq!(reopened["status"], "open");

        // A registration is corrected, not redone: the case's title and handläggare, a
        // document's title, direction and secrecy, each on the version read.
        let (s, fixed) = app
            .call(
                "PATCH",
                &format!("{case_url}/record"),
                &app.registrar,
                Some(
                    json!({"version": reopened["version"], "title": "Upphandling av skrivare",
                    "handler": ""}),
                ),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{fixed}");
        assert_eq!(fixed["title"], "Upphandling av skrivare");
        assert!(fixed["handler"].is_null(), "{fixed}");
        let (s, stale) = app
            .call(
                "PATCH",
                &format!("{case_url}/record"),
                &app.registrar,
                Some(json!({"version": reopened["version"], "title": "Något annat"})),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "{stale}");
        let (s, _) = app
            .call(
                "PATCH",
                &format!("{case_url}/record"),
                &app.registrar,
                Some(json!({"title": "Utan version"})),
            )
            .await;
        assert_eq!(
            s,
            StatusCode::BAD_REQUEST,
            "a write names the version it read"
        );
        let (_, file) = app
            .call("GET", &format!("{case_url}/record"), &app.registrar, None)
            .await;
        let doc = file["documents"][0].clone();
        assert_eq!(doc["version"], 1, "{file}");
        let doc_url = format!("{case_url}/documents/{}", doc["id"]);
        let (s, changed) = app
            .call(
                "PATCH",
                &doc_url,
                &app.registrar,
                Some(
                    json!({"version": 1, "title": "Anbud från leverantör A (rättad)",
                    "direction": "internal", "confidential": false}),
                ),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{changed}");
        assert_eq!(changed["title"], "Anbud från leverantör A (rättad)");
        assert_eq!(changed["confidential"], false);
        assert!(
            changed["secrecy_ground"].is_null(),
            "no ground without secrecy: {changed}"
        );
        assert_eq!(changed["version"], 2);
        assert_eq!(
            changed["sha256"], doc["sha256"],
            "the content is never changed"
        );
        let (s, v) = app
            .call(
                "PATCH",
                &doc_url,
                &app.registrar,
                Some(json!({"version": 2, "direction": "sideways"})),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        let (s, v) = app
            .call(
                "PATCH",
                &doc_url,
                &app.registrar,
                Some(json!({"version": 2, "confidential": true, "secrecy_ground": "OSL 31 kap. 16 §"})),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["secrecy_ground"], "OSL 31 kap. 16 §");
        let (s, v) = app
            .call(
                "PATCH",
                &format!("{case_url}/documents/999999"),
                &app.registrar,
                Some(json!({"version": 1})),
            )
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{v}");

        // Every change is in the audit log.
        let log: Value = app
            .client
            .get(format!(
                "{base}/api/v1/audit-events?entity=case:{ITSAM}/ITSAM-2026-1"
            ))
            .bearer_auth(&app.admin)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        // The filter is a prefix (ITSAM-2026-1 also finds -10 … -14): keep this case's own.
        let entity = format!("case:{ITSAM}/ITSAM-2026-1");
        let actions: Vec<&str> = log["data"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["entity"] == entity.as_str())
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert_eq!(
            actions,
            ["case.update", "case.reopen", "case.close", "case.register"]
        );
    }
}

/// The diarium in the browser's way: a registrator's session registers a case through the
/// form, uploads a document (the CSRF token in the form's action), searches, closes the case.
#[tokio::test]
async fn a_registrator_keeps_the_diarium_in_the_web_ui() {
    let (store, _dir) = itsam_store().await;
    let (base, client, cookie, csrf) = signed_in(
        &store,
        "rut@itsam.se",
        Grant::new(Role::Registrar, Some(ITSAM.into()), None).unwrap(),
    )
    .await;

    let r = client
        .post(format!("{base}/kansli/diarium/{ITSAM}"))
        .header("cookie", &cookie)
        .form(&[
            ("csrf", csrf.reveal()),
            ("title", "Ärendet om skrivare"),
            ("handler", "Eva"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let case_page = r.headers()["location"].to_str().unwrap().to_string();
    let year = kansli_core::law::checks::swedish_local_date(store.now_utc()).to_string();
    assert_eq!(
        case_page,
        format!("/kansli/diarium/{ITSAM}/ITSAM-{}-1", &year[..4])
    );

    let upload = |with_token: bool| {
        let form = reqwest::multipart::Form::new()
            .part(
                "file",
                reqwest::multipart::Part::bytes(b"Offert\n".to_vec()).file_name("offert.txt"),
            )
            .text("title", "Offert på skrivare")
            .text("direction", "incoming");
        let url = if with_token {
            format!("{base}{case_page}/handlingar?csrf={}", csrf.reveal())
        } else {
            format!("{base}{case_page}/handlingar")
        };
        client.post(url).header("cookie", &cookie).multipart(form)
    };
    assert_eq!(
        upload(false).send().await.unwrap().status(),
        StatusCode::FORBIDDEN,
        "no token"
    );
    // Refused (a confidential document without its ground): the page comes back with what was
    // typed, and asks for the file again by its name.
    let refused = client
        .post(format!(
            "{base}{case_page}/handlingar?csrf={}",
            csrf.reveal()
        ))
        .header("cookie", &cookie)
        .multipart(
            reqwest::multipart::Form::new()
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(b"Kalkyl\n".to_vec()).file_name("kalkyl.txt"),
                )
                .text("title", "Kalkyl från leverantören")
                .text("direction", "outgoing")
                .text("confidential", "true"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(html.contains("behöver sin sekretessgrund"), "{html}");
    assert!(
        html.contains(r#"value="Kalkyl från leverantören""#),
        "{html}"
    );
    assert!(
        html.contains(r#"<option value="outgoing" selected>"#),
        "{html}"
    );
    assert!(html.contains(r#"value="true" checked>"#), "{html}");
    assert!(html.contains("Välj filen ”kalkyl.txt” igen"), "{html}");
    // Registered, then sent to the case page (a reload does not register it twice).
    let r = upload(true).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let shown = r.headers()["location"].to_str().unwrap().to_string();
    assert!(
        shown.starts_with(&format!("{case_page}?registrerad=")),
        "{shown}"
    );
    let r = client
        .get(format!("{base}{shown}"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Handlingen ”Offert på skrivare” är registrerad"),
        "{html}"
    );
    assert!(html.contains("text/plain"));
    // The same file again: registered, and the page says the case has it already.
    let r = upload(true).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let again = r.headers()["location"].to_str().unwrap().to_string();
    assert!(again.contains("&samma="), "{again}");
    let html = client
        .get(format!("{base}{again}"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Samma fil är redan registrerad i ärendet som ”Offert på skrivare”"),
        "{html}"
    );

    // A registration is corrected in place: the case's title and the document's secrecy.
    let document_id = shown.rsplit('=').next().unwrap().to_string();
    let r = client
        .post(format!("{base}{case_page}/ratta"))
        .header("cookie", &cookie)
        .form(&[
            ("csrf", csrf.reveal()),
            ("version", "1"),
            ("title", "Ärendet om skrivare och kopiatorer"),
            ("handler", "Eva Ek"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers()["location"],
        format!("{case_page}?status=rattat").as_str()
    );
    let r = client
        .post(format!("{base}{case_page}/handlingar/{document_id}/ratta"))
        .header("cookie", &cookie)
        .form(&[
            ("csrf", csrf.reveal()),
            ("version", "1"),
            ("title", "Offert på skrivare"),
            ("direction", "incoming"),
            ("confidential", "true"),
            ("secrecy_ground", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "secrecy needs its ground"
    );
    let r = client
        .post(format!("{base}{case_page}/handlingar/{document_id}/ratta"))
        .header("cookie", &cookie)
        .form(&[
            ("csrf", csrf.reveal()),
            ("version", "1"),
            ("title", "Offert på skrivare"),
            ("direction", "incoming"),
            ("confidential", "true"),
            ("secrecy_ground", "OSL 31 kap. 16 §"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let html = client
        .get(format!("{base}{case_page}?status=handling-rattad"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Handlingen är rättad."), "{html}");
    assert!(
        html.contains("Ärendet om skrivare och kopiatorer"),
        "{html}"
    );
    assert!(html.contains("OSL 31 kap. 16 §"), "{html}");

    // Found by words of the title, with Swedish capitals folded.
    let list = client
        .get(format!("{base}/kansli/diarium/{ITSAM}?q=ärendet+skrivare"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(list.contains("Ärendet om skrivare"), "{list}");
    let none = client
        .get(format!("{base}/kansli/diarium/{ITSAM}?q=budget"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(none.contains("Inga ärenden"));

    let r = client
        .post(format!("{base}{case_page}/avsluta"))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.reveal()), ("version", "2")])
        .send()
        .await
        .unwrap();
    // Post/redirect/get: a reload does not post the closing again.
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let shown = r.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(shown, format!("{case_page}?status=avslutat"));
    let html = client
        .get(format!("{base}{shown}"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Ärendet är avslutat."));
    assert!(
        html.contains("Öppna det igen för att registrera en ny handling")
            && !html.contains("Registrera handlingen</button>"),
        "a closed case offers no registration form: {html}"
    );
    // A document sent anyway (a page opened before the closing) is refused, not registered.
    let r = upload(true).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Ärendet är avslutat. Öppna det igen innan du registrerar en ny handling."),
    );
    let r = client
        .post(format!("{base}{case_page}/oppna"))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.reveal()), ("version", "2")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT, "a stale version");
}

/// The year's meetings: a secretary plans them, and the body's calendar feed parses in
/// Python's `icalendar` (the client library the issue names) with stable UIDs and Swedish times.
#[tokio::test]
async fn planned_meetings_are_a_calendar_clients_can_subscribe_to() {
    for app in apps().await {
        let base = &app.base;
        let plan = |date: &str, start: &str, end: &str| {
            app.client
                .post(format!("{base}/api/v1/authorities/{ITSAM}/bodies/direktionen/meetings"))
                .bearer_auth(&app.secretary)
                .json(&json!({"date": date, "start_time": start, "end_time": end, "place": "Kinda kommunhus, Kisa"}))
        };
        let r = plan("2026-03-26", "13:00", "15:30").send().await.unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
        let first: Value = r.json().await.unwrap();
        assert_eq!(first["status"], "planned");
        assert_eq!(first["slug"], "2026-03-26");
        for (date, start, end, status) in [
            ("2026-06-11", "09:00", "12:00", StatusCode::CREATED),
            ("2026-03-26", "13:00", "15:00", StatusCode::CONFLICT),
            (
                "2026-13-01",
                "13:00",
                "15:00",
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                "2026-09-01",
                "15:00",
                "13:00",
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
        ] {
            let r = plan(date, start, end).send().await.unwrap();
            assert_eq!(r.status(), status, "{date} {start}–{end}");
        }
        let r = app
            .client
            .post(format!(
                "{base}/api/v1/authorities/{ITSAM}/bodies/direktionen/meetings"
            ))
            .bearer_auth(&app.registrar)
            .json(&json!({"date": "2026-10-01"}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::FORBIDDEN,
            "planning is the secretary's"
        );

        let r = app
            .client
            .get(format!(
                "{base}/api/v1/authorities/{ITSAM}/bodies/direktionen/calendar.ics"
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/calendar")
        );
        let ics = r.text().await.unwrap();
        // 13:00 in Stockholm (CET in March) as the instant it is: no TZID without a VTIMEZONE.
        assert!(ics.contains("DTSTART:20260326T120000Z"), "{ics}");
        assert_rfc5545(&ics, 2);
        let again = app
            .client
            .get(format!(
                "{base}/api/v1/authorities/{ITSAM}/bodies/direktionen/calendar.ics"
            ))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(
            ics, again,
            "the feed is stable between fetches (UIDs, DTSTAMP)"
        );
        parse_with_python_icalendar(&ics, 2);
        // The public page of a planned meeting says what it is, and nothing minutes would say.
        let page = app
            .client
            .get(format!("{base}/{ITSAM}/direktionen/2026-03-26"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Planerat sammanträde"), "{page}");
        assert!(page.contains("kl. 13:00–15:30") && page.contains("Kinda kommunhus, Kisa"));
        assert!(!page.contains("Granskningen fann") && !page.contains("Ladda ner PDF"));
    }
}

/// Parses the feed with the `icalendar` crate's parser and holds it to RFC 5545's structure:
/// one VCALENDAR with exactly one VERSION (2.0) and one PRODID (§3.6), a VTIMEZONE for every
/// TZID used (§3.2.19), and `events` VEVENTs each with exactly one UID, DTSTAMP and DTSTART
/// (§3.6.1).
fn assert_rfc5545(ics: &str, events: usize) {
    use icalendar::parser::{Component, Property, read_calendar, unfold};
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(ics.ends_with("END:VCALENDAR\r\n"), "{ics}");
    let unfolded = unfold(ics);
    let cal = read_calendar(&unfolded).unwrap_or_else(|e| panic!("{e}\n{ics}"));
    let count = |props: &[Property<'_>], name: &str| {
        props.iter().filter(|p| p.name.as_str() == name).count()
    };
    assert_eq!(count(&cal.properties, "VERSION"), 1, "{ics}");
    assert_eq!(count(&cal.properties, "PRODID"), 1, "{ics}");
    assert!(count(&cal.properties, "CALSCALE") <= 1, "{ics}");
    let version = cal.properties.iter().find(|p| p.name.as_str() == "VERSION");
    assert_eq!(version.map(|p| p.val.as_str()), Some("2.0"));
    let zones: Vec<String> = cal
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VTIMEZONE")
        .filter_map(|c| c.find_prop("TZID").map(|p| p.val.as_str().to_string()))
        .collect();
    let vevents: Vec<&Component<'_>> = cal
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    assert_eq!(vevents.len(), events, "{ics}");
    for e in vevents {
        for name in ["UID", "DTSTAMP", "DTSTART"] {
            assert_eq!(count(&e.properties, name), 1, "{name} once: {ics}");
        }
        for p in &e.properties {
            for tzid in p.params.iter().filter(|x| x.key.as_str() == "TZID") {
                let tzid = tzid.val.as_ref().map(|v| v.as_str().to_string());
                assert!(
                    tzid.is_some_and(|t| zones.contains(&t)),
                    "a TZID without its VTIMEZONE: {ics}"
                );
            }
        }
    }
}

/// Parses the feed with Python's `icalendar` and checks its events; SKIPPED outside CI when the
/// package is missing (CI installs it).
fn parse_with_python_icalendar(ics: &str, events: usize) {
    let script = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.read())
evs = [c for c in cal.walk() if c.name == "VEVENT"]
print(len(evs))
for e in evs:
    start = e.decoded("DTSTART")
    print(e["UID"], start.isoformat(), e["LOCATION"], start.utcoffset())
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
        return;
    };
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(ics.as_bytes())
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("No module named 'icalendar'") {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must pip install icalendar"
        );
        eprintln!("SKIPPED: Python's icalendar is not installed (pip install icalendar)");
        return;
    }
    assert!(
        out.status.success(),
        "icalendar could not parse the feed: {stderr}\n{ics}"
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(events.to_string().as_str()), "{text}");
    let first = lines.next().unwrap();
    assert!(
        first.starts_with("meeting-") && first.contains("@kommunalforbundet-itsam.kansli"),
        "{first}"
    );
    assert!(
        first.contains("2026-03-26T12:00:00+00:00"),
        "13:00 CET in March: {first}"
    );
    assert!(first.contains("Kinda kommunhus, Kisa"), "{first}");
    let second = lines.next().unwrap();
    assert!(
        second.contains("2026-06-11T07:00:00+00:00"),
        "09:00 CEST in June: {second}"
    );
}

/// An agenda item refused (the agenda changed since the page was opened) comes back on the
/// agenda as it is now, with the item as typed still in the form: a long proposal is never
/// lost.
#[tokio::test]
async fn a_refused_agenda_item_keeps_what_was_typed() {
    let (store, _dir) = itsam_store().await;
    let shell = Actor::shell();
    let (body, _) = store
        .create_body(
            &shell,
            ITSAM,
            &kansli_store::NewBody {
                name: "Direktionen".into(),
                kind: "direktion".into(),
                seats: Some(7),
                prepares_for: None,
                joint_for: vec![],
            },
        )
        .await
        .unwrap()
        .unwrap();
    let meeting = store
        .plan_meeting(
            &shell,
            ITSAM,
            &body.slug,
            &kansli_store::NewMeeting {
                date: chrono::NaiveDate::from_ymd_opt(2030, 3, 12).unwrap(),
                start_time: Some("09:00".into()),
                end_time: None,
                place: Some("Kommunhuset".into()),
            },
        )
        .await
        .unwrap()
        .unwrap();
    let case = store
        .register_case(&shell, ITSAM, "Budget 2031", None)
        .await
        .unwrap()
        .unwrap();
    let (base, client, cookie, csrf) = signed_in(
        &store,
        "sara@itsam.se",
        Grant::new(Role::Secretary, Some(ITSAM.into()), Some(body.slug.clone())).unwrap(),
    )
    .await;
    let url = format!(
        "{base}/kansli/moten/{ITSAM}/{}/{}/punkter",
        body.slug, meeting.slug
    );
    let proposal = "Direktionen föreslås besluta att anta budgeten för 2031 med de ändringar som arbetsutskottet har föreslagit.";
    let r = client
        .post(&url)
        .header("cookie", &cookie)
        .form(&[
            ("csrf", csrf.reveal()),
            ("version", "999"),
            ("kind", "case"),
            ("case", case.dnr.as_str()),
            ("presenter", "Eva Ek"),
            ("proposal", proposal),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Dagordningen ändrades medan du skrev"),
        "{html}"
    );
    assert!(html.contains(proposal), "{html}");
    assert!(html.contains(r#"value="Eva Ek""#), "{html}");
    assert!(
        html.contains(&format!(r#"<option value="{}" selected>"#, case.dnr)),
        "{html}"
    );
}

/// A fresh SQLite store with the authority Itsam configured.
async fn itsam_store() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&StoreConfig {
        data_dir: dir.path().to_path_buf(),
        database_url: None,
    })
    .await
    .unwrap();
    store
        .create_authority(
            &Actor::shell(),
            &kansli_store::NewAuthority {
                name: "Kommunalförbundet Itsam".into(),
                kind: "kommunalforbund".into(),
                dnr_series: Some("ITSAM".into()),
                dnr_format: kansli_core::DnrFormat::standard(),
            },
        )
        .await
        .unwrap();
    (store, dir)
}

/// The server on a random loopback port and a browser's session of a new user with `grant`:
/// (base URL, a client that does not follow redirects, the session cookie, the CSRF token).
async fn signed_in(
    store: &Store,
    email: &str,
    grant: Grant,
) -> (String, reqwest::Client, String, kansli_auth::SessionId) {
    let user = store
        .create_user(
            &Actor::shell(),
            &NewUser {
                email: Email::parse(email).unwrap(),
                name: email.split('@').next().unwrap().into(),
                password: None,
                grants: vec![grant],
            },
        )
        .await
        .unwrap();
    let session = kansli_auth::SessionId::generate().unwrap();
    let csrf = kansli_auth::SessionId::generate().unwrap();
    store
        .create_session(
            user.id,
            &session.hash(),
            csrf.reveal(),
            "password",
            None,
            store.now_utc() + chrono::Duration::hours(1),
        )
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app =
        router(AppState::new(store.clone())).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    (
        format!("http://{addr}"),
        client,
        format!("kansli_session={}", session.reveal()),
        csrf,
    )
}
