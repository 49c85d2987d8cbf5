//! `kansli deadlines`: the statutory deadlines of one meeting's minutes, as Swedish sentences
//! or as one JSON object (a contract other tools read).
//!
//! Dates are taken as strings and parsed here, so a bad one gives a one-line error naming its
//! flag rather than clap's multi-line usage text.

use std::process::ExitCode;

use anyhow::bail;
use chrono::NaiveDate;
use kansli_core::law::LawError;
use kansli_core::law::deadlines::DeadlineRequest;

/// Arguments of `kansli deadlines`.
#[derive(Debug, Clone, clap::Args)]
pub struct DeadlinesArgs {
    /// The meeting's date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub meeting: String,
    /// The day the minutes were justerade.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub justerat: Option<String>,
    /// The day the notice of justering was posted. Give it once per anslagstavla for a
    /// gemensam nämnd: the appeal period runs from the latest.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub posted: Vec<String>,
    /// Print one JSON object: justering_deadline, posting_deadline, appeal_last_day,
    /// earliest_removal (those the given dates allow).
    #[arg(long)]
    pub json: bool,
}

/// Runs `kansli deadlines`: prints the deadlines, or returns an error naming the bad field.
pub fn run(args: &DeadlinesArgs) -> anyhow::Result<ExitCode> {
    println!("{}", render(args)?);
    Ok(ExitCode::SUCCESS)
}

/// What `kansli deadlines` prints for these arguments (without the final newline).
pub fn render(args: &DeadlinesArgs) -> anyhow::Result<String> {
    let request = DeadlineRequest {
        meeting: parse_date("--meeting", &args.meeting)?,
        justerat: args
            .justerat
            .as_deref()
            .map(|raw| parse_date("--justerat", raw))
            .transpose()?,
        posted: args
            .posted
            .iter()
            .map(|raw| parse_date("--posted", raw))
            .collect::<anyhow::Result<_>>()?,
    };
    let report = request.compute().map_err(explain)?;
    if args.json {
        Ok(serde_json::to_string_pretty(&report.summary())?)
    } else {
        Ok(report.sentences().join("\n"))
    }
}

fn explain(error: LawError) -> anyhow::Error {
    match error {
        LawError::OutOfOrder {
            field,
            date,
            other_field,
            other,
        } => {
            let why = match (field, other_field) {
                ("justerat", _) => "minutes cannot be justerade before the meeting",
                (_, "justerat") => "the notice cannot be posted before the justering",
                _ => "the notice cannot be posted before the meeting",
            };
            anyhow::anyhow!("--{field} {date} is before --{other_field} {other}: {why}")
        }
        LawError::OutOfRange => {
            anyhow::anyhow!("the dates lie outside the calendar Kansli can compute")
        }
    }
}

/// Parses an ISO date strictly (YYYY-MM-DD), naming the flag in the error.
fn parse_date(flag: &str, raw: &str) -> anyhow::Result<NaiveDate> {
    let text = raw.trim();
    let parts: Vec<&str> = text.split('-').collect();
    let shape_ok = matches!(parts.as_slice(), [y, m, d]
        if y.len() == 4 && m.len() == 2 && d.len() == 2
            && [y, m, d].iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())));
    if !shape_ok {
        bail!("{flag} {raw:?} is not a date: expected YYYY-MM-DD");
    }
    let number = |s: &str| s.parse::<u32>().ok();
    let (year, month, day) = (
        parts[0].parse::<i32>().ok(),
        number(parts[1]),
        number(parts[2]),
    );
    match (year, month, day) {
        (Some(y), Some(m), Some(d)) => match NaiveDate::from_ymd_opt(y, m, d) {
            Some(date) => Ok(date),
            None if !(1..=12).contains(&m) => {
                bail!("{flag} {text} is not a valid date: there is no month {m}")
            }
            None => bail!("{flag} {text} is not a valid date: {y}-{m:02} has no day {d}"),
        },
        _ => bail!("{flag} {raw:?} is not a date: expected YYYY-MM-DD"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(meeting: &str, justerat: Option<&str>, posted: &[&str], json: bool) -> DeadlinesArgs {
        DeadlinesArgs {
            meeting: meeting.into(),
            justerat: justerat.map(Into::into),
            posted: posted.iter().map(|p| p.to_string()).collect(),
            json,
        }
    }

    #[test]
    fn the_worked_example_as_json() {
        let out = render(&args(
            "2024-03-05",
            Some("2024-03-08"),
            &["2024-03-11"],
            true,
        ))
        .unwrap();
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "justering_deadline": "2024-03-19",
                "posting_deadline": "2024-03-11",
                "appeal_last_day": "2024-04-02",
                "earliest_removal": "2024-04-03"
            })
        );
    }

    #[test]
    fn fields_follow_the_inputs() {
        let only_meeting: serde_json::Value =
            serde_json::from_str(&render(&args("2024-03-05", None, &[], true)).unwrap()).unwrap();
        assert_eq!(
            only_meeting,
            serde_json::json!({"justering_deadline": "2024-03-19"})
        );
        // Posted on two anslagstavlor: the appeal runs from the latest, whatever the order.
        let joint: serde_json::Value = serde_json::from_str(
            &render(&args(
                "2024-03-05",
                None,
                &["2024-03-12", "2024-03-11"],
                true,
            ))
            .unwrap(),
        )
        .unwrap();
        assert_eq!(
            joint,
            serde_json::json!({
                "justering_deadline": "2024-03-19",
                "appeal_last_day": "2024-04-02",
                "earliest_removal": "2024-04-03"
            })
        );
    }

    #[test]
    fn sentences_name_the_rule_and_the_holiday() {
        let out = render(&args(
            "2024-03-05",
            Some("2024-03-08"),
            &["2024-03-11"],
            false,
        ))
        .unwrap();
        assert!(out.contains("KL 13 kap. 5 §"), "{out}");
        assert!(out.contains("KL 8 kap. 12 §"), "{out}");
        assert!(
            out.contains(
                "1 april 2024 är annandag påsk; sista dag för överklagande blir tisdag 2 april 2024"
            ),
            "{out}"
        );
        assert!(out.contains("10 mars 2024 är söndag"), "{out}");
        assert!(
            out.contains("Anslaget sattes upp måndag 11 mars 2024, i tid"),
            "{out}"
        );
    }

    #[test]
    fn bad_input_names_the_field() {
        let err = |a: DeadlinesArgs| render(&a).unwrap_err().to_string();
        assert_eq!(
            err(args("2024-02-30", None, &[], true)),
            "--meeting 2024-02-30 is not a valid date: 2024-02 has no day 30"
        );
        assert_eq!(
            err(args("2024-13-01", None, &[], true)),
            "--meeting 2024-13-01 is not a valid date: there is no month 13"
        );
        assert_eq!(
            err(args("5 mars", None, &[], true)),
            "--meeting \"5 mars\" is not a date: expected YYYY-MM-DD"
        );
        assert_eq!(
            err(args("2024-03-05", Some("2023-02-29"), &[], true)),
            "--justerat 2023-02-29 is not a valid date: 2023-02 has no day 29"
        );
        assert_eq!(
            err(args("2024-03-05", Some("2024-03-04"), &[], true)),
            "--justerat 2024-03-04 is before --meeting 2024-03-05: minutes cannot be justerade before the meeting"
        );
        assert_eq!(
            err(args(
                "2024-03-05",
                Some("2024-03-08"),
                &["2024-03-07"],
                true
            )),
            "--posted 2024-03-07 is before --justerat 2024-03-08: the notice cannot be posted before the justering"
        );
        assert_eq!(
            err(args("2024-03-05", None, &["2024-03-01"], false)),
            "--posted 2024-03-01 is before --meeting 2024-03-05: the notice cannot be posted before the meeting"
        );
        assert!(err(args("2024-03-05", None, &["2024-3-11"], false)).starts_with("--posted"));
        assert!(err(args("", None, &[], false)).starts_with("--meeting"));
        assert!(err(args("-001-01-01", None, &[], false)).starts_with("--meeting"));
    }

    #[test]
    fn the_far_ends_of_the_calendar_do_not_panic() {
        assert!(render(&args("9999-12-31", None, &["9999-12-31"], true)).is_ok());
        assert!(render(&args("0000-01-01", None, &[], true)).is_ok());
    }
}
