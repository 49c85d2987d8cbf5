//! Presentation helpers for Swedish pages: dates in words, possessives, text blocks, sizes.
//!
//! Kept apart from the templates so the rules are unit-tested in Rust rather than hidden in markup.

use chrono::NaiveDate;
use kansli_core::law::calendar;

/// Date formatting for Swedish pages, as methods so templates can write `{{ d.long() }}`.
pub trait SvDate {
    /// "5 mars 2024".
    fn long(&self) -> String;
    /// "tisdag 5 mars 2024".
    fn with_weekday(&self) -> String;
    /// "2024-03-05", the form minutes print.
    fn iso(&self) -> String;
}

impl SvDate for NaiveDate {
    fn long(&self) -> String {
        calendar::format_date(*self)
    }

    fn with_weekday(&self) -> String {
        calendar::format_date_long(*self)
    }

    fn iso(&self) -> String {
        self.format("%Y-%m-%d").to_string()
    }
}

pub use kansli_core::text::genitive;

/// A number with its thousands grouped by no-break spaces, as Swedish writes it (Språkrådet's
/// rule, and a line never breaks inside it): "9 999", "10 000", "1 234 567".
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() * 2);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

/// A `Content-Disposition` value for a file name in any script (RFC 6266 with RFC 8187):
/// an ASCII `filename` for old clients (other characters as `_`) and the exact name as
/// `filename*=UTF-8''…`, so "Tjänsteskrivelse.pdf" is saved as such.
pub fn content_disposition(kind: &str, name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    // byte_serialize writes a space as '+' (and a '+' as %2B), which RFC 8187 does not know.
    let exact: String = form_urlencoded::byte_serialize(name.as_bytes())
        .collect::<String>()
        .replace('+', "%20");
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{exact}")
}

/// A human-readable size: "2,4 MB", "812 kB", "95 byte".
pub fn file_size(bytes: i64) -> String {
    let b = bytes.max(0) as f64;
    if b >= 1_000_000.0 {
        format!("{:.1} MB", b / 1_000_000.0).replace('.', ",")
    } else if b >= 1_000.0 {
        format!("{} kB", (b / 1_000.0).round() as i64)
    } else {
        format!("{} byte", bytes.max(0))
    }
}

/// A short Swedish name for a media type: "PDF", "Text".
pub fn media_label(media_type: &str) -> &'static str {
    let m = media_type.to_ascii_lowercase();
    if m.starts_with("application/pdf") {
        "PDF"
    } else if m.starts_with("text/") {
        "Text"
    } else {
        "Fil"
    }
}

/// "13:00–14:45", "kl. 13:00", or nothing.
pub fn time_span(start: Option<&str>, end: Option<&str>) -> Option<String> {
    match (start, end) {
        (Some(s), Some(e)) => Some(format!("kl. {s}–{e}")),
        (Some(s), None) => Some(format!("kl. {s}")),
        (None, Some(e)) => Some(format!("till kl. {e}")),
        (None, None) => None,
    }
}

/// "§§ 1–9", "§ 4", or nothing.
pub fn paragraph_span(first: Option<i64>, last: Option<i64>) -> Option<String> {
    match (first, last) {
        (Some(f), Some(l)) if f != l => Some(format!("§§ {f}–{l}")),
        (Some(f), _) => Some(format!("§ {f}")),
        (None, Some(l)) => Some(format!("§ {l}")),
        (None, None) => None,
    }
}

/// The paragraphs an attendance covers, as printed in minutes: "1-4" → "§§ 1–4", "27" → "§ 27".
/// Free text ("fr o m § 27") is kept as it is.
pub fn attendance_span(raw: &str) -> String {
    let raw = raw.trim();
    if raw.contains('§') {
        return raw.to_string();
    }
    if raw.chars().all(|c| c.is_ascii_digit()) {
        format!("§ {raw}")
    } else {
        format!("§§ {}", raw.replace('-', "–"))
    }
}

/// One block of running text: a paragraph (lines kept as printed) or a bulleted list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// For a paragraph: its lines; empty for a list.
    pub lines: Vec<String>,
    /// For a list: its items; empty for a paragraph.
    pub items: Vec<ListItem>,
    /// A short line standing alone before more text, as minutes print an unnumbered subheading
    /// ("Utträde Kinda kommun"); shown in bold, not as a heading, since it is only a guess.
    pub subhead: bool,
}

impl Block {
    /// Whether the block is a bulleted list.
    pub fn is_list(&self) -> bool {
        !self.items.is_empty()
    }
}

/// A bullet with its sub-bullets (minutes nest at most one level deep).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    /// The bullet's text.
    pub text: String,
    /// Indented bullets under it.
    pub children: Vec<String>,
}

fn bullet(line: &str) -> Option<&str> {
    ["- ", "– ", "• ", "* ", "· "]
        .iter()
        .find_map(|m| line.strip_prefix(m))
        .map(str::trim)
}

fn continues(prev: &str, next: &str) -> bool {
    // A hard-wrapped line: the previous one ran long without ending a sentence, and the next
    // starts in the middle of one.
    prev.chars().count() >= 60
        && !prev.ends_with([':', '.', '!', '?'])
        && next
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit() || c == '(')
}

/// Splits recorded text into paragraphs and bullet lists, so a decision reads as printed:
/// blank lines separate paragraphs, "- " starts a bullet, deeper indentation nests one level,
/// and lines hard-wrapped by the PDF are joined again.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut current: Option<Block> = None;
    let mut list_indent = 0usize;
    for raw in text.lines() {
        let indent = raw.len() - raw.trim_start().len();
        let line = raw.trim();
        if line.is_empty() {
            out.extend(current.take());
            continue;
        }
        if let Some(item) = bullet(line) {
            match current.as_mut() {
                Some(b) if b.is_list() => {
                    if indent > list_indent
                        && let Some(last) = b.items.last_mut()
                    {
                        last.children.push(item.to_string());
                    } else {
                        b.items.push(ListItem {
                            text: item.to_string(),
                            children: Vec::new(),
                        });
                    }
                }
                _ => {
                    out.extend(current.take());
                    list_indent = indent;
                    current = Some(Block {
                        lines: Vec::new(),
                        subhead: false,
                        items: vec![ListItem {
                            text: item.to_string(),
                            children: Vec::new(),
                        }],
                    });
                }
            }
            continue;
        }
        match current.as_mut() {
            Some(b) if b.is_list() => {
                // A wrapped bullet continues; anything else ends the list.
                let last = b.items.last_mut().map(|i| match i.children.last_mut() {
                    Some(c) => c,
                    None => &mut i.text,
                });
                match last {
                    Some(t) if indent > list_indent || continues(t, line) => {
                        t.push(' ');
                        t.push_str(line);
                    }
                    _ => {
                        out.extend(current.take());
                        current = Some(Block {
                            lines: vec![line.to_string()],
                            items: Vec::new(),
                            subhead: false,
                        });
                    }
                }
            }
            Some(b) => match b.lines.last_mut() {
                Some(prev) if continues(prev, line) => {
                    prev.push(' ');
                    prev.push_str(line);
                }
                _ => b.lines.push(line.to_string()),
            },
            None => {
                current = Some(Block {
                    lines: vec![line.to_string()],
                    items: Vec::new(),
                    subhead: false,
                });
            }
        }
    }
    out.extend(current);
    let count = out.len();
    for (i, b) in out.iter_mut().enumerate() {
        b.subhead = i + 1 < count && b.lines.len() == 1 && looks_like_subhead(&b.lines[0]);
    }
    out
}

fn looks_like_subhead(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    line.chars().count() <= 60
        && line.chars().next().is_some_and(char::is_uppercase)
        && !line.ends_with(['.', ':', ',', ';', '!', '?'])
        && !words
            .last()
            .is_some_and(|w| ["att", "om", "och", "för", "till", "som"].contains(w))
}

/// Percent-encodes one URL path segment (everything but unreserved ASCII).
pub fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1\u{a0}000");
        assert_eq!(grouped(10_000), "10\u{a0}000");
        assert_eq!(grouped(1_234_567), "1\u{a0}234\u{a0}567");
    }

    #[test]
    fn dates_in_swedish() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
        assert_eq!(d.long(), "5 mars 2024");
        assert_eq!(d.with_weekday(), "tisdag 5 mars 2024");
        assert_eq!(d.iso(), "2024-03-05");
    }

    #[test]
    fn file_names_keep_their_letters() {
        assert_eq!(
            content_disposition("attachment", "Tjänste skrivelse \"1\".pdf"),
            "attachment; filename=\"Tj_nste skrivelse _1_.pdf\"; \
             filename*=UTF-8''Tj%C3%A4nste%20skrivelse%20%221%22.pdf"
        );
    }

    #[test]
    fn spans() {
        assert_eq!(attendance_span("1-4"), "§§ 1–4");
        assert_eq!(attendance_span("27"), "§ 27");
        assert_eq!(attendance_span("fr o m § 27"), "fr o m § 27");
        assert_eq!(paragraph_span(Some(1), Some(9)).as_deref(), Some("§§ 1–9"));
        assert_eq!(
            time_span(Some("13:00"), Some("14:45")).as_deref(),
            Some("kl. 13:00–14:45")
        );
        assert_eq!(file_size(2_400_000), "2,4 MB");
        assert_eq!(file_size(812_300), "812 kB");
    }

    #[test]
    fn blocks_keep_paragraphs_and_bullets() {
        let text = "Direktionen beslutar att\n\n- godkänna förslaget\n- uppdra åt förbundsdirektören att\n  - verkställa\n\nSlut.";
        let b = blocks(text);
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].lines, vec!["Direktionen beslutar att"]);
        assert_eq!(b[1].items.len(), 2);
        assert_eq!(b[1].items[1].children, vec!["verkställa"]);
        assert_eq!(b[2].lines, vec!["Slut."]);
        assert!(
            !b[0].subhead,
            "a sentence leading into a list is no subheading"
        );
        let b = blocks("Utträde Kinda kommun\n\nFlertalet viktiga målstolpar är avklarade.");
        assert!(b[0].subhead);
        assert!(!b[1].subhead);
    }

    #[test]
    fn blocks_join_hard_wrapped_lines() {
        let text = "Barn- och utbildningsnämnden har, vid sammanträdet 2023-10-10 (BUN § 68), behandlat\nnämndinitiativ från Socialdemokraterna.\nNy rad.";
        let b = blocks(text);
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].lines.len(), 2);
        assert!(b[0].lines[0].ends_with("behandlat nämndinitiativ från Socialdemokraterna."));
    }

    #[test]
    fn segments_are_encoded() {
        assert_eq!(encode_segment("ITSAM-2024-25"), "ITSAM-2024-25");
        assert_eq!(encode_segment("ÅK 1/2"), "%C3%85K%201%2F2");
    }
}
