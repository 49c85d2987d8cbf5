//! The index's schema: one tantivy document per paragraph of published minutes.
//!
//! Text is searched in `title` (and the Dnr), `text` (decision, summary, sections, motions,
//! decision basis, reservations and notes), `parts` (compound parts, lower weight) and `persons`
//! (who attended, moved, reserved). Filters use raw string fields and the date field; counts per
//! authority, body and year come from u64 fast fields (see [`crate::facets`]).

use kansli_store::search_feed::SearchDocument;
use tantivy::schema::{
    DateOptions, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::{DateTime, Index, TantivyDocument};

use crate::analysis::{self, Analysis};

/// Bumped whenever the schema or the analysis changes, or what the store's feed masks (6: the
/// titles of confidential case documents): an index of another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 6;

/// The fields of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Paragraph id.
    pub paragraph_id: Field,
    /// Minutes id (what the change log names; documents are replaced per minutes).
    pub minutes_id: Field,
    /// Meeting id.
    pub meeting_id: Field,
    /// Authority slug (filter).
    pub authority: Field,
    /// Authority name (stored).
    pub authority_name: Field,
    /// Body slug (filter).
    pub body: Field,
    /// Body name (stored).
    pub body_name: Field,
    /// Meeting slug (stored, for URLs).
    pub meeting: Field,
    /// Meeting date (filter, sort).
    pub meeting_date: Field,
    /// Paragraph number.
    pub number: Field,
    /// Dnr as printed (stored).
    pub dnr: Field,
    /// Dnr key (filter).
    pub dnr_key: Field,
    /// Title (and Dnr), Swedish analysis.
    pub title: Field,
    /// Decision, summary, sections, motions …, Swedish analysis.
    pub text: Field,
    /// Compound parts and stems, lower weight.
    pub parts: Field,
    /// Names of people involved.
    pub persons: Field,
    /// Authority id (facet counts, label lookup).
    pub authority_id: Field,
    /// Body id (facet counts, label lookup).
    pub body_id: Field,
    /// Year of the meeting (facet counts).
    pub year: Field,
}

impl Fields {
    /// The schema and its fields.
    pub fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let swedish = |stored: bool| {
            let o = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(analysis::SWEDISH)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            );
            if stored { o.set_stored() } else { o }
        };
        let fields = Fields {
            paragraph_id: b.add_i64_field("paragraph_id", INDEXED | STORED),
            minutes_id: b.add_i64_field("minutes_id", INDEXED | STORED),
            meeting_id: b.add_i64_field("meeting_id", STORED),
            authority: b.add_text_field("authority", STRING | STORED),
            authority_name: b.add_text_field("authority_name", STORED),
            body: b.add_text_field("body", STRING | STORED),
            body_name: b.add_text_field("body_name", STORED),
            meeting: b.add_text_field("meeting", STORED),
            meeting_date: b
                .add_date_field("meeting_date", DateOptions::from(INDEXED | STORED | FAST)),
            number: b.add_i64_field("number", STORED),
            dnr: b.add_text_field("dnr", STORED),
            dnr_key: b.add_text_field("dnr_key", STRING),
            title: b.add_text_field("title", swedish(true)),
            text: b.add_text_field("text", swedish(true)),
            parts: b.add_text_field(
                "parts",
                TextOptions::default().set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(analysis::PARTS)
                        .set_index_option(IndexRecordOption::WithFreqs),
                ),
            ),
            persons: b.add_text_field(
                "persons",
                TextOptions::default().set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(analysis::NAMES)
                        .set_index_option(IndexRecordOption::WithFreqsAndPositions),
                ),
            ),
            authority_id: b.add_u64_field(crate::facets::AUTHORITY_ID, INDEXED | FAST),
            body_id: b.add_u64_field(crate::facets::BODY_ID, INDEXED | FAST),
            year: b.add_u64_field(crate::facets::YEAR, FAST),
        };
        (b.build(), fields)
    }

    /// The fields of an opened index's schema.
    pub fn of(index: &Index) -> Option<Fields> {
        let s = index.schema();
        let f = |name: &str| s.get_field(name).ok();
        Some(Fields {
            paragraph_id: f("paragraph_id")?,
            minutes_id: f("minutes_id")?,
            meeting_id: f("meeting_id")?,
            authority: f("authority")?,
            authority_name: f("authority_name")?,
            body: f("body")?,
            body_name: f("body_name")?,
            meeting: f("meeting")?,
            meeting_date: f("meeting_date")?,
            number: f("number")?,
            dnr: f("dnr")?,
            dnr_key: f("dnr_key")?,
            title: f("title")?,
            text: f("text")?,
            parts: f("parts")?,
            persons: f("persons")?,
            authority_id: f(crate::facets::AUTHORITY_ID)?,
            body_id: f(crate::facets::BODY_ID)?,
            year: f(crate::facets::YEAR)?,
        })
    }
}

/// Registers Kansli's analyzers on an index (needed after every open).
pub fn register_analyzers(index: &Index) {
    let m = index.tokenizers();
    m.register(analysis::SWEDISH, analysis::swedish_analyzer());
    m.register(analysis::NAMES, analysis::names_analyzer());
    m.register(analysis::PARTS, analysis::parts_analyzer());
}

/// The normalised Dnr key of a printed or typed Dnr: `kansli_core::Dnr::key` when it parses,
/// else the lowercase text without spaces (so odd numbers still filter).
pub fn dnr_key(raw: &str) -> String {
    match kansli_core::Dnr::parse(raw) {
        Ok(d) => d.key(),
        Err(_) => raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect(),
    }
}

/// A date as tantivy's date value (midnight UTC).
///
/// Tantivy keeps nanoseconds in an `i64`, so only the years 1677–2262 are exact; a date
/// outside (a search's `to=6690-05-08` or `from=0001-01-01`) becomes the first or last
/// instant it can hold, which as a bound still means "from the beginning" or "to the end"
/// (`from_timestamp_secs` would overflow: a panic in debug builds, a wrong bound in release).
pub fn date_value(date: chrono::NaiveDate) -> DateTime {
    let secs = date
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp())
        .unwrap_or(0);
    DateTime::from_timestamp_nanos(secs.saturating_mul(1_000_000_000))
}

/// The text field's content: the decision first (snippets prefer it when it matches), then the
/// summary, sections, motions, basis and remarks.
pub fn body_text(d: &SearchDocument) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if let Some(x) = &d.decision {
        parts.push(x);
    }
    if let Some(x) = &d.summary {
        parts.push(x);
    }
    for (head, body) in &d.sections {
        parts.push(head);
        parts.push(body);
    }
    parts.extend(d.motions.iter().map(String::as_str));
    if let Some(x) = &d.proposition_order {
        parts.push(x);
    }
    parts.extend(d.basis.iter().map(String::as_str));
    parts.extend(d.remarks.iter().map(String::as_str));
    parts.retain(|p| !p.trim().is_empty());
    parts.join("\n\n")
}

/// Builds the tantivy document of one paragraph. `known` says which stems the archive has (for
/// compound splitting).
pub fn to_document(
    f: &Fields,
    d: &SearchDocument,
    analysis: &mut Analysis,
    known: &mut dyn FnMut(&str) -> bool,
) -> TantivyDocument {
    use chrono::Datelike;
    let text = body_text(d);
    let mut doc = TantivyDocument::default();
    doc.add_i64(f.paragraph_id, d.paragraph_id);
    doc.add_i64(f.minutes_id, d.minutes_id);
    doc.add_i64(f.meeting_id, d.meeting_id);
    doc.add_text(f.authority, &d.authority_slug);
    doc.add_text(f.authority_name, &d.authority_name);
    doc.add_text(f.body, &d.body_slug);
    doc.add_text(f.body_name, &d.body_name);
    doc.add_text(f.meeting, &d.meeting_slug);
    doc.add_date(f.meeting_date, date_value(d.meeting_date));
    doc.add_i64(f.number, d.number);
    doc.add_text(f.title, &d.title);
    let mut parts = analysis.parts_text(&d.title, known);
    if let Some(agenda) = &d.agenda_title {
        // A second value: found, but the stored title shown is the paragraph's own.
        doc.add_text(f.title, agenda);
        parts.push_str(&analysis.parts_text(agenda, known));
    }
    if let Some(dnr) = &d.dnr {
        doc.add_text(f.dnr, dnr);
        doc.add_text(f.dnr_key, dnr_key(dnr));
        doc.add_text(f.title, dnr);
    }
    parts.push_str(&analysis.parts_text(&text, known));
    doc.add_text(f.parts, parts);
    doc.add_text(f.text, text);
    // One value per name, so a phrase cannot run from one name into the next.
    for person in &d.persons {
        doc.add_text(f.persons, person);
    }
    doc.add_u64(f.authority_id, u64::try_from(d.authority_id).unwrap_or(0));
    doc.add_u64(f.body_id, u64::try_from(d.body_id).unwrap_or(0));
    doc.add_u64(f.year, u64::try_from(d.meeting_date.year()).unwrap_or(0));
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_beyond_what_tantivy_holds_are_its_first_and_last_instants() {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let (first, today, last) = (
            date_value(day(1, 1, 1)),
            date_value(day(2026, 12, 2)),
            date_value(day(6690, 5, 8)),
        );
        assert!(first < today && today < last);
        assert_eq!(today.into_timestamp_secs(), 1_796_169_600);
        assert_eq!(last, date_value(chrono::NaiveDate::MAX));
        assert_eq!(first.into_timestamp_nanos(), i64::MIN);
    }
}
