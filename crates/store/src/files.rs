//! Stored originals: kept in the database (`stored_files.content`), the one truth that every
//! process on a shared database serves; identified by their SHA-256, which reads verify.
//!
//! Installations from before that kept them only in `<data-dir>/files/ab/<sha256>`: reads fall
//! back to that folder, importing the file again moves it into the database, and
//! `Store::absorb_data_dir_files` moves them all (`kansli migrate` does it first).

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::StoreError;

/// Hex SHA-256 of some bytes.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Where the file with this hash lives.
pub(crate) fn path_for(data_dir: &Path, sha256: &str) -> PathBuf {
    let prefix = sha256.get(..2).unwrap_or("00");
    data_dir.join("files").join(prefix).join(sha256)
}

/// Whether a string is a lowercase hex SHA-256 (guards paths built from URL input).
pub(crate) fn is_sha256(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Reads a stored file; `None` when it is not there.
pub(crate) fn read(data_dir: &Path, sha256: &str) -> Result<Option<Vec<u8>>, StoreError> {
    let path = path_for(data_dir, sha256);
    match std::fs::read(&path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(StoreError::File {
            action: "read",
            path,
            source,
        }),
    }
}

/// The media type of an original, by content (as the importer detects PDFs).
pub(crate) fn media_type(bytes: &[u8]) -> &'static str {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        "application/pdf"
    } else if std::str::from_utf8(bytes).is_ok() {
        "text/plain; charset=utf-8"
    } else {
        "application/octet-stream"
    }
}
