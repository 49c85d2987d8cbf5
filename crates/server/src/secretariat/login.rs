//! Signing in and out: the login form (`/logga-in`), single sign-on through OpenID Connect
//! (`/logga-in/sso`), logout.
//!
//! A login always starts a new session with a new random id (no session fixation), stored
//! hashed with its own CSRF token; failed logins are counted per account and per address, and
//! an attempt while throttled is refused before the password is looked at.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use kansli_auth::{Email, PasswordHash, SessionId};
use kansli_store::{Actor, User};
use serde::Deserialize;

use super::access::{
    self, Caller, LOGIN_COOKIE, Peer, Via, client_address, is_https, same_origin,
    session_cookie_name, set_cookie,
};
use super::pages::{self, LoginForm, message_page};
use crate::AppState;

/// The query of the login page.
#[derive(Debug, Default, Deserialize)]
pub struct LoginQuery {
    /// Where to go after signing in (a local path).
    #[serde(default)]
    till: Option<String>,
    /// Set after a logout.
    #[serde(default)]
    utloggad: Option<String>,
}

/// The login form as posted.
#[derive(Debug, Default, Deserialize)]
pub struct LoginSubmission {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    till: String,
}

/// A local path to return to after login, or the start page: never another site.
pub fn safe_return(till: Option<&str>) -> String {
    match till {
        Some(t)
            if t.starts_with('/')
                && !t.starts_with("//")
                && !t.starts_with("/\\")
                && t.len() < 2000
                && !t.chars().any(char::is_control) =>
        {
            t.to_string()
        }
        _ => "/kansli".to_string(),
    }
}

/// `GET /logga-in`: the form, with a fresh double-submit token in a cookie.
pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LoginQuery>,
) -> Response {
    let message = query
        .utloggad
        .is_some()
        .then(|| "Du är utloggad.".to_string());
    login_response(
        &state,
        &headers,
        StatusCode::OK,
        LoginForm {
            message,
            email: String::new(),
            till: safe_return(query.till.as_deref()),
            error: false,
        },
    )
}

/// Renders the login form with a new double-submit token.
fn login_response(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    form: LoginForm,
) -> Response {
    let token = match SessionId::generate() {
        Ok(t) => t,
        Err(e) => {
            tracing::error!(error = %e, "no randomness for the login form");
            return message_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Ett fel uppstod",
                "Inloggningen kunde inte visas. Försök igen om en stund.",
            );
        }
    };
    let mut response = pages::login_page(state, status, form, token.reveal());
    if let Ok(v) = HeaderValue::from_str(&set_cookie(
        LOGIN_COOKIE,
        token.reveal(),
        is_https(state, headers),
        None,
    )) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

/// `POST /logga-in`: checks the form's origin and token, the throttle, then the password.
pub async fn submit(
    State(state): State<AppState>,
    Peer(peer): Peer,
    headers: HeaderMap,
    Form(form): Form<LoginSubmission>,
) -> Response {
    let address = client_address(&state, &headers, peer);
    let cookie_token = access::cookie(&headers, LOGIN_COOKIE).unwrap_or_default();
    if same_origin(&state, &headers).is_err()
        || cookie_token.is_empty()
        || !kansli_auth::secret::secrets_equal(&cookie_token, &form.csrf)
    {
        // 400, not 403: the login is open to all, the form itself was malformed or forged.
        return message_page(
            StatusCode::BAD_REQUEST,
            "Formuläret kunde inte skickas",
            "Inloggningsformuläret var för gammalt eller kom från en annan webbplats. Gå till inloggningssidan och försök igen.",
        );
    }
    let till = safe_return(Some(&form.till));
    if !state.auth.local_login {
        return message_page(
            StatusCode::FORBIDDEN,
            "Inloggning med lösenord är avstängd",
            "Logga in med organisationens inloggning (enkel inloggning) i stället.",
        );
    }
    let typed = form.email.trim().to_lowercase();
    let again = |message: String, status: StatusCode| {
        login_response(
            &state,
            &headers,
            status,
            LoginForm {
                message: Some(message),
                email: typed.chars().take(254).collect(),
                till: till.clone(),
                error: true,
            },
        )
    };
    let now = state.store.now_utc();
    let since = now - state.auth.throttle.window;
    let (by_account, by_address) = match state.store.login_failures(&typed, &address, since).await {
        Ok(f) => f,
        Err(e) => {
            tracing::error!(error = %e, "cannot read failed logins");
            return again(
                "Inloggningen fungerar inte just nu. Försök igen om en stund.".into(),
                StatusCode::INTERNAL_SERVER_ERROR,
            );
        }
    };
    if let Err(throttled) = state.auth.throttle.check(&by_account, &by_address, now) {
        let wait = (throttled.until - now).num_seconds().max(1);
        let minutes = (wait + 59) / 60;
        let local = throttled
            .until
            .with_timezone(&chrono_tz::Europe::Stockholm)
            .format("%H:%M");
        let whose = if throttled.account {
            "för det här kontot"
        } else {
            "från din adress"
        };
        let mut response = again(
            format!(
                "För många misslyckade inloggningar {whose}. Försök igen om {minutes} {} (kl. {local}).",
                if minutes == 1 { "minut" } else { "minuter" }
            ),
            StatusCode::TOO_MANY_REQUESTS,
        );
        if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return response;
    }
    let anonymous = Actor {
        user_id: None,
        label: typed.chars().take(254).collect(),
        via: "login form".into(),
        address: Some(address.clone()),
    };
    let found = match Email::parse(&typed) {
        Ok(email) => match state.store.user_by_email(&email).await {
            Ok(found) => found,
            Err(e) => {
                tracing::error!(error = %e, "cannot look up an account");
                return again(
                    "Inloggningen fungerar inte just nu. Försök igen om en stund.".into(),
                    StatusCode::INTERNAL_SERVER_ERROR,
                );
            }
        },
        Err(_) => None,
    };
    // Hash on a blocking thread, against a decoy when there is no such account, so that the
    // answer takes as long whether the e-mail exists or not.
    let (hash, user) = match found {
        Some((user, hash)) => (hash.unwrap_or_else(PasswordHash::decoy), Some(user)),
        None => (PasswordHash::decoy(), None),
    };
    let password = form.password.clone();
    let verified = tokio::task::spawn_blocking(move || hash.verify(&password))
        .await
        .unwrap_or(false);
    let user = match user {
        Some(user) if verified && !user.disabled => user,
        other => {
            let reason = match &other {
                None => "unknown account",
                Some(u) if u.disabled => "account disabled",
                Some(u) if !u.has_password => "account has no local password",
                Some(_) => "wrong password",
            };
            if let Err(e) = state
                .store
                .record_login_failure(&anonymous, &typed, &address, reason)
                .await
            {
                tracing::error!(error = %e, "cannot record a failed login");
            }
            // 422: the form was understood and its content refused; 401/403 are kept for
            // routes a caller may not use at all.
            return again(
                "Fel e-postadress eller lösenord.".into(),
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    start_session(&state, &headers, &user, "password", &address, &till).await
}

/// Starts a new session for `user`, ends one the browser already had, records the login, sets
/// the cookie and sends the browser on to `till`.
pub async fn start_session(
    state: &AppState,
    headers: &HeaderMap,
    user: &User,
    via: &str,
    address: &str,
    till: &str,
) -> Response {
    let https = is_https(state, headers);
    let fail = || {
        message_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Ett fel uppstod",
            "Inloggningen kunde inte slutföras. Försök igen om en stund.",
        )
    };
    // A session the browser brought from before is ended: the new one gets a new id.
    if let Ok(Some(previous)) = access::resolve(state, headers, address).await
        && let Via::Session { id, .. } = previous.via
    {
        let _ = state.store.end_session(&previous.actor(), id).await;
    }
    let (Ok(id), Ok(csrf)) = (SessionId::generate(), SessionId::generate()) else {
        return fail();
    };
    let expires = state.store.now_utc() + state.auth.session_max;
    let session = match state
        .store
        .create_session(
            user.id,
            &id.hash(),
            csrf.reveal(),
            via,
            Some(address),
            expires,
        )
        .await
    {
        Ok(s) => s,
        Err(e) => {
            tracing::error!(error = %e, "cannot start a session");
            return fail();
        }
    };
    let actor = Actor {
        user_id: Some(user.id),
        label: user.email.clone(),
        via: format!("session {session}"),
        address: Some(address.to_string()),
    };
    if let Err(e) = state.store.record_login(&actor, &user.email).await {
        tracing::error!(error = %e, "cannot record a login");
    }
    let mut response = Redirect::to(till).into_response();
    *response.status_mut() = StatusCode::SEE_OTHER;
    let cookies = [
        set_cookie(session_cookie_name(https), id.reveal(), https, None),
        set_cookie(LOGIN_COOKIE, "", https, Some(chrono::Duration::zero())),
    ];
    for c in cookies {
        if let Ok(v) = HeaderValue::from_str(&c) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response
}

/// `POST /logga-ut`: ends this session and clears the cookie.
pub async fn logout(State(state): State<AppState>, headers: HeaderMap, caller: Caller) -> Response {
    if let Via::Session { id, .. } = caller.via
        && let Err(e) = state.store.end_session(&caller.actor(), id).await
    {
        tracing::error!(error = %e, "cannot end a session");
    }
    let https = is_https(&state, &headers);
    let mut response = Redirect::to("/logga-in?utloggad=1").into_response();
    *response.status_mut() = StatusCode::SEE_OTHER;
    if let Ok(v) = HeaderValue::from_str(&set_cookie(
        session_cookie_name(https),
        "",
        https,
        Some(chrono::Duration::zero()),
    )) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

/// `GET /logga-in/sso`: sends the browser to the identity provider.
pub async fn sso_start(State(state): State<AppState>, Query(query): Query<LoginQuery>) -> Response {
    super::oidc::start(&state, &safe_return(query.till.as_deref())).await
}

/// `GET /logga-in/sso/tillbaka`: the provider's redirect back with a code.
pub async fn sso_callback(
    State(state): State<AppState>,
    Peer(peer): Peer,
    headers: HeaderMap,
    Query(query): Query<super::oidc::CallbackQuery>,
) -> Response {
    let address = client_address(&state, &headers, peer);
    match super::oidc::finish(&state, &query).await {
        Ok((user, till)) => start_session(&state, &headers, &user, "oidc", &address, &till).await,
        Err(refusal) => {
            let actor = Actor {
                user_id: None,
                label: refusal.account.clone().unwrap_or_else(|| "okänd".into()),
                via: "sso".into(),
                address: Some(address.clone()),
            };
            let account = refusal.account.clone().unwrap_or_default();
            if let Err(e) = state
                .store
                .record_login_failure(&actor, &account, &address, &refusal.reason)
                .await
            {
                tracing::error!(error = %e, "cannot record a failed login");
            }
            tracing::warn!(reason = %refusal.reason, "single sign-on refused");
            // 400: this callback cannot complete a login (401/403 mean a route is closed).
            message_page(
                StatusCode::BAD_REQUEST,
                "Inloggningen misslyckades",
                &refusal.sv,
            )
        }
    }
}
