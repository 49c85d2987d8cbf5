//! Connecting: the database URL, the pool, and the per-connection SQLite settings.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use sqlx::any::AnyPoolOptions;
use sqlx::{AnyConnection, Connection, Executor};

use crate::{Backend, StoreConfig, StoreError};

/// The default database file inside the data directory.
pub(crate) const SQLITE_FILE: &str = "kansli.sqlite3";

/// Settings every SQLite connection needs: foreign keys are off by default in SQLite, WAL lets
/// readers run beside the one writer, the busy timeout waits for a lock instead of failing at
/// once, and NORMAL sync is safe with WAL (a power cut may lose the last commits, never corrupt).
/// Reads map the database file (its first 2 GiB, SQLite's build limit; address space, no
/// memory until touched): a page this connection has not cached is read from the kernel's page cache
/// in place, without a copy and a system call per page. Writes still go through SQLite's I/O.
pub(crate) const SQLITE_PRAGMAS: &str = "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; \
     PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; \
     PRAGMA wal_autocheckpoint = 16384; PRAGMA cache_size = -32768; \
     PRAGMA mmap_size = 2147418112;";

/// Opens the pool for the configured database and checks that it answers; also returns the URL
/// it connected to and the pool's [`Suspicion`].
pub(crate) async fn connect(
    config: &StoreConfig,
) -> Result<(sqlx::AnyPool, Backend, String, Arc<Suspicion>), StoreError> {
    sqlx::any::install_default_drivers();
    let url = match &config.database_url {
        Some(url) => with_create_mode(url),
        None => sqlite_url(&config.data_dir.join(SQLITE_FILE)),
    };
    let backend = backend_of(&url)?;
    let open_error = |source| {
        let hint = hint(&url, &source);
        StoreError::Open {
            url: redact(&url),
            source,
            hint,
        }
    };
    // One plain connection first: the pool retries failed connections until its timeout, but
    // a corrupt, foreign or locked file, or a server that refuses, should fail at once, with
    // the URL named. A server that does not answer at all is given CONNECT_TIMEOUT.
    {
        let mut probe = tokio::time::timeout(CONNECT_TIMEOUT, AnyConnection::connect(&url))
            .await
            .unwrap_or_else(|_| {
                Err(sqlx::Error::Io(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    format!("no answer within {} s", CONNECT_TIMEOUT.as_secs()),
                )))
            })
            .map_err(open_error)?;
        if backend == Backend::Sqlite {
            probe.execute(SQLITE_PRAGMAS).await.map_err(open_error)?;
        }
        probe.execute("SELECT 1").await.map_err(open_error)?;
        probe.close().await.map_err(open_error)?;
    }
    let suspicion = Arc::new(Suspicion::default());
    let options = AnyPoolOptions::new()
        .max_connections(match backend {
            // One writer at a time anyway; a few readers for the server.
            Backend::Sqlite => 8,
            Backend::Postgres => 16,
        })
        .acquire_timeout(Duration::from_secs(30))
        // A file cannot drop a connection. A server can (a restart, a proxy's idle timeout),
        // but sqlx's own test pings on every acquire, a round trip before each request's first
        // statement (a cached page's only other one): a connection is pinged only after
        // IDLE_PING unused, and one that fails is closed and another acquired.
        // Nor is a connection that was last used before the store had reason to believe the
        // server dropped its connections (the change feed's listener lost its own: a restart),
        // so that after a restart no request meets a dead connection of the pool's.
        .test_before_acquire(false)
        .before_acquire({
            let suspicion = Arc::clone(&suspicion);
            move |conn, meta| {
                let suspect = meta.idle_for >= IDLE_PING || suspicion.covers(meta.idle_for);
                Box::pin(async move {
                    if backend == Backend::Postgres && suspect {
                        conn.ping().await?;
                    }
                    Ok(true)
                })
            }
        })
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if backend == Backend::Sqlite {
                    conn.execute(SQLITE_PRAGMAS).await?;
                }
                Ok(())
            })
        });
    let pool = options.connect(&url).await.map_err(open_error)?;
    Ok((pool, backend, url, suspicion))
}

/// Since when the pool's connections are suspected dead: every connection last used before
/// that moment, or within [`SUSPICION_GRACE`] after it, is pinged when next acquired
/// (PostgreSQL). Raised when the store learns that the server dropped a connection of its own
/// (`generation.rs`: the change feed's listener).
///
/// The grace is there because the server does not end its connections in one instant: a
/// restart or `pg_terminate_backend` signals each backend, and the listener's may end first.
/// A pool connection pinged in between (the heartbeat's, a request's) answers, and dies a
/// moment later; without the grace it would count as used after the loss and never be pinged
/// again (seen in CI: a read then met the "terminating connection" error).
#[derive(Debug)]
pub(crate) struct Suspicion {
    start: Instant,
    /// Microseconds after `start` until which a last use is suspect (the loss plus the
    /// grace); 0 for never.
    until: AtomicU64,
}

impl Default for Suspicion {
    fn default() -> Suspicion {
        Suspicion {
            start: Instant::now(),
            until: AtomicU64::new(0),
        }
    }
}

impl Suspicion {
    fn micros(at: Duration) -> u64 {
        u64::try_from(at.as_micros()).unwrap_or(u64::MAX)
    }

    /// Suspects every connection used until now or within the grace from now.
    pub(crate) fn raise(&self) {
        let until = Self::micros(self.start.elapsed() + SUSPICION_GRACE);
        self.until.store(until, Ordering::SeqCst);
    }

    /// Whether a connection unused for `idle_for` was last used before the suspicion ends.
    fn covers(&self, idle_for: Duration) -> bool {
        let until = self.until.load(Ordering::SeqCst);
        let now = Self::micros(self.start.elapsed());
        until != 0 && now.saturating_sub(Self::micros(idle_for)) < until
    }
}

/// How long after the store learned of a lost connection a use of a pool connection still
/// counts as before the loss: ample for a busy server to end all its backends, and costing
/// only a ping per acquire for that long.
const SUSPICION_GRACE: Duration = Duration::from_secs(5);

/// How long a pooled PostgreSQL connection may sit unused before it is pinged when next
/// acquired: a busy server's connections are never pinged, a quiet one's always.
const IDLE_PING: Duration = Duration::from_secs(5);

/// How long opening waits for a database server that does not answer.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// What an operator can do about a failed connection, by its cause ("" when the error says it
/// all). Names the host and database, never the password.
fn hint(url: &str, error: &sqlx::Error) -> String {
    let (host, database) = host_and_database(url);
    let code = match error {
        sqlx::Error::Database(e) => e.code().map(|c| c.into_owned()),
        _ => None,
    };
    match (error, code.as_deref()) {
        (sqlx::Error::Io(_), _) if url.starts_with("postgres") => format!(
            "; is PostgreSQL running on {host} and accepting TCP connections there \
             (listen_addresses, port, firewall)?"
        ),
        (_, Some("28P01" | "28000")) => format!(
            "; PostgreSQL on {host} refused the credentials: check the user and password in the \
             database URL (--database or KANSLI_DATABASE) and pg_hba.conf"
        ),
        (_, Some("3D000")) => format!(
            "; the database {database:?} does not exist on {host}: create it, e.g. \
             `createdb -O <user> {database}`, then start Kansli again"
        ),
        (_, Some("42501")) => format!(
            "; the user may not use the database {database:?} on {host}: grant it CONNECT and \
             CREATE, or make it the owner"
        ),
        _ => String::new(),
    }
}

/// The `host:port` and database name of a server URL, for messages.
fn host_and_database(url: &str) -> (String, String) {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, rest)| rest);
    let (host, database) = rest.split_once('/').unwrap_or((rest, ""));
    let host = if host.is_empty() { "localhost" } else { host };
    (host.to_string(), database.to_string())
}

/// Which backend a URL names.
fn backend_of(url: &str) -> Result<Backend, StoreError> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Backend::Postgres)
    } else {
        Err(StoreError::UnsupportedDatabase(redact(url)))
    }
}

/// `sqlite://PATH?mode=rwc`, escaping the characters the URL parser would take as syntax
/// (sqlx percent-decodes the path).
pub(crate) fn sqlite_url(path: &std::path::Path) -> String {
    let mut escaped = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => escaped.push_str("%25"),
            '?' => escaped.push_str("%3F"),
            '#' => escaped.push_str("%23"),
            c => escaped.push(c),
        }
    }
    format!("sqlite://{escaped}?mode=rwc")
}

/// A user's `sqlite:` URL that names no `mode` opens read-write and creates the file, as the
/// default database does; other URLs are left as given.
fn with_create_mode(url: &str) -> String {
    if !url.starts_with("sqlite:") || url.contains("mode=") || url.contains(":memory:") {
        return url.to_string();
    }
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}mode=rwc")
}

/// The URL without a password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme + 3],
                    &userinfo[..colon],
                    &url[at..]
                ),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_connection_used_in_the_grace_after_a_loss_is_still_suspect() {
        let suspicion = Suspicion::default();
        assert!(
            !suspicion.covers(Duration::ZERO),
            "nothing suspected before a loss"
        );
        suspicion.raise();
        // Used long before, and used just now (a ping that the dying backend still answered).
        assert!(suspicion.covers(Duration::from_secs(3600)));
        assert!(suspicion.covers(Duration::ZERO));
        // Suspected until the grace has passed since the loss, not for ever.
        let until = suspicion.until.load(Ordering::SeqCst);
        let now = Suspicion::micros(suspicion.start.elapsed());
        assert!(until > now && until <= now + Suspicion::micros(SUSPICION_GRACE));
    }

    #[test]
    fn user_sqlite_urls_create_the_file_unless_told_otherwise() {
        assert_eq!(
            with_create_mode("sqlite:/tmp/k.db"),
            "sqlite:/tmp/k.db?mode=rwc"
        );
        assert_eq!(
            with_create_mode("sqlite:///tmp/k.db?cache=shared"),
            "sqlite:///tmp/k.db?cache=shared&mode=rwc"
        );
        assert_eq!(
            with_create_mode("sqlite:/tmp/k.db?mode=ro"),
            "sqlite:/tmp/k.db?mode=ro"
        );
        assert_eq!(
            with_create_mode("postgres://db/kansli"),
            "postgres://db/kansli"
        );
    }

    #[test]
    fn redacts_passwords_only() {
        assert_eq!(
            redact("postgres://kansli:secret@db/kansli"),
            "postgres://kansli:***@db/kansli"
        );
        assert_eq!(redact("postgres://db/kansli"), "postgres://db/kansli");
        assert_eq!(redact("sqlite://a.db"), "sqlite://a.db");
    }

    #[test]
    fn names_host_and_database_without_credentials() {
        assert_eq!(
            host_and_database("postgres://kansli:secret@db.example:5433/arkiv?sslmode=require"),
            ("db.example:5433".to_string(), "arkiv".to_string())
        );
        assert_eq!(
            host_and_database("postgres:///kansli"),
            ("localhost".to_string(), "kansli".to_string())
        );
    }

    #[test]
    fn builds_sqlite_urls() {
        assert_eq!(
            sqlite_url(std::path::Path::new("/tmp/a?b/kansli.sqlite3")),
            "sqlite:///tmp/a%3Fb/kansli.sqlite3?mode=rwc"
        );
        assert!(backend_of("mysql://x").is_err());
    }
}
