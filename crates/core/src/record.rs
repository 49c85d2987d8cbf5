//! A meeting's minutes as Kansli keeps them: one record and its lifecycle.
//!
//! The record is a [`ParsedProtocol`] — the shape `kansli parse` prints — whether the meeting
//! was imported from a file or recorded by the secretary, so the law engine, the renderer and
//! the API read one model. The lifecycle is draft → released (for justering) → justerad →
//! posted; only a draft may change, and a released draft may be taken back to draft while no
//! one has signed. The store enforces the same states in its tables.

use serde::{Deserialize, Serialize};

use crate::CoreError;
use crate::law::{Finding, Rule, Severity};
use crate::protocol::ParsedProtocol;

/// Where minutes are in their lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MinutesState {
    /// Being recorded; never public.
    Draft,
    /// Released for justering: the chair and justerare read and sign; never public.
    Released,
    /// Signed by all who must: locked for good, public.
    Justerad,
    /// The justering is announced on the anslagstavla.
    Posted,
}

/// Where a meeting stands as the public sees it: planned, cancelled, held with its minutes not
/// yet justerade, or justerat (its minutes public). Made from the meeting's status in the
/// year's plan, the state of its minutes if any, and today's date (a meeting whose day has
/// passed was held, whatever the plan still says).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MeetingState {
    /// In the year's plan, its day not yet come.
    Planned,
    /// Cancelled (inställt).
    Cancelled,
    /// Held, its minutes not yet justerade (or not yet written).
    Held,
    /// Its minutes are justerade (or posted): public.
    Justerat,
}

impl MeetingState {
    /// The state of a meeting whose plan says `status` (`planned`, `held`, `cancelled`), whose
    /// minutes are in `minutes` (none when none are kept), on `date`, seen on `today`. Public
    /// minutes win; then a cancellation; then minutes being written, the plan's `held` or a
    /// day that has passed mean held.
    pub fn of(
        status: &str,
        minutes: Option<MinutesState>,
        date: chrono::NaiveDate,
        today: chrono::NaiveDate,
    ) -> MeetingState {
        match minutes {
            Some(m) if m.is_public() => MeetingState::Justerat,
            _ if status == "cancelled" => MeetingState::Cancelled,
            Some(_) => MeetingState::Held,
            None if status == "held" || date < today => MeetingState::Held,
            None => MeetingState::Planned,
        }
    }

    /// The state in Swedish, as the public pages say it: "planerat", "inställt", "hållet –
    /// protokollet ej justerat", "justerat".
    pub fn swedish(self) -> &'static str {
        match self {
            MeetingState::Planned => "planerat",
            MeetingState::Cancelled => "inställt",
            MeetingState::Held => "hållet – protokollet ej justerat",
            MeetingState::Justerat => "justerat",
        }
    }
}

impl MinutesState {
    /// "draft", "released", "justerad", "posted": the stored and API form.
    pub fn as_str(self) -> &'static str {
        match self {
            MinutesState::Draft => "draft",
            MinutesState::Released => "released",
            MinutesState::Justerad => "justerad",
            MinutesState::Posted => "posted",
        }
    }

    /// The state named by [`MinutesState::as_str`].
    pub fn parse(word: &str) -> Option<MinutesState> {
        [
            MinutesState::Draft,
            MinutesState::Released,
            MinutesState::Justerad,
            MinutesState::Posted,
        ]
        .into_iter()
        .find(|s| s.as_str() == word)
    }

    /// The state in Swedish, for the secretariat's pages.
    pub fn swedish(self) -> &'static str {
        match self {
            MinutesState::Draft => "utkast",
            MinutesState::Released => "klart för justering",
            MinutesState::Justerad => "justerat",
            MinutesState::Posted => "justerat och anslaget",
        }
    }

    /// Whether the public may read minutes in this state (pages, API, search, feeds).
    pub fn is_public(self) -> bool {
        matches!(self, MinutesState::Justerad | MinutesState::Posted)
    }

    /// Whether the record may still change.
    pub fn is_editable(self) -> bool {
        self == MinutesState::Draft
    }

    /// Whether the lifecycle allows the step from `self` to `next`.
    pub fn may_become(self, next: MinutesState) -> bool {
        use MinutesState::*;
        matches!(
            (self, next),
            (Draft, Released) | (Released, Draft) | (Released, Justerad) | (Justerad, Posted)
        )
    }

    /// `next`, if the lifecycle allows the step; else why not.
    pub fn step(self, next: MinutesState) -> Result<MinutesState, CoreError> {
        if self.may_become(next) {
            Ok(next)
        } else {
            Err(CoreError::NotAllowed(format!(
                "minutes that are {} cannot become {}",
                self.as_str(),
                next.as_str()
            )))
        }
    }
}

/// Whether a finding must stop a change to a draft from being saved: a paragraph decided
/// without quorum, a seat served twice in one paragraph, a disqualified member taking part, a
/// votering that does not match those serving. Other errors (a missing decision text while the
/// secretary is still writing) are shown but stop only the release for justering.
pub fn blocks_saving(finding: &Finding, record: &ParsedProtocol) -> bool {
    if finding.severity != Severity::Error {
        return false;
    }
    match finding.rule {
        Rule::SeatServedTwice | Rule::DisqualifiedServing | Rule::VoteCount => true,
        Rule::QuorumNotMet => finding.paragraph.is_some_and(|n| {
            record.items.iter().any(|i| {
                i.paragraph == n && i.decision.as_deref().is_some_and(|d| !d.trim().is_empty())
            })
        }),
        _ => false,
    }
}

/// Whether a finding must stop the release for justering: every error but a late justering
/// (KL 5 kap. 69 §, 6 kap. 30 §: within 14 days). Overdue minutes must still be justerade —
/// stopping them would leave the decisions without a justerat protokoll at all — so lateness
/// is shown, and recorded by the law engine, but never blocks.
pub fn blocks_release(finding: &Finding) -> bool {
    finding.severity == Severity::Error && finding.rule != Rule::JusteringLate
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Minutes justerade late are still released; other errors stop the release.
    #[test]
    fn a_late_justering_does_not_stop_the_release() {
        let finding = |rule: Rule| Finding {
            severity: Severity::Error,
            rule,
            source: String::new(),
            message: String::new(),
            body: "Direktionen".into(),
            meeting_date: chrono::NaiveDate::from_ymd_opt(2020, 1, 21).unwrap(),
            paragraph: None,
        };
        assert!(!blocks_release(&finding(Rule::JusteringLate)));
        assert!(blocks_release(&finding(Rule::SeatServedTwice)));
    }

    #[test]
    fn a_meetings_state_follows_its_minutes_its_plan_and_the_day() {
        let d = |day| chrono::NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        let of = |status, minutes, day| MeetingState::of(status, minutes, d(day), d(10));
        assert_eq!(of("planned", None, 20), MeetingState::Planned);
        assert_eq!(of("planned", None, 10), MeetingState::Planned, "today");
        assert_eq!(of("planned", None, 9), MeetingState::Held, "the day passed");
        assert_eq!(of("held", None, 20), MeetingState::Held);
        assert_eq!(of("cancelled", None, 5), MeetingState::Cancelled);
        for m in [MinutesState::Draft, MinutesState::Released] {
            assert_eq!(of("planned", Some(m), 12), MeetingState::Held);
        }
        for m in [MinutesState::Justerad, MinutesState::Posted] {
            assert_eq!(of("planned", Some(m), 5), MeetingState::Justerat);
        }
        assert_eq!(
            MeetingState::Held.swedish(),
            "hållet – protokollet ej justerat"
        );
    }

    #[test]
    fn the_lifecycle_moves_forward_and_a_release_may_be_taken_back() {
        use MinutesState::*;
        assert!(Draft.may_become(Released));
        assert!(Released.may_become(Draft));
        assert!(Released.may_become(Justerad));
        assert!(Justerad.may_become(Posted));
        assert!(!Draft.may_become(Justerad));
        assert!(!Justerad.may_become(Draft));
        assert!(!Posted.may_become(Draft));
        assert!(Justerad.step(Released).is_err());
        for s in [Draft, Released, Justerad, Posted] {
            assert_eq!(MinutesState::parse(s.as_str()), Some(s));
        }
        assert!(!Draft.is_public() && !Released.is_public());
        assert!(Justerad.is_public() && Posted.is_public());
    }
}
