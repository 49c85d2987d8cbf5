//! A meeting before it is held: the agenda (ärendelista) the secretary builds from open cases,
//! the kallelse that lays it before the members, their förhinder and the substitutes called in,
//! members' private notes on documents, and the outbox the kallelse is mailed from.
//!
//! Agenda items are rows of `agenda_items`, the table imported ärendelistor fill: a recorded
//! item has a `kind` (`case`, `information`, `standing`), an imported one none. Every change
//! to a meeting's agenda bumps its `agenda_version` (a write names the version it read) and
//! writes an audit event in the same transaction.
//!
//! Who may read a document: staff always; a member of a body when the document is beslutsunderlag
//! of an item on an issued kallelse of that body ([`Store::document_bodies`]); the public only
//! non-confidential documents of an issued kallelse ([`Store::public_kallelse`]).

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;
use sqlx::AnyConnection;

use crate::accounts::{Actor, Change, write_audit};
use crate::conn::Db;
use crate::error::DbContext;
use crate::sql::{int, opt_int, opt_text, query_rows, text};
use crate::{Store, StoreError};

/// What an agenda item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AgendaKind {
    /// A case (ärende) to decide, with its Dnr.
    Case,
    /// An information item (informationsärende): nothing to decide.
    Information,
    /// A standing item every meeting has (val av justerare, godkännande av dagordning).
    Standing,
}

impl AgendaKind {
    /// As stored and in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            AgendaKind::Case => "case",
            AgendaKind::Information => "information",
            AgendaKind::Standing => "standing",
        }
    }

    fn from_stored(s: Option<&str>) -> AgendaKind {
        match s {
            Some("information") => AgendaKind::Information,
            Some("standing") => AgendaKind::Standing,
            _ => AgendaKind::Case,
        }
    }
}

/// The beredning's paragraph an item was prepared in: the beredning's meeting (its slug, the
/// date) and the paragraph number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedIn {
    /// The beredning meeting's slug (`2025-03-06`).
    pub meeting: String,
    /// The paragraph number there.
    pub paragraph: i64,
}

/// An agenda item to add.
#[derive(Debug, Clone)]
pub struct NewAgendaItem {
    /// Case, information or standing.
    pub kind: AgendaKind,
    /// The case's Dnr (any spelling) or key; required for [`AgendaKind::Case`].
    pub case: Option<String>,
    /// The title; the case's title when empty.
    pub title: Option<String>,
    /// Förslag till beslut; carried from the beredning's decision when empty.
    pub proposal: Option<String>,
    /// The föredragande.
    pub presenter: Option<String>,
    /// Ids of the case's documents laid before the body.
    pub documents: Vec<i64>,
    /// Where a beredning prepared it.
    pub prepared_in: Option<PreparedIn>,
}

/// A document laid before the body with an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaDocument {
    /// The document's id.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Whether it is secret (sekretess).
    pub confidential: bool,
    /// The legal ground of the secrecy.
    pub secrecy_ground: Option<String>,
    /// The media type.
    pub media_type: Option<String>,
    /// The size in bytes.
    pub size: Option<i64>,
}

/// The beredning's paragraph, as shown ("Kommunchefsberedningens sammanträde 2025-03-06 § 4").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreparedLink {
    /// The beredning's slug.
    pub body: String,
    /// The beredning meeting's slug.
    pub meeting: String,
    /// The paragraph number.
    pub paragraph: i64,
    /// The reference as printed.
    pub text: String,
}

/// An agenda item as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaItemRecord {
    /// The item's id.
    pub id: i64,
    /// Its place in the agenda, from 1.
    pub position: i64,
    /// What it is.
    pub kind: AgendaKind,
    /// The Dnr as printed.
    pub dnr: Option<String>,
    /// The case's key (for links).
    pub case_key: Option<String>,
    /// The title.
    pub title: String,
    /// Förslag till beslut.
    pub proposal: Option<String>,
    /// The föredragande.
    pub presenter: Option<String>,
    /// The beslutsunderlag.
    pub documents: Vec<AgendaDocument>,
    /// The beredning's paragraph.
    pub prepared_in: Option<PreparedLink>,
}

/// A meeting with its agenda, as the secretary and the members see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingAgenda {
    /// The meeting's id.
    pub meeting_id: i64,
    /// The authority's slug.
    pub authority: String,
    /// The authority's name.
    pub authority_name: String,
    /// The body's slug.
    pub body: String,
    /// The body's name.
    pub body_name: String,
    /// The meeting's slug.
    pub slug: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`.
    pub start_time: Option<String>,
    /// `HH:MM`.
    pub end_time: Option<String>,
    /// Where.
    pub place: Option<String>,
    /// `planned`, `held`, `cancelled`.
    pub status: String,
    /// Counts changes to the agenda.
    pub version: i64,
    /// When the kallelse was issued (RFC 3339 UTC).
    pub kallelse_issued_at: Option<String>,
    /// The items in order.
    pub items: Vec<AgendaItemRecord>,
}

/// A seat of a body on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Seat {
    /// The seat's id (addMember's).
    pub id: i64,
    /// The person's name.
    pub name: String,
    /// `chair`, `vice_chair`, `member`, `substitute`, `observer`.
    pub role: String,
    /// The party.
    pub party: Option<String>,
    /// The kommun or group represented.
    pub represents: Option<String>,
    /// The order substitutes are called in.
    pub substitute_order: Option<i64>,
    /// The person's e-mail, linking the seat to an account.
    pub email: Option<String>,
}

/// A förhinder reported for a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Absence {
    /// The absent seat.
    pub member: Seat,
    /// The substitute called in, or none left to call.
    pub substitute: Option<Seat>,
    /// When reported.
    pub reported_at: String,
    /// Who reported it.
    pub reported_by: String,
}

/// What the public sees of an issued kallelse (8 kap. 8 § KL: time, place, ärenden): items
/// with their non-confidential documents only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicKallelse {
    /// The meeting and its agenda, confidential documents removed.
    pub agenda: MeetingAgenda,
}

/// A mail waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    /// The row's id.
    pub id: i64,
    /// The recipient's address.
    pub recipient: String,
    /// The subject.
    pub subject: String,
    /// The plain-text body.
    pub body: String,
}

/// The text of the kallelse mail, chosen by the caller (the server knows the site's address).
pub type KallelseMail = dyn Fn(&MeetingAgenda) -> (String, String) + Send + Sync;

async fn meeting_row(
    conn: &mut AnyConnection,
    authority: &str,
    body: &str,
    meeting: &str,
) -> Result<Option<MeetingAgenda>, StoreError> {
    let rows = query_rows(
        conn,
        "SELECT m.id, a.slug AS a_slug, a.name AS a_name, b.slug AS b_slug, b.name AS b_name, \
         m.slug, m.meeting_date, m.start_time, m.end_time, m.place, m.status, m.agenda_version, \
         m.kallelse_issued_at FROM meetings m JOIN bodies b ON b.id = m.body_id \
         JOIN authorities a ON a.id = b.authority_id \
         WHERE a.slug = $1 AND b.slug = $2 AND m.slug = $3",
        vec![
            authority.to_lowercase().into(),
            body.to_lowercase().into(),
            meeting.to_lowercase().into(),
        ],
        "finding the meeting",
    )
    .await?;
    let Some(r) = rows.first() else {
        return Ok(None);
    };
    Ok(Some(MeetingAgenda {
        meeting_id: int(r, "id")?,
        authority: text(r, "a_slug")?,
        authority_name: text(r, "a_name")?,
        body: text(r, "b_slug")?,
        body_name: text(r, "b_name")?,
        slug: text(r, "slug")?,
        date: text(r, "meeting_date")?,
        start_time: opt_text(r, "start_time")?,
        end_time: opt_text(r, "end_time")?,
        place: opt_text(r, "place")?,
        status: text(r, "status")?,
        version: int(r, "agenda_version")?,
        kallelse_issued_at: opt_text(r, "kallelse_issued_at")?,
        items: Vec::new(),
    }))
}

async fn items_of(
    conn: &mut AnyConnection,
    meeting_id: i64,
) -> Result<Vec<AgendaItemRecord>, StoreError> {
    let rows = query_rows(
        conn,
        "SELECT i.id, i.position, i.kind, i.dnr_printed, c.dnr_key, i.title, i.proposal, \
         i.presenter, i.prepared_in_text, i.prepared_in_number, pm.slug AS p_slug, \
         pb.slug AS p_body FROM agenda_items i LEFT JOIN cases c ON c.id = i.case_id \
         LEFT JOIN meetings pm ON pm.id = i.prepared_in_meeting_id \
         LEFT JOIN bodies pb ON pb.id = pm.body_id \
         WHERE i.meeting_id = $1 ORDER BY i.position",
        vec![meeting_id.into()],
        "reading the agenda",
    )
    .await?;
    let docs = query_rows(
        conn,
        "SELECT x.agenda_item_id, d.id, d.title, d.confidential, d.secrecy_ground, \
         s.media_type, s.size FROM agenda_item_documents x \
         JOIN agenda_items i ON i.id = x.agenda_item_id JOIN documents d ON d.id = x.document_id \
         LEFT JOIN stored_files s ON s.sha256 = d.file_sha256 \
         WHERE i.meeting_id = $1 ORDER BY x.agenda_item_id, x.position",
        vec![meeting_id.into()],
        "reading the agenda's documents",
    )
    .await?;
    let mut items = Vec::with_capacity(rows.len());
    for r in &rows {
        let id = int(r, "id")?;
        let mut documents = Vec::new();
        for d in docs.iter() {
            if int(d, "agenda_item_id")? == id {
                documents.push(AgendaDocument {
                    id: int(d, "id")?,
                    title: text(d, "title")?,
                    confidential: int(d, "confidential")? != 0,
                    secrecy_ground: opt_text(d, "secrecy_ground")?,
                    media_type: opt_text(d, "media_type")?,
                    size: opt_int(d, "size")?,
                });
            }
        }
        let prepared_in = match (
            opt_text(r, "prepared_in_text")?,
            opt_text(r, "p_body")?,
            opt_text(r, "p_slug")?,
            opt_int(r, "prepared_in_number")?,
        ) {
            (Some(text), Some(body), Some(meeting), Some(paragraph)) => Some(PreparedLink {
                body,
                meeting,
                paragraph,
                text,
            }),
            _ => None,
        };
        items.push(AgendaItemRecord {
            id,
            position: int(r, "position")?,
            kind: AgendaKind::from_stored(opt_text(r, "kind")?.as_deref()),
            dnr: opt_text(r, "dnr_printed")?,
            case_key: opt_text(r, "dnr_key")?,
            title: text(r, "title")?,
            proposal: opt_text(r, "proposal")?,
            presenter: opt_text(r, "presenter")?,
            documents,
            prepared_in,
        });
    }
    Ok(items)
}

/// Checks the version a write read, then bumps it.
async fn bump_version(
    conn: &mut AnyConnection,
    meeting: &MeetingAgenda,
    version: Option<i64>,
) -> Result<i64, StoreError> {
    if let Some(v) = version
        && v != meeting.version
    {
        return Err(StoreError::Stale {
            what: format!("the agenda of {} {}", meeting.body_name, meeting.date),
            current: meeting.version,
        });
    }
    // A changed agenda is not the one the kallelse laid before the members and the public:
    // the kallelse is withdrawn until the secretary issues it again.
    query_rows(
        conn,
        "UPDATE meetings SET agenda_version = agenda_version + 1, kallelse_issued_at = NULL \
         WHERE id = $1",
        vec![meeting.meeting_id.into()],
        "counting the agenda's change",
    )
    .await?;
    Ok(meeting.version + 1)
}

fn editable(meeting: &MeetingAgenda) -> Result<(), StoreError> {
    if meeting.status != "planned" {
        return Err(StoreError::Refused(format!(
            "the meeting of {} is {}: its agenda can no longer change",
            meeting.date, meeting.status
        )));
    }
    Ok(())
}

fn clean(text: Option<&str>, max: usize) -> Option<String> {
    text.map(|t| t.trim().chars().take(max).collect::<String>())
        .filter(|t| !t.is_empty())
}

fn agenda_json(items: &[AgendaItemRecord]) -> serde_json::Value {
    json!(
        items
            .iter()
            .map(
                |i| json!({"position": i.position, "kind": i.kind, "dnr": i.dnr, "title": i.title})
            )
            .collect::<Vec<_>>()
    )
}

impl Store {
    /// A meeting with its agenda; `None` when there is no such meeting.
    pub async fn meeting_agenda(
        &self,
        authority: &str,
        body: &str,
        meeting: &str,
    ) -> Result<Option<MeetingAgenda>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let Some(mut m) = meeting_row(&mut conn, authority, body, meeting).await? else {
            return Ok(None);
        };
        m.items = items_of(&mut conn, m.meeting_id).await?;
        Ok(Some(m))
    }

    /// Adds an item at the end of a planned meeting's agenda. A case item names an open or
    /// closed case of the authority; its documents must be the case's; a beredning link must
    /// name a paragraph of a body that prepares for this one, whose decision becomes the
    /// proposal when none is given. `None` when there is no such meeting; [`StoreError::Invalid`]
    /// for what does not fit, [`StoreError::Stale`] for a stale version. Audited.
    pub async fn add_agenda_item(
        &self,
        actor: &Actor,
        authority: &str,
        body: &str,
        meeting: &str,
        version: Option<i64>,
        new: &NewAgendaItem,
    ) -> Result<Option<(AgendaItemRecord, i64)>, StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let Some(m) = meeting_row(&mut tx, authority, body, meeting).await? else {
            return Ok(None);
        };
        editable(&m)?;
        let version = bump_version(&mut tx, &m, version).await?;
        let case = match new.case.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            Some(c) => Some(
                crate::diarium::find_case_in(&mut tx, authority, c)
                    .await?
                    .ok_or_else(|| {
                        StoreError::Invalid(format!(
                            "case: no case {c} in the diarium of {authority}"
                        ))
                    })?,
            ),
            None if new.kind == AgendaKind::Case => {
                return Err(StoreError::Invalid(
                    "case: a case item needs the case's Dnr".into(),
                ));
            }
            None => None,
        };
        let mut title = clean(new.title.as_deref(), 500)
            .or_else(|| case.as_ref().map(|c| c.title.clone()))
            .ok_or_else(|| StoreError::Invalid("title: an item needs a title".into()))?;
        title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut proposal = clean(new.proposal.as_deref(), 20_000);
        let mut prepared: Option<(i64, i64, String)> = None;
        if let Some(p) = &new.prepared_in {
            let rows = query_rows(
                &mut tx,
                "SELECT pm.id AS meeting_id, pb.name, pm.meeting_date, p.decision, p.case_id \
                 FROM meetings pm JOIN bodies pb ON pb.id = pm.body_id \
                 JOIN bodies target ON target.id = pb.parent_body_id \
                 JOIN meetings here ON here.body_id = target.id AND here.id = $1 \
                 JOIN minutes mi ON mi.meeting_id = pm.id \
                 JOIN paragraphs p ON p.minutes_id = mi.id AND p.number = $3 \
                 WHERE pm.slug = $2 ORDER BY p.position LIMIT 1",
                vec![
                    m.meeting_id.into(),
                    p.meeting.trim().to_lowercase().into(),
                    p.paragraph.into(),
                ],
                "finding the beredning's paragraph",
            )
            .await?;
            let row = rows.first().ok_or_else(|| {
                StoreError::Invalid(format!(
                    "prepared_in: no § {} of a meeting {} of a body that prepares for {}",
                    p.paragraph, p.meeting, m.body_name
                ))
            })?;
            if let (Some(case), Some(their)) = (&case, opt_int(row, "case_id")?)
                && case.id != their
            {
                return Err(StoreError::Invalid(format!(
                    "prepared_in: § {} of {} is another case than {}",
                    p.paragraph, p.meeting, case.dnr
                )));
            }
            let name = text(row, "name")?;
            let date = text(row, "meeting_date")?;
            if proposal.is_none() {
                proposal = clean(opt_text(row, "decision")?.as_deref(), 20_000);
            }
            prepared = Some((
                int(row, "meeting_id")?,
                p.paragraph,
                format!(
                    "{} sammanträde {date} § {}",
                    kansli_core::text::genitive(&name),
                    p.paragraph
                ),
            ));
        }
        for id in &new.documents {
            let ok = match &case {
                Some(c) => !query_rows(
                    &mut tx,
                    "SELECT id FROM documents WHERE id = $1 AND case_id = $2",
                    vec![(*id).into(), c.id.into()],
                    "checking a document",
                )
                .await?
                .is_empty(),
                None => false,
            };
            if !ok {
                return Err(StoreError::Invalid(format!(
                    "documents: {id} is not a document of the item's case"
                )));
            }
        }
        let next = query_rows(
            &mut tx,
            "SELECT COALESCE(MAX(position), 0) + 1 AS next FROM agenda_items WHERE meeting_id = $1",
            vec![m.meeting_id.into()],
            "numbering the item",
        )
        .await?;
        let position = int(&next[0], "next")?;
        let rows = query_rows(
            &mut tx,
            "INSERT INTO agenda_items (meeting_id, position, case_id, dnr_printed, title, kind, \
             proposal, presenter, prepared_in_meeting_id, prepared_in_number, prepared_in_text) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
            vec![
                m.meeting_id.into(),
                position.into(),
                case.as_ref().map(|c| c.id).into(),
                case.as_ref().map(|c| c.dnr.clone()).into(),
                title.as_str().into(),
                new.kind.as_str().into(),
                proposal.clone().into(),
                clean(new.presenter.as_deref(), 200).into(),
                prepared.as_ref().map(|p| p.0).into(),
                prepared.as_ref().map(|p| p.1).into(),
                prepared.as_ref().map(|p| p.2.clone()).into(),
            ],
            "adding the agenda item",
        )
        .await?;
        let id = int(&rows[0], "id")?;
        let mut seen = std::collections::HashSet::new();
        for (n, doc) in new
            .documents
            .iter()
            .filter(|d| seen.insert(**d))
            .enumerate()
        {
            query_rows(
                &mut tx,
                "INSERT INTO agenda_item_documents (agenda_item_id, document_id, position) \
                 VALUES ($1, $2, $3)",
                vec![id.into(), (*doc).into(), (n as i64).into()],
                "laying a document before the body",
            )
            .await?;
        }
        let items = items_of(&mut tx, m.meeting_id).await?;
        let item = items
            .iter()
            .find(|i| i.id == id)
            .cloned()
            .ok_or_else(|| StoreError::Corrupt(format!("agenda item {id} vanished")))?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "agenda.add",
                entity: format!("meeting:{}/{}/{}", m.authority, m.body, m.slug),
                before: Some(agenda_json(&items[..items.len().saturating_sub(1)])),
                after: Some(json!({"item": item, "agenda": agenda_json(&items)})),
            },
        )
        .await?;
        tx.commit().await.db("committing the agenda item")?;
        Ok(Some((item, version)))
    }

    /// Moves an item to another place (1 = first); the others close up. Audited.
    pub async fn move_agenda_item(
        &self,
        actor: &Actor,
        (authority, body, meeting): (&str, &str, &str),
        item: i64,
        to: i64,
        version: Option<i64>,
    ) -> Result<Option<(Vec<AgendaItemRecord>, i64)>, StoreError> {
        self.rearrange(actor, (authority, body, meeting), item, Some(to), version)
            .await
    }

    /// Removes an item from the agenda; the others close up. Audited.
    pub async fn remove_agenda_item(
        &self,
        actor: &Actor,
        (authority, body, meeting): (&str, &str, &str),
        item: i64,
        version: Option<i64>,
    ) -> Result<Option<(Vec<AgendaItemRecord>, i64)>, StoreError> {
        self.rearrange(actor, (authority, body, meeting), item, None, version)
            .await
    }

    async fn rearrange(
        &self,
        actor: &Actor,
        (authority, body, meeting): (&str, &str, &str),
        item: i64,
        to: Option<i64>,
        version: Option<i64>,
    ) -> Result<Option<(Vec<AgendaItemRecord>, i64)>, StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let Some(m) = meeting_row(&mut tx, authority, body, meeting).await? else {
            return Ok(None);
        };
        editable(&m)?;
        let before = items_of(&mut tx, m.meeting_id).await?;
        if !before.iter().any(|i| i.id == item) {
            return Ok(None);
        }
        let version = bump_version(&mut tx, &m, version).await?;
        let mut order: Vec<i64> = before.iter().map(|i| i.id).filter(|i| *i != item).collect();
        if let Some(to) = to {
            let at = usize::try_from(to.max(1) - 1).unwrap_or(0).min(order.len());
            order.insert(at, item);
        } else {
            query_rows(
                &mut tx,
                "DELETE FROM agenda_items WHERE id = $1",
                vec![item.into()],
                "removing the agenda item",
            )
            .await?;
        }
        // Two passes, so UNIQUE (meeting_id, position) never sees two items in one place.
        for (n, id) in order.iter().enumerate() {
            query_rows(
                &mut tx,
                "UPDATE agenda_items SET position = $1 WHERE id = $2",
                vec![(-(n as i64) - 1).into(), (*id).into()],
                "reordering the agenda",
            )
            .await?;
        }
        for (n, id) in order.iter().enumerate() {
            query_rows(
                &mut tx,
                "UPDATE agenda_items SET position = $1 WHERE id = $2",
                vec![(n as i64 + 1).into(), (*id).into()],
                "reordering the agenda",
            )
            .await?;
        }
        let after = items_of(&mut tx, m.meeting_id).await?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: if to.is_some() {
                    "agenda.move"
                } else {
                    "agenda.remove"
                },
                entity: format!("meeting:{}/{}/{}", m.authority, m.body, m.slug),
                before: Some(agenda_json(&before)),
                after: Some(agenda_json(&after)),
            },
        )
        .await?;
        tx.commit().await.db("committing the agenda")?;
        Ok(Some((after, version)))
    }

    /// Issues the kallelse of a planned meeting with an agenda: records when, and puts one
    /// mail per member of the body in the outbox (the people holding a seat on the meeting's
    /// date with an e-mail, and the accounts holding the member role for the body). Issued
    /// already, it changes nothing and mails no one (`(issued_at, 0)`); issued again after a
    /// change of the agenda withdrew it, it records the new time and mails again. Audited.
    pub async fn issue_kallelse(
        &self,
        actor: &Actor,
        (authority, body, meeting): (&str, &str, &str),
        version: Option<i64>,
        mail: &KallelseMail,
    ) -> Result<Option<(String, usize)>, StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let Some(mut m) = meeting_row(&mut tx, authority, body, meeting).await? else {
            return Ok(None);
        };
        editable(&m)?;
        if let Some(v) = version
            && v != m.version
        {
            return Err(StoreError::Stale {
                what: format!("the agenda of {} {}", m.body_name, m.date),
                current: m.version,
            });
        }
        // Issued already, and not withdrawn by a change of the agenda since: the same kallelse,
        // not a second mail to every member.
        if let Some(issued) = m.kallelse_issued_at.clone() {
            return Ok(Some((issued, 0)));
        }
        m.items = items_of(&mut tx, m.meeting_id).await?;
        if m.items.is_empty() {
            return Err(StoreError::Invalid(
                "the agenda is empty: add its items before the kallelse is issued".into(),
            ));
        }
        // A kallelse calls the members to a time and place still to come (KL 5 kap. 11 §;
        // for nämnder the reglemente, in the same words).
        let today = kansli_core::law::checks::swedish_local_date((self.clock)());
        if m.date < today.to_string() {
            return Err(StoreError::Invalid(format!(
                "the meeting was on {}: a kallelse is issued before the meeting",
                m.date
            )));
        }
        if m.place.as_deref().is_none_or(|p| p.trim().is_empty()) {
            return Err(StoreError::Invalid(
                "place: the meeting has no place; a kallelse states where the meeting is held: plan its place first".into(),
            ));
        }
        query_rows(
            &mut tx,
            "UPDATE meetings SET kallelse_issued_at = $1 WHERE id = $2",
            vec![now.as_str().into(), m.meeting_id.into()],
            "issuing the kallelse",
        )
        .await?;
        m.kallelse_issued_at = Some(now.clone());
        let recipients = query_rows(
            &mut tx,
            "SELECT DISTINCT LOWER(p.email) AS email FROM members s \
             JOIN persons p ON p.id = s.person_id \
             WHERE s.body_id = (SELECT body_id FROM meetings WHERE id = $1) \
             AND p.email IS NOT NULL AND (s.term_start IS NULL OR s.term_start <= $2) \
             AND (s.term_end IS NULL OR s.term_end >= $2) \
             UNION SELECT LOWER(u.email) AS email FROM users u \
             JOIN user_roles r ON r.user_id = u.id \
             JOIN bodies b ON b.id = r.body_id AND b.id = (SELECT body_id FROM meetings WHERE id = $1) \
             WHERE r.role = 'member' AND u.disabled = 0",
            vec![m.meeting_id.into(), m.date.as_str().into()],
            "finding the members to call",
        )
        .await?;
        let (subject, body_text) = mail(&m);
        let mut sent = 0;
        for r in &recipients {
            let to = text(r, "email")?;
            query_rows(
                &mut tx,
                "INSERT INTO mail_outbox (recipient, subject, body, created_at) \
                 VALUES ($1, $2, $3, $4)",
                vec![
                    to.into(),
                    subject.as_str().into(),
                    body_text.as_str().into(),
                    now.as_str().into(),
                ],
                "putting the kallelse in the outbox",
            )
            .await?;
            sent += 1;
        }
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "kallelse.issue",
                entity: format!("meeting:{}/{}/{}", m.authority, m.body, m.slug),
                before: None,
                after: Some(json!({"issued_at": now, "agenda": agenda_json(&m.items),
                    "mails": sent})),
            },
        )
        .await?;
        tx.commit().await.db("committing the kallelse")?;
        Ok(Some((now, sent)))
    }

    /// The seats of a body on a date (terms that include it), chair first, substitutes in
    /// their order.
    pub async fn body_seats(
        &self,
        authority: &str,
        body: &str,
        on: NaiveDate,
    ) -> Result<Vec<Seat>, StoreError> {
        let mut reader = self.reader().await?;
        seats_on(&mut reader.db(), authority, body, &on.to_string()).await
    }

    /// Records a seat's förhinder for a meeting and calls in the next substitute in the
    /// serving order who is neither absent nor already called: one representing the same
    /// kommun when the seats say whom they represent (a kommunalförbund), else one of the same
    /// party, and then, for party seats only, any substitute in order (the usual reglemente).
    /// Reporting again returns the substitute already called. `None` when there is no such
    /// meeting or seat. Audited.
    pub async fn report_absence(
        &self,
        actor: &Actor,
        (authority, body, meeting): (&str, &str, &str),
        member: i64,
    ) -> Result<Option<Absence>, StoreError> {
        let now = self.now();
        let mut tx = self.begin_write().await?;
        let Some(m) = meeting_row(&mut tx, authority, body, meeting).await? else {
            return Ok(None);
        };
        editable(&m)?;
        let seats = seats_on(&mut Db::Any(&mut tx), authority, body, &m.date).await?;
        let Some(absent) = seats.iter().find(|s| s.id == member).cloned() else {
            return Ok(None);
        };
        let taken = query_rows(
            &mut tx,
            "SELECT member_id, substitute_member_id, reported_at, reported_by FROM absences \
             WHERE meeting_id = $1",
            vec![m.meeting_id.into()],
            "reading the förhinder",
        )
        .await?;
        let mut unavailable = std::collections::HashSet::new();
        for r in &taken {
            unavailable.insert(int(r, "member_id")?);
            if let Some(s) = opt_int(r, "substitute_member_id")? {
                unavailable.insert(s);
            }
            if int(r, "member_id")? == member {
                let substitute = opt_int(r, "substitute_member_id")?
                    .and_then(|s| seats.iter().find(|x| x.id == s).cloned());
                return Ok(Some(Absence {
                    member: absent,
                    substitute,
                    reported_at: text(r, "reported_at")?,
                    reported_by: text(r, "reported_by")?,
                }));
            }
        }
        // A substitute who is absent cannot be called; a called substitute who reports
        // förhinder frees the seat they served for, which is then called again below.
        let substitutes: Vec<&Seat> = seats
            .iter()
            .filter(|s| s.role == "substitute" && !unavailable.contains(&s.id))
            .collect();
        let fits = |s: &&&Seat| match (&absent.represents, &absent.party) {
            (Some(r), _) => s.represents.as_deref() == Some(r.as_str()),
            (None, Some(p)) => s.party.as_deref() == Some(p.as_str()),
            (None, None) => true,
        };
        let substitute = if absent.role == "substitute" || absent.role == "observer" {
            None
        } else {
            substitutes
                .iter()
                .find(fits)
                .or_else(|| {
                    absent
                        .represents
                        .is_none()
                        .then(|| substitutes.first())
                        .flatten()
                })
                .map(|s| (*s).clone())
        };
        query_rows(
            &mut tx,
            "INSERT INTO absences (meeting_id, member_id, substitute_member_id, reported_at, \
             reported_by) VALUES ($1, $2, $3, $4, $5)",
            vec![
                m.meeting_id.into(),
                member.into(),
                substitute.as_ref().map(|s| s.id).into(),
                now.as_str().into(),
                actor.label.as_str().into(),
            ],
            "recording the förhinder",
        )
        .await?;
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "absence.report",
                entity: format!("meeting:{}/{}/{}", m.authority, m.body, m.slug),
                before: None,
                after: Some(json!({"member": absent.name, "seat": absent.id,
                    "called": substitute.as_ref().map(|s| s.name.clone())})),
            },
        )
        .await?;
        tx.commit().await.db("committing the förhinder")?;
        Ok(Some(Absence {
            member: absent,
            substitute,
            reported_at: now,
            reported_by: actor.label.clone(),
        }))
    }

    /// A body's number of seats (ledamöter) for beslutförhet on a date: the number the
    /// registry gives the body, else the ordinary seats (chair, vice chair, members) held on
    /// that date; `None` when the registry knows neither (never guessed from minutes).
    pub async fn seat_count(
        &self,
        authority: &str,
        body: &str,
        on: NaiveDate,
    ) -> Result<Option<u32>, StoreError> {
        // Through a reading connection, in one statement: the public meeting pages ask this
        // on every first visit (one round trip on PostgreSQL, where it was two). The ordinary
        // seats are counted as `seats_on` selects them (a term open at either end).
        let mut reader = self.reader().await?;
        let mut conn = reader.db();
        let rows = conn
            .rows(
                "SELECT b.seats, (SELECT COUNT(*) FROM members s WHERE s.body_id = b.id \
                 AND s.role IN ('chair', 'vice_chair', 'member') \
                 AND (s.term_start IS NULL OR s.term_start <= $3) \
                 AND (s.term_end IS NULL OR s.term_end >= $3)) AS ordinary \
                 FROM bodies b JOIN authorities a ON a.id = b.authority_id \
                 WHERE a.slug = $1 AND b.slug = $2",
                vec![
                    authority.to_lowercase().into(),
                    body.to_lowercase().into(),
                    on.to_string().into(),
                ],
                "reading the body's seats",
            )
            .await?;
        let Some(row) = rows.first() else {
            return Ok(None);
        };
        let count = match opt_int(row, "seats")? {
            Some(registry) if registry > 0 => registry,
            _ => int(row, "ordinary")?,
        };
        Ok((count > 0).then(|| u32::try_from(count).unwrap_or(u32::MAX)))
    }

    /// The slugs of the bodies that prepare for a body (its beredningar).
    pub async fn preparing_bodies(
        &self,
        authority: &str,
        body: &str,
    ) -> Result<Vec<String>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT p.slug FROM bodies p JOIN bodies b ON b.id = p.parent_body_id \
             JOIN authorities a ON a.id = b.authority_id WHERE a.slug = $1 AND b.slug = $2 \
             ORDER BY p.slug",
            vec![authority.to_lowercase().into(), body.to_lowercase().into()],
            "finding the body's beredningar",
        )
        .await?;
        rows.iter().map(|r| text(r, "slug")).collect()
    }

    /// The förhinder reported for a meeting, with the substitutes called.
    pub async fn absences(
        &self,
        authority: &str,
        body: &str,
        meeting: &str,
    ) -> Result<Vec<Absence>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let Some(m) = meeting_row(&mut conn, authority, body, meeting).await? else {
            return Ok(Vec::new());
        };
        let seats = seats_on(&mut Db::Any(&mut conn), authority, body, &m.date).await?;
        let rows = query_rows(
            &mut conn,
            "SELECT member_id, substitute_member_id, reported_at, reported_by FROM absences \
             WHERE meeting_id = $1 ORDER BY reported_at, member_id",
            vec![m.meeting_id.into()],
            "reading the förhinder",
        )
        .await?;
        let mut out = Vec::new();
        for r in &rows {
            let Some(member) = seats
                .iter()
                .find(|s| s.id == int(r, "member_id").unwrap_or(0))
            else {
                continue;
            };
            let substitute = opt_int(r, "substitute_member_id")?
                .and_then(|s| seats.iter().find(|x| x.id == s).cloned());
            out.push(Absence {
                member: member.clone(),
                substitute,
                reported_at: text(r, "reported_at")?,
                reported_by: text(r, "reported_by")?,
            });
        }
        Ok(out)
    }

    /// The bodies (authority and body slugs) on whose issued kallelse a document lies: the
    /// members of those bodies may read it.
    pub async fn document_bodies(
        &self,
        document: i64,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT DISTINCT a.slug AS a_slug, b.slug AS b_slug FROM agenda_item_documents x \
             JOIN agenda_items i ON i.id = x.agenda_item_id JOIN meetings m ON m.id = i.meeting_id \
             JOIN bodies b ON b.id = m.body_id JOIN authorities a ON a.id = b.authority_id \
             WHERE x.document_id = $1 AND m.kallelse_issued_at IS NOT NULL",
            vec![document.into()],
            "finding the kallelser a document is on",
        )
        .await?;
        rows.iter()
            .map(|r| Ok((text(r, "a_slug")?, text(r, "b_slug")?)))
            .collect()
    }

    /// The public kallelse of a meeting whose kallelse is issued: the agenda without
    /// confidential documents and without the items' proposals' secrecy (proposals are public
    /// beslutsförslag). `None` when the meeting does not exist or its kallelse is not issued.
    pub async fn public_kallelse(
        &self,
        authority: &str,
        body: &str,
        meeting: &str,
    ) -> Result<Option<PublicKallelse>, StoreError> {
        let Some(mut agenda) = self.meeting_agenda(authority, body, meeting).await? else {
            return Ok(None);
        };
        if agenda.kallelse_issued_at.is_none() {
            return Ok(None);
        }
        for item in &mut agenda.items {
            item.documents.retain(|d| !d.confidential);
        }
        Ok(Some(PublicKallelse { agenda }))
    }

    /// Whether a document is a non-confidential document of an issued kallelse (and so public).
    pub async fn document_is_public(&self, document: i64) -> Result<bool, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT d.id FROM documents d JOIN agenda_item_documents x ON x.document_id = d.id \
             JOIN agenda_items i ON i.id = x.agenda_item_id JOIN meetings m ON m.id = i.meeting_id \
             WHERE d.id = $1 AND d.confidential = 0 AND m.kallelse_issued_at IS NOT NULL",
            vec![document.into()],
            "checking whether a document is public",
        )
        .await?;
        Ok(!rows.is_empty())
    }

    /// A member's own note on a document (empty when none).
    pub async fn document_note(&self, user: i64, document: i64) -> Result<String, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT note FROM document_notes WHERE user_id = $1 AND document_id = $2",
            vec![user.into(), document.into()],
            "reading the note",
        )
        .await?;
        rows.first()
            .map(|r| text(r, "note"))
            .transpose()
            .map(Option::unwrap_or_default)
    }

    /// Keeps (or, when empty, deletes) a member's own note on a document. Private: only the
    /// note's length goes to the audit log, never its text.
    pub async fn set_document_note(
        &self,
        actor: &Actor,
        user: i64,
        document: i64,
        note: &str,
    ) -> Result<(), StoreError> {
        let now = self.now();
        let note: String = note.chars().take(20_000).collect();
        let mut tx = self.begin_write().await?;
        query_rows(
            &mut tx,
            "DELETE FROM document_notes WHERE user_id = $1 AND document_id = $2",
            vec![user.into(), document.into()],
            "replacing the note",
        )
        .await?;
        if !note.trim().is_empty() {
            query_rows(
                &mut tx,
                "INSERT INTO document_notes (user_id, document_id, note, updated_at) \
                 VALUES ($1, $2, $3, $4)",
                vec![
                    user.into(),
                    document.into(),
                    note.as_str().into(),
                    now.as_str().into(),
                ],
                "keeping the note",
            )
            .await?;
        }
        write_audit(
            &mut tx,
            actor,
            &now,
            Change {
                action: "note.write",
                entity: format!("document:{document}"),
                before: None,
                after: Some(json!({"characters": note.chars().count()})),
            },
        )
        .await?;
        tx.commit().await.db("committing the note")?;
        Ok(())
    }

    /// Claims up to `limit` unsent mails for `claim_seconds` (so two servers never send one
    /// mail twice) and returns them; a mail tried five times is left alone.
    pub async fn claim_mail(
        &self,
        limit: i64,
        claim_seconds: i64,
    ) -> Result<Vec<OutgoingMail>, StoreError> {
        let now = self.now_utc();
        let stamp =
            |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let until = stamp(now + chrono::Duration::seconds(claim_seconds));
        let mut tx = self.begin_write().await?;
        let rows = query_rows(
            &mut tx,
            "SELECT id, recipient, subject, body FROM mail_outbox WHERE sent_at IS NULL \
             AND attempts < 5 AND (claimed_until IS NULL OR claimed_until < $1) \
             ORDER BY id LIMIT $2",
            vec![stamp(now).into(), limit.into()],
            "reading the outbox",
        )
        .await?;
        let mut out = Vec::new();
        for r in &rows {
            let id = int(r, "id")?;
            query_rows(
                &mut tx,
                "UPDATE mail_outbox SET claimed_until = $1, attempts = attempts + 1 WHERE id = $2",
                vec![until.as_str().into(), id.into()],
                "claiming a mail",
            )
            .await?;
            out.push(OutgoingMail {
                id,
                recipient: text(r, "recipient")?,
                subject: text(r, "subject")?,
                body: text(r, "body")?,
            });
        }
        tx.commit().await.db("committing the claim")?;
        Ok(out)
    }

    /// Records the outcome of sending a mail: sent, or the error (tried again later).
    pub async fn mail_done(&self, id: i64, error: Option<&str>) -> Result<(), StoreError> {
        let now = self.now();
        let mut conn = self.pool.acquire().await.db("connecting")?;
        match error {
            None => {
                query_rows(
                    &mut conn,
                    "UPDATE mail_outbox SET sent_at = $1, last_error = NULL WHERE id = $2",
                    vec![now.into(), id.into()],
                    "marking a mail sent",
                )
                .await?
            }
            Some(e) => {
                query_rows(
                    &mut conn,
                    "UPDATE mail_outbox SET last_error = $1 WHERE id = $2",
                    vec![e.chars().take(500).collect::<String>().into(), id.into()],
                    "recording a failed send",
                )
                .await?
            }
        };
        Ok(())
    }

    /// The outbox, newest first, for the secretary and the tests: recipient, subject, when
    /// sent, the last error.
    pub async fn outbox(
        &self,
        limit: i64,
    ) -> Result<Vec<(String, String, Option<String>, Option<String>)>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT recipient, subject, sent_at, last_error FROM mail_outbox ORDER BY id DESC \
             LIMIT $1",
            vec![limit.into()],
            "reading the outbox",
        )
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    text(r, "recipient")?,
                    text(r, "subject")?,
                    opt_text(r, "sent_at")?,
                    opt_text(r, "last_error")?,
                ))
            })
            .collect()
    }
}

async fn seats_on(
    conn: &mut Db<'_>,
    authority: &str,
    body: &str,
    on: &str,
) -> Result<Vec<Seat>, StoreError> {
    let rows = conn
        .rows(
            "SELECT s.id, p.name, p.email, s.role, s.party, s.represents, s.substitute_order \
         FROM members s JOIN persons p ON p.id = s.person_id JOIN bodies b ON b.id = s.body_id \
         JOIN authorities a ON a.id = b.authority_id WHERE a.slug = $1 AND b.slug = $2 \
         AND (s.term_start IS NULL OR s.term_start <= $3) \
         AND (s.term_end IS NULL OR s.term_end >= $3)",
            vec![
                authority.to_lowercase().into(),
                body.to_lowercase().into(),
                on.into(),
            ],
            "reading the body's seats",
        )
        .await?;
    let mut seats = rows
        .iter()
        .map(|r| {
            Ok(Seat {
                id: int(r, "id")?,
                name: text(r, "name")?,
                role: text(r, "role")?,
                party: opt_text(r, "party")?,
                represents: opt_text(r, "represents")?,
                substitute_order: opt_int(r, "substitute_order")?,
                email: opt_text(r, "email")?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let rank = |role: &str| match role {
        "chair" => 0,
        "vice_chair" => 1,
        "member" => 2,
        "substitute" => 3,
        _ => 4,
    };
    seats.sort_by_key(|s| (rank(&s.role), s.substitute_order.unwrap_or(i64::MAX), s.id));
    Ok(seats)
}
