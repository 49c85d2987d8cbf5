//! Who is calling, and may they: the guard every secretariat route runs before its handler.
//!
//! A caller is recognised by an API token (`Authorization: Bearer kansli_…`) or by the session
//! cookie; the route's [`Access`] is decided against the authority and body in its path
//! (`{a}`, `{b}`) before the request body is read. Requests that change something through a
//! session (the browser's ambient credential) must also come from Kansli's own pages: the
//! `Origin`/`Sec-Fetch-Site` headers are checked, and the session's synchronizer token must be
//! sent (form field `csrf`, header `X-CSRF-Token` or query `csrf`).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, RawPathParams, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use kansli_auth::access::Decision;
use kansli_auth::secret::secrets_equal;
use kansli_auth::{Access, ApiToken, Grant, LoginThrottle, SessionId, Target};
use kansli_store::{Actor, User};

use super::Kind;
use super::pages::login_required_page;
use super::problem::Problem;
use crate::AppState;

/// The cookie of a session over plain HTTP.
pub const SESSION_COOKIE: &str = "kansli_session";
/// The cookie of a session over HTTPS: the `__Host-` prefix binds it to this host and path `/`.
pub const SECURE_SESSION_COOKIE: &str = "__Host-kansli_session";
/// The login form's double-submit cookie (there is no session yet to hold its token).
pub const LOGIN_COOKIE: &str = "kansli_login";
/// The most bytes of a form body the CSRF check reads.
const FORM_LIMIT: usize = 1024 * 1024;

/// How accounts and sessions behave in this installation.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// Sessions end after this long without a request.
    pub session_idle: Duration,
    /// Sessions end this long after login, however busy.
    pub session_max: Duration,
    /// Login throttling.
    pub throttle: LoginThrottle,
    /// Whether local passwords may be used (off when SSO is the only way in).
    pub local_login: bool,
    /// Whether Kansli is reached over HTTPS (its public URL says so): cookies get `Secure`.
    pub https: bool,
    /// Whether a reverse proxy in front sets `X-Forwarded-For`/`-Proto` (trusted only then).
    pub behind_proxy: bool,
    /// Demo accounts to list on the login page (demo mode only): (e-mail, password, what).
    pub demo_accounts: Vec<(String, String, String)>,
    /// Single sign-on, when configured.
    pub oidc: Option<Arc<super::oidc::OidcSettings>>,
    /// The largest document (bytes) a registrar may register on a case.
    pub max_upload: usize,
    /// The origin people reach Kansli at (`https://kansli.kommun.se`, from `KANSLI_PUBLIC_URL`):
    /// a form posted from there is Kansli's own even when a proxy rewrote the `Host` header.
    pub public_origin: Option<String>,
}

impl Default for AuthSettings {
    fn default() -> Self {
        AuthSettings {
            session_idle: Duration::hours(2),
            session_max: Duration::hours(12),
            throttle: LoginThrottle::default(),
            local_login: true,
            https: false,
            behind_proxy: false,
            demo_accounts: Vec::new(),
            oidc: None,
            max_upload: 100 * 1024 * 1024,
            public_origin: None,
        }
    }
}

/// How a caller proved who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// A browser session: its row id and its CSRF token.
    Session {
        /// The session's id (not its secret).
        id: i64,
        /// The synchronizer token the session's forms carry.
        csrf: String,
    },
    /// A personal API token (its id).
    Token(i64),
}

/// A signed-in caller, as handlers see it (a request extension set by the guard).
#[derive(Debug, Clone)]
pub struct Caller {
    /// The account.
    pub user: User,
    /// Session or token.
    pub via: Via,
    /// The client's address.
    pub address: Option<String>,
}

impl Caller {
    /// The caller as the audit log names them.
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: Some(self.user.id),
            label: self.user.email.clone(),
            via: match &self.via {
                Via::Session { id, .. } => format!("session {id}"),
                Via::Token(id) => format!("token {id}"),
            },
            address: self.address.clone(),
        }
    }

    /// The session's CSRF token, for the forms of a page (empty for token callers).
    pub fn csrf(&self) -> &str {
        match &self.via {
            Via::Session { csrf, .. } => csrf,
            Via::Token(_) => "",
        }
    }

    /// Whether the caller holds a grant of `role` reaching the target.
    pub fn holds(&self, role: kansli_auth::Role, target: &Target) -> bool {
        self.user
            .grants
            .iter()
            .any(|g| g.role == role && g.covers(target))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Caller>().cloned().ok_or_else(|| {
            tracing::error!("a handler asked for the caller on a route without the guard");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        })
    }
}

/// The peer address of the connection, when the server was started with connect info.
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub Option<SocketAddr>);

impl<S: Send + Sync> FromRequestParts<S> for Peer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(Peer(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0),
        ))
    }
}

/// The client's address, for login throttling and the audit log: behind a configured proxy the
/// address the proxy saw (the last of `X-Forwarded-For`, never the client's own first entry, as
/// the rate limits count it), else the peer of the connection.
pub fn client_address(state: &AppState, headers: &HeaderMap, peer: Option<SocketAddr>) -> String {
    if state.auth.behind_proxy
        && let Some(ip) = crate::limits::forwarded_for(headers)
    {
        return ip.to_string();
    }
    peer.map_or_else(|| "unknown".to_string(), |p| p.ip().to_string())
}

/// Whether this request reached Kansli over HTTPS (directly configured, or a trusted proxy
/// says so).
pub fn is_https(state: &AppState, headers: &HeaderMap) -> bool {
    state.auth.https
        || (state.auth.behind_proxy
            && headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.eq_ignore_ascii_case("https")))
}

/// The value of a cookie in the request, if sent once.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, path `/`, Secure over HTTPS; `max_age`
/// `None` for a browser-session cookie, zero to delete.
pub fn set_cookie(name: &str, value: &str, https: bool, max_age: Option<Duration>) -> String {
    let mut c = cookie::Cookie::build((name.to_string(), value.to_string()))
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .path("/")
        .secure(https);
    if let Some(age) = max_age {
        c = c.max_age(cookie::time::Duration::seconds(age.num_seconds()));
    }
    c.build().to_string()
}

/// The session cookie's name for this request.
pub fn session_cookie_name(https: bool) -> &'static str {
    if https {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

/// Finds who is calling. `Ok(None)`: no credentials at all; `Err(())`: credentials that are
/// not (or no longer) valid.
pub async fn resolve(
    state: &AppState,
    headers: &HeaderMap,
    address: &str,
) -> Result<Option<Caller>, ()> {
    if let Some(auth) = headers.get(header::AUTHORIZATION) {
        let text = auth.to_str().map_err(|_| ())?;
        let (scheme, rest) = text.split_once(' ').ok_or(())?;
        if !scheme.eq_ignore_ascii_case("bearer") {
            return Err(());
        }
        let token = ApiToken::parse(rest).ok_or(())?;
        return match state
            .store
            .user_by_token(&token.hash(), Some(address))
            .await
        {
            Ok(Some((user, token_id))) => Ok(Some(Caller {
                user,
                via: Via::Token(token_id),
                address: Some(address.to_string()),
            })),
            Ok(None) => Err(()),
            Err(e) => {
                tracing::error!(error = %e, "token lookup failed");
                Err(())
            }
        };
    }
    let raw = cookie(headers, SECURE_SESSION_COOKIE).or_else(|| cookie(headers, SESSION_COOKIE));
    let Some(raw) = raw else {
        return Ok(None);
    };
    let id = SessionId::parse(&raw).ok_or(())?;
    let session = match state.store.session(&id.hash()).await {
        Ok(Some(s)) => s,
        Ok(None) => return Err(()),
        Err(e) => {
            tracing::error!(error = %e, "session lookup failed");
            return Err(());
        }
    };
    let now = state.store.now_utc();
    if !session_alive(&state.auth, &session, now) {
        return Err(());
    }
    // The idle clock restarts, at most once a minute per session (a write per page is waste).
    if now - session.last_seen_at > Duration::minutes(1)
        && let Err(e) = state.store.touch_session(session.id).await
    {
        tracing::warn!(error = %e, "cannot record a session's use");
    }
    Ok(Some(Caller {
        user: session.user,
        via: Via::Session {
            id: session.id,
            csrf: session.csrf_token,
        },
        address: Some(address.to_string()),
    }))
}

/// Whether a stored session may still be used at `now`: not ended, its account enabled,
/// within its absolute expiry and its idle limit.
pub fn session_alive(
    settings: &AuthSettings,
    session: &kansli_store::SessionInfo,
    now: DateTime<Utc>,
) -> bool {
    !session.ended
        && !session.user.disabled
        && now < session.expires_at
        && now - session.last_seen_at < settings.session_idle
}

/// The target of a request: its `{a}` and `{b}` path parameters.
fn target_of(params: &RawPathParams) -> Target {
    let mut target = Target::default();
    for (key, value) in params {
        match key {
            "a" | "authority" => target.authority = Some(value.to_string()),
            "b" | "body" => target.body = Some(value.to_string()),
            _ => {}
        }
    }
    target
}

/// The guard: resolves the caller, decides the route's access, checks CSRF for a session's
/// state-changing request, and hands the caller to the handler.
pub async fn guard(
    State((state, access, kind)): State<(AppState, Access, Kind)>,
    request: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = request.into_parts();
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let address = client_address(&state, &parts.headers, peer);
    let caller = resolve(&state, &parts.headers, &address).await;
    let target = match RawPathParams::from_request_parts(&mut parts, &state).await {
        Ok(params) => target_of(&params),
        Err(_) => Target::default(),
    };
    let grants: Option<&[Grant]> = match &caller {
        Ok(Some(c)) => Some(&c.user.grants),
        _ => None,
    };
    match access.decide(grants, &target) {
        Decision::Allowed => {}
        Decision::Unauthenticated => {
            return refuse(
                &state,
                kind,
                StatusCode::UNAUTHORIZED,
                &parts,
                caller.is_err(),
            );
        }
        Decision::Forbidden => {
            return refuse(&state, kind, StatusCode::FORBIDDEN, &parts, false);
        }
    }
    let caller = caller.ok().flatten();
    let mut body = body;
    // Public routes that change something (the login form) check their own token: a visitor
    // there has no session to hold one.
    if let Some(c) = &caller
        && let Via::Session { csrf, .. } = &c.via
        && !is_safe(&parts.method)
        && access != Access::Public
    {
        match check_csrf(&state, &parts, body, csrf).await {
            Ok(checked) => body = checked,
            Err(why) => {
                tracing::warn!(user = %c.user.email, why, "CSRF check refused a request");
                return match kind {
                    Kind::Api => Problem::new(StatusCode::FORBIDDEN, why).into_response(),
                    Kind::Page => super::pages::message_page(
                        StatusCode::FORBIDDEN,
                        "Formuläret kunde inte skickas",
                        "Formuläret var för gammalt eller kom från en annan webbplats. Ladda om sidan och försök igen.",
                    ),
                };
            }
        }
    }
    if let Some(c) = caller {
        parts.extensions.insert(c);
    }
    next.run(Request::from_parts(parts, body)).await
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Whether the request's `Origin`/`Sec-Fetch-Site` say it comes from Kansli's own pages (or
/// from no page at all: a typed address, a non-browser client).
pub fn same_origin(state: &AppState, headers: &HeaderMap) -> Result<(), &'static str> {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return Err("the request came from another site (Sec-Fetch-Site)");
    }
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let scheme = if is_https(state, headers) {
            "https"
        } else {
            "http"
        };
        let forwarded_host = state
            .auth
            .behind_proxy
            .then(|| {
                headers
                    .get("x-forwarded-host")
                    .and_then(|v| v.to_str().ok())
            })
            .flatten();
        let own = origin == format!("{scheme}://{host}")
            || forwarded_host.is_some_and(|h| origin == format!("{scheme}://{h}"))
            || state
                .auth
                .public_origin
                .as_deref()
                .is_some_and(|o| origin.eq_ignore_ascii_case(o));
        if !own {
            return Err("the request came from another origin (Origin)");
        }
    }
    Ok(())
}

/// Checks the origin and the synchronizer token; returns the body (read and put back when the
/// token was in a form).
async fn check_csrf(
    state: &AppState,
    parts: &axum::http::request::Parts,
    body: Body,
    expected: &str,
) -> Result<Body, &'static str> {
    same_origin(state, &parts.headers)?;
    let from_header = parts
        .headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let from_query = parts.uri.query().and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "csrf")
            .map(|(_, v)| v.into_owned())
    });
    if let Some(token) = from_header.or(from_query) {
        return if secrets_equal(&token, expected) {
            Ok(body)
        } else {
            Err("the CSRF token does not match the session")
        };
    }
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err("a CSRF token is required (X-CSRF-Token header or csrf field)");
    }
    let bytes = axum::body::to_bytes(body, FORM_LIMIT)
        .await
        .map_err(|_| "the form is too large")?;
    let token = form_urlencoded::parse(&bytes)
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.into_owned());
    match token {
        Some(token) if secrets_equal(&token, expected) => Ok(Body::from(bytes)),
        Some(_) => Err("the CSRF token does not match the session"),
        None => Err("the form has no CSRF token"),
    }
}

fn refuse(
    _state: &AppState,
    kind: Kind,
    status: StatusCode,
    parts: &axum::http::request::Parts,
    bad_credentials: bool,
) -> Response {
    match (kind, status) {
        (Kind::Api, StatusCode::UNAUTHORIZED) => Problem::new(
            status,
            if bad_credentials {
                "the credentials are not valid (unknown, revoked or expired token or session)"
            } else {
                "sign in: send Authorization: Bearer TOKEN (kansli token create)"
            },
        )
        .into_response(),
        (Kind::Api, _) => Problem::new(
            status,
            "your roles do not allow this operation on this authority or body",
        )
        .into_response(),
        (Kind::Page, StatusCode::UNAUTHORIZED) => {
            let back = if parts.method == Method::GET {
                parts.uri.path_and_query().map(|p| p.as_str().to_string())
            } else {
                None
            };
            login_required_page(back.as_deref(), bad_credentials)
        }
        (Kind::Page, _) => super::pages::message_page(
            StatusCode::FORBIDDEN,
            "Du saknar behörighet",
            "Ditt konto har inte någon roll som ger tillgång till den här sidan. Fråga en administratör om du behöver den.",
        ),
    }
}
