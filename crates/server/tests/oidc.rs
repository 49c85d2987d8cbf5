//! Single sign-on end to end against a real OpenID Connect provider that the test starts on
//! loopback (panva's `oidc-provider`, `tools/oidc/op.mjs`): a verified e-mail signs in (a new
//! account with no role), and a wrong `state`, a replayed callback and an unverified e-mail
//! are refused.
//!
//! Needs Node and `npm ci` in `tools/oidc` (`.ci/run` does it); without them the test says
//! SKIPPED outside CI and fails in CI.

use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use kansli_server::secretariat::AuthSettings;
use kansli_server::secretariat::oidc::OidcSettings;
use kansli_server::{AppState, router};
use kansli_store::{Store, StoreConfig};
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};

struct Provider(Child);

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn tools() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/oidc")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_provider(port: u16, redirect: &str) -> Option<Provider> {
    let ready = tools().join("node_modules/oidc-provider").is_dir()
        && Command::new("node").arg("--version").output().is_ok();
    if !ready {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run `npm ci` in tools/oidc (and have node) for the SSO test"
        );
        eprintln!("SKIPPED: node or tools/oidc/node_modules missing (run npm ci in tools/oidc)");
        return None;
    }
    let child = Command::new("node")
        .arg(tools().join("op.mjs"))
        .env("OIDC_PORT", port.to_string())
        .env("OIDC_REDIRECT", redirect)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("node starts");
    let provider = Provider(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the OIDC provider did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    Some(provider)
}

struct Sso {
    kansli: String,
    provider: String,
    client: reqwest::Client,
    store: Store,
    _op: Provider,
    _dir: tempfile::TempDir,
}

async fn spawn() -> Option<Sso> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let kansli = format!("http://{addr}");
    let port = free_port();
    let op = start_provider(port, &format!("{kansli}/logga-in/sso/tillbaka"))?;
    let provider = format!("http://127.0.0.1:{port}");
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&StoreConfig {
        data_dir: dir.path().to_path_buf(),
        database_url: None,
    })
    .await
    .unwrap();
    let settings = AuthSettings {
        oidc: Some(OidcSettings::new(
            provider.clone(),
            "kansli",
            "kansli-test-secret",
            &kansli,
        )),
        ..AuthSettings::default()
    };
    let app = router(AppState::new(store.clone()).with_auth(settings))
        .into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    Some(Sso {
        kansli,
        provider,
        client,
        store,
        _op: op,
        _dir: dir,
    })
}

impl Sso {
    /// Follows the redirects from "Logga in med organisationens konto" through the provider
    /// until the provider sends the browser back to Kansli; returns that callback URL. The
    /// provider's cookies are carried by hand (one cookie jar per provider session).
    async fn to_callback(&self, user: &str) -> String {
        let r = self
            .client
            .get(format!("{}/test/next-user?sub={user}", self.provider))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success());
        let mut url = format!("{}/logga-in/sso?till=/kansli/mina-uppgifter", self.kansli);
        let mut cookies: Vec<String> = Vec::new();
        for _ in 0..10 {
            let mut request = self.client.get(&url);
            if url.starts_with(&self.provider) && !cookies.is_empty() {
                request = request.header(COOKIE, cookies.join("; "));
            }
            let r = request.send().await.unwrap();
            assert!(
                r.status().is_redirection(),
                "{url}: {} {}",
                r.status(),
                r.text().await.unwrap_or_default()
            );
            if url.starts_with(&self.provider) {
                for c in r.headers().get_all(SET_COOKIE) {
                    let pair = c.to_str().unwrap().split(';').next().unwrap().to_string();
                    let name = pair.split('=').next().unwrap().to_string();
                    cookies.retain(|c| !c.starts_with(&format!("{name}=")));
                    cookies.push(pair);
                }
            }
            let next = r.headers()[LOCATION].to_str().unwrap().to_string();
            let next = url::Url::parse(&url)
                .unwrap()
                .join(&next)
                .unwrap()
                .to_string();
            if next.starts_with(&format!("{}/logga-in/sso/tillbaka", self.kansli)) {
                return next;
            }
            url = next;
        }
        panic!("no way back to Kansli from {url}");
    }
}

#[tokio::test]
async fn single_sign_on_signs_in_a_verified_email_and_refuses_the_rest() {
    let Some(sso) = spawn().await else {
        return;
    };
    // A verified e-mail: a session, and an account with no role yet.
    let callback = sso.to_callback("alice").await;
    assert!(
        callback.contains("code=") && callback.contains("state="),
        "{callback}"
    );
    let r = sso.client.get(&callback).send().await.unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    assert_eq!(r.headers()[LOCATION], "/kansli/mina-uppgifter");
    let session = r
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("kansli_session="))
        .expect("a session")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let me = sso
        .client
        .get(format!("{}/api/v1/me", sso.kansli))
        .header(COOKIE, &session)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    let me: serde_json::Value = me.json().await.unwrap();
    assert_eq!(me["email"], "alice@exempel.test");
    assert_eq!(me["name"], "Alice Andersson");
    assert_eq!(me["roles"], serde_json::json!([]));
    let start = sso
        .client
        .get(format!("{}/kansli", sso.kansli))
        .header(COOKIE, &session)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(start.contains("ingen roll"), "{start}");

    // The same callback again: its state was used up.
    let r = sso.client.get(&callback).send().await.unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("redan använts"));

    // A state Kansli never issued.
    let callback = sso.to_callback("alice").await;
    let mut forged = url::Url::parse(&callback).unwrap();
    let pairs: Vec<(String, String)> = forged
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "state" {
                "forged-state".to_string()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    forged.query_pairs_mut().clear().extend_pairs(pairs);
    let r = sso.client.get(forged.as_str()).send().await.unwrap();
    assert_eq!(r.status(), 400);

    // An e-mail the provider has not verified.
    let callback = sso.to_callback("mallory").await;
    let r = sso.client.get(&callback).send().await.unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("inte bekräftad"));
    let email = kansli_auth::Email::parse("mallory@exempel.test").unwrap();
    assert!(sso.store.user_by_email(&email).await.unwrap().is_none());

    let (events, _) = sso
        .store
        .audit_events(&kansli_store::AuditFilter {
            limit: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    let actions: Vec<(&str, &str)> = events
        .iter()
        .map(|e| (e.action.as_str(), e.entity.as_str()))
        .collect();
    assert!(
        actions.contains(&("login", "user:alice@exempel.test")),
        "{actions:?}"
    );
    assert!(actions.contains(&("user.create", "user:alice@exempel.test")));
    assert!(actions.contains(&("login.failed", "user:mallory@exempel.test")));
}
