//! The `kansli` binary: parse and import minutes, serve the archive, compute deadlines.
//!
//! Thin by design: every rule lives in `kansli-core`, reading in `kansli-import`, storage in
//! `kansli-store` and HTTP in `kansli-server`; this crate turns command lines into calls and
//! results into exit codes. Errors for people are English one-liners on stderr.

mod check;
mod deadlines;
mod demo;
mod import;
mod migrate;
mod render;
mod search;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

/// Kansli: the open archive and secretariat for Swedish municipal minutes.
#[derive(Debug, Parser)]
#[command(name = "kansli", version, about)]
struct Cli {
    /// The installation's data directory: database, search index, stored files.
    #[arg(
        long,
        global = true,
        env = "KANSLI_DATA_DIR",
        default_value = "./kansli-data"
    )]
    data_dir: PathBuf,
    /// Database URL (default: the SQLite file in the data directory), e.g. sqlite:/path/kansli.sqlite3.
    #[arg(long, global = true, env = "KANSLI_DATABASE")]
    database: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read one protocol (text or PDF) and print its structure as JSON.
    Parse {
        /// The protocol file.
        file: PathBuf,
    },
    /// Store protocols (files or directories, recursively) in the archive.
    Import(import::ImportArgs),
    /// Serve the public archive and the JSON API.
    Serve {
        /// Start on a fresh temporary data directory loaded with the sample protocols.
        #[arg(long)]
        demo: bool,
        /// Address and port to listen on.
        #[arg(long, env = "KANSLI_LISTEN", default_value = "127.0.0.1:8080")]
        listen: String,
    },
    /// Compute the statutory deadlines of a meeting (justering, anslag, överklagande).
    Deadlines(deadlines::DeadlinesArgs),
    /// Check protocols against Kommunallagen's rules and list the findings.
    Check(check::CheckArgs),
    /// Render a meeting's minutes, an extract, the kallelse or the anslag as PDF/A, HTML or text.
    Render(render::RenderArgs),
    /// Search the archive's paragraphs (Swedish full text, filters, --json).
    Search(search::SearchArgs),
    /// Rebuild the search index from the database.
    Reindex,
    /// Copy a whole installation into another database (e.g. SQLite to PostgreSQL), verified.
    Migrate(migrate::MigrateArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("kansli: {}", one_line(&error));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes on one line, each said once: the library errors already embed
/// their source's text, so a plain `{:#}` would repeat it.
fn one_line(error: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Parse { file } => Ok(parse(&file)),
        Command::Import(args) => runtime()?.block_on(import::run(
            &store_config(&cli.data_dir, cli.database),
            &args,
        )),
        Command::Serve { demo, listen } => {
            init_logging();
            runtime()?.block_on(serve(cli.data_dir, cli.database, demo, &listen))
        }
        Command::Deadlines(args) => deadlines::run(&args),
        Command::Check(args) => check::run(&args, &store_config(&cli.data_dir, cli.database)),
        Command::Render(args) => render::run(&args, &store_config(&cli.data_dir, cli.database)),
        Command::Search(args) => runtime()?.block_on(search::run(
            &store_config(&cli.data_dir, cli.database),
            &args,
        )),
        Command::Reindex => {
            runtime()?.block_on(search::reindex(&store_config(&cli.data_dir, cli.database)))
        }
        Command::Migrate(args) => runtime()?.block_on(migrate::run(&args, &cli.data_dir)),
    }
}

fn parse(file: &std::path::Path) -> ExitCode {
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("kansli: {}: cannot read the file: {error}", file.display());
            return ExitCode::FAILURE;
        }
    };
    match kansli_import::parse_bytes(&bytes) {
        Ok(protocol) => match serde_json::to_string_pretty(&protocol) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("kansli: {}: cannot write JSON: {error}", file.display());
                ExitCode::FAILURE
            }
        },
        Err(error) => {
            eprintln!("kansli: {}: {error}", file.display());
            ExitCode::FAILURE
        }
    }
}

fn store_config(data_dir: &std::path::Path, database: Option<String>) -> kansli_store::StoreConfig {
    kansli_store::StoreConfig {
        data_dir: data_dir.to_path_buf(),
        database_url: database,
    }
}

async fn serve(
    data_dir: PathBuf,
    database: Option<String>,
    demo: bool,
    listen: &str,
) -> anyhow::Result<ExitCode> {
    // The demo's temporary directory lives as long as the server and is removed afterwards.
    let _demo_dir;
    let config = if demo {
        let dir = tempfile::Builder::new()
            .prefix("kansli-demo-")
            .tempdir()
            .context("cannot create a temporary data directory")?;
        let config = store_config(dir.path(), None);
        _demo_dir = dir;
        config
    } else {
        store_config(&data_dir, database)
    };
    let store = kansli_store::Store::open(&config).await.with_context(|| {
        format!(
            "cannot open the data directory {}",
            config.data_dir.display()
        )
    })?;
    if demo {
        let loaded = demo::load(&store).await?;
        tracing::info!("demo data loaded: {loaded} protocols");
    }
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let address = listener.local_addr()?;
    eprintln!(
        "Kansli serves http://{address}/ (data: {})",
        config.data_dir.display()
    );
    kansli_server::serve(listener, kansli_server::AppState::new(store)).await?;
    Ok(ExitCode::SUCCESS)
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

fn init_logging() {
    let filter =
        tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    // Colours only for a person at a terminal, never into a log file or a journal.
    use std::io::IsTerminal;
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .init();
    log_panics();
}

/// Every panic goes to the log with its thread and location, also one in a blocking task that
/// tokio turns into an error and one that the HTTP layer answers with a 500 page: a panic never
/// passes silently. The default hook still prints the message (and a backtrace when
/// `RUST_BACKTRACE` asks for one) after the log line.
fn log_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("(no message)");
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let thread = std::thread::current();
        tracing::error!(
            panic = message,
            %location,
            thread = thread.name().unwrap_or("unnamed"),
            "panic"
        );
        default(info);
    }));
}
