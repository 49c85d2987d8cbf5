//! Importing parsed protocols: one in its own transaction (`import_protocol`), or many in one
//! transaction with a savepoint each (`import_protocols`), so a failing protocol still fails
//! alone while the commit and the authority and body look-ups are paid once per batch.
//!
//! Which meeting a protocol belongs to: the body (by authority and folded name) and the date;
//! when the body already has meetings that day, the protocol is the same meeting as the first
//! whose paragraph range overlaps its own (or whose range, or its own, is unknown). Paragraph
//! numbers run on across a body's meetings in a year, so two meetings on one day have disjoint
//! ranges, while two readings of one meeting share theirs. A new meeting on a day that already
//! has one gets the slug `YYYY-MM-DD-2` (then `-3` …).
//!
//! A protokollsutdrag (`ParsedProtocol::is_extract`) joins the first meeting of the day when
//! none overlaps, and so does a full protocol a meeting holds only an extract of. The two make
//! one record, never two copies: the full protocol with the paragraphs only the extract holds
//! (`ParsedProtocol::merge_paragraphs_of`), stored as the minutes' reading, with both files as
//! sources; an extract whose paragraphs the meeting already holds is `Unchanged`, and a new
//! reading of the full protocol keeps the paragraphs marked as the extract's
//! (`ParsedProtocol::extract_paragraphs`), so a second run over the same files changes
//! nothing. Neither an extract nor a full protocol ever replaces or adds to minutes recorded
//! in Kansli (refused).
//!
//! Statements are few and wide (multi-row `VALUES`, `RETURNING id, position` to learn the ids
//! of children's parents), since the round trips, not the rows, cost the time.

use std::collections::{BTreeSet, HashMap};

use chrono::Datelike;
use kansli_core::Dnr;
use kansli_core::ParagraphRange;
use kansli_core::organisation::{AuthorityKind, BodyKind};
use kansli_core::paragraph::ParagraphSet;
use kansli_core::protocol::{EXTRACT_WARNING, Item, ParsedProtocol};
use kansli_core::text::{fold, slug};
use serde::Serialize;

use crate::conn::{Db, WriteTx};
use crate::files;
use crate::sql::{Val, int, opt_int, opt_text, placeholders, text};
use crate::summaries::{self, Touched};
use crate::{Backend, ImportOutcome, Store, StoreError};

/// The advisory lock that orders the change log on PostgreSQL ("changes" in ASCII).
pub(crate) const CHANGES_LOCK: i64 = 0x0063_6861_6e67_6573;

/// Everything `import_in` needs besides the connection.
struct Input<'a> {
    parsed: &'a ParsedProtocol,
    file_sha: String,
    file_name: &'a str,
    size: i64,
    media_type: &'static str,
    content_sha: String,
    reading: String,
    authority: &'a str,
    now: String,
}

impl Store {
    /// Stores a parsed protocol and its original file under an authority.
    ///
    /// The original is written first (content-addressed), then everything else in one
    /// transaction: an interrupted import leaves no half protocol. The same content again (the
    /// same file, or another file with an equal parse) is `Unchanged`, and the file is linked as
    /// another source; a different parse of a stored meeting replaces its minutes (`Updated`).
    pub async fn import_protocol(
        &self,
        parsed: &ParsedProtocol,
        original: &[u8],
        file_name: &str,
        authority: &str,
    ) -> Result<ImportOutcome, StoreError> {
        let authority = normalise_authority(authority)?;
        let input = self.input(parsed, original, file_name, &authority)?;
        self.import_alone(&input, original).await
    }

    /// Stores many protocols, as `import_protocol` would one after the other, with the same
    /// outcome for each, in order; much faster, since they share one transaction.
    ///
    /// Each protocol runs inside its own savepoint, so one that fails (its error is returned in
    /// its place and written to the import log) leaves the others stored. Authority and body
    /// ids are looked up once per batch. When the batch meets a concurrent importer (a
    /// conflict, see `is_conflict`) or cannot commit, it is rolled back and every protocol is
    /// stored alone, with `import_protocol`'s retries; an interrupted batch stores none of
    /// its protocols, so a caller should keep batches small enough to run again.
    pub async fn import_protocols(
        &self,
        jobs: &[ImportJob<'_>],
    ) -> Vec<Result<ImportOutcome, StoreError>> {
        let mut results: Vec<Option<Result<ImportOutcome, StoreError>>> =
            jobs.iter().map(|_| None).collect();
        let mut inputs = Vec::with_capacity(jobs.len());
        let mut authorities = Vec::with_capacity(jobs.len());
        for (i, job) in jobs.iter().enumerate() {
            match normalise_authority(job.authority) {
                Ok(a) => authorities.push((i, a)),
                Err(e) => results[i] = Some(Err(e)),
            }
        }
        for (i, authority) in &authorities {
            let job = &jobs[*i];
            match self.input(job.parsed, job.original, job.file_name, authority) {
                Ok(input) => inputs.push((*i, input)),
                Err(e) => results[*i] = Some(Err(e)),
            }
        }
        match self.import_batch(&inputs, jobs).await {
            Ok(outcomes) => {
                for ((i, _), outcome) in inputs.iter().zip(outcomes) {
                    results[*i] = Some(outcome);
                }
            }
            Err(error) => {
                tracing::debug!(%error, "the batch was rolled back; storing its protocols one by one");
                for (i, input) in &inputs {
                    results[*i] = Some(self.import_alone(input, jobs[*i].original).await);
                }
            }
        }
        results
            .into_iter()
            .map(|r| r.unwrap_or_else(|| Err(StoreError::Invalid("not imported".into()))))
            .collect()
    }

    /// What `import_in` needs for one protocol, checked and serialised.
    fn input<'a>(
        &self,
        parsed: &'a ParsedProtocol,
        original: &[u8],
        file_name: &'a str,
        authority: &'a str,
    ) -> Result<Input<'a>, StoreError> {
        if parsed.body.trim().is_empty() {
            return Err(StoreError::Invalid("the body's name is empty".into()));
        }
        let file_sha = files::sha256_hex(original);
        let (content_sha, reading) = reading_of(parsed, authority)?;
        Ok(Input {
            parsed,
            file_sha,
            file_name,
            size: i64::try_from(original.len()).unwrap_or(i64::MAX),
            media_type: files::media_type(original),
            content_sha,
            reading,
            authority,
            now: self.now(),
        })
    }

    /// One protocol in its own transaction, retried on conflicts; a failure is logged.
    async fn import_alone(
        &self,
        input: &Input<'_>,
        original: &[u8],
    ) -> Result<ImportOutcome, StoreError> {
        // Conflicts with a concurrent import (the same authority, body, meeting, person or case
        // created by both, or a deadlock between their upserts) roll back one of them; it runs
        // again and then sees what the other committed.
        let mut attempt = 0;
        loop {
            attempt += 1;
            let error = match self.import_once(input, original).await {
                Ok(outcome) => return Ok(outcome),
                Err(error) if attempt < MAX_ATTEMPTS && is_conflict(&error) => {
                    tracing::debug!(attempt, %error, "import conflicted with another; retrying");
                    tokio::time::sleep(std::time::Duration::from_millis(10 * attempt)).await;
                    continue;
                }
                Err(error) => error,
            };
            // Best effort: the failure itself must not be hidden by a failing log.
            if let Ok(mut tx) = self.begin_import().await
                && log_failure(&mut tx.db(), input, &error).await.is_ok()
            {
                let _ = tx.commit().await;
            }
            return Err(error);
        }
    }

    /// The batch's one transaction: a savepoint per protocol. `Err` when the whole batch was
    /// rolled back (a conflict, or the commit failed); a protocol's own failure is in its slot.
    async fn import_batch(
        &self,
        inputs: &[(usize, Input<'_>)],
        jobs: &[ImportJob<'_>],
    ) -> Result<Vec<Result<ImportOutcome, StoreError>>, StoreError> {
        let mut out = Vec::with_capacity(inputs.len());
        if inputs.is_empty() {
            return Ok(out);
        }
        let mut tx = self.begin_import().await?;
        let mut db = tx.db();
        let mut ids = IdCache::default();
        // Every body and year a protocol touched, recounted once before the commit (also those
        // of a protocol rolled back to its savepoint: a recount is right either way).
        let mut touched = Touched::new();
        // The released protocols' `changes` rows, written together before the commit.
        let mut changes = Vec::with_capacity(inputs.len());
        for (i, input) in inputs {
            // On SQLite's own connection nothing below waits: let the runtime's other tasks
            // run between protocols.
            tokio::task::yield_now().await;
            db.execute("SAVEPOINT protocol", Vec::new(), "starting a savepoint")
                .await?;
            let mut found = IdCache::default();
            let mut its_changes = Vec::new();
            match import_in(
                &mut db,
                input,
                jobs[*i].original,
                ChangeRows::Collected(&mut its_changes),
                &ids,
                &mut found,
                &mut touched,
            )
            .await
            {
                Ok(outcome) => {
                    db.execute(
                        "RELEASE SAVEPOINT protocol",
                        Vec::new(),
                        "releasing a savepoint",
                    )
                    .await?;
                    // Only ids the released savepoint created or saw: a rolled-back one's
                    // new authority would not exist.
                    ids.authorities.extend(found.authorities);
                    ids.bodies.extend(found.bodies);
                    changes.append(&mut its_changes);
                    out.push(Ok(outcome));
                }
                Err(error) if is_conflict(&error) => {
                    // Dropping the transaction rolls it back; the caller stores each alone.
                    return Err(error);
                }
                Err(error) => {
                    db.execute(
                        "ROLLBACK TO SAVEPOINT protocol",
                        Vec::new(),
                        "rolling back a savepoint",
                    )
                    .await?;
                    db.execute(
                        "RELEASE SAVEPOINT protocol",
                        Vec::new(),
                        "releasing a savepoint",
                    )
                    .await?;
                    log_failure(&mut db, input, &error).await?;
                    out.push(Err(error));
                }
            }
        }
        record_changes(&mut db, &changes).await?;
        summaries::refresh(&mut db, &touched).await?;
        tx.commit().await?;
        // Only new meetings grow the tables (an update replaces its minutes' rows).
        let grown = out
            .iter()
            .filter(|o| matches!(o, Ok(ImportOutcome::Imported { .. })))
            .count();
        self.analyze_if_grown(grown).await;
        Ok(out)
    }

    /// One attempt: the import's transaction, committed or rolled back.
    async fn import_once(
        &self,
        input: &Input<'_>,
        original: &[u8],
    ) -> Result<ImportOutcome, StoreError> {
        let mut tx = self.begin_import().await?;
        let mut db = tx.db();
        let mut touched = Touched::new();
        let outcome = import_in(
            &mut db,
            input,
            original,
            ChangeRows::Now,
            &IdCache::default(),
            &mut IdCache::default(),
            &mut touched,
        )
        .await?;
        summaries::refresh(&mut db, &touched).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// A write transaction for an import (see `crate::conn`).
    async fn begin_import(&self) -> Result<WriteTx<'_>, StoreError> {
        WriteTx::begin(
            &self.lite,
            &self.pool,
            self.backend == Backend::Sqlite,
            &self.watcher,
        )
        .await
    }
}

/// One protocol for `Store::import_protocols`: what `Store::import_protocol` takes.
#[derive(Debug, Clone, Copy)]
pub struct ImportJob<'a> {
    /// The parser's reading.
    pub parsed: &'a ParsedProtocol,
    /// The original file's bytes.
    pub original: &'a [u8],
    /// The original file's name.
    pub file_name: &'a str,
    /// The authority to store it under.
    pub authority: &'a str,
}

/// Ids of authorities (by folded name) and bodies (by authority id and folded name) already
/// looked up in a batch's transaction; they stay valid to its end, since an import never
/// deletes either.
#[derive(Debug, Default)]
struct IdCache {
    authorities: HashMap<String, i64>,
    bodies: HashMap<(i64, String), i64>,
}

/// The authority's name with its white space collapsed; an empty one is refused.
fn normalise_authority(authority: &str) -> Result<String, StoreError> {
    let authority = authority.split_whitespace().collect::<Vec<_>>().join(" ");
    if authority.is_empty() {
        return Err(StoreError::Invalid("the authority's name is empty".into()));
    }
    Ok(authority)
}

/// Writes a failed import to the import log.
async fn log_failure(
    conn: &mut Db<'_>,
    input: &Input<'_>,
    error: &StoreError,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO import_log (file_sha256, file_name, outcome, meeting_id, message, logged_at) \
         VALUES ($1, $2, 'failed', NULL, $3, $4)",
        vec![
            input.file_sha.clone().into(),
            input.file_name.into(),
            error.to_string().into(),
            input.now.clone().into(),
        ],
        "logging the failed import",
    )
    .await?;
    Ok(())
}

/// How often an import that conflicts with a concurrent one is tried.
const MAX_ATTEMPTS: u64 = 8;

/// Whether an error is a conflict with a concurrent transaction, which a retry resolves:
/// unique or foreign-key violations from a race, serialization failures, deadlocks, and
/// SQLite's "busy" after its timeout.
fn is_conflict(error: &StoreError) -> bool {
    if let StoreError::Sqlite {
        source: rusqlite::Error::SqliteFailure(e, _),
        ..
    } = error
    {
        return matches!(e.extended_code, 5 | 517 | 2067 | 1555 | 6 | 262);
    }
    let StoreError::Database {
        source: sqlx::Error::Database(e),
        ..
    } = error
    else {
        return false;
    };
    matches!(
        e.code().as_deref(),
        Some("23505" | "23503" | "40001" | "40P01" | "5" | "517" | "2067" | "1555")
    )
}

/// A protocol's stored reading (its JSON) and the content hash that finds it again: the
/// SHA-256 of the folded authority and that JSON.
fn reading_of(parsed: &ParsedProtocol, authority: &str) -> Result<(String, String), StoreError> {
    use sha2::Digest;
    let json = serde_json::to_string(parsed)
        .map_err(|e| StoreError::Invalid(format!("the protocol cannot be serialised: {e}")))?;
    // Hashed in parts rather than copied into one buffer (the JSON is most of a protocol).
    let mut hash = sha2::Sha256::new();
    hash.update(fold(authority).as_bytes());
    hash.update([0]);
    hash.update(json.as_bytes());
    Ok((hex::encode(hash.finalize()), json))
}

/// The one record of a meeting whose stored minutes or new protocol is a protokollsutdrag:
/// the full protocol (the stored one when the new one is an extract, else the new one) with
/// the paragraphs only the other holds; a new reading of the full protocol keeps the
/// paragraphs the stored record has from an extract. `None` otherwise: the new reading
/// replaces the stored one.
async fn merged_with_extract(
    conn: &mut Db<'_>,
    minutes_id: i64,
    p: &ParsedProtocol,
) -> Result<Option<ParsedProtocol>, StoreError> {
    let row = conn
        .optional(
            "SELECT parser_json FROM minutes_readings WHERE minutes_id = $1",
            vec![Val::from(minutes_id)],
            &format!("reading the stored reading of minutes {minutes_id}"),
        )
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let json = text(&row, "parser_json")?;
    let stored: ParsedProtocol = serde_json::from_str(&json).map_err(|e| {
        StoreError::Corrupt(format!("the stored reading of minutes {minutes_id}: {e}"))
    })?;
    Ok(if p.is_extract() && !stored.is_extract() {
        let mut merged = stored;
        merged.merge_paragraphs_of(p);
        Some(merged)
    } else if p.is_extract() || stored.is_extract() {
        let mut merged = p.clone();
        merged.merge_paragraphs_of(&stored);
        Some(merged)
    } else {
        // Two readings of the full protocol: the new one replaces the stored one, except for
        // the paragraphs an extract gave that no full protocol holds.
        let kept = stored.extract_paragraphs();
        if kept.is_empty() {
            return Ok(None);
        }
        let mut from_extract = stored;
        from_extract.items.retain(|i| kept.contains(&i.paragraph));
        from_extract.agenda.retain(|e| kept.contains(&e.paragraph));
        let mut merged = p.clone();
        merged.merge_paragraphs_of(&from_extract);
        Some(merged)
    })
}

/// The import's one transaction.
async fn import_in(
    conn: &mut Db<'_>,
    input: &Input<'_>,
    original: &[u8],
    changes: ChangeRows<'_>,
    known: &IdCache,
    found: &mut IdCache,
    touched: &mut Touched,
) -> Result<ImportOutcome, StoreError> {
    let p = input.parsed;
    // The original goes into the database, the one truth every process shares. A row from
    // before originals were kept there gets its content now.
    conn.execute(
        "INSERT INTO stored_files (sha256, size, media_type, original_name, content, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO UPDATE \
         SET content = EXCLUDED.content WHERE stored_files.content IS NULL",
        vec![
            Val::from(input.file_sha.clone()),
            Val::from(input.size),
            Val::from(input.media_type),
            Val::from(input.file_name.to_string()),
            Val::from(original.to_vec()),
            Val::from(input.now.clone()),
        ],
        "recording the stored file",
    )
    .await?;

    // The same content already stored (this file again, or another file read the same way).
    let same = conn
        .optional(
            "SELECT id, meeting_id FROM minutes WHERE content_sha256 = $1",
            vec![Val::from(input.content_sha.clone())],
            "looking for the same protocol",
        )
        .await?;
    if let Some(row) = same {
        let minutes_id = int(&row, "id")?;
        let meeting_id = int(&row, "meeting_id")?;
        link_source(conn, minutes_id, input).await?;
        log(conn, input, "unchanged", meeting_id).await?;
        return Ok(ImportOutcome::Unchanged { meeting_id });
    }

    let authority_key = fold(input.authority);
    let authority_id = match known.authorities.get(&authority_key) {
        Some(&id) => id,
        None => upsert_authority(conn, input.authority, &input.now).await?,
    };
    found.authorities.insert(authority_key, authority_id);
    let body_key = (authority_id, fold(&normalise_space(&p.body)));
    let body_id = match known.bodies.get(&body_key) {
        Some(&id) => id,
        None => upsert_body(conn, authority_id, &p.body, &input.now).await?,
    };
    found.bodies.insert(body_key, body_id);
    let (meeting_id, existing_minutes) =
        find_or_create_meeting(conn, body_id, p, protocol_range(p), &input.now).await?;
    // The caller recounts this body's year before it commits (`crate::summaries`).
    touched.insert((body_id, p.meeting_date.year()));

    // An extract and the full protocol of one meeting make one record (see the module comment).
    let merged = match existing_minutes {
        Some(minutes_id) => merged_with_extract(conn, minutes_id, p).await?,
        None => None,
    };
    let (content_sha, reading) = match &merged {
        Some(m) => reading_of(m, input.authority)?,
        None => (input.content_sha.clone(), input.reading.clone()),
    };
    // Another file of minutes already read from a file of their own: one that is already
    // among their sources was read before and lost to the stored reading, so reading it again
    // changes nothing (without this, a PDF and its text copy replace each other on every
    // run). A file new to the minutes still replaces the reading: a later publication.
    if let Some(minutes_id) = existing_minutes.filter(|_| merged.is_none()) {
        let row = conn
            .one(
                "SELECT m.read_from, (SELECT COUNT(*) FROM minutes_sources s \
                 WHERE s.minutes_id = m.id AND s.file_sha256 = $2) AS linked \
                 FROM minutes m WHERE m.id = $1",
                vec![Val::from(minutes_id), Val::from(input.file_sha.clone())],
                &format!("reading the sources of minutes {minutes_id}"),
            )
            .await?;
        let read_from = opt_text(&row, "read_from")?;
        if int(&row, "linked")? > 0 && read_from.is_some_and(|sha| sha != input.file_sha) {
            log(conn, input, "unchanged", meeting_id).await?;
            return Ok(ImportOutcome::Unchanged { meeting_id });
        }
    }
    let p = merged.as_ref().unwrap_or(p);
    if let Some(minutes_id) = existing_minutes.filter(|_| merged.is_some()) {
        let stored_sha = conn
            .one(
                "SELECT content_sha256 FROM minutes WHERE id = $1",
                vec![Val::from(minutes_id)],
                &format!("reading minutes {minutes_id}"),
            )
            .await?;
        if text(&stored_sha, "content_sha256")? == content_sha {
            // An extract whose every paragraph the meeting already holds.
            link_source(conn, minutes_id, input).await?;
            log(conn, input, "unchanged", meeting_id).await?;
            return Ok(ImportOutcome::Unchanged { meeting_id });
        }
    }
    // What a person corrected in an earlier reading of these minutes is applied to this one
    // (crate::review): a new import never silently undoes a correction. The content hash
    // stays the parser's, so the same file again is still `Unchanged`.
    let corrected = match existing_minutes {
        Some(minutes_id) => crate::review::corrected(conn, minutes_id, p).await?,
        None => None,
    };
    let reading = match &corrected {
        Some((c, _)) => serde_json::to_string(c)
            .map_err(|e| StoreError::Invalid(format!("the protocol cannot be serialised: {e}")))?,
        None => reading,
    };
    let review_fields = match &corrected {
        Some((c, confirmed)) => crate::review::review_fields(c, confirmed),
        None => crate::review::review_fields(p, &[]),
    };
    let p = corrected.as_ref().map_or(p, |(c, _)| c);
    let range = protocol_range(p);
    conn.execute("UPDATE meetings SET start_time = $1, end_time = $2, place = $3, status = 'held' WHERE id = $4", vec![Val::from(p.start_time.clone()), Val::from(p.end_time.clone()), Val::from(p.place.clone()), Val::from(meeting_id)], &format!("updating meeting {meeting_id}")).await?;

    let state = if p.notice.posted.is_some() {
        "posted"
    } else {
        "justerad"
    };
    let minutes_values: Vec<Val> = vec![
        state.into(),
        range.map(|r| i64::from(r.first)).into(),
        range.map(|r| i64::from(r.last)).into(),
        (&p.chair).into(),
        (&p.secretary).into(),
        (&p.justering.place).into(),
        p.justering.date.map(|d| d.to_string()).into(),
        p.layout.as_str().into(),
        content_sha.into(),
        i64::from(p.paragraphs.is_some()).into(),
        confidence_json(p).into(),
        review_fields.into(),
        input.now.clone().into(),
    ];
    let (minutes_id, outcome, action) = match existing_minutes {
        Some(minutes_id) => {
            let mut values = minutes_values;
            values.push(input.file_sha.clone().into());
            values.push(minutes_id.into());
            conn.execute(
                "UPDATE minutes SET state = $1, paragraph_first = $2, paragraph_last = $3, \
                 chair = $4, secretary = $5, justering_place = $6, justering_date = $7, \
                 layout = $8, content_sha256 = $9, range_printed = $10, \
                 confidence_json = $11, review_fields = $12, updated_at = $13, \
                 read_from = $14 WHERE id = $15",
                values,
                &format!("updating minutes {minutes_id}"),
            )
            .await?;
            (minutes_id, ImportOutcome::Updated { meeting_id }, "update")
        }
        None => {
            let mut values = vec![Val::from(meeting_id)];
            values.extend(minutes_values);
            values.push(input.now.clone().into());
            values.push(input.file_sha.clone().into());
            let row = conn
                .one(
                    "INSERT INTO minutes (meeting_id, state, paragraph_first, paragraph_last, chair, \
                     secretary, justering_place, justering_date, layout, content_sha256, \
                     range_printed, confidence_json, review_fields, updated_at, created_at, \
                     read_from) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, \
                     $16) RETURNING id",
                    values,
                    "storing the minutes",
                )
                .await?;
            (
                int(&row, "id")?,
                ImportOutcome::Imported { meeting_id },
                "insert",
            )
        }
    };

    write_children(
        conn,
        minutes_id,
        meeting_id,
        authority_id,
        p,
        reading,
        matches!(outcome, ImportOutcome::Updated { .. }),
        action,
        &input.now,
        changes,
    )
    .await?;
    link_source(conn, minutes_id, input).await?;
    log(
        conn,
        input,
        if action == "insert" {
            "imported"
        } else {
            "updated"
        },
        meeting_id,
    )
    .await?;
    Ok(outcome)
}

/// Writes everything of minutes `minutes_id` that hangs off its row, from reading `p` (whose
/// JSON is `reading`): persons, cases, paragraphs, attendance, absences, the header rows,
/// the stored reading, the change row the search index follows, and proposed masks. The one
/// writer of an import and of a correction (`crate::review`), so both build the same rows;
/// `replacing` when the minutes had rows (cleared here first).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn write_children(
    conn: &mut Db<'_>,
    minutes_id: i64,
    meeting_id: i64,
    authority_id: i64,
    p: &ParsedProtocol,
    reading: String,
    replacing: bool,
    action: &str,
    now: &str,
    changes: ChangeRows<'_>,
) -> Result<(), StoreError> {
    if replacing {
        clear_minutes(conn, minutes_id, Some(meeting_id)).await?;
    }
    let range = protocol_range(p);
    let persons = upsert_persons(conn, authority_id, p).await?;
    let cases = upsert_cases(conn, authority_id, p, now).await?;
    let mut store_warnings = Vec::new();
    insert_paragraphs(conn, minutes_id, p, &cases, &[], 0).await?;
    insert_attendance(conn, minutes_id, p, range, &persons, &mut store_warnings).await?;
    insert_absences(conn, minutes_id, p, &persons).await?;
    insert_header_rows(
        conn,
        minutes_id,
        meeting_id,
        authority_id,
        p,
        &persons,
        &cases,
        &store_warnings,
        true,
    )
    .await?;
    conn.execute(
        "INSERT INTO minutes_readings (minutes_id, parser_json) VALUES ($1, $2) \
         ON CONFLICT (minutes_id) DO UPDATE SET parser_json = excluded.parser_json",
        vec![Val::from(minutes_id), Val::from(reading)],
        "storing the parser's reading",
    )
    .await?;
    if replacing {
        remove_orphan_cases(conn, authority_id).await?;
    }
    match changes {
        ChangeRows::Now => record_change(conn, minutes_id, action, now).await?,
        ChangeRows::Collected(rows) => rows.push(ChangeRow {
            minutes_id,
            action: action.to_string(),
            at: now.to_string(),
        }),
    }
    crate::redaction::propose_in(
        conn,
        minutes_id,
        &kansli_core::redaction::personnummer_in(p),
        "import",
        now,
    )
    .await?;
    Ok(())
}

/// The parser's confidence map as stored (`None` when empty: recorded minutes have none).
pub(crate) fn confidence_json(p: &ParsedProtocol) -> Option<String> {
    if p.confidence.is_empty() {
        None
    } else {
        serde_json::to_string(&p.confidence).ok()
    }
}

/// Members recorded as absent.
pub(crate) async fn insert_absences(
    conn: &mut Db<'_>,
    minutes_id: i64,
    p: &ParsedProtocol,
    persons: &HashMap<String, i64>,
) -> Result<(), StoreError> {
    let rows = p
        .absent
        .iter()
        .enumerate()
        .map(|(position, a)| {
            vec![
                minutes_id.into(),
                (position as i64).into(),
                persons.get(&fold(&a.name)).copied().into(),
                a.name.as_str().into(),
                (&a.party).into(),
                (&a.reason).into(),
            ]
        })
        .collect();
    conn.insert_rows(
        "minutes_absences",
        &[
            "minutes_id",
            "position",
            "person_id",
            "name",
            "party",
            "reason",
        ],
        rows,
        "",
    )
    .await?;
    Ok(())
}

/// Writes the `changes` row (and the indexing job) the search index follows for a change to
/// minutes, in the caller's transaction.
pub(crate) async fn record_change(
    conn: &mut Db<'_>,
    minutes_id: i64,
    action: &str,
    now: &str,
) -> Result<(), StoreError> {
    let row = ChangeRow {
        minutes_id,
        action: action.to_string(),
        at: now.to_string(),
    };
    record_changes(conn, std::slice::from_ref(&row)).await
}

/// Where the `changes` row of a write to minutes goes (see `record_change`).
pub(crate) enum ChangeRows<'a> {
    /// Written at once, in the caller's transaction.
    Now,
    /// Collected for `record_changes`, which a batch calls once before its commit: on
    /// PostgreSQL the change log's lock is then held from that moment to the commit, not from
    /// the batch's first protocol, so two importers' batches run side by side until then.
    Collected(&'a mut Vec<ChangeRow>),
}

/// A `changes` row not yet written: the minutes, `insert` or `update`, and when (RFC 3339).
#[derive(Debug, Clone)]
pub(crate) struct ChangeRow {
    minutes_id: i64,
    action: String,
    at: String,
}

/// Writes `changes` rows and their indexing jobs, in the caller's transaction and in the order
/// given, under the change log's lock (PostgreSQL).
pub(crate) async fn record_changes(
    conn: &mut Db<'_>,
    rows: &[ChangeRow],
) -> Result<(), StoreError> {
    if rows.is_empty() {
        return Ok(());
    }
    if !conn.is_sqlite() {
        // Change ids must become visible in id order, or a reader catching up from the last
        // id it saw could skip one committed late: concurrent writers queue here until commit.
        // (SQLite has one writer at a time anyway.)
        conn.execute(
            "SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock($1)) AS l",
            vec![Val::from(CHANGES_LOCK)],
            "waiting for the change log",
        )
        .await?;
    }
    conn.insert_rows(
        "changes",
        &["entity", "entity_id", "action", "changed_at"],
        rows.iter()
            .map(|r| {
                vec![
                    Val::from("minutes".to_string()),
                    Val::from(r.minutes_id),
                    Val::from(r.action.clone()),
                    Val::from(r.at.clone()),
                ]
            })
            .collect(),
        "",
    )
    .await?;
    conn.insert_rows(
        "jobs",
        &["kind", "payload", "created_at"],
        rows.iter()
            .map(|r| {
                vec![
                    Val::from("index_minutes".to_string()),
                    Val::from(format!("{{\"minutes_id\":{}}}", r.minutes_id)),
                    Val::from(r.at.clone()),
                ]
            })
            .collect(),
        "",
    )
    .await?;
    Ok(())
}

/// A name with its white space collapsed, as bodies are stored.
fn normalise_space(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The paragraph range the cover states, else the numbers found.
pub(crate) fn protocol_range(p: &ParsedProtocol) -> Option<ParagraphRange> {
    p.paragraphs.or_else(|| {
        let first = p.items.iter().map(|i| i.paragraph).min()?;
        let last = p.items.iter().map(|i| i.paragraph).max()?;
        Some(ParagraphRange { first, last })
    })
}

/// A serde enum's name as stored (`"kommunalforbund"`).
fn enum_name<T: Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "other".to_string())
}

async fn link_source(
    conn: &mut Db<'_>,
    minutes_id: i64,
    input: &Input<'_>,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO minutes_sources (minutes_id, file_sha256, file_name, added_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (minutes_id, file_sha256) DO NOTHING",
        vec![
            Val::from(minutes_id),
            Val::from(input.file_sha.clone()),
            Val::from(input.file_name.to_string()),
            Val::from(input.now.clone()),
        ],
        "linking the source file",
    )
    .await?;
    Ok(())
}

async fn log(
    conn: &mut Db<'_>,
    input: &Input<'_>,
    outcome: &str,
    meeting_id: i64,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO import_log (file_sha256, file_name, outcome, meeting_id, message, logged_at) \
         VALUES ($1, $2, $3, $4, NULL, $5)",
        vec![
            Val::from(input.file_sha.clone()),
            Val::from(input.file_name.to_string()),
            Val::from(outcome.to_string()),
            Val::from(meeting_id),
            Val::from(input.now.clone()),
        ],
        "writing the import log",
    )
    .await?;
    Ok(())
}

/// A slug not yet taken in `taken`: `base`, `base-2`, `base-3` …
fn free_slug(base: &str, taken: &BTreeSet<String>) -> String {
    if !taken.contains(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|s| !taken.contains(s))
        .unwrap_or_else(|| base.to_string())
}

/// Slugs in `table` that start with `base` (within `scope` when given).
async fn taken_slugs(
    conn: &mut Db<'_>,
    sql: &'static str,
    scope: Option<i64>,
    base: &str,
) -> Result<BTreeSet<String>, StoreError> {
    let mut binds: Vec<Val> = scope.map(Val::from).into_iter().collect();
    // The slug alphabet is [a-z0-9-], so LIKE needs no escaping.
    binds.push(format!("{base}%").into());
    let rows = conn.rows(sql, binds, "reading taken slugs").await?;
    rows.iter().map(|r| text(r, "slug")).collect()
}

pub(crate) async fn upsert_authority(
    conn: &mut Db<'_>,
    name: &str,
    now: &str,
) -> Result<i64, StoreError> {
    let folded = fold(name);
    let found = conn
        .optional(
            "SELECT id FROM authorities WHERE name_folded = $1",
            vec![Val::from(folded.clone())],
            "looking up the authority",
        )
        .await?;
    if let Some(row) = found {
        return int(&row, "id");
    }
    let base = match slug(name) {
        s if s.is_empty() => "myndighet".to_string(),
        s => s,
    };
    let taken = taken_slugs(
        conn,
        "SELECT slug FROM authorities WHERE slug LIKE $1",
        None,
        &base,
    )
    .await?;
    // A concurrent import may create the same authority first: then this one fails on the
    // unique key and is retried (see `is_conflict`).
    let row = conn.one("INSERT INTO authorities (slug, name, name_folded, kind, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id", vec![Val::from(free_slug(&base, &taken)), Val::from(name.to_string()), Val::from(folded), Val::from(enum_name(AuthorityKind::from_name(name))), Val::from(now.to_string())], &format!("storing the authority {name:?}")).await?;
    int(&row, "id")
}

pub(crate) async fn upsert_body(
    conn: &mut Db<'_>,
    authority_id: i64,
    name: &str,
    now: &str,
) -> Result<i64, StoreError> {
    let name = normalise_space(name);
    let folded = fold(&name);
    let found = conn
        .optional(
            "SELECT id FROM bodies WHERE authority_id = $1 AND name_folded = $2",
            vec![Val::from(authority_id), Val::from(folded.clone())],
            "looking up the body",
        )
        .await?;
    if let Some(row) = found {
        return int(&row, "id");
    }
    let base = match slug(&name) {
        s if s.is_empty() => "organ".to_string(),
        s => s,
    };
    let taken = taken_slugs(
        conn,
        "SELECT slug FROM bodies WHERE authority_id = $1 AND slug LIKE $2",
        Some(authority_id),
        &base,
    )
    .await?;
    let row = conn
        .one(
            "INSERT INTO bodies (authority_id, slug, name, name_folded, kind, seats, created_at) \
         VALUES ($1, $2, $3, $4, $5, NULL, $6) RETURNING id",
            vec![
                Val::from(authority_id),
                Val::from(free_slug(&base, &taken)),
                Val::from(name.clone()),
                Val::from(folded),
                Val::from(enum_name(BodyKind::from_name(&name))),
                Val::from(now.to_string()),
            ],
            &format!("storing the body {name:?}"),
        )
        .await?;
    int(&row, "id")
}

/// The meeting this protocol records (see the module comment), and its minutes if stored;
/// refused when they are minutes recorded in Kansli, which only their own record changes.
async fn find_or_create_meeting(
    conn: &mut Db<'_>,
    body_id: i64,
    p: &ParsedProtocol,
    range: Option<ParagraphRange>,
    now: &str,
) -> Result<(i64, Option<i64>), StoreError> {
    let date = p.meeting_date.to_string();
    let rows = conn
        .rows(
            "SELECT m.id, m.slug, mi.id AS minutes_id, mi.paragraph_first, mi.paragraph_last, \
         mi.origin, CAST(CASE WHEN r.parser_json LIKE $3 THEN 1 ELSE 0 END AS BIGINT) AS extract \
         FROM meetings m LEFT JOIN minutes mi ON mi.meeting_id = m.id \
         LEFT JOIN minutes_readings r ON r.minutes_id = mi.id \
         WHERE m.body_id = $1 AND m.meeting_date = $2 ORDER BY m.id",
            vec![
                Val::from(body_id),
                Val::from(date.clone()),
                Val::from(format!("%\"{EXTRACT_WARNING}\"%")),
            ],
            "looking up the meeting",
        )
        .await?;
    let mut taken = BTreeSet::new();
    for row in &rows {
        taken.insert(text(row, "slug")?);
    }
    // The meeting whose range overlaps; else, when the new or the stored minutes are an
    // extract, the first meeting of the day that has one (an extract's paragraph may lie
    // outside the full protocol's range as its cover states it).
    let mut found = None;
    for row in &rows {
        let stored = match (
            opt_int(row, "paragraph_first")?,
            opt_int(row, "paragraph_last")?,
        ) {
            (Some(first), Some(last)) => Some((first, last)),
            _ => None,
        };
        let same = match (stored, range) {
            (Some((first, last)), Some(r)) => {
                first <= i64::from(r.last) && i64::from(r.first) <= last
            }
            _ => true,
        };
        if same {
            found = Some(row);
            break;
        }
    }
    if found.is_none() {
        for row in &rows {
            if p.is_extract() || int(row, "extract")? == 1 {
                found = Some(row);
                break;
            }
        }
    }
    if let Some(row) = found {
        let meeting_id = int(row, "id")?;
        let minutes_id = opt_int(row, "minutes_id")?;
        if minutes_id.is_some() && opt_text(row, "origin")?.as_deref() == Some("recorded") {
            return Err(StoreError::Refused(format!(
                "the meeting of {} on {date} has minutes recorded in Kansli; an import never \
                 replaces or adds to them",
                p.body
            )));
        }
        return Ok((meeting_id, minutes_id));
    }
    let row = conn.one("INSERT INTO meetings (body_id, slug, meeting_date, start_time, end_time, place, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'held', $7) RETURNING id", vec![Val::from(body_id), Val::from(free_slug(&date, &taken)), Val::from(date), Val::from(p.start_time.clone()), Val::from(p.end_time.clone()), Val::from(p.place.clone()), Val::from(now.to_string())], "storing the meeting").await?;
    Ok((int(&row, "id")?, None))
}

/// Removes the children of minutes about to be replaced (paragraph and attendance children go
/// with them by cascade).
pub(crate) async fn clear_minutes(
    conn: &mut Db<'_>,
    minutes_id: i64,
    agenda_of: Option<i64>,
) -> Result<(), StoreError> {
    for table in [
        "paragraphs",
        "attendance",
        "justerare",
        "signatures",
        "notices",
        "minutes_appendices",
        "minutes_warnings",
        "minutes_absences",
    ] {
        conn.execute(
            &format!("DELETE FROM {table} WHERE minutes_id = $1"),
            vec![Val::from(minutes_id)],
            &format!("clearing {table} of minutes {minutes_id}"),
        )
        .await?;
    }
    // A recorded meeting's agenda is the kallelse's, kept apart from the minutes.
    if let Some(meeting_id) = agenda_of {
        conn.execute(
            "DELETE FROM agenda_items WHERE meeting_id = $1",
            vec![Val::from(meeting_id)],
            &format!("clearing the agenda of meeting {meeting_id}"),
        )
        .await?;
    }
    Ok(())
}

/// Cases created by imports that nothing refers to any more.
async fn remove_orphan_cases(conn: &mut Db<'_>, authority_id: i64) -> Result<(), StoreError> {
    conn.execute(
        "DELETE FROM cases WHERE authority_id = $1 AND origin = 'import' \
         AND NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.case_id = cases.id) \
         AND NOT EXISTS (SELECT 1 FROM agenda_items a WHERE a.case_id = cases.id) \
         AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.case_id = cases.id)",
        vec![Val::from(authority_id)],
        "removing cases no protocol names",
    )
    .await?;
    Ok(())
}

/// Every person the protocol names, by folded name → id.
pub(crate) async fn upsert_persons(
    conn: &mut Db<'_>,
    authority_id: i64,
    p: &ParsedProtocol,
) -> Result<HashMap<String, i64>, StoreError> {
    let mut names: HashMap<String, String> = HashMap::new();
    let all = p
        .participants
        .iter()
        .map(|x| x.name.as_str())
        .chain(p.chair.as_deref())
        .chain(p.secretary.as_deref())
        .chain(p.justerare.iter().map(String::as_str))
        .chain(p.signatures.iter().map(|s| s.name.as_str()))
        .chain(p.absent.iter().map(|a| a.name.as_str()));
    for name in all {
        let folded = fold(name);
        if !folded.is_empty() {
            names
                .entry(folded)
                .or_insert_with(|| name.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    let mut ids = HashMap::new();
    if names.is_empty() {
        return Ok(ids);
    }
    // In key order, so concurrent imports lock shared rows in the same order (no deadlock).
    let mut names: Vec<(String, String)> = names.into_iter().collect();
    names.sort();
    // Most are known already (a body's members recur at every meeting): read their ids, and
    // upsert only the rest (see `known_ids`).
    ids = known_ids(
        conn,
        "persons",
        "name_folded",
        authority_id,
        names.iter().map(|(folded, _)| folded),
    )
    .await?;
    names.retain(|(folded, _)| !ids.contains_key(folded));
    if names.is_empty() {
        return Ok(ids);
    }
    let rows = names
        .iter()
        .map(|(folded, name)| {
            vec![
                authority_id.into(),
                name.clone().into(),
                folded.clone().into(),
            ]
        })
        .collect();
    // DO UPDATE (a no-op write) rather than DO NOTHING, so RETURNING also yields a row another
    // importer stored since the look-up. Keys are unique within the batch.
    let returned = conn.insert_rows(
        "persons",
        &["authority_id", "name", "name_folded"],
        rows,
        "ON CONFLICT (authority_id, name_folded) DO UPDATE SET name_folded = EXCLUDED.name_folded \
         RETURNING id, name_folded",
    )
    .await?;
    for row in &returned {
        ids.insert(text(row, "name_folded")?, int(row, "id")?);
    }
    Ok(ids)
}

/// The ids of the rows of `table` of the authority whose `column` is one of `keys`, by key.
///
/// An import reads these before it upserts the rest: upserting a row that exists (`ON
/// CONFLICT … DO UPDATE`, a no-op write so that `RETURNING` yields it) writes it again and
/// keeps it locked to the commit, so a second importer of the same authority (`kansli
/// import`'s other writer on PostgreSQL) waited at its first shared person or case for the
/// first's whole batch.
async fn known_ids<'a>(
    conn: &mut Db<'_>,
    table: &str,
    column: &str,
    authority_id: i64,
    keys: impl Iterator<Item = &'a String>,
) -> Result<HashMap<String, i64>, StoreError> {
    let mut binds = vec![Val::from(authority_id)];
    binds.extend(keys.map(|k| Val::from(k.clone())));
    let rows = conn
        .rows(
            &format!(
                "SELECT id, {column} AS key FROM {table} WHERE authority_id = $1 \
                 AND {column} IN ({})",
                placeholders(2, binds.len() - 1)
            ),
            binds,
            &format!("looking up known {table}"),
        )
        .await?;
    let mut ids = HashMap::with_capacity(rows.len());
    for row in &rows {
        ids.insert(text(row, "key")?, int(row, "id")?);
    }
    Ok(ids)
}

/// The Dnr key of an item or agenda entry, when its Dnr parses.
fn dnr_of(raw: Option<&str>) -> Option<Dnr> {
    raw.and_then(|d| Dnr::parse(d).ok())
}

/// Every case the protocol names, by Dnr key → id.
pub(crate) async fn upsert_cases(
    conn: &mut Db<'_>,
    authority_id: i64,
    p: &ParsedProtocol,
    now: &str,
) -> Result<HashMap<String, i64>, StoreError> {
    let mut found: HashMap<String, (Dnr, String)> = HashMap::new();
    for item in &p.items {
        if let Some(dnr) = item.parsed_dnr() {
            found
                .entry(dnr.key())
                .or_insert_with(|| (dnr, item.title.clone()));
        }
    }
    for entry in &p.agenda {
        if let Some(dnr) = dnr_of(entry.dnr.as_deref()) {
            found
                .entry(dnr.key())
                .or_insert_with(|| (dnr, entry.title.clone()));
        }
    }
    let mut ids = HashMap::new();
    if found.is_empty() {
        return Ok(ids);
    }
    // In key order, so concurrent imports lock shared rows in the same order (no deadlock).
    let mut found: Vec<(String, (Dnr, String))> = found.into_iter().collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    // A case treated again (beredning, then the nämnd) is known already: see `known_ids`.
    ids = known_ids(
        conn,
        "cases",
        "dnr_key",
        authority_id,
        found.iter().map(|(key, _)| key),
    )
    .await?;
    found.retain(|(key, _)| !ids.contains_key(key));
    if found.is_empty() {
        return Ok(ids);
    }
    let rows = found
        .iter()
        .map(|(key, (dnr, title))| {
            vec![
                authority_id.into(),
                key.clone().into(),
                dnr.printed().into(),
                dnr.series().into(),
                i64::from(dnr.year()).into(),
                i64::from(dnr.number()).into(),
                title.clone().into(),
                "import".into(),
                now.into(),
                // The diarium's search compares folded text (SQLite's LOWER folds only ASCII:
                // 'Återbudgetering' would never match 'återbudgetering').
                kansli_core::text::fold(title).into(),
            ]
        })
        .collect();
    let returned = conn
        .insert_rows(
            "cases",
            &[
                "authority_id",
                "dnr_key",
                "dnr_printed",
                "series",
                "year",
                "number",
                "title",
                "origin",
                "created_at",
                "title_folded",
            ],
            rows,
            "ON CONFLICT (authority_id, dnr_key) DO UPDATE SET dnr_key = EXCLUDED.dnr_key \
         RETURNING id, dnr_key",
        )
        .await?;
    for row in &returned {
        ids.insert(text(row, "dnr_key")?, int(row, "id")?);
    }
    Ok(ids)
}

fn case_id(cases: &HashMap<String, i64>, raw: Option<&str>) -> Option<i64> {
    dnr_of(raw).and_then(|d| cases.get(&d.key()).copied())
}

/// The paragraphs and everything under them.
///
/// `versions[i]` is item i's paragraph version (0 when not given); positions start at
/// `first_position` (a single paragraph saved alone keeps its place).
pub(crate) async fn insert_paragraphs(
    conn: &mut Db<'_>,
    minutes_id: i64,
    p: &ParsedProtocol,
    cases: &HashMap<String, i64>,
    versions: &[i64],
    first_position: i64,
) -> Result<(), StoreError> {
    if p.items.is_empty() {
        return Ok(());
    }
    let rows = p
        .items
        .iter()
        .enumerate()
        .map(|(position, item)| {
            vec![
                minutes_id.into(),
                (first_position + position as i64).into(),
                i64::from(item.paragraph).into(),
                case_id(cases, item.dnr.as_deref()).into(),
                (&item.dnr).into(),
                item.title.as_str().into(),
                (&item.summary).into(),
                (&item.decision).into(),
                (&item.proposition_order).into(),
                item.recorded.adopted.map(|i| i as i64).into(),
                i64::from(item.recorded.immediately_justerad).into(),
                versions.get(position).copied().unwrap_or(0).into(),
            ]
        })
        .collect();
    let returned = conn
        .insert_rows(
            "paragraphs",
            &[
                "minutes_id",
                "position",
                "number",
                "case_id",
                "dnr_printed",
                "title",
                "summary",
                "decision",
                "proposition_order",
                "adopted_motion",
                "immediately_justerad",
                "version",
            ],
            rows,
            "RETURNING id, position",
        )
        .await?;
    let mut ids = vec![0i64; p.items.len()];
    for row in &returned {
        let position = int(row, "position")? - first_position;
        if let Some(slot) = usize::try_from(position).ok().and_then(|i| ids.get_mut(i)) {
            *slot = int(row, "id")?;
        }
    }
    let items: Vec<(i64, &Item)> = ids.into_iter().zip(&p.items).collect();

    /// Rows `(paragraph_id, position, …)` for one list field of every item.
    fn list_rows<'a, T: 'a>(
        items: &'a [(i64, &'a Item)],
        field: impl Fn(&'a Item) -> &'a [T],
        values: impl Fn(&'a T) -> Vec<Val>,
    ) -> Vec<Vec<Val>> {
        let mut rows = Vec::new();
        for (id, item) in items {
            for (position, x) in field(item).iter().enumerate() {
                let mut row = vec![Val::from(*id), Val::from(position as i64)];
                row.extend(values(x));
                rows.push(row);
            }
        }
        rows
    }
    let text_only = |s: &String| vec![Val::from(s.as_str())];

    conn.insert_rows(
        "paragraph_sections",
        &["paragraph_id", "position", "heading", "body"],
        list_rows(
            &items,
            |i| &i.sections,
            |s| vec![s.heading.as_str().into(), s.text.as_str().into()],
        ),
        "",
    )
    .await?;
    conn.insert_rows(
        "basis_documents",
        &["paragraph_id", "position", "title"],
        list_rows(&items, |i| &i.basis, text_only),
        "",
    )
    .await?;
    conn.insert_rows(
        "motions",
        &["paragraph_id", "position", "movers", "body", "kind"],
        list_rows(
            &items,
            |i| &i.motions,
            |m| {
                vec![
                    m.movers.join("\n").into(),
                    m.text.as_str().into(),
                    m.kind.map(|k| k.as_str()).into(),
                ]
            },
        ),
        "",
    )
    .await?;
    conn.insert_rows(
        "reservations",
        &["paragraph_id", "position", "body"],
        list_rows(&items, |i| &i.reservations, text_only),
        "",
    )
    .await?;
    conn.insert_rows(
        "minute_notes",
        &["paragraph_id", "position", "body"],
        list_rows(&items, |i| &i.notes, text_only),
        "",
    )
    .await?;
    // Jäv as printed (body) and as recorded (member), in one table: printed rows first.
    let mut disqualifications = Vec::new();
    for (id, item) in &items {
        let printed = item.disqualifications.iter().map(|t| (t.as_str(), None));
        let recorded = item
            .recorded
            .disqualified
            .iter()
            .map(|n| ("", Some(n.as_str())));
        for (position, (body, member)) in printed.chain(recorded).enumerate() {
            disqualifications.push(vec![
                Val::from(*id),
                Val::from(position as i64),
                body.into(),
                member.into(),
            ]);
        }
    }
    conn.insert_rows(
        "disqualifications",
        &["paragraph_id", "position", "body", "member"],
        disqualifications,
        "",
    )
    .await?;
    conn.insert_rows(
        "dispatches",
        &["paragraph_id", "position", "recipient"],
        list_rows(&items, |i| &i.dispatch, text_only),
        "",
    )
    .await?;
    // One vote row per paragraph: the printed text and, when recorded live, the votering.
    let votes = items
        .iter()
        .filter(|(_, item)| item.vote.is_some() || item.recorded.votering.is_some())
        .map(|(id, item)| {
            let v = item.recorded.votering.as_ref();
            let tally = v.map(|v| v.tally());
            vec![
                Val::from(*id),
                Val::from(0i64),
                (&item.vote).into(),
                v.map(|v| v.ja.as_str()).into(),
                v.map(|v| v.nej.as_str()).into(),
                tally.map(|t| i64::from(t.0)).into(),
                tally.map(|t| i64::from(t.1)).into(),
                tally.map(|t| i64::from(t.2)).into(),
                v.and_then(|v| v.winner()).map(|w| w.as_str()).into(),
                v.and_then(|v| v.tie_break)
                    .map(|t| crate::record::tie_break_name(t))
                    .into(),
            ]
        })
        .collect();
    let returned = conn
        .insert_rows(
            "votes",
            &[
                "paragraph_id",
                "position",
                "body",
                "yes_means",
                "no_means",
                "yes_count",
                "no_count",
                "abstain_count",
                "result",
                "tie_break",
            ],
            votes,
            "RETURNING id, paragraph_id",
        )
        .await?;
    let mut casts = Vec::new();
    for row in &returned {
        let paragraph_id = int(row, "paragraph_id")?;
        let vote_id = int(row, "id")?;
        let Some(v) = items
            .iter()
            .find(|(id, _)| *id == paragraph_id)
            .and_then(|(_, item)| item.recorded.votering.as_ref())
        else {
            continue;
        };
        for (position, c) in v.casts.iter().enumerate() {
            casts.push(vec![
                Val::from(vote_id),
                Val::from(position as i64),
                Val::from(c.name.as_str()),
                Val::from(match c.choice {
                    kansli_core::protocol::VoteChoice::Ja => "yes",
                    kansli_core::protocol::VoteChoice::Nej => "no",
                    kansli_core::protocol::VoteChoice::Avstar => "abstain",
                }),
            ]);
        }
    }
    conn.insert_rows(
        "vote_casts",
        &["vote_id", "position", "voter", "choice"],
        casts,
        "",
    )
    .await?;
    Ok(())
}

/// The stored role of a printed role, when it names a seat.
fn member_role(role: Option<&str>) -> Option<&'static str> {
    let role = fold(role?);
    if role.contains("vice ordförande") {
        Some("vice_chair")
    } else if role.contains("ordförande") {
        Some("chair")
    } else if role.contains("ersättare") {
        Some("substitute")
    } else if role.contains("ledamot") {
        Some("member")
    } else if role.contains("insyn") {
        Some("observer")
    } else {
        None
    }
}

/// Attendance rows, one per participant line.
pub(crate) async fn insert_attendance(
    conn: &mut Db<'_>,
    minutes_id: i64,
    p: &ParsedProtocol,
    range: Option<ParagraphRange>,
    persons: &HashMap<String, i64>,
    warnings: &mut Vec<String>,
) -> Result<(), StoreError> {
    if p.participants.is_empty() {
        return Ok(());
    }
    let rows = p
        .participants
        .iter()
        .enumerate()
        .map(|(position, x)| {
            let category = crate::record::category_name(x.category);
            vec![
                minutes_id.into(),
                (position as i64).into(),
                persons.get(&fold(&x.name)).copied().into(),
                x.name.as_str().into(),
                category.into(),
                member_role(x.role.as_deref()).into(),
                (&x.role).into(),
                (&x.party).into(),
                (&x.represents).into(),
                (&x.serves_for).into(),
                (&x.paragraphs).into(),
            ]
        })
        .collect();
    conn.insert_rows(
        "attendance",
        &[
            "minutes_id",
            "position",
            "person_id",
            "name",
            "category",
            "role",
            "role_text",
            "party",
            "represents",
            "serves_for",
            "paragraphs_text",
        ],
        rows,
        "",
    )
    .await?;
    // Which paragraphs a participant attended is read from `paragraphs_text` where it is
    // needed (the search feed); a set that cannot be read is said here, once.
    for x in &p.participants {
        if let Some(raw) = x.paragraphs.as_deref()
            && ParagraphSet::parse(raw, range).is_err()
        {
            warnings.push(format!(
                "the paragraphs of {} could not be read: {raw:?}",
                x.name
            ));
        }
    }
    Ok(())
}

/// Agenda, justerare, signatures, notice, appendices and warnings.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_header_rows(
    conn: &mut Db<'_>,
    minutes_id: i64,
    meeting_id: i64,
    authority_id: i64,
    p: &ParsedProtocol,
    persons: &HashMap<String, i64>,
    cases: &HashMap<String, i64>,
    store_warnings: &[String],
    with_agenda: bool,
) -> Result<(), StoreError> {
    let person = |name: &str| persons.get(&fold(name)).copied();
    let agenda = p
        .agenda
        .iter()
        .filter(|_| with_agenda)
        .enumerate()
        .map(|(position, a)| {
            vec![
                meeting_id.into(),
                (position as i64).into(),
                i64::from(a.paragraph).into(),
                case_id(cases, a.dnr.as_deref()).into(),
                (&a.dnr).into(),
                a.title.as_str().into(),
                (&a.pages).into(),
            ]
        })
        .collect();
    conn.insert_rows(
        "agenda_items",
        &[
            "meeting_id",
            "position",
            "paragraph_number",
            "case_id",
            "dnr_printed",
            "title",
            "pages",
        ],
        agenda,
        "",
    )
    .await?;
    let justerare = p
        .justerare
        .iter()
        .enumerate()
        .map(|(position, name)| {
            vec![
                minutes_id.into(),
                (position as i64).into(),
                person(name).into(),
                name.as_str().into(),
            ]
        })
        .collect();
    conn.insert_rows(
        "justerare",
        &["minutes_id", "position", "person_id", "name"],
        justerare,
        "",
    )
    .await?;
    let signatures = p
        .signatures
        .iter()
        .enumerate()
        .map(|(position, s)| {
            vec![
                minutes_id.into(),
                (position as i64).into(),
                person(&s.name).into(),
                s.name.as_str().into(),
                s.signed_at
                    .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                    .into(),
            ]
        })
        .collect();
    conn.insert_rows(
        "signatures",
        &["minutes_id", "position", "person_id", "name", "signed_at"],
        signatures,
        "",
    )
    .await?;
    let n = &p.notice;
    if n.posted.is_some() || n.removal.is_some() || n.kept_at.is_some() {
        let row = vec![
            minutes_id.into(),
            0i64.into(),
            authority_id.into(),
            n.posted.map(|d| d.to_string()).into(),
            n.removal.map(|d| d.to_string()).into(),
            (&n.kept_at).into(),
        ];
        conn.insert_rows(
            "notices",
            &[
                "minutes_id",
                "position",
                "board_authority_id",
                "posted",
                "removal",
                "kept_at",
            ],
            vec![row],
            "",
        )
        .await?;
    }
    let appendices = p
        .appendices
        .iter()
        .enumerate()
        .map(|(position, t)| {
            vec![
                minutes_id.into(),
                (position as i64).into(),
                t.as_str().into(),
            ]
        })
        .collect();
    conn.insert_rows(
        "minutes_appendices",
        &["minutes_id", "position", "title"],
        appendices,
        "",
    )
    .await?;
    let warnings = p
        .warnings
        .iter()
        .map(|w| ("parser", w))
        .chain(store_warnings.iter().map(|w| ("store", w)))
        .enumerate()
        .map(|(position, (source, w))| {
            vec![
                minutes_id.into(),
                (position as i64).into(),
                source.into(),
                w.as_str().into(),
            ]
        })
        .collect();
    conn.insert_rows(
        "minutes_warnings",
        &["minutes_id", "position", "source", "message"],
        warnings,
        "",
    )
    .await?;
    Ok(())
}
