//! Roles, grants and the one rule of who may call what.
//!
//! An operation declares its [`Access`] (the `x-kansli-roles` of openapi.json); a caller holds
//! [`Grant`]s; the [`Target`] is the authority and body the request touches, read from its path
//! before its body is read. [`Access::decide`] answers 401 (no credentials), 403 (a known
//! caller without the right) or allowed, the same way for every route.

use serde::{Deserialize, Serialize};

use crate::AuthError;

/// A role of the secretariat (the API identifiers of the contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Administratör: accounts, roles, the registry and the audit log; every authority.
    Admin,
    /// Registrator: keeps the diarium, of one authority or (unscoped) of all.
    Registrar,
    /// Nämndsekreterare of named bodies.
    Secretary,
    /// Ledamot or ersättare of named bodies.
    Member,
}

impl Role {
    /// Every role, in the order the UI lists them.
    pub const ALL: [Role; 4] = [Role::Admin, Role::Registrar, Role::Secretary, Role::Member];

    /// The API identifier: `admin`, `registrar`, `secretary`, `member`.
    pub fn api(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Registrar => "registrar",
            Role::Secretary => "secretary",
            Role::Member => "member",
        }
    }

    /// The Swedish name the UI shows.
    pub fn sv(self) -> &'static str {
        match self {
            Role::Admin => "administratör",
            Role::Registrar => "registrator",
            Role::Secretary => "sekreterare",
            Role::Member => "ledamot/ersättare",
        }
    }

    /// Whether a grant of this role must name a body (sekreterare and ledamot are of a body).
    pub fn needs_body(self) -> bool {
        matches!(self, Role::Secretary | Role::Member)
    }

    /// Reads a role from its API identifier or its Swedish name (any case).
    ///
    /// # Errors
    /// [`AuthError::Role`] for anything else.
    pub fn parse(text: &str) -> Result<Role, AuthError> {
        let t = text.trim().to_lowercase();
        Ok(match t.as_str() {
            "admin" | "administratör" | "administrator" => Role::Admin,
            "registrar" | "registrator" => Role::Registrar,
            "secretary" | "sekreterare" | "nämndsekreterare" => Role::Secretary,
            "member" | "ledamot" | "ersättare" | "ledamot/ersättare" => Role::Member,
            _ => return Err(AuthError::Role(text.to_string())),
        })
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.api())
    }
}

/// One role held by a person, with its scope as slugs: `authority` and `body` for a
/// secretary or member, optionally `authority` for a registrar, neither for an admin.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Grant {
    /// The role.
    pub role: Role,
    /// The authority's slug, or `None` for every authority.
    pub authority: Option<String>,
    /// The body's slug, or `None` for every body of the authority.
    pub body: Option<String>,
}

impl Grant {
    /// A grant, checked: a secretary or member must name authority and body; a body needs its
    /// authority; an admin is never scoped.
    ///
    /// # Errors
    /// [`AuthError::ScopeMissing`] or [`AuthError::Scope`].
    pub fn new(
        role: Role,
        authority: Option<String>,
        body: Option<String>,
    ) -> Result<Grant, AuthError> {
        match (role, &authority, &body) {
            (Role::Admin, None, None) => {}
            (Role::Admin, _, _) => {
                return Err(AuthError::Scope(
                    "an administrator holds every authority; give no --body".into(),
                ));
            }
            (Role::Registrar, _, None) => {}
            (Role::Registrar, None, Some(b)) => return Err(AuthError::Scope(b.clone())),
            (Role::Registrar, Some(_), Some(_)) => {}
            (Role::Secretary | Role::Member, Some(_), Some(_)) => {}
            (role, _, _) => return Err(AuthError::ScopeMissing(role.api())),
        }
        Ok(Grant {
            role,
            authority: authority.map(|a| a.to_lowercase()),
            body: body.map(|b| b.to_lowercase()),
        })
    }

    /// Whether this grant reaches what a request touches. An admin reaches everything; a
    /// registrar its authority (or all); a secretary or member their body, and
    /// authority-level resources of their own authority (a case, the diarium) — never another
    /// body's or another authority's.
    pub fn covers(&self, target: &Target) -> bool {
        let same = |mine: &Option<String>, theirs: &Option<String>| match (mine, theirs) {
            (None, _) | (_, None) => true,
            (Some(m), Some(t)) => m.eq_ignore_ascii_case(t),
        };
        match self.role {
            Role::Admin => true,
            Role::Registrar => same(&self.authority, &target.authority),
            Role::Secretary | Role::Member => {
                same(&self.authority, &target.authority)
                    && (target.authority.is_none() || same(&self.body, &target.body))
            }
        }
    }

    /// `AUTHORITY/BODY` as slugs, for display.
    pub fn scope_text(&self) -> Option<String> {
        match (&self.authority, &self.body) {
            (Some(a), Some(b)) => Some(format!("{a}/{b}")),
            (Some(a), None) => Some(a.clone()),
            _ => None,
        }
    }
}

/// What a request touches, as read from its path: `{a}` and `{b}` when it has them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Target {
    /// The authority's slug.
    pub authority: Option<String>,
    /// The body's slug.
    pub body: Option<String>,
}

/// Who may call an operation (its `x-kansli-roles`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Anyone signed in, even an account not yet granted a role (SSO's first login): their
    /// own page and `getMe`.
    SignedIn,
    /// A signed-in caller holding one of these roles, scoped to the target.
    Roles(&'static [Role]),
}

/// The answer of [`Access::decide`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Go on.
    Allowed,
    /// 401: no credentials, or credentials that are not valid.
    Unauthenticated,
    /// 403: a known caller without a grant that reaches the target.
    Forbidden,
}

impl Access {
    /// The `x-kansli-roles` list: `["public"]` or role identifiers.
    pub fn roles_json(&self) -> Vec<&'static str> {
        match self {
            Access::Public => vec!["public"],
            Access::SignedIn => Role::ALL.iter().map(|r| r.api()).collect(),
            Access::Roles(roles) => roles.iter().map(|r| r.api()).collect(),
        }
    }

    /// Decides a request: `grants` is `None` for a caller without (valid) credentials.
    pub fn decide(&self, grants: Option<&[Grant]>, target: &Target) -> Decision {
        match (self, grants) {
            (Access::Public, _) | (Access::SignedIn, Some(_)) => Decision::Allowed,
            (Access::SignedIn, None) => Decision::Unauthenticated,
            (Access::Roles(_), None) => Decision::Unauthenticated,
            (Access::Roles(roles), Some(grants)) => {
                if grants
                    .iter()
                    .any(|g| roles.contains(&g.role) && g.covers(target))
                {
                    Decision::Allowed
                } else {
                    Decision::Forbidden
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(a: Option<&str>, b: Option<&str>) -> Target {
        Target {
            authority: a.map(str::to_string),
            body: b.map(str::to_string),
        }
    }

    fn secretary() -> Grant {
        Grant::new(
            Role::Secretary,
            Some("itsam".into()),
            Some("direktionen".into()),
        )
        .unwrap()
    }

    #[test]
    fn roles_read_in_english_and_swedish() {
        assert_eq!(Role::parse("Sekreterare").unwrap(), Role::Secretary);
        assert_eq!(Role::parse("registrar").unwrap(), Role::Registrar);
        assert_eq!(Role::parse("ersättare").unwrap(), Role::Member);
        assert!(Role::parse("ordförande").is_err());
    }

    #[test]
    fn body_roles_need_a_body_and_admins_none() {
        assert_eq!(
            Grant::new(Role::Member, Some("itsam".into()), None),
            Err(AuthError::ScopeMissing("member"))
        );
        assert!(Grant::new(Role::Admin, Some("itsam".into()), None).is_err());
        assert!(Grant::new(Role::Registrar, None, None).is_ok());
    }

    #[test]
    fn a_secretary_reaches_their_body_and_authority_only() {
        let g = secretary();
        assert!(g.covers(&target(Some("itsam"), Some("direktionen"))));
        assert!(g.covers(&target(Some("ITSAM"), Some("Direktionen"))));
        assert!(g.covers(&target(Some("itsam"), None)));
        assert!(g.covers(&target(None, None)));
        assert!(!g.covers(&target(Some("itsam"), Some("beredningen"))));
        assert!(!g.covers(&target(Some("lomma-kommun"), None)));
        assert!(!g.covers(&target(None, Some("direktionen"))) || g.covers(&target(None, None)));
    }

    #[test]
    fn decisions_are_401_403_or_allowed() {
        const SECRETARY: Access = Access::Roles(&[Role::Secretary]);
        let here = target(Some("itsam"), Some("direktionen"));
        let there = target(Some("itsam"), Some("beredningen"));
        assert_eq!(SECRETARY.decide(None, &here), Decision::Unauthenticated);
        assert_eq!(
            SECRETARY.decide(Some(&[secretary()]), &here),
            Decision::Allowed
        );
        assert_eq!(
            SECRETARY.decide(Some(&[secretary()]), &there),
            Decision::Forbidden
        );
        let member = Grant::new(
            Role::Member,
            Some("itsam".into()),
            Some("direktionen".into()),
        )
        .unwrap();
        assert_eq!(
            SECRETARY.decide(Some(&[member]), &here),
            Decision::Forbidden
        );
        let admin = Grant::new(Role::Admin, None, None).unwrap();
        assert_eq!(SECRETARY.decide(Some(&[admin]), &here), Decision::Forbidden);
        assert_eq!(Access::Public.decide(None, &here), Decision::Allowed);
        assert_eq!(Access::SignedIn.decide(Some(&[]), &here), Decision::Allowed);
        assert_eq!(
            Access::SignedIn.decide(None, &here),
            Decision::Unauthenticated
        );
        const NOBODY: Access = Access::Roles(&[Role::Admin]);
        assert_eq!(NOBODY.decide(Some(&[]), &here), Decision::Forbidden);
    }
}
