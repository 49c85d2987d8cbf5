//! The read models: what the archive shows, as plain serialisable structs, and the queries that
//! fill them.
//!
//! The server renders these into HTML and JSON as they are; it never writes SQL. Every lookup
//! goes by the stable, human-readable keys that appear in URLs (authority slug, body slug,
//! meeting slug, paragraph number, Dnr key, file SHA-256). "Not found" is `Ok(None)`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

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
    /// `draft`, `released`, `justerad` or `posted`.
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

impl Store {
    /// Every authority, by name, with counts.
    pub async fn authorities(&self) -> Result<Vec<AuthoritySummary>, StoreError> {
        Ok(Vec::new())
    }

    /// One authority with its bodies.
    pub async fn authority(&self, authority: &str) -> Result<Option<AuthorityView>, StoreError> {
        let _ = authority;
        Ok(None)
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
        let _ = (authority, body, year, offset, limit);
        Ok(None)
    }

    /// One meeting's minutes in full.
    pub async fn meeting(
        &self,
        authority: &str,
        body: &str,
        meeting: &str,
    ) -> Result<Option<MeetingView>, StoreError> {
        let _ = (authority, body, meeting);
        Ok(None)
    }

    /// One paragraph by number (the first with that number, should it repeat), with its
    /// meeting's header and the neighbouring numbers.
    pub async fn paragraph(
        &self,
        authority: &str,
        body: &str,
        meeting: &str,
        number: i64,
    ) -> Result<Option<ParagraphPage>, StoreError> {
        let _ = (authority, body, meeting, number);
        Ok(None)
    }

    /// One case by its key (`ITSAM-2024-25`; any spelling of the Dnr is accepted).
    pub async fn case(&self, authority: &str, key: &str) -> Result<Option<CaseView>, StoreError> {
        let _ = (authority, key);
        Ok(None)
    }

    /// The latest meetings across the archive, newest first (for the start page).
    pub async fn latest_meetings(&self, limit: u32) -> Result<Vec<MeetingSummary>, StoreError> {
        let _ = limit;
        Ok(Vec::new())
    }

    /// A stored original by its hex SHA-256, with its bytes.
    pub async fn file(&self, sha256: &str) -> Result<Option<StoredFile>, StoreError> {
        let _ = sha256;
        Ok(None)
    }
}
