//! Why a file could not be read as minutes.
//!
//! Policy: only input that is not minutes at all is an error; anything readable comes back as a
//! `ParsedProtocol` with warnings. Messages are English one-liners meant to follow a file name
//! ("FILE: the PDF is encrypted").

/// Why a file could not be read as minutes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The file has no bytes, or only whitespace.
    #[error("the file is empty")]
    Empty,
    /// The bytes are neither UTF-8 text nor a PDF.
    #[error("not a text file or a PDF (binary data)")]
    Binary,
    /// A PDF that cannot be opened (truncated, damaged).
    #[error("the PDF is damaged: {0}")]
    PdfDamaged(String),
    /// A PDF that needs a password.
    #[error("the PDF is encrypted; Kansli cannot read its text")]
    PdfEncrypted,
    /// A PDF with no extractable text (a scan, or only images).
    #[error("the PDF has no text (a scanned document needs OCR first)")]
    PdfNoText,
    /// The text is readable but is not minutes; the message says what is missing.
    #[error("not minutes: {0}")]
    NotMinutes(String),
}
