//! PostgreSQL's statistics kept in step with a bulk import: the tables an import looks up and
//! checks by key are analysed whenever the minutes have doubled since the last analysis.
//!
//! Why: PostgreSQL plans a foreign-key check (and a trigger's query) once per connection and
//! keeps the plan until the table's statistics change. Planned while `persons` or `minutes`
//! were a page or two, the check is a sequential scan, and it stays one as the import grows
//! the table: 2,000 generated protocols into a fresh database read 22 million rows of
//! `persons` and 5 million of `minutes` that way (bench/README.md, issue 18). Autovacuum
//! analyses a table at most once a minute per database, far behind an import. An analysis
//! at every doubling replans them with what the tables hold, costs a few analyses in all
//! (log₂ of the growth), and never blocks a writer (ANALYZE takes a lock that only schema
//! changes and other analyses wait for).

use std::sync::Mutex;

use crate::error::DbContext;
use crate::sql::{execute_sql, int, query_rows};
use crate::{Backend, Store, StoreError};

/// The tables an import reads by key or that its foreign keys and triggers check: their
/// plans are the ones that went stale.
const TABLES: &str =
    "authorities, bodies, meetings, minutes, paragraphs, persons, cases, body_years";

/// Below this many minutes a scan is as cheap as an index: no analysis before it.
const FIRST_AT: u64 = 64;

/// How many minutes the import has seen the database hold, and when it analyses next.
#[derive(Debug, Default)]
pub(crate) struct Growth {
    state: Mutex<Option<GrowthState>>,
}

#[derive(Debug, Clone, Copy)]
struct GrowthState {
    /// Minutes in the database as far as this store knows: PostgreSQL's estimate when the
    /// first batch was stored, plus what this store imported since.
    minutes: u64,
    /// The count at which the tables are analysed next.
    next: u64,
}

impl GrowthState {
    /// Counts `stored` more minutes; true when that reaches the next analysis (which is then
    /// set to twice today's count).
    fn grow(&mut self, stored: u64) -> bool {
        self.minutes += stored;
        if self.minutes < self.next {
            return false;
        }
        self.next = self.minutes.saturating_mul(2).max(FIRST_AT);
        true
    }
}

impl Store {
    /// After a batch of `stored` protocols was committed: on PostgreSQL, analyses the import's
    /// tables when the minutes have doubled since the last analysis this store made (or the
    /// estimate it started from). Best effort: a failed analysis is logged, never the
    /// import's error.
    pub(crate) async fn analyze_if_grown(&self, stored: usize) {
        if self.backend != Backend::Postgres || stored == 0 {
            return;
        }
        let known = *self.growth.state.lock().unwrap_or_else(|p| p.into_inner());
        let start = match known {
            Some(state) => state,
            None => match self.minutes_estimate().await {
                Ok(minutes) => GrowthState {
                    minutes,
                    next: minutes.saturating_mul(2).max(FIRST_AT),
                },
                Err(error) => {
                    tracing::warn!(%error, "could not read the size of the minutes table");
                    return;
                }
            },
        };
        let due = {
            let mut guard = self.growth.state.lock().unwrap_or_else(|p| p.into_inner());
            let state = guard.get_or_insert(start);
            state.grow(stored as u64)
        };
        if due && let Err(error) = self.analyze_import_tables().await {
            tracing::warn!(%error, "could not analyse the imported tables");
        }
    }

    /// PostgreSQL's estimate of the rows in `minutes` (0 before its first analysis).
    async fn minutes_estimate(&self) -> Result<u64, StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        let rows = query_rows(
            &mut conn,
            "SELECT CAST(GREATEST(reltuples, 0) AS BIGINT) AS n FROM pg_class \
             WHERE oid = CAST('minutes' AS regclass)",
            vec![],
            "reading the size of the minutes table",
        )
        .await?;
        let n = rows.first().map(|r| int(r, "n")).transpose()?.unwrap_or(0);
        Ok(u64::try_from(n).unwrap_or(0))
    }

    async fn analyze_import_tables(&self) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await.db("connecting")?;
        execute_sql(
            &mut conn,
            &format!("ANALYZE {TABLES}"),
            vec![],
            "analysing the imported tables",
        )
        .await?;
        tracing::debug!("analysed the imported tables");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_database_is_analysed_at_every_doubling_from_the_first_threshold() {
        let mut state = GrowthState {
            minutes: 0,
            next: FIRST_AT,
        };
        let mut at = Vec::new();
        for _ in 0..1000 {
            if state.grow(10) {
                at.push(state.minutes);
            }
        }
        assert_eq!(at, vec![70, 140, 280, 560, 1120, 2240, 4480, 8960]);
    }

    #[test]
    fn a_large_database_waits_until_it_has_doubled() {
        let mut state = GrowthState {
            minutes: 50_000,
            next: 100_000,
        };
        assert!(!state.grow(49_999));
        assert!(state.grow(1));
        assert_eq!(state.next, 200_000);
    }
}
