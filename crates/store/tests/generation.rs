//! The database's generation, on both backends: reads leave it alone; a write through this
//! store moves it at once; a write by another process (another store, an operator's `psql`)
//! moves it as soon as that process's commit is known here. On PostgreSQL every table
//! announces its changes, the store hears them without asking the database per request, and
//! after its listening connection was dropped it asks the database again until it hears anew,
//! and checks its pool's connections before use.

use std::time::{Duration, Instant};

use kansli_core::dnr::DnrFormat;
use kansli_store::{Actor, Backend, Generation, NewAuthority, Store, StoreConfig};

async fn stores() -> Vec<(Store, StoreConfig, tempfile::TempDir)> {
    let mut urls = vec![None];
    if let Some(url) = kansli_testpg::fresh_database_url() {
        urls.push(Some(url));
    }
    let mut out = Vec::new();
    for database_url in urls {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = StoreConfig {
            data_dir: dir.path().to_path_buf(),
            database_url,
        };
        let store = Store::open(&config).await.expect("open store");
        eprintln!("-- on {:?}", store.backend());
        out.push((store, config, dir));
    }
    out
}

fn authority(name: &str) -> NewAuthority {
    NewAuthority {
        name: name.into(),
        kind: "kommun".into(),
        dnr_series: None,
        dnr_format: DnrFormat::standard(),
    }
}

async fn generation(store: &Store) -> Generation {
    store
        .generation()
        .await
        .expect("the generation")
        .expect("a generation (the database is a file or a server)")
}

/// Waits until the generation differs from `before`; fails after five seconds.
async fn moved_from(store: &Store, before: &Generation, what: &str) -> Generation {
    let start = Instant::now();
    loop {
        let now = generation(store).await;
        if &now != before {
            return now;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{:?}: {what} did not move the generation",
            store.backend()
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Whether the generation now comes from PostgreSQL's change feed rather than a question to
/// the database (its text says which).
fn from_the_feed(generation: &Generation) -> bool {
    format!("{generation:?}").contains("feed:")
}

/// Waits until the generation comes from the change feed; fails after five seconds.
async fn hearing(store: &Store) -> Generation {
    let start = Instant::now();
    loop {
        let now = generation(store).await;
        if from_the_feed(&now) {
            return now;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "the change feed never started"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Waits until the change feed listens, then fills the pool: its 16 connections each used
/// just now (so none is pinged for being idle).
async fn with_a_full_pool(store: &Store) {
    hearing(store).await;
    for read in reads_at_once(store, 16).await {
        read.expect("a read before");
    }
}

/// Reads the authorities `n` times at once, each on its own task (so on as many of the pool's
/// connections), and returns the outcomes.
async fn reads_at_once(store: &Store, n: usize) -> Vec<Result<(), String>> {
    let mut reads = tokio::task::JoinSet::new();
    for _ in 0..n {
        let store = store.clone();
        reads.spawn(async move {
            store
                .authorities()
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
        });
    }
    reads.join_all().await
}

/// A store on a fresh PostgreSQL database, its URL and data directory; `None` without
/// PostgreSQL.
async fn postgres() -> Option<(Store, String, tempfile::TempDir)> {
    let url = kansli_testpg::fresh_database_url()?;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&StoreConfig {
        data_dir: dir.path().to_path_buf(),
        database_url: Some(url.clone()),
    })
    .await
    .expect("open store");
    Some((store, url, dir))
}

/// Ends every other connection to the database, as a restart of the server would.
fn end_connections(cluster: &kansli_testpg::Cluster, url: &str) {
    end_connections_where(cluster, url, "true");
}

/// Ends the connections to the store's database for which the SQL `condition` over
/// `pg_stat_activity` holds; the server signals each backend and they end soon after, not
/// at once.
fn end_connections_where(cluster: &kansli_testpg::Cluster, url: &str, condition: &str) {
    cluster
        .psql(
            database(url),
            &format!(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity \
                 WHERE datname = current_database() AND pid <> pg_backend_pid() \
                 AND ({condition})"
            ),
        )
        .expect("terminating the store's connections");
}

/// The database's name in a PostgreSQL URL.
fn database(url: &str) -> &str {
    let name = url.rsplit('/').next().unwrap_or_default();
    name.split('?').next().unwrap_or_default()
}

#[tokio::test]
async fn writes_by_any_process_move_the_generation_and_reads_do_not() {
    for (store, config, _dir) in stores().await {
        let actor = Actor::shell();
        store
            .create_authority(&actor, &authority("Provkommunen"))
            .await
            .expect("a first write");
        let quiet = if store.backend() == Backend::Postgres {
            hearing(&store).await
        } else {
            generation(&store).await
        };
        // Reads leave it alone (on PostgreSQL's feed nothing else in the cluster moves it).
        for _ in 0..20 {
            store.authorities().await.expect("a read");
        }
        assert_eq!(
            generation(&store).await,
            quiet,
            "reads moved the generation"
        );

        // A write through this store: at once, not when its announcement comes back.
        store
            .create_authority(&actor, &authority("Andra kommunen"))
            .await
            .expect("a write");
        let mine = generation(&store).await;
        assert_ne!(mine, quiet, "a write through this store");

        // A write through another store on the same database (another server, an import).
        let other = Store::open(&config).await.expect("a second store");
        other
            .create_authority(&actor, &authority("Tredje kommunen"))
            .await
            .expect("a write through the other store");
        other.close().await;
        let theirs = moved_from(&store, &mine, "a write through another store").await;

        // A write outside Kansli: an operator's statement in psql, on PostgreSQL.
        if let Some(url) = &config.database_url {
            let cluster = kansli_testpg::shared().expect("a cluster");
            cluster
                .psql(
                    database(url),
                    "UPDATE authorities SET kind = 'region' WHERE name = 'Tredje kommunen'",
                )
                .expect("an operator's update");
            moved_from(&store, &theirs, "an operator's update in psql").await;
            assert!(
                from_the_feed(&generation(&store).await),
                "the feed heard it"
            );
        }
        store.close().await;
    }
}

#[tokio::test]
async fn every_table_announces_its_changes_on_postgresql() {
    let Some((store, url, _dir)) = postgres().await else {
        return;
    };
    let cluster = kansli_testpg::shared().expect("a cluster");
    let silent = cluster
        .psql(
            database(&url),
            "SELECT string_agg(c.relname, ', ' ORDER BY c.relname) FROM pg_class c \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE c.relkind = 'r' AND n.nspname = current_schema() \
             AND c.relname <> 'schema_migrations' AND NOT EXISTS (SELECT 1 FROM pg_trigger t \
             WHERE t.tgrelid = c.oid AND t.tgname = c.relname || '_announced')",
        )
        .expect("the tables without an announcing trigger");
    assert_eq!(
        silent.trim(),
        "",
        "tables whose changes no cache would hear of: a migration that creates a table adds \
         {{announces_changes:TABLE}}"
    );
    let tables = cluster
        .psql(
            database(&url),
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE c.relkind = 'r' AND n.nspname = current_schema()",
        )
        .expect("counting tables");
    assert_eq!(
        tables.trim(),
        (store.table_counts().await.expect("the tables").len() + 1).to_string(),
        "the schema's tables and schema_migrations"
    );
    store.close().await;
}

#[tokio::test]
async fn an_imports_large_values_are_compressed_with_lz4_on_postgresql() {
    let Some((store, url, _dir)) = postgres().await else {
        return;
    };
    let cluster = kansli_testpg::shared().expect("a cluster");
    let lz4 = cluster
        .psql(
            database(&url),
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'",
        )
        .expect("whether the server has lz4");
    let methods = cluster
        .psql(
            database(&url),
            "SELECT string_agg(c.relname || '.' || a.attname || '=' || a.attcompression::text, ' ' \
             ORDER BY c.relname, a.attname) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
             JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() \
             AND (c.relname, a.attname) IN (('minutes_readings', 'parser_json'), \
             ('stored_files', 'content'), ('audit_events', 'before_json'), ('audit_events', 'after_json'))",
        )
        .expect("the columns' compression");
    // `l` is lz4; a server built without it keeps the default (empty: pglz).
    let method = if lz4.trim() == "t" { "l" } else { "" };
    assert_eq!(
        methods.trim(),
        format!(
            "audit_events.after_json={method} audit_events.before_json={method} \
             minutes_readings.parser_json={method} stored_files.content={method}"
        )
    );
    store.close().await;
}

#[tokio::test]
async fn after_the_listener_was_dropped_writes_are_still_seen_and_it_listens_again() {
    let Some((store, url, _dir)) = postgres().await else {
        return;
    };
    let heard = hearing(&store).await;
    let cluster = kansli_testpg::shared().expect("a cluster");
    // Every other connection ends, the listener's too, and at once an operator writes: the
    // write is seen whether the listener is back yet or not.
    end_connections(cluster, &url);
    cluster
        .psql(
            database(&url),
            "INSERT INTO authorities (name, name_folded, slug, kind, created_at) \
             VALUES ('Efter avbrottet', 'efter avbrottet', 'efter-avbrottet', 'kommun', \
             '2026-12-01T00:00:00Z')",
        )
        .expect("an operator's insert");
    // Seen when the listener notices its connection is gone (at once when the server closed
    // it, as here; after the lease of its heartbeats when it died silently), by asking the
    // database until it listens again. A read on a dropped pool connection may fail once
    // (crates/store/tests/pool.rs).
    let start = Instant::now();
    loop {
        if let Ok(Some(now)) = store.generation().await
            && now != heard
        {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "the insert made while no one listened was never seen"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // And the feed listens again.
    let again = hearing(&store).await;
    assert_ne!(again, heard);
    store.close().await;
}

#[tokio::test]
async fn after_the_server_dropped_the_connections_no_read_meets_a_dead_one() {
    let Some((store, url, _dir)) = postgres().await else {
        return;
    };
    with_a_full_pool(&store).await;
    // Every connection ends, as in a restart of the server: the listener notices at once.
    let cluster = kansli_testpg::shared().expect("a cluster");
    end_connections(cluster, &url);
    // No read of the pool's in between (the heartbeat's aside): the dead connections wait.
    tokio::time::sleep(Duration::from_millis(500)).await;
    // The listener's lost connection made the pool suspect its own, used before the loss:
    // each is pinged before a read takes it, and a dead one replaced, so no read fails
    // (without it, every read that took a dead connection failed: tried).
    for read in reads_at_once(&store, 16).await {
        read.expect("a read after the restart, on a connection checked first");
    }
    store.close().await;
}

#[tokio::test]
async fn connections_used_while_the_server_was_ending_them_are_checked_too() {
    let Some((store, url, _dir)) = postgres().await else {
        return;
    };
    with_a_full_pool(&store).await;
    // The server ends the listener's connection first and the pool's a moment later, as a
    // restart may: in between, every pool connection is used (and answers).
    let cluster = kansli_testpg::shared().expect("a cluster");
    end_connections_where(cluster, &url, "query LIKE 'LISTEN%'");
    tokio::time::sleep(Duration::from_millis(50)).await;
    for read in reads_at_once(&store, 16).await {
        read.expect("a read while the pool's connections still live");
    }
    end_connections_where(cluster, &url, "query NOT LIKE 'LISTEN%'");
    tokio::time::sleep(Duration::from_millis(300)).await;
    // Used after the listener's loss but within the grace of it: still pinged first (without
    // the grace, a read here met "terminating connection due to administrator command": CI).
    for read in reads_at_once(&store, 16).await {
        read.expect("a read after the pool's connections ended, on one checked first");
    }
    store.close().await;
}
