//! Stage 4, the ärendelista: paragraph, Dnr, title and page reference per row.
//!
//! Rows come as table cells (`§ 1⇥Title⇥ITSAM 2024/25⇥3`) or as `-layout` text where the `§`
//! column and the Dnr/title column may be interleaved by the PDF tool. The second kind is read as
//! two streams, the `§` numbers and the Dnr/title entries, and matched by order when their counts
//! agree; otherwise the agenda is not trusted (a warning says so) and the paragraphs rule.

use std::sync::LazyLock;

use kansli_core::protocol::AgendaEntry;
use regex::Regex;

use super::flow;
use super::items::{dnr_in, line_dnr};
use super::text::{Line, cells};

static ROW: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(r"^\s*(?:[A-ZÅÄÖ]{1,6}\s+)?§\s?(\d{1,4})\b(.*)$").expect("regex")
});
/// A row numbered without `§` ("  2  Verksamhetsberättelse 2022   KN 2023/4   4"): the number,
/// a column gap (or a dot and a space), a capitalised title.
static BARE_ROW: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(r"^\s*(\d{1,3})(?:\.\s+|\s{2,}|\t)(\p{Lu}.*)$").expect("regex")
});
/// A row numbered as an item of the list, its paragraph at the right ("1.   Val av justerare
/// § 34", "Ärende 3   Delårsrapport   § 36   4"): the paragraph, then the title.
static ITEM_ROW: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"^\s*(?:Ärende\s+)?\d{1,3}[.)]?(?:\s+|\t)(\p{Lu}.*?)(?:\s{2,}|\t)§\s?(\d{1,4})(?:(?:\s{2,}|\t)\d{1,3}(?:\s*[-–]\s*\d{1,3})?)?\s*$",
    )
    .expect("regex")
});
static PAGES: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(r"^\d{1,3}(?:\s*[-–]\s*\d{1,3})?$").expect("regex")
});
static TRAILING_PAGES: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(r"(?:\s*\.{3,}\s*|\s{3,})(\d{1,3}(?:\s*[-–]\s*\d{1,3})?)$")
        .expect("regex")
});
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(r"(?i)^(?:ärendelista|dagordning|föredragningslista|ärenden|ärendeförteckning|innehållsförteckning|förteckning över ärenden)\s*:?$")
        .expect("regex")
});

/// Whether a line is the ärendelista's heading: a title ("Ärendelista", "Dagordning" …) or,
/// where the list has none, its table's column heads ("§   Ärende   Diarienummer", "Nr
/// Ärende   Dnr").
pub(crate) fn is_agenda_heading(trimmed: &str) -> bool {
    (trimmed.len() < 60 && HEADING.is_match(trimmed))
        || (trimmed.len() < 200 && is_column_heads(trimmed))
}

/// The column heads of an agenda table: a number column ("§", "Nr", "Paragraf") and, after a
/// column gap, an "Ärende"/"Rubrik" column.
fn is_column_heads(trimmed: &str) -> bool {
    let cs = super::text::fragments(trimmed, 2);
    let low = |i: usize| cs.get(i).map(|(_, c)| c.trim().to_lowercase());
    cs.len() >= 2
        && low(0).is_some_and(|c| matches!(c.as_str(), "§" | "nr" | "nr." | "paragraf"))
        && low(1).is_some_and(|c| {
            matches!(
                c.as_str(),
                "ärende" | "ärenden" | "rubrik" | "ärenderubrik" | "ärendemening"
            )
        })
}

/// An ärendelista printed as a table in the cover's value column, under a label of its own
/// ("Paragrafer   §   Ärende   Sida", then "23   Val av justerare   3" …, as Platina-like
/// templates print the paragraphs on the cover): the numbers of the table's lines, its label's
/// line first, up to the first blank line, and its rows. A row's number standing under a page
/// column's heading is set three spaces off its title, as the rows' pages are read (a long
/// title may come two spaces from it). None when no cover line is such a label and heads.
pub(crate) fn labelled_table(lines: &[&Line]) -> Option<(Vec<usize>, Vec<Line>)> {
    const LABELS: &[&str] = &[
        "paragrafer",
        "paragraf",
        "ärenden",
        "ärendelista",
        "dagordning",
    ];
    const PAGE_HEADS: &[&str] = &["sida", "sid", "sid.", "sidor", "sidnr"];
    let mut page_col = None;
    let at = lines.iter().position(|l| {
        let cs = super::text::fragments(&l.text, 2);
        let found = cs.first().is_some_and(|(_, c)| {
            LABELS.contains(&c.trim().trim_end_matches(':').to_lowercase().as_str())
        }) && is_column_heads(
            &cs[1..]
                .iter()
                .map(|(_, c)| c.trim())
                .collect::<Vec<_>>()
                .join("   "),
        );
        if found {
            page_col = cs
                .last()
                .filter(|(_, c)| PAGE_HEADS.contains(&c.trim().to_lowercase().as_str()))
                .map(|(c, _)| *c);
        }
        found
    })?;
    let end = lines[at + 1..]
        .iter()
        .position(|l| l.is_blank())
        .map_or(lines.len(), |k| at + 1 + k);
    let rows = lines[at + 1..end]
        .iter()
        .map(|l| {
            let mut row = (*l).clone();
            if let Some(pc) = page_col
                && let Some(&(c, last)) = super::text::fragments(&l.text, 2).last()
                && c + 2 >= pc
                && PAGES.is_match(last.trim())
                && let Some(b) = l.text.char_indices().nth(c).map(|(b, _)| b)
            {
                row.text = format!("{}   {}", l.text[..b].trim_end(), last.trim());
            }
            row
        })
        .collect();
    Some((lines[at..end].iter().map(|l| l.no).collect(), rows))
}

/// The `§` number of an agenda row line, if it is one.
pub(crate) fn row_number(trimmed: &str) -> Option<u32> {
    if let Some((n, _)) = item_row(trimmed) {
        return Some(n);
    }
    match trimmed.find('§') {
        Some(i) if i <= 12 => {}
        _ => return None,
    }
    if trimmed.contains("§§") {
        return None;
    }
    ROW.captures(trimmed)?.get(1)?.as_str().parse().ok()
}

/// A row of an ärendelista that numbers its items apart from the paragraphs, the paragraph at
/// the right ("1.   Val av justerare   § 34"): the paragraph's number and the title (the
/// item's number and a page number after the paragraph are neither).
fn item_row(trimmed: &str) -> Option<(u32, String)> {
    if !trimmed.contains('§') || trimmed.contains("§§") {
        return None;
    }
    let c = ITEM_ROW.captures(trimmed)?;
    let n = c.get(2)?.as_str().parse().ok()?;
    Some((n, c.get(1)?.as_str().trim().to_string()))
}

/// The number and the rest of a row, with or without `§` (a bare number only inside an
/// ärendelista: see `parse_agenda`).
fn row_parts(line: &str, bare: bool) -> Option<(u32, String)> {
    let trimmed = line.trim();
    if let Some(row) = item_row(trimmed) {
        return Some(row);
    }
    if let Some(n) = row_number(trimmed) {
        let rest = ROW
            .captures(trimmed)
            .and_then(|c| c.get(2))
            .map_or("", |m| m.as_str())
            .trim()
            .to_string();
        return Some((n, rest));
    }
    if !bare {
        return None;
    }
    let c = BARE_ROW.captures(trimmed)?;
    let n = c.get(1)?.as_str().parse().ok()?;
    Some((n, c.get(2)?.as_str().trim().to_string()))
}

fn split_pages(title: &str) -> (String, Option<String>) {
    if let Some(c) = TRAILING_PAGES.captures(title)
        && let (Some(all), Some(p)) = (c.get(0), c.get(1))
    {
        return (
            title[..all.start()].trim().to_string(),
            Some(p.as_str().to_string()),
        );
    }
    (title.trim().to_string(), None)
}

/// Reads the agenda rows from the lines between its heading and the first paragraph.
pub(crate) fn parse_agenda(lines: &[&Line], warnings: &mut Vec<String>) -> Vec<AgendaEntry> {
    let mut rows: Vec<&&Line> = lines
        .iter()
        .filter(|l| row_number(l.trimmed()).is_some())
        .collect();
    // Rows numbered without `§` count when no row has one.
    let bare = rows.is_empty();
    if bare {
        rows = lines
            .iter()
            .filter(|l| row_parts(&l.text, true).is_some())
            .collect();
    }
    if rows.is_empty() {
        return Vec::new();
    }
    let first_no = rows[0].no;
    let tabbed = rows.iter().filter(|l| l.text.contains('\t')).count() * 2 > rows.len();
    if tabbed {
        return parse_cells(lines);
    }

    // Two streams: § numbers, and Dnr/title text.
    let mut nums: Vec<u32> = Vec::new();
    let mut stream: Vec<(bool, String)> = Vec::new(); // (is_dnr, text)
    let mut row_without_dnr = false;
    let mut dnr_without_row = false;
    for l in lines {
        let t = l.trimmed();
        if t.is_empty() {
            continue;
        }
        let (right, is_row) = match row_parts(&l.text, bare) {
            Some((n, rest)) => {
                nums.push(n);
                (rest, true)
            }
            None => (t.to_string(), false),
        };
        if right.is_empty() {
            continue;
        }
        match dnr_in(&right) {
            Some((d, r)) => {
                let before = right[..r.start].trim().to_string();
                let after = right[r.end..].trim().to_string();
                if !before.is_empty() {
                    stream.push((false, before));
                }
                stream.push((true, d));
                if !after.is_empty() {
                    stream.push((false, after));
                }
                if !is_row {
                    dnr_without_row = true;
                }
            }
            None => {
                if is_row {
                    row_without_dnr = true;
                }
                stream.push((false, right));
            }
        }
    }
    let dnr_count = stream.iter().filter(|(d, _)| *d).count();
    if dnr_count > 0 && dnr_count == nums.len() {
        // Group the stream at each Dnr; titles follow their Dnr (or precede it when the Dnr
        // comes last on a row).
        let dnr_first = stream.first().is_some_and(|(d, _)| *d);
        let mut groups: Vec<(Option<String>, String)> = Vec::new();
        if dnr_first {
            for (is_dnr, text) in &stream {
                if *is_dnr {
                    groups.push((Some(text.clone()), String::new()));
                } else if let Some(g) = groups.last_mut() {
                    flow::join_continuation(&mut g.1, text);
                }
            }
        } else {
            let mut title = String::new();
            for (is_dnr, text) in &stream {
                if *is_dnr {
                    groups.push((Some(text.clone()), std::mem::take(&mut title)));
                } else {
                    flow::join_continuation(&mut title, text);
                }
            }
            if !title.is_empty()
                && let Some(g) = groups.last_mut()
            {
                flow::join_continuation(&mut g.1, &title);
            }
        }
        if row_without_dnr || dnr_without_row {
            warnings.push(format!(
                "line {first_no}: ärendelista printed in interleaved columns; rows matched to § numbers by order"
            ));
        }
        return nums
            .into_iter()
            .zip(groups)
            .map(|(n, (dnr, title))| {
                let (title, pages) = split_pages(&title);
                AgendaEntry {
                    paragraph: n,
                    dnr,
                    title,
                    pages,
                }
            })
            .collect();
    }
    // Every Dnr on a row line: the rows are whole, one per §.
    if dnr_count == 0 || !dnr_without_row {
        // One row per §, continuation lines after it.
        let mut out: Vec<AgendaEntry> = Vec::new();
        for l in lines {
            let t = l.trimmed();
            if t.is_empty() {
                continue;
            }
            match row_parts(&l.text, bare) {
                Some((n, rest)) => {
                    let (dnr, title) = match dnr_in(&rest) {
                        Some((d, r)) => (
                            Some(d),
                            format!("{} {}", &rest[..r.start], &rest[r.end..])
                                .trim()
                                .to_string(),
                        ),
                        None => (None, rest),
                    };
                    let (title, pages) = split_pages(&title);
                    out.push(AgendaEntry {
                        paragraph: n,
                        dnr,
                        title,
                        pages,
                    });
                }
                None => {
                    if let Some(last) = out.last_mut() {
                        if last.dnr.is_none()
                            && let Some(d) = line_dnr(t)
                        {
                            last.dnr = Some(d);
                            continue;
                        }
                        // "§ 112" / "Val av justerare" / "3": the page column's cell on a line
                        // of its own, as `pdftotext` without -layout writes a table
                        if last.pages.is_none()
                            && !last.title.is_empty()
                            && (1..=3).contains(&t.len())
                            && t.bytes().all(|b| b.is_ascii_digit())
                        {
                            last.pages = Some(t.to_string());
                            continue;
                        }
                        let mut title = std::mem::take(&mut last.title);
                        flow::join_continuation(&mut title, t);
                        let (title, pages) = split_pages(&title);
                        last.title = title;
                        if pages.is_some() {
                            last.pages = pages;
                        }
                    }
                }
            }
        }
        return out;
    }
    warnings.push(format!(
        "line {first_no}: ärendelista could not be read reliably ({} § numbers, {dnr_count} Dnr); items are read from the paragraphs only",
        nums.len()
    ));
    Vec::new()
}

fn parse_cells(lines: &[&Line]) -> Vec<AgendaEntry> {
    let mut out: Vec<AgendaEntry> = Vec::new();
    for l in lines {
        let t = l.trimmed();
        if t.is_empty() {
            continue;
        }
        let cs = cells(&l.text);
        match row_number(cs.first().map_or("", |c| c.1.as_str())) {
            Some(n) => {
                let first_rest = ROW
                    .captures(&cs[0].1)
                    .and_then(|c| c.get(2))
                    .map_or("", |m| m.as_str())
                    .trim()
                    .to_string();
                let mut title_parts: Vec<String> = Vec::new();
                if !first_rest.is_empty() {
                    title_parts.push(first_rest);
                }
                let mut dnr = None;
                let mut pages = None;
                for (_, c) in cs.iter().skip(1) {
                    if dnr.is_none()
                        && let Some(d) = line_dnr(c)
                    {
                        dnr = Some(d);
                    } else if PAGES.is_match(c) {
                        pages = Some(c.clone());
                    } else {
                        title_parts.push(c.clone());
                    }
                }
                out.push(AgendaEntry {
                    paragraph: n,
                    dnr,
                    title: title_parts.join(" "),
                    pages,
                });
            }
            None => {
                if let Some(last) = out.last_mut() {
                    // A title wrapped in its cell: the row's later cells (its Dnr, its page)
                    // may stand on the wrapped line, as a PDF's table row puts them.
                    let mut title = std::mem::take(&mut last.title);
                    for (i, (_, c)) in cs.iter().enumerate() {
                        if i > 0 && last.dnr.is_none() && line_dnr(c).is_some() {
                            last.dnr = line_dnr(c);
                        } else if i > 0 && last.pages.is_none() && PAGES.is_match(c) {
                            last.pages = Some(c.clone());
                        } else {
                            flow::join_continuation(&mut title, c);
                        }
                    }
                    last.title = title;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_heads_open_an_agenda_without_a_title() {
        assert!(is_agenda_heading(
            "§      Ärende                                                   Diarienummer"
        ));
        assert!(is_agenda_heading("Nr   Ärende   Dnr"));
        assert!(is_agenda_heading("Ärendeförteckning"));
        // A paragraph's text or a single cell is no heading.
        assert!(!is_agenda_heading("§ 12 Ärende om bygglov"));
        assert!(!is_agenda_heading("Nr 4 Ärende"));
    }

    use crate::parse::text::numbered_lines as ls;

    #[test]
    fn reads_cell_rows() {
        let l = ls(
            "§ 1\tInformation angående säkerhetsarbetet\tITSAM 2024/25\t3\n§ 2\tInformation från verksamheten\tITSAM 2024/1\t4 - 5",
        );
        let refs: Vec<&Line> = l.iter().collect();
        let mut w = Vec::new();
        let a = parse_agenda(&refs, &mut w);
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].dnr.as_deref(), Some("ITSAM 2024/25"));
        assert_eq!(a[1].pages.as_deref(), Some("4 - 5"));
        assert_eq!(a[1].title, "Information från verksamheten");
    }

    /// The page column's cell on a line of its own under the title, as `pdftotext` without
    /// -layout writes a table: the page.
    #[test]
    fn a_page_cell_on_a_line_of_its_own() {
        let lines = ls("§ 112\nVal av justerare\n3\n§ 113\nBudget 2026\n4");
        let refs: Vec<&Line> = lines.iter().collect();
        let rows = parse_agenda(&refs, &mut Vec::new());
        let got: Vec<(u32, &str, Option<&str>)> = rows
            .iter()
            .map(|r| (r.paragraph, r.title.as_str(), r.pages.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (112, "Val av justerare", Some("3")),
                (113, "Budget 2026", Some("4"))
            ]
        );
    }

    /// A title wrapped inside its cell: the row's page cell stands on the wrapped line (as a
    /// PDF's table row writes it), and is the page, never the end of the title.
    #[test]
    fn a_page_on_a_wrapped_title_line_is_the_page() {
        let l = ls(
            "§ 41\tJustering av protokoll\t3\n§ 42\tAnsökan om bygglov för nybyggnad på\nfastigheten Tallbacken 4:12\t3\n§ 43\tTillsynsplan 2026\tMBN 2026/4\t4",
        );
        let refs: Vec<&Line> = l.iter().collect();
        let mut w = Vec::new();
        let a = parse_agenda(&refs, &mut w);
        assert_eq!(a.len(), 3, "{a:?}");
        assert_eq!(
            a[1].title,
            "Ansökan om bygglov för nybyggnad på fastigheten Tallbacken 4:12"
        );
        assert_eq!(a[1].pages.as_deref(), Some("3"));
        assert_eq!(a[2].dnr.as_deref(), Some("MBN 2026/4"));
    }

    #[test]
    fn reads_interleaved_columns_by_order() {
        let l = ls(
            "§ 103        KS KF/2024:8\n§ 104        Meddelanden\n\n§ 105        KS KF/2024:10\n             Avsägelse från A (M) avseende uppdraget som ersättare i\n§ 106        kommunfullmäktige\n             KS KF/2024:248\n             Beslut om X\n             KS KF/2024:249\n             Beslut om Y",
        );
        let refs: Vec<&Line> = l.iter().collect();
        let mut w = Vec::new();
        let a = parse_agenda(&refs, &mut w);
        let brief: Vec<String> = a
            .iter()
            .map(|e| {
                format!(
                    "{} {} {}",
                    e.paragraph,
                    e.dnr.as_deref().unwrap_or("-"),
                    e.title
                )
            })
            .collect();
        assert_eq!(
            brief,
            vec![
                "103 KS KF/2024:8 Meddelanden",
                "104 KS KF/2024:10 Avsägelse från A (M) avseende uppdraget som ersättare i kommunfullmäktige",
                "105 KS KF/2024:248 Beslut om X",
                "106 KS KF/2024:249 Beslut om Y",
            ]
        );
        assert_eq!(w.len(), 1);
        // 5 § numbers but 4 Dnr: not trusted.
        let l = ls(
            "§ 1        KS 2024/1\n§ 2        Titel\n§ 3\n             KS 2024/3\n             Titel\n§ 4   KS 2024/4 Titel\n§ 5",
        );
        let refs: Vec<&Line> = l.iter().collect();
        let mut w = Vec::new();
        assert!(parse_agenda(&refs, &mut w).is_empty());
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn reads_layout_rows_with_titles_below() {
        let l = ls(
            "§ 25         BUN/2023:210\n\n             Nämndinitiativ L: Utredning av anmälningar och\n\n             behandlingar\n\n§ 26         BUN/2023:209\n\n             Lokalbehovsplan 2024",
        );
        let refs: Vec<&Line> = l.iter().collect();
        let mut w = Vec::new();
        let a = parse_agenda(&refs, &mut w);
        assert_eq!(a.len(), 2);
        assert_eq!(
            a[0].title,
            "Nämndinitiativ L: Utredning av anmälningar och behandlingar"
        );
        assert_eq!(a[1].dnr.as_deref(), Some("BUN/2023:209"));
        assert!(w.is_empty());
    }

    #[test]
    fn reads_rows_numbered_apart_from_their_paragraphs() {
        // "1.   Val av justerare   § 34": the item's number is no paragraph's
        let l = ls(
            "1.   Val av justerare                                  § 34\n2.   Revidering av handlingsprogram enligt lagen om skydd   § 35\n     mot olyckor\n3.   Meddelanden                                       § 36     4\n",
        );
        let refs: Vec<&Line> = l.iter().collect();
        let a = parse_agenda(&refs, &mut Vec::new());
        let brief: Vec<String> = a
            .iter()
            .map(|e| format!("{}|{}", e.paragraph, e.title))
            .collect();
        assert_eq!(
            brief,
            vec![
                "34|Val av justerare",
                "35|Revidering av handlingsprogram enligt lagen om skydd mot olyckor",
                "36|Meddelanden"
            ]
        );
        assert_eq!(row_number("1.   Val av justerare      § 34"), Some(34));
        assert_eq!(row_number("Ärende 3\tDelårsrapport\t§ 36\t4"), Some(36));
        // a numbered clause citing a paragraph of the law in its text is no row
        assert_eq!(
            row_number("1. Nämnden beslutar enligt 6 kap. 12 § kommunallagen"),
            None
        );
    }

    #[test]
    fn reads_rows_numbered_without_sign_with_dnr_and_page_columns() {
        let l = ls(
            "  1  Godkännande av dagordning                                  3\n  2  Verksamhetsberättelse 2022              KN 2023/4          4\n  3  Bidrag till studieförbund 2023          KN 2022/118        5 - 6",
        );
        let refs: Vec<&Line> = l.iter().collect();
        let mut w = Vec::new();
        let a = parse_agenda(&refs, &mut w);
        let brief: Vec<String> = a
            .iter()
            .map(|e| {
                format!(
                    "{}|{}|{}|{}",
                    e.paragraph,
                    e.dnr.as_deref().unwrap_or("-"),
                    e.title,
                    e.pages.as_deref().unwrap_or("-")
                )
            })
            .collect();
        assert_eq!(
            brief,
            vec![
                "1|-|Godkännande av dagordning|3",
                "2|KN 2023/4|Verksamhetsberättelse 2022|4",
                "3|KN 2022/118|Bidrag till studieförbund 2023|5 - 6",
            ]
        );
        assert!(w.is_empty(), "{w:?}");
    }
}
