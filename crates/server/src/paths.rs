//! Every URL the archive publishes, built in one place so pages, the API and tests agree.
//!
//! Slugs come from the store (made with `kansli_core::text::slug`, ASCII already); case keys and
//! anything else that may hold other characters are percent-encoded here.

use crate::text::encode_segment;

/// The start page.
pub fn start() -> String {
    "/".to_string()
}

/// An authority's page: `/lomma-kommun`.
pub fn authority(a: &str) -> String {
    format!("/{}", encode_segment(a))
}

/// A body's page: `/lomma-kommun/kommunfullmaktige`.
pub fn body(a: &str, b: &str) -> String {
    format!("{}/{}", authority(a), encode_segment(b))
}

/// A body's page for one year: `/lomma-kommun/kommunfullmaktige?ar=2024`.
pub fn body_year(a: &str, b: &str, year: i32) -> String {
    format!("{}?ar={year}", body(a, b))
}

/// A meeting's minutes: `/kommunalforbundet-itsam/direktionen/2024-03-05`.
pub fn meeting(a: &str, b: &str, m: &str) -> String {
    format!("{}/{}", body(a, b), encode_segment(m))
}

/// One paragraph at its own URL: `…/2024-03-05/paragraf/3`.
pub fn paragraph(a: &str, b: &str, m: &str, n: i64) -> String {
    format!("{}/paragraf/{n}", meeting(a, b, m))
}

/// A case: `/kommunalforbundet-itsam/arenden/ITSAM-2024-25`.
pub fn case(a: &str, key: &str) -> String {
    format!("{}/arenden/{}", authority(a), encode_segment(key))
}

/// An original file's download: `/filer/<sha256>`.
pub fn file(sha256: &str) -> String {
    format!("/filer/{}", encode_segment(sha256))
}

/// The JSON API's URLs, mirroring the pages.
pub mod api {
    use crate::text::encode_segment;

    /// The API's root.
    pub const ROOT: &str = "/api/v1";

    /// All authorities.
    pub fn authorities() -> String {
        format!("{ROOT}/authorities")
    }

    /// One authority.
    pub fn authority(a: &str) -> String {
        format!("{}/{}", authorities(), encode_segment(a))
    }

    /// An authority's bodies.
    pub fn bodies(a: &str) -> String {
        format!("{}/bodies", authority(a))
    }

    /// One body.
    pub fn body(a: &str, b: &str) -> String {
        format!("{}/{}", bodies(a), encode_segment(b))
    }

    /// A body's meetings (of one year, when given).
    pub fn meetings(a: &str, b: &str) -> String {
        format!("{}/meetings", body(a, b))
    }

    /// One meeting's full minutes.
    pub fn meeting(a: &str, b: &str, m: &str) -> String {
        format!("{}/{}", meetings(a, b), encode_segment(m))
    }

    /// One paragraph.
    pub fn paragraph(a: &str, b: &str, m: &str, n: i64) -> String {
        format!("{}/paragraphs/{n}", meeting(a, b, m))
    }

    /// One case.
    pub fn case(a: &str, key: &str) -> String {
        format!("{}/cases/{}", authority(a), encode_segment(key))
    }

    /// An original file's metadata.
    pub fn file(sha256: &str) -> String {
        format!("{ROOT}/files/{}", encode_segment(sha256))
    }

    /// The OpenAPI document.
    pub fn openapi() -> String {
        format!("{ROOT}/openapi.json")
    }
}
