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
pub fn read_bytes(bytes: &[u8]) -> Result<Reading, ImportError> {
    let extracted = extract_text(bytes)?;
    read_text(&extracted.text)
}
