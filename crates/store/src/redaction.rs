//! Redaction for publication: the masks of each minutes' published copy, avpublicering per
//! body, and the published copy itself.
//!
//! The invariant: what the public reads (pages, API, documents, search) is the original record
//! minus its masks, and nothing else; the record's own rows are never rewritten (justerade
//! minutes are locked by the database anyway), so the secretariat's view, the signed PDF and
//! the e-arkiv export stay whole. A mask is a row of `redactions`: a personnummer Kansli found
//! on import or recording (`proposed`, and masked at once: a personnummer is never published
//! while it waits for a person), or a passage a secretary marked with its legal ground. A person
//! confirms a proposal or rejects it (then it is published as written). Every personnummer the
//! detector finds in a published copy is masked even without a row (minutes imported before
//! masks existed), unless a person rejected exactly that text. Avpublicering masks every
//! person's name in minutes older than the body's (or authority's) rule, on the web only. The
//! title of a confidential case document (of a case the minutes handled, or laid before the
//! meeting) is masked wherever the minutes print it, as the public kallelse leaves it out (OSL).
//! Every change is audited and tells the search index to read the minutes again.

use crate::conn::Db;
use std::collections::HashMap;

use chrono::{Months, NaiveDate};
use kansli_core::redaction::{
    NAME_MARKER, PERSONNUMMER_MARKER, Redactor, confidential_document_marker, passage_marker,
    person_names, personnummer_in,
};
use serde::Serialize;
use serde_json::json;
use sqlx::{AnyConnection, AssertSqlSafe};

use crate::accounts::{Actor, Change, write_audit};
use crate::error::DbContext;
use crate::import::record_change;
use crate::readings::StoredReading;
use crate::record::{RecordFilter, load};
use crate::sql::{Val, bind_all, date, execute_sql, int, opt_int, opt_text, query_rows, text};
use crate::{Store, StoreError};

/// Who proposes the masks Kansli finds by itself, in the audit log and on the masking page.
pub const PROPOSER: &str = "Kansli (automatiskt förslag)";

/// One mask of one minutes' published copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Redaction {
    /// The mask's id.
    pub id: i64,
    /// The minutes masked.
    pub minutes_id: i64,
    /// The paragraph the passage was marked in (none for one found anywhere in the minutes).
    pub paragraph: Option<i64>,
    /// `personnummer` or `passage`.
    pub kind: String,
    /// The exact text masked (masked wherever it appears in the minutes).
    pub text: String,
    /// The legal ground of a marked passage: "OSL 26 kap. 1 §", "GDPR art. 9".
    pub ground: Option<String>,
    /// `proposed` (masked while waiting), `confirmed` or `rejected` (published as written).
    pub state: String,
    /// Who proposed or marked it.
    pub proposed_by: String,
    /// When (RFC 3339 UTC).
    pub proposed_at: String,
    /// Who confirmed or rejected it.
    pub decided_by: Option<String>,
    /// When.
    pub decided_at: Option<String>,
    /// What the published copy shows instead: "[personnummer maskerat]".
    pub marker: String,
}

/// A passage a secretary marks for masking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPassage {
    /// The paragraph number it is in (none: the header or attendance).
    pub paragraph: Option<i64>,
    /// The exact text, as written in the minutes.
    pub text: String,
    /// The legal ground, e.g. "OSL 26 kap. 1 §".
    pub ground: String,
}

/// An avpublicering rule: after how many months the names in published minutes are masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DepublicationRule {
    /// The authority's slug.
    pub authority_slug: String,
    /// The body's slug; none for every body of the authority without its own rule.
    pub body_slug: Option<String>,
    /// Months after the meeting.
    pub months: i64,
    /// When the rule was last set, and by whom.
    pub updated_at: String,
    /// Who set it.
    pub updated_by: String,
}

/// The minutes (id) a meeting has, and its state.
async fn minutes_of(
    conn: &mut Db<'_>,
    minutes_id: i64,
) -> Result<Option<(i64, String)>, StoreError> {
    let rows = conn
        .rows(
            "SELECT meeting_id, state FROM minutes WHERE id = $1",
            vec![minutes_id.into()],
            "looking up the minutes",
        )
        .await?;
    rows.first()
        .map(|r| Ok((int(r, "meeting_id")?, text(r, "state")?)))
        .transpose()
}

fn redaction(row: &impl crate::conn::Columns) -> Result<Redaction, StoreError> {
    let kind = text(row, "kind")?;
    let ground = opt_text(row, "ground")?;
    let marker = match (&*kind, &ground) {
        ("passage", Some(g)) => passage_marker(g),
        _ => PERSONNUMMER_MARKER.to_string(),
    };
    Ok(Redaction {
        id: int(row, "id")?,
        minutes_id: int(row, "minutes_id")?,
        paragraph: opt_int(row, "paragraph_number")?,
        kind,
        text: text(row, "text")?,
        ground,
        state: text(row, "state")?,
        proposed_by: text(row, "proposed_by")?,
        proposed_at: text(row, "proposed_at")?,
        decided_by: opt_text(row, "decided_by")?,
        decided_at: opt_text(row, "decided_at")?,
        marker,
    })
}

const COLUMNS: &str = "id, minutes_id, paragraph_number, kind, text, ground, state, proposed_by, \
     proposed_at, decided_by, decided_at";

/// Proposes a mask for each of `found` (personnummer) the minutes have no row for yet, in the
/// caller's transaction; returns how many were new. Audited as Kansli's own proposal.
pub(crate) async fn propose_in(
    conn: &mut crate::conn::Db<'_>,
    minutes_id: i64,
    found: &[String],
    via: &str,
    now: &str,
) -> Result<usize, StoreError> {
    let mut new = 0;
    for pnr in found {
        let rows = conn
            .rows(
                "INSERT INTO redactions (minutes_id, kind, text, state, proposed_by, proposed_at) \
             VALUES ($1, 'personnummer', $2, 'proposed', $3, $4) \
             ON CONFLICT (minutes_id, kind, text) DO NOTHING RETURNING id",
                vec![
                    minutes_id.into(),
                    pnr.as_str().into(),
                    PROPOSER.into(),
                    now.into(),
                ],
                "proposing a mask",
            )
            .await?;
        let Some(row) = rows.first() else { continue };
        new += 1;
        crate::accounts::write_audit_in(
            conn,
            &Actor {
                user_id: None,
                label: PROPOSER.into(),
                via: via.into(),
                address: None,
            },
            now,
            Change {
                action: "redaction.propose",
                entity: format!("redaction:{}", int(row, "id")?),
                before: None,
                // The audit log names the minutes, not the number itself: it is what is masked.
                after: Some(json!({"minutes_id": minutes_id, "kind": "personnummer"})),
            },
        )
        .await?;
    }
    Ok(new)
}

/// The masks of many minutes and whether each is avpublicerad on `today`, read in a few
/// queries: the redactor of each minutes' published copy.
pub(crate) async fn redactors(
    conn: &mut Db<'_>,
    minutes_ids: &[i64],
    today: NaiveDate,
) -> Result<HashMap<i64, Redactor>, StoreError> {
    let mut out: HashMap<i64, Redactor> = minutes_ids
        .iter()
        .map(|&id| (id, Redactor::new()))
        .collect();
    if minutes_ids.is_empty() {
        return Ok(out);
    }
    for chunk in minutes_ids.chunks(500) {
        let list = (1..=chunk.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let binds: Vec<Val> = chunk.iter().map(|&i| i.into()).collect();
        let rows = conn
            .rows(
                &format!(
                    "SELECT {COLUMNS} FROM redactions WHERE minutes_id IN ({list}) ORDER BY id"
                ),
                binds.clone(),
                "reading the masks",
            )
            .await?;
        for row in &rows {
            let r = redaction(row)?;
            let Some(redactor) = out.get_mut(&r.minutes_id) else {
                continue;
            };
            match (r.kind.as_str(), r.state.as_str()) {
                ("personnummer", "rejected") => redactor.keep(&r.text),
                (_, "rejected") => {}
                // A passage marked in a paragraph is masked there only: the same words in
                // the attendance list or another paragraph stay public.
                ("passage", _) => match r.paragraph.and_then(|n| u32::try_from(n).ok()) {
                    Some(n) => redactor.mask_in_paragraph(n, &r.text, &r.marker),
                    None => redactor.mask(&r.text, &r.marker),
                },
                _ => redactor.mask(&r.text, &r.marker),
            }
        }
        for (minutes_id, title, ground) in confidential_titles(conn, &list, binds.clone()).await? {
            if let Some(redactor) = out.get_mut(&minutes_id) {
                redactor.mask(&title, &confidential_document_marker(ground.as_deref()));
            }
        }
        let due = depublished_among(conn, &list, binds, today).await?;
        for minutes_id in due {
            let names = names_of(conn, minutes_id).await?;
            if let Some(redactor) = out.get_mut(&minutes_id) {
                for name in names {
                    redactor.mask(&name, NAME_MARKER);
                }
            }
        }
    }
    Ok(out)
}

/// The titles of confidential case documents the minutes (`list` of placeholders for `binds`)
/// may list as beslutsunderlag (OSL), with their ground: the documents of the cases their
/// paragraphs handled, of their meeting's agenda and those their basis was matched to. Bounded
/// by the minutes' cases and agenda.
async fn confidential_titles(
    conn: &mut Db<'_>,
    list: &str,
    binds: Vec<Val>,
) -> Result<Vec<(i64, String, Option<String>)>, StoreError> {
    let rows = conn
        .rows(
            &format!(
                "SELECT p.minutes_id, d.title, d.secrecy_ground FROM paragraphs p \
                 JOIN documents d ON d.case_id = p.case_id \
                 WHERE p.minutes_id IN ({list}) AND d.confidential = 1 \
                 UNION SELECT mi.id AS minutes_id, d.title, d.secrecy_ground FROM minutes mi \
                 JOIN agenda_items ai ON ai.meeting_id = mi.meeting_id \
                 JOIN agenda_item_documents x ON x.agenda_item_id = ai.id \
                 JOIN documents d ON d.id = x.document_id \
                 WHERE mi.id IN ({list}) AND d.confidential = 1 \
                 UNION SELECT p.minutes_id, d.title, d.secrecy_ground FROM paragraphs p \
                 JOIN basis_documents bd ON bd.paragraph_id = p.id \
                 JOIN documents d ON d.id = bd.document_id \
                 WHERE p.minutes_id IN ({list}) AND d.confidential = 1"
            ),
            binds,
            "reading the confidential documents' titles",
        )
        .await?;
    rows.iter()
        .map(|row| {
            Ok((
                int(row, "minutes_id")?,
                text(row, "title")?,
                opt_text(row, "secrecy_ground")?,
            ))
        })
        .collect()
}

/// What Kansli masks in a minutes' published copy without anyone marking it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AutomaticMask {
    /// `confidential_document` (the title of a case document marked confidential) or
    /// `depublished_name` (a name, once the body's avpublicering period has passed).
    pub kind: &'static str,
    /// The words masked, as in the record.
    pub text: String,
    /// The legal ground, when one is recorded (the document's secrecy ground).
    pub ground: Option<String>,
    /// What the published copy shows instead.
    pub marker: String,
}

/// The redactor of one minutes' published copy.
pub(crate) async fn redactor(
    conn: &mut Db<'_>,
    minutes_id: i64,
    today: NaiveDate,
) -> Result<Redactor, StoreError> {
    Ok(redactors(conn, &[minutes_id], today)
        .await?
        .remove(&minutes_id)
        .unwrap_or_else(Redactor::new))
}

/// Every person named in the minutes' record.
async fn names_of(conn: &mut Db<'_>, minutes_id: i64) -> Result<Vec<String>, StoreError> {
    let meeting_id = match minutes_of(conn, minutes_id).await? {
        Some((meeting_id, _)) => meeting_id,
        None => return Ok(Vec::new()),
    };
    let found = load(
        conn,
        &RecordFilter {
            meeting_id,
            ..RecordFilter::default()
        },
    )
    .await?;
    Ok(found
        .first()
        .map(|m| person_names(&m.record))
        .unwrap_or_default())
}

/// Which of the minutes in `list` (placeholders for `binds`) are avpublicerade on `today`.
async fn depublished_among(
    conn: &mut Db<'_>,
    list: &str,
    binds: Vec<Val>,
    today: NaiveDate,
) -> Result<Vec<i64>, StoreError> {
    let rows = conn
        .rows(
            &format!(
                "SELECT mi.id AS minutes_id, m.meeting_date, \
             COALESCE((SELECT r.months FROM depublication_rules r \
                WHERE r.authority_id = b.authority_id AND r.body_id = b.id), \
              (SELECT r.months FROM depublication_rules r \
                WHERE r.authority_id = b.authority_id AND r.body_id = 0)) AS months \
             FROM minutes mi JOIN meetings m ON m.id = mi.meeting_id \
             JOIN bodies b ON b.id = m.body_id WHERE mi.id IN ({list})"
            ),
            binds,
            "reading the avpublicering rules",
        )
        .await?;
    let mut out = Vec::new();
    for row in &rows {
        let Some(months) = opt_int(row, "months")? else {
            continue;
        };
        if is_due(date(row, "meeting_date")?, months, today) {
            out.push(int(row, "minutes_id")?);
        }
    }
    Ok(out)
}

/// Whether minutes of a meeting on `met` are avpublicerade on `today` under a rule of `months`.
fn is_due(met: NaiveDate, months: i64, today: NaiveDate) -> bool {
    let months = u32::try_from(months.max(0)).unwrap_or(u32::MAX);
    met.checked_add_months(Months::new(months))
        .is_some_and(|due| due <= today)
}

impl Store {
    /// Today's date from the store's clock: what avpublicering compares with.
    pub(crate) fn today(&self) -> NaiveDate {
        (self.clock)().date_naive()
    }

    /// What the published copy of one minutes masks without a mark: the titles of confidential
    /// case documents and, once the avpublicering period has passed, every name (GDPR art. 17;
    /// the rule is the body's). In the order found; a title once.
    pub async fn automatic_masks(&self, minutes_id: i64) -> Result<Vec<AutomaticMask>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let mut db = Db::Any(&mut conn);
        let mut out: Vec<AutomaticMask> = Vec::new();
        for (_, title, ground) in
            confidential_titles(&mut db, "$1", vec![minutes_id.into()]).await?
        {
            if out.iter().any(|m| m.text == title) {
                continue;
            }
            out.push(AutomaticMask {
                kind: "confidential_document",
                marker: confidential_document_marker(ground.as_deref()),
                text: title,
                ground,
            });
        }
        let due = depublished_among(&mut db, "$1", vec![minutes_id.into()], self.today()).await?;
        if !due.is_empty() {
            for name in names_of(&mut db, minutes_id).await? {
                out.push(AutomaticMask {
                    kind: "depublished_name",
                    text: name,
                    ground: None,
                    marker: NAME_MARKER.to_string(),
                });
            }
        }
        Ok(out)
    }

    /// The masks of one minutes, proposals first, then by id.
    pub async fn redactions(&self, minutes_id: i64) -> Result<Vec<Redaction>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            &format!(
                "SELECT {COLUMNS} FROM redactions WHERE minutes_id = $1 \
                 ORDER BY CASE state WHEN 'proposed' THEN 0 ELSE 1 END, id"
            ),
            vec![minutes_id.into()],
            "reading the masks",
        )
        .await?;
        rows.iter().map(redaction).collect()
    }

    /// Looks for personnummer in the minutes' record again and proposes a mask for each new
    /// one; returns how many are new.
    pub async fn propose_redactions(&self, minutes_id: i64) -> Result<usize, StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let Some((meeting_id, state)) = minutes_of(&mut Db::Any(&mut tx), minutes_id).await? else {
            return Err(StoreError::Refused(format!("no minutes {minutes_id}")));
        };
        let found = load(
            &mut Db::Any(&mut tx),
            &RecordFilter {
                meeting_id,
                ..RecordFilter::default()
            },
        )
        .await?;
        let pnr = found
            .first()
            .map(|m| personnummer_in(&m.record))
            .unwrap_or_default();
        let new = propose_in(&mut Db::Any(&mut tx), minutes_id, &pnr, "search", &now).await?;
        if new > 0 && is_public(&state) {
            record_change(&mut Db::Any(&mut tx), minutes_id, "update", &now).await?;
        }
        tx.commit().await.db("committing the proposals")?;
        Ok(new)
    }

    /// Confirms (`true`) or rejects a proposed personnummer mask, or lifts a marked passage
    /// (`false`); audited, and the search index reads the minutes again.
    pub async fn decide_redaction(
        &self,
        actor: &Actor,
        id: i64,
        confirm: bool,
    ) -> Result<Redaction, StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let rows = query_rows(
            &mut tx,
            &format!("SELECT {COLUMNS} FROM redactions WHERE id = $1"),
            vec![id.into()],
            "reading the mask",
        )
        .await?;
        let Some(before) = rows.first().map(redaction).transpose()? else {
            return Err(StoreError::Refused(format!("no mask {id}")));
        };
        let state = if confirm { "confirmed" } else { "rejected" };
        execute_sql(
            &mut tx,
            "UPDATE redactions SET state = $1, decided_by = $2, decided_at = $3 WHERE id = $4",
            vec![
                state.into(),
                actor.label.as_str().into(),
                now.as_str().into(),
                id.into(),
            ],
            "deciding on the mask",
        )
        .await?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: if confirm {
                    "redaction.confirm"
                } else {
                    "redaction.reject"
                },
                entity: format!("redaction:{id}"),
                before: Some(json!({"state": before.state})),
                after: Some(json!({"state": state, "minutes_id": before.minutes_id})),
            },
        )
        .await?;
        if let Some((_, minutes_state)) =
            minutes_of(&mut Db::Any(&mut tx), before.minutes_id).await?
            && is_public(&minutes_state)
        {
            record_change(&mut Db::Any(&mut tx), before.minutes_id, "update", &now).await?;
        }
        tx.commit().await.db("committing the decision")?;
        Ok(Redaction {
            state: state.into(),
            decided_by: Some(actor.label.clone()),
            decided_at: Some(now),
            ..before
        })
    }

    /// Marks a passage of the minutes for masking on a legal ground; the text must appear in the
    /// record as written. Audited; the search index reads the minutes again.
    pub async fn mark_redaction(
        &self,
        actor: &Actor,
        minutes_id: i64,
        passage: &NewPassage,
    ) -> Result<Redaction, StoreError> {
        let text_ = passage.text.trim();
        let ground = passage.ground.trim();
        if text_.chars().count() < 2 {
            return Err(StoreError::Invalid(
                "the passage to mask must be at least two characters".into(),
            ));
        }
        if ground.is_empty() {
            return Err(StoreError::Invalid(
                "a masked passage needs its legal ground".into(),
            ));
        }
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let Some((meeting_id, state)) = minutes_of(&mut Db::Any(&mut tx), minutes_id).await? else {
            return Err(StoreError::Refused(format!("no minutes {minutes_id}")));
        };
        let found = load(
            &mut Db::Any(&mut tx),
            &RecordFilter {
                meeting_id,
                ..RecordFilter::default()
            },
        )
        .await?;
        let Some(record) = found.first().map(|m| &m.record) else {
            return Err(StoreError::Refused(format!("no minutes {minutes_id}")));
        };
        // The passage must be in the record (in its paragraph's own texts, when one is named:
        // it is masked there only).
        let mut probe = Redactor::default();
        match passage.paragraph {
            Some(number) => {
                let n = u32::try_from(number)
                    .ok()
                    .filter(|n| record.items.iter().any(|i| i.paragraph == *n))
                    .ok_or_else(|| {
                        StoreError::Invalid(format!("the minutes have no § {number}"))
                    })?;
                probe.mask_in_paragraph(n, text_, "x");
            }
            None => probe.mask(text_, "x"),
        }
        if kansli_core::redaction::redact_protocol(&mut record.clone(), &probe) == 0 {
            return Err(StoreError::Invalid(match passage.paragraph {
                Some(n) => format!("the text {text_:?} is not in § {n} as written"),
                None => format!("the text {text_:?} is not in the minutes as written"),
            }));
        }
        let rows = query_rows(
            &mut tx,
            &format!(
                "INSERT INTO redactions (minutes_id, paragraph_number, kind, text, ground, state, \
                 proposed_by, proposed_at, decided_by, decided_at) \
                 VALUES ($1, $2, 'passage', $3, $4, 'confirmed', $5, $6, $5, $6) \
                 ON CONFLICT (minutes_id, kind, text) DO UPDATE SET ground = EXCLUDED.ground, \
                 paragraph_number = EXCLUDED.paragraph_number, state = 'confirmed', \
                 decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at \
                 RETURNING {COLUMNS}"
            ),
            vec![
                minutes_id.into(),
                passage.paragraph.into(),
                text_.into(),
                ground.into(),
                actor.label.as_str().into(),
                now.as_str().into(),
            ],
            "marking a passage",
        )
        .await?;
        let marked = rows
            .first()
            .map(redaction)
            .transpose()?
            .ok_or_else(|| StoreError::Corrupt("a marked passage was not stored".into()))?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "redaction.mark",
                entity: format!("redaction:{}", marked.id),
                before: None,
                after: Some(json!({
                    "minutes_id": minutes_id,
                    "paragraph": passage.paragraph,
                    "ground": ground,
                })),
            },
        )
        .await?;
        if is_public(&state) {
            record_change(&mut Db::Any(&mut tx), minutes_id, "update", &now).await?;
        }
        tx.commit().await.db("committing the mask")?;
        Ok(marked)
    }

    /// Sets (months) or removes (`None`) the avpublicering rule of an authority's bodies (body
    /// `None`) or of one body. Audited.
    pub async fn set_depublication(
        &self,
        actor: &Actor,
        authority: &str,
        body: Option<&str>,
        months: Option<i64>,
    ) -> Result<(), StoreError> {
        if months.is_some_and(|m| !(1..=1200).contains(&m)) {
            return Err(StoreError::Invalid(
                "avpublicering is 1 to 1200 months after the meeting".into(),
            ));
        }
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let rows = query_rows(
            &mut tx,
            "SELECT a.id AS authority_id, COALESCE((SELECT b.id FROM bodies b \
             WHERE b.authority_id = a.id AND b.slug = $2), -1) AS body_id \
             FROM authorities a WHERE a.slug = $1",
            vec![authority.into(), body.unwrap_or("").into()],
            "looking up the authority",
        )
        .await?;
        let Some(row) = rows.first() else {
            return Err(StoreError::Refused(format!("no authority {authority}")));
        };
        let authority_id = int(row, "authority_id")?;
        let body_id = match body {
            None => 0,
            Some(slug) => match int(row, "body_id")? {
                -1 => return Err(StoreError::Refused(format!("no body {slug}"))),
                id => id,
            },
        };
        match months {
            Some(months) => {
                execute_sql(
                    &mut tx,
                    "INSERT INTO depublication_rules (authority_id, body_id, months, updated_at, \
                     updated_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (authority_id, body_id) \
                     DO UPDATE SET months = EXCLUDED.months, updated_at = EXCLUDED.updated_at, \
                     updated_by = EXCLUDED.updated_by",
                    vec![
                        authority_id.into(),
                        body_id.into(),
                        months.into(),
                        now.as_str().into(),
                        actor.label.as_str().into(),
                    ],
                    "setting the avpublicering rule",
                )
                .await?;
            }
            None => {
                execute_sql(
                    &mut tx,
                    "DELETE FROM depublication_rules WHERE authority_id = $1 AND body_id = $2",
                    vec![authority_id.into(), body_id.into()],
                    "removing the avpublicering rule",
                )
                .await?;
            }
        }
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "depublication.set",
                entity: format!("authority:{authority}"),
                before: None,
                after: Some(json!({"body": body, "months": months})),
            },
        )
        .await?;
        // Minutes no longer avpublicerade go back to the index with their names.
        let rows = query_rows(
            &mut tx,
            "SELECT d.minutes_id FROM depublished_minutes d JOIN minutes mi ON mi.id = d.minutes_id \
             JOIN meetings m ON m.id = mi.meeting_id JOIN bodies b ON b.id = m.body_id \
             WHERE b.authority_id = $1",
            vec![authority_id.into()],
            "reading the avpublicerade minutes",
        )
        .await?;
        let ids: Vec<i64> = rows
            .iter()
            .map(|r| int(r, "minutes_id"))
            .collect::<Result<_, _>>()?;
        let today = self.today();
        for id in ids {
            let list = "$1";
            if depublished_among(&mut Db::Any(&mut tx), list, vec![id.into()], today)
                .await?
                .is_empty()
            {
                execute_sql(
                    &mut tx,
                    "DELETE FROM depublished_minutes WHERE minutes_id = $1",
                    vec![id.into()],
                    "forgetting an avpublicering",
                )
                .await?;
                record_change(&mut Db::Any(&mut tx), id, "update", &now).await?;
            }
        }
        tx.commit().await.db("committing the avpublicering rule")?;
        Ok(())
    }

    /// The avpublicering rules of an authority: its own first, then each body's.
    pub async fn depublication_rules(
        &self,
        authority: &str,
    ) -> Result<Vec<DepublicationRule>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT a.slug AS a_slug, b.slug AS b_slug, r.months, r.updated_at, r.updated_by \
             FROM depublication_rules r JOIN authorities a ON a.id = r.authority_id \
             LEFT JOIN bodies b ON b.id = r.body_id WHERE a.slug = $1 \
             ORDER BY r.body_id, b.slug",
            vec![authority.into()],
            "reading the avpublicering rules",
        )
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DepublicationRule {
                    authority_slug: text(r, "a_slug")?,
                    body_slug: opt_text(r, "b_slug")?,
                    months: int(r, "months")?,
                    updated_at: text(r, "updated_at")?,
                    updated_by: text(r, "updated_by")?,
                })
            })
            .collect()
    }

    /// Tells the search index about published minutes that became avpublicerade since it was
    /// last told (a `changes` row each, so their names leave the index); returns how many.
    /// Idempotent; the server calls it as it catches up.
    pub async fn mark_depublications_due(&self) -> Result<usize, StoreError> {
        let today = self.today();
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT mi.id AS minutes_id FROM minutes mi JOIN meetings m ON m.id = mi.meeting_id \
             JOIN bodies b ON b.id = m.body_id \
             WHERE mi.state IN ('justerad', 'posted') \
             AND EXISTS (SELECT 1 FROM depublication_rules r WHERE r.authority_id = b.authority_id) \
             AND NOT EXISTS (SELECT 1 FROM depublished_minutes d WHERE d.minutes_id = mi.id)",
            vec![],
            "looking for minutes to avpublicera",
        )
        .await?;
        let candidates: Vec<i64> = rows
            .iter()
            .map(|r| int(r, "minutes_id"))
            .collect::<Result<_, _>>()?;
        drop(conn);
        let mut marked = 0;
        for chunk in candidates.chunks(500) {
            let now = self.now();
            let mut tx = self.begin_write().await?;
            let list = (1..=chunk.len())
                .map(|i| format!("${i}"))
                .collect::<Vec<_>>()
                .join(", ");
            let binds: Vec<Val> = chunk.iter().map(|&i| i.into()).collect();
            for id in depublished_among(&mut Db::Any(&mut tx), &list, binds, today).await? {
                let done = bind_all(
                    sqlx::query(AssertSqlSafe(
                        "INSERT INTO depublished_minutes (minutes_id, depublished_at) \
                         VALUES ($1, $2) ON CONFLICT (minutes_id) DO NOTHING"
                            .to_string(),
                    )),
                    vec![id.into(), now.as_str().into()],
                )
                .execute(&mut *tx)
                .await
                .db("recording an avpublicering")?;
                if done.rows_affected() > 0 {
                    record_change(&mut Db::Any(&mut tx), id, "update", &now).await?;
                    marked += 1;
                }
            }
            tx.commit().await.db("committing the avpublicering")?;
        }
        Ok(marked)
    }

    /// The published copy of one meeting's minutes (justerade or posted): its record with the
    /// masks applied, and in how many places it is masked. What the public's documents (PDF,
    /// HTML, text) are rendered from; the archive's copy is [`Store::meeting_reading`].
    pub async fn published_reading(
        &self,
        meeting_id: i64,
    ) -> Result<Option<(StoredReading, usize)>, StoreError> {
        let Some(m) = self.public_minutes(meeting_id).await? else {
            return Ok(None);
        };
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let r = redactor(&mut Db::Any(&mut conn), m.minutes_id, self.today()).await?;
        let mut protocol = m.record;
        let masked = kansli_core::redaction::redact_protocol(&mut protocol, &r);
        Ok(Some((
            StoredReading {
                meeting_id: m.meeting_id,
                authority_slug: m.authority_slug,
                body_slug: m.body_slug,
                meeting_slug: m.meeting_slug,
                protocol,
            },
            masked,
        )))
    }

    /// The masks of a meeting's published copy, for texts the server derives from the original
    /// (the law engine's findings quote names): apply them before showing such a text.
    pub async fn published_redactor(&self, meeting_id: i64) -> Result<Redactor, StoreError> {
        let mut reader = self.reader().await?;
        let mut conn = reader.db();
        let rows = conn
            .rows(
                "SELECT id FROM minutes WHERE meeting_id = $1",
                vec![meeting_id.into()],
                "looking up the minutes",
            )
            .await?;
        match rows.first() {
            Some(row) => redactor(&mut conn, int(row, "id")?, self.today()).await,
            None => Ok(Redactor::new()),
        }
    }

    /// Whether the published copy of the minutes differs from the original (some mask applies):
    /// then the original file is not served to the public. With `paragraphs`, for an extract:
    /// whether a mask applies to the header or to those paragraphs.
    pub(crate) async fn is_redacted(
        &self,
        conn: &mut AnyConnection,
        minutes_id: i64,
        paragraphs: Option<&[u32]>,
    ) -> Result<bool, StoreError> {
        let r = redactor(&mut Db::Any(&mut *conn), minutes_id, self.today()).await?;
        let Some((meeting_id, _)) = minutes_of(&mut Db::Any(&mut *conn), minutes_id).await? else {
            return Ok(false);
        };
        let found = load(
            &mut Db::Any(&mut *conn),
            &RecordFilter {
                meeting_id,
                ..RecordFilter::default()
            },
        )
        .await?;
        Ok(found.into_iter().any(|mut m| {
            if let Some(paragraphs) = paragraphs {
                // What an extract of these paragraphs holds: the header and them.
                m.record.items.retain(|i| paragraphs.contains(&i.paragraph));
            }
            kansli_core::redaction::redact_protocol(&mut m.record, &r) > 0
        }))
    }
}

/// Whether minutes in `state` are public (their change reaches the search index).
fn is_public(state: &str) -> bool {
    matches!(state, "justerad" | "posted")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn avpublicering_is_due_on_the_day_the_months_have_passed() {
        let met = NaiveDate::from_ymd_opt(2022, 3, 31).unwrap();
        assert!(!is_due(
            met,
            24,
            NaiveDate::from_ymd_opt(2024, 3, 30).unwrap()
        ));
        assert!(is_due(
            met,
            24,
            NaiveDate::from_ymd_opt(2024, 3, 31).unwrap()
        ));
        // 31 March + 11 months is the last day of February.
        assert!(is_due(
            met,
            11,
            NaiveDate::from_ymd_opt(2023, 2, 28).unwrap()
        ));
    }
}
