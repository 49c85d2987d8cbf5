//! The secretariat's front door over HTTP, on both backends: who may call what (every route of
//! the router's table and every operation of openapi.json, as anonymous, as each role on its
//! own body and as body-scoped roles on another body), CSRF, session fixation, throttling,
//! expiry, logout, and the audit log of it all.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Duration, Utc};
use kansli_auth::{ApiToken, Email, Grant, NewPassword, Role, SessionId};
use kansli_server::secretariat::{AuthSettings, Kind, Route};
use kansli_server::{AppState, router};
use kansli_store::{Actor, NewUser, Store, StoreConfig};
use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use serde_json::Value;

const PASSWORD: &str = "rätt häst batteri häfta";
const A: &str = "lomma-kommun";
const B: &str = "kommunfullmaktige";
const OTHER_B: &str = "kultur-och-fritidsnamnden";
const OTHER_A: &str = "kommunalforbundet-itsam";

/// A grant as the test writes it: role, authority slug, body slug.
type GrantSpec = (Role, Option<&'static str>, Option<&'static str>);

/// One caller of the matrix: its grants as (role, authority, body), and its credentials.
struct Caller {
    name: &'static str,
    email: String,
    grants: Vec<GrantSpec>,
    token: Option<String>,
    user_id: i64,
}

struct App {
    base: String,
    client: reqwest::Client,
    store: Store,
    /// Seconds added to the real clock (the store's clock reads it).
    offset: Arc<AtomicI64>,
    callers: Vec<Caller>,
    _dir: tempfile::TempDir,
}

fn base_time() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-29T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

impl App {
    fn advance(&self, by: Duration) {
        self.offset.fetch_add(by.num_seconds(), Ordering::SeqCst);
    }

    fn caller(&self, name: &str) -> &Caller {
        self.callers
            .iter()
            .find(|c| c.name == name)
            .expect("caller")
    }

    /// A fresh session for a caller, made in the store (as a login would).
    async fn session(&self, name: &str) -> (String, String) {
        let caller = self.caller(name);
        let id = SessionId::generate().unwrap();
        let csrf = SessionId::generate().unwrap();
        self.store
            .create_session(
                caller.user_id,
                &id.hash(),
                csrf.reveal(),
                "password",
                None,
                self.store.now_utc() + Duration::hours(12),
            )
            .await
            .unwrap();
        (id.reveal().to_string(), csrf.reveal().to_string())
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The login form: its double-submit cookie and token.
    async fn login_form(&self) -> (String, String) {
        let r = self.client.get(self.url("/logga-in")).send().await.unwrap();
        assert_eq!(r.status(), 200);
        let cookie = set_cookie_value(&r, "kansli_login").expect("login cookie");
        let html = r.text().await.unwrap();
        (cookie, hidden(&html, "csrf"))
    }

    /// Signs in through the form; returns the response.
    async fn login(
        &self,
        email: &str,
        password: &str,
        extra_cookie: Option<&str>,
    ) -> reqwest::Response {
        let (cookie, csrf) = self.login_form().await;
        let mut cookies = format!("kansli_login={cookie}");
        if let Some(extra) = extra_cookie {
            cookies.push_str("; ");
            cookies.push_str(extra);
        }
        self.client
            .post(self.url("/logga-in"))
            .header(COOKIE, cookies)
            .form(&[
                ("csrf", csrf.as_str()),
                ("email", email),
                ("password", password),
                ("till", "/kansli"),
            ])
            .send()
            .await
            .unwrap()
    }
}

fn set_cookie_value(r: &reqwest::Response, name: &str) -> Option<String> {
    r.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| {
            v[name.len() + 1..]
                .split(';')
                .next()
                .unwrap_or("")
                .to_string()
        })
}

fn set_cookie_line(r: &reqwest::Response, name: &str) -> Option<String> {
    r.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_string)
}

fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).expect("hidden field") + marker.len();
    html[start..].split('"').next().unwrap().to_string()
}

async fn apps() -> Vec<App> {
    let mut apps = vec![spawn(None).await];
    if let Some(url) = kansli_testpg::fresh_database_url() {
        apps.push(spawn(Some(url)).await);
    }
    apps
}

async fn spawn(database_url: Option<String>) -> App {
    let dir = tempfile::tempdir().unwrap();
    let offset = Arc::new(AtomicI64::new(0));
    let clock_offset = offset.clone();
    let store = Store::open(&StoreConfig {
        data_dir: dir.path().join("data"),
        database_url,
    })
    .await
    .unwrap()
    .with_clock(Arc::new(move || {
        base_time() + Duration::seconds(clock_offset.load(Ordering::SeqCst))
    }));
    eprintln!("-- on {:?}", store.backend());
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/samples");
    for (file, authority) in [
        ("lomma-kommunfullmaktige-2024-09-26.txt", "Lomma kommun"),
        (
            "lomma-kultur-och-fritidsnamnden-2025-02-03.txt",
            "Lomma kommun",
        ),
        (
            "itsam-direktionen-2024-03-05.txt",
            "Kommunalförbundet Itsam",
        ),
    ] {
        let bytes = std::fs::read(samples.join(file)).unwrap();
        let parsed = kansli_import::parse_text(&String::from_utf8_lossy(&bytes)).unwrap();
        store
            .import_protocol(&parsed, &bytes, file, authority)
            .await
            .unwrap();
    }
    let hash = NewPassword::parse(PASSWORD, "x@y.se", "Test")
        .unwrap()
        .hash()
        .unwrap();
    use Role::*;
    let specs: Vec<(&'static str, Vec<GrantSpec>)> = vec![
        ("admin", vec![(Admin, None, None)]),
        ("registrar", vec![(Registrar, Some(A), None)]),
        ("secretary", vec![(Secretary, Some(A), Some(B))]),
        ("member", vec![(Member, Some(A), Some(B))]),
        (
            "registrar-elsewhere",
            vec![(Registrar, Some(OTHER_A), None)],
        ),
        (
            "secretary-elsewhere",
            vec![(Secretary, Some(A), Some(OTHER_B))],
        ),
        ("member-elsewhere", vec![(Member, Some(A), Some(OTHER_B))]),
        ("no-role", vec![]),
    ];
    let mut callers = vec![Caller {
        name: "anonymous",
        email: String::new(),
        grants: vec![],
        token: None,
        user_id: 0,
    }];
    for (name, grants) in specs {
        let email = format!("{name}@kommun.test");
        let user = store
            .create_user(
                &Actor::shell(),
                &NewUser {
                    email: Email::parse(&email).unwrap(),
                    name: format!("Test {name}"),
                    password: Some(hash.clone()),
                    grants: grants
                        .iter()
                        .map(|(r, a, b)| {
                            Grant::new(*r, a.map(str::to_string), b.map(str::to_string)).unwrap()
                        })
                        .collect(),
                },
            )
            .await
            .unwrap();
        let token = ApiToken::generate().unwrap();
        store
            .create_token(&Actor::shell(), user.id, "test", &token.hash())
            .await
            .unwrap();
        callers.push(Caller {
            name,
            email,
            grants,
            token: Some(token.reveal().to_string()),
            user_id: user.id,
        });
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = AppState::new(store.clone()).with_auth(AuthSettings::default());
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    App {
        base: format!("http://{addr}"),
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        store,
        offset,
        callers,
        _dir: dir,
    }
}

/// The test's own reading of the contract: a caller may call an operation when one of its
/// grants has a listed role and reaches the path's authority and body (an admin everything; a
/// registrar its authority; a secretary or member their body, or authority-level resources of
/// their authority).
fn expected_allowed(roles: &[String], caller: &Caller, a: Option<&str>, b: Option<&str>) -> bool {
    if roles.iter().any(|r| r == "public") {
        return true;
    }
    if caller.name == "anonymous" {
        return false;
    }
    if roles.len() == 4 && caller.name == "no-role" {
        // "Any signed-in role" operations (getMe, Mina uppgifter) are open to every account.
        return true;
    }
    caller.grants.iter().any(|(role, ga, gb)| {
        roles.iter().any(|r| r == role.api())
            && match role {
                Role::Admin => true,
                Role::Registrar => a.is_none() || ga.is_none() || *ga == a,
                Role::Secretary | Role::Member => {
                    a.is_none() || (*ga == a && (b.is_none() || *gb == b))
                }
            }
    })
}

/// Fills a path pattern with values that exist.
fn fill(path: &str, app: &App) -> String {
    let member = app.caller("member");
    // A token id that is no one's: revoking it must not take a caller's credentials away
    // in the middle of the matrix.
    let path = path
        .replace("tokens/{id}", "tokens/999999")
        .replace("nycklar/{id}", "nycklar/999999");
    path.replace("{a}", A)
        .replace("{b}", B)
        .replace("{m}", "2024-09-26")
        .replace("{n}", "1")
        .replace("{key}", "KS-2024-1")
        .replace("{sha256}", &"0".repeat(64))
        .replace("{document}", "protokoll.pdf")
        .replace("{token}", "999999")
        .replace("{id}", &member.user_id.to_string())
}

/// Every operation: the secretariat's route table, and openapi.json's operations.
fn operations(openapi: &Value) -> Vec<(String, String, Vec<String>, Kind)> {
    let mut out: Vec<(String, String, Vec<String>, Kind)> = Vec::new();
    for Route {
        method,
        path,
        access,
        kind,
        ..
    } in kansli_server::secretariat::routes()
    {
        out.push((
            method.to_string(),
            path.to_string(),
            access.roles_json().into_iter().map(String::from).collect(),
            kind,
        ));
    }
    for (path, methods) in openapi["paths"].as_object().unwrap() {
        for (method, op) in methods.as_object().unwrap() {
            let method = method.to_uppercase();
            if out.iter().any(|(m, p, ..)| *m == method && p == path) {
                continue;
            }
            let roles = op["x-kansli-roles"]
                .as_array()
                .unwrap_or_else(|| panic!("{method} {path} declares no x-kansli-roles"))
                .iter()
                .map(|r| r.as_str().unwrap().to_string())
                .collect();
            out.push((method, path.clone(), roles, Kind::Api));
        }
    }
    out
}

#[tokio::test]
async fn every_operation_refuses_exactly_who_it_should() {
    for app in apps().await {
        let openapi: Value = app
            .client
            .get(app.url("/api/v1/openapi.json"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let ops = operations(&openapi);
        assert!(ops.len() > 30, "{} operations", ops.len());
        // The review of imported minutes is in the matrix (pages, its original, the API).
        for (method, path) in [
            ("GET", "/kansli/granskning"),
            ("POST", "/kansli/granskning/{a}/{b}/{m}"),
            ("GET", "/kansli/granskning/{a}/{b}/{m}/original/{sha256}"),
            ("GET", "/api/v1/import-reviews"),
            (
                "POST",
                "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/import-review",
            ),
        ] {
            assert!(
                ops.iter().any(|(m, p, ..)| m == method && p == path),
                "{method} {path} is not in the matrix"
            );
        }
        let admin_email = app.caller("admin").email.clone();
        let mut checked = 0;
        for (method, pattern, roles, kind) in &ops {
            let path = fill(pattern, &app);
            let a = pattern.contains("{a}").then_some(A);
            let b = pattern.contains("{b}").then_some(B);
            for caller in &app.callers {
                let allowed = expected_allowed(roles, caller, a, b);
                let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
                let mut request = app.client.request(m.clone(), app.url(&path));
                let unsafe_method = !matches!(method.as_str(), "GET" | "HEAD");
                match (kind, caller.token.as_deref()) {
                    (Kind::Api, Some(token)) => {
                        request = request.bearer_auth(token);
                        if unsafe_method {
                            request = request.header(CONTENT_TYPE, "application/json").body("{}");
                        }
                    }
                    (Kind::Page, Some(_)) => {
                        let (session, csrf) = app.session(caller.name).await;
                        let mut cookies = format!("kansli_session={session}");
                        if unsafe_method {
                            // A public form (the login) carries its own double-submit token.
                            let csrf = if roles.iter().any(|r| r == "public") {
                                let (cookie, token) = app.login_form().await;
                                cookies.push_str(&format!("; kansli_login={cookie}"));
                                token
                            } else {
                                csrf
                            };
                            request = request.form(&[("csrf", csrf.as_str())]);
                        }
                        request = request.header(COOKIE, cookies);
                    }
                    (Kind::Page, None) => {
                        if unsafe_method {
                            let (cookie, token) = app.login_form().await;
                            request = request
                                .header(COOKIE, format!("kansli_login={cookie}"))
                                .form(&[("csrf", token.as_str())]);
                        }
                    }
                    (Kind::Api, None) => {
                        if unsafe_method {
                            request = request.header(CONTENT_TYPE, "application/json").body("{}");
                        }
                    }
                }
                let r = request.send().await.unwrap();
                let status = r.status().as_u16();
                let body = r.text().await.unwrap_or_default();
                let who = caller.name;
                if allowed {
                    assert!(
                        status != 401 && status != 403,
                        "{method} {path} as {who}: refused with {status} but the contract allows it: {body}"
                    );
                } else {
                    let want = if who == "anonymous" { 401 } else { 403 };
                    assert_eq!(
                        status, want,
                        "{method} {path} as {who}: expected {want}, got {status}: {body}"
                    );
                    assert!(
                        !body.contains(&admin_email) && !body.contains("kansli_"),
                        "{method} {path} as {who}: a refusal carried data: {body}"
                    );
                }
                checked += 1;
            }
        }
        eprintln!("checked {checked} calls");
    }
}

#[tokio::test]
async fn a_token_from_the_store_is_accepted_by_get_me_and_revoked_tokens_are_not() {
    for app in apps().await {
        let secretary = app.caller("secretary");
        let me: Value = app
            .client
            .get(app.url("/api/v1/me"))
            .bearer_auth(secretary.token.as_deref().unwrap())
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(me["email"], "secretary@kommun.test");
        assert_eq!(me["roles"][0]["role"], "secretary");
        assert_eq!(me["roles"][0]["authority"], A);
        assert_eq!(me["roles"][0]["body"], B);
        for bad in [
            "Bearer kansli_notatokenatall",
            "Bearer kansli_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "Basic dXNlcjpwYXNz",
            "Bearer",
        ] {
            let r = app
                .client
                .get(app.url("/api/v1/me"))
                .header("authorization", bad)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 401, "{bad}");
            assert_eq!(
                r.headers()[CONTENT_TYPE].to_str().unwrap(),
                "application/problem+json"
            );
        }
        // Made through the API, revoked through the API.
        let made: Value = app
            .client
            .post(app.url("/api/v1/me/tokens"))
            .bearer_auth(secretary.token.as_deref().unwrap())
            .json(&serde_json::json!({"label": "skript"}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let new = made["token"].as_str().unwrap().to_string();
        let r = app
            .client
            .get(app.url("/api/v1/me"))
            .bearer_auth(&new)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let r = app
            .client
            .delete(app.url(&format!("/api/v1/me/tokens/{}", made["id"])))
            .bearer_auth(&new)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 204);
        let r = app
            .client
            .get(app.url("/api/v1/me"))
            .bearer_auth(&new)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
    }
}

#[tokio::test]
async fn admins_manage_accounts_with_versions_and_every_change_is_audited() {
    for app in apps().await {
        let admin = app.caller("admin").token.clone().unwrap();
        let r = app
            .client
            .post(app.url("/api/v1/users"))
            .bearer_auth(&admin)
            .json(&serde_json::json!({
                "email": "Nils.Nilsson@Lomma.se",
                "name": "Nils Nilsson",
                "roles": [{"role": "secretary", "authority": A, "body": OTHER_B}],
                "password": PASSWORD,
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        let location = r.headers()[LOCATION].to_str().unwrap().to_string();
        let user: Value = r.json().await.unwrap();
        assert_eq!(user["email"], "nils.nilsson@lomma.se");
        assert_eq!(location, format!("/api/v1/users/{}", user["id"]));

        // Refusals name the field.
        for (body, status, field) in [
            (
                serde_json::json!({"email": "inte-en-adress", "name": "X"}),
                422,
                "email",
            ),
            (
                serde_json::json!({"email": "x@lomma.se", "name": "X", "password": "kort"}),
                422,
                "password",
            ),
            (
                serde_json::json!({"email": "x@lomma.se", "name": "X", "roles": [{"role": "member"}]}),
                422,
                "roles[0]",
            ),
            (
                serde_json::json!({"email": "nils.nilsson@lomma.se", "name": "X"}),
                409,
                "already",
            ),
            (serde_json::json!({"name": "X"}), 400, "email"),
        ] {
            let r = app
                .client
                .post(app.url("/api/v1/users"))
                .bearer_auth(&admin)
                .json(&body)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status().as_u16(), status, "{body}");
            let problem: Value = r.json().await.unwrap();
            assert!(
                problem["detail"].as_str().unwrap().contains(field),
                "{body}: {problem}"
            );
        }

        let patch = |version: i64| {
            app.client
                .patch(app.url(&location))
                .bearer_auth(&admin)
                .json(&serde_json::json!({"name": "Nils N. Nilsson", "version": version}))
        };
        let v = user["version"].as_i64().unwrap();
        let r = patch(v).send().await.unwrap();
        assert_eq!(r.status(), 200);
        let r = patch(v).send().await.unwrap();
        assert_eq!(r.status(), 409, "a stale version");
        let problem: Value = r.json().await.unwrap();
        assert_eq!(problem["version"], v + 1);

        let events: Value = app
            .client
            .get(app.url("/api/v1/audit-events?entity=user:nils"))
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let data = events["data"].as_array().unwrap();
        assert_eq!(data.len(), 2, "{events}");
        assert_eq!(data[0]["action"], "user.update");
        assert_eq!(data[0]["actor"], "admin@kommun.test");
        assert!(data[0]["via"].as_str().unwrap().starts_with("token "));
        assert_eq!(data[0]["before"]["name"], "Nils Nilsson");
        assert_eq!(data[0]["after"]["name"], "Nils N. Nilsson");
        assert_eq!(data[1]["action"], "user.create");
        // Token use is in the log too.
        let uses: Value = app
            .client
            .get(app.url("/api/v1/audit-events?entity=token:&actor=admin@kommun.test"))
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(
            uses["data"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["action"] == "token.use"),
            "{uses}"
        );
        let r = app
            .client
            .get(app.url("/api/v1/audit-events?from=nonsense"))
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
    }
}

#[tokio::test]
async fn login_starts_a_new_session_and_logout_ends_it() {
    for app in apps().await {
        // A session the browser already has (planted or old) is not kept: a new id is issued.
        let (old, _) = app.session("secretary").await;
        let r = app
            .login(
                "secretary@kommun.test",
                PASSWORD,
                Some(&format!("kansli_session={old}")),
            )
            .await;
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()[LOCATION], "/kansli");
        let line = set_cookie_line(&r, "kansli_session").expect("session cookie");
        assert!(line.contains("HttpOnly"), "{line}");
        assert!(line.contains("SameSite=Lax"), "{line}");
        assert!(!line.contains("Secure"), "plain HTTP: {line}");
        let new = set_cookie_value(&r, "kansli_session").unwrap();
        assert_ne!(new, old);
        let old_page = app
            .client
            .get(app.url("/kansli"))
            .header(COOKIE, format!("kansli_session={old}"))
            .send()
            .await
            .unwrap();
        assert_eq!(old_page.status(), 401, "the old session ended at login");
        let page = app
            .client
            .get(app.url("/kansli"))
            .header(COOKIE, format!("kansli_session={new}"))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains("Välkommen, Test secretary"));
        let csrf = hidden(&html, "csrf");

        let r = app
            .client
            .post(app.url("/logga-ut"))
            .header(COOKIE, format!("kansli_session={new}"))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        let after = app
            .client
            .get(app.url("/kansli"))
            .header(COOKIE, format!("kansli_session={new}"))
            .send()
            .await
            .unwrap();
        assert_eq!(after.status(), 401);

        // Logout everywhere ends every session of the account.
        let (one, csrf_one) = app.session("member").await;
        let (two, _) = app.session("member").await;
        let r = app
            .client
            .post(app.url("/kansli/mina-uppgifter/logga-ut-overallt"))
            .header(COOKIE, format!("kansli_session={one}"))
            .form(&[("csrf", csrf_one.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        for s in [one, two] {
            let r = app
                .client
                .get(app.url("/kansli"))
                .header(COOKIE, format!("kansli_session={s}"))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 401);
        }

        let (events, _) = app
            .store
            .audit_events(&kansli_store::AuditFilter {
                entity: Some("user:secretary@kommun.test".into()),
                limit: 10,
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(events.iter().any(|e| e.action == "login"), "{events:?}");
    }
}

#[tokio::test]
async fn forms_without_their_token_or_from_another_site_are_refused() {
    for app in apps().await {
        let (session, csrf) = app.session("member").await;
        let cookie = format!("kansli_session={session}");
        let post = |form: Vec<(&'static str, String)>| {
            app.client
                .post(app.url("/kansli/mina-uppgifter/nycklar"))
                .header(COOKIE, cookie.clone())
                .form(&form)
        };
        let r = post(vec![("label", "x".into())]).send().await.unwrap();
        assert_eq!(r.status(), 403, "no token");
        let r = post(vec![("label", "x".into()), ("csrf", "fel".into())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "wrong token");
        let r = post(vec![("label", "x".into()), ("csrf", csrf.clone())])
            .header("origin", "https://evil.example")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "another origin");
        let r = post(vec![("label", "x".into()), ("csrf", csrf.clone())])
            .header("sec-fetch-site", "cross-site")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "another site");
        // JSON through a session needs the header.
        let r = app
            .client
            .post(app.url("/api/v1/me/tokens"))
            .header(COOKIE, cookie.clone())
            .json(&serde_json::json!({"label": "x"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "session JSON without X-CSRF-Token");
        let r = post(vec![("label", "rätt".into()), ("csrf", csrf.clone())])
            .header("origin", app.base.clone())
            .header("sec-fetch-site", "same-origin")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert!(r.text().await.unwrap().contains("Din nya nyckel"));

        // The login form has its own double-submit token.
        let (cookie, _) = app.login_form().await;
        let r = app
            .client
            .post(app.url("/logga-in"))
            .header(COOKIE, format!("kansli_login={cookie}"))
            .form(&[
                ("csrf", "fel"),
                ("email", "member@kommun.test"),
                ("password", PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "a forged login form");
    }
}

#[tokio::test]
async fn failed_logins_are_throttled_with_a_swedish_time_to_wait() {
    for app in apps().await {
        for _ in 0..5 {
            let r = app
                .login("member@kommun.test", "fel lösenord igen", None)
                .await;
            assert_eq!(r.status(), 422);
            assert!(
                r.text()
                    .await
                    .unwrap()
                    .contains("Fel e-postadress eller lösenord")
            );
        }
        // Now even the right password waits.
        let r = app.login("member@kommun.test", PASSWORD, None).await;
        assert_eq!(r.status(), 429);
        let wait: i64 = r.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=900).contains(&wait), "{wait}");
        let html = r.text().await.unwrap();
        assert!(
            html.contains("För många misslyckade inloggningar"),
            "{html}"
        );
        assert!(
            html.contains("Försök igen om 15 minuter (kl. 10:15)"),
            "{html}"
        );
        // Another account from the same address is not locked yet.
        let r = app.login("secretary@kommun.test", PASSWORD, None).await;
        assert_eq!(r.status(), 303);
        app.advance(Duration::minutes(16));
        let r = app.login("member@kommun.test", PASSWORD, None).await;
        assert_eq!(r.status(), 303);

        let (events, _) = app
            .store
            .audit_events(&kansli_store::AuditFilter {
                entity: Some("user:member@kommun.test".into()),
                limit: 50,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(
            events.iter().filter(|e| e.action == "login.failed").count(),
            5
        );
        // An unknown account is refused the same way, and logged.
        let r = app.login("finns.inte@kommun.test", PASSWORD, None).await;
        assert_eq!(r.status(), 422);
    }
}

#[tokio::test]
async fn sessions_expire_when_idle_and_at_their_absolute_end() {
    for app in apps().await {
        let (session, _) = app.session("member").await;
        let get = || {
            app.client
                .get(app.url("/kansli"))
                .header(COOKIE, format!("kansli_session={session}"))
        };
        assert_eq!(get().send().await.unwrap().status(), 200);
        app.advance(Duration::minutes(90));
        assert_eq!(
            get().send().await.unwrap().status(),
            200,
            "within the idle limit"
        );
        app.advance(Duration::minutes(90));
        assert_eq!(
            get().send().await.unwrap().status(),
            200,
            "still, it was used"
        );
        app.advance(Duration::minutes(121));
        let r = get().send().await.unwrap();
        assert_eq!(r.status(), 401, "idle for over two hours");
        assert!(r.text().await.unwrap().contains("har gått ut"));

        let (busy, _) = app.session("member").await;
        for _ in 0..13 {
            app.advance(Duration::minutes(60));
            let _ = app
                .client
                .get(app.url("/kansli"))
                .header(COOKIE, format!("kansli_session={busy}"))
                .send()
                .await
                .unwrap();
        }
        let r = app
            .client
            .get(app.url("/kansli"))
            .header(COOKIE, format!("kansli_session={busy}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "twelve hours after login, however busy");
    }
}

#[tokio::test]
async fn disabled_accounts_lose_their_tokens_and_sessions() {
    for app in apps().await {
        let admin = app.caller("admin").token.clone().unwrap();
        let member = app.caller("member");
        let (session, _) = app.session("member").await;
        let r = app
            .client
            .patch(app.url(&format!("/api/v1/users/{}", member.user_id)))
            .bearer_auth(&admin)
            .json(&serde_json::json!({"disabled": true}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let r = app
            .client
            .get(app.url("/api/v1/me"))
            .bearer_auth(member.token.as_deref().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
        let r = app
            .client
            .get(app.url("/kansli"))
            .header(COOKIE, format!("kansli_session={session}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
        let r = app.login("member@kommun.test", PASSWORD, None).await;
        assert_eq!(r.status(), 422);
        // An admin cannot lock themself out.
        let me = app.caller("admin").user_id;
        let r = app
            .client
            .patch(app.url(&format!("/api/v1/users/{me}")))
            .bearer_auth(&admin)
            .json(&serde_json::json!({"disabled": true}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422);
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn(None).await;
    let (session, _) = app.session("admin").await;
    for path in [
        "/",
        "/logga-in",
        "/kansli",
        "/api/v1/me",
        "/finns-inte",
        "/kansli/admin/logg",
    ] {
        let r = app
            .client
            .get(app.url(path))
            .header(COOKIE, format!("kansli_session={session}"))
            .send()
            .await
            .unwrap();
        let h = r.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("script-src *"),
            "{path}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert!(h.contains_key("referrer-policy"), "{path}");
    }
    // Behind a proxy that says HTTPS, the session cookie is Secure and host-bound.
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&StoreConfig {
        data_dir: dir.path().to_path_buf(),
        database_url: None,
    })
    .await
    .unwrap();
    let hash = NewPassword::parse(PASSWORD, "p@k.se", "P")
        .unwrap()
        .hash()
        .unwrap();
    store
        .create_user(
            &Actor::shell(),
            &NewUser {
                email: Email::parse("p@k.se").unwrap(),
                name: "P".into(),
                password: Some(hash),
                grants: vec![],
            },
        )
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let settings = AuthSettings {
        behind_proxy: true,
        ..AuthSettings::default()
    };
    let proxied = router(AppState::new(store).with_auth(settings))
        .into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, proxied).await.unwrap() });
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let form = client
        .get(format!("http://{addr}/logga-in"))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap();
    let cookie = set_cookie_value(&form, "kansli_login").unwrap();
    let csrf = hidden(&form.text().await.unwrap(), "csrf");
    let r = client
        .post(format!("http://{addr}/logga-in"))
        .header("x-forwarded-proto", "https")
        .header(COOKIE, format!("kansli_login={cookie}"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "p@k.se"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let line = set_cookie_line(&r, "__Host-kansli_session").expect("secure cookie");
    assert!(line.contains("Secure") && line.contains("HttpOnly") && line.contains("Path=/"));
}

/// Whatever a login form or an Authorization header holds, the answer is a refusal or a
/// login, never a server error or a dropped connection.
#[tokio::test]
async fn login_and_credential_parsing_survive_arbitrary_input() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let app = spawn(None).await;
    let mut runner = TestRunner::new(Config::default());
    let inputs = (
        "\\PC{0,300}",
        "\\PC{0,300}",
        prop::sample::select(vec!["Bearer ", "bearer ", "Basic ", "", "Bearer kansli_"]),
        "[ -~]{0,80}",
    );
    use proptest::strategy::ValueTree;
    for _ in 0..48 {
        let (email, password, scheme, token) = inputs.new_tree(&mut runner).unwrap().current();
        let r = app.login(&email, &password, None).await;
        let status = r.status().as_u16();
        assert!(
            [303, 422, 429].contains(&status),
            "login with {email:?}/{password:?}: {status}"
        );
        let header = format!("{scheme}{token}");
        if let Ok(value) = reqwest::header::HeaderValue::from_str(&header) {
            let r = app
                .client
                .get(app.url("/api/v1/me"))
                .header("authorization", value)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 401, "{header:?}");
        }
        let r = app
            .client
            .get(app.url("/kansli"))
            .header(COOKIE, format!("kansli_session={token}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "session cookie {token:?}");
    }
}

/// Behind a reverse proxy that rewrites `Host`, a form from the public address (or the
/// forwarded host) is Kansli's own; any other origin is still refused.
#[tokio::test]
async fn forms_from_the_public_address_pass_behind_a_proxy() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&StoreConfig {
        data_dir: dir.path().to_path_buf(),
        database_url: None,
    })
    .await
    .unwrap();
    let user = store
        .create_user(
            &Actor::shell(),
            &NewUser {
                email: Email::parse("p@k.se").unwrap(),
                name: "P".into(),
                password: None,
                grants: vec![],
            },
        )
        .await
        .unwrap();
    let (id, csrf) = (
        SessionId::generate().unwrap(),
        SessionId::generate().unwrap(),
    );
    store
        .create_session(
            user.id,
            &id.hash(),
            csrf.reveal(),
            "password",
            None,
            store.now_utc() + Duration::hours(1),
        )
        .await
        .unwrap();
    let settings = AuthSettings {
        behind_proxy: true,
        public_origin: Some("https://kansli.kommun.se".into()),
        ..AuthSettings::default()
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = router(AppState::new(store).with_auth(settings))
        .into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = reqwest::Client::new();
    let post = |origin: &str, forwarded_host: Option<&str>| {
        let mut r = client
            .post(format!("http://{addr}/kansli/mina-uppgifter/nycklar"))
            .header(COOKIE, format!("kansli_session={}", id.reveal()))
            .header("origin", origin)
            .form(&[("csrf", csrf.reveal()), ("label", "x")]);
        if let Some(h) = forwarded_host {
            r = r.header("x-forwarded-host", h);
        }
        r
    };
    let ok = post("https://kansli.kommun.se", None).send().await.unwrap();
    assert_eq!(ok.status(), 200, "the public address");
    let ok = post("http://intern.kommun.se", Some("intern.kommun.se"))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200, "the forwarded host");
    let evil = post("https://evil.example", None).send().await.unwrap();
    assert_eq!(evil.status(), 403);
}

/// The read API is open data across origins, the secretariat's API is not; crawlers are kept
/// out of the secretariat and the login.
#[tokio::test]
async fn open_data_crosses_origins_and_the_secretariat_does_not() {
    let app = spawn(None).await;
    let r = app
        .client
        .get(app.url("/api/v1/authorities"))
        .header("origin", "https://data.example")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    // A preflight for a write with credentials is not granted.
    let r = app
        .client
        .request(reqwest::Method::OPTIONS, app.url("/api/v1/users"))
        .header("origin", "https://evil.example")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "authorization")
        .send()
        .await
        .unwrap();
    let allowed_methods = r
        .headers()
        .get("access-control-allow-methods")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(!allowed_methods.contains("POST"), "{allowed_methods}");
    assert!(
        r.headers()
            .get("access-control-allow-credentials")
            .is_none()
    );
    assert!(r.headers().get("access-control-allow-headers").is_none());
    let robots = app.client.get(app.url("/robots.txt")).send().await.unwrap();
    assert_eq!(robots.status(), 200);
    let text = robots.text().await.unwrap();
    assert!(text.contains("Disallow: /kansli") && text.contains("Disallow: /logga-in"));
}

/// An administrator corrects imports in the UI as `kansli meeting move|remove` does: finds the
/// meeting, moves it to another authority (audited with the administrator as actor; the
/// authority left with nothing leaves the public start page), and removes one only when the
/// removal is confirmed. Everyone else is refused (the matrix above covers every role).
#[tokio::test]
async fn admins_move_and_remove_imported_meetings_in_the_ui() {
    for app in apps().await {
        let (session, csrf) = app.session("admin").await;
        let cookie = format!("kansli_session={session}");
        let get = |path: String| {
            app.client
                .get(app.url(&path))
                .header(COOKIE, cookie.clone())
                .send()
        };
        let start: String = app
            .client
            .get(app.url("/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(start.contains("Kommunalförbundet Itsam"));

        let page = get(format!(
            "/kansli/admin/moten?sok={OTHER_A}/direktionen/2024-03-05"
        ))
        .await
        .unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        let meeting = app
            .store
            .find_meetings(&format!("{OTHER_A}/direktionen/2024-03-05"))
            .await
            .unwrap()[0]
            .meeting_id;
        assert!(html.contains(&format!("/kansli/admin/moten/{meeting}/flytta")));
        assert!(html.contains("Rätta import"), "in the admin's navigation");

        // Moved to Lomma kommun, to a body of another name.
        let r = app
            .client
            .post(app.url(&format!("/kansli/admin/moten/{meeting}/flytta")))
            .header(COOKIE, cookie.clone())
            .form(&[
                ("csrf", csrf.as_str()),
                ("myndighet", "Lomma kommun"),
                ("organ", "Direktionen"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let html = r.text().await.unwrap();
        assert!(html.contains("är flyttat till Lomma kommun"), "{html}");
        assert!(
            html.contains(&format!("/{A}/direktionen/2024-03-05")),
            "{html}"
        );
        let moved = app
            .store
            .find_meetings(&format!("{A}/direktionen/2024-03-05"))
            .await
            .unwrap();
        assert_eq!(moved.len(), 1);
        let start: String = app
            .client
            .get(app.url("/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            !start.contains("Kommunalförbundet Itsam"),
            "an authority with no meetings and no registry is not listed"
        );
        let (events, _) = app
            .store
            .audit_events(&kansli_store::AuditFilter {
                entity: Some("meeting:".into()),
                limit: 10,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].action, "meeting.move");
        assert!(
            events[0].actor.contains("admin@kommun.test"),
            "{:?}",
            events[0]
        );

        // A removal without its confirmation removes nothing.
        let id = moved[0].meeting_id;
        let remove = |confirm: bool| {
            let mut form = vec![("csrf", csrf.clone()), ("skal", "fel fil".to_string())];
            if confirm {
                form.push(("bekrafta", "ja".to_string()));
            }
            app.client
                .post(app.url(&format!("/kansli/admin/moten/{id}/ta-bort")))
                .header(COOKIE, cookie.clone())
                .form(&form)
                .send()
        };
        let r = remove(false).await.unwrap();
        assert_eq!(r.status(), 400);
        assert!(app.store.meeting_ref(id).await.unwrap().is_some());
        let r = remove(true).await.unwrap();
        assert_eq!(r.status(), 200);
        assert!(r.text().await.unwrap().contains("är borttaget ur arkivet"));
        assert!(app.store.meeting_ref(id).await.unwrap().is_none());
        let (events, _) = app
            .store
            .audit_events(&kansli_store::AuditFilter {
                entity: Some("meeting:".into()),
                limit: 10,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(events[0].action, "meeting.remove");
        assert_eq!(events[0].after.as_ref().unwrap()["reason"], "fel fil");

        // A second removal of the same meeting is refused with a message, not a crash.
        let r = remove(true).await.unwrap();
        assert_eq!(r.status(), 400);

        // A secretary may not.
        let (s_session, s_csrf) = app.session("secretary").await;
        let r = app
            .client
            .post(app.url(&format!("/kansli/admin/moten/{id}/ta-bort")))
            .header(COOKIE, format!("kansli_session={s_session}"))
            .form(&[("csrf", s_csrf.as_str()), ("bekrafta", "ja")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
    }
}

/// The review of imported minutes (issue 16): the body's secretary sees the sample's shaky
/// fields (and only their own bodies'), reads the review beside the original, corrects a field
/// through the API and a title through the page; the public page shows both, the audit log
/// names the secretary, a re-import of the same file keeps them; bad input is refused naming
/// the field; a registrar and a member are refused.
#[tokio::test]
async fn secretaries_review_and_correct_imported_minutes() {
    let m = "2024-09-26";
    let review_api = format!("/api/v1/authorities/{A}/bodies/{B}/meetings/{m}/import-review");
    let review_page = format!("/kansli/granskning/{A}/{B}/{m}");
    for app in apps().await {
        let token = |name: &str| app.caller(name).token.clone().unwrap();
        let secretary = token("secretary");

        // The list: the sample's justerare were read unsure (a substitute justerare).
        let list: Value = app
            .client
            .get(app.url("/api/v1/import-reviews"))
            .bearer_auth(&secretary)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let rows = list["data"].as_array().unwrap();
        assert!(
            rows.iter().all(|r| r["authority"] == A && r["body"] == B),
            "a secretary sees their own body's minutes only: {list}"
        );
        let kf = rows.iter().find(|r| r["meeting"] == m).expect("the sample");
        assert!(
            kf["fields"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f == "justerare"),
            "{kf}"
        );
        let all: Value = app
            .client
            .get(app.url("/api/v1/import-reviews?per_page=1"))
            .bearer_auth(token("admin"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(all["data"].as_array().unwrap().len(), 1);
        assert!(all["total"].as_i64().unwrap() >= 2, "{all}");
        let r = app
            .client
            .get(app.url("/api/v1/import-reviews?per_page=1000"))
            .bearer_auth(&secretary)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422);

        // The review: each field with its value, confidence and warnings; the original.
        let review: Value = app
            .client
            .get(app.url(&review_api))
            .bearer_auth(&secretary)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let field = |review: &Value, path: &str| {
            review["fields"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["field"] == path)
                .cloned()
                .unwrap_or_else(|| panic!("no {path} in {review}"))
        };
        let justerare = field(&review, "justerare");
        assert_eq!(justerare["shaky"], true);
        assert!((justerare["confidence"].as_f64().unwrap() - 0.8).abs() < 1e-6);
        assert!(!justerare["warnings"].as_array().unwrap().is_empty());
        assert_eq!(field(&review, "chair")["value"][0], "Marie Nilsson");
        let original = review["originals"][0]["url"].as_str().unwrap().to_string();

        // The pages, in the secretary's session.
        let (session, csrf) = app.session("secretary").await;
        let cookie = format!("kansli_session={session}");
        let page = |path: String| {
            app.client
                .get(app.url(&path))
                .header(COOKIE, cookie.clone())
                .send()
        };
        let r = page("/kansli/granskning".into()).await.unwrap();
        assert_eq!(r.status(), 200);
        let html = r.text().await.unwrap();
        assert!(html.contains(&review_page), "{html}");
        assert!(html.contains("Justerare"), "the shaky field named: {html}");
        let r = page(review_page.clone()).await.unwrap();
        assert_eq!(r.status(), 200);
        let csp = r.headers()["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-src 'self'"), "{csp}");
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Marie Nilsson") && html.contains("80 %"),
            "{html}"
        );
        assert!(
            html.contains("review-original__text") && html.contains("Kommunfullmäktige"),
            "the text original beside the fields"
        );
        // The parser's warnings read in Swedish; the API keeps the parser's English.
        assert!(
            html.contains("anges som ersättare för justerare")
                && !html.contains("is named as substitute justerare"),
            "{html}"
        );
        assert!(
            justerare["warnings"][0]
                .as_str()
                .unwrap()
                .contains("is named as substitute justerare"),
            "{justerare}"
        );
        let r = page(original.clone()).await.unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["cache-control"], "private, no-store");
        assert_eq!(r.headers()["x-frame-options"], "SAMEORIGIN");
        let r = page(format!("{review_page}/original/{}", "0".repeat(64)))
            .await
            .unwrap();
        assert_eq!(r.status(), 404);

        // A correction through the API reaches the public page and the audit log.
        let correct = |body: Value, who: String| {
            app.client
                .post(app.url(&review_api))
                .bearer_auth(who)
                .json(&body)
                .send()
        };
        let r = correct(
            serde_json::json!({"field": "chair", "action": "correct", "value": "Marianne Nilsson", "comment": "stavning"}),
            secretary.clone(),
        )
        .await
        .unwrap();
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
        let r = correct(
            serde_json::json!({"field": "justerare", "action": "confirm"}),
            secretary.clone(),
        )
        .await
        .unwrap();
        assert_eq!(r.status(), 200);

        // And a paragraph's title through the page's form.
        let r = app
            .client
            .post(app.url(&review_page))
            .header(COOKIE, cookie.clone())
            .form(&[
                ("csrf", csrf.as_str()),
                ("falt", "items.103.title"),
                ("atgard", "ratta"),
                ("varde", "Meddelanden till fullmäktige"),
                ("kommentar", ""),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        assert!(
            r.headers()[LOCATION]
                .to_str()
                .unwrap()
                .contains("sparat=items.103.title")
        );

        let public = || async {
            app.client
                .get(app.url(&format!("/{A}/{B}/{m}")))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        };
        let html = public().await;
        assert!(html.contains("Marianne Nilsson"), "the corrected chair");
        assert!(
            html.contains("Meddelanden till fullmäktige"),
            "the corrected title"
        );
        let review: Value = app
            .client
            .get(app.url(&review_api))
            .bearer_auth(&secretary)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for path in ["chair", "justerare", "items.103.title"] {
            let f = field(&review, path);
            assert_eq!(f["confidence"], 1.0, "{f}");
            assert_eq!(f["shaky"], false, "{f}");
        }
        let (events, _) = app
            .store
            .audit_events(&kansli_store::AuditFilter {
                entity: Some(format!("meeting:{A}/{B}/{m}")),
                limit: 10,
                ..Default::default()
            })
            .await
            .unwrap();
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "minutes.review.correct",
                "minutes.review.confirm",
                "minutes.review.correct"
            ]
        );
        assert!(events.iter().all(|e| e.actor == "secretary@kommun.test"));

        // The same file imported again changes nothing: the corrections stay.
        let samples =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/samples");
        let file = "lomma-kommunfullmaktige-2024-09-26.txt";
        let bytes = std::fs::read(samples.join(file)).unwrap();
        let parsed = kansli_import::parse_text(&String::from_utf8_lossy(&bytes)).unwrap();
        let outcome = app
            .store
            .import_protocol(&parsed, &bytes, file, "Lomma kommun")
            .await
            .unwrap();
        assert!(
            matches!(outcome, kansli_store::ImportOutcome::Unchanged { .. }),
            "{outcome:?}"
        );
        let html = public().await;
        assert!(html.contains("Marianne Nilsson") && html.contains("Meddelanden till fullmäktige"));

        // Bad input: 422 naming the field, in English; nothing changes.
        for (body, names) in [
            (
                serde_json::json!({"field": "chairman", "action": "correct", "value": "X"}),
                "chairman",
            ),
            (
                serde_json::json!({"field": "notice.posted", "action": "correct", "value": "2024-02-30"}),
                "notice.posted",
            ),
            (
                serde_json::json!({"field": "chair", "action": "replace", "value": "X"}),
                "action",
            ),
            (
                serde_json::json!({"field": "chair", "action": "correct"}),
                "value",
            ),
            (
                serde_json::json!({"field": "items.999.title", "action": "correct", "value": "X"}),
                "items.999.title",
            ),
        ] {
            let r = correct(body.clone(), secretary.clone()).await.unwrap();
            assert_eq!(r.status(), 422, "{body}");
            assert_eq!(
                r.headers()[CONTENT_TYPE].to_str().unwrap(),
                "application/problem+json"
            );
            let problem: Value = r.json().await.unwrap();
            assert!(
                problem["detail"].as_str().unwrap().contains(names),
                "{body}: {problem}"
            );
        }
        let r = correct(
            serde_json::json!({"field": "chair", "action": "correct", "value": "X", "extra": 1}),
            secretary.clone(),
        )
        .await
        .unwrap();
        assert_eq!(r.status(), 400);
        let r = app
            .client
            .post(app.url(&review_page))
            .header(COOKIE, cookie.clone())
            .form(&[
                ("csrf", csrf.as_str()),
                ("falt", "notice.removal"),
                ("atgard", "ratta"),
                ("varde", "24/10 2024"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("ÅÅÅÅ-MM-DD"));

        // Not a registrar's or a member's, nor another body's secretary's.
        for who in ["registrar", "member", "secretary-elsewhere"] {
            let r = correct(
                serde_json::json!({"field": "chair", "action": "confirm"}),
                token(who),
            )
            .await
            .unwrap();
            assert_eq!(r.status(), 403, "{who}");
        }
        let html = public().await;
        assert!(html.contains("Marianne Nilsson"));
    }
}
