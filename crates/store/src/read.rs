//! The read models: what the archive shows, as plain serialisable structs, and the queries that
//! fill them.
//!
//! The server renders these into HTML and JSON as they are; it never writes SQL. Every lookup
//! goes by the stable, human-readable keys that appear in URLs (authority slug, body slug,
//! meeting slug, paragraph number, Dnr key, file SHA-256). "Not found" is `Ok(None)`.

use crate::conn::Db;

use chrono::{DateTime, NaiveDate, Utc};
use kansli_core::Dnr;
use serde::Serialize;
use sqlx::Row;

use crate::error::DbContext;
use crate::files;
use crate::sql::{Columns, date, instant, int, opt_date, opt_int, opt_text, query_rows, text};
use crate::{Store, StoreError};

/// An authority as a link: enough to name it and build its URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuthorityRef {
    /// URL segment: `kommunalforbundet-itsam`.
    pub slug: String,
    /// The name as written: "Kommunalförbundet Itsam".
    pub name: String,
    /// `kommun`, `kommunalforbund`, `region` or `other` (as `kansli_core::organisation::AuthorityKind`).
    pub kind: String,
}

/// A body as a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BodyRef {
    /// URL segment within the authority: `direktionen`.
    pub slug: String,
    /// The name the minutes use: "Direktionen".
    pub name: String,
    /// `fullmaktige`, `styrelse`, `namnd`, `gemensam_namnd`, `direktion`, `utskott`, `beredning`
    /// or `other` (as `kansli_core::organisation::BodyKind`).
    pub kind: String,
}

/// One authority in the list of all authorities, with counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuthoritySummary {
    /// The authority.
    #[serde(flatten)]
    pub authority: AuthorityRef,
    /// How many bodies it has.
    pub body_count: i64,
    /// How many meetings of its bodies are stored.
    pub meeting_count: i64,
    /// How many paragraphs are stored.
    pub paragraph_count: i64,
    /// The earliest stored meeting.
    pub first_meeting: Option<NaiveDate>,
    /// The latest stored meeting.
    pub last_meeting: Option<NaiveDate>,
}

/// One body of an authority, with counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BodySummary {
    /// The body.
    #[serde(flatten)]
    pub body: BodyRef,
    /// Ordinary seats, when known (never guessed from minutes).
    pub seats: Option<i64>,
    /// How many meetings are stored.
    pub meeting_count: i64,
    /// How many paragraphs are stored.
    pub paragraph_count: i64,
    /// The earliest stored meeting.
    pub first_meeting: Option<NaiveDate>,
    /// The latest stored meeting.
    pub last_meeting: Option<NaiveDate>,
}

/// An authority's page: the authority and its bodies (by name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuthorityView {
    /// The authority with its counts.
    #[serde(flatten)]
    pub authority: AuthoritySummary,
    /// Its bodies, sorted by name.
    pub bodies: Vec<BodySummary>,
}

/// A meeting in a list: the body's year page, the start page's latest meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingSummary {
    /// The authority.
    pub authority: AuthorityRef,
    /// The body that met.
    pub body: BodyRef,
    /// URL segment within the body: `2024-03-05` (`2024-03-05-2` for a second meeting that day).
    pub slug: String,
    /// The day.
    pub date: NaiveDate,
    /// "HH:MM", if known.
    pub start_time: Option<String>,
    /// "HH:MM", if known.
    pub end_time: Option<String>,
    /// Where.
    pub place: Option<String>,
    /// First paragraph number of the minutes.
    pub paragraph_first: Option<i64>,
    /// Last paragraph number of the minutes.
    pub paragraph_last: Option<i64>,
    /// How many paragraphs the minutes hold.
    pub paragraph_count: i64,
    /// The minutes' state: `draft`, `released`, `justerad`, `posted` (`None`: no minutes yet).
    pub minutes_state: Option<String>,
    /// The meeting's status in the year's plan and its minutes' state whatever it is, for
    /// [`MeetingSummary::state`] (not part of the API).
    #[serde(skip)]
    pub plan: MeetingPlan,
}

/// What a meeting's state is made from besides today's date: its status in the year's plan
/// (`planned`, `held`, `cancelled`) and the state of its minutes, public or not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingPlan {
    /// `planned`, `held` or `cancelled`.
    pub status: String,
    /// The minutes' state, public or not (`None`: no minutes kept).
    pub minutes: Option<kansli_core::record::MinutesState>,
}

impl MeetingPlan {
    /// From a row of `MEETING_SUMMARY`.
    fn of(row: &impl Columns) -> Result<MeetingPlan, StoreError> {
        Ok(MeetingPlan {
            status: text(row, "plan_status")?,
            minutes: opt_text(row, "kept_state")?
                .as_deref()
                .and_then(kansli_core::record::MinutesState::parse),
        })
    }
}

impl MeetingSummary {
    /// Where the meeting stands on `today` (planned, cancelled, held, justerat).
    pub fn state(&self, today: NaiveDate) -> kansli_core::record::MeetingState {
        kansli_core::record::MeetingState::of(
            &self.plan.status,
            self.plan.minutes,
            self.date,
            today,
        )
    }
}

/// How many meetings a body held in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearCount {
    /// The calendar year.
    pub year: i32,
    /// Meetings stored for it.
    pub meetings: i64,
}

/// A body's page: the years with meetings and one page of one year's meetings, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BodyMeetings {
    /// The authority.
    pub authority: AuthorityRef,
    /// The body with its counts.
    pub body: BodySummary,
    /// Every year with meetings, newest first.
    pub years: Vec<YearCount>,
    /// The year shown (the newest when none was asked for; `None` when there are no meetings).
    pub year: Option<i32>,
    /// Meetings of that year in total.
    pub total: i64,
    /// The paging offset used.
    pub offset: u32,
    /// The paging limit used.
    pub limit: u32,
    /// The meetings of this page, newest first.
    pub meetings: Vec<MeetingSummary>,
}

/// The justering's place and date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JusteringView {
    /// "Digitalt", "Kommunhuset".
    pub place: Option<String>,
    /// The day, if known.
    pub date: Option<NaiveDate>,
}

/// A notice of justering on one anslagstavla.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoticeView {
    /// Which anslagstavla (the authority's name), when known.
    pub board: Option<String>,
    /// Day it went up.
    pub posted: Option<NaiveDate>,
    /// Day it comes down.
    pub removal: Option<NaiveDate>,
    /// Where the minutes are kept.
    pub kept_at: Option<String>,
}

/// One signature of the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignatureView {
    /// Who signed.
    pub name: String,
    /// In which capacity, when known.
    pub role: Option<String>,
    /// When, in UTC.
    pub signed_at: Option<DateTime<Utc>>,
}

/// The header of a meeting's minutes: everything above the paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingHeader {
    /// The authority.
    pub authority: AuthorityRef,
    /// The body that met.
    pub body: BodyRef,
    /// URL segment within the body.
    pub slug: String,
    /// The day.
    pub date: NaiveDate,
    /// "HH:MM", if known.
    pub start_time: Option<String>,
    /// "HH:MM", if known.
    pub end_time: Option<String>,
    /// Where.
    pub place: Option<String>,
    /// First paragraph number as the cover states it (or as found).
    pub paragraph_first: Option<i64>,
    /// Last paragraph number.
    pub paragraph_last: Option<i64>,
    /// The minutes' state: `draft`, `released`, `justerad`, `posted`; `planned` when the meeting
    /// has no minutes yet.
    pub state: String,
    /// The chair who signs.
    pub chair: Option<String>,
    /// The secretary.
    pub secretary: Option<String>,
    /// The justerare, in printed order.
    pub justerare: Vec<String>,
    /// Place and date of justering.
    pub justering: JusteringView,
    /// Notices of justering (several for a gemensam nämnd).
    pub notices: Vec<NoticeView>,
    /// Signatures, in printed order.
    pub signatures: Vec<SignatureView>,
    /// In how many places this published copy is masked (personnummer, passages masked on a
    /// legal ground, names after avpublicering); 0 when it is the original as written.
    pub masked_places: i64,
    /// The meeting's status in the year's plan and its minutes' state whatever it is, for
    /// [`MeetingHeader::meeting_state`] (not part of the API).
    #[serde(skip)]
    pub plan: MeetingPlan,
}

impl MeetingHeader {
    /// Where the meeting stands on `today` (planned, cancelled, held, justerat).
    pub fn meeting_state(&self, today: NaiveDate) -> kansli_core::record::MeetingState {
        kansli_core::record::MeetingState::of(
            &self.plan.status,
            self.plan.minutes,
            self.date,
            today,
        )
    }
}

/// One person listed as present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParticipantView {
    /// The name.
    pub name: String,
    /// `beslutande`, `ersättare` or `övriga` (as in the parse contract).
    pub category: String,
    /// The role as printed.
    pub role: Option<String>,
    /// Party abbreviation.
    pub party: Option<String>,
    /// The kommun or organisation represented.
    pub represents: Option<String>,
    /// The paragraphs where this applies ("1-4"); `None` for the whole meeting.
    pub paragraphs: Option<String>,
    /// For a serving substitute: whom they serve for.
    pub serves_for: Option<String>,
}

/// One row of the ärendelista.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaItemView {
    /// The paragraph number.
    pub paragraph: i64,
    /// The Dnr as printed.
    pub dnr: Option<String>,
    /// The case key (`ITSAM-2024-25`) when the Dnr parses; links to the case page.
    pub case_key: Option<String>,
    /// The title.
    pub title: String,
    /// The page reference, if printed.
    pub pages: Option<String>,
}

/// A motion (yrkande).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MotionView {
    /// Who moved it.
    pub movers: Vec<String>,
    /// The recorded text.
    pub text: String,
}

/// A headed section of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionView {
    /// The heading as printed.
    pub heading: String,
    /// The text under it.
    pub text: String,
}

/// One paragraph (§) in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParagraphView {
    /// The paragraph number (may repeat in bad input; `position` is unique).
    pub number: i64,
    /// The position within the minutes, from 0.
    pub position: i64,
    /// The Dnr as printed.
    pub dnr: Option<String>,
    /// The case key when the Dnr parses.
    pub case_key: Option<String>,
    /// The title.
    pub title: String,
    /// Sammanfattning / ärendebeskrivning.
    pub summary: Option<String>,
    /// The full decision text.
    pub decision: Option<String>,
    /// Beslutsunderlag.
    pub basis: Vec<String>,
    /// Yrkanden.
    pub motions: Vec<MotionView>,
    /// Propositionsordning, as recorded.
    pub proposition_order: Option<String>,
    /// Omröstning, as recorded.
    pub vote: Option<String>,
    /// Reservationer.
    pub reservations: Vec<String>,
    /// Protokollsanteckningar.
    pub notes: Vec<String>,
    /// Jäv.
    pub disqualifications: Vec<String>,
    /// Expediering: recipients.
    pub dispatch: Vec<String>,
    /// Other headed sections, in order.
    pub sections: Vec<SectionView>,
}

impl ParagraphView {
    /// The view of a record's paragraph at `position` (from 0) whose Dnr is the case
    /// `case_key`, in minutes of `body` (the subject of a votering's result).
    fn of_item(
        item: &kansli_core::protocol::Item,
        body: &str,
        position: i64,
        case_key: Option<String>,
    ) -> Self {
        ParagraphView {
            number: i64::from(item.paragraph),
            position,
            dnr: item.dnr.clone(),
            case_key,
            title: item.title.clone(),
            summary: item.summary.clone(),
            decision: item.decision.clone(),
            basis: item.basis.clone(),
            motions: item
                .motions
                .iter()
                .map(|m| MotionView {
                    movers: m.movers.clone(),
                    text: m.text.clone(),
                })
                .collect(),
            proposition_order: item.proposition_order.clone(),
            // A votering recorded live is printed as in the minutes' PDF: the result and
            // every member's vote (KL 5 kap. 66 §).
            // The secretary's own words on the vote, when written too, follow it.
            vote: match (&item.vote, &item.recorded.votering) {
                (Some(read), Some(votering)) => {
                    let printed = votering.printed(body);
                    Some(if read.trim().is_empty() || printed.contains(read.trim()) {
                        printed
                    } else {
                        format!("{printed}\n\n{}", read.trim())
                    })
                }
                (Some(read), None) => Some(read.clone()),
                (None, Some(votering)) => Some(votering.printed(body)),
                (None, None) => None,
            },
            reservations: item.reservations.clone(),
            notes: item.notes.clone(),
            disqualifications: item.jav_statements(),
            dispatch: item.dispatch.clone(),
            sections: item
                .sections
                .iter()
                .map(|x| SectionView {
                    heading: x.heading.clone(),
                    text: x.text.clone(),
                })
                .collect(),
        }
    }
}

/// A stored original file, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileInfo {
    /// Hex SHA-256 of the content; the download key.
    pub sha256: String,
    /// The file name it was imported under.
    pub name: String,
    /// Size in bytes.
    pub size: i64,
    /// `application/pdf`, `text/plain; charset=utf-8`, …
    pub media_type: String,
}

/// A meeting's minutes in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingView {
    /// Everything above the paragraphs.
    #[serde(flatten)]
    pub header: MeetingHeader,
    /// Who was present, in printed order.
    pub participants: Vec<ParticipantView>,
    /// The ärendelista.
    pub agenda: Vec<AgendaItemView>,
    /// Every paragraph, in printed order.
    pub paragraphs: Vec<ParagraphView>,
    /// Titles of appendices.
    pub appendices: Vec<String>,
    /// What the parser (or the store) could not read with confidence.
    pub warnings: Vec<String>,
    /// The original files this protocol was read from.
    pub files: Vec<FileInfo>,
}

/// A meeting's public minutes as the pages show them and as the law engine checks them
/// ([`Store::meeting_with_record`]).
#[derive(Debug, Clone)]
pub struct MeetingWithRecord {
    /// The minutes as shown, with the published copy's masks applied.
    pub view: MeetingView,
    /// The record as stored (the original, unmasked); `None` when the meeting has no public
    /// minutes.
    pub record: Option<crate::record::StoredMinutes>,
    /// The published copy's masks, for texts derived from the original (the law's findings).
    pub masks: kansli_core::redaction::Redactor,
}

/// One paragraph on its own page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParagraphPage {
    /// The meeting's header.
    pub meeting: MeetingHeader,
    /// The paragraph.
    pub paragraph: ParagraphView,
    /// The number of the paragraph before it in the minutes.
    pub prev: Option<i64>,
    /// The number of the paragraph after it in the minutes.
    pub next: Option<i64>,
    /// The rättelser made after the justering that concern it (naming it, or the whole
    /// minutes), oldest first.
    pub rattelser: Vec<crate::signing::Rattelse>,
    /// Justerad on its own (omedelbar justering) while the rest of the minutes is not yet:
    /// the meeting has no public minutes, and this paragraph has no neighbours.
    pub justerad_alone: bool,
}

/// One paragraph in which a case was handled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseParagraph {
    /// The body that handled it.
    pub body: BodyRef,
    /// The meeting's slug.
    pub meeting_slug: String,
    /// The meeting's day.
    pub meeting_date: NaiveDate,
    /// The paragraph number.
    pub number: i64,
    /// The Dnr as printed in that paragraph.
    pub dnr: Option<String>,
    /// The paragraph's title.
    pub title: String,
    /// The decision text.
    pub decision: Option<String>,
}

/// A case (ärende) with every paragraph in which it was handled, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseView {
    /// The authority whose diarium holds it.
    pub authority: AuthorityRef,
    /// The spelling-independent key: `ITSAM-2024-25`.
    pub key: String,
    /// The Dnr as first printed.
    pub dnr: String,
    /// Registry series, if any.
    pub series: Option<String>,
    /// Registration year.
    pub year: i64,
    /// Running number.
    pub number: i64,
    /// The case's title (the first paragraph title seen, until the diarium says otherwise).
    pub title: String,
    /// Every paragraph that handled it, by meeting date.
    pub paragraphs: Vec<CaseParagraph>,
}

/// A stored file with its bytes, for download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// Name, size, media type, hash.
    pub info: FileInfo,
    /// The content.
    pub bytes: Vec<u8>,
}

/// The columns naming a meeting's authority and body, and the meeting itself, for summaries.
const MEETING_SUMMARY: &str = "SELECT a.slug AS a_slug, a.name AS a_name, a.kind AS a_kind, \
     b.slug AS b_slug, b.name AS b_name, b.kind AS b_kind, \
     m.id AS meeting_id, m.slug AS m_slug, m.meeting_date, m.start_time, m.end_time, m.place, \
     mi.id AS minutes_id, mi.paragraph_first, mi.paragraph_last, mi.state, \
     m.status AS plan_status, (SELECT x.state FROM minutes x WHERE x.meeting_id = m.id) AS kept_state, \
     mi.chair, mi.secretary, mi.justering_place, mi.justering_date, \
     (SELECT COUNT(*) FROM paragraphs p WHERE p.minutes_id = mi.id) AS paragraph_count \
     FROM meetings m JOIN bodies b ON b.id = m.body_id JOIN authorities a ON a.id = b.authority_id \
     LEFT JOIN minutes mi ON mi.meeting_id = m.id AND mi.state IN ('justerad', 'posted')";

/// Counts and date span of an authority's meetings (`a`), summed from its bodies' summaries
/// (`crate::summaries`: kept by every write, so a page reads a few rows instead of counting).
const AUTHORITY_COUNTS: &str = "(SELECT COUNT(*) FROM bodies b WHERE b.authority_id = a.id) AS body_count, \
     (SELECT CAST(COALESCE(SUM(s.meeting_count), 0) AS BIGINT) FROM bodies b \
        JOIN body_summaries s ON s.body_id = b.id WHERE b.authority_id = a.id) AS meeting_count, \
     (SELECT CAST(COALESCE(SUM(s.paragraph_count), 0) AS BIGINT) FROM bodies b \
        JOIN body_summaries s ON s.body_id = b.id WHERE b.authority_id = a.id) AS paragraph_count, \
     (SELECT MIN(s.first_meeting) FROM bodies b \
        JOIN body_summaries s ON s.body_id = b.id WHERE b.authority_id = a.id) AS first_meeting, \
     (SELECT MAX(s.last_meeting) FROM bodies b \
        JOIN body_summaries s ON s.body_id = b.id WHERE b.authority_id = a.id) AS last_meeting";

/// Counts and date span of a body (`body`), from its summary (`LEFT JOIN body_summaries s`).
const BODY_COUNTS: &str = "COALESCE(s.meeting_count, 0) AS meeting_count, \
     COALESCE(s.paragraph_count, 0) AS paragraph_count, \
     s.first_meeting AS first_meeting, s.last_meeting AS last_meeting";

fn authority_ref(row: &impl Columns, prefix: &str) -> Result<AuthorityRef, StoreError> {
    Ok(AuthorityRef {
        slug: text(row, &format!("{prefix}slug"))?,
        name: text(row, &format!("{prefix}name"))?,
        kind: text(row, &format!("{prefix}kind"))?,
    })
}

fn body_ref(row: &impl Columns, prefix: &str) -> Result<BodyRef, StoreError> {
    Ok(BodyRef {
        slug: text(row, &format!("{prefix}slug"))?,
        name: text(row, &format!("{prefix}name"))?,
        kind: text(row, &format!("{prefix}kind"))?,
    })
}

fn authority_summary(row: &impl Columns) -> Result<AuthoritySummary, StoreError> {
    Ok(AuthoritySummary {
        authority: authority_ref(row, "")?,
        body_count: int(row, "body_count")?,
        meeting_count: int(row, "meeting_count")?,
        paragraph_count: int(row, "paragraph_count")?,
        first_meeting: opt_date(row, "first_meeting")?,
        last_meeting: opt_date(row, "last_meeting")?,
    })
}

fn body_summary(row: &impl Columns) -> Result<BodySummary, StoreError> {
    Ok(BodySummary {
        body: body_ref(row, "")?,
        seats: opt_int(row, "seats")?,
        meeting_count: int(row, "meeting_count")?,
        paragraph_count: int(row, "paragraph_count")?,
        first_meeting: opt_date(row, "first_meeting")?,
        last_meeting: opt_date(row, "last_meeting")?,
    })
}

fn meeting_summary(row: &impl Columns) -> Result<MeetingSummary, StoreError> {
    Ok(MeetingSummary {
        authority: authority_ref(row, "a_")?,
        body: body_ref(row, "b_")?,
        slug: text(row, "m_slug")?,
        date: date(row, "meeting_date")?,
        start_time: opt_text(row, "start_time")?,
        end_time: opt_text(row, "end_time")?,
        place: opt_text(row, "place")?,
        paragraph_first: opt_int(row, "paragraph_first")?,
        paragraph_last: opt_int(row, "paragraph_last")?,
        paragraph_count: int(row, "paragraph_count")?,
        minutes_state: opt_text(row, "state")?,
        plan: MeetingPlan::of(row)?,
    })
}

/// Masks the header of a published copy in place; returns in how many places.
fn redact_header(h: &mut MeetingHeader, r: &kansli_core::redaction::Redactor) -> usize {
    let mut n = r.apply_opt(&mut h.place)
        + r.apply_opt(&mut h.chair)
        + r.apply_opt(&mut h.secretary)
        + r.apply_all(&mut h.justerare)
        + r.apply_opt(&mut h.justering.place);
    for x in &mut h.notices {
        n += r.apply_opt(&mut x.kept_at);
    }
    for x in &mut h.signatures {
        n += r.apply_to(&mut x.name) + r.apply_opt(&mut x.role);
    }
    n
}

/// Masks one paragraph of a published copy in place; returns in how many places.
fn redact_paragraph(p: &mut ParagraphView, r: &kansli_core::redaction::Redactor) -> usize {
    // With the passages marked in this § (masked there only).
    let r = u32::try_from(p.number).map_or(std::borrow::Cow::Borrowed(r), |n| r.for_paragraph(n));
    let mut n = r.apply_to(&mut p.title)
        + r.apply_opt(&mut p.summary)
        + r.apply_opt(&mut p.decision)
        + r.apply_all(&mut p.basis)
        + r.apply_opt(&mut p.proposition_order)
        + r.apply_opt(&mut p.vote)
        + r.apply_all(&mut p.reservations)
        + r.apply_all(&mut p.notes)
        + r.apply_all(&mut p.disqualifications)
        + r.apply_all(&mut p.dispatch);
    for m in &mut p.motions {
        n += r.apply_all(&mut m.movers) + r.apply_to(&mut m.text);
    }
    for s in &mut p.sections {
        n += r.apply_to(&mut s.heading) + r.apply_to(&mut s.text);
    }
    n
}

/// Masks a meeting's published copy in place and counts the places in its header.
fn redact_meeting(v: &mut MeetingView, r: &kansli_core::redaction::Redactor) -> usize {
    let mut n = redact_header(&mut v.header, r)
        + r.apply_all(&mut v.appendices)
        + r.apply_all(&mut v.warnings);
    for x in &mut v.participants {
        n += r.apply_to(&mut x.name)
            + r.apply_opt(&mut x.role)
            + r.apply_opt(&mut x.represents)
            + r.apply_opt(&mut x.serves_for);
    }
    for x in &mut v.agenda {
        n += r.apply_to(&mut x.title);
    }
    for p in &mut v.paragraphs {
        n += redact_paragraph(p, r);
    }
    v.header.masked_places = i64::try_from(n).unwrap_or(i64::MAX);
    n
}

/// The case key for a key or any spelling of a Dnr.
fn normalise_case_key(raw: &str) -> String {
    Dnr::parse(raw)
        .map(|d| d.key())
        .unwrap_or_else(|_| raw.trim().to_uppercase())
}

impl Store {
    /// Every authority that has a meeting or a registry kept in Kansli (a configured Dnr
    /// format), by name, with counts. An authority only an import made, whose meetings were all
    /// moved elsewhere or removed, is not listed.
    pub async fn authorities(&self) -> Result<Vec<AuthoritySummary>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let sql = format!(
            "SELECT a.slug, a.name, a.kind, {AUTHORITY_COUNTS} \
             FROM authorities a \
             WHERE a.dnr_format IS NOT NULL OR EXISTS (SELECT 1 FROM body_summaries s \
                JOIN bodies b ON b.id = s.body_id WHERE b.authority_id = a.id AND s.meeting_count > 0) \
             ORDER BY a.name_folded"
        );
        query_rows(&mut conn, &sql, vec![], "reading the authorities")
            .await?
            .iter()
            .map(authority_summary)
            .collect()
    }

    /// One authority with its bodies.
    pub async fn authority(&self, authority: &str) -> Result<Option<AuthorityView>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let sql = format!(
            "SELECT a.id, a.slug, a.name, a.kind, {AUTHORITY_COUNTS} FROM authorities a WHERE a.slug = $1"
        );
        let found = query_rows(
            &mut conn,
            &sql,
            vec![authority.into()],
            "reading the authority",
        )
        .await?;
        let Some(row) = found.first() else {
            return Ok(None);
        };
        let id = int(row, "id")?;
        let summary = authority_summary(row)?;
        let sql = format!(
            "SELECT body.slug, body.name, body.kind, body.seats, {BODY_COUNTS} \
             FROM bodies body LEFT JOIN body_summaries s ON s.body_id = body.id \
             WHERE body.authority_id = $1 ORDER BY body.name_folded"
        );
        let bodies = query_rows(&mut conn, &sql, vec![id.into()], "reading the bodies")
            .await?
            .iter()
            .map(body_summary)
            .collect::<Result<_, _>>()?;
        Ok(Some(AuthorityView {
            authority: summary,
            bodies,
        }))
    }

    /// A body's meetings of one year (`None`: the newest year with meetings), newest first,
    /// `limit` from `offset`, with the years available and the year's total.
    pub async fn body_meetings(
        &self,
        authority: &str,
        body: &str,
        year: Option<i32>,
        offset: u32,
        limit: u32,
    ) -> Result<Option<BodyMeetings>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let sql = format!(
            "SELECT a.slug AS a_slug, a.name AS a_name, a.kind AS a_kind, body.id, body.slug, \
             body.name, body.kind, body.seats, {BODY_COUNTS} \
             FROM bodies body JOIN authorities a ON a.id = body.authority_id \
             LEFT JOIN body_summaries s ON s.body_id = body.id \
             WHERE a.slug = $1 AND body.slug = $2"
        );
        let found = query_rows(
            &mut conn,
            &sql,
            vec![authority.into(), body.into()],
            "reading the body",
        )
        .await?;
        let Some(row) = found.first() else {
            return Ok(None);
        };
        let body_id = int(row, "id")?;
        let authority_ref = authority_ref(row, "a_")?;
        let body_summary = body_summary(row)?;
        let years = query_rows(
            &mut conn,
            "SELECT year, meetings FROM body_years WHERE body_id = $1 ORDER BY year DESC",
            vec![body_id.into()],
            "reading the years of meetings",
        )
        .await?
        .iter()
        .map(|r| {
            let y = int(r, "year")?;
            Ok(YearCount {
                year: i32::try_from(y)
                    .map_err(|_| StoreError::Corrupt(format!("meeting year {y}")))?,
                meetings: int(r, "meetings")?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        let year = year.or_else(|| years.first().map(|y| y.year));
        let limit = limit.clamp(1, 1000);
        let (total, meetings) = match year {
            None => (0, Vec::new()),
            Some(y) => {
                let total = years.iter().find(|c| c.year == y).map_or(0, |c| c.meetings);
                let sql = format!(
                    "{MEETING_SUMMARY} WHERE m.body_id = $1 AND m.meeting_date >= $2 AND m.meeting_date < $3 \
                     ORDER BY m.meeting_date DESC, m.slug DESC LIMIT $4 OFFSET $5"
                );
                let list = query_rows(
                    &mut conn,
                    &sql,
                    vec![
                        body_id.into(),
                        format!("{y:04}-01-01").into(),
                        format!("{:04}-01-01", y + 1).into(),
                        i64::from(limit).into(),
                        i64::from(offset).into(),
                    ],
                    "reading the meetings of a year",
                )
                .await?
                .iter()
                .map(meeting_summary)
                .collect::<Result<_, _>>()?;
                (total, list)
            }
        };
        Ok(Some(BodyMeetings {
            authority: authority_ref,
            body: body_summary,
            years,
            year,
            total,
            offset,
            limit,
            meetings,
        }))
    }

    /// One meeting's minutes in full.
    pub async fn meeting(
        &self,
        authority: &str,
        body: &str,
        meeting: &str,
    ) -> Result<Option<MeetingView>, StoreError> {
        Ok(self
            .meeting_with_record(authority, body, meeting)
            .await?
            .map(|m| m.view))
    }

    /// One meeting's public minutes as the pages show them and as the law engine checks them,
    /// read once in one snapshot: the view is made from the record (the same rows), with
    /// what only the view has (case keys, the ärendelista as printed, every warning, the
    /// files) read beside it.
    pub async fn meeting_with_record(
        &self,
        authority: &str,
        body: &str,
        meeting: &str,
    ) -> Result<Option<MeetingWithRecord>, StoreError> {
        // One snapshot, so an import running beside us cannot mix two readings.
        let mut snapshot = self.snapshot().await?;
        let mut tx = snapshot.db();
        let Some((header, minutes_id)) = header(&mut tx, authority, body, meeting).await? else {
            return Ok(None);
        };
        let Some(minutes_id) = minutes_id else {
            return Ok(Some(MeetingWithRecord {
                view: MeetingView {
                    header,
                    participants: vec![],
                    agenda: vec![],
                    paragraphs: vec![],
                    appendices: vec![],
                    warnings: vec![],
                    files: vec![],
                },
                record: None,
                masks: kansli_core::redaction::Redactor::new(),
            }));
        };
        let (record, paragraphs) = public_record(&mut tx, minutes_id).await?;
        let participants = record
            .record
            .participants
            .iter()
            .map(|p| ParticipantView {
                name: p.name.clone(),
                category: crate::record::category_name(p.category).to_string(),
                role: p.role.clone(),
                party: p.party.clone(),
                represents: p.represents.clone(),
                paragraphs: p.paragraphs.clone(),
                serves_for: p.serves_for.clone(),
            })
            .collect();
        let agenda = record.printed_agenda.clone();
        let warnings = tx
            .rows(
                "SELECT message FROM minutes_warnings WHERE minutes_id = $1 ORDER BY position",
                vec![minutes_id.into()],
                "reading the warnings",
            )
            .await?
            .iter()
            .map(|r| text(r, "message"))
            .collect::<Result<_, _>>()?;
        let files = tx
            .rows(
                "SELECT f.sha256, ms.file_name, f.size, f.media_type FROM minutes_sources ms \
             JOIN stored_files f ON f.sha256 = ms.file_sha256 WHERE ms.minutes_id = $1 \
             ORDER BY ms.added_at, ms.file_name",
                vec![minutes_id.into()],
                "reading the source files",
            )
            .await?
            .iter()
            .map(|r| {
                Ok(FileInfo {
                    sha256: text(r, "sha256")?,
                    name: text(r, "file_name")?,
                    size: int(r, "size")?,
                    media_type: text(r, "media_type")?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        let masks = crate::redaction::redactor(&mut tx, minutes_id, self.today()).await?;
        let mut view = MeetingView {
            header,
            participants,
            agenda,
            paragraphs,
            appendices: record.record.appendices.clone(),
            warnings,
            files,
        };
        let masked = redact_meeting(&mut view, &masks);
        if masked > 0 {
            // The original file holds what is masked: the public reads the rendered copy.
            view.files.clear();
        }
        snapshot.finish().await?;
        Ok(Some(MeetingWithRecord {
            view,
            record: Some(record),
            masks,
        }))
    }

    /// One paragraph by number (the first with that number, should it repeat), with its
    /// meeting's header and the neighbouring numbers. Public once the minutes are justerade,
    /// or, before that, once the paragraph itself is justerad on its own (omedelbar
    /// justering, KL 5 kap. 70 §: its decision applies and its notice is up) — then alone,
    /// without neighbours, and with [`ParagraphPage::justerad_alone`] set.
    pub async fn paragraph(
        &self,
        authority: &str,
        body: &str,
        meeting: &str,
        number: i64,
    ) -> Result<Option<ParagraphPage>, StoreError> {
        let mut snapshot = self.snapshot().await?;
        let mut tx = snapshot.db();
        let Some((header, public_minutes)) = header(&mut tx, authority, body, meeting).await?
        else {
            return Ok(None);
        };
        let (minutes_id, justerad_alone) = match public_minutes {
            Some(id) => (id, false),
            None => {
                let found = tx
                    .rows(
                        "SELECT mi.id FROM minutes mi JOIN meetings m ON m.id = mi.meeting_id \
                         JOIN bodies b ON b.id = m.body_id \
                         JOIN authorities a ON a.id = b.authority_id \
                         JOIN paragraph_justeringar pj ON pj.minutes_id = mi.id \
                         WHERE a.slug = $1 AND b.slug = $2 AND m.slug = $3 \
                         AND pj.paragraph = $4 AND mi.state = 'released'",
                        vec![authority.into(), body.into(), meeting.into(), number.into()],
                        "looking for an omedelbart justerad paragraph",
                    )
                    .await?;
                match found.first() {
                    Some(row) => (int(row, "id")?, true),
                    None => return Ok(None),
                }
            }
        };
        // The view is made from the record, as the meeting page's (one way to a paragraph's
        // view); bounded by one meeting's minutes.
        let (_, mut paragraphs) = if justerad_alone {
            minutes_record(&mut tx, minutes_id, false).await?
        } else {
            public_record(&mut tx, minutes_id).await?
        };
        if justerad_alone {
            paragraphs.retain(|p| p.number == number);
        }
        let Some(at) = paragraphs.iter().position(|p| p.number == number) else {
            return Ok(None);
        };
        let prev = at.checked_sub(1).map(|i| paragraphs[i].number);
        let next = paragraphs.get(at + 1).map(|p| p.number);
        let paragraph = paragraphs.swap_remove(at);
        let rattelser =
            crate::signing::rattelser_of_paragraph(&mut tx, minutes_id, paragraph.number).await?;
        let redactor = crate::redaction::redactor(&mut tx, minutes_id, self.today()).await?;
        let (mut header, mut paragraph) = (header, paragraph);
        let masked =
            redact_header(&mut header, &redactor) + redact_paragraph(&mut paragraph, &redactor);
        header.masked_places = i64::try_from(masked).unwrap_or(i64::MAX);
        snapshot.finish().await?;
        Ok(Some(ParagraphPage {
            meeting: header,
            paragraph,
            prev,
            next,
            rattelser,
            justerad_alone,
        }))
    }

    /// One case by its key (`ITSAM-2024-25`; any spelling of the Dnr is accepted).
    pub async fn case(&self, authority: &str, key: &str) -> Result<Option<CaseView>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let found = query_rows(
            &mut conn,
            "SELECT c.id, c.dnr_key, c.dnr_printed, c.series, c.year, c.number, c.title, \
             a.slug, a.name, a.kind FROM cases c JOIN authorities a ON a.id = c.authority_id \
             WHERE a.slug = $1 AND c.dnr_key = $2",
            vec![authority.into(), normalise_case_key(key).into()],
            "looking up the case",
        )
        .await?;
        let Some(row) = found.first() else {
            return Ok(None);
        };
        let case_id = int(row, "id")?;
        let paragraphs = query_rows(
            &mut conn,
            "SELECT b.slug AS b_slug, b.name AS b_name, b.kind AS b_kind, m.slug AS m_slug, \
             m.meeting_date, p.number, p.dnr_printed, p.title, p.decision, mi.id AS minutes_id \
             FROM paragraphs p JOIN minutes mi ON mi.id = p.minutes_id \
             JOIN meetings m ON m.id = mi.meeting_id JOIN bodies b ON b.id = m.body_id \
             WHERE p.case_id = $1 AND mi.state IN ('justerad', 'posted') ORDER BY m.meeting_date, m.slug, p.position",
            vec![case_id.into()],
            "reading the paragraphs of a case",
        )
        .await?
        .iter()
        .map(|r| {
            Ok((int(r, "minutes_id")?, CaseParagraph {
                body: body_ref(r, "b_")?,
                meeting_slug: text(r, "m_slug")?,
                meeting_date: date(r, "meeting_date")?,
                number: int(r, "number")?,
                dnr: opt_text(r, "dnr_printed")?,
                title: text(r, "title")?,
                decision: opt_text(r, "decision")?,
            }))
        })
        .collect::<Result<Vec<(i64, CaseParagraph)>, StoreError>>()?;
        let ids: Vec<i64> = paragraphs.iter().map(|(id, _)| *id).collect();
        let redactors =
            crate::redaction::redactors(&mut Db::Any(&mut conn), &ids, self.today()).await?;
        let paragraphs = paragraphs
            .into_iter()
            .map(|(id, mut p)| {
                if let Some(r) = redactors.get(&id) {
                    let r = u32::try_from(p.number)
                        .map_or(std::borrow::Cow::Borrowed(r), |n| r.for_paragraph(n));
                    r.apply_to(&mut p.title);
                    r.apply_opt(&mut p.decision);
                }
                p
            })
            .collect();
        Ok(Some(CaseView {
            authority: authority_ref(row, "")?,
            key: text(row, "dnr_key")?,
            dnr: text(row, "dnr_printed")?,
            series: opt_text(row, "series")?,
            year: int(row, "year")?,
            number: int(row, "number")?,
            title: text(row, "title")?,
            paragraphs,
        }))
    }

    /// The latest meetings across the archive, newest first (for the start page).
    pub async fn latest_meetings(&self, limit: u32) -> Result<Vec<MeetingSummary>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let sql = format!("{MEETING_SUMMARY} ORDER BY m.meeting_date DESC, m.id DESC LIMIT $1");
        query_rows(
            &mut conn,
            &sql,
            vec![i64::from(limit.clamp(1, 1000)).into()],
            "reading the latest meetings",
        )
        .await?
        .iter()
        .map(meeting_summary)
        .collect()
    }

    /// A published original by its hex SHA-256, with its bytes: the file of justerade (or
    /// posted) minutes, or the extract of paragraphs justerade on their own. Other stored files — a case's documents, confidential ones among them,
    /// and drafts' — are not public and are `None` here, whoever knows their hash.
    pub async fn file(&self, sha256: &str) -> Result<Option<StoredFile>, StoreError> {
        let sha256 = sha256.trim().to_ascii_lowercase();
        if !files::is_sha256(&sha256) {
            return Ok(None);
        }
        let row = sqlx::query(
            "SELECT sha256, original_name, size, media_type, content FROM stored_files \
             WHERE sha256 = $1 AND (EXISTS (SELECT 1 FROM minutes_sources ms \
             JOIN minutes mi ON mi.id = ms.minutes_id \
             WHERE ms.file_sha256 = stored_files.sha256 AND mi.state IN ('justerad', 'posted')) \
             OR EXISTS (SELECT 1 FROM paragraph_justeringar pj \
             WHERE pj.extract_sha256 = stored_files.sha256))",
        )
        .bind(sha256.clone())
        .fetch_optional(&self.pool)
        .await
        .db("looking up the stored file")?;
        let Some(row) = row else {
            return Ok(None);
        };
        // The original holds what the published copy masks: not for the public then. An
        // omedelbart justerad paragraph's extract holds that paragraph only, so only a mask
        // there withholds it (a secret handling in another § does not).
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let minutes = query_rows(
            &mut conn,
            "SELECT ms.minutes_id, CAST(NULL AS BIGINT) AS paragraph FROM minutes_sources ms \
             WHERE ms.file_sha256 = $1 \
             UNION SELECT pj.minutes_id, pj.paragraph FROM paragraph_justeringar pj \
             WHERE pj.extract_sha256 = $1",
            vec![sha256.as_str().into()],
            "reading which minutes a file is the original of",
        )
        .await?;
        let mut of: std::collections::BTreeMap<i64, Option<Vec<u32>>> = Default::default();
        for m in &minutes {
            let entry = of
                .entry(int(m, "minutes_id")?)
                .or_insert_with(|| Some(Vec::new()));
            match opt_int(m, "paragraph")?.and_then(|n| u32::try_from(n).ok()) {
                Some(n) => {
                    if let Some(list) = entry {
                        list.push(n);
                    }
                }
                // The whole minutes' original.
                None => *entry = None,
            }
        }
        for (minutes_id, paragraphs) in &of {
            if self
                .is_redacted(&mut conn, *minutes_id, paragraphs.as_deref())
                .await?
            {
                return Ok(None);
            }
        }
        drop(conn);
        let info = FileInfo {
            sha256: text(&row, "sha256")?,
            name: text(&row, "original_name")?,
            size: int(&row, "size")?,
            media_type: text(&row, "media_type")?,
        };
        let content = row
            .try_get::<Option<Vec<u8>>, _>("content")
            .db("reading the stored content")?;
        let bytes = match content {
            Some(bytes) => Some(bytes),
            // Imported before originals were kept in the database: the data directory.
            None => files::read(&self.data_dir, &sha256)?,
        };
        match bytes {
            Some(bytes) if files::sha256_hex(&bytes) != sha256 => {
                Err(StoreError::Corrupt(format!(
                    "the stored file {sha256} does not match its hash; import its original again"
                )))
            }
            Some(bytes) => Ok(Some(StoredFile { info, bytes })),
            None => Ok(None),
        }
    }
}

/// The header of a meeting by its URL keys, and its minutes' id if it has minutes.
async fn header(
    conn: &mut Db<'_>,
    authority: &str,
    body: &str,
    meeting: &str,
) -> Result<Option<(MeetingHeader, Option<i64>)>, StoreError> {
    let sql = format!("{MEETING_SUMMARY} WHERE a.slug = $1 AND b.slug = $2 AND m.slug = $3");
    let found = conn
        .rows(
            &sql,
            vec![authority.into(), body.into(), meeting.into()],
            "looking up the meeting",
        )
        .await?;
    let Some(row) = found.first() else {
        return Ok(None);
    };
    let minutes_id = opt_int(row, "minutes_id")?;
    let (mut justerare, mut notices, mut signatures) = (vec![], vec![], vec![]);
    if let Some(id) = minutes_id {
        // The three lists in one read (one round trip on PostgreSQL, not three), each padded
        // to the same text columns `t1…t4`.
        let rows = conn
            .rows(
                "SELECT 'justerare' AS kind, j.position AS position, j.name AS t1, \
                 CAST(NULL AS TEXT) AS t2, CAST(NULL AS TEXT) AS t3, CAST(NULL AS TEXT) AS t4 \
                 FROM justerare j WHERE j.minutes_id = $1 \
                 UNION ALL SELECT 'notice', n.position, COALESCE(n.board, a.name), n.posted, \
                 n.removal, n.kept_at FROM notices n \
                 LEFT JOIN authorities a ON a.id = n.board_authority_id WHERE n.minutes_id = $1 \
                 UNION ALL SELECT 'signature', s.position, s.name, s.role, s.signed_at, \
                 CAST(NULL AS TEXT) FROM signatures s WHERE s.minutes_id = $1 \
                 ORDER BY kind, position",
                vec![id.into()],
                "reading the justerare, notices and signatures",
            )
            .await?;
        for r in &rows {
            match text(r, "kind")?.as_str() {
                "justerare" => justerare.push(text(r, "t1")?),
                "notice" => notices.push(NoticeView {
                    board: opt_text(r, "t1")?,
                    posted: opt_date(r, "t2")?,
                    removal: opt_date(r, "t3")?,
                    kept_at: opt_text(r, "t4")?,
                }),
                "signature" => signatures.push(SignatureView {
                    name: text(r, "t1")?,
                    role: opt_text(r, "t2")?,
                    signed_at: opt_text(r, "t3")?
                        .map(|raw| instant(&raw, "signatures.signed_at"))
                        .transpose()?,
                }),
                other => {
                    return Err(StoreError::Corrupt(format!(
                        "a meeting's lists returned {other:?}"
                    )));
                }
            }
        }
    }
    let header = MeetingHeader {
        authority: authority_ref(row, "a_")?,
        body: body_ref(row, "b_")?,
        slug: text(row, "m_slug")?,
        date: date(row, "meeting_date")?,
        start_time: opt_text(row, "start_time")?,
        end_time: opt_text(row, "end_time")?,
        place: opt_text(row, "place")?,
        paragraph_first: opt_int(row, "paragraph_first")?,
        paragraph_last: opt_int(row, "paragraph_last")?,
        state: opt_text(row, "state")?.unwrap_or_else(|| "planned".to_string()),
        plan: MeetingPlan::of(row)?,
        chair: opt_text(row, "chair")?,
        secretary: opt_text(row, "secretary")?,
        justerare,
        justering: JusteringView {
            place: opt_text(row, "justering_place")?,
            date: opt_date(row, "justering_date")?,
        },
        notices,
        signatures,
        masked_places: 0,
    };
    Ok(Some((header, minutes_id)))
}

/// The record of public minutes (`public_only`: justerade or posted) and the view of each of
/// its paragraphs, in printed order: the one way the meeting's and a paragraph's pages are
/// read. The record drops a jäv row without text (a recorded member's jäv is in
/// `recorded.disqualified`): an empty line says nothing, so no page shows one.
async fn public_record(
    tx: &mut Db<'_>,
    minutes_id: i64,
) -> Result<(crate::record::StoredMinutes, Vec<ParagraphView>), StoreError> {
    minutes_record(tx, minutes_id, true).await
}

/// The record of minutes and its paragraphs' views; `public_only`: only justerade or posted
/// minutes (else any state: for an omedelbart justerad paragraph, whose caller keeps only it).
async fn minutes_record(
    tx: &mut Db<'_>,
    minutes_id: i64,
    public_only: bool,
) -> Result<(crate::record::StoredMinutes, Vec<ParagraphView>), StoreError> {
    let record = crate::record::load(
        tx,
        &crate::record::RecordFilter {
            minutes_id,
            public_only,
            ..Default::default()
        },
    )
    .await?
    .into_iter()
    .next()
    .ok_or_else(|| {
        StoreError::Corrupt(format!("the public minutes {minutes_id} have no record"))
    })?;
    // One place (position and case key) per item, read with the paragraphs (`record::load`).
    let paragraphs = record
        .record
        .items
        .iter()
        .zip(&record.paragraph_places)
        .map(|(item, place)| {
            ParagraphView::of_item(
                item,
                &record.record.body,
                place.position,
                place.case_key.clone(),
            )
        })
        .collect();
    Ok((record, paragraphs))
}
