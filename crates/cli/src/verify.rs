//! `kansli verify FILE`: checks a justerat protokoll (the sealed PDF, or the record as JSON, e.g.
//! `protokoll.json` of an e-arkiv package) against the justerade minutes and their signatures
//! kept in this installation, and says exactly what is wrong when it is not valid.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use kansli_store::{Store, StoreConfig};

/// Arguments of `kansli verify`.
#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// The PDF (or the record as JSON) to check.
    pub file: PathBuf,
    /// Print the outcome as JSON (`{valid, signers, problems, minutes, sha256, pdf_signatures, publication_copy, certified_by}`).
    #[arg(long)]
    pub json: bool,
}

/// Runs the check: exit status 0 when valid, 1 when not (after the report).
pub fn run(args: &VerifyArgs, config: &StoreConfig) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let report = crate::runtime()?.block_on(async {
        let store = Store::open(config).await?;
        let report = kansli_server::verification::verify_file(&store, &bytes, None).await?;
        store.close().await;
        anyhow::Ok(report)
    })?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!("{}: SHA-256 {}", args.file.display(), report.sha256);
        if let Some(m) = &report.minutes {
            println!("minutes: {m}");
        }
        if let Some(by) = &report.certified_by {
            println!("a certified extract (bestyrkt protokollsutdrag), certified by {by}");
        }
        for s in &report.signers {
            println!(
                "signed by {}{} at {}",
                s.name,
                s.role
                    .as_deref()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default(),
                s.signed_at.as_deref().unwrap_or("an unknown time")
            );
        }
        for s in &report.pdf_signatures {
            println!(
                "PDF signature by {}: {}",
                s.signer.as_deref().unwrap_or("an unnamed signer"),
                match (s.intact, s.covers_whole_document) {
                    (true, true) => "intact, covers the whole file",
                    (true, false) => "intact, but something was added after it",
                    (false, _) => "BROKEN: the signed bytes were changed",
                }
            );
        }
        for p in &report.problems {
            println!("problem: {p}");
        }
        println!("{}", if report.valid { "valid" } else { "NOT VALID" });
    }
    Ok(if report.valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
