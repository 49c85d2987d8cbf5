//! The database's generation: a value that changes whenever any committed write changes the
//! database, by this process or another, so that a cache of what was read can be keyed by it
//! and never serve what a write has since changed.
//!
//! No table of Kansli's is touched for it, so no write path has to remember to bump a counter:
//! on PostgreSQL it is the current snapshot (`pg_current_snapshot()`: the next transaction id
//! and the ids still running; a transaction that writes gets an id, so the text changes when
//! one starts writing and again when it ends, whichever server on the database runs it, while
//! reads leave it alone); on SQLite it is `PRAGMA data_version` on a connection of its own
//! that never writes (SQLite changes that number for every commit made by any *other*
//! connection, in this process or another; on the connection that wrote it stays the same,
//! which is why the pool's connections cannot be asked). The value may also change without a
//! change of content (transaction ids are the cluster's, so a write to another database of
//! the same PostgreSQL server moves it too, as do autovacuum's analyses and a rolled back
//! transaction): a cache keyed by it then misses, which costs time, never correctness. (The WAL position, the other obvious number, moves on plain reads too: page
//! pruning and vacuum write to the log.) One query per call.

use chrono::NaiveDate;
use sqlx::Row;
use tokio::sync::Mutex;

use crate::conn::{Db, LiteConn};
use crate::error::DbContext;
use crate::{Backend, Store, StoreError};

/// What the store's reads depended on when they were made: the database's generation and the
/// store clock's date (avpublicering compares meeting dates with it). Two reads with equal
/// generations read the same content.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Generation {
    /// The backend's change number, as text (a snapshot such as `7345:7348:7345` on
    /// PostgreSQL; the watching connection's number and its `data_version` on SQLite).
    version: String,
    /// The store clock's date when it was taken.
    pub today: NaiveDate,
}

/// The SQLite connection kept for `PRAGMA data_version` (opened at the first call). It is one
/// of the store's own (`conn::LiteConn`): every request of the public pages asks it, and
/// sqlx's driver would hand each question to its worker thread and back.
#[derive(Debug)]
pub(crate) struct Watcher {
    /// The database URL the pool connects to; `None` when no second connection would see the
    /// same database (an in-memory one).
    url: Option<String>,
    conn: Mutex<Watch>,
}

/// The watching connection and how many were opened before it: a new connection counts its
/// `data_version` from its own start, so the count goes into the generation too, and a number
/// seen on an old connection is never taken for the same number on a new one.
#[derive(Debug, Default)]
struct Watch {
    opened: u64,
    conn: Option<LiteConn>,
}

impl Watcher {
    /// A watcher of the database at `url`.
    pub(crate) fn new(url: &str) -> Watcher {
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        Watcher {
            url: (!in_memory).then(|| url.to_string()),
            conn: Mutex::new(Watch::default()),
        }
    }

    /// Closes the watching connection (a later call opens a new one), so that closing the
    /// store leaves no SQLite connection open and the WAL is checkpointed.
    pub(crate) async fn close(&self) {
        self.conn.lock().await.conn = None;
    }
}

impl Store {
    /// The database's generation now, or `None` when it cannot be told (an in-memory SQLite
    /// database): then nothing may be cached.
    ///
    /// A read made after this call sees at least the content of this generation, so a result
    /// read after it may be kept under it: a write committed in between changes the generation
    /// later callers see, and they miss.
    pub async fn generation(&self) -> Result<Option<Generation>, StoreError> {
        let today = self.today();
        let version = match self.backend {
            Backend::Postgres => {
                // A request's later reads see every transaction this snapshot calls finished;
                // one still running is listed, and leaves the list (a new text) when it ends.
                let row = sqlx::query("SELECT pg_current_snapshot()::text AS g")
                    .fetch_one(&self.pool)
                    .await
                    .db("reading the current snapshot")?;
                Some(
                    row.try_get::<String, _>("g")
                        .db("reading the current snapshot")?,
                )
            }
            Backend::Sqlite => self.sqlite_data_version().await?,
        };
        Ok(version.map(|version| Generation { version, today }))
    }

    /// `PRAGMA data_version` on the watcher's own connection (reconnected after an error).
    async fn sqlite_data_version(&self) -> Result<Option<String>, StoreError> {
        let Some(url) = &self.watcher.url else {
            return Ok(None);
        };
        let mut watch = self.watcher.conn.lock().await;
        if watch.conn.is_none() {
            let Some(conn) = LiteConn::open(url, false)? else {
                return Ok(None);
            };
            watch.conn = Some(conn);
            watch.opened += 1;
        }
        let opened = watch.opened;
        let Some(conn) = watch.conn.as_ref() else {
            return Ok(None);
        };
        let read = Db::Lite(conn)
            .one(
                "PRAGMA data_version",
                Vec::new(),
                "reading the database's data_version",
            )
            .await
            .and_then(|row| crate::sql::int(&row, "data_version"));
        match read {
            Ok(version) => Ok(Some(format!("{opened}:{version}"))),
            Err(e) => {
                // A new connection next time (see `Watch`).
                watch.conn = None;
                Err(e)
            }
        }
    }
}
