//! Compliance checks over parsed minutes: pure functions from a
//! [`ParsedProtocol`] (plus what is known beside it) to [`Finding`]s.
//!
//! The checks must find what is really there and nothing that is not, so every rule that
//! depends on reading attendance or structure holds back when the text does not say enough:
//! beslutförhet is judged only against a known number of seats, a seat is identified only by
//! what the minutes print (whom a substitute serves for, or the represented kommun in a
//! kommunalförbund whose minutes show one seat per kommun), and numbering gaps are info only.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Serialize};

use super::calendar::{format_date, format_date_long};
use super::deadlines::{JUSTERING_DAYS, appeal_last_day, justering_deadline_for, posting_deadline};
use super::sources;
use crate::ParagraphRange;
use crate::organisation::{AuthorityKind, BodyKind};
use crate::paragraph::ParagraphSet;
use crate::protocol::{Item, ParsedProtocol, Participant, ParticipantCategory, VoteChoice};
use crate::text::fold;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The law was not kept.
    Error,
    /// Probably wrong, or wrong in the minutes rather than in the law.
    Warning,
    /// Worth knowing; not a fault in itself.
    Info,
}

impl Severity {
    /// "error", "warning", "info".
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// "fel", "varning", "info".
    pub fn swedish(self) -> &'static str {
        match self {
            Severity::Error => "fel",
            Severity::Warning => "varning",
            Severity::Info => "info",
        }
    }
}

/// The rule a finding comes from; serialises to its stable identifier (`notice-late`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// Justering later than 14 days after the meeting (moved per lag 1930:173).
    JusteringLate,
    /// Notice of justering posted later than the second day after the justering.
    NoticeLate,
    /// Notice dated before the justering it announces.
    NoticeBeforeJustering,
    /// Notice taken down before the appeal period ended.
    NoticeRemovedEarly,
    /// The justering's date is not recorded (info).
    JusteringDateMissing,
    /// Half or fewer of the seats served in a paragraph.
    QuorumNotMet,
    /// Two people served for one seat in one paragraph.
    SeatServedTwice,
    /// A decision paragraph without a decision text.
    DecisionMissing,
    /// The cover's paragraph range disagrees with the paragraphs in the minutes.
    ParagraphRangeMismatch,
    /// Paragraph numbers repeat or go backwards within a year.
    ParagraphSequence,
    /// Paragraph numbers skip within the minutes or between consecutive meetings.
    ParagraphGap,
    /// A member recorded as disqualified (jäv) in a paragraph served in it.
    DisqualifiedServing,
    /// A votering whose votes do not match those serving, or a tie left unsettled.
    VoteCount,
    /// The yrkande recorded as adopted is the proposition the votering's result went against.
    VoteOutcome,
}

impl Rule {
    /// The stable identifier: `justering-late`, `notice-late`, ….
    pub fn id(self) -> &'static str {
        match self {
            Rule::JusteringLate => "justering-late",
            Rule::NoticeLate => "notice-late",
            Rule::NoticeBeforeJustering => "notice-before-justering",
            Rule::NoticeRemovedEarly => "notice-removed-early",
            Rule::JusteringDateMissing => "justering-date-missing",
            Rule::QuorumNotMet => "quorum-not-met",
            Rule::SeatServedTwice => "seat-served-twice",
            Rule::DecisionMissing => "decision-missing",
            Rule::ParagraphRangeMismatch => "paragraph-range-mismatch",
            Rule::ParagraphSequence => "paragraph-sequence",
            Rule::ParagraphGap => "paragraph-gap",
            Rule::DisqualifiedServing => "disqualified-serving",
            Rule::VoteCount => "vote-count",
            Rule::VoteOutcome => "vote-outcome",
        }
    }
}

/// One finding about one meeting's minutes. Its JSON is the contract of `kansli check --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Error, warning or info.
    pub severity: Severity,
    /// The rule's stable identifier.
    pub rule: Rule,
    /// The legal reference ("KL 8 kap. 12 §").
    pub source: String,
    /// What was found, in Swedish.
    pub message: String,
    /// The body, as the minutes name it.
    pub body: String,
    /// The meeting's date.
    pub meeting_date: NaiveDate,
    /// The paragraph concerned, if one.
    pub paragraph: Option<u32>,
}

/// The paragraph numbers of another meeting of the same body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingNumbers {
    /// That meeting's date.
    pub meeting_date: NaiveDate,
    /// Its paragraph numbers.
    pub paragraphs: Vec<u32>,
}

impl MeetingNumbers {
    /// The date and paragraph numbers of one reading of minutes.
    pub fn of(protocol: &ParsedProtocol) -> Self {
        MeetingNumbers {
            meeting_date: protocol.meeting_date,
            paragraphs: numbers_of(protocol),
        }
    }
}

/// What is known beside the minutes themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckContext {
    /// The body's number of seats (ledamöter), from the registry or the user; never guessed.
    pub seats: Option<u32>,
    /// Other meetings of the same body (any order, any year; only the same year is used).
    pub other_meetings: Vec<MeetingNumbers>,
    /// Whether the minutes are recorded in Kansli, not a reading of a document: their
    /// participants are then the record of who was there (an empty list means nobody served;
    /// in a reading it means the attendance was not read, and nothing is concluded from it),
    /// and a paragraph number the body already used this year is a warning before release,
    /// not a remark on an archive.
    #[serde(default)]
    pub recorded: bool,
}

/// Where the date of justering came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "from", content = "date")]
pub enum JusteringDate {
    /// Printed in the minutes.
    Printed(NaiveDate),
    /// The day (Swedish time) of the last e-signature: none was printed, or the printed one
    /// is later (planned before the signing).
    Signed(NaiveDate),
    /// Neither.
    Unknown,
}

impl JusteringDate {
    /// The date, if known.
    pub fn date(self) -> Option<NaiveDate> {
        match self {
            JusteringDate::Printed(d) | JusteringDate::Signed(d) => Some(d),
            JusteringDate::Unknown => None,
        }
    }

    /// A clause telling the reader where the date came from ("" when printed).
    fn provenance(self) -> &'static str {
        match self {
            JusteringDate::Signed(_) => " (dagen för den sista e-signaturen)",
            _ => "",
        }
    }
}

/// The justering's date: the Swedish calendar day of the last e-signature when none is
/// printed, or when the printed day is later than it (a day planned before the justerare
/// signed: the justering is done when the last of them signs, KL 8 kap. 12 §, and the notice
/// is judged from that day); else the printed day.
pub fn justering_date(protocol: &ParsedProtocol) -> JusteringDate {
    let signed = protocol
        .signatures
        .iter()
        .filter_map(|s| s.signed_at)
        .max()
        .map(swedish_local_date);
    match (protocol.justering.date, signed) {
        (Some(printed), Some(signed)) if signed < printed => JusteringDate::Signed(signed),
        (Some(printed), _) => JusteringDate::Printed(printed),
        (None, Some(signed)) => JusteringDate::Signed(signed),
        (None, None) => JusteringDate::Unknown,
    }
}

/// The calendar day in Sweden at an instant: CET (UTC+1), or CEST (UTC+2) from 01:00 UTC on
/// the last Sunday of March to 01:00 UTC on the last Sunday of October (the EU rule, which
/// Sweden has kept since 1996; e-signatures are younger than that).
pub fn swedish_local_date(t: DateTime<Utc>) -> NaiveDate {
    let year = t.year();
    let switch = |month| {
        last_sunday(year, month).map(|d| d.and_time(NaiveTime::MIN).and_utc() + Duration::hours(1))
    };
    let summer = match (switch(3), switch(10)) {
        (Some(start), Some(end)) => start <= t && t < end,
        _ => false,
    };
    let offset = if summer { 2 } else { 1 };
    (t + Duration::hours(offset)).date_naive()
}

fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let mut day = first_of_next.pred_opt()?;
    while day.weekday() != Weekday::Sun {
        day = day.pred_opt()?;
    }
    Some(day)
}

struct Findings<'a> {
    protocol: &'a ParsedProtocol,
    out: Vec<Finding>,
}

impl Findings<'_> {
    fn push(
        &mut self,
        severity: Severity,
        rule: Rule,
        source: &str,
        paragraph: Option<u32>,
        message: String,
    ) {
        self.out.push(Finding {
            severity,
            rule,
            source: source.to_string(),
            message,
            body: self.protocol.body.clone(),
            meeting_date: self.protocol.meeting_date,
            paragraph,
        });
    }
}

/// Runs every rule over one protocol.
pub fn check_protocol(protocol: &ParsedProtocol, context: &CheckContext) -> Vec<Finding> {
    let mut f = Findings {
        protocol,
        out: Vec::new(),
    };
    check_dates(&mut f);
    let attendance = Attendance::read(protocol);
    if let Some(seats) = context.seats {
        check_quorum(&mut f, &attendance, seats, context.recorded);
    }
    check_seats(&mut f, &attendance);
    check_disqualified(&mut f, &attendance);
    check_voterings(&mut f, &attendance);
    check_decisions(&mut f);
    check_range(&mut f);
    check_numbering(&mut f, context);
    f.out
}

/// Runs every rule over several protocols, using each other as context: meetings of the same
/// body (same authority and body name) in the same year are checked for numbering across
/// meetings. `seats` applies to every body (the CLI's `--seats`).
pub fn check_protocols(protocols: &[ParsedProtocol], seats: Option<u32>) -> Vec<Finding> {
    check_protocols_each(protocols, seats)
        .into_iter()
        .flatten()
        .collect()
}

/// As [`check_protocols`], with the findings of each protocol apart, in the order given.
pub fn check_protocols_each(protocols: &[ParsedProtocol], seats: Option<u32>) -> Vec<Vec<Finding>> {
    check_protocols_seated(protocols, &vec![seats; protocols.len()])
}

/// As [`check_protocols_each`], with each protocol's body's number of seats (from the
/// registry: `seats[i]` for `protocols[i]`, `None` where it is not known).
pub fn check_protocols_seated(
    protocols: &[ParsedProtocol],
    seats: &[Option<u32>],
) -> Vec<Vec<Finding>> {
    let key = |p: &ParsedProtocol| (fold(p.authority.as_deref().unwrap_or("")), fold(&p.body));
    protocols
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let other_meetings = protocols
                .iter()
                .filter(|o| key(o) == key(p) && o.meeting_date != p.meeting_date)
                .map(MeetingNumbers::of)
                .collect();
            check_protocol(
                p,
                &CheckContext {
                    seats: seats.get(i).copied().flatten(),
                    other_meetings,
                    ..CheckContext::default()
                },
            )
        })
        .collect()
}

/// The paragraphs printed after "tjänstgörande ersättare" in `text` (which starts there):
/// `None` when nothing follows — from paragraphs printed elsewhere we cannot tell, so the whole
/// meeting is the only reading — else the parsed set, `Some(None)` when it does not parse.
fn paragraphs_after_serving(
    text: &str,
    range: Option<ParagraphRange>,
) -> Option<Option<ParagraphSet>> {
    let rest = text
        .trim_start_matches("tjänstgörande")
        .trim_start()
        .trim_start_matches("ersättare")
        .trim_start_matches([',', ':', ' ']);
    if rest.trim().is_empty() {
        None
    } else {
        Some(ParagraphSet::parse(rest, range).ok())
    }
}

fn numbers_of(p: &ParsedProtocol) -> Vec<u32> {
    if p.items.is_empty() {
        p.paragraphs
            .filter(|r| r.len() <= 1000)
            .map(|r| (r.first..=r.last).collect())
            .unwrap_or_default()
    } else {
        p.items.iter().map(|i| i.paragraph).collect()
    }
}

fn check_dates(f: &mut Findings) {
    let p = f.protocol;
    let meeting = p.meeting_date;
    let Ok(jd) = justering_deadline_for(&p.body, meeting) else {
        return;
    };
    let source_j = sources::justering_for(&p.body);
    let justering = justering_date(p);
    match justering.date() {
        Some(j) if j > jd.date() => {
            let late = (j - jd.date()).num_days();
            f.push(
                Severity::Error,
                Rule::JusteringLate,
                source_j,
                None,
                format!(
                    "Protokollet justerades {}{}, {late} {} för sent. {}",
                    format_date_long(j),
                    justering.provenance(),
                    days(late),
                    jd.explanation
                ),
            );
        }
        Some(_) => {}
        None => f.push(
            Severity::Info,
            Rule::JusteringDateMissing,
            source_j,
            None,
            format!(
                "Protokollet anger inte vilken dag det justerades. Lagen kräver justering senast {JUSTERING_DAYS} dagar efter sammanträdet (här senast {}), inte att dagen skrivs ut; anslaget bedöms mot den senaste tillåtna justeringsdagen.",
                format_date_long(jd.date())
            ),
        ),
    }

    let Some(posted) = p.notice.posted else {
        return;
    };
    match justering.date() {
        Some(j) if posted < j => f.push(
            Severity::Warning,
            Rule::NoticeBeforeJustering,
            sources::NOTICE,
            None,
            format!(
                "Anslaget är daterat {}, före justeringen {}{}; justeringen kan inte tillkännages innan den skett.",
                format_date_long(posted),
                format_date_long(j),
                justering.provenance()
            ),
        ),
        Some(j) => {
            if let Ok(pd) = posting_deadline(j)
                && posted > pd.date()
            {
                let late = (posted - pd.date()).num_days();
                f.push(
                    Severity::Error,
                    Rule::NoticeLate,
                    sources::NOTICE,
                    None,
                    format!(
                        "Anslaget sattes upp {}, {late} {} för sent{}. {}",
                        format_date_long(posted),
                        days(late),
                        justering.provenance(),
                        pd.explanation
                    ),
                );
            }
        }
        None => {
            if let Ok(pd) = posting_deadline(jd.date())
                && posted > pd.date()
            {
                let late = (posted - pd.date()).num_days();
                f.push(
                    Severity::Error,
                    Rule::NoticeLate,
                    sources::NOTICE,
                    None,
                    format!(
                        "Anslaget sattes upp {}. Justeringsdatum anges inte, men även om protokollet justerades sista tillåtna dag, {}, skulle justeringen ha tillkännagetts senast {}: anslaget kom minst {late} {} för sent. {}",
                        format_date_long(posted),
                        format_date_long(jd.date()),
                        format_date_long(pd.date()),
                        days(late),
                        pd.explanation
                    ),
                );
            }
        }
    }

    if let (Some(removal), Ok(appeal)) = (p.notice.removal, appeal_last_day(posted))
        && removal < appeal.date()
    {
        // A printed take-down date equal to the last day is accepted: some authorities print
        // the last day the notice is up (Itsam), others the first day it is down (Lomma).
        f.push(
            Severity::Error,
            Rule::NoticeRemovedEarly,
            sources::NOTICE,
            None,
            format!(
                "Anslaget tas ned {}, men överklagandetiden löper till och med {} och anslaget ska sitta uppe till dess. {}",
                format_date_long(removal),
                format_date_long(appeal.date()),
                appeal.explanation
            ),
        );
    }
}

fn days(n: i64) -> &'static str {
    if n == 1 { "dag" } else { "dagar" }
}

/// One person serving (tjänstgörande) at the meeting, as far as the minutes say.
struct Server {
    /// Folded name, without party.
    person: String,
    /// The name as printed.
    name: String,
    /// The paragraphs served: `None` = the whole meeting; `Some(None)` = printed but unreadable.
    paragraphs: Option<Option<ParagraphSet>>,
    /// An ersättare (serving or not), not an ordinary member.
    substitute: bool,
    /// Folded name of the member served for, without party.
    serves_for: Option<String>,
    /// The kommun or organisation represented, as printed.
    represents: Option<String>,
}

impl Server {
    /// Whether this person served in paragraph `n`; `None` when the minutes are unreadable.
    fn serves_in(&self, n: u32) -> Option<bool> {
        match &self.paragraphs {
            None => Some(true),
            Some(Some(set)) => Some(set.contains(n)),
            Some(None) => None,
        }
    }
}

struct Attendance {
    servers: Vec<Server>,
    numbers: Vec<u32>,
}

impl Attendance {
    fn read(p: &ParsedProtocol) -> Self {
        let mut numbers: Vec<u32> = numbers_of(p);
        numbers.sort_unstable();
        numbers.dedup();
        // Open forms ("fr o m § 27") close against the whole meeting: the cover's range and
        // the paragraphs found, whichever reaches further.
        let range = match (p.paragraphs, numbers.first(), numbers.last()) {
            (Some(r), Some(&a), Some(&b)) => Some(crate::ParagraphRange {
                first: r.first.min(a),
                last: r.last.max(b),
            }),
            (None, Some(&a), Some(&b)) => Some(crate::ParagraphRange { first: a, last: b }),
            (r, _, _) => r,
        };
        let servers = p
            .participants
            .iter()
            .filter_map(|x| server(x, range))
            .collect();
        Attendance { servers, numbers }
    }
}

fn person_key(name: &str) -> String {
    // "Eva Banheden Lindblad (M)" and "Eva Banheden Lindblad" are one person.
    let mut out = String::with_capacity(name.len());
    let mut depth = 0u32;
    for c in name.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    fold(out.trim_matches(|c: char| c.is_whitespace() || c == ',' || c == '-'))
}

/// Whether the text says the person serves: "tjänstgörande", but not "ej tjänstgörande".
fn mentions_serving(text: &str) -> bool {
    text.match_indices("tjänstgörande").any(|(at, _)| {
        let before = text[..at].trim_end();
        !(before.ends_with("ej") || before.ends_with("icke") || before.ends_with("inte"))
    })
}

/// Reads one participant as a server, or `None` when they do not serve (övriga, non-serving
/// ersättare). Handles "ersättare §§ 59-62, tjänstgörande ersättare §§ 62-67" wherever the
/// parser put it (role or paragraphs): only the part after "tjänstgörande" counts.
fn server(x: &Participant, range: Option<crate::ParagraphRange>) -> Option<Server> {
    let role = x.role.as_deref().map(fold).unwrap_or_default();
    let raw = x.paragraphs.as_deref().unwrap_or("");
    let folded_raw = raw.to_lowercase();
    let serving_in_text = mentions_serving(&role) || mentions_serving(&folded_raw);
    // An insynsplats attends without the right to decide, whatever list it is printed in.
    let observer = role.contains("insyn");
    let serving = match x.category {
        _ if observer => false,
        ParticipantCategory::Ovriga => false,
        ParticipantCategory::Ersattare => serving_in_text || x.serves_for.is_some(),
        ParticipantCategory::Beslutande => true,
    };
    if !serving {
        return None;
    }
    let paragraphs = if let Some(at) = folded_raw
        .rfind("tjänstgörande")
        .filter(|_| mentions_serving(&folded_raw))
    {
        paragraphs_after_serving(&folded_raw[at..], range)
    } else if let Some(at) = role
        .rfind("tjänstgörande")
        .filter(|_| raw.trim().is_empty())
    {
        // The parser may have put the paragraphs into the role text.
        paragraphs_after_serving(&role[at..], range)
    } else if raw.trim().is_empty() {
        None
    } else {
        Some(ParagraphSet::parse(raw, range).ok())
    };
    let substitute = role.contains("ersättare")
        || x.category == ParticipantCategory::Ersattare
        || x.serves_for.is_some();
    Some(Server {
        person: person_key(&x.name),
        name: x.name.clone(),
        paragraphs,
        substitute,
        serves_for: x.serves_for.as_deref().map(person_key),
        represents: x.represents.clone(),
    })
}

fn check_quorum(f: &mut Findings, attendance: &Attendance, seats: u32, recorded: bool) {
    if (attendance.servers.is_empty() && !recorded) || seats == 0 {
        // Attendance was not read: silence rather than a finding on every paragraph.
        return;
    }
    let source = sources::quorum_for(&f.protocol.body);
    for &n in &attendance.numbers {
        // Unreadable paragraph sets count as serving: never report a quorum on a guess.
        let present: BTreeSet<&str> = attendance
            .servers
            .iter()
            .filter(|s| s.serves_in(n).unwrap_or(true))
            .map(|s| s.person.as_str())
            .collect();
        let count = present.len() as u32;
        if count.saturating_mul(2) <= seats {
            f.push(
                Severity::Error,
                Rule::QuorumNotMet,
                source,
                Some(n),
                format!(
                    "I § {n} tjänstgjorde {count} av {} {seats} ledamöter. Organet får handlägga ärenden endast när mer än hälften, minst {}, är närvarande.",
                    possessive(&f.protocol.body),
                    seats / 2 + 1
                ),
            );
        }
    }
}

fn possessive(body: &str) -> String {
    let b = body.trim();
    if b.is_empty() {
        return "organets".into();
    }
    let lower = fold(b);
    if lower.ends_with('s') {
        lower
    } else {
        format!("{lower}s")
    }
}

/// The identity of a seat as far as the minutes show it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Seat {
    /// The seat of this member (a member's own, or the one a substitute serves for).
    Of(String),
    /// The seat of this kommun, in a kommunalförbund with one seat per member kommun.
    Kommun(String),
}

fn is_federation(p: &ParsedProtocol) -> bool {
    p.authority
        .as_deref()
        .is_some_and(|a| AuthorityKind::from_name(a) == AuthorityKind::Kommunalforbund)
        || BodyKind::from_name(&p.body) == BodyKind::Direktion
        || fold(&p.layout).contains("direktion")
}

/// Whether the minutes show one seat per represented kommun: a kommunalförbund, every server
/// representing a kommun, and no two ordinary members from the same kommun.
fn one_seat_per_kommun(p: &ParsedProtocol, attendance: &Attendance) -> bool {
    if !is_federation(p) || attendance.servers.len() < 2 {
        return false;
    }
    let mut members = BTreeSet::new();
    for s in &attendance.servers {
        let Some(k) = s.represents.as_deref().map(fold) else {
            return false;
        };
        if !k.contains("kommun") {
            return false;
        }
        if !s.substitute && !members.insert(k) {
            return false;
        }
    }
    true
}

fn check_seats(f: &mut Findings, attendance: &Attendance) {
    let by_kommun = one_seat_per_kommun(f.protocol, attendance);
    let seats_of = |s: &Server| {
        let mut seats = Vec::new();
        match (&s.serves_for, s.substitute) {
            (Some(of), _) => seats.push(Seat::Of(of.clone())),
            (None, false) => seats.push(Seat::Of(s.person.clone())),
            (None, true) => {}
        }
        if by_kommun && let Some(k) = &s.represents {
            seats.push(Seat::Kommun(fold(k)));
        }
        seats
    };
    // paragraph → seat → the people serving it
    let mut clashes: Vec<(u32, Seat, Vec<&Server>)> = Vec::new();
    for &n in &attendance.numbers {
        let mut seats: BTreeMap<Seat, Vec<&Server>> = BTreeMap::new();
        for s in &attendance.servers {
            // Unreadable paragraph sets are left out: never report a clash on a guess.
            if s.serves_in(n) != Some(true) {
                continue;
            }
            for seat in seats_of(s) {
                let people = seats.entry(seat).or_default();
                if !people.iter().any(|o| o.person == s.person) {
                    people.push(s);
                }
            }
        }
        for (seat, people) in seats {
            if people.len() > 1 {
                clashes.push((n, seat, people));
            }
        }
    }
    if by_kommun {
        // One seat per kommun is read from the minutes, so it must be the rule, not the
        // exception: if most paragraphs clash, the body has more seats per kommun.
        let clashing: BTreeSet<u32> = clashes
            .iter()
            .filter(|(_, seat, _)| matches!(seat, Seat::Kommun(_)))
            .map(|(n, _, _)| *n)
            .collect();
        if clashing.len() * 2 >= attendance.numbers.len().max(1) {
            clashes.retain(|(_, seat, _)| !matches!(seat, Seat::Kommun(_)));
        }
    }
    let mut reported: BTreeSet<(u32, Vec<String>)> = BTreeSet::new();
    for (n, seat, people) in clashes {
        let mut who: Vec<String> = people.iter().map(|s| s.person.clone()).collect();
        who.sort();
        if !reported.insert((n, who)) {
            continue;
        }
        let names: Vec<&str> = people.iter().map(|s| s.name.as_str()).collect();
        let names = crate::text::and_list(&names);
        let whose = match &seat {
            Seat::Of(_) => {
                let holder = people
                    .iter()
                    .find(|s| !s.substitute)
                    .map(|s| s.name.clone())
                    .or_else(|| people.iter().find_map(|s| s.serves_for.clone()))
                    .unwrap_or_default();
                format!("samma plats ({holder})")
            }
            Seat::Kommun(_) => {
                let k = people
                    .iter()
                    .find_map(|s| s.represents.clone())
                    .unwrap_or_default();
                format!(
                    "samma plats ({k}; i förbundets protokoll har varje medlemskommun en plats)"
                )
            }
        };
        f.push(
            Severity::Error,
            Rule::SeatServedTwice,
            sources::MINUTES_CONTENT,
            Some(n),
            format!(
                "I § {n} tjänstgör både {names} för {whose}. En ersättare tjänstgör bara i stället för en ledamot som inte deltar; protokollet ska visa vem som deltog i beslutet."
            ),
        );
    }
}

/// The names of those who serve (take part in the decision) in paragraph `n` of a record:
/// beslutande and serving substitutes whose paragraphs include `n`, in the order listed.
pub fn serving_names(p: &ParsedProtocol, n: u32) -> Vec<String> {
    let attendance = Attendance::read(p);
    let mut seen = BTreeSet::new();
    attendance
        .servers
        .iter()
        .filter(|s| s.serves_in(n) == Some(true) && seen.insert(s.person.clone()))
        .map(|s| s.name.clone())
        .collect()
}

/// Who is recorded as serving in paragraph `n`, by folded name (unreadable sets left out).
fn serving_in(attendance: &Attendance, n: u32) -> BTreeMap<String, &Server> {
    attendance
        .servers
        .iter()
        .filter(|s| s.serves_in(n) == Some(true))
        .map(|s| (s.person.clone(), s))
        .collect()
}

/// The members disqualified in a paragraph: those recorded as such, and a jäv entry that is
/// nothing but a participant's name ("David Dahl", "David Dahl (S)") — the contract's
/// `disqualifications` list as an API client writes it. A sentence ("David Dahl (S) anmäler
/// jäv …") stays text: it may name the substitute too.
fn disqualified_in(item: &Item, participants: &BTreeSet<String>) -> BTreeSet<String> {
    let named = item
        .disqualifications
        .iter()
        .map(|entry| person_key(entry))
        .filter(|key| participants.contains(key));
    item.recorded
        .disqualified
        .iter()
        .map(|name| person_key(name))
        .chain(named)
        .collect()
}

fn check_disqualified(f: &mut Findings, attendance: &Attendance) {
    let source = sources::disqualification_for(&f.protocol.body);
    let participants: BTreeSet<String> = f
        .protocol
        .participants
        .iter()
        .map(|x| person_key(&x.name))
        .collect();
    for item in &f.protocol.items {
        let serving = serving_in(attendance, item.paragraph);
        for key in disqualified_in(item, &participants) {
            if let Some(server) = serving.get(&key) {
                f.push(
                    Severity::Error,
                    Rule::DisqualifiedServing,
                    source,
                    Some(item.paragraph),
                    format!(
                        "{} är jävig i § {} men står som tjänstgörande. Den som är jävig får inte delta i handläggningen; ange att ersättaren tjänstgör i paragrafen.",
                        server.name, item.paragraph
                    ),
                );
            }
        }
    }
}

/// A proposition's or yrkande's words, compared: folded, without the closing full stop.
fn proposition_key(text: &str) -> String {
    fold(text.trim().trim_end_matches(['.', '!']).trim())
}

/// The yrkande recorded as adopted, against the votering's result: when its words are those of
/// the proposition that lost (and not also the winner's), the record says two things.
fn check_vote_outcome(f: &mut Findings, item: &Item, votering: &crate::protocol::Votering) {
    let Some(adopted) = item
        .recorded
        .adopted
        .and_then(|i| item.motions.get(i))
        .map(|m| proposition_key(&m.text))
        .filter(|t| !t.is_empty())
    else {
        return;
    };
    let Some(winner) = votering.winner() else {
        return;
    };
    let (won, lost) = match winner {
        VoteChoice::Ja => (&votering.ja, &votering.nej),
        VoteChoice::Nej => (&votering.nej, &votering.ja),
        VoteChoice::Avstar => return,
    };
    let (won, lost) = (proposition_key(won), proposition_key(lost));
    if !lost.is_empty() && adopted == lost && adopted != won {
        let side = if winner == VoteChoice::Ja {
            "ja"
        } else {
            "nej"
        };
        f.push(
            Severity::Warning,
            Rule::VoteOutcome,
            sources::VOTE,
            Some(item.paragraph),
            format!(
                "I § {} vann {side}-propositionen omröstningen, men det bifallna yrkandet är det som förlorade. Ange rätt yrkande som bifallet, eller rätta omröstningen.",
                item.paragraph
            ),
        );
    }
}

fn check_voterings(f: &mut Findings, attendance: &Attendance) {
    for item in &f.protocol.items {
        let Some(votering) = &item.recorded.votering else {
            continue;
        };
        check_vote_outcome(f, item, votering);
        let n = item.paragraph;
        let serving = serving_in(attendance, n);
        let mut voted: BTreeSet<String> = BTreeSet::new();
        let mut problems: Vec<String> = Vec::new();
        for cast in &votering.casts {
            let key = person_key(&cast.name);
            if !serving.contains_key(&key) {
                problems.push(format!(
                    "{} röstade men tjänstgjorde inte",
                    cast.name.trim()
                ));
            }
            if !voted.insert(key) {
                problems.push(format!("{} röstade två gånger", cast.name.trim()));
            }
        }
        let missing: Vec<&str> = serving
            .iter()
            .filter(|(key, _)| !voted.contains(*key))
            .map(|(_, s)| s.name.as_str())
            .collect();
        if !missing.is_empty() {
            problems.push(format!("röst saknas för {}", missing.join(", ")));
        }
        let (ja, nej, _) = votering.tally();
        let undecided = (ja == nej && votering.tie_break.is_none() && !votering.casts.is_empty())
            .then(|| {
                format!(
                    "lika röstetal ({ja}–{nej}) utan ordförandens utslagsröst eller, vid val, lottning ({})",
                    sources::TIE
                )
            });
        let message = match (problems.is_empty(), undecided) {
            (true, None) => continue,
            // The votes match those serving; only the outcome is missing.
            (true, Some(tie)) => format!("Omröstningen i § {n} är inte avgjord: {tie}."),
            (false, tie) => format!(
                "Omröstningen i § {n} stämmer inte med de tjänstgörande ({} tjänstgjorde, {} röster avgivna): {}.",
                serving.len(),
                votering.casts.len(),
                problems
                    .into_iter()
                    .chain(tie)
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        };
        f.push(
            Severity::Error,
            Rule::VoteCount,
            sources::VOTE,
            Some(n),
            message,
        );
    }
}

/// What in a paragraph says a decision was taken, in words for the finding ("yrkanden", "ett
/// förslag till beslut" …); empty when nothing does.
fn signs_of_decision(item: &Item) -> Vec<&'static str> {
    let heading = |word: &str| {
        item.sections
            .iter()
            .any(|s| fold(&s.heading).contains(word))
    };
    [
        (heading("förslag till beslut"), "ett förslag till beslut"),
        (!item.motions.is_empty() || heading("yrkande"), "yrkanden"),
        (
            item.proposition_order.is_some() || heading("beslutsgång"),
            "en beslutsgång",
        ),
        (
            item.recorded.votering.is_some() || item.vote.is_some(),
            "en omröstning",
        ),
        (!item.reservations.is_empty(), "reservationer"),
    ]
    .into_iter()
    .filter_map(|(found, words)| found.then_some(words))
    .collect()
}

fn check_decisions(f: &mut Findings) {
    for item in &f.protocol.items {
        if item
            .decision
            .as_deref()
            .is_some_and(|d| !d.trim().is_empty())
        {
            continue;
        }
        let signs = signs_of_decision(item);
        if !signs.is_empty() {
            let signs = crate::text::and_list(&signs);
            f.push(
                Severity::Warning,
                Rule::DecisionMissing,
                sources::MINUTES_CONTENT,
                Some(item.paragraph),
                format!(
                    "§ {} ({}) har {signs} men ingen beslutstext; protokollet ska redovisa innehållet i fattade beslut.",
                    item.paragraph,
                    item.title.trim()
                ),
            );
        }
    }
}

fn check_range(f: &mut Findings) {
    let p = f.protocol;
    let Some(cover) = p.paragraphs else {
        return;
    };
    let (Some(first), Some(last)) = (
        p.items.iter().map(|i| i.paragraph).min(),
        p.items.iter().map(|i| i.paragraph).max(),
    ) else {
        return;
    };
    if cover.first == first && cover.last == last {
        return;
    }
    let outside = p
        .items
        .iter()
        .map(|i| i.paragraph)
        .find(|n| !cover.contains(*n));
    let found = if first == last {
        format!("§ {first}")
    } else {
        format!("§§ {first}-{last}")
    };
    let stated = if cover.first == cover.last {
        format!("§ {}", cover.first)
    } else {
        format!("§§ {}-{}", cover.first, cover.last)
    };
    f.push(
        Severity::Warning,
        Rule::ParagraphRangeMismatch,
        sources::MINUTES_CONTENT,
        outside,
        format!("Förstasidan anger {stated}, men protokollet innehåller {found}."),
    );
}

fn check_numbering(f: &mut Findings, context: &CheckContext) {
    let p = f.protocol;
    // Within the minutes: repeats and steps backwards, in printed order.
    let mut previous: Option<u32> = None;
    for item in &p.items {
        let n = item.paragraph;
        if let Some(prev) = previous {
            if n == prev {
                f.push(
                    Severity::Info,
                    Rule::ParagraphSequence,
                    sources::NUMBERING,
                    Some(n),
                    format!("§ {n} förekommer två gånger i följd i protokollet."),
                );
            } else if n < prev {
                f.push(
                    Severity::Info,
                    Rule::ParagraphSequence,
                    sources::NUMBERING,
                    Some(n),
                    format!("§ {n} följer efter § {prev}: numreringen går bakåt."),
                );
            }
        }
        previous = Some(previous.map_or(n, |p| p.max(n)));
    }
    // Within the minutes: numbers skipped.
    let mut numbers: Vec<u32> = p.items.iter().map(|i| i.paragraph).collect();
    numbers.sort_unstable();
    numbers.dedup();
    for pair in numbers.windows(2) {
        if let [a, b] = *pair
            && b > a + 1
        {
            let missing = if b == a + 2 {
                format!("§ {} saknas", a + 1)
            } else {
                format!("§§ {}-{} saknas", a + 1, b - 1)
            };
            f.push(
                Severity::Info,
                Rule::ParagraphGap,
                sources::NUMBERING,
                Some(a + 1),
                format!("{missing} i protokollet (mellan § {a} och § {b})."),
            );
        }
    }
    // Across meetings of the same body in the same year.
    let mine = numbers_of(p);
    let (Some(&my_first), Some(&my_last)) = (mine.iter().min(), mine.iter().max()) else {
        return;
    };
    let year = p.meeting_date.year();
    let same_year = context
        .other_meetings
        .iter()
        .filter(|m| m.meeting_date.year() == year && !m.paragraphs.is_empty());
    let earlier: Vec<&MeetingNumbers> = same_year
        .clone()
        .filter(|m| m.meeting_date < p.meeting_date)
        .collect();
    if let Some(clash) = earlier
        .iter()
        .filter(|m| m.paragraphs.iter().any(|n| *n >= my_first))
        .max_by_key(|m| m.meeting_date)
    {
        let their_last = clash.paragraphs.iter().copied().max().unwrap_or(0);
        let how = if clash
            .paragraphs
            .iter()
            .any(|n| (my_first..=my_last).contains(n))
        {
            "samma paragrafnummer återkommer"
        } else {
            "numreringen går bakåt"
        };
        // In minutes being recorded a number used again is a mistake still to be put right:
        // the same number twice in the body's year stops the release (two "§ 3" of 2026
        // would be public), a numbering that only steps back is a warning.
        let repeated = how == "samma paragrafnummer återkommer";
        let severity = match (context.recorded, repeated) {
            (true, true) => Severity::Error,
            (true, false) => Severity::Warning,
            (false, _) => Severity::Info,
        };
        f.push(
            severity,
            Rule::ParagraphSequence,
            sources::NUMBERING,
            Some(my_first),
            format!(
                "Sammanträdet börjar med § {my_first}, men sammanträdet {} slutade med § {their_last}: {how} inom året.",
                format_date(clash.meeting_date)
            ),
        );
    } else if context.recorded
        && let Some((later, shared)) = same_year
            .clone()
            .filter(|m| m.meeting_date > p.meeting_date)
            .find_map(|m| {
                let shared: Vec<u32> = mine
                    .iter()
                    .copied()
                    .filter(|n| m.paragraphs.contains(n))
                    .collect();
                (!shared.is_empty()).then_some((m, shared))
            })
    {
        // Recorded after a later meeting of the year was numbered: its numbers are taken.
        let first = shared.iter().copied().min().unwrap_or(my_first);
        let last = shared.iter().copied().max().unwrap_or(my_first);
        let which = if first == last {
            format!("§ {first}")
        } else {
            format!("§§ {first}-{last}")
        };
        f.push(
            Severity::Error,
            Rule::ParagraphSequence,
            sources::NUMBERING,
            Some(first),
            format!(
                "{which} finns redan i protokollet från sammanträdet {}: paragrafnumren löper över året och får inte återkomma. Numrera om paragraferna.",
                format_date(later.meeting_date)
            ),
        );
    } else if let Some(latest) = earlier.iter().max_by_key(|m| m.meeting_date) {
        let their_last = latest.paragraphs.iter().copied().max().unwrap_or(0);
        // Numbers between that another meeting of the year holds are not missing (minutes of
        // an earlier day recorded later carry them).
        let held: BTreeSet<u32> = same_year
            .clone()
            .flat_map(|m| m.paragraphs.iter().copied())
            .collect();
        // Runs of missing numbers: "§ 5", "§§ 5-7", "§§ 5-6, 9"; a gap read from a garbled
        // number is said whole, not walked.
        let mut runs: Vec<(u32, u32)> = Vec::new();
        if my_first.saturating_sub(their_last) > 1000 {
            runs.push((their_last + 1, my_first - 1));
        } else {
            for n in (their_last.saturating_add(1)..my_first).filter(|n| !held.contains(n)) {
                match runs.last_mut() {
                    Some((_, end)) if *end + 1 == n => *end = n,
                    _ => runs.push((n, n)),
                }
            }
        }
        if !runs.is_empty() {
            let text = runs
                .iter()
                .map(|(a, b)| {
                    if a == b {
                        a.to_string()
                    } else {
                        format!("{a}-{b}")
                    }
                })
                .collect::<Vec<_>>()
                .join(", ");
            let missing = match runs.as_slice() {
                [(a, b)] if a == b => format!("§ {text}"),
                _ => format!("§§ {text}"),
            };
            f.push(
                Severity::Info,
                Rule::ParagraphGap,
                sources::NUMBERING,
                Some(my_first),
                format!(
                    "Föregående sammanträde {} slutade med § {their_last} och detta börjar med § {my_first}: {missing} finns inte bland de kända protokollen.",
                    format_date(latest.meeting_date)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ParagraphRange;
    use crate::protocol::{ParsedNotice, ParsedSignature};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn person(
        name: &str,
        category: ParticipantCategory,
        role: Option<&str>,
        represents: Option<&str>,
        paragraphs: Option<&str>,
    ) -> Participant {
        Participant {
            name: name.into(),
            category,
            role: role.map(Into::into),
            represents: represents.map(Into::into),
            party: None,
            paragraphs: paragraphs.map(Into::into),
            serves_for: None,
        }
    }

    fn item(n: u32, decision: Option<&str>) -> Item {
        Item {
            recorded: Default::default(),
            paragraph: n,
            dnr: None,
            title: format!("Ärende {n}"),
            decision: decision.map(Into::into),
            summary: None,
            basis: vec![],
            motions: vec![],
            proposition_order: None,
            vote: None,
            reservations: vec![],
            notes: vec![],
            disqualifications: vec![],
            dispatch: vec!["Akt".into()],
            sections: vec![],
        }
    }

    fn protocol(body: &str, meeting: NaiveDate, range: (u32, u32)) -> ParsedProtocol {
        ParsedProtocol {
            paragraphs: Some(ParagraphRange {
                first: range.0,
                last: range.1,
            }),
            items: (range.0..=range.1)
                .map(|n| {
                    item(
                        n,
                        Some("Direktionen beslutar att notera informationen till protokollet."),
                    )
                })
                .collect(),
            layout: "direktion".into(),
            ..ParsedProtocol::new(body, meeting)
        }
    }

    use ParticipantCategory::{Beslutande, Ersattare, Ovriga};

    /// Itsam direktionen 2024-03-05, as the sample prints it.
    fn itsam_2024_03_05() -> ParsedProtocol {
        let mut p = protocol("Direktionen", d(2024, 3, 5), (1, 9));
        p.justering.place = Some("Digitalt".into());
        p.notice = ParsedNotice {
            posted: Some(d(2024, 3, 11)),
            removal: Some(d(2024, 4, 2)),
            kept_at: Some("Itsam".into()),
        };
        p.signatures = vec![
            ParsedSignature {
                name: "THOMAS LIDBERG".into(),
                signed_at: Some("2024-03-08T10:24:23Z".parse().unwrap()),
            },
            ParsedSignature {
                name: "Nils Jacob Gösta Käll".into(),
                signed_at: Some("2024-03-08T11:58:09Z".parse().unwrap()),
            },
        ];
        p.participants = vec![
            person(
                "Jacob Käll",
                Beslutande,
                Some("ordförande"),
                Some("Vimmerby kommun"),
                None,
            ),
            person(
                "Elisabet Hagström",
                Beslutande,
                Some("vice ordförande"),
                Some("Ydre kommun"),
                None,
            ),
            person(
                "Claes Sjökvist",
                Beslutande,
                Some("ledamot"),
                Some("Boxholms kommun"),
                None,
            ),
            person(
                "Thomas Lidberg",
                Beslutande,
                Some("ledamot"),
                Some("Åtvidabergs kommun"),
                None,
            ),
            person(
                "Jonas Andersson",
                Beslutande,
                Some("ledamot"),
                Some("Ödeshögs kommun"),
                None,
            ),
            person(
                "Conny Forsberg",
                Beslutande,
                Some("ledamot"),
                Some("Kinda kommun"),
                Some("§§ 1-4"),
            ),
            person(
                "Joakim Magnusson",
                Ersattare,
                Some("ersättare"),
                Some("Åtvidabergs kommun"),
                None,
            ),
            person(
                "Christian Nordin Olsson",
                Ersattare,
                Some("ersättare"),
                Some("Kinda kommun"),
                Some("§§ 1-4"),
            ),
            person(
                "Peter Wallentin",
                Ovriga,
                Some("chef tjänsteutveckling"),
                None,
                None,
            ),
            person(
                "Johan Flemgård",
                Ovriga,
                Some("chef teknik och säkerhet"),
                None,
                Some("§ 1"),
            ),
        ];
        p
    }

    /// Itsam direktionen 2021-11-18, as the sample prints it.
    fn itsam_2021_11_18() -> ParsedProtocol {
        let mut p = protocol("Direktionen", d(2021, 11, 18), (59, 67));
        p.notice = ParsedNotice {
            posted: Some(d(2021, 12, 17)),
            removal: Some(d(2022, 1, 7)),
            kept_at: Some("Itsam".into()),
        };
        p.participants = vec![
            person(
                "Jacob Käll",
                Beslutande,
                Some("ordförande"),
                Some("Vimmerby kommun"),
                None,
            ),
            person(
                "Annicki Oscarsson",
                Beslutande,
                Some("ledamot"),
                Some("Ödeshögs kommun"),
                None,
            ),
            person(
                "Conny Forsberg",
                Beslutande,
                Some("ledamot"),
                Some("Kinda kommun"),
                Some("§§ 59-62"),
            ),
            person(
                "Elisabet Hagström",
                Beslutande,
                Some("ledamot"),
                Some("Ydre kommun"),
                None,
            ),
            person(
                "Joakim Magnusson",
                Beslutande,
                Some("tjänstgörande ersättare"),
                Some("Åtvidabergs kommun"),
                None,
            ),
            person(
                "Gunnar Malgeryd",
                Beslutande,
                Some("tjänstgörande ersättare"),
                Some("Boxholms kommun"),
                None,
            ),
            person(
                "Christer Segerstéen",
                Ersattare,
                Some("ersättare"),
                Some("Kinda kommun"),
                Some("§§ 59-62, tjänstgörande ersättare §§ 62-67"),
            ),
            person(
                "Henrik Remmerfelt",
                Ovriga,
                Some("förbundsdirektör"),
                None,
                None,
            ),
            person(
                "Malin Vikström",
                Ovriga,
                Some("ekonom"),
                None,
                Some("§§ 62-63"),
            ),
        ];
        p
    }

    fn rules(findings: &[Finding]) -> Vec<(Severity, &'static str, Option<u32>)> {
        findings
            .iter()
            .map(|f| (f.severity, f.rule.id(), f.paragraph))
            .collect()
    }

    /// A day printed (planned) later than the last e-signature is not the justering: the
    /// justerare signed earlier, and the notice posted that day is in time, not before it. A
    /// printed day earlier than the signatures stays the printed one.
    #[test]
    fn the_last_signature_is_the_justering_when_the_printed_day_is_later() {
        let mut p = itsam_2024_03_05();
        p.justering.date = Some(d(2024, 3, 11));
        assert_eq!(justering_date(&p), JusteringDate::Signed(d(2024, 3, 8)));
        p.notice.posted = Some(d(2024, 3, 8));
        let findings = check_protocol(&p, &CheckContext::default());
        assert!(
            !findings
                .iter()
                .any(|f| f.message.contains("före justeringen")),
            "{findings:?}"
        );
        p.justering.date = Some(d(2024, 3, 7));
        assert_eq!(justering_date(&p), JusteringDate::Printed(d(2024, 3, 7)));
    }

    /// A jäv entry that is only a serving member's name is a disqualification; a sentence
    /// about the jäv (which may name the substitute too) stays text.
    #[test]
    fn a_jav_entry_naming_a_serving_member_is_a_finding() {
        let disqualified_serving = |p: &ParsedProtocol| {
            rules(&check_protocol(p, &CheckContext::default()))
                .into_iter()
                .filter(|r| r.1 == "disqualified-serving")
                .collect::<Vec<_>>()
        };
        let mut p = itsam_2024_03_05();
        assert!(disqualified_serving(&p).is_empty());
        p.items[1].disqualifications = vec!["Claes Sjökvist (S)".into()];
        assert_eq!(
            disqualified_serving(&p),
            vec![(Severity::Error, "disqualified-serving", Some(2))]
        );
        p.items[1].disqualifications =
            vec!["Claes Sjökvist anmäler jäv; Jonas Andersson tjänstgör.".into()];
        assert!(disqualified_serving(&p).is_empty());
        p.items[1].disqualifications = vec!["Någon Annan".into()];
        assert!(disqualified_serving(&p).is_empty());
    }

    #[test]
    fn the_compliant_2024_sample_has_no_findings() {
        let p = itsam_2024_03_05();
        assert_eq!(justering_date(&p), JusteringDate::Signed(d(2024, 3, 8)));
        let findings = check_protocol(&p, &CheckContext::default());
        assert_eq!(findings, vec![]);
        // With the six seats of the direktion known, every paragraph is beslutför.
        let with_seats = CheckContext {
            seats: Some(6),
            ..CheckContext::default()
        };
        assert_eq!(check_protocol(&p, &with_seats), vec![]);
    }

    #[test]
    fn the_2021_sample_was_posted_late_and_served_one_seat_twice() {
        let p = itsam_2021_11_18();
        let findings = check_protocol(&p, &CheckContext::default());
        assert_eq!(
            rules(&findings),
            vec![
                (Severity::Info, "justering-date-missing", None),
                (Severity::Error, "notice-late", None),
                (Severity::Error, "seat-served-twice", Some(62)),
            ],
            "{findings:#?}"
        );
        let late = &findings[1];
        assert_eq!(late.source, "KL 8 kap. 12 §");
        assert!(
            late.message.contains("fredag 17 december 2021"),
            "{}",
            late.message
        );
        assert!(
            late.message.contains("måndag 6 december 2021"),
            "{}",
            late.message
        );
        let seat = &findings[2];
        assert!(
            seat.message
                .contains("Conny Forsberg och Christer Segerstéen"),
            "{}",
            seat.message
        );
        assert!(seat.message.contains("Kinda kommun"), "{}", seat.message);
        assert_eq!(seat.body, "Direktionen");
        assert_eq!(seat.meeting_date, d(2021, 11, 18));
    }

    #[test]
    fn the_2021_sample_with_the_substitute_listed_twice() {
        // Another parser's reading: one entry as ersättare, one as tjänstgörande ersättare.
        let mut p = itsam_2021_11_18();
        p.participants.retain(|x| x.name != "Christer Segerstéen");
        p.participants.push(person(
            "Christer Segerstéen",
            Ersattare,
            Some("ersättare"),
            Some("Kinda kommun"),
            Some("§§ 59-62"),
        ));
        p.participants.push(person(
            "Christer Segerstéen",
            Beslutande,
            Some("tjänstgörande ersättare"),
            Some("Kinda kommun"),
            Some("§§ 62-67"),
        ));
        let seats: Vec<_> = check_protocol(&p, &CheckContext::default())
            .into_iter()
            .filter(|f| f.rule == Rule::SeatServedTwice)
            .map(|f| f.paragraph)
            .collect();
        assert_eq!(seats, vec![Some(62)]);
    }

    #[test]
    fn a_substitute_for_a_named_member_clashes_only_where_both_serve() {
        // Lomma BUN 2024-05-14: Eneström from § 27, Cronsjö for him in §§ 25-26: no clash.
        let mut p = protocol("Barn- och utbildningsnämnden", d(2024, 5, 14), (25, 30));
        p.layout = "sammantradesprotokoll".into();
        p.justering.date = Some(d(2024, 5, 21));
        p.notice.posted = Some(d(2024, 5, 23));
        p.notice.removal = Some(d(2024, 6, 14));
        let mut members: Vec<Participant> = [
            "Fredrik Karström",
            "Lena Wahlgren",
            "Jonna Tingberg",
            "Leslie Qvandrup",
            "Marcus Magnusson",
        ]
        .iter()
        .map(|n| {
            let mut x = person(n, Beslutande, Some("ledamot"), None, None);
            x.party = Some("M".into()); // several members share a party: not a seat
            x
        })
        .collect();
        members.push(person(
            "Thomas Eneström",
            Beslutande,
            Some("2:e vice ordförande"),
            None,
            Some("fr o m § 27"),
        ));
        let mut cronsjo = person(
            "Camilla Cronsjö",
            Beslutande,
            Some("tjänstgörande ersättare"),
            None,
            Some("§§ 25-26"),
        );
        cronsjo.serves_for = Some("Thomas Eneström (S)".into());
        members.push(cronsjo);
        members.push(person(
            "Camilla Cronsjö",
            Ersattare,
            Some("ej tjänstgörande ersättare"),
            None,
            Some("fr om § 27"),
        ));
        p.participants = members.clone();
        assert_eq!(check_protocol(&p, &CheckContext::default()), vec![]);

        // Had Eneström served from § 26, § 26 would have two people on his seat.
        members[5].paragraphs = Some("fr o m § 26".into());
        p.participants = members;
        let findings = check_protocol(&p, &CheckContext::default());
        assert_eq!(
            rules(&findings),
            vec![(Severity::Error, "seat-served-twice", Some(26))]
        );
        assert!(
            findings[0].message.contains("Thomas Eneström"),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn an_insynsplats_never_serves() {
        // Itsam 2025-03-27 prints insynsplatser beside the ersättare; were one read as
        // beslutande, it must still neither count for beslutförhet nor take a seat.
        let mut p = itsam_2024_03_05();
        p.participants.push(person(
            "Gunilla Klint Armsköld",
            Beslutande,
            Some("insynsplats"),
            Some("Ydre kommun"),
            None,
        ));
        assert_eq!(check_protocol(&p, &CheckContext::default()), vec![]);
    }

    #[test]
    fn a_federation_with_two_members_per_kommun_is_not_read_by_kommun() {
        let mut p = itsam_2021_11_18();
        // A second ordinary member from Kinda: the one-seat-per-kommun reading is off, and a
        // substitute without "serves for" cannot be placed on a seat.
        p.participants.push(person(
            "Anna Kinda",
            Beslutande,
            Some("ledamot"),
            Some("Kinda kommun"),
            None,
        ));
        assert!(
            !check_protocol(&p, &CheckContext::default())
                .iter()
                .any(|f| f.rule == Rule::SeatServedTwice)
        );
    }

    #[test]
    fn the_lomma_kf_cover_range_disagrees_with_the_minutes() {
        let mut p = protocol("Kommunfullmäktige", d(2024, 9, 26), (103, 112));
        p.items
            .push(item(113, Some("Kommunfullmäktige beslutar ...")));
        p.justering.date = Some(d(2024, 10, 1));
        p.notice.posted = Some(d(2024, 10, 2));
        p.notice.removal = Some(d(2024, 10, 24));
        let findings = check_protocol(&p, &CheckContext::default());
        assert_eq!(
            rules(&findings),
            vec![(Severity::Warning, "paragraph-range-mismatch", Some(113))]
        );
        assert_eq!(
            findings[0].message,
            "Förstasidan anger §§ 103-112, men protokollet innehåller §§ 103-113."
        );
    }

    #[test]
    fn late_justering_and_early_take_down() {
        let mut p = protocol("Kommunstyrelsen", d(2024, 3, 5), (1, 3));
        p.justering.date = Some(d(2024, 3, 20)); // deadline Tuesday 19 March
        p.notice.posted = Some(d(2024, 3, 21));
        p.notice.removal = Some(d(2024, 4, 10)); // appeal runs to Thursday 11 April
        let findings = check_protocol(&p, &CheckContext::default());
        assert_eq!(
            rules(&findings),
            vec![
                (Severity::Error, "justering-late", None),
                (Severity::Error, "notice-removed-early", None),
            ]
        );
        assert!(
            findings[0].message.contains("1 dag för sent"),
            "{}",
            findings[0].message
        );
        assert_eq!(findings[0].source, "KL 5 kap. 69 §, 6 kap. 35 §");
        // The take-down printed as the last day itself is accepted.
        p.notice.removal = Some(d(2024, 4, 11));
        assert_eq!(check_protocol(&p, &CheckContext::default()).len(), 1);
    }

    #[test]
    fn a_justering_on_the_moved_day_is_in_time() {
        // Meeting 10 December 2025: the 14th day is julafton, so Monday 29 December is in time,
        // and the notice on Friday 2 January 2026 too (31 December and 1 January skipped).
        let mut p = protocol("Socialnämnden", d(2025, 12, 10), (1, 2));
        p.justering.date = Some(d(2025, 12, 29));
        p.notice.posted = Some(d(2026, 1, 2));
        p.notice.removal = Some(d(2026, 1, 23));
        assert_eq!(check_protocol(&p, &CheckContext::default()), vec![]);
        p.justering.date = Some(d(2025, 12, 30));
        assert_eq!(
            rules(&check_protocol(&p, &CheckContext::default())),
            vec![(Severity::Error, "justering-late", None)]
        );
    }

    #[test]
    fn a_notice_dated_before_the_justering_is_a_warning() {
        let mut p = protocol("Kommunstyrelsen", d(2024, 3, 5), (1, 1));
        p.justering.date = Some(d(2024, 3, 12));
        p.notice.posted = Some(d(2024, 3, 11));
        assert_eq!(
            rules(&check_protocol(&p, &CheckContext::default())),
            vec![(Severity::Warning, "notice-before-justering", None)]
        );
    }

    #[test]
    fn quorum_only_against_known_seats() {
        let mut p = itsam_2024_03_05();
        // Without Forsberg and two more, §§ 5-9 have 3 of 6 serving: not more than half.
        p.participants
            .retain(|x| !["Claes Sjökvist", "Thomas Lidberg"].contains(&x.name.as_str()));
        assert_eq!(check_protocol(&p, &CheckContext::default()), vec![]);
        let findings = check_protocol(
            &p,
            &CheckContext {
                seats: Some(6),
                ..CheckContext::default()
            },
        );
        assert_eq!(
            rules(&findings),
            (5..=9)
                .map(|n| (Severity::Error, "quorum-not-met", Some(n)))
                .collect::<Vec<_>>()
        );
        assert_eq!(findings[0].source, "KL 6 kap. 27 §");
        assert!(
            findings[0]
                .message
                .contains("3 av direktionens 6 ledamöter"),
            "{}",
            findings[0].message
        );
        // No attendance read at all: no quorum findings.
        p.participants.clear();
        assert_eq!(
            check_protocol(
                &p,
                &CheckContext {
                    seats: Some(6),
                    ..CheckContext::default()
                }
            ),
            vec![]
        );
        // Minutes recorded with nobody in the attendance: no paragraph had a quorum.
        let findings = check_protocol(
            &p,
            &CheckContext {
                seats: Some(6),
                recorded: true,
                ..CheckContext::default()
            },
        );
        assert!(
            findings
                .iter()
                .any(|f| f.rule == Rule::QuorumNotMet && f.message.contains("0 av direktionens 6")),
            "{findings:?}"
        );
    }

    #[test]
    fn a_decided_paragraph_without_decision_text() {
        let mut p = itsam_2024_03_05();
        p.items[2].decision = None; // an information item without decision: fine
        p.items[4].decision = None;
        p.items[4].motions.push(crate::protocol::ParsedMotion {
            kind: None,
            movers: vec!["Jacob Käll".into()],
            text: "bifall".into(),
        });
        assert_eq!(
            rules(&check_protocol(&p, &CheckContext::default())),
            vec![(Severity::Warning, "decision-missing", Some(5))]
        );
    }

    #[test]
    fn numbering_within_and_across_meetings() {
        let mut march = itsam_2024_03_05();
        march.items.swap(3, 4); // § 5 printed before § 4
        march.items.retain(|i| i.paragraph != 7);
        let findings = check_protocol(&march, &CheckContext::default());
        assert_eq!(
            rules(&findings),
            vec![
                (Severity::Info, "paragraph-sequence", Some(4)),
                (Severity::Info, "paragraph-gap", Some(7)),
            ]
        );

        let first = itsam_2024_03_05();
        let mut second = itsam_2024_03_05();
        second.meeting_date = d(2024, 4, 9);
        second.notice = ParsedNotice::default();
        second.signatures.clear();
        second.justering.date = Some(d(2024, 4, 12));
        second.paragraphs = Some(ParagraphRange {
            first: 12,
            last: 13,
        });
        second.items = vec![item(12, Some("beslut")), item(13, Some("beslut"))];
        let mut third = second.clone();
        third.meeting_date = d(2024, 5, 7);
        third.justering.date = Some(d(2024, 5, 8));
        third.paragraphs = Some(ParagraphRange {
            first: 13,
            last: 14,
        });
        third.items = vec![item(13, Some("beslut")), item(14, Some("beslut"))];
        // Next year starts again at § 1: no finding.
        let mut next_year = second.clone();
        next_year.meeting_date = d(2025, 1, 14);
        next_year.justering.date = Some(d(2025, 1, 15));
        next_year.paragraphs = Some(ParagraphRange { first: 1, last: 1 });
        next_year.items = vec![item(1, Some("beslut"))];
        let findings = check_protocols(&[third, first, next_year, second], None);
        assert_eq!(
            findings
                .iter()
                .map(|f| (f.meeting_date, f.rule.id(), f.paragraph))
                .collect::<Vec<_>>(),
            vec![
                (d(2024, 5, 7), "paragraph-sequence", Some(13)),
                (d(2024, 4, 9), "paragraph-gap", Some(12)),
            ]
        );
        assert!(
            findings[1].message.contains("§§ 10-11"),
            "{}",
            findings[1].message
        );
    }

    /// A number another meeting of the year holds is no gap: minutes of an earlier day
    /// recorded later carry the numbers between.
    #[test]
    fn numbers_held_by_another_meeting_of_the_year_are_no_gap() {
        let meeting = |date: NaiveDate, numbers: &[u32]| MeetingNumbers {
            meeting_date: date,
            paragraphs: numbers.to_vec(),
        };
        let mut april = itsam_2024_03_05();
        april.meeting_date = d(2024, 4, 9);
        april.items = vec![item(7, Some("beslut")), item(8, Some("beslut"))];
        april.paragraphs = Some(ParagraphRange { first: 7, last: 8 });
        let gaps = |others: Vec<MeetingNumbers>| {
            let context = CheckContext {
                other_meetings: others,
                ..CheckContext::default()
            };
            check_protocol(&april, &context)
                .into_iter()
                .filter(|f| f.rule == Rule::ParagraphGap)
                .map(|f| f.message)
                .collect::<Vec<_>>()
        };
        // March ended with § 4; February (recorded later) holds §§ 5-6: nothing is missing.
        assert!(
            gaps(vec![
                meeting(d(2024, 3, 5), &[3, 4]),
                meeting(d(2024, 2, 6), &[5, 6])
            ])
            .is_empty()
        );
        // Only § 5 held elsewhere: § 6 is missing, and said so.
        let said = gaps(vec![
            meeting(d(2024, 3, 5), &[3, 4]),
            meeting(d(2024, 2, 6), &[5]),
        ]);
        assert!(
            said.len() == 1 && said[0].contains("§ 6 finns inte"),
            "{said:?}"
        );
    }

    /// The yrkande recorded as adopted against the votering's result: a warning when it is the
    /// losing proposition's, nothing when it is the winner's.
    #[test]
    fn an_adopted_yrkande_that_lost_the_votering_is_a_warning() {
        let item = |adopted: usize, tie: Option<&str>| -> Item {
            let mut v = serde_json::json!({
                "paragraph": 5, "dnr": null, "title": "Budget",
                "decision": "Direktionen beslutar att fastställa budgeten.",
                "summary": null, "basis": [],
                "motions": [
                    {"movers": ["Anna"], "text": "Bifall till förslaget."},
                    {"movers": ["Eva"], "text": "Avslag"}
                ],
                "proposition_order": null, "vote": null, "reservations": [], "notes": [],
                "disqualifications": [], "dispatch": [], "sections": [],
                "adopted": adopted,
                "votering": {"ja": "bifall till förslaget", "nej": "avslag", "casts": [
                    {"name": "Anna", "choice": "ja"},
                    {"name": "Eva", "choice": "nej"}
                ]}
            });
            if let Some(t) = tie {
                v["votering"]["tie_break"] = serde_json::json!(t);
            }
            serde_json::from_value(v).unwrap()
        };
        let outcome = |i: Item| {
            let p = ParsedProtocol {
                items: vec![i],
                ..ParsedProtocol::new("Direktionen", d(2026, 3, 12))
            };
            check_protocol(&p, &CheckContext::default())
                .into_iter()
                .filter(|f| f.rule == Rule::VoteOutcome)
                .map(|f| (f.severity, f.paragraph))
                .collect::<Vec<_>>()
        };
        // 1–1, the chair's casting vote for nej: avslag won, bifall recorded as adopted.
        assert_eq!(
            outcome(item(0, Some("utslagsrost_nej"))),
            vec![(Severity::Warning, Some(5))]
        );
        assert!(outcome(item(1, Some("utslagsrost_nej"))).is_empty());
        assert!(outcome(item(0, Some("utslagsrost_ja"))).is_empty());
        // A tie not yet settled says nothing here (vote-count says it).
        assert!(outcome(item(0, None)).is_empty());
    }

    /// Minutes recorded in Kansli may not repeat a number the body used this year, before or
    /// after their meeting: the release stops there (two "§ 3" of one year would be public).
    #[test]
    fn a_recorded_number_used_this_year_stops_the_release() {
        let mut draft = itsam_2024_03_05();
        draft.items = vec![item(3, Some("beslut")), item(4, Some("beslut"))];
        draft.paragraphs = Some(ParagraphRange { first: 3, last: 4 });
        let context = |other: NaiveDate, paragraphs: Vec<u32>| CheckContext {
            recorded: true,
            other_meetings: vec![MeetingNumbers {
                meeting_date: other,
                paragraphs,
            }],
            ..CheckContext::default()
        };
        let numbering = |c: &CheckContext| {
            check_protocol(&draft, c)
                .into_iter()
                .filter(|f| f.rule == Rule::ParagraphSequence)
                .map(|f| (f.severity, f.paragraph, f.message))
                .collect::<Vec<_>>()
        };
        // A later meeting of the year holds §§ 3-6 already.
        let later = numbering(&context(d(2024, 4, 9), vec![3, 4, 5, 6]));
        assert_eq!(later.len(), 1, "{later:?}");
        assert_eq!((later[0].0, later[0].1), (Severity::Error, Some(3)));
        assert!(later[0].2.contains("§§ 3-4 finns redan"), "{later:?}");
        // An earlier one ended with § 3.
        let earlier = numbering(&context(d(2024, 2, 6), vec![1, 2, 3]));
        assert_eq!(earlier[0].0, Severity::Error, "{earlier:?}");
        // An earlier one ended with § 9: the numbering steps back, a warning only.
        let back = numbering(&context(d(2024, 2, 6), vec![8, 9]));
        assert_eq!(back[0].0, Severity::Warning, "{back:?}");
        // A later meeting with other numbers, or last year's: nothing.
        assert!(numbering(&context(d(2024, 4, 9), vec![5, 6])).is_empty());
        assert!(numbering(&context(d(2023, 4, 9), vec![3, 4])).is_empty());
    }

    #[test]
    fn the_same_meeting_twice_is_not_a_numbering_finding() {
        // `kansli check` over both the .txt and the .pdf of one meeting.
        let p = itsam_2024_03_05();
        assert_eq!(check_protocols(&[p.clone(), p], None), vec![]);
    }

    #[test]
    fn signatures_are_dated_in_swedish_time() {
        let t = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        assert_eq!(swedish_local_date(t("2024-03-08T22:59:59Z")), d(2024, 3, 8));
        assert_eq!(swedish_local_date(t("2024-03-08T23:00:00Z")), d(2024, 3, 9));
        assert_eq!(swedish_local_date(t("2024-06-01T21:59:00Z")), d(2024, 6, 1));
        assert_eq!(swedish_local_date(t("2024-06-01T22:00:00Z")), d(2024, 6, 2));
        // Summer time begins 31 March 2024 at 01:00 UTC and ends 27 October 2024 at 01:00 UTC.
        assert_eq!(
            swedish_local_date(t("2024-03-31T00:59:00Z")),
            d(2024, 3, 31)
        );
        assert_eq!(
            swedish_local_date(t("2024-10-26T22:30:00Z")),
            d(2024, 10, 27)
        );
        assert_eq!(
            swedish_local_date(t("2024-10-27T22:30:00Z")),
            d(2024, 10, 27)
        );
    }

    #[test]
    fn findings_serialise_to_the_cli_contract() {
        let findings = check_protocol(&itsam_2021_11_18(), &CheckContext::default());
        let json = serde_json::to_value(&findings[1]).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for key in [
            "severity",
            "rule",
            "source",
            "message",
            "body",
            "meeting_date",
            "paragraph",
        ] {
            assert!(keys.contains(&key), "{key} in {keys:?}");
        }
        assert_eq!(json["severity"], "error");
        assert_eq!(json["rule"], "notice-late");
        assert_eq!(json["meeting_date"], "2021-11-18");
        assert_eq!(json["paragraph"], serde_json::Value::Null);
        assert_eq!(serde_json::to_value(&findings[2]).unwrap()["paragraph"], 62);
    }

    #[test]
    fn serving_is_read_from_role_or_paragraphs() {
        assert!(mentions_serving("tjänstgörande ersättare"));
        assert!(!mentions_serving("ej tjänstgörande ersättare"));
        assert!(mentions_serving(
            "ersättare §§ 59-62, tjänstgörande ersättare §§ 62-67"
        ));
        assert_eq!(
            person_key("Eva Banheden Lindblad (M)"),
            "eva banheden lindblad"
        );
    }

    proptest::proptest! {
        #[test]
        fn checks_never_panic_on_odd_attendance(
            paragraphs in proptest::option::of("\\PC{0,24}"),
            role in proptest::option::of("\\PC{0,24}"),
            first in 0u32..200, len in 0u32..30, seats in proptest::option::of(0u32..60)
        ) {
            let mut p = protocol("Nämnden", d(2024, 1, 2), (first, first + len));
            p.participants = vec![
                person("A", Beslutande, role.as_deref(), Some("X kommun"), paragraphs.as_deref()),
                person("B", Ersattare, role.as_deref(), Some("X kommun"), paragraphs.as_deref()),
            ];
            let _ = check_protocol(&p, &CheckContext { seats, ..CheckContext::default() });
        }
    }
}
