//! Accounts: users and their role grants, API tokens, sessions, login failures and single
//! sign-on flows under way — and the audit log that every change here writes in the same
//! transaction.
//!
//! Secrets never reach this module in the clear: it stores and looks up the hashes that
//! `kansli_auth` makes (PHC strings for passwords, SHA-256 for tokens and session ids).

use chrono::{DateTime, SecondsFormat, Utc};
use kansli_auth::{Email, Grant, PasswordHash, Role, SecretHash};
use serde::Serialize;
use serde_json::{Value, json};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::error::DbContext;
use crate::sql::{Val, execute_sql, instant, int, opt_int, opt_text, query_rows, text};
use crate::{Store, StoreError};

/// Who does something, as the audit log records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actor {
    /// The account, when a person acts (none for the shell or an anonymous login attempt).
    pub user_id: Option<i64>,
    /// Who, in words: the e-mail, "kansli (kommandoraden)", "anonym".
    pub label: String,
    /// Through what: `session 12`, `token 4`, `cli`, `login form`, `sso`.
    pub via: String,
    /// The client's address, when over HTTP.
    pub address: Option<String>,
}

impl Actor {
    /// Someone at the server's shell (`kansli user add`, `kansli token create`).
    pub fn shell() -> Actor {
        Actor {
            user_id: None,
            label: "kansli (kommandoraden)".into(),
            via: "cli".into(),
            address: None,
        }
    }
}

/// An account with its grants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// The id.
    pub id: i64,
    /// The e-mail (lower case), the account's name.
    pub email: String,
    /// The person's name.
    pub name: String,
    /// A disabled account cannot sign in, and its tokens and sessions stop working.
    pub disabled: bool,
    /// Whether a local password is set (SSO accounts have none).
    pub has_password: bool,
    /// When it was created (RFC 3339 UTC).
    pub created_at: String,
    /// The version, for concurrent edits (`updateUser`).
    pub version: i64,
    /// The roles held, with their scope as slugs.
    pub grants: Vec<Grant>,
}

/// A new account.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// The e-mail.
    pub email: Email,
    /// The person's name.
    pub name: String,
    /// The password's hash, or `None` for an SSO-only account.
    pub password: Option<PasswordHash>,
    /// The roles to grant.
    pub grants: Vec<Grant>,
}

/// A change to an account; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct UserChange {
    /// A new name.
    pub name: Option<String>,
    /// The full new set of grants.
    pub grants: Option<Vec<Grant>>,
    /// Disable or enable.
    pub disabled: Option<bool>,
    /// A new password hash.
    pub password: Option<PasswordHash>,
    /// The version the change is based on; a stale one is refused ([`StoreError::Stale`]).
    pub version: Option<i64>,
}

/// An API token's record (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenInfo {
    /// The id.
    pub id: i64,
    /// The owner.
    pub user_id: i64,
    /// The label given when made ("skript för diariet").
    pub label: String,
    /// When made.
    pub created_at: String,
    /// When last used (to the hour).
    pub last_used_at: Option<String>,
    /// When revoked.
    pub revoked_at: Option<String>,
}

/// A session as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    /// The id (not the secret).
    pub id: i64,
    /// The account.
    pub user: User,
    /// The synchronizer token of the session's forms.
    pub csrf_token: String,
    /// Created, last seen and absolute expiry (UTC).
    pub created_at: DateTime<Utc>,
    /// Last seen.
    pub last_seen_at: DateTime<Utc>,
    /// The absolute expiry.
    pub expires_at: DateTime<Utc>,
    /// Whether it was ended (logout).
    pub ended: bool,
}

/// A single sign-on flow under way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcFlow {
    /// The nonce sent to the provider.
    pub nonce: String,
    /// The PKCE verifier.
    pub pkce_verifier: String,
    /// Where to go after the login (a local path).
    pub return_to: String,
    /// When it started.
    pub created_at: DateTime<Utc>,
}

/// One event of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEvent {
    /// The id (increasing).
    pub id: i64,
    /// When (RFC 3339 UTC).
    pub at: String,
    /// Who (e-mail or a description).
    pub actor: String,
    /// The acting account's id.
    pub actor_user_id: Option<i64>,
    /// Through what (session, token, cli).
    pub via: String,
    /// The client's address.
    pub address: Option<String>,
    /// What was done: `user.create`, `login.failed`, `token.revoke` …
    pub action: String,
    /// On what: `user:anna@kommun.se`, `token:4` …
    pub entity: String,
    /// The entity before (JSON), when it existed.
    pub before: Option<Value>,
    /// The entity after (JSON), when it still exists.
    pub after: Option<Value>,
}

/// Which audit events to list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only this actor (e-mail or label, exact, any case).
    pub actor: Option<String>,
    /// Only entities starting with this (`user:` or `user:anna@kommun.se`).
    pub entity: Option<String>,
    /// From this instant or date (inclusive; compared as RFC 3339 text).
    pub from: Option<String>,
    /// Up to this instant or date (a date includes its whole day).
    pub to: Option<String>,
    /// At most this many (newest first).
    pub limit: u32,
    /// Skipping this many.
    pub offset: u32,
}

/// A change to write to the audit log.
pub(crate) struct Change<'a> {
    pub action: &'a str,
    pub entity: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Writes one audit event on `conn` (inside the caller's transaction).
pub(crate) async fn write_audit(
    conn: &mut AnyConnection,
    actor: &Actor,
    at: &str,
    change: Change<'_>,
) -> Result<(), StoreError> {
    write_audit_in(&mut crate::conn::Db::Any(conn), actor, at, change).await
}

/// [`write_audit`] on either of the import's connections (`crate::conn`).
pub(crate) async fn write_audit_in(
    conn: &mut crate::conn::Db<'_>,
    actor: &Actor,
    at: &str,
    change: Change<'_>,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO audit_events (at, actor_user_id, actor, via, address, action, entity, \
         before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        vec![
            at.into(),
            actor.user_id.into(),
            actor.label.as_str().into(),
            actor.via.as_str().into(),
            actor.address.clone().into(),
            change.action.into(),
            change.entity.into(),
            change.before.map(|v| v.to_string()).into(),
            change.after.map(|v| v.to_string()).into(),
        ],
        "writing the audit log",
    )
    .await?;
    Ok(())
}

/// The JSON the audit log keeps of an account (never its password hash).
fn user_json(user: &User) -> Value {
    json!({
        "email": user.email,
        "name": user.name,
        "disabled": user.disabled,
        "has_password": user.has_password,
        "roles": user.grants.iter().map(|g| json!({
            "role": g.role.api(), "authority": g.authority, "body": g.body
        })).collect::<Vec<_>>(),
        "version": user.version,
    })
}

const USER_COLUMNS: &str =
    "u.id, u.email, u.name, u.disabled, u.password_hash, u.created_at, u.version";

async fn user_from_row(conn: &mut AnyConnection, row: &AnyRow) -> Result<User, StoreError> {
    let id = int(row, "id")?;
    Ok(User {
        id,
        email: text(row, "email")?,
        name: text(row, "name")?,
        disabled: int(row, "disabled")? != 0,
        has_password: opt_text(row, "password_hash")?.is_some(),
        created_at: text(row, "created_at")?,
        version: int(row, "version")?,
        grants: grants_of(conn, id).await?,
    })
}

async fn grants_of(conn: &mut AnyConnection, user_id: i64) -> Result<Vec<Grant>, StoreError> {
    let rows = query_rows(
        conn,
        "SELECT r.role, a.slug AS authority, b.slug AS body FROM user_roles r \
         LEFT JOIN authorities a ON a.id = r.authority_id \
         LEFT JOIN bodies b ON b.id = r.body_id WHERE r.user_id = $1 ORDER BY r.id",
        vec![user_id.into()],
        "reading an account's roles",
    )
    .await?;
    let mut grants = Vec::new();
    for row in &rows {
        let role = text(row, "role")?;
        let role = Role::parse(&role)
            .map_err(|_| StoreError::Corrupt(format!("user_roles holds the role {role:?}")))?;
        grants.push(Grant {
            role,
            authority: opt_text(row, "authority")?,
            body: opt_text(row, "body")?,
        });
    }
    grants.sort();
    grants.dedup();
    Ok(grants)
}

/// Resolves a grant's slugs (or names) to ids; a scope that names nothing is refused.
async fn scope_ids(
    conn: &mut AnyConnection,
    grant: &Grant,
) -> Result<(Option<i64>, Option<i64>), StoreError> {
    let Some(authority) = &grant.authority else {
        return Ok((None, None));
    };
    let folded = kansli_core::text::fold(authority);
    let slug = kansli_core::text::slug(authority);
    let rows = query_rows(
        conn,
        "SELECT id FROM authorities WHERE slug = $1 OR name_folded = $2",
        vec![slug.into(), folded.into()],
        "finding a role's authority",
    )
    .await?;
    let Some(row) = rows.first() else {
        return Err(StoreError::Invalid(format!(
            "no authority {authority:?}: import its minutes or create it first"
        )));
    };
    let authority_id = int(row, "id")?;
    let Some(body) = &grant.body else {
        return Ok((Some(authority_id), None));
    };
    let rows = query_rows(
        conn,
        "SELECT id FROM bodies WHERE authority_id = $1 AND (slug = $2 OR name_folded = $3)",
        vec![
            authority_id.into(),
            kansli_core::text::slug(body).into(),
            kansli_core::text::fold(body).into(),
        ],
        "finding a role's body",
    )
    .await?;
    let Some(row) = rows.first() else {
        return Err(StoreError::Invalid(format!(
            "no body {body:?} in {authority:?}: check the slug (kansli's archive shows it in the \
             address of the body's page)"
        )));
    };
    Ok((Some(authority_id), Some(int(row, "id")?)))
}

async fn write_grants(
    conn: &mut AnyConnection,
    user_id: i64,
    grants: &[Grant],
    now: &str,
) -> Result<(), StoreError> {
    execute_sql(
        conn,
        "DELETE FROM user_roles WHERE user_id = $1",
        vec![user_id.into()],
        "replacing an account's roles",
    )
    .await?;
    for grant in grants {
        let (authority_id, body_id) = scope_ids(conn, grant).await?;
        execute_sql(
            conn,
            "INSERT INTO user_roles (user_id, role, authority_id, body_id, granted_at) \
             VALUES ($1, $2, $3, $4, $5)",
            vec![
                user_id.into(),
                grant.role.api().into(),
                authority_id.into(),
                body_id.into(),
                now.into(),
            ],
            "granting a role",
        )
        .await?;
    }
    Ok(())
}

impl Store {
    /// The store's clock, as the sessions and the throttle need it.
    pub fn now_utc(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    /// Creates an account with its grants; audited as `user.create`.
    ///
    /// # Errors
    /// [`StoreError::Refused`] when the e-mail is taken, [`StoreError::Invalid`] when a grant
    /// names no existing authority or body.
    pub async fn create_user(&self, actor: &Actor, new: &NewUser) -> Result<User, StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let taken = query_rows(
            &mut tx,
            "SELECT id FROM users WHERE email = $1",
            vec![new.email.as_str().into()],
            "checking the e-mail",
        )
        .await?;
        if !taken.is_empty() {
            return Err(StoreError::Refused(format!(
                "an account with the e-mail {} already exists",
                new.email
            )));
        }
        let rows = query_rows(
            &mut tx,
            "INSERT INTO users (email, name, password_hash, disabled, created_at, version) \
             VALUES ($1, $2, $3, 0, $4, 1) RETURNING id",
            vec![
                new.email.as_str().into(),
                new.name.trim().into(),
                new.password.as_ref().map(|p| p.as_str().to_string()).into(),
                now.as_str().into(),
            ],
            "creating an account",
        )
        .await?;
        let id = int(&rows[0], "id")?;
        write_grants(&mut tx, id, &new.grants, &now).await?;
        let user = self.user_on(&mut tx, id).await?.ok_or_else(|| {
            StoreError::Corrupt("an account vanished inside its transaction".into())
        })?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "user.create",
                entity: format!("user:{}", user.email),
                before: None,
                after: Some(user_json(&user)),
            },
        )
        .await?;
        tx.commit().await.db("committing the new account")?;
        Ok(user)
    }

    async fn user_on(&self, conn: &mut AnyConnection, id: i64) -> Result<Option<User>, StoreError> {
        let rows = query_rows(
            conn,
            &format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1"),
            vec![id.into()],
            "reading an account",
        )
        .await?;
        match rows.first() {
            Some(row) => Ok(Some(user_from_row(conn, row).await?)),
            None => Ok(None),
        }
    }

    /// An account by id.
    pub async fn user(&self, id: i64) -> Result<Option<User>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        self.user_on(&mut conn, id).await
    }

    /// An account by e-mail, with its password hash (for the login).
    pub async fn user_by_email(
        &self,
        email: &Email,
    ) -> Result<Option<(User, Option<PasswordHash>)>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            &format!("SELECT {USER_COLUMNS} FROM users u WHERE u.email = $1"),
            vec![email.as_str().into()],
            "finding an account",
        )
        .await?;
        let Some(row) = rows.first() else {
            return Ok(None);
        };
        let hash =
            match opt_text(row, "password_hash")? {
                Some(phc) => Some(PasswordHash::from_stored(&phc).map_err(|e| {
                    StoreError::Corrupt(format!("the password hash of {email}: {e}"))
                })?),
                None => None,
            };
        Ok(Some((user_from_row(&mut conn, row).await?, hash)))
    }

    /// Every account, by e-mail.
    pub async fn users(&self) -> Result<Vec<User>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            &format!("SELECT {USER_COLUMNS} FROM users u ORDER BY u.email"),
            vec![],
            "listing the accounts",
        )
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(user_from_row(&mut conn, row).await?);
        }
        Ok(out)
    }

    /// Changes an account; audited as `user.update` with before and after. Disabling ends the
    /// account's sessions.
    ///
    /// # Errors
    /// [`StoreError::Stale`] when `change.version` is not the stored one; `Ok(None)` when there
    /// is no such account; [`StoreError::Invalid`] for a grant naming no body.
    pub async fn update_user(
        &self,
        actor: &Actor,
        id: i64,
        change: &UserChange,
    ) -> Result<Option<User>, StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let Some(before) = self.user_on(&mut tx, id).await? else {
            return Ok(None);
        };
        if let Some(version) = change.version
            && version != before.version
        {
            return Err(StoreError::Stale {
                what: format!("the account {}", before.email),
                current: before.version,
            });
        }
        if let Some(name) = &change.name {
            execute_sql(
                &mut tx,
                "UPDATE users SET name = $1 WHERE id = $2",
                vec![name.trim().into(), id.into()],
                "renaming an account",
            )
            .await?;
        }
        if let Some(disabled) = change.disabled {
            execute_sql(
                &mut tx,
                "UPDATE users SET disabled = $1 WHERE id = $2",
                vec![i64::from(disabled).into(), id.into()],
                "disabling an account",
            )
            .await?;
            if disabled {
                execute_sql(
                    &mut tx,
                    "UPDATE sessions SET ended_at = $1 WHERE user_id = $2 AND ended_at IS NULL",
                    vec![now.as_str().into(), id.into()],
                    "ending a disabled account's sessions",
                )
                .await?;
            }
        }
        if let Some(password) = &change.password {
            execute_sql(
                &mut tx,
                "UPDATE users SET password_hash = $1 WHERE id = $2",
                vec![password.as_str().into(), id.into()],
                "setting a password",
            )
            .await?;
        }
        if let Some(grants) = &change.grants {
            write_grants(&mut tx, id, grants, &now).await?;
        }
        execute_sql(
            &mut tx,
            "UPDATE users SET version = version + 1 WHERE id = $1",
            vec![id.into()],
            "counting the account's version",
        )
        .await?;
        let after = self
            .user_on(&mut tx, id)
            .await?
            .ok_or_else(|| StoreError::Corrupt("an account vanished while changed".into()))?;
        let mut after_json = user_json(&after);
        if change.password.is_some() {
            after_json["password_changed"] = json!(true);
        }
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "user.update",
                entity: format!("user:{}", after.email),
                before: Some(user_json(&before)),
                after: Some(after_json),
            },
        )
        .await?;
        tx.commit().await.db("committing the account change")?;
        Ok(Some(after))
    }

    /// Stores a new API token's hash for an account; audited as `token.create` (the label, never
    /// the token).
    pub async fn create_token(
        &self,
        actor: &Actor,
        user_id: i64,
        label: &str,
        hash: &SecretHash,
    ) -> Result<TokenInfo, StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let rows = query_rows(
            &mut tx,
            "INSERT INTO api_tokens (user_id, token_hash, label, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
            vec![
                user_id.into(),
                hash.as_str().into(),
                label.trim().into(),
                now.as_str().into(),
            ],
            "storing a token",
        )
        .await?;
        let id = int(&rows[0], "id")?;
        let info = TokenInfo {
            id,
            user_id,
            label: label.trim().to_string(),
            created_at: now.clone(),
            last_used_at: None,
            revoked_at: None,
        };
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "token.create",
                entity: format!("token:{id}"),
                before: None,
                after: Some(json!({"user_id": user_id, "label": info.label})),
            },
        )
        .await?;
        tx.commit().await.db("committing the token")?;
        Ok(info)
    }

    /// An account's tokens (revoked ones too), newest first; all tokens for `None`.
    pub async fn tokens(&self, user_id: Option<i64>) -> Result<Vec<TokenInfo>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let (filter, binds) = match user_id {
            Some(id) => ("WHERE user_id = $1", vec![id.into()]),
            None => ("", vec![]),
        };
        let rows = query_rows(
            &mut conn,
            &format!(
                "SELECT id, user_id, label, created_at, last_used_at, revoked_at FROM api_tokens \
                 {filter} ORDER BY id DESC"
            ),
            binds,
            "listing tokens",
        )
        .await?;
        rows.iter()
            .map(|row| {
                Ok(TokenInfo {
                    id: int(row, "id")?,
                    user_id: int(row, "user_id")?,
                    label: text(row, "label")?,
                    created_at: text(row, "created_at")?,
                    last_used_at: opt_text(row, "last_used_at")?,
                    revoked_at: opt_text(row, "revoked_at")?,
                })
            })
            .collect()
    }

    /// Revokes a token (of `owner` only, when given); audited. `false` when there was no such
    /// live token.
    pub async fn revoke_token(
        &self,
        actor: &Actor,
        token_id: i64,
        owner: Option<i64>,
    ) -> Result<bool, StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let n = execute_sql(
            &mut tx,
            "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL \
             AND ($3 = 0 OR user_id = $4)",
            vec![
                now.as_str().into(),
                token_id.into(),
                i64::from(owner.is_some()).into(),
                owner.unwrap_or(0).into(),
            ],
            "revoking a token",
        )
        .await?;
        if n > 0 {
            write_audit(
                &mut tx,
                actor,
                &now,
                Change {
                    action: "token.revoke",
                    entity: format!("token:{token_id}"),
                    before: Some(json!({"revoked": false})),
                    after: Some(json!({"revoked": true})),
                },
            )
            .await?;
        }
        tx.commit().await.db("committing the revocation")?;
        Ok(n > 0)
    }

    /// The account behind a live token of an enabled account, and the token's id. The use is
    /// recorded (last use, and an audit event `token.use`) at most once an hour per token, so
    /// a busy script does not flood the log.
    pub async fn user_by_token(
        &self,
        hash: &SecretHash,
        address: Option<&str>,
    ) -> Result<Option<(User, i64)>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT t.id AS token_id, t.last_used_at, t.user_id FROM api_tokens t \
             JOIN users u ON u.id = t.user_id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled = 0",
            vec![hash.as_str().into()],
            "looking up a token",
        )
        .await?;
        let Some(row) = rows.first() else {
            return Ok(None);
        };
        let token_id = int(row, "token_id")?;
        let user_id = int(row, "user_id")?;
        let Some(user) = self.user_on(&mut conn, user_id).await? else {
            return Ok(None);
        };
        let now = self.now_utc();
        let hour = |t: DateTime<Utc>| t.format("%Y-%m-%dT%H").to_string();
        let last = opt_text(row, "last_used_at")?;
        if last.as_deref().map(|l| l.get(..13).unwrap_or("")) != Some(hour(now).as_str()) {
            drop(conn);
            let mut tx = self.begin_write().await?;
            let stamp_now = stamp(now);
            let n = execute_sql(
                &mut tx,
                "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2 \
                 AND (last_used_at IS NULL OR last_used_at < $3)",
                vec![
                    stamp_now.as_str().into(),
                    token_id.into(),
                    format!("{}:00:00Z", hour(now)).into(),
                ],
                "recording a token's use",
            )
            .await?;
            if n > 0 {
                let actor = Actor {
                    user_id: Some(user.id),
                    label: user.email.clone(),
                    via: format!("token {token_id}"),
                    address: address.map(str::to_string),
                };
                write_audit(
                    &mut tx,
                    &actor,
                    &stamp_now,
                    Change {
                        action: "token.use",
                        entity: format!("token:{token_id}"),
                        before: None,
                        after: None,
                    },
                )
                .await?;
            }
            tx.commit().await.db("committing a token's use")?;
        }
        Ok(Some((user, token_id)))
    }

    /// Starts a session for an account: stores the session id's hash and its CSRF token. Sessions
    /// that ended or expired over a day ago, and failed logins older than a day, are deleted on
    /// the way (the throttle looks back 15 minutes; the audit log keeps the history).
    pub async fn create_session(
        &self,
        user_id: i64,
        id_hash: &SecretHash,
        csrf_token: &str,
        via: &str,
        address: Option<&str>,
        expires_at: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let now = self.now();
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let day_ago = stamp(self.now_utc() - chrono::Duration::days(1));
        execute_sql(
            &mut conn,
            "DELETE FROM sessions WHERE expires_at < $1 OR ended_at < $1",
            vec![day_ago.as_str().into()],
            "forgetting old sessions",
        )
        .await?;
        execute_sql(
            &mut conn,
            "DELETE FROM login_failures WHERE at < $1",
            vec![day_ago.as_str().into()],
            "forgetting old failed logins",
        )
        .await?;
        let rows = query_rows(
            &mut conn,
            "INSERT INTO sessions (id_hash, user_id, csrf_token, via, address, created_at, \
             last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $6, $7) RETURNING id",
            vec![
                id_hash.as_str().into(),
                user_id.into(),
                csrf_token.into(),
                via.into(),
                address.into(),
                now.into(),
                stamp(expires_at).into(),
            ],
            "starting a session",
        )
        .await?;
        int(&rows[0], "id")
    }

    /// A session by its id's hash, with its account (ended and expired ones too: the caller
    /// decides, with its clock and idle limit).
    pub async fn session(&self, id_hash: &SecretHash) -> Result<Option<SessionInfo>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT id, user_id, csrf_token, created_at, last_seen_at, expires_at, ended_at \
             FROM sessions WHERE id_hash = $1",
            vec![id_hash.as_str().into()],
            "reading a session",
        )
        .await?;
        let Some(row) = rows.first() else {
            return Ok(None);
        };
        let Some(user) = self.user_on(&mut conn, int(row, "user_id")?).await? else {
            return Ok(None);
        };
        Ok(Some(SessionInfo {
            id: int(row, "id")?,
            user,
            csrf_token: text(row, "csrf_token")?,
            created_at: instant(&text(row, "created_at")?, "created_at")?,
            last_seen_at: instant(&text(row, "last_seen_at")?, "last_seen_at")?,
            expires_at: instant(&text(row, "expires_at")?, "expires_at")?,
            ended: opt_text(row, "ended_at")?.is_some(),
        }))
    }

    /// Records that a session was used now (its idle time starts again).
    pub async fn touch_session(&self, session_id: i64) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        execute_sql(
            &mut conn,
            "UPDATE sessions SET last_seen_at = $1 WHERE id = $2",
            vec![self.now().into(), session_id.into()],
            "recording a session's use",
        )
        .await?;
        Ok(())
    }

    /// Ends one session (logout); audited as `logout`.
    pub async fn end_session(&self, actor: &Actor, session_id: i64) -> Result<(), StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        execute_sql(
            &mut tx,
            "UPDATE sessions SET ended_at = $1 WHERE id = $2 AND ended_at IS NULL",
            vec![now.as_str().into(), session_id.into()],
            "ending a session",
        )
        .await?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "logout",
                entity: format!("session:{session_id}"),
                before: None,
                after: None,
            },
        )
        .await?;
        tx.commit().await.db("committing the logout")
    }

    /// Ends every session of an account (logout everywhere); audited; returns how many.
    pub async fn end_all_sessions(&self, actor: &Actor, user_id: i64) -> Result<u64, StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let n = execute_sql(
            &mut tx,
            "UPDATE sessions SET ended_at = $1 WHERE user_id = $2 AND ended_at IS NULL",
            vec![now.as_str().into(), user_id.into()],
            "ending every session of an account",
        )
        .await?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "logout.everywhere",
                entity: format!("user:{}", actor.label),
                before: None,
                after: Some(json!({"sessions_ended": n})),
            },
        )
        .await?;
        tx.commit().await.db("committing the logout")?;
        Ok(n)
    }

    /// Records a failed login for an account (as typed, lower-cased) from an address, and
    /// audits it as `login.failed`.
    pub async fn record_login_failure(
        &self,
        actor: &Actor,
        account: &str,
        address: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        let now = self.now();
        let account = account.trim().to_lowercase();
        let account: String = account.chars().take(254).collect();
        let mut tx = self.begin_write().await?;
        execute_sql(
            &mut tx,
            "INSERT INTO login_failures (account, address, at) VALUES ($1, $2, $3)",
            vec![account.as_str().into(), address.into(), now.as_str().into()],
            "recording a failed login",
        )
        .await?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "login.failed",
                entity: format!("user:{account}"),
                before: None,
                after: Some(json!({"reason": reason})),
            },
        )
        .await?;
        tx.commit().await.db("committing a failed login")
    }

    /// The times of failed logins since `since`, for an account and for an address.
    pub async fn login_failures(
        &self,
        account: &str,
        address: &str,
        since: DateTime<Utc>,
    ) -> Result<(Vec<DateTime<Utc>>, Vec<DateTime<Utc>>), StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let since = stamp(since);
        let mut out = (Vec::new(), Vec::new());
        for (column, value, list) in [
            ("account", account.trim().to_lowercase(), &mut out.0),
            ("address", address.to_string(), &mut out.1),
        ] {
            let rows = query_rows(
                &mut conn,
                &format!(
                    "SELECT at FROM login_failures WHERE {column} = $1 AND at > $2 \
                     ORDER BY at DESC LIMIT 100"
                ),
                vec![value.into(), since.as_str().into()],
                "reading failed logins",
            )
            .await?;
            for row in &rows {
                list.push(instant(&text(row, "at")?, "at")?);
            }
        }
        Ok(out)
    }

    /// A successful login: clears the account's failures, audits `login`.
    pub async fn record_login(&self, actor: &Actor, account: &str) -> Result<(), StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        execute_sql(
            &mut tx,
            "DELETE FROM login_failures WHERE account = $1",
            vec![account.trim().to_lowercase().into()],
            "clearing failed logins",
        )
        .await?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "login",
                entity: format!("user:{}", account.trim().to_lowercase()),
                before: None,
                after: Some(json!({"via": actor.via})),
            },
        )
        .await?;
        tx.commit().await.db("committing a login")
    }

    /// Writes one audit event on its own (events that change nothing else).
    pub async fn audit(
        &self,
        actor: &Actor,
        action: &str,
        entity: &str,
        after: Option<Value>,
    ) -> Result<(), StoreError> {
        let now = self.now();
        let mut conn = self.pool.acquire().await.db("connecting")?;
        write_audit(
            &mut conn,
            actor,
            &now,
            Change {
                action,
                entity: entity.to_string(),
                before: None,
                after,
            },
        )
        .await
    }

    /// Audit events, newest first, filtered; and how many match in all.
    pub async fn audit_events(
        &self,
        filter: &AuditFilter,
    ) -> Result<(Vec<AuditEvent>, i64), StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let mut clauses = Vec::new();
        let mut binds: Vec<Val> = Vec::new();
        if let Some(actor) = filter.actor.as_deref().filter(|a| !a.trim().is_empty()) {
            binds.push(actor.trim().to_lowercase().into());
            clauses.push(format!("LOWER(actor) = ${}", binds.len()));
        }
        if let Some(entity) = filter.entity.as_deref().filter(|e| !e.trim().is_empty()) {
            let entity = entity.trim().to_string();
            binds.push((entity.chars().count() as i64).into());
            binds.push(entity.into());
            clauses.push(format!(
                "SUBSTR(entity, 1, CAST(${} AS INTEGER)) = ${}",
                binds.len() - 1,
                binds.len()
            ));
        }
        if let Some(from) = filter.from.as_deref().filter(|f| !f.is_empty()) {
            binds.push(from.into());
            clauses.push(format!("at >= ${}", binds.len()));
        }
        if let Some(to) = filter.to.as_deref().filter(|t| !t.is_empty()) {
            // A bare date includes its whole day.
            let to = if to.len() == 10 {
                format!("{to}T23:59:59Z")
            } else {
                to.to_string()
            };
            binds.push(to.into());
            clauses.push(format!("at <= ${}", binds.len()));
        }
        let filter_sql = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        let total = query_rows(
            &mut conn,
            &format!("SELECT COUNT(*) AS n FROM audit_events {filter_sql}"),
            binds.clone(),
            "counting audit events",
        )
        .await?;
        let total = int(&total[0], "n")?;
        let rows = query_rows(
            &mut conn,
            &format!(
                "SELECT id, at, actor_user_id, actor, via, address, action, entity, before_json, \
                 after_json FROM audit_events {filter_sql} ORDER BY id DESC LIMIT {} OFFSET {}",
                filter.limit.clamp(1, 1000),
                filter.offset
            ),
            binds,
            "reading audit events",
        )
        .await?;
        let json_of = |raw: Option<String>| raw.and_then(|r| serde_json::from_str(&r).ok());
        let events = rows
            .iter()
            .map(|row| {
                Ok(AuditEvent {
                    id: int(row, "id")?,
                    at: text(row, "at")?,
                    actor_user_id: opt_int(row, "actor_user_id")?,
                    actor: text(row, "actor")?,
                    via: text(row, "via")?,
                    address: opt_text(row, "address")?,
                    action: text(row, "action")?,
                    entity: text(row, "entity")?,
                    before: json_of(opt_text(row, "before_json")?),
                    after: json_of(opt_text(row, "after_json")?),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok((events, total))
    }

    /// Keeps a single sign-on flow under way (state hashed), for the callback to take once.
    pub async fn put_oidc_flow(
        &self,
        state: &SecretHash,
        flow: &OidcFlow,
    ) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        // Flows older than an hour are abandoned logins.
        let cutoff = stamp(self.now_utc() - chrono::Duration::hours(1));
        execute_sql(
            &mut conn,
            "DELETE FROM oidc_flows WHERE created_at < $1",
            vec![cutoff.into()],
            "forgetting abandoned logins",
        )
        .await?;
        execute_sql(
            &mut conn,
            "INSERT INTO oidc_flows (state_hash, nonce, pkce_verifier, return_to, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
            vec![
                state.as_str().into(),
                flow.nonce.as_str().into(),
                flow.pkce_verifier.as_str().into(),
                flow.return_to.as_str().into(),
                stamp(flow.created_at).into(),
            ],
            "keeping a login flow",
        )
        .await?;
        Ok(())
    }

    /// Takes (and deletes) the flow of a state: a state is good for one callback only.
    pub async fn take_oidc_flow(&self, state: &SecretHash) -> Result<Option<OidcFlow>, StoreError> {
        let mut tx = self.begin_write().await?;
        let rows = query_rows(
            &mut tx,
            "SELECT nonce, pkce_verifier, return_to, created_at FROM oidc_flows \
             WHERE state_hash = $1",
            vec![state.as_str().into()],
            "reading a login flow",
        )
        .await?;
        let Some(row) = rows.first() else {
            return Ok(None);
        };
        let flow = OidcFlow {
            nonce: text(row, "nonce")?,
            pkce_verifier: text(row, "pkce_verifier")?,
            return_to: text(row, "return_to")?,
            created_at: instant(&text(row, "created_at")?, "created_at")?,
        };
        execute_sql(
            &mut tx,
            "DELETE FROM oidc_flows WHERE state_hash = $1",
            vec![state.as_str().into()],
            "using up a login flow",
        )
        .await?;
        tx.commit().await.db("committing a login flow")?;
        Ok(Some(flow))
    }

    /// Finds the account of a single sign-on login by its verified e-mail, or creates it with
    /// no role (an administrator grants one); records the provider's subject. Audited.
    pub async fn user_for_sso(
        &self,
        email: &Email,
        name: &str,
        subject: &str,
    ) -> Result<User, StoreError> {
        let actor = Actor {
            user_id: None,
            label: email.to_string(),
            via: "sso".into(),
            address: None,
        };
        let existing = self.user_by_email(email).await?;
        let user = match existing {
            Some((user, _)) => user,
            None => {
                self.create_user(
                    &actor,
                    &NewUser {
                        email: email.clone(),
                        name: if name.trim().is_empty() {
                            email.to_string()
                        } else {
                            name.to_string()
                        },
                        password: None,
                        grants: Vec::new(),
                    },
                )
                .await?
            }
        };
        let mut conn = self.pool.acquire().await.db("connecting")?;
        execute_sql(
            &mut conn,
            "UPDATE users SET oidc_subject = $1 WHERE id = $2",
            vec![subject.into(), user.id.into()],
            "recording the SSO subject",
        )
        .await?;
        Ok(user)
    }
}

impl Store {
    /// Runs one SQL statement as it is, outside every rule of this crate: only for tests that
    /// prove what the database itself refuses (the append-only audit log).
    #[doc(hidden)]
    pub async fn execute_raw_for_tests(&self, sql: &str) -> Result<u64, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        execute_sql(&mut conn, sql, vec![], "running raw SQL").await
    }
}
