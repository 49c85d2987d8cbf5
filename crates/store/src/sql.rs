//! Small helpers for portable SQL through `sqlx::Any`: bound values and multi-row inserts.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AssertSqlSafe};

pub(crate) use crate::conn::Columns;

use crate::StoreError;
use crate::error::DbContext;

/// A value bound to a placeholder; the Any driver knows only a few types, and NULLs must carry
/// theirs (PostgreSQL checks them).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    /// BIGINT, or NULL.
    Int(Option<i64>),
    /// TEXT, or NULL.
    Text(Option<String>),
    /// Binary content (BLOB, BYTEA), or NULL.
    Blob(Option<Vec<u8>>),
}

impl From<i64> for Val {
    fn from(v: i64) -> Self {
        Val::Int(Some(v))
    }
}
impl From<Option<i64>> for Val {
    fn from(v: Option<i64>) -> Self {
        Val::Int(v)
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Self {
        Val::Text(Some(v.to_string()))
    }
}
impl From<String> for Val {
    fn from(v: String) -> Self {
        Val::Text(Some(v))
    }
}
impl From<Option<String>> for Val {
    fn from(v: Option<String>) -> Self {
        Val::Text(v)
    }
}
impl From<Option<&str>> for Val {
    fn from(v: Option<&str>) -> Self {
        Val::Text(v.map(str::to_string))
    }
}
impl From<Vec<u8>> for Val {
    fn from(v: Vec<u8>) -> Self {
        Val::Blob(Some(v))
    }
}
impl From<&Option<String>> for Val {
    fn from(v: &Option<String>) -> Self {
        Val::Text(v.clone())
    }
}

/// Builds `$first, $first+1, …` for `n` placeholders.
pub(crate) fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Binds values in order to a query.
pub(crate) fn bind_all<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    values: impl IntoIterator<Item = Val>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    for value in values {
        query = match value {
            Val::Int(v) => query.bind(v),
            Val::Text(v) => query.bind(v),
            Val::Blob(v) => query.bind(v),
        };
    }
    query
}

/// Runs a query with its bound values and returns every row; errors say what was being done.
pub(crate) async fn query_rows(
    conn: &mut AnyConnection,
    sql: &str,
    binds: Vec<Val>,
    context: &str,
) -> Result<Vec<AnyRow>, StoreError> {
    bind_all(sqlx::query(AssertSqlSafe(sql.to_string())), binds)
        .fetch_all(&mut *conn)
        .await
        .db(context.to_string())
}

/// Runs a statement with its bound values; returns how many rows it changed.
pub(crate) async fn execute_sql(
    conn: &mut AnyConnection,
    sql: &str,
    binds: Vec<Val>,
    context: &str,
) -> Result<u64, StoreError> {
    Ok(bind_all(sqlx::query(AssertSqlSafe(sql.to_string())), binds)
        .execute(&mut *conn)
        .await
        .db(context.to_string())?
        .rows_affected())
}

/// The most placeholders one statement gets (SQLite allows 32766, PostgreSQL 65535).
const MAX_PARAMS: usize = 8000;

/// Inserts many rows with multi-row `VALUES`, in chunks; `suffix` follows the values
/// (`ON CONFLICT … DO NOTHING`, `RETURNING …`). Returns the rows any `RETURNING` produced.
pub(crate) async fn insert_rows(
    conn: &mut AnyConnection,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<Val>>,
    suffix: &str,
) -> Result<Vec<AnyRow>, StoreError> {
    let mut out = Vec::new();
    if rows.is_empty() {
        return Ok(out);
    }
    // SQLite's driver looks up each `$n` by name in a list it walks from the start, so a
    // statement with n numbered placeholders costs n² steps (a 2,000-value insert: ~3 ms).
    // Anonymous `?` are bound by position; PostgreSQL knows only `$n`.
    let anonymous = conn.backend_name() == "SQLite";
    let per_chunk = (MAX_PARAMS / columns.len()).max(1);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Val>> = rows.by_ref().take(per_chunk).collect();
        let mut sql = String::with_capacity(64 + chunk.len() * columns.len() * 5);
        sql.push_str("INSERT INTO ");
        sql.push_str(table);
        sql.push_str(" (");
        sql.push_str(&columns.join(", "));
        sql.push_str(") VALUES ");
        let mut n = 0;
        for (i, row) in chunk.iter().enumerate() {
            debug_assert_eq!(row.len(), columns.len());
            if i > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for j in 0..row.len() {
                if j > 0 {
                    sql.push_str(", ");
                }
                if anonymous {
                    sql.push('?');
                } else {
                    n += 1;
                    sql.push('$');
                    sql.push_str(&n.to_string());
                }
            }
            sql.push(')');
        }
        if !suffix.is_empty() {
            sql.push(' ');
            sql.push_str(suffix);
        }
        let query = bind_all(sqlx::query(AssertSqlSafe(sql)), chunk.into_iter().flatten());
        let rows = query
            .fetch_all(&mut *conn)
            .await
            .db(format!("inserting into {table}"))?;
        out.extend(rows);
    }
    Ok(out)
}

/// The `id` an `INSERT … RETURNING id` gave back for `what` ("the notice").
///
/// Errors: [`StoreError::Corrupt`] when no row came back.
pub(crate) fn returned_id<R: Columns>(rows: &[R], what: &str) -> Result<i64, StoreError> {
    let row = rows
        .first()
        .ok_or_else(|| StoreError::Corrupt(format!("no id for {what}")))?;
    int(row, "id")
}

/// Reads an integer column (BIGINT on both backends).
pub(crate) fn int(row: &impl Columns, column: &str) -> Result<i64, StoreError> {
    row.opt_int(column)?
        .ok_or_else(|| StoreError::Corrupt(format!("column {column} is NULL")))
}

/// Reads a nullable integer column.
pub(crate) fn opt_int(row: &impl Columns, column: &str) -> Result<Option<i64>, StoreError> {
    row.opt_int(column)
}

/// Reads a text column.
pub(crate) fn text(row: &impl Columns, column: &str) -> Result<String, StoreError> {
    row.opt_text(column)?
        .ok_or_else(|| StoreError::Corrupt(format!("column {column} is NULL")))
}

/// Reads a nullable text column.
pub(crate) fn opt_text(row: &impl Columns, column: &str) -> Result<Option<String>, StoreError> {
    row.opt_text(column)
}

/// Reads a date column (`YYYY-MM-DD`).
pub(crate) fn date(row: &impl Columns, column: &str) -> Result<chrono::NaiveDate, StoreError> {
    let raw = text(row, column)?;
    raw.parse()
        .map_err(|_| StoreError::Corrupt(format!("column {column} holds {raw:?}, not a date")))
}

/// A stored moment (RFC 3339, as the store writes them) in UTC; `column` names where it was
/// read, for the error.
pub(crate) fn instant(
    raw: &str,
    column: &str,
) -> Result<chrono::DateTime<chrono::Utc>, StoreError> {
    chrono::DateTime::parse_from_rfc3339(raw)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|_| StoreError::Corrupt(format!("column {column} holds {raw:?}, not a time")))
}

/// Reads a nullable date column.
pub(crate) fn opt_date(
    row: &impl Columns,
    column: &str,
) -> Result<Option<chrono::NaiveDate>, StoreError> {
    match opt_text(row, column)? {
        None => Ok(None),
        Some(raw) => raw
            .parse()
            .map(Some)
            .map_err(|_| StoreError::Corrupt(format!("column {column} holds {raw:?}, not a date"))),
    }
}
