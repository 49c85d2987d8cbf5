//! Kansli's accounts, without I/O: roles and the rule of who may do what, passwords (Argon2id),
//! API tokens and session ids (random, stored only as hashes), and login throttling.
//!
//! The roles are those of the secretariat's API contract (`WORKFLOW-API.md`): `admin`
//! (administratör), `registrar` (registrator), `secretary` (sekreterare, for named bodies) and
//! `member` (ledamot or ersättare, of named bodies); no credentials is the public. A person can
//! hold several grants; a grant of a body-scoped role names the authority and body it is for.
//!
//! **Invariant:** no secret leaves this crate in the clear except once, to the person it is
//! made for: passwords become PHC strings, tokens and session ids SHA-256 hashes; nothing here
//! reads the clock (the time is a parameter) or does I/O beyond the operating system's random
//! source.

pub mod access;
pub mod email;
pub mod error;
pub mod password;
pub mod secret;
pub mod throttle;

pub use access::{Access, Grant, Role, Target};
pub use email::Email;
pub use error::AuthError;
pub use password::{NewPassword, PasswordHash};
pub use secret::{ApiToken, SecretHash, SessionId};
pub use throttle::{LoginThrottle, Throttled};
