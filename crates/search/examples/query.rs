//! Brings a data directory's index up to date, runs one query and prints the hits (a debugging
//! aid): `cargo run -p kansli-search --example query -- DATA_DIR "query"`.

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(query)) = (args.next(), args.next()) else {
        eprintln!("usage: query DATA_DIR QUERY");
        return;
    };
    let config = kansli_store::StoreConfig {
        data_dir: dir.into(),
        database_url: None,
    };
    let result = async {
        let store = kansli_store::Store::open(&config).await?;
        let index = kansli_search::SearchIndex::open_for(&store)?;
        let now = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now());
        index.catch_up(&store, now).await?;
        let request = kansli_search::SearchRequest {
            query,
            limit: 20,
            ..Default::default()
        };
        index.search(&request)
    }
    .await;
    match result {
        Ok(r) => {
            println!(
                "total {} fuzzy {} suggestion {:?}",
                r.total, r.fuzzy, r.suggestion
            );
            for h in r.hits {
                println!(
                    "{:.2} {} {} § {} {}\n    {}",
                    h.score, h.body, h.meeting_date, h.paragraph, h.title, h.snippet_html
                );
            }
        }
        Err(e) => eprintln!("{e}"),
    }
}
