//! Errors of the server, and the one place where they become HTTP responses.
//!
//! Policy: a handler fails with a [`Failure`], which says what went wrong in Swedish (for the
//! page) and in English (for the API). [`PageError`] renders it as a Swedish HTML page,
//! [`ApiError`] as RFC 9457 problem details (`application/problem+json`: `type`, `title`,
//! `status`, `detail`, plus the older `error` member with the same text); both with the right
//! status. Store and template errors are
//! logged in full and shown only as "internal error": a visitor learns what was not found, never
//! how the server is built. [`ServerError`] is what `serve` itself can fail with.

use askama::Template;
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use kansli_store::StoreError;

use crate::pages::{ErrorPage, Layout};

/// Why the server could not run.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// Accepting connections failed.
    #[error("the HTTP server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Why a request could not be answered.
#[derive(Debug)]
pub enum Failure {
    /// Nothing at this address: what was looked for, in Swedish and in English.
    NotFound {
        /// "Sammanträdet 2024-03-05 i Direktionen"
        sv: String,
        /// "meeting 2024-03-05 of direktionen"
        en: String,
    },
    /// The address or its query is malformed.
    BadRequest {
        /// In Swedish.
        sv: String,
        /// In English.
        en: String,
    },
    /// Something broke on our side (database, template); the cause is logged where it arose.
    Internal,
}

impl Failure {
    /// A 404 naming what was looked for.
    pub fn not_found(sv: impl Into<String>, en: impl Into<String>) -> Failure {
        Failure::NotFound {
            sv: sv.into(),
            en: en.into(),
        }
    }

    /// A 400 saying what was wrong.
    pub fn bad_request(sv: impl Into<String>, en: impl Into<String>) -> Failure {
        Failure::BadRequest {
            sv: sv.into(),
            en: en.into(),
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            Failure::NotFound { .. } => StatusCode::NOT_FOUND,
            Failure::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Failure::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        tracing::error!(error = %e, "store error");
        Failure::Internal
    }
}

impl From<askama::Error> for Failure {
    fn from(e: askama::Error) -> Self {
        tracing::error!(error = %e, "template error");
        Failure::Internal
    }
}

impl From<serde_json::Error> for Failure {
    fn from(e: serde_json::Error) -> Self {
        tracing::error!(error = %e, "JSON error");
        Failure::Internal
    }
}

/// A failure answered with a Swedish HTML page.
#[derive(Debug)]
pub struct PageError(pub Failure);

impl<E: Into<Failure>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let (heading, message) = match &self.0 {
            Failure::NotFound { sv, .. } => (
                "Sidan finns inte",
                format!(
                    "{sv} finns inte i arkivet. Kontrollera adressen, eller börja om från startsidan."
                ),
            ),
            Failure::BadRequest { sv, .. } => (
                "Felaktig adress",
                format!("{sv} Kontrollera adressen, eller börja om från startsidan."),
            ),
            Failure::Internal => (
                "Ett fel uppstod",
                "Något gick fel hos oss när sidan skulle visas. Försök igen om en stund."
                    .to_string(),
            ),
        };
        error_page(status, heading, &message)
    }
}

/// Renders the Swedish error page; falls back to plain text should the template itself fail.
pub fn error_page(status: StatusCode, heading: &str, message: &str) -> Response {
    let page = ErrorPage {
        layout: Layout::new(
            format!("{heading} ({})", status.as_u16()),
            vec![("Startsida".to_string(), Some(crate::paths::start()))],
            None,
        ),
        heading: heading.to_string(),
        message: message.to_string(),
        status: status.as_u16(),
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "error page template failed");
            (status, format!("{heading}. {message}")).into_response()
        }
    }
}

/// A problem details answer (RFC 9457) in English: `type` is `about:blank`, so `title` is the
/// status's reason phrase; `detail` says what happened; `error` repeats it for clients of the
/// first API version.
pub fn problem(status: StatusCode, detail: &str) -> Response {
    let body = serde_json::json!({
        "type": "about:blank",
        "title": status.canonical_reason().unwrap_or("Error"),
        "status": status.as_u16(),
        "detail": detail,
        "error": detail,
    });
    let mut response = (status, Json(body)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A failure answered with problem details in English (see [`problem`]).
#[derive(Debug)]
pub struct ApiError(pub Failure);

impl<E: Into<Failure>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let message = match &self.0 {
            Failure::NotFound { en, .. } => format!("not found: {en}"),
            Failure::BadRequest { en, .. } => format!("bad request: {en}"),
            Failure::Internal => "internal server error".to_string(),
        };
        problem(status, &message)
    }
}

/// `Path`, with a malformed segment (bad UTF-8, a type that does not parse) answered by the
/// Swedish 400 page instead of axum's plain-text rejection.
#[derive(Debug)]
pub struct PagePath<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for PagePath<T>
where
    S: Send + Sync,
    T: serde::de::DeserializeOwned + Send,
{
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(PagePath(v)),
            Err(e) => Err(PageError(Failure::bad_request(
                "Adressen innehåller tecken som inte kan läsas.",
                e.body_text(),
            ))),
        }
    }
}

/// `Path` for the API: a malformed segment is a JSON 400.
#[derive(Debug)]
pub struct ApiPath<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for ApiPath<T>
where
    S: Send + Sync,
    T: serde::de::DeserializeOwned + Send,
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(ApiPath(v)),
            Err(e) => Err(ApiError(Failure::bad_request(
                "ogiltig adress",
                e.body_text(),
            ))),
        }
    }
}
