//! Kansli's domain: the types and rules of a Swedish municipal body's minutes, pure and free of I/O.
//!
//! Everything here is built by parsing (`Dnr::parse`, `ParagraphRange::parse`, …) at the edges of
//! the system; inside, the types are trusted. Nothing in this crate knows of databases, HTTP,
//! files or the clock: time comes in as a parameter.

pub mod dnr;
pub mod error;
pub mod law;
pub mod organisation;
pub mod paragraph;
pub mod protocol;
pub mod record;
pub mod redaction;
pub mod review;
pub mod text;
pub mod warnings;

pub use dnr::{Dnr, DnrFormat};
pub use error::CoreError;
pub use paragraph::{ParagraphNumber, ParagraphRange};
