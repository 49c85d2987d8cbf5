//! The lexicon: every printed variant of a label, heading and party mark the parser knows, as
//! data in one place. A new authority's wording is added here, not in the parsing code.
//!
//! Phrases are lowercase plain text (no regex syntax); a space matches any run of whitespace.
//! Within a label the longest phrase is tried first; between labels the order below decides
//! ("tjänstgörande ersättare" is tried before "ersättare").

use super::cover::Label;
use super::people::ListKind;

/// Labels of the cover (the first page's table and the ANSLAG/BEVIS block), in matching order.
pub(crate) const COVER_LABELS: &[(Label, &[&str])] = &[
    (
        Label::PlaceTime,
        &[
            "plats och tid",
            "tid och plats",
            "sammanträdets plats och tid",
            "tid och plats för sammanträdet",
            "datum, tid och plats",
            "tid, datum och plats",
            "plats, datum och tid",
        ],
    ),
    (
        Label::Justering,
        &[
            "justeringens plats och tid",
            "justeringens tid och plats",
            "justeringsdag och plats",
            "justeringsdag och tid",
            "justeringsdatum och plats",
            "plats och tid för justering",
            "tid och plats för justering",
            "justeringens plats",
            "justeringsdatum",
            "justeringens tid",
            "justeringens datum",
            "datum för justering",
            "justeringsdag",
            "justeringen",
            "justeringstid",
            "justering äger rum",
            "justeringen äger rum",
            "justeringen sker",
            "justering sker",
            "justeringens",
            "justering",
        ],
    ),
    (
        Label::DeputyJusterare,
        &[
            "ersättare för justerare",
            "ersättare för justeraren",
            "ersättare för justerande",
            "ersättande justerare",
            "ersättare justerare",
        ],
    ),
    (
        Label::Justerare,
        &[
            "utses att justera",
            "utsedd att justera",
            "utsedda att justera",
            "att justera",
            "protokollsjusterare",
            "protokolljusterare",
            "protokollsjusterande",
            "protokollet justeras av",
            "justeras av",
            "justerare",
            "justerande",
            "justeringspersoner",
            "justeringsperson",
        ],
    ),
    (
        Label::Posted,
        &[
            "datum då anslaget sätts upp",
            "datum då anslaget sattes upp",
            "datum då anslaget publiceras",
            "datum då anslaget publicerades",
            "anslaget sätts upp",
            "anslaget sattes upp",
            "anslaget uppsattes",
            "anslag uppsattes",
            "datum för justering och anslag",
            "tillkännagivande om justering",
            "tillkännagivande om justeringen",
            "anslaget har satts upp",
            "anslag har satts upp",
            "anslag sätts upp",
            "anslag sattes upp",
            "anslaget uppsatt",
            "anslag uppsatt",
            "datum för anslagets uppsättande",
            "datum för anslags uppsättande",
            "datum för anslagets publicering",
            "anslagsdatum",
            "datum för anslag",
            "anslagsdag",
            "publicerat",
            "publicerad",
            "uppsatt",
            "anslaget publicerat",
            "anslaget publiceras",
            "anslag publicerat",
            "anslag publiceras",
            "publicerat på anslagstavlan",
            "protokollet publicerat på anslagstavlan",
            "protokollet publicerat",
            "protokollet anslaget",
            "publiceringsdatum",
            "anslagets uppsättande",
            "anslags uppsättande",
            "datum för publicering",
            "datum för publiceringen",
            "datum för tillkännagivande",
            "justeringen tillkännagiven",
            // "Tillkännagivande av justering:   2025-03-18"
            "tillkännagivande av justering",
            "tillkännagivande av justeringen",
            "justeringens tillkännagivande",
            "justeringen tillkännagavs",
        ],
    ),
    (
        Label::Removal,
        &[
            "datum då anslaget tas ned",
            "datum då anslaget tas ner",
            "datum då anslaget avpubliceras",
            "datum då anslaget tas bort",
            "anslaget tas ned",
            "anslaget tas ner",
            "datum för anslagets nedtagande",
            "datum för anslags nedtagande",
            "anslaget nedtas",
            "anslaget nedtaget",
            "anslaget nertaget",
            "nedtaget",
            "nedtagen",
            "anslaget avpubliceras",
            "nedtagningsdatum",
            "datum för nedtagande av anslag",
            "datum för nedtagning av anslag",
            "datum för nedtagning av anslaget",
            "datum för nedtagning",
            "datum för nedtagande",
            "datum för nedtagandet",
            "nedtagande av anslag",
            "tas bort",
            "tas ned",
            "nedtas",
            "avpubliceras",
            "avpubliceringsdatum",
            "anslaget tas bort",
            "anslag tas ned",
            "anslag tas ner",
            "anslag nedtas",
            "anslag nedtaget",
            "anslag nertaget",
            "anslag avpubliceras",
            "anslag tas bort",
            "anslagets nedtagande",
            "anslags nedtagande",
            "datum för avpublicering",
            "datum för avpubliceringen",
            "anslaget avlägsnas",
            "anslaget avlägsnat",
            "anslag avlägsnas",
            "anslag avlägsnat",
        ],
    ),
    (
        Label::AppealDeadline,
        &[
            "sista dag för överklagande",
            "sista dag för överklagan",
            "sista dag att överklaga",
            "sista dagen för överklagande",
            "sista datum för överklagande",
            "överklagandetiden går ut",
        ],
    ),
    (
        Label::NoticePeriod,
        &[
            "anslagsperiod",
            "anslagstid",
            // "Anslag: 2025-10-20 -- 2025-11-11" (a value without two dates is no period)
            "anslag",
            // "Anslag fr.o.m. 2025-03-14 t.o.m. 2025-04-07"
            "anslag fr.o.m.",
            "anslag fr o m",
            "anslag från och med",
            "anslaget fr.o.m.",
            "anslaget från och med",
            "anslaget under tiden",
            "anslaget är uppsatt under tiden",
            // "Anslaget är uppsatt ⇥ under tiden 2025-02-19 -- 2025-03-13": the label's own
            // words end where the period's start, the dates after it
            "anslaget är uppsatt",
            "anslaget är publicerat",
            "anslaget har varit uppsatt",
            "anslaget publiceras under tiden",
            "tid för anslag",
        ],
    ),
    (
        Label::KeptAt,
        &[
            "förvaringsplats för protokollet",
            "protokollet förvaras",
            "protokollets förvaringsplats",
            "protokollets förvaring",
            "förvaringsplats",
            "förvaras hos",
            "förvaras på",
            "förvaras",
            "arkivplats",
            "arkiveringsplats",
        ],
    ),
    (
        Label::Organ,
        &[
            "beslutande organ",
            "organ",
            "nämnd",
            "beslutsinstans",
            "instans",
        ],
    ),
    (
        Label::List(ListKind::NotServingMembers),
        &[
            "ledamöter som inte tjänstgjorde",
            "ledamöter som ej tjänstgjorde",
            "ledamöter som inte tjänstgjort",
            "ledamöter som ej tjänstgjort",
            "ledamöter som inte tjänstgör",
            "ledamöter som ej tjänstgör",
            "ledamot som inte tjänstgjorde",
            "ledamot som ej tjänstgjorde",
            "närvarande ej tjänstgörande ledamöter",
            "ej tjänstgörande ledamöter",
            "icke tjänstgörande ledamöter",
            "inte tjänstgörande ledamöter",
            "ej tjänstgörande ledamot",
            "ej tjg ledamöter",
            "ej tjg. ledamöter",
        ],
    ),
    (
        Label::List(ListKind::Substitutes),
        &[
            "ej tjänstgörande ledamöter och ersättare",
            "närvarande ej tjänstgörande ersättare",
            "närvarande ersättare ej tjänstgörande",
            "närvarande icke tjänstgörande ersättare",
            "ersättare som inte tjänstgör",
            "ersättare som ej tjänstgör",
            "ersättare som inte tjänstgjorde",
            "ersättare som ej tjänstgjorde",
            "ej tjänstgörande ersättare",
            "icke tjänstgörande ersättare",
            "inte tjänstgörande ersättare",
            "ej beslutande ersättare",
            "icke beslutande ersättare",
            "ersättare/insynsplats",
            "närvarande ersättare",
            "närvarande ers.",
            "ej tjänstgörande ers.",
            "ej tjg ers.",
            "ej tjg. ers.",
            "övriga ersättare",
            // the label's own words in brackets or after a comma
            "ersättare (ej tjänstgörande)",
            "närvarande ersättare (ej tjänstgörande)",
            "närvarande ersättare, ej tjänstgörande",
            "ersättare (ej tjg)",
            "ersättare (ej tjg.)",
            "ersättare, ej tjänstgörande",
            "ersättare ej tjänstgörande",
            "ersättare, ej tjg",
            "ersättare ej tjg",
            "ej tjg ersättare",
            "ej tjg. ersättare",
            // a company board's substitutes (an aktiebolag's styrelse)
            "närvarande suppleanter",
            "närvarande styrelsesuppleanter",
            "styrelsesuppleanter",
            "suppleanter",
        ],
    ),
    (
        Label::List(ListKind::Observers),
        &[
            "insynsplatser",
            "insynsplats",
            "insynsrepresentanter",
            "insynsrepresentant",
            "närvarande med insynsplats",
        ],
    ),
    (
        Label::List(ListKind::Absent),
        &[
            "frånvarande ledamöter",
            "frånvarande",
            "ej närvarande ledamöter",
            "ej närvarande",
            "anmält förhinder",
            "förhinder",
        ],
    ),
    (
        Label::List(ListKind::ServingSubstitutes),
        &[
            "tjänstgörande ersättare",
            "ersättare som tjänstgör",
            "ersättare som tjänstgjorde",
            "beslutande ersättare",
            "tjänstgörande ers.",
            "tjg ers.",
            "tjg. ers.",
            "tjg ersättare",
            "tjänstgörande suppleanter",
            "tjänstgörande suppleant",
        ],
    ),
    (
        Label::List(ListKind::Members),
        &[
            "övriga ledamöter",
            "övriga beslutande",
            "beslutande ledamöter",
            "närvarande beslutande ledamöter",
            "närvarande beslutande",
            "närvarande ledamöter",
            "tjänstgörande ledamöter",
            // a company board's members (an aktiebolag's styrelse)
            "närvarande styrelseledamöter",
            "närvarande ordinarie ledamöter",
            "ordinarie ledamöter",
            "styrelseledamöter",
            "beslutande",
            "ledamöter",
        ],
    ),
    (Label::List(ListKind::Substitutes), &["ersättare"]),
    (
        Label::List(ListKind::Others),
        &[
            "dessutom närvarande",
            "dessutom deltog",
            "dessutom deltar",
            "även närvarande",
            "närvarande i övrigt",
            "närvarande från förvaltningen",
            "övriga närvarande tjänstepersoner",
            "övriga närvarande tjänstemän",
            "övriga närvarande",
            "övriga deltagare",
            "övriga deltagande",
            "närvarande tjänstepersoner",
            "närvarande tjänstemän",
            "tjänstepersoner",
            "tjänstemän",
            // present without a vote: adjungerade, the staff's and the young's representatives
            "adjungerade ledamöter",
            "adjungerade",
            "adjungerad",
            "närvarande personalföreträdare",
            "personalföreträdare",
            "personalrepresentanter",
            "fackliga företrädare",
            "fackliga representanter",
            "ungdomsrepresentanter",
            "ungdomsrepresentant",
            // the auditors' experts, at the revisorer's meetings
            "sakkunniga biträden",
            "sakkunnigt biträde",
            "sakkunniga",
            // the auditors present at a fullmäktige (at their own meetings they decide: the
            // parser reads the list as the members' there)
            "närvarande revisorer",
            "revisorer",
            "övriga",
        ],
    ),
    // "Närvarande: Anna Berg (S), ordf; …" — everyone who decides, after the longer
    // "närvarande …" labels of the other lists ("Närvarande tjänstemän") have been tried.
    // "Deltagare" likewise: everyone at the table, each one's role telling a substitute
    (
        Label::List(ListKind::Members),
        &[
            "närvarande",
            "deltagare",
            "närvarande deltagare",
            "mötesdeltagare",
        ],
    ),
    (
        Label::Range,
        &[
            "paragrafer",
            "paragraf",
            "paragrafnummer",
            "protokollet omfattar",
        ],
    ),
    (
        Label::Date,
        &[
            "sammanträdesdatum",
            "mötesdatum",
            "sammanträdesdag",
            "sammanträdesdagen",
            "datum",
        ],
    ),
    (
        Label::Place,
        &["plats", "sammanträdesplats", "mötesplats", "lokal"],
    ),
    (
        Label::Time,
        &[
            "tid",
            "tidpunkt",
            "sammanträdestid",
            "mötestid",
            "datum och tid",
            "tid och datum",
            "dag och tid",
            // "Sammanträde   Tisdagen den 12 mars 2024 kl. 13.00–15.30": the day and the times
            "sammanträde",
        ],
    ),
    (
        Label::ViceChair,
        &[
            "vice ordförande",
            "förste vice ordförande",
            "förste vice ordf",
            "andre vice ordförande",
            "andre vice ordf",
            "1:e vice ordförande",
            "2:e vice ordförande",
            "tredje vice ordförande",
            "3:e vice ordförande",
        ],
    ),
    (Label::Chair, &["ordförande"]),
    (Label::Secretary, &["sekreterare", "protokollförare"]),
    (
        Label::Group,
        &[
            "underskrifter",
            "under- skrifter",
            "under-skrifter",
            "under-",
            "underskrift",
            "underskrifter och justering",
            "anslag/bevis",
            "anslag",
            "bevis",
            "protokollet har justerats digitalt av",
            "signaturer",
            // "Jäv   Anna Berg (C) deltar inte i handläggningen av § 113": told again in the
            // paragraph; on the cover it only must not run on into a list of people.
            "jäv",
            "anmält jäv",
            "anmälan om jäv",
        ],
    ),
];

/// Bodies of a part of a city or kommun, named with their district after "i" ("Stadsdelsnämnden i
/// Lövudden"): the district is part of the body's name, not the authority. Lowercase openings.
pub(crate) const DISTRICT_BODIES: &[&str] = &[
    "stadsdelsnämnd",
    "kommundelsnämnd",
    "områdesnämnd",
    "distriktsnämnd",
    "stadsdelsfullmäktige",
];

/// Words every Swedish text of minutes is full of; a text with almost none of them is garbled.
/// Where a notice hangs, as a posting or take-down label names it after the label itself
/// ("Datum då anslaget sätts upp / på kommunens digitala anslagstavla"): part of the label,
/// never its value.
pub(crate) const NOTICE_BOARDS: &[&str] = &[
    "anslagstavla",
    "anslagstavlan",
    "anslagstavlor",
    "webbplats",
    "webbplatsen",
    "hemsida",
    "hemsidan",
];

/// Whether the text after a posting or take-down label names the notice board ("på kommunens
/// digitala anslagstavla", "från anslagstavlan"), so that the label goes on to it.
pub(crate) fn names_notice_board(rest: &str) -> bool {
    let lower = rest.trim().trim_end_matches(':').trim().to_lowercase();
    (lower.starts_with("på ") || lower.starts_with("från "))
        && lower.split_whitespace().count() <= 6
        && !lower.chars().any(|c| c.is_ascii_digit())
        && lower
            .rsplit(' ')
            .next()
            .is_some_and(|w| NOTICE_BOARDS.contains(&w))
}

pub(crate) const COMMON_WORDS: &[&str] = &[
    "och", "att", "i", "på", "som", "för", "med", "av", "den", "det", "till", "är", "en", "ett",
    "om", "har", "inte", "de", "från", "enligt", "beslut", "beslutar", "nämnden", "kommun", "ska",
    "samt", "under", "efter", "eller", "vid", "år", "denna", "detta", "finns", "sig", "också",
    "kan", "bli", "blir", "utan", "mot", "så", "man", "när", "där", "ärendet",
];

/// Party abbreviations printed bare after a name ("Maria Lund S"); in parentheses any short
/// capitalised mark is a party, bare only these are.
pub(crate) const PARTIES: &[&str] = &[
    "S", "M", "SD", "C", "V", "KD", "L", "MP", "FP", "NYD", "SPI", "PP", "FI", "AFS", "MED",
    // the marks of older minutes: Vänsterpartiet kommunisterna (to 1990), Kristen demokratisk
    // samling (to 1987)
    "VPK", "KDS",
];

/// Parties' full names as a list groups its members under them ("Socialdemokraterna" over
/// "Ulrika Berg, ordförande" / "Anders Tuvesson"), lowercase, with the party's mark.
pub(crate) const PARTY_NAMES: &[(&str, &str)] = &[
    ("socialdemokraterna", "S"),
    ("arbetarepartiet socialdemokraterna", "S"),
    ("moderaterna", "M"),
    ("moderata samlingspartiet", "M"),
    ("sverigedemokraterna", "SD"),
    ("centerpartiet", "C"),
    ("vänsterpartiet", "V"),
    ("liberalerna", "L"),
    ("folkpartiet", "FP"),
    ("folkpartiet liberalerna", "FP"),
    ("kristdemokraterna", "KD"),
    ("kristdemokratiska samhällspartiet", "KD"),
    ("miljöpartiet", "MP"),
    ("miljöpartiet de gröna", "MP"),
    ("ny demokrati", "NYD"),
];

/// Headings of an attendance list printed on the cover under its own heading, not a label's
/// value ("NÄRVAROLISTA" over the members grouped by party), lowercase, without a final colon.
pub(crate) const ATTENDANCE_HEADINGS: &[&str] = &[
    "närvarolista",
    "närvaroförteckning",
    "närvaro",
    "närvarande",
];

/// Headings of the notice block printed after the last paragraph (lowercase, without a
/// final colon).
pub(crate) const CLOSING_NOTICE_HEADINGS: &[&str] = &[
    "bevis om justering",
    "bevis om justering av protokollet",
    "justeringsbevis",
    "anslagsbevis",
    "anslag/bevis",
    "anslag / bevis",
    "bevis om anslag",
    "bevis om tillkännagivande",
    "bevis om tillkännagivande av justering",
    "tillkännagivande av justering",
    "tillkännagivande om justering",
    "tillkännagivande av protokollets justering",
];

/// Headings of an appendix printed after the paragraphs, with no "Bilaga" before them
/// (lowercase, without a final colon): the § lines in it name paragraphs already printed, and
/// its names are no participants' lines.
pub(crate) const APPENDIX_HEADINGS: &[&str] = &[
    "omröstningsbilaga",
    "omröstningsbilagor",
    "omröstningslista",
    "omröstningslistor",
    "voteringsbilaga",
    "voteringslista",
    "voteringsprotokoll",
    "omröstningsprotokoll",
    "omröstningsprotokoll och närvarolista",
    "närvarolista",
    "närvaro- och omröstningslista",
    "närvaro- och voteringslista",
    "närvaro- och voteringsbilaga",
    "närvarolista och omröstningsbilaga",
];

/// The document's kind printed after a body's name and a dash ("Direktionen – protokoll").
pub(crate) const DOCUMENT_KINDS: &[&str] = &[
    "protokoll",
    "sammanträdesprotokoll",
    "protokollsutdrag",
    "justerat protokoll",
    "mötesprotokoll",
];

/// A heading of the signatures after the last paragraph (lowercase, without a final colon).
pub(crate) const SIGNATURE_HEADINGS: &[&str] = &[
    "underskrifter",
    "underskrift",
    "signaturer",
    "underskrifter och justering",
    // the secretary's signature opening the closing block ("Vid protokollet" / name / "Justeras")
    "vid protokollet",
];

/// An attendance list's column headings ("Namn   Parti   Kommun   Funktion"), lowercase.
pub(crate) const LIST_COLUMN_HEADINGS: &[&str] = &[
    "namn",
    "ledamot",
    "ledamöter",
    "ersättare",
    "parti",
    "kommun",
    "representerar",
    "organisation",
    "funktion",
    "roll",
    "uppdrag",
];

/// How a participant took part in a digital or hybrid meeting, printed beside the name
/// ("Marie Fält (M), deltar på distans", "närvarande via länk"); lowercase, longest first
/// where one ends another. Present all the same (KL 5 kap. 16 §): no role and no unread words.
pub(crate) const REMOTE_ATTENDANCE: &[&str] = &[
    "deltar på distans",
    "deltog på distans",
    "närvarande på distans",
    "närvarar på distans",
    "deltar digitalt",
    "deltog digitalt",
    "närvarande digitalt",
    "närvarar digitalt",
    "deltar via länk",
    "deltog via länk",
    "närvarande via länk",
    "deltar via teams",
    "deltog via teams",
    "närvarande via teams",
    "deltar via zoom",
    "närvarande via zoom",
    "deltar på länk",
    // a crisis or an extra meeting held by phone
    "deltar per telefon",
    "deltog per telefon",
    "närvarande per telefon",
    "deltar via telefon",
    "deltog via telefon",
    "närvarande via telefon",
    "digital närvaro",
    "på distans",
    "via länk",
    "via teams",
    "via zoom",
    "per telefon",
    "via telefon",
    "digitalt",
    "distans",
];

/// An attendance table's presence column written in words (lowercase, without a final full
/// stop): present …
pub(crate) const PRESENT_WORDS: &[&str] = &[
    "närvarande",
    "närv",
    "deltar",
    "deltog",
    "ja",
    "tjänstgör",
    "tjänstgjorde",
];
/// … and absent.
pub(crate) const ABSENT_WORDS: &[&str] = &[
    "frånvarande",
    "frånv",
    "ej närvarande",
    "förhinder",
    "anmält förhinder",
    "nej",
    "ersatt",
    "ersätts",
];
/// An attendance table with one presence column for a seat's member and substitute both
/// ("Ledamot  Parti  Ersättare  Närv.", marked "L" or "E" under a legend "L = ledamoten
/// närvarande, E = ersättaren tjänstgör"): the marks (lowercase, without a final full stop)
/// that say the substitute served; any other mark of presence is the member's.
pub(crate) const SUBSTITUTE_SERVED_MARKS: &[&str] = &[
    "e",
    "ers",
    "ersättare",
    "ersättaren",
    "tjg",
    "tjänstgör",
    "t",
];
/// An attendance table's column of who serves for an absent member ("Ersätts av").
pub(crate) const SERVED_BY: &[&str] = &[
    "ersätts av",
    "ersatt av",
    "ersättes av",
    "ersätter",
    "tjänstgörande ersättare",
    "tjänstgör för",
];

// Section headings of a paragraph (lowercase, whitespace collapsed).

/// Decision headings beside "Beslut", "Beslutet", "Beslut i korthet" and a body's "…s beslut"
/// (which the parser knows by their form): the rarer wordings.
pub(crate) const DECISION: &[&str] = &[
    "slutligt beslut",
    "beslut på sammanträdet",
    "beslut vid sammanträdet",
    "beslutet blev",
    "beslut enligt förslag",
    "beslut enligt förslaget",
    "fattat beslut",
];

pub(crate) const SUMMARY: &[&str] = &[
    "sammanfattning",
    "sammanfattning av ärendet",
    "sammanfattning av ärende",
    "ärendebeskrivning",
    "ärendet",
    "bakgrund",
    "beskrivning av ärendet",
    "ärendets beskrivning",
    // a paragraph printed as a table of label and value ("Ärende", "Beskrivning", "Beslut")
    "beskrivning",
];
pub(crate) const BASIS: &[&str] = &[
    "beslutsunderlag",
    "underlag",
    "underlag för beslut",
    "handlingar i ärendet",
    // a web page's list of the paragraph's documents, each a link
    "handlingar",
];
pub(crate) const MOTIONS: &[&str] = &["yrkande", "yrkanden", "yrkande(n)"];
pub(crate) const PROPOSITION: &[&str] = &[
    "propositionsordning",
    "propositionsordningar",
    "proposition",
    "propositioner",
];
pub(crate) const VOTE: &[&str] = &[
    "omröstning",
    "omröstningsresultat",
    "votering",
    "omröstningslista",
];
pub(crate) const RESERVATION: &[&str] = &["reservation", "reservationer"];
pub(crate) const NOTE: &[&str] = &["protokollsanteckning", "protokollsanteckningar"];
pub(crate) const DISQUALIFICATION: &[&str] = &["jäv", "jävsanmälan", "anmälan om jäv"];
pub(crate) const DISPATCH: &[&str] = &[
    "beslutsexpediering",
    "expedieras",
    "expedieras till",
    "beslutet expedieras",
    "beslutet expedieras till",
    "expediering",
    "beslutet skickas till",
    "beslutet ska skickas till",
    "beslutet ska expedieras till",
    "beslutet sänds till",
    "sändlista",
    "protokollsutdrag till",
    "protokollsutdrag skickas till",
    "utdrag till",
];
pub(crate) const OTHER: &[&str] = &[
    "förslag till beslut",
    "beslutsförslag",
    "överläggning",
    "beslutsgång",
    "ärendets behandling",
    "ärendets behandling under sammanträdet",
    "ärendets behandling på sammanträdet",
    "konsekvensbeskrivning",
    "yttrande",
    "yttranden",
    "särskilt yttrande",
    "föredragande",
    "föredragning",
    "barnkonsekvensanalys",
    "ekonomiska konsekvenser",
    "bedömning",
    "förvaltningens bedömning",
    "kontorets bedömning",
    "ärendets beredning",
    "finansiering",
    "bilagor",
    "deltar ej",
    "deltar ej i beslutet",
    "skäl för beslut",
    "skäl för beslutet",
    "motivering",
    "lagstöd",
    "upplysningar",
    // a building permit's fee under the decision ("Avgift" / "Avgiften för bygglovet är …")
    "avgift",
    "tidigare beslut",
    "hur man överklagar",
    "överklagande",
    "handläggning",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Minutes write the notice labels with and without the article ("Anslaget tas ned",
    /// "Anslag tas ned"): every phrase naming "anslaget" has its twin naming "anslag".
    #[test]
    fn notice_labels_come_with_and_without_the_article() {
        for (label, phrases) in COVER_LABELS
            .iter()
            .filter(|(l, _)| matches!(l, Label::Posted | Label::Removal))
        {
            for p in phrases.iter().filter(|p| p.starts_with("anslaget ")) {
                let twin = p.replacen("anslaget ", "anslag ", 1);
                assert!(
                    COVER_LABELS
                        .iter()
                        .any(|(l, ps)| l == label && ps.contains(&twin.as_str())),
                    "{p:?} has no {twin:?}"
                );
            }
        }
    }
}
