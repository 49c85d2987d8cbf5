//! The review of an imported protocol: which fields of a reading a person may correct or
//! confirm, their values as a person reads them, and the rule that applies a correction.
//!
//! A field is named by its path in the `kansli parse` contract (`chair`, `notice.posted`,
//! `items.12.title` …) and found shaky through the reading's `confidence` map (below
//! [`REVIEW_THRESHOLD`]). A correction changes the reading and sets the field's confidence to
//! 1 ("bekräftat av människa"); a confirmation sets it to 1 and changes nothing else. Both are
//! pure functions of the reading, so the store applies them the same way when a correction is
//! made and when it is applied again to a new reading of the same meeting.

use chrono::{NaiveDate, NaiveTime};

use crate::CoreError;
use crate::protocol::{ParsedProtocol, Participant, ParticipantCategory};
use crate::text::fold;

/// Below this confidence a field is listed for review (the parser gives 1 to a value read
/// from its label, less to one guessed or read with a warning, 0 to one not read).
pub const REVIEW_THRESHOLD: f32 = 0.9;

/// The longest value one field takes (characters), and the most names one list holds: bounds
/// on what a correction may store.
pub const MAX_VALUE_CHARS: usize = 1000;
/// See [`MAX_VALUE_CHARS`].
pub const MAX_LIST_LEN: usize = 200;

/// A field of a reading that a person reviews.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReviewField {
    /// `authority`: the authority as the text names it (confirm only: the meeting is filed
    /// under another authority by moving it).
    Authority,
    /// `body` (confirm only; moving the meeting files it under another body).
    Body,
    /// `meeting_date` (confirm only: the date is part of the meeting's address).
    MeetingDate,
    /// `place`: where the meeting was held.
    Place,
    /// `start_time` (`HH:MM`).
    StartTime,
    /// `end_time` (`HH:MM`).
    EndTime,
    /// `chair`: ordförande.
    Chair,
    /// `secretary`: sekreterare.
    Secretary,
    /// `justerare`: the list of justerare.
    Justerare,
    /// `justering.place`.
    JusteringPlace,
    /// `justering.date`.
    JusteringDate,
    /// `notice.posted`: the day the anslag went up (sätts upp).
    NoticePosted,
    /// `notice.removal`: the day it comes down (tas ned).
    NoticeRemoval,
    /// `beslutande`: the members who took part in decisions.
    Beslutande,
    /// `ersattare`: substitutes present but not serving (ej tjänstgörande ersättare).
    Ersattare,
    /// `items.N.title`: the title of § N.
    ItemTitle(u32),
    /// `items.title`: every paragraph title at once (confirm only).
    ItemTitles,
}

/// How a field's value is written in a correction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text; empty clears it.
    Text,
    /// A day, `YYYY-MM-DD`; empty clears it.
    Date,
    /// A time, `HH:MM`; empty clears it.
    Time,
    /// Names, one per line (`Namn Efternamn (S)` for participants).
    List,
    /// Not corrected here, only confirmed.
    ConfirmOnly,
}

impl ReviewField {
    /// The fields the review page shows, in the order of a protocol's cover (paragraph titles
    /// follow, one per paragraph).
    pub const HEADER: [ReviewField; 16] = [
        ReviewField::Authority,
        ReviewField::Body,
        ReviewField::MeetingDate,
        ReviewField::Place,
        ReviewField::StartTime,
        ReviewField::EndTime,
        ReviewField::Chair,
        ReviewField::Secretary,
        ReviewField::Justerare,
        ReviewField::JusteringPlace,
        ReviewField::JusteringDate,
        ReviewField::NoticePosted,
        ReviewField::NoticeRemoval,
        ReviewField::Beslutande,
        ReviewField::Ersattare,
        ReviewField::ItemTitles,
    ];

    /// Reads a field's path (`chair`, `notice.posted`, `items.12.title`).
    ///
    /// # Errors
    /// [`CoreError::InvalidField`] naming the path for anything else.
    pub fn parse(path: &str) -> Result<ReviewField, CoreError> {
        let path = path.trim();
        if let Some(rest) = path.strip_prefix("items.")
            && let Some(n) = rest.strip_suffix(".title")
        {
            return n
                .parse::<u32>()
                .map(ReviewField::ItemTitle)
                .map_err(|_| invalid(path, "not a paragraph number (items.N.title)"));
        }
        Ok(match path {
            "authority" => ReviewField::Authority,
            "body" => ReviewField::Body,
            "meeting_date" => ReviewField::MeetingDate,
            "place" => ReviewField::Place,
            "start_time" => ReviewField::StartTime,
            "end_time" => ReviewField::EndTime,
            "chair" => ReviewField::Chair,
            "secretary" => ReviewField::Secretary,
            "justerare" => ReviewField::Justerare,
            "justering.place" => ReviewField::JusteringPlace,
            "justering.date" => ReviewField::JusteringDate,
            "notice.posted" => ReviewField::NoticePosted,
            "notice.removal" => ReviewField::NoticeRemoval,
            "beslutande" => ReviewField::Beslutande,
            "ersattare" => ReviewField::Ersattare,
            "items.title" => ReviewField::ItemTitles,
            _ => return Err(invalid(path, "not a field of the review")),
        })
    }

    /// The field's path, as [`ReviewField::parse`] reads it.
    pub fn path(&self) -> String {
        match self {
            ReviewField::ItemTitle(n) => format!("items.{n}.title"),
            other => other.static_path().to_string(),
        }
    }

    fn static_path(&self) -> &'static str {
        match self {
            ReviewField::Authority => "authority",
            ReviewField::Body => "body",
            ReviewField::MeetingDate => "meeting_date",
            ReviewField::Place => "place",
            ReviewField::StartTime => "start_time",
            ReviewField::EndTime => "end_time",
            ReviewField::Chair => "chair",
            ReviewField::Secretary => "secretary",
            ReviewField::Justerare => "justerare",
            ReviewField::JusteringPlace => "justering.place",
            ReviewField::JusteringDate => "justering.date",
            ReviewField::NoticePosted => "notice.posted",
            ReviewField::NoticeRemoval => "notice.removal",
            ReviewField::Beslutande => "beslutande",
            ReviewField::Ersattare => "ersattare",
            ReviewField::ItemTitles => "items.title",
            ReviewField::ItemTitle(_) => "items.title",
        }
    }

    /// The Swedish label the review page shows.
    pub fn label(&self) -> String {
        match self {
            ReviewField::Authority => "Myndighet".into(),
            ReviewField::Body => "Organ".into(),
            ReviewField::MeetingDate => "Sammanträdesdag".into(),
            ReviewField::Place => "Plats".into(),
            ReviewField::StartTime => "Tid, början".into(),
            ReviewField::EndTime => "Tid, slut".into(),
            ReviewField::Chair => "Ordförande".into(),
            ReviewField::Secretary => "Sekreterare".into(),
            ReviewField::Justerare => "Justerare".into(),
            ReviewField::JusteringPlace => "Justeringens plats".into(),
            ReviewField::JusteringDate => "Justeringsdag".into(),
            ReviewField::NoticePosted => "Anslaget sätts upp".into(),
            ReviewField::NoticeRemoval => "Anslaget tas ned".into(),
            ReviewField::Beslutande => "Beslutande".into(),
            ReviewField::Ersattare => "Ersättare (ej tjänstgörande)".into(),
            ReviewField::ItemTitle(n) => format!("§ {n}, rubrik"),
            ReviewField::ItemTitles => "Paragrafernas rubriker".into(),
        }
    }

    /// How a correction writes the value.
    pub fn kind(&self) -> FieldKind {
        match self {
            ReviewField::Authority
            | ReviewField::Body
            | ReviewField::MeetingDate
            | ReviewField::ItemTitles => FieldKind::ConfirmOnly,
            ReviewField::Place
            | ReviewField::Chair
            | ReviewField::Secretary
            | ReviewField::JusteringPlace
            | ReviewField::ItemTitle(_) => FieldKind::Text,
            ReviewField::StartTime | ReviewField::EndTime => FieldKind::Time,
            ReviewField::JusteringDate | ReviewField::NoticePosted | ReviewField::NoticeRemoval => {
                FieldKind::Date
            }
            ReviewField::Justerare | ReviewField::Beslutande | ReviewField::Ersattare => {
                FieldKind::List
            }
        }
    }

    /// The key of the reading's `confidence` map this field is judged by (the parser's keys;
    /// `items.N.title`, a key of its own, once a person has corrected that title).
    pub fn confidence_key(&self) -> String {
        match self {
            ReviewField::JusteringPlace | ReviewField::JusteringDate => "justering".into(),
            ReviewField::Beslutande | ReviewField::Ersattare => "participants".into(),
            other => other.path(),
        }
    }

    /// The field's confidence in `p` (0–1); `None` when the parser gave none (recorded
    /// minutes, or a reading from before the map existed).
    pub fn confidence(&self, p: &ParsedProtocol) -> Option<f32> {
        if let ReviewField::ItemTitle(n) = self {
            if let Some(c) = p.confidence.get(&self.path()) {
                return Some(*c);
            }
            let item = p.items.iter().find(|i| i.paragraph == *n)?;
            if item.title.trim().is_empty() {
                return Some(0.0);
            }
            return p.confidence.get("items.title").copied();
        }
        p.confidence.get(&self.confidence_key()).copied()
    }

    /// Whether the field needs a person's eyes: nobody has corrected or confirmed it
    /// (`confirmed`, from the store's corrections), and its confidence is below
    /// [`REVIEW_THRESHOLD`] or the parser warned about it.
    pub fn is_shaky(&self, p: &ParsedProtocol, confirmed: bool) -> bool {
        self.is_shaky_among(p, confirmed, &WarningConcerns::of(p))
    }

    /// [`ReviewField::is_shaky`] with the reading's [`WarningConcerns`] already found (for
    /// asking many fields of one reading).
    pub fn is_shaky_among(
        &self,
        p: &ParsedProtocol,
        confirmed: bool,
        concerns: &WarningConcerns,
    ) -> bool {
        if confirmed {
            return false;
        }
        self.confidence(p).is_some_and(|c| c < REVIEW_THRESHOLD)
            || !self.warnings_among(p, concerns).is_empty()
    }

    /// The parser's warnings about this field: by their template's fields
    /// ([`crate::warnings::concerns`]), and for a warning no template knows (an older
    /// reading's wording) by the words the parser used to write for each field.
    pub fn warnings<'a>(&self, p: &'a ParsedProtocol) -> Vec<&'a str> {
        self.warnings_among(p, &WarningConcerns::of(p))
    }

    /// [`ReviewField::warnings`] with the reading's [`WarningConcerns`] already found (for
    /// asking many fields of one reading).
    pub fn warnings_among<'a>(
        &self,
        p: &'a ParsedProtocol,
        concerns: &WarningConcerns,
    ) -> Vec<&'a str> {
        let concerns = &concerns.0;
        let path = self.path();
        let by_template = |w: &str, fields: &[&str]| {
            if fields.contains(&"$0") {
                return w
                    .strip_prefix(path.as_str())
                    .is_some_and(|rest| rest.starts_with(':'));
            }
            match self {
                ReviewField::ItemTitle(n) => {
                    fields.contains(&"items.title") && mentions_paragraph(w, *n)
                }
                _ => fields.contains(&self.static_path()),
            }
        };
        let by_words = if concerns.iter().any(Option::is_none) {
            self.warnings_by_words(p)
        } else {
            Vec::new()
        };
        p.warnings
            .iter()
            .zip(concerns)
            .filter(|(w, concerns)| match concerns {
                Some(fields) => by_template(w, fields),
                None => by_words.contains(&w.as_str()),
            })
            .map(|(w, _)| w.as_str())
            .collect()
    }

    /// The warnings that name this field in the words the parser writes for it.
    fn warnings_by_words<'a>(&self, p: &'a ParsedProtocol) -> Vec<&'a str> {
        let words: &[&str] = match self {
            ReviewField::Authority => &["authority", "myndighet"],
            ReviewField::Body => &["the body"],
            ReviewField::MeetingDate => &["meeting date"],
            ReviewField::Place => &["meeting place"],
            ReviewField::StartTime | ReviewField::EndTime => &["meeting time"],
            ReviewField::Chair => &["chair", "ordförande"],
            ReviewField::Secretary => &["secretary", "sekreterare"],
            ReviewField::Justerare => &["justerare"],
            ReviewField::JusteringPlace | ReviewField::JusteringDate => &["of justering"],
            ReviewField::NoticePosted | ReviewField::NoticeRemoval => {
                &["notice", "anslag", "posted", "removal"]
            }
            ReviewField::Beslutande | ReviewField::Ersattare => &[
                "participant",
                "beslutande",
                "ersättare",
                "attendance",
                "deltagare",
                "substitute",
            ],
            ReviewField::ItemTitle(_) | ReviewField::ItemTitles => &[],
        };
        p.warnings
            .iter()
            .filter(|w| {
                let lower = w.to_lowercase();
                match self {
                    ReviewField::ItemTitle(n) => mentions_paragraph(&lower, *n),
                    ReviewField::ItemTitles => lower.contains("has no title"),
                    _ => words.iter().any(|word| lower.contains(word)),
                }
            })
            .map(String::as_str)
            .collect()
    }

    /// The field's value in `p` as a person reads it: one line, or one line per name.
    pub fn value(&self, p: &ParsedProtocol) -> Vec<String> {
        let one = |v: &Option<String>| v.iter().cloned().collect::<Vec<_>>();
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).into_iter().collect();
        match self {
            ReviewField::Authority => one(&p.authority),
            ReviewField::Body => vec![p.body.clone()],
            ReviewField::MeetingDate => vec![p.meeting_date.to_string()],
            ReviewField::Place => one(&p.place),
            ReviewField::StartTime => one(&p.start_time),
            ReviewField::EndTime => one(&p.end_time),
            ReviewField::Chair => one(&p.chair),
            ReviewField::Secretary => one(&p.secretary),
            ReviewField::Justerare => p.justerare.clone(),
            ReviewField::JusteringPlace => one(&p.justering.place),
            ReviewField::JusteringDate => day(p.justering.date),
            ReviewField::NoticePosted => day(p.notice.posted),
            ReviewField::NoticeRemoval => day(p.notice.removal),
            ReviewField::Beslutande => participants(p, ParticipantCategory::Beslutande),
            ReviewField::Ersattare => participants(p, ParticipantCategory::Ersattare),
            ReviewField::ItemTitle(n) => p
                .items
                .iter()
                .find(|i| i.paragraph == *n)
                .map(|i| vec![i.title.clone()])
                .unwrap_or_default(),
            ReviewField::ItemTitles => p
                .items
                .iter()
                .map(|i| format!("§ {} {}", i.paragraph, i.title))
                .collect(),
        }
    }

    /// Checks a value typed by a person (lists: one name per line) and returns it in the form
    /// [`ReviewField::value`] gives: trimmed, times as `HH:MM`, dates as `YYYY-MM-DD`.
    ///
    /// # Errors
    /// [`CoreError::InvalidField`] naming the field: a confirm-only field, a bad date or time,
    /// an empty title, a value or list over the bounds, control characters.
    pub fn check(&self, p: &ParsedProtocol, lines: &[String]) -> Result<Vec<String>, CoreError> {
        let path = self.path();
        let lines: Vec<String> = lines
            .iter()
            .flat_map(|l| l.lines())
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        for l in &lines {
            if l.chars().count() > MAX_VALUE_CHARS {
                return Err(invalid(
                    &path,
                    &format!("longer than {MAX_VALUE_CHARS} characters"),
                ));
            }
            if l.chars().any(char::is_control) {
                return Err(invalid(&path, "contains control characters"));
            }
        }
        let single = |lines: Vec<String>| -> Result<Vec<String>, CoreError> {
            if lines.len() > 1 {
                Err(invalid(&path, "takes one line"))
            } else {
                Ok(lines)
            }
        };
        match self.kind() {
            FieldKind::ConfirmOnly => Err(invalid(&path, confirm_only_reason(self))),
            FieldKind::Text => {
                let lines = single(lines)?;
                if let ReviewField::ItemTitle(n) = self {
                    if !p.items.iter().any(|i| i.paragraph == *n) {
                        return Err(invalid(&path, &format!("the minutes have no § {n}")));
                    }
                    if lines.is_empty() {
                        return Err(invalid(&path, "a paragraph's title cannot be empty"));
                    }
                }
                Ok(lines)
            }
            FieldKind::Date => single(lines)?
                .into_iter()
                .map(|l| {
                    NaiveDate::parse_from_str(&l, "%Y-%m-%d")
                        .map(|d| d.to_string())
                        .map_err(|_| invalid(&path, &format!("{l:?} is not a date (YYYY-MM-DD)")))
                })
                .collect(),
            FieldKind::Time => single(lines)?
                .into_iter()
                .map(|l| {
                    NaiveTime::parse_from_str(&l.replace('.', ":"), "%H:%M")
                        .map(|t| t.format("%H:%M").to_string())
                        .map_err(|_| invalid(&path, &format!("{l:?} is not a time (HH:MM)")))
                })
                .collect(),
            FieldKind::List => {
                if lines.len() > MAX_LIST_LEN {
                    return Err(invalid(&path, &format!("more than {MAX_LIST_LEN} names")));
                }
                Ok(lines)
            }
        }
    }

    /// Applies a checked value (from [`ReviewField::check`]) to `p` and marks the field
    /// confirmed by a person (confidence 1).
    pub fn apply(&self, p: &mut ParsedProtocol, value: &[String]) {
        let first = value.first().cloned();
        let date = |v: &Option<String>| {
            v.as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        };
        match self {
            ReviewField::Authority
            | ReviewField::Body
            | ReviewField::MeetingDate
            | ReviewField::ItemTitles => {}
            ReviewField::Place => p.place = first,
            ReviewField::StartTime => p.start_time = first,
            ReviewField::EndTime => p.end_time = first,
            ReviewField::Chair => p.chair = first,
            ReviewField::Secretary => p.secretary = first,
            ReviewField::Justerare => p.justerare = value.to_vec(),
            ReviewField::JusteringPlace => p.justering.place = first,
            ReviewField::JusteringDate => p.justering.date = date(&first),
            ReviewField::NoticePosted => p.notice.posted = date(&first),
            ReviewField::NoticeRemoval => p.notice.removal = date(&first),
            ReviewField::Beslutande => {
                set_participants(p, ParticipantCategory::Beslutande, value);
            }
            ReviewField::Ersattare => set_participants(p, ParticipantCategory::Ersattare, value),
            ReviewField::ItemTitle(n) => {
                if let Some(title) = first {
                    for item in p.items.iter_mut().filter(|i| i.paragraph == *n) {
                        item.title = title.clone();
                    }
                    // The ärendelista names the paragraph by the same title.
                    for entry in p.agenda.iter_mut().filter(|e| e.paragraph == *n) {
                        entry.title = title.clone();
                    }
                }
            }
        }
        self.confirm(p);
    }

    /// Marks the field confirmed by a person without changing its value: its confidence is 1.
    pub fn confirm(&self, p: &mut ParsedProtocol) {
        p.confidence.insert(self.confidence_key(), 1.0);
    }
}

/// Every field of `p` the review shows: the header fields, then each paragraph's title.
pub fn fields_of(p: &ParsedProtocol) -> Vec<ReviewField> {
    let mut out = ReviewField::HEADER.to_vec();
    out.extend(p.items.iter().map(|i| ReviewField::ItemTitle(i.paragraph)));
    out
}

/// The fields of `p` that need review (see [`ReviewField::is_shaky`]); `confirmed` holds the
/// paths a person has corrected or confirmed.
pub fn shaky_fields(p: &ParsedProtocol, confirmed: &[String]) -> Vec<ReviewField> {
    let concerns = WarningConcerns::of(p);
    fields_of(p)
        .into_iter()
        .filter(|f| f.is_shaky_among(p, confirmed.contains(&f.path()), &concerns))
        .collect()
}

/// The template fields each of a reading's warnings concerns, in the order of its warnings
/// ([`crate::warnings::concerns`]; `None` for a wording no template knows). Matching the
/// templates is the costly part of finding a field's warnings, so it is done once per reading.
#[derive(Debug, Clone)]
pub struct WarningConcerns(Vec<Option<&'static [&'static str]>>);

impl WarningConcerns {
    /// Matches each of `p`'s warnings against the templates.
    pub fn of(p: &ParsedProtocol) -> WarningConcerns {
        WarningConcerns(
            p.warnings
                .iter()
                .map(|w| crate::warnings::concerns(w))
                .collect(),
        )
    }
}

fn invalid(field: &str, reason: &str) -> CoreError {
    CoreError::InvalidField {
        field: field.to_string(),
        reason: reason.to_string(),
    }
}

fn confirm_only_reason(field: &ReviewField) -> &'static str {
    match field {
        ReviewField::Authority | ReviewField::Body => {
            "is confirmed here; a meeting filed under the wrong authority or body is moved (kansli meeting move, /kansli/admin/moten)"
        }
        ReviewField::MeetingDate => {
            "is confirmed here; the meeting date is part of the meeting's address and is not corrected by the review"
        }
        _ => "is confirmed as a whole; correct one paragraph's title as items.N.title",
    }
}

/// Whether a warning (lower case) is about § `n`: `§ 12 …`, `§ 12:`, never `§ 120`.
fn mentions_paragraph(warning: &str, n: u32) -> bool {
    let needle = format!("§ {n}");
    warning.match_indices(&needle).any(|(at, _)| {
        !warning[at + needle.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

/// A participant as one line: `Namn Efternamn (S)`.
fn participant_line(x: &Participant) -> String {
    match &x.party {
        Some(party) if !party.is_empty() => format!("{} ({party})", x.name),
        _ => x.name.clone(),
    }
}

fn participants(p: &ParsedProtocol, category: ParticipantCategory) -> Vec<String> {
    p.participants
        .iter()
        .filter(|x| x.category == category)
        .map(participant_line)
        .collect()
}

/// A line `Namn Efternamn (S)` as name and party.
fn split_party(line: &str) -> (String, Option<String>) {
    if let Some(open) = line.rfind(" (")
        && line.ends_with(')')
    {
        let party = line[open + 2..line.len() - 1].trim();
        let name = line[..open].trim();
        if !name.is_empty() && !party.is_empty() {
            return (name.to_string(), Some(party.to_string()));
        }
    }
    (line.to_string(), None)
}

/// Replaces the participants of `category` by `lines`: a person already listed keeps what the
/// parser read of them (role, whom they serve for, per-§ ranges), a new one is added, the
/// others of that category are removed; the order is the person's.
fn set_participants(p: &mut ParsedProtocol, category: ParticipantCategory, lines: &[String]) {
    let mut old: Vec<Participant> = Vec::new();
    p.participants.retain(|x| {
        if x.category == category {
            old.push(x.clone());
            false
        } else {
            true
        }
    });
    let rank = |c: ParticipantCategory| match c {
        ParticipantCategory::Beslutande => 0,
        ParticipantCategory::Ersattare => 1,
        ParticipantCategory::Ovriga => 2,
    };
    let at = p
        .participants
        .iter()
        .position(|x| rank(x.category) > rank(category))
        .unwrap_or(p.participants.len());
    let new: Vec<Participant> = lines
        .iter()
        .map(|line| {
            let (name, party) = split_party(line);
            match old.iter().find(|x| fold(&x.name) == fold(&name)) {
                Some(kept) => Participant {
                    name,
                    party: party.or_else(|| kept.party.clone()),
                    ..kept.clone()
                },
                None => Participant {
                    name,
                    category,
                    role: None,
                    represents: None,
                    party,
                    paragraphs: None,
                    serves_for: None,
                },
            }
        })
        .collect();
    p.participants.splice(at..at, new);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ParsedProtocol {
        let date = NaiveDate::from_ymd_opt(2024, 9, 26).unwrap();
        let mut p = ParsedProtocol::new("Kommunfullmäktige", date);
        p.chair = Some("Anna Ordf".into());
        p.participants.push(Participant {
            name: "Anna Ordf".into(),
            category: ParticipantCategory::Beslutande,
            role: Some("ordförande".into()),
            represents: None,
            party: Some("S".into()),
            paragraphs: None,
            serves_for: None,
        });
        p.confidence.insert("chair".into(), 0.8);
        p.confidence.insert("notice.posted".into(), 0.0);
        p.confidence.insert("participants".into(), 1.0);
        p.warnings.push("no chair (ordförande) found".into());
        p.warnings.push("line 4: § 12 has no title".into());
        p
    }

    #[test]
    fn paths_read_back() {
        for f in ReviewField::HEADER
            .into_iter()
            .chain([ReviewField::ItemTitle(12)])
        {
            assert_eq!(ReviewField::parse(&f.path()).unwrap(), f);
        }
        let e = ReviewField::parse("chairman").unwrap_err().to_string();
        assert!(e.contains("chairman"), "{e}");
        assert!(ReviewField::parse("items.x.title").is_err());
    }

    #[test]
    fn shaky_fields_are_those_below_the_threshold_or_warned() {
        let p = sample();
        let shaky = shaky_fields(&p, &[]);
        assert!(shaky.contains(&ReviewField::Chair));
        assert!(shaky.contains(&ReviewField::NoticePosted));
        assert!(!shaky.contains(&ReviewField::Beslutande));
        assert_eq!(
            ReviewField::Chair.warnings(&p),
            vec!["no chair (ordförande) found"]
        );
        assert_eq!(
            ReviewField::ItemTitle(12).warnings(&p),
            vec!["line 4: § 12 has no title"]
        );
        assert!(ReviewField::ItemTitle(1).warnings(&p).is_empty());
    }

    #[test]
    fn a_warning_belongs_to_the_fields_its_template_names_not_to_words_in_its_values() {
        let mut p = sample();
        let substitute = "line 16: \"Per Bengtsson\" is named as substitute justerare; not listed as a justerare";
        let title = "§ 110: the ärendelista's title \"Inkallande av ersättare\" differs from the paragraph's";
        let kept = "chair: the new reading gives \"Eva\"; the correction by anna@kommun.se (\"Anna Ordf\") is kept";
        p.warnings = vec![
            substitute.into(),
            title.into(),
            kept.into(),
            "an older wording about the chair".into(),
        ];
        assert_eq!(ReviewField::Justerare.warnings(&p), vec![substitute]);
        assert!(
            ReviewField::Ersattare.warnings(&p).is_empty(),
            "\"ersättare\" in a title is no participant's"
        );
        assert!(ReviewField::Beslutande.warnings(&p).is_empty());
        assert_eq!(ReviewField::ItemTitle(110).warnings(&p), vec![title]);
        assert_eq!(
            ReviewField::Chair.warnings(&p),
            vec![kept, "an older wording about the chair"]
        );
    }

    #[test]
    fn a_correction_changes_the_value_and_confirms_it() {
        let mut p = sample();
        let v = ReviewField::NoticePosted
            .check(&p, &["2024-10-01".into()])
            .unwrap();
        ReviewField::NoticePosted.apply(&mut p, &v);
        assert_eq!(p.notice.posted, NaiveDate::from_ymd_opt(2024, 10, 1));
        assert_eq!(ReviewField::NoticePosted.confidence(&p), Some(1.0));
        ReviewField::Chair.confirm(&mut p);
        assert_eq!(p.chair.as_deref(), Some("Anna Ordf"));
        assert_eq!(ReviewField::Chair.confidence(&p), Some(1.0));
        assert!(ReviewField::Chair.is_shaky(&p, false), "still warned about");
        assert!(!ReviewField::Chair.is_shaky(&p, true));
    }

    #[test]
    fn bad_values_name_the_field() {
        let p = sample();
        let e = ReviewField::NoticeRemoval
            .check(&p, &["2024-13-40".into()])
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("notice.removal:") && e.contains("YYYY-MM-DD"),
            "{e}"
        );
        let e = ReviewField::StartTime
            .check(&p, &["25:00".into()])
            .unwrap_err()
            .to_string();
        assert!(e.contains("HH:MM"), "{e}");
        assert_eq!(
            ReviewField::StartTime.check(&p, &["18.30".into()]).unwrap(),
            vec!["18:30"]
        );
        assert!(ReviewField::Authority.check(&p, &["X".into()]).is_err());
        assert!(
            ReviewField::ItemTitle(99)
                .check(&p, &["Rubrik".into()])
                .is_err()
        );
        assert!(ReviewField::Chair.check(&p, &["a\u{7}b".into()]).is_err());
    }

    #[test]
    fn participants_keep_what_was_read_of_them() {
        let mut p = sample();
        let v = ReviewField::Beslutande
            .check(&p, &["anna ordf\nBo Berg (M)".into()])
            .unwrap();
        ReviewField::Beslutande.apply(&mut p, &v);
        assert_eq!(
            ReviewField::Beslutande.value(&p),
            vec!["anna ordf (S)", "Bo Berg (M)"]
        );
        assert_eq!(p.participants[0].role.as_deref(), Some("ordförande"));
    }
}
