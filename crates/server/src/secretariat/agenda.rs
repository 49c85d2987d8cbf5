//! A meeting before it is held, through the API: the agenda (`getAgenda`, `addAgendaItem`,
//! `moveAgendaItem`, `removeAgendaItem`), the kallelse (`issueKallelse`, `getKallelse`),
//! förhinder (`reportAbsence`, `listAbsences`), the body's seats (`listSeats`) and a member's
//! private notes on documents (`getDocumentNote`, `putDocumentNote`).
//!
//! Members read the kallelse of their own bodies with every document, confidential ones
//! included (they are the body's beslutsunderlag); the public reads it on the meeting's page
//! without them ([`crate::pages`]).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kansli_auth::{Role, Target};
use kansli_store::{
    Absence, AgendaItemRecord, AgendaKind, MeetingAgenda, NewAgendaItem, PreparedIn, Seat,
};
use serde::Deserialize;
use serde_json::{Value, json};

use super::access::Caller;
use super::api::Body;
use super::problem::Problem;
use crate::AppState;

/// The version a write read: `"version"` in the body, else `If-Match: "N"`.
pub fn version_of(body: Option<i64>, headers: &HeaderMap) -> Option<i64> {
    body.or_else(|| {
        headers
            .get(axum::http::header::IF_MATCH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.trim()
                    .trim_start_matches("W/")
                    .trim_matches('"')
                    .parse()
                    .ok()
            })
    })
}

/// A JSON body that may also be empty (`DELETE`, `{}`-style actions).
fn optional_json<T: serde::de::DeserializeOwned + Default>(bytes: &[u8]) -> Result<T, Problem> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(bytes).map_err(|e| Problem::bad_request(format!("the body: {e}")))
}

/// `prepared_in` of `addAgendaItem`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreparedInBody {
    meeting: String,
    paragraph: i64,
}

/// The body of `addAgendaItem`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddAgendaItem {
    #[serde(default)]
    case: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    proposal: Option<String>,
    #[serde(default)]
    presenter: Option<String>,
    #[serde(default)]
    documents: Vec<i64>,
    #[serde(default)]
    prepared_in: Option<PreparedInBody>,
    /// `case` (default when a case is named), `information`, `standing`.
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    version: Option<i64>,
}

impl AddAgendaItem {
    /// The item to add, checked for shape (what it names is checked by the store).
    pub fn parse(self) -> Result<(NewAgendaItem, Option<i64>), Problem> {
        let kind = match self.kind.as_deref().map(str::trim) {
            None | Some("") => {
                if self.case.as_deref().is_some_and(|c| !c.trim().is_empty()) {
                    AgendaKind::Case
                } else {
                    AgendaKind::Information
                }
            }
            Some("case") => AgendaKind::Case,
            Some("information") => AgendaKind::Information,
            Some("standing") => AgendaKind::Standing,
            Some(_) => {
                return Err(Problem::unprocessable(
                    "kind: one of case, information, standing",
                ));
            }
        };
        if self.documents.len() > 200 {
            return Err(Problem::unprocessable("documents: at most 200"));
        }
        if self.title.as_deref().is_some_and(|t| t.len() > 2000)
            || self.presenter.as_deref().is_some_and(|t| t.len() > 1000)
            || self.proposal.as_deref().is_some_and(|t| t.len() > 100_000)
        {
            return Err(Problem::unprocessable(
                "title, presenter or proposal: too long",
            ));
        }
        let prepared_in = match self.prepared_in {
            Some(p) => {
                if chrono::NaiveDate::parse_from_str(p.meeting.trim(), "%Y-%m-%d").is_err()
                    && p.meeting.len() > 100
                {
                    return Err(Problem::unprocessable(
                        "prepared_in.meeting: a meeting slug",
                    ));
                }
                if p.paragraph < 1 {
                    return Err(Problem::unprocessable(
                        "prepared_in.paragraph: a paragraph number",
                    ));
                }
                Some(PreparedIn {
                    meeting: p.meeting,
                    paragraph: p.paragraph,
                })
            }
            None => None,
        };
        Ok((
            NewAgendaItem {
                kind,
                case: self.case,
                title: self.title,
                proposal: self.proposal,
                presenter: self.presenter,
                documents: self.documents,
                prepared_in,
            },
            self.version,
        ))
    }
}

/// One item as the API shows it; `public` leaves confidential documents out.
pub fn item_json(i: &AgendaItemRecord, public: bool) -> Value {
    json!({
        "id": i.id,
        "position": i.position,
        "kind": i.kind,
        "dnr": i.dnr,
        "title": i.title,
        "proposal": i.proposal,
        "presenter": i.presenter,
        "documents": i.documents.iter().filter(|d| !public || !d.confidential).map(|d| json!({
            "id": d.id, "title": d.title, "confidential": d.confidential,
            "secrecy_ground": d.secrecy_ground, "media_type": d.media_type, "size": d.size,
            "links": {"file": format!("/api/v1/documents/{}", d.id)},
        })).collect::<Vec<_>>(),
        "prepared_in": i.prepared_in.as_ref().map(|p| json!({
            "body": p.body, "meeting": p.meeting, "paragraph": p.paragraph, "text": p.text,
        })),
    })
}

fn meeting_json(m: &MeetingAgenda) -> Value {
    json!({
        "slug": m.slug, "date": m.date, "start_time": m.start_time, "end_time": m.end_time,
        "place": m.place, "status": m.status, "body": m.body, "body_name": m.body_name,
        "authority": m.authority,
        "links": {"web": format!("/{}/{}/{}", m.authority, m.body, m.slug)},
    })
}

fn agenda_json(m: &MeetingAgenda) -> Value {
    json!({
        "meeting": meeting_json(m),
        "version": m.version,
        "issued_at": m.kallelse_issued_at,
        "items": m.items.iter().map(|i| item_json(i, false)).collect::<Vec<_>>(),
    })
}

async fn agenda_of(state: &AppState, a: &str, b: &str, m: &str) -> Result<MeetingAgenda, Problem> {
    state
        .store
        .meeting_agenda(a, b, m)
        .await?
        .ok_or_else(|| Problem::not_found(format!("no meeting {m} of {a}/{b}")))
}

/// `getAgenda`: the meeting's agenda as the secretary builds it.
pub async fn get_agenda(
    State(state): State<AppState>,
    Path((a, b, m)): Path<(String, String, String)>,
) -> Result<Json<Value>, Problem> {
    Ok(Json(agenda_json(&agenda_of(&state, &a, &b, &m).await?)))
}

/// `addAgendaItem`: 201 `{id, position, version}`.
pub async fn add_item(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((a, b, m)): Path<(String, String, String)>,
    Body(body): Body<AddAgendaItem>,
) -> Result<Response, Problem> {
    let (new, version) = body.parse()?;
    let version = version_of(version, &headers);
    let (item, version) = state
        .store
        .add_agenda_item(&caller.actor(), &a, &b, &m, version, &new)
        .await?
        .ok_or_else(|| Problem::not_found(format!("no meeting {m} of {a}/{b}")))?;
    let mut out = item_json(&item, false);
    if let Some(map) = out.as_object_mut() {
        map.insert("version".into(), json!(version));
    }
    Ok((StatusCode::CREATED, Json(out)).into_response())
}

/// The body of `moveAgendaItem`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoveItem {
    position: i64,
    #[serde(default)]
    version: Option<i64>,
}

/// The body of `removeAgendaItem` (optional).
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RemoveItem {
    #[serde(default)]
    version: Option<i64>,
}

fn item_id(raw: &str) -> Result<i64, Problem> {
    raw.parse()
        .map_err(|_| Problem::bad_request("id: expected a number"))
}

/// `moveAgendaItem`: `{version, items}`.
pub async fn move_item(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((a, b, m, id)): Path<(String, String, String, String)>,
    Body(body): Body<MoveItem>,
) -> Result<Json<Value>, Problem> {
    let id = item_id(&id)?;
    let (items, version) = state
        .store
        .move_agenda_item(
            &caller.actor(),
            (&a, &b, &m),
            id,
            body.position,
            version_of(body.version, &headers),
        )
        .await?
        .ok_or_else(|| Problem::not_found(format!("no item {id} on meeting {m} of {a}/{b}")))?;
    Ok(Json(json!({
        "version": version,
        "items": items.iter().map(|i| item_json(i, false)).collect::<Vec<_>>(),
    })))
}

/// `removeAgendaItem`: `{version, items}`.
pub async fn remove_item(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((a, b, m, id)): Path<(String, String, String, String)>,
    body: axum::body::Bytes,
) -> Result<Json<Value>, Problem> {
    let id = item_id(&id)?;
    let version = optional_json::<RemoveItem>(&body)?.version;
    let (items, version) = state
        .store
        .remove_agenda_item(
            &caller.actor(),
            (&a, &b, &m),
            id,
            version_of(version, &headers),
        )
        .await?
        .ok_or_else(|| Problem::not_found(format!("no item {id} on meeting {m} of {a}/{b}")))?;
    Ok(Json(json!({
        "version": version,
        "items": items.iter().map(|i| item_json(i, false)).collect::<Vec<_>>(),
    })))
}

/// The body of `issueKallelse` (`{}`, or the agenda's version).
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct IssueKallelse {
    #[serde(default)]
    version: Option<i64>,
}

/// The kallelse mail: what, when, where and the ärenden, with a link to read the documents
/// after signing in (never a document's content, never a confidential title).
pub fn kallelse_mail(origin: Option<&str>) -> impl Fn(&MeetingAgenda) -> (String, String) + use<> {
    let origin = origin.unwrap_or("").trim_end_matches('/').to_string();
    move |m: &MeetingAgenda| {
        let subject = format!("Kallelse: {} {}", m.body_name, m.date);
        let mut body = format!(
            "Kallelse till sammanträde med {}\n\nDatum: {}\n",
            m.body_name, m.date
        );
        if let Some(t) = &m.start_time {
            body.push_str(&format!("Tid: kl. {t}\n"));
        }
        if let Some(p) = &m.place {
            body.push_str(&format!("Plats: {p}\n"));
        }
        body.push_str("\nÄrenden\n");
        for i in &m.items {
            body.push_str(&format!(
                "{}. {}{}\n",
                i.position,
                i.title,
                i.dnr
                    .as_deref()
                    .map(|d| format!(" (Dnr {d})"))
                    .unwrap_or_default()
            ));
        }
        body.push_str(&format!(
            "\nHandlingarna läser du efter inloggning: {origin}/kansli/kallelse/{}/{}/{}\n\
             Om du har förhinder, anmäl det där eller till sekreteraren, så kallas ersättare.\n",
            m.authority, m.body, m.slug
        ));
        (subject, body)
    }
}

/// `issueKallelse`: `{issued_at, mails}`.
pub async fn issue(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((a, b, m)): Path<(String, String, String)>,
    body: axum::body::Bytes,
) -> Result<Json<Value>, Problem> {
    let version = version_of(optional_json::<IssueKallelse>(&body)?.version, &headers);
    let mail = kallelse_mail(state.auth.public_origin.as_deref());
    let (issued_at, mails) = state
        .store
        .issue_kallelse(&caller.actor(), (&a, &b, &m), version, &mail)
        .await?
        .ok_or_else(|| Problem::not_found(format!("no meeting {m} of {a}/{b}")))?;
    Ok(Json(json!({"issued_at": issued_at, "mails": mails})))
}

/// `getKallelse`: what a member reads before the meeting, confidential documents included.
pub async fn get_kallelse(
    State(state): State<AppState>,
    Path((a, b, m)): Path<(String, String, String)>,
) -> Result<Json<Value>, Problem> {
    let agenda = agenda_of(&state, &a, &b, &m).await?;
    let Some(issued_at) = &agenda.kallelse_issued_at else {
        return Err(Problem::not_found(format!(
            "the kallelse of meeting {m} of {a}/{b} has not been issued"
        )));
    };
    Ok(Json(json!({
        "meeting": meeting_json(&agenda),
        "issued_at": issued_at,
        "items": agenda.items.iter().map(|i| item_json(i, false)).collect::<Vec<_>>(),
    })))
}

fn seat_json(s: &Seat) -> Value {
    json!({"id": s.id, "name": s.name, "role": s.role, "party": s.party,
           "represents": s.represents, "substitute_order": s.substitute_order})
}

fn absence_json(x: &Absence) -> Value {
    json!({
        "member": seat_json(&x.member),
        "called": x.substitute.as_ref().map(|s| s.name.clone()),
        "substitute": x.substitute.as_ref().map(seat_json),
        "reported_at": x.reported_at,
        "reported_by": x.reported_by,
    })
}

/// Whether a seat is the caller's own: the seat's e-mail is the account's, or (a seat without
/// e-mail) the names agree and no other seat of the body has the same name.
pub fn seat_is_callers(seat: &Seat, seats: &[Seat], caller: &Caller) -> bool {
    match &seat.email {
        Some(e) => e.eq_ignore_ascii_case(&caller.user.email),
        None => {
            let name = kansli_core::text::fold(&caller.user.name);
            kansli_core::text::fold(&seat.name) == name
                && seats
                    .iter()
                    .filter(|s| kansli_core::text::fold(&s.name) == name)
                    .all(|s| s.email.is_none())
        }
    }
}

/// The body of `reportAbsence`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportAbsence {
    member: i64,
}

/// `reportAbsence`: `{called}`; a member only for their own seat (403 otherwise).
pub async fn report_absence(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
    Body(body): Body<ReportAbsence>,
) -> Result<Response, Problem> {
    let target = Target {
        authority: Some(a.to_lowercase()),
        body: Some(b.to_lowercase()),
    };
    let agenda = agenda_of(&state, &a, &b, &m).await?;
    if !(caller.holds(Role::Secretary, &target) || caller.holds(Role::Admin, &target)) {
        let date = chrono::NaiveDate::parse_from_str(&agenda.date, "%Y-%m-%d")
            .map_err(|_| Problem::not_found("the meeting has no date"))?;
        let seats = state.store.body_seats(&a, &b, date).await?;
        let own = seats
            .iter()
            .find(|s| s.id == body.member)
            .is_some_and(|s| seat_is_callers(s, &seats, &caller));
        if !own {
            return Err(Problem::new(
                StatusCode::FORBIDDEN,
                "a member reports förhinder for their own seat only",
            ));
        }
    }
    let absence = state
        .store
        .report_absence(&caller.actor(), (&a, &b, &m), body.member)
        .await?
        .ok_or_else(|| {
            Problem::not_found(format!(
                "no seat {} in {a}/{b} on {}",
                body.member, agenda.date
            ))
        })?;
    Ok((StatusCode::OK, Json(absence_json(&absence))).into_response())
}

/// `listAbsences`: the förhinder of a meeting and who was called in.
pub async fn list_absences(
    State(state): State<AppState>,
    Path((a, b, m)): Path<(String, String, String)>,
) -> Result<Json<Value>, Problem> {
    agenda_of(&state, &a, &b, &m).await?;
    let list = state.store.absences(&a, &b, &m).await?;
    Ok(Json(
        json!({"data": list.iter().map(absence_json).collect::<Vec<_>>()}),
    ))
}

/// `listSeats`: the body's seats today (or on `?date=`).
pub async fn list_seats(
    State(state): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Result<Json<Value>, Problem> {
    let date = match q.get("date") {
        Some(d) => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| Problem::bad_request("date: a date YYYY-MM-DD"))?,
        None => (state.today)(),
    };
    let seats = state.store.body_seats(&a, &b, date).await?;
    Ok(Json(
        json!({"date": date.to_string(), "data": seats.iter().map(seat_json).collect::<Vec<_>>()}),
    ))
}

/// Whether the caller may read a document: staff of its authority, or a member of a body on
/// whose issued kallelse it lies.
pub async fn may_read_document(
    state: &AppState,
    caller: &Caller,
    authority: &str,
    document: i64,
) -> Result<bool, Problem> {
    let target = Target {
        authority: Some(authority.to_string()),
        body: None,
    };
    if caller.holds(Role::Registrar, &target)
        || caller.holds(Role::Secretary, &target)
        || caller.holds(Role::Admin, &target)
    {
        return Ok(true);
    }
    let bodies = state.store.document_bodies(document).await?;
    Ok(bodies.iter().any(|(a, b)| {
        caller.holds(
            Role::Member,
            &Target {
                authority: Some(a.clone()),
                body: Some(b.clone()),
            },
        )
    }))
}

async fn readable(state: &AppState, caller: &Caller, id: &str) -> Result<i64, Problem> {
    let id: i64 = id
        .parse()
        .map_err(|_| Problem::bad_request("id: expected a number"))?;
    let (_, authority, _) = state
        .store
        .document_content(id)
        .await?
        .ok_or_else(|| Problem::not_found(format!("no document {id}")))?;
    if !may_read_document(state, caller, &authority, id).await? {
        return Err(Problem::new(
            StatusCode::FORBIDDEN,
            "this document is not on an issued kallelse of your body",
        ));
    }
    Ok(id)
}

/// `getDocumentNote`: `{note}`, the caller's own note on a document they may read.
pub async fn get_note(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, Problem> {
    let id = readable(&state, &caller, &id).await?;
    let note = state.store.document_note(caller.user.id, id).await?;
    Ok(Json(json!({"document": id, "note": note})))
}

/// The body of `putDocumentNote`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PutNote {
    note: String,
}

/// `putDocumentNote`: keeps the caller's own note (empty deletes it).
pub async fn put_note(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<PutNote>,
) -> Result<Json<Value>, Problem> {
    if body.note.len() > 100_000 {
        return Err(Problem::unprocessable("note: at most 100 000 bytes"));
    }
    let id = readable(&state, &caller, &id).await?;
    state
        .store
        .set_document_note(&caller.actor(), caller.user.id, id, &body.note)
        .await?;
    Ok(Json(json!({"document": id, "note": body.note})))
}
