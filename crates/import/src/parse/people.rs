//! Stage 3, participants: lists of people with party, role, represented kommun and paragraphs.
//!
//! Two shapes occur. One person per line: `Camilla Cronsjö (M) §§ 25-26 för Thomas Eneström (S)`.
//! And whole lists run into one table cell: `Jacob Käll, Vimmerby kommun, ordförande Elisabet
//! Hagström, Ydre kommun, vice ordförande Claes Sjökvist, Boxholms kommun Thomas Lidberg, …`.
//! Both are read the same way: the text is cut at commas into segments, attributes (roles,
//! "X kommun", "§§ 1-4", "(M)", "för X (S)") are marked, and a run of capitalised words that is
//! left over is a name; attributes before a name on the same line belong to the person before.

use std::collections::HashSet;
use std::sync::LazyLock;

use kansli_core::ParagraphRange;
use kansli_core::paragraph::ParagraphSet;
use kansli_core::protocol::{Participant, ParticipantCategory};
use regex::Regex;

use super::lexicon::{
    ABSENT_WORDS, PARTIES, PRESENT_WORDS, REMOTE_ATTENDANCE, SERVED_BY, SUBSTITUTE_SERVED_MARKS,
};

/// Which list a participant was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListKind {
    /// Beslutande / ledamöter.
    Members,
    /// Tjänstgörande ersättare.
    ServingSubstitutes,
    /// (Ej tjänstgörande) ersättare.
    Substitutes,
    /// Ledamöter present who did not serve ("Ledamöter som inte tjänstgjorde", "Ej
    /// tjänstgörande ledamöter"): listed with the ersättare, who are present without deciding
    /// too, under the role "ej tjänstgörande ledamot"; never beslutande.
    NotServingMembers,
    /// Övriga närvarande.
    Others,
    /// Insynsplatser: a party's observers, present without a vote: never beslutande, and
    /// never given a substitute's role; listed with those present without deciding, with the
    /// role "insynsplats" (the observer's seat).
    Observers,
    /// Frånvarande: members who were not there (read into the reading's `absent`).
    Absent,
}

/// A party in parentheses: "(S)", "(Kd)", "(-)", and the lower case of older protocols for the
/// parties of `PARTIES` ("(s)", "(fp)"; see `lower_case_party`).
static PARTY: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"\(\s*([A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,5}|-|–|s|m|c|v|l|fp|kd|mp|sd|nyd|spi)\s*\)",
    )
    .expect("regex")
});

/// A party printed in lower case, as protocols of the 1990s and 2000s print them ("Gunnar Ek
/// (s)", "(fp)"): the known abbreviation in capitals; `None` for anything else in lower case
/// (a word in brackets is no party).
fn lower_case_party(inner: &str) -> Option<String> {
    let upper = inner.to_uppercase();
    (!inner.is_empty()
        && inner.chars().all(|c| c.is_lowercase())
        && PARTIES.contains(&upper.as_str()))
    .then_some(upper)
}

/// A new name right after an attribute on the same line: only lists run into one cell do that.
static RUN_MARK: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?:\bkommun|\bordförande|\bledamot|\bersättare|\binsynsplats|§§ \d+-\d+)\s+\p{Lu}\p{Ll}",
    )
    .expect("regex")
});

static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?i)\b(?:(?:ej|icke|inte)\s+tjänstgörande\s+ersättare|tjänstgörande\s+ersättaren?\b|tjänstgör(?:ande)?\b|tjg\.?\s*ers(?:ättare|\.)?|(?:(?:1|2|3):e\s+|förste\s+|första\s+|andre\s+|andra\s+|tredje\s+)?vice\s+ordf(?:örande\b|\.|\b)|(?:(?:1|2|3):e\s+)?v\.?\s*ordf\.?|ordförande\b|ordf(?:\.|\b)|ledamot\b|ersättaren?\b|ers(?:\.|\b)|suppleant\b|insynsplats\b|adjungerad\b)",
    )
    .expect("regex")
});

static KOMMUN: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"\b(?:[A-ZÅÄÖ][\p{L}\-]*\s+(?:kommun|stad|kommunalförbund)\b|Region\s+[A-ZÅÄÖ][\p{L}\-]+)",
    )
    .expect("regex")
});

static PARAGRAPHS: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?i)(?:\b(?:fr\.?\s*o\.?\s*m\.?|fr\.?\s*om|from|från\s+och\s+med|t\.?\s*o\.?\s*m\.?|tom|till\s+och\s+med)\s*)?(?-i:[A-ZÅÄÖ]{2,8}\s+)?§§?\s*\d+(?:/(?:19|20)\d{2})?(?:\s*[-–]\s*(?-i:[A-ZÅÄÖ]{2,8}\s+)?§?\s*\d+(?:/(?:19|20)\d{2})?)?(?:\s*(?:,|och)\s*§?\s*\d+(?:\s*[-–]\s*§?\s*\d+)?)*",
    )
    .expect("regex")
});

/// Paragraph numbers as a region or a per-year numbering prints them: the body's short name
/// before the sign ("HSN § 103") and the year after the number ("§ 103/2024").
static NUMBERED_PER_BODY: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(r"\b[A-ZÅÄÖ]{2,8}\s+(§)|(\d)/(?:19|20)\d{2}\b").expect("regex")
});

/// `raw` with the body's short names before `§` and the years after the numbers taken out
/// ("fr.o.m. HSN § 103/2024" → "fr.o.m. § 103", "HSN § 101/2024 – HSN § 104/2024" → "§ 101 – §
/// 104"), so that `ParagraphRange` and `ParagraphSet` read them.
pub(crate) fn plain_paragraphs(raw: &str) -> std::borrow::Cow<'_, str> {
    if !raw.contains('/') && !raw.bytes().any(|b| b.is_ascii_uppercase()) {
        return raw.into();
    }
    NUMBERED_PER_BODY.replace_all(raw, "$1$2")
}

static SERVES_FOR: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"\b(?:i\s+stället\s+för|istället\s+för|i\s*st\.?\s*f\.?|istf\.?|ersätter|ers\.|för)\s+([A-ZÅÄÖ][\p{L}'’\-]+(?:\s+(?:[A-ZÅÄÖ][\p{L}'’\-]+|von|af|de|van|der|den)){0,3}(?:\s*\(\s*[A-ZÅÄÖa-zåäö\-–]{1,6}\s*\))?)",
    )
    .expect("regex")
});

/// A name in the genitive as "i X frånvaro" / "i X ställe" print it, without its "s" ("Eva
/// Alms" → "Eva Alm"). A name spelt with a final "s" takes none ("i Lars Fors frånvaro"), which
/// the printed form cannot tell: [`resolve_genitives`] gives the "s" back when the protocol
/// lists the person so spelt.
fn without_genitive(name: &str) -> String {
    let last = name.rsplit(' ').next().unwrap_or(name);
    match name.strip_suffix('s') {
        // "Eks" → "Ek"; a word of two letters ("Ås") keeps its "s"
        Some(base) if name.contains(' ') && last.chars().count() >= 3 => base.to_string(),
        _ => name.to_string(),
    }
}

/// Who a substitute serves for, as the protocol lists that person: a name read without its
/// genitive "s" (see [`without_genitive`]) that no one listed (present or `absent`) bears,
/// while someone listed bears it with the "s" ("Lars Fors"), gets it back. Names are compared
/// without a party.
pub(crate) fn resolve_genitives(participants: &mut [Participant], absent: &[String]) {
    let bare = |s: &str| -> String {
        let s = s.split(" (").next().unwrap_or(s);
        kansli_core::text::fold(s.trim())
    };
    let listed: HashSet<String> = participants
        .iter()
        .map(|p| bare(&p.name))
        .chain(absent.iter().map(|a| bare(a)))
        .collect();
    for p in participants.iter_mut() {
        let Some(s) = p.serves_for.as_mut() else {
            continue;
        };
        let name = s.split(" (").next().unwrap_or(s).trim().to_string();
        let with_s = format!("{name}s");
        if !listed.contains(&bare(&name)) && listed.contains(&bare(&with_s)) {
            *s = s.replacen(&name, &with_s, 1);
        }
    }
}

/// "(i Anna Grens frånvaro)", "i Anna Gren:s frånvaro", "tjänstgör i Eva Alms (C) ställe":
/// serving for an absent member.
static ABSENCE: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"\(?\s*\bi\s+([A-ZÅÄÖ][\p{L}'’\-]+(?:\s+(?:[A-ZÅÄÖ][\p{L}'’\-]+|von|af|de|van|der|den)){0,3}?)(?::s|s|’s|'s)?(?:\s+\(\p{Lu}{1,4}\))?\s+(?:frånvaro|ställe)\s*\)?",
    )
    .expect("regex")
});

const TITLE_SUFFIXES: &[&str] = &[
    "chef",
    "sekreterare",
    "direktör",
    "ledare",
    "ansvarig",
    "handläggare",
    "strateg",
    "controller",
    "ekonom",
    "samordnare",
    "assistent",
    "tekniker",
    "ombud",
    "jurist",
    "utredare",
    "registrator",
    "kommunikatör",
    "revisor",
    "rektor",
    "specialist",
    "ingenjör",
    "arkitekt",
    "inspektör",
    "planerare",
    "råd",
    "konsult",
    "expert",
    "representant",
];

const NOT_NAMES: &[&str] = &[
    "se",
    "ledamöter",
    "ledamot",
    "ersättare",
    "beslutande",
    "övriga",
    "närvarande",
    "ordförande",
    "kommun",
    "protokoll",
    "paragrafer",
    "justerare",
    "sekreterare",
    "digitalt",
    "insynsplats",
    "tjänstgörande",
];

const PARTICLES: &[&str] = &[
    "von", "af", "de", "van", "der", "den", "da", "di", "du", "la", "le", "zu",
];

/// Whether the words beside a member's name are a political office held with the seat: a
/// full-time politician's "kommunalråd", "regionråd", "oppositionsråd" (a "-råd" of one word),
/// or a party group's "gruppledare".
fn is_political_office(t: &str) -> bool {
    let l = t.trim().trim_end_matches(['.', ',']).to_lowercase();
    !l.contains(' ')
        && l.chars().all(char::is_alphabetic)
        && (l == "gruppledare"
            || [
                "kommunalråd",
                "regionråd",
                "landstingsråd",
                "oppositionsråd",
                "borgarråd",
            ]
            .iter()
            .any(|o| l.ends_with(o)))
}

fn is_title_word(w: &str) -> bool {
    let l = w.to_lowercase();
    TITLE_SUFFIXES.iter().any(|s| l.ends_with(s))
}

/// Whether a word can be part of a name: capitalised letters, hyphens, apostrophes.
pub(crate) fn is_name_token(w: &str) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() || w.chars().count() > 25 {
        return false;
    }
    if !w
        .chars()
        .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
    {
        return false;
    }
    if w.ends_with('-') {
        return false;
    }
    let lower = w.to_lowercase();
    !NOT_NAMES.contains(&lower.as_str()) && !TITLE_SUFFIXES.iter().any(|s| lower.ends_with(s))
}

/// An organisation named by its acronym and then its name or local branch ("PRO Sjöhamn", "SPF
/// Seniorerna Sjöhamn", "SKPF Pensionärerna avd. 27", "DHR Norra Ås"): two to six capitals (no
/// party's mark, no initials joined by a hyphen), then a word with small letters.
fn is_organisation(seg: &str) -> bool {
    let mut words = seg.split_whitespace();
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return false;
    };
    let n = first.chars().count();
    (2..=6).contains(&n)
        && first.chars().all(char::is_uppercase)
        && !PARTIES.contains(&first)
        && second.chars().next().is_some_and(char::is_uppercase)
        && second.chars().any(char::is_lowercase)
        && !seg.contains('(')
}

/// Party marks "(M)", "(SD)", "(-)" with their byte spans; a hand-written scan because this runs
/// for every participant.
fn parties(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for (open, _) in text.match_indices('(') {
        let rest = &text[open + 1..];
        let Some(close) = rest.find(')') else {
            continue;
        };
        if close > 20 {
            continue;
        }
        let inner = rest[..close].trim();
        let ok = inner == "-"
            || inner == "–"
            || (inner.chars().count() <= 6
                && inner.chars().next().is_some_and(char::is_uppercase)
                && inner.chars().all(char::is_alphabetic));
        if ok {
            let party = if inner == "–" { "-" } else { inner };
            out.push((open, open + 1 + close + 1, party.to_string()));
        } else if let Some(party) = lower_case_party(inner) {
            out.push((open, open + 1 + close + 1, party));
        }
    }
    out
}

/// Whether a segment is (part of) a redacted name: "Bortredigerad", "█████", "[…]".
fn is_redacted(seg: &str) -> bool {
    let lower = seg.to_lowercase();
    seg.contains(['█', '■', '▇', '▆'])
        || lower.contains("bortredigera")
        || lower.contains("maskerad")
        || lower.contains("[…]")
        || lower.contains("[...]")
}

/// Parties printed bare: "Maria Lund S", "Maria Lund, S" (a segment of its own), "Lena Wahlgren
/// M, 1:e vice ordf." (the comma before an ordinal or a `§` does not cut the segment): a known
/// abbreviation (see the lexicon) after two name words, or standing alone. A local party no
/// lexicon can know ("Rickard Lövkvist FB") is read by its shape instead: two to four capitals
/// closing the name, at the end of the segment or before its comma.
fn bare_parties(seg: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let words: Vec<(usize, &str)> = seg
        .split(' ')
        .scan(0usize, |at, w| {
            let s = *at;
            *at += w.len() + 1;
            Some((s, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    if words.len() == 1 && PARTIES.contains(&words[0].1) {
        return vec![(
            words[0].0,
            words[0].0 + words[0].1.len(),
            words[0].1.to_string(),
        )];
    }
    // "S Maria Lund, ordförande": the party's letters before the name, as lists grouped by
    // party print them (a known party only, two name words after it)
    if let [(at, first), (_, a), (_, b), ..] = words.as_slice()
        && PARTIES.contains(first)
        && is_name_token(a)
        && is_name_token(b.trim_end_matches(','))
        && !PARTIES.contains(a)
    {
        return vec![(*at, at + first.len(), first.to_string())];
    }
    for (i, (at, w)) in words.iter().enumerate() {
        let mark = w.strip_suffix(',').unwrap_or(w);
        let closes = i + 1 == words.len() || mark.len() < w.len();
        if i < 2 || !(PARTIES.contains(&mark) || closes && is_local_party_mark(mark)) {
            continue;
        }
        let named = |j: usize| {
            words
                .get(j)
                .is_some_and(|(_, p)| is_name_token(p) && !PARTIES.contains(p))
        };
        // "Rickard lövkvist FB": a surname printed in lower case, right after the first name.
        let lower_surname = i == 2 && words.get(1).is_some_and(|(_, p)| is_lower_surname(p));
        if (named(i - 1) || lower_surname) && named(i - 2) {
            out.push((*at, at + mark.len(), mark.to_string()));
        }
    }
    out
}

/// The shape of a party's abbreviation printed bare after a name: two to four capitals ("FB",
/// "SPI", "VÄST"), never a Roman numeral ("Karl Ek III").
fn is_local_party_mark(w: &str) -> bool {
    (2..=4).contains(&w.chars().count())
        && w.chars().all(|c| c.is_alphabetic() && c.is_uppercase())
        && !w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// A word that may be a surname printed in lower case: letters (and hyphens) only, no
/// function word, role or title.
fn is_lower_surname(w: &str) -> bool {
    const FUNCTION_WORDS: &[&str] = &[
        "och", "för", "i", "på", "av", "med", "till", "från", "som", "vid", "ej", "inte",
    ];
    let lower = w.to_lowercase();
    w.chars().count() >= 3
        && w.chars().next().is_some_and(char::is_lowercase)
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
        && !FUNCTION_WORDS.contains(&lower.as_str())
        && !PARTICLES.contains(&lower.as_str())
        && !NOT_NAMES.contains(&lower.as_str())
        && !is_title_word(&lower)
        && ![
            "ordf",
            "ers",
            "tjg",
            "tjänstg",
            "ledamot",
            "vice",
            "insyn",
            "adjungera",
        ]
        .iter()
        .any(|r| lower.starts_with(r))
}

/// A party in a table cell of its own after the name and role ("Helena Strand, ordförande ⇥ S",
/// the cells joined by a space on the cover): the party goes to the name ("Helena Strand (S),
/// ordförande"), or the role's segment, which has no name, would keep it unread. The role must
/// be in lower case: "Anna Berg S, Per Ek M" is two people.
fn party_cell_after_role(text: &str) -> Option<String> {
    let (rest, cell) = text.trim_end().rsplit_once(['\t', ' '])?;
    let cell = cell.trim();
    let (name, role) = rest.split_once(',')?;
    let is_party = (1..=4).contains(&cell.chars().count())
        && cell.chars().all(char::is_uppercase)
        && super::lexicon::PARTIES
            .iter()
            .any(|p| p.eq_ignore_ascii_case(cell));
    let role_like = role.trim_start().starts_with(char::is_lowercase);
    (is_party && role_like && !name.contains('(') && !role.contains('(') && !role.contains('\t'))
        .then(|| format!("{} ({cell}),{role}", name.trim_end()))
}

/// Several people with parties run into one segment ("Samir Haddad (S) Ulla Rönn (C)"): a
/// comma after each party mark that two name words follow. A list told as a sentence joins its
/// last person with "och" or "samt" ("Maria Stjärn (M) och Lars Björk (KD)", "Ingrid Sälg (C)
/// samt Mattias Brand (V) som tjänstgörande ersättare för …"): the word goes and the comma
/// takes its place.
fn split_after_parties(text: &str) -> std::borrow::Cow<'_, str> {
    let marks = parties(text);
    if marks.len() < 2 {
        return std::borrow::Cow::Borrowed(text);
    }
    // the role words of a definite form before a name ("tjänstgörande ersättaren Kim Ahl")
    let role_words = |after: &str| {
        after
            .split_whitespace()
            .take_while(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "tjänstgörande" | "ersättaren" | "ledamoten"
                )
            })
            .count()
    };
    let mut out = String::with_capacity(text.len() + 8);
    let mut last = 0;
    // a role read before a name, written after that name's party mark: the person's own
    let mut pending: Option<&str> = None;
    for (_, end, _) in marks {
        let rest = &text[end..];
        let trimmed = rest.trim_start();
        // "och" / "samt" before the next person's name, or before the next person's role in
        // its definite form and the name ("… samt tjänstgörande ersättaren Kim Ahl (L) för …")
        let joined = ["och ", "samt "]
            .iter()
            .find_map(|w| trimmed.strip_prefix(w))
            .filter(|after| {
                let mut ws = after.split_whitespace().skip(role_words(after));
                ws.next().is_some_and(is_name_token)
                    && ws
                        .next()
                        .is_some_and(|b| is_name_token(b.trim_end_matches(',')))
            });
        out.push_str(&text[last..end]);
        if let Some(role) = pending.take() {
            out.push_str(", ");
            out.push_str(role);
        }
        if let Some(after) = joined {
            out.push_str(", ");
            last = text.len() - after.len();
            let n = role_words(after);
            if n > 0 {
                // the role goes after the name: "Kim Ahl (L), tjänstgörande ersättaren för …"
                let words: Vec<&str> = after.split_whitespace().take(n).collect();
                let role_end = after
                    .find(words[n - 1])
                    .map_or(0, |at| at + words[n - 1].len());
                pending = Some(after[..role_end].trim());
                last += role_end;
                while text[last..].starts_with(' ') {
                    last += 1;
                }
            }
            continue;
        }
        let mut ws = rest.split_whitespace();
        let (a, b) = (ws.next(), ws.next());
        let two_names = a.is_some_and(is_name_token)
            && b.is_some_and(|b| is_name_token(b.trim_end_matches(',')));
        if two_names && !rest.trim_start().starts_with(',') {
            out.push(',');
        }
        last = end;
    }
    out.push_str(&text[last..]);
    std::borrow::Cow::Owned(out)
}

/// Whether `text` opens with an ordinal as roles print it: "1:e", "2:a", "3:e".
fn starts_with_ordinal(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &text[digits..];
    digits > 0
        && (rest.starts_with(":e") || rest.starts_with(":a"))
        && !rest[2..].starts_with(|c: char| c.is_alphanumeric())
}

/// Splits at commas and semicolons outside parentheses, except before a digit or `§` (but
/// before an ordinal, which starts a role).
fn segments(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            ',' | ';' if depth == 0 => {
                let next = text[i + 1..].trim_start();
                if c == ',' && next.starts_with(|ch: char| ch.is_ascii_digit() || ch == '§') {
                    // an ordinal starts a role ("Torbjörn Falk (M), 1:e vice ordf. Rut Hägg
                    // (SD)"): a new part, unlike "§§ 1, 3" or "kl. 13, …"
                    if !starts_with_ordinal(next) {
                        continue;
                    }
                }
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    let _ = bytes;
    out.push(&text[start..]);
    out.into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Attr {
    Role(String),
    Represents(String),
    Paragraphs(String),
    ServesFor(String),
    Party(String),
    Title(String),
}

#[derive(Debug, Default)]
struct Parsed {
    pre: Vec<Attr>,
    name: Option<String>,
    post: Vec<Attr>,
}

/// Normalises a printed role to the contract's words.
fn normalise_role(raw: &str) -> String {
    let l = raw.to_lowercase();
    let l = l.split_whitespace().collect::<Vec<_>>().join(" ");
    if l.contains("ej tjänstgörande")
        || l.contains("icke tjänstgörande")
        || l.contains("inte tjänstgörande")
    {
        "ersättare".into()
    } else if l.contains("tjänstgör") || l.starts_with("tjg") {
        "tjänstgörande ersättare".into()
    } else if l.contains("vice")
        || l.starts_with("v.")
        // "1:e v ordf", "2:e v. ordf."
        || (l.contains("ordf") && l.split([' ', '.']).any(|w| w == "v"))
    {
        // the second or third vice chair keeps the ordinal that tells them from the first
        // ("2:e vice ordf", "andre vice ordförande", "3:e v ordf"); the first is the vice chair
        match l.split([' ', '.']).next().unwrap_or("") {
            "2:e" | "2:a" | "2:dre" | "andre" | "andra" => "2:e vice ordförande".into(),
            "3:e" | "tredje" => "3:e vice ordförande".into(),
            _ => "vice ordförande".into(),
        }
    } else if l.starts_with("ordf") {
        "ordförande".into()
    } else if l.starts_with("ers") || l.starts_with("suppleant") {
        // a company board's substitute ("suppleant") holds an ersättare's seat
        "ersättare".into()
    } else if l.starts_with("insyn") {
        "insynsplats".into()
    } else {
        l
    }
}

/// A job title as printed, with its first letter lowered when it is a common noun
/// ("Nämndsekreterare" → "nämndsekreterare"; "Sveriges lärare" stays).
fn normalise_title(raw: &str) -> Option<String> {
    let t = raw
        .trim()
        .trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .to_string();
    if t.is_empty() {
        return None;
    }
    let first_word = t.split_whitespace().next().unwrap_or("");
    let first_word_core = first_word.split('/').next().unwrap_or(first_word);
    let last_word = t.split_whitespace().last().unwrap_or("");
    if (is_title_word(first_word_core) || is_title_word(last_word))
        && !first_word_core.chars().skip(1).any(char::is_uppercase)
    {
        let mut chars = t.chars();
        if let Some(f) = chars.next() {
            return Some(f.to_lowercase().collect::<String>() + chars.as_str());
        }
    }
    Some(t)
}

/// A necessary condition for a `ROLE` match, cheaper than the regex: "ers" in surnames
/// ("Andersson") is not a role unless it starts a word ("ersättare", "ers."). Text with 'ſ' or
/// the Kelvin sign (which the regex folds to 's' and 'k') is left to the regex.
fn may_have_role(seg: &str, lower: &str) -> bool {
    if seg.contains(['\u{17f}', '\u{212a}']) {
        return true;
    }
    if [
        "ordf",
        "ledamot",
        "insyn",
        "tjg",
        "tjänstg",
        "adjungerad",
        "suppleant",
    ]
    .iter()
    .any(|r| lower.contains(r))
    {
        return true;
    }
    lower.match_indices("ers").any(|(i, _)| {
        !lower.as_bytes()[..i]
            .last()
            .is_some_and(u8::is_ascii_alphanumeric)
    })
}

fn parse_segment(seg: &str) -> Parsed {
    // Attribute spans in order: (start, end, attr).
    let mut spans: Vec<(usize, usize, Attr)> = Vec::new();
    let overlaps = |spans: &[(usize, usize, Attr)], s: usize, e: usize| {
        spans.iter().any(|(a, b, _)| s < *b && *a < e)
    };
    let lower = seg.to_lowercase();
    let serves = lower.contains(" för ")
        || lower.starts_with("för ")
        || lower.contains("ersätter ")
        // "Filip Holm (L) ers. Gun Ivarsson (L)": "ersätter" abbreviated
        || lower.contains(" ers. ")
        || lower.contains("stället för")
        || lower.contains("istf")
        || lower.contains("i st f")
        || lower.contains("i st.f");
    // The guards go before the regexes: a filter after `captures_iter` would still run them.
    let serves_matches = serves.then(|| SERVES_FOR.captures_iter(seg));
    for c in serves_matches.into_iter().flatten() {
        let (Some(all), Some(who)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let who_text = who.as_str();
        let tokens: Vec<&str> = who_text.split_whitespace().collect();
        let has_party = PARTY.is_match(who_text);
        let name_tokens = tokens.iter().filter(|t| is_name_token(t)).count();
        if has_party || name_tokens >= 2 {
            spans.push((
                all.start(),
                all.end(),
                Attr::ServesFor(clean_spaces(who_text)),
            ));
        }
    }
    let absence = (lower.contains("frånvaro") || lower.contains("ställe"))
        .then(|| ABSENCE.captures_iter(seg));
    for c in absence.into_iter().flatten() {
        if let (Some(all), Some(who)) = (c.get(0), c.get(1))
            && !overlaps(&spans, all.start(), all.end())
        {
            spans.push((
                all.start(),
                all.end(),
                Attr::ServesFor({
                    let name = clean_spaces(who.as_str());
                    // "Eva Alm:s" marks the genitive apart; "Eva Alms" within the name
                    if seg[who.end()..].starts_with([':', '’', '\'']) {
                        name
                    } else {
                        without_genitive(&name)
                    }
                }),
            ));
        }
    }
    let paragraph_matches = seg.contains('§').then(|| PARAGRAPHS.find_iter(seg));
    for m in paragraph_matches.into_iter().flatten() {
        if !overlaps(&spans, m.start(), m.end()) {
            // "deltar ej i beslut § 32", "utom § 32": the paragraphs the person did not serve
            // in, marked for `finish` to turn into those they did
            let before = seg[..m.start()].to_lowercase();
            // the word right before the paragraphs: "ej § 31", "jäv § 31" (not serving
            // there), "närvarande §§ 30–31" (serving there); taken with them, so that it is no
            // unread word
            let printed = &seg[..m.start()];
            let tail = printed.trim_end();
            let (word_len, not_there) = [
                ("deltar ej i beslutet", true),
                ("deltar ej i beslut", true),
                ("deltar inte i beslutet", true),
                ("deltar inte i beslut", true),
                ("deltar ej i", true),
                ("deltar inte i", true),
                ("deltar ej", true),
                ("deltar inte", true),
                ("deltog ej i", true),
                ("deltog inte i", true),
                ("utom", true),
                ("ej närvarande", true),
                ("ej närvarande i", true),
                ("frånvarande", true),
                ("frånvarande i", true),
                ("jävig i", true),
                ("jävig", true),
                ("jäv i", true),
                ("jäv", true),
                ("ej", true),
                ("inte", true),
                ("närvarande i", false),
                ("närvarande", false),
                ("närv.", false),
            ]
            .iter()
            .find(|(w, _)| {
                let at = tail.len().saturating_sub(w.len());
                tail.len() >= w.len()
                    && tail.is_char_boundary(at)
                    && tail[at..].to_lowercase() == *w
                    && tail[..at]
                        .chars()
                        .last()
                        .is_none_or(|c| !c.is_alphanumeric())
            })
            .map_or((0, false), |(w, not)| {
                (printed.len() - tail.len() + w.len(), *not)
            });
            let except = not_there
                || [
                    "deltar ej",
                    "deltar inte",
                    "deltog ej",
                    "deltog inte",
                    "utom",
                ]
                .iter()
                .any(|w| before.contains(w));
            let text = m.as_str().trim();
            spans.push((
                m.start() - word_len,
                m.end(),
                Attr::Paragraphs(if except {
                    format!("{EXCEPT}{text}")
                } else {
                    text.to_string()
                }),
            ));
        }
    }
    for (start, end, party) in parties(seg) {
        if !overlaps(&spans, start, end) {
            spans.push((start, end, Attr::Party(party)));
        }
    }
    for (start, end, party) in bare_parties(seg) {
        if !overlaps(&spans, start, end) {
            spans.push((start, end, Attr::Party(party)));
        }
    }
    // "Anna-Karin Moberg (S) Aby": one capitalised word alone after the party mark is the
    // kommun the member represents, as a gemensam nämnd prints its members
    let kommun_after: Vec<(usize, usize)> = spans
        .iter()
        .filter(|(_, _, a)| matches!(a, Attr::Party(_)))
        .filter_map(|(_, end, _)| {
            let rest = &seg[*end..];
            let w = rest.trim();
            let start = end + (rest.len() - rest.trim_start().len());
            (rest.starts_with(' ') && !w.contains(' ') && is_name_token(w) && !PARTIES.contains(&w))
                .then_some((start, start + w.len()))
        })
        .collect();
    for (start, end) in kommun_after {
        if !overlaps(&spans, start, end) {
            spans.push((start, end, Attr::Represents(seg[start..end].to_string())));
        }
    }
    // "Rolf Sjödin, Försäkringskassan, vice ordförande": a samordningsförbund's member from a
    // state agency represents it, as a kommun's member represents the kommun
    let agency = !seg.contains(' ')
        && seg.starts_with(char::is_uppercase)
        && ["kassan", "förmedlingen", "verket", "myndigheten"]
            .iter()
            .any(|s| lower.ends_with(s));
    if agency {
        spans.push((0, seg.len(), Attr::Represents(seg.to_string())));
    }
    let place = lower.contains("kommun") || lower.contains("stad") || lower.contains("region");
    for m in place.then(|| KOMMUN.find_iter(seg)).into_iter().flatten() {
        if !overlaps(&spans, m.start(), m.end()) {
            spans.push((m.start(), m.end(), Attr::Represents(m.as_str().to_string())));
        }
    }
    let role = [
        "ordf",
        "ledamot",
        "ers",
        "insyn",
        "tjg",
        "tjänstg",
        "adjungerad",
    ]
    .iter()
    .any(|r| lower.contains(r))
        && may_have_role(seg, &lower);
    for m in role.then(|| ROLE.find_iter(seg)).into_iter().flatten() {
        if !overlaps(&spans, m.start(), m.end()) {
            spans.push((m.start(), m.end(), Attr::Role(normalise_role(m.as_str()))));
        }
    }
    spans.sort_by_key(|s| s.0);

    // Words of the unmarked text, with offsets.
    let mut words: Vec<(usize, usize, &str)> = Vec::new();
    let mut i = 0;
    for w in seg.split(' ') {
        let s = i;
        let e = i + w.len();
        i = e + 1;
        // a dash between the name and the role ("Anna Berg (S) – ordförande") is no word
        if w.is_empty() || overlaps(&spans, s, e) || w.chars().all(|c| matches!(c, '-' | '–' | '—'))
        {
            continue;
        }
        // "Barbro Sandin, §§ 41-43": the comma a segment keeps before its paragraphs ends the
        // name, no part of its last word
        let (e, w) = match w.strip_suffix(',') {
            Some(bare) if !bare.is_empty() => (e - 1, bare),
            _ => (e, w),
        };
        words.push((s, e, w));
    }
    let first_party = spans
        .iter()
        .find(|s| matches!(s.2, Attr::Party(_)))
        .map(|s| s.0);
    // The name: with a party, the words right before it; otherwise the last run of ≥2 name words.
    let mut name_span: Option<(usize, usize)> = None;
    if let Some(ps) = first_party {
        let prev_attr_end = spans
            .iter()
            .filter(|s| s.1 <= ps)
            .map(|s| s.1)
            .max()
            .unwrap_or(0);
        let run: Vec<&(usize, usize, &str)> = words
            .iter()
            .filter(|(s, e, _)| *s >= prev_attr_end && *e <= ps)
            .collect();
        // drop leading lowercase words (a title before the name)
        let start = run.iter().position(|(_, _, w)| is_name_token(w));
        if let Some(start) = start {
            let run = &run[start..];
            if let (Some(f), Some(l)) = (run.first(), run.last()) {
                name_span = Some((f.0, l.1));
            }
        }
    }
    if name_span.is_none() {
        let mut best: Option<(usize, usize)> = None;
        let mut run: Vec<(usize, usize)> = Vec::new();
        let flush = |run: &mut Vec<(usize, usize)>, best: &mut Option<(usize, usize)>| {
            if run.len() >= 2
                && let (Some(f), Some(l)) = (run.first(), run.last())
            {
                *best = Some((f.0, l.1));
            }
            run.clear();
        };
        let mut prev_end: Option<usize> = None;
        for (idx, (s, e, w)) in words.iter().enumerate() {
            // a marked span in between breaks the run
            let contiguous = prev_end.is_none_or(|pe| !overlaps(&spans, pe, *s));
            if !contiguous {
                flush(&mut run, &mut best);
            }
            // "von", "af" within a name, and a middle initial ("Linnea Ö. Karlsson")
            let initial =
                w.chars().count() == 2 && w.ends_with('.') && w.starts_with(char::is_uppercase);
            let is_particle = (PARTICLES.contains(w) || initial)
                && !run.is_empty()
                && words.get(idx + 1).is_some_and(|n| is_name_token(n.2));
            if is_name_token(w) || is_particle {
                run.push((*s, *e));
            } else {
                flush(&mut run, &mut best);
            }
            prev_end = Some(*e);
        }
        flush(&mut run, &mut best);
        name_span = best;
    }

    let mut parsed = Parsed::default();
    let (ns, ne) = match name_span {
        Some((s, e)) => {
            parsed.name = Some(clean_spaces(&seg[s..e]));
            (s, e)
        }
        None => (seg.len(), seg.len()),
    };
    // Attributes and leftover words, before and after the name, in order.
    let mut items: Vec<(usize, Attr)> = spans.into_iter().map(|(s, _, a)| (s, a)).collect();
    let mut title_words: Vec<(usize, usize)> = Vec::new();
    for (s, e, _) in &words {
        if *s >= ns && *e <= ne {
            continue;
        }
        title_words.push((*s, *e));
    }
    // group adjacent leftover words into titles
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for (s, e) in title_words {
        if let Some(last) = groups.last_mut()
            && !items.iter().any(|(p, _)| *p > last.1 && *p < s)
            && (last.1 < ns || s >= ne)
            && !(last.1 <= ns && s >= ne)
        {
            last.1 = e;
            continue;
        }
        groups.push((s, e));
    }
    for (s, e) in groups {
        let t = seg[s..e].trim_matches(|c: char| c == ',' || c.is_whitespace());
        // "… samt personalföreträdare Ulf Berg": the list's last "samt" is no part of a title
        let t = ["samt ", "och "]
            .iter()
            .find_map(|w| t.strip_prefix(w))
            .unwrap_or(t);
        let t = without_remote_attendance(t);
        // "Siv Ekberg (S) som ersätter Harald Brink (S)": the relative word before the role or
        // the serving is no title
        let t = if t == "som" { "" } else { t };
        if !t.is_empty() {
            items.push((s, Attr::Title(t.to_string())));
        }
    }
    items.sort_by_key(|(p, _)| *p);
    for (p, a) in items {
        if p < ns {
            parsed.pre.push(a);
        } else {
            parsed.post.push(a);
        }
    }
    parsed
}

/// `t` without a closing mention of how the person took part in a digital meeting
/// ("ekonomichef, deltar digitalt" → "ekonomichef"; "(på distans)" → ""): see
/// `REMOTE_ATTENDANCE`.
fn without_remote_attendance(t: &str) -> &str {
    let bare = t.trim_end_matches(')').trim_end();
    let lower = bare.to_lowercase();
    for m in REMOTE_ATTENDANCE {
        let Some(before) = lower.strip_suffix(m) else {
            continue;
        };
        // a whole word: at the start, or after a space, comma or bracket
        if !(before.is_empty() || before.ends_with([' ', ',', '('])) {
            continue;
        }
        let cut = bare.len().saturating_sub(m.len());
        if !bare.is_char_boundary(cut) || bare[cut..].to_lowercase() != *m {
            continue;
        }
        return bare[..cut].trim_end_matches(|c: char| matches!(c, ',' | '(') || c.is_whitespace());
    }
    t
}

fn clean_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a line ends in a hyphen right after a letter (a word broken at its hyphen).
/// A line ending in the given name of the member served for, the surname on the next line as
/// a narrow cell wraps it ("Tord Vall (SD), tjänstgörande ersättare för Sara" / "Ruud (SD)"):
/// the next line is that surname alone, its party after it if printed.
fn served_name_cut(t: &str, next: &str) -> bool {
    static CUT: LazyLock<Regex> = LazyLock::new(|| {
        super::pattern::regex(r"\b(?:för|ersätter|ersatt av|ersätts av)\s+\p{Lu}[\p{L}\-]+$")
            .expect("regex")
    });
    static SURNAME: LazyLock<Regex> = LazyLock::new(|| {
        super::pattern::regex(r"^\p{Lu}[\p{L}\-']+(?:\s*\(\p{Lu}{1,5}\))?[.,]?$").expect("regex")
    });
    CUT.is_match(t.trim_end()) && SURNAME.is_match(next.trim())
}

fn ends_in_word_hyphen(t: &str) -> bool {
    t.trim_end()
        .strip_suffix('-')
        .and_then(|r| r.chars().last())
        .is_some_and(char::is_alphabetic)
}

/// Where the person starts on a line of a numbered list ("1. Anna Berg (S)", "12) Per Ek", a
/// council's seat number "12  Per Ek"): after one to three digits, a full stop or closing
/// bracket or none, and spaces, before a capital. `None` for any other line.
fn after_list_number(t: &str) -> Option<usize> {
    let lead = t.len() - t.trim_start().len();
    let b = t.as_bytes();
    let digits = b[lead..].iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let mut at = lead + digits;
    if matches!(b.get(at), Some(b'.' | b')')) {
        at += 1;
    }
    let spaces = b[at..]
        .iter()
        .take_while(|c| **c == b' ' || **c == b'\t')
        .count();
    if spaces == 0 {
        return None;
    }
    at += spaces;
    t[at..]
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
        .then_some(at)
}

/// `lines` with each line `rewrite` changes rewritten and the others as they are; `None` when
/// it changes none (the caller keeps its lines, nothing copied).
fn each_rewritten(
    lines: &[(usize, String)],
    rewrite: impl Fn(&str) -> Option<String>,
) -> Option<Vec<(usize, String)>> {
    if !lines.iter().any(|(_, t)| rewrite(t).is_some()) {
        return None;
    }
    Some(
        lines
            .iter()
            .map(|(no, t)| (*no, rewrite(t).unwrap_or_else(|| t.clone())))
            .collect(),
    )
}

/// A list's lines without their list numbers, when at least two of them are numbered: the
/// numbers are no part of the people, and a line opening with a digit would otherwise read as
/// the wrapped rest of a list run into one cell.
/// A members' table whose cells each came out as a line of their own, as `pdftotext` writes a
/// table without `-layout`: the name, the party alone, then the role if any, starting in lower
/// case ("Petra Lindqvist" / "M" / "vice ordförande" / "Jonas Ekström" / "S" / …). Each
/// person's cells as one line, "Petra Lindqvist (M), vice ordförande"; `None` unless every line
/// of the list keeps to that order (a list of names alone, or run on, is read as it is).
fn cells_as_lines(lines: &[(usize, String)]) -> Option<Vec<(usize, String)>> {
    let cells: Vec<(usize, &str)> = lines
        .iter()
        .map(|(no, t)| (*no, t.trim()))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let party = |t: &str| super::lexicon::PARTIES.contains(&t);
    // Cheap refusal first: the second cell of such a list is a party alone.
    if cells.len() < 4 || !cells.get(1).is_some_and(|(_, t)| party(t)) {
        return None;
    }
    let name = |t: &str| {
        let words: Vec<&str> = t.split_whitespace().collect();
        (2..=4).contains(&words.len()) && words.iter().all(|w| is_name_token(w))
    };
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        let (no, n) = cells[i];
        let p = cells.get(i + 1).map(|(_, t)| *t)?;
        if !name(n) || !party(p) {
            return None;
        }
        let mut line = format!("{n} ({p})");
        i += 2;
        if let Some((_, role)) = cells.get(i)
            && role.starts_with(char::is_lowercase)
        {
            line.push_str(", ");
            line.push_str(role);
            i += 1;
        }
        out.push((no, line));
    }
    (out.len() >= 2).then_some(out)
}

/// The party opening a line of a list grouped by party blocks, before a colon ("S: Anna Berg
/// (ordförande), Per Ek", "Moderaterna: Bo Ström"): its mark and where the people start.
fn party_block_head(t: &str) -> Option<(String, usize)> {
    let t0 = t.trim_start();
    let (head, rest) = t0.split_once(':')?;
    // cheap refusal first: a party's mark or name is one to three short words
    if head.len() > 40 || rest.trim().is_empty() {
        return None;
    }
    let mark = if super::lexicon::PARTIES.contains(&head) {
        head.to_string()
    } else {
        let lower = head.to_lowercase();
        super::lexicon::PARTY_NAMES
            .iter()
            .find(|(n, _)| *n == lower)
            .map(|(_, m)| (*m).to_string())?
    };
    Some((mark, t.len() - rest.len()))
}

/// A list grouped by party blocks, each block a line opening with the party before a colon and
/// its people run on after it, the party no more beside each name ("S: Anna-Lena Berg
/// (ordförande), Per Ekholm, Lisa Holm" / "M: Bo Ström (1:e vice ordförande), Karin Lund"): one
/// person a line, each with the block's party, "Anna-Lena Berg (S) (ordförande)" (a line
/// without a party of its own goes on the block above). `None` unless two lines or more open
/// so.
fn party_blocks(lines: &[(usize, String)]) -> Option<Vec<(usize, String)>> {
    if lines
        .iter()
        .filter(|(_, t)| party_block_head(t).is_some())
        .take(2)
        .count()
        < 2
    {
        return None;
    }
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut party: Option<String> = None;
    for (no, t) in lines {
        let (rest, mark) = match party_block_head(t) {
            Some((mark, at)) => (&t[at..], Some(mark)),
            None => (t.as_str(), party.clone()),
        };
        party.clone_from(&mark);
        let Some(mark) = mark else {
            out.push((*no, t.clone()));
            continue;
        };
        // the people: parts between commas (and the last " och ") outside brackets
        let mut people: Vec<String> = Vec::new();
        let (mut depth, mut part) = (0usize, String::new());
        for c in rest.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ => {}
            }
            if c == ',' && depth == 0 {
                people.push(std::mem::take(&mut part));
            } else {
                part.push(c);
            }
        }
        people.push(part);
        for part in people {
            // "Per Ek och Lisa Holm" closing the block: two people (never inside a bracket)
            let parts: Vec<&str> = if part.contains('(') {
                vec![&part]
            } else {
                part.split(" och ").collect()
            };
            for person in parts {
                let person = person.trim();
                if person.is_empty() {
                    continue;
                }
                // the party after the name, before its bracketed role if any (a party already
                // printed there stays)
                let line = match person.find(" (") {
                    Some(at) if PARTY.find(&person[at..]).is_some_and(|m| m.start() == 1) => {
                        person.to_string()
                    }
                    Some(at) => format!("{} ({mark}){}", &person[..at], &person[at..]),
                    None => format!("{person} ({mark})"),
                };
                out.push((*no, line));
            }
        }
    }
    Some(out)
}

fn without_list_numbers(lines: &[(usize, String)]) -> Option<Vec<(usize, String)>> {
    let numbered = lines
        .iter()
        .filter(|(_, t)| after_list_number(t).is_some())
        .take(2)
        .count();
    (numbered >= 2).then(|| {
        lines
            .iter()
            .map(|(no, t)| match after_list_number(t) {
                Some(at) => (*no, t[at..].to_string()),
                None => (*no, t.clone()),
            })
            .collect()
    })
}

/// A time a participant serves from or until, beside the name: "från kl. 15.00", "fr.o.m. kl
/// 15", "till och med kl. 16.30", "t.o.m. kl 16", or a span "kl. 13.00–15.00". Groups: the
/// preposition, the first hour and minutes, the span's end hour and minutes.
static TIME_BOUND: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?i)(?:\b(från och med|fr\.?\s*o\.?\s*m\.?|från|till och med|t\.?\s*o\.?\s*m\.?|till)\s+)?\b(?:kl\.?|klockan)\s*(\d{1,2})(?:[.:](\d{2}))?(?:\s*[-–]\s*(\d{1,2})(?:[.:](\d{2}))?)?",
    )
    .expect("regex")
});

/// Minutes after midnight of "15.30" / "15:30" / "15" printed in `text`, each time once.
pub(crate) fn times_in(text: &str) -> Vec<u32> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let h_end = i + b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let hour: Option<u32> = text[i..h_end].parse().ok().filter(|&h| h < 24);
        let minutes = (h_end + 3 <= b.len()
            && matches!(b[h_end], b'.' | b':')
            && b[h_end + 1..h_end + 3].iter().all(u8::is_ascii_digit)
            && !b.get(h_end + 3).is_some_and(u8::is_ascii_digit))
        .then(|| text[h_end + 1..h_end + 3].parse::<u32>().ok())
        .flatten()
        .filter(|&m| m < 60);
        if let (Some(h), Some(m)) = (hour, minutes)
            && h_end - i <= 2
        {
            out.push(h * 60 + m);
            i = h_end + 3;
        } else {
            i = h_end;
        }
    }
    out.dedup();
    out
}

/// Where a participant's line serves from or until a time of the meeting ("Eva Lund (M),
/// tjänstgörande ersättare från kl. 15.00", "… t.o.m. kl. 16.30", "… kl. 13.00–15.00"): the line
/// with the time written as the paragraphs handled from or until then, from `clock` (each time
/// printed among the paragraphs, as an adjournment or a member leaving, with the paragraph
/// before it and the one after it); or, when no paragraph is dated by that time, the line
/// without it and the time as printed, for a warning. `None` when the line names no such time
/// (a lone "kl. 15.00" without "från" or "till" is left as it is).
pub(crate) fn times_as_paragraphs(
    value: &str,
    clock: &[(u32, Option<u32>, Option<u32>)],
) -> Option<(String, Option<String>)> {
    let lower = value.to_lowercase();
    if !(lower.contains("kl") && value.bytes().any(|b| b.is_ascii_digit())) {
        return None;
    }
    let c = TIME_BOUND.captures(value)?;
    let whole = c.get(0)?;
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let at =
        |h: Option<u32>, m: Option<u32>| h.filter(|&h| h < 24).map(|h| h * 60 + m.unwrap_or(0));
    let first = at(num(2), num(3))?;
    let second = at(num(4), num(5));
    let prep = c.get(1).map(|m| m.as_str().to_lowercase());
    let (from, until) = match (prep.as_deref(), second) {
        (None, Some(end)) => (Some(first), Some(end)),
        (None, None) => return None,
        (Some(p), _) if p.starts_with('t') => (None, Some(first)),
        (Some(_), end) => (Some(first), end),
    };
    let after = |t: u32| clock.iter().find(|(m, _, _)| *m == t).and_then(|c| c.2);
    let before = |t: u32| clock.iter().find(|(m, _, _)| *m == t).and_then(|c| c.1);
    let written = match (from.map(|t| (t, after(t))), until.map(|t| (t, before(t)))) {
        (Some((_, Some(a))), None) => Some(format!("fr.o.m. § {a}")),
        (None, Some((_, Some(b)))) => Some(format!("t.o.m. § {b}")),
        (Some((_, Some(a))), Some((_, Some(b)))) if a <= b => Some(format!("§§ {a}-{b}")),
        _ => None,
    };
    let phrase = whole.as_str().trim();
    let mut out = String::with_capacity(value.len());
    out.push_str(value[..whole.start()].trim_end().trim_end_matches(','));
    if let Some(w) = &written {
        out.push_str(", ");
        out.push_str(w);
    }
    let rest = value[whole.end()..].trim_start().trim_start_matches(',');
    if !rest.trim().is_empty() {
        out.push_str(", ");
        out.push_str(rest.trim());
    }
    Some((out, written.is_none().then(|| phrase.to_string())))
}

#[derive(Debug, Clone, Default)]
struct Draft {
    name: String,
    role: Option<String>,
    represents: Option<String>,
    party: Option<String>,
    paragraphs: Option<String>,
    serves_for: Option<String>,
    title: Option<String>,
    line: usize,
}

/// Where a participant line names a day of a meeting held over several days ("Pia Lönn (M),
/// dag 1", "Annika Rask (SD), §§ 61-63 (dag 1)"): the line with the day written as the
/// paragraphs handled that day (`days`, from the day headings among the paragraphs), or
/// without it where the line already names its paragraphs. `None` when the line names no
/// day, or a day whose paragraphs are unknown (its words are then reported unread).
pub(crate) fn days_as_paragraphs(value: &str, days: &[(u32, ParagraphRange)]) -> Option<String> {
    if days.is_empty() || !value.to_lowercase().contains("dag ") {
        return None;
    }
    let b = value.as_bytes();
    let mut out = String::with_capacity(value.len());
    let mut last = 0;
    let mut changed = false;
    let mut i = 0;
    while i + 5 <= b.len() {
        let word = b[i..i + 4].eq_ignore_ascii_case(b"dag ");
        let starts = i == 0 || !(b[i - 1] as char).is_alphanumeric() && b[i - 1].is_ascii();
        let digit = b[i + 4];
        let after = b.get(i + 5);
        if !(word && starts && (b'1'..=b'9').contains(&digit))
            || after.is_some_and(|c| c.is_ascii_alphanumeric())
        {
            i += 1;
            continue;
        }
        let n = u32::from(digit - b'0');
        let (_, range) = days.iter().find(|(d, _)| *d == n)?;
        // "(dag 1)" goes with its brackets
        let (mut from, mut to) = (i, i + 5);
        if from > 0 && b[from - 1] == b'(' && b.get(to) == Some(&b')') {
            from -= 1;
            to += 1;
        }
        out.push_str(&value[last..from]);
        if !value.contains('§') {
            out.push_str(&format!("§§ {range}"));
        }
        last = to;
        changed = true;
        i = to;
    }
    if !changed {
        return None;
    }
    out.push_str(&value[last..]);
    Some(out.trim_end().trim_end_matches(',').to_string())
}

/// Reads the people of one list. `lines` are `(line number, text)`.
/// Courtesy titles before names, as minutes printed them into the 1980s.
const HONORIFICS: &[&str] = &[
    "herr",
    "herrar",
    "herrarna",
    "fru",
    "fruarna",
    "fröken",
    "fröknarna",
    "frk",
    "frk.",
];

/// A list line without the courtesy titles before its names ("Herr ordföranden Karl Nilsson
/// (s), herr vice ordföranden Sven Ek (c), herrar Olle Berg (m), Erik Holm (s) samt fröken Anna
/// Strand (vpk)" → "ordförande Karl Nilsson (s), vice ordförande Sven Ek (c), Olle Berg (m),
/// Erik Holm (s), Anna Strand (vpk)"): a title goes where a name or the chair's office follows
/// it, the office in its definite form becomes the role before the name, and "samt" before a
/// title parts two people. `None` when the line has no such title.
fn without_honorifics(t: &str) -> Option<String> {
    let words: Vec<&str> = t.split(' ').collect();
    let is_title = |i: usize| {
        words
            .get(i)
            .is_some_and(|w| HONORIFICS.contains(&w.to_lowercase().as_str()))
            && words.get(i + 1).is_some_and(|n| {
                n.starts_with(char::is_uppercase) || matches!(*n, "ordföranden" | "vice")
            })
    };
    if !(0..words.len()).any(is_title) {
        return None;
    }
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if w == "samt" && is_title(i + 1) {
            // "… (vpk) samt herr Nils Gran": a new person
            if out.last().is_some_and(|l| !l.ends_with(',')) {
                out.push(",".into());
            }
            i += 1;
            continue;
        }
        if !is_title(i) {
            out.push(w.to_string());
            i += 1;
            continue;
        }
        i += 1;
        // "herr vice ordföranden Sven Ek (c)": the office after the name and its party
        let role = match (words.get(i), words.get(i + 1)) {
            (Some(&"vice"), Some(&"ordföranden")) => Some((2, "vice ordförande")),
            (Some(&"ordföranden"), _) => Some((1, "ordförande")),
            _ => None,
        };
        let Some((len, role)) = role else { continue };
        i += len;
        while i < words.len() && !is_title(i) && words[i] != "samt" {
            let word = words[i];
            i += 1;
            if let Some(bare) = word.strip_suffix(',') {
                out.push(format!("{bare}, {role},"));
                break;
            }
            out.push(word.to_string());
            if word.ends_with(')') || i == words.len() {
                out.push(format!(", {role}"));
                break;
            }
        }
    }
    Some(out.join(" ").replace(" ,", ","))
}

pub(crate) fn parse_list(
    kind: ListKind,
    lines: &[(usize, String)],
    meeting: Option<ParagraphRange>,
    warnings: &mut Vec<String>,
) -> Vec<Participant> {
    let mut drafts: Vec<Draft> = Vec::new();
    // "* Ahmed Ali (S), ordförande": a list's bullets, as a web page or Markdown prints them
    let unbulleted: Vec<(usize, String)>;
    let lines = if lines
        .iter()
        .any(|(_, t)| super::flow::strip_bullet(t).len() < t.trim_start().len())
    {
        unbulleted = lines
            .iter()
            .map(|(no, t)| (*no, super::flow::strip_bullet(t).to_string()))
            .collect();
        &unbulleted[..]
    } else {
        lines
    };
    let unnumbered = without_list_numbers(lines);
    let lines = unnumbered.as_deref().unwrap_or(lines);
    let by_party = party_blocks(lines);
    let lines = by_party.as_deref().unwrap_or(lines);
    let from_cells = cells_as_lines(lines);
    let lines = from_cells.as_deref().unwrap_or(lines);
    // Names printed surname first ("Berg, Anna (S), ordförande") are written given names first,
    // so that the comma after the surname parts no person.
    let reordered = each_rewritten(lines, given_name_first);
    let lines = reordered.as_deref().unwrap_or(lines);
    // A name broken at its hyphen in a narrow cell ("Eva-" / "Lena Ståhl (S)") is one line
    // again, so that one person per line stays so (a hyphen after a letter only: "-" ending a
    // line otherwise still marks a run-on list below).
    let rejoined: Vec<(usize, String)>;
    // So is a served member's name cut after the given name ("… för Sara" / "Ruud (SD)").
    let lines = if lines.iter().any(|(_, t)| ends_in_word_hyphen(t))
        || lines.windows(2).any(|w| served_name_cut(&w[0].1, &w[1].1))
    {
        let mut out: Vec<(usize, String)> = Vec::with_capacity(lines.len());
        let mut open = false;
        for (no, t) in lines {
            match out.last_mut() {
                Some((_, last)) if open || served_name_cut(last, t) => {
                    super::flow::join_continuation(last, t)
                }
                _ => out.push((*no, t.clone())),
            }
            open = out.last().is_some_and(|(_, l)| ends_in_word_hyphen(l));
        }
        rejoined = out;
        &rejoined[..]
    } else {
        lines
    };
    // A whole list run into one table cell and wrapped over lines is read as one run.
    let merged: Vec<(usize, String)>;
    let run_on = lines.len() > 1
        // A line with two commas runs people together only when two of its parts name one:
        // "Thomas Eneström S, 2:e vice ordf., fr.o.m. § 27" is one person's line.
        && (lines.iter().any(|(_, t)| {
            t.matches(',').count() >= 2
                && segments(t)
                    .iter()
                    .enumerate()
                    .filter(|(k, seg)| !(*k > 0 && is_organisation(seg)))
                    .filter(|(_, seg)| parse_segment(seg).name.is_some())
                    .take(2)
                    .count()
                    >= 2
        })
            || lines.iter().skip(1).any(|(_, t)| {
                let t = t.trim_start();
                t.chars()
                    .next()
                    .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
                    && !role_before_name(t)
            })
            || lines.iter().any(|(_, t)| {
                let t = t.trim_end();
                t.ends_with(',')
                    || t.ends_with("§§")
                    || t.ends_with('-')
                    || (RUN_MARK.is_match(t) && !role_before_name(t.trim_start()))
            }));
    let lines = if run_on {
        let mut text = String::new();
        for (_, t) in lines {
            super::flow::join_continuation(&mut text, t);
        }
        merged = vec![(lines[0].0, text)];
        &merged[..]
    } else {
        lines
    };
    // "Herr ordföranden Karl Nilsson (s), herrar Olle Berg (m), … samt fru Greta Lind (c)": the
    // courtesy titles of older minutes, read once a list run over lines is one run (an office
    // may end one line, its name open the next)
    let courteous = each_rewritten(lines, without_honorifics);
    let lines = courteous.as_deref().unwrap_or(lines);
    // Whether the list prints titles before names ("avdelningschef Mats Ek, nämndsekreterare
    // Ida Karlsson"), as its first person shows; then the words before a name are that
    // person's, not the trailing attributes of the one before ("Jacob Käll, Vimmerby kommun,
    // ordförande Elisabet Hagström, …").
    let mut title_first: Option<bool> = None;
    // "Aska kommun" / "Anna Berg (S), ordförande" / "Per Ekman (M)" / "Broviks kommun" / …: a
    // list opening with a kommun's name alone on its line groups its people under the kommun
    // each represents, as a kommunalförbund's direktion prints its members.
    let grouped = lines.first().is_some_and(|(_, t)| is_kommun_heading(t));
    // The group being read, and the first of its people.
    let mut group: Option<&str> = None;
    let mut group_from = 0;
    let close_group = |drafts: &mut [Draft], group: Option<&str>, from: usize| {
        for d in drafts.iter_mut().skip(from) {
            if d.represents.is_none() {
                d.represents = group.map(str::to_string);
            }
        }
    };
    for (no, text) in lines {
        let text = text.trim();
        if grouped && is_kommun_heading(text) {
            close_group(&mut drafts, group, group_from);
            group = Some(text);
            group_from = drafts.len();
            continue;
        }
        // Lowercasing only the prefix: no copy of the whole line.
        if text.is_empty()
            || text
                .chars()
                .flat_map(char::to_lowercase)
                .take(13)
                .eq("se nästa sida".chars())
        {
            continue;
        }
        let mut person_on_line = false;
        let moved = party_cell_after_role(text);
        let text = split_after_parties(moved.as_deref().unwrap_or(text));
        for seg in segments(&text) {
            if is_redacted(seg) {
                // a blacked-out person: the fragments are no one's name
                warnings.push(format!("line {no}: a redacted participant is not listed"));
                continue;
            }
            // "Göran Widén, vice ordförande, PRO Sjöhamn": a pensionärsråd's or a
            // funktionshinderråd's member represents an organisation, its acronym first (no
            // person's name after another's on a line opens so)
            if person_on_line && is_organisation(seg) {
                apply(&mut drafts, Attr::Represents(seg.trim().to_string()));
                continue;
            }
            let parsed = parse_segment(seg);
            match parsed.name {
                Some(name) => {
                    // a list whose first person's title or role comes before the name
                    // ("Ordförande Maria Lund (S), vice ordförande Per Ek (M)"): every
                    // person's words before the name are the person's own
                    let leads = *title_first.get_or_insert_with(|| {
                        !parsed.pre.is_empty()
                            && parsed
                                .pre
                                .iter()
                                .all(|a| matches!(a, Attr::Title(_) | Attr::Role(_)))
                    });
                    let mut own_pre = Vec::new();
                    for a in parsed.pre {
                        if person_on_line && !leads {
                            apply(&mut drafts, a);
                        } else {
                            own_pre.push(a);
                        }
                    }
                    drafts.push(Draft {
                        name,
                        line: *no,
                        ..Draft::default()
                    });
                    for a in own_pre.into_iter().chain(parsed.post) {
                        apply(&mut drafts, a);
                    }
                    person_on_line = true;
                }
                None => {
                    // "Karin Svedin (S), Ålby, ordförande": one capitalised word of its own
                    // after the party is the kommun the member represents, as a förbund's or a
                    // gemensam nämnd's lists print their members
                    let mut attrs: Vec<Attr> = parsed.pre.into_iter().chain(parsed.post).collect();
                    if person_on_line
                        && let [Attr::Title(t)] = attrs.as_slice()
                        && !t.contains(' ')
                        && is_name_token(t)
                        && !is_title_word(&t.to_lowercase())
                        && drafts
                            .last()
                            .is_some_and(|d| d.party.is_some() && d.represents.is_none())
                    {
                        attrs = vec![Attr::Represents(t.clone())];
                    }
                    for a in attrs {
                        apply(&mut drafts, a);
                    }
                }
            }
        }
    }
    close_group(&mut drafts, group, group_from);
    drafts
        .into_iter()
        .filter(|d| !d.name.is_empty())
        .map(|d| {
            // "Per Ek (M), anmält förhinder" in a list of those present: an absence noted on
            // the member's line, read as the Frånvarande list reads it.
            let absent_here = !matches!(kind, ListKind::Others | ListKind::Absent)
                && d.title.as_deref().is_some_and(is_absence_note);
            finish(
                if absent_here { ListKind::Absent } else { kind },
                d,
                meeting,
                warnings,
            )
        })
        .collect()
}

/// Whether words beside a name say the person was absent ("anmält förhinder",
/// "frånvarande"): the lexicon's absence words, alone.
pub(crate) fn is_absence_note(words: &str) -> bool {
    let lower = words
        .trim()
        .trim_matches(|c: char| c == ',' || c == ';' || c == '(' || c == ')' || c.is_whitespace())
        .to_lowercase();
    // "nej", "ersatt" are absence words in a table's column, not beside a name.
    !lower.is_empty()
        && ABSENT_WORDS.contains(&lower.as_str())
        && !matches!(lower.as_str(), "nej" | "ersatt" | "ersätts")
}

/// Whether a list's line is a kommun's name and nothing more ("Aska kommun", "Östra Göinge
/// kommun", "Region Norrdal"): two to four capitalised words, the last "kommun" or "stad", or
/// "Region" and a name.
fn is_kommun_heading(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let capital = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || c == '-')
    };
    match words.as_slice() {
        ["Region", name] => capital(name),
        [names @ .., last] if (1..=3).contains(&names.len()) => {
            matches!(*last, "kommun" | "stad") && names.iter().all(capital)
        }
        _ => false,
    }
}

/// A list whose first line is a row of column headings ("Namn   Parti   Kommun   Funktion", as
/// meeting systems print a närvarolista without a presence column), its rows written as the
/// participant lines the grammar reads: "Anna Lindqvist   S   Mora   Ordförande" → "Anna
/// Lindqvist (S), ordförande, Mora kommun". A cell goes to the heading it stands under (by
/// column, or by order between tabs). `None` when the first line is no such row. The cover
/// rewrites such a table before its lines are read as labels and values (a role cell,
/// "Ordförande", would otherwise be a label).
pub(crate) fn headed_columns(lines: &[(usize, String)]) -> Option<Vec<(usize, String)>> {
    use super::lexicon::LIST_COLUMN_HEADINGS;
    let cells_of = |t: &str| -> Vec<(usize, String)> {
        if t.contains('\t') {
            t.split('\t')
                .enumerate()
                .filter(|(_, c)| !c.trim().is_empty())
                .map(|(i, c)| (i, c.trim().to_string()))
                .collect()
        } else {
            super::text::fragments(t, 2)
                .into_iter()
                .map(|(c, f)| (c, f.trim().to_string()))
                .collect()
        }
    };
    let (first_at, first) = lines
        .iter()
        .enumerate()
        .find(|(_, (_, t))| !t.trim().is_empty())?;
    let heads = cells_of(&first.1);
    let heads_low: Vec<String> = heads.iter().map(|(_, h)| h.to_lowercase()).collect();
    if heads.len() < 2
        || !heads_low
            .iter()
            .all(|h| LIST_COLUMN_HEADINGS.contains(&h.as_str()))
        || !heads_low
            .iter()
            .any(|h| h == "parti" || h == "kommun" || h == "funktion")
    {
        return None;
    }
    let tabbed = first.1.contains('\t');
    let mut out = Vec::new();
    for (no, t) in &lines[first_at + 1..] {
        let cells = cells_of(t);
        if cells.is_empty() {
            continue;
        }
        let (mut name, mut party, mut role, mut place) = (String::new(), None, None, None);
        for (k, (c, cell)) in cells.iter().enumerate() {
            let col = if tabbed {
                k.min(heads.len() - 1)
            } else {
                heads.iter().rposition(|(h, _)| *h <= c + 2).unwrap_or(0)
            };
            match heads_low[col].as_str() {
                "parti" => party = Some(cell.clone()),
                "kommun" | "representerar" | "organisation" => place = Some(cell.clone()),
                "funktion" | "roll" | "uppdrag" => role = Some(cell.clone()),
                _ if name.is_empty() => name = cell.clone(),
                _ => name = format!("{name} {cell}"),
            }
        }
        if name.is_empty() {
            continue;
        }
        let mut line = name;
        if let Some(p) = party {
            line = format!("{line} ({p})");
        }
        if let Some(r) = role {
            let mut chars = r.chars();
            let lowered: String = chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect())
                .unwrap_or_default();
            line = format!("{line}, {lowered}");
        }
        if let Some(k) = place {
            let lower = k.to_lowercase();
            let kommun = if lower.ends_with("kommun") || lower.starts_with("region") {
                k
            } else {
                format!("{k} kommun")
            };
            line = format!("{line}, {kommun}");
        }
        out.push((*no, line));
    }
    Some(out)
}

/// Roles printed before a name on a list's line of its own ("1:e vice ordförande Hanna Lind
/// (V)", "ledamot Per Ek"): such a line starts a person, it does not continue the line above.
const LEADING_ROLES: &[&str] = &[
    "ordförande",
    "vice ordförande",
    "ledamot",
    "ersättare",
    "tjänstgörande ersättare",
    "adjungerad",
];

/// Whether `line` opens with a role (after an optional ordinal: "1:e", "2:a", "förste",
/// "andre") and then a capitalised word: a person named after their role.
fn role_before_name(line: &str) -> bool {
    let lower = line.to_lowercase();
    let mut rest = lower.as_str();
    let ordinal_end = rest
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == ':')
        .map(|(i, c)| i + c.len_utf8())
        .last();
    if let Some(end) = ordinal_end
        && let Some(after) = rest[end..]
            .strip_prefix('e')
            .or_else(|| rest[end..].strip_prefix('a'))
    {
        rest = after.trim_start();
    }
    for ordinal in ["förste ", "andre ", "andra ", "tredje "] {
        if let Some(after) = rest.strip_prefix(ordinal) {
            rest = after.trim_start();
        }
    }
    LEADING_ROLES.iter().any(|role| {
        rest.strip_prefix(role)
            .and_then(|after| after.strip_prefix(' '))
            .is_some_and(|after| {
                // Back in the original: the name must be capitalised there.
                // (Lowercasing may change byte lengths: never slice blindly.)
                line.len()
                    .checked_sub(after.len())
                    .and_then(|at| line.get(at..))
                    .and_then(|t| t.trim_start().chars().next())
                    .is_some_and(char::is_uppercase)
            })
    })
}

fn apply(drafts: &mut Vec<Draft>, a: Attr) {
    let Some(d) = drafts.last_mut() else { return };
    match a {
        Attr::Role(r) => {
            if let Some(existing) = &d.role {
                if *existing != r && !d.name.is_empty() {
                    // A second role for the same person: a record of its own
                    // ("ersättare §§ 59-62, tjänstgörande ersättare §§ 62-67").
                    let next = Draft {
                        name: d.name.clone(),
                        role: Some(r),
                        represents: d.represents.clone(),
                        party: d.party.clone(),
                        line: d.line,
                        ..Draft::default()
                    };
                    drafts.push(next);
                }
            } else {
                d.role = Some(r);
            }
        }
        Attr::Represents(k) => {
            if d.represents.is_none() {
                d.represents = Some(k);
            }
        }
        Attr::Paragraphs(p) => match &mut d.paragraphs {
            Some(existing) => {
                existing.push_str(", ");
                existing.push_str(&p);
            }
            None => d.paragraphs = Some(p),
        },
        Attr::ServesFor(s) => d.serves_for = Some(s),
        Attr::Party(p) => {
            if d.party.is_none() {
                d.party = Some(p);
            }
        }
        Attr::Title(t) => match &mut d.title {
            Some(existing) => {
                existing.push_str(", ");
                existing.push_str(&t);
            }
            None => d.title = Some(t),
        },
    }
}

fn finish(
    kind: ListKind,
    mut d: Draft,
    meeting: Option<ParagraphRange>,
    warnings: &mut Vec<String>,
) -> Participant {
    let mut role = d.role.clone();
    let title = d.title.as_deref().and_then(normalise_title);
    let category = match kind {
        // an observer or an adjungerad member in the list of those present has no vote
        ListKind::Members if role.as_deref() == Some("insynsplats") => {
            ParticipantCategory::Ersattare
        }
        // present without deciding, as the corpus's truth and the rendered protocol list
        // them; the role says the seat is an observer's
        ListKind::Observers => ParticipantCategory::Ersattare,
        ListKind::Members if role.as_deref() == Some("adjungerad") => ParticipantCategory::Ovriga,
        ListKind::Members | ListKind::ServingSubstitutes => ParticipantCategory::Beslutande,
        ListKind::NotServingMembers => ParticipantCategory::Ersattare,
        ListKind::Substitutes => {
            if role.as_deref() == Some("tjänstgörande ersättare") {
                ParticipantCategory::Beslutande
            } else {
                ParticipantCategory::Ersattare
            }
        }
        // "Övriga närvarande: Mats Berg (S), ersättare": a substitute present among the
        // others (an arbetsutskott's ersättare sit in without a list of their own) is one.
        ListKind::Others if role.as_deref() == Some("ersättare") => ParticipantCategory::Ersattare,
        // Not a participant: the caller moves these to `absent`.
        ListKind::Others | ListKind::Absent => ParticipantCategory::Ovriga,
    };
    match kind {
        ListKind::Members => {
            if role.is_none() {
                role = Some(if d.serves_for.is_some() {
                    "tjänstgörande ersättare".into()
                } else {
                    "ledamot".into()
                });
            } else if role.as_deref() == Some("ersättare") {
                role = Some("tjänstgörande ersättare".into());
            }
        }
        ListKind::ServingSubstitutes => {
            if role.is_none() || role.as_deref() == Some("ersättare") {
                role = Some("tjänstgörande ersättare".into());
            }
        }
        ListKind::Substitutes => {
            if role.is_none() {
                role = Some("ersättare".into());
            }
        }
        // "Insynsplats   Tobias Rönn (KD)": the seat the label names, whatever the line says
        ListKind::Observers => role = Some("insynsplats".into()),
        // "Anna Berg (S), ordförande" under the label: still a ledamot who did not serve.
        ListKind::NotServingMembers => {
            role = Some(match role.as_deref() {
                None | Some("ledamot") => kansli_core::protocol::NOT_SERVING_MEMBER.into(),
                Some(r) => format!("{r}, ej tjänstgörande"),
            });
        }
        // An official's title, or why a member was absent ("förhinder").
        ListKind::Others | ListKind::Absent => {
            // "Lena Ahl (förvaltningsdirektör)": the title without its brackets.
            let title = title.map(|t| {
                t.strip_prefix('(')
                    .and_then(|t| t.strip_suffix(')'))
                    .filter(|t| !t.contains(['(', ')']))
                    .map_or(t.clone(), |t| t.trim().to_string())
            });
            role = match (role, title) {
                (Some(r), Some(t)) => Some(format!("{r}, {t}")),
                (Some(r), None) => Some(r),
                (None, t) => t,
            };
        }
    }
    // "Annika Strömqvist (S), ordförande, regionråd": a member's political office (kommunalråd,
    // regionråd, oppositionsråd, gruppledare) goes with the seat's role.
    if !matches!(kind, ListKind::Others | ListKind::Absent)
        && let Some(t) = d.title.as_deref().filter(|t| is_political_office(t))
    {
        role = Some(match role {
            Some(r) => format!("{r}, {t}"),
            None => t.to_string(),
        });
        d.title = None;
    }
    if !matches!(kind, ListKind::Others | ListKind::Absent)
        && let Some(t) = &d.title
    {
        warnings.push(format!(
            "line {}: participant {}: unread words {:?}",
            d.line, d.name, t
        ));
    }
    let paragraphs = d.paragraphs.as_deref().and_then(|raw| {
        // not served in these: the meeting's other paragraphs, when its range is known
        if let Some(not) = raw.strip_prefix(EXCEPT) {
            let set = ParagraphSet::parse(&plain_paragraphs(not), meeting).ok();
            let rest: Vec<ParagraphRange> = match (set, meeting) {
                (Some(set), Some(m)) => (m.first..=m.last)
                    .filter(|n| !set.contains(*n))
                    .filter_map(|n| ParagraphRange::new(n, n).ok())
                    .fold(Vec::new(), |mut acc: Vec<ParagraphRange>, r| {
                        match acc.last_mut() {
                            Some(last) if last.last + 1 == r.first => last.last = r.first,
                            _ => acc.push(r),
                        }
                        acc
                    }),
                _ => Vec::new(),
            };
            if rest.is_empty() {
                warnings.push(format!(
                    "line {}: participant {}: paragraphs {:?} not understood",
                    d.line, d.name, not
                ));
                return None;
            }
            return Some(ParagraphSet(rest).to_string());
        }
        Some(match ParagraphSet::parse(&plain_paragraphs(raw), meeting) {
            Ok(set) => set.to_string(),
            Err(_) => {
                warnings.push(format!(
                    "line {}: participant {}: paragraphs {:?} not understood",
                    d.line, d.name, raw
                ));
                raw.to_string()
            }
        })
    });
    Participant {
        name: d.name,
        category,
        role,
        represents: d.represents,
        party: d.party,
        paragraphs,
        serves_for: d.serves_for,
    }
}

/// What a presence column says in words, as publishing systems write it instead of a mark
/// ("Närvarande", "Frånvarande", or the member's role, "Ordförande", for present).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Status {
    Present,
    Absent,
    Role,
}

/// The status a presence cell's words give; `None` for a mark or anything else.
fn status_word(cell: &str) -> Option<Status> {
    let lower = cell.trim().trim_end_matches('.').to_lowercase();
    if PRESENT_WORDS.contains(&lower.as_str()) {
        Some(Status::Present)
    } else if ABSENT_WORDS.contains(&lower.as_str()) {
        Some(Status::Absent)
    } else if ROLE.is_match(&lower) && lower.split_whitespace().count() <= 4 {
        Some(Status::Role)
    } else {
        None
    }
}

/// A seat number column's header ("Nr", "Plats"), before the names of a list by seat.
const SEAT_NUMBER: &[&str] = &["nr", "nr.", "nummer", "#", "plats", "stol", "mandat"];

/// A seat's number in its column: "1", "12", "3.".
fn is_seat_number(cell: &str) -> bool {
    let n = cell.trim_end_matches('.');
    (1..=3).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a line right under a table's header is the rest of its wrapped cells
/// ("Tjänstgörande" / "ersättare"): nothing in the first column, only words, one of them
/// lower case.
fn is_header_continuation(text: &str, frags: &[(usize, &str)], first_col: usize) -> bool {
    let leftmost_empty = if text.contains('\t') {
        text.starts_with('\t')
    } else {
        frags.first().is_some_and(|(c, _)| *c > first_col + 2)
    };
    leftmost_empty
        && frags.iter().all(|(_, f)| {
            f.trim()
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '/'))
        })
        && frags
            .iter()
            .any(|(_, f)| f.trim().chars().next().is_some_and(char::is_lowercase))
}

/// A header's cells with their wrapped lines' words added. In `-layout` text a word goes to
/// the cell it stands under (a capitalised one standing under none is a column of its own). A
/// PDF's tabbed line places nothing, so its leading lower-case words end the header's last
/// cells, and its capitalised ones are the columns after them (cells shorter than the wrapped
/// one, written on its lower line).
fn continue_header(
    mut cells: Vec<(usize, String)>,
    frags: &[(usize, &str)],
    tabbed: bool,
) -> Vec<(usize, String)> {
    let lower = |f: &str| f.chars().next().is_some_and(char::is_lowercase);
    if tabbed {
        let k = frags.iter().take_while(|(_, f)| lower(f.trim())).count();
        let from = cells.len().saturating_sub(k);
        for (cell, (_, f)) in cells[from..].iter_mut().zip(frags) {
            cell.1 = format!("{} {}", cell.1, f.trim());
        }
        let mut next = cells.last().map_or(0, |c| c.0) + 8;
        for (_, f) in &frags[k..] {
            cells.push((next, f.trim().to_string()));
            next += 8;
        }
        return cells;
    }
    for (c, f) in frags {
        let f = f.trim();
        let under = cells.iter().rposition(|(hc, _)| *hc <= c + 2);
        match under {
            Some(k) if lower(f) || cells[k].0 + 2 >= *c => {
                cells[k].1 = format!("{} {f}", cells[k].1);
            }
            _ => {
                cells.push((*c, f.to_string()));
                cells.sort_by_key(|(hc, _)| *hc);
            }
        }
    }
    cells
}

/// Reads an attendance table (närvarolista) such as an appendix or a cover prints it:
///
/// ```text
/// Ledamöter                     Parti   Närvarande   Tjänstgörande ersättare
/// Birgit Holm, ordförande       M       X
/// Rolf Sund                     SD                   Tina Malm (SD)
/// Ersättare                     Parti   Närvarande
/// Tina Malm                     SD      X
/// ```
///
/// or with each member's substitute on the member's row, marked present and serving in columns
/// of their own:
///
/// ```text
/// Ledamöter                         Närv   Ersättare               Närv   Tjg
/// Göran Ek (S), ordförande          X      Lena Malm (S)           X
/// Ahmed Saleh (S)                          Maria Krantz (S)        X      X
/// ```
///
/// or, as a kommunfullmäktige's "Närvaro- och voteringslista" prints it, one row per seat after
/// a number column, a header cell wrapped over two lines and the vote in columns after the names
/// ("Nr  Ledamot  Parti  Närv.  Tjänstgörande ersättare  Ja  Nej"), with the substitutes present who
/// did not serve on a line under it ("Närvarande ej tjänstgörande ersättare: Britt Holm (C)").
///
/// A member marked present is beslutande; a substitute named beside an absent member, or marked
/// serving, serves for them; a substitute marked present who does not serve is an ersättare.
/// Cells are matched to the header's columns by position. The table ends at a line that starts
/// with something other than a name in the name column (a cover label: `is_label`). Returns the
/// participants and the numbers of the lines read as the table.
pub(crate) fn attendance_table(
    lines: &[&super::text::Line],
    meeting: Option<ParagraphRange>,
    days: &[(u32, ParagraphRange)],
    is_label: impl Fn(&str) -> bool,
    warnings: &mut Vec<String>,
) -> (Vec<Participant>, Vec<usize>) {
    #[derive(PartialEq, Clone, Copy)]
    enum Col {
        /// The names of a group: the header's first column, or a second group's ("Ersättare"
        /// followed by its own presence column).
        Name,
        Party,
        Present,
        /// Present on one day of a meeting over several days: the column headed by its date,
        /// the day's number counted from the left.
        Day(u32),
        /// Taking part in some of the paragraphs: the column headed by them ("§§ 120–123"), a
        /// mark in it serving there (a member present, a substitute serving).
        Paragraphs(ParagraphRange),
        /// A mark that the row's substitute serves ("Tjg", "Tjänstgör").
        ServingMark,
        /// The name of the substitute serving for the row's member.
        Serving,
        /// The serving substitute's party: a party column after the `Serving` one.
        ServingParty,
        /// The seat's number ("Nr"), before the names of a council's list by seat.
        Number,
        /// The member's role ("Roll", "Funktion": "Ordförande", "Ledamot").
        Role,
        /// Whom the row's substitute serves for ("Tjänstgör för", "Ersätter").
        ServesFor,
        Other,
    }
    const PRESENT: &[&str] = &["närvarande", "närv", "närv.", "närvaro", "n", "status"];
    // A member's roles in a role column.
    const MEMBER_ROLES: &[&str] = &[
        "ordförande",
        "ordf",
        "vice ordförande",
        "vice ordf",
        "1:e vice",
        "2:e vice",
        "förste vice",
        "andre vice",
        "ledamot",
    ];
    const SERVING_MARK: &[&str] = &["tjg", "tjg.", "tjänstgör", "tjänstgörande", "tj"];
    let is_mark = |f: &str| {
        matches!(f, "X" | "x" | "✓" | "✔" | "Ja" | "ja" | "N" | "T") || status_word(f).is_some()
    };
    let mut out: Vec<Participant> = Vec::new();
    let mut used: Vec<usize> = Vec::new();
    // Where each row of a table by member kommun begins in `out`, and its kommun.
    let mut kommun_rows: Vec<(usize, String)> = Vec::new();
    /// A header's columns: (column, what, group).
    type Columns = Vec<(usize, Col, usize)>;
    let mut header: Option<(ListKind, Columns)> = None;
    // The header line's cells, while its wrapped cells may follow on the next line.
    let mut header_cells: Option<Vec<(usize, String)>> = None;
    // The last line read as the table's.
    let mut last_row: Option<usize> = None;
    // A header: its first column names the members ("Ledamot", "Namn"), after a seat number
    // column ("Nr") if there is one, and a later one says who is present or serving.
    let classify = |cells: &[(usize, String)]| -> Option<(ListKind, Columns)> {
        let low: Vec<String> = cells.iter().map(|(_, f)| f.to_lowercase()).collect();
        let numbered = low.len() > 2 && SEAT_NUMBER.contains(&low[0].as_str());
        // "Parti  Ledamot  Närvaro  Tjänstgörande ersättare": a region's table by party group,
        // the party's letters before each name
        let party_first = low.len() > 2 && low[0] == "parti";
        // "Kommun  Ledamot  Närv  Ersättare  Närv": a kommunalförbund's table by member kommun,
        // the kommun's name before each seat's people
        let kommun_first = low.len() > 2 && matches!(low[0].as_str(), "kommun" | "medlemskommun");
        let name_at = usize::from(numbered || party_first || kommun_first);
        let first = low.get(name_at)?;
        // A meeting over several days marks each day in a column headed by its date
        // ("Ledamöter  Parti  2024-04-18  2024-04-25"): present on a day is present.
        let has_present = low.iter().skip(name_at + 1).any(|f| {
            PRESENT.contains(&f.as_str())
                || SERVING_MARK.contains(&f.as_str())
                || is_day_column(f)
                || paragraph_column(f).is_some()
        });
        // "Namn   Parti   Roll   Tjänstgör för" under "Närvarande": everyone listed is present,
        // each row's role says in what capacity
        let has_role = low
            .iter()
            .skip(name_at + 1)
            .any(|f| matches!(f.as_str(), "roll" | "funktion" | "uppdrag"));
        if !((has_present || has_role)
            && (first.starts_with("ledamot")
                || first.starts_with("ledamöter")
                || first.starts_with("ersättare")
                || first == "namn"))
        {
            return None;
        }
        let kind = if first.starts_with("ersättare") {
            ListKind::Substitutes
        } else {
            ListKind::Members
        };
        let mut group = 0;
        let mut day_no = 0;
        let mut cols = Vec::new();
        for (i, ((c, _), f)) in cells.iter().zip(&low).enumerate() {
            let presence_after = low[i + 1..]
                .iter()
                .any(|g| PRESENT.contains(&g.as_str()) || is_day_column(g));
            let col = if i < name_at && party_first {
                Col::Party
            } else if i < name_at && kommun_first {
                Col::Other
            } else if i < name_at {
                Col::Number
            } else if i == name_at {
                Col::Name
            } else if f == "parti" && cols.iter().any(|(_, k, _)| *k == Col::Serving) {
                Col::ServingParty
            } else if f == "parti" {
                Col::Party
            } else if matches!(f.as_str(), "roll" | "funktion" | "uppdrag") {
                Col::Role
            } else if matches!(
                f.as_str(),
                "tjänstgör för" | "tjänstgörande för" | "ersätter" | "i stället för"
            ) {
                Col::ServesFor
            } else if is_day_column(f) {
                day_no += 1;
                Col::Day(day_no)
            } else if let Some(r) = paragraph_column(f) {
                Col::Paragraphs(r)
            } else if PRESENT.contains(&f.as_str()) {
                Col::Present
            } else if SERVING_MARK.contains(&f.as_str()) {
                Col::ServingMark
            } else if f.starts_with("ersättare") && presence_after {
                group += 1;
                Col::Name
            } else if f.contains("ersättare") || SERVED_BY.contains(&f.as_str()) {
                Col::Serving
            } else {
                Col::Other
            };
            cols.push((*c, col, group));
        }
        // A paragraph's column beside presence columns of their own ("Närv   Tjg   § 65") holds
        // its vote, no attendance.
        if cols
            .iter()
            .any(|(_, k, _)| matches!(k, Col::Present | Col::ServingMark | Col::Day(_)))
        {
            for (_, k, _) in cols.iter_mut() {
                if matches!(k, Col::Paragraphs(_)) {
                    *k = Col::Other;
                }
            }
        }
        Some((kind, cols))
    };
    // The line read as the wrapped rest of the row above's name cell.
    let mut wrapped_rest: Option<usize> = None;
    for (i, l) in lines.iter().enumerate() {
        if wrapped_rest == Some(i) {
            continue;
        }
        // A PDF's row whose name cell wrapped: the rest of the cell opens the next line in the
        // empty first column, lower case, with the row's other cells after it ("Östby⇥Berit Ahl
        // (M), vice" / "⇥ordförande⇥X⇥Nils Wiberg (M)"): one row.
        let joined = lines.get(i + 1).filter(|n| {
            header.as_ref().is_some_and(|(_, cols)| {
                let name_at = cols.iter().position(|(_, k, _)| *k == Col::Name);
                l.text.contains('\t')
                    && name_at.is_some_and(|at| l.text.trim().split('\t').count() == at + 1)
            }) && n.text.starts_with('\t')
                && n.text
                    .trim_start_matches('\t')
                    .starts_with(char::is_lowercase)
        });
        let text = match joined {
            Some(n) => {
                wrapped_rest = Some(i + 1);
                used.push(n.no);
                std::borrow::Cow::Owned(format!(
                    "{} {}",
                    l.text.trim_end(),
                    n.text.trim_start_matches('\t')
                ))
            }
            None => std::borrow::Cow::Borrowed(l.text.as_str()),
        };
        let frags = super::text::placed_cells(&text, 2);
        if frags.is_empty() {
            continue;
        }
        // A header's wrapped cells ("Tjänstgörande" / "ersättare"), on the line under it: its
        // lower-case words end the header's cells, its capitalised ones are columns of their own.
        if let Some(cells) = header_cells.take()
            && is_header_continuation(&text, &frags, cells.first().map_or(0, |c| c.0))
        {
            let cells = continue_header(cells, &frags, text.contains('\t'));
            if let Some(h) = classify(&cells) {
                header = Some(h);
                used.push(l.no);
            }
            continue;
        }
        let mut cells: Vec<(usize, String)> = frags
            .iter()
            .map(|(c, f)| (*c, f.trim().to_string()))
            .collect();
        // "Närvarande   Ledamot   Parti   Ersättare   Närv.": the table in a cover label's
        // value column, its header on the label's line; the label is no column.
        if cells.len() > 2 && is_label(&cells[0].1) && classify(&cells[1..]).is_some() {
            cells.remove(0);
        }
        // A table of roles without presence marks under a list's own label ("Beslutande" /
        // "Namn   Parti   Kommun   Funktion") is that list's, read with the cover; one under
        // a heading of all those present ("NÄRVARANDE") is read here, by each row's role.
        let under_list = || {
            lines[..i]
                .iter()
                .rev()
                .find(|x| !x.is_blank())
                .is_some_and(|x| {
                    let t = x.trimmed();
                    let heading = t.trim_end_matches(':').to_lowercase();
                    super::cover::list_label(t).is_some()
                        && !super::lexicon::ATTENDANCE_HEADINGS.contains(&heading.as_str())
                })
        };
        if let Some(h) = classify(&cells)
            && (h.1.iter().any(|(_, k, _)| {
                matches!(
                    k,
                    Col::Present | Col::Day(_) | Col::ServingMark | Col::Serving
                )
            }) || !under_list())
        {
            header = Some(h);
            header_cells = Some(cells);
            used.push(l.no);
            last_row = Some(i);
            continue;
        }
        // "Närvarande ej tjänstgörande ersättare: Britt Holm (C), Karl Ek (SD)" printed under
        // the table: the substitutes present who did not serve.
        if last_row.is_some_and(|r| i <= r + 4)
            && let Some((ListKind::Substitutes, names)) = super::cover::list_label(l.trimmed())
            && !names.is_empty()
        {
            used.push(l.no);
            for p in parse_list(ListKind::Substitutes, &[(l.no, names)], meeting, warnings) {
                if !out.iter().any(|o| o.name.eq_ignore_ascii_case(&p.name)) {
                    out.push(p);
                }
            }
            last_row = None;
            continue;
        }
        let Some((kind, cols)) = &header else {
            continue;
        };
        // A PDF's table row comes with its cells between tabs and its empty cells left out, so
        // a cell's place says nothing: each goes to the next header column its content fits
        // (a name, a party, a mark), in the header's order.
        let name_at = cols
            .iter()
            .position(|(_, k, _)| *k == Col::Name)
            .unwrap_or(0);
        let frags = if text.contains('\t') {
            let party_like =
                |t: &str| (1..=4).contains(&t.chars().count()) && t.chars().all(char::is_uppercase);
            let fits = |col: Col, first: bool, t: &str| match col {
                Col::Name => first || (!is_mark(t) && !party_like(t)),
                Col::Party | Col::ServingParty => !is_mark(t) && party_like(t),
                // "Tjg" in a substitute's presence column (see below)
                Col::Present => is_mark(t) || SERVING_MARK.contains(&t.to_lowercase().as_str()),
                Col::ServingMark | Col::Day(_) | Col::Paragraphs(_) => is_mark(t),
                Col::Serving => !is_mark(t) && !party_like(t),
                Col::Number => is_seat_number(t),
                Col::Role | Col::ServesFor => !is_mark(t) && !party_like(t),
                Col::Other => true,
            };
            let mut next = 0;
            let mut aligned = Vec::with_capacity(frags.len());
            for (i, (_, f)) in frags.iter().enumerate() {
                let from = if i == 0 { 0 } else { next };
                if let Some(j) =
                    (from..cols.len()).find(|&j| fits(cols[j].1, j == name_at, f.trim()))
                {
                    aligned.push((cols[j].0, *f));
                    next = j + 1;
                }
            }
            aligned
        } else {
            frags
        };
        if frags.is_empty() {
            continue;
        }
        // A list by seat: each row begins with its seat's number ("Summa" under the names ends
        // it), which is no cell of the person's.
        let mut frags = frags;
        // The party before the name, in a table by party group: the row's first cell.
        let mut lead_party: Option<String> = None;
        if name_at > 0 && cols[0].1 == Col::Other {
            // the member kommun's cell before the seat's people: the kommun they represent
            if frags.len() < 2 || frags[0].0 > cols[0].0 + 2 {
                header = None;
                continue;
            }
            kommun_rows.push((out.len(), frags[0].1.trim().to_string()));
            frags.remove(0);
        } else if name_at > 0 && cols[0].1 == Col::Party {
            let party = frags[0].1.trim();
            if frags.len() < 2
                || frags[0].0 > cols[0].0 + 2
                || !(PARTIES.contains(&party) || is_local_party_mark(party))
            {
                header = None;
                continue;
            }
            lead_party = Some(party.to_string());
            frags.remove(0);
        } else if name_at > 0 {
            let number_col = cols[0].0;
            if frags.len() < 2 || frags[0].0 > number_col + 2 || !is_seat_number(frags[0].1.trim())
            {
                header = None;
                continue;
            }
            frags.remove(0);
        }
        let name_col = cols.get(name_at).map_or(0, |c| c.0);
        let has_mark_col = cols.iter().any(|(_, k, _)| *k == Col::ServingMark);
        // One presence column for the seat, after its substitute ("Ledamot  Ersättare
        // Närv."): its mark says who attended, the member or the substitute in their place.
        let seat_mark = !cols.iter().any(|(_, k, g)| *k == Col::Present && *g == 0)
            && cols.iter().any(|(_, k, g)| *k == Col::Present && *g == 1);
        // A group's heading alone in the name column ("Tjänstgörande ersättare"): its rows
        // go on under the same columns.
        if frags.len() == 1
            && frags[0].0 <= name_col + 2
            && let Some((group @ (ListKind::ServingSubstitutes | ListKind::Substitutes), rest)) =
                super::cover::list_label(frags[0].1.trim())
            && rest.trim().is_empty()
        {
            let cols = cols.clone();
            header = Some((group, cols));
            used.push(l.no);
            last_row = Some(i);
            continue;
        }
        if frags[0].0 > name_col + 2
            || !frags[0].1.chars().next().is_some_and(char::is_uppercase)
            || is_label(frags[0].1.trim())
        {
            header = None;
            continue;
        }
        // Per group: name, party, present, marked serving.
        #[derive(Default)]
        struct Cell {
            name: String,
            party: Option<String>,
            present: bool,
            serves: bool,
            /// A role written in the presence column ("Ordförande" for "Närvarande").
            role: Option<String>,
            /// The days marked present, of a meeting over several days.
            days: Vec<u32>,
            /// The paragraphs marked, in a table by paragraphs.
            paragraphs: Vec<ParagraphRange>,
        }
        let mut groups: Vec<Cell> = Vec::new();
        let mut serving: Option<String> = None;
        let mut serving_party: Option<String> = None;
        let mut serves_for: Option<String> = None;
        for (c, f) in &frags {
            let f = f.trim();
            let (col, g) = cols
                .iter()
                .rev()
                .find(|(hc, _, _)| *hc <= c + 2)
                .map_or((Col::Name, 0), |(_, k, g)| (*k, *g));
            // A mark in a name column is the presence column it stands nearest to.
            let col = if col == Col::Name && is_mark(f) && g > 0 {
                Col::Present
            } else {
                col
            };
            while groups.len() <= g {
                groups.push(Cell::default());
            }
            if seat_mark && col == Col::Present {
                let lower = f.trim_end_matches('.').to_lowercase();
                if SUBSTITUTE_SERVED_MARKS.contains(&lower.as_str()) {
                    groups[g].present = true;
                } else if lower == "l" || (is_mark(f) && status_word(f) != Some(Status::Absent)) {
                    // "L": the ledamot; a mark of presence names the seat's holder
                    groups[0].present = true;
                }
                continue;
            }
            let cell = &mut groups[g];
            match col {
                Col::Name => cell.name = f.to_string(),
                Col::Party => cell.party = Some(f.to_string()),
                Col::Present => match status_word(f) {
                    Some(Status::Absent) => {}
                    Some(Status::Role) => {
                        cell.present = true;
                        cell.role = Some(f.to_string());
                    }
                    // "Tjg" in a substitute's presence column: present, and serving
                    None if g > 0 && SERVING_MARK.contains(&f.to_lowercase().as_str()) => {
                        cell.present = true;
                        cell.serves = true;
                    }
                    Some(Status::Present) | None => cell.present |= is_mark(f),
                },
                Col::Day(n) => {
                    if is_mark(f) && !matches!(status_word(f), Some(Status::Absent)) {
                        cell.present = true;
                        cell.days.push(n);
                    }
                }
                Col::Paragraphs(r) => {
                    if is_mark(f) && !matches!(status_word(f), Some(Status::Absent)) {
                        cell.present = true;
                        cell.serves = true;
                        cell.paragraphs.push(r);
                    }
                }
                Col::ServingMark => cell.serves |= is_mark(f),
                Col::Serving => serving = Some(f.to_string()),
                Col::ServingParty => serving_party = Some(f.to_string()),
                // "Ledamot" says nothing a member's line does not
                Col::Role if !f.eq_ignore_ascii_case("ledamot") => cell.role = Some(f.to_string()),
                Col::ServesFor => serves_for = Some(f.to_string()),
                Col::Role | Col::Number | Col::Other => {}
            }
        }
        if let (Some(p), Some(member)) = (lead_party, groups.first_mut()) {
            member.party.get_or_insert(p);
        }
        // "Anneli Kask, 1:e vice" / "ordf.": a name cell's role wrapped onto the next line, alone
        // in the name column and in lower case, goes on the name.
        if let Some(next) = lines.get(i + 1)
            && !next.text.contains('\t')
            && let [(c, rest)] = super::text::fragments(&next.text, 2).as_slice()
            && c.abs_diff(name_col) <= 2
            && rest.chars().next().is_some_and(char::is_lowercase)
            && let Some(member) = groups.first_mut().filter(|m| !m.name.is_empty())
        {
            member.name = format!("{} {}", member.name, rest.trim());
            used.push(next.no);
            wrapped_rest = Some(i + 1);
        }
        let Some(member) = groups.first().filter(|m| !m.name.is_empty()) else {
            continue;
        };
        used.push(l.no);
        last_row = Some(i);
        // "Birgit Holm, ordförande" + party M → "Birgit Holm (M), ordförande"
        let with_party = |name: &str, party: &Option<String>| -> String {
            let (person, rest) = name.split_once(',').unwrap_or((name, ""));
            match party {
                Some(p) => format!(
                    "{} ({p}){}{rest}",
                    person.trim(),
                    if rest.is_empty() { "" } else { "," }
                ),
                None => name.to_string(),
            }
        };
        let known = |out: &[Participant], n: &str| {
            out.iter().any(|p| {
                p.name.to_lowercase() == n.to_lowercase()
                    && p.category == ParticipantCategory::Beslutande
            })
        };
        let member_text = with_party(&member.name, &member.party);
        let member_text = match &member.role {
            Some(r) => format!("{member_text}, {}", r.to_lowercase()),
            None => member_text,
        };
        // Present on some days only: the paragraphs of those days.
        let day_count = cols
            .iter()
            .filter(|(_, k, _)| matches!(k, Col::Day(_)))
            .count();
        let by_day: Vec<String> = if member.days.len() < day_count {
            member
                .days
                .iter()
                .filter_map(|n| days.iter().find(|(d, _)| d == n))
                .map(|(_, r)| format!("§§ {r}"))
                .collect()
        } else {
            Vec::new()
        };
        // Serving in some paragraphs only: those marked. A PDF's row leaves its empty cells
        // out, so with fewer marks than columns it cannot tell which: the paragraphs are not
        // given then.
        let paragraph_columns = cols
            .iter()
            .filter(|(_, k, _)| matches!(k, Col::Paragraphs(_)))
            .count();
        let by_paragraphs = |cell: &Cell| -> Option<String> {
            let known = !text.contains('\t') || cell.paragraphs.len() == paragraph_columns;
            (known && !cell.paragraphs.is_empty() && cell.paragraphs.len() < paragraph_columns)
                .then(|| {
                    cell.paragraphs
                        .iter()
                        .map(|r| format!("§§ {r}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
        };
        let by_day: Vec<String> = by_day.into_iter().chain(by_paragraphs(member)).collect();
        let member_text = if by_day.is_empty() {
            member_text
        } else {
            format!("{member_text}, {}", by_day.join(", "))
        };
        // A table of roles without presence marks: each row's role says what list it is of.
        let by_role = !cols.iter().any(|(_, k, _)| {
            matches!(
                k,
                Col::Present | Col::Day(_) | Col::Paragraphs(_) | Col::ServingMark | Col::Serving
            )
        });
        if by_role {
            let role = member.role.as_deref().unwrap_or("").to_lowercase();
            let person = with_party(&member.name, &member.party.clone().filter(|p| p != "-"));
            let (list, text) =
                if role.contains("ersättare") && role.contains("tj") || serves_for.is_some() {
                    let text = match &serves_for {
                        Some(whom) => format!("{person} för {whom}"),
                        None => format!("{person}, tjänstgörande ersättare"),
                    };
                    (ListKind::ServingSubstitutes, text)
                } else if role.contains("ersättare") {
                    (ListKind::Substitutes, person)
                } else if role.is_empty() || MEMBER_ROLES.iter().any(|r| role.starts_with(r)) {
                    (ListKind::Members, member_text.clone())
                } else {
                    // "Lars Moe   -   Miljöchef": an official, no member
                    (ListKind::Others, format!("{}, {role}", member.name))
                };
            out.extend(parse_list(list, &[(l.no, text)], meeting, warnings));
            continue;
        }
        match kind {
            ListKind::Members => {
                if member.present {
                    out.extend(parse_list(
                        ListKind::Members,
                        &[(l.no, member_text.clone())],
                        meeting,
                        warnings,
                    ));
                } else if let Some(s) = serving.clone().filter(|s| !s.is_empty()) {
                    let s = with_party(&s, &serving_party);
                    let text = format!("{s} för {}", strip_party(&member_text).0);
                    let text = match &member.party {
                        Some(p) => format!("{text} ({p})"),
                        None => text,
                    };
                    out.extend(parse_list(
                        ListKind::ServingSubstitutes,
                        &[(l.no, text)],
                        meeting,
                        warnings,
                    ));
                }
                // The row's own substitutes: serving for the member, or present beside them.
                for sub in groups.iter().skip(1).filter(|g| !g.name.is_empty()) {
                    let text = with_party(&sub.name, &sub.party);
                    let serves = if has_mark_col {
                        sub.serves
                    } else {
                        !member.present && sub.present && serving.is_none()
                    };
                    if serves {
                        // for the seat's member, without the member's role ("Per Lindqvist,
                        // vice ordf."): the role is not the substitute's
                        let seat = member
                            .name
                            .split_once(',')
                            .map_or(&*member.name, |(n, _)| n);
                        let text = format!("{text} för {}", with_party(seat, &member.party));
                        out.extend(parse_list(
                            ListKind::ServingSubstitutes,
                            &[(l.no, text)],
                            meeting,
                            warnings,
                        ));
                    } else if sub.present {
                        out.extend(parse_list(
                            ListKind::Substitutes,
                            &[(l.no, text)],
                            meeting,
                            warnings,
                        ));
                    }
                }
            }
            // "Mona Rydh för Ingrid Fält" under "Tjänstgörande ersättare"
            ListKind::ServingSubstitutes => {
                // the party is the substitute's, before "för" and the member
                let text = match (member.name.split_once(" för "), &member.party) {
                    (Some((who, whom)), Some(p)) if by_day.is_empty() => {
                        format!("{who} ({p}) för {whom}")
                    }
                    (Some((who, whom)), Some(p)) => {
                        format!("{who} ({p}) för {whom}, {}", by_day.join(", "))
                    }
                    _ => member_text,
                };
                if member.present {
                    out.extend(parse_list(
                        ListKind::ServingSubstitutes,
                        &[(l.no, text)],
                        meeting,
                        warnings,
                    ));
                }
            }
            // A substitute marked in a paragraph column served there.
            _ if member.serves && paragraph_columns > 0 => {
                let person = with_party(&member.name, &member.party);
                let text = match by_paragraphs(member) {
                    Some(r) => format!("{person}, tjänstgörande ersättare, {r}"),
                    None => format!("{person}, tjänstgörande ersättare"),
                };
                out.extend(parse_list(
                    ListKind::ServingSubstitutes,
                    &[(l.no, text)],
                    meeting,
                    warnings,
                ));
            }
            _ => {
                let n = strip_party(&member_text).0;
                if member.present && !known(&out, &n) {
                    out.extend(parse_list(
                        ListKind::Substitutes,
                        &[(l.no, member_text)],
                        meeting,
                        warnings,
                    ));
                }
            }
        }
    }
    for (k, (from, kommun)) in kommun_rows.iter().enumerate() {
        let to = kommun_rows.get(k + 1).map_or(out.len(), |(next, _)| *next);
        for p in out.get_mut(*from..to).into_iter().flatten() {
            p.represents.get_or_insert_with(|| kommun.clone());
        }
    }
    (out, used)
}

/// An attendance table's column headed by paragraphs ("§§ 120–123", "§ 45"): who took part in
/// them.
fn paragraph_column(f: &str) -> Option<ParagraphRange> {
    (f.starts_with('§') && f.len() <= 24)
        .then(|| ParagraphRange::parse(f).ok())
        .flatten()
}

/// An attendance table's column headed by a date: one day of a meeting over several days.
fn is_day_column(f: &str) -> bool {
    f.len() <= 24
        && super::dates::find_date(f).is_some_and(|(_, r)| r.start == 0 && r.end == f.len())
}

/// A member who reports jäv: "Anna Berg (S) anmäler jäv", "Anna Berg (S) deltar inte i
/// handläggningen på grund av jäv".
static REPORTS_JAV: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::regex(r"(\p{Lu}[\p{L}\-]+(?:\s+\p{Lu}[\p{L}\-]+){1,3})\s*(?:\((\p{Lu}{1,4})\))?,?\s+(?:anmäler|anmälde|har anmält|meddelar|deltar inte[^.]{0,80}?på grund av|deltog inte[^.]{0,80}?på grund av)\s+jäv")
        .expect("regex")
});

/// The substitute serving in the member's place: "Ersättaren Eva Lund (S) tjänstgör i hennes
/// ställe", "Eva Lund (S) ersätter henne", "Eva Lund (S) tjänstgör för Anna Berg".
static SERVES_INSTEAD: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::regex(r"(?:[Ee]rsättaren\s+)?(\p{Lu}[\p{L}\-]+(?:\s+\p{Lu}[\p{L}\-]+){1,3})\s*(?:\((\p{Lu}{1,4})\))?\s+(?:tjänstgör|tjänstgjorde|går in|gick in|ersätter|ersatte)\s+(?:i\s+(?:hennes|hans|dennes|hens)\s+ställe|i\s+stället|istället|för\s+(?:henne|honom|hen|\p{Lu})|(?:henne|honom|hen)\b)")
        .expect("regex")
});

/// The substitute named after the verb: "I hennes ställe tjänstgör ersättaren Eva Lund (S)".
static INSTEAD_SERVES: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::regex(r"(?:[Ii]\s+(?:hennes|hans|dennes|hens)\s+ställe|[Ii]\s+stället|[Ii]stället)\s+(?:tjänstgör|tjänstgjorde|går|gick)\s+(?:in\s+)?(?:ersättaren\s+)?(\p{Lu}[\p{L}\-]+(?:\s+\p{Lu}[\p{L}\-]+){1,3})\s*(?:\((\p{Lu}{1,4})\))?")
        .expect("regex")
});

/// From a paragraph's jäv text: the member who reported jäv and the substitute serving in
/// their place with the substitute's party, if the text names both.
pub(crate) fn disqualified_and_substitute(
    text: &str,
) -> Option<(String, (String, Option<String>))> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let member = REPORTS_JAV.captures(&text)?;
    let after = &text[member.get(0)?.end()..];
    let sub = SERVES_INSTEAD
        .captures(after)
        .or_else(|| INSTEAD_SERVES.captures(after))?;
    let name = sub.get(1)?.as_str().to_string();
    let member = member.get(1)?.as_str().to_string();
    (name != member).then(|| (member, (name, sub.get(2).map(|m| m.as_str().to_string()))))
}

/// The mark before a draft's paragraphs that the person did not serve in ("deltar ej i beslut §
/// 32"): never printed, so no printed text is taken for it.
const EXCEPT: &str = "\u{0}utom ";

/// Removes a party mark: `Anna Berg (S)` → (`Anna Berg`, `S`).
pub(crate) fn strip_party(text: &str) -> (String, Option<String>) {
    match PARTY.captures(text) {
        Some(c) => {
            let all = c.get(0).map_or(0..0, |m| m.range());
            let party = c
                .get(1)
                .map(|m| lower_case_party(m.as_str()).unwrap_or_else(|| m.as_str().to_string()));
            let name = format!("{}{}", &text[..all.start], &text[all.end..]);
            (clean_spaces(&name), party)
        }
        None => (clean_spaces(text), None),
    }
}

/// A name printed surname first, as registers and some meeting systems print them ("Berg,
/// Anna (S), ordförande"): one surname, a comma, one or two given names, then the end, a party
/// or a comma.
static SURNAME_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"^([A-ZÅÄÖ][\p{L}'’\-]+),[ \t]+([A-ZÅÄÖ][\p{L}'’\-]+(?:[ \t]+[A-ZÅÄÖ][\p{L}'’\-]+)?)",
    )
    .expect("regex")
});

/// The person a serving line names surname first ("ersätter Strand, Olof (C)").
static SERVES_SURNAME_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"\b(ersätter|för|i stället för|istället för)\s+([A-ZÅÄÖ][\p{L}'’\-]+),\s+([A-ZÅÄÖ][\p{L}'’\-]+)",
    )
    .expect("regex")
});

/// Whether `surname` and `given` (one or two words) can be a name printed surname first: name
/// words all, none a party's letters ("Berg, Anna S" gives no given name "S").
fn surname_and_given(surname: &str, given: &str) -> bool {
    let words: Vec<&str> = given.split_whitespace().collect();
    is_name_token(surname)
        && (1..=2).contains(&words.len())
        && words
            .iter()
            .all(|w| is_name_token(w) && !PARTIES.contains(w) && !is_local_party_mark(w))
}

/// A participant line with the name printed surname first, written given names first ("Åberg,
/// Lisa (C), ersätter Strand, Olof (C)" → "Lisa Åberg (C), ersätter Olof Strand (C)"); `None`
/// for a line in the usual order. A run-on list ("Anna Berg, Per Ek") never matches: its first
/// part has two words.
fn given_name_first(line: &str) -> Option<String> {
    let t = line.trim();
    let c = SURNAME_FIRST.captures(t)?;
    let (all, surname, given) = (c.get(0)?, c.get(1)?.as_str(), c.get(2)?.as_str());
    let rest = &t[all.end()..];
    let closes = rest.trim_start().is_empty()
        || rest.trim_start().starts_with('(')
        || rest.trim_start().starts_with(',');
    if !closes || !surname_and_given(surname, given) {
        return None;
    }
    let rest = SERVES_SURNAME_FIRST.replace_all(rest, |s: &regex::Captures| {
        if surname_and_given(&s[2], &s[3]) {
            format!("{} {} {}", &s[1], &s[3], &s[2])
        } else {
            s[0].to_string()
        }
    });
    // "BERG, Anna": the surname in capitals, as registers print it, is written as a name
    let surname = if surname.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && surname
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase())
        && given.chars().any(char::is_lowercase)
    {
        title_case(surname)
    } else {
        surname.to_string()
    };
    Some(format!("{} {surname}{rest}", clean_spaces(given)))
}

/// "BERG" → "Berg", "ÖBERG-LIND" → "Öberg-Lind": each part's first letter kept, the rest lower.
fn title_case(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in word.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

/// Names in a list such as `Karl-Gustav Nilsson och Martin Uncyk` or `A (S), B (M)`; drops
/// substitutes ("Ersättare: Per Bengtsson") and anything that is not name-like.
pub(crate) fn split_names(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let joined = text
        .replace(" och ", ",")
        .replace(" samt ", ",")
        .replace(" & ", ",")
        // "Per Ek (M) med Lisa Ahl (C) som ersättare": the deputy after "med"
        .replace(" med ", ",");
    // The chair who signs anyway ("Ordföranden samt Per Ek") and a deputy ("… som ersättare")
    // name no justerare, and must not pair with a name as its surname.
    let normalised: String = joined
        .split(',')
        .filter(|part| {
            let p = part.trim().to_lowercase();
            let p = p.trim_end_matches(['.', ':']);
            !matches!(
                p,
                "ordföranden" | "ordförande" | "vice ordföranden" | "sekreteraren"
            ) && !p.ends_with("som ersättare")
                && !p.ends_with("som ersättare för justerare")
                && !p.ends_with("som ersättare för justeraren")
        })
        .collect::<Vec<_>>()
        .join(",");
    let paired = surname_first_pairs(&normalised);
    let parts: Vec<&str> = match &paired {
        Some(p) => p.iter().map(String::as_str).collect(),
        None => normalised.split([',', ';', '\n']).collect(),
    };
    for part in parts {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let lower = part.to_lowercase();
        if lower.starts_with("ersättare") || lower.starts_with("ers.") || lower.starts_with("se ")
        {
            continue;
        }
        let (name, party) = strip_party(part);
        // "Mårten Ulf (C) Brovik": what follows the party mark is the kommun, no part of the name
        let name = match (party, part.find('(')) {
            (Some(_), Some(at)) if part[..at].split_whitespace().count() >= 2 => {
                clean_spaces(&part[..at])
            }
            _ => name,
        };
        let name =
            name.trim_matches(|c: char| c == '_' || c == '.' || c == ':' || c.is_whitespace());
        let tokens: Vec<&str> = name.split_whitespace().collect();
        if tokens.is_empty()
            || tokens.len() > 6
            || name.chars().any(|c| c.is_ascii_digit())
            || !tokens
                .first()
                .is_some_and(|t| t.chars().next().is_some_and(char::is_uppercase))
        {
            continue;
        }
        if !out.iter().any(|o| o.to_lowercase() == name.to_lowercase()) {
            out.push(name.to_string());
        }
    }
    out
}

/// Names printed surname first and joined by commas ("Nyström, Karin", "Berg, Anna (S),
/// Holm, Erik (SD)"): every part a surname of one word followed by one or two given names, as
/// pairs, each written given names first; `None` when the parts do not pair so ("Anna Berg, Per
/// Ek" has surnames of two words).
fn surname_first_pairs(text: &str) -> Option<Vec<String>> {
    let parts: Vec<&str> = text
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 || !parts.len().is_multiple_of(2) {
        return None;
    }
    parts
        .chunks(2)
        .map(|pair| {
            let (given, party) = strip_party(pair[1]);
            let surname = pair[0];
            (!surname.contains(char::is_whitespace) && surname_and_given(surname, given.trim()))
                .then(|| match party {
                    Some(p) => format!("{} {surname} ({p})", given.trim()),
                    None => format!("{} {surname}", given.trim()),
                })
        })
        .collect()
}

/// Movers of a motion: `Robert Wenglén (M) och Ingrid Ascard (MP)` → both names.
pub(crate) fn movers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    if PARTY.is_match(text) {
        let mut last = 0;
        for m in PARTY.find_iter(text) {
            let before = &text[last..m.start()];
            last = m.end();
            // the name is the last run of words before the party
            let words: Vec<&str> = before
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty())
                .collect();
            let mut run: Vec<&str> = Vec::new();
            for w in words.iter().rev() {
                if is_name_token(w) || (PARTICLES.contains(w) && !run.is_empty()) {
                    run.push(w);
                } else if !run.is_empty() {
                    break;
                }
                if run.len() >= 4 {
                    break;
                }
            }
            run.reverse();
            if !run.is_empty() {
                out.push(run.join(" "));
            }
        }
        return out;
    }
    split_names(text)
        .into_iter()
        .filter(|n| n.split_whitespace().all(is_name_token))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_members_table_with_each_cell_a_line() {
        let lines: Vec<(usize, String)> = [
            "Anders Nyberg",
            "S",
            "ordförande",
            "Petra Lindqvist",
            "M",
            "vice ordförande",
            "Jonas Ekström",
            "S",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| (i + 1, t.to_string()))
        .collect();
        let got = cells_as_lines(&lines).expect("read as a table");
        assert_eq!(
            got.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(),
            vec![
                "Anders Nyberg (S), ordförande",
                "Petra Lindqvist (M), vice ordförande",
                "Jonas Ekström (S)"
            ]
        );
        // a list of names and parties on their lines is no such table
        let plain: Vec<(usize, String)> =
            vec![(1, "Anna Berg (S)".into()), (2, "Per Ek (M)".into())];
        assert!(cells_as_lines(&plain).is_none());
    }

    #[test]
    fn a_jav_and_the_substitute_serving_instead() {
        let got = |t: &str| disqualified_and_substitute(t);
        assert_eq!(
            got(
                "Anna Berg (S) anmäler jäv och lämnar lokalen. Ersättaren Eva Lund (S) tjänstgör i hennes ställe under paragrafen."
            ),
            Some(("Anna Berg".into(), ("Eva Lund".into(), Some("S".into()))))
        );
        assert_eq!(
            got(
                "Per Alm (M) deltar inte i handläggningen på grund av jäv. I hans ställe tjänstgör ersättaren Ola Ek (M)."
            ),
            Some(("Per Alm".into(), ("Ola Ek".into(), Some("M".into()))))
        );
        assert_eq!(
            got(
                "Maja Frid (S) anmäler jäv och deltar inte i handläggningen av\närendet. Jonny Hed (S) tjänstgör i hennes ställe."
            ),
            Some(("Maja Frid".into(), ("Jonny Hed".into(), Some("S".into()))))
        );
        // no substitute named
        assert_eq!(
            got("Anna Berg (S) anmäler jäv och deltar inte i beslutet."),
            None
        );
    }

    fn list(kind: ListKind, text: &str, meeting: Option<ParagraphRange>) -> Vec<Participant> {
        let lines: Vec<(usize, String)> = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.to_string()))
            .collect();
        let mut w = Vec::new();
        parse_list(kind, &lines, meeting, &mut w)
    }

    #[test]
    fn a_list_grouped_by_party_blocks_gives_each_person_the_blocks_party() {
        // "S: Anna-Lena Berg (ordförande), Per Ekholm": the party once before a colon, its
        // people run on after it, a role in brackets after a name
        let got = list(
            ListKind::Members,
            "S: Anna-Lena Berg (ordförande), Per Ekholm, Lisa Holm\n\
             Moderaterna: Bo Ström (1:e vice ordförande), Karin Lund och Eva Ros\n\
             L: Sanna Wik (tjänstgörande ersättare för Erik Alm)",
            None,
        );
        let who =
            |n: &str, p: &str, r: &str| (n.to_string(), Some(p.to_string()), Some(r.to_string()));
        let short: Vec<_> = got
            .iter()
            .map(|p| (p.name.clone(), p.party.clone(), p.role.clone()))
            .collect();
        assert_eq!(
            short,
            vec![
                who("Anna-Lena Berg", "S", "ordförande"),
                who("Per Ekholm", "S", "ledamot"),
                who("Lisa Holm", "S", "ledamot"),
                who("Bo Ström", "M", "vice ordförande"),
                who("Karin Lund", "M", "ledamot"),
                who("Eva Ros", "M", "ledamot"),
                who("Sanna Wik", "L", "tjänstgörande ersättare"),
            ]
        );
        assert!(
            got[6]
                .serves_for
                .as_deref()
                .is_some_and(|s| s.starts_with("Erik Alm"))
        );
        // one line so is no list of blocks ("Obs: …" is no party either)
        assert_eq!(party_blocks(&[(1, "S: Anna Berg, Per Ek".into())]), None);
        assert_eq!(party_block_head("Obs: se bilaga"), None);
    }

    #[test]
    fn a_members_organisation_after_the_name_is_whom_the_member_represents() {
        // a pensionärsråd's members, each with the organisation after the name: one person a
        // line, no list run together and no organisation's name a person's
        let got: Vec<(String, Option<String>)> = list(
            ListKind::Members,
            "Anna-Lena Holmberg (S), ordförande\nGöran Widén, vice ordförande, PRO Sjöhamn\nKurt Eliasson, SPF Seniorerna Sjöhamn\nLeif Öberg, SKPF Pensionärerna avd. 27",
            None,
        )
        .into_iter()
        .map(|p| (p.name, p.represents))
        .collect();
        assert_eq!(
            got,
            vec![
                ("Anna-Lena Holmberg".to_string(), None),
                ("Göran Widén".to_string(), Some("PRO Sjöhamn".to_string())),
                (
                    "Kurt Eliasson".to_string(),
                    Some("SPF Seniorerna Sjöhamn".to_string())
                ),
                (
                    "Leif Öberg".to_string(),
                    Some("SKPF Pensionärerna avd. 27".to_string())
                ),
            ]
        );
        assert!(!is_organisation("SD Sjöhamn"));
        assert!(!is_organisation("ANNA BERG"));
        assert!(!is_organisation("K-G Svensson"));
    }

    #[test]
    fn a_served_members_surname_wrapped_onto_the_next_line() {
        // "… för Sara" / "Ruud (SD)" as a narrow cell wraps it: one person, no "Ruud"
        let got: Vec<String> = list(
            ListKind::Members,
            "Ragnhild Ek (V)\nTord Vall (SD), tjänstgörande ersättare för Sara\nRuud (SD)\nMona Lidén (S)",
            None,
        )
        .iter()
        .map(brief)
        .collect();
        assert_eq!(
            got,
            vec![
                "Ragnhild Ek|ledamot|-|V|-|-",
                "Tord Vall|tjänstgörande ersättare|-|SD|-|Sara Ruud (SD)",
                "Mona Lidén|ledamot|-|S|-|-"
            ]
        );
        assert!(!served_name_cut(
            "Tord Vall (SD) för Sara Ruud (SD)",
            "Mona Lidén (S)"
        ));
    }

    #[test]
    fn a_list_told_as_a_sentence_joins_its_last_person_with_och_or_samt() {
        let got: Vec<String> = list(
            ListKind::Members,
            "Leila Amiri (S), Tomas Fors (SD), Ingrid Sälg (C) samt Mattias Brand (V) som\ntjänstgörande ersättare för Eva Lunde (V).",
            None,
        )
        .iter()
        .map(brief)
        .collect();
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(
            got[2].starts_with("Ingrid Sälg|") && got[2].ends_with("|-"),
            "{got:?}"
        );
        assert!(got[3].starts_with("Mattias Brand|"), "{got:?}");
        assert!(got[3].contains("Eva Lunde"), "{got:?}");
        let names: Vec<String> = list(
            ListKind::Substitutes,
            "Kent Alm (S), Maria Stjärn (M) och Lars Björk (KD).",
            None,
        )
        .into_iter()
        .map(|p| p.name)
        .collect();
        assert_eq!(names, ["Kent Alm", "Maria Stjärn", "Lars Björk"]);
        // "som" before the serving is no title
        let got: Vec<String> = list(
            ListKind::Members,
            "Siv Ekberg (S) som ersätter Harald Brink (S)",
            None,
        )
        .iter()
        .map(brief)
        .collect();
        assert_eq!(
            got,
            ["Siv Ekberg|tjänstgörande ersättare|-|S|-|Harald Brink (S)"]
        );
    }

    #[test]
    fn the_party_before_the_name() {
        let got: Vec<String> = list(
            ListKind::Members,
            "S Maria Lund, ordförande\nM Per Ek",
            None,
        )
        .iter()
        .map(brief)
        .collect();
        assert_eq!(
            got,
            ["Maria Lund|ordförande|-|S|-|-", "Per Ek|ledamot|-|M|-|-"]
        );
    }

    #[test]
    fn a_state_agency_after_the_name_is_represented() {
        let got: Vec<String> = list(
            ListKind::Members,
            "Rolf Sjödin, Försäkringskassan, vice ordförande\nPer-Olof Grahn, Arbetsförmedlingen",
            None,
        )
        .iter()
        .map(brief)
        .collect();
        assert_eq!(
            got,
            [
                "Rolf Sjödin|vice ordförande|Försäkringskassan|-|-|-",
                "Per-Olof Grahn|ledamot|Arbetsförmedlingen|-|-|-"
            ]
        );
    }

    #[test]
    fn the_kommun_after_the_party_mark_is_represented() {
        let got: Vec<String> = list(
            ListKind::Members,
            "Anna-Karin Moberg (S) Aby, ordförande\nLeyla Demir (S) Ekeby",
            None,
        )
        .iter()
        .map(brief)
        .collect();
        assert_eq!(
            got,
            [
                "Anna-Karin Moberg|ordförande|Aby|S|-|-",
                "Leyla Demir|ledamot|Ekeby|S|-|-"
            ]
        );
    }

    #[test]
    fn titles_before_names_with_a_middle_initial_and_a_closing_samt() {
        let got: Vec<String> = list(
            ListKind::Others,
            "Stadsdelsdirektör Mikael Dahl, avdelningschef Sara Eng,\nsekreterare Linnea Ö. Karlsson, samt personalföreträdare\nUlf Berg (Vision).",
            None,
        )
        .iter()
        .map(|p| format!("{}|{}", p.name, p.role.as_deref().unwrap_or("-")))
        .collect();
        assert_eq!(
            got,
            [
                "Mikael Dahl|stadsdelsdirektör",
                "Sara Eng|avdelningschef",
                "Linnea Ö. Karlsson|sekreterare",
                "Ulf Berg|personalföreträdare"
            ]
        );
    }

    fn brief(p: &Participant) -> String {
        format!(
            "{}|{}|{}|{}|{}|{}",
            p.name,
            p.role.as_deref().unwrap_or("-"),
            p.represents.as_deref().unwrap_or("-"),
            p.party.as_deref().unwrap_or("-"),
            p.paragraphs.as_deref().unwrap_or("-"),
            p.serves_for.as_deref().unwrap_or("-")
        )
    }

    #[test]
    fn abbreviated_roles_between_semicolons() {
        let ps = list(
            ListKind::Members,
            "Anna Berg (S), ordf; Olle Ek (M), v. ordf; Siv Ed (C);\nTuva Lind (V) tjg ers för Bo Eng (V)",
            None,
        );
        let got: Vec<String> = ps.iter().map(brief).collect();
        assert_eq!(
            got,
            vec![
                "Anna Berg|ordförande|-|S|-|-",
                "Olle Ek|vice ordförande|-|M|-|-",
                "Siv Ed|ledamot|-|C|-|-",
                "Tuva Lind|tjänstgörande ersättare|-|V|-|Bo Eng (V)",
            ]
        );
        // "Ordfors" is a name, not the abbreviation.
        let ps = list(ListKind::Members, "Eva Ordfors (S)", None);
        assert_eq!(
            ps.iter().map(brief).collect::<Vec<_>>(),
            vec!["Eva Ordfors|ledamot|-|S|-|-"]
        );
    }

    #[test]
    fn an_ordinal_after_a_comma_starts_the_next_persons_role() {
        // three columns of a fullmäktige's list run into one line: "1:e vice ordf." after a
        // comma is a role, not a number of the text before it; the next name is a person
        let ps = list(
            ListKind::Members,
            "Torbjörn Falk (M), 1:e vice ordf.   Rut Hägg (SD), 2:e vice ordf.\nAli Hassan (S)",
            None,
        );
        let got: Vec<String> = ps.iter().map(brief).collect();
        assert_eq!(
            got,
            vec![
                "Torbjörn Falk|vice ordförande|-|M|-|-",
                "Rut Hägg|2:e vice ordförande|-|SD|-|-",
                "Ali Hassan|ledamot|-|S|-|-",
            ]
        );
    }

    /// A text's lines as the parser reads them, numbered from 1, all on the first page.
    /// The rows `attendance_table` reads from `text` (one per line, page 0), each as
    /// `brief|category`, and the lines it used.
    fn table_rows(text: &str) -> (Vec<String>, Vec<usize>) {
        let lines = numbered_lines(text);
        let refs: Vec<&super::super::text::Line> = lines.iter().collect();
        let mut w = Vec::new();
        let (ps, used) = attendance_table(&refs, None, &[], super::super::cover::is_label, &mut w);
        let got = ps
            .iter()
            .map(|p| format!("{}|{:?}", brief(p), p.category))
            .collect();
        (got, used)
    }

    fn numbered_lines(text: &str) -> Vec<super::super::text::Line> {
        text.lines()
            .enumerate()
            .map(|(i, t)| super::super::text::Line {
                no: i + 1,
                page: 0,
                text: t.to_string(),
            })
            .collect()
    }

    #[test]
    fn an_attendance_table_marked_by_paragraphs() {
        // a member unmarked is absent; a substitute marked served; in layout text the marks'
        // columns tell the paragraphs, in a PDF's row without its empty cells they cannot; a
        // paragraph's column beside presence columns is its vote
        let text = "Ledamöter              Parti   §§ 120–123   §§ 124–127\nKarin Ek, ordförande   S       X            X\nReza Tavi              S       X\nJörgen Lind            SD\n\nErsättare              Parti   §§ 120–123   §§ 124–127\nSven Lo                SD      X            X\nHanna Berg             S                    X\nOlle Strand            M\n";
        let (got, _) = table_rows(text);
        assert_eq!(
            got,
            vec![
                "Karin Ek|ordförande|-|S|-|-|Beslutande",
                "Reza Tavi|ledamot|-|S|120-123|-|Beslutande",
                "Sven Lo|tjänstgörande ersättare|-|SD|-|-|Beslutande",
                "Hanna Berg|tjänstgörande ersättare|-|S|124-127|-|Beslutande",
            ]
        );
        let text = "Ersättare\tParti\t§§ 120–123\t§§ 124–127\nHanna Berg\tS\tX\n";
        let (got, _) = table_rows(text);
        assert_eq!(
            got,
            vec!["Hanna Berg|tjänstgörande ersättare|-|S|-|-|Beslutande"]
        );
        let text = "Ledamot        Närv   Ersättare        Närv   Tjg   § 65\nJonas Brand    X      Rita Moll (MP)   X            Ja\n";
        let (got, _) = table_rows(text);
        assert_eq!(
            got,
            vec![
                "Jonas Brand|ledamot|-|-|-|-|Beslutande",
                "Rita Moll|ersättare|-|MP|-|-|Ersattare"
            ]
        );
    }

    #[test]
    fn an_attendance_table_with_each_members_substitute_on_the_row() {
        let text = "Närvaro\nLedamöter                         Närv   Ersättare               Närv   Tjg\nGöran Ek (S), ordförande          X      Lena Malm (S)           X\nKristina Ohl (M)                  X      Peter Vid (M)\nAhmed Sal (S)                            Maria Kran (S)          X      X\n\nÖvriga närvarande      Jonas Wiik, förbundschef\n";
        let (got, used) = table_rows(text);
        assert_eq!(
            got,
            vec![
                "Göran Ek|ordförande|-|S|-|-|Beslutande",
                "Lena Malm|ersättare|-|S|-|-|Ersattare",
                "Kristina Ohl|ledamot|-|M|-|-|Beslutande",
                "Maria Kran|tjänstgörande ersättare|-|S|-|Ahmed Sal (S)|Beslutande",
            ]
        );
        // The table's lines, not the label after it.
        assert_eq!(used, vec![2, 3, 4, 5]);
    }

    #[test]
    fn an_attendance_table_of_roles_without_presence_marks() {
        let text = "NÄRVARANDE\n\nNamn            Parti   Roll                       Tjänstgör för\nEva Ek          S       Ordförande\nSara Lind       S       Tjänstgörande ersättare    Per Dal (S)\nKim Ahl         C       Ersättare\nLars Moe        -       Miljöchef\n";
        let (got, _) = table_rows(text);
        assert_eq!(
            got,
            vec![
                "Eva Ek|ordförande|-|S|-|-|Beslutande",
                "Sara Lind|tjänstgörande ersättare|-|S|-|Per Dal (S)|Beslutande",
                "Kim Ahl|ersättare|-|C|-|-|Ersattare",
                "Lars Moe|miljöchef|-|-|-|-|Ovriga",
            ]
        );
        // under a list's own label, the table is that list's, read with the cover
        let text = format!("Beslutande\n{}", &text["NÄRVARANDE\n\n".len()..]);
        assert!(table_rows(&text).0.is_empty());
    }

    #[test]
    fn an_attendance_table_by_party_group_with_the_party_first() {
        let text = "Parti   Ledamot                        Närvaro    Tjänstgörande ersättare\nS       Ingela Rask, ordförande        X\nS       Marie Lööw                                Anders Fjäll (S)\nSD      Ronny Elm                      X\n\nNärvarande ersättare (ej tjänstgörande)\n";
        let (got, used) = table_rows(text);
        assert_eq!(
            got,
            vec![
                "Ingela Rask|ordförande|-|S|-|-|Beslutande",
                "Anders Fjäll|tjänstgörande ersättare|-|S|-|Marie Lööw (S)|Beslutande",
                "Ronny Elm|ledamot|-|SD|-|-|Beslutande",
            ]
        );
        // The table's lines, not the label after it.
        assert_eq!(used, vec![1, 2, 3, 4]);
    }

    #[test]
    fn a_council_list_by_seat_with_a_number_column_and_a_wrapped_header() {
        // As `-layout` text places it, and as a PDF's tabbed rows come, without their empty
        // cells; the substitutes present who did not serve on a line under the table.
        let layout = "Närvaro- och voteringslista\nNr    Ledamot           Parti   Närv.   Tjänstgörande     Ja    Nej\n                                        ersättare\n1     Per Alm, ordf.    M       X                         X\n2     Sture Kvarn       S               Amira Saleh (S)         X\n3     Eva Grip          M\n      Summa                     1       1                 1     1\n\nNärvarande ej tjänstgörande ersättare: Britt Holm (C)\n";
        let tabbed = "Närvaro- och voteringslista\nNr\tLedamot\tParti\tNärv.\tTjänstgörande\n\tersättare\tJa\tNej\n1\tPer Alm, ordf.\tM\tX\tX\n\n2\tSture Kvarn\tS\tAmira Saleh (S)\tX\n\n3\tEva Grip\tM\n\n\tSumma\t1\t1\t1\t1\n\nNärvarande ej tjänstgörande ersättare: Britt Holm (C)\n";
        for text in [layout, tabbed] {
            let (got, _) = table_rows(text);
            assert_eq!(
                got,
                vec![
                    "Per Alm|ordförande|-|M|-|-|Beslutande",
                    "Amira Saleh|tjänstgörande ersättare|-|S|-|Sture Kvarn (S)|Beslutande",
                    "Britt Holm|ersättare|-|C|-|-|Ersattare",
                ],
                "{text}"
            );
        }
    }

    #[test]
    fn splits_an_itsam_run_of_members() {
        let ps = list(
            ListKind::Members,
            "Jacob Käll, Vimmerby kommun, ordförande Elisabet Hagström, Ydre kommun, vice ordförande Claes Sjökvist, Boxholms kommun Thomas Lidberg, Åtvidabergs kommun Jonas Andersson, Ödeshögs kommun Conny Forsberg, Kinda kommun §§ 1-4",
            Some(ParagraphRange { first: 1, last: 9 }),
        );
        let b: Vec<String> = ps.iter().map(brief).collect();
        assert_eq!(
            b,
            vec![
                "Jacob Käll|ordförande|Vimmerby kommun|-|-|-",
                "Elisabet Hagström|vice ordförande|Ydre kommun|-|-|-",
                "Claes Sjökvist|ledamot|Boxholms kommun|-|-|-",
                "Thomas Lidberg|ledamot|Åtvidabergs kommun|-|-|-",
                "Jonas Andersson|ledamot|Ödeshögs kommun|-|-|-",
                "Conny Forsberg|ledamot|Kinda kommun|-|1-4|-",
            ]
        );
    }

    #[test]
    fn role_before_kommun_and_two_roles_for_one_person() {
        let ps = list(
            ListKind::Members,
            "Jonas Andersson, ordförande Ödeshögs kommun Thomas Lidberg, vice ordförande Åtvidabergs kommun Eva Kindstrand Ströberg, ledamot Vimmerby kommun",
            None,
        );
        let b: Vec<String> = ps.iter().map(brief).collect();
        assert_eq!(
            b,
            vec![
                "Jonas Andersson|ordförande|Ödeshögs kommun|-|-|-",
                "Thomas Lidberg|vice ordförande|Åtvidabergs kommun|-|-|-",
                "Eva Kindstrand Ströberg|ledamot|Vimmerby kommun|-|-|-",
            ]
        );
        let ps = list(
            ListKind::Substitutes,
            "Christer Segerstéen, ersättare, Kinda kommun §§ 59-62, tjänstgörande ersättare §§ 62-67",
            None,
        );
        let b: Vec<String> = ps.iter().map(brief).collect();
        assert_eq!(
            b,
            vec![
                "Christer Segerstéen|ersättare|Kinda kommun|-|59-62|-",
                "Christer Segerstéen|tjänstgörande ersättare|Kinda kommun|-|62-67|-",
            ]
        );
        assert_eq!(ps[0].category, ParticipantCategory::Ersattare);
        assert_eq!(ps[1].category, ParticipantCategory::Beslutande);
    }

    #[test]
    fn others_with_titles_in_one_run() {
        let ps = list(
            ListKind::Others,
            "Peter Wallentin, chef tjänsteutveckling (föredragande med Robert) Robert Dahlberg, förbundsdirektör Joakim Karlsson, ledningssekreterare Johan Flemgård, chef teknik och säkerhet, § 1",
            None,
        );
        let b: Vec<String> = ps.iter().map(brief).collect();
        assert_eq!(
            b,
            vec![
                "Peter Wallentin|chef tjänsteutveckling (föredragande med Robert)|-|-|-|-",
                "Robert Dahlberg|förbundsdirektör|-|-|-|-",
                "Joakim Karlsson|ledningssekreterare|-|-|-|-",
                "Johan Flemgård|chef teknik och säkerhet|-|-|1|-",
            ]
        );
        let ps = list(
            ListKind::Others,
            "Roger Karlsson, projektledare Google Workspace § 59 Malin Vikström, ekonom §§ 62-63",
            None,
        );
        let b: Vec<String> = ps.iter().map(brief).collect();
        assert_eq!(
            b,
            vec![
                "Roger Karlsson|projektledare Google Workspace|-|-|59|-",
                "Malin Vikström|ekonom|-|-|62-63|-",
            ]
        );
    }

    #[test]
    fn one_person_per_line_with_parties() {
        let meeting = Some(ParagraphRange {
            first: 25,
            last: 30,
        });
        let ps = list(
            ListKind::Members,
            "Fredrik Karström (M), Ordförande\nLena Wahlgren (M), 1:e vice ordförande\nThomas Eneström (S), 2:e vice ordförande fr o m § 27\nJonna Tingberg (M)\nGun Larsson (-)",
            meeting,
        );
        let b: Vec<String> = ps.iter().map(brief).collect();
        assert_eq!(
            b,
            vec![
                "Fredrik Karström|ordförande|-|M|-|-",
                "Lena Wahlgren|vice ordförande|-|M|-|-",
                "Thomas Eneström|2:e vice ordförande|-|S|27-30|-",
                "Jonna Tingberg|ledamot|-|M|-|-",
                "Gun Larsson|ledamot|-|-|-|-",
            ]
        );
        let ps = list(
            ListKind::ServingSubstitutes,
            "Camilla Cronsjö (M) §§ 25-26 för Thomas Eneström (S)\nRickard lövkvist (FB) för Ulf Richeberg (FB)\nMartin Holtz (M) ersätter Eva Banheden Lindblad (M)",
            meeting,
        );
        let b: Vec<String> = ps.iter().map(brief).collect();
        assert_eq!(
            b,
            vec![
                "Camilla Cronsjö|tjänstgörande ersättare|-|M|25-26|Thomas Eneström (S)",
                "Rickard lövkvist|tjänstgörande ersättare|-|FB|-|Ulf Richeberg (FB)",
                "Martin Holtz|tjänstgörande ersättare|-|M|-|Eva Banheden Lindblad (M)",
            ]
        );
        let ps = list(
            ListKind::Substitutes,
            "Camilla Cronsjö (M) fr om § 27",
            meeting,
        );
        assert_eq!(brief(&ps[0]), "Camilla Cronsjö|ersättare|-|M|27-30|-");
        let ps = list(
            ListKind::Others,
            "Susanne Hallberg, Nämndsekreterare\nStaffan Friberg, Utredningschef/Stf. förvaltningschef\nSandra Stjernström, Kommunal",
            meeting,
        );
        let b: Vec<String> = ps.iter().map(brief).collect();
        assert_eq!(
            b,
            vec![
                "Susanne Hallberg|nämndsekreterare|-|-|-|-",
                "Staffan Friberg|utredningschef/Stf. förvaltningschef|-|-|-|-",
                "Sandra Stjernström|Kommunal|-|-|-|-",
            ]
        );
    }

    #[test]
    fn one_grammar_for_party_forms_and_serving_for() {
        let ps = list(
            ListKind::Members,
            "Maria Lund S\nNils Falk L (i Anna Gren:s frånvaro)\nEva Nord, KD",
            None,
        );
        let b: Vec<String> = ps.iter().map(brief).collect();
        assert_eq!(
            b,
            vec![
                "Maria Lund|ledamot|-|S|-|-",
                "Nils Falk|tjänstgörande ersättare|-|L|-|Anna Gren",
                "Eva Nord|ledamot|-|KD|-|-",
            ]
        );
        let ps = list(
            ListKind::Members,
            "Karin Öst (S), ordförande Leif Bergman (M), vice ordförande Samir Haddad (S) Ulla Rönn (C) tjänstgör för Gustav Lind (C) Mona Vik (SD)",
            None,
        );
        let b: Vec<String> = ps.iter().map(brief).collect();
        assert_eq!(
            b,
            vec![
                "Karin Öst|ordförande|-|S|-|-",
                "Leif Bergman|vice ordförande|-|M|-|-",
                "Samir Haddad|ledamot|-|S|-|-",
                "Ulla Rönn|tjänstgörande ersättare|-|C|-|Gustav Lind (C)",
                "Mona Vik|ledamot|-|SD|-|-",
            ]
        );
        // "ers." for "ersätter" before the member served for; after a name alone, the role
        let ps = list(
            ListKind::Members,
            "Filip Holm (L) ers. Gun Ivarsson (L)\nOla Ek (M), ers.",
            None,
        );
        let b: Vec<String> = ps.iter().map(brief).collect();
        assert_eq!(
            b[0],
            "Filip Holm|tjänstgörande ersättare|-|L|-|Gun Ivarsson (L)"
        );
        assert!(b[1].starts_with("Ola Ek|"), "{b:?}");
    }

    /// A bare party before a comma and an ordinal role or a range, and a local party no lexicon
    /// knows, closing the name: the party is read, the role and range too. Capitals that are no
    /// party's shape (a Roman numeral) stay part of the name.
    #[test]
    fn bare_parties_before_a_comma_and_local_parties() {
        let ps = list(
            ListKind::Members,
            "Lena Wahlgren M, 1:e vice ordf.\nThomas Eneström S, 2:e vice ordf., fr.o.m. § 27\nRickard lövkvist FB, i Ulf Richeberg:s frånvaro\nAnna Berg SPI\nKarl Ek III",
            ParagraphRange::new(25, 30).ok(),
        );
        let b: Vec<String> = ps.iter().map(brief).collect();
        assert_eq!(
            b,
            vec![
                "Lena Wahlgren|vice ordförande|-|M|-|-",
                "Thomas Eneström|2:e vice ordförande|-|S|27-30|-",
                "Rickard lövkvist|tjänstgörande ersättare|-|FB|-|Ulf Richeberg",
                "Anna Berg|ledamot|-|SPI|-|-",
                "Karl Ek III|ledamot|-|-|-|-",
            ]
        );
        let ps = list(
            ListKind::Substitutes,
            "Camilla Cronsjö M, §§ 25–26, i Thomas Eneströms frånvaro",
            None,
        );
        assert_eq!(ps.first().and_then(|p| p.party.as_deref()), Some("M"));
        // "i X:s ställe", the absent member's party between
        let got: Vec<String> = list(
            ListKind::Members,
            "Ola Sund (C), tjänstgör i Eva Alm:s (C) ställe",
            None,
        )
        .iter()
        .map(brief)
        .collect();
        assert_eq!(got, ["Ola Sund|tjänstgörande ersättare|-|C|-|Eva Alm"]);
    }

    #[test]
    fn courtesy_titles_before_names() {
        assert_eq!(
            without_honorifics(
                "Herr ordföranden Karl Nilsson (s), herr vice ordföranden Sven Ek (c), herrar Olle Berg (m), Erik Holm (s) samt fröken Anna Strand (vpk)"
            )
            .as_deref(),
            Some(
                "Karl Nilsson (s), ordförande, Sven Ek (c), vice ordförande, Olle Berg (m), Erik Holm (s), Anna Strand (vpk)"
            )
        );
        assert_eq!(
            without_honorifics("Fru Karin Alm (s) för herr Per Dahl (s)").as_deref(),
            Some("Karin Alm (s) för Per Dahl (s)")
        );
        // a surname that is a title word stays
        assert_eq!(without_honorifics("Anna Fru (S)"), None);
    }

    #[test]
    fn splits_justerare_and_movers() {
        assert_eq!(
            split_names("Karl-Gustav Nilsson och Martin Uncyk"),
            vec!["Karl-Gustav Nilsson", "Martin Uncyk"]
        );
        // the kommun after the party mark is no part of the name
        assert_eq!(split_names("Mårten Ulf (C) Brovik"), vec!["Mårten Ulf"]);
        assert_eq!(
            split_names("Ersättare: Per Bengtsson"),
            Vec::<String>::new()
        );
        assert_eq!(
            split_names("Anna Berg (S), Bo Ek (M)"),
            vec!["Anna Berg", "Bo Ek"]
        );
        assert_eq!(
            movers(
                "Robert Wenglén (M) Lennart Nilsson (S), Ingrid Ascard (MP) och Martha Henriksson Witt (C)"
            ),
            vec![
                "Robert Wenglén",
                "Lennart Nilsson",
                "Ingrid Ascard",
                "Martha Henriksson Witt"
            ]
        );
        assert_eq!(movers("Joakim Magnusson"), vec!["Joakim Magnusson"]);
    }
}

#[cfg(test)]
mod leading_role_tests {
    use super::*;

    /// `name|role` of each person `lines` list as `kind`.
    fn read_as(kind: ListKind, lines: &[&str]) -> Vec<String> {
        let lines: Vec<(usize, String)> = lines
            .iter()
            .enumerate()
            .map(|(i, t)| (i + 1, t.to_string()))
            .collect();
        parse_list(kind, &lines, None, &mut Vec::new())
            .into_iter()
            .map(|p| format!("{}|{}", p.name, p.role.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn a_role_before_the_name_on_its_own_line_is_that_persons() {
        assert_eq!(
            read_as(
                ListKind::Members,
                &[
                    "Jonas Attenius (S), ordförande",
                    "1:e vice ordförande Hanna Lind (V)",
                    "2:e vice ordförande Mikael Berg (M)",
                    "Fatima Yusuf (S)",
                ]
            ),
            [
                "Jonas Attenius|ordförande",
                "Hanna Lind|vice ordförande",
                "Mikael Berg|2:e vice ordförande",
                "Fatima Yusuf|ledamot"
            ]
        );
        assert!(role_before_name("förste vice ordförande Per Ek (M)"));
        assert!(role_before_name("ledamot Per Ek"));
        let others = |lines: &[&str]| read_as(ListKind::Others, lines);
        assert_eq!(
            others(&[
                "Stadsdelsdirektör Helena Ström, avdelningschef Mats Ek, nämndsekreterare Ida Karlsson"
            ]),
            [
                "Helena Ström|stadsdelsdirektör",
                "Mats Ek|avdelningschef",
                "Ida Karlsson|nämndsekreterare"
            ]
        );
        assert_eq!(
            others(&["Helena Ström, stadsdelsdirektör", "Mats Ek, avdelningschef"]),
            ["Helena Ström|stadsdelsdirektör", "Mats Ek|avdelningschef"]
        );
        assert!(!role_before_name("ordförande"));
        assert!(!role_before_name("ordförande och ledamot"));
    }

    #[test]
    fn the_second_vice_chair_keeps_its_ordinal() {
        assert_eq!(normalise_role("2:e vice ordf"), "2:e vice ordförande");
        assert_eq!(
            normalise_role("andre vice ordförande"),
            "2:e vice ordförande"
        );
        assert_eq!(normalise_role("3:e v. ordf."), "3:e vice ordförande");
        assert_eq!(normalise_role("1:e vice ordf"), "vice ordförande");
        assert_eq!(normalise_role("vice ordförande"), "vice ordförande");
    }
}
