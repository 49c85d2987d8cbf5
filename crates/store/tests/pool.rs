//! The pool's PostgreSQL connections after the server dropped them (a restart, a proxy's idle
//! timeout): the store pings a connection only when it has been unused for a while, so a busy
//! server pays no round trip per acquire, and after a quiet spell a dropped connection is
//! noticed before a read uses it.

use std::time::Duration;

use kansli_store::{Store, StoreConfig};

/// Ends every other connection to the database, as a server restart would.
fn drop_connections(url: &str) {
    let cluster = kansli_testpg::shared().expect("a cluster");
    let database = url.rsplit('/').next().unwrap_or_default();
    let database = database.split('?').next().unwrap_or_default();
    cluster
        .psql(
            database,
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
        .expect("terminating the store's connections");
}

#[tokio::test]
async fn reads_go_on_after_the_server_dropped_the_connections() {
    let Some(url) = kansli_testpg::fresh_database_url() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&StoreConfig {
        data_dir: dir.path().to_path_buf(),
        database_url: Some(url.clone()),
    })
    .await
    .expect("open store");
    store.authorities().await.expect("a first read");

    // After a quiet spell the dropped connection is pinged, found closed and replaced: the
    // read never sees it.
    drop_connections(&url);
    tokio::time::sleep(Duration::from_millis(5_500)).await;
    store
        .authorities()
        .await
        .expect("a read after a quiet spell, on a new connection");

    // Dropped while busy: a read may fail once on its broken connection (which is then
    // closed), never more than the pool had connections; then reads go on.
    drop_connections(&url);
    let mut failures = 0;
    while store.authorities().await.is_err() {
        failures += 1;
        assert!(
            failures <= 16,
            "reads keep failing after the connections were dropped"
        );
    }
}
