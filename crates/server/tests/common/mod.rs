//! What the secretariat's HTTP tests share: an account with an API token, made in the store.

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
