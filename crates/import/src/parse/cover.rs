//! Stage 2, the cover: labelled fields before the ärendelista and the first paragraph.
//!
//! Labels ("Plats och tid", "Utses att justera", "Datum då anslaget sätts upp" …) are found at
//! the start of a table cell or at the left margin; their value is the rest of the cell, the
//! next cells, or — when `-layout` printed the values apart from their labels — the next
//! unlabelled lines, matched to waiting labels by what they contain (a time, a `§` range …).

use std::collections::VecDeque;
use std::sync::LazyLock;

use chrono::NaiveDate;
use kansli_core::ParagraphRange;
#[cfg(test)]
use regex::Regex;

use super::dates;
use super::lexicon::COVER_LABELS;
use super::people::ListKind;
use super::text::{Line, cells};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    PlaceTime,
    Place,
    Time,
    Date,
    List(ListKind),
    Justerare,
    Justering,
    Range,
    Chair,
    Secretary,
    Organ,
    Posted,
    Removal,
    /// Both notice dates under one label ("Anslagsperiod 2025-10-07 -- 2025-10-29").
    NoticePeriod,
    /// "Förste vice ordförande: Marcus Ehn (MP)": a member named under their role.
    ViceChair,
    /// "Ersättare för justerare": read so that the name is no ersättare of the meeting;
    /// the protocol has no field for it.
    DeputyJusterare,
    /// "Sista dag för överklagande 2025-11-19": read so that its date is no other label's (a
    /// bare "ANSLAG" heading above took it as the posting day). It is no take-down date: the
    /// notice may stay up longer, and the protocol has no field for the deadline itself.
    AppealDeadline,
    KeptAt,
    Group,
}

impl Label {
    fn is_list(self) -> bool {
        matches!(self, Label::List(_))
    }

    fn takes_value(self) -> bool {
        !matches!(self, Label::Group)
    }

    /// Whether the label may be followed by its value after a plain space ("Paragrafer §§ 1-9").
    fn space_value(self) -> bool {
        matches!(self, Label::Range | Label::List(_) | Label::Group)
    }

    /// Whether `rest` after a label printed as `matched` is its value though only a space
    /// stands between them: always for lists and ranges; for a label of several words
    /// ("Plats och tid Stadshuset") or one naming a person ("Justerare Lina Ros") when the
    /// value starts with a capital or a digit ("Tid för nästa möte" is running text).
    fn space_value_for(self, matched: &str, rest: &str) -> bool {
        if self.space_value() {
            return true;
        }
        // "Anslaget uppsatt den 12 november 2024": a date after "den"
        let dated = matches!(self, Label::Posted | Label::Removal | Label::Date)
            && rest.starts_with("den ")
            && rest[4..].starts_with(|c: char| c.is_ascii_digit());
        // "Sammanträdestid kl. 13.00–17.00": a time after "kl"
        let timed = matches!(self, Label::Time | Label::PlaceTime)
            && (rest.starts_with("kl ") || rest.starts_with("kl.") || rest.starts_with("klockan "));
        let capital = dated
            || timed
            || rest
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        // a one-word notice label with a date right after it ("Anslagsdatum 2025-03-14",
        // "Nedtagningsdatum 2025-04-07"): no running text begins so
        let notice_date = matches!(self, Label::Posted | Label::Removal | Label::NoticePeriod)
            && rest.starts_with(|c: char| c.is_ascii_digit());
        // a long compound is as specific as a label of words ("Sammanträdestid kl. 13.00",
        // "Förvaringsplats Kommunkansliet")
        let compound = matched.trim().trim_end_matches(':').chars().count() >= 12;
        capital
            && (matched.trim().contains(char::is_whitespace)
                || notice_date
                || compound
                || matches!(
                    self,
                    Label::Justerare
                        | Label::DeputyJusterare
                        | Label::Chair
                        | Label::ViceChair
                        | Label::Secretary
                ))
            && self.accepts(rest)
    }

    fn accepts(self, value: &str) -> bool {
        let has_date = dates::parse_date(value).is_some();
        let has_time = dates::parse_times(value).start.is_some();
        let is_range = looks_like_range(value);
        match self {
            Label::Place => !(is_range || has_date && value.len() < 14),
            Label::Time => has_time || has_date,
            Label::PlaceTime => !is_range,
            Label::Date
            | Label::Posted
            | Label::Removal
            | Label::NoticePeriod
            | Label::AppealDeadline => has_date,
            Label::Range => is_range,
            Label::Justering => !is_range,
            Label::Justerare
            | Label::DeputyJusterare
            | Label::Chair
            | Label::ViceChair
            | Label::Secretary => {
                !has_date && !is_range && !value.chars().any(|c| c.is_ascii_digit())
            }
            Label::Organ | Label::KeptAt => !has_date && !is_range,
            Label::List(_) | Label::Group => true,
        }
    }
}

fn looks_like_range(value: &str) -> bool {
    let v = value.trim();
    (v.contains('§')
        || v.chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '–' || c == ' '))
        && ParagraphRange::parse(&super::people::plain_paragraphs(v)).is_ok()
}

/// A lexicon phrase as a regex: escaped, any whitespace between words (the tests hold
/// [`LabelPhrases::find`] to it).
#[cfg(test)]
fn phrase_pattern(p: &str) -> String {
    p.split(' ')
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+")
}

/// One label's phrases, longest first, matched at the start of a cell.
///
/// Hand-rolled rather than a regex (`(?i)^(?:phrase|…)(?:\s*:\s*|\s+|$)`, which it answers as):
/// nineteen case-insensitive Unicode regexes were the largest part of a cold parse's set-up.
struct LabelPhrases(Vec<&'static str>);

impl LabelPhrases {
    /// The end (byte offset) of the first phrase found at the start of `text`, compared
    /// case-insensitively with any run of whitespace between its words, with the separator after
    /// it: optional spaces, a colon and spaces; or spaces; or the end of the text.
    fn find(&self, text: &str) -> Option<usize> {
        self.0.iter().find_map(|phrase| {
            let end = phrase_at_start(text, phrase)?;
            let rest = &text[end..];
            let spaces = rest.len() - rest.trim_start().len();
            if let Some(after) = rest[spaces..].strip_prefix(':') {
                Some(text.len() - after.trim_start().len())
            } else if spaces > 0 || rest.is_empty() {
                Some(end + spaces)
            } else {
                None
            }
        })
    }
}

/// Where `phrase` ends at the start of `text` (see [`LabelPhrases::find`]).
fn phrase_at_start(text: &str, phrase: &str) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    for (i, word) in phrase.split(' ').enumerate() {
        if i > 0 {
            let mut spaces = 0;
            while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {
                spaces += 1;
            }
            if spaces == 0 {
                return None;
            }
        }
        for expected in word.chars() {
            let (_, c) = chars.next()?;
            let same = c == expected
                || if c.is_ascii() && expected.is_ascii() {
                    c.eq_ignore_ascii_case(&expected)
                } else {
                    c.to_lowercase().eq(expected.to_lowercase())
                };
            if !same {
                return None;
            }
        }
    }
    Some(chars.peek().map_or(text.len(), |&(at, _)| at))
}

static LABELS: LazyLock<Vec<(LabelPhrases, Label)>> = LazyLock::new(|| {
    COVER_LABELS
        .iter()
        .map(|(l, phrases)| {
            let mut ps: Vec<&'static str> = phrases.to_vec();
            // A stable sort, as the regex's alternation tried the longest first.
            ps.sort_by_key(|p| std::cmp::Reverse(p.len()));
            (LabelPhrases(ps), *l)
        })
        .collect()
});

/// Every word a label can start with, to skip the regexes for ordinary text.
static LABEL_FIRST_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut v: Vec<&'static str> = COVER_LABELS
        .iter()
        .flat_map(|(_, ps)| ps.iter())
        .filter_map(|a| a.split([' ', ':']).next())
        .filter(|w| !w.is_empty())
        .collect();
    v.sort_unstable();
    v.dedup();
    v
});

/// The first letters (lowercase) of each label's phrases, to skip most regexes.
static LABEL_INITIALS: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| {
    COVER_LABELS
        .iter()
        .map(|(_, ps)| {
            let mut v: Vec<char> = ps.iter().filter_map(|a| a.chars().next()).collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect()
});

fn match_label(cell: &str, col: usize, tabbed: bool) -> Option<(Label, String)> {
    let first = cell.chars().next()?;
    // Labels are capitalised ("plats och tid" on the line under "Justeringens" is not one).
    if !first.is_uppercase() {
        return None;
    }
    let word: String = cell
        .split(|c: char| c.is_whitespace() || c == ':')
        .next()
        .unwrap_or("")
        .to_lowercase();
    if !LABEL_FIRST_WORDS.contains(&word.as_str()) {
        return None;
    }
    let initial = first.to_lowercase().next().unwrap_or(first);
    for ((phrases, label), initials) in LABELS.iter().zip(LABEL_INITIALS.iter()) {
        if !initials.contains(&initial) {
            continue;
        }
        let Some(end) = phrases.find(cell) else {
            continue;
        };
        let matched = &cell[..end];
        let rest = cell[end..].trim();
        // "Närvarande per telefon:", "Övriga på distans:": how the list took part, between the
        // label and its colon, is part of the label (the people are present all the same).
        let remote = remote_qualifier(rest);
        // "Närvarande ledamöter per" / "telefon:   Anna Berg (S)": the way of taking part
        // wrapped in its cell, its rest on the next line; the label waits for it there
        // (`match_label_ci` joins the two), no value of the list.
        if remote.is_none() && opens_remote_qualifier(rest) {
            return Some((*label, String::new()));
        }
        let rest = remote.unwrap_or(rest).to_string();
        // "Sekreterare ....................": a signature's role beside its dotted line names
        // no value there; the name comes under it.
        let rest = if matches!(label, Label::Posted | Label::Removal)
            && super::lexicon::names_notice_board(&rest)
            || is_translation(&rest)
            || is_signature_line(&rest)
        {
            String::new()
        } else {
            rest
        };
        let colon = matched.contains(':') || remote.is_some();
        if !colon && !rest.is_empty() && !label.space_value_for(matched, &rest) {
            // "Tid för …" in running text is not a label.
            continue;
        }
        // In `-layout` text a label stands at the left margin, or in a right-hand column when it
        // is not a participant list ("Ersättare: Per Bengtsson" under "Utses att justera" is a
        // value, "Paragrafer 12-14" beside "Sekreterare" is a label).
        if !tabbed && col > 6 && label.is_list() {
            return None;
        }
        return Some((*label, rest));
    }
    None
}

/// The text after a way of taking part and its colon ("per telefon: Anna Berg (S)" → "Anna
/// Berg (S)"), when the rest of a label's cell opens with one (see `REMOTE_ATTENDANCE`).
fn remote_qualifier(rest: &str) -> Option<&str> {
    let colon = rest.find(':')?;
    let phrase = rest[..colon].trim().to_lowercase();
    super::lexicon::REMOTE_ATTENDANCE
        .contains(&phrase.as_str())
        .then(|| rest[colon + 1..].trim())
}

/// Whether the rest of a label's cell is the start of a way of taking part, cut at a word's end
/// where the cell wraps ("per", "via", "deltar på"): the words before its colon, in lower case
/// as printed (a value naming "Per Ek" is capitalised).
fn opens_remote_qualifier(rest: &str) -> bool {
    !rest.is_empty()
        && !rest.contains(':')
        && super::lexicon::REMOTE_ATTENDANCE.iter().any(|p| {
            p.len() > rest.len() && p.starts_with(rest) && p.as_bytes()[rest.len()] == b' '
        })
}

/// The label's translation printed after it in the same cell, as kommuner of a minority
/// language's administrative area print their labels ("Plats och tid / Paikka ja aika",
/// "Justerare / Tarkastaja"): a slash and up to four words of letters. Part of the label, never
/// its value.
fn is_translation(rest: &str) -> bool {
    rest.strip_prefix('/').is_some_and(|t| {
        let t = t.trim().trim_end_matches(':');
        let words = t.split_whitespace().count();
        (1..=4).contains(&words) && t.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-')
    })
}

/// Whether a table cell is a cover label ("Övriga närvarande", "Justerare"), which ends a table
/// printed above it.
pub(crate) fn is_label(cell: &str) -> bool {
    match_label(cell, 0, true).is_some()
}

/// Whether a cell is a cover label with no value beside it ("Beslutande", "Utses att justera",
/// "Datum då anslaget sätts upp"): a label waiting for its value elsewhere.
pub(crate) fn is_bare_label(cell: &str) -> bool {
    matches!(match_label(cell.trim(), 0, true), Some((_, rest)) if rest.is_empty())
}

/// A participant list's label at the start of a line ("Närvarande ej tjänstgörande ersättare:
/// Britt Holm (C)"): the list's kind and the text after the label.
pub(crate) fn list_label(line: &str) -> Option<(ListKind, String)> {
    match match_label(line, 0, true)? {
        (Label::List(kind), rest) => Some((kind, rest)),
        _ => None,
    }
}

/// A gemensam nämnd's notice, posted on each cooperating kommun's board on its own day: one
/// value line per board, its name and a date ("Lönebergs kommun 2024-03-05" / "Åsunda kommun
/// 2024-03-07"). The last of the dates, when they differ: the appeal period runs from the day
/// the notice was up on all the boards (KL 13 kap. 5 §). None for a single date, or lines that
/// are dates alone.
fn per_board(e: &Entry) -> Option<NaiveDate> {
    if e.values.len() < 2 {
        return None;
    }
    let mut found = Vec::with_capacity(e.values.len());
    for (_, line) in &e.values {
        let (date, at) = dates::find_date(line)?;
        // the board's name beside the date
        let named = line[..at.start]
            .chars()
            .chain(line[at.end..].chars())
            .filter(|c| c.is_alphabetic())
            .count()
            >= 3;
        if !named {
            return None;
        }
        found.push(date);
    }
    let last = *found.iter().max()?;
    (found.iter().any(|d| *d != last)).then_some(last)
}

/// A signature printed as name and role ("Eva Mård, sekreterare"): the role's label and the
/// name. The name is two to four capitalised words.
fn signature_by_role(text: &str) -> Option<(Label, String)> {
    let (name, role) = text.rsplit_once(',')?;
    let label = match role.trim().trim_end_matches('.').to_lowercase().as_str() {
        "ordförande" => Label::Chair,
        "sekreterare" | "protokollförare" | "nämndsekreterare" | "kommunsekreterare" => {
            Label::Secretary
        }
        "justerare" | "justerande" => Label::Justerare,
        _ => return None,
    };
    let name = name.trim();
    let words = name.split_whitespace().count();
    ((2..=4).contains(&words)
        && name
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !name.chars().any(|c| c.is_ascii_digit() || c == '('))
    .then(|| (label, name.to_string()))
}

/// A signature line: dots or underscores only.
fn is_signature_line(cell: &str) -> bool {
    !cell.is_empty()
        && cell
            .chars()
            .all(|c| matches!(c, '.' | '_' | '…' | ' ' | '-'))
}

/// One labelled field of the cover.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub label: Label,
    pub line: usize,
    pub values: Vec<(usize, String)>,
    /// The label is a bare "Publicerad" / "Publiceringsdatum": on a web page it dates the page,
    /// not the notice, so a sentence that tells when the notice went up wins over it.
    pub weak: bool,
}

impl Entry {
    fn value(&self) -> String {
        self.values
            .iter()
            .map(|(_, v)| v.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The label phrases as plain text, for recognising a label wrapped over several lines.
static LABEL_PHRASES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    COVER_LABELS
        .iter()
        .flat_map(|(_, ps)| ps.iter().copied())
        .collect()
});

/// Whether `text` is the beginning of a label phrase ("Datum då anslaget", "Justeringens plats
/// och").
fn is_label_prefix(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("").to_lowercase();
    if text.contains('(') || !LABEL_FIRST_WORDS.contains(&first.as_str()) {
        return false;
    }
    let t = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    t.split_whitespace().count() <= 5
        && LABEL_PHRASES.iter().any(|p| {
            p.len() > t.len() && p.starts_with(&t) && p.as_bytes().get(t.len()) == Some(&b' ')
        })
}

/// Whether `text` on the next line continues the entry's value, wrapped in its table cell:
/// a value ending in a hyphen or comma, or a name cut after its first word.
fn wraps(e: &Entry, text: &str) -> bool {
    if e.label.is_list() || !e.label.takes_value() {
        return false;
    }
    let Some((_, last)) = e.values.last() else {
        return false;
    };
    let t = text.trim();
    if t.is_empty() {
        return false;
    }
    if last.ends_with('-') || last.ends_with(',') {
        return true;
    }
    // a place and time wrapped in its cell, as text converted without its layout keeps it
    // ("Stadshuset, Sessionssalen, kl." / "13:15–16:40"; "…, onsdagen den 17" / "september
    // 2025 kl. 08:30–11:45"): the times after "kl.", or the date's month going on in lower case
    if matches!(e.label, Label::PlaceTime | Label::Time | Label::Date) {
        let lower = last.to_lowercase();
        let after_kl = ["kl.", "kl", "klockan"]
            .iter()
            .any(|k| lower == *k || lower.ends_with(&format!(" {k}")));
        if after_kl && t.starts_with(|c: char| c.is_ascii_digit()) {
            return true;
        }
        // "Kommunhuset, rum" / "Ekorren, kl." / "13:00–14:45": the place wrapped before the
        // line that ends with "kl." (the times on the line under it), no time read yet
        let t_lower = t.to_lowercase();
        let kl_ends = [" kl.", ",kl.", " kl", " klockan"]
            .iter()
            .any(|k| t_lower.ends_with(k));
        if e.label == Label::PlaceTime
            && kl_ends
            && !last.chars().any(|c| c.is_ascii_digit())
            && t.split_whitespace().count() <= 6
        {
            return true;
        }
        // "Kommunhuset, Älvsalen" / "kl. 09.00–10.30"; "Ekerby kommunhus, fullmäktigesalen" /
        // "måndagen den 17 juni kl. 09.00–16.30 och": the place on a line of its own in the
        // cell, its day or times on the next
        let opens_with_time = ["kl.", "kl ", "klockan "].iter().any(|k| {
            t_lower
                .strip_prefix(k)
                .is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        });
        let opens_with_day = [
            "måndagen ",
            "tisdagen ",
            "onsdagen ",
            "torsdagen ",
            "fredagen ",
            "lördagen ",
            "söndagen ",
        ]
        .iter()
        .any(|d| t_lower.starts_with(d));
        if e.label == Label::PlaceTime
            && (opens_with_time || opens_with_day)
            && !last.chars().any(|c| c.is_ascii_digit())
        {
            return true;
        }
        // (or the year going on after the month: "…, måndagen den 7 april" / "2025 kl. 08.30–…")
        let month_then_year = last.ends_with(char::is_alphabetic)
            && t.split(|c: char| !c.is_ascii_digit())
                .next()
                .is_some_and(|y| y.len() == 4);
        if (t.starts_with(char::is_lowercase) && last.ends_with(|c: char| c.is_ascii_digit())
            || month_then_year)
            && dates::parse_date(&format!("{last} {t}")).is_some()
            && dates::parse_date(last).is_none()
        {
            return true;
        }
    }
    matches!(e.label, Label::Chair | Label::Secretary | Label::Justerare)
        && last.split_whitespace().count() <= 2
        && t.split_whitespace().count() <= 3
        && t.split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !t.chars().any(|c| c.is_ascii_digit() || c == ':')
}

fn join_last(e: &mut Entry, line: usize, text: &str) {
    if let Some((no, last)) = e.values.last_mut() {
        super::flow::join_continuation(last, text);
        *no = line;
    }
}

/// Reads the labelled entries of the cover lines.
pub(crate) fn entries(lines: &[&Line]) -> Vec<Entry> {
    let columns = split_columns(lines);
    let lines: Vec<&Line> = match &columns {
        Some(c) => c.iter().collect(),
        None => lines.to_vec(),
    };
    let side = split_side_by_side_lists(&lines)
        .or_else(|| {
            // every header row of lists side by side ("Beslutande⇥Ersättare", further down
            // "Övriga närvarande⇥Justerare"), one after the other
            let mut split = split_side_by_side_cells(&lines)?;
            for _ in 0..8 {
                let again = split_side_by_side_cells(&split.iter().collect::<Vec<_>>());
                match again {
                    Some(next) => split = next,
                    None => break,
                }
            }
            Some(split)
        })
        .or_else(|| one_list_in_two_columns(&lines));
    let lines: Vec<&Line> = match &side {
        Some(c) => c.iter().collect(),
        None => lines,
    };
    let serving = serving_columns(&lines);
    let lines: Vec<&Line> = match &serving {
        Some(c) => c.iter().collect(),
        None => lines,
    };
    let headed = rewrite_headed_columns(&lines);
    let lines: Vec<&Line> = match &headed {
        Some(c) => c.iter().collect(),
        None => lines,
    };
    let by_party = party_groups(&lines);
    let lines: Vec<&Line> = match &by_party {
        Some(c) => c.iter().collect(),
        None => lines,
    };
    let paired = slashed_label_pairs(&lines);
    let lines: Vec<&Line> = match &paired {
        Some(c) => c.iter().collect(),
        None => lines,
    };
    let merged = merge_wrapped_labels(&lines);
    let lines: Vec<&Line> = match &merged {
        Some(m) => m.iter().collect(),
        None => lines,
    };
    let roled = roles_before_names(&lines);
    let lines: Vec<&Line> = match &roled {
        Some(m) => m.iter().collect(),
        None => lines,
    };
    let mut entries: Vec<Entry> = Vec::new();
    // The previous non-blank line's number.
    let mut last_nonblank: Option<usize> = None;
    let mut current: Option<usize> = None;
    let mut pending: VecDeque<usize> = VecDeque::new();
    // The start of a label wrapped over lines ("Datum då anslaget" / "sätts upp").
    let mut carry = String::new();
    // The entry that got the last value, and on which line.
    let mut last_value: Option<(usize, usize)> = None;
    // The entry opened by the label in `carry`, if any.
    let mut carry_entry: Option<usize> = None;
    // The line `carry` was read on.
    let mut carry_no = 0;
    for l in lines {
        if l.is_blank() {
            continue;
        }
        let prev_no = last_nonblank.replace(l.no);
        // A label's start goes on only on the next line: "Tjänstgörande ersättare" alone in a
        // value column is no start of the label of a line further down.
        if !carry.is_empty() && prev_no != Some(carry_no) {
            carry.clear();
            carry_entry = None;
        }
        let tabbed = l.text.contains('\t');
        // "Vid protokollet" opening the closing signatures, read with the cover: the list
        // above ends there, and the names under it are no members
        let heading = l.trimmed().trim_end_matches(':').to_lowercase();
        if super::lexicon::SIGNATURE_HEADINGS.contains(&heading.as_str())
            && match_label(l.trimmed(), 0, tabbed).is_none()
        {
            current = None;
            last_value = None;
            continue;
        }
        let cs = cells(&l.text);
        let n = cs.len();
        let mut line_entry: Option<usize> = None;
        let mut any_label = false;
        let mut consumed = false;
        for (ci, (col, cell)) in cs.iter().enumerate() {
            let mut hit = None;
            // "Utses att" / "justera", or in a typewriter's capitals "UTSES ATT" / "JUSTERA:" (a
            // label ending in its colon is whole: "SAMMANTRÄDESDATUM:", its date stripped as
            // the page top's, does not go on in "DATUM FÖR ANSLAGS UPPSÄTTANDE:")
            let capitals = |t: &str| !t.chars().any(char::is_lowercase);
            if !carry.is_empty()
                && ci == 0
                && (cell.chars().next().is_some_and(char::is_lowercase)
                    || capitals(&carry)
                        && !carry.trim_end().ends_with(':')
                        && capitals(cell)
                        && cell.starts_with(char::is_uppercase))
            {
                let joined = format!("{carry} {cell}");
                let first_word_end = joined.len() - cell.len();
                // try the whole cell, then the label words only ("sätts upp" of "sätts upp 2025")
                if let Some(h) = match_label_ci(&joined) {
                    // "Övriga" / "närvarande": drop the half-label entry opened on the line above
                    if let Some(last) = entries.last()
                        && last.values.is_empty()
                        && carry_entry == Some(entries.len() - 1)
                    {
                        let idx = entries.len() - 1;
                        pending.retain(|p| *p != idx);
                        entries.pop();
                        if current == Some(idx) {
                            current = None;
                        }
                    }
                    hit = Some(h);
                    carry.clear();
                } else if is_label_prefix(&joined) {
                    carry = joined;
                    carry_no = l.no;
                    consumed = true;
                    continue;
                } else {
                    let _ = first_word_end;
                    carry.clear();
                }
            }
            if hit.is_none() {
                hit = match_label(cell, *col, tabbed);
            }
            // "Övriga deltagande   Ersättare: Nina Blom (MP)" / "Tjänstepersoner: Lena Ahl":
            // a list's value column naming its own groups, each with a colon, opens them.
            if hit.is_none()
                && *col > 6
                && current.is_some_and(|c| entries[c].label.is_list())
                && let Some((label, rest)) = match_label(cell, 0, tabbed)
                && label.is_list()
                && cell.len() > rest.len()
                && cell[..cell.len() - rest.len()].contains(':')
            {
                hit = Some((label, rest));
            }
            // "Beslutande   Ledamöter" / "Tjänstgörande ersättare" / "Övriga närvarande
            // Ersättare": a list label alone on its line in a list's value column is a
            // sub-heading opening that list.
            if hit.is_none()
                && (n == 1
                    || ci + 1 == n
                        && line_entry.is_some_and(|e| {
                            entries[e].label.is_list() && entries[e].values.is_empty()
                        }))
                && *col > 6
                && current.is_some_and(|c| entries[c].label.is_list())
                && let Some((label, rest)) = match_label(cell, 0, tabbed)
                && label.is_list()
                && rest.is_empty()
            {
                hit = Some((label, rest));
            }
            // "Ordförande Jonas Attenius (S)" in a list of members is a member named after
            // their role, not the cover's Ordförande label.
            // So is "Beslutande:   Ordförande Anna Berg (S)", the role in the list's value cell.
            let members_list = |e: Option<usize>| {
                e.is_some_and(|c| {
                    matches!(
                        entries[c].label,
                        Label::List(ListKind::Members | ListKind::ServingSubstitutes)
                    )
                })
            };
            if let Some((Label::Chair | Label::ViceChair, rest)) = &hit
                && rest.contains('(')
                && ((ci == 0 && members_list(current)) || (ci > 0 && members_list(line_entry)))
            {
                hit = None;
            }
            if let Some((label, rest)) = hit {
                any_label = true;
                let weak = label == Label::Posted && {
                    let words = cell[..cell.len().saturating_sub(rest.len())]
                        .trim()
                        .trim_end_matches(':')
                        .to_lowercase();
                    matches!(
                        words.as_str(),
                        "publicerad" | "publicerat" | "publiceringsdatum"
                    )
                };
                entries.push(Entry {
                    label,
                    line: l.no,
                    values: Vec::new(),
                    weak,
                });
                let idx = entries.len() - 1;
                pending.retain(|p| entries[*p].values.is_empty());
                if label == Label::Group {
                    // A new block ("ANSLAG/BEVIS", "Underskrifter") ends the wait for values.
                    pending.clear();
                }
                carry_entry = None;
                if !rest.is_empty() && !is_signature_line(&rest) {
                    assign(&mut entries, &mut pending, idx, l.no, rest);
                    last_value = Some((idx, l.no));
                } else {
                    if label.takes_value() && !label.is_list() {
                        pending.push_back(idx);
                    }
                    if ci + 1 == n {
                        // a label alone at the end of a line may go on on the next ("Övriga" /
                        // "närvarande")
                        carry = cell.clone();
                        carry_no = l.no;
                        carry_entry = Some(idx);
                    }
                }
                line_entry = Some(idx);
                current = Some(idx);
                continue;
            }
            if is_signature_line(cell) {
                continue;
            }
            if ci + 1 == n
                && ci > 0
                && cell.chars().next().is_some_and(char::is_uppercase)
                && is_label_prefix(cell)
            {
                carry = cell.clone();
                carry_no = l.no;
                continue;
            }
            if let Some(idx) = line_entry {
                let e = &entries[idx];
                if e.values.is_empty() || e.label.is_list() {
                    pending.retain(|p| *p != idx);
                    assign(&mut entries, &mut pending, idx, l.no, cell.clone());
                    last_value = Some((idx, l.no));
                }
            } else if ci == 0
                && l.text.starts_with('\t')
                && let Some(idx) = current
                && matches!(
                    entries[idx].label,
                    Label::Place | Label::PlaceTime | Label::Justering | Label::Time
                )
                && entries[idx]
                    .values
                    .last()
                    .is_some_and(|(no, _)| Some(*no) == prev_no)
                && entries[idx].label.accepts(cell)
            {
                // A PDF cell's wrapped line (a leading tab: `extract`'s continuation) with the
                // row's later cells after it ("⇥13:00–15:30 ⇥ Justerare ⇥ …"): the place's.
                entries[idx].values.push((l.no, cell.clone()));
                last_value = Some((idx, l.no));
            } else if ci == 0
                && let Some((idx, ln)) = last_value
                && ln + 1 == l.no
                && n > 1
                && wraps(&entries[idx], cell)
            {
                join_last(&mut entries[idx], l.no, cell);
                last_value = Some((idx, l.no));
            } else if ci == 0
                && n > 1
                && cs[1..]
                    .iter()
                    .any(|(c, later)| match_label(later, *c, tabbed).is_some())
                && let Some(pos) = pending.iter().position(|p| entries[*p].label.accepts(cell))
                && let Some(idx) = pending.remove(pos)
            {
                // A signature table's name beside the next block's label ("Sofie Dahl ⇥
                // Paragrafer 40–42" under "Sekreterare" and its dotted line): the waiting
                // role's value, not a cell lost to the label after it.
                entries[idx].values.push((l.no, cell.clone()));
                last_value = Some((idx, l.no));
            }
        }
        if any_label || consumed {
            continue;
        }
        let text = cs
            .iter()
            .map(|(_, c)| c.as_str())
            .filter(|c| !is_signature_line(c))
            .collect::<Vec<_>>()
            .join(" ");
        if text.is_empty() {
            continue;
        }
        if n == 1
            && carry.is_empty()
            && text.chars().next().is_some_and(char::is_uppercase)
            && is_label_prefix(&text)
        {
            carry = text;
            carry_no = l.no;
            continue;
        }
        if last_value.is_some_and(|(_, ln)| ln == l.no) {
            // the line's first cell continued a value; the rest (if any) is not an orphan, and
            // the cell itself is not one either ("⇥2025 kl. 08.30–12.15", a wrapped place and
            // time, was read twice)
            continue;
        }
        // "Underskrifter" over "Linnea Bergholm, ordförande" / "Eva Mård, sekreterare": the
        // signatures as name and role.
        if let Some(idx) = current
            && entries[idx].label == Label::Group
            && let Some((label, name)) = signature_by_role(&text)
        {
            entries.push(Entry {
                label,
                line: l.no,
                values: vec![(l.no, name)],
                weak: false,
            });
            continue;
        }
        let indent = l.indent();
        match current {
            Some(idx) if entries[idx].label.is_list() => {
                entries[idx].values.push((l.no, text));
            }
            _ => {
                // "Anslaget sätts upp   Lönebergs kommun 2024-03-05" / "Åsunda kommun
                // 2024-03-07": a date per notice board, each on its own line
                if let Some((idx, ln)) = last_value
                    && ln + 1 == l.no
                    && indent >= 8
                    && matches!(entries[idx].label, Label::Posted | Label::Removal)
                    && dates::find_date(&text).is_some()
                    && entries[idx]
                        .values
                        .last()
                        .is_some_and(|(_, v)| dates::find_date(v).is_some())
                {
                    entries[idx].values.push((l.no, text));
                    last_value = Some((idx, l.no));
                    continue;
                }
                if let Some((idx, ln)) = last_value
                    && ln + 1 == l.no
                    && wraps(&entries[idx], &text)
                {
                    join_last(&mut entries[idx], l.no, &text);
                    last_value = Some((idx, l.no));
                    continue;
                }
                // "Sekreterare ……   Ordförande ……   Justerare ……" over "Anders Kivi   Aino
                // Kallio   Liisa Niemi": signatures side by side, each name under its role.
                let row: Vec<usize> = pending
                    .iter()
                    .copied()
                    .filter(|p| Some(entries[*p].line) == prev_no)
                    .collect();
                if n > 1
                    && row.len() == n
                    && row
                        .iter()
                        .zip(&cs)
                        .all(|(p, (_, cell))| entries[*p].label.accepts(cell))
                {
                    for (p, (_, cell)) in row.iter().zip(&cs) {
                        entries[*p].values.push((l.no, cell.clone()));
                    }
                    pending.retain(|p| !row.contains(p));
                    continue;
                }
                // "Justerare ……   ……" over "Ove Karlgren   Lisa Wennberg": one role over
                // several dotted lines, a name under each; the names are several justerare,
                // never one person.
                if n > 1
                    && let [p] = row[..]
                    && entries[p].label == Label::Justerare
                    && cs.iter().all(|(_, cell)| entries[p].label.accepts(cell))
                {
                    for (_, cell) in &cs {
                        entries[p].values.push((l.no, cell.clone()));
                    }
                    pending.retain(|q| *q != p);
                    continue;
                }
                let fill = pending
                    .iter()
                    .position(|p| entries[*p].label.accepts(&text));
                if let Some(pos) = fill {
                    if let Some(idx) = pending.remove(pos) {
                        entries[idx].values.push((l.no, text));
                        last_value = Some((idx, l.no));
                    }
                } else if let Some(idx) = current
                    && indent >= 8
                    && matches!(
                        entries[idx].label,
                        Label::Justerare
                            | Label::Place
                            | Label::PlaceTime
                            | Label::Justering
                            | Label::KeptAt
                            | Label::Time
                    )
                    && !entries[idx].values.is_empty()
                    && entries[idx].label.accepts(&text)
                {
                    // a continuation in the value column ("Ersättare: Per Bengtsson")
                    entries[idx].values.push((l.no, text));
                } else if indent >= 8
                    && let Some(idx) = entries.iter().rposition(|e| {
                        matches!(
                            e.label,
                            Label::Place | Label::PlaceTime | Label::Justering | Label::Time
                        ) && e.values.last().is_some_and(|(no, _)| Some(*no) == prev_no)
                            && e.label.accepts(&text)
                    })
                {
                    // the value column of an entry on the line above, beside another label's
                    // value ("kl. 13:00-15:40" under the place, "Paragrafer" to the right)
                    entries[idx].values.push((l.no, text));
                    last_value = Some((idx, l.no));
                }
            }
        }
    }
    entries
}

/// A cover printed in two columns, each with its own labels (left: "Tid och plats",
/// "Justerare"; right: "Beslutande", "Ersättare", "Övriga"), comes out of `-layout` with the
/// halves interleaved line by line. From the first line with a label alone in a right-hand
/// cell, the left halves are read first, then the right halves. Only participant lists and
/// meeting fields count as right-hand labels: signature blocks ("Ordförande", "Justerande")
/// stand in columns too.
fn split_columns(lines: &[&Line]) -> Option<Vec<Line>> {
    let alone = |t: &str| match_label(t, 0, true).filter(|(_, rest)| rest.is_empty());
    // The left margin: the smallest indentation of the cover's lines.
    let margin = lines
        .iter()
        .filter(|l| !l.is_blank() && !l.text.contains('\t'))
        .map(|l| l.indent())
        .min()
        .unwrap_or(0);
    let mut left = 0;
    let mut right: Vec<(usize, usize)> = Vec::new(); // (line index, column)
    for (i, l) in lines.iter().enumerate() {
        if l.text.contains('\t') {
            continue;
        }
        for (col, cell) in super::text::fragments(&l.text, 3) {
            let Some((label, _)) = alone(cell.trim()) else {
                continue;
            };
            if col <= margin + 2 {
                left += 1;
            } else if col >= margin + 20
                && matches!(
                    label,
                    Label::List(_)
                        | Label::PlaceTime
                        | Label::Place
                        | Label::Time
                        | Label::Date
                        | Label::Justering
                        | Label::Range
                )
            {
                right.push((i, col));
            }
        }
    }
    let &(first, col) = right.first()?;
    // A page top's "Sammanträdesdatum" over the date, printed again on every page the cover
    // runs over, is one label seen twice, not a column of labels: count each label text once.
    let mut in_column: Vec<String> = right
        .iter()
        .filter(|(_, c)| c.abs_diff(col) <= 2)
        .map(|(i, _)| lines[*i].trimmed().to_lowercase())
        .collect();
    in_column.sort();
    in_column.dedup();
    let same_column = in_column.len();
    if left < 2 || same_column < 2 {
        return None;
    }
    // A left half has values of its own at the margin ("Gun Ros" under "Justerare"). Where every
    // margin cell among the right-hand labels is a label, those "labels" are sub-headings in the
    // left labels' value column ("Beslutande   Ledamöter" / "Tjänstgörande ersättare"), not a
    // second column.
    let last = right.last().map_or(first, |(i, _)| *i);
    let left_values = lines[first..=last].iter().any(|l| {
        !l.text.contains('\t')
            && super::text::fragments(&l.text, 3)
                .first()
                .is_some_and(|(c, cell)| {
                    *c <= margin + 2
                        && *c + cell.chars().count() < col
                        && match_label(cell.trim(), 0, true).is_none()
                        && !is_signature_line(cell.trim())
                        // "Närvarande   Ledamöter" / "beslutande   Kerstin Malm (S)": a
                        // lowercase word is a label's wrapped rest, no value
                        && !cell.chars().next().is_some_and(char::is_lowercase)
                })
    });
    if !left_values {
        return None;
    }
    let mut out: Vec<Line> = lines.iter().map(|l| (*l).clone()).collect();
    let cut = col.saturating_sub(2);
    let mut lefts: Vec<Line> = Vec::new();
    let mut rights: Vec<Line> = Vec::new();
    for l in &out[first..] {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for (c, cell) in super::text::fragments(&l.text, 3) {
            if c >= cut {
                b.push((c - cut, cell.to_string()));
            } else {
                a.push((c, cell.to_string()));
            }
        }
        if !a.is_empty() {
            lefts.push(Line {
                text: layout(&a),
                ..l.clone()
            });
        }
        if !b.is_empty() {
            rights.push(Line {
                text: layout(&b),
                ..l.clone()
            });
        }
    }
    out.truncate(first);
    out.extend(lefts);
    out.extend(rights);
    Some(out)
}

/// Participant tables under a row of column headings ("Namn   Parti   Kommun   Funktion"), each
/// up to a blank line: the headings' row is dropped and each row written as one participant
/// line (see `people::headed_columns`).
/// The party a heading line names: "Socialdemokraterna", "Moderaterna (M)", alone on its line.
fn party_heading(t: &str) -> Option<String> {
    let t = t.trim().trim_end_matches(':').trim();
    let (name, mark) = match t.rsplit_once(" (") {
        Some((n, m)) if m.ends_with(')') => (n.trim(), Some(&m[..m.len() - 1])),
        _ => (t, None),
    };
    let lower = name.to_lowercase();
    let known = super::lexicon::PARTY_NAMES
        .iter()
        .find(|(n, _)| *n == lower)
        .map(|(_, p)| *p)?;
    Some(mark.unwrap_or(known).to_string())
}

/// Members listed under their parties' names ("NÄRVAROLISTA" / "Socialdemokraterna" /
/// "Ulrika Berg, ordförande" / "Anders Tuvesson" / "Moderaterna" / …), as a fullmäktige's
/// attendance is printed: each person's line is written with the party's mark ("Ulrika Berg
/// (S), ordförande") and the party's line is dropped; an attendance heading right above the
/// first party ("NÄRVAROLISTA") becomes the members' label. A group runs to the next party, a
/// label or the end; a line with its own party mark keeps it. `None` when no line of `lines`
/// is a party's name.
fn party_groups(lines: &[&Line]) -> Option<Vec<Line>> {
    let mut out: Vec<Line> = lines.iter().map(|l| (*l).clone()).collect();
    let mut party: Option<String> = None;
    let mut changed = false;
    for i in 0..out.len() {
        if out[i].is_blank() {
            continue;
        }
        let t = out[i].trimmed().to_string();
        if let Some(p) = party_heading(&t) {
            // the heading of the list, alone on the line above the first party
            if party.is_none()
                && let Some(k) = (0..i).rev().find(|&k| !out[k].is_blank())
                && super::lexicon::ATTENDANCE_HEADINGS.contains(
                    &out[k]
                        .trimmed()
                        .trim_end_matches(':')
                        .to_lowercase()
                        .as_str(),
                )
            {
                out[k].text = "Beslutande".to_string();
            }
            party = Some(p);
            out[i].text = String::new();
            changed = true;
            continue;
        }
        let Some(p) = &party else {
            continue;
        };
        if match_label(&t, 0, t.contains('\t')).is_some() || t.contains('§') {
            party = None;
            continue;
        }
        let (name, rest) = match t.find([',', '(']) {
            Some(at) => t.split_at(at),
            None => (t.as_str(), ""),
        };
        let words = name.split_whitespace().count();
        if rest.starts_with('(')
            || !(2..=5).contains(&words)
            || !name
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            party = None;
            continue;
        }
        let indent = out[i].indent();
        out[i].text = format!("{}{} ({p}){rest}", " ".repeat(indent), name.trim_end());
    }
    changed.then_some(out)
}

/// What a column of a serving substitutes' table beside their label holds.
#[derive(Clone, Copy, PartialEq)]
enum ServingCol {
    Name,
    Party,
    ServesFor,
    Paragraphs,
}

/// A serving substitutes' table heading's cell ("Namn", "Ersätter", "§§", "Paragraf").
fn serving_col(cell: &str) -> Option<ServingCol> {
    match cell.trim_end_matches(':').to_lowercase().as_str() {
        "namn" | "ersättare" | "tjänstgörande ersättare" => Some(ServingCol::Name),
        "parti" => Some(ServingCol::Party),
        "ersätter" | "tjänstgör för" | "tjänstgörande för" | "i stället för" | "för" => {
            Some(ServingCol::ServesFor)
        }
        "§" | "§§" | "paragraf" | "paragrafer" | "tjänstgör i" | "tjänstgör §§" => {
            Some(ServingCol::Paragraphs)
        }
        _ => None,
    }
}

/// The serving substitutes printed as a table beside their label, its headings on the label's
/// line ("Tjänstgörande ersättare ⇥ Namn ⇥ Ersätter ⇥ Paragraf", or with the label wrapped,
/// "Tjänstgörande   Namn   §§   Ersätter" / "ersättare   Lena Ask (S)   14–16   Kjell Ros (S)"):
/// each row is written as the participant line it stands for, "Lena Ask (S), tjänstgörande
/// ersättare för Kjell Ros (S) §§ 14–16", under the label, so that whom each served for and in
/// which paragraphs is read. The table runs to a blank line or the next label.
fn serving_columns(lines: &[&Line]) -> Option<Vec<Line>> {
    let opens = |t: &str| {
        let t = t.trim_start();
        ["Tjänstgörande", "TJÄNSTGÖRANDE", "Tjg", "TJG"]
            .iter()
            .any(|w| t.starts_with(w))
    };
    if !lines.iter().any(|l| opens(&l.text)) {
        return None;
    }
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut changed = false;
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        let row = cells(&l.text);
        let heads: Vec<(usize, ServingCol)> = row
            .iter()
            .skip(1)
            .filter_map(|(c, h)| serving_col(h).map(|k| (*c, k)))
            .collect();
        let table = opens(&l.text)
            && row.len() >= 3
            && heads.len() == row.len() - 1
            && heads.iter().any(|(_, k)| *k == ServingCol::Name)
            && heads.iter().any(|(_, k)| *k == ServingCol::ServesFor);
        if !table {
            out.push(l.clone());
            i += 1;
            continue;
        }
        let tabbed = l.text.contains('\t');
        let first_col = heads[0].0;
        let mut label = row[0].1.clone();
        let mut rows: Vec<(usize, String)> = Vec::new();
        let mut end = i + 1;
        while end < lines.len() && !lines[end].is_blank() {
            let cs = cells(&lines[end].text);
            let mut cs = cs.as_slice();
            // the label's wrapped rest ("ersättare") in the label's column
            // on the line under the headings; any other cell there is the next label's
            if let Some((c, first)) = cs.first()
                && *c + 2 < first_col
            {
                if end > i + 1 || !first.starts_with(char::is_lowercase) {
                    break;
                }
                label = format!("{label} {first}");
                cs = &cs[1..];
            }
            let (mut name, mut party, mut serves, mut paras) = (
                String::new(),
                None::<String>,
                None::<String>,
                None::<String>,
            );
            for (c, cell) in cs {
                let col = heads
                    .iter()
                    .rev()
                    .find(|(h, _)| *h <= c + 2)
                    .map_or(ServingCol::Name, |h| h.1);
                match col {
                    ServingCol::Name if name.is_empty() => name = cell.clone(),
                    ServingCol::Name => name = format!("{name} {cell}"),
                    ServingCol::Party => party = Some(cell.clone()),
                    ServingCol::ServesFor => serves = Some(cell.clone()),
                    ServingCol::Paragraphs => paras = Some(cell.clone()),
                }
            }
            if !name.is_empty() {
                let mut line = name;
                if let Some(p) = party {
                    line = format!("{line} ({p})");
                }
                line.push_str(", tjänstgörande ersättare");
                if let Some(s) = serves {
                    line = format!("{line} för {s}");
                }
                if let Some(p) = paras {
                    let p = if p.contains('§') {
                        p
                    } else {
                        format!("§§ {p}")
                    };
                    line = format!("{line} {p}");
                }
                rows.push((lines[end].no, line));
            }
            end += 1;
        }
        if rows.is_empty() {
            out.push(l.clone());
            i += 1;
            continue;
        }
        let pad = label.chars().count().max(first_col.saturating_sub(1)) + 3;
        for (k, (no, text)) in rows.into_iter().enumerate() {
            let src = lines[i..end]
                .iter()
                .find(|x| x.no == no)
                .copied()
                .unwrap_or(l);
            let lead = match (k, tabbed) {
                (0, true) => format!("{label}\t"),
                (_, true) => "\t".to_string(),
                (0, false) => format!("{label:<pad$}"),
                _ => " ".repeat(pad),
            };
            out.push(Line {
                text: format!("{lead}{text}"),
                ..src.clone()
            });
        }
        changed = true;
        i = end;
    }
    changed.then_some(out)
}

fn rewrite_headed_columns(lines: &[&Line]) -> Option<Vec<Line>> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut changed = false;
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        let might_head = !l.is_blank()
            && l.trimmed()
                .split(|c: char| c.is_whitespace())
                .filter(|w| !w.is_empty())
                .all(|w| super::lexicon::LIST_COLUMN_HEADINGS.contains(&w.to_lowercase().as_str()));
        if might_head {
            // The block runs to a blank line; a PDF table's rows (cells between tabs) stand a
            // blank line apart, so there it runs on while the next line is a row too and no
            // label's ("Justerare ⇥ Ingrid Lövgren").
            let tabbed = l.text.contains('\t');
            let mut end = i + 1;
            while end < lines.len() {
                if lines[end].is_blank() {
                    let next = (end + 1..lines.len()).find(|&j| !lines[j].is_blank());
                    match next {
                        Some(j)
                            if tabbed
                                && lines[j].text.contains('\t')
                                && cells(&lines[j].text)
                                    .first()
                                    .is_none_or(|(_, c)| match_label(c, 0, true).is_none()) =>
                        {
                            end = j;
                            continue;
                        }
                        _ => break,
                    }
                }
                end += 1;
            }
            let block: Vec<(usize, String)> = lines[i..end]
                .iter()
                .map(|l| (l.no, l.text.trim_end().to_string()))
                .collect();
            if let Some(rows) = super::people::headed_columns(&block) {
                for (no, text) in rows {
                    let src = lines[i + 1..end]
                        .iter()
                        .find(|x| x.no == no)
                        .copied()
                        .unwrap_or(l);
                    out.push(Line {
                        text,
                        ..src.clone()
                    });
                }
                changed = true;
                i = end;
                continue;
            }
        }
        out.push(l.clone());
        i += 1;
    }
    changed.then_some(out)
}

/// The roles a list under its label may print in a column before the names.
const ROLE_COLUMN: &[&str] = &[
    "ordförande",
    "ordf.",
    "ordf",
    "vice ordförande",
    "vice ordf.",
    "1:e vice ordförande",
    "1:e vice ordf.",
    "2:e vice ordförande",
    "2:e vice ordf.",
    "förste vice ordförande",
    "andre vice ordförande",
    "ledamot",
    "ersättare",
    "tjg ersättare",
    "tjg. ersättare",
    "tjänstgörande ersättare",
];

/// A list under a label alone on its line with each member's role in a column before the name
/// ("Beslutande ledamöter:" / "Ordförande   Lars Vik (C)" / "Ledamot   Ann Berg (KD)"): each
/// row is rewritten as the name with its role after it ("Lars Vik (C), ordförande"), as such
/// lists print it elsewhere. A role cell that stood alone read as the chair's label and ended
/// the list. Only rows under a list label, or under another such row, are rows: the signature
/// block's "Ordförande   Lars Vik" is none.
fn roles_before_names(lines: &[&Line]) -> Option<Vec<Line>> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut changed = false;
    // Whether the last non-blank line opened a list or was one of its rows.
    let mut in_list = false;
    for l in lines {
        if l.is_blank() {
            out.push((*l).clone());
            continue;
        }
        let t = l.trimmed();
        let row = if in_list {
            match cells(&l.text).as_slice() {
                [(_, role), (_, name)]
                    if ROLE_COLUMN.contains(&role.to_lowercase().as_str())
                        && name.chars().next().is_some_and(char::is_uppercase)
                        && name.contains('(')
                        && !is_label(name) =>
                {
                    let low = role.to_lowercase();
                    Some(if low == "ledamot" || name.contains(" för ") {
                        name.clone()
                    } else {
                        format!("{name}, {low}")
                    })
                }
                _ => None,
            }
        } else {
            None
        };
        in_list = row.is_some() || list_label(t).is_some_and(|(_, rest)| rest.trim().is_empty());
        match row {
            Some(text) => {
                changed = true;
                out.push(Line {
                    text: format!("{}{text}", " ".repeat(l.indent())),
                    ..(*l).clone()
                });
            }
            None => out.push((*l).clone()),
        }
    }
    changed.then_some(out)
}

/// Two participant lists printed side by side, each under its own label on one line
/// ("Beslutande ledamöter          Ersättare") with the names in two columns below, come out of
/// `-layout` as rows holding one name of each. The right-hand column (from its label to the
/// end of the block: a blank line or a label at the margin) is moved after the left-hand one,
/// as if printed below it. A list label beside a label that takes a value ("Beslutande
/// Ledamöter") is a sub-heading in the value column instead, and is left alone.
fn split_side_by_side_lists(lines: &[&Line]) -> Option<Vec<Line>> {
    let list_alone = |t: &str| {
        match_label(t, 0, true).is_some_and(|(label, rest)| label.is_list() && rest.is_empty())
    };
    // Two lists or more ("Närvarande ledamöter   Övriga närvarande   Tjänstepersoner", as
    // Ciceron prints an arbetsutskott's attendance), each label alone in its column.
    let head = lines.iter().position(|l| {
        let f = super::text::fragments(&l.text, 3);
        f.len() >= 2
            && !l.text.contains('\t')
            && f.windows(2).all(|w| w[1].0 >= w[0].0 + 20)
            && f.iter().all(|(_, t)| list_alone(t.trim()))
    })?;
    let frags = super::text::fragments(&lines[head].text, 3);
    let left_col = frags[0].0;
    // Where each column after the first starts.
    let cuts: Vec<usize> = frags[1..]
        .iter()
        .map(|(c, _)| c.saturating_sub(2))
        .collect();
    let cut = cuts[0];
    // The block: the rows after the labels, up to a blank line or a label at the margin.
    let mut end = head + 1;
    while end < lines.len() {
        let l = lines[end];
        let f = super::text::fragments(&l.text, 3);
        let Some((c, first)) = f.first() else { break };
        if *c < cut && (c.abs_diff(left_col) > 2 || match_label(first.trim(), 0, true).is_some()) {
            break;
        }
        end += 1;
    }
    // Rows with a name in a right-hand column, and one in the left: else no side-by-side.
    let both = lines[head + 1..end].iter().any(|l| {
        let f = super::text::fragments(&l.text, 3);
        f.iter().any(|(c, _)| *c < cut) && f.iter().any(|(c, _)| *c >= cut)
    });
    if !both {
        return value_column_side_by_side(lines, head, end, &frags);
    }
    // Each column's cells from its own start.
    Some(stack_columns(lines, head, end, &cuts, |k, c| {
        c - if k == 0 { 0 } else { cuts[k - 1] }
    }))
}

/// One list's names in two columns under its label alone on its line ("Närvarande ledamöter" /
/// "Birgitta Holm (S), ordförande     Stefan Roos (M), 1:e vice ordförande" / …), as a
/// fullmäktige's long list is printed: the right-hand column is moved after the left, as if
/// printed below it, a name's rest wrapped alone in the right-hand column joined to its line.
/// The block runs to a blank line; it is two columns when at least two rows have a second cell
/// at the same place, far to the right, and no row has three.
fn one_list_in_two_columns(lines: &[&Line]) -> Option<Vec<Line>> {
    let list_alone = |t: &str| {
        match_label(t, 0, true).is_some_and(|(label, rest)| label.is_list() && rest.is_empty())
    };
    for head in 0..lines.len() {
        let f = super::text::fragments(&lines[head].text, 3);
        if f.len() != 1 || lines[head].text.contains('\t') || !list_alone(f[0].1.trim()) {
            continue;
        }
        let end = (head + 1..lines.len())
            .find(|&i| lines[i].is_blank())
            .unwrap_or(lines.len());
        let rows: Vec<Vec<(usize, &str)>> = lines[head + 1..end]
            .iter()
            .map(|l| super::text::fragments(&l.text, 3))
            .collect();
        let Some(left) = rows.iter().filter_map(|r| r.first().map(|c| c.0)).min() else {
            continue;
        };
        let seconds: Vec<usize> = rows
            .iter()
            .filter(|r| r.len() == 2)
            .map(|r| r[1].0)
            .collect();
        let Some(&right) = seconds.first() else {
            continue;
        };
        let two_columns = seconds.len() >= 2
            && right >= left + 20
            && seconds.iter().all(|c| c.abs_diff(right) <= 2)
            && rows.iter().all(|r| {
                r.len() <= 2
                    && r.first().is_some_and(|(c, t)| {
                        (c.abs_diff(left) <= 1 && t.chars().next().is_some_and(char::is_uppercase))
                            || c.abs_diff(right) <= 2
                    })
            })
            && lines[head + 1..end].iter().all(|l| !l.text.contains('\t'));
        if !two_columns {
            continue;
        }
        let mut lefts: Vec<Line> = Vec::new();
        let mut rights: Vec<Line> = Vec::new();
        for (l, r) in lines[head + 1..end].iter().zip(&rows) {
            for (c, cell) in r {
                let cell = cell.trim();
                let column = if c.abs_diff(right) <= 2 && *c > left + 1 {
                    &mut rights
                } else {
                    &mut lefts
                };
                match column.last_mut() {
                    // a name's rest wrapped alone on the next line ("för Olle Vik (S)")
                    Some(prev) if cell.chars().next().is_some_and(char::is_lowercase) => {
                        super::flow::join_continuation(&mut prev.text, cell);
                    }
                    _ => column.push(Line {
                        text: format!("{}{cell}", " ".repeat(left)),
                        ..(*l).clone()
                    }),
                }
            }
        }
        let mut out: Vec<Line> = lines[..=head].iter().map(|l| (*l).clone()).collect();
        out.extend(lefts);
        out.extend(rights);
        out.extend(lines[end..].iter().map(|l| (*l).clone()));
        return Some(out);
    }
    None
}

/// A label at the margin with two lists side by side in its value column, each under its own
/// sub-heading ("Beslutande   Ledamöter   Tjänstgörande ersättare", the names in two columns
/// below and nothing at the margin): each later column is moved under the first, its
/// sub-heading and names starting where the first sub-heading does, as if printed below it.
/// `frags` are the head line's fragments (the label first); the block is `head..end`.
fn value_column_side_by_side(
    lines: &[&Line],
    head: usize,
    end: usize,
    frags: &[(usize, &str)],
) -> Option<Vec<Line>> {
    if frags.len() < 3 {
        return None;
    }
    let value_col = frags[1].0;
    let cuts: Vec<usize> = frags[2..]
        .iter()
        .map(|(c, _)| c.saturating_sub(2))
        .collect();
    // rows in the value column only, some of them in a later column
    let rows = &lines[head + 1..end];
    let in_value_column = rows.iter().all(|l| {
        super::text::fragments(&l.text, 3)
            .first()
            .is_none_or(|(c, _)| c + 2 >= value_col)
    });
    let later = rows.iter().any(|l| {
        super::text::fragments(&l.text, 3)
            .iter()
            .any(|(c, _)| *c >= cuts[0])
    });
    if !in_value_column || !later {
        return None;
    }
    // A later column's cells start where the first sub-heading does.
    Some(stack_columns(lines, head, end, &cuts, |k, c| {
        if k == 0 {
            c
        } else {
            value_col + c.saturating_sub(frags[k + 1].0)
        }
    }))
}

/// `lines` with the block `head..end` cut into columns at `cuts` (a cell is in the column whose
/// cut it starts at or after) and the columns stacked, each under the one before it; a cell of
/// column `k` starting at character `c` is placed at `place(k, c)`. The lines before and after
/// the block are kept as they are.
fn stack_columns(
    lines: &[&Line],
    head: usize,
    end: usize,
    cuts: &[usize],
    place: impl Fn(usize, usize) -> usize,
) -> Vec<Line> {
    let mut columns: Vec<Vec<Line>> = vec![Vec::new(); cuts.len() + 1];
    for l in &lines[head..end] {
        let mut cells: Vec<Vec<(usize, String)>> = vec![Vec::new(); cuts.len() + 1];
        for (c, cell) in super::text::fragments(&l.text, 3) {
            let k = cuts.iter().filter(|&&x| c >= x).count();
            cells[k].push((place(k, c), cell.to_string()));
        }
        for (k, a) in cells.iter().enumerate() {
            if !a.is_empty() {
                columns[k].push(Line {
                    text: layout(a),
                    ..(*l).clone()
                });
            }
        }
    }
    let mut out: Vec<Line> = lines[..head].iter().map(|l| (*l).clone()).collect();
    for column in columns {
        out.extend(column);
    }
    out.extend(lines[end..].iter().map(|l| (*l).clone()));
    out
}

/// Two participant lists side by side in a PDF's table ("Beslutande ledamöter ⇥ Närvarande
/// ersättare", then rows "Stefan Ljung, ordförande ⇥ KD ⇥ Maria Hed ⇥ S"): the cells come
/// between tabs with the empty ones left out, so columns cannot be counted. A row's cells are
/// read as people, each a name with the party cell after it, if any; the first person of a row
/// is the left list's, the second the right's; a row whose line starts with a tab (the
/// extraction's mark of a line starting in a later column, its left cells empty) holds only a
/// right-hand person. The right-hand list is then moved after the left, as if printed below it.
fn split_side_by_side_cells(lines: &[&Line]) -> Option<Vec<Line>> {
    let list_alone = |t: &str| {
        match_label(t, 0, true).is_some_and(|(label, rest)| label.is_list() && rest.is_empty())
    };
    let tab_cells = |t: &str| -> Vec<String> {
        t.split('\t')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect()
    };
    // Two lists or more, each label in a cell of the header row.
    // (A list's label beside the justerare's, "Övriga närvarande⇥Justerare", heads two columns
    // as well: the justerare are people listed under their label.)
    let justerare_alone = |t: &str| {
        match_label(t, 0, true)
            .is_some_and(|(label, rest)| label == Label::Justerare && rest.is_empty())
    };
    let head = lines.iter().position(|l| {
        let c = tab_cells(&l.text);
        l.text.contains('\t')
            && c.len() >= 2
            && c.iter().any(|x| list_alone(x))
            && c.iter().all(|x| list_alone(x) || justerare_alone(x))
    })?;
    let labels = tab_cells(&lines[head].text);
    let party = |c: &str| {
        (1..=4).contains(&c.chars().count())
            && c.chars().all(char::is_uppercase)
            && super::lexicon::PARTIES
                .iter()
                .any(|p| p.eq_ignore_ascii_case(c))
    };
    let mut columns: Vec<Vec<Line>> = labels
        .iter()
        .map(|label| {
            vec![Line {
                text: label.clone(),
                ..lines[head].clone()
            }]
        })
        .collect();
    // Where the last person was put, for a line that continues their cell.
    let mut last: Option<usize> = None;
    let starts_name = |t: &str| t.chars().next().is_some_and(char::is_uppercase);
    let continues = |t: &str| {
        t.chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit() || c == '(' || c == '§')
    };
    // "| Petra Vinge (C) |   |", a PDF's "Mats Vall (KD)": a table's row whose later cells are
    // empty comes without a tab; one person right under a row of the table (a blank line
    // between, as a PDF's rows stand) is the left list's
    let person = |t: &str| {
        let c = tab_cells(t);
        c.len() == 1 && starts_name(&c[0]) && c[0].contains('(') && !t.contains('\t')
    };
    // Whether the last non-blank line before `i` is a row of the table: cells between tabs, or
    // such a person.
    let after_row = |i: usize| {
        lines[head + 1..i]
            .iter()
            .rev()
            .find(|l| !l.is_blank())
            .is_some_and(|l| l.text.contains('\t') || person(&l.text))
    };
    let mut end = head + 1;
    while end < lines.len() {
        let l = lines[end];
        if l.is_blank() {
            // a PDF table's rows may stand a blank line apart
            let next = lines[end + 1..].iter().find(|n| !n.is_blank());
            if next.is_some_and(|n| {
                let c = tab_cells(&n.text);
                c.first().is_some_and(|f| {
                    match_label(f, 0, true).is_none() && (starts_name(f) || continues(f))
                }) && (n.text.contains('\t')
                    || labels.len() > 2
                    || (labels.len() == 2 && person(&n.text) && after_row(end)))
            }) {
                end += 1;
                continue;
            }
            break;
        }
        let cells = tab_cells(&l.text);
        let Some(first) = cells.first() else { break };
        if match_label(first, 0, true).is_some() {
            break;
        }
        // A cell's text wrapped onto the next line: it belongs to the person above.
        if cells.len() == 1 && continues(first) {
            if let Some(k) = last
                && let Some(prev) = columns[k].last_mut()
            {
                prev.text = format!("{} {first}", prev.text.trim_end());
                end += 1;
                continue;
            }
            break;
        }
        if !l.text.contains('\t') && labels.len() == 2 && !(person(&l.text) && after_row(end)) {
            break;
        }
        // people: a name, and the party cell after it
        let mut people: Vec<String> = Vec::new();
        for c in cells {
            match people.last_mut() {
                Some(last) if party(&c) && !last.contains('\t') => {
                    last.push('\t');
                    last.push_str(&c);
                }
                _ if party(&c) => {}
                _ => people.push(c),
            }
        }
        if people.len() > labels.len() {
            break;
        }
        let right_only = l.text.starts_with('\t') && people.len() == 1;
        let from = usize::from(right_only);
        for (k, p) in people.into_iter().enumerate() {
            columns[from + k].push(Line {
                text: p,
                ..l.clone()
            });
            last = Some(from + k);
        }
        end += 1;
    }
    if columns[1..].iter().all(|c| c.len() < 2) {
        return None;
    }
    let mut out: Vec<Line> = lines[..head].iter().map(|l| (*l).clone()).collect();
    for column in columns {
        out.extend(column);
    }
    out.extend(lines[end..].iter().map(|l| (*l).clone()));
    Some(out)
}

/// Words of a line with their columns (in characters).
fn words_at(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    for (col, c) in text.chars().enumerate() {
        if c == ' ' {
            if !cur.is_empty() {
                out.push((start, std::mem::take(&mut cur)));
            }
        } else {
            if cur.is_empty() {
                start = col;
            }
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push((start, cur));
    }
    out
}

/// Two labels joined by a slash over their two values joined by one ("Justerare/Justeringsdatum
/// Per Ek / 2025-03-07"): the line as the two labels each beside its value, as a cover of four
/// columns prints them. The part after the slash must be a label itself (a translation of the
/// label, "Justerare / Tarkastaja", is not), and the value must have as many parts.
fn slashed_label_pairs(lines: &[&Line]) -> Option<Vec<Line>> {
    let split = |l: &Line| -> Option<String> {
        let t = l.trimmed();
        let slash = t.find('/')?;
        if slash > 40 {
            return None;
        }
        let cs = cells(t);
        let [(_, label), (_, value)] = cs.as_slice() else {
            return None;
        };
        let (a, b) = label.split_once('/')?;
        let (a, b) = (a.trim(), b.trim().trim_end_matches(':'));
        let (v1, v2) = value.split_once(" / ")?;
        let whole = |x: &str| match_label(x, 0, true).is_some_and(|(_, rest)| rest.is_empty());
        (b.starts_with(char::is_uppercase) && whole(a) && whole(b) && !v2.contains(" / "))
            .then(|| format!("{a}\t{}\t{b}\t{}", v1.trim(), v2.trim()))
    };
    let mut out: Option<Vec<Line>> = None;
    for (i, l) in lines.iter().enumerate() {
        if let Some(text) = split(l) {
            let o = out.get_or_insert_with(|| lines.iter().map(|l| (*l).clone()).collect());
            o[i].text = text;
        }
    }
    out
}

/// Labels printed over two lines in their table cell ("Ej tjänstgörande" / "ersättare", "Datum
/// för" / "anslags uppsättande", "Förvaringsplats" / "för protokollet"), with values on the
/// first line: the second line's lowercase fragment under the label's first word completes it.
/// The first line gets the whole label, the second loses the fragment.
fn merge_wrapped_labels(lines: &[&Line]) -> Option<Vec<Line>> {
    let tabbed = merge_wrapped_label_cells(lines);
    let lines: Vec<&Line> = match &tabbed {
        Some(m) => m.iter().collect(),
        None => lines.to_vec(),
    };
    let lines = &lines[..];
    // Only a line with a lowercase fragment under another line can complete a label.
    let candidate = lines.windows(2).any(|w| {
        !w[0].is_blank()
            && super::text::fragments(&w[1].text, 2)
                .iter()
                .any(|(_, t)| t.chars().next().is_some_and(char::is_lowercase))
    });
    if !candidate {
        return tabbed;
    }
    let mut out: Vec<Line> = lines.iter().map(|l| (*l).clone()).collect();
    for i in 0..out.len().saturating_sub(1) {
        if out[i].text.contains('\t') || out[i + 1].text.contains('\t') || out[i].is_blank() {
            continue;
        }
        let below = super::text::fragments(&out[i + 1].text, 2)
            .into_iter()
            .map(|(c, t)| (c, t.to_string()))
            .collect::<Vec<_>>();
        if !below
            .iter()
            .any(|(_, t)| t.chars().next().is_some_and(char::is_lowercase))
        {
            continue;
        }
        let mut words = words_at(&out[i].text);
        // (word index, word count, fragment index) of each completed label
        let mut merges: Vec<(usize, usize, usize)> = Vec::new();
        for (fi, (c2, t2)) in below.iter().enumerate() {
            if !t2.chars().next().is_some_and(char::is_lowercase) {
                continue;
            }
            let Some(k) = words.iter().position(|(c, _)| c.abs_diff(*c2) <= 1) else {
                continue;
            };
            let mut best = None;
            let mut prefix = String::new();
            for n in 1..=5 {
                let Some((_, w)) = words.get(k + n - 1) else {
                    break;
                };
                if w.chars().any(|c| c.is_ascii_digit()) {
                    break;
                }
                if !prefix.is_empty() {
                    prefix.push(' ');
                }
                prefix.push_str(&w.to_lowercase());
                let candidate = format!(
                    "{prefix} {}",
                    t2.split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase()
                );
                if LABEL_PHRASES.contains(&candidate.as_str()) {
                    best = Some(n);
                }
            }
            if let Some(n) = best {
                merges.push((k, n, fi));
            }
        }
        if merges.is_empty() {
            continue;
        }
        // The first line as cells: fragments split at each label's ends, labels completed.
        let mut cut = vec![false; words.len() + 1];
        let mut inside = vec![false; words.len() + 1];
        for (k, n, fi) in &merges {
            cut[*k] = true;
            cut[k + n] = true;
            for x in &mut inside[k + 1..k + n] {
                *x = true;
            }
            let (_, last) = &mut words[k + n - 1];
            last.push(' ');
            last.push_str(below[*fi].1.trim());
        }
        let mut pieces: Vec<(usize, String)> = Vec::new();
        let mut prev_end: Option<usize> = None;
        for (wi, (c, w)) in words.iter().enumerate() {
            let gap = prev_end.is_none_or(|e| c.saturating_sub(e) >= 2) && !inside[wi];
            if gap || cut[wi] {
                pieces.push((*c, w.clone()));
            } else if let Some(p) = pieces.last_mut() {
                p.1.push(' ');
                p.1.push_str(w);
            }
            prev_end = Some(c + w.chars().count());
        }
        out[i].text = layout(&pieces);
        let rest: Vec<(usize, String)> = below
            .into_iter()
            .enumerate()
            .filter(|(fi, _)| !merges.iter().any(|m| m.2 == *fi))
            .map(|(_, p)| p)
            .collect();
        out[i + 1].text = layout(&rest);
    }
    Some(out)
}

/// The same in a PDF's rows, whose cells a tab keeps apart and whose columns are not
/// counted: a label whose value stands on its first line and whose last words went on the line
/// under it, alone there ("Datum då anslaget⇥2025-10-01" / "sätts upp", "Datum för anslags⇥
/// 1999-03-23⇥Datum för anslags⇥1999-04-14" / "uppsättande⇥nedtagande", as text set with tab
/// stops wraps). Every cell of the line under must complete a cell of the line above, in
/// order, into a label phrase; the labels are completed and the line under left blank.
fn merge_wrapped_label_cells(lines: &[&Line]) -> Option<Vec<Line>> {
    let mut out: Option<Vec<Line>> = None;
    for i in 0..lines.len().saturating_sub(1) {
        let (above, below) = (&lines[i].text, &lines[i + 1].text);
        if !above.contains('\t') || below.trim().is_empty() {
            continue;
        }
        let parts: Vec<&str> = below
            .split('\t')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        if parts.is_empty()
            || !parts.iter().all(|t| {
                t.starts_with(char::is_lowercase) && !t.contains(|c: char| c.is_ascii_digit())
            })
        {
            continue;
        }
        let mut cells: Vec<String> = above.split('\t').map(str::to_string).collect();
        let mut from = 0;
        let mut done = 0;
        for part in &parts {
            let found = (from..cells.len()).find(|&k| {
                let joined = format!("{} {part}", cells[k].trim())
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase();
                LABEL_PHRASES.contains(&joined.as_str())
            });
            let Some(k) = found else { break };
            let joined = format!("{} {part}", cells[k].trim_end());
            cells[k] = joined;
            from = k + 1;
            done += 1;
        }
        if done != parts.len() {
            continue;
        }
        let out = out.get_or_insert_with(|| lines.iter().map(|l| (*l).clone()).collect());
        out[i].text = cells.join("\t");
        out[i + 1].text.clear();
    }
    out
}

/// Prints cells at their columns, at least three spaces apart.
fn layout(pieces: &[(usize, String)]) -> String {
    let mut s = String::new();
    for (c, t) in pieces {
        let cur = s.chars().count();
        let pad = if s.is_empty() {
            *c
        } else {
            c.saturating_sub(cur).max(3)
        };
        s.push_str(&" ".repeat(pad));
        s.push_str(t);
    }
    s
}

/// Matches a label assembled from wrapped lines (any column, lowercase allowed after the first
/// word).
fn match_label_ci(text: &str) -> Option<(Label, String)> {
    let initial = text.chars().next()?.to_lowercase().next()?;
    for ((phrases, label), initials) in LABELS.iter().zip(LABEL_INITIALS.iter()) {
        if !initials.contains(&initial) {
            continue;
        }
        if let Some(end) = phrases.find(text) {
            let rest = text[end..].trim();
            // "Närvarande ersättare per" / "telefon:": the way of taking part, as above
            let remote = remote_qualifier(rest);
            let rest = remote.unwrap_or(rest).to_string();
            let rest = if matches!(label, Label::Posted | Label::Removal)
                && super::lexicon::names_notice_board(&rest)
                || is_translation(&rest)
            {
                String::new()
            } else {
                rest
            };
            if rest.is_empty()
                || text[..end].contains(':')
                || remote.is_some()
                || label.space_value_for(&text[..end], &rest)
            {
                return Some((*label, rest));
            }
        }
    }
    None
}

fn assign(
    entries: &mut [Entry],
    pending: &mut VecDeque<usize>,
    idx: usize,
    line: usize,
    value: String,
) {
    let label = entries[idx].label;
    if !label.is_list() && !label.accepts(&value) {
        // Printed under the wrong label: give it to a waiting label that takes it.
        if let Some(pos) = pending
            .iter()
            .position(|p| *p != idx && entries[*p].label.accepts(&value))
            && let Some(other) = pending.remove(pos)
        {
            entries[other].values.push((line, value));
            if label.takes_value() {
                pending.push_back(idx);
            }
            return;
        }
    }
    entries[idx].values.push((line, value));
}

/// What the cover says.
#[derive(Debug, Default, Clone)]
pub(crate) struct Cover {
    pub organ: Option<String>,
    pub meeting_date: Option<NaiveDate>,
    pub place: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub adjournment: Option<String>,
    pub range: Option<ParagraphRange>,
    pub range_text: Option<(usize, String)>,
    pub chair: Option<String>,
    pub secretary: Option<String>,
    pub justerare: Vec<String>,
    pub justering_place: Option<String>,
    pub justering_date: Option<NaiveDate>,
    pub posted: Option<NaiveDate>,
    /// `posted` came from a bare "Publicerad" label (see `Entry::weak`).
    pub posted_weak: bool,
    pub removal: Option<NaiveDate>,
    pub kept_at: Option<String>,
    pub place_value: Option<String>,
    pub lists: Vec<(ListKind, Vec<(usize, String)>)>,
}

/// A role label naming a member with their party ("Ordförande: Linnea Bergholm (S)", "Förste
/// vice ordförande: Marcus Ehn (MP)", where the cover lists the other members under "Övriga
/// ledamöter"): the person is a member in that role. A signature block's "Ordförande  Anna
/// Berg" names no party and adds no one.
fn member_by_role(c: &mut Cover, e: &Entry, value: &str, role: &str) {
    if super::people::strip_party(value).1.is_none() {
        return;
    }
    let line = (e.line, format!("{value}, {role}"));
    c.lists.push((ListKind::Members, vec![line]));
}

fn first_name(value: &str) -> Option<String> {
    super::people::split_names(value).into_iter().next()
}

/// The meeting's time and place printed as prose rather than under a label, as in
/// "PROTOKOLL fört vid sammanträde med … / torsdagen den 18 september 2025 kl. 18.00–19.45 /
/// i Spånga medborgarhus": the first cover line with a time range after "kl." (or "klockan")
/// and a date on it or on the line before. The place follows the times on that line or opens
/// the next line, after "i". Returns the line number, the times and the place.
pub(crate) fn prose_time_and_place(
    lines: &[&Line],
) -> Option<(usize, dates::Times, Option<String>)> {
    let mut previous: Option<&str> = None;
    for (i, line) in lines.iter().enumerate() {
        let text = line.trimmed();
        if text.is_empty() {
            continue;
        }
        let lower = text.to_lowercase();
        let dated = dates::parse_date(text).is_some()
            || previous.is_some_and(|p| dates::parse_date(p).is_some());
        // "Protokoll fört vid sammanträde med kommunfullmäktige" / "… måndagen den 14 april
        // 1975 kl. 19.00 i kommunalhuset": the opening sentence tells when the meeting began,
        // its end told at the close ("Sammanträdet avslutades kl. 21.35")
        let opening = lower.contains("sammanträde")
            || previous.is_some_and(|p| p.to_lowercase().contains("sammanträde"));
        previous = Some(text);
        if !(lower.contains("kl.") || lower.contains("kl ") || lower.contains("klockan"))
            || !dated
            || match_label_ci(text).is_some()
        {
            continue;
        }
        // A range, never a single "kl 15.00" (a justering's or a deadline's hour) but in the
        // sentence that opens the meeting, and never a line about the justering.
        let times = dates::parse_times(text);
        // (whole hours too: "kl. 13–15")
        let range = times.end.is_some()
            && (dates::end_of_time_range(text).is_some() || dates::end_of_hours(text).is_some());
        if times.start.is_none() || !(range || opening) || lower.contains("juster") {
            continue;
        }
        let place_after = |t: &str| -> Option<String> {
            let t = t.trim_start_matches([',', ' ', '\t']);
            let rest = t.strip_prefix("i ")?;
            let place = rest.trim().trim_end_matches(['.', ',']).trim();
            // a name ("Kommunhuset"), or a room described in lower case with its address
            // after a comma ("förbundets lokaler, Bruksgatan 4, Ådalsbruk")
            let named = place.chars().next().is_some_and(char::is_uppercase)
                || place.split(',').skip(1).any(|part| {
                    part.trim_start()
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
                });
            (!place.is_empty() && named).then(|| place.to_string())
        };
        let next_text = lines[i + 1..]
            .iter()
            .map(|l| l.trimmed())
            .find(|t| !t.is_empty())
            .filter(|t| match_label_ci(t).is_none());
        let after_hours = dates::end_of_time_range(text)
            .or_else(|| dates::end_of_hours(text).filter(|_| opening || range))
            .and_then(|end| text.get(end..))
            .map(|rest| rest.trim_start_matches([',', ' ', '\t']).trim_end());
        let same_line = after_hours.and_then(|rest| {
            // "… kl. 09.30–12.15 i" / "Regionens hus, sammanträdesrummet Ljusnan.": the
            // sentence wraps after its "i", the place opens the next line
            if rest == "i" {
                return next_text.and_then(|n| place_after(&format!("i {n}")));
            }
            // "… kl. 19.00 i kommunal-" / "huset, Storgatan 1.": the place wraps onto the next
            // line (a word broken at its end, a comma before the rest, or the sentence going
            // on in lower case)
            if rest.starts_with("i ")
                && !rest.ends_with('.')
                && let Some(n) = next_text
                && (rest.ends_with('-')
                    || rest.ends_with(',')
                    || n.starts_with(char::is_lowercase) && n.ends_with('.'))
            {
                let mut joined = rest.to_string();
                super::flow::join_continuation(&mut joined, n);
                return place_after(&joined);
            }
            place_after(rest)
        });
        let times = if range {
            times
        } else {
            dates::Times { end: None, ..times }
        };
        let next_line = || next_text.and_then(place_after);
        // "Sammanträdet hölls i stadshuset, Sessionssalen, kl. 13.00–": the place before the
        // times, after "i" and before the comma that precedes "kl."; no date or number in it
        // (a date told before the times is no place)
        let before_hours = || {
            let at = super::find_folded(text, &["kl.", "kl ", "klockan"])?.start;
            let before = text[..at].trim_end().strip_suffix(',')?;
            let from = before.rfind(" i ")? + 1;
            let place = before[from..].trim();
            (!place.chars().any(|c| c.is_ascii_digit()))
                .then(|| place_after(place))
                .flatten()
        };
        return Some((
            line.no,
            times,
            same_line.or_else(next_line).or_else(before_hours),
        ));
    }
    None
}

/// Whether `line` heads a notice block printed after the paragraphs ("Bevis om justering",
/// "Anslagsbevis", "ANSLAG/BEVIS").
pub(crate) fn is_closing_notice_heading(line: &str) -> bool {
    let lower = line.trim().trim_end_matches(':').to_lowercase();
    super::lexicon::CLOSING_NOTICE_HEADINGS.contains(&lower.as_str())
}

/// Whether the notice of justering begins at `lines[i]`: a heading of its own
/// ([`is_closing_notice_heading`]), or a bare "Anslag" (which alone may head a budget's
/// appropriations) over "Protokollet är justerat …" or a posting label.
pub(crate) fn opens_closing_notice(lines: &[&Line], i: usize) -> bool {
    let t = lines[i].trimmed();
    if is_closing_notice_heading(t) {
        return true;
    }
    if !t.trim_end_matches(':').eq_ignore_ascii_case("anslag") {
        return false;
    }
    lines[i + 1..]
        .iter()
        .find(|l| !l.is_blank())
        .is_some_and(|l| {
            let next = l.trimmed();
            let lower = next.to_lowercase();
            lower.starts_with("protokollet är justerat")
                || lower.starts_with("protokollet har justerats")
                || matches!(
                    match_label(next, 0, true),
                    Some((Label::Posted | Label::NoticePeriod, _))
                )
        })
}

/// The notice as sentences tell it, where no label does.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct ProseNotice {
    pub posted: Option<NaiveDate>,
    pub removal: Option<NaiveDate>,
    pub kept_at: Option<String>,
}

/// Reads the notice from sentences: "Justeringen har tillkännagivits på … anslagstavla
/// 2025-06-18. Anslaget tas ned 2025-07-10. Protokollet förvaras på kulturförvaltningen." A
/// sentence saying the notice comes down gives the removal date, one saying it went up (or
/// was made known) the posting date, each the first date in that sentence.
pub(crate) fn prose_notice(text: &str) -> ProseNotice {
    let mut out = ProseNotice::default();
    for sentence in sentences(text) {
        let lower = sentence.to_lowercase();
        // The date must follow the words that say what it is ("Anslaget tas ned 2025-07-10",
        // "… digitala anslagstavla 2025-06-18"): a label left empty beside other labels'
        // dates ("Datum då anslaget tas ned" with no value) tells nothing.
        // The date after one of `words`, and where the word ends. The window is wide enough
        // for "… genom anslag den 6 mars 2025", "… på kommunens webbplats 2025-03-07".
        let dated_after = |words: &[&str]| {
            words.iter().find_map(|w| {
                let at = lower.rfind(w)? + w.len();
                let window: String = lower[at..].chars().take(40).collect();
                dates::parse_date(&window).map(|d| (d, at))
            })
        };
        let date_after = |words: &[&str]| dated_after(words).map(|(d, _)| d);
        if out.removal.is_none() {
            out.removal = date_after(&[
                "tas ned",
                "tas ner",
                "nedtas",
                "tas bort",
                "avpubliceras",
                // the older forms: "Anslaget nedtages den 14 maj 1975"
                "nedtages",
                "tages ned",
                "togs ned",
                "togs ner",
                "nedtogs",
                "togs bort",
            ]);
        }
        // "… anslås på kommunens anslagstavla från den 12 november till den 4 december 2025",
        // "Protokollet anslås under perioden 10 mars–1 april 2025": a period in words, the year
        // printed once, after the words; read first, as its first day has no year of its own
        // and the first whole date after the words is the period's end
        if out.posted.is_none()
            && let Some(at) = ["anslagstavla", "anslås", "anslagits", "genom anslag"]
                .iter()
                .filter_map(|w| lower.find(w))
                .min()
        {
            let window: String = lower[at..].chars().take(90).collect();
            if let Some((first, last)) = dates::written_period(&window) {
                out.posted = Some(first);
                out.removal.get_or_insert(last);
            }
        }
        if out.posted.is_none() {
            let posted = dated_after(&[
                "anslagstavla",
                // "… på Aby kommuns, Broviks kommuns och Ekeby kommuns anslagstavlor under
                // tiden …": a gemensam nämnd's notice on each kommun's board
                "anslagstavlor",
                "tillkännagivits",
                "tillkännagivet",
                "tillkännagiven",
                "tillkännagavs",
                "genom anslag",
                "anslagits",
                "anslogs",
                "anslås",
                "anslaget sattes upp",
                "anslaget sätts upp",
                "publicerades",
                "publiceras",
            ]);
            out.posted = posted.map(|(d, _)| d);
            // "… anslås på anslagstavlan under tiden 2025-09-23 – 2025-10-15": a period, whose
            // end is the day the notice comes down.
            if let Some((_, from)) = posted
                && out.removal.is_none()
            {
                out.removal = period_end(&lower[from..]);
            }
        }
        if out.kept_at.is_none()
            && let Some(at) = lower.find("förvaras ")
        {
            let rest = &lower[at + "förvaras ".len()..];
            // "förvaras på/hos/vid/i X." → X
            let place_in = |tail: &str| -> Option<String> {
                ["på ", "hos ", "vid ", "i "]
                    .iter()
                    .find_map(|p| tail.strip_prefix(p))
                    .map(|p| p.trim().trim_end_matches('.').trim().to_string())
            };
            if let Some(place) = place_in(rest).filter(|p| !p.is_empty() && p.len() < 80) {
                // Back to the printed case: the same bytes of the original sentence.
                let start = sentence.len().saturating_sub(rest.len());
                let printed = sentence.get(start..).and_then(place_in).unwrap_or(place);
                let mut chars = printed.chars();
                out.kept_at = chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect());
            }
        }
    }
    out
}

/// Abbreviations whose dot ends no sentence ("t.o.m. 2024-04-11", "kl. 10.00"), lowercase,
/// without their last dot.
const ABBREVIATIONS: &[&str] = &[
    "t.o.m", "fr.o.m", "f.o.m", "kl", "ca", "resp", "jfr", "bl.a", "t.ex", "s.k", "nr", "dnr",
    "o.d", "p.g.a", "enl", "ang",
];

/// The sentences of a text: each ends at ". " before a capital or a digit, unless the dot is an
/// abbreviation's (a date's dots are never followed by a space).
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, _) in text.match_indices(". ") {
        let next = text[at + 2..].trim_start().chars().next();
        let word = text[start..at]
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("")
            .to_lowercase();
        let abbreviation = ABBREVIATIONS.contains(&word.as_str());
        if next.is_none_or(|c| c.is_uppercase() || c.is_ascii_digit()) && !abbreviation {
            out.push(&text[start..at]);
            start = at + 2;
        }
    }
    out.push(&text[start..]);
    out
}

/// The end of a notice period told in a sentence: the second of two dates joined by a dash,
/// "till", "t.o.m." or "och" ("under tiden 2025-09-23 – 2025-10-15", "från 23 september till
/// 15 oktober 2025" is not read: the first date lacks its year).
fn period_end(lower: &str) -> Option<NaiveDate> {
    let (_, first) = dates::find_date(lower)?;
    let rest = lower[first.end..].trim_start();
    let rest = [
        "--",
        "–",
        "—",
        "-",
        "till och med",
        "t.o.m.",
        "tom",
        "till",
        "och",
    ]
    .iter()
    .find_map(|c| rest.strip_prefix(c))?
    .trim_start();
    let (date, at) = dates::find_date(rest)?;
    (at.start == 0).then_some(date)
}

/// Reads the cover's fields from its entries.
pub(crate) fn read(entries: &[Entry], warnings: &mut Vec<String>) -> Cover {
    let mut c = Cover::default();
    // A date printed beside the justerare's names (see `Label::Justerare`).
    let mut justerare_date = None;
    for e in entries {
        let v = e.value();
        let v = v.trim();
        match e.label {
            Label::List(kind) => {
                // The label's line with its value in several cells (a Word table's
                // "Beslutande ⇥ Anna Berg ⇥ S ⇥ ordf") is one person's line, as each row under
                // it is: its cells are read together, never as lines of their own.
                let mut values: Vec<(usize, String)> = Vec::with_capacity(e.values.len());
                for (no, v) in &e.values {
                    match values.last_mut() {
                        Some((last, text)) if *last == *no && *no == e.line => {
                            text.push(' ');
                            text.push_str(v);
                        }
                        _ => values.push((*no, v.clone())),
                    }
                }
                if !values.is_empty() {
                    c.lists.push((kind, values));
                }
            }
            _ if v.is_empty() => {}
            Label::Organ => {
                if c.organ.is_none() {
                    c.organ = Some(v.to_string());
                }
            }
            Label::Date => {
                if c.meeting_date.is_none() {
                    // A meeting over two days ("17–18 juni 2024") met first on its first day.
                    c.meeting_date = dates::find_first_day(v).map(|(d, _)| d);
                }
                // "Sammanträdesdag   2025-03-03 kl 13.00-15.30": the times beside the date
                if c.start.is_none() {
                    let t = dates::parse_times(v);
                    if t.start.is_some() {
                        c.start = t.start;
                        c.end = t.end;
                    }
                }
            }
            Label::PlaceTime | Label::Place | Label::Time => {
                if matches!(e.label, Label::PlaceTime | Label::Time) && c.start.is_none() {
                    let t = dates::parse_times(v);
                    c.start = t.start;
                    c.end = t.end;
                    if let Some(adj) = t.adjournment {
                        warnings.push(format!(
                            "line {}: adjournment not counted in the meeting's times: {adj}",
                            e.line
                        ));
                        c.adjournment = Some(adj);
                    }
                }
                if matches!(e.label, Label::PlaceTime | Label::Time) && c.meeting_date.is_none() {
                    c.meeting_date = dates::parse_date(v);
                }
                if matches!(e.label, Label::PlaceTime | Label::Place) && c.place.is_none() {
                    let p = dates::strip_dates_and_times(v);
                    if !p.is_empty() {
                        c.place = Some(p);
                        c.place_value = Some(v.to_string());
                    }
                }
                // "Sammanträde   Socialkontoret, rum Gläntan, onsdagen den 9 april 2025 kl.
                // 08:30–11:50": a time's value that opens with a name before its day holds the
                // place too
                if e.label == Label::Time && c.place.is_none() {
                    let p = dates::strip_dates_and_times(v);
                    let opens_value = v.trim_start().starts_with(p.as_str());
                    if opens_value
                        && p.chars().next().is_some_and(char::is_uppercase)
                        && p.chars().filter(|ch| ch.is_alphabetic()).count() >= 4
                        && dates::find_date(v).is_some()
                    {
                        c.place = Some(p);
                        c.place_value = Some(v.to_string());
                    }
                }
            }
            Label::Range => {
                if c.range.is_none() {
                    // "RS §§ 12-14": the body's short name before the §§ is no part of it.
                    let numbers = match v.find("§§") {
                        Some(at) if v[..at].trim().chars().all(|c| c.is_uppercase()) => {
                            &v[at + "§§".len()..]
                        }
                        _ => v,
                    };
                    let numbers = super::people::plain_paragraphs(numbers);
                    // "paragraferna 88–91.", "paragraf 12-14" (as "Protokollet omfattar …" says
                    // it): the sign spelled out, and the sentence's full stop.
                    let numbers = numbers.trim().trim_end_matches('.');
                    let spelled = numbers
                        .get(..8)
                        .filter(|w| w.eq_ignore_ascii_case("paragraf"))
                        .map(|_| numbers[8..].trim_start_matches(char::is_alphabetic));
                    let numbers = spelled.unwrap_or(numbers);
                    match ParagraphRange::parse(numbers.trim().trim_start_matches("§§").trim()) {
                        Ok(r) => {
                            c.range = Some(r);
                            c.range_text = Some((e.line, v.to_string()));
                        }
                        Err(_) => warnings.push(format!(
                            "line {}: paragraph range {v:?} not understood",
                            e.line
                        )),
                    }
                }
            }
            Label::Chair => {
                if c.chair.is_none() {
                    c.chair = first_name(v);
                }
                member_by_role(&mut c, e, v, "ordförande");
            }
            Label::ViceChair => member_by_role(&mut c, e, v, "vice ordförande"),
            Label::Secretary => {
                if c.secretary.is_none() {
                    c.secretary = first_name(v);
                }
            }
            Label::Justerare => {
                // "Ersättare: Per Bengtsson" names who justerar if a justerare cannot; that
                // person is not a justerare of these minutes, but the reader should know.
                for (line, value) in &e.values {
                    let lower = value.trim_start().to_lowercase();
                    if let Some(rest) = lower
                        .strip_prefix("ersättare")
                        .map(|r| r.trim_start_matches([':', ' ']))
                        .filter(|r| !r.is_empty())
                    {
                        // Lowercasing may change byte lengths: slice with `get`, never panic.
                        let start = value.len().saturating_sub(rest.len());
                        let name = value.get(start..).unwrap_or(rest).trim();
                        warnings.push(format!(
                            "line {line}: {name:?} is named as substitute justerare; not listed as a justerare"
                        ));
                    }
                }
                // "Justeras av: Per Ek, 2025-03-17": a date beside the justerare's names is
                // the justering's (taken when no justering label gives one).
                if justerare_date.is_none() {
                    justerare_date = e
                        .values
                        .iter()
                        .find_map(|(_, v)| dates::find_date(v))
                        .map(|(d, _)| d);
                }
                let names = e
                    .values
                    .iter()
                    .flat_map(|(_, v)| super::people::split_names(v));
                for n in names {
                    if !c
                        .justerare
                        .iter()
                        .any(|j| j.to_lowercase() == n.to_lowercase())
                    {
                        c.justerare.push(n);
                    }
                }
            }
            // "Justeringen har tillkännagivits genom anslag." is a sentence, not a label.
            Label::Justering
                if dates::parse_date(v).is_none()
                    && ["har ", "är ", "sker ", "ska ", "skall "]
                        .iter()
                        .any(|verb| v.starts_with(verb)) => {}
            Label::Justering => {
                if c.justering_place.is_none() && c.justering_date.is_none() {
                    c.justering_date = dates::parse_date(v);
                    let p = dates::strip_dates_and_times(v);
                    // "2025-03-06 på kommunkansliet": the place without its preposition.
                    let p = ["på ", "i ", "hos ", "vid "]
                        .iter()
                        .find_map(|pre| p.strip_prefix(pre))
                        .map_or(p.clone(), |rest| {
                            let mut cs = rest.chars();
                            cs.next()
                                .map(|f| f.to_uppercase().chain(cs).collect())
                                .unwrap_or_default()
                        });
                    // "Digital justering, senast 2025-09-05": the words that led to the date
                    // are no part of the place
                    let mut p = p.trim_end_matches([',', ' ']).to_string();
                    for tail in [" senast", " den", " kl.", " kl"] {
                        if let Some(rest) = p.strip_suffix(tail) {
                            p = rest.trim_end_matches([',', ' ']).to_string();
                        }
                    }
                    if !p.is_empty() {
                        c.justering_place = Some(p);
                    }
                }
            }
            Label::Posted => {
                if c.posted.is_none() {
                    c.posted_weak = e.weak;
                    c.posted = match per_board(e) {
                        Some(last) => {
                            warnings.push(format!(
                                "line {}: the notice went up on several notice boards on different days; the last, {last}, is read (the appeal period runs from it)",
                                e.line
                            ));
                            Some(last)
                        }
                        None => {
                            // "Anslagsdatum 2025-11-12 -- 2025-12-04": a period under the
                            // posting label ends the day the notice comes down
                            if c.removal.is_none() && !e.weak {
                                c.removal = period_end(&v.to_lowercase());
                            }
                            dates::parse_date(v)
                        }
                    };
                }
            }
            Label::Removal => {
                if c.removal.is_none() {
                    c.removal = match per_board(e) {
                        Some(last) => {
                            warnings.push(format!(
                                "line {}: the notice comes down from several notice boards on different days; the last, {last}, is read",
                                e.line
                            ));
                            Some(last)
                        }
                        None => dates::parse_date(v),
                    };
                }
            }
            Label::DeputyJusterare | Label::AppealDeadline => {}
            Label::NoticePeriod => {
                // the first date is the day the notice went up, the next the day it comes down
                // ("20 oktober–11 november 2025": the year printed once, at the end)
                if let Some((first, last)) = dates::written_period(v)
                    .filter(|(first, _)| dates::find_date(v).is_none_or(|(d, _)| d != *first))
                    .or_else(|| dates::slash_period(v))
                {
                    c.posted.get_or_insert(first);
                    c.removal.get_or_insert(last);
                } else if let Some((first, at)) = dates::find_date(v) {
                    c.posted.get_or_insert(first);
                    if let Some((second, _)) = dates::find_date(&v[at.end..]) {
                        c.removal.get_or_insert(second);
                    }
                }
            }
            Label::KeptAt => {
                if c.kept_at.is_none() {
                    c.kept_at = Some(v.to_string());
                }
            }
            Label::Group => {}
        }
    }
    // "Per Alm Nina Rydell": two justerare's names under one signature, their gap lost in
    // extraction, are the two already named, never a third person.
    let run_together = |n: &str| {
        let lower = n.to_lowercase();
        c.justerare.iter().any(|a| {
            let a = a.to_lowercase();
            a != lower
                && lower
                    .strip_prefix(a.as_str())
                    .filter(|rest| rest.starts_with(char::is_whitespace))
                    .is_some_and(|rest| {
                        let rest = rest.trim_start();
                        c.justerare.iter().any(|b| b.to_lowercase() == rest)
                    })
        })
    };
    let kept: Vec<String> = c
        .justerare
        .iter()
        .filter(|n| !run_together(n))
        .cloned()
        .collect();
    c.justerare = kept;
    // "Justering   Per Ek, 2025-03-17" (or "Per Ek" / "2025-03-17, Kulturhuset" on the lines
    // under the label): a name before the place is the justerare's, not the place's, when it
    // is a person listed among those present (a place is no one's name).
    if let Some(p) = c.justering_place.clone() {
        let parts: Vec<&str> = p
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        // "Per Ek (M), Kommunkansliet 2025-03-07": the name with its party
        let bare = |part: &str| super::people::strip_party(part).0.trim().to_string();
        let names = parts
            .iter()
            .take_while(|part| named_in_lists(&c.lists, &bare(part)))
            .count();
        if names > 0 {
            for part in &parts[..names] {
                let name = bare(part);
                if !c.justerare.iter().any(|j| j.eq_ignore_ascii_case(&name)) {
                    c.justerare.push(name);
                }
            }
            let rest = parts[names..].join(", ");
            c.justering_place = (!rest.is_empty()).then_some(rest);
        }
    }
    if c.justering_date.is_none() {
        c.justering_date = justerare_date;
    }
    c
}

/// Whether `name` ("Per Ek") is a person's name as a participant list prints it: two to four
/// capitalised words, found in a list's line before a party, a comma or the line's end.
fn named_in_lists(lists: &[(ListKind, Vec<(usize, String)>)], name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let name_like = (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|ch| ch.is_alphabetic() || ch == '-')
        });
    name_like
        && lists.iter().flat_map(|(_, v)| v).any(|(_, line)| {
            line.match_indices(name).any(|(at, _)| {
                let before = line[..at].chars().next_back();
                let after = line[at + name.len()..].trim_start().chars().next();
                before.is_none_or(|b| !b.is_alphabetic())
                    && after.is_none_or(|a| matches!(a, '(' | ',' | ';'))
            })
        })
}

#[cfg(test)]
mod label_phrase_tests {
    use super::*;
    use proptest::prelude::*;

    /// The regex each label's phrases were matched with before [`LabelPhrases`].
    fn label_regexes() -> Vec<Regex> {
        LABELS
            .iter()
            .map(|(phrases, _)| {
                let alts = phrases
                    .0
                    .iter()
                    .map(|p| phrase_pattern(p))
                    .collect::<Vec<_>>()
                    .join("|");
                Regex::new(&format!(r"(?i)^(?:{alts})(?:\s*:\s*|\s+|$)")).unwrap()
            })
            .collect()
    }

    fn same_answers(text: &str, regexes: &[Regex]) {
        for ((phrases, label), re) in LABELS.iter().zip(regexes) {
            assert_eq!(
                phrases.find(text),
                re.find(text).map(|m| m.end()),
                "{label:?} on {text:?}"
            );
        }
    }

    #[test]
    fn every_phrase_in_its_forms_answers_as_the_regex() {
        let regexes = label_regexes();
        for (_, phrases) in COVER_LABELS {
            for p in *phrases {
                let upper = p.to_uppercase();
                let spaced = p.replace(' ', " \t  ");
                let mut chars = p.chars();
                let capital: String = chars
                    .next()
                    .into_iter()
                    .flat_map(char::to_uppercase)
                    .chain(chars)
                    .collect();
                for form in [p.to_string(), upper, spaced, capital] {
                    for tail in [
                        "", ":", " : Lomma", "  Anna", ":Anna", "x", "-", " \u{a0}", "\u{e9}",
                    ] {
                        same_answers(&format!("{form}{tail}"), &regexes);
                    }
                    let half: String = form.chars().take(form.chars().count() / 2).collect();
                    same_answers(&half, &regexes);
                }
            }
        }
    }

    proptest! {
        #[test]
        fn any_text_answers_as_the_regex(
            head in prop::sample::select(COVER_LABELS.iter().flat_map(|(_, ps)| ps.iter().copied()).collect::<Vec<_>>()),
            tail in "[ :\t\u{a0}a-zåäöÅÄÖ§0-9-]{0,8}",
            cut in 0usize..40,
        ) {
            let regexes = label_regexes();
            let text = format!("{head}{tail}");
            same_answers(&text, &regexes);
            let cut = text.char_indices().map(|(i, _)| i).nth(cut).unwrap_or(text.len());
            same_answers(&text[..cut], &regexes);
            same_answers(&text[cut..], &regexes);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines of the cover's lists of one kind, in order.
    fn list_of(c: &Cover, kind: ListKind) -> Vec<String> {
        c.lists
            .iter()
            .filter(|(k, _)| *k == kind)
            .flat_map(|(_, v)| v.iter().map(|(_, t)| t.clone()))
            .collect()
    }

    use crate::parse::text::numbered_lines as ls;

    fn cover(text: &str) -> Cover {
        let l = ls(text);
        let refs: Vec<&Line> = l.iter().collect();
        let mut w = Vec::new();
        read(&entries(&refs), &mut w)
    }

    #[test]
    fn time_and_place_told_as_prose() {
        let read = |text: &str| {
            let l = ls(text);
            let refs: Vec<&Line> = l.iter().collect();
            prose_time_and_place(&refs).map(|(no, t, place)| (no, t.start, t.end, place))
        };
        let hm = |s: &str| Some(s.to_string());
        assert_eq!(
            read(
                "PROTOKOLL\nfört vid sammanträde med nämnden\ntorsdagen den 18 september 2025 kl. 18.00–19.45\ni Spånga medborgarhus, Sigtunagatan 3\n"
            ),
            Some((
                3,
                hm("18:00"),
                hm("19:45"),
                hm("Spånga medborgarhus, Sigtunagatan 3")
            ))
        );
        assert_eq!(
            read("Sammanträde 2024-03-05 kl. 13.00-15.30 i Stadshuset.\n"),
            Some((1, hm("13:00"), hm("15:30"), hm("Stadshuset")))
        );
        // the place before the times, after "i" and before the comma; no end printed
        assert_eq!(
            read(
                "Stadsdelsnämnden i Lövudden   2025-11-18\nSammanträdet hölls i stadsdelshuset, Lövsalen, kl. 18.00–\n"
            ),
            Some((2, hm("18:00"), None, hm("stadsdelshuset, Lövsalen")))
        );
        // the sentence wrapped after "i", or within the place
        assert_eq!(
            read(
                "Sammanträde torsdagen den 6 november 2025 kl. 09.30–12.15 i\nRegionens hus, rummet Ljusnan, Skogsby.\n"
            ),
            Some((
                1,
                hm("09:30"),
                hm("12:15"),
                hm("Regionens hus, rummet Ljusnan, Skogsby")
            ))
        );
        assert_eq!(
            read("Möte den 7/10 2025, kl. 13–15 i Rådhuset\n"),
            Some((1, hm("13:00"), hm("15:00"), hm("Rådhuset")))
        );
        assert_eq!(
            read("Sammanträde 2024-03-05 kl. 13.00-15.30 i kommunal-\nhuset, Storgatan 1.\n"),
            Some((
                1,
                hm("13:00"),
                hm("15:30"),
                hm("kommunalhuset, Storgatan 1")
            ))
        );
        // No date near the times: a time range elsewhere on the cover is not the meeting's.
        assert_eq!(read("Öppet hus kl. 13.00-15.30\n"), None);
        // A labelled time is the label's business.
        assert_eq!(read("Tid: 2024-03-05 kl. 13.00-15.30\n"), None);
    }

    #[test]
    fn a_jav_line_ends_the_list_above_it() {
        let c = cover(
            "Övriga närvarande      Stefan Lund, kommundirektör\n\nJäv                    Anna Lager (C) deltar inte i handläggningen av § 113.\n\nJusterare              Johan Hult\n",
        );
        let others: Vec<String> = c
            .lists
            .iter()
            .filter(|(k, _)| *k == ListKind::Others)
            .flat_map(|(_, v)| v.iter().map(|(_, t)| t.clone()))
            .collect();
        assert_eq!(others, vec!["Stefan Lund, kommundirektör"]);
        assert_eq!(c.justerare, vec!["Johan Hult"]);
    }

    #[test]
    fn short_notice_labels() {
        let c = cover(
            "Anslag\nPublicerat: 2025-03-07\nTas bort: 2025-03-29\nFörvaras: Socialförvaltningen\n",
        );
        assert_eq!(c.posted, NaiveDate::from_ymd_opt(2025, 3, 7));
        assert_eq!(c.removal, NaiveDate::from_ymd_opt(2025, 3, 29));
        assert_eq!(c.kept_at.as_deref(), Some("Socialförvaltningen"));
        let c = cover("Datum för anslag: 2025-03-07\nDatum för nedtagande av anslag: 2025-03-29\n");
        assert_eq!(c.posted, NaiveDate::from_ymd_opt(2025, 3, 7));
        assert_eq!(c.removal, NaiveDate::from_ymd_opt(2025, 3, 29));
    }

    #[test]
    fn a_justerare_named_on_the_justering_line() {
        let c = cover(
            "Beslutande   Greta Holm (S), ordförande\n             Per Ek (M)\n\nJustering    Per Ek, 2025-03-17\n",
        );
        assert_eq!(c.justerare, vec!["Per Ek"]);
        assert_eq!(c.justering_place, None);
        assert_eq!(c.justering_date, NaiveDate::from_ymd_opt(2025, 3, 17));
        // a place is no one's name
        let c = cover("Beslutande   Greta Holm (S)\n\nJustering    Kommunhuset, 2025-03-17\n");
        assert_eq!(c.justering_place.as_deref(), Some("Kommunhuset"));
        // the words that lead to the date are no part of the place
        let c = cover("Justering: Digital justering, senast 2025-09-05\n");
        assert_eq!(c.justering_place.as_deref(), Some("Digital justering"));
        // the name, the date and the place on the lines under the label
        let c = cover(
            "Beslutande   Greta Holm (S), ordförande\n             Per Ek (M)\n\nJustering\n             Per Ek\n             2025-03-17, Kulturhuset\n",
        );
        assert_eq!(c.justerare, vec!["Per Ek"]);
        assert_eq!(c.justering_place.as_deref(), Some("Kulturhuset"));
        assert_eq!(c.justering_date, NaiveDate::from_ymd_opt(2025, 3, 17));
    }

    #[test]
    fn a_date_beside_the_justerares_names_is_the_justerings() {
        let c = cover("Justeras av:   Per Ek, 2025-03-17\n");
        assert_eq!(c.justerare, vec!["Per Ek"]);
        assert_eq!(c.justering_date, NaiveDate::from_ymd_opt(2025, 3, 17));
        // a justering label's own date and place come first, whatever their order
        let c = cover("Justerare:   Per Ek, 2025-03-17\nJustering:   Kommunhuset, 2025-03-18\n");
        assert_eq!(c.justering_place.as_deref(), Some("Kommunhuset"));
        assert_eq!(c.justering_date, NaiveDate::from_ymd_opt(2025, 3, 18));
    }

    #[test]
    fn a_justering_place_after_its_date() {
        let c = cover("Justering: 2025-03-06 på kommunkansliet\n");
        assert_eq!(c.justering_place.as_deref(), Some("Kommunkansliet"));
        assert_eq!(c.justering_date, NaiveDate::from_ymd_opt(2025, 3, 6));
        let c = cover("Justeringens plats och tid: Ingå i Lomma 2025-03-06\n");
        assert_eq!(c.justering_place.as_deref(), Some("Ingå i Lomma"));
    }

    #[test]
    fn justeringen_labels_a_date_but_not_a_sentence() {
        let c = cover("Justeringen             2025-04-28\n");
        assert_eq!(c.justering_date, NaiveDate::from_ymd_opt(2025, 4, 28));
        let c = cover("Justeringen har tillkännagivits genom anslag.\n");
        assert_eq!((c.justering_date, c.justering_place), (None, None));
    }

    #[test]
    fn notice_told_as_sentences() {
        let n = prose_notice(
            "Bevis om justering Protokollet är justerat. Justeringen har tillkännagivits på Göteborgs Stads digitala anslagstavla 2025-06-18. Anslaget tas ned 2025-07-10. Protokollet förvaras på kulturförvaltningen.",
        );
        assert_eq!(
            n,
            ProseNotice {
                posted: NaiveDate::from_ymd_opt(2025, 6, 18),
                removal: NaiveDate::from_ymd_opt(2025, 7, 10),
                kept_at: Some("Kulturförvaltningen".into()),
            }
        );
        assert_eq!(
            prose_notice("Nämnden beslutar att godkänna rapporten."),
            ProseNotice::default()
        );
        let n = prose_notice(
            "Protokollet anslås på kommunens anslagstavla från den 12 november till den 4 december 2025.",
        );
        assert_eq!(
            (n.posted, n.removal),
            (
                NaiveDate::from_ymd_opt(2025, 11, 12),
                NaiveDate::from_ymd_opt(2025, 12, 4)
            )
        );
        // a gemensam nämnd's notice on each kommun's board
        let n = prose_notice(
            "Justeringen har tillkännagivits genom anslag på Aby kommuns och Ekeby kommuns anslagstavlor under tiden 2025-09-24 – 2025-10-16.",
        );
        assert_eq!(
            (n.posted, n.removal),
            (
                NaiveDate::from_ymd_opt(2025, 9, 24),
                NaiveDate::from_ymd_opt(2025, 10, 16)
            )
        );
        let n = prose_notice(
            "Justeringen har tillkännagivits genom anslag den 6 mars 2025. Anslaget tas ned den 28 mars 2025.",
        );
        assert_eq!(n.posted, NaiveDate::from_ymd_opt(2025, 3, 6));
        assert_eq!(n.removal, NaiveDate::from_ymd_opt(2025, 3, 28));
        // One sentence with the period's end after "t.o.m.", whose dot ends no sentence.
        let n = prose_notice(
            "Protokollet har justerats 2024-03-19 och anslagits på förbundets anslagstavla 2024-03-20 t.o.m. 2024-04-11. Protokollet förvaras på kansliet.",
        );
        assert_eq!(n.posted, NaiveDate::from_ymd_opt(2024, 3, 20));
        assert_eq!(n.removal, NaiveDate::from_ymd_opt(2024, 4, 11));
        assert_eq!(n.kept_at.as_deref(), Some("Kansliet"));
        let n = prose_notice(
            "Protokollet justerades 2025-03-06 och har anslagits på kommunens webbplats 2025-03-07 – 2025-03-29.",
        );
        assert_eq!(n.posted, NaiveDate::from_ymd_opt(2025, 3, 7));
        assert_eq!(n.removal, NaiveDate::from_ymd_opt(2025, 3, 29));
        // A period: both dates in one sentence.
        let n = prose_notice(
            "Protokollet anslås på kommunens digitala anslagstavla under tiden 2025-09-23 – 2025-10-15.",
        );
        assert_eq!(n.posted, NaiveDate::from_ymd_opt(2025, 9, 23));
        assert_eq!(n.removal, NaiveDate::from_ymd_opt(2025, 10, 15));
        // The sentence run together with the cover line before it (no full stop between).
        let n = prose_notice(
            "Justeringsdatum: 2025-09-22 Protokollet anslås på anslagstavlan under tiden 2025-09-23 – 2025-10-15.",
        );
        assert_eq!(n.posted, NaiveDate::from_ymd_opt(2025, 9, 23));
        assert_eq!(n.removal, NaiveDate::from_ymd_opt(2025, 10, 15));
        // Two dates that are no period (the posting day and a meeting day) give no removal.
        let n = prose_notice(
            "Justeringen har tillkännagivits på anslagstavla 2025-09-23 efter sammanträdet 2025-09-17.",
        );
        assert_eq!(n.removal, None);
        // Labels left empty beside another label's date (a rendered ANSLAG/BEVIS block).
        assert_eq!(
            prose_notice(
                "Organ Direktionen Sammanträdesdatum 2025-05-21 Datum då anslaget sätts upp Datum då anslaget tas ned Förvaringsplats för protokollet Itsam"
            ),
            ProseNotice::default()
        );
        let lines = ls("Anslag\nProtokollet är justerat.\nAnslag\nRegionen anslår 4 miljoner.");
        let refs: Vec<&Line> = lines.iter().collect();
        assert!(opens_closing_notice(&refs, 0));
        // "Anslag" over a budget's text is an appropriation's heading
        assert!(!opens_closing_notice(&refs, 2));
        assert!(is_closing_notice_heading("Bevis om justering"));
        assert!(is_closing_notice_heading("ANSLAG/BEVIS"));
        assert!(!is_closing_notice_heading(
            "Bevis om justering finns i bilaga 2"
        ));
    }

    #[test]
    fn values_printed_apart_from_their_labels() {
        let c = cover(
            "Plats:\nTid:\n\n                                    Lomma kommun, Strandskolans matsal\n\n                                    2024-05-14, klockan 18:30-20:00\n\nUtses att justera:                  Karl-Gustav Nilsson och Martin Uncyk\n                                    Ersättare: Per Bengtsson\nJustering:\nParagraf:                           Digital justering, 2024-10-01\n\n                                    §103-§112\n",
        );
        assert_eq!(
            c.place.as_deref(),
            Some("Lomma kommun, Strandskolans matsal")
        );
        assert_eq!(c.start.as_deref(), Some("18:30"));
        assert_eq!(c.end.as_deref(), Some("20:00"));
        assert_eq!(c.meeting_date, NaiveDate::from_ymd_opt(2024, 5, 14));
        assert_eq!(c.justerare, vec!["Karl-Gustav Nilsson", "Martin Uncyk"]);
        assert_eq!(c.justering_place.as_deref(), Some("Digital justering"));
        assert_eq!(c.justering_date, NaiveDate::from_ymd_opt(2024, 10, 1));
        assert_eq!(
            c.range,
            Some(ParagraphRange {
                first: 103,
                last: 112
            })
        );
    }

    #[test]
    fn table_cells() {
        let c = cover(
            "Plats och tid\tTeknikringen 9, Linköping, Lokal: Leonardo kl. 13:00 – 14:45\t\t\nJusterare\tThomas Lidberg\t\t\nJusteringens plats och tid\tDigitalt\t\t\nUnderskrifter\tSekreterare\tJoakim Karlsson\tParagrafer §§ 1-9\n\tOrdförande\tJacob Käll\t\nDatum då anslaget sätts upp\t2024-03-11\tDatum då anslaget tas ned\t2024-04-02\nFörvaringsplats för protokollet\tItsam\t\t",
        );
        assert_eq!(
            c.place.as_deref(),
            Some("Teknikringen 9, Linköping, Lokal: Leonardo")
        );
        assert_eq!(
            (c.start.as_deref(), c.end.as_deref()),
            (Some("13:00"), Some("14:45"))
        );
        assert_eq!(c.justerare, vec!["Thomas Lidberg"]);
        assert_eq!(c.justering_place.as_deref(), Some("Digitalt"));
        assert_eq!(c.secretary.as_deref(), Some("Joakim Karlsson"));
        assert_eq!(c.chair.as_deref(), Some("Jacob Käll"));
        assert_eq!(c.range, Some(ParagraphRange { first: 1, last: 9 }));
        assert_eq!(c.posted, NaiveDate::from_ymd_opt(2024, 3, 11));
        assert_eq!(c.removal, NaiveDate::from_ymd_opt(2024, 4, 2));
        assert_eq!(c.kept_at.as_deref(), Some("Itsam"));
    }

    #[test]
    fn a_role_opening_the_value_of_a_members_label() {
        let c = cover(
            "Beslutande:      Ordförande Anna Berg (S)\n                  Olle Ek (M)\nNärvarande ers.  Eva Lo (S)\nTjänstgörande ers.  Per Ny (L) för Bo Ek (L)\n",
        );
        let list = |kind: ListKind| list_of(&c, kind);
        assert_eq!(
            list(ListKind::Members),
            vec!["Ordförande Anna Berg (S)", "Olle Ek (M)"]
        );
        assert_eq!(list(ListKind::Substitutes), vec!["Eva Lo (S)"]);
        assert_eq!(
            list(ListKind::ServingSubstitutes),
            vec!["Per Ny (L) för Bo Ek (L)"]
        );
    }

    #[test]
    fn short_labels() {
        let c = cover(
            "Mötestid: kl 13-15.30\nNärvarande: Anna Berg (S), ordf; Olle Ek (M)\nNärvarande tjänstemän: Rut Ahl, socialchef\nJusteras av: Olle Ek\nJusteringen äger rum: Kommunhuset 2025-03-07 kl. 10.00\n",
        );
        assert_eq!(
            (c.start.as_deref(), c.end.as_deref()),
            (Some("13:00"), Some("15:30"))
        );
        assert_eq!(c.justerare, vec!["Olle Ek"]);
        assert_eq!(c.justering_place.as_deref(), Some("Kommunhuset"));
        assert_eq!(c.justering_date, NaiveDate::from_ymd_opt(2025, 3, 7));
        let kinds: Vec<ListKind> = c.lists.iter().map(|(k, _)| *k).collect();
        // "Närvarande tjänstemän" is no list of members.
        assert_eq!(kinds, vec![ListKind::Members, ListKind::Others]);
    }

    #[test]
    fn roles_in_a_column_before_the_names_under_a_list_label() {
        let c = cover(
            "Beslutande ledamöter:\n   Ordförande          Lars Vik (C)\n   1:e vice ordf.      Sara Holm (S)\n   Ledamot             Ann Berg (KD)\n   Tjg ersättare       Olle Strand (L) för Mia Lund (M)\n\nErsättare (ej tjg):   Nils Kron (S)\n\nOrdförande:           Lars Vik\n",
        );
        assert_eq!(
            list_of(&c, ListKind::Members),
            vec![
                "Lars Vik (C), ordförande",
                "Sara Holm (S), 1:e vice ordf.",
                "Ann Berg (KD)",
                "Olle Strand (L) för Mia Lund (M)"
            ]
        );
        assert_eq!(list_of(&c, ListKind::Substitutes), vec!["Nils Kron (S)"]);
    }

    #[test]
    fn a_label_whose_way_of_taking_part_wraps_onto_the_next_line() {
        // "Närvarande ledamöter per" / "telefon:": the label waits for the rest of its way of
        // taking part, no value "per" or "telefon:" in the list
        let c = cover(
            "Närvarande ledamöter per\ntelefon:                 Anna Rolf (S), ordförande\n                         Jens Åberg (M)\n\nNärvarande ersättare via\nlänk:                    Ove Bäck (S)\n",
        );
        assert_eq!(
            list_of(&c, ListKind::Members),
            vec!["Anna Rolf (S), ordförande", "Jens Åberg (M)"]
        );
        assert_eq!(list_of(&c, ListKind::Substitutes), vec!["Ove Bäck (S)"]);
        // a name after the label is its value ("Per" capitalised)
        let c = cover("Närvarande ledamöter Per Ek (S)\n");
        assert_eq!(list_of(&c, ListKind::Members), vec!["Per Ek (S)"]);
        assert!(opens_remote_qualifier("per") && opens_remote_qualifier("deltar via"));
        assert!(!opens_remote_qualifier("Per") && !opens_remote_qualifier("per telefon"));
    }

    #[test]
    fn members_named_under_their_roles() {
        let c = cover(
            "Ordförande: Linnea Berg (S)\nFörste vice ordförande: Marcus Ek (MP)\nÖvriga ledamöter: Ali Demir (S), Greta Wik (V)\n\nUnderskrifter\nOrdförande     Linnea Berg\n",
        );
        assert_eq!(c.chair.as_deref(), Some("Linnea Berg"));
        let members: Vec<String> = c
            .lists
            .iter()
            .filter(|(k, _)| *k == ListKind::Members)
            .flat_map(|(_, v)| v.iter().map(|(_, t)| t.clone()))
            .collect();
        // The signature block's "Ordförande" (no party) adds no one.
        assert_eq!(
            members,
            vec![
                "Linnea Berg (S), ordförande",
                "Marcus Ek (MP), vice ordförande",
                "Ali Demir (S), Greta Wik (V)"
            ]
        );
    }

    #[test]
    fn signatures_as_name_and_role() {
        let c = cover(
            "Justerare: Marcus Ek\n\nUnderskrifter:\nLinnea Berg, ordförande\nMarcus Ek, justerare\nEva Mård, sekreterare\n",
        );
        assert_eq!(c.chair.as_deref(), Some("Linnea Berg"));
        assert_eq!(c.secretary.as_deref(), Some("Eva Mård"));
        assert_eq!(c.justerare, vec!["Marcus Ek"]);
        // Outside a signature block, or with more than a name before the role, no signature.
        assert_eq!(signature_by_role("Per Granlund, direktör"), None);
        assert_eq!(
            signature_by_role("Rapporten från 2024 har granskats av ordförande, sekreterare"),
            None
        );
    }

    /// Signatures side by side, each role beside its dotted line, the names on the line under
    /// them; and labels with their translation after a slash.
    #[test]
    fn signatures_in_one_row_and_translated_labels() {
        let c = cover(
            "Plats och tid / Paikka ja aika      Stadshuset, kl. 09.00-11.30\n\
             Justerare / Tarkastaja              Liisa Niemi\n\n\
             Underskrifter    Sekreterare ..........   Ordförande ..........   Justerare ..........\n\
             \x20                Anders Kivi              Aino Kallio              Liisa Niemi\n",
        );
        assert_eq!(c.start.as_deref(), Some("09:00"));
        assert_eq!(c.place.as_deref(), Some("Stadshuset"));
        assert_eq!(c.secretary.as_deref(), Some("Anders Kivi"));
        assert_eq!(c.chair.as_deref(), Some("Aino Kallio"));
        assert_eq!(c.justerare, vec!["Liisa Niemi"]);
        assert!(is_translation("/ Paikka ja aika"));
        assert!(!is_translation("/ 2024"));
        assert!(!is_translation("Anna Berg"));
    }

    #[test]
    fn a_serving_substitutes_table_beside_its_label_is_read_row_by_row() {
        // the headings on the label's row, between tabs (Word's text)
        let c = cover(
            "Beslutande\tAnna Berg (S), ordförande\n\tPer Ek (M)\nTjänstgörande ersättare\tNamn\tErsätter\tParagraf\n\tEva Lund (M)\tBo Ahl (M)\t§§ 8–14\n\tKim Ros (S)\tLars Alm (S)\t§§ 8–11\nErsättare\tIda Sjö (V)\n",
        );
        assert_eq!(
            list_of(&c, ListKind::ServingSubstitutes),
            vec![
                "Eva Lund (M), tjänstgörande ersättare för Bo Ahl (M) §§ 8–14",
                "Kim Ros (S), tjänstgörande ersättare för Lars Alm (S) §§ 8–11"
            ]
        );
        assert_eq!(list_of(&c, ListKind::Substitutes), vec!["Ida Sjö (V)"]);
        // the label wrapped under the headings, the columns in another order ('-layout' text)
        let c = cover(
            "Tjänstgörande            Namn                §§        Ersätter\nersättare                Lena Ask (S)        14–16     Kjell Ros (S)\n                         Amir Haddad (V)     17–19     Stina Berg (V)\n\nEj tjänstgörande         Hugo Lindh (KD)\nersättare\n",
        );
        assert_eq!(
            list_of(&c, ListKind::ServingSubstitutes),
            vec![
                "Lena Ask (S), tjänstgörande ersättare för Kjell Ros (S) §§ 14–16",
                "Amir Haddad (V), tjänstgörande ersättare för Stina Berg (V) §§ 17–19"
            ]
        );
    }

    #[test]
    fn two_lists_side_by_side() {
        let c = cover(
            "Beslutande ledamöter                      Ersättare\nMaria Sand (S), ordförande                Kent Dahl (S)\nJohan Hult (M)                            Fredrik Nor (KD)\nAnna Lager (C)\n\nJusterare              Johan Hult\nErsättare för justerare  Anna Lager\n",
        );
        let list = |kind: ListKind| list_of(&c, kind);
        assert_eq!(
            list(ListKind::Members),
            vec![
                "Maria Sand (S), ordförande",
                "Johan Hult (M)",
                "Anna Lager (C)"
            ]
        );
        assert_eq!(
            list(ListKind::Substitutes),
            vec!["Kent Dahl (S)", "Fredrik Nor (KD)"]
        );
        assert_eq!(c.justerare, vec!["Johan Hult"]);
    }

    #[test]
    fn sub_headings_in_the_value_column_are_no_second_column() {
        // "Ledamöter", "Ersättare" in the value column of "Beslutande" / "Övriga närvarande":
        // the labels below them keep their own values.
        let c = cover(
            "Beslutande                 Ledamöter\n                           Karin Ahl (S), ordförande\n                           Tjänstgörande ersättare\n                           Rune Åker (SD) för Sune Dal (SD)\n\nÖvriga närvarande          Ersättare\n                           Lina Fors (S)\n\nUtses att justera          Olof Sand\n\nJusteringens plats och tid Kommunhuset 2025-03-14\n",
        );
        assert_eq!(c.justerare, vec!["Olof Sand"]);
        assert_eq!(c.justering_date, NaiveDate::from_ymd_opt(2025, 3, 14));
        let list = |kind: ListKind| list_of(&c, kind);
        assert_eq!(
            list(ListKind::ServingSubstitutes),
            vec!["Rune Åker (SD) för Sune Dal (SD)"]
        );
        assert_eq!(list(ListKind::Substitutes), vec!["Lina Fors (S)"]);
        // A real second column (left values at the margin) is still split.
        let c = cover(
            "Tid och plats                         Beslutande\nStadshuset kl. 16.00-17.10            Ledamöter\n                                      Åsa Wik (S), ordförande\nJusterare                             Ersättare\nGun Ros                               Dan Ström (L)\n",
        );
        assert_eq!(c.justerare, vec!["Gun Ros"]);
        assert_eq!(c.start.as_deref(), Some("16:00"));
    }

    #[test]
    fn every_row_of_lists_side_by_side_in_a_pdfs_cells_is_split() {
        let c = cover(
            "Beslutande\tErsättare\nLars Wiik (S), ordförande\tHanna Kron (S)\nAgneta Rhen (S)\n\nÖvriga närvarande\tJusterare\nKarin Ljung, kommundirektör\tRami Haddad (S)\nFrida Ahlström, sekreterare\n",
        );
        assert_eq!(c.justerare, vec!["Rami Haddad"]);
        assert_eq!(list_of(&c, ListKind::Substitutes), vec!["Hanna Kron (S)"]);
    }

    #[test]
    fn labels_wrapped_under_their_values_in_a_pdfs_rows() {
        let c = cover(
            "Datum då anslaget\t2025-10-01\nsätts upp\nDatum då anslaget\t2025-10-23\ntas ned\nFörvaringsplats\tSocialkontoret\nför protokollet\n",
        );
        assert_eq!(c.posted, NaiveDate::from_ymd_opt(2025, 10, 1));
        assert_eq!(c.removal, NaiveDate::from_ymd_opt(2025, 10, 23));
        assert_eq!(c.kept_at.as_deref(), Some("Socialkontoret"));
        let c = cover(
            "Datum för anslags\t1999-03-23\tDatum för anslags\t1999-04-14\nuppsättande\tnedtagande\n",
        );
        assert_eq!(c.posted, NaiveDate::from_ymd_opt(1999, 3, 23));
        assert_eq!(c.removal, NaiveDate::from_ymd_opt(1999, 4, 14));
        // a value's next line is no label's end
        let c = cover("Plats och tid\tStadshuset\nkl. 13:00-15:40\n");
        assert_eq!(c.place.as_deref(), Some("Stadshuset"));
    }

    #[test]
    fn labels_wrapped_over_two_lines_with_values_between() {
        let c = cover(
            "Datum för                  2024-06-19 Datum  för                2024-07-11\nanslags uppsättande                   anslags nedtagande\nFörvaringsplats            Kontoret\nför protokollet\n",
        );
        assert_eq!(c.posted, NaiveDate::from_ymd_opt(2024, 6, 19));
        assert_eq!(c.removal, NaiveDate::from_ymd_opt(2024, 7, 11));
        assert_eq!(c.kept_at.as_deref(), Some("Kontoret"));
        let c = cover(
            "Plats och tid             Salen                    Paragrafer      §§12-14\n                          kl. 13:00-15:40\n",
        );
        assert_eq!(c.place.as_deref(), Some("Salen"));
        assert_eq!(
            (c.start.as_deref(), c.end.as_deref()),
            (Some("13:00"), Some("15:40"))
        );
    }
}
