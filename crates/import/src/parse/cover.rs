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
use regex::Regex;

use super::dates;
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

    fn accepts(self, value: &str) -> bool {
        let has_date = dates::parse_date(value).is_some();
        let has_time = !dates::parse_times(value).start.is_none();
        let is_range = looks_like_range(value);
        match self {
            Label::Place => !is_range && !(has_date && value.len() < 14),
            Label::Time => has_time || has_date,
            Label::PlaceTime => !is_range,
            Label::Date | Label::Posted | Label::Removal => has_date,
            Label::Range => is_range,
            Label::Justering => !is_range,
            Label::Justerare | Label::Chair | Label::Secretary => {
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
        && ParagraphRange::parse(v).is_ok()
}

static LABELS: LazyLock<Vec<(Regex, Label)>> = LazyLock::new(|| {
    let table: &[(&str, Label)] = &[
        (
            r"plats och tid|tid och plats|sammanträdets plats och tid|tid och plats för sammanträdet",
            Label::PlaceTime,
        ),
        (
            r"justeringens plats och tid|justeringens tid och plats|plats och tid för justering|tid och plats för justering|justeringens plats|justeringsdatum|justeringens|justering",
            Label::Justering,
        ),
        (
            r"utses att justera|justerare|justerande|justeringspersoner|justeringsperson",
            Label::Justerare,
        ),
        (
            r"datum då anslaget sätts upp|datum då anslaget sattes upp|anslaget sätts upp|anslaget sattes upp|anslaget uppsatt|anslag uppsatt|datum för anslagets uppsättande|datum för anslags uppsättande|anslagsdatum|anslaget publicerat|publicerat på anslagstavlan",
            Label::Posted,
        ),
        (
            r"datum då anslaget tas ned|datum då anslaget tas ner|anslaget tas ned|anslaget tas ner|datum för anslagets nedtagande|datum för anslags nedtagande|anslaget nedtas|nedtagningsdatum|anslaget tas bort",
            Label::Removal,
        ),
        (
            r"förvaringsplats för protokollet|protokollets förvaringsplats|förvaringsplats",
            Label::KeptAt,
        ),
        (r"beslutande organ|organ", Label::Organ),
        (
            r"(?:ej|icke|inte) tjänstgörande ersättare|ersättare/insynsplats|närvarande ersättare|övriga ersättare|insynsplatser",
            Label::List(ListKind::Substitutes),
        ),
        (
            r"tjänstgörande ersättare",
            Label::List(ListKind::ServingSubstitutes),
        ),
        (
            r"beslutande ledamöter|närvarande ledamöter|tjänstgörande ledamöter|beslutande|ledamöter",
            Label::List(ListKind::Members),
        ),
        (r"ersättare", Label::List(ListKind::Substitutes)),
        (
            r"övriga närvarande tjänstepersoner|övriga närvarande tjänstemän|övriga närvarande|övriga deltagare|övriga deltagande|närvarande tjänstepersoner|närvarande tjänstemän|tjänstepersoner|tjänstemän|övriga",
            Label::List(ListKind::Others),
        ),
        (
            r"paragrafer|paragraf|paragrafnummer|protokollet omfattar",
            Label::Range,
        ),
        (r"sammanträdesdatum|mötesdatum|datum", Label::Date),
        (r"plats|sammanträdesplats|mötesplats|lokal", Label::Place),
        (r"tid|tidpunkt|sammanträdestid", Label::Time),
        (r"ordförande", Label::Chair),
        (r"sekreterare|protokollförare", Label::Secretary),
        (
            r"underskrifter|under-\s?skrifter|under-|underskrift|underskrifter och justering|anslag/bevis|anslag|bevis|protokollet har justerats digitalt av|signaturer",
            Label::Group,
        ),
    ];
    table
        .iter()
        .map(|(p, l)| {
            (
                Regex::new(&format!(r"(?i)^(?:{p})(?:\s*:\s*|\s+|$)")).expect("regex"),
                *l,
            )
        })
        .collect()
});

fn match_label(cell: &str, col: usize, tabbed: bool) -> Option<(Label, String)> {
    let first = cell.chars().next()?;
    // Labels are capitalised ("plats och tid" on the line under "Justeringens" is not one).
    if !first.is_uppercase() {
        return None;
    }
    for (re, label) in LABELS.iter() {
        let Some(m) = re.find(cell) else { continue };
        let matched = m.as_str();
        let rest = cell[m.end()..].trim().to_string();
        let colon = matched.contains(':');
        if !colon && !rest.is_empty() && !label.space_value() {
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

/// Reads the labelled entries of the cover lines.
pub(crate) fn entries(lines: &[&Line]) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut current: Option<usize> = None;
    let mut pending: VecDeque<usize> = VecDeque::new();
    for l in lines {
        if l.is_blank() {
            continue;
        }
        let tabbed = l.text.contains('\t');
        let cs = cells(&l.text);
        let mut line_entry: Option<usize> = None;
        let mut any_label = false;
        for (col, cell) in &cs {
            if let Some((label, rest)) = match_label(cell, *col, tabbed) {
                any_label = true;
                entries.push(Entry {
                    label,
                    line: l.no,
                    values: Vec::new(),
                });
                let idx = entries.len() - 1;
                pending.retain(|p| entries[*p].values.is_empty());
                if label == Label::Group {
                    // A new block ("ANSLAG/BEVIS", "Underskrifter") ends the wait for values.
                    pending.clear();
                }
                if !rest.is_empty() && !is_signature_line(&rest) {
                    assign(&mut entries, &mut pending, idx, l.no, rest);
                } else if label.takes_value() && !label.is_list() {
                    pending.push_back(idx);
                }
                line_entry = Some(idx);
                current = Some(idx);
            } else if is_signature_line(cell) {
                continue;
            } else if let Some(idx) = line_entry {
                let e = &entries[idx];
                if e.values.is_empty() || e.label.is_list() {
                    let was_pending = pending.contains(&idx);
                    if was_pending {
                        pending.retain(|p| *p != idx);
                    }
                    assign(&mut entries, &mut pending, idx, l.no, cell.clone());
                }
            }
        }
        if any_label {
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
        let indent = l.indent();
        match current {
            Some(idx) if entries[idx].label.is_list() => {
                entries[idx].values.push((l.no, text));
            }
            _ => {
                let fill = pending
                    .iter()
                    .position(|p| entries[*p].label.accepts(&text));
                if let Some(pos) = fill {
                    if let Some(idx) = pending.remove(pos) {
                        entries[idx].values.push((l.no, text));
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
                }
            }
        }
    }
    entries
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
    pub removal: Option<NaiveDate>,
    pub kept_at: Option<String>,
    pub place_value: Option<String>,
    pub lists: Vec<(ListKind, Vec<(usize, String)>)>,
}

fn first_name(value: &str) -> Option<String> {
    super::people::split_names(value).into_iter().next()
}

/// Reads the cover's fields from its entries.
pub(crate) fn read(entries: &[Entry], warnings: &mut Vec<String>) -> Cover {
    let mut c = Cover::default();
    for e in entries {
        let v = e.value();
        let v = v.trim();
        match e.label {
            Label::List(kind) => {
                if !e.values.is_empty() {
                    c.lists.push((kind, e.values.clone()));
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
                    c.meeting_date = dates::parse_date(v);
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
            }
            Label::Range => {
                if c.range.is_none() {
                    match ParagraphRange::parse(v.trim_start_matches("§§").trim()) {
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
            }
            Label::Secretary => {
                if c.secretary.is_none() {
                    c.secretary = first_name(v);
                }
            }
            Label::Justerare => {
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
            Label::Justering => {
                if c.justering_place.is_none() && c.justering_date.is_none() {
                    c.justering_date = dates::parse_date(v);
                    let p = dates::strip_dates_and_times(v);
                    if !p.is_empty() {
                        c.justering_place = Some(p);
                    }
                }
            }
            Label::Posted => {
                if c.posted.is_none() {
                    c.posted = dates::parse_date(v);
                }
            }
            Label::Removal => {
                if c.removal.is_none() {
                    c.removal = dates::parse_date(v);
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
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ls(text: &str) -> Vec<Line> {
        text.lines()
            .enumerate()
            .map(|(i, t)| Line {
                no: i + 1,
                page: 0,
                text: t.to_string(),
            })
            .collect()
    }

    fn cover(text: &str) -> Cover {
        let l = ls(text);
        let refs: Vec<&Line> = l.iter().collect();
        let mut w = Vec::new();
        read(&entries(&refs), &mut w)
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
}
