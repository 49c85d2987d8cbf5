//! What an export is made of: plain data handed in by the caller (the CLI reads it from the
//! store), never read by this crate from a database or a clock.

use chrono::{DateTime, NaiveDate, Utc};

/// Who and when: the authority whose archive the package belongs to, the program that made it
/// and the moment it was made (the package's creation time everywhere it is stated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportContext {
    /// The authority (arkivbildaren): the package's ARCHIVIST agent and the ERMS's creator.
    pub authority: Authority,
    /// The program's name ("Kansli"), the METS CREATOR agent.
    pub software: String,
    /// The program's version ("0.1.0"), its note of type SOFTWARE VERSION.
    pub software_version: String,
    /// When the package is made (UTC; written as `YYYY-MM-DDTHH:MM:SSZ`).
    pub created: DateTime<Utc>,
}

/// An authority (kommun, kommunalförbund, region).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authority {
    /// The name as printed ("Kommunalförbundet Itsam").
    pub name: String,
    /// The slug (`kommunalforbundet-itsam`): part of every package's identifier, so only
    /// ASCII letters, digits, `-` and `_`.
    pub slug: String,
}

/// Which way a document went (handlingens riktning).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Inkommande: received by the authority.
    Incoming,
    /// Utgående: sent by the authority.
    Outgoing,
    /// Upprättad: drawn up and kept within the authority.
    Internal,
}

impl Direction {
    /// From the diarium's stored word (`incoming`, `outgoing`, `internal`); `None` for another.
    pub fn parse(word: &str) -> Option<Direction> {
        match word.trim() {
            "incoming" => Some(Direction::Incoming),
            "outgoing" => Some(Direction::Outgoing),
            "internal" => Some(Direction::Internal),
            _ => None,
        }
    }

    /// The diarium's word for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Incoming => "incoming",
            Direction::Outgoing => "outgoing",
            Direction::Internal => "internal",
        }
    }
}

/// A file to carry in the package, byte for byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataFile {
    /// The name it was stored under (kept in PREMIS `originalName` and the ERMS appendix; the
    /// package's own file name is made safe from it).
    pub original_name: String,
    /// Its media type (`application/pdf`, `text/plain; charset=utf-8`).
    pub media_type: String,
    /// When it was stored (the METS `CREATED` of the file).
    pub stored_at: DateTime<Utc>,
    /// The content.
    pub bytes: Vec<u8>,
}

/// A registered document (handling) of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDocument {
    /// The diarium's id of the document (the ERMS `systemIdentifier`).
    pub id: i64,
    /// The title.
    pub title: String,
    /// Incoming, outgoing or internal; `None` when the diarium does not say.
    pub direction: Option<Direction>,
    /// Whether it is secret (sekretess): exported all the same, and marked so.
    pub confidential: bool,
    /// The legal ground of the secrecy ("OSL 21 kap. 7 §"), when given.
    pub secrecy_ground: Option<String>,
    /// When it was registered.
    pub registered_at: DateTime<Utc>,
    /// The file.
    pub file: DataFile,
}

/// A paragraph of a meeting in which a case was handled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseHandling {
    /// The body's name ("Direktionen").
    pub body: String,
    /// The meeting's date.
    pub meeting_date: NaiveDate,
    /// The paragraph number.
    pub paragraph: i64,
    /// The paragraph's title.
    pub title: String,
    /// The decision, as recorded.
    pub decision: Option<String>,
    /// The protokollsutdrag of the paragraph (a PDF/A rendered from the minutes), when there
    /// is one to carry.
    pub extract: Option<DataFile>,
}

/// A closed case of the diarium with everything it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedCase {
    /// The Dnr as printed ("ITSAM 2026/1"): the ERMS `objectId`.
    pub dnr: String,
    /// The Dnr's key (`ITSAM-2026-1`): part of the package's identifier, so only ASCII
    /// letters, digits, `-` and `_`.
    pub key: String,
    /// The title.
    pub title: String,
    /// The handläggare.
    pub handler: Option<String>,
    /// When it was registered.
    pub registered_at: DateTime<Utc>,
    /// When it was closed.
    pub closed_at: DateTime<Utc>,
    /// Its documents, in registration order (confidential ones included).
    pub documents: Vec<CaseDocument>,
    /// Where it was handled, oldest first.
    pub handled: Vec<CaseHandling>,
}

/// A signature of the minutes, as the protocol's e-signature page gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The signer's name.
    pub name: String,
    /// Their role (ordförande, justerare), when known.
    pub role: Option<String>,
    /// When they signed, when known.
    pub signed_at: Option<DateTime<Utc>>,
}

/// A paragraph of the minutes that names a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesCase {
    /// The paragraph number.
    pub paragraph: i64,
    /// The Dnr as printed there.
    pub dnr: String,
    /// The paragraph's title.
    pub title: String,
}

/// Kansli's check of minutes signed in it, as the package records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureCheck {
    /// Whether the original is unchanged and every signature binds its signer to the
    /// record's content.
    pub valid: bool,
    /// What was wrong, in English (empty when valid).
    pub problems: Vec<String>,
}

/// Justerade minutes of a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JusteradMinutes {
    /// The body's name ("Direktionen").
    pub body: String,
    /// The body's slug: part of the package's identifier.
    pub body_slug: String,
    /// The meeting's slug (its date, `-2` for a second meeting that day): part of the
    /// package's identifier.
    pub meeting_slug: String,
    /// The meeting's date.
    pub meeting_date: NaiveDate,
    /// The first and last paragraph numbers.
    pub paragraphs: Option<(i64, i64)>,
    /// The chair (ordförande).
    pub chair: Option<String>,
    /// The secretary.
    pub secretary: Option<String>,
    /// The justerare.
    pub justerare: Vec<String>,
    /// The day of the justering.
    pub justering_date: Option<NaiveDate>,
    /// Where it was justerad ("Digitalt").
    pub justering_place: Option<String>,
    /// The signatures known.
    pub signatures: Vec<Signature>,
    /// What Kansli's check of the original found when the package was made: `Some` for
    /// minutes signed in Kansli (the seal and every signature against the record's content),
    /// `None` for minutes justerade outside Kansli, whose signatures are as printed.
    pub signature_check: Option<SignatureCheck>,
    /// The day the notice of justering was posted on the anslagstavla.
    pub notice_posted: Option<NaiveDate>,
    /// The protocol as signed: the stored original (PDF, or text for minutes imported as text).
    pub original: DataFile,
    /// The record as JSON: the parser's reading, in `kansli parse`'s shape.
    pub record_json: Vec<u8>,
    /// The cases its paragraphs handled.
    pub cases: Vec<MinutesCase>,
}
