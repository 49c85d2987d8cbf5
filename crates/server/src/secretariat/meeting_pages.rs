//! A meeting before it is held, in the web UI: the body's sammanträden (plan one), the agenda
//! a secretary builds (add a case with its documents and the beredning's paragraph found by
//! itself, standing and information items, move up and down, remove, issue the kallelse, see
//! förhinder and who was called in), and the kallelse as a member reads it (documents, private
//! notes, förhinder for their own seat).
//!
//! Every action is a plain form (works without JavaScript, by keyboard), posted with the
//! session's CSRF token, and goes through the same store calls as the API.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kansli_store::{AgendaKind, MeetingAgenda, NewAgendaItem, NewMeeting, PreparedIn, StoreError};
use serde::Deserialize;

use super::access::Caller;
use super::agenda::{kallelse_mail, seat_is_callers};
use super::pages::{Frame, local_time, message_page, refusal_page, render};
use crate::AppState;

fn see_other(to: &str) -> Response {
    let mut r = Redirect::to(to).into_response();
    *r.status_mut() = StatusCode::SEE_OTHER;
    r
}

fn failed(e: &StoreError, what: &str) -> Response {
    match e {
        StoreError::Invalid(d) if d.starts_with("end_time") => message_page(
            StatusCode::UNPROCESSABLE_ENTITY,
            what,
            "Sluttiden måste vara efter starttiden.",
        ),
        StoreError::Stale { .. } => message_page(
            StatusCode::CONFLICT,
            "Någon annan har ändrat samtidigt",
            "Dagordningen har ändrats sedan du öppnade sidan. Gå tillbaka, ladda om sidan och försök igen.",
        ),
        StoreError::Refused(d) | StoreError::Invalid(d) => message_page(
            StatusCode::UNPROCESSABLE_ENTITY,
            what,
            &format!("Det gick inte: {d}."),
        ),
        other => {
            tracing::error!(error = %other, "{what}");
            message_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Ett fel uppstod",
                "Ändringen kunde inte sparas. Försök igen.",
            )
        }
    }
}

fn no_meeting() -> Response {
    message_page(
        StatusCode::NOT_FOUND,
        "Sammanträdet finns inte",
        "Det finns inget sammanträde med den adressen.",
    )
}

/// A time field of a form, `HH:MM` (the browser's time input sends that; typed by hand, also
/// `HH.MM`); empty is no time, anything else is refused with what to write, in Swedish.
fn form_time(t: &str, label: &str) -> Result<Option<String>, String> {
    let t = t.trim();
    if t.is_empty() {
        return Ok(None);
    }
    chrono::NaiveTime::parse_from_str(t, "%H:%M")
        .or_else(|_| chrono::NaiveTime::parse_from_str(t, "%H.%M"))
        .map(|t| Some(t.format("%H:%M").to_string()))
        .map_err(|_| {
            format!("{label} \"{t}\" är ingen klocktid. Skriv tiden som tt:mm, till exempel 13:00.")
        })
}

/// A form's meeting date `YYYY-MM-DD`, or why not in Swedish: a day the calendar lacks is
/// told apart from a wrong shape.
fn form_date(raw: &str) -> Result<chrono::NaiveDate, String> {
    let raw = raw.trim();
    chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| {
        let shaped = raw.len() == 10
            && raw.bytes().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if shaped {
            format!("{raw} är inget datum som finns i kalendern.")
        } else {
            "Ange datum som ÅÅÅÅ-MM-DD, till exempel 2026-03-12.".to_string()
        }
    })
}

/// A place field of a form: trimmed, at most 300 characters; empty is no place.
fn form_place(p: &str) -> Option<String> {
    Some(p.trim().chars().take(300).collect::<String>()).filter(|p| !p.is_empty())
}

/// A meeting to plan from a form's date, times and place; a time that is none, or an end
/// before the start, is refused in Swedish.
fn new_meeting(
    date: chrono::NaiveDate,
    start: &str,
    end: &str,
    place: &str,
) -> Result<NewMeeting, String> {
    let (start_time, end_time) = form_times(start, end)?;
    Ok(NewMeeting {
        date,
        start_time,
        end_time,
        place: form_place(place),
    })
}

/// A form's start and end time, the end after the start.
fn form_times(start: &str, end: &str) -> Result<(Option<String>, Option<String>), String> {
    let start = form_time(start, "Starttiden")?;
    let end = form_time(end, "Sluttiden")?;
    if let (Some(s), Some(e)) = (&start, &end)
        && e <= s
    {
        return Err(format!("Sluttiden {e} är inte efter starttiden {s}."));
    }
    Ok((start, end))
}

/// The answer to a form's change: back to `to` when it was made, the meeting missing, or why
/// it was refused (`what` is the page's heading).
fn answer<T>(result: Result<Option<T>, StoreError>, to: &str, what: &str) -> Response {
    match result {
        Ok(Some(_)) => see_other(to),
        Ok(None) => no_meeting(),
        Err(e) => failed(&e, what),
    }
}

struct MeetingRow {
    date: String,
    time: String,
    place: String,
    status: &'static str,
    href: String,
}

#[derive(Template)]
#[template(path = "kansli/meetings.html")]
struct MeetingsPage {
    frame: Frame,
    authority: String,
    body: String,
    body_name: String,
    rows: Vec<MeetingRow>,
}

fn status_sv(status: &str, issued: bool) -> &'static str {
    match (status, issued) {
        ("cancelled", _) => "Inställt",
        ("held", _) => "Hållet",
        (_, true) => "Kallelse utfärdad",
        _ => "Planerat",
    }
}

fn time_text(start: &Option<String>, end: &Option<String>) -> String {
    match (start, end) {
        (Some(s), Some(e)) => format!("{s}–{e}"),
        (Some(s), None) => s.clone(),
        _ => String::new(),
    }
}

/// `GET /kansli/moten/{a}/{b}`: the body's meetings, and a form to plan one.
pub async fn meetings(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b)): Path<(String, String)>,
) -> Response {
    let list = match state.store.body_calendar(&a, &b).await {
        Ok(Some(list)) => list,
        Ok(None) => return no_meeting(),
        Err(e) => return failed(&e, "Sammanträdena kunde inte visas"),
    };
    let body_name = match list.first() {
        Some(m) => m.body_name.clone(),
        None => body_name(&state, &a, &b).await,
    };
    let mut rows = Vec::new();
    for m in list.iter().rev() {
        let issued = match state.store.meeting_agenda(&a, &b, &m.slug).await {
            Ok(Some(x)) => x.kallelse_issued_at.is_some(),
            _ => false,
        };
        rows.push(MeetingRow {
            date: m.date.clone(),
            time: time_text(&m.start_time, &m.end_time),
            place: m.place.clone().unwrap_or_default(),
            status: status_sv(&m.status, issued),
            href: if m.status == "planned" {
                format!("/kansli/moten/{}/{}/{}", m.authority, m.body, m.slug)
            } else {
                format!("/{}/{}/{}", m.authority, m.body, m.slug)
            },
        });
    }
    render(
        StatusCode::OK,
        &MeetingsPage {
            frame: Frame::new("Sammanträden", Some(&caller), "/kansli/moten"),
            authority: a.to_lowercase(),
            body: b.to_lowercase(),
            body_name,
            rows,
        },
    )
}

async fn body_name(state: &AppState, a: &str, b: &str) -> String {
    match state.store.authority(a).await {
        Ok(Some(view)) => view
            .bodies
            .into_iter()
            .find(|x| x.body.slug == b.to_lowercase())
            .map_or_else(|| b.to_string(), |x| x.body.name),
        _ => b.to_string(),
    }
}

/// The plan form.
#[derive(Debug, Default, Deserialize)]
pub struct PlanForm {
    #[serde(default)]
    date: String,
    #[serde(default)]
    start_time: String,
    #[serde(default)]
    end_time: String,
    #[serde(default)]
    place: String,
}

/// The year-plan form: several dates, one per line, with the same times and place.
#[derive(Debug, Default, Deserialize)]
pub struct YearForm {
    #[serde(default)]
    dates: String,
    #[serde(default)]
    start_time: String,
    #[serde(default)]
    end_time: String,
    #[serde(default)]
    place: String,
}

/// `POST /kansli/moten/{a}/{b}/ar`: plans a year's meetings (the sammanträdesplan) at once;
/// a date that cannot be read or is taken is named, the others are planned.
pub async fn plan_year(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b)): Path<(String, String)>,
    Form(form): Form<YearForm>,
) -> Response {
    let lines: Vec<&str> = form
        .dates
        .split(['\n', ',', ';'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() || lines.len() > 60 {
        return message_page(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Sammanträdesplanen kunde inte sparas",
            "Skriv ett till sextio datum, ett per rad (ÅÅÅÅ-MM-DD).",
        );
    }
    let back = format!("/kansli/moten/{a}/{b}");
    if let Err(why) = form_times(&form.start_time, &form.end_time) {
        return refusal_page(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Sammanträdesplanen kunde inte sparas",
            &why,
            (&back, "Tillbaka till sammanträdena"),
        );
    }
    let mut refused = Vec::new();
    let mut planned = 0;
    for line in lines {
        let Ok(date) = chrono::NaiveDate::parse_from_str(line, "%Y-%m-%d") else {
            refused.push(format!("{line} (inte ett datum)"));
            continue;
        };
        let Ok(plan) = new_meeting(date, &form.start_time, &form.end_time, &form.place) else {
            continue;
        };
        match state
            .store
            .plan_meeting(&caller.actor(), &a, &b, &plan)
            .await
        {
            Ok(Some(_)) => planned += 1,
            Ok(None) => return no_meeting(),
            Err(StoreError::Refused(_)) => refused.push(format!("{line} (redan planerat)")),
            Err(e) => return failed(&e, "Sammanträdesplanen kunde inte sparas"),
        }
    }
    if refused.is_empty() {
        return see_other(&format!("/kansli/moten/{a}/{b}"));
    }
    message_page(
        StatusCode::UNPROCESSABLE_ENTITY,
        "En del datum planerades inte",
        &format!(
            "{planned} sammanträden planerades. Dessa datum planerades inte: {}.",
            refused.join(", ")
        ),
    )
}

/// `POST /kansli/moten/{a}/{b}`: plans a meeting and opens its agenda.
pub async fn plan(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b)): Path<(String, String)>,
    Form(form): Form<PlanForm>,
) -> Response {
    let back = format!("/kansli/moten/{a}/{b}");
    let plan = form_date(&form.date)
        .and_then(|date| new_meeting(date, &form.start_time, &form.end_time, &form.place));
    let plan = match plan {
        Ok(plan) => plan,
        Err(why) => {
            return refusal_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Sammanträdet kunde inte planeras",
                &why,
                (&back, "Tillbaka till sammanträdena"),
            );
        }
    };
    match state
        .store
        .plan_meeting(&caller.actor(), &a, &b, &plan)
        .await
    {
        Ok(Some(m)) => see_other(&format!(
            "/kansli/moten/{}/{}/{}",
            m.authority, m.body, m.slug
        )),
        Ok(None) => no_meeting(),
        Err(StoreError::Refused(_)) => message_page(
            StatusCode::CONFLICT,
            "Sammanträdet kunde inte planeras",
            "Organet har redan ett sammanträde den dagen.",
        ),
        Err(e) => failed(&e, "Sammanträdet kunde inte planeras"),
    }
}

struct ItemRow {
    id: i64,
    position: i64,
    title: String,
    dnr: String,
    kind: &'static str,
    proposal: String,
    presenter: String,
    prepared_in: String,
    documents: Vec<(i64, String, bool)>,
}

fn kind_sv(k: AgendaKind) -> &'static str {
    match k {
        AgendaKind::Case => "Ärende",
        AgendaKind::Information => "Information",
        AgendaKind::Standing => "Stående punkt",
    }
}

fn item_rows(m: &MeetingAgenda) -> Vec<ItemRow> {
    m.items
        .iter()
        .map(|i| ItemRow {
            id: i.id,
            position: i.position,
            title: i.title.clone(),
            dnr: i.dnr.clone().unwrap_or_default(),
            kind: kind_sv(i.kind),
            proposal: i.proposal.clone().unwrap_or_default(),
            presenter: i.presenter.clone().unwrap_or_default(),
            prepared_in: i
                .prepared_in
                .as_ref()
                .map(|p| p.text.clone())
                .unwrap_or_default(),
            documents: i
                .documents
                .iter()
                .map(|d| (d.id, d.title.clone(), d.confidential))
                .collect(),
        })
        .collect()
}

/// What the secretary's agenda page and the member's kallelse share: the forms' base address,
/// the time, when the kallelse was issued and the items.
struct Sheet {
    base: String,
    time: String,
    issued: String,
    items: Vec<ItemRow>,
}

impl Sheet {
    fn of(meeting: &MeetingAgenda, area: &str) -> Sheet {
        Sheet {
            base: format!(
                "/kansli/{area}/{}/{}/{}",
                meeting.authority, meeting.body, meeting.slug
            ),
            time: time_text(&meeting.start_time, &meeting.end_time),
            issued: meeting
                .kallelse_issued_at
                .as_deref()
                .map(local_time)
                .unwrap_or_default(),
            items: item_rows(meeting),
        }
    }
}

#[derive(Template)]
#[template(path = "kansli/agenda.html")]
struct AgendaPage {
    frame: Frame,
    sheet: Sheet,
    m: MeetingAgenda,
    /// Open cases to add: (Dnr, title).
    cases: Vec<(String, String)>,
    /// Förhinder: (who, called).
    absences: Vec<(String, String)>,
    count: usize,
    /// The meeting's own version (times, place, status), for the change form.
    meeting_version: i64,
    /// Why the last form was refused, shown above the forms.
    refusal: Option<String>,
    /// The add-item form as typed before a refusal (empty otherwise): given back, not retyped.
    draft: ItemDraft,
}

/// The add-item form's fields as typed.
#[derive(Debug, Clone, Default)]
struct ItemDraft {
    kind: String,
    case: String,
    title: String,
    presenter: String,
    proposal: String,
    without_documents: bool,
}

/// `GET /kansli/moten/{a}/{b}/{m}`: the agenda the secretary builds.
pub async fn agenda(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
) -> Response {
    agenda_page(
        &state,
        &caller,
        (&a, &b, &m),
        StatusCode::OK,
        None,
        ItemDraft::default(),
    )
    .await
}

/// The agenda page, with a refusal and the add-item form as typed when a form was refused.
async fn agenda_page(
    state: &AppState,
    caller: &Caller,
    (a, b, m): (&str, &str, &str),
    status: StatusCode,
    refusal: Option<String>,
    draft: ItemDraft,
) -> Response {
    let meeting = match state.store.meeting_agenda(a, b, m).await {
        Ok(Some(x)) => x,
        Ok(None) => return no_meeting(),
        Err(e) => return failed(&e, "Dagordningen kunde inte visas"),
    };
    let on_agenda: Vec<String> = meeting.items.iter().filter_map(|i| i.dnr.clone()).collect();
    let cases = state
        .store
        .search_cases(
            a,
            &kansli_store::CaseQuery {
                status: Some("open".into()),
                limit: 500,
                ..Default::default()
            },
        )
        .await
        .map(|(c, _)| c)
        .unwrap_or_default()
        .into_iter()
        .filter(|c| !on_agenda.contains(&c.dnr))
        .map(|c| (c.dnr, c.title))
        .collect();
    let meeting_version = state
        .store
        .body_calendar(a, b)
        .await
        .ok()
        .flatten()
        .and_then(|all| all.into_iter().find(|x| x.slug == meeting.slug))
        .map_or(1, |x| x.version);
    let absences = state
        .store
        .absences(a, b, m)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|x| {
            (
                x.member.name,
                x.substitute
                    .map_or_else(|| "ingen ersättare kallad".into(), |s| s.name),
            )
        })
        .collect();
    render(
        status,
        &AgendaPage {
            frame: Frame::new(
                format!("Dagordning {} {}", meeting.body_name, meeting.date),
                Some(caller),
                "/kansli/moten",
            ),
            sheet: Sheet::of(&meeting, "moten"),
            count: meeting.items.len(),
            meeting_version,
            cases,
            absences,
            m: meeting,
            refusal,
            draft,
        },
    )
}

/// The add-item form.
#[derive(Debug, Default, Deserialize)]
pub struct AddForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    case: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    proposal: String,
    #[serde(default)]
    presenter: String,
    #[serde(default)]
    documents: Option<String>,
    #[serde(default)]
    version: Option<i64>,
}

/// The latest paragraph of a beredning of this body on the case, before the meeting: the
/// link an item of a direktion carries ("Kommunchefsberedningens sammanträde … § 4").
async fn beredning_paragraph(
    state: &AppState,
    m: &MeetingAgenda,
    case: &str,
) -> Option<PreparedIn> {
    let file = state.store.case_file(&m.authority, case).await.ok()??;
    let preparing = state
        .store
        .preparing_bodies(&m.authority, &m.body)
        .await
        .ok()?;
    file.handled
        .iter()
        .filter(|h| preparing.contains(&h.body) && h.meeting_date < m.date)
        .max_by(|x, y| x.meeting_date.cmp(&y.meeting_date))
        .map(|h| PreparedIn {
            meeting: h.meeting_date.clone(),
            paragraph: h.paragraph,
        })
}

/// `POST /kansli/moten/{a}/{b}/{m}/punkter`: adds an item.
pub async fn add(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
    Form(form): Form<AddForm>,
) -> Response {
    let meeting = match state.store.meeting_agenda(&a, &b, &m).await {
        Ok(Some(x)) => x,
        Ok(None) => return no_meeting(),
        Err(e) => return failed(&e, "Punkten kunde inte läggas till"),
    };
    let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let new = match form.kind.as_str() {
        "standing" | "information" => NewAgendaItem {
            kind: if form.kind == "standing" {
                AgendaKind::Standing
            } else {
                AgendaKind::Information
            },
            case: None,
            title: opt(&form.title),
            proposal: opt(&form.proposal),
            presenter: opt(&form.presenter),
            documents: Vec::new(),
            prepared_in: None,
        },
        _ => {
            let Some(case) = opt(&form.case) else {
                return agenda_page(
                    &state,
                    &caller,
                    (&a, &b, &m),
                    StatusCode::UNPROCESSABLE_ENTITY,
                    Some("Välj ett ärende.".into()),
                    draft_of(&form),
                )
                .await;
            };
            // The case's documents go with it unless the secretary said otherwise.
            let documents = if form.documents.as_deref() == Some("none") {
                Vec::new()
            } else {
                match state.store.case_file(&a, &case).await {
                    Ok(Some(f)) => f.documents.iter().map(|d| d.id).collect(),
                    _ => Vec::new(),
                }
            };
            NewAgendaItem {
                kind: AgendaKind::Case,
                prepared_in: beredning_paragraph(&state, &meeting, &case).await,
                case: Some(case),
                title: opt(&form.title),
                proposal: opt(&form.proposal),
                presenter: opt(&form.presenter),
                documents,
            }
        }
    };
    match state
        .store
        .add_agenda_item(&caller.actor(), &a, &b, &m, form.version, &new)
        .await
    {
        Ok(Some(_)) => see_other(&format!("/kansli/moten/{a}/{b}/{m}#dagordning")),
        Ok(None) => no_meeting(),
        // Refused: the agenda again as it is now, with the item as typed, to send once more.
        Err(e @ (StoreError::Stale { .. } | StoreError::Refused(_) | StoreError::Invalid(_))) => {
            let (status, why) = match &e {
                StoreError::Stale { .. } => (
                    StatusCode::CONFLICT,
                    "Dagordningen ändrades medan du skrev. Så här ser den ut nu; din punkt står kvar i formuläret – lägg till den igen.".to_string(),
                ),
                StoreError::Refused(d) | StoreError::Invalid(d) => (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    format!("Punkten kunde inte läggas till: {d}."),
                ),
                _ => unreachable!("matched above"),
            };
            agenda_page(
                &state,
                &caller,
                (&a, &b, &m),
                status,
                Some(why),
                draft_of(&form),
            )
            .await
        }
        Err(e) => failed(&e, "Punkten kunde inte läggas till"),
    }
}

/// The add-item form as typed.
fn draft_of(form: &AddForm) -> ItemDraft {
    ItemDraft {
        kind: form.kind.clone(),
        case: form.case.clone(),
        title: form.title.clone(),
        presenter: form.presenter.clone(),
        proposal: form.proposal.clone(),
        without_documents: form.documents.as_deref() == Some("none"),
    }
}

/// The move/remove form.
#[derive(Debug, Default, Deserialize)]
pub struct ItemForm {
    #[serde(default)]
    to: Option<i64>,
    #[serde(default)]
    version: Option<i64>,
}

/// `POST /kansli/moten/{a}/{b}/{m}/punkter/{id}/flytta`.
pub async fn move_item(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m, id)): Path<(String, String, String, i64)>,
    Form(form): Form<ItemForm>,
) -> Response {
    let Some(to) = form.to else {
        return message_page(
            StatusCode::BAD_REQUEST,
            "Felaktig begäran",
            "Platsen saknas.",
        );
    };
    answer(
        state
            .store
            .move_agenda_item(&caller.actor(), (&a, &b, &m), id, to, form.version)
            .await,
        &format!("/kansli/moten/{a}/{b}/{m}#punkt-{id}"),
        "Punkten kunde inte flyttas",
    )
}

/// `POST /kansli/moten/{a}/{b}/{m}/punkter/{id}/ta-bort`.
pub async fn remove_item(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m, id)): Path<(String, String, String, i64)>,
    Form(form): Form<ItemForm>,
) -> Response {
    answer(
        state
            .store
            .remove_agenda_item(&caller.actor(), (&a, &b, &m), id, form.version)
            .await,
        &format!("/kansli/moten/{a}/{b}/{m}#dagordning"),
        "Punkten kunde inte tas bort",
    )
}

/// The change form: times and place, or cancel / take back.
#[derive(Debug, Default, Deserialize)]
pub struct ChangeForm {
    #[serde(default)]
    start_time: String,
    #[serde(default)]
    end_time: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    version: Option<i64>,
}

/// `POST /kansli/moten/{a}/{b}/{m}/andra`: changes time and place, or cancels the meeting.
pub async fn change(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
    Form(form): Form<ChangeForm>,
) -> Response {
    let change = match form.status.as_deref() {
        Some(s @ ("cancelled" | "planned")) => kansli_store::MeetingChange {
            version: form.version,
            status: Some(s.to_string()),
            ..Default::default()
        },
        _ => {
            let (start_time, end_time) = match form_times(&form.start_time, &form.end_time) {
                Ok(times) => times,
                Err(why) => {
                    return refusal_page(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "Sammanträdet kunde inte ändras",
                        &why,
                        (
                            &format!("/kansli/moten/{a}/{b}/{m}"),
                            "Tillbaka till sammanträdet",
                        ),
                    );
                }
            };
            kansli_store::MeetingChange {
                version: form.version,
                start_time: Some(start_time),
                end_time: Some(end_time),
                place: Some(form_place(&form.place)),
                status: None,
            }
        }
    };
    answer(
        state
            .store
            .update_planned_meeting(&caller.actor(), (&a, &b, &m), &change)
            .await,
        &format!("/kansli/moten/{a}/{b}/{m}"),
        "Sammanträdet kunde inte ändras",
    )
}

/// `POST /kansli/moten/{a}/{b}/{m}/kallelse`: issues the kallelse.
pub async fn issue(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
    Form(form): Form<ItemForm>,
) -> Response {
    let mail = kallelse_mail(state.auth.public_origin.as_deref());
    answer(
        state
            .store
            .issue_kallelse(&caller.actor(), (&a, &b, &m), form.version, &mail)
            .await,
        &format!("/kansli/moten/{a}/{b}/{m}"),
        "Kallelsen kunde inte utfärdas",
    )
}

#[derive(Template)]
#[template(path = "kansli/kallelse.html")]
struct KallelsePage {
    frame: Frame,
    sheet: Sheet,
    m: MeetingAgenda,
    /// The caller's own notes: (document id, text).
    notes: Vec<(i64, String)>,
    /// The caller's own seat, and whether förhinder is reported (with who was called).
    seat: Option<(i64, String)>,
    absence: Option<String>,
}

impl KallelsePage {
    fn note(&self, id: &i64) -> &str {
        self.notes
            .iter()
            .find(|(d, _)| d == id)
            .map_or("", |(_, n)| n.as_str())
    }
}

/// `GET /kansli/kallelse/{a}/{b}/{m}`: the kallelse as a member reads it.
pub async fn kallelse(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
) -> Response {
    let meeting = match state.store.meeting_agenda(&a, &b, &m).await {
        Ok(Some(x)) if x.kallelse_issued_at.is_some() => x,
        Ok(_) => {
            return message_page(
                StatusCode::NOT_FOUND,
                "Ingen kallelse ännu",
                "Kallelsen till sammanträdet har inte utfärdats.",
            );
        }
        Err(e) => return failed(&e, "Kallelsen kunde inte visas"),
    };
    let mut notes = Vec::new();
    for item in &meeting.items {
        for d in &item.documents {
            if let Ok(n) = state.store.document_note(caller.user.id, d.id).await
                && !n.is_empty()
            {
                notes.push((d.id, n));
            }
        }
    }
    let date = chrono::NaiveDate::parse_from_str(&meeting.date, "%Y-%m-%d").ok();
    let seats = match date {
        Some(d) => state.store.body_seats(&a, &b, d).await.unwrap_or_default(),
        None => Vec::new(),
    };
    let seat = seats
        .iter()
        .find(|s| seat_is_callers(s, &seats, &caller))
        .map(|s| (s.id, s.name.clone()));
    let absence = match &seat {
        Some((id, _)) => state
            .store
            .absences(&a, &b, &m)
            .await
            .unwrap_or_default()
            .into_iter()
            .find(|x| x.member.id == *id)
            .map(|x| {
                x.substitute.map_or_else(
                    || "Ingen ersättare kunde kallas; sekreteraren har fått veta det.".into(),
                    |s| format!("{} är kallad i ditt ställe.", s.name),
                )
            }),
        None => None,
    };
    render(
        StatusCode::OK,
        &KallelsePage {
            frame: Frame::new(
                format!("Kallelse {} {}", meeting.body_name, meeting.date),
                Some(&caller),
                "/kansli",
            ),
            sheet: Sheet::of(&meeting, "kallelse"),
            notes,
            seat,
            absence,
            m: meeting,
        },
    )
}

/// The note form.
#[derive(Debug, Default, Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    note: String,
}

/// `POST /kansli/kallelse/{a}/{b}/{m}/anteckningar/{id}`: keeps the caller's own note.
pub async fn note(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m, id)): Path<(String, String, String, i64)>,
    Form(form): Form<NoteForm>,
) -> Response {
    let on_kallelse = matches!(
        state.store.meeting_agenda(&a, &b, &m).await,
        Ok(Some(x)) if x.kallelse_issued_at.is_some()
            && x.items.iter().any(|i| i.documents.iter().any(|d| d.id == id))
    );
    if !on_kallelse {
        return message_page(
            StatusCode::NOT_FOUND,
            "Handlingen finns inte",
            "Handlingen finns inte i kallelsen.",
        );
    }
    match state
        .store
        .set_document_note(&caller.actor(), caller.user.id, id, &form.note)
        .await
    {
        Ok(()) => see_other(&format!("/kansli/kallelse/{a}/{b}/{m}#handling-{id}")),
        Err(e) => failed(&e, "Anteckningen kunde inte sparas"),
    }
}

/// `POST /kansli/kallelse/{a}/{b}/{m}/forhinder`: the caller reports förhinder for their seat.
pub async fn absent(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
) -> Response {
    let meeting = match state.store.meeting_agenda(&a, &b, &m).await {
        Ok(Some(x)) => x,
        Ok(None) => return no_meeting(),
        Err(e) => return failed(&e, "Förhindret kunde inte anmälas"),
    };
    let Ok(date) = chrono::NaiveDate::parse_from_str(&meeting.date, "%Y-%m-%d") else {
        return no_meeting();
    };
    let seats = state
        .store
        .body_seats(&a, &b, date)
        .await
        .unwrap_or_default();
    let Some(seat) = seats.iter().find(|s| seat_is_callers(s, &seats, &caller)) else {
        // The guard let the caller in: not a 403, but nothing to record for this account.
        return message_page(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Ingen plats i organet",
            "Ditt konto är inte kopplat till någon plats i organet. Anmäl förhinder till sekreteraren.",
        );
    };
    match state
        .store
        .report_absence(&caller.actor(), (&a, &b, &m), seat.id)
        .await
    {
        Ok(_) => see_other(&format!("/kansli/kallelse/{a}/{b}/{m}#forhinder")),
        Err(e) => failed(&e, "Förhindret kunde inte anmälas"),
    }
}
