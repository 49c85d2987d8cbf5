//! Kansli's documents: minutes, protokollsutdrag, kallelse and anslag rendered as PDF/A, HTML and text.
//!
//! One document model ([`Document`], built from a [`ParsedProtocol`] by [`Document::build`]) is
//! written out three ways: PDF through Typst embedded as a library ([`typeset`], one template,
//! fonts bundled in the binary, PDF/A-2 with PDF/UA-1 tagging), HTML through askama (semantic,
//! printable, self-contained) and plain text in the same order (what the golden tests compare).
//!
//! Error policy: [`RenderError`] says in one English line what was wrong with the request (an
//! unknown paragraph for an extract) or which stage failed (Typst's diagnostics, joined); it
//! never panics on a protocol, whatever it holds.

use chrono::NaiveDate;
use kansli_core::protocol::ParsedProtocol;

mod html;
pub mod model;
mod text;
pub mod typeset;

pub use model::{Block, Document, DocumentKind, KALLELSE_LAYOUT, PUBLICATION_COPY};

/// What went wrong while rendering.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The request names paragraphs the protocol does not have, or none at all.
    #[error("{0}")]
    Request(String),
    /// Typst refused the document (the template or a PDF standard's rule).
    #[error("typesetting failed: {0}")]
    Typeset(String),
    /// The HTML template failed.
    #[error("HTML rendering failed: {0}")]
    Html(String),
}

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// PDF/A-2 (tagged, PDF/UA-1 where Typst allows).
    Pdf,
    /// Self-contained HTML with inline CSS.
    Html,
    /// Plain UTF-8 text.
    Txt,
}

impl Format {
    /// Parses "pdf", "html" or "txt" (also "text", "htm").
    pub fn parse(raw: &str) -> Option<Format> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "pdf" => Some(Format::Pdf),
            "html" | "htm" => Some(Format::Html),
            "txt" | "text" => Some(Format::Txt),
            _ => None,
        }
    }

    /// The MIME type to serve it with.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Pdf => "application/pdf",
            Format::Html => "text/html; charset=utf-8",
            Format::Txt => "text/plain; charset=utf-8",
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Txt => "txt",
        }
    }
}

/// What the renderer needs besides the protocol.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// Where the minutes are kept ("Itsam", "Kommunhuset"), when the protocol does not say.
    pub kept_at: Option<String>,
    /// The day the document is made (printed on a kallelse or an anslag); never read from a clock
    /// here.
    pub today: Option<NaiveDate>,
    /// For justerade minutes signed in Kansli: the SHA-256 of the record's canonical content
    /// the signatures bind; the protocol then ends with a signature page (each signer, the
    /// time in UTC, this fingerprint).
    pub content_sha256: Option<String>,
    /// The moment of rendering (from the caller's clock): the PDF's creation date. Without
    /// it the PDF is dated the meeting day, so the same input gives the same bytes.
    pub rendered_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The kind of the authority, when the caller knows it (a configured authority); otherwise
    /// it is guessed from the authority's name. It chooses the anslag's wording.
    pub authority_kind: Option<kansli_core::organisation::AuthorityKind>,
    /// Who certifies a protokollsutdrag, and when: its "Utdragsbestyrkande" then names them
    /// instead of leaving lines to sign on paper.
    pub certification: Option<Certification>,
    /// For the publication copy of minutes justerade in Kansli whose sealed original is
    /// withheld (something in it is masked): the meeting, `authority/body/meeting`. It becomes
    /// the PDF's description (`/Subject`), by which the check of a protocol finds the meeting
    /// and renders the copy again to compare.
    pub publication_of: Option<String>,
    /// Rättelser made after the justering (each its own document, the minutes unchanged): a
    /// protokollsutdrag prints, after each paragraph it extracts, those that name that
    /// paragraph or none.
    pub rattelser: Vec<RattelseNote>,
    /// Minutes not yet justerade (a draft being recorded, or released and waiting for its
    /// signatures): every page says so, and the ANSLAG/BEVIS box says the notice goes up
    /// once they are justerade instead of claiming a justering (8 kap. 12 § kommunallagen).
    pub not_justerad: bool,
}

/// A rättelse as a protokollsutdrag prints it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RattelseNote {
    /// The paragraph it corrects; none for one that concerns the whole minutes.
    pub paragraph: Option<u32>,
    /// The day it was made (ISO date).
    pub made_on: String,
    /// What is corrected and how.
    pub text: String,
}

/// The certification of a protokollsutdrag ("Utdragsbestyrkande"): that the extract agrees with
/// the original minutes, by whom and on which day.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Certification {
    /// Who certifies: "Eva Sekreterare, sekreterare".
    pub by: String,
    /// The day, `YYYY-MM-DD`.
    pub on: String,
    /// Where ("Linköping"), when known.
    pub place: Option<String>,
}

/// Renders one document of a protocol in one format.
pub fn render(
    protocol: &ParsedProtocol,
    kind: &DocumentKind,
    format: Format,
    options: &RenderOptions,
) -> Result<Vec<u8>, RenderError> {
    let document = Document::build(protocol, kind, options)?;
    render_document(&document, format)
}

/// Writes an already built document in one format.
pub fn render_document(document: &Document, format: Format) -> Result<Vec<u8>, RenderError> {
    match format {
        Format::Pdf => typeset::pdf(document),
        Format::Html => html::html(document).map(String::into_bytes),
        Format::Txt => Ok(text::text(document).into_bytes()),
    }
}

/// A file name for the document, naming the authority when it is known:
/// `lomma-kommun-kommunfullmaktige-2024-09-26-protokoll.pdf`, else
/// `direktionen-2024-03-05-protokoll.pdf`.
pub fn file_name(document: &Document, format: Format) -> String {
    let authority = document
        .authority
        .as_deref()
        .map(kansli_core::text::slug)
        .filter(|s| !s.is_empty())
        .map(|s| format!("{s}-"))
        .unwrap_or_default();
    format!(
        "{authority}{}-{}-{}.{}",
        kansli_core::text::slug(&document.body),
        document.date,
        document.kind_slug,
        format.extension()
    )
}
