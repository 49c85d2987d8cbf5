//! The export's errors.
//!
//! Policy: every variant says in English what failed and on what (a path, a field), so the CLI
//! prints it as one line. Input that cannot make a valid package (a name that is not a safe
//! folder name, a package that already exists) is refused before anything is written; an I/O
//! failure while writing leaves no package behind (it is written beside its final name and
//! renamed only when complete). What a verification finds wrong with a package is not an error
//! but a [`crate::Problem`] in its report.

use std::path::PathBuf;

/// Why an export or a verification could not be done.
#[derive(Debug, thiserror::Error)]
pub enum EarkivError {
    /// The package's folder already exists: an export never overwrites one.
    #[error("the package {0} already exists; remove it or export elsewhere")]
    Exists(PathBuf),
    /// The input cannot make a valid package (an empty name, an unsafe identifier).
    #[error("cannot export: {0}")]
    Invalid(String),
    /// A file or folder could not be written or read.
    #[error("cannot {action} {path}: {source}")]
    Io {
        /// "write", "read", "create the folder", "rename".
        action: &'static str,
        /// The path concerned.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// A METS document of a package being verified is not well-formed XML.
    #[error("{path} is not well-formed XML: {message}")]
    Xml {
        /// The METS document.
        path: PathBuf,
        /// The parser's message.
        message: String,
    },
}

impl EarkivError {
    pub(crate) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
        source: std::io::Error,
    ) -> Self {
        EarkivError::Io {
            action,
            path: path.into(),
            source,
        }
    }
}
