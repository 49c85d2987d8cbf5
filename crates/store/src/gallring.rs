//! Gallring (disposal) from the authority's dokumenthanteringsplan: a retention rule per
//! document type — bevaras (kept for ever) or gallras N years after the case was closed — each
//! document's type, the documents due, and the run that deletes their content.
//!
//! What gallring deletes is a document's content (the stored file, unless another document or
//! minutes still hold the same bytes); the document's registration stays in the diarium, marked
//! `gallrad_at`, and an append-only `gallring_log` row says what was deleted, when, by whom and
//! under which rule. A document is due only when its case is closed, its type has a rule of
//! kind gallras and the rule's years have passed since the closing; a document whose type is
//! bevaras, or that has no type or no rule, is never due. The run recomputes what is due inside
//! its own transaction, so a rule changed to bevaras a moment before protects at once. Every
//! change is audited.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;
use sqlx::AnyConnection;

use crate::accounts::{Actor, Change, write_audit};
use crate::error::DbContext;
use crate::sql::{execute_sql, int, opt_int, opt_text, query_rows, text};
use crate::{Store, StoreError};

/// What the plan says of a document type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Retention {
    /// Bevaras: never deleted.
    Bevaras,
    /// Gallras this many years after the case was closed.
    Gallras {
        /// Years after the closing (0: at once).
        years: u32,
    },
}

impl std::fmt::Display for Retention {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Retention::Bevaras => write!(f, "bevaras"),
            Retention::Gallras { years } => write!(f, "gallras efter {years} år"),
        }
    }
}

/// A retention rule of an authority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionRule {
    /// The rule's id.
    pub id: i64,
    /// The document type as the plan names it ("Anbud").
    pub document_type: String,
    /// Bevaras or gallras after N years.
    pub retention: Retention,
    /// When it was last set (RFC 3339 UTC).
    pub updated_at: String,
}

/// A document whose content gallring would delete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueDocument {
    /// The document's id.
    pub document_id: i64,
    /// Its case's Dnr.
    pub case_dnr: String,
    /// Its title.
    pub title: String,
    /// Its type.
    pub document_type: String,
    /// When its case was closed.
    pub closed_at: String,
    /// The day it became due (`YYYY-MM-DD`).
    pub due: String,
    /// The rule, as words ("gallras efter 2 år").
    pub rule: String,
    /// The rule's id.
    pub rule_id: i64,
}

/// A document whose content gallring deleted, as the log keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GallradDocument {
    /// The document's id (its registration stays).
    pub document_id: i64,
    /// Its case's Dnr.
    pub case_dnr: String,
    /// Its title.
    pub title: String,
    /// Its type.
    pub document_type: String,
    /// The SHA-256 of the content deleted.
    pub file_sha256: Option<String>,
    /// Its size in bytes.
    pub file_size: Option<i64>,
    /// The rule, as words, and its id.
    pub rule: String,
    /// The rule's id.
    pub rule_id: i64,
    /// The day it was due.
    pub due: String,
    /// When it was deleted (RFC 3339 UTC).
    pub deleted_at: String,
    /// Who ran the gallring.
    pub deleted_by: String,
}

async fn authority_id(conn: &mut AnyConnection, slug: &str) -> Result<Option<i64>, StoreError> {
    let rows = query_rows(
        conn,
        "SELECT id FROM authorities WHERE slug = $1",
        vec![slug.to_lowercase().into()],
        "finding the authority",
    )
    .await?;
    rows.first().map(|r| int(r, "id")).transpose()
}

fn rule_from(row: &sqlx::any::AnyRow) -> Result<RetentionRule, StoreError> {
    let action = text(row, "action")?;
    let retention = match action.as_str() {
        "bevaras" => Retention::Bevaras,
        "gallras" => Retention::Gallras {
            years: u32::try_from(opt_int(row, "years")?.unwrap_or(0))
                .map_err(|_| StoreError::Corrupt("a retention rule with negative years".into()))?,
        },
        other => {
            return Err(StoreError::Corrupt(format!(
                "retention rule action {other:?}"
            )));
        }
    };
    Ok(RetentionRule {
        id: int(row, "id")?,
        document_type: text(row, "document_type")?,
        retention,
        updated_at: text(row, "updated_at")?,
    })
}

/// The documents due on `today` (the query every list and run shares).
async fn due(
    conn: &mut AnyConnection,
    authority_id: i64,
    today: NaiveDate,
) -> Result<Vec<(DueDocument, Option<String>)>, StoreError> {
    let rows = query_rows(
        conn,
        "SELECT d.id, d.title, d.document_type, d.file_sha256, c.dnr_printed, c.closed_at, \
         r.id AS rule_id, r.action, r.years, r.document_type AS rule_type, r.updated_at \
         FROM documents d JOIN cases c ON c.id = d.case_id \
         JOIN retention_rules r ON r.authority_id = c.authority_id \
         AND r.document_type = d.document_type \
         WHERE c.authority_id = $1 AND c.status = 'closed' AND c.closed_at IS NOT NULL \
         AND d.gallrad_at IS NULL AND r.action = 'gallras' ORDER BY c.closed_at, d.id",
        vec![authority_id.into()],
        "finding the documents due for gallring",
    )
    .await?;
    let mut out = Vec::new();
    for row in &rows {
        let closed_at = text(row, "closed_at")?;
        let closed = chrono::DateTime::parse_from_rfc3339(&closed_at)
            .map_err(|_| StoreError::Corrupt(format!("cases.closed_at holds {closed_at:?}")))?
            .date_naive();
        let years = opt_int(row, "years")?.unwrap_or(0).clamp(0, 1000) as u32;
        let Some(due_day) = closed.checked_add_months(chrono::Months::new(12 * years)) else {
            continue;
        };
        if due_day > today {
            continue;
        }
        // A rule is read as the run reads it: never a document of a bevaras type.
        let rule = RetentionRule {
            id: int(row, "rule_id")?,
            document_type: text(row, "rule_type")?,
            retention: Retention::Gallras { years },
            updated_at: text(row, "updated_at")?,
        };
        out.push((
            DueDocument {
                document_id: int(row, "id")?,
                case_dnr: text(row, "dnr_printed")?,
                title: text(row, "title")?,
                document_type: text(row, "document_type")?,
                closed_at,
                due: due_day.to_string(),
                rule: rule.retention.to_string(),
                rule_id: rule.id,
            },
            opt_text(row, "file_sha256")?,
        ));
    }
    Ok(out)
}

impl Store {
    /// Sets the rule for a document type of `authority` (slug): a new type, or a changed rule
    /// for one already planned (the type's spelling matched without regard to case). `None`
    /// when there is no such authority. Audited.
    pub async fn set_retention_rule(
        &self,
        actor: &Actor,
        authority: &str,
        document_type: &str,
        retention: Retention,
    ) -> Result<Option<RetentionRule>, StoreError> {
        let document_type = document_type
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if document_type.is_empty() {
            return Err(StoreError::Refused("a document type needs a name".into()));
        }
        let folded = kansli_core::text::fold(&document_type);
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let Some(authority_id) = authority_id(&mut tx, authority).await? else {
            return Ok(None);
        };
        let before = query_rows(
            &mut tx,
            "SELECT id, document_type, action, years, updated_at FROM retention_rules \
             WHERE authority_id = $1 AND document_type_folded = $2",
            vec![authority_id.into(), folded.as_str().into()],
            "reading the retention rule",
        )
        .await?
        .first()
        .map(rule_from)
        .transpose()?;
        let (action, years) = match retention {
            Retention::Bevaras => ("bevaras", None),
            Retention::Gallras { years } => ("gallras", Some(i64::from(years))),
        };
        let rows = query_rows(
            &mut tx,
            "INSERT INTO retention_rules (authority_id, document_type, document_type_folded, \
             action, years, updated_at) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (authority_id, document_type_folded) DO UPDATE SET \
             action = EXCLUDED.action, years = EXCLUDED.years, updated_at = EXCLUDED.updated_at \
             RETURNING id, document_type, action, years, updated_at",
            vec![
                authority_id.into(),
                document_type.as_str().into(),
                folded.as_str().into(),
                action.into(),
                years.into(),
                now.as_str().into(),
            ],
            "setting the retention rule",
        )
        .await?;
        let rule = rule_from(&rows[0])?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "gallring.rule",
                entity: format!("retention_rule:{authority}/{}", rule.document_type),
                before: before.map(|b| json!({"retention": b.retention.to_string()})),
                after: Some(json!({"retention": rule.retention.to_string()})),
            },
        )
        .await?;
        tx.commit().await.db("committing the retention rule")?;
        Ok(Some(rule))
    }

    /// The retention rules of `authority` (slug), by type.
    pub async fn retention_rules(&self, authority: &str) -> Result<Vec<RetentionRule>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let Some(authority_id) = authority_id(&mut conn, authority).await? else {
            return Ok(Vec::new());
        };
        query_rows(
            &mut conn,
            "SELECT id, document_type, action, years, updated_at FROM retention_rules \
             WHERE authority_id = $1 ORDER BY document_type_folded",
            vec![authority_id.into()],
            "reading the retention rules",
        )
        .await?
        .iter()
        .map(rule_from)
        .collect()
    }

    /// Gives a document of `authority`'s diarium a type of its dokumenthanteringsplan; the
    /// type must have a rule. `Ok(None)` when there is no such document in that authority.
    /// Audited.
    pub async fn set_document_type(
        &self,
        actor: &Actor,
        authority: &str,
        document_id: i64,
        document_type: &str,
    ) -> Result<Option<String>, StoreError> {
        let folded = kansli_core::text::fold(document_type.trim());
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let Some(authority_id) = authority_id(&mut tx, authority).await? else {
            return Ok(None);
        };
        let documents = query_rows(
            &mut tx,
            "SELECT d.document_type FROM documents d JOIN cases c ON c.id = d.case_id \
             WHERE d.id = $1 AND c.authority_id = $2",
            vec![document_id.into(), authority_id.into()],
            "finding the document",
        )
        .await?;
        let Some(document) = documents.first() else {
            return Ok(None);
        };
        let before = opt_text(document, "document_type")?;
        let rules = query_rows(
            &mut tx,
            "SELECT document_type FROM retention_rules \
             WHERE authority_id = $1 AND document_type_folded = $2",
            vec![authority_id.into(), folded.as_str().into()],
            "finding the document type",
        )
        .await?;
        let Some(rule) = rules.first() else {
            return Err(StoreError::Refused(format!(
                "{:?} is not a document type of the plan: set its rule first",
                document_type.trim()
            )));
        };
        let canonical = text(rule, "document_type")?;
        execute_sql(
            &mut tx,
            "UPDATE documents SET document_type = $1 WHERE id = $2",
            vec![canonical.as_str().into(), document_id.into()],
            "setting the document's type",
        )
        .await?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "document.type",
                entity: format!("document:{document_id}"),
                before: Some(json!({"document_type": before})),
                after: Some(json!({"document_type": canonical})),
            },
        )
        .await?;
        tx.commit().await.db("committing the document's type")?;
        Ok(Some(canonical))
    }

    /// The documents of `authority` (slug) whose content is due for gallring on `today`.
    pub async fn gallring_due(
        &self,
        authority: &str,
        today: NaiveDate,
    ) -> Result<Vec<DueDocument>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let Some(authority_id) = authority_id(&mut conn, authority).await? else {
            return Ok(Vec::new());
        };
        Ok(due(&mut conn, authority_id, today)
            .await?
            .into_iter()
            .map(|(d, _)| d)
            .collect())
    }

    /// Deletes the content of every document of `authority` (slug) due on `today`, in one
    /// transaction: each gets a `gallring_log` row and an audit event, its registration is
    /// marked `gallrad_at`, and its stored file is removed unless another document or minutes
    /// hold the same bytes. Returns what was deleted.
    pub async fn run_gallring(
        &self,
        actor: &Actor,
        authority: &str,
        today: NaiveDate,
    ) -> Result<Vec<GallradDocument>, StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let Some(authority_id) = authority_id(&mut tx, authority).await? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for (doc, sha) in due(&mut tx, authority_id, today).await? {
            let size = match &sha {
                Some(sha) => query_rows(
                    &mut tx,
                    "SELECT size FROM stored_files WHERE sha256 = $1",
                    vec![sha.as_str().into()],
                    "reading the document's size",
                )
                .await?
                .first()
                .map(|r| int(r, "size"))
                .transpose()?,
                None => None,
            };
            execute_sql(
                &mut tx,
                "INSERT INTO gallring_log (authority_id, document_id, case_dnr, title, \
                 document_type, file_sha256, file_size, rule_id, rule, due, deleted_at, \
                 deleted_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                vec![
                    authority_id.into(),
                    doc.document_id.into(),
                    doc.case_dnr.as_str().into(),
                    doc.title.as_str().into(),
                    doc.document_type.as_str().into(),
                    sha.clone().into(),
                    size.into(),
                    doc.rule_id.into(),
                    doc.rule.as_str().into(),
                    doc.due.as_str().into(),
                    now.as_str().into(),
                    actor.label.as_str().into(),
                ],
                "logging the gallring",
            )
            .await?;
            execute_sql(
                &mut tx,
                "UPDATE documents SET file_sha256 = NULL, gallrad_at = $1 WHERE id = $2",
                vec![now.as_str().into(), doc.document_id.into()],
                "marking the document gallrad",
            )
            .await?;
            if let Some(sha) = &sha {
                execute_sql(
                    &mut tx,
                    "DELETE FROM stored_files WHERE sha256 = $1 \
                     AND NOT EXISTS (SELECT 1 FROM documents WHERE file_sha256 = $1) \
                     AND NOT EXISTS (SELECT 1 FROM minutes_sources WHERE file_sha256 = $1) \
                     AND NOT EXISTS (SELECT 1 FROM extracts WHERE file_sha256 = $1)",
                    vec![sha.as_str().into()],
                    "deleting the document's content",
                )
                .await?;
            }
            write_audit(
                &mut tx,
                actor,
                &now,
                Change {
                    action: "gallring.delete",
                    entity: format!("document:{}", doc.document_id),
                    before: Some(json!({"case": doc.case_dnr, "title": doc.title,
                        "document_type": doc.document_type, "sha256": sha, "size": size})),
                    after: Some(json!({"gallrad_at": now, "rule": doc.rule, "due": doc.due})),
                },
            )
            .await?;
            out.push(GallradDocument {
                document_id: doc.document_id,
                case_dnr: doc.case_dnr,
                title: doc.title,
                document_type: doc.document_type,
                file_sha256: sha,
                file_size: size,
                rule: doc.rule,
                rule_id: doc.rule_id,
                due: doc.due,
                deleted_at: now.clone(),
                deleted_by: actor.label.clone(),
            });
        }
        tx.commit().await.db("committing the gallring")?;
        Ok(out)
    }

    /// What gallring has deleted for `authority` (slug), oldest first.
    pub async fn gallring_log(&self, authority: &str) -> Result<Vec<GallradDocument>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let Some(authority_id) = authority_id(&mut conn, authority).await? else {
            return Ok(Vec::new());
        };
        query_rows(
            &mut conn,
            "SELECT document_id, case_dnr, title, document_type, file_sha256, file_size, \
             rule_id, rule, due, deleted_at, deleted_by FROM gallring_log \
             WHERE authority_id = $1 ORDER BY id",
            vec![authority_id.into()],
            "reading the gallring log",
        )
        .await?
        .iter()
        .map(|r| {
            Ok(GallradDocument {
                document_id: int(r, "document_id")?,
                case_dnr: text(r, "case_dnr")?,
                title: text(r, "title")?,
                document_type: text(r, "document_type")?,
                file_sha256: opt_text(r, "file_sha256")?,
                file_size: opt_int(r, "file_size")?,
                rule: text(r, "rule")?,
                rule_id: int(r, "rule_id")?,
                due: text(r, "due")?,
                deleted_at: text(r, "deleted_at")?,
                deleted_by: text(r, "deleted_by")?,
            })
        })
        .collect()
    }
}
