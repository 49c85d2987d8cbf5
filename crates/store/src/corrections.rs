//! Correcting imports: an imported meeting filed under the wrong authority or body is moved,
//! and one imported by mistake is removed; each is written to the audit log in the same
//! transaction that removes the old meeting.
//!
//! A move re-imports the meeting's stored reading and its original files under the new
//! authority or body through [`Store::import_protocol`] (so the new meeting is built exactly as
//! an import builds one: persons and cases of the new authority, slugs, the change log), and
//! then removes the old meeting. If the import fails nothing was removed; the removal with its
//! audit row is one transaction. A removal writes a `delete` row to the change log, so the
//! search index drops the meeting's paragraphs when it catches up.
//!
//! Only imported meetings (minutes with original files) are touched: a planned meeting or
//! minutes recorded in Kansli are refused.

use crate::conn::Db;
use kansli_core::protocol::ParsedProtocol;
use kansli_core::text::fold;
use serde::Serialize;
use serde_json::json;
use sqlx::AnyConnection;

use crate::accounts::{Change, write_audit};
use crate::documents::MeetingRef;
use crate::error::DbContext;
use crate::sql::{int, text};
use crate::{Actor, Backend, ImportOutcome, Store, StoreError};

/// A meeting moved by a correction: where it was and where it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MovedMeeting {
    /// Where it was (that meeting no longer exists).
    pub from: MeetingRef,
    /// Where it is now.
    pub to: MeetingRef,
}

/// An original file of imported minutes.
struct Source {
    sha256: String,
    name: String,
    content: Vec<u8>,
}

impl Store {
    /// The meetings whose minutes were imported from the file with this SHA-256.
    pub async fn meetings_of_file(&self, sha256: &str) -> Result<Vec<MeetingRef>, StoreError> {
        let rows = sqlx::query(
            "SELECT DISTINCT mi.meeting_id FROM minutes_sources s \
             JOIN minutes mi ON mi.id = s.minutes_id WHERE s.file_sha256 = $1 \
             ORDER BY mi.meeting_id",
        )
        .bind(sha256.to_string())
        .fetch_all(&self.pool)
        .await
        .db("finding the meetings of a file")?;
        let mut out = Vec::new();
        for row in &rows {
            if let Some(m) = self.meeting_ref(int(row, "meeting_id")?).await? {
                out.push(m);
            }
        }
        Ok(out)
    }

    /// One meeting by id, named as the CLI names it.
    pub async fn meeting_ref(&self, meeting_id: i64) -> Result<Option<MeetingRef>, StoreError> {
        Ok(self
            .find_meetings(&meeting_id.to_string())
            .await?
            .into_iter()
            .find(|m| m.meeting_id == meeting_id))
    }

    /// Removes an imported meeting (its minutes, paragraphs, attendance, agenda, readings and
    /// links to its original files; cases only it named), audited as `meeting.remove` with
    /// `reason`. The original files stay stored (another meeting may share one), but are no
    /// longer served. Refused for a meeting without imported minutes.
    pub async fn remove_imported_meeting(
        &self,
        meeting_id: i64,
        actor: &Actor,
        reason: Option<&str>,
    ) -> Result<MeetingRef, StoreError> {
        let meeting = self.imported(meeting_id).await?;
        let sources = self.sources(meeting_id).await?;
        let before = meeting_json(&meeting, &sources);
        let mut tx = self.begin_write().await?;
        remove_in(&mut tx, meeting_id, self.backend, &self.now()).await?;
        write_audit(
            &mut tx,
            actor,
            &self.now(),
            Change {
                action: "meeting.remove",
                entity: format!("meeting:{}", meeting.spec()),
                before: Some(before),
                after: reason.map(|r| json!({ "reason": r })),
            },
        )
        .await?;
        tx.commit().await.db("committing the removal")?;
        Ok(meeting)
    }

    /// Moves an imported meeting to `authority` (a name; created if new) and, when given, to
    /// the body named `body` there (created if new); audited as `meeting.move`. Refused when
    /// that is where the meeting already is.
    pub async fn move_imported_meeting(
        &self,
        meeting_id: i64,
        authority: &str,
        body: Option<&str>,
        actor: &Actor,
    ) -> Result<MovedMeeting, StoreError> {
        let from = self.imported(meeting_id).await?;
        let Some(reading) = self.parser_reading(meeting_id).await? else {
            return Err(StoreError::Refused(format!(
                "meeting {} has no stored reading to move",
                from.spec()
            )));
        };
        let mut parsed: ParsedProtocol = reading.protocol;
        if let Some(body) = body {
            parsed.body = body.split_whitespace().collect::<Vec<_>>().join(" ");
        }
        if fold(authority) == fold(&from.authority_name)
            && fold(&parsed.body) == fold(&from.body_name)
        {
            return Err(StoreError::Refused(format!(
                "meeting {} is already filed under {} / {}",
                from.spec(),
                from.authority_name,
                from.body_name
            )));
        }
        let sources = self.sources(meeting_id).await?;
        let mut to_id = None;
        for source in &sources {
            let outcome = self
                .import_protocol(&parsed, &source.content, &source.name, authority)
                .await?;
            to_id.get_or_insert(outcome_meeting(outcome));
        }
        let to_id = to_id.ok_or_else(|| {
            StoreError::Refused(format!("meeting {} has no original file", from.spec()))
        })?;
        self.remove_moved(&from, &sources, to_id, actor).await
    }

    /// Imports a protocol under `authority`, and when the same file was imported before under
    /// another authority, moves that meeting here instead of keeping a second copy (audited as
    /// `meeting.move`). Returns the import's outcome and the meetings moved.
    pub async fn import_protocol_moving(
        &self,
        parsed: &ParsedProtocol,
        original: &[u8],
        file_name: &str,
        authority: &str,
        actor: &Actor,
    ) -> Result<(ImportOutcome, Vec<MovedMeeting>), StoreError> {
        let sha = crate::files::sha256_hex(original);
        let elsewhere: Vec<MeetingRef> = self
            .meetings_of_file(&sha)
            .await?
            .into_iter()
            .filter(|m| fold(&m.authority_name) != fold(authority))
            .collect();
        let outcome = self
            .import_protocol(parsed, original, file_name, authority)
            .await?;
        let to_id = outcome_meeting(outcome);
        let mut moved = Vec::new();
        for from in elsewhere {
            if from.meeting_id == to_id {
                continue;
            }
            let sources = self.sources(from.meeting_id).await?;
            moved.push(self.remove_moved(&from, &sources, to_id, actor).await?);
        }
        Ok((outcome, moved))
    }

    /// The removal half of a move, audited as `meeting.move` from `from` to meeting `to_id`.
    async fn remove_moved(
        &self,
        from: &MeetingRef,
        sources: &[Source],
        to_id: i64,
        actor: &Actor,
    ) -> Result<MovedMeeting, StoreError> {
        let to = self.meeting_ref(to_id).await?.ok_or_else(|| {
            StoreError::Refused(format!("the moved meeting {to_id} is not stored"))
        })?;
        let mut tx = self.begin_write().await?;
        // A person's corrections of the reading go with it (crate::review), applied to the
        // minutes where it is now, so neither the move nor a later re-import undoes them.
        let carried = sqlx::query(
            "UPDATE import_corrections SET minutes_id = \
             (SELECT id FROM minutes WHERE meeting_id = $1) \
             WHERE minutes_id IN (SELECT id FROM minutes WHERE meeting_id = $2) \
             AND EXISTS (SELECT 1 FROM minutes WHERE meeting_id = $1)",
        )
        .bind(to.meeting_id)
        .bind(from.meeting_id)
        .execute(&mut *tx)
        .await
        .db("carrying the corrections over")?
        .rows_affected();
        if carried > 0 {
            let minutes_id = int(
                &sqlx::query("SELECT id FROM minutes WHERE meeting_id = $1")
                    .bind(to.meeting_id)
                    .fetch_one(&mut *tx)
                    .await
                    .db("reading the moved minutes")?,
                "id",
            )?;
            crate::review::reapply(&mut tx, &to, minutes_id, &self.now()).await?;
        }
        remove_in(&mut tx, from.meeting_id, self.backend, &self.now()).await?;
        write_audit(
            &mut tx,
            actor,
            &self.now(),
            Change {
                action: "meeting.move",
                entity: format!("meeting:{}", to.spec()),
                before: Some(meeting_json(from, sources)),
                after: Some(meeting_json(&to, sources)),
            },
        )
        .await?;
        tx.commit().await.db("committing the move")?;
        Ok(MovedMeeting {
            from: from.clone(),
            to,
        })
    }

    /// The meeting, if it exists and has imported minutes; else refused.
    async fn imported(&self, meeting_id: i64) -> Result<MeetingRef, StoreError> {
        let Some(meeting) = self.meeting_ref(meeting_id).await? else {
            return Err(StoreError::Refused(format!(
                "no meeting has id {meeting_id}"
            )));
        };
        if self.sources(meeting_id).await?.is_empty() {
            return Err(StoreError::Refused(format!(
                "meeting {} has no imported minutes: only imported meetings are moved or removed here",
                meeting.spec()
            )));
        }
        Ok(meeting)
    }

    /// The original files of a meeting's imported minutes, oldest first.
    async fn sources(&self, meeting_id: i64) -> Result<Vec<Source>, StoreError> {
        let rows = sqlx::query(
            "SELECT s.file_sha256, s.file_name, f.content FROM minutes_sources s \
             JOIN minutes mi ON mi.id = s.minutes_id \
             JOIN stored_files f ON f.sha256 = s.file_sha256 \
             WHERE mi.meeting_id = $1 ORDER BY s.added_at, s.file_sha256",
        )
        .bind(meeting_id)
        .fetch_all(&self.pool)
        .await
        .db("reading a meeting's original files")?;
        let mut out = Vec::new();
        for row in &rows {
            let sha256 = text(row, "file_sha256")?;
            let content: Option<Vec<u8>> =
                sqlx::Row::try_get(row, "content").db("reading an original file's content")?;
            let content = match content {
                Some(c) => c,
                // From before originals moved into the database: on disk.
                None => crate::files::read(&self.data_dir, &sha256)?.unwrap_or_default(),
            };
            out.push(Source {
                sha256,
                name: text(row, "file_name")?,
                content,
            });
        }
        Ok(out)
    }
}

fn outcome_meeting(outcome: ImportOutcome) -> i64 {
    match outcome {
        ImportOutcome::Imported { meeting_id }
        | ImportOutcome::Updated { meeting_id }
        | ImportOutcome::Unchanged { meeting_id } => meeting_id,
    }
}

fn meeting_json(m: &MeetingRef, sources: &[Source]) -> serde_json::Value {
    json!({
        "meeting": m.spec(),
        "authority": m.authority_name,
        "body": m.body_name,
        "date": m.meeting_date,
        "files": sources.iter().map(|s| json!({"sha256": s.sha256, "name": s.name})).collect::<Vec<_>>(),
    })
}

/// Deletes a meeting and its minutes (their children go by cascade), the cases of imports that
/// nothing names any more, and records a `delete` in the change log for the search index.
async fn remove_in(
    conn: &mut AnyConnection,
    meeting_id: i64,
    backend: Backend,
    now: &str,
) -> Result<(), StoreError> {
    let row = sqlx::query(
        "SELECT b.authority_id, mi.id AS minutes_id FROM meetings m \
         JOIN bodies b ON b.id = m.body_id LEFT JOIN minutes mi ON mi.meeting_id = m.id \
         WHERE m.id = $1",
    )
    .bind(meeting_id)
    .fetch_one(&mut *conn)
    .await
    .db("reading the meeting to remove")?;
    let authority_id = int(&row, "authority_id")?;
    let minutes_id = crate::sql::opt_int(&row, "minutes_id")?;
    let touched: crate::summaries::Touched = crate::summaries::meeting_year(conn, meeting_id)
        .await?
        .into_iter()
        .collect();
    sqlx::query("DELETE FROM minutes WHERE meeting_id = $1")
        .bind(meeting_id)
        .execute(&mut *conn)
        .await
        .db("removing the minutes")?;
    sqlx::query("DELETE FROM meetings WHERE id = $1")
        .bind(meeting_id)
        .execute(&mut *conn)
        .await
        .db("removing the meeting")?;
    sqlx::query(
        "DELETE FROM cases WHERE authority_id = $1 AND origin = 'import' \
         AND NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.case_id = cases.id) \
         AND NOT EXISTS (SELECT 1 FROM agenda_items a WHERE a.case_id = cases.id) \
         AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.case_id = cases.id)",
    )
    .bind(authority_id)
    .execute(&mut *conn)
    .await
    .db("removing cases no protocol names")?;
    if let Some(minutes_id) = minutes_id {
        if backend == Backend::Postgres {
            // As in an import: change ids become visible in id order.
            sqlx::query("SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock($1)) AS l")
                .bind(crate::import::CHANGES_LOCK)
                .execute(&mut *conn)
                .await
                .db("waiting for the change log")?;
        }
        sqlx::query(
            "INSERT INTO changes (entity, entity_id, action, changed_at) \
             VALUES ('minutes', $1, 'delete', $2)",
        )
        .bind(minutes_id)
        .bind(now.to_string())
        .execute(&mut *conn)
        .await
        .db("recording the change")?;
    }
    crate::summaries::refresh(&mut Db::Any(conn), &touched).await
}
