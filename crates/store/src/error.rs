//! The store's errors.
//!
//! Policy: every variant says in English what failed and on what (a path, a table, a key), so
//! the CLI can print it as one line and the server can log it; database errors are always
//! wrapped with the operation that failed, never passed on bare. "Not found" is not an error:
//! read functions return `Ok(None)` for it.

use std::path::PathBuf;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The data directory (or one of its folders) could not be created or used.
    #[error("cannot use the data directory {path}: {source}")]
    DataDir {
        /// The directory.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// The database URL names a backend Kansli does not support.
    #[error("unsupported database URL {0:?}: use sqlite://PATH or postgres://…")]
    UnsupportedDatabase(String),
    /// The database could not be opened: unreadable, locked, corrupt, or not a database; the
    /// server unreachable, the credentials wrong, or the database missing.
    #[error("cannot open the database {url}: {source}{hint}")]
    Open {
        /// The database URL, with any password removed.
        url: String,
        /// The driver's error.
        source: sqlx::Error,
        /// What to do about it, starting with "; " (empty when there is nothing to say).
        hint: String,
    },
    /// A schema migration failed; the transaction was rolled back, the version is not recorded.
    #[error("migration {version} ({name}) failed: {source}")]
    Migration {
        /// The migration's version.
        version: i64,
        /// The migration's name.
        name: &'static str,
        /// The driver's error.
        source: sqlx::Error,
    },
    /// The database holds a schema newer than this program knows.
    #[error(
        "the database has schema version {found}, newer than this program's {known}: upgrade Kansli"
    )]
    SchemaTooNew {
        /// The newest version recorded in the database.
        found: i64,
        /// The newest version this program knows.
        known: i64,
    },
    /// A query failed.
    #[error("database error while {context}: {source}")]
    Database {
        /// What the store was doing ("storing the paragraphs of minutes 12").
        context: String,
        /// The driver's error.
        source: sqlx::Error,
    },
    /// A query of the import's SQLite connection failed (`crate::conn`).
    #[error("database error while {context}: {source}")]
    Sqlite {
        /// What the store was doing.
        context: String,
        /// The driver's error.
        source: rusqlite::Error,
    },
    /// A stored file could not be written or read.
    #[error("cannot {action} the stored file {path}: {source}")]
    File {
        /// "write", "read".
        action: &'static str,
        /// The file's path.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// A stored value is not what the schema promises (edited by hand, or a bug).
    #[error("the database holds an invalid value: {0}")]
    Corrupt(String),
    /// The protocol cannot be stored as it is (e.g. an empty body name).
    #[error("cannot store the protocol: {0}")]
    Invalid(String),
    /// A change refused because of what is stored: an e-mail already taken, a body that does
    /// not exist, a role grant that does not fit.
    #[error("{0}")]
    Refused(String),
    /// What the request would create exists already, made otherwise (a body configured by
    /// someone else under the same name).
    #[error("{0}")]
    Conflict(String),
    /// A write based on a version someone else has changed since it was read.
    #[error("{what} was changed by someone else (now version {current}): read it again")]
    Stale {
        /// What was written ("the account anna@kommun.se").
        what: String,
        /// The version stored now.
        current: i64,
    },
}

/// Adds context to a database error: `.db("reading the authorities")?`.
pub(crate) trait DbContext<T> {
    /// Wraps the error with what the store was doing.
    fn db(self, context: impl Into<String>) -> Result<T, StoreError>;
}

impl<T> DbContext<T> for Result<T, sqlx::Error> {
    fn db(self, context: impl Into<String>) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Database {
            context: context.into(),
            source,
        })
    }
}
