//! What the secretariat's HTTP tests share: an account with an API token, made in the store,
//! and one JSON request to the server.

use kansli_auth::{ApiToken, Email, Grant};
use kansli_store::{Actor, NewUser, Store};

/// Creates an account (`name`, `email`, `grants`) and returns a new API token of it.
pub async fn token(store: &Store, email: &str, name: &str, grants: Vec<Grant>) -> String {
    let user = store
        .create_user(
            &Actor::shell(),
            &NewUser {
                email: Email::parse(email).unwrap(),
                name: name.into(),
                password: None,
                grants,
            },
        )
        .await
        .unwrap();
    let token = ApiToken::generate().unwrap();
    store
        .create_token(&Actor::shell(), user.id, "test", &token.hash())
        .await
        .unwrap();
    token.reveal().to_string()
}

/// One JSON request to the server at `base`: `method path`, with a bearer `token` and a JSON
/// `body` when given; the status and the answer as JSON (or as a string when it is not JSON).
// Each test binary compiles this module; `diarium` builds its (multipart) requests by hand.
#[allow(dead_code)]
pub async fn call(
    client: &reqwest::Client,
    base: &str,
    (method, path): (&str, &str),
    token: Option<&str>,
    body: Option<serde_json::Value>,
) -> (reqwest::StatusCode, serde_json::Value) {
    let mut r = client.request(method.parse().unwrap(), format!("{base}{path}"));
    if let Some(t) = token {
        r = r.bearer_auth(t);
    }
    if let Some(b) = body {
        r = r.json(&b);
    }
    let r = r.send().await.unwrap();
    let status = r.status();
    let text = r.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
    )
}
