//! The statutory deadlines around a meeting's minutes: justering, the notice of justering on
//! the anslagstavla, the appeal period (laglighetsprövning) and the earliest take-down.
//!
//! Every last day here is "the time by which an act must at the latest be done, set in law",
//! so lag (1930:173) 2 § moves each one that falls on a Saturday, Sunday, public holiday,
//! midsommarafton, julafton or nyårsafton to the next working day:
//! - justering "senast 14 dagar efter sammanträdet" (KL 5 kap. 69 §): moved;
//! - the notice "senast andra dagen efter justeringen" (KL 8 kap. 12 §): moved — DESIGN.md's
//!   worked example (justerat Friday 8 March 2024, second day Sunday 10 March, due Monday 11
//!   March) is exactly this;
//! - the appeal "inom tre veckor" from the posting (KL 13 kap. 5 §): counted by weekday name
//!   per 1930:173 1 § and moved per 2 §;
//! - the earliest take-down is not a deadline but the day after the (moved) last day of the
//!   appeal period, because the notice must stay up until that period has run out: not moved.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::{Deadline, Period, format_date, format_date_long, period_end};
use super::{LawError, sources};

/// Days after the meeting within which the minutes must be justerade.
pub const JUSTERING_DAYS: u32 = 14;
/// Days after the justering within which the notice must be posted.
pub const POSTING_DAYS: u32 = 2;
/// Weeks from the posting during which a decision may be appealed.
pub const APPEAL_WEEKS: u32 = 3;

/// Which statutory deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// Last day for justering.
    Justering,
    /// Last day for posting the notice of justering.
    Posting,
    /// Last day of the appeal period.
    Appeal,
    /// The first day the notice may be taken down.
    EarliestRemoval,
}

/// One deadline with the rule behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatutoryDeadline {
    /// Which deadline.
    pub kind: DeadlineKind,
    /// The day counting starts from (the meeting, the justering, the posting).
    pub from: NaiveDate,
    /// The last day, before and after moving.
    pub deadline: Deadline,
    /// The legal reference ("KL 13 kap. 5 §").
    pub source: &'static str,
    /// The rule and the result as a Swedish sentence, naming any day that moved it.
    pub explanation: String,
}

impl StatutoryDeadline {
    /// The day that counts (after moving).
    pub fn date(&self) -> NaiveDate {
        self.deadline.date
    }
}

/// "1 april 2024 är annandag påsk; sista dag för överklagande blir tisdag 2 april 2024", or
/// "sista dag för överklagande är …" when nothing moved it.
fn last_day_clause(deadline: &Deadline, what: &str) -> String {
    if !deadline.was_moved() {
        return format!(
            "Sista dag för {what} är {}.",
            format_date_long(deadline.date)
        );
    }
    let skipped: Vec<String> = deadline
        .moved_because
        .iter()
        .map(|(day, reason)| format!("{} är {}", format_date(*day), reason.swedish()))
        .collect();
    let list = crate::text::and_list(&skipped);
    format!(
        "{list}; sista dag för {what} blir {} ({}).",
        format_date_long(deadline.date),
        sources::MOVING_SECTION
    )
}

/// Last day for justering of minutes of a meeting held on `meeting`, citing the rule for a
/// body in general (use [`justering_deadline_for`] when the body is known).
pub fn justering_deadline(meeting: NaiveDate) -> Result<StatutoryDeadline, LawError> {
    justering_with_source(meeting, sources::JUSTERING)
}

/// Last day for justering, citing the rule for the named body (fullmäktige: 5 kap. 69 §).
pub fn justering_deadline_for(
    body: &str,
    meeting: NaiveDate,
) -> Result<StatutoryDeadline, LawError> {
    justering_with_source(meeting, sources::justering_for(body))
}

fn justering_with_source(
    meeting: NaiveDate,
    source: &'static str,
) -> Result<StatutoryDeadline, LawError> {
    let deadline = period_end(meeting, Period::Days(JUSTERING_DAYS))?;
    let explanation = format!(
        "Protokollet ska justeras senast {JUSTERING_DAYS} dagar efter sammanträdet {} ({source}). {}",
        format_date(meeting),
        last_day_clause(&deadline, "justering")
    );
    Ok(StatutoryDeadline {
        kind: DeadlineKind::Justering,
        from: meeting,
        deadline,
        source,
        explanation,
    })
}

/// Last day for posting the notice of justering, for minutes justerade on `justerat`.
pub fn posting_deadline(justerat: NaiveDate) -> Result<StatutoryDeadline, LawError> {
    let deadline = period_end(justerat, Period::Days(POSTING_DAYS))?;
    let explanation = format!(
        "Justeringen ska tillkännages på anslagstavlan senast andra dagen efter justeringen {} ({}). {}",
        format_date(justerat),
        sources::NOTICE,
        last_day_clause(&deadline, "anslag")
    );
    Ok(StatutoryDeadline {
        kind: DeadlineKind::Posting,
        from: justerat,
        deadline,
        source: sources::NOTICE,
        explanation,
    })
}

/// Last day of the appeal period (laglighetsprövning) for a notice posted on `posted`.
pub fn appeal_last_day(posted: NaiveDate) -> Result<StatutoryDeadline, LawError> {
    appeal(posted, false)
}

/// Last day of the appeal period for a gemensam nämnd, whose notice goes on every cooperating
/// kommun's anslagstavla: the period runs from the day it was posted on the last of them.
/// `None` when no posting is given.
pub fn joint_appeal_last_day(
    postings: &[NaiveDate],
) -> Result<Option<StatutoryDeadline>, LawError> {
    match postings.iter().max() {
        None => Ok(None),
        Some(last) => appeal(*last, postings.len() > 1).map(Some),
    }
}

fn appeal(posted: NaiveDate, joint: bool) -> Result<StatutoryDeadline, LawError> {
    let deadline = period_end(posted, Period::Weeks(APPEAL_WEEKS))?;
    let from = if joint {
        "den dag anslaget sattes upp på den sista av de samverkande kommunernas anslagstavlor"
    } else {
        "den dag anslaget sattes upp"
    };
    let explanation = format!(
        "Ett beslut kan överklagas genom laglighetsprövning inom tre veckor från {from}, {} ({}). {}",
        format_date_long(posted),
        sources::APPEAL,
        last_day_clause(&deadline, "överklagande")
    );
    Ok(StatutoryDeadline {
        kind: DeadlineKind::Appeal,
        from: posted,
        deadline,
        source: sources::APPEAL,
        explanation,
    })
}

/// The first day the notice may come down: the day after the appeal period's last day.
pub fn earliest_removal(appeal: &StatutoryDeadline) -> Result<StatutoryDeadline, LawError> {
    let day = appeal.date().succ_opt().ok_or(LawError::OutOfRange)?;
    let explanation = format!(
        "Anslaget ska sitta uppe till dess att överklagandetiden har gått ut ({}); det får tas ned tidigast {}.",
        sources::NOTICE,
        format_date_long(day)
    );
    Ok(StatutoryDeadline {
        kind: DeadlineKind::EarliestRemoval,
        from: appeal.date(),
        deadline: Deadline {
            naive: day,
            date: day,
            moved_because: Vec::new(),
        },
        source: sources::NOTICE,
        explanation,
    })
}

/// The dates known about one meeting's minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineRequest {
    /// The meeting's date.
    pub meeting: NaiveDate,
    /// The day the minutes were justerade, if known.
    pub justerat: Option<NaiveDate>,
    /// The days the notice was posted: one, or one per cooperating kommun for a gemensam nämnd.
    pub posted: Vec<NaiveDate>,
}

/// Every deadline the dates of a [`DeadlineRequest`] allow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineReport {
    /// From the meeting.
    pub justering: StatutoryDeadline,
    /// From the justering, when given.
    pub posting: Option<StatutoryDeadline>,
    /// From the (last) posting, when given.
    pub appeal: Option<StatutoryDeadline>,
    /// The day after the appeal period, when a posting is given.
    pub removal: Option<StatutoryDeadline>,
    /// Whether the given justering and postings kept their deadlines, as Swedish sentences.
    pub judgements: Vec<String>,
}

/// The ISO dates of a [`DeadlineReport`]: the JSON contract of `kansli deadlines --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineSummary {
    /// Last day for justering.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub justering_deadline: Option<NaiveDate>,
    /// Last day for posting the notice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub posting_deadline: Option<NaiveDate>,
    /// Last day of the appeal period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appeal_last_day: Option<NaiveDate>,
    /// First day the notice may come down.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earliest_removal: Option<NaiveDate>,
}

impl DeadlineRequest {
    /// Checks that the dates are in lawful order, then computes every deadline they allow.
    ///
    /// A justering before the meeting, or a posting before the justering (or, with no
    /// justering given, before the meeting), is an error naming the field.
    pub fn compute(&self) -> Result<DeadlineReport, LawError> {
        if let Some(j) = self.justerat
            && j < self.meeting
        {
            return Err(LawError::OutOfOrder {
                field: "justerat",
                date: j,
                other_field: "meeting",
                other: self.meeting,
            });
        }
        let (floor_field, floor) = match self.justerat {
            Some(j) => ("justerat", j),
            None => ("meeting", self.meeting),
        };
        if let Some(p) = self.posted.iter().find(|p| **p < floor) {
            return Err(LawError::OutOfOrder {
                field: "posted",
                date: *p,
                other_field: floor_field,
                other: floor,
            });
        }
        let justering = justering_deadline(self.meeting)?;
        let posting = self.justerat.map(posting_deadline).transpose()?;
        let appeal = joint_appeal_last_day(&self.posted)?;
        let removal = appeal.as_ref().map(earliest_removal).transpose()?;
        let mut judgements = Vec::new();
        if let Some(j) = self.justerat {
            judgements.push(judge(
                "Protokollet justerades",
                j,
                justering.date(),
                "sista dag för justering",
            ));
        }
        // Without a justering date, a posting is judged against the latest lawful one.
        let latest_posting = match &posting {
            Some(p) => p.date(),
            None => posting_deadline(justering.date())?.date(),
        };
        let mut postings = self.posted.clone();
        postings.sort();
        postings.dedup();
        for p in postings {
            let what = if self.justerat.is_some() {
                "sista dag för anslag"
            } else {
                "sista dag för anslag om protokollet justerades sista tillåtna dag"
            };
            judgements.push(judge("Anslaget sattes upp", p, latest_posting, what));
        }
        Ok(DeadlineReport {
            justering,
            posting,
            appeal,
            removal,
            judgements,
        })
    }
}

fn judge(done_what: &str, done: NaiveDate, last: NaiveDate, what: &str) -> String {
    if done <= last {
        format!(
            "{done_what} {}, i tid ({what}: {}).",
            format_date_long(done),
            format_date_long(last)
        )
    } else {
        let late = (done - last).num_days();
        let days = if late == 1 { "dag" } else { "dagar" };
        format!(
            "{done_what} {}, {late} {days} för sent ({what}: {}).",
            format_date_long(done),
            format_date_long(last)
        )
    }
}

impl DeadlineReport {
    /// The ISO dates, for JSON.
    pub fn summary(&self) -> DeadlineSummary {
        DeadlineSummary {
            justering_deadline: Some(self.justering.date()),
            posting_deadline: self.posting.as_ref().map(StatutoryDeadline::date),
            appeal_last_day: self.appeal.as_ref().map(StatutoryDeadline::date),
            earliest_removal: self.removal.as_ref().map(StatutoryDeadline::date),
        }
    }

    /// Every deadline in order, then the judgements.
    pub fn sentences(&self) -> Vec<String> {
        std::iter::once(&self.justering)
            .chain(&self.posting)
            .chain(&self.appeal)
            .chain(&self.removal)
            .map(|d| d.explanation.clone())
            .chain(self.judgements.iter().cloned())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::calendar::{OffReason, is_working_day};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_worked_example_of_design_md() {
        // Meeting 2024-03-05, last signature Friday 2024-03-08, posted Monday 2024-03-11.
        let j = justering_deadline(d(2024, 3, 5)).unwrap();
        assert_eq!(j.date(), d(2024, 3, 19));
        assert!(!j.deadline.was_moved());
        let p = posting_deadline(d(2024, 3, 8)).unwrap();
        assert_eq!(p.deadline.naive, d(2024, 3, 10));
        assert_eq!(p.date(), d(2024, 3, 11));
        assert_eq!(
            p.deadline.moved_because,
            vec![(d(2024, 3, 10), OffReason::Sondag)]
        );
        let a = appeal_last_day(d(2024, 3, 11)).unwrap();
        assert_eq!(a.deadline.naive, d(2024, 4, 1));
        assert_eq!(a.date(), d(2024, 4, 2));
        assert!(
            a.explanation.contains(
                "1 april 2024 är annandag påsk; sista dag för överklagande blir tisdag 2 april 2024"
            ),
            "{}",
            a.explanation
        );
        assert_eq!(a.source, "KL 13 kap. 5 §");
        let r = earliest_removal(&a).unwrap();
        assert_eq!(r.date(), d(2024, 4, 3));
    }

    #[test]
    fn the_2021_sample_and_a_move_over_a_weekend() {
        // Itsam 2021-11-18: justering by Thursday 2 December; with that date the notice was due
        // Saturday 4 December → Monday 6 December; it went up 17 December.
        let j = justering_deadline(d(2021, 11, 18)).unwrap();
        assert_eq!(j.date(), d(2021, 12, 2));
        let p = posting_deadline(j.date()).unwrap();
        assert_eq!(p.date(), d(2021, 12, 6));
        assert!(p.explanation.contains(
            "4 december 2021 är lördag och 5 december 2021 är söndag; sista dag för anslag blir måndag 6 december 2021"
        ), "{}", p.explanation);
        // Posted 2021-12-17 → three weeks is Friday 7 January 2022 (as printed).
        assert_eq!(
            appeal_last_day(d(2021, 12, 17)).unwrap().date(),
            d(2022, 1, 7)
        );
    }

    #[test]
    fn deadlines_around_christmas_and_midsommar() {
        // Meeting 10 December 2025: 14 days is julafton (Wednesday) → Monday 29 December.
        let j = justering_deadline(d(2025, 12, 10)).unwrap();
        assert_eq!(j.deadline.naive, d(2025, 12, 24));
        assert_eq!(j.date(), d(2025, 12, 29));
        let reasons: Vec<OffReason> = j.deadline.moved_because.iter().map(|x| x.1).collect();
        assert_eq!(
            reasons,
            vec![
                OffReason::Julafton,
                OffReason::Juldagen,
                OffReason::AnnandagJul,
                OffReason::Lordag,
                OffReason::Sondag
            ]
        );
        // Justerat Monday 29 December 2025: second day is Wednesday 31 December (nyårsafton),
        // then nyårsdagen → Friday 2 January 2026.
        assert_eq!(
            posting_deadline(d(2025, 12, 29)).unwrap().date(),
            d(2026, 1, 2)
        );
        // Justerat Wednesday 18 June 2025: second day is midsommarafton 20 June → Monday 23.
        let p = posting_deadline(d(2025, 6, 18)).unwrap();
        assert_eq!(p.date(), d(2025, 6, 23));
        assert!(p.explanation.contains("20 juni 2025 är midsommarafton"));
        // Posted 2 June 2025 → 23 June, a Monday after midsommar: not moved.
        assert_eq!(
            appeal_last_day(d(2025, 6, 2)).unwrap().date(),
            d(2025, 6, 23)
        );
        // Posted 16 May 2024 → 6 June 2024 (nationaldagen, Thursday) → Friday 7 June.
        assert_eq!(
            appeal_last_day(d(2024, 5, 16)).unwrap().date(),
            d(2024, 6, 7)
        );
        // Posted 18 April 2024 → 9 May 2024 (Kristi himmelsfärdsdag) → Friday 10 May.
        assert_eq!(
            appeal_last_day(d(2024, 4, 18)).unwrap().date(),
            d(2024, 5, 10)
        );
        // Posted 12 October 2024 → 2 November (alla helgons dag, Saturday) → Monday 4 November.
        let a = appeal_last_day(d(2024, 10, 12)).unwrap();
        assert_eq!(a.date(), d(2024, 11, 4));
        assert!(
            a.explanation
                .contains("2 november 2024 är alla helgons dag")
        );
    }

    #[test]
    fn a_gemensam_namnd_counts_from_the_last_posting() {
        let a = joint_appeal_last_day(&[d(2024, 3, 12), d(2024, 3, 11)])
            .unwrap()
            .unwrap();
        assert_eq!(a.from, d(2024, 3, 12));
        assert_eq!(a.date(), d(2024, 4, 2));
        assert!(a.explanation.contains("samverkande kommunernas"));
        assert_eq!(joint_appeal_last_day(&[]).unwrap(), None);
    }

    #[test]
    fn a_request_gives_every_field_its_dates_allow() {
        let report = DeadlineRequest {
            meeting: d(2024, 3, 5),
            justerat: Some(d(2024, 3, 8)),
            posted: vec![d(2024, 3, 11)],
        }
        .compute()
        .unwrap();
        let json = serde_json::to_value(report.summary()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "justering_deadline": "2024-03-19",
                "posting_deadline": "2024-03-11",
                "appeal_last_day": "2024-04-02",
                "earliest_removal": "2024-04-03"
            })
        );
        assert_eq!(report.sentences().len(), 6);
        assert!(report.judgements.iter().all(|j| j.contains(", i tid")));

        let only_meeting = DeadlineRequest {
            meeting: d(2024, 3, 5),
            justerat: None,
            posted: vec![],
        }
        .compute()
        .unwrap();
        assert_eq!(
            serde_json::to_value(only_meeting.summary()).unwrap(),
            serde_json::json!({"justering_deadline": "2024-03-19"})
        );
    }

    #[test]
    fn late_acts_are_judged_late() {
        let report = DeadlineRequest {
            meeting: d(2021, 11, 18),
            justerat: None,
            posted: vec![d(2021, 12, 17)],
        }
        .compute()
        .unwrap();
        assert!(
            report.judgements[0].contains("11 dagar för sent"),
            "{:?}",
            report.judgements
        );
    }

    #[test]
    fn dates_out_of_order_name_the_field() {
        let err = DeadlineRequest {
            meeting: d(2024, 3, 5),
            justerat: Some(d(2024, 3, 4)),
            posted: vec![],
        }
        .compute()
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "justerat 2024-03-04 is before meeting 2024-03-05"
        );
        let err = DeadlineRequest {
            meeting: d(2024, 3, 5),
            justerat: Some(d(2024, 3, 8)),
            posted: vec![d(2024, 3, 11), d(2024, 3, 7)],
        }
        .compute()
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "posted 2024-03-07 is before justerat 2024-03-08"
        );
        let err = DeadlineRequest {
            meeting: d(2024, 3, 5),
            justerat: None,
            posted: vec![d(2024, 3, 1)],
        }
        .compute()
        .unwrap_err();
        assert!(matches!(
            err,
            LawError::OutOfOrder {
                field: "posted",
                other_field: "meeting",
                ..
            }
        ));
        let err = justering_deadline(NaiveDate::MAX).unwrap_err();
        assert_eq!(err, LawError::OutOfRange);
    }

    #[test]
    fn fullmaktige_cites_5_kap() {
        let j = justering_deadline_for("Kommunfullmäktige", d(2024, 9, 26)).unwrap();
        assert_eq!(j.source, "KL 5 kap. 69 §");
        assert_eq!(j.date(), d(2024, 10, 10));
        let j = justering_deadline_for("Direktionen", d(2024, 9, 26)).unwrap();
        assert_eq!(j.source, "KL 5 kap. 69 §, 6 kap. 35 §");
    }

    proptest::proptest! {
        #[test]
        fn every_computed_deadline_is_a_working_day_on_or_after_its_naive_day(
            y in 1900i32..=2200, ordinal in 1u32..=365
        ) {
            let day = NaiveDate::from_yo_opt(y, ordinal).unwrap();
            for sd in [
                justering_deadline(day).unwrap(),
                posting_deadline(day).unwrap(),
                appeal_last_day(day).unwrap(),
            ] {
                proptest::prop_assert!(is_working_day(sd.date()));
                proptest::prop_assert!(sd.date() >= sd.deadline.naive);
                proptest::prop_assert_eq!(
                    Some(sd.date()),
                    crate::law::calendar::working_day_on_or_after(sd.deadline.naive)
                );
            }
        }
    }
}
