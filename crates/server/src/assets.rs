//! The one stylesheet, compiled into the binary and served with a long cache lifetime.
//!
//! Its URL carries a hash of its content (`/static/kansli.css?v=…`), so a new release is
//! fetched at once while browsers keep the old one for a year otherwise.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// The stylesheet.
pub const CSS: &str = include_str!("../static/kansli.css");

/// FNV-1a over the stylesheet, computed at compile time.
const CSS_HASH: u64 = fnv1a(CSS.as_bytes());

const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    hash
}

/// The stylesheet's path.
pub const CSS_PATH: &str = "/static/kansli.css";

/// The stylesheet's URL with its content hash, for `<link rel="stylesheet">`.
pub fn css_url() -> String {
    format!("{CSS_PATH}?v={CSS_HASH:016x}")
}

/// Serves the stylesheet.
pub async fn stylesheet() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        CSS,
    )
        .into_response()
}

/// A small SVG icon (a § in a square), so browsers asking for one get an answer.
pub const FAVICON: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b3a60"/><text x="16" y="23" font-family="Georgia,serif" font-size="20" text-anchor="middle" fill="#fff">§</text></svg>"##;

/// Serves the icon.
pub async fn favicon() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("image/svg+xml"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            ),
        ],
        FAVICON,
    )
        .into_response()
}

/// `robots.txt`: the archive is for everyone to find; the secretariat's pages, the login and the
/// search result pages (endless combinations of queries) are not for crawlers.
pub async fn robots() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            ),
        ],
        format!(
            "User-agent: *\nDisallow: /kansli\nDisallow: /logga-in\nDisallow: /logga-ut\n\
             Disallow: /sok\nDisallow: /api/v1/search\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
            crate::site::current().origin
        ),
    )
        .into_response()
}

/// The recording page's script (keyboard, autosave, offline queue, live changes); the page
/// works without it.
pub const RECORDING_JS: &str = include_str!("../static/recording.js");

/// Serves the recording page's script; revalidated on each load, so a new release is used at
/// once (it is small, and only the secretariat loads it).
pub async fn recording_script() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/javascript; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        RECORDING_JS,
    )
        .into_response()
}
