//! Paragraph numbers (§) and ranges: `§ 12`, `§§ 1-4`, `§1-§7`, `59-67`, `fr o m § 27`.
//!
//! Paragraphs are numbered per body per calendar year, continuing across meetings, so a number
//! alone identifies a paragraph only together with its body and year.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::CoreError;

/// The number of one paragraph (§) of the minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ParagraphNumber(pub u32);

impl fmt::Display for ParagraphNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "§ {}", self.0)
    }
}

/// An inclusive range of paragraphs, `first <= last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ParagraphRange {
    /// The first paragraph of the range.
    pub first: u32,
    /// The last paragraph of the range (equal to `first` for a single paragraph).
    pub last: u32,
}

impl ParagraphRange {
    /// Builds a range, rejecting one that runs backwards.
    pub fn new(first: u32, last: u32) -> Result<Self, CoreError> {
        if first > last {
            return Err(CoreError::InvalidParagraphRange(format!("{first}-{last}")));
        }
        Ok(ParagraphRange { first, last })
    }

    /// Parses `§§ 1-4`, `§1-§7`, `§ 12`, `Paragrafer 59-67`, `§§ 25–26`, `1 - 4`.
    pub fn parse(raw: &str) -> Result<Self, CoreError> {
        let invalid = || CoreError::InvalidParagraphRange(raw.to_string());
        let numbers = numbers_in(raw);
        let cleaned: String = raw
            .chars()
            .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        let cleaned = cleaned
            .trim_start_matches("paragrafer")
            .trim_start_matches("paragraf");
        let separators_ok = cleaned
            .chars()
            .all(|c| matches!(c, '§' | '-' | '–' | '—' | '.' | ':' | 't' | 'o' | 'm'));
        if !separators_ok {
            return Err(invalid());
        }
        match numbers.as_slice() {
            [n] => Ok(ParagraphRange {
                first: *n,
                last: *n,
            }),
            [a, b] => ParagraphRange::new(*a, *b).map_err(|_| invalid()),
            _ => Err(invalid()),
        }
    }

    /// Whether the paragraph lies within the range.
    pub fn contains(&self, n: u32) -> bool {
        self.first <= n && n <= self.last
    }

    /// How many paragraphs the range spans.
    pub fn len(&self) -> u32 {
        self.last - self.first + 1
    }

    /// Always false: a range holds at least one paragraph.
    pub fn is_empty(&self) -> bool {
        false
    }
}

impl fmt::Display for ParagraphRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}-{}", self.first, self.last)
        }
    }
}

/// The paragraphs in which someone served: one or more ranges, e.g. `1-4` or `1-4, 7`.
///
/// Open forms (`fr o m § 27`, `t o m § 26`) are closed against the meeting's own range when it
/// is known.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct ParagraphSet(pub Vec<ParagraphRange>);

impl ParagraphSet {
    /// Parses attendance paragraphs: `§§ 1-4`, `§ 1`, `§§ 1-4, 7`, `fr o m § 27`, `t o m § 26`,
    /// `§§ 62-67`. `meeting` closes the open forms.
    pub fn parse(raw: &str, meeting: Option<ParagraphRange>) -> Result<Self, CoreError> {
        let invalid = || CoreError::InvalidParagraphRange(raw.to_string());
        let lower = raw.to_lowercase();
        let compact: String = lower
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '.')
            .collect();
        let stripped = compact.trim_start_matches('§');
        let opens_from = ["from", "från", "fromoch"]
            .iter()
            .any(|p| stripped.starts_with(p));
        let opens_until = ["tom", "tillochmed"]
            .iter()
            .any(|p| stripped.starts_with(p));
        if opens_from || opens_until {
            let n = *numbers_in(raw).first().ok_or_else(invalid)?;
            let range = match (opens_from, meeting) {
                (true, m) => ParagraphRange {
                    first: n,
                    last: m.map_or(n, |m| m.last.max(n)),
                },
                (false, m) => ParagraphRange {
                    first: m.map_or(n, |m| m.first.min(n)),
                    last: n,
                },
            };
            return Ok(ParagraphSet(vec![range]));
        }
        let mut ranges = Vec::new();
        for part in raw.split([',', ';']).flat_map(|p| p.split(" och ")) {
            if part.trim().is_empty() {
                continue;
            }
            ranges.push(ParagraphRange::parse(part).map_err(|_| invalid())?);
        }
        if ranges.is_empty() {
            return Err(invalid());
        }
        Ok(ParagraphSet(ranges))
    }

    /// Whether the set includes paragraph `n`.
    pub fn contains(&self, n: u32) -> bool {
        self.0.iter().any(|r| r.contains(n))
    }
}

impl fmt::Display for ParagraphSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, r) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{r}")?;
        }
        Ok(())
    }
}

fn numbers_in(text: &str) -> Vec<u32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty() && s.len() <= 6)
        .filter_map(|s| s.parse().ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ranges_as_printed() {
        assert_eq!(
            ParagraphRange::parse("§§ 1-9").unwrap(),
            ParagraphRange { first: 1, last: 9 }
        );
        assert_eq!(
            ParagraphRange::parse("§103-§112").unwrap(),
            ParagraphRange {
                first: 103,
                last: 112
            }
        );
        assert_eq!(
            ParagraphRange::parse("Paragrafer 59-67").unwrap(),
            ParagraphRange {
                first: 59,
                last: 67
            }
        );
        assert_eq!(
            ParagraphRange::parse("§ 12").unwrap(),
            ParagraphRange {
                first: 12,
                last: 12
            }
        );
        assert_eq!(
            ParagraphRange::parse("§§ 25–26").unwrap(),
            ParagraphRange {
                first: 25,
                last: 26
            }
        );
        assert!(ParagraphRange::parse("§§ 9-1").is_err());
        assert!(ParagraphRange::parse("Digitalt").is_err());
        assert!(ParagraphRange::parse("").is_err());
    }

    #[test]
    fn parses_attendance_sets() {
        let meeting = Some(ParagraphRange {
            first: 25,
            last: 30,
        });
        assert_eq!(
            ParagraphSet::parse("fr o m § 27", meeting)
                .unwrap()
                .to_string(),
            "27-30"
        );
        assert_eq!(
            ParagraphSet::parse("fr om § 27", meeting)
                .unwrap()
                .to_string(),
            "27-30"
        );
        assert_eq!(
            ParagraphSet::parse("t o m § 26", meeting)
                .unwrap()
                .to_string(),
            "25-26"
        );
        assert_eq!(
            ParagraphSet::parse("§§ 25-26", meeting)
                .unwrap()
                .to_string(),
            "25-26"
        );
        assert_eq!(
            ParagraphSet::parse("§§ 1-4, 7", None).unwrap().to_string(),
            "1-4, 7"
        );
        assert!(ParagraphSet::parse("§§ 1-4", None).unwrap().contains(4));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,30}") {
            let _ = ParagraphRange::parse(&s);
            let _ = ParagraphSet::parse(&s, None);
        }

        #[test]
        fn display_round_trips(a in 1u32..500, len in 0u32..50) {
            let r = ParagraphRange { first: a, last: a + len };
            proptest::prop_assert_eq!(ParagraphRange::parse(&r.to_string()).unwrap(), r);
        }
    }
}
