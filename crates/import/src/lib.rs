//! Reading minutes in: bytes → text (plain UTF-8 or PDF, detected by content) → `ParsedProtocol`.
//!
//! `extract` turns a file's bytes into text and refuses what is not text at all; `parse` finds
//! the structure of the minutes in that text and returns it with warnings. Neither panics on
//! any input.

pub mod error;
pub mod extract;
pub mod parse;
pub mod review;

pub use error::ImportError;
pub use extract::{ExtractedText, SourceKind, extract_text};
pub use parse::{Confidence, Reading, parse_text, read_text};
pub use review::unread_key_fields;

use kansli_core::protocol::ParsedProtocol;

/// Reads one protocol from a file's bytes: extracts its text and parses it.
pub fn parse_bytes(bytes: &[u8]) -> Result<ParsedProtocol, ImportError> {
    read_bytes(bytes).map(|r| r.protocol)
}

/// Reads one protocol from a file's bytes, with the parser's confidence in each field.
///
/// What the extraction did that a reader should know — an 8-bit encoding guessed (Windows-1252,
/// code page 850, Mac OS Roman), quoted-printable decoded, the fallback PDF extractor used, pages that could
/// not be read — leads the protocol's warnings, so `kansli parse`, the import's summary and the
/// review page show it beside the parser's own.
pub fn read_bytes(bytes: &[u8]) -> Result<Reading, ImportError> {
    let extracted = extract_text(bytes)?;
    let mut reading = read_text(&extracted.text)?;
    if !extracted.warnings.is_empty() {
        let mut warnings = extracted.warnings;
        warnings.append(&mut reading.protocol.warnings);
        reading.protocol.warnings = warnings;
    }
    Ok(reading)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extractions_warnings_lead_the_protocols() {
        // case 142: a DOS word processor's file in code page 850, no UTF-8
        let bytes = include_bytes!(
            "../tests/cases/142-dos-text-1992-code-page-850-swedish-letters-and-crlf.txt"
        );
        let reading = read_bytes(bytes).expect("read");
        assert_eq!(
            reading.protocol.warnings.first().map(String::as_str),
            Some("the file is not UTF-8; it was read as code page 850 (DOS)"),
            "{:?}",
            reading.protocol.warnings
        );
    }
}
