//! The public kallelse (8 kap. 8 § KL: time, place and the ärenden, posted before the meeting)
//! on a planned meeting's page, its documents that are not confidential, and the kallelse as a
//! document (`kallelse.pdf`, `.html`, `.txt`) rendered from the recorded agenda by the same
//! `Kallelse` kind the archive renders for imported minutes — one model of a meeting.
//!
//! Confidential documents are never listed or served here: [`kansli_store::Store::public_kallelse`]
//! drops them, and [`document`] serves only what that list holds.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use kansli_core::protocol::{AgendaEntry, Item, ParsedProtocol, Section};
use kansli_store::MeetingAgenda;

use crate::AppState;
use crate::error::{Failure, PageError, PagePath};

/// The page route of a public kallelse document.
pub const DOCUMENT_PATH: &str = "/{authority}/{body}/{meeting}/handlingar/{id}";

/// One item of the public kallelse, as the page shows it.
#[derive(Debug, Clone)]
pub struct PublicItem {
    /// The item's number in the agenda.
    pub position: i64,
    /// The title.
    pub title: String,
    /// The Dnr as printed.
    pub dnr: Option<String>,
    /// The case's key in the diarium (for its public page), when the item is a case.
    pub case_key: Option<String>,
    /// Förslag till beslut.
    pub proposal: Option<String>,
    /// The föredragande.
    pub presenter: Option<String>,
    /// The beredning's paragraph, as printed.
    pub prepared_in: Option<String>,
    /// The public documents: (title, URL, "PDF, 12 kB").
    pub documents: Vec<(String, String, String)>,
}

/// The public kallelse of a meeting, when it is issued: its items and when it was issued.
pub async fn public_items(
    state: &AppState,
    a: &str,
    b: &str,
    m: &str,
) -> Result<Option<(String, Vec<PublicItem>)>, Failure> {
    let Some(k) = state.store.public_kallelse(a, b, m).await? else {
        return Ok(None);
    };
    let agenda = k.agenda;
    if agenda.status == "cancelled" {
        return Ok(None);
    }
    let issued = agenda
        .kallelse_issued_at
        .as_deref()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .map(|t| {
            kansli_core::law::checks::swedish_local_date(t.to_utc())
                .format("%Y-%m-%d")
                .to_string()
        })
        .unwrap_or_default();
    let items = agenda
        .items
        .iter()
        .map(|i| PublicItem {
            position: i.position,
            title: i.title.clone(),
            dnr: i.dnr.clone(),
            case_key: i.case_key.clone(),
            proposal: i.proposal.clone(),
            presenter: i.presenter.clone(),
            prepared_in: i.prepared_in.as_ref().map(|p| p.text.clone()),
            documents: i
                .documents
                .iter()
                .map(|d| {
                    (
                        d.title.clone(),
                        format!(
                            "/{}/{}/{}/handlingar/{}",
                            agenda.authority, agenda.body, agenda.slug, d.id
                        ),
                        format!(
                            "{}, {}",
                            crate::text::media_label(d.media_type.as_deref().unwrap_or("")),
                            crate::text::file_size(d.size.unwrap_or(0))
                        ),
                    )
                })
                .collect(),
        })
        .collect();
    Ok(Some((issued, items)))
}

/// The kallelse of a meeting not yet held as the one model of minutes: the body, date, planned
/// time and place, the chair (from the registry's seats), and the agenda (numbered by position:
/// § numbers are given at the meeting) with each item's proposal, föredragande, beredning and
/// the documents that are not secret. `None` when the kallelse is not issued.
pub fn protocol_of(agenda: &MeetingAgenda, chair: Option<String>) -> Option<ParsedProtocol> {
    agenda.kallelse_issued_at.as_ref()?;
    if agenda.status == "cancelled" {
        return None;
    }
    let date = chrono::NaiveDate::parse_from_str(&agenda.date, "%Y-%m-%d").ok()?;
    let mut p = ParsedProtocol::new(agenda.body_name.clone(), date);
    p.authority = Some(agenda.authority_name.clone());
    p.start_time = agenda.start_time.clone();
    p.end_time = agenda.end_time.clone();
    p.place = agenda.place.clone();
    p.layout = kansli_render::KALLELSE_LAYOUT.into();
    p.chair = chair;
    p.items = agenda
        .items
        .iter()
        .map(|i| {
            let mut sections = Vec::new();
            for (heading, text) in [
                ("Förslag till beslut", i.proposal.clone()),
                ("Föredragande", i.presenter.clone()),
                ("Beredning", i.prepared_in.as_ref().map(|p| p.text.clone())),
            ] {
                if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
                    sections.push(Section {
                        heading: heading.into(),
                        text,
                    });
                }
            }
            Item {
                recorded: Default::default(),
                paragraph: u32::try_from(i.position).unwrap_or(0),
                dnr: i.dnr.clone(),
                title: i.title.clone(),
                decision: None,
                summary: None,
                // The public document: documents under secrecy are not named.
                basis: i
                    .documents
                    .iter()
                    .filter(|d| !d.confidential)
                    .map(|d| d.title.clone())
                    .collect(),
                motions: Vec::new(),
                proposition_order: None,
                vote: None,
                reservations: Vec::new(),
                notes: Vec::new(),
                disqualifications: Vec::new(),
                dispatch: Vec::new(),
                sections,
            }
        })
        .collect();
    p.agenda = agenda
        .items
        .iter()
        .map(|i| AgendaEntry {
            paragraph: u32::try_from(i.position).unwrap_or(0),
            dnr: i.dnr.clone(),
            title: i.title.clone(),
            pages: None,
        })
        .collect();
    Some(p)
}

/// `/{authority}/{body}/{meeting}/handlingar/{id}`: a document of the public kallelse.
pub async fn document(
    State(state): State<AppState>,
    PagePath((a, b, m, id)): PagePath<(String, String, String, String)>,
) -> Result<Response, PageError> {
    let missing = || {
        Failure::not_found(
            format!("Handlingen {id} i kallelsen till sammanträdet {m}"),
            format!("document {id} of the kallelse of meeting {m:?}"),
        )
    };
    let id: i64 = id.parse().map_err(|_| missing())?;
    let listed = public_items(&state, &a, &b, &m)
        .await?
        .is_some_and(|(_, items)| {
            items.iter().any(|i| {
                i.documents
                    .iter()
                    .any(|(_, url, _)| url.ends_with(&format!("/handlingar/{id}")))
            })
        });
    if !listed {
        return Err(missing().into());
    }
    let (record, _, bytes) = state
        .store
        .document_content(id)
        .await?
        .ok_or_else(missing)?;
    if record.confidential {
        return Err(missing().into());
    }
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(
        record
            .media_type
            .as_deref()
            .unwrap_or("application/octet-stream"),
    ) {
        h.insert(header::CONTENT_TYPE, v);
    }
    let name = record.file_name.unwrap_or_else(|| format!("handling-{id}"));
    // Uploaded content is shown in the browser only where it cannot run script here.
    let inline = matches!(
        record.media_type.as_deref(),
        Some("application/pdf" | "image/png" | "image/jpeg")
    );
    if let Ok(v) = HeaderValue::from_str(&crate::text::content_disposition(
        if inline { "inline" } else { "attachment" },
        &name,
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox"),
    );
    Ok(r)
}
