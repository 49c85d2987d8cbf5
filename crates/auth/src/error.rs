//! The errors of the accounts crate.
//!
//! Policy: each variant says in English what was wrong with which input (the CLI prints it, the
//! API puts it in `detail`); [`AuthError::sv`] gives the Swedish sentence for the web UI. A
//! secret is never part of a message.

/// Why an account's input was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    /// An e-mail address that is not one.
    #[error("invalid e-mail address {0:?}: expected name@domain")]
    Email(String),
    /// A role name that is not one of the contract's.
    #[error("unknown role {0:?}: expected admin, registrar, secretary or member")]
    Role(String),
    /// A body-scoped role without a body, or a scope that does not parse.
    #[error("invalid scope {0:?}: expected AUTHORITY/BODY (slugs or names)")]
    Scope(String),
    /// A role that needs a body was granted without one.
    #[error("the role {0} needs a body: add --body AUTHORITY/BODY")]
    ScopeMissing(&'static str),
    /// A password that the rule refuses; the reason says which part of the rule.
    #[error("password refused: {0}")]
    Password(&'static str),
    /// Hashing failed (the operating system's random source, or bad parameters).
    #[error("cannot hash the password: {0}")]
    Hash(String),
    /// A stored password hash is not a PHC string Kansli can read.
    #[error("the stored password hash is unreadable: {0}")]
    StoredHash(String),
    /// The operating system's random source failed.
    #[error("no randomness from the operating system: {0}")]
    Random(String),
}

impl AuthError {
    /// The same refusal in Swedish, for the web UI.
    pub fn sv(&self) -> String {
        match self {
            AuthError::Email(_) => "E-postadressen är inte giltig.".into(),
            AuthError::Role(r) => format!("Rollen ”{r}” finns inte."),
            AuthError::Scope(s) => format!("”{s}” är inte en nämnd (skriv MYNDIGHET/NÄMND)."),
            AuthError::ScopeMissing(role) => {
                format!("Rollen {role} måste gälla en nämnd: välj vilken.")
            }
            AuthError::Password(reason) => format!(
                "Lösenordet godtas inte: {}.",
                crate::password::reason_sv(reason)
            ),
            AuthError::Hash(_) | AuthError::StoredHash(_) | AuthError::Random(_) => {
                "Ett internt fel uppstod. Försök igen.".into()
            }
        }
    }
}
