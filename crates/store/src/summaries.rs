//! The archive's counts, kept instead of counted per request: per body and year how many
//! meetings are stored and how many paragraphs of published minutes (justerade or posted) they
//! hold (`body_years`), and per body the totals with the first and last meeting day
//! (`body_summaries`). The start, authority and body pages and the API's lists read these.
//!
//! The invariant: every write that adds or removes a meeting, or changes which paragraphs are
//! published, calls [`refresh`] for each body and year it touched, in its own transaction, after
//! its rows are written. `refresh` recounts one body's one year (bounded by that year's meetings,
//! through the `meetings_body_date` index) and sums the body's years, so the cost of a write does
//! not grow with the archive and a summary can never drift from a sum of deltas.
//!
//! On PostgreSQL (READ COMMITTED) two writers recounting the same year could each miss the
//! other's uncommitted meeting; `refresh` therefore first takes the change log's advisory lock,
//! which these writers take anyway, so recounts run one after the other, each seeing what the
//! one before committed. SQLite's write lock already serialises them.

use std::collections::BTreeSet;

use sqlx::AnyConnection;

use crate::StoreError;
use crate::error::DbContext;
use crate::sql::{int, opt_int, opt_text, query_rows, text};

/// The (body id, calendar year) pairs a write touched.
pub(crate) type Touched = BTreeSet<(i64, i32)>;

/// The paragraphs a summary counts: those of minutes that are public (justerade or posted).
pub(crate) const PUBLISHED: &str = "mi.state IN ('justerad', 'posted')";

/// Recounts each touched body's year and then the body's totals (see the module comment).
pub(crate) async fn refresh(
    conn: &mut crate::conn::Db<'_>,
    touched: &Touched,
) -> Result<(), StoreError> {
    if touched.is_empty() {
        return Ok(());
    }
    if !conn.is_sqlite() {
        conn.execute(
            "SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock($1)) AS l",
            vec![crate::import::CHANGES_LOCK.into()],
            "waiting for the summaries",
        )
        .await?;
    }
    for &(body_id, year) in touched {
        let year = i64::from(year);
        conn.execute(
            &format!(
                "INSERT INTO body_years (body_id, year, meetings, paragraphs) \
                 SELECT $1, $2, COUNT(*), CAST(COALESCE(SUM((SELECT COUNT(*) FROM paragraphs p \
                 JOIN minutes mi ON mi.id = p.minutes_id WHERE mi.meeting_id = m.id AND {PUBLISHED})), 0) AS BIGINT) \
                 FROM meetings m WHERE m.body_id = $1 AND m.meeting_date >= $3 AND m.meeting_date < $4 \
                 ON CONFLICT (body_id, year) DO UPDATE \
                 SET meetings = excluded.meetings, paragraphs = excluded.paragraphs"
            ),
            vec![
                body_id.into(),
                year.into(),
                format!("{year:04}-01-01").into(),
                format!("{:04}-01-01", year + 1).into(),
            ],
            "counting a body's year",
        )
        .await?;
        conn.execute(
            "DELETE FROM body_years WHERE body_id = $1 AND year = $2 AND meetings = 0",
            vec![body_id.into(), year.into()],
            "dropping an empty year",
        )
        .await?;
    }
    let bodies: BTreeSet<i64> = touched.iter().map(|&(b, _)| b).collect();
    for body_id in bodies {
        conn.execute(
            "INSERT INTO body_summaries (body_id, meeting_count, paragraph_count, first_meeting, last_meeting) \
             SELECT $1, CAST(COALESCE(SUM(y.meetings), 0) AS BIGINT), \
             CAST(COALESCE(SUM(y.paragraphs), 0) AS BIGINT), \
             (SELECT MIN(meeting_date) FROM meetings WHERE body_id = $1), \
             (SELECT MAX(meeting_date) FROM meetings WHERE body_id = $1) \
             FROM body_years y WHERE y.body_id = $1 \
             ON CONFLICT (body_id) DO UPDATE SET meeting_count = excluded.meeting_count, \
             paragraph_count = excluded.paragraph_count, first_meeting = excluded.first_meeting, \
             last_meeting = excluded.last_meeting",
            vec![body_id.into()],
            "summing a body's years",
        )
        .await?;
    }
    Ok(())
}

/// The body and year of a meeting, for [`refresh`]; `None` for an unknown meeting.
pub(crate) async fn meeting_year(
    conn: &mut AnyConnection,
    meeting_id: i64,
) -> Result<Option<(i64, i32)>, StoreError> {
    let rows = query_rows(
        conn,
        "SELECT body_id, meeting_date FROM meetings WHERE id = $1",
        vec![meeting_id.into()],
        "reading the meeting's body and year",
    )
    .await?;
    let Some(row) = rows.first() else {
        return Ok(None);
    };
    let day = text(row, "meeting_date")?;
    let year = day
        .get(..4)
        .and_then(|y| y.parse().ok())
        .ok_or_else(|| StoreError::Corrupt(format!("meeting date {day:?}")))?;
    Ok(Some((int(row, "body_id")?, year)))
}

/// One body's counts: meetings and published paragraphs, first and last meeting day.
type Counts = (i64, i64, Option<String>, Option<String>);

/// Meetings and published paragraphs by (body id, year).
type YearCounts = std::collections::BTreeMap<(i64, i64), (i64, i64)>;

impl crate::Store {
    /// Where the kept summaries differ from a fresh count of the archive: one line per body or
    /// body and year that differs, naming both figures; empty when they agree. It counts the
    /// whole archive (what the summaries save each page), so it is for checks and tests, never
    /// for a request.
    pub async fn summary_drift(&self) -> Result<Vec<String>, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let fresh_years = query_rows(
            &mut conn,
            &format!(
                "SELECT m.body_id, CAST(SUBSTR(m.meeting_date, 1, 4) AS BIGINT) AS year, \
                 COUNT(*) AS meetings, CAST(COALESCE(SUM((SELECT COUNT(*) FROM paragraphs p \
                 JOIN minutes mi ON mi.id = p.minutes_id WHERE mi.meeting_id = m.id AND {PUBLISHED})), 0) \
                 AS BIGINT) AS paragraphs FROM meetings m \
                 GROUP BY m.body_id, CAST(SUBSTR(m.meeting_date, 1, 4) AS BIGINT)"
            ),
            vec![],
            "counting the archive",
        )
        .await?;
        let kept_years = query_rows(
            &mut conn,
            "SELECT body_id, year, meetings, paragraphs FROM body_years",
            vec![],
            "reading the kept years",
        )
        .await?;
        let years = |rows: &[sqlx::any::AnyRow]| -> Result<YearCounts, StoreError> {
            rows.iter()
                .map(|r| {
                    Ok((
                        (int(r, "body_id")?, int(r, "year")?),
                        (int(r, "meetings")?, int(r, "paragraphs")?),
                    ))
                })
                .collect()
        };
        let (fresh_years, kept_years) = (years(&fresh_years)?, years(&kept_years)?);
        let mut out = Vec::new();
        let keys: BTreeSet<&(i64, i64)> = fresh_years.keys().chain(kept_years.keys()).collect();
        for key in keys {
            let (fresh, kept) = (fresh_years.get(key), kept_years.get(key));
            if fresh != kept {
                out.push(format!(
                    "body {} year {}: counted {fresh:?}, kept {kept:?}",
                    key.0, key.1
                ));
            }
        }
        let bodies = query_rows(
            &mut conn,
            "SELECT b.id, (SELECT MIN(m.meeting_date) FROM meetings m WHERE m.body_id = b.id) AS first_meeting, \
             (SELECT MAX(m.meeting_date) FROM meetings m WHERE m.body_id = b.id) AS last_meeting, \
             s.body_id AS kept, s.meeting_count, s.paragraph_count, s.first_meeting AS kept_first, \
             s.last_meeting AS kept_last FROM bodies b LEFT JOIN body_summaries s ON s.body_id = b.id",
            vec![],
            "reading the kept summaries",
        )
        .await?;
        for row in &bodies {
            let body_id = int(row, "id")?;
            let (meetings, paragraphs) = fresh_years
                .iter()
                .filter(|((b, _), _)| *b == body_id)
                .fold((0, 0), |(m, p), (_, (ym, yp))| (m + ym, p + yp));
            let fresh: Counts = (
                meetings,
                paragraphs,
                opt_text(row, "first_meeting")?,
                opt_text(row, "last_meeting")?,
            );
            // A body no write has touched yet has no row: it counts as empty.
            let kept: Counts = match opt_int(row, "kept")? {
                Some(_) => (
                    int(row, "meeting_count")?,
                    int(row, "paragraph_count")?,
                    opt_text(row, "kept_first")?,
                    opt_text(row, "kept_last")?,
                ),
                None => (0, 0, None, None),
            };
            if fresh != kept {
                out.push(format!("body {body_id}: counted {fresh:?}, kept {kept:?}"));
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Store, StoreConfig};

    /// Migration 13 fills the summaries from what an older database holds: its statements
    /// run again over an archive whose summaries were emptied give what the writes kept.
    #[tokio::test]
    async fn the_migration_fills_the_summaries_from_the_archive() {
        let mut urls = vec![None];
        if let Some(url) = kansli_testpg::fresh_database_url() {
            urls.push(Some(url));
        }
        for database_url in urls {
            let dir = tempfile::tempdir().expect("temp dir");
            let store = Store::open(&StoreConfig {
                data_dir: dir.path().to_path_buf(),
                database_url,
            })
            .await
            .expect("open store");
            let mut p = kansli_core::protocol::ParsedProtocol::new(
                "Direktionen",
                chrono::NaiveDate::from_ymd_opt(2025, 3, 12).unwrap(),
            );
            for (i, date) in ["2024-02-01", "2025-03-12", "2025-06-01"]
                .iter()
                .enumerate()
            {
                p.meeting_date = date.parse().unwrap();
                p.items = (1..=(i as u32 + 2))
                    .map(|n| kansli_core::protocol::Item {
                        paragraph: n,
                        dnr: None,
                        title: format!("Ärende {n}"),
                        decision: Some("Direktionen beslutar att notera informationen.".into()),
                        summary: None,
                        basis: vec![],
                        motions: vec![],
                        proposition_order: None,
                        vote: None,
                        reservations: vec![],
                        notes: vec![],
                        disqualifications: vec![],
                        dispatch: vec![],
                        sections: vec![],
                        recorded: Default::default(),
                    })
                    .collect();
                store
                    .import_protocol(&p, date.as_bytes(), "f.txt", "Kommunalförbundet Itsam")
                    .await
                    .expect("import");
            }
            let kept = store.authorities().await.unwrap();
            assert_eq!(
                (kept[0].meeting_count, kept[0].paragraph_count),
                (3, 2 + 3 + 4)
            );
            let mut tx = store.pool.begin().await.unwrap();
            for sql in ["DROP TABLE body_summaries", "DROP TABLE body_years"]
                .into_iter()
                .map(String::from)
                .chain(
                    crate::migrations::SCHEMA_V13
                        .split(';')
                        .map(|s| crate::migrations::render(s, store.backend)),
                )
            {
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(&mut *tx)
                    .await
                    .expect("migration statement");
            }
            tx.commit().await.unwrap();
            assert_eq!(store.summary_drift().await.unwrap(), Vec::<String>::new());
            assert_eq!(store.authorities().await.unwrap(), kept);
        }
    }
}
