//! Turning printed lines back into text: wrapped lines joined, hyphenation undone, list items
//! and table rows kept on lines of their own.

use std::sync::LazyLock;

use regex::Regex;

use super::text::Line;

static BULLET: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(r"^(?:[-–•*·▪o]\s+|\(?[a-zA-Z0-9]{1,2}[.)]\s+|\d{1,2}\.\s)")
        .expect("regex")
});

/// Whether a trimmed line starts a list item.
pub(crate) fn is_bullet(trimmed: &str) -> bool {
    BULLET.is_match(trimmed)
}

/// Strips a leading list bullet ("- ", "• ").
pub(crate) fn strip_bullet(trimmed: &str) -> &str {
    let t = trimmed.trim_start();
    for b in ["- ", "– ", "• ", "* ", "· ", "▪ "] {
        if let Some(rest) = t.strip_prefix(b) {
            return rest.trim_start();
        }
    }
    t
}

/// Whether a line holds table cells (a tab, or an inner gap of three spaces).
fn is_table_row(text: &str) -> bool {
    let t = text.trim();
    t.contains('\t') || t.contains("   ")
}

const JOINING_WORDS: &[&str] = &[
    "och",
    "eller",
    "samt",
    "resp",
    "respektive",
    "till",
    "som",
    "&",
];

/// Appends a continuation line to `cur`, undoing hyphenation: `ut-` + `veckling` → `utveckling`,
/// `kultur-` + `och` → `kultur- och`, `HR-` + `system` → `HR-system`.
pub(crate) fn join_continuation(cur: &mut String, next: &str) {
    let next = next.trim();
    if next.is_empty() {
        return;
    }
    if cur.is_empty() {
        cur.push_str(next);
        return;
    }
    if cur.ends_with('-') {
        let before = cur[..cur.len() - 1].chars().last();
        let first_word: String = next
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        let next_lower = next.chars().next().is_some_and(char::is_lowercase);
        match before {
            Some(b) if b.is_alphabetic() => {
                if JOINING_WORDS.contains(&first_word.as_str()) {
                    cur.push(' ');
                } else if next_lower && !b.is_uppercase() {
                    cur.pop();
                }
                cur.push_str(next);
                return;
            }
            Some(b) if b.is_ascii_digit() && next.starts_with(|c: char| c.is_ascii_digit()) => {
                cur.push_str(next);
                return;
            }
            // a minus sign before a number: "om -" + "974 Tkr"
            Some(' ') if next.starts_with(|c: char| c.is_ascii_digit()) => {
                cur.push_str(next);
                return;
            }
            _ => {}
        }
    }
    cur.push(' ');
    cur.push_str(next);
}

/// Whether the document's lines are wrapped (as `pdftotext -layout` prints them) rather than
/// one paragraph per line.
pub(crate) fn looks_wrapped(lines: &[Line]) -> bool {
    let mut lens: Vec<usize> = lines
        .iter()
        .filter(|l| !l.is_blank())
        .map(|l| l.trimmed().chars().count())
        .collect();
    if lens.len() < 10 {
        return true;
    }
    lens.sort_unstable();
    let p95 = lens[(lens.len() * 95 / 100).min(lens.len() - 1)];
    p95 <= 130
}

/// Logical lines of a run of printed lines, grouped into blocks (separated by blank lines).
pub(crate) fn blocks(lines: &[&Line], wrapped: bool) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut block: Vec<String> = Vec::new();
    let mut prev: Option<&Line> = None;
    let mut pending_blank = false;
    let mut cur_indent = 0usize;
    for l in lines {
        if l.is_blank() {
            pending_blank = true;
            continue;
        }
        let t = l.trimmed();
        let open_end = prev.is_some_and(|p| !p.trimmed().ends_with(['.', ':', '!', '?', ';']));
        let page_join = pending_blank
            && open_end
            && prev.is_some_and(|p| p.page != l.page)
            && t.chars().next().is_some_and(char::is_lowercase);
        // pdftotext sometimes puts a blank line inside a wrapped list item; the continuation
        // is indented past the bullet.
        let item_join = pending_blank
            && wrapped
            && open_end
            && !is_bullet(t)
            && prev.is_some_and(|p| is_bullet(p.trimmed()) || p.indent() > cur_indent)
            && l.indent() >= cur_indent + 3;
        let joined = page_join || item_join;
        if pending_blank && !joined && !block.is_empty() {
            out.push(std::mem::take(&mut block));
        }
        pending_blank = false;
        let starts_new = block.is_empty()
            || (!joined
                && (!wrapped
                    || is_bullet(t)
                    || is_table_row(&l.text)
                    || prev.is_some_and(|p| is_table_row(&p.text))
                    || l.indent() + 2 < cur_indent
                    // "… förslag." / "Fritidsnämnden beslutar": the body's decision opens a
                    // line of its own, as text without blank lines sets it
                    || (prev.is_some_and(|p| p.trimmed().ends_with('.'))
                        && t.contains(" beslutar")
                        && super::items::is_decides_line(t))));
        if starts_new {
            block.push(t.to_string());
            cur_indent = l.indent();
        } else if let Some(last) = block.last_mut() {
            join_continuation(last, t);
        }
        prev = Some(l);
    }
    if !block.is_empty() {
        out.push(block);
    }
    out
}

/// Reflows lines into text: logical lines joined by `\n`, blocks by `block_sep`.
pub(crate) fn reflow(lines: &[&Line], wrapped: bool, block_sep: &str) -> String {
    let mut out = String::new();
    let mut prev_ends_in_item = false;
    for b in blocks(lines, wrapped) {
        if !out.is_empty() {
            // list items stay together even when printed with blank lines between them
            let item = b.first().is_some_and(|f| is_bullet(f));
            out.push_str(if prev_ends_in_item && item {
                "\n"
            } else {
                block_sep
            });
        }
        prev_ends_in_item = b.last().is_some_and(|l| is_bullet(l));
        out.push_str(&b.join("\n"));
    }
    out
}

/// One entry per listed item: each bullet or unindented line starts an entry; deeper-indented or
/// lowercase lines continue it (wrapped list items).
pub(crate) fn list_entries(lines: &[&Line], wrapped: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut item_indent = 0usize;
    let mut prev_blank = true;
    for l in lines {
        if l.is_blank() {
            prev_blank = true;
            continue;
        }
        let t = l.trimmed();
        let cont = wrapped
            && !out.is_empty()
            && !is_bullet(t)
            && (l.indent() > item_indent + 2
                || (!prev_blank && t.chars().next().is_some_and(char::is_lowercase)));
        if cont {
            if let Some(last) = out.last_mut() {
                join_continuation(last, t);
            }
        } else {
            out.push(strip_bullet(t).to_string());
            item_indent = l.indent();
        }
        prev_blank = false;
    }
    out.retain(|s| !s.trim().is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::parse::text::numbered_lines as lines;

    #[test]
    fn undoes_hyphenation() {
        let mut s = "ut-".to_string();
        join_continuation(&mut s, "veckling");
        assert_eq!(s, "utveckling");
        let mut s = "kultur-".to_string();
        join_continuation(&mut s, "och fritidsnämnden");
        assert_eq!(s, "kultur- och fritidsnämnden");
        let mut s = "till och med 2026-".to_string();
        join_continuation(&mut s, "12-31");
        assert_eq!(s, "till och med 2026-12-31");
        let mut s = "HR-".to_string();
        join_continuation(&mut s, "system");
        assert_eq!(s, "HR-system");
        let mut s = "Kinda kommun -".to_string();
        join_continuation(&mut s, "information");
        assert_eq!(s, "Kinda kommun - information");
    }

    #[test]
    fn reflows_wrapped_bullets_and_keeps_items_apart() {
        let ls = lines(
            "Barn- och utbildningsnämnden beslutar följande:\n\n    - Barn- och utbildningsnämnden ställer sig bakom\n         rekommendationerna.\n    - Andra punkten",
        );
        let refs: Vec<&Line> = ls.iter().collect();
        assert_eq!(
            reflow(&refs, true, "\n"),
            "Barn- och utbildningsnämnden beslutar följande:\n- Barn- och utbildningsnämnden ställer sig bakom rekommendationerna.\n- Andra punkten"
        );
    }

    #[test]
    fn list_entries_join_wrapped_items() {
        let ls = lines(
            "    - Nämndinitiativ från Socialdemokraterna (S) avseende utredning av särskild\n         undervisningsgrupp i Bjärred.\n    - Utredning av möjligheten",
        );
        let refs: Vec<&Line> = ls.iter().collect();
        assert_eq!(
            list_entries(&refs, true),
            vec![
                "Nämndinitiativ från Socialdemokraterna (S) avseende utredning av särskild undervisningsgrupp i Bjärred.",
                "Utredning av möjligheten"
            ]
        );
        let ls = lines("Tjänsteskrivelse daterad 2021-11-04\nGranskningsrapport 2021");
        let refs: Vec<&Line> = ls.iter().collect();
        assert_eq!(list_entries(&refs, false).len(), 2);
        assert_eq!(list_entries(&refs, true).len(), 2);
    }
}
