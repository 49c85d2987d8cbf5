//! The diarium in the web UI, for registrators and secretaries: an authority's cases (search,
//! register), and a case's page (documents with their secrecy, upload, close and reopen, where
//! it was handled).

use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kansli_store::{CaseFile, CaseQuery, CaseRecord, NewDocument, StoreError};
use serde::Deserialize;

use super::access::Caller;
use super::pages::{Frame, local_time, message_page, render};
use crate::AppState;

/// The diarium's search form, as a query.
#[derive(Debug, Default, Deserialize)]
pub struct DiariumQuery {
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    handlaggare: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    fran: Option<String>,
    #[serde(default)]
    till: Option<String>,
}

struct CaseRow {
    dnr: String,
    href: String,
    title: String,
    handler: String,
    status: &'static str,
    registered: String,
}

fn status_sv(status: &str) -> &'static str {
    if status == "closed" {
        "Avslutat"
    } else {
        "Pågående"
    }
}

/// When the case was registered, as the diarium shows it. A case known only from imported
/// minutes was registered in another system on a day Kansli does not know: its import time is
/// no registration day, so the page says where it came from instead.
fn registered_text(c: &CaseRecord) -> String {
    if c.origin == "import" {
        "Okänt (ur importerat protokoll)".into()
    } else {
        local_time(&c.created_at)
    }
}

fn row(authority: &str, c: &CaseRecord) -> CaseRow {
    CaseRow {
        dnr: c.dnr.clone(),
        href: format!("/kansli/diarium/{authority}/{}", c.key),
        title: c.title.clone(),
        handler: c.handler.clone().unwrap_or_default(),
        status: status_sv(&c.status),
        registered: registered_text(c),
    }
}

#[derive(Template)]
#[template(path = "kansli/diarium.html")]
struct DiariumPage {
    frame: Frame,
    authority: String,
    authority_name: String,
    rows: Vec<CaseRow>,
    total: i64,
    q: String,
    handler: String,
    status: String,
    from: String,
    to: String,
    message: Option<String>,
}

fn date_or_empty(raw: &Option<String>) -> Option<String> {
    raw.as_deref()
        .map(str::trim)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(|d| d.to_string())
}

/// `GET /kansli/diarium/{a}`.
pub async fn diarium(
    State(state): State<AppState>,
    caller: Caller,
    Path(a): Path<String>,
    Query(query): Query<DiariumQuery>,
) -> Response {
    let Ok(Some(authority)) = state.store.authority_record(&a).await else {
        return message_page(
            StatusCode::NOT_FOUND,
            "Myndigheten finns inte",
            "Det finns ingen myndighet med den adressen i Kansli.",
        );
    };
    let clip = |s: &Option<String>| {
        s.as_deref()
            .map(|s| s.trim().chars().take(200).collect::<String>())
            .unwrap_or_default()
    };
    let (from, to) = (date_or_empty(&query.fran), date_or_empty(&query.till));
    let status = match query.status.as_deref() {
        Some(s @ ("open" | "closed")) => s.to_string(),
        _ => String::new(),
    };
    let search = CaseQuery {
        text: Some(clip(&query.q)),
        handler: Some(clip(&query.handlaggare)),
        status: Some(status.clone()).filter(|s| !s.is_empty()),
        from: from.clone(),
        to: to.clone(),
        limit: 200,
        offset: 0,
    };
    let (cases, total) = match state.store.search_cases(&authority.slug, &search).await {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "cannot search the diarium");
            return message_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Ett fel uppstod",
                "Diariet kunde inte läsas.",
            );
        }
    };
    render(
        StatusCode::OK,
        &DiariumPage {
            frame: Frame::new(
                format!("Diariet – {}", authority.name),
                Some(&caller),
                "/kansli/diarium",
            ),
            rows: cases.iter().map(|c| row(&authority.slug, c)).collect(),
            total,
            q: clip(&query.q),
            handler: clip(&query.handlaggare),
            status,
            from: from.unwrap_or_default(),
            to: to.unwrap_or_default(),
            authority: authority.slug,
            authority_name: authority.name,
            message: None,
        },
    )
}

/// The register form.
#[derive(Debug, Default, Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    handler: String,
}

/// `POST /kansli/diarium/{a}`: registers a case and opens its page.
pub async fn register(
    State(state): State<AppState>,
    caller: Caller,
    Path(a): Path<String>,
    Form(form): Form<RegisterForm>,
) -> Response {
    let title = form.title.trim();
    if title.is_empty() || title.chars().count() > 500 {
        return message_page(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Ärendet kunde inte registreras",
            "Skriv ärendets rubrik (högst 500 tecken).",
        );
    }
    let handler = Some(form.handler.trim()).filter(|h| !h.is_empty());
    match state
        .store
        .register_case(&caller.actor(), &a, title, handler)
        .await
    {
        Ok(Some(case)) => {
            let mut r = Redirect::to(&format!("/kansli/diarium/{}/{}", case.authority, case.key))
                .into_response();
            *r.status_mut() = StatusCode::SEE_OTHER;
            r
        }
        Ok(None) => message_page(
            StatusCode::NOT_FOUND,
            "Myndigheten finns inte",
            "Det finns ingen myndighet med den adressen i Kansli.",
        ),
        Err(e) => {
            tracing::error!(error = %e, "cannot register a case");
            message_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Ett fel uppstod",
                "Ärendet kunde inte registreras. Försök igen.",
            )
        }
    }
}

struct DocumentRow {
    id: i64,
    version: i64,
    title: String,
    /// `incoming`, `outgoing`, `internal` (for the correction form).
    direction_code: String,
    direction: &'static str,
    confidential: bool,
    ground: String,
    size: String,
    media_type: String,
    registered: String,
}

#[derive(Template)]
#[template(path = "kansli/case.html")]
struct CasePage {
    frame: Frame,
    authority: String,
    case: CaseRecord,
    status: &'static str,
    registered: String,
    documents: Vec<DocumentRow>,
    handled: Vec<(String, Option<String>)>,
    /// Meetings ahead whose agenda carries the case: (text, link to the agenda).
    on_agenda: Vec<(String, String)>,
    message: Option<String>,
    error: bool,
    /// What the registration form holds: empty, or what was typed before a refusal (a browser
    /// never refills the file, so the page says to choose it again).
    draft: DocumentDraft,
}

/// The registration form's fields as typed, given back with a refusal so nothing is retyped.
#[derive(Debug, Clone, Default)]
struct DocumentDraft {
    title: String,
    direction: String,
    confidential: bool,
    ground: String,
    /// The name of the file chosen before (it must be chosen again).
    file_name: String,
}

/// Where a case's coming meeting links for this caller: the agenda for its body's secretary
/// (or an administrator), else the public meeting page once the kallelse is issued (a
/// registrator does not build agendas), else nowhere (empty).
fn agenda_link(caller: &Caller, authority: &str, x: &kansli_store::AgendaPlacement) -> String {
    let target = kansli_auth::Target {
        authority: Some(authority.to_string()),
        body: Some(x.body.clone()),
    };
    if caller.holds(kansli_auth::Role::Secretary, &target)
        || caller.holds(kansli_auth::Role::Admin, &target)
    {
        format!("/kansli/moten/{authority}/{}/{}", x.body, x.meeting)
    } else if x.kallelse_issued {
        format!("/{authority}/{}/{}", x.body, x.meeting)
    } else {
        String::new()
    }
}

fn direction_sv(d: Option<&str>) -> &'static str {
    match d {
        Some("incoming") => "Inkommande",
        Some("outgoing") => "Utgående",
        Some("internal") => "Upprättad",
        _ => "–",
    }
}

fn size_text(bytes: Option<i64>) -> String {
    match bytes {
        Some(b) if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        Some(b) if b >= 1024 => format!("{} kB", b / 1024),
        Some(b) => format!("{b} byte"),
        None => "–".into(),
    }
}

async fn case_page(
    state: &AppState,
    caller: &Caller,
    a: &str,
    key: &str,
    status: StatusCode,
    message: Option<(String, bool)>,
    draft: DocumentDraft,
) -> Response {
    let file: CaseFile = match state.store.case_file(a, key).await {
        Ok(Some(f)) => f,
        Ok(None) => {
            return message_page(
                StatusCode::NOT_FOUND,
                "Ärendet finns inte",
                "Det finns inget ärende med det diarienumret hos myndigheten.",
            );
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot read a case");
            return message_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Ett fel uppstod",
                "Ärendet kunde inte visas.",
            );
        }
    };
    let (message, error) = match message {
        Some((m, e)) => (Some(m), e),
        None => (None, false),
    };
    render(
        status,
        &CasePage {
            frame: Frame::new(file.case.dnr.clone(), Some(caller), "/kansli/diarium"),
            authority: a.to_lowercase(),
            status: status_sv(&file.case.status),
            registered: registered_text(&file.case),
            documents: file
                .documents
                .iter()
                .map(|d| DocumentRow {
                    id: d.id,
                    version: d.version,
                    title: d.title.clone(),
                    direction_code: d.direction.clone().unwrap_or_default(),
                    direction: direction_sv(d.direction.as_deref()),
                    confidential: d.confidential,
                    ground: d.secrecy_ground.clone().unwrap_or_default(),
                    size: size_text(d.size),
                    media_type: d.media_type.clone().unwrap_or_default(),
                    registered: local_time(&d.registered_at),
                })
                .collect(),
            handled: file
                .handled
                .iter()
                .map(|h| {
                    let text = format!(
                        "{} {} § {} – {}",
                        h.body_name, h.meeting_date, h.paragraph, h.title
                    );
                    // Minutes not yet justerade have no public page yet.
                    if h.is_public() {
                        (
                            text,
                            Some(format!(
                                "/{}/{}/{}/paragraf/{}",
                                a.to_lowercase(),
                                h.body,
                                h.meeting,
                                h.paragraph
                            )),
                        )
                    } else {
                        (format!("{text} (protokollet är inte justerat)"), None)
                    }
                })
                .collect(),
            on_agenda: file
                .on_agenda
                .iter()
                .map(|x| {
                    (
                        format!(
                            "{} {}, punkt {}{}",
                            x.body_name,
                            x.meeting_date,
                            x.position,
                            if x.kallelse_issued {
                                " (kallelsen utfärdad)"
                            } else {
                                ""
                            }
                        ),
                        agenda_link(caller, &a.to_lowercase(), x),
                    )
                })
                .collect(),
            case: file.case,
            message,
            error,
            draft,
        },
    )
}

/// `GET /kansli/diarium/{a}/{key}`.
pub async fn case(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, key)): Path<(String, String)>,
    Query(query): Query<CasePageQuery>,
) -> Response {
    // After an upload the browser is sent here (post/redirect/get): a reload then shows the
    // case again instead of registering the document twice.
    let changed = match query.status.as_deref() {
        Some("avslutat") => Some(("Ärendet är avslutat.".to_string(), false)),
        Some("oppnat") => Some(("Ärendet är öppnat igen.".to_string(), false)),
        Some("rattat") => Some(("Ärendet är rättat.".to_string(), false)),
        Some("handling-rattad") => Some(("Handlingen är rättad.".to_string(), false)),
        _ => None,
    };
    let message = match query.registrerad {
        None if changed.is_some() => changed,
        Some(id) => match state.store.case_file(&a, &key).await {
            Ok(Some(file)) => file
                .documents
                .iter()
                .find(|d| d.id == id)
                .map(|d| {
                    let twin = query.samma.and_then(|t| file.documents.iter().find(|x| x.id == t));
                    match twin {
                        Some(t) => (
                            format!(
                                "Handlingen ”{}” är registrerad. Samma fil är redan registrerad i ärendet som ”{}”: rätta eller kontrollera om det var avsikten.",
                                d.title, t.title
                            ),
                            false,
                        ),
                        None => (format!("Handlingen ”{}” är registrerad.", d.title), false),
                    }
                }),
            _ => None,
        },
        None => None,
    };
    case_page(
        &state,
        &caller,
        &a,
        &key,
        StatusCode::OK,
        message,
        DocumentDraft::default(),
    )
    .await
}

/// The case page's query: the document just registered, for the confirmation.
#[derive(Debug, Default, Deserialize)]
pub struct CasePageQuery {
    #[serde(default)]
    registrerad: Option<i64>,
    /// `avslutat` or `oppnat`: the case was just closed or reopened.
    #[serde(default)]
    status: Option<String>,
    /// The document already registered with the same file as the one just registered.
    #[serde(default)]
    samma: Option<i64>,
}

/// The close/reopen form.
#[derive(Debug, Default, Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    version: Option<i64>,
}

async fn set_status(
    state: &AppState,
    caller: &Caller,
    a: &str,
    key: &str,
    closed: bool,
    version: Option<i64>,
) -> Response {
    let (status, message) = match state
        .store
        .set_case_status(&caller.actor(), a, key, closed, version)
        .await
    {
        // Post/redirect/get: a reload then shows the case instead of posting the form again
        // (which would be refused as someone else's change).
        Ok(Some(case)) => {
            let mut r = Redirect::to(&format!(
                "/kansli/diarium/{}/{}?status={}",
                a.to_lowercase(),
                case.key,
                if closed { "avslutat" } else { "oppnat" }
            ))
            .into_response();
            *r.status_mut() = StatusCode::SEE_OTHER;
            return r;
        }
        Ok(None) => (StatusCode::NOT_FOUND, ("Ärendet finns inte.".to_string(), true)),
        Err(StoreError::Stale { .. }) => (
            StatusCode::CONFLICT,
            (
                "Någon annan ändrade ärendet samtidigt. Så här ser det ut nu; gör om ändringen om den behövs."
                    .to_string(),
                true,
            ),
        ),
        Err(e) => {
            tracing::error!(error = %e, "cannot change a case");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                ("Ändringen kunde inte sparas.".to_string(), true),
            )
        }
    };
    case_page(
        state,
        caller,
        a,
        key,
        status,
        Some(message),
        DocumentDraft::default(),
    )
    .await
}

/// `POST /kansli/diarium/{a}/{key}/avsluta`.
pub async fn close(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, key)): Path<(String, String)>,
    Form(form): Form<StatusForm>,
) -> Response {
    set_status(&state, &caller, &a, &key, true, form.version).await
}

/// `POST /kansli/diarium/{a}/{key}/oppna`.
pub async fn reopen(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, key)): Path<(String, String)>,
    Form(form): Form<StatusForm>,
) -> Response {
    set_status(&state, &caller, &a, &key, false, form.version).await
}

/// The form correcting a case.
#[derive(Debug, Default, Deserialize)]
pub struct CaseCorrectionForm {
    #[serde(default)]
    version: Option<i64>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    handler: String,
}

/// What a correction's refusal says, in Swedish; `None` for an error to log.
fn correction_refused(e: &StoreError) -> Option<(StatusCode, String)> {
    match e {
        StoreError::Stale { .. } => Some((
            StatusCode::CONFLICT,
            "Någon annan ändrade samtidigt. Så här ser det ut nu; gör om rättelsen om den behövs."
                .into(),
        )),
        StoreError::Invalid(d) if d.starts_with("title") => {
            Some((StatusCode::UNPROCESSABLE_ENTITY, "Skriv en rubrik.".into()))
        }
        StoreError::Invalid(_) => Some((
            StatusCode::UNPROCESSABLE_ENTITY,
            "Välj om handlingen är inkommande, utgående eller upprättad.".into(),
        )),
        _ => None,
    }
}

/// The case page again with why a correction was refused.
async fn refused(
    state: &AppState,
    caller: &Caller,
    a: &str,
    key: &str,
    status: StatusCode,
    why: String,
) -> Response {
    case_page(
        state,
        caller,
        a,
        key,
        status,
        Some((why, true)),
        DocumentDraft::default(),
    )
    .await
}

/// After a correction: the case page (post/redirect/get), saying what was done.
fn corrected(a: &str, key: &str, what: &str) -> Response {
    let mut r = Redirect::to(&format!(
        "/kansli/diarium/{}/{key}?status={what}",
        a.to_lowercase()
    ))
    .into_response();
    *r.status_mut() = StatusCode::SEE_OTHER;
    r
}

/// The first of `fields` (its Swedish name, its text) holding a character no text may hold,
/// as the Swedish message that refuses it.
fn forbidden_in_fields(fields: &[(&str, &str)]) -> Option<String> {
    fields.iter().find_map(|(field, text)| {
        kansli_core::text::forbidden_char(text).map(|c| {
            format!(
                "{field} innehåller ett tecken som inte får finnas i text (U+{:04X}).",
                u32::from(c)
            )
        })
    })
}

/// `POST /kansli/diarium/{a}/{key}/ratta`: the case's title and handläggare corrected.
pub async fn correct_case(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, key)): Path<(String, String)>,
    Form(form): Form<CaseCorrectionForm>,
) -> Response {
    let refuse = |status: StatusCode, m: String| refused(&state, &caller, &a, &key, status, m);
    if form.title.chars().count() > 500 {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Rubriken får vara högst 500 tecken.".into(),
        )
        .await;
    }
    if let Some(m) = forbidden_in_fields(&[
        ("Rubriken", form.title.as_str()),
        ("Handläggaren", form.handler.as_str()),
    ]) {
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, m).await;
    }
    let Some(version) = form.version else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "Ladda om sidan och försök igen.".into(),
        )
        .await;
    };
    let change = kansli_store::CaseChange {
        title: Some(form.title),
        handler: Some(form.handler),
    };
    match state
        .store
        .update_case(&caller.actor(), &a, &key, version, &change)
        .await
    {
        Ok(Some(case)) => corrected(&a, &case.key, "rattat"),
        Ok(None) => message_page(
            StatusCode::NOT_FOUND,
            "Ärendet finns inte",
            "Det finns inget ärende med det diarienumret.",
        ),
        Err(e) => match correction_refused(&e) {
            Some((status, m)) => refuse(status, m).await,
            None => {
                tracing::error!(error = %e, "cannot correct a case");
                refuse(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Rättelsen kunde inte sparas.".into(),
                )
                .await
            }
        },
    }
}

/// The form correcting a document's registration.
#[derive(Debug, Default, Deserialize)]
pub struct DocumentCorrectionForm {
    #[serde(default)]
    version: Option<i64>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    direction: String,
    #[serde(default)]
    confidential: Option<String>,
    #[serde(default)]
    secrecy_ground: String,
}

/// `POST /kansli/diarium/{a}/{key}/handlingar/{id}/ratta`: a document's title, direction and
/// secrecy corrected (never its content).
pub async fn correct_document(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, key, id)): Path<(String, String, String)>,
    Form(form): Form<DocumentCorrectionForm>,
) -> Response {
    let refuse = |status: StatusCode, m: String| refused(&state, &caller, &a, &key, status, m);
    let Ok(id) = id.parse::<i64>() else {
        return message_page(
            StatusCode::NOT_FOUND,
            "Handlingen finns inte",
            "Det finns ingen sådan handling.",
        );
    };
    let confidential = form.confidential.as_deref().is_some_and(|v| !v.is_empty());
    let ground = form.secrecy_ground.trim().to_string();
    if confidential && ground.is_empty() {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "En sekretessmarkerad handling behöver sin sekretessgrund, till exempel ”OSL 21 kap. 7 §”.".into(),
        )
        .await;
    }
    if form.title.chars().count() > 500 {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Rubriken får vara högst 500 tecken.".into(),
        )
        .await;
    }
    if let Some(m) = forbidden_in_fields(&[
        ("Rubriken", form.title.as_str()),
        ("Sekretessgrunden", ground.as_str()),
    ]) {
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, m).await;
    }
    let Some(version) = form.version else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "Ladda om sidan och försök igen.".into(),
        )
        .await;
    };
    let change = kansli_store::DocumentChange {
        title: Some(form.title),
        direction: Some(form.direction),
        confidential: Some(confidential),
        secrecy_ground: Some(ground),
    };
    match state
        .store
        .update_document(&caller.actor(), &a, &key, id, version, &change)
        .await
    {
        Ok(Some(_)) => corrected(&a, &key, "handling-rattad"),
        Ok(None) => message_page(
            StatusCode::NOT_FOUND,
            "Handlingen finns inte",
            "Ärendet har ingen sådan handling.",
        ),
        Err(e) => match correction_refused(&e) {
            Some((status, m)) => refuse(status, m).await,
            None => {
                tracing::error!(error = %e, "cannot correct a document");
                refuse(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Rättelsen kunde inte sparas.".into(),
                )
                .await
            }
        },
    }
}

/// `POST /kansli/diarium/{a}/{key}/handlingar?csrf=…`: a document uploaded from the case page
/// (multipart: the CSRF token travels in the form's action, since the guard does not read
/// file uploads).
pub async fn upload(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, key)): Path<(String, String)>,
    multipart: Multipart,
) -> Response {
    let limit_mb = state.auth.max_upload / (1024 * 1024);
    let refuse = |status: StatusCode, m: String, draft: DocumentDraft| {
        let state = state.clone();
        let caller = caller.clone();
        let (a, key) = (a.clone(), key.clone());
        async move { case_page(&state, &caller, &a, &key, status, Some((m, true)), draft).await }
    };
    let upload = match super::upload::read(multipart).await {
        Ok(u) => u,
        Err(super::upload::UploadError::TooLarge) => {
            return refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "Filen är för stor. Den största handling som kan registreras är {limit_mb} MB."
                ),
                DocumentDraft::default(),
            )
            .await;
        }
        Err(super::upload::UploadError::Malformed(_)) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "Filen kunde inte tas emot. Försök igen.".into(),
                DocumentDraft::default(),
            )
            .await;
        }
    };
    let title = upload.title.unwrap_or_default().trim().to_string();
    let direction = upload.direction.unwrap_or_default();
    let confidential = upload.confidential.is_some_and(|v| !v.is_empty());
    let ground = upload
        .secrecy_ground
        .map(|g| g.trim().to_string())
        .filter(|g| !g.is_empty());
    let file_name = upload.file_name.unwrap_or_else(|| "dokument".into());
    let draft = DocumentDraft {
        title: title.clone(),
        direction: direction.clone(),
        confidential,
        ground: ground.clone().unwrap_or_default(),
        file_name: if upload.file.as_ref().is_some_and(|f| !f.is_empty()) {
            file_name.clone()
        } else {
            String::new()
        },
    };
    let file = upload.file;
    let Some(file) = file.filter(|f| !f.is_empty()) else {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Välj en fil att registrera.".into(),
            draft.clone(),
        )
        .await;
    };
    if title.is_empty() || title.chars().count() > 500 {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            if title.is_empty() {
                "Skriv handlingens rubrik."
            } else {
                "Rubriken får vara högst 500 tecken."
            }
            .into(),
            draft.clone(),
        )
        .await;
    }
    if !matches!(direction.as_str(), "incoming" | "outgoing" | "internal") {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Välj om handlingen är inkommande, utgående eller upprättad.".into(),
            draft.clone(),
        )
        .await;
    }
    if let Some(m) = forbidden_in_fields(&[
        ("Rubriken", title.as_str()),
        ("Sekretessgrunden", ground.as_deref().unwrap_or("")),
    ]) {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("{m} Ta bort det och försök igen."),
            draft.clone(),
        )
        .await;
    }
    if confidential && ground.is_none() {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "En sekretessmarkerad handling behöver sin sekretessgrund, till exempel ”OSL 21 kap. 7 §”.".into(),
            draft.clone(),
        )
        .await;
    }
    let document = NewDocument {
        title,
        direction,
        confidential,
        secrecy_ground: ground,
        media_type: super::diarium::media_type(&file),
        file_name,
        content: file,
    };
    match state
        .store
        .add_case_document(&caller.actor(), &a, &key, &document)
        .await
    {
        Ok(Some(d)) => {
            // The same file on the case already: said on the page shown after.
            let twin = super::diarium::same_file_registered(&state, &a, &key, &d)
                .await
                .map(|t| format!("&samma={}", t.id))
                .unwrap_or_default();
            let mut r = Redirect::to(&format!(
                "/kansli/diarium/{}/{}?registrerad={}{twin}",
                a.to_lowercase(),
                key,
                d.id
            ))
            .into_response();
            *r.status_mut() = StatusCode::SEE_OTHER;
            r
        }
        Ok(None) => message_page(
            StatusCode::NOT_FOUND,
            "Ärendet finns inte",
            "Det finns inget ärende med det diarienumret.",
        ),
        Err(StoreError::Conflict(_)) => {
            refuse(
                StatusCode::CONFLICT,
                "Ärendet är avslutat. Öppna det igen innan du registrerar en ny handling.".into(),
                draft.clone(),
            )
            .await
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot register a document");
            refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Handlingen kunde inte sparas.".into(),
                draft.clone(),
            )
            .await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(origin: &str) -> CaseRecord {
        CaseRecord {
            id: 1,
            authority: "lomma".into(),
            dnr: "KS 2019/12".into(),
            key: "KS-2019-12".into(),
            title: "Budget".into(),
            handler: None,
            status: "open".into(),
            origin: origin.into(),
            created_at: "2026-11-30T09:15:00Z".into(),
            closed_at: None,
            version: 1,
        }
    }

    #[test]
    fn an_imported_case_shows_no_import_time_as_its_registration() {
        assert_eq!(
            registered_text(&case("import")),
            "Okänt (ur importerat protokoll)"
        );
        assert!(registered_text(&case("registry")).starts_with("2026-11-30"));
    }
}
