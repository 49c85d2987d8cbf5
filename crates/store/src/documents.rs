//! Finding a meeting to render its documents: by id, `BODY/DATE` or `AUTHORITY/BODY/DATE` as a
//! person types it (names or slugs, any case, å/ä/ö or not), and its stored reading.

use kansli_core::text::slug;
use serde::Serialize;
use sqlx::AssertSqlSafe;

use crate::error::DbContext;
use crate::readings::{READINGS_FROM, StoredReading, stored_reading};
use crate::sql::{int, text};
use crate::{Store, StoreError};

/// A meeting as the renderer names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingRef {
    /// The meeting's id.
    pub meeting_id: i64,
    /// The authority's slug.
    pub authority_slug: String,
    /// The authority's name.
    pub authority_name: String,
    /// The body's slug.
    pub body_slug: String,
    /// The body's name.
    pub body_name: String,
    /// The meeting's slug (its date, `-2` for a second meeting that day).
    pub meeting_slug: String,
    /// ISO date.
    pub meeting_date: String,
}

impl MeetingRef {
    /// `authority/body/meeting`, the spec that names it without ambiguity.
    pub fn spec(&self) -> String {
        format!(
            "{}/{}/{}",
            self.authority_slug, self.body_slug, self.meeting_slug
        )
    }
}

fn matches(part: &str, slug_col: &str, name: &str) -> bool {
    let wanted = slug(part);
    !wanted.is_empty() && (wanted == slug_col || wanted == slug(name))
}

impl Store {
    /// The meetings a spec names: an id (`12`), `BODY/DATE` or `AUTHORITY/BODY/DATE`, where
    /// DATE is an ISO date or a meeting slug and the names may be slugs or names as printed.
    /// Empty when none matches; more than one when the spec is ambiguous.
    pub async fn find_meetings(&self, spec: &str) -> Result<Vec<MeetingRef>, StoreError> {
        let spec = spec.trim().trim_matches('/');
        let parts: Vec<&str> = spec.split('/').map(str::trim).collect();
        let id: Option<i64> = match parts.as_slice() {
            [one] => one.parse().ok(),
            _ => None,
        };
        let date = match parts.as_slice() {
            [_, d] | [_, _, d] => d.to_string(),
            _ => String::new(),
        };
        if id.is_none() && date.is_empty() {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(
            "SELECT m.id AS meeting_id, a.slug AS authority_slug, a.name AS authority_name, \
             b.slug AS body_slug, b.name AS body_name, m.slug AS meeting_slug, \
             m.meeting_date AS meeting_date \
             FROM meetings m \
             JOIN bodies b ON b.id = m.body_id \
             JOIN authorities a ON a.id = b.authority_id \
             WHERE m.id = $1 OR m.meeting_date = $2 OR m.slug = $2 \
             ORDER BY a.slug, b.slug, m.meeting_date, m.slug",
        )
        .bind(id.unwrap_or(-1))
        .bind(date)
        .fetch_all(&self.pool)
        .await
        .db("finding a meeting")?;
        let mut out = Vec::new();
        for row in &rows {
            let m = MeetingRef {
                meeting_id: int(row, "meeting_id")?,
                authority_slug: text(row, "authority_slug")?,
                authority_name: text(row, "authority_name")?,
                body_slug: text(row, "body_slug")?,
                body_name: text(row, "body_name")?,
                meeting_slug: text(row, "meeting_slug")?,
                meeting_date: text(row, "meeting_date")?,
            };
            let keep = match parts.as_slice() {
                [_] => Some(m.meeting_id) == id,
                [b, _] => matches(b, &m.body_slug, &m.body_name),
                [a, b, _] => {
                    matches(a, &m.authority_slug, &m.authority_name)
                        && matches(b, &m.body_slug, &m.body_name)
                }
                _ => false,
            };
            if keep {
                out.push(m);
            }
        }
        // An exact meeting slug beats a date shared by a second meeting that day.
        if out.len() > 1 {
            let exact: Vec<MeetingRef> = out
                .iter()
                .filter(|m| parts.last().is_some_and(|d| *d == m.meeting_slug))
                .cloned()
                .collect();
            if exact.len() == 1 {
                return Ok(exact);
            }
        }
        Ok(out)
    }

    /// The public record of one meeting (its minutes when justerade or posted), if it has
    /// one: what the renderer and the archive's documents read.
    pub async fn meeting_reading(
        &self,
        meeting_id: i64,
    ) -> Result<Option<StoredReading>, StoreError> {
        Ok(self
            .public_minutes(meeting_id)
            .await?
            .map(|m| StoredReading {
                meeting_id: m.meeting_id,
                authority_slug: m.authority_slug,
                body_slug: m.body_slug,
                meeting_slug: m.meeting_slug,
                protocol: m.record,
            }))
    }

    /// The parser's own reading of an imported meeting's file (the import's input), if it has
    /// one: what moving a meeting re-imports.
    pub async fn parser_reading(
        &self,
        meeting_id: i64,
    ) -> Result<Option<StoredReading>, StoreError> {
        // Built from constants only; the meeting id is bound.
        let sql = format!("{READINGS_FROM} WHERE m.id = $1");
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(meeting_id)
            .fetch_optional(&self.pool)
            .await
            .db("reading a meeting's stored reading")?;
        row.as_ref().map(stored_reading).transpose()
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use kansli_core::protocol::ParsedProtocol;

    use crate::{Store, StoreConfig};

    fn protocol(body: &str, date: NaiveDate) -> ParsedProtocol {
        ParsedProtocol {
            layout: "test".into(),
            ..ParsedProtocol::new(body, date)
        }
    }

    #[tokio::test]
    async fn specs_find_meetings_and_ambiguity_lists_candidates() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&StoreConfig {
            data_dir: dir.path().to_path_buf(),
            database_url: None,
        })
        .await
        .expect("store");
        let day = NaiveDate::from_ymd_opt(2024, 3, 5).expect("date");
        for (body, authority, text) in [
            ("Kultur- och fritidsnämnden", "Lomma kommun", "a"),
            ("Kultur- och fritidsnämnden", "Ödeshögs kommun", "b"),
            ("Direktionen", "Kommunalförbundet Itsam", "c"),
        ] {
            store
                .import_protocol(&protocol(body, day), text.as_bytes(), "x.txt", authority)
                .await
                .expect("import");
        }
        let one = store
            .find_meetings("direktionen/2024-03-05")
            .await
            .expect("find");
        assert_eq!(one.len(), 1);
        let id = one[0].meeting_id;
        assert_eq!(
            store
                .find_meetings(&id.to_string())
                .await
                .expect("id")
                .len(),
            1
        );
        assert!(store.meeting_reading(id).await.expect("reading").is_some());
        // Names as printed, with å/ä/ö and any case, match the slugs.
        let two = store
            .find_meetings("KULTUR- OCH FRITIDSNÄMNDEN/2024-03-05")
            .await
            .expect("find");
        assert_eq!(two.len(), 2, "{two:?}");
        let exact = store
            .find_meetings("Ödeshögs kommun/kultur-och-fritidsnamnden/2024-03-05")
            .await
            .expect("find");
        assert_eq!(exact.len(), 1);
        assert_eq!(exact[0].authority_slug, "odeshogs-kommun");
        assert!(
            store
                .find_meetings("direktionen/2099-01-01")
                .await
                .expect("none")
                .is_empty()
        );
        assert!(
            store
                .find_meetings("nonsense")
                .await
                .expect("none")
                .is_empty()
        );
    }
}
