//! Stage 1, normalising: pages, page furniture, right-hand columns and run-in headings.
//!
//! PDF text comes with headers and footers on every page ("SAMMANTRÄDESPROTOKOLL", "Sida 3 av
//! 9", "Justerandes sign", "Utdragsbestyrkande", the body's name), and `pdftotext -layout` puts a
//! right-hand column ("Sammanträdesdatum" and the date) on the same line as the left text. All of
//! that is removed here, before any structure is read, so that none of it can leak into names,
//! titles or decisions. Every surviving line keeps its original line number for warnings.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

use super::dates;
use super::lexicon;

/// One line of the normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// 1-based line number in the input.
    pub no: usize,
    /// 0-based page (form feeds, or repeated page-top lines in text without them).
    pub page: usize,
    /// The text, right-trimmed, leading whitespace kept (its width matters in `-layout` text).
    pub text: String,
}

/// `text`'s lines numbered from 1 on page 0: the input the stages' unit tests read.
#[cfg(test)]
pub(crate) fn numbered_lines(text: &str) -> Vec<Line> {
    text.lines()
        .enumerate()
        .map(|(i, t)| Line {
            no: i + 1,
            page: 0,
            text: t.to_string(),
        })
        .collect()
}

impl Line {
    /// The text without surrounding whitespace.
    pub fn trimmed(&self) -> &str {
        self.text.trim()
    }

    /// Whether the line is empty.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Leading spaces (tabs count as one cell step, i.e. 8).
    pub fn indent(&self) -> usize {
        let mut n = 0;
        for c in self.text.chars() {
            match c {
                ' ' => n += 1,
                '\t' => n += 8,
                _ => break,
            }
        }
        n
    }
}

/// The normalised document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Doc {
    /// Body lines, furniture removed.
    pub lines: Vec<Line>,
    /// The raw lines' page numbers: where each page started (index into `lines`).
    pub page_count: usize,
    /// The repeated page-top line (usually the body's name), if one was found.
    pub header_line: Option<String>,
    /// Every repeated page-top line, in order of first appearance.
    pub header_lines: Vec<String>,
    /// The authority's name in a page top or foot dropped as furniture with the cells beside
    /// it ("REGION NORRSAND⇥PROTOKOLL" over the first page only): the authority is read there.
    pub furniture_names: Vec<String>,
    /// The text had "SAMMANTRÄDESPROTOKOLL" furniture.
    pub classic: bool,
    /// The meeting date read from a "Sammanträdesdatum" label before furniture was removed.
    pub meeting_date: Option<NaiveDate>,
    /// Line number of that date.
    pub meeting_date_line: Option<usize>,
    /// Pages (0-based) on which protocol furniture was seen.
    pub furnished_pages: Vec<bool>,
    /// A date printed in the recurring page top beside the body's name (the first page's), and
    /// its line: the meeting date of a letterhead that labels nothing.
    pub letterhead_date: Option<(NaiveDate, usize)>,
}

static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?ix)^(?:
            (?:kommunens\s+)?sammanträdesprotokoll(?:\s+\d{4}-\d{2}-\d{2})?
          | protokoll(?:\s+\d{4}-\d{2}-\d{2})?
          | sida\s*\d{1,3}\s*(?:av|/|\()\s*\d{1,3}\)?
          | sid(?:a|\.)?\s*\d{1,3}(?:\s*\(\d{1,3}\))?
          | blad\s*\d{1,3}(?:\s*(?:av|/|\()\s*\d{1,3}\)?)?
          | \d{1,3}\s*\(\d{1,3}\)
          | utdragsbestyrkande
          | transaktion\s+\d{10,}.*
          | protokollet\s+har\s+justerats\s+digitalt
          | protokollet\s+är\s+justerat\s+digitalt
        )[\s_.:]*$",
    )
    .expect("regex")
});

/// The one alternative of `FURNITURE` with a bounded repetition of a Unicode class, apart:
/// compiling `[\p{L}\s]{0,30}` costs 30 copies of the class, so it is built only when a line
/// starts like it (`INFORMATIONSKLASS_START`), which few protocols have.
static INFORMATIONSKLASS: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?ix)^(?:
            informationsklass\s*:?\s*(?:\d\s*[-–]?\s*)?[\p{L}\s]{0,30}
        )[\s_.:]*$",
    )
    .expect("regex")
});

/// How an `INFORMATIONSKLASS` line starts (case folded as there: 'K' and 'ſ' count).
static INFORMATIONSKLASS_START: LazyLock<Regex> =
    LazyLock::new(|| crate::parse::pattern::regex(r"(?i)^informationsklass").expect("regex"));

// The alternatives of `FURNITURE` with Unicode `\w` (`sign\w*`, `[\w\-]{6,}`), apart too: each
// `\w` compiles to a large automaton, and there were eleven. Each is a prefix without `\w`
// whose end is fixed (what follows it cannot extend it) and a rest matched by one small
// regex, so the pair matches exactly the lines the alternative did.

/// "Justerandes sign…" up to "sign"; the rest must be `SIGN_REST`.
static SIGN_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?i)^(?:justerandes?|justerares?|ordförandes?|sekreterarens?|(?:ordf|just|sekr)\.?)\s+sign",
    )
    .expect("regex")
});

/// What may follow "sign" on a furniture line: `\w*\.?` and the trailing `[\s_.:]*`.
static SIGN_REST: LazyLock<Regex> =
    LazyLock::new(|| crate::parse::pattern::regex(r"(?i)^\w*\.?[\s_.:]*$").expect("regex"));

/// "Dokument-ID: …" up to the id (all the white space and colon it can take: the id starts
/// with neither).
static ID_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?i)^(?:dokument-?id|document\s+id|verifikations?-?(?:id|nummer))\s*:?\s*",
    )
    .expect("regex")
});

/// The id and the trailing `[\s_.:]*`; the id (greedy, so as long as it can be) must have at
/// least six characters.
static ID_REST: LazyLock<Regex> =
    LazyLock::new(|| crate::parse::pattern::regex(r"(?i)^([\w\-]+)[\s_.:]*$").expect("regex"));

/// Whether a line is one of `FURNITURE`'s alternatives with `\w`, or `INFORMATIONSKLASS`.
fn is_furniture_apart(t: &str) -> bool {
    if let Some(m) = SIGN_PREFIX.find(t) {
        return SIGN_REST.is_match(&t[m.end()..]);
    }
    if let Some(m) = ID_PREFIX.find(t) {
        return ID_REST
            .captures(&t[m.end()..])
            .and_then(|c| c.get(1))
            .is_some_and(|id| id.as_str().chars().count() >= 6);
    }
    INFORMATIONSKLASS_START.is_match(t) && INFORMATIONSKLASS.is_match(t)
}

/// A whole line of signature-box furniture: "Justerandes sign _____ Utdragsbestyrkande _____",
/// "Ordf sign   Just sign   Utdragsbestyrkande".
static FURNITURE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"(?i)^(?:(?:justerandes?|justerare|ordförandes?|sekreterarens?)(?:\s+sign\w*\.?)?|(?:ordf|just|sekr)\.?\s+sign\w*\.?|utdragsbestyrkande|sign\.?)(?:[\s_.]+(?:(?:justerandes?|justerare|ordförandes?|sekreterarens?)(?:\s+sign\w*\.?)?|(?:ordf|just|sekr)\.?\s+sign\w*\.?|utdragsbestyrkande|sign\.?))*[\s_.]*$",
    )
    .expect("regex")
});

/// Known section headings that lose their line break when bold is lost
/// ("IT-chefen informerarSammanfattning av ärendet").
static RUN_IN_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(
        r"([\p{Ll}0-9.)”])(Sammanfattning av ärendet|Ärendebeskrivning|Beslutsunderlag|Beslutsexpediering|Förslag till beslut|Propositionsordning|Beslutet expedieras till|Expedieras till|Yrkanden|Beslutsgång|Omröstning|Protokollsanteckning|Reservation|Överläggning|[A-ZÅÄÖ][\p{Ll}-]+s beslut\b)",
    )
    .expect("regex")
});

/// Furniture that marks a page as a page of the protocol itself (not an appendix).
static STRONG: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(r"(?i)sammanträdesprotokoll|justerande|justerare|utdragsbestyrkande|protokollet har justerats|sign")
        .expect("regex")
});

static SAMMANTRADESDATUM: LazyLock<Regex> = LazyLock::new(|| {
    // "Sammanträdesdag" only opening a line or a cell (after a tab or a gap, as a page top
    // prints it right of the body's name): "nästa sammanträdesdag" in the text is another day.
    crate::parse::pattern::regex(
        r"(?i)sammanträdesdatum|mötesdatum|(?:^|\t|\s\s)\s*sammanträdesdag(?:en)?\b",
    )
    .expect("regex")
});

/// A cheap first test: furniture starts with one of these letters or a digit and is short.
fn might_be_furniture(f: &str) -> bool {
    f.len() <= 120
        && f.as_bytes().first().is_some_and(|b| {
            matches!(
                b.to_ascii_lowercase(),
                b's' | b'k' | b'p' | b'j' | b'o' | b'u' | b'i' | b't' | b'd' | b'v' | b'b' | b'0'
                    ..=b'9'
            )
        })
}

/// Whether `t` can start a `FURNITURE` match: a digit, or one of the alternatives' first three
/// letters. Text with a non-ASCII byte among those is left to the regex (case folding there
/// knows letters such as 'ſ').
fn may_start_furniture(t: &str) -> bool {
    let b = t.as_bytes();
    if b.first().is_some_and(u8::is_ascii_digit) {
        return true;
    }
    let Some(head) = b.get(..3) else {
        return false;
    };
    if !head.is_ascii() {
        return true;
    }
    let head = [
        head[0].to_ascii_lowercase(),
        head[1].to_ascii_lowercase(),
        head[2].to_ascii_lowercase(),
    ];
    matches!(
        &head,
        b"kom"
            | b"sam"
            | b"pro"
            | b"sid"
            | b"bla"
            | b"jus"
            | b"ord"
            | b"sek"
            | b"utd"
            | b"inf"
            | b"tra"
            | b"dok"
            | b"doc"
            | b"ver"
    )
}

/// Page furniture as a whole text (short lines only; the regexes are the slow part).
fn is_furniture_text(t: &str) -> bool {
    // The last word of a sentence wrapped onto a line of its own ("…justera dagens" /
    // "protokoll.") is text: furniture is capitalised and ends with no full stop.
    let sentence_end = t.chars().next().is_some_and(char::is_lowercase)
        && t.trim_end().ends_with('.')
        && !t.trim_end().ends_with("..");
    !sentence_end
        && ((t.len() <= 70
            && may_start_furniture(t)
            && (FURNITURE.is_match(t) || is_furniture_apart(t)))
            || (t.len() <= 120
                && (t.contains("ign")
                    || t.contains("IGN")
                    || t.contains("tdrag")
                    || t.contains("TDRAG"))
                && FURNITURE_LINE.is_match(t)))
}

/// A tabbed page foot or top whose cells are furniture beside the authority's name ("Ordf. sign
/// ........   Just. sign ........⇥Samordningsförbundet Mellanåsen"): the name alone is no
/// furniture (a cover's or a list's cell), so at least one cell must be; a cell naming more
/// than the authority ("Region Västerdal · Regionala utvecklingsnämnden · 2025-04-24", the page
/// top that names the body) keeps the line.
fn is_furniture_row(t: &str) -> bool {
    let cells: Vec<&str> = t
        .split('\t')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let furniture = |c: &str| might_be_furniture(c) && is_furniture_text(c);
    cells.len() >= 2
        && cells.iter().any(|c| furniture(c))
        && cells
            .iter()
            .all(|c| furniture(c) || (is_short_heading_like(c) && is_authority_like(c)))
}

/// A lowercase letter (or digit, '.', ')', '”') directly followed by a capital: the only place
/// a run-in heading can start. Works on bytes: ASCII and the Latin-1 letters Swedish uses.
fn has_run_in(text: &str) -> bool {
    let b = text.as_bytes();
    if !may_have_run_in(b) {
        return false;
    }
    let mut prev_lower = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let (upper, lower, width) = if c.is_ascii() {
            (
                c.is_ascii_uppercase(),
                c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'.' || c == b')',
                1,
            )
        } else if c == 0xc3 && i + 1 < b.len() {
            let d = b[i + 1];
            ((0x80..=0x9e).contains(&d), (0x9f..=0xbf).contains(&d), 2)
        } else if c == 0xe2 && b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x9d) {
            (false, true, 3)
        } else {
            (false, false, 1)
        };
        if upper && prev_lower {
            return true;
        }
        prev_lower = lower;
        i += width;
    }
    false
}

/// Whether the text has characters that NFC could change: only code points from U+0300
/// (combining marks and up) can; Latin-1 letters and general punctuation ("–", "”") cannot.
fn may_need_nfc(text: &str) -> bool {
    let b = text.as_bytes();
    any_byte_at(
        b,
        |c| c >= 0xcc,
        |i| {
            let c = b[i];
            c >= 0xcc && !(c == 0xe2 && matches!(b.get(i + 1), Some(0x80) | Some(0x81)))
        },
    )
}

/// Bytes scanned at once by `any_byte_at`: a block whose bytes all fail the cheap test is
/// skipped with a loop the compiler can vectorise.
const BLOCK: usize = 32;

/// Whether `at(i)` holds for some byte index `i`; `at(i)` may only hold where `cheap(b[i])`
/// does, so blocks without such a byte are skipped whole (the text is mostly plain letters).
fn any_byte_at(b: &[u8], cheap: impl Fn(u8) -> bool, at: impl Fn(usize) -> bool) -> bool {
    let mut start = 0;
    for block in b.chunks(BLOCK) {
        if block.iter().fold(false, |acc, &c| acc | cheap(c)) {
            for i in start..start + block.len() {
                if at(i) {
                    return true;
                }
            }
        }
        start += block.len();
    }
    false
}

/// A necessary condition for `has_run_in`, branch-free so that it vectorises: some capital
/// (ASCII, or a two-byte Latin-1 capital) right after a byte that can end a "lowercase"
/// character (ASCII lowercase, digit, '.', ')', or the last byte of "å"-like letters and of
/// '”').
fn may_have_run_in(b: &[u8]) -> bool {
    let n = b.len();
    if n < 2 {
        return false;
    }
    let lower = |p: u8| {
        p.is_ascii_lowercase()
            | p.is_ascii_digit()
            | (p == b'.')
            | (p == b')')
            | (0x9d..=0xbf).contains(&p)
    };
    // The last pair has no byte after it: only an ASCII capital can stand there.
    let last = lower(b[n - 2]) & b[n - 1].is_ascii_uppercase();
    b[..n - 2]
        .iter()
        .zip(&b[1..n - 1])
        .zip(&b[2..])
        .fold(last, |acc, ((&p, &c), &d)| {
            let upper = c.is_ascii_uppercase() | (c == 0xc3) & (0x80..=0x9e).contains(&d);
            acc | (upper & lower(p))
        })
}

/// Whether the text needs any of `clean_input`'s character repairs (one pass over the bytes).
fn needs_cleaning(text: &str) -> bool {
    let b = text.as_bytes();
    let cheap = |c: u8| {
        (c < 0x20) & (c != b'\n') & (c != b'\t') & (c != 0x0c)
            | (c == 0x7f)
            | (c == b'<')
            | (c == 0xc2)
            | (c == 0xe2)
            | (c == 0xef)
    };
    any_byte_at(b, cheap, |i| needs_cleaning_at(b, i))
}

/// Whether the byte at `i` starts something `clean_input` repairs.
fn needs_cleaning_at(b: &[u8], i: usize) -> bool {
    let c = b[i];
    if c < 0x20 {
        c != b'\n' && c != b'\t' && c != 0x0c
    } else if c == 0x7f || c == b'<' && b.get(i + 1) == Some(&b'/') {
        true
    } else if c == 0xc2 {
        // U+00A0 no-break space, U+00AD soft hyphen
        matches!(b.get(i + 1), Some(0xa0) | Some(0xad))
    } else if c == 0xe2 {
        // U+2007, U+200B–U+200D, U+202F
        b.get(i + 1) == Some(&0x80)
            && matches!(b.get(i + 2), Some(0x87) | Some(0x8b..=0x8d) | Some(0xaf))
    } else {
        // BOM, and the ligatures U+FB00–U+FB06 (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ)
        c == 0xef
            && (b.get(i + 1) == Some(&0xbb) && b.get(i + 2) == Some(&0xbf)
                || b.get(i + 1) == Some(&0xac) && matches!(b.get(i + 2), Some(0x80..=0x86)))
    }
}

/// A soft hyphen (U+00AD) at a line end splits a word that is one: the next line's first word
/// moves up to complete it ("sä\u{ad}" / "kerhet är" → "säkerhet" / "är"); line count kept.
pub(crate) fn join_soft_hyphens(text: &str) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    for i in 0..lines.len().saturating_sub(1) {
        let end = lines[i].trim_end();
        if !end.ends_with('\u{ad}') {
            continue;
        }
        let head = end.trim_end_matches('\u{ad}').to_string();
        let next = lines[i + 1].clone();
        let indent = next.len() - next.trim_start().len();
        let body = next.trim_start();
        let word_end = body.find(char::is_whitespace).unwrap_or(body.len());
        lines[i] = format!("{head}{}", &body[..word_end]);
        lines[i + 1] = format!("{}{}", &next[..indent], body[word_end..].trim_start());
    }
    lines.join("\n")
}

fn clean_input(text: &str) -> String {
    let text: String = if !may_need_nfc(text)
        || is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
    {
        text.to_string()
    } else {
        text.nfc().collect()
    };
    if !needs_cleaning(&text) {
        return text;
    }
    let text = if text.contains('\u{ad}') {
        join_soft_hyphens(&text)
    } else {
        text
    };
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\u{a0}' | '\u{2007}' | '\u{202f}' => out.push(' '),
            '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' => {}
            // ligatures, folded so that names and words compare and search as typed
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            '\u{c}' | '\n' | '\t' => out.push(c),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    // Inline markup left by some converters ("<i>Intäkter</i>").
    if out.contains("</") {
        for tag in [
            "<i>",
            "</i>",
            "<b>",
            "</b>",
            "<u>",
            "</u>",
            "<em>",
            "</em>",
            "<strong>",
            "</strong>",
        ] {
            if out.contains(tag) {
                out = out.replace(tag, "");
            }
        }
    }
    out
}

/// Splits a `-layout` line into fragments separated by runs of at least `gap` spaces:
/// `(column, text)`.
pub(crate) fn fragments(line: &str, gap: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    let mut last_end = 0;
    let mut spaces = 0;
    for (col, (b, c)) in line.char_indices().enumerate() {
        if c == ' ' {
            spaces += 1;
            if spaces >= gap
                && let Some((sb, sc)) = start.take()
            {
                out.push((sc, &line[sb..last_end]));
            }
        } else {
            spaces = 0;
            if start.is_none() {
                start = Some((b, col));
            }
            last_end = b + c.len_utf8();
        }
    }
    if let Some((sb, sc)) = start {
        out.push((sc, &line[sb..last_end]));
    }
    out
}

fn is_meeting_date_fragment(frag: &str, date: Option<NaiveDate>) -> bool {
    let Some(date) = date else { return false };
    let f = frag.trim();
    if f.len() > 24 || !f.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let whole =
        |r: std::ops::Range<usize>| f[..r.start].trim().is_empty() && f[r.end..].trim().is_empty();
    f.len() <= 24
        && (dates::find_date(f).is_some_and(|(d, r)| d == date && whole(r))
            // the days of a meeting over two days ("2024-06-17--18"), from the meeting's date
            || dates::find_days(f).is_some_and(|(d, _, r)| d == date && whole(r)))
}

/// A page top's cell naming the meeting date under its label: "Sammanträdesdatum 2024-03-05",
/// "Sammanträdesdag 2024-05-14", "Mötesdatum: 2024-05-14" (the meeting's date, nothing else).
fn is_meeting_date_cell(c: &str, date: Option<NaiveDate>) -> bool {
    let c = c.trim();
    date.is_some()
        && c.len() <= 40
        && SAMMANTRADESDATUM.find(c).is_some_and(|m| {
            let rest = c[m.end()..].trim_start().trim_start_matches(':');
            m.start() == 0 && is_meeting_date_fragment(rest, date)
        })
}

/// A tab-separated line without its right-hand "Sammanträdesdatum 2024-03-05" cell (the meeting's
/// date), as a page header prints it beside the body's name ("Direktionen⇥Sammanträdesdatum
/// 2024-03-05", Kansli's own PDFs); `None` when the line has no such cell.
fn strip_date_cell(line: &str, date: Option<NaiveDate>) -> Option<String> {
    let date = date?;
    let cells: Vec<&str> = line.split('\t').collect();
    let is_date_cell = |c: &str| is_meeting_date_cell(c, Some(date));
    let first = cells.iter().position(|c| !c.trim().is_empty())?;
    if !cells.iter().skip(first + 1).any(|c| is_date_cell(c)) {
        return None;
    }
    let kept: Vec<&str> = cells
        .iter()
        .enumerate()
        .filter(|(i, c)| *i <= first || !is_date_cell(c))
        .map(|(_, c)| *c)
        .collect();
    Some(kept.join("\t").trim_end().to_string())
}

/// Removes right-hand furniture fragments from a `-layout` line; returns the rest (may be
/// empty; always empty when nothing was removed) and whether anything was removed.
fn strip_layout_line(line: &str, date: Option<NaiveDate>) -> (String, bool) {
    let frags = fragments(line, 2);
    if frags.is_empty() {
        return (String::new(), false);
    }
    let mut keep: Vec<bool> = vec![true; frags.len()];
    let mut removed = false;
    let mut has_furniture = false;
    // Per fragment: (right-hand furniture, part of an all-furniture line).
    let mut flags: Vec<(bool, bool)> = Vec::with_capacity(frags.len());
    // A row of dates is a table's header, each day a column ("Ledamöter  Parti  2024-04-18
    // 2024-04-25"), never a page top's date cell.
    let dated = frags
        .iter()
        .filter(|(_, f)| f.len() <= 24 && f.bytes().any(|b| b.is_ascii_digit()))
        .filter(|(_, f)| dates::find_date(f).is_some())
        .count();
    for (col, f) in &frags {
        let f = f.trim();
        let right = *col >= 30
            && dated < 2
            && (f.eq_ignore_ascii_case("sammanträdesdatum")
                || f == "Sammanträdesdatum"
                || is_meeting_date_fragment(f, date)
                || is_meeting_date_cell(f, date));
        let furniture = might_be_furniture(f) && is_furniture_text(f);
        flags.push((furniture || right, furniture || right));
    }
    for (i, (is_furniture, _)) in flags.iter().enumerate() {
        if *is_furniture {
            has_furniture = true;
            // Left-hand fragments are furniture only when the whole line is.
            if i > 0 {
                keep[i] = false;
                removed = true;
            }
        }
    }
    // "Justerande      Utdragsbestyrkande": the whole line is furniture, and so are the
    // signature lines beside such furniture ("Justerandes signatur: ____   ____").
    let all = frags.iter().zip(&flags).all(|((_, f), (_, whole))| {
        let f = f.trim();
        *whole
            || (has_furniture
                && (f.eq_ignore_ascii_case("justerande")
                    || f.chars().all(|c| matches!(c, '_' | '.' | '…'))))
    });
    if all {
        return (String::new(), true);
    }
    if !removed {
        // The caller keeps its own line then; no copy.
        return (String::new(), false);
    }
    // Rebuild from the kept fragments, keeping the first fragment's indentation.
    let mut out = String::new();
    for (i, (col, f)) in frags.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        if out.is_empty() {
            out.push_str(&" ".repeat(*col));
        } else {
            // keep a visible column gap
            let cur = out.chars().count();
            let pad = col.saturating_sub(cur).max(3);
            out.push_str(&" ".repeat(pad));
        }
        out.push_str(f);
    }
    (out, true)
}

/// Reads the meeting date from a "Sammanträdesdatum" label on the same or one of the next lines.
fn prescan_meeting_date(raw: &[(usize, usize, String)]) -> Option<(NaiveDate, usize)> {
    labelled_meeting_date(raw).or_else(|| {
        // "Sammanträdesprotokoll 2023-02-09" in a page header
        raw.iter().take(12).find_map(|(no, _, text)| {
            let m = PROTOCOL_DATE.captures(text)?;
            Some((dates::parse_date(m.get(1)?.as_str())?, *no))
        })
    })
}

static PROTOCOL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::parse::pattern::regex(r"(?i)\b(?:sammanträdes)?protokoll\s+(\d{4}-\d{2}-\d{2})\b")
        .expect("regex")
});

fn labelled_meeting_date(raw: &[(usize, usize, String)]) -> Option<(NaiveDate, usize)> {
    for (i, (no, _, text)) in raw.iter().enumerate() {
        let Some(m) = SAMMANTRADESDATUM.find(text) else {
            continue;
        };
        // a meeting over two days ("17–18 juni 2024") by its first
        if let Some((d, _)) = dates::find_first_day(&text[m.end()..]) {
            return Some((d, *no));
        }
        for (no2, _, t2) in raw.iter().skip(i + 1).take(3) {
            if let Some((d, r)) = dates::find_first_day(t2) {
                // Only a date standing alone (the column below the label).
                if t2[..r.start].trim().len() <= 1 || t2[..r.start].len() > 20 {
                    return Some((d, *no2));
                }
            }
        }
    }
    None
}

/// A page top's date line: "Sammanträdesdatum: onsdag 10 maj 2023", "Mötesdatum 2023-05-10",
/// the label and a date, nothing else. Never the body's name.
fn is_date_heading(t: &str) -> bool {
    t.len() <= 60
        && SAMMANTRADESDATUM.find(t).is_some_and(|m| {
            let rest = &t[m.end()..];
            m.start() == 0
                && dates::find_date(rest).is_some_and(|(_, r)| {
                    rest[r.end..].trim().is_empty()
                        && rest[..r.start]
                            .trim_matches(|c: char| c == ':' || c.is_whitespace())
                            .split_whitespace()
                            .count()
                            <= 1
                })
        })
}

/// How deep into a page's top (its non-blank lines before a paragraph's head) the cells of its
/// date may stand: a page top whose cells an extraction wrote one to a line (pdfminer's text
/// boxes: "ÄLVSTA KOMMUN" / "Barn- och utbildningsnämnden" / "SAMMANTRÄDESPROTOKOLL" /
/// "Sammanträdesdatum" / "2026-05-12" / "2 (4)") has its date's label fourth and the date fifth.
const TOP_DATE_DEPTH: usize = 5;

/// A page top's date cell as an extraction may write it on a line of its own: the date alone,
/// or its label alone ("Sammanträdesdatum", "Mötesdatum:"). Recurring at the top of the pages,
/// it is furniture as the page top's other lines are.
fn is_date_cell_of_a_top(t: &str) -> bool {
    is_bare_date(t)
        || (t.len() <= 30
            && SAMMANTRADESDATUM.find(t).is_some_and(|m| {
                m.start() == 0 && t[m.end()..].trim_matches([':', ' ', '\t']).is_empty()
            }))
}

/// A line that is a date and nothing else ("2024-03-12", "12 mars 2024").
fn is_bare_date(t: &str) -> bool {
    let t = t.trim();
    t.len() <= 24
        && super::dates::find_date(t).is_some_and(|(_, r)| r.start == 0 && r.end == t.len())
}

/// A page top without form feeds that the first line does not open: the page's number alone
/// on its line, and beside it (above or below) the body's name in capitals, its date cell gone
/// ("3" / "VALNÄMNDEN   1994-08-23", as a typewritten protocol heads its later pages). When the
/// same name stands so at two page tops or more, every such pair is furniture; returns the
/// name. A heading in capitals of the text ("BESLUT") stands beside no page number.
fn strip_numbered_page_tops(lines: &mut Vec<Line>) -> Option<String> {
    let nonblank: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_blank()).collect();
    let bare_number = |t: &str| (1..=3).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit());
    let capitals = |t: &str| {
        is_short_heading_like(t)
            && t.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && t.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
            && super::items::classify_heading(t).is_none()
    };
    // (number's index, name's index) of each pair
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for w in nonblank.windows(2) {
        let (a, b) = (lines[w[0]].trimmed(), lines[w[1]].trimmed());
        if bare_number(a) && capitals(b) {
            pairs.push((w[0], w[1]));
        } else if capitals(a) && bare_number(b) {
            pairs.push((w[1], w[0]));
        }
    }
    let name = pairs.iter().find_map(|&(_, n)| {
        let t = lines[n].trimmed();
        (pairs
            .iter()
            .filter(|&&(_, m)| lines[m].trimmed() == t)
            .count()
            >= 2)
            .then(|| t.to_string())
    })?;
    let gone: HashSet<usize> = pairs
        .iter()
        .filter(|&&(_, n)| lines[n].trimmed() == name)
        .flat_map(|&(a, b)| [a, b])
        .collect();
    let mut k = 0;
    lines.retain(|_| {
        k += 1;
        !gone.contains(&(k - 1))
    });
    Some(name)
}

/// A page top printed on one page only, which no repetition shows (a protocol of two pages whose
/// first has a letterhead of its own): the first line of a later page whose cells are the
/// page's number ("Sida 2 av 2", "2 (2)") and short headings ("Granviks Energi AB, styrelsen",
/// "Styrelsesammanträde 2025-10-15"). The page number marks it as furniture wherever it stands;
/// a line of text has no such cell.
fn strip_lone_page_tops(lines: &mut Vec<Line>) {
    let mut gone: HashSet<usize> = HashSet::new();
    let mut page = 0;
    let mut first_seen = true;
    for (i, l) in lines.iter().enumerate() {
        if l.page != page {
            page = l.page;
            first_seen = false;
        }
        if l.is_blank() || first_seen {
            continue;
        }
        first_seen = true;
        let t = l.trimmed();
        let cells: Vec<&str> = if t.contains('\t') {
            t.split('\t')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        } else {
            fragments(t, 2).into_iter().map(|(_, f)| f.trim()).collect()
        };
        let page_number = |c: &str| {
            c.to_lowercase().starts_with("sid")
                && c.chars().any(|ch| ch.is_ascii_digit())
                && might_be_furniture(c)
                && is_furniture_text(c)
        };
        if cells.len() >= 2
            && cells.iter().filter(|c| page_number(c)).count() == 1
            && cells
                .iter()
                // compared as a page top's key: the meeting's date beside a name goes
                .all(|c| {
                    page_number(c)
                        || is_short_heading_like(&page_top_key(c))
                        || is_date_heading(c)
                        || is_bare_date(c)
                })
        {
            gone.insert(i);
        }
    }
    if gone.is_empty() {
        return;
    }
    let mut k = 0;
    lines.retain(|_| {
        k += 1;
        !gone.contains(&(k - 1))
    });
}

/// The lines that follow a recurring page top `first` on every page, the same each time
/// ("Älvnäs kommun" / "Bygg- och miljönämnden" under "PROTOKOLLSUTDRAG", once the page
/// number and the date are gone): a letterhead of several lines. Only heading-like lines
/// (short, no digits, no `§`) count, so the text of a page never does.
/// Whether `line` is the page top's line `top` as printed on another page: the same text, or
/// the same but for its page number.
fn same_top_line(top: &str, line: &str) -> bool {
    top == line || page_top_key(top) == page_top_key(line)
}

fn page_top_followers(lines: &[Line], first: &str) -> Vec<String> {
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trimmed() == first)
        .map(|(i, _)| i)
        .collect();
    let mut out: Vec<String> = Vec::new();
    let mut cursors: Vec<usize> = starts.clone();
    for _ in 0..3 {
        let mut next: Vec<usize> = Vec::with_capacity(cursors.len());
        for &c in &cursors {
            match (c + 1..lines.len()).find(|&i| !lines[i].is_blank()) {
                Some(i) => next.push(i),
                None => return out,
            }
        }
        let text = lines[next[0]].trimmed();
        // Compared as the page top's key: a line of two cells far apart ("NORRFORSIN KUNTA
        // ⋯ KOKOUSPÖYTÄKIRJA") is as short as its cells.
        let key = page_top_key(text);
        // The same on every page but for its page number ("MILJÖ- OCH BYGGNADSNÄMNDEN ⋯ 4").
        // The meeting's date alone under the body's name is the page top's too.
        if !(is_short_heading_like(&key) || is_date_heading(&key) || is_bare_date(&key))
            || text == first
            || next
                .iter()
                .any(|&i| lines[i].trimmed() != text && page_top_key(lines[i].trimmed()) != key)
        {
            break;
        }
        out.push(text.to_string());
        cursors = next;
    }
    out
}

/// A running footer: the same line last on many pages ("LERVIKS KOMMUN · Byggnadsnämnden ·
/// Protokoll 2025-05-21", its "Sida 3 av 8" cell already gone), compared as a page top's key.
/// It is furniture wherever it ends a page, and would otherwise run into the decision above it.
/// A line counts when it ends at least three pages and half of them and reads as furniture;
/// a paragraph's head never does.
fn strip_repeated_page_feet(lines: &mut Vec<Line>, page_count: usize) {
    // Each page's last non-blank line: (index, key).
    let mut feet: Vec<(usize, String)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.is_blank() {
            continue;
        }
        let next_page = lines[i + 1..]
            .iter()
            .find(|n| !n.is_blank())
            .is_none_or(|n| n.page != l.page);
        if next_page {
            feet.push((i, page_top_key(l.trimmed())));
        }
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, k) in &feet {
        *counts.entry(k.as_str()).or_default() += 1;
    }
    // A footer names the document: with the meeting's date, in parts joined by a dot or a
    // bar, or in capitals; a sentence that closes several pages ("Direktionen beslutar att
    // notera informationen till protokollet.") is text, however often it recurs.
    let repeated = |k: &str| {
        counts
            .get(k)
            .is_some_and(|&n| n >= 3 && n * 2 >= page_count)
            && !k.starts_with('§')
            && k.chars().count() >= 8
            && !k.ends_with(['.', ':', ','])
            && (super::dates::find_date(k).is_some()
                || k.contains(" · ")
                || k.contains(" | ")
                || !k.chars().any(char::is_lowercase))
    };
    let drop: HashSet<usize> = feet
        .iter()
        .filter(|(_, k)| repeated(k))
        .map(|(i, _)| *i)
        .collect();
    if drop.is_empty() {
        return;
    }
    let mut i = 0;
    lines.retain(|_| {
        i += 1;
        !drop.contains(&(i - 1))
    });
}

/// The words of minutes' labels, roles and bodies, and the commonest short words, as text
/// without å, ä and ö spells them, and as they are spelled: (folded, Swedish).
const FOLDED_WORDS: &[(&str, &str)] = &[
    ("ersattare", "ersättare"),
    ("ersattaren", "ersättaren"),
    ("ordforande", "ordförande"),
    ("ordforanden", "ordföranden"),
    ("narvarande", "närvarande"),
    ("tjanstgorande", "tjänstgörande"),
    ("tjanstgor", "tjänstgör"),
    ("ledamoter", "ledamöter"),
    ("ovriga", "övriga"),
    ("forvaringsplats", "förvaringsplats"),
    ("forvaras", "förvaras"),
    ("satts", "sätts"),
    ("tillkannagivande", "tillkännagivande"),
    ("tillkannagivits", "tillkännagivits"),
    ("uppsattande", "uppsättande"),
    ("foredragningslista", "föredragningslista"),
    ("foredragningslistan", "föredragningslistan"),
    ("laggs", "läggs"),
    ("godkanns", "godkänns"),
    ("for", "för"),
    ("fran", "från"),
    ("pa", "på"),
    ("ar", "är"),
    ("nar", "när"),
    ("aven", "även"),
    ("tva", "två"),
];

/// Text without any å, ä or ö, as a system that could not hold them wrote it ("Socialnamnden",
/// "Narvarande ersattare", "Tjanstgorande ersattare: Linnea Hagg (V) for Bjorn Lovgren (V)"):
/// before the first paragraph, the words of [`FOLDED_WORDS`] as they are spelled, so that the
/// cover's labels and roles read; everywhere, a body's "-nämnd" and "sammanträd-" (a body's
/// name is the same on every page). Case is kept; names, titles and decisions stay as printed.
/// Text with Swedish letters whose scan lost them in some words ("Sammantradesdatum",
/// "Ovriga deltagande", "Datum for anslags uppsattande" beside "Bengt Åström") is read the same
/// way: those words are the cover's labels and the page top's. `None` for text without three
/// such words.
pub(crate) fn restore_folded_words(text: &str) -> Option<String> {
    // Where the first paragraph's head stands: the cover ends there.
    let mut at = 0;
    let mut cover_end = text.len();
    for line in text.split_inclusive('\n') {
        if line.contains('§') && super::items::match_head(line.trim_end()).is_some() {
            cover_end = at;
            break;
        }
        at += line.len();
    }
    // With Swedish letters elsewhere, two of the cover's long label words at least must have
    // lost theirs ("Ovriga", "Sammantradesdatum"): a "for" or an "ar" alone restores nothing.
    if text.contains(['å', 'ä', 'ö', 'Å', 'Ä', 'Ö']) {
        let long_folded = text[..cover_end]
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| {
                let lower = w.to_lowercase();
                lower.starts_with("sammantrad")
                    || FOLDED_WORDS
                        .iter()
                        .any(|(f, _)| f.len() >= 6 && *f == lower)
            })
            .take(2)
            .count();
        if long_folded < 2 {
            return None;
        }
    }
    let restore = |word: &str, in_cover: bool| -> Option<String> {
        let lower = word.to_lowercase();
        let listed = FOLDED_WORDS
            .iter()
            .find(|(f, _)| in_cover && *f == lower)
            .map(|(_, s)| *s);
        let spelled = if let Some(s) = listed {
            s.to_string()
        } else if let Some(at) = lower.find("namnd") {
            // "socialnamnden", "namndens", "byggnadsnamnd"
            format!("{}nämnd{}", &lower[..at], &lower[at + "namnd".len()..])
        } else if let Some(rest) = lower.strip_prefix("sammantrad") {
            format!("sammanträd{rest}")
        } else {
            return None;
        };
        let mut chars = word.chars();
        let first = chars.next()?;
        Some(if word.len() > 1 && !word.chars().any(char::is_lowercase) {
            spelled.to_uppercase()
        } else if first.is_uppercase() {
            let mut cs = spelled.chars();
            cs.next()
                .map(|f| f.to_uppercase().chain(cs).collect())
                .unwrap_or_default()
        } else {
            spelled
        })
    };
    let mut out = String::with_capacity(text.len() + 64);
    let mut restored = 0;
    let mut word_start: Option<usize> = None;
    let flush = |out: &mut String, start: usize, end: usize, restored: &mut usize| {
        let word = &text[start..end];
        match restore(word, start < cover_end) {
            Some(r) => {
                out.push_str(&r);
                *restored += 1;
            }
            None => out.push_str(word),
        }
    };
    for (i, c) in text.char_indices() {
        if c.is_alphabetic() {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(start) = word_start.take() {
            flush(&mut out, start, i, &mut restored);
        }
        out.push(c);
    }
    if let Some(start) = word_start {
        flush(&mut out, start, text.len(), &mut restored);
    }
    (restored >= 3).then_some(out)
}

/// A page top's line that dates the meeting: the date alone, or a cell of its own beside the
/// body's name ("Socialnämnden   2025-05-06"); a page number's cell ("Sida 2 (5)") dates nothing.
fn dated_top_line(t: &str) -> bool {
    is_bare_date(t)
        || fragments(t, 3)
            .iter()
            .skip(1)
            .any(|(_, cell)| is_bare_date(cell.trim()))
}

/// A page-top line as it recurs from page to page: without the cells that change or name the
/// document ("Kommunstyrelsens arbetsutskott   2025-05-06   1 (4)" → "Kommunstyrelsens
/// arbetsutskott"; "Linnestads kommun   Protokoll" → "Linnestads kommun"). A line of one cell
/// is itself.
pub(crate) fn page_top_key(t: &str) -> String {
    // PDF text marks its cells with tabs ("NORRVIKS KOMMUN⇥Sida 2 av 5"), text exports with gaps
    let frags: Vec<(usize, &str)> = if t.contains('\t') {
        t.split('\t')
            .filter(|f| !f.trim().is_empty())
            .map(|f| (0, f))
            .collect()
    } else {
        fragments(t, 2)
    };
    let page_number = |f: &str| {
        f.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '(' | ')' | '/' | ' '))
    };
    // a cell that changes or names the document, or numbers a page per paragraph ("§ 12")
    let changing = |f: &str| {
        page_number(f)
            || f.strip_prefix('§').is_some_and(|n| {
                let n = n.trim();
                (1..=4).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit())
            })
            || is_document_kind(f)
            || super::dates::find_date(f).is_some_and(|(_, r)| {
                // the date alone, or after the document's kind ("Protokoll 2025-06-16")
                r.len() + 2 >= f.len()
                    || (f[r.end..].trim().is_empty() && is_document_kind(f[..r.start].trim()))
            })
    };
    if frags.len() < 2 {
        return joined_key(t.trim(), &changing)
            .or_else(|| name_before_date(t.trim()))
            .unwrap_or_else(|| t.to_string());
    }
    let kept: Vec<String> = frags
        .iter()
        .map(|(_, f)| f.trim())
        .filter(|f| !changing(f))
        .map(|f| joined_key(f, &changing).unwrap_or_else(|| f.to_string()))
        .collect();
    if kept.is_empty() {
        t.to_string()
    } else {
        kept.join(" ")
    }
}

/// A page-top line of one cell naming the body or the authority and then the meeting's date
/// ("Styrelsen 2025-09-19"): the name, as it recurs from page to page whatever the date.
/// A date's own label ("Sammanträdesdatum 2025-09-19") is no name and stays as it is.
fn name_before_date(t: &str) -> Option<String> {
    let (_, r) = super::dates::find_date(t)?;
    let name = t[..r.start].trim_end();
    (t[r.end..].trim().is_empty() && is_short_heading_like(name) && !is_date_heading(t))
        .then(|| name.to_string())
}

/// A page-top cell whose parts a publishing system joins with a middle dot or a bar ("Region
/// Norrmark · Hälso- och sjukvårdsnämnden · 2025-06-11"), without the parts that change from
/// page to page or name the document; `None` when the cell has no such parts or none changes.
fn joined_key(f: &str, changing: &dyn Fn(&str) -> bool) -> Option<String> {
    let sep = [" · ", " | "].into_iter().find(|s| f.contains(s))?;
    let parts: Vec<&str> = f.split(sep).map(str::trim).collect();
    let kept: Vec<&str> = parts.iter().copied().filter(|p| !changing(p)).collect();
    (kept.len() < parts.len() && !kept.is_empty()).then(|| kept.join(sep))
}

/// A page header naming the kind of document or the page, not the body: "SAMMANTRÄDESPROTOKOLL
/// Sida", "Protokoll", "Protokollsutdrag 2 (9)". Such a header is furniture to strip but never
/// the body's name.
fn is_document_kind(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "protokoll",
        "sammanträdesprotokoll",
        "protokollsutdrag",
        "utdrag",
        "sida",
        "sid",
        // Finnish, as kommuner of the Finnish administrative area print their page tops
        "pöytäkirja",
        "kokouspöytäkirja",
        "sivu",
        "sammanträdesdatum",
        "mötesdatum",
        "datum",
        "av",
        // the protocol's running number ("PROTOKOLL nr 4/2025"), the same on every page
        "nr",
    ];
    let mut words = s
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '/' | ':'))
        .filter(|w| !w.is_empty())
        .peekable();
    words.peek().is_some()
        && words.all(|w| {
            w.chars().all(|c| c.is_ascii_digit()) || WORDS.contains(&w.to_lowercase().as_str())
        })
}

fn is_authority_like(s: &str) -> bool {
    let l = s.to_lowercase();
    l.ends_with(" kommun")
        || l.ends_with(" stad")
        // the kommun's name in Finnish ("Haaparannan kaupunki", "Pajalan kunta")
        || l.ends_with(" kunta")
        || l.ends_with(" kaupunki")
        || l.starts_with("region ")
        || l.starts_with("kommunalförbundet ")
        || l.ends_with(" kommunalförbund")
        || names_federation(s)
}

/// A förbund named by its kind and its name ("Vård- och omsorgsförbundet Västdal",
/// "Räddningstjänstförbundet Norr"): a word ending in "förbundet" and one or two capitalised
/// words after it. A body is never named so (nämnd, styrelse, direktion).
pub(crate) fn names_federation(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    words
        .iter()
        .position(|w| w.to_lowercase().ends_with("förbundet"))
        .is_some_and(|at| {
            let after = &words[at + 1..];
            (1..=2).contains(&after.len())
                && after.iter().all(|w| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        && w.chars().all(|c| c.is_alphabetic() || c == '-')
                })
        })
}

fn is_short_heading_like(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().count() <= 60
        && s.split_whitespace().count() <= 6
        && !s.contains(':')
        && !s.contains('§')
        && !s.chars().any(|c| c.is_ascii_digit())
        && s.chars().next().is_some_and(char::is_uppercase)
}

/// Pushes one input line, with the debris of Markdown conversion removed (see `unmark`) and a
/// paragraph head in one of its other printed forms written as `§ N` (see `head_form`).
/// A web page saved as text (`lynx -dump`, `w3m -dump`): its links marked `[12]` before their
/// text, and its references listed at the end ("  12. https://…"). A line that opens with a
/// link is the site's navigation ("[3]Startsida > [4]Protokoll", "[9]Till toppen av sidan")
/// and goes; a link within a line ("* [6]Tjänsteskrivelse (pdf, 312 kB)") keeps its text; a
/// reference line goes, and so does the "References" heading over them. `None` when the line
/// has no such mark.
fn without_links(line: &str) -> Option<String> {
    let t = line.trim();
    let marker_at = |s: &str, at: usize| -> Option<usize> {
        let b = s.as_bytes();
        if b.get(at) != Some(&b'[') {
            return None;
        }
        let digits = b[at + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        ((1..=4).contains(&digits)
            && b.get(at + 1 + digits) == Some(&b']')
            && b.get(at + 2 + digits)
                .is_some_and(|c| !c.is_ascii_whitespace()))
        .then_some(at + 2 + digits)
    };
    let reference = {
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        (1..=4).contains(&digits)
            && t[digits..].starts_with(". ")
            && ["http://", "https://", "file:", "mailto:", "ftp://"]
                .iter()
                .any(|p| t[digits + 2..].trim_start().starts_with(p))
    };
    if reference || t == "References" || t == "Referenser" || t == "Länkar" {
        return Some(String::new());
    }
    if !t.contains('[') {
        return None;
    }
    if marker_at(t, 0).is_some() {
        return Some(String::new());
    }
    let mut out = String::with_capacity(line.len());
    let mut k = 0;
    let mut changed = false;
    while k < line.len() {
        if let Some(after) = marker_at(line, k) {
            k = after;
            changed = true;
            continue;
        }
        let c = line[k..].chars().next().unwrap_or(' ');
        out.push(c);
        k += c.len_utf8();
    }
    changed.then_some(out)
}

fn push_unmarked(raw: &mut Vec<(usize, usize, String)>, no: usize, page: usize, line: &str) {
    let push = |raw: &mut Vec<(usize, usize, String)>, t: &str| {
        let t = t.trim_end();
        let t = if is_scan_debris(t) { "" } else { t };
        let ocr = if t.contains('$') {
            scanned_sign(t)
        } else {
            None
        };
        let t = ocr.as_deref().unwrap_or(t);
        let digits = if may_have_scanned_digits(t.as_bytes()) {
            scanned_digits(t)
        } else {
            None
        };
        let t = digits.as_deref().unwrap_or(t);
        let spaced = if may_be_letter_spaced(t) {
            letter_spaced(t)
        } else {
            None
        };
        let t = spaced.as_deref().unwrap_or(t);
        let rejoined = split_label(t);
        let t = rejoined.as_deref().unwrap_or(t);
        let head = if t.contains('§') || opens_with_paragraph_word(t) {
            head_form(t)
        } else {
            None
        };
        raw.push((no, page, head.unwrap_or_else(|| t.to_string())));
    };
    let unlinked = without_links(line);
    let line = unlinked.as_deref().unwrap_or(line);
    let unescaped = unescape_markdown(line);
    let line = unescaped.as_deref().unwrap_or(line);
    if !line
        .bytes()
        .any(|b| matches!(b, b'*' | b'#' | b'|' | b'<' | b'_' | b'+'))
    {
        push(raw, line);
        return;
    }
    // A scan's vertical rules read as pipes standing alone between words ("Justerandes sign
    // |    |   Utdragsbestyrkande"): a gap, not text. A row of a table (a pipe first) is
    // `unmark`'s.
    let unruled;
    let line = if !line.trim_start().starts_with('|') && line.contains(" |") {
        unruled = line
            .split(' ')
            .map(|w| if w == "|" { " " } else { w })
            .collect::<Vec<_>>()
            .join(" ");
        if !unruled
            .bytes()
            .any(|b| matches!(b, b'*' | b'#' | b'|' | b'<'))
        {
            push(raw, &unruled);
            return;
        }
        unruled.as_str()
    } else {
        line
    };
    for t in unmark(line) {
        push(raw, &t);
    }
}

/// Drops the last line read when it is a rule of underscores alone ("____"), as a page footer's
/// box is drawn over its furniture: no text of the paragraph above, no signature line (one
/// beside a role or a name is kept).
fn drop_rule_above(lines: &mut Vec<Line>) {
    if let Some(last) = lines.iter().rposition(|l| !l.is_blank())
        && lines.len() - last <= 2
        && lines[last].trimmed().len() >= 3
        && lines[last].trimmed().chars().all(|c| c == '_')
    {
        lines.remove(last);
    }
}

/// A line of a scan that OCR filled with marks only ("'", "~", "__|____|__", "' ."): no text,
/// no signature line (a row of dots or of underscores alone is one, and is kept); or a
/// typewriter's mark that the text goes on overleaf ("./.").
fn is_scan_debris(t: &str) -> bool {
    let t = t.trim();
    !t.is_empty()
        && t.len() <= 40
        && t.chars()
            .all(|c| matches!(c, '\'' | '`' | ',' | '.' | '~' | '|' | '_' | ' ' | '¦'))
        && t.chars()
            .any(|c| matches!(c, '\'' | '`' | ',' | '~' | '|' | '¦'))
        && !t.contains("...")
        // a typewriter's "continued overleaf" at a page's foot
        || matches!(t, "./." | "./.." | ".//.")
}

/// Whether a line may hold a scan's letters for digits (see [`scanned_digits`]): a digit beside
/// an `l`, `I` or `O`, or one mark of a number between them ("l:4"), or a `6` after a small
/// letter. A pass for a digit first, then one over pairs and one over triples of bytes.
fn may_have_scanned_digits(b: &[u8]) -> bool {
    // every case below has a digit: most lines of text have none
    if !b.iter().any(u8::is_ascii_digit) {
        return false;
    }
    let for_digit = |c: u8| matches!(c, b'l' | b'I' | b'O');
    let mark = |c: u8| matches!(c, b'.' | b':' | b'-' | b'/' | b',');
    let pair =
        |x: u8, y: u8| x.is_ascii_digit() && for_digit(y) || for_digit(x) && y.is_ascii_digit();
    b.windows(2)
        .any(|w| pair(w[0], w[1]) || w[1] == b'6' && w[0].is_ascii_lowercase())
        || b.windows(3).any(|w| mark(w[1]) && pair(w[0], w[2]))
}

/// A scan's letters read for digits, as OCR reads typewritten minutes (and as typists without
/// a key for one typed them): `l` or `I` for 1 and `O` for 0 in a number, a date, a time or a
/// Dnr ("l987-O3-l7", "§ l4", "kl l3.3O", "87.O2l", "Bäckby l:4"), and a broken `ö` read as
/// `6` inside a word ("f6r"). Only a word made of digits, those letters and the marks numbers
/// hold (`.` `-` `–` `:` `/` `,`), with a digit in it, is read as a number, so no word of
/// letters changes ("Ol", "IO", "CO2", "E4" stay); a `6` goes to `ö` only between two small
/// letters in a word of letters alone.
fn scanned_digits(line: &str) -> Option<String> {
    let mut out = String::with_capacity(line.len());
    let mut changed = false;
    for piece in line.split_inclusive([' ', '\t']) {
        let word = piece.trim_end_matches([' ', '\t']);
        let gap = &piece[word.len()..];
        let core = word
            .trim_start_matches(['(', '[', '"'])
            .trim_end_matches([')', ']', '"', ',', ';', '.', ':']);
        let at = word.len() - word.trim_start_matches(['(', '[', '"']).len();
        let number = !core.is_empty()
            && core.bytes().any(|b| b.is_ascii_digit())
            && core.bytes().any(|b| matches!(b, b'l' | b'I' | b'O'))
            && core.chars().all(|c| {
                c.is_ascii_digit()
                    || matches!(c, 'l' | 'I' | 'O' | '.' | '-' | '–' | ':' | '/' | ',')
            })
            && !roman_before_colon(core);
        let chars: Vec<char> = core.chars().collect();
        let vowel = !number
            && core.contains('6')
            && chars.iter().all(|c| c.is_alphabetic() || *c == '6')
            && chars.iter().enumerate().all(|(i, c)| {
                *c != '6'
                    || i > 0
                        && i + 1 < chars.len()
                        && chars[i - 1].is_lowercase()
                        && chars[i + 1].is_lowercase()
            });
        if !number && !vowel {
            out.push_str(piece);
            continue;
        }
        changed = true;
        out.push_str(&word[..at]);
        for c in core.chars() {
            out.push(match c {
                'l' | 'I' if number => '1',
                'O' if number => '0',
                '6' if vowel => 'ö',
                c => c,
            });
        }
        out.push_str(&word[at + core.len()..]);
        out.push_str(gap);
    }
    changed.then_some(out)
}

/// A cover's label at the left of its line split by a scan inside its words ("Ersätt are",
/// "Övriga delt agande", "Sammantr äde sdatum"): the cell before a gap of two spaces or more,
/// once its spaces are gone, is a label of the cover's whose words it does not already show.
/// Written as the label, padded to the cell's width so the columns after it keep their places.
fn split_label(line: &str) -> Option<String> {
    let lead = line.len() - line.trim_start().len();
    let rest = &line[lead..];
    let end = rest.find("  ").unwrap_or(rest.len());
    let cell = &rest[..end];
    if !cell.contains(' ') || cell.len() > 40 || !cell.starts_with(char::is_uppercase) {
        return None;
    }
    let lower = cell.to_lowercase();
    let joined: String = lower.chars().filter(|c| *c != ' ').collect();
    let labels = || lexicon::COVER_LABELS.iter().flat_map(|(_, ls)| ls.iter());
    if labels().any(|l| *l == lower) {
        return None;
    }
    // the first byte before the whole word: most cells open no label
    let first = joined.as_bytes().first();
    let label = labels().find(|l| {
        l.len() >= 6
            && l.as_bytes().first() == first
            && l.chars().filter(|c| *c != ' ').eq(joined.chars())
    })?;
    let mut cs = label.chars();
    let word: String = cs.next()?.to_uppercase().chain(cs).collect();
    let pad = cell.chars().count().saturating_sub(word.chars().count());
    Some(format!(
        "{}{word}{}{}",
        &line[..lead],
        " ".repeat(pad),
        &rest[end..]
    ))
}

/// A property's or a block's number after a roman numeral ("Lövsta II:4", "Kv. Berga III:12"):
/// two or three capital `I` before the colon, digits after it. No scan's reading of "11:4",
/// which keeps its digits on either side; a single `I` ("l:4", "I:4") is still a 1.
fn roman_before_colon(core: &str) -> bool {
    core.split_once(':').is_some_and(|(before, after)| {
        (2..=3).contains(&before.len())
            && before.bytes().all(|b| b == b'I')
            && !after.is_empty()
            && after.bytes().all(|b| b.is_ascii_digit())
    })
}

/// Whether a line may hold letter-spaced words (see [`letter_spaced`]): four characters in a
/// row each alone between single spaces.
fn may_be_letter_spaced(t: &str) -> bool {
    let mut run = 0;
    let mut prev_space = true;
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' {
            prev_space = true;
            continue;
        }
        let alone = prev_space && chars.peek().is_none_or(|n| *n == ' ');
        run = if alone { run + 1 } else { 0 };
        if run >= 4 {
            return true;
        }
        prev_space = false;
    }
    false
}

/// Words printed letter-spaced, as typewritten minutes and some templates emphasise headings
/// and labels ("S A M M A N T R Ä D E S P R O T O K O L L", "B e s l u t a n d e", "V a l  a v
/// j u s t e r a r e"): one space between the letters, two between the words. Each such cell
/// (cells apart by three spaces or more) is written as its words, padded to its width so the
/// columns after it keep their places. `None` when the line has no such cell.
fn letter_spaced(line: &str) -> Option<String> {
    let mut out = String::with_capacity(line.len());
    let mut changed = false;
    let mut rest = line;
    while !rest.is_empty() {
        // the next cell and the gap after it
        let lead = rest.len() - rest.trim_start_matches(' ').len();
        out.push_str(&rest[..lead]);
        rest = &rest[lead..];
        let end = rest.find("   ").unwrap_or(rest.len());
        let cell = &rest[..end];
        rest = &rest[end..];
        let groups: Vec<Vec<&str>> = cell
            .split("  ")
            .map(|g| g.split(' ').filter(|w| !w.is_empty()).collect())
            .collect();
        let singles = groups.iter().flatten().count();
        let spaced = singles >= 4
            && groups.iter().any(|g| g.len() >= 3)
            && groups
                .iter()
                .flatten()
                .all(|w| w.chars().count() == 1 && !w.contains('§'))
            && groups
                .iter()
                .flatten()
                .filter(|w| w.chars().all(char::is_alphabetic))
                .count()
                * 2
                >= singles
            // a row of marks ("X X X X") is no word
            && groups
                .iter()
                .flatten()
                .collect::<HashSet<_>>()
                .len()
                >= 3;
        if !spaced {
            out.push_str(cell);
            continue;
        }
        changed = true;
        let words: Vec<String> = groups.iter().map(|g| g.concat()).collect();
        let joined = words.join(" ");
        let pad = cell.chars().count().saturating_sub(joined.chars().count());
        out.push_str(&joined);
        out.push_str(&" ".repeat(pad));
    }
    changed.then_some(out)
}

/// A paragraph head whose sign OCR read as a dollar sign (`$ 112`, `$ 114    Dnr 2004/0398`):
/// scanned minutes of the 1990s and 2000s have it wherever the sign was printed small. Written
/// with `§`; only at the start of a line, before a number and nothing or a gap and a capital,
/// so an amount in dollars in the text ("$ 12 miljoner") is left alone.
fn scanned_sign(line: &str) -> Option<String> {
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    let after = body.strip_prefix('$')?;
    let num = after.trim_start_matches(' ');
    let n = num.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=4).contains(&n) || after.len() - num.len() > 2 {
        return None;
    }
    let rest = &num[n..];
    let fits = rest.is_empty()
        || (rest.starts_with("  ") || rest.starts_with('\t'))
            && rest
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
    fits.then(|| format!("{indent}§ {}{rest}", &num[..n]))
}

/// The number and where its rest starts of a line that may be a head whose sign OCR read as a
/// capital S or a five ("S 45", "5 46   Dnr 2007/0231"), near the left margin: the letter, one
/// space, one to three digits, then nothing or a gap and a capital. `None` for any other line.
fn misread_sign_head(t: &str) -> Option<(u32, usize)> {
    let body = t.trim_start_matches(' ');
    if t.len() - body.len() > 8 {
        return None;
    }
    let rest = body
        .strip_prefix("S ")
        .or_else(|| body.strip_prefix("5 "))?;
    let n = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&n) {
        return None;
    }
    let after = &rest[n..];
    let title = after.trim_start();
    let ok = after.trim().is_empty()
        || (after.starts_with("  ") || after.starts_with('\t'))
            && title.starts_with(char::is_uppercase);
    let number = rest[..n].parse().ok()?;
    ok.then_some((number, t.len() - after.len()))
}

/// Heads whose sign OCR read as a capital S or a five ("S 45", "5 46   Dnr 2007/0231"), as
/// scans of minutes set in a small type give them beside heads read right ("§ 48"). Such a line
/// is written with `§` only when its number is one more than the head's before it or one less
/// than the head's after it (heads with the sign, or other such lines), and three heads at
/// least make the run: a line of a table or a sentence opening with "5 46" stays as it is.
fn misread_signs(raw: &mut [(usize, usize, String)]) {
    let may = |t: &str| {
        let b = t.trim_start_matches(' ').as_bytes();
        b.len() > 2 && matches!(b[0], b'S' | b'5') && b[1] == b' ' && b[2].is_ascii_digit()
    };
    if !raw.iter().any(|(_, _, t)| may(t)) {
        return;
    }
    // (index, number, where the number's rest starts for a misread sign)
    let heads: Vec<(usize, u32, Option<usize>)> = raw
        .iter()
        .enumerate()
        .filter_map(|(i, (_, _, t))| {
            if may(t) {
                return misread_sign_head(t).map(|(n, at)| (i, n, Some(at)));
            }
            if !t.contains('§') {
                return None;
            }
            let h = super::items::match_head(t)?;
            Some((i, h.number, None))
        })
        .collect();
    let fits: Vec<bool> = heads
        .iter()
        .enumerate()
        .map(|(k, (_, n, _))| {
            k.checked_sub(1).is_some_and(|p| heads[p].1 + 1 == *n)
                || heads.get(k + 1).is_some_and(|h| h.1 == n + 1)
        })
        .collect();
    if fits.iter().filter(|f| **f).count() < 3 {
        return;
    }
    for ((i, n, at), fit) in heads.iter().zip(&fits) {
        if let (Some(at), true) = (at, fit) {
            let text = &raw[*i].2;
            let head = format!("§ {n}{}", &text[*at..]);
            raw[*i].2 = head_form(&head).unwrap_or(head);
        }
    }
}

/// Words a column header beside a "§" column may hold ("§   Ärende   Dnr").
const MARGIN_HEADER_WORDS: &[&str] = &[
    "dnr",
    "diarienummer",
    "diarienr",
    "ärende",
    "ärenden",
    "rubrik",
    "ärendemening",
    "sida",
    "sid",
];

/// The column of a lone "§" heading a column of paragraph numbers ("§      Dnr", "§  Ärende"),
/// or `None` for any other line. A PDF's table row ("§⇥Ärende⇥Dnr") is its first cell's.
fn sign_column(t: &str) -> Option<usize> {
    let frags: Vec<(usize, &str)> = if t.contains('\t') {
        t.split('\t')
            .enumerate()
            .filter(|(_, c)| !c.trim().is_empty())
            .map(|(i, c)| (i, c.trim()))
            .collect()
    } else {
        fragments(t, 2)
    };
    let (col, first) = frags.first()?;
    (*first == "§"
        && frags.len() <= 4
        && frags[1..]
            .iter()
            .all(|(_, f)| MARGIN_HEADER_WORDS.contains(&f.to_lowercase().as_str())))
    .then_some(*col)
}

/// Paragraph numbers printed in a margin column under a "§" column header, beside the title
/// ("§   Dnr" / "23    Budgetuppföljning    KS 2024/15"): each such line is written as a head,
/// `§ 23    Budgetuppföljning …`, and the header is dropped. A number counts only in the
/// header's column, before a gap and a capital, and never below the one before it, so a
/// numbered list in the text (indented under the title) is none.
fn margin_heads(raw: &mut [(usize, usize, String)]) {
    // cheap: a header is a line whose text starts with '§' and holds no digit
    if !raw.iter().any(|(_, _, t)| {
        let t = t.trim_start();
        t.starts_with('§') && !t.contains("§§") && !t.bytes().any(|b| b.is_ascii_digit())
    }) {
        return;
    }
    let mut column: Option<usize> = None;
    let mut last = 0u32;
    for (_, _, text) in raw.iter_mut() {
        let t = text.trim_end();
        let body = t.trim_start();
        if body.starts_with('§') {
            if let Some(c) = sign_column(t) {
                column = Some(c);
                text.clear();
            }
            continue;
        }
        let Some(col) = column else { continue };
        // A PDF's table row: the number in the first cell, the title in the next
        // ("101⇥Val av justerare⇥Dnr").
        if t.contains('\t') {
            let mut cells = t.split('\t');
            let first = cells.next().unwrap_or("").trim();
            let next = cells.next().unwrap_or("").trim_start();
            if col == 0
                && (1..=4).contains(&first.len())
                && first.bytes().all(|b| b.is_ascii_digit())
                && next.starts_with(char::is_uppercase)
                && let Ok(number) = first.parse::<u32>()
                && number >= last
            {
                last = number;
                let rest = &t[t.find('\t').unwrap_or(t.len())..];
                *text = format!("§ {number}{rest}");
            }
            continue;
        }
        let indent = t.chars().count() - body.chars().count();
        if indent.abs_diff(col) > 2 {
            continue;
        }
        let n = body.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=4).contains(&n) {
            continue;
        }
        let rest = &body[n..];
        let gap = rest.len() - rest.trim_start().len();
        let Ok(number) = body[..n].parse::<u32>() else {
            continue;
        };
        if (gap >= 2 || rest.starts_with('\t'))
            && rest.trim_start().starts_with(char::is_uppercase)
            && number >= last
        {
            last = number;
            *text = format!("{}§ {number}{rest}", &t[..t.len() - body.len()]);
        }
    }
}

/// Items numbered "Ärende 1", "Ärende 2" … at the left margin where the protocol prints no
/// paragraph sign at all (an utskott's or a beredning's minutes): each such line is written as
/// a head, `§ 1   Val av justerare`. Only the items counted up from line to line, at least two,
/// and only when no line is a `§` head, so an item number beside a paragraph's ("Ärende 1
/// § 12") or "ärende 5" in the text is never one.
fn item_heads(raw: &mut [(usize, usize, String)]) {
    let item = |t: &str| -> Option<(u32, usize)> {
        let body = t.trim_start();
        if t.len() - body.len() > 4 {
            return None;
        }
        let rest = body
            .strip_prefix("Ärende ")
            .or_else(|| body.strip_prefix("ÄRENDE "))?;
        let n = rest.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=3).contains(&n) {
            return None;
        }
        let after = &rest[n..];
        let title = after.trim_start();
        let gap = after.len() - title.len();
        let ok = after.trim().is_empty()
            || ((gap >= 2 || after.starts_with('\t')) && title.starts_with(char::is_uppercase));
        let number = rest[..n].parse().ok()?;
        ok.then_some((number, t.len() - after.len()))
    };
    if raw
        .iter()
        .any(|(_, _, t)| t.contains('§') && super::items::match_head(t).is_some())
    {
        return;
    }
    let found: Vec<(usize, u32, usize)> = raw
        .iter()
        .enumerate()
        .filter_map(|(i, (_, _, t))| item(t).map(|(n, at)| (i, n, at)))
        .collect();
    if found.len() < 2 || found.windows(2).any(|w| w[1].1 <= w[0].1) {
        return;
    }
    for (i, n, at) in found {
        let text = &mut raw[i].2;
        *text = format!("§ {n}{}", &text[at..]);
    }
}

/// A paragraph's head set as rows of label and value, as a blankett or a template of tables
/// prints each paragraph: "Paragraf⇥§ 21" (or "Paragraf nr   21") and under it "Ärende⇥Val av
/// justerare" (or "Rubrik", "Ärendemening"): written as one head, `§ 21   Val av justerare`, the
/// title's row gone. A number's row without a title's row under it is the head alone. The
/// number's label is the word in the singular: the cover's "Paragrafer⇥§§ 21-24" is none.
fn labelled_heads(raw: &mut [(usize, usize, String)]) {
    fn pair(t: &str) -> Option<(String, String)> {
        let c = cells(t);
        if c.len() != 2 || c[0].0 > 8 {
            return None;
        }
        let label = c[0].1.trim_end_matches(':').trim().to_lowercase();
        Some((label, c[1].1.clone()))
    }
    let number = |t: &str| -> Option<(String, u32)> {
        let (label, value) = pair(t)?;
        if !matches!(
            label.as_str(),
            "paragraf" | "paragraf nr" | "paragraf nr." | "paragrafnummer" | "§"
        ) {
            return None;
        }
        // "§ 21", "§21", "JN § 21", "21"
        let (prefix, digits) = match value.find('§') {
            Some(at) => (value[..at].trim(), value[at + '§'.len_utf8()..].trim()),
            None => ("", value.as_str()),
        };
        let prefix_ok = prefix.chars().count() <= 6 && prefix.chars().all(char::is_uppercase);
        let n = (prefix_ok && (1..=4).contains(&digits.len()))
            .then(|| digits.parse::<u32>().ok())??;
        let prefix = if prefix.is_empty() {
            String::new()
        } else {
            format!("{prefix} ")
        };
        Some((prefix, n))
    };
    let title = |t: &str| -> Option<String> {
        let (label, value) = pair(t)?;
        matches!(
            label.as_str(),
            "ärende" | "ärendemening" | "ärenderubrik" | "rubrik" | "ämne" | "ärendetitel"
        )
        .then_some(value)
        .filter(|v| v.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
    };
    for i in 0..raw.len() {
        let Some((prefix, n)) = number(&raw[i].2) else {
            continue;
        };
        // the title's row: the next line with text, within a blank line or two
        let next = (i + 1..raw.len().min(i + 4)).find(|&j| !raw[j].2.trim().is_empty());
        let named = next.and_then(|j| title(&raw[j].2).map(|t| (j, t)));
        match named {
            Some((j, t)) => {
                raw[i].2 = format!("{prefix}§ {n}   {t}");
                raw[j].2.clear();
            }
            None => raw[i].2 = format!("{prefix}§ {n}"),
        }
    }
}

/// Minutes numbering their items as points, with no paragraph sign anywhere, as a company's
/// board and an association's style minute them ("1. Mötets öppnande", "2. Val av justerare",
/// "Punkt 3 Budget 2026"): each head written `§ N` for the stages after it. A head is a
/// heading's shape (a capital, at most ten words, no sentence in it or after it) after a blank
/// line, near the margin; the heads are the last run of three or more whose numbers go up by
/// one (an ärendelista of the same points before them is read as one).
fn numbered_points(raw: &mut [(usize, usize, String)]) {
    static POINT: LazyLock<Regex> = LazyLock::new(|| {
        crate::parse::pattern::regex(r"^(?:Punkt\s+)?(\d{1,2})(?:[.)]\s+|\s{2,}|\t)(\p{Lu}.*)$")
            .expect("regex")
    });
    if raw
        .iter()
        .any(|(_, _, t)| t.contains('§') && super::items::match_head(t).is_some())
    {
        return;
    }
    let point = |i: usize| -> Option<(u32, usize)> {
        let t = &raw[i].2;
        let body = t.trim_start();
        if t.len() - body.len() > 4 || i > 0 && !raw[i - 1].2.trim().is_empty() {
            return None;
        }
        let c = POINT.captures(body.trim_end())?;
        let title = c.get(2)?.as_str();
        let heading = title.split_whitespace().count() <= 10
            && !title.ends_with(['.', ',', ';', ':'])
            && !title.contains(". ");
        let n = c.get(1)?.as_str().parse().ok()?;
        heading.then_some((n, t.len() - body.len() + c.get(2)?.start()))
    };
    let found: Vec<(usize, u32, usize)> = (0..raw.len())
        .filter_map(|i| point(i).map(|(n, at)| (i, n, at)))
        .collect();
    // the last run numbered one up at a time
    let mut runs: Vec<&[(usize, u32, usize)]> = Vec::new();
    let mut from = 0;
    for k in 1..=found.len() {
        if k == found.len() || found[k].1 != found[k - 1].1 + 1 {
            runs.push(&found[from..k]);
            from = k;
        }
    }
    let Some(run) = runs.into_iter().rev().find(|r| r.len() >= 3) else {
        return;
    };
    for &(i, n, at) in run {
        let text = &mut raw[i].2;
        *text = format!("§ {n} {}", &text[at..]);
    }
}

/// Whether a line opens with the word "paragraf" (any case), as a head spelled out does.
fn opens_with_paragraph_word(t: &str) -> bool {
    t.trim_start()
        .get(..8)
        .is_some_and(|w| w.eq_ignore_ascii_case("paragraf"))
}

/// A head whose paragraph number stands alone at the right margin, the Dnr (or the title) at
/// the left of the same line ("Dnr UN 2025/301            § 72", "Budget 2026         KS § 45"),
/// as some templates print it: written as `§ 72   Dnr UN 2025/301`. The number's cell is the
/// line's last, far to the right after a wide gap; running text never has such a gap.
fn sign_at_the_right(line: &str) -> Option<String> {
    // a PDF's row keeps its cells apart by a tab ("Val av justerare⇥§ 88"), wherever they stand
    let tabbed = line.contains('\t');
    let frags = if tabbed {
        placed_cells(line, 3)
    } else {
        fragments(line, 3)
    };
    let ((col, last), before) = frags.split_last()?;
    // one cell at the left: a table's header with a paragraph's vote column ("Parti   Ledamot
    // Närv   § 65") has several
    if before.len() != 1 || !tabbed && *col < 30 {
        return None;
    }
    // "§ 72", "§72", "KS § 72"
    let sign = last.find('§')?;
    let prefix = last[..sign].trim();
    if !prefix.chars().all(|c| c.is_uppercase()) || prefix.chars().count() > 6 {
        return None;
    }
    let number = last[sign + '§'.len_utf8()..].trim();
    if !(1..=4).contains(&number.len()) || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let rest = before
        .iter()
        .map(|(_, f)| f.trim())
        .collect::<Vec<_>>()
        .join("   ");
    // a Dnr or a title at the left, never a sentence, nor a page top naming the meeting's day
    // over an extract's paragraph ("KOMMUNSTYRELSEN   2025-03-05   § 45")
    if !rest.starts_with(char::is_uppercase)
        || rest.ends_with('.')
        || rest.contains('§')
        || super::dates::find_date(&rest).is_some()
        // a cover's label and its value, as a notice's row "Paragrafer⇥§ 79" of a meeting of
        // one paragraph
        || super::cover::is_label(&rest)
    {
        return None;
    }
    // nor a running header numbering a page per paragraph ("Kommunstyrelsens arbetsutskott
    // …   § 12"): the body, the authority or the document named, or a letterhead in capitals
    if super::body_title(&rest).is_some()
        || super::bare_body_title(&rest).is_some()
        || is_authority_like(&rest)
        || is_document_kind(&rest)
        || !rest.chars().any(char::is_lowercase)
    {
        return None;
    }
    let prefix = if prefix.is_empty() {
        String::new()
    } else {
        format!("{prefix} ")
    };
    Some(format!("{prefix}§ {number}   {rest}"))
}

/// A paragraph head printed in another form than `§ N`, written as `§ N` with the indentation
/// and the rest of the line kept, so that every later stage (agenda, paragraphs) reads one form:
/// the number before the sign (`12 §  Val av justerare`, as statute style prints it), an item
/// number beside the paragraph's (`Ärende 1 § 12`, `Ärende 1 (§ 12)`, `Punkt 3, § 12`, `§ 12
/// (ärende 1)`: the paragraph number is the §'s) and a number counted per year (`§ 12/2024`,
/// `KS § 12/2024`). `None` when the line is none of these; a line of text that cites a section
/// ("12 § kommunallagen", "§ 2/25") is left alone (a lower-case word or a short year after it).
/// The sign spelled out (`Paragraf 88`, `PARAGRAF 88  Budget`) is one too.
pub(crate) fn head_form(line: &str) -> Option<String> {
    if let Some(head) = sign_at_the_right(line) {
        return Some(head);
    }
    // "Ärende nr" before "Ärende": the longer word first.
    const ITEM_WORDS: [&str; 4] = ["ärende nr", "ärendenr", "ärende", "punkt"];
    // `s` without a leading `word` (lower case), in any case.
    fn strip_word<'a>(s: &'a str, word: &str) -> Option<&'a str> {
        let head = s.get(..word.len())?;
        (head.to_lowercase() == word).then(|| &s[word.len()..])
    }
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    // What may follow a head's number: nothing, or a gap and a title, a Dnr or a separator.
    let head_rest = |rest: &str| {
        // "§ 13: Budget", "12 §. Budget": a separator before the gap.
        let rest = rest.strip_prefix([':', '.', '–', '-']).unwrap_or(rest);
        rest.is_empty()
            || (rest.starts_with(char::is_whitespace)
                && rest.trim_start().chars().next().is_some_and(|c| {
                    c.is_uppercase() || c.is_ascii_digit() || "–—-:.\"”(".contains(c)
                }))
    };
    // "Paragraf 88", "PARAGRAF 88  Budget": the sign spelled out, then the number
    if let Some(after_word) = strip_word(body, "paragraf") {
        let t = after_word.trim_start_matches(' ');
        let n = digits(t);
        if n == 0 || n > 4 || t.len() == after_word.len() {
            return None;
        }
        let rest = &t[n..];
        return head_rest(rest).then(|| format!("{indent}§ {}{rest}", &t[..n]));
    }
    // "12 §", "12§"
    let n = digits(body);
    if (1..=4).contains(&n) {
        let after = body[n..].trim_start_matches(' ');
        if let Some(rest) = after.strip_prefix('§')
            && !rest.starts_with('§')
            && head_rest(rest)
        {
            return Some(format!("{indent}§ {}{rest}", &body[..n]));
        }
        // "4. § 31 Budget", "4) § 31 Budget": the agenda's item number before the head
        if n <= 2
            && let Some(t) = after
                .strip_prefix(['.', ')'])
                .and_then(|t| t.trim_start_matches(' ').strip_prefix('§'))
            && !t.starts_with('§')
        {
            let t = t.trim_start_matches(' ');
            let m = digits(t);
            if (1..=4).contains(&m) && head_rest(&t[m..]) {
                return Some(format!("{indent}§ {}{}", &t[..m], &t[m..]));
            }
        }
        return None;
    }
    // "Ärende 1 § 12", "Ärende nr 1 (§ 12)", "Punkt 3, § 12"
    for word in ITEM_WORDS {
        let Some(after_word) = strip_word(body, word) else {
            continue;
        };
        let t = after_word.trim_start_matches([' ', '.']);
        let n = digits(t);
        if n == 0 || n > 3 || t.len() == after_word.len() {
            return None;
        }
        let t = t[n..].trim_start_matches([' ', ',', ':', '.', '–', '-']);
        let (t, bracket) = match t.strip_prefix('(') {
            Some(t) => (t.trim_start(), true),
            None => (t, false),
        };
        let t = t.strip_prefix('§')?.trim_start_matches(' ');
        let m = digits(t);
        if m == 0 || m > 4 {
            return None;
        }
        let mut rest = &t[m..];
        if bracket {
            rest = rest.trim_start().strip_prefix(')')?;
        }
        return head_rest(rest).then(|| format!("{indent}§ {}{rest}", &t[..m]));
    }
    // "§ 12 (ärende 1)", "§ 12 Ärende 1", "§ 12/2024", "KS § 12/2024"
    let sign = body.find('§')?;
    if sign > 12 || body[sign..].starts_with("§§") {
        return None;
    }
    let t = body[sign + '§'.len_utf8()..].trim_start_matches(' ');
    let m = digits(t);
    if m == 0 || m > 4 {
        return None;
    }
    let number_end = body.len() - t.len() + m;
    let after = &t[m..];
    if let Some(year) = after.strip_prefix('/')
        && digits(year) == 4
        && (year.starts_with("19") || year.starts_with("20"))
        && head_rest(&year[4..])
    {
        return Some(format!(
            "{}{}",
            &line[..line.len() - body.len() + number_end],
            &year[4..]
        ));
    }
    // "§ 30/25 Val av justerare": the year in two digits, a title after it (a reference,
    // "§ 2/25 gäller", has none)
    if let Some(year) = after.strip_prefix('/')
        && digits(year) == 2
        // at the line's start, or after a body's short name ("KS § 30/25"): never a listed
        // reference ("- KF § 44/24 Beslut om …")
        && body[..sign]
            .trim()
            .chars()
            .all(|c| c.is_alphabetic() && c.is_uppercase())
        && !year[2..].trim().is_empty()
        && head_rest(&year[2..])
    {
        return Some(format!(
            "{}{}",
            &line[..line.len() - body.len() + number_end],
            &year[2..]
        ));
    }
    let trimmed = after.trim_start();
    let (inner, bracket) = match trimmed.strip_prefix('(') {
        Some(t) => (t, true),
        None => (trimmed, false),
    };
    for word in ITEM_WORDS {
        if let Some(a) = strip_word(inner, word) {
            let a2 = a.trim_start_matches([' ', '.']);
            let n = digits(a2);
            if n == 0 || n > 3 || a2.len() == a.len() {
                return None;
            }
            let mut rest = &a2[n..];
            if bracket {
                rest = rest.trim_start().strip_prefix(')')?;
            }
            let rest = rest.trim_start_matches([',', ':', '.', '–', '-']);
            let rest = if rest.trim().is_empty() { "" } else { rest };
            let rest_spaced = if rest.is_empty() || rest.starts_with(char::is_whitespace) {
                rest.to_string()
            } else {
                format!(" {rest}")
            };
            return head_rest(&rest_spaced).then(|| {
                format!(
                    "{}{rest_spaced}",
                    &line[..line.len() - body.len() + number_end]
                )
            });
        }
    }
    None
}

/// Whether `t` is a border of a grid table as pandoc writes one: `+----+-----+` (`=` under a
/// header row, `:` for alignment), two columns or more.
fn is_grid_border(t: &str) -> bool {
    t.len() >= 5
        && t.starts_with('+')
        && t.ends_with('+')
        && t.matches('+').count() >= 3
        && t.chars().all(|c| matches!(c, '+' | '-' | '=' | ':'))
}

/// Grid tables as pandoc writes them (`+---+---+` borders, `| a | b |` rows, a cell's text
/// wrapped over the rows between two borders): each block between borders is written again
/// as pipe rows of whole lines, a cell's wrapped lines joined and its hard line breaks (a `\`
/// at a line's end) kept as lines, so that "Erik Tapper (S), tjänstgörande ersättare för Anna" /
/// "Wiik (V)" is one person and "Justeringens plats" / "och tid" one label. The borders become
/// blank lines and the block keeps its number of lines (warnings name input lines). `None` when
/// the text holds no grid table.
fn grid_tables(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    if !lines.iter().any(|l| is_grid_border(l.trim())) {
        return None;
    }
    // a border's rows begin where the border does, whatever the indentation
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let border = lines[i].trim_end();
        if !is_grid_border(border.trim_start()) {
            out.push(lines[i].to_string());
            i += 1;
            continue;
        }
        out.push(String::new());
        i += 1;
        // the column bounds: the border's '+' by character
        let indent = border.len() - border.trim_start().len();
        let cuts: Vec<usize> = border
            .chars()
            .enumerate()
            .filter(|(_, c)| *c == '+')
            .map(|(k, _)| k)
            .collect();
        // the rows up to the next border
        let start = i;
        while i < lines.len() && lines[i].trim_start().starts_with('|') {
            i += 1;
        }
        let rows = &lines[start..i];
        if rows.is_empty() {
            continue;
        }
        let mut columns: Vec<Vec<String>> = vec![Vec::new(); cuts.len() - 1];
        for row in rows {
            let chars: Vec<char> = row.chars().collect();
            for (k, w) in cuts.windows(2).enumerate() {
                let (a, b) = (w[0] + 1, w[1].min(chars.len()));
                let cell: String = if a < b && indent <= a {
                    chars[a..b].iter().collect()
                } else {
                    String::new()
                };
                let cell = cell.trim();
                let col = &mut columns[k];
                // a line of the cell goes on the last one unless that ended in a hard break
                match col.last_mut() {
                    Some(last) if !last.ends_with('\\') && !cell.is_empty() => {
                        super::flow::join_continuation(last, cell);
                    }
                    Some(last) if cell.is_empty() && !last.ends_with('\\') => {}
                    _ if cell.is_empty() => {}
                    _ => col.push(cell.to_string()),
                }
                if let Some(last) = col.last_mut()
                    && cell.is_empty()
                    && last.ends_with('\\')
                {
                    // a hard break before an empty line of the cell: the cell's line ends there
                    last.pop();
                    col.push(String::new());
                }
            }
        }
        for col in &mut columns {
            for line in col.iter_mut() {
                if line.ends_with('\\') {
                    line.pop();
                }
            }
            col.retain(|l| !l.trim().is_empty());
        }
        let height = columns.iter().map(Vec::len).max().unwrap_or(0);
        for j in 0..height.min(rows.len()) {
            let cells: Vec<&str> = columns
                .iter()
                .map(|c| c.get(j).map_or("", String::as_str))
                .collect();
            out.push(format!("| {} |", cells.join(" | ")));
        }
        // more logical lines than physical ones cannot be: each came from a row
        for _ in height.min(rows.len())..rows.len() {
            out.push(String::new());
        }
    }
    Some(out.join("\n"))
}

/// Pandoc's Markdown in a line: a backslash escaping punctuation (`1\.`, `\_`), a hard line
/// break (`\` at the line's end), and `--` for an en dash between numbers or words
/// ("kl. 13.15--16.40", "2025--2029"). `None` when the line has none of them.
fn unescape_markdown(line: &str) -> Option<String> {
    let dashes = line.contains("--") && !line.contains("---") && !line.contains("<!--");
    if !line.contains('\\') && !dashes {
        return None;
    }
    let mut out = String::with_capacity(line.len());
    let chars: Vec<char> = line.trim_end().chars().collect();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        let next = chars.get(k + 1).copied();
        if c == '\\' {
            match next {
                // a hard line break
                None => break,
                Some(n) if n.is_ascii_punctuation() => {
                    out.push(n);
                    k += 2;
                    continue;
                }
                _ => {}
            }
        }
        if dashes
            && c == '-'
            && next == Some('-')
            && k > 0
            && chars[k - 1].is_alphanumeric()
            && chars.get(k + 2).is_some_and(|n| n.is_alphanumeric())
        {
            out.push('–');
            k += 2;
            continue;
        }
        out.push(c);
        k += 1;
    }
    Some(out)
}

/// Removes what converters to Markdown leave in a line: `## ` heading marks, `**bold**` markers,
/// `<!-- comments -->`, `<br>`, and table pipes (`|§|61|Title||6 - 7|` becomes tab-separated
/// cells `§ 61⇥Title⇥⇥6 - 7`, the `|---|` rule a blank line). Bold glued to the word before it
/// ("centrum**Sammanfattning**": a heading run into the text) starts a line of its own. Usually
/// one line comes back; never none.
pub(crate) fn unmark(line: &str) -> Vec<String> {
    if !line.contains(['*', '#', '|', '<', '_', '+']) {
        return vec![line.to_string()];
    }
    let mut s = line.to_string();
    // <!-- sida 4 --> and other comments
    while let Some(a) = s.find("<!--") {
        let end = s[a..].find("-->").map_or(s.len(), |e| a + e + 3);
        s.replace_range(a..end, " ");
    }
    for br in ["<br>", "<br/>", "<br />", "<BR>"] {
        if s.contains(br) {
            s = s.replace(br, " ");
        }
    }
    let t = s.trim_start();
    let hashes = t.chars().take_while(|c| *c == '#').count();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
        s = t[hashes..].trim_start().to_string();
    }
    let t = s.trim();
    if t == "|" || is_grid_border(t) {
        // a scan's table border alone on its line
        return vec![String::new()];
    }
    // A table row: `|a|b|` as Markdown writes it, or a scan's table read by OCR, its border a
    // pipe before each cell and none after the last (`| Beslutande   | Gunnar Olsson (s)`).
    if t.len() >= 2
        && t.starts_with('|')
        && (t.ends_with('|') || t.starts_with("| ") || t[1..].contains('|'))
    {
        let inner = t[1..].strip_suffix('|').unwrap_or(&t[1..]);
        let cells: Vec<&str> = inner.split('|').map(str::trim).collect();
        if cells
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
        {
            return vec![String::new()];
        }
        let mut out: Vec<String> = Vec::new();
        let mut i = 0;
        while i < cells.len() {
            let c = cells[i].replace("**", "");
            let c = c.trim();
            // "|§|61|": the sign and its number in cells of their own
            if (c == "§" || c == "§§")
                && let Some(n) = cells.get(i + 1)
                && n.trim().starts_with(|ch: char| ch.is_ascii_digit())
            {
                out.push(format!("{c} {}", n.trim()));
                i += 2;
                continue;
            }
            out.push(without_emphasis(c).unwrap_or_else(|| c.to_string()));
            i += 1;
        }
        while out.last().is_some_and(String::is_empty) {
            out.pop();
        }
        return vec![out.join("\t")];
    }
    if !s.contains("**") {
        return vec![without_emphasis(&s).unwrap_or(s)];
    }
    // Split where bold is glued to a word before it and opens a capitalised run.
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut rest = s.as_str();
    let mut open = false;
    while let Some(at) = rest.find("**") {
        let before = &rest[..at];
        let after = &rest[at + 2..];
        cur.push_str(before);
        let glued = !open
            && cur.chars().last().is_some_and(|c| !c.is_whitespace())
            && after.chars().next().is_some_and(char::is_uppercase);
        if glued && !cur.trim().is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        open = !open;
        rest = after;
    }
    cur.push_str(rest);
    lines.push(cur);
    lines
}

/// A line's `*emphasis*` or `_emphasis_` markers (pandoc writes a heading in italics
/// `*Beslut*`): each marker pair around words, the opening one before a non-space and the
/// closing one after one, is removed. A list's bullet (`* item`) and a lone `*` are left.
/// `None` when the line has no such pair.
fn without_emphasis(line: &str) -> Option<String> {
    let mut out = line.to_string();
    let mut changed = false;
    for mark in ['*', '_'] {
        if out.matches(mark).count() < 2 {
            continue;
        }
        let chars: Vec<char> = out.chars().collect();
        let mut keep = vec![true; chars.len()];
        let mut open: Option<usize> = None;
        for (k, &c) in chars.iter().enumerate() {
            if c != mark {
                continue;
            }
            let before = k.checked_sub(1).map(|p| chars[p]);
            let after = chars.get(k + 1).copied();
            match open {
                None if after.is_some_and(|a| !a.is_whitespace() && a != mark)
                    && before.is_none_or(|b| !b.is_alphanumeric()) =>
                {
                    open = Some(k);
                }
                Some(o)
                    if before.is_some_and(|b| !b.is_whitespace() && b != mark)
                        && after.is_none_or(|a| !a.is_alphanumeric()) =>
                {
                    keep[o] = false;
                    keep[k] = false;
                    open = None;
                }
                _ => {}
            }
        }
        if keep.iter().any(|k| !k) {
            out = chars
                .iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(c, _)| *c)
                .collect();
            changed = true;
        }
    }
    changed.then_some(out)
}

/// Text written in 7-bit Swedish (ISO 646-SE, SEN 850200), as mainframe printouts and terminals
/// of the 1970s and 1980s kept it: '{' for 'ä', '|' for 'ö', '}' for 'å', '[' for 'Ä', '\\' for
/// 'Ö', ']' for 'Å' ("Sammantr{desprotokoll", "G|ran ]str|m"). Read with its letters when the
/// text has no å, ä or ö of its own and five or more of '{', '|' and '}' stand between two
/// letters; only the marks that touch a letter change, so a bracket or a bar set apart stays,
/// and so does a Markdown table's row.
/// `None` for any other text.
pub(crate) fn from_seven_bit_swedish(input: &str) -> Option<String> {
    if input.contains(['å', 'ä', 'ö', 'Å', 'Ä', 'Ö']) {
        return None;
    }
    let b = input.as_bytes();
    let letter = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphabetic);
    // a Markdown table's row ("|Anna|S|ja|") is no 7-bit word: its line is left as it is
    let mut in_table = vec![false; b.len()];
    let mut at = 0;
    for line in input.split_inclusive('\n') {
        let t = line.trim();
        if t.len() > 1 && t.starts_with('|') && t.ends_with('|') {
            in_table[at..at + line.len()]
                .iter_mut()
                .for_each(|x| *x = true);
        }
        at += line.len();
    }
    let between = (1..b.len())
        .filter(|&i| {
            !in_table[i] && matches!(b[i], b'{' | b'|' | b'}') && letter(i - 1) && letter(i + 1)
        })
        .take(5)
        .count();
    if between < 5 {
        return None;
    }
    let marks = |c: u8| matches!(c, b'{' | b'|' | b'}' | b'[' | b'\\' | b']');
    // a mark beside a letter, or beside another mark that is (a word "[{" of two)
    let touches = |i: usize| {
        letter(i.wrapping_sub(1))
            || letter(i + 1)
            || (i > 0 && marks(b[i - 1]) && letter(i.wrapping_sub(2)))
            || (b.get(i + 1).is_some_and(|&c| marks(c)) && letter(i + 2))
    };
    let mut out = String::with_capacity(input.len() + 16);
    for (i, c) in input.char_indices() {
        let swedish = match c {
            '{' => 'ä',
            '|' => 'ö',
            '}' => 'å',
            '[' => 'Ä',
            '\\' => 'Ö',
            ']' => 'Å',
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push(if touches(i) && !in_table[i] {
            swedish
        } else {
            c
        });
    }
    Some(out)
}

/// A document's Rich Text Format source saved or sent as the protocol (Word's "RTF" of the
/// 2000s, a publishing system's export): its text. Groups of fonts, colours, styles, the
/// document's information, page headers and footers, pictures and ignorable destinations
/// (`{\*\…}`) are dropped; `\par` and `\line` end a line, `\tab` and `\cell` part cells with a
/// tab, `\row` ends a table's row (a line break inside a later cell goes on under that cell);
/// `\'e4` is a Windows-1252 byte, `\u228?` a character. `None` when the text is no RTF.
pub(crate) fn rtf_to_text(input: &str) -> Option<String> {
    if !input.trim_start().starts_with("{\\rtf") {
        return None;
    }
    const SKIPPED: &[&str] = &[
        "fonttbl",
        "colortbl",
        "stylesheet",
        "info",
        "header",
        "headerl",
        "headerr",
        "headerf",
        "footer",
        "footerl",
        "footerr",
        "footerf",
        "pict",
        "object",
        "listtable",
        "listoverridetable",
        "rsidtbl",
        "generator",
        "xmlnstbl",
        "themedata",
        "latentstyles",
        "colorschememapping",
        "datastore",
        "revtbl",
        "filetbl",
        "fldinst",
        "bkmkstart",
        "bkmkend",
        "pgdsctbl",
        "nonshppict",
        "shpinst",
    ];
    let mut out = String::with_capacity(input.len() / 2);
    // (skipped, characters to skip after \uN) of each open group
    let mut stack: Vec<(bool, usize)> = vec![(false, 1)];
    let mut cell = 0usize;
    let mut pending_skip = 0usize;
    let chars: Vec<char> = input.chars().collect();
    let mut i = 0;
    let line_end = |out: &mut String, indent: usize| {
        while out.ends_with([' ', '\t']) {
            out.pop();
        }
        out.push('\n');
        for _ in 0..indent {
            out.push('\t');
        }
    };
    while i < chars.len() {
        let c = chars[i];
        let (skip, uc) = *stack.last().unwrap_or(&(false, 1));
        match c {
            '{' => {
                stack.push((skip, uc));
                i += 1;
            }
            '}' => {
                if stack.len() > 1 {
                    stack.pop();
                }
                i += 1;
            }
            '\r' | '\n' => i += 1,
            '\\' => {
                let Some(&n) = chars.get(i + 1) else { break };
                if n == '\'' {
                    let hex: String = chars.iter().skip(i + 2).take(2).collect();
                    i += 4;
                    if pending_skip > 0 {
                        pending_skip -= 1;
                    } else if !skip && let Ok(b) = u8::from_str_radix(&hex, 16) {
                        let byte = [b];
                        let (t, _, _) = encoding_rs::WINDOWS_1252.decode(&byte);
                        out.push_str(&t);
                    }
                    continue;
                }
                if !n.is_ascii_alphabetic() {
                    i += 2;
                    match n {
                        '*' => {
                            if let Some(top) = stack.last_mut() {
                                top.0 = true;
                            }
                        }
                        '\\' | '{' | '}' if !skip => out.push(n),
                        '~' if !skip => out.push(' '),
                        '_' if !skip => out.push('-'),
                        _ => {}
                    }
                    continue;
                }
                let mut j = i + 1;
                while j < chars.len() && chars[j].is_ascii_alphabetic() {
                    j += 1;
                }
                let word: String = chars[i + 1..j].iter().collect();
                let num_start = j;
                if j < chars.len() && chars[j] == '-' {
                    j += 1;
                }
                while j < chars.len() && chars[j].is_ascii_digit() {
                    j += 1;
                }
                let num: Option<i64> = chars[num_start..j].iter().collect::<String>().parse().ok();
                if j < chars.len() && chars[j] == ' ' {
                    j += 1;
                }
                i = j;
                if SKIPPED.contains(&word.as_str()) {
                    if let Some(top) = stack.last_mut() {
                        top.0 = true;
                    }
                    continue;
                }
                if word == "uc" {
                    if let Some(top) = stack.last_mut() {
                        top.1 = usize::try_from(num.unwrap_or(1)).unwrap_or(1);
                    }
                    continue;
                }
                if skip {
                    continue;
                }
                match word.as_str() {
                    "par" | "line" | "sect" | "page" => line_end(&mut out, cell),
                    "tab" => out.push('\t'),
                    "cell" => {
                        out.push('\t');
                        cell += 1;
                    }
                    "row" => {
                        cell = 0;
                        line_end(&mut out, 0);
                    }
                    "trowd" => cell = 0,
                    "u" => {
                        if let Some(n) = num {
                            let n = if n < 0 { n + 65536 } else { n };
                            if let Some(ch) = u32::try_from(n).ok().and_then(char::from_u32) {
                                out.push(ch);
                            }
                            pending_skip = uc;
                        }
                    }
                    "emdash" => out.push('—'),
                    "endash" => out.push('–'),
                    "bullet" => out.push('•'),
                    "lquote" => out.push('‘'),
                    "rquote" => out.push('’'),
                    "ldblquote" => out.push('“'),
                    "rdblquote" => out.push('”'),
                    _ => {}
                }
            }
            _ => {
                i += 1;
                if pending_skip > 0 {
                    pending_skip -= 1;
                } else if !skip {
                    out.push(c);
                }
            }
        }
    }
    Some(out)
}

/// A web page's HTML source saved as the protocol ("Spara som" of a publishing system's page, a
/// scraper's download): its text as a browser lays it out, so that the rest of the parser reads
/// it as any other text. The head, scripts, styles, the site's navigation and footer are
/// dropped; a
/// paragraph, a heading or a list item is a block of its own between blank lines, a table's row
/// a line with its cells between tabs (a line break inside a later cell goes on under that
/// cell, as PDF text is written); entities are decoded ("&auml;", "&sect;", "&#167;",
/// "&nbsp;"). `None` when the text is no HTML document.
pub(crate) fn html_to_text(input: &str) -> Option<String> {
    let head = input
        .trim_start()
        .get(..200)
        .unwrap_or(input.trim_start())
        .to_ascii_lowercase();
    if !(head.starts_with("<!doctype html") || head.starts_with("<html")) || !input.contains("</") {
        return None;
    }
    const DROPPED: &[&str] = &[
        "head", "script", "style", "nav", "noscript", "template", "svg", "footer",
    ];
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "table",
        "tbody",
        "thead",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "blockquote",
        "dl",
        "dt",
        "dd",
        "pre",
        "title",
        "form",
        "figure",
        "address",
        "hr",
    ];
    let mut out = String::with_capacity(input.len() / 2);
    // the cell of the table row being written, once one has begun
    let mut cell: Option<usize> = None;
    let mut rest = input;
    while let Some(lt) = rest.find('<') {
        push_html_text(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |e| &rest[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !closing && DROPPED.contains(&name.as_str()) && !tag.ends_with('/') {
            // skip to the element's end (these hold no nested element of their own name)
            let end = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = match lower.find(&end) {
                Some(e) => rest[e..].find('>').map_or("", |g| &rest[e + g + 1..]),
                None => "",
            };
            continue;
        }
        match name.as_str() {
            "br" => {
                out.push('\n');
                for _ in 0..cell.unwrap_or(0) {
                    out.push('\t');
                }
            }
            "tr" => {
                end_line(&mut out);
                cell = None;
            }
            "td" | "th" if !closing => match cell {
                Some(k) => {
                    out.push('\t');
                    cell = Some(k + 1);
                }
                None => cell = Some(0),
            },
            n if BLOCKS.contains(&n) => {
                cell = None;
                end_line(&mut out);
                if !out.is_empty() && !out.ends_with("\n\n") {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
    push_html_text(&mut out, rest);
    Some(out)
}

/// Ends the line being written, if any.
fn end_line(out: &mut String) {
    while out.ends_with([' ', '\t']) {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Appends a text node of HTML: its runs of white space one space (none at a line's start), its
/// entities decoded.
fn push_html_text(out: &mut String, text: &str) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let c = if c == '&' {
            let mut name = String::new();
            while let Some(&n) = chars.peek() {
                if n == ';' || name.len() > 10 || !(n.is_ascii_alphanumeric() || n == '#') {
                    break;
                }
                name.push(n);
                chars.next();
            }
            match (chars.peek() == Some(&';'))
                .then(|| html_entity(&name))
                .flatten()
            {
                Some(d) => {
                    chars.next();
                    d
                }
                None => {
                    out.push('&');
                    out.push_str(&name);
                    continue;
                }
            }
        } else {
            c
        };
        if c.is_whitespace() && c != '\u{a0}' {
            if !(out.is_empty() || out.ends_with([' ', '\n', '\t'])) {
                out.push(' ');
            }
        } else if c == '\u{a0}' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
}

/// The character an HTML entity names (`auml`, `sect`, `#167`, `#xE4`).
fn html_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(n).filter(|c| !c.is_control() || c.is_whitespace());
    }
    Some(match name {
        "nbsp" => '\u{a0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "aring" => 'å',
        "auml" => 'ä',
        "ouml" => 'ö',
        "Aring" => 'Å',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "eacute" => 'é',
        "Eacute" => 'É',
        "uuml" => 'ü',
        "Uuml" => 'Ü',
        "aelig" => 'æ',
        "oslash" => 'ø',
        "sect" => '§',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "shy" => '\u{ad}',
        "deg" => '°',
        "euro" => '€',
        "copy" => '©',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        _ => return None,
    })
}

/// A table's column of labels written before its column of values, each cell a block of its
/// own between blank lines, as text boxes come out of a PDF read box by box (pdfminer's
/// `pdf2txt.py` groups the nearest boxes first, so a column of labels comes before the column of
/// values beside it): three or more blocks that are cover labels alone ("Plats och tid" /
/// "Beslutande" / "Ersättare" / "Justeringens" + "plats och tid"), then as many blocks of values
/// on the same page, are set back side by side, each label on the first line of its value and
/// the value's further lines under it, as `-layout` text prints a table. A signatures' heading
/// ("Underskrifter") takes no value; a block among the values that opens with a label of its
/// own ("Paragrafer 41–46") is none of them and stays after the table. `None` when no such
/// column is found.
fn labels_then_values(raw: &[(usize, usize, String)]) -> Option<Vec<(usize, usize, String)>> {
    // Blocks: runs of lines with text on one page, as (first, end) indices into `raw`.
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        if raw[i].2.trim().is_empty() {
            i += 1;
            continue;
        }
        let start = i;
        while i < raw.len() && !raw[i].2.trim().is_empty() && raw[i].1 == raw[start].1 {
            i += 1;
        }
        blocks.push((start, i));
    }
    let joined = |b: (usize, usize)| -> String {
        raw[b.0..b.1]
            .iter()
            .map(|r| r.2.trim())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let heading = |t: &str| {
        lexicon::SIGNATURE_HEADINGS.contains(&t.trim_end_matches(':').to_lowercase().as_str())
    };
    // a label's block: one or two short lines
    let label = |b: (usize, usize)| {
        b.1 - b.0 <= 2 && {
            let t = joined(b);
            t.chars().count() <= 45 && (heading(&t) || super::cover::is_bare_label(&t))
        }
    };
    if blocks.iter().filter(|b| label(**b)).count() < 3 {
        return None;
    }
    // the label blocks, value blocks and blocks kept after them of each table found
    type Table = (
        Vec<(usize, usize)>,
        Vec<(usize, usize)>,
        Vec<(usize, usize)>,
    );
    let mut tables: Vec<Table> = Vec::new();
    let page_of = |b: (usize, usize)| raw[b.0].1;
    let mut k = 0;
    while k < blocks.len() {
        let page = page_of(blocks[k]);
        let run_end = (k..blocks.len())
            .find(|&j| !label(blocks[j]) || page_of(blocks[j]) != page)
            .unwrap_or(blocks.len());
        let wanting = blocks[k..run_end]
            .iter()
            .filter(|b| !heading(&joined(**b)))
            .count();
        if wanting < 3 {
            k = run_end.max(k + 1);
            continue;
        }
        let (mut values, mut kept) = (Vec::new(), Vec::new());
        let mut j = run_end;
        while values.len() < wanting && j < blocks.len() && page_of(blocks[j]) == page {
            let b = blocks[j];
            if label(b) {
                break;
            }
            if super::cover::is_label(raw[b.0].2.trim()) {
                kept.push(b);
            } else {
                values.push(b);
            }
            j += 1;
        }
        if values.len() == wanting {
            tables.push((blocks[k..run_end].to_vec(), values, kept));
            k = j;
        } else {
            k = run_end;
        }
    }
    if tables.is_empty() {
        return None;
    }
    // Each table where its first label stood; its blocks gone from where they were.
    let mut skip = vec![false; raw.len()];
    let mut at: HashMap<usize, usize> = HashMap::new();
    for (n, (labels, values, kept)) in tables.iter().enumerate() {
        for b in labels.iter().chain(values).chain(kept) {
            skip[b.0..b.1].iter_mut().for_each(|s| *s = true);
        }
        at.insert(labels[0].0, n);
    }
    let mut out: Vec<(usize, usize, String)> = Vec::with_capacity(raw.len() + 8);
    for (idx, r) in raw.iter().enumerate() {
        if let Some(&n) = at.get(&idx) {
            let (labels, values, kept) = &tables[n];
            let width = labels
                .iter()
                .map(|b| joined(*b).chars().count())
                .max()
                .unwrap_or(0)
                + 4;
            let mut values = values.iter();
            for b in labels {
                let text = joined(*b);
                if heading(&text) {
                    out.push((raw[b.0].0, r.1, text));
                    continue;
                }
                let Some(v) = values.next() else { break };
                for (m, line) in raw[v.0..v.1].iter().enumerate() {
                    let (no, lead) = if m == 0 {
                        (raw[b.0].0, text.as_str())
                    } else {
                        (line.0, "")
                    };
                    out.push((no, r.1, format!("{lead:<width$}{}", line.2.trim())));
                }
                out.push((raw[v.1 - 1].0, r.1, String::new()));
            }
            for b in kept {
                out.extend(raw[b.0..b.1].iter().cloned());
                out.push((raw[b.1 - 1].0, r.1, String::new()));
            }
        }
        if !skip[idx] {
            out.push(r.clone());
        }
    }
    Some(out)
}

/// A heading underlined as plain text writes it (`pandoc -t plain`, Markdown's setext headings,
/// a typist's underline): a line of '=' or '-' alone, under a line of text about as wide, is no
/// rule between sections and no text, and is cleared. A rule wider or narrower than the line
/// above (a table's border, a separator) stays.
fn setext_underlines(raw: &mut [(usize, usize, String)]) {
    let underline = |t: &str| {
        let t = t.trim();
        t.len() >= 3 && (t.bytes().all(|b| b == b'=') || t.bytes().all(|b| b == b'-'))
    };
    for i in 1..raw.len() {
        let t = raw[i].2.trim();
        if !underline(t) || raw[i - 1].1 != raw[i].1 {
            continue;
        }
        let above = raw[i - 1].2.trim();
        if above.is_empty() || underline(above) || above.starts_with('|') {
            continue;
        }
        let (w, a) = (t.len(), above.chars().count());
        if w.abs_diff(a) <= 3 {
            raw[i].2.clear();
        }
    }
}

/// How many of the first lines are an extraction tool's metadata written before the text, as
/// Apache Tika writes them (`Content-Type: application/pdf`, `dc:title: …`, `X-TIKA:Parsed-By:
/// …`, `xmpTPg:NPages: 5`): a run of `key: value` lines whose keys are one word each, some in a
/// namespace (`dc:`, `pdf:`), with the file's media type among them; 0 when there is none.
fn metadata_lines<'a>(lines: impl Iterator<Item = &'a str>) -> usize {
    // (the key is in a namespace, the key is the media type's)
    let key = |t: &str| -> Option<(bool, bool)> {
        let t = t.trim();
        let k = t
            .split_once(": ")
            .map_or_else(|| t.strip_suffix(':'), |(k, _)| Some(k))?;
        let ok = k.len() <= 60
            && k.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
            && k.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'_' | b'-' | b'.'));
        ok.then(|| (k.contains(':'), k.eq_ignore_ascii_case("content-type")))
    };
    let mut n = 0;
    let (mut spaced, mut media) = (0, false);
    let mut last = 0;
    for (i, l) in lines.enumerate() {
        if l.trim().is_empty() {
            if n == 0 {
                continue;
            }
            break;
        }
        let Some((ns, ct)) = key(l) else { break };
        n += 1;
        spaced += usize::from(ns);
        media |= ct;
        last = i + 1;
    }
    if n >= 3 && media && spaced >= 1 {
        last
    } else {
        0
    }
}

/// Normalises the input into furniture-free lines.
pub(crate) fn normalise(input: &str) -> Doc {
    let cleaned = clean_input(input);
    let cleaned = if cleaned.contains("+-")
        && cleaned
            .lines()
            .any(|l| is_grid_border(l.trim_start().trim_end()))
    {
        grid_tables(&cleaned).unwrap_or(cleaned)
    } else {
        cleaned
    };
    let has_ff = cleaned.contains('\u{c}');
    // (line number, page, text)
    let mut raw: Vec<(usize, usize, String)> = Vec::new();
    let mut page = 0;
    for (i, l) in cleaned.split('\n').enumerate() {
        if has_ff && l.contains('\u{c}') {
            let ffs = l.matches('\u{c}').count();
            // A form feed at the start opens a new page for this line; one at the end closes the
            // page after it.
            let leading = l.trim_start_matches([' ', '\t']).starts_with('\u{c}');
            let text = l.replace('\u{c}', "");
            if leading {
                page += ffs;
                push_unmarked(&mut raw, i + 1, page, &text);
            } else {
                push_unmarked(&mut raw, i + 1, page, &text);
                page += ffs;
            }
            continue;
        }
        push_unmarked(&mut raw, i + 1, page, l);
    }
    // A YAML front matter of a conversion (`---` … `---` at the top) is no text of the minutes
    // (its authority is read from the input by `find_authority`).
    if raw.first().is_some_and(|(_, _, t)| t.trim() == "---")
        && let Some(end) = raw
            .iter()
            .skip(1)
            .take(40)
            .position(|(_, _, t)| t.trim() == "---" || t.trim() == "...")
    {
        for r in raw.iter_mut().take(end + 2) {
            r.2.clear();
        }
    }
    // An extraction tool's metadata lines before the text (Apache Tika: 'Content-Type:
    // application/pdf', 'dc:title: …', 'pdf:docinfo:creator_tool: …') are no text of the minutes.
    let meta = metadata_lines(raw.iter().map(|(_, _, t)| t.as_str()));
    for r in raw.iter_mut().take(meta) {
        r.2.clear();
    }
    setext_underlines(&mut raw);
    if let Some(paired) = labels_then_values(&raw) {
        raw = paired;
    }
    misread_signs(&mut raw);
    margin_heads(&mut raw);
    item_heads(&mut raw);
    labelled_heads(&mut raw);
    numbered_points(&mut raw);
    let mut doc = Doc {
        page_count: page + 1,
        ..Doc::default()
    };
    if let Some((d, no)) = prescan_meeting_date(&raw) {
        doc.meeting_date = Some(d);
        doc.meeting_date_line = Some(no);
    }
    let date = doc.meeting_date;

    // Furniture, line by line.
    let mut furnished = vec![false; doc.page_count];
    let mut lines: Vec<Line> = Vec::with_capacity(raw.len());
    // A bare page number ("4") is furniture beside other furniture or at a page boundary;
    // elsewhere a number alone on its line may be a value ("§§ 13-" / "21").
    let bare_number =
        |t: &str| !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit());
    let page_numbers: HashSet<usize> = {
        let nonblank: Vec<usize> = (0..raw.len())
            .filter(|&i| !raw[i].2.trim().is_empty())
            .collect();
        let furniture_at = |k: usize| {
            let t = raw[k].2.trim();
            might_be_furniture(t) && is_furniture_text(t)
        };
        nonblank
            .iter()
            .enumerate()
            .filter(|(_, i)| bare_number(raw[**i].2.trim()))
            .filter(|(j, i)| {
                let prev = j.checked_sub(1).map(|p| nonblank[p]);
                let next = nonblank.get(j + 1).copied();
                [prev, next].into_iter().any(|n| match n {
                    None => true,
                    Some(n) => raw[n].1 != raw[**i].1 || furniture_at(n),
                })
            })
            .map(|(_, i)| raw[*i].0)
            .collect()
    };
    for (no, pg, text) in raw {
        let t = text.trim();
        if t.is_empty() {
            lines.push(Line {
                no,
                page: pg,
                text: String::new(),
            });
            continue;
        }
        if !doc.classic
            && t.len() < 200
            && (t.contains("SAMMANTRÄDESPROTOKOLL") || t.contains("ammanträdesprotokoll"))
        {
            doc.classic = true;
        }
        if text.contains('\t') {
            let tt = t.trim_matches('\t');
            let whole = might_be_furniture(tt) && is_furniture_text(tt);
            if whole || is_furniture_row(tt) {
                if !whole && doc.furniture_names.len() < 4 {
                    let furniture = |c: &str| might_be_furniture(c) && is_furniture_text(c);
                    let names = tt
                        .split('\t')
                        .map(str::trim)
                        .filter(|c| !c.is_empty() && !furniture(c));
                    for c in names {
                        if !doc.furniture_names.iter().any(|n| n == c) {
                            doc.furniture_names.push(c.to_string());
                        }
                    }
                }
                if STRONG.is_match(tt)
                    && let Some(f) = furnished.get_mut(pg)
                {
                    *f = true;
                }
                continue;
            }
            let text = strip_date_cell(&text, date).unwrap_or(text);
            lines.push(Line { no, page: pg, text });
            continue;
        }
        // a bare page number standing alone on its line
        let page_number = page_numbers.contains(&no);
        if page_number || might_be_furniture(t) && is_furniture_text(t) {
            if STRONG.is_match(t)
                && let Some(f) = furnished.get_mut(pg)
            {
                *f = true;
            }
            // "____" over "Justerandes sign   Utdragsbestyrkande": the footer's rule
            if !page_number {
                drop_rule_above(&mut lines);
            }
            continue;
        }
        // Only lines with a wide gap can carry a right-hand column.
        // Only lines with an inner gap, or standing in the right half, can carry a right-hand
        // column.
        let body = text.trim_start();
        if body.contains("  ") || text.len() - body.len() >= 30 {
            let (rest, removed) = strip_layout_line(&text, date);
            if removed {
                if STRONG.is_match(&text)
                    && let Some(f) = furnished.get_mut(pg)
                {
                    *f = true;
                }
                if rest.trim().is_empty() {
                    continue;
                }
                lines.push(Line {
                    no,
                    page: pg,
                    text: rest.trim_end().to_string(),
                });
                continue;
            }
        }
        lines.push(Line { no, page: pg, text });
    }

    // The repeated page-top line: the body's name ("Direktionen", "BUN", "KOMMUNFULLMÄKTIGE").
    if has_ff {
        let mut firsts: HashMap<String, usize> = HashMap::new();
        let mut current_page = usize::MAX;
        let mut seen_in_page = 0;
        // A page's top ends at a paragraph's head: the lines under it ("Revisorerna beslutar",
        // opening every paragraph of a page per paragraph) are the paragraph's.
        let mut past_head = false;
        for l in &lines {
            if l.page != current_page {
                current_page = l.page;
                seen_in_page = 0;
                past_head = false;
            }
            if l.is_blank() || past_head {
                continue;
            }
            if l.trimmed().starts_with('§') && super::items::match_head(&l.text).is_some() {
                past_head = true;
                continue;
            }
            seen_in_page += 1;
            // a section heading ("Beslut") opening every paragraph on its own page is no header
            let key = page_top_key(l.trimmed());
            // The meeting's date alone on the third line of the page top ("Förbundsstyrelsen
            // PROTOKOLL" / "2024-03-12") recurs as the header does.
            if (seen_in_page <= 2
                && (is_short_heading_like(&key) || is_date_heading(&key))
                && super::items::classify_heading(&key).is_none())
                || (seen_in_page <= 3 && is_bare_date(&key))
                || (seen_in_page <= TOP_DATE_DEPTH && is_date_cell_of_a_top(&key))
            {
                *firsts.entry(key).or_default() += 1;
            }
        }
        let headers: Vec<String> = firsts
            .into_iter()
            .filter(|(_, n)| *n >= 2 && *n * 4 >= doc.page_count)
            .map(|(h, _)| h)
            .collect();
        if !headers.is_empty() {
            let mut current_page = usize::MAX;
            let mut seen_in_page = 0;
            let mut out = Vec::with_capacity(lines.len());
            let mut order: Vec<String> = Vec::new();
            // Where each header stands at a page top: the same text at the same indentation
            // is the letterhead wherever it stands (a page break the text did not mark).
            let mut indents: Vec<(String, usize)> = Vec::new();
            for l in lines {
                if l.page != current_page {
                    current_page = l.page;
                    seen_in_page = 0;
                }
                if !l.is_blank() {
                    seen_in_page += 1;
                    // A page top's key is made of the line's own words, so a line lacking a
                    // word of every header is none of them: most lines, and their key is then
                    // not worth making (a tenth of the parse's time, issue 18).
                    let t = l.trimmed();
                    let may_be_header = headers
                        .iter()
                        .any(|h| h.split_whitespace().all(|w| t.contains(w)));
                    let key = if may_be_header {
                        page_top_key(t)
                    } else {
                        String::new()
                    };
                    let header = may_be_header && headers.contains(&key);
                    let same_place = header
                        && l.indent() >= 20
                        && indents
                            .iter()
                            .any(|(h, i)| *h == key && i.abs_diff(l.indent()) <= 1);
                    let depth = if header && is_date_cell_of_a_top(&key) {
                        TOP_DATE_DEPTH
                    } else {
                        3
                    };
                    if header && seen_in_page <= 3 {
                        indents.push((key.clone(), l.indent()));
                    }
                    if (seen_in_page <= depth || same_place) && header {
                        if let Some(f) = furnished.get_mut(l.page) {
                            *f = true;
                        }
                        if doc.letterhead_date.is_none()
                            && (key != l.trimmed() || is_bare_date(&key))
                        {
                            doc.letterhead_date =
                                super::dates::find_date(l.trimmed()).map(|(d, _)| (d, l.no));
                        }
                        if !order.contains(&key) {
                            order.push(key);
                        }
                        continue;
                    }
                }
                out.push(l);
            }
            lines = out;
            // The body's name rather than the authority's ("Storvik kommun" above "Kommunstyrelsen"),
            // a förbund's name in capitals too ("RÄDDNINGSTJÄNSTEN NORRDALEN" above "Direktionen"):
            // a line naming a body is preferred to one that does not.
            let names_body = |h: &str| {
                super::body_title(h)
                    .or_else(|| super::bare_body_title(h))
                    .is_some()
            };
            doc.header_line = order
                .iter()
                .filter(|h| !is_date_heading(h) && !is_date_cell_of_a_top(h))
                .find(|h| names_body(h) && !is_document_kind(h))
                .or(order
                    .iter()
                    .filter(|h| !is_date_heading(h) && !is_date_cell_of_a_top(h))
                    .find(|h| !is_authority_like(h) && !is_document_kind(h)))
                .or(order
                    .iter()
                    .find(|h| !is_date_heading(h) && !is_date_cell_of_a_top(h))
                    .filter(|h| !is_document_kind(h)))
                .cloned();
            order.retain(|h| !is_date_cell_of_a_top(h));
            doc.header_lines = order;
        } else if let Some(first) = lines
            .iter()
            .find(|l| !l.is_blank())
            .map(|l| l.trimmed().to_string())
            .filter(|f| is_short_heading_like(&page_top_key(f)))
            && lines.iter().filter(|l| l.trimmed() == first).count() >= 3
        {
            // Page breaks that do not fall where the letterhead does: the first line, recurring
            // standing alone, is still furniture wherever it stands, and so are the lines that
            // follow it the same each time (the date line of a letterhead).
            let followers = page_top_followers(&lines, &first);
            let mut top: &[String] = &[];
            let mut letterhead_date = doc.letterhead_date;
            lines.retain(|l| {
                if l.trimmed() == first {
                    top = &followers;
                    return false;
                }
                if !l.is_blank() {
                    if top.first().is_some_and(|f| same_top_line(f, l.trimmed())) {
                        top = &top[1..];
                        // the meeting's date, printed only in the page top, is still read
                        // (alone, or in a cell beside the body's name: "Socialnämnden
                        // 2025-05-06")
                        if letterhead_date.is_none() && dated_top_line(l.trimmed()) {
                            letterhead_date =
                                super::dates::find_date(l.trimmed()).map(|(d, _)| (d, l.no));
                        }
                        return false;
                    }
                    top = &[];
                }
                true
            });
            doc.letterhead_date = letterhead_date;
            // The body's name rather than the authority's, as without form feeds below
            // ("LOMMA KOMMUN" over "Barn- och utbildningsnämnden").
            doc.header_line = std::iter::once(&first)
                .chain(&followers)
                .map(|h| page_top_key(h))
                .find(|h| !is_authority_like(h) && !is_document_kind(h) && !is_date_heading(h))
                .or_else(|| Some(first.clone()).filter(|f| !is_document_kind(f)));
            doc.header_lines = std::iter::once(first).chain(followers).collect();
        }
    } else {
        // Without form feeds: the first line, when it recurs standing alone, is a page top. It
        // is compared as a page top's key: "VÄSTERFORS KOMMUN ⋯ Sida", its date cell gone, is
        // as short as the kommun's name.
        let first = lines
            .iter()
            .find(|l| !l.is_blank())
            .map(|l| l.trimmed().to_string());
        if let Some(first) = first.filter(|f| is_short_heading_like(&page_top_key(f))) {
            let count = lines.iter().filter(|l| l.trimmed() == first).count();
            if count >= 3 {
                let followers = page_top_followers(&lines, &first);
                let mut page = 0;
                let mut out = Vec::with_capacity(lines.len());
                let mut seen_any = false;
                // The page top's lines still to strip after the last `first`.
                let mut top: &[String] = &[];
                for mut l in lines {
                    if l.trimmed() == first {
                        if seen_any {
                            page += 1;
                        }
                        seen_any = true;
                        top = &followers;
                        continue;
                    }
                    if !l.is_blank() {
                        if top.first().is_some_and(|f| same_top_line(f, l.trimmed())) {
                            top = &top[1..];
                            // the meeting's date, printed only in the page top, is still read
                            if doc.letterhead_date.is_none() && dated_top_line(l.trimmed()) {
                                doc.letterhead_date =
                                    super::dates::find_date(l.trimmed()).map(|(d, _)| (d, l.no));
                            }
                            continue;
                        }
                        top = &[];
                    }
                    l.page = page;
                    out.push(l);
                }
                lines = out;
                doc.page_count = page + 1;
                furnished = vec![true; doc.page_count];
                doc.header_line = std::iter::once(&first)
                    .chain(&followers)
                    .map(|h| page_top_key(h))
                    .find(|h| !is_authority_like(h) && !is_document_kind(h) && !is_date_heading(h));
                doc.header_lines = std::iter::once(first).chain(followers).collect();
            }
        }
    }

    if has_ff {
        strip_lone_page_tops(&mut lines);
        strip_repeated_page_feet(&mut lines, doc.page_count);
    }

    if !has_ff
        && doc.header_lines.is_empty()
        && let Some(top) = strip_numbered_page_tops(&mut lines)
    {
        doc.header_line.get_or_insert_with(|| top.clone());
        doc.header_lines = vec![top];
    }

    // Run-in headings.
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        if l.text.len() > 12 && has_run_in(&l.text) && RUN_IN_HEADING.is_match(&l.text) {
            let mut rest = l.text.as_str();
            let mut pieces = Vec::new();
            while let Some(c) = RUN_IN_HEADING.captures(rest) {
                let (Some(pre), Some(h)) = (c.get(1), c.get(2)) else {
                    break;
                };
                if h.start() == 0 {
                    break;
                }
                pieces.push(rest[..pre.end()].to_string());
                rest = &rest[h.start()..];
                let after = &rest[h.end() - h.start()..];
                if !after.trim().is_empty() && !after.starts_with(':') && !after.starts_with(' ') {
                    pieces.push(rest[..h.end() - h.start()].to_string());
                    rest = after;
                }
            }
            pieces.push(rest.to_string());
            for p in pieces {
                out.push(Line {
                    no: l.no,
                    page: l.page,
                    text: p,
                });
            }
        } else {
            out.push(l);
        }
    }
    split_run_in_titles(&mut out);
    web_page_tail(&mut out);
    doc.lines = out;
    doc.furnished_pages = furnished;
    doc
}

/// The controls and closing lines of a kommun's web page, as a page saved from the browser
/// prints them after its text ("Skriv ut", "Dela", "Senast uppdaterad: …", "Sidansvarig: …");
/// lowercase, each a whole line or a line's opening before a colon.
const WEB_PAGE_CLOSING: &[&str] = &[
    "skriv ut",
    "dela",
    "dela sidan",
    "senast uppdaterad",
    "sidan uppdaterades senast",
    "sidansvarig",
    "till toppen",
    "tipsa",
    "hittade du den information du sökte?",
    "hjälpte informationen på sidan dig?",
];

/// How many of [`WEB_PAGE_CLOSING`] a line is made of, one after the other ("Skriv ut Dela",
/// as a page's links share a line; "Senast uppdaterad: 2026-05-26", its value after the
/// colon); 0 when anything else is on it.
fn web_page_closings(t: &str) -> usize {
    let t = t.trim();
    if t.is_empty() || t.len() > 60 {
        return 0;
    }
    let lower = t.to_lowercase();
    let mut rest = lower.as_str();
    let mut count = 0;
    while !rest.is_empty() {
        // the longest phrase first ("dela sidan" before "dela")
        let Some(after) = WEB_PAGE_CLOSING
            .iter()
            .filter_map(|w| rest.strip_prefix(w))
            .filter(|a| a.is_empty() || a.starts_with([' ', ':', '\t']))
            .min_by_key(|a| a.len())
        else {
            return 0;
        };
        count += 1;
        if after.starts_with(':') {
            break;
        }
        rest = after.trim_start();
    }
    count
}

/// Minutes saved from a web page end where the page's controls and closing lines begin after
/// the last paragraph's head ("Skriv ut" / "Dela" / "Senast uppdaterad: 2026-05-26" /
/// "Sidansvarig: …", then the site's footer and its cookie banner): two such lines within
/// three lines of each other, or a line of two ("Skriv ut Dela"), with no head after them, end
/// the text, and the lines from the
/// first of them on are blanked, so the footer is no part of the last decision.
fn web_page_tail(lines: &mut [Line]) {
    let Some(last_head) = lines
        .iter()
        .rposition(|l| l.text.contains('§') && super::items::match_head(&l.text).is_some())
    else {
        return;
    };
    let tail: Vec<usize> = (last_head + 1..lines.len())
        .filter(|&i| !lines[i].is_blank())
        .collect();
    let Some(k) = (0..tail.len()).find(|&k| match web_page_closings(&lines[tail[k]].text) {
        0 => false,
        1 => tail[k + 1..]
            .iter()
            .take(3)
            .any(|&j| web_page_closings(&lines[j].text) > 0),
        _ => true,
    }) else {
        return;
    };
    for l in &mut lines[tail[k]..] {
        l.text.clear();
    }
}

/// A head run in with its paragraph's text after a colon, as an association's style of
/// minutes prints every paragraph ("§ 1 Mötets öppnande: Ordföranden hälsade …", "§ 5
/// Delårsrapport 2025 (Dnr SVA 2025/31): Förbundschefen redogjorde …"): the head's title and
/// the text after it, `None` for any other line. The title is a heading's shape (capitalised,
/// no sentence in it, at most twelve words, its brackets closed) and the text a sentence (a
/// capital; with `whole`, three words or a full stop, as a line tells that the protocol runs its
/// heads in: the line may wrap two words after the colon).
fn run_in_title(text: &str, whole: bool) -> Option<(String, String)> {
    if !text.contains(": ") {
        return None;
    }
    let head = super::items::match_head(text)?;
    if head.continuation || head.trailing || head.rest.is_empty() {
        return None;
    }
    let at = text.rfind(head.rest.as_str())?;
    let rest = &text[at..];
    let colon = rest.find(": ")?;
    let title = rest[..colon].trim_end();
    let after = rest[colon + 1..].trim();
    let closed = title.matches('(').count() == title.matches(')').count();
    let heading = title.starts_with(char::is_uppercase)
        && closed
        && !title.contains(". ")
        && title.split_whitespace().count() <= 12
        && title.chars().count() <= 100;
    let sentence = after.starts_with(char::is_uppercase)
        && (!whole || after.split_whitespace().count() >= 3 || after.ends_with('.'));
    (heading && sentence).then(|| (text[..at + colon].to_string(), after.to_string()))
}

/// Splits the heads run in with their text ([`run_in_title`]) into the head and a line of text
/// under it, where the protocol prints its heads so: at least two, and half its heads or more
/// (a title of its own may hold a colon, "Motion: Fri parkering för personal", and no more
/// than a few of a protocol's do).
fn split_run_in_titles(lines: &mut Vec<Line>) {
    let heads = lines
        .iter()
        .filter(|l| l.text.contains('§') && super::items::match_head(&l.text).is_some())
        .count();
    let run_in = lines
        .iter()
        .filter(|l| l.text.contains('§') && run_in_title(&l.text, true).is_some())
        .count();
    if run_in < 2 || run_in * 2 < heads {
        return;
    }
    let mut out = Vec::with_capacity(lines.len() + run_in);
    for l in lines.drain(..) {
        match l
            .text
            .contains('§')
            .then(|| run_in_title(&l.text, false))
            .flatten()
        {
            Some((head, text)) => {
                out.push(Line {
                    no: l.no,
                    page: l.page,
                    text: head,
                });
                out.push(Line {
                    no: l.no,
                    page: l.page,
                    text,
                });
            }
            None => out.push(l),
        }
    }
    *lines = out;
}

/// A line's cells with their columns, untrimmed: in `-layout` text the character column each
/// begins at (cells at least `gap` spaces apart, as [`fragments`] splits them); in a PDF's
/// tabbed line its place among the tabs, times 8 (an empty cell counts for the place of those
/// after it, and is left out).
pub(crate) fn placed_cells(text: &str, gap: usize) -> Vec<(usize, &str)> {
    if text.contains('\t') {
        text.split('\t')
            .enumerate()
            .filter(|(_, c)| !c.trim().is_empty())
            .map(|(i, c)| (i * 8, c))
            .collect()
    } else {
        fragments(text, gap)
    }
}

/// Splits a line into trimmed cells: by tabs when it has any, otherwise by runs of three or more
/// spaces ([`placed_cells`]).
pub(crate) fn cells(text: &str) -> Vec<(usize, String)> {
    placed_cells(text, 3)
        .into_iter()
        .map(|(c, s)| (c, s.trim().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seven_bit_swedish_is_read_with_its_letters() {
        let text = "SAMMANTR[DESPROTOKOLL\nBESLUTANDE   G|ran ]str|m (s), ordf|rande\n\
                    \\VRIGA   Lars \\hman, kommundirekt|r, sj{lv\n| Tabell | [1] |";
        assert_eq!(
            from_seven_bit_swedish(text).as_deref(),
            Some(
                "SAMMANTRÄDESPROTOKOLL\nBESLUTANDE   Göran Åström (s), ordförande\n\
                 ÖVRIGA   Lars Öhman, kommundirektör, själv\n| Tabell | [1] |"
            )
        );
        // text with its own å, ä and ö, or a Markdown table's bars, is none
        assert_eq!(from_seven_bit_swedish("Nämnden | beslut | ja"), None);
        assert_eq!(
            from_seven_bit_swedish("| a | b |\n| c | d |\n|x|y|z|w|v|u|"),
            None
        );
    }

    #[test]
    fn a_documents_rtf_source_is_read_as_its_text() {
        let rtf = "{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}}{\\info{\\title Protokoll}}\n\
            {\\header \\pard LERVIKS KOMMUN\\par}\n\
            \\pard\\plain SAMMANTR\\'c4DESPROTOKOLL\\par\n\
            \\trowd\\cellx2600\\cellx9000\\pard\\intbl Beslutande\\cell \\pard\\intbl Kurt Lindblad (s), ordf\\'f6rande\\line Ragnar \\'d6st (c)\\cell\\row\n\
            {\\pard\\b \\'a7 88\\par}{\\*\\bkmkstart x}{\\pard N\\u228?mnden utser\\~Ragnar \\{\\}\\par}}";
        assert_eq!(
            rtf_to_text(rtf).as_deref(),
            Some(
                "SAMMANTRÄDESPROTOKOLL\nBeslutande\tKurt Lindblad (s), ordförande\n\tRagnar Öst (c)\n§ 88\nNämnden utser Ragnar {}\n"
            )
        );
        assert_eq!(rtf_to_text("Protokoll {\\rtf1}"), None);
    }

    #[test]
    fn a_web_pages_html_source_is_read_as_its_text() {
        let page = "<!DOCTYPE html>\n<html lang=\"sv\"><head><title>Protokoll</title>\
            <script>var a = '<p>';</script></head>\n<body><nav><ul><li>Start</li></ul></nav>\
            <h2>SAMMANTR&Auml;DESPROTOKOLL</h2>\n<table><tr><th>Beslutande</th><td>Jan Ek (S), \
            ordf&ouml;rande<br>Tore Bj&ouml;rk (C)</td></tr>\n<tr><th>Paragrafer</th>\
            <td>&sect;&sect; 1&ndash;5</td></tr></table>\n<h3>&#167; 1 Val av\n  justerare</h3>\
            <p><strong>Beslut</strong></p><p>N&auml;mnden utser&nbsp;Tore Bj&ouml;rk (C) att \
            justera &amp; &foo; protokollet.</p><!-- sida 2 --><footer>Telefon 0660</footer>\
            </body></html>";
        let text = html_to_text(page).unwrap();
        assert_eq!(
            text.trim_end(),
            "SAMMANTRÄDESPROTOKOLL\n\nBeslutande\tJan Ek (S), ordförande\n\tTore Björk (C)\n\
             Paragrafer\t§§ 1–5\n\n§ 1 Val av justerare\n\nBeslut\n\n\
             Nämnden utser Tore Björk (C) att justera & &foo; protokollet."
        );
        assert_eq!(html_to_text("Protokoll\n<b>Beslutande</b> Jan Ek"), None);
    }

    #[test]
    fn a_column_of_labels_before_its_column_of_values_is_set_side_by_side() {
        let raw: Vec<(usize, usize, String)> = "Plats och tid\n\nBeslutande\n\nUtses att justera\n\n\
             Justeringens\nplats och tid\n\nStadshuset, kl. 13.00–16.20\n\nUlla Brink (S), ordförande\n\
             Sven Alm (C)\n\nSven Alm (C)\n\nStadshuset 2026-05-14\n\nUnderskrifter\n\nSekreterare\n\n\
             Ordförande\n\nJusterande\n\n....\nOskar Nyström\n\nParagrafer 41–46\n\n....\nUlla Brink\n\n\
             ....\nSven Alm\n\n§ 41"
            .lines()
            .enumerate()
            .map(|(i, t)| (i + 1, 0, t.to_string()))
            .collect();
        let got: Vec<String> = labels_then_values(&raw)
            .unwrap()
            .into_iter()
            .map(|r| r.2.trim_end().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(
            got,
            [
                "Plats och tid                 Stadshuset, kl. 13.00–16.20",
                "Beslutande                    Ulla Brink (S), ordförande",
                "                              Sven Alm (C)",
                "Utses att justera             Sven Alm (C)",
                "Justeringens plats och tid    Stadshuset 2026-05-14",
                "Underskrifter",
                "Sekreterare      ....",
                "                 Oskar Nyström",
                "Ordförande       ....",
                "                 Ulla Brink",
                "Justerande       ....",
                "                 Sven Alm",
                "Paragrafer 41–46",
                "§ 41",
            ]
        );
        // labels each over its value, as a cell a block, are no column of labels
        let raw: Vec<(usize, usize, String)> =
            "Plats och tid\n\nStadshuset\n\nBeslutande\n\nUlla Brink (S)\n\nUtses att justera\n\nSven Alm (C)"
                .lines()
                .enumerate()
                .map(|(i, t)| (i + 1, 0, t.to_string()))
                .collect();
        assert_eq!(labels_then_values(&raw), None);
    }

    #[test]
    fn a_headings_underline_is_no_rule() {
        let mut raw: Vec<(usize, usize, String)> = [
            "§ 25 Föreningsbidrag 2026",
            "-------------------------",
            "",
            "Dnr FFN 2026/0041",
            "",
            "Protokoll",
            "=========",
            "  Datum   2026-03-17",
            "  -----------------------------------------------",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| (i + 1, 0, t.to_string()))
        .collect();
        setext_underlines(&mut raw);
        let got: Vec<&str> = raw.iter().map(|r| r.2.as_str()).collect();
        assert_eq!(got[1], "");
        assert_eq!(got[6], "");
        // a table's border under a row, wider than it, stays
        assert_eq!(got[8], "  -----------------------------------------------");
    }

    #[test]
    fn an_extraction_tools_metadata_before_the_text_is_none_of_it() {
        let tika = "Content-Length: 211388\nContent-Type: application/pdf\n\
                    X-TIKA:Parsed-By: org.apache.tika.parser.pdf.PDFParser\n\
                    dc:title: Protokoll planeringsutskottet 2026-02-10\n\
                    dcterms:created: 2026-02-12T08:41:17Z\nxmpTPg:NPages: 5\n\n\n\
                    VALLBY KOMMUN Sammanträdesprotokoll 1 (5)\nKommunstyrelsens planeringsutskott";
        assert_eq!(metadata_lines(tika.lines()), 6);
        // a cover's colon labels are no metadata: their keys are words of a sentence
        let cover = "Datum: 2026-09-08\nTid: 09.30–11.45\nPlats: Träffpunkt Solgläntan\n";
        assert_eq!(metadata_lines(cover.lines()), 0);
        let mail = "Från: Anna Ek\nSkickat: den 9 april 2025 10:12\nTill: Registrator\nÄmne: VB: Protokoll";
        assert_eq!(metadata_lines(mail.lines()), 0);
    }

    #[test]
    fn heads_set_as_rows_of_label_and_value_are_heads() {
        let read = |lines: &[&str]| {
            let mut raw: Vec<(usize, usize, String)> = lines
                .iter()
                .enumerate()
                .map(|(i, l)| (i + 1, 0, l.to_string()))
                .collect();
            labelled_heads(&mut raw);
            raw.into_iter().map(|r| r.2).collect::<Vec<_>>()
        };
        assert_eq!(
            read(&[
                "Paragraf\t§ 21",
                "",
                "Ärende\tVal av justerare",
                "Beslut\tNämnden utser …"
            ]),
            ["§ 21   Val av justerare", "", "", "Beslut\tNämnden utser …"]
        );
        assert_eq!(
            read(&[
                "Paragraf nr:    JN § 7",
                "Rubrik:         Kvarnen 5 – rivningslov"
            ]),
            ["JN § 7   Kvarnen 5 – rivningslov", ""]
        );
        assert_eq!(read(&["Paragraf\t12", "Beslut\tX"]), ["§ 12", "Beslut\tX"]);
        // the cover's paragraphs, a sentence citing one, a label with a sentence
        for line in [
            "Paragrafer\t§§ 21-24",
            "Paragraf 12 i reglementet gäller.",
            "Paragraf\tenligt bilaga",
        ] {
            assert_eq!(read(&[line]), [line]);
        }
    }

    #[test]
    fn letter_spaced_words_are_read_as_words() {
        let read = |t: &str| letter_spaced(t).map(|s| s.trim_end().to_string());
        assert_eq!(
            read("B e s l u t a n d e         Elsa Lindqvist (s), ordförande"),
            Some("Beslutande                  Elsa Lindqvist (s), ordförande".into())
        );
        // the columns after it keep their places
        let line =
            "§ 32   B i d r a g  t i l l  s t u d i e f ö r b u n d e n  1 9 8 7      Dnr 86.112";
        let got = read(line).unwrap();
        assert!(got.starts_with("§ 32   Bidrag till studieförbunden 1987   "));
        let column = |s: &str| s[..s.find("Dnr").unwrap()].chars().count();
        assert_eq!(column(&got), column(line));
        assert_eq!(
            read("   A N S L A G / B E V I S"),
            Some("   ANSLAG/BEVIS".into())
        );
        // words, and marks apart in a table's columns, are no letter-spaced word
        assert_eq!(read("Val av justerare i år"), None);
        assert_eq!(read("Anna Berg   X   X   X   X"), None);
        assert_eq!(read("Anna Berg      X X X X"), None);
        assert!(may_be_letter_spaced("P l a t s  o c h  t i d"));
        assert!(!may_be_letter_spaced("Anna i Ås, § 3 a"));
    }

    #[test]
    fn points_numbered_without_paragraph_signs() {
        let raw = |text: &str| -> Vec<(usize, usize, String)> {
            text.lines()
                .enumerate()
                .map(|(i, t)| (i + 1, 0, t.to_string()))
                .collect()
        };
        // an ärendelista of the points first, then the points with their text; a decision's
        // numbered clauses are no points
        let mut r = raw(
            "Dagordning\n1. Mötets öppnande\n2. Budget 2026\n3. Övriga frågor\n\n1. Mötets öppnande\n\nOrdföranden öppnade mötet.\n\n2. Budget 2026\n\nStyrelsen beslutade\n\n1. Budgeten fastställs.\n\n3. Övriga frågor\n\nInga övriga frågor.\n",
        );
        numbered_points(&mut r);
        let heads: Vec<&str> = r
            .iter()
            .map(|(_, _, t)| t.as_str())
            .filter(|t| t.starts_with('§'))
            .collect();
        assert_eq!(
            heads,
            [
                "§ 1 Mötets öppnande",
                "§ 2 Budget 2026",
                "§ 3 Övriga frågor"
            ]
        );
        assert!(r.iter().any(|(_, _, t)| t == "2. Budget 2026"));
        // minutes with paragraph signs keep their numbered lines
        let mut r = raw("§ 1 Val\n\n1. Mötets öppnande\n\n2. Budget\n\n3. Frågor\n");
        let before = r.clone();
        numbered_points(&mut r);
        assert_eq!(r, before);
    }

    #[test]
    fn heads_run_in_with_their_text_after_a_colon() {
        let split = |t: &str| run_in_title(t, true).map(|(h, x)| (h.trim().to_string(), x));
        assert_eq!(
            split("§ 1 Mötets öppnande: Ordföranden hälsade de närvarande välkomna och"),
            Some((
                "§ 1 Mötets öppnande".into(),
                "Ordföranden hälsade de närvarande välkomna och".into()
            ))
        );
        assert_eq!(
            split("§ 5 Delårsrapport (Dnr SVA 2025/31): Beslutades att godkänna rapporten."),
            Some((
                "§ 5 Delårsrapport (Dnr SVA 2025/31)".into(),
                "Beslutades att godkänna rapporten.".into()
            ))
        );
        // a title with a colon of its own, and text after a full stop, are no run-in
        assert_eq!(split("§ 7 Motion: Fri parkering"), None);
        assert_eq!(
            split("§ 3 Information. Förvaltningen: Ekonomi och personal"),
            None
        );
        // a protocol with a head or two whose titles hold a colon keeps them whole
        let mut lines = numbered_lines(
            "§ 1 Val av justerare\n\n§ 2 Svar på motion: Solceller på kommunens tak i Åby\n\n§ 3 Budget 2026\n\n§ 4 Rapporter\n",
        );
        let before = lines.clone();
        split_run_in_titles(&mut lines);
        assert_eq!(lines, before);
        let mut lines = numbered_lines(
            "§ 1 Mötets öppnande: Ordföranden förklarade mötet öppnat.\n§ 2 Val av justerare: Till justerare utsågs Eva Ek.\n",
        );
        split_run_in_titles(&mut lines);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "§ 1 Mötets öppnande",
                "Ordföranden förklarade mötet öppnat.",
                "§ 2 Val av justerare",
                "Till justerare utsågs Eva Ek."
            ]
        );
    }

    #[test]
    fn a_web_pages_closing_lines_end_the_last_paragraph() {
        let mut lines = numbered_lines(
            "§ 34 Bidrag\nBeslut\nNämnden fördelar bidragen.\n\nSkriv ut\nDela\nFacebook\n\nSenast uppdaterad: 2026-05-26\nVallmora kommun\n",
        );
        web_page_tail(&mut lines);
        let kept: Vec<&str> = lines
            .iter()
            .map(|l| l.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(
            kept,
            vec!["§ 34 Bidrag", "Beslut", "Nämnden fördelar bidragen."]
        );
        // the links on one line
        let mut lines = numbered_lines("§ 5 Bidrag\nNämnden fördelar bidragen.\nSkriv ut Dela\n");
        web_page_tail(&mut lines);
        assert_eq!(lines[2].text, "");
        assert_eq!(web_page_closings("Skriv ut dem alla"), 0);
        // one such word alone in the text is no closing
        let mut lines = numbered_lines("§ 34 Bidrag\nDela\nNämnden fördelar bidragen.\n");
        web_page_tail(&mut lines);
        assert_eq!(lines[1].text, "Dela");
    }

    #[test]
    fn heads_whose_sign_a_scan_read_as_s_or_5_are_heads_in_their_run() {
        let mut raw: Vec<(usize, usize, String)> = [
            " S 45",
            " Val av justerare",
            " 5 46     Dnr 2007/0231",
            " S 47",
            " 5 12 elever har sökt",
            " § 48     Dnr 2007/0240",
            " 5 50",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| (i + 1, 0, t.to_string()))
        .collect();
        misread_signs(&mut raw);
        let got: Vec<&str> = raw.iter().map(|(_, _, t)| t.as_str()).collect();
        assert_eq!(got[0], "§ 45");
        assert_eq!(got[1], " Val av justerare");
        assert_eq!(got[2], "§ 46     Dnr 2007/0231");
        assert_eq!(got[3], "§ 47");
        // a sentence opening with a number, and a number out of the run, stay
        assert_eq!(got[4], " 5 12 elever har sökt");
        assert_eq!(got[6], " 5 50");
        // two such lines alone are no run
        let mut two: Vec<(usize, usize, String)> =
            vec![(1, 0, "S 1".to_string()), (2, 0, "5 2".to_string())];
        misread_signs(&mut two);
        assert_eq!(two[0].2, "S 1");
    }

    #[test]
    fn a_cover_label_split_by_a_scan_is_rejoined() {
        assert_eq!(
            split_label("Ersätt are           Lena Nord (s)").as_deref(),
            Some("Ersättare            Lena Nord (s)")
        );
        assert_eq!(
            split_label("Övriga delt agande   Kjell Ås").as_deref(),
            Some("Övriga deltagande    Kjell Ås")
        );
        // a label as printed, or a name, stays
        assert_eq!(split_label("Plats och tid   Kommunhuset"), None);
        assert_eq!(split_label("Anna Berg (S)   ordförande"), None);
    }

    #[test]
    fn a_roman_numeral_before_a_colon_is_no_scans_digits() {
        assert_eq!(scanned_digits("på fastigheten Lövsta II:4"), None);
        assert_eq!(scanned_digits("Kv. Berga III:12 och etapp II"), None);
        assert_eq!(
            scanned_digits("Bäckby I:4, l987-O3-l7").as_deref(),
            Some("Bäckby 1:4, 1987-03-17")
        );
        assert_eq!(scanned_digits("kl Il.3O").as_deref(), Some("kl 11.30"));
    }

    #[test]
    fn a_scans_letters_for_digits_are_read_as_digits() {
        let fix = |t: &str| scanned_digits(t).unwrap_or_else(|| t.to_string());
        assert_eq!(fix(" § l4   Dnr 87.O2l"), " § 14   Dnr 87.021");
        assert_eq!(
            fix("Sammanträdesdatum\tl987-O3-l7"),
            "Sammanträdesdatum\t1987-03-17"
        );
        assert_eq!(fix("kl l3.3O - l6.l5,"), "kl 13.30 - 16.15,");
        assert_eq!(
            fix("fastigheten Bäckby l:4, samt"),
            "fastigheten Bäckby 1:4, samt"
        );
        assert_eq!(fix("(2O nötkreatur)"), "(20 nötkreatur)");
        assert_eq!(fix("Datum f6r anslags"), "Datum för anslags");
        // words of letters, and numbers with letters of their own, stay
        for t in [
            "Ol Persson",
            "IO-gruppen",
            "CO2-utsläpp",
            "väg E4",
            "l",
            "Bil 6",
            "A6b",
            "10 l mjölk",
        ] {
            assert_eq!(fix(t), t);
        }
        assert!(!may_have_scanned_digits(
            b"Kommunstyrelsen 2025-03-17 kl. 13.00"
        ));
        assert!(may_have_scanned_digits(b"\xc2\xa7 l4"));
        assert!(may_have_scanned_digits("Bäckby l:4".as_bytes()));
    }

    fn texts(doc: &Doc) -> Vec<&str> {
        doc.lines
            .iter()
            .map(|l| l.trimmed())
            .filter(|t| !t.is_empty())
            .collect()
    }

    #[test]
    fn a_page_top_on_one_page_only_goes_by_its_page_number() {
        let input = "GRANVIKS ENERGI AB\n\n§ 7 Investering i ny panncentral\n\u{c}\
                     Granviks Energi AB, styrelsen\tSida 2 av 2\tStyrelsesammanträde 2025-10-15\n\
                     Text om investeringen.\n";
        let doc = normalise(input);
        assert_eq!(
            texts(&doc),
            vec![
                "GRANVIKS ENERGI AB",
                "§ 7 Investering i ny panncentral",
                "Text om investeringen."
            ]
        );
        // a page's first line of text with a page reference in a cell stays
        let input = "Rubrik\n\u{c}Se bilaga 3 för detaljer om beslutet.\tSida 2 av 2\n";
        assert!(
            texts(&normalise(input))
                .contains(&"Se bilaga 3 för detaljer om beslutet.\tSida 2 av 2")
        );
    }

    #[test]
    fn strips_lomma_page_furniture_and_right_column() {
        let input = "BUN                                 SAMMANTRÄDESPROTOKOLL\n\
                     BUN § 25                            Sida 4 av 9\n\
                     \n\
                     \x20                                   Sammanträdesdatum\n\
                     \x20                                   2024-05-14\n\
                     \n\
                     Marie Nilsson (M) ordförande        Sammanträdesdatum\n\
                     Bert Larsson (M) 1:e vice ordförande        2024-05-14\n\
                     Justerande                          Utdragsbestyrkande\n\
                     Protokollet har justerats digitalt\n\
                     \x0cBUN                                 SAMMANTRÄDESPROTOKOLL\n\
                     BUN § 26                            Sida 5 av 9\n\
                     Text\n";
        let doc = normalise(input);
        assert_eq!(doc.meeting_date, NaiveDate::from_ymd_opt(2024, 5, 14));
        assert_eq!(
            texts(&doc),
            vec![
                "BUN § 25",
                "Marie Nilsson (M) ordförande",
                "Bert Larsson (M) 1:e vice ordförande",
                "BUN § 26",
                "Text"
            ]
        );
        assert_eq!(doc.header_line.as_deref(), Some("BUN"));
        assert!(doc.classic);
    }

    #[test]
    fn a_page_top_naming_the_document_is_stripped_but_names_no_body() {
        let input = "SAMMANTRÄDESPROTOKOLL      Sida\nKommunstyrelsen   2025-03-11\n\n§ 1\nText\nSAMMANTRÄDESPROTOKOLL      Sida\n§ 2\nText\nSAMMANTRÄDESPROTOKOLL      Sida\n§ 3\n";
        let doc = normalise(input);
        assert!(
            !texts(&doc)
                .iter()
                .any(|t| t.contains("SAMMANTRÄDESPROTOKOLL"))
        );
        assert_eq!(doc.header_line, None);
        assert!(is_document_kind("Protokollsutdrag 2 (9)"));
        assert!(is_document_kind("Sammanträdesdatum"));
        assert!(!is_document_kind("Kommunstyrelsen"));
        assert!(!is_document_kind("Protokoll Kommunstyrelsen"));
    }

    #[test]
    fn a_page_top_with_a_date_and_page_number_names_the_body_and_the_date() {
        assert_eq!(
            page_top_key("Kommunstyrelsens arbetsutskott      2025-05-06      2 (4)"),
            "Kommunstyrelsens arbetsutskott"
        );
        assert_eq!(
            page_top_key("Linnestads kommun     Protokoll"),
            "Linnestads kommun"
        );
        assert_eq!(page_top_key("Direktionen"), "Direktionen");
        // the protocol's number is the document's, the body's name before the date its own
        assert_eq!(
            page_top_key("Samordningsförbundet Åsen\tPROTOKOLL nr 4/2025"),
            "Samordningsförbundet Åsen"
        );
        assert_eq!(page_top_key("Styrelsen 2025-09-19"), "Styrelsen");
        assert_eq!(
            page_top_key("Kommunfullmäktige\tProtokoll 2025-06-16"),
            "Kommunfullmäktige"
        );
        assert_eq!(
            page_top_key("Sammanträdesdatum 2025-09-19"),
            "Sammanträdesdatum 2025-09-19"
        );
        // sign boxes beside the authority's name are a page foot; the name alone is not
        assert!(is_furniture_row(
            "Ordf. sign ........   Just. sign ........\tSamordningsförbundet Åsen"
        ));
        assert!(!is_furniture_row("Beslutande\tSamordningsförbundet Åsen"));
        assert!(!is_furniture_row(
            "Region Väst · Kulturnämnden · 2025-04-24\tSida 1 av 3"
        ));
        let page = |n: usize| {
            format!(
                "Linnestads kommun        Protokoll\nKommunstyrelsens arbetsutskott      2025-05-06      {n} (3)\n\n§ {n}\nText\n"
            )
        };
        let input = [page(1), page(2), page(3)].join("\u{c}");
        let doc = normalise(&input);
        assert_eq!(
            texts(&doc),
            vec!["§ 1", "Text", "§ 2", "Text", "§ 3", "Text"]
        );
        assert_eq!(
            doc.header_line.as_deref(),
            Some("Kommunstyrelsens arbetsutskott")
        );
        assert_eq!(
            doc.letterhead_date,
            Some((NaiveDate::from_ymd_opt(2025, 5, 6).unwrap(), 2))
        );
    }

    #[test]
    fn strips_a_letterhead_of_several_lines_on_every_page() {
        let page = |n: usize, body: &str| {
            format!("PROTOKOLLSUTDRAG\nÄlvnäs kommun\nBygg- och miljönämnden\n\n§ {n}\n{body}\n")
        };
        let input = [
            page(1, "Text ett"),
            page(2, "Sökanden"),
            page(3, "Bygg- och miljönämnden beslutar"),
        ]
        .concat();
        let doc = normalise(&input);
        assert_eq!(
            texts(&doc),
            vec![
                "§ 1",
                "Text ett",
                "§ 2",
                "Sökanden",
                "§ 3",
                "Bygg- och miljönämnden beslutar"
            ]
        );
        assert_eq!(doc.header_line.as_deref(), Some("Bygg- och miljönämnden"));
        // A line under the page top on one page only is text.
        let input = "Direktionen\nIntro\n\n§ 1\nDirektionen\nA\n§ 2\nDirektionen\nB\n";
        let doc = normalise(input);
        assert!(texts(&doc).contains(&"Intro"));
        assert!(texts(&doc).contains(&"A"));
    }

    #[test]
    fn strips_a_repeated_page_top_without_form_feeds() {
        let input = "Direktionen\n\nPlats och tid\tZoom\n\nDirektionen\n\n§ 1\n\nText\nJusterandes sign\n\nUtdragsbestyrkande\n\nDirektionen\n\nMore text\nJusterandes sign _____ Utdragsbestyrkande _____\n";
        let doc = normalise(input);
        assert_eq!(
            texts(&doc),
            vec!["Plats och tid\tZoom", "§ 1", "Text", "More text"]
        );
        assert_eq!(doc.header_line.as_deref(), Some("Direktionen"));
        let more = doc
            .lines
            .iter()
            .find(|l| l.trimmed() == "More text")
            .unwrap();
        assert_eq!(more.page, 2);
    }

    /// A letterhead of the authority over the body's name with "Sammanträdesdag <date>" right
    /// of it and the page as "Blad N" under it, repeated on every page: all furniture, with and
    /// without form feeds, and the body's name (not the authority's) is the header.
    #[test]
    fn strips_a_letterhead_with_the_meeting_day_and_blad_numbers() {
        let page = |n: usize| {
            format!(
                "LOMMA KOMMUN                                    PROTOKOLL\n\
                 Barn- och utbildningsnämnden                    Sammanträdesdag 2024-05-14\n\
                 \x20                                               Blad {n}\n\n"
            )
        };
        for ff in ["", "\u{c}"] {
            let input = format!(
                "{}§ 1   Val\nText ett.\n{ff}{}§ 2   Info\nText två.\n{ff}{}Text tre.\n",
                page(1),
                page(2),
                page(3)
            );
            let doc = normalise(&input);
            assert_eq!(
                texts(&doc),
                vec![
                    "§ 1   Val",
                    "Text ett.",
                    "§ 2   Info",
                    "Text två.",
                    "Text tre."
                ],
                "{ff:?}"
            );
            assert_eq!(
                doc.header_line.as_deref(),
                Some("Barn- och utbildningsnämnden"),
                "{ff:?}"
            );
            assert_eq!(doc.meeting_date, NaiveDate::from_ymd_opt(2024, 5, 14));
        }
    }

    #[test]
    fn splits_run_in_headings() {
        let doc = normalise("IT-chefen informerarSammanfattning av ärendet\nText");
        assert_eq!(
            texts(&doc),
            vec!["IT-chefen informerar", "Sammanfattning av ärendet", "Text"]
        );
        let doc = normalise("Budget 2024Kommunstyrelsens beslut\nText");
        assert_eq!(
            texts(&doc),
            vec!["Budget 2024", "Kommunstyrelsens beslut", "Text"]
        );
    }

    #[test]
    fn keeps_ordinary_gaps_and_tables() {
        let doc = normalise(
            "M                                             M, C, KD, L\nersättare i  nedanstående",
        );
        assert_eq!(texts(&doc).len(), 2);
        assert!(texts(&doc)[0].starts_with("M "));
    }

    #[test]
    fn byte_scans_see_sequences_across_blocks() {
        for pad in 28..36 {
            let a = "a".repeat(pad);
            assert!(needs_cleaning(&format!("{a}\u{a0}x")), "{pad}");
            assert!(needs_cleaning(&format!("{a}\u{200b}x")), "{pad}");
            assert!(needs_cleaning(&format!("{a}</i>")), "{pad}");
            assert!(!needs_cleaning(&format!("{a}– ”x” <b\n\t")), "{pad}");
            assert!(may_need_nfc(&format!("{a}e\u{301}")), "{pad}");
            assert!(!may_need_nfc(&format!("{a}åäö–”")), "{pad}");
            assert!(has_run_in(&format!("{a}”Är")), "{pad}");
            assert!(has_run_in(&format!("{a}åÖ")), "{pad}");
            assert!(has_run_in(&format!("{a}9.)B")), "{pad}");
            assert!(!has_run_in(&format!("{a} Ö-B –C")), "{pad}");
        }
    }

    #[test]
    fn numbers_in_a_margin_column_under_a_sign_are_heads() {
        let mut raw: Vec<(usize, usize, String)> = [
            "Kommunstyrelsen",
            "§                         Dnr",
            "23    Budget 2024         KS 2024/15",
            "      1   Ett stycke i texten",
            "      Beslut",
            "24    Detaljplan",
            "12    Tidigare nummer",
            "25    ",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| (i + 1, 0, (*t).to_string()))
        .collect();
        margin_heads(&mut raw);
        let mut tabbed: Vec<(usize, usize, String)> = [
            "§\tÄrende\tDnr",
            "101\tVal av justerare",
            "\tBeslut",
            "7\tTidigare",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| (i + 1, 0, (*t).to_string()))
        .collect();
        margin_heads(&mut tabbed);
        let tabbed: Vec<&str> = tabbed.iter().map(|r| r.2.as_str()).collect();
        assert_eq!(
            tabbed,
            ["", "§ 101\tVal av justerare", "\tBeslut", "7\tTidigare"]
        );
        let texts: Vec<&str> = raw.iter().map(|r| r.2.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Kommunstyrelsen",
                "",
                "§ 23    Budget 2024         KS 2024/15",
                "      1   Ett stycke i texten",
                "      Beslut",
                "§ 24    Detaljplan",
                "12    Tidigare nummer",
                "25    ",
            ]
        );
    }

    #[test]
    fn items_numbered_without_a_sign_are_heads() {
        let lines = |ts: &[&str]| -> Vec<(usize, usize, String)> {
            ts.iter()
                .enumerate()
                .map(|(i, t)| (i + 1, 0, (*t).to_string()))
                .collect()
        };
        let mut raw = lines(&[
            "Ärende 1   Val",
            "Text om ärende 5.",
            "Ärende 2",
            "ÄRENDE 3\tBudget",
        ]);
        item_heads(&mut raw);
        let texts: Vec<&str> = raw.iter().map(|r| r.2.as_str()).collect();
        assert_eq!(
            texts,
            ["§ 1   Val", "Text om ärende 5.", "§ 2", "§ 3\tBudget"]
        );
        // beside paragraph heads, counted down, or alone: as printed
        for ts in [
            &["§ 4  Val", "Ärende 1   Val", "Ärende 2   Budget"][..],
            &["Ärende 2   Val", "Ärende 1   Budget"][..],
            &["Ärende 1   Val"][..],
            &["Ärende 1 gäller", "Ärende 2 gäller"][..],
        ] {
            let mut raw = lines(ts);
            item_heads(&mut raw);
            assert!(raw.iter().zip(ts).all(|(r, t)| r.2 == *t), "{ts:?}");
        }
    }

    #[test]
    fn head_forms_are_written_as_sign_then_number() {
        for (printed, want) in [
            ("12 §  Val av justerare", Some("§ 12  Val av justerare")),
            ("  12§", Some("  § 12")),
            ("13 § Dnr 2024/77", Some("§ 13 Dnr 2024/77")),
            ("Ärende 1 § 12 Budget", Some("§ 12 Budget")),
            ("4. § 31 Budgetuppföljning", Some("§ 31 Budgetuppföljning")),
            ("4) § 31 Budgetuppföljning", Some("§ 31 Budgetuppföljning")),
            ("4. § 31 i kommunallagen", None),
            ("ÄRENDE 1 (§ 12)  Budget", Some("§ 12  Budget")),
            ("Ärende nr 3, § 14", Some("§ 14")),
            ("Punkt 2 – § 13: Budget", Some("§ 13: Budget")),
            ("§ 12 (ärende 1) Budget", Some("§ 12 Budget")),
            ("KS § 12 Ärende 1  Budget", Some("KS § 12  Budget")),
            ("§ 12/2024  Budget", Some("§ 12  Budget")),
            ("KS § 12/2024", Some("KS § 12")),
            ("Paragraf 88", Some("§ 88")),
            (
                "Dnr UN 2025/301                                            § 72",
                Some("§ 72   Dnr UN 2025/301"),
            ),
            (
                "Budget 2026                                             KS § 45",
                Some("KS § 45   Budget 2026"),
            ),
            // a PDF's row, its cells apart by a tab
            ("Val av justerare\t§ 88", Some("§ 88   Val av justerare")),
            ("Parti\tLedamot\tNärv\t§ 65", None),
            ("Paragrafer\t§ 79", None),
            (
                "KOMMUNSTYRELSEN             2025-03-05                     § 45",
                None,
            ),
            (
                "Parti   Ledamot                    Närv   Ersättare       Närv   § 65",
                None,
            ),
            (
                "Kommunstyrelsens arbetsutskott                                 § 12",
                None,
            ),
            ("PARAGRAF 89  Taxa 2025", Some("§ 89  Taxa 2025")),
            ("Paragraf 12 i reglementet anger", None),
            ("Paragrafen 12", None),
            ("Paragrafer 12-14", None),
            // text, references and other paragraphs' forms stay as printed
            ("12 § kommunallagen gäller", None),
            ("6 kap. 12 § KL", None),
            ("§ 2/25 gäller", None),
            ("§ 30/25 Val av justerare", Some("§ 30 Val av justerare")),
            ("§ 30/25", None),
            ("- KF § 44/24 Beslut om investeringar", None),
            ("§ 12/20245", None),
            ("§ 12 Budget", None),
            ("§§ 1-12", None),
            ("Ärendet § 12 Budget", None),
            ("Ärende 1 Budget § 12", None),
            ("1234567 § Budget", None),
        ] {
            assert_eq!(head_form(printed).as_deref(), want, "{printed}");
        }
    }

    proptest::proptest! {
        /// Any line around a `§` and an item word: no panic, and a head comes back as `§ N`.
        #[test]
        fn head_form_never_panics(
            before in "\\PC{0,12}",
            word in proptest::sample::select(vec!["", "Ärende ", "ärende nr ", "Punkt ", "(", "12 "]),
            after in "\\PC{0,16}",
        ) {
            let line = format!("{before}{word}§{after}");
            if let Some(h) = head_form(&line) {
                proptest::prop_assert!(h.contains("§ "), "{line:?} → {h:?}");
            }
        }
    }

    #[test]
    fn unmarks_markdown_conversions() {
        assert_eq!(unmark("## **Beslutande** "), vec!["Beslutande "]);
        assert_eq!(unmark("|§|61|Titel||6 - 7|"), vec!["§ 61\tTitel\t\t6 - 7"]);
        assert_eq!(unmark("|---|---|"), vec![""]);
        assert_eq!(
            unmark("Gatubelysning i centrum**Sammanfattning**"),
            vec!["Gatubelysning i centrum", "Sammanfattning"]
        );
        assert_eq!(unmark("Text <!-- sida 4 --> mer"), vec!["Text   mer"]);
        assert_eq!(unmark("a<br>b"), vec!["a b"]);
        assert_eq!(
            unmark("Justerandes sign ____"),
            vec!["Justerandes sign ____"]
        );
    }

    #[test]
    fn reads_pandoc_markdown() {
        // escapes, a hard line break, en dashes written "--"
        assert_eq!(
            unescape_markdown("1\\. Nämnden antar planen 2025--2027 kl. 13.15--16.40\\"),
            Some("1. Nämnden antar planen 2025–2027 kl. 13.15–16.40".to_string())
        );
        assert_eq!(unescape_markdown("<!-- sida 2 -->"), None);
        assert_eq!(unescape_markdown("-----"), None);
        // italics, never a bullet, a signature line or a word's underscore
        assert_eq!(unmark("*Beslut*"), vec!["Beslut"]);
        assert_eq!(unmark("_Reservation_"), vec!["Reservation"]);
        assert_eq!(unmark("* punkt ett"), vec!["* punkt ett"]);
        assert_eq!(
            unmark("Sekreterare ____ Eva Sand"),
            vec!["Sekreterare ____ Eva Sand"]
        );
        assert_eq!(unmark("eva_sand@borgsjo.se"), vec!["eva_sand@borgsjo.se"]);
        // a grid table: the borders blank, a cell's wrapped lines one, its hard breaks lines
        let grid = "+----------+----------------------+\n\
                    | **Beslu- | Anna Berg (M)\\       |\n\
                    | tande**  | Per Ek (S), ers för  |\n\
                    |          | Bo Ahl (S)           |\n\
                    +----------+----------------------+\n\
                    | Justerare| Per Ek               |\n\
                    +----------+----------------------+";
        assert_eq!(
            grid_tables(grid).unwrap(),
            "\n| **Beslutande** | Anna Berg (M) |\n|  | Per Ek (S), ers för Bo Ahl (S) |\n\n\n| Justerare | Per Ek |\n"
        );
    }

    #[test]
    fn reads_a_web_page_saved_as_text() {
        // navigation goes, a link within a line keeps its text, references go
        assert_eq!(
            without_links("   [3]Startsida > [4]Protokoll"),
            Some(String::new())
        );
        assert_eq!(
            without_links("     * [6]Tjänsteskrivelse (pdf, 312 kB)"),
            Some("     * Tjänsteskrivelse (pdf, 312 kB)".to_string())
        );
        assert_eq!(
            without_links("  10. https://www.molnvika.se/kakor.html"),
            Some(String::new())
        );
        // brackets that are no link marks stay
        assert_eq!(without_links("Bilaga [1] till § 36"), None);
        assert_eq!(without_links("Summa 12. Tre punkter"), None);
    }

    /// `FURNITURE` before `INFORMATIONSKLASS` was split out of it.
    static FURNITURE_ORIGINAL: LazyLock<Regex> = LazyLock::new(|| {
        crate::parse::pattern::regex(
            r"(?ix)^(?:
            (?:kommunens\s+)?sammanträdesprotokoll(?:\s+\d{4}-\d{2}-\d{2})?
          | protokoll(?:\s+\d{4}-\d{2}-\d{2})?
          | sida\s*\d{1,3}\s*(?:av|/|\()\s*\d{1,3}\)?
          | sid(?:a|\.)?\s*\d{1,3}(?:\s*\(\d{1,3}\))?
          | blad\s*\d{1,3}(?:\s*(?:av|/|\()\s*\d{1,3}\)?)?
          | \d{1,3}\s*\(\d{1,3}\)
          | justerandes?\s+sign\w*\.?
          | justerares?\s+sign\w*\.?
          | ordförandes?\s+sign\w*\.?
          | sekreterarens?\s+sign\w*\.?
          | utdragsbestyrkande
          | transaktion\s+\d{10,}.*
          | (?:dokument-?id|document\s+id|verifikations?-?(?:id|nummer))\s*:?\s*[\w\-]{6,}
          | informationsklass\s*:?\s*(?:\d\s*[-–]?\s*)?[\p{L}\s]{0,30}
          | protokollet\s+har\s+justerats\s+digitalt
          | protokollet\s+är\s+justerat\s+digitalt
        )[\s_.:]*$",
        )
        .expect("regex")
    });

    fn split_furniture(t: &str) -> bool {
        FURNITURE.is_match(t) || is_furniture_apart(t)
    }

    #[test]
    fn a_meeting_date_cell_beside_the_page_top_line_is_furniture() {
        let date = NaiveDate::from_ymd_opt(2024, 3, 5);
        assert_eq!(
            strip_date_cell("Direktionen\tSammanträdesdatum 2024-03-05", date).as_deref(),
            Some("Direktionen")
        );
        // Another date, the label alone, or the label as the first cell: kept.
        assert_eq!(
            strip_date_cell("Direktionen\tSammanträdesdatum 2024-03-06", date),
            None
        );
        assert_eq!(strip_date_cell("Organ\tSammanträdesdatum", date), None);
        assert_eq!(
            strip_date_cell("Sammanträdesdatum 2024-03-05\tDirektionen", date),
            None
        );
        assert_eq!(
            strip_date_cell("Direktionen\tSammanträdesdatum 2024-03-05", None),
            None
        );
    }

    #[test]
    fn furniture_split_answers_as_the_original() {
        for n in [0, 1, 29, 30, 31, 32, 40] {
            let letters = "ab c".repeat(n / 4 + 1)[..n].to_string();
            for line in [
                format!("Informationsklass: {letters}"),
                format!("INFORMATIONSKLASS 2 - {letters}  "),
                format!("Informationsklaſſ:{letters}."),
                format!("informationsklass{letters}_"),
                format!("Protokoll {letters}"),
                format!("Justerandes sign{letters}"),
                format!("JUSTERARE  signatur{letters}._ :"),
                format!("ordförandes sign{letters}"),
                format!("Dokument-ID: {letters}"),
                format!("Document id  {letters}__"),
                format!("Verifikationsnummer:{letters}"),
                format!("verifikationsid {letters}-x"),
                "Dokumentid: ab_cd_".to_string(),
                "Dokumentid: abcde_".to_string(),
                "Dokumentid: abcdef.".to_string(),
                "Sida 3 av 12".to_string(),
                "Blad 3".to_string(),
                "BLAD 2 (9)".to_string(),
                "Bladet 3".to_string(),
                "Justerandes sign".to_string(),
                "Justerandes ſign.".to_string(),
                "Justerandes sign..".to_string(),
                "Justerandes sign ej".to_string(),
            ] {
                assert_eq!(
                    split_furniture(&line),
                    FURNITURE_ORIGINAL.is_match(&line),
                    "{line:?}"
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]
        #[test]
        fn furniture_split_answers_as_the_original_on_any_line(
            line in "(Informationsklass|INFORMATIONSKLASS|informationsklaſs|Protokoll|Sida|Justerandes sign|Sekreterarens  SIGN|Ordförande sign|Dokument-id|Document id|Verifikationsnummer|)[ :0-9\\-–a-zåäöA-Z\t_.]{0,45}"
        ) {
            proptest::prop_assert_eq!(split_furniture(&line), FURNITURE_ORIGINAL.is_match(&line));
        }
    }

    #[test]
    fn text_without_swedish_letters_has_its_lexicons_words_spelled() {
        let text = "Socialnamnden\nNarvarande ersattare: Orjan Dahl (M)\nTjanstgorande ersattare: Linnea Hagg (V) for Bjorn Lovgren (V)\n\n§ 12 Riktlinjer for forsorjningsstod\nSocialnamnden beslutar.\n";
        let got = restore_folded_words(text).unwrap();
        assert_eq!(
            got,
            "Socialnämnden\nNärvarande ersättare: Orjan Dahl (M)\nTjänstgörande ersättare: Linnea Hagg (V) för Bjorn Lovgren (V)\n\n§ 12 Riktlinjer for forsorjningsstod\nSocialnämnden beslutar.\n"
        );
        // text with Swedish letters is as printed
        assert_eq!(restore_folded_words("Socialnämnden, for pa ar"), None);
        // unless a scan lost them in the cover's label words
        let text = "Sammantradesdatum 2003-05-14\nOvriga deltagande Lennart Fors (fp), ersattare\nDatum for anslags uppsattande 2003-05-20\nJusterare Rolf Sjöberg\n\n§ 41 Taxa for ar 2004\n";
        assert_eq!(
            restore_folded_words(text).unwrap(),
            "Sammanträdesdatum 2003-05-14\nÖvriga deltagande Lennart Fors (fp), ersättare\nDatum för anslags uppsättande 2003-05-20\nJusterare Rolf Sjöberg\n\n§ 41 Taxa for ar 2004\n"
        );
    }

    #[test]
    fn fragments_split_on_gaps() {
        let f = fragments("ab  cd   ef", 2);
        assert_eq!(f, vec![(0, "ab"), (4, "cd"), (9, "ef")]);
        let f = fragments("åäö  x", 2);
        assert_eq!(f, vec![(0, "åäö"), (5, "x")]);
    }
}
