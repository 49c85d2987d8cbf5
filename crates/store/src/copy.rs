//! Copying a whole installation from one database to another (`kansli migrate`), verified.
//!
//! Every table the migrations create is copied in creation order (parents before children),
//! in batches, inside one transaction on the target: a failed copy leaves the target as it was.
//! Ids are copied as they are, and PostgreSQL's sequences are then moved past them. Before the
//! commit, every table is read back from both sides and compared by row count and a checksum
//! computed here in Rust (SHA-256 over the sorted digests of the rows' values), so the
//! comparison depends on neither backend's ordering, collation nor text rendering of values.
//!
//! Running it twice is safe: a target that already holds exactly the source's rows is reported
//! as identical and left alone; a target that holds anything else is refused.

use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AssertSqlSafe, Row};

use crate::error::DbContext;
use crate::migrations::{Kind, TableShape, table_shapes};
use crate::sql::{Val, bind_all, insert_rows};
use crate::{Backend, Store, StoreError};

/// How many rows are read per batch.
const BATCH: i64 = 2000;

/// One table's comparison of source and target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableCheck {
    /// The table.
    pub table: String,
    /// Rows in the source.
    pub source_rows: u64,
    /// Rows in the target.
    pub target_rows: u64,
    /// The source's checksum (hex SHA-256, independent of row order).
    pub source_checksum: String,
    /// The target's checksum.
    pub target_checksum: String,
}

impl TableCheck {
    /// Whether both sides hold the same rows.
    pub fn equal(&self) -> bool {
        self.source_rows == self.target_rows && self.source_checksum == self.target_checksum
    }
}

/// What a copy did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", content = "tables", rename_all = "snake_case")]
pub enum CopyOutcome {
    /// The target was empty; every table was copied and verified.
    Copied(Vec<TableCheck>),
    /// The target already held exactly the source's rows; nothing was written.
    AlreadyIdentical(Vec<TableCheck>),
}

impl CopyOutcome {
    /// The per-table checks.
    pub fn tables(&self) -> &[TableCheck] {
        match self {
            CopyOutcome::Copied(t) | CopyOutcome::AlreadyIdentical(t) => t,
        }
    }
}

/// A table's row count and checksum.
struct Summary {
    rows: u64,
    checksum: String,
}

impl Store {
    /// Copies everything in this store's database into `target`'s (see the module comment).
    /// Originals still kept only in this store's data directory are first moved into its
    /// database (`absorb_data_dir_files`), so the copy carries them.
    pub async fn copy_to(&self, target: &Store) -> Result<CopyOutcome, StoreError> {
        let source_versions = self.schema_versions().await?;
        let target_versions = target.schema_versions().await?;
        if source_versions != target_versions {
            return Err(StoreError::Invalid(format!(
                "the source has schema versions {source_versions:?}, the target \
                 {target_versions:?}: open both with the same Kansli first"
            )));
        }
        self.absorb_data_dir_files().await?;
        let shapes = table_shapes();
        let mut source = self.pool.acquire().await.db("connecting to the source")?;
        let target_empty = {
            let mut conn = target.pool.acquire().await.db("connecting to the target")?;
            let mut empty = true;
            for shape in &shapes {
                let row = sqlx::query(AssertSqlSafe(format!(
                    "SELECT COUNT(*) AS n FROM {}",
                    shape.name
                )))
                .fetch_one(&mut *conn)
                .await
                .db(format!("counting {} in the target", shape.name))?;
                empty &= crate::sql::int(&row, "n")? == 0;
            }
            empty
        };
        if !target_empty {
            let mut conn = target.pool.acquire().await.db("connecting to the target")?;
            let checks = compare(&shapes, &mut source, &mut conn).await?;
            if let Some(differs) = checks.iter().find(|c| !c.equal()) {
                return Err(StoreError::Invalid(format!(
                    "the target database is not empty and differs from the source (table {}: \
                     {} rows there, {} here): copy into an empty database",
                    differs.table, differs.target_rows, differs.source_rows
                )));
            }
            return Ok(CopyOutcome::AlreadyIdentical(checks));
        }

        let mut tx = target.pool.begin().await.db("starting the copy")?;
        for shape in &shapes {
            copy_table(shape, &mut source, &mut tx).await?;
            if shape.has_id && target.backend == Backend::Postgres {
                let (table, id) = (&shape.name, &shape.columns[0].0);
                sqlx::query(AssertSqlSafe(format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', '{id}'), \
                     (SELECT COALESCE(MAX({id}), 0) + 1 FROM {table}), false) AS next"
                )))
                .execute(&mut *tx)
                .await
                .db(format!(
                    "moving the id sequence of {table} past the copied ids"
                ))?;
            }
        }
        let checks = compare(&shapes, &mut source, &mut tx).await?;
        if let Some(differs) = checks.iter().find(|c| !c.equal()) {
            return Err(StoreError::Corrupt(format!(
                "the copy of {} does not match its source ({} rows, checksum {} there; {} rows, \
                 checksum {} here); nothing was committed",
                differs.table,
                differs.target_rows,
                differs.target_checksum,
                differs.source_rows,
                differs.source_checksum
            )));
        }
        tx.commit().await.db("committing the copy")?;
        target.watcher.wrote();
        Ok(CopyOutcome::Copied(checks))
    }
}

/// `SELECT cols FROM table ORDER BY key LIMIT … OFFSET …`.
fn select_batch(shape: &TableShape) -> String {
    let columns: Vec<&str> = shape.columns.iter().map(|(c, _)| c.as_str()).collect();
    format!(
        "SELECT {} FROM {} ORDER BY {} LIMIT $1 OFFSET $2",
        columns.join(", "),
        shape.name,
        shape.key.join(", ")
    )
}

/// Reads a batch of rows as values.
async fn read_batch(
    shape: &TableShape,
    conn: &mut AnyConnection,
    offset: i64,
    side: &str,
) -> Result<Vec<Vec<Val>>, StoreError> {
    let rows = bind_all(
        sqlx::query(AssertSqlSafe(select_batch(shape))),
        [Val::from(BATCH), Val::from(offset)],
    )
    .fetch_all(&mut *conn)
    .await
    .db(format!("reading {} from the {side}", shape.name))?;
    rows.iter().map(|row| values(shape, row)).collect()
}

/// A row's values, typed by the schema.
fn values(shape: &TableShape, row: &AnyRow) -> Result<Vec<Val>, StoreError> {
    shape
        .columns
        .iter()
        .enumerate()
        .map(|(i, (column, kind))| {
            let context = || format!("reading {}.{column}", shape.name);
            Ok(match kind {
                Kind::Int => Val::Int(row.try_get(i).db(context())?),
                Kind::Text => Val::Text(row.try_get(i).db(context())?),
                Kind::Blob => Val::Blob(row.try_get(i).db(context())?),
            })
        })
        .collect()
}

async fn copy_table(
    shape: &TableShape,
    source: &mut AnyConnection,
    target: &mut AnyConnection,
) -> Result<(), StoreError> {
    let columns: Vec<&str> = shape.columns.iter().map(|(c, _)| c.as_str()).collect();
    let mut offset = 0;
    loop {
        let batch = read_batch(shape, source, offset, "source").await?;
        let n = batch.len() as i64;
        insert_rows(target, &shape.name, &columns, batch, "").await?;
        if n < BATCH {
            return Ok(());
        }
        offset += n;
    }
}

/// Count and checksum of one table.
async fn summarise(
    shape: &TableShape,
    conn: &mut AnyConnection,
    side: &str,
) -> Result<Summary, StoreError> {
    let mut digests: Vec<[u8; 32]> = Vec::new();
    let mut offset = 0;
    loop {
        let batch = read_batch(shape, conn, offset, side).await?;
        let n = batch.len() as i64;
        digests.extend(batch.iter().map(|row| row_digest(row)));
        if n < BATCH {
            break;
        }
        offset += n;
    }
    digests.sort_unstable();
    let mut all = Sha256::new();
    for digest in &digests {
        all.update(digest);
    }
    Ok(Summary {
        rows: digests.len() as u64,
        checksum: hex::encode(all.finalize()),
    })
}

/// A digest of a row's values, tagged by kind so that NULL, 0 and "" differ.
fn row_digest(row: &[Val]) -> [u8; 32] {
    let mut hash = Sha256::new();
    for value in row {
        match value {
            Val::Int(None) | Val::Text(None) | Val::Blob(None) => hash.update(b"n"),
            Val::Int(Some(v)) => {
                hash.update(b"i");
                hash.update(v.to_le_bytes());
            }
            Val::Text(Some(v)) => {
                hash.update(b"t");
                hash.update((v.len() as u64).to_le_bytes());
                hash.update(v.as_bytes());
            }
            Val::Blob(Some(v)) => {
                hash.update(b"b");
                hash.update((v.len() as u64).to_le_bytes());
                hash.update(v);
            }
        }
    }
    hash.finalize().into()
}

/// Compares every table of both sides.
async fn compare(
    shapes: &[TableShape],
    source: &mut AnyConnection,
    target: &mut AnyConnection,
) -> Result<Vec<TableCheck>, StoreError> {
    let mut checks = Vec::new();
    for shape in shapes {
        let s = summarise(shape, source, "source").await?;
        let t = summarise(shape, target, "target").await?;
        checks.push(TableCheck {
            table: shape.name.clone(),
            source_rows: s.rows,
            target_rows: t.rows,
            source_checksum: s.checksum,
            target_checksum: t.checksum,
        });
    }
    Ok(checks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_tell_null_zero_and_empty_apart() {
        let a = row_digest(&[Val::Int(None)]);
        let b = row_digest(&[Val::Int(Some(0))]);
        let c = row_digest(&[Val::Text(Some(String::new()))]);
        let d = row_digest(&[Val::Text(Some("ab".into())), Val::Text(Some("c".into()))]);
        let e = row_digest(&[Val::Text(Some("a".into())), Val::Text(Some("bc".into()))]);
        assert!(a != b && b != c && a != c && d != e);
    }
}
