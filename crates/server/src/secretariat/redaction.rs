//! Masking minutes for publication: the secretary's page `/kansli/protokoll/{a}/{b}/{m}/maskering`
//! (the proposed and confirmed masks with their context, confirm or reject a proposal, mark a
//! passage on a legal ground, the body's avpublicering) and the API operations `listRedactions`,
//! `markRedaction`, `decideRedaction` and `setDepublication`.
//!
//! The original record is never changed here: the store keeps the masks apart and applies them to
//! everything the public reads ([`kansli_store::redaction`]).

use askama::Template;
use axum::Form;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kansli_core::protocol::ParsedProtocol;
use kansli_store::{NewPassage, Redaction};
use serde::Deserialize;
use serde_json::{Value, json};

use super::access::Caller;
use super::api::Body;
use super::pages::{Frame, message_page, render};
use super::problem::Problem;
use crate::AppState;

/// Legal grounds offered on the page (any other may be typed).
const GROUNDS: &[&str] = &[
    "OSL 26 kap. 1 §",
    "OSL 25 kap. 1 §",
    "OSL 21 kap. 1 §",
    "OSL 21 kap. 7 §",
    "GDPR art. 9",
    "GDPR art. 10",
];

/// The minutes of a meeting, or a problem naming why there are none.
async fn minutes(
    state: &AppState,
    a: &str,
    b: &str,
    m: &str,
) -> Result<(i64, kansli_store::StoredMinutes), Problem> {
    let meeting = state
        .store
        .meeting_agenda(a, b, m)
        .await?
        .ok_or_else(|| Problem::not_found(format!("no meeting {m} of {a}/{b}")))?;
    let stored = state
        .store
        .meeting_minutes(meeting.meeting_id)
        .await?
        .ok_or_else(|| Problem::not_found(format!("the meeting {m} of {a}/{b} has no minutes")))?;
    Ok((meeting.meeting_id, stored))
}

/// Where a masked text first appears in the record: the paragraph and some words around it.
fn context(record: &ParsedProtocol, needle: &str) -> (Option<u32>, String) {
    let around = |text: &str| -> Option<String> {
        let at = text.find(needle)?;
        let start = text[..at]
            .char_indices()
            .rev()
            .nth(60)
            .map_or(0, |(i, _)| i);
        let end_from = at + needle.len();
        let end = text[end_from..]
            .char_indices()
            .nth(60)
            .map_or(text.len(), |(i, _)| end_from + i);
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        out.push_str(&text[start..end]);
        if end < text.len() {
            out.push('…');
        }
        Some(out.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    for item in &record.items {
        let texts = [
            Some(&item.title),
            item.summary.as_ref(),
            item.decision.as_ref(),
        ]
        .into_iter()
        .flatten()
        .chain(item.sections.iter().map(|s| &s.text))
        .chain(item.motions.iter().map(|m| &m.text))
        .chain(item.reservations.iter())
        .chain(item.notes.iter());
        for t in texts {
            if let Some(c) = around(t) {
                return (Some(item.paragraph), c);
            }
        }
    }
    let header = record
        .participants
        .iter()
        .map(|p| &p.name)
        .chain(record.chair.iter())
        .chain(record.secretary.iter())
        .chain(record.justerare.iter());
    for t in header {
        if let Some(c) = around(t) {
            return (None, c);
        }
    }
    (None, String::new())
}

fn redaction_json(r: &Redaction) -> Value {
    json!({
        "id": r.id,
        "paragraph": r.paragraph,
        "kind": r.kind,
        "text": r.text,
        "ground": r.ground,
        "state": r.state,
        "proposed_by": r.proposed_by,
        "proposed_at": r.proposed_at,
        "decided_by": r.decided_by,
        "decided_at": r.decided_at,
        "marker": r.marker,
    })
}

/// `GET …/meetings/{m}/redactions` (listRedactions): the masks of the meeting's minutes.
pub async fn list(
    State(state): State<AppState>,
    Path((a, b, m)): Path<(String, String, String)>,
) -> Result<Json<Value>, Problem> {
    let (_, stored) = minutes(&state, &a, &b, &m).await?;
    let (masks, automatic) = tokio::try_join!(
        state.store.redactions(stored.minutes_id),
        state.store.automatic_masks(stored.minutes_id)
    )?;
    Ok(Json(json!({
        "data": masks.iter().map(redaction_json).collect::<Vec<_>>(),
        // What the published copy masks without a mark: confidential documents' titles, and
        // names once the avpublicering period has passed.
        "automatic": automatic,
    })))
}

/// markRedaction's body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkBody {
    #[serde(default)]
    paragraph: Option<i64>,
    text: String,
    ground: String,
}

/// `POST …/meetings/{m}/redactions` (markRedaction): masks a passage on a legal ground.
pub async fn mark(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
    Body(body): Body<MarkBody>,
) -> Result<Response, Problem> {
    let (_, stored) = minutes(&state, &a, &b, &m).await?;
    let marked = state
        .store
        .mark_redaction(
            &caller.actor(),
            stored.minutes_id,
            &NewPassage {
                paragraph: body.paragraph,
                text: body.text,
                ground: body.ground,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(redaction_json(&marked))).into_response())
}

/// decideRedaction's body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecideBody {
    decision: String,
}

/// Confirms or rejects mask `id` of the meeting's minutes (404 when it is another's).
async fn decide_in(
    state: &AppState,
    caller: &Caller,
    (a, b, m): (&str, &str, &str),
    id: i64,
    confirm: bool,
) -> Result<Redaction, Problem> {
    let (_, stored) = minutes(state, a, b, m).await?;
    let masks = state.store.redactions(stored.minutes_id).await?;
    if !masks.iter().any(|r| r.id == id) {
        return Err(Problem::not_found(format!(
            "no mask {id} in the minutes of {m}"
        )));
    }
    Ok(state
        .store
        .decide_redaction(&caller.actor(), id, confirm)
        .await?)
}

/// `POST …/meetings/{m}/redactions/{id}` (decideRedaction): `confirm` or `reject`.
pub async fn decide(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m, id)): Path<(String, String, String, i64)>,
    Body(body): Body<DecideBody>,
) -> Result<Json<Value>, Problem> {
    let confirm = match body.decision.as_str() {
        "confirm" => true,
        "reject" => false,
        other => {
            return Err(Problem::unprocessable(format!(
                "decision: {other:?} is neither \"confirm\" nor \"reject\""
            )));
        }
    };
    let decided = decide_in(&state, &caller, (&a, &b, &m), id, confirm).await?;
    Ok(Json(redaction_json(&decided)))
}

/// setDepublication's body: months after the meeting, or null to remove the rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepublicationBody {
    months: Option<i64>,
}

/// `PUT /authorities/{a}/bodies/{b}/depublication` (setDepublication).
pub async fn set_depublication(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b)): Path<(String, String)>,
    Body(body): Body<DepublicationBody>,
) -> Result<Json<Value>, Problem> {
    state
        .store
        .set_depublication(&caller.actor(), &a, Some(&b), body.months)
        .await?;
    Ok(Json(
        json!({"authority": a, "body": b, "months": body.months}),
    ))
}

/// One mask as the page lists it.
struct Row {
    id: i64,
    kind: &'static str,
    text: String,
    ground: String,
    paragraph: String,
    context: String,
    proposed: String,
    decided: String,
    state: String,
}

#[derive(Template)]
#[template(path = "kansli/maskering.html")]
struct MaskingPage {
    frame: Frame,
    base: String,
    record_url: String,
    public_url: String,
    heading: String,
    public: bool,
    proposed: Vec<Row>,
    masked: Vec<Row>,
    rejected: Vec<Row>,
    automatic: Vec<AutomaticRow>,
    paragraphs: Vec<(u32, String)>,
    grounds: &'static [&'static str],
    months: Option<i64>,
    authority_months: Option<i64>,
    message: Option<String>,
}

/// A mask Kansli applies by itself, as the page lists it.
struct AutomaticRow {
    why: &'static str,
    text: String,
    shown: String,
    paragraph: String,
    context: String,
}

fn when(at: &str) -> String {
    at.get(..16).unwrap_or(at).replace('T', " ")
}

async fn page_with(
    state: &AppState,
    caller: &Caller,
    (a, b, m): (&str, &str, &str),
    message: Option<String>,
) -> Response {
    let found = match minutes(state, a, b, m).await {
        Ok(found) => found,
        Err(p) if p.status == StatusCode::NOT_FOUND => {
            return message_page(
                StatusCode::NOT_FOUND,
                "Protokollet finns inte",
                "Sammanträdet har inget protokoll att maskera ännu.",
            );
        }
        Err(p) => return p.into_response(),
    };
    let (_, stored) = found;
    let (masks, rules, automatic) = match tokio::try_join!(
        state.store.redactions(stored.minutes_id),
        state.store.depublication_rules(a),
        state.store.automatic_masks(stored.minutes_id)
    ) {
        Ok(x) => x,
        Err(e) => {
            tracing::error!(error = %e, "cannot read the masks");
            return message_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Ett fel uppstod",
                "Maskeringen kunde inte visas.",
            );
        }
    };
    let record = &stored.record;
    let row = |r: &Redaction| {
        let (found_in, ctx) = context(record, &r.text);
        let paragraph = r
            .paragraph
            .map(|n| n.to_string())
            .or(found_in.map(|n| n.to_string()));
        Row {
            id: r.id,
            kind: if r.kind == "personnummer" {
                "Personnummer"
            } else {
                "Uppgift"
            },
            text: r.text.clone(),
            ground: r.ground.clone().unwrap_or_default(),
            paragraph: paragraph
                .map(|n| format!("§ {n}"))
                .unwrap_or_else(|| "Sidhuvud, närvaro".into()),
            context: ctx,
            proposed: format!("{}, {}", r.proposed_by, when(&r.proposed_at)),
            decided: match (&r.decided_by, &r.decided_at) {
                (Some(by), Some(at)) => format!("{by}, {}", when(at)),
                _ => String::new(),
            },
            state: r.state.clone(),
        }
    };
    let rows: Vec<Row> = masks.iter().map(row).collect();
    let (mut proposed, mut masked, mut rejected) = (vec![], vec![], vec![]);
    for r in rows {
        match r.state.as_str() {
            "proposed" => proposed.push(r),
            "confirmed" => masked.push(r),
            _ => rejected.push(r),
        }
    }
    let months = rules
        .iter()
        .find(|r| r.body_slug.as_deref() == Some(b))
        .map(|r| r.months);
    let authority_months = rules
        .iter()
        .find(|r| r.body_slug.is_none())
        .map(|r| r.months);
    let base = format!("/kansli/protokoll/{a}/{b}/{m}/maskering");
    render(
        StatusCode::OK,
        &MaskingPage {
            frame: Frame::new("Maskering för publicering", Some(caller), &base),
            base,
            record_url: format!("/kansli/protokoll/{a}/{b}/{m}"),
            public_url: crate::paths::meeting(a, b, m),
            heading: format!("{} {}", record.body, record.meeting_date),
            public: stored.state.is_public(),
            proposed,
            masked,
            rejected,
            automatic: automatic
                .into_iter()
                .map(|m| {
                    let (found_in, context) = context(record, &m.text);
                    AutomaticRow {
                        why: match m.kind {
                            "confidential_document" => "Handling med sekretess i ärendet",
                            _ => "Avpublicerat namn",
                        },
                        paragraph: found_in
                            .map(|n| format!("§ {n}"))
                            .unwrap_or_else(|| "Sidhuvud, närvaro".into()),
                        shown: m.marker,
                        text: m.text,
                        context,
                    }
                })
                .collect(),
            paragraphs: record
                .items
                .iter()
                .map(|i| (i.paragraph, i.title.clone()))
                .collect(),
            grounds: GROUNDS,
            months,
            authority_months,
            message,
        },
    )
}

/// `GET /kansli/protokoll/{a}/{b}/{m}/maskering`: the masking page.
pub async fn page(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
) -> Response {
    page_with(&state, &caller, (&a, &b, &m), None).await
}

fn back(base: &str) -> Response {
    let mut r = Redirect::to(base).into_response();
    *r.status_mut() = StatusCode::SEE_OTHER;
    r
}

/// The form marking a passage.
#[derive(Debug, Deserialize)]
pub struct MarkForm {
    #[serde(default)]
    paragraf: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    grund: String,
}

/// `POST …/maskering`: marks a passage, then back to the page.
pub async fn mark_form(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
    Form(form): Form<MarkForm>,
) -> Response {
    let paths = (a.as_str(), b.as_str(), m.as_str());
    let paragraph = match form.paragraf.trim() {
        "" => None,
        n => match n.parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                return page_with(&state, &caller, paths, Some("Välj en paragraf.".into())).await;
            }
        },
    };
    if form.text.trim().chars().count() < 2 {
        let msg = "Skriv av texten som ska maskeras exakt som den står i protokollet.";
        return page_with(&state, &caller, paths, Some(msg.into())).await;
    }
    if form.grund.trim().is_empty() {
        let msg = "Ange den rättsliga grunden för maskeringen, till exempel OSL 26 kap. 1 §.";
        return page_with(&state, &caller, paths, Some(msg.into())).await;
    }
    let result = match minutes(&state, &a, &b, &m).await {
        Ok((_, stored)) => state
            .store
            .mark_redaction(
                &caller.actor(),
                stored.minutes_id,
                &NewPassage {
                    paragraph,
                    text: form.text,
                    ground: form.grund,
                },
            )
            .await
            .map_err(Problem::from),
        Err(p) => Err(p),
    };
    match result {
        Ok(_) => back(&format!("/kansli/protokoll/{a}/{b}/{m}/maskering")),
        Err(p) if p.status == StatusCode::UNPROCESSABLE_ENTITY => {
            let msg = "Texten finns inte i protokollet (i den paragraf som valts) precis så som den är skriven. Kopiera den från protokollet.";
            page_with(&state, &caller, paths, Some(msg.into())).await
        }
        Err(p) => p.into_response(),
    }
}

/// The form confirming or rejecting a mask.
#[derive(Debug, Deserialize)]
pub struct DecideForm {
    #[serde(default)]
    beslut: String,
}

/// `POST …/maskering/{id}`: confirms (`beslut=bekrafta`) or rejects (`beslut=avvisa`) a mask.
pub async fn decide_form(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m, id)): Path<(String, String, String, i64)>,
    Form(form): Form<DecideForm>,
) -> Response {
    let paths = (a.as_str(), b.as_str(), m.as_str());
    let confirm = match form.beslut.as_str() {
        "bekrafta" => true,
        "avvisa" => false,
        _ => {
            return page_with(
                &state,
                &caller,
                paths,
                Some("Välj bekräfta eller avvisa.".into()),
            )
            .await;
        }
    };
    match decide_in(&state, &caller, paths, id, confirm).await {
        Ok(_) => back(&format!("/kansli/protokoll/{a}/{b}/{m}/maskering")),
        Err(p) if p.status == StatusCode::NOT_FOUND => message_page(
            StatusCode::NOT_FOUND,
            "Maskeringen finns inte",
            "Det finns ingen sådan maskering i protokollet.",
        ),
        Err(p) => p.into_response(),
    }
}

/// `POST …/maskering/sok`: looks for personnummer in the record again (minutes imported before
/// masks existed, or changed since) and proposes a mask for each new one.
pub async fn search_again(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
) -> Response {
    let paths = (a.as_str(), b.as_str(), m.as_str());
    let found = match minutes(&state, &a, &b, &m).await {
        Ok((_, stored)) => state.store.propose_redactions(stored.minutes_id).await,
        Err(p) => return p.into_response(),
    };
    match found {
        Ok(0) => {
            let msg = "Kansli hittade inga nya personnummer i protokollet.";
            page_with(&state, &caller, paths, Some(msg.into())).await
        }
        Ok(_) => back(&format!("/kansli/protokoll/{a}/{b}/{m}/maskering")),
        Err(e) => Problem::from(e).into_response(),
    }
}

/// The form setting the body's avpublicering.
#[derive(Debug, Deserialize)]
pub struct DepublicationForm {
    #[serde(default)]
    manader: String,
}

/// `POST …/maskering/avpublicering`: sets (or with an empty field removes) the body's rule.
pub async fn depublication_form(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
    Form(form): Form<DepublicationForm>,
) -> Response {
    let paths = (a.as_str(), b.as_str(), m.as_str());
    let months = match form.manader.trim() {
        "" => None,
        n => match n.parse::<i64>() {
            Ok(n) if (1..=1200).contains(&n) => Some(n),
            _ => {
                let msg = "Ange antalet månader som ett heltal mellan 1 och 1200, eller lämna fältet tomt.";
                return page_with(&state, &caller, paths, Some(msg.into())).await;
            }
        },
    };
    match state
        .store
        .set_depublication(&caller.actor(), &a, Some(&b), months)
        .await
    {
        Ok(()) => back(&format!("/kansli/protokoll/{a}/{b}/{m}/maskering")),
        Err(e) => Problem::from(e).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_names_the_paragraph_and_the_words_around() {
        let mut p = ParsedProtocol::new("Socialnämnden", chrono::NaiveDate::MIN);
        p.items.push(kansli_core::protocol::Item {
            paragraph: 12,
            dnr: None,
            title: "Bistånd".into(),
            decision: None,
            summary: Some("Ärendet gäller Maja Ek, 811218-9876, som har ansökt.".into()),
            basis: vec![],
            motions: vec![],
            proposition_order: None,
            vote: None,
            reservations: vec![],
            notes: vec![],
            disqualifications: vec![],
            dispatch: vec![],
            sections: vec![],
            recorded: Default::default(),
        });
        let (n, c) = context(&p, "811218-9876");
        assert_eq!(n, Some(12));
        assert!(c.contains("Maja Ek, 811218-9876, som"), "{c}");
        assert_eq!(context(&p, "saknas"), (None, String::new()));
    }
}
