//! Recording a meeting in the web UI: attendance per paragraph (arrivals, departures,
//! substitutes Kansli proposes in the serving order, absences), each paragraph's yrkanden,
//! proposition order, votering with every serving member's vote, reservations, notes, jäv,
//! omedelbar justering and expediering, the law engine's findings beside each paragraph, the
//! draft as it will be printed, and the release for justering.
//!
//! Every action is a plain form (works without JavaScript); `recording.js` adds keyboard
//! shortcuts, autosave, a queue for what was typed while the network was down, and the other
//! editors' changes announced by server-sent events. A form posted by script with `Accept:
//! application/json` is answered with JSON instead of a redirect. The forms go through the same
//! checks and store calls as the API (`recording`).

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::time::Duration;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use kansli_core::law::checks::{Finding, Severity, serving_names};
use kansli_core::protocol::{
    Absent, CastVote, Item, MotionKind, ParsedMotion, ParsedProtocol, Participant,
    ParticipantCategory, TieBreak, VoteChoice, Votering,
};
use kansli_core::record::{MinutesState, blocks_release};
use kansli_core::text::fold;
use serde_json::json;

use super::access::Caller;
use super::pages::{Frame, message_page, refusal_page, render};
use super::problem::Problem;
use super::recording::{Recorded, findings, recorded, shape};
use crate::AppState;

/// A posted form, as its fields in order (repeated and indexed fields included).
type Fields = Vec<(String, String)>;

fn field<'a>(fields: &'a Fields, name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

fn all<'a>(fields: &'a Fields, name: &str) -> Vec<&'a str> {
    fields
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .collect()
}

fn opt(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.chars().take(100_000).collect())
}

/// The non-empty lines of a textarea.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

fn base(a: &str, b: &str, m: &str) -> String {
    format!("/kansli/protokoll/{a}/{b}/{m}")
}

fn see_other(to: &str) -> Response {
    let mut r = Redirect::to(to).into_response();
    *r.status_mut() = StatusCode::SEE_OTHER;
    r
}

/// A refusal, as the page or as JSON for the script: Swedish for people, the problem's
/// findings for both.
fn refusal(problem: Problem, headers: &HeaderMap, back: &str) -> Response {
    if wants_json(headers) {
        return problem.into_response();
    }
    let mut text = match problem.status {
        StatusCode::CONFLICT => "Någon annan har ändrat samma del av protokollet sedan du öppnade sidan. Öppna protokollet igen; dina ändringar behöver göras om.".to_string(),
        StatusCode::UNPROCESSABLE_ENTITY => "Ändringen sparades inte, eftersom den bryter mot en regel som måste hållas:".to_string(),
        _ => "Ändringen kunde inte sparas.".to_string(),
    };
    let findings = problem
        .extra
        .as_ref()
        .and_then(|e| e.get("findings"))
        .and_then(|f| f.as_array())
        .map(|a| {
            a.iter()
                .filter(|f| f["blocks_saving"] == json!(true) || f["blocks_release"] == json!(true))
                .filter_map(|f| f["message"].as_str().map(str::to_string))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    if let Some(swedish) = &problem.swedish {
        text = format!("Ändringen sparades inte. {swedish}");
    } else if findings.is_empty() && problem.status == StatusCode::UNPROCESSABLE_ENTITY {
        text = format!("Ändringen sparades inte: {}", problem.detail);
    }
    for f in findings {
        text.push(' ');
        text.push_str(&f);
    }
    refusal_page(
        problem.status,
        "Ändringen sparades inte",
        &text,
        (back, "Tillbaka till protokollet"),
    )
}

struct FindingRow {
    class: &'static str,
    label: &'static str,
    message: String,
    source: String,
}

fn finding_row(f: &Finding) -> FindingRow {
    let (class, label) = match f.severity {
        Severity::Error => ("finding finding--error", "Fel"),
        Severity::Warning => ("finding finding--warning", "Varning"),
        Severity::Info => ("finding", "Info"),
    };
    FindingRow {
        class,
        label,
        message: f.message.clone(),
        source: f.source.clone(),
    }
}

struct PersonRow {
    i: usize,
    name: String,
    category: &'static str,
    role: String,
    party: String,
    represents: String,
    serves_for: String,
    paragraphs: String,
    reason: String,
}

struct MotionRow {
    i: usize,
    movers: String,
    kind: &'static str,
    text: String,
    adopted: bool,
}

struct VoterRow {
    i: usize,
    name: String,
    choice: &'static str,
}

struct ParagraphForm {
    n: u32,
    version: i64,
    title: String,
    dnr: String,
    decision: String,
    proposal: String,
    sections: Vec<(String, String)>,
    motions: Vec<MotionRow>,
    next_motion: usize,
    proposition_order: String,
    has_votering: bool,
    ja: String,
    nej: String,
    voters: Vec<VoterRow>,
    tally: String,
    tie_break: &'static str,
    reservations: String,
    notes: String,
    jav: Vec<(usize, String, bool)>,
    immediately: bool,
    dispatch: String,
    findings: Vec<FindingRow>,
    first: bool,
    last: bool,
}

struct ProposalRow {
    substitute: String,
    serves_for: String,
    paragraphs: String,
}

#[derive(Template)]
#[template(path = "kansli/record.html")]
struct RecordPage {
    frame: Frame,
    base: String,
    agenda_href: String,
    justering_href: String,
    body_name: String,
    date: String,
    state: String,
    editable: bool,
    /// Released for justering, not yet justerat: it may be taken back.
    released: bool,
    stored: bool,
    version: i64,
    header_version: i64,
    start_time: String,
    end_time: String,
    place: String,
    chair: String,
    secretary: String,
    people: Vec<PersonRow>,
    next_person: usize,
    addable: Vec<String>,
    proposals: Vec<ProposalRow>,
    paragraphs: Vec<ParagraphForm>,
    general: Vec<FindingRow>,
    present: Vec<(String, bool)>,
    justering_place: String,
    justering_date: String,
    errors: usize,
    kinds: Vec<(&'static str, &'static str)>,
}

const KINDS: [(&str, &str); 6] = [
    ("bifall", "Bifall"),
    ("avslag", "Avslag"),
    ("ändring", "Ändring"),
    ("tillägg", "Tillägg"),
    ("återremiss", "Återremiss"),
    ("bordläggning", "Bordläggning"),
];

fn category_word(c: ParticipantCategory) -> &'static str {
    match c {
        ParticipantCategory::Beslutande => "beslutande",
        ParticipantCategory::Ersattare => "ersättare",
        ParticipantCategory::Ovriga => "övriga",
    }
}

fn tie_word(t: Option<TieBreak>) -> &'static str {
    match t {
        None => "",
        Some(TieBreak::UtslagsrostJa) => "utslagsrost_ja",
        Some(TieBreak::UtslagsrostNej) => "utslagsrost_nej",
        Some(TieBreak::LottningJa) => "lottning_ja",
        Some(TieBreak::LottningNej) => "lottning_nej",
    }
}

fn paragraph_form(
    item: &Item,
    record: &ParsedProtocol,
    version: i64,
    found: &[Finding],
) -> ParagraphForm {
    let n = item.paragraph;
    let serving = serving_names(record, n);
    let votering = item.recorded.votering.as_ref();
    let voters: Vec<VoterRow> = serving
        .iter()
        .enumerate()
        .map(|(i, name)| VoterRow {
            i,
            name: name.clone(),
            choice: votering
                .and_then(|v| v.casts.iter().find(|c| fold(&c.name) == fold(name)))
                .map(|c| c.choice.as_str())
                .unwrap_or(""),
        })
        .collect();
    let proposal = item
        .sections
        .iter()
        .find(|s| fold(&s.heading).contains("förslag till beslut"))
        .map(|s| s.text.clone())
        .unwrap_or_default();
    let mut people: Vec<String> = serving.clone();
    for d in &item.recorded.disqualified {
        if !people.iter().any(|p| fold(p) == fold(d)) {
            people.push(d.clone());
        }
    }
    ParagraphForm {
        n,
        version,
        title: item.title.clone(),
        dnr: item.dnr.clone().unwrap_or_default(),
        decision: item.decision.clone().unwrap_or_default(),
        proposal,
        sections: item
            .sections
            .iter()
            .map(|s| (s.heading.clone(), s.text.clone()))
            .collect(),
        motions: item
            .motions
            .iter()
            .enumerate()
            .map(|(i, m)| MotionRow {
                i,
                movers: m.movers.join(", "),
                kind: m.kind.map(MotionKind::as_str).unwrap_or(""),
                text: m.text.clone(),
                adopted: item.recorded.adopted == Some(i),
            })
            .collect(),
        next_motion: item.motions.len(),
        proposition_order: item.proposition_order.clone().unwrap_or_default(),
        has_votering: votering.is_some(),
        ja: votering.map(|v| v.ja.clone()).unwrap_or_default(),
        nej: votering.map(|v| v.nej.clone()).unwrap_or_default(),
        voters,
        tally: votering
            .map(|v| v.result_text(&record.body))
            .unwrap_or_default(),
        tie_break: tie_word(votering.and_then(|v| v.tie_break)),
        reservations: item.reservations.join("\n"),
        notes: item.notes.join("\n"),
        jav: people
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let on = item
                    .recorded
                    .disqualified
                    .iter()
                    .any(|d| fold(d) == fold(&p));
                (i, p, on)
            })
            .collect(),
        immediately: item.recorded.immediately_justerad,
        dispatch: item.dispatch.join("\n"),
        findings: found
            .iter()
            .filter(|f| f.paragraph == Some(n))
            .map(finding_row)
            .collect(),
        first: false,
        last: false,
    }
}

async fn page_for(state: &AppState, caller: &Caller, r: Recorded) -> Result<Response, Problem> {
    let found = findings(state, &r.meeting, &r.record).await?;
    let date = chrono::NaiveDate::parse_from_str(&r.meeting.date, "%Y-%m-%d")
        .map_err(|_| Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal server error"))?;
    let seats = state
        .store
        .body_seats(&r.meeting.authority, &r.meeting.body, date)
        .await?;
    let record = &r.record;
    let mut people: Vec<PersonRow> = record
        .participants
        .iter()
        .enumerate()
        .map(|(i, p)| PersonRow {
            i,
            name: p.name.clone(),
            category: category_word(p.category),
            role: p.role.clone().unwrap_or_default(),
            party: p.party.clone().unwrap_or_default(),
            represents: p.represents.clone().unwrap_or_default(),
            serves_for: p.serves_for.clone().unwrap_or_default(),
            paragraphs: p.paragraphs.clone().unwrap_or_default(),
            reason: String::new(),
        })
        .collect();
    for a in &record.absent {
        people.push(PersonRow {
            i: people.len(),
            name: a.name.clone(),
            category: "frånvarande",
            role: String::new(),
            party: a.party.clone().unwrap_or_default(),
            represents: String::new(),
            serves_for: String::new(),
            paragraphs: String::new(),
            reason: a.reason.clone().unwrap_or_default(),
        });
    }
    let listed = |name: &str| people.iter().any(|p| fold(&p.name) == fold(name));
    let addable: Vec<String> = seats
        .iter()
        .filter(|s| !listed(&s.name))
        .map(|s| s.name.clone())
        .collect();
    let proposals = kansli_store::record::propose_substitutes(record, &seats)
        .into_iter()
        .map(|p| ProposalRow {
            substitute: p.substitute,
            serves_for: p.serves_for,
            paragraphs: p.paragraphs,
        })
        .collect();
    let count = record.items.len();
    let paragraphs = record
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let v = r
                .paragraph_versions
                .get(&item.paragraph)
                .copied()
                .unwrap_or(0);
            let mut form = paragraph_form(item, record, v, &found);
            form.first = i == 0;
            form.last = i + 1 == count;
            form
        })
        .collect();
    // Who may be chosen as justerare: the beslutande other than the chair (the release refuses
    // the others, so the form does not offer them).
    let chair = record.chair.as_deref().map(fold);
    let present: Vec<(String, bool)> = record
        .participants
        .iter()
        .filter(|p| p.category == ParticipantCategory::Beslutande)
        .filter(|p| chair.as_deref() != Some(fold(&p.name).as_str()))
        .map(|p| {
            let chosen = record.justerare.iter().any(|j| fold(j) == fold(&p.name));
            (p.name.clone(), chosen)
        })
        .collect();
    let errors = found.iter().filter(|f| blocks_release(f)).count();
    // Released minutes may be taken back until a paragraph is justerad on its own.
    let withdrawable = r.stored
        && r.state == MinutesState::Released
        && state
            .store
            .justerade_paragraphs(r.meeting.meeting_id)
            .await?
            .is_empty();
    let page = RecordPage {
        frame: Frame::new(
            format!("Protokoll {} {}", r.meeting.body_name, r.meeting.date),
            Some(caller),
            "/kansli",
        ),
        base: base(&r.meeting.authority, &r.meeting.body, &r.meeting.slug),
        justering_href: format!(
            "/kansli/justering/{}/{}/{}",
            r.meeting.authority, r.meeting.body, r.meeting.slug
        ),
        agenda_href: format!(
            "/kansli/moten/{}/{}/{}",
            r.meeting.authority, r.meeting.body, r.meeting.slug
        ),
        body_name: r.meeting.body_name.clone(),
        date: r.meeting.date.clone(),
        // Nothing saved yet: the page shows the agenda's items, no draft.
        state: if r.stored {
            r.state.swedish().to_string()
        } else {
            "inte påbörjat – dagordningens punkter är ifyllda".to_string()
        },
        editable: r.state == MinutesState::Draft,
        released: withdrawable,
        stored: r.stored,
        version: r.version,
        header_version: r.header_version,
        start_time: record.start_time.clone().unwrap_or_default(),
        end_time: record.end_time.clone().unwrap_or_default(),
        place: record.place.clone().unwrap_or_default(),
        chair: record.chair.clone().unwrap_or_default(),
        secretary: record
            .secretary
            .clone()
            .unwrap_or_else(|| caller.user.name.clone()),
        next_person: people.len(),
        people,
        addable,
        proposals,
        paragraphs,
        general: found
            .iter()
            .filter(|f| f.paragraph.is_none())
            .map(finding_row)
            .collect(),
        present,
        justering_place: record.justering.place.clone().unwrap_or_default(),
        justering_date: record
            .justering
            .date
            .map(|d| d.to_string())
            .unwrap_or_default(),
        errors,
        kinds: KINDS.to_vec(),
    };
    let mut response = render(StatusCode::OK, &page);
    // The one page with a script: its own file, and requests back to this origin only.
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        axum::http::HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; \
             connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    Ok(response)
}

/// `GET /kansli/protokoll/{a}/{b}/{m}`: the recording page.
pub async fn page(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
) -> Response {
    let r = match recorded(&state, &a, &b, &m).await {
        Ok(r) => r,
        Err(p) if p.status == StatusCode::NOT_FOUND => {
            return message_page(
                StatusCode::NOT_FOUND,
                "Sammanträdet finns inte",
                "Det finns inget sammanträde med den adressen.",
            );
        }
        Err(p) => return p.into_response(),
    };
    page_for(&state, &caller, r)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

/// `POST …/oppna`: saves the draft proposed from the agenda, so recording can begin.
pub async fn open(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((a, b, m)): Path<(String, String, String)>,
) -> Response {
    let back = base(&a, &b, &m);
    let result = async {
        let mut r = recorded(&state, &a, &b, &m).await?;
        if r.stored {
            return Ok(());
        }
        r.record.secretary = Some(caller.user.name.clone());
        let record = shape(&r.meeting, r.record)?;
        state
            .store
            .save_minutes_draft(&caller.actor(), r.meeting.meeting_id, 0, &record)
            .await?;
        Ok::<(), Problem>(())
    }
    .await;
    match result {
        Ok(()) => see_other(&back),
        Err(p) => refusal(p, &headers, &back),
    }
}

/// Reads the attendance table of the form: rows `p{i}_…`, a category of `frånvarande` moves a
/// person to the absences.
fn attendance_of(fields: &Fields) -> (Vec<Participant>, Vec<Absent>) {
    let mut rows: BTreeMap<usize, BTreeMap<String, String>> = BTreeMap::new();
    for (k, v) in fields {
        if let Some(rest) = k.strip_prefix('p')
            && let Some((i, name)) = rest.split_once('_')
            && let Ok(i) = i.parse::<usize>()
        {
            rows.entry(i)
                .or_default()
                .insert(name.to_string(), v.clone());
        }
    }
    let mut participants = Vec::new();
    let mut absent = Vec::new();
    for row in rows.values() {
        let get = |k: &str| row.get(k).map(String::as_str).unwrap_or("");
        let Some(name) = opt(get("name")) else {
            continue;
        };
        if get("remove") == "on" {
            continue;
        }
        let category = match get("category") {
            "frånvarande" => {
                absent.push(Absent {
                    name,
                    party: opt(get("party")),
                    reason: opt(get("reason")),
                });
                continue;
            }
            "ersättare" => ParticipantCategory::Ersattare,
            "övriga" => ParticipantCategory::Ovriga,
            _ => ParticipantCategory::Beslutande,
        };
        let serves_for = opt(get("serves_for"));
        let mut role = opt(get("role"));
        if serves_for.is_some() && role.is_none() {
            role = Some("tjänstgörande ersättare".into());
        }
        participants.push(Participant {
            name,
            category,
            role,
            represents: opt(get("represents")),
            party: opt(get("party")),
            paragraphs: opt(get("paragraphs")),
            serves_for,
        });
    }
    (participants, absent)
}

async fn save_header(
    state: &AppState,
    caller: &Caller,
    r: Recorded,
    version: i64,
    mut record: ParsedProtocol,
) -> Result<(i64, i64), Problem> {
    record = shape(&r.meeting, record)?;
    super::recording::checked(state, &r.meeting, &record).await?;
    Ok(state
        .store
        .save_minutes_header(&caller.actor(), r.meeting.meeting_id, version, &record)
        .await?)
}

fn version_field(fields: &Fields) -> Result<i64, Problem> {
    field(fields, "version")
        .trim()
        .parse()
        .map_err(|_| Problem::bad_request("version: expected a number"))
}

/// `POST …/narvaro`: the header and the attendance table.
pub async fn attendance(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((a, b, m)): Path<(String, String, String)>,
    Form(fields): Form<Fields>,
) -> Response {
    let back = format!("{}#narvaro", base(&a, &b, &m));
    let result = async {
        let r = recorded(&state, &a, &b, &m).await?;
        let version = version_field(&fields)?;
        let mut record = r.record.clone();
        let (participants, absent) = attendance_of(&fields);
        record.participants = participants;
        record.absent = absent;
        let time = |k: &str| {
            chrono::NaiveTime::parse_from_str(field(&fields, k).trim(), "%H:%M")
                .ok()
                .map(|t| t.format("%H:%M").to_string())
        };
        record.start_time = time("start_time");
        record.end_time = time("end_time");
        record.place = opt(field(&fields, "place"));
        record.chair = opt(field(&fields, "chair"));
        record.secretary = opt(field(&fields, "secretary"));
        save_header(&state, &caller, r, version, record).await
    }
    .await;
    answer(
        result.map(|(v, h)| json!({"version": v, "header_version": h})),
        &headers,
        &back,
    )
}

/// `POST …/narvaro/forslag`: lets the substitute Kansli proposed serve.
pub async fn accept_proposal(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((a, b, m)): Path<(String, String, String)>,
    Form(fields): Form<Fields>,
) -> Response {
    let back = format!("{}#narvaro", base(&a, &b, &m));
    let result = async {
        let r = recorded(&state, &a, &b, &m).await?;
        let version = version_field(&fields)?;
        let date = chrono::NaiveDate::parse_from_str(&r.meeting.date, "%Y-%m-%d")
            .map_err(|_| Problem::bad_request("the meeting's date"))?;
        let seats = state
            .store
            .body_seats(&r.meeting.authority, &r.meeting.body, date)
            .await?;
        let substitute = field(&fields, "substitute");
        let seat = seats
            .iter()
            .find(|s| s.role == "substitute" && fold(&s.name) == fold(substitute))
            .ok_or_else(|| Problem::unprocessable("substitute: not a substitute of the body"))?;
        let mut record = r.record.clone();
        let paragraphs = opt(field(&fields, "paragraphs"));
        match record
            .participants
            .iter_mut()
            .find(|p| fold(&p.name) == fold(&seat.name))
        {
            // Already listed (present, not serving): now serving for the member.
            Some(p) => {
                p.category = ParticipantCategory::Beslutande;
                p.role = Some("tjänstgörande ersättare".into());
                p.serves_for = opt(field(&fields, "serves_for"));
                p.paragraphs = paragraphs;
            }
            None => record.participants.push(Participant {
                name: seat.name.clone(),
                category: ParticipantCategory::Beslutande,
                role: Some("tjänstgörande ersättare".into()),
                represents: seat.represents.clone(),
                party: seat.party.clone(),
                paragraphs,
                serves_for: opt(field(&fields, "serves_for")),
            }),
        }
        save_header(&state, &caller, r, version, record).await
    }
    .await;
    answer(
        result.map(|(v, h)| json!({"version": v, "header_version": h})),
        &headers,
        &back,
    )
}

/// Reads one paragraph's form into the item, keeping what the form does not show (its
/// sections, beslutsunderlag, summary and printed texts).
fn item_of(fields: &Fields, current: &Item) -> Item {
    let mut item = current.clone();
    if let Some(title) = opt(field(fields, "title")) {
        item.title = title;
    }
    item.decision = opt(field(fields, "decision"));
    let mut motions: BTreeMap<usize, (String, String, String)> = BTreeMap::new();
    for (k, v) in fields {
        if let Some(rest) = k.strip_prefix('m')
            && let Some((i, name)) = rest.split_once('_')
            && let Ok(i) = i.parse::<usize>()
        {
            let row = motions.entry(i).or_default();
            match name {
                "movers" => row.0 = v.clone(),
                "kind" => row.1 = v.clone(),
                "text" => row.2 = v.clone(),
                _ => {}
            }
        }
    }
    let adopted: Option<usize> = field(fields, "adopted").parse().ok();
    item.motions = Vec::new();
    item.recorded.adopted = None;
    for (i, (movers, kind, text)) in motions {
        let kind = MotionKind::from_word(kind.trim());
        if movers.trim().is_empty() && text.trim().is_empty() && kind.is_none() {
            continue;
        }
        if adopted == Some(i) {
            item.recorded.adopted = Some(item.motions.len());
        }
        item.motions.push(ParsedMotion {
            movers: movers
                .split([',', ';'])
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(str::to_string)
                .collect(),
            text: opt(&text)
                .unwrap_or_else(|| kind.map(|k| k.as_str().to_string()).unwrap_or_default()),
            kind,
        });
    }
    item.proposition_order = opt(field(fields, "proposition_order"));
    let ja = opt(field(fields, "ja"));
    let nej = opt(field(fields, "nej"));
    item.recorded.votering = if field(fields, "votering") == "on" || ja.is_some() || nej.is_some() {
        let mut casts = Vec::new();
        for (k, v) in fields {
            if let Some(i) = k.strip_prefix("vote_")
                && let Ok(i) = i.parse::<usize>()
                && let Some(choice) = VoteChoice::from_word(v.trim())
            {
                let name = field(fields, &format!("voter_{i}")).to_string();
                if !name.is_empty() {
                    casts.push(CastVote { name, choice });
                }
            }
        }
        let tie_break = match field(fields, "tie_break") {
            "utslagsrost_ja" => Some(TieBreak::UtslagsrostJa),
            "utslagsrost_nej" => Some(TieBreak::UtslagsrostNej),
            "lottning_ja" => Some(TieBreak::LottningJa),
            "lottning_nej" => Some(TieBreak::LottningNej),
            _ => None,
        };
        Some(Votering {
            ja: ja.unwrap_or_default(),
            nej: nej.unwrap_or_default(),
            casts,
            tie_break,
        })
    } else {
        None
    };
    item.reservations = lines(field(fields, "reservations"));
    item.notes = lines(field(fields, "notes"));
    item.recorded.disqualified = all(fields, "jav").into_iter().filter_map(opt).collect();
    item.recorded.immediately_justerad = field(fields, "immediately") == "on";
    item.dispatch = lines(field(fields, "dispatch"));
    item
}

async fn save_item(
    state: &AppState,
    caller: &Caller,
    r: &Recorded,
    n: u32,
    version: i64,
    item: Item,
) -> Result<(i64, i64), Problem> {
    let saved = super::recording::save_paragraph(state, caller, r, n, version, item).await?;
    Ok((saved.version, saved.paragraph_version))
}

/// The paragraph `n` of a record, or 404.
fn current_item(r: &Recorded, n: u32) -> Result<Item, Problem> {
    r.record
        .items
        .iter()
        .find(|i| i.paragraph == n)
        .cloned()
        .ok_or_else(|| Problem::not_found(format!("no § {n}")))
}

fn number(raw: &str) -> Result<u32, Problem> {
    raw.parse()
        .map_err(|_| Problem::bad_request("n: expected a paragraph number"))
}

fn answer(result: Result<serde_json::Value, Problem>, headers: &HeaderMap, back: &str) -> Response {
    match result {
        Ok(v) if wants_json(headers) => axum::Json(v).into_response(),
        Ok(_) => see_other(back),
        Err(p) => refusal(p, headers, back),
    }
}

/// `POST …/paragraf/{n}`: one paragraph's form.
pub async fn paragraph(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((a, b, m, n)): Path<(String, String, String, String)>,
    Form(fields): Form<Fields>,
) -> Response {
    let back = format!("{}#p{n}", base(&a, &b, &m));
    let result = async {
        let n = number(&n)?;
        let r = recorded(&state, &a, &b, &m).await?;
        let current = current_item(&r, n)?;
        let version = version_field(&fields)?;
        let item = item_of(&fields, &current);
        let (v, pv) = save_item(&state, &caller, &r, n, version, item).await?;
        Ok(json!({"version": v, "paragraph_version": pv}))
    }
    .await;
    answer(result, &headers, &back)
}

/// `POST …/paragraf/{n}/information`: an information item noted in one click ("Direktionen
/// beslutar att notera informationen till protokollet").
pub async fn information(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((a, b, m, n)): Path<(String, String, String, String)>,
    Form(fields): Form<Fields>,
) -> Response {
    let back = format!("{}#p{n}", base(&a, &b, &m));
    let result = async {
        let n = number(&n)?;
        let r = recorded(&state, &a, &b, &m).await?;
        let mut item = current_item(&r, n)?;
        item.decision = Some(format!(
            "{} beslutar att notera informationen till protokollet.",
            r.meeting.body_name
        ));
        let version = version_field(&fields)?;
        let (v, pv) = save_item(&state, &caller, &r, n, version, item).await?;
        Ok(json!({"version": v, "paragraph_version": pv}))
    }
    .await;
    answer(result, &headers, &back)
}

/// `POST …/paragraf/{n}/{action}`: move up or down (`upp`, `ned`), withdraw (`utgar`: the
/// item leaves the minutes) or postpone (`bordlagg`: the body decides to postpone it; the case
/// stays open and is put on the body's next planned meeting's agenda). Paragraphs after a
/// moved or withdrawn one are numbered again. The whole record's version is checked.
pub async fn rearrange(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((a, b, m, n, action)): Path<(String, String, String, String, String)>,
    Form(fields): Form<Fields>,
) -> Response {
    let back = base(&a, &b, &m);
    let result = async {
        let n = number(&n)?;
        let r = recorded(&state, &a, &b, &m).await?;
        let version = version_field(&fields)?;
        let mut record = r.record.clone();
        let at = record
            .items
            .iter()
            .position(|i| i.paragraph == n)
            .ok_or_else(|| Problem::not_found(format!("no § {n}")))?;
        let first = record.items.iter().map(|i| i.paragraph).min().unwrap_or(1);
        match action.as_str() {
            "upp" if at > 0 => record.items.swap(at, at - 1),
            "ned" if at + 1 < record.items.len() => record.items.swap(at, at + 1),
            "utgar" => {
                record.items.remove(at);
            }
            "bordlagg" => {
                let item = &mut record.items[at];
                item.decision = Some(format!(
                    "{} beslutar att bordlägga ärendet till ett kommande sammanträde.",
                    r.meeting.body_name
                ));
                if let Some(dnr) = item.dnr.clone() {
                    postpone(&state, &caller, &r, &dnr, &item.title).await?;
                }
            }
            "upp" | "ned" => {}
            _ => return Err(Problem::not_found(format!("no action {action}"))),
        }
        // Numbers run on from the first, whatever the order now is.
        for (i, item) in record.items.iter_mut().enumerate() {
            item.paragraph = first + i as u32;
        }
        let record = shape(&r.meeting, record)?;
        super::recording::checked(&state, &r.meeting, &record).await?;
        let v = state
            .store
            .save_minutes_draft(&caller.actor(), r.meeting.meeting_id, version, &record)
            .await?;
        Ok(json!({"version": v}))
    }
    .await;
    answer(result, &headers, &back)
}

/// Puts a postponed case on the body's next planned meeting's agenda, if there is one.
async fn postpone(
    state: &AppState,
    caller: &Caller,
    r: &Recorded,
    dnr: &str,
    title: &str,
) -> Result<(), Problem> {
    let meetings = state
        .store
        .body_calendar(&r.meeting.authority, &r.meeting.body)
        .await?
        .unwrap_or_default();
    let Some(next) = meetings.into_iter().find(|x| {
        x.status == "planned"
            && x.date.as_str() > r.meeting.date.as_str()
            && x.slug != r.meeting.slug
    }) else {
        return Ok(());
    };
    let new = kansli_store::NewAgendaItem {
        kind: kansli_store::AgendaKind::Case,
        case: Some(dnr.to_string()),
        title: Some(title.to_string()),
        proposal: None,
        presenter: None,
        documents: Vec::new(),
        prepared_in: None,
    };
    state
        .store
        .add_agenda_item(
            &caller.actor(),
            &r.meeting.authority,
            &r.meeting.body,
            &next.slug,
            None,
            &new,
        )
        .await?;
    Ok(())
}

/// `POST …/justering`: releases the draft for justering.
pub async fn release(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((a, b, m)): Path<(String, String, String)>,
    Form(fields): Form<Fields>,
) -> Response {
    let back = base(&a, &b, &m);
    let result = async {
        let version = version_field(&fields)?;
        let body = super::recording::ReleaseInput {
            version,
            justerare: all(&fields, "justerare")
                .into_iter()
                .map(str::to_string)
                .collect(),
            place: opt(field(&fields, "justering_place")),
            date: chrono::NaiveDate::parse_from_str(
                field(&fields, "justering_date").trim(),
                "%Y-%m-%d",
            )
            .ok(),
        };
        super::recording::release_minutes(&state, &caller, &a, &b, &m, body).await
    }
    .await;
    answer(result, &headers, &back)
}

/// `POST /kansli/protokoll/{a}/{b}/{m}/ta-tillbaka`: the released minutes back to a draft.
pub async fn withdraw(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((a, b, m)): Path<(String, String, String)>,
    Form(fields): Form<Fields>,
) -> Response {
    let back = base(&a, &b, &m);
    let result = async {
        let version = version_field(&fields)?;
        super::recording::withdraw_release(&state, &caller, (&a, &b, &m), version).await
    }
    .await;
    answer(result, &headers, &back)
}

/// `GET …/utkast.pdf` and `…/utkast.html`: the draft as it will be printed.
pub async fn draft_document(
    State(state): State<AppState>,
    Path((a, b, m, file)): Path<(String, String, String, String)>,
) -> Response {
    let format = match file.as_str() {
        "utkast.pdf" => kansli_render::Format::Pdf,
        "utkast.html" => kansli_render::Format::Html,
        _ => {
            return message_page(
                StatusCode::NOT_FOUND,
                "Sidan finns inte",
                "Det finns inget sådant dokument.",
            );
        }
    };
    let r = match recorded(&state, &a, &b, &m).await {
        Ok(r) => r,
        Err(p) => return p.into_response(),
    };
    let options = kansli_render::RenderOptions {
        not_justerad: matches!(r.state, MinutesState::Draft | MinutesState::Released),
        ..crate::documents::options(&state, &a).await
    };
    let rendered = tokio::task::spawn_blocking(move || {
        kansli_render::render(
            &r.record,
            &kansli_render::DocumentKind::Protokoll,
            format,
            &options,
        )
    })
    .await;
    match rendered {
        Ok(Ok(bytes)) => (
            [
                (header::CONTENT_TYPE, format.content_type()),
                (header::CACHE_CONTROL, "no-store"),
            ],
            bytes,
        )
            .into_response(),
        _ => message_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Utkastet kunde inte skapas",
            "Protokollsutkastet kunde inte skapas. Försök igen.",
        ),
    }
}

/// `GET …/handelser`: server-sent events, one `version` event whenever the record changes
/// (read from the database every two seconds, so every server sharing it tells its pages).
/// A stream lasts ten minutes; the browser reconnects by itself. 204 when the meeting has no
/// draft being recorded (nothing to follow: EventSource then stops asking).
pub async fn events(
    State(state): State<AppState>,
    Path((a, b, m)): Path<(String, String, String)>,
) -> Response {
    let meeting = match state.store.meeting_agenda(&a, &b, &m).await {
        Ok(Some(meeting)) => meeting,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    // Only minutes being recorded change; for others there is nothing to follow.
    match state.store.meeting_minutes(meeting.meeting_id).await {
        Ok(Some(minutes)) if minutes.origin != "import" && minutes.state.is_editable() => {}
        _ => return StatusCode::NO_CONTENT.into_response(),
    }
    let store = state.store.clone();
    let id = meeting.meeting_id;
    let stream = async_stream(store, id);
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(20)))
        .into_response()
}

fn async_stream(
    store: kansli_store::Store,
    meeting_id: i64,
) -> impl futures_util::Stream<Item = Result<Event, Infallible>> {
    let start = tokio::time::Instant::now();
    futures_util::stream::unfold(
        (store, None::<(i64, BTreeMap<u32, i64>, i64)>),
        move |(store, last)| async move {
            loop {
                if start.elapsed() > Duration::from_secs(600) {
                    return None;
                }
                let now = store
                    .meeting_minutes(meeting_id)
                    .await
                    .ok()
                    .flatten()
                    .map(|s| (s.version, s.paragraph_versions, s.header_version));
                if let Some(current) = now
                    && last.as_ref().is_none_or(|l| l.0 != current.0)
                {
                    let data = json!({
                        "version": current.0,
                        "header_version": current.2,
                        "paragraph_versions": current.1,
                    });
                    let event = Event::default().event("version").data(data.to_string());
                    return Some((Ok(event), (store, Some(current))));
                }
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
        },
    )
}
