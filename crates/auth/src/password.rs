//! Passwords: the rule of what is accepted, and Argon2id hashing as PHC strings.
//!
//! The rule follows NIST SP 800-63B (length over composition): at least 12 characters, at most
//! 128 (so a hash's cost is bounded), not one character repeated, not the account's own e-mail
//! or name, not one of the passwords everyone tries first. Hashing is Argon2id with OWASP's
//! parameters (19 MiB, 2 passes, 1 lane): about 30 ms, so callers run it on a blocking thread.

use argon2::password_hash::{PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::AuthError;

/// The fewest characters a password may have.
pub const MIN_CHARS: usize = 12;
/// The most characters a password may have.
pub const MAX_CHARS: usize = 128;

/// Passwords that are tried first in every attack (and Swedish favourites), lower-cased.
const COMMON: &[&str] = &[
    "123456789012",
    "password1234",
    "passwordpassword",
    "qwertyuiopå",
    "qwertyuiop12",
    "lösenord1234",
    "losenord1234",
    "lösenordlösenord",
    "sommar2024!!",
    "sommarsommar",
    "vintervinter",
    "hejhejhejhej",
    "kommunen1234",
    "administrator",
    "administratör",
    "welcome12345",
    "välkommen123",
    "valkommen123",
    "iloveyou1234",
    "abcdefghijkl",
    "abc123abc123",
];

/// A password that passed the rule, not yet hashed. Its text is never printed (`Debug` hides it).
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(…)")
    }
}

impl NewPassword {
    /// Checks a candidate against the rule for the account with this e-mail and name.
    ///
    /// # Errors
    /// [`AuthError::Password`] with the part of the rule it breaks (in English; `AuthError::sv`
    /// says it in Swedish).
    pub fn parse(candidate: &str, email: &str, name: &str) -> Result<NewPassword, AuthError> {
        let chars = candidate.chars().count();
        if chars < MIN_CHARS {
            return Err(AuthError::Password(TOO_SHORT));
        }
        if chars > MAX_CHARS {
            return Err(AuthError::Password(TOO_LONG));
        }
        if candidate.chars().any(char::is_control) {
            return Err(AuthError::Password(CONTROL));
        }
        let lower = candidate.to_lowercase();
        let mut distinct: Vec<char> = lower.chars().collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() < 4 {
            return Err(AuthError::Password(REPETITIVE));
        }
        let email = email.trim().to_lowercase();
        let local = email.split('@').next().unwrap_or("");
        let name = name.trim().to_lowercase();
        if lower == email
            || (local.chars().count() >= 4 && lower.contains(local))
            || (!name.is_empty() && lower.contains(&name))
        {
            return Err(AuthError::Password(PERSONAL));
        }
        if COMMON.contains(&lower.as_str()) || lower.contains("kansli") {
            return Err(AuthError::Password(COMMON_PASSWORD));
        }
        Ok(NewPassword(candidate.to_string()))
    }

    /// Hashes the password with Argon2id and a fresh random salt.
    ///
    /// # Errors
    /// [`AuthError::Random`] or [`AuthError::Hash`].
    pub fn hash(&self) -> Result<PasswordHash, AuthError> {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|e| AuthError::Random(e.to_string()))?;
        let salt = SaltString::encode_b64(&salt).map_err(|e| AuthError::Hash(e.to_string()))?;
        let phc = hasher()?
            .hash_password(self.0.as_bytes(), &salt)
            .map_err(|e| AuthError::Hash(e.to_string()))?;
        Ok(PasswordHash(phc.to_string()))
    }
}

const TOO_SHORT: &str = "shorter than 12 characters";
const TOO_LONG: &str = "longer than 128 characters";
const CONTROL: &str = "contains control characters";
const REPETITIVE: &str = "fewer than 4 different characters";
const PERSONAL: &str = "contains the account's e-mail or name";
const COMMON_PASSWORD: &str = "one of the most common passwords";

/// The Swedish words for a reason of [`AuthError::Password`].
pub(crate) fn reason_sv(reason: &str) -> &'static str {
    match reason {
        TOO_SHORT => "det måste ha minst 12 tecken",
        TOO_LONG => "det får ha högst 128 tecken",
        CONTROL => "det innehåller otillåtna tecken",
        REPETITIVE => "det måste innehålla minst 4 olika tecken",
        PERSONAL => "det får inte innehålla din e-postadress eller ditt namn",
        COMMON_PASSWORD => "det är ett av de vanligaste lösenorden",
        _ => "det följer inte reglerna",
    }
}

/// A stored password hash: an Argon2id PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordHash(String);

impl PasswordHash {
    /// A stored PHC string, checked to be one.
    ///
    /// # Errors
    /// [`AuthError::StoredHash`] when it does not parse.
    pub fn from_stored(phc: &str) -> Result<PasswordHash, AuthError> {
        argon2::password_hash::PasswordHash::new(phc)
            .map_err(|e| AuthError::StoredHash(e.to_string()))?;
        Ok(PasswordHash(phc.to_string()))
    }

    /// The PHC string to store.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `candidate` is the password (constant time in the hash comparison). A candidate
    /// longer than the rule allows is refused before hashing, so its cost stays bounded.
    pub fn verify(&self, candidate: &str) -> bool {
        if candidate.len() > MAX_CHARS * 4 {
            return false;
        }
        let Ok(parsed) = argon2::password_hash::PasswordHash::new(&self.0) else {
            return false;
        };
        let Ok(argon) = hasher() else {
            return false;
        };
        argon.verify_password(candidate.as_bytes(), &parsed).is_ok()
    }

    /// A hash of no one's password, to verify against when the account does not exist, so
    /// that a wrong e-mail takes as long as a wrong password.
    pub fn decoy() -> PasswordHash {
        PasswordHash(
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$\
             8h0m9F1yqz0c8V0l6v2Rrj3bEwq2yQ5s0m3fQ1x1o0M"
                .to_string(),
        )
    }
}

fn hasher() -> Result<Argon2<'static>, AuthError> {
    let params =
        Params::new(19 * 1024, 2, 1, Some(32)).map_err(|e| AuthError::Hash(e.to_string()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMAIL: &str = "anna.andersson@kommun.se";

    #[test]
    fn a_good_password_hashes_and_verifies() {
        let pw = NewPassword::parse("korrekt häst batteri", EMAIL, "Anna Andersson").unwrap();
        let hash = pw.hash().unwrap();
        assert!(hash.as_str().starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(hash.verify("korrekt häst batteri"));
        assert!(!hash.verify("korrekt häst batterI"));
        let again = PasswordHash::from_stored(hash.as_str()).unwrap();
        assert!(again.verify("korrekt häst batteri"));
        assert_ne!(pw.hash().unwrap(), hash, "a fresh salt each time");
    }

    #[test]
    fn the_rule_says_which_part_fails() {
        let refuse = |pw: &str| NewPassword::parse(pw, EMAIL, "Anna Andersson").unwrap_err();
        assert_eq!(refuse("kort"), AuthError::Password(TOO_SHORT));
        assert_eq!(refuse(&"ab1!".repeat(40)), AuthError::Password(TOO_LONG));
        assert_eq!(refuse("aaaaaaaaaaaaaaaa"), AuthError::Password(REPETITIVE));
        assert_eq!(refuse("anna.andersson2026"), AuthError::Password(PERSONAL));
        assert_eq!(refuse("Lösenord1234"), AuthError::Password(COMMON_PASSWORD));
        assert_eq!(refuse("mitt\u{0}lösenord!!"), AuthError::Password(CONTROL));
        assert!(refuse("kort").sv().contains("minst 12 tecken"));
    }

    #[test]
    fn the_decoy_and_garbage_never_verify() {
        assert!(!PasswordHash::decoy().verify("anything at all"));
        assert!(PasswordHash::from_stored("not a hash").is_err());
        assert!(!PasswordHash("garbage".into()).verify("garbage"));
        let long = "x".repeat(10_000);
        assert!(!PasswordHash::decoy().verify(&long));
    }
}
