//! The protocol parser: finds the structure of minutes in their text.

use kansli_core::protocol::ParsedProtocol;

use crate::ImportError;

/// Parses the text of one protocol.
pub fn parse_text(_text: &str) -> Result<ParsedProtocol, ImportError> {
    Err(ImportError::NotMinutes("parser not written yet".into()))
}
