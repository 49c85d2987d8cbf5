//! Imports generated protocols into a fresh SQLite data directory and prints the throughput.
//!
//! `cargo run -p kansli-store --example bench_import --release [-- COUNT]` (default 10,000).
//! The protocols vary a sample-like Itsam protocol (12 paragraphs, 11 participants) in
//! authority, body, date, paragraph numbers, names and Dnr; each has its own original file.
//! They are stored one by one (`import_protocol`, as before batches) and then, into a second
//! fresh database in the same run, in batches of `KANSLI_BENCH_BATCH` (default 128) through
//! `import_protocols`, as `kansli import` does.

#[path = "../tests/builder/mod.rs"]
mod builder;

use std::time::Instant;

use kansli_store::{ImportJob, ImportOutcome, Store, StoreConfig};

#[tokio::main(flavor = "multi_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let count: u32 = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(10_000);
    let dir = tempfile::tempdir()?;
    let store = Store::open(&StoreConfig {
        data_dir: dir.path().to_path_buf(),
        database_url: std::env::var("KANSLI_BENCH_DATABASE").ok(),
    })
    .await?;
    let inputs: Vec<_> = (0..count)
        .map(|n| {
            let (protocol, authority) = builder::generated(n);
            let original = serde_json::to_vec(&protocol).unwrap_or_default();
            (protocol, authority, original)
        })
        .collect();

    let batch: usize = std::env::var("KANSLI_BENCH_BATCH")
        .ok()
        .and_then(|b| b.parse().ok())
        .unwrap_or(128);
    {
        // One by one, into its own fresh database.
        let dir = tempfile::tempdir()?;
        let alone = Store::open(&StoreConfig {
            data_dir: dir.path().to_path_buf(),
            database_url: std::env::var("KANSLI_BENCH_DATABASE_ALONE").ok(),
        })
        .await?;
        let start = Instant::now();
        for (n, (protocol, authority, original)) in inputs.iter().enumerate() {
            let name = format!("protocol-{n}.json");
            alone
                .import_protocol(protocol, original, &name, authority)
                .await?;
        }
        let elapsed = start.elapsed().as_secs_f64();
        println!(
            "one by one: {count} protocols in {elapsed:.2} s: {:.0} protocols/s (backend {:?})",
            f64::from(count) / elapsed,
            alone.backend()
        );
        alone.close().await;
    }
    let names: Vec<String> = (0..inputs.len())
        .map(|n| format!("protocol-{n}.json"))
        .collect();
    let start = Instant::now();
    let (mut imported, mut updated, mut unchanged) = (0, 0, 0);
    for chunk in inputs.iter().zip(&names).collect::<Vec<_>>().chunks(batch) {
        let jobs: Vec<ImportJob<'_>> = chunk
            .iter()
            .map(|((protocol, authority, original), name)| ImportJob {
                parsed: protocol,
                original,
                file_name: name,
                authority,
            })
            .collect();
        for outcome in store.import_protocols(&jobs).await {
            match outcome? {
                ImportOutcome::Imported { .. } => imported += 1,
                ImportOutcome::Updated { .. } => updated += 1,
                ImportOutcome::Unchanged { .. } => unchanged += 1,
            }
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    println!(
        "in batches of {batch}: {count} protocols in {elapsed:.2} s: {:.0} protocols/s \
         ({imported} imported, {updated} updated, {unchanged} unchanged; backend {:?})",
        f64::from(count) / elapsed,
        store.backend()
    );
    let again = Instant::now();
    for (protocol, authority, original) in inputs.iter().take(1000) {
        store
            .import_protocol(protocol, original, "again.json", authority)
            .await?;
    }
    println!(
        "re-import of 1,000 unchanged protocols: {:.0} protocols/s",
        1000.0 / again.elapsed().as_secs_f64()
    );
    let read = Instant::now();
    let latest = store.latest_meetings(20).await?;
    let mut pages = 0;
    for m in &latest {
        if store
            .meeting(&m.authority.slug, &m.body.slug, &m.slug)
            .await?
            .is_some()
        {
            pages += 1;
        }
    }
    println!(
        "read the start page and {pages} full meetings in {:.1} ms",
        read.elapsed().as_secs_f64() * 1000.0
    );
    for (table, rows) in store.table_counts().await? {
        if rows > 0 {
            println!("  {table:24} {rows:>9}");
        }
    }
    store.close().await;
    Ok(())
}
