//! The parsed protocol: what `kansli parse` reads out of one set of minutes.
//!
//! Its JSON form is a public contract that other tools read; the field names below are fixed
//! (more may be added, none renamed). Values are kept as printed where the printed text is the
//! evidence (names, titles, the Dnr's spelling) and typed where the meaning is exact (dates).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{Dnr, ParagraphRange};

/// One protocol as read from text or PDF.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParsedProtocol {
    /// The authority (kommun, kommunalförbund, region), when the text names it.
    pub authority: Option<String>,
    /// The organ as the protocol names it: "Direktionen", "Kommunfullmäktige".
    pub body: String,
    /// The meeting's date.
    pub meeting_date: NaiveDate,
    /// 24h "HH:MM", if printed.
    pub start_time: Option<String>,
    /// 24h "HH:MM", if printed.
    pub end_time: Option<String>,
    /// Where the meeting was held.
    pub place: Option<String>,
    /// The paragraph range the cover states (or, without one, the paragraphs found).
    pub paragraphs: Option<ParagraphRange>,
    /// The chair who signs.
    pub chair: Option<String>,
    /// The secretary.
    pub secretary: Option<String>,
    /// The justerare, names only.
    pub justerare: Vec<String>,
    /// Place and date of justering.
    pub justering: ParsedJustering,
    /// The notice of justering (ANSLAG/BEVIS).
    pub notice: ParsedNotice,
    /// Everyone listed as present.
    pub participants: Vec<Participant>,
    /// Signatures from an e-signature page.
    pub signatures: Vec<ParsedSignature>,
    /// The paragraphs, in the order printed.
    pub items: Vec<Item>,
    /// The ärendelista as printed on the cover pages.
    pub agenda: Vec<AgendaEntry>,
    /// Titles of appendices (bilagor) found after the paragraphs.
    pub appendices: Vec<String>,
    /// Which layout family the parser recognised ("direktion", "sammantradesprotokoll", …).
    pub layout: String,
    /// What could not be read with confidence.
    pub warnings: Vec<String>,
    /// How sure the parser is of each field, 0–1, by the field's name in this contract
    /// (`body`, `chair`, `notice.posted`, `participants`, `items.decision` …): 1 read from its
    /// label, less when guessed or read with a warning, 0 not read. Empty for a protocol that
    /// was not read by the parser (recorded in Kansli, or from before the map existed).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub confidence: std::collections::BTreeMap<String, f32>,
}

impl ParsedProtocol {
    /// A protocol of `body`'s meeting on `meeting_date` with nothing else read yet: the start
    /// of a builder, and what tests fill in field by field.
    pub fn new(body: impl Into<String>, meeting_date: NaiveDate) -> ParsedProtocol {
        ParsedProtocol {
            authority: None,
            body: body.into(),
            meeting_date,
            start_time: None,
            end_time: None,
            place: None,
            paragraphs: None,
            chair: None,
            secretary: None,
            justerare: Vec::new(),
            justering: ParsedJustering::default(),
            notice: ParsedNotice::default(),
            participants: Vec::new(),
            signatures: Vec::new(),
            items: Vec::new(),
            agenda: Vec::new(),
            appendices: Vec::new(),
            layout: String::new(),
            warnings: Vec::new(),
            confidence: Default::default(),
        }
    }
}

/// Place and date of the justering.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedJustering {
    /// "Digitalt", "Kommunhuset".
    pub place: Option<String>,
    /// The date, if printed.
    pub date: Option<NaiveDate>,
}

/// The ANSLAG/BEVIS block.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedNotice {
    /// Datum då anslaget sätts upp.
    pub posted: Option<NaiveDate>,
    /// Datum då anslaget tas ned.
    pub removal: Option<NaiveDate>,
    /// Förvaringsplats för protokollet.
    pub kept_at: Option<String>,
}

/// The category a participant is listed under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ParticipantCategory {
    /// Beslutande (members and serving substitutes).
    #[serde(rename = "beslutande")]
    Beslutande,
    /// Ersättare who do not serve.
    #[serde(rename = "ersättare")]
    Ersattare,
    /// Övriga närvarande.
    #[serde(rename = "övriga")]
    Ovriga,
}

/// One person listed as present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// The name, without party or role.
    pub name: String,
    /// Beslutande, ersättare or övriga.
    pub category: ParticipantCategory,
    /// "ordförande", "vice ordförande", "ledamot", "tjänstgörande ersättare", "ersättare",
    /// "insynsplats", or a job title for övriga.
    pub role: Option<String>,
    /// The kommun or organisation represented.
    pub represents: Option<String>,
    /// Party abbreviation, e.g. "M".
    pub party: Option<String>,
    /// The paragraphs where this applies ("1-4"), or null for the whole meeting.
    pub paragraphs: Option<String>,
    /// For a serving substitute: whom they serve for ("Thomas Eneström (S)").
    pub serves_for: Option<String>,
}

/// A signature from an e-signature page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedSignature {
    /// The name as the signing service printed it.
    pub name: String,
    /// When, in UTC.
    pub signed_at: Option<DateTime<Utc>>,
}

/// One row of the ärendelista.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaEntry {
    /// The paragraph number.
    pub paragraph: u32,
    /// The Dnr as printed.
    pub dnr: Option<String>,
    /// The title.
    pub title: String,
    /// The page reference ("4 - 5"), if printed.
    pub pages: Option<String>,
}

/// A motion (yrkande) as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedMotion {
    /// Who moved it, names only.
    pub movers: Vec<String>,
    /// The recorded text.
    pub text: String,
}

/// One paragraph (§) of the minutes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// The paragraph number.
    pub paragraph: u32,
    /// The Dnr as printed, completed with the series from the ärendelista when the paragraph
    /// omits it (`Dnr 2024/25` → `ITSAM 2024/25`).
    pub dnr: Option<String>,
    /// The title.
    pub title: String,
    /// The full decision text; null when the paragraph has none.
    pub decision: Option<String>,
    /// Sammanfattning av ärendet / ärendebeskrivning.
    pub summary: Option<String>,
    /// Beslutsunderlag, one entry per document.
    pub basis: Vec<String>,
    /// Yrkanden.
    pub motions: Vec<ParsedMotion>,
    /// Propositionsordning, as recorded.
    pub proposition_order: Option<String>,
    /// Omröstning, as recorded.
    pub vote: Option<String>,
    /// Reservationer, as recorded.
    pub reservations: Vec<String>,
    /// Protokollsanteckningar, as recorded.
    pub notes: Vec<String>,
    /// Jäv, as recorded.
    pub disqualifications: Vec<String>,
    /// Recipients of the decision (Beslutsexpediering / Expedieras till).
    pub dispatch: Vec<String>,
    /// Other sections of the paragraph by heading ("Överläggning", "Ärendet" …), in order.
    pub sections: Vec<Section>,
}

/// A headed section of a paragraph that has no field of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The heading as printed.
    pub heading: String,
    /// The text under it.
    pub text: String,
}

impl Item {
    /// The item's Dnr, parsed, if it has one that parses.
    pub fn parsed_dnr(&self) -> Option<Dnr> {
        self.dnr.as_deref().and_then(|d| Dnr::parse(d).ok())
    }
}
