//! Kansli's storage: the schema of the whole chain, versioned migrations, the import of parsed
//! protocols, stored original files, and the read models the archive shows.
//!
//! One code path serves SQLite (the default, a file in the data directory) and PostgreSQL: all
//! queries go through `sqlx::AnyPool` in a portable dialect — `$n` placeholders, dates as
//! `'YYYY-MM-DD'` text, timestamps as RFC 3339 UTC text, ids as BIGINT, booleans as 0/1 — and
//! case folding for keys happens in Rust (`kansli_core::text::fold`), since SQLite folds only
//! ASCII. The data directory holds the SQLite database (`kansli.sqlite3`), the search index
//! (`index/`) and, from older versions, originals (`files/ab/<sha256>`); originals now live in
//! the database, so several processes on one PostgreSQL database serve the same files.
//!
//! Concurrency: migrations run under a lock (an advisory lock on PostgreSQL, the write lock on
//! SQLite), each in one transaction; an import that conflicts with a concurrent one (the same
//! meeting, authority, person or case created by both) is rolled back and tried again, so two
//! importers on one database store every protocol exactly once.

pub mod accounts;
pub mod agenda;
mod analyze;
mod conn;
mod copy;
pub mod corrections;
mod db;
pub mod diarium;
pub mod documents;
mod error;
pub mod export;
mod files;
pub mod gallring;
mod generation;
mod import;
mod migrations;
pub mod notices;
pub mod read;
pub mod readings;
pub mod record;
pub mod redaction;
pub mod review;
pub mod search_feed;
pub mod signing;
mod site;
mod sql;
mod summaries;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;

pub use accounts::{
    Actor, AuditEvent, AuditFilter, NewUser, OidcFlow, SessionInfo, TokenInfo, User, UserChange,
};
pub use agenda::{
    Absence, AgendaDocument, AgendaItemRecord, AgendaKind, MeetingAgenda, NewAgendaItem,
    OutgoingMail, PreparedIn, PreparedLink, PublicKallelse, Seat,
};
pub use copy::{CopyOutcome, TableCheck};
pub use corrections::MovedMeeting;
pub use diarium::{
    AgendaPlacement, AuthorityRecord, BodyRecord, CaseChange, CaseFile, CaseQuery, CaseRecord,
    DocumentChange, DocumentRecord, Handling, MeetingChange, NewAuthority, NewBody, NewDocument,
    NewMeeting, NewMember, PlannedMeeting,
};
pub use error::StoreError;
pub use export::{
    CaseExport, ExportDocument, ExportHandling, ExportOriginal, ExportSignature, MinutesExport,
};
pub use gallring::{DueDocument, GallradDocument, Retention, RetentionRule};
pub use generation::Generation;
pub use import::ImportJob;
pub use migrations::{MIGRATIONS, Migration, TABLES};
pub use notices::{Dispatch, Justering, NewNotice, Notice, ScheduledNotice};
pub use read::*;
pub use record::{ParagraphPlace, StoredMinutes};
pub use redaction::{AutomaticMask, DepublicationRule, NewPassage, Redaction};
pub use review::{FieldCorrection, ImportReview, ReviewList, ReviewScope, ReviewSummary};
pub use signing::{JusteringComment, MAX_COMMENT_CHARS, MinutesSignature, Rattelse};
pub use site::{SITEMAP_MAX_URLS, SitemapBody, SitemapMeeting};

/// Where an installation keeps its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreConfig {
    /// The data directory: database (by default), stored files, search index.
    pub data_dir: PathBuf,
    /// A database URL (`sqlite://…`, `postgres://…`); `None` for `<data_dir>/kansli.sqlite3`.
    pub database_url: Option<String>,
}

/// Which database the store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Backend {
    /// SQLite, embedded.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// What importing one protocol did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ImportOutcome {
    /// A meeting not stored before.
    Imported {
        /// The meeting's id.
        meeting_id: i64,
    },
    /// A meeting stored before, whose minutes were replaced by a different reading.
    Updated {
        /// The meeting's id.
        meeting_id: i64,
    },
    /// Nothing changed: the same file, or another file with the same content.
    Unchanged {
        /// The meeting's id.
        meeting_id: i64,
    },
}

impl ImportOutcome {
    /// The meeting concerned.
    pub fn meeting_id(&self) -> i64 {
        match *self {
            ImportOutcome::Imported { meeting_id }
            | ImportOutcome::Updated { meeting_id }
            | ImportOutcome::Unchanged { meeting_id } => meeting_id,
        }
    }
}

/// A source of the current time; the store stamps imports, logs and changes with it.
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// The system clock. Kept at this edge so tests can pass a fixed clock instead
/// (`Store::with_clock`).
fn system_clock() -> Clock {
    Arc::new(|| DateTime::<Utc>::from(std::time::SystemTime::now()))
}

/// An open store: a connection pool and the data directory. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    pool: sqlx::AnyPool,
    backend: Backend,
    data_dir: PathBuf,
    clock: Clock,
    /// SQLite's connection for [`Store::generation`] (unused on PostgreSQL).
    watcher: Arc<generation::Watcher>,
    /// SQLite's connection for imports (`conn`; unused on PostgreSQL).
    lite: Arc<conn::LitePool>,
    /// SQLite's reading connections of the store's own (`conn`; unused on PostgreSQL),
    /// mapping the file: the pages' scattered reads.
    readers: Arc<conn::LitePool>,
    /// SQLite's connection for reading much of the database once (the search feed), not
    /// mapping it (`conn`; unused on PostgreSQL).
    bulk: Arc<conn::LitePool>,
    /// How far an import has grown the tables since PostgreSQL last analysed them
    /// (`analyze`; unused on SQLite).
    growth: Arc<analyze::Growth>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend)
            .field("data_dir", &self.data_dir)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) the data directory and the database, and brings the schema up
    /// to date.
    pub async fn open(config: &StoreConfig) -> Result<Store, StoreError> {
        let data_dir = config.data_dir.clone();
        for dir in [
            data_dir.clone(),
            data_dir.join("files"),
            data_dir.join("index"),
        ] {
            std::fs::create_dir_all(&dir).map_err(|source| StoreError::DataDir {
                path: dir.clone(),
                source,
            })?;
        }
        let (pool, backend, url, suspicion) = db::connect(config).await?;
        let store = Store {
            pool,
            backend,
            data_dir,
            clock: system_clock(),
            watcher: Arc::new(generation::Watcher::new(&url, suspicion)),
            lite: Arc::new(conn::LitePool::new(
                (backend == Backend::Sqlite).then(|| url.clone()),
                1,
                false,
            )),
            readers: Arc::new(conn::LitePool::new(
                (backend == Backend::Sqlite).then(|| url.clone()),
                conn::LITE_READERS,
                true,
            )),
            bulk: Arc::new(conn::LitePool::new(
                (backend == Backend::Sqlite).then(|| url.clone()),
                1,
                false,
            )),
            growth: Arc::default(),
        };
        migrations::apply(&store.pool, backend, &store.now()).await?;
        diarium::fold_missing_case_titles(&store.pool).await?;
        Ok(store)
    }

    /// The same store with another clock (tests pass a fixed one).
    pub fn with_clock(mut self, clock: Clock) -> Store {
        self.clock = clock;
        self
    }

    /// Which database the store runs on.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Closes the pool, waiting for connections to finish (SQLite then checkpoints its WAL).
    pub async fn close(&self) {
        self.lite.close();
        self.readers.close();
        self.bulk.close();
        self.watcher.close().await;
        self.pool.close().await;
    }

    /// A connection for reads: on SQLite one of the store's own (`conn`: rows are read on the
    /// calling thread), else one of the pool's.
    pub(crate) async fn reader(&self) -> Result<conn::Reader<'_>, StoreError> {
        conn::Reader::acquire(&self.readers, &self.pool).await
    }

    /// A connection for reading much of the database once (the search feed): on SQLite one
    /// that does not map the file, so what it read is not mapped into the process (its own
    /// page cache, at most `cache_size`, is all it keeps).
    pub(crate) async fn bulk_reader(&self) -> Result<conn::Reader<'_>, StoreError> {
        conn::Reader::acquire(&self.bulk, &self.pool).await
    }

    /// A read of one snapshot across its queries (see [`Store::reader`]).
    pub(crate) async fn snapshot(&self) -> Result<conn::Snapshot<'_>, StoreError> {
        conn::Snapshot::begin(&self.readers, &self.pool).await
    }

    /// A transaction that writes: on SQLite it takes the write lock at once (a deferred one
    /// that reads first and writes later fails instead of waiting when another writer got in
    /// between), on PostgreSQL an ordinary one.
    pub(crate) async fn begin_write(&self) -> Result<generation::WriteTransaction, StoreError> {
        use error::DbContext;
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
        .db("starting a transaction")?;
        Ok(generation::WriteTransaction::new(
            tx,
            Arc::clone(&self.watcher),
        ))
    }

    /// The current time, from the store's clock, as stored (RFC 3339 UTC, seconds).
    pub(crate) fn now(&self) -> String {
        (self.clock)().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }
}

impl Store {
    /// Row counts of every table, by name (for checks, diagnostics and copy verification).
    pub async fn table_counts(&self) -> Result<Vec<(String, i64)>, StoreError> {
        let mut out = Vec::new();
        for table in migrations::TABLES {
            let row = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT COUNT(*) AS n FROM {table}"
            )))
            .fetch_one(&self.pool)
            .await
            .map_err(|source| StoreError::Database {
                context: format!("counting {table}"),
                source,
            })?;
            out.push((table.to_string(), sql::int(&row, "n")?));
        }
        Ok(out)
    }
}

impl Store {
    /// The versions recorded in `schema_migrations`, in order (one row per applied migration).
    pub async fn schema_versions(&self) -> Result<Vec<i64>, StoreError> {
        use error::DbContext;
        let rows = sqlx::query("SELECT version FROM schema_migrations ORDER BY version")
            .fetch_all(&self.pool)
            .await
            .db("reading the schema versions")?;
        rows.iter().map(|row| sql::int(row, "version")).collect()
    }

    /// Moves originals kept only in the data directory (by versions before originals went into
    /// the database) into `stored_files.content`; returns how many. A file that is missing or
    /// does not match its hash is left out (its row keeps no content).
    pub async fn absorb_data_dir_files(&self) -> Result<u64, StoreError> {
        use error::DbContext;
        let rows =
            sqlx::query("SELECT sha256 FROM stored_files WHERE content IS NULL ORDER BY sha256")
                .fetch_all(&self.pool)
                .await
                .db("listing originals kept outside the database")?;
        let mut moved = 0;
        for row in &rows {
            let sha256 = sql::text(row, "sha256")?;
            let Some(bytes) = files::read(&self.data_dir, &sha256)? else {
                continue;
            };
            if files::sha256_hex(&bytes) != sha256 {
                continue;
            }
            let done = sqlx::query(
                "UPDATE stored_files SET content = $1 WHERE sha256 = $2 AND content IS NULL",
            )
            .bind(bytes)
            .bind(sha256.clone())
            .execute(&self.pool)
            .await
            .db(format!("moving the original {sha256} into the database"))?;
            self.watcher.wrote();
            moved += done.rows_affected();
        }
        Ok(moved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::Row;

    #[tokio::test]
    async fn every_sqlite_connection_has_the_pragmas() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&StoreConfig {
            data_dir: dir.path().to_path_buf(),
            database_url: None,
        })
        .await
        .expect("open");
        // Several connections at once, so more than one gets checked.
        let mut conns = Vec::new();
        for _ in 0..3 {
            conns.push(store.pool.acquire().await.expect("connection"));
        }
        for conn in &mut conns {
            let fk = sqlx::query("PRAGMA foreign_keys")
                .fetch_one(&mut **conn)
                .await
                .unwrap();
            assert_eq!(fk.try_get::<i64, _>(0).unwrap(), 1);
            let sync = sqlx::query("PRAGMA synchronous")
                .fetch_one(&mut **conn)
                .await
                .unwrap();
            assert_eq!(sync.try_get::<i64, _>(0).unwrap(), 1, "NORMAL");
            let busy = sqlx::query("PRAGMA busy_timeout")
                .fetch_one(&mut **conn)
                .await
                .unwrap();
            assert_eq!(busy.try_get::<i64, _>(0).unwrap(), 5000);
            let mode = sqlx::query("PRAGMA journal_mode")
                .fetch_one(&mut **conn)
                .await
                .unwrap();
            assert_eq!(mode.try_get::<String, _>(0).unwrap(), "wal");
            let mapped = sqlx::query("PRAGMA mmap_size")
                .fetch_one(&mut **conn)
                .await
                .unwrap();
            assert_eq!(
                mapped.try_get::<i64, _>(0).unwrap(),
                2_147_418_112,
                "mapped reads"
            );
        }
        // The store's own: the pages' readers map the file, the bulk reader does not.
        for (mut reader, mapped) in [
            (store.reader().await.expect("reader"), 2_147_418_112),
            (store.bulk_reader().await.expect("bulk reader"), 0),
        ] {
            let rows = reader
                .db()
                .rows("PRAGMA mmap_size", Vec::new(), "test")
                .await
                .unwrap();
            assert_eq!(crate::sql::int(&rows[0], "mmap_size").unwrap(), mapped);
        }
    }
}
