//! HTML: the same document for the web, semantic and printable, self-contained (inline CSS),
//! escaped by askama.

use askama::Template;

use crate::RenderError;
use crate::model::Document;

#[derive(Template)]
#[template(path = "document.html")]
struct Page<'a> {
    d: &'a Document,
}

/// The document as one HTML page.
pub(crate) fn html(d: &Document) -> Result<String, RenderError> {
    Page { d }
        .render()
        .map_err(|e| RenderError::Html(e.to_string()))
}
