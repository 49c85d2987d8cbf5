//! Justering in the web UI: the chair and the justerare read the released minutes (as they
//! will be printed), comment on them to the secretary, sign paragraphs declared immediately
//! justerade on their own (omedelbar justering) and then the whole minutes; everyone of the
//! body sees who has signed.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use kansli_core::record::MinutesState;
use kansli_core::text::fold;

use super::access::Caller;
use super::pages::{Frame, message_page, render};
use super::recording::{comment_as, may_comment, recorded, sign_as};
use crate::AppState;

struct Row {
    n: u32,
    title: String,
    decision: String,
}

#[derive(Template)]
#[template(path = "kansli/sign.html")]
struct SignPage {
    frame: Frame,
    base: String,
    body_name: String,
    date: String,
    state: String,
    readable: bool,
    may_sign: bool,
    role: String,
    signed: Vec<(String, String, String)>,
    waiting: Vec<String>,
    rows: Vec<Row>,
    done: bool,
    /// Paragraphs declared immediately justerade the caller may still sign alone.
    immediate: Vec<u32>,
    /// Paragraphs justerade on their own already, with their extract's address.
    justerade_alone: Vec<(u32, String)>,
    may_comment: bool,
    comments: Vec<kansli_store::JusteringComment>,
    message: Option<String>,
    /// The SHA-256 of the content shown, sent back with a signature.
    content_sha256: String,
}

fn base(a: &str, b: &str, m: &str) -> String {
    format!("/kansli/justering/{a}/{b}/{m}")
}

/// `GET /kansli/justering/{a}/{b}/{m}`.
pub async fn page(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
) -> Response {
    page_with(&state, &caller, &a, &b, &m, None).await
}

async fn page_with(
    state: &AppState,
    caller: &Caller,
    a: &str,
    b: &str,
    m: &str,
    message: Option<String>,
) -> Response {
    let (state, caller) = (state.clone(), caller);
    let (a, b, m) = (a.to_string(), b.to_string(), m.to_string());
    let r = match recorded(&state, &a, &b, &m).await {
        Ok(r) if r.stored && r.state != MinutesState::Draft => r,
        Ok(_) | Err(_) => {
            return message_page(
                StatusCode::NOT_FOUND,
                "Inget protokoll att justera",
                "Sammanträdet har inget protokoll som lämnats till justering.",
            );
        }
    };
    let signatures = match state.store.minutes_signatures(r.meeting.meeting_id).await {
        Ok(s) => s,
        Err(e) => return super::problem::Problem::from(e).into_response(),
    };
    let me = fold(&caller.user.name);
    let role = if r.record.chair.as_deref().is_some_and(|c| fold(c) == me) {
        "ordförande"
    } else if r.record.justerare.iter().any(|j| fold(j) == me) {
        "justerare"
    } else {
        ""
    };
    let already = signatures
        .iter()
        .any(|s| s.user_id == Some(caller.user.id) && s.paragraphs.is_none());
    let required: Vec<String> = r
        .record
        .chair
        .iter()
        .chain(r.record.justerare.iter())
        .cloned()
        .collect();
    let waiting: Vec<String> = required
        .iter()
        .filter(|_| r.state == MinutesState::Released)
        .filter(|n| {
            !signatures
                .iter()
                .any(|s| fold(&s.name) == fold(n) && s.paragraphs.is_none())
        })
        .cloned()
        .collect();
    let readable = matches!(
        r.state,
        MinutesState::Released | MinutesState::Justerad | MinutesState::Posted
    );
    let justerade_alone: Vec<(u32, String)> =
        match state.store.justerade_paragraphs(r.meeting.meeting_id).await {
            Ok(list) => list
                .into_iter()
                .map(|(n, sha)| (n, format!("/filer/{sha}")))
                .collect(),
            Err(e) => return super::problem::Problem::from(e).into_response(),
        };
    let immediate: Vec<u32> = if r.state == MinutesState::Released && !role.is_empty() && !already {
        r.record
            .items
            .iter()
            .filter(|i| i.recorded.immediately_justerad)
            .map(|i| i.paragraph)
            .filter(|n| {
                !signatures.iter().any(|s| {
                    s.user_id == Some(caller.user.id)
                        && s.paragraphs.as_ref().is_some_and(|p| p.contains(n))
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let commenting = may_comment(caller, &r, &a, &b);
    let comments = if commenting {
        match state.store.justering_comments(r.meeting.meeting_id).await {
            Ok(list) => list
                .into_iter()
                .map(|mut c| {
                    c.created_at = super::pages::local_time(&c.created_at);
                    c
                })
                .collect(),
            Err(e) => return super::problem::Problem::from(e).into_response(),
        }
    } else {
        Vec::new()
    };
    let content_sha256 = kansli_signing::content_sha256(&r.record).unwrap_or_default();
    let page = SignPage {
        content_sha256,
        frame: Frame::new(
            format!("Justering {} {}", r.meeting.body_name, r.meeting.date),
            Some(caller),
            "/kansli",
        ),
        base: base(&a, &b, &m),
        body_name: r.meeting.body_name.clone(),
        date: r.meeting.date.clone(),
        state: r.state.swedish().to_string(),
        readable,
        // Also when everyone has signed but the justering did not complete: signing again
        // completes it.
        may_sign: r.state == MinutesState::Released
            && !role.is_empty()
            && (!already || waiting.is_empty()),
        role: role.to_string(),
        signed: signatures
            .iter()
            .map(|s| {
                (
                    s.name.clone(),
                    s.role.clone().unwrap_or_default(),
                    s.signed_at
                        .as_deref()
                        .map(super::pages::local_time)
                        .unwrap_or_default(),
                )
            })
            .collect(),
        waiting,
        rows: if readable {
            r.record
                .items
                .iter()
                .map(|i| Row {
                    n: i.paragraph,
                    title: i.title.clone(),
                    decision: i.decision.clone().unwrap_or_default(),
                })
                .collect()
        } else {
            Vec::new()
        },
        done: r.state.is_public(),
        immediate,
        justerade_alone,
        may_comment: commenting && r.state == MinutesState::Released,
        comments,
        message,
    };
    render(StatusCode::OK, &page)
}

/// The comment form.
#[derive(Debug, serde::Deserialize)]
pub struct CommentForm {
    text: String,
    #[serde(default)]
    paragraf: String,
}

/// `POST …/kommentar`: a comment to the secretary, then back to the page.
pub async fn comment(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
    Form(form): Form<CommentForm>,
) -> Response {
    let paragraph = match form.paragraf.trim() {
        "" => None,
        n => match n.trim_start_matches('§').trim().parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                return page_with(
                    &state,
                    &caller,
                    &a,
                    &b,
                    &m,
                    Some(format!("”{n}” är inget paragrafnummer.")),
                )
                .await;
            }
        },
    };
    match comment_as(&state, &caller, &a, &b, &m, paragraph, &form.text).await {
        Ok(_) => {
            let mut r = Redirect::to(&format!("{}#kommentarer", base(&a, &b, &m))).into_response();
            *r.status_mut() = StatusCode::SEE_OTHER;
            r
        }
        Err(p) if p.status == StatusCode::FORBIDDEN => message_page(
            StatusCode::FORBIDDEN,
            "Du saknar behörighet",
            "Bara ordföranden, justerarna och sekreteraren kommenterar protokollet.",
        ),
        Err(p) => {
            let why = match p.status {
                StatusCode::CONFLICT => {
                    "Protokollet tar inte emot kommentarer nu: det är inte lämnat till justering."
                        .to_string()
                }
                _ if p.detail.contains("empty") => "Skriv en kommentar först.".to_string(),
                _ if p.detail.contains("at most") => format!(
                    "En kommentar får vara högst {} tecken.",
                    kansli_store::MAX_COMMENT_CHARS
                ),
                _ if p.detail.contains("no §") => {
                    "Protokollet har ingen sådan paragraf.".to_string()
                }
                _ => "Kommentaren kunde inte sparas.".to_string(),
            };
            page_with(&state, &caller, &a, &b, &m, Some(why)).await
        }
    }
}

/// `POST …/signera`: signs as the caller: the whole minutes, or with `paragraf` one paragraph
/// declared immediately justerad (omedelbar justering).
pub async fn sign(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let paragraphs = form
        .iter()
        .find(|(k, _)| k == "paragraf")
        .and_then(|(_, v)| v.trim().parse::<u32>().ok())
        .map(|n| vec![n]);
    // The content the page showed: a signature binds the signer to what they read.
    let read = super::recording::ReadBeforeSigning {
        version: None,
        sha256: form
            .iter()
            .find(|(k, _)| k == "innehall")
            .map(|(_, v)| v.clone()),
    };
    match sign_as(&state, &caller, &a, &b, &m, paragraphs, read).await {
        Ok(_) => {
            let mut r = Redirect::to(&base(&a, &b, &m)).into_response();
            *r.status_mut() = StatusCode::SEE_OTHER;
            r
        }
        Err(p) => message_page(
            p.status,
            "Underskriften gjordes inte",
            &match p.status {
                StatusCode::FORBIDDEN => "Bara ordföranden och justerarna skriver under protokollet.".to_string(),
                StatusCode::CONFLICT => p.swedish.unwrap_or_else(|| "Protokollet kan inte skrivas under nu: det är inte lämnat till justering, redan justerat, eller så har du redan skrivit under.".to_string()),
                _ => match p.swedish {
                    Some(swedish) => swedish,
                    None => "Det gick inte att skriva under. Försök igen, eller kontakta sekreteraren.".to_string(),
                },
            },
        ),
    }
}

/// `GET …/protokoll.pdf`: the released minutes as they will be printed, for those who read
/// them before signing (members and the secretary of the body).
pub async fn pdf(
    State(state): State<AppState>,
    Path((a, b, m)): Path<(String, String, String)>,
) -> Response {
    let r = match recorded(&state, &a, &b, &m).await {
        Ok(r) if r.stored && r.state != MinutesState::Draft => r,
        _ => {
            return message_page(
                StatusCode::NOT_FOUND,
                "Inget protokoll att läsa",
                "Protokollet är inte lämnat till justering.",
            );
        }
    };
    let options = kansli_render::RenderOptions {
        not_justerad: matches!(r.state, MinutesState::Draft | MinutesState::Released),
        ..crate::documents::options(&state, &a).await
    };
    let rendered = tokio::task::spawn_blocking(move || {
        kansli_render::render(
            &r.record,
            &kansli_render::DocumentKind::Protokoll,
            kansli_render::Format::Pdf,
            &options,
        )
    })
    .await;
    match rendered {
        Ok(Ok(bytes)) => (
            [
                (header::CONTENT_TYPE, "application/pdf"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            bytes,
        )
            .into_response(),
        _ => message_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Protokollet kunde inte skapas",
            "Försök igen.",
        ),
    }
}
