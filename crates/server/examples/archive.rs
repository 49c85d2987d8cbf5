//! Serves the sample minutes from a fresh temporary data directory, for looking at the pages
//! (screenshots, the accessibility check) without the `kansli` binary:
//! `cargo run -p kansli-server --example archive -- 127.0.0.1:8099`.

use kansli_server::{AppState, serve};
use kansli_store::{Store, StoreConfig};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8099".to_string());
    let dir = tempfile::tempdir()?;
    let store = Store::open(&StoreConfig {
        data_dir: dir.path().to_path_buf(),
        database_url: None,
    })
    .await?;
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/samples");
    let mut names: Vec<_> = std::fs::read_dir(&samples)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    names.sort();
    for path in names {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let bytes = std::fs::read(&path)?;
        let parsed = match kansli_import::parse_bytes(&bytes) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{name}: {e}");
                continue;
            }
        };
        let authority = if name.starts_with("itsam") {
            "Kommunalförbundet Itsam"
        } else {
            "Lomma kommun"
        };
        let outcome = store
            .import_protocol(&parsed, &bytes, &name, authority)
            .await?;
        eprintln!("{name}: {outcome:?}");
    }
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    eprintln!("serving on http://{addr}");
    serve(listener, AppState::new(store)).await?;
    Ok(())
}
