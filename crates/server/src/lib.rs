//! Kansli's HTTP side: the public archive of minutes as Swedish HTML pages and as a JSON API.
//!
//! Handlers read from [`kansli_store::Store`]'s read models and never write SQL. Pages are
//! server-rendered with askama (templates in `templates/`), need no JavaScript and aim at WCAG
//! 2.1 AA; every page links its JSON twin under `/api/v1/`, which follows OParl 1.1 for names
//! and paging and is described by the OpenAPI document at `/api/v1/openapi.json`.
//!
//! URL map (slugs from `kansli_core::text::slug`):
//!
//! | page | JSON |
//! | --- | --- |
//! | `/` | `/api/v1/authorities` |
//! | `/{authority}` | `/api/v1/authorities/{a}` (+ `/bodies`) |
//! | `/{authority}/{body}?ar=2024` | `/api/v1/authorities/{a}/bodies/{b}` (+ `/meetings?year=`) |
//! | `/{authority}/{body}/{meeting}` | `…/meetings/{m}` |
//! | `/{authority}/{body}/{meeting}/paragraf/{n}` | `…/meetings/{m}/paragraphs/{n}` |
//! | `/{authority}/arenden/{dnr-key}` | `/api/v1/authorities/{a}/cases/{key}` |
//! | `/filer/{sha256}` (download) | `/api/v1/files/{sha256}` |
//! | `/sok?q=…` (search, on every page's header) | `/api/v1/search?q=…` |
//!
//! Every request is bounded ([`limits`]): a timeout and a body limit for all, and a rate per
//! client address and a number at once for search and document rendering; refusals are 400, 429
//! or 503 with a Swedish page or problem+json.

mod api;
mod assets;
mod documents;
mod error;
mod kallelse;
mod law;
pub mod limits;
pub mod mail;
mod notices;
pub mod page_cache;
mod pages;
pub mod paths;
mod render_cache;
pub mod search;
pub mod secretariat;
pub mod site;
mod text;
pub mod verification;

use std::any::Any;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, StatusCode, Uri, header};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Extension, Router};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub use api::API_PATHS;
pub use error::ServerError;
pub use limits::Limits;

/// Today's date, as the law engine needs it for a meeting's status.
pub type Today = Arc<dyn Fn() -> chrono::NaiveDate + Send + Sync>;

/// What every handler shares: the store and the clock (cheap to clone).
#[derive(Clone)]
pub struct AppState {
    /// Where the archive's data lives.
    pub store: kansli_store::Store,
    /// Today's date in Sweden; the system clock unless a test fixed it.
    pub today: Today,
    /// The search index (`None` when it cannot be opened: search is then off).
    pub search: Option<kansli_search::SearchIndex>,
    /// How accounts, sessions and sign-in behave.
    pub auth: Arc<secretariat::AuthSettings>,
    /// Where mail (the kallelse) is sent, when SMTP is configured.
    pub mail: Option<Arc<mail::MailSettings>>,
    /// The publishing authority's site: name, logo, accessibility, personal data, contact.
    pub site: Arc<site::Site>,
    /// Who signs justering for an account: the built-in Ed25519 signer (its secret in
    /// `<data-dir>/keys/`), or a kommun's e-signature service.
    pub signer: Arc<dyn kansli_signing::Signer>,
    /// The authority's seal on justerade PDFs (PAdES): given by configuration, else made at
    /// first use in `<data-dir>/keys/` (see [`AppState::seal`]).
    seal: Arc<std::sync::OnceLock<Result<Arc<kansli_signing::seal::Seal>, String>>>,
    /// The public read pages' responses, keyed by the database's generation and the day.
    pub pages: page_cache::PageCache,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("store", &self.store)
            .field("today", &(self.today)())
            .finish()
    }
}

impl AppState {
    /// The state for a store, with today's date from the system clock (Swedish local date).
    pub fn new(store: kansli_store::Store) -> AppState {
        AppState {
            search: search::open_index(&store),
            auth: Arc::new(secretariat::AuthSettings::default()),
            mail: None,
            site: Arc::new(site::Site::default()),
            signer: match kansli_signing::BuiltinSigner::load_or_create(
                &store.data_dir().join("keys"),
            ) {
                Ok(s) => Arc::new(s),
                Err(e) => {
                    tracing::error!(error = %e, "justering by signature is off");
                    Arc::new(kansli_signing::UnavailableSigner(e.to_string()))
                }
            },
            seal: Arc::new(std::sync::OnceLock::new()),
            pages: page_cache::PageCache::default(),
            store,
            today: Arc::new(|| {
                kansli_core::law::checks::swedish_local_date(chrono::DateTime::<chrono::Utc>::from(
                    std::time::SystemTime::now(),
                ))
            }),
        }
    }

    /// The same state with other account settings (demo accounts, SSO, session lifetimes).
    pub fn with_auth(mut self, auth: secretariat::AuthSettings) -> AppState {
        self.auth = Arc::new(auth);
        self
    }

    /// The same state sending mail through SMTP.
    pub fn with_mail(mut self, mail: mail::MailSettings) -> AppState {
        self.mail = Some(Arc::new(mail));
        self
    }

    /// The same state sealing justerade PDFs with a seal from configuration (a CA's
    /// certificate) instead of the installation's own.
    pub fn with_seal(mut self, seal: kansli_signing::seal::Seal) -> AppState {
        let cell = std::sync::OnceLock::new();
        let _ = cell.set(Ok(Arc::new(seal)));
        self.seal = Arc::new(cell);
        self
    }

    /// The seal justerade PDFs are signed with: the configured one, else the installation's
    /// own (`<data-dir>/keys/seal.p12`, made at the first call with a self-signed certificate
    /// named after the site's authority; making the RSA key takes about a second, so this
    /// blocks: call it from `spawn_blocking`). An error says why sealing is off.
    pub fn seal(&self) -> Result<Arc<kansli_signing::seal::Seal>, String> {
        self.seal
            .get_or_init(|| {
                let name = match &self.site.config.organisation.name {
                    Some(n) => format!("Justeringssigill, {n}"),
                    None => "Kansli justeringssigill".to_string(),
                };
                kansli_signing::seal::Seal::load_or_create(
                    &self.store.data_dir().join("keys"),
                    &name,
                )
                .map(Arc::new)
                .map_err(|e| {
                    tracing::error!(error = %e, "justerade PDFs cannot be sealed");
                    e.to_string()
                })
            })
            .clone()
    }

    /// The same state with the authority's site settings (from `site.toml`).
    pub fn with_site(mut self, site: site::Site) -> AppState {
        self.site = Arc::new(site);
        self
    }

    /// The same state with a fixed today, for tests and reproducible pages.
    pub fn with_today(mut self, day: chrono::NaiveDate) -> AppState {
        self.today = Arc::new(move || day);
        self
    }
}

/// The archive's routes: pages, original files, the JSON API and the stylesheet, with the
/// default [`Limits`].
pub fn router(state: AppState) -> Router {
    router_with_limits(state, Limits::default())
}

/// The archive's routes with the given limits (tests set small ones to see them act).
pub fn router_with_limits(state: AppState, limits: Limits) -> Router {
    let proxied = state.auth.behind_proxy;
    let search_guard = limits::Guard::with_proxy("search", limits.search, proxied);
    let render_guard = limits::Guard::with_proxy("render", limits.render, proxied);
    let searches = || from_fn_with_state(search_guard.clone(), limits::guard);
    let renders = || from_fn_with_state(render_guard.clone(), limits::guard);
    // The public read routes whose answers depend on nothing but the path, the site, the
    // database's content and the day (see `page_cache`).
    let cached = || from_fn_with_state(state.clone(), page_cache::cached);
    let api = Router::new()
        .route("/openapi.json", get(api::openapi))
        .route("/authorities", get(api::authorities))
        .route("/authorities/{a}", get(api::authority).layer(cached()))
        .route("/authorities/{a}/bodies", get(api::bodies))
        .route(
            "/authorities/{a}/bodies/{b}",
            get(api::body).layer(cached()),
        )
        .route("/authorities/{a}/bodies/{b}/meetings", get(api::meetings))
        .route(
            "/authorities/{a}/bodies/{b}/meetings/{m}",
            get(api::meeting).layer(cached()),
        )
        .route(
            "/authorities/{a}/bodies/{b}/meetings/{m}/paragraphs/{n}",
            get(api::paragraph).layer(cached()),
        )
        .route("/authorities/{a}/cases/{key}", get(api::case))
        .route(search::API_PATH, get(search::api).layer(searches()))
        .route("/files/{sha256}", get(api::file))
        .route(documents::API_PATH, get(documents::api).layer(renders()))
        .fallback(api::not_found);

    let (site, api) = secretariat::add_routes(Router::new(), api, &state, &render_guard);
    // The read API is open data: any site may fetch it. Only GET and HEAD, and never with
    // credentials (no cookies, no Authorization allowed across origins), so the secretariat's
    // operations stay closed to other sites.
    let api = api.layer(
        tower_http::cors::CorsLayer::new()
            .allow_origin(tower_http::cors::Any)
            .allow_methods([axum::http::Method::GET, axum::http::Method::HEAD]),
    );
    site.route("/", get(pages::start).layer(cached()))
        .route(assets::CSS_PATH, get(assets::stylesheet))
        .route("/favicon.svg", get(assets::favicon))
        .route("/static/recording.js", get(assets::recording_script))
        .route("/robots.txt", get(assets::robots))
        .route("/sitemap.xml", get(site::sitemap))
        .route(site::LOGO_PATH, get(site::logo))
        .route(site::ACCESSIBILITY_PATH, get(site::accessibility))
        .route(
            site::VERIFY_PATH,
            get(site::verify_form)
                // A check may render the archive's copy again: it takes a slot of the renders.
                .post(axum::handler::Handler::layer(
                    site::verify_upload,
                    renders(),
                ))
                // Minutes are larger than a form: their own limit.
                .layer(DefaultBodyLimit::max(64 * 1024 * 1024)),
        )
        .route(site::PRIVACY_PATH, get(site::privacy))
        .route(site::CONTACT_PATH, get(site::contact))
        .route("/filer/{sha256}", get(pages::download))
        .route(search::PAGE_PATH, get(search::page).layer(searches()))
        .route("/{authority}", get(pages::authority).layer(cached()))
        .route("/{authority}/{body}", get(pages::body).layer(cached()))
        .route("/anslagstavla", get(notices::boards))
        .route("/{authority}/anslagstavla", get(notices::page))
        .route("/{authority}/anslagstavla/overklaga", get(notices::appeal))
        .route("/{authority}/arenden", get(pages::case_lookup))
        .route("/{authority}/arenden/{key}", get(pages::case))
        .route(
            "/{authority}/{body}/{meeting}",
            get(pages::meeting).layer(cached()),
        )
        .route(
            "/{authority}/{body}/{meeting}/paragraf/{n}",
            get(pages::paragraph).layer(cached()),
        )
        .route(documents::PAGE_PATH, get(documents::page).layer(renders()))
        .route(kallelse::DOCUMENT_PATH, get(kallelse::document))
        .nest(paths::api::ROOT, api)
        // `/api` and `/api/anything-else` answer in JSON too, not with an HTML page.
        .route("/api", get(api::not_found))
        .route("/api/{*rest}", get(api::not_found))
        .fallback(fallback)
        .layer(Extension(render_cache::RenderCache::default()))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(DefaultBodyLimit::max(limits.max_body))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            limits.timeout,
        ))
        .layer(from_fn(limits::explain))
        // Outside `explain`, so that its error pages too carry the authority's name.
        .layer(from_fn_with_state(state.clone(), site::scope))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'none'; style-src 'self'; img-src 'self' data:; \
                 base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            ),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ))
        .with_state(state)
}

/// Runs the server on `listener` until Ctrl-C or SIGTERM, then lets open requests finish.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> Result<(), ServerError> {
    if let Ok(addr) = listener.local_addr() {
        tracing::info!(%addr, "serving the archive");
    }
    search::start_catch_up(&state).await;
    mail::start_sender(&state);
    notices::start_posting(&state);
    limits::watch_memory();
    // The peer address is what the rate limits count per client, and what the guard gives
    // login throttling and the audit log.
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

/// Unknown addresses: `/x/` redirects to `/x`; anything else is the Swedish 404 page.
async fn fallback(uri: Uri) -> Response {
    let path = uri.path();
    if path.len() > 1 && path.ends_with('/') {
        let trimmed = path.trim_end_matches('/');
        let target = match uri.query() {
            Some(q) => format!("{trimmed}?{q}"),
            None => trimmed.to_string(),
        };
        // Only a local path: `//evil.example` must not become an open redirect.
        if trimmed.starts_with('/') && !trimmed.starts_with("//") {
            return Redirect::permanent(&target).into_response();
        }
    }
    error::PageError(error::Failure::not_found("Sidan du söker", "no such page")).into_response()
}

/// A panicking handler is logged and answered 500 in plain text, which [`limits::explain`]
/// (outermost, where the path is known) turns into the Swedish page, or problem+json for the
/// API: this layer only sees the panic, not the request.
pub fn panic_response(err: Box<dyn Any + Send + 'static>) -> Response {
    let detail = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(panic = detail, "a handler panicked");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "internal server error",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    use super::*;

    async fn boom() -> &'static str {
        panic!("boom")
    }

    /// The layers as `router_with_limits` stacks them, around a handler that panics.
    fn panicking() -> Router {
        Router::new()
            .route("/api/v1/boom", get(boom))
            .route("/sida", get(boom))
            .layer(CatchPanicLayer::custom(panic_response))
            .layer(from_fn(limits::explain))
    }

    async fn call(path: &str) -> (String, String) {
        let r = panicking()
            .oneshot(Request::get(path).body(Body::empty()).expect("request"))
            .await
            .expect("answered");
        assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let ct = r
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let body = axum::body::to_bytes(r.into_body(), 1 << 20)
            .await
            .expect("body");
        (ct, String::from_utf8_lossy(&body).into_owned())
    }

    #[tokio::test]
    async fn a_panic_in_the_api_is_problem_json_and_on_a_page_the_swedish_page() {
        let (ct, body) = call("/api/v1/boom").await;
        assert_eq!(ct, "application/problem+json");
        let v: serde_json::Value = serde_json::from_str(&body).expect("JSON");
        assert_eq!(v["status"], 500);
        assert_eq!(v["detail"], "internal server error");
        let (ct, body) = call("/sida").await;
        assert!(ct.starts_with("text/html"), "{ct}");
        assert!(body.contains("Ett fel uppstod"), "{body}");
    }
}
