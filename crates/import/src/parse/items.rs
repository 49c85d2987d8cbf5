//! Stage 5, paragraphs: `§ N` heads, Dnr, title, and the sections under known headings.
//!
//! Only known headings open a section ("Direktionens beslut", "Beslut:", "Beslutsunderlag",
//! "Yrkanden", "Expedieras till:" …); anything else that looks like a heading is a subheading of
//! the text it stands in and stays there.

use std::sync::LazyLock;

use kansli_core::protocol::{Item, ParsedMotion, Section};
use regex::Regex;

use super::flow::{self, blocks, list_entries, reflow};
use super::lexicon::{
    BASIS, DECISION, DISPATCH, DISQUALIFICATION, MOTIONS, NOTE, OTHER, PROPOSITION, RESERVATION,
    SUMMARY, VOTE,
};
use super::people;
use super::text::Line;

/// A paragraph head: `§ 1`, `KF § 103  KS KF/2024:8`, `Fortsättning KS § 13`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Head {
    pub number: u32,
    pub continuation: bool,
    pub rest: String,
    /// The number printed after the title, in brackets ("Budget 2027 (§ 22)").
    pub trailing: bool,
}

/// A head with its number after the title, in brackets, as some templates print the
/// paragraph's heading ("Budget 2027, inriktning (§ 22)"): the title before it. A heading's
/// shape only (capitalised, no sentence in it, short), since running text may end a line with
/// a reference to a paragraph; the caller keeps such heads only where no `§ N` opens a line.
fn trailing_number_head(t: &str) -> Option<Head> {
    let inner = t.trim_end().strip_suffix(')')?;
    let open = inner.rfind("(§")?;
    let number = inner[open + "(§".len()..].trim();
    if number.is_empty() || number.len() > 4 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let title = inner[..open].trim_end();
    let sentence = title.ends_with(['.', ',', ';', ':']) || title.contains(". ");
    if title.is_empty()
        || sentence
        || title.contains('§')
        || title.chars().count() > 120
        || title.split_whitespace().count() > 16
        || !title.starts_with(char::is_uppercase)
    {
        return None;
    }
    Some(Head {
        number: number.parse().ok()?,
        continuation: false,
        rest: title.to_string(),
        trailing: true,
    })
}

static HEAD: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"^\s*(?i:(fortsättning|forts\.?|fortsättn\.?)\s+(?:av\s+|på\s+)?)?(?:(?:[A-ZÅÄÖ]{1,8}(?:[ -]?[A-ZÅÄÖ]{1,5})?|[A-ZÅÄÖ][a-zåäö]{1,3}|[A-ZÅÄÖ][a-zåäö]+(?:en|et|ge|de|na))\s+)?§\s?(\d{1,4})(.*)$",
    )
    .expect("regex")
});

/// Short words that may stand before a paragraph sign in a sentence, which `HEAD` would take
/// for a body's short name in mixed case ("Ks", "Bun").
const NOT_BODY_PREFIXES: &[&str] = &[
    "se", "av", "till", "jfr", "enl", "och", "vid", "i", "om", "från", "med", "per", "ur", "på",
    "för", "mot", "under", "samt", "el", "ang", "ang.", "enl.", "jfr.", "dnr", "nr", "kap", "kap.",
    "p.", "st.", "not",
];

static CONTINUATION_MARK: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?i)^[\s,]*\(?\s*(?:forts(?:\.|ättning|att)?|fortsättning)\s*\)?\.?",
    )
    .expect("regex")
});

/// A labelled Dnr: `Dnr 2024/25`, `DNR KS 4/2020`, `Dnr: KS 2020/45`, `Diarienummer BUN 2023.12`,
/// `Ärendenummer BMN.2025.1301`, and the registries of the 1990s' two-digit year with the
/// diarieplan's code after it, `Dnr 96.214-042` (labelled only: bare, it is any decimal number),
/// and a region's compact `Diarienummer: 24RÖL1234` and a number over a two-digit year,
/// `Ärendenr 25/12` (labelled only too: bare, either is any fraction or day). A class of the filing
/// plan after the number, `Dnr 2016.0112.233` as Lex- and Evolution-like registers print it, is
/// part of the Dnr, no title.
static DNR_LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?i)\b(?:dnr|diarienummer|diarienr|dnr\.|ärendenummer|ärendenr\.?|ärende nr\.?|ärende)\s*[.:]?\s*((?-i:[A-ZÅÄÖ][A-ZÅÄÖa-zåäö0-9]{0,9}(?:[ -][A-ZÅÄÖ]{1,9})?[ /:.\-]?\s?)?(?:\d{4}\s?[/:.\-]\s?\d{1,6}|\d{1,6}\s?[/:.\-]\s?\d{4}|\d{2}\.\d{1,6}|\d{1,5}/\d{2}\b|(?-i:\d{2}[A-ZÅÄÖ]{1,5}\d{1,6}\b))(?:-\d{1,4})?(?:\.\d{1,4}){0,2}(?-i:\s+[A-ZÅÄÖ]{2,8}\b)?)",
    )
    .expect("regex")
});

/// An unlabelled Dnr-shaped token, with `/` or `:` between the groups: `BUN/2023:210`,
/// `KS KF/2024:8`, `ITSAM 2024/25`.
static DNR_BARE: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?:^|\s|\()((?:[A-ZÅÄÖ][A-ZÅÄÖ0-9]{0,9}(?:[ -][A-ZÅÄÖ]{1,9})?[ /]?\s?)?(?:\d{4}\s?[/:]\s?\d{1,6}|\d{1,6}\s?/\s?\d{4})(?:-\d{1,4})?)(?:\s|$|[,;)])",
    )
    .expect("regex")
});

/// A Dnr printed with a dot right after the § of a head, its series after it:
/// `§ 63 2026.113 KS`.
static HEAD_DOTTED_DNR: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(r"^((?:19|20)\d{2}\.\d{1,6}(?:\s+[A-ZÅÄÖ]{2,8}\b)?)(?:\s|$)")
        .expect("regex")
});

/// Dot leaders and a page reference at the end of a title.
static DOT_LEADERS: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(r"\s*(?:\.\s*){4,}(?:\d{1,3}(?:\s*[-–]\s*\d{1,3})?)?\s*$")
        .expect("regex")
});

static RULE: LazyLock<Regex> =
    LazyLock::new(|| crate::parse::pattern::regex(r"^[_]{5,}$|^[-=]{12,}$").expect("regex"));

/// Matches a paragraph head line.
pub(crate) fn match_head(line: &str) -> Option<Head> {
    // The § of a head comes early in the line ("Fortsättning KS KF § 12").
    let t = line.trim_start();
    if t.trim_end().ends_with(')')
        && let Some(h) = trailing_number_head(t)
    {
        return Some(h);
    }
    match t.find('§') {
        Some(i) if i <= 40 => {}
        _ => return None,
    }
    if t.contains("§§") {
        return None;
    }
    let c = HEAD.captures(line)?;
    // A body's short name in mixed case ("Ks § 30", "Bun § 4"), never a short word of a
    // sentence that refers to a paragraph ("Se § 12", "Till § 4 …")
    let before = t[..t.find('§').unwrap_or(0)].trim();
    if let Some(word) = before.split_whitespace().last()
        && word.chars().skip(1).any(char::is_lowercase)
        && word.chars().count() <= 4
        && NOT_BODY_PREFIXES.contains(&word.to_lowercase().as_str())
    {
        return None;
    }
    let number: u32 = c.get(2)?.as_str().parse().ok()?;
    let mut continuation = c.get(1).is_some();
    let mut rest = c.get(3).map_or("", |m| m.as_str()).to_string();
    // "§ 2/25" (a reference), "§ 3 (förbundets ändamål)", "§ 12 i kommunallagen" are not heads.
    if rest.starts_with('/') || rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if let Some(m) = CONTINUATION_MARK.find(&rest)
        && m.end() > 0
        && m.as_str().to_lowercase().contains("forts")
    {
        continuation = true;
        rest = rest[m.end()..].to_string();
    }
    let mut r = rest.trim();
    // "§ 30." alone on its line, the title under it
    if r == "." || r == ":" {
        r = "";
    }
    // "§12 – Delegationsbeslut", "§ 13: Bygglov", "§ 14. Tillsynsplan": a separator between
    // the number and the title. After a full stop only a title that is no sentence ("§ 3.
    // Nämnden beslutar." on a wrapped line is text).
    for sep in ['–', '—', '-', ':', '.'] {
        if let Some(after) = r.strip_prefix(sep)
            && after.starts_with(char::is_whitespace)
            && (sep != '.' || !after.trim_end().ends_with('.'))
        {
            r = after.trim_start();
            break;
        }
    }
    if !r.is_empty() {
        let first = r.chars().next().unwrap_or(' ');
        let dnr_first = HEAD_DOTTED_DNR.is_match(r)
            || dnr_in(r).is_some_and(|(_, range)| r[..range.start].trim().is_empty());
        if !(first.is_uppercase() || first == '"' || first == '”' || dnr_first) {
            return None;
        }
        if r.chars().count() > 160 {
            return None;
        }
    }
    Some(Head {
        number,
        continuation,
        rest: r.to_string(),
        trailing: false,
    })
}

/// A head line's right-hand cell naming the body by its short name and the meeting's date
/// ("KSAU 2024-03-12", "BUN 12 mars 2024") or the date alone: a running reference.
fn is_body_and_date(cell: &str) -> bool {
    let c = cell.trim();
    let Some((_, r)) = super::dates::find_date(c) else {
        return false;
    };
    if !c[r.end..].trim().is_empty() {
        return false;
    }
    let before = c[..r.start].trim();
    before.is_empty()
        || (before.len() <= 10
            && !before.contains(' ')
            && before.chars().all(|ch| ch.is_uppercase() || ch == '-')
            && before.chars().filter(|ch| ch.is_alphabetic()).count() >= 2)
}

/// The first Dnr in `text` (labelled anywhere, or bare), as printed, with its byte range.
pub(crate) fn dnr_in(text: &str) -> Option<(String, std::ops::Range<usize>)> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    // The label starts "dnr" or "diarie" (letters without non-ASCII case variants).
    let b = text.as_bytes();
    // "Ärendenummer", "ärendenr": the ASCII tail after the "ä".
    let labelled = b.windows(3).any(|w| w.eq_ignore_ascii_case(b"dnr"))
        || b.windows(6).any(|w| w.eq_ignore_ascii_case(b"diarie"))
        || b.windows(5).any(|w| w.eq_ignore_ascii_case(b"rende"));
    if labelled
        && let Some(c) = DNR_LABELLED.captures(text)
        && let (Some(all), Some(d)) = (c.get(0), c.get(1))
    {
        return Some((d.as_str().trim().to_string(), all.range()));
    }
    // A bare Dnr has a '/' or ':' between its numbers.
    let bare = b.iter().any(|&c| c == b'/' || c == b':');
    for c in bare
        .then(|| DNR_BARE.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let Some(d) = c.get(1) else { continue };
        let s = d.as_str().trim();
        // A date is not a Dnr, nor a period of two years running ("Skolskjutsregler
        // 2025/2026", "läsåret 2025/26").
        if super::dates::find_date(s).is_some() || is_period(text, s, d.start()) {
            continue;
        }
        if kansli_core::Dnr::parse(s).is_ok() {
            return Some((s.to_string(), d.range()));
        }
    }
    None
}

/// Whether `s` (found at `at` in `text`), printed without a series, is a period of two years
/// running rather than a Dnr: "2025/2026" always, "2025/26" after a word naming a period
/// ("läsåret", "verksamhetsåret", "säsongen" …), since "2025/26" alone may be case 26 of 2025.
fn is_period(text: &str, s: &str, at: usize) -> bool {
    let Some((a, b)) = s.split_once('/') else {
        return false;
    };
    let (a, b) = (a.trim(), b.trim());
    if a.len() != 4 || !a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit()) {
        return false;
    }
    let (Ok(y), Ok(next)) = (a.parse::<u32>(), b.parse::<u32>()) else {
        return false;
    };
    match b.len() {
        4 => next == y + 1,
        2 => {
            let before = text[..at].trim_end().to_lowercase();
            let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
            next == (y + 1) % 100
                && [
                    "läsår",
                    "läsåret",
                    "läsåren",
                    "verksamhetsår",
                    "verksamhetsåret",
                    "budgetår",
                    "budgetåret",
                    "säsong",
                    "säsongen",
                    "vintern",
                    "vintersäsongen",
                    "höstterminen",
                ]
                .contains(&word)
        }
        _ => false,
    }
}

/// Whether a whole line is just a Dnr (with or without label).
pub(crate) fn line_dnr(text: &str) -> Option<String> {
    let t = text.trim();
    // "(BMN 2025-01234)": a Dnr in parentheses is still one.
    let t = t
        .strip_prefix('(')
        .and_then(|i| i.strip_suffix(')'))
        .map_or(t, str::trim);
    // A line of its own holding "TN-2024-1522", "SN 2024.77" or "KS.2025.12" (series, year,
    // number joined by a hyphen or a dot): a Dnr, though such a token in running text is not
    // taken for one (dates, ranges, decimals).
    if let Some((series, numbers)) = t.split_once(['-', ' ', '.'])
        && (1..=8).contains(&series.chars().count())
        && series.chars().all(|c| c.is_uppercase())
        && numbers.split(['-', '.']).count() == 2
        && numbers
            .split(['-', '.'])
            .next()
            .is_some_and(|y| y.len() == 4 && (y.starts_with("19") || y.starts_with("20")))
        && numbers
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '.')
        && kansli_core::Dnr::parse(t).is_ok()
    {
        return Some(t.to_string());
    }
    let (d, r) = dnr_in(t)?;
    let rest = format!("{}{}", &t[..r.start], &t[r.end..]);
    let rest = rest
        .trim()
        .trim_matches(|c: char| c == ',' || c == ':' || c == '.');
    rest.is_empty().then_some(d)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Decision,
    Summary,
    Basis,
    Motions,
    PropositionOrder,
    Vote,
    Reservation,
    Note,
    NoteOrReservation,
    Disqualification,
    Dispatch,
    Other,
}

/// "<X>s <tail>" with a genitive before it: "Kommunstyrelsens beslut", "Arbetsutskottets förslag".
fn genitive(lower: &str, tail: &str) -> bool {
    let Some(head) = lower.strip_suffix(tail) else {
        return false;
    };
    if !head.ends_with(' ') {
        return false;
    }
    let head = head.trim_end();
    head.ends_with('s')
        && head.split_whitespace().count() <= 6
        && head
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
}

/// A section heading in lower case with its spaces folded to one, for matching by words.
fn folded_heading(heading: &str) -> String {
    heading
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether `heading` is a body's proposal to the body it prepares for ("Kommunstyrelsens
/// förslag till kommunfullmäktige", "Regionstyrelsens förslag till regionfullmäktige",
/// "Arbetsutskottets förslag till kommunstyrelsen", "Beredningens förslag till nämnden"): in
/// the preparing body's own minutes that proposal is what it decided. A förvaltning's or
/// kontor's proposal ("Förvaltningens förslag till nämnden") is no body's decision.
fn is_proposal_to_council(heading: &str) -> bool {
    let lower = folded_heading(heading);
    let lower = lower.trim_end_matches(':');
    // "Förslag till regionfullmäktige" with no owner: only a body proposes to fullmäktige or
    // a styrelse (a förvaltning proposes to its own nämnd, "Förslag till beslut"), and the
    // body is the one whose minutes these are.
    if let Some(to) = lower.strip_prefix("förslag till ") {
        return !to.contains(' ') && (to.ends_with("fullmäktige") || to.ends_with("styrelsen"));
    }
    let Some((owner, to)) = lower.split_once(" förslag till ") else {
        return false;
    };
    let owner_is_body = [
        "styrelsens",
        "utskottets",
        "utskotts",
        "beredningens",
        "nämndens",
        "presidiets",
        "direktionens",
    ]
    .iter()
    .any(|b| owner.ends_with(b));
    let to_body = ["fullmäktige", "styrelsen", "nämnden", "direktionen"]
        .iter()
        .any(|b| to.ends_with(b))
        && to.split_whitespace().count() <= 4;
    owner_is_body && to_body && genitive(lower, &format!("förslag till {to}"))
}

/// The kind of a heading, from its lowercased text (whitespace collapsed).
fn heading_kind(lower: &str) -> Option<Kind> {
    let is = |set: &[&str]| set.contains(&lower);
    Some(if is(DISPATCH) {
        Kind::Dispatch
    } else if lower.contains("protokollsanteckning") && lower.contains("reservation") {
        Kind::NoteOrReservation
    } else if is(NOTE) {
        Kind::Note
    } else if is(RESERVATION) {
        Kind::Reservation
    } else if is(BASIS) {
        Kind::Basis
    } else if is(SUMMARY) {
        Kind::Summary
    } else if is(MOTIONS) {
        Kind::Motions
    } else if is(PROPOSITION) {
        Kind::PropositionOrder
    } else if is(VOTE) {
        Kind::Vote
    } else if is(DISQUALIFICATION) {
        Kind::Disqualification
    } else if is(DECISION) {
        Kind::Decision
    } else if is(OTHER)
        || is_proposal_to_council(lower)
        || genitive(lower, "förslag")
        || genitive(lower, "förslag till beslut")
        || genitive(lower, "handläggning")
        || genitive(lower, "bedömning")
    {
        Kind::Other
    } else if (lower == "beslut"
        || lower == "beslutet"
        || lower == "beslut i korthet"
        || genitive(lower, "beslut"))
        && !lower.contains("förslag")
    {
        Kind::Decision
    } else {
        return None;
    })
}

/// Classifies a line as a section heading: the kind, the heading as printed, and any text that
/// follows a colon on the same line ("Expedieras till: Akt").
pub(crate) fn classify_heading(trimmed: &str) -> Option<(Kind, String, String)> {
    if trimmed.is_empty() {
        return None;
    }
    let first = trimmed.chars().next()?;
    // "Beslut⇥Nämnden godkänner …": a paragraph printed as a table of label and value, the
    // heading in the left cell and its text in the right one, is "Beslut: …" (one cell of text
    // only: "Beslut⇥Datum⇥Delegat" is a table's header row)
    let tabbed = trimmed.split_once('\t').filter(|(h, rest)| {
        !h.contains(':') && !rest.trim().is_empty() && !rest.trim().contains('\t')
    });
    // The same table in `-layout` text, three spaces or more between the cells ("Beslut
    // Arbetsutskottet utser …"): the heading cell short, one cell of text after it.
    let tabbed = tabbed.or_else(|| {
        let gap = trimmed.find("   ")?;
        let (h, rest) = (&trimmed[..gap], trimmed[gap..].trim_start());
        (h.chars().count() <= 30 && !h.contains(':') && !rest.contains("   ")).then_some((h, rest))
    });
    let (head, inline) = match (tabbed, trimmed.find(':')) {
        (Some((h, rest)), _) => (h.trim(), rest.trim()),
        (None, Some(i)) => (trimmed[..i].trim(), trimmed[i + 1..].trim()),
        (None, None) => (trimmed, ""),
    };
    // A heading alone is short; one with its text run in after the colon ("Beslut:
    // Servicenämnden godkänner lokalförsörjningsplanen och överlämnar den till …", set tight)
    // is as long as its text, the heading itself short (below).
    if (inline.is_empty() || head.chars().count() > 60) && trimmed.chars().count() > 90 {
        return None;
    }
    // Headings are capitalised and do not end a sentence; the text after "Beslut:" may.
    let heading_part = if inline.is_empty() { trimmed } else { head };
    if !first.is_uppercase() || heading_part.ends_with(['.', ',', ';']) {
        return None;
    }
    if head.chars().count() > 60 || head.is_empty() || head.split_whitespace().count() > 8 {
        return None;
    }
    // The words joined by single spaces, lowercased: one allocation for ASCII headings.
    let mut joined = String::with_capacity(head.len());
    for w in head.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(w);
    }
    let lower = if joined.is_ascii() {
        joined.make_ascii_lowercase();
        joined
    } else {
        joined.to_lowercase()
    };
    let kind = heading_kind(&lower)?;
    // A heading with inline text only when the colon (or the cell's tab) is there: "Beslut: …".
    if inline.is_empty() && trimmed.contains(':') && !trimmed.trim_end().ends_with(':') {
        return None;
    }
    Some((kind, head.to_string(), inline.to_string()))
}

struct RawSection<'a> {
    kind: Option<Kind>,
    heading: String,
    lines: Vec<&'a Line>,
    inline: Option<Line>,
    line_no: usize,
}

static YRKAR: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(r"(?i)\b(yrkar|yrkade|föreslår|instämmer)\b").expect("regex")
});
static RESERVES: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(r"(?i)\breserver(?:ar|ade)\s+sig\b").expect("regex")
});
static JAV: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(r"(?i)\bjäv\b|\bjävig\b|\bjäviga\b").expect("regex")
});
static DECIDES: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(r"(?i)\b(?:beslutar|beslöt|beslutade)\b").expect("regex")
});

/// The verbs of short paragraphs that need no "Beslut" heading: a justerare "utses",
/// information "läggs till handlingarna" or "noteras till protokollet", the chair's
/// declaration that opens or closes the meeting ("Ordföranden förklarade sammanträdet
/// öppnat", "Ordförande öppnade mötet", "… och avslutar sammanträdet"), which is all a board's
/// "Sammanträdets öppnande" records, and a block opening with
/// what is adopted in the passive ("Föredragningslistan fastställs.", in the past tense of
/// minutes written as an association's, "Dagordningen godkändes.", "… lades till
/// handlingarna", "Informationen antecknades till protokollet"). Weaker than
/// [`DECIDES`]: a proposal may use them too ("föreslår att rapporten läggs till handlingarna"),
/// so they count only where no block says "beslutar".
static DECIDES_SHORT: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?i)\b(?:utses|utsågs|utsåg|läggs till handlingarna|lades till handlingarna|(?:noteras|noterades|antecknas|antecknades) till protokollet|förklara(?:r|de|s)\s+(?:\S+\s+){1,3}?(?:öppnat|öppnad|öppnade|avslutat|avslutad|avslutade)|(?:öppna|avsluta)(?:r|de|s|des)\s+(?:mötet|sammanträdet|stämman))\b|(?-i:^[A-ZÅÄÖ][\p{L}\-]+\s+(?:fastställs|godkänns|fastställdes|godkändes)\b)",
    )
    .expect("regex")
});

/// A line opening with the deciding body and a verb of decision in the present tense, as
/// minutes without a "Beslut" heading write a decision: "Direktionen godkänner delårsrapporten",
/// "Nämnden tar del av informationen", "Kultur- och fritidsnämnden utser …", a council's "Rådet
/// väljer …", "Kommunala pensionärsrådet tackar för informationen" (an information item's close,
/// the body's own sentence). The body is one
/// word, a suspended compound or one adjective before it ("Regionala utvecklingsnämnden
/// utser …", "Tekniska nämnden utser …"), so "Förvaltningen föreslår att nämnden godkänner" is none; past
/// tenses ("godkände") tell of earlier decisions and do not count. A verb whose å, ä or ö a scan
/// lost ("Tekniska nämnden föreslar kommunfullmäktige") is the same verb.
/// A decision told in the passive past with no subject, as minutes written in an association's
/// style record every decision: "Beslöts att …", "Beslutades att …", "Det beslöts att …",
/// "Beslöts därefter att …". A line opening so starts the decision, as [`DECIDES_BODY`]'s do.
static DECIDED_PASSIVE: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"^(?:Det\s+(?:beslöts|beslutades)|Beslöts|Beslutades)(?:\s+(?:därefter|därvid|vidare|slutligen|enhälligt|enigt))?\s+att\b",
    )
    .expect("regex")
});

static DECIDES_BODY: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"^(?:[A-ZÅÄÖ][\p{L}]*-\s+och\s+[\p{L}\-]*(?:nämnden|styrelsen|utskottet|beredningen|direktionen|rådet)|[A-ZÅÄÖ][\p{L}\-]*(?:nämnden|styrelsen|fullmäktige|direktionen|utskottet|beredningen|rådet)|[A-ZÅÄÖ]\p{L}+[ae]\s+(?:\p{Ll}[\p{L}\-]*)?(?:nämnden|styrelsen|utskottet|beredningen|direktionen|rådet)|Nämnden|Direktionen|Styrelsen|Fullmäktige|Utskottet|Beredningen|Rådet)\s+(?:godk[äa]nner|tackar för informationen|fastst[äa]ller|antar|utser|v[äa]ljer|tar del av|noterar|beviljar|bifaller|avsl[åa]r|tillstyrker|avstyrker|besvarar|[öo]verl[äa]mnar|uppdrar|ger\s+\S+\s+i uppdrag|l[äa]gger|f[öo]resl[åa]r|tills[äa]tter|avger|yttrar sig|anser|delegerar|[åa]terremitterar|bordl[äa]gger|konstaterar|f[öo]rklarar)\b",
    )
    .expect("regex")
});

/// A decision that only points at a proposal: "Enligt förslag.", "Beslut: Enligt
/// arbetsutskottets förslag.", "Kommunstyrelsen beslutar enligt förvaltningens förslag.",
/// "Nämnden beslutar i enlighet med förslaget till beslut.", "Bifall till arbetsutskottets
/// förslag." The genitive names whose proposal (`owner`), when printed.
static POINTS_TO_PROPOSAL: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?i)^(?:(?:[\p{L}\-]+(?:\s+[\p{L}\-]+){0,3}\s+)?(?:beslutar|beslöt|beslutade)\s+(?:att\s+)?(?:(?:bifalla|godkänna)\s+)?)?(?:i\s+enlighet\s+med|enligt|bifall\s+till|bifaller)?\s*(?:det\s+)?(?:(?P<owner>[\p{L}\-]+s)\s+)?(?:förslag(?:et)?(?:\s+till\s+beslut)?|beslutsförslag(?:et)?)\s*\.?$",
    )
    .expect("regex")
});

/// Whether a paragraph's section heading is a printed proposal, and whose: `Some(None)` for
/// "Förslag till beslut" / "Beslutsförslag", `Some(Some("arbetsutskottets"))` for
/// "Arbetsutskottets förslag (till beslut / till nämnden)".
fn proposal_heading(heading: &str) -> Option<Option<String>> {
    let lower = folded_heading(heading);
    let lower = lower.trim_end_matches(':');
    if matches!(
        lower,
        "förslag till beslut" | "beslutsförslag" | "förslag" | "förslag till nämnden"
    ) {
        return Some(None);
    }
    let (owner, tail) = lower
        .split_once(" förslag")
        .or_else(|| lower.strip_suffix(" beslutsförslag").map(|o| (o, "")))?;
    let proposal_tail = tail.is_empty() || tail == " till beslut" || is_proposal_to_council(lower);
    (proposal_tail && owner.ends_with('s') && !owner.contains(' ')).then(|| Some(owner.to_string()))
}

/// The proposal a decision that only points at it names, printed in the same paragraph
/// ("Beslut: Enligt förslag."; "Beslutar enligt förslag."; "Nämnden beslutar enligt
/// arbetsutskottets förslag."): the owner's, or the only one printed when none is named (or the
/// administration is named and the one printed has no owner). `None` when the decision says
/// more, or no such proposal is printed there (then it stays as printed).
fn pointed_proposal<'a>(decision: &str, sections: &'a [Section]) -> Option<&'a Section> {
    // Most decisions name no proposal: no regex for them (a cold parse compiles each it uses).
    if decision.len() > 400 || !decision.contains("örslag") {
        return None;
    }
    let decision = decision.split_whitespace().collect::<Vec<_>>().join(" ");
    if decision.chars().count() > 140 {
        return None;
    }
    let c = POINTS_TO_PROPOSAL.captures(&decision)?;
    // The sentence must point: "Nämnden beslutar förslaget." is no Swedish anyone prints.
    let lower = decision.to_lowercase();
    if !["enligt", "i enlighet med", "bifall"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return None;
    }
    let owner = c.name("owner").map(|m| m.as_str().to_lowercase());
    let proposals: Vec<(&Section, Option<String>)> = sections
        .iter()
        .filter(|s| !s.text.trim().is_empty())
        .filter_map(|s| proposal_heading(&s.heading).map(|o| (s, o)))
        .collect();
    // The administration's proposal is the one a paragraph prints under a bare "Förslag till
    // beslut" (the tjänsteskrivelse's): a body's or the chair's proposal is printed under its
    // owner's name.
    let administration = |o: &str| {
        [
            "förvaltningens",
            "kontorets",
            "kansliets",
            "chefens",
            "direktörens",
        ]
        .iter()
        .any(|w| o.ends_with(w))
    };
    match owner {
        // "enligt arbetsutskottets förslag": only that owner's proposal.
        Some(o) => proposals
            .iter()
            .find(|(_, po)| po.as_deref() == Some(o.as_str()))
            .or_else(|| match proposals.as_slice() {
                [one @ (_, None)] if administration(&o) => Some(one),
                _ => None,
            })
            .map(|(s, _)| *s),
        // "Enligt förslag.": the one proposal printed.
        None => match proposals.as_slice() {
            [(s, _)] => Some(*s),
            _ => None,
        },
    }
}

/// A paragraph's table row whose label cell wraps onto the next row ("Förslag till      Kommun-
/// fullmäktige bifaller …" / "kommunstyrelsen   tekniska nämnden att …" in `-layout` text): the
/// label's two parts joined and the two values joined, when the next line's label part starts
/// in lower case in the same column and its value in the value's column.
fn wrapped_label(line: &Line, next: Option<&Line>) -> Option<(String, String)> {
    let next = next?;
    if line.text.contains('\t') || !line.text.contains("   ") || !next.text.contains("   ") {
        return None;
    }
    let (a, b) = (
        super::text::cells(&line.text),
        super::text::cells(&next.text),
    );
    let [(c1, l1), (v1, t1)] = a.as_slice() else {
        return None;
    };
    let [(c2, l2), (v2, t2)] = b.as_slice() else {
        return None;
    };
    let lower_start = l2.starts_with(char::is_lowercase);
    (c1 == c2 && v1 == v2 && lower_start && l1.chars().count() + l2.chars().count() <= 40)
        .then(|| (format!("{l1} {l2}"), format!("{t1} {t2}")))
}

/// A page top's date on a line of its own: the date alone ("2025-06-17"), or after its label
/// ("Sammanträdesdatum 2025-04-07", "Datum: 2025-04-07").
fn is_page_top_date(t: &str) -> bool {
    if !t.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let rest = match t.split_once(char::is_whitespace) {
        Some((label, rest))
            if label
                .trim_end_matches(':')
                .to_lowercase()
                .ends_with("datum") =>
        {
            rest.trim()
        }
        _ => t,
    };
    super::dates::find_date(rest)
        .is_some_and(|(_, r)| rest[..r.start].trim().is_empty() && rest[r.end..].trim().is_empty())
}

/// A cell holding an hour alone: "Kl. 08.00", "kl 14:20", "klockan 23.40".
fn is_hour_cell(cell: &str) -> bool {
    let lower = cell.to_lowercase();
    let Some(rest) = ["klockan ", "kl. ", "kl.", "kl "]
        .iter()
        .find_map(|k| lower.strip_prefix(k))
    else {
        return false;
    };
    let rest = rest.trim();
    let (h, m) = rest.split_once(['.', ':']).unwrap_or((rest, "00"));
    (1..=2).contains(&h.len())
        && m.len() == 2
        && h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())
}

/// The labels a paragraph's title may stand after ("Ärende: Budget 2026").
const TITLE_LABELS: &[&str] = &["ärende", "ärendemening", "rubrik", "ämne"];

/// Whether a cell is a title's label alone ("Ärende", "Rubrik:").
/// Whether a cell is a Dnr's label alone ("Diarienummer", "Dnr:", "Ärendenummer").
fn is_dnr_label(cell: &str) -> bool {
    let c = cell.trim().trim_end_matches([':', '.']).to_lowercase();
    [
        "dnr",
        "diarienummer",
        "diarienr",
        "ärendenummer",
        "ärendenr",
    ]
    .contains(&c.as_str())
}

fn is_title_label(cell: &str) -> bool {
    let c = cell.trim().trim_end_matches(':').to_lowercase();
    TITLE_LABELS.contains(&c.as_str())
}

/// Parses one paragraph: `head` is its head line, `body` the lines after it up to the next head.
pub(crate) fn parse_item(
    head: &Head,
    head_line: &Line,
    body: &[&Line],
    wrapped: bool,
    warnings: &mut Vec<String>,
) -> Item {
    let n = head.number;
    let mut dnr: Option<String> = None;
    let mut title_parts: Vec<String> = Vec::new();
    let mut rest = head.rest.clone();
    // The body's short name and the date at the right of the head line ("§ 45      KSAU
    // 2024-03-12"), as a running reference prints it, are no title.
    if let Some((_, last)) = super::text::cells(&rest).last()
        && is_body_and_date(last)
        && let Some(at) = rest.rfind(last.as_str())
    {
        rest.truncate(at);
    }
    // A Dnr in a right-hand column of the head line ("§ 30 Läsårstider 2024/2025     2023/77")
    // is the last cell, whatever Dnr-like text the title holds.
    let head_cells = super::text::cells(&rest);
    if let Some(m) = HEAD_DOTTED_DNR.captures(&rest).and_then(|c| c.get(1))
        && kansli_core::Dnr::parse(m.as_str()).is_ok()
    {
        dnr = Some(m.as_str().to_string());
        rest = rest[m.end()..].to_string();
    } else if head_cells.len() >= 2
        && let Some((_, last)) = head_cells.last()
        && let Some(d) = line_dnr(last)
        && let Some(at) = rest.rfind(last.as_str())
    {
        dnr = Some(d);
        rest.truncate(at);
    } else if let Some(d) = line_dnr(&rest) {
        // "RS § 13          RS 2024-884": nothing but the Dnr after the number.
        dnr = Some(d);
        rest.clear();
    } else if let Some((d, r)) = dnr_in(&rest) {
        dnr = Some(d);
        // "Title (Dnr BMN 2025/1234)": the parentheses go with the Dnr.
        let before = rest[..r.start].trim_end();
        let after = rest[r.end..].trim_start();
        rest = match (before.strip_suffix('('), after.strip_prefix(')')) {
            (Some(b), Some(a)) => format!("{b} {a}"),
            _ => format!("{before} {after}"),
        };
    }
    // "§ 19⇥Diarienummer" / "Handlingsprogram …⇥RN 2025/012": the Dnr's label alone in a cell
    // beside the number, its value under it (a text box beside the head), is no title.
    if dnr.is_none()
        && let [.., (_, last)] = super::text::cells(&rest).as_slice()
        && is_dnr_label(last)
        && let Some(at) = rest.rfind(last.as_str())
    {
        rest.truncate(at);
    }
    // "§ 4      Ärende      Detaljplan för …": a paragraph printed as a table of label and
    // value, the title's label in a cell of its own beside the number, is no part of the title
    // (the "Ärende:" with its colon goes below).
    if let [(_, first), (_, _), ..] = super::text::cells(&rest).as_slice()
        && is_title_label(first)
        && let Some(at) = rest.find(first.as_str())
    {
        rest = rest[at + first.len()..].to_string();
    }
    // "§ 43   Kl. 08.00   Vallokalernas öppnande": the hour the paragraph was taken up, in a
    // cell of its own before the title (as a valnämnd's election-day minutes record it), is no
    // part of the title.
    if let [(_, first), (_, _), ..] = super::text::cells(&rest).as_slice()
        && is_hour_cell(first)
        && let Some(at) = rest.find(first.as_str())
    {
        rest = rest[at + first.len()..].to_string();
    }
    let rest = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    let separator = |c: char| c == ',' || c == '-' || c == '–' || c.is_whitespace();
    // A comma at the end stays when no Dnr was cut out after it: the title wraps there
    // ("Ansökan om bygglov för nybyggnad av enbostadshus," / "Hedby 3:14").
    let rest = if dnr.is_some() {
        rest.trim_matches(separator)
    } else {
        rest.trim_start_matches(separator)
            .trim_end_matches(|c: char| separator(c) && c != ',')
    };
    if !rest.is_empty() {
        title_parts.push(rest.to_string());
    }

    // Where the last line that gave the title ends (its column, in `-layout` text): see below.
    let column_end = |l: &Line, t: &str| {
        (!l.text.contains('\t'))
            .then(|| l.text.chars().take_while(|c| c.is_whitespace()).count() + t.chars().count())
    };
    let mut title_end = if title_parts.is_empty() {
        None
    } else {
        column_end(head_line, head_line.text.trim_end())
    };
    // Dnr and title lines at the top of the body.
    let mut i = 0;
    let mut looked = 0;
    while i < body.len() && looked < 6 {
        let l = body[i];
        if l.is_blank() {
            i += 1;
            if !title_parts.is_empty() {
                // blank after the title ends it, unless a Dnr line follows right away
                let next = body[i..].iter().find(|l| !l.is_blank());
                if dnr.is_none()
                    && let Some(nl) = next
                    && let Some(d) = line_dnr(nl.trimmed())
                {
                    dnr = Some(d);
                    if let Some(pos) = body.iter().position(|x| std::ptr::eq(*x, *nl)) {
                        i = pos + 1;
                    }
                }
                break;
            }
            continue;
        }
        looked += 1;
        let mut t = l.trimmed();
        // "KSAU § 40" / "Sammanträdesdatum 2025-04-07" / "Dnr …" / title: the page top's date,
        // as text converted without its layout puts the page top's right-hand cells after the
        // first head of the page, is no title
        if title_parts.is_empty() && is_page_top_date(t) {
            i += 1;
            continue;
        }
        // A title ends at its page's end: the next page's top left after the furniture went
        // ("Lövsta 3:5 – Ansökan om rivningslov" / page break / "Sammanträdesdatum 2025-11-19")
        // is no more title, and its date no text either.
        if !title_parts.is_empty() && l.page != head_line.page {
            if is_page_top_date(t) {
                i += 1;
                continue;
            }
            break;
        }
        // "§ 190" / "Dnr RS 2025/01844⇥Regionrådens information": the Dnr under the number in
        // a margin column beside the title, extracted on the title's line before it.
        if dnr.is_none()
            && title_parts.is_empty()
            && let [(_, first), (_, _), ..] = super::text::cells(t).as_slice()
            && let Some(d) = line_dnr(first)
            && let Some(at) = t.find(first.as_str())
        {
            dnr = Some(d);
            t = t[at + first.len()..].trim_start();
        }
        if dnr.is_none()
            && let Some(d) = line_dnr(t)
        {
            dnr = Some(d);
            i += 1;
            // "§ 53 Interpellation från Karin Holt (SD) om …" / "Dnr KS 2025/301" / text with
            // no blank line before it: the Dnr under a title ends the title
            if !title_parts.is_empty() {
                break;
            }
            continue;
        }
        // A title wrapped under the head with the Dnr at the right of its last line ("till
        // Lindsjö Bostäder AB      Dnr KS 2024/61"): the Dnr's cell is no title. So on the
        // title's first line under the number, the Dnr's label over it beside the number
        // ("§ 19⇥Diarienummer" / "Handlingsprogram …⇥RN 2025/012", a text box beside the head).
        let cells = if dnr.is_none() {
            super::text::cells(t)
        } else {
            Vec::new()
        };
        if cells.len() >= 2
            && let Some((_, last)) = cells.last()
            && let Some(d) = line_dnr(last)
            && let Some(at) = t.rfind(last.as_str())
        {
            dnr = Some(d);
            t = t[..at].trim_end();
        }
        if classify_heading(t).is_some() || RULE.is_match(t) {
            break;
        }
        // "§ 1 Upprop" / "Ledamöter: Anna Berg (S) …": a cover label with its colon is the
        // paragraph's text, not more title.
        if !title_parts.is_empty()
            && t.contains(':')
            && super::cover::is_label(t.split(':').next().unwrap_or("").trim())
        {
            break;
        }
        if title_parts.len() >= 4 {
            break;
        }
        // The text run in after the title on the head's own line ("§ 3 Godkännande av
        // dagordning: Dagordningen godkändes …", split by `text`): never more title.
        if !title_parts.is_empty() && l.no == head_line.no {
            break;
        }
        // "Kommunstyrelsen beslutade" / "att godkänna budgeten.": the decision under a title
        // on the head line, no blank line between, is the paragraph's text
        // (a title wrapped at "beslutade investeringar" goes on in lower case)
        if !title_parts.is_empty()
            && t.starts_with(char::is_uppercase)
            && (DECIDES.find(t).is_some_and(|m| m.start() > 0) || DECIDES_BODY.is_match(t))
        {
            break;
        }
        // A sentence right under a title on the head line is the paragraph's text ("§ 88 Val
        // av justeringsperson" / "Hanna Lind (V) utses att justera protokollet."): a title
        // wraps without a full stop.
        let abbreviation = [
            "m.fl.", "m.m.", "m fl.", "mfl.", "m.fl", "etc.", "bl.a.", "o.dyl.",
        ]
        .iter()
        .any(|a| t.ends_with(a));
        // A line of its own starting with a capital and ending in a full stop is a sentence
        // too ("Nämnden noterar informationen."): a wrapped title goes on in lowercase.
        if !title_parts.is_empty()
            && t.ends_with('.')
            && !abbreviation
            && (t.split_whitespace().count() >= 4 || t.starts_with(char::is_uppercase))
        {
            break;
        }
        // "Ekonomichef Olof Skog föredrar ärendet. Nämnden prognostiserar …": a sentence's end
        // within the line is text; a title holds no sentences
        if !title_parts.is_empty() && has_sentence_break(t) {
            break;
        }
        // A title wraps where its next word no longer fits: a line that goes on well past the
        // title's line, whose first word would have fitted there, is the paragraph's text run
        // on under the title without a blank line ("§ 69 Information från kansliet" / "Cecilia
        // Ström informerar om rekryteringen av stödpersoner och om den nationella").
        let end = column_end(l, t);
        if let (Some(prev), Some(end)) = (title_end, end)
            && !title_parts.is_empty()
        {
            let first = t.split_whitespace().next().map_or(0, |w| w.chars().count());
            if prev + 1 + first + end / 10 < end {
                break;
            }
        }
        title_end = end;
        title_parts.push(t.to_string());
        i += 1;
    }
    let mut title = String::new();
    for p in &title_parts {
        flow::join_continuation(&mut title, p);
    }
    // never an agenda row's dot leaders and page number ("Budget ........ 4")
    if title.contains("....")
        && let Some(m) = DOT_LEADERS.find(&title)
    {
        title.truncate(m.start());
    }
    // "§ 12 Ärende: Budget 2026": the title's own label is no part of it
    for label in TITLE_LABELS.iter().map(|l| format!("{l}:")) {
        if title.len() > label.len()
            && title
                .get(..label.len())
                .is_some_and(|head| head.to_lowercase() == label)
        {
            title = title[label.len()..].trim_start().to_string();
            break;
        }
    }
    if title.is_empty() {
        warnings.push(format!("line {}: § {n} has no title", head_line.no));
    }

    // Sections.
    let mut sections: Vec<RawSection> = vec![RawSection {
        kind: None,
        heading: String::new(),
        lines: Vec::new(),
        inline: None,
        line_no: head_line.no,
    }];
    // Set when a line's label cell went on in the next line's (`wrapped_label`): that line is
    // read with it.
    let mut label_wrapped = false;
    for (k, l) in body.iter().enumerate().skip(i) {
        let t = l.trimmed();
        if RULE.is_match(t) {
            sections.push(RawSection {
                kind: None,
                heading: String::new(),
                lines: Vec::new(),
                inline: None,
                line_no: l.no,
            });
            continue;
        }
        if std::mem::take(&mut label_wrapped) {
            continue;
        }
        let classified = classify_heading(t).or_else(|| {
            let (heading, value) = wrapped_label(l, body.get(k + 1).copied())?;
            label_wrapped = true;
            classify_heading(&format!("{heading}\t{value}"))
        });
        if let Some((kind, heading, inline)) = classified {
            sections.push(RawSection {
                kind: Some(kind),
                heading,
                lines: Vec::new(),
                inline: (!inline.is_empty()).then_some(Line {
                    no: l.no,
                    page: l.page,
                    text: inline,
                }),
                line_no: l.no,
            });
            continue;
        }
        label_wrapped = false;
        if let Some(s) = sections.last_mut() {
            s.lines.push(l);
        }
    }

    let mut item = Item {
        recorded: Default::default(),
        paragraph: n,
        dnr,
        title,
        decision: None,
        summary: None,
        basis: Vec::new(),
        motions: Vec::new(),
        proposition_order: None,
        vote: None,
        reservations: Vec::new(),
        notes: Vec::new(),
        disqualifications: Vec::new(),
        dispatch: Vec::new(),
        sections: Vec::new(),
    };
    let mut preamble: Option<String> = None;
    let mut loose: Vec<(usize, String)> = Vec::new();
    // A decision told among the motions, for a paragraph that has no other.
    let mut decided_among_motions: Option<String> = None;
    for (idx, s) in sections.iter().enumerate() {
        let mut lines: Vec<&Line> = Vec::new();
        if let Some(il) = &s.inline {
            lines.push(il);
        }
        lines.extend(s.lines.iter().copied());
        let text_sep = if matches!(s.kind, Some(Kind::Decision)) {
            "\n"
        } else {
            "\n\n"
        };
        let text = reflow(&lines, wrapped, text_sep);
        match s.kind {
            None => {
                if text.trim().is_empty() {
                    continue;
                }
                if idx == 0 {
                    preamble = Some(text);
                } else {
                    loose.push((s.line_no, text));
                }
            }
            Some(Kind::Decision) => {
                if text.trim().is_empty() {
                    continue;
                }
                if item.decision.is_none() {
                    item.decision = Some(text);
                } else {
                    item.sections.push(Section {
                        heading: s.heading.clone(),
                        text,
                    });
                }
            }
            Some(Kind::Summary) => {
                if text.trim().is_empty() {
                    continue;
                }
                if item.summary.is_none() {
                    item.summary = Some(text);
                } else {
                    item.sections.push(Section {
                        heading: s.heading.clone(),
                        text,
                    });
                }
            }
            Some(Kind::Basis) => item.basis.extend(list_entries(&lines, wrapped)),
            Some(Kind::Motions) => {
                for b in blocks(&lines, wrapped) {
                    // "Yrkanden" / "Herr Olle Berg yrkade avslag." / "Fullmäktige beslöt med 21
                    // röster mot 10 att …": the body's decision after the motions, under no
                    // heading of its own, is no motion
                    let joined = b.join("\n");
                    if !YRKAR.is_match(&joined)
                        && DECIDES
                            .find(&joined)
                            .is_some_and(|m| joined[..m.start()].split_whitespace().count() <= 3)
                    {
                        append_opt(&mut decided_among_motions, &joined);
                        continue;
                    }
                    // "Socialnämnden beslutar" / "att anta riktlinjerna …": the decision's
                    // clauses under it, a blank line apart, are its own
                    if let Some(d) = decided_among_motions.as_mut()
                        && joined.starts_with("att ")
                    {
                        d.push('\n');
                        d.push_str(&joined);
                        continue;
                    }
                    // A block opening with a mover is split into sentences ("X yrkar …. Y
                    // instämmer …"); other blocks continue the motion before them.
                    if b.len() == 1 && YRKAR.is_match(&b[0]) {
                        for sentence in sentences(&b[0]) {
                            push_motion(&mut item.motions, sentence, true);
                        }
                    } else {
                        push_motion(&mut item.motions, &b.join("\n"), true);
                    }
                }
            }
            Some(Kind::PropositionOrder) => append_opt(&mut item.proposition_order, &text),
            Some(Kind::Vote) => append_opt(&mut item.vote, &text),
            Some(Kind::Reservation) => {
                for b in blocks(&lines, wrapped) {
                    item.reservations.push(b.join("\n"));
                }
            }
            Some(Kind::Note) => {
                for b in blocks(&lines, wrapped) {
                    item.notes.push(b.join("\n"));
                }
            }
            Some(Kind::NoteOrReservation) => {
                for b in blocks(&lines, wrapped) {
                    let t = b.join("\n");
                    if t.to_lowercase().contains("reserv") {
                        item.reservations.push(t);
                    } else {
                        item.notes.push(t);
                    }
                }
            }
            Some(Kind::Disqualification) => {
                for b in blocks(&lines, wrapped) {
                    item.disqualifications.push(b.join("\n"));
                }
            }
            Some(Kind::Dispatch) => {
                let single = lines.iter().filter(|l| !l.is_blank()).count() == 1;
                for l in &lines {
                    let t = flow::strip_bullet(l.trimmed());
                    if t.is_empty() {
                        continue;
                    }
                    if single && t.contains(',') {
                        item.dispatch.extend(
                            t.split(',')
                                .map(|p| p.trim().to_string())
                                .filter(|p| !p.is_empty()),
                        );
                    } else {
                        item.dispatch
                            .push(t.trim_end_matches([',', ';']).to_string());
                    }
                }
            }
            Some(Kind::Other) => {
                if text.trim().is_empty() {
                    continue;
                }
                scan_sentences(&mut item, &text, true);
                item.sections.push(Section {
                    heading: s.heading.clone(),
                    text,
                });
            }
        }
    }
    if let Some(pre) = preamble {
        scan_sentences(&mut item, &pre, true);
        if item.decision.is_none() {
            // "Kommunstyrelsen beslutar att …" in text without headings.
            let bs = pre.split("\n\n").collect::<Vec<_>>();
            if let Some(pos) = bs
                .iter()
                .position(|b| DECIDES.is_match(b))
                .or_else(|| bs.iter().position(|b| DECIDES_SHORT.is_match(b)))
            {
                // the deciding line inside the block, text without blank lines before it
                let inside = (!opens_with_the_bodys_decision(bs[pos]))
                    .then(|| decides_line_in(bs[pos]))
                    .flatten();
                let mut before: Vec<&str> = bs[..pos].to_vec();
                if let Some(at) = inside {
                    before.push(bs[pos][..at].trim_end());
                    let rest: Vec<&str> = std::iter::once(&bs[pos][at..])
                        .chain(bs[pos + 1..].iter().copied())
                        .collect();
                    item.decision = Some(rest.join("\n"));
                } else {
                    item.decision = Some(bs[pos..].join("\n"));
                }
                if !before.is_empty() && item.summary.is_none() {
                    item.summary = Some(before.join("\n\n"));
                }
                warnings.push(format!(
                    "line {}: § {n}: no decision heading; decision read from the text",
                    head_line.no
                ));
            } else if let Some(at) = decision_line(&pre) {
                // "Direktionen godkänner …" on a line of its own: the decision runs from it to
                // the end, what stands before is the summary.
                let (before, decision) = pre.split_at(at);
                item.decision = Some(decision.trim().to_string());
                let before = before.trim();
                if !before.is_empty() {
                    if item.summary.is_none() {
                        item.summary = Some(before.to_string());
                    } else {
                        item.sections.push(Section {
                            heading: String::new(),
                            text: before.to_string(),
                        });
                    }
                }
                warnings.push(format!(
                    "line {}: § {n}: no decision heading; decision read from the text",
                    head_line.no
                ));
            } else if item.summary.is_none() {
                item.summary = Some(pre);
            } else {
                item.sections.push(Section {
                    heading: String::new(),
                    text: pre,
                });
            }
        } else if item.summary.is_none() {
            item.summary = Some(pre);
        } else {
            item.sections.push(Section {
                heading: String::new(),
                text: pre,
            });
        }
    }
    if item.decision.is_none() {
        item.decision = decided_among_motions;
    }
    // "Kommunstyrelsens förslag till kommunfullmäktige" with no decision heading: in the
    // styrelse's own minutes its proposal to fullmäktige is what it decided (in fullmäktige's
    // minutes "Kommunfullmäktiges beslut" follows and is the decision).
    if item.decision.is_none()
        && let Some(s) = item
            .sections
            .iter()
            .find(|s| is_proposal_to_council(&s.heading))
        && !s.text.trim().is_empty()
    {
        item.decision = Some(s.text.clone());
    }
    // "Förvaltningens förslag till beslut" / its text / "Nämnden beslutar enligt
    // förvaltningens förslag.": the closing sentence that decides is the decision, the text
    // before it the proposal it points at.
    if item.decision.is_none()
        && let Some(k) = item.sections.iter().position(|s| {
            proposal_heading(&s.heading).is_some()
                && s.text
                    .trim_end()
                    .rsplit_once("\n\n")
                    .is_some_and(|(before, last)| {
                        !before.trim().is_empty()
                            && DECIDES.is_match(last)
                            && POINTS_TO_PROPOSAL
                                .is_match(&last.split_whitespace().collect::<Vec<_>>().join(" "))
                    })
        })
        && let Some((before, last)) = item.sections[k].text.trim_end().rsplit_once("\n\n")
    {
        let (before, last) = (before.trim_end().to_string(), last.trim().to_string());
        item.sections[k].text = before;
        item.decision = Some(last);
    }
    // "Sammanfattning" / … / "Kommunstyrelsen beslutar" / "att godkänna budgeten": the body's
    // decision closing the summary or another section, under no heading of its own, runs from
    // its block to the section's end
    if item.decision.is_none() {
        // (after a vote, a proposition order or a jäv too: "Omröstning" / … /
        // "Kommunstyrelsen beslutar" / "att …")
        // A printed proposal's first block ("Förslag till beslut" / "Tekniska nämnden
        // fastställer …") says what the body is asked to decide, never that it did; a later
        // block of its section may ("Ordförandens förslag" / "Att godkänna." / "Socialnämnden
        // beslutar …").
        let texts = item
            .summary
            .iter_mut()
            .map(|t| (false, t))
            .chain(
                item.sections
                    .iter_mut()
                    .map(|s| (proposal_heading(&s.heading).is_some(), &mut s.text)),
            )
            .chain(item.vote.iter_mut().map(|t| (false, t)))
            .chain(item.proposition_order.iter_mut().map(|t| (false, t)))
            .chain(item.disqualifications.iter_mut().map(|t| (false, t)));
        for (proposal, text) in texts {
            let blocks: Vec<&str> = text.split("\n\n").collect();
            if let Some(k) = blocks
                .iter()
                .enumerate()
                .position(|(k, b)| (!proposal || k > 0) && opens_with_the_bodys_decision(b))
            {
                item.decision = Some(blocks[k..].join("\n"));
                *text = blocks[..k].join("\n\n");
                warnings.push(format!(
                    "line {}: § {n}: no decision heading; decision read from the text",
                    head_line.no
                ));
                break;
            }
            // without blank lines: the deciding line inside a block
            if let Some((k, at)) = blocks
                .iter()
                .enumerate()
                .find_map(|(k, b)| decides_line_in(b).map(|at| (k, at)))
            {
                let mut decision = blocks[k][at..].to_string();
                for b in &blocks[k + 1..] {
                    decision.push('\n');
                    decision.push_str(b);
                }
                let mut before: Vec<&str> = blocks[..k].to_vec();
                before.push(blocks[k][..at].trim_end());
                item.decision = Some(decision);
                *text = before.join("\n\n");
                warnings.push(format!(
                    "line {}: § {n}: no decision heading; decision read from the text",
                    head_line.no
                ));
                break;
            }
        }
        if item.summary.as_deref().is_some_and(|t| t.trim().is_empty()) {
            item.summary = None;
        }
        if item.vote.as_deref().is_some_and(|t| t.trim().is_empty()) {
            item.vote = None;
        }
        item.disqualifications.retain(|d| !d.trim().is_empty());
        item.sections.retain(|s| !s.text.trim().is_empty());
    }
    if let Some(d) = &item.decision
        && let Some(p) = pointed_proposal(d, &item.sections)
    {
        warnings.push(format!(
            "line {}: § {n}: the decision {:?} points to the proposal under {:?}; its text follows it in the decision",
            head_line.no,
            d.trim(),
            p.heading
        ));
        // The sentence as printed stays (what the minutes say), the proposal's text after it
        // (what was decided, searchable as a decision).
        item.decision = Some(format!("{}\n{}", d.trim(), p.text.trim()));
    }
    for (no, text) in loose {
        warnings.push(format!(
            "line {no}: § {n}: text after a rule without heading"
        ));
        item.sections.push(Section {
            heading: String::new(),
            text,
        });
    }
    if item.decision.is_none() {
        warnings.push(format!("line {}: § {n} has no decision", head_line.no));
    }
    if let Some(inner) = item.decision.as_deref().and_then(one_quotation) {
        item.decision = Some(inner);
    }
    // "Paragrafen förklaras omedelbart justerad" with the decision, or under a heading of its
    // own ("Omedelbar justering"): never in a motion, a proposal or the summary, where it is
    // only asked for.
    item.recorded.immediately_justerad = item
        .decision
        .iter()
        .chain(
            item.sections
                .iter()
                .filter(|s| s.heading.is_empty() || s.heading.to_lowercase().contains("justering"))
                .map(|s| &s.text),
        )
        .any(|t| IMMEDIATELY_JUSTERAD.is_match(t));
    item.reservations.dedup();
    item.disqualifications.dedup();
    item
}

/// A paragraph declared immediately justerad (KL 5 kap. 70 §, 6 kap. 35 §): "Paragrafen
/// förklaras omedelbart justerad", "Beslutet justeras omedelbart", "… med omedelbar justering".
static IMMEDIATELY_JUSTERAD: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?i)\b(?:förklara[sd]?|förklarades)\s+omedelbart\s+justerad\b|\bjusteras\s+omedelbart\b|\bomedelbart\s+justerad\b|\bomedelbar\s+justering\b",
    )
    .expect("regex")
});

/// A decision printed as one quotation of the proposal it adopts ("”Nämnden godkänner …”"):
/// the text inside the marks, which are the template's, no words of the decision. None when
/// the text is not one quotation (a quote inside it, or text outside the marks).
fn one_quotation(text: &str) -> Option<String> {
    const MARKS: &[char] = &['”', '“', '"', '»', '«', '„'];
    let t = text.trim();
    // the sentence's full stop may stand after the closing mark: "”… 2024”."
    let (t, stop) = match t.strip_suffix('.') {
        Some(r) if r.ends_with(MARKS) => (r, true),
        _ => (t, false),
    };
    let inner = t.strip_prefix(MARKS)?.strip_suffix(MARKS)?.trim();
    if inner.is_empty() || inner.contains(MARKS) {
        return None;
    }
    Some(if stop && !inner.ends_with('.') {
        format!("{inner}.")
    } else {
        inner.to_string()
    })
}

/// The byte offset of the first line or sentence of `text` (reflowed text runs sentences of
/// several lines together) that opens with the body deciding ([`DECIDES_BODY`]).
/// Where, inside a block, a line that opens with the body saying it decides starts ("… enligt
/// fritidskontorets förslag." / "Fritidsnämnden beslutar" / "att …"): after a line that ends a
/// sentence, as text without blank lines (a word processor's paragraphs, one a line) sets the
/// decision under the text before it. Only "beslutar" counts here, the strongest marker.
pub(crate) fn decides_line_in(block: &str) -> Option<usize> {
    if !block.contains(" beslutar") {
        return None;
    }
    block.match_indices('\n').map(|(at, _)| at).find_map(|at| {
        let (before, line) = (&block[..at], &block[at + 1..]);
        (before.trim_end().ends_with('.') && is_decides_line(line.lines().next().unwrap_or("")))
            .then_some(at + 1)
    })
}

/// A line opening with the body saying it decides: "Fritidsnämnden beslutar", "Nämnden
/// beslutar att …".
pub(crate) fn is_decides_line(line: &str) -> bool {
    line.contains(" beslutar") && opens_with_the_bodys_decision(line) && {
        let words: Vec<&str> = line.split_whitespace().collect();
        words.iter().take(4).any(|w| *w == "beslutar")
    }
}

/// Whether a block opens with the body deciding: "Kommunstyrelsen beslutar" (then "att …"),
/// "Nämnden godkänner …", "Kultur- och fritidsnämnden beslutade att …" — the subject at most
/// three words before the verb, never a proposal's ("Förvaltningen föreslår att nämnden
/// beslutar …").
fn opens_with_the_bodys_decision(block: &str) -> bool {
    let b = block.trim_start();
    if !b.starts_with(char::is_uppercase) {
        return false;
    }
    if DECIDES_BODY.is_match(b) || DECIDED_PASSIVE.is_match(b) {
        return true;
    }
    DECIDES.find(b).is_some_and(|m| {
        let subject = &b[..m.start()];
        let words = subject.split_whitespace().count();
        (1..=3).contains(&words)
            && !subject.contains('\n')
            && subject
                .split_whitespace()
                .all(|w| !matches!(w, "att" | "föreslår" | "yrkar" | "om" | "hur" | "när"))
    })
}

/// Whether a line ends a sentence within itself: a full stop after a word of four or more
/// letters, then a space and a capital ("… föredrar ärendet. Nämnden …"). An abbreviation
/// ("kap.", "nr.", "m.m.") or a number before the stop is no sentence's end.
fn has_sentence_break(t: &str) -> bool {
    t.match_indices(". ").any(|(at, _)| {
        let word = t[..at].rsplit(' ').next().unwrap_or("");
        word.chars().count() >= 4
            && word.chars().all(char::is_alphabetic)
            && t[at + 2..].chars().next().is_some_and(char::is_uppercase)
    })
}

fn decision_line(text: &str) -> Option<usize> {
    let starts = std::iter::once(0).chain(
        text.char_indices()
            .filter(|&(i, c)| c == '\n' || (c == ' ' && text[..i].ends_with('.')))
            .map(|(i, c)| i + c.len_utf8()),
    );
    starts
        .map(|at| at + (text[at..].len() - text[at..].trim_start().len()))
        .find(|&at| DECIDES_BODY.is_match(&text[at..]) || DECIDED_PASSIVE.is_match(&text[at..]))
}

fn append_opt(slot: &mut Option<String>, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    match slot {
        Some(s) => {
            s.push_str("\n\n");
            s.push_str(text);
        }
        None => *slot = Some(text.to_string()),
    }
}

/// Adds a motion from a block of text. In a "Yrkanden" section (`attach`), blocks without a
/// mover continue the motion before them (the quoted wording of the motion).
fn push_motion(motions: &mut Vec<ParsedMotion>, text: &str, attach: bool) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    if let Some(m) = YRKAR.find(text) {
        let before = &text[..m.start()];
        let who = people::movers(before);
        let verb = m.as_str().to_lowercase();
        if verb == "instämmer"
            && let Some(last) = motions.last_mut()
        {
            for w in who {
                if !last.movers.contains(&w) {
                    last.movers.push(w);
                }
            }
            last.text.push('\n');
            last.text.push_str(text);
            return;
        }
        if !who.is_empty() || verb == "yrkar" {
            motions.push(ParsedMotion {
                kind: None,
                movers: who,
                text: text.to_string(),
            });
            return;
        }
    }
    if attach {
        match motions.last_mut() {
            Some(last) => {
                last.text.push('\n');
                last.text.push_str(text);
            }
            None => motions.push(ParsedMotion {
                kind: None,
                movers: Vec::new(),
                text: text.to_string(),
            }),
        }
    }
}

/// Motions, propositions, votes, reservations and jäv recorded as sentences in running text
/// ("Överläggning", "Beslutsgång", text without headings).
fn scan_sentences(item: &mut Item, text: &str, _from_other: bool) {
    for block in text.split("\n\n") {
        for line in block.split('\n') {
            let l = line.trim();
            if l.is_empty() {
                continue;
            }
            let lower = l.to_lowercase();
            if (lower.contains("yrkar") || lower.contains("yrkade") || lower.contains("instämmer"))
                && YRKAR.is_match(l)
            {
                for sentence in sentences(l) {
                    push_motion(&mut item.motions, sentence, false);
                }
            }
            let prop = lower.contains("proposition") || lower.contains("finner att");
            for sentence in prop.then(|| sentences(l)).into_iter().flatten() {
                let ls = sentence.to_lowercase();
                if ls.contains("proposition")
                    || (ls.contains("finner att") && ls.contains("ordför"))
                {
                    append_line(&mut item.proposition_order, sentence);
                }
            }
            if lower.contains("omröstning")
                || lower.contains("röster")
                || lower.starts_with("ja ")
                || lower.starts_with("nej ")
                || lower.starts_with("ja-röst")
                || lower.starts_with("nej-röst")
                || lower.starts_with("avstår")
            {
                append_line(&mut item.vote, l);
            }
            if lower.contains("reserv")
                && RESERVES.is_match(l)
                && !item.reservations.iter().any(|r| r == l)
            {
                item.reservations.push(l.to_string());
            }
            if lower.contains("jäv")
                && JAV.is_match(l)
                && !item.disqualifications.iter().any(|r| r == l)
            {
                item.disqualifications.push(l.to_string());
            }
        }
    }
}

/// Splits a line into sentences at ". " before a capital letter.
fn sentences(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    for (i, _) in line.match_indices(". ") {
        let next = line[i + 2..].chars().next();
        if next.is_some_and(char::is_uppercase) && i > start {
            out.push(line[start..=i].trim());
            start = i + 2;
        }
    }
    let _ = bytes;
    if start < line.len() {
        out.push(line[start..].trim());
    }
    out
}

fn append_line(slot: &mut Option<String>, line: &str) {
    match slot {
        Some(s) => {
            if !s.contains(line) {
                s.push('\n');
                s.push_str(line);
            }
        }
        None => *slot = Some(line.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_that_is_one_quotation_keeps_no_marks() {
        assert_eq!(
            one_quotation("”Nämnden godkänner uppföljningen.”").as_deref(),
            Some("Nämnden godkänner uppföljningen.")
        );
        assert_eq!(
            one_quotation("\"Nämnden godkänner uppföljningen\".").as_deref(),
            Some("Nämnden godkänner uppföljningen.")
        );
        // text outside the marks, or two quotations: the marks are the decision's own
        assert_eq!(one_quotation("Nämnden antar ”Plan 2024”."), None);
        assert_eq!(one_quotation("”Ja” och ”nej”"), None);
    }

    #[test]
    fn the_chair_opening_or_closing_the_meeting_is_what_the_paragraph_records() {
        assert!(DECIDES_SHORT.is_match("Ordförande öppnade mötet och hälsade alla välkomna."));
        assert!(DECIDES_SHORT.is_match("Ordföranden tackar för året och avslutar mötet."));
        assert!(DECIDES_SHORT.is_match("Ordföranden förklarade sammanträdet öppnat."));
        assert!(DECIDES_SHORT.is_match("Styrelsen utsåg Ali Rahimi att justera protokollet."));
        assert!(!DECIDES_SHORT.is_match("Mötet öppnades för allmänheten kl. 18."));
    }

    #[test]
    fn a_running_reference_at_the_right_of_a_head_is_no_title() {
        assert!(is_body_and_date("KSAU 2024-03-12"));
        assert!(is_body_and_date("BUN 12 mars 2024"));
        assert!(is_body_and_date("2024-03-12"));
        // a title or a Dnr is none
        assert!(!is_body_and_date("Budget 2024-03-12 och framåt"));
        assert!(!is_body_and_date("Val av justerare"));
        assert!(!is_body_and_date("KS 2024/61"));
    }

    #[test]
    fn a_page_top_date_is_no_title() {
        assert!(is_page_top_date("2025-06-17"));
        assert!(is_page_top_date("Sammanträdesdatum 2025-04-07"));
        assert!(is_page_top_date("Datum: 2025-04-07"));
        assert!(!is_page_top_date("Budget 2025-04-07 och framåt"));
        assert!(!is_page_top_date("Val av justerare"));
    }

    #[test]
    fn a_body_named_as_a_suspended_compound_decides() {
        assert!(
            DECIDES_BODY.is_match("Personal- och förhandlingsutskottet utser Erik Malmberg (M)")
        );
        assert!(DECIDES_BODY.is_match("Plan- och byggnadsnämnden beviljar bygglov."));
        assert!(DECIDES_BODY.is_match("Vård- och omsorgsberedningen föreslår kommunstyrelsen"));
    }

    #[test]
    fn an_hour_before_the_title_is_no_title() {
        let head = match_head("§ 43   Kl. 08.00   Vallokalernas öppnande").unwrap();
        let head_line = Line {
            no: 1,
            page: 0,
            text: "§ 43   Kl. 08.00   Vallokalernas öppnande".into(),
        };
        let item = parse_item(&head, &head_line, &[], false, &mut Vec::new());
        assert_eq!(item.title, "Vallokalernas öppnande");
        assert!(is_hour_cell("kl 14:20") && is_hour_cell("Klockan 23.40"));
        assert!(!is_hour_cell("Kl. 08.00–12.00") && !is_hour_cell("Klagomål"));
    }

    #[test]
    fn a_decision_verb_whose_letters_a_scan_lost() {
        assert!(DECIDES_BODY.is_match("Tekniska nämnden föreslar kommunfullmäktige"));
        assert!(DECIDES_BODY.is_match("Nämnden godkanner redovisningen."));
        assert!(DECIDES_BODY.is_match("Direktionen lagger rapporten till handlingarna."));
        assert!(!DECIDES_BODY.is_match("Nämnden foreslagen ska utredas."));
    }

    #[test]
    fn a_title_ends_at_its_pages_end() {
        let line = |no, page, text: &str| Line {
            no,
            page,
            text: text.to_string(),
        };
        let head_line = line(1, 1, "BMN § 124\tDnr BMN 2025-000601");
        let head = match_head(&head_line.text).unwrap();
        let lines = [
            line(2, 1, "Lövsta 3:5 – Ansökan om rivningslov för ladugård"),
            line(3, 2, "Sammanträdesdatum 2025-11-19"),
            line(4, 2, "Bygg- och miljönämndens beslut"),
            line(5, 2, "Bygg- och miljönämnden beviljar rivningslov."),
        ];
        let body: Vec<&Line> = lines.iter().collect();
        let item = parse_item(&head, &head_line, &body, false, &mut Vec::new());
        assert_eq!(
            item.title,
            "Lövsta 3:5 – Ansökan om rivningslov för ladugård"
        );
        assert_eq!(
            item.decision.as_deref(),
            Some("Bygg- och miljönämnden beviljar rivningslov.")
        );
        assert_eq!(item.summary, None);
    }

    #[test]
    fn a_label_cell_wrapped_onto_the_next_row() {
        let line = |no, text: &str| Line {
            no,
            page: 0,
            text: text.to_string(),
        };
        let a = line(
            1,
            "      Förslag till      Kommunfullmäktige bifaller motionen och",
        );
        let b = line(2, "      kommunstyrelsen   uppdrar åt nämnden att svara.");
        assert_eq!(
            wrapped_label(&a, Some(&b)),
            Some((
                "Förslag till kommunstyrelsen".to_string(),
                "Kommunfullmäktige bifaller motionen och uppdrar åt nämnden att svara.".to_string()
            ))
        );
        // the next row's label in capitals is a label of its own
        let c = line(2, "      Reservation       Per Ek (M) reserverar sig.");
        assert_eq!(wrapped_label(&a, Some(&c)), None);
    }

    #[test]
    fn a_preparing_bodys_proposal_is_its_decision() {
        for h in [
            "Kommunstyrelsens förslag till kommunfullmäktige",
            "Regionstyrelsens förslag till regionfullmäktige",
            "Arbetsutskottets förslag till kommunstyrelsen",
            "Kommunstyrelsens arbetsutskotts förslag till kommunstyrelsen",
            "Beredningens förslag till socialnämnden",
        ] {
            assert!(is_proposal_to_council(h), "{h}");
        }
        // with no owner, a proposal to fullmäktige or a styrelse is the preparing body's own
        for h in [
            "Förslag till regionfullmäktige",
            "Förslag till kommunfullmäktige",
            "Förslag till kommunstyrelsen",
        ] {
            assert!(is_proposal_to_council(h), "{h}");
        }
        for h in [
            "Förvaltningens förslag till nämnden",
            "Förslag till nämnden",
            "Förslag till beslut",
            "Kommunstyrelsens förslag till beslut",
            "Socialkontorets förslag till socialnämnden",
        ] {
            assert!(!is_proposal_to_council(h), "{h}");
        }
    }

    #[test]
    fn a_decision_heading_with_its_sentence_on_the_line() {
        let (kind, head, inline) = classify_heading("Beslut: Informationen noteras.").unwrap();
        assert_eq!(
            (kind, head.as_str(), inline.as_str()),
            (Kind::Decision, "Beslut", "Informationen noteras.")
        );
        // A sentence that only starts with a heading word is none.
        assert!(classify_heading("Beslutet gäller från 1 maj.").is_none());
        assert!(classify_heading("Beslut.").is_none());
        // a heading in a table's left cell, its text in the right one
        assert_eq!(
            classify_heading("Beslut\tNämnden godkänner rapporten."),
            Some((
                Kind::Decision,
                "Beslut".to_string(),
                "Nämnden godkänner rapporten.".to_string()
            ))
        );
        assert!(classify_heading("Beslut\tDatum\tDelegat").is_none());
        // the same table in `-layout` text, spaces between the cells
        assert_eq!(
            classify_heading("Beslut            Nämnden godkänner rapporten."),
            Some((
                Kind::Decision,
                "Beslut".to_string(),
                "Nämnden godkänner rapporten.".to_string()
            ))
        );
        assert!(classify_heading("Beslut     Datum     Delegat").is_none());
        // a run-in heading's text may be long; a heading alone may not
        let long = "Beslut: Servicenämnden godkänner lokalförsörjningsplanen och överlämnar den till kommunstyrelsen.";
        assert_eq!(
            classify_heading(long).map(|(k, h, _)| (k, h)),
            Some((Kind::Decision, "Beslut".to_string()))
        );
        assert!(
            classify_heading(
                "Beslut om att godkänna lokalförsörjningsplanen och att överlämna den till kommunstyrelsen"
            )
            .is_none()
        );
    }

    #[test]
    fn a_sentence_within_a_line_under_the_title_is_text() {
        assert!(has_sentence_break(
            "Ekonomichef Olof Skog föredrar ärendet. Nämnden prognostiserar ett underskott om"
        ));
        // abbreviations and law references end no sentence
        assert!(!has_sentence_break(
            "Ansökan enligt 9 kap. Plan- och bygglagen"
        ));
        assert!(!has_sentence_break("Bygglov m.m. Hedby 3:14"));
        assert!(!has_sentence_break("Delårsrapport januari–april 2025"));
    }

    #[test]
    fn a_dnr_label_beside_the_number_and_its_value_beside_the_title() {
        // a text box beside the head, drawn last and laid out beside its lines
        let line = |no: usize, text: &str| Line {
            no,
            page: 0,
            text: text.into(),
        };
        let head_line = line(1, "§ 19\tDiarienummer");
        let body = [
            line(2, "Handlingsprogram för skydd mot olyckor\tRN 2025/012"),
            line(3, ""),
            line(4, "Räddningstjänsten har tagit fram ett förslag."),
        ];
        let body: Vec<&Line> = body.iter().collect();
        let head = match_head(&head_line.text).unwrap();
        let item = parse_item(&head, &head_line, &body, false, &mut Vec::new());
        assert_eq!(item.title, "Handlingsprogram för skydd mot olyckor");
        assert_eq!(item.dnr.as_deref(), Some("RN 2025/012"));
    }

    #[test]
    fn a_labelled_dnr_before_the_title_leaves_the_title() {
        let t = "Dnr SN 2025/14 Budget 2026";
        let (d, r) = dnr_in(t).unwrap();
        assert_eq!(d, "SN 2025/14");
        assert_eq!(t[r.end..].trim(), "Budget 2026");
        // A series printed after the numbers in capitals stays ("§ 63 Dnr 2026.113 KS").
        assert_eq!(
            dnr_in("Dnr 2026.113 KS").map(|x| x.0).as_deref(),
            Some("2026.113 KS")
        );
        assert_eq!(line_dnr("Ärende 2025/14").as_deref(), Some("2025/14"));
        assert_eq!(line_dnr("Ärendet gäller budget 2026"), None);
    }

    #[test]
    fn a_bare_dnr_in_parentheses_keeps_its_series() {
        let t = "Budget (SN 2025/14)";
        let (d, r) = dnr_in(t).unwrap();
        assert_eq!(d, "SN 2025/14");
        assert_eq!(&t[r], "SN 2025/14");
    }

    #[test]
    fn a_dnr_in_parentheses_or_labelled_arendenummer() {
        assert_eq!(
            line_dnr("(BMN 2025-01234)").as_deref(),
            Some("BMN 2025-01234")
        );
        assert_eq!(
            line_dnr("Ärendenummer BMN.2025.1301").as_deref(),
            Some("BMN.2025.1301")
        );
        assert_eq!(line_dnr("Ärende nr: 2025/88").as_deref(), Some("2025/88"));
        // Running text about an ärende holds no Dnr.
        assert_eq!(line_dnr("Ärendet gäller 2025 års budget."), None);
        assert_eq!(dnr_in("Ärendet avser bygglov för 12 bostäder"), None);
    }

    #[test]
    fn a_deciding_line_inside_a_block_without_blank_lines() {
        // "… förslag." / "Fritidsnämnden beslutar" / "att …": text without blank lines
        let t = "Ordföranden ställer proposition och finner att nämnden beslutar enligt förslaget.\nFritidsnämnden beslutar att fastställa taxorna.";
        assert_eq!(
            decides_line_in(t).map(|at| &t[at..]),
            Some("Fritidsnämnden beslutar att fastställa taxorna.")
        );
        // a sentence going on over the line ("… att nämnden" / "beslutar …") is no such line,
        // and neither is a proposal's
        assert_eq!(
            decides_line_in("Förvaltningen föreslår att\nnämnden beslutar att anta planen."),
            None
        );
        assert_eq!(
            decides_line_in(
                "Ärendet föredras.\nFörvaltningen föreslår att nämnden beslutar att anta planen."
            ),
            None
        );
    }

    #[test]
    fn a_council_decides_in_its_name_too() {
        let t = "Protokollet från sammanträdet 2026-05-19 gås igenom. Rådet lägger\nprotokollet till handlingarna.";
        assert_eq!(
            decision_line(t).map(|at| &t[at..]),
            Some("Rådet lägger\nprotokollet till handlingarna.")
        );
        assert!(opens_with_the_bodys_decision(
            "Kommunala pensionärsrådet väljer Kurt Ek att justera protokollet."
        ));
        assert!(opens_with_the_bodys_decision(
            "Rådet tackar för informationen."
        ));
        // the council's other sentences are no decision
        assert!(!opens_with_the_bodys_decision(
            "Rådet tackar föredraganden."
        ));
    }

    #[test]
    fn a_decision_told_by_the_body_in_running_text() {
        let t = "Förbundet redovisar ett överskott. Direktionen godkänner rapporten.";
        assert_eq!(
            decision_line(t).map(|at| &t[at..]),
            Some("Direktionen godkänner rapporten.")
        );
        let t = "Förvaltningen informerar.\nNämnden tar del av informationen.";
        assert_eq!(
            decision_line(t).map(|at| &t[at..]),
            Some("Nämnden tar del av informationen.")
        );
        let t = "Kultur- och fritidsnämnden utser Eva Ek att justera.";
        assert_eq!(decision_line(t), Some(0));
        // an adjective before the bare kind word
        let t = "Tekniska nämnden utser Yvonne Rapp (SD)\natt justera protokollet.";
        assert_eq!(decision_line(t), Some(0));
        assert_eq!(
            decision_line("Gemensamma nämnden godkänner rapporten."),
            Some(0)
        );
        // An earlier decision told in the past tense, a body in the middle of a sentence, and
        // a tjänsteperson's proposal are no decision.
        assert_eq!(decision_line("Nämnden godkände planen 2019."), None);
        assert_eq!(
            decision_line("Förvaltningen föreslår att nämnden godkänner planen."),
            None
        );
        assert_eq!(
            decision_line("Förbundschefen föreslår att taxan höjs."),
            None
        );
    }

    #[test]
    fn a_separator_between_number_and_title() {
        for (line, title) in [
            ("§12 – Delegationsbeslut", "Delegationsbeslut"),
            ("§ 13 - Bygglov för nybyggnad", "Bygglov för nybyggnad"),
            ("§ 14. Tillsynsplan 2025", "Tillsynsplan 2025"),
            ("§ 15: Val av ombud", "Val av ombud"),
        ] {
            let h = match_head(line).unwrap_or_else(|| panic!("{line:?}"));
            assert_eq!(h.rest, title, "{line:?}");
        }
        assert!(match_head("§ 3. nämnden beslutar enligt förslaget.").is_none());
    }

    #[test]
    fn a_hyphenated_dnr_on_a_line_of_its_own() {
        assert_eq!(line_dnr("TN-2024-1522").as_deref(), Some("TN-2024-1522"));
        assert_eq!(
            line_dnr("SN-2019-000123").as_deref(),
            Some("SN-2019-000123")
        );
        assert_eq!(line_dnr("2025-04-28"), None, "a date");
        assert_eq!(line_dnr("Trafiksäkerhetsprogram 2025-2030"), None);
        assert_eq!(line_dnr("E-2024-1"), Some("E-2024-1".into()));
        assert_eq!(line_dnr("RS 2024-884"), Some("RS 2024-884".into()));
    }

    #[test]
    fn recognises_heads() {
        let h = match_head("§ 1").unwrap();
        assert_eq!((h.number, h.continuation, h.rest.as_str()), (1, false, ""));
        let h = match_head("KF § 103                            KS KF/2024:8").unwrap();
        assert_eq!((h.number, h.rest.as_str()), (103, "KS KF/2024:8"));
        let h = match_head("BUN § 25").unwrap();
        assert_eq!(h.number, 25);
        let h = match_head("§12 Val av justerare").unwrap();
        assert_eq!((h.number, h.rest.as_str()), (12, "Val av justerare"));
        let h = match_head("KS § 12   Dnr KS 2020/45").unwrap();
        assert_eq!((h.number, h.rest.as_str()), (12, "Dnr KS 2020/45"));
        assert!(match_head("Fortsättning KS § 13").unwrap().continuation);
        assert!(match_head("forts. § 13").unwrap().continuation);
        assert!(match_head("KS § 13 (forts.)").unwrap().continuation);
        assert!(match_head("§ 13 forts").unwrap().continuation);
        assert!(match_head("Bilaga A § 2/25").is_none());
        assert!(match_head("§§ 1-4").is_none());
        assert!(match_head("Enligt § 12 ska nämnden").is_none());
        assert!(match_head("§ 3 (förbundets ändamål) anger").is_none());
        assert!(match_head("Kommunchefsberedningens sammanträde 2024-02-14 § 1").is_none());
        let h = match_head("§ 63 2026.113 KS").unwrap();
        assert_eq!((h.number, h.rest.as_str()), (63, "2026.113 KS"));
        // the number after the title, in brackets
        let h = match_head("Budget 2027, inriktning (§ 22)").unwrap();
        assert_eq!(
            (h.number, h.rest.as_str(), h.trailing),
            (22, "Budget 2027, inriktning", true)
        );
        assert!(
            match_head("Nämnden har tidigare beslutat om detta. Se protokoll (§ 12)").is_none()
        );
        assert!(match_head("enligt tidigare beslut (§ 12)").is_none());
        // a body's short name in mixed case, not a short word of a sentence
        assert_eq!(match_head("Ks § 30").unwrap().number, 30);
        assert_eq!(match_head("Bun § 4 Val av justerare").unwrap().number, 4);
        assert!(match_head("Se § 12 Beslut").is_none());
        assert!(match_head("Till § 12 Ärendet").is_none());
    }

    #[test]
    fn finds_dnr() {
        assert_eq!(line_dnr("Dnr 2024/25").as_deref(), Some("2024/25"));
        assert_eq!(line_dnr("DNR KS 4/2020").as_deref(), Some("KS 4/2020"));
        assert_eq!(line_dnr("BUN/2023:210").as_deref(), Some("BUN/2023:210"));
        assert_eq!(line_dnr("KS KF/2024:8").as_deref(), Some("KS KF/2024:8"));
        assert_eq!(line_dnr("Dnr: KS 2020/45").as_deref(), Some("KS 2020/45"));
        assert_eq!(line_dnr("KS.2025.12").as_deref(), Some("KS.2025.12"));
        // a number over a two-digit year, labelled only
        assert_eq!(line_dnr("Ärendenr 25/12").as_deref(), Some("25/12"));
        assert_eq!(line_dnr("Ärende nr 2025:14").as_deref(), Some("2025:14"));
        assert_eq!(line_dnr("25/12"), None);
        assert_eq!(line_dnr("2024-05-14"), None);
        assert_eq!(line_dnr("Information angående säkerhetsarbetet"), None);
        assert_eq!(line_dnr("Ordförandeskap 2024-2026"), None);
    }

    #[test]
    fn classifies_headings() {
        let k = |s: &str| classify_heading(s).map(|(k, _, _)| k);
        assert_eq!(k("Direktionens beslut"), Some(Kind::Decision));
        assert_eq!(k("Beslut:"), Some(Kind::Decision));
        // the rarer wordings
        assert_eq!(k("Slutligt beslut"), Some(Kind::Decision));
        assert_eq!(k("Beslut på sammanträdet"), Some(Kind::Decision));
        assert_eq!(k("Beslut enligt förslag"), Some(Kind::Decision));
        assert_eq!(k("Kommunfullmäktiges beslut"), Some(Kind::Decision));
        assert_eq!(
            k("Barn- och utbildningsnämndens beslut"),
            Some(Kind::Decision)
        );
        assert_eq!(k("Förslag till beslut"), Some(Kind::Other));
        assert_eq!(k("Arbetsutskottets förslag till beslut"), Some(Kind::Other));
        assert_eq!(k("Sammanfattning av ärendet"), Some(Kind::Summary));
        assert_eq!(k("Ärendebeskrivning"), Some(Kind::Summary));
        assert_eq!(k("Beslutsunderlag"), Some(Kind::Basis));
        assert_eq!(k("Beslutet expedieras till:"), Some(Kind::Dispatch));
        assert_eq!(k("Expedieras till: Akt, KS"), Some(Kind::Dispatch));
        assert_eq!(
            k("Protokollsanteckning/reservation"),
            Some(Kind::NoteOrReservation)
        );
        assert_eq!(k("Propositionsordningar"), Some(Kind::PropositionOrder));
        assert_eq!(k("Kommunfullmäktiges handläggning"), Some(Kind::Other));
        assert_eq!(k("Status Itsam avseende organisation"), None);
        assert_eq!(k("Beslut om ny styrmodell för Lomma kommun"), None);
        assert_eq!(k("Meddelanden:"), None);
    }

    fn ls(text: &str) -> Vec<Line> {
        text.lines()
            .enumerate()
            .map(|(i, t)| Line {
                no: i + 2,
                page: 0,
                text: t.to_string(),
            })
            .collect()
    }

    #[test]
    fn the_decisions_clauses_after_the_motions_are_its_own() {
        let head = match_head("§ 104    Riktlinjer för socialbidrag 1993").unwrap();
        let hl = Line {
            no: 1,
            page: 0,
            text: "§ 104    Riktlinjer för socialbidrag 1993".into(),
        };
        let body = ls(
            "Yrkanden\n\nKjell Dahlén (fp) yrkar att normen räknas upp med 1,5 procent.\n\nSocialnämnden beslutar\n\natt anta riktlinjerna för socialbidrag 1993 enligt bilaga.\n\natt uppdra åt socialchefen att följa upp normen.\n\nReservation\n\nKjell Dahlén (fp) reserverar sig mot beslutet.",
        );
        let refs: Vec<&Line> = body.iter().collect();
        let item = parse_item(&head, &hl, &refs, true, &mut Vec::new());
        assert_eq!(
            item.decision.as_deref(),
            Some(
                "Socialnämnden beslutar\natt anta riktlinjerna för socialbidrag 1993 enligt bilaga.\natt uppdra åt socialchefen att följa upp normen."
            )
        );
        assert_eq!(item.motions.len(), 1);
        assert!(!item.motions[0].text.contains("att anta"));
    }

    #[test]
    fn parses_a_classic_paragraph() {
        let head = match_head("KS § 12").unwrap();
        let hl = Line {
            no: 1,
            page: 0,
            text: "KS § 12".into(),
        };
        let body = ls(
            "Dnr KS 2020/45\n\nBudget 2021 och\nplan 2022-2023\n\nÄrendet\nText om budgeten.\n\nBeslutsgång\nAnna Berg (S) yrkar bifall. Bo Ek (M) yrkar avslag.\nOrdföranden ställer proposition på yrkandena och finner att kommunstyrelsen bifaller.\n\nKommunstyrelsens beslut\n1. Budgeten antas.\n2. Planen antas.\n\nReservation\nBo Ek (M) reserverar sig mot beslutet.\n\nExpedieras till:\nEkonomiavdelningen\nRevisionen",
        );
        let refs: Vec<&Line> = body.iter().collect();
        let mut w = Vec::new();
        let item = parse_item(&head, &hl, &refs, true, &mut w);
        assert_eq!(item.dnr.as_deref(), Some("KS 2020/45"));
        assert_eq!(item.title, "Budget 2021 och plan 2022-2023");
        assert_eq!(
            item.decision.as_deref(),
            Some("1. Budgeten antas.\n2. Planen antas.")
        );
        assert_eq!(item.summary.as_deref(), Some("Text om budgeten."));
        assert_eq!(item.dispatch, vec!["Ekonomiavdelningen", "Revisionen"]);
        assert_eq!(
            item.reservations,
            vec!["Bo Ek (M) reserverar sig mot beslutet."]
        );
        assert_eq!(item.motions.len(), 2);
        assert_eq!(item.motions[0].movers, vec!["Anna Berg"]);
        assert_eq!(item.motions[1].movers, vec!["Bo Ek"]);
        assert!(item.proposition_order.is_some());
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn text_run_on_under_a_short_title_is_no_title() {
        let read = |head_text: &str, body: &str| {
            let head = match_head(head_text).unwrap();
            let hl = Line {
                no: 1,
                page: 0,
                text: head_text.into(),
            };
            let body = ls(body);
            let refs: Vec<&Line> = body.iter().collect();
            parse_item(&head, &hl, &refs, true, &mut Vec::new()).title
        };
        // the next line's first word would have fitted beside the title: text, not title
        assert_eq!(
            read(
                "§ 69 Information från kansliet",
                "Cecilia Ström informerar om rekryteringen av stödpersoner och om den nationella\nsamverkansgruppen för patientnämnderna.\nBeslut\nInformationen läggs till handlingarna."
            ),
            "Information från kansliet"
        );
        // a title wrapped where its line was full goes on
        assert_eq!(
            read(
                "§ 12 Ansökan om bidrag till föreningen Lövuddens vänner för upprustning av",
                "lekplatsen vid Lövuddsparken\n\nBeslut\nBidrag beviljas."
            ),
            "Ansökan om bidrag till föreningen Lövuddens vänner för upprustning av lekplatsen vid Lövuddsparken"
        );
    }
}
