//! Stored originals: content-addressed files under `<data-dir>/files/ab/<sha256>`.
//!
//! A file is written to a temporary name beside its final place, then renamed, so a crash
//! never leaves a half-written original under its final name. It is not fsynced: one fsync
//! costs ~5 ms on a VM disk, more than all the database work of an import, and the database
//! runs with `synchronous = NORMAL` (a power cut may lose the last commits) anyway. What a
//! power cut may still leave — a renamed file whose blocks never reached the disk — is caught
//! by the hash: reads verify it, and importing the file again rewrites an original whose size
//! is wrong. Writing the same content twice is otherwise a no-op.

use std::io::Write;
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

/// Stores the bytes under their hash unless a file is already there.
pub(crate) fn write(data_dir: &Path, sha256: &str, bytes: &[u8]) -> Result<(), StoreError> {
    let path = path_for(data_dir, sha256);
    if std::fs::metadata(&path).is_ok_and(|m| m.len() == bytes.len() as u64) {
        return Ok(());
    }
    let dir = path.parent().unwrap_or(data_dir);
    std::fs::create_dir_all(dir).map_err(|source| StoreError::File {
        action: "create the folder of",
        path: path.clone(),
        source,
    })?;
    let fail = |source| StoreError::File {
        action: "write",
        path: path.clone(),
        source,
    };
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    temp.write_all(bytes).map_err(fail)?;
    temp.persist(&path).map_err(|e| fail(e.error))?;
    Ok(())
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
