//! `kansli import FILE|DIR…`: parse and store many protocols, with a progress bar and a summary.
//!
//! Parsing runs on one thread per core; storing runs on the async side, one transaction per
//! batch of protocols (a savepoint each, so a protocol that fails fails alone), so an
//! interrupted import keeps every batch it committed and no half protocol.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kansli_core::protocol::ParsedProtocol;
use kansli_import::Reading;
use kansli_store::{Backend, ImportOutcome, Store, StoreConfig};
use serde::Serialize;

/// Options of `kansli import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Files or directories (searched recursively) holding protocols, as text or PDF.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The authority the protocols belong to, when the text does not name it.
    #[arg(long)]
    authority: Option<String>,
    /// Print the summary as JSON on stdout.
    #[arg(long)]
    json: bool,
    /// Print, per file, the key fields that could not be read and every parser warning.
    #[arg(long)]
    review: bool,
}

/// The key fields the parser could not read in one file.
#[derive(Debug, Serialize)]
struct Unread {
    file: String,
    /// Names of the contract's fields: `beslutande`, `chair`, `justerare`, `notice.posted`,
    /// `notice.removal`, `authority`.
    fields: Vec<&'static str>,
}

impl Summary {
    /// Adds what another writer stored (its counts and lists; `files` is the caller's).
    fn absorb(&mut self, other: Summary) {
        self.imported += other.imported;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
        self.failed += other.failed;
        self.failures.extend(other.failures);
        self.warnings += other.warnings;
        self.unread.extend(other.unread);
        self.without_authority += other.without_authority;
        self.moved += other.moved;
        self.shaky.extend(other.shaky);
    }
}

/// What happened to one file that was not stored.
#[derive(Debug, Serialize)]
struct Failure {
    file: String,
    reason: String,
}

/// The summary printed at the end of an import.
#[derive(Debug, Default, Serialize)]
struct Summary {
    files: usize,
    imported: usize,
    updated: usize,
    unchanged: usize,
    failed: usize,
    failures: Vec<Failure>,
    warnings: usize,
    /// Files whose key fields could not all be read.
    unread: Vec<Unread>,
    /// Files stored under "Okänd myndighet": neither the text nor `--authority` named one.
    without_authority: usize,
    /// Meetings moved here from another authority: the same file imported before without
    /// (or with another) `--authority`.
    moved: usize,
    /// With `--review`: per file, the fields read with less than full confidence.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    shaky: Vec<Shaky>,
}

/// The fields of one file read with less than full confidence (0–1; 0 is not read).
#[derive(Debug, Serialize)]
struct Shaky {
    file: String,
    confidence: std::collections::BTreeMap<String, f32>,
}

/// The authority to store a protocol under: what the text names, else the user's choice
/// (`--authority`), else "Okänd myndighet". The text wins so that importing a directory again
/// with `--authority`, as the summary advises for the files that name none, never refiles the
/// minutes that do name theirs (a wrong reading is moved with `kansli meeting move`).
pub fn authority_of(protocol: &ParsedProtocol, given: Option<&str>) -> String {
    protocol
        .authority
        .clone()
        .or_else(|| given.map(str::to_string))
        .unwrap_or_else(|| "Okänd myndighet".to_string())
}

/// Runs the import; the exit code is non-zero when any file failed.
pub async fn run(config: &StoreConfig, args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let files = collect_files(&args.paths)?;
    let store = Store::open(config).await.with_context(|| {
        format!(
            "cannot open the data directory {}",
            config.data_dir.display()
        )
    })?;

    let progress =
        ProgressBar::with_draw_target(Some(files.len() as u64), ProgressDrawTarget::stderr());
    progress.set_style(
        ProgressStyle::with_template(
            "{bar:40} {pos}/{len} protokoll  {per_sec}  {eta} kvar  {wide_msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );

    let mut summary = Summary {
        files: files.len(),
        ..Summary::default()
    };
    let (sender, receiver) = tokio::sync::mpsc::channel::<Read>(BATCH);
    let queue = Arc::new(Mutex::new(files.into_iter()));
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut handles = Vec::new();
    for _ in 0..workers {
        let queue = Arc::clone(&queue);
        let sender = sender.clone();
        // Named so that a profile tells the parse from the store's writing.
        let worker = std::thread::Builder::new().name("kansli-parse".into());
        handles.push(worker.spawn(move || {
            loop {
                let next = queue.lock().map(|mut q| q.next()).unwrap_or(None);
                let Some(path) = next else { break };
                let result = std::fs::read(&path)
                    .map_err(|e| format!("cannot read the file: {e}"))
                    .and_then(|bytes| match kansli_import::read_bytes(&bytes) {
                        Ok(reading) => Ok((bytes, reading)),
                        Err(e) => Err(e.to_string()),
                    });
                if sender.blocking_send((path, result)).is_err() {
                    break;
                }
            }
        })?);
    }
    drop(sender);

    // The store writes a batch in one transaction while the workers read the next: whatever
    // has arrived when a writer is free, up to BATCH protocols. On PostgreSQL two writers, each
    // its own transaction: a batch spends most of its time waiting for the database's answers,
    // which the other batch uses (their change-log rows are written just before each commit,
    // so they do not queue on its lock before). SQLite writes one transaction at a time
    // anyway; a move (`--authority`) stores one protocol at a time.
    let writers = if store.backend() == Backend::Postgres && args.authority.is_none() {
        2
    } else {
        1
    };
    let receiver = tokio::sync::Mutex::new(receiver);
    let write = |active: bool| {
        let (receiver, store, progress) = (&receiver, &store, &progress);
        async move {
            let mut stored = Summary::default();
            if active {
                loop {
                    let batch = next_batch(receiver).await;
                    if batch.is_empty() {
                        break;
                    }
                    store_batch(store, args, progress, &mut stored, batch).await;
                }
            }
            stored
        }
    };
    let (first, second) = tokio::join!(write(true), write(writers > 1));
    summary.absorb(first);
    summary.absorb(second);
    for handle in handles {
        let _ = handle.join();
    }
    progress.finish_and_clear();
    crate::search::catch_up_after_import(&store).await;

    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        eprintln!(
            "{} files: {} imported, {} updated, {} unchanged, {} failed ({} parser warnings)",
            summary.files,
            summary.imported,
            summary.updated,
            summary.unchanged,
            summary.failed,
            summary.warnings
        );
        if summary.moved > 0 {
            eprintln!(
                "{} meeting(s) moved here from another authority (no second copy kept)",
                summary.moved
            );
        }
        for u in &summary.unread {
            eprintln!("  {}: not read: {}", u.file, u.fields.join(", "));
        }
        if summary.without_authority > 0 {
            eprintln!(
                "kansli: {} file(s) name no authority and were stored under \"Okänd myndighet\" (listed above); import them again with --authority NAME (it applies only to files whose text names no authority)",
                summary.without_authority
            );
        }
    }
    Ok(if summary.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The most protocols stored in one transaction: large enough that the per-transaction cost
/// vanishes, small enough that an interrupted import loses little and memory stays flat.
const BATCH: usize = 128;

/// A file read by a worker: its bytes and reading, or why it could not be read.
type Read = (PathBuf, Result<(Vec<u8>, Reading), String>);

/// The files read so far, up to BATCH, waiting for the first; empty when every worker is done.
async fn next_batch(receiver: &tokio::sync::Mutex<tokio::sync::mpsc::Receiver<Read>>) -> Vec<Read> {
    let mut receiver = receiver.lock().await;
    let mut batch = Vec::with_capacity(BATCH);
    if let Some(first) = receiver.recv().await {
        batch.push(first);
        while batch.len() < BATCH {
            match receiver.try_recv() {
                Ok(next) => batch.push(next),
                Err(_) => break,
            }
        }
    }
    batch
}

/// Stores the protocols read so far in one batch and adds each outcome to the summary, in the
/// order the files arrived.
async fn store_batch(
    store: &Store,
    args: &ImportArgs,
    progress: &ProgressBar,
    summary: &mut Summary,
    batch: Vec<Read>,
) {
    let mut names = Vec::with_capacity(batch.len());
    let mut prepared = Vec::with_capacity(batch.len());
    for (path, result) in &batch {
        let name = path.display().to_string();
        progress.set_message(name.clone());
        let ready = match result {
            Ok((bytes, reading)) => {
                note_reading(args, progress, summary, &name, reading);
                let file_name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let authority = authority_of(&reading.protocol, args.authority.as_deref());
                Ok((bytes, reading, file_name, authority))
            }
            Err(reason) => Err(reason.clone()),
        };
        names.push(name);
        prepared.push(ready);
    }
    let jobs: Vec<kansli_store::ImportJob<'_>> = prepared
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(
            |(bytes, reading, file_name, authority)| kansli_store::ImportJob {
                parsed: &reading.protocol,
                original: bytes,
                file_name,
                authority,
            },
        )
        .collect();
    let mut outcomes = if args.authority.is_some() {
        // Named explicitly: the same file filed elsewhere before (under "Okänd myndighet", or
        // under another name before its text was read better) is moved here, one by one
        // (a move removes a meeting, which a batch's savepoints do not cover).
        let mut done = Vec::with_capacity(jobs.len());
        for (job, name) in jobs.iter().zip(
            prepared
                .iter()
                .zip(&names)
                .filter(|(r, _)| r.is_ok())
                .map(|(_, n)| n),
        ) {
            done.push(
                store
                    .import_protocol_moving(
                        job.parsed,
                        job.original,
                        job.file_name,
                        job.authority,
                        &kansli_store::Actor::shell(),
                    )
                    .await
                    .map(|(outcome, moved)| {
                        for m in &moved {
                            progress.suspend(|| {
                                eprintln!(
                                    "kansli: {name}: moved {} to {}",
                                    m.from.spec(),
                                    m.to.spec()
                                )
                            });
                        }
                        summary.moved += moved.len();
                        outcome
                    }),
            );
        }
        done.into_iter()
    } else {
        store.import_protocols(&jobs).await.into_iter()
    };
    for (name, ready) in names.into_iter().zip(prepared) {
        let stored = match ready {
            Ok(_) => outcomes
                .next()
                .unwrap_or_else(|| Err(kansli_store::StoreError::Invalid("not imported".into())))
                .map_err(|e| e.to_string()),
            Err(reason) => Err(reason),
        };
        match stored {
            Ok(ImportOutcome::Imported { .. }) => summary.imported += 1,
            Ok(ImportOutcome::Updated { .. }) => summary.updated += 1,
            Ok(ImportOutcome::Unchanged { .. }) => summary.unchanged += 1,
            Err(reason) => {
                summary.failed += 1;
                progress.suspend(|| eprintln!("kansli: {name}: {reason}"));
                summary.failures.push(Failure { file: name, reason });
            }
        }
        progress.inc(1);
    }
}

/// Adds what the parser could not read, or read unsure, in one file to the summary (and with
/// `--review` prints it).
fn note_reading(
    args: &ImportArgs,
    progress: &ProgressBar,
    summary: &mut Summary,
    name: &str,
    reading: &Reading,
) {
    let protocol = &reading.protocol;
    summary.warnings += protocol.warnings.len();
    let mut fields = kansli_import::unread_key_fields(protocol);
    if args.authority.is_some() {
        fields.retain(|f| *f != "authority");
    } else if protocol.authority.is_none() {
        summary.without_authority += 1;
        progress.suspend(|| {
            eprintln!(
                "kansli: {name}: NO AUTHORITY found in the text; stored under \"Okänd myndighet\" (give --authority)"
            )
        });
    }
    if args.review {
        progress.suspend(|| review(name, &fields, reading));
        let shaky: std::collections::BTreeMap<String, f32> = reading
            .shaky()
            .into_iter()
            .map(|(k, c)| (k.to_string(), c))
            .collect();
        if !shaky.is_empty() {
            summary.shaky.push(Shaky {
                file: name.to_string(),
                confidence: shaky,
            });
        }
    }
    if !fields.is_empty() {
        summary.unread.push(Unread {
            file: name.to_string(),
            fields,
        });
    }
}

/// `--review`: the fields a reader should check in one file, on stderr: those not read, those
/// read with less than full confidence, and the parser's warnings.
fn review(name: &str, unread: &[&str], reading: &Reading) {
    eprintln!("{name}:");
    if !unread.is_empty() {
        eprintln!("  not read: {}", unread.join(", "));
    }
    for (field, c) in reading.shaky().into_iter().filter(|(_, c)| *c > 0.0) {
        eprintln!("  unsure: {field} ({c:.1})");
    }
    for w in &reading.protocol.warnings {
        eprintln!("  warning: {w}");
    }
}

/// Every regular, non-hidden file under the given paths, in a stable order.
fn collect_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if !path.exists() {
            anyhow::bail!("{}: no such file or directory", path.display());
        }
        for entry in walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
        {
            let entry = entry.with_context(|| format!("cannot walk {}", path.display()))?;
            if entry.file_type().is_file() && !is_hidden(entry.path()) {
                files.push(entry.into_path());
            }
        }
    }
    Ok(files)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}
