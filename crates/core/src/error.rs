//! Errors of the domain: raised when raw input cannot become a domain value.
//!
//! Policy: every variant names the value that was wrong, so the edge that reports it (CLI, web,
//! importer) can tell the user exactly what to fix. No variant wraps an I/O or database error.

/// Why a raw value could not be parsed into a domain type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CoreError {
    /// The text is not a diarienummer in any form Kansli knows.
    #[error("not a diarienummer: {0:?}")]
    InvalidDnr(String),
    /// A diarienummer pattern that cannot print numbers Kansli reads back.
    #[error(
        "not a diarienummer pattern: {0:?} (use {{series}}, {{year}} and {{number}}, e.g. \"{{series}} {{year}}/{{number}}\")"
    )]
    InvalidDnrFormat(String),
    /// The text is not a paragraph number or range.
    #[error("not a paragraph range: {0:?}")]
    InvalidParagraphRange(String),
    /// A field of a reading a person corrects cannot take this value, or does not exist.
    #[error("{field}: {reason}")]
    InvalidField {
        /// The field's path (`notice.posted`, `items.12.title`).
        field: String,
        /// Why, in English.
        reason: String,
    },
    /// A lifecycle step that the law or the minutes' state does not allow.
    #[error("not allowed: {0}")]
    NotAllowed(String),
}
