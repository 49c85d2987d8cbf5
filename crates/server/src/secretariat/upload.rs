//! Reading a document upload (`multipart/form-data`): the file and the fields that describe it,
//! shared by the API (`addCaseDocument`) and the case page's form, which each say in their own
//! language what was wrong.

use axum::extract::Multipart;
use axum::http::StatusCode;

/// What an upload held, as sent (each caller checks the fields its own way).
#[derive(Debug, Default)]
pub struct Upload {
    /// The file's bytes, when a `file` part came.
    pub file: Option<Vec<u8>>,
    /// The file's name as the client gave it (control characters removed, at most 200).
    pub file_name: Option<String>,
    /// `title`.
    pub title: Option<String>,
    /// `direction`.
    pub direction: Option<String>,
    /// `confidential`, as sent (`true`, `on` …).
    pub confidential: Option<String>,
    /// `secrecy_ground`.
    pub secrecy_ground: Option<String>,
    /// The names of parts that are none of the above (at most 20 kept, each at most 60
    /// characters), so that the API can refuse a misspelt field instead of storing a
    /// document without it.
    pub unknown: Vec<String>,
}

/// Why an upload could not be read.
#[derive(Debug)]
pub enum UploadError {
    /// Larger than the configured limit.
    TooLarge,
    /// Not readable multipart; the reason in English.
    Malformed(String),
}

/// Reads every part; the names of unknown parts are kept in [`Upload::unknown`].
pub async fn read(mut multipart: Multipart) -> Result<Upload, UploadError> {
    let fail = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            UploadError::TooLarge
        } else {
            UploadError::Malformed(e.body_text())
        }
    };
    let mut upload = Upload::default();
    while let Some(field) = multipart.next_field().await.map_err(fail)? {
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            upload.file_name = field
                .file_name()
                .map(|n| n.chars().filter(|c| !c.is_control()).take(200).collect());
            upload.file = Some(field.bytes().await.map_err(fail)?.to_vec());
            continue;
        }
        let value = field.text().await.map_err(fail)?;
        match name.as_str() {
            "title" => upload.title = Some(value),
            "direction" => upload.direction = Some(value),
            "confidential" => upload.confidential = Some(value),
            "secrecy_ground" => upload.secrecy_ground = Some(value),
            other => {
                if upload.unknown.len() < 20 {
                    upload.unknown.push(other.chars().take(60).collect());
                }
            }
        }
    }
    Ok(upload)
}
