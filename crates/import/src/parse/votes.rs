//! Voting lists: a voteringslista or omröstningsbilaga printed as a table of the members with a
//! Ja, a Nej and often an Avstår column and an X in one of them per name, read as the roll call
//! of the paragraph voted on (KL 5 kap. 66 §, 6 kap. 35 §: how each member voted in an open
//! vote). Its "Summa" row must agree with the marks; where it does not, a warning says so.
//!
//! In `-layout` text a mark belongs to the column whose heading it stands nearest to. A PDF
//! table's cells come between tabs, the extraction writing a tab for each empty column of a
//! table of marks (see `extract`'s `mark_columns`): there a cell's column is its place among the
//! tabs.

use std::sync::LazyLock;

use kansli_core::protocol::{CastVote, VoteChoice};
use regex::Regex;

use super::text::{Line, placed_cells};

/// One voting list as read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RollCall {
    /// The paragraph the list names ("Voteringslista § 73"), if it names one.
    pub paragraph: Option<u32>,
    /// The line of its header row.
    pub line: usize,
    /// Each member with a mark, in the order printed.
    pub casts: Vec<CastVote>,
    /// The "Summa" row's (ja, nej, avstår), if printed.
    pub totals: Option<(u32, u32, u32)>,
    /// The lines over the header, which may state the propositions ("Ja-röst för …").
    pub above: String,
}

/// Header cells of the three columns (each of NEJ contains "nej": `header` looks for it first).
const JA: &[&str] = &["ja"];
const NEJ: &[&str] = &["nej"];
const AVSTAR: &[&str] = &["avstår", "avstod", "avstående", "avst", "avst."];
/// The heading of a seat number column before the names.
const SEAT: &[&str] = &["nr", "nr.", "plats", "stol"];
/// The first cell of a totals row.
const TOTALS: &[&str] = &[
    "summa",
    "summa röster",
    "totalt",
    "antal",
    "antal röster",
    "s:a",
];

/// "§ 73" in the lines over a list's header: the paragraph it is for.
static PARAGRAPH_REF: LazyLock<Regex> =
    LazyLock::new(|| super::pattern::regex(r"§\s*(\d{1,4})\b").expect("regex"));

/// A line's cells with their columns (two spaces part cells in `-layout` text).
fn cells(l: &Line) -> Vec<(usize, &str)> {
    placed_cells(&l.text, 2)
}

/// Every voting list in `lines`, in order. A header row has a name column first and cells "Ja"
/// and "Nej" after it (a combined attendance and voting list's presence columns may stand
/// between); the rows run to the "Summa" row, or to the first line that is neither a marked
/// row nor a name.
pub(crate) fn roll_calls(lines: &[Line]) -> Vec<RollCall> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(columns) = header(&lines[i]) else {
            i += 1;
            continue;
        };
        // the paragraph: named within the four lines above the header, or on the header's own
        let paragraph = (i.saturating_sub(4)..=i).rev().find_map(|k| {
            PARAGRAPH_REF
                .captures(&lines[k].text)
                .and_then(|c| c[1].parse().ok())
        });
        let above = lines[i.saturating_sub(4)..i]
            .iter()
            .map(Line::trimmed)
            .collect::<Vec<_>>()
            .join("\n");
        let mut call = RollCall {
            paragraph,
            line: lines[i].no,
            casts: Vec::new(),
            totals: None,
            above,
        };
        let mut k = i + 1;
        while k < lines.len() {
            let l = &lines[k];
            k += 1;
            if l.is_blank() {
                continue;
            }
            // a tabbed row under a `-layout` header is another table's
            if l.text.contains('\t') && !columns.tabbed {
                break;
            }
            let mut cells = cells(l);
            // a list by seat: the seat's number before the name is no cell of the member's
            if columns.numbered
                && cells.len() > 1
                && cells[0].1.trim().chars().all(|c| c.is_ascii_digit())
            {
                cells.remove(0);
            }
            let Some(&(c0, first)) = cells.first() else {
                continue;
            };
            let first = first.trim();
            if TOTALS.contains(&first.trim_end_matches(':').to_lowercase().as_str()) {
                call.totals = totals(&cells[1..], &columns);
                break;
            }
            let marks: Vec<VoteChoice> = cells[1..]
                .iter()
                .filter(|(_, t)| matches!(t.trim(), "X" | "x" | "✓" | "✔"))
                .filter_map(|(c, _)| columns.nearest(*c))
                .collect();
            if c0 > columns.name + 2 || voter(first).is_none() {
                break;
            }
            // The voter is the last name before the vote columns: the member, or the substitute
            // serving for them in a column of its own ("Leif Åström  KD  Greta Wall (KD)  X").
            let first_vote = columns.choices.iter().map(|(c, _)| *c).min().unwrap_or(0);
            let name = cells
                .iter()
                .take_while(|(c, _)| c + 2 < first_vote)
                .filter_map(|(_, t)| voter(t.trim()))
                .last();
            // one mark in a vote column: the member's vote; none, or two, is no vote read
            if let (Some(name), [choice]) = (name, marks.as_slice()) {
                call.casts.push(CastVote {
                    name,
                    choice: *choice,
                });
            }
        }
        if !call.casts.is_empty() {
            out.push(call);
        }
        i = k;
    }
    out
}

/// The columns of a voting list's header: where the names start, and each choice's column.
struct Columns {
    name: usize,
    /// The header's cells come between tabs (a PDF's table): rows are read by tab.
    tabbed: bool,
    /// Rows begin with the seat's number ("Nr").
    numbered: bool,
    choices: Vec<(usize, VoteChoice)>,
}

impl Columns {
    /// The choice whose heading a cell at column `c` stands nearest to, if it stands within a
    /// few characters of one (a presence column's mark stands by its own heading).
    fn nearest(&self, c: usize) -> Option<VoteChoice> {
        self.choices
            .iter()
            .min_by_key(|(col, _)| col.abs_diff(c))
            .filter(|(col, _)| col.abs_diff(c) <= 4)
            .map(|(_, v)| *v)
    }
}

/// The header row of a voting list, if `l` is one.
fn header(l: &Line) -> Option<Columns> {
    // Asked of every line: one without "nej" in any case (every entry of NEJ holds it) is
    // passed over before it is cut into cells.
    if !l
        .text
        .as_bytes()
        .windows(3)
        .any(|w| w.eq_ignore_ascii_case(b"nej"))
    {
        return None;
    }
    let cells = cells(l);
    let numbered = cells
        .first()
        .is_some_and(|(_, c)| SEAT.contains(&c.trim().to_lowercase().as_str()));
    let cells = if numbered && cells.len() > 1 {
        &cells[1..]
    } else {
        &cells[..]
    };
    let (name, first) = *cells.first()?;
    let first = first.trim().to_lowercase();
    if first.is_empty() || JA.contains(&first.as_str()) || NEJ.contains(&first.as_str()) {
        return None;
    }
    let mut choices = Vec::new();
    for (c, t) in &cells[1..] {
        let t = t.trim().trim_end_matches(':').to_lowercase();
        let choice = if JA.contains(&t.as_str()) {
            VoteChoice::Ja
        } else if NEJ.contains(&t.as_str()) {
            VoteChoice::Nej
        } else if AVSTAR.contains(&t.as_str()) {
            VoteChoice::Avstar
        } else {
            continue;
        };
        choices.push((*c, choice));
    }
    let has = |v: VoteChoice| choices.iter().any(|(_, c)| *c == v);
    (has(VoteChoice::Ja) && has(VoteChoice::Nej)).then_some(Columns {
        name,
        tabbed: l.text.contains('\t'),
        numbered,
        choices,
    })
}

/// The totals row's numbers by the column they stand under.
fn totals(cells: &[(usize, &str)], columns: &Columns) -> Option<(u32, u32, u32)> {
    let mut t = (0, 0, 0);
    let mut any = false;
    for (c, cell) in cells {
        let Ok(n) = cell.trim().parse::<u32>() else {
            continue;
        };
        match columns.nearest(*c) {
            Some(VoteChoice::Ja) => t.0 = n,
            Some(VoteChoice::Nej) => t.1 = n,
            Some(VoteChoice::Avstar) => t.2 = n,
            None => continue,
        }
        any = true;
    }
    any.then_some(t)
}

/// The member who voted, from a row's name cell: "Kerstin Malm (S)", "Per Alm, ordf.", "Mona
/// Rydh (M) för Ingrid Fält" (the substitute serving votes). None for a cell that is no name:
/// no capital, a digit, or more than five words.
fn voter(cell: &str) -> Option<String> {
    let who = cell.split(" för ").next().unwrap_or(cell);
    let who = who.split(',').next().unwrap_or(who);
    let (name, _) = super::people::strip_party(who);
    let name = name.trim();
    let words = name.split_whitespace().count();
    (name.chars().next().is_some_and(char::is_uppercase)
        && (2..=5).contains(&words)
        && !name.chars().any(|c| c.is_ascii_digit()))
    .then(|| name.to_string())
}

/// The numbers of a vote as the text tells them ("Med 6 ja-röster mot 3 nej-röster"): (ja, nej).
static TOLD_RESULT: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::regex(r"(?i)(\d{1,3})\s+ja-?röst(?:er)?\s+(?:mot|och)\s+(\d{1,3})\s+nej-?röst")
        .expect("regex")
});

/// (ja, nej) as a paragraph's vote text tells them, if it does.
pub(crate) fn told_result(text: &str) -> Option<(u32, u32)> {
    let c = TOLD_RESULT.captures(text)?;
    Some((c[1].parse().ok()?, c[2].parse().ok()?))
}

/// "Ja-röst för bifall till förvaltningens förslag, nej-röst för avslag": what ja and nej mean.
static PROPOSITIONS: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern::regex(
        r"(?i)\bja(?:-röst)?\s+för\s+([^,.;]+?)\s*[,;]?\s+(?:och\s+)?nej(?:-röst)?\s+för\s+([^.;]+)",
    )
    .expect("regex")
});

/// The ja- and nej-propositions as a paragraph's vote text states them, if it does.
pub(crate) fn propositions(text: &str) -> Option<(String, String)> {
    let c = PROPOSITIONS.captures(text)?;
    Some((c[1].trim().to_string(), c[2].trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::parse::text::numbered_lines as ls;

    #[test]
    fn reads_a_voting_list_as_the_roll_call_of_its_paragraph() {
        let text = "Voteringslista § 73\n\nLedamot                 Tjänstgörande ersättare   Ja      Nej     Avstår\nKerstin Malm (S)                                  X\nGöran Ekholm (M)                                          X\nAmir Haddad (C)                                                   X\nOla Berg (S)\nMona Rydh (M) för Ingrid Fält                             X\nLeif Åström (KD)        Greta Wall (KD)           X\nSumma                                             2       2       1\nJusterandes sign\n";
        let calls = roll_calls(&ls(text));
        assert_eq!(calls.len(), 1);
        let c = &calls[0];
        assert_eq!(c.paragraph, Some(73));
        let got: Vec<(&str, VoteChoice)> = c
            .casts
            .iter()
            .map(|v| (v.name.as_str(), v.choice))
            .collect();
        assert_eq!(
            got,
            [
                ("Kerstin Malm", VoteChoice::Ja),
                ("Göran Ekholm", VoteChoice::Nej),
                ("Amir Haddad", VoteChoice::Avstar),
                ("Mona Rydh", VoteChoice::Nej),
                ("Greta Wall", VoteChoice::Ja),
            ]
        );
        assert_eq!(c.totals, Some((2, 2, 1)));
    }

    #[test]
    fn a_list_by_seat_reads_past_the_seats_numbers() {
        let text = "Nr  Ledamot          Parti   Ja   Nej   Avstår   Frånvarande\n 1  Helena Strand    S       X\n 2  Ove Karlgren     M            X\n 3  Anton Berg       SD                         X\n    Summa                    1    1     0        1\n";
        let calls = roll_calls(&ls(text));
        let got: Vec<(&str, VoteChoice)> = calls[0]
            .casts
            .iter()
            .map(|v| (v.name.as_str(), v.choice))
            .collect();
        assert_eq!(
            got,
            [
                ("Helena Strand", VoteChoice::Ja),
                ("Ove Karlgren", VoteChoice::Nej)
            ]
        );
        assert_eq!(calls[0].totals, Some((1, 1, 0)));
    }

    #[test]
    fn a_table_without_ja_and_nej_columns_is_no_voting_list() {
        let text = "Ledamöter    Parti   Närvarande\nAnna Berg    S       X\n";
        assert!(roll_calls(&ls(text)).is_empty());
    }

    #[test]
    fn the_result_and_propositions_as_told() {
        let t = "Ja-röst för bifall till förvaltningens förslag, nej-röst för avslag. Med 6 ja-röster mot 3 nej-röster beslutar nämnden.";
        assert_eq!(told_result(t), Some((6, 3)));
        assert_eq!(
            propositions(t),
            Some((
                "bifall till förvaltningens förslag".to_string(),
                "avslag".to_string()
            ))
        );
    }
}
