//! Justering in the web UI: the chair and the justerare read the released minutes (as they
//! will be printed) and sign them; everyone of the body sees who has signed.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use kansli_core::record::MinutesState;
use kansli_core::text::fold;

use super::access::Caller;
use super::pages::{Frame, message_page, render};
use super::recording::{recorded, sign_as};
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
    let waiting = required
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
    let page = SignPage {
        frame: Frame::new(
            format!("Justering {} {}", r.meeting.body_name, r.meeting.date),
            Some(&caller),
            "/kansli",
        ),
        base: base(&a, &b, &m),
        body_name: r.meeting.body_name.clone(),
        date: r.meeting.date.clone(),
        state: r.state.swedish().to_string(),
        readable,
        may_sign: r.state == MinutesState::Released && !role.is_empty() && !already,
        role: role.to_string(),
        signed: signatures
            .iter()
            .map(|s| {
                (
                    s.name.clone(),
                    s.role.clone().unwrap_or_default(),
                    s.signed_at
                        .clone()
                        .unwrap_or_default()
                        .replace('T', " ")
                        .replace('Z', " UTC"),
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
    };
    render(StatusCode::OK, &page)
}

/// `POST …/signera`: signs as the caller.
pub async fn sign(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
    Form(_): Form<Vec<(String, String)>>,
) -> Response {
    match sign_as(&state, &caller, &a, &b, &m, None).await {
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
                StatusCode::CONFLICT => "Protokollet kan inte skrivas under nu: det är inte lämnat till justering, redan justerat, eller så har du redan skrivit under.".to_string(),
                _ => format!("Det gick inte att skriva under: {}", p.detail),
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
    let rendered = tokio::task::spawn_blocking(move || {
        kansli_render::render(
            &r.record,
            &kansli_render::DocumentKind::Protokoll,
            kansli_render::Format::Pdf,
            &kansli_render::RenderOptions::default(),
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
