//! Errors of the secretariat's API as `application/problem+json` (RFC 9457), in English,
//! naming the field or rule that was wrong; a refusal a person meets in the web UI also
//! carries its Swedish wording (never sent in the API's body).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kansli_store::StoreError;
use serde_json::json;

/// A problem to answer with.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The status.
    pub status: StatusCode,
    /// What was wrong, for a person reading the response.
    pub detail: String,
    /// Extra members (`version` of a 409).
    pub extra: Option<serde_json::Value>,
    /// The same in Swedish, for the web UI's pages (the API answers in English only).
    pub swedish: Option<String>,
}

impl Problem {
    /// A problem with a status and a detail.
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Problem {
        Problem {
            status,
            detail: detail.into(),
            extra: None,
            swedish: None,
        }
    }

    /// The problem with its Swedish wording for the web UI.
    pub fn in_swedish(mut self, text: impl Into<String>) -> Problem {
        self.swedish = Some(text.into());
        self
    }

    /// 400: the request is malformed.
    pub fn bad_request(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::BAD_REQUEST, detail)
    }

    /// 404.
    pub fn not_found(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::NOT_FOUND, detail)
    }

    /// 422: well-formed, refused by a rule.
    pub fn unprocessable(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::UNPROCESSABLE_ENTITY, detail)
    }

    /// 422: the text at `field` holds `c`, a character no typed text may hold
    /// ([`kansli_core::text::forbidden_char`]).
    pub fn forbidden_char(field: &str, c: char) -> Problem {
        Problem::unprocessable(format!(
            "{field}: holds the character U+{:04X}, a control or bidirectional formatting character that text may not hold",
            u32::from(c)
        ))
    }
}

impl From<StoreError> for Problem {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Refused(detail) | StoreError::Conflict(detail) => {
                Problem::new(StatusCode::CONFLICT, detail)
            }
            // What the request asks for does not fit what is stored (a case that is not in
            // the diarium, a document of another case): refused by a rule.
            StoreError::Invalid(detail) => Problem::unprocessable(detail),
            StoreError::Stale { what, current } => Problem {
                status: StatusCode::CONFLICT,
                detail: format!("{what} was changed by someone else: read it again"),
                extra: Some(json!({ "version": current })),
                swedish: None,
            },
            other => {
                tracing::error!(error = %other, "store error");
                Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal server error")
            }
        }
    }
}

impl From<kansli_auth::AuthError> for Problem {
    fn from(e: kansli_auth::AuthError) -> Self {
        match e {
            kansli_auth::AuthError::Hash(_)
            | kansli_auth::AuthError::StoredHash(_)
            | kansli_auth::AuthError::Random(_) => {
                tracing::error!(error = %e, "account error");
                Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal server error")
            }
            other => Problem::unprocessable(other.to_string()),
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let title = self
            .status
            .canonical_reason()
            .unwrap_or("Error")
            .to_string();
        let mut body = json!({
            "type": "about:blank",
            "title": title,
            "status": self.status.as_u16(),
            "detail": self.detail,
        });
        if let (Some(extra), Some(map)) = (self.extra, body.as_object_mut())
            && let Some(more) = extra.as_object()
        {
            for (k, v) in more {
                map.insert(k.clone(), v.clone());
            }
        }
        let mut response = (self.status, body.to_string()).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"kansli\""),
            );
        }
        response
    }
}
