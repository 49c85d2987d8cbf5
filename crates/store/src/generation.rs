//! The database's generation: a value that changes whenever any committed write changes the
//! database, by this process or another, so that a cache of what was read can be keyed by it
//! and never serve what a write has since changed.
//!
//! No write path of Kansli's has to remember to bump a counter. On SQLite it is `PRAGMA
//! data_version` on a connection of its own that never writes (SQLite changes that number for
//! every commit made by any *other* connection, in this process or another; on the connection
//! that wrote it stays the same, which is why the pool's connections cannot be asked): one
//! call into SQLite, no I/O.
//!
//! On PostgreSQL asking the database costs a round trip per request, which for a cached page
//! was most of its cost. So every table announces its changes at commit (a statement trigger,
//! `pg_notify` on `kansli_changes`, migration 20), and the store counts what a listening
//! connection of its own hears ([`Feed`]): a write by any process — another server, `kansli
//! import`, an operator's `psql` — moves the count when its announcement arrives (well under a
//! millisecond on one machine), a write committed through this store moves it at once. The
//! count is trusted only while the listener provably hears: it sends itself a heartbeat every
//! [`HEARTBEAT`] through the pool, and when none has come back for [`LEASE`] (or the
//! connection is lost, or not yet made) the generation is the current snapshot again
//! (`pg_current_snapshot()`: the next transaction id and the ids still running; a transaction
//! that writes gets an id, so the text changes when one starts writing and again when it
//! ends). So a listener that dies silently makes a cache stale for at most [`LEASE`], never
//! longer. A (re)connection moves the count too: what happened while no one listened is
//! unknown.
//!
//! The value may also change without a change of content (a rolled back transaction; on the
//! snapshot path any write to another database of the same server, and autovacuum's
//! analyses): a cache keyed by it then misses, which costs time, never correctness.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use sqlx::Row;
use sqlx::postgres::PgListener;
use tokio::sync::Mutex;
use tokio::task::AbortHandle;

use crate::conn::{Db, LiteConn};
use crate::db::Suspicion;
use crate::error::DbContext;
use crate::migrations::CHANGES_CHANNEL;
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

/// What tells the generation: on SQLite a connection kept for `PRAGMA data_version` (opened at
/// the first call; one of the store's own, `conn::LiteConn`: every request of the public pages
/// asks it, and sqlx's driver would hand each question to its worker thread and back); on
/// PostgreSQL the change feed (started at the first call, so a CLI that never asks opens no
/// listening connection).
#[derive(Debug)]
pub(crate) struct Watcher {
    /// The database URL; `None` when no second connection would see the same database (an
    /// in-memory SQLite one).
    url: Option<String>,
    conn: Mutex<Watch>,
    /// PostgreSQL's change feed, once started.
    feed: OnceLock<Running>,
    /// Set by `close`: no feed is started after it.
    closed: AtomicBool,
    /// The pool's suspicion of dead connections, raised when the listener loses its own.
    suspicion: Arc<Suspicion>,
}

/// A started change feed: its counts and the tasks that keep them.
#[derive(Debug)]
struct Running {
    feed: Arc<Feed>,
    tasks: [AbortHandle; 2],
}

/// PostgreSQL's change feed: how many changes the store knows of, and whether its listener
/// provably hears the announcements now.
#[derive(Debug)]
pub(crate) struct Feed {
    /// Moved by every announcement heard, every (re)connection of the listener, every write
    /// committed through this store.
    changes: AtomicU64,
    /// The listener's connection, counted from 1 (0: none yet); in the generation, so that
    /// counts of two connections are never taken for each other.
    connection: AtomicU64,
    /// Whether the listener is connected and listening.
    listening: AtomicBool,
    /// When the listener last heard its own heartbeat, in microseconds after `start`
    /// (0: not since it connected).
    heard: AtomicU64,
    start: Instant,
}

/// How often the store sends its listener a heartbeat.
pub(crate) const HEARTBEAT: Duration = Duration::from_millis(250);

/// How long the change count is trusted after the listener last heard its heartbeat.
pub(crate) const LEASE: Duration = Duration::from_millis(1_000);

impl Feed {
    fn new() -> Feed {
        Feed {
            changes: AtomicU64::new(0),
            connection: AtomicU64::new(0),
            listening: AtomicBool::new(false),
            heard: AtomicU64::new(0),
            start: Instant::now(),
        }
    }

    fn micros(&self) -> u64 {
        u64::try_from(self.start.elapsed().as_micros())
            .unwrap_or(u64::MAX)
            .max(1)
    }

    /// The generation's version while the feed is trusted, else `None`.
    fn version(&self) -> Option<String> {
        if !self.listening.load(Ordering::SeqCst) {
            return None;
        }
        let heard = self.heard.load(Ordering::SeqCst);
        let lease = u64::try_from(LEASE.as_micros()).unwrap_or(u64::MAX);
        if heard == 0 || self.micros().saturating_sub(heard) > lease {
            return None;
        }
        // The count is read after the lease: an announcement heard before the heartbeat that
        // renewed it is in the count read here.
        Some(format!(
            "feed:{}:{}",
            self.connection.load(Ordering::SeqCst),
            self.changes.load(Ordering::SeqCst)
        ))
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        if let Some(running) = self.feed.get() {
            running.tasks.iter().for_each(AbortHandle::abort);
        }
    }
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
    pub(crate) fn new(url: &str, suspicion: Arc<Suspicion>) -> Watcher {
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        Watcher {
            url: (!in_memory).then(|| url.to_string()),
            conn: Mutex::new(Watch::default()),
            feed: OnceLock::new(),
            closed: AtomicBool::new(false),
            suspicion,
        }
    }

    /// Closes the watching connection (a later call opens a new one), so that closing the
    /// store leaves no SQLite connection open and the WAL is checkpointed; stops PostgreSQL's
    /// change feed for good.
    pub(crate) async fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
        if let Some(running) = self.feed.get() {
            running.tasks.iter().for_each(AbortHandle::abort);
            running.feed.listening.store(false, Ordering::SeqCst);
        }
        self.conn.lock().await.conn = None;
    }

    /// Says that a write through this store committed: the next generation differs at once,
    /// not only when the write's announcement comes back (PostgreSQL; SQLite's data_version
    /// needs no telling).
    pub(crate) fn wrote(&self) {
        if let Some(running) = self.feed.get() {
            running.feed.changes.fetch_add(1, Ordering::SeqCst);
        }
    }

    /// PostgreSQL's change feed, started at the first call (it needs the runtime `generation`
    /// runs on); `None` once closed or without a URL.
    fn feed(&self, pool: &sqlx::AnyPool) -> Option<&Feed> {
        if self.closed.load(Ordering::SeqCst) {
            return None;
        }
        let url = self.url.as_ref()?;
        let running = self.feed.get_or_init(|| {
            let feed = Arc::new(Feed::new());
            // A channel of this watcher's own for its heartbeats, so that no other server
            // counts them as changes.
            let alive = format!(
                "kansli_alive_{}_{:x}",
                std::process::id(),
                Arc::as_ptr(&feed) as usize
            );
            let listen = tokio::spawn(listen(
                url.clone(),
                alive.clone(),
                Arc::clone(&feed),
                Arc::clone(&self.suspicion),
            ));
            let beat = tokio::spawn(heartbeat(pool.clone(), alive));
            Running {
                feed,
                tasks: [listen.abort_handle(), beat.abort_handle()],
            }
        });
        Some(&running.feed)
    }
}

/// Listens for announcements of changes and for this store's heartbeats, reconnecting when the
/// connection is lost; runs until aborted. A lost connection raises the pool's suspicion: the
/// server most likely dropped the pool's connections too (a restart).
async fn listen(url: String, alive: String, feed: Arc<Feed>, suspicion: Arc<Suspicion>) {
    let mut pause = HEARTBEAT;
    // Said once per spell of failures (a standby refuses LISTEN for as long as it is one).
    let mut failing = false;
    loop {
        let connections = feed.connection.load(Ordering::SeqCst);
        let listened = listen_once(&url, &alive, &feed).await;
        if feed.connection.load(Ordering::SeqCst) != connections {
            // It listened before it stopped: a new spell.
            failing = false;
            pause = HEARTBEAT;
        }
        // Suspected before the feed is distrusted: a request that finds it distrusted then
        // finds the pool's connections suspected too.
        suspicion.raise();
        feed.listening.store(false, Ordering::SeqCst);
        match listened {
            // Lost: try again soon, then back off while connecting keeps failing.
            Ok(()) => pause = HEARTBEAT,
            Err(e) => {
                if failing {
                    tracing::debug!(error = %e, "the change feed's listener failed again");
                } else {
                    tracing::warn!(error = %e, "the change feed's listener failed; pages are checked against the database until it listens again");
                }
                failing = true;
                pause = (pause * 2).min(Duration::from_secs(5));
            }
        }
        feed.changes.fetch_add(1, Ordering::SeqCst);
        tokio::time::sleep(pause).await;
    }
}

/// One listening connection, until it is lost (`Ok`, or `Err` when the server said why) or
/// fails to start (`Err`).
async fn listen_once(url: &str, alive: &str, feed: &Feed) -> Result<(), sqlx::Error> {
    let mut listener = PgListener::connect(url).await?;
    // Reconnecting is done here, where a new connection moves the count.
    listener.eager_reconnect(false);
    listener.listen_all([CHANGES_CHANNEL, alive]).await?;
    feed.heard.store(0, Ordering::SeqCst);
    feed.connection.fetch_add(1, Ordering::SeqCst);
    feed.changes.fetch_add(1, Ordering::SeqCst);
    feed.listening.store(true, Ordering::SeqCst);
    loop {
        match listener.try_recv().await {
            Ok(Some(heard)) if heard.channel() == CHANGES_CHANNEL => {
                feed.changes.fetch_add(1, Ordering::SeqCst);
            }
            Ok(Some(_)) => feed.heard.store(feed.micros(), Ordering::SeqCst),
            Ok(None) => return Ok(()),
            Err(e) => return Err(e),
        }
    }
}

/// Sends the listener a heartbeat every [`HEARTBEAT`] through the pool (a failure only lets
/// the lease run out); runs until aborted.
async fn heartbeat(pool: sqlx::AnyPool, alive: String) {
    let mut ticks = tokio::time::interval(HEARTBEAT);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        // A void result cannot be read through Any: select a constant beside the call.
        let _ = sqlx::query("SELECT 1 AS sent FROM (SELECT pg_notify($1, '')) AS n")
            .bind(alive.as_str())
            .execute(&pool)
            .await;
    }
}

/// A write transaction of the store's (`Store::begin_write`): sqlx's transaction, whose
/// connection it derefs to, and which tells the watcher when it committed
/// ([`Watcher::wrote`]); dropped uncommitted, it rolls back.
pub(crate) struct WriteTransaction {
    tx: sqlx::Transaction<'static, sqlx::Any>,
    watcher: Arc<Watcher>,
}

impl WriteTransaction {
    pub(crate) fn new(
        tx: sqlx::Transaction<'static, sqlx::Any>,
        watcher: Arc<Watcher>,
    ) -> WriteTransaction {
        WriteTransaction { tx, watcher }
    }

    /// Commits, then moves the generation.
    ///
    /// Errors: the commit failed (the transaction is rolled back).
    pub(crate) async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await?;
        self.watcher.wrote();
        Ok(())
    }
}

impl std::ops::Deref for WriteTransaction {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &sqlx::AnyConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTransaction {
    fn deref_mut(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.tx
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
                if let Some(version) = self
                    .watcher
                    .feed(&self.pool)
                    .and_then(|feed| feed.version())
                {
                    return Ok(Some(Generation { version, today }));
                }
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
