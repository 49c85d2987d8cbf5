//! Minutes as the law engine reads them (checks, status): the record of each meeting from the
//! tables ([`crate::record`]), with the meeting it belongs to. The parser's own reading of an
//! imported file is kept beside it (`minutes_readings`) as the import's input, for moving a
//! meeting and re-running a better parser without the original files.

use kansli_core::protocol::ParsedProtocol;
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::sql::{int, text};
use crate::{Store, StoreError};

/// One stored reading with the meeting it belongs to.
#[derive(Debug, Clone, Serialize)]
pub struct StoredReading {
    /// The meeting's id.
    pub meeting_id: i64,
    /// The authority's slug.
    pub authority_slug: String,
    /// The body's slug.
    pub body_slug: String,
    /// The meeting's slug (its date, `-2` for a second meeting that day).
    pub meeting_slug: String,
    /// The meeting's record, in the shape `kansli parse` prints.
    pub protocol: ParsedProtocol,
}

/// The columns of the parser's stored reading of a meeting and the joins that reach them; callers add
/// their `WHERE`.
pub(crate) const READINGS_FROM: &str = "SELECT m.id AS meeting_id, a.slug AS authority_slug, \
     b.slug AS body_slug, m.slug AS meeting_slug, r.parser_json AS parser_json \
     FROM minutes_readings r \
     JOIN minutes n ON n.id = r.minutes_id \
     JOIN meetings m ON m.id = n.meeting_id \
     JOIN bodies b ON b.id = m.body_id \
     JOIN authorities a ON a.id = b.authority_id";

/// A row selected by [`READINGS_FROM`], with the parser's reading deserialised.
pub(crate) fn stored_reading(row: &AnyRow) -> Result<StoredReading, StoreError> {
    let json = text(row, "parser_json")?;
    let protocol = serde_json::from_str(&json).map_err(|e| {
        StoreError::Corrupt(format!(
            "the stored reading of meeting {} is not valid: {e}",
            row.try_get::<i64, _>("meeting_id").unwrap_or_default()
        ))
    })?;
    Ok(StoredReading {
        meeting_id: int(row, "meeting_id")?,
        authority_slug: text(row, "authority_slug")?,
        body_slug: text(row, "body_slug")?,
        meeting_slug: text(row, "meeting_slug")?,
        protocol,
    })
}

impl Store {
    /// Every stored reading, optionally of one authority and one body, ordered by authority,
    /// body and meeting date.
    pub async fn readings(
        &self,
        authority: Option<&str>,
        body: Option<&str>,
    ) -> Result<Vec<StoredReading>, StoreError> {
        self.readings_between(authority, body, "0000-00-00", "9999-99-99")
            .await
    }

    /// The readings of one body's meetings in one year, ordered by meeting date: the context
    /// the law engine's numbering checks need for one meeting (they keep the same year's),
    /// without reading the body's whole history.
    pub async fn body_readings_in_year(
        &self,
        authority: &str,
        body: &str,
        year: i32,
    ) -> Result<Vec<StoredReading>, StoreError> {
        let from = format!("{year:04}-01-01");
        let until = format!("{:04}-01-01", year.saturating_add(1));
        self.readings_between(Some(authority), Some(body), &from, &until)
            .await
    }

    /// Public minutes with `from <= meeting_date < until` (ISO text compares as dates), read
    /// from the tables.
    async fn readings_between(
        &self,
        authority: Option<&str>,
        body: Option<&str>,
        from: &str,
        until: &str,
    ) -> Result<Vec<StoredReading>, StoreError> {
        let found = self
            .minutes_between(
                authority.unwrap_or(""),
                body.unwrap_or(""),
                from,
                until,
                true,
            )
            .await?;
        Ok(found
            .into_iter()
            .map(|m| StoredReading {
                meeting_id: m.meeting_id,
                authority_slug: m.authority_slug,
                body_slug: m.body_slug,
                meeting_slug: m.meeting_slug,
                protocol: m.record,
            })
            .collect())
    }
}

/// A body's public minutes of one meeting as the law engine's numbering checks see them: which
/// meeting, and its paragraph numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingNumbersOf {
    /// The meeting's id.
    pub meeting_id: i64,
    /// The meeting's slug.
    pub meeting_slug: String,
    /// Its date and paragraph numbers (in number order), as `MeetingNumbers::of` takes them from its
    /// record.
    pub numbers: kansli_core::law::checks::MeetingNumbers,
}

impl Store {
    /// The paragraph numbers of a body's public (justerade or posted) minutes of one year, by
    /// meeting date: what the numbering checks need of the other meetings, in two indexed
    /// queries instead of reading each meeting's whole record. The numbers are those of the
    /// record's paragraphs or, without any, of its printed range (at most 1,000), as
    /// `MeetingNumbers::of` takes them.
    pub async fn body_numbers_in_year(
        &self,
        authority: &str,
        body: &str,
        year: i32,
    ) -> Result<Vec<MeetingNumbersOf>, StoreError> {
        use crate::sql::opt_int;
        const SELECTED: &str = "FROM minutes mi JOIN meetings m ON m.id = mi.meeting_id \
             JOIN bodies b ON b.id = m.body_id JOIN authorities a ON a.id = b.authority_id \
             WHERE a.slug = $1 AND b.slug = $2 AND m.meeting_date >= $3 AND m.meeting_date < $4 \
             AND mi.state IN ('justerad', 'posted')";
        let binds = || {
            vec![
                authority.to_lowercase().into(),
                body.to_lowercase().into(),
                format!("{year:04}-01-01").into(),
                format!("{:04}-01-01", year.saturating_add(1)).into(),
            ]
        };
        let mut reader = self.reader().await?;
        let mut conn = reader.db();
        let heads = conn
            .rows(
                &format!(
                    "SELECT mi.id AS minutes_id, m.id AS meeting_id, m.slug, m.meeting_date, \
                 mi.range_printed, mi.paragraph_first, mi.paragraph_last {SELECTED} \
                 ORDER BY m.meeting_date, m.slug"
                ),
                binds(),
                "reading the year's minutes",
            )
            .await?;
        // In number order, not the paragraphs' order: the checks ask only which numbers a
        // meeting holds, and `(minutes_id, number)` is an index that covers the read, so no row
        // of the paragraphs (their texts fill the table's pages) is visited — in the paragraphs'
        // order a busy body's year cost a thousand page reads and a sort per meeting page.
        let rows = conn
            .rows(
                &format!(
                    "SELECT p.minutes_id, p.number FROM paragraphs p \
                 WHERE p.minutes_id IN (SELECT mi.id {SELECTED}) ORDER BY p.minutes_id, p.number"
                ),
                binds(),
                "reading the year's paragraph numbers",
            )
            .await?;
        let number = |n: i64| {
            u32::try_from(n).map_err(|_| StoreError::Corrupt(format!("paragraph number {n}")))
        };
        let mut by_minutes: std::collections::HashMap<i64, Vec<u32>> = Default::default();
        for row in &rows {
            by_minutes
                .entry(int(row, "minutes_id")?)
                .or_default()
                .push(number(int(row, "number")?)?);
        }
        heads
            .iter()
            .map(|h| {
                let mut paragraphs = by_minutes
                    .remove(&int(h, "minutes_id")?)
                    .unwrap_or_default();
                if paragraphs.is_empty()
                    && int(h, "range_printed")? != 0
                    && let (Some(first), Some(last)) = (
                        opt_int(h, "paragraph_first")?,
                        opt_int(h, "paragraph_last")?,
                    )
                {
                    let (first, last) = (number(first)?, number(last)?);
                    if last >= first && last - first < 1000 {
                        paragraphs = (first..=last).collect();
                    }
                }
                Ok(MeetingNumbersOf {
                    meeting_id: int(h, "meeting_id")?,
                    meeting_slug: text(h, "slug")?,
                    numbers: kansli_core::law::checks::MeetingNumbers {
                        meeting_date: crate::sql::date(h, "meeting_date")?,
                        paragraphs,
                    },
                })
            })
            .collect()
    }
}
