//! Meetings and their minutes: attendance per paragraph, items, motions, votes, decisions,
//! justering, the notice on the anslagstavla and dispatch.
//!
//! Minutes move through a lifecycle — draft → released for justering → justerade → posted — and
//! the lifecycle is a type parameter: only a `Minutes<Draft>` hands out mutable paragraphs, so
//! justerade minutes cannot be edited by construction.

use std::marker::PhantomData;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::organisation::{Body, MemberRole, Person};
use crate::{Dnr, ParagraphNumber, ParagraphRange, paragraph::ParagraphSet};

/// A sammanträde: one meeting of one body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// The body that met.
    pub body: Body,
    /// The day of the meeting.
    pub date: NaiveDate,
    /// When it began, if recorded.
    pub start_time: Option<NaiveTime>,
    /// When it ended, if recorded.
    pub end_time: Option<NaiveTime>,
    /// Where: an address, a room, or "Digitalt".
    pub place: Option<String>,
}

/// In what capacity someone was present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceCategory {
    /// Beslutande: members and serving substitutes.
    Beslutande,
    /// Ersättare present but not serving.
    Ersattare,
    /// Övriga närvarande: officials, presenters, the secretary.
    Ovriga,
}

/// One person's presence at a meeting, for some or all paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    /// Who.
    pub person: Person,
    /// Beslutande, ersättare or övriga.
    pub category: AttendanceCategory,
    /// The seat's role, when the person holds one.
    pub role: Option<MemberRole>,
    /// The role as printed ("2:e vice ordförande", "förbundsdirektör").
    pub role_text: Option<String>,
    /// Party abbreviation.
    pub party: Option<String>,
    /// The kommun or organisation represented.
    pub represents: Option<String>,
    /// For a serving substitute: the member whose seat they fill.
    pub serves_for: Option<String>,
    /// The paragraphs in which this applies; `None` means the whole meeting.
    pub paragraphs: Option<ParagraphSet>,
}

impl Attendance {
    /// Whether this person took part in paragraph `n` in this capacity.
    pub fn covers(&self, n: u32) -> bool {
        self.paragraphs.as_ref().is_none_or(|p| p.contains(n))
    }
}

/// A case (ärende) in the registry; lives across meetings and bodies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    /// Its diarienummer.
    pub dnr: Dnr,
    /// Its title (ärendemening).
    pub title: String,
}

/// A registered document (handling) of a case, or one item of a decision basis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Its title as listed under "Beslutsunderlag".
    pub title: String,
    /// Its date, when the listing gives one.
    pub date: Option<NaiveDate>,
}

/// One row of the ärendelista: what a meeting will handle or handled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    /// The paragraph number assigned.
    pub paragraph: ParagraphNumber,
    /// The case, if the item has a Dnr.
    pub dnr: Option<Dnr>,
    /// The title.
    pub title: String,
}

/// A yrkande: a motion put during the item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Motion {
    /// Who moved it ("Robert Wenglén (M)").
    pub movers: Vec<String>,
    /// What was moved, as recorded.
    pub text: String,
    /// Whether it was withdrawn (withdrawn motions are not recorded in the minutes' result).
    pub withdrawn: bool,
}

/// The propositionsordning: how the chair put the motions to the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PropositionOrder {
    /// As recorded: "Ordförande ställer proposition på … och finner att …".
    pub text: String,
}

/// How one member voted in an open vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteChoice {
    /// Ja.
    Yes,
    /// Nej.
    No,
    /// Avstår.
    Abstain,
}

/// One member's vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CastVote {
    /// Who voted.
    pub voter: String,
    /// How.
    pub choice: VoteChoice,
}

/// An omröstning: a vote between two proposals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    /// What "ja" means.
    pub yes_means: String,
    /// What "nej" means.
    pub no_means: String,
    /// Every member's vote in an open vote (empty for a closed vote).
    pub votes: Vec<CastVote>,
    /// Counts (ja, nej, avstår), as announced.
    pub tally: (u32, u32, u32),
    /// The result as recorded.
    pub result: String,
}

/// A reservation against a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reservation {
    /// Who reserved themselves.
    pub by: Vec<String>,
    /// Reason or text, if given (a written reservation may be attached).
    pub text: Option<String>,
}

/// A protokollsanteckning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinuteNote {
    /// Who asked for it.
    pub by: Vec<String>,
    /// Its text.
    pub text: String,
}

/// Jäv: a member who must not take part in, nor be present for, one paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disqualification {
    /// The disqualified member.
    pub member: String,
    /// The substitute who served instead, if any.
    pub replaced_by: Option<String>,
}

/// The operative decision of a paragraph: "Direktionen beslutar att …".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The full decision text.
    pub text: String,
}

/// Expediering: the recipients a decision (or an extract) is sent to.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Dispatch {
    /// "Akt", "Revisionen", "Kommunstyrelsen i X".
    pub recipients: Vec<String>,
}

/// One numbered item (§) of the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Its number.
    pub number: ParagraphNumber,
    /// The case it handles, if any.
    pub case: Option<Dnr>,
    /// The title.
    pub title: String,
    /// Sammanfattning / ärendebeskrivning.
    pub summary: String,
    /// Beslutsunderlag.
    pub basis: Vec<Document>,
    /// Yrkanden.
    pub motions: Vec<Motion>,
    /// Propositionsordning.
    pub proposition_order: Option<PropositionOrder>,
    /// Omröstningar.
    pub votes: Vec<Vote>,
    /// The decision; `None` for an item with no decision text.
    pub decision: Option<Decision>,
    /// Reservationer.
    pub reservations: Vec<Reservation>,
    /// Protokollsanteckningar.
    pub notes: Vec<MinuteNote>,
    /// Jäv in this paragraph.
    pub disqualifications: Vec<Disqualification>,
    /// Beslutsexpediering.
    pub dispatch: Dispatch,
}

/// One signature on the minutes (justering), e.g. from an e-signature service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// Who signed.
    pub name: String,
    /// In which capacity (ordförande, justerare, sekreterare).
    pub role: Option<String>,
    /// When, in UTC.
    pub signed_at: Option<DateTime<Utc>>,
}

/// The justering: the signing that makes the minutes final.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Justering {
    /// Where ("Digitalt", "Kommunhuset").
    pub place: Option<String>,
    /// The day the last signature was given.
    pub date: Option<NaiveDate>,
    /// The signatures.
    pub signatures: Vec<Signature>,
}

/// The notice of justering on an anslagstavla.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// Anslagstavla (authority) it was posted on; several for a gemensam nämnd.
    pub board: Option<String>,
    /// Day it went up.
    pub posted: Option<NaiveDate>,
    /// Day it comes down.
    pub removal: Option<NaiveDate>,
    /// Where the minutes are kept (förvaringsplats).
    pub kept_at: Option<String>,
}

/// Marker for the lifecycle state of minutes.
pub trait MinutesState: private::Sealed {
    /// The state's name, as stored.
    const NAME: &'static str;
}

/// Being written by the secretary; paragraphs may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Draft;
/// Released to the chair and justerare for justering; no further edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Released;
/// Signed by chair and justerare: final.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Justerad;
/// Justerad, with the notice posted on the anslagstavla.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posted;

impl MinutesState for Draft {
    const NAME: &'static str = "draft";
}
impl MinutesState for Released {
    const NAME: &'static str = "released";
}
impl MinutesState for Justerad {
    const NAME: &'static str = "justerad";
}
impl MinutesState for Posted {
    const NAME: &'static str = "posted";
}

mod private {
    pub trait Sealed {}
    impl Sealed for super::Draft {}
    impl Sealed for super::Released {}
    impl Sealed for super::Justerad {}
    impl Sealed for super::Posted {}
}

/// The protokoll of a meeting, in lifecycle state `S`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Minutes<S: MinutesState> {
    meeting: Meeting,
    attendance: Vec<Attendance>,
    paragraphs: Vec<Paragraph>,
    secretary: Option<String>,
    chair: Option<String>,
    justerare: Vec<String>,
    justering: Option<Justering>,
    notices: Vec<Notice>,
    state: PhantomData<S>,
}

impl<S: MinutesState> Minutes<S> {
    /// The meeting recorded.
    pub fn meeting(&self) -> &Meeting {
        &self.meeting
    }
    /// Who was present, and in which paragraphs.
    pub fn attendance(&self) -> &[Attendance] {
        &self.attendance
    }
    /// The paragraphs, in order.
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }
    /// The secretary.
    pub fn secretary(&self) -> Option<&str> {
        self.secretary.as_deref()
    }
    /// The chair who signs.
    pub fn chair(&self) -> Option<&str> {
        self.chair.as_deref()
    }
    /// The appointed justerare.
    pub fn justerare(&self) -> &[String] {
        &self.justerare
    }
    /// The justering, once it happened.
    pub fn justering(&self) -> Option<&Justering> {
        self.justering.as_ref()
    }
    /// Notices posted.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }
    /// The range of paragraph numbers the minutes hold.
    pub fn paragraph_range(&self) -> Option<ParagraphRange> {
        let first = self.paragraphs.iter().map(|p| p.number.0).min()?;
        let last = self.paragraphs.iter().map(|p| p.number.0).max()?;
        Some(ParagraphRange { first, last })
    }
    /// The state's stored name.
    pub fn state_name(&self) -> &'static str {
        S::NAME
    }
    fn into_state<T: MinutesState>(self) -> Minutes<T> {
        Minutes {
            meeting: self.meeting,
            attendance: self.attendance,
            paragraphs: self.paragraphs,
            secretary: self.secretary,
            chair: self.chair,
            justerare: self.justerare,
            justering: self.justering,
            notices: self.notices,
            state: PhantomData,
        }
    }
}

impl Minutes<Draft> {
    /// Starts empty minutes for a meeting.
    pub fn new(meeting: Meeting) -> Self {
        Minutes {
            meeting,
            attendance: Vec::new(),
            paragraphs: Vec::new(),
            secretary: None,
            chair: None,
            justerare: Vec::new(),
            justering: None,
            notices: Vec::new(),
            state: PhantomData,
        }
    }
    /// Attendance, editable while drafting.
    pub fn attendance_mut(&mut self) -> &mut Vec<Attendance> {
        &mut self.attendance
    }
    /// Paragraphs, editable while drafting.
    pub fn paragraphs_mut(&mut self) -> &mut Vec<Paragraph> {
        &mut self.paragraphs
    }
    /// Sets who signs: secretary, chair and justerare.
    pub fn set_signatories(
        &mut self,
        secretary: Option<String>,
        chair: Option<String>,
        justerare: Vec<String>,
    ) {
        self.secretary = secretary;
        self.chair = chair;
        self.justerare = justerare;
    }
    /// Releases the draft for justering; it cannot be edited after this.
    pub fn release(self) -> Minutes<Released> {
        self.into_state()
    }
}

impl Minutes<Released> {
    /// Records the justering. A justering dated before the meeting is refused.
    pub fn justera(mut self, justering: Justering) -> Result<Minutes<Justerad>, crate::CoreError> {
        if let Some(date) = justering.date
            && date < self.meeting.date
        {
            return Err(crate::CoreError::NotAllowed(format!(
                "justering {date} is before the meeting {}",
                self.meeting.date
            )));
        }
        self.justering = Some(justering);
        Ok(self.into_state())
    }
}

impl Minutes<Justerad> {
    /// Records the posting of the notice of justering on an anslagstavla.
    pub fn post(mut self, notice: Notice) -> Result<Minutes<Posted>, crate::CoreError> {
        let justerad = self.justering.as_ref().and_then(|j| j.date);
        if let (Some(posted), Some(j)) = (notice.posted, justerad)
            && posted < j
        {
            return Err(crate::CoreError::NotAllowed(format!(
                "notice posted {posted} before the justering {j}"
            )));
        }
        self.notices.push(notice);
        Ok(self.into_state())
    }
}

impl Minutes<Posted> {
    /// For a gemensam nämnd: the same notice on another cooperating kommun's anslagstavla.
    pub fn post_also(&mut self, notice: Notice) {
        self.notices.push(notice);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organisation::BodyKind;

    fn meeting() -> Meeting {
        Meeting {
            body: Body {
                name: "Direktionen".into(),
                kind: BodyKind::Direktion,
                seats: Some(6),
            },
            date: NaiveDate::from_ymd_opt(2024, 3, 5).unwrap(),
            start_time: None,
            end_time: None,
            place: None,
        }
    }

    #[test]
    fn lifecycle_moves_forward_only_with_lawful_dates() {
        let minutes = Minutes::new(meeting()).release();
        let early = Justering {
            place: None,
            date: NaiveDate::from_ymd_opt(2024, 3, 4),
            signatures: vec![],
        };
        assert!(minutes.clone().justera(early).is_err());
        let ok = Justering {
            place: Some("Digitalt".into()),
            date: NaiveDate::from_ymd_opt(2024, 3, 8),
            signatures: vec![],
        };
        let justerad = minutes.justera(ok).unwrap();
        assert_eq!(justerad.state_name(), "justerad");
        let too_early = Notice {
            board: None,
            posted: NaiveDate::from_ymd_opt(2024, 3, 7),
            removal: None,
            kept_at: None,
        };
        assert!(justerad.clone().post(too_early).is_err());
        let notice = Notice {
            board: None,
            posted: NaiveDate::from_ymd_opt(2024, 3, 11),
            removal: None,
            kept_at: None,
        };
        assert_eq!(justerad.post(notice).unwrap().notices().len(), 1);
    }
}
