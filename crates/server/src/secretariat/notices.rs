//! The secretariat's half of the anslagstavla and expediering: `markJusterad` (minutes signed
//! on paper, marked justerade by the secretary), `postNotice` (a kungörelse, sammanträde or
//! other notice posted by hand), `listDispatches` and `markDispatched` (the expediering
//! checklist), `getDispatchExtract` (the certified protokollsutdrag for a recipient: its
//! Utdragsbestyrkande names the secretary and the day, sealed like the minutes), and the page
//! `/kansli/expediering` with the same checklist as plain forms.
//!
//! Dispatches are listed for the bodies the caller is secretary of; marking one of another
//! body's is a 403, as the contract's scope rule says.

use askama::Template;
use axum::Form;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use kansli_auth::Role;
use kansli_store::{Dispatch, Justering, NewNotice};
use serde::Deserialize;
use serde_json::{Value, json};

use super::access::Caller;
use super::api::Body;
use super::pages::{Frame, message_page, render};
use super::problem::Problem;
use crate::AppState;

/// The bodies (authority, body) the caller is secretary of.
fn secretary_bodies(caller: &Caller) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = caller
        .user
        .grants
        .iter()
        .filter(|g| g.role == Role::Secretary)
        .filter_map(|g| g.authority.clone().zip(g.body.clone()))
        .collect();
    out.sort();
    out.dedup();
    out
}

fn may_dispatch(caller: &Caller, d: &Dispatch) -> bool {
    secretary_bodies(caller)
        .iter()
        .any(|(a, b)| a.eq_ignore_ascii_case(&d.authority) && b.eq_ignore_ascii_case(&d.body))
}

/// `markJusterad`'s body: the justering day (default today).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkJusterad {
    #[serde(default)]
    date: Option<NaiveDate>,
}

/// The answer of a justering, for the API.
pub fn justering_json(j: &Justering) -> Value {
    json!({
        "state": j.state,
        "justerad_on": j.justerad_on,
        "posting_deadline": j.posting_deadline,
        "appeal_last_day": j.appeal_last_day,
        "notices": j.notices.iter().map(|n| json!({
            "board": n.board,
            "board_name": n.board_name,
            "posted": n.posted,
            "removal": n.removal,
            "kept_at": n.kept_at,
        })).collect::<Vec<_>>(),
        "dispatches": j.dispatches,
    })
}

/// `markJusterad`: `POST …/meetings/{m}/justering` `{date}` → the justering and its notices.
pub async fn mark_justerad(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
    Body(body): Body<MarkJusterad>,
) -> Result<Json<Value>, Problem> {
    let meeting = state
        .store
        .meeting_agenda(&a, &b, &m)
        .await?
        .ok_or_else(|| Problem::not_found(format!("no meeting {m} of {a}/{b}")))?;
    let day = body.date.unwrap_or_else(|| (state.today)());
    let done = state
        .store
        .justera_minutes(&caller.actor(), meeting.meeting_id, day)
        .await?;
    let mut v = justering_json(&done);
    v["links"] = json!({
        "minutes": crate::paths::meeting(&a.to_lowercase(), &b.to_lowercase(), &m),
        "anslagstavla": crate::notices::board_path(&a.to_lowercase()),
    });
    Ok(Json(v))
}

/// `postNotice`'s body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostNotice {
    kind: String,
    title: String,
    text: String,
    posted: NaiveDate,
    removal: NaiveDate,
}

/// `postNotice`: `POST /api/v1/authorities/{a}/notices` → 201 the notice.
pub async fn post_notice(
    State(state): State<AppState>,
    caller: Caller,
    Path(a): Path<String>,
    Body(body): Body<PostNotice>,
) -> Result<Response, Problem> {
    let title = body.title.trim();
    if title.is_empty() || title.chars().count() > 300 {
        return Err(Problem::unprocessable(
            "title: give a title of at most 300 characters",
        ));
    }
    if body.text.chars().count() > 20_000 {
        return Err(Problem::unprocessable("text: at most 20 000 characters"));
    }
    if body.posted < (state.today)() {
        return Err(Problem::unprocessable(
            "posted: a notice goes up today or later, never in the past",
        ));
    }
    let notice = NewNotice {
        kind: body.kind,
        title: title.to_string(),
        text: body.text.trim().to_string(),
        posted: body.posted,
        removal: body.removal,
    };
    let id = state
        .store
        .post_notice(&caller.actor(), &a, &notice)
        .await?
        .ok_or_else(|| Problem::not_found(format!("no authority {a}")))?;
    let slug = a.to_lowercase();
    let mut r = (
        StatusCode::CREATED,
        Json(json!({
            "id": id,
            "kind": notice.kind,
            "title": notice.title,
            "text": notice.text,
            "posted": notice.posted,
            "removal": notice.removal,
            "links": {"anslagstavla": crate::notices::board_path(&slug)},
        })),
    )
        .into_response();
    if let Ok(v) = crate::notices::board_path(&slug).parse() {
        r.headers_mut().insert(axum::http::header::LOCATION, v);
    }
    Ok(r)
}

fn dispatch_json(d: &Dispatch) -> Value {
    json!({
        "id": d.id,
        "meeting": d.meeting,
        "authority": d.authority,
        "body": d.body,
        "paragraph": d.paragraph,
        "title": d.paragraph_title,
        "recipient": d.recipient,
        "sent_at": d.sent_at,
        "how": d.how,
        "sent_by": d.sent_by,
        "justerad_on": d.justerad_on,
        "minutes_justerade": d.minutes_justerade,
        "links": {
            "self": format!("/api/v1/dispatches/{}", d.id),
            "extract": format!("/api/v1/dispatches/{}/extract.pdf", d.id),
        },
    })
}

/// `?unsent=true`.
#[derive(Debug, Deserialize)]
pub struct DispatchQuery {
    unsent: Option<String>,
}

/// `listDispatches`: the expediering checklist of the caller's bodies.
pub async fn list_dispatches(
    State(state): State<AppState>,
    caller: Caller,
    query: Result<Query<DispatchQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, Problem> {
    let Ok(Query(q)) = query else {
        return Err(Problem::bad_request("unsent: true or false"));
    };
    let unsent = match q.unsent.as_deref() {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            return Err(Problem::bad_request(format!(
                "unsent: {other:?} is neither true nor false"
            )));
        }
    };
    let list = state
        .store
        .dispatches(&secretary_bodies(&caller), unsent)
        .await?;
    Ok(Json(json!({
        "data": list.iter().map(dispatch_json).collect::<Vec<_>>(),
    })))
}

/// `markDispatched`'s body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkDispatched {
    #[serde(deserialize_with = "day_or_instant")]
    sent_at: NaiveDate,
    how: String,
}

/// A day `YYYY-MM-DD`, or an RFC 3339 instant taken as its day in Sweden (a client that sends
/// the moment it sent the letter means that day).
fn day_or_instant<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let raw = String::deserialize(d)?;
    let raw = raw.trim();
    if let Ok(day) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        return Ok(day);
    }
    chrono::DateTime::parse_from_rfc3339(raw)
        .map(|t| kansli_core::law::checks::swedish_local_date(t.with_timezone(&chrono::Utc)))
        .map_err(|_| {
            serde::de::Error::custom(format!(
                "{raw:?} is neither a day YYYY-MM-DD nor an RFC 3339 instant"
            ))
        })
}

/// The dispatch `id` of a justerad paragraph, if the caller is secretary of its body: 404
/// (in Swedish too) when there is none, 403 when it is another body's.
async fn own_dispatch(state: &AppState, caller: &Caller, id: i64) -> Result<Dispatch, Problem> {
    let found = state.store.dispatch(id).await?.ok_or_else(|| {
        Problem::not_found(format!("no dispatch {id} of a justerad paragraph")).in_swedish(
            "Expedieringen finns inte, eller hör till en paragraf som inte är justerad.",
        )
    })?;
    if !may_dispatch(caller, &found) {
        return Err(Problem::new(
            StatusCode::FORBIDDEN,
            format!("dispatch {id} belongs to a body you are not secretary of"),
        ));
    }
    Ok(found)
}

async fn mark(
    state: &AppState,
    caller: &Caller,
    id: i64,
    sent_at: NaiveDate,
    how: &str,
) -> Result<Dispatch, Problem> {
    let found = own_dispatch(state, caller, id).await?;
    if sent_at > (state.today)() {
        return Err(Problem::unprocessable("sent_at: a day in the future")
            .in_swedish("Dagen då beslutet skickades kan inte vara i framtiden."));
    }
    // The day a `YYYY-MM-DD…` text begins with.
    let day = |text: &str| {
        text.get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    };
    // A decision is sent out after the meeting that made it (the meeting's slug begins with
    // its date).
    if let Some(held) = day(&found.meeting)
        && sent_at < held
    {
        return Err(Problem::unprocessable(format!(
            "sent_at: {sent_at} is before the meeting ({held})"
        ))
        .in_swedish(format!(
            "Dagen {sent_at} är före sammanträdet {held}: ett beslut skickas efter sammanträdet."
        )));
    }
    // Nor before its paragraph was justerad: the decision may be acted on, and so sent, only
    // then (KL 5 kap. 69-70 §§).
    if let Some(justerad) = found.justerad_on.as_deref().and_then(day)
        && sent_at < justerad
    {
        return Err(Problem::unprocessable(format!(
            "sent_at: {sent_at} is before the paragraph was justerad ({justerad})"
        ))
        .in_swedish(format!(
            "Dagen {sent_at} är före justeringen {justerad}: ett beslut expedieras när paragrafen är justerad."
        )));
    }
    match state
        .store
        .mark_dispatched(&caller.actor(), id, sent_at, how)
        .await
    {
        Err(kansli_store::StoreError::Conflict(en)) => Err(Problem::new(StatusCode::CONFLICT, en)
            .in_swedish(format!(
                "Beslutet är redan markerat som skickat {} ({}).",
                found.sent_at.as_deref().unwrap_or("-"),
                found.how.as_deref().unwrap_or("-")
            ))),
        other => other?.ok_or_else(|| Problem::not_found(format!("no dispatch {id}"))),
    }
}

/// `markDispatched`: `POST /api/v1/dispatches/{id}` `{sent_at, how}` → the dispatch.
/// `unmarkDispatched`: `DELETE /api/v1/dispatches/{id}/sent` → the dispatch, unsent again (a
/// "skickat" marked by mistake; audited). 409 when it is not marked sent.
pub async fn unmark_dispatched(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> Result<Json<Value>, Problem> {
    let d = unmark(&state, &caller, id).await?;
    Ok(Json(dispatch_json(&d)))
}

async fn unmark(state: &AppState, caller: &Caller, id: i64) -> Result<Dispatch, Problem> {
    own_dispatch(state, caller, id).await?;
    match state.store.unmark_dispatched(&caller.actor(), id).await {
        Ok(Some(d)) => Ok(d),
        Ok(None) => Err(Problem::not_found(format!("no dispatch {id}"))),
        Err(kansli_store::StoreError::Conflict(m)) => Err(Problem::new(StatusCode::CONFLICT, m)
            .in_swedish("Expedieringen är inte markerad som skickad.")),
        Err(e) => Err(e.into()),
    }
}

/// `POST /kansli/expediering/{id}/angra`: a "skickat" taken back, then back to the list.
pub async fn unmark_form(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> Response {
    match unmark(&state, &caller, id).await {
        Ok(_) => {
            let mut r = Redirect::to("/kansli/expediering").into_response();
            *r.status_mut() = StatusCode::SEE_OTHER;
            r
        }
        Err(p) if p.status == StatusCode::FORBIDDEN => message_page(
            StatusCode::FORBIDDEN,
            "Du saknar behörighet",
            "Expedieringen hör till ett organ som du inte är sekreterare för.",
        ),
        Err(p) => {
            let why = p
                .swedish
                .clone()
                .unwrap_or_else(|| "Markeringen kunde inte tas tillbaka.".into());
            page_with(&state, &caller, p.status, Some(why), None).await
        }
    }
}

pub async fn mark_dispatched(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Body(body): Body<MarkDispatched>,
) -> Result<Json<Value>, Problem> {
    let d = mark(&state, &caller, id, body.sent_at, &body.how).await?;
    Ok(Json(dispatch_json(&d)))
}

/// The certified protokollsutdrag of a dispatch's paragraph: rendered from the justerade
/// record with an Utdragsbestyrkande naming the caller (secretary) and today, and sealed with
/// the authority's seal, the first time it is asked for; kept then (not public), so it is the
/// same file every time after and a check of it (`verifyDocument`) finds its minutes. Returns
/// the file name and the PDF.
async fn certified_extract(
    state: &AppState,
    caller: &Caller,
    id: i64,
) -> Result<(String, Vec<u8>), Problem> {
    let d = own_dispatch(state, caller, id).await?;
    let name = format!(
        "{}-{}-{}-protokollsutdrag-p{}.pdf",
        d.authority, d.body, d.meeting, d.paragraph
    );
    // Made once, when first asked for, and kept as sent: the same document every time after.
    if let Some(kept) = state.store.dispatch_extract(id).await? {
        return Ok((name, kept));
    }
    let found = state
        .store
        .find_meetings(&format!("{}/{}/{}", d.authority, d.body, d.meeting))
        .await?;
    let meeting = found
        .iter()
        .find(|m| {
            m.authority_slug == d.authority && m.body_slug == d.body && m.meeting_slug == d.meeting
        })
        .ok_or_else(|| Problem::not_found(format!("the minutes of dispatch {id}")))?;
    let record = match state.store.meeting_reading(meeting.meeting_id).await? {
        Some(reading) => reading.protocol,
        // The rest of the minutes is not justerad yet: a paragraph justerad on its own
        // (omedelbar justering) is final, so its certified extract is made from the released
        // record and kept like any other — sent at once, the same file ever after.
        None if !d.minutes_justerade => {
            super::recording::recorded(state, &d.authority, &d.body, &d.meeting)
                .await?
                .record
        }
        None => {
            return Err(Problem::not_found(format!(
                "the justerade minutes of dispatch {id}"
            )));
        }
    };
    let paragraph = u32::try_from(d.paragraph)
        .map_err(|_| Problem::not_found(format!("paragraph {}", d.paragraph)))?;
    let kind = kansli_render::DocumentKind::extract(&paragraph.to_string())
        .map_err(|e| Problem::unprocessable(e.to_string()))?;
    let certified_by = format!("{}, sekreterare", caller.user.name);
    let options = kansli_render::RenderOptions {
        certification: Some(kansli_render::Certification {
            by: certified_by.clone(),
            on: (state.today)().to_string(),
            place: record.justering.place.clone().filter(|p| {
                // "Digitalt" is how, not where.
                !p.trim().eq_ignore_ascii_case("digitalt")
            }),
        }),
        rattelser: crate::documents::rattelser(state, (&d.authority, &d.body, &d.meeting), &kind)
            .await?,
        ..crate::documents::options(state, &d.authority).await
    };
    let reason = format!(
        "Bestyrkt protokollsutdrag, {} {} § {}, till {}",
        d.body_name, d.meeting, d.paragraph, d.recipient
    );
    let pdf = super::recording::sealed_pdf(
        state,
        record,
        kind,
        options,
        "rendering a certified extract",
        reason,
        &meeting.authority_name,
    )
    .await?;
    match state
        .store
        .keep_dispatch_extract(&caller.actor(), id, &certified_by, &pdf, &name)
        .await
    {
        Ok(_) => Ok((name, pdf)),
        // Another request made it first: that one is the extract sent.
        Err(kansli_store::StoreError::Conflict(_)) => {
            let kept = state.store.dispatch_extract(id).await?;
            Ok((name, kept.unwrap_or(pdf)))
        }
        Err(e) => Err(e.into()),
    }
}

fn pdf_response(name: &str, pdf: Vec<u8>) -> Response {
    let mut r = pdf.into_response();
    let h = r.headers_mut();
    h.insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/pdf"),
    );
    if let Ok(v) = axum::http::HeaderValue::from_str(&format!("inline; filename=\"{name}\"")) {
        h.insert(axum::http::header::CONTENT_DISPOSITION, v);
    }
    r
}

/// `getDispatchExtract`: `GET /api/v1/dispatches/{id}/extract.pdf` → the certified
/// protokollsutdrag for that recipient (PDF/A, sealed).
pub async fn dispatch_extract(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> Result<Response, Problem> {
    let (name, pdf) = certified_extract(&state, &caller, id).await?;
    Ok(pdf_response(&name, pdf))
}

/// `GET /kansli/expediering/{id}/utdrag.pdf`: the same for the page, errors in Swedish.
pub async fn extract_page(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> Response {
    match certified_extract(&state, &caller, id).await {
        Ok((name, pdf)) => pdf_response(&name, pdf),
        Err(p) if p.status == StatusCode::FORBIDDEN => message_page(
            StatusCode::FORBIDDEN,
            "Du saknar behörighet",
            "Expedieringen hör till ett organ som du inte är sekreterare för.",
        ),
        Err(p) if p.status == StatusCode::NOT_FOUND => message_page(
            StatusCode::NOT_FOUND,
            "Utdraget finns inte",
            "Det finns ingen sådan expediering av ett justerat protokoll.",
        ),
        Err(_) => message_page(
            StatusCode::SERVICE_UNAVAILABLE,
            "Utdraget kunde inte göras",
            "Protokollsutdraget kunde inte skapas just nu. Försök igen om en stund.",
        ),
    }
}

/// A row of the expediering page.
pub struct DispatchRow {
    id: i64,
    body: String,
    meeting: String,
    meeting_url: String,
    paragraph: i64,
    title: String,
    recipient: String,
    sent: Option<String>,
}

#[derive(Template)]
#[template(path = "kansli/expediering.html")]
struct ExpedieringPage {
    frame: Frame,
    unsent: Vec<DispatchRow>,
    sent: Vec<DispatchRow>,
    today: String,
    ways: [&'static str; 3],
    message: Option<String>,
    /// The row whose form was refused (0: none), with what it held: given back, not retyped.
    draft_id: i64,
    draft_sent: String,
    draft_how: String,
}

fn row(d: &Dispatch) -> DispatchRow {
    DispatchRow {
        id: d.id,
        body: d.body_name.clone(),
        meeting: d.meeting.clone(),
        // Minutes not yet justerade have no public page.
        meeting_url: if d.minutes_justerade {
            crate::paths::meeting(&d.authority, &d.body, &d.meeting)
        } else {
            String::new()
        },

        paragraph: d.paragraph,
        title: d.paragraph_title.clone(),
        recipient: d.recipient.clone(),
        sent: d.sent_at.as_ref().map(|s| {
            format!(
                "{s}, {}{}",
                d.how.clone().unwrap_or_default(),
                d.sent_by
                    .as_ref()
                    .map(|b| format!(" ({b})"))
                    .unwrap_or_default()
            )
        }),
    }
}

/// A refused "skickat" form: the row and what it held.
struct SentDraft {
    id: i64,
    sent_at: String,
    how: String,
}

async fn page_with(
    state: &AppState,
    caller: &Caller,
    status: StatusCode,
    message: Option<String>,
    draft: Option<SentDraft>,
) -> Response {
    let all = match state
        .store
        .dispatches(&secretary_bodies(caller), false)
        .await
    {
        Ok(all) => all,
        Err(e) => {
            tracing::error!(error = %e, "cannot read the dispatches");
            return message_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Ett fel uppstod",
                "Expedieringen kunde inte visas.",
            );
        }
    };
    let (sent, unsent): (Vec<&Dispatch>, Vec<&Dispatch>) =
        all.iter().partition(|d| d.sent_at.is_some());
    let draft = draft.unwrap_or(SentDraft {
        id: 0,
        sent_at: String::new(),
        how: String::new(),
    });
    render(
        status,
        &ExpedieringPage {
            frame: Frame::new("Expediering", Some(caller), "/kansli/expediering"),
            unsent: unsent.into_iter().map(row).collect(),
            sent: sent.into_iter().rev().map(row).collect(),
            today: (state.today)().to_string(),
            ways: kansli_store::notices::DISPATCH_WAYS,
            message,
            draft_id: draft.id,
            draft_sent: draft.sent_at,
            draft_how: draft.how,
        },
    )
}

/// `GET /kansli/expediering`: what is unsent across the secretary's bodies, and what was sent.
pub async fn page(State(state): State<AppState>, caller: Caller) -> Response {
    page_with(&state, &caller, StatusCode::OK, None, None).await
}

/// The form marking one dispatch sent.
#[derive(Debug, Deserialize)]
pub struct SentForm {
    sent_at: String,
    how: String,
}

/// `POST /kansli/expediering/{id}`: marks a dispatch sent, then back to the list.
pub async fn mark_form(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(form): Form<SentForm>,
) -> Response {
    let draft = || SentDraft {
        id,
        sent_at: form.sent_at.trim().to_string(),
        how: form.how.trim().to_string(),
    };
    let Ok(day) = NaiveDate::parse_from_str(form.sent_at.trim(), "%Y-%m-%d") else {
        return page_with(
            &state,
            &caller,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("Ange datumet som ÅÅÅÅ-MM-DD.".into()),
            Some(draft()),
        )
        .await;
    };
    match mark(&state, &caller, id, day, form.how.trim()).await {
        Ok(_) => {
            let mut r = Redirect::to("/kansli/expediering").into_response();
            *r.status_mut() = StatusCode::SEE_OTHER;
            r
        }
        Err(p) if p.status == StatusCode::FORBIDDEN => message_page(
            StatusCode::FORBIDDEN,
            "Du saknar behörighet",
            "Expedieringen hör till ett organ som du inte är sekreterare för.",
        ),
        Err(p) => {
            let why = p
                .swedish
                .unwrap_or_else(|| "Expedieringen kunde inte markeras som skickad.".into());
            page_with(&state, &caller, p.status, Some(why), Some(draft())).await
        }
    }
}
