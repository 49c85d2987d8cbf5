//! The review of imported minutes (issue 16): which imported minutes have fields to check, one
//! meeting's reading with its corrections and originals, and a person's correction or
//! confirmation of one field.
//!
//! A correction changes the stored reading (`minutes_readings`) with
//! [`kansli_core::review::ReviewField::apply`] and rewrites the minutes' rows from it through
//! the import's own writer (`import::write_children`), so the public pages, the API, the
//! renderer and the search index (a `changes` row) all show the corrected value; it is kept in
//! `import_corrections` and written to the audit log in the same transaction.
//!
//! The rule for a new import of the same minutes: every correction is applied again, in the
//! order made, to the new reading (`corrected`), so a re-import never silently undoes one.
//! When the new reading differs both from what the person corrected and from what they wrote,
//! the person's value is kept and the minutes get a warning naming both. The same file again is
//! `Unchanged` anyway: the minutes' content hash stays the parser's.
//!
//! The list of minutes to review reads `minutes.review_fields` (the paths still to check,
//! kept by every import and correction), one indexed query per page; minutes imported before
//! that column existed get it computed, a bounded batch per listing.

use crate::conn::Db;
use std::collections::BTreeSet;

use kansli_core::protocol::ParsedProtocol;
use kansli_core::review::{ReviewField, shaky_fields};
use serde::Serialize;
use serde_json::json;
use sqlx::{AnyConnection, AssertSqlSafe};

use crate::accounts::{Change, write_audit};
use crate::documents::MeetingRef;
use crate::error::DbContext;
use crate::read::{FileInfo, StoredFile};
use crate::sql::{Val, bind_all, int, opt_int, opt_text, text};
use crate::{Actor, Store, StoreError, files};

/// The most minutes one listing page holds.
pub const MAX_PER_PAGE: u32 = 100;
/// The deepest page a listing reads (the offset is bounded too).
pub const MAX_PAGE: u32 = 1000;
/// How many minutes without `review_fields` one listing computes it for.
const BACKFILL_BATCH: i64 = 50;
/// The most grants a listing filters by (a person holds a handful).
const MAX_SCOPES: usize = 50;
/// The largest text original the review page shows inline (bytes).
pub const MAX_TEXT_ORIGINAL: usize = 2 * 1024 * 1024;

/// Imported minutes with fields to check, as the list shows them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewSummary {
    /// The meeting.
    pub meeting: MeetingRef,
    /// The paths of the fields to check (`chair`, `notice.posted`, `items.12.title`).
    pub fields: Vec<String>,
    /// When the minutes were last imported or corrected (RFC 3339).
    pub updated_at: String,
}

/// A page of the list, newest meeting first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewList {
    /// The minutes on this page.
    pub items: Vec<ReviewSummary>,
    /// How many minutes in all have fields to check (within the scope asked).
    pub total: i64,
}

/// One correction or confirmation, as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldCorrection {
    /// Its id.
    pub id: i64,
    /// The field's path.
    pub field: String,
    /// `correct` or `confirm`.
    pub action: String,
    /// The value before, one line per name.
    pub before: Vec<String>,
    /// The value after.
    pub after: Vec<String>,
    /// The person's comment.
    pub comment: Option<String>,
    /// Who (the account's e-mail).
    pub by: String,
    /// When (RFC 3339).
    pub at: String,
}

/// One imported meeting under review.
#[derive(Debug, Clone)]
pub struct ImportReview {
    /// The meeting.
    pub meeting: MeetingRef,
    /// The minutes' id.
    pub minutes_id: i64,
    /// The stored reading, with every correction applied.
    pub reading: ParsedProtocol,
    /// The corrections and confirmations made, oldest first.
    pub corrections: Vec<FieldCorrection>,
    /// The original files, oldest first.
    pub originals: Vec<FileInfo>,
}

impl ImportReview {
    /// The paths a person has corrected or confirmed.
    pub fn confirmed(&self) -> Vec<String> {
        let set: BTreeSet<&str> = self.corrections.iter().map(|c| c.field.as_str()).collect();
        set.into_iter().map(str::to_string).collect()
    }
}

/// Who a listing is for: every body (an administrator) or these `(authority, body)` slugs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewScope {
    /// Every imported meeting.
    All,
    /// The meetings of these bodies.
    Bodies(Vec<(String, String)>),
}

impl Store {
    /// Imported minutes with fields to check in `scope`, newest meeting first: page `page`
    /// (from 1) of `per_page` (at most [`MAX_PER_PAGE`]; pages beyond [`MAX_PAGE`] are empty).
    pub async fn import_reviews(
        &self,
        scope: &ReviewScope,
        page: u32,
        per_page: u32,
    ) -> Result<ReviewList, StoreError> {
        self.backfill_review_fields().await?;
        let per_page = per_page.clamp(1, MAX_PER_PAGE);
        if page == 0 || page > MAX_PAGE {
            return Ok(ReviewList {
                items: Vec::new(),
                total: 0,
            });
        }
        let mut filter = String::new();
        let mut values: Vec<Val> = Vec::new();
        if let ReviewScope::Bodies(bodies) = scope {
            if bodies.is_empty() {
                return Ok(ReviewList {
                    items: Vec::new(),
                    total: 0,
                });
            }
            let mut ors = Vec::new();
            for (a, b) in bodies.iter().take(MAX_SCOPES) {
                values.push(a.to_lowercase().into());
                values.push(b.to_lowercase().into());
                ors.push(format!(
                    "(a.slug = ${} AND b.slug = ${})",
                    values.len() - 1,
                    values.len()
                ));
            }
            filter = format!(" AND ({})", ors.join(" OR "));
        }
        let from = format!(
            "FROM minutes mi JOIN meetings m ON m.id = mi.meeting_id \
             JOIN bodies b ON b.id = m.body_id JOIN authorities a ON a.id = b.authority_id \
             WHERE mi.origin = 'import' AND mi.review_fields IS NOT NULL \
             AND mi.review_fields <> ''{filter}"
        );
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let count = bind_all(
            sqlx::query(AssertSqlSafe(format!("SELECT COUNT(*) AS n {from}"))),
            values.clone(),
        )
        .fetch_one(&mut *conn)
        .await
        .db("counting the minutes to review")?;
        let total = int(&count, "n")?;
        let n = values.len();
        values.push(i64::from(per_page).into());
        values.push((i64::from(page - 1) * i64::from(per_page)).into());
        let rows = bind_all(
            sqlx::query(AssertSqlSafe(format!(
                "SELECT m.id AS meeting_id, a.slug AS authority_slug, a.name AS authority_name, \
                 b.slug AS body_slug, b.name AS body_name, m.slug AS meeting_slug, \
                 m.meeting_date, mi.review_fields, mi.updated_at {from} \
                 ORDER BY m.meeting_date DESC, m.id DESC LIMIT ${} OFFSET ${}",
                n + 1,
                n + 2
            ))),
            values,
        )
        .fetch_all(&mut *conn)
        .await
        .db("listing the minutes to review")?;
        let mut items = Vec::with_capacity(rows.len());
        for row in &rows {
            items.push(ReviewSummary {
                meeting: meeting_ref(row)?,
                fields: text(row, "review_fields")?
                    .split(',')
                    .filter(|f| !f.is_empty())
                    .map(str::to_string)
                    .collect(),
                updated_at: text(row, "updated_at")?,
            });
        }
        Ok(ReviewList { items, total })
    }

    /// Computes `review_fields` for a bounded batch of imported minutes that lack it (imported
    /// before the column existed).
    async fn backfill_review_fields(&self) -> Result<(), StoreError> {
        let rows = sqlx::query(
            "SELECT mi.id FROM minutes mi WHERE mi.origin = 'import' \
             AND mi.review_fields IS NULL ORDER BY mi.id LIMIT $1",
        )
        .bind(BACKFILL_BATCH)
        .fetch_all(&self.pool)
        .await
        .db("finding minutes to compute the review of")?;
        if rows.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin_write().await?;
        for row in &rows {
            let minutes_id = int(row, "id")?;
            let fields = match stored_reading(&mut tx, minutes_id).await? {
                Some(reading) => {
                    let confirmed = confirmed_fields(&mut tx, minutes_id).await?;
                    review_fields(&reading, &confirmed)
                }
                None => String::new(),
            };
            sqlx::query("UPDATE minutes SET review_fields = $1 WHERE id = $2")
                .bind(fields)
                .bind(minutes_id)
                .execute(&mut *tx)
                .await
                .db("storing the fields to review")?;
        }
        tx.commit().await.db("committing the fields to review")?;
        Ok(())
    }

    /// The imported meeting `authority/body/meeting` (slugs) under review: `None` when there
    /// is no such meeting; refused (409) when its minutes were recorded in Kansli or it has no
    /// minutes.
    pub async fn import_review(
        &self,
        authority: &str,
        body: &str,
        meeting: &str,
    ) -> Result<Option<ImportReview>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let Some((meeting, minutes_id)) = find(&mut conn, authority, body, meeting).await? else {
            return Ok(None);
        };
        let Some(reading) = stored_reading(&mut conn, minutes_id).await? else {
            return Err(StoreError::Refused(format!(
                "the minutes of {} have no stored reading to review",
                meeting.spec()
            )));
        };
        let corrections = corrections_of(&mut Db::Any(&mut conn), minutes_id).await?;
        let files = sqlx::query(
            "SELECT f.sha256, s.file_name, f.size, f.media_type FROM minutes_sources s \
             JOIN stored_files f ON f.sha256 = s.file_sha256 WHERE s.minutes_id = $1 \
             ORDER BY s.added_at, f.sha256",
        )
        .bind(minutes_id)
        .fetch_all(&mut *conn)
        .await
        .db("listing the originals")?;
        let mut originals = Vec::with_capacity(files.len());
        for f in &files {
            originals.push(FileInfo {
                sha256: text(f, "sha256")?,
                name: text(f, "file_name")?,
                size: int(f, "size")?,
                media_type: text(f, "media_type")?,
            });
        }
        Ok(Some(ImportReview {
            meeting,
            minutes_id,
            reading,
            corrections,
            originals,
        }))
    }

    /// An original file of the imported meeting `authority/body/meeting`, with its bytes,
    /// whatever the minutes' state or masks: for the secretariat's review only (the public
    /// `Store::file` refuses originals of masked minutes). `None` when the file is not one of
    /// that meeting's originals.
    pub async fn import_original(
        &self,
        authority: &str,
        body: &str,
        meeting: &str,
        sha256: &str,
    ) -> Result<Option<StoredFile>, StoreError> {
        let sha256 = sha256.trim().to_ascii_lowercase();
        if !files::is_sha256(&sha256) {
            return Ok(None);
        }
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let Some((_, minutes_id)) = find(&mut conn, authority, body, meeting).await? else {
            return Ok(None);
        };
        let row = sqlx::query(
            "SELECT f.sha256, s.file_name, f.size, f.media_type, f.content FROM minutes_sources s \
             JOIN stored_files f ON f.sha256 = s.file_sha256 \
             WHERE s.minutes_id = $1 AND f.sha256 = $2",
        )
        .bind(minutes_id)
        .bind(sha256.clone())
        .fetch_optional(&mut *conn)
        .await
        .db("reading an original")?;
        let Some(row) = row else {
            return Ok(None);
        };
        let content = sqlx::Row::try_get::<Option<Vec<u8>>, _>(&row, "content")
            .db("reading the stored content")?;
        let bytes = match content {
            Some(bytes) => Some(bytes),
            None => files::read(&self.data_dir, &sha256)?,
        };
        let Some(bytes) = bytes else {
            return Ok(None);
        };
        if files::sha256_hex(&bytes) != sha256 {
            return Err(StoreError::Corrupt(format!(
                "the stored file {sha256} does not match its hash; import its original again"
            )));
        }
        Ok(Some(StoredFile {
            info: FileInfo {
                sha256: text(&row, "sha256")?,
                name: text(&row, "file_name")?,
                size: int(&row, "size")?,
                media_type: text(&row, "media_type")?,
            },
            bytes,
        }))
    }

    /// Corrects (`value` given: one line, or one name per line) or confirms (`value` `None`)
    /// one field of the imported minutes of `authority/body/meeting`: the stored reading and
    /// every row built from it change, the field's confidence becomes 1, the correction is kept
    /// and audited (`minutes.review.correct` / `minutes.review.confirm`), and the search index
    /// follows. `None` when there is no such meeting.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] naming the field for a value it cannot take (422);
    /// [`StoreError::Refused`] for minutes recorded in Kansli or without a reading (409).
    #[allow(clippy::too_many_arguments)]
    pub async fn correct_imported_field(
        &self,
        authority: &str,
        body: &str,
        meeting: &str,
        field: &ReviewField,
        value: Option<&[String]>,
        comment: Option<&str>,
        actor: &Actor,
    ) -> Result<Option<FieldCorrection>, StoreError> {
        let comment = comment
            .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|c| !c.is_empty());
        if comment.as_ref().is_some_and(|c| c.chars().count() > 1000) {
            return Err(StoreError::Invalid(
                "comment: longer than 1000 characters".into(),
            ));
        }
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let Some((meeting, minutes_id)) = find(&mut tx, authority, body, meeting).await? else {
            return Ok(None);
        };
        // Two corrections at once of the same minutes: the second waits here for the first to
        // commit and then reads the reading it wrote (a row lock on PostgreSQL; SQLite's
        // transaction already holds the write lock), so neither is lost.
        sqlx::query("UPDATE minutes SET review_fields = review_fields WHERE id = $1")
            .bind(minutes_id)
            .execute(&mut *tx)
            .await
            .db("locking the minutes")?;
        let Some(mut reading) = stored_reading(&mut tx, minutes_id).await? else {
            return Err(StoreError::Refused(format!(
                "the minutes of {} have no stored reading to correct",
                meeting.spec()
            )));
        };
        let before = field.value(&reading);
        let (action, after) = match value {
            Some(lines) => {
                let checked = field
                    .check(&reading, lines)
                    .map_err(|e| StoreError::Invalid(e.to_string()))?;
                field.apply(&mut reading, &checked);
                ("correct", checked)
            }
            None => {
                if let ReviewField::ItemTitle(n) = field
                    && !reading.items.iter().any(|i| i.paragraph == *n)
                {
                    return Err(StoreError::Invalid(format!(
                        "{}: the minutes have no § {n}",
                        field.path()
                    )));
                }
                field.confirm(&mut reading);
                ("confirm", before.clone())
            }
        };
        let row = bind_all(
            sqlx::query(
                "INSERT INTO import_corrections (minutes_id, field, action, value_before, \
                 value_after, comment, actor_user_id, actor, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            ),
            vec![
                minutes_id.into(),
                field.path().into(),
                action.into(),
                json!(before).to_string().into(),
                json!(after).to_string().into(),
                comment.clone().into(),
                actor.user_id.into(),
                actor.label.as_str().into(),
                now.as_str().into(),
            ],
        )
        .fetch_one(&mut *tx)
        .await
        .db("keeping the correction")?;
        let id = int(&row, "id")?;
        let confirmed = confirmed_fields(&mut tx, minutes_id).await?;
        rewrite(&mut tx, &meeting, minutes_id, &reading, &confirmed, &now).await?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: if action == "correct" {
                    "minutes.review.correct"
                } else {
                    "minutes.review.confirm"
                },
                entity: format!("meeting:{}", meeting.spec()),
                before: Some(json!({ "field": field.path(), "value": before })),
                after: Some(json!({
                    "field": field.path(), "value": after, "comment": comment, "confidence": 1.0
                })),
            },
        )
        .await?;
        tx.commit().await.db("committing the correction")?;
        Ok(Some(FieldCorrection {
            id,
            field: field.path(),
            action: action.into(),
            before,
            after,
            comment,
            by: actor.label.clone(),
            at: now,
        }))
    }
}

/// The fields of `p` still to check, as stored in `minutes.review_fields`.
pub(crate) fn review_fields(p: &ParsedProtocol, confirmed: &[String]) -> String {
    shaky_fields(p, confirmed)
        .iter()
        .map(ReviewField::path)
        .collect::<Vec<_>>()
        .join(",")
}

/// `p` with every correction of minutes `minutes_id` applied again, in the order made, and the
/// paths corrected or confirmed; `None` when there are none. A correction whose field the new
/// reading gives differently from both its before and its after value is kept, with a warning.
pub(crate) async fn corrected(
    conn: &mut crate::conn::Db<'_>,
    minutes_id: i64,
    p: &ParsedProtocol,
) -> Result<Option<(ParsedProtocol, Vec<String>)>, StoreError> {
    let corrections = corrections_of(conn, minutes_id).await?;
    if corrections.is_empty() {
        return Ok(None);
    }
    let mut out = p.clone();
    let mut confirmed = BTreeSet::new();
    for c in &corrections {
        let Ok(field) = ReviewField::parse(&c.field) else {
            continue;
        };
        confirmed.insert(c.field.clone());
        if c.action == "confirm" {
            field.confirm(&mut out);
            continue;
        }
        let now_read = field.value(&out);
        if now_read != c.before && now_read != c.after {
            out.warnings.push(format!(
                "{}: the new reading gives {:?}; the correction by {} ({:?}) is kept",
                c.field,
                now_read.join("; "),
                c.by,
                c.after.join("; ")
            ));
        }
        // A value once checked stays valid, except a title of a paragraph no longer read.
        if let Ok(checked) = field.check(&out, &c.after) {
            field.apply(&mut out, &checked);
        }
    }
    Ok(Some((out, confirmed.into_iter().collect())))
}

/// Applies the corrections of minutes whose rows were just built from an uncorrected reading
/// (a move re-imports the reading elsewhere): rewrites them when there are any.
pub(crate) async fn reapply(
    conn: &mut AnyConnection,
    meeting: &MeetingRef,
    minutes_id: i64,
    now: &str,
) -> Result<(), StoreError> {
    let Some(reading) = stored_reading(conn, minutes_id).await? else {
        return Ok(());
    };
    if let Some((p, confirmed)) = corrected(&mut Db::Any(&mut *conn), minutes_id, &reading).await? {
        rewrite(conn, meeting, minutes_id, &p, &confirmed, now).await?;
    }
    Ok(())
}

/// Rewrites the meeting's and minutes' columns and every row built from reading `p`.
async fn rewrite(
    conn: &mut AnyConnection,
    meeting: &MeetingRef,
    minutes_id: i64,
    p: &ParsedProtocol,
    confirmed: &[String],
    now: &str,
) -> Result<(), StoreError> {
    let reading = serde_json::to_string(p)
        .map_err(|e| StoreError::Invalid(format!("the protocol cannot be serialised: {e}")))?;
    sqlx::query("UPDATE meetings SET start_time = $1, end_time = $2, place = $3 WHERE id = $4")
        .bind(p.start_time.clone())
        .bind(p.end_time.clone())
        .bind(p.place.clone())
        .bind(meeting.meeting_id)
        .execute(&mut *conn)
        .await
        .db(format!("updating meeting {}", meeting.meeting_id))?;
    // The state follows the notice as an import sets it: posted once it has gone up.
    let state = if p.notice.posted.is_some() {
        "posted"
    } else {
        "justerad"
    };
    bind_all(
        sqlx::query(
            "UPDATE minutes SET state = $1, chair = $2, secretary = $3, justering_place = $4, \
             justering_date = $5, confidence_json = $6, review_fields = $7, updated_at = $8 \
             WHERE id = $9",
        ),
        vec![
            state.into(),
            (&p.chair).into(),
            (&p.secretary).into(),
            (&p.justering.place).into(),
            p.justering.date.map(|d| d.to_string()).into(),
            crate::import::confidence_json(p).into(),
            review_fields(p, confirmed).into(),
            now.into(),
            minutes_id.into(),
        ],
    )
    .execute(&mut *conn)
    .await
    .db(format!("updating minutes {minutes_id}"))?;
    let authority_id = int(
        &sqlx::query("SELECT b.authority_id FROM meetings m JOIN bodies b ON b.id = m.body_id WHERE m.id = $1")
            .bind(meeting.meeting_id)
            .fetch_one(&mut *conn)
            .await
            .db("reading the meeting's authority")?,
        "authority_id",
    )?;
    crate::import::write_children(
        &mut Db::Any(&mut *conn),
        minutes_id,
        meeting.meeting_id,
        authority_id,
        p,
        reading,
        true,
        "update",
        now,
        crate::import::ChangeRows::Now,
    )
    .await
}

/// The imported meeting by its slugs, and its minutes' id; refused for minutes recorded in
/// Kansli (only their own record changes them).
async fn find(
    conn: &mut AnyConnection,
    authority: &str,
    body: &str,
    meeting: &str,
) -> Result<Option<(MeetingRef, i64)>, StoreError> {
    let row = sqlx::query(
        "SELECT m.id AS meeting_id, a.slug AS authority_slug, a.name AS authority_name, \
         b.slug AS body_slug, b.name AS body_name, m.slug AS meeting_slug, m.meeting_date, \
         mi.id AS minutes_id, mi.origin FROM meetings m \
         JOIN bodies b ON b.id = m.body_id JOIN authorities a ON a.id = b.authority_id \
         LEFT JOIN minutes mi ON mi.meeting_id = m.id \
         WHERE a.slug = $1 AND b.slug = $2 AND m.slug = $3",
    )
    .bind(authority.to_lowercase())
    .bind(body.to_lowercase())
    .bind(meeting.to_lowercase())
    .fetch_optional(&mut *conn)
    .await
    .db("finding the meeting to review")?;
    let Some(row) = row else {
        return Ok(None);
    };
    let m = meeting_ref(&row)?;
    let Some(minutes_id) = opt_int(&row, "minutes_id")? else {
        return Err(StoreError::Refused(format!(
            "the meeting {} has no minutes to review",
            m.spec()
        )));
    };
    if opt_text(&row, "origin")?.as_deref() != Some("import") {
        return Err(StoreError::Refused(format!(
            "the minutes of {} were recorded in Kansli, not imported; they change through their record",
            m.spec()
        )));
    }
    Ok(Some((m, minutes_id)))
}

fn meeting_ref(row: &sqlx::any::AnyRow) -> Result<MeetingRef, StoreError> {
    Ok(MeetingRef {
        meeting_id: int(row, "meeting_id")?,
        authority_slug: text(row, "authority_slug")?,
        authority_name: text(row, "authority_name")?,
        body_slug: text(row, "body_slug")?,
        body_name: text(row, "body_name")?,
        meeting_slug: text(row, "meeting_slug")?,
        meeting_date: text(row, "meeting_date")?,
    })
}

/// The stored reading of minutes, if they have one.
async fn stored_reading(
    conn: &mut AnyConnection,
    minutes_id: i64,
) -> Result<Option<ParsedProtocol>, StoreError> {
    let row = sqlx::query("SELECT parser_json FROM minutes_readings WHERE minutes_id = $1")
        .bind(minutes_id)
        .fetch_optional(&mut *conn)
        .await
        .db(format!(
            "reading the stored reading of minutes {minutes_id}"
        ))?;
    let Some(row) = row else {
        return Ok(None);
    };
    serde_json::from_str(&text(&row, "parser_json")?)
        .map(Some)
        .map_err(|e| {
            StoreError::Corrupt(format!("the stored reading of minutes {minutes_id}: {e}"))
        })
}

/// The paths corrected or confirmed in minutes `minutes_id`.
async fn confirmed_fields(
    conn: &mut AnyConnection,
    minutes_id: i64,
) -> Result<Vec<String>, StoreError> {
    let rows = sqlx::query("SELECT DISTINCT field FROM import_corrections WHERE minutes_id = $1")
        .bind(minutes_id)
        .fetch_all(&mut *conn)
        .await
        .db("reading the corrected fields")?;
    rows.iter().map(|r| text(r, "field")).collect()
}

/// Every correction of minutes `minutes_id`, oldest first.
async fn corrections_of(
    conn: &mut crate::conn::Db<'_>,
    minutes_id: i64,
) -> Result<Vec<FieldCorrection>, StoreError> {
    let rows = conn
        .rows(
            "SELECT id, field, action, value_before, value_after, comment, actor, created_at \
             FROM import_corrections WHERE minutes_id = $1 ORDER BY id",
            vec![minutes_id.into()],
            "reading the corrections",
        )
        .await?;
    let lines = |json: String| -> Result<Vec<String>, StoreError> {
        serde_json::from_str(&json)
            .map_err(|e| StoreError::Corrupt(format!("a correction's value: {e}")))
    };
    rows.iter()
        .map(|r| {
            Ok(FieldCorrection {
                id: int(r, "id")?,
                field: text(r, "field")?,
                action: text(r, "action")?,
                before: lines(text(r, "value_before")?)?,
                after: lines(text(r, "value_after")?)?,
                comment: opt_text(r, "comment")?,
                by: text(r, "actor")?,
                at: text(r, "created_at")?,
            })
        })
        .collect()
}
