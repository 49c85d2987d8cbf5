//! The registry and the diarium kept in Kansli: authorities with their Dnr series and format,
//! bodies and seats, and cases registered with the next number of the authority's series, with
//! their documents (handlingar) stored by content.
//!
//! These are the same tables the import fills (an imported authority is the one an
//! administrator configures; an imported case the one a registrar finds), never a second copy.
//! Every change writes an audit event in its own transaction.
//!
//! Numbering: a row of `dnr_counters` per authority, series and year is incremented inside the
//! registering transaction (SQLite's write lock, PostgreSQL's row lock), so two registrars at the
//! same moment get consecutive numbers; a number an imported protocol already uses is passed
//! over, and a rolled-back registration gives its number back.

use crate::conn::Db;
use chrono::Datelike;
use kansli_core::{Dnr, DnrFormat};
use serde::Serialize;
use serde_json::json;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::accounts::{Actor, Change, write_audit};
use crate::error::DbContext;
use crate::sql::{Val, execute_sql, int, opt_int, opt_text, query_rows, text};
use crate::{Store, StoreError};

/// An authority as the registry keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuthorityRecord {
    /// The slug.
    pub slug: String,
    /// The name.
    pub name: String,
    /// `kommun`, `kommunalforbund`, `region`, `other`.
    pub kind: String,
    /// The diarium series (`ITSAM`, `KS`).
    pub dnr_series: Option<String>,
    /// How it prints a Dnr (`{series} {year}/{number}`).
    pub dnr_format: String,
}

/// A new (or reconfigured) authority.
#[derive(Debug, Clone)]
pub struct NewAuthority {
    /// The name ("Kommunalförbundet Itsam").
    pub name: String,
    /// `kommun`, `kommunalforbund`, `region`.
    pub kind: String,
    /// The diarium series.
    pub dnr_series: Option<String>,
    /// The Dnr format.
    pub dnr_format: DnrFormat,
}

/// A body as the registry keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BodyRecord {
    /// The authority's slug.
    pub authority: String,
    /// The body's slug.
    pub slug: String,
    /// The name.
    pub name: String,
    /// `fullmaktige`, `styrelse`, `namnd`, `gemensam_namnd`, `direktion`, `beredning`, `utskott`.
    pub kind: String,
    /// The number of seats (for beslutförhet).
    pub seats: Option<i64>,
    /// The body this one prepares for (a beredning's direktion), by slug.
    pub prepares_for: Option<String>,
    /// The other authorities whose anslagstavlor carry its notices (a gemensam nämnd).
    pub joint_for: Vec<String>,
}

/// A new (or reconfigured) body.
#[derive(Debug, Clone)]
pub struct NewBody {
    /// The name.
    pub name: String,
    /// The kind, as stored (see [`BodyRecord::kind`]).
    pub kind: String,
    /// Seats.
    pub seats: Option<i64>,
    /// The slug of the body it prepares for, in the same authority.
    pub prepares_for: Option<String>,
    /// Names of cooperating authorities (created if new).
    pub joint_for: Vec<String>,
}

/// A seat to record.
#[derive(Debug, Clone)]
pub struct NewMember {
    /// The person's name.
    pub name: String,
    /// `chair`, `vice_chair`, `member`, `substitute`, `observer`.
    pub role: String,
    /// The party.
    pub party: Option<String>,
    /// The kommun or group represented.
    pub represents: Option<String>,
    /// The term's first day (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// The term's last day.
    pub to: Option<String>,
    /// The order substitutes are called in.
    pub substitute_order: Option<i64>,
    /// The person's e-mail: links the seat to the person's account (förhinder, the kallelse
    /// by mail).
    pub email: Option<String>,
}

/// A case of the diarium.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseRecord {
    /// The id.
    pub id: i64,
    /// The authority's slug.
    pub authority: String,
    /// The Dnr as printed.
    pub dnr: String,
    /// The key (`ITSAM-2026-1`), as in URLs.
    pub key: String,
    /// The title.
    pub title: String,
    /// The handläggare.
    pub handler: Option<String>,
    /// `open` or `closed`.
    pub status: String,
    /// `registry` (registered here) or `import` (named by imported minutes).
    pub origin: String,
    /// When registered (RFC 3339 UTC).
    pub created_at: String,
    /// When closed.
    pub closed_at: Option<String>,
    /// The version, for concurrent edits.
    pub version: i64,
}

/// A document (handling) of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentRecord {
    /// The id.
    pub id: i64,
    /// The title.
    pub title: String,
    /// `incoming`, `outgoing`, `internal`.
    pub direction: Option<String>,
    /// Whether it is secret (sekretess): shown to staff and the body's members only.
    pub confidential: bool,
    /// The legal ground of the secrecy ("OSL 21 kap. 7 §").
    pub secrecy_ground: Option<String>,
    /// The content's SHA-256.
    pub sha256: Option<String>,
    /// Its size in bytes.
    pub size: Option<i64>,
    /// Its media type, detected from the content.
    pub media_type: Option<String>,
    /// The file's name as uploaded.
    pub file_name: Option<String>,
    /// When registered.
    pub registered_at: String,
    /// The version, for corrections (updateDocument).
    pub version: i64,
}

/// A correction of a case (updateCase): `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct CaseChange {
    /// The new title.
    pub title: Option<String>,
    /// The new handläggare; empty removes it.
    pub handler: Option<String>,
}

/// A correction of a registered document (updateDocument): `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct DocumentChange {
    /// The new title.
    pub title: Option<String>,
    /// `incoming`, `outgoing` or `internal`.
    pub direction: Option<String>,
    /// Whether it is secret.
    pub confidential: Option<bool>,
    /// The legal ground of the secrecy; dropped when the document is not secret.
    pub secrecy_ground: Option<String>,
}

/// A document to register.
#[derive(Debug, Clone)]
pub struct NewDocument {
    /// The title.
    pub title: String,
    /// `incoming`, `outgoing`, `internal`.
    pub direction: String,
    /// Secret?
    pub confidential: bool,
    /// The legal ground, when secret.
    pub secrecy_ground: Option<String>,
    /// The file's name.
    pub file_name: String,
    /// Its media type (detected by the caller from the content).
    pub media_type: String,
    /// The bytes.
    pub content: Vec<u8>,
}

/// Where a case was handled: a paragraph of a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Handling {
    /// The body's slug.
    pub body: String,
    /// The body's name.
    pub body_name: String,
    /// The meeting's date.
    pub meeting_date: String,
    /// The paragraph number.
    pub paragraph: i64,
    /// The paragraph's title.
    pub title: String,
    /// The meeting's slug (its date, or date and a suffix for a second meeting that day).
    pub meeting: String,
    /// The state of the minutes (`draft`, `released`, `justerad`, `posted`): only justerade
    /// (and posted) minutes are public.
    pub minutes_state: String,
}

impl Handling {
    /// Whether the minutes that hold the paragraph are public (justerade or posted).
    pub fn is_public(&self) -> bool {
        kansli_core::record::MinutesState::parse(&self.minutes_state)
            .is_some_and(kansli_core::record::MinutesState::is_public)
    }
}

/// A case with everything the diarium knows of it (confidential documents included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseFile {
    /// The case.
    pub case: CaseRecord,
    /// Its documents, in registration order.
    pub documents: Vec<DocumentRecord>,
    /// The paragraphs where it was handled, oldest first.
    pub handled: Vec<Handling>,
    /// The meetings not yet held whose agenda carries it, soonest first.
    pub on_agenda: Vec<AgendaPlacement>,
}

/// A case on the agenda of a meeting not yet held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaPlacement {
    /// The body's slug.
    pub body: String,
    /// The body's name.
    pub body_name: String,
    /// The meeting's slug.
    pub meeting: String,
    /// The meeting's date.
    pub meeting_date: String,
    /// The item's place on the agenda.
    pub position: i64,
    /// Whether the kallelse is issued.
    pub kallelse_issued: bool,
}

const CASE_COLUMNS: &str = "c.id, a.slug AS authority, c.dnr_printed, c.dnr_key, c.title, \
     c.handler, c.status, c.origin, c.created_at, c.closed_at, c.version";

fn case_from(row: &AnyRow) -> Result<CaseRecord, StoreError> {
    Ok(CaseRecord {
        id: int(row, "id")?,
        authority: text(row, "authority")?,
        dnr: text(row, "dnr_printed")?,
        key: text(row, "dnr_key")?,
        title: text(row, "title")?,
        handler: opt_text(row, "handler")?,
        status: text(row, "status")?,
        origin: text(row, "origin")?,
        created_at: text(row, "created_at")?,
        closed_at: opt_text(row, "closed_at")?,
        version: int(row, "version")?,
    })
}

fn case_json(c: &CaseRecord) -> serde_json::Value {
    json!({"dnr": c.dnr, "title": c.title, "handler": c.handler, "status": c.status,
           "version": c.version})
}

impl Store {
    /// Creates an authority, or configures one that imported minutes already created (same
    /// name): kind, Dnr series and format. Returns it and whether it was new. Audited.
    pub async fn create_authority(
        &self,
        actor: &Actor,
        new: &NewAuthority,
    ) -> Result<(AuthorityRecord, bool), StoreError> {
        let now = self.now();
        let name = new.name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(StoreError::Refused("an authority needs a name".into()));
        }
        let mut tx = self.begin_write().await?;
        let found = query_rows(
            &mut tx,
            "SELECT id FROM authorities WHERE name_folded = $1",
            vec![kansli_core::text::fold(&name).into()],
            "looking up the authority",
        )
        .await?;
        // What the configuration replaces, for the audit log.
        let before = match found.first() {
            Some(row) => Some(authority_by_id(&mut tx, int(row, "id")?).await?),
            None => None,
        };
        let existed = before.is_some();
        let id = crate::import::upsert_authority(&mut Db::Any(&mut tx), &name, &now).await?;
        query_rows(
            &mut tx,
            "UPDATE authorities SET kind = $1, dnr_series = $2, dnr_format = $3 WHERE id = $4",
            vec![
                new.kind.as_str().into(),
                new.dnr_series.clone().into(),
                new.dnr_format.as_str().into(),
                id.into(),
            ],
            "configuring the authority",
        )
        .await?;
        let record = authority_by_id(&mut tx, id).await?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: if existed {
                    "authority.update"
                } else {
                    "authority.create"
                },
                entity: format!("authority:{}", record.slug),
                before: before.map(|b| serde_json::to_value(&b).unwrap_or_default()),
                after: Some(serde_json::to_value(&record).unwrap_or_default()),
            },
        )
        .await?;
        tx.commit().await.db("committing the authority")?;
        Ok((record, !existed))
    }

    /// An authority's registry record.
    pub async fn authority_record(
        &self,
        slug: &str,
    ) -> Result<Option<AuthorityRecord>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT id FROM authorities WHERE slug = $1",
            vec![slug.to_lowercase().into()],
            "finding the authority",
        )
        .await?;
        match rows.first() {
            Some(row) => Ok(Some(authority_by_id(&mut conn, int(row, "id")?).await?)),
            None => Ok(None),
        }
    }

    /// Creates a body of an authority, or configures one imported minutes created (same name).
    /// Returns it and whether it was new. Audited.
    pub async fn create_body(
        &self,
        actor: &Actor,
        authority: &str,
        new: &NewBody,
    ) -> Result<Option<(BodyRecord, bool)>, StoreError> {
        let now = self.now();
        let name = new.name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(StoreError::Refused("a body needs a name".into()));
        }
        let mut tx = self.begin_write().await?;
        let Some(authority_id) = authority_id(&mut tx, authority).await? else {
            return Ok(None);
        };
        let found = query_rows(
            &mut tx,
            "SELECT id FROM bodies WHERE authority_id = $1 AND name_folded = $2",
            vec![authority_id.into(), kansli_core::text::fold(&name).into()],
            "looking up the body",
        )
        .await?;
        // What the configuration replaces, for the audit log.
        let before = match found.first() {
            Some(row) => Some(body_by_id(&mut tx, int(row, "id")?).await?),
            None => None,
        };
        let existed = before.is_some();
        // A body someone configured keeps its configuration: the same request again is
        // answered with the body as it is; another one is a conflict (a second body of the
        // same name, or a change, which createBody is not for).
        if let Some(row) = found.first() {
            let configured = query_rows(
                &mut tx,
                "SELECT configured_at FROM bodies WHERE id = $1",
                vec![int(row, "id")?.into()],
                "reading when the body was configured",
            )
            .await?;
            let configured = configured
                .first()
                .map(|r| opt_text(r, "configured_at"))
                .transpose()?
                .flatten()
                .is_some();
            if configured {
                let body = before.clone().ok_or(StoreError::Refused(String::new()))?;
                if same_configuration(&body, new) {
                    tx.commit().await.db("ending the look-up")?;
                    return Ok(Some((body, false)));
                }
                return Err(StoreError::Conflict(format!(
                    "a body named {:?} exists in {authority} (slug {:?}), configured otherwise; \
                     its configuration is kept",
                    body.name, body.slug
                )));
            }
        }
        let id =
            crate::import::upsert_body(&mut Db::Any(&mut tx), authority_id, &name, &now).await?;
        let parent = match &new.prepares_for {
            Some(slug) => {
                let rows = query_rows(
                    &mut tx,
                    "SELECT id FROM bodies WHERE authority_id = $1 AND slug = $2",
                    vec![authority_id.into(), slug.to_lowercase().into()],
                    "finding the body prepared for",
                )
                .await?;
                match rows.first() {
                    Some(r) => Some(int(r, "id")?),
                    None => {
                        return Err(StoreError::Refused(format!(
                            "prepares_for: no body {slug:?} in {authority}"
                        )));
                    }
                }
            }
            None => None,
        };
        query_rows(
            &mut tx,
            "UPDATE bodies SET kind = $1, seats = $2, parent_body_id = $3, configured_at = $4 \
             WHERE id = $5",
            vec![
                new.kind.as_str().into(),
                new.seats.into(),
                parent.into(),
                now.clone().into(),
                id.into(),
            ],
            "configuring the body",
        )
        .await?;
        query_rows(
            &mut tx,
            "DELETE FROM body_notice_boards WHERE body_id = $1",
            vec![id.into()],
            "replacing the cooperating authorities",
        )
        .await?;
        for other in &new.joint_for {
            let other_id =
                crate::import::upsert_authority(&mut Db::Any(&mut tx), other.trim(), &now).await?;
            if other_id != authority_id {
                query_rows(
                    &mut tx,
                    "INSERT INTO body_notice_boards (body_id, authority_id) VALUES ($1, $2) \
                     ON CONFLICT DO NOTHING",
                    vec![id.into(), other_id.into()],
                    "recording a cooperating authority",
                )
                .await?;
            }
        }
        let record = body_by_id(&mut tx, id).await?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: if existed {
                    "body.update"
                } else {
                    "body.create"
                },
                entity: format!("body:{}/{}", record.authority, record.slug),
                before: before.map(|b| serde_json::to_value(&b).unwrap_or_default()),
                after: Some(serde_json::to_value(&record).unwrap_or_default()),
            },
        )
        .await?;
        tx.commit().await.db("committing the body")?;
        Ok(Some((record, !existed)))
    }

    /// Records a seat in a body for a term; the person is the authority's person of that name
    /// (created if new), so imported minutes' attendance and the registry meet in one person.
    /// Returns the seat's id and warnings, or `None` when there is no such body. A name that
    /// already stands for someone in another body (a seat or minutes), or with another party,
    /// is linked but never silently: the warning says where, so two people who share a name
    /// can be told apart. Audited.
    pub async fn add_member(
        &self,
        actor: &Actor,
        authority: &str,
        body: &str,
        new: &NewMember,
    ) -> Result<Option<(i64, Vec<String>)>, StoreError> {
        let now = self.now();
        let name = new.name.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut tx = self.begin_write().await?;
        let Some((authority_id, body_id)) = body_ids(&mut tx, authority, body).await? else {
            return Ok(None);
        };
        let folded = kansli_core::text::fold(&name);
        query_rows(
            &mut tx,
            "INSERT INTO persons (authority_id, name, name_folded) VALUES ($1, $2, $3) \
             ON CONFLICT (authority_id, name_folded) DO NOTHING",
            vec![
                authority_id.into(),
                name.as_str().into(),
                folded.as_str().into(),
            ],
            "recording the person",
        )
        .await?;
        let person = query_rows(
            &mut tx,
            "SELECT id FROM persons WHERE authority_id = $1 AND name_folded = $2",
            vec![authority_id.into(), folded.into()],
            "finding the person",
        )
        .await?;
        let person_id = int(&person[0], "id")?;
        if let Some(email) = new
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
        {
            query_rows(
                &mut tx,
                "UPDATE persons SET email = $1 WHERE id = $2",
                vec![email.to_lowercase().into(), person_id.into()],
                "recording the person's e-mail",
            )
            .await?;
        }
        let rows = query_rows(
            &mut tx,
            "INSERT INTO members (body_id, person_id, role, party, represents, substitute_order, \
             term_start, term_end) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            vec![
                body_id.into(),
                person_id.into(),
                new.role.as_str().into(),
                new.party.clone().into(),
                new.represents.clone().into(),
                new.substitute_order.into(),
                new.from.clone().into(),
                new.to.clone().into(),
            ],
            "recording the seat",
        )
        .await?;
        let id = int(&rows[0], "id")?;
        let elsewhere = query_rows(
            &mut tx,
            "SELECT b.name, s.party FROM members s JOIN bodies b ON b.id = s.body_id \
             WHERE s.person_id = $1 AND s.id <> $2 \
             UNION SELECT b.name, t.party FROM attendance t JOIN minutes mi ON mi.id = t.minutes_id \
             JOIN meetings m ON m.id = mi.meeting_id JOIN bodies b ON b.id = m.body_id \
             WHERE t.person_id = $1",
            vec![person_id.into(), id.into()],
            "finding the person elsewhere",
        )
        .await?;
        let mut warnings = Vec::new();
        let mut other_bodies: Vec<String> = Vec::new();
        let mut other_parties: Vec<String> = Vec::new();
        let this_body = kansli_core::text::fold(&body_name_of(&mut tx, body_id).await?);
        for r in &elsewhere {
            let b = text(r, "name")?;
            if kansli_core::text::fold(&b) != this_body && !other_bodies.contains(&b) {
                other_bodies.push(b);
            }
            if let (Some(p), Some(mine)) = (opt_text(r, "party")?, &new.party)
                && !p.trim().eq_ignore_ascii_case(mine.trim())
                && !other_parties.contains(&p)
            {
                other_parties.push(p);
            }
        }
        if !other_parties.is_empty() {
            warnings.push(format!(
                "{name} is also recorded with another party ({}): the seat is linked to that same \
                 person; if they are two people, tell them apart by name",
                other_parties.join(", ")
            ));
        } else if !other_bodies.is_empty() {
            warnings.push(format!(
                "{name} also appears in {}: the seat is linked to that same person; if they are \
                 two people, tell them apart by name",
                other_bodies.join(", ")
            ));
        }
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "member.create",
                entity: format!("member:{id}"),
                before: None,
                after: Some(json!({"body": format!("{authority}/{body}"), "name": name,
                    "role": new.role, "party": new.party, "represents": new.represents,
                    "email": new.email,
                    "from": new.from, "to": new.to, "substitute_order": new.substitute_order})),
            },
        )
        .await?;
        tx.commit().await.db("committing the seat")?;
        Ok(Some((id, warnings)))
    }

    /// Registers a case: the next Dnr of the authority's series in the year of `today`
    /// (Swedish date), never reused or skipped. `None` when there is no such authority.
    pub async fn register_case(
        &self,
        actor: &Actor,
        authority: &str,
        title: &str,
        handler: Option<&str>,
    ) -> Result<Option<CaseRecord>, StoreError> {
        let now = self.now();
        let year = kansli_core::law::checks::swedish_local_date(self.now_utc()).year();
        let mut tx = self.begin_write().await?;
        let Some(authority_id) = authority_id(&mut tx, authority).await? else {
            return Ok(None);
        };
        let record = authority_by_id(&mut tx, authority_id).await?;
        let format = DnrFormat::parse(&record.dnr_format, record.dnr_series.as_deref())
            .unwrap_or_else(|_| DnrFormat::standard());
        let series = record.dnr_series.clone().unwrap_or_default();
        query_rows(
            &mut tx,
            "INSERT INTO dnr_counters (authority_id, series, year, last_number) \
             VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING",
            vec![
                authority_id.into(),
                series.as_str().into(),
                i64::from(year).into(),
            ],
            "starting the year's numbering",
        )
        .await?;
        // Numbers an imported protocol already names are passed over (bounded: a series with
        // ten thousand numbers taken ahead of the counter is not a real diarium).
        let mut dnr: Option<Dnr> = None;
        for _ in 0..10_000 {
            let rows = query_rows(
                &mut tx,
                "UPDATE dnr_counters SET last_number = last_number + 1 \
                 WHERE authority_id = $1 AND series = $2 AND year = $3 RETURNING last_number",
                vec![
                    authority_id.into(),
                    series.as_str().into(),
                    i64::from(year).into(),
                ],
                "taking the next number",
            )
            .await?;
            let number = int(&rows[0], "last_number")?;
            let candidate = format.dnr(
                record.dnr_series.as_deref(),
                year as u16,
                u32::try_from(number).unwrap_or(u32::MAX),
            );
            let taken = query_rows(
                &mut tx,
                "SELECT id FROM cases WHERE authority_id = $1 AND dnr_key = $2",
                vec![authority_id.into(), candidate.key().into()],
                "checking the number",
            )
            .await?;
            if taken.is_empty() {
                dnr = Some(candidate);
                break;
            }
        }
        let dnr = dnr
            .ok_or_else(|| StoreError::Refused("no free number in the series this year".into()))?;
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        let rows = query_rows(
            &mut tx,
            "INSERT INTO cases (authority_id, dnr_key, dnr_printed, series, year, number, title, \
             origin, created_at, handler, status, version, title_folded) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'registry', $8, $9, 'open', 1, $10) RETURNING id",
            vec![
                authority_id.into(),
                dnr.key().into(),
                dnr.printed().into(),
                record.dnr_series.clone().into(),
                i64::from(dnr.year()).into(),
                i64::from(dnr.number()).into(),
                title.as_str().into(),
                now.as_str().into(),
                handler.map(str::to_string).into(),
                kansli_core::text::fold(&title).into(),
            ],
            "registering the case",
        )
        .await?;
        let id = int(&rows[0], "id")?;
        let case = case_by_id(&mut tx, id).await?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "case.register",
                entity: format!("case:{}/{}", case.authority, case.key),
                before: None,
                after: Some(case_json(&case)),
            },
        )
        .await?;
        tx.commit().await.db("committing the case")?;
        Ok(Some(case))
    }

    /// A case by authority and Dnr key (or any spelling of its Dnr).
    pub async fn case_record(
        &self,
        authority: &str,
        key: &str,
    ) -> Result<Option<CaseRecord>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        find_case(&mut conn, authority, key).await
    }

    /// Closes or reopens a case; a stale `version` is refused, and so is closing a closed case or
    /// reopening an open one ([`StoreError::Refused`]: 409). Audited.
    pub async fn set_case_status(
        &self,
        actor: &Actor,
        authority: &str,
        key: &str,
        closed: bool,
        version: Option<i64>,
    ) -> Result<Option<CaseRecord>, StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let Some(before) = find_case(&mut tx, authority, key).await? else {
            return Ok(None);
        };
        if let Some(v) = version {
            read_at(&before, v)?;
        }
        let wanted = if closed { "closed" } else { "open" };
        if before.status == wanted {
            // Closing a closed case would move its closing date (which starts gallring's
            // clock) and its version for nothing.
            return Err(StoreError::Refused(format!(
                "the case {} is already {wanted}",
                before.dnr
            )));
        }
        query_rows(
            &mut tx,
            "UPDATE cases SET status = $1, closed_at = $2, version = version + 1 WHERE id = $3",
            vec![
                if closed { "closed" } else { "open" }.into(),
                closed.then(|| now.clone()).into(),
                before.id.into(),
            ],
            "changing the case's status",
        )
        .await?;
        let after = case_changed(
            &mut tx,
            actor,
            &now,
            &before,
            if closed { "case.close" } else { "case.reopen" },
        )
        .await?;
        tx.commit().await.db("committing the case's status")?;
        Ok(Some(after))
    }

    /// Corrects a case's title and handläggare (`None`: unchanged; a handler of `Some("")`
    /// removes it), on the `version` read. `Ok(None)`: no such case. Audited with before and
    /// after.
    ///
    /// Errors: [`StoreError::Stale`] when the case changed since `version`;
    /// [`StoreError::Invalid`] for an empty title.
    pub async fn update_case(
        &self,
        actor: &Actor,
        authority: &str,
        key: &str,
        version: i64,
        change: &CaseChange,
    ) -> Result<Option<CaseRecord>, StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let Some(before) = find_case(&mut tx, authority, key).await? else {
            return Ok(None);
        };
        read_at(&before, version)?;
        let title = match &change.title {
            Some(t) => {
                let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
                if t.is_empty() {
                    return Err(StoreError::Invalid("title: a case needs a title".into()));
                }
                t
            }
            None => before.title.clone(),
        };
        let handler = match &change.handler {
            Some(h) => Some(h.trim().to_string()).filter(|h| !h.is_empty()),
            None => before.handler.clone(),
        };
        query_rows(
            &mut tx,
            "UPDATE cases SET title = $1, title_folded = $2, handler = $3, \
             version = version + 1 WHERE id = $4",
            vec![
                title.as_str().into(),
                kansli_core::text::fold(&title).into(),
                handler.into(),
                before.id.into(),
            ],
            "correcting the case",
        )
        .await?;
        let after = case_changed(&mut tx, actor, &now, &before, "case.update").await?;
        tx.commit().await.db("committing the case")?;
        Ok(Some(after))
    }

    /// Corrects a registered document of a case: its title, direction and secrecy (`None`:
    /// unchanged), on the `version` read; the content is never changed (a new version of a
    /// handling is a new document). Made secret, the minutes that handled the case are
    /// published again with its title masked. `Ok(None)`: no such document on that case.
    /// Audited with before and after.
    ///
    /// Errors: [`StoreError::Stale`] when it changed since `version`; [`StoreError::Invalid`]
    /// for an empty title or an unknown direction.
    pub async fn update_document(
        &self,
        actor: &Actor,
        authority: &str,
        key: &str,
        id: i64,
        version: i64,
        change: &DocumentChange,
    ) -> Result<Option<DocumentRecord>, StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let Some(case) = find_case(&mut tx, authority, key).await? else {
            return Ok(None);
        };
        let documents = documents_of(&mut tx, case.id).await?;
        let Some(before) = documents.into_iter().find(|d| d.id == id) else {
            return Ok(None);
        };
        if version != before.version {
            return Err(StoreError::Stale {
                what: format!("the document {id}"),
                current: before.version,
            });
        }
        let title = match &change.title {
            Some(t) if t.trim().is_empty() => {
                return Err(StoreError::Invalid(
                    "title: a document needs a title".into(),
                ));
            }
            Some(t) => t.trim().to_string(),
            None => before.title.clone(),
        };
        let direction = match &change.direction {
            Some(d) if ["incoming", "outgoing", "internal"].contains(&d.as_str()) => {
                Some(d.clone())
            }
            Some(d) => {
                return Err(StoreError::Invalid(format!(
                    "direction: {d:?} is none of incoming, outgoing, internal"
                )));
            }
            None => before.direction.clone(),
        };
        let confidential = change.confidential.unwrap_or(before.confidential);
        let ground = match &change.secrecy_ground {
            Some(g) => Some(g.trim().to_string()).filter(|g| !g.is_empty()),
            None => before.secrecy_ground.clone(),
        }
        .filter(|_| confidential);
        query_rows(
            &mut tx,
            "UPDATE documents SET title = $1, direction = $2, confidential = $3, \
             secrecy_ground = $4, version = version + 1 WHERE id = $5",
            vec![
                title.as_str().into(),
                direction.into(),
                i64::from(confidential).into(),
                ground.into(),
                id.into(),
            ],
            "correcting the document",
        )
        .await?;
        let after = documents_of(&mut tx, case.id)
            .await?
            .into_iter()
            .find(|d| d.id == id)
            .ok_or_else(|| StoreError::Corrupt(format!("the document {id} vanished")))?;
        let json = |d: &DocumentRecord| {
            json!({"case": case.dnr, "title": d.title, "direction": d.direction,
                "confidential": d.confidential, "secrecy_ground": d.secrecy_ground,
                "version": d.version})
        };
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "document.update",
                entity: format!("document:{id}"),
                before: Some(json(&before)),
                after: Some(json(&after)),
            },
        )
        .await?;
        if before.confidential != after.confidential {
            // Published minutes that handled the case may print the title: their published
            // copy masks it (or no longer does), so the search index reads them again.
            republish_minutes_of_case(&mut tx, case.id, &now).await?;
        }
        tx.commit().await.db("committing the document")?;
        Ok(Some(after))
    }

    /// Registers a document on a case, its content stored once by SHA-256 (never overwritten:
    /// the same bytes again are the same stored file). Audited (never the content).
    ///
    /// Errors: [`StoreError::Conflict`] when the case is closed (avslutat): a document that
    /// arrives later is registered after the case is reopened, so that the diarium never shows
    /// a closed case with a document newer than its closing.
    pub async fn add_case_document(
        &self,
        actor: &Actor,
        authority: &str,
        key: &str,
        new: &NewDocument,
    ) -> Result<Option<DocumentRecord>, StoreError> {
        use sha2::Digest;
        let now = self.now();
        let sha = hex::encode(sha2::Sha256::digest(&new.content));
        let mut tx = self.begin_write().await?;
        let Some(case) = find_case(&mut tx, authority, key).await? else {
            return Ok(None);
        };
        if case.status == "closed" {
            return Err(StoreError::Conflict(format!(
                "the case {} is closed: reopen it (reopenCase) before registering a document",
                case.dnr
            )));
        }
        sqlx::query(
            "INSERT INTO stored_files (sha256, size, media_type, original_name, content, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO UPDATE \
             SET content = EXCLUDED.content WHERE stored_files.content IS NULL",
        )
        .bind(sha.clone())
        .bind(new.content.len() as i64)
        .bind(new.media_type.clone())
        .bind(new.file_name.clone())
        .bind(new.content.clone())
        .bind(now.clone())
        .execute(&mut *tx)
        .await
        .db("storing the document's content")?;
        let rows = query_rows(
            &mut tx,
            "INSERT INTO documents (case_id, title, file_sha256, registered_at, direction, \
             confidential, secrecy_ground) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            vec![
                case.id.into(),
                new.title.trim().into(),
                sha.as_str().into(),
                now.as_str().into(),
                new.direction.as_str().into(),
                i64::from(new.confidential).into(),
                new.secrecy_ground.clone().into(),
            ],
            "registering the document",
        )
        .await?;
        let id = int(&rows[0], "id")?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "document.register",
                entity: format!("document:{id}"),
                before: None,
                after: Some(json!({"case": case.dnr, "title": new.title.trim(),
                    "direction": new.direction, "confidential": new.confidential,
                    "secrecy_ground": new.secrecy_ground, "sha256": sha,
                    "size": new.content.len(), "media_type": new.media_type})),
            },
        )
        .await?;
        if new.confidential {
            // Published minutes that handled the case may print the title: their published copy
            // now masks it, so the search index must read them again (one case's minutes).
            republish_minutes_of_case(&mut tx, case.id, &now).await?;
        }
        let documents = documents_of(&mut tx, case.id).await?;
        tx.commit().await.db("committing the document")?;
        Ok(documents.into_iter().find(|d| d.id == id))
    }

    /// A case with all its documents (confidential ones included: for staff) and every
    /// paragraph where it was handled, imported or recorded.
    pub async fn case_file(
        &self,
        authority: &str,
        key: &str,
    ) -> Result<Option<CaseFile>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let Some(case) = find_case(&mut conn, authority, key).await? else {
            return Ok(None);
        };
        let documents = documents_of(&mut conn, case.id).await?;
        let rows = query_rows(
            &mut conn,
            "SELECT b.slug AS body, b.name AS body_name, m.meeting_date, m.slug, mi.state, \
             p.number, p.title FROM paragraphs p JOIN minutes mi ON mi.id = p.minutes_id \
             JOIN meetings m ON m.id = mi.meeting_id JOIN bodies b ON b.id = m.body_id \
             WHERE p.case_id = $1 ORDER BY m.meeting_date, p.number",
            vec![case.id.into()],
            "finding where the case was handled",
        )
        .await?;
        let handled = rows
            .iter()
            .map(|r| {
                Ok(Handling {
                    body: text(r, "body")?,
                    body_name: text(r, "body_name")?,
                    meeting_date: text(r, "meeting_date")?,
                    paragraph: int(r, "number")?,
                    title: text(r, "title")?,
                    meeting: text(r, "slug")?,
                    minutes_state: text(r, "state")?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        let rows = query_rows(
            &mut conn,
            "SELECT b.slug AS body, b.name AS body_name, m.slug, m.meeting_date, i.position, \
             m.kallelse_issued_at FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id \
             JOIN bodies b ON b.id = m.body_id \
             WHERE i.case_id = $1 AND m.status = 'planned' ORDER BY m.meeting_date, i.position",
            vec![case.id.into()],
            "finding the agendas the case is on",
        )
        .await?;
        let on_agenda = rows
            .iter()
            .map(|r| {
                Ok(AgendaPlacement {
                    body: text(r, "body")?,
                    body_name: text(r, "body_name")?,
                    meeting: text(r, "slug")?,
                    meeting_date: text(r, "meeting_date")?,
                    position: int(r, "position")?,
                    kallelse_issued: opt_text(r, "kallelse_issued_at")?.is_some(),
                })
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(Some(CaseFile {
            case,
            documents,
            handled,
            on_agenda,
        }))
    }

    /// A registered document's content, with its record (for staff; the caller decides who).
    pub async fn document_content(
        &self,
        id: i64,
    ) -> Result<Option<(DocumentRecord, String, Vec<u8>)>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT d.case_id, a.slug AS authority, s.content FROM documents d \
             JOIN cases c ON c.id = d.case_id JOIN authorities a ON a.id = c.authority_id \
             LEFT JOIN stored_files s ON s.sha256 = d.file_sha256 WHERE d.id = $1",
            vec![id.into()],
            "reading a document",
        )
        .await?;
        let Some(row) = rows.first() else {
            return Ok(None);
        };
        let case_id = int(row, "case_id")?;
        let authority = text(row, "authority")?;
        let content: Option<Vec<u8>> = sqlx::Row::try_get(row, "content").db("reading content")?;
        let record = documents_of(&mut conn, case_id)
            .await?
            .into_iter()
            .find(|d| d.id == id);
        Ok(match (record, content) {
            (Some(r), Some(c)) => Some((r, authority, c)),
            _ => None,
        })
    }
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

async fn body_ids(
    conn: &mut AnyConnection,
    authority: &str,
    body: &str,
) -> Result<Option<(i64, i64)>, StoreError> {
    let rows = query_rows(
        conn,
        "SELECT a.id AS authority_id, b.id AS body_id FROM bodies b \
         JOIN authorities a ON a.id = b.authority_id WHERE a.slug = $1 AND b.slug = $2",
        vec![authority.to_lowercase().into(), body.to_lowercase().into()],
        "finding the body",
    )
    .await?;
    match rows.first() {
        Some(r) => Ok(Some((int(r, "authority_id")?, int(r, "body_id")?))),
        None => Ok(None),
    }
}

async fn body_name_of(conn: &mut AnyConnection, id: i64) -> Result<String, StoreError> {
    let rows = query_rows(
        conn,
        "SELECT name FROM bodies WHERE id = $1",
        vec![id.into()],
        "reading the body's name",
    )
    .await?;
    rows.first()
        .map(|r| text(r, "name"))
        .transpose()?
        .ok_or_else(|| StoreError::Corrupt(format!("body {id} vanished")))
}

async fn authority_by_id(conn: &mut AnyConnection, id: i64) -> Result<AuthorityRecord, StoreError> {
    let rows = query_rows(
        conn,
        "SELECT slug, name, kind, dnr_series, dnr_format FROM authorities WHERE id = $1",
        vec![id.into()],
        "reading the authority",
    )
    .await?;
    let row = rows
        .first()
        .ok_or_else(|| StoreError::Corrupt(format!("authority {id} vanished")))?;
    Ok(AuthorityRecord {
        slug: text(row, "slug")?,
        name: text(row, "name")?,
        kind: text(row, "kind")?,
        dnr_series: opt_text(row, "dnr_series")?,
        dnr_format: opt_text(row, "dnr_format")?
            .unwrap_or_else(|| DnrFormat::standard().as_str().to_string()),
    })
}

async fn body_by_id(conn: &mut AnyConnection, id: i64) -> Result<BodyRecord, StoreError> {
    let rows = query_rows(
        conn,
        "SELECT a.slug AS authority, b.slug, b.name, b.kind, b.seats, p.slug AS parent \
         FROM bodies b JOIN authorities a ON a.id = b.authority_id \
         LEFT JOIN bodies p ON p.id = b.parent_body_id WHERE b.id = $1",
        vec![id.into()],
        "reading the body",
    )
    .await?;
    let row = rows
        .first()
        .ok_or_else(|| StoreError::Corrupt(format!("body {id} vanished")))?;
    let joint = query_rows(
        conn,
        "SELECT a.name FROM body_notice_boards n JOIN authorities a ON a.id = n.authority_id \
         WHERE n.body_id = $1 ORDER BY a.name_folded",
        vec![id.into()],
        "reading the cooperating authorities",
    )
    .await?;
    Ok(BodyRecord {
        authority: text(row, "authority")?,
        slug: text(row, "slug")?,
        name: text(row, "name")?,
        kind: text(row, "kind")?,
        seats: opt_int(row, "seats")?,
        prepares_for: opt_text(row, "parent")?,
        joint_for: joint
            .iter()
            .map(|r| text(r, "name"))
            .collect::<Result<_, _>>()?,
    })
}

async fn case_by_id(conn: &mut AnyConnection, id: i64) -> Result<CaseRecord, StoreError> {
    let rows = query_rows(
        conn,
        &format!(
            "SELECT {CASE_COLUMNS} FROM cases c JOIN authorities a ON a.id = c.authority_id \
             WHERE c.id = $1"
        ),
        vec![id.into()],
        "reading the case",
    )
    .await?;
    case_from(
        rows.first()
            .ok_or_else(|| StoreError::Corrupt(format!("case {id} vanished")))?,
    )
}

/// A case by authority and Dnr (any spelling) or key, inside a transaction.
pub(crate) async fn find_case_in(
    conn: &mut AnyConnection,
    authority: &str,
    key: &str,
) -> Result<Option<CaseRecord>, StoreError> {
    find_case(conn, authority, key).await
}

/// Fills `cases.title_folded` where it is missing (cases imported before the import wrote it),
/// once, when the store opens: the diarium's search compares folded titles. Bounded by the
/// number of such cases; none are left after the first run.
pub(crate) async fn fold_missing_case_titles(pool: &sqlx::AnyPool) -> Result<(), StoreError> {
    let mut conn = pool.acquire().await.db("connecting")?;
    let rows = query_rows(
        &mut conn,
        "SELECT id, title FROM cases WHERE title_folded IS NULL",
        vec![],
        "finding cases without a folded title",
    )
    .await?;
    if rows.is_empty() {
        return Ok(());
    }
    let mut tx = sqlx::Connection::begin(&mut *conn)
        .await
        .db("folding the cases' titles")?;
    for row in &rows {
        execute_sql(
            &mut tx,
            "UPDATE cases SET title_folded = $1 WHERE id = $2",
            vec![
                kansli_core::text::fold(&text(row, "title")?).into(),
                int(row, "id")?.into(),
            ],
            "folding a case's title",
        )
        .await?;
    }
    tx.commit().await.db("committing the folded titles")
}

/// Refuses a write based on `version` of a case changed since ([`StoreError::Stale`]).
fn read_at(case: &CaseRecord, version: i64) -> Result<(), StoreError> {
    if version == case.version {
        Ok(())
    } else {
        Err(StoreError::Stale {
            what: format!("the case {}", case.dnr),
            current: case.version,
        })
    }
}

/// The case as a change in `tx` left it, with the change in the audit log (`action`, the case
/// before and after).
async fn case_changed(
    tx: &mut AnyConnection,
    actor: &Actor,
    now: &str,
    before: &CaseRecord,
    action: &'static str,
) -> Result<CaseRecord, StoreError> {
    let after = case_by_id(tx, before.id).await?;
    write_audit(
        tx,
        actor,
        now,
        Change {
            action,
            entity: format!("case:{}/{}", after.authority, after.key),
            before: Some(case_json(before)),
            after: Some(case_json(&after)),
        },
    )
    .await?;
    Ok(after)
}

/// Marks the public minutes that handled a case as changed, so that the search index reads
/// them again (their published copy masks the titles of secret documents).
async fn republish_minutes_of_case(
    tx: &mut AnyConnection,
    case_id: i64,
    now: &str,
) -> Result<(), StoreError> {
    let handled = query_rows(
        tx,
        "SELECT DISTINCT p.minutes_id FROM paragraphs p \
         JOIN minutes mi ON mi.id = p.minutes_id \
         WHERE p.case_id = $1 AND mi.state IN ('justerad', 'posted')",
        vec![case_id.into()],
        "finding the minutes that handled the case",
    )
    .await?;
    for row in &handled {
        crate::import::record_change(&mut Db::Any(tx), int(row, "minutes_id")?, "update", now)
            .await?;
    }
    Ok(())
}

async fn find_case(
    conn: &mut AnyConnection,
    authority: &str,
    key: &str,
) -> Result<Option<CaseRecord>, StoreError> {
    let key = Dnr::parse(key)
        .map(|d| d.key())
        .unwrap_or_else(|_| key.trim().to_uppercase());
    let rows = query_rows(
        conn,
        &format!(
            "SELECT {CASE_COLUMNS} FROM cases c JOIN authorities a ON a.id = c.authority_id \
             WHERE a.slug = $1 AND c.dnr_key = $2"
        ),
        vec![authority.to_lowercase().into(), key.into()],
        "finding the case",
    )
    .await?;
    rows.first().map(case_from).transpose()
}

async fn documents_of(
    conn: &mut AnyConnection,
    case_id: i64,
) -> Result<Vec<DocumentRecord>, StoreError> {
    let rows = query_rows(
        conn,
        "SELECT d.id, d.title, d.direction, d.confidential, d.secrecy_ground, d.file_sha256, \
         d.registered_at, d.version, s.size, s.media_type, s.original_name FROM documents d \
         LEFT JOIN stored_files s ON s.sha256 = d.file_sha256 WHERE d.case_id = $1 ORDER BY d.id",
        vec![case_id.into()],
        "reading the case's documents",
    )
    .await?;
    rows.iter()
        .map(|r| {
            Ok(DocumentRecord {
                id: int(r, "id")?,
                title: text(r, "title")?,
                direction: opt_text(r, "direction")?,
                confidential: int(r, "confidential")? != 0,
                secrecy_ground: opt_text(r, "secrecy_ground")?,
                sha256: opt_text(r, "file_sha256")?,
                size: opt_int(r, "size")?,
                media_type: opt_text(r, "media_type")?,
                file_name: opt_text(r, "original_name")?,
                registered_at: text(r, "registered_at")?,
                version: int(r, "version")?,
            })
        })
        .collect()
}

/// What to look for in the diarium.
#[derive(Debug, Clone, Default)]
pub struct CaseQuery {
    /// Words of the title, or a Dnr (any spelling), or part of one.
    pub text: Option<String>,
    /// The handläggare (part of the name, any case).
    pub handler: Option<String>,
    /// `open` or `closed`.
    pub status: Option<String>,
    /// Registered on or after (`YYYY-MM-DD`); a case known only from imported minutes by its
    /// Dnr's year, the year it was registered in.
    pub from: Option<String>,
    /// Registered on or before (an imported case: by its Dnr's year).
    pub to: Option<String>,
    /// At most this many, newest first.
    pub limit: u32,
    /// Skipping this many.
    pub offset: u32,
}

impl Store {
    /// Searches an authority's diarium (for staff): by Dnr, title words, handläggare, status and
    /// registration date; newest first; with the number of matches.
    pub async fn search_cases(
        &self,
        authority: &str,
        query: &CaseQuery,
    ) -> Result<(Vec<CaseRecord>, i64), StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let mut clauses = vec!["a.slug = $1".to_string()];
        let mut binds: Vec<Val> = vec![authority.to_lowercase().into()];
        if let Some(text) = query
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            if let Ok(dnr) = Dnr::parse(text) {
                binds.push(dnr.key().into());
                clauses.push(format!("c.dnr_key = ${}", binds.len()));
            } else {
                // Each word must be in the title or the printed Dnr; folded in Rust (SQLite
                // folds only ASCII), compared on the lower-cased columns.
                for word in text.split_whitespace().take(8) {
                    let word: String = kansli_core::text::fold(word)
                        .chars()
                        .filter(|c| *c != '%' && *c != '_')
                        .collect();
                    if word.is_empty() {
                        continue;
                    }
                    binds.push(format!("%{word}%").into());
                    clauses.push(format!(
                        "(COALESCE(c.title_folded, LOWER(c.title)) LIKE ${n} \
                         OR LOWER(c.dnr_printed) LIKE ${n})",
                        n = binds.len()
                    ));
                }
            }
        }
        if let Some(h) = query
            .handler
            .as_deref()
            .map(str::trim)
            .filter(|h| !h.is_empty())
        {
            let h: String = h
                .to_lowercase()
                .chars()
                .filter(|c| *c != '%' && *c != '_')
                .collect();
            binds.push(format!("%{h}%").into());
            clauses.push(format!("LOWER(c.handler) LIKE ${}", binds.len()));
        }
        if let Some(s) = query
            .status
            .as_deref()
            .filter(|s| matches!(*s, "open" | "closed"))
        {
            binds.push(s.into());
            clauses.push(format!("c.status = ${}", binds.len()));
        }
        // Registered between two days. A case known only from imported minutes was registered
        // elsewhere on a day Kansli does not know, but in its Dnr's year (the year of a Dnr is
        // the year it was registered): it is compared by that year, never by its import time.
        let year_of = |day: &str| day.get(..4).and_then(|y| y.parse::<i64>().ok());
        if let Some(f) = query.from.as_deref().filter(|f| !f.is_empty()) {
            binds.push(f.into());
            binds.push(year_of(f).unwrap_or(0).into());
            clauses.push(format!(
                "((c.origin <> 'import' AND c.created_at >= ${}) \
                 OR (c.origin = 'import' AND c.year >= ${}))",
                binds.len() - 1,
                binds.len()
            ));
        }
        if let Some(t) = query.to.as_deref().filter(|t| !t.is_empty()) {
            binds.push(format!("{t}T23:59:59Z").into());
            binds.push(year_of(t).unwrap_or(i64::MAX).into());
            clauses.push(format!(
                "((c.origin <> 'import' AND c.created_at <= ${}) \
                 OR (c.origin = 'import' AND c.year <= ${}))",
                binds.len() - 1,
                binds.len()
            ));
        }
        let filter = clauses.join(" AND ");
        let total = query_rows(
            &mut conn,
            &format!(
                "SELECT COUNT(*) AS n FROM cases c JOIN authorities a ON a.id = c.authority_id \
                 WHERE {filter}"
            ),
            binds.clone(),
            "counting cases",
        )
        .await?;
        let total = int(&total[0], "n")?;
        let rows = query_rows(
            &mut conn,
            &format!(
                "SELECT {CASE_COLUMNS} FROM cases c JOIN authorities a ON a.id = c.authority_id \
                 WHERE {filter} ORDER BY c.year DESC, c.number DESC, c.id DESC LIMIT {} OFFSET {}",
                query.limit.clamp(1, 500),
                query.offset
            ),
            binds,
            "searching the diarium",
        )
        .await?;
        let cases = rows.iter().map(case_from).collect::<Result<_, _>>()?;
        Ok((cases, total))
    }
}

/// A meeting to plan.
#[derive(Debug, Clone)]
pub struct NewMeeting {
    /// The date.
    pub date: chrono::NaiveDate,
    /// `HH:MM`, Europe/Stockholm.
    pub start_time: Option<String>,
    /// `HH:MM`.
    pub end_time: Option<String>,
    /// Where (or "digitalt").
    pub place: Option<String>,
}

/// A change to a planned meeting: each field `None` to keep it, `Some(None)` to clear it.
#[derive(Debug, Clone, Default)]
pub struct MeetingChange {
    /// The version read.
    pub version: Option<i64>,
    /// `HH:MM`.
    pub start_time: Option<Option<String>>,
    /// `HH:MM`.
    pub end_time: Option<Option<String>>,
    /// Where.
    pub place: Option<Option<String>>,
    /// `planned` or `cancelled`.
    pub status: Option<String>,
}

/// A meeting of a body's year plan (or a held one), as the calendar shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedMeeting {
    /// The meeting's id (stable: the calendar's UID is made from it).
    pub id: i64,
    /// The authority's slug.
    pub authority: String,
    /// The body's slug.
    pub body: String,
    /// The body's name.
    pub body_name: String,
    /// The meeting's slug (its date, as in the archive).
    pub slug: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`, Europe/Stockholm.
    pub start_time: Option<String>,
    /// `HH:MM`.
    pub end_time: Option<String>,
    /// Where.
    pub place: Option<String>,
    /// `planned`, `held`, `cancelled`.
    pub status: String,
    /// Counts every change (the calendar's SEQUENCE).
    pub version: i64,
    /// When it was last changed (RFC 3339 UTC).
    pub updated_at: String,
}

fn planned_from(row: &AnyRow) -> Result<PlannedMeeting, StoreError> {
    Ok(PlannedMeeting {
        id: int(row, "id")?,
        authority: text(row, "a_slug")?,
        body: text(row, "b_slug")?,
        body_name: text(row, "b_name")?,
        slug: text(row, "slug")?,
        date: text(row, "meeting_date")?,
        start_time: opt_text(row, "start_time")?,
        end_time: opt_text(row, "end_time")?,
        place: opt_text(row, "place")?,
        status: text(row, "status")?,
        version: int(row, "version")?,
        updated_at: match opt_text(row, "updated_at")? {
            Some(t) => t,
            None => text(row, "created_at")?,
        },
    })
}

const PLANNED_COLUMNS: &str = "m.id, a.slug AS a_slug, b.slug AS b_slug, b.name AS b_name, m.slug, \
     m.meeting_date, m.start_time, m.end_time, m.place, m.status, m.version, m.updated_at, \
     m.created_at FROM meetings m JOIN bodies b ON b.id = m.body_id \
     JOIN authorities a ON a.id = b.authority_id";

impl Store {
    /// Plans a meeting of a body (its sammanträdesplan): date, times and place; `None` when
    /// there is no such body. A second meeting on the same date is refused. Audited.
    pub async fn plan_meeting(
        &self,
        actor: &Actor,
        authority: &str,
        body: &str,
        plan: &NewMeeting,
    ) -> Result<Option<PlannedMeeting>, StoreError> {
        let NewMeeting {
            date,
            start_time,
            end_time,
            place,
        } = plan;
        if let (Some(start), Some(end)) = (start_time, end_time)
            && end <= start
        {
            return Err(StoreError::Invalid(format!(
                "end_time: {end} is not after start_time {start}"
            )));
        }
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let Some((_, body_id)) = body_ids(&mut tx, authority, body).await? else {
            return Ok(None);
        };
        let slug = date.to_string();
        let taken = query_rows(
            &mut tx,
            "SELECT id FROM meetings WHERE body_id = $1 AND slug = $2",
            vec![body_id.into(), slug.as_str().into()],
            "checking the date",
        )
        .await?;
        if !taken.is_empty() {
            return Err(StoreError::Refused(format!(
                "the body already has a meeting on {slug}"
            )));
        }
        let rows = query_rows(
            &mut tx,
            "INSERT INTO meetings (body_id, slug, meeting_date, start_time, end_time, place, \
             status, created_at, version, updated_at) \
             VALUES ($1, $2, $2, $3, $4, $5, 'planned', $6, 1, $6) RETURNING id",
            vec![
                body_id.into(),
                slug.as_str().into(),
                start_time.clone().into(),
                end_time.clone().into(),
                place.clone().into(),
                now.as_str().into(),
            ],
            "planning the meeting",
        )
        .await?;
        let id = int(&rows[0], "id")?;
        let planned = query_rows(
            &mut tx,
            &format!("SELECT {PLANNED_COLUMNS} WHERE m.id = $1"),
            vec![id.into()],
            "reading the planned meeting",
        )
        .await?;
        let meeting = planned_from(&planned[0])?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "meeting.plan",
                entity: format!("meeting:{authority}/{body}/{slug}"),
                before: None,
                after: Some(serde_json::to_value(&meeting).unwrap_or_default()),
            },
        )
        .await?;
        // A planned meeting counts among the body's meetings, as an imported one does.
        crate::summaries::refresh(&mut Db::Any(&mut tx), &[(body_id, date.year())].into()).await?;
        tx.commit().await.db("committing the planned meeting")?;
        Ok(Some(meeting))
    }

    /// Changes a planned meeting's times and place, or cancels it (`cancelled`) or takes it
    /// back (`planned`): the version counts the change, so subscribed calendars update or
    /// remove the event. A held meeting is refused; a stale `version` too. Audited.
    pub async fn update_planned_meeting(
        &self,
        actor: &Actor,
        (authority, body, meeting): (&str, &str, &str),
        change: &MeetingChange,
    ) -> Result<Option<PlannedMeeting>, StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let Some((_, body_id)) = body_ids(&mut tx, authority, body).await? else {
            return Ok(None);
        };
        let rows = query_rows(
            &mut tx,
            &format!("SELECT {PLANNED_COLUMNS} WHERE m.body_id = $1 AND m.slug = $2"),
            vec![body_id.into(), meeting.to_lowercase().into()],
            "finding the meeting",
        )
        .await?;
        let Some(before) = rows.first().map(planned_from).transpose()? else {
            return Ok(None);
        };
        if let Some(v) = change.version
            && v != before.version
        {
            return Err(StoreError::Stale {
                what: format!("the meeting of {}", before.date),
                current: before.version,
            });
        }
        if before.status == "held" {
            return Err(StoreError::Refused(format!(
                "the meeting of {} is held: its minutes say when and where",
                before.date
            )));
        }
        let pick = |new: &Option<Option<String>>, old: &Option<String>| match new {
            Some(v) => v.clone(),
            None => old.clone(),
        };
        if let (Some(start), Some(end)) = (
            pick(&change.start_time, &before.start_time),
            pick(&change.end_time, &before.end_time),
        ) && end <= start
        {
            return Err(StoreError::Invalid(format!(
                "end_time: {end} is not after start_time {start}"
            )));
        }
        query_rows(
            &mut tx,
            "UPDATE meetings SET start_time = $1, end_time = $2, place = $3, status = $4, \
             version = version + 1, updated_at = $5 WHERE id = $6",
            vec![
                pick(&change.start_time, &before.start_time).into(),
                pick(&change.end_time, &before.end_time).into(),
                pick(&change.place, &before.place).into(),
                change
                    .status
                    .clone()
                    .unwrap_or(before.status.clone())
                    .into(),
                now.as_str().into(),
                before.id.into(),
            ],
            "changing the meeting",
        )
        .await?;
        let rows = query_rows(
            &mut tx,
            &format!("SELECT {PLANNED_COLUMNS} WHERE m.id = $1"),
            vec![before.id.into()],
            "reading the meeting",
        )
        .await?;
        let after = planned_from(&rows[0])?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: if after.status == "cancelled" && before.status != "cancelled" {
                    "meeting.cancel"
                } else {
                    "meeting.update"
                },
                entity: format!("meeting:{authority}/{body}/{}", after.slug),
                before: Some(serde_json::to_value(&before).unwrap_or_default()),
                after: Some(serde_json::to_value(&after).unwrap_or_default()),
            },
        )
        .await?;
        tx.commit().await.db("committing the meeting")?;
        Ok(Some(after))
    }

    /// Every meeting of a body, planned, held and cancelled, by date (for its calendar);
    /// `None` when there is no such body.
    pub async fn body_calendar(
        &self,
        authority: &str,
        body: &str,
    ) -> Result<Option<Vec<PlannedMeeting>>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let Some((_, body_id)) = body_ids(&mut conn, authority, body).await? else {
            return Ok(None);
        };
        let rows = query_rows(
            &mut conn,
            &format!("SELECT {PLANNED_COLUMNS} WHERE m.body_id = $1 ORDER BY m.meeting_date, m.id"),
            vec![body_id.into()],
            "reading the body's meetings",
        )
        .await?;
        rows.iter()
            .map(planned_from)
            .collect::<Result<_, _>>()
            .map(Some)
    }
}

/// Whether a createBody request says what a configured body already is: the same kind, seats,
/// body prepared for and cooperating authorities (names compared folded, in any order).
fn same_configuration(body: &BodyRecord, new: &NewBody) -> bool {
    let fold = kansli_core::text::fold;
    let mut had: Vec<String> = body.joint_for.iter().map(|n| fold(n.trim())).collect();
    let mut asked: Vec<String> = new.joint_for.iter().map(|n| fold(n.trim())).collect();
    had.sort();
    had.dedup();
    asked.sort();
    asked.dedup();
    body.kind == new.kind
        && body.seats == new.seats
        && body.prepares_for.as_deref().map(str::to_lowercase)
            == new.prepares_for.as_deref().map(str::to_lowercase)
        && had == asked
}
