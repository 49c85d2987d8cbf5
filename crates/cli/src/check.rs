//! `kansli check [FILE…]`: runs the law engine's compliance checks over protocols read from
//! files (parsed on the fly) or, without files, over every meeting in the database (the
//! parser's stored readings), and lists the findings, in Swedish or as one JSON array.
//!
//! What the parser could not read is said apart from what breaks a rule: a missing ordförande,
//! justerare, justering date or notice date is listed as "ej läst" (`unread-…` in JSON, a
//! warning), so "Inga fynd" never stands for "nothing could be checked", and an unread field is
//! not blamed on the secretariat. A finding the reading itself may explain (a decision the
//! parser did not find in a paragraph it warned about, an attendance list it could not read;
//! `kansli_core::law::may_stem_from_reading`) is listed as "kan bero på läsningen", a warning
//! with `"reading": true` in JSON, never as an error of the minutes. When no file could be read as minutes, nothing is printed on
//! stdout (an empty result would read as "all well").
//!
//! The checking and the printing are plain functions over parsed protocols, so they are
//! tested without the parser; only [`run`] reads files or the database.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use kansli_core::law::{Finding, Rule, Severity, may_stem_from_reading};
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
    /// The body's number of seats (ledamöter), for beslutförhet. Checking the database, each
    /// body's seats come from the registry (`createBody`'s seats, else its ordinary seats on the
    /// meeting's date) unless this is given; for files without it beslutförhet is not judged
    /// (it is never guessed from one protocol).
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
    /// Body and meeting date, for the lines about what was not read.
    pub meeting: (String, chrono::NaiveDate),
    /// Its findings.
    pub findings: Vec<Finding>,
    /// Findings the parser's reading may explain: said as such, not as breaches.
    pub doubtful: Vec<Finding>,
    /// What the checks need but the parser could not read.
    pub unread: Vec<Unread>,
}

/// A fact the checks need that the protocol's reading lacks: not a breach of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unread {
    /// Ordförande.
    Chair,
    /// Justerare.
    Justerare,
    /// The day of the justering.
    JusteringDate,
    /// The day the notice of justering went up.
    NoticeDate,
}

impl Unread {
    /// The `rule` of its JSON object.
    pub fn id(self) -> &'static str {
        match self {
            Unread::Chair => "unread-chair",
            Unread::Justerare => "unread-justerare",
            Unread::JusteringDate => "unread-justering-date",
            Unread::NoticeDate => "unread-notice-date",
        }
    }

    /// What it means, in Swedish.
    pub fn message(self) -> &'static str {
        match self {
            Unread::Chair => "Ordföranden kunde inte läsas ur protokollet.",
            Unread::Justerare => "Justerarna kunde inte läsas ur protokollet.",
            Unread::JusteringDate => {
                "Justeringsdagen kunde inte läsas ur protokollet; om justeringen skedde i tid kan inte prövas."
            }
            Unread::NoticeDate => {
                "Dagen för anslaget kunde inte läsas ur protokollet; om anslaget kom upp i tid kan inte prövas."
            }
        }
    }

    /// What `p` lacks of the facts the checks need.
    pub fn of(p: &ParsedProtocol) -> Vec<Unread> {
        let mut out = Vec::new();
        let chair_listed = p.participants.iter().any(|x| {
            x.role
                .as_deref()
                .is_some_and(|r| r.trim().eq_ignore_ascii_case("ordförande"))
        });
        if p.chair.as_deref().is_none_or(|c| c.trim().is_empty()) && !chair_listed {
            out.push(Unread::Chair);
        }
        if p.justerare.iter().all(|j| j.trim().is_empty()) {
            out.push(Unread::Justerare);
        }
        // Printed, or the day of the last e-signature, as the checks themselves read it.
        if kansli_core::law::checks::justering_date(p).date().is_none() {
            out.push(Unread::JusteringDate);
        }
        if p.notice.posted.is_none() {
            out.push(Unread::NoticeDate);
        }
        out
    }
}

/// An unread fact as an element of the `--json` array (the keys of a finding, `unread: true`).
#[derive(Debug, Serialize)]
struct UnreadJson<'a> {
    severity: &'static str,
    rule: &'static str,
    source: Option<&'static str>,
    message: &'static str,
    body: &'a str,
    meeting_date: chrono::NaiveDate,
    paragraph: Option<u32>,
    unread: bool,
    file: &'a str,
}

/// One finding with the file it came from: an element of the `--json` array.
#[derive(Debug, Serialize)]
struct FileFinding<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    file: &'a str,
    /// The parser's reading may explain it (then a warning whatever the rule's severity).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    reading: bool,
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
            .block_on(stored(config, args.seats))?;
        return finish(args, &check_seated(parsed), 0);
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
    if parsed.is_empty() && failed > 0 {
        // Nothing was read as minutes: the reasons are on stderr, and stdout stays empty
        // rather than saying "Inga fynd" (or `[]`) about files that were never checked.
        return Ok(ExitCode::FAILURE);
    }
    finish(args, &check(parsed, args.seats), failed)
}

/// Every stored reading in the database, named `authority/body/meeting`, with its body's seats
/// from the registry (`--seats` when given overrides it).
async fn stored(
    config: &StoreConfig,
    seats: Option<u32>,
) -> anyhow::Result<Vec<(String, ParsedProtocol, Option<u32>)>> {
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
    let mut out = Vec::with_capacity(readings.len());
    for r in readings {
        let body_seats = match seats {
            Some(n) => Some(n),
            None => store
                .seat_count(&r.authority_slug, &r.body_slug, r.protocol.meeting_date)
                .await
                .context("cannot read the registry's seats")?,
        };
        out.push((
            format!("{}/{}/{}", r.authority_slug, r.body_slug, r.meeting_slug),
            r.protocol,
            body_seats,
        ));
    }
    Ok(out)
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

/// Checks named protocols together (meetings of one body number across each other), every one
/// against the same number of seats (`--seats`).
pub fn check(parsed: Vec<(String, ParsedProtocol)>, seats: Option<u32>) -> Vec<Checked> {
    check_seated(parsed.into_iter().map(|(f, p)| (f, p, seats)).collect())
}

/// As [`check`], each protocol with its own body's seats (the database's readings). Findings a
/// failed reading may explain are set apart as doubtful.
pub fn check_seated(parsed: Vec<(String, ParsedProtocol, Option<u32>)>) -> Vec<Checked> {
    let mut files = Vec::with_capacity(parsed.len());
    let mut protocols = Vec::with_capacity(parsed.len());
    let mut seats = Vec::with_capacity(parsed.len());
    for (file, p, n) in parsed {
        files.push(file);
        protocols.push(p);
        seats.push(n);
    }
    files
        .into_iter()
        .zip(&protocols)
        .zip(kansli_core::law::checks::check_protocols_seated(
            &protocols, &seats,
        ))
        .map(|((file, p), all)| {
            let unread = Unread::of(p);
            let (doubtful, findings): (Vec<Finding>, Vec<Finding>) = all
                .into_iter()
                // "Ej läst" already says the justering date was not read.
                .filter(|f| {
                    !(f.rule == Rule::JusteringDateMissing
                        && unread.contains(&Unread::JusteringDate))
                })
                .partition(|f| may_stem_from_reading(f, p));
            Checked {
                file,
                meeting: (p.body.clone(), p.meeting_date),
                findings,
                doubtful,
                unread,
            }
        })
        .collect()
}

/// What `kansli check` prints (without the final newline): a JSON array of findings, each
/// with `severity`, `rule`, `source`, `message`, `body`, `meeting_date`, `paragraph` and
/// `file`; or Swedish lines grouped by file, ending in a count.
pub fn render(checked: &[Checked], json: bool) -> anyhow::Result<String> {
    if json {
        let mut all: Vec<serde_json::Value> = Vec::new();
        for c in checked {
            for u in &c.unread {
                all.push(serde_json::to_value(UnreadJson {
                    severity: "warning",
                    rule: u.id(),
                    source: None,
                    message: u.message(),
                    body: &c.meeting.0,
                    meeting_date: c.meeting.1,
                    paragraph: None,
                    unread: true,
                    file: &c.file,
                })?);
            }
            for finding in &c.findings {
                all.push(serde_json::to_value(FileFinding {
                    finding,
                    file: &c.file,
                    reading: false,
                })?);
            }
            for finding in &c.doubtful {
                let finding = &Finding {
                    severity: Severity::Warning,
                    ..finding.clone()
                };
                all.push(serde_json::to_value(FileFinding {
                    finding,
                    file: &c.file,
                    reading: true,
                })?);
            }
        }
        return Ok(serde_json::to_string_pretty(&all)?);
    }
    let mut out = Vec::new();
    let mut counts = [0usize; 3];
    let mut unread = 0usize;
    let mut doubtful = 0usize;
    for c in checked {
        for u in &c.unread {
            unread += 1;
            out.push(format!(
                "{}: {} {}: ej läst [{}] {}",
                c.file,
                c.meeting.0,
                c.meeting.1,
                u.id(),
                u.message()
            ));
        }
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
        for f in &c.doubtful {
            doubtful += 1;
            let paragraph = f.paragraph.map(|n| format!(" § {n}")).unwrap_or_default();
            out.push(format!(
                "{}: {} {}{paragraph}: kan bero på läsningen [{}] {} Protokollet kunde inte läsas säkert här; kontrollera originalet innan det räknas som fel. ({})",
                c.file,
                f.body,
                f.meeting_date,
                f.rule.id(),
                f.message,
                f.source
            ));
        }
    }
    let total: usize = counts.iter().sum();
    let mut summary = if total == 0 && (unread > 0 || doubtful > 0) {
        format!("Inga regelbrott hittades i {} protokoll.", checked.len())
    } else if total == 0 {
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
    };
    if doubtful > 0 {
        summary.push_str(&format!(
            " {doubtful} {} kan bero på hur protokollet lästes (kan bero på läsningen ovan).",
            if doubtful == 1 {
                "iakttagelse"
            } else {
                "iakttagelser"
            }
        ));
    }
    if unread > 0 {
        summary.push_str(&format!(
            " {unread} {} kunde inte läsas och har inte kunnat prövas (ej läst ovan).",
            if unread == 1 { "uppgift" } else { "uppgifter" }
        ));
    }
    out.push(summary);
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
            // No "justering-date-missing" beside "ej läst": the date was not read, which is
            // not the same as the protocol not stating it.
            vec!["unread-justering-date", "notice-late", "seat-served-twice"]
        );
        assert_eq!(array[0]["severity"], "warning");
        assert_eq!(array[0]["unread"], true);
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
            out.contains("a.txt: Direktionen 2021-11-18: ej läst [unread-justering-date]"),
            "{out}"
        );
        assert!(
            out.ends_with(
                "2 fynd i 1 protokoll: 2 fel, 0 varningar, 0 info. 1 uppgift kunde inte läsas och har inte kunnat prövas (ej läst ovan)."
            ),
            "{out}"
        );
        // Nothing read: never "Inga fynd".
        let mut bare = itsam_2021();
        bare.chair = None;
        bare.justerare.clear();
        bare.notice.posted = None;
        bare.notice.removal = None;
        bare.participants.clear();
        let out = render(&check(vec![("b.txt".into(), bare)], None), false).unwrap();
        assert!(!out.contains("Inga fynd"), "{out}");
        assert!(out.contains("[unread-chair]") && out.contains("[unread-notice-date]"));
        assert!(out.contains("4 uppgifter kunde inte läsas"), "{out}");
        let empty = render(&[], false).unwrap();
        assert_eq!(empty, "Inga fynd i 0 protokoll.");
        assert_eq!(render(&[], true).unwrap(), "[]");
    }

    /// A paragraph the parser warned it found no decision in, and an attendance list it could
    /// not read: "kan bero på läsningen", a warning with `reading: true`, never the minutes'
    /// error; the same finding without a warning stays a finding.
    #[test]
    fn findings_a_failed_reading_explains_are_not_blamed_on_the_secretariat() {
        let mut p = itsam_2021();
        p.items[1].decision = None;
        p.items[1].motions = vec![
            serde_json::from_value(serde_json::json!({
                "movers": ["Conny Forsberg"], "text": "bifall"
            }))
            .unwrap(),
        ];
        p.items[2].decision = None;
        p.items[2].motions = p.items[1].motions.clone();
        p.warnings = vec![
            "line 80: § 60 has no decision".into(),
            "line 12: a redacted participant is not listed".into(),
        ];
        let checked = check(vec![("c.txt".into(), p)], Some(6));
        let out = render(&checked, false).unwrap();
        assert!(
            out.contains(
                "c.txt: Direktionen 2021-11-18 § 60: kan bero på läsningen [decision-missing]"
            ),
            "{out}"
        );
        assert!(out.contains("§ 61: varning [decision-missing]"), "{out}");
        // Attendance the parser warned about: the seat served twice is not the secretariat's error.
        assert!(
            out.contains("§ 62: kan bero på läsningen [seat-served-twice]"),
            "{out}"
        );
        assert!(!out.contains("fel [seat-served-twice]"), "{out}");
        // Dates that were read are still judged.
        assert!(out.contains("fel [notice-late]"), "{out}");
        assert!(
            out.contains("2 iakttagelser kan bero på hur protokollet lästes"),
            "{out}"
        );
        let json: serde_json::Value =
            serde_json::from_str(&render(&checked, true).unwrap()).unwrap();
        let seat = json
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == "seat-served-twice")
            .unwrap();
        assert_eq!(seat["severity"], "warning");
        assert_eq!(seat["reading"], true);
    }
}
