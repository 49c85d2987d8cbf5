//! The law engine's view of one meeting, computed on the fly from the parser's stored
//! reading: its status per Kommunallagen on a given day and the findings of the checks, with
//! the body's other meetings as context for the numbering checks.

use chrono::Datelike;
use chrono::NaiveDate;
use kansli_core::law::{
    CheckContext, DeadlineKind, Finding, Severity, StatusLine, StepState, check_protocol,
    meeting_status,
};
use kansli_core::redaction::Redactor;
use kansli_store::{Store, StoreError, StoredMinutes};

use crate::AppState;

/// A meeting's status and findings; both empty when the meeting has no stored reading.
#[derive(Debug, Clone, Default)]
pub struct MeetingLaw {
    /// Justering, notice and appeal period as of today.
    pub status: Vec<StatusLine>,
    /// What the checks found, in the engine's order.
    pub findings: Vec<Finding>,
}

impl MeetingLaw {
    /// The findings about one paragraph.
    pub fn of_paragraph(&self, number: i64) -> Vec<Finding> {
        self.findings
            .iter()
            .filter(|f| f.paragraph.map(i64::from) == Some(number))
            .cloned()
            .collect()
    }
}

/// The status and findings of meeting `m` of body `b` of authority `a` (canonical slugs).
pub async fn meeting_law(
    state: &AppState,
    a: &str,
    b: &str,
    m: &str,
    today: NaiveDate,
) -> Result<MeetingLaw, StoreError> {
    // The numbering checks look only at the same year's meetings, and only at their paragraph
    // numbers: those are read for the year (two indexed queries, kept for the request's
    // generation: every meeting of the year shares them), and the whole record only for this
    // meeting.
    let Some(year) = m.get(..4).and_then(|y| y.parse::<i32>().ok()) else {
        return Ok(MeetingLaw::default());
    };
    let store = &state.store;
    let numbers = state.pages.year_numbers(store, a, b, year).await?;
    let Some(meeting_id) = numbers
        .iter()
        .find(|r| r.meeting_slug == m)
        .map(|r| r.meeting_id)
    else {
        return Ok(MeetingLaw::default());
    };
    let Some(this) = store.public_minutes(meeting_id).await? else {
        return Ok(MeetingLaw::default());
    };
    // The findings quote the original; the public reads them with the published copy's masks.
    let masks = store.published_redactor(meeting_id).await?;
    law_among(store, &this, &numbers, &masks, today).await
}

/// The status and findings of a meeting whose public record and published copy's masks were
/// read already (`Store::meeting_with_record`: the meeting page reads them once for the view
/// and the law).
pub async fn law_of_record(
    state: &AppState,
    this: &StoredMinutes,
    masks: &Redactor,
    today: NaiveDate,
) -> Result<MeetingLaw, StoreError> {
    let numbers = state
        .pages
        .year_numbers(
            &state.store,
            &this.authority_slug,
            &this.body_slug,
            this.record.meeting_date.year(),
        )
        .await?;
    law_among(&state.store, this, &numbers, masks, today).await
}

/// The law of `this`, with the paragraph numbers of its body's meetings of the year (this one's
/// among them or not) as the numbering checks' context.
async fn law_among(
    store: &Store,
    this: &StoredMinutes,
    numbers: &[kansli_store::readings::MeetingNumbersOf],
    masks: &Redactor,
    today: NaiveDate,
) -> Result<MeetingLaw, StoreError> {
    // As `check_protocols_each` does: the body's other meetings that year, with their
    // paragraph numbers.
    let other_meetings = numbers
        .iter()
        .filter(|r| r.meeting_id != this.meeting_id)
        .map(|r| r.numbers.clone())
        .collect();
    // Beslutförhet needs the body's seats, which only the registry knows.
    let seats = store
        .seat_count(
            &this.authority_slug,
            &this.body_slug,
            this.record.meeting_date,
        )
        .await?;
    let context = CheckContext {
        seats,
        other_meetings,
        // Recorded minutes' attendance is the record itself (an imported one may be unread).
        recorded: this.origin == "recorded",
    };
    let protocol = &this.record;
    Ok(MeetingLaw {
        status: meeting_status(protocol, today),
        findings: check_protocol(protocol, &context)
            .into_iter()
            .map(|f| as_read(f, protocol))
            .map(|mut f| {
                masks.apply_to(&mut f.message);
                f
            })
            .collect(),
    })
}

/// A finding the parser's reading may explain (`may_stem_from_reading`) is shown as a warning
/// that says so, never as the secretariat's error.
fn as_read(f: Finding, p: &kansli_core::protocol::ParsedProtocol) -> Finding {
    if !kansli_core::law::may_stem_from_reading(&f, p) {
        return f;
    }
    Finding {
        severity: Severity::Warning,
        message: format!(
            "Kan bero på hur protokollet lästes vid importen, inte på protokollet: {} Kontrollera originalet.",
            f.message
        ),
        ..f
    }
}

/// A status line prepared for a page: the state in words, so it is not told by colour.
pub struct StatusView {
    /// The line as the engine gave it.
    pub line: StatusLine,
    /// "I tid", "För sent", "Pågår", "Kan inte bedömas" ("Avslutad" for a past appeal period).
    pub state: &'static str,
}

impl StatusView {
    /// Prepares the lines of a status.
    pub fn all(status: &[StatusLine]) -> Vec<StatusView> {
        status
            .iter()
            .map(|line| StatusView {
                state: match line.state {
                    // For the appeal period, "in time" means it has run out.
                    StepState::InTime if line.step == DeadlineKind::Appeal => "Avslutad",
                    StepState::InTime => "I tid",
                    StepState::Late => "För sent",
                    StepState::Pending => "Pågår",
                    StepState::Unknown => "Kan inte bedömas",
                },
                line: line.clone(),
            })
            .collect()
    }
}

/// A finding prepared for a page: severity in Swedish words, and the paragraph's anchor.
pub struct FindingView {
    /// The finding as the engine gave it.
    pub f: Finding,
    /// "Fel", "Varning", "Info".
    pub severity: &'static str,
    /// `p-62`, when the finding is about a paragraph.
    pub anchor: Option<String>,
}

impl FindingView {
    /// Prepares findings, most serious first (stable within a severity).
    pub fn all(findings: &[Finding]) -> Vec<FindingView> {
        let mut out: Vec<FindingView> = findings
            .iter()
            .map(|f| FindingView {
                severity: match f.severity {
                    Severity::Error => "Fel",
                    Severity::Warning => "Varning",
                    Severity::Info => "Info",
                },
                anchor: f.paragraph.map(|n| format!("p-{n}")),
                f: f.clone(),
            })
            .collect();
        out.sort_by_key(|v| v.f.severity);
        out
    }
}
