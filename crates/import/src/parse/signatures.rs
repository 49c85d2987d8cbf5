//! Stage 7, e-signature pages: Visma Addo / Addo Sign ("Undertecknare", `NAME id date timeZ`),
//! the simpler "Signerat av NAME DATE TIME" / "Signed by" lines of other services, and a
//! verification page's signers ("NAME (initials)" / role / e-mail / "Signerade DATE TIME CET
//! (+0100)"), a signing list's "NAME, role, DATE TIME" under "Signerat digitalt"; and the
//! printed signature table after the last paragraph (roles over dotted lines over names).

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use kansli_core::protocol::ParsedSignature;
use regex::Regex;

use super::text::Line;

static START: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?i)^(?:signaturerna i detta dokument|dokumentet är signerat|detta dokument är (?:elektroniskt |digitalt )?signerat|undertecknare$|verifikat$|parter och signaturer|this document (?:has been|is) (?:electronically )?signed|signatures? in this document|document signed with|alla tider anges i|(?:signerat|signerad|signerades) digitalt$|digitalt signerat$)",
    )
    .expect("regex")
});

static ADDO: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"((?:\p{Lu}[\p{L}'’\-]*\s+){1,6})([A-Za-z0-9+/]{16,30}={0,2})\s+(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(Z|\s*UTC)?",
    )
    .expect("regex")
});

static ENDS_WITH_ID: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(r"\p{Lu}[\p{L}'’\-]*\s+[A-Za-z0-9+/]{16,30}={0,2}$")
        .expect("regex")
});

static SIGNED_BY: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?i)\b(?:signerat|signerad|signed)\s+(?:av|by)\s*:?\s*(\p{Lu}[\p{L}'’\-]*(?:\s+\p{Lu}[\p{L}'’\-]*){0,5})[\s,]+(?:den\s+)?(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)\s*(Z|UTC)?",
    )
    .expect("regex")
});

/// "Signerat 2023-03-17 14:05:40" under the signer's name, with the zone as a verification
/// page prints it, if it does: "Z", "UTC", or an offset ("CET (+0100)", "+01:00").
static SIGNED_AT: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(r"(?i)^(?:signerat|signerad|signerade|signed)\s*:?\s+(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)\s*(Z|UTC)?(?:\s*(?:CET|CEST))?\s*(?:\(?([+-])(\d{2}):?(\d{2})\)?)?")
        .expect("regex")
});

/// "Helena Sund, ordförande, 2025-09-04 16:22": a signer, their role and when they signed,
/// one to a line under "Signerat digitalt".
static NAME_ROLE_AT: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"^(\p{Lu}[\p{L}'’\-]*(?:\s+\p{Lu}[\p{L}'’\-]*){1,4}),\s*\p{Ll}[\p{L} \-]*,\s*(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)\s*(Z|UTC)?$",
    )
    .expect("regex")
});

/// Where an e-signature page starts: the index of its first line, if one is found after
/// `after` (the last paragraph's head).
pub(crate) fn find_start(lines: &[&Line], after: usize) -> Option<usize> {
    lines
        .iter()
        .enumerate()
        .skip(after)
        .find(|(_, l)| l.text.len() < 400 && START.is_match(l.trimmed()))
        .map(|(i, _)| i)
}

fn timestamp(date: &str, time: &str) -> Option<DateTime<Utc>> {
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let t = NaiveTime::parse_from_str(time, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M"))
        .ok()?;
    Some(Utc.from_utc_datetime(&d.and_time(t)))
}

/// Reads the signatures of an e-signature page.
pub(crate) fn parse(lines: &[Line], warnings: &mut Vec<String>) -> Vec<ParsedSignature> {
    let mut out: Vec<ParsedSignature> = Vec::new();
    let utc_stated = lines.iter().any(|l| {
        let t = l.trimmed().to_lowercase();
        t.contains("utc") || t.contains("koordinerad universell tid")
    });
    let mut zone_unknown = false;
    // Addo's "Undertecknare" table, its cells wrapped in any way: read as one run of text.
    if let Some(start) = lines
        .iter()
        .position(|l| l.trimmed().eq_ignore_ascii_case("undertecknare"))
    {
        let mut run = String::new();
        for l in &lines[start + 1..] {
            let t = l.trimmed();
            if t.to_lowercase().starts_with("dokument") {
                break;
            }
            run.push(' ');
            run.push_str(&t.replace('\t', " "));
        }
        for c in ADDO.captures_iter(&run) {
            let name = c
                .get(1)
                .map_or("", |m| m.as_str())
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if c.get(5).is_none() && !utc_stated {
                zone_unknown = true;
            }
            out.push(ParsedSignature {
                name,
                signed_at: timestamp(&c[3], &c[4]),
            });
        }
        if !out.is_empty() {
            if zone_unknown {
                warnings.push("signature times carry no time zone; read as UTC".into());
            }
            return out;
        }
    }
    // A line ending in a signature id continues on the next (wrapped table cells).
    let mut joined: Vec<Line> = Vec::new();
    for l in lines {
        if let Some(prev) = joined.last_mut()
            && ENDS_WITH_ID.is_match(prev.trimmed())
            && l.trimmed().starts_with(|c: char| c.is_ascii_digit())
        {
            prev.text = format!("{} {}", prev.text.trim_end(), l.trimmed());
            continue;
        }
        joined.push(l.clone());
    }
    let lines = &joined[..];
    for (i, l) in lines.iter().enumerate() {
        let t = l.trimmed();
        for c in ADDO.captures_iter(t) {
            let name = c
                .get(1)
                .map_or("", |m| m.as_str())
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let at = timestamp(&c[3], &c[4]);
            if c.get(5).is_none() && !utc_stated {
                zone_unknown = true;
            }
            out.push(ParsedSignature {
                name,
                signed_at: at,
            });
        }
        if let Some(c) = NAME_ROLE_AT.captures(t) {
            if c.get(4).is_none() && !utc_stated {
                zone_unknown = true;
            }
            out.push(ParsedSignature {
                name: c[1].split_whitespace().collect::<Vec<_>>().join(" "),
                signed_at: timestamp(&c[2], &c[3]),
            });
        } else if let Some(c) = SIGNED_BY.captures(t) {
            let name = c[1].split_whitespace().collect::<Vec<_>>().join(" ");
            if c.get(4).is_none() && !utc_stated {
                zone_unknown = true;
            }
            if !out.iter().any(|s| s.name == name) {
                out.push(ParsedSignature {
                    name,
                    signed_at: timestamp(&c[2], &c[3]),
                });
            }
        } else if let Some(c) = SIGNED_AT.captures(t) {
            // Scrive-like: the name is on a line above, maybe with the signer's initials after
            // it ("Hanna Vesterlund (HV)"), with the role and the e-mail address between.
            let name = lines[..i]
                .iter()
                .rev()
                .take(6)
                .map(|l| without_initials(l.trimmed()))
                .find(|t| {
                    let words = t.split_whitespace().count();
                    (2..=6).contains(&words)
                        && signed_as(t).is_none()
                        && t.split_whitespace()
                            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                })
                .map(str::to_string);
            if let Some(name) = name {
                let offset = match (c.get(4), c.get(5), c.get(6)) {
                    (Some(sign), Some(h), Some(m)) => {
                        let minutes = h.as_str().parse::<i64>().unwrap_or(0) * 60
                            + m.as_str().parse::<i64>().unwrap_or(0);
                        Some(if sign.as_str() == "-" {
                            -minutes
                        } else {
                            minutes
                        })
                    }
                    _ => None,
                };
                if c.get(3).is_none() && offset.is_none() && !utc_stated {
                    zone_unknown = true;
                }
                // a local time with its offset, in UTC
                let at = timestamp(&c[1], &c[2])
                    .map(|t| t - chrono::Duration::minutes(offset.unwrap_or(0)));
                out.push(ParsedSignature {
                    name,
                    signed_at: at,
                });
            }
        }
    }
    if zone_unknown {
        warnings.push("signature times carry no time zone; read as UTC".into());
    }
    out
}

/// A signer's name without the initials a verification page prints after it
/// ("Hanna Vesterlund (HV)" → "Hanna Vesterlund").
fn without_initials(t: &str) -> &str {
    match t.rsplit_once(" (") {
        Some((name, rest))
            if rest.ends_with(')')
                && rest.len() <= 6
                && rest[..rest.len() - 1].chars().all(char::is_uppercase) =>
        {
            name.trim_end()
        }
        _ => t,
    }
}

/// Who signs on a printed signature line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SignedAs {
    Chair,
    Secretary,
    Justerare,
}

/// The role a signature table's heading cell names ("Ordförande", "Justerare:").
fn signed_as(cell: &str) -> Option<SignedAs> {
    match cell.trim().trim_end_matches(':').to_lowercase().as_str() {
        "ordförande" | "mötesordförande" | "ordförande för sammanträdet" => {
            Some(SignedAs::Chair)
        }
        "sekreterare" | "protokollförare" | "nämndsekreterare" | "kommunsekreterare" => {
            Some(SignedAs::Secretary)
        }
        "justerare" | "justerande" | "justeras" => Some(SignedAs::Justerare),
        _ => None,
    }
}

/// A line of role headings only ("Ordförande ⇥ Sekreterare"): each cell (empty ones kept,
/// so that the columns count) as its role.
fn role_line(text: &str) -> Option<Vec<Option<SignedAs>>> {
    let cells: Vec<Option<SignedAs>> = text.split('\t').map(signed_as).collect();
    let named = text.split('\t').filter(|c| !c.trim().is_empty()).count();
    (named > 0 && cells.iter().flatten().count() == named).then_some(cells)
}

/// A cell holding a signature line: dots or underscores, perhaps with the name after them.
fn dotted(cell: &str) -> bool {
    cell.trim_start().starts_with("....") || cell.trim_start().starts_with("____")
}

/// A name under a signature line: two to five capitalised words, no digits.
fn signed_name(cell: &str) -> Option<String> {
    let name = cell
        .trim_matches(|c: char| matches!(c, '.' | '_' | '…') || c.is_whitespace())
        .to_string();
    let words: Vec<&str> = name.split_whitespace().collect();
    ((2..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !name
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '(' | ':' | ',')))
    .then_some(name)
}

/// Where a printed signature table starts among `lines[from..to]`: a line of role headings with
/// a signature line within the next four lines.
pub(crate) fn find_printed(lines: &[&Line], from: usize, to: usize) -> Option<usize> {
    (from..to).find(|&i| {
        role_line(&lines[i].text).is_some()
            && lines[i + 1..to.min(i + 5)]
                .iter()
                .any(|l| l.text.split('\t').any(dotted))
    })
}

/// Reads a printed signature table: role headings in columns, and under each a signature line
/// and a name, in whatever order a PDF drew the cells ("Anna Berg ⇥ ……" then "⇥ Per Ek": the
/// leading tab keeps the second name in its column). Returns the names by role, each once; a
/// second name under the chair's or secretary's heading is left out.
pub(crate) fn read_printed(lines: &[&Line]) -> Vec<(SignedAs, String)> {
    let mut out: Vec<(SignedAs, String)> = Vec::new();
    let mut roles: Vec<Option<SignedAs>> = Vec::new();
    for l in lines {
        if let Some(r) = role_line(&l.text) {
            roles = r;
            continue;
        }
        for (k, cell) in l.text.split('\t').enumerate() {
            let Some(name) = signed_name(cell) else {
                continue;
            };
            // one heading over the table: every name is its
            let role = match roles.as_slice() {
                [only] => *only,
                all => all.get(k).copied().flatten(),
            };
            let Some(role) = role else {
                continue;
            };
            let taken = out.iter().any(|(r, n)| {
                *n == name || (*r == role && matches!(role, SignedAs::Chair | SignedAs::Secretary))
            });
            if !taken {
                out.push((role, name));
            }
        }
    }
    out
}

/// Reads signatures printed as names over their roles, as a board's minutes close ("Vid
/// protokollet" / "Karin Lööf" / "Sekreterare" / "Justeras" / "Göran Hedlund   Annika Persson"
/// / "Ordförande   Justerare"): a line of names only, its cells apart by wide gaps, and on the
/// next line as many role headings, the nearest under each name its role. Empty when the
/// block holds no such pair of lines.
pub(crate) fn names_over_roles(lines: &[&Line]) -> Vec<(SignedAs, String)> {
    let cells = |l: &Line| -> Vec<(usize, String)> {
        super::text::fragments(&l.text.replace('\t', "    "), 3)
            .into_iter()
            .map(|(c, f)| (c, f.trim().to_string()))
            .collect()
    };
    let mut out: Vec<(SignedAs, String)> = Vec::new();
    for pair in lines.windows(2) {
        let (names, roles) = (cells(pair[0]), cells(pair[1]));
        if names.is_empty() || names.len() != roles.len() {
            continue;
        }
        let Some(named) = names
            .iter()
            .map(|(c, n)| signed_name(n).map(|n| (*c, n)))
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        let Some(as_role) = roles
            .iter()
            .map(|(c, r)| signed_as(r).map(|r| (*c, r)))
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        // each name over its role: the columns agree, pair by pair
        if named
            .iter()
            .zip(&as_role)
            .any(|((nc, _), (rc, _))| nc.abs_diff(*rc) > 6)
        {
            continue;
        }
        for ((_, name), (_, role)) in named.into_iter().zip(as_role) {
            if !out.iter().any(|(_, n)| *n == name) {
                out.push((role, name));
            }
        }
    }
    out
}

/// Where signatures printed as role headings over names start among `lines[from..to]`, and the
/// names by role: a line of two or more role headings only ("Sekreterare   Ordförande
/// Justerare"), and on the next line that is not blank as many names, each under its heading
/// (a protocol signed digitally prints no signature lines between them). `None` when no such
/// pair of lines is there.
pub(crate) fn find_roles_over_names(
    lines: &[&Line],
    from: usize,
    to: usize,
) -> Option<(usize, Vec<(SignedAs, String)>)> {
    let cells = |l: &Line| -> Vec<(usize, String)> {
        super::text::fragments(&l.text.replace('\t', "    "), 3)
            .into_iter()
            .map(|(c, f)| (c, f.trim().to_string()))
            .collect()
    };
    let to = to.min(lines.len());
    (from..to).find_map(|i| {
        let roles = cells(lines[i]);
        if roles.len() < 2 {
            return None;
        }
        let as_role = roles
            .iter()
            .map(|(c, r)| signed_as(r).map(|r| (*c, r)))
            .collect::<Option<Vec<_>>>()?;
        let next = lines[i + 1..to].iter().find(|l| !l.is_blank())?;
        let names = cells(next);
        if names.len() != roles.len() {
            return None;
        }
        let named = names
            .iter()
            .map(|(c, n)| signed_name(n).map(|n| (*c, n)))
            .collect::<Option<Vec<_>>>()?;
        // each heading over its name: the columns agree, pair by pair
        if named
            .iter()
            .zip(&as_role)
            .any(|((nc, _), (rc, _))| nc.abs_diff(*rc) > 6)
        {
            return None;
        }
        let mut out: Vec<(SignedAs, String)> = Vec::new();
        for ((_, role), (_, name)) in as_role.into_iter().zip(named) {
            if !out.iter().any(|(_, n)| *n == name) {
                out.push((role, name));
            }
        }
        Some((i, out))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::parse::text::numbered_lines as ls;

    #[test]
    fn names_printed_over_their_roles() {
        let lines = ls(
            "Vid protokollet\n\nKarin Lööf\nSekreterare\n\nJusteras\n\nGöran Hedlund                              Annika Persson\nOrdförande                                 Justerare\n",
        );
        let refs: Vec<&Line> = lines.iter().collect();
        assert_eq!(
            names_over_roles(&refs),
            vec![
                (SignedAs::Secretary, "Karin Lööf".to_string()),
                (SignedAs::Chair, "Göran Hedlund".to_string()),
                (SignedAs::Justerare, "Annika Persson".to_string()),
            ]
        );
        // a role over a name (the usual table) is no such pair
        let lines = ls("Ordförande\nGöran Hedlund\n");
        let refs: Vec<&Line> = lines.iter().collect();
        assert!(names_over_roles(&refs).is_empty());
    }

    #[test]
    fn role_headings_over_names_without_signature_lines() {
        let lines = ls(
            "Ordföranden avslutar mötet.\n\nSekreterare          Ordförande          Justerare\n\nLina Ek              Petra Lind          Gunnel Vinter\n",
        );
        let refs: Vec<&Line> = lines.iter().collect();
        assert_eq!(
            find_roles_over_names(&refs, 0, refs.len()),
            Some((
                2,
                vec![
                    (SignedAs::Secretary, "Lina Ek".to_string()),
                    (SignedAs::Chair, "Petra Lind".to_string()),
                    (SignedAs::Justerare, "Gunnel Vinter".to_string()),
                ]
            ))
        );
        // one heading over a name, or headings over text, are no such pair
        let lines =
            ls("Ordförande\nPetra Lind\n\nOrdförande    Justerare\nyttrar sig    om detta\n");
        let refs: Vec<&Line> = lines.iter().collect();
        assert_eq!(find_roles_over_names(&refs, 0, refs.len()), None);
    }

    #[test]
    fn reads_addo_lines() {
        let l = ls(
            "Alla tider anges i koordinerad universell tid (Coordinated Universal Time, UTC).\n\nUndertecknare\n\n THOMAS LIDBERG uegASmDzsSnOPOb/53JvQg 2024-03-08 10:24:23Z\t Nils Jacob Gösta Käll +Dn8ppjITLuErMDG+kFFRw 2024-03-08 11:58:09Z\n--\t---",
        );
        let mut w = Vec::new();
        let s = parse(&l, &mut w);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].name, "THOMAS LIDBERG");
        assert_eq!(
            s[0].signed_at.unwrap().to_rfc3339(),
            "2024-03-08T10:24:23+00:00"
        );
        assert_eq!(s[1].name, "Nils Jacob Gösta Käll");
        assert!(w.is_empty());
        let refs: Vec<&Line> = l.iter().collect();
        assert_eq!(find_start(&refs, 0), Some(0));
    }

    #[test]
    fn reads_signed_by_lines() {
        let l = ls(
            "Signerat av Anna Berg 2024-05-02 14:03 UTC\nBo Ek\nSignerat 2024-05-03 09:00:00 UTC",
        );
        let mut w = Vec::new();
        let s = parse(&l, &mut w);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].name, "Anna Berg");
        assert_eq!(s[1].name, "Bo Ek");
    }

    #[test]
    fn reads_a_signing_list_of_names_roles_and_times() {
        let l = ls(
            "Signerat digitalt\n\nHelena Sund, ordförande, 2025-09-04 16:22\nPetra Vinge, justerare, 2025-09-05 08:47",
        );
        assert!(START.is_match("Signerat digitalt"));
        let mut w = Vec::new();
        let s = parse(&l, &mut w);
        let names: Vec<&str> = s.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["Helena Sund", "Petra Vinge"]);
        assert_eq!(w, ["signature times carry no time zone; read as UTC"]);
    }

    /// The lines of one page, numbered from 0.
    fn lines_of(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(no, t)| Line {
                no,
                page: 0,
                text: t.to_string(),
            })
            .collect()
    }

    #[test]
    fn a_printed_signature_table_drawn_cell_by_cell() {
        let lines: Vec<Line> = lines_of(&[
            "Ordförande\tSekreterare",
            ".................................",
            "Kristina Holmberg\t.................................",
            "\tPär Nyman",
            "Justerare\tJusterare",
            ".................................",
            "Annika Vall\t.................................",
            "\tMehmet Yilmaz",
        ]);
        let refs: Vec<&Line> = lines.iter().collect();
        assert_eq!(find_printed(&refs, 0, refs.len()), Some(0));
        let names = |v: Vec<(SignedAs, String)>| {
            v.into_iter()
                .map(|(r, n)| format!("{r:?} {n}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(read_printed(&refs)),
            vec![
                "Chair Kristina Holmberg",
                "Secretary Pär Nyman",
                "Justerare Annika Vall",
                "Justerare Mehmet Yilmaz"
            ]
        );
        // one column, the name after the dots on the same line
        let lines: Vec<Line> =
            lines_of(&["Sekreterare", "................................. Maja Wik"]);
        let refs: Vec<&Line> = lines.iter().collect();
        assert_eq!(names(read_printed(&refs)), vec!["Secretary Maja Wik"]);
        // running text naming roles is no table
        let lines: Vec<Line> = lines_of(&["Ordförande och sekreterare", "………"]);
        let refs: Vec<&Line> = lines.iter().collect();
        assert_eq!(find_printed(&refs, 0, refs.len()), None);
    }
}
