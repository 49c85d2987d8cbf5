//! `kansli render MEETING --format pdf|html|txt [-o FILE] [--extract 23,24 | --kallelse |
//! --anslag]`: writes a stored meeting's minutes (or an extract, the kallelse, the anslag) as
//! PDF/A, HTML or text. MEETING is an id, `BODY/DATE` or `AUTHORITY/BODY/DATE`; a protocol file
//! (text or PDF) may be given with `--from-file` instead, which is parsed on the fly.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use kansli_core::protocol::ParsedProtocol;
use kansli_render::{DocumentKind, Format, RenderOptions};
use kansli_store::{Store, StoreConfig};

/// Arguments of `kansli render`.
#[derive(Debug, Clone, clap::Args)]
pub struct RenderArgs {
    /// The meeting: an id, BODY/DATE or AUTHORITY/BODY/DATE (names or slugs).
    #[arg(value_name = "MEETING", required_unless_present = "from_file")]
    pub meeting: Option<String>,
    /// Render a protocol file (text or PDF) instead of a stored meeting.
    #[arg(long, value_name = "FILE", conflicts_with = "meeting")]
    pub from_file: Option<PathBuf>,
    /// pdf, html or txt.
    #[arg(long, short = 'f', default_value = "pdf")]
    pub format: String,
    /// Where to write; `-` or nothing writes text and HTML to standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// A protokollsutdrag of these paragraphs: "23,24" or "23-25".
    #[arg(long, value_name = "PARAGRAPHS", conflicts_with_all = ["kallelse", "anslag"])]
    pub extract: Option<String>,
    /// The kallelse (notice of the meeting, with the agenda).
    #[arg(long, conflicts_with = "anslag")]
    pub kallelse: bool,
    /// The anslag (notice of justering) for the anslagstavla.
    #[arg(long)]
    pub anslag: bool,
}

/// Runs `kansli render`.
pub fn run(args: &RenderArgs, config: &StoreConfig) -> anyhow::Result<ExitCode> {
    let Some(format) = Format::parse(&args.format) else {
        bail!("unknown format {:?}: use pdf, html or txt", args.format);
    };
    let kind = if let Some(list) = &args.extract {
        DocumentKind::extract(list)?
    } else if args.kallelse {
        DocumentKind::Kallelse
    } else if args.anslag {
        DocumentKind::Anslag
    } else {
        DocumentKind::Protokoll
    };
    let to_stdout = args.output.as_ref().is_none_or(|p| p.as_os_str() == "-");
    if to_stdout && format == Format::Pdf {
        bail!("a PDF needs a file: add -o FILE.pdf");
    }
    let protocol = match (&args.from_file, &args.meeting) {
        (Some(file), _) => {
            let bytes = std::fs::read(file)
                .with_context(|| format!("{}: cannot read the file", file.display()))?;
            kansli_import::parse_bytes(&bytes).with_context(|| file.display().to_string())?
        }
        (None, Some(spec)) => tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("cannot start the async runtime")?
            .block_on(stored(config, spec))?,
        (None, None) => bail!("name a MEETING or give --from-file FILE"),
    };
    // The PDF is dated when it is made: now, or `KANSLI_NOW`.
    let rendered_at = crate::fixed_now()?
        .unwrap_or_else(|| chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()));
    let options = RenderOptions {
        rendered_at: Some(rendered_at),
        ..RenderOptions::default()
    };
    let bytes = kansli_render::render(&protocol, &kind, format, &options)?;
    match &args.output {
        Some(path) if path.as_os_str() != "-" => std::fs::write(path, &bytes)
            .with_context(|| format!("{}: cannot write the file", path.display()))?,
        _ => std::io::stdout()
            .write_all(&bytes)
            .context("cannot write to standard output")?,
    }
    Ok(ExitCode::SUCCESS)
}

async fn stored(config: &StoreConfig, spec: &str) -> anyhow::Result<ParsedProtocol> {
    let store = Store::open(config).await?;
    let found = store.find_meetings(spec).await?;
    let meeting = match found.as_slice() {
        [] => bail!("no meeting matches {spec:?}: use an id, BODY/DATE or AUTHORITY/BODY/DATE"),
        [one] => one,
        many => bail!(
            "{spec:?} is ambiguous: it matches {}",
            many.iter()
                .map(|m| format!("{} (id {})", m.spec(), m.meeting_id))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    match store.meeting_reading(meeting.meeting_id).await? {
        Some(reading) => Ok(reading.protocol),
        None => bail!("meeting {} has no stored minutes to render", meeting.spec()),
    }
}
