//! `kansli check [FILE…]`: runs the law engine's compliance checks over protocols read from
//! files (parsed on the fly) or, without files, over every meeting in the database (the
//! parser's stored readings), and lists the findings, in Swedish or as one JSON array.
//!
//! The checking and the printing are plain functions over parsed protocols, so they are
//! tested without the parser; only [`run`] reads files or the database.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use kansli_core::law::{Finding, Severity, check_protocols_each};
use kansli_core::protocol::ParsedProtocol;
use kansli_store::{Store, StoreConfig};
use serde::Serialize;

/// Arguments of `kansli check`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// Protocol files (text or PDF) to check; without any, every meeting in the database.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print the findings as one JSON array.
    #[arg(long)]
    pub json: bool,
    /// The body's number of seats (ledamöter), for beslutförhet; without it beslutförhet is
    /// not judged (it is never guessed from one protocol).
    #[arg(long, value_name = "N")]
    pub seats: Option<u32>,
    /// Exit with status 1 when any finding is an error.
    #[arg(long)]
    pub strict: bool,
}

/// The findings of one checked file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The file as named on the command line, or `authority/body/meeting` from the database.
    pub file: String,
    /// Its findings.
    pub findings: Vec<Finding>,
}

/// One finding with the file it came from: an element of the `--json` array.
#[derive(Debug, Serialize)]
struct FileFinding<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    file: &'a str,
}

/// Runs `kansli check`: reads and parses every file (one bad file does not stop the rest),
/// or without files reads every stored reading from the database in `config`, checks them
/// together and prints the findings. Exits non-zero when a file could not be read or parsed,
/// or with `--strict` when a finding is an error.
pub fn run(args: &CheckArgs, config: &StoreConfig) -> anyhow::Result<ExitCode> {
    if args.files.is_empty() {
        let parsed = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("cannot start the async runtime")?
            .block_on(stored(config))?;
        return finish(args, &check(parsed, args.seats), 0);
    }
    let mut parsed = Vec::new();
    let mut failed = 0usize;
    for path in &args.files {
        let name = path.display().to_string();
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("kansli: {name}: cannot read the file: {error}");
                failed += 1;
                continue;
            }
        };
        match kansli_import::parse_bytes(&bytes) {
            Ok(protocol) => parsed.push((name, protocol)),
            Err(error) => {
                eprintln!("kansli: {name}: {error}");
                failed += 1;
            }
        }
    }
    finish(args, &check(parsed, args.seats), failed)
}

/// Every stored reading in the database, named `authority/body/meeting`.
async fn stored(config: &StoreConfig) -> anyhow::Result<Vec<(String, ParsedProtocol)>> {
    let store = Store::open(config).await.with_context(|| {
        format!(
            "cannot open the data directory {}",
            config.data_dir.display()
        )
    })?;
    let readings = store
        .readings(None, None)
        .await
        .context("cannot read the stored minutes")?;
    Ok(readings
        .into_iter()
        .map(|r| {
            (
                format!("{}/{}/{}", r.authority_slug, r.body_slug, r.meeting_slug),
                r.protocol,
            )
        })
        .collect())
}

/// Prints the findings and picks the exit code.
fn finish(args: &CheckArgs, checked: &[Checked], failed: usize) -> anyhow::Result<ExitCode> {
    println!("{}", render(checked, args.json)?);
    let has_error = checked
        .iter()
        .flat_map(|c| &c.findings)
        .any(|f| f.severity == Severity::Error);
    Ok(if failed > 0 || (args.strict && has_error) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Checks named protocols together (meetings of one body number across each other).
pub fn check(parsed: Vec<(String, ParsedProtocol)>, seats: Option<u32>) -> Vec<Checked> {
    let (files, protocols): (Vec<String>, Vec<ParsedProtocol>) = parsed.into_iter().unzip();
    files
        .into_iter()
        .zip(check_protocols_each(&protocols, seats))
        .map(|(file, findings)| Checked { file, findings })
        .collect()
}

/// What `kansli check` prints (without the final newline): a JSON array of findings, each
/// with `severity`, `rule`, `source`, `message`, `body`, `meeting_date`, `paragraph` and
/// `file`; or Swedish lines grouped by file, ending in a count.
pub fn render(checked: &[Checked], json: bool) -> anyhow::Result<String> {
    if json {
        let all: Vec<FileFinding> = checked
            .iter()
            .flat_map(|c| {
                c.findings.iter().map(|finding| FileFinding {
                    finding,
                    file: &c.file,
                })
            })
            .collect();
        return Ok(serde_json::to_string_pretty(&all)?);
    }
    let mut out = Vec::new();
    let mut counts = [0usize; 3];
    for c in checked {
        for f in &c.findings {
            counts[f.severity as usize] += 1;
            let paragraph = f.paragraph.map(|n| format!(" § {n}")).unwrap_or_default();
            out.push(format!(
                "{}: {} {}{paragraph}: {} [{}] {} ({})",
                c.file,
                f.body,
                f.meeting_date,
                f.severity.swedish(),
                f.rule.id(),
                f.message,
                f.source
            ));
        }
    }
    let total: usize = counts.iter().sum();
    out.push(if total == 0 {
        format!("Inga fynd i {} protokoll.", checked.len())
    } else {
        format!(
            "{total} fynd i {} protokoll: {} fel, {} {}, {} info.",
            checked.len(),
            counts[0],
            counts[1],
            if counts[1] == 1 {
                "varning"
            } else {
                "varningar"
            },
            counts[2]
        )
    });
    Ok(out.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 2021-11-18 Itsam minutes as the parse contract's JSON, reduced to what matters.
    fn itsam_2021() -> ParsedProtocol {
        serde_json::from_value(serde_json::json!({
            "authority": null, "body": "Direktionen", "meeting_date": "2021-11-18",
            "start_time": "10:00", "end_time": "12:00", "place": "Zoom",
            "paragraphs": {"first": 59, "last": 67}, "chair": "Jacob Käll",
            "secretary": "Joakim Karlsson", "justerare": ["Annicki Oscarsson"],
            "justering": {"place": null, "date": null},
            "notice": {"posted": "2021-12-17", "removal": "2022-01-07", "kept_at": "Itsam"},
            "participants": [
                {"name": "Jacob Käll", "category": "beslutande", "role": "ordförande", "represents": "Vimmerby kommun", "party": null, "paragraphs": null, "serves_for": null},
                {"name": "Annicki Oscarsson", "category": "beslutande", "role": "ledamot", "represents": "Ödeshögs kommun", "party": null, "paragraphs": null, "serves_for": null},
                {"name": "Conny Forsberg", "category": "beslutande", "role": "ledamot", "represents": "Kinda kommun", "party": null, "paragraphs": "59-62", "serves_for": null},
                {"name": "Elisabet Hagström", "category": "beslutande", "role": "ledamot", "represents": "Ydre kommun", "party": null, "paragraphs": null, "serves_for": null},
                {"name": "Joakim Magnusson", "category": "beslutande", "role": "tjänstgörande ersättare", "represents": "Åtvidabergs kommun", "party": null, "paragraphs": null, "serves_for": null},
                {"name": "Gunnar Malgeryd", "category": "beslutande", "role": "tjänstgörande ersättare", "represents": "Boxholms kommun", "party": null, "paragraphs": null, "serves_for": null},
                {"name": "Christer Segerstéen", "category": "ersättare", "role": "ersättare", "represents": "Kinda kommun", "party": null, "paragraphs": "59-62", "serves_for": null},
                {"name": "Christer Segerstéen", "category": "beslutande", "role": "tjänstgörande ersättare", "represents": "Kinda kommun", "party": null, "paragraphs": "62-67", "serves_for": null},
                {"name": "Henrik Remmerfelt", "category": "övriga", "role": "förbundsdirektör", "represents": null, "party": null, "paragraphs": null, "serves_for": null}
            ],
            "signatures": [],
            "items": (59..=67).map(|n| serde_json::json!({
                "paragraph": n, "dnr": null, "title": format!("Ärende {n}"),
                "decision": "Direktionen beslutar att notera informationen till protokollet.",
                "summary": null, "basis": [], "motions": [], "proposition_order": null,
                "vote": null, "reservations": [], "notes": [], "disqualifications": [],
                "dispatch": ["Akt"], "sections": []
            })).collect::<Vec<_>>(),
            "agenda": [], "appendices": [], "layout": "direktion", "warnings": []
        }))
        .unwrap()
    }

    #[test]
    fn json_is_one_array_with_the_contract_fields() {
        let checked = check(vec![("itsam-2021-11-18.txt".into(), itsam_2021())], None);
        let out = render(&checked, true).unwrap();
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        let array = json.as_array().unwrap();
        let rules: Vec<&str> = array.iter().map(|f| f["rule"].as_str().unwrap()).collect();
        assert_eq!(
            rules,
            vec!["justering-date-missing", "notice-late", "seat-served-twice"]
        );
        let late = &array[1];
        assert_eq!(late["severity"], "error");
        assert_eq!(late["source"], "KL 8 kap. 12 §");
        assert_eq!(late["body"], "Direktionen");
        assert_eq!(late["meeting_date"], "2021-11-18");
        assert_eq!(late["paragraph"], serde_json::Value::Null);
        assert_eq!(late["file"], "itsam-2021-11-18.txt");
        assert!(late["message"].as_str().unwrap().contains("för sent"));
        assert_eq!(array[2]["paragraph"], 62);
    }

    #[test]
    fn text_lists_findings_and_counts() {
        let checked = check(vec![("a.txt".into(), itsam_2021())], Some(6));
        let out = render(&checked, false).unwrap();
        assert!(
            out.contains("a.txt: Direktionen 2021-11-18 § 62: fel [seat-served-twice]"),
            "{out}"
        );
        assert!(
            out.ends_with("3 fynd i 1 protokoll: 2 fel, 0 varningar, 1 info."),
            "{out}"
        );
        let empty = render(&[], false).unwrap();
        assert_eq!(empty, "Inga fynd i 0 protokoll.");
        assert_eq!(render(&[], true).unwrap(), "[]");
    }
}
