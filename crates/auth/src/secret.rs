//! Random secrets handed to people — API tokens, session ids, CSRF tokens — and the hashes
//! Kansli keeps of them instead.
//!
//! Each secret is 32 bytes from the operating system's random source, written in URL-safe
//! base64. With that much entropy a single SHA-256 is the right hash (no salt or slow hash is
//! needed: nothing can be guessed), and it lets the store find a token by its hash.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::AuthError;

/// The length of 32 bytes in unpadded base64.
const SECRET_CHARS: usize = 43;
/// What every API token starts with, so a leaked one is recognisable (secret scanners).
pub const TOKEN_PREFIX: &str = "kansli_";

fn random_secret() -> Result<String, AuthError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AuthError::Random(e.to_string()))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

fn is_secret_text(text: &str) -> bool {
    text.len() == SECRET_CHARS
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The SHA-256 (lower-case hex) of a secret: what the store keeps and looks up.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SecretHash(String);

impl SecretHash {
    /// The hash of a secret Kansli issued elsewhere (an OpenID Connect `state`): the same
    /// SHA-256 as tokens and session ids, so only the hash is stored.
    pub fn of(secret: &str) -> SecretHash {
        SecretHash(hex::encode(Sha256::digest(secret.as_bytes())))
    }

    /// A hash as stored.
    pub fn from_stored(hex: String) -> SecretHash {
        SecretHash(hex)
    }

    /// The hex text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A personal API token, `kansli_` and 43 URL-safe base64 characters. Shown once, when made.
pub struct ApiToken(String);

impl std::fmt::Debug for ApiToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiToken(…)")
    }
}

impl ApiToken {
    /// A new random token.
    ///
    /// # Errors
    /// [`AuthError::Random`] when the system has no randomness to give.
    pub fn generate() -> Result<ApiToken, AuthError> {
        Ok(ApiToken(format!("{TOKEN_PREFIX}{}", random_secret()?)))
    }

    /// Reads a token as a client sent it (`Authorization: Bearer …`); anything not shaped like
    /// one is `None`, before any lookup.
    pub fn parse(text: &str) -> Option<ApiToken> {
        let rest = text.trim().strip_prefix(TOKEN_PREFIX)?;
        is_secret_text(rest).then(|| ApiToken(format!("{TOKEN_PREFIX}{rest}")))
    }

    /// The token's text, to show the person once.
    pub fn reveal(&self) -> &str {
        &self.0
    }

    /// Its hash, to store and look up.
    pub fn hash(&self) -> SecretHash {
        SecretHash::of(&self.0)
    }
}

/// A session id (the cookie's value) or a CSRF token: 43 URL-safe base64 characters.
pub struct SessionId(String);

impl std::fmt::Debug for SessionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionId(…)")
    }
}

impl SessionId {
    /// A new random id.
    ///
    /// # Errors
    /// [`AuthError::Random`].
    pub fn generate() -> Result<SessionId, AuthError> {
        Ok(SessionId(random_secret()?))
    }

    /// Reads an id from a cookie; anything else is `None`.
    pub fn parse(text: &str) -> Option<SessionId> {
        is_secret_text(text).then(|| SessionId(text.to_string()))
    }

    /// The id's text, for the cookie (or the form's hidden field).
    pub fn reveal(&self) -> &str {
        &self.0
    }

    /// Its hash, to store and look up.
    pub fn hash(&self) -> SecretHash {
        SecretHash::of(&self.0)
    }
}

/// Compares two secrets in constant time (CSRF tokens from a form against the session's).
pub fn secrets_equal(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tokens_round_trip_and_hash_stably() {
        let token = ApiToken::generate().unwrap();
        assert!(token.reveal().starts_with("kansli_"));
        assert_eq!(token.reveal().len(), 50);
        let again = ApiToken::parse(&format!(" {} ", token.reveal())).unwrap();
        assert_eq!(again.hash(), token.hash());
        assert_eq!(token.hash().as_str().len(), 64);
        assert_ne!(ApiToken::generate().unwrap().hash(), token.hash());
    }

    #[test]
    fn malformed_tokens_are_refused_before_lookup() {
        for bad in [
            "",
            "kansli_",
            "Bearer kansli_x",
            "kansli_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "kansli_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa+",
            "other_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        ] {
            assert!(ApiToken::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn secrets_compare_exactly() {
        assert!(secrets_equal("abc", "abc"));
        assert!(!secrets_equal("abc", "abd"));
        assert!(!secrets_equal("abc", "abcd"));
    }

    proptest! {
        #[test]
        fn token_parsing_never_panics_and_accepts_only_the_shape(s in ".{0,80}") {
            if let Some(t) = ApiToken::parse(&s) {
                prop_assert_eq!(t.reveal().len(), 50);
                prop_assert!(t.reveal().starts_with(TOKEN_PREFIX));
            }
            if let Some(id) = SessionId::parse(&s) {
                prop_assert_eq!(id.reveal(), s.as_str());
            }
        }
    }
}
