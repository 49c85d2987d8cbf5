//! What the e-arkiv export reads: a case with every document's bytes (confidential ones
//! included) and the paragraphs that handled it, the closed cases of an authority, and
//! justerade minutes with their original, justering and signatures; and the audit event of an
//! export. The package itself is written by `kansli-earkiv`, which never sees SQL.
//!
//! Every stored content read here is checked against its SHA-256: an archive package never
//! carries bytes that differ from what was registered.

use serde::Serialize;
use serde_json::json;

use crate::accounts::{Actor, Change, write_audit};
use crate::diarium::{CaseRecord, DocumentRecord};
use crate::error::DbContext;
use crate::files;
use crate::sql::{int, opt_int, opt_text, query_rows, text};
use crate::{Store, StoreError};

/// A document of a case with its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDocument {
    /// The document as the diarium keeps it.
    pub record: DocumentRecord,
    /// Its content, checked against its SHA-256.
    pub content: Vec<u8>,
    /// When its content was first stored (RFC 3339 UTC).
    pub stored_at: String,
}

/// A paragraph that handled a case, with its decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportHandling {
    /// The meeting's id (its stored reading renders the paragraph's protokollsutdrag).
    pub meeting_id: i64,
    /// The body's name.
    pub body_name: String,
    /// The meeting's date (`YYYY-MM-DD`).
    pub meeting_date: String,
    /// The paragraph number.
    pub paragraph: i64,
    /// The paragraph's title.
    pub title: String,
    /// The decision as recorded.
    pub decision: Option<String>,
}

/// A case with everything its archive package carries (but documents whose content gallring
/// deleted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseExport {
    /// The authority's name.
    pub authority_name: String,
    /// The case.
    pub case: CaseRecord,
    /// Its documents in registration order, with their bytes.
    pub documents: Vec<ExportDocument>,
    /// The paragraphs where it was handled, oldest first.
    pub handled: Vec<ExportHandling>,
}

/// A signature of minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportSignature {
    /// The signer's name.
    pub name: String,
    /// Their role, when known.
    pub role: Option<String>,
    /// When they signed (RFC 3339), when known.
    pub signed_at: Option<String>,
}

/// A stored original of minutes, with its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOriginal {
    /// The file name it was imported under.
    pub name: String,
    /// Its media type.
    pub media_type: String,
    /// When it was stored (RFC 3339 UTC).
    pub stored_at: String,
    /// Its content, checked against its SHA-256.
    pub bytes: Vec<u8>,
}

/// Minutes with everything their archive package carries (the reading comes from
/// [`Store::meeting_reading`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesExport {
    /// The authority's slug.
    pub authority_slug: String,
    /// The authority's name.
    pub authority_name: String,
    /// The body's slug.
    pub body_slug: String,
    /// The body's name.
    pub body_name: String,
    /// The meeting's slug.
    pub meeting_slug: String,
    /// The meeting's date (`YYYY-MM-DD`).
    pub meeting_date: String,
    /// `draft`, `released`, `justerad`, `posted`.
    pub state: String,
    /// The first and last paragraph numbers.
    pub paragraphs: Option<(i64, i64)>,
    /// The chair.
    pub chair: Option<String>,
    /// The secretary.
    pub secretary: Option<String>,
    /// The justerare, in order.
    pub justerare: Vec<String>,
    /// The justering's date (`YYYY-MM-DD`).
    pub justering_date: Option<String>,
    /// Where it was justerad.
    pub justering_place: Option<String>,
    /// The signatures, in order.
    pub signatures: Vec<ExportSignature>,
    /// When the notice of justering was first posted (`YYYY-MM-DD`).
    pub notice_posted: Option<String>,
    /// The stored original (a PDF preferred), `None` for minutes without one.
    pub original: Option<ExportOriginal>,
    /// (paragraph number, Dnr as printed, title) of every paragraph naming a case.
    pub cases: Vec<(i64, String, String)>,
}

impl Store {
    /// A stored file's content by hash, from the database or (for installations from before
    /// originals moved into it) the data directory; checked against the hash.
    async fn checked_content(&self, sha256: &str, what: &str) -> Result<Vec<u8>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT content FROM stored_files WHERE sha256 = $1",
            vec![sha256.into()],
            "reading stored content",
        )
        .await?;
        let content: Option<Vec<u8>> = match rows.first() {
            Some(row) => sqlx::Row::try_get(row, "content").db("reading stored content")?,
            None => None,
        };
        let bytes = match content {
            Some(bytes) => bytes,
            None => files::read(&self.data_dir, sha256)?.ok_or_else(|| {
                StoreError::Corrupt(format!("{what} has no stored content ({sha256})"))
            })?,
        };
        if files::sha256_hex(&bytes) != sha256 {
            return Err(StoreError::Corrupt(format!(
                "{what} does not match its SHA-256 {sha256}"
            )));
        }
        Ok(bytes)
    }

    /// A case of `authority` (slug) by key or Dnr, with its documents' bytes and the
    /// paragraphs that handled it; `None` when there is no such case.
    pub async fn case_export(
        &self,
        authority: &str,
        key: &str,
    ) -> Result<Option<CaseExport>, StoreError> {
        let Some(file) = self.case_file(authority, key).await? else {
            return Ok(None);
        };
        let authority_name = self
            .authority_record(&file.case.authority)
            .await?
            .map(|a| a.name)
            .unwrap_or_else(|| file.case.authority.clone());
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let gallrad: Vec<i64> = query_rows(
            &mut conn,
            "SELECT id FROM documents WHERE case_id = $1 AND gallrad_at IS NOT NULL",
            vec![file.case.id.into()],
            "finding the documents gallring deleted",
        )
        .await?
        .iter()
        .map(|r| int(r, "id"))
        .collect::<Result<_, _>>()?;
        drop(conn);
        let mut documents = Vec::new();
        for record in file.documents {
            // A document whose content gallring deleted has nothing to carry.
            if gallrad.contains(&record.id) {
                continue;
            }
            let what = format!(
                "document {} ({}) of {}",
                record.id, record.title, file.case.dnr
            );
            let Some(sha) = record.sha256.clone() else {
                return Err(StoreError::Corrupt(format!("{what} has no file")));
            };
            let content = self.checked_content(&sha, &what).await?;
            let mut conn = self.pool.acquire().await.db("connecting")?;
            let rows = query_rows(
                &mut conn,
                "SELECT created_at FROM stored_files WHERE sha256 = $1",
                vec![sha.as_str().into()],
                "reading when a document was stored",
            )
            .await?;
            let stored_at = match rows.first() {
                Some(row) => text(row, "created_at")?,
                None => record.registered_at.clone(),
            };
            documents.push(ExportDocument {
                record,
                content,
                stored_at,
            });
        }
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT m.id AS meeting_id, b.name AS body_name, m.meeting_date, p.number, p.title, \
             p.decision \
             FROM paragraphs p JOIN minutes mi ON mi.id = p.minutes_id \
             JOIN meetings m ON m.id = mi.meeting_id JOIN bodies b ON b.id = m.body_id \
             WHERE p.case_id = $1 ORDER BY m.meeting_date, p.number",
            vec![file.case.id.into()],
            "finding where the case was handled",
        )
        .await?;
        let handled = rows
            .iter()
            .map(|r| {
                Ok(ExportHandling {
                    meeting_id: int(r, "meeting_id")?,
                    body_name: text(r, "body_name")?,
                    meeting_date: text(r, "meeting_date")?,
                    paragraph: int(r, "number")?,
                    title: text(r, "title")?,
                    decision: opt_text(r, "decision")?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(Some(CaseExport {
            authority_name,
            case: file.case,
            documents,
            handled,
        }))
    }

    /// The closed cases of `authority` (slug) closed before `before` (`YYYY-MM-DD`, a day in
    /// UTC), oldest closing first.
    pub async fn closed_cases_before(
        &self,
        authority: &str,
        before: &str,
    ) -> Result<Vec<CaseRecord>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT c.dnr_key FROM cases c JOIN authorities a ON a.id = c.authority_id \
             WHERE a.slug = $1 AND c.status = 'closed' AND c.closed_at IS NOT NULL \
             AND c.closed_at < $2 ORDER BY c.closed_at, c.id",
            vec![authority.to_lowercase().into(), before.into()],
            "listing the closed cases",
        )
        .await?;
        let mut out = Vec::new();
        for row in &rows {
            if let Some(case) = self.case_record(authority, &text(row, "dnr_key")?).await? {
                out.push(case);
            }
        }
        Ok(out)
    }

    /// The minutes of a meeting with their original, justering and signatures; `None` when
    /// the meeting has no minutes.
    pub async fn minutes_export(
        &self,
        meeting_id: i64,
    ) -> Result<Option<MinutesExport>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT mi.id AS minutes_id, mi.state, mi.paragraph_first, mi.paragraph_last, \
             mi.chair, mi.secretary, mi.justering_place, mi.justering_date, \
             a.slug AS a_slug, a.name AS a_name, b.slug AS b_slug, b.name AS b_name, \
             m.slug AS m_slug, m.meeting_date \
             FROM minutes mi JOIN meetings m ON m.id = mi.meeting_id \
             JOIN bodies b ON b.id = m.body_id JOIN authorities a ON a.id = b.authority_id \
             WHERE m.id = $1",
            vec![meeting_id.into()],
            "reading the minutes",
        )
        .await?;
        let Some(row) = rows.first() else {
            return Ok(None);
        };
        let minutes_id = int(row, "minutes_id")?;
        let justerare = query_rows(
            &mut conn,
            "SELECT name FROM justerare WHERE minutes_id = $1 ORDER BY position",
            vec![minutes_id.into()],
            "reading the justerare",
        )
        .await?
        .iter()
        .map(|r| text(r, "name"))
        .collect::<Result<_, _>>()?;
        let signatures = query_rows(
            &mut conn,
            "SELECT name, role, signed_at FROM signatures WHERE minutes_id = $1 ORDER BY position",
            vec![minutes_id.into()],
            "reading the signatures",
        )
        .await?
        .iter()
        .map(|r| {
            Ok(ExportSignature {
                name: text(r, "name")?,
                role: opt_text(r, "role")?,
                signed_at: opt_text(r, "signed_at")?,
            })
        })
        .collect::<Result<_, StoreError>>()?;
        let notice_posted = query_rows(
            &mut conn,
            "SELECT posted FROM notices WHERE minutes_id = $1 AND posted IS NOT NULL \
             ORDER BY posted, position",
            vec![minutes_id.into()],
            "reading the notice",
        )
        .await?
        .first()
        .map(|r| text(r, "posted"))
        .transpose()?;
        let cases = query_rows(
            &mut conn,
            "SELECT number, dnr_printed, title FROM paragraphs \
             WHERE minutes_id = $1 AND dnr_printed IS NOT NULL ORDER BY position",
            vec![minutes_id.into()],
            "reading the paragraphs' cases",
        )
        .await?
        .iter()
        .map(|r| {
            Ok((
                int(r, "number")?,
                text(r, "dnr_printed")?,
                text(r, "title")?,
            ))
        })
        .collect::<Result<_, StoreError>>()?;
        // The original: a PDF when there is one, else the latest stored file.
        let sources = query_rows(
            &mut conn,
            "SELECT ms.file_name, ms.added_at, s.media_type, s.sha256 FROM minutes_sources ms \
             JOIN stored_files s ON s.sha256 = ms.file_sha256 WHERE ms.minutes_id = $1 \
             ORDER BY ms.added_at DESC, ms.file_name",
            vec![minutes_id.into()],
            "reading the minutes' originals",
        )
        .await?;
        let chosen = sources
            .iter()
            .find(|r| text(r, "media_type").is_ok_and(|t| t.starts_with("application/pdf")))
            .or(sources.first());
        let original = match chosen {
            Some(r) => {
                let sha = text(r, "sha256")?;
                let name = text(r, "file_name")?;
                let bytes = self
                    .checked_content(
                        &sha,
                        &format!("the original {name} of meeting {meeting_id}"),
                    )
                    .await?;
                Some(ExportOriginal {
                    name,
                    media_type: text(r, "media_type")?,
                    stored_at: text(r, "added_at")?,
                    bytes,
                })
            }
            None => None,
        };
        let first = opt_int(row, "paragraph_first")?;
        let last = opt_int(row, "paragraph_last")?;
        Ok(Some(MinutesExport {
            authority_slug: text(row, "a_slug")?,
            authority_name: text(row, "a_name")?,
            body_slug: text(row, "b_slug")?,
            body_name: text(row, "b_name")?,
            meeting_slug: text(row, "m_slug")?,
            meeting_date: text(row, "meeting_date")?,
            state: text(row, "state")?,
            paragraphs: first.zip(last),
            chair: opt_text(row, "chair")?,
            secretary: opt_text(row, "secretary")?,
            justerare,
            justering_date: opt_text(row, "justering_date")?,
            justering_place: opt_text(row, "justering_place")?,
            signatures,
            notice_posted,
            original,
            cases,
        }))
    }

    /// Records in the audit log that a package was exported: what (`case:…`, `minutes:…`),
    /// where to, and the package's files with their SHA-256 (never their content).
    pub async fn record_export(
        &self,
        actor: &Actor,
        entity: &str,
        package: &str,
        files: &[(String, String)],
    ) -> Result<(), StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "earkiv.export",
                entity: entity.to_string(),
                before: None,
                after: Some(json!({
                    "package": package,
                    "files": files.iter().map(|(path, sha)| json!({"path": path, "sha256": sha}))
                        .collect::<Vec<_>>(),
                })),
            },
        )
        .await?;
        tx.commit()
            .await
            .db("committing the export's audit event")?;
        Ok(())
    }
}
