//! Recording a meeting through the API: `getMeetingRecord`, `putMeetingRecord` and
//! `releaseForJustering`.
//!
//! The record has the shape of `kansli parse`'s output (one model of minutes, imported or
//! recorded). Every save runs the law engine: what must stop a save (a decision without quorum,
//! a seat served twice in a paragraph, a disqualified member taking part, a votering that does
//! not match those serving) is refused with 422 and the findings; the rest is returned beside
//! the saved version. Release for justering is refused while any error remains.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use chrono::{Datelike, NaiveDate};
use kansli_core::law::checks::{CheckContext, Finding, MeetingNumbers, check_protocol};
use kansli_core::paragraph::ParagraphSet;
use kansli_core::protocol::ParsedProtocol;
use kansli_core::record::{MinutesState, blocks_release, blocks_saving};
use kansli_store::MeetingAgenda;
use serde::Deserialize;
use serde_json::{Value, json};

use super::access::Caller;
use super::agenda::version_of;
use super::api::Body;
use super::problem::Problem;
use crate::AppState;

/// The most paragraphs, participants or absences one record may hold.
const MAX_ROWS: usize = 400;
/// The most characters of one text field.
const MAX_TEXT: usize = 100_000;

/// A meeting's record as the secretariat reads it.
pub struct Recorded {
    /// The meeting.
    pub meeting: MeetingAgenda,
    /// `draft` etc.; a meeting not yet recorded is a draft at version 0.
    pub state: MinutesState,
    /// The version to send back with a write.
    pub version: i64,
    /// Whether the record is stored (false: proposed from the agenda and the seats).
    pub stored: bool,
    /// `import` or `recorded`.
    pub origin: String,
    /// The record.
    pub record: ParsedProtocol,
    /// Each paragraph's version, by number (all 0 before the first save).
    pub paragraph_versions: std::collections::BTreeMap<u32, i64>,
    /// The version of the header and attendance.
    pub header_version: i64,
}

async fn meeting_of(state: &AppState, a: &str, b: &str, m: &str) -> Result<MeetingAgenda, Problem> {
    state
        .store
        .meeting_agenda(a, b, m)
        .await?
        .ok_or_else(|| Problem::not_found(format!("no meeting {m} of {a}/{b}")))
}

fn date_of(meeting: &MeetingAgenda) -> Result<NaiveDate, Problem> {
    NaiveDate::parse_from_str(&meeting.date, "%Y-%m-%d")
        .map_err(|_| Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal server error"))
}

/// The record of a meeting: its stored minutes, or a draft proposed from the agenda.
pub async fn recorded(state: &AppState, a: &str, b: &str, m: &str) -> Result<Recorded, Problem> {
    let meeting = meeting_of(state, a, b, m).await?;
    if let Some(stored) = state.store.meeting_minutes(meeting.meeting_id).await? {
        return Ok(Recorded {
            meeting,
            state: stored.state,
            version: stored.version,
            stored: true,
            origin: stored.origin,
            record: stored.record,
            paragraph_versions: stored.paragraph_versions,
            header_version: stored.header_version,
        });
    }
    let date = date_of(&meeting)?;
    let seats = state.store.body_seats(a, b, date).await?;
    let absences = state.store.absences(a, b, m).await?;
    let first = state
        .store
        .next_paragraph_number(meeting.meeting_id)
        .await?;
    let record = kansli_store::record::propose_draft(&meeting, &seats, &absences, first)?;
    Ok(Recorded {
        meeting,
        state: MinutesState::Draft,
        version: 0,
        stored: false,
        origin: "recorded".into(),
        paragraph_versions: record.items.iter().map(|i| (i.paragraph, 0)).collect(),
        header_version: 0,
        record,
    })
}

/// The law engine's findings on a record, with the body's seats from the registry and the
/// body's other meetings of the same year (any state) for the numbering.
pub async fn findings(
    state: &AppState,
    meeting: &MeetingAgenda,
    record: &ParsedProtocol,
) -> Result<Vec<Finding>, Problem> {
    let date = date_of(meeting)?;
    let seats = state
        .store
        .seat_count(&meeting.authority, &meeting.body, date)
        .await?;
    let year = date.year();
    let others = state
        .store
        .minutes_between(
            &meeting.authority,
            &meeting.body,
            &format!("{year:04}-01-01"),
            &format!("{:04}-01-01", year + 1),
            false,
        )
        .await?;
    let context = CheckContext {
        seats,
        other_meetings: others
            .iter()
            .filter(|o| o.meeting_id != meeting.meeting_id)
            .map(|o| MeetingNumbers::of(&o.record))
            .collect(),
        // The record being written lists who was there: an empty list is nobody.
        recorded: true,
    };
    Ok(check_protocol(record, &context))
}

fn findings_json(findings: &[Finding], record: &ParsedProtocol) -> Value {
    json!(
        findings
            .iter()
            .map(|f| {
                let mut v = serde_json::to_value(f).unwrap_or(Value::Null);
                if let Some(map) = v.as_object_mut() {
                    map.insert("blocks_saving".into(), json!(blocks_saving(f, record)));
                    map.insert("blocks_release".into(), json!(blocks_release(f)));
                }
                v
            })
            .collect::<Vec<_>>()
    )
}

fn links(m: &MeetingAgenda) -> Value {
    let base = format!(
        "/api/v1/authorities/{}/bodies/{}/meetings/{}",
        m.authority, m.body, m.slug
    );
    json!({
        "self": format!("{base}/record"),
        "release": format!("{base}/record/release"),
        "withdraw": format!("{base}/record/withdraw"),
        "attendance": format!("{base}/record/attendance"),
        "paragraph": format!("{base}/record/paragraphs/{{n}}"),
        "agenda": format!("{base}/agenda"),
        "web": format!("/kansli/protokoll/{}/{}/{}", m.authority, m.body, m.slug),
    })
}

/// `getMeetingRecord`: `{version, state, record, findings}`.
pub async fn get_record(
    State(state): State<AppState>,
    Path((a, b, m)): Path<(String, String, String)>,
) -> Result<Json<Value>, Problem> {
    let r = recorded(&state, &a, &b, &m).await?;
    let found = findings(&state, &r.meeting, &r.record).await?;
    // Who has signed what so far: the whole minutes (`paragraphs: null`) or the paragraphs of
    // an omedelbar justering.
    let signatures = if r.stored {
        state.store.minutes_signatures(r.meeting.meeting_id).await?
    } else {
        Vec::new()
    };
    Ok(Json(json!({
        "version": r.version,
        "state": r.state.as_str(),
        "signatures": signatures.iter().map(|s| json!({
            "name": s.name, "role": s.role, "signed_at": s.signed_at, "paragraphs": s.paragraphs,
        })).collect::<Vec<_>>(),
        "stored": r.stored,
        "origin": r.origin,
        "header_version": r.header_version,
        "paragraph_versions": r.paragraph_versions,
        "record": r.record,
        "findings": findings_json(&found, &r.record),
        "links": links(&r.meeting),
    })))
}

/// The body of `putMeetingRecord`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PutRecord {
    #[serde(default)]
    version: Option<i64>,
    record: ParsedProtocol,
}

/// Checks a submitted record's shape against the meeting: its date, unique paragraph numbers,
/// readable attendance ranges, motions and votes that refer to what exists, bounded sizes.
/// The body and authority are the registry's, whatever the record says.
pub fn shape(
    meeting: &MeetingAgenda,
    mut record: ParsedProtocol,
) -> Result<ParsedProtocol, Problem> {
    let date = date_of(meeting)?;
    if record.meeting_date != date {
        return Err(Problem::unprocessable(format!(
            "record.meeting_date: the meeting is on {date}, not {}",
            record.meeting_date
        ))
        .in_swedish(format!(
            "Protokollets datum {} är inte sammanträdets, {date}.",
            record.meeting_date
        )));
    }
    record.body = meeting.body_name.clone();
    record.authority = Some(meeting.authority_name.clone());
    record.layout = "recorded".into();
    record.confidence.clear();
    if record.items.len() > MAX_ROWS
        || record.participants.len() > MAX_ROWS
        || record.absent.len() > MAX_ROWS
    {
        return Err(Problem::unprocessable(format!(
            "record: at most {MAX_ROWS} items, participants and absences"
        ))
        .in_swedish(format!(
            "Protokollet får ha högst {MAX_ROWS} paragrafer, närvarande och frånvarande."
        )));
    }
    let too_long = |s: &str| s.chars().count() > MAX_TEXT;
    let mut numbers = std::collections::BTreeSet::new();
    for (i, item) in record.items.iter().enumerate() {
        let at = format!("record.items[{i}]");
        if item.paragraph == 0 || !numbers.insert(item.paragraph) {
            return Err(Problem::unprocessable(format!(
                "{at}.paragraph: § {} is not a new paragraph number",
                item.paragraph
            ))
            .in_swedish(format!(
                "§ {} är inget nytt paragrafnummer: varje paragraf ska ha ett eget nummer, från 1.",
                item.paragraph
            )));
        }
        if item.title.trim().is_empty() {
            return Err(
                Problem::unprocessable(format!("{at}.title: empty")).in_swedish(format!(
                    "§ {} saknar rubrik: skriv ärendets rubrik.",
                    item.paragraph
                )),
            );
        }
        let texts = [&item.title]
            .into_iter()
            .chain(item.decision.as_ref())
            .chain(item.proposition_order.as_ref())
            .chain(item.vote.as_ref())
            .chain(item.reservations.iter())
            .chain(item.notes.iter())
            .chain(item.sections.iter().map(|s| &s.text))
            .chain(item.motions.iter().map(|m| &m.text));
        if texts.into_iter().any(|t| too_long(t)) {
            return Err(Problem::unprocessable(format!(
                "{at}: a text longer than {MAX_TEXT} characters"
            ))
            .in_swedish(format!(
                "En text i § {} är längre än {MAX_TEXT} tecken. Dela upp den eller lägg den som bilaga.",
                item.paragraph
            )));
        }
        if item.motions.len() > 100 || item.dispatch.len() > 200 || item.sections.len() > 100 {
            return Err(Problem::unprocessable(format!(
                "{at}: too many motions, dispatch recipients or sections"
            ))
            .in_swedish(format!(
                "§ {} har för många yrkanden, expedieringsmottagare eller stycken.",
                item.paragraph
            )));
        }
        if let Some(adopted) = item.recorded.adopted
            && adopted >= item.motions.len()
        {
            return Err(Problem::unprocessable(format!(
                "{at}.adopted: there is no motion {adopted} (motions are counted from 0)"
            ))
            .in_swedish(format!(
                "§ {}: det bifallna yrkandet finns inte bland paragrafens yrkanden.",
                item.paragraph
            )));
        }
        if let Some(v) = &item.recorded.votering {
            if v.casts.len() > MAX_ROWS {
                return Err(
                    Problem::unprocessable(format!("{at}.votering.casts: too many")).in_swedish(
                        format!(
                            "§ {}: omröstningen har fler röster än {MAX_ROWS}.",
                            item.paragraph
                        ),
                    ),
                );
            }
            if v.ja.trim().is_empty() || v.nej.trim().is_empty() {
                return Err(Problem::unprocessable(format!(
                    "{at}.votering: name what ja and nej mean (ja- and nej-proposition)"
                ))
                .in_swedish(format!(
                    "§ {}: skriv vad ja och nej betyder i omröstningen (ja- och nej-proposition).",
                    item.paragraph
                )));
            }
            if v.casts.iter().any(|c| c.name.trim().is_empty()) {
                return Err(Problem::unprocessable(format!(
                    "{at}.votering.casts: a vote without a name"
                ))
                .in_swedish(format!(
                    "§ {}: en röst i omröstningen saknar namn.",
                    item.paragraph
                )));
            }
        }
    }
    let range = record.items.first().map(|_| kansli_core::ParagraphRange {
        first: *numbers.first().unwrap_or(&1),
        last: *numbers.last().unwrap_or(&1),
    });
    for (i, x) in record.participants.iter().enumerate() {
        if x.name.trim().is_empty() {
            return Err(
                Problem::unprocessable(format!("record.participants[{i}].name: empty"))
                    .in_swedish(format!("Närvarorad {} saknar namn.", i + 1)),
            );
        }
        if let Some(raw) = x.paragraphs.as_deref().filter(|r| !r.trim().is_empty())
            && ParagraphSet::parse(raw, range).is_err()
        {
            return Err(Problem::unprocessable(format!(
                "record.participants[{i}].paragraphs: {raw:?} is not a paragraph range (write e.g. \"1-4\" or \"5, 7-9\")"
            ))
            .in_swedish(format!(
                "{}: \"{raw}\" är inga paragrafer. Skriv till exempel \"1-4\" eller \"5, 7-9\".",
                x.name.trim()
            )));
        }
    }
    // The cover's range is the paragraphs recorded.
    record.paragraphs = range;
    Ok(record)
}

/// The rules findings break, for an English `detail`: "quorum-not-met (§ 3), vote-count (§ 5)"
/// (the findings' own messages, in Swedish, are in `findings`).
fn rules_broken<'a>(found: impl IntoIterator<Item = &'a Finding>) -> String {
    found
        .into_iter()
        .map(|f| match f.paragraph {
            Some(n) => format!("{} (§ {n})", f.rule.id()),
            None => f.rule.id().to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn refused(detail: String, found: &[Finding], record: &ParsedProtocol) -> Problem {
    let mut p = Problem::unprocessable(detail);
    p.extra = Some(json!({ "findings": findings_json(found, record) }));
    p
}

/// Participants submitted with the category `frånvarande` (as the web form offers it) are
/// absences: taken out of `participants` of `holder` and added to its `absent` list with
/// party and `reason`, so that the API takes what the form takes (the model keeps absences
/// apart from the present). When `holder` has no `absent` list, they are returned for the
/// caller to add to what it keeps. Anything unexpected is left for the deserialisation to
/// refuse with its path.
fn absences_moved(holder: Option<&mut Value>) -> Vec<kansli_core::protocol::Absent> {
    let Some(holder) = holder.and_then(Value::as_object_mut) else {
        return Vec::new();
    };
    let Some(Value::Array(participants)) = holder.get_mut("participants") else {
        return Vec::new();
    };
    let (absent, present): (Vec<Value>, Vec<Value>) =
        std::mem::take(participants).into_iter().partition(|p| {
            p.get("category")
                .and_then(Value::as_str)
                .is_some_and(|c| c.trim().eq_ignore_ascii_case("frånvarande"))
        });
    *participants = present;
    let text = |p: &Value, k: &str| {
        p.get(k)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    let moved: Vec<kansli_core::protocol::Absent> = absent
        .iter()
        .filter_map(|p| {
            Some(kansli_core::protocol::Absent {
                name: text(p, "name")?,
                party: text(p, "party"),
                reason: text(p, "reason"),
            })
        })
        .collect();
    match holder.get_mut("absent") {
        Some(Value::Array(list)) => {
            list.extend(moved.iter().filter_map(|a| serde_json::to_value(a).ok()));
            Vec::new()
        }
        _ => moved,
    }
}

/// A participant with the category `frånvarande` is recorded as absent.
pub async fn put_record(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((a, b, m)): Path<(String, String, String)>,
    Body(body): Body<Value>,
) -> Result<Json<Value>, Problem> {
    let mut body = body;
    let moved = absences_moved(body.get_mut("record"));
    let mut body: PutRecord = super::api::from_value(body)?;
    body.record.absent.extend(moved);
    let meeting = meeting_of(&state, &a, &b, &m).await?;
    let record = shape(&meeting, body.record)?;
    let version = version_of(body.version, &headers).ok_or_else(|| {
        Problem::bad_request(
            "version: send the version you read (0 for a meeting not yet recorded)",
        )
    })?;
    let found = findings(&state, &meeting, &record).await?;
    let blocking: Vec<&Finding> = found.iter().filter(|f| blocks_saving(f, &record)).collect();
    if !blocking.is_empty() {
        return Err(refused(
            format!(
                "the record breaks a rule that stops it: {}; see findings",
                rules_broken(blocking.iter().copied())
            ),
            &found,
            &record,
        ));
    }
    let version = state
        .store
        .save_minutes_draft(&caller.actor(), meeting.meeting_id, version, &record)
        .await?;
    Ok(Json(json!({
        "version": version,
        "state": "draft",
        "findings": findings_json(&found, &record),
        "links": links(&meeting),
    })))
}

/// The time and place of justering in `releaseForJustering`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JusteringBody {
    #[serde(default)]
    place: Option<String>,
    #[serde(default)]
    date: Option<NaiveDate>,
}

/// The body of `releaseForJustering`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Release {
    #[serde(default)]
    version: Option<i64>,
    justerare: Vec<String>,
    justering: JusteringBody,
}

/// What a release for justering needs.
pub struct ReleaseInput {
    /// The record's version read.
    pub version: i64,
    /// The justerare's names.
    pub justerare: Vec<String>,
    /// Where the justering takes place.
    pub place: Option<String>,
    /// When.
    pub date: Option<NaiveDate>,
}

/// Releases a meeting's draft for justering: the justerare must be present members, the date
/// not before the meeting, and no error may remain (422 with the findings).
pub async fn release_minutes(
    state: &AppState,
    caller: &Caller,
    a: &str,
    b: &str,
    m: &str,
    input: ReleaseInput,
) -> Result<Value, Problem> {
    let r = recorded(state, a, b, m).await?;
    if !r.stored {
        return Err(Problem::new(
            StatusCode::CONFLICT,
            "the meeting is not recorded yet: save its record first",
        ));
    }
    if r.state != MinutesState::Draft {
        return Err(Problem::new(
            StatusCode::CONFLICT,
            format!(
                "the minutes are {}: only a draft can be released",
                r.state.as_str()
            ),
        )
        .in_swedish(
            "Protokollet är redan lämnat för justering. Bara ett utkast kan lämnas för justering.",
        ));
    }
    // Minutes are justerade on or after the meeting day: a meeting not yet held cannot be
    // released, or its justering could never complete.
    let meeting_day = date_of(&r.meeting)?;
    if meeting_day > (state.today)() {
        return Err(Problem::unprocessable(format!(
            "the meeting is on {meeting_day}: its minutes are released for justering once it has been held"
        ))
        .in_swedish(format!(
            "Sammanträdet är {meeting_day}. Protokollet kan lämnas för justering först när sammanträdet har hållits."
        )));
    }
    let justerare: Vec<String> = input
        .justerare
        .iter()
        .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|n| !n.is_empty())
        .collect();
    if let Some(twice) = justerare.iter().enumerate().find_map(|(i, n)| {
        justerare[..i]
            .iter()
            .any(|m| kansli_core::text::fold(m) == kansli_core::text::fold(n))
            .then_some(n)
    }) {
        return Err(Problem::unprocessable(format!(
            "justerare: {twice} is named twice; each justerare signs once"
        ))
        .in_swedish(format!("{twice} är vald två gånger till justerare.")));
    }
    if justerare.is_empty() || justerare.len() > 10 {
        return Err(Problem::unprocessable(
            "justerare: name one or more (at most ten) who justerar the minutes",
        )
        .in_swedish("Välj minst en justerare (högst tio)."));
    }
    // The chair signs the minutes with the justerare (KL 5 kap. 69 §, 6 kap. 30 §): minutes
    // without one could be released but never signed.
    if r.record
        .chair
        .as_deref()
        .is_none_or(|c| c.trim().is_empty())
    {
        return Err(Problem::unprocessable(
            "record.chair: the minutes name no ordförande, who signs them with the justerare: save the record with its chair first",
        )
        .in_swedish(
            "Protokollet anger ingen ordförande, som skriver under med justerarna. Ange ordföranden i närvaron och spara först.",
        ));
    }
    // The minutes are justerade by the chair and one or more of the members who took the
    // decisions (KL 5 kap. 69 §, 6 kap. 30 §): a ledamot or a tjänstgörande ersättare, never
    // an ersättare who was only present, nor anyone else present.
    let fold = kansli_core::text::fold;
    // The chair signs in any case: named as a justerare too, the chair alone would make the
    // minutes final with one signature.
    if let Some(chair) = r.record.chair.as_deref()
        && let Some(name) = justerare.iter().find(|j| fold(j) == fold(chair))
    {
        return Err(Problem::unprocessable(format!(
            "justerare: {name} is the ordförande, who signs the minutes in any case; the justerare are other members"
        ))
        .in_swedish(format!(
            "{name} är ordförande och skriver under protokollet ändå. Välj justerare bland de andra ledamöterna (KL 5 kap. 69 §, 6 kap. 30 §)."
        )));
    }
    for name in &justerare {
        let present = r
            .record
            .participants
            .iter()
            .find(|p| fold(&p.name) == fold(name));
        match present.map(|p| p.category) {
            Some(kansli_core::protocol::ParticipantCategory::Beslutande) => {}
            Some(kansli_core::protocol::ParticipantCategory::Ersattare) => {
                return Err(Problem::unprocessable(format!(
                    "justerare: {name} was present but did not serve (not among the beslutande); a justerare is one of the members who decided"
                ))
                .in_swedish(format!(
                    "{name} var närvarande men tjänstgjorde inte. En justerare ska vara en av de beslutande (KL 5 kap. 69 §, 6 kap. 30 §)."
                )));
            }
            _ => {
                return Err(Problem::unprocessable(format!(
                    "justerare: {name} is not a member present at the meeting"
                ))
                .in_swedish(format!(
                    "{name} finns inte bland de närvarande ledamöterna. Välj justerare bland de beslutande."
                )));
            }
        }
    }
    let place = input
        .place
        .map(|p| p.trim().chars().take(200).collect::<String>())
        .filter(|p| !p.is_empty());
    if let Some(date) = input.date
        && date < r.record.meeting_date
    {
        return Err(Problem::unprocessable(format!(
            "justering.date: {date} is before the meeting ({})",
            r.record.meeting_date
        ))
        .in_swedish(format!(
            "Justeringsdagen {date} är före sammanträdet {}.",
            r.record.meeting_date
        )));
    }
    // A justering planned after the law's last day, while that day can still be kept, is a
    // choice to break the rule (KL 5 kap. 69 §, 6 kap. 30 §): refused. Minutes already overdue
    // are released all the same (the finding says so), or they could never be justerade.
    if let Some(date) = input.date
        && let Ok(deadline) =
            kansli_core::law::deadlines::justering_deadline_for(&r.record.body, meeting_day)
        && date > deadline.date()
        && (state.today)() <= deadline.date()
    {
        return Err(Problem::unprocessable(format!(
            "justering.date: {date} is after the last day for justering, {} ({}): plan the justering on or before it",
            deadline.date(),
            deadline.source
        ))
        .in_swedish(format!(
            "Justeringsdagen {date} är efter sista dag för justering, {} ({}). Välj en dag senast då.",
            deadline.date(),
            deadline.source
        )));
    }
    let mut record = r.record.clone();
    record.justerare = justerare.clone();
    record.justering.place = place.clone();
    record.justering.date = input.date;
    let found = findings(state, &r.meeting, &record).await?;
    let errors: Vec<&Finding> = found.iter().filter(|f| blocks_release(f)).collect();
    if !errors.is_empty() {
        return Err(refused(
            format!(
                "the minutes cannot be released for justering while errors remain: {}; see findings",
                rules_broken(errors.iter().copied())
            ),
            &found,
            &record,
        ));
    }
    let version = state
        .store
        .release_minutes(
            &caller.actor(),
            r.meeting.meeting_id,
            input.version,
            &justerare,
            place.as_deref(),
            input.date,
        )
        .await?;
    Ok(json!({
        "state": "released",
        "version": version,
        "justerare": justerare,
        "justering": {"place": place, "date": input.date},
        "findings": findings_json(&found, &record),
        "links": links(&r.meeting),
    }))
}

/// `releaseForJustering`: `{state: "released", version}`; 422 while errors remain.
pub async fn release(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((a, b, m)): Path<(String, String, String)>,
    Body(body): Body<Release>,
) -> Result<Json<Value>, Problem> {
    let version = version_of(body.version, &headers)
        .ok_or_else(|| Problem::bad_request("version: send the version you read"))?;
    let input = ReleaseInput {
        version,
        justerare: body.justerare,
        place: body.justering.place,
        date: body.justering.date,
    };
    Ok(Json(
        release_minutes(&state, &caller, &a, &b, &m, input).await?,
    ))
}

/// The body of `withdrawRelease`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Withdraw {
    #[serde(default)]
    version: Option<i64>,
}

/// Takes minutes released for justering back to a draft (the signatures made so far go; they
/// are made again after the next release): `{state: "draft", version}`. 409 when the minutes
/// are not released, or a paragraph was justerad on its own (public and final).
pub async fn withdraw_release(
    state: &AppState,
    caller: &Caller,
    (a, b, m): (&str, &str, &str),
    version: i64,
) -> Result<Value, Problem> {
    let r = recorded(state, a, b, m).await?;
    let version = match state
        .store
        .withdraw_release(&caller.actor(), r.meeting.meeting_id, version)
        .await
    {
        Err(kansli_store::StoreError::Refused(en)) => {
            return Err(Problem::new(StatusCode::CONFLICT, en).in_swedish(
                "Protokollet kan inte tas tillbaka: det är inte lämnat till justering, eller en paragraf är redan omedelbart justerad och publicerad.",
            ));
        }
        other => other?,
    };
    Ok(json!({
        "state": "draft",
        "version": version,
        "links": links(&r.meeting),
    }))
}

/// `withdrawRelease`: `POST …/record/withdraw` `{version}` → `{state: "draft", version}`.
pub async fn withdraw(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((a, b, m)): Path<(String, String, String)>,
    Body(body): Body<Withdraw>,
) -> Result<Json<Value>, Problem> {
    let version = version_of(body.version, &headers)
        .ok_or_else(|| Problem::bad_request("version: send the version you read"))?;
    Ok(Json(
        withdraw_release(&state, &caller, (&a, &b, &m), version).await?,
    ))
}

/// Refuses a record that breaks a rule that must stop a save; else its findings.
pub async fn checked(
    state: &AppState,
    meeting: &MeetingAgenda,
    record: &ParsedProtocol,
) -> Result<Vec<Finding>, Problem> {
    let found = findings(state, meeting, record).await?;
    let blocking: Vec<&Finding> = found.iter().filter(|f| blocks_saving(f, record)).collect();
    if !blocking.is_empty() {
        return Err(refused(
            format!(
                "the record breaks a rule that stops it: {}; see findings",
                rules_broken(blocking.iter().copied())
            ),
            &found,
            record,
        ));
    }
    Ok(found)
}

/// The body of `putRecordParagraph`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PutParagraph {
    #[serde(default)]
    version: Option<i64>,
    item: kansli_core::protocol::Item,
}

fn number_of(raw: &str) -> Result<u32, Problem> {
    raw.trim_start_matches('§')
        .trim()
        .parse()
        .map_err(|_| Problem::bad_request("n: expected a paragraph number"))
}

/// `putRecordParagraph`: one paragraph with its own version → `{version, paragraph_version,
/// findings}`; 409 with the paragraph's current version and content when someone changed it.
pub async fn put_paragraph(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((a, b, m, n)): Path<(String, String, String, String)>,
    Body(body): Body<PutParagraph>,
) -> Result<Json<Value>, Problem> {
    let n = number_of(&n)?;
    let r = recorded(&state, &a, &b, &m).await?;
    if !r.stored {
        return Err(Problem::new(
            StatusCode::CONFLICT,
            "the meeting is not recorded yet: save its record first",
        ));
    }
    let version = version_of(body.version, &headers)
        .ok_or_else(|| Problem::bad_request("version: send the paragraph's version you read"))?;
    let saved = save_paragraph(&state, &caller, &r, n, version, body.item).await?;
    Ok(Json(json!({
        "version": saved.version,
        "paragraph_version": saved.paragraph_version,
        "findings": findings_json(&saved.findings, &saved.record),
        "links": links(&r.meeting),
    })))
}

/// A paragraph saved: the versions after it and the law engine's findings on the record.
pub struct SavedParagraph {
    /// The record's version.
    pub version: i64,
    /// The paragraph's version.
    pub paragraph_version: i64,
    /// The findings on the record with the paragraph in it.
    pub findings: Vec<Finding>,
    /// That record.
    pub record: ParsedProtocol,
}

/// Saves paragraph `n` of a recorded draft from `item` and the paragraph version read: the
/// record with it checked by the law engine (422 with findings for what stops a save), then
/// the store's version check (409 with the paragraph's current version and content, for the
/// person to merge).
pub async fn save_paragraph(
    state: &AppState,
    caller: &Caller,
    r: &Recorded,
    n: u32,
    version: i64,
    item: kansli_core::protocol::Item,
) -> Result<SavedParagraph, Problem> {
    let mut record = r.record.clone();
    let Some(slot) = record.items.iter_mut().find(|i| i.paragraph == n) else {
        return Err(Problem::not_found(format!(
            "no § {n} in the minutes of {}",
            r.meeting.date
        )));
    };
    *slot = item.clone();
    let record = shape(&r.meeting, record)?;
    let found = checked(state, &r.meeting, &record).await?;
    match state
        .store
        .save_minutes_paragraph(&caller.actor(), r.meeting.meeting_id, n, version, &item)
        .await
    {
        Ok((version, paragraph_version)) => Ok(SavedParagraph {
            version,
            paragraph_version,
            findings: found,
            record,
        }),
        Err(kansli_store::StoreError::Stale { current, .. }) => {
            // The other's change, for the person to merge.
            let theirs = state.store.meeting_minutes(r.meeting.meeting_id).await?;
            let item = theirs.and_then(|t| t.record.items.into_iter().find(|i| i.paragraph == n));
            Err(Problem {
                status: StatusCode::CONFLICT,
                detail: format!("§ {n} was changed by someone else: merge and save again"),
                extra: Some(json!({"version": current, "item": item})),
                swedish: None,
            })
        }
        Err(e) => Err(e.into()),
    }
}

/// The body of `putRecordAttendance`: the header and the attendance.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PutAttendance {
    #[serde(default)]
    version: Option<i64>,
    // The header's fields: left out, they keep what the record holds; `null` clears them.
    #[serde(default, deserialize_with = "given")]
    start_time: Option<Option<String>>,
    #[serde(default, deserialize_with = "given")]
    end_time: Option<Option<String>>,
    #[serde(default, deserialize_with = "given")]
    place: Option<Option<String>>,
    #[serde(default, deserialize_with = "given")]
    chair: Option<Option<String>>,
    #[serde(default, deserialize_with = "given")]
    secretary: Option<Option<String>>,
    participants: Vec<kansli_core::protocol::Participant>,
    #[serde(default)]
    absent: Option<Vec<kansli_core::protocol::Absent>>,
}

/// A field that was given, `null` included (`Some(None)`), as against one left out (`None`,
/// by `#[serde(default)]`).
fn given<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// `putRecordAttendance`: who was present, from which paragraph to which, who was absent,
/// with the header's own version → `{version, header_version, findings}`.
pub async fn put_attendance(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((a, b, m)): Path<(String, String, String)>,
    Body(body): Body<Value>,
) -> Result<Json<Value>, Problem> {
    let mut body = body;
    let moved = absences_moved(Some(&mut body));
    let body: PutAttendance = super::api::from_value(body)?;
    let r = recorded(&state, &a, &b, &m).await?;
    if !r.stored {
        return Err(Problem::new(
            StatusCode::CONFLICT,
            "the meeting is not recorded yet: save its record first",
        ));
    }
    let version = version_of(body.version, &headers)
        .ok_or_else(|| Problem::bad_request("version: send the attendance's version you read"))?;
    for t in [&body.start_time, &body.end_time]
        .into_iter()
        .flatten()
        .flatten()
    {
        if chrono::NaiveTime::parse_from_str(t, "%H:%M").is_err() {
            return Err(
                Problem::unprocessable(format!("start_time/end_time: {t:?} is not HH:MM"))
                    .in_swedish(format!(
                        "\"{t}\" är ingen tid. Skriv tiden som tt:mm, till exempel 13:00."
                    )),
            );
        }
    }
    let mut record = r.record.clone();
    if let Some(t) = body.start_time {
        record.start_time = t;
    }
    if let Some(t) = body.end_time {
        record.end_time = t;
    }
    if let Some(p) = body.place {
        record.place = p.map(|p| p.trim().to_string()).filter(|p| !p.is_empty());
    }
    if let Some(c) = body.chair {
        record.chair = c;
    }
    if let Some(s) = body.secretary {
        record.secretary = s;
    }
    record.participants = body.participants;
    if let Some(a) = body.absent {
        record.absent = a;
    }
    // Absences sent as participants join those kept (once each).
    for a in moved {
        if !record.absent.iter().any(|x| x.name == a.name) {
            record.absent.push(a);
        }
    }
    let record = shape(&r.meeting, record)?;
    let found = checked(&state, &r.meeting, &record).await?;
    let (version, header_version) = state
        .store
        .save_minutes_header(&caller.actor(), r.meeting.meeting_id, version, &record)
        .await?;
    Ok(Json(json!({
        "version": version,
        "header_version": header_version,
        "findings": findings_json(&found, &record),
        "links": links(&r.meeting),
    })))
}

/// The body of `signMinutes`.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SignBody {
    /// A list: omedelbar justering of those paragraphs; `null`: the whole minutes.
    #[serde(default)]
    paragraphs: Option<Vec<u32>>,
    /// The version of the minutes the signer read (or `If-Match`): 409 if they changed since.
    #[serde(default)]
    version: Option<i64>,
    /// The SHA-256 of the content the signer read (the justering page's, the last signature's
    /// `sha256`): 409 if the content is another now.
    #[serde(default)]
    sha256: Option<String>,
}

/// What a signer read before signing, when they say: a signature never binds anyone to
/// content they did not see (the minutes taken back, changed and released again meanwhile).
#[derive(Debug, Default, Clone)]
pub struct ReadBeforeSigning {
    /// The minutes' version read.
    pub version: Option<i64>,
    /// The SHA-256 of the canonical content read.
    pub sha256: Option<String>,
}

/// `signMinutes`: the chair or a justerare signs the released minutes (or, for omedelbar
/// justering, the paragraphs declared immediately justerade) → 201 `{signed_at, sha256,
/// state}`; with the last required signature the minutes are justerade: the PDF with its
/// signature page is made and kept, and the minutes lock.
pub async fn sign(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((a, b, m)): Path<(String, String, String)>,
    body: axum::body::Bytes,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let body: SignBody = if body.iter().all(u8::is_ascii_whitespace) {
        SignBody::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| Problem::bad_request(format!("the body: {e}")))?
    };
    let read = ReadBeforeSigning {
        version: version_of(body.version, &headers),
        sha256: body.sha256,
    };
    Ok((
        StatusCode::CREATED,
        Json(sign_as(&state, &caller, &a, &b, &m, body.paragraphs, read).await?),
    ))
}

/// Signs a meeting's released minutes as the caller (the chair or a justerare); completes
/// the justering with the last required signature. `paragraphs`: omedelbar justering.
pub async fn sign_as(
    state: &AppState,
    caller: &Caller,
    a: &str,
    b: &str,
    m: &str,
    paragraphs: Option<Vec<u32>>,
    read: ReadBeforeSigning,
) -> Result<Value, Problem> {
    if paragraphs.as_ref().is_some_and(Vec::is_empty) {
        return Err(Problem::unprocessable(
            "paragraphs: name the paragraphs justerade on their own, or send null for the whole minutes",
        )
        .in_swedish("Ange vilka paragrafer som justeras omedelbart."));
    }
    let paragraphs = paragraphs.map(|mut list| {
        list.sort_unstable();
        list.dedup();
        list
    });
    let body = SignBody {
        paragraphs,
        ..SignBody::default()
    };
    let r = recorded(state, a, b, m).await?;
    let changed = || {
        Problem::new(
            StatusCode::CONFLICT,
            "the minutes changed since you read them: read them again before you sign",
        )
        .in_swedish(
            "Protokollet har ändrats sedan du öppnade det. Läs det igen innan du skriver under.",
        )
    };
    if read.version.is_some_and(|v| v != r.version) {
        return Err(changed());
    }
    if !r.stored || r.state != MinutesState::Released {
        return Err(Problem::new(
            StatusCode::CONFLICT,
            format!(
                "the minutes are {}: only minutes released for justering are signed",
                if r.stored {
                    r.state.as_str()
                } else {
                    "not recorded"
                }
            ),
        ));
    }
    let fold = kansli_core::text::fold;
    let me = fold(&caller.user.name);
    let role = if r.record.chair.as_deref().is_some_and(|c| fold(c) == me) {
        "ordförande"
    } else if r.record.justerare.iter().any(|j| fold(j) == me) {
        "justerare"
    } else {
        return Err(Problem::new(
            StatusCode::FORBIDDEN,
            "only the chair and the justerare of this meeting sign its minutes",
        ));
    };
    // Checked before any signature is kept: the last one must be able to complete the
    // justering, which cannot fall before the meeting day.
    let meeting_day = date_of(&r.meeting)?;
    if meeting_day > (state.today)() {
        return Err(Problem::new(
            StatusCode::CONFLICT,
            format!(
                "the meeting is on {meeting_day}: its minutes are signed once it has been held"
            ),
        ));
    }
    if let Some(list) = &body.paragraphs {
        for n in list {
            let immediate = r
                .record
                .items
                .iter()
                .any(|i| i.paragraph == *n && i.recorded.immediately_justerad);
            if !immediate {
                return Err(Problem::unprocessable(format!(
                    "paragraphs: § {n} is not declared immediately justerad"
                ))
                .in_swedish(format!(
                    "§ {n} är inte förklarad omedelbart justerad: skriv under hela protokollet."
                )));
            }
        }
    }
    let sha256 = kansli_signing::content_sha256(&r.record).map_err(|e| {
        tracing::error!(error = %e, "canonical content");
        Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal server error")
    })?;
    if read
        .sha256
        .as_deref()
        .is_some_and(|read| !read.trim().eq_ignore_ascii_case(&sha256))
    {
        return Err(changed());
    }
    let now = state.store.now_utc();
    let required: Vec<String> = r
        .record
        .chair
        .iter()
        .chain(r.record.justerare.iter())
        .map(|n| fold(n))
        .collect();
    let signed_by_all = |sigs: &[kansli_store::MinutesSignature]| {
        required.iter().all(|need| {
            sigs.iter()
                .any(|s| fold(&s.name) == *need && s.paragraphs.is_none())
        })
    };
    if body.paragraphs.is_none() {
        let kept = state.store.minutes_signatures(r.meeting.meeting_id).await?;
        if signed_by_all(&kept) {
            // Every signature is kept but the justering did not complete (rendering or
            // sealing failed then): a signer's new attempt completes it.
            complete_justering(state, &caller.actor(), &r, a, &sha256, now).await?;
            return Ok(json!({
                "signed_at": null,
                "sha256": sha256,
                "state": MinutesState::Justerad.as_str(),
                "role": role,
                "signatures": kept.iter().map(|s| json!({
                    "name": s.name, "role": s.role, "signed_at": s.signed_at, "paragraphs": s.paragraphs,
                })).collect::<Vec<_>>(),
            }));
        }
    }
    let signed_at = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let message = kansli_signing::message(
        &sha256,
        &caller.user.name,
        &signed_at,
        body.paragraphs.as_deref(),
    );
    let made = state.signer.sign(caller.user.id, &message).map_err(|e| {
        tracing::error!(error = %e, "signing");
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("signing is not available: {e}"),
        )
    })?;
    let actor = caller.actor();
    let all = state
        .store
        .add_minutes_signature(
            &actor,
            r.meeting.meeting_id,
            &kansli_store::MinutesSignature {
                user_id: Some(caller.user.id),
                name: caller.user.name.clone(),
                role: Some(role.into()),
                signed_at: Some(signed_at.clone()),
                sha256: Some(sha256.clone()),
                algorithm: Some(made.algorithm),
                public_key: Some(made.public_key),
                signature: Some(made.signature),
                via: Some(actor.via.clone()),
                paragraphs: body.paragraphs.clone(),
            },
        )
        .await?;
    let complete = signed_by_all(&all);
    let mut new_state = MinutesState::Released;
    if !complete && let Some(list) = &body.paragraphs {
        justera_paragraphs_if_signed(state, &actor, &r, &required, &all, list, now).await?;
    }
    if complete {
        complete_justering(state, &actor, &r, a, &sha256, now).await?;
        new_state = MinutesState::Justerad;
    }
    Ok(json!({
        "signed_at": signed_at,
        "sha256": sha256,
        "state": new_state.as_str(),
        "role": role,
        "signatures": all.iter().map(|s| json!({
            "name": s.name, "role": s.role, "signed_at": s.signed_at, "paragraphs": s.paragraphs,
        })).collect::<Vec<_>>(),
    }))
}

/// Comments belong to minutes recorded in Kansli and released (or justerade since): 409 for a
/// draft or imported minutes, before anyone's right to comment is asked.
fn commentable(r: &Recorded) -> Result<(), Problem> {
    if !r.stored || r.origin != "recorded" || r.state == MinutesState::Draft {
        return Err(Problem::new(
            StatusCode::CONFLICT,
            "the minutes have not been released for justering in Kansli: they have no comments",
        ));
    }
    Ok(())
}

/// Completes the justering once every required signature is kept: renders the record with its
/// signature page and the notice's dates, seals it, keeps it and makes the minutes justerade.
async fn complete_justering(
    state: &AppState,
    actor: &kansli_store::Actor,
    r: &Recorded,
    a: &str,
    sha256: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), Problem> {
    // The record as it will be kept: with every signature, and the justering date.
    let mut record = state
        .store
        .meeting_minutes(r.meeting.meeting_id)
        .await?
        .map(|s| s.record)
        .unwrap_or(r.record.clone());
    let justerad_on = kansli_core::law::checks::swedish_local_date(now);
    // The minutes are justerade today, on the last signature (KL 8 kap. 12 § counts the
    // notice from it): the day planned at release gives way. Not for minutes signed over
    // content that still held that day (signatures made before the day left the signed
    // content), whose signatures it would break.
    let dated = state
        .store
        .minutes_signatures(r.meeting.meeting_id)
        .await?
        .iter()
        .all(|s| s.sha256.as_deref() == Some(sha256));
    if dated || record.justering.date.is_none() {
        record.justering.date = Some(justerad_on);
    }
    // The notice goes up on the justering day (notices::justera_in posts it so) and comes
    // down on the earliest lawful day: printed in the ANSLAG/BEVIS box as the real dates.
    // `notice` is outside the signed content.
    if let Ok(appeal) = kansli_core::law::deadlines::appeal_last_day(justerad_on)
        && let Ok(removal) = kansli_core::law::deadlines::earliest_removal(&appeal)
    {
        record.notice.posted = Some(justerad_on);
        record.notice.removal = Some(removal.date());
    }
    let options = kansli_render::RenderOptions {
        content_sha256: Some(sha256.to_string()),
        rendered_at: Some(now),
        ..crate::documents::options(state, a).await
    };
    // The authority's seal over the PDF's bytes (PAdES B-B), so that PDF readers and
    // `pdfsig` show the justerade minutes as signed and unmodified. Without a seal the
    // justering waits: a justerat protokoll is never kept unsealed.
    let reason = format!(
        "Justerat protokoll, {} {}",
        r.meeting.body_name, r.meeting.date
    );
    let pdf = sealed_pdf(
        state,
        record,
        kansli_render::DocumentKind::Protokoll,
        options,
        "rendering the justerade minutes",
        reason,
        &r.meeting.authority_name,
    )
    .await?;
    let name = format!(
        "{}-{}-{}-protokoll.pdf",
        r.meeting.authority, r.meeting.body, r.meeting.slug
    );
    state
        .store
        .complete_justering_on(actor, r.meeting.meeting_id, justerad_on, dated, &pdf, &name)
        .await?;
    Ok(())
}

/// Renders `record` as a PDF of `kind` on a blocking thread and seals it with the authority's
/// seal (PAdES B-B), `reason` and `location` in the signature dictionary. The seal is made at
/// first use, so it is fetched on the blocking pool; nothing is kept unsealed.
///
/// Errors: 404 when the render refuses the request (a paragraph the minutes lack); 500 for any
/// other render failure, logged as `what`; 503 when no seal can be made or the seal fails.
pub(crate) async fn sealed_pdf(
    state: &AppState,
    record: ParsedProtocol,
    kind: kansli_render::DocumentKind,
    options: kansli_render::RenderOptions,
    what: &'static str,
    reason: String,
    location: &str,
) -> Result<Vec<u8>, Problem> {
    let pdf = tokio::task::spawn_blocking(move || {
        kansli_render::render(&record, &kind, kansli_render::Format::Pdf, &options)
    })
    .await
    .map_err(|_| Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal server error"))?
    .map_err(|e| match e {
        kansli_render::RenderError::Request(en) => Problem::not_found(en),
        other => {
            tracing::error!(error = %other, "{what}");
            Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal server error")
        }
    })?;
    let unavailable = |e: String| {
        tracing::error!(error = %e, "sealing a PDF");
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("the document cannot be sealed: {e}"),
        )
    };
    let seal = {
        let state = state.clone();
        tokio::task::spawn_blocking(move || state.seal())
            .await
            .map_err(|_| Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal server error"))?
            .map_err(unavailable)?
    };
    seal.sign_pdf(&pdf, &reason, location, state.store.now_utc())
        .await
        .map_err(|e| unavailable(e.to_string()))
}

/// Whether the caller may comment on these minutes at justering: their chair or a justerare
/// (by name), or the body's secretary.
pub fn may_comment(caller: &Caller, r: &Recorded, a: &str, b: &str) -> bool {
    let fold = kansli_core::text::fold;
    let me = fold(&caller.user.name);
    let signer = r.record.chair.as_deref().is_some_and(|c| fold(c) == me)
        || r.record.justerare.iter().any(|j| fold(j) == me);
    let target = kansli_auth::Target {
        authority: Some(a.to_string()),
        body: Some(b.to_string()),
    };
    signer
        || caller
            .user
            .grants
            .iter()
            .any(|g| g.role == kansli_auth::Role::Secretary && g.covers(&target))
}

/// `commentMinutes`'s body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentBody {
    text: String,
    #[serde(default)]
    paragraph: Option<u32>,
}

/// Adds a comment at justering as the caller; the paragraph, when given, must be one of the
/// minutes'.
pub async fn comment_as(
    state: &AppState,
    caller: &Caller,
    a: &str,
    b: &str,
    m: &str,
    paragraph: Option<u32>,
    text: &str,
) -> Result<kansli_store::JusteringComment, Problem> {
    let r = recorded(state, a, b, m).await?;
    commentable(&r)?;
    if !may_comment(caller, &r, a, b) {
        return Err(Problem::new(
            StatusCode::FORBIDDEN,
            "only the chair, the justerare and the secretary comment on these minutes",
        ));
    }
    if let Some(n) = paragraph
        && !r.record.items.iter().any(|i| i.paragraph == n)
    {
        return Err(
            Problem::unprocessable(format!("paragraph: the minutes have no § {n}"))
                .in_swedish(format!("Protokollet har ingen § {n}.")),
        );
    }
    Ok(state
        .store
        .add_justering_comment(
            &caller.actor(),
            r.meeting.meeting_id,
            Some(caller.user.id),
            &caller.user.name,
            paragraph,
            text,
        )
        .await?)
}

/// `commentMinutes`: `POST …/record/comments` `{text, paragraph?}` → 201 the comment.
pub async fn comment(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
    Body(body): Body<CommentBody>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let c = comment_as(&state, &caller, &a, &b, &m, body.paragraph, &body.text).await?;
    Ok((StatusCode::CREATED, Json(json!(c))))
}

/// `listMinutesComments`: `GET …/record/comments` → `{data: [comment]}`, for the chair, the
/// justerare and the secretary.
pub async fn list_comments(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
) -> Result<Json<Value>, Problem> {
    let r = recorded(&state, &a, &b, &m).await?;
    commentable(&r)?;
    if !may_comment(&caller, &r, &a, &b) {
        return Err(Problem::new(
            StatusCode::FORBIDDEN,
            "only the chair, the justerare and the secretary read the comments on these minutes",
        ));
    }
    let list = state.store.justering_comments(r.meeting.meeting_id).await?;
    Ok(Json(json!({ "data": list })))
}

/// `addCorrection`'s body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectionBody {
    text: String,
    #[serde(default)]
    paragraph: Option<u32>,
}

/// Adds a rättelse to justerade minutes as the caller (the body's secretary: the route's
/// guard); the paragraph, when given, must be one of the minutes'.
pub async fn correct_as(
    state: &AppState,
    caller: &Caller,
    a: &str,
    b: &str,
    m: &str,
    paragraph: Option<u32>,
    text: &str,
) -> Result<kansli_store::Rattelse, Problem> {
    let r = recorded(state, a, b, m).await?;
    if !r.stored || !r.state.is_public() {
        return Err(Problem::new(
            StatusCode::CONFLICT,
            "only justerade minutes take a rättelse; minutes not yet justerade are corrected by editing them",
        ));
    }
    if let Some(n) = paragraph
        && !r.record.items.iter().any(|i| i.paragraph == n)
    {
        return Err(
            Problem::unprocessable(format!("paragraph: the minutes have no § {n}"))
                .in_swedish(format!("Protokollet har ingen § {n}.")),
        );
    }
    Ok(state
        .store
        .add_rattelse(&caller.actor(), r.meeting.meeting_id, paragraph, text)
        .await?)
}

/// `addCorrection`: `POST …/meetings/{m}/corrections` `{text, paragraph?}` → 201 the rättelse,
/// published with the minutes; the minutes themselves never change.
pub async fn add_correction(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
    Body(body): Body<CorrectionBody>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let c = correct_as(&state, &caller, &a, &b, &m, body.paragraph, &body.text).await?;
    Ok((StatusCode::CREATED, Json(json!(c))))
}

/// Omedelbar justering (KL 5 kap. 70 §): the paragraphs of `list` that the chair and every
/// justerare have now signed on their own are justerade at once — their extract rendered from
/// the released record, sealed, kept and public, their notice on the anslagstavla from today —
/// before the rest of the minutes.
async fn justera_paragraphs_if_signed(
    state: &AppState,
    actor: &kansli_store::Actor,
    r: &Recorded,
    required: &[String],
    signatures: &[kansli_store::MinutesSignature],
    list: &[u32],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), Problem> {
    let already = state
        .store
        .justerade_paragraphs(r.meeting.meeting_id)
        .await?;
    let signed_by_all = |n: u32| {
        required.iter().all(|need| {
            signatures.iter().any(|s| {
                kansli_core::text::fold(&s.name) == *need
                    && s.paragraphs.as_ref().is_none_or(|p| p.contains(&n))
            })
        })
    };
    let mut done: Vec<u32> = list
        .iter()
        .copied()
        .filter(|n| signed_by_all(*n) && !already.iter().any(|(p, _)| p == n))
        .collect();
    done.sort_unstable();
    done.dedup();
    if done.is_empty() {
        return Ok(());
    }
    let titles: Vec<(u32, String)> = done
        .iter()
        .map(|n| {
            let title = r
                .record
                .items
                .iter()
                .find(|i| i.paragraph == *n)
                .map(|i| i.title.clone())
                .unwrap_or_default();
            (*n, title)
        })
        .collect();
    let which = done
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let kind = kansli_render::DocumentKind::extract(&which)
        .map_err(|e| Problem::unprocessable(e.to_string()))?;
    // The paragraphs are justerade today, whatever day was planned for the whole minutes.
    let mut record = r.record.clone();
    record.justering.date = Some(kansli_core::law::checks::swedish_local_date(now));
    let options = crate::documents::options(state, &r.meeting.authority).await;
    let reason = format!(
        "Omedelbart justerat protokollsutdrag, {} {} § {which}",
        r.meeting.body_name, r.meeting.date
    );
    let pdf = sealed_pdf(
        state,
        record,
        kind,
        options,
        "rendering the extract of an omedelbar justering",
        reason,
        &r.meeting.authority_name,
    )
    .await?;
    let name = format!(
        "{}-{}-{}-protokollsutdrag-p{}.pdf",
        r.meeting.authority,
        r.meeting.body,
        r.meeting.slug,
        which.replace(',', "-")
    );
    state
        .store
        .justera_paragraphs(
            actor,
            r.meeting.meeting_id,
            &titles,
            kansli_core::law::checks::swedish_local_date(now),
            &pdf,
            &name,
        )
        .await?;
    Ok(())
}

/// `verifyDocument`: multipart `file` → `{valid, signers, problems}`.
pub async fn verify_document(
    State(state): State<AppState>,
    axum::Extension(cache): axum::Extension<crate::render_cache::RenderCache>,
    mut multipart: axum::extract::Multipart,
) -> Result<Json<Value>, Problem> {
    let mut bytes: Option<Vec<u8>> = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| Problem::bad_request(format!("the form: {e}")))?
    {
        if field.name() == Some("file") {
            bytes = Some(
                field
                    .bytes()
                    .await
                    .map_err(|e| Problem::bad_request(format!("file: {e}")))?
                    .to_vec(),
            );
        }
    }
    let bytes = bytes.ok_or_else(|| {
        Problem::bad_request("file: send the document as the multipart field `file`")
    })?;
    let report = crate::verification::verify_file(&state.store, &bytes, Some(&cache)).await?;
    Ok(Json(serde_json::to_value(report).unwrap_or_default()))
}
