//! `kansli migrate --from sqlite:PATH --to postgres://…`: copies a whole installation into
//! another database and verifies the copy (row counts and a checksum per table).
//!
//! The copy itself is `Store::copy_to`: one transaction on the target, so a failed or
//! interrupted copy leaves the target as it was; running it again after success reports that
//! the target is already identical.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use kansli_store::{CopyOutcome, Store, StoreConfig};

/// Options of `kansli migrate`.
#[derive(Debug, clap::Args)]
pub struct MigrateArgs {
    /// The installation to copy: `sqlite:PATH` (the database file, or the data directory
    /// holding kansli.sqlite3), or any database URL.
    #[arg(long)]
    from: String,
    /// The database to copy into, e.g. postgres://kansli@db/kansli (must be empty, or already
    /// identical).
    #[arg(long)]
    to: String,
    /// Print the per-table checks as JSON on stdout.
    #[arg(long)]
    json: bool,
}

/// The store configuration of `--from`: a SQLite path names a file or a data directory.
fn source_config(from: &str, data_dir: &Path) -> StoreConfig {
    let Some(path) = from
        .strip_prefix("sqlite://")
        .or_else(|| from.strip_prefix("sqlite:"))
        .filter(|p| !p.contains('?'))
    else {
        return StoreConfig {
            data_dir: data_dir.to_path_buf(),
            database_url: Some(from.to_string()),
        };
    };
    let path = PathBuf::from(path);
    if path.is_dir() {
        StoreConfig {
            data_dir: path,
            database_url: None,
        }
    } else {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        StoreConfig {
            data_dir: dir,
            database_url: Some(from.to_string()),
        }
    }
}

/// Runs the copy; the exit code is non-zero when it fails or does not verify.
pub async fn run(args: &MigrateArgs, data_dir: &Path) -> anyhow::Result<ExitCode> {
    let source_config = source_config(&args.from, data_dir);
    if let Some(path) = source_config
        .database_url
        .as_deref()
        .and_then(|u| u.strip_prefix("sqlite:"))
        .map(|p| p.trim_start_matches("//"))
        && !Path::new(path).exists()
    {
        anyhow::bail!("the source database {path} does not exist");
    }
    if source_config.database_url.is_none()
        && !source_config.data_dir.join("kansli.sqlite3").exists()
    {
        anyhow::bail!(
            "the source {} holds no kansli.sqlite3",
            source_config.data_dir.display()
        );
    }
    let source = Store::open(&source_config)
        .await
        .context("cannot open the source")?;
    // The target's data directory only holds its (empty) search index folder: share the
    // source's rather than create one.
    let target = Store::open(&StoreConfig {
        data_dir: source_config.data_dir.clone(),
        database_url: Some(args.to.clone()),
    })
    .await
    .context("cannot open the target")?;
    eprintln!("kansli: copying every table (one transaction on the target) …");
    let outcome = source.copy_to(&target).await?;
    source.close().await;
    target.close().await;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&outcome)?);
    } else {
        println!(
            "{:<24} {:>10} {:>10}  checksum",
            "table", "source", "target"
        );
        for t in outcome.tables() {
            println!(
                "{:<24} {:>10} {:>10}  {}",
                t.table,
                t.source_rows,
                t.target_rows,
                &t.target_checksum[..16]
            );
        }
    }
    let rows: u64 = outcome.tables().iter().map(|t| t.source_rows).sum();
    match outcome {
        CopyOutcome::Copied(_) => eprintln!(
            "kansli: copied and verified {rows} rows in {} tables",
            outcome.tables().len()
        ),
        CopyOutcome::AlreadyIdentical(_) => eprintln!(
            "kansli: the target already holds exactly the source's {rows} rows; nothing to do"
        ),
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_sources_name_a_file_or_a_data_directory() {
        let dir = tempfile::tempdir().unwrap();
        let c = source_config(&format!("sqlite:{}", dir.path().display()), Path::new("x"));
        assert_eq!(c.data_dir, dir.path());
        assert_eq!(c.database_url, None);
        let file = dir.path().join("k.db");
        let c = source_config(&format!("sqlite:{}", file.display()), Path::new("x"));
        assert_eq!(c.data_dir, dir.path());
        assert_eq!(c.database_url, Some(format!("sqlite:{}", file.display())));
    }
}
