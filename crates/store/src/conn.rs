//! The connection an import writes through: sqlx's `Any` driver (PostgreSQL, and SQLite where
//! no file connection can be had), or on SQLite a rusqlite connection of its own.
//!
//! Why two drivers: sqlx runs each SQLite statement on a worker thread and hands it over
//! through a channel, so every statement costs two thread switches; an import runs about forty
//! statements per protocol, and a profile of 2,000 protocols had a third of the main thread's
//! time in those hand-overs (bench/README.md, issue 18). rusqlite runs the statement on the
//! calling thread, with statements prepared once and cached. The SQL is the same text for
//! both (`$n` placeholders, bound by name on SQLite), so the import's code is written once
//! against [`Db`].

use std::sync::{Arc, Mutex};

use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::StoreError;
use crate::generation::Watcher;
use crate::sql::{Val, execute_sql, query_rows};

/// A connection to write through, for the length of one transaction.
pub(crate) enum Db<'c> {
    /// Through sqlx's `Any` driver.
    Any(&'c mut AnyConnection),
    /// SQLite through rusqlite, on the calling thread.
    Lite(&'c LiteConn),
}

impl<'c> From<&'c mut AnyConnection> for Db<'c> {
    fn from(conn: &'c mut AnyConnection) -> Self {
        Db::Any(conn)
    }
}

/// A row read through either driver.
#[derive(Clone)]
pub(crate) enum Row {
    /// From sqlx.
    Any(AnyRow),
    /// From rusqlite: the statement's column names and the row's values.
    Lite(Arc<[String]>, Vec<rusqlite::types::Value>),
}

/// Reading a column by name, whichever driver read the row.
pub(crate) trait Columns {
    /// The integer in `column`, `None` for NULL.
    fn opt_int(&self, column: &str) -> Result<Option<i64>, StoreError>;
    /// The text in `column`, `None` for NULL.
    fn opt_text(&self, column: &str) -> Result<Option<String>, StoreError>;
}

impl<T: Columns> Columns for &T {
    fn opt_int(&self, column: &str) -> Result<Option<i64>, StoreError> {
        (**self).opt_int(column)
    }
    fn opt_text(&self, column: &str) -> Result<Option<String>, StoreError> {
        (**self).opt_text(column)
    }
}

impl Columns for AnyRow {
    fn opt_int(&self, column: &str) -> Result<Option<i64>, StoreError> {
        use crate::error::DbContext;
        use sqlx::Row as _;
        self.try_get::<Option<i64>, _>(column)
            .db(format!("reading column {column}"))
    }
    fn opt_text(&self, column: &str) -> Result<Option<String>, StoreError> {
        use crate::error::DbContext;
        use sqlx::Row as _;
        self.try_get::<Option<String>, _>(column)
            .db(format!("reading column {column}"))
    }
}

impl Row {
    /// The value in `column` of a rusqlite row.
    fn lite_value<'a>(
        columns: &[String],
        values: &'a [rusqlite::types::Value],
        column: &str,
    ) -> Result<&'a rusqlite::types::Value, StoreError> {
        columns
            .iter()
            .position(|c| c == column)
            .and_then(|i| values.get(i))
            .ok_or_else(|| StoreError::Corrupt(format!("no column {column} in the result")))
    }
}

impl Columns for Row {
    fn opt_int(&self, column: &str) -> Result<Option<i64>, StoreError> {
        use rusqlite::types::Value;
        match self {
            Row::Any(row) => row.opt_int(column),
            Row::Lite(columns, values) => match Row::lite_value(columns, values, column)? {
                Value::Null => Ok(None),
                Value::Integer(i) => Ok(Some(*i)),
                other => Err(StoreError::Corrupt(format!(
                    "column {column} holds {other:?}, not an integer"
                ))),
            },
        }
    }
    fn opt_text(&self, column: &str) -> Result<Option<String>, StoreError> {
        use rusqlite::types::Value;
        match self {
            Row::Any(row) => row.opt_text(column),
            Row::Lite(columns, values) => match Row::lite_value(columns, values, column)? {
                Value::Null => Ok(None),
                Value::Text(s) => Ok(Some(s.clone())),
                other => Err(StoreError::Corrupt(format!(
                    "column {column} holds {other:?}, not text"
                ))),
            },
        }
    }
}

/// A rusqlite connection to the store's SQLite file, used by one transaction at a time (the
/// store hands it out behind an async lock; the inner lock is never contended and makes the
/// connection shareable between threads).
pub(crate) struct LiteConn(Mutex<rusqlite::Connection>);

impl std::fmt::Debug for LiteConn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LiteConn")
    }
}

/// How many prepared statements the import's connection keeps: the import runs about forty
/// distinct statements, and each multi-row insert up to `LITE_CHUNK` (one per row count).
const STATEMENT_CACHE: usize = 1024;

/// Rows per multi-row insert on the import's SQLite connection: each statement costs SQLite a
/// statement journal and a cursor set-up, so fewer and longer ones are cheaper.
const LITE_CHUNK: usize = 32;

/// `INSERT INTO table (columns) VALUES (?, …), … suffix` for `rows` rows.
fn multi_row_insert(table: &str, columns: &[&str], rows: usize, suffix: &str) -> String {
    let row = format!("({})", vec!["?"; columns.len()].join(", "));
    let mut sql = format!(
        "INSERT INTO {table} ({}) VALUES {}",
        columns.join(", "),
        vec![row.as_str(); rows].join(", ")
    );
    if !suffix.is_empty() {
        sql.push(' ');
        sql.push_str(suffix);
    }
    sql
}

impl LiteConn {
    /// Opens the SQLite database at sqlx URL `url` (`sqlite://PATH?…`, already created by the
    /// pool) with the pool's settings; `None` for an in-memory database, which a second
    /// connection would not see.
    ///
    /// Errors: the file cannot be opened as a database.
    pub(crate) fn open(url: &str, mapped: bool) -> Result<Option<LiteConn>, StoreError> {
        use rusqlite::OpenFlags;
        if url.contains(":memory:") || url.contains("mode=memory") {
            return Ok(None);
        }
        let Some(rest) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        else {
            return Ok(None);
        };
        // The path part as sqlx reads it (percent-encoded), as an SQLite URI; the file exists.
        let path = rest.split('?').next().unwrap_or(rest);
        let uri = format!("file:{path}");
        let conn = rusqlite::Connection::open_with_flags(
            &uri,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_URI,
        )
        .map_err(|source| lite_error("opening a connection to the database", source))?;
        // The pool's settings (db::SQLITE_PRAGMAS; the busy timeout first, so that setting the
        // journal mode waits for a writer too), and savepoints' journals kept in memory:
        // the import runs each protocol in a savepoint, whose pages SQLite otherwise copies to
        // a temporary file. Unless `mapped`, no mapped reads: a connection that writes, or
        // reads the whole database once for the search index, gains nothing by them, and
        // every page it mapped counted in the import's resident memory (10,000 protocols:
        // 1.2 GB peak instead of ~0.5).
        conn.execute_batch(&format!(
            "PRAGMA busy_timeout = 5000; {} PRAGMA temp_store = MEMORY;{}",
            crate::db::SQLITE_PRAGMAS,
            if mapped { "" } else { " PRAGMA mmap_size = 0;" }
        ))
        .map_err(|source| lite_error("setting up a connection to the database", source))?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        Ok(Some(LiteConn(Mutex::new(conn))))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, rusqlite::Connection> {
        // A panic while the lock was held leaves the connection as SQLite left it: usable.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `sql` with `binds`; every row comes back.
    fn rows(&self, sql: &str, binds: Vec<Val>, context: &str) -> Result<Vec<Row>, StoreError> {
        let conn = self.lock();
        let run = || -> Result<Vec<Row>, rusqlite::Error> {
            let mut statement = conn.prepare_cached(sql)?;
            bind(&mut statement, binds)?;
            let columns: Arc<[String]> = statement
                .column_names()
                .into_iter()
                .map(str::to_string)
                .collect();
            let width = columns.len();
            let mut out = Vec::new();
            let mut rows = statement.raw_query();
            while let Some(row) = rows.next()? {
                let mut values = Vec::with_capacity(width);
                for i in 0..width {
                    values.push(row.get::<_, rusqlite::types::Value>(i)?);
                }
                out.push(Row::Lite(columns.clone(), values));
            }
            Ok(out)
        };
        run().map_err(|source| lite_error(context, source))
    }

    /// Runs `sql` with `binds`; returns how many rows it changed.
    fn execute(&self, sql: &str, binds: Vec<Val>, context: &str) -> Result<u64, StoreError> {
        let conn = self.lock();
        let run = || -> Result<u64, rusqlite::Error> {
            let mut statement = conn.prepare_cached(sql)?;
            bind(&mut statement, binds)?;
            Ok(statement.raw_execute()? as u64)
        };
        run().map_err(|source| lite_error(context, source))
    }

    /// Whether a transaction is open (after one was interrupted, it is rolled back first).
    pub(crate) fn in_transaction(&self) -> bool {
        !self.lock().is_autocommit()
    }
}

/// Binds `binds` to a statement's placeholders: `$n` takes the n-th value (SQLite numbers named
/// placeholders in order of first appearance, which need not be n), `?` the next one.
fn bind(statement: &mut rusqlite::CachedStatement<'_>, binds: Vec<Val>) -> rusqlite::Result<()> {
    let count = statement.parameter_count();
    let mut values: Vec<Option<Val>> = binds.into_iter().map(Some).collect();
    for index in 1..=count {
        let n = match statement.parameter_name(index) {
            Some(name) => name
                .strip_prefix('$')
                .and_then(|n| n.parse::<usize>().ok())
                .ok_or(rusqlite::Error::InvalidParameterName(name.to_string()))?,
            None => index,
        };
        let value = values
            .get_mut(n.wrapping_sub(1))
            .and_then(Option::take)
            .ok_or(rusqlite::Error::InvalidParameterCount(n, count))?;
        match value {
            Val::Int(v) => statement.raw_bind_parameter(index, v)?,
            Val::Text(v) => statement.raw_bind_parameter(index, v)?,
            Val::Blob(v) => statement.raw_bind_parameter(index, v)?,
        }
    }
    Ok(())
}

fn lite_error(context: &str, source: rusqlite::Error) -> StoreError {
    StoreError::Sqlite {
        context: context.to_string(),
        source,
    }
}

impl Db<'_> {
    /// Whether this is SQLite (either driver).
    pub(crate) fn is_sqlite(&self) -> bool {
        match self {
            Db::Any(conn) => conn.backend_name() == "SQLite",
            Db::Lite(_) => true,
        }
    }

    /// Runs a query with its bound values and returns every row; errors say what was being done.
    pub(crate) async fn rows(
        &mut self,
        sql: &str,
        binds: Vec<Val>,
        context: &str,
    ) -> Result<Vec<Row>, StoreError> {
        match self {
            Db::Any(conn) => Ok(query_rows(conn, sql, binds, context)
                .await?
                .into_iter()
                .map(Row::Any)
                .collect()),
            Db::Lite(lite) => lite.rows(sql, binds, context),
        }
    }

    /// The first row of a query, if any.
    pub(crate) async fn optional(
        &mut self,
        sql: &str,
        binds: Vec<Val>,
        context: &str,
    ) -> Result<Option<Row>, StoreError> {
        Ok(self.rows(sql, binds, context).await?.into_iter().next())
    }

    /// The first row of a query; a query that yields none is an error.
    pub(crate) async fn one(
        &mut self,
        sql: &str,
        binds: Vec<Val>,
        context: &str,
    ) -> Result<Row, StoreError> {
        self.optional(sql, binds, context)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("no row came back while {context}")))
    }

    /// Runs a statement with its bound values; returns how many rows it changed.
    pub(crate) async fn execute(
        &mut self,
        sql: &str,
        binds: Vec<Val>,
        context: &str,
    ) -> Result<u64, StoreError> {
        match self {
            Db::Any(conn) => execute_sql(conn, sql, binds, context).await,
            Db::Lite(lite) => lite.execute(sql, binds, context),
        }
    }

    /// Inserts rows into `table` (see [`crate::sql::insert_rows`]); on rusqlite in chunks of
    /// `LITE_CHUNK` rows, whose statements are prepared once.
    pub(crate) async fn insert_rows(
        &mut self,
        table: &str,
        columns: &[&str],
        rows: Vec<Vec<Val>>,
        suffix: &str,
    ) -> Result<Vec<Row>, StoreError> {
        match self {
            Db::Any(conn) => Ok(crate::sql::insert_rows(conn, table, columns, rows, suffix)
                .await?
                .into_iter()
                .map(Row::Any)
                .collect()),
            Db::Lite(lite) => {
                let context = format!("inserting into {table}");
                let mut out = Vec::new();
                let returning = suffix.contains("RETURNING");
                // Chunks of LITE_CHUNK rows share one cached statement; the rest goes in one
                // statement of its own length (at most LITE_CHUNK - 1 more cached statements).
                let mut rows = rows.into_iter().peekable();
                while rows.peek().is_some() {
                    let chunk: Vec<Vec<Val>> = rows.by_ref().take(LITE_CHUNK).collect();
                    let sql = multi_row_insert(table, columns, chunk.len(), suffix);
                    let values = chunk.into_iter().flatten().collect();
                    if returning {
                        out.extend(lite.rows(&sql, values, &context)?);
                    } else {
                        lite.execute(&sql, values, &context)?;
                    }
                }
                Ok(out)
            }
        }
    }
}

/// SQLite connections of the store's own, as many as run at once up to a bound, opened when
/// first needed, kept, and closed with the store (SQLite checkpoints its log when the last
/// connection closes): one for the import's writes, `LITE_READERS` for reads.
#[derive(Debug)]
pub(crate) struct LitePool {
    /// The pool's database URL; `None` on PostgreSQL.
    url: Option<String>,
    /// Whether its connections map the file for reading (`LiteConn::open`).
    mapped: bool,
    idle: std::sync::Mutex<Vec<LiteConn>>,
    permits: tokio::sync::Semaphore,
    closed: std::sync::atomic::AtomicBool,
}

/// How many reading SQLite connections the store keeps at most (each holds its page cache).
pub(crate) const LITE_READERS: usize = 8;

impl LitePool {
    /// A pool of up to `size` connections to the SQLite database at `url`; `None` for
    /// PostgreSQL.
    pub(crate) fn new(url: Option<String>, size: usize, mapped: bool) -> LitePool {
        // An in-memory database is another database on every connection.
        let url = url.filter(|u| !u.contains(":memory:") && !u.contains("mode=memory"));
        LitePool {
            url,
            mapped,
            idle: std::sync::Mutex::new(Vec::new()),
            permits: tokio::sync::Semaphore::new(size.max(1)),
            closed: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Closes the idle connections (and those in use when they are given back); later work
    /// goes through sqlx's pool.
    pub(crate) fn close(&self) {
        self.closed.store(true, std::sync::atomic::Ordering::SeqCst);
        self.idle.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// A connection for as long as the guard lives; `None` when there is none to have.
    async fn acquire(&self) -> Result<Option<PooledLite<'_>>, StoreError> {
        let Some(url) = self.url.as_deref() else {
            return Ok(None);
        };
        if self.closed.load(std::sync::atomic::Ordering::SeqCst) {
            return Ok(None);
        }
        let Ok(permit) = self.permits.acquire().await else {
            return Ok(None);
        };
        // Closed while this waited for a permit: no new connection after close.
        if self.closed.load(std::sync::atomic::Ordering::SeqCst) {
            return Ok(None);
        }
        let idle = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let conn = match idle {
            Some(conn) => conn,
            None => match LiteConn::open(url, self.mapped)? {
                Some(conn) => conn,
                None => return Ok(None),
            },
        };
        Ok(Some(PooledLite {
            pool: self,
            conn: Some(conn),
            _permit: permit,
        }))
    }
}

/// A connection of a [`LitePool`], given back when dropped.
pub(crate) struct PooledLite<'p> {
    pool: &'p LitePool,
    conn: Option<LiteConn>,
    _permit: tokio::sync::SemaphorePermit<'p>,
}

impl PooledLite<'_> {
    /// The connection.
    fn conn(&self) -> &LiteConn {
        match self.conn.as_ref() {
            Some(conn) => conn,
            // Only `drop` takes the connection out.
            None => unreachable!("a pooled connection is taken only when dropped"),
        }
    }

    /// The connection to read or write through.
    fn db(&self) -> Db<'_> {
        Db::Lite(self.conn())
    }
}

impl Drop for PooledLite<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take()
            && !self.pool.closed.load(std::sync::atomic::Ordering::SeqCst)
            && !conn.in_transaction()
        {
            self.pool
                .idle
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(conn);
        }
    }
}

/// A connection to read through: SQLite's own (rows are read on the calling thread, where
/// sqlx's driver hands each row over from its worker thread) or one of the pool's.
pub(crate) enum Reader<'s> {
    /// One of the pool's connections.
    Any(sqlx::pool::PoolConnection<sqlx::Any>),
    /// One of the store's reading SQLite connections.
    Lite(PooledLite<'s>),
}

impl Reader<'_> {
    /// A reading connection: from `lite` when it has one, else from `pool`.
    ///
    /// Errors: no connection could be had.
    pub(crate) async fn acquire<'s>(
        lite: &'s LitePool,
        pool: &sqlx::AnyPool,
    ) -> Result<Reader<'s>, StoreError> {
        use crate::error::DbContext;
        Ok(match lite.acquire().await? {
            Some(conn) => Reader::Lite(conn),
            None => Reader::Any(pool.acquire().await.db("connecting")?),
        })
    }

    /// The connection to read through.
    pub(crate) fn db(&mut self) -> Db<'_> {
        match self {
            Reader::Any(conn) => Db::Any(conn),
            Reader::Lite(pooled) => pooled.db(),
        }
    }
}

/// A read that sees one snapshot of the database across its queries: a read transaction on
/// one of the store's reading SQLite connections, else on one of the pool's.
pub(crate) enum Snapshot<'s> {
    /// Through sqlx.
    Any(sqlx::Transaction<'static, sqlx::Any>),
    /// On a reading SQLite connection (given up, not back to the pool, if dropped unfinished:
    /// closing it ends the transaction).
    Lite(PooledLite<'s>),
}

impl Snapshot<'_> {
    /// Starts a snapshot read.
    ///
    /// Errors: no connection could be had, or the transaction not started.
    pub(crate) async fn begin<'s>(
        lite: &'s LitePool,
        pool: &sqlx::AnyPool,
    ) -> Result<Snapshot<'s>, StoreError> {
        use crate::error::DbContext;
        if let Some(pooled) = lite.acquire().await? {
            pooled
                .conn()
                .execute("BEGIN", Vec::new(), "starting a read")?;
            return Ok(Snapshot::Lite(pooled));
        }
        Ok(Snapshot::Any(pool.begin().await.db("starting a read")?))
    }

    /// The connection to read through.
    pub(crate) fn db(&mut self) -> Db<'_> {
        match self {
            Snapshot::Any(tx) => Db::Any(tx),
            Snapshot::Lite(pooled) => pooled.db(),
        }
    }

    /// Ends the read.
    ///
    /// Errors: the transaction could not be ended.
    pub(crate) async fn finish(self) -> Result<(), StoreError> {
        use crate::error::DbContext;
        match self {
            Snapshot::Any(tx) => tx.commit().await.db("ending a read"),
            Snapshot::Lite(pooled) => match pooled.conn.as_ref() {
                Some(conn) => conn
                    .execute("COMMIT", Vec::new(), "ending a read")
                    .map(|_| ()),
                None => Ok(()),
            },
        }
    }
}

/// A write transaction of an import, on whichever connection it runs; its commit moves the
/// store's generation (`generation::Watcher::wrote`).
pub(crate) struct WriteTx<'s> {
    on: WriteOn<'s>,
    watcher: &'s Watcher,
}

/// The connection an import's transaction runs on.
enum WriteOn<'s> {
    /// Through sqlx.
    Any(sqlx::Transaction<'static, sqlx::Any>),
    /// Through the import's SQLite connection.
    Lite(LiteTx<'s>),
}

/// A transaction on the import's SQLite connection, rolled back when dropped uncommitted (an
/// interrupted import leaves nothing behind, as sqlx's transactions do).
pub(crate) struct LiteTx<'s> {
    conn: PooledLite<'s>,
    open: bool,
}

impl Drop for LiteTx<'_> {
    fn drop(&mut self) {
        if self.open {
            let _ = self
                .conn
                .conn()
                .execute("ROLLBACK", Vec::new(), "rolling back");
        }
    }
}

impl WriteTx<'_> {
    /// Starts a write transaction for an import: on the import's SQLite connection when there
    /// is one (taking SQLite's write lock at once, so it never meets another writer half way),
    /// else through `pool`.
    ///
    /// Errors: the database cannot be opened or stays locked past the busy timeout.
    pub(crate) async fn begin<'s>(
        slot: &'s LitePool,
        pool: &sqlx::AnyPool,
        sqlite: bool,
        watcher: &'s Watcher,
    ) -> Result<WriteTx<'s>, StoreError> {
        use crate::error::DbContext;
        if let Some(pooled) = slot.acquire().await? {
            let conn = pooled.conn();
            if conn.in_transaction() {
                conn.execute("ROLLBACK", Vec::new(), "rolling back")?;
            }
            conn.execute("BEGIN IMMEDIATE", Vec::new(), "starting a transaction")?;
            return Ok(WriteTx {
                on: WriteOn::Lite(LiteTx {
                    conn: pooled,
                    open: true,
                }),
                watcher,
            });
        }
        let tx = if sqlite {
            pool.begin_with("BEGIN IMMEDIATE").await
        } else {
            pool.begin().await
        }
        .db("starting a transaction")?;
        Ok(WriteTx {
            on: WriteOn::Any(tx),
            watcher,
        })
    }

    /// The connection to write through.
    pub(crate) fn db(&mut self) -> Db<'_> {
        match &mut self.on {
            WriteOn::Any(tx) => Db::Any(tx),
            WriteOn::Lite(tx) => tx.conn.db(),
        }
    }

    /// Commits the transaction.
    ///
    /// Errors: the commit failed (the transaction is rolled back).
    pub(crate) async fn commit(self) -> Result<(), StoreError> {
        use crate::error::DbContext;
        match self.on {
            WriteOn::Any(tx) => tx.commit().await.db("committing the import")?,
            WriteOn::Lite(mut tx) => {
                tx.conn
                    .conn()
                    .execute("COMMIT", Vec::new(), "committing the import")?;
                tx.open = false;
            }
        }
        self.watcher.wrote();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::{int, opt_text, text};

    fn open() -> (tempfile::TempDir, LiteConn) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a?b%c.sqlite3");
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b BIGINT, c BLOB)")
            .unwrap();
        drop(conn);
        let lite = LiteConn::open(&crate::db::sqlite_url(&path), false)
            .unwrap()
            .unwrap();
        (dir, lite)
    }

    #[test]
    fn binds_numbered_placeholders_by_number_whatever_their_order() {
        let (_dir, lite) = open();
        // $2 appears first: SQLite numbers it 1, so binding by position would swap them.
        let rows = lite
            .rows(
                "INSERT INTO t (b, a) VALUES ($2, $1) RETURNING id, a, b",
                vec!["text".into(), 7i64.into()],
                "test",
            )
            .unwrap();
        assert_eq!(text(&rows[0], "a").unwrap(), "text");
        assert_eq!(int(&rows[0], "b").unwrap(), 7);
        // A number used twice takes one value; `?` takes values in order; NULLs keep their type.
        let rows = lite
            .rows(
                "SELECT $1 AS x, $1 || $2 AS y",
                vec!["a".into(), "b".into()],
                "test",
            )
            .unwrap();
        assert_eq!(text(&rows[0], "y").unwrap(), "ab");
        lite.execute(
            "INSERT INTO t (a, b, c) VALUES (?, ?, ?)",
            vec![Val::Text(None), 3i64.into(), vec![1u8, 2].into()],
            "test",
        )
        .unwrap();
        let rows = lite
            .rows("SELECT a, b FROM t WHERE b = $1", vec![3i64.into()], "test")
            .unwrap();
        assert_eq!(opt_text(&rows[0], "a").unwrap(), None);
        // Too few values is an error naming what was being done, never a panic.
        let err = lite
            .execute("SELECT $1, $2", vec![1i64.into()], "counting")
            .unwrap_err();
        assert!(err.to_string().contains("counting"), "{err}");
    }

    /// The pages' readers map the file; the import's writer and the bulk reader do not (their
    /// mapped pages counted as the import's resident memory).
    #[tokio::test]
    async fn only_the_pages_readers_map_the_file() {
        let (dir, _) = open();
        let url = crate::db::sqlite_url(&dir.path().join("a?b%c.sqlite3"));
        for mapped in [true, false] {
            let pool = LitePool::new(Some(url.clone()), 1, mapped);
            let conn = pool.acquire().await.unwrap().unwrap();
            let rows = conn
                .conn()
                .rows("PRAGMA mmap_size", Vec::new(), "test")
                .unwrap();
            let size = int(&rows[0], "mmap_size").unwrap();
            assert_eq!(
                size > 0,
                mapped,
                "mmap_size {size} on a pool mapped={mapped}"
            );
        }
    }

    #[tokio::test]
    async fn a_transaction_dropped_uncommitted_is_rolled_back() {
        let (dir, _) = open();
        let url = crate::db::sqlite_url(&dir.path().join("a?b%c.sqlite3"));
        sqlx::any::install_default_drivers();
        let slot = LitePool::new(Some(url.clone()), 1, false);
        let pool = sqlx::AnyPool::connect_lazy(&url).unwrap();
        let watcher = Watcher::new(&url, Default::default());
        let mut tx = WriteTx::begin(&slot, &pool, true, &watcher).await.unwrap();
        assert!(matches!(tx.on, WriteOn::Lite(_)));
        tx.db()
            .execute("INSERT INTO t (a) VALUES ($1)", vec!["x".into()], "test")
            .await
            .unwrap();
        drop(tx);
        let mut tx = WriteTx::begin(&slot, &pool, true, &watcher).await.unwrap();
        let rows = tx
            .db()
            .rows("SELECT COUNT(*) AS n FROM t", Vec::new(), "test")
            .await
            .unwrap();
        assert_eq!(int(&rows[0], "n").unwrap(), 0);
        tx.db()
            .execute("INSERT INTO t (a) VALUES ($1)", vec!["y".into()], "test")
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let conn = rusqlite::Connection::open(dir.path().join("a?b%c.sqlite3")).unwrap();
        let n: i64 = conn
            .query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
    }
}
