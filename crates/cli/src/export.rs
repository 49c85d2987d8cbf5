//! `kansli export earkiv`: E-ARK SIPs (FGS Paketstruktur 2.0) for the authority's e-arkiv — one
//! closed case, one justerade minutes, or every case closed before a date. The store reads,
//! `kansli-earkiv` writes and verifies, and each export is written to the audit log.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::{DateTime, NaiveDate, Utc};
use clap::{ArgGroup, Args, Subcommand};
use kansli_earkiv::{
    Authority, CaseDocument, CaseHandling, ClosedCase, DataFile, Direction, EarkivError,
    ExportContext, JusteradMinutes, MinutesCase, Signature, SignatureCheck, WrittenPackage,
};
use kansli_store::{Actor, Store, StoreConfig};

/// Exports.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Write E-ARK SIPs (CSIP 2.1.0 + SIP 2.1.0 with CITS ERMS and PREMIS: FGS Paketstruktur
    /// 2.0) of a closed case, justerade minutes, or every case closed before a date.
    Earkiv(EarkivArgs),
}

/// What to export, and where.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("what").required(true).args(["case", "minutes", "closed_before"])))]
pub struct EarkivArgs {
    /// The authority whose archive it is (name or slug).
    #[arg(long)]
    authority: String,
    /// A closed case, by Dnr or key ("ITSAM 2026/1", ITSAM-2026-1).
    #[arg(long)]
    case: Option<String>,
    /// Justerade minutes: BODY/DATE (names or slugs, e.g. direktionen/2024-03-05).
    #[arg(long, value_name = "BODY/DATE")]
    minutes: Option<String>,
    /// Every case closed before this day (YYYY-MM-DD); packages already in DIR are kept.
    #[arg(long, value_name = "DATE")]
    closed_before: Option<String>,
    /// The folder the packages are written into (created when missing); each package is a
    /// folder named by its identifier.
    #[arg(short = 'o', long = "out", value_name = "DIR")]
    out: PathBuf,
}

/// Runs an export.
pub async fn run(config: &StoreConfig, command: ExportCommand) -> anyhow::Result<ExitCode> {
    let ExportCommand::Earkiv(args) = command;
    let mut store = Store::open(config).await?;
    if let Some(now) = crate::fixed_now()? {
        store = store.with_clock(std::sync::Arc::new(move || now));
    }
    let slug = kansli_core::text::slug(&args.authority);
    let Some(authority) = store.authority_record(&slug).await? else {
        let known: Vec<String> = store
            .authorities()
            .await?
            .into_iter()
            .map(|a| a.authority.name)
            .collect();
        bail!(
            "no authority {:?} (known: {})",
            args.authority,
            if known.is_empty() {
                "none".to_string()
            } else {
                known.join(", ")
            }
        );
    };
    let ctx = ExportContext {
        authority: Authority {
            name: authority.name.clone(),
            slug: authority.slug.clone(),
        },
        software: "Kansli".into(),
        software_version: env!("CARGO_PKG_VERSION").into(),
        created: store.now_utc(),
    };
    if let Some(key) = &args.case {
        let written = export_case(&store, &ctx, key, &args.out).await?;
        report(&written);
    } else if let Some(spec) = &args.minutes {
        let written = export_minutes(&store, &ctx, spec, &args.out).await?;
        report(&written);
    } else if let Some(day) = &args.closed_before {
        let before = NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
            .with_context(|| format!("--closed-before {day:?} is not a date (YYYY-MM-DD)"))?;
        let cases = store
            .closed_cases_before(&authority.slug, &before.to_string())
            .await?;
        if cases.is_empty() {
            eprintln!("no case of {} was closed before {before}", authority.name);
        }
        let (mut written, mut kept) = (0, 0);
        for case in cases {
            match export_case(&store, &ctx, &case.key, &args.out).await {
                Ok(package) => {
                    report(&package);
                    written += 1;
                }
                Err(error)
                    if matches!(
                        error.downcast_ref::<EarkivError>(),
                        Some(EarkivError::Exists(_))
                    ) =>
                {
                    eprintln!("kept {}: {error}", case.dnr);
                    kept += 1;
                }
                Err(error) => return Err(error),
            }
        }
        eprintln!("{written} package(s) written, {kept} already there");
    }
    Ok(ExitCode::SUCCESS)
}

fn report(package: &WrittenPackage) {
    println!("{}", package.path.display());
    eprintln!(
        "wrote {} ({} files, SHA-256 verified)",
        package.objid,
        package.files.len()
    );
}

fn instant(raw: &str, what: &str) -> anyhow::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(raw.trim())
        .map(|t| t.with_timezone(&Utc))
        .with_context(|| format!("{what}: {raw:?} is not a time"))
}

fn day(raw: &str, what: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .with_context(|| format!("{what}: {raw:?} is not a date"))
}

/// Reads the package back (every checksum) and writes the export to the audit log.
async fn verified(
    store: &Store,
    entity: String,
    written: WrittenPackage,
) -> anyhow::Result<WrittenPackage> {
    let check = kansli_earkiv::verify(&written.path)?;
    if !check.is_ok() {
        let problems: Vec<String> = check.problems.iter().map(ToString::to_string).collect();
        bail!(
            "the package {} does not read back: {}",
            written.path.display(),
            problems.join("; ")
        );
    }
    let files: Vec<(String, String)> = written
        .files
        .iter()
        .map(|f| (f.path.clone(), f.sha256.clone()))
        .collect();
    store
        .record_export(
            &Actor::shell(),
            &entity,
            &written.path.display().to_string(),
            &files,
        )
        .await?;
    Ok(written)
}

async fn export_case(
    store: &Store,
    ctx: &ExportContext,
    key: &str,
    out: &Path,
) -> anyhow::Result<WrittenPackage> {
    let Some(export) = store.case_export(&ctx.authority.slug, key).await? else {
        bail!("no case {key:?} in the diarium of {}", ctx.authority.name);
    };
    let case = &export.case;
    let Some(closed_at) = case
        .closed_at
        .as_deref()
        .filter(|_| case.status == "closed")
    else {
        bail!(
            "the case {} is open: the e-arkiv takes closed cases (close it first)",
            case.dnr
        );
    };
    let documents = export
        .documents
        .iter()
        .map(|d| {
            let r = &d.record;
            Ok(CaseDocument {
                id: r.id,
                title: r.title.clone(),
                direction: r.direction.as_deref().and_then(Direction::parse),
                confidential: r.confidential,
                secrecy_ground: r.secrecy_ground.clone(),
                registered_at: instant(&r.registered_at, "a document's registration")?,
                file: DataFile {
                    original_name: r.file_name.clone().unwrap_or_else(|| r.title.clone()),
                    media_type: r
                        .media_type
                        .clone()
                        .unwrap_or_else(|| "application/octet-stream".into()),
                    stored_at: instant(&d.stored_at, "a document's storing")?,
                    bytes: d.content.clone(),
                },
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut handled = Vec::new();
    for h in &export.handled {
        let meeting_date = day(&h.meeting_date, "a meeting's date")?;
        handled.push(CaseHandling {
            body: h.body_name.clone(),
            meeting_date,
            paragraph: h.paragraph,
            title: h.title.clone(),
            decision: h.decision.clone(),
            extract: extract(store, h.meeting_id, h.paragraph, ctx.created).await?,
        });
    }
    let closed = ClosedCase {
        dnr: case.dnr.clone(),
        key: case.key.clone(),
        title: case.title.clone(),
        handler: case.handler.clone(),
        registered_at: instant(&case.created_at, "the case's registration")?,
        closed_at: instant(closed_at, "the case's closing")?,
        documents,
        handled,
    };
    let written = kansli_earkiv::export_case(out, ctx, &closed)?;
    verified(
        store,
        format!("case:{}/{}", ctx.authority.slug, case.key),
        written,
    )
    .await
}

/// The protokollsutdrag of one paragraph as PDF/A, rendered from the meeting's stored
/// reading; `None` when the meeting has none (nothing to render it from).
async fn extract(
    store: &Store,
    meeting_id: i64,
    paragraph: i64,
    created: DateTime<Utc>,
) -> anyhow::Result<Option<DataFile>> {
    let Some(reading) = store.meeting_reading(meeting_id).await? else {
        return Ok(None);
    };
    let kind = kansli_render::DocumentKind::extract(&paragraph.to_string())?;
    let bytes = kansli_render::render(
        &reading.protocol,
        &kind,
        kansli_render::Format::Pdf,
        &kansli_render::RenderOptions::default(),
    )
    .with_context(|| format!("rendering the protokollsutdrag of § {paragraph}"))?;
    Ok(Some(DataFile {
        original_name: format!("protokollsutdrag-{}-p{paragraph}.pdf", reading.meeting_slug),
        media_type: "application/pdf".into(),
        stored_at: created,
        bytes,
    }))
}

async fn export_minutes(
    store: &Store,
    ctx: &ExportContext,
    spec: &str,
    out: &Path,
) -> anyhow::Result<WrittenPackage> {
    let parts = spec.trim().trim_matches('/').split('/').count();
    if parts != 2 {
        bail!("--minutes {spec:?}: give BODY/DATE, e.g. direktionen/2024-03-05");
    }
    let found = store
        .find_meetings(&format!("{}/{}", ctx.authority.slug, spec.trim()))
        .await?;
    let meeting = match found.as_slice() {
        [one] => one,
        [] => bail!("no meeting {spec:?} of {}", ctx.authority.name),
        many => bail!(
            "--minutes {spec:?} names {} meetings: {}",
            many.len(),
            many.iter().map(|m| m.spec()).collect::<Vec<_>>().join(", ")
        ),
    };
    let Some(m) = store.minutes_export(meeting.meeting_id).await? else {
        bail!("the meeting {} has no minutes", meeting.spec());
    };
    if !matches!(m.state.as_str(), "justerad" | "posted") {
        bail!(
            "the minutes of {} are not justerade (they are {}): the e-arkiv takes justerade minutes",
            meeting.spec(),
            m.state
        );
    }
    let Some(original) = m.original else {
        bail!("the minutes of {} have no stored original", meeting.spec());
    };
    let Some(reading) = store.meeting_reading(meeting.meeting_id).await? else {
        bail!("the minutes of {} have no stored reading", meeting.spec());
    };
    let mut record_json = serde_json::to_vec_pretty(&reading.protocol)?;
    record_json.push(b'\n');
    let signatures = m
        .signatures
        .iter()
        .map(|s| {
            Ok(Signature {
                name: s.name.clone(),
                role: s.role.clone(),
                signed_at: s
                    .signed_at
                    .as_deref()
                    .map(|t| instant(t, "a signature"))
                    .transpose()?,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    // Minutes signed in Kansli are checked as /kontrollera would, and the package says so.
    let signature_check = if m.signatures.iter().any(|s| s.signed_at.is_some())
        && reading.protocol.layout == "recorded"
    {
        let report = kansli_server::verification::verify_file(store, &original.bytes, None).await?;
        Some(SignatureCheck {
            valid: report.valid,
            problems: report.problems.iter().map(|p| p.to_string()).collect(),
        })
    } else {
        None
    };
    let minutes = JusteradMinutes {
        body: m.body_name.clone(),
        body_slug: m.body_slug.clone(),
        meeting_slug: m.meeting_slug.clone(),
        meeting_date: day(&m.meeting_date, "the meeting's date")?,
        paragraphs: m.paragraphs,
        chair: m.chair.clone(),
        secretary: m.secretary.clone(),
        justerare: m.justerare.clone(),
        justering_date: m
            .justering_date
            .as_deref()
            .map(|d| day(d, "the justering"))
            .transpose()?,
        justering_place: m.justering_place.clone(),
        signature_check,
        signatures,
        notice_posted: m
            .notice_posted
            .as_deref()
            .map(|d| day(d, "the notice"))
            .transpose()?,
        original: DataFile {
            original_name: original.name.clone(),
            media_type: original.media_type.clone(),
            stored_at: instant(&original.stored_at, "the original's storing")?,
            bytes: original.bytes,
        },
        record_json,
        cases: m
            .cases
            .iter()
            .map(|(paragraph, dnr, title)| MinutesCase {
                paragraph: *paragraph,
                dnr: dnr.clone(),
                title: title.clone(),
            })
            .collect(),
    };
    let written = kansli_earkiv::export_minutes(out, ctx, &minutes)?;
    verified(store, format!("minutes:{}", meeting.spec()), written).await
}
