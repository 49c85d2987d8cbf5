//! The `kansli` binary: parse and import minutes, serve the archive, compute deadlines.
//!
//! Thin by design: every rule lives in `kansli-core`, reading in `kansli-import`, storage in
//! `kansli-store` and HTTP in `kansli-server`; this crate turns command lines into calls and
//! results into exit codes. Errors for people are English one-liners on stderr.

mod accounts;
mod check;
mod corrections;
mod deadlines;
mod demo;
mod export;
mod gallring;
mod import;
mod justera;
mod migrate;
mod render;
mod search;
mod verify;

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
        /// Start with the demo's protocols and accounts: in a temporary data directory removed
        /// when the server stops, or in the `--data-dir` named (loaded once, then kept).
        #[arg(long)]
        demo: bool,
        /// Address and port to listen on.
        #[arg(long, env = "KANSLI_LISTEN", default_value = "127.0.0.1:8080")]
        listen: String,
        /// The public site's settings: the authority's name and logo, the accessibility
        /// statement, personal data, the registrator (default: site.toml in the data directory,
        /// when there is one).
        #[arg(long, env = "KANSLI_SITE_CONFIG")]
        site_config: Option<PathBuf>,
    },
    /// Compute the statutory deadlines of a meeting (justering, anslag, överklagande).
    Deadlines(deadlines::DeadlinesArgs),
    /// Check protocols against Kommunallagen's rules and list the findings.
    Check(check::CheckArgs),
    /// Render a meeting's minutes, an extract, the kallelse or the anslag as PDF/A, HTML or text.
    Render(render::RenderArgs),
    /// Check a justerat protokoll (PDF) against the justerade minutes and signatures kept here:
    /// prints valid or exactly what is wrong; exit status 0 valid, 1 not valid.
    Verify(verify::VerifyArgs),
    /// Search the archive's paragraphs (Swedish full text, filters, --json).
    Search(search::SearchArgs),
    /// Rebuild the search index from the database.
    Reindex,
    /// Copy a whole installation into another database (e.g. SQLite to PostgreSQL), verified.
    Migrate(migrate::MigrateArgs),
    /// Accounts of the secretariat: add, grant, list, disable, enable, password.
    #[command(subcommand)]
    User(accounts::UserCommand),
    /// Personal API tokens: create (printed once), list, revoke.
    #[command(subcommand)]
    Token(accounts::TokenCommand),
    /// Mark released minutes justerade (signed on paper): the notice goes on the anslagstavla.
    Justera(justera::JusteraArgs),
    /// Correct imports: move a meeting to another authority or body, or remove it (audited).
    #[command(subcommand)]
    Meeting(corrections::MeetingCommand),
    /// Export to the e-arkiv: E-ARK SIPs of closed cases and justerade minutes.
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Gallring: retention rules per document type, what is due, and deleting it (audited).
    #[command(subcommand)]
    Gallring(gallring::GallringCommand),
}

/// mimalloc instead of glibc's allocator: the import and the parser allocate many short-lived
/// strings on several threads, where glibc's arenas spend their time consolidating and
/// contending (bench/import.sh: ~15 % less wall time for the same import). Built with the
/// `no_thp` feature: mimalloc asks for no transparent huge pages on its arenas (no
/// `MADV_HUGEPAGE`), so under the kernel's usual `madvise` setting a page's first touch zeroes
/// 4 KiB, not 2 MiB — the server's first visits of meetings spent a third of their CPU zeroing
/// huge pages mimalloc had purged and touched again (bench/README.md). Where the kernel's
/// setting is `always`, `MIMALLOC_ALLOW_THP=0` in the environment turns them off (README).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    use clap::{CommandFactory, FromArgMatches, parser::ValueSource};
    let matches = Cli::command().get_matches();
    // `serve --demo` keeps a data directory named on its command line; without one (an
    // installation's KANSLI_DATA_DIR included) it uses a throwaway.
    let data_dir_named = matches!(
        matches.value_source("data_dir"),
        Some(ValueSource::CommandLine)
    );
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match run(cli, data_dir_named) {
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

fn run(cli: Cli, data_dir_named: bool) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Parse { file } => Ok(parse(&file)),
        Command::Import(args) => runtime()?.block_on(import::run(
            &store_config(&cli.data_dir, cli.database),
            &args,
        )),
        Command::Serve {
            demo,
            listen,
            site_config,
        } => {
            init_logging();
            let site = site_settings(site_config.as_deref(), &cli.data_dir)?;
            runtime()?.block_on(serve(
                cli.data_dir,
                cli.database,
                Demo::of(demo, data_dir_named),
                &listen,
                site,
            ))
        }
        Command::Deadlines(args) => deadlines::run(&args),
        Command::Check(args) => check::run(&args, &store_config(&cli.data_dir, cli.database)),
        Command::Render(args) => render::run(&args, &store_config(&cli.data_dir, cli.database)),
        Command::Verify(args) => verify::run(&args, &store_config(&cli.data_dir, cli.database)),
        Command::Search(args) => runtime()?.block_on(search::run(
            &store_config(&cli.data_dir, cli.database),
            &args,
        )),
        Command::Reindex => {
            runtime()?.block_on(search::reindex(&store_config(&cli.data_dir, cli.database)))
        }
        Command::Migrate(args) => runtime()?.block_on(migrate::run(&args, &cli.data_dir)),
        Command::User(command) => runtime()?.block_on(accounts::user(
            &store_config(&cli.data_dir, cli.database),
            command,
        )),
        Command::Token(command) => runtime()?.block_on(accounts::token(
            &store_config(&cli.data_dir, cli.database),
            command,
        )),
        Command::Justera(args) => runtime()?.block_on(justera::run(
            &store_config(&cli.data_dir, cli.database),
            &args,
        )),
        Command::Meeting(command) => runtime()?.block_on(corrections::run(
            &store_config(&cli.data_dir, cli.database),
            command,
        )),
        Command::Export(command) => runtime()?.block_on(export::run(
            &store_config(&cli.data_dir, cli.database),
            command,
        )),
        Command::Gallring(command) => runtime()?.block_on(gallring::run(
            &store_config(&cli.data_dir, cli.database),
            command,
        )),
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
                use std::io::Write;
                // A reader that stops early (`kansli parse f | head`) is no error, and
                // `println!` would panic on the closed pipe.
                match writeln!(std::io::stdout().lock(), "{json}") {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                    Err(error) => {
                        eprintln!(
                            "kansli: {}: cannot write the output: {error}",
                            file.display()
                        );
                        ExitCode::FAILURE
                    }
                }
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

/// How `serve` treats demo data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Demo {
    /// No demo data.
    No,
    /// The demo in a temporary data directory, removed when the server stops.
    Throwaway,
    /// The demo in the data directory named on the command line (`--data-dir`): loaded when
    /// the directory is new, kept afterwards; refused in a directory holding another
    /// installation's data.
    Kept,
}

impl Demo {
    fn of(demo: bool, data_dir_named: bool) -> Demo {
        match (demo, data_dir_named) {
            (false, _) => Demo::No,
            (true, false) => Demo::Throwaway,
            (true, true) => Demo::Kept,
        }
    }
}

async fn serve(
    data_dir: PathBuf,
    database: Option<String>,
    demo: Demo,
    listen: &str,
    site: kansli_server::site::Site,
) -> anyhow::Result<ExitCode> {
    // The demo's temporary directory lives as long as the server and is removed afterwards.
    let _demo_dir;
    let config = if demo == Demo::Throwaway {
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
    let mut store = kansli_store::Store::open(&config).await.with_context(|| {
        format!(
            "cannot open the data directory {}",
            config.data_dir.display()
        )
    })?;
    let now = fixed_now()?;
    if let Some(now) = now {
        store = store.with_clock(std::sync::Arc::new(move || now));
        eprintln!("KANSLI_NOW: the clock stands still at {now}");
    }
    // Notices due while the server was down count as posted from the first moment.
    let today =
        kansli_core::law::checks::swedish_local_date(now.unwrap_or_else(|| {
            chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
        }));
    match store.post_due_notices(today).await {
        Ok(0) => {}
        Ok(n) => tracing::info!("{n} notices of justering posted on catching up"),
        Err(e) => tracing::error!(error = %e, "cannot catch up the anslagstavla"),
    }
    let mut auth = auth_settings()?;
    if demo != Demo::No {
        // The demo's accounts have a published password: never added to an installation's data.
        if demo == Demo::Kept
            && !demo::is_demo(&store).await?
            && (!store.latest_meetings(1).await?.is_empty() || !store.users().await?.is_empty())
        {
            anyhow::bail!(
                "--demo: {} holds an installation's data, not the demo's; the demo would add accounts with a published password there. Name an empty directory, or leave out --data-dir",
                config.data_dir.display()
            );
        }
        if demo == Demo::Kept && !store.latest_meetings(1).await?.is_empty() {
            eprintln!(
                "--demo: {} holds minutes already; the demo's protocols are not loaded again",
                config.data_dir.display()
            );
        } else {
            let loaded = demo::load(&store).await?;
            tracing::info!("demo data loaded: {loaded} protocols");
        }
        auth.demo_accounts = demo::accounts(&store).await?;
        demo::secretariat(&store).await?;
        eprintln!("Demo accounts (password {}):", demo::DEMO_PASSWORD);
        for (email, _, what) in &auth.demo_accounts {
            eprintln!("  {email:<26} {what}");
        }
    }
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let address = listener.local_addr()?;
    eprintln!(
        "Kansli serves http://{address}/ (data: {})",
        config.data_dir.display()
    );
    let mut state = kansli_server::AppState::new(store)
        .with_auth(auth)
        .with_site(site);
    if let Some(mail) = mail_settings()? {
        eprintln!(
            "Mail (the kallelse) is sent through {}",
            mail.smtp_url.split('@').next_back().unwrap_or("")
        );
        state = state.with_mail(mail);
    }
    if let Some(seal) = seal_settings()? {
        eprintln!("Justerade PDFs are sealed with {}", seal.source.display());
        state = state.with_seal(seal);
    }
    if let Some(now) = now {
        state = state.with_today(kansli_core::law::checks::swedish_local_date(now));
    }
    kansli_server::serve(listener, state).await?;
    Ok(ExitCode::SUCCESS)
}

/// The authority's seal from the environment: `KANSLI_SEAL_P12` (a PKCS#12 file from a CA, RSA
/// key, legacy encryption) and `KANSLI_SEAL_PASSWORD_FILE` (its password, one line); none when
/// unset (the installation then makes its own, self-signed, in `<data-dir>/keys/`).
fn seal_settings() -> anyhow::Result<Option<kansli_signing::seal::Seal>> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let Some(file) = var("KANSLI_SEAL_P12") else {
        return Ok(None);
    };
    let password_file = var("KANSLI_SEAL_PASSWORD_FILE").context(
        "KANSLI_SEAL_P12 needs KANSLI_SEAL_PASSWORD_FILE, the file holding its password",
    )?;
    let password = std::fs::read_to_string(password_file.trim())
        .with_context(|| format!("cannot read KANSLI_SEAL_PASSWORD_FILE {password_file}"))?;
    let seal = kansli_signing::seal::Seal::from_pkcs12_file(
        std::path::Path::new(file.trim()),
        password.trim_end_matches(['\n', '\r']),
    )?;
    Ok(Some(seal))
}

/// Mail from the environment: `KANSLI_SMTP_URL` (`smtp://host:25`, `smtp://user:pass@host:587?tls=required`,
/// `smtps://host:465`) and `KANSLI_MAIL_FROM` (the sender); none when no SMTP URL is set (the
/// kallelse then waits in the outbox).
fn mail_settings() -> anyhow::Result<Option<kansli_server::mail::MailSettings>> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let Some(url) = var("KANSLI_SMTP_URL") else {
        return Ok(None);
    };
    let from =
        var("KANSLI_MAIL_FROM").context("KANSLI_SMTP_URL needs KANSLI_MAIL_FROM, the sender")?;
    let mut settings = kansli_server::mail::MailSettings::new(url.trim(), from.trim())?;
    if let Some(s) = var("KANSLI_MAIL_INTERVAL_SECONDS") {
        let secs: u64 = s
            .parse()
            .context("KANSLI_MAIL_INTERVAL_SECONDS: a number")?;
        settings.interval = std::time::Duration::from_secs(secs.clamp(1, 3600));
    }
    Ok(Some(settings))
}

/// The public site's settings: the file given, else `site.toml` in the data directory when it
/// exists, else the defaults (no name, no logo; the pages say what holds everywhere). The logo
/// named in it is read relative to the file.
fn site_settings(
    file: Option<&std::path::Path>,
    data_dir: &std::path::Path,
) -> anyhow::Result<kansli_server::site::Site> {
    let default = data_dir.join("site.toml");
    let path = match file {
        Some(f) => f.to_path_buf(),
        None if default.is_file() => default,
        None => return Ok(kansli_server::site::Site::default()),
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read the site settings {}", path.display()))?;
    let config = kansli_server::site::SiteConfig::from_toml(&text)
        .with_context(|| format!("{}", path.display()))?;
    let logo = match &config.organisation.logo {
        Some(name) => {
            let file = path
                .parent()
                .unwrap_or(std::path::Path::new("."))
                .join(name);
            let bytes = std::fs::read(&file)
                .with_context(|| format!("cannot read the logo {}", file.display()))?;
            Some(kansli_server::site::Logo::new(name, bytes)?)
        }
        None => None,
    };
    Ok(kansli_server::site::Site { config, logo })
}

/// `KANSLI_NOW` (RFC 3339): a fixed "now" for the whole process, for tests and demos.
pub(crate) fn fixed_now() -> anyhow::Result<Option<chrono::DateTime<chrono::Utc>>> {
    match std::env::var("KANSLI_NOW") {
        Ok(raw) if !raw.trim().is_empty() => chrono::DateTime::parse_from_rfc3339(raw.trim())
            .map(|t| Some(t.with_timezone(&chrono::Utc)))
            .with_context(|| format!("KANSLI_NOW={raw:?} is not an RFC 3339 time")),
        _ => Ok(None),
    }
}

/// Sign-in settings from the environment: `KANSLI_PUBLIC_URL` (https → Secure cookies),
/// `KANSLI_BEHIND_PROXY=1` (trust X-Forwarded-For/-Proto), `KANSLI_OIDC_ISSUER`,
/// `KANSLI_OIDC_CLIENT_ID`, `KANSLI_OIDC_CLIENT_SECRET` (single sign-on) and
/// `KANSLI_LOCAL_LOGIN=off` (only SSO), `KANSLI_SESSION_IDLE_MINUTES`,
/// `KANSLI_SESSION_MAX_HOURS`, `KANSLI_MAX_UPLOAD_MB` (the largest case document, 100).
fn auth_settings() -> anyhow::Result<kansli_server::secretariat::AuthSettings> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let mut auth = kansli_server::secretariat::AuthSettings::default();
    let public_url = var("KANSLI_PUBLIC_URL");
    auth.https = public_url
        .as_deref()
        .is_some_and(|u| u.starts_with("https://"));
    // The origin is the scheme and host of the public URL, without a path.
    auth.public_origin = public_url.as_deref().map(|u| {
        let rest = u.split_once("://").map_or(u, |(_, r)| r);
        let host = rest.split('/').next().unwrap_or(rest);
        let scheme = u.split_once("://").map_or("http", |(s, _)| s);
        format!("{scheme}://{host}")
    });
    auth.behind_proxy = var("KANSLI_BEHIND_PROXY").is_some_and(|v| v == "1" || v == "true");
    if let Some(v) = var("KANSLI_SESSION_IDLE_MINUTES") {
        let minutes: i64 = v.parse().context("KANSLI_SESSION_IDLE_MINUTES: a number")?;
        auth.session_idle = chrono::Duration::minutes(minutes.clamp(1, 24 * 60));
    }
    if let Some(v) = var("KANSLI_MAX_UPLOAD_MB") {
        let mb: usize = v
            .parse()
            .context("KANSLI_MAX_UPLOAD_MB: a number of megabytes")?;
        auth.max_upload = mb.clamp(1, 4096) * 1024 * 1024;
    }
    if let Some(v) = var("KANSLI_SESSION_MAX_HOURS") {
        let hours: i64 = v.parse().context("KANSLI_SESSION_MAX_HOURS: a number")?;
        auth.session_max = chrono::Duration::hours(hours.clamp(1, 24 * 30));
    }
    match (
        var("KANSLI_OIDC_ISSUER"),
        var("KANSLI_OIDC_CLIENT_ID"),
        var("KANSLI_OIDC_CLIENT_SECRET"),
    ) {
        (Some(issuer), Some(id), Some(secret)) => {
            let Some(public) = &public_url else {
                anyhow::bail!(
                    "single sign-on needs KANSLI_PUBLIC_URL (the address people use, for the \
                     callback registered at the provider)"
                );
            };
            auth.oidc = Some(kansli_server::secretariat::oidc::OidcSettings::new(
                issuer, id, secret, public,
            ));
            if var("KANSLI_LOCAL_LOGIN").is_some_and(|v| v == "off" || v == "0") {
                auth.local_login = false;
            }
        }
        (None, None, None) => {}
        _ => anyhow::bail!(
            "single sign-on needs all of KANSLI_OIDC_ISSUER, KANSLI_OIDC_CLIENT_ID and \
             KANSLI_OIDC_CLIENT_SECRET"
        ),
    }
    Ok(auth)
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
