//! The administrator's page for correcting imports: find an imported meeting, move it to
//! another authority or body, or remove one imported by mistake — what `kansli meeting move`
//! and `kansli meeting remove` do, through the same store functions
//! ([`kansli_store::Store::move_imported_meeting`], [`kansli_store::Store::remove_imported_meeting`]),
//! so each change is audited in the same transaction, with the administrator as its actor.
//!
//! A removal needs the box "the meeting is removed from the archive" ticked: a form posted
//! without it removes nothing.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use kansli_store::StoreError;
use kansli_store::documents::MeetingRef;
use serde::Deserialize;

use super::access::Caller;
use super::pages::{Frame, render};
use crate::AppState;

/// Where the page lives.
pub const PATH: &str = "/kansli/admin/moten";

/// One meeting found, with the forms that correct it.
struct Found {
    meeting: MeetingRef,
    /// Its public page.
    url: String,
}

#[derive(Template)]
#[template(path = "kansli/corrections.html")]
struct CorrectionsPage {
    frame: Frame,
    query: String,
    searched: bool,
    found: Vec<Found>,
    /// A message above the results, and whether it is an error.
    message: Option<(String, bool)>,
    /// A link to where a moved meeting is now.
    moved_to: Option<(String, String)>,
}

/// The search on the page.
#[derive(Debug, Default, Deserialize)]
pub struct Search {
    /// The meeting, as `kansli meeting` names it.
    #[serde(default)]
    sok: Option<String>,
}

async fn page(
    state: &AppState,
    caller: &Caller,
    query: &str,
    status: StatusCode,
    message: Option<(String, bool)>,
    moved_to: Option<(String, String)>,
) -> Response {
    let query = query.trim();
    let mut message = message;
    let found = if query.is_empty() {
        Vec::new()
    } else {
        match state.store.find_meetings(query).await {
            Ok(list) => list
                .into_iter()
                .map(|m| Found {
                    url: crate::paths::meeting(&m.authority_slug, &m.body_slug, &m.meeting_slug),
                    meeting: m,
                })
                .collect(),
            Err(e) => {
                tracing::error!(error = %e, "finding meetings to correct");
                message = Some(("Sökningen gick inte att göra.".into(), true));
                Vec::new()
            }
        }
    };
    render(
        status,
        &CorrectionsPage {
            frame: Frame::new("Rätta importerade sammanträden", Some(caller), PATH),
            query: query.to_string(),
            searched: !query.is_empty(),
            found,
            message,
            moved_to,
        },
    )
}

/// `GET /kansli/admin/moten?sok=…`.
pub async fn corrections(
    State(state): State<AppState>,
    caller: Caller,
    Query(search): Query<Search>,
) -> Response {
    let query = search.sok.unwrap_or_default();
    page(&state, &caller, &query, StatusCode::OK, None, None).await
}

/// The move form.
#[derive(Debug, Default, Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    myndighet: String,
    #[serde(default)]
    organ: String,
}

/// The removal form.
#[derive(Debug, Default, Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    skal: String,
    /// "ja" when the administrator confirmed.
    #[serde(default)]
    bekrafta: Option<String>,
}

/// What a refusal from the store says on the page.
fn refusal(e: StoreError, what: &str) -> (StatusCode, String) {
    match e {
        StoreError::Refused(why) => (
            StatusCode::BAD_REQUEST,
            format!("Sammanträdet kunde inte {what}: {why}"),
        ),
        other => {
            tracing::error!(error = %other, "correcting an import");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("Sammanträdet kunde inte {what}."),
            )
        }
    }
}

/// `POST /kansli/admin/moten/{id}/flytta`: moves the meeting to the authority (and body) named.
pub async fn move_meeting(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(form): Form<MoveForm>,
) -> Response {
    let authority = form
        .myndighet
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let body = form.organ.split_whitespace().collect::<Vec<_>>().join(" ");
    let here = state
        .store
        .meeting_ref(id)
        .await
        .ok()
        .flatten()
        .map(|m| m.spec())
        .unwrap_or_default();
    if authority.is_empty() {
        let message = "Ange myndigheten sammanträdet ska flyttas till.".to_string();
        return page(
            &state,
            &caller,
            &here,
            StatusCode::BAD_REQUEST,
            Some((message, true)),
            None,
        )
        .await;
    }
    let body = (!body.is_empty()).then_some(body);
    match state
        .store
        .move_imported_meeting(id, &authority, body.as_deref(), &caller.actor())
        .await
    {
        Ok(moved) => {
            let to = moved.to;
            let message = format!(
                "Sammanträdet {} {} är flyttat till {}, {}.",
                moved.from.body_name, moved.from.meeting_date, to.authority_name, to.body_name
            );
            let link = (
                crate::paths::meeting(&to.authority_slug, &to.body_slug, &to.meeting_slug),
                format!(
                    "{}, {} {}",
                    to.authority_name, to.body_name, to.meeting_date
                ),
            );
            page(
                &state,
                &caller,
                &to.spec(),
                StatusCode::OK,
                Some((message, false)),
                Some(link),
            )
            .await
        }
        Err(e) => {
            let (status, message) = refusal(e, "flyttas");
            page(&state, &caller, &here, status, Some((message, true)), None).await
        }
    }
}

/// `POST /kansli/admin/moten/{id}/ta-bort`: removes the meeting, when confirmed.
pub async fn remove_meeting(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(form): Form<RemoveForm>,
) -> Response {
    let here = state
        .store
        .meeting_ref(id)
        .await
        .ok()
        .flatten()
        .map(|m| m.spec())
        .unwrap_or_default();
    if form.bekrafta.as_deref() != Some("ja") {
        let message =
            "Kryssa i rutan för att bekräfta att sammanträdet ska tas bort. Inget är borttaget."
                .to_string();
        return page(
            &state,
            &caller,
            &here,
            StatusCode::BAD_REQUEST,
            Some((message, true)),
            None,
        )
        .await;
    }
    let reason = form.skal.trim();
    let reason = (!reason.is_empty()).then_some(reason);
    match state
        .store
        .remove_imported_meeting(id, &caller.actor(), reason)
        .await
    {
        Ok(removed) => {
            let message = format!(
                "Sammanträdet {}, {} {} är borttaget ur arkivet. Borttagningen står i granskningsloggen.",
                removed.authority_name, removed.body_name, removed.meeting_date
            );
            page(
                &state,
                &caller,
                "",
                StatusCode::OK,
                Some((message, false)),
                None,
            )
            .await
        }
        Err(e) => {
            let (status, message) = refusal(e, "tas bort");
            page(&state, &caller, &here, status, Some((message, true)), None).await
        }
    }
}
