//! `kansli gallring`: the authority's retention rules per document type (bevaras, or gallras
//! N years after the case was closed), each document's type, what is due, and the run that
//! deletes it — only with `--confirm`, logged under its rule and audited.

use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::{ArgGroup, Args, Subcommand};
use kansli_store::{Actor, Retention, Store, StoreConfig};

/// Gallring.
#[derive(Debug, Subcommand)]
pub enum GallringCommand {
    /// Set the rule of a document type: --bevaras, or --years N (gallras N years after the
    /// case was closed).
    Rule(RuleArgs),
    /// List the authority's rules.
    Rules(AuthorityArg),
    /// Give a document its type (a type with a rule).
    Classify {
        #[command(flatten)]
        authority: AuthorityArg,
        /// The document's id.
        #[arg(long)]
        document: i64,
        /// The document type, as the rules name it.
        #[arg(long = "type", value_name = "TYPE")]
        document_type: String,
    },
    /// List the documents whose content is due for gallring.
    List(DueArgs),
    /// Delete the content of every document due (the registration stays), with --confirm.
    Run {
        #[command(flatten)]
        due: DueArgs,
        /// Really delete (without it, nothing is deleted and what would be is listed).
        #[arg(long)]
        confirm: bool,
    },
    /// List what gallring has deleted, under which rule.
    Log(AuthorityArg),
}

/// The authority.
#[derive(Debug, Args)]
pub struct AuthorityArg {
    /// The authority (name or slug).
    #[arg(long)]
    authority: String,
}

/// A rule to set.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("retention").required(true).args(["bevaras", "years"])))]
pub struct RuleArgs {
    #[command(flatten)]
    authority: AuthorityArg,
    /// The document type ("Anbud").
    #[arg(long = "type", value_name = "TYPE")]
    document_type: String,
    /// Bevaras: never deleted.
    #[arg(long)]
    bevaras: bool,
    /// Gallras this many years after the case was closed.
    #[arg(long, value_name = "N")]
    years: Option<u32>,
}

/// What is due, on which day.
#[derive(Debug, Args)]
pub struct DueArgs {
    #[command(flatten)]
    authority: AuthorityArg,
    /// The day to count to (YYYY-MM-DD; default today in Sweden).
    #[arg(long, value_name = "DATE")]
    today: Option<String>,
}

async fn authority(store: &Store, arg: &AuthorityArg) -> anyhow::Result<String> {
    let slug = kansli_core::text::slug(&arg.authority);
    match store.authority_record(&slug).await? {
        Some(a) => Ok(a.slug),
        None => bail!("no authority {:?}", arg.authority),
    }
}

fn today(store: &Store, arg: &Option<String>) -> anyhow::Result<NaiveDate> {
    match arg {
        Some(d) => NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .with_context(|| format!("--today {d:?} is not a date (YYYY-MM-DD)")),
        None => Ok(kansli_core::law::checks::swedish_local_date(
            store.now_utc(),
        )),
    }
}

/// Runs a gallring command.
pub async fn run(config: &StoreConfig, command: GallringCommand) -> anyhow::Result<ExitCode> {
    let mut store = Store::open(config).await?;
    if let Some(now) = crate::fixed_now()? {
        store = store.with_clock(std::sync::Arc::new(move || now));
    }
    let actor = Actor::shell();
    match command {
        GallringCommand::Rule(args) => {
            let a = authority(&store, &args.authority).await?;
            let retention = match args.years {
                Some(years) => Retention::Gallras { years },
                None => Retention::Bevaras,
            };
            let rule = store
                .set_retention_rule(&actor, &a, &args.document_type, retention)
                .await?
                .context("the authority disappeared")?;
            println!("{}: {}", rule.document_type, rule.retention);
        }
        GallringCommand::Rules(arg) => {
            let a = authority(&store, &arg).await?;
            for rule in store.retention_rules(&a).await? {
                println!("{}: {}", rule.document_type, rule.retention);
            }
        }
        GallringCommand::Classify {
            authority: arg,
            document,
            document_type,
        } => {
            let a = authority(&store, &arg).await?;
            match store
                .set_document_type(&actor, &a, document, &document_type)
                .await?
            {
                Some(t) => println!("document {document}: {t}"),
                None => bail!("no document {document} in the diarium of {}", arg.authority),
            }
        }
        GallringCommand::List(args) => {
            let a = authority(&store, &args.authority).await?;
            let due = store.gallring_due(&a, today(&store, &args.today)?).await?;
            for d in &due {
                println!(
                    "{}\t{}\t{}\t{}\tdue {} ({})",
                    d.document_id, d.case_dnr, d.document_type, d.title, d.due, d.rule
                );
            }
            eprintln!("{} document(s) due for gallring", due.len());
        }
        GallringCommand::Run { due, confirm } => {
            let a = authority(&store, &due.authority).await?;
            let day = today(&store, &due.today)?;
            if !confirm {
                let list = store.gallring_due(&a, day).await?;
                for d in &list {
                    eprintln!(
                        "would delete {} {} ({}, {})",
                        d.case_dnr, d.title, d.document_type, d.rule
                    );
                }
                bail!(
                    "{} document(s) due: nothing deleted; run again with --confirm to delete them",
                    list.len()
                );
            }
            let gone = store.run_gallring(&actor, &a, day).await?;
            for g in &gone {
                println!(
                    "deleted\t{}\t{}\t{}\t{}\t{}",
                    g.document_id, g.case_dnr, g.document_type, g.title, g.rule
                );
            }
            eprintln!("{} document(s) gallrade", gone.len());
        }
        GallringCommand::Log(arg) => {
            let a = authority(&store, &arg).await?;
            for g in store.gallring_log(&a).await? {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\tsha256 {}",
                    g.deleted_at,
                    g.case_dnr,
                    g.document_type,
                    g.title,
                    g.rule,
                    g.deleted_by,
                    g.file_sha256.as_deref().unwrap_or("-")
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
