//! The parsed protocol: what `kansli parse` reads out of one set of minutes.
//!
//! Its JSON form is a public contract that other tools read; the field names below are fixed
//! (more may be added, none renamed). Values are kept as printed where the printed text is the
//! evidence (names, titles, the Dnr's spelling) and typed where the meaning is exact (dates).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{Dnr, ParagraphRange};

/// One protocol as read from text or PDF, or recorded in Kansli.
///
/// As JSON (`kansli parse` output, `putMeetingRecord` input) only `body`, `meeting_date`,
/// `participants` and `items` must be there, and of an item only `paragraph` and `title`:
/// whatever else is left out is empty (an API client writes what it records, nothing more).
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
    #[serde(default)]
    pub justerare: Vec<String>,
    /// Place and date of justering.
    #[serde(default)]
    pub justering: ParsedJustering,
    /// The notice of justering (ANSLAG/BEVIS).
    #[serde(default)]
    pub notice: ParsedNotice,
    /// Everyone listed as present.
    pub participants: Vec<Participant>,
    /// Members recorded as absent, with the reason when given (recorded in Kansli; the parser
    /// does not read absences).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub absent: Vec<Absent>,
    /// Signatures from an e-signature page.
    #[serde(default)]
    pub signatures: Vec<ParsedSignature>,
    /// The paragraphs, in the order printed.
    pub items: Vec<Item>,
    /// The ärendelista as printed on the cover pages.
    #[serde(default)]
    pub agenda: Vec<AgendaEntry>,
    /// Titles of appendices (bilagor) found after the paragraphs.
    #[serde(default)]
    pub appendices: Vec<String>,
    /// Which layout family the parser recognised ("direktion", "sammantradesprotokoll", …).
    #[serde(default)]
    pub layout: String,
    /// What could not be read with confidence.
    #[serde(default)]
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
            absent: Vec::new(),
            signatures: Vec::new(),
            items: Vec::new(),
            agenda: Vec::new(),
            appendices: Vec::new(),
            layout: String::new(),
            warnings: Vec::new(),
            confidence: Default::default(),
        }
    }

    /// Whether this is a protokollsutdrag: the parser found an extract's heading
    /// ("Protokollsutdrag", "Utdrag ur protokoll") and said so with [`EXTRACT_WARNING`].
    pub fn is_extract(&self) -> bool {
        self.warnings.iter().any(|w| w == EXTRACT_WARNING)
    }

    /// The paragraphs of these minutes that were read from a protokollsutdrag rather than
    /// the full protocol (each marked with an [`EXTRACT_PARAGRAPH`] warning when merged).
    pub fn extract_paragraphs(&self) -> Vec<u32> {
        self.warnings
            .iter()
            .filter_map(|w| {
                w.strip_prefix("§ ")?
                    .strip_suffix(EXTRACT_PARAGRAPH)?
                    .parse()
                    .ok()
            })
            .collect()
    }

    /// Adds the paragraphs of `other` (minutes of the same meeting) whose numbers this protocol
    /// lacks, with their ärendelista rows, keeping every paragraph of its own: how an extract
    /// and the full protocol of one meeting become one record, the full protocol's text winning
    /// where both hold a paragraph. Items and agenda stay in paragraph order, one per number.
    /// When this protocol is not an extract, each paragraph added from an extract (or one
    /// `other` had from an extract) is marked with an [`EXTRACT_PARAGRAPH`] warning, so that
    /// a later reading of the full protocol keeps it too.
    pub fn merge_paragraphs_of(&mut self, other: &ParsedProtocol) {
        let from_extract = other.extract_paragraphs();
        let mut added = false;
        for item in &other.items {
            if !self.items.iter().any(|i| i.paragraph == item.paragraph) {
                self.items.push(item.clone());
                added = true;
                if !self.is_extract()
                    && (other.is_extract() || from_extract.contains(&item.paragraph))
                {
                    self.warnings
                        .push(format!("§ {}{EXTRACT_PARAGRAPH}", item.paragraph));
                }
            }
        }
        for entry in &other.agenda {
            if !self.agenda.iter().any(|e| e.paragraph == entry.paragraph) {
                self.agenda.push(entry.clone());
                added = true;
            }
        }
        if added {
            self.items.sort_by_key(|i| i.paragraph);
            self.agenda.sort_by_key(|e| e.paragraph);
        }
    }
}

/// The end of the warning that marks a paragraph of merged minutes as read from a
/// protokollsutdrag ("§ 12" and this): the full protocol did not hold it.
pub const EXTRACT_PARAGRAPH: &str = ": read from a protokollsutdrag, not the full protocol";

/// The warning with which the parser marks a protokollsutdrag: an extract holding some of a
/// meeting's paragraphs, which the store merges with the meeting's other minutes instead of
/// replacing them ([`ParsedProtocol::is_extract`]).
pub const EXTRACT_WARNING: &str =
    "protokollsutdrag: an extract of the meeting's minutes, not all of its paragraphs";

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

/// The role of a ledamot present who did not serve ("Ledamöter som inte tjänstgjorde"): listed
/// under [`ParticipantCategory::Ersattare`] (present, not beslutande), shown apart under
/// [`NOT_SERVING_MEMBERS_HEADING`]. A category of its own would need a fourth value in the
/// attendance table's CHECK constraint, so the role tells them apart.
pub const NOT_SERVING_MEMBER: &str = "ej tjänstgörande ledamot";

/// The heading members present but not serving are shown under.
pub const NOT_SERVING_MEMBERS_HEADING: &str = "Ej tjänstgörande ledamöter";

/// Whether a participant is a ledamot present who did not serve (see [`NOT_SERVING_MEMBER`]).
pub fn is_not_serving_member(p: &Participant) -> bool {
    p.category == ParticipantCategory::Ersattare && p.role.as_deref() == Some(NOT_SERVING_MEMBER)
}

/// The category a participant is listed under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ParticipantCategory {
    /// Beslutande (members and serving substitutes).
    #[serde(rename = "beslutande")]
    Beslutande,
    /// Present without deciding: ersättare who do not serve, and ledamöter who did not serve
    /// (role "ej tjänstgörande ledamot", from "Ledamöter som inte tjänstgjorde").
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
    /// The office as the minutes print it: "ordförande", "vice ordförande" (also "1:e vice
    /// ordförande", "2:e vice ordförande", "andre vice ordförande": kept as printed, so two
    /// vice chairs stay two offices), "ledamot", "tjänstgörande ersättare", "ersättare",
    /// "insynsplats", or a job title for övriga. The store files any office containing
    /// "vice ordförande" as a vice chair.
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

/// A member recorded as absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Absent {
    /// The name.
    pub name: String,
    /// Party abbreviation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// Why, when reported ("förhinder", "sjuk").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
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
    #[serde(default)]
    pub movers: Vec<String>,
    /// The recorded text.
    pub text: String,
    /// What kind of motion, when recorded in Kansli (the parser reads only the text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<MotionKind>,
}

/// The kind of a yrkande, as the secretary records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MotionKind {
    /// Bifall: to adopt the proposal.
    #[serde(rename = "bifall")]
    Bifall,
    /// Avslag: to reject it.
    #[serde(rename = "avslag")]
    Avslag,
    /// Ändringsyrkande: to change it.
    #[serde(rename = "ändring")]
    Andring,
    /// Tilläggsyrkande: to add to it.
    #[serde(rename = "tillägg")]
    Tillagg,
    /// Återremiss: to send the case back for more preparation.
    #[serde(rename = "återremiss")]
    Aterremiss,
    /// Bordläggning: to postpone it to a later meeting.
    #[serde(rename = "bordläggning")]
    Bordlaggning,
}

impl MotionKind {
    /// Every kind, in the order the UI offers them.
    pub const ALL: [MotionKind; 6] = [
        MotionKind::Bifall,
        MotionKind::Avslag,
        MotionKind::Andring,
        MotionKind::Tillagg,
        MotionKind::Aterremiss,
        MotionKind::Bordlaggning,
    ];

    /// The Swedish word, as in the JSON: "bifall", "ändring" ….
    pub fn as_str(self) -> &'static str {
        match self {
            MotionKind::Bifall => "bifall",
            MotionKind::Avslag => "avslag",
            MotionKind::Andring => "ändring",
            MotionKind::Tillagg => "tillägg",
            MotionKind::Aterremiss => "återremiss",
            MotionKind::Bordlaggning => "bordläggning",
        }
    }

    /// The kind named by its Swedish word (as [`MotionKind::as_str`] prints it).
    pub fn from_word(word: &str) -> Option<MotionKind> {
        MotionKind::ALL.into_iter().find(|k| k.as_str() == word)
    }
}

/// How one serving member voted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VoteChoice {
    /// Ja.
    #[serde(rename = "ja")]
    Ja,
    /// Nej.
    #[serde(rename = "nej")]
    Nej,
    /// Avstår.
    #[serde(rename = "avstår")]
    Avstar,
}

impl VoteChoice {
    /// "ja", "nej", "avstår".
    pub fn as_str(self) -> &'static str {
        match self {
            VoteChoice::Ja => "ja",
            VoteChoice::Nej => "nej",
            VoteChoice::Avstar => "avstår",
        }
    }

    /// The choice named by its Swedish word.
    pub fn from_word(word: &str) -> Option<VoteChoice> {
        [VoteChoice::Ja, VoteChoice::Nej, VoteChoice::Avstar]
            .into_iter()
            .find(|c| c.as_str() == word)
    }
}

/// One serving member's vote in a roll-call vote (votering med namnupprop).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CastVote {
    /// The member, as in the participants.
    pub name: String,
    /// Ja, nej or avstår.
    pub choice: VoteChoice,
}

/// How a tie was settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TieBreak {
    /// The chair's casting vote decided for ja (KL 5 kap. 55 §; nämnder 6 kap. 33 §).
    UtslagsrostJa,
    /// The chair's casting vote decided for nej.
    UtslagsrostNej,
    /// In an election, lots were drawn and ja won (KL 5 kap. 55 §).
    LottningJa,
    /// In an election, lots were drawn and nej won.
    LottningNej,
}

/// A votering as recorded live: the proposition order for the vote and every serving member's
/// vote. The counted result follows from the votes (see [`Votering::tally`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Votering {
    /// Ja-proposition: what a ja vote is for ("bifall till arbetsutskottets förslag").
    pub ja: String,
    /// Nej-proposition: what a nej vote is for.
    pub nej: String,
    /// Each serving member's vote, in the order called.
    pub casts: Vec<CastVote>,
    /// How a tie was settled, if the votes tied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tie_break: Option<TieBreak>,
}

impl Votering {
    /// (ja, nej, avstår) counted from the votes.
    pub fn tally(&self) -> (u32, u32, u32) {
        let count = |c: VoteChoice| self.casts.iter().filter(|v| v.choice == c).count() as u32;
        (
            count(VoteChoice::Ja),
            count(VoteChoice::Nej),
            count(VoteChoice::Avstar),
        )
    }

    /// Which side won: the majority of votes cast, or on a tie the recorded tie-break; `None`
    /// on a tie not yet settled.
    pub fn winner(&self) -> Option<VoteChoice> {
        let (ja, nej, _) = self.tally();
        match ja.cmp(&nej) {
            std::cmp::Ordering::Greater => Some(VoteChoice::Ja),
            std::cmp::Ordering::Less => Some(VoteChoice::Nej),
            std::cmp::Ordering::Equal => self.tie_break.map(|t| match t {
                TieBreak::UtslagsrostJa | TieBreak::LottningJa => VoteChoice::Ja,
                TieBreak::UtslagsrostNej | TieBreak::LottningNej => VoteChoice::Nej,
            }),
        }
    }

    /// The votering as the minutes print it (KL 5 kap. 66 §, 6 kap. 35 §: the result, and
    /// how each member voted in an open vote): the propositions, the result, then the votes by
    /// side, paragraphs separated by a blank line. The same text in the PDF, on the web and in
    /// the API. A proposition not known (a voting list read from minutes that do not state
    /// it) is left out rather than printed empty.
    pub fn printed(&self, body: &str) -> String {
        let mut out = String::from("Votering genomförs.");
        for (label, text) in [("Ja-proposition", &self.ja), ("Nej-proposition", &self.nej)] {
            let text = text.trim().trim_end_matches('.');
            if !text.is_empty() {
                out.push_str(&format!(" {label}: {text}."));
            }
        }
        out.push_str(&format!("\n\n{}", self.result_text(body)));
        for (choice, label) in [
            (VoteChoice::Ja, "Ja"),
            (VoteChoice::Nej, "Nej"),
            (VoteChoice::Avstar, "Avstår"),
        ] {
            let names: Vec<&str> = self
                .casts
                .iter()
                .filter(|c| c.choice == choice)
                .map(|c| c.name.trim())
                .collect();
            if !names.is_empty() {
                out.push_str(&format!(
                    "\n\n{label} ({}): {}",
                    names.len(),
                    names.join(", ")
                ));
            }
        }
        out
    }

    /// The result as the minutes print it: "Med 5 ja-röster mot 4 nej-röster, 1 avstår,
    /// beslutar … enligt ja-propositionen."
    pub fn result_text(&self, body: &str) -> String {
        let (ja, nej, avstar) = self.tally();
        let votes = |n: u32, side: &str| {
            if n == 1 {
                format!("1 {side}-röst")
            } else {
                format!("{n} {side}-röster")
            }
        };
        let abstained = if avstar > 0 {
            format!(", {avstar} avstår")
        } else {
            String::new()
        };
        let side = match self.winner() {
            Some(VoteChoice::Ja) => "ja-propositionen",
            Some(_) => "nej-propositionen",
            None => {
                return format!(
                    "{ja} ja-röster mot {nej} nej-röster{abstained}; lika röstetal, ej avgjort."
                );
            }
        };
        let how = match self.tie_break {
            Some(TieBreak::UtslagsrostJa | TieBreak::UtslagsrostNej) if ja == nej => {
                " efter ordförandens utslagsröst"
            }
            Some(TieBreak::LottningJa | TieBreak::LottningNej) if ja == nej => " efter lottning",
            _ => "",
        };
        format!(
            "Med {} mot {}{abstained} beslutar {} enligt {side}{how}.",
            votes(ja, "ja"),
            votes(nej, "nej"),
            crate::text::lower_first(body.trim())
        )
    }
}

/// What the secretary records about a paragraph beyond its printed sections; flattened into the
/// item's JSON. A parser's reading fills the votering, from a voting list printed with the
/// minutes (its propositions where the text states them), the disqualified, from a jäv whose
/// substitute the text names, and the omedelbar justering its decision declares; the adopted
/// motion it leaves to the secretary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRecording {
    /// Which of `motions` (by index from 0) the chair found adopted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted: Option<usize>,
    /// The votering, when one was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub votering: Option<Votering>,
    /// Members disqualified (jäv) in this paragraph, names as in the participants; they must
    /// not serve in it (KL 6 kap. 28 §; fullmäktige 5 kap. 47 §).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disqualified: Vec<String>,
    /// "Paragrafen förklaras omedelbart justerad" (KL 5 kap. 70 §, 6 kap. 35 §).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub immediately_justerad: bool,
}

impl ItemRecording {
    /// Whether nothing is recorded (a parser's reading).
    pub fn is_empty(&self) -> bool {
        self == &ItemRecording::default()
    }
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
    #[serde(default)]
    pub basis: Vec<String>,
    /// Yrkanden.
    #[serde(default)]
    pub motions: Vec<ParsedMotion>,
    /// Propositionsordning, as recorded.
    pub proposition_order: Option<String>,
    /// Omröstning, as recorded.
    pub vote: Option<String>,
    /// Reservationer, as recorded.
    #[serde(default)]
    pub reservations: Vec<String>,
    /// Protokollsanteckningar, as recorded.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Jäv, as recorded.
    #[serde(default)]
    pub disqualifications: Vec<String>,
    /// Recipients of the decision (Beslutsexpediering / Expedieras till).
    #[serde(default)]
    pub dispatch: Vec<String>,
    /// Other sections of the paragraph by heading ("Överläggning", "Ärendet" …), in order.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// What was recorded live in Kansli: adopted motion, votering, jäv, omedelbar justering.
    #[serde(flatten)]
    pub recorded: ItemRecording,
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
    /// The item's Dnr, parsed, if it has one that parses (as a Dnr by where it stood: see
    /// [`Dnr::parse_labelled`]).
    pub fn parsed_dnr(&self) -> Option<Dnr> {
        self.dnr
            .as_deref()
            .and_then(|d| Dnr::parse_labelled(d).ok())
    }

    /// The jäv as the minutes state it: the texts written, then a sentence for each member
    /// recorded as disqualified whom no text names (KL 6 kap. 28 §, 5 kap. 47 §).
    pub fn jav_statements(&self) -> Vec<String> {
        let mut jav = self.disqualifications.clone();
        for name in &self.recorded.disqualified {
            let name = name.trim();
            if !name.is_empty() && !jav.iter().any(|t| t.contains(name)) {
                jav.push(format!(
                    "{name} anmäler jäv och deltar inte i handläggningen av ärendet."
                ));
            }
        }
        jav
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_with_only_the_required_fields_reads() {
        let minimal: ParsedProtocol = serde_json::from_value(serde_json::json!({
            "body": "Direktionen",
            "meeting_date": "2026-03-12",
            "participants": [{"name": "Anna Berg", "category": "beslutande"}],
            "items": [{"paragraph": 1, "title": "Budget", "decision": "Bifall."}],
        }))
        .expect("a minimal record");
        assert_eq!(minimal.items[0].title, "Budget");
        assert!(minimal.justerare.is_empty() && minimal.items[0].motions.is_empty());
        assert_eq!(minimal.participants[0].party, None);
        assert_eq!(minimal.layout, "");
    }
}
