//! A meeting's legal status on a given day, for the archive pages and the API: justerat i tid,
//! anslaget i tid, överklagandetiden löper ut …, each with the rule behind it. Today is a
//! parameter.

use chrono::NaiveDate;
use serde::Serialize;

use super::calendar::format_date_long;
use super::checks::{JusteringDate, justering_date};
use super::deadlines::{
    DeadlineKind, StatutoryDeadline, appeal_last_day, justering_deadline_for, posting_deadline,
};
use crate::protocol::ParsedProtocol;

/// How a step stands against its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    /// Done within the deadline (or, for the appeal period, the period has run out).
    InTime,
    /// Done after the deadline.
    Late,
    /// Not yet done, or still running, and the deadline has not passed.
    Pending,
    /// The minutes do not say enough to judge.
    Unknown,
}

/// One line of a meeting's status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusLine {
    /// Which step: justering, posting (the notice) or appeal.
    pub step: DeadlineKind,
    /// How it stands.
    pub state: StepState,
    /// The status in Swedish: "Justerat i tid", "Överklagandetiden löper ut tisdag 2 april 2024".
    pub text: String,
    /// The deadline that applies, when it can be computed.
    pub deadline: Option<NaiveDate>,
    /// The rule behind it, with any day that moved it (a Swedish sentence).
    pub explanation: Option<String>,
    /// The legal reference.
    pub source: &'static str,
}

fn line(
    step: DeadlineKind,
    state: StepState,
    text: String,
    rule: Option<&StatutoryDeadline>,
    source: &'static str,
) -> StatusLine {
    StatusLine {
        step,
        state,
        text,
        deadline: rule.map(StatutoryDeadline::date),
        explanation: rule.map(|r| r.explanation.clone()),
        source,
    }
}

/// The status of a meeting's justering, notice and appeal period as of `today`.
pub fn meeting_status(protocol: &ParsedProtocol, today: NaiveDate) -> Vec<StatusLine> {
    let mut lines = Vec::with_capacity(3);
    let Ok(jd) = justering_deadline_for(&protocol.body, protocol.meeting_date) else {
        return lines;
    };
    let justering = justering_date(protocol);
    let posted = protocol.notice.posted;
    let j_line = match justering.date() {
        Some(j) if j <= jd.date() => (
            StepState::InTime,
            format!("Justerat i tid, {}", format_date_long(j)),
        ),
        Some(j) => (
            StepState::Late,
            format!(
                "Justerat för sent, {} (senast {})",
                format_date_long(j),
                format_date_long(jd.date())
            ),
        ),
        None if posted.is_some() => (
            StepState::Unknown,
            format!(
                "Justerat; dagen anges inte (senast {})",
                format_date_long(jd.date())
            ),
        ),
        None if today <= jd.date() => (
            StepState::Pending,
            format!("Ska justeras senast {}", format_date_long(jd.date())),
        ),
        None => (
            StepState::Unknown,
            format!(
                "Justeringsdagen är okänd (senast {})",
                format_date_long(jd.date())
            ),
        ),
    };
    let j_source = jd.source;
    lines.push(line(
        DeadlineKind::Justering,
        j_line.0,
        if matches!(justering, JusteringDate::Signed(_)) {
            format!("{} (enligt e-signaturerna)", j_line.1)
        } else {
            j_line.1
        },
        Some(&jd),
        j_source,
    ));

    // Without a justering date the notice is judged against the latest lawful one.
    let pd = posting_deadline(justering.date().unwrap_or(jd.date())).ok();
    let p_line = match (posted, &pd) {
        (Some(p), Some(d)) if p <= d.date() => (
            StepState::InTime,
            format!("Anslaget i tid, {}", format_date_long(p)),
        ),
        (Some(p), Some(d)) => (
            StepState::Late,
            format!(
                "Anslaget för sent, {} (senast {})",
                format_date_long(p),
                format_date_long(d.date())
            ),
        ),
        (None, Some(d)) if today <= d.date() => (
            StepState::Pending,
            format!("Ska anslås senast {}", format_date_long(d.date())),
        ),
        _ => (StepState::Unknown, "Anslagsdagen är okänd".to_string()),
    };
    lines.push(line(
        DeadlineKind::Posting,
        p_line.0,
        p_line.1,
        pd.as_ref(),
        super::sources::NOTICE,
    ));

    let appeal = posted.and_then(|p| appeal_last_day(p).ok());
    let a_line = match &appeal {
        Some(a) if today <= a.date() => (
            StepState::Pending,
            format!("Överklagandetiden löper ut {}", format_date_long(a.date())),
        ),
        Some(a) => (
            StepState::InTime,
            format!("Överklagandetiden gick ut {}", format_date_long(a.date())),
        ),
        None => (
            StepState::Unknown,
            "Överklagandetiden börjar när anslaget sätts upp".to_string(),
        ),
    };
    lines.push(line(
        DeadlineKind::Appeal,
        a_line.0,
        a_line.1,
        appeal.as_ref(),
        super::sources::APPEAL,
    ));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn protocol(meeting: NaiveDate) -> ParsedProtocol {
        ParsedProtocol::new("Direktionen", meeting)
    }

    #[test]
    fn status_of_the_worked_example_over_time() {
        let mut p = protocol(d(2024, 3, 5));
        p.justering.date = Some(d(2024, 3, 8));
        p.notice.posted = Some(d(2024, 3, 11));
        let s = meeting_status(&p, d(2024, 3, 20));
        assert_eq!(s[0].state, StepState::InTime);
        assert_eq!(s[0].text, "Justerat i tid, fredag 8 mars 2024");
        assert_eq!(s[1].text, "Anslaget i tid, måndag 11 mars 2024");
        assert_eq!(s[2].state, StepState::Pending);
        assert_eq!(s[2].text, "Överklagandetiden löper ut tisdag 2 april 2024");
        assert!(
            s[2].explanation
                .as_deref()
                .unwrap()
                .contains("annandag påsk")
        );
        assert_eq!(s[2].source, "KL 13 kap. 5 §");
        let later = meeting_status(&p, d(2024, 4, 3));
        assert_eq!(
            later[2].text,
            "Överklagandetiden gick ut tisdag 2 april 2024"
        );
    }

    #[test]
    fn status_before_justering_and_of_late_minutes() {
        let p = protocol(d(2024, 3, 5));
        let s = meeting_status(&p, d(2024, 3, 6));
        assert_eq!(s[0].state, StepState::Pending);
        assert_eq!(s[0].text, "Ska justeras senast tisdag 19 mars 2024");
        assert_eq!(s[2].state, StepState::Unknown);

        let mut late = protocol(d(2021, 11, 18));
        late.notice.posted = Some(d(2021, 12, 17));
        let s = meeting_status(&late, d(2022, 3, 1));
        assert_eq!(s[0].state, StepState::Unknown);
        assert_eq!(s[1].state, StepState::Late);
        assert_eq!(
            s[1].text,
            "Anslaget för sent, fredag 17 december 2021 (senast måndag 6 december 2021)"
        );
        assert_eq!(s[2].state, StepState::InTime);
    }
}
