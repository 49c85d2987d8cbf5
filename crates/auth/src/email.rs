//! E-mail addresses: how accounts are named and matched (an SSO login finds its account by its
//! verified e-mail).

use serde::{Deserialize, Serialize};

use crate::AuthError;

/// The most bytes an address may have (RFC 5321's path limit).
const MAX_LEN: usize = 254;

/// An e-mail address, trimmed and lower-cased: `Anna@Kommun.SE` and `anna@kommun.se` are one
/// account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Reads an address: one `@` with a non-empty local part and a domain of dot-separated
    /// labels, no spaces or control characters, at most 254 bytes.
    ///
    /// # Errors
    /// [`AuthError::Email`] naming what was given.
    pub fn parse(text: &str) -> Result<Email, AuthError> {
        let t = text.trim().to_lowercase();
        let bad = || AuthError::Email(text.chars().take(80).collect());
        if t.is_empty() || t.len() > MAX_LEN {
            return Err(bad());
        }
        let (local, domain) = t.split_once('@').ok_or_else(bad)?;
        if local.is_empty()
            || domain.is_empty()
            || domain.contains('@')
            || t.chars()
                .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
            || domain
                .split('.')
                .any(|label| label.is_empty() || label.starts_with('-') || label.ends_with('-'))
        {
            return Err(bad());
        }
        Ok(Email(t))
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Email {
    type Error = AuthError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Email::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_fold_case_and_trim() {
        assert_eq!(
            Email::parse("  Anna.Andersson@Kommun.SE ")
                .unwrap()
                .as_str(),
            "anna.andersson@kommun.se"
        );
        assert_eq!(
            Email::parse("sekreterare@demo.kansli").unwrap().as_str(),
            "sekreterare@demo.kansli"
        );
    }

    #[test]
    fn non_addresses_are_refused() {
        for bad in [
            "",
            "anna",
            "@kommun.se",
            "anna@",
            "a@b@c",
            "anna @kommun.se",
            "anna@kommun..se",
            "anna@-kommun.se",
            "anna\u{0}@kommun.se",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?}");
        }
        assert!(Email::parse(&format!("{}@kommun.se", "a".repeat(300))).is_err());
    }
}
