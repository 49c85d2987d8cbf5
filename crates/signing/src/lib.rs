//! Signatures of justering: what a signature binds, who signs through what, and checking it.
//!
//! A signature binds a person to the exact content of minutes: the SHA-256 of the record's
//! canonical serialisation ([`canonical_json`]: RFC 8785, the JSON Canonicalization Scheme, of
//! the record in `kansli parse`'s shape without the parts that change after justering —
//! `signatures`, `notice` — or say how it was read — `confidence`, `warnings`). The signed
//! message ([`message`]) adds who, when (UTC) and which paragraphs, so a signature can not be
//! moved to another person, time or part. [`Signer`] is the seam where a kommun plugs in BankID
//! or an e-signature service; [`BuiltinSigner`] is the default: an Ed25519 key per user,
//! derived from one installation secret, so no private key is ever stored in the database.

pub mod seal;

use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::{Signer as _, SigningKey, Verifier as _, VerifyingKey};
use kansli_core::protocol::ParsedProtocol;
use sha2_11::{Digest, Sha256};

/// What went wrong while signing or checking a signature.
#[derive(Debug, thiserror::Error)]
pub enum SigningError {
    /// The record could not be serialised canonically.
    #[error("cannot serialise the record canonically: {0}")]
    Canonical(String),
    /// The installation's signing secret could not be read or created.
    #[error("cannot use the signing secret {path}: {reason}")]
    Secret {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// A signature or key is not in the expected form.
    #[error("malformed {what}: {reason}")]
    Malformed {
        /// `public key` or `signature`.
        what: &'static str,
        /// Why.
        reason: String,
    },
    /// The signature does not match the message and key.
    #[error("the signature does not match")]
    Mismatch,
    /// This signer cannot sign now (no secret configured).
    #[error("signing is not available: {0}")]
    Unavailable(String),
}

/// The record's canonical bytes: RFC 8785 JSON of the record without `signatures`, `notice`,
/// `confidence`, `warnings` and the justering's date. The date is left out because it is the
/// outcome of the signing, not what is signed: minutes are justerade on the day of the last
/// signature (KL 8 kap. 12 § counts the notice from it), which the secretary's planned day
/// printed at release need not be; it is set when the justering completes.
pub fn canonical_json(record: &ParsedProtocol) -> Result<Vec<u8>, SigningError> {
    canonical(record, false)
}

/// The canonical bytes as Kansli made them before the justering's date was left out (signatures
/// made until 2026-11-30 bind these): only for checking such signatures.
pub fn canonical_json_v1(record: &ParsedProtocol) -> Result<Vec<u8>, SigningError> {
    canonical(record, true)
}

fn canonical(record: &ParsedProtocol, with_justering_date: bool) -> Result<Vec<u8>, SigningError> {
    let mut value =
        serde_json::to_value(record).map_err(|e| SigningError::Canonical(e.to_string()))?;
    if let Some(map) = value.as_object_mut() {
        for volatile in ["signatures", "notice", "confidence", "warnings"] {
            map.remove(volatile);
        }
        if !with_justering_date
            && let Some(justering) = map.get_mut("justering").and_then(|j| j.as_object_mut())
        {
            justering.remove("date");
        }
    }
    serde_jcs::to_vec(&value).map_err(|e| SigningError::Canonical(e.to_string()))
}

/// Lower-case hex SHA-256 of the record's canonical bytes: the content a signature binds.
pub fn content_sha256(record: &ParsedProtocol) -> Result<String, SigningError> {
    Ok(hex(&Sha256::digest(canonical_json(record)?)))
}

/// The same over [`canonical_json_v1`]: the content a signature made before the justering's
/// date was left out binds.
pub fn content_sha256_v1(record: &ParsedProtocol) -> Result<String, SigningError> {
    Ok(hex(&Sha256::digest(canonical_json_v1(record)?)))
}

/// Lower-case hex SHA-256 of any bytes (a PDF's, for `kansli verify`).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The message a justering signature signs: a fixed header, the content's SHA-256, the
/// signer's name, the instant (RFC 3339 UTC) and the paragraphs (`all`, or `12,13` for an
/// omedelbar justering), one per line.
pub fn message(sha256: &str, name: &str, signed_at: &str, paragraphs: Option<&[u32]>) -> Vec<u8> {
    let which = match paragraphs {
        None => "all".to_string(),
        Some(list) => list
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(","),
    };
    format!("kansli-justering-v1\n{sha256}\n{name}\n{signed_at}\n{which}\n").into_bytes()
}

/// A signature made by a [`Signer`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MadeSignature {
    /// `ed25519` for the built-in signer; another service names its own.
    pub algorithm: String,
    /// The signer's public key, base64.
    pub public_key: String,
    /// The signature, base64.
    pub signature: String,
}

/// Who signs for a user: the built-in signer, or a kommun's e-signature service or BankID.
pub trait Signer: Send + Sync {
    /// A short name for logs and the audit trail (`builtin-ed25519`).
    fn name(&self) -> &'static str;
    /// Signs `message` for the account `user_id`.
    fn sign(&self, user_id: i64, message: &[u8]) -> Result<MadeSignature, SigningError>;
}

/// The built-in signer: an Ed25519 key per account, derived (HKDF-SHA256) from a 32-byte
/// installation secret and the account's id. The secret is a file in the data directory (mode
/// 0600), created at first use; servers sharing one database must share it, like a TLS key.
pub struct BuiltinSigner {
    secret: [u8; 32],
}

impl BuiltinSigner {
    /// A signer from a known secret (tests).
    pub fn from_secret(secret: [u8; 32]) -> BuiltinSigner {
        BuiltinSigner { secret }
    }

    /// The signer of an installation: `<dir>/justering.secret`, created when missing.
    pub fn load_or_create(dir: &Path) -> Result<BuiltinSigner, SigningError> {
        let path = dir.join("justering.secret");
        let fail = |reason: String| SigningError::Secret {
            path: path.display().to_string(),
            reason,
        };
        if let Ok(bytes) = std::fs::read(&path) {
            let secret: [u8; 32] = bytes.try_into().map_err(|_| fail("not 32 bytes".into()))?;
            return Ok(BuiltinSigner { secret });
        }
        std::fs::create_dir_all(dir).map_err(|e| fail(e.to_string()))?;
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).map_err(|e| fail(e.to_string()))?;
        write_private(&path, &secret).map_err(|e| fail(e.to_string()))?;
        Ok(BuiltinSigner { secret })
    }

    fn key(&self, user_id: i64) -> SigningKey {
        let hk = hkdf::Hkdf::<Sha256>::new(Some(b"kansli-justering-v1"), &self.secret);
        let mut seed = [0u8; 32];
        // 32 bytes is far below HKDF's limit: the expansion cannot fail.
        let _ = hk.expand(format!("user:{user_id}").as_bytes(), &mut seed);
        SigningKey::from_bytes(&seed)
    }
}

#[cfg(unix)]
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(bytes)
}

#[cfg(not(unix))]
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
}

impl Signer for BuiltinSigner {
    fn name(&self) -> &'static str {
        "builtin-ed25519"
    }

    fn sign(&self, user_id: i64, message: &[u8]) -> Result<MadeSignature, SigningError> {
        let key = self.key(user_id);
        Ok(MadeSignature {
            algorithm: "ed25519".into(),
            public_key: B64.encode(key.verifying_key().to_bytes()),
            signature: B64.encode(key.sign(message).to_bytes()),
        })
    }
}

/// A signer that refuses, with why (the secret could not be read at start).
pub struct UnavailableSigner(pub String);

impl Signer for UnavailableSigner {
    fn name(&self) -> &'static str {
        "unavailable"
    }

    fn sign(&self, _: i64, _: &[u8]) -> Result<MadeSignature, SigningError> {
        Err(SigningError::Unavailable(self.0.clone()))
    }
}

/// Checks an Ed25519 signature (base64) by a public key (base64) over `message`.
pub fn verify(public_key: &str, message: &[u8], signature: &str) -> Result<(), SigningError> {
    let key: [u8; 32] = B64
        .decode(public_key.trim())
        .map_err(|e| SigningError::Malformed {
            what: "public key",
            reason: e.to_string(),
        })?
        .try_into()
        .map_err(|_| SigningError::Malformed {
            what: "public key",
            reason: "not 32 bytes".into(),
        })?;
    let key = VerifyingKey::from_bytes(&key).map_err(|e| SigningError::Malformed {
        what: "public key",
        reason: e.to_string(),
    })?;
    let sig: [u8; 64] = B64
        .decode(signature.trim())
        .map_err(|e| SigningError::Malformed {
            what: "signature",
            reason: e.to_string(),
        })?
        .try_into()
        .map_err(|_| SigningError::Malformed {
            what: "signature",
            reason: "not 64 bytes".into(),
        })?;
    key.verify(message, &ed25519_dalek::Signature::from_bytes(&sig))
        .map_err(|_| SigningError::Mismatch)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> ParsedProtocol {
        ParsedProtocol::new(
            "Direktionen",
            chrono::NaiveDate::from_ymd_opt(2026, 3, 12).unwrap(),
        )
    }

    #[test]
    fn the_content_hash_ignores_what_changes_after_justering_and_nothing_else() {
        let r = record();
        let h = content_sha256(&r).unwrap();
        let mut later = r.clone();
        later.notice.posted = chrono::NaiveDate::from_ymd_opt(2026, 3, 20);
        later
            .signatures
            .push(kansli_core::protocol::ParsedSignature {
                name: "Anna".into(),
                signed_at: None,
            });
        // The justering's day is set when the last signature is made.
        later.justering.date = chrono::NaiveDate::from_ymd_opt(2026, 3, 13);
        assert_eq!(content_sha256(&later).unwrap(), h);
        let mut changed = r.clone();
        changed.place = Some("Kinda".into());
        assert_ne!(content_sha256(&changed).unwrap(), h);
        changed = r.clone();
        changed.justering.place = Some("Digitalt".into());
        assert_ne!(content_sha256(&changed).unwrap(), h);
        // The earlier form, which signatures made before 2026-11-30 bind, holds the date.
        let v1 = content_sha256_v1(&later).unwrap();
        assert_ne!(v1, h);
        let mut other_day = later.clone();
        other_day.justering.date = chrono::NaiveDate::from_ymd_opt(2026, 3, 14);
        assert_ne!(content_sha256_v1(&other_day).unwrap(), v1);
        assert_eq!(content_sha256(&other_day).unwrap(), h);
        // RFC 8785: keys sorted, no white space.
        let json = String::from_utf8(canonical_json(&r).unwrap()).unwrap();
        assert!(json.starts_with("{\"agenda\":[]"), "{json}");
        assert!(!json.contains(": "));
    }

    #[test]
    fn a_signature_binds_person_time_content_and_paragraphs() {
        let signer = BuiltinSigner::from_secret([7; 32]);
        let m = message("ab", "Anna Ordförande", "2026-03-19T10:00:00Z", None);
        let s = signer.sign(1, &m).unwrap();
        assert!(verify(&s.public_key, &m, &s.signature).is_ok());
        for other in [
            message("ac", "Anna Ordförande", "2026-03-19T10:00:00Z", None),
            message("ab", "Bo Lund", "2026-03-19T10:00:00Z", None),
            message("ab", "Anna Ordförande", "2026-03-19T10:00:01Z", None),
            message("ab", "Anna Ordförande", "2026-03-19T10:00:00Z", Some(&[3])),
        ] {
            assert!(matches!(
                verify(&s.public_key, &other, &s.signature),
                Err(SigningError::Mismatch)
            ));
        }
        // Each account has its own key; the same secret gives the same key again.
        let s2 = signer.sign(2, &m).unwrap();
        assert_ne!(s.public_key, s2.public_key);
        assert_eq!(BuiltinSigner::from_secret([7; 32]).sign(1, &m).unwrap(), s);
        assert!(verify(&s2.public_key, &m, &s.signature).is_err());
        assert!(verify("not base64!", &m, &s.signature).is_err());
    }

    #[test]
    fn the_secret_is_created_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let a = BuiltinSigner::load_or_create(dir.path()).unwrap();
        let b = BuiltinSigner::load_or_create(dir.path()).unwrap();
        let m = b"x";
        assert_eq!(a.sign(5, m).unwrap(), b.sign(5, m).unwrap());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("justering.secret"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
