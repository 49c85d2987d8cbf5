//! The search crate's errors.
//!
//! Policy: each variant says in English what failed and where (the index directory, the
//! database read), so the CLI prints one line and the server logs it; tantivy's and the store's
//! errors are wrapped with the operation, never passed on bare. A query that finds nothing is not
//! an error, and neither is a query the parser cannot read: it is searched as plain words. A query
//! over the bounds of [`crate::limits`] (too long, too many words, paged too deep) is refused
//! with [`SearchError::Refused`] before anything is searched.

use std::path::PathBuf;

/// Why a search operation failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The index (or its directory) could not be opened, created, read or written.
    #[error("search index at {path}: cannot {action}: {source}")]
    Index {
        /// The index directory.
        path: PathBuf,
        /// What was being done ("open", "commit" …).
        action: &'static str,
        /// tantivy's error.
        source: tantivy::TantivyError,
    },
    /// A file operation on the index directory failed (creating, swapping after a rebuild).
    #[error("search index at {path}: cannot {action}: {source}")]
    Io {
        /// The path concerned.
        path: PathBuf,
        /// What was being done.
        action: &'static str,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Reading the documents or the change log from the database failed.
    #[error("reading the archive for the search index: {0}")]
    Store(#[from] kansli_store::StoreError),
    /// Searching failed inside tantivy.
    #[error("search failed: {0}")]
    Search(tantivy::TantivyError),
    /// The request is over one of the bounds of [`crate::limits`]; nothing was searched.
    #[error("search refused: {0}")]
    Refused(#[from] crate::limits::Refusal),
    /// A background indexing task died.
    #[error("the indexing task failed: {0}")]
    Task(String),
}
