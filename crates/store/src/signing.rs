//! Justering by signature: the signatures of recorded minutes (who, when, through what, over
//! which content hash, with which key), completing the justering with the justerade PDF, and
//! finding minutes by a PDF's fingerprint for `kansli verify`.
//!
//! The cryptography is not here (`kansli-signing` makes and checks signatures); the store keeps
//! what was signed and enforces the lifecycle: signatures are taken while the minutes are
//! released, and once justerade the database refuses any change to their rows.

use chrono::NaiveDate;
use kansli_core::record::MinutesState;
use sqlx::AnyConnection;

use crate::error::DbContext;
use crate::sql::{execute_sql, int, opt_text, query_rows, text};
use crate::{Actor, Store, StoreError};

/// A comment on released minutes, made at justering.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct JusteringComment {
    /// The id.
    pub id: i64,
    /// Who wrote it (the account's name).
    pub author: String,
    /// The paragraph it is about, if one.
    pub paragraph: Option<u32>,
    /// The text.
    pub text: String,
    /// When, RFC 3339 UTC.
    pub created_at: String,
}

/// A rättelse: a correction of justerade minutes, kept as its own document linked to them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Rattelse {
    /// The id.
    pub id: i64,
    /// The paragraph corrected, if one.
    pub paragraph: Option<u32>,
    /// What is corrected and how ("§ 4: beloppet ska vara 120 000 kr, inte 12 000 kr").
    pub text: String,
    /// Who made it.
    pub made_by: String,
    /// When, RFC 3339 UTC.
    pub made_at: String,
}

/// The longest comment, in characters.
pub const MAX_COMMENT_CHARS: usize = 4000;

/// Keeps a PDF Kansli made (the justerade minutes, an extract) in `stored_files` under its
/// SHA-256, once.
pub(crate) async fn keep_pdf(
    conn: &mut AnyConnection,
    sha256: &str,
    pdf: &[u8],
    file_name: &str,
    now: &str,
    what: &'static str,
) -> Result<(), StoreError> {
    execute_sql(
        conn,
        "INSERT INTO stored_files (sha256, size, media_type, original_name, content, created_at) \
         VALUES ($1, $2, 'application/pdf', $3, $4, $5) ON CONFLICT (sha256) DO NOTHING",
        vec![
            sha256.into(),
            (pdf.len() as i64).into(),
            file_name.into(),
            crate::sql::Val::Blob(Some(pdf.to_vec())),
            now.into(),
        ],
        what,
    )
    .await?;
    Ok(())
}

/// A comment's or rättelse's text, trimmed: neither empty nor over [`MAX_COMMENT_CHARS`].
fn bounded_text<'a>(text: &'a str, what: &str) -> Result<&'a str, StoreError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(StoreError::Invalid(format!("text: the {what} is empty")));
    }
    if text.chars().count() > MAX_COMMENT_CHARS {
        return Err(StoreError::Invalid(format!(
            "text: a {what} has at most {MAX_COMMENT_CHARS} characters"
        )));
    }
    Ok(text)
}

/// One signature of minutes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesSignature {
    /// The signer's account, when signed in Kansli.
    pub user_id: Option<i64>,
    /// The name as signed.
    pub name: String,
    /// `ordförande`, `justerare` or `sekreterare`.
    pub role: Option<String>,
    /// When, RFC 3339 UTC.
    pub signed_at: Option<String>,
    /// The SHA-256 of the record's canonical content signed.
    pub sha256: Option<String>,
    /// `ed25519`, or a service's own.
    pub algorithm: Option<String>,
    /// The public key, base64.
    pub public_key: Option<String>,
    /// The signature, base64.
    pub signature: Option<String>,
    /// Through what (`session 12`, `token 4`).
    pub via: Option<String>,
    /// The paragraphs of an omedelbar justering (`None`: the whole minutes).
    pub paragraphs: Option<Vec<u32>>,
}

fn paragraphs_text(p: &Option<Vec<u32>>) -> Option<String> {
    p.as_ref().map(|list| {
        list.iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(",")
    })
}

async fn signatures_of(
    conn: &mut AnyConnection,
    minutes_id: i64,
) -> Result<Vec<MinutesSignature>, StoreError> {
    let rows = query_rows(
        conn,
        "SELECT user_id, name, role, signed_at, sha256, algorithm, public_key, signature, via, \
         paragraphs_text FROM signatures WHERE minutes_id = $1 ORDER BY position",
        vec![minutes_id.into()],
        "reading the signatures",
    )
    .await?;
    rows.iter()
        .map(|r| {
            Ok(MinutesSignature {
                user_id: crate::sql::opt_int(r, "user_id")?,
                name: text(r, "name")?,
                role: opt_text(r, "role")?,
                signed_at: opt_text(r, "signed_at")?,
                sha256: opt_text(r, "sha256")?,
                algorithm: opt_text(r, "algorithm")?,
                public_key: opt_text(r, "public_key")?,
                signature: opt_text(r, "signature")?,
                via: opt_text(r, "via")?,
                paragraphs: opt_text(r, "paragraphs_text")?
                    .map(|t| t.split(',').filter_map(|n| n.trim().parse().ok()).collect()),
            })
        })
        .collect()
}

impl Store {
    /// The signatures of a meeting's minutes, in the order given.
    pub async fn minutes_signatures(
        &self,
        meeting_id: i64,
    ) -> Result<Vec<MinutesSignature>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let Some(r) = crate::record::minutes_row(&mut conn, meeting_id).await? else {
            return Ok(Vec::new());
        };
        signatures_of(&mut conn, r.id).await
    }

    /// Adds a signature to released minutes; returns every signature now. Refused
    /// ([`StoreError::Refused`]) unless the minutes are recorded and released, or when this
    /// account already signed the same (whole minutes or the same paragraphs). Audited.
    pub async fn add_minutes_signature(
        &self,
        actor: &Actor,
        meeting_id: i64,
        signature: &MinutesSignature,
    ) -> Result<Vec<MinutesSignature>, StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let conn: &mut AnyConnection = &mut tx;
        let Some(r) = crate::record::minutes_row(conn, meeting_id).await? else {
            return Err(StoreError::Refused(
                "the meeting has no minutes to sign".into(),
            ));
        };
        if r.origin != "recorded" || r.state != MinutesState::Released {
            return Err(StoreError::Refused(format!(
                "minutes that are {} cannot be signed",
                r.state.as_str()
            )));
        }
        let existing = signatures_of(conn, r.id).await?;
        if existing.iter().any(|s| {
            s.user_id.is_some()
                && s.user_id == signature.user_id
                && s.paragraphs == signature.paragraphs
        }) {
            return Err(StoreError::Refused(
                "you have already signed these minutes".into(),
            ));
        }
        execute_sql(
            conn,
            "INSERT INTO signatures (minutes_id, position, person_id, name, role, signed_at, \
             user_id, sha256, algorithm, public_key, signature, via, paragraphs_text) VALUES \
             ($1, $2, (SELECT p.id FROM persons p JOIN bodies b ON b.authority_id = p.authority_id \
              JOIN meetings m ON m.body_id = b.id WHERE m.id = $3 AND p.name_folded = $4), \
             $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            vec![
                r.id.into(),
                (existing.len() as i64).into(),
                meeting_id.into(),
                kansli_core::text::fold(&signature.name).into(),
                signature.name.as_str().into(),
                (&signature.role).into(),
                (&signature.signed_at).into(),
                signature.user_id.into(),
                (&signature.sha256).into(),
                (&signature.algorithm).into(),
                (&signature.public_key).into(),
                (&signature.signature).into(),
                (&signature.via).into(),
                paragraphs_text(&signature.paragraphs).into(),
            ],
            "recording the signature",
        )
        .await?;
        crate::accounts::write_audit(
            conn,
            actor,
            &now,
            crate::accounts::Change {
                action: "sign",
                entity: format!("minutes:{}", r.id),
                before: None,
                after: Some(serde_json::json!({
                    "name": signature.name,
                    "role": signature.role,
                    "sha256": signature.sha256,
                    "paragraphs": signature.paragraphs,
                    "signed_at": signature.signed_at,
                })),
            },
        )
        .await?;
        let all = signatures_of(conn, r.id).await?;
        tx.commit().await.db("committing the signature")?;
        Ok(all)
    }

    /// Completes the justering of released minutes with their last signature: the justerade
    /// PDF is kept as the minutes' original (its SHA-256 on the minutes, so `kansli verify`
    /// recognises it), the justering date becomes `justerad_on` (the day printed at release
    /// was a plan: KL 8 kap. 12 § counts from the day the minutes are justerade), and the state becomes
    /// `justerad` — after which the database refuses any change to the minutes' rows — and the
    /// notice goes up on every anslagstavla (`notices::justera_in`: the change the search index
    /// follows, the expediering checklist, the audit event).
    pub async fn complete_justering(
        &self,
        actor: &Actor,
        meeting_id: i64,
        justerad_on: NaiveDate,
        pdf: &[u8],
        file_name: &str,
    ) -> Result<String, StoreError> {
        self.complete_justering_on(actor, meeting_id, justerad_on, true, pdf, file_name)
            .await
    }

    /// [`Store::complete_justering`], where `dated` says whether the justering's day becomes
    /// `justerad_on` (the day of the last signature) or stays the day printed at release (for
    /// minutes signed over content that held that day: signatures made before the day left
    /// the signed content).
    pub async fn complete_justering_on(
        &self,
        actor: &Actor,
        meeting_id: i64,
        justerad_on: NaiveDate,
        dated: bool,
        pdf: &[u8],
        file_name: &str,
    ) -> Result<String, StoreError> {
        let now = self.now();
        let sha = crate::files::sha256_hex(pdf);
        let mut tx = self.begin_write().await?;
        let conn: &mut AnyConnection = &mut tx;
        let Some(r) = crate::record::minutes_row(conn, meeting_id).await? else {
            return Err(StoreError::Refused("the meeting has no minutes".into()));
        };
        if r.origin != "recorded" || r.state != MinutesState::Released {
            return Err(StoreError::Refused(format!(
                "minutes that are {} cannot be justerade",
                r.state.as_str()
            )));
        }
        keep_pdf(
            conn,
            &sha,
            pdf,
            file_name,
            &now,
            "keeping the justerade PDF",
        )
        .await?;
        execute_sql(
            conn,
            "INSERT INTO minutes_sources (minutes_id, file_sha256, file_name, added_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            vec![
                r.id.into(),
                sha.clone().into(),
                file_name.into(),
                now.clone().into(),
            ],
            "linking the justerade PDF",
        )
        .await?;
        // Content first, then the state: once justerad the row no longer changes.
        let sql = if dated {
            "UPDATE minutes SET justerad_pdf_sha256 = $1, \
             justering_date = $2, updated_at = $3 WHERE id = $4"
        } else {
            "UPDATE minutes SET justerad_pdf_sha256 = $1, \
             justering_date = COALESCE(justering_date, $2), updated_at = $3 WHERE id = $4"
        };
        execute_sql(
            conn,
            sql,
            vec![
                sha.clone().into(),
                justerad_on.to_string().into(),
                now.clone().into(),
                r.id.into(),
            ],
            "recording the justerade PDF",
        )
        .await?;
        // The state, the notice on every anslagstavla, the change for the search index, the
        // expediering checklist and the audit event.
        crate::notices::justera_in(conn, actor, r.id, justerad_on, &now).await?;
        tx.commit().await.db("committing the justering")?;
        Ok(sha)
    }

    /// Adds a comment to minutes released for justering (the chair, a justerare or the
    /// secretary: the caller checks who). Audited, with the text's length only.
    ///
    /// Errors: [`StoreError::Invalid`] for an empty text or one over [`MAX_COMMENT_CHARS`];
    /// [`StoreError::Refused`] unless the minutes are recorded and released.
    pub async fn add_justering_comment(
        &self,
        actor: &Actor,
        meeting_id: i64,
        user_id: Option<i64>,
        author: &str,
        paragraph: Option<u32>,
        text: &str,
    ) -> Result<JusteringComment, StoreError> {
        let text = bounded_text(text, "comment")?;
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let conn: &mut AnyConnection = &mut tx;
        let Some(r) = crate::record::minutes_row(conn, meeting_id).await? else {
            return Err(StoreError::Refused("the meeting has no minutes".into()));
        };
        if r.origin != "recorded" || r.state != MinutesState::Released {
            return Err(StoreError::Refused(format!(
                "minutes that are {} take no comments: only minutes released for justering do",
                r.state.as_str()
            )));
        }
        let rows = query_rows(
            conn,
            "INSERT INTO justering_comments (minutes_id, paragraph, user_id, author, body_text, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            vec![
                r.id.into(),
                paragraph.map(i64::from).into(),
                user_id.into(),
                author.into(),
                text.into(),
                now.clone().into(),
            ],
            "keeping the comment",
        )
        .await?;
        let id = crate::sql::returned_id(&rows, "the comment")?;
        crate::accounts::write_audit(
            conn,
            actor,
            &now,
            crate::accounts::Change {
                action: "comment_minutes",
                entity: format!("minutes:{}", r.id),
                before: None,
                after: Some(serde_json::json!({
                    "comment": id, "paragraph": paragraph, "length": text.chars().count(),
                })),
            },
        )
        .await?;
        tx.commit().await.db("committing the comment")?;
        Ok(JusteringComment {
            id,
            author: author.to_string(),
            paragraph,
            text: text.to_string(),
            created_at: now,
        })
    }

    /// Adds a rättelse to justerade minutes: a new document linked to them, published with
    /// them; the minutes themselves stay as signed (the database refuses to change them).
    /// Audited.
    ///
    /// Errors: [`StoreError::Invalid`] for an empty text or one over [`MAX_COMMENT_CHARS`];
    /// [`StoreError::Refused`] unless the minutes are justerade (or posted).
    pub async fn add_rattelse(
        &self,
        actor: &Actor,
        meeting_id: i64,
        paragraph: Option<u32>,
        text: &str,
    ) -> Result<Rattelse, StoreError> {
        let text = bounded_text(text, "rättelse")?;
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let conn: &mut AnyConnection = &mut tx;
        let Some(r) = crate::record::minutes_row(conn, meeting_id).await? else {
            return Err(StoreError::Refused("the meeting has no minutes".into()));
        };
        if !r.state.is_public() {
            return Err(StoreError::Refused(format!(
                "minutes that are {} are corrected by editing them, not by a rättelse",
                r.state.as_str()
            )));
        }
        let rows = query_rows(
            conn,
            "INSERT INTO minutes_rattelser (minutes_id, paragraph, body_text, made_by, made_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
            vec![
                r.id.into(),
                paragraph.map(i64::from).into(),
                text.into(),
                actor.label.as_str().into(),
                now.clone().into(),
            ],
            "keeping the rättelse",
        )
        .await?;
        let id = crate::sql::returned_id(&rows, "the rättelse")?;
        crate::accounts::write_audit(
            conn,
            actor,
            &now,
            crate::accounts::Change {
                action: "add_rattelse",
                entity: format!("minutes:{}", r.id),
                before: None,
                after: Some(
                    serde_json::json!({"rattelse": id, "paragraph": paragraph, "text": text}),
                ),
            },
        )
        .await?;
        tx.commit().await.db("committing the rättelse")?;
        Ok(Rattelse {
            id,
            paragraph,
            text: text.to_string(),
            made_by: actor.label.clone(),
            made_at: now,
        })
    }

    /// The rättelser of a meeting's public minutes, oldest first (none for minutes that are not
    /// public).
    pub async fn rattelser(&self, meeting_id: i64) -> Result<Vec<Rattelse>, StoreError> {
        let mut reader = self.reader().await?;
        reader
            .db()
            .rows(
                &format!(
                    "{RATTELSER} WHERE mi.meeting_id = $1 AND mi.state IN ('justerad', 'posted') \
                     ORDER BY r.id"
                ),
                vec![meeting_id.into()],
                "reading the rättelser",
            )
            .await?
            .iter()
            .map(rattelse)
            .collect()
    }

    /// The rättelser of a meeting's public minutes by its authority's, body's and meeting's
    /// slugs (see [`Store::rattelser`]); one query on a reading connection, as the public
    /// meeting pages ask it on every first visit.
    pub async fn rattelser_at(
        &self,
        authority: &str,
        body: &str,
        meeting: &str,
    ) -> Result<Vec<Rattelse>, StoreError> {
        let mut reader = self.reader().await?;
        reader
            .db()
            .rows(
                &format!(
                    "{RATTELSER} JOIN meetings mt ON mt.id = mi.meeting_id \
                     JOIN bodies b ON b.id = mt.body_id JOIN authorities a ON a.id = b.authority_id \
                     WHERE a.slug = $1 AND b.slug = $2 AND mt.slug = $3 \
                     AND mi.state IN ('justerad', 'posted') ORDER BY r.id"
                ),
                vec![
                    authority.to_lowercase().into(),
                    body.to_lowercase().into(),
                    meeting.to_lowercase().into(),
                ],
                "reading the rättelser",
            )
            .await?
            .iter()
            .map(rattelse)
            .collect()
    }

    /// The comments made at justering of a meeting's minutes, oldest first.
    pub async fn justering_comments(
        &self,
        meeting_id: i64,
    ) -> Result<Vec<JusteringComment>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT c.id, c.author, c.paragraph, c.body_text, c.created_at \
             FROM justering_comments c JOIN minutes mi ON mi.id = c.minutes_id \
             WHERE mi.meeting_id = $1 ORDER BY c.id",
            vec![meeting_id.into()],
            "reading the comments",
        )
        .await?;
        rows.iter()
            .map(|r| {
                Ok(JusteringComment {
                    id: int(r, "id")?,
                    author: text(r, "author")?,
                    paragraph: crate::sql::opt_int(r, "paragraph")?
                        .and_then(|n| u32::try_from(n).ok()),
                    text: text(r, "body_text")?,
                    created_at: text(r, "created_at")?,
                })
            })
            .collect()
    }

    /// Records the omedelbar justering of paragraphs of released minutes, once their chair and
    /// every justerare signed them (KL 5 kap. 70 §): the sealed extract is kept (public from
    /// now on, `Store::file`), and each paragraph's notice goes up on the body's authority's
    /// anslagstavla on `justerad_on`, coming down on the earliest lawful day after the appeal
    /// period that runs from it. A paragraph justerad already is left as it was. Audited.
    ///
    /// Refused ([`StoreError::Refused`]) unless the minutes are recorded and released.
    pub async fn justera_paragraphs(
        &self,
        actor: &Actor,
        meeting_id: i64,
        paragraphs: &[(u32, String)],
        justerad_on: NaiveDate,
        extract: &[u8],
        file_name: &str,
    ) -> Result<String, StoreError> {
        use kansli_core::law::deadlines::{appeal_last_day, earliest_removal};
        let now = self.now();
        let sha = crate::files::sha256_hex(extract);
        let law = |e: kansli_core::law::LawError| StoreError::Invalid(e.to_string());
        let appeal = appeal_last_day(justerad_on).map_err(law)?;
        let removal = earliest_removal(&appeal).map_err(law)?.date();
        let mut tx = self.begin_write().await?;
        let conn: &mut AnyConnection = &mut tx;
        let Some(r) = crate::record::minutes_row(conn, meeting_id).await? else {
            return Err(StoreError::Refused("the meeting has no minutes".into()));
        };
        if r.origin != "recorded" || r.state != MinutesState::Released {
            return Err(StoreError::Refused(format!(
                "paragraphs of minutes that are {} cannot be justerade on their own",
                r.state.as_str()
            )));
        }
        keep_pdf(conn, &sha, extract, file_name, &now, "keeping the extract").await?;
        for (n, title) in paragraphs {
            execute_sql(
                conn,
                "INSERT INTO paragraph_justeringar (minutes_id, paragraph, title, justerad_on, \
                 posted, removal, extract_sha256, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
                vec![
                    r.id.into(),
                    i64::from(*n).into(),
                    title.as_str().into(),
                    justerad_on.to_string().into(),
                    justerad_on.to_string().into(),
                    removal.to_string().into(),
                    sha.clone().into(),
                    now.clone().into(),
                ],
                "recording the omedelbar justering",
            )
            .await?;
        }
        crate::accounts::write_audit(
            conn,
            actor,
            &now,
            crate::accounts::Change {
                action: "justera_paragraphs",
                entity: format!("minutes:{}", r.id),
                before: None,
                after: Some(serde_json::json!({
                    "paragraphs": paragraphs.iter().map(|(n, _)| n).collect::<Vec<_>>(),
                    "justerad_on": justerad_on,
                    "posted": justerad_on,
                    "removal": removal,
                    "extract_sha256": sha,
                })),
            },
        )
        .await?;
        tx.commit().await.db("committing the omedelbar justering")?;
        Ok(sha)
    }

    /// The paragraphs public before their minutes, by the meeting's slugs: those justerade on
    /// their own (omedelbar justering) while the minutes are released for justering, as
    /// `(number, title)` by number; empty for any other meeting.
    pub async fn paragraphs_justerade_alone(
        &self,
        authority: &str,
        body: &str,
        meeting: &str,
    ) -> Result<Vec<(i64, String)>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT pj.paragraph, pj.title FROM paragraph_justeringar pj \
             JOIN minutes mi ON mi.id = pj.minutes_id JOIN meetings m ON m.id = mi.meeting_id \
             JOIN bodies b ON b.id = m.body_id JOIN authorities a ON a.id = b.authority_id \
             WHERE a.slug = $1 AND b.slug = $2 AND m.slug = $3 AND mi.state = 'released' \
             ORDER BY pj.paragraph",
            vec![authority.into(), body.into(), meeting.into()],
            "reading the paragraphs justerade on their own",
        )
        .await?;
        rows.iter()
            .map(|r| Ok((int(r, "paragraph")?, text(r, "title")?)))
            .collect()
    }

    /// The paragraphs of a meeting's minutes justerade on their own (omedelbar justering):
    /// `(paragraph, extract SHA-256)`, by number.
    pub async fn justerade_paragraphs(
        &self,
        meeting_id: i64,
    ) -> Result<Vec<(u32, String)>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT pj.paragraph, pj.extract_sha256 FROM paragraph_justeringar pj \
             JOIN minutes mi ON mi.id = pj.minutes_id WHERE mi.meeting_id = $1 \
             ORDER BY pj.paragraph",
            vec![meeting_id.into()],
            "reading the paragraphs justerade on their own",
        )
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    u32::try_from(int(r, "paragraph")?).unwrap_or(0),
                    text(r, "extract_sha256")?,
                ))
            })
            .collect()
    }

    /// The certified extract (bestyrkt protokollsutdrag) kept with this SHA-256, made for a
    /// dispatch of justerade minutes: `(meeting id, its paragraphs, who certified it)`.
    pub async fn meeting_of_certified_extract(
        &self,
        sha256: &str,
    ) -> Result<Option<(i64, Vec<u32>, String)>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT mi.meeting_id, p.number, e.certified_by FROM extracts e \
             JOIN minutes mi ON mi.id = e.minutes_id \
             JOIN extract_paragraphs ep ON ep.extract_id = e.id \
             JOIN paragraphs p ON p.id = ep.paragraph_id WHERE e.file_sha256 = $1 \
             ORDER BY p.number",
            vec![sha256.to_lowercase().into()],
            "finding a certified extract by its fingerprint",
        )
        .await?;
        let Some(first) = rows.first() else {
            return Ok(None);
        };
        let paragraphs = rows
            .iter()
            .map(|r| Ok(u32::try_from(int(r, "number")?).unwrap_or(0)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Some((
            int(first, "meeting_id")?,
            paragraphs,
            crate::sql::opt_text(first, "certified_by")?.unwrap_or_default(),
        )))
    }

    /// The meeting and paragraphs whose omedelbart justerade extract has this SHA-256.
    pub async fn meeting_of_extract(
        &self,
        sha256: &str,
    ) -> Result<Option<(i64, Vec<u32>)>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT mi.meeting_id, pj.paragraph FROM paragraph_justeringar pj \
             JOIN minutes mi ON mi.id = pj.minutes_id WHERE pj.extract_sha256 = $1 \
             ORDER BY pj.paragraph",
            vec![sha256.to_lowercase().into()],
            "finding an extract by its fingerprint",
        )
        .await?;
        let Some(first) = rows.first() else {
            return Ok(None);
        };
        let meeting = int(first, "meeting_id")?;
        let paragraphs = rows
            .iter()
            .map(|r| Ok(u32::try_from(int(r, "paragraph")?).unwrap_or(0)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Some((meeting, paragraphs)))
    }

    /// The justerade PDF of a meeting's minutes as Kansli kept it at justering (sealed), once
    /// the minutes are public; `None` for imported minutes, minutes not yet justerade, and
    /// minutes whose published copy masks something the original shows (see
    /// [`Store::file`]).
    pub async fn justerad_pdf(
        &self,
        meeting_id: i64,
    ) -> Result<Option<crate::read::StoredFile>, StoreError> {
        match self.justerad_pdf_sha256(meeting_id).await? {
            Some(sha) => self.file(&sha).await,
            None => Ok(None),
        }
    }

    /// The SHA-256 of the sealed PDF kept at justering of a meeting's public minutes, whether
    /// or not the PDF itself may be shown; `None` for imported minutes and minutes not yet
    /// justerade.
    pub async fn justerad_pdf_sha256(&self, meeting_id: i64) -> Result<Option<String>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT justerad_pdf_sha256 FROM minutes WHERE meeting_id = $1 \
             AND state IN ('justerad', 'posted') AND justerad_pdf_sha256 IS NOT NULL",
            vec![meeting_id.into()],
            "finding the justerade PDF",
        )
        .await?;
        rows.first()
            .map(|r| opt_text(r, "justerad_pdf_sha256"))
            .transpose()
            .map(Option::flatten)
    }

    /// The meeting whose minutes were signed over this content (the SHA-256 of a record's
    /// canonical form, as `kansli_signing::content_sha256` makes it), if any.
    pub async fn meeting_signed_over(
        &self,
        content_sha256: &str,
    ) -> Result<Option<i64>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT mi.meeting_id FROM signatures s JOIN minutes mi ON mi.id = s.minutes_id \
             WHERE s.sha256 = $1 ORDER BY mi.meeting_id LIMIT 1",
            vec![content_sha256.to_lowercase().into()],
            "finding minutes by their signed content",
        )
        .await?;
        rows.first().map(|r| int(r, "meeting_id")).transpose()
    }

    /// The meeting whose justerade PDF has this SHA-256, if any.
    pub async fn meeting_of_justerad_pdf(&self, sha256: &str) -> Result<Option<i64>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT meeting_id FROM minutes WHERE justerad_pdf_sha256 = $1",
            vec![sha256.to_lowercase().into()],
            "finding minutes by their PDF",
        )
        .await?;
        rows.first().map(|r| int(r, "meeting_id")).transpose()
    }

    /// The public minutes justerade outside Kansli (no sealed PDF) that were read (imported)
    /// from a file with this SHA-256, if any: the meeting,
    /// the file's name and when it was read (RFC 3339). Lets a check of a kommun's own PDF say
    /// which minutes it is, though nothing in it was signed in Kansli.
    pub async fn meeting_read_from(
        &self,
        sha256: &str,
    ) -> Result<Option<(i64, String, String)>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT mi.meeting_id, s.file_name, s.added_at FROM minutes_sources s \
             JOIN minutes mi ON mi.id = s.minutes_id \
             WHERE s.file_sha256 = $1 AND mi.state IN ('justerad', 'posted') \
             AND mi.justerad_pdf_sha256 IS NULL \
             ORDER BY mi.meeting_id LIMIT 1",
            vec![sha256.to_lowercase().into()],
            "finding minutes by the file they were read from",
        )
        .await?;
        rows.first()
            .map(|r| {
                Ok((
                    int(r, "meeting_id")?,
                    text(r, "file_name")?,
                    text(r, "added_at")?,
                ))
            })
            .transpose()
    }
}

/// The rättelser of public minutes that concern paragraph `number`: those naming it and those
/// naming no paragraph (the whole minutes), oldest first; on the caller's connection, so a
/// paragraph's page reads them in its own snapshot.
pub(crate) async fn rattelser_of_paragraph(
    conn: &mut crate::conn::Db<'_>,
    minutes_id: i64,
    number: i64,
) -> Result<Vec<Rattelse>, StoreError> {
    conn.rows(
        &format!(
            "{RATTELSER} WHERE mi.id = $1 AND mi.state IN ('justerad', 'posted') \
             AND (r.paragraph IS NULL OR r.paragraph = $2) ORDER BY r.id"
        ),
        vec![minutes_id.into(), number.into()],
        "reading the paragraph's rättelser",
    )
    .await?
    .iter()
    .map(rattelse)
    .collect()
}

/// The rättelser with their minutes (`mi`), for a condition to follow.
const RATTELSER: &str = "SELECT r.id, r.paragraph, r.body_text, r.made_by, r.made_at \
     FROM minutes_rattelser r JOIN minutes mi ON mi.id = r.minutes_id";

/// A rättelse from its row.
fn rattelse(r: &crate::conn::Row) -> Result<Rattelse, StoreError> {
    Ok(Rattelse {
        id: int(r, "id")?,
        paragraph: crate::sql::opt_int(r, "paragraph")?.and_then(|n| u32::try_from(n).ok()),
        text: text(r, "body_text")?,
        made_by: text(r, "made_by")?,
        made_at: text(r, "made_at")?,
    })
}

#[cfg(test)]
mod tests {
    use crate::{Store, StoreConfig};

    async fn stores() -> Vec<(Store, tempfile::TempDir)> {
        let mut urls = vec![None];
        if let Some(url) = kansli_testpg::fresh_database_url() {
            urls.push(Some(url));
        }
        let mut out = Vec::new();
        for database_url in urls {
            let dir = tempfile::tempdir().expect("temp dir");
            let store = Store::open(&StoreConfig {
                data_dir: dir.path().to_path_buf(),
                database_url,
            })
            .await
            .expect("open store");
            out.push((store, dir));
        }
        out
    }

    async fn exec(store: &Store, sql: &str) -> Result<(), String> {
        sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
            .execute(&store.pool)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    #[tokio::test]
    async fn the_database_itself_refuses_changes_to_justerade_recorded_minutes() {
        for (store, _dir) in stores().await {
            let mut p = kansli_core::protocol::ParsedProtocol::new(
                "Direktionen",
                chrono::NaiveDate::from_ymd_opt(2026, 3, 12).unwrap(),
            );
            p.chair = Some("Anna Ordförande".into());
            p.participants.push(kansli_core::protocol::Participant {
                name: "Anna Ordförande".into(),
                category: kansli_core::protocol::ParticipantCategory::Beslutande,
                role: Some("ordförande".into()),
                represents: None,
                party: None,
                paragraphs: None,
                serves_for: None,
            });
            p.items.push(kansli_core::protocol::Item {
                paragraph: 1,
                dnr: None,
                title: "Budget".into(),
                decision: Some("Direktionen beslutar att fastställa budgeten.".into()),
                summary: None,
                basis: vec![],
                motions: vec![kansli_core::protocol::ParsedMotion {
                    movers: vec!["Anna".into()],
                    text: "bifall".into(),
                    kind: None,
                }],
                proposition_order: None,
                vote: None,
                reservations: vec![],
                notes: vec![],
                disqualifications: vec![],
                dispatch: vec![],
                sections: vec![],
                recorded: Default::default(),
            });
            let id = store
                .import_protocol(&p, b"x", "x.json", "Provförbundet")
                .await
                .unwrap()
                .meeting_id();
            // Before justering everything may change.
            exec(&store, "UPDATE paragraphs SET title = 'Budget 2027'")
                .await
                .unwrap();
            exec(
                &store,
                &format!(
                    "UPDATE minutes SET origin = 'recorded', state = 'justerad' WHERE meeting_id = {id}"
                ),
            )
            .await
            .unwrap();
            for (what, sql) in [
                (
                    "a paragraph's title",
                    "UPDATE paragraphs SET title = 'Något annat'".to_string(),
                ),
                ("a paragraph", "DELETE FROM paragraphs".to_string()),
                (
                    "a new paragraph",
                    "INSERT INTO paragraphs (minutes_id, position, number, title) \
                     SELECT id, 9, 9, 'Tillagd' FROM minutes"
                        .to_string(),
                ),
                ("a motion", "UPDATE motions SET body = 'avslag'".to_string()),
                ("the attendance", "DELETE FROM attendance".to_string()),
                (
                    "the chair",
                    "UPDATE minutes SET chair = 'Bo Lund'".to_string(),
                ),
                (
                    "the state back to draft",
                    "UPDATE minutes SET state = 'draft'".to_string(),
                ),
                ("the minutes", "DELETE FROM minutes".to_string()),
            ] {
                let refused = exec(&store, &sql).await;
                assert!(
                    refused.as_ref().is_err_and(|e| e.contains("justerade")),
                    "{what} changed: {refused:?}"
                );
            }
            // Moving on to posted is the one change allowed.
            exec(&store, "UPDATE minutes SET state = 'posted'")
                .await
                .unwrap();
            let record = store.meeting_minutes(id).await.unwrap().unwrap();
            assert_eq!(record.record.items[0].title, "Budget 2027");
        }
    }
}
