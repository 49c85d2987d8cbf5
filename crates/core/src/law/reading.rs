//! Which findings may stem from how a protocol was read rather than from what the secretariat
//! did: the checks run over the parser's reading, and a paragraph whose decision the parser
//! did not find, or an attendance list it lost, looks to them exactly like minutes that lack
//! them. A finding the reading may explain is reported as such ("kan bero på läsningen"), never
//! as the secretariat's breach; timing rules over dates that were read are not affected.

use super::checks::{Finding, Rule};
use crate::protocol::ParsedProtocol;

/// Whether `finding` about `p` may be caused by what the parser could not read: its date or
/// content was not found, or the parser warned about the paragraph or the part of the
/// protocol the rule looks at.
pub fn may_stem_from_reading(finding: &Finding, p: &ParsedProtocol) -> bool {
    let warns = |pred: &dyn Fn(&str) -> bool| p.warnings.iter().any(|w| pred(w));
    match finding.rule {
        // The reading has no date: printed and unread looks the same as never printed.
        Rule::JusteringDateMissing => true,
        Rule::DecisionMissing => match finding.paragraph {
            Some(n) => warns(&|w| mentions_paragraph(w, n)),
            None => !p.warnings.is_empty(),
        },
        Rule::ParagraphRangeMismatch | Rule::ParagraphGap | Rule::ParagraphSequence => {
            warns(&|w| w.contains('§') || w.contains("paragraph"))
        }
        Rule::QuorumNotMet | Rule::SeatServedTwice => warns(&|w| {
            let w = w.to_lowercase();
            [
                "participant",
                "beslutande",
                "ersättare",
                "substitute",
                "attendance",
                "närvar",
                "ledamot",
                "member",
            ]
            .iter()
            .any(|k| w.contains(k))
        }),
        Rule::JusteringLate
        | Rule::NoticeLate
        | Rule::NoticeBeforeJustering
        | Rule::NoticeRemovedEarly
        // Recorded in Kansli, never read by the parser.
        | Rule::DisqualifiedServing
        | Rule::VoteCount
        | Rule::VoteOutcome => false,
    }
}

/// Whether a warning names paragraph `n` ("§ 12", "§12", not "§ 120").
fn mentions_paragraph(warning: &str, n: u32) -> bool {
    let number = n.to_string();
    warning.match_indices('§').any(|(i, _)| {
        let rest = warning[i + '§'.len_utf8()..].trim_start();
        rest.starts_with(&number)
            && !rest[number.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::law::Severity;

    fn finding(rule: Rule, paragraph: Option<u32>) -> Finding {
        Finding {
            severity: Severity::Warning,
            rule,
            source: String::new(),
            message: String::new(),
            body: "Direktionen".into(),
            meeting_date: NaiveDate::from_ymd_opt(2024, 3, 5).expect("date"),
            paragraph,
        }
    }

    fn protocol(warnings: &[&str]) -> ParsedProtocol {
        let mut p = ParsedProtocol::new(
            "Direktionen",
            NaiveDate::from_ymd_opt(2024, 3, 5).expect("date"),
        );
        p.warnings = warnings.iter().map(|w| w.to_string()).collect();
        p
    }

    #[test]
    fn a_missing_decision_is_the_readings_only_where_the_parser_warned() {
        let p = protocol(&["line 40: § 12 has no decision"]);
        assert!(may_stem_from_reading(
            &finding(Rule::DecisionMissing, Some(12)),
            &p
        ));
        assert!(!may_stem_from_reading(
            &finding(Rule::DecisionMissing, Some(1)),
            &p
        ));
        assert!(!may_stem_from_reading(
            &finding(Rule::DecisionMissing, Some(120)),
            &protocol(&["§ 12 has no decision"])
        ));
        assert!(!may_stem_from_reading(
            &finding(Rule::DecisionMissing, Some(12)),
            &protocol(&[])
        ));
    }

    #[test]
    fn quorum_and_numbering_follow_warnings_on_their_part() {
        let people = protocol(&["line 9: a redacted participant is not listed"]);
        assert!(may_stem_from_reading(
            &finding(Rule::QuorumNotMet, Some(3)),
            &people
        ));
        assert!(!may_stem_from_reading(
            &finding(Rule::ParagraphGap, None),
            &people
        ));
        let numbers = protocol(&["§ 113 lies outside the paragraph range 103-112"]);
        assert!(may_stem_from_reading(
            &finding(Rule::ParagraphRangeMismatch, None),
            &numbers
        ));
        assert!(!may_stem_from_reading(
            &finding(Rule::QuorumNotMet, Some(3)),
            &numbers
        ));
    }

    #[test]
    fn dates_that_were_read_are_judged_and_a_date_not_read_is_not_blamed() {
        let p = protocol(&["no meeting time found"]);
        assert!(!may_stem_from_reading(&finding(Rule::NoticeLate, None), &p));
        assert!(!may_stem_from_reading(
            &finding(Rule::JusteringLate, None),
            &p
        ));
        assert!(may_stem_from_reading(
            &finding(Rule::JusteringDateMissing, None),
            &protocol(&[])
        ));
    }
}
