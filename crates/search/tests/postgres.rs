//! The search feed and catch-up on PostgreSQL: the same samples, the same hits as on SQLite.
//! Skips (loudly) when PostgreSQL is not installed; see `kansli-testpg`.

use std::path::Path;

use chrono::DateTime;
use kansli_search::{SearchIndex, SearchRequest};
use kansli_store::{Store, StoreConfig};

async fn archive(database_url: Option<String>) -> (tempfile::TempDir, Store, SearchIndex) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&StoreConfig {
        data_dir: dir.path().to_path_buf(),
        database_url,
    })
    .await
    .expect("open store");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/samples");
    let mut names: Vec<_> = std::fs::read_dir(&root)
        .expect("samples")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("txt"))
        .collect();
    names.sort();
    for path in names {
        let bytes = std::fs::read(&path).expect("sample");
        let parsed = kansli_import::parse_bytes(&bytes).expect("parse");
        let authority = parsed
            .authority
            .clone()
            .unwrap_or_else(|| "Lomma kommun".to_string());
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("x");
        store
            .import_protocol(&parsed, &bytes, name, &authority)
            .await
            .expect("import");
    }
    let index = SearchIndex::open_for(&store).expect("index");
    index
        .catch_up(
            &store,
            DateTime::from_timestamp(1_780_000_000, 0).unwrap_or_default(),
        )
        .await
        .expect("catch up");
    (dir, store, index)
}

#[tokio::test]
async fn postgres_feeds_the_same_index_as_sqlite() {
    let Some(url) = kansli_testpg::fresh_database_url() else {
        return;
    };
    let (_a, _sa, sqlite) = archive(None).await;
    let (_b, _sb, postgres) = archive(Some(url)).await;
    assert_eq!(sqlite.num_docs(), postgres.num_docs());
    for q in [
        "ringnät",
        "Kinda utträde",
        "beslutar",
        "dataskyddsombud",
        "Marie Nilsson",
    ] {
        let request = SearchRequest {
            query: q.to_string(),
            limit: 50,
            ..SearchRequest::default()
        };
        let a = sqlite.search(&request).expect("search");
        let b = postgres.search(&request).expect("search");
        assert_eq!(a.total, b.total, "{q}");
        let key = |r: &kansli_search::SearchResults| {
            let mut v: Vec<(String, i64)> = r
                .hits
                .iter()
                .map(|h| (h.meeting.clone(), h.paragraph))
                .collect();
            v.sort();
            v
        };
        assert_eq!(key(&a), key(&b), "{q}");
    }
}
